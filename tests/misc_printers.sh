#!/usr/bin/env bash
# misc_printers.sh - the smaller printers of issue 19's last batch (the
# Arista timestamp header, Cisco IGRP, DVMRP in IGMP, Novell IPX with SAP
# and RIP over Ethernet II, 802.2 and raw 802.3, AppleTalk ARP, ETSI
# GeoNetworking with BTP, CALM FAST, ATA over Ethernet, LISP control
# messages, PTP; RFC 1483 and Classical IP over ATM) against Debian's
# tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames with typical, random and malformed field values, and a second
# capture of the same frames cut at every length past the Ethernet header,
# so each truncation mark must land where tcpdump's does. Every capture is
# decoded by tcpdump and by `netprofile decode` with each option set; the
# texts must be byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" misc_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers

out = sys.argv[1]
rng = random.Random(1913)

rbytes, u8 = rand_helpers(rng)

def ether(etype, payload):
    return b"\x3e\x6f\xf3\x74\x23\x7c\x2e\xb7\x3f" + rbytes(3) + struct.pack(">H", etype) + payload

def ipv4(proto, payload):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), u8(), 0, 64, proto, 0,
                       bytes([10, 0, 0, u8()]), bytes([224, 0, 0, 4])) + payload

def arista():
    sub = rng.choice([1, 1, 1, 1, 2])
    fmt = rng.choice([1, 1, 2, 2, 3]) << 4 | rng.choice([0, 1, 5])
    ts = rbytes(8 if fmt >> 4 == 1 else 6)
    if rng.random() < 0.3:
        ts = struct.pack(">II", rng.choice([0, 1700000000, 4000000000]), rng.choice([0, 999999999, 4294967295]))
    hdr = struct.pack(">HBB", sub, rng.choice([0, 1, 2]), fmt) + ts
    inner = rng.choice([struct.pack(">H", 0x0800) + ipv4(17, struct.pack(">HHHH", 1000, 53, 12, 0) + rbytes(4)),
                        struct.pack(">H", 0xd28b) + struct.pack(">HBB", 1, 0, 0x20) + rbytes(6) + b"\x08\x06" + rbytes(28),
                        struct.pack(">H", 0x8100) + struct.pack(">H", u8()) + b"\x86\xdd\x60\0\0\0\0\0\x3b\x40" + rbytes(32),
                        rbytes(rng.randrange(0, 6))])
    return ether(0xd28b, hdr + inner)

def igrp():
    ni, ns, nx = rng.randrange(0, 3), rng.randrange(0, 3), rng.randrange(0, 3)
    n = ni + ns + nx + rng.choice([0, 0, 0, 1, -1])
    routes = b"".join(rbytes(3) + struct.pack(">I", rng.choice([0, 100, 0xffffff, rng.getrandbits(24)]))[1:] +
                      struct.pack(">I", rng.choice([0, 1, 10000, rng.getrandbits(24)]))[1:] +
                      struct.pack(">HBBB", 1500, 255, 1, u8()) for _ in range(max(n, 0)))
    hdr = struct.pack(">BBHHHHH", rng.choice([0x11, 0x12, 0x13, 0x21]), u8(), u8(), ni, ns, nx, u8())
    body = hdr + routes + rbytes(rng.choice([0, 0, 0, 3, 20]))
    if rng.random() < 0.1:
        body = body[:rng.randrange(0, 12)]
    return ether(0x0800, ipv4(9, body))

def dvmrp():
    t = rng.choice(range(1, 11))
    grp = bytes([0, 0, rng.randrange(0, 8), rng.randrange(0, 13)])
    if t == 1:
        body = struct.pack(">I", rng.getrandbits(32)) + rbytes(4 * rng.randrange(0, 3)) + rbytes(rng.choice([0, 0, 2]))
    elif t == 2:
        body = b""
        for _ in range(rng.randrange(0, 3)):
            mask = bytes([rng.choice([0, 255]), rng.choice([0, 255, 240]), rng.choice([0, 0, 128])])
            width = 4 if mask[2] else 3 if mask[1] else 2 if mask[0] else 1
            body += mask
            k = rng.randrange(1, 3)
            for i in range(k):
                body += rbytes(width) + bytes([(0x80 if i == k - 1 else 0) | rng.randrange(0, 32)])
        body += rbytes(rng.choice([0, 0, 1, 2]))
    elif t in (4, 6):
        body = b""
        for _ in range(rng.randrange(0, 3)):
            nc = rng.randrange(0, 3)
            body += rbytes(4) + bytes([u8(), u8()]) + (bytes([rng.choice([0, 0x41, 0x7f, 0x12])]) if t == 6 else b"") + \
                bytes([nc + rng.choice([0, 0, 0, 1])]) + rbytes(4 * nc)
    elif t in (7, 8, 9):
        body = rbytes(8) + (struct.pack(">I", rng.choice([0, 59, 3600, 0x80000000, rng.getrandbits(32)])) if t == 7 else b"")
    else:
        body = rbytes(rng.randrange(0, 8))
    igmp = bytes([0x13, t]) + b"\0\0" + grp + body
    if rng.random() < 0.05:
        igmp = igmp[:rng.randrange(2, 8)]
    return ether(0x0800, ipv4(2, igmp))

