#!/bin/sh
# The methods of issue 13 from the command line: goalposts, dist2max,
# dist2targ, dist2ref, the power mean, Copeland, a leaf's own
# normalisation and a depth's own aggregation against
# tests/method_check.py (COINr's formulas, computed afresh on ASEM); the
# errors, by name; the analyses that refuse them; a scenario that keeps
# them through the store and a file; the explorer's m and a.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8
XDG_DATA_HOME=$(mktemp -d) || exit 1
export XDG_DATA_HOME

. "$SRCDIR/tests/tap.sh"
trap 'rm -rf "$tmp" "$XDG_DATA_HOME"' EXIT

asem=$SRCDIR/tests/fixtures/coinr-asem
adb=$(dirname "$CITYRANK")/asem.db

if command -v python3 >/dev/null; then
	python3 "$SRCDIR/tests/method_check.py" --cityrank "$CITYRANK" \
	    --db "$adb" --data "$asem/ASEM_iData.csv" \
	    --meta "$asem/ASEM_iMeta.csv" >"$tmp/check" 2>&1
	rc=$?
	while read -r line; do
		case $line in
		"ok "*) ok "${line#ok [0-9]* - }" ;;
		"not ok "*) not_ok "${line#not ok [0-9]* - }" ;;
		*) not_ok "method_check.py: $line" ;;
		esac
	done <"$tmp/check"
	[ "$rc" -eq 0 ] || [ -s "$tmp/check" ] ||
	    not_ok "method_check.py failed silently"
	# The checker can fail: a power mean's p it does not compute.
	if python3 "$SRCDIR/tests/method_check.py" --cityrank "$CITYRANK" \
	    --db "$adb" --data "$asem/ASEM_iData.csv" \
	    --meta "$asem/ASEM_iMeta.csv" notices >/dev/null 2>&1; then
		not_ok "the checker notices another exponent"
	else
		ok "the checker notices another exponent"
	fi
else
	skip "method_check.py" "python3 not installed"
fi

# Errors: a usage error (2), the option and the leaf or unit by name.
fails "goalposts the data set gives none of: named" 2 \
    "goalposts: the data set gives no goalposts for planning; give them: goalposts:LO:HI" \
    --normalize goalposts rank
fails "goalposts the wrong way round" 2 \
    "--normalize: the goalposts 9 and 1 must be low, then high" \
    --normalize goalposts:9:1 rank
fails "dist2targ without a target" 2 \
    "dist2targ: the data set gives no target for planning; give one: dist2targ:TARGET" \
    --normalize dist2targ rank
fails "dist2ref of a unit that is not there" 2 \
    "dist2ref: unknown city 'nowhere'" --normalize dist2ref:nowhere rank
fails "dist2ref of a unit at the worst value" 2 \
    "dist2ref: the reference unit harbin has the worst value of" \
    --normalize dist2ref:哈尔滨 rank
fails "--normalize-leaf of an unknown node" 2 \
    "--normalize-leaf: unknown node 'nope'" --normalize-leaf nope=rank rank
fails "--aggregate-level of a depth without aggregates" 2 \
    "--aggregate-level: depth 2 has no aggregate node (they are at depths 0 to 1)" \
    --aggregate-level 2=geom rank
fails "power without p" 2 \
    "--aggregate: power needs its exponent: power:P" --aggregate power rank
fails "power with p not a number" 2 \
    "the power mean's exponent 'nan' is not a number: p must be a finite number" \
    --aggregate power:nan rank
fails "a geometric index over negative Copeland counts" 2 \
    "geometric aggregation needs scores >= 0: node" \
    --aggregate geom --aggregate-level 1=copeland rank
fails "the options apply to scoring commands only" 2 \
    "datasets takes --format only" --normalize-leaf iot=rank datasets

# The analyses that solve for weights refuse what they cannot solve.
fails "stability: one mean at every depth" 1 \
    "stability needs one aggregation at every depth, not arith at depth 0 and geom at depth 1" \
    --aggregate-level 1=geom stability
fails "target: no power mean" 1 \
    "the target solver works with the arithmetic and geometric means only, not power:0.5" \
    --aggregate power:0.5 target 北京 --rank 1
fails "rank --flips: no Copeland at a depth" 2 \
    "--flips works with the arithmetic and geometric means only, not copeland (at depth 1)" \
    --aggregate-level 1=copeland rank --flips
fails "robust: no Copeland" 2 \
    "the robustness analysis works with the arithmetic and geometric means only, not copeland" \
    --aggregate copeland robust --samples 10
run --aggregate-level 1=copeland robust --vary aggregate --samples 10 \
    --format csv
check "robust drawing the aggregation uses it at every depth" \
    test "$rc" -eq 0
