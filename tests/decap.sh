#!/usr/bin/env bash
# decap.sh - what tunnels carry, metered (`flows --decap`) and profiled
# (`servers`), on captures tests/lib/gen_decap.py builds: VXLAN, Geneve,
# IPv4 in IPv4, GRE in GRE, PPTP's GRE with PPP, 6in4, each carrying whole
# conversations both ways, and the same inner packets without their tunnels.
#  - flows --decap: the inner records are the records `flows` makes of the
#    bare inner packets (packets, bytes, times, both directions), each with
#    its tunnel's kind, outer addresses, id and depth; the outer records are
#    those of plain `flows`; the same inner conversation in two VXLAN
#    segments is two records.
#  - IPFIX: ipfixDump (libfixbuf-tools) reads every record of
#    `flows --decap --format ipfix` and shows each inner record's tunnel
#    elements as the generator made them; reading the file back
#    (`flows --flows F --decap`) gives the CSV of `flows -r --decap`, and so
#    does a CSV read back; --export sends the inner records, in the tunnel
#    templates, to a UDP collector (a socket; ipfixDump counts them).
#  - servers --flows of the IPFIX, CSV and JSON records lists each inner
#    server via the tunnel servers -r names; --no-decap leaves them out.
#  - tcpdump (Debian's) prints, inside each tunnelled packet, the packet the
#    bare capture has at the same place (the captures agree).
#  - servers: the DNS server inside the PPTP call is listed, with the tunnel
#    in its evidence (table, CSV, and the inventory's evidence column); with
#    --no-decap it is not.
#  - watch -r, and watch --listen fed `flows --decap --export`: a new-server
#    alert for each inner server with the evidence servers -r gives it
#    (text and JSON alerts, the inventory); with --no-decap none.
# Runs against $NETPROFILE (the ASan build) as well.
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" decap
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
[ -x "$np" ] || abort "$np is not built (run make)"
python3 "$here/tests/lib/gen_decap.py" "$tmp/tun.pcap" "$tmp/bare.pcap" "$tmp/overlap.pcap" "$tmp/truth" ||
	abort "gen_decap.py failed"

base=sIP,dIP,sPort,dPort,protocol,packets,bytes,sTime,eTime
"$np" flows --decap -r "$tmp/tun.pcap" --format csv --fields "$base,tunnelType,tunnelSIP,tunnelDIP,tunnelId,tunnelDepth" \
	>"$tmp/decap.csv" 2>"$tmp/decap.err"
check "flows --decap ran" '[ -s "$tmp/decap.csv" ] && grep -q "inner packets in 7 tunnels" "$tmp/decap.err"'
"$np" flows -r "$tmp/bare.pcap" --format csv --fields "$base" >"$tmp/bare.csv" 2>/dev/null
"$np" flows -r "$tmp/tun.pcap" --format csv --fields "$base" >"$tmp/outer.csv" 2>/dev/null
# The inner records (a tunnel named), less the middle GRE of GRE in GRE
# (the bare capture has only the innermost packets), against the bare
# capture's; the outer ones (no tunnel) against plain flows'.
python3 - "$tmp/decap.csv" "$tmp/bare.csv" "$tmp/outer.csv" "$tmp/truth" >"$tmp/cmp" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
base = ["sIP", "dIP", "sPort", "dPort", "protocol", "packets", "bytes", "sTime", "eTime"]
cols = base + ["reverse" + c[0].upper() + c[1:] for c in ("packets", "bytes", "sTime", "eTime")]
key = lambda r: tuple(r.get(c, "") for c in cols)
inner = sorted(key(r) for r in rows if r["tunnelType"] and r["protocol"] != "47")
outer = sorted(key(r) for r in rows if not r["tunnelType"])
bare = sorted(key(r) for r in csv.DictReader(open(sys.argv[2])))
plain = sorted(key(r) for r in csv.DictReader(open(sys.argv[3])))
print("inner", len(inner), "same" if inner == bare and bare else "differ")
print("outer", len(outer), "same" if outer == plain and plain else "differ")
truth = {l.split()[0]: l.split()[1:] for l in open(sys.argv[4])}
for r in rows:
    if r["sIP"] in truth:
        want = truth[r["sIP"]]
        have = [r["tunnelType"], r["tunnelSIP"], r["tunnelDIP"], r["tunnelId"], r["tunnelDepth"]]
        print("tunnel", r["sIP"], "ok" if have == want else "want %s have %s" % (want, have))
