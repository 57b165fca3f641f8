#!/usr/bin/env python3
"""Check cityrank's goalposts, dist2max, dist2targ and dist2ref
normalisations (dist2targ also with the targets the data set stores,
which must be iMeta's), its power mean and Copeland aggregation, a leaf's own
normalisation and a depth's own aggregation, on COINr's ASEM example as
the bundled asem data set holds it (COINr's own recipe, recomputed here
by tests/coinr_pipeline.py from the fixture's CSV files).

The methods are written from COINr's source (R/normalise.R and
R/aggregate.R of COINr 1.1.x), on the values times their Direction as
Normalise() passes them, and scaled to 0-100 as cityrank's are:

  n_goalposts   the posts times the direction, swapped for a negative
                one (get_iMeta_norm_paras), then (x - lo) / (hi - lo)
                clipped to [0, 1], times the scale
  n_dist2max    1 - (max - x) / (max - min)
  n_dist2targ   (x - min) / (targ - min), targ = Target x Direction,
                capped at 1 when asked
  n_dist2ref    1 - (x_ref - x) / (x_ref - min), capped when asked
  a_genmean     (sum(w x^p) / sum(w))^(1/p) over the children with a
                value (COINr refuses a 0 with p < 0; cityrank takes the
                limit, 0, as for the harmonic mean, and so does this)
  a_copeland    outrankMatrix(): weights summed to 1, the share of the
                weight where a unit is higher plus half where equal;
                above 0.5 a win (+1), below a loss (-1); the row sums.
                Done literally, so the data must have no missing value
                among a Copeland node's children (it checks).

Depth d of cityrank's --aggregate-level is COINr's level top - d.
Every node's score of every unit is compared with cityrank rank --by
NODE to 1e-9.  Python 3 standard library only.

    method_check.py --cityrank BIN --db ASEM.DB --data iData --meta iMeta
        [CASE ...]

Prints TAP lines and exits 1 on a mismatch.
"""

import argparse
import csv
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coinr_check as cc  # noqa: E402
import coinr_pipeline as cp  # noqa: E402

TOL = 1e-9


def goalposts(x, d, lo, hi, scale):
    g = (lo * d, hi * d) if d == 1 else (hi * d, lo * d)
    out = []
    for v in x:
        if v is None:
            out.append(None)
            continue
        y = (v - g[0]) / (g[1] - g[0])
        out.append(scale * min(1.0, max(0.0, y)))
    return out


def dist2max(x):
    xs = [v for v in x if v is not None]
    mn, mx = min(xs), max(xs)
    return [None if v is None else 100 * (1 - (mx - v) / (mx - mn))
            for v in x]


def dist2targ(x, targ, cap):
    mn = min(v for v in x if v is not None)
    out = []
    for v in x:
        y = None if v is None else (v - mn) / (targ - mn)
        if y is not None and cap:
            y = min(y, 1.0)
        out.append(None if y is None else 100 * y)
    return out


def dist2ref(x, iref, cap):
    mn = min(v for v in x if v is not None)
    xr = x[iref]
    out = []
    for v in x:
        y = None if v is None else 1 - (xr - v) / (xr - mn)
        if y is not None and cap:
            y = min(y, 1.0)
        out.append(None if y is None else 100 * y)
    return out


def minmax(x):
    return cc.normalise(x, "minmax")


def genmean(pairs, p):
    pairs = [(w, v) for w, v in pairs if v is not None and w > 0]
    if not pairs:
        return None
    if p == 1:
        return cc.aggregate(pairs, "arith")
    if p == 0:
        if any(v == 0 for _, v in pairs):
            return 0.0
        return cc.aggregate(pairs, "geom")
    if any(v < 0 for _, v in pairs):
        raise SystemExit("method_check: power mean of a value < 0")
    if p < 0 and any(v == 0 for _, v in pairs):
        return 0.0
    ws = sum(w for w, _ in pairs)
    return (sum(w * v ** p for w, v in pairs) / ws) ** (1 / p)


