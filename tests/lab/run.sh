#!/usr/bin/env bash
# run.sh - the lab: real servers and real clients in network namespaces,
# one capture per scenario and one of all of them at once, a ground-truth
# file per capture, then every netprofile layer checked against them
# (tests/lab/check.py).
#
#                       np-lab-sw (bridge br0, tcpdump here)
#        +-----------------+---------+-----------+-------------+
#   np-lab-srv        np-lab-cl1   np-lab-cl2    np-lab-rtr ---- np-lab-far
#   10.66.0.1         10.66.0.2    10.66.0.3     10.66.0.254     10.66.1.254 / 10.66.1.4
#   fd66::1           fd66::2      fd66::3       (router)        (no NTP, traceroute target)
#   sshd telnetd      nginx (the
#   vsftpd dnsmasq    usual client
#   nginx chronyd     serving a page)
#   pptpd
#
# Only the lab's own subnets are routed (10.66.0.0/24, 10.66.1.0/24,
# fd66::/64): no default route, no address outside them is used. Every
# process, namespace and temporary file is removed on exit, on failure too.
#
# Usage (as root):
#   tests/lab/run.sh                  every scenario, then all at once, then the checks
#   tests/lab/run.sh ssh ftp-active   only these scenarios (and their checks)
#   tests/lab/run.sh --no-check ...   record only
#   tests/lab/run.sh --list           the scenarios
# Captures, ground truth and server logs go to tests/lab/out/ (LAB_OUT).
# Needs the packages in LAB_PACKAGES of scripts/install-deps.sh.

set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck disable=SC2034 # read by lib.sh's log()
LAB_TAG=lab
# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"

OUT=${LAB_OUT:-$SCRIPT_DIR/out}
SCENARIOS=(ssh telnet ftp-active ftp-passive dns http ntp ntp-none traceroute pptp web-swap dhcp)
# Recorded on their own but left out of `all` (whose truth is the union):
# netprofile servers does not find the DHCP servers yet (one-way UDP flows:
# requests to 255.255.255.255 and ff02::1:2, answers to another address), so
# `all` would fail on them too.
NOT_IN_ALL=()

# ---- the hosts ---------------------------------------------------------------------
readonly NS_SW=np-lab-sw NS_SRV=np-lab-srv NS_CL1=np-lab-cl1 NS_CL2=np-lab-cl2 NS_RTR=np-lab-rtr NS_FAR=np-lab-far
readonly ALL_NS="$NS_SW $NS_SRV $NS_CL1 $NS_CL2 $NS_RTR $NS_FAR"
readonly SRV4=10.66.0.1 CL14=10.66.0.2 CL24=10.66.0.3 RTR4=10.66.0.254 RTR4B=10.66.1.254 FAR4=10.66.1.4
readonly SRV6=fd66::1 CL16=fd66::2 CL26=fd66::3
# Link-local addresses (from the MACs): DHCPv6 runs between them.
readonly SRV6LL=fe80::66:ff:fe00:1 CL26LL=fe80::66:ff:fe00:3
# The address dnsmasq leases to cl2's MAC (a reservation), and the DHCPv6 pool.
readonly DHCP4_LEASE=10.66.0.100 DHCP6_FIRST=fd66::100 DHCP6_LAST=fd66::1ff
readonly LAB_USER=nplab LAB_UID=4242 LAB_PASSWORD=lab-password
readonly PASV_MIN=10090 PASV_MAX=10099

