#!/usr/bin/env bash
# llc_stp.sh - Spanning Tree BPDUs and 802.2 LLC, against Debian's tcpdump.
#
# A seeded generator (python3, struct) writes captures of LLC 42/42 UI
# frames carrying BPDUs of every kind: 802.1D config (every flag byte) and
# TCN, RSTP (every port role / state flag combination), MSTP with 0-3 MSTI
# records and odd v3 lengths, SPB, and the malformed ones tcpdump calls
# invalid or unknown; plus non-STP LLC (XID, TEST, other U, I and S frames,
# unknown SAPs). Each goes out in Ethernet 802.3 (DLT_EN10MB), Linux cooked
# v1 (DLT_LINUX_SLL, protocol 4) and v2 (DLT_LINUX_SLL2), whole and cut at
# every length, so the " [|stp]" and " [|llc]" marks land where tcpdump's
# do; some cooked ones also behind an 802.1Q tag.
# Every capture is decoded by tcpdump and by `netprofile decode` with each
# option set; the texts must be byte-identical (one check per capture and
# option set).
#
#   NETPROFILE  binary to test (default build/netprofile)
#   KEEP=1      keep the generated captures (their directory is not removed)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" llc_stp
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

python3 - "$tmp" <<'EOF' || abort "generator failed"
import random
import struct
import sys

out = sys.argv[1]
rng = random.Random(802)

def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))

def bridge_id():
    return rbytes(8)

def timers():
    # message age, max age, hello, forward delay in 1/256 s: typical and random
    if rng.random() < 0.5:
        return struct.pack(">HHHH", rng.choice([0, 256, 512]), 20 * 256, 2 * 256, 15 * 256)
    return struct.pack(">HHHH", *(rng.getrandbits(16) for _ in range(4)))

def common(version, btype, flags):
    return (struct.pack(">HBBB", 0, version, btype, flags) + bridge_id() +
            struct.pack(">I", rng.getrandbits(32)) + bridge_id() +
            struct.pack(">H", rng.getrandbits(16)) + timers())

def mcid_name():
    kind = rng.randrange(4)
    if kind == 0:
        s = b"region-" + str(rng.randrange(1000)).encode()
    elif kind == 1:
        s = bytes(rng.randrange(0x21, 0x7f) for _ in range(32))
    elif kind == 2:
        s = bytes(rng.choice([0x01, 0x09, 0x7f, 0x80, 0xc1, 0xff, 0x41, 0x20]) for _ in range(rng.randrange(1, 33)))
    else:
        s = b""
    return (s + bytes(32))[:32]

def msti():
    return (bytes([rng.getrandbits(8)]) + bridge_id() + struct.pack(">I", rng.getrandbits(32)) +
            bytes([rng.getrandbits(8), rng.getrandbits(8), rng.getrandbits(8)]))

def mstp(version=3, nmsti=None, v3len=None, v1len=0, flags=None):
    if flags is None:
        flags = rng.getrandbits(8)
    if nmsti is None:
        nmsti = rng.randrange(4)
    body = (common(version, 2, flags) + bytes([v1len]))
    records = b"".join(msti() for _ in range(nmsti))
    if v3len is None:
        v3len = 64 + 16 * nmsti
    cfg = (bytes([rng.getrandbits(8)]) + mcid_name() + struct.pack(">H", rng.getrandbits(16)) + rbytes(16) +
           struct.pack(">I", rng.getrandbits(32)) + bridge_id() + bytes([rng.getrandbits(8)]))
    return body + struct.pack(">H", v3len) + cfg + records

def spb(v4len=None):
    m = mstp(version=4)
    if v4len is None:
        v4len = rng.choice([85, 85, 86, 100])
    part = (struct.pack(">H", v4len) + bytes([rng.getrandbits(8)]) + mcid_name() +
            struct.pack(">H", rng.getrandbits(16)) + rbytes(16) + rbytes(4) + struct.pack(">H", rng.getrandbits(16)) +
            rbytes(28))
    return m + part + rbytes(max(0, v4len + 2 - len(part)))