def copeland(cols, ws):
    """cols: the children's columns; COINr's a_copeland, literally."""
    n = len(cols[0])
    if any(v is None for col in cols for v in col):
        raise SystemExit("method_check: a missing value under Copeland")
    total = sum(ws)
    w = [x / total for x in ws]
    orm = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = sum(wk for wk, col in zip(w, cols) if col[i] > col[j])
            s += sum(wk for wk, col in zip(w, cols) if col[i] == col[j]) / 2
            orm[i][j] = s
            orm[j][i] = 1 - s
    out = []
    for i in range(n):
        score = 0
        for j in range(n):
            if i == j:
                continue
            # Sums of thirds and sevenths: equal to 0.5 up to rounding.
            if orm[i][j] > 0.5 + 1e-12:
                score += 1
            elif orm[i][j] < 0.5 - 1e-12:
                score -= 1
        out.append(float(score))
    return out


class Data:
    def __init__(self, args):
        meta = cc.read_csv(args.meta)
        self.nodes = cc.framework(meta)
        self.target = {r["iCode"]: cc.number(r["Target"]) for r in meta}
        rows, _ = cc.units_of(cc.read_csv(args.data), None)
        ns = argparse.Namespace(denominate=True,
                                impute="mean_group:EurAsia_group",
                                screen=0.9, treat=5)
        self.val, rows, _ = cp.prepare(self.nodes, meta, rows, ns)
        self.codes = [r["uCode"] for r in rows]
        self.top = max(n["level"] for n in self.nodes.values())
        self.inds = [c for c, n in self.nodes.items()
                     if n["type"] == "Indicator"]

    def x(self, code):
        """The values times the direction, as Normalise() passes them."""
        d = self.nodes[code]["direction"]
        return [None if v is None else v * d for v in self.val[code]]

    def scores(self, leaf_norm, agg_at):
        """leaf_norm(code) -> column; agg_at(depth) -> (method, p)."""
        score = {c: leaf_norm(c) for c in self.inds}
        for level in range(2, self.top + 1):
            for code, n in self.nodes.items():
                if n["type"] != "Aggregate" or n["level"] != level:
                    continue
                kids = [c for c, k in self.nodes.items()
                        if k["parent"] == code]
                method, p = agg_at(self.top - level)
                if method == "copeland":
                    score[code] = copeland([score[c] for c in kids],
                                           [self.nodes[c]["weight"]
                                            for c in kids])
                    continue
                score[code] = [genmean([(self.nodes[c]["weight"],
                                         score[c][u]) for c in kids], p)
                               for u in range(len(self.codes))]
        return score


def num(v):
    """A number as --normalize-leaf takes it and reads back exactly."""
    return repr(float(v))


