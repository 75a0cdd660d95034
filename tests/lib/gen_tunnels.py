#!/usr/bin/env python3
"""gen_tunnels.py - a capture of tunnelled packets, one or two of each kind
netprofile decapsulates: IPv4-in-IPv4, 6in4, 4in6, GRE with IPv4 and with
Ethernet inside, GRE in GRE, PPTP's enhanced GRE with PPP (address/control
field and protocol compression both ways), VXLAN, Geneve (with an option,
Ethernet and IP inside), VXLAN in GRE; then packets that look like tunnels
and are not (PPP LCP, a VXLAN header without its I flag). Every inner
packet is UDP or TCP with its own ports, so a reader can compare the inner
five-tuple with what tcpdump prints inside.

Usage: gen_tunnels.py OUT.pcap
"""
import ipaddress
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netpkt import csum, eth, ip4, ip6, ipv, pseudo, udp  # noqa: E402,F401


def tcp_syn(src, sport, dst, dport):
    seg = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 5 << 4, 0x02, 64240, 0, 0)
    c = csum(pseudo(src, dst, 6, len(seg)) + seg)
    seg = seg[:16] + struct.pack("!H", c) + seg[18:]
    return ipv(src, dst, 6, seg)


def gre0(inner, proto=None, key=None):
    if proto is None:
        proto = 0x0800 if inner[0] >> 4 == 4 else 0x86dd
    flags = 0x2000 if key is not None else 0
    return struct.pack("!HH", flags, proto) + (struct.pack("!I", key) if key is not None else b"") + inner


def gre1_ppp(ppp, call=7, seq=1):
    return struct.pack("!HHHHI", 0x3001, 0x880b, len(ppp), call, seq) + ppp


def dns_q():
    return struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03org\x00\x00\x01\x00\x01"


def vxlan(inner_frame, vni=42, flags=0x08):
    return struct.pack("!BxxxI", flags, vni << 8) + inner_frame


def geneve(inner, proto, vni=77, opt=True):
    opts = struct.pack("!HBB", 0x0102, 0x80, 1) + b"\xde\xad\xbe\xef" if opt else b""
    return struct.pack("!BBHI", len(opts) // 4, 0, proto, vni << 8) + opts + inner


O4A, O4B = "192.0.2.1", "192.0.2.2"
O6A, O6B = "2001:db8::1", "2001:db8::2"
inner_dns = udp("10.0.0.1", 40001, "10.0.0.2", 53, dns_q())
inner_dns6 = udp("fd00::1", 40002, "fd00::2", 53, dns_q())
pkts = [
    eth(ip4(O4A, O4B, 4, inner_dns)),                                     # IPv4 in IPv4
    eth(ip4(O4A, O4B, 41, inner_dns6)),                                   # 6in4
    eth(ip6(O6A, O6B, 4, udp("10.0.0.3", 40003, "10.0.0.4", 123, b"\x23" + b"\0" * 47))),  # 4in6
    eth(ip6(O6A, O6B, 41, tcp_syn("fd00::3", 40004, "fd00::4", 443))),    # 6in6
    eth(ip4(O4A, O4B, 47, gre0(tcp_syn("10.0.1.1", 40005, "10.0.1.2", 80), key=99))),  # GRE, IPv4
    eth(ip4(O4A, O4B, 47, gre0(eth(udp("10.0.2.1", 40006, "10.0.2.2", 514, b"<13>hello")), 0x6558))),  # GRE, Ethernet
    eth(ip4(O4A, O4B, 47, gre0(ip4("198.51.100.1", "198.51.100.2", 47,
                                   gre0(udp("10.0.3.1", 40007, "10.0.3.2", 53, dns_q())))))),  # GRE in GRE
    eth(ip4(O4A, O4B, 47, gre1_ppp(b"\xff\x03\x00\x21" + udp("172.16.0.2", 40008, "172.16.0.1", 53, dns_q())))),
    eth(ip4(O4B, O4A, 47, gre1_ppp(b"\x21" + udp("172.16.0.1", 53, "172.16.0.2", 40008, dns_q()), call=8))),
    eth(ip4(O4A, O4B, 47, gre1_ppp(b"\xff\x03\x00\x57" + udp("fd10::2", 40009, "fd10::1", 53, dns_q())))),
    eth(udp(O4A, 50000, O4B, 4789, vxlan(eth(udp("10.1.0.1", 40010, "10.1.0.2", 53, dns_q()))))),
    eth(udp(O6A, 50001, O6B, 4789, vxlan(eth(tcp_syn("10.1.0.3", 40011, "10.1.0.4", 22)), vni=4096))),
    eth(udp(O4A, 50002, O4B, 6081, geneve(eth(udp("10.2.0.1", 40012, "10.2.0.2", 161, b"\x30\x00")), 0x6558))),
    eth(udp(O4A, 50003, O4B, 6081, geneve(tcp_syn("10.2.0.3", 40013, "10.2.0.4", 8080), 0x0800, opt=False))),
    eth(ip4(O4A, O4B, 47, gre0(udp("198.51.100.5", 50004, "198.51.100.6", 4789,
                                   vxlan(eth(udp("10.3.0.1", 40014, "10.3.0.2", 53, dns_q()))))))),  # VXLAN in GRE
    # not tunnels (inner packet: none)
    eth(ip4(O4A, O4B, 47, gre1_ppp(b"\xff\x03\xc0\x21\x01\x01\x00\x04"))),  # PPP LCP
    eth(udp(O4A, 50005, O4B, 4789, vxlan(eth(udp("10.4.0.1", 1, "10.4.0.2", 2, b"x")), flags=0x00))),
    eth(udp(O4A, 50006, O4B, 53, dns_q())),
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for i, p in enumerate(pkts):
        f.write(struct.pack("<IIII", 1772323200 + i, 0, len(p), len(p)) + p)