TMP=""
CREATED_NETNS_DIR=0
CREATED_RUN_SSHD=0
CREATED_RUN_PPTP=0
CAPTURE_PID=""
SERVER_PIDS=()

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Stop everything we started and remove what we made; safe to call twice.
teardown() {
    set +e
    stop_pid "$CAPTURE_PID" INT
    CAPTURE_PID=""
    local p
    for p in "${SERVER_PIDS[@]}"; do stop_pid "$p"; done
    SERVER_PIDS=()
    for p in $ALL_NS; do kill_netns_leftovers "$p"; done
    for p in $ALL_NS; do ip netns del "$p" 2>/dev/null; done
    for p in $ALL_NS; do rm -rf "/etc/netns/$p"; done
    ((CREATED_NETNS_DIR)) && rmdir /etc/netns 2>/dev/null
    ((CREATED_RUN_SSHD)) && rmdir /run/sshd 2>/dev/null
    ((CREATED_RUN_PPTP)) && rm -rf /var/run/pptp
    if [[ -n $TMP ]]; then
        mkdir -p "$OUT/logs"
        cp "$TMP"/logs/* "$OUT/logs/" 2>/dev/null
        rm -rf "$TMP"
        TMP=""
    fi
    set -e
}

on_exit() {
    local rc=$?
    teardown
    ((rc == 0)) || log "exit $rc; lab torn down"
    exit "$rc"
}

check_prereqs() {
    ((EUID == 0)) || die "must run as root (network namespaces)"
    local tool missing=""
    for tool in ip bridge ethtool tcpdump sshd ssh inetutils-inetd telnetd telnet vsftpd tnftp \
        dnsmasq nginx chronyd pptpd pptp expect dig curl traceroute ping openssl python3 argus ra dhclient; do
        command -v "$tool" >/dev/null || missing+=" $tool"
    done
    [[ -z $missing ]] || die "missing tools:$missing (as root: sh scripts/install-deps.sh --lab)"
    local ns
    for ns in $ALL_NS; do remove_stale_netns "$ns"; done
}

# ---- topology ----------------------------------------------------------------------
# host_link NS IFACE MAC PORT: a veth from namespace NS into the bridge.
host_link() {
    local ns=$1 ifc=$2 mac=$3 port=$4
    ip link add "$ifc" netns "$ns" address "$mac" type veth peer name "$port" netns "$NS_SW"
    in_ns "$NS_SW" ip link set "$port" master br0
    # No checksum offload: the kernel writes every checksum, so the capture's are right.
    in_ns "$ns" ethtool -K "$ifc" tx off >/dev/null
    in_ns "$NS_SW" ethtool -K "$port" tx off >/dev/null
    in_ns "$NS_SW" ip link set "$port" up
}

setup_namespaces() {
    log "creating namespaces: $ALL_NS"
    local ns
    for ns in $ALL_NS; do
        ip netns add "$ns"
        in_ns "$ns" ip link set lo up
        # ICMP errors are not rate limited here, so each probe gets its answer.
        in_ns "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000
    done
    for ns in "$NS_SRV" "$NS_CL1" "$NS_CL2"; do quiet_ipv6_defaults "$ns"; done
    # The switch, router and far host have no IPv6 at all: nothing to say on their own.
    for ns in "$NS_SW" "$NS_RTR" "$NS_FAR"; do
        in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    done

    in_ns "$NS_SW" ip link add br0 type bridge stp_state 0
    in_ns "$NS_SW" ip link set br0 up

    host_link "$NS_SRV" lab0 02:66:00:00:00:01 p-srv
    host_link "$NS_CL1" lab0 02:66:00:00:00:02 p-cl1
    host_link "$NS_CL2" lab0 02:66:00:00:00:03 p-cl2
    host_link "$NS_RTR" lab0 02:66:00:00:00:fe p-rtr
    # The far segment: router and far host, a veth pair of their own.
    ip link add lab1 netns "$NS_RTR" address 02:66:00:01:00:fe type veth \
        peer name lab0 netns "$NS_FAR" address 02:66:00:01:00:04
    in_ns "$NS_RTR" ethtool -K lab1 tx off >/dev/null
    in_ns "$NS_FAR" ethtool -K lab0 tx off >/dev/null

    in_ns "$NS_SRV" ip addr add "$SRV4/24" dev lab0
    in_ns "$NS_SRV" ip -6 addr add "$SRV6/64" dev lab0 nodad
    in_ns "$NS_CL1" ip addr add "$CL14/24" dev lab0
    in_ns "$NS_CL1" ip -6 addr add "$CL16/64" dev lab0 nodad
    in_ns "$NS_CL2" ip addr add "$CL24/24" dev lab0
    in_ns "$NS_CL2" ip -6 addr add "$CL26/64" dev lab0 nodad
    in_ns "$NS_RTR" ip addr add "$RTR4/24" dev lab0
    in_ns "$NS_RTR" ip addr add "$RTR4B/24" dev lab1
    in_ns "$NS_FAR" ip addr add "$FAR4/24" dev lab0
    for ns in "$NS_SRV" "$NS_CL1" "$NS_CL2" "$NS_RTR" "$NS_FAR"; do
        in_ns "$ns" ip link set lab0 up
    done
    in_ns "$NS_RTR" ip link set lab1 up
    in_ns "$NS_RTR" sysctl -qw net.ipv4.ip_forward=1
    # Routes between the two lab subnets only; no default route anywhere.
    for ns in "$NS_SRV" "$NS_CL1" "$NS_CL2"; do
        in_ns "$ns" ip route add 10.66.1.0/24 via "$RTR4"
    done
    in_ns "$NS_FAR" ip route add 10.66.0.0/24 via "$RTR4B"

    # Per-namespace /etc files (ip netns exec bind-mounts /etc/netns/NS/*):
    # every resolver is the lab's own, and the test user exists only in the
    # server's view of passwd, shadow and group.
    [[ -d /etc/netns ]] || CREATED_NETNS_DIR=1
    for ns in $ALL_NS; do
        mkdir -p "/etc/netns/$ns"
        printf 'nameserver %s\noptions attempts:1 timeout:1\n' "$SRV4" >"/etc/netns/$ns/resolv.conf"
    done
    local e=/etc/netns/$NS_SRV hash
    cp -p /etc/passwd /etc/shadow /etc/group "$e/"
    # PAM as the system has it, except that login shows no dynamic motd
    # (pam_motd would rewrite the host's /run/motd.dynamic).
    cp -a /etc/pam.d "$e/pam.d"
    sed -i '/pam_motd\.so/d' "$e/pam.d/login"
    hash=$(openssl passwd -6 "$LAB_PASSWORD")
    printf '%s:x:%d:%d:netprofile lab user:%s:/bin/sh\n' "$LAB_USER" "$LAB_UID" "$LAB_UID" "$TMP/home/$LAB_USER" >>"$e/passwd"
    printf '%s:%s:19000:0:99999:7:::\n' "$LAB_USER" "$hash" >>"$e/shadow"
    printf '%s:x:%d:\n' "$LAB_USER" "$LAB_UID" >>"$e/group"
    local home=$TMP/home/$LAB_USER
    mkdir -p "$home/projects"
    printf "PS1='lab\$ '\nexport PS1\n" >"$home/.profile"
    printf 'netprofile lab\n' >"$home/notes.txt"
    printf 'baseline\n' >"$home/projects/readme"
    chown -R "$LAB_UID:$LAB_UID" "$home"
}

# ---- servers -----------------------------------------------------------------------
# The server's processes run with a hostname of their own (lab-srv: it is in
# the telnet login prompt) and their own login records: /bin/login and sshd
# write utmp, wtmp, btmp and lastlog, which are bound to empty files under
# $TMP for them (in the mount namespace `ip netns exec` makes), so the host's
# records are not touched.
write_sandbox() {
    mkdir -p "$TMP/records"
    cat >"$TMP/sandbox.sh" <<'EOF'
#!/bin/sh
# sandbox.sh HOSTNAME RECORDS-DIR CMD...: run in a new UTS namespace (unshare --uts).
set -e
hostname "$1"
rec=$2
shift 2
for f in /var/log/wtmp /var/log/btmp /var/log/lastlog /run/utmp; do
    if [ -e "$f" ]; then
        : >"$rec/${f##*/}"
        mount --bind "$rec/${f##*/}" "$f"
    fi
