#!/usr/bin/env python3
"""tcpdump_inner.py - reads `tcpdump -n -tt` text on standard input and
prints, per packet, "N IPS TUPLE": its number, how many IP headers tcpdump
printed for it, and the innermost "address.port > address.port" it printed
("-" if none). A packet's text may go on over further lines (VXLAN's inner
frame is printed on a line of its own). For tests/tunnels.sh and
tests/decap.sh, which compare what netprofile finds inside tunnels with
what tcpdump prints there."""
import re
import sys

pkts = []
for line in sys.stdin:
    if re.match(r"^\d+\.\d+ ", line):
        pkts.append(line.strip())
    elif pkts:
        pkts[-1] += " " + line.strip()
for n, p in enumerate(pkts, 1):
    ips = len(re.findall(r"(?:^|: |\s)IP6? ", p))
    m = re.findall(r"IP6? ([0-9a-f:.]+?)\.(\d+) > ([0-9a-f:.]+?)\.(\d+):", p)
    print(n, ips, "%s.%s > %s.%s" % m[-1] if m else "-")
