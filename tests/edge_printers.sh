#!/usr/bin/env bash
# edge_printers.sh - the printers of issue 19's second batch (MACsec,
# MPLS, Babel, AHCP, VXLAN, VXLAN-GPE, NSH, Geneve, OTV, MS NLB, sFlow,
# SOME/IP, Broadcom LI, Ethernet loopback, VQP; the Marvell DSA/EDSA,
# Broadcom tag, IPoIB, ipnet and vsock link types) against Debian's
# tcpdump on randomised packets.
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
. "$(dirname "$0")/lib/suite.sh" edge_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers

out = sys.argv[1]
rng = random.Random(1919)
captures = []  # (name, frames, where the cut capture starts)

rbytes, u8 = rand_helpers(rng)

def ether(etype, payload):
    return b"\x3e\x6f\xf3\x74\x23\x7c\x2e\xb7\x3f" + rbytes(3) + struct.pack(">H", etype) + payload

def ipv4(proto, payload, dst=b"\xc0\xa8\x01\x02"):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), u8(), 0, 64, proto, 0,
                       bytes([192, 168, 1, u8()]), dst) + payload

def ipv4_udp(sport, dport, payload):
    return ether(0x0800, ipv4(17, struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload))

# MACsec: every TCI bit (version, ES, SC, SCB, E, C) and AN, short lengths
# right, too long and with reserved bits, SCI present or not, an inner
# IPv4/UDP or VLAN-tagged or 802.3-length payload, ICVs whole and short.
def macsec():
    tci = rng.choice([0x20, 0x20, 0x28, 0x2c, 0x24, 0x00, 0x40, 0x10, 0x80, u8()]) | rng.randrange(4)
    inner = rng.choice([
        b"\x08\x00" + ipv4(17, struct.pack(">HHHH", 37459, 6666, 12, 0) + rbytes(4)),
        b"\x81\x00" + struct.pack(">H", rng.getrandbits(16)) + b"\x08\x06" + rbytes(28),
        struct.pack(">H", rng.randrange(0, 60)) + b"\xaa\xaa\x03" + rbytes(10),
        rbytes(rng.randrange(0, 40)),
    ])
    sl = rng.choice([0, 0, len(inner), len(inner) + 5, len(inner) - 3 if len(inner) > 3 else 1, u8()])
    tag = bytes([tci, sl & 0xff]) + struct.pack(">I", rng.getrandbits(32))
    if tci & 0x20:
        tag += rbytes(8)
    return ether(0x88e5, tag + inner + rbytes(rng.choice([16, 16, 16, 3])))

captures.append(("macsec", [macsec() for _ in range(300)], 14))

# MPLS: stacks of one to four entries with reserved and ordinary labels,
# IPv4, IPv6 and unknown payloads (OSI payloads, first byte 0x81-0x83, are
# left out: tcpdump's isoclns printer is not here yet), stacks that end
# without the S bit, over Ethernet (0x8847, 0x8848) and UDP port 6635.
def mpls():
    payload = rng.choice([
        ipv4(1, b"\x08\x00\x00\x00" + rbytes(12)),
        b"\x60" + rbytes(3) + struct.pack(">HBB", 8, 17, 64) + rbytes(32) + rbytes(8),
        bytes([rng.choice([0x00, 0x12, 0x70, 0xff, 0x45])]) + rbytes(rng.randrange(0, 20)),
        b"",
    ])
    stack = b""
    n = rng.randrange(1, 5)
    for i in range(n):
        label = rng.choice([0, 1, 2, 3, 7, 15, 16, 100704, (1 << 20) - 1, rng.getrandbits(20)])
        s = 1 if i == n - 1 and rng.random() < 0.9 else 0
        stack += struct.pack(">I", label << 12 | rng.randrange(8) << 9 | s << 8 | u8())
    body = stack + payload
    if rng.random() < 0.3:
        return ipv4_udp(rng.choice([6635, 50000]), 6635, body)
    return ether(rng.choice([0x8847, 0x8847, 0x8848]), body)

