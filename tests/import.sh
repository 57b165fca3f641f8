#!/bin/sh
# cityrank import end to end: COINr's ASEM example (one year and the
# five-year panel) imports, every command works on it, and the scores
# agree with tests/coinr_check.py, an independent implementation of
# COINr's pipeline from the raw CSV files.  Bad input fails cleanly:
# every problem listed, exit status 1, nothing written.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

# leftovers DIR: no temporary file of an import is left in DIR
leftovers() { ! ls "$1" | grep -q '\.tmp-'; }

asem=$SRCDIR/tests/fixtures/coinr-asem
data=$asem/ASEM_iData.csv
panel=$asem/ASEM_iData_p.csv
meta=$asem/ASEM_iMeta.csv
db=$tmp/asem.db
pdb=$tmp/panel.db

# The one-year table.
run import --data "$data" --meta "$meta" -o "$db"
check "import ASEM: exit 0" test "$rc" -eq 0
check "import ASEM: the summary counts 51 units, 49 indicators, 4 levels" \
    grep -q '51 units, 49 indicators in 4 levels, year 2018, 63 missing' \
    "$tmp/out"
check "import ASEM: nothing on stderr" test ! -s "$tmp/err"
size=$(wc -c <"$db" | awk '{ printf "%.0f kB", $1 / 1000 }')
check "import ASEM: the summary gives the file's size ($size)" \
    grep -q "missing values; $size\$" "$tmp/out"
check "import ASEM: no temporary file left" leftovers "$tmp"

run --db "$db" rank --format csv
check "rank on the import: 51 units and a header" \
    sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -eq 52 ]"
run --db "$db" show DEU
check "show a unit by code" \
    sh -c "[ $rc -eq 0 ] && grep -q 'Germany' '$tmp/out'"
check "show names a unit with one name once" \
    grep -q '^city: Germany (DEU)$' "$tmp/out"
check "show gives the group and denominator columns" \
    sh -c "grep -q 'GDP_group\|GDP group' '$tmp/out' &&
    grep -q 'Population' '$tmp/out'"
# Each value's source is its row of the CSV, kept in the packs.
deu=$(grep -n '"DEU"' "$data" | cut -d: -f1)
check "show: each value's source is its line of the CSV (line $deu)" \
    grep -q "^      LPI .*4\.2 .* user  *ASEM_iData\.csv line $deu\$" "$tmp/out"
# Schema 8: no value rows; a row added by SQL edits one value over its
# pack, with its own provenance and source, and deleting it undoes that.
if command -v sqlite3 >/dev/null; then
	check "import: the values are in packs, no row in value" \
	    test "$(sqlite3 "$db" 'SELECT count(*) FROM value')" -eq 0
	cp "$db" "$tmp/edit.db"
	sqlite3 "$tmp/edit.db" "INSERT INTO source (text) VALUES ('by hand');
	    INSERT INTO value (entity, node, period, value, provenance, source)
	    SELECT e.id, n.id, '2018', 3.25, 'estimated', s.id FROM entity e,
	    node n, source s WHERE e.code = 'DEU' AND n.code = 'LPI' AND
	    s.text = 'by hand';"
	run --db "$tmp/edit.db" show DEU
	check "an edit by SQL changes that value, its provenance and source" \
	    grep -q '^      LPI .*3\.2 .* estimated  *by hand$' "$tmp/out"
	check "... and no other value" \
	    grep -q "^      Flights .* user  *ASEM_iData\.csv line $deu\$" \
	    "$tmp/out"
	run --db "$tmp/edit.db" check
	check "check: an edit over the packs is clean, and counted" \
	    sh -c "[ $rc -eq 0 ] && grep -q ': 1 value edited over the packs\$' \
	    '$tmp/out'"
	sqlite3 "$tmp/edit.db" "DELETE FROM value"
	run --db "$tmp/edit.db" show DEU
	check "deleting the edit gives the imported value back" \
	    grep -q "^      LPI .*4\.2 .* user  *ASEM_iData\.csv line $deu\$" \
	    "$tmp/out"
	sqlite3 "$tmp/edit.db" "DELETE FROM value_pack WHERE entity =
	    (SELECT id FROM entity WHERE code = 'DEU')"
	run --db "$tmp/edit.db" rank
	check "a pack gone is an error naming the unit (exit 1)" \
	    sh -c "[ $rc -eq 1 ] && grep -q 'no value pack of DEU (period 2018)' \
	    '$tmp/err'"