bpdus = []
# 802.1D configuration BPDUs: every flag byte.
for f in range(256):
    bpdus.append(common(0, 0, f) + (rbytes(rng.choice([0, 0, 1, 4])) if f % 7 == 0 else b""))
# Configuration BPDUs from RSTP and MSTP bridges (type 0).
for v in (2, 3, 4):
    for _ in range(6):
        bpdus.append(common(v, 0, rng.getrandbits(8)) + bytes(1))
# TCN.
bpdus += [struct.pack(">HBB", 0, 0, 0x80), struct.pack(">HBB", 0, 0, 0x80) + bytes(3),
          struct.pack(">HBB", 0, 2, 0x80)]
# RSTP: every port role and state flag combination.
for f in range(256):
    bpdus.append(common(2, 2, f) + bytes([0]))
# MSTP: 0-3 MSTIs, odd v3 lengths, random names.
for n in range(4):
    for _ in range(12):
        bpdus.append(mstp(nmsti=n))
for v3 in (0, 1, 15, 63, 64, 65, 79, 80, 81, 95, 96, 97, 111, 112, 113, 127, 128, 129, 143, 200):
    m = mstp(nmsti=0, v3len=v3)
    need = max(102, 38 + v3)
    bpdus.append(m + rbytes(max(0, need - len(m)) + rng.choice([0, 0, 5])))
# SPB.
for _ in range(8):
    bpdus.append(spb())
# Malformed and unknown.
bpdus += [b"", b"\x00", b"\x00\x00", b"\x00\x00\x00", b"\x00\x00\x00\x00",
          b"\x00\x01\x00\x00" + rbytes(40), b"\x12\x34" + rbytes(30),
          common(1, 0, 0), common(5, 0, 0), common(0x7f, 2, 0) + bytes(1),
          common(0, 0x01, 0), common(0, 0x81, 0), common(2, 0x40, 3) + bytes(1),
          common(0, 2, 0x7e) + bytes(1),            # type 2 of plain 802.1D: name only
          common(0, 0, 0)[:34], common(2, 2, 0x7c),   # one byte short each
          mstp(nmsti=1)[:101], mstp(nmsti=0, v1len=1), mstp(nmsti=2, v3len=64 + 48),
          spb(v4len=84), spb(v4len=300), mstp(version=4)]
# Random field values for the rest of a few hundred.
for _ in range(120):
    k = rng.randrange(4)
    if k == 0:
        bpdus.append(common(rng.choice([0, 2, 3]), 0, rng.getrandbits(8)) + rbytes(rng.randrange(3)))
    elif k == 1:
        bpdus.append(common(2, 2, rng.getrandbits(8)) + bytes([0]) + rbytes(rng.randrange(3)))
    elif k == 2:
        bpdus.append(mstp())
    else:
        bpdus.append(spb() if rng.random() < 0.3 else mstp(nmsti=rng.randrange(4)) + rbytes(rng.randrange(20)))

stp_llc = [b"\x42\x42\x03" + b for b in bpdus]
# STP SAPs with other control fields, and group / response bits.
stp_llc += [b"\x43\x42\x03" + bpdus[300], b"\x42\x43\x03" + bpdus[300], b"\x42\x42\x13" + bpdus[300],
            b"\x42\x42\xe3" + bytes(8), b"\x42\x42\x00\x02" + bytes(4), b"\x42\x42\x01\x00"]

# Non-STP LLC: XID, TEST, other U frames, I and S frames, unknown SAPs.
AVOID = {0x06, 0xaa, 0xe0, 0xf0, 0xfe}  # SAPs tcpdump hands to other printers

def saps():
    while True:
        d, s = rng.getrandbits(8), rng.getrandbits(8)
        if d == 0xff and s == 0xff:
            continue
        if (d & 0xfe) == (s & 0xfe) and (d & 0xfe) in AVOID | {0x42}:
            continue
        return bytes([d, s])

