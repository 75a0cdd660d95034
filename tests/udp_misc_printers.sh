#!/usr/bin/env bash
# udp_misc_printers.sh - issue 19's smaller UDP printers (the LBL white
# board "wb" on UDP 4567, L2TPv2 on UDP 1701, vat on UDP 3456, BIND's
# lightweight resolver on UDP 921, TIPC on ethertype 0x88ca, and RTP,
# RTCP, vat and wb forced with -T) against Debian's tcpdump on randomised
# packets.
#
# A seeded generator (python3, struct, tests/lib/netpkt.py) writes, per
# protocol, a capture of frames with typical, random and malformed field
# values, and a second capture of every fourth frame cut at each length
# from the UDP payload on, so each truncation mark must land where
# tcpdump's does. Every capture is decoded by tcpdump and by `netprofile
# decode` with each option set; the texts must be byte-identical (one
# check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" udp_misc_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, rand_helpers, udp, write_printer_captures

out = sys.argv[1]
rng = random.Random(1905)


rbytes, u8 = rand_helpers(rng)


def u16():
    return rng.getrandbits(16)


def u32():
    return rng.choice([0, 1, 0xffffffff, rng.getrandbits(32)])


def addr():
    return bytes([10, 0, u8(), u8()])


def udp_frame(sport, dport, data):
    return eth(udp("10.1.0.%d" % rng.randrange(1, 255), sport, "10.2.0.%d" % rng.randrange(1, 255), dport, data))


def maybe_cut(body):
    if rng.random() < 0.1:
        return body[:rng.randrange(0, len(body) + 1)]
    return body


def wb():
    t = rng.choice([0, 0, 1, 1, 2, 3, 3, 4, 5, 7, 7, 6, 9])
    hdr = struct.pack(">IIHBB", u32(), u32(), u16(), t, rng.choice([0, 0, 1, 0x80]))
    if t == 1:
        nid = rng.choice([0, 1, 2, 3])
        body = struct.pack(">I", u32()) + addr() + struct.pack(">II", u32(), u32()) + addr() + \
            struct.pack(">IHH", u32(), nid + rng.choice([0, 0, 0, 1]), 0)
        body += b"".join(addr() + struct.pack(">I", u32()) for _ in range(nid))
        body += rng.choice([b"site.example\0", b"wb", b"", rbytes(6)])
    elif t == 2:
        body = addr() + addr() + struct.pack(">III", u32(), u32(), u32())
    elif t in (0, 3):
        ss = rng.choice([0, 5, rng.getrandbits(32)])
        es = ss + rng.choice([0, 1, 2, 3]) if rng.random() < 0.8 else rng.getrandbits(32)
        es &= 0xffffffff
        body = (addr() if t == 3 else b"") + addr() + struct.pack(">III", u32(), ss, es)
        for i in range(rng.randrange(0, 5)):
            dt = rng.choice([2, 3, 8, 9, 14, 15, 1, 20])
            ln = rng.choice([0, 1, 4, 6])
            ts = (ss + rng.choice([0, 1, 2, -1, 100])) & 0xffffffff
            body += struct.pack(">IHBB", ts, ln, u8(), dt) + rbytes((ln + 3) & ~3)
    elif t == 5:
        body = addr() + struct.pack(">III", u32(), u32(), u32())
    elif t == 7:
        n = rng.choice([0, 1, 2, 3])
        body = struct.pack(">I", n + rng.choice([0, 0, 1]))
        for _ in range(n):
            k = rng.choice([0, 1, 2])
            body += struct.pack(">I", u32()) + addr() + struct.pack(">IBBH", u32(), k, 0, 0)
            body += b"".join(addr() + struct.pack(">I", u32()) for _ in range(k))
    else:
        body = rbytes(rng.randrange(0, 12))
    data = maybe_cut(hdr + body) if rng.random() < 0.9 else rbytes(rng.randrange(0, 12))
    return udp_frame(rng.randrange(1024, 65535), 4567, data)


