#!/bin/sh
# The bundled data sets: 'cityrank datasets' lists them in every format,
# --dataset NAME opens one, and the second, COINr's ASEM example built
# by make with COINr's own recipe, agrees with tests/coinr_pipeline.py
# (written from COINr's source) and with COINr's published CHE 68.38.
# Its counts are taken from the CSV files, not from cityrank.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

asem=$SRCDIR/tests/fixtures/coinr-asem
adb=$(dirname "$CITYRANK")/asem.db
# The cities and leaves of data/, and the units and indicators of ASEM.
ncity=$(($(wc -l <"$SRCDIR/data/entities.csv") - 1))
nleaf=$(cut -d, -f1 "$SRCDIR/data/values.csv" | sed 1d | sort | uniq -c |
    awk 'NR == 1 { print $1 }')
nunit=$(($(wc -l <"$asem/ASEM_iData.csv") - 1))
nind=$(grep -c ',"\{0,1\}Indicator"\{0,1\}$' "$asem/ASEM_iMeta.csv")

run datasets --format csv
check "datasets: exit 0" test "$rc" -eq 0
check "datasets: the CSV header" \
    grep -qx 'name,title,units,indicators,years,source,licence,path,kind' "$tmp/out"
check "smartcity: $ncity units, $nleaf indicators, the default" \
    sh -c "sed -n 2p '$tmp/out' | grep -q '^smartcity,Super Smart City 2.0,$ncity,$nleaf,1,'"
check "asem: $nunit units, $nind indicators" \
    grep -q "^asem,[^,]*,$nunit,$nind,1," "$tmp/out"
check "asem: its source names the JRC portal and COINr, its licence MIT" \
    sh -c "grep '^asem,' '$tmp/out' | grep 'JRC ASEM Sustainable Connectivity portal' | grep 'COINr' | grep -q ',MIT '"
check "asem: the path is beside the binary" grep -q ",$adb,bundled\$" "$tmp/out"
for f in table md json; do
	run datasets --format "$f"
	check "datasets --format $f: both listed" \
	    sh -c "[ $rc -eq 0 ] && grep -q smartcity '$tmp/out' && grep -q asem '$tmp/out'"
done
run datasets --format json
check "datasets --format json: numbers as numbers" \
    grep -q "\"units\":$nunit,\"indicators\":$nind," "$tmp/out"

# Imports are remembered, newest first, once each (under XDG_DATA_HOME,
# which tap.sh points at the scratch directory).
run import --data "$asem/ASEM_iData.csv" --meta "$asem/ASEM_iMeta.csv" \
    -o "$tmp/one.db"
run import --data "$asem/ASEM_iData.csv" --meta "$asem/ASEM_iMeta.csv" \
    -o "$tmp/two.db"
run import --data "$asem/ASEM_iData.csv" --meta "$asem/ASEM_iMeta.csv" \
    -o "$tmp/one.db" --force
run datasets --format csv
check "datasets: recent imports after the bundled ones, newest first" \
    sh -c "sed -n '4p' '$tmp/out' | grep -q '^one.db,ASEM_iData (imported),$nunit,$nind,1,.*,$tmp/one.db,import\$' &&
    sed -n '5p' '$tmp/out' | grep -q ',$tmp/two.db,import\$' &&
    test \$(wc -l <'$tmp/out') -eq 5"
rm "$tmp/two.db"
echo "junk" >"$tmp/one.db"
run datasets --format csv
check "datasets: an import removed since is left out; a damaged one said" \
    sh -c "[ $rc -eq 0 ] && ! grep -q two.db '$tmp/out' &&
    grep -q '^one.db,,,,,' '$tmp/out'"
run datasets
check "datasets: the note says how to open an import" \
    grep -q "cityrank --db PATH" "$tmp/out"

# The list reads each file's header, meta and counts, not its values
# (a load of each took seconds at a million units): a value pack
# damaged inside is listed, and refused when opened.
if command -v sqlite3 >/dev/null; then
	run import --data "$asem/ASEM_iData.csv" --meta "$asem/ASEM_iMeta.csv" \
	    -o "$tmp/hurt.db"
	sqlite3 "$tmp/hurt.db" "UPDATE value_pack SET value = zeroblob(length(value))
	    WHERE rowid = (SELECT min(rowid) FROM value_pack)"
	run datasets --format csv
	check "datasets: a file damaged inside is listed with its sizes" \
	    grep -q "^hurt.db,ASEM_iData (imported),$nunit,$nind,1," "$tmp/out"
	run --db "$tmp/hurt.db" rank
	check "... and opening it says the damage, status 1" \
	    sh -c "[ $rc -eq 1 ] && grep -q 'damaged' '$tmp/err'"
else
	skip "datasets: a file damaged inside is listed" "no sqlite3"
fi

run --dataset asem rank --format csv
check "--dataset asem: CHE first with COINr's 68.38" \
    sh -c "sed -n 2p '$tmp/out' | grep -q '^1,CHE,Switzerland,Switzerland,68\.38[0-9]*,'"
check "--dataset asem: $nunit units ranked" \
    test "$(($(wc -l <"$tmp/out") - 1))" -eq "$nunit"
