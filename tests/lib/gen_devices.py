"""gen_devices.py - a capture for tests/devices.sh, built by hand: a BGP
session and a scanner's SYN to port 179, a RIP response and a RIP request,
a DHCP relay's forwarded request and the server's answer, a DNS and an NTP
exchange, a VLAN-tagged CDP announcement, and hostile control frames (an
LLDPDU whose TLV runs past the frame, a CDP TLV of impossible length, a
spanning-tree TCN, a truncated HSRP message).

With "mpls", an LDP hello and an RSVP Path message from two routers, and
hostile ones (an LDP hello of version 2, an LDP PDU cut inside its header,
an LDP hello from a port other than 646, an RSVP message of version 2)
that must give no device.

With "earlier", only 10.9.1.1's RIP response, 1000 s before the main
capture; with "later", 10.9.1.1 as an active HSRP router 1000 s after it
(for merging into a stored inventory).

usage: gen_devices.py OUT.pcap [earlier|later|mpls]"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netpkt import csum, eth, ip4, pseudo, udp  # noqa: E402


def tcp(src, sport, dst, dport, flags, seq, ack, data=b""):
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + data
    c = csum(pseudo(src, dst, 6, len(seg)) + seg)
    return ip4(src, dst, 6, seg[:16] + struct.pack("!H", c) + seg[18:])


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def llc_frame(src, dst, llc, vlan=None):
    tag = struct.pack("!HH", 0x8100, vlan) if vlan is not None else b""
    return mac(dst) + mac(src) + tag + struct.pack("!H", len(llc)) + llc


def bootp(op, giaddr):
    b = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", op, 1, 6, 1, 0x1234, 0, 0, bytes(4), bytes(4), bytes(4),
                    bytes(int(x) for x in giaddr.split(".")), mac("02:00:00:00:99:01"), b"", b"")
    return b + b"\x63\x82\x53\x63\x35\x01" + (b"\x01" if op == 1 else b"\x02") + b"\xff"


def dns(resp):
    q = b"\x07example\x03com\x00\x00\x01\x00\x01"
    h = struct.pack("!HHHHHH", 0x4242, 0x8180 if resp else 0x0100, 1, 1 if resp else 0, 0, 0)
    a = b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01" if resp else b""
    return h + q + a


def ntp(mode):
    return bytes([0x20 | mode]) + bytes(47)


def cdp_tlv(t, v):
    return struct.pack("!HH", t, 4 + len(v)) + v


frames = []
t = 1700000000


def add(frame):
    global t
    frames.append((t, frame))
    t += 1


mode = sys.argv[2] if len(sys.argv) > 2 else ""
if mode == "earlier":
    t -= 1000
    add(eth(udp("10.9.1.1", 520, "224.0.0.9", 520, b"\x02\x02\x00\x00" + bytes(20))))
elif mode == "later":
    t += 1000
    add(eth(udp("10.9.1.1", 1985, "224.0.0.2", 1985,
                b"\x00\x00\x10\x03\x0a\x64\x05\x00cisco\x00\x00\x00" + bytes([10, 9, 1, 254]))))
elif mode == "mpls":
    def ldp_hello(version, lsr):
        tlvs = struct.pack("!HHHH", 0x0400, 4, 15, 0) + struct.pack("!HH4s", 0x0401, 4, bytes(lsr))
        msg = struct.pack("!HHI", 0x0100, 4 + len(tlvs), 1) + tlvs
        return struct.pack("!HH4sH", version, 6 + len(msg), bytes(lsr), 0) + msg

    def rsvp_path(version):
        obj = struct.pack("!HBB", 12, 1, 7) + bytes([10, 9, 7, 9, 0, 0, 0, 4, 10, 9, 7, 2])
        return struct.pack("!BBHBBH", version << 4, 1, 0, 64, 0, 8 + len(obj)) + obj

    add(eth(udp("10.9.7.1", 646, "224.0.0.2", 646, ldp_hello(1, [10, 9, 7, 1]))))
    add(eth(ip4("10.9.7.2", "10.9.7.9", 46, rsvp_path(1))))
    add(eth(udp("10.9.7.66", 646, "224.0.0.2", 646, ldp_hello(2, [10, 9, 7, 66]))))
    add(eth(udp("10.9.7.67", 646, "224.0.0.2", 646, ldp_hello(1, [10, 9, 7, 67])[:9])))
    add(eth(udp("10.9.7.68", 40000, "224.0.0.2", 646, ldp_hello(1, [10, 9, 7, 68]))))
    add(eth(ip4("10.9.7.69", "10.9.7.9", 46, rsvp_path(2))))
if not mode:
    # BGP: 10.9.0.2 opens a session to 10.9.0.1; both send BGP messages.
    A, B, S = "10.9.0.1", "10.9.0.2", "10.9.0.66"
    add(eth(tcp(B, 40000, A, 179, 0x02, 100, 0)))
    add(eth(tcp(A, 179, B, 40000, 0x12, 500, 101)))
    add(eth(tcp(B, 40000, A, 179, 0x10, 101, 501)))
    opn = b"\xff" * 16 + struct.pack("!HBBHHIB", 29, 1, 4, 65002, 90, 0x0a090002, 0)
    add(eth(tcp(B, 40000, A, 179, 0x18, 101, 501, opn)))
    keep = b"\xff" * 16 + struct.pack("!HB", 19, 4)
    add(eth(tcp(A, 179, B, 40000, 0x18, 501, 130, keep)))
    # a scanner's SYN to 179, reset: no router
    add(eth(tcp(S, 50000, A, 179, 0x02, 7, 0)))
    add(eth(tcp(A, 179, S, 50000, 0x14, 0, 8)))
    # RIP: a response from the router, a request from a host
    add(eth(udp("10.9.1.1", 520, "224.0.0.9", 520, b"\x02\x02\x00\x00" + bytes(20))))
    add(eth(udp("10.9.1.5", 520, "224.0.0.9", 520, b"\x01\x02\x00\x00" + bytes(20))))
    # DHCP: the relay 10.9.2.1 forwards for 10.9.3.1 to the server 10.9.2.53, which answers
    add(eth(udp("10.9.2.1", 67, "10.9.2.53", 67, bootp(1, "10.9.3.1"))))
    add(eth(udp("10.9.2.53", 67, "10.9.2.1", 67, bootp(2, "10.9.3.1"))))
    # DNS and NTP
    add(eth(udp("10.9.4.10", 41000, "10.9.4.53", 53, dns(False))))
    add(eth(udp("10.9.4.53", 53, "10.9.4.10", 41000, dns(True))))
    add(eth(udp("10.9.4.10", 41001, "10.9.5.123", 123, ntp(3))))
    add(eth(udp("10.9.5.123", 123, "10.9.4.10", 41001, ntp(4))))
    # CDP on VLAN 7 from a switch that is also a router
    cdp = b"\x02\xb4\x00\x00" + cdp_tlv(1, b"core-sw1") + cdp_tlv(3, b"Gi1/0/24") + \
        cdp_tlv(4, struct.pack("!I", 0x29)) + cdp_tlv(6, b"cisco WS-C3850")
    add(llc_frame("02:00:00:00:07:01", "01:00:0c:cc:cc:cc", b"\xaa\xaa\x03\x00\x00\x0c\x20\x00" + cdp, vlan=7))
    # hostile: an LLDPDU whose chassis TLV runs past the frame
    add(mac("01:80:c2:00:00:0e") + mac("02:00:00:00:0b:01") + b"\x88\xcc" + b"\x02\x40\x04abc")
    # a CDP TLV of length 2 (below its own header)
    add(llc_frame("02:00:00:00:0b:02", "01:00:0c:cc:cc:cc",
                  b"\xaa\xaa\x03\x00\x00\x0c\x20\x00" + b"\x02\xb4\x00\x00" + b"\x00\x01\x00\x02"))
    # a spanning-tree topology change notification (no bridge ID in it)
    add(llc_frame("02:00:00:00:0b:03", "01:80:c2:00:00:00", b"\x42\x42\x03\x00\x00\x00\x80"))
    # a BPDU cut short inside the bridge ID
    add(llc_frame("02:00:00:00:0b:04", "01:80:c2:00:00:00", b"\x42\x42\x03\x00\x00\x00\x00\x00" + bytes(14)))
    # HSRP cut short before the virtual address
    add(eth(udp("10.9.6.2", 1985, "224.0.0.2", 1985, b"\x00\x00\x10\x03\x0a\x64\x01\x00cisco\x00\x00\x00")))

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, fr in frames:
        f.write(struct.pack("<IIII", ts, 0, len(fr), len(fr)) + fr)
