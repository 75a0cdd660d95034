#!/usr/bin/env bash
# app_printers.sh - the application and transport printers of issue 19's
# fourth group (timed/TSP, NFS over Sun RPC, DCCP, PGM, ZMTP/1.0, RESP,
# OpenFlow) against Debian's tcpdump on randomised
# packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# frames with typical, random and malformed field values, and a second
# capture of the same frames cut at every length past the header the
# printer starts at, so each truncation mark must land where tcpdump's
# does. Every capture is decoded by tcpdump and by `netprofile decode`
# with each option set; the texts must be byte-identical (one check per
# capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" app_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH=$here/tests/lib python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, rand_helpers, udp

out = sys.argv[1]
rng = random.Random(1919)
captures = []  # (name, frames, where the cut capture starts)

rbytes, u8 = rand_helpers(rng)

def u32():
    return rng.getrandbits(32)

def over_udp(sport, dport, payload, v6=False):
    if v6:
        return eth(udp("2001:db8::1", sport, "2001:db8::2", dport, payload))
    return eth(udp("192.0.2.1", sport, "192.0.2.2", dport, payload))

UDP4 = 14 + 20 + 8

# timed (TSP, UDP 525): every message type and unknown ones, the time of
# the SET/ADJ messages with negative seconds and microseconds, names with
# and without their NUL, controls and 8-bit bytes in them.
def timed():
    t = rng.choice(list(range(25)) + [u8(), 24, 5, 1, 22, 23])
    body = struct.pack(">BBH", t, u8(), rng.getrandbits(16))
    sec = rng.choice([0, 1, -1, -5, u32() - (1 << 31), 1700000000])
    usec = rng.choice([0, 1, 999999, 500000, u32() - (1 << 31), -3])
    body += struct.pack(">ii", sec, usec)
    name = rng.choice([b"host.example\0", b"a\x01\xff\x7f\0", rbytes(rng.randrange(0, 20)), b"x" * 256, b"\0"])
    return over_udp(rng.choice([525, 1023]), 525, body + name + rbytes(rng.randrange(0, 4)))

captures.append(("timed", [timed() for _ in range(200)], UDP4))

# NFS over Sun RPC (UDP and TCP 2049): calls of every v2 and v3 procedure
# with credentials of random length, each followed by its reply (same XID,
# addresses swapped) with success, NFS errors, RPC rejections and random
# result words; file handles shaped for each of tcpdump's server guesses.
def xdr_name():
    n = rng.choice([b"file.txt", b"", b"a\x01\xff", rbytes(rng.randrange(0, 12))])
    ln = rng.choice([len(n), len(n), 0xfffffffe, 0xffffffff, 200])
    return struct.pack(">I", ln) + n + b"\0" * (-len(n) % 4)

def nfs_fh(v3):
    fh = bytearray(rbytes(32))
    shape = rng.randrange(9)
    if shape == 0:
        fh[0:4] = b"\0\0\0\0"
    elif shape == 1:
        fh[0:2] = b"\0\0"; fh[2] = 1; fh[4] = 0; fh[5] = 8; fh[6:8] = b"\0\0"
    elif shape == 2:
        fh[2:4] = b"\0\0"; fh[6:8] = b"\0\0"
    elif shape == 3:
        fh[2:4] = b"\0\0"; fh[21] = 0; fh[23] = 0
    elif shape == 4:
        fh[8] = 0; fh[9] = 10
    elif shape == 5:
        fh[0] = 0x24; fh[1:14] = b"DKA100:" + b"\0" * 6
    elif shape == 6:
        fh[8] = 12; fh[9] = 0
    if not v3:
        return bytes(fh)
    n = rng.choice([32, 32, 28, 16, 8, 0, 64, 36])
    body = (bytes(fh) + rbytes(32))[:n]
    return struct.pack(">I", n) + body

