#!/usr/bin/env bash
# anomalies.sh - `netprofile anomalies` (NETPROFILE: the binary under test).
#   1. Per check, a capture built here that must trigger it (and only it,
#      on the packet named), and the same packet made normal that must
#      give no finding: each check's test fails without the check.
#   2. False alarms: the shipped demo capture and the tcpdump corpus
#      captures that are not malformed (index.tsv) give no finding, except
#      the listed ones that truly hold an anomaly.
#   3. watch --anomalies gives the same findings as alerts.
#   4. Hostile input: every corpus capture (malformed ones included) runs
#      through anomalies and explain without a crash, exit status 0 or a
#      one-line error (under the ASan build when NETPROFILE points there).
. "$(dirname "$0")/lib/suite.sh" anomalies
corpus=$here/../shared/corpus

PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'PY'
import struct, sys
from netpkt import csum
out = sys.argv[1]
MAC_A, MAC_B, MAC_C = bytes.fromhex('020000000001'), bytes.fromhex('020000000002'), bytes.fromhex('020000000003')

def ip4(a):
    return bytes(int(x) for x in a.split('.'))

def eth(payload, etype=0x0800, src=MAC_A, dst=MAC_B):
    return dst + src + struct.pack('!H', etype) + payload

def ipv4(src, dst, proto, payload, ident=1, frag=0x4000, ttl=64, opts=b'', cksum=None, total=None):
    ihl = 5 + len(opts) // 4
    tl = total if total is not None else 20 + len(opts) + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, tl, ident, frag, ttl, proto, 0, ip4(src), ip4(dst)) + opts
    c = csum(h) if cksum is None else cksum
    return h[:10] + struct.pack('!H', c) + h[12:] + payload

def tcp(sport, dport, flags, seq=1000, ack=0, payload=b''):
    return struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload

def udp(sport, dport, payload):
    return struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload

def ipv6(src, dst, nh, payload, hlim=64):
    return struct.pack('!IHBB16s16s', 0x60000000, len(payload), nh, hlim, bytes.fromhex(src), bytes.fromhex(dst)) + payload

def arp(op, sha, spa, tha, tpa):
    return struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, op, sha, ip4(spa), tha, ip4(tpa))

def pcap(name, frames, dlt=1, step=1.0):
    with open('%s/%s.pcap' % (out, name), 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, dlt))
        t = 1700000000.0
        for fr in frames:
            if isinstance(fr, tuple):
                t, fr = fr
            s, u = int(t), int(round((t - int(t)) * 1e6))
            f.write(struct.pack('<IIII', s, u, len(fr), len(fr)) + fr)
            t += step

def t4(src, dst, seg, **kw):
    return eth(ipv4(src, dst, 6, seg, **kw))

A, B = '10.0.0.1', '10.0.0.2'
cases = {}
def case(name, bad, good):
    cases[name] = 1
    pcap(name + '-bad', bad)
    pcap(name + '-good', good)

case('tcp-syn-fin', [t4(A, B, tcp(40000, 80, 0x03))], [t4(A, B, tcp(40000, 80, 0x02))])
case('tcp-syn-rst', [t4(A, B, tcp(40000, 80, 0x06))], [t4(A, B, tcp(40000, 80, 0x14))])
case('tcp-xmas', [t4(A, B, tcp(40000, 80, 0x29))], [t4(A, B, tcp(40000, 80, 0x39))])
case('tcp-null', [t4(A, B, tcp(40000, 80, 0x00))], [t4(A, B, tcp(40000, 80, 0x10))])
case('tcp-fin-no-ack', [t4(A, B, tcp(40000, 80, 0x01))], [t4(A, B, tcp(40000, 80, 0x11))])
case('port-zero', [t4(A, B, tcp(40000, 0, 0x10))], [t4(A, B, tcp(40000, 80, 0x10))])
case('land', [t4(A, A, tcp(139, 139, 0x02))], [t4(A, A, tcp(40000, 139, 0x02))])
case('bogon-source',
     [eth(ipv4('127.0.0.1', B, 17, udp(5000, 9, b'x' * 12)))],
     [eth(ipv4('0.0.0.0', '255.255.255.255', 17, udp(68, 67, b'\x01' + b'\0' * 240)), dst=b'\xff' * 6)])
