#!/usr/bin/env bash
# refresh.sh - `watch --refresh`: what flows still open only nudge is written
# less often, and nothing of it is lost. A capture replayed with a commit
# every second leaves the same inventory (every table) and the same alerts
# whatever the refresh interval (0: every commit, 1 s, the default 60 s),
# since the flows' ends bring their counts and times (this capture has no
# row that only open flows name: a decision that changes when its flow
# ends would leave such a row with its first last seen); and the client rows'
# first and last seen are the times of the packets tcpdump reads between
# client and server. (The rules batch by batch: tests/unit/test_sent.c.)
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" refresh
command -v sqlite3 >/dev/null || abort "sqlite3 is needed (apt-get install sqlite3)"
command -v tcpdump >/dev/null || abort "tcpdump is needed (apt-get install tcpdump)"
[ -x "$np" ] || abort "$np is not built (run make)"
gen=$here/build/gen_capture
[ -x "$gen" ] || abort "$gen is not built (run make)"
"$gen" -n 200000 --seed 3 -o "$tmp/mix.pcap" >/dev/null 2>&1 || abort "gen_capture failed"

tables() { # DB: every table of the inventory, in a fixed order
	for t in servers clients server_sensors alerts meta devices; do
		echo "== $t"
		sqlite3 "$1" "SELECT * FROM $t ORDER BY 1,2,3,4,5" 2>&1
	done
}

for r in 0 1 60; do
	opt=(--refresh "$r")
	[ "$r" = 60 ] && opt=()
	"$np" watch -r "$tmp/mix.pcap" --commit 1 "${opt[@]}" --db "$tmp/r$r.db" --alerts "$tmp/r$r.alerts" \
		>/dev/null 2>"$tmp/r$r.err"
	st=$?
	check "--refresh $r: exit $st ($(head -n 2 "$tmp/r$r.err"))" '[ "$st" = 0 ]'
	tables "$tmp/r$r.db" >"$tmp/r$r.tables"
done
rows=$(sqlite3 "$tmp/r60.db" "SELECT COUNT(*) FROM clients")
check "the default refresh: $rows client rows, $(grep -c . "$tmp/r60.alerts") alerts" \
	'[ "$rows" -gt 5000 ] && [ "$(grep -c . "$tmp/r60.alerts")" -gt 1000 ]'
for r in 1 60; do
	check "--refresh $r leaves the inventory --refresh 0 leaves (every table)" \
		'cmp -s "$tmp/r0.tables" "$tmp/r$r.tables"'
	check "--refresh $r raises the alerts --refresh 0 raises" 'cmp -s "$tmp/r0.alerts" "$tmp/r$r.alerts"'
done

# tcpdump's times of each (server address, port, client) pair of plain TCP
# (tunnels left out), in milliseconds as the inventory keeps them: both
# ways, as either end may be the server.
tcpdump -n -tt -r "$tmp/mix.pcap" 'tcp and not (ip proto 4 or ip proto 47 or ip6 proto 41)' 2>/dev/null |
	awk '$2 == "IP" || $2 == "IP6" {
		s = $3; d = $5; sub(/:$/, "", d)
		sa = s; sub(/\.[0-9]+$/, "", sa); sp = substr(s, length(sa) + 2)
		da = d; sub(/\.[0-9]+$/, "", da); dp = substr(d, length(da) + 2)
		split($1, t, "."); ms = t[1] * 1000 + int(t[2] / 1000)
		k[1] = da "|" dp "|" sa; k[2] = sa "|" sp "|" da
		for (i = 1; i <= 2; i++) {
			if (!(k[i] in f) || ms < f[k[i]]) f[k[i]] = ms
			if (ms > l[k[i]]) l[k[i]] = ms
		}
	}
	END { for (x in f) printf "%s|%.0f|%.0f\n", x, f[x], l[x] }' >"$tmp/pairs"