def nfs_call(xid, vers, proc):
    cred = rbytes(rng.choice([0, 8, 20, 3]))
    hdr = struct.pack(">IIIIII", xid, 0, 2, 100003, vers, proc)
    hdr += struct.pack(">II", 1, len(cred)) + cred + b"\0" * (-len(cred) % 4) + struct.pack(">II", 0, 0)
    v3 = vers == 3
    args = nfs_fh(v3)
    if rng.random() < 0.5:
        args += xdr_name()
    if rng.random() < 0.3:
        args += nfs_fh(v3) + xdr_name()
    args += b"".join(struct.pack(">I", rng.choice([0, 1, 2, 3, 0x3f, 0x40, u32()])) for _ in range(rng.randrange(0, 12)))
    return hdr + args

def nfs_reply(xid):
    kind = rng.choice(["ok"] * 6 + ["denied", "other"])
    if kind == "denied":
        return struct.pack(">IIIII", xid, 1, 1, rng.choice([0, 1, 2]), u8() % 9) + struct.pack(">I", u8())
    if kind == "other":
        return struct.pack(">III", xid, 1, u8()) + rbytes(8)
    verf = rbytes(rng.choice([0, 0, 8]))
    body = struct.pack(">III", xid, 1, 0) + struct.pack(">II", 0, len(verf)) + verf
    body += struct.pack(">I", rng.choice([0, 0, 0, 1, 5]))  # accept status
    words = [rng.choice([0, 0, 1, 1, 2, 13, 10001, u32(), u8()]) for _ in range(rng.randrange(0, 60))]
    return body + b"".join(struct.pack(">I", x) for x in words)

def tcp_seg(src, sport, dst, dport, data):
    from netpkt import ipv
    seg = struct.pack(">HHIIBBHHH", sport, dport, u32(), u32(), 0x50, 0x18, 8192, 0, 0) + data
    return eth(ipv(src, dst, 6, seg))

def nfs_pair():
    xid, vers = u32(), rng.choice([2, 3, 3])
    proc = rng.choice(list(range(23)) + [25, 40])
    call, reply = nfs_call(xid, vers, proc), nfs_reply(xid)
    if rng.random() < 0.3:
        def rm(m):
            return struct.pack(">I", 0x80000000 | rng.choice([len(m), len(m), 3, 0x7fffffff])) + m
        return [tcp_seg("192.0.2.1", 800, "192.0.2.2", 2049, rm(call)),
                tcp_seg("192.0.2.2", 2049, "192.0.2.1", 800, rm(reply))]
    v6 = rng.random() < 0.2
    return [over_udp(1000, 2049, call, v6), eth(udp("2001:db8::2" if v6 else "192.0.2.2", 2049,
                                                    "2001:db8::1" if v6 else "192.0.2.1", 1000, reply))]

captures.append(("nfs", [f for _ in range(250) for f in nfs_pair()], UDP4))

# DCCP (IP protocol 33, IPv4 and IPv6): every packet type and unknown
# ones, short and extended sequence numbers, data offsets too short and
# too long, checksum coverage 0-15 with right and wrong checksums, and
# option lists of every known option with right and wrong lengths.
def dccp_option():
    kind = rng.choice([0, 1, 2, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 3, 50, 128, 200, u8()])
    if kind < 32:
        return bytes([kind])
    n = rng.choice([2, 3, 4, 6, 8, 10, rng.randrange(0, 12)])
    body = bytes([rng.choice([0, 1, 2, 5, 9, 10, u8()])]) + rbytes(max(0, n - 3))
    return bytes([kind, n]) + body[:max(0, n - 2)]

