#!/usr/bin/env bash
# seed_tables.sh - `netprofile servers --flows` on every table of the seed
# article (tests/data/seed/NAME.txt, copied as printed, typos included, and
# NAME-noflags.txt, the same table with its FLAGS column deleted) gives the
# servers the article's prose names (NAME.expected, written by hand: one
# "address,protocol,port,service,ties" a line, '#' comments say why).
# Each table is run three ways: with flags, with flags and --no-flags, and
# without the FLAGS column. Then the reader itself: the CSV, JSON lines and
# text that `netprofile flows` writes (biflow and --uniflow) give the same
# servers as the capture they came from; the whole article read as one file
# (prose between the tables) gives every table's servers; files that are no
# flow table fail with a message naming the file; damaged input never
# crashes.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" seed_tables
data=$here/tests/data/seed
article=$here/../shared/seeds/baseline-network-flow-examples.txt
demo=$here/data/demo.pcap

# servers CSV on stdin -> sorted "address,protocol,port,service,ties"
server_set() {
	python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    print(",".join([r["address"], r["protocol"], r["port"], r["service"], r["ties"]]))' | LC_ALL=C sort
}

# run_servers OUT ARGS... : a fresh inventory each time; alerts kept apart.
run_servers() {
	out=$1
	shift
	rm -f "$tmp"/db "$tmp"/db-*
	"$np" servers --db "$tmp/db" --format csv --alerts "$tmp/alerts" "$@" >"$out" 2>"$tmp/err"
}

# ---- the article's tables --------------------------------------------------------

