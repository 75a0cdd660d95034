#!/usr/bin/env bash
# argus.sh - `netprofile flows` against Argus on the same captures: per
# conversation and per direction, packet totals must agree exactly and byte
# totals must agree exactly once the two byte definitions are converted.
#
# Captures: data/demo.pcap (real traffic), a generated mix at full length and
# cut to 96 bytes (build/gen_capture), and well-formed captures of tcpdump's
# corpus (../shared/corpus/tcpdump; skipped with a message when absent).
#
# How the two are made comparable (each point is a place where the tools'
# definitions differ, and what this test does about it):
#
# - Timeouts. Both run with the same idle timeout (IDLE, 300 s, netprofile's
#   and YAF's default) for every protocol: Argus's ARGUS_{IP,TCP,ICMP,IGMP,
#   FRAG,ARP,OTHER}_TIMEOUT and netprofile's --idle-timeout. Argus has no
#   active timeout; its nearest thing, the status interval (-S), writes
#   intermediate records of a flow that continues, so it is set to an hour and
#   netprofile's --active-timeout to the same hour. Even so the tools split
#   conversations differently (Argus ends an echo exchange at each reply, and
#   a DNS flow at each new transaction ID; netprofile ends TCP at FIN/RST), so
#   records are summed per conversation on both sides before comparing. Any
#   split then cancels out; a lost or double-counted packet does not.
# - Conversation. TCP and UDP: protocol + both endpoints (address, port),
#   in either orientation, because each tool picks its own forward direction
#   (netprofile: first packet's sender, as YAF; Argus: its own port and
#   handshake rules), so Argus's src->dst counts are mapped onto ours by
#   endpoint. Other IP protocols: protocol + the two addresses (ports mean
#   nothing there; Argus puts ICMP type/code and the echo id in its "ports").
#   Argus's CLASSIC_5_TUPLE key has no VLAN; netprofile's has one, so ours are
#   summed over VLANs.
# - ICMP. netprofile follows YAF: type*256+code in dPort, so an echo request
#   (8/0, ICMPv6 128/0) and its reply (0/0, 129/0) are two one-way flows, the
#   reply's sender as its source. Argus pairs them into one "ECO" record
#   with the requester as source. Here echo traffic is its own conversation
#   kind (A<->B echo): our request flow gives its A->B counts, our reply flow
#   its B->A counts, Argus's record its src->dst and dst->src. The other ICMP
#   messages (unreachable, neighbour discovery...) form a second kind per
#   address pair. A separate check confirms our side's convention: no echo
#   flow of ours has reverse packets.
# - Bytes. netprofile counts IP bytes (header + payload as the IP header
#   claims, SiLK's and YAF's octetTotalCount); Argus counts the whole frame
#   as it was on the wire (the pcap record's original length): link header,
#   VLAN tags, Ethernet padding and any trailer included, whatever the
#   snaplen. Argus has no field that leaves the link layer out (its
#   [s|d]appbytes are payload only, without IP and TCP/UDP headers), so the
#   test converts exactly: it reads each pcap record itself and sums, per
#   conversation and direction, (original frame length - IP length); Argus's
#   bytes must equal ours plus that sum. Padding varies per packet, so a
#   constant 14 per packet would not do.
# - Not compared: non-IP traffic (ARP: Argus makes records, netprofile counts
#   it as "not IP"), Argus's management records, and times.
#
# Prints "argus: N passed, N failed"; exit status non-zero on any failure.
#   NETPROFILE  binary to test (default build/netprofile)
#   VERBOSE=1   show the comparer's detail for passing captures too
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
np=${NETPROFILE:-$here/build/netprofile}
gen=$here/build/gen_capture
corpus=${NP_CORPUS:-$here/../shared/corpus/tcpdump}
IDLE=300
STATUS=3600
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for tool in argus ra python3; do
	if ! command -v "$tool" >/dev/null; then
		bad "$tool not found (apt-get install -y argus-server argus-client python3)"
		echo "argus: $pass passed, $fail failed"
		exit 1
	fi
