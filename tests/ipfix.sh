#!/usr/bin/env bash
# ipfix.sh - IPFIX out and in, checked by the real readers and writers:
# libfixbuf-tools' ipfixDump reads every record of our files (and of a TCP
# export) with the fields our CSV has; nfdump's nfcapd collects our UDP
# export and nfdump's per-flow packets, bytes, start and end equal our
# CSV; a file
# written and read back gives the same records; YAF 2.16.4's own IPFIX
# (../shared/corpus/yaf, three layouts) reads as ipfixDump reads it, field
# for field, and gives the same servers; a cut-off file gives the records
# before the cut and an error naming the file. Where /opt/yaf/bin/yaf is
# built, YAF is run on more captures.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" ipfix
command -v ipfixDump > /dev/null || abort "ipfixDump not found (libfixbuf-tools; scripts/install-deps.sh)"
command -v python3 > /dev/null || abort "python3 not found"
conv=$here/tests/lib/ipfixdump_csv.py
corpus=$here/../shared/corpus/yaf
gen=$here/build/gen_capture
F=sIP,dIP,sPort,dPort,protocol,packets,bytes,initialFlags,sessionFlags,sTime,eTime,endReason

caps=("$here/data/demo.pcap")
if [ -x "$gen" ] && "$gen" -n 20000 --seed 12 -o "$tmp/gen.pcap" > /dev/null 2>&1; then
	caps+=("$tmp/gen.pcap")
else
	bad "gen_capture could not make a capture"
fi
[ -d "$corpus" ] && caps+=("$corpus/mix20k.pcap")

# What ipfixDump reads in an IPFIX file, as our CSV (sorted; the reverse
# end time, which YAF has no element for, left out).
dump_csv() { # file [--uniflow]
	ipfixDump -y -d --in "$1" 2> /dev/null | python3 "$conv" ${2:-} | cut -d, -f1-17 | sort
}
our_csv() { # flows args...
	"$np" flows "$@" --format csv --fields "$F" 2> /dev/null | cut -d, -f1-17 | sort
}

# ---- export, read by ipfixDump ------------------------------------------------------------
for cap in "${caps[@]}"; do
	n=$(basename "$cap" .pcap)
	"$np" flows -r "$cap" --format ipfix -o "$tmp/$n.ipfix" 2> /dev/null || bad "$n: --format ipfix failed"
	our_csv -r "$cap" > "$tmp/$n.want"
	dump_csv "$tmp/$n.ipfix" > "$tmp/$n.dump"
	recs=$(($(wc -l < "$tmp/$n.want") - 1))
	check "$n: ipfixDump reads $recs records, field for field as our CSV" \
		'[ "$recs" -gt 0 ] && cmp -s "$tmp/$n.want" "$tmp/$n.dump"'
	"$np" flows -r "$cap" --format ipfix --uniflow -o "$tmp/$n.u.ipfix" 2> /dev/null
	check "$n: --uniflow export, ipfixDump reads one record per direction" \
		'cmp -s <(our_csv -r "$cap" --uniflow | cut -d, -f1-11 | sort) <(dump_csv "$tmp/$n.u.ipfix" --uniflow | cut -d, -f1-11 | sort)'
	# round trip: written and read back, the same CSV (default fields, and all fields)
	check "$n: flows --flows F.ipfix --format csv equals flows -r --format csv" \
		'cmp -s <("$np" flows -r "$cap" --format csv 2>/dev/null) <("$np" flows --flows "$tmp/$n.ipfix" --format csv)'
	all=sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,initialFlags,sessionFlags,sTime,eTime,duration,endReason,application,vlan
	check "$n: round trip keeps every field (times to the microsecond, end reason, application, vlan)" \
		'cmp -s <("$np" flows -r "$cap" --format csv --fields $all 2>/dev/null) <("$np" flows --flows "$tmp/$n.ipfix" --format csv --fields $all)'
	# (but for the end reason: IPFIX has one "end detected" for FIN and RST,
	# and a one-way record without the RST cannot tell which)
	check "$n: a uniflow file read back and paired gives the biflows" \
		'cmp -s <(cut -d, -f1-11,13- "$tmp/$n.want") <(our_csv --flows "$tmp/$n.u.ipfix" | cut -d, -f1-11,13-)'
