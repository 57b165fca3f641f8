#!/bin/bash
# fuzz/run.sh [SECONDS]: build every fuzz/fuzz_NAME.c as a libFuzzer
# target with ASan and UBSan, and fuzz each for SECONDS (default 20),
# starting from a copy of fuzz/corpus/NAME/.  Everything is written to a
# temporary directory, never into the source tree.  Exits 1 when a
# target fails to build or finds a crash, a leak, undefined behaviour or
# a timeout; the input that did it is kept and its path printed.
set -euo pipefail
# Long runs, for the figures of doc/robustness.md:
#   FUZZ_TARGETS="db keys"  only these targets
#   FUZZ_RUNS=N             N executions each instead of SECONDS
#   FUZZ_CORPUS_OUT=DIR     merge each grown corpus into DIR/NAME/
#   FUZZ_JOBS=N             targets at once (default: one a core)
#   FUZZ_SEEDS=N            start from a random N inputs of each corpus
#   FUZZ_TIMEOUT=S          a run's limit (default 5 s); at nice 19 beside
#                           builds, a 0.5-s input of fuzz_keys waited 5 s
#                           for a core and was reported as a timeout

top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
case ${FUZZ_SEEDS:-1} in
''|*[!0-9]*|0)
	echo "fuzz/run.sh: FUZZ_SEEDS=$FUZZ_SEEDS: not a count > 0" >&2
	exit 2
	;;
esac
case $secs in
''|*[!0-9]*|0)
	echo "usage: fuzz/run.sh [SECONDS per target, > 0]" >&2
	exit 2
	;;
esac

