#!/usr/bin/env bash
# fuzz.sh - short, bounded libFuzzer runs: decoder + printer over whole
# frames, and the DNS and DHCP parsers + printers on their own.
#
# Frame seeds are the frames of the shipped demo capture and of the
# generator's capture (each prefixed by link type and option bytes). Any
# sanitizer report or crash fails the suite. FUZZ_SECONDS (default 20)
# bounds the frame target; the DNS and DHCP targets get half as long each.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
secs=${FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null; then
	echo "fuzz: clang missing (make deps installs it)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
make -s build/fuzz_decode build/fuzz_dns build/fuzz_dhcp >/dev/null || { echo "fuzz: 0 passed, 1 failed"; exit 1; }
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
pass=0
fail=0
# run_target NAME SECONDS MAXLEN [SEED_DIR]
run_target() {
	local name=$1 t=$2 maxlen=$3 seeddir=${4:-}
	local corpus="$work/corpus-$name"
	mkdir -p "$corpus"
	if ./build/"$name" -max_total_time="$t" -max_len="$maxlen" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$work/$name-" "$corpus" $seeddir >"$work/$name.log" 2>&1; then
		echo "$name: $(grep -E "stat::number_of_executed_units" "$work/$name.log" | awk '{print $2}') inputs, no finding"
		pass=$((pass + 1))
	else
		tail -40 "$work/$name.log"
		mkdir -p build/fuzz-crashes && cp "$work/$name"-* build/fuzz-crashes/ 2>/dev/null
		echo "$name: crash inputs kept in build/fuzz-crashes/"
		fail=$((fail + 1))
	fi
}
run_target fuzz_decode "$secs" 2048 "$seeds"
run_target fuzz_dns $(((secs + 1) / 2)) 1024
run_target fuzz_dhcp $(((secs + 1) / 2)) 1024
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
