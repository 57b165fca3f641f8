#!/bin/sh
# Nothing from data or arguments reaches a terminal raw.  First, by
# construction: no source of the program writes to standard output or
# standard error but through session/emit.c, the one layer that makes
# output safe.  Then by experiment: tests/termsafe.py runs every batch
# command in every format, and the error paths, over hostile data sets
# and checks both streams with rules of its own.
set -u
: "${CITYRANK:?}" "${MKDB:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

# Lines that write to a standard stream other than through emit_*: a
# printf-family call, puts, perror, or a FILE named stdout or stderr
# outside a call of the layer (out_print goes through it).  Exceptions,
# each a constant: the out-of-memory line of xmalloc.c and saved_text.c,
# the internal-error line of engine/score.c (a bug, then abort()),
# and tui/tui.c, which another branch owns (see doc/robustness.md).
cd "$SRCDIR"
grep -nE '(^|[^a-z_])(printf|vprintf|puts|putchar|perror)[[:space:]]*\(|[^a-z_](stdout|stderr)[^a-z_]' \
    cli/*.c session/*.c tui/*.c engine/*.c db/*.c 2>/dev/null |
    grep -v '^session/emit\.c:' |
    grep -v '^db/mkdb\.c:' |
    grep -v '^tui/tui\.c:' |
    grep -vE '(emit_[a-z]+|out_print)\(.*(stdout|stderr)' |
    grep -vE 'fflush\(stdout\)|isatty|fileno' |
    grep -vE 'fputs\("cityrank: (out of memory|internal error: [a-z ]+)\\n", stderr\)' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' >"$tmp/bypass"
cd - >/dev/null
if [ -s "$tmp/bypass" ]; then
	not_ok "every write to stdout or stderr goes through session/emit.c"
	sed 's/^/# /' "$tmp/bypass"
else
	ok "every write to stdout or stderr goes through session/emit.c"
fi

if ! command -v python3 >/dev/null; then
	skip "hostile data through every command" "python3 not installed"
	done_testing
	exit
fi
python3 "$SRCDIR/tests/termsafe.py" "$CITYRANK" "$MKDB" "$SRCDIR" \
    "$tmp/work" >"$tmp/tap" 2>"$tmp/py.err"
status=$?
# Renumber the script's TAP after the check above.
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	"1.."*) ;;
	*) echo "$line" ;;
	esac
done <"$tmp/tap"
if [ "$status" -ne 0 ] && [ -s "$tmp/py.err" ]; then
	not_ok "tests/termsafe.py ran to the end"
	sed 's/^/# /' "$tmp/py.err"
fi
done_testing