def l2tp_avp(t=None):
    if t is None:
        t = rng.choice(list(range(0, 40)) + [46, 46, 60, 300])
    if t in (0, 1, 2, 6, 9, 10, 14, 29, 32):
        val = struct.pack(">H", rng.choice([1, 2, 6, 14, 16, 17, u16()])) + rbytes(rng.choice([0, 0, 2, 3]))
        if t == 1 and rng.random() < 0.5:
            val += b"some error"
    elif t in (3, 4, 15, 16, 17, 18, 19, 24, 25, 38):
        val = struct.pack(">I", rng.choice([0, 1, 2, 3, u32()]))
    elif t in (5, 13):
        val = rbytes(rng.choice([8, 16, 20, 4]))
    elif t in (7, 8, 21, 22, 23, 30, 37):
        val = rng.choice([b"lac.example", b"", b"\x01\x80zz", rbytes(5)])
    elif t == 12:
        val = struct.pack(">HB", u16(), u8()) + rng.choice([b"", b"msg"])
    elif t == 34:
        val = b"\0\0" + rbytes(24)
    elif t == 35:
        val = b"\0\0" + rbytes(8)
    elif t == 46:
        val = struct.pack(">HHB", u16(), 0xc021, rng.choice([0, 1, 2, 3])) + rng.choice([b"", b"bye"])
    else:
        val = rbytes(rng.randrange(0, 8))
    if rng.random() < 0.15:
        val = val[:rng.randrange(0, len(val) + 1)]
    flags = rng.choice([0, 0x8000, 0x8000, 0x4000])
    vendor = 0 if rng.random() < 0.9 else u16()
    ln = 6 + len(val)
    if rng.random() < 0.05:
        ln = rng.choice([0, 5, ln + 4, 0x3ff])
    return struct.pack(">HHH", flags | (ln & 0x3ff), vendor, t) + val


def l2tp():
    ctrl = rng.random() < 0.75
    flags = (0x8000 | 0x4000 | 0x0800) if ctrl else rng.choice([0, 0x4000, 0x0800, 0x0200, 0x0100])
    if rng.random() < 0.1:
        flags ^= rng.choice([0x4000, 0x0800, 0x0200, 0x0100])
    ver = rng.choice([2] * 12 + [1, 3])
    body = b""
    if ctrl:
        body = l2tp_avp(0) + b"".join(l2tp_avp() for _ in range(rng.randrange(0, 6)))
    else:
        body = b"\xff\x03\xc0\x21\x01\x01\x00\x04" if rng.random() < 0.5 else rbytes(rng.randrange(0, 10))
    hdr_len = 6 + (2 if flags & 0x4000 else 0) + (4 if flags & 0x0800 else 0)
    pad = rng.choice([0, 0, 2])
    if flags & 0x0200:
        hdr_len += 2 + pad
    total = hdr_len + len(body)
    if rng.random() < 0.1:
        total = rng.choice([0, 4, total + 10])
    hdr = struct.pack(">H", flags | ver)
    if flags & 0x4000:
        hdr += struct.pack(">H", total)
    hdr += struct.pack(">HH", u16(), u16())
    if flags & 0x0800:
        hdr += struct.pack(">HH", u16(), u16())
    if flags & 0x0200:
        hdr += struct.pack(">H", pad) + bytes(pad)
    return udp_frame(1701, 1701, maybe_cut(hdr + body))


def rtp():
    """One payload for -T rtp, -T rtcp, -T vat: RTP v1/v2, vat/vt words,
    RTCP compounds, or random bytes."""
    k = rng.random()
    if k < 0.35:
        v = rng.choice([1, 2, 2, 0, 3])
        pt = rng.choice([0, 8, 0x1f, 96, u8() & 0x7f])
        i0 = v << 30 | rng.choice([0, 0x800000, 0x400000, 0x10000000, 0x20000000]) | pt << 16 | u16()
        if v == 1 and rng.random() < 0.5:
            i0 |= 0x800000
        body = struct.pack(">III", i0, u32(), u32())
        for _ in range(rng.randrange(0, 3)):
            body += struct.pack(">I", rng.choice([0x00010000, 0x80010000, 0x00020000, 0x0000ffff, 1, u32()]))
        body += rbytes(rng.choice([0, 4, 8]))
    elif k < 0.7:
        body = b""
        for _ in range(rng.randrange(1, 4)):
            pt = rng.choice([200, 200, 201, 201, 202, 203, 204, u8()])
            cnt = rng.choice([0, 1, 2, 3])
            n = (5 if pt == 200 else 0) + 6 * cnt
            words = rng.choice([n + 1, n + 1, n + 1, n, n + 3])
            body += struct.pack(">HHI", 0x8000 | cnt << 8 | pt, words, u32())
            body += b"".join(struct.pack(">I", u32()) for _ in range(n)) + rbytes(4 * max(words - 1 - n, 0))
    elif k < 0.85:
        body = struct.pack(">HH", rng.choice([0, 0x0040, 0x1000, u16(), 0x0000]), u16()) + rbytes(rng.choice([0, 1, 4, 8]))
    else:
        body = rbytes(rng.randrange(0, 20))
    return udp_frame(rng.randrange(1024, 65535), rng.choice([3456, 5004, 5005]), maybe_cut(body))


