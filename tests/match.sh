#!/bin/sh
# City patterns that backtrack without end: PCRE2's limit is reported as
# what it is (a usage error, exit 2), never as an unknown city, and
# patterns within the limits still find their city.  The units are
# imported from a small CSV, named like aaaa...ab.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

costly="the pattern is too costly: PCRE2's match limit was hit; simplify it"
a30=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
printf '%s\n' 'Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type' \
    '1,ind1,One,1,1,,,Index,Indicator' '1,ind2,Two,1,1,,,Index,Indicator' \
    '2,Index,Index,1,1,,,,Aggregate' >"$tmp/meta.csv"
printf '%s\n' 'uCode,uName,ind1,ind2' "U1,${a30}b,1,3" "U2,x${a30}b,2,2" \
    "U3,Beijing,3,1" >"$tmp/data.csv"
run import --data "$tmp/data.csv" --meta "$tmp/meta.csv" -o "$tmp/a.db"
check "import of units named aaaa...ab" test "$rc" -eq 0

# limited DESC ARGS...: exit 2, one line naming the limit, nothing else
limited() {
	d=$1; shift
	run --db "$tmp/a.db" "$@"
	if [ "$rc" -eq 2 ] && grep -qF -- "$costly" "$tmp/err" &&
	    ! grep -q unknown "$tmp/err" &&
	    [ "$(grep -c . "$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; then
		ok "$d"
	else
		not_ok "$d (status $rc)"; sed 's/^/# /' "$tmp/err"
	fi
}
limited "show (a+)+\$: PCRE2's match limit, exit 2" show '(a+)+$'
limited "compare with (a|aa)+\$: the same" compare Beijing '(a|aa)+$'
fails "a nested repeat that is also too costly: (a*)*\$" 2 "$costly" \
    --db "$tmp/a.db" show '(a*)*$'

run --db "$tmp/a.db" show '^x.*b$'
check "a pattern within the limits finds its unit" \
    sh -c "[ $rc -eq 0 ] && grep -q '(U2)' '$tmp/out'"
fails "a pattern that matches nothing is still an unknown city" 2 \
    "unknown city 'zzz'" --db "$tmp/a.db" show zzz

done_testing
