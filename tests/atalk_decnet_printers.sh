#!/usr/bin/env bash
# atalk_decnet_printers.sh - AppleTalk DDP (over Ethernet and Linux ARCnet,
# with EIGRP inside) and DECnet Phase IV (routing header, routing control
# messages, NSP) against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct, tests/lib/netpkt.py) writes a capture of Ethernet frames
# with typical, random and malformed field values, per protocol, and a
# second capture of the same frames cut at every length past the Ethernet header (every length for ARCnet), so each
# truncation mark must land where tcpdump's does. Every capture is decoded
# by tcpdump and by `netprofile decode` with each option set; the texts must
# be byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" atalk_decnet_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH=$here/tests/lib python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers, write_printer_captures

out = sys.argv[1]
rng = random.Random(1904)

rbytes, u8 = rand_helpers(rng)

def le16(v):
    return struct.pack("<H", v & 0xffff)

def ether(etype, payload):
    return b"\xaa\x00\x04\x00\x01\x04\xaa\x00\x04\x00" + rbytes(2) + struct.pack(">H", etype) + payload

def dnaddr():
    return le16(rng.choice([1 << 10 | 1, 63 << 10 | 1023, rng.getrandbits(16)]))

def ackword():
    return le16(rng.choice([0x8000, 0x9000, 0xa000, 0xb000, 0]) | rng.getrandbits(12))

def nsp():
    kind = rng.choice(["data", "intr", "ls", "dack", "iack", "cack", "ci", "cc", "di", "dc", "rand"])
    flags = {"data": rng.choice([0x00, 0x20, 0x40, 0x60]), "intr": 0x30, "ls": 0x10, "dack": 0x04,
             "iack": 0x14, "cack": 0x24, "ci": rng.choice([0x18, 0x68]), "cc": 0x28, "di": 0x38,
             "dc": 0x48, "rand": u8()}[kind]
    body = bytes([flags]) + dnaddr() + dnaddr()
    if kind in ("data", "intr", "ls", "dack", "iack"):
        body += ackword() + ackword() + ackword()
        if kind == "ls":
            body += bytes([rng.choice([0, 1, 2, 3, 4, 8, u8()]), u8()])
        else:
            body += rbytes(rng.choice([0, 0, 4, 20]))
    elif kind in ("ci", "cc"):
        body += bytes([u8(), u8()]) + le16(rng.choice([16403, 576, u8()])) + bytes([rng.choice([0, 0, 3])]) + rbytes(rng.choice([0, 6]))
    elif kind in ("di", "dc"):
        body += le16(rng.choice([0, 9, 42, 41, 38, 54, 200])) + bytes([rng.choice([0, 0, 2])])
    else:
        body += rbytes(rng.randrange(0, 10))
    if rng.random() < 0.15:
        body = body[:rng.randrange(0, len(body) + 1)]
    return body

def ctl():
    t = rng.choice([1, 3, 5, 7, 9, 11, 13, 13, 15])
    src = dnaddr()
    if t == 1:
        body = src + bytes([u8()]) + le16(rng.choice([1498, u8()])) + bytes([2, 0, 0]) + le16(15) + b"\0"
    elif t in (3, 5):
        body = src + bytes([u8()]) + rbytes(rng.choice([0, 2]))
    elif t in (7, 9):
        body = src + b"\0" + b"".join(le16(rng.choice([1, 5, 2000, rng.getrandbits(10)])) + dnaddr() + le16(rng.getrandbits(16))
                                    for _ in range(rng.randrange(0, 4))) + le16(u8())
    elif t == 11:
        body = bytes([2, 0, 0]) + b"\xaa\x00\x04\x00" + src + bytes([u8()]) + le16(1498) + bytes([64, 0]) + le16(15) + b"\0" + rbytes(rng.choice([0, 7]))
    elif t == 13:
        body = bytes([2, 0, 0]) + b"\xaa\x00\x04\x00" + src + bytes([rng.choice([3, 0x43, 0x27, u8()])]) + le16(16434) + b"\0" + rbytes(8) + b"\xaa\x00\x04\x00" + dnaddr() + le16(10) + b"\0" + bytes([rng.choice([2, 0o252, u8()])])
    else:
        body = rbytes(rng.randrange(0, 12))
    return bytes([t | rng.choice([0, 0, 0x40, 0x80 | rng.randrange(0, 3)])]) + body

def ddp(cut=True):
    # NBP (2) and ATP (3) are left out: netprofile prints them as their
    # DDP type and length only, where tcpdump decodes them.
    t = rng.choice([1, 4, 5, 6, 22, 23, 0x4b, 88, 88, u8() | 4])
    if t == 88:
        body = bytes([2, rng.choice([1, 2, 3, 5, 10]), 0, 0]) + rbytes(8) + struct.pack(">HH", 0, 0) + rbytes(rng.choice([0, 8]))
    else:
        body = rbytes(rng.choice([0, 1, 8, 30]))
    hdr = struct.pack(">HHHHBBBBB", len(body) + 13, 0, rng.choice([0, 1, 65280, rng.getrandbits(16)]),
                      rng.choice([0, 2, rng.getrandbits(16)]), rng.choice([255, 1, u8()]), rng.choice([255, 7, u8()]),
                      rng.choice([1, 2, 4, 6, u8()]), rng.choice([1, 2, 4, 6, u8()]), t)
    pkt = hdr + body
    if cut and rng.random() < 0.1:
        pkt = pkt[:rng.randrange(0, 14)]
    return pkt

def arcnet():
    t = rng.choice([221, 221, 221, 212, 240, 0xc4, 213, 241, 250, 0x80, 247, u8()])
    if t in (212, 240):
        payload = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 28, u8(), 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + struct.pack(">HHHH", 1000, 2000, 8, 0)
    elif t == 221:
        payload = ddp()
    else:
        payload = rbytes(rng.choice([0, 4, 28]))
    hdr = bytes([u8(), u8()]) + rbytes(2) + bytes([t])
    if t not in (240, 241, 0x80):
        hdr += rbytes(3)
    return hdr + payload

def decnet():
    r = rng.random()
    if r < 0.35:
        route = ctl()
    elif r < 0.8:
        flags = rng.choice([2, 2, 0x0a, 0x2a, 0x12, 6, 0x2e, 0x40 | 2, 0x81, 0x82, 3, 4, u8()])
        if flags & 7 == 6 or flags & 0x87 == 0x86:
            route = bytes([flags, 0, 0]) + b"\xaa\x00\x04\x00" + dnaddr() + b"\0\0" + b"\xaa\x00\x04\x00" + dnaddr() + bytes([0, u8(), 0, 0]) + nsp()
        else:
            route = bytes([flags]) + dnaddr() + dnaddr() + bytes([u8()]) + nsp()
    else:
        route = rbytes(rng.randrange(0, 14))
    # pad bytes before the routing header now and then
    if rng.random() < 0.1 and route:
        n = rng.randrange(1, 4)
        route = bytes([0x80 | n]) + b"\0" * (n - 1) + route
    n = len(route)
    plen = rng.choice([n, n, n, n, n + 3, max(n - 2, 0), u8()])
    return ether(0x6003, le16(plen) + route)

write_printer_captures(out, "decnet", [decnet() for _ in range(600)], every=3, start=14)
write_printer_captures(out, "atalk", [ether(0x809b, ddp()) for _ in range(300)], every=3, start=14)
write_printer_captures(out, "arcnet", [arcnet() for _ in range(300)], dlt=129, every=3, start=0)
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -e" "-n -x" "-n -q -e"
summary
