#!/bin/sh
# install-deps.sh - make sure the Debian packages netprofile needs are here.
#
# As root, installs what is missing with apt-get; as another user, stops and
# names the apt-get line to run. Called by `make demo` and `make check`.
#   build:  gcc make pkg-config libpcap-dev libsqlite3-dev libjson-c-dev libfixbuf-dev libpq-dev
#           libssl-dev (libcrypto: decode -E decrypts ESP)
#   postgres: postgresql (the server tests/postgres.sh and bench/store.sh start)
#   tests:  tcpdump (the oracle for `decode`), clang (libFuzzer target),
#           openssl (encrypts tests/aaa_printers.sh's ESP frames),
#           libfixbuf-tools (ipfixDump, tests/ipfix.sh),
#           argus-server argus-client (tests/argus.sh)
#   report: libjs-chart.js (Chart.js, inlined into `netprofile report`'s page),
#           chromium python3-websocket (tests/report.sh drives the page in a browser)
#   bench:  softflowd nfdump (nfpcapd) and argus (peers), time (peak memory),
#           tcpreplay (bench/live.sh and tests/live.sh send packets with it)
#   install, package, lint: man-db (man --warnings, lexgrog), bash-completion,
#           debhelper and lintian (make deb), clang-format cppcheck clang-tidy
# With --lab (`make lab`, `make check`), and only as root, also LAB_PACKAGES:
# the real servers and clients of the lab (tests/lab/), which runs as root only.
set -eu

PACKAGES="gcc make pkg-config libpcap-dev libsqlite3-dev libjson-c-dev libfixbuf-dev libpq-dev libssl-dev postgresql libfixbuf-tools sqlite3 tcpdump clang python3
 argus-server argus-client softflowd nfdump time libjs-chart.js chromium python3-websocket
 man-db bash-completion debhelper lintian clang-format cppcheck clang-tidy tcpreplay openssl"
# chrony replaces systemd-timesyncd (they conflict). No service of these is
# started by the install (see policy-rc.d below): the lab starts its own.
LAB_PACKAGES="iproute2 ethtool dnsmasq-base nginx bind9-dnsutils curl iputils-ping openssl
 openssh-server openssh-client inetutils-inetd inetutils-telnetd inetutils-telnet vsftpd tnftp
 chrony pptpd pptp-linux expect traceroute isc-dhcp-client"
if [ "${1:-}" = "--lab" ] && [ "$(id -u)" = 0 ]; then
	PACKAGES="$PACKAGES $LAB_PACKAGES"
fi

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
# Installing a server package must not start its service (a system sshd on the
# host, chrony reaching for public NTP servers): Debian's policy-rc.d hook
# denies every start for the length of the install, unless one is already set.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 0755 /usr/sbin/policy-rc.d
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	trap 'exit 1' INT TERM
fi
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
