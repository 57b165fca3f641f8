#!/bin/sh
# tests/flipcheck.sh [BUILD]: the long flipped-byte run, for the record
# (doc/robustness.md).  Every byte of the bundled data set, and every
# PANEL_STEP-th (default 13) of the ASEM panel imported (700 kB), XOR
# 0xff and then XOR 0x01, each copy loaded in a child, compared with the
# clean load and checked with cr_db_check().  About 70 minutes on one
# core; not part of make check (test_flip is the quick version).  Prints
# flipcheck's counts; exits 1 when any copy loaded with a wrong result,
# crashed or hung.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
for f in flipcheck cityrank cityrank.db; do
	if [ ! -e "$build/$f" ]; then
		echo "flipcheck.sh: no $build/$f: build first (make)" >&2
		exit 2
	fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/cityrank-flip.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$build/cityrank.db" "$work/bundled.db"
asem=$top/tests/fixtures/coinr-asem
"$build/cityrank" import --data "$asem/ASEM_iData_p.csv" \
    --meta "$asem/ASEM_iMeta.csv" -o "$work/panel.db" >/dev/null
rc=0
for mask in 0xff 0x01; do
	"$build/flipcheck" -c -m "$mask" "$work/bundled.db" || rc=1
done
for mask in 0xff 0x01; do
	"$build/flipcheck" -c -m "$mask" -s "${PANEL_STEP:-13}" \
	    "$work/panel.db" || rc=1
done
exit $rc