EOF
check "inner records = flows of the bare inner packets ($(grep '^inner' "$tmp/cmp"))" 'grep -q "^inner 7 same" "$tmp/cmp"'
check "outer records = plain flows' ($(grep '^outer' "$tmp/cmp"))" 'grep -q "^outer [1-9][0-9]* same" "$tmp/cmp"'
for kind in vxlan geneve ipip gre pptp 6in4; do
	check "$kind: the inner records carry their tunnel's kind, outer addresses, id, depth" \
		'grep "^tunnel" "$tmp/cmp" | grep -q . && ! grep "^tunnel" "$tmp/cmp" | grep -v " ok$" | grep -q . &&
		 grep -q " $kind " "$tmp/truth"'
done
check "every inner client's record was found with its tunnel ($(grep -c '^tunnel' "$tmp/cmp") records)" \
	'[ "$(grep -c "^tunnel.* ok$" "$tmp/cmp")" = "$(wc -l <"$tmp/truth")" ]'

# Without --decap: the outer view only, and no tunnel columns.
"$np" flows -r "$tmp/tun.pcap" --format csv >"$tmp/plain.csv" 2>/dev/null
check "without --decap: no inner records, no tunnel columns" \
	'! grep -q "10\.10\.0\." "$tmp/plain.csv" && ! head -1 "$tmp/plain.csv" | grep -q tunnel'
# JSON: an inner record has the tunnel members, an outer one has none.
"$np" flows --decap -r "$tmp/tun.pcap" --format json >"$tmp/decap.json" 2>/dev/null
check "JSON: inner records carry tunnelType/tunnelSIP/tunnelDIP/tunnelId/tunnelDepth, outer ones none" 'python3 - "$tmp/decap.json" <<EOF
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
inner = [r for r in recs if "tunnelType" in r]
outer = [r for r in recs if "tunnelType" not in r]
assert len(inner) == 8 and len(outer) >= 7, (len(inner), len(outer))
assert all(set(("tunnelSIP", "tunnelDIP", "tunnelId", "tunnelDepth")) <= set(r) for r in inner)
assert not any(k.startswith("tunnel") for r in outer for k in r)
EOF'
# Two tenants, same inner conversation: two records.
"$np" flows --decap -r "$tmp/overlap.pcap" --format csv --fields sIP,dIP,packets,tunnelId >"$tmp/overlap.csv" 2>/dev/null
check "the same conversation in VXLAN 42 and 43 is two records" \
	'[ "$(grep -c "^10\.10\.0\.1,10\.10\.0\.2,1,4[23],1" "$tmp/overlap.csv")" = 2 ]'
# IPFIX: inner records in their own templates, with the tunnel elements.
"$np" flows --decap -r "$tmp/tun.pcap" --format ipfix -o "$tmp/decap.ipfix" 2>/dev/null
"$np" flows --decap -r "$tmp/tun.pcap" --format csv >"$tmp/decap_all.csv" 2>/dev/null
if command -v ipfixDump >/dev/null; then
	ipfixDump --rfc5610 -d -i "$tmp/decap.ipfix" >"$tmp/decap.dump" 2>"$tmp/dump.err"
	# ipfixDump's records, each "sIP kind tunnelSIP tunnelDIP tunnelId depth",
	# against the generator's truth; and the count against CSV's records.
	python3 - "$tmp/decap.dump" "$tmp/truth" "$tmp/decap_all.csv" >"$tmp/dumpcmp" <<'EOF2'
import csv, ipaddress, re, sys
recs, cur = [], None
for line in open(sys.argv[1]):
    if line.startswith("--- data record"):
        cur = {}
        recs.append(cur)
    m = re.match(r"\s*\(\S+\)\s+(\w+) : (?:\(len: \d+\) )?(.*)", line)
    if m and cur is not None:
        cur[m.group(1)] = m.group(2).strip()
