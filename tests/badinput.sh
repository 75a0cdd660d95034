#!/usr/bin/env bash
# badinput.sh - bad input gives a clear message, the right exit status, no
# crash, and loses nothing: missing and unreadable files, files that are
# not captures, captures cut off mid-record, unknown link types, bad
# options and filters, an output that cannot be written. Where tcpdump has
# an answer (exit status, packets printed before the fault) it is the oracle.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" badinput

# run NAME CMD...: keeps stdout, stderr and status in $tmp/NAME.*
run() {
	local name=$1
	shift
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}
rc() { cat "$tmp/$1.rc"; }

expect_error() { # name expected-rc stderr-regex
	local name=$1 want=$2 re=$3
	if [ "$(rc "$name")" != "$want" ]; then
		bad "$name: exit $(rc "$name"), want $want"
	elif ! grep -Eq "$re" "$tmp/$name.err"; then
		bad "$name: stderr does not match /$re/: $(head -c 300 "$tmp/$name.err")"
	elif grep -Eq "AddressSanitizer|runtime error|Segmentation" "$tmp/$name.err"; then
		bad "$name: sanitizer or crash report"
	else
		ok
	fi
}

# A small capture to damage: the demo capture, or the generator's.
src=$here/data/demo.pcap
if [ ! -f "$src" ]; then
	"$here/build/gen_capture" -n 50 -o "$tmp/src.pcap" >/dev/null 2>&1
	src=$tmp/src.pcap
fi

run missing "$np" decode -r "$tmp/no-such-file.pcap"
expect_error missing 1 "no-such-file.pcap.*(No such file|such file)"

printf 'this is not a capture file, just text\n' >"$tmp/text.pcap"
run notcap "$np" decode -r "$tmp/text.pcap"
expect_error notcap 1 "text.pcap.*(unknown file format|bad dump file format)"

: >"$tmp/empty0.pcap"
run empty0 "$np" decode -r "$tmp/empty0.pcap"
run empty0_td tcpdump -n -r "$tmp/empty0.pcap"
expect_error empty0 "$(rc empty0_td)" "empty0.pcap"

if [ "$(id -u)" = 0 ]; then
	skip "unreadable file: root reads any file, so the case cannot be staged here"
else
	cp "$src" "$tmp/noread.pcap" && chmod 000 "$tmp/noread.pcap"
	run noread "$np" decode -r "$tmp/noread.pcap"
	expect_error noread 1 "noread.pcap.*Permission denied"
fi

# Cut off in the middle of a record: every packet before the cut is printed,
# exactly as tcpdump prints it, and the status is tcpdump's.
size=$(stat -c %s "$src")
for cut in 30 $((size / 2 + 3)) $((size - 5)); do
	head -c "$cut" "$src" >"$tmp/cut.pcap"
	run cut "$np" decode -n -r "$tmp/cut.pcap"
	TZ=GMT0 tcpdump -n -r "$tmp/cut.pcap" >"$tmp/cut_td.out" 2>/dev/null
	echo $? >"$tmp/cut_td.rc"
	TZ=GMT0 "$np" decode -n -r "$tmp/cut.pcap" >"$tmp/cut.out" 2>"$tmp/cut.err"
	echo $? >"$tmp/cut.rc"
	if ! cmp -s "$tmp/cut.out" "$tmp/cut_td.out"; then
		bad "cut at $cut: packets before the fault differ from tcpdump's"
	elif [ "$(rc cut)" != "$(rc cut_td)" ]; then
		bad "cut at $cut: exit $(rc cut), tcpdump $(rc cut_td)"
	elif [ "$(rc cut)" != 0 ] && ! grep -q "cut.pcap" "$tmp/cut.err"; then
		bad "cut at $cut: message does not name the file: $(cat "$tmp/cut.err")"
	else
		ok
	fi
done

