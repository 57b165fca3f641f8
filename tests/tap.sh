# tap.sh: shared by the shell tests, sourced after CITYRANK is set.
# TAP output for automake's tap-driver, a scratch directory, and ways to
# run cityrank and check what it printed.
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi
}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# Scenarios and the recent imports go to a scratch data home, never the
# user's; a test that wants its own sets it after this.
XDG_DATA_HOME=$tmp/xdg
export XDG_DATA_HOME

# run ARGS...: stdout to $tmp/out, stderr to $tmp/err, status in $rc
run() { "$CITYRANK" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# fails DESC STATUS WANT ARGS...: that status, WANT on stderr, no stdout
fails() {
	d=$1 want_rc=$2 want=$3; shift 3
	run "$@"
	if [ "$rc" -eq "$want_rc" ] && grep -qF -- "$want" "$tmp/err" &&
	    [ ! -s "$tmp/out" ]; then
		ok "$d"
	else
		not_ok "$d (status $rc)"; sed 's/^/# /' "$tmp/err"
	fi
}
# done_testing: the plan, and the status the driver reads.
done_testing() { echo "1..$n"; [ "$failed" -eq 0 ]; }
