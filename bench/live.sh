#!/usr/bin/env bash
# live.sh: the `make bench-live` benchmark (root): what a live sensor loses.
# netprofile watch, flows and decode -w listening on an interface, beside
# tcpdump -w, softflowd and YAF, while Debian's tcpreplay sends a realistic
# mix of packets (bench/gen_capture.c) at fixed rates.
#
# Set-up: two network namespaces made here (np11-snd-PID, np11-rcv-PID) and
# a veth pair between them, IPv6 off on both ends so the kernel adds no
# packets of its own. tcpreplay sends from one end; each tool in turn listens
# on the other, with its default settings. For every rate (100k packets a
# second, 500k, and --topspeed) and tool:
#   loss     the packets the far end of the veth received (its rx_packets
#            counter, before and after) that the tool never counted, in %;
#   CPU      the tool's user + system time (/usr/bin/time) per packet
#            received, in microseconds, for the whole run (start, the
#            replay, a second of quiet, the stop);
#   memory   its peak resident set size (MB).
# What each tool counts: netprofile flows its summary's "packets read",
# watch its statistics line's "packets" (handed to the flow table), decode
# -w the packets in the file it wrote; tcpdump "packets captured"; softflowd
# (softflowctl statistics) "received by libpcap" less "dropped by libpcap";
# YAF (--verbose) "YAF read N total packets". The commands:
#   netprofile watch -i IF --db DB --flows-out DIR --alerts /dev/null
#   netprofile flows -i IF --format csv -o /dev/null
#   netprofile decode -i IF -w FILE
#   tcpdump -i IF -w /dev/null
#   softflowd -d -i IF -v 9 -n 127.0.0.1:9      (exports to the discard port)
#   yaf --live pcap --in IF --out /dev/null --verbose --log stderr  (if /opt/yaf/bin/yaf)
# With RUNS > 1 the figures are medians over the runs.
#
# What it does not measure: a real NIC (a veth delivers on the sender's CPU,
# so the sender and the listener share the 2 cores), or other packet mixes.
# Other work on the machine shows as loss: the load average is printed.
#
# Settings (environment): NETPROFILE (build/netprofile), GEN (build/gen_capture),
# PACKETS (1000000), RATES ("100000 500000 top"), TOOLS ("watch flows decode
# tcpdump softflowd yaf"), RUNS (1), YAF (/opt/yaf/bin/yaf), TMPDIR (/tmp;
# about 0.9 GB free at 1M packets). Exit status: 0 measured; 1 netprofile
# lost 0.1% or more somewhere; 3 cannot run (not root, no namespaces,
# tcpreplay missing).

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NETPROFILE=${NETPROFILE:-$ROOT/build/netprofile}
GEN=${GEN:-$ROOT/build/gen_capture}
PACKETS=${PACKETS:-1000000}
RATES=${RATES:-100000 500000 top}
TOOLS=${TOOLS:-watch flows decode tcpdump softflowd yaf}
RUNS=${RUNS:-1}
YAF=${YAF:-/opt/yaf/bin/yaf}
TIME=/usr/bin/time

cannot() {
    echo "live.sh: $*" >&2
    exit 3
}

[[ $(id -u) == 0 ]] || cannot "needs root (network namespaces)"
command -v tcpreplay >/dev/null || cannot "tcpreplay missing (apt-get install -y tcpreplay)"
[[ -x $TIME ]] || cannot "$TIME missing (apt-get install -y time)"
[[ -x $NETPROFILE ]] || cannot "no $NETPROFILE (make)"
[[ $PACKETS =~ ^[1-9][0-9]*$ ]] || cannot "PACKETS must be a positive number"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || cannot "RUNS must be a positive number"
if [[ ! -x $GEN ]]; then
    cc -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror -o "$GEN" "$ROOT/bench/gen_capture.c" ||
        cannot "could not build $GEN"
fi

