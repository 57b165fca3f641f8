#!/bin/sh
# cityrank robust: the columns scripts rely on, no noise and no band,
# the same bytes with 1 and 2 threads, parts merged into one run, Sobol
# indices, SIGINT, bad options and bad part files; and the Monte Carlo
# against an independent implementation (tests/mc_check.py).
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME"

run robust --samples 500 --format csv
check "robust exits 0" test "$rc" -eq 0
check "CSV has the columns scripts rely on" grep -q \
    '^nominal_rank,code,name,name_en,median_rank,mean_rank,p05_rank,p95_rank,score,score_p05,score_p95,p_top,ranked$' \
    "$tmp/out"
check "one row a city" test "$(wc -l <"$tmp/out")" -eq 27
check "nothing on standard error when it is not a terminal" \
    test ! -s "$tmp/err"
run robust --samples 500
check "the table prints the seed" grep -q '^seed: 1$' "$tmp/out"
check "the table prints the samples" grep -q '^samples: 500$' "$tmp/out"
check "the table lists the 23 uncertain factors" \
    grep -q '^uncertain factors: 23: strategy technology' "$tmp/out"
run robust --samples 100 --format json
check "JSON carries p_top" grep -q '"p_top":' "$tmp/out"

# A run that would not fit in memory is refused before it starts:
# 100,000 samples of 26 cities keep 100,000 x 26 scores (8 bytes) and
# ranks (4), and a sample's buffer: about 31 MB, over the 19 MB said.
want=$(awk 'BEGIN { printf "%.0f", (100000 * 26 * 12 + 100001 * 8 + 27 * 8) / 1048576 }')
CITYRANK_MEM_AVAILABLE=20000000 "$CITYRANK" robust --samples 100000 \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
check "robust too large for memory: status 1, the need and the limit" \
    sh -c "[ $rc -eq 1 ] && [ ! -s '$tmp/out' ] &&
	grep -q '100000 samples need about $want MB, and CITYRANK_MEM_AVAILABLE is 19 MB: fewer --samples, or --part' '$tmp/err'"
CITYRANK_MEM_AVAILABLE=20000000 "$CITYRANK" robust --samples 100000 \
    --part 1/4 -o "$tmp/mem.part" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "... a quarter of it, as --part 1/4, fits and runs" \
    sh -c "[ $rc -eq 0 ] && [ -s '$tmp/mem.part' ]"
# A merge holds the parts and the merged run at once: 40,000 samples of
# 26 cities twice, about 24 MB, over the 19 MB said, though one run of
# them (12 MB) fits.  Refused before a part is read.
"$CITYRANK" robust --samples 40000 --part 1/2 -o "$tmp/m1.part" &&
    "$CITYRANK" robust --samples 40000 --part 2/2 -o "$tmp/m2.part"
want=$(awk 'BEGIN { printf "%.0f", 2 * (40000 * 26 * 12 + 40001 * 8 + 27 * 8) / 1048576 }')
CITYRANK_MEM_AVAILABLE=20000000 "$CITYRANK" robust --samples 40000 \
    --merge "$tmp/m1.part" "$tmp/m2.part" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "robust --merge too large for memory: status 1, the need and the limit" \
    sh -c "[ $rc -eq 1 ] && [ ! -s '$tmp/out' ] &&
	grep -q 'a merge holds them twice (the parts and the merged run): 40000 samples need about $want MB, and CITYRANK_MEM_AVAILABLE is 19 MB: the parts cannot be merged' '$tmp/err'"
"$CITYRANK" robust --samples 40000 --merge "$tmp/m1.part" "$tmp/m2.part" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
check "... and merged where the memory is there" \
    sh -c "[ $rc -eq 0 ] && [ -s '$tmp/out' ] && [ ! -s '$tmp/err' ]"
rm -f "$tmp/m1.part" "$tmp/m2.part"

# No noise: every band is the nominal rank, and P(top 10) is 0 or 1.
run robust --noise 0 --samples 300 --format csv
check "with no noise every band is the nominal rank" awk -F, '
    NR > 1 && !($1 == $5 && $1 == $7 && $1 == $8 && $1 == $6) { bad = 1 }
    NR > 1 && !($12 == ($1 <= 10 ? 1 : 0)) { bad = 1 }
    END { exit bad }' "$tmp/out"
