#!/bin/sh
# keypress.sh: bytes cityrank writes to the terminal for one key press.
#
#   bench/keypress.sh           N=11 runs of each case at 80x24
#   N=21 SIZE=200x60 bench/keypress.sh
#
# Each run starts cityrank in a fresh pseudo-terminal (bench/ptyrun),
# waits until the first frame is complete and output has been quiet for
# 200 ms, then sends the keys one step at a time, each after 200 ms of
# quiet, and counts the bytes written in answer to the last step.  The
# cases run interleaved, so drift hits them alike.
#
#   cursor   j in the ranking: the selection moves down one row
#   view     3: switch to the weights view (for scale, a full repaint)
#   leaf     3 j +: raise the weight of the row below the first (in the
#            current tree, a leaf under 战略) by one percentage point
#   dim      3 +: the same on the first row, the dimension 战略, whose
#            change moves every city's index score
#
# A case whose last key draws nothing is reported "pending": the key is
# not implemented in this build.  Target: under 1 KB per weight key.
set -eu
. "$(dirname "$0")/lib.sh"

N=${N:-11}
SIZE=${SIZE:-80x24}
need_cityrank
need_ptyrun

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
snapshot "$tmp"
# A weight changed is unsaved work: quit without the question, and keep
# the state at exit out of the user's own scenarios file.
export CITYRANK_ASK_ON_QUIT=no XDG_DATA_HOME="$tmp/data"

cases="cursor view leaf dim"
keys_cursor="j"
keys_view="3"
keys_leaf="3 j +"
keys_dim="3 +"

run() {
	eval "keys=\$keys_$1"
	set --
	for k in $keys; do
		set -- "$@" --keys "$k"
	done
	"$PTYRUN" --size "$SIZE" --settle "$@" "$CITYRANK"
}

i=1
while [ "$i" -le "$N" ]; do
	for c in $cases; do
		out=$(run "$c") || die "case $c, run $i failed"
		echo "$(field key_bytes "$out") $(field key_ms "$out")" \
		    >>"$tmp/$c"
	done
	i=$((i + 1))
done

machine
echo "runs:     $N per case, interleaved, at $SIZE"
echo
printf '%-8s %-8s %8s %8s %8s %13s\n' case keys median min max \
    "answer ms med"
for c in $cases; do
	eval "keys=\$keys_$c"
	set -- $(awk '{ print $1 }' "$tmp/$c" | summarize %d)
	med=$1 min=$2 max=$3
	set -- $(awk '{ print $2 }' "$tmp/$c" | summarize %.2f)
	if [ "$max" -eq 0 ]; then
		printf '%-8s %-8s %8s\n' "$c" "$keys" pending
	else
		printf '%-8s %-8s %8s %8s %8s %13s\n' "$c" "$keys" "$med" \
		    "$min" "$max" "$1"
	fi
done
echo
echo "bytes: written in answer to the last key; answer ms: from writing" \
    "it to the last byte of the answer"
echo "target: a weight key press (leaf, dim) under 1024 bytes"
