#!/usr/bin/env bash
# argus.sh - `netprofile flows` against Argus on the same captures: per
# conversation and per direction, packet totals must agree exactly, and byte
# totals must agree exactly once the two byte definitions are converted.
#
# Captures: data/demo.pcap (real traffic); a generated mix at full length,
# cut to 96 bytes (-s 96), and read with a 50-flow table (so that most flows
# are evicted early and written in pieces); a capture this test builds with
# the cases the others lack (802.1Q tags, Ethernet padding and trailers, IPv4
# and IPv6 fragments, fragments out of order, GRE carrying IP, unanswered
# echo, ICMP errors); and well-formed captures of tcpdump's corpus
# (../shared/corpus/tcpdump; skipped with a message when absent).
#
# Where the two tools' definitions differ, and what the test does about it:
#
# - Timeouts. Both run with the same idle timeout (IDLE, 300 s, netprofile's
#   and YAF's default) for every protocol: Argus's ARGUS_{IP,TCP,ICMP,IGMP,
#   FRAG,ARP,OTHER}_TIMEOUT and netprofile's --idle-timeout. Argus has no
#   active timeout; its nearest thing, the status interval, writes
#   intermediate records of a flow that goes on, so it is set to an hour and
#   netprofile's --active-timeout to the same hour. Even so, the tools cut
#   conversations into records differently (Argus ends an echo exchange at
#   each reply and a DNS flow at each new transaction ID; netprofile ends TCP
#   at FIN/RST and evicts when its table is full), so records are summed per
#   conversation and direction on both sides before comparing: splits cancel
#   out, a lost, doubled or misdirected packet does not.
# - Conversation. TCP and UDP: protocol + both endpoints (address, port),
#   in either orientation, because each tool picks its own forward direction
#   (netprofile: the first packet's sender, as YAF; Argus: its own port and
#   handshake rules), so Argus's src->dst counts are mapped onto ours by
#   endpoint. Other IP protocols: protocol + the two addresses (ports mean
#   nothing there; Argus puts ICMP type/code and the echo id in its "ports").
#   Argus's CLASSIC_5_TUPLE key has no VLAN; netprofile's has, so ours are
#   summed over VLANs.
# - ICMP. netprofile follows YAF: type*256+code in dPort, so an echo request
#   (8/0, ICMPv6 128/0) and its reply (0/0, 129/0) are two one-way flows, the
#   reply's sender as its source. Argus pairs them into one "ECO" record with
#   the requester as source. Here echo traffic is a conversation of its own
#   kind (A<->B echo): our request flow gives its A->B counts, our reply flow
#   its B->A counts, Argus's record its src->dst and dst->src counts. All
#   other ICMP messages (unreachable, time exceeded, neighbour discovery)
#   form a second kind per address pair. A separate check confirms our side
#   of the convention: no echo flow of ours has reverse packets.
# - Bytes. netprofile counts IP bytes (header + payload as the IP header
#   claims: SiLK's bytes, YAF's octetTotalCount); Argus counts the frame as it
#   was on the wire (the pcap record's original length, whatever the
#   snaplen): link header, VLAN tags, Ethernet padding and trailers included.
#   Argus has no field without the link layer (its [s|d]appbytes are payload
#   only, without IP and TCP/UDP headers), so the test converts exactly: it
#   reads each pcap record itself and sums, per conversation and direction,
#   (original frame length - IP length); Argus's bytes must equal ours plus
#   that sum. Padding and trailers vary per packet, so a constant 14 bytes
#   per packet would not do. In Linux cooked captures Argus leaves the
#   16-byte cooked header out (it was never on a wire), and so does the
#   conversion.
# - Where single packets go (the comparer decides, packet by packet, where
#   each tool puts it, and moves our counts to Argus's conversation before
#   comparing; it prints how many packets each rule moved):
#   * GRE carrying IPv4/IPv6: Argus accounts the packet to the inner flow;
#     netprofile, as YAF without tunnel decoding, to the outer GRE flow.
#   * IPv6 fragments after the first: Argus 3.0.8 does not put them in their
#     datagram's flow but in a record of their own, with the fragment ID's
#     two halves, byte-swapped, as ports; netprofile puts them in the
#     datagram's flow.
#   (Fragments that arrive before their first fragment: both tools hold
#   them and add them to the datagram's flow; netprofile for up to 30 s
#   and 32 fragments at once, which the comparer models.)
# - Not compared: non-IP traffic (ARP: Argus makes records, netprofile counts
#   it as "not IP"), Argus's management records, times, TCP flags.
#
# Prints "argus: N passed, N failed"; the exit status is non-zero on any
# failure. Runs in a few seconds (argus sleeps about a second before it
# exits, so the captures run side by side).
#   NETPROFILE  binary to test (default build/netprofile)
#   VERBOSE=1   show every check's detail, not only failures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" argus
gen=$here/build/gen_capture
corpus=${NP_CORPUS:-$here/../shared/corpus/tcpdump}
IDLE=300
STATUS=3600

