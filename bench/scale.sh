#!/bin/sh
# scale.sh: cityrank on large synthetic data sets: import, open, re-score,
# memory, and the explorer's keys, at 1,000 to 100,000 units by 200
# indicators.  A benchmark, not a test: it prints medians and judges
# nothing (the targets are printed beside them for the reader).
#
#   bench/scale.sh                      1000, 10000 and 100000 units
#   SIZES="1000 10000" bench/scale.sh   fewer sizes (about 10 min)
#   KEEP=1 bench/scale.sh               keep the data sets ($TMPDIR)
#
# For each size N (SIZES), with M indicators (200) and seed SEED (1):
#   generate  bench/gen_synth: COINr's iData.csv and iMeta.csv, 4 levels
#             (200 indicators, 20 pillars, 3 sub-indices, the index)
#   import    `cityrank import --data --meta -o`, IMPORT_RUNS (3) runs,
#             wall time; the file's size.  A size the importer refuses
#             (it reads at most 256 MiB) is reported as refused, and its
#             file is made by sql_import (below) for the rest
#   open      bench/ptyrun from fork until the last word of the status
#             line (found by a warm-up run, as startup.sh does), with
#             `cityrank --db`, OPEN_RUNS (5) runs
#   re-score  bench/rescore_big in process: one pillar's weight and one
#             top-level weight changed (cr_score_weight_changed), a
#             full cr_score and a cr_db_load, medians of CPU time
#   SQL       the same scoring in SQL (bench/rescore.sql) with the sqlite3
#             CLI on the imported file, SQL_RUNS (3) runs, wall and CPU
#             time; its index top ten is checked against cityrank's
#   memory    max RSS of `cityrank rank --db FILE --format csv`
#             (/usr/bin/time), MEM_RUNS (3) runs, against the raw values'
#             N x M x 8 bytes
# and on KEYS_SIZE (10000) units, the explorer's keys, as keycpu.sh does
# it: KEY_PAIRS (5) pairs of runs per case, one with PRESSES (200)
# presses and one without, each press sent after QUIET (50) ms of
# silence; CPU per press from the paired difference, bytes per press,
# and the answer time of the last press (key write to last byte):
#   scroll   j j j ... in the ranking (it scrolls after a screen)
#   search   /NAME1 Enter /NAME2 Enter ...: each name matches one unit
#            (the first two units'), so each search scans the list from
#            one to the other and moves the cursor there
#   sort     > > > ...: the next sort column, re-sorting every row
#   weight   3, then + - ... on the first top-level weight
set -eu
. "$(dirname "$0")/lib.sh"
# The weight presses leave changes: quit without the question.
export CITYRANK_ASK_ON_QUIT=no

SIZES=${SIZES:-1000 10000 100000}
M=${M:-200}
SEED=${SEED:-1}
IMPORT_RUNS=${IMPORT_RUNS:-3}
OPEN_RUNS=${OPEN_RUNS:-5}
SQL_RUNS=${SQL_RUNS:-3}
MEM_RUNS=${MEM_RUNS:-3}
KEYS_SIZE=${KEYS_SIZE:-10000}
KEY_PAIRS=${KEY_PAIRS:-5}
PRESSES=${PRESSES:-200}
QUIET=${QUIET:-50}
SIZE=${SIZE:-80x24}
# Large files take long to open: ptyrun's limit for text to appear.
TIMEOUT=${TIMEOUT:-300}

need_cityrank
need_ptyrun
"$CITYRANK" --help 2>&1 | grep -q '^ *import' ||
    die "$CITYRANK has no import command yet"
for f in libengine.a libdb.a config.h; do
	[ -f "$BUILD/$f" ] || die "$BUILD/$f missing: run ./quickstart rank"
done
need_pkg() {
	command -v "$1" >/dev/null 2>&1 && return 0
	[ "$(id -u)" -eq 0 ] || die "$1 is not installed (apt-get install $2)"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq "$2"; } >&2 || die "cannot install $2"
}
need_pkg sqlite3 sqlite3
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time

