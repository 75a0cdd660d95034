#!/usr/bin/env python3
"""gen_decap.py - whole conversations carried through tunnels, for
tests/decap.sh and tests/tunnels.sh: each kind netprofile opens carries one
or two conversations both ways (a DNS query and its answer, a TCP session
with an HTTP request, NTP client and server), so the inside makes flows and
servers of its own:

  VXLAN (VNI 42)            DNS and HTTP
  Geneve (VNI 77, Ethernet) NTP
  IPv4 in IPv4              SSH-like TCP session
  GRE in GRE (key 5 inside) DNS
  PPTP (GRE v1, PPP)        DNS (call ids 7 and 9, one per direction)
  6in4                      DNS over IPv6

Usage: gen_decap.py TUNNELLED.pcap BARE.pcap OVERLAP.pcap TRUTH

TUNNELLED: the tunnelled packets (Ethernet). BARE: the same inner packets,
same times, without their tunnels (LINKTYPE_RAW), so `flows` on BARE gives
what `flows --decap` must find inside TUNNELLED. OVERLAP: one DNS exchange
sent through VXLAN VNI 42 and again, with the same addresses and ports,
through VNI 43 (two tenants). TRUTH: per inner client address, the tunnel
it was sent through: "ADDR KIND OUTER-SRC OUTER-DST ID DEPTH" (the outer
addresses of the innermost tunnel, as the client's first packet had them).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netpkt import csum, eth, ip4, ip6, ipv, pseudo, udp  # noqa: E402,F401


def tcp(src, sport, dst, dport, seq, ack, flags, data=b""):
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + data
    c = csum(pseudo(src, dst, 6, len(seg)) + seg)
    return ipv(src, dst, 6, seg[:16] + struct.pack("!H", c) + seg[18:])


def gre0(inner, key=None):
    proto = 0x0800 if inner[0] >> 4 == 4 else 0x86dd
    flags = 0x2000 if key is not None else 0
    return struct.pack("!HH", flags, proto) + (struct.pack("!I", key) if key is not None else b"") + inner


def pptp_gre(inner, call, seq):
    ppp = b"\xff\x03" + struct.pack("!H", 0x0021 if inner[0] >> 4 == 4 else 0x0057) + inner
    return struct.pack("!HHHHI", 0x3001, 0x880b, len(ppp), call, seq) + ppp


def vxlan(frame, vni):
    return struct.pack("!BxxxI", 0x08, vni << 8) + frame


def geneve(frame, vni):
    return struct.pack("!BBHI", 0, 0, 0x6558, vni << 8) + frame


def dns(ident, answer):
    q = b"\x07example\x03org\x00\x00\x01\x00\x01"
    if not answer:
        return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + q
    return (struct.pack("!HHHHHH", ident, 0x8180, 1, 1, 0, 0) + q +
            b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x0e\x10\x00\x04\xc0\x00\x02\x50")


def dns_exchange(c, s, sport, ident):
    return [(c, udp(c, sport, s, 53, dns(ident, False))), (s, udp(s, 53, c, sport, dns(ident, True)))]


def tcp_session(c, s, sport, dport, request, reply):
    a, b = 1000, 5000
    return [
        (c, tcp(c, sport, s, dport, a, 0, 0x02)),
        (s, tcp(s, dport, c, sport, b, a + 1, 0x12)),
        (c, tcp(c, sport, s, dport, a + 1, b + 1, 0x10)),
        (c, tcp(c, sport, s, dport, a + 1, b + 1, 0x18, request)),
        (s, tcp(s, dport, c, sport, b + 1, a + 1 + len(request), 0x18, reply)),
        (c, tcp(c, sport, s, dport, a + 1 + len(request), b + 1 + len(reply), 0x11)),
        (s, tcp(s, dport, c, sport, b + 1 + len(reply), a + 2 + len(request), 0x11)),
        (c, tcp(c, sport, s, dport, a + 2 + len(request), b + 2 + len(reply), 0x10)),
    ]


O4A, O4B = "192.0.2.1", "192.0.2.2"
HTTP_REQ = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
HTTP_REP = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
NTP_REQ = b"\x23" + b"\0" * 47
NTP_REP = b"\x24\x02" + b"\0" * 46


def wrap_vxlan(vni):
    def w(client, inner, sender):
        a, b = (O4A, O4B) if sender == client else (O4B, O4A)
        return eth(udp(a, 50000 if sender == client else 50001, b, 4789, vxlan(eth(inner), vni)))
    return w


def wrap_geneve(client, inner, sender):
    a, b = (O4A, O4B) if sender == client else (O4B, O4A)
    return eth(udp(a, 50002, b, 6081, geneve(eth(inner), 77)))


def wrap_ipip(client, inner, sender):
    a, b = ("192.0.2.11", "192.0.2.12") if sender == client else ("192.0.2.12", "192.0.2.11")
    return eth(ip4(a, b, 4, inner))


def wrap_gre_gre(client, inner, sender):
    a, b = ("192.0.2.21", "192.0.2.22") if sender == client else ("192.0.2.22", "192.0.2.21")
    m, n = ("198.51.100.1", "198.51.100.2") if sender == client else ("198.51.100.2", "198.51.100.1")
    return eth(ip4(a, b, 47, gre0(ip4(m, n, 47, gre0(inner, key=5)))))


pptp_seq = [0]


def wrap_pptp(client, inner, sender):
    pptp_seq[0] += 1
    to_server = sender == client
    a, b = ("192.0.2.31", "192.0.2.32") if to_server else ("192.0.2.32", "192.0.2.31")
    return eth(ip4(a, b, 47, pptp_gre(inner, 7 if to_server else 9, pptp_seq[0])))


def wrap_6in4(client, inner, sender):
    a, b = ("192.0.2.41", "192.0.2.42") if sender == client else ("192.0.2.42", "192.0.2.41")
    return eth(ip4(a, b, 41, inner))


# (wrapper, client, truth: kind, outer src, outer dst, id, depth, packets)
sessions = [
    (wrap_vxlan(42), "10.10.0.1", ("vxlan", O4A, O4B, 42, 1), dns_exchange("10.10.0.1", "10.10.0.2", 40001, 1)),
    (wrap_vxlan(42), "10.10.0.4", ("vxlan", O4A, O4B, 42, 1),
     tcp_session("10.10.0.4", "10.10.0.3", 40100, 80, HTTP_REQ, HTTP_REP)),
    (wrap_geneve, "10.20.0.1", ("geneve", O4A, O4B, 77, 1),
     [("10.20.0.1", udp("10.20.0.1", 123, "10.20.0.2", 123, NTP_REQ)),
      ("10.20.0.2", udp("10.20.0.2", 123, "10.20.0.1", 123, NTP_REP))]),
    (wrap_ipip, "10.30.0.1", ("ipip", "192.0.2.11", "192.0.2.12", 0, 1),
     tcp_session("10.30.0.1", "10.30.0.2", 40200, 22, b"SSH-2.0-OpenSSH_9.2\r\n", b"SSH-2.0-OpenSSH_9.2\r\n")),
    (wrap_gre_gre, "10.40.0.1", ("gre", "198.51.100.1", "198.51.100.2", 5, 2),
     dns_exchange("10.40.0.1", "10.40.0.2", 40300, 2)),
    (wrap_pptp, "172.16.0.2", ("pptp", "192.0.2.31", "192.0.2.32", 7, 1),
     dns_exchange("172.16.0.2", "172.16.0.1", 40400, 3)),
    (wrap_6in4, "fd00::1", ("6in4", "192.0.2.41", "192.0.2.42", 0, 1),
     dns_exchange("fd00::1", "fd00::2", 40500, 4)),
]


def write_pcap(path, linktype, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for usec, p in frames:
            f.write(struct.pack("<IIII", 1772323200 + usec // 1000000, usec % 1000000, len(p), len(p)) + p)


tunnelled, bare, truth = [], [], []
t = 0
# Interleave the sessions packet by packet, as a busy link would.
longest = max(len(s[3]) for s in sessions)
for i in range(longest):
    for wrap, client, _, pkts in sessions:
        if i < len(pkts):
            sender, inner = pkts[i]
            t += 10000
            tunnelled.append((t, wrap(client, inner, sender)))
            bare.append((t, inner))
for _, client, tr, _ in sessions:
    truth.append("%s %s %s %s %d %d" % ((client,) + tr))
write_pcap(sys.argv[1], 1, tunnelled)
write_pcap(sys.argv[2], 101, bare)
overlap = []
for vni in (42, 43):
    for sender, inner in dns_exchange("10.10.0.1", "10.10.0.2", 40001, 1):
        t += 10000
        overlap.append((t, wrap_vxlan(vni)("10.10.0.1", inner, sender)))
write_pcap(sys.argv[3], 1, overlap)
with open(sys.argv[4], "w") as f:
    f.write("\n".join(truth) + "\n")