flows = [r for r in recs if "packetTotalCount" in r]
print("records", len(flows), len(list(csv.DictReader(open(sys.argv[3])))))
truth = {l.split()[0]: l.split()[1:] for l in open(sys.argv[2])}
for r in flows:
    sip = str(ipaddress.ip_address(r.get("sourceIPv4Address", r.get("sourceIPv6Address"))))
    if sip in truth:
        have = [r.get("tunnelTechnology"),
                r.get("tunnelSourceIPv4Address", r.get("tunnelSourceIPv6Address")),
                r.get("tunnelDestinationIPv4Address", r.get("tunnelDestinationIPv6Address")),
                r.get("tunnelId"), r.get("tunnelDepth")]
        vni = r.get("layer2SegmentId")
        ok = have == truth[sip] and (vni == truth[sip][3] if have[0] in ("vxlan", "geneve") else vni == "0")
        print("tunnel", sip, "ok" if ok else "want %s have %s vni %s" % (truth[sip], have, vni))
EOF2
	check "ipfixDump reads every record of the --decap IPFIX file ($(grep '^records' "$tmp/dumpcmp"))" \
		'grep -qE "^records ([0-9]+) \1$" "$tmp/dumpcmp" && ! grep -q "^records 0 " "$tmp/dumpcmp"'
	check "ipfixDump shows each inner record's tunnelTechnology, outer addresses, layer2SegmentId, id, depth" \
		'[ "$(grep -c "^tunnel.* ok$" "$tmp/dumpcmp")" = "$(wc -l <"$tmp/truth")" ] &&
		 ! grep "^tunnel" "$tmp/dumpcmp" | grep -qv " ok$"'
else
	skip "ipfixDump is not installed (apt-get install libfixbuf-tools)"
fi
"$np" flows --flows "$tmp/decap.ipfix" --decap --format csv >"$tmp/back.csv" 2>/dev/null
check "IPFIX round trip: flows --flows F --decap --format csv = flows -r --decap --format csv" \
	'[ -s "$tmp/back.csv" ] && cmp -s <(sort "$tmp/decap_all.csv") <(sort "$tmp/back.csv")'
# Uniflow: each direction's record keeps its tunnel, read as it is and
# paired again into the biflows, within one tunnel only (the overlap
# capture has one inner conversation in two VXLAN segments).
"$np" flows --decap -r "$tmp/tun.pcap" --uniflow --format ipfix -o "$tmp/decap_uni.ipfix" 2>/dev/null
"$np" flows --decap -r "$tmp/tun.pcap" --uniflow --format csv >"$tmp/decap_uni.csv" 2>/dev/null
"$np" flows --flows "$tmp/decap_uni.ipfix" --decap --uniflow --format csv >"$tmp/back_uni.csv" 2>/dev/null
check "IPFIX round trip, --uniflow: flows --flows F --decap --uniflow = flows -r --decap --uniflow (tunnels kept)" \
	'grep -q ",vxlan," "$tmp/back_uni.csv" && cmp -s <(sort "$tmp/decap_uni.csv") <(sort "$tmp/back_uni.csv")'
"$np" flows --flows "$tmp/decap_uni.ipfix" --decap --format csv >"$tmp/back_paired.csv" 2>/dev/null
check "IPFIX round trip, --uniflow paired again: flows --flows F --decap = flows -r --decap (tunnels kept)" \
	'grep -q ",vxlan," "$tmp/back_paired.csv" && cmp -s <(sort "$tmp/decap_all.csv") <(sort "$tmp/back_paired.csv")'
"$np" flows --decap -r "$tmp/overlap.pcap" --uniflow --format ipfix -o "$tmp/overlap_uni.ipfix" 2>/dev/null
"$np" flows --decap -r "$tmp/overlap.pcap" --format csv >"$tmp/overlap_bi.csv" 2>/dev/null
"$np" flows --flows "$tmp/overlap_uni.ipfix" --decap --format csv >"$tmp/overlap_back.csv" 2>/dev/null
check "IPFIX round trip, --uniflow paired again: one conversation in two VXLAN segments stays two biflows" \
	'[ "$(grep -c ",vxlan," "$tmp/overlap_back.csv")" -ge 2 ] && cmp -s <(sort "$tmp/overlap_bi.csv") <(sort "$tmp/overlap_back.csv")'
