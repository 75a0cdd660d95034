#!/usr/bin/env bash
# mpls_printers.sh - the MPLS control plane printers (LSP ping, LDP, RSVP) and
# the WAN link types (PPP, PPP in HDLC framing, Cisco HDLC with SLARP,
# SLIP with its Van Jacobson headers, the Juniper PIC headers;
# issue 19) against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames carrying messages with typical, random and malformed field values
# (wrong versions, TLV and sub-TLV lengths too short, too long and past the
# packet, prefix lengths past 32), and a second capture of the same frames
# cut at every length, so each truncation mark must land where tcpdump's
# does. The link types get captures of their own DLT (the pcap header
# names it). Every capture is decoded by tcpdump and by `netprofile
# decode` with each option set; the texts must be byte-identical (one
# check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" mpls_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import ip4, rand_helpers, udp, write_printer_captures

out = sys.argv[1]
rng = random.Random(1919)

rbytes, u8 = rand_helpers(rng)

def pick(right, *wrong):
    """Mostly the right value, sometimes one of the wrong ones."""
    return rng.choice([right] * 8 + list(wrong))

def tcp4(src, sport, dst, dport, data):
    seg = struct.pack(">HHIIBBHHH", sport, dport, rng.getrandbits(32), rng.getrandbits(32), 0x50, 0x18, 16384, 0, 0)
    return ip4(src, dst, 6, seg + data)

# PPP link framing: address/control (or none, or pppd's direction bytes),
# then the protocol (sometimes compressed to one byte).
def ppp(proto, payload):
    hdr = rng.choice([b"\xff\x03"] * 6 + [b"", b"\x00\x03", b"\x01\x03"])
    if proto < 0x100 and proto & 1 and rng.random() < 0.2:
        return hdr + bytes([proto]) + payload
    return hdr + struct.pack(">H", proto) + payload

def mpls(payload, label=None):
    label = rng.choice([3, 16, 100688, rng.getrandbits(20)]) if label is None else label
    return struct.pack(">I", label << 12 | rng.getrandbits(3) << 9 | 0x100 | rng.choice([1, 64, 255])) + payload

def ip_addr():
    return "%d.%d.%d.%d" % (rng.choice([10, 12, 192]), u8(), u8(), rng.randrange(1, 255))

# LSP ping: echo request/reply, reply modes and return codes, timestamps,
# the TLVs with every target FEC sub-TLV, downstream mappings, BFD and
# vendor TLVs; lengths right, short, long and odd (padding).
FEC_LEN = {1: 5, 2: 17, 3: 20, 4: 56, 6: 13, 7: 25, 8: 14, 9: 10, 10: 14, 12: 5, 13: 17}

def rd():
    t = rng.choice([0, 1, 2, 3])
    return struct.pack(">H", t) + rbytes(6)

def fec_subtlv():
    t = rng.choice(list(FEC_LEN) + [5, 11, 99])
    n = FEC_LEN.get(t, rng.randrange(0, 12))
    v = bytearray(rbytes(n))
    if t in (6, 7, 8) and n >= 8:
        v[0:8] = rd()
    if t in (1, 12):
        v[4] = rng.choice([32, 24, 8, u8()])
    ln = pick(n, n + 1, max(0, n - 1), n + 40)
    return struct.pack(">HH", t, ln) + bytes(v) + bytes((4 - n % 4) % 4 if rng.random() < 0.8 else 0)

def lsp_tlv():
    t = rng.choice([1, 1, 1, 2, 2, 3, 5, 7, 9, 10, 15, 0xfc00, 77])
    if t == 1:
        v = b"".join(fec_subtlv() for _ in range(rng.choice([1, 1, 2, 3])))
    elif t == 2:
        af = rng.choice([1, 2, 3, 4, 9])
        v = struct.pack(">HBB", rng.choice([1500, 4470]), af, u8()) + \
            rbytes({1: 8, 2: 8, 3: 32, 4: 20}.get(af, 0)) + struct.pack(">BBH", u8(), u8(), 0) + rbytes(rng.choice([0, 4, 8]))
        v = v[:pick(len(v), 3, 6, 10)]
    elif t in (5, 15):
        v = rng.choice([struct.pack(">I", rng.choice([9, 2636, 4874, u8()])), rbytes(2)])
    else:
        v = rbytes(rng.randrange(0, 10))
    ln = pick(len(v), len(v) + 3, max(0, len(v) - 2), 0)
    return struct.pack(">HH", t, ln) + v + bytes((4 - len(v) % 4) % 4)