case('bogon-source-mcast', [eth(ipv4('224.0.0.5', B, 17, udp(5000, 9, b'x' * 12)))],
     [eth(ipv4('127.0.0.1', '127.0.0.1', 17, udp(5000, 9, b'x' * 12)))])
NS_DAD = bytes([135, 0, 0, 0]) + b'\0' * 4 + bytes.fromhex('fe800000000000000000000000000001')
case('bogon-source-v6', [eth(ipv6('ff020000000000000000000000000001', 'fe800000000000000000000000000002', 58, NS_DAD, 255), 0x86dd)],
     [eth(ipv6('00' * 16, 'ff0200000000000000000001ff000001', 58, NS_DAD, 255), 0x86dd)])
case('bogon-source-arp', [eth(arp(1, MAC_A, '127.0.0.9', b'\0' * 6, B), 0x0806)],
     [eth(arp(1, MAC_A, '0.0.0.0', b'\0' * 6, B), 0x0806)])
case('ip-bad-checksum', [t4(A, B, tcp(40000, 80, 0x10), cksum=0x1234)], [t4(A, B, tcp(40000, 80, 0x10))])
# offload: a zero checksum is not judged, nor frames from a host seen sending TSO super-frames
case('ip-bad-checksum-offload', [t4(A, B, tcp(40000, 80, 0x10), cksum=0x1234)],
     [t4(A, B, tcp(40000, 80, 0x10), cksum=0), t4(A, B, tcp(40000, 80, 0x10, payload=b'z' * 3000)),
      t4(A, B, tcp(40000, 80, 0x10), cksum=0x1234)])
LSRR = bytes([131, 11, 4]) + ip4('10.0.0.9') + ip4(B) + b'\x01'
RR = bytes([7, 11, 4]) + b'\0' * 8 + b'\x01'
case('ip-source-route', [t4(A, B, tcp(40000, 80, 0x10), opts=LSRR)], [t4(A, B, tcp(40000, 80, 0x10), opts=RR)])
seg = tcp(40000, 80, 0x18, payload=b'A' * 32)
case('fragment-tiny', [eth(ipv4(A, B, 6, seg[:16], ident=7, frag=0x2000)), eth(ipv4(A, B, 6, seg[16:], ident=7, frag=2))],
     [eth(ipv4(A, B, 6, seg[:24], ident=7, frag=0x2000)), eth(ipv4(A, B, 6, seg[24:], ident=7, frag=3))])
body = udp(5000, 9, bytes(range(48)))
other = body[:16] + bytes(b ^ 0xff for b in body[16:32]) + body[32:]
case('fragment-overlap',
     [eth(ipv4(A, B, 17, body[:32], ident=9, frag=0x2000)), eth(ipv4(A, B, 17, other[16:], ident=9, frag=2))],
     [eth(ipv4(A, B, 17, body[:32], ident=9, frag=0x2000)), eth(ipv4(A, B, 17, body[:32], ident=9, frag=0x2000)),
      eth(ipv4(A, B, 17, body[16:], ident=9, frag=2))])
case('fragment-oversize', [eth(ipv4(A, B, 1, b'\0' * 100, ident=11, frag=8184))],
     [eth(ipv4(A, B, 1, b'\0' * 64, ident=11, frag=8180))])
case('arp-conflict',
     [eth(arp(2, MAC_A, '10.0.0.1', MAC_C, '10.0.0.3'), 0x0806), eth(arp(2, MAC_B, '10.0.0.1', MAC_C, '10.0.0.3'), 0x0806, src=MAC_B)],
     [eth(arp(2, MAC_A, '10.0.0.1', MAC_C, '10.0.0.3'), 0x0806), eth(arp(2, MAC_A, '10.0.0.1', MAC_C, '10.0.0.3'), 0x0806),
      (1700000200.0, eth(arp(2, MAC_B, '10.0.0.1', MAC_C, '10.0.0.3'), 0x0806, src=MAC_B))])
