# shellcheck shell=bash
# lib.sh - helpers shared by the lab scripts (sourced, not run).
#
# The caller sets LAB_TAG (the prefix of its log lines) and, where it uses
# die() under `set -e`, a cleanup trap of its own. Nothing here creates a
# namespace or starts a process by itself.

log() { printf '[%s] %s\n' "${LAB_TAG:-lab}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Stop a background process we started (by pid) and wait for it.
stop_pid() {
    local pid=$1 sig=${2:-TERM}
    [[ -n $pid ]] || return 0
    kill -"$sig" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

netns_exists() {
    ip netns list | awk '{print $1}' | grep -qxF -- "$1"
}

# Safety net: end any process still inside one of our own namespaces
# (found by namespace, never by name).
kill_netns_leftovers() {
    local ns=$1 pid
    netns_exists "$ns" || return 0
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

# Remove one of our namespaces left behind by an earlier run.
remove_stale_netns() {
    local ns=$1
    netns_exists "$ns" || return 0
    log "removing stale namespace $ns from an earlier run"
    kill_netns_leftovers "$ns"
    ip netns del "$ns"
}

# Wait until CMD... succeeds, up to ~5 s (WAIT_TRIES tenths of a second).
wait_for() {
    local i
    for ((i = 0; i < ${WAIT_TRIES:-50}; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    die "timed out waiting for: $*"
}

no_tentative_addrs() {
    [[ -z $(ip netns exec "$1" ip -6 addr show tentative) ]]
}

# Quiet IPv6 defaults for links created later in namespace $1: no DAD, no
# router solicitations, no autoconfiguration from router advertisements.
quiet_ipv6_defaults() {
    ip netns exec "$1" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.default.router_solicitations=0 \
        net.ipv6.conf.default.accept_ra=0
}

# An nginx configuration serving directory $3 on the listen addresses $4...
# ("10.66.0.1:80", "[fd66::1]:80"); state and logs under directory $2.
# Writes the file $1. nginx workers run unprivileged: $2 and $3 must be
# readable by them.
write_nginx_conf() {
    local conf=$1 state=$2 root=$3 listen=""
    shift 3
    local a
    for a in "$@"; do listen+="        listen $a;"$'\n'; done
    mkdir -p "$state"
    cat >"$conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $state/nginx.pid;
error_log $state/error.log;
events { worker_connections 64; }
http {
    access_log $state/access.log;
    client_body_temp_path $state/body;
    proxy_temp_path $state/proxy;
    fastcgi_temp_path $state/fastcgi;
    uwsgi_temp_path $state/uwsgi;
    scgi_temp_path $state/scgi;
    default_type text/html;
    server_tokens off;
    server {
$listen        root $root;
    }
}
EOF
}

# A dnsmasq configuration: authoritative for nothing, no upstream, no hosts
# file; answers NAME with ADDR for each NAME=ADDR, listens on each LISTEN.
#   write_dnsmasq_conf FILE "LISTEN..." NAME=ADDR...
write_dnsmasq_conf() {
    local conf=$1 listen=$2 a
    shift 2
    {
        printf '%s\n' no-resolv no-hosts no-poll bind-interfaces log-queries
        for a in $listen; do printf 'listen-address=%s\n' "$a"; done
        for a in "$@"; do printf 'address=/%s/%s\n' "${a%%=*}" "${a#*=}"; done
    } >"$conf"
}

# Start tcpdump in namespace $1 on interface $2 writing file $3 (log in
# $3.log); sets CAPTURE_PID. Returns once tcpdump is listening.
capture_start() {
    local ns=$1 ifc=$2 file=$3
    ip netns exec "$ns" tcpdump -i "$ifc" -B 32768 -s 0 -U --immediate-mode -Z root -w "$file" 2>"$file.log" &
    CAPTURE_PID=$!
    wait_for grep -q 'listening on' "$file.log"
    sleep 0.3
}

# Stop the capture started by capture_start (after a moment for the last
# replies to reach the socket).
capture_stop() {
    sleep "${1:-0.5}"
    [[ -n ${CAPTURE_PID:-} ]] || return 0
    kill -INT "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=""
}