def lspping():
    ts_r = rng.choice([(0, 0), (rng.getrandbits(32), rng.getrandbits(32))])
    hdr = struct.pack(">HHBBBBIIIIII", pick(1, 2), 0, rng.choice([1, 2, 3]), rng.choice([1, 2, 3, 4, 5]),
                      rng.choice(list(range(0, 15))), u8(), rng.getrandbits(32), rng.getrandbits(16),
                      rng.getrandbits(32), rng.getrandbits(32), *ts_r)
    body = b"".join(lsp_tlv() for _ in range(rng.choice([0, 1, 1, 2, 3])))
    msg = (hdr + body)[:pick(10**6, 20, 34)]
    u = udp(ip_addr(), rng.choice([3503, 4786]), rng.choice(["127.0.0.1", ip_addr()]), 3503, msg)
    if rng.random() < 0.5:
        u = u[:20] + struct.pack(">HH", 3503, 4786) + u[24:]
    return u

# LDP: PDU header with right and wrong versions and lengths, every message
# type, every TLV with right and wrong lengths, FEC elements (wildcard,
# prefixes with odd lengths, Martini VCs with interface parameters).
def ldp_fec():
    t = rng.choice([1, 2, 2, 2, 3, 0x80, 0x80, 9])
    if t == 2:
        af = rng.choice([1, 1, 2, 7])
        plen = rng.choice([0, 8, 24, 32, 33, 64, 128, 129])
        return struct.pack(">BHB", t, af, plen) + rbytes(rng.choice([(plen + 7) // 8, 1, 0]))
    if t == 0x80:
        parms = b""
        for _ in range(rng.randrange(0, 4)):
            pt = rng.choice([1, 3, 0x0c, 9])
            pv = {1: struct.pack(">H", 1500), 3: b"to-pe\x01\xe9", 0x0c: bytes([u8() & 7, u8() & 7])}.get(pt, rbytes(3))
            parms += bytes([pt, pick(len(pv) + 2, 1, 40)]) + pv
        vci = pick(len(parms) + 4, 0, 2, len(parms) + 9)
        return struct.pack(">BHBI", t, rng.choice([0x8005, 0x0004, 0x0019, 0x7fff]), vci, rng.getrandbits(32)) + \
            (struct.pack(">I", rng.getrandbits(16)) + parms if vci else b"")
    return bytes([t])

def ldp_tlv():
    t = rng.choice([0x0100, 0x0100, 0x0101, 0x0103, 0x0200, 0x0300, 0x0400, 0x0401, 0x0402, 0x0403, 0x0500,
                    0x0503, 0x0601, 0x3e01])
    v = {0x0100: ldp_fec, 0x0101: lambda: struct.pack(">H", rng.choice([1, 2, 9])) + rbytes(rng.choice([4, 8, 16, 6])),
         0x0400: lambda: struct.pack(">HH", 15, rng.choice([0, 0x8000, 0xc000])),
         0x0403: lambda: rbytes(16), 0x0500: lambda: rbytes(14), 0x0503: lambda: rbytes(12),
         0x0300: lambda: rbytes(10), 0x0601: lambda: rbytes(2)}.get(t, lambda: rbytes(4))()
    v = v[:pick(len(v), 0, 1, 3)]
    flags = rng.choice([0, 0x8000, 0x4000, 0xc000])
    return struct.pack(">HH", t | flags, pick(len(v), len(v) + 9)) + v

def ldp_pdu():
    msgs = b""
    for _ in range(rng.choice([1, 1, 2])):
        tl = b"".join(ldp_tlv() for _ in range(rng.randrange(0, 4)))
        mt = rng.choice([0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0301, 0x0400, 0x0401, 0x0402, 0x0403, 0x3f00])
        msgs += struct.pack(">HHI", mt | rng.choice([0, 0x8000]), pick(len(tl) + 4, 2, len(tl) + 40),
                            rng.getrandbits(32)) + tl
    return struct.pack(">HH4sH", pick(1, 2), pick(len(msgs) + 6, 4, len(msgs) + 30), rbytes(4), rng.choice([0, 1])) + msgs

def ldp():
    pdus = b"".join(ldp_pdu() for _ in range(rng.choice([1, 1, 1, 2])))
    if rng.random() < 0.5:
        return udp(ip_addr(), 646, "224.0.0.2", 646, pdus)
    return tcp4(ip_addr(), 646, ip_addr(), rng.randrange(1024, 65535), pdus)

def eth(payload, etype):
    return b"\x00\x00\x0c" + rbytes(3) + b"\x00\x00\x0c" + rbytes(3) + struct.pack(">H", etype) + payload

# RSVP: every message type, bundles, each object class this printer
# decodes with its C-Types (and unknown ones), right, short, odd and
# overlong lengths, ERO/RRO subobjects with good and bad prefix lengths,
# generalized UNI subobjects. (IntServ, Integrity and Properties objects
# are left out: not decoded here yet.)
RSVP_OBJ = {1: [1, 2, 7, 8, 11, 13, 14, 9], 3: [1, 2, 3, 4], 5: [1], 6: [1, 2, 3, 4], 8: [1], 10: [1, 2, 3, 7, 8, 12, 13],
            11: [1, 2, 7, 12, 13, 3], 15: [1, 2], 16: [1, 2, 3], 19: [1, 2, 3, 4], 20: [1], 21: [1, 2], 22: [1, 2, 3],
            23: [1], 24: [1, 2], 25: [1], 34: [1], 35: [2], 36: [1], 50: [1, 2], 63: [7], 66: [1], 125: [1, 2],
            129: [3], 131: [1], 134: [1], 195: [1, 2], 196: [1], 205: [1, 7, 0], 207: [7], 229: [1], 7: [1], 99: [1]}
RSVP_LEN = {(1, 1): 8, (1, 2): 20, (1, 7): 12, (1, 8): 36, (1, 11): 12, (1, 13): 12, (1, 14): 26, (3, 1): 8, (3, 2): 20,
            (3, 3): 12, (3, 4): 24, (6, 1): 8, (6, 2): 20, (10, 1): 8, (10, 2): 20, (10, 3): 20, (10, 7): 8, (10, 8): 20,
            (10, 12): 16, (10, 13): 40, (11, 1): 8, (11, 2): 20, (11, 7): 8, (11, 12): 16, (11, 13): 40, (15, 2): 16,
            (16, 3): 12, (19, 2): 12, (19, 3): 12, (22, 1): 8, (22, 2): 8, (50, 2): 16, (131, 1): 8, (195, 2): 16,
            (205, 1): 20, (205, 7): 16}

def rsvp_obj():
    cls = rng.choice(list(RSVP_OBJ))
    ct = rng.choice(RSVP_OBJ[cls])
    n = RSVP_LEN.get((cls, ct), 4 * rng.randrange(1, 4))
    v = bytearray(rbytes(n))
    if cls in (20, 21) and ct == 1:
        v = b"".join(bytes([rng.choice([1, 0x81, 3, 2, 32])]) + bytes([pick(8, 0, 12, 4)]) + rbytes(4) +
                     bytes([pick(32, 24)]) + bytes([u8() & 0x0f]) for _ in range(rng.randrange(1, 4)))
    elif cls == 229:
        v = b"".join(struct.pack(">HBB", pick(8, 3, 20, 2), rng.choice([1, 2, 3, 4, 5, 9]), rng.choice([1, 2, 3, 4])) +
                     rbytes(4) for _ in range(rng.randrange(1, 3)))
    elif cls == 207:
        name = b"lsp-" + bytes(rng.choice(b"abc\x01") for _ in range(rng.randrange(0, 8)))
        v = bytes([u8() & 7, u8() & 7, u8() & 0x1f, pick(len(name), len(name) + 9)]) + name
    elif cls == 36 and n >= 4:
        v[0] = rng.choice([0, 1, 2, 3, 7])
    elif cls == 205 and n >= 8:
        v[4:8] = struct.pack(">f", rng.choice([0.0, 1.25e6, 1e9, 12.5]))
    elif cls == 8 and n >= 4:
        v[1:4] = struct.pack(">I", rng.choice([17, 10, 18, 5]))[1:]
    v = bytes(v)[:pick(len(v), max(0, len(v) - 4), 1)]
    v += bytes((4 - len(v) % 4) % 4) if rng.random() < 0.9 else b""
    return struct.pack(">HBB", pick(len(v) + 4, 2, len(v) + 8, 0), cls, ct) + v

def rsvp_msg(t=None):
    t = rng.choice([1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 20, 12, 99]) if t is None else t
    if t == 12:
        body = b"".join(rsvp_msg(rng.choice([1, 2, 20])) for _ in range(rng.randrange(1, 3)))
    else:
        body = b"".join(rsvp_obj() for _ in range(rng.randrange(0, 5)))
    return struct.pack(">BBHBBH", pick(0x10, 0x11, 0x20), t, rng.getrandbits(16), rng.choice([1, 64, 255]), 0,
                       pick(len(body) + 8, 4, len(body) + 20)) + body

rsvp_frames = [eth(ip4(ip_addr(), ip_addr(), 46, rsvp_msg()), 0x0800) for _ in range(300)]

lsp_frames = [eth(lspping(), 0x0800) for _ in range(250)] + \
    [ppp(0x0281, mpls(lspping(), rng.choice([100688, 3]))) for _ in range(50)]
ldp_frames = [eth(ldp(), 0x0800) for _ in range(300)]

# PPP control protocols and payloads on the PPP link types.
def ppp_payload():
    proto = rng.choice([0x0021, 0x0057, 0x0281, 0x0283, 0xc021, 0x8021, 0x8057, 0x80fd, 0x003d, 0xc223, 0xc023,
                        0x00fd, 0x1234, 0x8281])
    if proto == 0x0021:
        pl = udp(ip_addr(), 53, ip_addr(), 1024, rbytes(4))
    elif proto == 0x0057:
        pl = udp("fe80::1", 546, "ff02::1:2", 547, rbytes(rng.choice([0, 4])))
    elif proto in (0x0281, 0x0283):
        pl = mpls(udp(ip_addr(), 1000, ip_addr(), 2000, rbytes(6)))
    elif proto in (0xc021, 0x8021, 0x8057, 0x80fd, 0x8281):
        opts = b"".join(bytes([o, 2 + len(v)]) + v for o, v in
                        [(rng.choice([1, 2, 3, 5, 7, 8, 13, 17, 19, 26, 21]), rbytes(rng.choice([0, 2, 4])))
                         for _ in range(rng.randrange(0, 3))])
        code = rng.choice([1, 2, 3, 4, 5, 9, 10, 12, 99])
        pl = struct.pack(">BBH", code, u8(), pick(len(opts) + 4, 2, len(opts) + 9)) + opts
    else:
        pl = rbytes(rng.randrange(0, 12))
    return proto, pl

ppp_frames = [ppp(*ppp_payload()) for _ in range(300)]
ppp_eth_frames = [eth(ppp(*ppp_payload()), 0x880b) for _ in range(100)]  # PPP ethertype

def ppp_serial():
    addr = rng.choice([0xff, 0xff, 0xff, 0x0f, 0x8f, 0x42])
    if addr in (0x0f, 0x8f):
        return chdlc(addr)
    proto, pl = ppp_payload()
    return bytes([addr, 0x03]) + struct.pack(">H", proto) + pl

# Cisco HDLC: IPv4, IPv6, MPLS, SLARP (request, reply, keepalive with and
# without the uptime stamp, unknown codes, trailing junk) and unknown types.
def chdlc(addr=None):
    addr = rng.choice([0x0f, 0x8f, 0x42]) if addr is None else addr
    t = rng.choice([0x0800, 0x86dd, 0x8035, 0x8035, 0x8035, 0x8847, 0x1234])
    if t == 0x0800:
        pl = udp(ip_addr(), 53, ip_addr(), 1024, rbytes(4))
    elif t == 0x86dd:
        pl = udp("fe80::1", 546, "ff02::1:2", 547, rbytes(rng.choice([0, 4])))
    elif t == 0x8847:
        pl = mpls(udp(ip_addr(), 1000, ip_addr(), 2000, rbytes(6)))
    elif t == 0x8035:
        pl = struct.pack(">I", rng.choice([0, 1, 2, 2, 7])) + rbytes(rng.choice([10, 14, 14, 16, 20, 4]))
    else:
        pl = rbytes(8)
    return bytes([addr, 0]) + struct.pack(">H", t) + pl

chdlc_frames = [chdlc() for _ in range(200)]

# SLIP: direction (in, out, invalid), the VJ header byte (ip, uncompressed
# TCP with its connection, compressed TCP with every change flag), then an
# IPv4 (UDP or TCP), IPv6 or other-version packet.
def slip():
    hdr = bytearray(16)
    hdr[0] = rng.choice([0, 0, 1, 1, 231])
    kind = rng.choice([0x40, 0x70, 0x80, 0x80, 0x80, 0x00, 0x30])
    if kind == 0x80:
        c = bytes([0x80 | rng.choice([0x40, 0, 0x0b, 0x0f, 0x20, 0x27, 0x6f, u8() & 0x7f])]) + rbytes(14)
        hdr[1:16] = bytes([c[0]]) + bytes(rng.choice([0, 1, 2, 3, 200]) if i % 3 else 0 for i in range(14))
    else:
        hdr[1] = kind | (u8() & 0x0f)
        hdr[10] = u8()
    t = rng.choice(["udp", "tcp", "tcp", "v6", "v9"])
    if t == "udp":
        pl = udp(ip_addr(), 53, ip_addr(), 1024, rbytes(4))
    elif t == "tcp":
        pl = tcp4(ip_addr(), 23, ip_addr(), 1024, rbytes(rng.choice([0, 5])))
    elif t == "v6":
        pl = udp("fe80::1", 546, "ff02::1:2", 547, rbytes(2))
    else:
        pl = bytes([0x95]) + rbytes(30)
    return bytes(hdr) + pl

slip_frames = [slip() for _ in range(300)]

# Juniper PIC headers: magic, flags (in/out, no-L2, extensions), extension
# TLVs of each type and both byte orders with right and overlong lengths,
# the ATM1 and ES cookies (LS and AS cookie ids), then the PIC's payload.
# (ATM1's OAM cells and OSI payloads are left out: their printers are not
# here yet.)
def juniper_hdr(flags):
    h = b"MGC" + bytes([flags])
    if flags & 0x80:
        ext = b""
        for _ in range(rng.randrange(0, 4)):
            t = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 130, 99])
            v = rbytes(rng.choice([1, 2, 3, 4, 5]))
            if t in (3, 7, 6, 8):
                v = bytes([rng.choice([1, 4, 8, 14, 18, 60, 99])])
            ext += bytes([t, pick(len(v), len(v) + 30)]) + v
        h += struct.pack(">H", pick(len(ext), len(ext) + 6)) + ext
    return h

def juniper(dlt):
    flags = rng.choice([0x00, 0x01, 0x80, 0x81, 0x81, 0x02, 0x83, 0x41])
    h = juniper_hdr(flags)
    ip = udp(ip_addr(), 53, ip_addr(), 1024, rbytes(4))
    if flags & 0x02:
        return h + rbytes(4) + rng.choice([ip, bytes([0x12]) + rbytes(5)])
    if dlt == 137:
        cookie = bytes([rng.choice([0x00, 0x54, 0x47, 0x10])]) + rbytes(3)
        cookie += rbytes({0x54: 2, 0x47: 4}.get(cookie[0], 0))
        pl = rng.choice([b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + ip, ip, b"\x11" + rbytes(9)])
        return h + cookie + pl
    if dlt == 132:
        es = struct.pack(">HBBI4s4s", rng.getrandbits(16), u8(), rng.choice([1, 2, 3, 4, 5, 9]), rng.getrandbits(32),
                         rbytes(4), rbytes(4))
        return h + es + (rbytes(16) if es[3] in (3, 4, 5) and rng.random() < 0.8 else b"") + ip
    if dlt == 178:
        return h + eth(ip, 0x0800)
    if dlt == 179:
        return h + ppp(*ppp_payload())
    return h + chdlc()

juniper_frames = {d: [juniper(d) for _ in range(120)] for d in (137, 132, 178, 179, 181)}
serial_frames = [ppp_serial() for _ in range(200)]

for name, frames, dlt in (("lspping_eth", lsp_frames[:250], 1), ("lspping_ppp", lsp_frames[250:], 9),
                          ("ldp", ldp_frames, 1), ("rsvp", rsvp_frames, 1), ("ppp", ppp_frames, 9), ("ppp_eth", ppp_eth_frames, 1), ("ppp_serial", serial_frames, 50),
                          ("chdlc", chdlc_frames, 104), ("slip", slip_frames, 8)):
    write_printer_captures(out, name, frames, dlt)
for dlt, frames in juniper_frames.items():
    write_printer_captures(out, "juniper%d" % dlt, frames, dlt)
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -vvv -e" "-n -x"
summary
