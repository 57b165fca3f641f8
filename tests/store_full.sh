#!/bin/sh
# The scenario store on a disk that fills up: a real one, a tiny tmpfs,
# which only root can mount (test_store covers the same with SQLite's
# page limit, as anyone).  The save that does not fit fails with a clear
# message and changes nothing; every save before it is kept.
set -u
: "${STORE_STRESS:?}" "${SRCDIR:?}"

. "$SRCDIR/tests/tap.sh"

mnt=$tmp/mnt
mkdir "$mnt"
if [ "$(id -u)" -ne 0 ]; then
	skip "a full disk" "needs root to mount a tmpfs"
	done_testing
	exit
fi
if ! mount -t tmpfs -o size=64k,mode=0700 tmpfs "$mnt" 2>"$tmp/err"; then
	skip "a full disk" "cannot mount a tmpfs: $(cat "$tmp/err")"
	done_testing
	exit
fi
trap 'umount "$mnt"; rm -rf "$tmp"' EXIT

"$STORE_STRESS" save "$mnt" 0 100000 >"$tmp/names" 2>"$tmp/err"
rc=$?
check "saving until the disk is full fails with status 1" test "$rc" -eq 1
check "... saying the disk is full, naming the file" \
    grep -q "^store_stress: $mnt/scenarios.db: the disk is full;" "$tmp/err"
sed 's/^/# /' "$tmp/err"
check "... after some saves" test "$(wc -l <"$tmp/names")" -gt 5
check "every save before it is kept, and the file is whole" \
    "$STORE_STRESS" verify "$mnt" "$tmp/names"

# The journal freed its room on rollback: take every byte left.
cat /dev/zero >"$mnt/filler" 2>/dev/null
cp "$mnt/scenarios.db" "$tmp/before"
"$STORE_STRESS" save "$mnt" 100000 1 >"$tmp/out" 2>"$tmp/err"
check "another save fails too" test "$?" -eq 1
check "... and leaves the file as it was" cmp "$mnt/scenarios.db" \
    "$tmp/before"
check "... with no journal left behind" \
    test ! -e "$mnt/scenarios.db-journal"
check "... and prints nothing as saved" test ! -s "$tmp/out"
done_testing