def dccp_frame():
    from netpkt import csum, ipv, pseudo
    v6 = rng.random() < 0.3
    src, dst = ("2001:db8::1", "2001:db8::2") if v6 else ("192.0.2.1", "192.0.2.2")
    ext = rng.random() < 0.6
    typ = rng.choice(list(range(10)) + [10, 15])
    fixed = (16 if ext else 12) + {0: 4, 1: 12, 7: 12, 2: 0}.get(typ, 0 if typ > 9 else 8)
    opts = b"".join(dccp_option() for _ in range(rng.randrange(0, 6)))
    opts += b"\0" * (-len(opts) % 4)
    rest = rbytes(fixed - (16 if ext else 12))
    if typ == 7 and rest:
        rest = rest[:8] + bytes([rng.choice([0, 1, 5, 11, 12, u8()])]) + rest[9:]
    data = rbytes(rng.choice([0, 0, 4, 20]))
    doff = (fixed + len(opts)) // 4 if rng.random() < 0.85 else rng.choice([0, 2, 3, 40])
    cscov = rng.choice([0, 0, 1, 2, 15, u8() & 15])
    xtr = (typ << 1) | ext
    seq = rbytes(8 if ext else 4)
    hdr = struct.pack(">HHBBHB", rng.choice([5001, 40000]), 5001, doff & 0xff, (u8() & 0xf0) | cscov, 0, xtr)
    hdr += (b"\0" + seq[:6]) if ext else seq[:3]
    seg = hdr + rest + opts + data
    if rng.random() < 0.7:
        cov = len(seg) if cscov == 0 else min(len(seg), (doff + cscov - 1) * 4)
        c = csum(pseudo(src, dst, 33, len(seg)) + seg[:cov])
        seg = seg[:6] + struct.pack(">H", c) + seg[8:]
    return eth(ipv(src, dst, 33, seg))

captures.append(("dccp", [dccp_frame() for _ in range(300)], 14 + 20))

# PGM (IP protocol 113 over IPv4 and IPv6; UDP with -T pgm_zmtp1): every
# message type with IPv4, IPv6 and unknown address families, option lists
# with every option at right and wrong lengths, bad first options and
# totals, and ZMTP/1.0 frames (8- and 64-bit lengths, frame offsets in and
# past the datagram) in ODATA/RDATA; ZMTP/1.0 over TCP with -T zmtp1.
def pgm_nla():
    afi = rng.choice([1, 1, 2, 2, 0, 3])
    return struct.pack(">HH", afi, 0) + (rbytes(16) if afi == 2 else rbytes(4))

def pgm_option(last):
    t = rng.choice(list(range(0, 20)) + [6, 0x30, u8() & 0x7f])
    sizes = {0: 4, 1: 16, 3: 8, 4: 12, 5: 12, 8: 8, 9: 8, 10: 8, 11: 4, 13: 4, 14: 4, 15: 4, 17: 4}
    if t in (7, 18, 19):
        afi = rng.choice([1, 2, 1, 9])
        fixed = 8 if t == 7 else 12
        body = rbytes(fixed - 8 + 2) + struct.pack(">HH", afi, 0) + rbytes(16 if afi == 2 else 4)
        body = body[:rng.choice([len(body), len(body), len(body) - 2])]
    elif t == 2:
        body = rbytes(2 + 4 * rng.randrange(0, 4) + rng.choice([0, 0, 2]))
    else:
        n = sizes.get(t, rng.randrange(4, 12))
        if rng.random() < 0.15:
            n = rng.randrange(0, 20)
        body = rbytes(max(0, n - 2))
    n = len(body) + 2 if rng.random() < 0.9 else rng.randrange(0, 24)
    return bytes([t | (0x80 if last else 0), n]) + body

def pgm_options():
    opts = b"".join(pgm_option(i == 2) for i in range(rng.randrange(1, 4)))
    total = 4 + len(opts) if rng.random() < 0.85 else rng.choice([0, 3, 8, u8()])
    first = rng.choice([0x00, 0x00, 0x00, 0x01])
    return bytes([first, rng.choice([4, 4, 4, 5])]) + struct.pack(">H", total) + opts

def zmtp_frames():
    out = b""
    for _ in range(rng.randrange(0, 4)):
        body = rbytes(rng.choice([0, 1, 5, 40, 140]))
        if rng.random() < 0.2:
            out += b"\xff" + struct.pack(">Q", rng.choice([len(body), len(body) + 3, 1 << 63]))
        else:
            out += bytes([rng.choice([len(body), len(body), 0, len(body) + 9]) & 0xff])
        out += bytes([rng.choice([0, 1, 0x81, u8()])]) + body
    return out

