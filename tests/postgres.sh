#!/usr/bin/env bash
# postgres.sh - PostgreSQL as the shared inventory of many sensors, against a
# real server: Debian's initdb and pg_ctl start one in a temporary directory
# (its Unix socket there, TCP on a free loopback port), as the unprivileged
# user postgres; it is stopped and removed on exit.
#   - 4 sensors at once on 4 captures: the PostgreSQL inventory equals one
#     SQLite inventory filled with the same captures (servers, counts,
#     clients, first/last seen), and every server was alerted exactly once;
#   - the server stopped in the middle of a `watch` and started again:
#     nothing counted is lost (equal to the same run into SQLite), and the
#     statistics line says how long the store was away;
#   - gone-quiet alerts as SQLite raises them;
#   - past --hold MIB, batches are dropped, counted, and exactly what is
#     missing from the inventory;
#   - `kill -9` of a sensor: what it had committed is there, whole;
#   - bad input: a malformed URI, a refused login, a wrong password, a
#     missing database, a schema newer than the binary: one line naming the
#     database, never the password, exit 1, before any capture is opened;
#     so does a libpq.so.5 that cannot be loaded (libpq is not linked in:
#     loaded when --db names PostgreSQL);
#   - the password from PGPASSFILE, a service file (--db service=NAME);
#     report reads the PostgreSQL inventory.
# Skips where PostgreSQL's server binaries are absent or not run as root.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" postgres
# shellcheck source=tests/lib/pgserver.sh
. "$here/tests/lib/pgserver.sh"
why=$(pg_missing)
[ -z "$why" ] || skip_all "$why"
command -v sqlite3 >/dev/null || abort "sqlite3 is needed (apt-get install sqlite3)"
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
[ -x "$np" ] || abort "$np is not built (run make)"
gen=$here/build/gen_capture
[ -x "$gen" ] || abort "$gen is not built (run make)"

trap 'pg_cleanup; rm -rf "$tmp"' EXIT
pg_setup "$(mktemp -d /tmp/np17pg.XXXXXX)" >"$tmp/pg_setup" 2>&1 || abort "the server did not start: $(cat "$tmp/pg_setup")"
psql() { pg_psql "$@"; }
port=$pg_port
pgdir=$pg_dir
for db in np wd kd newer; do psql -d postgres -c "CREATE DATABASE $db" || abort "cannot create database $db"; done
psql -d postgres -c "CREATE ROLE np_pw LOGIN PASSWORD 'Sekr3t-17'" || abort "cannot create a role"
uri() { pg_uri "$1"; }

# ---- 4 sensors at once -------------------------------------------------------------------
for i in 1 2 3 4; do
	"$gen" -n 20000 --seed "$i" -o "$tmp/c$i.pcap" || abort "gen_capture failed"
done
pids=()
for i in 1 2 3 4; do
	"$np" servers -r "$tmp/c$i.pcap" --db "$(uri np)" --sensor "s$i" --format csv >"$tmp/pg$i.out" 2>"$tmp/pg$i.err" &
	pids+=($!)
done
st=0
for p in "${pids[@]}"; do wait "$p" || st=1; done
check "4 sensors at once: each exits 0" '[ $st -eq 0 ]'
for i in 1 2 3 4; do
	"$np" servers -r "$tmp/c$i.pcap" --db "$tmp/ref.db" --sensor "s$i" >/dev/null 2>"$tmp/ref$i.err"
done
# The columns that do not depend on which sensor came first.
cols="address, protocol, port, flows, packets, bytes, clients, first_seen, last_seen, status"
sqlite3 -separator '|' "$tmp/ref.db" "SELECT $cols FROM servers" | LC_ALL=C sort >"$tmp/ref.servers"
psql -d np -c "SELECT $cols FROM servers" | LC_ALL=C sort >"$tmp/pg.servers"
check "the PostgreSQL inventory has servers ($(wc -l <"$tmp/pg.servers"))" '[ -s "$tmp/pg.servers" ]'
check "servers, counts and first/last seen equal one SQLite inventory over the 4 captures" \
	'cmp -s "$tmp/ref.servers" "$tmp/pg.servers"'
