#!/bin/sh
# Saved scenarios from the command line: save, list, show, rename,
# delete, diff, export and import, and the faults around the file.
# Expected rankings come from the same scores reached another way (a
# preset, --weights), never from a scenario's own output.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

# Two machines: two data homes.  HOME too, so nothing leaks to ~.
A=$tmp/a B=$tmp/b
mkdir -p "$A" "$B" "$tmp/home"
export HOME="$tmp/home"
# What "fails" and "run" run saves on A.
export XDG_DATA_HOME="$A"
onA() { XDG_DATA_HOME=$A "$CITYRANK" "$@"; }
onB() { XDG_DATA_HOME=$B "$CITYRANK" "$@"; }
runA() { onA "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
runB() { onB "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
file=$A/cityrank/scenarios.db

runA scenario list
check "list works before anything is saved" test "$rc" -eq 0
check "the presets are listed as read-only scenarios" \
    grep -q 'innovation_heavy *preset' "$tmp/out"
check "listing creates no file" test ! -e "$file"

# A scenario saved from a preset ranks as the preset does.
runA --preset innovation_heavy scenario save 'Innov first' --note 'for the board'
check "save exits 0" test "$rc" -eq 0
check "the file is created on the first save, under XDG_DATA_HOME" \
    test -f "$file"
onA --preset innovation_heavy rank --format csv >"$tmp/want"
onA --scenario 'Innov first' rank --format csv >"$tmp/got"
check "--scenario NAME ranks as the weights it was saved with" \
    cmp "$tmp/want" "$tmp/got"
runA scenario list
check "list shows the saved scenario and its note" \
    grep -q 'Innov first.*for the board' "$tmp/out"

# --weights on top of a scenario adjusts it.
onA --preset innovation_heavy --weights strategy=0.7 rank --format csv \
    >"$tmp/want"
onA --scenario 'Innov first' --weights strategy=0.7 rank --format csv \
    >"$tmp/got"
check "--weights adjusts a scenario" cmp "$tmp/want" "$tmp/got"

# Methods and weights by code: tree and show see the same scenario.
runA --weights technology=3 --normalize minmax:0:10 scenario save tech3
onA --weights technology=3 --normalize minmax:0:10 show 深圳 --format csv \
    >"$tmp/want"
onA --scenario tech3 show 深圳 --format csv >"$tmp/got"
check "a scenario keeps its methods (show)" cmp "$tmp/want" "$tmp/got"

fails "saving over a name asks for --force" 1 "exists" \
    scenario save tech3
runA --weights technology=2 scenario save tech3 --force
check "--force replaces it" test "$rc" -eq 0
fails "a preset's name is refused" 2 "preset" \
    scenario save default
fails "an empty name is refused" 1 "name" \
    scenario save ''
fails "an unknown scenario is a usage error naming it" 2 "nosuch" \
    --scenario nosuch rank

# Rename and delete.
runA scenario rename tech3 tech
onA scenario list >"$tmp/list"
check "rename: the new name is listed" grep -q '^tech ' "$tmp/list"
check "rename: the old one is not" sh -c "! grep -q '^tech3 ' '$tmp/list'"
fails "renaming onto an existing name is refused" 1 "exists" \
    scenario rename tech 'Innov first'
fails "deleting what is not there says so" 1 "no scenario" \
    scenario delete nosuch
runA scenario delete tech
check "delete removes it" sh -c "! XDG_DATA_HOME='$A' '$CITYRANK' \
    scenario list | grep -q '^tech '"

# Diff: the moves are the differences of the two rankings' ranks.
runA scenario diff default 'Innov first' --format csv
check "diff exits 0" test "$rc" -eq 0
# code,rank of each city, by the header's names.
code_rank() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "code") c = i
	    next } { print $c "," $1 }'
}
onA rank --format csv | code_rank | sort >"$tmp/ra"
onA --preset innovation_heavy rank --format csv | code_rank | sort >"$tmp/rb"
join -t, "$tmp/ra" "$tmp/rb" | awk -F, '{ print $1 "," $2 "," $3 "," \
    $2 - $3 }' | sort >"$tmp/want"
awk -F, 'NR > 1 { print $4 "," $1 "," $2 "," $3 }' "$tmp/out" |
    sort >"$tmp/got"
check "diff: ranks under A and B and the move, per city" \
    cmp "$tmp/want" "$tmp/got"
runA scenario diff default 'Innov first'
check "diff names the weights that differ with their shares" \
    grep -q 'weight innovation: 1 (25.0%) -> 0.4 (40.0%)' "$tmp/out"

# Export on A, import on B: the same ranking, byte for byte.
runA scenario export 'Innov first' -o "$tmp/innov.scenario"
check "export writes a file" test -s "$tmp/innov.scenario"
check "the file is text a person can read" \
    grep -q '^innovation *= ' "$tmp/innov.scenario"
check "the file carries no control characters" \
    sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$tmp/innov.scenario' ||
        [ \"\$(LC_ALL=C tr -d '\\n' <'$tmp/innov.scenario' |
        LC_ALL=C grep -c '[[:cntrl:]]')\" = 0 ]"