else
	skip "edits over the packs" "no sqlite3"
fi
run --db "$db" tree
check "tree: the Weight column is the default preset, min-max, arith" \
    sh -c "[ $rc -eq 0 ] && grep -q 'preset default' '$tmp/out' &&
    grep -q 'imported Weight column' '$tmp/out'"
run --db "$db" compare DEU FRA
check "compare two units" test "$rc" -eq 0
# A small plot of 51 units: most labels find no room.  The key lists
# as many numbers as the count of numbered labels says, and the rest are
# counted apart.
run --db "$db" scatter --x Population --width 30 --height 8
keyn=$(grep -c '^  [0-9][0-9]* ' "$tmp/out")
check "a crowded plot's key lists every numbered label ($keyn)" \
    grep -q "^$keyn labels\? could not be placed beside the point" "$tmp/out"
check "a crowded plot counts the points it left unlabelled" \
    grep -q '^[1-9][0-9]* points\? left unlabelled: no room' "$tmp/out"
run --db "$db" scatter --x Population --y Conn --format csv
check "scatter with a denominator on the X axis" \
    sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -eq 52 ]"
run --db "$db" rank --by Conn --weights Physical=3 --normalize zscore
check "weights and methods apply to imported data" test "$rc" -eq 0

# Agreement with an independent implementation of COINr's pipeline.
if command -v python3 >/dev/null; then
	coinr() { # coinr DESC DATA DB [options]
		d=$1 dat=$2 base=$3; shift 3
		if python3 "$SRCDIR/tests/coinr_check.py" --cityrank \
		    "$CITYRANK" --db "$base" --data "$dat" --meta "$meta" \
		    "$@" >"$tmp/check" 2>"$tmp/check.err"; then
			ok "$d"
		else
			not_ok "$d"; sed 's/^/# /' "$tmp/check.err" | head -20
		fi
		sed 's/^/# /' "$tmp/check"
	}
	coinr "COINr agreement: min-max, arithmetic mean" "$data" "$db" \
	    --normalize minmax --aggregate arith
	coinr "COINr agreement: z-score, arithmetic mean" "$data" "$db" \
	    --normalize zscore --aggregate arith
	coinr "COINr agreement: min-max 1-100, geometric mean" "$data" "$db" \
	    --normalize minmax:1:100 --aggregate geom
	coinr "COINr agreement: min-max 1-100, harmonic mean (a_hmean)" \
	    "$data" "$db" --normalize minmax:1:100 --aggregate harm
	coinr "COINr agreement: percentile ranks (n_prank)" "$data" "$db" \
	    --normalize prank --aggregate arith
	coinr "COINr agreement: Borda scores (n_borda)" "$data" "$db" \
	    --normalize borda --aggregate arith
	# The checker must be able to fail: one value changed in its copy.
	sed '3s/,4.108538,/,3.5,/' "$data" >"$tmp/changed.csv"
	if python3 "$SRCDIR/tests/coinr_check.py" --cityrank "$CITYRANK" \
	    --db "$db" --data "$tmp/changed.csv" --meta "$meta" \
	    >/dev/null 2>&1; then
		not_ok "the checker notices a changed value"
	else
		ok "the checker notices a changed value"
	fi
	coinr "tree: effective weights, r with the index and the parent" \
	    "$data" "$db" --tree
	coinr "tree under min-max 1-100 and geometric means" \
	    "$data" "$db" --tree --normalize minmax:1:100 --aggregate geom
	if python3 "$SRCDIR/tests/coinr_check.py" --cityrank "$CITYRANK" \
	    --db "$db" --data "$tmp/changed.csv" --meta "$meta" --tree \
	    >/dev/null 2>&1; then
		not_ok "the tree checker notices a changed value"
	else
		ok "the tree checker notices a changed value"
	fi
