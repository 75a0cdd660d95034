#!/usr/bin/env bash
# report.sh - `netprofile report` (NETPROFILE, else build/netprofile):
#   - bad input: a missing, corrupt, foreign or newer-schema inventory, an
#     unwritable output, wrong options: one line naming the file, exit 1, no
#     report and no temporary file left, an earlier report untouched;
#   - the page's data: one JSON block that a hostile service or host name
#     (</script>, <img onerror>, U+2028) cannot end early, read back intact;
#   - in a real browser (Debian's chromium, headless, over the DevTools
#     protocol with tests/lib/cdp.py): no console error, no request of any
#     kind, no CSP violation; the servers table holds every server of the
#     inventory (sqlite3 counts them), sorting by bytes puts the largest
#     first, the filter narrows the rows, a row opens its clients; hostile
#     names shown as text, no script of theirs run; the plain-SVG charts
#     when Chart.js is missing; a screenshot in build/report.png.
# The browser checks are skipped, with a message, without chromium or
# python3-websocket (scripts/install-deps.sh installs both).
. "$(dirname "$0")/lib/suite.sh" report

command -v sqlite3 > /dev/null || abort "sqlite3 not installed"
[ -x "$np" ] || abort "$np not built"
gen=$here/build/gen_capture
[ -x "$gen" ] || abort "$gen not built (make)"

# ---- bad input ------------------------------------------------------------------------

# expect_fail NAME FILE-IN-MESSAGE CMD...: exit 1, one line on stderr naming the file.
expect_fail() {
	local name=$1 file=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	local rc=$?
	check "$name: exit 1 (got $rc)" '[ $rc -eq 1 ]'
	check "$name: one line naming $file ($(head -c 200 "$tmp/err"))" \
		'[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -qF -- "$file" "$tmp/err"'
	check "$name: nothing on stdout" '[ ! -s "$tmp/out" ]'
}

mkdir -p "$tmp/out-dir"
expect_fail "missing inventory" "$tmp/none.db" "$np" report --db "$tmp/none.db" -o "$tmp/out-dir/r.html"
head -c 8192 /dev/urandom > "$tmp/corrupt.db"
expect_fail "corrupt inventory" "$tmp/corrupt.db" "$np" report --db "$tmp/corrupt.db" -o "$tmp/out-dir/r.html"
sqlite3 "$tmp/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_fail "not an inventory" "$tmp/foreign.db" "$np" report --db "$tmp/foreign.db" -o "$tmp/out-dir/r.html"
check "not an inventory: says so" 'grep -q "not a netprofile inventory" "$tmp/err"'

"$np" servers -r "$here/data/demo.pcap" --db "$tmp/demo.db" > /dev/null 2>&1
check "demo inventory built" '[ "$(sqlite3 "$tmp/demo.db" "SELECT COUNT(*) FROM servers")" -gt 0 ]'
cp "$tmp/demo.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version=99"
expect_fail "newer schema" "$tmp/newer.db" "$np" report --db "$tmp/newer.db" -o "$tmp/out-dir/r.html"
check "newer schema: says so" 'grep -q "newer" "$tmp/err"'
check "newer schema: servers refuses it too" '! "$np" servers --db "$tmp/newer.db" > /dev/null 2>&1'
check "no report after failures" '[ -z "$(ls -A "$tmp/out-dir")" ]'

expect_fail "output directory missing" "$tmp/no/such/dir/r.html" \
	"$np" report --db "$tmp/demo.db" -o "$tmp/no/such/dir/r.html"
expect_fail "output is a directory" "$tmp/out-dir" "$np" report --db "$tmp/demo.db" -o "$tmp/out-dir"
check "no temporary file left" '[ -z "$(ls -A "$tmp/out-dir")" ]'
"$np" report -r "$tmp/none.pcap" -o "$tmp/unreadable.html" > /dev/null 2> "$tmp/err"
rc=$?
check "unreadable capture: exit 1, named ($(head -1 "$tmp/err"))" \
	'[ $rc -eq 1 ] && head -1 "$tmp/err" | grep -qF "$tmp/none.pcap"'
check "unreadable capture: named once (anomalies read it again quietly)" \
	'[ "$(grep -cF "$tmp/none.pcap" "$tmp/err")" -eq 1 ]'