sqlite3 "$tmp/r60.db" "SELECT address||'|'||port||'|'||client||'|'||
	(strftime('%s', substr(first_seen, 1, 19)) * 1000 + substr(first_seen, 21, 3))||'|'||
	(strftime('%s', substr(last_seen, 1, 19)) * 1000 + substr(last_seen, 21, 3))
	FROM clients WHERE protocol = 'tcp'" >"$tmp/rows"
# rows found among tcpdump's pairs; outside their packets' times; equal to them
read -r found outside exact < <(awk -F'|' 'NR == FNR { f[$1 "|" $2 "|" $3] = $4; l[$1 "|" $2 "|" $3] = $5; next }
	{ x = $1 "|" $2 "|" $3; if (!(x in f)) next; n++
	  if ($4 < f[x] || $5 > l[x]) out++; else if ($4 == f[x] && $5 == l[x]) same++ }
	END { print n + 0, out + 0, same + 0 }' "$tmp/pairs" "$tmp/rows")
check "client rows (tcp) against tcpdump: $found found, $outside outside their packets' times" \
	'[ "$found" -gt 5000 ] && [ "$outside" = 0 ]'
# A client's conversations that never got past the handshake are not its
# flows, so a few rows end before the pair's last packet.
check "client rows (tcp) against tcpdump: $exact of $found first and last seen exactly the pair's packets" \
	'[ $((exact * 100)) -ge $((found * 99)) ]'

# --quiet-after reads the servers' last seen: those stay exact. Server
# 10.0.0.53 answers for 30 s on one flow still open, 10.0.0.54 for 130 s:
# one gone-quiet alert for .53, once it has been silent 60 s by tcpdump's
# times, not earlier (a lagging last seen) nor twice.
python3 - "$tmp/quiet.pcap" <<'PY'
import struct, sys
def udp(src, dst, sp, dp):
    ip = lambda a: bytes(int(x) for x in a.split("."))
    u = struct.pack("!HHHH", sp, dp, 8 + 4, 0) + b"\0" * 4
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, ip(src), ip(dst))
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + h + u
pkts = []
t0 = 1700000000.0
for j in range(30):
    pkts += [(t0 + j, udp("10.0.0.1", "10.0.0.53", 40001, 53)), (t0 + j + 0.01, udp("10.0.0.53", "10.0.0.1", 53, 40001))]
