#!/usr/bin/env bash
# fuzz.sh - a short, bounded libFuzzer run over decoder + printer.
#
# Seeds are the frames of the shipped demo capture and of the generator's
# capture (each frame prefixed by link type and option bytes). Any
# sanitizer report or crash fails the suite. FUZZ_SECONDS (default 20).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
secs=${FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null; then
	echo "fuzz: clang missing (make deps installs it)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
make -s build/fuzz_decode >/dev/null || { echo "fuzz: 0 passed, 1 failed"; exit 1; }
seeds=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$seeds" "$work"' EXIT

# One seed file per frame: [link type 0 = Ethernet][options][frame].
split_pcap() {
	python3 - "$1" "$seeds" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
if len(data) < 24:
    sys.exit(0)
endian = '<' if data[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
off, i = 24, 0
while off + 16 <= len(data) and i < 400:
    _, _, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
    frame = data[off + 16: off + 16 + incl]
    off += 16 + incl
    for opts in (0, 1 | 4, 2 | 8):
        open('%s/s%04d_%d' % (sys.argv[2], i, opts), 'wb').write(bytes([0, opts]) + frame)
    i += 1
PY
}
[ -f data/demo.pcap ] && split_pcap data/demo.pcap
if [ -x build/gen_capture ]; then
	build/gen_capture -n 300 -o "$work/gen.pcap" --seed 7 >/dev/null 2>&1 && split_pcap "$work/gen.pcap"
fi
if ./build/fuzz_decode -max_total_time="$secs" -max_len=2048 -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$work/" "$work" "$seeds" >"$work/log" 2>&1; then
	grep -E "stat::number_of_executed_units|Done" "$work/log" | tail -2
	echo "fuzz: 1 passed, 0 failed"
else
	tail -40 "$work/log"
	mkdir -p build/fuzz-crashes && cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* build/fuzz-crashes/ 2>/dev/null
	echo "fuzz: crash inputs kept in build/fuzz-crashes/"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