snd=np11-snd-$$ rcv=np11-rcv-$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/netprofile-live-bench.XXXXXX") || cannot "no temporary directory"
chmod 755 "$WORK"
tool_pid=
cleanup() {
    [[ -n $tool_pid ]] && kill -KILL "$tool_pid" 2>/dev/null
    for n in $snd $rcv; do
        for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
        ip netns del "$n" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add $snd 2>/dev/null && ip netns add $rcv || cannot "cannot create network namespaces"
ip link add np11s netns $snd type veth peer name np11r netns $rcv || cannot "cannot create a veth pair"
for x in "$snd np11s" "$rcv np11r"; do
    set -- $x
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1"
    ip -n "$1" link set "$2" up
    ip -n "$1" link set lo up # softflowd exports to 127.0.0.1
done
in_rcv() { ip netns exec $rcv "$@"; }
rx_packets() { in_rcv cat /sys/class/net/np11r/statistics/rx_packets; }

CAP=$WORK/mix.pcap
"$GEN" -n "$PACKETS" -o "$CAP" >/dev/null || cannot "gen_capture failed"

# wait_ready FILE: the tool has opened the interface (up to 5 s).
wait_ready() {
    for _ in $(seq 50); do
        grep -q "listening on\|starting data\|Initializing\|yaf starting\|running" "$1" 2>/dev/null && { sleep 0.3; return; }
        sleep 0.1
    done
}

# start_tool TOOL: runs it in the receiving namespace, under time(1).
start_tool() {
    local t=$1 err=$WORK/$t.err
    rm -rf "$WORK/flows" "$WORK/db"* "$WORK/sf.ctl"
    mkdir -p "$WORK/flows" && chmod 777 "$WORK/flows"
    local cmd
    case $t in
    watch) cmd=("$NETPROFILE" watch -i np11r --db "$WORK/db" --flows-out "$WORK/flows" --alerts /dev/null) ;;
    flows) cmd=("$NETPROFILE" flows -i np11r --format csv -o /dev/null) ;;
    decode) cmd=("$NETPROFILE" decode -i np11r -w "$WORK/flows/out.pcap") ;;
    tcpdump) cmd=(tcpdump -i np11r -w /dev/null) ;;
    softflowd) cmd=(softflowd -d -i np11r -v 9 -n 127.0.0.1:9 -c "$WORK/sf.ctl") ;;
    yaf) cmd=("$YAF" --live pcap --in np11r --out /dev/null --verbose --log stderr) ;;
    esac
    ip netns exec $rcv "$TIME" -f "TIME %U %S %M" -o "$WORK/$t.time" "${cmd[@]}" >/dev/null 2>"$err" &
    tool_pid=$!
    wait_ready "$err"
    [[ $t == softflowd || $t == yaf ]] && sleep 1
}

# counted TOOL: what the tool says it saw (after it stopped; softflowd before).
counted() {
    local err=$WORK/$1.err
    case $1 in
    watch) sed -n 's/^watch: \([0-9]*\) packets.*/\1/p' "$err" | tail -n 1 ;;
    flows) sed -n 's/^flows: \([0-9]*\) packets read.*/\1/p' "$err" ;;
    decode) "$NETPROFILE" flows -r "$WORK/flows/out.pcap" -o /dev/null 2>&1 | sed -n 's/^flows: \([0-9]*\) packets read.*/\1/p' ;;
    tcpdump) sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$err" ;;
    softflowd) awk '/received by libpcap/ {r=$NF} /dropped by libpcap/ {d=$NF} END {print r-d}' "$WORK/sf.stats" ;;
    yaf) sed -n 's/.*YAF read \([0-9]*\) total packets.*/\1/p' "$err" ;;
    esac
}