done
exec "$@"
EOF
}

# bg_server NS LOGNAME CMD...: start CMD in NS in the background, remember its
# pid (ip, unshare and sh exec, so $! is the server's own).
bg_server() {
    local ns=$1 name=$2
    shift 2
    if [[ $ns == "$NS_SRV" ]]; then
        ip netns exec "$ns" unshare --uts sh "$TMP/sandbox.sh" lab-srv "$TMP/records" "$@" \
            >"$TMP/logs/$name.log" 2>&1 &
    else
        ip netns exec "$ns" "$@" >"$TMP/logs/$name.log" 2>&1 &
    fi
    SERVER_PIDS+=($!)
}

listening() { # NS tcp|udp ADDRESS:PORT
    in_ns "$1" ss -Hln --"$2" | awk '{print $4}' | grep -qxF -- "$3"
}

start_servers() {
    log "starting servers"
    local c=$TMP/conf
    mkdir -p "$c" "$TMP/run"
    write_sandbox

    # OpenSSH, password login for the test user, host key made here.
    ssh-keygen -q -t ed25519 -N '' -f "$c/ssh_host_ed25519_key"
    cat >"$c/sshd_config" <<EOF
Port 22
ListenAddress $SRV4
ListenAddress $SRV6
HostKey $c/ssh_host_ed25519_key
PidFile $TMP/run/sshd.pid
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
PermitRootLogin no
AuthorizedKeysFile none
AllowUsers $LAB_USER
PrintMotd no
PrintLastLog no
UseDNS no
StrictModes no
EOF
    [[ -d /run/sshd ]] || { mkdir -m 0755 /run/sshd; CREATED_RUN_SSHD=1; }
    bg_server "$NS_SRV" sshd /usr/sbin/sshd -D -e -f "$c/sshd_config"

    # TELNET: inetutils telnetd under inetutils inetd; /bin/login (PAM) checks the password.
    # (-h: no host information before the login prompt.)
    echo "telnet stream tcp nowait root /usr/sbin/telnetd telnetd -h" >"$c/inetd.conf"
    bg_server "$NS_SRV" inetd inetutils-inetd -d --pidfile="$TMP/run/inetd.pid" "$c/inetd.conf"

    # vsftpd: the test user (PAM), active mode from port 20, passive on a small range.
    mkdir -p "$TMP/run/vsftpd-empty"
    cat >"$c/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$SRV4
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=NO
pam_service_name=vsftpd
secure_chroot_dir=$TMP/run/vsftpd-empty
connect_from_port_20=YES
port_enable=YES
pasv_enable=YES
pasv_min_port=$PASV_MIN
pasv_max_port=$PASV_MAX
xferlog_enable=YES
vsftpd_log_file=$TMP/logs/vsftpd-protocol.log
log_ftp_protocol=YES
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
dirmessage_enable=NO
ftpd_banner=netprofile lab FTP server
EOF
    bg_server "$NS_SRV" vsftpd vsftpd "$c/vsftpd.conf"

    # dnsmasq: the lab's names, nothing else.
    write_dnsmasq_conf "$c/dnsmasq.conf" "$SRV4 $SRV6" "srv.lab.test=$SRV4" "srv.lab.test=$SRV6" \
        "www.lab.test=$SRV4" "www.lab.test=$SRV6" "cl1.lab.test=$CL14"
    # ... and the DHCP server (v4 and v6) on lab0: leases in $TMP, no ping
    # check before an offer (it would wait up to 3 s), no router advertisements.
    cat >>"$c/dnsmasq.conf" <<EOF
interface=lab0
dhcp-range=10.66.0.100,10.66.0.109,255.255.255.0,1h
dhcp-host=02:66:00:00:00:03,$DHCP4_LEASE
dhcp-range=$DHCP6_FIRST,$DHCP6_LAST,64,1h
dhcp-leasefile=$TMP/run/dnsmasq.leases
dhcp-authoritative
no-ping
log-dhcp
EOF
    bg_server "$NS_SRV" dnsmasq dnsmasq --keep-in-foreground --conf-file="$c/dnsmasq.conf" \
        --pid-file="$TMP/run/dnsmasq.pid" --log-facility=-

    # nginx on the server, and on the usual client (the roles-swapped page).
    mkdir -p "$TMP/www-srv" "$TMP/www-cl1"
    printf '<!DOCTYPE html>\n<html><head><title>netprofile lab</title></head>\n<body><p>%s</p></body></html>\n' \
        "Hello from the netprofile lab server." >"$TMP/www-srv/index.html"
    printf '<!DOCTYPE html>\n<html><head><title>a client serves</title></head>\n<body><p>%s</p></body></html>\n' \
        "This page is served by a host that is usually a client." >"$TMP/www-cl1/index.html"
    write_nginx_conf "$c/nginx-srv.conf" "$TMP/run/nginx-srv" "$TMP/www-srv" "$SRV4:80" "[$SRV6]:80"
    write_nginx_conf "$c/nginx-cl1.conf" "$TMP/run/nginx-cl1" "$TMP/www-cl1" "$CL14:80"
    bg_server "$NS_SRV" nginx-srv nginx -e "$TMP/run/nginx-srv/error.log" -c "$c/nginx-srv.conf"
    bg_server "$NS_CL1" nginx-cl1 nginx -e "$TMP/run/nginx-cl1/error.log" -c "$c/nginx-cl1.conf"

    # chrony as an NTP server (local clock, stratum 8); never touches the clock (-x).
    mkdir -p "$TMP/run/chrony"
    chown _chrony: "$TMP/run/chrony" 2>/dev/null || true
    cat >"$c/chrony-srv.conf" <<EOF
local stratum 8
allow 10.66.0.0/16
allow fd66::/64
port 123
cmdport 0
bindcmdaddress /
pidfile $TMP/run/chrony/server.pid
EOF
    bg_server "$NS_SRV" chronyd chronyd -d -x -f "$c/chrony-srv.conf"

    # pptpd: the control channel and GRE are pptpd's own; PPP is the stand-in
    # (the kernel has no PPP driver; see pppd-standin.py).
    : >"$c/pptpd-options"
    cat >"$c/pptpd.conf" <<EOF
option $c/pptpd-options
ppp $SCRIPT_DIR/pppd-standin.py
localip 10.66.9.1
remoteip 10.66.9.2-9
listen $SRV4
EOF
    bg_server "$NS_SRV" pptpd pptpd -f -c "$c/pptpd.conf" -p "$TMP/run/pptpd.pid"
    [[ -d /var/run/pptp ]] || CREATED_RUN_PPTP=1

    wait_for listening "$NS_SRV" tcp "$SRV4:22"
    wait_for listening "$NS_SRV" tcp "0.0.0.0:23"
    wait_for listening "$NS_SRV" tcp "$SRV4:21"
    wait_for listening "$NS_SRV" tcp "$SRV4:80"
    wait_for listening "$NS_SRV" tcp "$SRV4:1723"
    wait_for listening "$NS_CL1" tcp "$CL14:80"
    wait_for in_ns "$NS_SRV" dig +short +tries=1 +time=1 @"$SRV4" srv.lab.test A
    wait_for listening "$NS_SRV" udp "0.0.0.0:123"
}

