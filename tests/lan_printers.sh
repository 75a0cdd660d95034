#!/usr/bin/env bash
# lan_printers.sh - the printers of LAN and network-edge protocols
# (LLDP; CDP, DTP and UDLD over SNAP; PPPoE; LACP; BFD, HSRP, RIP, syslog,
# TFTP; issue 19) against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# Ethernet frames (LLDP, LLC/SNAP, PPPoE, LACP) or Ethernet/IPv4/UDP frames carrying
# messages with typical, random and malformed field values, and a second capture of the same frames cut at
# every length past the Ethernet or UDP header, so each truncation mark must land
# where tcpdump's does. Every capture is decoded by tcpdump and by
# `netprofile decode` with each option set; the texts must be
# byte-identical (one check per capture and option set). The TFTP capture
# is also read with -T tftp after moving its messages off port 69.
#
#   NETPROFILE  binary to test (default build/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" lan_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import rand_helpers

out = sys.argv[1]
rng = random.Random(19)

rbytes, u8 = rand_helpers(rng)

def ipv4_udp(sport, dport, payload, dst=b"\xe0\x00\x00\x02"):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), u8(), 0, rng.choice([1, 255]), 17, 0,
                     bytes([10, 0, 0, u8()]), dst) + udp
    return b"\x01\x00\x5e\x00\x00\x02" + b"\x00\x00\x0c" + rbytes(3) + b"\x08\x00" + ip

# BFD: versions 0, 1 and others; every flag byte; auth sections of each
# type with right and wrong lengths; echo and the three control ports.
def bfd_auth():
    t = rng.choice([1, 1, 2, 3, 4, 5, 6, 0])
    if t == 1:
        n = rng.choice([3, 4, 7, 19, 20, rng.randrange(0, 30)])
        return bytes([t, n, u8()]) + bytes(rng.randrange(0x20, 0x7f) for _ in range(max(n - 3, 0)))
    n = {2: 24, 3: 24, 4: 28, 5: 28}.get(t, 8)
    n = rng.choice([n, n, n - 1, n + 4, u8()])
    return bytes([t, n, u8(), 0]) + struct.pack(">I", rng.getrandbits(32)) + rbytes(max(n - 8, 0))

def bfd():
    ver = rng.choice([1, 1, 1, 0, 0, 2, 7])
    flags = u8()
    if rng.random() < 0.5:
        flags |= 0x04
    body = struct.pack(">BBBBIIIII", ver << 5 | rng.randrange(32), flags, u8(), u8(), rng.getrandbits(32),
                       rng.getrandbits(32), rng.choice([1000000, 300000, rng.getrandbits(32)]),
                       rng.getrandbits(32), rng.getrandbits(32))
    if flags & 0x04:
        body += bfd_auth()
    return body

bfd_frames = []
for _ in range(300):
    port = rng.choice([3784, 3784, 4784, 6784, 3785])
    bfd_frames.append(ipv4_udp(50000 + u8(),  # 49152 is BCM-LI's
                                 port, bfd() if port != 3785 else rbytes(rng.randrange(0, 40))))

# HSRP: versions 0 and others, every opcode and state (known and not),
# a non-zero reserved byte, auth strings with and without their NUL.
def hsrp():
    auth = rng.choice([b"cisco\0\0\0", b"abcdefgh", bytes(8), rbytes(8)])
    return struct.pack(">BBBBBBBB", rng.choice([0, 0, 0, 1, 2]), rng.choice([0, 1, 2, 3, u8()]),
                       rng.choice([0, 1, 2, 4, 8, 16, 3, u8()]), rng.choice([3, 0, 255]),
                       rng.choice([10, 0, 200, 65]), u8(), u8(), rng.choice([0, 0, 0, u8()])) + auth + rbytes(4)

hsrp_frames = [ipv4_udp(1985, 1985, hsrp()) for _ in range(200)]

