#!/usr/bin/env bash
# install.sh - `make install` and `make uninstall` with PREFIX and DESTDIR,
# into a scratch directory: the binary, every man page (found by man -M),
# the bash completion and the unit, whose ExecStart names the installed
# binary; uninstall leaves no file behind.
. "$(dirname "$0")/lib/suite.sh" install
cd "$here" || abort "no tree"
[ -x build/netprofile ] || abort "build/netprofile is not built"
stage=$tmp/stage
prefix=/opt/np
make -s install DESTDIR="$stage" PREFIX=$prefix >"$tmp/log" 2>&1
check "make install DESTDIR=... PREFIX=$prefix: $(tail -2 "$tmp/log")" '[ $? = 0 ]'
root=$stage$prefix
check "the binary runs: $("$root/bin/netprofile" --version 2>&1 | head -1)" "'$root/bin/netprofile' --version | grep -q '^netprofile version '"
for page in man/*.1; do
	name=$(basename "$page" .1)
	check "man -M finds $name" "man -M '$root/share/man' -w '$name' 2>/dev/null | grep -q '^$root/share/man/man1/$name.1\$'"
done
check "bash completion in share/bash-completion/completions/netprofile" \
	"cmp -s contrib/netprofile.bash '$root/share/bash-completion/completions/netprofile'"
unit=$root/lib/systemd/system/netprofile-watch.service
check "the unit, its ExecStart at $prefix/bin/netprofile: $(grep '^ExecStart=' "$unit" 2>&1 | cut -c1-60)" \
	"grep -q '^ExecStart=$prefix/bin/netprofile watch ' '$unit' && ! grep -q /usr/local/bin '$unit'"
make -s install DESTDIR="$tmp/default" >/dev/null 2>&1
check "PREFIX defaults to /usr/local" "[ -x '$tmp/default/usr/local/bin/netprofile' ] && grep -q '^ExecStart=/usr/local/bin/netprofile ' '$tmp/default/usr/local/lib/systemd/system/netprofile-watch.service'"
make -s uninstall DESTDIR="$stage" PREFIX=$prefix >"$tmp/log" 2>&1
check "make uninstall" '[ $? = 0 ]'
left=$(find "$stage" -type f | tr '\n' ' ')
check "nothing left after make uninstall: ${left:-nothing}" '[ -z "$left" ]'
finish