# Links up, addresses usable, first multicast listener reports sent: then a
# capture holds only what its scenario does.
settle_links() {
    log "waiting for the links to settle"
    local ip
    for ip in "$CL14" "$CL24" "$RTR4" "$FAR4"; do wait_for in_ns "$NS_SRV" ping -n -c 1 -W 1 "$ip"; done
    for ip in "$CL16" "$CL26"; do wait_for in_ns "$NS_SRV" ping -6 -n -c 1 -W 1 "$ip"; done
    for ip in "$NS_SRV" "$NS_CL1" "$NS_CL2"; do wait_for no_tentative_addrs "$ip"; done
    sleep 3
}

flush_neighbours() {
    local ns
    for ns in "$NS_SRV" "$NS_CL1" "$NS_CL2" "$NS_RTR" "$NS_FAR"; do
        in_ns "$ns" ip neigh flush all
        in_ns "$ns" ip -6 neigh flush all 2>/dev/null || true
    done
}

# ---- scenarios: clients (scn_*) and what they should show (truth_*) ---------------
# A truth line is one of (see README.md):
#   server ADDRESS PROTOCOL PORT SERVICE [ties=TIE,...]
#   host ADDRESS                       (takes part, serves nothing)
#   flow key=value...                  (a flow record netprofile flows must write)

