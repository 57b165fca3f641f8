#!/bin/sh
# bench/big_tmux.sh: the explorer on a large data set, in tmux, checked
# against the batch commands: the top of the ranking, the last rank, a
# search, a filter's count, a sort, a unit's detail, the robustness
# view's last row, a weight change (the ranking beside
# the weights against 'cityrank rank --scenario' of the same weights,
# saved from the explorer), the figures left for the frame after, and
# under those weights the last row, its detail and a search.
# Correctness at a size the test suite does not run (issue #14), not
# timing: each step waits for the screen, up to a limit, and says how
# long it waited, as a rough guide only.
#
#	bench/big_tmux.sh [DB]
#
# Without DB it generates N units (default 100000) x M indicators
# (default 200) with bench/gen_synth and imports them (about a minute).
# Exits 1 when a check fails.  Environment: BUILD (default build), N, M,
# SEED (default 1), KEEP=1 keeps the generated files.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
CR=$BUILD/cityrank
N=${N:-100000}
M=${M:-200}
command -v tmux >/dev/null || { echo "big_tmux: tmux is missing" >&2; exit 2; }
[ -x "$CR" ] || { echo "big_tmux: build cityrank first ($CR)" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
sock=cityrank-big-$$
t() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	t kill-server 2>/dev/null
	[ -n "${KEEP:-}" ] && { echo "kept $tmp"; return; }
	rm -rf "$tmp"
}
trap cleanup EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
export CITYRANK_ASK_ON_QUIT=no
mkdir -p "$HOME" "$XDG_DATA_HOME"

if [ $# -ge 1 ]; then
	db=$1
else
	gen=$BUILD/bench/gen_synth
	mkdir -p "$BUILD/bench"
	if [ ! -x "$gen" ] || [ "$TOP/bench/gen_synth.c" -nt "$gen" ]; then
		${CC:-cc} -O2 -std=c11 -o "$gen" "$TOP/bench/gen_synth.c" -lm ||
		    exit 2
	fi
	"$gen" -n "$N" -m "$M" -s "${SEED:-1}" -o "$tmp" || exit 2
	db=$tmp/big.db
	"$CR" import --data "$tmp/iData.csv" --meta "$tmp/iMeta.csv" \
	    -o "$db" || exit 2
fi

fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); t capture-pane -p -t big |
    sed 's/^/     | /'; }
