#!/usr/bin/env python3
"""gen_osi.py - seeded captures of OSI network layer PDUs for tests/osi_printers.sh.

Writes into OUTDIR, per protocol (isis, esis, clnp, nlpid), a capture of Ethernet
frames (802.3 with LLC SAP 0xfe, some with ethertype 0xfefe) carrying PDUs with
typical, random and malformed field values, and a second capture (NAME_cut) of
a share of the same frames cut at every length past the Ethernet header.

IS-IS: every PDU type (hellos, LSPs, CSNPs, PSNPs, unknown), bad versions,
system ID lengths, fixed header lengths and area counts, PDU lengths shorter
than the PDU; every TLV tcpdump decodes, with right, short, long and random
contents, the extended reachability sub-TLVs (TE, GMPLS, SPB, segment
routing), router capability, multi-topology, authentication, hostname...
ES-IS: ESH, ISH, redirect and unknown types, options, lengths past the PDU.
CLNP: every PDU type, the segmentation part, every option, error reports
carrying the original packet, lengths that do not fit.

Usage: gen_osi.py OUTDIR [SEED]
Not for: link types other than Ethernet (Cisco HDLC, Frame Relay and PPP
reach the same printer through print_isoclns)."""
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netpkt import write_pcap  # noqa: E402

out = sys.argv[1]
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1919)


def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(max(n, 0)))


def u8():
    return rng.getrandbits(8)


def pick(*choices):
    return rng.choice(choices)


def sysid():
    return pick(bytes.fromhex("192168001001"), bytes.fromhex("333333333333"), rbytes(6))


def tlv(t, body, fuzz=True):
    n = len(body)
    if fuzz and rng.random() < 0.06:
        n = pick(0, 1, max(n - 1, 0), min(n + 3, 255), u8())
    return bytes([t, min(n, 255)]) + body[:255]


def nsap():
    n = pick(1, 3, 3, 7, 13, 20, 0, 21, rng.randrange(0, 24))
    return bytes([n]) + rbytes(n)


def mtid():
    return struct.pack(">H", pick(0, 2, 0x8002, 0x4003, 0xc000 | rng.randrange(0, 4096), rng.getrandbits(16)))


def subtlvs(gen, n=None):
    return b"".join(gen() for _ in range(rng.randrange(0, 4) if n is None else n))


def flt():
    return struct.pack(">f", pick(1.25e8, 0.0, 1e6, 12345.678, 1e9)) if rng.random() < 0.8 else rbytes(4)


def ext_is_subtlv():
    t = pick(3, 4, 5, 6, 8, 9, 10, 11, 12, 18, 19, 20, 21, 22, 29, 32, 250, 255, u8())
    body = {
        3: lambda: rbytes(4),
        4: lambda: rbytes(pick(4, 8)),
        5: lambda: rbytes(4),
        6: lambda: rbytes(4),
        8: lambda: rbytes(4),
        9: flt,
        10: flt,
        11: lambda: b"".join(flt() for _ in range(8)),
        12: lambda: bytes([pick(0, 1, 254, 7)]) + b"".join(flt() for _ in range(rng.randrange(0, 5))),
        22: lambda: bytes([pick(0, 1, 254, 7)]) + b"".join(flt() for _ in range(rng.randrange(0, 5))),
        18: lambda: rbytes(3),
        19: lambda: rbytes(2),
        20: lambda: bytes([u8(), u8()]),
        21: lambda: bytes([pick(1, 2, 3, 4, 51, 100, 150, 200, 9), pick(1, 2, 5, 11, 99), 0, 0]) +
        b"".join(flt() for _ in range(8)) + rbytes(pick(0, 6, 8, 3, 12)),
        29: lambda: rbytes(6),
        32: lambda: bytes([pick(0x00, 0x30, 0x20, 0x10, u8()), u8()]) + sysid() + rbytes(pick(3, 4)),
    }.get(t, lambda: rbytes(rng.randrange(0, 12)))()
    if rng.random() < 0.15:
        body = body[:rng.randrange(0, len(body) + 1)]
    n = len(body) if rng.random() < 0.9 else pick(0, u8(), len(body) + 2)
    return bytes([t, n & 0xff]) + body


