#!/usr/bin/env python3
"""Check cityrank's prank, borda and fracmax normalisations on the
bundled data set against a computation of its own (tests/import.sh
checks prank and borda on COINr's ASEM example too).

Python 3 standard library only.  The framework (parents, weights,
directions) comes from 'cityrank tree --format csv', the raw values from
data/values.csv, not through cityrank's loader; the normalisations are
written here from their definitions (doc/import.md, COINr's n_prank,
n_borda and n_fracmax), with weighted arithmetic means that leave
missing children out.  Every node's score of every city is compared with
'cityrank rank --by NODE' to 1e-9.

    norm_check.py CITYRANK SRCDIR METHOD

Prints TAP lines and exits 1 on a mismatch.
"""

import csv
import io
import subprocess
import sys


def cityrank(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True)
    return list(csv.DictReader(io.StringIO(out.stdout.decode())))


def normalise(raw, direction, method):
    """raw: {entity: value}; the leaf's scores {entity: score}."""
    if method == "fracmax":
        # The fraction of the best: x / max, or min / x when lower is
        # better; the raw values, not the negated ones.
        if direction > 0:
            best = max(raw.values())
            return {e: 100 * v / best for e, v in raw.items()}
        best = min(raw.values())
        return {e: 100 * best / v for e, v in raw.items()}
    x = {e: v * direction for e, v in raw.items()}
    below = {e: sum(1 for w in x.values() if w < v) for e, v in x.items()}
    if method == "borda":
        return {e: float(b) for e, b in below.items()}
    k = len(x)
    return {e: 100 * b / (k - 1) if k > 1 else 50.0
            for e, b in below.items()}


def main():
    binary, srcdir, method = sys.argv[1:4]
    nodes, order = {}, []
    for row in cityrank(binary, "tree", "--format", "csv"):
        nodes[row["code"]] = {"parent": row["parent"] or None,
                              "weight": float(row["weight"]),
                              "dir": int(row["direction"] or 1),
                              "kids": []}
        order.append(row["code"])
    for c in order:
        if nodes[c]["parent"] is not None:
            nodes[nodes[c]["parent"]]["kids"].append(c)
    raw = {}
    with open(srcdir + "/data/values.csv", newline="",
              encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["value"] != "":
                raw.setdefault(row["indicator"], {})[row["entity"]] = \
                    float(row["value"])
    ents = sorted({e for col in raw.values() for e in col})
    score = {}
    for c in reversed(order):
        n = nodes[c]
        if not n["kids"]:
            score[c] = normalise(raw.get(c, {}), n["dir"], method)
            continue
        score[c] = {}
        for e in ents:
            pairs = [(nodes[k]["weight"], score[k][e]) for k in n["kids"]
                     if nodes[k]["weight"] > 0 and e in score[k]]
            ws = sum(w for w, _ in pairs)
            if ws > 0:
                score[c][e] = sum(w * v for w, v in pairs) / ws
    bad = 0
    for i, c in enumerate(order, 1):
        got = {r["code"]: r["score"] for r in cityrank(
            binary, "rank", "--by", c, "--normalize", method,
            "--aggregate", "arith", "--format", "csv")}
        wrong = [e for e in ents if (e in score[c]) != (got[e] != "") or
                 (e in score[c] and
                  abs(float(got[e]) - score[c][e]) > 1e-9)]
        if wrong:
            bad += 1
            e = wrong[0]
            print("not ok %d - %s %s: %s gets %s, want %s" % (
                i, method, c, e, got[e], score[c].get(e)))
        else:
            print("ok %d - %s %s: %d cities" % (i, method, c, len(ents)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
