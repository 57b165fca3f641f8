#!/usr/bin/env python3
"""Build the bundled cityrank data set from data/seed/*.csv.

Deloitte China, 超级智能城市2.0 (2019) publishes, for 26 cities, the overall
rank, the rank of per-capita GDP, the domain-penetration score and rank, and
the six domain averages.  Everything else (the leaf scores of the four
dimensions) was printed only as charts that are lost; this script
reconstructs leaf values that reproduce every published number and the
report's qualitative statements, writes the CSV files described in
data/FORMAT.md, reads them back and checks them.  See data/README.md.

Deterministic, standard library only.  Exit status 1 when a check fails.

Line numbers ("line 652") refer to the report text
shared/seed/000_0c512b273ef5e1dc.txt.
"""

import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "seed")
ME = "data/reconstruct.py"

# ---------------------------------------------------------------------------
# Framework

DOMAINS = ["environment", "economy", "security", "life", "transport",
           "education"]
# Published domain averages across the 26 cities (line 652).
DOMAIN_AVG = {"environment": 61, "economy": 54, "security": 22, "life": 61,
              "transport": 54, "education": 70}

# code, parent, name_zh, name_en, description
FRAMEWORK = [
    ("index", "", "超级智能城市指数", "Super smart city index",
     "Four dimensions: strategy, technology, domain penetration, "
     "innovation (lines 424, 435)"),
    ("strategy", "index", "战略", "Strategy",
     "Government strategy: the will to build a smart city (lines 424, 549)"),
    ("planning", "strategy", "规划完整性", "Planning completeness",
     "Completeness and foresight of smart-city plans (lines 538, 549)"),
    ("execution", "strategy", "政策执行", "Policy execution",
     "Execution of the plans; needs strengthening (lines 539, 549)"),
    ("funding", "strategy", "资金支持", "Funding",
     "Budget and investment behind the strategy (lines 536-539, 549)"),
    ("egov", "strategy", "电子政务", "E-government",
     "Online government services; balanced across cities (lines 538, 549)"),
    ("technology", "index", "技术", "Technology",
     "Technical base; a general strength of all cities (lines 525-527, "
     "560, 580)"),
    ("iot", "technology", "物联网", "IoT",
     "Internet of things industry and use (line 600)"),
    ("cloud", "technology", "云计算+大数据", "Cloud and big data",
     "Cloud computing and big data (lines 602-603)"),
    ("ai", "technology", "人工智能", "AI",
     "Artificial intelligence, new in this edition (lines 431, 604-605)"),
    ("broadband", "technology", "宽带/5G", "Broadband and 5G",
     "Broadband coverage and 5G trials (lines 609-611)"),
    ("penetration", "index", "领域渗透", "Domain penetration",
     "Smart applications in six domains; published scores (line 652)"),
    ("environment", "penetration", "环境", "Environment",
     "Smart environment; published average 61 (lines 652, 684-686)"),
    ("economy", "penetration", "经济", "Economy",
     "Smart economy; published average 54 (lines 652, 660)"),
    ("security", "penetration", "安防", "Security",
     "Smart security; published average 22 (lines 652, 662-666)"),
    ("life", "penetration", "生活", "Life",
     "Smart living; published average 61 (lines 652, 668-671)"),
    ("transport", "penetration", "交通", "Transport",
     "Smart transport; published average 54 (lines 652, 674-677)"),
    ("education", "penetration", "教育", "Education",
     "Smart education; published average 70 (lines 652, 681)"),
    ("innovation", "index", "创新", "Innovation",
     "Sustainable innovation capacity (lines 424, 690-711)"),
    ("infrastructure", "innovation", "创新基础设施",
     "Innovation infrastructure",
     "Innovation infrastructure (lines 544-545, 697, 703)"),
    ("talent", "innovation", "创新人才", "Innovation talent",
     "Innovation talent (lines 544-545, 698, 703, 708-709)"),
    ("investment", "innovation", "创新投入", "Innovation investment",
     "Innovation investment (lines 698, 708)"),
    ("output", "innovation", "创新产出", "Innovation output",
     "Innovation output (lines 698, 704, 708)"),
    ("sustainability", "innovation", "创新可持续性",
     "Innovation sustainability",
     "Sustainability of innovation (lines 544-545, 703, 708)"),
]
DIMENSIONS = ["strategy", "technology", "penetration", "innovation"]
LEAVES = {d: [c for c, p, *_ in FRAMEWORK if p == d] for d in DIMENSIONS}
ALL_LEAVES = [c for d in DIMENSIONS for c in LEAVES[d]]