scan, normal = [], []
for port in range(1, 31):
    scan += [t4('10.0.0.66', B, tcp(50000, port, 0x02)), t4(B, '10.0.0.66', tcp(port, 50000, 0x14, 0, 1001))]
    normal += [t4('10.0.0.66', B, tcp(50000 + port, port, 0x02)), t4(B, '10.0.0.66', tcp(port, 50000 + port, 0x12, 5000, 1001)),
               t4('10.0.0.66', B, tcp(50000 + port, port, 0x10, 1001, 5001))]
pcap('scan-bad', scan, step=0.01)
pcap('scan-good', normal, step=0.01)
cases['scan'] = 1
q = bytes.fromhex('1234010000010000000000000377777703636f6d0000010001')
loop = bytes.fromhex('123401000001000000000000c00c00010001')  # the name points at itself
case('malformed', [eth(ipv4(A, B, 17, udp(5000, 53, loop)))], [eth(ipv4(A, B, 17, udp(5000, 53, q)))])
case('malformed-ip', [eth(ipv4(A, B, 6, tcp(1, 2, 0x10), total=10))], [eth(ipv4(A, B, 6, tcp(1, 2, 0x10)))])
open(out + '/cases', 'w').write('\n'.join(cases) + '\n')
PY

# expect CASE CHECK PACKET: the bad capture gives exactly one finding, CHECK
# on PACKET; the good one gives none.
expect() {
	local name=$1 want=$2 pkt=$3
	"$np" anomalies --format json -r "$tmp/$name-bad.pcap" >"$tmp/$name-bad.json" 2>"$tmp/$name-bad.err"
	local rc=$?
	check "$name: exit 0" '[ $rc -eq 0 ]'
	check "$name: the bad capture gives one $want finding on packet $pkt (got: $(tr '\n' ' ' <"$tmp/$name-bad.json"))" \
		'[ "$(wc -l <"$tmp/$name-bad.json")" -eq 1 ] && grep -q "{\"check\": \"$want\", \"packet\": $pkt," "$tmp/$name-bad.json"'
	check "$name: the count on stderr says $want 1" 'grep -q " $want 1\(,\|$\)" "$tmp/$name-bad.err"'
	"$np" anomalies -r "$tmp/$name-good.pcap" >"$tmp/$name-good.txt" 2>/dev/null
	check "$name: the same packet made normal gives no finding (got: $(head -c 300 "$tmp/$name-good.txt"))" \
		'[ ! -s "$tmp/$name-good.txt" ]'
}
expect tcp-syn-fin tcp-syn-fin 1
expect tcp-syn-rst tcp-syn-rst 1
expect tcp-xmas tcp-xmas 1
expect tcp-null tcp-null 1
expect tcp-fin-no-ack tcp-fin-no-ack 1
expect port-zero port-zero 1
expect land land 1
expect bogon-source bogon-source 1
expect bogon-source-mcast bogon-source 1
expect bogon-source-v6 bogon-source 1
expect bogon-source-arp bogon-source 1
expect ip-bad-checksum ip-bad-checksum 1
expect ip-bad-checksum-offload ip-bad-checksum 1
expect ip-source-route ip-source-route 1
expect fragment-tiny fragment-tiny 1
expect fragment-overlap fragment-overlap 2
expect fragment-oversize fragment-oversize 1
expect arp-conflict arp-conflict 2
expect scan scan 49
expect malformed malformed 1
expect malformed-ip malformed 1

"$np" anomalies -r "$tmp/tcp-xmas-bad.pcap" >"$tmp/xmas.txt" 2>/dev/null
check "text output: one line naming packet, check, addresses" \
	'grep -q "^1 [0-9:.]* tcp-xmas 10.0.0.1.40000 > 10.0.0.2.80: FIN, PSH and URG without ACK" "$tmp/xmas.txt"'
