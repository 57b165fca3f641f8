# Shared by the bench/*.sh scripts; sourced, not run.
#
# TOP is the source tree, BUILD the build tree holding cityrank and its
# data set (default TOP/build, as ./quickstart makes it).  Helpers are
# compiled into BUILD/bench, which is never committed.

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
BENCHBIN=$BUILD/bench
CITYRANK=${CITYRANK:-$BUILD/cityrank}
CITYRANK_DB=${CITYRANK_DB:-$BUILD/cityrank.db}
export CITYRANK_DB
# ptyrun's own default; set here so every child sees the same locale.
export LC_ALL=${LC_ALL:-C.UTF-8}
CC=${CC:-cc}

die() { echo "$0: $*" >&2; exit 1; }

need_cityrank() {
	[ -x "$CITYRANK" ] ||
	    die "$CITYRANK not built: run ./quickstart rank first"
	[ -f "$CITYRANK_DB" ] || die "$CITYRANK_DB missing"
}

# snapshot DIR: measure copies of cityrank and its data set, because
# the build tree is rebuilt by others while a benchmark runs.  HOME is
# an empty directory too, so no one's configuration takes part.
snapshot() {
	mkdir -p "$1/home/.config"
	cp "$CITYRANK" "$1/cityrank" && cp "$CITYRANK_DB" "$1/cityrank.db" ||
	    die "cannot copy cityrank into $1"
	BUILT=$(date -u -r "$CITYRANK" '+%Y-%m-%d %H:%M UTC')
	CITYRANK=$1/cityrank
	CITYRANK_DB=$1/cityrank.db
	HOME=$1/home
	XDG_CONFIG_HOME=$1/home/.config
	export HOME XDG_CONFIG_HOME
}

# ptyrun is rebuilt whenever its source is newer.
PTYRUN=$BENCHBIN/ptyrun
need_ptyrun() {
	mkdir -p "$BENCHBIN"
	if [ ! -x "$PTYRUN" ] || [ "$TOP/bench/ptyrun.c" -nt "$PTYRUN" ]; then
		$CC -O2 -std=c11 -Wall -Wextra -o "$PTYRUN" \
		    "$TOP/bench/ptyrun.c" -lutil || die "cannot build ptyrun"
	fi
}

# field KEY LINE: the value of KEY=... in one ptyrun output line.
field() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# summarize [FMT]: numbers on stdin, one a line -> "median min max n",
# each printed with FMT (default %.3f).
summarize() {
	sort -g | awk -v f="${1:-%.3f}" '
	{ v[NR] = $1 }
	END {
		if (NR == 0) { print "nan nan nan 0"; exit }
		if (NR % 2) m = v[(NR + 1) / 2]
		else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf f " " f " " f " %d\n", m, v[1], v[NR], NR
	}'
}

# The machine, for the record: noise makes numbers meaningless without.
machine() {
	echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "cpus:     $(nproc), $(sed -n 's/^model name[^:]*: //p' \
	    /proc/cpuinfo | sort -u | head -1)"
	echo "memory:   $(awk '/MemTotal/ { printf "%.1f GiB",
	    $2 / 1048576 }' /proc/meminfo)"
	echo "kernel:   $(uname -sr)"
	echo "loadavg:  $(cut -d' ' -f1-3 /proc/loadavg)"
	# Read-only git: no optional locks, so the index is never written.
	echo "tree:     $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null ||
	    echo unknown) + $(git --no-optional-locks -C "$TOP" status \
	    --porcelain 2>/dev/null | wc -l) changed files"
	if [ -n "${BUILT:-}" ]; then
		echo "cityrank: built $BUILT, sha256 $(sha256sum \
		    <"$CITYRANK" | cut -c1-12)"
	fi
}

# last_word CMD...: the last word a program draws in its first frame,
# from one run with the escape sequences stripped.  Used as the marker
# for ptyrun --until, so the marker follows the interface as it changes.
last_word() {
	"$PTYRUN" --size "${SIZE:-80x24}" --settle --quiet 200 \
	    --dump "$BENCHBIN/first-frame.out" "$@" >/dev/null || return 1
	LC_ALL=C sed 's/\x1b\[[0-9;?>=]*[ -\/]*[@-~]//g
	    s/\x1b[()][0-9A-Za-z]//g; s/\x1b[=>78]//g' \
	    "$BENCHBIN/first-frame.out" |
	    LC_ALL=C tr -s '\000-\037 ' '\n\n' | sed '/^$/d' | tail -n 1
}
