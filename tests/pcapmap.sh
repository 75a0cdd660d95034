#!/usr/bin/env bash
# pcapmap.sh - classic pcap files are read from a memory mapping
# (src/capture/pcapmap.c) until a record libpcap must read; this checks the
# mapped road against Debian's tcpdump, which reads everything through
# libpcap, on the records where the two roads part:
#   - files cut at many offsets (a record cut short: libpcap's error, and
#     every packet before it printed), as tcpdump prints them and exits;
#   - a record whose caplen is over the file's snaplen (libpcap truncates
#     it) and one over libpcap's limit (its error);
#   - both byte orders, micro- and nanosecond files, read with and without --nano;
#   - a filter, -c, and -w (the written file read back by tcpdump).
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" pcapmap
command -v tcpdump >/dev/null || abort "tcpdump missing"
gen=$here/build/gen_capture
[ -x "$gen" ] || abort "build/gen_capture missing (make)"
export TZ=GMT0

"$gen" -n 300 --seed 5 -o "$tmp/mix.pcap" >/dev/null 2>&1 || abort "gen_capture failed"

# same NAME FILE [OPTIONS...]: stdout and exit status agree with tcpdump's.
same() {
	local name=$1 file=$2
	shift 2
	tcpdump -# -n -r "$file" "$@" >"$tmp/want" 2>"$tmp/want.err"
	local want_rc=$?
	"$np" decode -# -n -r "$file" "$@" >"$tmp/got" 2>"$tmp/got.err"
	local got_rc=$?
	if [ -s "$tmp/want" ] || [ "$want_rc" -ne 0 ]; then :; else
		bad "$name: tcpdump printed nothing"
		return
	fi
	if cmp -s "$tmp/want" "$tmp/got" && [ "$want_rc" = "$got_rc" ]; then
		ok
	else
		bad "$name: differs from tcpdump (exit $want_rc / $got_rc): $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ') $(head -c 200 "$tmp/got.err")"
	fi
}

# Cut offsets: inside the file header, record headers and record data.
size=$(stat -c %s "$tmp/mix.pcap")
for cut in 30 40 100 1000 5000 $((size / 3)) $((size / 2 + 7)) $((size - 1)) $((size - 17)); do
	head -c "$cut" "$tmp/mix.pcap" >"$tmp/cut.pcap"
	same "cut at $cut" "$tmp/cut.pcap"
done

# A file rewritten: byte order swapped, nanosecond stamps, a record's caplen
# over the snaplen (libpcap cuts it to the snaplen) or over 256 KiB (error).
python3 - "$tmp/mix.pcap" "$tmp" <<'PY'
import struct, sys
src, out = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
magic, vmaj, vmin, tz, sig, snap, dlt = struct.unpack('<IHHiIII', data[:24])
recs, off = [], 24
while off + 16 <= len(data):
    s, us, incl, orig = struct.unpack('<IIII', data[off:off + 16])
    recs.append((s, us, orig, data[off + 16:off + 16 + incl]))
    off += 16 + incl

def write(name, endian='<', nano=False, snaplen=snap, edit=None):
    m = 0xa1b23c4d if nano else 0xa1b2c3d4
    b = bytearray(struct.pack(endian + 'IHHiIII', m, 2, 4, 0, 0, snaplen, dlt))
    for i, (s, us, orig, pkt) in enumerate(recs):
        frac = us * 1000 + 123 if nano else us
        incl = len(pkt)
        if edit and i == edit[0]:
            incl = edit[1]
            pkt = (pkt + b'\0' * incl)[:incl]
        b += struct.pack(endian + 'IIII', s, frac, incl, max(orig, incl)) + pkt
    open(f'{out}/{name}.pcap', 'wb').write(b)

write('big', '>')
write('nano', nano=True)
write('bignano', '>', nano=True)
write('oversnap', snaplen=200, edit=(10, 600))
write('overmax', edit=(20, 300000))
PY
for f in big nano bignano oversnap overmax; do
	same "$f" "$tmp/$f.pcap"
	same "$f --nano" "$tmp/$f.pcap" --nano
	same "$f -c 15" "$tmp/$f.pcap" -c 15
	same "$f filter" "$tmp/$f.pcap" tcp and port 443
done
same "filter and -c" "$tmp/mix.pcap" -c 5 udp
same "-v -e" "$tmp/mix.pcap" -v -e

# -w through the mapping: the written file is what tcpdump writes.
"$np" decode -r "$tmp/oversnap.pcap" -w "$tmp/ours.pcap" udp 2>/dev/null
tcpdump -r "$tmp/oversnap.pcap" -w "$tmp/theirs.pcap" udp 2>/dev/null
check "-w writes what tcpdump writes" 'cmp -s "$tmp/ours.pcap" "$tmp/theirs.pcap" && [ -s "$tmp/ours.pcap" ]'

# flows: the same records whether the file is mapped or piped through libpcap.
"$np" flows -r "$tmp/overmax.pcap" --format csv >"$tmp/f1" 2>/dev/null
"$np" flows -r - --format csv <"$tmp/overmax.pcap" >"$tmp/f2" 2>/dev/null
check "flows: mapped file and pipe agree" 'cmp -s "$tmp/f1" "$tmp/f2" && [ -s "$tmp/f1" ]'
finish