# Sources each target needs besides fuzz/fuzz_NAME.c, from the top
# directory, and libraries.  A new fuzz/fuzz_NAME.c needs a line here.
declare -A SRCS=(
	[csv]="engine/csv.c engine/utf8.c engine/xmalloc.c"
	[match]="session/match.c engine/model.c engine/linecol.c engine/strpool.c engine/cause.c engine/utf8.c
	    engine/xmalloc.c"
	[weights]="engine/model.c engine/linecol.c engine/strpool.c engine/scenario.c engine/scenario_methods.c
	    engine/methods.c engine/aggregate.c engine/normalize.c
	    engine/score.c engine/stats.c engine/radix.c engine/top.c engine/cause.c engine/xmalloc.c
	    engine/utf8.c engine/num.c"
	[theme]="tui/theme.c engine/xmalloc.c"
	[scenario]="engine/saved.c engine/saved_text.c engine/scenario.c engine/scenario_methods.c
	    engine/recipe.c engine/prepare.c engine/impute.c engine/outlier.c
	    engine/methods.c engine/aggregate.c
	    engine/model.c engine/linecol.c engine/strpool.c engine/normalize.c engine/score.c engine/stats.c engine/radix.c engine/top.c
	    engine/cause.c engine/utf8.c engine/xmalloc.c engine/num.c"
	[out]="session/out.c session/emit.c engine/utf8.c engine/xmalloc.c"
	[part]="engine/mcpart.c engine/mc.c engine/mc_eval.c engine/perturb.c
	    engine/model.c engine/linecol.c engine/strpool.c engine/scenario.c engine/scenario_methods.c
	    engine/methods.c engine/aggregate.c engine/normalize.c engine/score.c
	    engine/stats.c engine/radix.c engine/top.c engine/cause.c engine/xmalloc.c engine/utf8.c
	    engine/num.c"
	[import]="db/import.c db/import_meta.c db/import_data.c
	    db/import_write.c db/dataset.c db/db_build.c db/db_load.c db/memavail.c
	    db/db_schema.c db/pack.c db/checksum.c db/errmsg.c db/db_open.c
	    db/check.c db/sync.c db/import_prep.c db/deflate.c
	    engine/model.c engine/linecol.c engine/strpool.c engine/scenario.c engine/scenario_methods.c
	    engine/methods.c engine/aggregate.c engine/prepare.c engine/impute.c
	    engine/outlier.c
	    engine/normalize.c engine/score.c engine/stats.c engine/radix.c engine/top.c engine/cause.c
	    engine/csv.c engine/utf8.c engine/xmalloc.c engine/num.c"
	[db]="db/dataset.c db/db_load.c db/memavail.c db/db_schema.c db/pack.c
	    db/checksum.c db/errmsg.c db/db_open.c db/check.c db/sync.c
	    db/deflate.c
	    engine/model.c engine/linecol.c engine/strpool.c engine/scenario.c engine/scenario_methods.c
	    engine/methods.c engine/aggregate.c engine/normalize.c
	    engine/score.c engine/stats.c engine/radix.c engine/top.c engine/cause.c engine/utf8.c
	    engine/xmalloc.c engine/num.c"
	# The explorer and the session reach nearly everything: every
	# source of these directories (LIBDIRS below), so none goes missing.
	[keys]="tui @libdirs"
	[slides]="engine/slides.c engine/xmalloc.c"
	[session]="@libdirs"
)
# lib_sources DIR...: every .c of the directories but a program's main.
lib_sources() {
	for d in "$@"; do
		for f in "$top/$d"/*.c; do
			grep -q '^main(' "$f" || printf '%s ' "$f"
		done
	done
}
declare -A LIBS=(
	[import]="-lsqlite3 -lxxhash -lz"
	[session]="-lsqlite3 -lxxhash -lz -lpcre2-8 -lglpk -lgsl -lgslcblas
	    -lpthread"
	[db]="-lsqlite3 -lxxhash -lz"
	[keys]="-lsqlite3 -lxxhash -lz -lpcre2-8 -lncursesw -lglpk -lgsl -lgslcblas
	    -lpthread"
	[match]="-lpcre2-8"
	[part]="-lgsl -lgslcblas -lxxhash -lpthread"
)
# Flags of one target, after the common ones.  fuzz_out: an aligned
# table pads every row to its widest cell, so time grows as rows times
# width; 1 KB keeps it near 500 runs a second.  fuzz_keys draws a frame
# and reads back the screen after every key: 64 keys a run keep it near
# 200 runs a second.
# Code a target runs hot but need not steer it: compiled without
# coverage feedback (ASan and UBSan still check it), as clang's
# -fsanitize-coverage-ignorelist lines.  fuzz_keys fits and sanitizes
# every cell of every frame and reads the screen back after each key;
# tracing each comparison there cost a third of its time, and the text
# functions have fuzz targets of their own (fuzz_out, fuzz_match).
# fuzz_session scores the whole data set after every call, as its check
# and in the session: the engine's loops over units took half its time
# in comparison tracing, and fuzz_weights steers those (fuzz_keys a
# fifth, with the robustness runs its keys start).  Copeland compares
# every pair of units: on fuzz_keys' generated units one input spent
# 70% of 7 to 20 s tracing those comparisons.
ENGINE_HOT="fun:node_score fun:leaf_score fun:aggregate_range
    fun:aggregate_facts fun:blocks_range fun:fetch_rows fun:sorted_items
    fun:cr_rank fun:cr_avg_ranks fun:radix_sort fun:cr_radix_rank_order
    fun:cr_norm_params fun:column_stats fun:cr_copeland fun:against_later
    fun:weigh_column"
declare -A UNTRACED=(
	[keys]="src:*/engine/utf8.c fun:check_screen $ENGINE_HOT
	    fun:mc_eval_range"
	[session]="$ENGINE_HOT fun:capture fun:assert_same fun:same_double
	    fun:assert_scored"
)
# fuzz_session keeps one session for every run, so each run ends with
# more allocations than frees, and libFuzzer ran every input a second
# time to look for a leak (a third of its time).  Without that, LSan
# still looks when the process exits: a run of FUZZ_RUNS that ends
# fails on a leak, one interrupted (Ctrl-C) is not checked.
declare -A FLAGS=(
	[out]="-max_len=1024"
	[db]="-max_len=65536"
	[keys]="-max_len=64"
	[session]="-detect_leaks=0"
)

CFLAGS="-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer ${FUZZ_CFLAGS:-}"
FUZZFLAGS="-max_len=65536 -timeout=${FUZZ_TIMEOUT:-5} -rss_limit_mb=2048"

