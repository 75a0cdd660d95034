"""flowmsg.py - NetFlow v5, NetFlow v9 and IPFIX export messages built by
hand for the collector's tests (tests/collect.sh) and fuzz seeds: whole and
well-formed ones from the formats' documents (Cisco's v5 and RFC 3954 for
v9, RFC 7011 for IPFIX), and the broken ones a hostile or buggy exporter
sends. Import it with tests/lib on the path."""

import socket
import struct

# ---- NetFlow v5 (Cisco): 24-byte header, 48-byte records -------------------


def v5_record(src, dst, sport, dport, proto, pkts, octets, first_ms, last_ms, flags=0):
    return struct.pack('!4s4s4sHHIIIIHHBBBBHHBBH', socket.inet_aton(src), socket.inet_aton(dst),
                       b'\0' * 4, 0, 0, pkts, octets, first_ms, last_ms, sport, dport, 0, flags,
                       proto, 0, 0, 0, 0, 0, 0)


def v5_message(records, seq, uptime_ms=100000, secs=1700000000, nsecs=0, count=None):
    n = len(records) if count is None else count
    return struct.pack('!HHIIIIBBH', 5, n, uptime_ms, secs, nsecs, seq, 0, 0, 0) + b''.join(records)


# ---- NetFlow v9 (RFC 3954) --------------------------------------------------

# (field type, length): IN_BYTES 1, IN_PKTS 2, PROTOCOL 4, TCP_FLAGS 6,
# L4_SRC_PORT 7, IPV4_SRC_ADDR 8, L4_DST_PORT 11, IPV4_DST_ADDR 12,
# LAST_SWITCHED 21, FIRST_SWITCHED 22
V9_LAYOUT = [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (2, 4), (1, 4), (22, 4), (21, 4)]


def v9_template_flowset(tid, layout=V9_LAYOUT):
    body = struct.pack('!HH', tid, len(layout)) + b''.join(struct.pack('!HH', t, n) for t, n in layout)
    return struct.pack('!HH', 0, 4 + len(body)) + body


def v9_data_flowset(tid, rows):
    """rows: already packed records."""
    body = b''.join(rows)
    pad = (-len(body)) % 4
    return struct.pack('!HH', tid, 4 + len(body) + pad) + body + b'\0' * pad


def v9_row(src, dst, sport, dport, proto, flags, pkts, octets, first_ms, last_ms):
    return struct.pack('!4s4sHHBBIIII', socket.inet_aton(src), socket.inet_aton(dst), sport, dport, proto,
                       flags, pkts, octets, first_ms, last_ms)


def v9_message(flowsets, seq, nrecords, uptime_ms=100000, secs=1700000000, source_id=1):
    return struct.pack('!HHIIII', 9, nrecords, uptime_ms, secs, seq, source_id) + b''.join(flowsets)


# ---- IPFIX (RFC 7011) -------------------------------------------------------

# (IE, length): sourceIPv4Address 8, destinationIPv4Address 12,
# sourceTransportPort 7, destinationTransportPort 11, protocolIdentifier 4,
# tcpControlBits 6, packetDeltaCount 2, octetDeltaCount 1,
# flowStartMilliseconds 152, flowEndMilliseconds 153
IPFIX_LAYOUT = [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (2, 8), (1, 8), (152, 8), (153, 8)]
# another layout for the same template ID: ports and protocol first
IPFIX_LAYOUT2 = [(7, 2), (11, 2), (4, 1), (8, 4), (12, 4), (2, 8), (1, 8), (152, 8), (153, 8)]


def ipfix_template_set(tid, layout=IPFIX_LAYOUT):
    body = struct.pack('!HH', tid, len(layout)) + b''.join(struct.pack('!HH', ie, n) for ie, n in layout)
    return struct.pack('!HH', 2, 4 + len(body)) + body


def ipfix_withdrawal_set(tid):
    return struct.pack('!HHHH', 2, 8, tid, 0)


def ipfix_data_set(tid, rows):
    body = b''.join(rows)
    return struct.pack('!HH', tid, 4 + len(body)) + body


def ipfix_row(src, dst, sport, dport, proto, flags, pkts, octets, start_ms, end_ms):
    return struct.pack('!4s4sHHBBQQQQ', socket.inet_aton(src), socket.inet_aton(dst), sport, dport, proto,
                       flags, pkts, octets, start_ms, end_ms)


def ipfix_row2(src, dst, sport, dport, proto, pkts, octets, start_ms, end_ms):
    return struct.pack('!HHB4s4sQQQQ', sport, dport, proto, socket.inet_aton(src), socket.inet_aton(dst),
                       pkts, octets, start_ms, end_ms)


def ipfix_message(sets, seq, domain=1, export_secs=1700000000):
    body = b''.join(sets)
    return struct.pack('!HHIII', 10, 16 + len(body), export_secs, seq, domain) + body


# ---- sending to a collector -------------------------------------------------


class Exporters:
    """Exporters on 127.0.0.1, one UDP socket each, sending to the collector
    on `port`; each new one prints "NAME 127.0.0.1:PORT" so the test can
    find its statistics line."""

    def __init__(self, port):
        self.dst = ('127.0.0.1', port)

    def new(self, name):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(('127.0.0.1', 0))
        print(name, '127.0.0.1:%d' % s.getsockname()[1], flush=True)
        return s

    def send(self, s, msg, pause=0.002):
        import time
        s.sendto(msg, self.dst)
        time.sleep(pause)
