#!/usr/bin/env python3
"""gen_hardcases.py - a capture of the conversations where server inference
usually fails, with a ground-truth file saying who really serves.

For: tests/roles.sh, which runs `netprofile servers` over the capture (and
over flow records made from it) and scores the server list against the
truth, per case and overall. The cases are the ones ../shared/ANCHORS.md
lists as the peers' misses: scans (SYN, connect, UDP) whose targets never
answered or reset, ICMP, closed and filtered ports, FTP active data (the
server opens the connection, from port 20 or not) and passive data on high
ports, NTP 123<->123, SIP 5060<->5060 with its RTP, RTP alone, captures that
start mid-connection, one-way visibility, client machines serving on high
ports, fan-in to high-port servers, peer-to-peer listeners, DNS 53<->53 and
services on ports that are not theirs (SSH on 80 and 443, HTTP on 8888...).
A baseline case of ordinary traffic is there so that fixing the hard cases
cannot quietly break the easy ones.

Each case lives in its own address block, 10.C.0.0/16 and fd00:C::/64 with C
the case number, so every server the tool lists can be charged to a case.

Usage: gen_hardcases.py [--seed N] [--view V] -o PREFIX   writes PREFIX.pcap and PREFIX.truth
       gen_hardcases.py --list                    the cases and their numbers

The truth file, one line each ('#' comments):

  case C NAME                         -- what the address block C holds
  server ADDRESS PROTO PORT SERVICE case=NAME need=E[|E...] service-need=S [ties=KIND,...] note=...
  noserver PROTO ADDRESS:PORT ADDRESS:PORT case=NAME note=...

`need` says which evidence in the capture shows the server (any one of them
suffices), so a scorer can tell "missed although the input showed it" from
"the input cannot show it":
  structure  what a flow record carries: ports, who sent first, packet and
             byte counts, fan-in, durations (every variant of input has it);
  payload    the first payload bytes (only a packet capture has them);
  flags      TCP flags of the first packets (a capture without --no-flags,
             flow records with initialFlags);
  none       nothing in the capture shows who serves (e.g. only the
             requests of a UDP service are visible, or one direction of a
             connection that began before the capture). The right answer
             there is "no server" or a low confidence, never a wrong server.
`service-need` is `port` when the port's registered name is the service,
`payload` when only the payload names it (SSH on port 80). `ties`: kinds of
connections that belong to the server (ftp-data:active, ftp-data:passive).
`noserver` lines are conversations in which nobody serves (a scan probe that
got a reset or nothing, ICMP, RTP media); they are for reading: a scorer
needs only the server lines, and any other listed server is a false one.

Packets: Ethernet, IPv4 and IPv6, TCP with the options Linux and Windows
send (a SYN is 60 or 52 bytes; nmap's is 44), right checksums, coherent
sequence and acknowledgement numbers; the same seed gives the same bytes.
Needs only Python 3's standard library.

Not for: benchmarking (bench/gen_capture.c makes millions of packets fast)
or learning anything about real traffic mixes: the cases are hand-made.
"""
import argparse
import ipaddress
import random
import os
import re
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from netpkt import csum  # noqa: E402

T0 = 1772323200.0  # 2026-03-01 00:00:00 UTC: the capture starts here
SPAN = 900.0        # and lasts about this long

CASES = [
    (1, "baseline"), (2, "syn-scan"), (3, "udp-scan"), (4, "icmp"), (5, "closed-ports"),
    (6, "ftp-active"), (7, "ftp-passive"), (8, "ntp-123"), (9, "sip-5060"), (10, "rtp"),
    (11, "mid-connection"), (12, "one-way"), (13, "client-serving"), (14, "fan-in"),
    (15, "p2p"), (16, "dns-53-53"), (17, "nonstandard-port"),
    (18, "syslog"), (19, "snmp-trap"), (20, "flow-collector"), (21, "quic"), (22, "web-one-way"),
    (23, "ntp-no-answer"), (24, "tunnelled"),
]

# ---- packets -----------------------------------------------------------------------



def mac_of(addr):
    b = ipaddress.ip_address(addr).packed
    return bytes([0x02, 0x00]) + b[-4:]


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        self.pkts = []
        self.ipid = {}
        self.servers = {}
        self.noservers = []
        self.order = 0
        # While set, (kind, {inner address: its tunnel endpoint}): packets
        # between two mapped addresses go inside that tunnel ("pptp", "gre",
        # "ipip"), the truth and the views keeping their inner addresses.
        self.tunnel = None
        self.pptp_seq = 0

    # -- IP --
    def ip(self, t, src, dst, proto, l4, ttl=64):
        a, b = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if a.version == 4:
            ident = self.ipid.get(src, self.rng.randrange(65536))
            self.ipid[src] = (ident + 1) & 0xffff
            hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident, 0x4000, ttl, proto, 0,
                              a.packed, b.packed)
            hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
            pkt, etype = hdr + l4, 0x0800
        else:
            hdr = struct.pack("!IHBB16s16s", 0x60000000, len(l4), proto, ttl, a.packed, b.packed)
            pkt, etype = hdr + l4, 0x86dd
        ports = struct.unpack("!HH", l4[:4]) if proto in (6, 17) else (0, 0)
        inner = (src, ports[0], dst, ports[1], proto)
        if self.tunnel and src in self.tunnel[1] and dst in self.tunnel[1]:
            kind, ends = self.tunnel
            self.tunnel = None
            self.encapsulate(t, kind, ends[src], ends[dst], pkt)
            self.tunnel = (kind, ends)
            self.pkts[-1] = self.pkts[-1][:3] + (inner,)  # the views and the truth see the inside
            return pkt
        frame = mac_of(dst) + mac_of(src) + struct.pack("!H", etype) + pkt
        if len(frame) < 60:
            frame += b"\0" * (60 - len(frame))
        self.order += 1
        self.pkts.append((t, self.order, frame, inner))
        return pkt

    def encapsulate(self, t, kind, osrc, odst, pkt):
        """pkt (an IPv4 packet) inside a tunnel from osrc to odst."""
        if kind == "ipip":
            return self.ip(t, osrc, odst, 4, pkt)
        if kind == "gre":
            return self.ip(t, osrc, odst, 47, struct.pack("!HH", 0, 0x0800) + pkt)
        self.pptp_seq += 1
        ppp = b"\xff\x03\x00\x21" + pkt
        call = 0x4000 + (zlib.crc32(odst.encode()) & 0xfff)
        return self.ip(t, osrc, odst, 47, struct.pack("!HHHHI", 0x3001, 0x880b, len(ppp), call, self.pptp_seq) + ppp)

    def pseudo(self, src, dst, proto, length):
        a, b = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if a.version == 4:
            return a.packed + b.packed + struct.pack("!BBH", 0, proto, length)
        return a.packed + b.packed + struct.pack("!IxxxB", length, proto)

    def tcp(self, t, src, sport, dst, dport, seq, ack, flags, win=64240, opts=b"", data=b""):
        off = (20 + len(opts)) // 4
        h = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, off << 4, flags, win, 0, 0)
        seg = h + opts + data
        c = csum(self.pseudo(src, dst, 6, len(seg)) + seg)
        seg = seg[:16] + struct.pack("!H", c) + seg[18:]
        return self.ip(t, src, dst, 6, seg)

    def udp(self, t, src, sport, dst, dport, data):
        seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        c = csum(self.pseudo(src, dst, 17, len(seg)) + seg) or 0xffff
        seg = seg[:6] + struct.pack("!H", c) + seg[8:]
        return self.ip(t, src, dst, 17, seg)

    def icmp(self, t, src, dst, typ, code, rest):
        v6 = ipaddress.ip_address(src).version == 6
        msg = struct.pack("!BBH", typ, code, 0) + rest
        if v6:
            c = csum(self.pseudo(src, dst, 58, len(msg)) + msg)
        else:
            c = csum(msg)
        msg = msg[:2] + struct.pack("!H", c) + msg[4:]
        return self.ip(t, src, dst, 58 if v6 else 1, msg)

    def unreachable(self, t, src, dst, quoted):
        """Port unreachable from src about the datagram `quoted` (IP packet)."""
        if ipaddress.ip_address(src).version == 6:
            self.icmp(t, src, dst, 1, 4, b"\0\0\0\0" + quoted[:1232])
        else:
            self.icmp(t, src, dst, 3, 3, b"\0\0\0\0" + quoted[:28])

    # -- truth --
    def server(self, case, addr, proto, port, service, need, service_need="port", ties=None, note=""):
        key = (addr, proto, port)
        line = "server %s %s %d %s case=%s need=%s service-need=%s%s note=%s" % (
            addr, proto, port, service or "-", case, need, service_need,
            " ties=" + ",".join(ties) if ties else "", note.replace(" ", "-") or "-")
        if key in self.servers and self.servers[key] != line:
            raise SystemExit("gen_hardcases: two truths for %s" % (key,))
        self.servers[key] = line

    def noserver(self, case, proto, a, ap, b, bp, note):
        self.noservers.append("noserver %s %s:%d %s:%d case=%s note=%s" % (proto, a, ap, b, bp, case,
                                                                        note.replace(" ", "-")))

    def apply_view(self, view):
        """The capture point's view: 'whole'; 'midstream', every
        conversation's first 1-3 packets sent before the capture began;
        'oneway', a quarter of the hosts (by address) seen one way: what is
        sent to them takes another path. The truth keeps the servers that
        still show a packet; one that shows a single packet becomes
        need=none (a lone packet is what a probe looks like)."""
        self.pkts.sort(key=lambda x: (x[0], x[1]))
        if view == "midstream":
            seen, kept = {}, []
            for p in self.pkts:
                src, sp, dst, dp, proto = p[3]
                conv = (proto,) + tuple(sorted(((src, sp), (dst, dp))))
                n = seen.get(conv, 0)
                seen[conv] = n + 1
                if n >= 1 + zlib.crc32(repr(conv).encode()) % 3:
                    kept.append(p)
            self.pkts = kept
        elif view == "oneway":
            self.pkts = [p for p in self.pkts if zlib.crc32(("%d:%s" % (self.seed, p[3][2])).encode()) % 4 != 0]
        ends = {}
        for p in self.pkts:
            if p[0] >= T0:
                src, sp, dst, dp, proto = p[3]
                for e in ((src, proto, sp), (dst, proto, dp)):
                    ends[e] = ends.get(e, 0) + 1
        pn = {"tcp": 6, "udp": 17}
        syn = set()  # TCP endpoints a kept SYN or SYN+ACK was sent to or from
        shown = set()  # TCP endpoints that sent a kept packet, or were sent a kept ACK (not a reset)
        for p in self.pkts:
            src, sp, dst, dp, proto = p[3]
            if p[0] < T0 or proto != 6:
                continue
            flags = tcp_flags(p[2])
            if flags & 0x02:
                syn.update(((src, sp), (dst, dp)))
            shown.add((src, sp))
            # An ACK sent to it acknowledges something it sent -- unless it
            # is a reset: a lone RST+ACK is also what a closed port sends
            # back to a SYN, so it shows neither end serving.
            if flags & 0x10 and not flags & 0x04:
                shown.add((dst, dp))
        kept = {}
        for k, line in self.servers.items():
            n = ends.get((k[0], pn[k[1]], k[2]), 0)
            if n == 1 and view != "whole":  # one packet left: a probe looks the same
                line = re.sub(r" need=\S+", " need=none", line)
            elif " need=flags " in line and k[1] == "tcp" and (k[0], k[2]) not in syn:
                line = line.replace(" need=flags ", " need=none ")  # the handshake was cut off
            elif k[1] == "tcp" and (k[0], k[2]) not in shown:
                # Only a SYN and a reset sent to it are left: what a scan
                # of a closed or filtered port shows too.
                line = re.sub(r" need=\S+", " need=none", line)
            if n:
                kept[k] = line
        self.servers = kept
        if view == "whole":
            return
        # A non-server told by an ICMP refusal the view dropped looks like
        # a server's lone request: "either" (score_roles.py counts neither).
        pairs = {(p[3][0], p[3][2]) for p in self.pkts if p[0] >= T0}
        for i, line in enumerate(self.noservers):
            w = line.split()
            a, b = w[2].rsplit(":", 1)[0], w[3].rsplit(":", 1)[0]
            if "unreachable" in line and (b, a) not in pairs:
                self.noservers[i] = "either" + line[len("noserver"):] + "-(its-refusal-took-the-unseen-way)"

    def write(self, prefix):
        self.pkts.sort(key=lambda x: (x[0], x[1]))
        with open(prefix + ".pcap", "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
            for t, _, frame, _ in self.pkts:
                if t < T0:
                    continue  # before the capture started
                sec = int(t)
                usec = int(round((t - sec) * 1e6))
                if usec >= 1000000:
                    sec, usec = sec + 1, usec - 1000000
                f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame)
        with open(prefix + ".truth", "w") as f:
            f.write("# ground truth for %s.pcap, written by bench/gen_hardcases.py (see its header)\n" % prefix)
            for num, name in CASES:
                f.write("case %d %s\n" % (num, name))
            for key in sorted(self.servers, key=lambda k: (ipaddress.ip_address(k[0]).version,
                                                         ipaddress.ip_address(k[0]), k[1], k[2])):
                f.write(self.servers[key] + "\n")
            for line in self.noservers:
                f.write(line + "\n")
        return sum(1 for p in self.pkts if p[0] >= T0)


