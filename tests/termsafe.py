#!/usr/bin/env python3
"""Hostile data through every batch command, in every format.

Builds data sets whose names, codes, units, sources, provinces, periods
and notes carry escape sequences, C0 and C1 controls, DEL, invalid UTF-8,
bidirectional overrides, marks and isolates, line separators, zero-width
joiners, emoji sequences and 10,000-character names, and others whose
values are +-inf, +-1e308, all equal, all missing or a single unit.  It
runs every batch command in every --format over them, and the error
paths that quote data or arguments, and checks what reaches standard
output and standard error with its own rules, written here apart from
cityrank's sanitiser:

  - valid UTF-8;
  - no code point below U+0020 but the newline (and the tab, nowhere);
  - no DEL, no C1 control (U+0080-U+009F);
  - no bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
    U+2066-U+2069), line or paragraph separator (U+2028, U+2029) or
    byte order mark (U+FEFF).

Every run must also end cleanly: status 0 with a valid answer (JSON
that parses without NaN or Infinity, CSV whose rows all have the
header's number of fields, a non-empty table), or status 1 or 2 with a
message on standard error; never a signal, a sanitiser report or a hang.

usage: termsafe.py CITYRANK MKDB SRCDIR WORKDIR   (prints TAP)
"""
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys

CITYRANK, MKDB, SRCDIR, WORK = sys.argv[1:5]