else
	for i in 1 2 3 4 5 6 7 8 9 10; do skip "COINr agreement" "python3 not installed"; done
fi

# The panel: five years, the latest shown unless --year says otherwise.
run import --data "$panel" --meta "$meta" -o "$pdb"
check "import the panel: 5 years" \
    sh -c "[ $rc -eq 0 ] && grep -q '5 years (2018 to 2022)' '$tmp/out'"
run --db "$pdb" rank --format csv
cp "$tmp/out" "$tmp/latest"
run --db "$pdb" --year 2022 rank --format csv
check "without --year the latest year is shown" cmp "$tmp/out" "$tmp/latest"
run --db "$pdb" --year 2018 rank --format csv
cp "$tmp/out" "$tmp/p2018"
run --db "$db" rank --format csv
check "--year 2018 of the panel ranks as the one-year table" \
    cmp "$tmp/out" "$tmp/p2018"
check "another year ranks differently" \
    sh -c "! cmp -s '$tmp/p2018' '$tmp/latest'"
if command -v python3 >/dev/null; then
	coinr "COINr agreement, panel 2020: min-max, arithmetic mean" \
	    "$panel" "$pdb" --year 2020 --normalize minmax --aggregate arith
	coinr "COINr agreement, panel latest: min-max 1-100, geometric mean" \
	    "$panel" "$pdb" --normalize minmax:1:100 --aggregate geom
else
	skip "COINr agreement, panel" "python3 not installed"
	skip "COINr agreement, panel" "python3 not installed"
fi
fails "an unknown year is a usage error listing the years" 2 \
    "no period '2030'; it has 2018, 2019, 2020, 2021, 2022" \
    --db "$pdb" --year 2030 rank
fails "--year on a data set without years" 2 "has no periods" \
    --year 2018 rank

# Sport ranks: ties share the lowest rank.
cat >"$tmp/tie_meta.csv" <<'EOF'
Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type
1,x,X,1,1,,,Index,Indicator
1,y,Y,-1,1,,,Index,Indicator
2,Index,Index,1,1,,,,Aggregate
EOF
printf 'uCode,uName,x,y\nA,A,9,1\nB,B,5,5\nC,C,5,5\nD,D,1,9\n' \
    >"$tmp/tie_data.csv"
run import --data "$tmp/tie_data.csv" --meta "$tmp/tie_meta.csv" \
    -o "$tmp/tie.db"
run --db "$tmp/tie.db" rank --format csv
check "ties share the lowest rank: 1, 2, 2, 4" \
    sh -c "[ \"\$(cut -d, -f1,2 '$tmp/out' | tail -n +2 | tr '\n' ' ')\" = \
    '1,A 2,B 2,C 4,D ' ]"
if command -v python3 >/dev/null; then
	# coinr() passes $meta.
	meta=$tmp/tie_meta.csv
	coinr "COINr agreement with ties" "$tmp/tie_data.csv" "$tmp/tie.db" \
	    --normalize minmax --aggregate arith
	meta=$asem/ASEM_iMeta.csv
fi

# Refusals: an existing output, bad input, binary and huge files.
cp "$db" "$tmp/keep.db"
fails "an existing -o is refused without --force" 1 \
    "exists; not overwritten (use --force to replace it)" \
    import --data "$data" --meta "$meta" -o "$db"
