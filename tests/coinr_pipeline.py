#!/usr/bin/env python3
"""COINr's data preparation, reimplemented from its documentation and
source, and checked against cityrank's scores of a prepared import.

The steps, in COINr's order (R/denominate.R, R/impute.R,
R/screen_units.R, R/treat.R of COINr 1.1.x):

  denominate  each indicator whose iMeta row names a Denominator is
              divided by that column of iData (Denominate.data.frame,
              f_denom = `/`).  A zero or missing denominator gives a
              missing value here (R would give Inf or NaN).
  impute      mean or median of the indicator over the units that have
              a value (i_mean, i_median), or within each group of a
              group column (i_mean_grp, i_median_grp: split by the
              group, units with no group left alone); a group with no
              value leaves its units missing.
  screen      a unit's data availability is 1 - (missing indicators) /
              (indicators); units below the threshold are dropped
              (Screen(unit_screen = "byNA"), LowData = Dat_Avail <
              dat_thresh).
  treat       per indicator, over the units kept (NAs removed): it
              passes when |skew| < 2 or kurtosis < 3.5
              (check_SkewKurt; skew and kurtosis as e1071's type 2).
              If it fails it is Winsorised: while it fails and fewer
              than winmax points were, every point equal to the
              maximum (skew >= 0) takes the largest other value, or
              every point equal to the minimum (skew < 0) the smallest
              other value; the count is the number of points moved by
              the last move at each end (COINr's nwin).  If it still
              fails, the *original* column is log-transformed instead
              (log_CT: log(x - min + 0.01 (max - min)), combine_treat =
              FALSE).

Then normalisation and aggregation as tests/coinr_check.py (COINr's
Normalise and Aggregate).  Nothing here comes from cityrank except the
output it is compared with.  Python 3 standard library only.
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coinr_check as cc  # noqa: E402


def skew(xs):
    n = len(xs)
    m = sum(xs) / n
    d = [x - m for x in xs]
    s2 = sum(v * v for v in d)
    s3 = sum(v ** 3 for v in d)
    y = math.sqrt(n) * s3 / s2 ** 1.5
    return y * math.sqrt(n * (n - 1)) / (n - 2)


def kurt(xs):
    n = len(xs)
    m = sum(xs) / n
    d = [x - m for x in xs]
    s2 = sum(v * v for v in d)
    s4 = sum(v ** 4 for v in d)
    r = n * s4 / s2 ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def passes(col):
    xs = [v for v in col if v is not None]
    return abs(skew(xs)) < 2 or kurt(xs) < 3.5


def winsorise(col, winmax):
    x = list(col)
    imax = imin = []
    nwin = 0
    while not passes(x) and nwin < winmax:
        xs = [v for v in x if v is not None]
        if skew(xs) >= 0:
            top = max(xs)
            imax = [i for i, v in enumerate(x) if v == top]
            rest = max(v for v in xs if v != top)
            for i in imax:
                x[i] = rest
        else:
            bot = min(xs)
            imin = [i for i, v in enumerate(x) if v == bot]
            rest = min(v for v in xs if v != bot)
            for i in imin:
                x[i] = rest
        nwin = len(imax) + len(imin)
    return x, nwin


def log_ct(col):
    xs = [v for v in col if v is not None]
    mn, mx = min(xs), max(xs)
    return [None if v is None else math.log(v - mn + 0.01 * (mx - mn))
            for v in col]


def treat(col, winmax):
    """(treated column, what was done)"""
    if len([v for v in col if v is not None]) < 4 or passes(col):
        return col, "none"
    w, nwin = winsorise(col, winmax)
    if passes(w):
        return w, "winsorised %d" % nwin
    return log_ct(col), "log"


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def impute(col, method, groups):
    stat = {"mean": lambda xs: sum(xs) / len(xs), "median": median}[method]
    out = list(col)
    keys = set(groups) if groups is not None else {None}
    for g in keys:
        if g == "" and groups is not None:
            continue        # no group: left alone
        idx = [i for i in range(len(col))
               if groups is None or groups[i] == g]
        xs = [col[i] for i in idx if col[i] is not None]
        if not xs:
            continue
        fill = stat(xs)
        for i in idx:
            if out[i] is None:
                out[i] = fill
    return out


def prepare(nodes, meta_rows, rows, args):
    """The prepared raw value of every indicator, and the rows kept."""
    inds = [c for c, n in nodes.items() if n["type"] == "Indicator"]
    denom = {r["iCode"]: r.get("Denominator") or "" for r in meta_rows}
    val = {c: [cc.number(r[c]) for r in rows] for c in inds}
    if args.denominate:
        for c in inds:
            if not denom[c]:
                continue
            ds = [cc.number(r[denom[c]]) for r in rows]
            val[c] = [None if v is None or d is None or d == 0 else v / d
                      for v, d in zip(val[c], ds)]
    if args.impute:
        method, _, group = args.impute.partition(":")
        groups = [r[group] for r in rows] if group else None
        method = method.replace("_group", "")
        for c in inds:
            val[c] = impute(val[c], method, groups)
    keep = list(range(len(rows)))
    if args.screen is not None:
        keep = [u for u in keep
                if 1 - sum(val[c][u] is None for c in inds) / len(inds)
                >= args.screen]
        for c in inds:
            val[c] = [val[c][u] for u in keep]
    done = {}
    if args.treat is not None:
        for c in inds:
            val[c], done[c] = treat(val[c], args.treat)
    return val, [rows[u] for u in keep], done


def scores(nodes, val, n_units, agg):
    score = {}
    for code, n in nodes.items():
        if n["type"] == "Indicator":
            raw = [None if v is None else v * n["direction"]
                   for v in val[code]]
            score[code] = cc.normalise(raw, "minmax")
    top = max(n["level"] for n in nodes.values())
    for level in range(2, top + 1):
        for code, n in nodes.items():
            if n["type"] != "Aggregate" or n["level"] != level:
                continue
            kids = [c for c, k in nodes.items() if k["parent"] == code]
            score[code] = [cc.aggregate([(nodes[c]["weight"], score[c][u])
                                         for c in kids], agg)
                           for u in range(n_units)]
    return score


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cityrank")
    ap.add_argument("--db")
    ap.add_argument("--data", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--year", help="Time to check (default: the latest)")
    ap.add_argument("--denominate", action="store_true")
    ap.add_argument("--impute")
    ap.add_argument("--screen", type=float)
    ap.add_argument("--treat", type=int, metavar="WINMAX")
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--recipe",
                    help="passed to cityrank: the data set's raw values "
                    "prepared this way instead (its line)")
    ap.add_argument("--expect-first",
                    help="CODE=SCORE: the index's first unit and its "
                    "score to two decimals")
    ap.add_argument("--print", action="store_true",
                    help="print the index of every unit, no cityrank")
    args = ap.parse_args()

    meta_rows = cc.read_csv(args.meta)
    nodes = cc.framework(meta_rows)
    rows, _ = cc.units_of(cc.read_csv(args.data), args.year)
    val, rows, done = prepare(nodes, meta_rows, rows, args)
    codes = [r["uCode"] for r in rows]
    want = scores(nodes, val, len(rows), "arith")
    root = [c for c, n in nodes.items() if n["parent"] is None][0]
    order = sorted(range(len(codes)), key=lambda u: -want[root][u])
    bad = 0
    if args.print:
        for c, what in done.items():
            if what != "none":
                print("treat %s: %s" % (c, what))
        for u in order:
            print("%s %.6f" % (codes[u], want[root][u]))
        return 0
    if args.expect_first:
        code, _, score = args.expect_first.partition("=")
        first = order[0]
        if codes[first] != code or "%.2f" % want[root][first] != score:
            print("first is %s with %.4f, not %s with %s" %
                  (codes[first], want[root][first], code, score),
                  file=sys.stderr)
            bad += 1
    cargs = argparse.Namespace(cityrank=args.cityrank, db=args.db,
                               year=args.year, normalize="minmax",
                               aggregate="arith", recipe=args.recipe)
    worst = 0.0
    compared = 0
    for node in nodes:
        got = cc.cityrank_rank(cargs, node)
        if sorted(got) != sorted(codes):
            print("node %s: cityrank has units %s, want %s" %
                  (node, sorted(got), sorted(codes)), file=sys.stderr)
            bad += 1
            continue
        for u, code in enumerate(codes):
            w, g = want[node][u], got[code][0]
            if (w is None) != (g is None):
                print("node %s unit %s: want %s, got %s" %
                      (node, code, w, g), file=sys.stderr)
                bad += 1
                continue
            if w is None:
                continue
            compared += 1
            worst = max(worst, abs(w - g))
            if abs(w - g) > args.tol:
                print("node %s unit %s: want %.12g, got %.12g" %
                      (node, code, w, g), file=sys.stderr)
                bad += 1
    print("coinr_pipeline: %d nodes x %d units, %d scores; %s first with "
          "%.4f; max |diff| %.3g; %d mismatches" %
          (len(nodes), len(codes), compared, codes[order[0]],
           want[root][order[0]], worst, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
