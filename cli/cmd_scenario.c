/*
 * cityrank scenario SUBCOMMAND: the saved scenarios from the command
 * line.  Every subcommand that writes does one transaction (store.c) or
 * one atomic rename (export), so a failure changes nothing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "emit.h"
#include "saved_text.h"
#include "tables.h"
#include "xmalloc.h"

/* A scenario file is small: more than this is not one. */
#define SCENARIO_FILE_MAX	(1024 * 1024)

static const char scenario_help[] =
"usage: cityrank [--db FILE] scenario list\n"
"       cityrank scenario show NAME\n"
"       cityrank scenario save NAME [--note TEXT] [--force]\n"
"                [--scenario S] [--preset P] [--weights ...]\n"
"                [--normalize M] [--aggregate M] [--year Y]\n"
"       cityrank scenario rename OLD NEW\n"
"       cityrank scenario delete NAME\n"
"       cityrank scenario diff A B\n"
"       cityrank scenario export NAME [-o FILE]\n"
"       cityrank scenario import FILE [--force]\n"
"\n"
"Scenarios live in $XDG_DATA_HOME/cityrank/scenarios.db (else\n"
"~/.local/share/cityrank/); NAME may also be a preset of the data set.\n"
"See doc/scenarios.md.\n";

static int
nargs_is(struct cli *c, int n, const char *usage)
{
	if (c->nargs - 1 == n)
		return (1);
	cli_error("usage: cityrank scenario %s", usage);
	return (0);
}

/* Look NAME up, say why not. */
static struct cr_saved *
find(struct cli *c, const char *name)
{
	struct cr_saved	*v;
	char		*why = NULL;

	if (session_find(c->sess, name, &v, &why) != 0) {
		cli_error("%s", why);
		free(why);
		return (NULL);
	}
	return (v);
}

static int
fail(char *why)
{
	cli_error("%s", why);
	free(why);
	return (CR_EXIT_FAIL);
}

static int
sc_list(struct cli *c)
{
	struct out_table	 t;
	struct cr_saved		**list, *last = NULL;
	size_t			 n;
	char			*why = NULL;

	if (!nargs_is(c, 0, "list"))
		return (CR_EXIT_USAGE);
	/* Presets are listed even when the file cannot be read. */
	if (session_list(c->sess, &list, &n, &why) != 0) {
		cli_error("%s", why);
		free(why);
	} else if (session_last(c->sess, &last, NULL) != 0)
		last = NULL;
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_scenario_list(c->sess, list, n, last, &t);
	session_list_free(list, n);
	cr_saved_free(last);
	return (cli_print(c, &t));
}

static int
sc_show(struct cli *c)
{
	struct out_table	 t;
	struct cr_saved		*v;

	if (!nargs_is(c, 1, "show NAME"))
		return (CR_EXIT_USAGE);
	if ((v = find(c, c->args[1])) == NULL)
		return (CR_EXIT_USAGE);
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_scenario_show(c->sess, v, &t);
	cr_saved_free(v);
	return (cli_print(c, &t));
}

static int
sc_save(struct cli *c)
{
	char	*why = NULL;

	if (!nargs_is(c, 1, "save NAME [--note TEXT] [--force]"))
		return (CR_EXIT_USAGE);
	if (cr_dataset_preset(c->sess->ds, c->args[1]) != NULL) {
		cli_error("'%s' is a preset of the data set; choose another "
		    "name", c->args[1]);
		return (CR_EXIT_USAGE);
	}
	if (session_save(c->sess, c->args[1], c->note, c->force, &why) != 0)
		return (fail(why));
	emit_line(stdout, "saved '%s'", c->sess->sc->name);
	return (CR_EXIT_OK);
}

static int
sc_rename(struct cli *c)
{
	char	*why = NULL;

	if (!nargs_is(c, 2, "rename OLD NEW"))
		return (CR_EXIT_USAGE);
	if (cr_dataset_preset(c->sess->ds, c->args[2]) != NULL) {
		cli_error("'%s' is a preset of the data set; choose another "
		    "name", c->args[2]);
		return (CR_EXIT_USAGE);
	}
	if (session_rename(c->sess, c->args[1], c->args[2], &why) != 0)
		return (fail(why));
	return (CR_EXIT_OK);
}

