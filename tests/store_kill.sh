#!/bin/sh
# Kill -9 a process saving scenarios, at a random moment, over and over.
# Every save whose COMMIT returned (its name printed) must survive every
# later kill, intact, and the file must stay whole: SQLite's journal,
# rolled back by the next opener, is what this tests.
set -u
: "${STORE_STRESS:?}" "${SRCDIR:?}"

. "$SRCDIR/tests/tap.sh"

# At least 100 iterations, and up to 150 while they take under 15 s (a
# sanitizer build starts each process much more slowly).
least=${STORE_KILL_ITERATIONS:-100}
most=$((least + 50))
dir=$tmp/store
mkdir "$dir"
: >"$tmp/names"

# rand_ms: 0 to 30, from /dev/urandom (dash has no $RANDOM).
rand_ms() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % 31 )); }

next=0 i=0 hot=0 start=$(date +%s)
while [ "$i" -lt "$least" ] || { [ "$i" -lt "$most" ] &&
    [ $(( $(date +%s) - start )) -lt 15 ]; }; do
	i=$((i + 1))
	# Numbering goes on from the last printed name, so that the saves
	# of earlier iterations must outlive the kills of later ones.
	"$STORE_STRESS" save "$dir" "$next" 1000000 >"$tmp/out" \
	    2>"$tmp/err" &
	pid=$!
	sleep "0.0$(printf %02d "$(rand_ms)")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	[ -e "$dir/scenarios.db-journal" ] && hot=$((hot + 1))
	cat "$tmp/out" >>"$tmp/names"
	last=$(tail -n 1 "$tmp/names")
	[ -n "$last" ] && next=$(( ${last#s} + 1 ))
	# 137: killed, as intended; anything else is a failed save.
	if [ "$rc" -ne 137 ]; then
		not_ok "iteration $i: save exited with $rc, not by the kill"
		sed 's/^/# /' "$tmp/err"
		continue
	fi
	if "$STORE_STRESS" verify "$dir" "$tmp/names" >"$tmp/vout" \
	    2>"$tmp/verr"; then
		ok "iteration $i: $(cat "$tmp/vout")"
	else
		not_ok "iteration $i: verify failed"
		sed 's/^/# /' "$tmp/verr"
	fi
done
echo "# $hot of $i kills left a journal to roll back;" \
    "$(wc -l <"$tmp/names") saves in $(( $(date +%s) - start )) s"
done_testing
