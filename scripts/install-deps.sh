#!/bin/sh
# install-deps.sh - make sure the Debian packages netprofile needs are here.
#
# As root, installs what is missing with apt-get; as another user, stops and
# names the apt-get line to run. Called by `make demo` and `make check`.
#   build:  gcc make pkg-config libpcap-dev
#   tests:  tcpdump (the oracle for `decode`), clang (libFuzzer target),
#           argus-server argus-client (tests/argus.sh)
#   bench:  softflowd nfdump (nfpcapd) and argus (peers), time (peak memory)
set -eu

PACKAGES="gcc make pkg-config libpcap-dev libsqlite3-dev sqlite3 tcpdump clang python3 argus-server argus-client softflowd nfdump time"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "netprofile: missing Debian packages:$missing" >&2
	echo "Run as root:  apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