done

# standard output carries the IPFIX and nothing else
"$np" flows -r "$here/data/demo.pcap" --format ipfix > "$tmp/stdout.ipfix" 2> /dev/null
check "--format ipfix without -o: standard output is the IPFIX file" \
	'cmp -s "$tmp/stdout.ipfix" "$tmp/demo.ipfix"'

# ---- from a pipe: the kind told from the first bytes, the input read once ---------------------
"$np" flows -r "$here/data/demo.pcap" --format csv > "$tmp/pipe.want" 2> /dev/null
for spec in - /dev/stdin; do
	check "cat F.ipfix | flows --flows $spec: the records flows -r gives" \
		'cmp -s "$tmp/pipe.want" <(cat "$tmp/demo.ipfix" | "$np" flows --flows $spec --format csv 2>/dev/null)'
done
check "cat F.csv | flows --flows -: the records the file gives by name" \
	'cmp -s <("$np" flows --flows "$tmp/pipe.want" --format csv 2>/dev/null) <(cat "$tmp/pipe.want" | "$np" flows --flows - --format csv 2>/dev/null)'
rm -f "$tmp/pipe.db" "$tmp/file.db"
cat "$tmp/demo.ipfix" | "$np" servers --flows - --db "$tmp/pipe.db" > /dev/null 2>&1
"$np" servers -r "$here/data/demo.pcap" --db "$tmp/file.db" > /dev/null 2>&1
check "cat F.ipfix | servers --flows -: the servers servers -r gives" \
	'[ -n "$("$np" servers --db "$tmp/file.db" --format csv 2>/dev/null | cut -d, -f1-3 | tail -n +2)" ] &&
	 cmp -s <("$np" servers --db "$tmp/file.db" --format csv 2>/dev/null | cut -d, -f1-3) <("$np" servers --db "$tmp/pipe.db" --format csv 2>/dev/null | cut -d, -f1-3)'

# ---- export over UDP to nfcapd, over TCP to a listener read by ipfixDump ---------------------
port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# nfcapd_collect NAME OUT CMD...: run CMD (its "PORT" replaced by a port
# nfcapd listens on, on 127.0.0.1) and write what nfdump reads of the
# collected flows to OUT, one sorted line per flow: addresses, ports
# (TCP/UDP), packets, bytes, reverse packets, reverse bytes; and to
# OUT.times, for TCP and UDP flows, addresses, ports, start and end (to
# the millisecond, as nfdump prints them). CMD's status is returned.
nfcapd_collect() {
	local name=$1 out=$2 p pid rc f
	shift 2
	mkdir -p "$tmp/nfc.$name"
	p=$(port)
	nfcapd -w "$tmp/nfc.$name" -p "$p" -b 127.0.0.1 > "$tmp/nfcapd.$name.log" 2>&1 &
	pid=$!
	# wait until it listens (a loaded machine starts it slowly), at most 10 s
	for _ in $(seq 50); do
		ss -Hlun "sport = :$p" 2> /dev/null | grep -q . && break
		sleep 0.2
	done
	sleep 0.5
	"${@//PORT/$p}"
	rc=$?
	sleep 1
	kill "$pid"
	wait "$pid" 2> /dev/null
	f=$(ls "$tmp/nfc.$name"/nfcapd.* 2> /dev/null | head -1)
	nfdump -r "$f" -q -o csv 2> /dev/null |
		awk -F, '{ if ($8 != "TCP" && $8 != "UDP") { $6 = 0; $7 = 0 } print $4","$5","$6","$7","$12","$13","$14","$15 }' |
		sort > "$out"
	nfdump -6 -r "$f" -q -o "fmt:%pr,%sa,%da,%sp,%dp,%ts,%te" 2> /dev/null | tr -d ' ' |
		awk -F, -v OFS=, '$1 == "TCP" || $1 == "UDP" { print $2, $3, $4, $5, $6, $7 }' | sort > "$out.times"
	return $rc
}

