#!/bin/sh
# Targets stored with a data set (schema 7): import reads COINr's
# Target column, and plain --normalize dist2targ uses it.  The scores
# of a three-unit import are worked by hand below; the errors (a leaf
# with no target, a target at the worst value, the bundled data with
# none) name the leaf; 'cityrank check' counts the targets.  The ASEM
# file against COINr's own targets is in tests/methods.sh.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8
. "$SRCDIR/tests/tap.sh"

# a: 1, 4, 7, target 5.  b (lower is better): 2, -, 8, target 3.
# c: no target.  The Target of the aggregate P is ignored, with a
# warning: COINr reads targets of indicators only.
cat >"$tmp/meta.csv" <<'X'
Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type
1,a,Alpha,1,1,,5,P,Indicator
1,b,Beta,-1,1,,3,P,Indicator
1,c,Gamma,1,1,,,P,Indicator
2,P,Pillar,1,1,,40,,Aggregate
X
cat >"$tmp/data.csv" <<'X'
uCode,uName,a,b,c
X,Ex,1,2,3
Y,Why,4,,6
Z,Zed,7,8,9
X
run import --data "$tmp/data.csv" --meta "$tmp/meta.csv" -o "$tmp/t.db"
if [ "$rc" -eq 0 ] && grep -qF "meta.csv:5:17: warning: Target of Aggregate 'P' is ignored: only an Indicator has one" "$tmp/err"; then
	ok "import: the targets, and a warning for the aggregate's"
else
	not_ok "import (status $rc)"; sed 's/^/# /' "$tmp/err"
fi

# by LEAF SCENARIO-OPTIONS...: "code=score ..." of that leaf, sorted.
by() {
	leaf=$1; shift
	"$CITYRANK" --db "$tmp/t.db" "$@" rank --by "$leaf" --format csv \
	    2>"$tmp/err" | awk -F, 'NR > 1 { print $3 "=" $6 }' | sort |
	    tr '\n' ' '
}
# By hand: dist2targ is 100 (x - min) / (target - min), x and the
# target times the direction.  a: min 1, target 5: 0, 75, 150.
got=$(by a --normalize dist2targ --normalize-leaf c=minmax)
want="X=0 Y=75 Z=150 "
if [ "$got" = "$want" ]; then ok "dist2targ of a with its stored target"
else not_ok "dist2targ of a: '$got', want '$want'"; fi
# Capped at 100.
got=$(by a --normalize dist2targ:cap --normalize-leaf c=minmax)
want="X=0 Y=75 Z=100 "
if [ "$got" = "$want" ]; then ok "dist2targ:cap of a"
else not_ok "dist2targ:cap of a: '$got', want '$want'"; fi
# b: -2, -8, min -8, target -3: X 100 (-2 + 8) / (-3 + 8) = 120, Z 0.
got=$(by b --normalize dist2targ --normalize-leaf c=minmax)
want="X=120 Y= Z=0 "
if [ "$got" = "$want" ]; then ok "dist2targ of b, lower is better"
else not_ok "dist2targ of b: '$got', want '$want'"; fi
# A target on the command line still wins over the stored one: a to 7.
got=$(by a --normalize dist2targ --normalize-leaf a=dist2targ:7,c=minmax)
want="X=0 Y=50 Z=100 "
if [ "$got" = "$want" ]; then ok "a target given overrides the stored"
else not_ok "dist2targ:7 of a: '$got', want '$want'"; fi

fails "a leaf without a target is named" 2 \
    "dist2targ: the data set gives no target for c; give one: dist2targ:TARGET" \
    --db "$tmp/t.db" --normalize dist2targ rank
fails "the bundled data set has none: the first leaf named" 2 \
    "dist2targ: the data set gives no target for planning; give one: dist2targ:TARGET" \
    --normalize dist2targ rank
fails "goalposts are not stored: COINr's iMeta has none" 2 \
    "goalposts: the data set gives no goalposts for a; give them: goalposts:LO:HI" \
    --db "$tmp/t.db" --normalize goalposts rank

# A target at the worst value: no distance to it.
sed 's/^1,a,Alpha,1,1,,5,/1,a,Alpha,1,1,,1,/' "$tmp/meta.csv" >"$tmp/m2.csv"
"$CITYRANK" import --data "$tmp/data.csv" --meta "$tmp/m2.csv" \
    -o "$tmp/w.db" >/dev/null 2>&1
fails "a stored target at the worst value" 2 \
    "dist2targ: the target of a, 1, is its worst value: there is no distance to it" \
    --db "$tmp/w.db" --normalize dist2targ --normalize-leaf c=minmax rank
# b's best is its lowest: a target of 8 is its worst.
sed 's/^1,b,Beta,-1,1,,3,/1,b,Beta,-1,1,,8,/' "$tmp/meta.csv" >"$tmp/m3.csv"
"$CITYRANK" import --data "$tmp/data.csv" --meta "$tmp/m3.csv" \
    -o "$tmp/w3.db" >/dev/null 2>&1
fails "the worst value of a lower-is-better leaf" 2 \
    "dist2targ: the target of b, 8, is its worst value" \
    --db "$tmp/w3.db" --normalize dist2targ --normalize-leaf c=minmax rank
run --db "$tmp/t.db" check
if [ "$rc" -eq 0 ] && grep -qF "t.db: 2 targets, each on a leaf" "$tmp/out" &&
    grep -qF "13 tables match" "$tmp/out"; then
	ok "check counts the targets, and their table's checksum"
else
	not_ok "check (status $rc)"; sed 's/^/# /' "$tmp/out" "$tmp/err"
fi

done_testing