screen() { t capture-pane -p -t big; }
# waitfor TEXT [LIMIT s]: poll the screen; prints the wait in ms.
waitfor() {
	s0=$(date +%s%N)
	lim=$(( ${2:-60} * 20 ))
	i=0
	while [ $i -lt "$lim" ]; do
		screen | grep -qF -- "$1" && {
			echo "$(( ($(date +%s%N) - s0) / 1000000 ))"
			return 0
		}
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# The ranking's rows on screen as "RANK NAME": the pane left of the
# weights, or the whole ranking; a fragile rank's mark ("1!"), which
# comes when the robustness analysis the ranking starts has finished,
# is not part of the rank.
rows() {
	screen | sed -n 's/.*│ *\([0-9][0-9]*\)!\{0,1\}  *\(=\|[↑↓][0-9]*\|new\)\{0,1\}  *\([A-Za-z][A-Za-z]*\) .*/\1 \3/p;
	    /│/!s/^ *\([0-9][0-9]*\)!\{0,1\}  *\(=\|[↑↓][0-9]*\|new\)\{0,1\}  *\([A-Za-z][A-Za-z]*\) .*/\1 \3/p'
}

"$CR" --db "$db" rank --format csv >"$tmp/rank.csv" || exit 2
total=$(($(wc -l <"$tmp/rank.csv") - 1))
ranked=$(awk -F, 'NR > 1 && $1 != ""' "$tmp/rank.csv" | wc -l)
echo "data set: $db, $total units, $ranked ranked"

t -u new-session -d -s big -x 80 -y 24 "'$CR' --db '$db'; echo EXIT=\$?; sleep 60"
if w=$(waitfor "? help" 120); then
	ok "first screen ($w ms, including tmux)"
else
	bad "first screen"
	exit 1
fi

# A batch ranking's last ranked row, "RANK NAME".
last_ranked() {
	awk -F, 'NR > 1 && $1 != "" { r = $1; n = $4 } END { print r, n }' "$1"
}
# top_ten CSV DESC: the first ten rows on screen are the batch's.
top_ten() {
	want=$(awk -F, 'NR > 1 && NR <= 11 { print $1, $4 }' "$1")
	if [ "$(rows | head -10)" = "$want" ]; then
		ok "$2"
	else
		bad "$2 (want: $(echo $want))"
	fi
}

# The top of the ranking, as the batch ranks it.
top_ten "$tmp/rank.csv" "the top ten rows are 'cityrank rank''s"

# G: the last row is the last rank.
last=$(last_ranked "$tmp/rank.csv")
t send-keys -t big G
if w=$(waitfor "${last#* }" 10) && rows | grep -qx "$last"; then
	ok "G shows the last rank, $last ($w ms)"
else
	bad "G shows the last rank, $last"
fi
# Enter: the last unit's detail, its rank of all.
t send-keys -t big Enter
if w=$(waitfor "${last% *}/$total" 10); then
	ok "Enter on it: the detail says ${last% *}/$total ($w ms)"
else
	bad "Enter on it: the detail says ${last% *}/$total"
fi
t send-keys -t big 1
waitfor "? help" 10 >/dev/null
# The robustness view's last row: the rank whole, then the name.
t send-keys -t big 7
waitfor "Rank bands" 10 >/dev/null
t send-keys -t big G
if w=$(waitfor "${last% *}  ${last#* }" 10); then
	ok "7 and G: the robustness view shows rank ${last% *} whole ($w ms)"
else
	bad "7 and G: the robustness view shows rank ${last% *} whole"
fi
t send-keys -t big 1
waitfor "? help" 10 >/dev/null
t send-keys -t big g

# A search for the unit halfway down.
mid=$(awk -F, -v k=$((ranked / 2)) '$1 == k { print $1, $4; exit }' \
    "$tmp/rank.csv")
name=${mid#* }
t send-keys -t big / "^$name\$" Enter
if w=$(waitfor "$name" 10) && rows | grep -qx "$mid"; then
	ok "/^$name\$ finds rank ${mid% *} ($w ms)"
else
	bad "/^$name\$ finds rank ${mid% *}"
fi
t send-keys -t big g

# A filter: its count against the batch's names.
want=$(awk -F, 'NR > 1 && tolower($4) ~ /^ka/' "$tmp/rank.csv" | wc -l)
t send-keys -t big '|' '^ka' Enter
if w=$(waitfor "filter" 10) && screen | grep -q "$want/$total\|$want of $total"; then
	ok "|^ka keeps $want of $total ($w ms)"
else
	bad "|^ka keeps $want of $total"
fi
t send-keys -t big '|' Enter
waitfor "? help" 10 >/dev/null

# A sort by score (descending) from the sort by name: > steps the sort
# to the next column; the best score comes first again.
i=0
t send-keys -t big '>' '>'
waitfor "City▲" 10 >/dev/null
while [ $i -lt 8 ] && ! screen | sed -n 2p | grep -q "Score▼"; do
	t send-keys -t big '>'
	sleep 0.3
	i=$((i + 1))
done
t send-keys -t big g
top=$(awk -F, 'NR == 2 { print $1, $4 }' "$tmp/rank.csv")
waitfor "${top#* }" 10 >/dev/null
if screen | sed -n 2p | grep -q "Score▼" && [ "$(rows | head -1)" = "$top" ]
then
	ok "> to the score column: $top first"
else
	bad "> to the score column: $top first"
fi
# And back to the sort by rank, the order a weight change re-ranks.
i=0
while [ $i -lt 12 ] && ! screen | sed -n 2p | grep -q "Rank▲"; do
	t send-keys -t big '<'
	sleep 0.3
	i=$((i + 1))
done
if screen | sed -n 2p | grep -q "Rank▲"; then
	ok "< back to the rank column"
else
	bad "< back to the rank column"
fi
t send-keys -t big 1

# A weight change: the ranking beside the weights against the batch's
# ranking under the weights the explorer saves.
t send-keys -t big 3
waitfor "r idx" 20 >/dev/null
t send-keys -t big +
if w=$(waitfor "default*" 20); then
	ok "+ on the first weight: the change shows ($w ms)"
else
	bad "+ on the first weight: the change shows"
fi
# The figures a hurried frame leaves out come in the next.
if w=$(waitfor "(now " 20) && ! screen | grep -q '\.\.\.'; then
	ok "the correlations and the interval follow ($w ms)"
else
	bad "the correlations and the interval follow"
fi
t send-keys -t big s
sleep 1
t send-keys -t big C-u big1 Enter
waitfor "saved" 20 >/dev/null
"$CR" --db "$db" rank --scenario big1 --format csv >"$tmp/rank1.csv" ||
    bad "rank --scenario big1"
# Every row beside the weights, "RANK NAME", is a row of the batch's.
awk -F, 'NR > 1 { print $1, $4 }' "$tmp/rank1.csv" >"$tmp/rows1"
rows >"$tmp/shown"
if [ "$(wc -l <"$tmp/shown")" -ge 10 ] &&
    ! grep -vxF -f "$tmp/rows1" "$tmp/shown" >/dev/null &&
    ! cmp -s "$tmp/rank.csv" "$tmp/rank1.csv"; then
	ok "the $(wc -l <"$tmp/shown") rows beside the weights are those of 'rank --scenario big1'"
else
	bad "the rows beside the weights are 'rank --scenario big1''s"
fi

# block ROWS: the rows on screen are consecutive rows of the file's.
block() {
	rows >"$tmp/block"
	k=$(wc -l <"$tmp/block")
	at=$(grep -nxF -- "$(head -1 "$tmp/block")" "$1" | head -1 | cut -d: -f1)
	[ "$k" -ge 5 ] && [ -n "$at" ] &&
	    sed -n "${at},$((at + k - 1))p" "$1" | cmp -s - "$tmp/block"
}

# Past the rows a weight change ranked (the top of a screen or two): the
# ranking under big1, its last row, that unit's detail and a search for
# the unit halfway down.
t send-keys -t big 1
waitfor "? help" 10 >/dev/null
top_ten "$tmp/rank1.csv" \
    "1: the top ten rows under big1 are 'rank --scenario big1''s"
last=$(last_ranked "$tmp/rank1.csv")
t send-keys -t big G
if waitfor "${last#* }" 10 >/dev/null && block "$tmp/rows1"; then
	ok "G under big1: the last rows are 'rank --scenario big1''s"
else
	bad "G under big1: the last rows are 'rank --scenario big1''s"
fi
t send-keys -t big Enter
if waitfor "${last% *}/$total" 10 >/dev/null &&
    screen | grep -qF "${last#* }"; then
	ok "G and Enter under big1: ${last#* }, ${last% *}/$total"
else
	bad "G and Enter under big1: ${last#* }, ${last% *}/$total"
fi
t send-keys -t big 1 g
mid=$(awk -F, -v k=$((ranked / 3)) '$1 == k { print $1, $4; exit }' \
    "$tmp/rank1.csv")
t send-keys -t big / "^${mid#* }\$" Enter
if waitfor "${mid#* }" 10 >/dev/null && rows | grep -qx "$mid" &&
    block "$tmp/rows1"; then
	ok "/^${mid#* }\$ under big1 finds rank ${mid% *}"
else
	bad "/^${mid#* }\$ under big1 finds rank ${mid% *}"
fi

t send-keys -t big q
if waitfor "EXIT=0" 20 >/dev/null; then
	ok "q quits, status 0"
else
	bad "q quits, status 0"
fi
[ "$fails" -eq 0 ] && echo "all checks passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