# The compiler, and libFuzzer's runtime (not in Debian's clang package).
cc=""
for c in ${CC_FUZZ:-} clang clang-14; do
	if command -v "$c" >/dev/null 2>&1; then
		cc=$c
		break
	fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/cityrank-fuzz.XXXXXX")
# The targets read the user's recent imports and scenarios (O lists
# the data sets by opening each): a home of their own, so that a run
# is the same on every machine and none opens a stranger's large file.
mkdir -p "$work/home"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
    XDG_CONFIG_HOME="$work/home/config"
probe() {
	[ -n "$cc" ] || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ (void)d; (void)n; return 0; }' >"$work/probe.c"
	"$cc" -fsanitize=fuzzer,address,undefined -o "$work/probe" \
	    "$work/probe.c" >/dev/null 2>&1
}
if ! probe; then
	ver=14
	if [ -n "$cc" ]; then
		ver=$("$cc" -dumpversion 2>/dev/null | cut -d. -f1)
	fi
	if [ -n "$cc" ]; then
		pkgs="libclang-rt-$ver-dev"
	else
		pkgs="clang libclang-rt-14-dev"
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "fuzz/run.sh: clang with libFuzzer is missing; install:" >&2
		echo "  sudo apt-get install -y $pkgs" >&2
		rm -rf "$work"
		exit 1
	fi
	echo "fuzz/run.sh: installing $pkgs" >&2
	apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $pkgs >&2
	[ -n "$cc" ] || cc=clang
	if ! probe; then
		echo "fuzz/run.sh: $cc still cannot build a libFuzzer target" >&2
		rm -rf "$work"
		exit 1
	fi
fi

# The project's sources include "config.h" first; only this is needed.
cat >"$work/config.h" <<'EOF'
#define _GNU_SOURCE 1
EOF
CPPFLAGS=(-I"$work" -I"$top/engine" -I"$top/db" -I"$top/session"
    -I"$top/tui" -DPKGDATADIR="\"$work\"" -DTHEMEDIR="\"$work\""
    -DSRC_THEMEDIR="\"$top/themes\"" -DSRC_DATADIR="\"$top/data\"")