# ---------------------------------------------------------------------------
# Seed


def read_seed(name):
    with open(os.path.join(SEED, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_seed():
    rows = read_seed("report_cities.csv")
    rows.sort(key=lambda r: int(r["smart_rank"]))
    cities = []
    for r in rows:
        cities.append({
            "code": r["city_en"].lower().replace(" ", ""),
            "zh": r["city_zh"], "en": r["city_en"],
            "province": r["province_zh"], "region": r["region"],
            "cbn": r["cbn_class_2018"],
            "rank": int(r["smart_rank"]),
            "gdp_rank": int(r["gdp_pc_rank"]),
            "dp": float(r["domain_penetration_score"])
            if r["domain_penetration_score"] else None,
            "dp_rank": int(r["domain_penetration_rank"]),
        })
    gdp = read_seed("gdp_per_capita_2018.csv")
    return cities, gdp


# ---------------------------------------------------------------------------
# Per-capita GDP 2018


def gdp_estimates(cities, gdp_rows):
    """Anchors by GDP rank, log-linear interpolation, LS-slope extrapolation."""
    traced = {r["city_zh"]: r for r in gdp_rows}
    by_zh = {c["zh"]: c for c in cities}
    anchors = []
    for zh, r in traced.items():
        anchors.append((float(by_zh[zh]["gdp_rank"]),
                        float(r["gdp_per_capita_2018_yuan"])))
    # Public note: the report's GDP ranks 1-11 passed US$20,000 (about
    # 132,000 yuan) in 2018, so the boundary lies between ranks 11 and 12.
    anchors.append((11.5, 132000.0))
    anchors.sort()
    xs = [a[0] for a in anchors]
    ys = [math.log(a[1]) for a in anchors]
    mx = sum(xs) / len(xs)
    my = sum(ys) / len(ys)
    slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
             / sum((x - mx) ** 2 for x in xs))

    def est(rank):
        if rank <= xs[0]:
            return math.exp(ys[0] + slope * (rank - xs[0]))
        if rank >= xs[-1]:
            return math.exp(ys[-1] + slope * (rank - xs[-1]))
        for i in range(len(xs) - 1):
            if xs[i] <= rank <= xs[i + 1]:
                t = (rank - xs[i]) / (xs[i + 1] - xs[i])
                return math.exp(ys[i] + t * (ys[i + 1] - ys[i]))
        raise AssertionError(rank)

    out = {}
    for c in cities:
        if c["zh"] in traced:
            r = traced[c["zh"]]
            v = int(r["gdp_per_capita_2018_yuan"])
            if r["exact"] == "yes":
                src = (r["source"] + "; " + r["note"] + "; exact")
            else:
                src = ("rounded (" + r["note"].split(": ")[-1]
                       .replace(" (rounded)", "") + ") as quoted by "
                       + r["source"] + " from the 2018 statistical bulletin")
            out[c["code"]] = (v, "official", src)
        else:
            v = int(round(est(c["gdp_rank"]) / 100.0)) * 100
            src = ("estimated from the report's GDP rank %d: log-linear "
                   "between anchors (rank,yuan) 7:140000 10:135000 "
                   "11.5:132000 13:120000 14:118015, extrapolated with the "
                   "least-squares slope %.5f of ln(yuan) per rank; rounded "
                   "to 100 yuan; compresses the real spread; per resident"
                   % (c["gdp_rank"], slope))
            out[c["code"]] = (v, "estimated", src)
    return out, slope


# ---------------------------------------------------------------------------
# Reconstruction of the leaf values


def r1(x):
    """Round to one decimal, never -0.0."""
    return round(x, 1) + 0.0


def target_overall(rank):
    """Target overall score for a published overall rank.

    Tier-1 cities (ranks 1-4) 85, 82, 79, 75, i.e. 5.5 points ahead of
    rank 5 (the report: tier-1 cities lead "遥遥领先", lines 453-455, 517);
    then a straight line from 69.5 with 1.2 points between consecutive
    ranks (44.3 at rank 26).
    """
    if rank <= 4:
        return (85.0, 82.0, 79.0, 75.0)[rank - 1]
    return 69.5 - 1.2 * (rank - 5)


# Qualitative deviations of the six domains (before double centring).
def domain_deviation(c):
    zh, cbn, region = c["zh"], c["cbn"], c["region"]
    tier1 = cbn == "tier1"
    ne = region == "northeast"
    dev = dict.fromkeys(DOMAINS, 0.0)
    # Security (lines 664-666): 深圳, 上海, 北京 dense surveillance; 杭州,
    # 厦门 building public-safety platforms; the others lag.
    sec = {"深圳": 12, "上海": 12, "北京": 11, "杭州": 10, "厦门": 12}
    if zh in sec:
        dev["security"] = sec[zh]
    elif c["dp"] is not None and c["dp"] >= 55:
        dev["security"] = -4.0
    else:
        dev["security"] = -1.0
    # Economy (lines 534, 660): tier-1 lead; second-tier cities lag in
    # industrial intelligence; 哈尔滨 lags in smart economy.
    if tier1:
        dev["economy"] = 4.0
    elif zh == "哈尔滨":
        dev["economy"] = -12.0
    elif cbn in ("new_tier1", "tier2"):
        dev["economy"] = -1.5
    # Environment (lines 685-686): 郑州, 贵阳, 青岛; tier-1 use technology,
    # e.g. 北京's hotspot-grid air enforcement.
    if zh in ("郑州", "贵阳", "青岛"):
        dev["environment"] = 6.0
    elif zh == "北京":
        dev["environment"] = 4.0
    elif tier1:
        dev["environment"] = 2.0
    # Life (line 671): 上海, 广州 ahead; some north-eastern cities behind.
    if zh in ("上海", "广州"):
        dev["life"] = 6.0
    # Transport (line 676): 北京, 杭州, 宁波 plan road networks with
    # technology.
    if zh in ("北京", "杭州", "宁波"):
        dev["transport"] = 6.0
    # Line 534: tier-3 and some north-eastern cities must catch up in
    # environment, life and transport.
    if cbn == "tier3":
        dev["environment"] -= 5.0
        dev["life"] -= 4.0
        dev["transport"] -= 5.0
    if ne:
        dev["environment"] -= 4.0
        dev["life"] -= 5.0
        dev["transport"] -= 4.0
    return dev


def dp_target(c, cities):
    """Published domain-penetration score, or 44.5 for 长春; cities tied in
    the published score are separated by 0.15 in published-rank order so
    that the recomputed scores reproduce the published ranks."""
    dp = c["dp"] if c["dp"] is not None else 44.5
    k = sum(1 for o in cities if o["dp"] is not None and o["dp"] == c["dp"]
            and o["dp_rank"] < c["dp_rank"])
    return dp - 0.15 * k


def technology(c):
    """Technology leaves: 66 + 0.25 * (26 - rank) + 4 for tier-1 cities +
    bonuses for the cities the report names per technology."""
    zh = c["zh"]
    base = 66.0 + 0.25 * (26 - c["rank"]) + (4.0 if c["cbn"] == "tier1"
                                              else 0.0)
    iot = 3.0 if zh in ("北京", "上海", "无锡", "杭州", "深圳", "广州",
                        "武汉") else 0.0                      # line 600
    cloud = (4.0 if zh in ("北京", "深圳", "上海", "杭州") else
             3.0 if zh in ("贵阳", "福州") else 0.0)          # line 602
    cloud += 1.0 if zh in ("上海", "贵阳", "武汉") else 0.0   # line 603
    ai = (4.0 if zh in ("北京", "上海", "深圳") else
          2.0 if zh in ("青岛", "重庆") else 0.0)             # line 605
    bb = (5.0 if zh == "上海" else
          3.0 if zh in ("杭州", "武汉", "贵阳") else 0.0)     # line 609
    return {"iot": base + iot, "cloud": base + cloud, "ai": base + ai,
            "broadband": base + bb}


TIER1_INNOVATION = {"深圳": 90.0, "北京": 89.0, "上海": 76.0, "广州": 73.0}


def innovation(c):
    """Innovation level by city class and region, adjusted by the report's
    statements (lines 690-711), then a leaf pattern."""
    zh, cbn, region = c["zh"], c["cbn"], c["region"]
    if zh in TIER1_INNOVATION:
        lvl = TIER1_INNOVATION[zh]
    else:
        if cbn == "tier3":
            lvl = 34.0
        elif region == "northeast":
            lvl = 42.0
        elif cbn == "new_tier1":
            lvl = 60.0 if region == "east" else 54.0
        else:
            lvl = 50.0 if region == "east" else 45.0
        if zh == "苏州":                    # line 703: hi-tech parks
            lvl += 8.0
        if cbn == "new_tier1" and c["province"] in ("江苏", "浙江"):
            lvl += 3.0                      # line 690: Yangtze delta pole
        if zh == "大连":                    # line 709: ports do better
            lvl += 2.0
        lvl += 0.25 * (13.5 - c["rank"])     # breaks ties by overall rank
    # Leaf pattern (sums to zero).
    pat = dict.fromkeys(LEAVES["innovation"], 0.0)
    if zh == "深圳":      # line 697: weaker base, strong talent & ecosystem
        pat.update(infrastructure=-6, talent=2, investment=1, output=2,
                   sustainability=1)
    elif zh == "北京":    # line 698: base, talent, money; slower output
        pat.update(infrastructure=2, talent=2, investment=2, output=-6,
                   sustainability=0)
    elif zh in ("上海", "广州"):   # line 703: need talent
        pat.update(infrastructure=2, talent=-5, investment=1, output=0,
                   sustainability=2)
    elif zh == "哈尔滨":  # line 709: old research centre, some talent
        pat.update(infrastructure=-1.5, talent=6, investment=-1.5,
                   output=-1.5, sustainability=-1.5)
    elif region in ("northeast", "central", "west"):
        # line 545: weak infrastructure and environment -> weak talent and
        # sustainability; line 704: policy support for central/west.
        pat.update(infrastructure=-2, talent=-2, investment=3, output=3,
                   sustainability=-2)
    elif cbn == "tier3":  # line 708: no universities -> little talent
        pat.update(infrastructure=1, talent=-3, investment=1, output=1,
                   sustainability=0)
    else:                 # line 704: market too small for output
        pat.update(infrastructure=1, talent=1, investment=1, output=-2,
                   sustainability=-1)
    return {k: lvl + pat[k] for k in LEAVES["innovation"]}


# Strategy leaf offsets by strategy tier (8/9/9 cities, lines 549, 564-572):
# first tier plans, executes and funds; second tier plans but executes
# less; third tier lacks long-term plans.
STRATEGY_OFFSETS = {1: (2.0, -1.0, -1.0), 2: (7.0, -4.0, -3.0),
                    3: (1.0, -0.5, -0.5)}


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs)