runB scenario import "$tmp/innov.scenario"
check "import exits 0" test "$rc" -eq 0
onA --scenario 'Innov first' rank --format csv >"$tmp/ra"
onB --scenario 'Innov first' rank --format csv >"$tmp/rb"
check "exported on A and imported on B: byte-identical rank --format csv" \
    cmp "$tmp/ra" "$tmp/rb"
onA --scenario "$tmp/innov.scenario" rank --format csv >"$tmp/rb"
check "--scenario FILE reads the file directly" cmp "$tmp/ra" "$tmp/rb"
fails "export refuses to overwrite without --force" 2 "exists" \
    scenario export 'Innov first' \
    -o "$tmp/innov.scenario"

# A malformed file: FILE:LINE: message, and nothing saved.
sed 's/^innovation *= .*/innovation = lots/' "$tmp/innov.scenario" \
    >"$tmp/bad.scenario"
line=$(grep -n '^innovation *= ' "$tmp/bad.scenario" | cut -d: -f1)
cp "$B/cityrank/scenarios.db" "$tmp/before.db"
runB scenario import "$tmp/bad.scenario"
check "a malformed file: status 2" test "$rc" -eq 2
check "a malformed file: the message names the file and line" \
    grep -qF "bad.scenario:$line:" "$tmp/err"
check "a malformed file saves nothing" \
    cmp "$B/cityrank/scenarios.db" "$tmp/before.db"

# XDG_DATA_HOME that is not absolute is ignored, as the spec says.
XDG_DATA_HOME=relative "$CITYRANK" --preset equal scenario save rel \
    >/dev/null 2>&1
check "a relative XDG_DATA_HOME falls back to ~/.local/share" \
    test -f "$HOME/.local/share/cityrank/scenarios.db"

# Faults: the file damaged or newer, the directory unwritable, the disk
# full.  A clear message, the file untouched, scoring still works.
C=$tmp/c
mkdir -p "$C/cityrank"
head -c 4096 /dev/urandom >"$C/cityrank/scenarios.db"
cp "$C/cityrank/scenarios.db" "$tmp/garbage"
XDG_DATA_HOME=$C "$CITYRANK" scenario list >"$tmp/out" 2>"$tmp/err"
check "a damaged file: a message naming it" \
    grep -q "scenarios.db" "$tmp/err"
XDG_DATA_HOME=$C "$CITYRANK" scenario save x >/dev/null 2>&1
check "a damaged file is never overwritten" \
    cmp "$C/cityrank/scenarios.db" "$tmp/garbage"
XDG_DATA_HOME=$C "$CITYRANK" rank --format csv >"$tmp/got" 2>/dev/null
"$CITYRANK" rank --format csv >"$tmp/want"
check "a damaged scenarios file does not stop a ranking" \
    cmp "$tmp/want" "$tmp/got"

N=$tmp/n
mkdir -p "$N"
XDG_DATA_HOME=$N "$CITYRANK" scenario save v1 >/dev/null
if command -v sqlite3 >/dev/null; then
	sqlite3 "$N/cityrank/scenarios.db" 'PRAGMA user_version = 99'
	cp "$N/cityrank/scenarios.db" "$tmp/newer"
	XDG_DATA_HOME=$N "$CITYRANK" scenario save v2 >"$tmp/out" 2>"$tmp/err"
	check "a newer file: the message says so" grep -q "newer" "$tmp/err"
	check "a newer file is left as it was" \
	    cmp "$N/cityrank/scenarios.db" "$tmp/newer"
else
	skip "a newer file: the message says so" "no sqlite3"
	skip "a newer file is left as it was" "no sqlite3"
fi

# A data directory that cannot be written: a file where it should be.
R=$tmp/r
mkdir -p "$R"
: >"$R/cityrank"
XDG_DATA_HOME=$R "$CITYRANK" scenario save x >"$tmp/out" 2>"$tmp/err"
rc=$?
check "an unwritable data directory: status 1 and a message" \
    sh -c "[ $rc -eq 1 ] && grep -q cityrank '$tmp/err'"

# A full disk: a tiny tmpfs, as root; the earlier saves survive.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" &&
    mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
	XDG_DATA_HOME=$tmp/full "$CITYRANK" scenario save first >/dev/null
	long=$(head -c 3000 /dev/zero | tr '\0' x)
	i=0 failed_save=0
	while [ $i -lt 200 ]; do
		XDG_DATA_HOME=$tmp/full "$CITYRANK" --preset equal scenario \
		    save "s$i" --note "$long$long$long$long$long" \
		    >/dev/null 2>"$tmp/err" || { failed_save=1; break; }
		i=$((i + 1))
	done
	check "a full disk: a save fails with a message" \
	    sh -c "[ $failed_save -eq 1 ] && [ -s '$tmp/err' ]"
	XDG_DATA_HOME=$tmp/full "$CITYRANK" scenario list >"$tmp/out" 2>&1
	check "a full disk: the scenarios saved before are intact" \
	    grep -q '^first ' "$tmp/out"
	umount "$tmp/full"
else
	skip "a full disk: a save fails with a message" "needs root"
	skip "a full disk: the scenarios saved before are intact" "needs root"
fi

done_testing