# More noise, wider bands (summed over the cities).
width() {
	"$CITYRANK" robust --noise "$1" --samples 2000 --format csv |
	    awk -F, 'NR > 1 { w += $8 - $7 } END { print w }'
}
w1=$(width 20) w2=$(width 50) w3=$(width 90)
check "bands widen with the noise ($w1 < $w2 < $w3)" \
    awk -v a="$w1" -v b="$w2" -v c="$w3" 'BEGIN { exit !(a < b && b < c) }'

# Threads and parts.
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --threads 1 \
    --format csv >"$tmp/one" 2>&1
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --threads 2 \
    --format csv >"$tmp/two" 2>&1
check "one seed, the same bytes with 1 and 2 threads" cmp "$tmp/one" "$tmp/two"
"$CITYRANK" robust --samples 3000 --seed 10 --noise 60 --format csv \
    >"$tmp/other" 2>&1
check "another seed, other bytes" \
    sh -c "! cmp -s '$tmp/one' '$tmp/other'"
for i in 1 2 3; do
	"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --part "$i/3" \
	    -o "$tmp/p$i.part"
done
check "--part -o writes a file" test -s "$tmp/p2.part"
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --format csv \
    --merge "$tmp/p3.part" "$tmp/p1.part" "$tmp/p2.part" >"$tmp/merged"
check "merged parts are byte for byte one run" cmp "$tmp/one" "$tmp/merged"
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --part 2/3 \
    >"$tmp/p2.stdout"
check "a part to standard output is the file" cmp "$tmp/p2.part" \
    "$tmp/p2.stdout"
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 --threads 1 \
    >"$tmp/one.txt"
"$CITYRANK" robust --samples 3000 --seed 9 --noise 60 \
    --merge "$tmp/p1.part" "$tmp/p2.part" "$tmp/p3.part" >"$tmp/merged.txt"
check "and so is the table" cmp "$tmp/one.txt" "$tmp/merged.txt"

# Bad part files: the file and the fault named, exit 2, nothing out.
fails "a part of another run is refused" 2 \
    "p1.part:10: this part has 'seed 9' where this run has 'seed 8'" \
    robust --samples 3000 --seed 8 --noise 60 --merge "$tmp/p1.part" \
    "$tmp/p2.part" "$tmp/p3.part"
fails "a part made with other weights is refused" 2 \
    "where this run has 'weight strategy 2'" \
    robust --samples 3000 --seed 9 --noise 60 --weights strategy=2 \
    --merge "$tmp/p1.part" "$tmp/p2.part" "$tmp/p3.part"
fails "a missing part is named" 2 "part 2 of 3 is missing" \
    robust --samples 3000 --seed 9 --noise 60 --merge "$tmp/p1.part" \
    "$tmp/p3.part"
fails "a part given twice is named" 2 "are both part 1 of 3" \
    robust --samples 3000 --seed 9 --noise 60 --merge "$tmp/p1.part" \
    "$tmp/p1.part" "$tmp/p3.part"
sed 's/^17 8/17 9/' "$tmp/p1.part" >"$tmp/bad.part"
fails "a changed score fails the checksum" 2 \
    "bad.part:1039: the 'end' line does not match" \
    robust --samples 3000 --seed 9 --noise 60 --merge "$tmp/bad.part" \
    "$tmp/p2.part" "$tmp/p3.part"
head -c 5000 "$tmp/p1.part" >"$tmp/cut.part"
fails "a cut part is refused" 2 "cut.part:" \
    robust --samples 3000 --seed 9 --noise 60 --merge "$tmp/cut.part" \
    "$tmp/p2.part" "$tmp/p3.part"
printf 'hello\n' >"$tmp/junk.part"
fails "not a part file" 2 "junk.part:1: not a cityrank robust part file" \
    robust --merge "$tmp/junk.part"
fails "a part file that does not exist" 2 "nosuch.part: No such file" \
    robust --merge "$tmp/nosuch.part"

# Sobol.
run robust --sobol --level 1 --samples 2000 --format csv
check "--sobol exits 0" test "$rc" -eq 0
check "--sobol CSV columns" grep -q \
    '^factor,name,first,first_lo,first_hi,total,total_lo,total_hi$' \
    "$tmp/out"
check "one row per dimension weight" test "$(wc -l <"$tmp/out")" -eq 5
check "first order <= total order within the intervals" awk -F, '
    NR > 1 && !($4 <= $8 + 1e-12) { bad = 1 } END { exit bad }' "$tmp/out"
run robust --sobol --level 1 --samples 500 --unit 厦门
check "--sobol --unit names the city's rank" \
    grep -q '^output: rank of xiamen' "$tmp/out"
