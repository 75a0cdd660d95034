#!/usr/bin/env bash
# lmp_hncp_printers.sh - the LMP (RFC 4204, UDP 701 and -T lmp) and HNCP
# (RFC 7788/7787, UDP 8231) printers against Debian's tcpdump on
# randomised packets.
#
# A seeded generator (python3, tests/lib/netpkt.py) writes, per protocol, a
# capture of frames with typical, random and malformed field values (every
# LMP object class and C-Type, data link subobjects, bad lengths; every HNCP
# TLV, nested TLVs, IPv4-mapped and IPv6 prefixes, DHCPv4/v6 data, DNS
# labels, bad lengths), and a second capture of some frames cut at every
# length past the IP header, so each truncation mark must land where
# tcpdump's does. Every capture is decoded by tcpdump and by `netprofile
# decode` with each option set; the texts must be byte-identical.
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" lmp_hncp_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$(dirname "$0")/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, rand_helpers, udp, write_printer_captures

out = sys.argv[1]
rng = random.Random(1931)


rbytes, u8 = rand_helpers(rng)


def lmp_body(cls, ct):
    if cls in (1, 2, 5, 9, 10):
        return rbytes(rng.choice([4] * 6 + [8, 0]))
    if cls in (3, 4):
        return rbytes(16 if ct in (3, 4) else 4) if rng.random() < 0.85 else rbytes(8)
    if cls == 6:
        return rbytes(rng.choice([4] * 6 + [8]))
    if cls == 7:
        return rbytes(rng.choice([8] * 6 + [4]))
    if cls == 8:
        return struct.pack(">HHIBBH", u8(), u8(), u8(), rng.choice([1, 5, 8, 99]), 0,
                           rng.choice([0x8000, 8000, 1, 0])) + rbytes(8) if rng.random() < 0.9 else rbytes(12)
    if cls in (11, 12):
        base = bytes([rng.randrange(0, 8), 0, 0, 0]) + rbytes(32 if ct == 2 else 8)
        if cls == 12:
            for _ in range(rng.randrange(0, 3)):
                st = rng.choice([1, 1, 2, 3])
                sl = rng.choice([12, 12, 8, 4, 2, 6, 40])
                base += bytes([st, sl, rng.choice([1, 51, 100, 7]), rng.choice([1, 5, 8, 42])]) + \
                    (struct.pack(">f", rng.choice([1e6, 2.5e9, 0.0])) + rbytes(100))[:max(sl - 4, 0)]
            base += b"\0" * (-len(base) % 4)
        return base if rng.random() < 0.9 else base[:8]
    if cls in (13, 14):
        step = (16 if ct == 2 else 4) + (4 if cls == 13 else 0)
        return b"".join(rbytes(step - 4) + struct.pack(">I", rng.choice([0x80000001, 0x40000002, 3, u8()]))
                        if cls == 13 else rbytes(step) for _ in range(rng.randrange(0, 3))) + rbytes(rng.choice([0, 0, 4]))
    if cls == 20:
        return rbytes(rng.choice([4, 4, 8]))
    if cls == 51:
        n = {1: 4, 2: 16, 3: 8, 4: 4}.get(ct, 4)
        b = bytes([rng.choice([5, 6, 7]), rng.choice([5, 8, 12, 99])]) + rbytes(n)
        return b[:n] if rng.random() < 0.9 else b[:n + 4]
    return rbytes(4 * rng.randrange(0, 3))


def lmp():
    objs = b""
    for _ in range(rng.randrange(0, 5)):
        cls = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 20, 51, 99])
        ct = rng.choice([1, 1, 2, 3, 4, 5, 6, 9])
        body = lmp_body(cls, ct)
        olen = 4 + len(body)
        if rng.random() < 0.05:
            olen = rng.choice([0, 2, 5, olen + 4])
        objs += bytes([ct | rng.choice([0, 0x80]), cls]) + struct.pack(">H", olen) + body
    ln = 8 + len(objs)
    if rng.random() < 0.08:
        ln = rng.choice([0, 4, ln + 8])
    hdr = struct.pack(">HBBHH", rng.choice([0x1000] * 12 + [0x2000]), rng.randrange(0, 4),
                      rng.choice(list(range(0, 22)) + [50, 51, 52, 77]), ln, 0)
    src = rng.choice(["10.0.0.1", "fe80::1"])
    dst = "10.0.0.2" if ":" not in src else "fe80::2"
    return eth(udp(src, 701, dst, rng.choice([701, 701, 40000]), hdr + objs))


def dns_labels():
    s = b"".join(bytes([len(w)]) + w for w in rng.sample([b"home", b"lan", b"example", b"x" * 20, b"a"], rng.randrange(0, 3)))
    return s + (b"\0" if rng.random() < 0.85 else b"")