def tcp_flags(frame):
    """The TCP flags of an Ethernet frame with IPv4 or IPv6 (no extension
    headers) inside, 0 if it is no TCP."""
    if len(frame) < 34:
        return 0
    if frame[12:14] == b"\x08\x00":
        off = 14 + (frame[14] & 15) * 4
        proto = frame[23]
        if proto == 4 and len(frame) > off + 20:  # IP-in-IP (the tunnelled case)
            proto, off = frame[off + 9], off + (frame[off] & 15) * 4
    else:
        off, proto = 54, frame[20] if len(frame) > 20 else 0
    return frame[off + 13] if proto == 6 and len(frame) > off + 13 else 0


def A(case, host):
    return "10.%d.%d.%d" % (case, host >> 8, host & 255)


def V6(case, host):
    return "fd00:%x::%x" % (case, host)


# ---- hosts and their ports ------------------------------------------------------------

class Host:
    """A machine that opens connections: its OS decides its ephemeral ports."""
    RANGES = {"linux": (32768, 60999), "windows": (49152, 65535), "oldbsd": (1024, 5000), "mac": (49152, 65535)}

    def __init__(self, g, addr, os_="linux"):
        self.g, self.addr, self.os = g, addr, os_
        lo, hi = self.RANGES[os_]
        self.lo, self.hi = lo, hi
        self.next = g.rng.randrange(lo, hi)

    def port(self):
        if self.os == "linux":  # Linux: random-looking, even-first, per destination
            p = self.g.rng.randrange(self.lo, self.hi)
        else:                   # Windows and old stacks: a counter
            self.next += self.g.rng.randrange(1, 4)
            if self.next > self.hi:
                self.next = self.lo
            p = self.next
        return p


# ---- TCP connections ----------------------------------------------------------------------

SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08


def ts_opt(val, ecr):
    return b"\x01\x01\x08\x0a" + struct.pack("!II", val & 0xffffffff, ecr & 0xffffffff)


class Tcp:
    """One TCP connection as a capture point between the two ends sees it.
    d = 0: client to server, 1: server to client. vis: 'both', 'c2s' or
    's2c' (one-way visibility: the other direction is routed elsewhere)."""

    def __init__(self, g, cli, cport, srv, sport, t, rtt=0.02, cos="linux", vis="both"):
        self.g, self.t, self.rtt, self.vis = g, t, rtt, vis
        self.addr = (cli, srv)
        self.port = (cport, sport)
        self.seq = [g.rng.randrange(1 << 32), g.rng.randrange(1 << 32)]
        self.tsv = [g.rng.randrange(1 << 31), g.rng.randrange(1 << 31)]
        self.cos = cos
        self.use_ts = cos != "windows"
        self.win = [64240 if cos != "windows" else 65535, 65160]
        self.mss = 1448 if self.use_ts else 1460

    def pkt(self, d, flags, data=b"", opts=None, seq=None):
        if opts is None:
            opts = ts_opt(self.tsv[d], self.tsv[1 - d]) if self.use_ts else b""
        visible = self.vis == "both" or (self.vis == "c2s" and d == 0) or (self.vis == "s2c" and d == 1)
        s = self.seq[d] if seq is None else seq
        if visible:
            self.g.tcp(self.t, self.addr[d], self.port[d], self.addr[1 - d], self.port[1 - d], s,
                       self.seq[1 - d] if flags & ACK else 0, flags, self.win[d], opts, data)
        self.tsv[d] += 1 + int(self.rtt * 1000)

    def advance(self, dt):
        self.t += dt

    def handshake(self):
        if self.cos == "windows":
            syn_opts = b"\x02\x04\x05\xb4\x01\x03\x03\x08\x01\x01\x04\x02"
        else:
            syn_opts = b"\x02\x04\x05\xb4\x04\x02" + ts_opt(self.tsv[0], 0)[2:] + b"\x01\x03\x03\x07"
        self.pkt(0, SYN, opts=syn_opts)
        self.seq[0] += 1
        self.advance(self.rtt / 2)
        if self.use_ts:
            sa_opts = b"\x02\x04\x05\xb4\x04\x02" + ts_opt(self.tsv[1], self.tsv[0])[2:] + b"\x01\x03\x03\x07"
        else:
            sa_opts = b"\x02\x04\x05\xb4\x01\x01\x04\x02\x01\x03\x03\x07"
        self.pkt(1, SYN | ACK, opts=sa_opts)
        self.seq[1] += 1
        self.advance(self.rtt / 2)
        self.pkt(0, ACK)
        self.advance(0.0002)

    def send(self, d, data, think=0.0, ack=True):
        """d sends data (bytes, cut into segments); the peer ACKs every
        second segment and the last."""
        self.advance(think)
        n = 0
        for off in range(0, len(data), self.mss):
            chunk = data[off:off + self.mss]
            last = off + self.mss >= len(data)
            self.pkt(d, ACK | (PSH if last else 0), chunk)
            self.seq[d] += len(chunk)
            n += 1
            self.advance(0.00012 * len(chunk) / 1448 + 0.00001)
            if ack and (n % 2 == 0 or last):
                self.advance(self.rtt / 2)
                self.pkt(1 - d, ACK)
                self.advance(0.0001)
        self.advance(self.rtt / 2)

    def close(self, d=0, how="fin"):
        if how == "rst":
            self.pkt(d, RST | ACK, opts=b"")
            return
        self.pkt(d, FIN | ACK)
        self.seq[d] += 1
        self.advance(self.rtt / 2)
        self.pkt(1 - d, FIN | ACK)
        self.seq[1 - d] += 1
        self.advance(self.rtt / 2)
        self.pkt(d, ACK)


# ---- payloads -----------------------------------------------------------------------------------