ccols="address, protocol, port, client, first_seen, last_seen, flows"
sqlite3 -separator '|' "$tmp/ref.db" "SELECT $ccols FROM clients" | LC_ALL=C sort >"$tmp/ref.clients"
psql -d np -c "SELECT $ccols FROM clients" | LC_ALL=C sort >"$tmp/pg.clients"
check "clients equal ($(wc -l <"$tmp/pg.clients") rows): a union, flows added" 'cmp -s "$tmp/ref.clients" "$tmp/pg.clients"'
sqlite3 -separator '|' "$tmp/ref.db" "SELECT address, protocol, port FROM alerts" | LC_ALL=C sort >"$tmp/ref.alerts"
psql -d np -c "SELECT address, protocol, port FROM alerts" | LC_ALL=C sort >"$tmp/pg.alerts"
check "one alert for each new server, network-wide ($(wc -l <"$tmp/pg.alerts"); no server twice)" \
	'[ -s "$tmp/pg.alerts" ] && cmp -s "$tmp/ref.alerts" "$tmp/pg.alerts" && [ -z "$(uniq -d "$tmp/pg.alerts")" ]'
cat "$tmp"/pg[1-4].err | grep -v '^ALERT' | grep -v '^reading\|^$' >"$tmp/pg.noise"
told=$(cat "$tmp"/pg[1-4].err | grep -c '^ALERT')
check "the alerts told by the 4 sensors together are the stored ones ($told)" '[ "$told" -eq "$(wc -l <"$tmp/pg.alerts")" ]'
check "rows record the sensors that saw them: 4 sensors, and a server's flows are the sum of theirs" \
	'[ "$(psql -d np -c "SELECT count(DISTINCT sensor) FROM server_sensors")" = 4 ] &&
	 [ "$(psql -d np -c "SELECT count(*) FROM servers s WHERE flows <> (SELECT sum(flows) FROM server_sensors x
		WHERE (x.address, x.protocol, x.port) = (s.address, s.protocol, s.port))")" = 0 ]'
shared=$(psql -d np -c "SELECT count(*) FROM (SELECT 1 FROM server_sensors GROUP BY address, protocol, port
	HAVING count(*) > 1) AS x")
check "servers seen by more than one sensor were merged ($shared of them)" '[ "$shared" -gt 0 ]'
check "the schema version is written" '[ "$(psql -d np -c "SELECT value FROM meta WHERE key = '"'schema_version'"'")" = 3 ]'
"$np" servers --db "$(uri np)" --format csv >"$tmp/list.csv" 2>"$tmp/list.err"
check "servers --db URI with no input lists the inventory" \
	'[ $? -eq 0 ] && [ "$(($(wc -l <"$tmp/list.csv") - 1))" -eq "$(wc -l <"$tmp/pg.servers")" ]'
"$np" report --db "$(uri np)" -o "$tmp/r.html" 2>"$tmp/r.err"
check "report --db URI writes the page" '[ $? -eq 0 ] && grep -q "postgresql://postgres@" "$tmp/r.html"'
# The devices (schema 3) merge as in SQLite: three runs, the same table.
for m in "" later earlier; do
	python3 "$here/tests/lib/gen_devices.py" "$tmp/dev$m.pcap" $m || abort "gen_devices.py failed"
	"$np" servers --db "$(uri np)" --devices -r "$tmp/dev$m.pcap" >/dev/null 2>>"$tmp/dev.err"
	"$np" servers --db "$tmp/dev.db" --devices -r "$tmp/dev$m.pcap" >/dev/null 2>&1
