#!/usr/bin/env bash
# oracle.sh - the live oracle: Debian's tcpdump and `netprofile decode` on
# captures this test makes itself (the generator's mix, full and 96-byte
# snaplen) and the shipped demo capture of real traffic, with each decode
# option; the two texts must be byte-identical.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" oracle
gen=$here/build/gen_capture
command -v tcpdump >/dev/null || abort "tcpdump missing"

captures=()
if [ -x "$gen" ]; then
	"$gen" -n ${ORACLE_PACKETS:-4000} --seed 11 -o "$tmp/mix.pcap" >/dev/null 2>&1 && captures+=("$tmp/mix.pcap")
	"$gen" -n ${ORACLE_PACKETS:-4000} --seed 12 -s 96 -o "$tmp/mix96.pcap" >/dev/null 2>&1 && captures+=("$tmp/mix96.pcap")
fi
[ -f "$here/data/demo.pcap" ] && captures+=("$here/data/demo.pcap")

option_sets=("" "-v" "-vv" "-vvv" "-e" "-q" "-S" "-S -v" "-t" "-tt" "-ttt" "-tttt" "-ttttt"
	"-x" "-xx" "-X" "-XX" "-A" "-e -v -x" "-c 7" "--nano")

for cap in "${captures[@]}"; do
	for opts in "${option_sets[@]}"; do
		# shellcheck disable=SC2086
		TZ=GMT0 tcpdump -# -n -r "$cap" $opts >"$tmp/want" 2>/dev/null
		# shellcheck disable=SC2086
		TZ=GMT0 "$np" decode -# -n -r "$cap" $opts >"$tmp/got" 2>"$tmp/err"
		# (tcpdump printing nothing, for an option it lacks, is no agreement)
		if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
			ok
		else
			bad "$(basename "$cap") $opts"
			diff "$tmp/want" "$tmp/got" | head -${DIFF_LINES:-6}
		fi
	done
done
summary
