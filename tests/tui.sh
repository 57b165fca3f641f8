#!/bin/sh
# The explorer in a real terminal: tmux runs it, capture-pane reads what a
# person would see.  Waits poll the screen; nothing depends on timing.
set -u
: "${CITYRANK:?}"
export LC_ALL=C.UTF-8
command -v tmux >/dev/null || { echo "1..0 # SKIP tmux not installed"; exit 0; }

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
sock=cityrank-test-$$
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null' EXIT
screen() { t capture-pane -p -t cr; }
# wait_for TEXT: poll the screen until it shows TEXT (up to ~10 s).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen | sed 's/^/# /'
	return 1
}
expect() { if wait_for "$2"; then ok "$1"; else not_ok "$1"; fi; }

t -u new-session -d -s cr -x 80 -y 24 "env LC_ALL=C.UTF-8 '$CITYRANK'"
expect "first screen shows the ranking" "Rank"
if screen | grep -Eq '^ +1 += +深圳'; then
	ok "深圳 at rank 1"
else
	not_ok "深圳 at rank 1"; screen | sed 's/^/# /'
fi
expect "status line shows data set and scenario" "default"
expect "legend marks reconstructed values" "~ computed from reconstructed"
t send-keys -t cr j
expect "j moves the selection" "2/26"
t send-keys -t cr G
expect "G goes to the last row" "26/26"
expect "the last city is visible" "哈尔滨"
t resize-window -t cr -x 20 -y 8
expect "a tiny terminal gets the too-small screen" "terminal too"
t resize-window -t cr -x 200 -y 60
expect "a large terminal shows the dimension columns" "创新"
t resize-window -t cr -x 60 -y 20
expect "60x20 still shows the ranking" "Rank"
t send-keys -t cr q
i=0
while t has-session -t cr 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
if t has-session -t cr 2>/dev/null; then not_ok "q quits"; else ok "q quits"; fi

echo "1..$n"
[ "$failed" -eq 0 ]