# --export: the same records to a UDP collector on loopback (a Python
# socket keeps the datagrams; ipfixDump reads them as one stream).
if command -v ipfixDump >/dev/null; then
	python3 - "$tmp/udp.ipfix" "$tmp/udp.port" <<'EOF2' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
open(sys.argv[2], "w").write("%d\n" % s.getsockname()[1])
out = open(sys.argv[1], "wb")
s.settimeout(10)
try:
    while True:
        out.write(s.recv(65535))
        out.flush()
        s.settimeout(1.5)
except socket.timeout:
    pass
EOF2
	rx=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$tmp/udp.port" ] && break; sleep 0.2; done
	"$np" flows --decap -r "$tmp/tun.pcap" --export "udp://127.0.0.1:$(cat "$tmp/udp.port")" -o /dev/null 2>/dev/null
	wait "$rx"
	ipfixDump --rfc5610 -s -i "$tmp/udp.ipfix" >"$tmp/udp.stats" 2>/dev/null
	inner=$(awk -F'[|(]' '/^ *[0-9]+ \(0xb01[0-7]\)/ { n += $3 } END { print n + 0 }' "$tmp/udp.stats")
	check "--decap --export: the collector gets the inner records in the tunnel templates ($inner of 8)" \
		'[ "$inner" = 8 ]'
fi
"$np" flows --flows "$tmp/decap_all.csv" --decap --format csv >"$tmp/back2.csv" 2>/dev/null
check "CSV read back: flows --flows F.csv --decap --format csv gives F again" \
	'[ -s "$tmp/back2.csv" ] && cmp -s <(sort "$tmp/decap_all.csv") <(sort "$tmp/back2.csv")'
"$np" flows --flows "$tmp/decap.ipfix" --format csv >"$tmp/back_plain.csv" 2>/dev/null
check "without --decap, --flows of that file writes no tunnel columns" \
	'[ -s "$tmp/back_plain.csv" ] && ! head -1 "$tmp/back_plain.csv" | grep -q tunnel'
# tcpdump: the packet inside each tunnelled one is the bare capture's.
if command -v tcpdump >/dev/null; then
	# The innermost "address.port > address.port" of each packet.
	innermost() { tcpdump -n -tt -r "$1" 2>/dev/null | python3 "$here/tests/lib/tcpdump_inner.py" | cut -d" " -f1,3-; }
	innermost "$tmp/tun.pcap" >"$tmp/td.tun"
	innermost "$tmp/bare.pcap" >"$tmp/td.bare"
	check "tcpdump prints inside each tunnelled packet the bare capture's packet ($(wc -l <"$tmp/td.tun") packets)" \
		'[ -s "$tmp/td.tun" ] && ! grep -q " -$" "$tmp/td.tun" && cmp -s "$tmp/td.tun" "$tmp/td.bare"'
else
	skip "tcpdump is not installed (apt-get install tcpdump)"
fi

# servers: the inside is profiled, the tunnel named in the evidence.
"$np" servers --db "$tmp/inv.db" -r "$tmp/tun.pcap" >"$tmp/servers.txt" 2>"$tmp/servers.err"
check "servers lists the DNS server inside the PPTP call, via pptp" \
	'grep -qE "^172\.16\.0\.1 +udp +53 dns .*via pptp 192\.0\.2\.31>192\.0\.2\.32 call 7" "$tmp/servers.txt"'
check "and the servers inside VXLAN, Geneve, IP-in-IP, GRE in GRE, 6in4, each via its tunnel" \
	'grep -qE "^10\.10\.0\.2 +udp +53 .*via vxlan 192\.0\.2\.1>192\.0\.2\.2 vni 42" "$tmp/servers.txt" &&
	 grep -qE "^10\.10\.0\.3 +tcp +80 .*via vxlan" "$tmp/servers.txt" &&
	 grep -qE "^10\.20\.0\.2 +udp +123 .*via geneve 192\.0\.2\.1>192\.0\.2\.2 vni 77" "$tmp/servers.txt" &&
	 grep -qE "^10\.30\.0\.2 +tcp +22 .*via ipip 192\.0\.2\.11>192\.0\.2\.12" "$tmp/servers.txt" &&
	 grep -qE "^10\.40\.0\.2 +udp +53 .*via gre 198\.51\.100\.1>198\.51\.100\.2 key 5" "$tmp/servers.txt" &&
	 grep -qE "^fd00::2 +udp +53 .*via 6in4 192\.0\.2\.41>192\.0\.2\.42" "$tmp/servers.txt"'