check "the existing file is unchanged" cmp "$db" "$tmp/keep.db"
run import --data "$panel" --meta "$meta" -o "$db" --force
check "--force replaces it" \
    sh -c "[ $rc -eq 0 ] && ! cmp -s '$db' '$tmp/keep.db'"

mkdir "$tmp/bad"
cat >"$tmp/bad/meta.csv" <<'EOF'
Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type
1,a,A,1,-1,,,P,Indicator
1,b,B,2,1,,,Nope,Indicator
2,P,P,1,1,,,,Aggregate
EOF
printf 'uCode,a,b\nX,1,2\nY,abc,3\nX,4,5\n' >"$tmp/bad/data.csv"
run import --data "$tmp/bad/data.csv" --meta "$tmp/bad/meta.csv" \
    -o "$tmp/bad/out.db"
check "bad input: exit status 1" test "$rc" -eq 1
check "bad input: every problem as file:line:column" \
    sh -c "grep -c '^$tmp/bad/[a-z]*\.csv:[0-9]*:[0-9]*: ' '$tmp/err' |
    grep -qx 5"
check "bad input: the last line counts the errors" \
    sh -c "tail -1 '$tmp/err' | grep -q '5 errors; nothing written'"
check "bad input: nothing written" test ! -e "$tmp/bad/out.db"
check "bad input: no temporary file left" leftovers "$tmp/bad"

fails "a binary file is refused" 1 "NUL byte: a binary file, not CSV text" \
    import --data "$db" --meta "$meta" -o "$tmp/bin.db"
truncate -s 1G "$tmp/huge.csv"
start=$(date +%s%N)
fails "a 1 GB file is refused by its size" 1 \
    "huge.csv: 1.0 GiB is over the import limit of 256 MiB; not read" \
    import --data "$tmp/huge.csv" --meta "$meta" -o "$tmp/huge.db"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "... at once, without reading it (${ms} ms)" test "$ms" -lt 2000
check "... and writes nothing" test ! -e "$tmp/huge.db"

# Options.
fails "import needs its three files" 2 "import needs --data FILE" \
    import --data "$data" --meta "$meta"
fails "import takes no arguments" 2 "import takes no arguments" \
    import --data "$data" --meta "$meta" -o "$tmp/x.db" extra
fails "--data applies to import only" 2 "--data applies to 'import' only" \
    rank --data "$data"
fails "--db does not apply to import" 2 "--db does not apply to 'import'" \
    --db "$db" import --data "$data" --meta "$meta" -o "$tmp/x.db"

# The explorer opens on an imported data set.
if command -v tmux >/dev/null; then
	sock=cityrank-import-$$
	t() { tmux -L "$sock" -f /dev/null "$@"; }
	t -u new-session -d -s cr -x 100 -y 30 \
	    "env LC_ALL=C.UTF-8 '$CITYRANK' --db '$pdb' --year 2019" 2>/dev/null
	i=0
	while [ $i -lt 100 ] &&
	    ! t capture-pane -p -t cr 2>/dev/null | grep -q 'Germany'; do
		sleep 0.1
		i=$((i + 1))
	done
	if t capture-pane -p -t cr 2>/dev/null | grep -q 'Rank.*Score' &&
	    t capture-pane -p -t cr | grep -q 'Germany'; then
		ok "the explorer opens on the import"
	else
		not_ok "the explorer opens on the import"
		t capture-pane -p -t cr 2>/dev/null | sed 's/^/# /'
	fi
	t send-keys -t cr q 2>/dev/null
	t kill-server 2>/dev/null
else
	skip "the explorer opens on the import" "tmux not installed"
fi

# A data set of schema 1, written by cityrank 0.1.0, still loads.
run --db "$SRCDIR/tests/fixtures/schema1/cityrank-v1.db" rank --format csv
cp "$tmp/out" "$tmp/v1"
run rank --format csv
check "a schema-1 file ranks as the bundled data set" cmp "$tmp/out" "$tmp/v1"

done_testing
