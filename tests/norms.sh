#!/bin/sh
# prank, borda and fracmax on the bundled data set against
# tests/norm_check.py, an independent computation, every node and city;
# fracmax refuses a leaf whose values it cannot take, by name.  The
# harmonic mean (checked against COINr in tests/import.sh) is refused by
# the analyses that solve for weights, rather than solved wrongly.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

if command -v python3 >/dev/null; then
	for m in prank borda fracmax; do
		if python3 "$SRCDIR/tests/norm_check.py" "$CITYRANK" \
		    "$SRCDIR" "$m" >"$tmp/check" 2>&1; then
			ok "$m: every node of every city as computed afresh"
		else
			not_ok "$m: every node of every city as computed afresh"
			grep 'not ok' "$tmp/check" | head -5 | sed 's/^/# /'
		fi
	done
	# The checker must be able to fail: its prank formula (ties at the
	# lowest rank) is not rank's (ties averaged), and the data has ties.
	if python3 "$SRCDIR/tests/norm_check.py" "$CITYRANK" "$SRCDIR" \
	    rank >/dev/null 2>&1; then
		not_ok "the checker notices another method"
	else
		ok "the checker notices another method"
	fi
else
	for i in 1 2 3 4; do skip "norm_check.py" "python3 not installed"; done
fi

fails "fracmax: a lower-is-better 0 is refused by name" 2 \
    "fracmax normalisation needs values > 0 (it is lower-is-better): CostImpEx has values from 0 to 595" \
    --dataset asem --normalize fracmax rank
fails "an unknown normalisation lists the methods" 2 \
    "(expected none, minmax[:LO:HI], zscore, rank, prank, borda, fracmax, goalposts[:LO:HI[:SCALE]], dist2max, dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap])" \
    --normalize fraction rank
run --dataset asem --normalize borda rank --format csv
check "borda on ASEM: the scores are whole numbers of units below" \
    sh -c "[ $rc -eq 0 ] && sed 1d '$tmp/out' | cut -d, -f6 | awk '\$1 < 0 || \$1 > 50 { exit 1 }'"

only="works with the arithmetic and geometric means only, not harm; use --aggregate arith or geom"
fails "harm: rank --flips refuses" 2 "--flips $only" \
    --aggregate harm rank --flips
fails "harm: stability refuses" 1 "stability $only" \
    --aggregate harm stability
fails "harm: target refuses" 1 "the target solver $only" \
    --aggregate harm target 北京 --rank 1
fails "harm: robust refuses" 2 "the robustness analysis $only" \
    --aggregate harm robust --samples 10
fails "robust --aggs with harm refuses" 2 "the robustness analysis $only" \
    robust --aggs arith,harm --samples 10
run --aggregate harm compare 北京 上海
check "harm: compare splits the gap, and says why it seeks no swap" \
    sh -c "[ $rc -eq 0 ] && grep -q '^Gap 北京 - 上海' '$tmp/out' && grep -q 'no single weight change is searched for under the harmonic mean' '$tmp/out'"
run --aggregate harm rank --format csv
check "harm: rank works, every city scored" \
    sh -c "[ $rc -eq 0 ] && [ \$(sed 1d '$tmp/out' | cut -d, -f6 | grep -c .) -eq 26 ]"
run --dataset asem robust --vary normalize --samples 20 --format csv
check "robust's default normalisations leave fracmax out: ASEM runs" \
    test "$rc" -eq 0
fails "robust --norms naming fracmax on ASEM says why it cannot" 2 \
    "with fracmax normalisation and arith aggregation: fracmax normalisation needs values > 0" \
    --dataset asem robust --norms minmax,fracmax --samples 20

done_testing
