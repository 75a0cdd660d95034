#!/usr/bin/env bash
# olsr_aodv_printers.sh - the MANET routing printers of issue 19: OLSR
# (RFC 3626, UDP 698: HELLO, Hello-LQ, TC, TC-LQ, MID, HNA with olsrd's
# smart-gateway entries, name service, unknown types; IPv4 and IPv6) and
# AODV (RFC 3561, UDP 654: RREQ, RREP, RERR, RREP-ACK, the IPv6 draft-01
# types, the HELLO extension) against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames with typical, random and malformed field values, and a second
# capture of the same frames cut at every length past the UDP header, so
# each truncation mark must land where tcpdump's does. Every capture is
# decoded by tcpdump and by `netprofile decode` with each option set; the
# texts must be byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" olsr_aodv_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$(dirname "$0")/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys
from netpkt import eth, udp, write_printer_captures

out = sys.argv[1]
rng = random.Random(1919)

rbytes = rng.randbytes

def u8():
    return rng.getrandbits(8)

def addr(v6):
    return rbytes(16) if v6 else bytes([10, u8(), u8(), u8()])

def frame(v6, port, payload):
    src, dst = ("fe80::1", "ff02::6d") if v6 else ("10.0.0.%d" % u8(), "255.255.255.255")
    # 49152 (Broadcom LI) and 3784 (BFD) as the other port: tcpdump's port order decides
    other = rng.choice([port] * 6 + [40000, 49152, 3784])
    return eth(udp(src, other, dst, port, payload) if rng.random() < 0.8 else udp(src, port, dst, other, payload))

def olsr_body(t, v6):
    al = 16 if v6 else 4
    if t in (1, 201):
        body = bytes([0, 0, u8(), rng.choice([0, 3, 7, u8()])])
        for _ in range(rng.randrange(0, 3)):
            n = rng.randrange(0, 4)
            ent = b"".join(addr(v6) + (bytes([u8(), u8(), 0, 0]) if t == 201 else b"") for _ in range(n))
            ln = 4 + len(ent) + rng.choice([0, 0, 0, 0, 2, -2, 100])
            body += bytes([u8() & 0x0f, 0]) + struct.pack(">H", max(ln, 0)) + ent
        return body
    if t in (2, 202):
        n = rng.randrange(0, 5)
        return struct.pack(">HH", u8(), 0) + b"".join(addr(v6) + (bytes([u8(), u8(), 0, 0]) if t == 202 else b"")
                                                     for _ in range(n)) + rbytes(rng.choice([0, 0, 2]))
    if t == 3:
        return b"".join(addr(v6) for _ in range(rng.randrange(0, 4))) + rbytes(rng.choice([0, 0, 3]))
    if t == 4:
        ents = b""
        for _ in range(rng.randrange(0, 6)):
            r = rng.random()
            if r < 0.3 and not v6:
                ents += b"\0\0\0\0" + bytes([0, rng.randrange(1, 32), u8(), u8()])
            elif r < 0.7:
                pl = rng.randrange(0, al * 8 + 1)
                m = ((1 << (al * 8)) - 1) ^ ((1 << (al * 8 - pl)) - 1)
                ents += addr(v6) + m.to_bytes(al, "big")
            else:
                ents += addr(v6) + rbytes(al)
        return ents
    if t == 130:
        n = rng.choice([0, 1, 2, 3, 40])
        ents = b""
        for _ in range(min(n, 3)):
            name = bytes(rng.choice(b"abcdefgh.-\x01\xc3") for _ in range(rng.randrange(0, 12)))
            ln = len(name) + rng.choice([0, 0, 0, 5, -1])
            pad = (4 - len(name) % 4) % 4
            ents += struct.pack(">HH", rng.choice([0, 1, 2, u8()]), max(ln, 0)) + addr(v6) + name + b"\0" * pad
        return struct.pack(">HH", rng.choice([1, u8()]), n) + ents
    return rbytes(rng.randrange(0, 20))

def olsr(v6):
    hl = 24 if v6 else 12
    msgs = b""
    for _ in range(rng.randrange(1, 4)):
        t = rng.choice([1, 2, 3, 4, 128, 130, 201, 202, 5, 0])
        body = olsr_body(t, v6)
        ml = hl + len(body) + rng.choice([0] * 12 + [1, -3, 500, -hl - len(body)])
        msgs += bytes([t, u8()]) + struct.pack(">H", max(ml, 0) & 0xffff) + addr(v6) + \
            bytes([u8(), u8()]) + struct.pack(">H", rng.getrandbits(16)) + body
    plen = 4 + len(msgs) + rng.choice([0] * 8 + [-5, 30])
    pkt = struct.pack(">HH", max(plen, 0), rng.getrandbits(16)) + msgs
    if rng.random() < 0.05:
        pkt = pkt[:rng.randrange(0, 6)]
    return frame(v6, 698, pkt)

def aodv(v6):
    t = rng.choice([1, 2, 3, 4, 16, 17, 18, 19, 7])
    al = 16 if v6 or t in (16, 17, 18) else 4
    if t in (1, 16):
        body = bytes([t, u8(), 0, u8()]) + rbytes(4) + (addr(True) + rbytes(4) + addr(True) + rbytes(4)
                                                          if al == 16 else rbytes(16))
    elif t in (2, 17):
        body = bytes([t, u8(), u8(), u8()]) + rbytes(40 if al == 16 else 16)
    elif t in (3, 18):
        n = rng.randrange(0, 4)
        body = bytes([t, u8(), 0, n + rng.choice([0, 0, 0, 1])]) + rbytes((al + 4) * n)
    else:
        body = bytes([t]) + rbytes(rng.randrange(0, 6))
    if t in (1, 2, 16, 17) and rng.random() < 0.6:
        body += rng.choice([bytes([1, rng.choice([4, 4, 2])]) + rbytes(4), bytes([u8(), u8()]), b"\x01\x04\0"])
    return frame(v6, 654, body)

for name, gen, n in (("olsr4", lambda: olsr(False), 300), ("olsr6", lambda: olsr(True), 200),
                     ("aodv4", lambda: aodv(False), 200), ("aodv6", lambda: aodv(True), 150)):
    write_printer_captures(out, name, [gen() for _ in range(n)], every=5, start=42)
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -e"
summary