if command -v sqlite3 >/dev/null; then
	check "the inventory keeps the tunnel in the server's evidence" \
		'sqlite3 "$tmp/inv.db" "select evidence from servers where address = '"'"'172.16.0.1'"'"' and port = 53" |
		 grep -q "via pptp 192.0.2.31>192.0.2.32"'
else
	skip "sqlite3 is not installed (apt-get install sqlite3)"
fi
"$np" servers --db "$tmp/inv.csv.db" -r "$tmp/tun.pcap" --format csv >"$tmp/servers.csv" 2>/dev/null
check "CSV: the evidence column names the tunnel" 'python3 - "$tmp/servers.csv" <<EOF
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["address"] == "172.16.0.1"]
assert rows and "via pptp 192.0.2.31>192.0.2.32" in rows[0]["evidence"], rows
EOF'
# Read back: servers --flows of the --decap records (IPFIX, CSV, JSON)
# lists each inner server with the tunnel servers -r names.
via_line() { grep " via " "$1" | awk '{ v = $0; sub(/.*; via /, "via ", v); print $1, $2, $3, v }' | sort; }
via_line "$tmp/servers.txt" >"$tmp/via.r"
"$np" flows --decap -r "$tmp/tun.pcap" --format json -o "$tmp/decap_all.json" 2>/dev/null
for f in decap.ipfix decap_all.csv decap_all.json; do
	"$np" servers --db "$tmp/back_$f.db" --flows "$tmp/$f" >"$tmp/back_$f.txt" 2>/dev/null
	via_line "$tmp/back_$f.txt" >"$tmp/via.$f"
	check "servers --flows ${f#decap*.}: the inner servers, each via the tunnel servers -r names ($(wc -l <"$tmp/via.$f") of $(wc -l <"$tmp/via.r"))" \
		'[ "$(wc -l <"$tmp/via.r")" = 7 ] && cmp -s "$tmp/via.r" "$tmp/via.$f"'
done
# Two inputs number their tunnels each from 1: the evidence still names
# each server's own tunnel.
"$np" servers --db "$tmp/two.db" -r "$tmp/tun.pcap" -r "$tmp/overlap.pcap" >"$tmp/two.txt" 2>/dev/null
"$np" servers --db "$tmp/two2.db" -r "$tmp/overlap.pcap" --flows "$tmp/decap.ipfix" >"$tmp/two2.txt" 2>/dev/null
check "servers -r A -r B, and -r B --flows A: each inner server still via its own tunnel" \
	'grep -qE "^10\.20\.0\.2 +udp +123 .*via geneve 192\.0\.2\.1>192\.0\.2\.2 vni 77" "$tmp/two.txt" &&
	 grep -qE "^10\.20\.0\.2 +udp +123 .*via geneve 192\.0\.2\.1>192\.0\.2\.2 vni 77" "$tmp/two2.txt" &&
	 grep -qE "^172\.16\.0\.1 +udp +53 .*via pptp" "$tmp/two.txt" && grep -qE "^172\.16\.0\.1 +udp +53 .*via pptp" "$tmp/two2.txt"'
check "servers --flows --no-decap: inner records left out" \
	'"$np" servers --no-decap --db "$tmp/back_nd.db" --flows "$tmp/decap.ipfix" >"$tmp/back_nd.txt" 2>/dev/null &&
	 ! grep -q "^172\.16\.0\.1 " "$tmp/back_nd.txt" && ! grep -q "via " "$tmp/back_nd.txt"'
"$np" servers --no-decap --db "$tmp/inv2.db" -r "$tmp/tun.pcap" >"$tmp/servers2.txt" 2>/dev/null
check "servers --no-decap: the tunnels stay closed" \
	'! grep -q "^172\.16\.0\.1 " "$tmp/servers2.txt" && ! grep -q "via " "$tmp/servers2.txt"'