def pgm_body():
    t = rng.choice([0, 1, 2, 4, 5, 8, 9, 10, 11, 12, 3, 77])
    if t == 0:
        msg = rbytes(12) + pgm_nla()
    elif t == 1:
        msg = rbytes(8) + pgm_nla() + rbytes(12)
    elif t in (2, 4, 5, 11):
        msg = rbytes(8)
    elif t in (8, 9, 10):
        msg = rbytes(4) + pgm_nla() + pgm_nla()
        if rng.random() < 0.5:
            msg = msg[:-8] + b"\0\1\0\0" + msg[-8:-4]
    else:
        msg = b""
    options = rng.random() < 0.5
    if options:
        msg += pgm_options()
    data = b""
    if t in (4, 5):
        off = rng.choice([0, 0, 2, 0xffff, 500])
        data = struct.pack(">H", off) + rbytes(min(off, 3) if off != 0xffff else 0) + zmtp_frames()
    tsdu = len(data) if rng.random() < 0.8 else rng.randrange(0, 100)
    hdr = struct.pack(">HHBBH6sH", u8() + 1000, 5563, t, 1 if options else rng.choice([0, 2]), 0, rbytes(6), tsdu)
    return hdr + msg + data

def pgm_ip():
    from netpkt import ipv
    v6 = rng.random() < 0.3
    src, dst = ("2001:db8::1", "ff02::16") if v6 else ("10.0.0.45", "239.255.0.16")
    return eth(ipv(src, dst, 113, pgm_body()))

captures.append(("pgm", [pgm_ip() for _ in range(300)], 14 + 20))
captures.append(("pgmudp", [over_udp(3055, 3056, pgm_body()) for _ in range(200)], UDP4))
captures.append(("zmtp", [tcp_seg("192.0.2.1", 5555, "192.0.2.2", 33000, zmtp_frames()) for _ in range(200)],
                 14 + 20 + 20))

# RESP (TCP 6379): pipelined commands and replies of every type, nested
# arrays, null, empty, negative, huge and malformed lengths, missing CRLFs
# and inline commands with bare CR or LF.
def resp_item(depth=0):
    k = rng.choice("+-:$$**i" if depth < 3 else "+-:$i")
    if k in "+-:":
        return k.encode() + rng.choice([b"OK", b"ERR x", b"12", rbytes(4), b""]) + rng.choice([b"\r\n"] * 4 + [b"\n", b""])
    if k == "$":
        body = rng.choice([b"GET", b"", rbytes(6)])
        n = rng.choice([str(len(body)).encode()] * 3 + [b"-1", b"-2", b"99999999999", b"x", b"", b"3"])
        return b"$" + n + rng.choice([b"\r\n"] * 5 + [b"\r", b"\rx"]) + body + rng.choice([b"\r\n"] * 4 + [b"", b"zz\r\n"])
    if k == "*":
        items = [resp_item(depth + 1) for _ in range(rng.randrange(0, 4))]
        n = rng.choice([str(len(items)).encode()] * 3 + [b"0", b"-1", b"-7", b"9", b"2147483648", b"a"])
        return b"*" + n + b"\r\n" + b"".join(items)
    return rng.choice([b"", b"\r\n", b"\n"]) + rng.choice([b"PING", b"SET a b", rbytes(5)]) + rng.choice([b"\r\n", b"\n", b"\r", b""])

captures.append(("resp", [tcp_seg("192.0.2.1", 40000, "192.0.2.2", 6379,
                                  b"".join(resp_item() for _ in range(rng.randrange(1, 4)))) for _ in range(300)],
                 14 + 20 + 20))

# OpenFlow (TCP 6653 and 6633): several messages a segment, every 1.3
# type with bodies of the right, short and long lengths, random ports,
# bitmaps, roles, error types and codes, HELLO elements; the 1.0 types
# whose bodies tcpdump does not decode either, VENDOR messages (Big Switch
# Networks' subtypes) and unknown versions.
OF13_FIX = {5: 0, 6: 24, 7: 0, 8: 4, 9: 4, 12: 72, 16: 32, 17: 8, 20: 0, 21: 0, 22: 8, 24: 16, 25: 16, 26: 0,
            27: 24, 28: 24}

