#!/usr/bin/env python3
"""Check cityrank's scores on an imported COINr data set against an
independent implementation of COINr's pipeline, from the raw CSV files.

COINr's conventions, as its documentation gives them:
  - each indicator is multiplied by its Direction, then normalised across
    the units: min-max to [lo, hi] ((x - min) / (max - min) * (hi - lo) +
    lo), or z-score ((x - mean) / sd, sd with n - 1, like R's sd());
  - aggregation goes level by level, from level 2 to the top: the weighted
    arithmetic mean sum(w x) / sum(w), or the weighted geometric mean
    prod(x ^ w) ^ (1 / sum(w)), over the children that are not missing
    (their weights rescaled: COINr's na.rm);
  - ranks are sport ranks: the highest score is 1, ties share the lowest
    rank (1, 2, 2, 4).

Nothing here comes from cityrank except the output it is compared with.
Python 3 standard library only.  Exit status 0 when every score of every
node and unit agrees to --tol and every rank agrees, 1 otherwise.
"""

import argparse
import csv
import math
import subprocess
import sys


def read_csv(path):
    # utf-8-sig: a BOM, if any, is not part of the first column's name.
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def number(s):
    if s is None or s == "" or s == "NA":
        return None
    return float(s)


def framework(meta_rows):
    nodes = {}
    for r in meta_rows:
        if r["Type"] not in ("Indicator", "Aggregate"):
            continue
        nodes[r["iCode"]] = {
            "type": r["Type"],
            "level": int(float(r["Level"])),
            "parent": r["Parent"] or None,
            "weight": float(r["Weight"]),
            "direction": int(float(r["Direction"] or 1)),
        }
    return nodes


def units_of(data_rows, time):
    if time is None and data_rows and "Time" in data_rows[0]:
        time = str(max(int(float(r["Time"])) for r in data_rows))
    if time is not None:
        data_rows = [r for r in data_rows
                     if str(int(float(r["Time"]))) == str(time)]
    return data_rows, time


def normalise(values, method):
    """values: list of float or None; returns the normalised list."""
    xs = [v for v in values if v is not None]
    if method.startswith("minmax"):
        lo, hi = 0.0, 100.0
        if ":" in method:
            _, a, b = method.split(":")
            lo, hi = float(a), float(b)
        mn, mx = min(xs), max(xs)
        return [None if v is None else
                (v - mn) / (mx - mn) * (hi - lo) + lo for v in values]
    if method == "zscore":
        mean = sum(xs) / len(xs)
        sd = math.sqrt(sum((v - mean) ** 2 for v in xs) / (len(xs) - 1))
        return [None if v is None else (v - mean) / sd for v in values]
    if method in ("prank", "borda"):
        # COINr's n_prank (dplyr::percent_rank) and n_borda (rank with
        # ties.method = "min", minus 1): the values strictly below.
        below = [None if v is None else sum(1 for x in xs if x < v)
                 for v in values]
        if method == "borda":
            return [None if b is None else float(b) for b in below]
        if len(xs) < 2:
            return [None if b is None else 50.0 for b in below]
        return [None if b is None else 100.0 * b / (len(xs) - 1)
                for b in below]
    raise SystemExit("coinr_check: unknown method " + method)


def aggregate(pairs, method):
    """pairs: (weight, value or None) of the children."""
    pairs = [(w, v) for w, v in pairs if v is not None and w > 0]
    if not pairs:
        return None
    wsum = sum(w for w, _ in pairs)
    if method == "arith":
        return sum(w * v for w, v in pairs) / wsum
    if method == "harm":
        # COINr's a_hmean: the weighted harmonic mean.
        if any(v <= 0 for _, v in pairs):
            raise SystemExit("coinr_check: harmonic mean of a value <= 0")
        return wsum / sum(w / v for w, v in pairs)
    if any(v <= 0 for _, v in pairs):
        raise SystemExit("coinr_check: geometric mean of a value <= 0")
    return math.prod(v ** w for w, v in pairs) ** (1 / wsum)


def coinr_scores(nodes, rows, norm, agg):
    """{node: [score of each unit]} computed as COINr does."""
    score = {}
    for code, n in nodes.items():
        if n["type"] == "Indicator":
            raw = [number(r[code]) for r in rows]
            raw = [None if v is None else v * n["direction"] for v in raw]
            score[code] = normalise(raw, norm)
    top = max(n["level"] for n in nodes.values())
    for level in range(2, top + 1):
        for code, n in nodes.items():
            if n["type"] != "Aggregate" or n["level"] != level:
                continue
            kids = [c for c, k in nodes.items() if k["parent"] == code]
            score[code] = [aggregate([(nodes[c]["weight"], score[c][u])
                                      for c in kids], agg)
                           for u in range(len(rows))]
    return score


def sport_ranks(values, tol):
    """Highest is 1; values within tol of each other tie, at the lowest."""
    out = []
    for v in values:
        if v is None:
            out.append(None)
        else:
            out.append(1 + sum(1 for o in values
                               if o is not None and o > v + tol))
    return out


