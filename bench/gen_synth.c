/*
 * gen_synth: write a synthetic composite-indicator data set in COINr's
 * two-table CSV format, for the scale benchmarks (bench/scale.sh).  It
 * makes data, not measurements: the same options give the same files,
 * byte for byte, on every machine.
 *
 *	gen_synth [-n units] [-m indicators] [-p pillars] [-s seed]
 *	    [-o dir]
 *
 * Writes dir/iData.csv and dir/iMeta.csv (default 1000 units, 200
 * indicators, seed 1, the current directory):
 *
 *	iData.csv  uCode,uName,Region,<indicator codes>
 *	           one row per unit; about 2% of the indicator cells empty
 *	iMeta.csv  Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type
 *	           level 1: M indicators (Type Indicator), about 5% with
 *	           Direction -1; level 2: M/10 pillars (at least one;
 *	           -p sets it: 4 for the SVI's four themes); level 3: 3
 *	           sub-indices (fewer with fewer pillars); level 4: Index;
 *	           and one Type Group row for the Region column
 *
 * Indicators are spread evenly over the pillars and pillars over the
 * sub-indices, in order.  Weights are relative, as COINr's: most are 1,
 * some are not (0.5 to 3), at every level but the index.  Values follow
 * a per-unit latent score per sub-index plus noise, on each indicator's
 * own scale (some skewed), so rankings have structure and every
 * indicator has a spread.  A cell is left empty with probability 2%.
 * Unit names are pronounceable, unique, and searchable ("Kamoru").
 *
 * Build: cc -O2 -o gen_synth bench/gen_synth.c -lm
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_SUB		3	/* sub-indices under the index */
#define P_MISSING	0.02	/* share of empty indicator cells */
#define P_NEGATIVE	0.05	/* share of indicators with direction -1 */
#define N_REGIONS	6

static const char *progname = "gen_synth";

/* splitmix64: tiny, fast, and the same sequence everywhere. */
static uint64_t	rng_state;

static uint64_t
rng_next(void)
{
	uint64_t	z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* Uniform in [0, 1), 53 bits. */
static double
rng_unit(void)
{
	return ((double)(rng_next() >> 11) * 0x1.0p-53);
}

/* Uniform integer in [0, n). */
static size_t
rng_below(size_t n)
{
	return ((size_t)(rng_unit() * (double)n));
}

/* Standard normal, Box-Muller (one of the pair; simple beats fast). */
static double
rng_normal(void)
{
	double	u, v;

	do
		u = rng_unit();
	while (u <= 0);
	v = rng_unit();
	return (sqrt(-2 * log(u)) * cos(6.283185307179586 * v));
}

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n, size);

	if (p == NULL)
		die("%s", "out of memory");
	return (p);
}

static long
number(const char *s, long lo, long hi)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		die("bad number \"%s\"", s);
	return (v);
}

struct indicator {
	int	 pillar;
	int	 direction;
	double	 weight;
	double	 base, scale;	/* value = base + scale * f(z) */
	int	 skewed;	/* f = exp, else identity */
	double	 loading;	/* of the sub-index's latent score */
	int	 decimals;
	const char *unit;
};

static const char *const units[] = {
	"Score", "Percent", "Per 1000 people", "USD", "Index", "Number"
};
static const char *const regions[N_REGIONS] = {
	"North", "South", "East", "West", "Centre", "Islands"
};
/* 32 syllables: a unit's number in base 32 spells its name. */
static const char *const syll[32] = {
	"ka", "mo", "ru", "ve", "li", "sa", "to", "ne",
	"da", "pi", "lo", "ma", "ri", "so", "te", "vu",
	"ba", "ke", "mi", "no", "ra", "si", "ta", "wo",
	"ga", "he", "ju", "la", "po", "re", "su", "zi"
};

/* A relative weight: mostly 1, otherwise one of a few other values. */
static double
weight(double p_unequal)
{
	static const double	other[] = { 0.5, 1.5, 2, 2.5, 3 };

	if (rng_unit() >= p_unequal)
		return (1);
	return (other[rng_below(sizeof other / sizeof other[0])]);
}

/*
 * A unique name for unit i of n: i times an odd constant modulo 32^k
 * is a bijection, so the names are unique but not in order.
 */
static void
unit_name(size_t i, int k, char *buf, size_t size)
{
	uint64_t	x, mod = (uint64_t)1 << (5 * k);
	size_t		len = 0;
	int		d;

	x = ((uint64_t)i * 0x2f0b3c5dULL + 0x1234567ULL) & (mod - 1);
	for (d = 0; d < k && len + 3 < size; d++) {
		const char	*s = syll[x & 31];

		buf[len++] = s[0];
		buf[len++] = s[1];
		x >>= 5;
	}
	buf[len] = '\0';
	buf[0] = (char)(buf[0] - 'a' + 'A');
}

static FILE *
open_out(const char *dir, const char *name, char *path, size_t size)
{
	FILE	*f;

	if ((size_t)snprintf(path, size, "%s/%s", dir, name) >= size)
		die("%s: path too long", dir);
	if ((f = fopen(path, "w")) == NULL)
		die("cannot write %s", path);
	return (f);
}

static void
close_out(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) == EOF)
		die("error writing %s", path);
}