def of_hello_elems():
    out = b""
    for _ in range(rng.randrange(0, 3)):
        t = rng.choice([1, 1, 2])
        body = rbytes(rng.choice([4, 4, 0, 8]))
        out += struct.pack(">HH", t, rng.choice([4 + len(body)] * 4 + [2, 60])) + body
    return out

def of_message():
    version = rng.choice([4] * 8 + [1, 1, 2, 9])
    if version == 4:
        t = rng.choice(list(range(30)) + [30, 77])
        if t == 0:
            body = of_hello_elems()
        elif t == 1:
            body = struct.pack(">HH", rng.choice(list(range(15)) + [0xffff, 40]), rng.randrange(0, 20)) + rbytes(rng.randrange(0, 30))
        elif t == 4:
            body = struct.pack(">I", rng.choice([0x00002320, 0x4f4e4600, 0xff000003, 0xff0000ff, u32()])) + rbytes(rng.randrange(4, 20))
        elif t in OF13_FIX:
            body = bytearray(rbytes(OF13_FIX[t]))
            if t == 12 and len(body) > 8:
                body[0] = rng.choice([0, 1, 2, 3])
            if t in (24, 25) and body:
                body[0:4] = struct.pack(">I", rng.choice([0, 1, 2, 3, 4, u32()]))
            if t in (8, 9) and body:
                body[0:2] = struct.pack(">H", rng.choice([0, 1, 2, 3]))
            if t in (12, 16, 22) and len(body) > 12:
                off = 8 if t == 12 else 0
                body[off:off + 4] = struct.pack(">I", rng.choice([0xfffffffd, 0xffffff00, 1, u32()]))
            body = bytes(body)
            if rng.random() < 0.15:
                body = body[:-1] if body else rbytes(3)
        else:
            body = rbytes(rng.choice([0, 4, 16, 40]))
    elif version == 1:
        t = rng.choice([0, 2, 3, 4, 4, 4, 5, 7, 18, 19, 30])
        body = rbytes(rng.choice([0, 0, 8, 20])) if t in (0, 2, 3) or rng.random() < 0.2 else b""
        if t == 4:  # VENDOR: Big Switch Networks' messages, and others'
            sub = rng.choice(list(range(36)) + [99])
            tail = rbytes(rng.choice([0, 3, 4, 4, 8, 8, 12]))
            if sub in (6, 7) and rng.random() < 0.5:
                tail = b"\0\0\0\1" + b"show clock"
            body = struct.pack(">II", rng.choice([0x5c16c7] * 4 + [0x2320, 0xff000002]), sub) + tail
    else:
        t, body = u8(), rbytes(rng.randrange(0, 12))
    length = 8 + len(body) if rng.random() < 0.9 else rng.choice([0, 7, 8, 200])
    return struct.pack(">BBHI", version, t, length, u32()) + body

def of_segment():
    data = b"".join(of_message() for _ in range(rng.randrange(1, 4)))
    if rng.random() < 0.1:
        data = data[:rng.randrange(1, 8)]
    return tcp_seg("192.0.2.1", rng.choice([6653, 6633]), "192.0.2.2", 50000, data)

captures.append(("openflow", [of_segment() for _ in range(300)], 14 + 20 + 20))

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

for name, frames, start in captures:
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(start, len(f))])
EOF2

option_sets=("-n" "-n -v" "-n -vv" "-n -e" "-n -q")
for cap in "$tmp"/*.pcap; do
	# the captures only -T names: PGM over UDP, ZMTP/1.0 over TCP
	case $(basename "$cap") in
	pgmudp*) forced=(-T pgm_zmtp1) ;;
	zmtp*) forced=(-T zmtp1) ;;
	*) forced=() ;;
	esac
	for opts in "${option_sets[@]}"; do
		compare_with_tcpdump "$cap" $opts "${forced[@]}"
	done
done
summary