"$np" report --db "$tmp/demo.db" -o "$tmp/out-dir/keep.html" 2> /dev/null
check "report written" '[ -s "$tmp/out-dir/keep.html" ]'
cp "$tmp/out-dir/keep.html" "$tmp/keep.orig"
"$np" report --db "$tmp/corrupt.db" -o "$tmp/out-dir/keep.html" 2> /dev/null
check "a failed run leaves the earlier report as it was" 'cmp -s "$tmp/keep.orig" "$tmp/out-dir/keep.html"'
check "only the report in its directory" '[ "$(ls -A "$tmp/out-dir")" = keep.html ]'

"$np" report --db "$tmp/demo.db" -r "$here/data/demo.pcap" -o "$tmp/x.html" > /dev/null 2>&1
check "--db with -r refused" '[ $? -eq 1 ] && [ ! -e "$tmp/x.html" ]'
"$np" report -o "$tmp/x.html" > /dev/null 2>&1
check "no input refused" '[ $? -eq 1 ] && [ ! -e "$tmp/x.html" ]'
"$np" report --db "$tmp/demo.db" -o - > "$tmp/stdout.html" 2> "$tmp/err"
check "-o - writes the page to stdout" 'head -c 15 "$tmp/stdout.html" | grep -q "<!DOCTYPE html>" && [ ! -s "$tmp/err" ]'

# The servers' status (confirmed/unconfirmed) where the inventory has it, and
# an inventory from before that column still read (the column left empty).
check "status of every server in the data" \
	'grep -q "\"strs\":\[[^]]*\"confirmed\"" "$tmp/stdout.html"'
cp "$tmp/demo.db" "$tmp/old.db"
sqlite3 "$tmp/old.db" "ALTER TABLE servers DROP COLUMN status; PRAGMA user_version=0" 2> /dev/null
"$np" report --db "$tmp/old.db" -o "$tmp/old.html" 2> "$tmp/err"
rc=$?
check "inventory without a status column: read ($(head -1 "$tmp/err"))" \
	'[ $rc -eq 0 ] && grep -q "\"servers\":{\"n\":4," "$tmp/old.html" && ! grep -q "\"confirmed\"" "$tmp/old.html"'

# ---- the data block against hostile names ------------------------------------------------

# A service name and a host name (a server's address, a client's) that try to
# end the script element and run code; evidence with a line separator.
evil_svc='</script><img src=x onerror="window.__pwned=1">'
evil_host='<img src=x onerror=window.__pwned=2>.evil.example'
evil_ev=$'handshake\u2028</SCRIPT ><!--<script>window.__pwned=3</script>&amp;'
cp "$tmp/demo.db" "$tmp/evil.db"
q() { printf "'%s'" "${1//\'/\'\'}"; }
sqlite3 "$tmp/evil.db" "UPDATE servers SET service = $(q "$evil_svc") WHERE port = 80;
UPDATE servers SET evidence = $(q "$evil_ev") WHERE port = 53;
UPDATE clients SET client = $(q "$evil_host");
UPDATE servers SET address = $(q "$evil_host") WHERE rowid = (SELECT MIN(rowid) FROM servers);
UPDATE servers SET ties = CAST(X'41C0AF42E280A843' AS TEXT) WHERE port = 53;"
"$np" report --db "$tmp/evil.db" -o "$tmp/evil.html" 2> "$tmp/err"
check "hostile inventory: report written" '[ $? -eq 0 ] && [ -s "$tmp/evil.html" ]'
check "hostile inventory: three script elements end in the file" \
	'[ "$(grep -oi "</script" "$tmp/evil.html" | wc -l)" -eq 3 ]'
check "hostile inventory: no raw < > & or U+2028 in the data" \
	'sed -n "/id=\"np-data\">/,/<\/script>/p" "$tmp/evil.html" | sed "s/.*id=\"np-data\">//; s/<\/script>.*//" |
	 grep -qvP "[<>&\x{2028}]" 2>/dev/null || ! sed -n "/id=\"np-data\">/,/<\/script>/p" "$tmp/evil.html" |
	 sed "s/.*id=\"np-data\">//; s/<\/script>.*//" | grep -q "[<>&]"'
