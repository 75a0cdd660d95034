#!/usr/bin/env bash
# cfm_printers.sh - IEEE 802.1ag Connectivity Fault Management (ethertype
# 0x8902 and the old 0xabcd), the Linux NFLOG and Apple PKTAP link types
# (258, and 149 as tcpdump also reads it), and link types
# with no printer (tcpdump's UNSUPPORTED line and hex dump) against
# Debian's tcpdump.
#
# A seeded generator (python3, struct, tests/lib/netpkt.py) writes CFM
# frames of every opcode with typical, random and malformed fields (CCM
# intervals and MD/MA name formats and lengths, linktrace fields, TLVs:
# port and interface status, sender ID with every chassis ID type and
# management address, organisation, unknown, End, lengths too long), and
# the same frames cut at every length past the Ethernet header; NFLOG
# frames (IPv4, IPv6 and other families, TLVs of every padding, bad
# lengths), whole and cut; PKTAP frames carrying Ethernet, raw IP, NFLOG,
# PPP and a link type with no printer, with good and bad header lengths,
# whole and cut; plus random frames of two link types we have
# no printer for. Each capture is
# decoded by tcpdump and by `netprofile decode` with each option set; the
# texts must be byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" cfm_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, ipv, rand_helpers, write_pcap, write_printer_captures

out = sys.argv[1]
rng = random.Random(1902)

rbytes, u8 = rand_helpers(rng)

def text(n):
    return bytes(rng.choice(b"abcdefgh.-0123\x00\x07\xe9") for _ in range(n))

def ccm():
    md = rng.choice([0, 1, 2, 3, 4, 7])
    names = bytes([md])
    if md != 1:
        ln = rng.choice([6, 6, 8, 12, 0, 43, 44, 60])
        names += bytes([ln]) + (text(ln) if md in (2, 4) else rbytes(ln))
    ma = rng.choice([0, 1, 2, 2, 3, 4, 9])
    ln = rng.choice([2, 4, 10, 20, 40, 46])
    names += bytes([ma, ln]) + (text(ln) if ma == 2 else rbytes(ln))
    names = (names + bytes(48))[:48]
    return struct.pack(">IH", rng.getrandbits(32), rng.getrandbits(13)) + names + rbytes(16)

def sender_id():
    body = b""
    idlen = rng.choice([0, 6, 6, 5, 17, 4, 9])
    body += bytes([idlen])
    if idlen:
        t = rng.choice([0, 1, 2, 3, 4, 4, 5, 5, 6, 7, 9])
        if t == 5:
            addr = bytes([rng.choice([1, 2, 3])]) + rbytes(idlen - 1)
        elif t == 4:
            addr = rbytes(idlen)
        else:
            addr = text(idlen)
        body += bytes([t]) + addr
    if rng.random() < 0.8:
        dl = rng.choice([0, 3, 9])
        body += bytes([dl]) + rbytes(dl)
        if dl and rng.random() < 0.8:
            al = rng.choice([0, 4, 6])
            body += bytes([al]) + rbytes(al)
    if rng.random() < 0.15:
        body = body[:rng.randrange(0, len(body) + 1)]
    return body

def tlvs():
    out = b""
    for _ in range(rng.choice([0, 1, 2, 3, 4])):
        t = rng.choice([1, 1, 2, 3, 4, 5, 6, 31, 31, 8, 77])
        if t == 1:
            v = sender_id()
        elif t in (2, 3):
            v = bytes([rng.choice([0, 1, 2, 3, 5, 7, 9])]) if rng.random() < 0.9 else b""
        elif t == 31:
            v = rng.choice([b"\x00\x80\xc2", b"\x00\x12\x0f", rbytes(3)]) + rbytes(rng.choice([0, 1, 5]))
        else:
            v = rbytes(rng.choice([0, 3, 8, 20]))
        ln = len(v)
        if rng.random() < 0.07:
            ln += rng.choice([1, 30, 1000])
        out += bytes([t]) + struct.pack(">H", ln) + v
    if rng.random() < 0.7:
        out += b"\x00"
    return out

