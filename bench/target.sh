#!/bin/sh
# target.sh: build bench/target.c against the project's static
# libraries and run it on the bundled data set.  Arguments go to target
# (-r repetitions).
#
#   bench/target.sh
#   bench/target.sh -r 51
set -eu
. "$(dirname "$0")/lib.sh"

need_cityrank
for f in libengine.a libdb.a config.h; do
	[ -f "$BUILD/$f" ] || die "$BUILD/$f missing: run ./quickstart rank"
done
mkdir -p "$BENCHBIN"
bin=$BENCHBIN/target
# Rebuild when the source or either library changed.
if [ ! -x "$bin" ] || [ "$TOP/bench/target.c" -nt "$bin" ] ||
    [ "$BUILD/libengine.a" -nt "$bin" ] || [ "$BUILD/libdb.a" -nt "$bin" ]; then
	sqlite_libs=$(pkg-config --libs sqlite3 libxxhash 2>/dev/null ||
	    echo -lsqlite3 -lxxhash)
	$CC -O2 -std=c11 -Wall -Wextra -I"$BUILD" -I"$TOP/engine" \
	    -I"$TOP/db" -o "$bin" "$TOP/bench/target.c" "$BUILD/libdb.a" \
	    "$BUILD/libengine.a" $sqlite_libs -lglpk -lm || die "cannot build target"
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