# watch opens tunnels as servers does: each inner server raises a new-server
# alert whose evidence is the one servers -r lists (its tunnel named).
alert_via() { sed -nE 's/.* new-server ([^ ]+) ([a-z]+)\/([0-9]+) .*; (via .*)$/\1 \2 \3 \4/p' "$1" | sort; }
"$np" watch -r "$tmp/tun.pcap" --db "$tmp/w.db" --alerts "$tmp/w.alerts" 2>"$tmp/w.err"
check "watch -r: a new-server alert for the DNS server inside the PPTP call, via its tunnel" \
	'grep -qE "new-server 172\.16\.0\.1 udp/53 dns: .*evidence payload:dns.*; via pptp 192\.0\.2\.31>192\.0\.2\.32 call 7$" "$tmp/w.alerts"'
alert_via "$tmp/w.alerts" >"$tmp/via.watch"
check "watch -r: every inner server alerted with the evidence servers -r lists ($(wc -l <"$tmp/via.watch") of $(wc -l <"$tmp/via.r"))" \
	'[ "$(wc -l <"$tmp/via.r")" = 7 ] && cmp -s "$tmp/via.r" "$tmp/via.watch"'
"$np" watch -r "$tmp/tun.pcap" --db "$tmp/wj.db" --alerts "$tmp/wj.alerts" --format json 2>/dev/null
check "watch --format json: the alert's evidence names the tunnel" 'python3 - "$tmp/wj.alerts" <<EOF
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
hit = [r for r in rows if "172.16.0.1" in json.dumps(r)]
assert hit and any("via pptp 192.0.2.31>192.0.2.32 call 7" in json.dumps(r) for r in hit), rows
EOF'
if command -v sqlite3 >/dev/null; then
	check "watch: the inventory keeps the tunnel in the server's evidence" \
		'sqlite3 "$tmp/w.db" "select evidence from servers where address = '"'"'172.16.0.1'"'"' and port = 53" |
		 grep -q "; via pptp 192.0.2.31>192.0.2.32 call 7"'
fi
"$np" watch -r "$tmp/tun.pcap" --no-decap --db "$tmp/wn.db" --alerts "$tmp/wn.alerts" 2>/dev/null
check "watch --no-decap: the tunnels stay closed (no alert for an inner server)" \
	'! grep -q " 172\.16\.0\.1 " "$tmp/wn.alerts" && ! grep -q "via " "$tmp/wn.alerts"'
# watch --listen: the inner records an exporter sends (flows --decap --export).
free_port() {
	python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
listen_alerts() { # listen_alerts NAME [OPTIONS]: watch --listen fed the --decap records; alerts in $tmp/NAME.alerts
	local name=$1 port wpid
	shift
	port=$(free_port)
	"$np" watch --listen "udp://127.0.0.1:$port" --db "$tmp/$name.db" --alerts "$tmp/$name.alerts" --commit 1 "$@" \
		2>"$tmp/$name.err" &
	wpid=$!
	for _ in $(seq 600); do
		grep -q "^listening on" "$tmp/$name.err" 2>/dev/null && break
		sleep 0.05
	done
	"$np" flows --decap -r "$tmp/tun.pcap" --export "udp://127.0.0.1:$port" >/dev/null 2>&1
	for _ in $(seq 100); do # the records, then a commit (--commit 1)
		[ "$(alert_via "$tmp/$name.alerts" 2>/dev/null | wc -l)" -ge 7 ] && break
		sleep 0.1
	done
	sleep 1.5
	kill -TERM $wpid 2>/dev/null
	wait $wpid
}
listen_alerts wl
alert_via "$tmp/wl.alerts" >"$tmp/via.listen"
check "watch --listen: the inner records of flows --decap --export alerted, each via its tunnel ($(wc -l <"$tmp/via.listen") of 7)" \
	'cmp -s "$tmp/via.r" "$tmp/via.listen"'
listen_alerts wln --no-decap
check "watch --listen --no-decap: inner records left out" \
	'[ -f "$tmp/wln.alerts" ] && ! grep -q " 172\.16\.0\.1 " "$tmp/wln.alerts" && ! grep -q "via " "$tmp/wln.alerts"'
finish