# Debian's python3 when there is one (a pyenv shim first on PATH can take
# seconds to start); else whatever python3 is on PATH.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
for tool in argus ra "$py"; do
	command -v "$tool" >/dev/null ||
		{ bad "$tool not found (apt-get install -y argus-server argus-client python3)"; finish; }
done
[ -x "$np" ] || { bad "$np is not built"; finish; }

# Argus's configuration: -X first drops /etc/argus.conf (which would also
# write to /var/log/argus), then this file sets everything that matters.
cat >"$tmp/argus.conf" <<EOF
ARGUS_FLOW_TYPE="Bidirectional"
ARGUS_FLOW_KEY="CLASSIC_5_TUPLE"
ARGUS_FLOW_STATUS_INTERVAL=$STATUS
ARGUS_MAR_STATUS_INTERVAL=$STATUS
ARGUS_IP_TIMEOUT=$IDLE
ARGUS_TCP_TIMEOUT=$IDLE
ARGUS_ICMP_TIMEOUT=$IDLE
ARGUS_IGMP_TIMEOUT=$IDLE
ARGUS_FRAG_TIMEOUT=$IDLE
ARGUS_ARP_TIMEOUT=$IDLE
ARGUS_OTHER_TIMEOUT=$IDLE
ARGUS_GENERATE_MAC_DATA=no
ARGUS_TRACK_DUPLICATES=no
EOF

# ---------------------------------------------------------------------------
# The crafted capture: one short pcap with the cases the other captures lack.
cat >"$tmp/craft.py" <<'PY'
import struct, sys
from netpkt import csum


def ip4(src, dst, proto, payload, ident=1, frag=0, total=None):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total or 20 + len(payload), ident, frag, 64, proto, 0,
                    bytes(src), bytes(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def ip6(src, dst, nh, payload):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64, bytes(src), bytes(dst)) + payload

def eth(ethertype, payload, vlan=None, trailer=b""):
    h = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02"
    if vlan is not None:
        h += struct.pack("!HH", 0x8100, vlan)
    f = h + struct.pack("!H", ethertype) + payload + trailer
    return f + b"\0" * max(0, 60 - len(f))  # padded to the Ethernet minimum

def udp(sp, dp, data):
    return struct.pack("!HHHH", sp, dp, 8 + len(data), 0) + data

def tcp(sp, dp, flags, data=b""):
    return struct.pack("!HHIIBBHHH", sp, dp, 1, 1, 0x50, flags, 1000, 0, 0) + data

def frag6(nh, off, more, ident):
    return struct.pack("!BBHI", nh, 0, off << 3 | more, ident)

A, B, C = [10, 9, 0, 1], [10, 9, 0, 2], [192, 168, 5, 5]
A6 = [0x20, 1, 0xd, 0xb8] + [0] * 11 + [1]
B6 = [0x20, 1, 0xd, 0xb8] + [0] * 11 + [2]
pk = []
# TCP in VLAN 7, small frames (padded), one with a 3-byte payload
for flags, s, d, sp, dp, n in [(0x02, A, B, 40000, 22, 0), (0x12, B, A, 22, 40000, 0), (0x10, A, B, 40000, 22, 0),
                               (0x18, A, B, 40000, 22, 3), (0x11, B, A, 22, 40000, 0),
                               (0x11, A, B, 40000, 22, 0), (0x10, B, A, 22, 40000, 0)]:
    pk.append(eth(0x0800, ip4(s, d, 6, tcp(sp, dp, flags, b"x" * n)), vlan=7))