# syslog: PRI of 0-4 digits, known and unknown facilities, missing '<'
# or '>', control and 8-bit bytes in the message.
def syslog():
    pri = rng.choice(["<%d>" % rng.randrange(0, 192), "<%d>" % rng.randrange(0, 10000), "<>", "<12",
                      "13>", "<%03d>" % rng.randrange(0, 200), ""])
    msg = bytes(rng.choice([rng.randrange(0x20, 0x7f), 0x00, 0x0a, 0x09, 0x85, 0xff])
                for _ in range(rng.randrange(0, 40)))
    return pri.encode() + msg

syslog_frames = [ipv4_udp(rng.choice([514, 40000 + u8()]), 514, syslog()) for _ in range(200)]

# TFTP: every opcode (and unknown ones), names with and without their
# NUL, options, error codes known and not, short messages.
def zstr(n=None):
    s = bytes(rng.randrange(0x21, 0x7f) for _ in range(rng.randrange(0, 12) if n is None else n))
    return s + (b"\0" if rng.random() < 0.85 else b"")

def tftp():
    op = rng.choice([1, 2, 3, 4, 5, 6, 0, 7, u8()])
    body = struct.pack(">H", op)
    if op in (1, 2):
        body += zstr() + rng.choice([b"octet\0", b"netascii\0", zstr()])
        for _ in range(rng.randrange(0, 3)):
            body += zstr() + zstr()
    elif op == 6:
        for _ in range(rng.randrange(0, 3)):
            body += zstr() + zstr()
    elif op in (3, 4):
        body += struct.pack(">H", rng.getrandbits(16)) + rbytes(rng.randrange(0, 20))
    elif op == 5:
        body += struct.pack(">H", rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, u8()])) + zstr()
    return body[:rng.choice([len(body)] * 6 + [0, 1, 2, 3, 4])]

tftp_frames = [ipv4_udp(40000 + u8(), 69, tftp()) for _ in range(250)]

# LLDP: every base TLV with right, short and odd lengths, chassis and
# port ID subtypes, network and management addresses of several families,
# the 802.1, 802.3 and IANA organisation TLVs (TIA LLDP-MED and DCBX are
# not decoded yet, so they are left out), unknown types, End and zero
# lengths in the middle.
def tlv(t, v):
    return struct.pack(">H", t << 9 | len(v)) + v

def netaddr():
    af = rng.choice([1, 2, 6, 0, 3, 200])
    n = {1: 4, 2: 16, 6: 6}.get(af, rng.randrange(0, 8))
    return bytes([af]) + rbytes(rng.choice([n, n, n - 1 if n else 0]))

def text(n=None):
    return bytes(rng.choice([rng.randrange(0x20, 0x7f), 0, 0x85, 0x0a]) for _ in range(rng.randrange(0, 20) if n is None else n))

def lldp_org():
    oui = rng.choice([0x0080c2, 0x0080c2, 0x00120f, 0x00120f, 0x00005e, 0x0026e1, 0x000000])
    sub = rng.choice(range(0, 16))
    body = rbytes(rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 17, 25, 26]))
    if oui == 0x0080c2 and sub == 3:
        name = text()
        body = rbytes(2) + bytes([rng.choice([len(name), len(name) + 3])]) + name
    if oui == 0x0080c2 and sub == 4:
        name = text()
        body = bytes([rng.choice([len(name), len(name) + 1])]) + name
    if oui == 0x0080c2 and sub == 12:
        body = bytes([u8()]) + rbytes(3 * rng.randrange(0, 5) + rng.choice([0, 0, 1]))
    if oui == 0x0080c2 and sub == 14:
        body = rbytes(3) + rbytes(3 * rng.randrange(0, 4) + rng.choice([0, 0, 2]))
    if oui == 0x00005e:
        body = text(rng.randrange(0, 30))
    return struct.pack(">I", oui)[1:] + bytes([sub]) + body

