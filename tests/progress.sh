#!/usr/bin/env bash
# progress.sh - the progress line of a file read (--progress, --no-progress),
# under a pseudo-terminal (util-linux `script`) and without one.
#
# On a terminal, a capture over 32 MB read by flows, servers, decode -w and
# watch -r shows the line on standard error (carriage returns, ended by its
# final state and a newline) and standard output is byte for byte what it is
# without a terminal; a small file shows none; --no-progress shows none;
# stderr that is not a terminal gets none, unless --progress forces it (one
# line per update then). A slow pipe gives updates before the end. The
# packet count it shows is the count the summary gives. Runs against
# $NETPROFILE.
. "$(dirname "$0")/lib/suite.sh" progress
[ -x "$np" ] || abort "$np is not built"
command -v script >/dev/null || skip_all "script missing (Debian package bsdutils)"
gen=$here/build/gen_capture
[ -x "$gen" ] || abort "$gen is not built (make)"

big=$tmp/big.pcap
"$gen" -n 100000 -o "$big" >/dev/null 2>&1
size=$(stat -c %s "$big")
check "the generated capture is over 32 MB ($size bytes)" '[ "$size" -gt 33554432 ]'

# on_tty NAME COMMAND...: run COMMAND with stderr (only) on a pseudo-terminal;
# stdout to $tmp/NAME.out, the terminal's text to $tmp/NAME.tty.
on_tty() {
	local name=$1
	shift
	local cmd
	printf -v cmd '%q ' "$@"
	script -qfec "$cmd >$tmp/$name.out" "$tmp/$name.tty" >/dev/null 2>&1 </dev/null
}
# A progress line: "NAME: 12.3 MB of 42.8 MB (29%), 31.2k packets, ..."
line_re='big\.pcap: [0-9.]+ [kMG]?B of [0-9.]+ MB \([0-9]+%\), [0-9.]+k? packets, [0-9.]+[kM]? packets/s, [0-9.]+ [kMG]?B/s'

on_tty flows "$np" flows -r "$big" --format csv
"$np" flows -r "$big" --format csv >"$tmp/flows.plain" 2>"$tmp/flows.err"
tr '\r' '\n' <"$tmp/flows.tty" >"$tmp/flows.lines"
check "flows on a terminal: the line, rewritten in place (CR, erase to the end), ending at 100%: $(tr '\r\033' '|^' <"$tmp/flows.tty" | grep -a 'packets/s' | head -c 300)" \
	"grep -aEq '^$line_re' '$tmp/flows.lines' && grep -aEq '^big\.pcap: [0-9.]+ MB of [0-9.]+ MB \(100%\), 100\.0k packets, .* in [0-9]+s' '$tmp/flows.lines' && grep -aq \$'\rbig.pcap: ' '$tmp/flows.tty' && grep -aq \$'\033\\[K' '$tmp/flows.tty'"
check "flows on a terminal: standard output is what it is without one (and has no progress text)" \
	"cmp -s '$tmp/flows.out' '$tmp/flows.plain' && ! grep -q 'packets/s' '$tmp/flows.out'"
check "flows without a terminal: no progress line on stderr" "! grep -q 'packets/s' '$tmp/flows.err' && [ -s '$tmp/flows.err' ]"

on_tty noprog "$np" flows -r "$big" --format csv --no-progress
check "flows --no-progress on a terminal: no line" "! grep -aq 'packets/s' '$tmp/noprog.tty' && grep -aq 'flows written' '$tmp/noprog.tty'"

on_tty small "$np" flows -r "$here/data/demo.pcap"
check "a small file on a terminal: no line" "! grep -aq 'packets/s' '$tmp/small.tty' && grep -aq 'flows written' '$tmp/small.tty'"

"$np" flows --progress -r "$here/data/demo.pcap" >/dev/null 2>"$tmp/forced.err"
n=$(grep -c 'packets/s' "$tmp/forced.err")
check "--progress without a terminal: one plain line (no CR, no escape), 46 packets as the summary says: $(head -c 200 "$tmp/forced.err" | tr '\r\033' '|^')" \
	"[ '$n' = 1 ] && grep -q '^demo.pcap: 5.58 kB of 5.58 kB (100%), 46 packets, .* in [0-9]*s\$' '$tmp/forced.err' && grep -q '^flows: 46 packets read' '$tmp/forced.err' && ! grep -q \$'[\r\033]' '$tmp/forced.err'"

on_tty servers "$np" servers -r "$big" --db "$tmp/inv.db" --alerts /dev/null
check "servers -r on a terminal: the line" "grep -aEq '$line_re' '$tmp/servers.tty' && grep -aq '(100%), 100.0k packets' '$tmp/servers.tty'"
check "servers -r on a terminal: the inventory on stdout, no progress text in it" \
	"grep -q '^ADDRESS' '$tmp/servers.out' && ! grep -q 'packets/s' '$tmp/servers.out'"

on_tty decodew "$np" decode -r "$big" -w "$tmp/copy.pcap"
check "decode -r -w on a terminal: the line; the copy is whole" \
	"grep -aq '(100%), 100.0k packets' '$tmp/decodew.tty' && cmp -s <(tcpdump -n -r '$tmp/copy.pcap' 2>/dev/null | md5sum) <(tcpdump -n -r '$big' 2>/dev/null | md5sum)"

on_tty decode "$np" decode -c 20000 -r "$big"
"$np" decode -c 20000 -r "$big" >"$tmp/decode.plain" 2>/dev/null
check "decode -c 20000 on a terminal: the line stops at 20000 packets; stdout as without a terminal" \
	"grep -aq ', 20.0k packets, ' '$tmp/decode.tty' && cmp -s '$tmp/decode.out' '$tmp/decode.plain'"

on_tty watch "$np" watch -r "$big" --db "$tmp/watch.db" --alerts /dev/null
check "watch -r on a terminal: the line" "grep -aq '(100%), 100.0k packets' '$tmp/watch.tty'"

# A slow pipe: the size is unknown (no share, no time left), and lines come
# before the end. Not a terminal here, so forced, one line per update.
{ head -c 4000000 "$big"; sleep 1.5; tail -c +4000001 "$big"; } |
	"$np" flows --progress -r - --format csv >/dev/null 2>"$tmp/pipe.err"
updates=$(grep -c 'packets/s' "$tmp/pipe.err")
check "a slow pipe: updates before the end ($updates lines), no bytes nor share from a pipe, the last one says 100.0k packets: $(grep 'packets/s' "$tmp/pipe.err" | head -2 | tr '\n' '|')" \
	"[ '$updates' -ge 2 ] && ! grep -q '%' '$tmp/pipe.err' && grep 'packets/s' '$tmp/pipe.err' | tail -1 | grep -q '^standard input: 100.0k packets, [0-9.]*k packets/s in [0-9]*s\$'"
finish