run --dataset smartcity rank --format csv
check "--dataset smartcity: $ncity cities" \
    test "$(($(wc -l <"$tmp/out") - 1))" -eq "$ncity"
run --dataset asem show LAO
check "ASEM values are official, from the portal via COINr" \
    grep -q 'official: JRC ASEM portal via COINr, ASEM_iData.csv line' "$tmp/out"
check "imputed ASEM values say so, and are marked" \
    sh -c "grep -q 'imputed' '$tmp/out' && grep -q '~' '$tmp/out'"
run --dataset asem check
check "the bundled asem.db is clean" test "$rc" -eq 0

if command -v python3 >/dev/null; then
	if python3 "$SRCDIR/tests/coinr_pipeline.py" --cityrank "$CITYRANK" \
	    --db "$adb" --data "$asem/ASEM_iData.csv" \
	    --meta "$asem/ASEM_iMeta.csv" --denominate \
	    --impute mean_group:EurAsia_group --screen 0.9 --treat 5 \
	    --expect-first CHE=68.38 >"$tmp/check" 2>&1; then
		ok "the bundled asem.db agrees with COINr's pipeline to 1e-6"
	else
		not_ok "the bundled asem.db agrees with COINr's pipeline to 1e-6"
		sed 's/^/# /' "$tmp/check" | head -20
	fi
else
	skip "the bundled asem.db agrees with COINr's pipeline" "no python3"
fi

# --recipe: the bundled file's raw values prepared another way agree with
# the independent reimplementation of COINr run with those steps.
if command -v python3 >/dev/null; then
	for r in "impute mean; treat winsorise:3|--impute mean --treat 3" \
	    "denominate; screen 0.95|--denominate --screen 0.95" \
	    "none|"; do
		line=${r%%|*}
		flags=${r#*|}
		# shellcheck disable=SC2086
		if python3 "$SRCDIR/tests/coinr_pipeline.py" --cityrank \
		    "$CITYRANK" --db "$adb" --data "$asem/ASEM_iData.csv" \
		    --meta "$asem/ASEM_iMeta.csv" $flags --recipe "$line" \
		    >"$tmp/check" 2>&1; then
			ok "--recipe '$line' agrees with COINr's pipeline to 1e-6"
		else
			not_ok "--recipe '$line' agrees with COINr's pipeline to 1e-6"
			sed 's/^/# /' "$tmp/check" | head -20
		fi
	done
else
	skip "--recipe agrees with COINr's pipeline" "no python3"
fi
run --dataset asem --recipe 'impute mean' rank
check "--recipe: the table says the data are prepared another way" \
    grep -q "prepared: impute mean (the scenario's; the data set's own: denominate;" "$tmp/out"
run --dataset asem --recipe 'denominate; impute mean_group:EurAsia_group; screen 0.9; treat winsorise:5' rank
check "--recipe: the data set's own recipe is no override" \
    sh -c "[ $rc -eq 0 ] && ! grep -q '^prepared:' '$tmp/out'"
fails "--recipe on a data set that was not imported" 2 \
    "--recipe: $(dirname "$CITYRANK")/cityrank.db was not imported" \
    --dataset smartcity --recipe 'impute mean' rank
fails "--recipe that is not one names the step" 2 \
    "--recipe: recipe 'impute sometimes': impute: 'sometimes' is not" \
    --dataset asem --recipe 'impute sometimes' rank
fails "--recipe with a group the data lack names it" 2 \
    "'Nope' is not a column of Type Group in ASEM_iMeta.csv" \
    --dataset asem --recipe 'impute mean_group:Nope' rank
fails "--recipe does not apply to import" 2 \
    "--recipe does not apply to 'import'" \
    --recipe none import --data a --meta b -o c
export XDG_DATA_HOME="$tmp/rx"
run --dataset asem --recipe 'treat winsorise:2' scenario save rx
run --dataset asem --scenario rx rank --format csv
cp "$tmp/out" "$tmp/rx.csv"
run --dataset asem --recipe 'treat winsorise:2' rank --format csv
check "a saved scenario keeps its recipe" cmp -s "$tmp/out" "$tmp/rx.csv"
run --dataset asem scenario export rx
check "the scenario file says the recipe" \
    grep -q '^recipe *= treat winsorise:2$' "$tmp/out"

fails "--db and --dataset together" 2 \
    "--db and --dataset both name the data set to open; give one" \
    --db "$adb" --dataset asem rank
fails "an unknown --dataset names those there are" 2 \
    "--dataset: no bundled data set 'nope' (expected smartcity or asem" \
    --dataset nope rank
fails "datasets takes no scoring options" 2 \
    "datasets takes --format only" --dataset asem datasets
fails "datasets takes no arguments" 2 \
    "datasets takes no arguments (got 'x')" datasets x
fails "import takes no --dataset" 2 \
    "--dataset does not apply to 'import'" \
    --dataset asem import --data a --meta b -o c
run __complete cityrank --dataset ''
check "completion offers the bundled names" \
    sh -c "grep -qx asem '$tmp/out' && grep -qx smartcity '$tmp/out'"

done_testing
