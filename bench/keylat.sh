#!/bin/sh
# keylat.sh: how long the explorer takes to answer a key, from the
# moment it is typed to the end of the frame that shows its effect,
# with keys typed at a steady pace whether or not the screen is quiet
# (a key held down, a fast typist).  A benchmark, not a test: it prints
# figures and judges nothing.
#
#   bench/keylat.sh DB [SETUP [PRESSES [N [INTERVAL]]]]
#
#   DB        the data set (cityrank --db DB)
#   SETUP     keys before the measured ones, one a step ("3 j": the
#             weights view, the second row); default "3"
#   PRESSES   the keys pressed in turn ("+ -"), one a step; default "+ -"
#   N         presses (default 40)
#   INTERVAL  ms between presses (default 100)
#   RUNS      environment: runs (default 3), their latencies pooled
#   CITYRANK  environment: the binary (default BUILD/cityrank)
#   QUIT      environment: the keys that quit from where the presses
#             leave it (default q; "1q" from a unit's detail)
#
# Method: bench/ptyrun --interval writes the keys and stamps each write
# (--stamps, CLOCK_MONOTONIC); cityrank, run with CITYRANK_TRACE, logs
# each key it reads and each frame it finishes on the same clock
# (tui/trace.h).  The answer time of the i-th key is from its stamp to
# the end of the first frame drawn after the explorer read it.  A key
# waiting while the explorer finishes other work (the correlations a
# hurried frame left out) waits in that time, as a person would.
set -eu
. "$(dirname "$0")/lib.sh"
export CITYRANK_ASK_ON_QUIT=no

[ $# -ge 1 ] || die "usage: bench/keylat.sh DB [SETUP [PRESSES [N [INTERVAL]]]]"
db=$1
setup=${2-3}
presses=${3:-+ -}
n=${4:-40}
interval=${5:-100}
runs=${RUNS:-3}
[ -f "$db" ] || die "$db: no such file"
[ -x "$CITYRANK" ] || die "$CITYRANK not built"
need_ptyrun

tmp=$(mktemp -d "${TMPDIR:-/tmp}/keylat.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

set --
for k in $setup; do
	set -- "$@" --keys "$k"
done
nsetup=$#
nsetup=$((nsetup / 2))
i=0
while [ "$i" -lt "$n" ]; do
	for k in $presses; do
		[ "$i" -lt "$n" ] || break
		set -- "$@" --keys "$k"
		i=$((i + 1))
	done
done

r=1
: >"$tmp/all"
while [ "$r" -le "$runs" ]; do
	CITYRANK_TRACE=$tmp/trace "$PTYRUN" --size 80x24 --timeout 300 \
	    --settle --quiet 300 --interval "$interval" --quit "${QUIT:-q}" \
	    --stamps "$tmp/stamps" "$@" "$CITYRANK" --db "$db" >/dev/null ||
	    die "ptyrun failed"
	# Stamp i pairs with the i-th key read; its answer is the first
	# frame after that read.  The setup keys are left out.
	awk -v skip="$nsetup" '
	FILENAME == ARGV[1] { w[++nw] = $1; next }
	$1 == "K" { k[++nk] = $2; next }
	$1 == "F" { f[++nf] = $2 }
	END {
		j = 1
		for (i = 1; i <= nw && i <= nk; i++) {
			while (j <= nf && f[j] <= k[i])
				j++
			if (j > nf)
				break
			if (i > skip)
				printf "%.3f\n", (f[j] - w[i]) / 1e6
		}
	}' "$tmp/stamps" "$tmp/trace" >>"$tmp/all"
	r=$((r + 1))
done
set -- $(summarize %.1f <"$tmp/all")
p90=$(sort -g "$tmp/all" | awk '{ v[NR] = $1 } END {
	i = int(NR * 0.9); if (i < 1) i = 1; printf "%.1f", v[i] }')
echo "keys answered: $4 of $((n * runs)); ms from typed to drawn:" \
    "median $1, p90 $p90, min $2, max $3 (every $interval ms, $runs runs)"
