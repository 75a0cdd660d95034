#!/usr/bin/env bash
# routing_printers.sh - the printers of routing protocols (EIGRP, PIM v1
# and v2, OSPF v2 and v3, RIPng, BGP; issue 19)
# against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# Ethernet/IPv4 (and for PIM, OSPFv3 and RIPng, IPv6) frames carrying messages with typical, random and
# malformed field values (wrong versions, TLV lengths too short, too long
# and past the packet, prefix lengths past 32), and a second capture of the
# same frames cut at every length past the IP header, so each truncation
# mark must land where tcpdump's does. Every capture is decoded by tcpdump
# and by `netprofile decode` with each option set; the texts must be
# byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" routing_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers

out = sys.argv[1]
rng = random.Random(1919)

rbytes, u8 = rand_helpers(rng)

def ipv4(proto, payload, dst=b"\xe0\x00\x00\x0a"):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(payload), u8(), 0, rng.choice([1, 2, 255]), proto, 0,
                     bytes([10, 0, 0, u8()]), dst) + payload
    return b"\x01\x00\x5e\x00\x00\x0a" + b"\x00\x00\x0c" + rbytes(3) + b"\x08\x00" + ip

# EIGRP: version 2 and others, every opcode and flag, each TLV type with
# right, short and too long lengths, prefix lengths 0..40.
def eigrp_tlv():
    t = rng.choice([0x0001, 0x0004, 0x0102, 0x0102, 0x0103, 0x0103, 0x0202, 0x0203, 0x0204, 0x0002, 0x0003,
                    0x0005, 0x0302, 0x0402, 0x9999])
    base = {0x0001: 8, 0x0004: 4, 0x0102: 22, 0x0103: 42, 0x0202: 24, 0x0203: 40, 0x0204: 8}.get(t, rng.randrange(0, 20))
    body = bytearray(rbytes(base))
    if t in (0x0102, 0x0103):
        if rng.random() < 0.4:
            body[0:4] = bytes(4)
        plen = rng.choice([rng.randrange(0, 33)] * 5 + [rng.randrange(33, 256)])
        body[base - 2] = plen
        body = body[:base - 1] + rbytes((plen + 7) // 8 if plen <= 32 else 1)
        if t == 0x0103:
            body[22] = rng.choice([1, 2, 3, 6, 9, 11, 12, 0])
    if t in (0x0202, 0x0203) and rng.random() < 0.4:
        body[0:4] = bytes(4)
    if rng.random() < 0.1:
        body = body[:rng.randrange(0, len(body) + 1)]
    n = len(body) + 4
    n = rng.choice([n] * 12 + [0, 3, n + 8, n - 1 if n > 4 else 4])
    return struct.pack(">HH", t, n) + bytes(body)

def eigrp():
    ver = rng.choice([2] * 9 + [1])
    hdr = struct.pack(">BBHIIIHH", ver, rng.choice([1, 3, 4, 5, 6, 7, 9]), rng.getrandbits(16),
                      rng.choice([0, 1, 2, 8, 15, rng.getrandbits(32)]), rng.getrandbits(32), rng.getrandbits(32),
                      rng.choice([0, 1]), rng.getrandbits(16))
    body = b"".join(eigrp_tlv() for _ in range(rng.randrange(0, 5)))
    return (hdr + body)[:rng.choice([10**6] * 15 + [12])]

eigrp_frames = [ipv4(88, eigrp()) for _ in range(300)]

def ipv6(nh, payload):
    ip = struct.pack(">IHBB16s16s", 0x60000000, len(payload), nh, 1, b"\xfe\x80" + bytes(13) + bytes([u8()]),
                     b"\xff\x02" + bytes(13) + b"\x0d") + payload
    return b"\x33\x33\x00\x00\x00\x0d" + b"\x00\x00\x0c" + rbytes(3) + b"\x86\xdd" + ip

def cksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

# PIMv2: every type, encoded unicast/group/source addresses of both
# families and of unknown ones, RFC 2117 fixed-length encodings, hello
# options of right and wrong lengths, counts past the message; checksums
# right, wrong and zero, over IPv4 and IPv6.
def pim_addr(kind, alen):
    fam = rng.choice([1] * 8 + [2] * 2 + [3])
    n = 4 if fam == 1 else 16
    if alen:
        n = alen
    a = rbytes(n)
    if kind == "u":
        body = a
    else:
        ml = rng.choice([n * 8] * 3 + [rng.randrange(0, 129)])
        flags = rng.choice([0, 0, 0, 1, 4, 7, 0xff]) if kind == "s" else rng.choice([0, 0, 0, 1])
        body = bytes([flags, ml]) + a
    return body if alen else bytes([fam, rng.choice([0] * 15 + [1])]) + body

def pim_hello_opt():
    t = rng.choice([1, 2, 18, 19, 20, 21, 22, 24, 65001, 7, 1, 19, 20])
    n = {1: 2, 2: 4, 18: 4, 19: 4, 20: 4, 21: 4, 22: 0}.get(t)
    if t in (24, 65001):
        v = b"".join(pim_addr("u", 0) for _ in range(rng.randrange(1, 3)))
    elif n is None:
        v = rbytes(rng.randrange(0, 9))
    else:
        v = rbytes(rng.choice([n] * 8 + [n + 1, 0, 3]))
    return struct.pack(">HH", t, len(v)) + v

def pim_body(t, alen):
    if t == 0:
        return b"".join(pim_hello_opt() for _ in range(rng.randrange(0, 6)))
    if t == 1:
        inner = rng.choice([b"\x45\x00\x00\x1c" + rbytes(8) + b"\x0a\x00\x00\x01\xef\x01\x02\x03" + rbytes(8),
                            bytes(20), b"\x60" + rbytes(47), b"\x75" + rbytes(10), b""])
        return struct.pack(">I", rng.choice([0, 0x80000000, 0x40000000, 0xc0000000])) + inner
    if t == 2:
        return pim_addr("g", alen) + pim_addr("u", alen)
    if t in (3, 6, 7):
        b = b"" if t == 7 and rng.random() < 0.5 else pim_addr("u", alen)
        ng = rng.randrange(0, 4)
        b += struct.pack(">BBH", 0, rng.choice([ng] * 6 + [ng + 2]), rng.choice([210, 0xffff, 0, 3600]))
        for _ in range(ng):
            nj, np_ = rng.randrange(0, 3), rng.randrange(0, 3)
            b += pim_addr("g", alen) + struct.pack(">HH", nj + rng.choice([0] * 8 + [1]), np_)
            b += b"".join(pim_addr("s", alen) for _ in range(nj + np_))
        return b
    if t == 4:
        b = struct.pack(">HBB", rng.getrandbits(16), rng.randrange(0, 33), u8()) + pim_addr("u", alen)
        for _ in range(rng.randrange(0, 3)):
            n = rng.randrange(0, 3)
            b += pim_addr("g", alen) + bytes([n, rng.choice([n, n, n + 1]), 0, 0])
            b += b"".join(pim_addr("u", alen) + struct.pack(">HBB", rng.getrandbits(16), u8(), 0) for _ in range(n))
        return b
    if t == 5:
        return pim_addr("g", alen) + pim_addr("u", alen) + rbytes(8)
    if t == 8:
        n = rng.randrange(0, 4)
        return bytes([rng.choice([n, n, n + 1]), u8()]) + struct.pack(">H", rng.getrandbits(16)) + \
            pim_addr("u", alen) + b"".join(pim_addr("g", alen) for _ in range(n))
    if t == 9:
        return pim_addr("u", alen) + pim_addr("g", alen) + pim_addr("u", alen) + rbytes(2)
    if t == 10:
        return pim_addr("u", alen) + rbytes(8) + pim_addr("u", alen) + rbytes(10)
    return rbytes(rng.randrange(0, 12))

def pim():
    t = rng.choice([0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])
    alen = rng.choice([0] * 12 + [4, 16, 5])
    sub = rng.randrange(1, 5) if t == 10 else rng.choice([0] * 9 + [15])
    ver = rng.choice([2] * 15 + [1, 3])
    body = pim_body(t, alen)
    msg = bytearray(bytes([ver << 4 | t, sub << 4 | alen]) + b"\0\0" + body)
    c = rng.random()
    if c < 0.7:
        struct.pack_into(">H", msg, 2, cksum(bytes(msg[:8] if t == 1 and rng.random() < 0.5 else msg)))
    elif c < 0.85:
        struct.pack_into(">H", msg, 2, rng.getrandbits(16))
    return bytes(msg[:rng.choice([10**6] * 20 + [1, 3])])

pim_frames = [ipv4(103, pim()) for _ in range(400)] + [ipv6(103, pim()) for _ in range(60)]

# PIMv1 in IGMP type 0x14: every type, the one-line and the long
# Join/Prune forms, PIM versions other than 1.
def pimv1():
    t = rng.choice([0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 9])
    hdr = bytes([0x14, t, 0, 0, rng.choice([0x10] * 6 + [0x20]), 0, 0, 0])
    if t in (3, 6, 7):
        ng = rng.choice([1, 1, 2, 0])
        b = rbytes(4) + b"\0\0" + struct.pack(">H", rng.choice([180, 210])) + bytes([0, 0, 0, ng])
        for _ in range(ng):
            nj, np_ = rng.choice([(1, 0), (0, 1), (2, 1), (0, 0)])
            b += rbytes(4) + rng.choice([b"\xff" * 4, rbytes(4)]) + struct.pack(">HH", nj, np_)
            b += b"".join(bytes([u8() & 1, u8()]) + rbytes(4) for _ in range(nj + np_))
        return hdr + b
    return hdr + rbytes(rng.choice([4, 12, 20, 24]))

pimv1_frames = [ipv4(2, pimv1()) for _ in range(200)]

# OSPFv3: the five packet types and unknown ones, LSAs of each decoded
# type (and unknown ones) with prefixes of every length (bogus ones too),
# lengths short, long and past the packet, LLS and authentication
# trailers.
def ospf6_prefix():
    plen = rng.choice([0, 64, 64, 128, 48, 127, rng.randrange(0, 129), rng.randrange(129, 256)])
    words = min((plen + 31) // 32, 4)
    return bytes([plen, rng.choice([0, 0, 0, 2, 0x3f, 0x40])]) + struct.pack(">H", rng.getrandbits(16)) + rbytes(words * 4)

def ospf6_lsa():
    t = rng.choice([0x2001, 0x2001, 0x2002, 0x2003, 0x4005, 0x4005, 0x0008, 0x2009, 0x2009, 0x2004, 0x4006, 0xa001,
                    0x000b, 0x000a])
    if t == 0x2001:
        body = rbytes(4) + b"".join(bytes([rng.choice([1, 2, 4, 1, 9]), 0]) + rbytes(14) for _ in range(rng.randrange(0, 4)))
    elif t == 0x2002:
        body = rbytes(4) + rbytes(4 * rng.randrange(0, 4))
    elif t == 0x2003:
        body = rbytes(4) + b"".join(ospf6_prefix() for _ in range(rng.randrange(0, 3)))
    elif t == 0x4005:
        flags = rng.choice([0, 0x80, 0x82, 0x81, 0x83, 0x03])
        pfx = bytearray(ospf6_prefix())
        pfx[2] = rng.choice([0, 0, 1])
        body = bytes([flags]) + rbytes(3) + bytes(pfx) + (rbytes(16) if flags & 2 else b"") + \
            (rbytes(4) if flags & 1 else b"") + (rbytes(4) if pfx[2] else b"")
    elif t == 0x0008:
        n = rng.randrange(0, 3)
        body = rbytes(4) + b"\xfe\x80" + rbytes(14) + struct.pack(">I", rng.choice([n] * 6 + [n + 1])) + \
            b"".join(ospf6_prefix() for _ in range(n))
    elif t == 0x2009:
        n = rng.randrange(0, 3)
        body = struct.pack(">HH", rng.choice([n] * 6 + [n + 1]), rng.choice([0x2001, 0x2002, 0x0008])) + rbytes(8) + \
            b"".join(ospf6_prefix() for _ in range(n))
    elif t in (0x000a, 0x000b):
        body = ospf_lsa(te=True)[20:] if t == 0x000a else b"".join(
            struct.pack(">HH", tt, n) + rbytes(n) + bytes(-n % 4) for tt, n in
            [rng.choice([(1, 4), (2, 1), (3, 4), (9, 3), (1, 2)]) for _ in range(rng.randrange(0, 3))])
    else:
        body = rbytes(rng.randrange(0, 12))
    if rng.random() < 0.08:
        body = body[:rng.randrange(0, len(body) + 1)]
    n = 20 + len(body)
    n = rng.choice([n] * 12 + [rng.randrange(0, 20), n + 4])
    return struct.pack(">HH4s4sIHH", rng.getrandbits(12), t, rbytes(4), rbytes(4), rng.getrandbits(32), 0, n) + body

def ospf6():
    t = rng.choice([1, 1, 2, 2, 3, 4, 4, 4, 5, 6])
    lls = rng.random() < 0.2
    opts = rng.choice([0x13, 0x13, 0x33, 0x0713]) | (0x200 if lls else 0)
    if t == 1:
        body = rbytes(4) + bytes([u8()]) + struct.pack(">I", opts)[1:] + struct.pack(">HH", 10, 40) + \
            rng.choice([bytes(4), rbytes(4)]) + rng.choice([bytes(4), rbytes(4)]) + rbytes(4 * rng.randrange(0, 3))
    elif t == 2:
        body = struct.pack(">IHBBI", opts, 1500, 0, rng.choice([7, 3, 1, 0, 0x10]), rng.getrandbits(32)) + \
            b"".join(ospf6_lsa()[:20] for _ in range(rng.randrange(0, 3)))
    elif t == 3:
        body = b"".join(struct.pack(">HH", 0, rng.choice([0x2001, 0x2009, 0x0008, 0xe00f])) + rbytes(8)
                        for _ in range(rng.randrange(0, 3)))
    elif t == 4:
        lsas = [ospf6_lsa() for _ in range(rng.randrange(0, 4))]
        body = struct.pack(">I", rng.choice([len(lsas)] * 6 + [len(lsas) + 1, 0])) + b"".join(lsas)
    else:
        body = b"".join(ospf6_lsa()[:20] for _ in range(rng.randrange(0, 3)))
    datalen = 16 + len(body)
    trailer = b""
    if lls and t in (1, 2):
        d = rng.choice([12, 12, 4, 2, 40])
        trailer += struct.pack(">HH", rng.getrandbits(16), d) + rbytes(8)
    if rng.random() < 0.3:
        a = rng.choice([32, 32, 16, 8, 100])
        trailer += struct.pack(">HHHHII", rng.choice([1, 2]), a, 0, u8(), rng.getrandbits(32), rng.getrandbits(32)) + \
            rbytes(16)
    hdr = struct.pack(">BBH4s4sHBB", rng.choice([3] * 15 + [2]), t, rng.choice([datalen] * 12 + [datalen + 40, 8]),
                      rbytes(4), rng.choice([bytes(4), rbytes(4)]), 0, rng.choice([0, 0, 5]), 0)
    return hdr + body + trailer


# OSPFv2: the five packet types and unknown ones; no, simple, MD5 and
# unknown authentication; LSAs of every type (opaque router information,
# grace, traffic engineering with every sub-TLV, unknown opaque) with
# right, short and bogus lengths; LLS blocks.
def ospf_lsa(hdr_only=False, te=False):
    t = rng.choice([9, 10, 11] if te else [1, 1, 2, 3, 4, 5, 5, 6, 7, 9, 10, 11, 8])
    lsid = rbytes(4)
    if t in (9, 10, 11):
        lsid = bytes([1 if te else rng.choice([3, 4, 4, 3, 7, 1, 1, 1])]) + rbytes(3)
    if t == 1:
        links = b""
        n = rng.randrange(0, 4)
        for _ in range(n):
            tos = rng.choice([0, 0, 0, 1, 2])
            links += rbytes(8) + bytes([rng.choice([1, 2, 3, 4, 1, 3, 9]), tos]) + rbytes(2) + \
                b"".join(bytes([rng.choice([0, 1, 2, 7]), 0]) + rbytes(2) for _ in range(tos))
        body = bytes([rng.choice([0, 1, 3, 0x13, 0x80]), 0]) + struct.pack(">H", rng.choice([n] * 6 + [n + 1])) + links
    elif t == 2:
        body = rbytes(4) + rbytes(4 * rng.randrange(0, 4))
    elif t in (3, 4):
        body = rbytes(4) + b"".join(bytes([rng.choice([0, 1, 2, 9])]) + rbytes(3) for _ in range(rng.randrange(1, 3)))
    elif t in (5, 7):
        body = rbytes(4) + b"".join(bytes([rng.choice([0, 0x80, 0x81, 0x02])]) +
                                    rng.choice([rbytes(3), b"\xff\xff\xff"]) + rng.choice([bytes(4), rbytes(4)]) +
                                    rng.choice([bytes(4), rbytes(4)]) for _ in range(rng.randrange(1, 3)))
    elif t == 6:
        body = b"".join(struct.pack(">I", rng.choice([1, 2, 3])) + rbytes(4) for _ in range(rng.randrange(0, 3)))
    elif t in (9, 10, 11) and lsid[0] == 4:
        body = b"".join(struct.pack(">HH", rng.choice([1, 1, 2]), n) + rbytes(n)
                        for n in [rng.choice([4, 4, 3, 8]) for _ in range(rng.randrange(0, 3))])
    elif t in (9, 10, 11) and lsid[0] == 1:
        body = b""
        for _ in range(rng.randrange(0, 3)):
            tt = rng.choice([1, 2, 2, 2, 5])
            if tt == 2:
                v = b""
                for _ in range(rng.randrange(0, 5)):
                    st = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 14, 15, 16, 17, 33, 0])
                    n = {1: 1, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 32, 9: 4, 11: 8, 14: 4, 15: 36, 16: 8,
                         17: rng.choice([4, 12, 36])}.get(st, rng.randrange(0, 9))
                    n = rng.choice([n] * 10 + [n + 1, 0, 40])
                    fl = b"".join(struct.pack(">f", rng.choice([1.25e8, 0.0, 1e6, 12345.678])) for _ in range(n // 4))
                    val = (fl + rbytes(n % 4)) if st in (6, 7, 8, 15, 17) else rbytes(n)
                    if st in (15, 17) and n >= 4:
                        val = bytes([rng.choice([1, 51, 200, 0, 254]), rng.choice([1, 2, 11, 77]), 0, 0]) + val[4:]
                    v += struct.pack(">HH", st, n) + val + bytes(-n % 4)
            else:
                v = rbytes(rng.choice([4, 4, 2, 6]))
            n = rng.choice([len(v)] * 10 + [len(v) + 4])
            body += struct.pack(">HH", tt, n) + v + bytes(-len(v) % 4)
    elif t in (9, 10, 11) and lsid[0] == 3:
        body = b""
        for _ in range(rng.randrange(0, 4)):
            tt = rng.choice([1, 2, 3, 1, 9, 0])
            n = {1: 4, 2: 1, 3: 4}.get(tt, rng.randrange(0, 7))
            n = rng.choice([n] * 6 + [n + 1, 0])
            body += struct.pack(">HH", tt, n) + rbytes(n) + bytes(-n % 4 if rng.random() < 0.8 else 0)
    else:
        body = rbytes(rng.randrange(0, 12))
    if rng.random() < 0.06:
        body = body[:rng.randrange(0, len(body) + 1)]
    n = 20 + len(body)
    n = rng.choice([n] * 14 + [rng.randrange(0, 20), n + 8])
    hdr = struct.pack(">HBB4s4sIHH", rng.getrandbits(12), rng.choice([0x02, 0x22, 0x42, 0, 0xff]), t, lsid,
                      rbytes(4), rng.getrandbits(32), 0, n)
    return hdr if hdr_only else hdr + body

def ospf(te=False):
    t = 4 if te else rng.choice([1, 1, 2, 2, 3, 4, 4, 4, 4, 5, 6])
    lls = rng.random() < 0.25
    opts = rng.choice([0x02, 0x42, 0x12, 0x0a, 0]) | (0x10 if lls else 0)
    if t == 1:
        body = rbytes(4) + struct.pack(">HBBI", 10, opts, u8(), 40) + rng.choice([bytes(4), rbytes(4)]) + \
            rng.choice([bytes(4), rbytes(4)]) + rbytes(4 * rng.randrange(0, 3))
    elif t == 2:
        body = struct.pack(">HBBI", rng.choice([1500, 0]), opts, rng.choice([7, 3, 1, 0, 8]), rng.getrandbits(32)) + \
            b"".join(ospf_lsa(True) for _ in range(rng.randrange(0, 3)))
    elif t == 3:
        body = b"".join(struct.pack(">I", rng.choice([1, 2, 5, 9, 10, 77])) + rbytes(8) for _ in range(rng.randrange(0, 3)))
    elif t == 4:
        lsas = [ospf_lsa(te=te) for _ in range(rng.randrange(1 if te else 0, 4))]
        body = struct.pack(">I", rng.choice([len(lsas)] * 8 + [len(lsas) + 1, 0])) + b"".join(lsas)
    elif t == 5:
        body = b"".join(ospf_lsa(True) for _ in range(rng.randrange(0, 3)))
    else:
        body = rbytes(8)
    auth = rng.choice([0] * 6 + [1, 2, 2, 5])
    authdata = rbytes(8) if auth != 2 else b"\0\0" + bytes([u8(), 16]) + rbytes(4)
    olen = 24 + len(body)
    trailer = rbytes(16) if auth == 2 else b""
    if lls and t in (1, 2):
        tl = b"".join(struct.pack(">HH", tt, n) + rbytes(n) for tt, n in
                      [rng.choice([(1, 4), (2, 20), (1, 8), (2, 4), (3, 4)]) for _ in range(rng.randrange(0, 3))])
        trailer += struct.pack(">HH", rng.getrandbits(16), (len(tl) + 4) // 4) + tl
    hdr = struct.pack(">BBH4s4sHH", rng.choice([2] * 15 + [3]), t, rng.choice([olen] * 10 + [olen + 20, 12]), rbytes(4),
                      rng.choice([bytes(4), rbytes(4)]), 0, auth) + authdata
    return hdr + body + trailer

ospf_frames = [ipv4(89, ospf(te=i >= 400), dst=b"\xe0\x00\x00\x05") for i in range(550)]
# (OSPFv3's grace and TE LSAs borrow OSPFv2's TLV generator above)
ospf6_frames = [ipv6(89, ospf6()) for _ in range(400)]

# RIPng: requests (the whole-table dump and others), responses, unknown
# commands and versions, lengths that are not a whole number of entries.
def ripng():
    cmd = rng.choice([1, 2, 2, 2, 3])
    entries = [rbytes(16) + struct.pack(">HBB", rng.choice([0, 0, 7]), rng.randrange(0, 129), rng.choice([1, 16, 0, 5]))
               for _ in range(rng.randrange(0, 4))]
    if cmd == 1 and rng.random() < 0.3:
        entries = [bytes(16) + b"\0\0\0\x10"]
    body = bytes([cmd, rng.choice([1] * 12 + [2, 0]), 0, 0]) + b"".join(entries) + rbytes(rng.choice([0] * 6 + [3]))
    udp = struct.pack(">HHHH", 521, 521, 8 + len(body), 0) + body
    return ipv6(17, udp)

ripng_frames = [ripng() for _ in range(200)]

# BGP on TCP 179: OPEN with capabilities, UPDATE with every decoded path
# attribute (2- and 4-byte AS paths, MP_REACH/MP_UNREACH of each decoded
# AFI/SAFI and unknown ones, extended communities, attribute sets), IPv4
# NLRI with and without path ids, NOTIFICATION (shutdown text, max
# prefixes), KEEPALIVE, ROUTE-REFRESH, unknown types; wrong lengths,
# garbage before a marker, several messages per segment.
def bgp_prefix(maxlen=32, label=0, rd=False):
    plen = rng.choice([rng.randrange(0, maxlen + 1)] * 8 + [maxlen + rng.randrange(1, 9)])
    head = b""
    if label:
        head += b"".join(struct.pack(">I", rng.getrandbits(20) << 4 | (i == label - 1))[1:] for i in range(label))
    if rd:
        head += struct.pack(">H", rng.choice([0, 1, 2, 7])) + rbytes(6)
    return bytes([min(255, plen + len(head) * 8)]) + head + rbytes((plen + 7) // 8 if plen <= maxlen else 2)

def bgp_nlri(afi, safi):
    v6 = afi == 2
    if safi in (1, 2, 3):
        p = bgp_prefix(128 if v6 else 32)
        return (rbytes(4) + p) if rng.random() < 0.15 else p
    if safi == 4:
        return bgp_prefix(128 if v6 else 32, label=1)
    if safi in (128, 129):
        return bgp_prefix(128 if v6 else 32, label=1, rd=True)
    if safi == 132:
        plen = rng.choice([0, 32, 48, 64, 96, 20, 100])
        rt = struct.pack(">H", rng.choice([2, 0x102, 0x202, 9])) + rbytes(6)
        return bytes([plen]) + (rbytes(4) + rt[:(max(plen, 32) - 32 + 7) // 8] if plen else b"")
    if safi == 66:
        return bytes([rng.choice([128, 128, 96])]) + struct.pack(">H", rng.choice([0, 1, 2])) + rbytes(14)
    if safi == 5:
        t = rng.randrange(1, 9)
        body = struct.pack(">H", rng.choice([0, 1, 2])) + rbytes(6)
        if t in (2, 6, 7):
            body += rbytes(4)
        if t in (3, 5, 6, 7):
            body += bytes([32]) + rbytes(4) + bytes([32]) + rbytes(4)
        if t in (1, 3):
            body += rbytes(rng.choice([4, 16, 3]))
        return bytes([t, rng.choice([len(body), len(body), len(body) + 3])]) + body
    if safi in (65, 128 + 0x100):
        pass
    if afi in (25, 196):
        if rng.random() < 0.4:
            return struct.pack(">H", 12) + struct.pack(">H", rng.choice([0, 1])) + rbytes(10)
        tlvs = b"".join(bytes([rng.choice([1, 2])]) + struct.pack(">H", n * 8) + rbytes(n)
                        for n in [rng.randrange(0, 4) for _ in range(rng.randrange(0, 3))])
        body = struct.pack(">H", rng.choice([0, 1, 2])) + rbytes(13) + tlvs
        return struct.pack(">H", rng.choice([len(body)] * 6 + [len(body) + 2, 14])) + body
    return rbytes(rng.randrange(0, 8))

AFSAFI = [(1, 1), (1, 2), (1, 4), (1, 128), (1, 132), (1, 66), (1, 5), (2, 1), (2, 4), (2, 128), (2, 5),
          (25, 65), (196, 128), (25, 70), (3, 1), (1, 99)]

def bgp_attr():
    t = rng.choice([1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 14, 14, 14, 15, 15, 16, 16, 17, 18, 22, 26, 32, 128, 99, 23])
    if t == 1:
        v = bytes([rng.choice([0, 1, 2, 5])])
    elif t in (2, 17):
        four = t == 17 or rng.random() < 0.5
        v = b""
        for _ in range(rng.randrange(0, 3)):
            n = rng.randrange(0, 4)
            v += bytes([rng.choice([1, 2, 2, 3, 4, 7]), n]) + b"".join(
                struct.pack(">I" if four else ">H", rng.getrandbits(32 if four else 16)) for _ in range(n))
    elif t in (3, 4, 5, 9):
        v = rbytes(rng.choice([4] * 8 + [3]))
    elif t == 6:
        v = rbytes(rng.choice([0] * 5 + [1]))
    elif t in (7, 18):
        v = rbytes(rng.choice([6, 8, 8, 5]))
    elif t == 8:
        v = b"".join(rng.choice([b"\xff\xff\xff\x01", b"\xff\xff\xff\x02", b"\xff\xff\xff\x03", rbytes(4)])
                     for _ in range(rng.randrange(0, 4))) + rbytes(rng.choice([0] * 6 + [2]))
    elif t == 10:
        v = rbytes(4 * rng.randrange(0, 3) + rng.choice([0] * 6 + [1]))
    elif t in (14, 15):
        afi, safi = rng.choice(AFSAFI)
        v = struct.pack(">HB", afi, safi)
        if t == 14:
            nh = {1: 4, 2: 16}.get(afi, 4) + (8 if safi == 128 else 0)
            nh = rng.choice([nh] * 5 + [nh * 2, 2, 0])
            v += bytes([nh]) + rbytes(nh)
            snpa = rng.choice([0] * 8 + [1, 2])
            v += bytes([snpa]) + b"".join(bytes([n]) + rbytes(n) for n in [rng.randrange(0, 3) for _ in range(snpa)])
        v += b"".join(bgp_nlri(afi, safi) for _ in range(rng.randrange(0 if t == 15 else 1, 4)))
    elif t == 16:
        v = b"".join(struct.pack(">H", rng.choice([2, 0x102, 0x202, 3, 0x103, 0x203, 0x4004, 5, 0x105, 0x8005, 0x306,
                                                   0x8000, 0x30c, 0x107, 0x800a, 9, 0x10b, 0xa, 0xf10a, 0x4242]))
                     + rbytes(6) for _ in range(rng.randrange(1, 4))) + rbytes(rng.choice([0] * 6 + [3]))
    elif t == 22:
        v = bytes([u8() & 1, rng.randrange(0, 9)]) + rbytes(3) + rbytes(rng.choice([8, 8, 4, 2]))
    elif t == 26:
        v = bytes([rng.choice([1, 1, 2])]) + struct.pack(">H", rng.choice([11, 11, 2, 7])) + rbytes(8)
    elif t == 32:
        v = rbytes(12 * rng.randrange(0, 3) + rng.choice([0] * 6 + [5]))
    elif t == 128:
        v = rbytes(4) + b"".join(bytes([0x40, a, 1, 0]) for a in (1, 1))
        v = v + rbytes(rng.choice([0] * 5 + [1]))
    else:
        v = rbytes(rng.randrange(0, 10))
    flags = rng.choice([0x40, 0x80, 0xc0, 0x50, 0x90, 0x00, 0xc7])
    if flags & 0x10:
        ln = struct.pack(">H", rng.choice([len(v)] * 10 + [len(v) + 5]))
    else:
        ln = bytes([min(255, rng.choice([len(v)] * 10 + [len(v) + 5, max(0, len(v) - 1)]))])
    return bytes([flags, t]) + ln + v

def bgp_msg():
    t = rng.choice([1, 2, 2, 2, 2, 3, 4, 5, 9])
    if t == 1:
        caps = b""
        for _ in range(rng.randrange(0, 5)):
            c = rng.choice([1, 2, 8, 64, 65, 69, 71, 128, 70, 99])
            body = {1: struct.pack(">HBB", rng.choice([1, 2, 25, 9]), 0, rng.choice([1, 4, 128, 70])),
                    8: rbytes(4 * rng.randrange(0, 3)), 64: rbytes(2 + 4 * rng.randrange(0, 3)),
                    65: rbytes(4), 69: rbytes(4 * rng.randrange(0, 3))}.get(c, rbytes(rng.randrange(0, 3)))
            body = body[:rng.choice([len(body)] * 8 + [1, 3])]
            caps += bytes([c, len(body)]) + body
        opts = bytes([2, len(caps)]) + caps if caps or rng.random() < 0.5 else b""
        if rng.random() < 0.1:
            opts += bytes([1, 2]) + rbytes(2)
        body = struct.pack(">BHH4sB", 4, rng.getrandbits(16), rng.choice([90, 180, 0]), rbytes(4),
                           rng.choice([len(opts)] * 8 + [len(opts) + 4, max(0, len(opts) - 3)])) + opts
    elif t == 2:
        wd = b"".join(bgp_prefix() for _ in range(rng.choice([0, 0, 0, 1, 2])))
        if wd and rng.random() < 0.2:
            wd = b"".join(rbytes(4) + bgp_prefix() for _ in range(2))
        attrs = b"".join(bgp_attr() for _ in range(rng.randrange(0, 5)))
        nlri = b"".join(bgp_prefix() for _ in range(rng.choice([0, 1, 2])))
        if nlri and rng.random() < 0.15:
            nlri = rbytes(4) + bgp_prefix() + rbytes(4) + bgp_prefix()
        body = struct.pack(">H", rng.choice([len(wd)] * 10 + [len(wd) + 3])) + wd + \
            struct.pack(">H", rng.choice([len(attrs)] * 10 + [len(attrs) + 3, max(0, len(attrs) - 2)])) + attrs + nlri
        if rng.random() < 0.05:
            body = b"\0\0\0\0"
    elif t == 3:
        major = rng.choice([1, 2, 3, 4, 5, 6, 6, 6, 7, 9])
        minor = rng.choice([0, 1, 2, 3, 4, 5, 9]) if major != 6 else rng.choice([1, 2, 2, 4, 4, 3, 9])
        body = bytes([major, minor])
        if major == 6 and minor in (2, 4):
            txt = bytes(rng.choice(b"abc \x01\xe9") for _ in range(rng.randrange(0, 12)))
            body += bytes([rng.choice([len(txt)] * 6 + [len(txt) + 4])]) + txt + rbytes(rng.choice([0] * 5 + [3]))
        elif major == 6 and minor == 1:
            body += rbytes(rng.choice([7, 0, 3]))
        else:
            body += rbytes(rng.choice([0] * 4 + [2]))
    elif t == 5:
        body = struct.pack(">HBB", rng.choice([1, 2, 25]), 0, rng.choice([1, 4, 128])) + rbytes(rng.choice([0] * 5 + [2]))
    else:
        body = rbytes(rng.choice([0, 0, 3]))
    ln = 19 + len(body)
    ln = rng.choice([ln] * 20 + [ln + 7, 12])
    return b"\xff" * 16 + struct.pack(">HB", ln, t) + body

def bgp():
    msgs = b"".join(bgp_msg() for _ in range(rng.choice([1, 1, 1, 2, 3])))
    if rng.random() < 0.08:
        msgs = rbytes(3) + b"\xff\xff" + msgs
    ports = (rng.randrange(1024, 65535), 179)
    if rng.random() < 0.5:
        ports = ports[::-1]
    tcp = struct.pack(">HHIIBBHHH", ports[0], ports[1], rng.getrandbits(32), 0, 0x50, 0x08, 16384, 0, 0) + msgs
    return ipv4(6, tcp, dst=bytes([10, 0, 1, u8()]))

bgp_frames = [bgp() for _ in range(500)]

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

IP_END = 14 + 20
for name, frames in (("eigrp", eigrp_frames), ("pim", pim_frames), ("pimv1", pimv1_frames),
                     ("ospf6", ospf6_frames), ("ospf", ospf_frames),
                     ("ripng", ripng_frames), ("bgp", bgp_frames)):
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(IP_END, len(f))])
EOF2

option_sets=("-n" "-n -v" "-n -vv" "-n -vvv -e" "-n -x")
for cap in "$tmp"/*.pcap; do
	for opts in "${option_sets[@]}"; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
	# -b: BGP's asdot AS numbers
	case $(basename "$cap") in bgp*) compare_with_tcpdump "$cap" -n -v -b ;; esac
done
summary
