#!/bin/sh
# viewmem.sh: the explorer's peak memory in each view, against the raw
# values of the data set.  A benchmark, not a test: it prints figures
# and judges nothing.
#
#   bench/viewmem.sh DB [RUNS]
#
#   DB        the data set (cityrank --db DB)
#   RUNS      runs a view (default 3); the median is printed
#   CITYRANK  environment: the binary (default BUILD/cityrank)
#   SEARCH    environment: the search pattern (default "Ja")
#
# Method: bench/ptyrun --cpu --settle --quiet 1500 with the view's keys
# at 80x24; its maxrss_kb is the whole session's peak resident set,
# from the start to the quit.  The raw values are units × indicators ×
# 8 bytes; a ratio is maxrss_kb × 1,024 over them.
set -eu
. "$(dirname "$0")/lib.sh"
export CITYRANK_ASK_ON_QUIT=no

[ $# -ge 1 ] || die "usage: bench/viewmem.sh DB [RUNS]"
db=$1
runs=${2:-3}
search=${SEARCH:-Ja}
[ -f "$db" ] || die "$db: no such file"
[ -x "$CITYRANK" ] || die "$CITYRANK not built"
command -v sqlite3 >/dev/null || die "sqlite3 (the CLI) is needed"
need_ptyrun

tmp=$(mktemp "${TMPDIR:-/tmp}/viewmem.XXXXXX")
trap 'rm -f "$tmp"' EXIT
BUILT=$(date -u -r "$CITYRANK" '+%Y-%m-%d %H:%M UTC')
machine

units=$(sqlite3 "$db" "SELECT count(*) FROM entity")
leaves=$(sqlite3 "$db" "SELECT count(*) FROM node WHERE id NOT IN
    (SELECT parent FROM node WHERE parent IS NOT NULL)")
raw=$((units * leaves * 8))

# Each view: a name and its keys, one a step; "-" for none.
views="open:- tree:2 weights:3 weights_keys:3,j,+,+,- compare:4
scatter:5 search:/$search,\\r"

echo "== explorer peak RSS, $units units × $leaves indicators" \
    "($raw bytes of raw values), median of $runs"
printf '%-14s %10s %10s %10s %8s\n' view "KiB" min max "/raw"
for v in $views; do
	name=${v%%:*} keys=${v#*:}
	set --
	if [ "$keys" != - ]; then
		old=$IFS IFS=,
		for k in $keys; do
			set -- "$@" --keys "$k"
		done
		IFS=$old
	fi
	i=0
	: >"$tmp"
	while [ "$i" -lt "$runs" ]; do
		out=$("$PTYRUN" --size 80x24 --cpu --settle --quiet 1500 \
		    "$@" "$CITYRANK" --db "$db") || die "$name: ptyrun failed"
		field maxrss_kb "$out" >>"$tmp"
		i=$((i + 1))
	done
	set -- $(summarize %d <"$tmp")
	printf '%-14s %10s %10s %10s %8s\n' "$name" "$1" "$2" "$3" \
	    "$(awk -v k="$1" -v r="$raw" 'BEGIN { printf "%.2f", k * 1024 / r }')"
done
