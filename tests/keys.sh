#!/bin/sh
# The explorer's keys have one source: the tables in tui/*.c that
# dispatch them also write the help, and `cityrank __keys man` writes
# the man page's KEYS section.  Checks that the man page holds exactly
# that output, that no key in a table is dead (bound twice, or taken
# first by a global or a list key), and that every table reaches the
# man page and the plain list.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

man="$SRCDIR/doc/cityrank.1"
run __keys check
check "no key in a table is dead (__keys check: status 0, silent)" \
    sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/err' ] && [ ! -s '$tmp/out' ]"

run __keys man
cp "$tmp/out" "$tmp/want"
check "__keys man: status 0" [ "$rc" -eq 0 ]
sed -n '/^\.\\" BEGIN KEYS$/,/^\.\\" END KEYS$/p' "$man" |
    sed '1d;$d' >"$tmp/have"
check "the man page has a KEYS section between its markers" \
    grep -q '^\.Sh KEYS$' "$man"
if cmp -s "$tmp/want" "$tmp/have"; then
	ok "the man page's key lists are the tables' (__keys man)"
else
	not_ok "the man page's key lists are the tables' (__keys man)"
	diff "$tmp/want" "$tmp/have" | sed 's/^/# /' | head -20
	echo "# fix: paste 'cityrank __keys man' between the markers of" \
	    "doc/cityrank.1"
fi

# Every table has its heading in the man page and in the plain list,
# and the same number of entries in each.
run __keys text
check "__keys text: status 0" [ "$rc" -eq 0 ]
heads_man=$(grep -c '^\.Ss ' "$tmp/want")
heads_text=$(grep -c '^[^ ]' "$tmp/out")
check "as many tables in the man page as in the plain list ($heads_text)" \
    [ "$heads_man" -eq "$heads_text" ]
check "the man page's list has at least the 12 tables of views and modes" \
    [ "$heads_man" -ge 12 ]
items_man=$(grep -c '^\.It ' "$tmp/want")
items_text=$(grep -c '^  ' "$tmp/out")
check "as many keys in the man page as in the plain list ($items_text)" \
    [ "$items_man" -eq "$items_text" ]
for title in "Everywhere" "Moving, in every list" "Ranking (1)" \
    "Presentation (P, or cityrank present)"; do
	check "the man page lists the keys of '$title'" \
	    grep -qxF ".Ss $title" "$tmp/want"
done
# mdoc reads a bare word such as "No" or "|" as a macro or a delimiter:
# every key is escaped.
check "every key word in the man page is escaped with \\&" \
    sh -c "! grep '^\.It Cm' '$tmp/want' | grep -v '^\.It Cm\( \\\\&[^ ]*\)*\$'"
if command -v groff >/dev/null; then
	groff -mandoc -Tutf8 -ww -z "$man" 2>"$tmp/groff"
	check "groff finds nothing wrong in the KEYS section's macros" \
	    sh -c "! grep -v 'invalid input character\|cannot adjust' \
	    '$tmp/groff'"
else
	skip "groff reads the man page" "no groff"
fi
fails "__keys with an unknown format: usage, status 2" 2 \
    "usage: cityrank __keys" __keys roff
done_testing
