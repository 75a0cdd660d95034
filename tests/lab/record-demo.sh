#!/usr/bin/env bash
# record-demo.sh - record the demo capture for netprofile (data/demo.pcap).
#
# Builds a tiny, private two-host lab out of network namespaces and records
# a short, varied conversation between the hosts with tcpdump:
#
#   np-demo-cli (client)  np-cli0 <--veth--> np-srv0  np-demo-srv (server)
#   10.77.0.1/24, fd77::1/64                 10.77.0.2/24, fd77::2/64
#
# The server runs dnsmasq (www.lab.test -> 10.77.0.2 / fd77::2) and nginx
# (a small index page). The client does: DNS lookups (A over IPv4, AAAA over
# IPv6), 2 pings, an HTTP fetch over IPv4 and over IPv6 (names resolved
# through the lab resolver), 2 ping6, and one UDP datagram to a closed port
# over each IP version (-> ICMP / ICMPv6 port unreachable). Neighbour caches
# are flushed first so ARP and IPv6 neighbour discovery are recorded too.
#
# All traffic stays between the two namespaces: there is no route out of
# them and no address outside 10.77.0.0/24 and fd77::/64 is used.
# Everything (processes, namespaces, temp files, /etc/netns/np-demo-cli) is
# torn down on exit, also on failure.
#
# Usage (as root):  tests/lab/record-demo.sh [OUTPUT.pcap]
#                   default output: data/demo.pcap in the repository
# Needs: iproute2 ethtool tcpdump dnsmasq-base nginx bind9-dnsutils curl iputils-ping

set -euo pipefail

readonly NS_CLI=np-demo-cli
readonly NS_SRV=np-demo-srv
readonly IF_CLI=np-cli0
readonly IF_SRV=np-srv0
readonly IP4_CLI=10.77.0.1
readonly IP4_SRV=10.77.0.2
readonly IP6_CLI=fd77::1
readonly IP6_SRV=fd77::2
readonly MAC_CLI=02:77:00:00:00:01
readonly MAC_SRV=02:77:00:00:00:02
readonly NAME=www.lab.test
readonly NETNS_ETC=/etc/netns/$NS_CLI

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
OUT=${1:-$REPO_ROOT/data/demo.pcap}

TMP=""
CAPTURE_PID=""
PID_DNSMASQ=""
PID_NGINX=""
CREATED_NETNS_DIR=0

# shellcheck disable=SC2034 # read by lib.sh's log()
LAB_TAG=record-demo
# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"

# Foreground helpers. Background processes are started with a plain
# `ip netns exec ... &` instead, so that $! is the server's own pid (ip execs
# it) and not a subshell's.
in_cli() { ip netns exec "$NS_CLI" "$@"; }
in_srv() { ip netns exec "$NS_SRV" "$@"; }

cleanup() {
    local rc=$?
    set +e
    stop_pid "$CAPTURE_PID" INT
    stop_pid "$PID_NGINX" QUIT
    stop_pid "$PID_DNSMASQ"
    kill_netns_leftovers "$NS_CLI"
    kill_netns_leftovers "$NS_SRV"
    ip netns del "$NS_CLI" 2>/dev/null
    ip netns del "$NS_SRV" 2>/dev/null
    rm -rf "$NETNS_ETC"
    ((CREATED_NETNS_DIR)) && rmdir /etc/netns 2>/dev/null
    [[ -n $TMP ]] && rm -rf "$TMP"
    if ((rc != 0)); then
        log "failed (exit $rc); lab torn down"
    fi
    exit "$rc"
}

check_prereqs() {
    ((EUID == 0)) || die "must run as root (network namespaces)"
    local tool
    for tool in ip ethtool tcpdump dnsmasq nginx dig curl ping; do
        command -v "$tool" >/dev/null || die "missing tool: $tool (see tests/lab/README.md)"
    done
    remove_stale_netns "$NS_CLI"
    remove_stale_netns "$NS_SRV"
}