captures.append(("mpls", [mpls() for _ in range(300)], 14))

# Babel: version 2 (and others, and a bad magic), every TLV type with
# right, short and random lengths, each address encoding (0-3 and bad),
# omitted prefix bytes, sub-TLVs (pad, diversity, timestamps, unknown,
# mandatory), bodies longer than the packet, trailers.
def babel_prefix(ae, plen):
    n = {1: 4, 2: 16, 3: 8}.get(ae, rng.randrange(0, 6))
    return rbytes(min(n, (plen + 7) // 8)) if rng.random() < 0.95 else rbytes(rng.randrange(0, 17))

def babel_subtlvs():
    out = b""
    for _ in range(rng.randrange(0, 4)):
        t = rng.choice([0, 1, 2, 3, 3, 0x83, 9])
        if t == 0:
            out += b"\x00"
            continue
        v = {1: rbytes(rng.randrange(0, 4)), 2: bytes(rng.choice([0, 1, 7, 255]) for _ in range(rng.randrange(0, 4))),
             3: rbytes(rng.choice([4, 8, 2]))}.get(t & 0x7f, rbytes(rng.randrange(0, 5)))
        out += bytes([t, rng.choice([len(v)] * 6 + [len(v) + 3])]) + v
    return out

def babel_tlv():
    t = rng.choice(list(range(0, 21)) + [4, 5, 8, 8, 8, 10, 13, 14, 15])
    if t == 0:
        return b"\x00"
    ae = rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 3] * 4 + [4])
    plen = rng.choice(([0, 8, 24, 32] if ae == 1 else [0, 8, 48, 64, 128]) * 6 + [u8()])
    body = {
        1: lambda: rbytes(rng.randrange(0, 6)),
        2: lambda: b"\0\0" + rbytes(4),
        3: lambda: rbytes(2),
        4: lambda: struct.pack(">HHH", rng.choice([0, 0x8000]), u8(), rng.choice([0, 400, 65535])) + babel_subtlvs(),
        5: lambda: bytes([ae, 0]) + struct.pack(">HH", u8(), rng.choice([0, 1200])) +
            rbytes({1: 4, 2: 16, 3: 8}.get(ae, 0)) + babel_subtlvs(),
        6: lambda: b"\0\0" + rbytes(8),
        7: lambda: bytes([ae, 0]) + rbytes({1: 4, 2: 16, 3: 8}.get(ae, rng.randrange(0, 3))),
        8: lambda: bytes([ae, rng.choice([0x80, 0x40, 0xc0, 0, 0x01]), plen, rng.choice([0, 0, 1, 2, 4, 17])]) +
            struct.pack(">HHH", rng.choice([400, 0, 65535]), u8(), u8()) + babel_prefix(ae, plen) + babel_subtlvs(),
        9: lambda: bytes([ae, plen]) + babel_prefix(ae, plen),
        10: lambda: bytes([ae, plen]) + struct.pack(">HBB", u8(), u8(), 0) + rbytes(8) + babel_prefix(ae, plen),
        11: lambda: rbytes(6),
        12: lambda: rbytes(rng.choice([18, 22, 10])),
        13: lambda: bytes([ae, rng.choice([0, 8, 32]), plen, rng.choice([0, 0, 2])]) +
            struct.pack(">HHH", 400, u8(), u8()) + babel_prefix(ae, plen) + babel_prefix(ae, 8) + babel_subtlvs(),
        14: lambda: bytes([ae, plen, rng.choice([0, 16])]) + babel_prefix(ae, plen) + babel_prefix(ae, 16),
        15: lambda: bytes([ae, plen]) + struct.pack(">HBB", u8(), u8(), 8) + rbytes(8) + babel_prefix(ae, plen) +
            babel_prefix(ae, 8),
        16: lambda: rbytes(rng.randrange(0, 20)),
        17: lambda: rbytes(rng.choice([4, 8, 2])),
        18: lambda: rbytes(rng.randrange(0, 20)),
        19: lambda: rbytes(rng.randrange(0, 20)),
    }.get(t, lambda: rbytes(rng.randrange(0, 8)))()
    if rng.random() < 0.04:
        body = body[:rng.randrange(0, len(body) + 1)]
    return bytes([t, len(body) if rng.random() < 0.97 else u8()]) + body

