#!/bin/sh
# cityrank import with the preparation pipeline: COINr's documented
# ASEM example (denominate, impute by the mean within EurAsia_group,
# screen at 0.9, treat with winmax 5, min-max, arithmetic means) agrees
# with tests/coinr_pipeline.py, an independent implementation from
# COINr's source, and puts CHE first with 68.38 as COINr publishes.
# Small hand-worked tables check denominators of 0, an empty group and
# the provenance of imputed values; bad options and a screen that drops
# everyone fail with a message naming the option, and write nothing.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

asem=$SRCDIR/tests/fixtures/coinr-asem
data=$asem/ASEM_iData.csv
panel=$asem/ASEM_iData_p.csv
meta=$asem/ASEM_iMeta.csv
db=$tmp/asem.db
recipe='--denominate --impute mean_group:EurAsia_group --screen 0.9'

# nothing_written FILE: no FILE and no temporary file beside it
nothing_written() { [ ! -e "$1" ] && ! ls "$tmp" | grep -q '\.tmp-'; }

# shellcheck disable=SC2086
run import --data "$data" --meta "$meta" -o "$db" $recipe \
    --treat winsorise:5
check "ASEM, COINr's example pipeline: exit 0" test "$rc" -eq 0
check "the summary gives the recipe" grep -q '^prepared: denominate; impute mean_group:EurAsia_group; screen 0.9; treat winsorise:5$' "$tmp/out"
# 63 empty cells, and Elec and Gas of LAO, whose Energy is missing.
check "65 values imputed, none dropped, 15 indicators winsorised" \
    grep -q '65 values imputed, 0 units dropped, 15 indicators winsorised (35 points), 0 log-transformed, 2 denominators 0 or missing' \
    "$tmp/out"
check "the missing denominators are named" \
    grep -q 'Elec of LAO: its denominator Energy is missing' "$tmp/out"
check "each treatment is reported with skew and kurtosis" \
    grep -q 'Flights: winsorised 1 point; skew 2.244 -> 1.754' "$tmp/out"
run --db "$db" rank --format csv
check "CHE first with 68.38" \
    sh -c "sed -n 2p '$tmp/out' | grep -q '^1,CHE,Switzerland,Switzerland,68\.38[0-9]*,'"
run --db "$db" show LAO
check "imputed values are marked as such" \
    sh -c "grep -q 'imputed' '$tmp/out' && grep -q '~' '$tmp/out'"
run --db "$db" tree
check "a denominated indicator's unit says per what" \
    grep -q 'Thousand seats per Population' "$tmp/out"

if command -v python3 >/dev/null; then
	pipeline() { # pipeline DESC DATA DB [options]
		d=$1 dat=$2 base=$3; shift 3
		if python3 "$SRCDIR/tests/coinr_pipeline.py" --cityrank \
		    "$CITYRANK" --db "$base" --data "$dat" --meta "$meta" \
		    "$@" >"$tmp/check" 2>"$tmp/check.err"; then
			ok "$d"
		else
			not_ok "$d"; sed 's/^/# /' "$tmp/check.err" | head -20
		fi
		sed 's/^/# /' "$tmp/check"
	}
	# shellcheck disable=SC2086
	pipeline "COINr agreement, every unit and aggregate to 1e-6; CHE 68.38" \
	    "$data" "$db" $recipe --treat 5 --expect-first CHE=68.38
	# The checker must be able to fail: without the treatment its
	# numbers are not cityrank's.
	# shellcheck disable=SC2086
	if python3 "$SRCDIR/tests/coinr_pipeline.py" --cityrank "$CITYRANK" \
	    --db "$db" --data "$data" --meta "$meta" $recipe \
	    >/dev/null 2>&1; then
		not_ok "the checker notices a step left out"
	else
		ok "the checker notices a step left out"
	fi
	# The panel: each year prepared on its own, as COINr's purse does.
	# shellcheck disable=SC2086
	run import --data "$panel" --meta "$meta" -o "$tmp/panel.db" \
	    $recipe --treat winsorise
	# shellcheck disable=SC2086
	pipeline "COINr agreement, panel 2019" "$panel" "$tmp/panel.db" \
	    $recipe --treat 5 --year 2019
	# winmax 2 leaves 7 indicators to the log transform; 0.95 drops units.
	run import --data "$panel" --meta "$meta" -o "$tmp/log.db" \
	    --screen 0.95 --treat winsorise:2
	check "winmax 2: seven indicators log-transformed, 40 unit-years dropped" \
	    grep -q '40 unit-years dropped, 70 indicators winsorised (99 points), 7 log-transformed' "$tmp/out"
	pipeline "COINr agreement, log transforms and screening, 2020" \
	    "$panel" "$tmp/log.db" --screen 0.95 --treat 2 --year 2020
