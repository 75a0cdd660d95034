#!/usr/bin/env bash
# fr_printers.sh - Frame Relay (DLT_FRELAY: Q.922 addresses of 2 to 4
# bytes, NLPIDs, Cisco-style ethertypes, FRF.15 fragments, Q.933/LMI
# signalling), multilink Frame Relay (DLT_MFR: FRF.16 control and fragment
# frames) and Cisco VTP (SNAP 00000c/2003, over Ethernet/LLC and over Frame
# Relay) against Debian's tcpdump on randomised packets (issue 19).
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames with typical, random and malformed field values, and a second
# capture of the same frames cut at every length, so each truncation mark
# must land where tcpdump's does. Every capture is decoded by tcpdump and by
# `netprofile decode` with each option set; the texts must be
# byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" fr_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers

out = sys.argv[1]
rng = random.Random(1907)

rbytes, u8 = rand_helpers(rng)

def ipv4_udp(payload):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 28 + len(payload), u8(), 0, 64, 17, 0,
                       bytes([10, 0, 0, u8()]), bytes([10, 0, 1, 2])) + \
        struct.pack(">HHHH", 1000 + u8(), 2000, 8 + len(payload), 0) + payload

def q922(size):
    """A Q.922 address of size bytes (EA set on the last), sometimes broken."""
    b = [rbytes(1)[0] & 0xfe for _ in range(size)]
    b[-1] |= 1
    if rng.random() < 0.05:
        b[0] |= 1          # EA on the first byte: invalid
    if size == 4 and rng.random() < 0.1:
        b[-1] &= 0xfe      # no EA within 4 bytes: invalid
    if rng.random() < 0.1:
        b[0] &= 0x03       # DLCI 0 (with 2-byte addresses)
        b[1] &= 0x0f
    return bytes(b)

def vtp():
    t = rng.choice([1, 2, 2, 3, 4, 9])
    dlen = rng.choice([1, 5, 8, 32, 0, 33])
    dom = (b"corp"[:dlen] + b"\0" * 32)[:32]
    hdr = bytes([rng.choice([1, 2, 3]), t, u8(), dlen]) + dom
    if t == 1:
        body = rbytes(36)
    elif t == 2:
        body = struct.pack(">I", rng.getrandbits(32))
        for _ in range(rng.randrange(0, 4)):
            name = b"vlan" + str(u8()).encode()
            nl = rng.choice([len(name), len(name), 0, 40])
            padded = name + b"\0" * (-len(name) % 4)
            tlvs = b""
            for _ in range(rng.randrange(0, 4)):
                tl = rng.choice([1, 1, 1, 0, 2])
                tlvs += bytes([rng.choice([1, 3, 6, 7, 9, 10, 12]), tl]) + struct.pack(">H", rng.choice([1, 2, 3])) * tl
            rec = bytes([0, rng.choice([0, 1, 5]), rng.choice([1, 2, 3, 4, 5, 9]), nl]) + \
                struct.pack(">HHI", u8(), 1500, 100000 + u8()) + padded + tlvs
            ln = rng.choice([len(rec)] * 8 + [0, 8, len(rec) + 4])
            body += bytes([ln & 0xff]) + rec[1:]
    elif t == 3:
        body = struct.pack(">I", u8())
    else:
        body = rbytes(rng.randrange(0, 8))
    return hdr + body

def snap_vtp():
    return b"\xaa\xaa\x03\x00\x00\x0c\x20\x03" + vtp()

def llc_frame(payload):
    return b"\x01\x00\x0c\xcc\xcc\xcc\x00\x11\x22\x33\x44\x55" + struct.pack(">H", len(payload)) + payload

