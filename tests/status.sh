#!/usr/bin/env bash
# status.sh - a server's status in the inventory: `confirmed` once an answer
# of it was seen, `unconfirmed` when it was only sent to (receive-only
# services, one-way captures), with a lower confidence; --min-confidence
# filters the listing; an inventory written before the status column is
# migrated forward (its rows were all answered: confirmed), and on to
# schema 2 (the sensors) and 3 (the devices); --sensor names a run's rows.
# The capture is bench/gen_hardcases.py's (seed 1), whose truth says which
# servers never answer (syslog, SNMP traps, flow collectors).
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" status
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
command -v sqlite3 >/dev/null || abort "sqlite3 is needed (apt-get install sqlite3)"
[ -x "$np" ] || abort "$np is not built (run make)"
python3 "$here/bench/gen_hardcases.py" --seed 1 -o "$tmp/hard" 2>"$tmp/gen" || abort "gen_hardcases.py failed: $(cat "$tmp/gen")"

"$np" servers -r "$tmp/hard.pcap" --db "$tmp/inv.db" --format csv >"$tmp/all.csv" 2>"$tmp/alerts"
check "servers: exit 0" '[ $? -eq 0 ]'
check "the alerts say the status: the syslog collector's new-server alert is unconfirmed, an answered one confirmed" \
	'grep -q "new-server 10.18.0.10 udp/514 syslog: .*, unconfirmed, evidence" "$tmp/alerts" && grep -q "new-server 10.1.0.10 tcp/443 https: .*, confirmed, evidence" "$tmp/alerts"'
# field FILE ADDRESS PROTO PORT COLUMN: one column of one server row
field() {
	python3 - "$@" <<'EOF'
import csv, sys
f, addr, proto, port, col = sys.argv[1:]
for r in csv.DictReader(open(f, newline="")):
    if (r["address"], r["protocol"], r["port"]) == (addr, proto, port):
        print(r[col])
EOF
}
# Collectors the truth says never answer; servers seen answering.
for s in "10.18.0.10 udp 514" "10.19.0.10 udp 162" "10.20.0.10 udp 2055" "10.20.0.11 udp 4739" "10.20.0.12 udp 6343" \
	"10.21.0.11 udp 443" "10.22.0.10 tcp 80"; do
	read -r a pr po <<<"$s"
	check "$a $pr/$po (never answers in the capture): unconfirmed" '[ "$(field "$tmp/all.csv" $a $pr $po status)" = unconfirmed ]'
done
for s in "10.1.0.10 tcp 443" "10.19.0.12 udp 161" "10.21.0.10 udp 443" "10.23.0.12 udp 123" "10.22.0.11 tcp 443"; do
	read -r a pr po <<<"$s"
	check "$a $pr/$po (answers, or seen sending): confirmed" '[ "$(field "$tmp/all.csv" $a $pr $po status)" = confirmed ]'
done
low=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(sum(1 for r in rows if r["status"] == "unconfirmed" and float(r["confidence"]) > 0.85),
      sum(1 for r in rows if r["status"] not in ("confirmed", "unconfirmed")))' "$tmp/all.csv")
check "every unconfirmed server has confidence <= 0.85, every row a status (over, bad: $low)" '[ "$low" = "0 0" ]'
check "sqlite3: the servers table has the status column" \
	'[ "$(sqlite3 "$tmp/inv.db" "SELECT COUNT(*) FROM servers WHERE status = '"'unconfirmed'"'")" -ge 7 ]'

# --min-confidence
"$np" servers --db "$tmp/inv.db" --format csv --min-confidence 0.9 >"$tmp/min.csv" 2>"$tmp/min.err"
got=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
allr = list(csv.DictReader(open(sys.argv[2], newline="")))
want = sum(1 for r in allr if float(r["confidence"]) >= 0.9)
print(len(rows), want, min([float(r["confidence"]) for r in rows] or [1]))' "$tmp/min.csv" "$tmp/all.csv")
read -r listed want lowest <<<"$got"
check "--min-confidence 0.9: the $want servers of 0.9 or more, none below ($listed listed, lowest $lowest)" \
	'[ "$listed" = "$want" ] && [ "$listed" -gt 0 ] && python3 -c "import sys; sys.exit($lowest < 0.9)"'
