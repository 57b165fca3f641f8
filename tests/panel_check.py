#!/usr/bin/env python3
"""Expected values for the explorer's panel and weights-view tests,
computed from the raw COINr-format CSV files with tests/coinr_check.py's
independent implementation of COINr's pipeline (min-max 0-100 and the
arithmetic mean unless asked otherwise).  Nothing here comes from
cityrank.  Python 3 standard library only.

  ranks   a line "CODE R1 R2 ..." per unit: its sport rank at --node in
          each Time of the data, oldest first ("-" for none); a first
          line "code T1 T2 ..." names the Times.
  spark   the detail view's line for --unit, the Time in view --at:
          "rank by year GLYPHS T1-Tn: R1 ... [Rat] ... Rn".  The glyphs
          follow the rule doc/cityrank.1 gives: a rank r among the
          unit's least lo and greatest hi is at t = 1 - (r - lo) / (hi -
          lo) (t = 1/2 when hi = lo), drawn as level floor(t (L - 1) +
          .5) of ▁▂▃▄▅▆▇█ (L = 8) or, with --ascii, of "_.-^" (L = 4).
  corr    a line "CODE SHARE_PCT R_INDEX R_PARENT" per node, for --year
          (default the latest): its effective weight in the index and
          Pearson's r with the index and its parent, as the weights
          view prints them (%.1f, %.2f, "-" when undefined).

--weight CODE=W (repeatable) replaces a node's nominal weight, as a
weight change in the explorer does (weights are relative in a parent).
"""

import argparse
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coinr_check as cc  # noqa: E402


def load(args):
    nodes = cc.framework(cc.read_csv(args.meta))
    for spec in args.weight:
        code, w = spec.split("=")
        nodes[code]["weight"] = float(w)
    rows = cc.read_csv(args.data)
    times = sorted({int(float(r["Time"])) for r in rows}) \
        if rows and "Time" in rows[0] else [None]
    return nodes, rows, times


def ranks_by_time(args):
    """{code: [rank or None per Time]}, and the Times."""
    nodes, rows, times = load(args)
    out = {}
    for t in times:
        sub, _ = cc.units_of(rows, None if t is None else str(t))
        score = cc.coinr_scores(nodes, sub, args.normalize, args.aggregate)
        rk = cc.sport_ranks(score[args.node], 1e-9)
        for r, k in zip(sub, rk):
            out.setdefault(r["uCode"], []).append(k)
    return out, times


def spark(ranks, ascii_):
    glyphs = "_.-^" if ascii_ else "▁▂▃▄▅▆▇█"
    have = [r for r in ranks if r is not None]
    lo, hi = min(have), max(have)
    s = ""
    for r in ranks:
        if r is None:
            s += " "
            continue
        t = 0.5 if hi == lo else 1 - (r - lo) / (hi - lo)
        s += glyphs[int(t * (len(glyphs) - 1) + 0.5)]
    return s


def cmd_ranks(args):
    out, times = ranks_by_time(args)
    print("code " + " ".join(str(t) for t in times))
    for code in sorted(out):
        print(code + " " + " ".join("-" if r is None else str(r)
                                    for r in out[code]))


def cmd_spark(args):
    out, times = ranks_by_time(args)
    rk = out[args.unit]
    nums = []
    for t, r in zip(times, rk):
        n = "-" if r is None else str(r)
        nums.append("[" + n + "]" if str(t) == args.at else n)
    print("rank by year %s %s-%s: %s" % (spark(rk, args.ascii), times[0],
                                         times[-1], " ".join(nums)))


def cmd_corr(args):
    nodes, rows, times = load(args)
    sub, _ = cc.units_of(rows, args.year)
    score = cc.coinr_scores(nodes, sub, args.normalize, args.aggregate)
    root = [c for c, n in nodes.items()
            if n["type"] == "Aggregate" and not n["parent"]][0]

    def fmt(r):
        return "-" if r is None else "%.2f" % r

    for code, n in nodes.items():
        share, c = 1.0, code
        while nodes[c]["parent"]:
            par = nodes[c]["parent"]
            sib = sum(k["weight"] for k in nodes.values()
                      if k["parent"] == par)
            share *= nodes[c]["weight"] / sib
            c = par
        rp = None if not n["parent"] else \
            cc.pearson(score[code], score[n["parent"]])
        print("%s %.1f %s %s" % (code, 100 * share,
                                 fmt(cc.pearson(score[code], score[root])),
                                 fmt(rp)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["ranks", "spark", "corr"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--node", default="Index")
    ap.add_argument("--unit")
    ap.add_argument("--at", help="the Time in view (spark)")
    ap.add_argument("--year", help="the Time (corr; default the latest)")
    ap.add_argument("--ascii", action="store_true")
    ap.add_argument("--weight", action="append", default=[])
    ap.add_argument("--normalize", default="minmax")
    ap.add_argument("--aggregate", default="arith")
    args = ap.parse_args()
    {"ranks": cmd_ranks, "spark": cmd_spark, "corr": cmd_corr}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