done
"$np" servers --db "$(uri np)" --devices --format csv >"$tmp/pgdev.csv" 2>>"$tmp/dev.err"
"$np" servers --db "$tmp/dev.db" --devices --format csv >"$tmp/sqdev.csv" 2>/dev/null
check "devices: stored in PostgreSQL and listed as SQLite lists them ($(($(wc -l <"$tmp/pgdev.csv") - 1)) rows)" \
	'[ "$(wc -l <"$tmp/pgdev.csv")" -gt 5 ] && cmp -s "$tmp/pgdev.csv" "$tmp/sqdev.csv" && ! grep -q "cannot" "$tmp/dev.err"'
check "devices: first seen the minimum, last seen the maximum, the latest evidence" \
	'grep -q "^10.9.1.1,router,2023-11-14T21:56:40.000Z,2023-11-14T22:30:00.000Z,\"hsrp; " "$tmp/pgdev.csv"'

# ---- ties merged as SQLite merges them ------------------------------------------------------
# An FTP server whose data connections come one a second, with a commit
# every second: each commit adds its ties to the stored list, each entry
# once and bounded (profile/ties.h); PostgreSQL's SQL and SQLite's
# np_ties() must leave the same list.
psql -d postgres -c "CREATE DATABASE ties" || abort "cannot create database ties"
python3 "$here/tests/lib/silent_ftp.py" "$tmp/ties.pcap" || abort "silent_ftp.py failed"
ties_both() { # watch the capture into both stores; sq_ties, pg_ties: the FTP server's ties
	"$np" watch -r "$tmp/ties.pcap" --commit 1 --db "$tmp/ties.db" >/dev/null 2>&1
	"$np" watch -r "$tmp/ties.pcap" --commit 1 --db "$(uri ties)" >/dev/null 2>"$tmp/ties.err"
	sq_ties=$(sqlite3 "$tmp/ties.db" "SELECT ties FROM servers WHERE address = '10.0.1.21' AND port = 21")
	pg_ties=$(psql -d ties -c "SELECT ties FROM servers WHERE address = '10.0.1.21' AND port = 21")
}
ties_both
check "ties: PostgreSQL's list is SQLite's ($pg_ties)" \
	'[ -n "$sq_ties" ] && [ "$pg_ties" = "$sq_ties" ] && echo "$pg_ties" | grep -q ",\.\.\.$"'
psql -d ties -c "UPDATE servers SET ties = 'gre,gre,x' WHERE address = '10.0.1.21' AND port = 21" >/dev/null
sqlite3 "$tmp/ties.db" "UPDATE servers SET ties = 'gre,gre,x' WHERE address = '10.0.1.21' AND port = 21"
ties_both
check "ties: a stored list with an entry twice is merged the same way by both ($pg_ties)" \
	'[ "$pg_ties" = "$sq_ties" ] && [ "${pg_ties#gre,x,ftp-data:active/20,}" != "$pg_ties" ]'
# An older version's list, with ",..." already: made over by both alike.
psql -d ties -c "UPDATE servers SET ties = 'gre,gre,...' WHERE address = '10.0.1.21' AND port = 21" >/dev/null
sqlite3 "$tmp/ties.db" "UPDATE servers SET ties = 'gre,gre,...' WHERE address = '10.0.1.21' AND port = 21"
ties_both
check "ties: an older version's list ending in ',...' is merged the same way by both ($pg_ties)" \
	'[ "$pg_ties" = "$sq_ties" ] && [ "$pg_ties" = "gre,..." ]'

