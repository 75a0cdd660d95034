#!/usr/bin/env bash
# tunnels.sh - decode/tunnel.c against Debian's tcpdump: the packet each
# tunnel carries (IP-in-IP, 6in4, 4in6, 6in6, GRE with IP and with
# Ethernet, GRE in GRE, PPTP's GRE with PPP, VXLAN, Geneve, VXLAN in GRE)
# has the addresses and ports tcpdump prints inside it, and packets that
# only look like tunnels (PPP LCP, plain UDP) carry none. The capture is
# built by tests/lib/gen_tunnels.py; the tool that prints what netprofile
# finds is the unit test tests/unit/test_tunnel.c with NP_TUNNEL_PCAP set.
# One difference is on purpose and checked as such: a VXLAN header without
# its I flag (RFC 7348: the VNI is not valid) carries nothing for
# netprofile, while tcpdump prints the frame after it anyway.
# The PPTP lab capture (tests/lab) is not in the repository: a PPTP
# session's GRE/PPP with DNS inside is built here instead.
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" tunnels
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
command -v tcpdump >/dev/null || abort "tcpdump is needed (apt-get install tcpdump)"
lib=$here/build/libnetprofile.a
[ -f "$lib" ] || abort "$lib is not built (run make)"
cc -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O1 -g -o "$tmp/test_tunnel" "$here/tests/unit/test_tunnel.c" \
	"$lib" $(pkg-config --libs libpcap sqlite3) -lm -pthread || abort "tests/unit/test_tunnel.c does not build"
python3 "$here/tests/lib/gen_tunnels.py" "$tmp/tun.pcap" || abort "gen_tunnels.py failed"

NP_TUNNEL_PCAP=$tmp/tun.pcap "$tmp/test_tunnel" >"$tmp/ours" 2>"$tmp/ours.err"
check "netprofile's walk through the capture ran ($(wc -l <"$tmp/ours") packets)" \
	'[ -s "$tmp/ours" ] && [ ! -s "$tmp/ours.err" ]'
# tcpdump's text, one line per packet (VXLAN's inner frame comes on a line
# of its own): the number of IP headers it printed, and the innermost
# "address.port > address.port".
tcpdump -n -tt -r "$tmp/tun.pcap" 2>/dev/null | python3 "$here/tests/lib/tcpdump_inner.py" >"$tmp/theirs"
check "tcpdump read the capture ($(wc -l <"$tmp/theirs") packets)" \
	'[ "$(wc -l <"$tmp/theirs")" = "$(wc -l <"$tmp/ours")" ] && [ -s "$tmp/theirs" ]'

vxlan_no_i=17 # gen_tunnels.py's VXLAN header with the I flag clear
while read -r n kinds tuple; do
	read -r tn ips ttuple <<<"$(sed -n "${n}p" "$tmp/theirs")"
	if [ "$n" = "$vxlan_no_i" ]; then
		check "packet $n (VXLAN without the I flag): no inside for netprofile, tcpdump prints $ttuple" \
			'[ "$kinds" = - ] && [ "$ips" -ge 2 ]'
	elif [ "$kinds" = - ]; then
		check "packet $n: no tunnel, and tcpdump prints one IP header ($ips)" '[ "$ips" = 1 ]'
	else
		check "packet $n ($kinds): inside $tuple, tcpdump: $ttuple ($ips IP headers)" \
			'[ "$tuple" = "$ttuple" ] && [ "$ips" -ge 2 ]'
	fi
done <"$tmp/ours"
all_kinds() {
	for k in ipip 6in4 4in6 6in6 gre pptp vxlan geneve gre,gre gre,vxlan; do
		grep -q " $k " "$tmp/ours" || return 1
	done
}
check "every kind was found: ipip 6in4 4in6 6in6 gre pptp vxlan geneve, and nested (gre,gre gre,vxlan)" all_kinds
finish
