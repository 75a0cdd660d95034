#!/usr/bin/env python3
"""silent_ftp.py OUT: a capture of flows silent across many commits, for
`watch --commit 1` (tests/refresh.sh, tests/postgres.sh):
- an SSH session 10.0.1.1 -> 10.0.1.80:22 silent from 1 s to 40 s;
- an FTP control session 10.0.1.30 -> 10.0.1.21:21 silent from 1 s to 45 s,
  an active data connection from 10.0.1.21:20 opening at 20 s, and 30
  passive ones (ports 50000-50029), one a second from 23 s;
- a DNS exchange 10.0.2.1 -> 10.0.2.53 every second, so a commit falls
  every second."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netpkt import eth, ip4, udp, write_pcap_timed  # noqa: E402


def tcp(src, dst, sp, dp, flags, data=b""):
    return eth(ip4(src, dst, 6, struct.pack("!HHIIBBHHH", sp, dp, 1, 1, 5 << 4, flags, 65535, 0, 0) + data))


def dns(src, dst, sp, dp):
    return eth(udp(src, sp, dst, dp, b"\0" * 4))


def session(c, s, cp, sp, t, later):
    """A TCP session: handshake at t, an exchange at t + 0.5 and at each
    time of later, then FIN both ways a second after the last."""
    out = [(t, tcp(c, s, cp, sp, 0x02)), (t + 0.001, tcp(s, c, sp, cp, 0x12)), (t + 0.002, tcp(c, s, cp, sp, 0x10))]
    for u in [t + 0.5] + later:
        out += [(u, tcp(c, s, cp, sp, 0x18, b"x" * 40)), (u + 0.01, tcp(s, c, sp, cp, 0x18, b"y" * 80))]
    end = max([t + 0.5] + later) + 1
    return out + [(end, tcp(c, s, cp, sp, 0x11)), (end + 0.001, tcp(s, c, sp, cp, 0x11)),
                  (end + 0.002, tcp(c, s, cp, sp, 0x10))]


t0 = 1700000000.0
pkts = session("10.0.1.1", "10.0.1.80", 40000, 22, t0, [t0 + 40])
pkts += session("10.0.1.30", "10.0.1.21", 40001, 21, t0 + 0.2, [t0 + 45])
pkts += session("10.0.1.21", "10.0.1.30", 20, 41000, t0 + 20, [t0 + 21])
for i in range(30):
    pkts += session("10.0.1.30", "10.0.1.21", 42000 + i, 50000 + i, t0 + 23 + i, [])
for j in range(50):
    pkts += [(t0 + j + 0.3, dns("10.0.2.1", "10.0.2.53", 40002, 53)), (t0 + j + 0.31, dns("10.0.2.53", "10.0.2.1", 53, 40002))]
write_pcap_timed(sys.argv[1], pkts)