# ---- the server goes away during watch ------------------------------------------------------
# A capture stretched to ~9 s of capture time, replayed at its own pace.
cat >"$tmp/stretch.py" <<'EOF'
# stretch.py IN OUT FACTOR: the capture's times spread FACTOR times wider
import struct, sys
src = open(sys.argv[1], "rb").read()
out = bytearray(src[:24])
off, t0 = 24, None
while off + 16 <= len(src):
    sec, usec, incl, orig = struct.unpack("<IIII", src[off:off + 16])
    t = sec * 1000000 + usec
    t0 = t if t0 is None else t0
    t = t0 + (t - t0) * int(sys.argv[3])
    out += struct.pack("<IIII", t // 1000000, t % 1000000, incl, orig) + src[off + 16:off + 16 + incl]
    off += 16 + incl
open(sys.argv[2], "wb").write(out)
EOF
python3 "$tmp/stretch.py" "$tmp/c1.pcap" "$tmp/slow.pcap" 12
"$np" watch -r "$tmp/slow.pcap" --commit 1 --db "$tmp/wref.db" --sensor w --alerts /dev/null 2>/dev/null
"$np" watch -r "$tmp/slow.pcap" --pace --commit 1 --db "$(uri wd)" --sensor w --alerts /dev/null 2>"$tmp/w.err" &
wpid=$!
sleep 3
pg_stop
sleep 3
pg_start || abort "the server did not start again"
wait "$wpid"
check "watch through the outage: exit 0" '[ $? -eq 0 ]'
check "it said the store went away and came back" \
	'grep -q "went away" "$tmp/w.err" && grep -q "is back after" "$tmp/w.err"'
check "the statistics line says how long the store was away and what was dropped (nothing)" \
	'grep -Eq "^watch: store postgresql://postgres@.* away [0-9.]+ s in 1 outages, 0 batches held, 0 dropped \(0 flows\)" "$tmp/w.err"'
cols="address, protocol, port, flows, packets, bytes, clients, first_seen, last_seen"
sqlite3 -separator '|' "$tmp/wref.db" "SELECT $cols FROM servers" | LC_ALL=C sort >"$tmp/wref.servers"
psql -d wd -c "SELECT $cols FROM servers" | LC_ALL=C sort >"$tmp/wpg.servers"
check "nothing counted was lost: the inventory equals the same run into SQLite ($(wc -l <"$tmp/wpg.servers") servers)" \
	'[ -s "$tmp/wpg.servers" ] && cmp -s "$tmp/wref.servers" "$tmp/wpg.servers"'

# ---- past the hold bound: dropped, and counted ------------------------------------------------------
# A busier capture (~5,800 servers) stretched to ~10 s: each batch is
# about a MiB, so --hold 1 cannot keep what comes while the server is down.
"$gen" -n 60000 -f 30000 --seed 5 -o "$tmp/big.pcap" || abort "gen_capture failed"
python3 "$tmp/stretch.py" "$tmp/big.pcap" "$tmp/bigslow.pcap" 6
psql -d postgres -c "CREATE DATABASE hd"
"$np" watch -r "$tmp/bigslow.pcap" --commit 1 --db "$tmp/href.db" --sensor h --alerts /dev/null 2>/dev/null
"$np" watch -r "$tmp/bigslow.pcap" --pace --commit 1 --hold 1 --db "$(uri hd)" --sensor h --alerts /dev/null \
	2>"$tmp/h.err" &
hpid=$!
sleep 2
pg_stop
sleep 5
pg_start || abort "the server did not start again"
wait "$hpid"
hst=$?
read -r dropped dflows < <(sed -n 's/^watch: store .* held, \([0-9]*\) dropped (\([0-9]*\) flows)$/\1 \2/p' "$tmp/h.err")
lost=$(($(sqlite3 "$tmp/href.db" "SELECT sum(flows) FROM servers") - $(psql -d hd -c "SELECT sum(flows) FROM servers")))
check "past --hold: batches dropped and counted (${dropped:-?} batches, ${dflows:-?} flows), the run goes on (exit $hst)" \
	'[ "$hst" -eq 0 ] && [ "${dropped:-0}" -gt 0 ]'
check "what was dropped is exactly what the inventory lacks ($lost flows against the SQLite run)" \
	'[ "$lost" -eq "${dflows:--1}" ]'

# ---- quiet servers ----------------------------------------------------------------------------------
psql -d postgres -c "CREATE DATABASE qd"
"$np" watch -r "$tmp/slow.pcap" --commit 1 --quiet-after 3s --db "$(uri qd)" --alerts "$tmp/q.pg" 2>/dev/null
"$np" watch -r "$tmp/slow.pcap" --commit 1 --quiet-after 3s --db "$tmp/q.db" --alerts "$tmp/q.sqlite" 2>/dev/null
quiet=$(grep -c gone-quiet "$tmp/q.pg")
check "gone-quiet: the same alerts as SQLite ($quiet quiet servers), each stored once" \
	'[ "$quiet" -gt 0 ] && cmp -s <(sort "$tmp/q.pg") <(sort "$tmp/q.sqlite") &&
	 [ "$(psql -d qd -c "SELECT count(*) FROM alerts WHERE kind = '"'gone-quiet'"'")" = "$quiet" ]'

# ---- kill -9 of a sensor ------------------------------------------------------------------------------
"$np" watch -r "$tmp/slow.pcap" --pace --commit 1 --db "$(uri kd)" --sensor k --alerts /dev/null 2>/dev/null &
kpid=$!
seen=0
for _ in $(seq 1 100); do
	seen=$(psql -d kd -c "SELECT coalesce(sum(flows), 0) FROM server_sensors" 2>/dev/null || echo 0)
	[ "${seen:-0}" -gt 0 ] && break
	sleep 0.1
done
exec 3>&2 2>/dev/null # no "Killed" from the shell
kill -9 "$kpid"
wait "$kpid"
exec 2>&3 3>&-
after=$(psql -d kd -c "SELECT coalesce(sum(flows), 0) FROM server_sensors")
check "kill -9: the batches committed before it are there ($seen flows seen, $after after)" \
	'[ "$seen" -gt 0 ] && [ "$after" -ge "$seen" ]'
check "kill -9: the inventory is whole (each server's flows are its sensors' sum)" \
	'[ "$(psql -d kd -c "SELECT count(*) FROM servers s WHERE flows <> (SELECT sum(flows) FROM server_sensors x
		WHERE (x.address, x.protocol, x.port) = (s.address, s.protocol, s.port))")" = 0 ]'