python3 - "$tmp/evil.html" "$evil_svc" "$evil_host" "$evil_ev" > "$tmp/roundtrip" 2>&1 <<'PY'
import json, sys
page = open(sys.argv[1], encoding="utf-8").read()
start = page.index('<script type="application/json" id="np-data">') + len('<script type="application/json" id="np-data">')
block = page[start:page.index("</script>", start)]
assert not any(c in block for c in "<>&\u2028\u2029"), "raw character in the data"
data = json.loads(block)
strings = set(data["strs"]) | set(data["hosts"])
for s in sys.argv[2:]:
    assert s in strings, "not read back: %r" % s
# bytes that are not UTF-8 (an overlong '/') come out as U+FFFD, one each
assert "A\ufffd\ufffdB\u2028C" in strings, "invalid UTF-8 not replaced"
print("ok")
PY
check "hostile inventory: the JSON reads back every name intact ($(tail -1 "$tmp/roundtrip"))" \
	'[ "$(cat "$tmp/roundtrip")" = ok ]'
check "inventory's server count in the data" \
	"grep -q '\"servers\":{\"n\":$(sqlite3 "$tmp/evil.db" "SELECT COUNT(*) FROM servers")' \"\$tmp/evil.html\""

# ---- a capture, profiled on the spot ----------------------------------------------------------

"$gen" -n 60000 -o "$tmp/mix.pcap" 2> /dev/null
"$np" report -r "$tmp/mix.pcap" -o "$tmp/mix.html" --title "report test" 2> "$tmp/err"
rc=$?
check "report -r: written ($(head -c 200 "$tmp/err"))" '[ $rc -eq 0 ] && [ -s "$tmp/mix.html" ]'
"$np" servers -r "$tmp/mix.pcap" --db "$tmp/mix.db" > /dev/null 2>&1
mix_servers=$(sqlite3 "$tmp/mix.db" "SELECT COUNT(*) FROM servers")
check "report -r: as many servers as servers stores ($mix_servers)" \
	"grep -q '\"servers\":{\"n\":$mix_servers,' \"\$tmp/mix.html\""
packets=$(tcpdump -n -r "$tmp/mix.pcap" 2> /dev/null | wc -l)
check "report -r: packets as tcpdump counts them ($packets)" "grep -q '\"packets\":$packets,' \"\$tmp/mix.html\""
"$np" report --db "$tmp/mix.db" -o "$tmp/mixdb.html" 2> /dev/null
# --learn and --quiet-after as servers takes them: a baseline without alerts,
# servers quiet for half a second raised as gone-quiet (the capture lasts ~2 s).
"$np" report -r "$tmp/mix.pcap" --learn 10m --quiet-after 0.5s -o "$tmp/quiet.html" 2> /dev/null
check "report -r --learn --quiet-after: gone-quiet alerts only" \
	'grep -o "\"strs\":\[[^]]*\]" "$tmp/quiet.html" > "$tmp/strs" && grep -q "\"gone-quiet\"" "$tmp/strs" &&
	 ! grep -q "\"new-server\"" "$tmp/strs"'
# Flow records: the servers that servers --flows finds, and traffic over time.
"$np" flows -r "$tmp/mix.pcap" --format csv -o "$tmp/mix.csv" 2> /dev/null
"$np" servers --flows "$tmp/mix.csv" --db "$tmp/flows.db" > /dev/null 2>&1
"$np" report --flows "$tmp/mix.csv" -o "$tmp/flows.html" 2> /dev/null
flow_servers=$(sqlite3 "$tmp/flows.db" "SELECT COUNT(*) FROM servers")
flow_count=$(($(wc -l < "$tmp/mix.csv") - 1))
check "report --flows: $flow_servers servers, $flow_count flows, traffic over time" \
	"grep -q '\"servers\":{\"n\":$flow_servers,' \"\$tmp/flows.html\" && grep -q '\"flows\":$flow_count,' \"\$tmp/flows.html\" &&
	 grep -q '\"traffic\":{\"start\"' \"\$tmp/flows.html\""