def lldp_tlv():
    k = rng.randrange(14)
    if k == 0:
        sub = rng.randrange(0, 9)
        v = bytes([sub]) + rng.choice([rbytes(6), netaddr(), text(), b""])
        return tlv(rng.choice([1, 2]), v)
    if k == 1:
        return tlv(3, rbytes(rng.choice([2, 2, 1, 3])))
    if k in (2, 3, 4):
        return tlv(rng.choice([4, 5, 6]), text())
    if k == 5:
        return tlv(7, rbytes(rng.choice([4, 4, 3, 6])))
    if k == 6:
        a = netaddr()
        v = bytes([rng.choice([len(a), len(a), len(a) + 2])]) + a + bytes([rng.choice([1, 2, 3, 9])]) + rbytes(4)
        oid = text(rng.randrange(0, 6))
        v += rng.choice([b"", bytes([len(oid)]) + oid, bytes([len(oid) + 2]) + oid])
        return tlv(8, v[:rng.choice([len(v)] * 5 + [rng.randrange(0, len(v) + 1)])])
    if k in (7, 8, 9, 10):
        return tlv(127, lldp_org())
    if k == 11:
        return tlv(rng.randrange(9, 127), rbytes(rng.randrange(1, 10)))
    if k == 12:
        return rng.choice([b"\0\0", struct.pack(">H", 5 << 9), struct.pack(">H", rng.getrandbits(16))])
    return tlv(127, rbytes(rng.randrange(0, 3)))

def lldp():
    body = b"".join(lldp_tlv() for _ in range(rng.randrange(1, 8)))
    if rng.random() < 0.7:
        body += b"\0\0"
    src = b"\x00\x1b\x21" + rbytes(3)
    return b"\x01\x80\xc2\x00\x00\x0e" + src + b"\x88\xcc" + body

lldp_frames = [lldp() for _ in range(400)]

# CDP behind LLC/SNAP: every TLV type (and unknown ones) with right and
# wrong value lengths, addresses (IPv4, IPv6, other protocols, bad
# counts and lengths), prefixes, short headers and TLV lengths past the
# end. Other SNAP payloads beside it: ethertypes under OUI 0, unknown
# OUIs and PIDs, Cisco DTP and UDLD (Cisco's VTP and RFC 2684 bridged frames,
# which tcpdump decodes and netprofile does not yet, are left out).
def cdp_addr():
    n = rng.randrange(0, 4)
    v = struct.pack(">I", rng.choice([n, n, n + 1, 0]))
    for _ in range(n):
        k = rng.randrange(3)
        if k == 0:
            v += b"\x01\x01\xcc" + struct.pack(">H", 4) + rbytes(4)
        elif k == 1:
            v += b"\x02\x08\xaa\xaa\x03\x00\x00\x00\x86\xdd" + struct.pack(">H", 16) + rbytes(16)
        else:
            pl = rng.randrange(0, 4)
            al = rng.randrange(0, 5)
            v += bytes([u8(), pl]) + rbytes(pl) + struct.pack(">H", al) + rbytes(al)
    return v[:rng.choice([len(v)] * 4 + [rng.randrange(0, len(v) + 1)])] + rbytes(rng.choice([0, 0, 0, 2]))

def cdp_tlv():
    t = rng.choice(list(range(0, 0x19)) + [0x1234])
    if t in (2, 0x16):
        v = cdp_addr()
    elif t == 7:
        v = rbytes(rng.choice([5, 10, 7]))
    elif t in (1, 3, 5, 6, 9, 0x14, 0x17):
        v = text(rng.randrange(0, 30))
    else:
        v = rbytes(rng.choice([0, 1, 2, 3, 4, 5]))
    n = len(v) + 4
    n = rng.choice([n] * 8 + [rng.randrange(0, 4), n + 7])
    return struct.pack(">HH", t, n) + v

def cdp():
    body = bytes([rng.choice([1, 2]), u8()]) + rbytes(2) + b"".join(cdp_tlv() for _ in range(rng.randrange(0, 7)))
    return body[:rng.choice([len(body)] * 6 + [rng.randrange(0, 5)])]