else
	for i in 1 2 3 4; do skip "COINr agreement" "python3 not installed"; done
fi

# By hand: x per D, imputed by the mean within G.  B's D is 0, so its x
# is missing and then imputed from A's 10 / 2 = 5; C's x is imputed
# from D's 8 / 4 = 2.  Group b has no y: C and D keep theirs missing.
cat >"$tmp/m.csv" <<'EOF'
Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type
1,x,X,1,1,kg,,D,Index,Indicator
1,y,Y,1,1,,,,Index,Indicator
2,Index,Index,1,1,,,,,Aggregate
,G,Group,,,,,,,Group
,D,Denom,,,,,,,Denominator
EOF
cat >"$tmp/d.csv" <<'EOF'
uCode,G,D,x,y
A,a,2,10,1
B,a,0,10,2
C,b,1,,
E,b,4,8,
EOF
run import --data "$tmp/d.csv" --meta "$tmp/m.csv" -o "$tmp/h.db" \
    --denominate --impute mean_group:G
check "a zero denominator is reported" \
    grep -q 'x of B: its denominator D is 0; the value is left missing' \
    "$tmp/out"
check "a group with no value is reported" \
    grep -q 'y: group b has no value; its 2 missing values stay missing' \
    "$tmp/out"
run --db "$tmp/h.db" rank --by x --normalize none --format csv
check "x per D, imputed within G: A 5, B 5 imputed, C 2 imputed, E 2" \
    sh -c "grep -q ',A,A,A,5,user,' '$tmp/out' &&
    grep -q ',B,B,B,5,imputed,' '$tmp/out' &&
    grep -q ',C,C,C,2,imputed,' '$tmp/out' &&
    grep -q ',E,E,E,2,user,' '$tmp/out'"

# Screening: A and B have both values after that; C and E one of two.
run import --data "$tmp/d.csv" --meta "$tmp/m.csv" -o "$tmp/s.db" \
    --denominate --impute mean_group:G --screen 0.75
check "screening drops the units below the threshold, and says which" \
    sh -c "grep -q '^  C dropped: 50.0% of its indicator values, below 75%' '$tmp/out' &&
    grep -q '^wrote .*: 2 units' '$tmp/out'"
run --db "$tmp/s.db" rank --format csv
check "the dropped units are not in the data set" \
    sh -c "[ \$(wc -l <'$tmp/out') -eq 3 ] && ! grep -q ',C,' '$tmp/out'"

# Errors: a message naming the option, and nothing written.
sed 's/,kg,,D,/,kg,,,/' "$tmp/m.csv" >"$tmp/tm.csv"
printf 'uCode,G,D,x,y\nA,a,2,10,\nB,a,1,,3\n' >"$tmp/d2.csv"
out=$tmp/no.db
fails "an unknown imputation is a usage error" 2 \
    "--impute: 'average' is not none, mean, median" \
    import --data "$data" --meta "$meta" -o "$out" --impute average
check "  and writes nothing" nothing_written "$out"
fails "a group column the metadata lacks is named, with those it has" 2 \
    "'Nope' is not a column of Type Group in $meta (its groups: GDP_group, GDPpc_group, Pop_group, EurAsia_group)" \
    import --data "$data" --meta "$meta" -o "$out" --impute mean_group:Nope
check "  and writes nothing" nothing_written "$out"
fails "a screen threshold beyond 1" 2 "--screen: '1.5' is not a share" \
    import --data "$data" --meta "$meta" -o "$out" --screen 1.5
fails "winmax 0" 2 "--treat: WINMAX '0' is not a whole number" \
    import --data "$data" --meta "$meta" -o "$out" --treat winsorise:0
fails "a panel method on a cross-section" 2 \
    "--impute locf: fills gaps across years, and $data has one year only" \
    import --data "$data" --meta "$meta" -o "$out" --impute locf
fails "--denominate with no Denominator to use" 2 \
    "--denominate: no indicator of $tmp/tm.csv names a Denominator" \
    import --data "$tmp/d.csv" --meta "$tmp/tm.csv" -o "$out" --denominate
fails "a threshold that drops every unit" 1 \
    "screening at 1 drops every unit: the most complete has 50.0% of its indicator values; nothing written to $out" \
    import --data "$tmp/d2.csv" --meta "$tmp/m.csv" -o "$out" --screen 1
check "  and writes nothing" nothing_written "$out"
fails "the preparation options apply to import only" 2 \
    "--impute applies to 'import' only" --impute mean rank

done_testing