# The helpers, rebuilt when their sources or the libraries change.
mkdir -p "$BENCHBIN"
GEN=$BENCHBIN/gen_synth
RESCORE=$BENCHBIN/rescore_big
if [ ! -x "$GEN" ] || [ "$TOP/bench/gen_synth.c" -nt "$GEN" ]; then
	$CC -O2 -std=c11 -Wall -Wextra -o "$GEN" "$TOP/bench/gen_synth.c" \
	    -lm || die "cannot build gen_synth"
fi
if [ ! -x "$RESCORE" ] || [ "$TOP/bench/rescore_big.c" -nt "$RESCORE" ] ||
    [ "$BUILD/libengine.a" -nt "$RESCORE" ] ||
    [ "$BUILD/libdb.a" -nt "$RESCORE" ]; then
	sqlite_libs=$(pkg-config --libs sqlite3 libxxhash 2>/dev/null ||
	    echo -lsqlite3 -lxxhash)
	$CC -O2 -std=c11 -Wall -Wextra -I"$BUILD" -I"$TOP/engine" \
	    -I"$TOP/db" -o "$RESCORE" "$TOP/bench/rescore_big.c" \
	    "$BUILD/libdb.a" "$BUILD/libengine.a" $sqlite_libs -lm ||
	    die "cannot build rescore_big"
fi

tmp=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then
	echo "keeping the data sets in $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 1' HUP INT PIPE TERM
snapshot "$tmp"
SQL=$tmp/rescore.sql
cp "$TOP/bench/rescore.sql" "$SQL"

# timed OUT CMD...: run CMD under GNU time; OUT gets "wall user sys
# maxrss_kb".  Standard output goes to /dev/null.
timed() {
	out=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >/dev/null ||
	    die "failed: $*"
}
# col FILE N [FMT]: column N of FILE summarised (median min max n).
col() { awk "{ print \$$2 }" "$1" | summarize "${3:-%.3f}"; }
med() { set -- $(col "$@"); echo "$1"; }
# row LABEL MEDIAN MIN MAX [NOTE]
row() {
	printf '  %-40s %11s %11s %11s  %s\n' "$1" "$2" "$3" "$4" "${5:-}"
}
rowc() {
	label=$1 note=${4:-}; set -- $(col "$2" "$3" "${5:-%.3f}")
	row "$label" "$1" "$2" "$3" "$note"
}

# rescore_field FILE LABEL-START: median column of a rescore_big row.
rescore_field() {
	awk -v l="$2" 'index($0, l) == 1 { print $(NF - 3); exit }' "$1"
}