def ipx():
    skt = rng.choice([0x0451, 0x0452, 0x0452, 0x0453, 0x0453, 0x0455, 0x0456, 0x0553, 0x4000])
    if skt == 0x0452:
        cmd = rng.choice([1, 2, 3, 4, 9])
        data = struct.pack(">H", cmd)
        if cmd in (1, 3):
            data += struct.pack(">H", rng.choice([4, 0x0278, u8()]))
        else:
            for _ in range(rng.randrange(0, 3)):
                data += struct.pack(">H", 4) + (b"FILESRV" + bytes(48))[:48] + rbytes(10) + rbytes(4)
            data += rbytes(rng.choice([0, 0, 5, 40]))
    elif skt == 0x0453:
        cmd = rng.choice([1, 2, 2, 7])
        data = struct.pack(">H", cmd) + b"".join(struct.pack(">IHH", rng.getrandbits(32), u8(), u8())
                                                 for _ in range(rng.randrange(0, 4))) + rbytes(rng.choice([0, 0, 3]))
    else:
        data = rbytes(rng.randrange(0, 10))
    length = rng.choice([30 + len(data)] * 8 + [29, 12, 30 + len(data) + 9])
    hdr = struct.pack(">HHBBI6sHI6sH", 0xffff, length, 0, 4, rng.getrandbits(32), rbytes(6), skt,
                      rng.getrandbits(32), rbytes(6), rng.choice([0x4000, 0x0452]))
    pkt = hdr + data
    how = rng.choice(["eth2", "llc", "raw"])
    if how == "eth2":
        return ether(0x8137, pkt)
    if how == "llc":
        body = b"\xe0\xe0\x03" + pkt
    else:
        body = pkt
    return b"\x3e\x6f\xf3\x74\x23\x7c\x2e\xb7\x3f" + rbytes(3) + struct.pack(">H", len(body)) + body

def aarp():
    body = struct.pack(">HHBBH", rng.choice([1, 1, 1, 2]), rng.choice([0x809b] * 4 + [0x0800]), rng.choice([6] * 5 + [4]),
                       rng.choice([4] * 5 + [6]), rng.choice([1, 2, 3, 4])) + \
        rbytes(6) + bytes([0, u8(), u8(), rng.choice([u8(), 255])]) + rbytes(6) + bytes([0, u8(), u8(), rng.choice([u8(), 255])])
    return ether(0x80f3, body[:rng.choice([28] * 8 + [20, 0])] + rbytes(rng.choice([0, 0, 4])))

def geonet():
    ht = rng.choice([0, 1, 2, 3, 4, 5, 5, 6, 9])
    body = bytes([rng.choice([1, 2]) << 4 | rng.choice([0, 1, 2, 3, 5]), ht << 4 | rng.randrange(0, 4)]) + rbytes(2) + \
        struct.pack(">H", u8()) + bytes([0, u8()]) + rbytes(28)
    body += rbytes(rng.choice([0, 32, 32, 10])) + struct.pack(">HH", rng.choice([2001, 2002]), u8()) + \
        bytes([rng.choice([1, 2]), rng.choice([0, 1, 2, 101, 150, 77])]) + rbytes(rng.randrange(0, 12))
    if rng.random() < 0.1:
        body = body[:rng.randrange(0, 40)]
    if rng.random() < 0.3:
        return ether(0x1111, bytes([u8(), u8()]) + rbytes(rng.randrange(0, 8)))
    return ether(rng.choice([0x8947, 0x8947, 0x0707]), body)

def aoe():
    cmd = rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 7])
    if cmd == 0:
        arg = rbytes(12) + rbytes(rng.choice([0, 0, 512, 7]))
    elif cmd == 1:
        cs = b"config" * rng.randrange(0, 3)
        arg = struct.pack(">HHBBH", u8(), u8(), u8(), rng.choice([0x10, 0x13, 0x1f]),
                          rng.choice([len(cs)] * 6 + [len(cs) + 9, 2000])) + cs
    elif cmd == 2:
        n = rng.randrange(0, 3)
        arg = bytes([0, rng.choice([0, 1, 5]), rng.choice([0, 1, 3, 9]), n + rng.choice([0, 0, 0, 1])]) + \
            b"".join(bytes([0, rng.choice([0, 1, 2, 7])]) + rbytes(6) for _ in range(n))
    elif cmd == 3:
        n = rng.randrange(0, 3)
        arg = bytes([rng.choice([0, 1, 2, 9]), n + rng.choice([0, 0, 0, 1])]) + rbytes(6 * n) + rbytes(rng.choice([0, 0, 3]))
    else:
        arg = rbytes(rng.randrange(0, 6))
    hdr = bytes([rng.choice([0x10, 0x18, 0x1c, 0x14, 0x13, 0x20]), rng.randrange(0, 8)]) + \
        struct.pack(">HBBI", u8(), u8(), cmd, rng.getrandbits(32))
    return ether(0x88a2, (hdr + arg)[:rng.choice([10000] * 9 + [0, 5])])

