#!/usr/bin/env bash
# flows.sh - `netprofile flows` keeps every packet and byte, follows the
# YAF/SiLK conventions the seed article shows, and is deterministic.
# Totals are checked against tcpdump's own reading of the same capture.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" flows
gen=$here/build/gen_capture
demo=$here/data/demo.pcap

"$gen" -n 20000 --seed 5 -o "$tmp/mix.pcap" >/dev/null 2>&1 || bad "generator"

# IP packets and IP bytes, as tcpdump -v reads them (IPv4 "length N" of the
# header summary; IPv6 payload length + 40).
ip_totals() {
	TZ=GMT0 tcpdump -n -v -r "$1" 'ip or ip6' 2>/dev/null | python3 -c '
import re, sys
pk = by = 0
for line in sys.stdin:
    m = re.match(r"^\S+ IP \(.*?proto .*?, length (\d+)", line)
    if m:
        pk += 1; by += int(m.group(1)); continue
    m = re.match(r"^\S+ IP6 \(.*?payload length: (\d+)\)", line)
    if m:
        pk += 1; by += 40 + int(m.group(1))
print(pk, by)'
}

flow_totals() { # csv on stdin -> "packets bytes"
	python3 -c '
import csv, sys
pk = by = 0
for r in csv.DictReader(sys.stdin):
    pk += int(r["packets"]) + int(r.get("reversePackets") or 0)
    by += int(r["bytes"]) + int(r.get("reverseBytes") or 0)
print(pk, by)'
}

for cap in "$demo" "$tmp/mix.pcap"; do
	name=$(basename "$cap")
	want=$(ip_totals "$cap")
	got=$("$np" flows -r "$cap" --format csv 2>/dev/null | flow_totals)
	check "$name: packets and IP bytes of all flows ($got) equal tcpdump's ($want)" '[ "$got" = "$want" ]'
	got=$("$np" flows -r "$cap" --format csv --uniflow 2>/dev/null | flow_totals)
	check "$name: --uniflow keeps the totals ($got vs $want)" '[ "$got" = "$want" ]'
	got=$("$np" flows -r "$cap" --format csv --max-flows 3 2>"$tmp/err" | flow_totals)
	check "$name: a full table ends flows early but loses nothing ($got vs $want)" '[ "$got" = "$want" ]'
	check "$name: evictions are counted" 'grep -Eq "[1-9][0-9]* evicted" "$tmp/err"'
	got=$("$np" flows -r "$cap" --format csv --idle-timeout 1 --active-timeout 2 2>/dev/null | flow_totals)
	check "$name: short timeouts split flows but lose nothing ($got vs $want)" '[ "$got" = "$want" ]'
	"$np" flows -r "$cap" --format json >"$tmp/run1.json" 2>/dev/null
	"$np" flows -r "$cap" --format json >"$tmp/run2.json" 2>/dev/null
	# (not empty: two empty outputs would agree and parse)
	check "$name: the same file gives the same flows every run" '[ -s "$tmp/run1.json" ] && cmp -s "$tmp/run1.json" "$tmp/run2.json"'
	check "$name: every JSON line parses" \
		'python3 -c "import json,sys; sys.exit(0 if [json.loads(l) for l in sys.stdin] else 1)" <"$tmp/run1.json"'
done

# The seed's conventions on the demo capture of real traffic.
"$np" flows -r "$demo" --format csv --fields sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,initialFlags,sessionFlags,endReason >"$tmp/demo.csv" 2>/dev/null
check "CSV header uses SiLK's names and RFC 5103's reverse prefix" \
	'head -1 "$tmp/demo.csv" | grep -q "^sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,initialFlags,sessionFlags,endReason,reversePackets,reverseBytes,reverseFlags,reverseInitialFlags,reverseSessionFlags$"'
check "ICMP port unreachable has dport 771" 'grep -q ",0,771,1," "$tmp/demo.csv"'
check "HTTP over IPv4: client SYN first, FIN close, flags FSPA both ways" \
	'grep -Eq "^10\.77\.0\.1,10\.77\.0\.2,[0-9]+,80,6,[0-9]+,[0-9]+,FSPA,S,FPA,fin,[0-9]+,[0-9]+,FSPA,SA,FPA$" "$tmp/demo.csv"'