def q933():
    crlen = rng.choice([0, 0, 1, 1, 2, 15])
    msg = bytes([rng.choice([0, 8, 8, 0x10]) | crlen]) + rbytes(crlen) + \
        bytes([rng.choice([0x7d, 0x75, 0x05, 0x45, 0x99])])
    if rng.random() < 0.5:
        msg += bytes([rng.choice([0x95, 0x9d, 0x90, 0x98])])
    for _ in range(rng.randrange(0, 5)):
        code = rng.choice([0x01, 0x03, 0x19, 0x07, 0x51, 0x53, 0x57, 0x57, 0x07, 0x9d, 0x95, 0x00, 0x33])
        if code & 0x80:
            msg += bytes([code])
            continue
        if code in (0x07, 0x57):
            v = rng.choice([bytes([0x3f & u8(), 0x80 | u8()]) + bytes([0x80 | u8()]),
                            bytes([0x3f & u8(), 0x7f & u8(), 0x80 | u8()]),
                            bytes([0x3f & u8(), 0x7f & u8(), 0x7f & u8(), 0x80 | u8()]),
                            bytes([0x3f & u8(), 0x7f & u8(), 0x7f & u8(), 0x7f & u8(), 0x80 | u8()]),
                            rbytes(rng.randrange(0, 7))])
        elif code in (0x03, 0x53, 0x19):
            v = rbytes(rng.choice([2, 2, 1]))
        else:
            v = rbytes(rng.choice([1, 1, 0, 3]))
        ln = rng.choice([len(v)] * 8 + [len(v) + 3])
        msg += bytes([code, ln]) + v
    return msg

def fr_payload():
    kind = rng.choice(["ip", "ip6", "snap", "q933", "q933", "frf15", "ppp", "unknown", "clnp", "cisco"])
    if kind == "ip":
        return b"\x03\xcc" + ipv4_udp(rbytes(6))
    if kind == "ip6":
        return b"\x03\x8e" + b"\x60\x00\x00\x00\x00\x08\x11\x40" + rbytes(32) + rbytes(8)
    if kind == "snap":
        return b"\x03\x00\x80" + rng.choice([b"\x00\x00\x00\x08\x00" + ipv4_udp(b""), b"\x00\x00\x0c\x20\x03" + vtp(),
                                            b"\x00\x80\xc2\x00\x07" + rbytes(20), rbytes(8)])
    if kind == "q933":
        return rng.choice([b"\x03\x08", b"\x03\x00\x08"]) + q933()
    if kind == "frf15":
        return b"\x03\xb1" + rbytes(rng.choice([2, 2, 1, 10]))
    if kind == "ppp":
        return b"\x03\xcf" + b"\x00\x21" + ipv4_udp(b"")
    if kind == "clnp":
        return b"\x03\x00\x81" + rbytes(10)
    if kind == "cisco":
        return struct.pack(">H", rng.choice([0x0800, 0x86dd, 0x1234])) + ipv4_udp(b"")
    return bytes([rng.choice([3, 3, 7]), rng.choice([0x09, 0x85, 0x55, 0])]) + rbytes(rng.randrange(0, 12))

def fr_frame():
    return q922(rng.choice([2, 2, 2, 3, 4])) + fr_payload()

def mfr_frame():
    if rng.random() < 0.5:
        ies = b""
        for _ in range(rng.randrange(0, 5)):
            t = rng.choice([1, 2, 3, 3, 5, 6, 7, 9, 0])
            v = {1: b"bundle0\0", 2: b"link1", 3: rbytes(rng.choice([4, 4, 2])), 5: rbytes(rng.choice([16, 8]))}.get(
                t, rbytes(rng.randrange(0, 6)))
            ln = rng.choice([len(v) + 2] * 8 + [1, 2, len(v) + 9])
            ies += bytes([t, ln]) + v
        return bytes([0xe1 | rng.choice([0, 0x1e]), rng.choice([0, 0, 0, 1]), rng.choice([1, 2, 3, 4, 5, 6, 7, 9])]) + ies
    flags = rng.choice([0xc0, 0x80, 0x40, 0x00]) | (u8() & 0x1e) | 1
    return bytes([flags, u8()]) + fr_frame()

captures = [
    ("fr", [fr_frame() for _ in range(500)], 107),
    ("mfr", [mfr_frame() for _ in range(400)], 182),
    ("vtp", [llc_frame(snap_vtp()) for _ in range(300)], 1),
]

def pcap(name, frames, linktype):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

for name, frames, linktype in captures:
    pcap(name, [(f, len(f)) for f in frames], linktype)
    start = 14 if linktype == 1 else 0
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(start, len(f))], linktype)
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -e" "-n -q"
summary