for exp in "$data"/*.expected; do
	name=$(basename "$exp" .expected)
	want=$(grep -v '^#' "$exp" | grep -v '^[[:space:]]*$' | LC_ALL=C sort)
	for run in "$name.txt" "$name.txt --no-flags" "$name-noflags.txt"; do
		set -- $run
		file=$data/$1
		shift
		if [ ! -f "$file" ]; then
			bad "$run: no such table"
			continue
		fi
		if ! run_servers "$tmp/out" --flows "$file" "$@"; then
			bad "$run: netprofile failed: $(head -n 3 "$tmp/err")"
			continue
		fi
		got=$(server_set <"$tmp/out")
		if [ "$got" = "$want" ]; then
			ok
		else
			bad "$run: servers differ from $name.expected"
			diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
		fi
	done
done

# ---- the reader ------------------------------------------------------------------------

addr_set() { # servers CSV on stdin -> sorted "address,protocol,port"
	server_set | cut -d, -f1-3
}

if [ -f "$demo" ]; then
	run_servers "$tmp/want" -r "$demo" || bad "servers -r demo.pcap failed"
	want=$(addr_set <"$tmp/want")
	[ -n "$want" ] || bad "servers -r demo.pcap found no servers"
	for variant in "csv" "json" "csv --uniflow" "json --uniflow" "text" \
		"csv --fields sIP,dIP,sPort,dPort,protocol,packets,bytes,initialFlags,sessionFlags,sTime,eTime,endReason,vlan"; do
		set -- $variant
		fmt=$1
		shift
		"$np" flows -r "$demo" --format "$fmt" "$@" >"$tmp/flows" 2>/dev/null
		if ! run_servers "$tmp/out" --flows "$tmp/flows"; then
			bad "flows --format $variant read back: netprofile failed: $(head -n 3 "$tmp/err")"
			continue
		fi
		got=$(addr_set <"$tmp/out")
		if [ "$got" != "$want" ]; then
			bad "flows --format $variant read back: servers differ from the capture's"
			diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
		elif [ -s "$tmp/err" ]; then
			bad "flows --format $variant read back: warnings on netprofile's own output: $(head -n 2 "$tmp/err")"
		else
			ok
		fi
	done
	# With initialFlags the handshake is evidence again.
	if grep -q handshake "$tmp/out"; then ok; else bad "initialFlags read back: no handshake evidence"; fi
fi

if [ -f "$article" ]; then
	want=$(cat "$data"/*.expected | grep -v '^#' | grep -v '^[[:space:]]*$' | cut -d, -f1-3 | LC_ALL=C sort -u)
	if run_servers "$tmp/out" --flows "$article"; then
		got=$(addr_set <"$tmp/out")
		if [ "$got" = "$want" ]; then ok; else
			bad "the whole article as one file: servers differ from the tables'"
			diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
		fi
		if grep -q "not a flow record" "$tmp/err"; then ok; else bad "the article's prose lines raise no warning"; fi
	else
		bad "the whole article as one file: netprofile failed: $(head -n 3 "$tmp/err")"
	fi
fi

# Not a flow table: exit status 1, one message naming the file.
printf 'Just some prose.\nNo table here.\n' >"$tmp/prose.txt"
printf '{"name": "not a flow"}\n' >"$tmp/other.json"
printf 'a,b,c\n1,2,3\n' >"$tmp/other.csv"
for f in "$tmp/prose.txt" "$tmp/other.json" "$tmp/other.csv" ${demo:+"$demo"} "$tmp/missing"; do
	run_servers "$tmp/out" --flows "$f"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "$f" "$tmp/err"; then ok; else
		bad "$(basename "$f"): not a flow table, yet exit $rc / message: $(head -n 2 "$tmp/err")"
	fi
done

# Typos the reader must report with file and line.
t=$data/ntp-fedora.txt
run_servers "$tmp/out" --flows "$t"
if grep -q "ntp-fedora.txt:1: the header names SPORT twice" "$tmp/err"; then ok; else bad "SPORT twice: no warning"; fi
run_servers "$tmp/out" --flows "$data/ftp-active-fedora.txt"
if grep -q "ftp-active-fedora.txt:5: destination 10.10.0.1" "$tmp/err"; then ok; else bad "self-addressed row: no warning"; fi
run_servers "$tmp/out" --flows "$data/ntp-windows.txt"
if grep -q "ntp-windows.txt:3: protocol 17 (UDP) from port 0 to port 771" "$tmp/err"; then ok; else
	bad "ICMP typed as UDP: no warning"
fi

# Damaged input: whatever it is, exit 0 or 1, never a crash (ASan aborts).
hdr='SIP DIP SPORT DPORT PROTOCOL PACKETS BYTES FLAGS STIME DUR'
{
	echo "$hdr"
	echo '10.0.0.1 10.0.0.2 1 2 6 1 1 FSXPA 99:99:99.999 -1'
	echo '10.0.0.1 10.0.0.2 99999 2 6 99999999999 184467440737095516160 F 00:00.000 1e9'
	echo '10.0.0.1 ::1 1 2 6 1 1 F 00:00.000 1'
	echo '300.0.0.1 10.0.0.2 1 2 6'
	echo '10.0.0.1'
	echo '10.0.0.1 10.0.0.2 1 2 tcp 1 1 S 2024/13/45T25:61:61.000 0.5'
	echo '10.0.0.1 10.0.0.2 1 2 6 1 1 S 2024-03-01T12:00:00.123+05:30 99999999999999999999'
	echo '10.0.0.1 10.0.0.1 1 1 17 1 1 00:00.000'
	echo 'FLOW FLOW SIP SIP SPORT SPORT'
	echo '1 1 10.0.0.1 10.0.0.2 5 6'
	echo "$hdr"
	head -c 200000 /dev/zero | tr '\0' 'x'
	echo
	printf '10.0.0.1 10.0.0.2 1 2 6 1 1 \001\002 00:00.000\n'
} >"$tmp/damaged.txt"
{
	echo 'sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,sTime,duration,reversePackets,reverseBytes'
	echo '"10.0.0.1","10.0.0.2",1,2,6,1,1,"S",2024-03-01T12:00:00Z,1,1,1'
	echo '"10.0.0.1,10.0.0.2,1,2,6'
	echo ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,'
	echo '10.0.0.1,10.0.0.2,1,2,6,1,1,S,2024-03-01T12:00:00Z,1,x,1'
} >"$tmp/damaged.csv"
{
	echo '{"sIP":"10.0.0.1","dIP":"10.0.0.2","sPort":1,"dPort":2,"protocol":6,"packets":1}'
	echo '{"sIP":"10.0.0.1\u0000","dIP":"10.0.0.2","protocol":6,"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}'
	echo '{"sIP":"10.0.0.1","dIP":"10.0.0.2","protocol":6,"flags":"\ud800\'
	echo '{"sIP":'
	echo '{"sIP":"10.0.0.1","dIP":"10.0.0.2","protocol":6,"reversePackets":1,"reverseSTime":"bad"}'
} >"$tmp/damaged.json"
head -c 65536 /dev/urandom >"$tmp/random.bin" 2>/dev/null
{
	echo "$hdr"
	head -c 65536 /dev/urandom | tr -c '0-9.: FSPAR\n' ' '
} >"$tmp/random.txt"
for f in damaged.txt damaged.csv damaged.json random.bin random.txt; do
	run_servers "$tmp/out" --flows "$tmp/$f"
	rc=$?
	if [ "$rc" -le 1 ]; then ok; else bad "$f: exit $rc (crash?): $(tail -n 3 "$tmp/err")"; fi
done
for f in damaged.txt damaged.csv damaged.json; do
	run_servers "$tmp/out" --flows "$tmp/$f"
	if grep -q "$f:[0-9]" "$tmp/err"; then
		ok
	else
		bad "$f: no warning naming the file and line"
	fi
done

summary