def pad(b):
    return b + b"\0" * (-len(b) % 4)


def prefix():
    if rng.random() < 0.5:
        pl = rng.choice([96 + 24, 96 + 32, 96 + 8, 96 + 40, 96])
        return bytes([pl]) + b"\0" * 10 + b"\xff\xff" + rbytes((pl - 96 + 7) // 8 if pl <= 128 else 4)
    pl = rng.choice([0, 44, 56, 64, 128, 130])
    return bytes([pl]) + rbytes(min((pl + 7) // 8, 16))


def tlv(t, body):
    return struct.pack(">HH", t, len(body)) + pad(body)


def hncp_tlv(depth=0):
    t = rng.choice([1, 2, 3, 4, 5, 8, 9, 10, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 0, 6, 100, 800, 2000])
    nest = (lambda: b"".join(hncp_tlv(depth + 1) for _ in range(rng.randrange(0, 3)))) if depth < 2 else (lambda: b"")
    if t in (1,):
        b = b"" if rng.random() < 0.9 else rbytes(4)
    elif t == 2:
        b = rbytes(rng.choice([4, 4, 3]))
    elif t in (3, 4):
        b = rbytes(rng.choice([8, 8, 6]))
    elif t == 5:
        b = rbytes(20) + nest() if rng.random() < 0.9 else rbytes(12)
    elif t == 8:
        b = rbytes(rng.choice([12, 12, 8]))
    elif t == 9:
        b = rbytes(rng.choice([8, 8, 4]))
    elif t == 10:
        b = rbytes(36) + rng.choice([b"router", b"", b"cn\0x"])
    elif t == 32:
        b = rbytes(4) + rng.choice([b"hnetd/1.0", b"", b"a\0b"])
    elif t == 33:
        b = nest()
    elif t == 34:
        b = rbytes(8) + pad(prefix()) + nest()
    elif t == 35:
        b = rbytes(5) + pad(prefix()) + nest()
    elif t == 36:
        b = rbytes(4) + rng.choice([b"\0" * 10 + b"\xff\xff" + rbytes(4), rbytes(16)]) + nest()
    elif t == 37:
        b = b"".join(bytes([o, n]) + rbytes(n) for o, n in
                     [(rng.choice([6, 42, 119, 1]), rng.choice([4, 8, 3, 0])) for _ in range(rng.randrange(0, 3))])
        if rng.random() < 0.3:
            labels = dns_labels()
            b += bytes([119, len(labels)]) + labels
    elif t == 38:
        b = b"".join(struct.pack(">HH", o, n) + rbytes(n) for o, n in
                     [(rng.choice([23, 31, 24, 1]), rng.choice([16, 32, 8, 0])) for _ in range(rng.randrange(0, 3))])
    elif t == 39:
        b = rbytes(16) + bytes([rng.randrange(0, 8)]) + pad(dns_labels()) + nest()
    elif t == 40:
        b = dns_labels()
    elif t == 41:
        n = rng.choice([4, 8, 70])
        b = rbytes(16) + bytes([n]) + b"r" * n + nest()
    elif t == 42:
        b = rbytes(32) + nest()
    elif t == 43:
        pol = rng.choice([0, 0, 24, 120, 129, 130, 131, 200])
        b = bytes([pol]) + (prefix()[1:] if 1 <= pol <= 128 else dns_labels() if pol == 129 else
                            b"opaque" if pol == 130 else rbytes(rng.choice([0, 0, 2])))
    else:
        b = rbytes(rng.choice([0, 4, 5]))
    out = tlv(t, b)
    if rng.random() < 0.04:
        out = struct.pack(">HH", t, len(b) + rng.choice([3, 40])) + out[4:]
    return out


def hncp():
    body = b"".join(hncp_tlv() for _ in range(rng.randrange(1, 5)))
    if rng.random() < 0.05:
        body += rbytes(rng.choice([1, 2, 3]))
    return eth(udp("fe80::1", 8231, "ff02::11", 8231, body))


write_printer_captures(out, "lmp", [lmp() for _ in range(300)], every=4, start=34)
write_printer_captures(out, "hncp", [hncp() for _ in range(300)], every=5, start=62)
EOF2

for opts in "-n" "-n -v" "-n -vv" "-n -e" "-n -T lmp" "-n -T lmp -v"; do
	for cap in "$tmp"/lmp.pcap "$tmp"/lmp_cut.pcap; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
done
for opts in "-n" "-n -v" "-n -vv" "-n -vvv"; do
	for cap in "$tmp"/hncp.pcap "$tmp"/hncp_cut.pcap; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
done
summary
