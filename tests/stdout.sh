#!/usr/bin/env bash
# stdout.sh - standard output carries only what the user asked for: the table,
# CSV, JSON or pcap. Alerts, progress and summaries go to standard error or
# to a named file. Each format is read back with a real parser: Python's csv
# and json modules, and sqlite3's .import for CSV; decode's text and pcap
# with Debian's tcpdump.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" stdout
demo=$here/data/demo.pcap
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
command -v sqlite3 >/dev/null || abort "sqlite3 is needed (apt-get install sqlite3)"
[ -x "$np" ] || abort "$np is not built (run make)"

# csv_ok FILE MINROWS: every row has the header's fields, at least MINROWS rows
csv_ok() {
	python3 - "$1" "$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f, strict=True))
assert rows, "no header"
head = rows[0]
assert all(h and h[0].isalpha() for h in head), "header %r" % head
bad = [r for r in rows[1:] if len(r) != len(head)]
assert not bad, "rows of another width: %r" % bad[:2]
assert len(rows) - 1 >= int(sys.argv[2]), "%d rows" % (len(rows) - 1)
EOF
}
# json_ok FILE MINLINES: every line one JSON object
json_ok() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
objs = [json.loads(l) for l in lines]
assert all(isinstance(o, dict) for o in objs)
assert len(objs) >= int(sys.argv[2]), "%d lines" % len(objs)
EOF
}
# sqlite_rows FILE: rows sqlite3 .import reads from a CSV with a header
sqlite_rows() {
	rm -f "$tmp/imp.db"
	sqlite3 "$tmp/imp.db" ".import --csv '$1' t" "SELECT count(*) FROM t" 2>"$tmp/imp.err"
}
csv_rows() { python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline=""))))-1)' "$1"; }

# ---- servers ----------------------------------------------------------------
for fmt in csv json text; do
	rm -f "$tmp/s.db"*
	"$np" servers -r "$demo" --db "$tmp/s.db" --format "$fmt" >"$tmp/s.$fmt" 2>"$tmp/s.$fmt.err"
	check "servers --format $fmt: exit 0" '[ $? -eq 0 ]'
	check "servers --format $fmt: no alert on standard output" '! grep -q "ALERT\|\"alert\"" "$tmp/s.$fmt"'
	check "servers --format $fmt: the alerts on standard error" 'grep -q "ALERT\|\"alert\":\"new-server\"" "$tmp/s.$fmt.err"'
done
check "servers --format csv: Python's csv reads it" 'csv_ok "$tmp/s.csv" 1'
check "servers --format csv: sqlite3 .import reads every row" \
	'[ "$(sqlite_rows "$tmp/s.csv")" = "$(csv_rows "$tmp/s.csv")" ] && [ ! -s "$tmp/imp.err" ]'
check "servers --format json: Python's json reads every line" 'json_ok "$tmp/s.json" 1'
check "servers --format json: alert lines on stderr are JSON" \
	'grep "^{" "$tmp/s.json.err" >"$tmp/aj" && json_ok "$tmp/aj" 1'
check "servers --format text: a header and rows only" \
	'head -n 1 "$tmp/s.text" | grep -q "^ADDRESS " && [ "$(wc -l <"$tmp/s.text")" -ge 2 ]'

rm -f "$tmp/s.db"*
"$np" servers -r "$demo" --db "$tmp/s.db" --format csv --alerts "$tmp/alerts" >"$tmp/f.csv" 2>"$tmp/f.err"
check "servers --alerts FILE: alerts in FILE, none on stdout or stderr" \
	'grep -q "^ALERT" "$tmp/alerts" && ! grep -q ALERT "$tmp/f.csv" "$tmp/f.err" && csv_ok "$tmp/f.csv" 1'
rm -f "$tmp/s.db"*
"$np" servers -r "$demo" --db "$tmp/s.db" --format json --alerts - >"$tmp/d.json" 2>"$tmp/d.err"
check "servers --alerts -: alerts on standard output when asked for, still JSON" \
	'grep -q "\"alert\":\"new-server\"" "$tmp/d.json" && json_ok "$tmp/d.json" 2 && ! grep -q alert "$tmp/d.err"'
"$np" servers --db "$tmp/s.db" --format csv --validate >"$tmp/p.csv" 2>"$tmp/p.err"
check "servers --db (print only): CSV only on stdout" 'csv_ok "$tmp/p.csv" 1'
"$np" servers -r "$demo" --db "$tmp/s.db" --format csv --validate >"$tmp/v.csv" 2>"$tmp/v.err"
check "servers --validate: the scores on stderr, the CSV on stdout" \
	'grep -q "^validate:" "$tmp/v.err" && ! grep -q validate "$tmp/v.csv" && csv_ok "$tmp/v.csv" 1'

# ---- flows -------------------------------------------------------------------
"$np" flows -r "$demo" --format csv >"$tmp/fl.csv" 2>"$tmp/fl.err"
check "flows --format csv: Python's csv reads it, the summary on stderr" \
	'csv_ok "$tmp/fl.csv" 2 && [ -s "$tmp/fl.err" ]'
check "flows --format csv: sqlite3 .import reads every row" \
	'[ "$(sqlite_rows "$tmp/fl.csv")" = "$(csv_rows "$tmp/fl.csv")" ] && [ ! -s "$tmp/imp.err" ]'
"$np" flows -r "$demo" --format json >"$tmp/fl.json" 2>/dev/null
check "flows --format json: Python's json reads every line" 'json_ok "$tmp/fl.json" 2'

# ---- decode ------------------------------------------------------------------
if command -v tcpdump >/dev/null; then
	tcpdump -n -r "$demo" >"$tmp/td.txt" 2>/dev/null
	"$np" decode -n -r "$demo" >"$tmp/np.txt" 2>"$tmp/np.err"
	check "decode: standard output is tcpdump's, the 'reading from' line on stderr" \
		'cmp -s "$tmp/td.txt" "$tmp/np.txt" && grep -q "^reading from" "$tmp/np.err"'
	"$np" decode -r "$demo" -w - >"$tmp/w.pcap" 2>/dev/null
	check "decode -w -: standard output is a pcap tcpdump reads whole" \
		'[ "$(tcpdump -n -r "$tmp/w.pcap" 2>/dev/null | wc -l)" = "$(wc -l <"$tmp/td.txt")" ]'
else
	echo "stdout: tcpdump not installed: decode checks skipped"
fi

# ---- watch -------------------------------------------------------------------
"$np" watch -r "$demo" --db "$tmp/w.db" >"$tmp/w.out" 2>"$tmp/w.err"
check "watch: alerts on standard error by default, nothing on stdout" \
	'[ ! -s "$tmp/w.out" ] && grep -q "^ALERT .* new-server" "$tmp/w.err"'
"$np" watch -r "$demo" --db "$tmp/w2.db" --format json --alerts - >"$tmp/w2.out" 2>"$tmp/w2.err"
check "watch --alerts -: JSON alerts on standard output, the statistics on stderr" \
	'json_ok "$tmp/w2.out" 1 && grep -q "^watch: " "$tmp/w2.err" && ! grep -q "\"alert\"" "$tmp/w2.err"'
"$np" watch -r "$demo" --db "$tmp/w3.db" --syslog >"$tmp/w3.out" 2>"$tmp/w3.err"
check "watch --syslog: alerts to syslog only (not stdout, not stderr)" \
	'[ ! -s "$tmp/w3.out" ] && ! grep -q ALERT "$tmp/w3.err" && grep -q ", [1-9][0-9]* alerts" "$tmp/w3.err"'
finish