def filler(g, n):
    """n bytes that look like ciphertext (64 random bytes, repeated)."""
    return (bytes(g.rng.randrange(256) for _ in range(64)) * (n // 64 + 1))[:n]


def http_get(host, path="/"):
    return ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n" % (path, host)).encode()


def http_resp(g, n):
    body = filler(g, n)
    return ("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: application/octet-stream\r\n"
            "Content-Length: %d\r\n\r\n" % n).encode() + body


def tls_hello(g, client, sni="www.example.org"):
    if client:
        body = b"\x03\x03" + filler(g, 32) + b"\x20" + filler(g, 32) + b"\x00\x02\x13\x01\x01\x00"
        name = sni.encode()
        sni_ext = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
        body += struct.pack("!H", len(sni_ext)) + sni_ext
        hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
        return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs
    body = b"\x03\x03" + filler(g, 32) + b"\x20" + filler(g, 32) + b"\x13\x01\x00\x00\x00"
    hs = b"\x02" + struct.pack("!I", len(body))[1:] + body
    rec = b"\x16\x03\x03" + struct.pack("!H", len(hs)) + hs
    return rec + b"\x17\x03\x03" + struct.pack("!H", 2400) + filler(g, 2400)


def tls_data(g, n):
    return b"\x17\x03\x03" + struct.pack("!H", min(n, 16384)) + filler(g, n)


def dns_query(g, name, qid=None, qtype=1):
    qid = g.rng.randrange(65536) if qid is None else qid
    q = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 1) + q + struct.pack("!HH", qtype, 1) + \
        b"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00"


def dns_answer(query, g):
    qid = struct.unpack("!H", query[:2])[0]
    qend = query.index(b"\0", 12) + 5
    q = query[12:qend]
    rr = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([93, 184, g.rng.randrange(256), 34])
    return struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + q + rr


def ntp_packet(g, mode, t):
    first = (4 << 3) | mode
    stratum = 2 if mode == 4 else 0
    sec = int(t) + 2208988800
    return struct.pack("!BBbbII4sQQQQ", first, stratum, 6, -23, 0, 0, b"\0\0\0\0" if mode == 3 else b"GPS\0",
                       0, 0, 0, (sec << 32) | g.rng.randrange(1 << 32))


def snmp_get(resp=False):
    oid = b"\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00"
    val = b"\x04\x05Linux" if resp else b"\x05\x00"
    vb = b"\x30" + bytes([len(oid) + len(val)]) + oid + val
    vbl = b"\x30" + bytes([len(vb)]) + vb
    pdu_body = b"\x02\x01\x01\x02\x01\x00\x02\x01\x00" + vbl
    pdu = (b"\xa2" if resp else b"\xa0") + bytes([len(pdu_body)]) + pdu_body
    msg = b"\x02\x01\x01\x04\x06public" + pdu
    return b"\x30" + bytes([len(msg)]) + msg


def sip_msg(first_line, frm, to, callid, cseq, extra=""):
    return ("%s\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK%d\r\nFrom: <sip:%s>;tag=1\r\nTo: <sip:%s>\r\n"
            "Call-ID: %s\r\nCSeq: %s\r\nMax-Forwards: 70\r\nUser-Agent: Yealink SIP-T46S\r\n%s"
            "Content-Length: 0\r\n\r\n" % (first_line, frm, zlib.crc32(callid.encode()) & 0xffffff, frm, to, callid, cseq,
                                            extra)).encode()


def rtp_stream(g, a, ap, b, bp, t, seconds, pt=0, dirs=(0, 1), rtcp=True):
    """G.711 at 20 ms both ways (or one way), RTCP every 5 s on port+1."""
    ssrc = [g.rng.randrange(1 << 32), g.rng.randrange(1 << 32)]
    seqn = [g.rng.randrange(65536), g.rng.randrange(65536)]
    ts = [g.rng.randrange(1 << 32), g.rng.randrange(1 << 32)]
    ends = [(a, ap, b, bp), (b, bp, a, ap)]
    n = int(seconds / 0.02)
    for i in range(n):
        for d in dirs:
            src, sp, dst, dp = ends[d]
            hdr = struct.pack("!BBHII", 0x80, (0x80 if i == 0 else 0) | pt, seqn[d] & 0xffff, ts[d] & 0xffffffff,
                              ssrc[d])
            g.udp(t + i * 0.02 + d * 0.0071 + g.rng.random() * 0.002, src, sp, dst, dp, hdr + b"\xff" * 160)
            seqn[d] += 1
            ts[d] += 160
        if rtcp and i % 250 == 125:
            for d in dirs:
                src, sp, dst, dp = ends[d]
                sr = struct.pack("!BBHI", 0x80, 200, 6, ssrc[d]) + b"\0" * 20
                g.udp(t + i * 0.02 + 0.003, src, sp + 1, dst, dp + 1, sr)


# ---- the cases ------------------------------------------------------------------------------------

def when(g, lo=5.0, hi=SPAN - 120):
    return T0 + g.rng.uniform(lo, hi)


def web_session(g, cli, srv, port, t, tls=True, n=2, vis="both", rtt=None, size=None):
    c = Tcp(g, cli.addr, cli.port(), srv, port, t, rtt or g.rng.uniform(0.002, 0.04), cli.os, vis)
    c.handshake()
    if tls:
        c.send(0, tls_hello(g, True))
        c.send(1, tls_hello(g, False), think=0.002)
        for _ in range(n):
            c.send(0, tls_data(g, g.rng.randrange(200, 700)), think=g.rng.uniform(0.01, 0.5))
            c.send(1, tls_data(g, size or g.rng.randrange(1000, 30000)), think=0.005)
    else:
        for _ in range(n):
            c.send(0, http_get(srv), think=g.rng.uniform(0.01, 0.5))
            c.send(1, http_resp(g, size or g.rng.randrange(500, 20000)), think=0.003)
    c.close(g.rng.choice((0, 1)))
    return c


def case_baseline(g, C, name):
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows", "mac"))) for i in range(24)]
    v6clients = [Host(g, V6(C, 0x100 + i), "linux") for i in range(6)]
    web = [A(C, 10), A(C, 11), A(C, 12)]
    for s in web:
        g.server(name, s, "tcp", 443, "https", "structure", note="web server")
    g.server(name, A(C, 13), "tcp", 80, "http", "structure", note="plain web server")
    g.server(name, V6(C, 10), "tcp", 443, "https", "structure", note="web server over IPv6")
    g.server(name, A(C, 20), "tcp", 22, "ssh", "structure", note="ssh server")
    g.server(name, A(C, 53), "udp", 53, "dns", "structure", note="resolver")
    g.server(name, V6(C, 53), "udp", 53, "dns", "structure", note="resolver over IPv6")
    g.server(name, A(C, 25), "tcp", 25, "smtp", "structure", note="mail relay")
    g.server(name, A(C, 26), "tcp", 993, "imaps", "structure", note="imap server")
    for cl in clients:
        for _ in range(g.rng.randrange(3, 7)):
            t = when(g)
            q = dns_query(g, "www.example.org")
            qp = cl.port()
            g.udp(t, cl.addr, qp, A(C, 53), 53, q)
            g.udp(t + 0.003, A(C, 53), 53, cl.addr, qp, dns_answer(q, g))
            web_session(g, cl, g.rng.choice(web), 443, t + 0.01)
        if g.rng.random() < 0.5:
            web_session(g, cl, A(C, 13), 80, when(g), tls=False)
        if g.rng.random() < 0.3:
            c = Tcp(g, cl.addr, cl.port(), A(C, 26), 993, when(g), 0.01, cl.os)
            c.handshake()
            c.send(0, tls_hello(g, True))
            c.send(1, tls_hello(g, False))
            c.close(0)
    for cl in v6clients:
        for _ in range(3):
            t = when(g)
            q = dns_query(g, "www.example.net", qtype=28)
            qp = cl.port()
            g.udp(t, cl.addr, qp, V6(C, 53), 53, q)
            g.udp(t + 0.002, V6(C, 53), 53, cl.addr, qp, dns_answer(q, g))
            web_session(g, cl, V6(C, 10), 443, t + 0.01)
    for cl in clients[:5]:
        c = Tcp(g, cl.addr, cl.port(), A(C, 20), 22, when(g), 0.01, cl.os)
        c.handshake()
        c.send(1, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
        c.send(0, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
        for _ in range(20):
            c.send(0, filler(g, 36), think=g.rng.uniform(0.05, 0.4))
            c.send(1, filler(g, 36), think=0.001)
        c.close(0)
    for i in range(4):
        cl = clients[i]
        c = Tcp(g, cl.addr, cl.port(), A(C, 25), 25, when(g), 0.01, cl.os)
        c.handshake()
        c.send(1, b"220 mail.example.org ESMTP Postfix\r\n")
        c.send(0, b"EHLO ws%d.example.org\r\n" % i)
        c.send(1, b"250-mail.example.org\r\n250 SMTPUTF8\r\n")
        c.send(0, b"QUIT\r\n")
        c.send(1, b"221 2.0.0 Bye\r\n")
        c.close(1)


NMAP_TOP = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 199, 443, 445, 587, 993, 995, 1025, 1720, 1723,
            3306, 3389, 5900, 8080, 8888, 1433, 5432, 6379, 9200, 27017, 31337, 49152, 49153, 50000, 5060, 8443,
            161, 389, 636, 2049, 5000, 7070, 9090, 10000, 32768, 44443, 60000]


def case_syn_scan(g, C, name):
    """nmap -sS from one fixed source port; then nmap -sT (connect) from
    ephemeral ports. Open ports answer SYN+ACK, closed RST+ACK, filtered
    nothing (nmap retries once)."""
    scanner = A(C, 66)
    sport = g.rng.randrange(40000, 65000)
    targets = {
        A(C, 257): {22: "ssh", 80: "http"},
        A(C, 258): {443: "https", 3306: "mysql", 31337: "-"},
        A(C, 259): {},          # every port filtered: nothing answers
        A(C, 260): {},          # every port closed: resets
        V6(C, 0x101): {22: "ssh"},
    }
    behaviour = {A(C, 257): "closed", A(C, 258): "mixed", A(C, 259): "filtered", A(C, 260): "closed",
                 V6(C, 0x101): "closed"}
    t = when(g, 10, 300)
    for tgt, open_ports in targets.items():
        scn = V6(C, 66) if ":" in tgt else scanner
        for port in NMAP_TOP:
            t += g.rng.uniform(0.0005, 0.004)
            seq = g.rng.randrange(1 << 32)
            syn_opts = b"\x02\x04\x05\xb4"
            g.tcp(t, scn, sport, tgt, port, seq, 0, SYN, 1024, syn_opts)
            if port in open_ports:
                srv_isn = g.rng.randrange(1 << 32)
                g.tcp(t + 0.0004, tgt, port, scn, sport, srv_isn, seq + 1, SYN | ACK, 64240, b"\x02\x04\x05\xb4")
                g.tcp(t + 0.0005, scn, sport, tgt, port, seq + 1, 0, RST, 0)
                svc = open_ports[port]
                g.server(name, tgt, "tcp", port, svc, "structure",
                         note="open port of a SYN scan: SYN+ACK then the scanner's reset")
                continue
            kind = behaviour[tgt]
            if kind == "mixed":
                kind = "closed" if port % 3 else "filtered"
            if kind == "closed":
                g.tcp(t + 0.0004, tgt, port, scn, sport, 0, seq + 1, RST | ACK, 0)
                g.noserver(name, "tcp", scn, sport, tgt, port, "closed port: SYN answered by RST")
            else:
                g.tcp(t + 1.0, scn, sport, tgt, port, seq, 0, SYN, 1024, syn_opts)
                g.noserver(name, "tcp", scn, sport, tgt, port, "filtered port: SYN never answered")
    # connect scan of another host from a Linux box: full handshakes for open ports
    scanner2 = Host(g, A(C, 67), "linux")
    tgt = A(C, 261)
    open_ports = {22: "ssh", 8080: "http-alt"}
    for port in NMAP_TOP:
        t += g.rng.uniform(0.001, 0.01)
        c = Tcp(g, scanner2.addr, scanner2.port(), tgt, port, t, 0.0008, "linux")
        if port in open_ports:
            c.handshake()
            c.close(0, "rst")
            g.server(name, tgt, "tcp", port, open_ports[port], "structure",
                     note="open port of a connect scan: handshake then the scanner's reset")
        else:
            c.pkt(0, SYN, opts=b"\x02\x04\x05\xb4\x04\x02" + ts_opt(1, 0)[2:] + b"\x01\x03\x03\x07")
            c.seq[0] += 1
            c.advance(0.0008)
            c.pkt(1, RST | ACK, opts=b"", seq=0)
            g.noserver(name, "tcp", scanner2.addr, c.port[0], tgt, port, "connect scan: closed port")


def case_udp_scan(g, C, name):
    scanner = A(C, 66)
    sport = g.rng.randrange(40000, 65000)
    t = when(g, 10, 300)
    ports = [7, 53, 67, 69, 111, 123, 135, 137, 138, 161, 162, 445, 500, 514, 520, 631, 1434, 1900, 4500, 5353,
             5060, 33434, 49152, 49154, 50000, 60000]
    targets = {A(C, 257): {53: "dns", 123: "ntp"}, A(C, 258): {161: "snmp"}, A(C, 259): {}, V6(C, 0x101): {53: "dns"}}
    for tgt, open_ports in targets.items():
        scn = V6(C, 66) if ":" in tgt else scanner
        for i, port in enumerate(ports):
            t += g.rng.uniform(0.05, 0.2)
            if port == 53:
                probe = dns_query(g, "version.bind", qtype=16)
            elif port == 123:
                probe = ntp_packet(g, 3, t)
            elif port == 161:
                probe = snmp_get()
            else:
                probe = b""
            sent = g.udp(t, scn, sport, tgt, port, probe)
            if port in open_ports:
                if port == 53:
                    ans = dns_answer(probe, g)
                elif port == 123:
                    ans = ntp_packet(g, 4, t)
                else:
                    ans = snmp_get(True)
                g.udp(t + 0.0005, tgt, port, scn, sport, ans)
                g.server(name, tgt, "udp", port, open_ports[port], "structure", note="open port of a UDP scan: it answers")
                continue
            if tgt != A(C, 259) and i % 4 != 3:  # closed; ICMP rate limiting drops some answers
                g.unreachable(t + 0.0004, tgt, scn, sent)
                g.noserver(name, "udp", scn, sport, tgt, port, "closed UDP port: ICMP port unreachable")
            else:
                g.noserver(name, "udp", scn, sport, tgt, port, "UDP probe nobody answers")


def case_icmp(g, C, name):
    pinger = A(C, 10)
    for h in range(30):
        tgt = A(C, 256 + h)
        t = when(g)
        ident = g.rng.randrange(65536)
        for s in range(4):
            data = struct.pack("!HH", ident, s + 1) + filler(g, 56)
            g.icmp(t + s, pinger, tgt, 8, 0, data)
            if h < 20:
                g.icmp(t + s + 0.0003, tgt, pinger, 0, 0, data)
        g.noserver(name, "icmp", pinger, 0, tgt, 2048, "echo request%s" % (" and reply" if h < 20 else ", no reply"))
    for h in range(6):  # IPv6 pings
        tgt = V6(C, 0x100 + h)
        t = when(g)
        for s in range(3):
            data = struct.pack("!HH", 77, s + 1) + filler(g, 56)
            g.icmp(t + s, V6(C, 10), tgt, 128, 0, data)
            g.icmp(t + s + 0.0002, tgt, V6(C, 10), 129, 0, data)
    # traceroute (UDP probes to 33434+, time exceeded from the routers, port unreachable from the target)
    src, dst = A(C, 11), A(C, 9 * 256 + 9)
    routers = [A(C, 1), A(C, 256 + 1), A(C, 512 + 1)]
    sport = g.rng.randrange(40000, 60000)
    t = when(g)
    dport = 33434
    for hop in range(4):
        for _ in range(3):
            sent = g.udp(t, src, sport, dst, dport, b"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_")
            if hop < 3:
                g.icmp(t + 0.001 * (hop + 1), routers[hop], src, 11, 0, b"\0\0\0\0" + sent[:28])
            else:
                g.unreachable(t + 0.004, dst, src, sent)
            g.noserver(name, "udp", src, sport, dst, dport, "traceroute probe")
            dport += 1
            t += 0.01


def case_closed_ports(g, C, name):
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows"))) for i in range(8)]
    srv = A(C, 10)  # has ssh open, everything else closed
    g.server(name, srv, "tcp", 22, "ssh", "structure", note="the one open port of a host others try closed ports on")
    for cl in clients:
        t = when(g)
        c = Tcp(g, cl.addr, cl.port(), srv, 22, t, 0.003, cl.os)
        c.handshake()
        c.send(1, b"SSH-2.0-OpenSSH_9.2p1\r\n")
        c.send(0, b"SSH-2.0-PuTTY_Release_0.78\r\n")
        c.send(0, filler(g, 600))
        c.send(1, filler(g, 900))
        c.close(0)
        for port in (80, 443, 3389, 8080, 5432):  # closed: RST+ACK; apps retry from a new port
            for attempt in range(2):
                t += g.rng.uniform(0.5, 3)
                c = Tcp(g, cl.addr, cl.port(), g.rng.choice((srv, A(C, 11), A(C, 12))), port, t, 0.003, cl.os)
                syn_opts = (b"\x02\x04\x05\xb4\x01\x03\x03\x08\x01\x01\x04\x02" if cl.os == "windows" else
                            b"\x02\x04\x05\xb4\x04\x02" + ts_opt(5, 0)[2:] + b"\x01\x03\x03\x07")
                c.pkt(0, SYN, opts=syn_opts)
                c.seq[0] += 1
                c.advance(0.003)
                c.pkt(1, RST | ACK, opts=b"", seq=0)
                g.noserver(name, "tcp", cl.addr, c.port[0], c.addr[1], port, "closed port: RST")
    # filtered: SYN retransmitted at 1, 3 and 7 s, nothing comes back
    for cl in clients[:4]:
        t = when(g)
        c = Tcp(g, cl.addr, cl.port(), A(C, 13), 445, t, 0.003, cl.os)
        for dt in (0, 1, 2, 4):
            c.advance(dt)
            c.pkt(0, SYN, opts=b"\x02\x04\x05\xb4\x01\x03\x03\x08\x01\x01\x04\x02")
        g.noserver(name, "tcp", cl.addr, c.port[0], A(C, 13), 445, "filtered port: SYN retransmitted, no answer")
    # IPv6 closed ports
    for i in range(4):
        cl = Host(g, V6(C, 0x100 + i), "linux")
        t = when(g)
        c = Tcp(g, cl.addr, cl.port(), V6(C, 10), 8443, t, 0.002, "linux")
        c.pkt(0, SYN, opts=b"\x02\x04\x05\xa0\x04\x02" + ts_opt(5, 0)[2:] + b"\x01\x03\x03\x07")
        c.seq[0] += 1
        c.advance(0.002)
        c.pkt(1, RST | ACK, opts=b"", seq=0)
        g.noserver(name, "tcp", cl.addr, c.port[0], V6(C, 10), 8443, "closed IPv6 port: RST")
    # UDP: a DNS query to a host that runs no DNS server (port unreachable), NTP to a dead address
    for cl in clients[:5]:
        t = when(g)
        qp = cl.port()
        sent = g.udp(t, cl.addr, qp, A(C, 14), 53, dns_query(g, "intranet.example"))
        g.unreachable(t + 0.001, A(C, 14), cl.addr, sent)
        g.noserver(name, "udp", cl.addr, qp, A(C, 14), 53, "DNS query to a host without DNS: port unreachable")
        qp = cl.port()
        for k in range(3):
            g.udp(t + 2 + k * 2, cl.addr, qp, A(C, 15), 123, ntp_packet(g, 3, t))
        g.noserver(name, "udp", cl.addr, qp, A(C, 15), 123, "NTP to an address where nothing answers")


def ftp_session(g, cl, srv, t, mode, data_from20=True, v6=False, files=2):
    c = Tcp(g, cl.addr, cl.port(), srv, 21, t, g.rng.uniform(0.002, 0.03), cl.os)
    c.handshake()
    c.send(1, b"220 (vsFTPd 3.0.3)\r\n")
    c.send(0, b"USER anonymous\r\n")
    c.send(1, b"331 Please specify the password.\r\n")
    c.send(0, b"PASS guest@\r\n")
    c.send(1, b"230 Login successful.\r\n")
    for _ in range(files):
        c.advance(g.rng.uniform(0.2, 3))
        if mode == "active":
            dport = cl.port()
            if v6:
                c.send(0, ("EPRT |2|%s|%d|\r\n" % (cl.addr, dport)).encode())
            else:
                h = cl.addr.split(".")
                c.send(0, ("PORT %s,%s,%s,%s,%d,%d\r\n" % (h[0], h[1], h[2], h[3], dport >> 8, dport & 255)).encode())
            c.send(1, b"200 PORT command successful. Consider using PASV.\r\n")
            c.send(0, b"RETR file.bin\r\n")
            sport = 20 if data_from20 else g.rng.randrange(32768, 60999)
            d = Tcp(g, srv, sport, cl.addr, dport, c.t + 0.001, c.rtt, "linux")  # the server opens it
            d.handshake()
            c.t = d.t
            c.send(1, b"150 Opening BINARY mode data connection for file.bin (200000 bytes).\r\n", ack=False)
            d.t = c.t
            d.send(0, filler(g, g.rng.randrange(20000, 200000)))
            d.close(0)
            c.t = d.t
            c.send(1, b"226 Transfer complete.\r\n")
        else:
            lo, hi = (50000, 50100) if not data_from20 else (10090, 10099)
            pport = g.rng.randrange(lo, hi)
            if v6:
                c.send(0, b"EPSV\r\n")
                c.send(1, ("229 Entering Extended Passive Mode (|||%d|)\r\n" % pport).encode())
            else:
                h = srv.split(".")
                c.send(0, b"PASV\r\n")
                c.send(1, ("227 Entering Passive Mode (%s,%s,%s,%s,%d,%d).\r\n" % (h[0], h[1], h[2], h[3], pport >> 8,
                                                                                   pport & 255)).encode())
            d = Tcp(g, cl.addr, cl.port(), srv, pport, c.t + 0.001, c.rtt, cl.os)
            d.handshake()
            c.t = d.t
            c.send(0, b"RETR file.bin\r\n")
            c.send(1, b"150 Opening BINARY mode data connection for file.bin.\r\n", ack=False)
            d.t = c.t
            d.send(1, filler(g, g.rng.randrange(20000, 200000)))
            d.close(1)
            c.t = d.t
            c.send(1, b"226 Transfer complete.\r\n")
    c.send(0, b"QUIT\r\n")
    c.send(1, b"221 Goodbye.\r\n")
    c.close(1)


def case_ftp_active(g, C, name):
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows"))) for i in range(5)]
    g.server(name, A(C, 21), "tcp", 21, "ftp", "structure", ties=["ftp-data:active"],
             note="vsftpd: active data opened by the server from port 20")
    g.server(name, A(C, 22), "tcp", 21, "ftp", "structure", ties=["ftp-data:active"],
             note="active data opened by the server from an ephemeral port")
    g.server(name, V6(C, 21), "tcp", 21, "ftp", "structure", ties=["ftp-data:active"],
             note="IPv6, EPRT, data from port 20")
    for cl in clients:
        ftp_session(g, cl, A(C, 21), when(g), "active", True)
    for cl in clients[:3]:
        ftp_session(g, cl, A(C, 22), when(g), "active", False)
    for i in range(2):
        ftp_session(g, Host(g, V6(C, 0x100 + i), "linux"), V6(C, 21), when(g), "active", True, v6=True)


def case_ftp_passive(g, C, name):
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows", "mac"))) for i in range(6)]
    g.server(name, A(C, 21), "tcp", 21, "ftp", "structure", ties=["ftp-data:passive"],
             note="passive data on 50000-50100, inside the ephemeral ranges")
    g.server(name, A(C, 22), "tcp", 21, "ftp", "structure", ties=["ftp-data:passive"],
             note="passive data on 10090-10099")
    g.server(name, V6(C, 21), "tcp", 21, "ftp", "structure", ties=["ftp-data:passive"], note="IPv6, EPSV")
    for cl in clients:
        ftp_session(g, cl, A(C, 21), when(g), "passive", False, files=3)
    for cl in clients[:3]:
        ftp_session(g, cl, A(C, 22), when(g), "passive", True)
    for i in range(2):
        ftp_session(g, Host(g, V6(C, 0x100 + i), "linux"), V6(C, 21), when(g), "passive", False, v6=True)


def case_ntp(g, C, name):
    srv = A(C, 123)
    g.server(name, srv, "udp", 123, "ntp", "structure", note="NTP server; ntpd clients use 123 as their port too")

    def poll(cl, cport, s, t, n, interval):
        for k in range(n):
            tt = t + k * interval
            g.udp(tt, cl, cport, s, 123, ntp_packet(g, 3, tt))
            g.udp(tt + g.rng.uniform(0.0003, 0.02), s, 123, cl, cport, ntp_packet(g, 4, tt))

    for i in range(10):  # ntpd: 123 <-> 123
        poll(A(C, 256 + i), 123, srv, when(g, 1, 100), 8, 64)
    for i in range(5):  # chrony/ntpdate: from an ephemeral port
        h = Host(g, A(C, 512 + i), "linux")
        poll(h.addr, h.port(), srv, when(g, 1, 300), 1, 64)
    # one ntpd client, four upstream servers that each have only this client
    cl = A(C, 768)
    for k in range(4):
        up = A(C, 1 + k)
        g.server(name, up, "udp", 123, "ntp", "structure", note="upstream NTP server whose only client polls from 123")
        poll(cl, 123, up, when(g, 1, 100), 6, 128)
    # a second such client on IPv6, one upstream
    g.server(name, V6(C, 1), "udp", 123, "ntp", "structure", note="IPv6 NTP 123<->123")
    poll(V6(C, 0x300), 123, V6(C, 1), when(g, 1, 100), 6, 64)
    # NTP to a host without NTP: ICMP port unreachable
    t = when(g)
    sent = g.udp(t, cl, 123, A(C, 99), 123, ntp_packet(g, 3, t))
    g.unreachable(t + 0.001, A(C, 99), cl, sent)
    g.noserver(name, "udp", cl, 123, A(C, 99), 123, "NTP to a host that does not serve it: port unreachable")


def case_sip(g, C, name):
    pbx = A(C, 5)
    trunk = A(C, 200 * 256 + 1)
    g.server(name, pbx, "udp", 5060, "sip", "structure",
             note="PBX: registrar and proxy; phones send from 5060 too")
    g.server(name, trunk, "udp", 5060, "sip", "structure",
             note="the provider's SIP trunk: the PBX registers to it from 5060")
    phones = [A(C, 256 + i) for i in range(12)]
    rtp_next = 10000
    for i, ph in enumerate(phones):
        t = when(g, 1, 60)
        # registration with a digest challenge, refreshed every 120 s
        while t < T0 + SPAN - 30:
            cid = "reg%d@%s" % (i, ph)
            g.udp(t, ph, 5060, pbx, 5060, sip_msg("REGISTER sip:%s SIP/2.0" % pbx, ph, pbx, cid, "1 REGISTER"))
            g.udp(t + 0.002, pbx, 5060, ph, 5060, sip_msg("SIP/2.0 401 Unauthorized", ph, pbx, cid, "1 REGISTER"))
            g.udp(t + 0.010, ph, 5060, pbx, 5060, sip_msg("REGISTER sip:%s SIP/2.0" % pbx, ph, pbx, cid, "2 REGISTER",
                                                      "Authorization: Digest username=\"%d\"\r\n" % (100 + i)))
            g.udp(t + 0.013, pbx, 5060, ph, 5060, sip_msg("SIP/2.0 200 OK", ph, pbx, cid, "2 REGISTER"))
            t += 120
        if i < 5:  # a call: phone -> PBX -> trunk, media anchored on the PBX
            t = when(g, 60, 500)
            cid = "call%d@%s" % (i, ph)
            g.udp(t, ph, 5060, pbx, 5060, sip_msg("INVITE sip:+15551234@%s SIP/2.0" % pbx, ph, pbx, cid, "1 INVITE"))
            g.udp(t + 0.002, pbx, 5060, ph, 5060, sip_msg("SIP/2.0 100 Trying", ph, pbx, cid, "1 INVITE"))
            g.udp(t + 0.004, pbx, 5060, trunk, 5060, sip_msg("INVITE sip:+15551234@%s SIP/2.0" % trunk, pbx, trunk,
                                                          "t" + cid, "1 INVITE"))
            g.udp(t + 0.030, trunk, 5060, pbx, 5060, sip_msg("SIP/2.0 100 Trying", pbx, trunk, "t" + cid, "1 INVITE"))
            g.udp(t + 2.0, trunk, 5060, pbx, 5060, sip_msg("SIP/2.0 200 OK", pbx, trunk, "t" + cid, "1 INVITE"))
            g.udp(t + 2.003, pbx, 5060, ph, 5060, sip_msg("SIP/2.0 200 OK", ph, pbx, cid, "1 INVITE"))
            g.udp(t + 2.010, ph, 5060, pbx, 5060, sip_msg("ACK sip:+15551234@%s SIP/2.0" % pbx, ph, pbx, cid, "1 ACK"))
            g.udp(t + 2.012, pbx, 5060, trunk, 5060, sip_msg("ACK sip:+15551234@%s SIP/2.0" % trunk, pbx, trunk,
                                                          "t" + cid, "1 ACK"))
            secs = g.rng.uniform(20, 60)
            phone_port = g.rng.choice((11780 + 2 * i, 16384 + 2 * i, 40000 + 2 * i))
            rtp_stream(g, ph, phone_port, pbx, rtp_next, t + 2.05, secs)
            g.noserver(name, "udp", ph, phone_port, pbx, rtp_next, "RTP between a phone and the PBX")
            trunk_port = g.rng.randrange(20000, 30000) & ~1
            rtp_stream(g, pbx, rtp_next + 2, trunk, trunk_port, t + 2.05, secs)
            g.noserver(name, "udp", pbx, rtp_next + 2, trunk, trunk_port, "RTP between the PBX and the trunk")
            rtp_next += 4
            te = t + 2.05 + secs
            g.udp(te, ph, 5060, pbx, 5060, sip_msg("BYE sip:+15551234@%s SIP/2.0" % pbx, ph, pbx, cid, "2 BYE"))
            g.udp(te + 0.002, pbx, 5060, ph, 5060, sip_msg("SIP/2.0 200 OK", ph, pbx, cid, "2 BYE"))
            g.udp(te + 0.003, pbx, 5060, trunk, 5060, sip_msg("BYE sip:+15551234@%s SIP/2.0" % trunk, pbx, trunk,
                                                           "t" + cid, "2 BYE"))
            g.udp(te + 0.030, trunk, 5060, pbx, 5060, sip_msg("SIP/2.0 200 OK", pbx, trunk, "t" + cid, "2 BYE"))
    # the PBX registers to the trunk first thing
    t = T0 + 0.5
    g.udp(t, pbx, 5060, trunk, 5060, sip_msg("REGISTER sip:%s SIP/2.0" % trunk, pbx, trunk, "trunkreg", "1 REGISTER"))
    g.udp(t + 0.03, trunk, 5060, pbx, 5060, sip_msg("SIP/2.0 200 OK", pbx, trunk, "trunkreg", "1 REGISTER"))


def case_rtp(g, C, name):
    """Media with no signalling in sight (SIP over TLS elsewhere): both
    ends on high ports, UDP, long streams; one of them one-way."""
    pairs = [(11780, 10004), (16384, 16386), (40002, 10100), (5004, 5004), (49170, 52000), (30000, 20002)]
    for i, (pa, pb) in enumerate(pairs):
        a, b = A(C, 256 + i), A(C, 512 + i)
        secs = g.rng.uniform(15, 40)
        rtp_stream(g, a, pa, b, pb, when(g, 1, 700), secs, pt=g.rng.choice((0, 8, 18)),
                   dirs=(0,) if i == 5 else (0, 1))
        g.noserver(name, "udp", a, pa, b, pb, "RTP media stream" + (" (one way, music on hold)" if i == 5 else ""))


def case_mid_connection(g, C, name):
    """Connections that began before the capture did: no SYN in sight; the
    first packet seen is often the server's."""
    t_before = lambda: T0 - g.rng.uniform(5, 200)
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows"))) for i in range(8)]
    g.server(name, A(C, 10), "tcp", 22, "ssh", "structure", note="interactive ssh sessions begun before the capture")
    g.server(name, A(C, 11), "tcp", 443, "https", "structure", note="long downloads begun before the capture")
    g.server(name, A(C, 12), "tcp", 5432, "postgresql", "structure", note="database connection pool")
    g.server(name, A(C, 13), "tcp", 9999, "-", "structure", note="a service on 9999, one client from an ephemeral port")
    g.server(name, A(C, 14), "tcp", 40000, "-", "structure", note="a service on 40000 with four clients")
    g.server(name, A(C, 15), "tcp", 45000, "-", "none",
             note="one connection between two ephemeral-range ports, begun before the capture: nothing tells")

    def session(cl, srv, port, server_first, rounds, big=False, ephemeral=True):
        c = Tcp(g, cl.addr, cl.port() if ephemeral else g.rng.randrange(50000, 60000), srv, port, t_before(),
                g.rng.uniform(0.005, 0.05), cl.os)
        c.handshake()
        c.send(0, filler(g, 300))
        c.send(1, filler(g, 900))
        c.t = T0 + g.rng.uniform(0.5, 60)  # the capture starts here for this one
        for _ in range(rounds):
            if server_first:
                c.send(1, filler(g, g.rng.randrange(60000, 200000) if big else g.rng.randrange(40, 400)),
                       think=g.rng.uniform(0.01, 2))
                c.send(0, filler(g, g.rng.randrange(40, 200)), think=g.rng.uniform(0.01, 2))
            else:
                c.send(0, filler(g, g.rng.randrange(40, 200)), think=g.rng.uniform(0.01, 2))
                c.send(1, filler(g, g.rng.randrange(40, 2000)), think=g.rng.uniform(0.01, 2))
        c.close(g.rng.choice((0, 1)))

    for cl in clients[:4]:
        session(cl, A(C, 10), 22, True, 30)
    for cl in clients[2:6]:
        session(cl, A(C, 11), 443, True, 4, big=True)
    for k in range(3):
        session(clients[6], A(C, 12), 5432, k % 2 == 0, 10)
    session(clients[7], A(C, 13), 9999, True, 8)
    for cl in clients[:4]:
        session(cl, A(C, 14), 40000, g.rng.random() < 0.5, 6)
    cl = Host(g, A(C, 120), "linux")
    session(cl, A(C, 15), 45000, True, 8)


def case_one_way(g, C, name):
    """Asymmetric routing: only one direction of each conversation passes
    the capture point."""
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows"))) for i in range(6)]
    g.server(name, A(C, 10), "tcp", 443, "https", "structure", note="only client-to-server packets seen, from the SYN")
    g.server(name, A(C, 11), "tcp", 22, "ssh", "structure", note="only server-to-client packets seen, from the SYN+ACK")
    g.server(name, V6(C, 10), "tcp", 443, "https", "structure", note="IPv6, only client-to-server packets")
    g.server(name, A(C, 12), "tcp", 40002, "-", "flags",
             note="one client, ephemeral-range ports, only client-to-server: only the SYN then ACKs tell")
    g.server(name, A(C, 13), "tcp", 40003, "-", "flags",
             note="one client, ephemeral-range ports, only server-to-client: only the SYN+ACK tells")
    g.server(name, A(C, 14), "tcp", 40004, "-", "none",
             note="one-way and begun before the capture, ephemeral-range ports: nothing tells")
    g.server(name, A(C, 53), "udp", 53, "dns", "payload", note="only the resolver's answers are seen")
    g.server(name, A(C, 54), "udp", 53, "dns", "none",
             note="only the queries are seen: no sign that anything answered")
    for cl in clients:
        for _ in range(3):
            web_session(g, cl, A(C, 10), 443, when(g), vis="c2s")
        c = Tcp(g, cl.addr, cl.port(), A(C, 11), 22, when(g), 0.01, cl.os, vis="s2c")
        c.handshake()
        c.send(1, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
        c.send(0, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
        for _ in range(10):
            c.send(0, filler(g, 36), think=0.2)
            c.send(1, filler(g, 36))
        c.close(0)
        q = dns_query(g, "one-way.example")
        qp = cl.port()
        t = when(g)
        g.udp(t + 0.002, A(C, 53), 53, cl.addr, qp, dns_answer(q, g))  # the query went another way
        qp = cl.port()
        g.udp(t + 1, cl.addr, qp, A(C, 54), 53, dns_query(g, "other.example"))
    for i in range(3):
        cl = Host(g, V6(C, 0x100 + i), "linux")
        web_session(g, cl, V6(C, 10), 443, when(g), vis="c2s")
    for host, srv, port, vis in ((120, 12, 40002, "c2s"), (121, 13, 40003, "s2c")):
        cl = Host(g, A(C, host), "linux")
        c = Tcp(g, cl.addr, cl.port(), A(C, srv), port, when(g), 0.01, "linux", vis=vis)
        c.handshake()
        for _ in range(5):
            c.send(0, filler(g, 300))
            c.send(1, filler(g, 3000))
        c.close(0)
    cl = Host(g, A(C, 122), "linux")
    c = Tcp(g, cl.addr, cl.port(), A(C, 14), 40004, T0 - 30, 0.01, "linux", vis="s2c")
    c.handshake()
    c.t = T0 + 20
    for _ in range(8):
        c.send(0, filler(g, 300), think=0.5)
        c.send(1, filler(g, 3000))
    c.close(1)


def case_client_serving(g, C, name):
    """Workstations that browse like any client and also serve something
    on a high port."""
    ws = Host(g, A(C, 10), "linux")
    win = Host(g, A(C, 11), "windows")
    others = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows", "mac"))) for i in range(4)]
    ext = [A(C, 100 * 256 + 1), A(C, 100 * 256 + 2)]
    for e in ext:
        g.server(name, e, "tcp", 443, "https", "structure", note="web servers the workstations browse")
    g.server(name, ws.addr, "tcp", 3000, "http", "structure", "payload",
             note="dev web server on 3000 (inside 1024-5000, an ephemeral range), several connections")
    g.server(name, ws.addr, "tcp", 8000, "http", "structure", "payload",
             note="python -m http.server: http-alt by its port, http by what it says")
    g.server(name, ws.addr, "tcp", 8888, "http", "structure", "payload", note="jupyter, one connection")
    g.server(name, win.addr, "tcp", 3389, "ms-wbt-server", "structure", note="remote desktop on a workstation")
    g.server(name, win.addr, "tcp", 49700, "-", "flags",
             note="an app on an ephemeral-range port, one connection from an ephemeral port, no payload it knows")
    for h in (ws, win, *others):
        for _ in range(4):
            web_session(g, h, g.rng.choice(ext), 443, when(g))
    for o in others[:3]:
        for _ in range(3):
            c = Tcp(g, o.addr, o.port(), ws.addr, 3000, when(g), 0.001, o.os)
            c.handshake()
            c.send(0, http_get(ws.addr + ":3000", "/api/items"))
            c.send(1, http_resp(g, g.rng.randrange(300, 5000)))
            c.close(0)
    for o in others[2:4]:
        c = Tcp(g, o.addr, o.port(), ws.addr, 8000, when(g), 0.001, o.os)
        c.handshake()
        c.send(0, http_get(ws.addr + ":8000", "/build.tar.gz"))
        c.send(1, http_resp(g, 120000))
        c.close(1)
    o = others[0]
    c = Tcp(g, o.addr, o.port(), ws.addr, 8888, when(g), 0.001, o.os)
    c.handshake()
    c.send(0, http_get(ws.addr + ":8888", "/lab?token=abc"))
    c.send(1, http_resp(g, 40000))
    c.close(0)
    for o in others[1:3]:
        c = Tcp(g, o.addr, o.port(), win.addr, 3389, when(g), 0.002, o.os)
        c.handshake()
        c.send(0, b"\x03\x00\x00\x13\x0e\xe0\x00\x00\x00\x00\x00\x01\x00\x08\x00\x0b\x00\x00\x00")
        c.send(1, b"\x03\x00\x00\x13\x0e\xd0\x00\x00\x12\x34\x00\x02\x1f\x08\x00\x02\x00\x00\x00")
        for _ in range(10):
            c.send(0, filler(g, 120), think=0.1)
            c.send(1, filler(g, 4000))
        c.close(0)
    o = Host(g, A(C, 110), "windows")
    c = Tcp(g, o.addr, o.port(), win.addr, 49700, when(g), 0.001, "windows")
    c.handshake()
    for _ in range(4):
        c.send(0, filler(g, 200))
        c.send(1, filler(g, 800))
    c.close(0)


def case_fan_in(g, C, name):
    specs = [("tcp", A(C, 5), 25565, 30, "minecraft-like, not in the port table"),
             ("tcp", A(C, 6), 40000, 20, "inside the ephemeral ranges"),
             ("udp", A(C, 7), 27015, 15, "game server over UDP"),
             ("udp", A(C, 8), 50000, 10, "UDP service inside the ephemeral ranges"),
             ("tcp", V6(C, 6), 44321, 6, "IPv6, inside the ephemeral ranges")]
    for proto, srv, port, n, note in specs:
        g.server(name, srv, proto, port, "-", "structure", note="%d clients: %s" % (n, note))
        for i in range(n):
            cl = Host(g, V6(C, 0x100 + i) if ":" in srv else A(C, 256 + i), g.rng.choice(("linux", "windows", "mac")))
            if proto == "tcp":
                c = Tcp(g, cl.addr, cl.port(), srv, port, when(g), g.rng.uniform(0.005, 0.06), cl.os)
                c.handshake()
                for _ in range(g.rng.randrange(2, 6)):
                    c.send(0, filler(g, g.rng.randrange(30, 300)), think=0.05)
                    c.send(1, filler(g, g.rng.randrange(30, 3000)))
                c.close(g.rng.choice((0, 1)))
            else:
                cp = cl.port()
                t = when(g)
                for k in range(g.rng.randrange(20, 60)):
                    g.udp(t + k * 0.05, cl.addr, cp, srv, port, filler(g, g.rng.randrange(40, 120)))
                    g.udp(t + k * 0.05 + 0.02, srv, port, cl.addr, cp, filler(g, g.rng.randrange(60, 400)))


def case_p2p(g, C, name):
    """Peers that each listen on a high port and connect to some of the
    others from ephemeral ports (BitTorrent-like, encrypted)."""
    n = 8
    peers = [Host(g, A(C, 10 + i), g.rng.choice(("linux", "windows"))) for i in range(n)]
    listen = [g.rng.randrange(20000, 65000) for _ in range(n)]
    inbound = {i: set() for i in range(n)}
    for i in range(n):  # each peer dials three others; every listener ends up with >= 2
        for k in (1, 2, 3):
            inbound[(i + k) % n].add(i)
    inbound[n - 1] = {0}  # except the last, which only one peer reaches
    for j in range(n):
        need = "structure" if len(inbound[j]) >= 2 else "flags"
        g.server(name, peers[j].addr, "tcp", listen[j], "-", need,
                 note="peer listening on a high port, reached by %d peers" % len(inbound[j]))
        for i in sorted(inbound[j]):
            c = Tcp(g, peers[i].addr, peers[i].port(), peers[j].addr, listen[j], when(g), g.rng.uniform(0.01, 0.1),
                    peers[i].os)
            c.handshake()
            c.send(0, filler(g, 68))
            c.send(1, filler(g, 68))
            for _ in range(g.rng.randrange(3, 8)):
                c.send(g.rng.choice((0, 1)), filler(g, g.rng.randrange(2000, 40000)), think=0.02)
            c.close(g.rng.choice((0, 1)))


def case_dns_53(g, C, name):
    fwd = A(C, 53)
    ups = [A(C, 200 * 256 + 1), A(C, 200 * 256 + 2)]
    g.server(name, fwd, "udp", 53, "dns", "structure", note="forwarder: serves its clients, asks upstream from port 53")
    for u in ups:
        g.server(name, u, "udp", 53, "dns", "structure", note="upstream resolver asked from port 53 only")
    clients = [Host(g, A(C, 256 + i), g.rng.choice(("linux", "windows"))) for i in range(10)]
    for cl in clients:
        for _ in range(6):
            t = when(g)
            name_q = "host%d.example.com" % g.rng.randrange(1000)
            q = dns_query(g, name_q)
            qp = cl.port()
            g.udp(t, cl.addr, qp, fwd, 53, q)
            up = g.rng.choice(ups)
            q2 = dns_query(g, name_q)
            g.udp(t + 0.0005, fwd, 53, up, 53, q2)
            g.udp(t + 0.02, up, 53, fwd, 53, dns_answer(q2, g))
            g.udp(t + 0.0205, fwd, 53, cl.addr, qp, dns_answer(q, g))
    # two old resolvers (query-source port 53) asking an authoritative server
    auth = A(C, 201 * 256 + 1)
    g.server(name, auth, "udp", 53, "dns", "structure", note="authoritative server asked from port 53")
    for k in range(2):
        r = A(C, 54 + k)
        g.server(name, r, "udp", 53, "dns", "structure", note="old resolver with query-source port 53, serving clients")
        for _ in range(5):
            t = when(g)
            cl = Host(g, A(C, 512 + g.rng.randrange(5)), "linux")
            q = dns_query(g, "www.example.net")
            qp = cl.port()
            g.udp(t, cl.addr, qp, r, 53, q)
            q2 = dns_query(g, "www.example.net")
            g.udp(t + 0.001, r, 53, auth, 53, q2)
            g.udp(t + 0.03, auth, 53, r, 53, dns_answer(q2, g))
            g.udp(t + 0.031, r, 53, cl.addr, qp, dns_answer(q, g))


def case_nonstandard(g, C, name):
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows", "mac"))) for i in range(6)]
    specs = [(A(C, 1), 80, "ssh", "SSH on port 80"), (A(C, 2), 443, "ssh", "SSH on port 443"),
             (A(C, 3), 8888, "http", "HTTP on 8888"), (A(C, 4), 4444, "http", "HTTP on 4444 (inside 1024-5000)"),
             (A(C, 5), 2121, "ftp", "FTP control on 2121"), (A(C, 6), 2525, "smtp", "SMTP on 2525"),
             (A(C, 7), 9443, "tls", "TLS on 9443"), (V6(C, 1), 8080, "ssh", "SSH on 8080 over IPv6")]
    for srv, port, svc, note in specs:
        g.server(name, srv, "tcp", port, svc, "structure", "payload", note=note)
        hosts = [Host(g, V6(C, 0x100 + i), "linux") for i in range(2)] if ":" in srv else clients[:3]
        for cl in hosts:
            c = Tcp(g, cl.addr, cl.port(), srv, port, when(g), g.rng.uniform(0.005, 0.05), cl.os)
            c.handshake()
            if svc == "ssh":
                c.send(1, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
                c.send(0, b"SSH-2.0-OpenSSH_for_Windows_8.1\r\n")
                for _ in range(5):
                    c.send(0, filler(g, 52), think=0.3)
                    c.send(1, filler(g, 52))
            elif svc == "http":
                c.send(0, http_get(srv, "/status"))
                c.send(1, http_resp(g, 3000))
            elif svc == "ftp":
                c.send(1, b"220 ProFTPD Server ready.\r\n")
                c.send(0, b"USER ftp\r\n")
                c.send(1, b"331 Anonymous login ok\r\n")
                c.send(0, b"QUIT\r\n")
                c.send(1, b"221 Goodbye.\r\n")
            elif svc == "smtp":
                c.send(1, b"220 relay.example.org ESMTP Exim 4.96\r\n")
                c.send(0, b"EHLO client.example.org\r\n")
                c.send(1, b"250 relay.example.org Hello\r\n")
                c.send(0, b"QUIT\r\n")
                c.send(1, b"221 closing connection\r\n")
            else:
                c.send(0, tls_hello(g, True))
                c.send(1, tls_hello(g, False))
                c.send(0, tls_data(g, 400))
                c.send(1, tls_data(g, 9000))
            c.close(0)


# ---- receive-only services and one-way views (issue 13) -------------------------------------------

def syslog_msg(g, host, t):
    pri = g.rng.choice((13, 30, 38, 86, 134, 165))
    if g.rng.random() < 0.5:  # RFC 3164
        return ("<%d>Mar  1 %02d:%02d:%02d %s sshd[%d]: Accepted publickey for admin" %
                (pri, int(t) // 3600 % 24, int(t) // 60 % 60, int(t) % 60, host, g.rng.randrange(1000, 60000))).encode()
    return ("<%d>1 2026-03-01T00:%02d:%02dZ %s CRON %d - - (root) CMD (run-parts /etc/cron.hourly)" %
            (pri, int(t) // 60 % 60, int(t) % 60, host, g.rng.randrange(1000, 60000))).encode()


def snmp_trap(g):
    oid = b"\x06\x0a\x2b\x06\x01\x06\x03\x01\x01\x04\x01\x00"  # snmpTrapOID.0
    val = b"\x06\x08\x2b\x06\x01\x06\x03\x01\x01\x05"[:10]
    vb = b"\x30" + bytes([len(oid) + len(val)]) + oid + val
    vbl = b"\x30" + bytes([len(vb)]) + vb
    body = b"\x02\x02" + struct.pack("!H", g.rng.randrange(1, 30000)) + b"\x02\x01\x00\x02\x01\x00" + vbl
    pdu = b"\xa7" + bytes([len(body)]) + body
    msg = b"\x02\x01\x01\x04\x06public" + pdu
    return b"\x30" + bytes([len(msg)]) + msg


def netflow_v5(g, t, n):
    hdr = struct.pack("!HHIIIIBBH", 5, n, 123456, int(t), 0, g.rng.randrange(1 << 32), 0, 0, 0)
    return hdr + b"".join(filler(g, 48) for _ in range(n))


def ipfix_msg(g, t):
    body = struct.pack("!HH", 256, 4 + 40) + filler(g, 40)
    return struct.pack("!HHIII", 10, 16 + len(body), int(t), g.rng.randrange(1 << 32), 1) + body


def sflow_dgram(g, agent):
    return struct.pack("!II4sIIII", 5, 1, ipaddress.ip_address(agent).packed, 0, g.rng.randrange(1 << 32),
                       g.rng.randrange(1 << 32), 1) + filler(g, 120)


def quic_long(g, dcid, scid, ptype=0, size=1200):
    hdr = bytes([0xc0 | (ptype << 4) | 3]) + struct.pack("!I", 1) + bytes([len(dcid)]) + dcid + \
        bytes([len(scid)]) + scid
    if ptype == 0:
        hdr += b"\x00"  # token length
    return hdr + struct.pack("!H", 0x4000 | (size - len(hdr) - 2)) + filler(g, size - len(hdr) - 2)


def quic_short(g, dcid, n):
    return bytes([0x40 | g.rng.randrange(32)]) + dcid + filler(g, n)


def quic_session(g, cl, srv, t, vis="both", rounds=20):
    """A QUIC connection to UDP 443: Initials both ways, then short headers."""
    cport = cl.port()
    cid_c, cid_s = filler(g, 8), filler(g, 8)
    send_c = vis in ("both", "c2s")
    send_s = vis in ("both", "s2c")
    if send_c:
        g.udp(t, cl.addr, cport, srv, 443, quic_long(g, cid_s, cid_c, 0, 1252))
    if send_s:
        g.udp(t + 0.02, srv, 443, cl.addr, cport, quic_long(g, cid_c, cid_s, 0, 1252))
        g.udp(t + 0.021, srv, 443, cl.addr, cport, quic_long(g, cid_c, cid_s, 2, 1100))
    for k in range(rounds):
        tt = t + 0.05 + k * g.rng.uniform(0.05, 0.3)
        if send_c:
            g.udp(tt, cl.addr, cport, srv, 443, quic_short(g, cid_s, g.rng.randrange(30, 200)))
        if send_s:
            g.udp(tt + 0.015, srv, 443, cl.addr, cport, quic_short(g, cid_c, g.rng.randrange(200, 1300)))


def ntp_control(g, query=True, op=1, seq=1, mode=6):
    if mode == 6:
        data = b"" if query else b"assID=0 status=0618 leap_none, sync_ntp, 1 event, no_sys_peer,\r\n"
        pad = (-len(data)) % 4
        return struct.pack("!BBHHHHH", (4 << 3) | 6, (0 if query else 0x80) | op, seq, 0, 0, 0, len(data)) + \
            data + b"\0" * pad
    # mode 7 (ntpdc): implementation 3 (XNTPD), request 1 (peer list), 40 bytes of request data
    return struct.pack("!BBBBHH", (2 << 3) | 7, 0, 3, 1, 0, 0) + b"\0" * 40


def case_syslog(g, C, name):
    """Syslog collectors never answer: receive port, <PRI>, senders, repetition."""
    g.server(name, A(C, 10), "udp", 514, "syslog", "structure", note="collector of twelve hosts' logs")
    for i in range(12):
        h = Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows")))
        sport = h.port() if g.rng.random() < 0.5 else 514
        t = when(g, 1, 200)
        for k in range(g.rng.randrange(4, 15)):
            tt = t + k * g.rng.uniform(5, 40)
            g.udp(tt, h.addr, sport, A(C, 10), 514, syslog_msg(g, "host%d" % i, tt))
    g.server(name, A(C, 11), "udp", 514, "syslog", "structure", note="collector of one chatty host")
    h = Host(g, A(C, 150), "linux")
    sport = h.port()
    t = when(g, 1, 200)
    for k in range(30):
        g.udp(t + k * 9.5, h.addr, sport, A(C, 11), 514, syslog_msg(g, "fw1", t + k * 9.5))
    g.server(name, V6(C, 10), "udp", 514, "syslog", "structure", note="IPv6 collector, three hosts")
    for i in range(3):
        h = Host(g, V6(C, 0x100 + i), "linux")
        sport = h.port()
        t = when(g, 1, 300)
        for k in range(5):
            g.udp(t + k * 30, h.addr, sport, V6(C, 10), 514, syslog_msg(g, "v6host%d" % i, t + k * 30))
    g.server(name, A(C, 12), "udp", 514, "syslog", "payload", note="one message from one host: only <PRI> says so")
    h = Host(g, A(C, 151), "linux")
    t = when(g)
    g.udp(t, h.addr, h.port(), A(C, 12), 514, syslog_msg(g, "lonely", t))
    # a scanner's empty datagrams to 514 on many hosts; a lone empty probe to 514
    scn, sport = A(C, 66), g.rng.randrange(40000, 60000)
    t = when(g)
    for i in range(16):
        g.udp(t + i * 0.01, scn, sport, A(C, 200 + i), 514, b"")
        g.noserver(name, "udp", scn, sport, A(C, 200 + i), 514, "sweep of 514: one empty datagram per host")
    t = when(g)
    p = g.rng.randrange(40000, 60000)
    g.udp(t, A(C, 67), p, A(C, 230), 514, b"")
    g.noserver(name, "udp", A(C, 67), p, A(C, 230), 514, "one empty datagram to 514: a probe")


def case_snmp_trap(g, C, name):
    """SNMP trap receivers on 162 never answer (traps; informs would)."""
    g.server(name, A(C, 10), "udp", 162, "snmptrap", "structure", note="trap receiver of six agents")
    for i in range(6):
        h = Host(g, A(C, 100 + i), "linux")
        t = when(g, 1, 300)
        for k in range(g.rng.randrange(1, 4)):
            g.udp(t + k * g.rng.uniform(20, 120), h.addr, h.port(), A(C, 10), 162, snmp_trap(g))
    g.server(name, A(C, 11), "udp", 162, "snmptrap", "payload", note="one agent's one trap")
    h = Host(g, A(C, 120), "linux")
    g.udp(when(g), h.addr, h.port(), A(C, 11), 162, snmp_trap(g))
    g.server(name, A(C, 12), "udp", 161, "snmp", "structure", note="an SNMP agent that answers (polled)")
    mgr = Host(g, A(C, 130), "linux")
    for k in range(5):
        t = when(g)
        p = mgr.port()
        g.udp(t, mgr.addr, p, A(C, 12), 161, snmp_get())
        g.udp(t + 0.002, A(C, 12), 161, mgr.addr, p, snmp_get(True))
    # a trap to a host that is not listening: port unreachable
    h = Host(g, A(C, 121), "linux")
    t, p = when(g), h.port()
    sent = g.udp(t, h.addr, p, A(C, 13), 162, snmp_trap(g))
    g.unreachable(t + 0.001, A(C, 13), h.addr, sent)
    g.noserver(name, "udp", h.addr, p, A(C, 13), 162, "trap to a host without a receiver: port unreachable")


def export_stream(g, src, dst, port, n, every, t_hi, make):
    """An exporter sending to a collector every `every` seconds from one port."""
    sport = g.rng.randrange(40000, 60000)
    t = when(g, 1, t_hi)
    for k in range(n):
        g.udp(t + k * every, src, sport, dst, port, make(t + k * every))


def case_flow_collector(g, C, name):
    """Flow collectors: NetFlow on 2055, IPFIX on 4739, sFlow on 6343."""
    g.server(name, A(C, 10), "udp", 2055, "netflow", "structure", note="NetFlow v5 from three routers")
    for i in range(3):
        export_stream(g, A(C, 100 + i), A(C, 10), 2055, 20, 10, 60,
                      lambda t: netflow_v5(g, t, g.rng.randrange(1, 30)))
    g.server(name, A(C, 11), "udp", 4739, "ipfix", "structure", note="IPFIX from one exporter every 30 s")
    export_stream(g, A(C, 110), A(C, 11), 4739, 15, 30, 60, lambda t: ipfix_msg(g, t))
    g.server(name, A(C, 12), "udp", 6343, "sflow", "structure", note="sFlow from four switches")
    for i in range(4):
        sw = A(C, 120 + i)
        export_stream(g, sw, A(C, 12), 6343, 8, 15, 100, lambda t, sw=sw: sflow_dgram(g, sw))


def case_quic(g, C, name):
    """QUIC on UDP 443, both ways and one way."""
    g.server(name, A(C, 10), "udp", 443, "quic", "structure", "payload", note="QUIC, both directions seen")
    for i in range(4):
        quic_session(g, Host(g, A(C, 100 + i), "linux"), A(C, 10), when(g))
    g.server(name, A(C, 11), "udp", 443, "quic", "structure", "payload",
             note="QUIC from four clients seen one way (client to server)")
    for i in range(4):
        quic_session(g, Host(g, A(C, 110 + i), "windows"), A(C, 11), when(g), vis="c2s")
    g.server(name, A(C, 12), "udp", 443, "quic", "payload", "payload",
             note="one client's QUIC seen one way: the long header, repetition and the port")
    quic_session(g, Host(g, A(C, 120), "linux"), A(C, 12), when(g), vis="c2s")
    g.server(name, A(C, 13), "udp", 443, "quic", "structure", "payload",
             note="QUIC seen one way (server to client): the server port sends on")
    quic_session(g, Host(g, A(C, 121), "linux"), A(C, 13), when(g), vis="s2c")
    g.server(name, V6(C, 10), "udp", 443, "quic", "structure", "payload", note="QUIC over IPv6, one way")
    for i in range(3):
        quic_session(g, Host(g, V6(C, 0x100 + i), "linux"), V6(C, 10), when(g), vis="c2s")
    # a lone QUIC Initial to a host that does not answer: a probe
    h = Host(g, A(C, 130), "linux")
    t, p = when(g), h.port()
    g.udp(t, h.addr, p, A(C, 14), 443, quic_long(g, filler(g, 8), filler(g, 8), 0, 1252))
    g.noserver(name, "udp", h.addr, p, A(C, 14), 443, "one QUIC Initial, never repeated, never answered")


def case_web_one_way(g, C, name):
    """HTTP and HTTPS seen one way, or cut short."""
    clients = [Host(g, A(C, 100 + i), g.rng.choice(("linux", "windows"))) for i in range(4)]
    g.server(name, A(C, 10), "tcp", 80, "http", "structure", note="HTTP, client-to-server only")
    g.server(name, A(C, 11), "tcp", 443, "https", "structure", note="HTTPS, server-to-client only")
    g.server(name, A(C, 12), "tcp", 8080, "http", "structure", "payload",
             note="cut short: handshake and request, then the capture loses it")
    g.server(name, A(C, 13), "tcp", 8888, "http", "payload|flags", "payload",
             note="HTTP on 8888, client-to-server only, one client")
    g.server(name, A(C, 14), "tcp", 443, "https", "structure",
             note="cut short: SYN, SYN+ACK, ClientHello, nothing more")
    for cl in clients:
        web_session(g, cl, A(C, 10), 80, when(g), tls=False, vis="c2s")
        web_session(g, cl, A(C, 11), 443, when(g), vis="s2c")
        c = Tcp(g, cl.addr, cl.port(), A(C, 12), 8080, when(g), 0.01, cl.os)
        c.handshake()
        c.send(0, http_get(A(C, 12)), ack=False)
        c = Tcp(g, cl.addr, cl.port(), A(C, 14), 443, when(g), 0.01, cl.os)
        c.handshake()
        c.send(0, tls_hello(g, True), ack=False)
    web_session(g, clients[0], A(C, 13), 8888, when(g), tls=False, vis="c2s")


def case_ntp_no_answer(g, C, name):
    """NTP whose answers are not in the capture; control queries (modes 6, 7)."""
    g.server(name, A(C, 10), "udp", 123, "ntp", "structure", note="five clients seen one way, polling every 64 s")
    for i in range(5):
        h = Host(g, A(C, 100 + i), "linux")
        p = h.port() if i % 2 else 123
        t = when(g, 1, 300)
        for k in range(6):
            g.udp(t + k * 64, h.addr, p, A(C, 10), 123, ntp_packet(g, 3, t + k * 64))
    g.server(name, A(C, 11), "udp", 123, "ntp", "none",
             note="one ntpdate request seen one way: a lone request is also what a probe looks like")
    h = Host(g, A(C, 110), "linux")
    t = when(g)
    g.udp(t, h.addr, h.port(), A(C, 11), 123, ntp_packet(g, 3, t))
    g.server(name, A(C, 12), "udp", 123, "ntp", "structure", note="ntpq (mode 6) queries, answered")
    h = Host(g, A(C, 111), "linux")
    for k in range(3):
        t, p = when(g), h.port()
        g.udp(t, h.addr, p, A(C, 12), 123, ntp_control(g, True, 1, k + 1))
        g.udp(t + 0.001, A(C, 12), 123, h.addr, p, ntp_control(g, False, 1, k + 1))
    g.server(name, A(C, 13), "udp", 123, "ntp", "payload", note="ntpdc (mode 7) queries seen one way, repeated")
    h = Host(g, A(C, 112), "linux")
    t, p = when(g), h.port()
    for k in range(4):
        g.udp(t + k * 2, h.addr, p, A(C, 13), 123, ntp_control(g, mode=7))
    # ntpq to a host without ntpd: port unreachable
    h = Host(g, A(C, 113), "linux")
    t, p = when(g), h.port()
    sent = g.udp(t, h.addr, p, A(C, 14), 123, ntp_control(g, True, 1, 1))
    g.unreachable(t + 0.001, A(C, 14), h.addr, sent)
    g.noserver(name, "udp", h.addr, p, A(C, 14), 123, "ntpq to a host without ntpd: port unreachable")


def case_tunnelled(g, C, name):
    """Servers reached through tunnels: DNS inside PPTP calls, DNS inside
    GRE, HTTP inside IP-in-IP. The tunnels' own packets (GRE, protocol 4)
    name no server."""
    conc = A(C, 200)  # the PPTP server, the GRE and IP-in-IP routers' far end
    g.server(name, A(C, 10), "udp", 53, "dns", "structure", note="DNS in three PPTP calls, answered")
    for i in range(3):
        cl = A(C, 100 + i)
        g.tunnel = ("pptp", {cl: A(C, 150 + i), A(C, 10): conc})
        h = Host(g, cl, "windows")
        for k in range(2):
            t, p = when(g), h.port()
            q = dns_query(g, "www%d.example.org" % k)
            g.udp(t, cl, p, A(C, 10), 53, q)
            g.udp(t + 0.01, A(C, 10), 53, cl, p, dns_answer(q, g))
    g.server(name, A(C, 11), "udp", 53, "dns", "structure", note="DNS inside GRE, two clients")
    for i in range(2):
        cl = A(C, 110 + i)
        g.tunnel = ("gre", {cl: A(C, 160), A(C, 11): conc})
        h = Host(g, cl, "linux")
        t, p = when(g), h.port()
        q = dns_query(g, "mail.example.org")
        g.udp(t, cl, p, A(C, 11), 53, q)
        g.udp(t + 0.01, A(C, 11), 53, cl, p, dns_answer(q, g))
    g.server(name, A(C, 12), "tcp", 80, "http", "flags", note="HTTP inside IP-in-IP")
    cl = A(C, 120)
    g.tunnel = ("ipip", {cl: A(C, 170), A(C, 12): conc})
    c = Tcp(g, cl, Host(g, cl, "linux").port(), A(C, 12), 80, when(g))
    c.handshake()
    c.send(0, http_get("intranet.example.org"))
    c.send(1, http_resp(g, 3000), think=0.01)
    c.close()
    g.tunnel = None


CASE_FNS = {
    "baseline": case_baseline, "syn-scan": case_syn_scan, "udp-scan": case_udp_scan, "icmp": case_icmp,
    "closed-ports": case_closed_ports, "ftp-active": case_ftp_active, "ftp-passive": case_ftp_passive,
    "ntp-123": case_ntp, "sip-5060": case_sip, "rtp": case_rtp, "mid-connection": case_mid_connection,
    "one-way": case_one_way, "client-serving": case_client_serving, "fan-in": case_fan_in, "p2p": case_p2p,
    "dns-53-53": case_dns_53, "nonstandard-port": case_nonstandard,
    "syslog": case_syslog, "snmp-trap": case_snmp_trap, "flow-collector": case_flow_collector,
    "quic": case_quic, "web-one-way": case_web_one_way, "ntp-no-answer": case_ntp_no_answer,
    "tunnelled": case_tunnelled,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", dest="prefix", help="write PREFIX.pcap and PREFIX.truth")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--view", choices=("whole", "midstream", "oneway"), default="whole",
                    help="whole capture, every conversation joined mid-stream, or a quarter of hosts seen one way")
    ap.add_argument("--list", action="store_true", help="print the cases and their address blocks")
    a = ap.parse_args()
    if a.list:
        for num, name in CASES:
            print("%2d %-18s 10.%d.0.0/16 fd00:%x::/64" % (num, name, num, num))
        return 0
    if not a.prefix:
        ap.error("-o PREFIX is needed")
    g = Gen(a.seed)
    for num, name in CASES:
        CASE_FNS[name](g, num, name)
    g.apply_view(a.view)
    n = g.write(a.prefix)
    print("gen_hardcases: %d packets, %d servers, %d conversations without one -> %s.pcap, %s.truth" %
          (n, len(g.servers), len(g.noservers), a.prefix, a.prefix), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
