#!/usr/bin/env bash
# watch.sh - `netprofile watch` survives the faults it must survive (issue 7):
#   kill -9 at a random moment; a SYN flood of a million distinct flows
#   (memory bounded by --max-flows, flows evicted and written, not dropped);
#   a full disk and a flow directory removed mid-run; the interface going
#   down or away; capture time going backwards or years ahead; SIGINT,
#   SIGTERM, SIGHUP and SIGUSR1; root dropped (and capabilities, when run
#   with them) with the inventory still written.
# Live cases run in two network namespaces the test creates (addresses of
# TEST-NET-1 inside them only); they, and the small filesystems, need root
# and are skipped with a message otherwise. Runs against $NETPROFILE (the
# ASan+UBSan build under tests/run.sh) with a smaller flood there.
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" watch
gen=$here/build/gen_capture
pids=() mounts=() netns=()

cleanup() {
	local p m n
	exec 2>/dev/null
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	for n in "${netns[@]}"; do
		for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
		ip netns del "$n" 2>/dev/null
	done
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

skip() { echo "skip: $*"; }

is_root=false
[ "$(id -u)" = 0 ] && is_root=true
sanitized=false
ldd "$np" 2>/dev/null | grep -q libasan && sanitized=true

# Wait up to $1 tenths of a second for the command after it to succeed.
wait_for() {
	local n=$1 i
	shift
	for ((i = 0; i < n; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
nonempty() { [ -s "$1" ]; }
# Wait for pid $2 to end, up to $1 tenths of a second; its status in $st.
wait_end() {
	local n=$1 pid=$2 i
	for ((i = 0; i < n; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		st=timeout
		kill -KILL "$pid" 2>/dev/null
		{ wait "$pid"; } 2>/dev/null
	else
		wait "$pid"
		st=$?
	fi
}
# paced_watch ERR ARGS...: watch replays paced.pcap at its own pace in the
# background, stderr to ERR; its pid in $pid (killed at exit if still there).
paced_watch() {
	local err=$1
	shift
	"$np" watch -r "$tmp/paced.pcap" --pace "$@" >/dev/null 2>"$err" &
	pid=$!
	pids+=("$pid")
}
integrity() { sqlite3 "$1" 'PRAGMA integrity_check' 2>&1; }
no_crash() { ! grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|Aborted' "$1"; }
# "time kind address proto/port" of every alert line printed, and of every stored alert.
printed_alerts() { cat "$@" 2>/dev/null | awk '/^ALERT /{print $2, $3, $4, $5}' | sort; }
stored_alerts() { sqlite3 "$1" "SELECT time||' '||kind||' '||address||' '||protocol||'/'||port FROM alerts" | sort; }
# Is every line of file $1 in file $2?
subset() { [ -z "$(comm -23 "$1" "$2")" ]; }
flow_rows() { cat "$1"/flows-*.csv 2>/dev/null | grep -vc '^sIP,'; }
stat_field() { # stderr-file words: the number before "words" in the last statistics line
	grep '^watch: ' "$1" | tail -n 1 | grep -Eo "[0-9]+ $2" | grep -Eo '^[0-9]+'
}

"$gen" -n 200000 --seed 3 -o "$tmp/mix.pcap" >/dev/null 2>&1 || bad "gen_capture"
"$gen" -n 100000 --seed 21 -o "$tmp/paced.pcap" >/dev/null 2>&1 # ~3 s of capture time

# ---- kill -9 at a random moment ----------------------------------------------
# Each round replays a new capture into the same inventory and is killed a
# random 0-200 ms after its first commit. Every alert printed was committed
# (alerts are told after their transaction commits), every row a reader saw
# just before the kill is still there, and the file is sound.
db=$tmp/kill.db
for round in 1 2 3; do
	"$gen" -n 600000 --seed $((40 + round)) -o "$tmp/kill.pcap" >/dev/null 2>&1
	"$np" watch -r "$tmp/kill.pcap" --db "$db" --commit 1 --alerts "$tmp/kill$round.alerts" \
		>/dev/null 2>"$tmp/kill$round.err" &
	pid=$!
	pids+=("$pid")
	wait_for 200 nonempty "$tmp/kill$round.alerts"
	sleep "0.$(printf '%03d' $((RANDOM % 200)))"
	sqlite3 "$db" "SELECT address||'/'||protocol||'/'||port FROM servers" 2>/dev/null | sort >"$tmp/kill$round.before"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	st=$?
	check "kill -9 round $round: killed mid-run (status $st)" '[ "$st" = 137 ]'
	check "kill -9 round $round: integrity_check: $(integrity "$db" | head -n 2)" '[ "$(integrity "$db")" = ok ]'
	sqlite3 "$db" "SELECT address||'/'||protocol||'/'||port FROM servers" | sort >"$tmp/kill$round.after"
	check "kill -9 round $round: servers seen committed before the kill ($(wc -l <"$tmp/kill$round.before")) are all there" \
		'[ -s "$tmp/kill$round.before" ] && subset "$tmp/kill$round.before" "$tmp/kill$round.after"'
	printed_alerts "$tmp/kill$round.alerts" >"$tmp/kill$round.printed"
	stored_alerts "$db" >"$tmp/kill$round.stored"
	check "kill -9 round $round: every alert printed ($(wc -l <"$tmp/kill$round.printed")) is stored" \
		'[ -s "$tmp/kill$round.printed" ] && subset "$tmp/kill$round.printed" "$tmp/kill$round.stored"'
done
"$np" watch -r "$tmp/mix.pcap" --db "$db" --alerts "$tmp/kill4.alerts" >/dev/null 2>"$tmp/kill4.err"
check "after the kills, the inventory reopens and a run completes (exit $?)" '[ $? = 0 ] && no_crash "$tmp/kill4.err"'
"$np" servers --db "$db" >/dev/null 2>&1
check "after the kills, netprofile servers reads the inventory" '[ $? = 0 ]'
mismatch=$(sqlite3 "$db" "SELECT COUNT(*) FROM servers s WHERE clients <> (SELECT COUNT(*) FROM clients c
	WHERE c.address = s.address AND c.protocol = s.protocol AND c.port = s.port)")
check "after the kills, every server's client count matches its clients ($mismatch do not)" '[ "$mismatch" = 0 ]'

# Where alerts go without --alerts: standard error (standard output is for
# what the user asked for), standard output only with --alerts -.
"$np" watch -r "$tmp/mix.pcap" --db "$tmp/dest1.db" >"$tmp/dest1.out" 2>"$tmp/dest1.err"
printed_alerts "$tmp/dest1.err" >"$tmp/dest1.printed"
stored_alerts "$tmp/dest1.db" >"$tmp/dest1.stored"
check "no --alerts: every alert on standard error ($(wc -l <"$tmp/dest1.printed")), standard output empty" \
	'[ ! -s "$tmp/dest1.out" ] && [ -s "$tmp/dest1.printed" ] && cmp -s "$tmp/dest1.printed" "$tmp/dest1.stored"'
"$np" watch -r "$tmp/mix.pcap" --db "$tmp/dest2.db" --alerts - >"$tmp/dest2.out" 2>"$tmp/dest2.err"
printed_alerts "$tmp/dest2.out" >"$tmp/dest2.printed"
stored_alerts "$tmp/dest2.db" >"$tmp/dest2.stored"
check "--alerts -: every alert on standard output ($(wc -l <"$tmp/dest2.printed")), none on standard error" \
	'[ -s "$tmp/dest2.printed" ] && cmp -s "$tmp/dest2.printed" "$tmp/dest2.stored" && ! grep -q "^ALERT" "$tmp/dest2.err"'

# ---- a SYN flood --------------------------------------------------------------
# A million distinct flows (600k under the sanitizers) through a table of
# --max-flows 20000: peak memory stays bounded by the table, not the flood;
# every flow is written, most of them evicted early, and counted.
maxf=20000
npk=1500000
$sanitized && npk=600000
"$gen" -n $npk --flood -o "$tmp/flood.pcap" >/dev/null 2>&1 || bad "gen_capture --flood"
mkdir -p "$tmp/flood"
timev=
[ -x /usr/bin/time ] && timev=/usr/bin/time
if [ -n "$timev" ]; then
	"$gen" -n 2000 --seed 9 -o "$tmp/tiny.pcap" >/dev/null 2>&1
	$timev -f 'rss %M' "$np" watch -r "$tmp/tiny.pcap" --db "$tmp/tiny.db" --max-flows $maxf --alerts /dev/null \
		2>"$tmp/tiny.err"
	base=$(awk '/^rss /{print $2}' "$tmp/tiny.err")
	$timev -f 'rss %M' "$np" watch -r "$tmp/flood.pcap" --db "$tmp/flood.db" --max-flows $maxf \
		--flows-out "$tmp/flood" --alerts "$tmp/flood.alerts" 2>"$tmp/flood.err"
	st=$(grep -c 'Command exited with non-zero' "$tmp/flood.err")
	peak=$(awk '/^rss /{print $2}' "$tmp/flood.err")
else
	skip "flood: /usr/bin/time missing (Debian package time, scripts/install-deps.sh): peak memory not measured"
	"$np" watch -r "$tmp/flood.pcap" --db "$tmp/flood.db" --max-flows $maxf \
		--flows-out "$tmp/flood" --alerts "$tmp/flood.alerts" 2>"$tmp/flood.err"
	st=$?
fi
check "flood: exit 0" '[ "$st" = 0 ] && no_crash "$tmp/flood.err"'
written=$(stat_field "$tmp/flood.err" written)
evicted=$(stat_field "$tmp/flood.err" evicted)
echo "flood: $npk packets, ${written:-?} flows written, ${evicted:-?} evicted early, max-flows $maxf," \
	"peak RSS ${peak:-?} KB (a 2000-packet capture: ${base:-?} KB)"
check "flood: the statistics line counts flows evicted early (${evicted:-none})" \
	'[ -n "$evicted" ] && [ -n "$written" ] && [ "$written" -gt 300000 ] && [ "$evicted" -ge $((written - maxf)) ]'
check "flood: every flow is written (rows $(flow_rows "$tmp/flood"), written ${written:-?})" \
	'[ "$(flow_rows "$tmp/flood")" = "$written" ]'
ev_rows=$(cat "$tmp/flood"/flows-*.csv | awk -F, '$14 == "evicted"' | wc -l)
check "flood: evicted flows are written as such ($ev_rows rows, $evicted counted)" '[ "$ev_rows" = "$evicted" ]'
if [ -n "$timev" ]; then
	if $sanitized; then
		skip "flood: peak RSS not bounded under the sanitizers (shadow memory, quarantine)"
	else
		# About 2 KB per table slot (table, the batch to profile, its sort) on top
		# of the fixed cost; without the bound it grows by ~370 bytes per flow.
		check "flood: peak RSS ${peak:-?} KB stays under ${base:-?} KB + $maxf x 4 KB" \
			'[ -n "$peak" ] && [ -n "$base" ] && [ "$peak" -lt $((base + maxf * 4)) ]'
	fi
fi
# The victim answered half the SYNs: it is a server, and the flood's
# conversations count in its flows; the spoofed sources never acknowledged
# anything, so none of them is stored as a client.
victim=$(sqlite3 "$tmp/flood.db" "SELECT flows || ' ' || clients FROM servers WHERE address='10.0.0.80' AND port=80")
client_rows=$(sqlite3 "$tmp/flood.db" "SELECT COUNT(*) FROM clients")
check "flood: inventory sound; the victim listed (flows, clients: ${victim:-none}), no spoofed source stored as a client ($client_rows rows)" \
	'[ "$(integrity "$tmp/flood.db")" = ok ] && [ "${victim#* }" = 0 ] && [ "${victim% *}" -gt 1000 ] && [ "$client_rows" = 0 ]'

# ---- the flow directory removed mid-run ------------------------------------------------
mkdir -p "$tmp/gone"
paced_watch "$tmp/gone.err" --commit 1 --db "$tmp/gone.db" --flows-out "$tmp/gone" --alerts "$tmp/gone.alerts"
sleep 1.2
rm -rf "$tmp/gone"
wait_end 100 "$pid"
check "directory removed: exit 1 (status $st)" '[ "$st" = 1 ] && no_crash "$tmp/gone.err"'
check "directory removed: the error names the file: $(grep -v '^watch:\|^reading' "$tmp/gone.err" | head -n 2)" \
	'[ "$(grep -Ec "gone/flows-[0-9]{8}-[0-9]{4}\.csv: cannot write flows: .*removed" "$tmp/gone.err")" = 1 ]'
printed_alerts "$tmp/gone.alerts" >"$tmp/gone.printed"
stored_alerts "$tmp/gone.db" >"$tmp/gone.stored"
check "directory removed: inventory sound, every alert printed stored" \
	'[ "$(integrity "$tmp/gone.db")" = ok ] && [ -s "$tmp/gone.printed" ] && subset "$tmp/gone.printed" "$tmp/gone.stored"'

# ---- a full disk ----------------------------------------------------------------
if ! $is_root; then
	skip "full disk: not root (a small tmpfs is mounted for it)"
else
	# Flow files on a 256 KB filesystem: one clear error naming the file,
	# exit 1, the inventory (elsewhere) committed and sound.
	mkdir -p "$tmp/full1"
	if mount -t tmpfs -o size=256k np-watch-test "$tmp/full1"; then
		mounts+=("$tmp/full1")
		"$np" watch -r "$tmp/mix.pcap" --commit 1 --db "$tmp/full1.db" --flows-out "$tmp/full1" \
			--alerts "$tmp/full1.alerts" >/dev/null 2>"$tmp/full1.err"
		st=$?
		check "full disk (flows): exit 1 (status $st)" '[ "$st" = 1 ] && no_crash "$tmp/full1.err"'
		check "full disk (flows): one error naming the file: $(grep -v '^watch:\|^reading' "$tmp/full1.err" | head -n 2)" \
			'[ "$(grep -Ec "full1/flows-[0-9]{8}-[0-9]{4}\.csv: cannot write flows: No space left" "$tmp/full1.err")" = 1 ]'
		printed_alerts "$tmp/full1.alerts" >"$tmp/full1.printed"
		stored_alerts "$tmp/full1.db" >"$tmp/full1.stored"
		check "full disk (flows): inventory sound and committed, every alert printed stored" \
			'[ "$(integrity "$tmp/full1.db")" = ok ] && [ -s "$tmp/full1.printed" ] && subset "$tmp/full1.printed" "$tmp/full1.stored"'
		umount "$tmp/full1"
	else
		skip "full disk (flows): cannot mount a tmpfs"
	fi
	# The inventory itself on a filesystem that fills up: the first run fits,
	# the second finds 100 KB left. Exit 1 with the database named, what the
	# first run stored intact, and no alert printed for a transaction that
	# did not commit.
	mkdir -p "$tmp/full2"
	if mount -t tmpfs -o size=2m np-watch-test "$tmp/full2"; then
		mounts+=("$tmp/full2")
		"$gen" -n 20000 --seed 8 -o "$tmp/first.pcap" >/dev/null 2>&1
		"$np" watch -r "$tmp/first.pcap" --db "$tmp/full2/inv.db" --alerts /dev/null 2>"$tmp/full2a.err"
		check "full disk (inventory): the first run fits (exit $?)" '[ $? = 0 ]'
		sqlite3 "$tmp/full2/inv.db" "SELECT address||'/'||protocol||'/'||port FROM servers" | sort >"$tmp/full2.before"
		dd if=/dev/zero of="$tmp/full2/fill" bs=4k 2>/dev/null
		truncate -s -100k "$tmp/full2/fill"
		"$np" watch -r "$tmp/mix.pcap" --commit 1 --db "$tmp/full2/inv.db" --alerts "$tmp/full2.alerts" \
			>/dev/null 2>"$tmp/full2.err"
		st=$?
		check "full disk (inventory): exit 1 (status $st)" '[ "$st" = 1 ] && no_crash "$tmp/full2.err"'
		check "full disk (inventory): the error names the database: $(grep -v '^watch:\|^reading' "$tmp/full2.err" | head -n 1)" \
			'grep -q "full2/inv.db: .*full" "$tmp/full2.err"'
		sqlite3 "$tmp/full2/inv.db" "SELECT address||'/'||protocol||'/'||port FROM servers" | sort >"$tmp/full2.after"
		check "full disk (inventory): sound, the first run's $(wc -l <"$tmp/full2.before") servers all there" \
			'[ "$(integrity "$tmp/full2/inv.db")" = ok ] && [ -s "$tmp/full2.before" ] && subset "$tmp/full2.before" "$tmp/full2.after"'
		printed_alerts "$tmp/full2.alerts" >"$tmp/full2.printed"
		stored_alerts "$tmp/full2/inv.db" >"$tmp/full2.stored"
		check "full disk (inventory): no alert printed that was not stored ($(wc -l <"$tmp/full2.printed") printed)" \
			'subset "$tmp/full2.printed" "$tmp/full2.stored"'
		umount "$tmp/full2"
	else
		skip "full disk (inventory): cannot mount a tmpfs"
	fi
fi

# ---- time going backwards and years ahead --------------------------------------------
# One packet 10 years ahead, then normal time; a stretch 3 years ahead, then
# two hours behind; a packet from 1970, one past 2038 (libpcap reads it as
# before 1970); the rest with stamps a few seconds out of order.
"$gen" -n 100000 --seed 11 -o "$tmp/tw_src.pcap" >/dev/null 2>&1
last_sec=$(python3 - "$tmp/tw_src.pcap" "$tmp/tw.pcap" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
recs, off = [], 24
while off + 16 <= len(data):
    sec, usec, incl, orig = struct.unpack_from('<IIII', data, off)
    recs.append([sec, usec, data[off + 16:off + 16 + incl], orig])
    off += 16 + incl
n, year = len(recs), 365 * 86400
first_ip = next(i for i in range(n // 5, n) if recs[i][2][12:14] == b'\x08\x00')
for i, r in enumerate(recs):
    if i == first_ip:
        r[0] += 10 * year
    elif n // 5 <= i < 2 * n // 5:
        pass
    elif 2 * n // 5 <= i < 3 * n // 5:
        r[0] += 3 * year
    elif 3 * n // 5 <= i < 4 * n // 5:
        r[0] -= 7200
    elif i == 4 * n // 5:
        r[0] = 5
    elif i == 4 * n // 5 + 1:
        r[0] = 0x80000000 + 12345
    elif i % 7 == 0:
        r[0] -= 3
with open(sys.argv[2], 'wb') as f:
    f.write(data[:24])
    for sec, usec, pkt, orig in recs:
        f.write(struct.pack('<IIII', sec, usec, len(pkt), orig) + pkt)
print(recs[-1][0])  # the last packet's second: the end of the last stretch of normal time
EOF
)
mkdir -p "$tmp/tw"
"$np" watch -r "$tmp/tw.pcap" --idle-timeout 30 --commit 1 --db "$tmp/tw.db" --flows-out "$tmp/tw" \
	--alerts "$tmp/tw.alerts" >/dev/null 2>"$tmp/tw.err"
check "time travel: exit 0, no crash (status $?)" '[ $? = 0 ] && no_crash "$tmp/tw.err"'
check "time travel: every flow written ($(flow_rows "$tmp/tw") rows)" \
	'[ "$(flow_rows "$tmp/tw")" -gt 0 ] && [ "$(flow_rows "$tmp/tw")" = "$(stat_field "$tmp/tw.err" written)" ]'
cat "$tmp/tw"/flows-*.csv | grep -v '^sIP,' >"$tmp/tw.rows"
insane=$(python3 - "$tmp/tw.rows" "$last_sec" <<'EOF'
import csv, datetime, re, sys
iso = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')
cutoff = datetime.datetime.fromtimestamp(int(sys.argv[2]) - 60, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')
bad = []
for r in csv.reader(open(sys.argv[1])):
    times = [x for x in (r[10], r[11], r[21], r[22]) if x]
    if any(not iso.match(x) for x in times):
        bad.append('bad time ' + ','.join(r[:5] + times)); continue
    if float(r[12]) < 0 or (r[23] and float(r[23]) < 0):
        bad.append('negative duration ' + ','.join(r[:5] + r[12:13])); continue
    # A flow still open at the end is of the last stretch of normal time:
    # none waits for a clock that went ahead and never came back.
    if r[13] == 'eof' and max(times) < cutoff:
        bad.append('left open across a clock jump ' + ','.join(r[:5] + times))
print(len(bad)); [print(b, file=sys.stderr) for b in bad[:3]]
EOF
)
check "time travel: flows end sanely: ISO times, no negative duration, none left open by a clock jump ($insane bad)" \
	'[ "$insane" = 0 ]'
check "time travel: inventory sound, its times well formed" \
	'[ "$(integrity "$tmp/tw.db")" = ok ] && [ -z "$(sqlite3 "$tmp/tw.db" "SELECT first_seen, last_seen FROM servers UNION ALL SELECT time, time FROM alerts" | grep -Ev "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z\|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z$")" ]'

# ---- signals -----------------------------------------------------------------------------
# A capture replayed at its own pace: SIGUSR1 prints the statistics, SIGHUP
# after the alert file is renamed opens a new one, SIGINT ends every open
# flow, writes it, commits and exits 0.
mkdir -p "$tmp/sig" "$tmp/sig/flows"
paced_watch "$tmp/sig/err" --commit 1 --db "$tmp/sig/inv.db" --flows-out "$tmp/sig/flows" \
	--alerts "$tmp/sig/alerts.log"
wait_for 50 nonempty "$tmp/sig/alerts.log"
kill -USR1 "$pid"
sleep 0.2
mv "$tmp/sig/alerts.log" "$tmp/sig/alerts.log.1"
kill -HUP "$pid"
sleep 0.8
kill -INT "$pid"
wait_end 100 "$pid"
check "SIGINT: exit 0 (status $st)" '[ "$st" = 0 ] && no_crash "$tmp/sig/err"'
check "SIGUSR1: a statistics line before the last" '[ "$(grep -c "^watch: .* packets" "$tmp/sig/err")" -ge 2 ]'
check "SIGHUP: alerts before it in the renamed file, after it in a new one" \
	'[ -s "$tmp/sig/alerts.log.1" ] && [ -s "$tmp/sig/alerts.log" ]'
printed_alerts "$tmp/sig/alerts.log.1" "$tmp/sig/alerts.log" >"$tmp/sig/printed"
stored_alerts "$tmp/sig/inv.db" >"$tmp/sig/stored"
check "SIGHUP: no alert lost or doubled ($(wc -l <"$tmp/sig/printed") printed, $(wc -l <"$tmp/sig/stored") stored)" \
	'cmp -s "$tmp/sig/printed" "$tmp/sig/stored"'
eof=$(cat "$tmp/sig/flows"/flows-*.csv | awk -F, '$14 == "eof"' | wc -l)
check "SIGINT: every open flow written ($eof at the signal), every flow written once" \
	'[ "$eof" -gt 0 ] && [ "$(flow_rows "$tmp/sig/flows")" = "$(stat_field "$tmp/sig/err" written)" ] && [ "$(stat_field "$tmp/sig/err" "flows active")" = 0 ]'
check "SIGINT: inventory committed and sound" \
	'[ "$(integrity "$tmp/sig/inv.db")" = ok ] && [ "$(sqlite3 "$tmp/sig/inv.db" "SELECT COUNT(*) FROM servers")" -gt 0 ]'

mkdir -p "$tmp/term" "$tmp/term/flows"
paced_watch "$tmp/term/err" --db "$tmp/term/inv.db" --flows-out "$tmp/term/flows" --alerts "$tmp/term/alerts.log"
sleep 1
kill -TERM "$pid"
wait_end 100 "$pid"
eof=$(cat "$tmp/term/flows"/flows-*.csv 2>/dev/null | awk -F, '$14 == "eof"' | wc -l)
printed_alerts "$tmp/term/alerts.log" >"$tmp/term/printed"
stored_alerts "$tmp/term/inv.db" >"$tmp/term/stored"
check "SIGTERM: exit 0, open flows written ($eof), committed: alerts printed = stored ($(wc -l <"$tmp/term/stored"))" \
	'[ "$st" = 0 ] && no_crash "$tmp/term/err" && [ "$eof" -gt 0 ] && [ -s "$tmp/term/stored" ] && cmp -s "$tmp/term/printed" "$tmp/term/stored"'

# ---- live: the interface goes away, root is dropped ------------------------------------
ns_ok=false
if ! $is_root; then
	skip "live capture: not root (network namespaces)"
elif ! ip netns add "npw-cap-$$" 2>/dev/null; then
	skip "live capture: cannot create a network namespace"
else
	netns+=("npw-cap-$$")
	if ip netns add "npw-peer-$$" && netns+=("npw-peer-$$") &&
		ip link add npw0 netns "npw-cap-$$" type veth peer name npw1 netns "npw-peer-$$" &&
		ip -n "npw-cap-$$" addr add 192.0.2.1/24 dev npw0 && ip -n "npw-peer-$$" addr add 192.0.2.2/24 dev npw1 &&
		ip -n "npw-cap-$$" link set npw0 up && ip -n "npw-peer-$$" link set npw1 up &&
		ip -n "npw-cap-$$" link set lo up && ip -n "npw-peer-$$" link set lo up; then
		ns_ok=true
	else
		skip "live capture: cannot set up the veth pair"
	fi
fi
in_cap() { ip netns exec "npw-cap-$$" "$@"; }
get() { in_cap python3 -c "import urllib.request as u; u.urlopen('http://192.0.2.2:$1/', timeout=3).read()"; }
uid_of() { awk '/^Uid:/{print $2, $3, $4, $5}' "/proc/$1/status" 2>/dev/null; }
if $ns_ok; then
	live=$tmp/live
	mkdir -p "$live/flows" "$live/log"
	chmod 755 "$tmp" "$live"
	chown nobody "$live/flows" "$live/log"
	for port in 8080 8081; do
		ip netns exec "npw-peer-$$" python3 -m http.server -b 192.0.2.2 $port >/dev/null 2>&1 &
		pids+=($!)
	done
	ip netns exec "npw-cap-$$" "$np" watch -i npw0 --db "$live/inv.db" --flows-out "$live/flows" --alerts "$live/log/alerts.log" \
		--commit 1 >/dev/null 2>"$live/err" &
	pid=$!
	pids+=("$pid")
	wait_for 50 grep -q '^listening on npw0' "$live/err"
	sleep 0.3
	check "drops root: running as nobody after opening the interface (Uid $(uid_of "$pid"))" \
		'[ "$(uid_of "$pid")" = "65534 65534 65534 65534" ]'
	wait_for 30 get 8080
	get 8080
	get 8080
	in_cap ping -c 2 -i 0.2 192.0.2.2 >/dev/null 2>&1
	wait_for 50 sh -c "sqlite3 '$live/inv.db' \"SELECT flows FROM servers WHERE address='192.0.2.2' AND port=8080\" | grep -q 3"
	check "drops root: the inventory is still written (commit as nobody): $(sqlite3 "$live/inv.db" "SELECT address, port, service, flows FROM servers" | tr '\n' ' ')" \
		'[ "$(sqlite3 "$live/inv.db" "SELECT flows FROM servers WHERE address='"'"'192.0.2.2'"'"' AND port=8080")" = 3 ]'
	mv "$live/log/alerts.log" "$live/log/alerts.log.1"
	kill -HUP "$pid"
	sleep 0.3
	get 8081
	wait_for 30 sh -c "sqlite3 '$live/inv.db' \"SELECT 1 FROM servers WHERE address='192.0.2.2' AND port=8081\" | grep -q 1"
	check "live: a quiet link is committed by the wall clock (the server on 8081 stored within 3 s)" \
		'[ "$(sqlite3 "$live/inv.db" "SELECT COUNT(*) FROM servers WHERE address='"'"'192.0.2.2'"'"' AND port=8081")" = 1 ]'
	wait_for 20 nonempty "$live/log/alerts.log"
	check "live SIGHUP: the new alert file, created as nobody, has the new server" \
		'grep -q "new-service 192.0.2.2 tcp/8081" "$live/log/alerts.log" && [ "$(stat -c %U "$live/log/alerts.log")" = nobody ]'
	kill -USR1 "$pid"
	wait_for 20 grep -q 'received' "$live/err"
	check "live SIGUSR1: packets received and dropped by the kernel" \
		'grep -Eq "^watch: [0-9]+ packets \([1-9][0-9]* received, [0-9]+ dropped by the kernel\)" "$live/err"'
	in_cap ip link del npw0
	wait_end 50 "$pid"
	check "interface gone: exit 1 (status $st)" '[ "$st" = 1 ] && no_crash "$live/err"'
	check "interface gone: a clear message: $(grep npw0: "$live/err")" 'grep -q "^netprofile: npw0: The interface disappeared" "$live/err"'
	check "interface gone: every flow written ($(flow_rows "$live/flows"), the 3 HTTP ones closed by FIN)" \
		'[ "$(flow_rows "$live/flows")" = "$(stat_field "$live/err" written)" ] && [ "$(cat "$live/flows"/*.csv | awk -F, '"'"'$4 == 8080 && $14 == "fin"'"'"' | wc -l)" = 3 ]'
	check "interface gone: inventory sound with both services" \
		'[ "$(integrity "$live/inv.db")" = ok ] && [ "$(sqlite3 "$live/inv.db" "SELECT COUNT(*) FROM servers WHERE address='"'"'192.0.2.2'"'"'")" = 2 ]'

	# An interface set down: libpcap waits for it to come back; SIGTERM
	# still ends the run at once (exit 0), with a commit.
	ip link add npw2 netns "npw-cap-$$" type veth peer name npw3 netns "npw-peer-$$" &&
		ip -n "npw-cap-$$" link set npw2 up && ip -n "npw-peer-$$" link set npw3 up
	ip netns exec "npw-cap-$$" "$np" watch -i npw2 --db "$live/down.db" --alerts /dev/null >/dev/null 2>"$live/down.err" &
	pid=$!
	pids+=("$pid")
	wait_for 50 grep -q '^listening on npw2' "$live/down.err"
	in_cap ip link set npw2 down
	sleep 0.5
	kill -TERM "$pid"
	wait_end 30 "$pid"
	check "interface down: SIGTERM ends the run within 3 s, exit 0 (status $st)" \
		'[ "$st" = 0 ] && grep -q "^watch: " "$live/down.err" && [ "$(integrity "$live/down.db")" = ok ]'

	# Run without root but with CAP_NET_RAW/CAP_NET_ADMIN (as systemd's
	# AmbientCapabilities gives them): the capabilities go once the
	# interface is open.
	if command -v setpriv >/dev/null; then
		mkdir -p "$live/caps"
		chown nobody "$live/caps"
		in_cap ip link set npw2 up
		ip netns exec "npw-cap-$$" setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
			--inh-caps=+net_raw,+net_admin --ambient-caps=+net_raw,+net_admin \
			"$np" watch -i npw2 --db "$live/caps/inv.db" --alerts /dev/null >/dev/null 2>"$live/caps.err" &
		pid=$!
		pids+=("$pid")
		wait_for 50 grep -q '^listening on npw2' "$live/caps.err"
		sleep 0.2
		caps=$(awk '/^Cap(Prm|Eff|Amb):/{printf "%s ", $2}' "/proc/$pid/status" 2>/dev/null)
		kill -TERM "$pid"
		wait_end 30 "$pid"
		check "capabilities: given up once the interface is open (CapPrm CapEff CapAmb: $caps), exit $st $(grep -v '^listening\|^watch:' "$live/caps.err" | head -n 2)" \
			'[ "$caps" = "0000000000000000 0000000000000000 0000000000000000 " ] && [ "$st" = 0 ]'
	else
		skip "capabilities: setpriv missing"
	fi
fi

summary