def ext_is_entry(alias=False):
    sub = subtlvs(ext_is_subtlv)
    sl = len(sub) if rng.random() < 0.85 else pick(0, 1, u8(), len(sub) + 4)
    e = sysid() + bytes([pick(0, 1, 2)])
    if not alias:
        e += struct.pack(">I", pick(10, 100, rng.getrandbits(24)))[1:]
    return e + bytes([sl & 0xff]) + sub


def ip_subtlv():
    t = pick(1, 2, 3, 3, 117, u8())
    body = {
        1: lambda: rbytes(pick(4, 8, 3)),
        117: lambda: rbytes(4),
        2: lambda: rbytes(pick(8, 16, 5)),
        3: lambda: bytes([pick(0x40, 0x60, 0x0c, 0x08, 0x00, u8()), pick(0, 1, 5)]) + rbytes(pick(3, 4, 0)),
    }.get(t, lambda: rbytes(rng.randrange(0, 8)))()
    n = len(body) if rng.random() < 0.9 else pick(0, u8(), len(body) + 2)
    return bytes([t, n & 0xff]) + body


def extd_ip_entry(v6):
    bits = pick(0, 8, 24, 32, 30, rng.randrange(0, 33)) if not v6 else pick(0, 64, 128, 48, rng.randrange(0, 129))
    if rng.random() < 0.05:
        bits = pick(33, 63, 129, 255)
    sub = subtlvs(ip_subtlv)
    has_sub = bool(sub) or rng.random() < 0.1
    m = struct.pack(">I", pick(10, 0, 0xfe000000, rng.getrandbits(32)))
    if v6:
        st = bytes([pick(0, 0x80, 0x40) | (0x20 if has_sub else 0), bits & 0xff])
    else:
        st = bytes([pick(0, 0x80) | (0x40 if has_sub else 0) | (bits & 0x3f)])
    e = m + st + rbytes((min(bits, 128 if v6 else 32) + 7) // 8)
    if has_sub:
        sl = len(sub) if rng.random() < 0.85 else pick(0, 1, u8())
        e += bytes([sl & 0xff]) + sub
    return e


def metric_block():
    return bytes(pick(10, 0x4a, u8()) & 0x7f if i == 0 else pick(0x80, u8()) for i in range(4))


def router_cap():
    body = rbytes(4) + bytes([u8() & 3])
    for _ in range(rng.randrange(0, 3)):
        if rng.random() < 0.7:
            sids = b"".join(bytes([pick(1, 1, 2), n]) + rbytes(n) for n in [pick(3, 4, 2, 5) for _ in range(rng.randrange(1, 3))])
            sub = bytes([pick(0x80, 0xc0, 0)]) + struct.pack(">I", rng.getrandbits(24))[1:] + sids
            body += bytes([2, len(sub) if rng.random() < 0.9 else pick(0, 2, u8())]) + sub
        else:
            b = rbytes(rng.randrange(0, 6))
            body += bytes([u8(), len(b)]) + b
    return body


def mcid():
    return bytes([u8()]) + pick(b"spb-region".ljust(32, b"\0"), rbytes(32)) + rbytes(2) + rbytes(16)


def mt_port_cap():
    body = struct.pack(">H", rng.getrandbits(16))
    for _ in range(rng.randrange(0, 3)):
        t = pick(4, 5, 6, 9)
        b = {4: lambda: mcid() + mcid(), 5: lambda: rbytes(33), 6: lambda: rbytes(6 * rng.randrange(1, 3))}.get(
            t, lambda: rbytes(4))()
        if rng.random() < 0.1:
            b = b[:rng.randrange(0, len(b))]
        body += bytes([t, len(b) if rng.random() < 0.9 else u8()]) + b
    return body


def mt_cap():
    body = struct.pack(">H", rng.getrandbits(16))
    for _ in range(rng.randrange(0, 3)):
        t = pick(1, 3, 9)
        if t == 1:
            trees = pick(0, 1, 2, 5)
            b = rbytes(18) + bytes([trees]) + rbytes(8 * pick(trees, trees, max(trees - 1, 0)))
        elif t == 3:
            b = rbytes(8) + rbytes(4 * rng.randrange(0, 3) + pick(0, 0, 2))
        else:
            b = rbytes(3)
        if rng.random() < 0.1:
            b = b[:rng.randrange(0, len(b))]
        body += bytes([t, len(b) if rng.random() < 0.9 else u8()]) + b
    return body


def isis_tlv():
    t = pick(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 22, 24, 42, 128, 129, 130, 131, 132, 133, 134, 135, 137,
             138, 143, 144, 211, 222, 229, 232, 235, 236, 237, 240, 241, 242, 250, u8())
    body = {
        1: lambda: b"".join(nsap() for _ in range(rng.randrange(1, 4))),
        2: lambda: bytes([pick(0, 1, 2)]) + b"".join(metric_block() + sysid() + bytes([u8()])
                                                      for _ in range(rng.randrange(0, 3))),
        3: lambda: b"".join(metric_block() + sysid() for _ in range(rng.randrange(0, 3))),
        4: lambda: b"".join(sysid() for _ in range(rng.randrange(1, 3))),
        5: lambda: metric_block() + b"".join(bytes([n]) + rbytes(n // 2) for n in
                                             [pick(0, 1, 2, 6, 26, u8()) for _ in range(rng.randrange(0, 3))]),
        6: lambda: b"".join(sysid() for _ in range(rng.randrange(1, 4))),
        7: lambda: rbytes(pick(2, 4, 6, 3, 10)),
        8: lambda: bytes(rng.randrange(0, 40)),
        9: lambda: b"".join(struct.pack(">H", rng.getrandbits(16)) + sysid() + rbytes(2) + rbytes(6)
                            for _ in range(rng.randrange(1, 4))),
        10: lambda: bytes([pick(1, 3, 54, 255, 7)]) + pick(b"secret", bytes(16), rbytes(16), rbytes(rng.randrange(0, 20)),
                                                          b"a\x00b", bytes([0x81, 0x07, 0x41])),
        12: lambda: rbytes(pick(2, 1)),
        13: lambda: bytes([pick(1, 2, 0)]) + sysid() + pick(b"", sysid(), sysid()[:3]),
        14: lambda: rbytes(pick(2, 1)),
        22: lambda: b"".join(ext_is_entry() for _ in range(rng.randrange(1, 3))),
        24: lambda: ext_is_entry(alias=True),
        128: lambda: b"".join(metric_block() + rbytes(4) + pick(b"\xff\xff\xff\x00", b"\xff\xff\xff\xfc", rbytes(4))
                              for _ in range(rng.randrange(1, 3))),
        129: lambda: bytes(pick(0xcc, 0x8e, 0x81, u8()) for _ in range(rng.randrange(0, 4))),
        131: lambda: bytes([pick(0, 1, 2, 9)]) + rbytes(pick(2, 4, 0)),
        132: lambda: rbytes(4 * rng.randrange(1, 3)),
        134: lambda: rbytes(4),
        135: lambda: b"".join(extd_ip_entry(False) for _ in range(rng.randrange(1, 4))),
        137: lambda: pick(b"R1", b"core-router-7.example.net", b"a\x00b", bytes([0x90, 0x0a, 0x41])),
        138: lambda: sysid() + bytes([u8(), u8()]) + rbytes(pick(0, 4, 8, 12, 16, 10)),
        143: mt_port_cap,
        144: mt_cap,
        211: lambda: bytes([u8() & 7]) + pick(b"", rbytes(2), rbytes(2) + sysid(), rbytes(1)),
        222: lambda: mtid() + b"".join(ext_is_entry() for _ in range(rng.randrange(1, 3))),
        229: lambda: b"".join(mtid() for _ in range(rng.randrange(1, 4))) + pick(b"", b"", b"\x01"),
        232: lambda: rbytes(16 * rng.randrange(1, 3)),
        235: lambda: mtid() + b"".join(extd_ip_entry(False) for _ in range(rng.randrange(1, 3))),
        236: lambda: b"".join(extd_ip_entry(True) for _ in range(rng.randrange(1, 3))),
        237: lambda: mtid() + b"".join(extd_ip_entry(True) for _ in range(rng.randrange(1, 3))),
        240: lambda: bytes([pick(0, 1, 2, 3)]) + rbytes(pick(0, 4, 10, 14)),
        241: lambda: rbytes(4),
        242: router_cap,
        250: lambda: pick(b"\x00\x00\x0c", b"\x00\x90\x69", rbytes(3)) + rbytes(rng.randrange(0, 8)),
    }.get(t, lambda: rbytes(rng.randrange(0, 12)))()
    if rng.random() < 0.07:
        body = body[:rng.randrange(0, len(body) + 1)]
    return tlv(t, body)


HDR = {15: 19, 16: 19, 17: 12, 18: 19, 20: 19, 24: 25, 25: 25, 26: 9, 27: 9}


def isis_header(t, total):
    if t in (15, 16):
        return bytes([pick(1, 2, 3, 0, 7)]) + sysid() + struct.pack(">HH", u8(), total) + bytes([u8()]) + sysid() + bytes([u8()])
    if t == 17:
        return bytes([pick(1, 2, 3)]) + sysid() + struct.pack(">HH", u8(), total) + bytes([u8()])
    if t in (18, 20):
        return struct.pack(">HH", total, pick(1200, 0, 65535)) + sysid() + bytes([u8(), u8()]) + \
            struct.pack(">IH", rng.getrandbits(32), pick(0, rng.getrandbits(16))) + bytes([u8()])
    if t in (24, 25):
        return struct.pack(">H", total) + sysid() + bytes([u8()]) + bytes(8) + b"\xff" * 8
    return struct.pack(">H", total) + sysid() + bytes([u8()])


def isis():
    t = pick(15, 16, 17, 18, 18, 20, 20, 24, 25, 26, 27, 19, u8() & 0x1f)
    hl = 8 + HDR.get(t, 0)
    tlvs = b"".join(isis_tlv() for _ in range(rng.randrange(0, 7)))
    total = hl + len(tlvs)
    if rng.random() < 0.08:
        total = pick(0, 10, total - 5, total + 20) & 0xffff
    ok = rng.random() < 0.93
    common = bytes([0x83, hl if rng.random() < 0.95 else pick(7, 20, 27, 255), 1 if ok else pick(1, 2),
                    pick(0, 6) if ok else pick(0, 6, 3), t if rng.random() < 0.95 else t | 0xe0,
                    1 if ok else pick(1, 3), 0, pick(0, 3, 0, 255) if not ok else pick(0, 3)])
    pdu = common + isis_header(t, total) + tlvs
    if t in (18, 20) and rng.random() < 0.5 and len(pdu) >= 27 and total == len(pdu):
        pdu = lsp_checksummed(pdu)
    return pdu


def iso_cksum(data, k):
    """The two ISO 8473 check bytes that go at offset k of data."""
    c0 = c1 = 0
    for b in data:
        c0 = (c0 + b) % 255
        c1 = (c1 + c0) % 255
    n = len(data)
    x = ((n - k - 1) * c0 - c1) % 255 or 255
    y = (c1 - (n - k) * c0) % 255 or 255
    return bytes([x, y])


def lsp_checksummed(pdu):
    """An LSP whose checksum (over the LSP ID onwards) is right."""
    body = bytearray(pdu[12:])
    body[12:14] = b"\0\0"
    body[12:14] = iso_cksum(bytes(body), 12)
    return pdu[:12] + bytes(body)


def esis_option():
    op = pick(198, 198, 129, 195, 197, 205, 225, 226, u8())
    body = {198: lambda: rbytes(pick(2, 2, 3)), 129: lambda: bytes(pick(0xcc, 0x81, u8()) for _ in range(rng.randrange(0, 3)))
            }.get(op, lambda: rbytes(rng.randrange(0, 6)))()
    return bytes([op, len(body) if rng.random() < 0.9 else u8()]) + body


def esis():
    t = pick(2, 4, 6, 6, 1, u8() & 0x1f)
    if t == 2:
        body = bytes([pick(1, 2, 0, 3)]) + b"".join(nsap() for _ in range(rng.randrange(0, 3)))
    elif t == 4:
        body = nsap()
    elif t == 6:
        snpa = pick(6, 6, 0, 3, 20)
        body = nsap() + bytes([snpa]) + rbytes(snpa) + pick(bytes([0]), nsap())
    else:
        body = rbytes(rng.randrange(0, 10))
    body += b"".join(esis_option() for _ in range(rng.randrange(0, 3)))
    li = 9 + len(body)
    if rng.random() < 0.1:
        li = pick(0, 9, 10, 11, li - 3, li + 4, 255)
    hdr = bytes([0x82 if rng.random() < 0.97 else u8(), li & 0xff, pick(1, 1, 1, 1, 2), 0, t | pick(0, 0, 0xe0)]) + \
        struct.pack(">HH", rng.getrandbits(16), pick(0, rng.getrandbits(16)))
    return hdr + body


def clnp_option():
    op = pick(193, 195, 197, 200, 203, 204, 205, u8())
    if op in (200, 203):
        addrs = b"".join(nsap() for _ in range(rng.randrange(0, 3)))
        body = bytes([pick(0, 1, 2), pick(3, 3, 0, 1, 99)]) + addrs
    elif op == 193:
        body = bytes([pick(0x00, 0x07, 0x81, 0x92, 0xa1, 0xb4, 0xc0, 0x30, u8())])
    elif op == 195:
        body = bytes([pick(0xc0 | (u8() & 0x3f), 0x40, 0x80, 0x00, u8())])
    elif op == 197:
        body = rbytes(pick(2, 1, 4))
    elif op == 205:
        body = rbytes(pick(1, 0, 2))
    else:
        body = rbytes(rng.randrange(0, 6))
    return bytes([op, len(body) if rng.random() < 0.9 else u8()]) + body


def clnp(depth=0):
    t = pick(28, 28, 1, 1, 29, 30, 31, 31, u8() & 0x1f)
    flags = pick(0x80, 0x00, 0xa0, 0xe0, 0x40)
    addrs = nsap() + nsap()
    seg = rbytes(6) if flags & 0x80 and rng.random() < 0.95 else b""
    opts = b"".join(clnp_option() for _ in range(rng.randrange(0, 3)))
    li = 9 + len(addrs) + len(seg) + len(opts)
    if rng.random() < 0.08:
        li = pick(0, 8, 9, 10, li - 2, li + 3, 255)
    if t in (1, 31) and depth < 3 and rng.random() < 0.6:
        data = clnp(depth + 1)
    else:
        data = rbytes(rng.randrange(0, 20))
    seglen = 9 + len(addrs) + len(seg) + len(opts) + len(data)
    hdr = bytes([0x81, li & 0xff, pick(1, 1, 1, 1, 2), pick(0, 1, 31, 255), t | flags]) + \
        struct.pack(">HH", pick(seglen, rng.getrandbits(16)), pick(0, rng.getrandbits(16)))
    return hdr + addrs + seg + opts + data


def nlpid():
    n = pick(0x00, 0xcc, 0x8e, 0xcf, 0x84, u8())
    if n == 0x08:  # Q.933 belongs to the Frame Relay printers
        n = 0x84
    if n == 0xcc:
        body = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 28, 1, 0, 64, 17, 0, b"\x0a\0\0\x01", b"\x0a\0\0\x02") + \
            struct.pack(">HHHH", 1000, 2000, 8, 0)
    else:
        body = rbytes(rng.randrange(0, 24))
    return bytes([n]) + body


def frame(pdu):
    """802.3 + LLC fe fe 03 mostly; the OSI ethertype (one byte before the NLPID) sometimes."""
    src = b"\x02\x00\x00\x00\x00" + bytes([u8()])
    dst = pick(b"\x01\x80\xc2\x00\x00\x14", b"\x01\x80\xc2\x00\x00\x15", b"\x09\x00\x2b\x00\x00\x05")
    if rng.random() < 0.15:
        return dst + src + b"\xfe\xfe" + bytes([u8()]) + pdu
    llc = b"\xfe\xfe\x03"
    if len(llc + pdu) > 1500:
        pdu = pdu[:1497]
    return dst + src + struct.pack(">H", len(llc + pdu)) + llc + pdu


sets = {
    "isis": [frame(isis()) for _ in range(700)],
    "esis": [frame(esis()) for _ in range(300)],
    "clnp": [frame(clnp()) for _ in range(400)],
    "nlpid": [frame(nlpid()) for _ in range(60)],
}
for name, frames in sets.items():
    write_pcap(f"{out}/{name}.pcap", [(f, len(f)) for f in frames])
    step = {"isis": 5, "esis": 2, "clnp": 3, "nlpid": 3}[name]
    write_pcap(f"{out}/{name}_cut.pcap", [(f[:n], len(f)) for f in frames[::step] for n in range(14, len(f))])