def udp(sport, dport, payload):
    return ether(0x0800, ipv4(17, struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload))

def lisp():
    t = rng.choice([3, 3, 4, 4, 1, 2, 8, 0, 9])
    flags = rng.choice([0, 2, 8, 0xa]) | rng.choice([0, 0x01])
    auth = rbytes(rng.choice([0, 20, 32, 5]))
    recs = b""
    n = rng.choice([0, 1, 1, 2, 3])
    for _ in range(n):
        afi = rng.choice([1, 1, 2, 2, 16387])
        locs = b""
        nl = rng.randrange(0, 3)
        for _ in range(nl):
            lafi = rng.choice([1, 2, 3])
            locs += bytes([u8(), u8(), u8(), u8()]) + struct.pack(">HH", rng.choice([0, 1, 5, 7]), lafi) + \
                rbytes(4 if lafi == 1 else 16 if lafi == 2 else 0)
        recs += struct.pack(">IBBBBHH", rng.choice([1440, 0, u8()]), nl, rng.choice([24, 32, 64, 128]), u8(), 0,
                            u8(), afi) + rbytes(4 if afi == 1 else 16) + locs
    tail = rbytes(rng.choice([0, 24, 24, 10]))
    hdr = bytes([t << 4 | flags, 0, rng.choice([0, 1]), n + rng.choice([0, 0, 0, 1])]) + rbytes(8) + \
        struct.pack(">HH", rng.choice([0, 1, 2, 9]), len(auth))
    return udp(4342, rng.choice([4342, 50000]), hdr + auth + recs + tail)

def ptp():
    t = rng.choice([0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 5])
    hdr = bytes([rng.choice([0, 0x10]) | t, rng.choice([2, 2, 2, 2, 1, 3])]) + struct.pack(">H", u8()) + \
        bytes([u8(), u8()]) + struct.pack(">H", rng.choice([0, 0x0200, 0x0208, 0x18c0, rng.getrandbits(16)])) + \
        rbytes(6) + rbytes(2) + rbytes(4) + rbytes(8) + rbytes(4) + bytes([rng.choice([0, 1, 5, 9]), u8()])
    body = rbytes(rng.choice([10, 20, 30, 44, 3, 0]))
    pkt = hdr + body
    if rng.random() < 0.05:
        pkt = pkt[:rng.randrange(0, 34)]
    if rng.random() < 0.5:
        return ether(0x88f7, pkt)
    return udp(rng.choice([319, 320]), rng.choice([319, 320]), pkt)

captures = [
    ("ptp", [ptp() for _ in range(300)]),
    ("lisp", [lisp() for _ in range(300)]),
    ("aoe", [aoe() for _ in range(300)]),
    ("aarp", [aarp() for _ in range(200)]),
    ("geonet", [geonet() for _ in range(300)]),
    ("arista", [arista() for _ in range(300)]),
    ("igrp", [igrp() for _ in range(300)]),
    ("dvmrp", [dvmrp() for _ in range(400)]),
    ("ipx", [ipx() for _ in range(400)]),
]

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

def atm_payload():
    return rng.choice([b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + ipv4(17, struct.pack(">HHHH", 1000, 53, 12, 0) + rbytes(4)),
                       b"\xaa\xaa\x03\x00\x80\xc2\x00\x07" + rbytes(20),
                       bytes([u8(), u8(), rng.choice([0x03, 0xaf, 0xbf, u8()])]) + rbytes(rng.randrange(0, 8)),
                       ipv4(17, struct.pack(">HHHH", 1000, 53, 12, 0) + rbytes(4)), rbytes(rng.randrange(0, 4))])

# ATM without an ATM header: LINKTYPE_ATM_RFC1483 (100) and LINKTYPE_ATM_CLIP (106).
for name, linktype in (("atmrfc1483", 100), ("atmclip", 106)):
    frames = [atm_payload() for _ in range(150)]
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, data in enumerate(frames + [fr[:n] for fr in frames[::3] for n in range(len(fr))]):
            f.write(struct.pack("<IIII", 1700000000, i * 1000, len(data), len(data) + 4))
            f.write(data)

for name, frames in captures:
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(14, len(f))])
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -e" "-n -q"
summary