run robust --sobol --vary normalize --norms minmax,rank,zscore --samples 300
check "a method as a factor" grep -q '^normalize' "$tmp/out"

# SIGINT: exit 130, nothing written.  Dirichlet draws are the slowest:
# a run of seconds that holds little memory by the time it is stopped.
"$CITYRANK" robust --samples 3000000 --dirichlet 5 --threads 1 --part 1/1 \
    -o "$tmp/int.part" 2>"$tmp/int.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
rc=$?
check "SIGINT exits 130" test "$rc" -eq 130
check "and says it stopped" grep -q 'interrupted' "$tmp/int.err"
check "and leaves no output file" test ! -e "$tmp/int.part"
check "nor a temporary one" sh -c "! ls '$tmp' | grep -q 'int.part'"

# Bad options: named, exit 2, nothing on standard output.
fails "--samples 0" 2 "--samples '0' is not a whole number from 1" \
    robust --samples 0
fails "--samples x" 2 "--samples 'x' is not a number" robust --samples x
fails "--samples 1.5" 2 "--samples '1.5' is not a whole number" \
    robust --samples 1.5
fails "--noise 100" 2 "--noise '100' is not a number from 0" \
    robust --noise 100
fails "--noise -1" 2 "--noise '-1'" robust --noise -1
fails "--dirichlet 0" 2 "--dirichlet '0'" robust --dirichlet 0
fails "--level beyond the tree" 2 "--level '3' is not a whole number" \
    robust --level 3
fails "--vary of an unknown factor" 2 "--vary: unknown item 'colour'" \
    robust --vary weights,colour
fails "--vary with an empty item" 2 "an empty item" robust --vary weights,
fails "--norms of one method" 2 "name two or more methods" \
    robust --norms rank
fails "--norms with a range" 2 "--norms: unknown item 'minmax:0:1'" \
    robust --norms minmax:0:1,rank
fails "--aggs unknown" 2 "--aggs: unknown item 'median'" \
    robust --aggs arith,median
fails "geom over z-scores cannot score" 2 \
    "with zscore normalisation and geom aggregation" \
    robust --norms minmax,zscore --aggs arith,geom
fails "--top 0" 2 "--top '0'" robust --top 0
fails "--top beyond the cities" 2 "--top '27'" robust --top 27
fails "--seed -1" 2 "--seed '-1'" robust --seed -1
fails "--threads 0" 2 "--threads '0'" robust --threads 0
fails "--part 4/3" 2 "--part '4/3': part 4 of 3" robust --part 4/3
fails "--part 3" 2 "--part '3' is not I/K" robust --part 3
fails "--part over more parts than samples" 2 "the parts must be 1 to 10" \
    robust --samples 10 --part 1/11
fails "--merge with --part" 2 "--merge and --part exclude each other" \
    robust --part 1/2 --merge x
fails "--sobol with --part" 2 "--sobol cannot be split" \
    robust --sobol --part 1/2
fails "--sobol with --dirichlet" 2 "Sobol indices need independent" \
    robust --sobol --dirichlet 50
fails "--dirichlet with --noise" 2 "exclude each other" \
    robust --dirichlet 50 --noise 10
fails "--unit without --sobol" 2 "--unit applies to --sobol only" \
    robust --unit 北京
fails "--unit unknown" 2 "--unit:" robust --sobol --unit nowhere
fails "-o without --part" 2 "--output applies to robust --part only" \
    robust -o "$tmp/x"
fails "an argument" 2 "robust takes no arguments (got 'x')" robust x
fails "--merge without files" 2 "--merge needs the part files" \
    robust --merge
fails "--level with no weights" 2 "no weights vary at level 1 beneath strategy" \
    --by strategy robust --level 1
fails "robust options on another command" 2 \
    "--samples applies to 'robust' only" rank --samples 10

# An independent implementation, within sampling error.
if command -v python3 >/dev/null 2>&1; then
	if python3 "$SRCDIR/tests/mc_check.py" "$CITYRANK" "$SRCDIR" 6000 80 \
	    >"$tmp/py" 2>&1; then
		ok "medians, bands, means and P(top 10) agree with tests/mc_check.py ($(grep -c '^ok' "$tmp/py") checks)"
	else
		not_ok "tests/mc_check.py disagrees"
		grep -v '^ok' "$tmp/py" | sed 's/^/# /'
	fi
else
	skip "the independent implementation" "no python3"
fi

done_testing
