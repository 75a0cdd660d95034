#!/usr/bin/env bash
# app_printers.sh - the application and transport printers of issue 19's
# fourth group (timed/TSP, ...) against Debian's tcpdump on randomised
# packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames with typical, random and malformed field values, and a second
# capture of the same frames cut at every length past the header the
# printer starts at, so each truncation mark must land where tcpdump's
# does. Every capture is decoded by tcpdump and by `netprofile decode`
# with each option set; the texts must be byte-identical (one check per
# capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" app_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
command -v tcpdump >/dev/null || abort "tcpdump missing"
command -v python3 >/dev/null || abort "python3 missing"

PYTHONPATH=$here/tests/lib python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, udp

out = sys.argv[1]
rng = random.Random(1919)
captures = []  # (name, frames, where the cut capture starts)

def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))

def u8():
    return rng.getrandbits(8)

def u32():
    return rng.getrandbits(32)

def over_udp(sport, dport, payload, v6=False):
    if v6:
        return eth(udp("2001:db8::1", sport, "2001:db8::2", dport, payload))
    return eth(udp("192.0.2.1", sport, "192.0.2.2", dport, payload))

UDP4 = 14 + 20 + 8

# timed (TSP, UDP 525): every message type and unknown ones, the time of
# the SET/ADJ messages with negative seconds and microseconds, names with
# and without their NUL, controls and 8-bit bytes in them.
def timed():
    t = rng.choice(list(range(25)) + [u8(), 24, 5, 1, 22, 23])
    body = struct.pack(">BBH", t, u8(), rng.getrandbits(16))
    sec = rng.choice([0, 1, -1, -5, u32() - (1 << 31), 1700000000])
    usec = rng.choice([0, 1, 999999, 500000, u32() - (1 << 31), -3])
    body += struct.pack(">ii", sec, usec)
    name = rng.choice([b"host.example\0", b"a\x01\xff\x7f\0", rbytes(rng.randrange(0, 20)), b"x" * 256, b"\0"])
    return over_udp(rng.choice([525, 1023]), 525, body + name + rbytes(rng.randrange(0, 4)))

captures.append(("timed", [timed() for _ in range(200)], UDP4))

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

for name, frames, start in captures:
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(start, len(f))])
EOF2

option_sets=("-n" "-n -v" "-n -vv" "-n -e")
for cap in "$tmp"/*.pcap; do
	for opts in "${option_sets[@]}"; do
		compare_with_tcpdump "$cap" $opts
	done
done
summary
