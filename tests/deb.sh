#!/bin/sh
# The Debian package, as a user's IT department would meet it: built from
# a clean copy of HEAD (git archive: no configure, no data set yet),
# checked by lintian (an error fails), installed with apt-get, run, and
# removed.  For CI, as root on a fresh Debian 12: it installs what the
# build needs (apt-get build-dep) and lintian.  Not part of make check.
#
# The package's own make check is skipped (nocheck): the same suite runs
# in CI already (./quickstart test).  Prints how long each step took.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
	echo "deb.sh: run as root: it installs and removes packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
export DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck
start=$(date +%s)
last=$start
failed=0
step() {
	now=$(date +%s)
	echo "deb.sh: $1 ($((now - last)) s)"
	last=$now
}
ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$top" archive --format=tar --prefix=cityrank/ HEAD | tar -x -C "$work"
src=$work/cityrank
step "a clean copy of $(git -C "$top" rev-parse --short HEAD)"

# An image fresh from the installer may have no package lists yet.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
	apt-get update -qq
fi
apt-get build-dep -y -qq -P nocheck "$src" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; exit 1; }
apt-get install -y -qq --no-install-recommends lintian >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; exit 1; }
step "build dependencies and lintian installed"

(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 ||
    { tail -n 50 "$work/build.log" >&2; exit 1; }
deb=$(ls "$work"/cityrank_*.deb)
step "built $(basename "$deb")"

# Errors fail; warnings and notes are shown (debian/README.source says
# which are kept and why).
if lintian --fail-on error --info --display-info "$work"/cityrank_*.changes \
    >"$work/lintian.log" 2>&1; then
	ok "lintian: no errors"
else
	not_ok "lintian: no errors"
fi
sed 's/^/# /' "$work/lintian.log"
step "lintian"

apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; exit 1; }
step "installed with apt-get"

unset CITYRANK_DB
home=$work/home
mkdir "$home"
# as_user COMMAND...: in a clean environment, as a person would run it.
as_user() { env -i HOME="$home" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 "$@"; }
check "cityrank is /usr/bin/cityrank" \
    test "$(as_user sh -c 'command -v cityrank')" = /usr/bin/cityrank
as_user cityrank rank --format csv >"$work/rank.csv" 2>"$work/err" || true
# A header, then a line a city of the bundled data (data/entities.csv).
cities=$(($(grep -c . "$src/data/entities.csv") - 1))
check "cityrank rank: the bundled data set's $cities cities" \
    test "$(grep -c . "$work/rank.csv")" -eq $((cities + 1))
check "... and nothing on standard error" test ! -s "$work/err"
as_user cityrank rank >/dev/null 2>&1 && ok "cityrank rank: status 0" ||
    not_ok "cityrank rank: status 0"
version=$(sed -n 's/^AC_INIT(\[cityrank\], \[\([^]]*\)\].*/\1/p' \
    "$src/configure.ac")
as_user cityrank --version >"$work/version" 2>&1 || true
sed 's/^/# /' "$work/version"
check "cityrank --version: cityrank $version" \
    grep -qx "cityrank $version" "$work/version"
check "... with the libraries' versions" grep -q '^  SQLite ' "$work/version"
check "an installed theme loads: --theme light" \
    as_user cityrank --theme light rank
check "the man page is installed" test -f /usr/share/man/man1/cityrank.1.gz
check "the README is installed" test -f /usr/share/doc/cityrank/README.md.gz
check "the copyright file is installed" \
    test -f /usr/share/doc/cityrank/copyright
for f in /usr/share/bash-completion/completions/cityrank \
    /usr/share/zsh/vendor-completions/_cityrank \
    /usr/share/fish/vendor_completions.d/cityrank.fish; do
	check "completion installed: $f" test -s "$f"
done
check "completion: show 石 finds 石家庄 in the installed data set" \
    sh -c "env -i HOME='$home' PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
	cityrank __complete show 石 | grep -qx 石家庄"
if [ -f /usr/share/bash-completion/bash_completion ]; then
	check "bash-completion loads cityrank's on demand" \
	    as_user bash -c '. /usr/share/bash-completion/bash_completion
		_completion_loader cityrank
		complete -p cityrank | grep -q _cityrank'
fi
step "the installed package checked"

apt-get remove -y -qq cityrank >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; exit 1; }
check "removed: no /usr/bin/cityrank" test ! -e /usr/bin/cityrank
check "removed: no cityrank on PATH" \
    sh -c '! command -v cityrank'
check "removed: no /usr/share/cityrank" test ! -e /usr/share/cityrank
step "removed with apt-get"

echo "deb.sh: $(($(date +%s) - start)) s in all, $failed failed"
[ "$failed" -eq 0 ]
