#!/bin/sh
# startup.sh: wall time from start to first full screen, cityrank against
# less showing the same 26-city ranking, side by side in one run.
#
#   bench/startup.sh            N=21 interleaved pairs at 80x24
#   N=51 SIZE=120x40 bench/startup.sh
#
# Each run is a fresh pseudo-terminal (bench/ptyrun).  The clock starts
# just before fork.  Two stops, both read from the same run:
#   first screen  the bytes written contain the last word the program
#                 draws in its first frame (less: its prompt, the file
#                 name; cityrank: the end of the status line, the last
#                 row ncurses writes).  The word is found by one warm-up
#                 run of each, so it follows the interface as it
#                 changes; override with LESS_MARK= or CR_MARK=.
#   settled       the last byte before 200 ms of quiet: the end of the
#                 first frame whatever it holds, a cross-check.
# The order alternates pair by pair so drift hits both alike; the
# warm-up runs also warm the page cache.
set -eu
. "$(dirname "$0")/lib.sh"

N=${N:-21}
SIZE=${SIZE:-80x24}

need_cityrank
need_ptyrun
if ! command -v less >/dev/null; then
	[ "$(id -u)" -eq 0 ] || die "less is not installed (apt-get install less)"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq less; } >&2 || die "cannot install less"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
snapshot "$tmp"
file=$tmp/ranking.txt
"$CITYRANK" rank >"$file" || die "cityrank rank failed"
# A plain less: no options, preprocessor or history file from outside.
unset LESS LESSOPEN LESSCLOSE LESSKEY MORE 2>/dev/null || true
export LESSHISTFILE=-

LESS_MARK=${LESS_MARK:-$(last_word less "$file")} ||
    die "less produced no first frame"
CR_MARK=${CR_MARK:-$(last_word "$CITYRANK")} ||
    die "cityrank produced no first frame"
[ -n "$LESS_MARK" ] && [ -n "$CR_MARK" ] || die "no marker found"

run_less() {
	"$PTYRUN" --size "$SIZE" --cpu --until "$LESS_MARK" --settle \
	    less "$file"
}
run_cr() {
	"$PTYRUN" --size "$SIZE" --cpu --until "$CR_MARK" --settle \
	    "$CITYRANK"
}

run_less >/dev/null || die "less run failed"
run_cr >/dev/null || die "cityrank run failed"

: >"$tmp/raw"
i=1
while [ "$i" -le "$N" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		l=$(run_less) || die "less run $i failed"
		c=$(run_cr) || die "cityrank run $i failed"
	else
		c=$(run_cr) || die "cityrank run $i failed"
		l=$(run_less) || die "less run $i failed"
	fi
	for k in first_screen_ms bytes_first cpu_ms settle_ms bytes_settle; do
		printf '%s %s ' "$(field $k "$l")" "$(field $k "$c")"
	done >>"$tmp/raw"
	echo "$i" >>"$tmp/raw"
	i=$((i + 1))
done
[ -n "${RAW:-}" ] && cp "$tmp/raw" "$RAW"

# Columns of raw: less and cityrank side by side for each quantity.
#  1-2 first screen ms, 3-4 bytes to it, 5-6 CPU ms, 7-8 settled ms,
#  9-10 bytes to settled, 11 pair number.
stat() { awk "{ print $1 }" "$tmp/raw" | summarize "${2:-%.2f}"; }
row() {
	label=$1; shift
	set -- $(stat "$@")
	printf '%-34s %9s %9s %9s\n' "$label" "$1" "$2" "$3"
}

machine
echo "runs:     $N interleaved pairs at $SIZE; markers:" \
    "less \"$LESS_MARK\", cityrank \"$CR_MARK\""
echo
printf '%-34s %9s %9s %9s\n' "" median min max
row "first screen, less (ms)" '$1'
row "first screen, cityrank (ms)" '$2'
row "  cityrank - less, paired (ms)" '$2 - $1'
row "  cityrank / less, paired" '$2 / $1'
row "settled, less (ms)" '$7'
row "settled, cityrank (ms)" '$8'
row "  cityrank - less, paired (ms)" '$8 - $7'
row "bytes to first screen, less" '$3' %d
row "bytes to first screen, cityrank" '$4' %d
row "bytes to settled, less" '$9' %d
row "bytes to settled, cityrank" '$10' %d
row "process CPU, less (ms)" '$5'
row "process CPU, cityrank (ms)" '$6'
set -- $(stat '$2 - $1')
echo
echo "target: cityrank's first screen within 10 ms of less's;" \
    "median paired difference $1 ms"