scn_ssh() { in_ns "$NS_CL1" expect "$SCRIPT_DIR/login.exp" ssh "$SRV4" "$LAB_USER" "$LAB_PASSWORD"; }
truth_ssh() {
    echo "server $SRV4 tcp 22 ssh"
    echo "host $CL14"
}

scn_telnet() { in_ns "$NS_CL1" expect "$SCRIPT_DIR/login.exp" telnet "$SRV4" "$LAB_USER" "$LAB_PASSWORD"; }
truth_telnet() {
    echo "server $SRV4 tcp 23 telnet"
    echo "host $CL14"
}

# Active FTP with PORT (epsv4 off), as the article's client did.
scn_ftp-active() {
    printf 'user %s %s\nepsv4 off\nls\nquit\n' "$LAB_USER" "$LAB_PASSWORD" |
        in_ns "$NS_CL1" tnftp -n -A "$SRV4"
}
truth_ftp-active() {
    echo "server $SRV4 tcp 21 ftp ties=ftp-data:active/20"
    echo "host $CL14"
    echo "flow sip=$SRV4 sport=20 dip=$CL14 proto=6 rpackets=1- note=FTP-data-active-from-port-20"
}

# Passive FTP with EPSV (tnftp's default).
scn_ftp-passive() {
    printf 'user %s %s\nls\nquit\n' "$LAB_USER" "$LAB_PASSWORD" | in_ns "$NS_CL2" tnftp -n -p "$SRV4"
}
truth_ftp-passive() {
    echo "server $SRV4 tcp 21 ftp ties=ftp-data:passive/$PASV_MIN-$PASV_MAX"
    echo "host $CL24"
    echo "flow sip=$CL24 dip=$SRV4 dport=$PASV_MIN-$PASV_MAX proto=6 rpackets=1- note=FTP-data-passive"
}