done
[ -x "$np" ] || { bad "$np is not built"; echo "argus: $pass passed, $fail failed"; exit 1; }

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

# The comparer: reads the pcap (for the byte conversion), our CSV and
# Argus's CSV; prints "PASS check: detail" / "FAIL check: detail" lines.
cat >"$tmp/compare.py" <<'PY'
import csv, ipaddress, struct, sys
from collections import defaultdict

pcap_path, np_path, ar_path = sys.argv[1:4]
PORTS = (6, 17)                       # the protocols both tools key on ports
ECHO = {1: (0, 8), 58: (128, 129)}     # ICMP / ICMPv6 echo request and reply types

def conv(proto, a, pa, b, pb, kind):
    """Conversation key and the direction (0: a->b is low->high, 1: reverse)."""
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

# ---- the pcap: per conversation and direction, frame length - IP length
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
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        yield link, data[off:off + caplen], wirelen
        off += caplen

def ip_start(link, p):
    """Offset of the IP header in a frame, or None when it is not IP."""
    if link == 1:  # Ethernet, with any 802.1Q / QinQ tags
        o = 12
        while len(p) >= o + 2 and struct.unpack(">H", p[o:o + 2])[0] in (0x8100, 0x88a8, 0x9100):
            o += 4
        if len(p) < o + 2 or struct.unpack(">H", p[o:o + 2])[0] not in (0x0800, 0x86dd):
            return None
        return o + 2
    if link == 113:  # Linux cooked v1
        return 16 if len(p) >= 16 and struct.unpack(">H", p[14:16])[0] in (0x0800, 0x86dd) else None
    if link == 276:  # Linux cooked v2
        return 20 if len(p) >= 20 and struct.unpack(">H", p[0:2])[0] in (0x0800, 0x86dd) else None
    if link in (12, 14, 101, 228, 229):  # raw IP
        return 0
    if link in (0, 108):  # BSD loopback
        return 4
    return None

frag_ports = {}
overhead = defaultdict(int)   # (conversation, direction) -> bytes
pcap_ip_packets = 0
for link, p, wirelen in pcap_records(pcap_path):
    o = ip_start(link, p)
    if o is None or len(p) < o + 1:
        continue
    v = p[o] >> 4
    sport = dport = 0
    typ = -1
    if v == 4 and len(p) >= o + 20:
        ihl = (p[o] & 15) * 4
        iplen, fid, frag = struct.unpack(">HHH", p[o + 2:o + 8])
        proto = p[o + 9]
        src, dst = ipaddress.ip_address(p[o + 12:o + 16]), ipaddress.ip_address(p[o + 16:o + 20])
        l4 = o + ihl
        first, more = (frag & 0x1fff) == 0, bool(frag & 0x2000)
    elif v == 6 and len(p) >= o + 40:
        iplen = 40 + struct.unpack(">H", p[o + 4:o + 6])[0]
        proto = p[o + 6]
        src, dst = ipaddress.ip_address(p[o + 8:o + 24]), ipaddress.ip_address(p[o + 24:o + 40])
        l4, first, more, fid = o + 40, True, False, None
        while proto in (0, 43, 60, 44, 51) and len(p) >= l4 + 8:
            nxt = p[l4]
            if proto == 44:
                fo = struct.unpack(">H", p[l4 + 2:l4 + 4])[0]
                first, more = (fo >> 3) == 0, bool(fo & 1)
                fid = struct.unpack(">I", p[l4 + 4:l4 + 8])[0]
                l4 += 8
            elif proto == 51:
                l4 += (p[l4 + 1] + 2) * 4
            else:
                l4 += (p[l4 + 1] + 1) * 8
            proto = nxt
    else:
        continue
    pcap_ip_packets += 1
    fkey = (src, dst, fid, proto)
    if not first:  # a later fragment belongs where its first fragment went
        sport, dport, typ = frag_ports.get(fkey, (0, 0, -1))
    else:
        if proto in PORTS and len(p) >= l4 + 4:
            sport, dport = struct.unpack(">HH", p[l4:l4 + 4])
        if proto in ECHO and len(p) >= l4 + 1:
            typ = p[l4]
        if more:
            frag_ports[fkey] = (sport, dport, typ)
    k, d = conv(proto, src, sport, dst, dport, icmp_kind(proto, typ))
    overhead[k, d] += wirelen - iplen