"$np" report -r "$tmp/mix.pcap" --chartjs "$tmp/none.js" -o "$tmp/nochart.html" 2> "$tmp/err"
check "missing Chart.js: still written, with a warning naming it" \
	'[ $? -eq 0 ] && [ -s "$tmp/nochart.html" ] && grep -q "$tmp/none.js" "$tmp/err"'

# ---- anomaly findings, from captures ------------------------------------------------------------

# A land packet and an XMAS scan among ordinary ones; the same capture again
# under a hostile path (it is named in the page); and a flood of XMAS packets
# past the page's limit of 10,000 listed findings. `netprofile anomalies` is
# the reference for what the page lists.
PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'PY'
import struct, sys
from netpkt import csum
out = sys.argv[1]
def ip4(a): return bytes(int(x) for x in a.split('.'))
def frame(src, dst, sport, dport, flags):
    seg = struct.pack('!HHIIBBHHH', sport, dport, 1000, 0, 5 << 4, flags, 65535, 0, 0)
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(seg), 1, 0x4000, 64, 6, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return bytes.fromhex('020000000002020000000001') + b'\x08\x00' + h + seg
def pcap(name, frames):
    with open('%s/%s' % (out, name), 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for k, fr in enumerate(frames):
            f.write(struct.pack('<IIII', 1700000000 + k // 100, (k % 100) * 10007, len(fr), len(fr)) + fr)
A, B = '10.0.0.1', '10.0.0.2'
pcap('odd.pcap', [frame(A, B, 40000, 80, 0x02), frame(B, A, 80, 40000, 0x12), frame(A, B, 40000, 80, 0x10),
                  frame(A, B, 40001, 80, 0x29), frame(A, B, 40000, 80, 0x10), frame(A, A, 139, 139, 0x02),
                  frame(B, A, 80, 40000, 0x11)])
pcap('flood.pcap', [frame(A, B, 1024 + k % 60000, 80, 0x29) for k in range(10050)])
PY
mkdir -p "$tmp/<"
evil_cap="$tmp/</script><img src=x onerror=window.__pwned=4>.pcap"
cp "$tmp/odd.pcap" "$evil_cap"
TZ=UTC "$np" anomalies --format json -r "$tmp/odd.pcap" > "$tmp/odd.json" 2> /dev/null
check "anomalies (the reference) finds the XMAS and land packets" \
	'[ "$(grep -o "\"check\": \"[a-z-]*\"" "$tmp/odd.json" | tr "\n" " ")" = "\"check\": \"tcp-xmas\" \"check\": \"land\" " ]'
"$np" explain --format json -r "$tmp/odd.pcap" > "$tmp/odd-explain.json" 2> /dev/null
"$np" report -r "$tmp/odd.pcap" -r "$evil_cap" -o "$tmp/odd.html" 2> "$tmp/err"
check "report -r with anomalies: written ($(head -c 200 "$tmp/err"))" '[ $? -eq 0 ] && [ -s "$tmp/odd.html" ]'
check "report -r with a hostile capture path: three script elements end in the file" \
	'[ "$(grep -oi "</script" "$tmp/odd.html" | wc -l)" -eq 3 ]'
python3 - "$tmp/odd.html" "$tmp/odd.json" "$tmp/odd.pcap" "$evil_cap" > "$tmp/findings" 2>&1 <<'PY'
import json, sys, time
page = open(sys.argv[1], encoding="utf-8").read()
tag = '<script type="application/json" id="np-data">'
start = page.index(tag) + len(tag)
block = page[start:page.index("</script>", start)]
assert not any(c in block for c in "<>&\u2028\u2029"), "raw character in the data"
d = json.loads(block)
F = d["anomalies"]
ref = [json.loads(l) for l in open(sys.argv[2])]
assert F["files"] == sys.argv[3:], "files: %r" % F["files"]
def row(i):
    ms = d["t0"] + F["t"][i]
    when = time.strftime("%H:%M:%S", time.gmtime(ms // 1000)) + ".%06d" % F["us"][i]
    return {"check": F["checks"][F["check"][i]], "packet": F["packet"][i], "time": when,
            "src": F["src"][i], "dst": F["dst"][i], "detail": F["detail"][i]}
for k in (0, 1):
    got = [row(i) for i in range(F["n"]) if F["file"][i] == k]
    assert got == ref, "capture %d: %r != %r" % (k, got, ref)
counts = dict(zip(F["checks"], F["counts"]))
want = {c: 2 * sum(r["check"] == c for r in ref) for c in F["checks"]}
assert counts == want, "counts %r != %r" % (counts, want)
assert F["n"] == 2 * len(ref) == 4, F["n"]
H = d["hostSteps"]
ref = [json.loads(l) for l in open(sys.argv[2].replace("odd.json", "odd-explain.json"))]
ref = [(r["host"], r["step"], r["summary"]) for r in ref if r.get("step") in ("ipid", "ttl")]
for k in (0, 1):
    got = [(H["host"][i], H["step"][i], H["summary"][i]) for i in range(H["n"]) if H["file"][i] == k]
    assert got == ref and len(ref) >= 2, "host steps of capture %d: %r != %r" % (k, got, ref)
assert H["total"] == H["n"] == 2 * len(ref)
print("ok")
PY
check "report -r: the findings anomalies prints, explain's host steps, for each capture, and their counts ($(tail -1 "$tmp/findings"))" \
	'[ "$(cat "$tmp/findings")" = ok ]'
"$np" report -r "$tmp/flood.pcap" -o "$tmp/flood.html" 2> /dev/null
flood_ref=$("$np" anomalies -r "$tmp/flood.pcap" 2>&1 > /dev/null | grep -o "tcp-xmas [0-9]*")
check "a flood of findings: 10000 listed, all counted ($flood_ref)" \
	'[ "$flood_ref" = "tcp-xmas 10050" ] &&
	 grep -q "\"anomalies\":{\"n\":10000,\"max\":10000,\"checks\":\[[^]]*\],\"counts\":\[0,0,0,10050,0" "$tmp/flood.html"'
"$np" report --db "$tmp/demo.db" -o "$tmp/nofind.html" 2> /dev/null
"$np" report --flows "$tmp/mix.csv" -o "$tmp/nofind2.html" 2> /dev/null
check "no anomalies from --db or --flows" \
	'[ -s "$tmp/nofind.html" ] && [ -s "$tmp/nofind2.html" ] &&
	 ! grep -q "\"anomalies\":" "$tmp/nofind.html" && ! grep -q "\"anomalies\":" "$tmp/nofind2.html"'

# ---- in a real browser ------------------------------------------------------------------------

py=
for p in /usr/bin/python3 python3; do
	if command -v "$p" > /dev/null && "$p" -c "import websocket" 2> /dev/null; then
		py=$p
		break
	fi
done
if ! command -v chromium > /dev/null || [ -z "$py" ]; then
	echo "report: browser checks skipped: needs chromium and python3-websocket (apt-get install chromium python3-websocket)"
	finish
fi
# browse NAME MODE FILE ARGS...: the checker's PASS/FAIL lines, counted.
browse() {
	local name=$1
	shift
	local t0=$SECONDS
	timeout 300 "$py" "$here/tests/lib/report_check.py" "$@" > "$tmp/browse" 2>&1
	local rc=$? seen=0
	echo "report: $name: browser checks in $((SECONDS - t0)) s"
	while read -r verdict rest; do
		case $verdict in
		PASS) ok; seen=$((seen + 1)) ;;
		FAIL) bad "$name: $rest"; seen=$((seen + 1)) ;;
		esac
	done < "$tmp/browse"
	if [ $rc -ne 0 ] || [ $seen -eq 0 ]; then
		bad "$name: the browser check did not run through (exit $rc): $(tail -3 "$tmp/browse")"
	fi
}
mkdir -p "$here/build"
browse "captures" page "$tmp/mix.html" "$mix_servers" "$here/build/report.png"
check "screenshot written to build/report.png" '[ "$(head -c 4 "$here/build/report.png" | od -An -c | tr -d " ")" = "211PNG" ]'
browse "inventory" page "$tmp/mixdb.html" "$mix_servers"
browse "hostile names" hostile "$tmp/evil.html" "$evil_svc" "$evil_host"
browse "no Chart.js" nochart "$tmp/nochart.html"
browse "anomalies" anomalies "$tmp/odd.html" 4 land "$evil_cap"
finish