run --aggregate-level 0=geom,1=geom robust --samples 10 --format csv
check "robust takes one geometric mean given at every depth" \
    test "$rc" -eq 0
run --aggregate copeland compare 北京 上海
check "compare: a Copeland gap has no child's share" \
    grep -q "units beaten (a Copeland count: no child's share of it)" \
    "$tmp/out"

# A leaf's own method: the codes and scores of a ranking by a leaf.
scores() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++)
	    if ($i == "code" || $i == "score") k[i] = 1 }
	    { s = ""; for (i = 1; i <= NF; i++) if (k[i]) s = s $i ","
	    print s }' "$tmp/out" >"$1"
}
run rank --by iot --format csv
scores "$tmp/iot"
run --normalize-leaf technology=rank,iot=global rank --by iot --format csv
scores "$tmp/got"
check "global gives a leaf the global method back" cmp -s "$tmp/got" \
    "$tmp/iot"
run --normalize rank rank --by cloud --format csv
scores "$tmp/cloud"
run --normalize-leaf technology=rank rank --by cloud --format csv
scores "$tmp/got"
check "an aggregate's code gives the leaves beneath it the method" \
    cmp -s "$tmp/got" "$tmp/cloud"
run rank --by planning --format csv
scores "$tmp/planning"
run --normalize-leaf technology=rank rank --by planning --format csv
scores "$tmp/got"
check "... and no other leaf" cmp -s "$tmp/got" "$tmp/planning"
run rank --by cloud --format csv
scores "$tmp/got"
check "... while the leaves beneath it change" \
    sh -c "! cmp -s '$tmp/got' '$tmp/cloud'"

# Saved and loaded: the store and a file keep every method.
opts="--normalize dist2ref:北京:cap --normalize-leaf iot=goalposts:0:50
--aggregate power:0.5 --aggregate-level 0=arith,1=copeland"
# shellcheck disable=SC2086
run $opts rank --format csv
cp "$tmp/out" "$tmp/want"
# shellcheck disable=SC2086
run $opts scenario save M
check "a scenario with every method saves" test "$rc" -eq 0
run --scenario M rank --format csv
check "... and scores the same when loaded" cmp -s "$tmp/out" "$tmp/want"
run scenario export M -o "$tmp/m.scn"
check "... exported as format 2, with its own sections" \
    sh -c "head -1 '$tmp/m.scn' | grep -q 'cityrank-scenario 2' &&
    grep -qx 'normalize = dist2ref:beijing:cap' '$tmp/m.scn' &&
    grep -qx 'iot = goalposts:0:50' '$tmp/m.scn' &&
    grep -qx '1 = copeland' '$tmp/m.scn'"
run --scenario "$tmp/m.scn" rank --format csv
check "... and the file scores the same" cmp -s "$tmp/out" "$tmp/want"
run --normalize rank scenario save Plain
run scenario export Plain
check "a scenario format 1 can hold is written as format 1" \
    sh -c "head -1 '$tmp/out' | grep -q 'cityrank-scenario 1'"
run scenario list --format csv
check "the list shows the methods with their parameters" \
    grep -q "dist2ref:beijing:cap power:0.5, 1 leaf own, 2 depths own" \
    "$tmp/out"

# The explorer: a cycles the aggregations, m the normalisations, the
# status line names them, and one that cannot score is passed over.
if command -v tmux >/dev/null; then
	sock=cr-methods-$$
	tm() { tmux -L "$sock" -f /dev/null "$@"; }
	trap 'tm kill-server 2>/dev/null; rm -rf "$tmp" "$XDG_DATA_HOME"' \
	    EXIT
	shows() {
		i=0
		while [ $i -lt 100 ]; do
			tm capture-pane -p -t cr 2>/dev/null |
			    grep -qF -- "$1" && return 0
			sleep 0.1
			i=$((i + 1))
		done
		tm capture-pane -p -t cr | sed 's/^/# /'
		return 1
	}
	expect() { if shows "$2"; then ok "$1"; else not_ok "$1"; fi; }
	tm -u new-session -d -s cr -x 100 -y 24 \
	    "env LC_ALL=C.UTF-8 '$CITYRANK'"
	expect "the explorer starts" "none · arith"
	tm send-keys -t cr a a a
	expect "a a a: the power mean, p 0.5 by default" "none · power:0.5"
	tm send-keys -t cr a
	expect "a: Copeland" "none · copeland"
	tm send-keys -t cr a m
	expect "m: min-max" "minmax · arith"
	tm send-keys -t cr m m m m m m
	expect "m past fracmax passes goalposts over, saying why" \
	    "passed over goalposts: goalposts: the data set gives no"
	expect "... to dist2max" "dist2max · arith"
	tm kill-server 2>/dev/null
else
	skip "the explorer's m and a" "tmux not installed"
fi

done_testing