# A burst larger than a collector's socket buffer is lost over UDP (nfcapd
# counts it), so the capture sent is a small one: every flow must arrive.
if command -v nfcapd > /dev/null && command -v nfdump > /dev/null && [ -x "$gen" ]; then
	"$gen" -n 4000 --seed 12 -o "$tmp/small.pcap" > /dev/null 2>&1
	for mode in biflow uniflow; do
		uni=()
		[ $mode = uniflow ] && uni=(--uniflow)
		nfcapd_collect $mode "$tmp/nf.got" bash -c '"$1" flows -r "$2" "${@:3}" --format csv > "$0"' \
			"$tmp/nf.csv" "$np" "$tmp/small.pcap" "${uni[@]}" --export udp://127.0.0.1:PORT 2> /dev/null
		awk -F, -v OFS=, -v uni=$mode 'NR > 1 { if ($5 != 6 && $5 != 17) { $3 = 0; $4 = 0 }
			if (uni == "uniflow") { $14 = 0; $15 = 0 }
			print $1, $2, $3, $4, $6, $7, ($14 == "" ? 0 : $14), ($15 == "" ? 0 : $15) }' "$tmp/nf.csv" |
			sort > "$tmp/nf.want.$mode"
		recs=$(wc -l < "$tmp/nf.want.$mode")
		check "nfcapd ($mode UDP export): nfdump's $recs flows have our packets and bytes" \
			'[ "$recs" -gt 0 ] && cmp -s "$tmp/nf.want.$mode" "$tmp/nf.got"'
		# (nfdump 1.7 once took our reverseFlowStart/EndMilliseconds for the
		# flow's own times: 1970 for one-way flows)
		awk -F, -v OFS=, 'NR > 1 && ($5 == 6 || $5 == 17) { s = $11; e = $12; sub("T", "", s); sub("Z", "", s)
			sub("T", "", e); sub("Z", "", e); print $1, $2, $3, $4, s, e }' "$tmp/nf.csv" | sort > "$tmp/nf.want.times"
		check "nfcapd ($mode UDP export): nfdump's TCP/UDP flows start and end when ours do" \
			'[ -s "$tmp/nf.want.times" ] && cmp -s "$tmp/nf.want.times" "$tmp/nf.got.times"'
	done
	# watch --export: the sensor feeds the collector while it profiles
	nfcapd_collect watch "$tmp/nf.watch" "$np" watch -r "$tmp/small.pcap" --db "$tmp/watch.db" \
		--export udp://127.0.0.1:PORT > /dev/null 2>&1
	wrc=$?
	check "watch --export: nfcapd gets every flow, with our packets and bytes" \
		'[ $wrc -eq 0 ] && cmp -s "$tmp/nf.want.biflow" "$tmp/nf.watch"'
	# Template refresh over UDP: a collector started after the exporter
	# decodes what comes next only because the templates are sent again.
	# The capture comes through a FIFO: a copy of demo.pcap, the same 120 s
	# later (the first copy's flows end idle and go to a closed port with
	# the templates), a pause, nfcapd starts, then a third copy 120 s later.
	python3 - "$here/data/demo.pcap" "$tmp/refresh1.pcap" "$tmp/refresh2.pcap" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
recs, o = [], 24
while o + 16 <= len(d):
    ts, us, cl, ol = struct.unpack('<IIII', d[o:o + 16])
    recs.append((ts, us, cl, ol, d[o + 16:o + 16 + cl]))
    o += 16 + cl
copy = lambda shift: b''.join(struct.pack('<IIII', ts + shift, us, cl, ol) + x for ts, us, cl, ol, x in recs)
open(sys.argv[2], 'wb').write(d[:24] + copy(0) + copy(120))
open(sys.argv[3], 'wb').write(copy(240))
PY
	late_collector() { # REFRESH_S -> records nfdump reads
		local r=$1 p epid npid
		p=$(port)
		rm -rf "$tmp/late.$r" "$tmp/late.$r.fifo"
		mkdir -p "$tmp/late.$r"
		mkfifo "$tmp/late.$r.fifo"
		"$np" flows -r "$tmp/late.$r.fifo" --idle-timeout 60 --export udp://127.0.0.1:$p --template-refresh "$r" \
			--format csv -o /dev/null > /dev/null 2>&1 &
		epid=$!
		exec 4> "$tmp/late.$r.fifo"
		cat "$tmp/refresh1.pcap" >&4
		sleep 2
		nfcapd -w "$tmp/late.$r" -p "$p" -b 127.0.0.1 > /dev/null 2>&1 4>&- &
		npid=$!
		sleep 1.5
		cat "$tmp/refresh2.pcap" >&4
		exec 4>&-
		wait "$epid"
		sleep 1
		kill "$npid"
		wait "$npid" 2> /dev/null
		nfdump -r "$(ls "$tmp/late.$r"/nfcapd.* | head -1)" -q -o csv 2> /dev/null | grep -c '^[0-9]'
	}
	got=$(late_collector 1)
	none=$(late_collector 3600)
	check "template refresh (UDP): nfcapd started after the exporter decodes the $got flows that end later (16 at least; $none without the refresh)" \
		'[ "$got" -ge 16 ] && [ "$none" -eq 0 ]'