setup_namespaces() {
    log "creating namespaces $NS_CLI and $NS_SRV"
    ip netns add "$NS_CLI"
    ip netns add "$NS_SRV"

    # Quiet IPv6 defaults for new links: no DAD, no router solicitations.
    local ns
    for ns in "$NS_CLI" "$NS_SRV"; do
        quiet_ipv6_defaults "$ns"
        ip netns exec "$ns" ip link set lo up
    done

    # Fixed (locally administered) MACs, so reruns give the same addresses.
    ip link add "$IF_CLI" netns "$NS_CLI" address "$MAC_CLI" type veth \
        peer name "$IF_SRV" netns "$NS_SRV" address "$MAC_SRV"

    in_cli ip addr add "$IP4_CLI/24" dev "$IF_CLI"
    in_cli ip -6 addr add "$IP6_CLI/64" dev "$IF_CLI" nodad
    in_srv ip addr add "$IP4_SRV/24" dev "$IF_SRV"
    in_srv ip -6 addr add "$IP6_SRV/64" dev "$IF_SRV" nodad
    # veth offloads checksums by default, which leaves partial (wrong-looking)
    # TCP/UDP checksums in the capture; have the kernel compute them instead.
    in_cli ethtool -K "$IF_CLI" tx off >/dev/null
    in_srv ethtool -K "$IF_SRV" tx off >/dev/null
    in_cli ip link set "$IF_CLI" up
    in_srv ip link set "$IF_SRV" up
    # Only the connected /24 and /64 routes exist: no default route, no way out.

    # The client's resolver: `ip netns exec` bind-mounts this over /etc/resolv.conf.
    [[ -d /etc/netns ]] || CREATED_NETNS_DIR=1
    mkdir -p "$NETNS_ETC"
    printf 'nameserver %s\noptions attempts:1 timeout:2\n' "$IP4_SRV" >"$NETNS_ETC/resolv.conf"
}

start_dns() {
    log "starting dnsmasq on $IP4_SRV / $IP6_SRV"
    write_dnsmasq_conf "$TMP/dnsmasq.conf" "$IP4_SRV $IP6_SRV" "$NAME=$IP4_SRV" "$NAME=$IP6_SRV"
    ip netns exec "$NS_SRV" dnsmasq --keep-in-foreground --conf-file="$TMP/dnsmasq.conf" \
        --pid-file="$TMP/dnsmasq.pid" --log-facility=- 2>"$TMP/dnsmasq.log" &
    PID_DNSMASQ=$!
    wait_for in_srv dig +short +tries=1 +time=1 @"$IP4_SRV" "$NAME" A
}

start_web() {
    log "starting nginx on $IP4_SRV:80 / [$IP6_SRV]:80"
    mkdir -p "$TMP/www"
    cat >"$TMP/www/index.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>netprofile lab</title></head>
<body><p>Hello from the netprofile demo lab.</p></body></html>
EOF
    write_nginx_conf "$TMP/nginx.conf" "$TMP/nginx" "$TMP/www" "$IP4_SRV:80" "[$IP6_SRV]:80"
    ip netns exec "$NS_SRV" nginx -e "$TMP/nginx/error.log" -c "$TMP/nginx.conf" &
    PID_NGINX=$!
    wait_for in_srv curl -sf -o /dev/null "http://$IP4_SRV/"
}

# Let the links settle before recording: carrier up, link-local addresses
# configured, both IP versions answering, and the MLD reports that follow a
# link coming up sent. Then the capture holds only the demo's own traffic.
settle_links() {
    log "waiting for the links to settle"
    wait_for in_cli ping -n -c 1 -W 1 "$IP4_SRV"
    wait_for in_cli ping -6 -n -c 1 -W 1 "$IP6_SRV"
    wait_for no_tentative_addrs "$NS_CLI"
    wait_for no_tentative_addrs "$NS_SRV"
    sleep 3
}

