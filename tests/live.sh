#!/usr/bin/env bash
# live.sh - live capture counts every packet (issue 11): Debian's tcpreplay
# sends a generated capture at a modest fixed rate through a veth pair
# between two network namespaces the test creates (np11-t-*, IPv6 off so the
# kernel adds no packets), and
#   - `flows -i` counts every packet the far end received (its rx_packets
#     counter), says 0 dropped by the kernel, and gives the flows `flows -r`
#     gives for the same capture (keys, packets, bytes, flags, end reason,
#     application; not times, which are the replay's);
#   - `watch -i --commit 1 --rotate 1`, replayed across a minute boundary
#     (several commits and a flow-file rotation), writes flow files whose
#     packets and bytes add up to the capture's, and counts every packet;
#   - `decode -i -w` writes every packet.
# Functional, not timed. Needs root, network namespaces and tcpreplay;
# skipped with a message otherwise. Runs against $NETPROFILE (the ASan
# build under tests/run.sh).
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" live
gen=$here/build/gen_capture
snd=np11-t-snd-$$ rcv=np11-t-rcv-$$
pids=()

cleanup() {
	exec 2>/dev/null
	for p in "${pids[@]}"; do kill -KILL "$p"; done
	for n in $snd $rcv; do
		for p in $(ip netns pids "$n"); do kill -KILL "$p"; done
		ip netns del "$n"
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

skip() {
	echo "live: skipped: $*"
	finish
}
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
command -v tcpreplay >/dev/null || skip "tcpreplay missing (scripts/install-deps.sh installs it)"
[ -x "$gen" ] || skip "no $gen (make)"
ip netns add $snd 2>/dev/null && ip netns add $rcv 2>/dev/null || skip "cannot create network namespaces"
ip link add np11ts netns $snd type veth peer name np11tr netns $rcv || skip "cannot create a veth pair"
for x in "$snd np11ts" "$rcv np11tr"; do
	# shellcheck disable=SC2086
	set -- $x
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 "net.ipv6.conf.$2.disable_ipv6=1"
	ip -n "$1" link set "$2" up
done
chmod 755 "$tmp"
out=$tmp/out
mkdir -p "$out" && chmod 777 "$out" # written after root is dropped
cap=$tmp/mix.pcap
n=20000
"$gen" -n $n --seed 11 -o "$cap" >/dev/null || abort "gen_capture failed"

rx() { ip netns exec $rcv cat /sys/class/net/np11tr/statistics/rx_packets; }
replay() { ip netns exec $snd tcpreplay -q -i np11ts --pps "$1" "$cap" >"$tmp/replay.out" 2>&1; }
# wait up to 5 s for the "listening on" line in $1
ready() {
	for _ in $(seq 50); do
		grep -qs "^listening on" "$1" && return 0
		sleep 0.1
	done
	return 1
}
# stop PID: SIGINT, then its exit status
stop() {
	kill -INT "$1"
	wait "$1"
}
no_crash() { ! grep -q "Sanitizer\|runtime error" "$1"; }
fields=sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,endReason,application

# ---- flows -i against flows -r -------------------------------------------------------------------
"$np" flows -r "$cap" --format csv --fields $fields -o "$tmp/file.csv" 2>/dev/null
ip netns exec $rcv "$np" flows -i np11tr --format csv --fields $fields -o "$out/live.csv" 2>"$tmp/flows.err" &
pid=$!
pids+=("$pid")
if ready "$tmp/flows.err"; then
	before=$(rx)
	replay 10000
	sleep 1
	got=$(($(rx) - before))
	stop "$pid"
	st=$?
	check "flows -i: exit 0 on SIGINT (status $st)" '[ "$st" = 0 ] && no_crash "$tmp/flows.err"'
	check "flows -i: the far end received all $n packets ($got)" '[ "$got" = $n ]'
	check "flows -i: counts every packet, none dropped: $(grep '^flows:' "$tmp/flows.err")" \
		'grep -q "^flows: $n packets read, .* $n packets received by filter, 0 dropped by kernel$" "$tmp/flows.err"'
	check "flows -i: the flows of flows -r ($(($(wc -l <"$tmp/file.csv") - 1)) records; $(sort "$out/live.csv" | diff - <(sort "$tmp/file.csv") | grep -c '^[<>]') lines differ)" \
		'[ "$(wc -l <"$tmp/file.csv")" -gt 100 ] && sort "$out/live.csv" | cmp -s - <(sort "$tmp/file.csv")'
else
	bad "flows -i did not start: $(head -n 2 "$tmp/flows.err")"
fi

# ---- decode -i -w ---------------------------------------------------------------------------------
ip netns exec $rcv "$np" decode -i np11tr -w "$out/live.pcap" 2>"$tmp/decode.err" &
pid=$!
pids+=("$pid")
if ready "$tmp/decode.err"; then
	replay 20000
	sleep 1
	stop "$pid"
	st=$?
	written=$(tcpdump -r "$out/live.pcap" -n 2>/dev/null | wc -l)
	check "decode -i -w: exit 0, every packet written ($written), 0 dropped: $(tr '\n' ' ' <"$tmp/decode.err" | cut -c1-200)" \
		'[ "$st" = 0 ] && [ "$written" = $n ] && grep -q "^$n packets received by filter" "$tmp/decode.err" &&
		 grep -q "^0 packets dropped by kernel" "$tmp/decode.err" && no_crash "$tmp/decode.err"'
else
	bad "decode -i did not start: $(head -n 2 "$tmp/decode.err")"
fi

# ---- watch -i across commits and a flow-file rotation ---------------------------------------------------
# The replay lasts 4 s at 5000 packets a second; started 2 s before a minute
# boundary, its flows end in two --rotate 1 periods.
sum_csv() { # files... -> "packets bytes" of both directions
	awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ p += $c["packets"] + $c["reversePackets"]; b += $c["bytes"] + $c["reverseBytes"] }
		END { print p + 0, b + 0 }' "$@"
}
want=$(sum_csv "$tmp/file.csv")
mkdir -p "$out/flows" && chmod 777 "$out/flows"
ip netns exec $rcv "$np" watch -i np11tr --db "$tmp/inv.db" --flows-out "$out/flows" --rotate 1 --commit 1 \
	--alerts "$tmp/alerts" 2>"$tmp/watch.err" &
pid=$!
pids+=("$pid")
if ready "$tmp/watch.err"; then
	s=$(date +%-S)
	sleep $(((118 - s) % 60))
	replay 5000
	sleep 2
	stop "$pid"
	st=$?
	nfiles=$(find "$out/flows" -name 'flows-*.csv' | wc -l)
	check "watch -i: exit 0 on SIGINT (status $st)" '[ "$st" = 0 ] && no_crash "$tmp/watch.err"'
	check "watch -i: every packet counted, none dropped: $(grep '^watch:' "$tmp/watch.err")" \
		'grep -q "^watch: $n packets ($n received, 0 dropped by the kernel)" "$tmp/watch.err"'
	check "watch -i: the flow files rotated ($nfiles files)" '[ "$nfiles" -ge 2 ]'
	check "watch -i: the flow files' packets and bytes are the capture's ($want): $(sum_csv "$out"/flows/flows-*.csv)" \
		'[ "$(sum_csv "$out"/flows/flows-*.csv)" = "$want" ]'
	check "watch -i: the inventory holds servers, and alerts were told" \
		'[ "$(sqlite3 "$tmp/inv.db" "SELECT count(*) FROM servers")" -gt 10 ] && [ -s "$tmp/alerts" ]'
else
	bad "watch -i did not start: $(head -n 2 "$tmp/watch.err")"
fi
finish