def dtp():
    body = bytes([rng.choice([1, 1, 2])])
    for _ in range(rng.randrange(0, 5)):
        t = rng.choice([1, 2, 3, 4, 9, 0])
        v = {1: text(rng.randrange(0, 12)), 2: rbytes(1), 3: rbytes(1), 4: rbytes(6)}.get(t, rbytes(3))
        if rng.random() < 0.15:
            v = rbytes(rng.randrange(0, 8))
        body += struct.pack(">HH", t, rng.choice([len(v) + 4] * 8 + [rng.randrange(0, 4), 200])) + v
    return body[:rng.choice([len(body)] * 6 + [0])]

def udld():
    body = bytes([rng.choice([0x21, 0x22, 0x23, 0x20, 0x41, u8()]), u8()]) + rbytes(2)
    for _ in range(rng.randrange(0, 6)):
        t = rng.choice([1, 2, 3, 4, 5, 6, 7, 9])
        v = {4: rbytes(1), 5: rbytes(1), 7: rbytes(4)}.get(t, text(rng.randrange(1, 14)))
        if rng.random() < 0.15:
            v = rbytes(rng.randrange(0, 6))
        body += struct.pack(">HH", t, rng.choice([len(v) + 4] * 8 + [rng.randrange(0, 5), 300])) + v
    return body[:rng.choice([len(body)] * 6 + [rng.randrange(0, 4)])]

def snap_payload():
    k = rng.randrange(14)
    if k >= 12:
        return b"\x00\x00\x0c\x20\x04" + dtp()
    if k >= 10:
        return b"\x00\x00\x0c\x01\x11" + udld()
    if k < 7:
        return b"\x00\x00\x0c\x20\x00" + cdp()
    if k == 7:
        return b"\x00\x00\x00" + struct.pack(">H", rng.choice([0x0800, 0x0806, 0x1234, 0x86dd])) + rbytes(30)
    if k == 8:
        return rbytes(3) + rbytes(2) + rbytes(10)
    return b"\x00\x00\x0c" + struct.pack(">H", rng.choice([0x1234, 0x0000])) + rbytes(8)

def snap_frame():
    llc = b"\xaa\xaa\x03" + snap_payload()
    src = b"\x00\x18\xba" + rbytes(3)
    return b"\x01\x00\x0c\xcc\xcc\xcc" + src + struct.pack(">H", len(llc)) + llc

cdp_frames = [snap_frame() for _ in range(400)]

# RIP: versions 0-3, every command, v1 entries with and without their
# must-be-zero bytes, v2 routes (contiguous and odd masks, next hops),
# simple, RFC 4822 and unknown authentication, other address families,
# lengths that are not a multiple of an entry.
def rip_entry(vers):
    k = rng.randrange(8)
    if vers == 2 and k == 0:
        a = rng.choice([1, 2, 3, 7])
        body = rbytes(16) if a != 2 else (b"secret" + bytes(10))
        return struct.pack(">HH", 0xffff, a) + body + (rbytes(rng.randrange(0, 20)) if a in (1, 7) else b"")
    fam = rng.choice([2, 2, 2, 0, 24, 7, 99])
    if vers == 1:
        mbz = rng.choice([bytes(10)] * 4 + [rbytes(10)])
        return struct.pack(">H", fam) + mbz[:2] + rbytes(4) + mbz[2:] + struct.pack(">I", rng.randrange(0, 17))
    plen = rng.randrange(0, 33)
    mask = (0xffffffff << (32 - plen)) & 0xffffffff if rng.random() < 0.85 else rng.getrandbits(32)
    hop = rng.choice([bytes(4), rbytes(4)])
    return struct.pack(">HH", fam, rng.getrandbits(16)) + rbytes(4) + struct.pack(">I", mask) + hop + \
        struct.pack(">I", rng.randrange(0, 17))

def rip():
    vers = rng.choice([1, 2, 2, 0, 3])
    body = bytes([rng.choice([1, 2, 2, 3, 4, 5, 6, 9]), vers, 0, 0])
    body += b"".join(rip_entry(vers) for _ in range(rng.randrange(0, 5)))
    return body + rbytes(rng.choice([0, 0, 0, 3, 12]))