static int
sc_delete(struct cli *c)
{
	char	*why = NULL;

	if (!nargs_is(c, 1, "delete NAME"))
		return (CR_EXIT_USAGE);
	if (session_delete(c->sess, c->args[1], &why) != 0)
		return (fail(why));
	return (CR_EXIT_OK);
}

static int
sc_diff(struct cli *c)
{
	struct out_table	 t;
	struct cr_saved		*a, *b = NULL;
	char			*why = NULL;
	int			 rc;

	if (!nargs_is(c, 2, "diff A B"))
		return (CR_EXIT_USAGE);
	if ((a = find(c, c->args[1])) == NULL ||
	    (b = find(c, c->args[2])) == NULL) {
		cr_saved_free(a);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	rc = table_scenario_diff(c->sess, a, b, &t, &why);
	cr_saved_free(a);
	cr_saved_free(b);
	if (rc != 0) {
		out_free(&t);
		return (fail(why));
	}
	return (cli_print(c, &t));
}

static int
sc_export(struct cli *c)
{
	struct cr_saved	*v;
	char		*text, *why = NULL;
	int		 rc = CR_EXIT_OK;

	if (!nargs_is(c, 1, "export NAME [-o FILE]"))
		return (CR_EXIT_USAGE);
	if ((v = find(c, c->args[1])) == NULL)
		return (CR_EXIT_USAGE);
	text = cr_saved_format(v);
	cr_saved_free(v);
	/* The file escapes what it must, so the layer changes nothing. */
	if (c->scenario_out == NULL)
		emit_text(stdout, text);
	else if (access(c->scenario_out, F_OK) == 0 && !c->force) {
		cli_error("%s exists; not overwritten (use --force)",
		    c->scenario_out);
		rc = CR_EXIT_USAGE;
	} else if (cli_write_file(c->scenario_out, text, &why) != 0)
		rc = fail(why);
	free(text);
	return (rc);
}

int
cli_read_scenario(const char *path, struct cr_saved **out, char **cause)
{
	char	*buf;
	size_t	 n;
	int	 rc;

	if (cli_read_file(path, SCENARIO_FILE_MAX, "scenario file",
	    "1048576 bytes", &buf, &n, cause) != 0)
		return (-1);
	rc = cr_saved_parse(buf, n, path, out, cause);
	free(buf);
	return (rc);
}

static int
sc_import(struct cli *c)
{
	struct cr_saved	*v;
	char		*why = NULL;
	int		 rc;

	if (!nargs_is(c, 1, "import FILE [--force]"))
		return (CR_EXIT_USAGE);
	if (cli_read_scenario(c->args[1], &v, &why) != 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	rc = session_store_put(c->sess, v, c->force, &why);
	if (rc == 0)
		emit_line(stdout, "imported '%s'", v->name);
	cr_saved_free(v);
	return (rc == 0 ? CR_EXIT_OK : fail(why));
}

/* Each subcommand and its arguments, for the dispatch and completion. */
const struct cli_command cli_scenario_commands[] = {
	{ "list", sc_list, 0, CLI_ARG_NONE, 0, NULL },
	{ "show", sc_show, 0, CLI_ARG_SCENARIO, 1, NULL },
	{ "save", sc_save, 0, CLI_ARG_TEXT, 1, NULL },
	{ "rename", sc_rename, 0, CLI_ARG_SAVED, 1, NULL },
	{ "delete", sc_delete, 0, CLI_ARG_SAVED, 1, NULL },
	{ "diff", sc_diff, 0, CLI_ARG_SCENARIO, 2, NULL },
	{ "export", sc_export, 0, CLI_ARG_SCENARIO, 1, NULL },
	{ "import", sc_import, 0, CLI_ARG_FILE, 1, NULL },
	{ NULL, NULL, 0, CLI_ARG_NONE, 0, NULL }
};

int
cmd_scenario(struct cli *c)
{
	const struct cli_command	*k;
	char				*list;

	if (c->nargs == 0 || strcmp(c->args[0], "help") == 0) {
		emit_text(c->nargs == 0 ? stderr : stdout, scenario_help);
		return (c->nargs == 0 ? CR_EXIT_USAGE : CR_EXIT_OK);
	}
	if ((k = cli_command_find(cli_scenario_commands, c->args[0])) != NULL)
		return (k->fn(c));
	list = cli_command_list(cli_scenario_commands);
	cli_error("unknown scenario command '%s' (expected %s)", c->args[0],
	    list);
	free(list);
	return (CR_EXIT_USAGE);
}