# ---- netprofile: biflow CSV, summed per conversation and direction
ours = defaultdict(lambda: [0, 0, 0, 0])  # packets dir0, dir1, bytes dir0, dir1
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

# ---- Argus: ra CSV, summed the same way
theirs = defaultdict(lambda: [0, 0, 0, 0])
argus_echo_records = 0
for r in csv.DictReader(open(ar_path)):
    try:
        proto = int(r["Proto"])
        a, b = ipaddress.ip_address(r["SrcAddr"]), ipaddress.ip_address(r["DstAddr"])
    except ValueError:
        continue  # management records, non-IP (ARP)
    if proto > 255:
        continue  # an ethertype: not IP
    kind = ""
    if proto in ECHO:
        t = int(r["Sport"], 0) if r["Sport"] else -1
        # IPv4: Argus prints type and code as one hex number, type in the
        # low byte (0x0303: 3/3, 0x0008: 8/0); ICMPv6: the type in decimal.
        t = t & 0xff if proto == 1 else t
        kind = "echo" if r["State"] == "ECO" or t in ECHO[proto] else "other"
        argus_echo_records += kind == "echo"
    k, d = conv(proto, a, int(r["Sport"] or 0) if proto in PORTS else 0,
                b, int(r["Dport"] or 0) if proto in PORTS else 0, kind)
    theirs[k][d] += int(r["SrcPkts"])
    theirs[k][1 - d] += int(r["DstPkts"])
    theirs[k][2 + d] += int(r["SrcBytes"])
    theirs[k][3 - d] += int(r["DstBytes"])

def show(k):
    proto, kind, (a, pa), (b, pb) = k
    a, b = ipaddress.ip_address(a), ipaddress.ip_address(b)
    return "%d%s %s%s <-> %s%s" % (proto, " " + kind if kind else "", a,
                                   ":%d" % pa if proto in PORTS else "", b,
                                   ":%d" % pb if proto in PORTS else "")

def report(name, problems, detail):
    if problems:
        print("FAIL %s: %d problem(s); first: %s" % (name, len(problems), "; ".join(problems[:4])))
    else:
        print("PASS %s: %s" % (name, detail))

both = sorted(set(ours) & set(theirs))
only_ours = sorted(set(ours) - set(theirs))
only_theirs = sorted(set(theirs) - set(ours))
report("conversations", ["only netprofile: " + show(k) for k in only_ours] +
       ["only Argus: " + show(k) for k in only_theirs],
       "%d in both, %d IP packets in the capture" % (len(both), pcap_ip_packets))
pk = []
by = []
for k in both:
    o, t = ours[k], theirs[k]
    if o[:2] != t[:2]:
        pk.append("%s packets ours %d/%d Argus %d/%d" % (show(k), o[0], o[1], t[0], t[1]))
    conv_bytes = [o[2] + overhead[k, 0], o[3] + overhead[k, 1]]
    if conv_bytes != t[2:]:
        by.append("%s bytes ours %d/%d + link %d/%d != Argus %d/%d" %
                  (show(k), o[2], o[3], overhead[k, 0], overhead[k, 1], t[2], t[3]))