def pstdev(xs):
    xs = list(xs)
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def reconstruct(cities):
    n = len(cities)
    codes = [c["code"] for c in cities]
    vals = {code: {} for code in codes}
    how = {}

    # 1. Domains: d = DP + off + double-centred deviation.
    mavg = mean(DOMAIN_AVG[k] for k in DOMAINS)
    off = {k: DOMAIN_AVG[k] - mavg for k in DOMAINS}
    raw = [domain_deviation(c) for c in cities]
    rowm = [mean(r[k] for k in DOMAINS) for r in raw]
    colm = {k: mean(r[k] for r in raw) for k in DOMAINS}
    grand = mean(rowm)
    for i, c in enumerate(cities):
        dpt = dp_target(c, cities)
        for k in DOMAINS:
            dev = raw[i][k] - rowm[i] - colm[k] + grand
            vals[c["code"]][k] = r1(dpt + off[k] + dev)
    for k in DOMAINS:
        how[k] = ("published domain-penetration score + (domain average - "
                  "mean of the six averages) + double-centred deviation "
                  "from the report's statements")

    # 2./3./4. Technology and innovation.
    for c in cities:
        for k, v in technology(c).items():
            vals[c["code"]][k] = r1(v)
        for k, v in innovation(c).items():
            vals[c["code"]][k] = r1(v)
    for k in LEAVES["technology"]:
        how[k] = ("66 + 0.25*(26 - overall rank) + 4 for tier-1 + bonus for "
                  "cities the report names")
    for k in LEAVES["innovation"]:
        how[k] = ("level by city class/region and the report's statements "
                  "+ leaf pattern")

    # 5. Strategy: the residual that makes the overall index hit the target.
    dim = {}
    for c in cities:
        v = vals[c["code"]]
        dim[c["code"]] = {d: mean(v[k] for k in LEAVES[d])
                          for d in ("technology", "penetration",
                                    "innovation")}
    S = {}
    for c in cities:
        d = dim[c["code"]]
        S[c["code"]] = (4.0 * target_overall(c["rank"]) - d["technology"]
                        - d["penetration"] - d["innovation"])
    order = sorted(codes, key=lambda x: (-S[x], codes.index(x)))
    stier = {}
    for i, x in enumerate(order):
        stier[x] = 1 if i < 8 else 2 if i < 17 else 3
    sbar = mean(S.values())
    for x in codes:
        s = S[x]
        e = sbar + 8.0 + 0.4 * (s - sbar)        # e-government: compressed
        p, ex, fu = STRATEGY_OFFSETS[stier[x]]
        sh = (s - e) / 3.0                       # keeps the mean at s
        vals[x]["planning"] = r1(s + p + sh)
        vals[x]["execution"] = r1(s + ex + sh)
        vals[x]["funding"] = r1(s + fu + sh)
        vals[x]["egov"] = r1(e)
    how["planning"] = how["execution"] = how["funding"] = how["egov"] = (
        "strategy = 4*target overall - technology - penetration - "
        "innovation, spread over the four leaves by strategy tier")
    return vals, how