names=""
for f in "$top"/fuzz/fuzz_*.c; do
	[ -e "$f" ] || continue
	n=${f##*/fuzz_}
	names="$names ${n%.c}"
done
if [ -z "$names" ]; then
	echo "fuzz/run.sh: no fuzz/fuzz_*.c targets" >&2
	rm -rf "$work"
	exit 1
fi

if [ -n "${FUZZ_TARGETS:-}" ]; then
	names=$FUZZ_TARGETS
fi
stop=(-max_total_time="$secs")
# libFuzzer first runs every input of the corpus, whatever the time
# given (fuzz_keys: 2,464 inputs, about 80 s under ASan): room for it.
limit=$((secs + 600))
if [ -n "${FUZZ_RUNS:-}" ]; then
	stop=(-runs="$FUZZ_RUNS")
	limit=$((7 * 24 * 3600))
fi

# The corpus a run starts from: all of fuzz/corpus/NAME, or with
# FUZZ_SEEDS=N a random N of its inputs.  libFuzzer runs every input it
# starts from before its time begins: fuzz_keys' 3,602 took 350 s of
# CI's 20 minutes, and grow with every long run.  A different sample
# each time, so that CI runs go over all of them in turn.
seeds() {
	local n=$1 from=$2 to=$3 all
	all=$(find "$from" -maxdepth 1 -type f | wc -l)
	if [ -z "${FUZZ_SEEDS:-}" ] || [ "$all" -le "$FUZZ_SEEDS" ]; then
		cp -R "$from/." "$to/"
		return
	fi
	echo "== fuzz_$n: from $FUZZ_SEEDS of its $all inputs" >&2
	find "$from" -maxdepth 1 -type f | shuf -n "$FUZZ_SEEDS" |
	    xargs cp -t "$to/"
}

# One target: built, fuzzed, and its corpus merged out if asked.  The
# messages go to standard error; it returns 1 when the target found
# something or did not build, and any other failing step ends it too
# (set -e, as long as it is not called as a condition).
one() {
	local n=$1 srcs s untraced rc a
	if [ -z "${SRCS[$n]+set}" ]; then
		echo "fuzz/run.sh: $n: no sources declared: add [$n]=... to" \
		    "SRCS in fuzz/run.sh" >&2
		return 1
	fi
	srcs=""
	for s in ${SRCS[$n]}; do
		case $s in
		@libdirs) srcs="$srcs $(lib_sources engine db session)" ;;
		tui) srcs="$srcs $(lib_sources tui)" ;;
		*) srcs="$srcs $top/$s" ;;
		esac
	done
	echo "== fuzz_$n: build" >&2
	untraced=""
	if [ -n "${UNTRACED[$n]:-}" ]; then
		printf '%s\n' ${UNTRACED[$n]} >"$work/untraced_$n.txt"
		untraced="-fsanitize-coverage-ignorelist=$work/untraced_$n.txt"
	fi
	# shellcheck disable=SC2086
	if ! "$cc" $CFLAGS $untraced "${CPPFLAGS[@]}" -o "$work/fuzz_$n" \
	    "$top/fuzz/fuzz_$n.c" $srcs -lm ${LIBS[$n]:-}; then
		echo "fuzz/run.sh: fuzz_$n does not build" >&2
		return 1
	fi
	mkdir -p "$work/corpus/$n" "$work/crash/$n"
	if [ -d "$top/fuzz/corpus/$n" ]; then
		seeds "$n" "$top/fuzz/corpus/$n" "$work/corpus/$n"
	fi
	echo "== fuzz_$n: ${secs}s" >&2
	rc=0
	# libFuzzer stops itself after -max_total_time; timeout(1) is a
	# safety net for a target that hangs outside its own timer.
	# shellcheck disable=SC2086
	timeout -k 10 "$limit" "$work/fuzz_$n" $FUZZFLAGS ${FLAGS[$n]:-} \
	    "${stop[@]}" -print_final_stats=1 \
	    -artifact_prefix="$work/crash/$n/" "$work/corpus/$n" \
	    >"$work/fuzz_$n.log" 2>&1 || rc=$?
	tail -n 12 "$work/fuzz_$n.log" >&2
	if [ "$rc" -ne 0 ]; then
		echo "fuzz/run.sh: fuzz_$n FAILED (exit $rc); log:" \
		    "$work/fuzz_$n.log" >&2
		for a in "$work/crash/$n"/*; do
			[ -e "$a" ] || continue
			echo "fuzz/run.sh: fuzz_$n: input kept: $a" >&2
			echo "  reproduce: $work/fuzz_$n $a" >&2
		done
		return 1
	elif [ -n "${FUZZ_CORPUS_OUT:-}" ]; then
		mkdir -p "$FUZZ_CORPUS_OUT/$n"
		# shellcheck disable=SC2086
		"$work/fuzz_$n" $FUZZFLAGS ${FLAGS[$n]:-} -merge=1 \
		    "$FUZZ_CORPUS_OUT/$n" "$work/corpus/$n" \
		    >>"$work/fuzz_$n.log" 2>&1
	fi
	return 0
}

# The targets run side by side, one a core (FUZZ_JOBS), the slowest
# first: fuzz_keys replays a corpus of thousands of inputs at 20 a
# second, as long as all the others together.  Each one's messages are
# printed whole when it ends.
ncores=$(nproc 2>/dev/null || echo 1)
lanes=${FUZZ_JOBS:-$ncores}
order=""
for n in $names; do
	case $n in
	keys) order="$n $order" ;;
	*) order="$order $n" ;;
	esac
done
for n in $order; do
	while [ "$(jobs -rp | wc -l)" -ge "$lanes" ]; do
		wait -n || true
	done
	# Passed only when one() came to its end: not a condition, so
	# that set -e holds inside it.
	( one "$n"; touch "$work/passed_$n" ) >"$work/report_$n" 2>&1 &
done
wait
failed=""
for n in $order; do
	cat "$work/report_$n" >&2
	if [ ! -e "$work/passed_$n" ]; then
		failed="$failed $n"
	fi
done

if [ -n "$failed" ]; then
	echo "fuzz/run.sh: FAILED:$failed (kept $work)" >&2
	exit 1
fi
echo "fuzz/run.sh: all targets ran ${secs}s without a finding:$names" >&2
rm -rf "$work"