def cityrank_rank(args, node):
    cmd = [args.cityrank, "--db", args.db]
    if args.year is not None:
        cmd += ["--year", args.year]
    if getattr(args, "recipe", None) is not None:
        cmd += ["--recipe", args.recipe]
    cmd += ["rank", "--by", node, "--normalize", args.normalize,
            "--aggregate", args.aggregate, "--format", "csv"]
    p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if p.returncode != 0:
        raise SystemExit("coinr_check: %s failed: %s" %
                         (" ".join(cmd), p.stderr.strip()))
    got = {}
    for r in csv.DictReader(p.stdout.splitlines()):
        got[r["code"]] = (number(r["score"]), number(r["rank"]))
    return got


def pearson(x, y):
    """COINr's get_corr (cor(), use = "pairwise.complete.obs")."""
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if len(pairs) < 2:
        return None
    mx = sum(a for a, _ in pairs) / len(pairs)
    my = sum(b for _, b in pairs) / len(pairs)
    sxy = sum((a - mx) * (b - my) for a, b in pairs)
    sxx = sum((a - mx) ** 2 for a, _ in pairs)
    syy = sum((b - my) ** 2 for _, b in pairs)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def check_tree(args, nodes, want):
    """The tree's effective weights (COINr's get_eff_weights: the
    product of the weights, each normalised among its siblings, down
    the tree) and correlations with the index and the parent."""
    cmd = [args.cityrank, "--db", args.db]
    if args.year is not None:
        cmd += ["--year", args.year]
    cmd += ["tree", "--normalize", args.normalize, "--aggregate",
            args.aggregate, "--format", "csv"]
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    got = {r["code"]: r for r in csv.DictReader(p.stdout.splitlines())}
    root = [c for c, n in nodes.items()
            if n["type"] == "Aggregate" and not n["parent"]][0]
    bad = 0
    for code, n in nodes.items():
        share, c = 1.0, code
        while nodes[c]["parent"]:
            par = nodes[c]["parent"]
            sib = sum(k["weight"] for k in nodes.values()
                      if k["parent"] == par)
            share *= nodes[c]["weight"] / sib
            c = par
        checks = [("share_pct", 100 * share),
                  ("r_index", pearson(want[code], want[root])),
                  ("r_parent", None if not n["parent"] else
                   pearson(want[code], want[n["parent"]]))]
        for col, w in checks:
            g = number(got[code][col])
            if (w is None) != (g is None) or \
                    (w is not None and abs(w - g) > 1e-9):
                print("tree %s %s: want %s, got %s" % (code, col, w, g),
                      file=sys.stderr)
                bad += 1
    print("coinr_check: tree: %d nodes, effective weights and "
          "correlations; %d mismatches" % (len(nodes), bad))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cityrank", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--year", help="Time to check (default: the latest)")
    ap.add_argument("--normalize", default="minmax")
    ap.add_argument("--aggregate", default="arith")
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--rank-tol", type=float, default=1e-9,
                    help="scores closer than this count as a tie")
    ap.add_argument("--tree", action="store_true",
                    help="check the tree's effective weights and "
                    "correlations instead of the scores")
    args = ap.parse_args()

    nodes = framework(read_csv(args.meta))
    # Without --year both sides take the latest Time.
    rows, time = units_of(read_csv(args.data), args.year)
    want = coinr_scores(nodes, rows, args.normalize, args.aggregate)
    codes = [r["uCode"] for r in rows]
    if args.tree:
        return 1 if check_tree(args, nodes, want) else 0

    bad = 0
    worst = {"Indicator": 0.0, "Aggregate": 0.0}
    compared = 0
    for node in nodes:
        got = cityrank_rank(args, node)
        ranks = sport_ranks(want[node], args.rank_tol)
        if sorted(got) != sorted(codes):
            print("node %s: cityrank has units %s, the data %s" %
                  (node, sorted(got), sorted(codes)), file=sys.stderr)
            bad += 1
            continue
        for u, code in enumerate(codes):
            w, (g, grank) = want[node][u], got[code]
            if (w is None) != (g is None):
                print("node %s unit %s: want %s, got %s" %
                      (node, code, w, g), file=sys.stderr)
                bad += 1
                continue
            if w is None:
                continue
            d = abs(w - g)
            compared += 1
            worst[nodes[node]["type"]] = max(worst[nodes[node]["type"]], d)
            if d > args.tol:
                print("node %s unit %s: want %.12g, got %.12g (|diff| %.3g)"
                      % (node, code, w, g, d), file=sys.stderr)
                bad += 1
            if grank != ranks[u]:
                print("node %s unit %s: want rank %s, got %s" %
                      (node, code, ranks[u], grank), file=sys.stderr)
                bad += 1
    print("coinr_check: %s %s%s: %d nodes x %d units, %d scores; "
          "max |diff| %.3g (indicators) %.3g (aggregates); %d mismatches"
          % (args.normalize, args.aggregate,
             "" if time is None else " Time " + str(time), len(nodes),
             len(codes), compared, worst["Indicator"], worst["Aggregate"],
             bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