# A link type we have no printer for (LINKTYPE_USER0 = 147).
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x93\x00\x00\x00' >"$tmp/user0.pcap"
printf '\x01\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x04\x00\x00\x00abcd' >>"$tmp/user0.pcap"
# tcpdump prints such a frame as UNSUPPORTED and a hex dump, with any option.
for opts in "-n" "-n -e -v" "-n -x" "-n -XX"; do
	# shellcheck disable=SC2086
	TZ=GMT0 tcpdump $opts -r "$tmp/user0.pcap" >"$tmp/user0_td.out" 2>/dev/null
	# shellcheck disable=SC2086
	TZ=GMT0 run user0 "$np" decode $opts -r "$tmp/user0.pcap"
	if [ "$(rc user0)" != 0 ]; then
		bad "user0 $opts: exit $(rc user0): $(head -c 300 "$tmp/user0.err")"
	elif ! cmp -s "$tmp/user0.out" "$tmp/user0_td.out"; then
		bad "user0 $opts: differs from tcpdump: $(head -c 300 "$tmp/user0.out")"
	else
		ok
	fi
done
run user0c "$np" decode --style=classic -r "$tmp/user0.pcap"
expect_error user0c 1 "user0.pcap.*does not print link type"

run badopt "$np" decode -r "$src" --no-such-option
expect_error badopt 1 "Try 'netprofile decode --help'"

run badfilter "$np" decode -r "$src" "port nonsense and"
expect_error badfilter 1 "filter"

run badcount "$np" decode -r "$src" -c 0
expect_error badcount 1 "invalid packet count"

run noinput "$np" decode
expect_error noinput 1 "no input"

run badcmd "$np" frobnicate
expect_error badcmd 1 "unknown command"

# Output that cannot be written: an error and a failing status, not silence.
"$np" decode -r "$src" >/dev/full 2>"$tmp/full.err"
echo $? >"$tmp/full.rc"
expect_error full 1 "cannot write output"

# Filter and -c work and -w writes a capture tcpdump reads back identically:
# the packets tcpdump itself picks with -c 5 tcp.
"$np" decode -r "$src" -w "$tmp/w.pcap" -c 5 tcp 2>/dev/null
TZ=GMT0 tcpdump -n -r "$tmp/w.pcap" >"$tmp/w.out" 2>/dev/null
TZ=GMT0 tcpdump -n -r "$src" -c 5 tcp >"$tmp/w_td.out" 2>/dev/null
if [ "$(wc -l <"$tmp/w.out")" = 5 ] && cmp -s "$tmp/w.out" "$tmp/w_td.out"; then ok; else bad "-w/-c/filter"; fi

# Hostile nesting: 2,000 IPv4-in-IPv4 headers, and 1,500 IPv4-in-GRE
# layers, in one 64 KiB packet each: no crash (the ASan run of this suite
# says so) and, with tcpdump as the oracle, the same text; flows counts them.
python3 - "$tmp/nest.pcap" <<'PY'
import struct, sys
def ip4(proto, payload):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, (20 + len(payload)) & 0xffff, 1, 0, 64, proto, 0,
                       bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + payload
inner = ip4(17, struct.pack("!HHHH", 1, 2, 12, 0) + b"abcd")
p1 = p2 = inner
for _ in range(2000):
    p1 = ip4(4, p1)
for _ in range(1500):
    p2 = ip4(47, struct.pack("!HH", 0, 0x0800) + p2)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 101))
    for p in (p1[:65535], p2[:65535]):
        f.write(struct.pack("<IIII", 1, 0, len(p), len(p)) + p)
PY
for opts in -n -nv; do
	run "nest$opts" "$np" decode $opts -r "$tmp/nest.pcap"
	tcpdump $opts -r "$tmp/nest.pcap" >"$tmp/nest-td.out" 2>/dev/null
	if [ "$(rc "nest$opts")" = 0 ] && cmp -s "$tmp/nest$opts.out" "$tmp/nest-td.out" &&
		! grep -Eq "AddressSanitizer|runtime error" "$tmp/nest$opts.err"; then ok; else bad "deep nesting ($opts): differs from tcpdump or crashed"; fi
done
run nestflows "$np" flows -r "$tmp/nest.pcap" --format csv
if [ "$(rc nestflows)" = 0 ] && grep -q "2 packets read" "$tmp/nestflows.err"; then ok; else bad "deep nesting: flows"; fi

summary