# one RATE TOOL: prints "loss cpu_us_per_packet peak_mb".
one() {
    local rate=$1 t=$2 before after got
    trap - INT TERM
    start_tool "$t"
    before=$(rx_packets)
    if [[ $rate == top ]]; then
        ip netns exec $snd tcpreplay -q -i np11s --topspeed "$CAP" >"$WORK/replay.out" 2>&1
    else
        ip netns exec $snd tcpreplay -q -i np11s --pps "$rate" "$CAP" >"$WORK/replay.out" 2>&1
    fi
    sleep 1
    after=$(rx_packets)
    [[ $t == softflowd ]] && in_rcv softflowctl -c "$WORK/sf.ctl" statistics >"$WORK/sf.stats" 2>&1
    # time(1) ignores SIGINT while it waits: the tool is its child
    if [[ $t == softflowd ]]; then
        in_rcv softflowctl -c "$WORK/sf.ctl" shutdown >/dev/null 2>&1
    else
        kill -INT "$(pgrep -P "$tool_pid")" 2>/dev/null
    fi
    # YAF looks at its stop flag only when libpcap returns, which on a
    # quiet link it never does: one more packet wakes it (counted in rx).
    for _ in $(seq 30); do kill -0 "$tool_pid" 2>/dev/null || break; sleep 0.1; done
    if [[ $t == yaf ]] && kill -0 "$tool_pid" 2>/dev/null; then
        ip netns exec $snd tcpreplay -q -i np11s --limit 1 "$CAP" >/dev/null 2>&1
        after=$((after + 1))
    fi
    wait "$tool_pid" 2>/dev/null
    tool_pid=
    got=$(counted "$t")
    local rx=$((after - before))
    read -r _ u s m < <(grep '^TIME' "$WORK/$t.time")
    local fig
    fig=$(awk -v rx="$rx" -v got="${got:-0}" -v u="$u" -v s="$s" -v m="$m" 'BEGIN {
        loss = rx > 0 ? (rx - got) * 100 / rx : 100; if (loss < 0) loss = 0
        cpu = rx > 0 ? (u + s) * 1e6 / rx : 0; printf "%.3f %.2f %.0f\n", loss, cpu, m / 1024 }')
    echo "$fig"
    echo "$t $rate rx=$rx counted=$got (loss% CPU-us/pkt MB: $fig) $(grep -o 'Rated: [0-9.]* Bps, [0-9.]* Mbps, [0-9.]* pps' "$WORK/replay.out" | head -n 1)" | tee -a "$WORK/log" >&2
}

median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "live.sh: $PACKETS packets ($(stat -c %s "$CAP") bytes) per replay, runs $RUNS"
echo "load before: $(uptime)"
declare -A res
for t in $TOOLS; do
    if [[ $t == yaf && ! -x $YAF ]]; then
        echo "live.sh: YAF not at $YAF: skipped"
        continue
    fi
    for rate in $RATES; do
        for r in $(seq "$RUNS"); do res[$t,$rate,$r]=$(one "$rate" "$t"); done
    done
done
echo "load after:  $(uptime)"
echo
printf "%-10s" "tool"
for rate in $RATES; do printf " | %-26s" "$rate pps: loss% CPU/pkt MB"; done
echo
status=0
for t in $TOOLS; do
    [[ $t == yaf && ! -x $YAF ]] && continue
    printf "%-10s" "$t"
    for rate in $RATES; do
        loss=$(for r in $(seq "$RUNS"); do echo "${res[$t,$rate,$r]}" | cut -d' ' -f1; done | median)
        cpu=$(for r in $(seq "$RUNS"); do echo "${res[$t,$rate,$r]}" | cut -d' ' -f2; done | median)
        mem=$(for r in $(seq "$RUNS"); do echo "${res[$t,$rate,$r]}" | cut -d' ' -f3; done | median)
        printf " | %7s%% %6sus %6sMB  " "$loss" "$cpu" "$mem"
        case $t in watch | flows | decode) awk -v l="$loss" 'BEGIN {exit !(l >= 0.1)}' && status=1 ;; esac
    done
    echo
done
echo
echo "each replay (tool, rate, far end's rx, tool's count, tcpreplay's rate):"
cat "$WORK/log"
exit $status
