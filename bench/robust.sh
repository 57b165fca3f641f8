#!/bin/sh
# robust.sh: build bench/robust.c against the project's static
# libraries and time the uncertainty and sensitivity analyses on the
# bundled data set, then (unless SMALL is set) at 10,000 units x 200
# indicators made by bench/gen_synth and imported with cityrank import.
# Arguments go to robust for the bundled data set (-r, -n, -s, -T).
#
#   bench/robust.sh
#   SMALL=1 bench/robust.sh -r 21
set -eu
. "$(dirname "$0")/lib.sh"

need_cityrank
for f in libengine.a libdb.a config.h; do
	[ -f "$BUILD/$f" ] || die "$BUILD/$f missing: run ./quickstart rank"
done
mkdir -p "$BENCHBIN"
bin=$BENCHBIN/robust
if [ ! -x "$bin" ] || [ "$TOP/bench/robust.c" -nt "$bin" ] ||
    [ "$BUILD/libengine.a" -nt "$bin" ] || [ "$BUILD/libdb.a" -nt "$bin" ]; then
	libs=$(pkg-config --libs sqlite3 libxxhash gsl 2>/dev/null ||
	    echo -lsqlite3 -lxxhash -lgsl -lgslcblas -lm)
	$CC -O2 -std=c11 -Wall -Wextra -I"$BUILD" -I"$TOP/engine" \
	    -I"$TOP/db" -o "$bin" "$TOP/bench/robust.c" "$BUILD/libdb.a" \
	    "$BUILD/libengine.a" $libs -lpthread -lm ||
	    die "cannot build robust"
fi
gen=$BENCHBIN/gen_synth
if [ ! -x "$gen" ] || [ "$TOP/bench/gen_synth.c" -nt "$gen" ]; then
	$CC -O2 -o "$gen" "$TOP/bench/gen_synth.c" -lm ||
	    die "cannot build gen_synth"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
snapshot "$tmp"
machine
echo "compiler: $($CC --version | head -n 1)"
echo "gsl:      $(pkg-config --modversion gsl 2>/dev/null || echo unknown)"
echo
"$bin" "$@" "$CITYRANK_DB"
[ -n "${SMALL:-}" ] && exit 0
echo
"$gen" -n 10000 -m 200 -s 1 -o "$tmp" || die "gen_synth failed"
"$CITYRANK" import --data "$tmp/iData.csv" --meta "$tmp/iMeta.csv" \
    -o "$tmp/synth.db" >/dev/null || die "import failed"
"$bin" -r "${BIG_RUNS:-5}" -n 1000 -s 0 "$tmp/synth.db"