flush_neighbours() {
    in_cli ip neigh flush dev "$IF_CLI"
    in_srv ip neigh flush dev "$IF_SRV"
    in_cli ip -6 neigh flush dev "$IF_CLI"
    in_srv ip -6 neigh flush dev "$IF_SRV"
}

start_capture() {
    log "starting tcpdump on $IF_CLI in $NS_CLI"
    capture_start "$NS_CLI" "$IF_CLI" "$TMP/demo.pcap"
}

stop_capture() {
    log "stopping tcpdump"
    capture_stop 0.5
    cat "$TMP/demo.pcap.log" >&2
}

# The recorded conversation. Each step is short and bounded.
run_client_traffic() {
    log "client: DNS A over IPv4, AAAA over IPv6"
    in_cli dig +tries=1 +time=2 +noall +answer @"$IP4_SRV" "$NAME" A
    in_cli dig +tries=1 +time=2 +noall +answer @"$IP6_SRV" "$NAME" AAAA

    log "client: ping $IP4_SRV"
    in_cli ping -n -c 2 -i 0.2 -W 2 "$IP4_SRV"

    log "client: HTTP over IPv4 (name via the lab resolver)"
    in_cli curl -4 -sS --max-time 5 -o /dev/null -w '%{http_code} %{remote_ip}\n' "http://$NAME/"

    log "client: HTTP over IPv6"
    in_cli curl -6 -sS --max-time 5 -o /dev/null -w '%{http_code} %{remote_ip}\n' "http://$NAME/"

    log "client: ping6 $IP6_SRV"
    in_cli ping -6 -n -c 2 -i 0.2 -W 2 "$IP6_SRV"

    log "client: UDP to closed port 9 (expect ICMP port unreachable)"
    in_cli bash -c "printf 'netprofile-probe' >/dev/udp/$IP4_SRV/9"
    sleep 0.2
    in_cli bash -c "printf 'netprofile-probe' >/dev/udp/$IP6_SRV/9"
}

# Fail if capture file $1 lacks something the demo is meant to show.
check_capture() {
    local pcap=$1 text missing=0 want
    text=$(tcpdump -n -r "$pcap" 2>/dev/null; tcpdump -n -v -r "$pcap" 2>/dev/null)
    for want in 'ARP, Request' 'ARP, Reply' "A? $NAME" "AAAA? $NAME" \
        "$NAME. A $IP4_SRV" "$NAME. AAAA $IP6_SRV" 'Flags \[S\]' 'Flags \[S\.\]' \
        'HTTP: GET / HTTP/1.1' 'HTTP/1.1 200 OK' 'Flags \[F\.\]' \
        'ICMP echo request' 'ICMP echo reply' 'udp port 9 unreachable' \
        'neighbor solicitation' 'neighbor advertisement' 'ICMP6, echo request' \
        'ICMP6, destination unreachable'; do
        if ! grep -q -- "$want" <<<"$text"; then
            log "capture lacks: $want"
            missing=1
        fi
    done
    if tcpdump -n -vv -r "$pcap" 2>/dev/null | grep -Eq 'cksum .*incorrect|bad (udp|tcp) cksum'; then
        log "capture has packets with wrong checksums (offload still on?)"
        missing=1
    fi
    ((missing == 0)) || die "capture incomplete"
}

main() {
    check_prereqs
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    TMP=$(mktemp -d /tmp/np-demo.XXXXXX)
    chmod 0755 "$TMP" # nginx workers run unprivileged and read $TMP/www

    setup_namespaces
    start_dns
    start_web
    settle_links
    flush_neighbours
    start_capture
    run_client_traffic
    stop_capture
    check_capture "$TMP/demo.pcap"

    mkdir -p "$(dirname "$OUT")"
    cp "$TMP/demo.pcap" "$OUT"
    chmod 0644 "$OUT"
    log "wrote $OUT: $(tcpdump -n -r "$OUT" 2>/dev/null | wc -l) packets, $(stat -c %s "$OUT") bytes"
}

main "$@"
