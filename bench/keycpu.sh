#!/bin/sh
# keycpu.sh: CPU time of the whole cityrank process per key press:
# reading the key, the engine's work, drawing the frame with ncurses,
# and the system calls that write it.
#
#   bench/keycpu.sh             N=11 pairs of runs per case, 100 presses
#   N=21 PRESSES=200 QUIET=50 bench/keycpu.sh
#
# Each pair is two runs in fresh pseudo-terminals (bench/ptyrun --cpu,
# the child's user+system time from wait4): one with the case's setup
# keys and then PRESSES key presses, one with the setup keys only.  The
# difference divided by PRESSES is the cost of one press; start-up and
# exit cancel out.  Presses alternate up and down (j k, + -) so every
# one does real work and nothing reaches a limit.  Each press is sent
# only after QUIET ms (default 30) without output, so each gets its own
# frame: the explorer draws once per batch of queued keys.  A press
# that got no answer shows up in "silent" (it would make a press look
# cheaper); it should be 0.
#
#   cursor   j k ... in the ranking view
#   dim      3, then + - ... on 战略, a dimension: every score changes
#   leaf     3 j, then + - ... on the leaf below it
set -eu
. "$(dirname "$0")/lib.sh"

N=${N:-11}
PRESSES=${PRESSES:-100}
QUIET=${QUIET:-30}
SIZE=${SIZE:-80x24}
need_cityrank
need_ptyrun

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
snapshot "$tmp"

cases="cursor dim leaf"
setup_cursor=""		press_cursor="j k"
setup_dim="3"		press_dim="+ -"
setup_leaf="3 j"	press_leaf="+ -"

# run CASE PRESSES
run() {
	eval "setup=\$setup_$1 press=\$press_$1"
	n=$2
	set --
	for k in $setup; do
		set -- "$@" --keys "$k"
	done
	while [ "$n" -gt 0 ]; do
		for k in $press; do
			[ "$n" -gt 0 ] || break
			set -- "$@" --keys "$k"
			n=$((n - 1))
		done
	done
	"$PTYRUN" --size "$SIZE" --settle --quiet "$QUIET" --cpu "$@" \
	    "$CITYRANK"
}

i=1
while [ "$i" -le "$N" ]; do
	for c in $cases; do
		# Alternate which run of the pair goes first.
		if [ $((i % 2)) -eq 1 ]; then
			a=$(run "$c" 0) && b=$(run "$c" "$PRESSES")
		else
			b=$(run "$c" "$PRESSES") && a=$(run "$c" 0)
		fi || die "case $c, pair $i failed"
		echo "$(field cpu_ms "$a") $(field cpu_ms "$b")" \
		    "$(field silent_steps "$b")" >>"$tmp/$c"
	done
	i=$((i + 1))
done

machine
echo "runs:     $N pairs per case at $SIZE; $PRESSES presses," \
    "$QUIET ms quiet before each"
echo
printf '%-7s %10s %10s %14s %14s %12s %7s\n' case "CPU 0 ms" \
    "CPU $PRESSES ms" "us/press" "us/press pair" "pair min-max" silent
for c in $cases; do
	set -- $(awk '{ print $1 }' "$tmp/$c" | summarize %.3f)
	c0=$1
	set -- $(awk '{ print $2 }' "$tmp/$c" | summarize %.3f)
	cn=$1
	per=$(awk -v a="$c0" -v b="$cn" -v n="$PRESSES" \
	    'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
	set -- $(awk -v n="$PRESSES" '{ print ($2 - $1) * 1000 / n }' \
	    "$tmp/$c" | summarize %.1f)
	pair=$1 range="$2-$3"
	set -- $(awk '{ print $3 }' "$tmp/$c" | summarize %d)
	printf '%-7s %10s %10s %14s %14s %12s %7s\n' "$c" "$c0" "$cn" \
	    "$per" "$pair" "$range" "$3"
done
echo
echo "us/press: (median CPU with presses - median CPU without) / presses;"
echo "us/press pair: median over pairs of the same; silent: most presses"
echo "without an answer in one run.  Target: under 1000 us per weight key."