# ---- bad input ----------------------------------------------------------------------------------------
psql -d newer -c "CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT); INSERT INTO meta VALUES ('schema_version', 99)"
# one_line NAME NEEDLE URI: servers on a capture that does not exist: the
# database's line comes first, alone, exit 1, no password.
one_line() {
	"$np" servers -r "$tmp/no-such.pcap" --db "$3" >"$tmp/bad.out" 2>"$tmp/bad.err"
	local st=$? needle=$2
	check "$1: exit 1" '[ $st -eq 1 ]'
	check "$1: one line naming the database ($(head -c 160 "$tmp/bad.err"))" \
		'[ "$(wc -l <"$tmp/bad.err")" -eq 1 ] && grep -q -- "$needle" "$tmp/bad.err"'
	check "$1: the password is not printed, the capture not opened" \
		'! grep -q "Sekr3t\|wr0ng" "$tmp/bad.err" "$tmp/bad.out" && ! grep -q "no-such" "$tmp/bad.err"'
}
one_line "malformed URI" "malformed connection string" "postgresql://np_pw:Sekr3t-17@[::1/np"
one_line "refused login (no such role)" "postgresql://nobody@.*/np: cannot connect.*role \"nobody\" does not exist" \
	"postgresql://nobody@/np?host=$pgdir&port=$port"
one_line "wrong password" "postgresql://np_pw@127.0.0.1:$port/np: cannot connect.*password authentication failed" \
	"postgresql://np_pw:wr0ng@127.0.0.1:$port/np"
one_line "missing database" "postgresql://postgres@.*/nodb: cannot connect.*database \"nodb\" does not exist" \
	"$(uri nodb)"
one_line "schema newer than the binary" "postgresql://postgres@.*/newer: written by a newer netprofile (inventory schema 99" \
	"$(uri newer)"