int
main(int argc, char **argv)
{
	struct indicator	*ind;
	const char		*dir = ".";
	char			 path[4096], name[64];
	double			*latent, *pweight, sweight[N_SUB], z, v;
	size_t			 n = 1000, m = 200, i, j, k, nneg;
	size_t			*perm, t;
	uint64_t		 seed = 1;
	int			 ch, npillars = 0, nsub, p, s, width, klen;
	FILE			*f;

	while ((ch = getopt(argc, argv, "n:m:p:s:o:")) != -1) {
		switch (ch) {
		case 'n':
			n = (size_t)number(optarg, 1, 100000000);
			break;
		case 'm':
			m = (size_t)number(optarg, 1, 100000);
			break;
		case 'p':
			npillars = (int)number(optarg, 1, 100000);
			break;
		case 's':
			seed = (uint64_t)number(optarg, 0, 0x7fffffffL);
			break;
		case 'o':
			dir = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-n units] [-m indicators] "
			    "[-p pillars] [-s seed] [-o dir]\n", progname);
			return (1);
		}
	}
	if (optind != argc)
		die("unexpected argument \"%s\"", argv[optind]);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		die("cannot create %s", dir);
	rng_state = seed;

	if (npillars == 0)
		npillars = m >= 10 ? (int)(m / 10) : 1;
	if ((size_t)npillars > m)
		die("more pillars than indicators (-p %s)", "at most -m");
	nsub = npillars < N_SUB ? npillars : N_SUB;

	/* The framework: weights, directions, scales. */
	ind = xcalloc(m, sizeof *ind);
	pweight = xcalloc((size_t)npillars, sizeof *pweight);
	for (p = 0; p < npillars; p++)
		pweight[p] = weight(0.4);
	for (s = 0; s < nsub; s++)
		sweight[s] = weight(0.5);
	for (i = 0; i < m; i++) {
		ind[i].pillar = (int)(i * (size_t)npillars / m);
		ind[i].direction = 1;
		ind[i].weight = weight(0.3);
		ind[i].skewed = rng_unit() < 0.3;
		ind[i].base = ind[i].skewed ? 0 : 10 + 90 * rng_unit();
		ind[i].scale = ind[i].skewed ? 1 + 99 * rng_unit() :
		    1 + 20 * rng_unit();
		ind[i].loading = 0.3 + 0.6 * rng_unit();
		ind[i].decimals = 1 + (int)rng_below(3);
		ind[i].unit = units[rng_below(sizeof units / sizeof units[0])];
	}
	/* Exactly round(5% of m) indicators point down, chosen at random. */
	nneg = (size_t)floor(P_NEGATIVE * (double)m + 0.5);
	perm = xcalloc(m, sizeof *perm);
	for (i = 0; i < m; i++)
		perm[i] = i;
	for (i = 0; i < nneg; i++) {
		j = i + rng_below(m - i);
		t = perm[i], perm[i] = perm[j], perm[j] = t;
		ind[perm[i]].direction = -1;
	}

	f = open_out(dir, "iMeta.csv", path, sizeof path);
	fprintf(f, "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,"
	    "Type\n");
	for (i = 0; i < m; i++)
		fprintf(f, "1,\"i%03zu\",\"Synthetic indicator %zu\",%d,%g,"
		    "\"%s\",%.*f,\"P%02d\",\"Indicator\"\n", i + 1, i + 1,
		    ind[i].direction, ind[i].weight, ind[i].unit,
		    ind[i].decimals, ind[i].base + ind[i].scale *
		    (ind[i].skewed ? exp(2 * ind[i].direction) :
		    2 * ind[i].direction), ind[i].pillar + 1);
	for (p = 0; p < npillars; p++)
		fprintf(f, "2,\"P%02d\",\"Pillar %d\",1,%g,\"Score\",,"
		    "\"S%d\",\"Aggregate\"\n", p + 1, p + 1, pweight[p],
		    p * nsub / npillars + 1);
	for (s = 0; s < nsub; s++)
		fprintf(f, "3,\"S%d\",\"Sub-index %d\",1,%g,\"Score\",,"
		    "\"Index\",\"Aggregate\"\n", s + 1, s + 1, sweight[s]);
	fprintf(f, "4,\"Index\",\"Synthetic index\",1,1,\"Score\",,,"
	    "\"Aggregate\"\n");
	fprintf(f, ",\"Region\",\"Region\",,,,,,\"Group\"\n");
	close_out(f, path);

	/* The data, one unit at a time. */
	for (width = 1, t = n; t >= 10; t /= 10)
		width++;
	for (klen = 2; klen < 12 && ((uint64_t)1 << (5 * klen)) < n; klen++)
		;
	latent = xcalloc(N_SUB + 1, sizeof *latent);
	f = open_out(dir, "iData.csv", path, sizeof path);
	fprintf(f, "uCode,uName,Region");
	for (i = 0; i < m; i++)
		fprintf(f, ",i%03zu", i + 1);
	fputc('\n', f);
	for (k = 0; k < n; k++) {
		unit_name(k, klen, name, sizeof name);
		fprintf(f, "U%0*zu,\"%s\",\"%s\"", width, k + 1, name,
		    regions[rng_below(N_REGIONS)]);
		/* A general level plus one latent score per sub-index. */
		latent[N_SUB] = rng_normal();
		for (s = 0; s < N_SUB; s++)
			latent[s] = 0.6 * latent[N_SUB] + 0.8 * rng_normal();
		for (i = 0; i < m; i++) {
			s = ind[i].pillar * nsub / npillars;
			z = ind[i].loading * latent[s] + sqrt(1 -
			    ind[i].loading * ind[i].loading) * rng_normal();
			/* A better unit has more of an upward indicator. */
			z *= ind[i].direction;
			if (rng_unit() < P_MISSING) {
				fputc(',', f);
				continue;
			}
			v = ind[i].skewed ? ind[i].scale * exp(z) :
			    ind[i].base + ind[i].scale * z;
			fprintf(f, ",%.*f", ind[i].decimals, v);
		}
		fputc('\n', f);
	}
	close_out(f, path);

	free(latent);
	free(perm);
	free(pweight);
	free(ind);
	return (0);
}
