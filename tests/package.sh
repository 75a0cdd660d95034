#!/usr/bin/env bash
# package.sh - the Debian package (make deb) installed on this machine and
# removed again: `netprofile --version` runs from /usr/bin, `man -w` finds
# the pages, the completion and the unit are in place and the unit is not
# enabled; lintian reports no error; after `dpkg --purge` none of its files
# is left. Reuses build/deb/netprofile_VERSION_*.deb when it is newer than
# every source it is made of, else runs `make deb` (about a minute).
# Root only (dpkg -i); skipped with a message otherwise, or when a
# netprofile is already installed (this test does not replace it).
. "$(dirname "$0")/lib/suite.sh" package
cd "$here" || abort "no tree"
[ "$(id -u)" = 0 ] || skip_all "not root (dpkg -i needs root)"
command -v dpkg-buildpackage >/dev/null && command -v dh >/dev/null ||
	skip_all "dpkg-dev or debhelper missing (scripts/install-deps.sh installs them)"
if dpkg-query -W -f='${Status}' netprofile 2>/dev/null | grep -q installed || [ -e /usr/bin/netprofile ]; then
	skip_all "a netprofile is already installed here; not replacing it"
fi

version=$(sed -n 's/^#define [A-Z_]*VERSION "\(.*\)"/\1/p' src/cli/main.c)
deb=$(ls build/deb/netprofile_"$version"_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ] || [ -n "$(find src man contrib debian Makefile -newer "$deb" -type f | head -1)" ]; then
	make -s deb >"$tmp/build.log" 2>&1
	st=$?
	tail -5 "$tmp/build.log"
	deb=$(ls build/deb/netprofile_"$version"_*.deb 2>/dev/null | head -1)
	check "make deb builds netprofile_${version}_ARCH.deb (exit $st)" '[ $st = 0 ] && [ -f "$deb" ]'
	[ -f "$deb" ] || finish
fi
ok

if command -v lintian >/dev/null; then
	lintian "$deb" >"$tmp/lintian" 2>&1
	check "lintian: no error ($(grep -c '^E:' "$tmp/lintian") errors, $(grep -c '^W:' "$tmp/lintian") warnings)" \
		"! grep -q '^E:' '$tmp/lintian'"
else
	skip "lintian missing"
fi

# dpkg against another install running at the same time: wait for its lock.
dpkg_wait() {
	local i
	for ((i = 0; i < 60; i++)); do
		"$@" >"$tmp/dpkg.log" 2>&1 && return 0
		grep -q 'lock' "$tmp/dpkg.log" || { cat "$tmp/dpkg.log"; return 1; }
		sleep 2
	done
	return 1
}
cleanup() {
	dpkg --purge netprofile >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

dpkg_wait dpkg -i "$deb"
check "dpkg -i $deb" '[ $? = 0 ]'
dpkg -L netprofile >"$tmp/files"
check "netprofile --version from /usr/bin: $(/usr/bin/netprofile --version 2>&1 | tr '\n' '|')" \
	"/usr/bin/netprofile --version | head -1 | grep -qx 'netprofile version $version' && /usr/bin/netprofile --version | grep -q '^libpcap version' && /usr/bin/netprofile --version | grep -q '^SQLite version'"
for page in netprofile netprofile-decode netprofile-flows netprofile-servers netprofile-watch; do
	check "man -w $page: $(man -w "$page" 2>&1)" "man -w $page 2>/dev/null | grep -q '^/usr/share/man/man1/$page.1.gz\$'"
done
check "the page renders: man netprofile-servers names its options" \
	"MANWIDTH=80 man netprofile-servers 2>/dev/null | grep -q -- '--quiet-after'"
check "bash completion installed" '[ -f /usr/share/bash-completion/completions/netprofile ]'
unit=/lib/systemd/system/netprofile-watch.service
check "the unit installed, starting /usr/bin/netprofile" "grep -q '^ExecStart=/usr/bin/netprofile watch ' $unit"
check "the unit is not enabled (no wants link)" \
	"[ -z \"\$(find /etc/systemd/system -name netprofile-watch.service 2>/dev/null)\" ]"

dpkg_wait dpkg --purge netprofile
check "dpkg --purge netprofile" '[ $? = 0 ]'
left=""
while read -r f; do
	[ -f "$f" ] && left="$left $f"
done <"$tmp/files"
check "no file of the package is left:${left:- none}" '[ -z "$left" ]'
check "the package is gone from dpkg's database" "! dpkg-query -W -f='\${Status}' netprofile 2>/dev/null | grep -q installed"
finish
