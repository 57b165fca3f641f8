#!/bin/sh
# cityrank --version: the version configure.ac gives, the licence, and
# the version of each library it runs with, as pkg-config reports the
# installed ones (the shared library loaded is the one installed).
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

version=$(sed -n 's/^AC_INIT(\[cityrank\], \[\([^]]*\)\].*/\1/p' \
    "$SRCDIR/configure.ac")
run --version
check "--version: status 0, nothing on standard error" \
    sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/err' ]"
check "the first line is 'cityrank $version'" \
    sh -c "head -n 1 '$tmp/out' | grep -qx 'cityrank $version'"
check "the licence: GPL version 3 or later" \
    grep -q 'GNU GPL version 3 or later' "$tmp/out"
cp "$tmp/out" "$tmp/long"
run -V
check "-V says the same" cmp -s "$tmp/out" "$tmp/long"

# lib NAME PKG: the line "  NAME VERSION" names the installed version.
lib() {
	if ! command -v pkg-config >/dev/null ||
	    ! want=$(pkg-config --modversion "$2" 2>/dev/null); then
		skip "$1's version" "no pkg-config for $2"
		return
	fi
	if grep -Eq "^  $1 +$want( |\$)" "$tmp/long"; then
		ok "$1 $want, as installed"
	else
		not_ok "$1 $want, as installed"
		sed 's/^/# /' "$tmp/long"
	fi
}
lib SQLite sqlite3
lib ncurses ncursesw
lib PCRE2 libpcre2-8
lib xxHash libxxhash
lib GSL gsl
# GLPK ships no pkg-config file: its version is in its header.
want=$(printf '#include <glpk.h>\nGLP_MAJOR_VERSION.GLP_MINOR_VERSION\n' |
    cpp -P 2>/dev/null | tail -n 1 | tr -d ' ')
if [ -z "$want" ]; then
	skip "GLPK's version" "glpk.h not found"
elif grep -Eq "^  GLPK +$want\$" "$tmp/long"; then
	ok "GLPK $want, as installed"
else
	not_ok "GLPK $want, as installed"
	sed 's/^/# /' "$tmp/long"
fi
done_testing