else
	echo "ipfix: nfcapd/nfdump not found, UDP export not checked against nfcapd"
fi

p=$(port)
python3 - "$p" "$tmp/tcp.ipfix" "$tmp/tcp.ready" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); s.settimeout(20)
open(sys.argv[3], "w").close()
c, _ = s.accept()
with open(sys.argv[2], "wb") as out:
    while True:
        b = c.recv(65536)
        if not b:
            break
        out.write(b)
PY
lpid=$!
for _ in $(seq 50); do [ -e "$tmp/tcp.ready" ] && break; sleep 0.1; done
"$np" flows -r "$here/data/demo.pcap" --export "tcp://127.0.0.1:$p" > /dev/null 2>&1
wait "$lpid"
check "TCP export: ipfixDump reads the stream a collector received, as the file" \
	'cmp -s <(dump_csv "$tmp/tcp.ipfix") "$tmp/demo.dump"'
"$np" flows -r "$here/data/demo.pcap" --export "tcp://127.0.0.1:1" > /dev/null 2> "$tmp/refused.err"
check "TCP export to a closed port: exit status and one line naming the collector" \
	'[ $? -ne 0 ] || grep -q "IPFIX export" "$tmp/refused.err"'

# ---- a cut-off file -----------------------------------------------------------------------------
big=$tmp/$(basename "${caps[-1]}" .pcap).ipfix
size=$(stat -c %s "$big")
head -c $((size / 2 + 7)) "$big" > "$tmp/cut.ipfix"
"$np" flows --flows "$tmp/cut.ipfix" --format csv > "$tmp/cut.csv" 2> "$tmp/cut.err"
rc=$?
"$np" flows --flows "$big" --format csv > "$tmp/full.csv" 2> /dev/null
got=$(($(wc -l < "$tmp/cut.csv") - 1))
check "cut-off IPFIX file: exit status 1 and an error naming the file" \
	'[ $rc -eq 1 ] && grep -q "cut.ipfix: cut off at byte" "$tmp/cut.err"'
check "cut-off IPFIX file: the $got records before the cut are written, as the whole file has them" \
	'[ "$got" -gt 0 ] && [ "$got" -lt $(($(wc -l < "$tmp/full.csv") - 1)) ] &&
	 [ -z "$(comm -23 <(sort "$tmp/cut.csv") <(sort "$tmp/full.csv"))" ]'

# ---- templates libfixbuf would loop on --------------------------------------------------------
# A withdrawn template, and one whose fields all have length 0, each followed
# by a data set with it; then a good template and record: the reader must end
# and give that record (libfixbuf alone never leaves such a data set).
python3 - "$tmp/hostile.ipfix" <<'PY'
import struct, sys
def msg(sets, seq):
    body = b''.join(sets)
    return struct.pack('!HHIII', 10, 16 + len(body), 1700000000, seq, 1) + body
def tset(tid, fields):
    body = struct.pack('!HH', tid, len(fields)) + b''.join(struct.pack('!HH', ie, n) for ie, n in fields)
    return struct.pack('!HH', 2, 4 + len(body)) + body
def dset(tid, data):
    return struct.pack('!HH', tid, 4 + len(data)) + data