rip_frames = [ipv4_udp(520, 520, rip()) for _ in range(300)]

# PPPoE: discovery codes (known and not) with tags as text, as hex, empty,
# EOL in the middle, lengths past the frame; sessions carrying PPP LCP;
# odd version and type nibbles.
def pppoe():
    code = rng.choice([0x09, 0x07, 0x19, 0x65, 0xa7, 0x00, 0x00, 0x42])
    if code == 0:
        body = b"\xc0\x21" + bytes([rng.choice([9, 10, 1, 5])]) + bytes([u8()]) + struct.pack(">H", 8) + rbytes(4)
    else:
        body = b""
        for _ in range(rng.randrange(0, 5)):
            t = rng.choice([0x0101, 0x0102, 0x0103, 0x0104, 0x0120, 0x0201, 0x0000, 0x0999])
            v = rng.choice([b"", text(rng.randrange(1, 20)), rbytes(rng.randrange(1, 9)), b"x" * 100])
            body += struct.pack(">HH", t, len(v)) + v
    plen = rng.choice([len(body)] * 6 + [len(body) + 10, 0, 2000])
    hdr = bytes([rng.choice([0x11] * 8 + [0x21, 0x12]), code]) + struct.pack(">HH", rng.choice([0, 0x17, u8()]), plen)
    return b"\xff\xff\xff\xff\xff\xff\x00\x11\x22" + rbytes(3) + \
        struct.pack(">H", 0x8864 if code == 0 else 0x8863) + hdr + body

pppoe_frames = [pppoe() for _ in range(300)]

# Slow protocols: LACP and Marker PDUs (versions 1 and others) with
# actor, partner, collector, marker and unknown TLVs of right and wrong
# lengths, terminators, short PDUs, unknown subtypes (OAM, whose body is
# not decoded yet, is left out).
def slow():
    sub = rng.choice([1, 1, 1, 2, 2, 9])
    body = bytes([sub, rng.choice([1] * 8 + [2])])
    for _ in range(rng.randrange(0, 5)):
        t = rng.choice([1, 2, 3, 1, 7, 0])
        n = {1: 18, 2: 18, 3: 14}.get(t, rng.randrange(0, 10)) if sub == 1 else {1: 14}.get(t, rng.randrange(0, 10))
        if rng.random() < 0.1:
            n = rng.randrange(0, 20)
        v = rbytes(n)
        body += bytes([t, rng.choice([n + 2] * 8 + [1, 0, 200])]) + v
    body = body[:rng.choice([len(body)] * 8 + [0, 1])]
    return b"\x01\x80\xc2\x00\x00\x02\x00\x13\xc4" + rbytes(3) + b"\x88\x09" + body

slow_frames = [slow() for _ in range(300)]

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

UDP_END = 14 + 20 + 8
for name, frames in (("bfd", bfd_frames), ("hsrp", hsrp_frames), ("syslog", syslog_frames),
                     ("tftp", tftp_frames), ("lldp", lldp_frames), ("cdp", cdp_frames),
                     ("rip", rip_frames), ("pppoe", pppoe_frames),
                     ("slow", slow_frames)):
    start = 14 if name in ("lldp", "cdp", "pppoe", "slow") else UDP_END
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(start, len(f))])
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -e"
# -T tftp: the same messages, ports moved away from 69.
sed_ports=$tmp/tftp_moved.pcap
python3 - "$tmp/tftp.pcap" "$sed_ports" <<'EOF3'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
off = 24
while off < len(data):
    caplen = struct.unpack_from("<I", data, off + 8)[0]
    if caplen >= 14 + 20 + 4:
        struct.pack_into(">H", data, off + 16 + 14 + 20 + 2, 6969)
    off += 16 + caplen
open(sys.argv[2], "wb").write(data)
EOF3
compare_with_tcpdump "$sed_ports" -n -T tftp
compare_with_tcpdump "$sed_ports" -n -v -T tftp
summary
