#!/bin/sh
# Names in Chinese or English (--lang, the key e, lang in the config),
# in the explorer run in tmux and in the batch commands; and screens
# that fit at 60x20, 80x24 and 200x50: the city detail cuts names last,
# the plot's key of numbered labels wraps instead of being cut.  What
# each screen must show comes from the data's CSV sources (data/, the
# COINr fixture), never from the program's own output.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8
command -v tmux >/dev/null || { echo "1..0 # SKIP tmux not installed"; exit 0; }
command -v python3 >/dev/null ||
    { echo "1..0 # SKIP python3 not installed"; exit 0; }

. "$SRCDIR/tests/tap.sh"

# No one's own configuration, scenarios or state at exit.
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
data=$SRCDIR/data
sock=cityrank-lang-$$
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# start SESSION COLS ROWS COMMAND: the explorer in a new session of that
# size (tried three times: tmux has been seen to exit at start-up).
start() {
	for try in 1 2 3; do
		t -u new-session -d -s "$1" -c "$tmp" -x "$2" -y "$3" \
		    "env LC_ALL=C.UTF-8 ESCDELAY=1000 $4" &&
		    t has-session -t "$1" 2>/dev/null && return 0
		sleep 1
	done
	return 1
}
shot() { t capture-pane -p -t "$1"; }
# settled SESSION: the screen once two looks 0.2 s apart agree (a frame
# can reach tmux in parts).
settled() {
	prev=$(shot "$1") i=0
	while [ $i -lt 25 ]; do
		sleep 0.2
		cur=$(shot "$1")
		[ "$cur" = "$prev" ] && break
		prev=$cur i=$((i + 1))
	done
	printf '%s\n' "$prev"
}
# wait_in SESSION TEXT: poll the screen until it shows TEXT (~10 s).
wait_in() {
	i=0
	while [ $i -lt 100 ]; do
		shot "$1" 2>/dev/null | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# verdict DESC STATUS SESSION: ok, or not ok with the screen shown.
verdict() {
	if [ "$2" -eq 0 ]; then
		ok "$1"
	else
		not_ok "$1"
		shot "$3" 2>/dev/null | sed 's/^/# /'
	fi
}
stop() { t kill-session -t "$1" 2>/dev/null; }

# csv FILE KEY COL: a column of the row whose first field is KEY.
csv() {
	python3 - "$1" "$2" "$3" <<'EOF'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if row[next(iter(row))] == sys.argv[2]:
        print(row[sys.argv[3]])
EOF
}
# cjk FILE [SKIP]: 0 when FILE has a Chinese character (East Asian wide
# or fullwidth) on a line past the first SKIP.
cjk() {
	python3 - "$1" "${2:-0}" <<'EOF'
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
sys.exit(0 if any(unicodedata.east_asian_width(c) in "WF"
    for l in lines[int(sys.argv[2]):] for c in l) else 1)
EOF
}

## Names in English: --lang en, then every view.
en_zh=$(csv "$data/entities.csv" shenzhen name_en)
root_en=$(csv "$data/framework.csv" index name_en)
title_en=$(csv "$data/dataset.csv" title_en value)
dim1_en=$(csv "$data/framework.csv" strategy name_en)
start en 120 24 "'$CITYRANK' --lang en"
wait_in en "$en_zh" >/dev/null
settled en >"$tmp/s"
! cjk "$tmp/s" && grep -q "^ *1 .*$en_zh" "$tmp/s" &&
    grep -qF "by $root_en" "$tmp/s" && grep -qF " $title_en │" "$tmp/s" &&
    grep -qF "$dim1_en" "$tmp/s"
verdict "--lang en: the ranking, its header, tabs and status line in English" \
    $? en
# Each view, and what it shows once drawn: the first dimension's name,
# and in the robustness view the first city's, once its bands are in.
for v in "2 Tree" "3 Weights" "7 Robust"; do
	want=$dim1_en
	[ "${v%% *}" = 7 ] && want="1  $en_zh"
	t send-keys -t en "${v%% *}"
	wait_in en "$want" >/dev/null
	settled en >"$tmp/s"
	! cjk "$tmp/s" && grep -qF "$want" "$tmp/s"
	verdict "--lang en: the ${v#* } view has no Chinese names" $? en
done
# The detail: English node names; the first line may keep the province.
t send-keys -t en 1 g Enter
wait_in en "$en_zh ·" >/dev/null
settled en >"$tmp/s"
! cjk "$tmp/s" 2 && grep -qF "$(csv "$data/framework.csv" planning name_en)" \
    "$tmp/s"
verdict "--lang en: the city detail names nodes in English" $? en
# Compare: the sentences name the cities in English.
a=$(csv "$data/entities.csv" nanjing name_en)
b=$(csv "$data/entities.csv" chengdu name_en)
t send-keys -t en q / nanjing Enter Space / chengdu Enter Space c
wait_in en "What would it take" >/dev/null
settled en >"$tmp/s"
! cjk "$tmp/s" && grep -qF "A $a" "$tmp/s" && grep -qF "B $b" "$tmp/s"
verdict "--lang en: compare's sentences name $a and $b" $? en
# The plot: labels, axis titles, and plain yuan rather than 万.
gdp_en=$(csv "$data/context_vars.csv" gdp_pc_2018 name_en)
t send-keys -t en .
wait_in en "$gdp_en" >/dev/null
settled en >"$tmp/s"
! cjk "$tmp/s" && grep -qF "$root_en" "$tmp/s" && grep -qF "$en_zh" "$tmp/s"
verdict "--lang en: the plot's labels and axes in English ($gdp_en)" $? en
# e switches live, in every view; and back.
t send-keys -t en e
zh=$(csv "$data/entities.csv" shenzhen name_zh)
wait_in en "$zh" >/dev/null
settled en | grep -qF "$(csv "$data/context_vars.csv" gdp_pc_2018 name_zh)"
verdict "e switches the plot to Chinese names at once" $? en
t send-keys -t en 1 e
wait_in en "names in English" >/dev/null
settled en >"$tmp/s"
! cjk "$tmp/s" && grep -q "^ *1 .*$en_zh" "$tmp/s"
verdict "e switches the ranking back to English" $? en
stop en

# The default is Chinese, as it was: e goes to English.
start zh 120 24 "'$CITYRANK'"
wait_in zh "Rank" >/dev/null
settled zh | grep -q "^ *1 .*$zh *$en_zh"
verdict "by default the ranking shows $zh and $en_zh" $? zh
t send-keys -t zh e
wait_in zh "names in English" >/dev/null
settled zh >"$tmp/s"
! cjk "$tmp/s" && grep -q "^ *1 .*$en_zh" "$tmp/s"
verdict "e in the default explorer: English names" $? zh
stop zh

# The config's lang; --lang wins over it; a bad value is FILE:LINE.
mkdir -p "$XDG_CONFIG_HOME/cityrank"
printf '# mine\nlang = en\n' >"$XDG_CONFIG_HOME/cityrank/config"
start cf 80 24 "'$CITYRANK'"
wait_in cf "$en_zh" >/dev/null
settled cf >"$tmp/s"
! cjk "$tmp/s" && grep -q "^ *1 .*$en_zh" "$tmp/s"
verdict "config: lang = en gives English names" $? cf
stop cf
start cf 80 24 "'$CITYRANK' --lang zh"
wait_in cf "Rank" >/dev/null
settled cf | grep -q "^ *1 .*$zh"
verdict "config: --lang zh on the command line wins over lang = en" $? cf
stop cf
printf 'theme = light\nlang = fr\n' >"$XDG_CONFIG_HOME/cityrank/config"
start cf 80 24 "'$CITYRANK'"
wait_in cf "config:2: lang: 'fr' is not zh or en" &&
    settled cf | grep -q "^ *1 .*$zh"
verdict "config: lang = fr is a FILE:LINE warning and Chinese stays" $? cf
stop cf
rm -f "$XDG_CONFIG_HOME/cityrank/config"

# The presentation's tour titles its slides in the language.
start pr 80 24 "'$CITYRANK' --lang en present"
wait_in pr "$root_en" >/dev/null
settled pr >"$tmp/s"
! cjk "$tmp/s" && head -3 "$tmp/s" | grep -qF "$root_en"
verdict "present --lang en: the tour's title in English" $? pr
t send-keys -t pr Space
wait_in pr "1 of " >/dev/null
settled pr | grep -qF ": $dim1_en"
verdict "present --lang en: a dimension's slide in English" $? pr
stop pr

# A data set without an English name for a city or a node: English
# falls back to the Chinese one.
if [ -n "${MKDB:-}" ]; then
	mkdir "$tmp/d"
	cp "$data"/*.csv "$tmp/d"/
	sed -i "s/^shenzhen,$zh,$en_zh\$/shenzhen,$zh,/" "$tmp/d/entities.csv"
	dim1=$(csv "$data/framework.csv" strategy name_zh)
	sed -i "s/^strategy,index,$dim1,$dim1_en,/strategy,index,$dim1,,/" \
	    "$tmp/d/framework.csv"
	"$MKDB" "$tmp/d" "$tmp/d/x.db" >/dev/null
	start fb 80 24 "'$CITYRANK' --db '$tmp/d/x.db' --lang en"
	wait_in fb "Rank" >/dev/null
	settled fb | grep -q "^ *1 .*$zh" && settled fb | sed -n 2p | grep -qF "$dim1"
	verdict "--lang en: an empty English name falls back to $zh, $dim1" \
	    $? fb
	stop fb
	run --db "$tmp/d/x.db" --lang en compare 深圳 北京
	grep -qF "Gap $zh - " "$tmp/out"
	check "batch --lang en: the same fallback in compare's notes" test $? -eq 0
else
	skip "an empty English name falls back" "MKDB not set"
	skip "batch: the same fallback" "MKDB not set"
fi

## Batch: --lang picks the one name column; CSV and JSON keep both.
run --lang en compare 深圳 北京
awk '/^Node/ { print; exit }' "$tmp/out" >"$tmp/head"
grep -q "^Node  *Name  *$en_zh" "$tmp/head" &&
    grep -q "^  strategy  *$dim1_en " "$tmp/out" &&
    grep -qF "Gap $en_zh - $(csv "$data/entities.csv" beijing name_en)" \
    "$tmp/out" && ! cjk "$tmp/out"
check "compare --lang en: names and sentences in English" test $? -eq 0
"$CITYRANK" compare 深圳 北京 --format csv >"$tmp/a"
"$CITYRANK" --lang en compare 深圳 北京 --format csv >"$tmp/b"
check "compare --format csv: the same in both languages (both names)" \
    cmp -s "$tmp/a" "$tmp/b"
"$CITYRANK" rank --format csv >"$tmp/a"
"$CITYRANK" --lang en rank --format csv >"$tmp/b"
check "rank --format csv: the same in both languages" cmp -s "$tmp/a" "$tmp/b"
# JSON: the same rows, keys and notes; the data set's title in the
# language, as dataset.csv has it.
"$CITYRANK" rank --format json >"$tmp/a"
"$CITYRANK" --lang en rank --format json >"$tmp/b"
python3 - "$tmp/a" "$tmp/b" "$(csv "$data/dataset.csv" title_zh value)" \
    "$(csv "$data/dataset.csv" title_en value)" <<'EOF'
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
assert a["rows"] == b["rows"] and a["notes"] == b["notes"]
assert a["meta"].pop("data set") == sys.argv[3]
assert b["meta"].pop("data set") == sys.argv[4]
assert a["meta"] == b["meta"]
EOF
check "rank --format json: the same rows in both languages, the title in each" \
    test $? -eq 0
run --lang en scatter
grep -qF "$gdp_en" "$tmp/out" && ! cjk "$tmp/out"
check "scatter --lang en: labels and titles in English" test $? -eq 0
run --lang en stability
grep " over " "$tmp/out" >"$tmp/over" && ! cjk "$tmp/over"
check "stability --lang en: who passes whom, in English" test $? -eq 0
run --lang zh stability
grep " over " "$tmp/out" >"$tmp/over" && cjk "$tmp/over"
check "stability --lang zh: who passes whom, in Chinese" test $? -eq 0
fails "--lang fr is refused by name" 2 "--lang 'fr'" --lang fr rank

## The city detail cuts names last, at every size.
# The nodes as the detail lists them: depth, Chinese and English names.
python3 - "$data/framework.csv" >"$tmp/nodes" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
depth = {}
for r in rows:
    depth[r["code"]] = 0 if r["parent"] == "" else depth[r["parent"]] + 1
    print("%d\t%s\t%s" % (depth[r["code"]], r["name_zh"], r["name_en"]))
EOF
# names SCREEN COLS: each node row on the screen shows its two names
# whole, but for at most one a line cut in its English name at the
# edge of a column no narrower than COLS minus 23 (score, rank, raw
# value); and the table's columns start where its widest name ends.
names() {
	python3 - "$tmp/nodes" "$1" "$2" <<'EOF'
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
    for c in s)
nodes = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
screen = open(sys.argv[2], encoding="utf-8").read().split("\n")
cols = int(sys.argv[3])
head = [i for i, l in enumerate(screen) if l.startswith(" Node")]
if not head:
    sys.exit("no table header")
widest = max(2 * int(d) + w(zh + " " + en) for d, zh, en in nodes)
score = w(screen[head[0]].split("Score")[0])
# Not stretched: the score column right after the widest name (or
# where the width ran out).
if score > max(widest, 0) + 8:
    sys.exit("Score at column %d, the widest name is %d" % (score, widest))
seen, cut = 0, 0
for line in screen[head[0] + 1:]:
    for d, zh, en in nodes:
        lead = " " * (2 * int(d)) + zh + " "
        if not line.startswith(lead):
            continue
        seen += 1
        if not line.startswith(lead + en):
            cut += 1
            if cut > 1 or "…" not in line or w(line.split("…")[0]) < cols - 24:
                sys.exit("cut: " + line)
        break
if seen < 8:
    sys.exit("only %d node rows" % seen)
EOF
}
for size in "60 20" "80 24" "200 50"; do
	c=${size% *}
	start dt "$c" "${size#* }" "'$CITYRANK'"
	wait_in dt "Rank" >/dev/null
	t send-keys -t dt g Enter
	wait_in dt " Node" >/dev/null
	settled dt >"$tmp/s"
	why=$(names "$tmp/s" "$c" 2>&1)
	verdict "detail ${c}x${size#* }: names whole (cut last), no column stretched${why:+ ($why)}" \
	    $? dt
	# The raw value and its provenance, whole or as ~ and a legend.
	raw=$(awk -F, '$1 == "shenzhen" && $2 == "planning" { print $3 }' \
	    "$data/values.csv")
	prov=$(awk -F, '$1 == "shenzhen" && $2 == "planning" { print $4 }' \
	    "$data/values.csv")
	line=$(grep "^ *$(csv "$data/framework.csv" planning name_zh) " \
	    "$tmp/s")
	{ echo "$line" | grep -q "$raw .*· $prov" ||
	    { echo "$line" | grep -qF "$raw~" &&
	    grep -q "raw values.*[0-9] $prov~" "$tmp/s"; }; }
	verdict "detail ${c}x${size#* }: planning's raw value $raw and its provenance ($prov)" \
	    $? dt
	stop dt
done

## The plot's key of numbered labels wraps: every number it gives is
## named, whole, at every size; the legend is whole too.
python3 - "$SRCDIR/tests/fixtures/coinr-asem/ASEM_iData.csv" \
    >"$tmp/units" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(r["uName"])
EOF
# key SCREEN UNITS: the footer's "N labels numbered: 1 A  2 B ..." lists
# 1 to N, each a name of the data (UNITS), and no line ends cut.
key() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
screen = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n")
units = set(l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8"))
at = [i for i, l in enumerate(screen) if re.match(r"\d+ labels? numbered", l)]
if not at:
    sys.exit("no key")
# Up to the message line and the status line, the last two.
lines = [l.rstrip() for l in screen[at[0]:len(screen) - 2] if l.strip()]
if any(l.endswith("…") for l in lines):
    sys.exit("a line is cut")
text = "  ".join(lines)
m = re.match(r"(\d+) labels? numbered(?: \(\d+ unlabelled\))?:?\s*(.*)$", text)
n, rest = int(m.group(1)), m.group(2)
got = re.findall(r"(\d+) (.+?)(?=\s+\d+ |\s+· |$)", rest)
if [int(k) for k, _ in got] != list(range(1, n + 1)):
    sys.exit("numbers %s for %d labels" % ([k for k, _ in got], n))
bad = [name for _, name in got if name not in units]
if bad:
    sys.exit("not names: %s" % bad)
EOF
}
for size in "60 20" "80 24" "200 50"; do
	c=${size% *}
	start pl "$c" "${size#* }" "'$CITYRANK' --dataset asem"
	wait_in pl "Rank" >/dev/null
	t send-keys -t pl .
	wait_in pl "numbered" >/dev/null
	settled pl >"$tmp/s"
	why=$(key "$tmp/s" "$tmp/units" 2>&1)
	verdict "plot ${c}x${size#* }: the label key names every number${why:+ ($why)}" \
	    $? pl
	grep -q "not official" "$tmp/s"
	verdict "plot ${c}x${size#* }: the legend is whole" $? pl
	stop pl
done
# English names are longer: more are numbered, and still all named.
cut -d, -f3 "$data/entities.csv" | tail -n +2 >"$tmp/en_units"
start pl 60 20 "'$CITYRANK' --lang en"
wait_in pl "Rank" >/dev/null
t send-keys -t pl .
wait_in pl "numbered" >/dev/null
settled pl >"$tmp/s"
why=$(key "$tmp/s" "$tmp/en_units" 2>&1)
verdict "plot 60x20 --lang en: the label key names every number${why:+ ($why)}" \
    $? pl
stop pl

done_testing
