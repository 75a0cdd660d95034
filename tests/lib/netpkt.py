"""netpkt.py - what the Python parts of the tests and generators share for
building packets by hand: the Internet checksum (RFC 1071), IPv4 and IPv6
headers, UDP with its checksum, an Ethernet header.

Import it with tests/lib on the path (PYTHONPATH=tests/lib, or
sys.path.insert from a script's own location)."""

import ipaddress
import struct


def csum(data):
    """The ones' complement of the ones' complement sum of 16-bit words."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip4(src, dst, proto, payload, ident=1):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0,
                    ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ip6(src, dst, proto, payload):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), proto, 64, ipaddress.ip_address(src).packed,
                       ipaddress.ip_address(dst).packed) + payload


def pseudo(src, dst, proto, n):
    a, b = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    if a.version == 4:
        return a.packed + b.packed + struct.pack("!BBH", 0, proto, n)
    return a.packed + b.packed + struct.pack("!IxxxB", n, proto)


def udp(src, sport, dst, dport, data):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    c = csum(pseudo(src, dst, 17, len(seg)) + seg) or 0xffff
    seg = seg[:6] + struct.pack("!H", c) + seg[8:]
    return ipv(src, dst, 17, seg)


def ipv(src, dst, proto, payload):
    return (ip4 if ipaddress.ip_address(src).version == 4 else ip6)(src, dst, proto, payload)


def eth(payload, etype=None):
    if etype is None:
        etype = 0x0800 if payload[0] >> 4 == 4 else 0x86dd
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01" + struct.pack("!H", etype) + payload


def rand_helpers(rng):
    """rbytes(n) and u8() drawing from rng, as the printer generators use them."""
    return (lambda n: bytes(rng.getrandbits(8) for _ in range(n))), (lambda: rng.getrandbits(8))


def write_pcap(path, frames, linktype=1, snaplen=65535):
    """A classic pcap file of (data, original length) frames, a millisecond apart."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)


def write_pcap_timed(path, frames, linktype=1, snaplen=65535):
    """A classic pcap file of (time in seconds, data) frames, in time order."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype))
        for t, data in sorted(frames, key=lambda x: x[0]):
            us = round(t * 1e6)
            f.write(struct.pack("<IIII", us // 1000000, us % 1000000, len(data), len(data)) + data)


def write_printer_captures(out, name, frames, dlt=1, every=4, start=0):
    """NAME.pcap with the frames whole, NAME_cut.pcap with every every-th
    frame cut at each length from start on (the truncation points)."""
    write_pcap(f"{out}/{name}.pcap", [(f, len(f)) for f in frames], dlt)
    write_pcap(f"{out}/{name}_cut.pcap", [(f[:n], len(f)) for f in frames[::every] for n in range(start, len(f))], dlt)
