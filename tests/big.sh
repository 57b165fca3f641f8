#!/bin/sh
# The explorer on 2,000 generated units x 200 indicators, in tmux
# (bench/big_tmux.sh, which checks each screen against the batch
# commands): enough units that a weight change ranks only the rows in
# view (cr_scores_top()), and the keys that reach past them (G, Enter, a
# search, a sort) must make the rest.  The 100,000-unit run is the
# benchmark's, not the suite's.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

if ! command -v tmux >/dev/null 2>&1; then
	skip "the explorer at 2,000 units" "tmux is missing"
	done_testing
	exit
fi
BUILD=$(dirname "$CITYRANK") N=2000 M=200 SEED=3 \
    sh "$SRCDIR/bench/big_tmux.sh" >"$tmp/log" 2>&1
rc=$?
while IFS= read -r line; do
	case $line in
	"ok   "*)	ok "${line#ok   }" ;;
	"FAIL "*)	not_ok "${line#FAIL }" ;;
	*)		echo "# $line" ;;
	esac
done <"$tmp/log"
[ "$rc" -eq 0 ] || not_ok "bench/big_tmux.sh exits 0 (status $rc)"
[ "$n" -ge 10 ] || not_ok "bench/big_tmux.sh ran its checks ($n)"
done_testing
