#!/usr/bin/env bash
# progress.sh: what the progress line costs (`make bench-progress`).
#
# The same read of a generated capture (PACKETS, default 2,000,000 packets,
# about 850 MB) with the line on a pseudo-terminal (--progress, stderr on a
# terminal through util-linux `script`) and without it (--no-progress, same
# terminal), interleaved, RUNS times each (default 5): the median CPU time
# (user + system of every thread, which a busy machine disturbs less than
# wall time) and wall time of each, and the cost in percent. Two commands: `flows -r F --format csv
# -o /dev/null` (two threads; the line is drawn by the reading thread) and
# `decode -r F -w /dev/null` (one thread, no printing: the cheapest work per
# packet, where a per-packet cost would show most). Target: under 1% of the
# CPU time (exit 1 if missed).
# Settings (environment): NETPROFILE, GEN (build/gen_capture), PACKETS,
# RUNS, TMPDIR.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
np=${NETPROFILE:-$root/build/netprofile}
gen=${GEN:-$root/build/gen_capture}
packets=${PACKETS:-2000000}
runs=${RUNS:-5}
[ -x "$np" ] && [ -x "$gen" ] || { echo "progress: build first (make)"; exit 2; }
command -v script >/dev/null || { echo "progress: script missing (bsdutils)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cap=$work/bench.pcap
"$gen" -n "$packets" -o "$cap" >/dev/null 2>&1
echo "capture: $packets packets, $(($(stat -c %s "$cap") / 1000000)) MB; load: $(uptime | sed 's/.*load average: //')"

# cpu COMMAND...: "WALL CPU" seconds of the command (CPU = user + system, of
# every thread), run with stderr on a pseudo-terminal.
cpu() {
	local cmd
	printf -v cmd '%q ' "$@"
	# bash's time: milliseconds, where /usr/bin/time gives hundredths
	script -qfec "bash -c 'TIMEFORMAT=\"%3R %3U %3S\"; { time $cmd 2>/dev/tty; } 2>$work/t'" /dev/null >/dev/null 2>&1 </dev/null
	awk '{print $1, $2 + $3}' "$work/t"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

status=0
bench() {
	local label=$1 won woff con coff
	shift
	: >"$work/on"
	: >"$work/off"
	for ((i = 0; i < runs; i++)); do
		cpu "$@" --progress >>"$work/on"
		cpu "$@" --no-progress >>"$work/off"
	done
	won=$(cut -d' ' -f1 "$work/on" | median)
	woff=$(cut -d' ' -f1 "$work/off" | median)
	con=$(cut -d' ' -f2 "$work/on" | median)
	coff=$(cut -d' ' -f2 "$work/off" | median)
	awk -v l="$label" -v won="$won" -v woff="$woff" -v con="$con" -v coff="$coff" -v n="$runs" 'BEGIN {
		printf "%-7s with the line / without (medians of %d): CPU %.3f / %.3f s, cost %+.2f%%; wall %.3f / %.3f s, %+.2f%%\n",
			l, n, con, coff, (con - coff) * 100 / coff, won, woff, (won - woff) * 100 / woff
		exit !((con - coff) * 100 / coff < 1) }' || status=1
}
bench flows "$np" flows -r "$cap" --format csv -o /dev/null
bench decode "$np" decode -r "$cap" -w /dev/null
echo "load after: $(uptime | sed 's/.*load average: //')"
exit $status
