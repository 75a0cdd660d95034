"""netpkt.py - what the Python parts of the tests and generators share for
building packets by hand: the Internet checksum (RFC 1071).

Import it with tests/lib on the path (PYTHONPATH=tests/lib, or
sys.path.insert from a script's own location)."""

import struct


def csum(data):
    """The ones' complement of the ones' complement sum of 16-bit words."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