# the same endpoints in VLAN 8 (one conversation for Argus, two flows for us)
pk.append(eth(0x0800, ip4(A, B, 6, tcp(40000, 22, 0x10)), vlan=8))
# IPv4 UDP in two fragments, then the answer, with an 8-byte trailer
d = udp(5000, 7000, b"A" * 2000)
pk.append(eth(0x0800, ip4(A, C, 17, d[:1480], ident=77, frag=0x2000, total=1500)))
pk.append(eth(0x0800, ip4(A, C, 17, d[1480:], ident=77, frag=1480 // 8, total=20 + len(d) - 1480)))
pk.append(eth(0x0800, ip4(C, A, 17, udp(7000, 5000, b"ok")), trailer=b"TRAILER!"))
# IPv4 fragments out of order: the last one before the first
d = udp(6000, 8000, b"C" * 1000)
pk.append(eth(0x0800, ip4(A, C, 17, d[800:], ident=78, frag=800 // 8, total=20 + len(d) - 800)))
pk.append(eth(0x0800, ip4(A, C, 17, d[:800], ident=78, frag=0x2000, total=820)))
# IPv6 UDP in two fragments, then the answer
d = udp(5353, 9999, b"B" * 1600)
pk.append(eth(0x86dd, ip6(A6, B6, 44, frag6(17, 0, 1, 0x12345678) + d[:1232])))
pk.append(eth(0x86dd, ip6(A6, B6, 44, frag6(17, 1232 // 8, 0, 0x12345678) + d[1232:])))
pk.append(eth(0x86dd, ip6(B6, A6, 17, udp(9999, 5353, b"r"))))
# an unanswered echo request, an ICMP time exceeded quoting a UDP header
pk.append(eth(0x0800, ip4(A, C, 1, struct.pack("!BBHHH", 8, 0, 0, 9, 1) + b"p" * 20)))
pk.append(eth(0x0800, ip4(C, A, 1, struct.pack("!BBHI", 11, 0, 0, 0) + ip4(A, B, 17, udp(1, 2, b""))[:28])))
# GRE (version 0) carrying IPv4 UDP, both ways
pk.append(eth(0x0800, ip4(A, B, 47, b"\0\0\x08\0" + ip4(B, C, 17, udp(1, 2, b"in")))))
pk.append(eth(0x0800, ip4(B, A, 47, b"\0\0\x08\0" + ip4(C, B, 17, udp(2, 1, b"out")))))

with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(pk):
        out.write(struct.pack("<IIII", 1700000000, i * 1000, len(p), len(p)) + p)
PY

# ---------------------------------------------------------------------------
# The comparer: reads each pcap (for the byte conversion and to decide where
# each packet goes), our CSV and Argus's CSV; prints "PASS label: check:
# detail", "FAIL label: check: detail" and "INFO label: ..." lines.
cat >"$tmp/compare.py" <<'PY'
import csv, ipaddress, struct, sys
from collections import defaultdict

PORTS = (6, 17)                    # the protocols both tools key on ports
ECHO = {1: (0, 8), 58: (128, 129)}  # ICMP / ICMPv6: echo reply and request types
# Bytes of the pcap record Argus does not count, by link type: the Linux
# cooked header (observed with Argus 3.0.8 on master/tcp-handshake-nano.pcap).
ARGUS_UNCOUNTED = {113: 16}

def conv(proto, a, pa, b, pb, kind):
    """Conversation key, and the direction of a->b in it (0 or 1)."""
    if proto not in PORTS:
        pa = pb = 0
    ea, eb = (a.packed, pa), (b.packed, pb)
    if ea <= eb:
        return (proto, kind, ea, eb), 0
    return (proto, kind, eb, ea), 1

def icmp_kind(proto, typ):
    if proto in ECHO:
        return "echo" if typ in ECHO[proto] else "other"
    return ""

def show(k):
    proto, kind, (a, pa), (b, pb) = k
    a, b = ipaddress.ip_address(a), ipaddress.ip_address(b)
    if proto in PORTS:
        return "%d %s:%d <-> %s:%d" % (proto, a, pa, b, pb)
    return "%d%s %s <-> %s" % (proto, " " + kind if kind else "", a, b)

# ---- the pcap ----------------------------------------------------------------
def pcap_records(path):
    data = open(path, "rb").read()
    m = data[:4]
    if m in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif m in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        sys.exit("compare: %s is not a pcap file" % path)
    link = struct.unpack(e + "I", data[20:24])[0] & 0x0fffffff
    frac = 1e9 if m in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 1e6
    off = 24
    while off + 16 <= len(data):
        sec, sub, caplen, wirelen = struct.unpack(e + "IIII", data[off:off + 16])
        yield link, data[off + 16:off + 16 + caplen], wirelen, sec + sub / frac
        off += 16 + caplen

def ip_start(link, p):
    """Offset of the IP header in a frame, or None when it is not IP."""
    ipv = (0x0800, 0x86dd)
    if link == 1:  # Ethernet, with any 802.1Q / QinQ tags
        o = 12
        while p[o:o + 2] in (b"\x81\x00", b"\x88\xa8", b"\x91\x00"):
            o += 4
        return o + 2 if len(p) >= o + 2 and struct.unpack(">H", p[o:o + 2])[0] in ipv else None
    if link == 113:  # Linux cooked v1
        return 16 if len(p) >= 16 and struct.unpack(">H", p[14:16])[0] in ipv else None
    if link == 276:  # Linux cooked v2
        return 20 if len(p) >= 20 and struct.unpack(">H", p[0:2])[0] in ipv else None
    if link in (12, 14, 101, 228, 229):  # raw IP
        return 0
    if link in (0, 108):  # BSD loopback
        return 4
    return None

def parse_ip(p, o):
    """The IP header at o: a dict, or None."""
    if len(p) < o + 20:
        return None
    v = p[o] >> 4
    if v == 4:
        ihl = (p[o] & 15) * 4
        iplen, fid, frag = struct.unpack(">HHH", p[o + 2:o + 8])
        return dict(v=4, iplen=iplen, proto=p[o + 9], fid=fid, l4=o + ihl,
                    src=ipaddress.ip_address(p[o + 12:o + 16]), dst=ipaddress.ip_address(p[o + 16:o + 20]),
                    first=(frag & 0x1fff) == 0, more=bool(frag & 0x2000))
    if v == 6 and len(p) >= o + 40:
        h = dict(v=6, iplen=40 + struct.unpack(">H", p[o + 4:o + 6])[0], proto=p[o + 6], fid=None,
                 l4=o + 40, src=ipaddress.ip_address(p[o + 8:o + 24]),
                 dst=ipaddress.ip_address(p[o + 24:o + 40]), first=True, more=False)
        l4, proto = o + 40, p[o + 6]
        while proto in (0, 43, 60, 44, 51) and len(p) >= l4 + 8:
            nxt = p[l4]
            if proto == 44:
                fo = struct.unpack(">H", p[l4 + 2:l4 + 4])[0]
                h.update(first=(fo >> 3) == 0, more=bool(fo & 1),
                         fid=struct.unpack(">I", p[l4 + 4:l4 + 8])[0])
                l4 += 8
            elif proto == 51:
                l4 += (p[l4 + 1] + 2) * 4
            else:
                l4 += (p[l4 + 1] + 1) * 8
            proto = nxt
        h.update(proto=proto, l4=l4)
        return h
    return None

def l4_info(p, h):
    """(sport, dport, ICMP type) of a first fragment or whole datagram."""
    sport = dport = 0
    typ = -1
    if h["proto"] in PORTS and len(p) >= h["l4"] + 4:
        sport, dport = struct.unpack(">HH", p[h["l4"]:h["l4"] + 4])
    if h["proto"] in ECHO and len(p) >= h["l4"] + 1:
        typ = p[h["l4"]]
    return sport, dport, typ

def bswap16(x):
    return (x >> 8 | x << 8) & 0xffff

HOLD_S, HOLD = 30, 32  # src/flow/flow_key.c: HOLD_US, NP_FLOW_HOLD

def our_ports(recs):
    """netprofile's (sport, dport, ICMP type) for each IP packet: a whole
    datagram's or first fragment's own; a later fragment's from its first
    fragment, seen before it, or coming while the later one is held (within
    HOLD_S, and among the last HOLD held); otherwise none (ports 0)."""
    info = [None] * len(recs)
    seen_first, held = {}, []  # held: [(record index, fragment key, time)]
    for i, (link, p, wirelen, ts, h, fkey) in enumerate(recs):
        held = [x for x in held if ts - x[2] <= HOLD_S]
        if h["first"]:
            info[i] = l4_info(p, h)
            if h["more"]:
                seen_first[fkey] = info[i]
                for j, k, _ in held:
                    if k == fkey:
                        info[j] = info[i]
                held = [x for x in held if x[1] != fkey]
        elif fkey in seen_first:
            info[i] = seen_first[fkey]
        else:
            held = held[-(HOLD - 1):] + [(i, fkey, ts)]
    return [x or (0, 0, -1) for x in info]

def packet_places(path):
    """For each IP packet: netprofile's (key, dir), Argus's (key, dir), the
    IP length and the bytes Argus counts beyond it; plus the reason when
    the two places differ."""
    recs = []
    for link, p, wirelen, ts in pcap_records(path):
        o = ip_start(link, p)
        h = parse_ip(p, o) if o is not None else None
        if h is None:
            continue
        fkey = (h["src"], h["dst"], h["fid"], h["proto"])
        recs.append((link, p, wirelen, ts, h, fkey))
    out = []
    for (link, p, wirelen, ts, h, fkey), info in zip(recs, our_ports(recs)):
        proto, src, dst = h["proto"], h["src"], h["dst"]
        extra = wirelen - ARGUS_UNCOUNTED.get(link, 0) - h["iplen"]
        ours = conv(proto, src, info[0], dst, info[1], icmp_kind(proto, info[2]))
        theirs, why = ours, None
        if not h["first"] and h["v"] == 6:
            fid = h["fid"]
            theirs = conv(proto, src, bswap16(fid >> 16), dst, bswap16(fid & 0xffff), icmp_kind(proto, -1))
            why = "IPv6 later fragments to Argus's fragment record"
        elif proto == 47 and len(p) >= h["l4"] + 4 and p[h["l4"]] & 0x07 == 0 and \
                struct.unpack(">H", p[h["l4"] + 2:h["l4"] + 4])[0] in (0x0800, 0x86dd):
            g = h["l4"]
            flags = p[g]
            g += 4 + 4 * bool(flags & 0xc0) + 4 * bool(flags & 0x20) + 4 * bool(flags & 0x10)
            inner = parse_ip(p, g)
            if inner:
                i = l4_info(p, inner)
                theirs = conv(inner["proto"], inner["src"], i[0], inner["dst"], i[1],
                              icmp_kind(inner["proto"], i[2]))
                why = "GRE-carried IP to the inner flow"
        out.append((ours, theirs, h["iplen"], extra, why))
    return out

# ---- one capture -------------------------------------------------------------
def compare(label, pcap_path, np_path, ar_path):
    def report(name, problems, detail):
        if problems:
            print("FAIL %s: %s: %d problem(s); first: %s" %
                  (label, name, len(problems), "; ".join(problems[:4])))
        else:
            print("PASS %s: %s: %s" % (label, name, detail))

    # netprofile: biflow CSV, summed per conversation and direction
    ours = defaultdict(lambda: [0, 0, 0, 0])  # packets dir 0, dir 1, bytes dir 0, dir 1
    echo_with_reverse = []
    for r in csv.DictReader(open(np_path)):
        proto = int(r["protocol"])
        a, b = ipaddress.ip_address(r["sIP"]), ipaddress.ip_address(r["dIP"])
        rp, rb = int(r["reversePackets"] or 0), int(r["reverseBytes"] or 0)
        kind = icmp_kind(proto, int(r["dPort"]) >> 8)
        if kind == "echo" and rp:
            echo_with_reverse.append(r)
        k, d = conv(proto, a, int(r["sPort"]), b, int(r["dPort"]), kind)
        ours[k][d] += int(r["packets"])
        ours[k][2 + d] += int(r["bytes"])
        ours[k][1 - d] += rp
        ours[k][3 - d] += rb

    # Argus: ra CSV, summed the same way
    theirs = defaultdict(lambda: [0, 0, 0, 0])
    argus_echo_records = 0
    for r in csv.DictReader(open(ar_path)):
        try:
            proto = int(r["Proto"])
            a, b = ipaddress.ip_address(r["SrcAddr"]), ipaddress.ip_address(r["DstAddr"])
        except ValueError:
            continue  # management records
        if proto > 255:
            continue  # an ethertype (ARP...): not IP
        kind = ""
        if proto in ECHO:
            # IPv4: Argus prints type and code as one hex number, the type
            # in the low byte (0x0303: 3/3, 0x0008: 8/0, 0x000b: 11/0);
            # ICMPv6: the type, in decimal.
            t = int(r["Sport"], 0) if r["Sport"] else -1
            t = t & 0xff if proto == 1 else t
            kind = "echo" if r["State"] == "ECO" or t in ECHO[proto] else "other"
            argus_echo_records += kind == "echo"
        sp = int(r["Sport"] or 0) if proto in PORTS else 0
        dp = int(r["Dport"] or 0) if proto in PORTS else 0
        k, d = conv(proto, a, sp, b, dp, kind)
        theirs[k][d] += int(r["SrcPkts"])
        theirs[k][1 - d] += int(r["DstPkts"])
        theirs[k][2 + d] += int(r["SrcBytes"])
        theirs[k][3 - d] += int(r["DstBytes"])

    # Move each packet Argus places elsewhere; add up the link overhead.
    overhead = defaultdict(int)
    moved = defaultdict(int)
    ip_packets = 0
    for (ok, od), (tk, td), iplen, extra, why in packet_places(pcap_path):
        ip_packets += 1
        overhead[tk, td] += extra
        if why:
            moved[why] += 1
            ours[ok][od] -= 1
            ours[ok][2 + od] -= iplen
            ours[tk][td] += 1
            ours[tk][2 + td] += iplen
            if ours[ok] == [0, 0, 0, 0]:
                del ours[ok]
    if moved:
        print("INFO %s: moved %s" % (label, ", ".join("%d packet(s): %s" % (n, w) for w, n in sorted(moved.items()))))

    both = sorted(set(ours) & set(theirs))
    report("conversations",
           ["only netprofile: " + show(k) for k in sorted(set(ours) - set(theirs))] +
           ["only Argus: " + show(k) for k in sorted(set(theirs) - set(ours))] +
           ([] if both else ["no conversation at all"]),
           "%d in both, %d IP packets in the capture" % (len(both), ip_packets))
    pk, by = [], []
    for k in both:
        o, t = ours[k], theirs[k]
        if o[:2] != t[:2]:
            pk.append("%s packets ours %d/%d Argus %d/%d" % (show(k), o[0], o[1], t[0], t[1]))
        if [o[2] + overhead[k, 0], o[3] + overhead[k, 1]] != t[2:]:
            by.append("%s bytes ours %d/%d + link %d/%d, Argus %d/%d" %
                      (show(k), o[2], o[3], overhead[k, 0], overhead[k, 1], t[2], t[3]))
    report("packets per direction", pk,
           "%d packets agree" % sum(ours[k][0] + ours[k][1] for k in both))
    report("bytes per direction", by, "our IP bytes + link overhead = Argus's bytes")
    echo = [k for k in both if k[1] == "echo"]
    if echo or echo_with_reverse:
        report("ICMP echo as YAF (request and reply separate flows)",
               ["our echo flow %s -> %s dPort %s has reverse packets" % (r["sIP"], r["dIP"], r["dPort"])
                for r in echo_with_reverse],
               "%d echo conversations: our one-way request and reply flows = Argus's %d paired records"
               % (len(echo), argus_echo_records))

args = sys.argv[1:]
for i in range(0, len(args), 4):
    compare(*args[i:i + 4])
PY

# ---------------------------------------------------------------------------
# Both tools on one capture, into $tmp/$2.csv and $tmp/$2.argus.csv; a
# reason in $tmp/$2.failed if either fails. Extra arguments go to netprofile.
run_tools() { # $1 pcap, $2 name, [netprofile options]
	local cap=$1 name=$2
	shift 2
	"$np" flows -r "$cap" --format csv --idle-timeout "$IDLE" --active-timeout "$STATUS" "$@" \
		--fields sIP,dIP,sPort,dPort,protocol,packets,bytes,vlan >"$tmp/$name.csv" 2>"$tmp/$name.err" ||
		{ echo "netprofile flows failed: $(head -c 300 "$tmp/$name.err")" >"$tmp/$name.failed"; return; }
	# argus -w appends to an existing file: each run writes a new one.
	argus -X -F "$tmp/argus.conf" -r "$cap" -w "$tmp/$name.argus" >"$tmp/$name.aerr" 2>&1 &&
		ra -nn -r "$tmp/$name.argus" -c , -s proto saddr sport daddr dport spkts dpkts sbytes dbytes state \
			>"$tmp/$name.argus.csv" 2>>"$tmp/$name.aerr" ||
		echo "argus or ra failed: $(head -c 300 "$tmp/$name.aerr")" >"$tmp/$name.failed"
}

labels=()
pcaps=()
opts=()
add_capture() { labels+=("$1"); pcaps+=("$2"); opts+=("${3:-}"); }

add_capture demo.pcap "$here/data/demo.pcap"
if "$gen" -n 20000 -f 800 --seed 7 -o "$tmp/mix.pcap" >/dev/null 2>&1 &&
	"$gen" -n 20000 -f 800 --seed 7 -s 96 -o "$tmp/mix96.pcap" >/dev/null 2>&1; then
	add_capture "generated mix" "$tmp/mix.pcap"
	add_capture "generated mix -s 96" "$tmp/mix96.pcap"
	add_capture "generated mix, 50-flow table" "$tmp/mix.pcap" "--max-flows 50"
else
	bad "gen_capture failed (is $gen built?)"
fi
if PYTHONPATH="$here/tests/lib" "$py" "$tmp/craft.py" "$tmp/crafted.pcap"; then
	add_capture "crafted" "$tmp/crafted.pcap"
else
	bad "could not build the crafted capture"
fi
# Well-formed captures of tcpdump's corpus: TCP handshakes with repeated
# SYN-ACKs, PPTP control + GRE carrying PPP, DNS over TCP and UDP, DHCP
# broadcasts and echo, NTP, ICMPv6, IPv6 routing headers, TCP fast open,
# Linux cooked capture.
if [ -d "$corpus" ]; then
	for c in 4.99.3/pptp.pcap 4.99.3/print-flags.pcap 4.99.3/dns_tcp.pcap 4.99.3/edns-opts.pcap \
		4.99.3/dhcp-rfc4388.pcap 4.99.3/ntp.pcap 4.99.3/icmpv6.pcap 4.99.3/tfo-5c1fa7f9ae91.pcap \
		4.99.3/ipv6-routing-header.pcap master/tcp-handshake-nano.pcap; do
		if [ -f "$corpus/$c" ]; then
			add_capture "$c" "$corpus/$c"
		else
			bad "corpus capture $c missing"
		fi
	done
else
	skip "corpus captures: $corpus not found (../shared is not beside this clone)"
fi

for i in "${!pcaps[@]}"; do
	# shellcheck disable=SC2086 # opts[i] is a list of options
	run_tools "${pcaps[$i]}" "c$i" ${opts[$i]} &
done
wait

compare_args=()
for i in "${!pcaps[@]}"; do
	if [ -f "$tmp/c$i.failed" ]; then
		bad "${labels[$i]}: $(cat "$tmp/c$i.failed")"
	else
		compare_args+=("${labels[$i]}" "${pcaps[$i]}" "$tmp/c$i.csv" "$tmp/c$i.argus.csv")
	fi
done
if [ ${#compare_args[@]} -gt 0 ]; then
	"$py" "$tmp/compare.py" "${compare_args[@]}" >"$tmp/verdicts" 2>&1 ||
		bad "comparer failed: $(tail -n 3 "$tmp/verdicts")"
	while IFS= read -r line; do
		case $line in
		PASS*) ok; [ -n "${VERBOSE:-}" ] && echo "  ${line#PASS }" ;;
		FAIL*) bad "${line#FAIL }" ;;
		INFO*) [ -n "${VERBOSE:-}" ] && echo "  ${line#INFO }" ;;
		*) echo "  $line" ;;
		esac
	done <"$tmp/verdicts"
fi
finish
