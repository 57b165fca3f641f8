#!/bin/sh
# Batch commands end to end: output, exit statuses and messages.
# Expected values come from data/seed (the report's figures) or are
# recomputed here with awk from data/values.csv, never from cityrank.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

# usage_error DESC WANT ARGS...: status 2 and one stderr line naming WANT
usage_error() {
	d=$1 want=$2; shift 2
	run "$@"
	if [ "$rc" -eq 2 ] && grep -qF -- "$want" "$tmp/err" &&
	    [ "$(grep -c . "$tmp/err")" -le 2 ] && [ ! -s "$tmp/out" ]; then
		ok "$d"
	else
		not_ok "$d (status $rc)"; sed 's/^/# /' "$tmp/err"
	fi
}
db_error() {
	d=$1 want=$2; shift 2
	run "$@"
	if [ "$rc" -eq 1 ] && grep -qF -- "$want" "$tmp/err" &&
	    [ "$(grep -c . "$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; then
		ok "$d"
	else
		not_ok "$d (status $rc)"; sed 's/^/# /' "$tmp/err"
	fi
}

# The published order, from the report's table.
tail -n +2 "$SRCDIR/data/seed/report_cities.csv" | sort -t, -k6,6n |
    cut -d, -f1 >"$tmp/published"

run rank --format csv
cut -d, -f3 "$tmp/out" | tail -n +2 >"$tmp/ours"
check "rank --format csv lists the 26 cities in the published order" \
    cmp "$tmp/published" "$tmp/ours"
check "rank csv has 26 rows and a header" \
    test "$(wc -l <"$tmp/out")" -eq 27
check "rank csv header names code, names, rank and score" \
    grep -q '^rank,code,name_zh,name_en,score,provenance' "$tmp/out"

# Independent computation of 深圳's index: mean of the four dimension
# means of its leaves in data/values.csv (default weights are equal).
awk -F, -v city=shenzhen '
	FNR == 1 { next }
	FILENAME ~ /framework/ { parent[$1] = $2; next }
	$1 == city { s[parent[$2]] += $3; c[parent[$2]]++ }
	END {
		for (d in s) { t += s[d] / c[d]; k++ }
		printf "%.9f\n", t / k
	}' "$SRCDIR/data/framework.csv" "$SRCDIR/data/values.csv" >"$tmp/want"
grep '^1,shenzhen,' "$tmp/out" | cut -d, -f5 |
    awk '{ printf "%.9f\n", $1 }' >"$tmp/got"
check "深圳's score in CSV matches an awk recomputation to 1e-9" \
    cmp "$tmp/want" "$tmp/got"
check "CSV carries full precision (>= 10 significant digits)" \
    sh -c "cut -d, -f5 '$tmp/out' | grep -Eq '^[0-9]+\.[0-9]{9,}'"

run rank
check "rank table: 深圳 is first" \
    sh -c "grep -m1 '深圳' '$tmp/out' | grep -Eq '^ +1 +深圳'"
check "piped output has no escape sequences" \
    sh -c "! grep -q \"$(printf '\033')\" '$tmp/out'"
# Every data row's score ends in the same display column.  Chinese names
# are two columns a character, so byte counts would differ.
awk '/^ +[0-9]+ / { print }' "$tmp/out" | while IFS= read -r l; do
	printf '%s' "$l" | iconv -f UTF-8 -t UTF-32LE | wc -c
	printf '%s' "$l" | grep -oP '[\x{4e00}-\x{9fff}]' | wc -l
done | paste - - | awk '{ print $1 / 4 + $2 }' | sort -u >"$tmp/widths"
check "table rows align by display width" \
    test "$(wc -l <"$tmp/widths")" -eq 1

run rank --format json
check "json output parses and has 26 rows" \
    sh -c "! command -v python3 >/dev/null ||
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"rows\"])==26; assert d[\"rows\"][0][\"name_en\"]==\"Shenzhen\"' '$tmp/out'"
run rank --format md
check "markdown output is a pipe table" \
    sh -c "grep -q '^| Rank |' '$tmp/out' && grep -q '^|---:|' '$tmp/out'"

run rank --by innovation --format csv
check "rank --by innovation puts 深圳 or 北京 first" \
    sh -c "sed -n 2p '$tmp/out' | grep -Eq 'shenzhen|beijing'"
run rank --weights innovation=4
check "changed weights show moves against the baseline" \
    sh -c "grep -q 'Move' '$tmp/out' && grep -Eq '(↑|↓)[0-9]' '$tmp/out'"
run rank --weights innovation=4 --ascii
check "--ascii moves use + and -" \
    sh -c "grep -Eq ' [+-][0-9]+ ' '$tmp/out' && ! grep -q '↑' '$tmp/out'"
run rank --preset innovation_heavy --format csv
check "preset innovation_heavy ranks" test "$rc" -eq 0

usage_error "negative weight" "weight -1 for 'ai' is negative" \
    rank --weights ai=-1
usage_error "weight not a number" "'abc'" rank --weights ai=abc
usage_error "weight NaN" "'nan'" rank --weights ai=nan
usage_error "weight too large to stay finite" "too large" \
    rank --weights ai=1e308
usage_error "min-max range too wide to stay finite" "bad min-max range" \
    rank --normalize minmax:-1e308:1e308
usage_error "unknown weight code" "unknown node 'nope'" \
    rank --weights nope=1
usage_error "all zero under one parent" "all weights under 'technology'" \
    rank --weights iot=0,cloud=0,ai=0,broadband=0
usage_error "unknown option" "unknown option '--frobnicate'" \
    rank --frobnicate
usage_error "option without value" "'--by' needs a value" rank --by
usage_error "unknown command" "unknown command 'rnak'" rnak
usage_error "unknown --by node" "unknown node 'nope'" rank --by nope
usage_error "unknown format" "unknown format 'xml'" rank --format xml
usage_error "unknown normalisation" "fancy" rank --normalize fancy
usage_error "unknown aggregation" "median" rank --aggregate median
usage_error "unknown preset" "unknown preset 'nope'" rank --preset nope
usage_error "geometric mean of z-scores" "negative" \
    rank --normalize zscore --aggregate geom
usage_error "ambiguous city lists candidates" "苏州 Suzhou" show 'zhou$'
usage_error "unknown city lists cities" "深圳 Shenzhen" show Paris
usage_error "invalid city pattern" "invalid pattern" show '(x'
usage_error "control characters in arguments are shown" '^[[31m' \
    rank --by "$(printf '\033[31m')"
printf 'header cyan\n' >"$tmp/bad.theme"
usage_error "a bad theme file names file and line" "bad.theme:1: expected" \
    --theme "$tmp/bad.theme" rank
usage_error "an unknown theme" "no theme 'nope'" --theme nope rank
check "no raw escape on stderr" sh -c "! grep -q \"$(printf '\033')\" '$tmp/err'"

db_error "missing database" "No such file" --db "$tmp/none.db" rank
printf 'not a database at all, padding padding padding padding padding' \
    >"$tmp/text.db"
db_error "not a SQLite file" "not a database" --db "$tmp/text.db" rank
: >"$tmp/empty.db"
db_error "empty file" "not a cityrank data set" --db "$tmp/empty.db" rank

run show 石家庄
check "show 石家庄 by Chinese name" grep -q '石家庄 Shijiazhuang' "$tmp/out"
run show SHIJIAZHUANG
check "show by pinyin, any case" grep -q '石家庄 Shijiazhuang' "$tmp/out"
run show '^har'
check "show by pattern" grep -q '哈尔滨 Harbin' "$tmp/out"
check "show marks reconstructed values" grep -q 'reconstructed' "$tmp/out"
check "show gives per-capita GDP with provenance" \
    grep -q 'estimated' "$tmp/out"
run show xiamen
check "厦门's GDP is the official figure 118015" \
    sh -c "grep -q '118015 yuan (official' '$tmp/out'"
run show xiamen --format csv
check "show csv has one row per node" test "$(wc -l <"$tmp/out")" -eq 25

run tree
check "tree lists the six domains" \
    sh -c "grep -q environment '$tmp/out' && grep -q education '$tmp/out'"
check "tree shows a leaf's share of the index (1/4 * 1/6 = 4.2%)" \
    sh -c "grep -E '^ +security ' '$tmp/out' | grep -q ' 4\.2 '"

# compare: contributions recomputed with awk from the dimension scores
# (equal weights: each dimension's share is 1/4) and summed to the gap.
run compare 深圳 北京 --format csv
check "compare csv has one row per node" test "$(wc -l <"$tmp/out")" -eq 25
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$1 == "index" { gap = $col["diff"] }
	$col["contrib"] != "" {
		sum += $col["contrib"]; n++
		want = ($col["score_shenzhen"] - $col["score_beijing"]) / 4
		if (want - $col["contrib"] > 1e-9 || $col["contrib"] - want > 1e-9)
			bad++
	}
	END { d = sum - gap; exit !(n == 4 && !bad && d < 1e-9 && d > -1e-9) }' \
    "$tmp/out"
check "the gap's contributions are w*(A-B) and add up to the gap" \
    test $? -eq 0
run compare 南京 成都
share=$(sed -n 's/.*from 25.0% to beyond \([0-9.]*\)%.*/\1/p' "$tmp/out")
check "compare finds the weight that swaps 南京 and 成都" test -n "$share"
# Innovation at a share s of the index: weight w = 3s / (1 - s) against
# three dimensions of weight 1.  Just past the threshold the order flips,
# just before it does not.
w_past=$(awk -v s="$share" 'BEGIN { s = (s - 0.2) / 100; print 3 * s / (1 - s) }')
w_before=$(awk -v s="$share" 'BEGIN { s = (s + 0.3) / 100; print 3 * s / (1 - s) }')
"$CITYRANK" rank --weights "innovation=$w_past" --format csv |
    grep -E ',(nanjing|chengdu),' | cut -d, -f3 | head -1 >"$tmp/first"
check "past the threshold 成都 ranks above 南京" grep -q chengdu "$tmp/first"
"$CITYRANK" rank --weights "innovation=$w_before" --format csv |
    grep -E ',(nanjing|chengdu),' | cut -d, -f3 | head -1 >"$tmp/first"
check "before the threshold 南京 stays above 成都" grep -q nanjing "$tmp/first"
usage_error "compare needs two cities" "2 to 4 cities" compare 深圳
usage_error "compare takes at most four" "2 to 4 cities" \
    compare 深圳 北京 上海 广州 杭州
usage_error "compare refuses a city twice" "twice" compare 深圳 shenzhen

# scatter: the fit recomputed with awk from the x and y columns.
run scatter --format csv
check "scatter csv has 26 points" test "$(wc -l <"$tmp/out")" -eq 27
awk -F, 'NR == 1 { next }
	{ x[NR] = $4; y[NR] = $5; f[NR] = $6; n++; sx += $4; sy += $5 }
	END {
		mx = sx / n; my = sy / n
		for (i in x) { sxy += (x[i] - mx) * (y[i] - my);
		    sxx += (x[i] - mx) ^ 2 }
		b = sxy / sxx; a = my - b * mx
		for (i in x) { d = a + b * x[i] - f[i];
		    if (d > 1e-6 || d < -1e-6) exit 1 }
	}' "$tmp/out"
check "fitted values match an awk least-squares fit" test $? -eq 0
for c in chengdu chongqing zhengzhou shijiazhuang; do
	check "report: $c is ahead of its economy" \
	    grep -q "^$c,.*,ahead," "$tmp/out"
done
for c in nanjing changsha wuxi xiamen fuzhou dalian; do
	check "report: $c is behind its economy" \
	    grep -q "^$c,.*,behind," "$tmp/out"
done
run scatter
check "the plot has 万 ticks, the fit line and the statistics" \
    sh -c "grep -q '10万' '$tmp/out' && grep -q 'Spearman ρ' '$tmp/out'"
check "the plot has braille dots" grep -qP '[\x{2801}-\x{28ff}]' "$tmp/out"
check "the plot output carries no escape sequences" \
    sh -c "! grep -q \"$(printf '\033')\" '$tmp/out'"
run scatter --ascii --width 60 --height 20
check "--ascii plots without braille" \
    sh -c "[ $rc -eq 0 ] && ! grep -qP '[\x{2801}-\x{28ff}]' '$tmp/out'"
check "--width/--height size the plot (20 lines, none wider than 60)" \
    sh -c "[ \"\$(awk '/^y = /{ print NR - 1; exit }' '$tmp/out')\" = 20 ] &&
    head -20 '$tmp/out' | awk '{ if (length > 60) exit 1 }'"
run scatter --log-x --x gdp_pc_2018 --y innovation
check "--log-x and --x/--y" test "$rc" -eq 0
usage_error "scatter: unknown axis" "'nope' is neither" scatter --x nope
usage_error "scatter: width too small" "--width '5'" scatter --width 5

run --help
check "--help exits 0 and shows usage" \
    sh -c "[ $rc -eq 0 ] && grep -q '^usage: cityrank' '$tmp/out'"
run --version
check "--version" grep -q '^cityrank [0-9]' "$tmp/out"
run
check "no arguments and no terminal prints the ranking" \
    sh -c "[ $rc -eq 0 ] && grep -q '深圳' '$tmp/out'"

if [ -d "$SRCDIR/../shared/seed" ]; then
	check "data/seed is a verbatim copy of shared/seed" \
	    cmp "$SRCDIR/data/seed/report_cities.csv" \
	    "$SRCDIR/../shared/seed/report_cities.csv"
fi

# One parser for every number a user writes (engine/num.h).
usage_error "weight in hex" "weight '0x10' for 'ai' is not a number" \
    rank --weights ai=0x10
usage_error "weight that would read as 0" \
    "weight '1e-400' for 'ai' is too small" rank --weights ai=1e-400
usage_error "a node given twice in --weights" \
    "node 'ai' is given twice in --weights" rank --weights ai=1,ai=2
run rank --weights ai=4.9e-324 --format csv
check "a subnormal weight is a number" test "$rc" -eq 0

# Values near the largest double score like any others: their min-max
# range and z-score sums overflowed, which ranked 1e308 last with no
# score and nothing missing.
printf '%s\n' 'Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type' \
    '1,a,Alpha,1,1,,,Index,Indicator' '1,b,Beta,1,1,,,Index,Indicator' \
    '2,Index,Index,1,1,,,,Aggregate' >"$tmp/xmeta.csv"
printf '%s\n' 'uCode,uName,a,b' 'X,Ex,1e308,1' 'Y,Why,-1e308,2' \
    'Z,Zed,0,3' >"$tmp/xdata.csv"
run import --data "$tmp/xdata.csv" --meta "$tmp/xmeta.csv" -o "$tmp/x.db"
check "import of 1e308, -1e308 and 0" test "$rc" -eq 0
# scores CODE,SCORE...: the ranking's codes and scores, in order
scores() {
	[ "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
	    { printf "%s,%s ", $f["code"], $f["score"] }' "$tmp/out")" = "$* " ]
}
run --db "$tmp/x.db" rank --format csv --by a
check "1e308, -1e308, 0 by min-max: in order, each scored" \
    scores X,100 Z,50 Y,0
run --db "$tmp/x.db" rank --format csv
check "... and the index of both leaves" scores Z,75 X,50 Y,25
run --db "$tmp/x.db" rank --format csv --by a --normalize zscore
check "... and by z-score" scores X,1 Z,0 Y,-1

# Every value missing: compare still answers, the gap said to be none
# (it was a usage error, status 2, although the arguments were right).
printf '%s\n' 'uCode,uName,a,b' 'X,Ex,,' 'Y,Why,,' >"$tmp/mdata.csv"
run import --data "$tmp/mdata.csv" --meta "$tmp/xmeta.csv" -o "$tmp/m.db"
run --db "$tmp/m.db" compare X Y
check "compare with every value missing answers (exit 0)" \
    sh -c "[ $rc -eq 0 ] && grep -q 'Gap Ex - Why at Index: none' '$tmp/out'"
run --db "$tmp/m.db" compare X Y --format csv
check "... and its CSV has a row per node, scores empty" \
    sh -c "[ \$(grep -c '^.*,,,,,,' '$tmp/out') -eq 3 ]"
usage_error "compare at an indicator says so" "it is an indicator" \
    --db "$tmp/m.db" --by a compare X Y

# A city is found by any text context value too, as by its province:
# the one city of tier 3, and the cities of a region (data/context.csv).
t3=$(grep ',cbn_class,tier3,' "$SRCDIR/data/context.csv" | cut -d, -f1)
run show '^tier3$'
check "show ^tier3\$ finds the one city of that tier ($t3)" \
    sh -c "[ $rc -eq 0 ] && head -1 '$tmp/out' | grep -q '($t3)'"
ne=$(grep -c ',region,northeast,' "$SRCDIR/data/context.csv")
run show '^northeast$'
check "show ^northeast\$ names the region's $ne cities as candidates" \
    sh -c "[ $rc -eq 2 ] && [ \$(grep -o ', ' '$tmp/err' | wc -l) -eq $((ne - 1)) ]"

# rank --against: a panel's other year under the same weights.  Its
# ranks must be those the same command gives with --year, and the move
# their difference.
run import --data "$SRCDIR/tests/fixtures/coinr-asem/ASEM_iData_p.csv" \
    --meta "$SRCDIR/tests/fixtures/coinr-asem/ASEM_iMeta.csv" -o "$tmp/p.db"
"$CITYRANK" --db "$tmp/p.db" --year 2019 rank --format csv |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
	{ print $f["code"], $f["rank"] }' | sort >"$tmp/r2019"
"$CITYRANK" --db "$tmp/p.db" --year 2022 rank --against 2019 --format csv |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
	{ print $f["code"], $f["against_rank"], $f["rank"], $f["against_move"] }' |
    sort >"$tmp/ag"
check "rank --against 2019: each city's 2019 rank, as --year 2019 ranks it" \
    sh -c "[ \$(wc -l <'$tmp/ag') -eq 51 ] &&
	[ -z \"\$(join '$tmp/ag' '$tmp/r2019' | awk '\$2 != \$5')\" ]"
check "... and the places gained: the 2019 rank less the 2022 rank" \
    sh -c "[ -z \"\$(awk '\$4 != \$2 - \$3' '$tmp/ag')\" ] &&
	awk '\$4 != 0' '$tmp/ag' | grep -q ."
# scatter's lists of the cities ahead and behind: of more than 20 (the
# panel has 28 and 23), the 20 farthest from the line, farthest first,
# and how many more.  Expected lines made with awk from the CSV's
# residuals; "!" marks the three largest |residuals| overall.
"$CITYRANK" --db "$tmp/p.db" scatter --format csv | awk -F, '
	NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
	{ n++; name[n] = $f["name_en"]; r[n] = $f["residual"] + 0 }
	function mag(x) { return x < 0 ? -x : x }
	END {
		for (k = 1; k <= 3; k++) {
			b = 0
			for (i = 1; i <= n; i++)
				if (!(i in hi) && (b == 0 || mag(r[i]) > mag(r[b])))
					b = i
			hi[b] = 1
		}
		for (s = 1; s >= -1; s -= 2) {
			m = 0
			for (i = 1; i <= n; i++)
				if (r[i] * s > 0)
					idx[++m] = i
			for (i = 2; i <= m; i++)	# by |residual|, largest first
				for (j = i; j > 1 && mag(r[idx[j]]) > mag(r[idx[j-1]]); j--) {
					t = idx[j]; idx[j] = idx[j-1]; idx[j-1] = t
				}
			line = "behind (below the line): "
			if (s > 0)
				line = "ahead of what x predicts (above the line): "
			for (k = 1; k <= m && k <= 20; k++)
				line = line (k > 1 ? ", " : "") name[idx[k]] " " \
				    sprintf("%+.1f", r[idx[k]]) (idx[k] in hi ? "!" : "")
			if (m > 20)
				line = line " and " (m - 20) " more (the 20 farthest " \
				    "from the line shown; --format csv lists each)"
			print line
		}
	}' >"$tmp/sides"
run --db "$tmp/p.db" scatter
grep -e '^ahead of' -e '^behind (' "$tmp/out" >"$tmp/sides.got"
check "scatter: of 28 and 23 cities a side, the 20 farthest and a count" \
    sh -c "grep -q ' and 8 more ' '$tmp/sides' &&
	grep -q ' and 3 more ' '$tmp/sides' && cmp -s '$tmp/sides' '$tmp/sides.got'"
usage_error "rank --against a year the file lacks" "no period '1999'" \
    --db "$tmp/p.db" rank --against 1999
usage_error "--against with another command" "applies to 'rank' only" \
    --db "$tmp/p.db" show AUT --against 2019
# ... and both years' ranks recomputed from the CSV (tests/panel_check.py,
# COINr's pipeline), under the weights given: --weights Conn=3,Sust=2
# is Connectivity at 60%, on 2022 and on 2019 alike.  (The panel is
# COINr's synthetic one: the cross-section with artificial noise.)
if command -v python3 >/dev/null; then
	against_ok() { # against_ok DESC YEAR Y0 WEIGHTS [--weight C=W ...]
		d=$1 y=$2 y0=$3 w=$4; shift 4
		python3 "$SRCDIR/tests/panel_check.py" ranks "$@" \
		    --data "$SRCDIR/tests/fixtures/coinr-asem/ASEM_iData_p.csv" \
		    --meta "$SRCDIR/tests/fixtures/coinr-asem/ASEM_iMeta.csv" |
		    awk -v a="$y0" -v b="$y" '
			NR == 1 { for (i = 2; i <= NF; i++) c[$i] = i; next }
			{ print $1, $c[a], $c[b], $c[a] - $c[b] }' |
		    sort >"$tmp/want"
		"$CITYRANK" --db "$tmp/p.db" --year "$y" ${w:+--weights "$w"} \
		    rank --against "$y0" --format csv |
		    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
			{ print $f["code"], $f["against_rank"], $f["rank"],
			  $f["against_move"] }' | sort >"$tmp/got"
		check "$d" sh -c "[ \$(wc -l <'$tmp/got') -eq 51 ] &&
		    cmp -s '$tmp/want' '$tmp/got' &&
		    awk '\$4 != 0' '$tmp/got' | grep -q ."
	}
	against_ok "rank --year 2022 --against 2019 agrees with COINr's pipeline" \
	    2022 2019 ""
	against_ok "... and under --weights, both years on those weights" \
	    2022 2019 Conn=3,Sust=2 --weight Conn=0.6 --weight Sust=0.4
	against_ok "... and backwards, --year 2019 --against 2022" \
	    2019 2022 Conn=3,Sust=2 --weight Conn=0.6 --weight Sust=0.4
fi

# cityrank check: a verdict on the file, without loading it.
run check
check "check: the bundled file is clean (exit 0)" \
    sh -c "[ $rc -eq 0 ] && tail -1 '$tmp/out' | grep -q ': clean\$'"
printf 'not a database at all, just text\n' >"$tmp/junk.db"
run --db "$tmp/junk.db" check
check "check: a file that is not a data set is exit 1 with a message" \
    sh -c "[ $rc -eq 1 ] && [ -s '$tmp/err' ]"
cp "$CITYRANK_DB" "$tmp/edit.db"
chmod u+w "$tmp/edit.db"
if command -v sqlite3 >/dev/null; then
	# A value changed behind the file's back: its pack and checksum no
	# longer agree with the row.
	sqlite3 "$tmp/edit.db" "DROP TRIGGER IF EXISTS value_pack_upd;
	    UPDATE value SET value = value + 1 WHERE (entity, node, period)
	    IN (SELECT entity, node, period FROM value LIMIT 1);"
	run --db "$tmp/edit.db" check
	check "check: a value changed behind the packs' back is damage (exit 1)" \
	    sh -c "[ $rc -eq 1 ] && grep -qi 'damaged' '$tmp/out'"
else
	skip "check: a value changed behind the packs' back is damage" "no sqlite3"
fi
check "check takes no scoring options" sh -c "! '$CITYRANK' --weights a=1 check 2>/dev/null"

# A data set that would not fit in memory is refused before it is read,
# with what it needs and what there is (db/memavail.c): 9 bytes a value,
# 40 an entity and aggregate, 64 an entity, and 16 MiB.
if command -v sqlite3 >/dev/null && [ -n "${CITYRANK_DB:-}" ]; then
	set -- $(sqlite3 "$CITYRANK_DB" "SELECT (SELECT count(*) FROM entity),
	    (SELECT count(*) FROM node n WHERE NOT EXISTS (SELECT 1 FROM node c
	    WHERE c.parent = n.id)), (SELECT count(*) FROM node)" | tr '|' ' ')
	need=$(( $1 * $2 * 9 + $1 * ($3 - $2) * 40 + $1 * 64 + 16777216 ))
	check "a data set that needs more memory than there is: refused, status 1" \
	    sh -c "CITYRANK_MEM_AVAILABLE=$((need - 1)) '$CITYRANK' rank 2>&1 >/dev/null; [ \$? -eq 1 ]"
	check "... and the message names the file, the size and the memory" \
	    sh -c "CITYRANK_MEM_AVAILABLE=$((need - 1)) '$CITYRANK' rank 2>&1 |
	    grep -q \"cityrank.db: $1 units x $2 indicators need about .* MB of memory to open, and CITYRANK_MEM_AVAILABLE is\""
	check "the explorer refuses it before taking the terminal" \
	    sh -c "CITYRANK_MEM_AVAILABLE=$((need - 1)) '$CITYRANK' </dev/null 2>&1 |
	    grep -q 'need about'"
	check "one that just fits opens" \
	    sh -c "CITYRANK_MEM_AVAILABLE=$need '$CITYRANK' rank >/dev/null"
else
	skip "memory: a data set too large is refused" "no sqlite3"
fi

done_testing
