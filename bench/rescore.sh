#!/bin/sh
# rescore.sh: build bench/rescore.c against the project's static
# libraries and run it on the bundled data set.  Arguments go to rescore
# (-n iterations, -r repetitions).
#
#   bench/rescore.sh
#   bench/rescore.sh -n 100000 -r 21
set -eu
. "$(dirname "$0")/lib.sh"

need_cityrank
for f in libengine.a libdb.a config.h; do
	[ -f "$BUILD/$f" ] || die "$BUILD/$f missing: run ./quickstart rank"
done
mkdir -p "$BENCHBIN"
bin=$BENCHBIN/rescore
# Rebuild when the source or either library changed.
if [ ! -x "$bin" ] || [ "$TOP/bench/rescore.c" -nt "$bin" ] ||
    [ "$BUILD/libengine.a" -nt "$bin" ] || [ "$BUILD/libdb.a" -nt "$bin" ]; then
	sqlite_libs=$(pkg-config --libs sqlite3 libxxhash 2>/dev/null ||
	    echo -lsqlite3 -lxxhash)
	$CC -O2 -std=c11 -Wall -Wextra -I"$BUILD" -I"$TOP/engine" \
	    -I"$TOP/db" -o "$bin" "$TOP/bench/rescore.c" "$BUILD/libdb.a" \
	    "$BUILD/libengine.a" $sqlite_libs -lm || die "cannot build rescore"
fi
# A copy of the data set: the build tree is rebuilt while we measure.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
cp "$CITYRANK_DB" "$tmp/cityrank.db" || die "cannot copy $CITYRANK_DB"
machine
echo "compiler: $($CC --version | head -n 1)"
echo
"$bin" "$@" "$tmp/cityrank.db"
