#!/bin/sh
# cityrank present --format md|txt: the handout.  Each slide's table is
# what the batch command for the same view and parameters prints, so
# each is checked against that command's own output; a slide's weights
# do not leak into the next; a bad slide says FILE:LINE and the rest is
# still written; the default tour has a slide per dimension and the top
# two compared; bad options and files are refused by name.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME"

s="$tmp/talk.slides"
cat >"$s" <<'END'
# a test talk
slide ranking
by: strategy
title: Strategy first
caption: Ranked by strategy alone.
note: Mention Guangzhou.

slide ranking
scenario: technology_heavy
title: Technology heavy

slide ranking
weights: innovation=3
title: Innovation times three

slide compare
by: strategy
units: 深圳, 北京
title: Two cities

slide show
units: 成都
title: Chengdu

slide show
units: atlantis
title: Nowhere

slide tree
title: The framework
END

# section N FILE: the handout's slide N, heading and blank line left out
section() {
	awk -v n="$1" '
	    /^[0-9]+\. / { cur = $1 + 0; skip = 3 }
	    cur == n { if (skip > 0) skip--; else print }' "$2"
}
# section_md N FILE: the same in Markdown
section_md() {
	awk -v n="$1" '/^## [0-9]+\. / { cur = $2 + 0; skip = 2 }
	    cur == n { if (skip > 0) skip--; else print }' "$2"
}
sect=section
# contains WHOLE PART: PART's text appears in WHOLE as it is
contains() {
	python3 -c 'import sys
whole = open(sys.argv[1], encoding="utf-8").read()
part = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if part.strip("\n") in whole else 1)' "$1" "$2"
}
# same_as N DESC ARGS...: slide N holds what 'cityrank ARGS' prints
same_as() {
	n_=$1 d_=$2; shift 2
	"$CITYRANK" "$@" >"$tmp/want" 2>/dev/null
	$sect "$n_" "$tmp/hand" >"$tmp/got"
	if [ -s "$tmp/want" ] && contains "$tmp/got" "$tmp/want"; then
		ok "$d_"
	else
		not_ok "$d_"; diff "$tmp/want" "$tmp/got" | head -20 |
		    sed 's/^/# /'
	fi
}

"$CITYRANK" present "$s" --format txt >"$tmp/hand" 2>"$tmp/herr"
rc=$?
check "a script with a bad slide: status 2" test "$rc" -eq 2
check "the bad slide is named on stderr as FILE:LINE" \
    grep -qF "$s:26: unknown city 'atlantis'" "$tmp/herr"
check "one error on stderr" test "$(wc -l <"$tmp/herr")" -eq 1
check "the handout shows the bad slide's error in its place" \
    grep -qF "(this slide cannot be built: $s:26: unknown city" "$tmp/hand"
check "every slide has its heading, in order" test "$(grep -E \
    '^[0-9]+\. ' "$tmp/hand" | tr '\n' '|')" = "1. Strategy first|2. \
Technology heavy|3. Innovation times three|4. Two cities|5. Chengdu|6. \
Nowhere|7. The framework|"
check "a txt heading is underlined as wide as it is" grep -qx \
    "$(printf '%17s' '' | tr ' ' =)" "$tmp/hand"
check "the caption is written" grep -qx 'Ranked by strategy alone.' \
    "$tmp/hand"
check "the speaker note is written" grep -qx 'Note: Mention Guangzhou.' \
    "$tmp/hand"
same_as 1 "ranking by strategy = cityrank rank --by strategy" \
    rank --by strategy
same_as 2 "a scenario = cityrank --scenario technology_heavy rank" \
    --scenario technology_heavy rank
same_as 3 "weights = cityrank rank --weights innovation=3" \
    rank --weights innovation=3
same_as 4 "compare = cityrank compare 深圳 北京 --by strategy" \
    compare 深圳 北京 --by strategy
same_as 5 "show, after slides that changed weights, = cityrank show 成都" \
    show 成都
same_as 7 "the slides after a bad one are still written: tree" tree
# The slide after weights=innovation=3 is not under them.
section 4 "$tmp/hand" >"$tmp/got"
"$CITYRANK" compare 深圳 北京 --by strategy --weights innovation=3 \
    >"$tmp/want"
if contains "$tmp/got" "$tmp/want"; then
	not_ok "a slide's weights stay on that slide"
else
	ok "a slide's weights stay on that slide"
fi

"$CITYRANK" present "$s" --format md >"$tmp/hand" 2>/dev/null
check "md: headings are '## N. title'" grep -qx '## 4. Two cities' \
    "$tmp/hand"
check "md: the note is a quote" grep -qx '> Note: Mention Guangzhou.' \
    "$tmp/hand"
awk '/^## 1\. /{p=1;next} /^## 2\. /{p=0} p' "$tmp/hand" >"$tmp/got"
"$CITYRANK" rank --by strategy --format md >"$tmp/want"
if contains "$tmp/got" "$tmp/want"; then
	ok "md: the table is cityrank rank --by strategy --format md"
else
	not_ok "md: the table is cityrank rank --by strategy --format md"
fi
cat >"$tmp/plot.slides" <<'END'
slide scatter
x: gdp_pc_2018
y: strategy
END
"$CITYRANK" present "$tmp/plot.slides" --format md >"$tmp/hand"
sect=section_md
same_as 1 "scatter = cityrank scatter --x gdp_pc_2018 --y strategy --format md" \
    scatter --x gdp_pc_2018 --y strategy --format md

sect=section

# The default tour: the index, each dimension, the plot, the top two,
# the robustness view.
"$CITYRANK" present --format txt >"$tmp/hand" 2>"$tmp/herr"
check "the tour: status 0" test $? -eq 0
dims=$("$CITYRANK" tree --format csv | awk -F, '$2 == "index"' | wc -l)
check "the tour: 1 + $dims dimensions + plot + compare + robust slides" \
    test "$(grep -cE '^[0-9]+\. ' "$tmp/hand")" -eq $((dims + 4))
top=$("$CITYRANK" rank --format csv | awk -F, 'NR == 2 || NR == 3 {
    print $3 }' | tr '\n' ' ')
# shellcheck disable=SC2086
same_as $((dims + 3)) "the tour compares the top two ($top)" compare $top
same_as 1 "the tour opens on the ranking" rank
same_as $((dims + 4)) "the tour ends on the robustness table = cityrank robust" \
    robust
same_as 2 "the tour's second slide ranks by the first dimension" \
    rank --by "$("$CITYRANK" tree --format csv |
    awk -F, '$2 == "index" { print $1; exit }')"

# Refusals: by name, status 2, nothing written.
fails "--format csv is refused for present" 2 \
    "present --format 'csv': expected md or txt" present "$s" --format csv
fails "a missing script is named" 2 "$tmp/none.slides: No such file" \
    present "$tmp/none.slides" --format md
printf 'title: early\nslide tree\n' >"$tmp/early.slides"
fails "text before the first slide: FILE:LINE" 2 \
    "$tmp/early.slides:1: expected 'slide VIEW'" \
    present "$tmp/early.slides" --format md
fails "two scripts are refused" 2 "present takes one script at most" \
    present "$s" "$s" --format md
fails "without --format and no terminal: says how to get a handout" 2 \
    "--format md or txt" present "$s"
check "txt is a format of present only" sh -c \
    '"$CITYRANK" rank --format txt; test $? -eq 2'

done_testing
