#!/usr/bin/env python3
"""An independent Monte Carlo of the bundled ranking, to check
'cityrank robust' against (tests/robust.sh).

Python 3 standard library only.  The framework and the scenario's
weights come from 'cityrank tree --format csv', the raw values from
data/values.csv (not through cityrank's loader), and everything else is
written here afresh: its own random numbers (random.Random), weights
each times 1 + p U(-1, 1), weighted means with missing children left
out, sport ranks, and quantiles by statistics.quantiles (inclusive, the
same definition as R's type 7).  The two runs share no random numbers,
so they agree only within sampling error: the bounds below are several
standard errors wide.

    mc_check.py CITYRANK SRCDIR SAMPLES NOISE_PCT

Prints TAP lines (one per check) and exits 1 on a mismatch.
"""

import csv
import io
import math
import random
import statistics
import subprocess
import sys


def cityrank(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True)
    return list(csv.DictReader(io.StringIO(out.stdout.decode())))


def framework(binary):
    nodes = {}
    order = []
    for row in cityrank(binary, "tree", "--format", "csv"):
        nodes[row["code"]] = {
            "parent": row["parent"] or None,
            "weight": float(row["weight"]),
            "dir": int(row["direction"]) if row["direction"] else 1,
            "children": [],
        }
        order.append(row["code"])
    for code in order:
        p = nodes[code]["parent"]
        if p is not None:
            nodes[p]["children"].append(code)
    return nodes, order


def values(srcdir):
    raw = {}
    with open(srcdir + "/data/values.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["value"] != "":
                raw[(row["entity"], row["indicator"])] = float(row["value"])
    return raw


def score(nodes, code, ent, raw, w):
    n = nodes[code]
    if not n["children"]:
        v = raw.get((ent, code))
        return None if v is None else v * n["dir"]
    s = ws = 0.0
    for c in n["children"]:
        if w[c] <= 0:
            continue
        v = score(nodes, c, ent, raw, w)
        if v is None:
            continue
        s += w[c] * v
        ws += w[c]
    return s / ws if ws > 0 else None


def ranks(scores):
    return {e: 1 + sum(1 for x in scores.values() if x > v)
            for e, v in scores.items()}


def main():
    binary, srcdir, samples, noise = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), float(sys.argv[4]) / 100
    nodes, order = framework(binary)
    raw = values(srcdir)
    ents = sorted({e for e, _ in raw})
    base = {c: nodes[c]["weight"] for c in order}
    # Groups of two or more weights above zero vary (doc/uncertainty.md).
    varied = [c for c in order if nodes[c]["parent"] is not None and
              base[c] > 0 and
              sum(1 for s in nodes[nodes[c]["parent"]]["children"]
                  if base[s] > 0) >= 2]
    rng = random.Random(20261202)
    rk = {e: [] for e in ents}
    sc = {e: [] for e in ents}
    for _ in range(samples):
        w = dict(base)
        for c in varied:
            w[c] = base[c] * (1 + noise * rng.uniform(-1, 1))
        s = {e: score(nodes, "index", e, raw, w) for e in ents}
        r = ranks(s)
        for e in ents:
            rk[e].append(r[e])
            sc[e].append(s[e])

    got = {row["code"]: row for row in cityrank(
        binary, "robust", "--samples", str(samples), "--noise",
        sys.argv[4], "--seed", "5", "--format", "csv")}
    n = 0
    bad = 0
    for e in ents:
        g = got[e]
        q = statistics.quantiles(rk[e], n=20, method="inclusive")
        qs = statistics.quantiles(sc[e], n=20, method="inclusive")
        mean = statistics.fmean(rk[e])
        sd = statistics.pstdev(rk[e])
        ptop = sum(1 for x in rk[e] if x <= 10) / samples
        # Two independent estimates: the difference has sqrt(2) SE.
        se_mean = math.sqrt(2) * sd / math.sqrt(samples)
        se_p = math.sqrt(2 * ptop * (1 - ptop) / samples)
        # A quantile's SE: the slope of the quantile function (from the
        # neighbouring twentieth) times sqrt(p (1 - p) / n).
        se_q = math.sqrt(2 * 0.05 * 0.95 / samples) / 0.05
        se_lo = se_q * (qs[1] - qs[0])
        se_hi = se_q * (qs[18] - qs[17])
        checks = [
            ("median rank", float(g["median_rank"]),
             statistics.median(rk[e]), 1.0),
            ("p05 rank", float(g["p05_rank"]), q[0], 1.0),
            ("p95 rank", float(g["p95_rank"]), q[18], 1.0),
            ("mean rank", float(g["mean_rank"]), mean, 5 * se_mean + 0.02),
            ("P(top 10)", float(g["p_top"]), ptop, 5 * se_p + 0.01),
            ("score p05", float(g["score_p05"]), qs[0], 4.5 * se_lo + 1e-9),
            ("score p95", float(g["score_p95"]), qs[18], 4.5 * se_hi + 1e-9),
        ]
        for what, a, b, tol in checks:
            n += 1
            if abs(a - b) > tol:
                bad += 1
                print(f"not ok {n} - {e} {what}: cityrank {a}, "
                      f"python {b:.4f}, bound {tol:.4f}")
            else:
                print(f"ok {n} - {e} {what}: {a} against {b:.4f}")
    nominal = ranks({e: score(nodes, "index", e, raw, base) for e in ents})
    for e in ents:
        n += 1
        if int(got[e]["nominal_rank"]) != nominal[e]:
            bad += 1
            print(f"not ok {n} - {e} nominal rank {got[e]['nominal_rank']}"
                  f", python {nominal[e]}")
        else:
            print(f"ok {n} - {e} nominal rank")
    print(f"1..{n}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