def cfm():
    op = rng.choice([1, 1, 1, 2, 3, 4, 4, 5, 5, 47, 200])
    if op == 1:
        body = ccm()
        flags = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 0x84, 0x87])
    elif op == 5:
        body = struct.pack(">IB", rng.getrandbits(32), u8()) + rbytes(12)
        flags = rng.choice([0, 0x80, u8()])
    elif op == 4:
        body = struct.pack(">IBB", rng.getrandbits(32), u8(), rng.choice([1, 2, 3, 9]))
        flags = rng.choice([0, 0x80, 0x60, 0xe0, u8()])
    else:
        body = rbytes(rng.choice([4, 8, 0]))
        flags = u8()
    first = len(body)
    if rng.random() < 0.1:
        first = rng.choice([0, 4, 16, 69, 200])
    level = rng.randrange(0, 8) << 5
    ver = 0 if rng.random() < 0.93 else rng.choice([1, 31])
    pkt = bytes([level | ver, op, flags, first]) + body + tlvs()
    if rng.random() < 0.04:
        pkt = pkt[:rng.randrange(0, 4)]
    return eth(pkt, rng.choice([0x8902, 0x8902, 0x8902, 0xabcd]))

write_printer_captures(out, "cfm", [cfm() for _ in range(500)], every=5, start=14)

def nflog():
    fam = rng.choice([2, 2, 10, 10, 0, 7])
    if fam == 10:
        payload = ipv("2001:db8::1", "2001:db8::2", 17, udp_ports())
    else:
        payload = ipv("192.0.2.1", "192.0.2.2", 17, udp_ports())
    tlvs = b""
    for _ in range(rng.choice([0, 1, 2, 3])):
        v = rbytes(rng.choice([0, 1, 4, 6, 12]))
        ln = 4 + len(v)
        tlvs += struct.pack("<HH", ln, rng.choice([1, 2, 4, 10, 15])) + v + bytes(-ln % 4)
    if rng.random() < 0.1:
        tlvs += struct.pack("<HH", rng.choice([0, 2, 3000]), 1)
    tlvs += struct.pack("<HH", 4 + len(payload), 9) + payload
    return bytes([fam, rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])]) + struct.pack(">H", rng.getrandbits(16)) + tlvs

def udp_ports():
    return struct.pack(">HHHH", 40000, 53, 8 + 12, 0) + rbytes(12)

write_printer_captures(out, "nflog", [nflog() for _ in range(200)], dlt=239, every=5, start=0)

def pktap():
    dlt = rng.choice([1, 1, 12, 239, 147, 9])
    if dlt == 1:
        inner = eth(ipv("192.0.2.1", "192.0.2.2", 17, udp_ports()))
    elif dlt == 239:
        inner = nflog()
    else:
        inner = ipv("192.0.2.1", "192.0.2.2", 17, udp_ports())
    hlen = rng.choice([108, 108, 108, 112, 0, 100, 4000])
    hdr = struct.pack("<III", hlen, rng.choice([1, 1, 1, 0, 5]), dlt) + text(24) + rbytes(24) + text(20) + \
        rbytes(8) + struct.pack("<I", u8()) + text(20)
    hdr += rbytes(max(0, hlen - len(hdr))) if hlen < 200 else b""
    return hdr + inner

for dlt in (258, 149):
    write_printer_captures(out, f"pktap{dlt}", [pktap() for _ in range(150)], dlt=dlt, every=10, start=0)
for dlt in (147, 160):
    write_pcap(f"{out}/unsupported{dlt}.pcap", [(f, len(f)) for f in (rbytes(rng.randrange(1, 90)) for _ in range(30))], dlt)
EOF2

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -e" "-n -x"
summary