def case_goalposts(dt):
    """Every leaf its own posts, its quartiles, so that some clip."""
    spec, posts = [], {}
    for k, c in enumerate(dt.inds):
        xs = sorted(v for v in dt.val[c] if v is not None)
        lo, hi = xs[len(xs) // 4], xs[3 * len(xs) // 4]
        if not lo < hi:
            continue
        scale = 10.0 if k % 3 == 0 else 100.0
        posts[c] = (lo, hi, scale)
        spec.append("%s=goalposts:%s:%s%s" % (c, num(lo), num(hi),
                    ":10" if scale == 10 else ""))

    def leaf(c):
        if c not in posts:
            return minmax(dt.x(c))
        lo, hi, scale = posts[c]
        return goalposts(dt.x(c), dt.nodes[c]["direction"], lo, hi,
                         scale)
    return (["--normalize", "minmax", "--normalize-leaf", ",".join(spec)],
            leaf, lambda d: ("arith", 1))


def case_dist2max(dt):
    return (["--normalize", "dist2max", "--aggregate", "power:2",
             "--aggregate-level", "0=geom"],
            lambda c: dist2max(dt.x(c)),
            lambda d: ("geom", 0) if d == 0 else ("power", 2))


def case_dist2targ(dt):
    """COINr's own targets, from iMeta, every other one capped."""
    spec, targ = [], {}
    for k, c in enumerate(dt.inds):
        t = dt.target.get(c)
        xs = [v for v in dt.x(c) if v is not None]
        if t is None or t * dt.nodes[c]["direction"] == min(xs):
            continue
        targ[c] = (t * dt.nodes[c]["direction"], k % 2 == 1)
        spec.append("%s=dist2targ:%s%s" % (c, num(t),
                    ":cap" if k % 2 == 1 else ""))

    def leaf(c):
        if c not in targ:
            return minmax(dt.x(c))
        return dist2targ(dt.x(c), *targ[c])
    return (["--normalize", "minmax", "--normalize-leaf", ",".join(spec)],
            leaf, lambda d: ("arith", 1))


def case_stored(dt, cap):
    """Plain dist2targ: every leaf's target as the data set stores it,
    which must be COINr's iMeta Target (no number on the command line);
    capped throughout when asked.  Every ASEM indicator has a target
    and none is at the worst value, so none may be left out."""
    targ = {}
    for c in dt.inds:
        t = dt.target.get(c)
        if t is None:
            raise SystemExit("method_check: %s has no Target" % c)
        t *= dt.nodes[c]["direction"]
        if t == min(v for v in dt.x(c) if v is not None):
            raise SystemExit("method_check: %s's Target is its worst "
                             "value" % c)
        targ[c] = t
    return (["--normalize", "dist2targ:cap" if cap else "dist2targ"],
            lambda c: dist2targ(dt.x(c), targ[c], cap),
            lambda d: ("arith", 1))


def reference(dt):
    """A unit that is the worst on no indicator, with every value."""
    for u, code in enumerate(dt.codes):
        ok = True
        for c in dt.inds:
            x = dt.x(c)
            if x[u] is None or x[u] == min(v for v in x if v is not None):
                ok = False
                break
        if ok:
            return u
    raise SystemExit("method_check: no unit can be the reference")


def case_dist2ref(dt, cap):
    u = reference(dt)
    return (["--normalize", "dist2ref:%s%s" % (dt.codes[u],
                                               ":cap" if cap else ""),
             "--aggregate-level", "2=power:0.5"],
            lambda c: dist2ref(dt.x(c), u, cap),
            lambda d: ("power", 0.5) if d == 2 else ("arith", 1))


def case_power(dt):
    return (["--normalize", "minmax", "--aggregate", "power:0.5",
             "--aggregate-level", "1=power:-1.5"],
            lambda c: minmax(dt.x(c)),
            lambda d: ("power", -1.5) if d == 1 else ("power", 0.5))


def case_copeland(dt):
    return (["--normalize", "minmax", "--aggregate", "arith",
             "--aggregate-level", "2=copeland"],
            lambda c: minmax(dt.x(c)),
            lambda d: ("copeland", 0) if d == 2 else ("arith", 1))


def case_copeland_all(dt):
    return (["--normalize", "zscore", "--aggregate", "copeland"],
            lambda c: cc.normalise(dt.x(c), "zscore"),
            lambda d: ("copeland", 0))


def case_notices(dt):
    """The checker can fail: cityrank's p is not the one computed."""
    opts, leaf, _ = case_power(dt)
    return (opts, leaf,
            lambda d: ("power", -1.5) if d == 1 else ("power", 0.6))


CASES = {
    "goalposts": case_goalposts,
    "dist2max": case_dist2max,
    "dist2targ": case_dist2targ,
    "dist2targ-stored": lambda dt: case_stored(dt, False),
    "dist2targ-stored-cap": lambda dt: case_stored(dt, True),
    "dist2ref": lambda dt: case_dist2ref(dt, False),
    "dist2ref-cap": lambda dt: case_dist2ref(dt, True),
    "power": case_power,
    "copeland": case_copeland,
    "copeland-all": case_copeland_all,
    "notices": case_notices,
}


def cityrank(args, opts, node):
    cmd = [args.cityrank, "--db", args.db] + opts + [
        "rank", "--by", node, "--format", "csv"]
    p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if p.returncode != 0:
        raise SystemExit("method_check: %s failed: %s" %
                         (" ".join(cmd[:6]), p.stderr.strip()))
    return {r["code"]: cc.number(r["score"])
            for r in csv.DictReader(p.stdout.splitlines())}


def check(args, dt, name):
    opts, leaf, agg_at = CASES[name](dt)
    want = dt.scores(leaf, agg_at)
    for node in dt.nodes:
        got = cityrank(args, opts, node)
        for u, code in enumerate(dt.codes):
            w, g = want[node][u], got.get(code)
            if (w is None) != (g is None) or (
                    w is not None and
                    abs(w - g) > TOL * max(1.0, abs(w))):
                return "%s of %s is %s, want %s" % (node, code, g, w)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cityrank", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("cases", nargs="*",
                    default=[c for c in CASES if c != "notices"])
    args = ap.parse_args()
    dt = Data(args)
    bad = 0
    for i, name in enumerate(args.cases, 1):
        why = check(args, dt, name)
        if why is None:
            print("ok %d - %s: %d nodes x %d units as computed afresh" %
                  (i, name, len(dt.nodes), len(dt.codes)))
        else:
            bad += 1
            print("not ok %d - %s: %s" % (i, name, why))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
