#!/usr/bin/env bash
# decode.sh: the `make bench` decode benchmark, netprofile decode against tcpdump.
#
# What it measures: wall time to turn a pcap file into tcpdump's text, for
# `tcpdump -n -r F` and `netprofile decode -n -r F` (output to /dev/null),
# run side by side and interleaved, median of RUNS runs each, on two generated
# captures of the same traffic: full packets and cut to 96 bytes (-s 96). Then
# one timed run of each with -v. Before any timing it checks that both tools
# print byte-identical text (TZ=GMT0), since speed only counts when the output
# is the same.
#
# What it does not measure: live capture, flows, memory, or correctness on
# malformed input (tests/ does that); a single machine's numbers, not a
# guarantee. The captures come from bench/gen_capture.c, twice over: clients
# on private addresses (where tcpdump is slowest; see shared/ANCHORS.md) and,
# with --public-clients, on public ones (where it is fastest). The issue's
# target is x10 tcpdump's speed on all four captures.
#
# Settings (environment): NETPROFILE (build/netprofile), GEN (build/gen_capture,
# built if missing), PACKETS (2000000), RUNS (3), SEED (1), TMPDIR (/tmp; needs
# about 6 GB free at 2 M packets).
# Exit status: 0 texts identical; 1 some text differs; 2 netprofile is missing
# or its decode fails (tcpdump is still measured; wins over 1); 3 bad setup.

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) # defaults work from any directory
NETPROFILE=${NETPROFILE:-$ROOT/build/netprofile}
GEN=${GEN:-$ROOT/build/gen_capture}
PACKETS=${PACKETS:-2000000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
export TZ=GMT0 # tcpdump prints local time; both tools must agree on it

fail_setup() {
    echo "decode.sh: $*" >&2
    exit 3
}

[[ $PACKETS =~ ^[1-9][0-9]*$ ]] || fail_setup "PACKETS must be a positive number, not '$PACKETS'"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail_setup "RUNS must be a positive number, not '$RUNS'"
command -v tcpdump > /dev/null ||
    fail_setup "tcpdump not found (apt-get install -y tcpdump)"

# The generator is ours: build it if it is missing, as the Makefile would.
if [[ ! -x $GEN ]]; then
    [[ -f $ROOT/bench/gen_capture.c ]] || fail_setup "no generator at $GEN and no source to build it"
    mkdir -p "$(dirname "$GEN")"
    cc -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" "$ROOT/bench/gen_capture.c" ||
        fail_setup "could not build $GEN"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/netprofile-decode-bench.XXXXXX") ||
    fail_setup "cannot make a temporary directory"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

status=0           # worst outcome so far, see "Exit status" above
netprofile_ok=true # false once netprofile is missing or fails
netprofile_problem=""

if [[ ! -x $NETPROFILE ]]; then
    netprofile_ok=false
    netprofile_problem="$NETPROFILE not found or not executable (run make first); timing tcpdump only"
    status=2
fi

# ---------------------------------------------------------------- helpers

now() { date +%s.%N; }

seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Runs a command with stdout to $OUT (default /dev/null); prints wall seconds.
# Returns the command's status.
time_run() {
    local out=${OUT:-/dev/null} start end rc
    start=$(now)
    "$@" > "$out" 2> "$WORK/stderr"
    rc=$?
    end=$(now)
    seconds_between "$start" "$end"
    return $rc
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mpkts() { awk -v n="$PACKETS" -v s="$1" 'BEGIN { if (s > 0) printf "%.3f", n / s / 1e6; else print "-" }'; }

# netprofile speed over tcpdump speed, e.g. "x12.5".
speedup() { awk -v t="$1" -v n="$2" 'BEGIN { if (n > 0) printf "x%.1f", t / n; else print "-" }'; }

print_row() { printf '%-8s %9s  %-10s %-5s %9s %9s  %s\n' "$@"; }

# Keeps the worst exit status seen (a higher number is worse).
raise_status() { if (($1 > status)); then status=$1; fi; }

netprofile_failed() { # $1 = exit status, $2 = what was run
    netprofile_ok=false
    netprofile_problem="'$NETPROFILE decode $2' failed with status $1: $(head -c 300 "$WORK/stderr")"
    raise_status 2
}

# Prints the first lines that differ, side by side (one line per packet with
# -n, so line N of each is the same packet); streams, so huge files are fine.
show_first_differences() { # $1 tcpdump text, $2 netprofile text
    echo "  lines: tcpdump $(wc -l < "$1"), netprofile $(wc -l < "$2")"
    local separator=$'\037' # ASCII unit separator, never in either text
    paste -d "$separator" "$1" "$2" | awk -F "$separator" '$1 != $2 {
        printf "  line %d\n  < %s\n  > %s\n", NR, $1, $2
        if (++shown == 5) exit }'
}

# Compares two text outputs; prints the verdict and the first differences.
report_identity() { # $1 label, $2 tcpdump text, $3 netprofile text
    if cmp -s "$2" "$3"; then
        echo "text identical ($1): yes"
        return
    fi
    echo "text identical ($1): no; first differing lines (< tcpdump, > netprofile):"
    show_first_differences "$2" "$3"
    raise_status 1
}

# ---------------------------------------------------------------- stages

make_captures() {
    echo "generating $PACKETS packets (seed $SEED) into $WORK ..."
    local start
    start=$(now)
    "$GEN" -n "$PACKETS" --seed "$SEED" -o "$WORK/full.pcap" || fail_setup "$GEN failed"
    "$GEN" -n "$PACKETS" --seed "$SEED" -s 96 -o "$WORK/snap96.pcap" || fail_setup "$GEN failed"
    "$GEN" -n "$PACKETS" --seed "$SEED" --public-clients -o "$WORK/pub.pcap" || fail_setup "$GEN failed"
    "$GEN" -n "$PACKETS" --seed "$SEED" --public-clients -s 96 -o "$WORK/pub96.pcap" || fail_setup "$GEN failed"
    echo "  four captures in $(seconds_between "$start" "$(now)") s:" \
        "$(du -h "$WORK/full.pcap" | cut -f1) full, $(du -h "$WORK/snap96.pcap" | cut -f1) at -s 96" \
        "(private clients: full, snap96; public clients: pub, pub96)"
}

# Identity check with -n; also warms the page cache before timing.
check_plain_text() { # $1 capture name
    local pcap="$WORK/$1.pcap" rc
    OUT="$WORK/tcpdump.txt" time_run tcpdump -n -r "$pcap" > /dev/null ||
        fail_setup "tcpdump failed on $pcap: $(head -c 300 "$WORK/stderr")"
    $netprofile_ok || { echo "text identical ($1, -n): not checked ($netprofile_problem)"; return; }
    OUT="$WORK/netprofile.txt" time_run "$NETPROFILE" decode -n -r "$pcap" > /dev/null
    rc=$?
    if ((rc != 0)); then
        netprofile_failed "$rc" "-n -r $pcap"
        echo "text identical ($1, -n): not checked ($netprofile_problem)"
        return
    fi
    report_identity "$1, -n" "$WORK/tcpdump.txt" "$WORK/netprofile.txt"
}

# RUNS interleaved runs of both tools with -n; prints two table rows.
time_plain_text() { # $1 capture name
    local pcap="$WORK/$1.pcap" t tcpdump_times=() netprofile_times=() i
    for ((i = 0; i < RUNS; i++)); do
        t=$(time_run tcpdump -n -r "$pcap") || fail_setup "tcpdump failed on $pcap"
        tcpdump_times+=("$t")
        if $netprofile_ok; then
            t=$(time_run "$NETPROFILE" decode -n -r "$pcap") || { netprofile_failed $? "-n -r $pcap"; continue; }
            netprofile_times+=("$t")
        fi
    done
    local tcpdump_median netprofile_median
    tcpdump_median=$(median "${tcpdump_times[@]}")
    print_row "$1" "$PACKETS" tcpdump -n "$tcpdump_median" "$(mpkts "$tcpdump_median")" ""
    if ((${#netprofile_times[@]} < RUNS)); then
        $netprofile_ok || [[ -x $NETPROFILE ]] || return 0
        print_row "$1" "$PACKETS" netprofile -n failed - "(see the end)"
        return 0
    fi
    netprofile_median=$(median "${netprofile_times[@]}")
    print_row "$1" "$PACKETS" netprofile -n "$netprofile_median" "$(mpkts "$netprofile_median")" \
        "$(speedup "$tcpdump_median" "$netprofile_median")"
}

# One run of each with -v, output to files (timed), then compared.
time_and_check_verbose() { # $1 capture name
    local pcap="$WORK/$1.pcap" tcpdump_time netprofile_time rc
    tcpdump_time=$(OUT="$WORK/tcpdump-v.txt" time_run tcpdump -n -v -r "$pcap") ||
        fail_setup "tcpdump -v failed on $pcap"
    print_row "$1" "$PACKETS" tcpdump "-v" "$tcpdump_time" "$(mpkts "$tcpdump_time")" ""
    $netprofile_ok || return 0
    netprofile_time=$(OUT="$WORK/netprofile-v.txt" time_run "$NETPROFILE" decode -n -v -r "$pcap")
    rc=$?
    if ((rc != 0)); then
        netprofile_failed "$rc" "-n -v -r $pcap"
        print_row "$1" "$PACKETS" netprofile -v failed - "(see the end)"
        return 0
    fi
    print_row "$1" "$PACKETS" netprofile "-v" "$netprofile_time" "$(mpkts "$netprofile_time")" \
        "$(speedup "$tcpdump_time" "$netprofile_time")"
    report_identity "$1, -v" "$WORK/tcpdump-v.txt" "$WORK/netprofile-v.txt" > "$WORK/verdict-$1-v"
    rm -f "$WORK/tcpdump-v.txt" "$WORK/netprofile-v.txt"
}

# ---------------------------------------------------------------- main

CAPTURES=(full snap96 pub pub96)
make_captures
for capture in "${CAPTURES[@]}"; do
    check_plain_text "$capture"
done
rm -f "$WORK/tcpdump.txt" "$WORK/netprofile.txt"

echo
echo "decode speed, $PACKETS packets per capture, median of $RUNS interleaved runs (-v: one run)"
print_row capture packets tool opts "median s" "Mpkt/s" "netprofile/tcpdump speed"
for capture in "${CAPTURES[@]}"; do
    time_plain_text "$capture"
done
for capture in "${CAPTURES[@]}"; do
    time_and_check_verbose "$capture"
done

echo
for capture in "${CAPTURES[@]}"; do
    [[ -f $WORK/verdict-$capture-v ]] && cat "$WORK/verdict-$capture-v"
done
$netprofile_ok || echo "netprofile: $netprofile_problem"
exit "$status"