other = []
for ctl in (0xaf, 0xbf):
    for payload in (b"", b"\x81", b"\x81\x01", b"\x81\x01\x00", b"\x81\x01\x00\x7f\x00", b"\x80\x01\x02", b"\x01"):
        other.append(saps() + bytes([ctl]) + payload)
for ctl in (0xe3, 0xf3, 0x63, 0x73, 0x43, 0x53, 0x0f, 0x1f, 0x6f, 0x7f, 0x87, 0x97, 0x03, 0x13, 0x27, 0xcb):
    other.append(saps() + bytes([ctl]) + rbytes(rng.randrange(0, 20)))
for _ in range(30):  # I frames
    other.append(saps() + struct.pack("<H", rng.getrandbits(16) & 0xfffe) + rbytes(rng.randrange(0, 30)))
for _ in range(20):  # S frames
    other.append(saps() + struct.pack("<H", (rng.getrandbits(16) & 0xfff3 | 1) & ~0x02) + rbytes(rng.randrange(0, 4)))
for sap in (0x00, 0x02, 0x04, 0x0e, 0x4e, 0x7e, 0x8e, 0xfe, 0xaa, 0xe0, 0xf0, 0x06, 0x10, 0xfc):
    other.append(bytes([sap, sap, 0xe3]) + rbytes(5))
    if sap | 1 != 0xff:  # ff/ff is Novell raw 802.3 IPX
        other.append(bytes([sap | 1, sap | 1, 0x01, 0x0b]))
other += [saps(), saps()[:1], b""]

def pcap(name, dlt, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, dlt))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

def ether(llc, pad):
    src = bytes([0x00, 0x1b, 0x21]) + rbytes(3)
    frame = b"\x01\x80\xc2\x00\x00\x00" + src + struct.pack(">H", len(llc)) + llc
    if pad and len(frame) < 60:
        frame += bytes(60 - len(frame))
    return frame

def vlan(llc):
    # an 802.1Q tag whose inner type is a length: tcpdump goes on as 802.2
    return struct.pack(">HH", rng.getrandbits(16), rng.choice([len(llc), 0, 1500])) + llc

def sll(llc, tagged=False):
    halen = rng.choice([6, 6, 0, 8])
    hdr = struct.pack(">HHH", rng.choice([0, 1, 2, 3, 4, 4, 7]), 1, halen) + (rbytes(halen) + bytes(8))[:8]
    return hdr + (struct.pack(">H", 0x8100) + vlan(llc) if tagged else struct.pack(">H", 4) + llc)

def sll2(llc, tagged=False):
    halen = rng.choice([6, 6, 0])
    proto, llc = (0x8100, vlan(llc)) if tagged else (4, llc)
    return (struct.pack(">HHIHBB", proto, 0, rng.choice([1, 1, 0, 4242]), 1, rng.choice([0, 1, 2, 3, 4, 9]), halen) +
            (rbytes(halen) + bytes(8))[:8] + llc)

def whole(frames):
    return [(f, len(f)) for f in frames]

def cuts(frames, hdrlen):
    return [(f[:n], len(f)) for f in frames for n in range(hdrlen, len(f))]

for link, dlt, hdrlen, wrap in (("ether", 1, 14, lambda l: ether(l, rng.random() < 0.5)),
                                ("sll", 113, 16, sll), ("sll2", 276, 20, sll2)):
    s = [wrap(l) for l in stp_llc]
    o = [wrap(l) for l in other]
    pcap(f"{link}_stp", dlt, whole(s))
    pcap(f"{link}_stp_cut", dlt, cuts(s, hdrlen))
    pcap(f"{link}_llc", dlt, whole(o))
    pcap(f"{link}_llc_cut", dlt, cuts(o, hdrlen))
    if link != "ether":  # ether.c's own VLAN walk is tested elsewhere
        t = [wrap(l, True) for l in stp_llc[::16] + other[::4]]
        pcap(f"{link}_vlan", dlt, whole(t) + cuts(t, hdrlen))
EOF

compare_captures "$tmp" "-n" "-n -v" "-n -e" "-n -vv -e" "-n -x"
summary