for j in range(130):
    pkts += [(t0 + j + 0.5, udp("10.0.0.2", "10.0.0.54", 40002, 53)), (t0 + j + 0.51, udp("10.0.0.54", "10.0.0.2", 53, 40002))]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for t, d in sorted(pkts, key=lambda p: p[0]):
        us = round(t * 1e6)
        f.write(struct.pack("<IIII", us // 1000000, us % 1000000, len(d), len(d)) + d)
PY
"$np" watch -r "$tmp/quiet.pcap" --quiet-after 60s --db "$tmp/quiet.db" --alerts "$tmp/quiet.alerts" >/dev/null 2>&1
last=$(tcpdump -n -tt -r "$tmp/quiet.pcap" host 10.0.0.53 2>/dev/null | tail -n 1 | cut -d' ' -f1)
told=$(grep -c 'gone-quiet 10.0.0.53 ' "$tmp/quiet.alerts")
at=$(grep -m 1 'gone-quiet 10.0.0.53 ' "$tmp/quiet.alerts" | cut -d' ' -f2)
at_s=$(date -u -d "$(echo "$at" | sed 's/Z$//; s/T/ /')" +%s.%N 2>/dev/null)
check "--quiet-after: 10.0.0.53 told quiet once ($told), at $at, 60 s or more after its last packet ($last)" \
	'[ "$told" = 1 ] && [ -n "$at_s" ] && awk -v a="$at_s" -v l="$last" "BEGIN { exit !(a - l >= 60) }"'
check "--quiet-after: 10.0.0.54, busy to the end, never told quiet" '! grep -q "gone-quiet 10.0.0.54 " "$tmp/quiet.alerts"'

# Flows silent across many commits (tests/lib/silent_ftp.py): an SSH
# session, an FTP control session whose data connections open while it is
# silent, with a commit every second. Nothing of them is lost or counted
# twice (tcpdump's counts and times); the data connections are tied to the
# control session, not servers of their own; and the server's ties stay
# bounded (each commit's list was once appended to the stored one).
python3 "$here/tests/lib/silent_ftp.py" "$tmp/silent.pcap" || abort "silent_ftp.py failed"
for c in 1 3600; do
	"$np" watch -r "$tmp/silent.pcap" --commit "$c" --db "$tmp/s$c.db" >/dev/null 2>&1
	tables "$tmp/s$c.db" >"$tmp/s$c.tables"
done
ssh_pkts=$(tcpdump -n -r "$tmp/silent.pcap" 'tcp port 22' 2>/dev/null | grep -c .)
ssh_last=$(tcpdump -n -tt -r "$tmp/silent.pcap" 'tcp port 22' 2>/dev/null | tail -n 1 | cut -d' ' -f1 | cut -c 1-14)
row=$(sqlite3 "$tmp/s1.db" "SELECT flows||' '||packets||' '||clients||' '||
	strftime('%s', substr(last_seen, 1, 19))||substr(last_seen, 20, 4) FROM servers
	WHERE address = '10.0.1.80' AND protocol = 'tcp' AND port = 22")
check "--commit 1, SSH silent 39 s: 1 flow, $ssh_pkts packets, 1 client, last seen $ssh_last (got: $row)" \
	'[ "$row" = "1 $ssh_pkts 1 $ssh_last" ]'
ties=$(sqlite3 "$tmp/s1.db" "SELECT ties FROM servers WHERE address = '10.0.1.21' AND port = 21")
check "--commit 1, FTP control silent when its data connection opens: tied ($ties), no server of its own" \
	'echo "$ties" | grep -q "ftp-data:active/20" && [ "$(sqlite3 "$tmp/s1.db" "SELECT COUNT(*) FROM servers WHERE port IN (20, 41000)")" = 0 ]'
# Its 30 passive data connections, one a second: each port once, from
# tcpdump's, and the list bounded (it grew by every commit's list before).
tcpdump -n -r "$tmp/silent.pcap" 'dst host 10.0.1.21 and tcp[13] == 2 and not dst port 21' 2>/dev/null |
	sed 's/.*10\.0\.1\.21\.\([0-9]*\):.*/\1/' | sort -u >"$tmp/dports"
echo "$ties" | tr ',' '\n' | grep passive | sed 's|.*/||' | sort >"$tmp/tports"
check "--commit 1: the FTP server's ties ($(echo -n "$ties" | wc -c) bytes) name each passive port once, each one tcpdump saw, and end in ',...'" \
	'[ "$(echo -n "$ties" | wc -c)" -lt 128 ] && echo "$ties" | grep -q ",\.\.\.$" && [ -z "$(uniq -d "$tmp/tports")" ] &&
	 [ -z "$(comm -23 "$tmp/tports" "$tmp/dports")" ] && [ "$(wc -l <"$tmp/tports")" -ge 4 ]'
check "--commit 1 leaves the servers and clients one commit at the end leaves" \
	'cmp -s <(sed -n "/^== servers/,/^== server_sensors/p" "$tmp/s1.tables") <(sed -n "/^== servers/,/^== server_sensors/p" "$tmp/s3600.tables")'

# Wrong values are refused with a message.
"$np" watch -r "$tmp/mix.pcap" --refresh x --db "$tmp/x.db" >/dev/null 2>"$tmp/bad.err"
st=$?
check "--refresh x: usage error naming the option (exit $st: $(head -n 1 "$tmp/bad.err"))" \
	'[ "$st" = 1 ] && grep -q "refresh interval .x." "$tmp/bad.err"'
finish