FORBIDDEN = (set(range(0x00, 0x20)) - {0x0A}) | set(range(0x7F, 0xA0)) | {
    0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF} | set(
    range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def first_bad(data):
    """None when data is safe for a terminal, else what is wrong."""
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        return "invalid UTF-8 at byte %d: %r" % (
            e.start, data[max(0, e.start - 8):e.start + 4])
    for i, ch in enumerate(text):
        if ord(ch) in FORBIDDEN:
            return "U+%04X at character %d: %r" % (
                ord(ch), i, text[max(0, i - 12):i + 4])
    return None


# TAP
n = 0
failed = 0


def ok(desc):
    global n
    n += 1
    print("ok %d - %s" % (n, desc))


def not_ok(desc, why):
    global n, failed
    n += 1
    failed += 1
    print("not ok %d - %s" % (n, desc))
    for line in str(why).splitlines()[:12]:
        print("# " + line[:300])


# Hostile text.  The CSV reader takes only valid UTF-8; invalid bytes
# are written into the data sets afterwards with SQLite.
ESC = "\x1b"
HOSTILE = [
    ESC + "[31mred" + ESC + "[0m" + ESC + "[2J" + ESC + "[H",
    ESC + "]0;pwned\x07osc" + ESC + "]8;;http://x\x1b\\link",
    "c0\x01\x02\x08\x0b\x0c\rcr",
    "tab\tnew\nline",
    "del\x7fdel",
    "c1\u0085nel\u009b31mcsi\u0090dcs\u009c",
    "rlo\u202eevil\u202cpdf\u202a\u202b\u202d",
    "iso\u2066lri\u2067rli\u2068fsi\u2069 lrm\u200e rlm\u200f alm\u061c",
    "sep\u2028ls\u2029ps\ufeffbom",
    "zwj\U0001F468\u200d\U0001F469\u200d\U0001F467 flag\U0001F1E8\U0001F1F3"
    " e\u0301 zwsp\u200bx \u00a0nbsp 深圳",
    "长" * 5000 + "L" * 5000,
]
# Bytes no reader lets in; put straight into a data set.
INVALID = [
    b"inv\xff\xfebytes",
    b"lone\x9b" + b"31mcsi",
    b"trunc\xe6\xb7",
    b"overlong\xc0\xaf\xe0\x80\xaf",
    b"surrogate\xed\xa0\x80",
    b"c1raw\x85\x90\x9d",
]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        for r in rows:
            w.writerow(r)


def meta_rows(hostile_text=True):
    h = HOSTILE if hostile_text else ["x"] * len(HOSTILE)
    return [
        ["Level", "iCode", "iName", "Direction", "Weight", "Unit",
         "Target", "Parent", "Type"],
        ["1", "ind1", h[0], "1", "1", h[5], "", "dimA", "Indicator"],
        ["1", "ind2", h[6], "1", "1", h[7], "", "dimA", "Indicator"],
        ["1", "ind3", h[8], "-1", "1", h[1], "", "dimB", "Indicator"],
        ["1", "ind4", h[10], "1", "2", "", "", "dimB", "Indicator"],
        ["2", "dimA", h[2], "1", "1", "", "", "Index", "Aggregate"],
        ["2", "dimB", h[9], "1", "1", "", "", "Index", "Aggregate"],
        ["3", "Index", h[4], "1", "1", "", "", "", "Aggregate"],
        ["", "grp", h[3], "", "", "", "", "", "Group"],
        ["", "den", h[6], "", "", h[0], "", "", "Denominator"],
    ]


def data_rows(codes, names, values, groups, times=None):
    head = ["uCode", "uName"] + (["Time"] if times else []) + [
        "ind1", "ind2", "ind3", "ind4", "grp", "den"]
    rows = [head]
    for i, code in enumerate(codes):
        for t in (times or [None]):
            r = [code, names[i]] + ([t] if t else [])
            r += values[i] + [groups[i % len(groups)],
                              str(1000 + 37 * i)]
            rows.append(r)
    return rows


def spread(k):
    return [str(10 + 7 * k % 23), str(3 + 5 * k % 11), str(k * 1.5),
            str(100 - 3 * k)]


def run(args, env=None, timeout=60):
    e = dict(os.environ)
    e.update(env or {})
    try:
        p = subprocess.run([CITYRANK] + args, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout, env=e)
    except subprocess.TimeoutExpired:
        return None, b"", b"timed out"
    return p.returncode, p.stdout, p.stderr


def import_db(name, meta, data, extra=None):
    d = os.path.join(WORK, name)
    os.makedirs(d, exist_ok=True)
    write_csv(os.path.join(d, "meta.csv"), meta)
    write_csv(os.path.join(d, "data.csv"), data)
    out = os.path.join(d, name + ".db")
    rc, so, se = run(["import", "--data", os.path.join(d, "data.csv"),
                      "--meta", os.path.join(d, "meta.csv"), "-o", out,
                      "--force"])
    checked("import " + name, ["import"], rc, so, se, "table",
            expect=None)
    return out if rc == 0 else None


def valid_answer(fmt, out):
    """None when out is a valid answer in that format."""
    text = out.decode("utf-8", errors="replace")
    if not text.strip():
        return "empty standard output"
    if fmt == "json":
        def no_const(c):
            raise ValueError("JSON has " + c)
        try:
            json.loads(text, parse_constant=no_const)
        except ValueError as e:
            return "not JSON: %s" % e
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            return "no CSV header"
        widths = {len(r) for r in rows}
        if len(widths) != 1:
            return "CSV rows of %s fields" % sorted(widths)
    return None


STATUS = {}
BYTES = [0]


def checked(desc, args, rc, so, se, fmt, expect=None):
    """One run: safe bytes on both streams, and a clean end."""
    STATUS[rc] = STATUS.get(rc, 0) + 1
    BYTES[0] += len(so) + len(se)
    if os.environ.get("TERMSAFE_LOG"):
        with open(os.environ["TERMSAFE_LOG"], "a") as f:
            f.write("%s\t%s\n" % (rc, desc))
    why = []
    if rc is None:
        why.append("timed out")
    elif rc < 0 or rc > 2:
        why.append("status %d" % rc)
    for name, data in (("stdout", so), ("stderr", se)):
        bad = first_bad(data)
        if bad:
            why.append("%s: %s" % (name, bad))
    if b"Sanitizer" in se or b"runtime error" in se:
        why.append("sanitizer report")
    if rc == 0 and fmt is not None:
        bad = valid_answer(fmt, so)
        if bad:
            why.append(bad)
    if rc in (1, 2) and not se.strip():
        why.append("failed with nothing on stderr")
    if rc in (1, 2) and not se.startswith(b"cityrank") and \
            b":" not in se.split(b"\n")[0]:
        why.append("stderr does not say what failed")
    if expect is not None and rc != expect:
        why.append("status %s, expected %d" % (rc, expect))
    if why:
        not_ok(desc, "\n".join(why) + "\n$ cityrank %s\n%s" % (
            " ".join(repr(a)[:60] for a in args),
            se.decode("utf-8", "backslashreplace")[:600]))
    else:
        ok(desc)
    return rc


def cmd(db, desc, args, fmt="table", expect=None):
    full = (["--db", db] if db else []) + args
    if fmt != "table":
        full += ["--format", fmt]
    rc, so, se = run(full)
    return checked("%s: %s" % (desc, " ".join(args + (
        [fmt] if fmt != "table" else []))[:70]), full, rc, so, se, fmt,
        expect)


FORMATS = ["table", "csv", "json", "md"]


def every_command(db, tag, units, leaf="ind1", ctx="den"):
    """Every batch command in every format, on one data set."""
    a, b = units[0], units[-1]
    sets = [
        ["rank"],
        ["rank", "--by", leaf],
        ["rank", "--by", "dimB", "--normalize", "zscore"],
        ["rank", "--normalize", "rank", "--aggregate", "geom"],
        ["rank", "--ascii"],
        ["tree"],
        ["show", a],
        ["show", b, "--ascii"],
        ["scatter"],
        ["scatter", "--x", ctx, "--y", leaf],
        ["scatter", "--x", leaf, "--log-x", "--ascii", "--width", "30",
         "--height", "10"],
        ["scenario", "list"],
        ["scenario", "show", "default"],
        ["scenario", "diff", "default", "default"],
        # The robustness commands: names in bands, intervals, answers.
        ["rank", "--flips"],
        ["stability"],
        ["stability", a],
        ["robust", "--samples", "64"],
        ["robust", "--samples", "64", "--sobol", "--level", "1"],
        ["target", "--range"],
        ["target", a, "--rank", "1"],
    ]
    if len(units) >= 2:
        sets += [["compare", a, b], ["target", b, "--above", a]]
    if len(units) >= 4:
        sets += [["compare"] + units[:4]]
    for args in sets:
        for fmt in FORMATS:
            cmd(db, tag, args, fmt)


# Rows over an import's packs (schema 8): every leaf of every pack
# given VALUE and PROVENANCE (SQL expressions), its source the pack's.
OVERRIDE = ("INSERT INTO value (entity, node, period, value, provenance, "
            "source) SELECT p.entity, n.id, p.period, %s, %s, "
            "coalesce(p.source, 1) FROM value_pack p, node n WHERE NOT "
            "EXISTS (SELECT 1 FROM node c WHERE c.parent = n.id)")


def patch(db, statements, name):
    """A copy of db with SQL applied; foreign keys and CHECKs off."""
    out = os.path.join(WORK, name)
    shutil.copyfile(db, out)
    con = sqlite3.connect(out)
    con.execute("PRAGMA ignore_check_constraints = ON")
    for sql, params in statements:
        con.execute(sql, params)
    con.commit()
    con.close()
    return out


def main():
    os.makedirs(WORK, exist_ok=True)
    env_home = os.path.join(WORK, "home")
    os.makedirs(env_home, exist_ok=True)
    os.environ["XDG_DATA_HOME"] = env_home
    os.environ["LC_ALL"] = "C.UTF-8"

    # 1. Hostile names, indicator names, units, groups (import).
    codes = ["U%02d" % i for i in range(len(HOSTILE))]
    names = list(HOSTILE)
    vals = [spread(k) for k in range(len(codes))]
    names_db = import_db("names", meta_rows(), data_rows(
        codes, names, vals, HOSTILE))
    # 2. Hostile unit codes: CSV keys are made from them.
    hcodes = [ESC + "[31mA", "B\u202e", "C\u009b", "D\x01,\"x",
              "E\u2066F", "G\tH", "I\u200fJ\u061c"]
    codes_db = import_db("codes", meta_rows(False), data_rows(
        hcodes, ["n%d" % i for i in range(len(hcodes))],
        [spread(k) for k in range(len(hcodes))], ["g"]))
    # 3. The bundled data with hostile names, sources, provinces,
    # units, descriptions, titles and presets (mkdb), then invalid
    # UTF-8 and hostile periods written in with SQLite.
    evil_dir = os.path.join(WORK, "evil")
    os.makedirs(evil_dir, exist_ok=True)
    for f in os.listdir(os.path.join(SRCDIR, "data")):
        if f.endswith(".csv"):
            shutil.copy(os.path.join(SRCDIR, "data", f), evil_dir)

    def rewrite(fname, fn):
        path = os.path.join(evil_dir, fname)
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for i, r in enumerate(rows[1:]):
            fn(i, r)
        write_csv(path, rows)

    def ent(i, r):
        if i < len(HOSTILE):
            r[1] = HOSTILE[i] + r[1]
            r[2] = r[2] + HOSTILE[-1 - i]
    rewrite("entities.csv", ent)

    def src(i, r):
        r[-1] = HOSTILE[i % len(HOSTILE)] + r[-1]
    rewrite("values.csv", src)

    def ctxrow(i, r):
        if r[1] == "province":
            r[2] = HOSTILE[i % len(HOSTILE)]
        r[-1] = HOSTILE[(i + 3) % len(HOSTILE)]
    rewrite("context.csv", ctxrow)

    def fw(i, r):
        r[2] = HOSTILE[i % len(HOSTILE)] + r[2]
        r[3] = r[3] + HOSTILE[(i + 1) % len(HOSTILE)]
        r[6] = HOSTILE[(i + 2) % len(HOSTILE)]
        r[7] = HOSTILE[(i + 5) % len(HOSTILE)]
    rewrite("framework.csv", fw)

    def cv(i, r):
        r[1] = HOSTILE[i] + r[1]
        r[2] = HOSTILE[i + 1] + r[2]
        if r[3]:
            r[3] = HOSTILE[1]
    rewrite("context_vars.csv", cv)

    def ds(i, r):
        if r[0] != "name":
            r[1] = HOSTILE[i % len(HOSTILE)] + r[1]
    rewrite("dataset.csv", ds)

    def pr(i, r):
        r[1] = HOSTILE[i] + r[1]
        r[2] = HOSTILE[i + 2] + r[2]
        r[5] = HOSTILE[i + 4] + r[5]
    rewrite("presets.csv", pr)
    evil_db = os.path.join(WORK, "evil.db")
    p = subprocess.run([MKDB, evil_dir, evil_db], capture_output=True)
    if p.returncode != 0:
        not_ok("mkdb builds the hostile copy of the bundled data",
               p.stderr.decode("utf-8", "backslashreplace"))
        evil_db = None
    else:
        ok("mkdb builds the hostile copy of the bundled data")

    inv = []
    if names_db:
        for i, b in enumerate(INVALID):
            inv.append(("UPDATE entity SET name_en = CAST(? AS TEXT), "
                        "name_zh = CAST(? AS TEXT) WHERE code = ?",
                        (b, b"zh" + b, codes[i])))
        inv.append(("UPDATE node SET name_en = CAST(? AS TEXT), "
                    "unit = CAST(? AS TEXT) WHERE code = 'ind1'",
                    (INVALID[0], INVALID[1])))
        inv.append(("UPDATE source SET text = CAST(? AS TEXT) || id",
                    (INVALID[2],)))
        inv.append(("UPDATE context SET text = CAST(? AS TEXT) "
                    "WHERE text IS NOT NULL", (INVALID[5],)))
        invalid_db = patch(names_db, inv, "invalid.db")
    else:
        invalid_db = None

    # Every command, every format, on each hostile data set.
    if names_db:
        every_command(names_db, "names", codes)
    if codes_db:
        every_command(codes_db, "codes", hcodes)
    if invalid_db:
        every_command(invalid_db, "invalid UTF-8", codes)
    if evil_db:
        every_command(evil_db, "evil bundled", ["shenzhen", "beijing",
                      "shanghai", "guangzhou", "harbin"],
                      leaf="ai", ctx="gdp_pc_2018")

    # The scatter plot's lists of cities ahead of and behind the line
    # name every city: each is one line, and safe.
    for d, tag in ((names_db, "names"), (invalid_db, "invalid UTF-8"),
                   (codes_db, "codes")):
        if d is None:
            continue
        for extra in ([], ["--ascii"]):
            rc, so, se = run(["--db", d, "scatter"] + extra)
            lines = [ln for ln in so.split(b"\n")
                     if ln.startswith(b"ahead of") or
                     ln.startswith(b"behind")]
            bad = [first_bad(ln) for ln in lines if first_bad(ln)]
            if rc != 0 or len(lines) != 2 or bad:
                not_ok("%s: scatter's ahead/behind lines %s" % (tag, extra),
                       "status %s, %d lines, %s" % (rc, len(lines), bad))
            else:
                ok("%s: scatter's ahead/behind lines %s" % (tag, extra))

    # Error paths that quote data or arguments.
    db = names_db
    for fmt in FORMATS:
        cmd(db, "unknown city lists candidates", ["show", "Paris"], fmt, 2)
        cmd(db, "ambiguous city lists candidates", ["show", "."], fmt, 2)
        for i in range(len(HOSTILE)):
            cmd(db, "compare a city twice %d" % i,
                ["compare", "U%02d" % i, "u%02d" % i], fmt, 2)
        cmd(evil_db, "evil: unknown city", ["show", "nowhere"], fmt, 2)
        cmd(evil_db, "evil: ambiguous city", ["show", "an"], fmt, 2)
        cmd(evil_db, "evil: compare twice",
            ["compare", "shenzhen", "SHENZHEN"], fmt, 2)
        cmd(invalid_db, "invalid: unknown city", ["show", "x y"], fmt, 2)
        cmd(invalid_db, "invalid: compare twice",
            ["compare", "U00", "u00"], fmt, 2)
        cmd(codes_db, "codes: unknown city", ["show", "zz"], fmt, 2)
    for i, h in enumerate(HOSTILE[:10]):
        # The names are these strings: the city is found.
        cmd(db, "city argument %d" % i, ["show", h], "table", 0)
        cmd(codes_db, "city argument %d, not found" % i, ["show", h],
            "table", 2)
        cmd(db, "--by argument %d" % i, ["rank", "--by", h], "table", 2)
        cmd(db, "--weights argument %d" % i,
            ["rank", "--weights", h + "=1"], "table", 2)
        cmd(db, "--preset argument %d" % i, ["--preset", h, "rank"],
            "table", 2)
        cmd(db, "--year argument %d" % i, ["--year", h, "rank"],
            "table", 2)
        cmd(db, "--x argument %d" % i, ["scatter", "--x", h], "table", 2)
        cmd(db, "--normalize argument %d" % i, ["rank", "--normalize",
            h], "table", 2)
        cmd(None, "--format argument %d" % i, ["rank", "--format", h],
            "table", 2)
        cmd(None, "unknown command %d" % i, [h], "table", 2)
        cmd(None, "unknown option %d" % i, ["--" + h], "table", 2)
        cmd(None, "--theme argument %d" % i, ["--theme", h, "rank"],
            "table", 2)
        cmd(db, "scenario show %d" % i, ["scenario", "show", h], "table")
        cmd(db, "scenario subcommand %d" % i, ["scenario", h], "table", 2)
        cmd(None, "--db path %d" % i, ["--db", os.path.join(
            WORK, "nope" + h.replace("/", "") + ".db"), "rank"],
            "table", 1)
        cmd(None, "--db directory %d" % i, ["--db", WORK + "/", "rank"],
            "table", 1)
        cmd(None, "import -o path %d" % i, [
            "import", "--data", "/nonexistent" + h, "--meta",
            os.path.join(WORK, "names", "meta.csv"), "-o",
            os.path.join(WORK, "out" + h.replace("/", "") + ".db")],
            "table", 1)
        path = os.path.join(WORK, "imp%d" % i, h.replace("/", "")[:200])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cmd(None, "import writes to a hostile path %d" % i, [
            "import", "--data", os.path.join(WORK, "names", "data.csv"),
            "--meta", os.path.join(WORK, "names", "meta.csv"), "-o",
            path], "table", 0)
        cmd(None, "import over an existing hostile path %d" % i, [
            "import", "--data", os.path.join(WORK, "names", "data.csv"),
            "--meta", os.path.join(WORK, "names", "meta.csv"), "-o",
            path], "table", 1)
        cmd(db, "scenario export -o hostile path %d" % i, [
            "scenario", "export", "default", "-o", os.path.join(
                WORK, "nodir" + h.replace("/", ""), "x")], "table", 1)
        cmd(db, "--scenario hostile file %d" % i, [
            "--scenario", os.path.join(WORK, "no" + h.replace("/", "")),
            "rank"], "table", 2)

    # The import's own diagnostics quote the files.
    bad = os.path.join(WORK, "baddata")
    os.makedirs(bad, exist_ok=True)
    write_csv(os.path.join(bad, "meta.csv"), meta_rows())
    rows = data_rows(codes, names, vals, HOSTILE)
    rows[1][2] = "x" + ESC + "[31m\u202e"
    rows[2][3] = "nan\u009b"
    rows.append([ESC + "]0;t\x07", "n"] + spread(1) + ["g", "1"])
    rows.append(["U01", "dup"] + spread(2) + ["g", "1"])
    write_csv(os.path.join(bad, "data.csv"), rows)
    with open(os.path.join(bad, "invalid.csv"), "wb") as f:
        f.write(b"uCode,uName,ind1\nA\xff\x9b,\x1b[31m,1\n")
    for d in ("data.csv", "invalid.csv"):
        cmd(None, "import diagnostics quote %s" % d, [
            "import", "--data", os.path.join(bad, d), "--meta",
            os.path.join(bad, "meta.csv"), "-o", os.path.join(
                bad, ESC + "[2J\u202eout.db")], "table", 1)

    # Load errors that quote the data set file.
    if names_db:
        h = HOSTILE
        period = patch(names_db, [
            ("INSERT INTO period (name, ord) VALUES (?, 7)", (h[0],)),
            ("INSERT INTO period (name, ord) VALUES (?, 8)", (h[5],)),
            ("INSERT INTO period (name, ord) VALUES (CAST(? AS TEXT), 9)",
             (INVALID[1],)),
            ("INSERT INTO period (name, ord) VALUES (?, 10)", (h[6],))],
            "periods.db")
        cmd(period, "a year the file lacks lists its periods",
            ["--year", "1999", "rank"], "table", 2)
        for fmt in FORMATS:
            cmd(period, "hostile period names", ["rank"], fmt)
        # An import's values are in its packs (schema 8); a row in
        # value is an edit over one, read and checked as rows were.
        prov = patch(names_db, [
            (OVERRIDE % ("1", "?"), (h[0] + h[5] + h[6],))], "prov.db")
        cmd(prov, "an unknown provenance is quoted", ["rank"], "table", 1)
        prov2 = patch(names_db, [
            (OVERRIDE % ("1", "CAST(? AS TEXT)"), (INVALID[0],))],
            "prov2.db")
        cmd(prov2, "an unknown provenance, invalid UTF-8", ["rank"],
            "table", 1)
        pk = patch(names_db, [
            ("UPDATE published SET kind = ?", (h[6],))], "kind.db")
        cmd(pk, "a published kind is quoted", ["rank"], "table")
        for i, hh in enumerate(h[:10]):
            d = os.path.join(WORK, "dbdir%d" % i)
            os.makedirs(d, exist_ok=True)
            path = os.path.join(d, hh.replace("/", "") + ".db")
            shutil.copyfile(names_db, path)
            con = sqlite3.connect(path)
            con.execute("PRAGMA user_version = 99")
            con.commit()
            con.close()
            cmd(None, "a newer schema, hostile file name %d" % i,
                ["--db", path, "rank"], "table", 1)
            with open(path, "wb") as f:
                f.write(b"not sqlite \x1b[31m\x9b\xff" * 20)
            cmd(None, "not a database, hostile file name %d" % i,
                ["--db", path, "rank"], "table", 1)

    # Saved scenarios with hostile names and notes.
    if names_db:
        for i, hh in enumerate(HOSTILE[:10]):
            cmd(db, "scenario save, hostile name %d" % i, [
                "scenario", "save", hh, "--note", hh])
        for fmt in FORMATS:
            cmd(db, "scenario list of hostile names", ["scenario",
                "list"], fmt)
        sc = os.path.join(WORK, "evil.scenario")
        with open(sc, "wb") as f:
            f.write(b"format = cityrank-scenario 1\nname = \x1b[31mx"
                    b"\xe2\x80\xae\nnote = \xc2\x9b\xff\n")
        cmd(db, "a hostile scenario file", ["--scenario", sc, "rank"],
            "table")
        cmd(db, "scenario import of a hostile file", ["scenario",
            "import", sc], "table")

    numeric_edges()

    print("# %d runs, statuses %s, %d bytes of output checked" % (
        sum(STATUS.values()), ", ".join("%s: %d" % (k, v) for k, v in
                                        sorted(STATUS.items(), key=str)),
        BYTES[0]))
    print("1..%d" % n)
    return 1 if failed else 0


def numeric_edges():
    """+-inf, +-1e308, all equal, all missing, a single unit."""
    def sets():
        yield "1e308", [["1e308", "-1e308", "1", "2"],
                        ["-1e308", "1e308", "3", "1e308"],
                        ["0", "0", "-1e308", "4"]]
        yield "all equal", [["5", "5", "5", "5"]] * 4
        yield "all missing", [["NA", "", "NA", ""]] * 3
        yield "one missing column", [["1", "NA", "2", "3"],
                                     ["4", "NA", "5", "6"]]
        yield "single unit", [["1", "2", "3", "4"]]
    for tag, vals in sets():
        codes = ["V%d" % i for i in range(len(vals))]
        name = tag.replace(" ", "_")
        db = import_db(name, meta_rows(False), data_rows(
            codes, codes, vals, ["g"]))
        if db is None:
            continue
        every_command(db, tag, codes)
    db = import_db("inf", meta_rows(False), data_rows(
        ["W0", "W1", "W2", "W3"], ["a", "b", "c", "d"],
        [spread(k) for k in range(4)], ["g"]))
    if db is None:
        return
    inf = patch(db, [
        (OVERRIDE % ("9e999", "'user'") + " AND p.entity = "
         "(SELECT id FROM entity WHERE code = 'W0')", ()),
        (OVERRIDE % ("-9e999", "'user'") + " AND p.entity = "
         "(SELECT id FROM entity WHERE code = 'W1')", ()),
        ("UPDATE context SET num = 9e999", ())], "infv.db")
    every_command(inf, "+-inf", ["W0", "W1", "W2", "W3"])
    # A NaN cannot be a SQLite REAL; it can be a double in a pack.
    con = sqlite3.connect(db)
    rows = con.execute("SELECT rowid, n FROM value_pack").fetchall()
    con.close()
    nan = patch(db, [("UPDATE value_pack SET value = ? WHERE rowid = ?",
                      (b"\x00\x00\x00\x00\x00\x00\xf8\x7f" * r[1], r[0]))
                     for r in rows], "nan.db")
    every_command(nan, "NaN", ["W0", "W1", "W2", "W3"])


if __name__ == "__main__":
    sys.exit(main())