"$np" anomalies --format yaml -r "$tmp/tcp-xmas-bad.pcap" >/dev/null 2>"$tmp/usage.err"
check "an unknown format is a usage error (exit 1)" '[ $? -eq 1 ] && grep -q "unknown format" "$tmp/usage.err"'
"$np" anomalies -r "$tmp/scan-bad.pcap" 'tcp[13] & 2 != 0 and not tcp[13] & 16 != 0' >"$tmp/scan-filter.txt" 2>/dev/null
check "a BPF expression selects packets, numbered as decode -# numbers them (the 25th SYN is packet 25)" \
	'grep -q "^25 .* scan 10.0.0.66" "$tmp/scan-filter.txt"'

# watch --anomalies: the same checks, as alerts through watch's alert path
"$np" watch -r "$tmp/scan-bad.pcap" --db "$tmp/w.db" --anomalies --alerts "$tmp/alerts.txt" >/dev/null 2>&1
check "watch --anomalies alerts on the scan, naming packet 49" 'grep -q "^anomaly 49 .* scan 10.0.0.66" "$tmp/alerts.txt"'
"$np" watch -r "$tmp/tcp-xmas-bad.pcap" --db "$tmp/w2.db" --anomalies --format json --alerts - >"$tmp/alerts.json" 2>/dev/null
check "watch --anomalies --format json gives the finding's JSON" \
	'grep -q "{\"check\": \"tcp-xmas\", \"packet\": 1," "$tmp/alerts.json"'
"$np" watch -r "$tmp/tcp-xmas-bad.pcap" --db "$tmp/w3.db" >"$tmp/alerts-off.txt" 2>/dev/null
check "without --anomalies, watch does not run the checks" '! grep -q "tcp-xmas" "$tmp/alerts-off.txt"'

# ---- false alarms -----------------------------------------------------------------------
"$np" anomalies -r "$here/data/demo.pcap" >"$tmp/demo.txt" 2>/dev/null
check "data/demo.pcap: no finding" '[ $? -eq 0 ] && [ ! -s "$tmp/demo.txt" ]'
if [ ! -f "$corpus/tcpdump/index.tsv" ]; then
	echo "anomalies: corpus checks skipped: $corpus absent"
	finish
fi
# Captures that truly hold an anomaly, though the corpus does not call them malformed:
#   ipv6-routing-header.pcap: IPv6 type 0 routing headers (deprecated by RFC 5095: ip-source-route)
#   ipv6_missing_jumbo_payload_option.pcap: payload length 0 without a Jumbo option (RFC 2675): malformed
exceptions=" 4.99.3/ipv6-routing-header.pcap master/ipv6_missing_jumbo_payload_option.pcap "
awk -F'\t' 'NR > 1 && $6 == "no" { print $2 }' "$corpus/tcpdump/index.tsv" | sort -u >"$tmp/normal.list"
alarms=0
while read -r p; do
	"$np" anomalies -r "$corpus/tcpdump/$p" >"$tmp/one.txt" 2>/dev/null
	if [ -s "$tmp/one.txt" ]; then
		case $exceptions in
		*" $p "*) ;;
		*) alarms=$((alarms + 1)); echo "false alarm in $p:"; head -3 "$tmp/one.txt" ;;
		esac
	elif [[ $exceptions == *" $p "* ]]; then
		echo "listed exception $p no longer gives a finding"
		alarms=$((alarms + 1))
	fi
done <"$tmp/normal.list"
check "the $(wc -l <"$tmp/normal.list") corpus captures not marked malformed give no finding (exceptions listed)" '[ $alarms -eq 0 ]'

# ---- hostile input ---------------------------------------------------------------------------
crashes=0
total=0
while read -r p; do
	for cmd in anomalies explain; do
		total=$((total + 1))
		"$np" $cmd -r "$corpus/tcpdump/$p" >/dev/null 2>"$tmp/err.txt"
		rc=$?
		if [ $rc -gt 1 ] || grep -q "Sanitizer\|runtime error" "$tmp/err.txt"; then
			crashes=$((crashes + 1))
			echo "$cmd on $p: exit $rc"
			head -5 "$tmp/err.txt"
		fi
	done
done < <(awk -F'\t' 'NR > 1 && $6 == "yes" { print $2 }' "$corpus/tcpdump/index.tsv" | sort -u)
check "malformed corpus captures: anomalies and explain ($total runs) never crash" '[ $crashes -eq 0 ]'
finish