scn_dns() {
    in_ns "$NS_CL1" dig +tries=1 +time=2 +noall +answer @"$SRV4" srv.lab.test A
    in_ns "$NS_CL2" dig +tries=1 +time=2 +noall +answer @"$SRV4" www.lab.test A
    in_ns "$NS_CL2" dig +tries=1 +time=2 +noall +answer @"$SRV6" www.lab.test AAAA
}
truth_dns() {
    echo "server $SRV4 udp 53 dns"
    echo "server $SRV6 udp 53 dns"
    echo "host $CL14"
    echo "host $CL24"
    echo "host $CL26"
}

scn_http() {
    in_ns "$NS_CL1" curl -4 -sS --max-time 5 -o /dev/null -w '%{http_code} %{remote_ip}\n' "http://$SRV4/"
    in_ns "$NS_CL2" curl -6 -sS --max-time 5 -o /dev/null -w '%{http_code} %{remote_ip}\n' "http://[$SRV6]/"
}
truth_http() {
    echo "server $SRV4 tcp 80 http"
    echo "server $SRV6 tcp 80 http"
    echo "host $CL14"
    echo "host $CL26"
}

# NTP: cl1 asks from an ephemeral port, cl2 from port 123 (as the article's
# Fedora client did). One request each (maxsamples 1); the clock is never set (-Q).
chrony_query() { # NS LABEL SERVER [DIRECTIVE...]
    local ns=$1 label=$2 server=$3
    shift 3
    in_ns "$ns" chronyd -Q -t "${CHRONY_TIMEOUT:-3}" "server $server iburst maxsamples 1" \
        "pidfile $TMP/run/chrony/$label.pid" "cmdport 0" "bindcmdaddress /" "$@"
}
scn_ntp() {
    chrony_query "$NS_CL1" cl1 "$SRV4"
    chrony_query "$NS_CL2" cl2 "$SRV4" "acquisitionport 123"
}
truth_ntp() {
    echo "server $SRV4 udp 123 ntp"
    echo "host $CL14"
    echo "host $CL24"
    echo "flow sip=$CL24 sport=123 dip=$SRV4 dport=123 proto=17 packets=1 bytes=76 rpackets=1 rbytes=76 note=NTP-123-to-123-as-in-the-article"
    echo "flow sip=$CL14 sport=1024-65535 dip=$SRV4 dport=123 proto=17 packets=1 bytes=76 rpackets=1 rbytes=76 note=NTP-from-an-ephemeral-port"
}

# An NTP query to a host with no NTP server: ICMP port unreachable. chronyd
# gives up after a second, before its second try.
scn_ntp-none() {
    CHRONY_TIMEOUT=1 chrony_query "$NS_CL1" none "$FAR4" || true
}
truth_ntp-none() {
    echo "host $CL14"
    echo "host $FAR4"
    echo "flow sip=$CL14 sport=1024-65535 dip=$FAR4 dport=123 proto=17 packets=1 bytes=76 rpackets=0 note=NTP-request-nobody-answers"
    echo "flow sip=$FAR4 sport=0 dip=$CL14 dport=771 proto=1 packets=1 rpackets=0 note=ICMP-port-unreachable-dPort-771"
}

# traceroute (UDP probes) through the router to the far host: ICMP time
# exceeded from the router, port unreachable from the far host.
scn_traceroute() { in_ns "$NS_CL2" traceroute -n -q 1 -w 2 -m 4 "$FAR4"; }
truth_traceroute() {
    echo "host $CL24"
    echo "host $RTR4"
    echo "host $FAR4"
    echo "flow sip=$RTR4 sport=0 dip=$CL24 dport=2816 proto=1 note=ICMP-time-exceeded"
    echo "flow sip=$FAR4 sport=0 dip=$CL24 dport=771 proto=1 note=ICMP-port-unreachable"
}

scn_pptp() { in_ns "$NS_CL1" "$SCRIPT_DIR/pppd-standin.py" --client "$SRV4" --echoes 2; }
truth_pptp() {
    echo "server $SRV4 tcp 1723 pptp ties=gre"
    echo "host $CL14"
    echo "flow sip=$CL14 sport=0 dip=$SRV4 dport=0 proto=47 packets=2- rpackets=2- note=GRE-its-own-flow"
}