def lw_name(lenfield=True):
    name = rng.choice([b"www.example.com", b"", b"a\x01b", rbytes(4)])
    term = b"\0" if rng.random() < 0.85 else b"x"
    return (struct.pack(">H", len(name)) if lenfield else b"") + name + term, len(name)


def lw_addr():
    fam = rng.choice([1, 1, 2, 2, 5])
    a = rbytes({1: 4, 2: 16, 5: 3}[fam])
    ln = len(a) if rng.random() < 0.85 else rng.choice([0, 2, len(a) + 2])
    return struct.pack(">IH", fam, ln) + a + bytes(max(0, ln - len(a)))


def lwres():
    op = rng.choice([0, 0x10001, 0x10002, 0x10003, 0x10001, 0x10002, 0x10003, 0x20000])
    resp = rng.random() < 0.5
    if op == 0:
        body = rbytes(rng.choice([0, 2]))
    elif op == 0x10001 and not resp:
        nm, ln = lw_name(False)
        body = struct.pack(">IIH", u32(), rng.choice([1, 2, 3, 0, 7]), ln) + nm
    elif op == 0x10001:
        na, nd = rng.randrange(0, 3), rng.randrange(0, 3)
        nm, ln = lw_name(False)
        body = struct.pack(">IHHH", u32(), na, nd, ln) + nm
        body += b"".join(lw_name()[0] for _ in range(na)) + b"".join(lw_addr() for _ in range(nd))
    elif op == 0x10002 and not resp:
        body = struct.pack(">I", u32()) + lw_addr()
    elif op == 0x10002:
        na = rng.randrange(0, 3)
        nm, ln = lw_name(False)
        body = struct.pack(">IHH", u32(), na, ln) + nm + b"".join(lw_name()[0] for _ in range(na))
    elif op == 0x10003 and not resp:
        nm, ln = lw_name(False)
        body = struct.pack(">IHHH", u32(), rng.choice([1, 3, 9]), rng.choice([1, 28, 300]), ln) + nm
    elif op == 0x10003:
        nr, ns = rng.randrange(0, 3), rng.randrange(0, 2)
        body = struct.pack(">IHHIHH", u32(), rng.choice([1, 255]), rng.choice([1, 16]), rng.choice([0, 3600, 90061]),
                           nr, ns) + lw_name()[0]
        body += b"".join(struct.pack(">H", k) + rbytes(k) for k in (rng.randrange(0, 6) for _ in range(nr + ns)))
    else:
        body = rbytes(rng.randrange(0, 8))
    body += rbytes(rng.choice([0, 0, 0, 3]))
    total = 28 + len(body)
    if rng.random() < 0.1:
        total = rng.choice([0, total + 5, u32()])
    hdr = struct.pack(">IHHIIIIHH", total, rng.choice([0, 0, 0, 0, 1]), (1 if resp else 0) | rng.choice([0, 0, 0, 2]),
                      u32(), op, rng.choice([0, 1]), 4096, 0, 0)
    return udp_frame(rng.choice([921, 50000]), rng.choice([921, 921, 50001]), maybe_cut(hdr + body))


def tipc():
    user = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 13, 7])
    hsize = rng.choice([6, 6, 10, 11, 0, 15])
    w0 = rng.choice([2, 2, 2, 1, 7]) << 29 | user << 25 | hsize << 21 | rng.getrandbits(17)
    body = struct.pack(">II", w0, u32()) + b"".join(struct.pack(">I", u32()) for _ in range(rng.randrange(0, 10)))
    return eth(body, 0x88ca)


for name, gen, n in [("wb", wb, 400), ("l2tp", l2tp, 400), ("rtp", rtp, 400), ("lwres", lwres, 400), ("tipc", tipc, 300)]:
    write_printer_captures(out, name, [gen() for _ in range(n)], every=4, start=14 if name == "tipc" else 42)
EOF2

option_sets=("-n" "-n -v" "-n -vv" "-n -vvv" "-n -e")
for cap in "$tmp"/*.pcap; do
	sets=("${option_sets[@]}")
	case $cap in */rtp*) sets+=("-n -T rtp" "-n -v -T rtp" "-n -T rtcp" "-n -v -T rtcp" "-n -T vat" "-n -v -T wb") ;; esac
	for opts in "${sets[@]}"; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
done
summary