def babel():
    body = b"".join(babel_tlv() for _ in range(rng.randrange(0, 6)))
    trailer = b"".join(babel_tlv() for _ in range(rng.choice([0, 0, 0, 1, 2])))
    blen = rng.choice([len(body)] * 8 + [len(body) + len(trailer) + 4, max(len(body) - 3, 0)])
    hdr = bytes([rng.choice([42] * 12 + [41]), rng.choice([2] * 12 + [1])]) + struct.pack(">H", blen)
    return ipv4_udp(6696, rng.choice([6696, 6697]), hdr + body + trailer)

captures.append(("babel", [babel() for _ in range(400)], 14 + 20 + 8))

# AHCP: version 1 (and others, a bad magic), every message type, options
# of each kind with right, short and overlong lengths, pads, bodies longer
# than the packet.
def ahcp_option():
    t = rng.choice(list(range(0, 15)) + [2, 3, 4, 6, 9, 11, 12])
    if t in (0, 1):
        return bytes([t])
    unit = {2: 4, 3: 4, 4: 16, 5: 4, 6: 17, 8: 16, 9: 4, 10: 17, 11: 5, 12: 16, 13: 16}.get(t, 3)
    v = rbytes(unit * rng.choice([1, 1, 2]) if t not in (2, 3) else 4)
    if rng.random() < 0.1:
        v = v[:rng.randrange(0, len(v) + 1)]
    return bytes([t, len(v) if rng.random() < 0.95 else len(v) + 9]) + v

def ahcp():
    body = b"".join(ahcp_option() for _ in range(rng.randrange(0, 6)))
    blen = rng.choice([len(body)] * 8 + [len(body) + 7, 0])
    msg = bytes([rng.choice([0, 1, 2, 3, 4, 5, 9]), rng.choice([0] * 9 + [3])]) + struct.pack(">H", blen) + body
    hdr = bytes([rng.choice([43] * 15 + [42]), rng.choice([1] * 15 + [2]), u8(), u8()]) + rbytes(20)
    return ipv4_udp(5359, 5359, (hdr + msg)[:rng.choice([10000] * 15 + [1, 10, 26])])

captures.append(("ahcp", [ahcp() for _ in range(300)], 14 + 20 + 8))

# VXLAN, VXLAN-GPE and NSH: flags, VNIs, every next protocol (known or
# not), NSH versions, lengths right and wrong, MD type 1 and 2 contexts
# (TLVs of every length, too long), an inner Ethernet, IPv4 or IPv6 frame.
def inner_frame():
    return rng.choice([
        (3, ether(0x0800, ipv4(17, struct.pack(">HHHH", 1000, 2000, 12, 0) + rbytes(4)))),
        (1, ipv4(1, b"\x08\x00\x00\x00" + rbytes(8))),
        (2, b"\x60\x00\x00\x00\x00\x08\x11\x40" + rbytes(32) + rbytes(8)),
        (rng.choice([5, 0xfe, 9]), rbytes(10)),
    ])