total = sum(o[0] + o[1] for o in ours.values())
report("packets per direction", pk, "%d packets in %d conversations agree" % (total, len(both)))
report("bytes per direction", by, "IP bytes + link overhead = Argus's frame bytes in all %d" % len(both))
echo_convs = [k for k in both if k[1] == "echo"]
if echo_convs or echo_with_reverse:
    report("ICMP echo (YAF: request and reply are separate flows)",
           ["our echo flow %s -> %s dPort %s has reverse packets" % (r["sIP"], r["dIP"], r["dPort"])
            for r in echo_with_reverse],
           "%d echo exchanges: our one-way request and reply flows = Argus's %d paired records"
           % (len(echo_convs), argus_echo_records))
PY

# One capture: run both tools, compare, count the comparer's verdicts.
compare_capture() { # $1 label, $2 pcap
	local label=$1 cap=$2 out line
	if ! "$np" flows -r "$cap" --format csv --idle-timeout "$IDLE" --active-timeout "$STATUS" \
		--fields sIP,dIP,sPort,dPort,protocol,packets,bytes,vlan >"$tmp/np.csv" 2>"$tmp/np.err"; then
		bad "$label: netprofile flows failed: $(head -c 300 "$tmp/np.err")"
		return
	fi
	rm -f "$tmp/x.argus"
	if ! argus -X -F "$tmp/argus.conf" -r "$cap" -w "$tmp/x.argus" >"$tmp/ar.err" 2>&1 ||
		! ra -nn -r "$tmp/x.argus" -c , -s proto saddr sport daddr dport spkts dpkts sbytes dbytes state \
			>"$tmp/ar.csv" 2>>"$tmp/ar.err"; then
		bad "$label: argus or ra failed: $(head -c 300 "$tmp/ar.err")"
		return
	fi
	if ! out=$(python3 "$tmp/compare.py" "$cap" "$tmp/np.csv" "$tmp/ar.csv" 2>&1); then
		bad "$label: comparer failed: $(echo "$out" | tail -n 3)"
		return
	fi
	while IFS= read -r line; do
		case $line in
		PASS*) ok; [ -n "${VERBOSE:-}" ] && echo "  $label: ${line#PASS }" ;;
		FAIL*) bad "$label: ${line#FAIL }" ;;
		*) echo "  $label: $line" ;;
		esac
	done <<<"$out"
}

compare_capture demo.pcap "$here/data/demo.pcap"
if "$gen" -n 20000 -f 800 --seed 7 -o "$tmp/mix.pcap" >/dev/null 2>&1 &&
	"$gen" -n 20000 -f 800 --seed 7 -s 96 -o "$tmp/mix96.pcap" >/dev/null 2>&1; then
	compare_capture "generated mix" "$tmp/mix.pcap"
	compare_capture "generated mix -s 96" "$tmp/mix96.pcap"
else
	bad "gen_capture failed (is $gen built?)"
fi

# Well-formed captures of tcpdump's corpus: TCP handshakes and retransmitted
# SYN-ACKs, PPTP control + GRE, DNS over TCP and UDP, DHCP broadcasts, NTP,
# ICMPv6, IPv6 routing headers, Linux cooked capture.
if [ -d "$corpus" ]; then
	for c in 4.99.3/pptp.pcap 4.99.3/print-flags.pcap 4.99.3/dns_tcp.pcap 4.99.3/edns-opts.pcap \
		4.99.3/dhcp-rfc4388.pcap 4.99.3/ntp.pcap 4.99.3/icmpv6.pcap 4.99.3/tfo-5c1fa7f9ae91.pcap \
		4.99.3/ipv6-routing-header.pcap master/tcp-handshake-nano.pcap; do
		if [ -f "$corpus/$c" ]; then
			compare_capture "$c" "$corpus/$c"
		else
			bad "corpus capture $c missing"
		fi
	done
else
	echo "argus: SKIP corpus captures: $corpus not found (../shared is not beside this clone)"
fi

echo "argus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