# ---------------------------------------------------------------------------
# Output


def fmt_num(x):
    """Integers without a decimal point, other floats by repr."""
    x = float(x) + 0.0
    if x.is_integer():
        return str(int(x))
    return repr(x)


def csv_field(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_text(header, rows):
    lines = [",".join(csv_field(h) for h in header)]
    for r in rows:
        assert len(r) == len(header), (header, r)
        lines.append(",".join(csv_field(f) for f in r))
    return "\n".join(lines) + "\n"


def build(cities, gdp_rows):
    files = {}
    files["dataset.csv"] = csv_text(["key", "value"], [
        ["name", "cityrank-ssc2"],
        ["title_zh", "超级智能城市2.0"],
        ["title_en", "Super Smart City 2.0"],
        ["source", "Deloitte China, 超级智能城市2.0 — 人工智能引领新风向 "
                   "(2019)"],
        ["year", "2018"],
        ["licence", "GPL-3.0-or-later, as cityrank (most leaf values "
                    "reconstructed: see data/README.md)"],
    ])
    fw = []
    for code, parent, zh, en, desc in FRAMEWORK:
        fw.append([code, parent, zh, en, "1", "1", "score 0-100", desc])
    files["framework.csv"] = csv_text(
        ["code", "parent", "name_zh", "name_en", "weight", "direction",
         "unit", "description"], fw)
    files["entities.csv"] = csv_text(
        ["code", "name_zh", "name_en"],
        [[c["code"], c["zh"], c["en"]] for c in cities])

    vals, how = reconstruct(cities)
    rows = []
    for c in cities:
        for k in ALL_LEAVES:
            rows.append([c["code"], k, repr(vals[c["code"]][k]),
                         "reconstructed", ME + ": " + how[k]])
    files["values.csv"] = csv_text(
        ["entity", "indicator", "value", "provenance", "source"], rows)

    files["context_vars.csv"] = csv_text(
        ["code", "name_zh", "name_en", "unit", "kind"], [
            ["province", "省份", "Province", "", "text"],
            ["region", "地区", "Region", "", "text"],
            ["cbn_class", "CBN城市等级", "CBN city tier (2018)", "", "text"],
            ["gdp_pc_2018", "人均GDP(2018)", "GDP per capita 2018", "yuan",
             "num"],
            ["gdp_pc_rank", "人均GDP排名", "GDP per capita rank", "rank",
             "num"],
        ])
    gdp, _ = gdp_estimates(cities, gdp_rows)
    ctx = []
    for c in cities:
        ctx.append([c["code"], "province", c["province"], "official",
                    "administrative geography"])
        ctx.append([c["code"], "region", c["region"], "official",
                    "administrative geography"])
        ctx.append([c["code"], "cbn_class", c["cbn"], "report",
                    "CBN 2018 city tiers, used by the report (line 445)"])
        v, prov, src = gdp[c["code"]]
        ctx.append([c["code"], "gdp_pc_2018", str(v), prov, src])
        ctx.append([c["code"], "gdp_pc_rank", str(c["gdp_rank"]), "report",
                    "report table, lines 479-505"])
    files["context.csv"] = csv_text(
        ["entity", "variable", "value", "provenance", "source"], ctx)

    pub = []
    for c in cities:
        src = "report table, lines 479-505"
        if c["zh"] == "厦门":
            src += " (row 21, line 500, lost its name; 厦门 is the only " \
                   "city missing)"
        pub.append([c["code"], "index", "rank", str(c["rank"]), "report",
                    src])
    for c in cities:
        if c["dp"] is not None:
            pub.append([c["code"], "penetration", "score", fmt_num(c["dp"]),
                        "report", "domain penetration chart, line 652"])
        else:
            pub.append([c["code"], "penetration", "score", "44.5",
                        "reconstructed",
                        "score lost in extraction (line 652); midpoint of "
                        "(43, 46) allowed by its rank 20, between 宁波 46 "
                        "and 石家庄 43"])
        pub.append([c["code"], "penetration", "rank", str(c["dp_rank"]),
                    "report", "domain penetration chart, line 652"])
    for k in DOMAINS:
        pub.append(["", k, "mean", str(DOMAIN_AVG[k]), "report",
                    "domain averages across the 26 cities, line 652"])
    files["published.csv"] = csv_text(
        ["entity", "node", "kind", "value", "provenance", "source"], pub)

    presets = [
        ["default", "默认", "Default", "none", "arith",
         "Equal weights at every level, as the report publishes no weights; "
         "the baseline"],
        ["equal", "等权指标", "Equal indicators", "none", "arith",
         "Every leaf indicator weighs the same in the index: dimension "
         "weights proportional to their leaf counts 4, 4, 6, 5"],
    ]
    pw = [["equal", d, str(len(LEAVES[d]))] for d in DIMENSIONS]
    zhn = {"strategy": "战略", "technology": "技术", "penetration": "领域渗透",
           "innovation": "创新"}
    enn = {"strategy": "Strategy", "technology": "Technology",
           "penetration": "Domain penetration", "innovation": "Innovation"}
    for d in DIMENSIONS:
        code = d + "_heavy"
        presets.append([code, "侧重" + zhn[d], enn[d] + " heavy", "none",
                        "arith", enn[d] + " weighs 0.4, the three other "
                        "dimensions 0.2 each"])
        for d2 in DIMENSIONS:
            pw.append([code, d2, "0.4" if d2 == d else "0.2"])
    files["presets.csv"] = csv_text(
        ["code", "name_zh", "name_en", "normalize", "aggregate",
         "description"], presets)
    files["preset_weights.csv"] = csv_text(["preset", "node", "weight"], pw)
    return files


# ---------------------------------------------------------------------------
# Checks, on the files as written


def read_out(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_checks(cities, gdp_rows, files):
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print("%-4s %s%s" % ("PASS" if ok else "FAIL", name,
                             (": " + detail) if detail else ""))

    # Format.
    fmt_ok = True
    for name in sorted(files):
        with open(os.path.join(HERE, name), "rb") as f:
            b = f.read()
        if (b.startswith(b"\xef\xbb\xbf") or b"\r" in b
                or not b.endswith(b"\n") or b.decode("utf-8") != files[name]):
            fmt_ok = False
    check("files are UTF-8, no BOM, LF, as generated", fmt_ok)
    check("deterministic (a second build gives identical bytes)",
          build(cities, gdp_rows) == files)
    for name in ("report_cities.csv", "gdp_per_capita_2018.csv"):
        shared = os.path.join(HERE, "..", "..", "shared", "seed", name)
        if os.path.exists(shared):
            with open(shared, "rb") as a, \
                    open(os.path.join(SEED, name), "rb") as b:
                check("seed/%s identical to shared seed" % name,
                      a.read() == b.read())

    fw = read_out("framework.csv")
    ents = [r["code"] for r in read_out("entities.csv")]
    check("26 entities in published overall order",
          ents == [c["code"] for c in cities] and len(ents) == 26)
    parent = {r["code"]: r["parent"] for r in fw}
    weight = {r["code"]: float(r["weight"]) for r in fw}
    kids = {}
    for r in fw:
        if r["parent"]:
            kids.setdefault(r["parent"], []).append(r["code"])
    leaves = [r["code"] for r in fw if r["code"] not in kids]
    check("framework: 4 dimensions, 19 leaves, directions 1, weights 1",
          len(kids["index"]) == 4 and len(leaves) == 19
          and all(r["direction"] == "1" and r["weight"] == "1" for r in fw))

    v = {}
    decimal_ok = True
    for r in read_out("values.csv"):
        v.setdefault(r["entity"], {})[r["indicator"]] = float(r["value"])
        if r["value"] != repr(round(float(r["value"]), 1)):
            decimal_ok = False
    allv = [v[e][k] for e in ents for k in leaves if k in v.get(e, {})]
    check("every leaf present, one decimal, in [0, 100]",
          len(allv) == 26 * 19 and decimal_ok
          and all(0 <= x <= 100 for x in allv),
          "min %.1f max %.1f" % (min(allv), max(allv)))

    def score(e, node):
        if node not in kids:
            return v[e][node]
        ws = [weight[k] for k in kids[node]]
        return (sum(w * score(e, k) for w, k in zip(ws, kids[node]))
                / sum(ws))

    sc = {e: {n: score(e, n) for n in ["index"] + DIMENSIONS} for e in ents}
    city = {c["code"]: c for c in cities}
    zh2code = {c["zh"]: c["code"] for c in cities}

    def ranked(node):
        return sorted(ents, key=lambda e: -sc[e][node]
                      if node in sc[e] else -v[e][node])

    pub = read_out("published.csv")
    pubdp = {r["entity"]: float(r["value"]) for r in pub
             if r["node"] == "penetration" and r["kind"] == "score"}
    pubdprank = {r["entity"]: int(r["value"]) for r in pub
                 if r["node"] == "penetration" and r["kind"] == "rank"}
    pubrank = {r["entity"]: int(r["value"]) for r in pub
               if r["node"] == "index" and r["kind"] == "rank"}
    pubmean = {r["node"]: float(r["value"]) for r in pub
               if r["kind"] == "mean"}
    seedok = all(pubrank[e] == city[e]["rank"]
                 and pubdprank[e] == city[e]["dp_rank"]
                 and (city[e]["dp"] is None or pubdp[e] == city[e]["dp"])
                 for e in ents)
    check("published.csv agrees with the seed", seedok and len(pub) == 84)

    # Domain penetration.
    worst = max(abs(sc[e]["penetration"] - pubdp[e]) for e in ents)
    cc = sc[zh2code["长春"]]["penetration"]
    check("mean of six domains within 0.5 of published score (26 cities)",
          worst <= 0.5, "max |diff| %.3f" % worst)
    check("长春 domain score strictly between 43 and 46", 43 < cc < 46,
          "%.3f" % cc)
    dm = {k: mean(v[e][k] for e in ents) for k in DOMAINS}
    check("domain 26-city means within 0.5 of published averages",
          all(abs(dm[k] - pubmean[k]) <= 0.5 for k in DOMAINS),
          " ".join("%s %.2f" % (k, dm[k]) for k in DOMAINS))
    dpr = ranked("penetration")
    check("domain-penetration ranks reproduce the published ranks 26/26",
          all(dpr.index(e) + 1 == pubdprank[e] for e in ents))

    # Overall.
    order = ranked("index")
    gaps = [sc[order[i]]["index"] - sc[order[i + 1]]["index"]
            for i in range(25)]
    print("     rank city          overall  strategy technology penetration "
          "innovation")
    for i, e in enumerate(order):
        print("     %4d %-12s %8.2f %9.2f %10.2f %11.2f %10.2f" % (
            i + 1, e, sc[e]["index"], sc[e]["strategy"],
            sc[e]["technology"], sc[e]["penetration"], sc[e]["innovation"]))
    check("overall index reproduces the published order 26/26",
          all(pubrank[e] == i + 1 for i, e in enumerate(order)))
    check("every consecutive overall gap >= 0.5", min(gaps) >= 0.5,
          "min gap %.3f (ranks %d-%d)" % (min(gaps), gaps.index(min(gaps))
                                           + 1, gaps.index(min(gaps)) + 2))

    # GDP.
    ctx = {}
    for r in read_out("context.csv"):
        ctx.setdefault(r["entity"], {})[r["variable"]] = r
    g = {e: float(ctx[e]["gdp_pc_2018"]["value"]) for e in ents}
    gorder = sorted(ents, key=lambda e: -g[e])
    check("per-capita GDP sorts into the published GDP rank 26/26",
          all(int(ctx[e]["gdp_pc_rank"]["value"]) == i + 1
              for i, e in enumerate(gorder))
          and all(g[gorder[i]] > g[gorder[i + 1]] for i in range(25)))
    check("GDP ranks 1-11 above 132000 yuan, 12-26 below",
          all((g[e] > 132000) == (int(ctx[e]["gdp_pc_rank"]["value"]) <= 11)
              and g[e] != 132000 for e in ents))
    traced = {r["city_zh"]: r for r in gdp_rows}
    check("traced per-capita GDP kept as official, others estimated",
          all((ctx[zh2code[zh]]["gdp_pc_2018"]["value"]
               == r["gdp_per_capita_2018_yuan"]
               and ctx[zh2code[zh]]["gdp_pc_2018"]["provenance"]
               == "official") for zh, r in traced.items())
          and sum(ctx[e]["gdp_pc_2018"]["provenance"] == "estimated"
                  for e in ents) == 22)
    print("     GDP per capita by rank: " + ", ".join(
        "%d %s %d" % (i + 1, e, g[e]) for i, e in enumerate(gorder)))

    # Domains.
    check("security is every city's lowest domain",
          all(min(DOMAINS, key=lambda k: v[e][k]) == "security"
              and sorted(v[e][k] for k in DOMAINS)[0]
              < sorted(v[e][k] for k in DOMAINS)[1] for e in ents))
    sec = ranked("security")
    check("security: 深圳/上海/北京 top 3, 杭州/厦门 4-5",
          set(sec[:3]) == {"shenzhen", "shanghai", "beijing"}
          and set(sec[3:5]) == {"hangzhou", "xiamen"},
          " > ".join("%s %.1f" % (e, v[e]["security"]) for e in sec[:6]))
    eco = ranked("economy")
    check("哈尔滨 has the lowest economy score", eco[-1] == "harbin"
          and v[eco[-1]]["economy"] < v[eco[-2]]["economy"],
          "%.1f, next %s %.1f" % (v["harbin"]["economy"], eco[-2],
                                  v[eco[-2]]["economy"]))
    mavg = mean(pubmean[k] for k in DOMAINS)
    devmax = max(abs(v[e][k] - pubdp[e] - (pubmean[k] - mavg))
                 for e in ents for k in DOMAINS)
    check("domain deviations from score + domain offset within 12",
          devmax <= 12, "max |dev| %.2f" % devmax)

    # Dimensions.
    sd = {d: pstdev(sc[e][d] for e in ents) for d in DIMENSIONS}
    check("technology has the smallest std dev of the four dimensions",
          min(sd, key=sd.get) == "technology",
          " ".join("%s %.2f" % (d, sd[d]) for d in DIMENSIONS))
    t1 = {c["code"] for c in cities if c["cbn"] == "tier1"}
    for d in ("strategy", "technology", "innovation"):
        check("tier-1 cities are the top 4 in " + d,
              set(ranked(d)[:4]) == t1)
    check("tier-1 cities are in the top 5 in domain penetration, 杭州 4th",
          t1 <= set(dpr[:5]) and dpr[3] == "hangzhou")
    inn = ranked("innovation")
    gap3 = sc[inn[1]]["innovation"] - sc[inn[2]]["innovation"]
    check("深圳/北京 top 2 in innovation, >= 10 ahead of 3rd",
          set(inn[:2]) == {"shenzhen", "beijing"} and gap3 >= 10,
          "gap %.2f" % gap3)
    check("上海/广州/苏州 ranks 3-5 in innovation",
          set(inn[2:5]) == {"shanghai", "guangzhou", "suzhou"})
    other = [e for e in ents if city[e]["region"] != "east"]
    east = [e for e in ents if city[e]["region"] == "east" and e not in t1]
    mo = mean(sc[e]["innovation"] for e in other)
    me = mean(sc[e]["innovation"] for e in east)
    check("innovation: NE+central+west mean below eastern non-tier-1 mean",
          mo < me, "%.2f < %.2f" % (mo, me))
    s = [sc[e]["strategy"] for e in ents]
    check("strategy within a plausible range [30, 95]",
          30 <= min(s) and max(s) <= 95, "%.2f-%.2f" % (min(s), max(s)))
    lm = {k: mean(v[e][k] for e in ents) for k in LEAVES["strategy"]}
    ls = {k: pstdev(v[e][k] for e in ents) for k in LEAVES["strategy"]}
    check("execution and funding below planning on average",
          lm["execution"] < lm["planning"] and lm["funding"] < lm["planning"],
          " ".join("%s %.2f" % (k, lm[k]) for k in LEAVES["strategy"]))
    check("e-government has the smallest spread of the strategy leaves",
          min(ls, key=ls.get) == "egov",
          " ".join("%s %.2f" % (k, ls[k]) for k in LEAVES["strategy"]))
    nt1 = mean(sc[e]["strategy"] for e in ents if city[e]["cbn"] == "new_tier1")
    t23 = mean(sc[e]["strategy"] for e in ents
               if city[e]["cbn"] in ("tier2", "tier3"))
    check("strategy: new-tier-1 mean above tier-2/3 mean (lines 457-463)",
          nt1 > t23, "%.2f > %.2f" % (nt1, t23))

    # Presets.
    pr = read_out("presets.csv")
    pw = read_out("preset_weights.csv")
    check("presets: default + 5 others, normalize none, aggregate arith",
          [r["code"] for r in pr][0] == "default" and len(pr) == 6
          and all(r["normalize"] == "none" and r["aggregate"] == "arith"
                  for r in pr)
          and {r["preset"] for r in pw} == {r["code"] for r in pr[1:]})

    failed = results.count(False)
    print("%d checks, %d failed" % (len(results), failed))
    return failed == 0


def main():
    cities, gdp_rows = load_seed()
    files = build(cities, gdp_rows)
    for name in sorted(files):
        with open(os.path.join(HERE, name), "w", encoding="utf-8",
                  newline="") as f:
            f.write(files[name])
    ok = run_checks(cities, gdp_rows, files)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