def nsh():
    np_, payload = inner_frame()
    md = rng.choice([1, 1, 2, 2, 0, 15])
    if md == 1:
        ctx = rbytes(16)
    elif md == 2:
        ctx = b""
        for _ in range(rng.randrange(0, 3)):
            tl = rng.choice([0, 1, 4, 5, 8, 0x83])
            ctx += struct.pack(">HBB", rng.getrandbits(16), u8(), tl) + rbytes(((tl & 0x7f) + 3) & ~3)
    else:
        ctx = rbytes(4 * rng.randrange(0, 3))
    length = rng.choice([2 + len(ctx) // 4] * 8 + [1, 63, 2 + len(ctx) // 4 + 1])
    base = rng.choice([0] * 9 + [1, 3]) << 30 | rng.randrange(4) << 28 | rng.randrange(64) << 22 | \
        length << 16 | md << 8 | np_
    return struct.pack(">II", base, rng.getrandbits(32)) + ctx + payload

def vxlan():
    if rng.random() < 0.4:
        return ether(0x894f, nsh())
    if rng.random() < 0.5:
        np_, payload = inner_frame()
        return ipv4_udp(50000, 4789, bytes([rng.choice([0x08, 0x08, 0, 0x0c])]) + rbytes(3) +
                        struct.pack(">I", rng.getrandbits(24) << 8) + (payload if np_ == 3 else ether(0x0800, payload)))
    np_, payload = inner_frame()
    if rng.random() < 0.3:
        np_, payload = 4, nsh()
    return ipv4_udp(50000, 4790, bytes([rng.choice([0x0c, 0x08, 0x0f, 0])]) + b"\0\0" + bytes([np_]) +
                    struct.pack(">I", rng.getrandbits(24) << 8) + payload)

captures.append(("vxlan_nsh", [vxlan() for _ in range(300)], 14))

# Geneve (versions, flags, reserved byte, options of each class with right
# and overlong lengths, known, bridged and unknown protocols), OTV and MS
# NLB heartbeats.
def geneve():
    opts = b""
    for _ in range(rng.randrange(0, 4)):
        n = rng.randrange(0, 4)
        opts += struct.pack(">HBB", rng.choice([0, 0x100, 0x101, 0x102, 0x103, 0x104, 0x200, 0xfff5, u8()]),
                            u8(), n | rng.choice([0, 0xe0])) + rbytes(4 * n)
    optlen = rng.choice([len(opts) // 4] * 8 + [len(opts) // 4 + 2, 63])
    np_, payload = inner_frame()
    prot = {1: 0x0800, 2: 0x86dd, 3: 0x6558}.get(np_, rng.choice([0x1234, 0x0806]))
    hdr = bytes([rng.choice([0] * 12 + [1, 2]) << 6 | (optlen & 0x3f), u8() if rng.random() < 0.3 else 0]) + \
        struct.pack(">HI", prot, rng.getrandbits(24) << 8 | rng.choice([0] * 8 + [5]))
    return ipv4_udp(50000, 6081, hdr + opts + payload)

def otv_msnlb():
    if rng.random() < 0.3:
        return ether(0x886f, rbytes(8) + struct.pack("<I", rng.getrandbits(32)) + rbytes(8) + rbytes(rng.randrange(0, 8)))
    np_, payload = inner_frame()
    return ipv4_udp(50000, 8472, bytes([rng.choice([0x08, 0, u8()])]) + rbytes(6) + b"\0" +
                    (payload if np_ == 3 else ether(0x0800, payload)))

# sFlow v5: IPv4 and IPv6 agents (and other address types, versions),
# flow, counter and expanded samples with every known record type, the
# enterprise bits set, unknown types, lengths too short and too long.
def sflow_record(flow):
    if flow:
        t = rng.choice([1, 2, 1001, 3, 4, 1002, 1012, 77])
        n = {1: 16, 2: 24, 1001: 16}.get(t, rng.randrange(0, 12))
    else:
        t = rng.choice([1, 2, 3, 4, 5, 1001, 9])
        n = {1: 88, 2: 52, 4: 80, 5: 28, 1001: 28}.get(t, rng.randrange(0, 12))
    n = rng.choice([n] * 10 + [n - 4 if n >= 4 else 0, n + 4])
    ent = rng.choice([0] * 12 + [1])
    return struct.pack(">II", (ent << (12 if flow else 20)) | t, n) + rbytes(n)

def sflow_sample():
    t = rng.choice([1, 2, 3, 4, 1, 2, 7])
    hdr = {1: 28, 2: 8, 3: 40, 4: 12}.get(t, 8)
    nrec = rng.randrange(0, 4)
    body = rbytes(hdr) + struct.pack(">I", rng.choice([nrec] * 8 + [nrec + 1])) + \
        b"".join(sflow_record(t in (1, 3)) for _ in range(nrec))
    return struct.pack(">II", t, rng.choice([len(body)] * 10 + [0, len(body) + 8])) + body

def sflow():
    ipv = rng.choice([1, 1, 2, 2, 3])
    agent = rbytes(4 if ipv == 1 else 16)
    samples = b"".join(sflow_sample() for _ in range(rng.randrange(0, 4)))
    n = rng.randrange(0, 5)
    hdr = struct.pack(">II", rng.choice([5] * 12 + [4]), ipv) + agent + struct.pack(">IIII", u8(), u8(), u8(), n)
    return ipv4_udp(50000, 6343, hdr + samples)

captures.append(("sflow", [sflow() for _ in range(300)], 14 + 20 + 8))
# SOME/IP headers (every message type and return code, short ones) and
# Broadcom LI shims (every direction, type and subtype, each payload).
def someip_bcm():
    if rng.random() < 0.5:
        hdr = struct.pack(">IIIBBBB", rng.getrandbits(32), u8(), rng.getrandbits(32), 1, u8(),
                          rng.choice([0, 1, 2, 0x80, 0x81, 0x20, 0x21, 0x22, 0xa0, 0xa1, 7]), rng.randrange(0, 18))
        return ipv4_udp(30490, rng.choice([30490, 31490]), (hdr + rbytes(rng.randrange(0, 8)))[:rng.choice([40] * 9 + [12])])
    t = rng.choice([4, 5, 6, 7, 4, 9])
    np_, payload = inner_frame()
    payload = {5: ipv4(1, b"\x08\x00\x00\x00" + rbytes(8)), 7: ether(0x0800, payload) if np_ != 3 else payload}.get(
        t, payload if np_ in (1, 2) else rbytes(12))
    shim = rng.randrange(8) << 29 | t << 25 | rng.randrange(8) << 22 | rng.getrandbits(22)
    return ipv4_udp(49152, 49153, struct.pack(">I", shim) + payload)

captures.append(("someip_bcm", [someip_bcm() for _ in range(200)], 14 + 20 + 8))

# VQP: versions, every message type and error code, objects of each type
# with right and wrong lengths, names with and without NULs, zero types.
def vqp():
    objs = b""
    n = rng.randrange(0, 5)
    for _ in range(n):
        t = rng.choice([0x0c01, 0x0c02, 0x0c03, 0x0c04, 0x0c05, 0x0c06, 0x0c08, 0x0c09, 0])
        v = {0x0c01: rbytes(4), 0x0c06: rbytes(6), 0x0c08: rbytes(6)}.get(t, rng.choice([b"Fa0/1", b"vlan\0x", rbytes(5)]))
        if rng.random() < 0.1:
            v = v[:-1]
        objs += struct.pack(">IH", t, len(v) if rng.random() < 0.95 else len(v) + 30) + v
    hdr = bytes([rng.choice([1] * 12 + [2]), rng.choice([1, 2, 3, 4, 9]), rng.choice([0, 3, 4, 5, 7]),
                 rng.choice([n] * 8 + [n + 2])]) + struct.pack(">I", rng.getrandbits(32))
    return ipv4_udp(1589, 1589, hdr + objs)

captures.append(("vqp", [vqp() for _ in range(200)], 14 + 20 + 8))
captures.append(("geneve", [geneve() for _ in range(300)], 14))
captures.append(("otv_msnlb", [otv_msnlb() for _ in range(200)], 14))

# Ethernet loopback (ethertype 0x9000): skip counts right, bogus and too
# long, Reply and Forward Data messages and unknown functions, short ones.
def loopback():
    msg = rng.choice([struct.pack("<HH", 1, u8()), struct.pack("<H", 2) + rbytes(6), struct.pack("<H", u8()),
                      struct.pack("<H", 1), struct.pack("<H", 2) + rbytes(3), b"\x01"])
    skip = rng.choice([0, 8, 16, 3, 200])
    return ether(0x9000, struct.pack("<H", skip) + rbytes(min(skip, 40)) + msg + rbytes(rng.randrange(0, 20)))

captures.append(("loopback", [loopback() for _ in range(150)], 14))

# Marvell DSA and EDSA link types: every mode, trunk/sniff bits, tagged,
# CFI, VIDs, codes, EDSA ethertypes, over IPv4, ARP, VLAN and 802.3 frames.
def dsa_frame(edsa):
    tag = bytes([u8(), u8(), u8(), u8()])
    if edsa:
        tag = struct.pack(">H", rng.choice([0xdada, 0x0800, u8()])) + bytes([rng.choice([0, 0, 5]), 0]) + tag
    inner = rng.choice([
        b"\x08\x00" + ipv4(1, b"\x08\x00\x00\x00" + rbytes(8)),
        b"\x08\x06" + rbytes(28),
        b"\x81\x00" + rbytes(2) + b"\x08\x00" + ipv4(17, struct.pack(">HHHH", 1, 2, 10, 0) + rbytes(2)),
        struct.pack(">H", 20) + b"\x42\x42\x03" + rbytes(17),
    ])
    return b"\x3e\x6f\xf3\x74\x23\x7c\x00\x50\xb6" + rbytes(3) + tag + inner

# Broadcom tags, after the addresses and prepended: ingress and egress,
# every TE and RC value.
def brcm_frame(prepend):
    tag = bytes([rng.choice([0x20, 0x00, 0x40, 0x60, u8()]), u8(), rng.choice([1, 2, 4, 8, 16, 32, 0, u8()]), u8()])
    frame = dsa_frame(False)
    frame = frame[:12] + frame[16:]
    return tag + frame if prepend else frame[:12] + tag + frame[12:]

captures.append(("brcm", [brcm_frame(False) for _ in range(150)], 12))
captures.append(("brcmprepend", [brcm_frame(True) for _ in range(150)], 0))
# IP over InfiniBand, Solaris ipnet and Linux vsock link types: known and
# unknown ethertypes and families, every vsock transport and operation,
# virtio headers, payloads.
def ipoib_frame():
    t, payload = rng.choice([(0x0800, ipv4(1, b"\x08\x00\x00\x00" + rbytes(8))), (0x0806, rbytes(28)),
                             (0x1234, rbytes(10))])
    return rbytes(40) + struct.pack(">HH", t, 0) + payload

def ipnet_frame():
    fam, payload = rng.choice([(2, ipv4(1, b"\x08\x00\x00\x00" + rbytes(8))),
                               (26, b"\x60\x00\x00\x00\x00\x08\x11\x40" + rbytes(40)), (7, rbytes(10))])
    return struct.pack(">BBHIIIII", 1, fam, 0, len(payload), u8(), 0, u8(), u8()) + payload

def vsock_frame():
    transport = rng.choice([2, 2, 2, 0, 1, 9])
    op = rng.choice([1, 2, 3, 4, 4, 0, 8])
    hdr = struct.pack("<QQIIHHH2s", rng.getrandbits(64) if rng.random() < 0.2 else u8(), u8(), rng.getrandbits(32),
                      u8(), op, transport, 44 if transport == 2 else 0, b"\0\0")
    if transport == 2:
        hdr += struct.pack("<QQIIIHHIII", u8(), u8(), u8(), u8(), u8(), rng.choice([1, 2]), rng.randrange(0, 9),
                           u8(), rng.getrandbits(32), u8())
    return hdr + rbytes(rng.randrange(0, 30))

captures.append(("ipoib", [ipoib_frame() for _ in range(100)], 0))
captures.append(("ipnet", [ipnet_frame() for _ in range(100)], 0))
captures.append(("vsock", [vsock_frame() for _ in range(150)], 0))
linktypes = {"dsa": 284, "edsa": 285, "brcm": 281, "brcmprepend": 282, "ipoib": 242, "ipnet": 226, "vsock": 271}
captures.append(("dsa", [dsa_frame(False) for _ in range(200)], 12))
captures.append(("edsa", [dsa_frame(True) for _ in range(200)], 12))

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktypes.get(name.split("_")[0], 1)))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

for name, frames, start in captures:
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(start, len(f))])
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -vvv" "-n -e"
summary