"$np" servers --db "$tmp/inv.db" --format json --min-confidence 0.5 >"$tmp/j" 2>/dev/null
check "--format json: every object has a status" \
	'python3 -c "import json,sys; o=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(not o or any(x[\"status\"] not in (\"confirmed\",\"unconfirmed\") for x in o))" "$tmp/j"'
"$np" servers --db "$tmp/inv.db" --min-confidence 1.5 >/dev/null 2>"$tmp/bad.err"
check "--min-confidence 1.5: refused with one line" '[ $? -ne 0 ] && [ "$(wc -l <"$tmp/bad.err")" -ge 1 ] && grep -q confidence "$tmp/bad.err"'

# An inventory from before the status column (the schema as it was).
sqlite3 "$tmp/old.db" "CREATE TABLE servers (
  address TEXT NOT NULL, protocol TEXT NOT NULL, port INTEGER NOT NULL, service TEXT,
  first_seen TEXT, last_seen TEXT, flows INTEGER, packets INTEGER, bytes INTEGER,
  clients INTEGER, confidence REAL, evidence TEXT, ties TEXT,
  family INTEGER, addr_bin BLOB, first_us INTEGER, last_us INTEGER, quiet_reported INTEGER DEFAULT 0,
  PRIMARY KEY (address, protocol, port));
INSERT INTO servers VALUES ('10.1.0.10','tcp',443,'https','2026-03-01T00:00:01.000Z','2026-03-01T00:00:02.000Z',
  1,10,1000,1,0.99,'handshake','',4,X'0A01000A',1772323201000000,1772323202000000,0);"
"$np" servers --db "$tmp/old.db" --format csv >"$tmp/old.csv" 2>"$tmp/old.err"
check "an inventory without status opens; its row comes out confirmed" \
	'[ "$(field "$tmp/old.csv" 10.1.0.10 tcp 443 status)" = confirmed ]'
"$np" servers -r "$tmp/hard.pcap" --db "$tmp/old.db" --format csv >"$tmp/old2.csv" 2>/dev/null
check "the migrated inventory takes a run: unconfirmed servers added, the old row still confirmed" \
	'[ "$(field "$tmp/old2.csv" 10.18.0.10 udp 514 status)" = unconfirmed ] && [ "$(field "$tmp/old2.csv" 10.1.0.10 tcp 443 status)" = confirmed ] && [ "$(sqlite3 "$tmp/old.db" "PRAGMA integrity_check")" = ok ]'
# Schema 1 to 2 (store/schema.c): the sensors' table and alerts.sensor are
# added; and on to 3 (the devices table); the version written; a run
# records its sensor.
check "migrated to schema 3: server_sensors, alerts.sensor and devices added, user_version 3" \
	'[ "$(sqlite3 "$tmp/old.db" "PRAGMA user_version")" = 3 ] &&
	 [ "$(sqlite3 "$tmp/old.db" "SELECT count(*) FROM devices")" = 0 ] &&
	 [ "$(sqlite3 "$tmp/old.db" "SELECT count(*) FROM pragma_table_info('"'alerts'"') WHERE name = '"'sensor'"'")" = 1 ] &&
	 [ "$(sqlite3 "$tmp/old.db" "SELECT count(*) FROM server_sensors")" -gt 0 ]'
"$np" servers -r "$tmp/hard.pcap" --db "$tmp/s.db" --sensor tap-7 >/dev/null 2>&1
check "--sensor names the rows and alerts of a run" \
	'[ "$(sqlite3 "$tmp/s.db" "SELECT DISTINCT sensor FROM server_sensors")" = tap-7 ] &&
	 [ "$(sqlite3 "$tmp/s.db" "SELECT DISTINCT sensor FROM alerts")" = tap-7 ]'
"$np" servers -r "$tmp/hard.pcap" --db "$tmp/h.db" >/dev/null 2>&1
check "without --sensor, the sensor is the host name" \
	'[ "$(sqlite3 "$tmp/h.db" "SELECT DISTINCT sensor FROM server_sensors")" = "$(hostname)" ]'
finish