# DHCP: ISC dhclient on cl2 (its static addresses stay; -sf /bin/true: the
# lease is not applied) gets a lease over DHCPv4 (DISCOVER, OFFER, REQUEST,
# ACK) and DHCPv6 (SOLICIT, ADVERTISE, REQUEST, REPLY), then gives both back
# (RELEASE). A configuration of its own: the host's would send its hostname.
dhclient_run() { # LABEL [OPTION...]: one dhclient run on cl2
    local label=$1 d=$TMP/run/dhclient
    shift
    in_ns "$NS_CL2" dhclient "$@" -v -D LL -sf /bin/true -cf "$d/dhclient.conf" \
        -lf "$d/$label.leases" -pf "$d/$label.pid" lab0
}
scn_dhcp() {
    local d=$TMP/run/dhclient
    mkdir -p "$d"
    rm -f "$d"/v4.* "$d"/v6.*
    cat >"$d/dhclient.conf" <<'EOF'
send host-name "lab-cl2";
request subnet-mask, broadcast-address, routers, domain-name-servers;
EOF
    # v4 and v6 at once, one try each (-1), each to a fresh lease file; then
    # both released. The checks are explicit: scn_* runs where set -e does not.
    dhclient_run v4 -1 &
    local p4=$!
    dhclient_run v6 -6 -1 &
    local p6=$!
    wait "$p4" || return 1
    wait "$p6" || return 1
    grep -q "fixed-address $DHCP4_LEASE;" "$d/v4.leases" || return 1
    grep -q 'iaaddr fd66::' "$d/v6.leases" || return 1
    dhclient_run v4 -r &
    p4=$!
    dhclient_run v6 -6 -r &
    p6=$!
    wait "$p4" || return 1
    wait "$p6"
}
truth_dhcp() {
    echo "server $SRV4 udp 67 dhcp"
    echo "server $SRV6LL udp 547 dhcpv6"
    echo "host $DHCP4_LEASE"
    echo "host 0.0.0.0"
    echo "host $CL24"
    echo "host $CL26LL"
    echo "flow sip=0.0.0.0 sport=68 dip=255.255.255.255 dport=67 proto=17 packets=2 rpackets=0 note=DHCP-DISCOVER-and-REQUEST-broadcast"
    echo "flow sip=$SRV4 sport=67 dip=$DHCP4_LEASE dport=68 proto=17 packets=2 rpackets=0 note=DHCP-OFFER-and-ACK-to-the-leased-address"
    echo "flow sip=$CL24 sport=68 dip=$SRV4 dport=67 proto=17 packets=1 rpackets=0 note=DHCP-RELEASE-unanswered"
    echo "flow sip=$CL26LL sport=546 dip=ff02::1:2 dport=547 proto=17 packets=3 rpackets=0 note=DHCPv6-SOLICIT-REQUEST-RELEASE-multicast"
    echo "flow sip=$SRV6LL sport=547 dip=$CL26LL dport=546 proto=17 packets=3 rpackets=0 note=DHCPv6-ADVERTISE-and-REPLYs"
}

# The usual server fetches a page from the usual client.
scn_web-swap() {
    in_ns "$NS_SRV" curl -4 -sS --max-time 5 -o /dev/null -w '%{http_code} %{remote_ip}\n' "http://$CL14/"
}
truth_web-swap() {
    echo "server $CL14 tcp 80 http"
    echo "host $SRV4"
}

# The union of the scenarios' truths: servers once each, their ties merged;
# a host that serves in one scenario is no "host" line in the union.
merge_truth() {
    python3 - "$@" <<'PY'
import sys
servers, hosts, flows, order = {}, [], [], []
for path in sys.argv[1:]:
    for line in open(path):
        w = line.split()
        if not w or w[0].startswith("#"):
            continue
        if w[0] == "server":
            key = tuple(w[1:5])
            ties = [t for x in w[5:] if x.startswith("ties=") for t in x[5:].split(",")]
            if key not in servers:
                servers[key] = []
                order.append(key)
            servers[key] += [t for t in ties if t not in servers[key]]
        elif w[0] == "host":
            if w[1] not in hosts:
                hosts.append(w[1])
        else:
            flows.append(line.rstrip("\n"))
for k in order:
    print("server " + " ".join(k) + (" ties=" + ",".join(servers[k]) if servers[k] else ""))
serving = {k[0] for k in servers}
for h in hosts:
    if h not in serving:
        print("host " + h)
for f in flows:
    print(f)
PY
}

# ---- recording -----------------------------------------------------------------------
RECORD_FAILED=()

truth_header() {
    printf '# ground truth for %s.pcap, written by tests/lab/run.sh from what it started\n' "$1"
    printf '# server ADDRESS PROTOCOL PORT SERVICE [ties=...] | host ADDRESS | flow key=value...\n'
}