check "DNS answers pair with their query (biflow forward = first sender)" \
	'grep -Eq "^10\.77\.0\.1,10\.77\.0\.2,[0-9]+,53,17,1,[0-9]+,,,,eof,1,[0-9]+,,,$" "$tmp/demo.csv"'
"$np" flows -r "$demo" >"$tmp/demo.txt" 2>/dev/null
check "text output has the seed's header" \
	'head -1 "$tmp/demo.txt" | grep -Eq "^SIP +DIP +SPORT +DPORT +PROTOCOL +PACKETS +BYTES +FLAGS +STIME +DUR$"'
check "a bad field name is refused" '! "$np" flows -r "$demo" --fields sIP,nonsense >/dev/null 2>&1'
check "a missing file fails with its name" \
	'! "$np" flows -r "$tmp/none.pcap" 2>"$tmp/e" && grep -q none.pcap "$tmp/e"'
# A capture cut mid-record: flows read before the fault are still written.
head -c 3000 "$demo" >"$tmp/cut.pcap"
"$np" flows -r "$tmp/cut.pcap" --format csv >"$tmp/cut.csv" 2>"$tmp/cut.err"
rc=$?
check "cut capture: non-zero exit, file named, flows still written" \
	'[ $rc -ne 0 ] && grep -q cut.pcap "$tmp/cut.err" && [ "$(wc -l <"$tmp/cut.csv")" -gt 1 ]'

# Text columns stay aligned on every line, also where the output buffer is
# written out in the middle of a line (every 64 KiB or so): each field of a
# line whose addresses fit their columns starts where its header does.
"$np" flows -r "$tmp/mix.pcap" >"$tmp/mix.txt" 2>/dev/null
misaligned=$(python3 - "$tmp/mix.txt" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
starts = [m.start() for m in re.finditer(r"\S+", lines[0])]
bad = 0
for line in lines[1:]:
    fields = line.split()
    if len(fields) < 2 or len(fields[0]) > 15 or len(fields[1]) > 15:
        continue  # an IPv6 address wider than its column shifts the rest
    got = [m.start() for m in re.finditer(r"\S+", line)]
    # FLAGS is empty for UDP/ICMP: compare the columns that are there
    if not set(got) <= set(starts):
        bad += 1
print(bad)
PY
)
check "text: every line's columns start under their headers ($misaligned lines misaligned, of $(wc -l <"$tmp/mix.txt"))" \
	'[ "$misaligned" = 0 ] && [ "$(wc -l <"$tmp/mix.txt")" -gt 2000 ]'

# Standard input from a pipe that goes quiet: SIGINT stops the run at once,
# and the flows read so far are written (a pipe is read on the main thread,
# not by the file reader's second thread, which a signal could not wake).
mkfifo "$tmp/fifo"
( cat "$demo"; exec sleep 30 ) >"$tmp/fifo" &
writer=$!
"$np" flows -r - --format csv <"$tmp/fifo" >"$tmp/pipe.csv" 2>/dev/null &
pid=$!
# Signal once it handles SIGINT (bit 1 of SigCgt: a background job starts
# with SIGINT ignored, and a signal sent before the handler is lost).
for _ in $(seq 100); do
	cgt=$(awk '/^SigCgt:/ { print $2 }' /proc/$pid/status 2>/dev/null)
	[ -n "$cgt" ] && (((16#$cgt & 2) != 0)) && break
	sleep 0.1
done
sleep 0.2
t0=$(date +%s%N)
kill -INT $pid 2>/dev/null
wait $pid
prc=$?
took=$((($(date +%s%N) - t0) / 1000000))
kill $writer 2>/dev/null
wait $writer 2>/dev/null
check "a quiet pipe: SIGINT ends the run within 10 s, not the writer's 30 ($took ms), exit 0, flows written" \
	'[ $took -lt 10000 ] && [ $prc = 0 ] && [ "$(wc -l <"$tmp/pipe.csv")" -gt 5 ]'

summary
