#!/usr/bin/env bash
# fuzz.sh - short, bounded libFuzzer runs: decoder + printer over whole
# frames, the DNS and DHCP parsers + printers on their own, and the flow
# path (fragments, flow table, writers, profiler) over packet sequences,
# IPFIX files through libfixbuf into records and out again (fuzz_ipfix),
# explain + anomalies (fuzz/fuzz_analyze.c) over packet sequences, and the
# report's JSON strings (any bytes stay inside their <script>).
#
# Frame seeds are the frames of the shipped demo capture, of the
# generator's capture and of some Ethernet captures of tcpdump's suite (each prefixed by link type and option bytes); the
# flow target's seeds are runs of those frames in its own format
# (fuzz/fuzz_flow.c) plus hand-built IPv4/IPv6 fragments in several orders.
# Any sanitizer report or crash fails the suite. FUZZ_SECONDS (default 20)
# bounds the frame target; the DNS, DHCP and flow targets get half as long
# each, as do the flow-file reader (seeded with the seed article's tables
# and our own CSV and JSON lines) and the collector's messages (seeded with
# NetFlow v5, v9 and IPFIX messages from tests/lib/flowmsg.py); the analyze
# target too.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
secs=${FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null; then
	echo "fuzz: clang missing (make deps installs it)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
make -s build/fuzz_decode build/fuzz_dns build/fuzz_dhcp build/fuzz_flow build/fuzz_ipfix build/fuzz_flowfile build/fuzz_netflow \
	build/fuzz_analyze build/fuzz_report_json >/dev/null || { echo "fuzz: 0 passed, 1 failed"; exit 1; }
seeds=$(mktemp -d)
flowseeds=$(mktemp -d)
fileseeds=$(mktemp -d)
msgseeds=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$seeds" "$flowseeds" "$fileseeds" "$msgseeds" "$work"' EXIT

# One seed file per frame: [link type][options][frame]; the link type is
# an index into fuzz_decode.c's table (third argument; 0 = Ethernet).
split_pcap() {
	python3 - "$1" "$seeds" "${2:-s}" "${3:-0}" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
if len(data) < 24:
    sys.exit(0)
endian = '<' if data[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
off, i = 24, 0
while off + 16 <= len(data) and i < 400:
    _, _, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
    frame = data[off + 16: off + 16 + incl]
    off += 16 + incl
    for opts in (0, 1 | 4, 2 | 8):
        open('%s/%s%04d_%d' % (sys.argv[2], sys.argv[3], i, opts), 'wb').write(bytes([int(sys.argv[4]), opts]) + frame)
    i += 1
PY
}
# Flow seeds (fuzz/fuzz_flow.c's format): [link type][config][timeouts], then
# records [2-byte length][time code][frame] - runs of up to 64 captured frames
# with their own time steps or with steps that jump about, and hand-built
# fragments (IPv4, IPv6, in order, last first, first past the 30 s hold, more
# than the 32 held) and a TCP conversation.
flow_seeds() {
	PYTHONPATH="$here/tests/lib" python3 - "$flowseeds" "$@" <<'PY'
import struct, sys
from netpkt import csum

def read_pcap(path):
    data = open(path, 'rb').read()
    if len(data) < 24:
        return []
    magic = data[:4]
    endian = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    nano = magic in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d')
    off, out = 24, []
    while off + 16 <= len(data):
        s, u, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
        out.append((s * 1000000 + (u // 1000 if nano else u), data[off + 16: off + 16 + incl]))
        off += 16 + incl
    return out

def code(d):
    # nearest time code for a delta in microseconds (fuzz_flow.c step_time)
    if d == 0:
        return 0
    if 0 < d <= 63 * 37000:
        return max(1, min(63, round(d / 37000)))
    if d > 0:
        return 0x40 | max(0, min(63, round(d / 1000003) - 1))
    if -d <= 63 * 37000:
        return 0x80 | max(1, min(63, round(-d / 37000)))
    return 0xc0 | max(0, min(47, round(-d / 1000003) - 1))

def rec(frame, c):
    frame = frame[:4095]
    return struct.pack('>HB', len(frame), c) + frame

def seq(hdr, frames, codes=None):
    out, prev = bytes(hdr), None
    for i, (ts, fr) in enumerate(frames[:64]):
        c = codes[i % len(codes)] if codes else (0 if prev is None else code(ts - prev))
        prev = ts
        r = rec(fr, c)
        if len(out) + len(r) > 4096:
            break
        out += r
    return out

def iter_fit(frames):
    size = 3
    for ts, fr in frames[:64]:
        size += 3 + min(len(fr), 4095)
        if size > 4096:
            return
        yield fr

n = 0
def put(dir, data):
    global n
    open('%s/f%04d' % (dir, n), 'wb').write(data)
    n += 1

# [b0, b1, b2]: link 0 (Ethernet); batch/uniflow/format/max_flows; timeouts
HDRS = [(0, 0xf0, 0x44), (0x20, 0xf7, 0x80), (0x40, 0x19, 0x11), (0x10, 0x3a, 0x00), (0x60, 0x06, 0x84)]
# time-code patterns: forward, past the timeouts, back a little, back past idle, jumps
PATTERNS = [[0, 5, 0x85, 0x41, 0x8a, 0xc6, 3, 0xf4], [0x47, 0x4f, 0x9f, 0xc2], [1, 0xf0, 2, 0xf1, 0xf2, 3, 0xf3, 0xf5]]

def build(dir, pcaps):
    for p in pcaps:
        frames = read_pcap(p)
        if not frames:
            continue
        w = 0
        while w < len(frames):
            for h in HDRS:
                put(dir, seq(h, frames[w:w + 64]))
            w += max(1, len(list(iter_fit(frames[w:w + 64]))))
        for w in range(0, min(len(frames), 192), 16):
            for j, pat in enumerate(PATTERNS):
                put(dir, seq(HDRS[(w // 16 + j) % len(HDRS)], frames[w:w + 16], pat))
    for s in frag_seeds():
        put(dir, s)

# ---- fragments, built by hand --------------------------------------------


ETH4 = b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00'
ETH6 = b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x86\xdd'
SRC4, DST4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
SRC6 = bytes.fromhex('20010db8000000000000000000000001')
DST6 = bytes.fromhex('20010db8000000000000000000000002')

def udp(sport, dport, payload):
    return struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload

def tcp(sport, dport, flags, payload):
    return struct.pack('!HHIIBBHHH', sport, dport, 1000, 0, 5 << 4, flags, 65535, 0, 0) + payload

DNSQ = bytes.fromhex('12340100000100000000000003777777076578616d706c6503636f6d0000010001')

def frags4(ident, proto, l4, size=24):
    out, off = [], 0
    while off < len(l4):
        part = l4[off:off + size]
        more = off + size < len(l4)
        hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(part), ident,
                          (0x2000 if more else 0) | (off // 8), 64, proto, 0, SRC4, DST4)
        hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
        out.append(ETH4 + hdr + part)
        off += size
    return out

def frags6(ident, nh, l4, size=24):
    out, off = [], 0
    while off < len(l4):
        part = l4[off:off + size]
        more = off + size < len(l4)
        fh = struct.pack('!BBHI', nh, 0, off | (1 if more else 0), ident)
        ip = struct.pack('!IHBB16s16s', 0x60000000, 8 + len(part), 44, 64, SRC6, DST6)
        out.append(ETH6 + ip + fh + part)
        off += size
    return out

def plain4(proto, l4):
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(l4), 7, 0x4000, 64, proto, 0, SRC4, DST4)
    return ETH4 + hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:] + l4

def frag_seeds():
    seeds = []
    d4 = frags4(0x1111, 17, udp(5353, 53, DNSQ + b'A' * 40))
    d6 = frags6(0x2222, 17, udp(5353, 53, DNSQ + b'B' * 40))
    t4 = frags4(0x3333, 6, tcp(40000, 80, 0x18, b'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n'))
    for fr in (d4, d6, t4):
        orders = [list(range(len(fr))), list(reversed(range(len(fr)))), [1, 0] + list(range(2, len(fr)))]
        for o in orders:
            for hdr in ((0, 0xf0, 0x44), (0, 0xf1, 0x44), (0x20, 0x17, 0x80)):
                seeds.append(bytes(hdr) + b''.join(rec(fr[i], 1) for i in o))
        # later fragments, then the first after more than 30 s
        seeds.append(bytes((0, 0xf1, 0xff)) + b''.join(rec(fr[i], 1) for i in range(1, len(fr))) +
                     rec(fr[0], 0x40 | 31))
        # the first, then a later one back in time
        seeds.append(bytes((0, 0xf0, 0x44)) + rec(fr[0], 0) + rec(fr[1], 0x83) + rec(fr[-1], 0xc2))
    # more than NP_FLOW_HOLD later fragments without their first, then two firsts
    many = [frags4(0x4000 + i, 17, udp(1000 + i, 53, DNSQ + b'C' * 40)) for i in range(34)]
    s = bytes((0x40, 0xf1, 0x44))
    for m in many:
        s += rec(m[1], 1)
    s += rec(many[-1][0], 1) + rec(many[-2][0], 1)
    seeds.append(s)
    many6 = [frags6(0x5000 + i, 17, udp(2000 + i, 53, DNSQ + b'D' * 40)) for i in range(34)]
    s = bytes((0, 0xf0, 0x44))
    for m in many6:
        s += rec(m[-1], 2)
    s += rec(many6[-1][0], 1)
    seeds.append(s)
    # a TCP handshake and close, for FIN/RST handling beside fragments
    conv = [tcp(40001, 80, 0x02, b''), tcp(80, 40001, 0x12, b''), tcp(40001, 80, 0x10, b''),
            tcp(40001, 80, 0x18, b'GET / HTTP/1.0\r\n\r\n'), tcp(80, 40001, 0x18, b'HTTP/1.0 200 OK\r\n\r\n'),
            tcp(40001, 80, 0x11, b''), tcp(80, 40001, 0x11, b''), tcp(40001, 80, 0x10, b'')]
    s = bytes((0, 0xf0, 0x44))
    for i, c in enumerate(conv):
        f = plain4(6, c)
        if i % 2 == 1:  # the reply: swap addresses
            f = ETH4 + f[14:26] + DST4 + SRC4 + f[34:]
        s += rec(f, 2)
    seeds.append(s)
    return seeds

build(sys.argv[1], sys.argv[2:])
PY
}
[ -f data/demo.pcap ] && split_pcap data/demo.pcap
# Ethernet captures of tcpdump's suite for the LAN printers (issue 19),
# where ../shared is beside the clone.
suite=$here/../shared/corpus/tcpdump-suite/tests
for c in LLDP_and_CDP lldp_mudurl lldp_8021_linkagg 3560_CDP DTP UDLD HSRP_coup bfd-raw-auth-md5 \
	bfd-multihop syslog_udp tftp ripv1v2 ripv2_auth; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for the routing printers (issue 19).
for c in EIGRP_adjacency EIGRP_ipv6 pim-packet-assortment PIM-SM_join_prune PIM_register_register-stop \
	OSPFv3_with_AH OSPFv3_broadcast_adjacency ospf-nssa-bitnt; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# and for issue 19's second batch (tests/edge_printers.sh)
for c in macsec-integonly macsec-short-valid macsec-encrypted mpls-over-udp mpls-label-heapoverflow \
	babel_auth babel_pad1 babel_rfc6126bis vxlan nsh nsh-over-vxlan-gpe \
	geneve msnlb sflow_multiple_counter_30_pdus sflow-print-v6 \
	someip1 bcm-li loopback vqp-oobr; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for DECnet (tests/atalk_decnet_printers.sh)
for c in DECnet_Phone decnet-oobr decnet-shorthdr-oobr; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and AppleTalk DDP over Linux ARCnet (fuzz_decode.c's link index 24)
for c in heapoverflow-atalk_print heapoverflow-atalk_2; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_" 24
done
# ... and for the device list's spanning tree, VRRP and IS-IS (profile/devices.h).
for c in 802.1D_spanning_tree MSTP_Intra-Region_BPDUs rpvstp-trunk-native-vid5 vrrp ISIS_level1_adjacency; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for BGP (issue 19).
for c in bgp-4byte-asn bgp-aigp-2 bgp-as-path-oobr bgp-encap bgp-evpn bgp-large-community bgp-lu-multiple-labels \
	bgp-rt-prefix bgp_mvpn_6_and_7_oobr bgp_pmsi_tunnel-oobr bgp_vpn_rt-oobr mpbgp-linklocal-nexthop; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for the Arista header, IGRP, DVMRP, IPX, AARP, GeoNetworking, AoE, LISP, PTP (issue 19).
for c in arista_ether igrp-oobr mrinfo_query relts-0x80000000 ipx-invalid-length ipx \
	aarp-heapoverflow-1 geonet_and_calm_fast geonet-mac-lookup-heapoverflow aoe_1 aoe-oobr-1 \
	lisp_eid_notify lisp_ipv6 ptp ptp_ethernet; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for Frame Relay (22 in fuzz_decode.c's table) and multilink Frame Relay (23).
for c in frf15-heapoverflow q933-heapoverflow-2 isis_stlv_asan ospf3_nbma; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_" 22
done
for c in frf16_magic_ie-oobr vtp_asan kday6; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_" 23
done
# ... and for the OSI printers (issue 19): the suite's IS-IS and CLNP
# captures, and tests/osi_printers.sh's generated IS-IS, ES-IS and CLNP frames.
for c in ISIS_external_lsp ISIS_level2_adjacency isis_cap_tlv isis_sid isis-extd-ipreach-oobr isoclns-heapoverflow-3; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
mkdir -p "$work/osi" && python3 tests/lib/gen_osi.py "$work/osi" 7 &&
	for p in isis esis clnp; do split_pcap "$work/osi/$p.pcap" "o_${p}_"; done
# ... and for the MPLS control plane and WAN link types (issue 19): the
# number is the link type's index in fuzz/fuzz_decode.c.
for c in rsvp_cap:0 rsvp_uni-oobr-1:0 lmp:0 ldp-infinite-loop:1 mpls-ldp-hello:13 lspping-fec-ldp:13 \
	lspping-fec-rsvp:13 mpls-traceroute:13 ppp-invalid-lengths:13 heapoverflow-ppp_hdlc_if_print:14 \
	HDLC:15 chdlc-slarp:15 slip-bad-direction:16 slip-compressed_sl_print-oobr:16 juniper_atm1_oobr:17 \
	juniper_es_oobr:18 juniper_header-heapoverflow:19; do
	f=$suite/${c%:*}.pcap
	[ -f "$f" ] && split_pcap "$f" "t_${c%:*}_" "${c#*:}"
done
# ... and for CFM (issue 19: tests/cfm_printers.sh), a link type with no printer (index 25), NFLOG (26), PKTAP (27).
for c in cfm_sender_id-oobr kday2 kday5 kday8; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
[ -f "$suite/unsupported-link-type-160.pcap" ] && split_pcap "$suite/unsupported-link-type-160.pcap" t_unsup_ 25
[ -f "$suite/nflog.pcap" ] && split_pcap "$suite/nflog.pcap" t_nflog_ 26
[ -f "$suite/pktap-heap-overflow.pcap" ] && split_pcap "$suite/pktap-heap-overflow.pcap" t_pktap_ 27
# ... and for the application printers (issue 19: tests/app_printers.sh).
for c in kh-timed-002-oobr nfs-attr-oobr unaligned-nfs-1 nfs-cannot-pad-32-bit dccp_partial_csum_v4_longer \
	dccp_partial_csum_v6_simple dccp_options-oobr pgm_zmtp1 pgm_poll_polr pgm_opts_asan of10_p3295; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for OLSR and AODV (issue 19: tests/olsr_aodv_printers.sh).
for c in OLSRv1_HNA_sgw_1 olsr-oobr-1 olsr-oobr-2 cve-2014-8767-OLSR cve-2014-8769-AODV hoobr_aodv_extension; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
# ... and for LMP and HNCP (issue 19, tests/lmp_hncp_printers.sh); the
# suite's lmp.pcap is on port 49998 (it needs -T lmp): its frames again on 701.
for c in lmpv1_busyloop lmp-lmp_print_data_link_subobjs-oobr hncp hncp_dhcpv6data-oobr hncp_dhcpv4data-oobr \
	hncp_prefix-oobr; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
[ -f "$suite/lmp.pcap" ] && python3 - "$suite/lmp.pcap" "$work/lmp701.pcap" <<'PY' && split_pcap "$work/lmp701.pcap" t_lmp701_
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
off = 24
while off + 16 <= len(d):
    incl = int.from_bytes(d[off + 8:off + 12], 'little')
    f = off + 16
    if d[f + 12:f + 14] == b'\x08\x00' and d[f + 23] == 17:
        u = f + 14 + (d[f + 14] & 15) * 4
        d[u:u + 4] = (701).to_bytes(2, 'big') * 2
        d[u + 6:u + 8] = b'\0\0'
    off = f + incl
open(sys.argv[2], 'wb').write(d)
# ... and for wb (PPP), L2TP, lwres and TIPC (issue 19: tests/udp_misc_printers.sh);
for c in wb-oobr:13 l2tp-avp-overflow:0 lwres_with_extra:0 huge-tipc-messages:0; do
	f=$suite/${c%:*}.pcap
	[ -f "$f" ] && split_pcap "$f" "t_${c%:*}_" "${c#*:}"
done
# RTP and RTCP are reached with -T only: fuzz_decode.c forces it for -q -S
# (options byte 0x61), the type chosen by the input's size.
PYTHONPATH="$here/tests/lib" python3 - "$seeds" <<'PY'
import struct, sys
from netpkt import eth, udp
rtp = struct.pack(">III", 0x80e00001, 1234, 99) + bytes(8)
rtcp = struct.pack(">HHIIIIII", 0x81c8, 12, 7, 1, 2, 3, 4, 5) + bytes(24) + struct.pack(">HHI", 0x81cb, 1, 7)
for i, p in enumerate((rtp, rtcp, rtp + b"\0", rtcp + b"\0\0", rtp[:10], rtcp[:20])):
    f = eth(udp("192.0.2.1", 5004, "192.0.2.2", 5005, p))
    for pad in range(4):  # every -T type once
        open("%s/rtp_%d_%d" % (sys.argv[1], i, pad), "wb").write(bytes([0, 0x61]) + f + bytes(pad))
PY
# (the suite's RESP captures are Linux cooked ones: an Ethernet RESP seed here)
PYTHONPATH="$here/tests/lib" python3 - "$seeds" <<'PY'
import struct, sys
from netpkt import eth, ipv
seg = struct.pack(">HHIIBBHHH", 40000, 6379, 1, 1, 0x50, 0x18, 8192, 0, 0)
data = b"*2\r\n$3\r\nGET\r\n$1\r\na\r\n+OK\r\n-ERR x\r\n:12\r\n$-1\r\n*0\r\nPING\r\n"
open(sys.argv[1] + "/resp_1", "wb").write(bytes([0, 1]) + eth(ipv("192.0.2.1", "192.0.2.2", 6, seg + data)))
PY
# ... and for ISAKMP/IKE, RADIUS, EAPOL and ESP (issue 19, tests/aaa_printers.sh;
# fuzz_decode decrypts ESP with a default SA).
for c in ISAKMP_sa_setup isakmp4500 isakmp-delete-segfault isakmp-various-oobr RADIUS RADIUS-RFC5176 eapon1 \
	02-sunrise-sunset-esp 08-sunrise-sunset-aes espudp1; do
	[ -f "$suite/$c.pcap" ] && split_pcap "$suite/$c.pcap" "t_${c}_"
done
if [ -x build/gen_capture ]; then
	build/gen_capture -n 300 -o "$work/gen.pcap" --seed 7 >/dev/null 2>&1 && split_pcap "$work/gen.pcap" g
fi
flow_seeds $([ -f data/demo.pcap ] && echo data/demo.pcap) $([ -s "$work/gen.pcap" ] && echo "$work/gen.pcap")
# IPFIX seeds: our export of the demo capture (biflow, uniflow) and YAF's.
ipfixseeds=$work/ipfix-seeds
mkdir -p "$ipfixseeds"
if [ -x build/netprofile ] && [ -f data/demo.pcap ]; then
	build/netprofile flows -r data/demo.pcap --format ipfix -o "$ipfixseeds/bi.ipfix" 2>/dev/null
	build/netprofile flows -r data/demo.pcap --format ipfix --uniflow -o "$ipfixseeds/uni.ipfix" 2>/dev/null
fi
cp ../shared/corpus/yaf/demo.*.ipfix "$ipfixseeds/" 2>/dev/null
# Flow files: the seed article's tables, and flows' CSV and JSON lines.
cp tests/data/seed/*.txt "$fileseeds"/ 2>/dev/null
if [ -f data/demo.pcap ] && [ -x build/netprofile ]; then
	build/netprofile flows -r data/demo.pcap --format csv -o "$fileseeds/demo.csv" 2>/dev/null
	build/netprofile flows -r data/demo.pcap --format json -o "$fileseeds/demo.json" 2>/dev/null
fi
# Collector input (fuzz/fuzz_netflow.c's format): [window byte], then
# [exporter][2-byte length][message] records.
PYTHONPATH="$here/tests/lib" python3 - "$msgseeds" <<'PY'
import struct, sys
from flowmsg import *
def rec(ex, m):
    return struct.pack('>BH', ex, len(m)) + m
T0 = 1700000000000
r5 = [v5_record('10.1.0.1', '10.1.0.2', 40000, 80, 6, 5, 500, 90000, 95000, 0x1b),
      v5_record('10.1.0.2', '10.1.0.1', 80, 40000, 6, 4, 3000, 90001, 95000, 0x1b),
      v5_record('10.2.0.1', '10.2.0.2', 5000, 53, 17, 1, 60, 0xffffff00, 0xffffffff)]
row = ipfix_row('10.7.0.1', '10.7.0.2', 41000, 443, 6, 0x1b, 7, 700, T0, T0 + 1000)
r9 = v9_row('10.8.0.1', '10.8.0.2', 42000, 22, 6, 0x1b, 9, 900, 90000, 95000)
seeds = [
    b'\x3d' + rec(0, v5_message(r5, 0)) + rec(1, v5_message(r5[:1], 7)) + rec(0, v5_message(r5[1:], 10)),
    b'\x00' + rec(2, v5_message(r5 * 10, 0)) + rec(2, v5_message(r5, 0, count=9)),
    b'\x11' + rec(3, ipfix_message([ipfix_data_set(300, [row])], 0)) + rec(3, ipfix_message([ipfix_template_set(300)], 1)) +
    rec(3, ipfix_message([ipfix_data_set(300, [row, row])], 1)) + rec(3, ipfix_message([ipfix_template_set(300, IPFIX_LAYOUT2)], 3)) +
    rec(3, ipfix_message([ipfix_withdrawal_set(300)], 3)),
    b'\x05' + rec(4, v9_message([v9_template_flowset(260), v9_data_flowset(260, [r9])], 0, 2)) +
    rec(4, v9_message([v9_data_flowset(260, [r9, r9])], 1, 2)),
]
for i, s in enumerate(seeds):
    open('%s/m%02d' % (sys.argv[1], i), 'wb').write(s)
PY
pass=0
fail=0
# run_target NAME SECONDS MAXLEN [SEED_DIR]
run_target() {
	local name=$1 t=$2 maxlen=$3 seeddir=${4:-}
	local corpus="$work/corpus-$name"
	mkdir -p "$corpus"
	if ./build/"$name" -max_total_time="$t" -max_len="$maxlen" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$work/$name-" "$corpus" $seeddir >"$work/$name.log" 2>&1; then
		echo "$name: $(grep -E "stat::number_of_executed_units" "$work/$name.log" | awk '{print $2}') inputs, no finding"
		pass=$((pass + 1))
	else
		tail -40 "$work/$name.log"
		mkdir -p build/fuzz-crashes && cp "$work/$name"-* build/fuzz-crashes/ 2>/dev/null
		echo "$name: crash inputs kept in build/fuzz-crashes/"
		fail=$((fail + 1))
	fi
}
# Inputs that once crashed a target (fuzz/regress/TARGET/NAME), run first,
# each on its own: a regression fails the suite whatever the fuzzing finds.
for input in fuzz/regress/*/*; do
	[ -f "$input" ] || continue
	target=$(basename "$(dirname "$input")")
	if ./build/"$target" "$input" >"$work/regress.log" 2>&1; then
		pass=$((pass + 1))
	else
		tail -20 "$work/regress.log"
		echo "$target: $input crashes again"
		fail=$((fail + 1))
	fi
done
run_target fuzz_decode "$secs" 2048 "$seeds"
run_target fuzz_dns $(((secs + 1) / 2)) 1024
run_target fuzz_dhcp $(((secs + 1) / 2)) 1024
run_target fuzz_flow $(((secs + 1) / 2)) 4096 "$flowseeds"
run_target fuzz_ipfix $(((secs + 1) / 2)) 8192 "$ipfixseeds"
run_target fuzz_flowfile $(((secs + 1) / 2)) 8192 "$fileseeds"
run_target fuzz_netflow $(((secs + 1) / 2)) 8192 "$msgseeds"
# explain + anomalies over packet sequences, in fuzz_flow's record layout (its seeds)
run_target fuzz_analyze $(((secs + 1) / 2)) 4096 "$flowseeds"
run_target fuzz_report_json $(((secs + 3) / 4)) 512
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