record_one() { # NAME
    local name=$1 cap=$TMP/$1.pcap
    log "scenario $name"
    flush_neighbours
    capture_start "$NS_SW" br0 "$cap"
    if "scn_$name" >"$TMP/logs/client-$name.log" 2>&1; then
        capture_stop 0.5
    else
        capture_stop 0.5
        RECORD_FAILED+=("$name")
        log "scenario $name: a client failed; see $OUT/logs/client-$name.log"
    fi
    { truth_header "$name"; "truth_$name"; } >"$TMP/$name.truth"
    cp "$cap" "$TMP/$name.truth" "$OUT/"
    cp "$cap.log" "$TMP/logs/tcpdump-$name.log"
}

record_all() { # SCENARIO...: all of them at once
    local cap=$TMP/all.pcap name pids=() names=()
    log "all scenarios at once: $*"
    flush_neighbours
    capture_start "$NS_SW" br0 "$cap"
    for name in "$@"; do
        "scn_$name" >"$TMP/logs/client-all-$name.log" 2>&1 &
        pids+=($!)
        names+=("$name")
    done
    local i
    for i in "${!pids[@]}"; do
        if ! wait "${pids[$i]}"; then
            RECORD_FAILED+=("all:${names[$i]}")
            log "all: scenario ${names[$i]} failed; see $OUT/logs/client-all-${names[$i]}.log"
        fi
    done
    capture_stop 1
    for name in "$@"; do { truth_header x; "truth_$name"; } >"$TMP/all-$name.part"; done
    { truth_header all; merge_truth "$TMP"/all-*.part; } >"$TMP/all.truth"
    cp "$cap" "$TMP/all.truth" "$OUT/"
    cp "$cap.log" "$TMP/logs/tcpdump-all.log"
}

main() {
    local do_check=1 want=() a
    for a in "$@"; do
        case $a in
        --no-check) do_check=0 ;;
        --list) printf '%s\n' "${SCENARIOS[@]}" all; exit 0 ;;
        -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        all) want+=(all) ;;
        *)
            [[ " ${SCENARIOS[*]} " == *" $a "* ]] || die "unknown scenario: $a (see --list)"
            want+=("$a")
            ;;
        esac
    done
    ((${#want[@]})) || want=("${SCENARIOS[@]}" all)

    local t0=$SECONDS
    check_prereqs
    trap on_exit EXIT
    trap 'exit 130' INT TERM
    TMP=$(mktemp -d /tmp/np-lab.XXXXXX)
    chmod 0755 "$TMP" # nginx workers, the test user and chronyd read below it
    mkdir -p "$TMP/logs" "$OUT"
    rm -f "$OUT"/*.pcap "$OUT"/*.truth
    rm -rf "$OUT/logs"

    setup_namespaces
    start_servers
    settle_links
    local names=()
    for a in "${want[@]}"; do
        if [[ $a == all ]]; then
            local in_all=() n
            for n in "${SCENARIOS[@]}"; do
                [[ " ${NOT_IN_ALL[*]} " == *" $n "* ]] || in_all+=("$n")
            done
            record_all "${in_all[@]}"
        else
            record_one "$a"
        fi
        names+=("$a")
    done
    log "recorded in $((SECONDS - t0)) s: $(cd "$OUT" && for n in "${names[@]}"; do printf '%s (%s bytes) ' "$n.pcap" "$(stat -c %s "$n.pcap")"; done)"

    # Tear the lab down before checking: the checks need no root.
    teardown

    local rc=0
    {
        for a in "${RECORD_FAILED[@]}"; do echo "FAIL record $a: a client failed (see $OUT/logs/)"; done
        for a in "${names[@]}"; do
            [[ " ${RECORD_FAILED[*]} " == *" $a "* ]] && continue
            n=$(tcpdump -r "$OUT/$a.pcap" 2>/dev/null | wc -l)
            if ((n > 0)); then
                echo "PASS record $a: clients ran, $n packets"
            else
                echo "FAIL record $a: clients ran, but the capture holds no packet"
            fi
        done
    } | tee "$OUT/record.txt"
    if ((do_check)); then
        local py=python3
        [[ -x /usr/bin/python3 ]] && py=/usr/bin/python3 # not a slow pyenv shim
        "$py" "$SCRIPT_DIR/check.py" --record "$OUT/record.txt" "${names[@]}" || rc=$?
    else
        local f
        f=$(grep -c '^FAIL' "$OUT/record.txt" || true)
        echo "lab: $(grep -c '^PASS' "$OUT/record.txt" || true) passed, $f failed"
        ((f == 0)) || rc=1
    fi
    log "done in $((SECONDS - t0)) s"
    return "$rc"
}

main "$@"