# sql_import TEMPLATE DIR OUT: the file `cityrank import` would write
# from DIR/iData.csv, made with awk and the sqlite3 CLI instead, for a
# size the importer refuses (it reads at most 256 MiB).  TEMPLATE is a
# file the importer wrote from the same iMeta.csv: its schema, header,
# framework, presets and context variables are copied; entities, sources
# ("iData.csv line K", one per row, as the importer writes them),
# context and values come from the CSV, in the importer's order.  The
# values are written as rows, the record of a file without the meta key
# 'values' (the importer's schema 8 files keep them in packs).  Only
# for gen_synth's files: no comma or quote inside a field, and the group
# columns are text.
sql_import() {
	tpl=$1 dir=$2 out=$3
	rm -f "$out"
	sqlite3 -csv "$tpl" "SELECT code, id, 'node' FROM node
	    WHERE id NOT IN (SELECT parent FROM node WHERE parent IS NOT NULL)
	    UNION ALL SELECT code, id, 'ctx' FROM context_var
	    WHERE kind = 'text'" >"$dir/ids.csv" || return 1
	awk -F, -v OFS=, -v ids="$dir/ids.csv" -v dir="$dir" '
	BEGIN {
		while ((getline l < ids) > 0) {
			split(l, a, ",")
			id[a[1]] = a[2]
			kind[a[1]] = a[3]
		}
	}
	{ gsub(/"/, "") }
	NR == 1 {
		for (i = 3; i <= NF; i++)
			if ($i in id) {
				col[i] = id[$i]
				ctx[i] = kind[$i] == "ctx"
			}
		next
	}
	{
		e = NR - 1
		print e, "iData.csv line " NR >(dir "/source.csv")
		print e, $1, $2, $2 >(dir "/entity.csv")
		for (i = 3; i <= NF; i++) {
			if ($i == "" || !(i in col))
				continue
			if (ctx[i])
				print e, col[i], "", "", $i, "user", e \
				    >(dir "/context.csv")
			else
				print e, col[i], "", $i, "user", e
		}
	}' "$dir/iData.csv" >"$dir/value.csv" || return 1
	{
		echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		sqlite3 "$tpl" .schema
		echo "PRAGMA application_id = $(sqlite3 "$tpl" \
		    'PRAGMA application_id');"
		echo "PRAGMA user_version = $(sqlite3 "$tpl" \
		    'PRAGMA user_version');"
		echo "ATTACH '$tpl' AS t;"
		for t in meta node context_var preset preset_weight period; do
			if sqlite3 "$tpl" "SELECT 1 FROM $t LIMIT 0" 2>/dev/null
			then
				echo "INSERT INTO $t SELECT * FROM t.$t;"
			fi
		done
		# Schema 8: these are rows, the record, not edits over packs.
		echo "DELETE FROM meta WHERE key = 'values';"
		# Schema 4: written by hand, so no table's checksum is known.
		if sqlite3 "$tpl" "SELECT 1 FROM checksum LIMIT 0" 2>/dev/null
		then
			echo "INSERT INTO checksum (name, xxh3)"
			echo "    SELECT name, NULL FROM t.checksum;"
		fi
		echo "DETACH t;"
		for t in source entity context value; do
			echo ".import --csv '$dir/$t.csv' $t"
		done
		echo "UPDATE context SET num = NULL WHERE num = '';"
	} | sqlite3 -bail "$out" >/dev/null || return 1
	rm -f "$dir/ids.csv" "$dir/source.csv" "$dir/entity.csv" \
	    "$dir/context.csv" "$dir/value.csv"
}

machine
echo "compiler: $($CC --version | head -n 1)"
echo "sqlite3:  $(sqlite3 --version | cut -d' ' -f1-2)"
echo "sizes:    $SIZES units x $M indicators, seed $SEED"
echo

summary=$tmp/summary
: >"$summary"
for n in $SIZES; do
	d=$tmp/n$n
	mkdir -p "$d"
	echo "== $n units x $M indicators"

	# Generate.
	timed "$d/gen.t" "$GEN" -n "$n" -m "$M" -s "$SEED" -o "$d"
	csv_mb=$(du -m -c "$d/iData.csv" "$d/iMeta.csv" | tail -n 1 | cut -f1)
	echo "generated in $(cut -d' ' -f1 "$d/gen.t") s, ${csv_mb} MB of CSV"
	# Names that match one unit each, for the search key: the first
	# two units' (gen_synth's names are unique and of one length, so
	# none contains another).
	sed -n '2,3s/^[^,]*,"\([^"]*\)".*/\1/p' "$d/iData.csv" >"$d/names"

	# Import, IMPORT_RUNS times, each into a new file.  A refusal is
	# recorded, and the file made by sql_import for the rest.
	: >"$d/import"
	refused=
	i=1
	while [ "$i" -le "$IMPORT_RUNS" ]; do
		rm -f "$d/my.db"
		if ! /usr/bin/time -f '%e %U %S %M' -o "$d/t" "$CITYRANK" \
		    import --data "$d/iData.csv" --meta "$d/iMeta.csv" \
		    -o "$d/my.db" >/dev/null 2>"$d/import.err"; then
			refused=$(head -n 1 "$d/import.err")
			break
		fi
		cat "$d/t" >>"$d/import"
		i=$((i + 1))
	done
	if [ -n "$refused" ]; then
		echo "import refused: $refused"
		[ -n "${template:-}" ] ||
		    die "no imported file of a smaller size to copy from"
		t0=$(date +%s)
		sql_import "$template" "$d" "$d/my.db" ||
		    die "sql_import failed"
		echo "made by sql_import instead, in $(($(date +%s) - t0)) s"
		: >"$d/import"
	else
		template=${template:-$d/my.db}
	fi
	db_bytes=$(wc -c <"$d/my.db")
	raw_bytes=$((n * M * 8))

	# Open to the first screen.
	mark=$(last_word --timeout "$TIMEOUT" "$CITYRANK" --db "$d/my.db") ||
	    die "cityrank --db $d/my.db drew no first frame"
	[ -n "$mark" ] || die "no marker found for $n"
	: >"$d/open"
	i=1
	while [ "$i" -le "$OPEN_RUNS" ]; do
		r=$("$PTYRUN" --size "$SIZE" --timeout "$TIMEOUT" --cpu \
		    --until "$mark" "$CITYRANK" --db "$d/my.db") ||
		    die "open run $i failed"
		echo "$(field first_screen_ms "$r") $(field cpu_ms "$r")" \
		    "$(field bytes_first "$r")" >>"$d/open"
		i=$((i + 1))
	done

	# In-process re-score; fewer repetitions where a full score is long.
	reps=11
	[ "$n" -ge 100000 ] && reps=5
	"$RESCORE" -r "$reps" "$d/my.db" >"$d/rescore" ||
	    die "rescore_big failed"

	# The same scoring in SQL, and a check that it is the same.  It
	# reads the value rows: an import of schema 8 keeps its values in
	# the packs only (data/FORMAT.md), so there is nothing to read.
	: >"$d/sql"
	: >"$d/sql.out"
	sql_runs=$SQL_RUNS
	if [ "$(sqlite3 "$d/my.db" "SELECT count(*) FROM value")" = 0 ]; then
		sql_runs=0
		echo "SQL: skipped, the file has no value rows (schema 8)"
	fi
	i=1
	while [ "$i" -le "$sql_runs" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$d/t" \
		    sqlite3 "$d/my.db" <"$SQL" >"$d/sql.out" ||
		    die "sqlite3 failed"
		cat "$d/t" >>"$d/sql"
		i=$((i + 1))
	done
	"$CITYRANK" rank --db "$d/my.db" --format csv >"$d/rank.csv" ||
	    die "cityrank rank failed"
	same=$(awk -F'[|,]' 'NR == FNR { if (NF == 3 && $1 != "scores" &&
		$1 != "ranks") sql[$1] = $2; next }
	    FNR > 1 && ($2 in sql) { k++; d = sql[$2] - $5;
		if (d < 0) d = -d; if (d > 1e-6) bad++ }
	    END { printf "%d of %d", k - bad, k }' "$d/sql.out" "$d/rank.csv")

	# Memory of the batch ranking.
	: >"$d/mem"
	i=1
	while [ "$i" -le "$MEM_RUNS" ]; do
		timed "$d/t" "$CITYRANK" rank --db "$d/my.db" --format csv
		cat "$d/t" >>"$d/mem"
		i=$((i + 1))
	done

	printf '  %-40s %11s %11s %11s\n' "" median min max
	rowc "import, wall (s)" "$d/import" 1 "target < 5 s at 10k"
	awk '{ print $2 + $3 }' "$d/import" >"$d/x"
	rowc "import, CPU user+sys (s)" "$d/x" 1
	awk '{ print $4 * 1024 / 1e6 }' "$d/import" >"$d/x"
	rowc "import, max RSS (MB)" "$d/x" 1 "" %.1f
	row "database size (MB)" "$(awk -v b="$db_bytes" \
	    'BEGIN { printf "%.1f", b / 1e6 }')" "" "" \
	    "$(awk -v b="$db_bytes" -v r="$raw_bytes" \
	    'BEGIN { printf "%.1fx the raw values", b / r }')"
	rowc "open to first screen (ms)" "$d/open" 1 \
	    "target < 300 ms at 10k; marker \"$mark\""
	rowc "  CPU of the process (ms)" "$d/open" 2
	echo "  rescore_big, CPU µs per call:"
	sed -n '/^weight change\|^cr_rank\|^full\|^cr_db_load/s/^/    /p' \
	    "$d/rescore"
	awk '{ print $1 }' "$d/sql" >"$d/x"
	rowc "SQL rescore.sql, wall (s)" "$d/x" 1
	awk '{ print $2 + $3 }' "$d/sql" >"$d/x"
	rowc "SQL rescore.sql, CPU user+sys (s)" "$d/x" 1
	awk '{ print $4 * 1024 / 1e6 }' "$d/sql" >"$d/x"
	rowc "SQL rescore.sql, max RSS (MB)" "$d/x" 1 "" %.1f
	echo "  SQL index top ten equal to cityrank's (1e-6): $same"
	awk '{ print $4 * 1024 / 1e6 }' "$d/mem" >"$d/x"
	rowc "cityrank rank, max RSS (MB)" "$d/x" 1 "" %.1f
	awk -v r="$raw_bytes" '{ print $4 * 1024 / r }' "$d/mem" >"$d/x"
	rowc "  / raw values ($((raw_bytes / 1000000)) MB)" "$d/x" 1 \
	    "target < 3x"
	echo

	# One line for the summary.
	pillar=$(rescore_field "$d/rescore" "weight change, pillar")
	top=$(rescore_field "$d/rescore" "weight change, top")
	full=$(rescore_field "$d/rescore" "full cr_score")
	load=$(rescore_field "$d/rescore" "cr_db_load")
	awk '{ print $2 + $3 }' "$d/sql" >"$d/x"
	sqlcpu=$(med "$d/x" 1)
	echo "$n $(med "$d/import" 1) $db_bytes $(med "$d/open" 1)" \
	    "$pillar $top $full $load $sqlcpu $(med "$d/mem" 4)" \
	    "$raw_bytes" >>"$summary"
	[ -n "${KEEP:-}" ] || rm -f "$d/iData.csv"
done

echo "== summary (medians)"
printf '%8s %9s %8s %9s %10s %10s %10s %10s %9s %8s %8s %8s %6s\n' \
    units "import s" "db MB" "open ms" "pillar ms" "top ms" "full ms" \
    "load ms" "SQL s" "SQL/full" "SQL/l+f" "RSS MB" "/raw"
awk '{ printf "%8d %9s %8.1f %9.1f %10.3f %10.3f %10.1f %10.1f %9.2f" \
    " %8.1f %8.1f %8.1f %6.2f\n", $1, $2 == "nan" ? "refused" : \
    sprintf("%.2f", $2), $3 / 1e6, $4, $5 / 1e3, \
    $6 / 1e3, $7 / 1e3, $8 / 1e3, $9, $9 * 1e6 / $7, \
    $9 * 1e6 / ($7 + $8), $10 / 1024 * 1.048576, $10 * 1024 / $11 }' \
    "$summary"
echo "pillar, top: CPU per weight change in process; full: cr_score;" \
    "load: cr_db_load;"
echo "SQL: CPU (user+sys) of sqlite3 running rescore.sql; SQL/full and" \
    "SQL/l+f: against"
echo "cr_score, and against cr_db_load + cr_score; RSS: cityrank rank," \
    "MB of 10^6 bytes."

# The explorer's keys on one size.
case " $SIZES " in
*" $KEYS_SIZE "*) ;;
*)	echo; echo "keys: skipped ($KEYS_SIZE is not in SIZES)"; exit 0 ;;
esac
d=$tmp/n$KEYS_SIZE
mark=$(last_word --timeout "$TIMEOUT" "$CITYRANK" --db "$d/my.db")
set -- $(cat "$d/names")
[ $# -eq 2 ] || die "no unit names to search for"
name1=$1 name2=$2

cases="scroll search filter sort weight pillar"
setup_scroll=""		press_scroll="j"
setup_search=""		press_search="/$name1\\r /$name2\\r"
setup_filter=""		press_filter="|ka\\r |\\r"
setup_sort=""		press_sort=">"
setup_weight="3"	press_weight="+ -"
setup_pillar="3 j"	press_pillar="+ -"

# keyrun CASE PRESSES
keyrun() {
	eval "setup=\$setup_$1 press=\$press_$1"
	k=$2
	set --
	for key in $setup; do
		set -- "$@" --keys "$key"
	done
	while [ "$k" -gt 0 ]; do
		for key in $press; do
			[ "$k" -gt 0 ] || break
			set -- "$@" --keys "$key"
			k=$((k - 1))
		done
	done
	"$PTYRUN" --size "$SIZE" --timeout "$TIMEOUT" --until "$mark" \
	    --quiet "$QUIET" --cpu "$@" "$CITYRANK" --db "$d/my.db"
}

i=1
while [ "$i" -le "$KEY_PAIRS" ]; do
	for c in $cases; do
		if [ $((i % 2)) -eq 1 ]; then
			a=$(keyrun "$c" 0) && b=$(keyrun "$c" "$PRESSES")
		else
			b=$(keyrun "$c" "$PRESSES") && a=$(keyrun "$c" 0)
		fi || die "keys: case $c, pair $i failed"
		nsetup=$(eval "set -- \$setup_$c; echo \$#")
		echo "$(field cpu_ms "$a") $(field cpu_ms "$b")" \
		    "$(field silent_steps "$b") $(field key_ms "$b")" \
		    >>"$tmp/key.$c"
		# Bytes of every press, without the setup steps.
		field step_bytes "$b" | tr ',' '\n' |
		    sed "1,${nsetup}d" >>"$tmp/keybytes.$c"
		# When each press's answer began, the same way.
		field step_first_ms "$b" | tr ',' '\n' |
		    sed "1,${nsetup}d" >>"$tmp/keyfirst.$c"
	done
	i=$((i + 1))
done

echo
echo "== explorer keys on $KEYS_SIZE units: $KEY_PAIRS pairs per case," \
    "$PRESSES presses, $QUIET ms quiet before each, $SIZE"
echo "   search patterns \"$name1\" and \"$name2\" in turn"
printf '%-7s %12s %12s %16s %12s %11s %12s %10s %10s %7s\n' case \
    "CPU 0 ms" "CPU $PRESSES ms" "ms/press pair" "pair min-max" \
    "bytes/press" "answer ms" "first ms" "first p90" silent
for c in $cases; do
	c0=$(med "$tmp/key.$c" 1 %.1f)
	cn=$(med "$tmp/key.$c" 2 %.1f)
	set -- $(awk -v n="$PRESSES" '{ print ($2 - $1) / n }' \
	    "$tmp/key.$c" | summarize %.3f)
	pair=$1 range="$2-$3"
	set -- $(summarize %d <"$tmp/keybytes.$c")
	bytes="$1"
	ans=$(med "$tmp/key.$c" 4 %.2f)
	# Presses answered within QUIET ms: when their answer began.
	first=$(awk '$1 > 0' "$tmp/keyfirst.$c" | summarize %.2f |
	    cut -d' ' -f1)
	p90=$(awk '$1 > 0' "$tmp/keyfirst.$c" | sort -g |
	    awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", v[int(NR * 0.9 + 0.5) ? int(NR * 0.9 + 0.5) : 1] }')
	set -- $(col "$tmp/key.$c" 3 %d)
	printf '%-7s %12s %12s %16s %12s %11s %12s %10s %10s %7s\n' "$c" \
	    "$c0" "$cn" "$pair" "$range" "$bytes" "$ans" "$first" "$p90" "$3"
done
echo
echo "ms/press pair: median over pairs of (CPU with presses - CPU" \
    "without) / presses;"
echo "bytes/press: median over every press; answer ms: key write to" \
    "the last byte of"
echo "the answer, last press, median over runs; silent: most presses" \
    "without an answer"
echo "in one run (a press slower than $QUIET ms would show here)."
echo "first ms, first p90: key write to the first byte of its answer," \
    "median and 90th"
echo "percentile over every press answered (a large data set's first" \
    "frame leaves"
echo "the weights view's correlations and interval to the next, drawn" \
    "when no key waits)."