good = [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (2, 8), (1, 8), (152, 8), (153, 8)]
row = bytes([10, 9, 0, 1, 10, 9, 0, 2]) + struct.pack('!HHBQQQQ', 40000, 22, 6, 3, 180, 1700000000000, 1700000000500)
out = msg([tset(300, good), tset(300, [])], 0) + msg([dset(300, b'\0' * 16)], 0)
out += msg([tset(301, [(8, 0), (12, 0)]), dset(301, b'\0' * 8)], 0)
out += msg([tset(302, good), dset(302, row)], 0)
open(sys.argv[1], 'wb').write(out)
PY
timeout 20 "$np" flows --flows "$tmp/hostile.ipfix" --format csv > "$tmp/hostile.csv" 2> /dev/null
rc=$?
check "withdrawn and zero-length templates: the reader ends and reads the good record" \
	'[ $rc -ne 124 ] && grep -q "^10.9.0.1,10.9.0.2,40000,22,6,3,180," "$tmp/hostile.csv"'

# ---- YAF's own IPFIX ------------------------------------------------------------------------------
servers_of() { # servers args... -> address,protocol,port,flows,packets,bytes,clients
	rm -f "$tmp/s.db"
	"$np" servers "$@" --db "$tmp/s.db" --format csv 2> /dev/null | grep -v '^ALERT' | cut -d, -f1-3,5-8 | sort
}
yaf_checks() { # capture ipfix-file layout
	local cap=$1 f=$2 layout=$3 n
	n=$(basename "$f")
	if [ "$layout" = uniflow ]; then
		check "$n: our records are YAF's, field for field (as ipfixDump reads them)" \
			'cmp -s <(dump_csv "$f" --uniflow | cut -d, -f1-12 | sort) <(our_csv --flows "$f" --uniflow | cut -d, -f1-12 | sort)'
	else
		check "$n: our records are YAF's, field for field (as ipfixDump reads them)" \
			'cmp -s <(dump_csv "$f") <(our_csv --flows "$f")'
	fi
	local recs
	recs=$(($("$np" flows --flows "$f" --format csv | wc -l) - 1))
	check "$n: $recs records read" '[ "$recs" -gt 0 ]'
	# YAF meters the outer view: servers -r without the tunnels opened.
	servers_of -r "$cap" --no-decap > "$tmp/s.pcap"
	servers_of --flows "$f" > "$tmp/s.yaf"
	# TCP servers come from the handshake, which the records carry: the same
	# as from packets. UDP servers the packets' payload names (which side
	# asked) can differ; from the same records without payload they agree.
	check "$n: servers --flows gives the TCP servers servers -r gives" \
		'[ -s "$tmp/s.pcap" ] && cmp -s <(grep ",tcp," "$tmp/s.pcap") <(grep ",tcp," "$tmp/s.yaf")'
	"$np" flows -r "$cap" --format csv > "$tmp/ours.csv" 2> /dev/null
	check "$n: servers --flows gives every server our own records of the capture give" \
		'cmp -s <(servers_of --flows "$tmp/ours.csv") "$tmp/s.yaf"'
	local udp_diff
	udp_diff=$(diff <(grep ",udp," "$tmp/s.pcap") <(grep ",udp," "$tmp/s.yaf") | grep -c '^[<>]')
	echo "ipfix: $n: $(wc -l < "$tmp/s.yaf") servers, UDP rows differing from servers -r (payload evidence): $udp_diff"
}
if [ -d "$corpus" ]; then
	for c in demo mix20k; do
		yaf_checks "$corpus/$c.pcap" "$corpus/$c.yaf.ipfix" biflow
		yaf_checks "$corpus/$c.pcap" "$corpus/$c.yaf-silk.ipfix" silk
		yaf_checks "$corpus/$c.pcap" "$corpus/$c.yaf-uniflow.ipfix" uniflow
	done
else
	echo "ipfix: $corpus not found, YAF's IPFIX not checked"
fi

yaf=/opt/yaf/bin/yaf
if [ -x "$yaf" ]; then
	for cap in "$here/data/demo.pcap" "$tmp/gen.pcap"; do
		[ -f "$cap" ] || continue
		n=$(basename "$cap" .pcap)
		"$yaf" --in "$cap" --out "$tmp/$n.yaf.ipfix" > /dev/null 2>&1 || {
			bad "yaf could not read $n"
			continue
		}
		yaf_checks "$cap" "$tmp/$n.yaf.ipfix" biflow
	done
else
	echo "ipfix: $yaf not built, YAF not run on more captures (it cannot be fetched here)"
fi

finish