check "a newer schema is not touched" '[ "$(psql -d newer -c "SELECT count(*) FROM meta")" = 1 ]'
"$np" watch -i lo --db "postgresql://np_pw:wr0ng@127.0.0.1:$port/np" >"$tmp/bad.out" 2>"$tmp/bad.err"
check "watch: a refused login ends it before the interface is opened" \
	'[ $? -eq 1 ] && [ "$(wc -l <"$tmp/bad.err")" -eq 1 ] && ! grep -q "listening\|wr0ng" "$tmp/bad.err"'

# ---- libpq, loaded only when --db names PostgreSQL ----------------------------------------------------
check "libpq is not linked in (loaded when a PostgreSQL --db is opened)" '! ldd "$np" | grep -q "libpq\.so"'
mkdir -p "$tmp/badlib" && : >"$tmp/badlib/libpq.so.5" # found first, and no library
LD_LIBRARY_PATH=$tmp/badlib one_line "libpq that cannot be loaded" \
	"PostgreSQL database (--db): cannot load PostgreSQL's client library libpq.so.5 (Debian: apt-get install libpq5): .*libpq.so.5" \
	"$(uri np)"

# ---- the least-privilege role of the README ----------------------------------------------------------
psql -d np -c "CREATE ROLE np_sensor LOGIN" \
	-c "GRANT SELECT, INSERT, UPDATE ON servers, clients, server_sensors, meta TO np_sensor" \
	-c "GRANT SELECT, INSERT ON alerts TO np_sensor"
"$np" servers -r "$tmp/c1.pcap" --db "postgresql://np_sensor@/np?host=$pgdir&port=$port" --sensor least \
	>/dev/null 2>"$tmp/least.err"
check "a sensor with only SELECT, INSERT, UPDATE (and INSERT on alerts) writes ($(grep -v ^ALERT "$tmp/least.err" | head -c 200))" \
	'[ $? -eq 0 ] && [ "$(psql -d np -c "SELECT count(*) FROM server_sensors WHERE sensor = '"'least'"'")" -gt 0 ]'
check "it can neither delete nor create" \
	'! psql -d np -U np_sensor -c "DELETE FROM alerts" 2>/dev/null && ! psql -d np -U np_sensor -c "CREATE TABLE x (a int)" 2>/dev/null'

# ---- credentials from libpq's places ------------------------------------------------------------------
psql -d np -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO np_pw"
printf '127.0.0.1:%s:np:np_pw:Sekr3t-17\n' "$port" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
PGPASSFILE=$tmp/pgpass "$np" report --db "postgresql://np_pw@127.0.0.1:$port/np" -o "$tmp/r2.html" 2>"$tmp/r2.err"
check "the password from PGPASSFILE (TCP, scram): report reads the inventory" '[ $? -eq 0 ] && [ -s "$tmp/r2.html" ]'
printf '[inventory]\nhost=127.0.0.1\nport=%s\ndbname=np\nuser=np_pw\n' "$port" >"$tmp/services"
PGSERVICEFILE=$tmp/services PGPASSFILE=$tmp/pgpass "$np" servers --db service=inventory --format csv >"$tmp/svc.csv" 2>"$tmp/svc.err"
svc_st=$?
"$np" servers --db "$(uri np)" --format csv >"$tmp/list2.csv" 2>/dev/null
check "libpq's key=value form and the service file: --db service=inventory lists the inventory $(head -c 200 "$tmp/svc.err")" \
	'[ $svc_st -eq 0 ] && [ -s "$tmp/svc.csv" ] && cmp -s "$tmp/svc.csv" "$tmp/list2.csv"'
PGPASSFILE=$tmp/pgpass "$np" servers --db "postgresql://np_pw@127.0.0.1:$port/np?sslmode=require" >/dev/null 2>"$tmp/ssl.err"
check "sslmode passes through to libpq (this server offers no TLS: sslmode=require is refused)" \
	'[ $? -eq 1 ] && grep -q "SSL" "$tmp/ssl.err"'
finish
