#!/usr/bin/env bash
# explain.sh - `netprofile explain` (NETPROFILE: the binary under test) on
# sessions recorded here for real, in network namespaces this suite creates
# (np14-cl client, np14-gw router with dnsmasq, np14-sv server with sshd):
#   1. the first seed article's SSH session: the client resolves the
#      server's name through dnsmasq, ARPs for its gateway, connects with
#      ssh (key made here), types a command, logs out;
#   2. traceroute to the server through the router, UDP and ICMP (-I).
# Expected packet numbers come from tcpdump's own reading of the same
# capture (tcpdump -# -n -S -v), never from our output. Before those, IP ID
# and TTL patterns on packets built here (known by construction). NP14_KEEP=DIR keeps
# the captures and outputs there. Needs root,
# iproute2, tcpdump, dnsmasq, sshd/ssh, traceroute; skips without them.
. "$(dirname "$0")/lib/suite.sh" explain

# ---- IP ID and TTL per host, on packets built here (no root needed) ----------------
PYTHONPATH="$here/tests/lib" python3 - "$tmp/hosts.pcap" <<'PY'
import random, struct, sys
from netpkt import csum
def ip4(a): return bytes(int(x) for x in a.split('.'))
def frame(src, dst, ident, ttl=64):
    udp = struct.pack('!HHHH', 4000, 9, 12, 0) + b'abcd'
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), ident, 0x4000, ttl, 17, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return bytes.fromhex('020000000002020000000001') + b'\x08\x00' + h + udp
dests = ['10.0.1.1', '10.0.1.2', '10.0.1.3']
rnd = random.Random(14)
frames = []
for i in range(12):
    d = dests[i % 3]
    frames.append(frame('10.0.0.10', d, 500 + i))                        # one global counter
    frames.append(frame('10.0.0.11', d, 1000 * (i % 3 + 1) * 7 + i // 3))  # a counter per destination
    frames.append(frame('10.0.0.12', d, 0))                               # always zero
    frames.append(frame('10.0.0.13', d, rnd.randrange(65536)))            # random
    frames.append(frame('10.0.0.20', d, rnd.randrange(65536), ttl=115))   # Windows, 13 hops away
    frames.append(frame('10.0.0.21', d, rnd.randrange(65536), ttl=250))   # 255, 5 hops away
with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for n, fr in enumerate(frames):
        f.write(struct.pack('<IIII', 1700000000 + n, 0, len(fr), len(fr)) + fr)
PY
"$np" explain -r "$tmp/hosts.pcap" >"$tmp/hosts.txt" 2>/dev/null
check "ipid: a host with one global counter is named usable for an idle scan" \
	'grep -q "^host 10.0.0.10, ipid,.*one global IP ID counter.*idle scan" "$tmp/hosts.txt"'
check "ipid: a host with a counter per destination" 'grep -q "^host 10.0.0.11, ipid,.*one IP ID counter per destination" "$tmp/hosts.txt"'
check "ipid: a host whose IDs are always zero" 'grep -q "^host 10.0.0.12, ipid,.*IP ID always 0" "$tmp/hosts.txt"'
check "ipid: a host with random IDs" 'grep -q "^host 10.0.0.13, ipid,.*random IP IDs" "$tmp/hosts.txt"'
check "ttl: TTL 115 is initial 128, 13 hops away" 'grep -q "^host 10.0.0.20, ttl,.*TTL 115: initial TTL 128 guessed.*13 hops away" "$tmp/hosts.txt"'
check "ttl: TTL 250 is initial 255, 5 hops away" 'grep -q "^host 10.0.0.21, ttl,.*TTL 250: initial TTL 255 guessed.*5 hops away" "$tmp/hosts.txt"'
check "host steps name the host's first and last packets (10.0.0.10: 1-67)" 'grep -q "^host 10.0.0.10, ipid, packets 1-67," "$tmp/hosts.txt"'

if [ "$(id -u)" != 0 ]; then
	echo "explain: skipped: not root (network namespaces needed)"
	summary
	exit 0
fi
for tool in ip tcpdump dnsmasq /usr/sbin/sshd ssh ssh-keygen traceroute python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "explain: skipped: $tool missing (scripts/install-deps.sh --lab installs it)"
		summary
		exit 0
	fi
done
if ! ip netns add np14-probe 2>/dev/null; then
	echo "explain: skipped: cannot create network namespaces here"
	summary
	exit 0
fi
ip netns del np14-probe

CL=np14-cl GW=np14-gw SV=np14-sv
pids=()
made_run_sshd=0
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	for ns in $CL $GW $SV; do ip netns del "$ns" 2>/dev/null; done
	rm -rf /etc/netns/$CL
	[ "$made_run_sshd" = 1 ] && rmdir /run/sshd 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${NP14_KEEP:-}" ] && trap "cp -r \"\$tmp\" \"\$NP14_KEEP\"; cleanup" EXIT
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# ---- the network: client -- router -- server, IPv4 only ----------------------------
for ns in $CL $GW $SV; do
	ip netns add "$ns"
	in_ns "$ns" ip link set lo up
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	in_ns "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0
done
ip link add np14-c type veth peer name np14-gc
ip link set np14-c netns $CL
ip link set np14-gc netns $GW
ip link add np14-s type veth peer name np14-gs
ip link set np14-s netns $SV
ip link set np14-gs netns $GW
in_ns $CL ip addr add 10.14.1.2/24 dev np14-c
in_ns $GW ip addr add 10.14.1.1/24 dev np14-gc
in_ns $GW ip addr add 10.14.2.1/24 dev np14-gs
in_ns $SV ip addr add 10.14.2.2/24 dev np14-s
for pair in "$CL np14-c" "$GW np14-gc" "$GW np14-gs" "$SV np14-s"; do
	set -- $pair
	in_ns "$1" ip link set "$2" up
done
in_ns $GW sysctl -qw net.ipv4.ip_forward=1
in_ns $CL ip route add default via 10.14.1.1
in_ns $SV ip route add default via 10.14.2.1
mkdir -p /etc/netns/$CL
echo "nameserver 10.14.1.1" >/etc/netns/$CL/resolv.conf
printf '127.0.0.1 localhost\n' >/etc/netns/$CL/hosts

# dnsmasq on the router: srv.np14.test, nothing else
cat >"$tmp/dnsmasq.conf" <<EOF
no-resolv
no-hosts
no-poll
bind-interfaces
listen-address=10.14.1.1
address=/srv.np14.test/10.14.2.2
EOF
ip netns exec $GW dnsmasq --keep-in-foreground --conf-file="$tmp/dnsmasq.conf" --pid-file="$tmp/dnsmasq.pid" \
	--log-facility=- 2>"$tmp/dnsmasq.log" &
pids+=($!)

# sshd on the server, root by key only (the key is made here)
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/user_key"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
cat >"$tmp/sshd_config" <<EOF
Port 22
ListenAddress 10.14.2.2
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AuthorizedKeysFile $tmp/authorized_keys
PrintMotd no
PrintLastLog no
UseDNS no
StrictModes no
EOF
[ -d /run/sshd ] || { mkdir -m 0755 /run/sshd; made_run_sshd=1; }
ip netns exec $SV /usr/sbin/sshd -D -e -f "$tmp/sshd_config" 2>"$tmp/sshd.log" &
pids+=($!)
for _ in $(seq 50); do
	in_ns $SV ss -ltn 2>/dev/null | grep -q '10.14.2.2:22' && grep -q started "$tmp/dnsmasq.log" && break
	sleep 0.1
done

capture() { # capture FILE COMMAND...: record the client's interface while COMMAND runs
	local file=$1
	shift
	ip netns exec $CL tcpdump -i np14-c -s 0 -U --immediate-mode -Z root -w "$file" 2>"$file.log" &
	local cap=$!
	for _ in $(seq 50); do grep -q 'listening on' "$file.log" && break; sleep 0.1; done
	sleep 0.3
	"$@" >"$file.out" 2>&1
	sleep 0.5
	kill -INT "$cap"
	wait "$cap"
}

# ---- 1. the SSH session --------------------------------------------------------------
in_ns $CL ip neigh flush all
ssh_session() {
	printf 'echo netprofile-was-here\nexit\n' |
		in_ns $CL timeout 30 ssh -tt -F /dev/null -i "$tmp/user_key" -o StrictHostKeyChecking=no \
			-o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null -o CheckHostIP=no \
			-o BatchMode=yes root@srv.np14.test
}
capture "$tmp/ssh.pcap" ssh_session
check "the ssh session ran (the typed command's output came back, and logout)" \
	'tr -d "\r" <"$tmp/ssh.pcap.out" | grep -a "netprofile-was-here" | grep -qv echo && grep -aq logout "$tmp/ssh.pcap.out"'
TZ=GMT0 "$np" explain -r "$tmp/ssh.pcap" >"$tmp/ssh.txt" 2>"$tmp/ssh.err"
check "explain exits 0 on the ssh capture" '[ $? -eq 0 ]'
TZ=GMT0 "$np" explain --format json -r "$tmp/ssh.pcap" >"$tmp/ssh.json" 2>/dev/null
TZ=GMT0 tcpdump -# -n -S -v -r "$tmp/ssh.pcap" >"$tmp/ssh.tcpdump" 2>/dev/null
echo "--- explain, the SSH session:"
cat "$tmp/ssh.txt"

python3 - "$tmp/ssh.tcpdump" "$tmp/ssh.json" >"$tmp/ssh.check" <<'PY'
import json, re, sys
lines = open(sys.argv[1]).read().split('\n')
pkts = []  # (number, text of the packet, continuation lines joined)
for ln in lines:
    m = re.match(r'\s*(\d+)\s+\d\d:\d\d:\d\d\.\d+ (.*)', ln)
    if m:
        pkts.append([int(m.group(1)), m.group(2)])
    elif pkts and ln.strip():
        pkts[-1][1] += ' ' + ln.strip()
exp = {}
arp_q = [n for n, t in pkts if 'Request who-has 10.14.1.1 tell 10.14.1.2' in t]
arp_r = [n for n, t in pkts if 'Reply 10.14.1.1 is-at' in t]
exp['arp'] = [arp_q[0], arp_r[0]] if arp_q and arp_r else None
ids = set(re.search(r'\.53: (\d+)\+', t).group(1) for n, t in pkts
          if '> 10.14.1.1.53: ' in t and 'srv.np14.test' in t)
exp['dns'] = [n for n, t in pkts if re.search(r'10\.14\.1\.1\.53(?::| > 10\.14\.1\.2\.\d+:) (\d+)', t)
              and re.search(r'10\.14\.1\.1\.53(?::| > 10\.14\.1\.2\.\d+:) (\d+)', t).group(1) in ids]
tcp = []
for n, t in pkts:
    m = re.search(r'(10\.14\.\d\.\d)\.(\d+) > (10\.14\.\d\.\d)\.(\d+): Flags \[([^\]]*)\]', t)
    if m and (m.group(2) == '22' or m.group(4) == '22'):
        seq = re.search(r', seq (\d+)', t)
        ack = re.search(r', ack (\d+)', t)
        length = re.findall(r'length (\d+)', t)[-1]
        tcp.append((n, m.group(1) == '10.14.1.2', m.group(5), int(seq.group(1)) if seq else None,
                    int(ack.group(1)) if ack else None, int(length)))
syn = [p for p in tcp if p[2] == 'S']
synack = [p for p in tcp if p[2] == 'S.']
hs_ack = [p for p in tcp if p[1] and p[2] == '.' and synack and p[4] == synack[0][3] + 1]
exp['handshake'] = [syn[0][0], synack[0][0], hs_ack[0][0]]
data = [p for p in tcp if p[5] > 0]
exp['data'] = [data[0][0], data[-1][0]]
fins = [p for p in tcp if 'F' in p[2]]
first = fins[0]
second = [p for p in fins if p[1] != first[1]][0]
def acker(fin):
    fseq = fin[3] + fin[5] + 1
    return [p for p in tcp if p[1] != fin[1] and p[4] is not None and p[4] >= fseq and p[0] > fin[0]][0][0]
exp['teardown'] = sorted({first[0], acker(first), second[0], acker(second)})
got = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
conv = [g for g in got if 'conversation' in g and g['step'] == 'handshake']
steps = [g for g in got if conv and g.get('conversation') == conv[0]['conversation']]
order = [g['step'] for g in steps]
print('order', ' '.join(order))
print('want-order arp dns handshake data teardown')
for g in steps:
    print('step', g['step'], 'got', g['packets'], 'want', exp.get(g['step']))
    print('match' if g['packets'] == exp.get(g['step']) else 'MISMATCH', g['step'])
PY
cat "$tmp/ssh.check"
check "the ssh story is arp, dns, handshake, data, teardown in that order" \
	'grep -qx "order arp dns handshake data teardown" "$tmp/ssh.check"'
for st in arp dns handshake data teardown; do
	check "the ssh $st step names the packets tcpdump numbers" 'grep -qx "match $st" "$tmp/ssh.check"'
done
check "the handshake tells what was agreed (MSS, window scaling, SACK, timestamps)" \
	'grep "handshake" "$tmp/ssh.txt" | grep -q "MSS 1460.*window scaling agreed.*SACK agreed.*timestamps agreed"'
check "the data step names ssh and quotes the server's banner" \
	'grep ", data," "$tmp/ssh.txt" | grep -q "^conversation [0-9]*, data.*ssh: .*\"SSH-2.0-OpenSSH"'
check "the teardown was complete" 'grep ", teardown," "$tmp/ssh.txt" | grep -q "complete, graceful close"'
check "host 10.14.2.2 is one hop away (TTL 63 seen, 64 guessed)" \
	'grep -q "host 10.14.2.2, ttl.*TTL 63: initial TTL 64 guessed.*1 hop away" "$tmp/ssh.txt"'
check "every step has an ipid line for the two hosts" '[ "$(grep -c ", ipid," "$tmp/ssh.txt")" -ge 2 ]'

# ---- 2. traceroute, UDP and ICMP ------------------------------------------------------------
trace_check() { # trace_check NAME PCAP: TTL 1 answered by the router, TTL 2 ended at the server
	local name=$1 pcap=$2
	TZ=GMT0 "$np" explain --format json -r "$pcap" >"$pcap.json" 2>/dev/null
	TZ=GMT0 "$np" explain -r "$pcap" 2>/dev/null | grep traceroute
	TZ=GMT0 tcpdump -# -n -v -r "$pcap" >"$pcap.tcpdump" 2>/dev/null
	python3 - "$pcap.tcpdump" "$pcap.json" "$name" >"$pcap.check" <<'PY'
import json, re, sys
pk = []
for ln in open(sys.argv[1]).read().split('\n'):
    m = re.match(r'\s*(\d+)\s+\d\d:\d\d:\d\d\.\d+ (.*)', ln)
    if m:
        pk.append([int(m.group(1)), m.group(2)])
    elif pk and ln.strip():
        pk[-1][1] += ' ' + ln.strip()
udp = sys.argv[3] == 'udp'
probe_ttl = {}  # key -> ttl ; key = dport (udp) or seq (icmp)
probes = {}     # ttl -> [numbers]
answers = {}    # ttl -> [numbers]
for n, t in pk:
    m = re.search(r'ttl (\d+),.*\) 10\.14\.1\.2(?:\.\d+)? > 10\.14\.2\.2(?:\.(\d+))?: ', t)
    if m and 'ICMP time exceeded' not in t and 'unreachable' not in t:
        if udp and 'UDP' in t:
            key = int(m.group(2))
        elif not udp and 'echo request' in t:
            key = int(re.search(r'seq (\d+)', t).group(1))
        else:
            continue
        ttl = int(m.group(1))
        probe_ttl[key] = ttl
        probes.setdefault(ttl, []).append(n)
for n, t in pk:
    if re.search(r'10\.14\.1\.1 > 10\.14\.1\.2: ICMP time exceeded in-transit', t):
        answers.setdefault(1, []).append(n)
    elif udp and re.search(r'10\.14\.2\.2 > 10\.14\.1\.2: ICMP 10\.14\.2\.2 udp port (\d+) unreachable', t):
        port = int(re.search(r'udp port (\d+) unreachable', t).group(1))
        answers.setdefault(probe_ttl.get(port), []).append(n)
    elif not udp and re.search(r'10\.14\.2\.2 > 10\.14\.1\.2: ICMP echo reply', t):
        seq = int(re.search(r'seq (\d+)', t).group(1))
        answers.setdefault(probe_ttl.get(seq), []).append(n)
got = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
tr = [g for g in got if g.get('step') == 'traceroute']
print('steps', len(tr))
for i, g in enumerate(tr, 1):
    want = sorted(probes.get(i, []) + answers.get(i, []))
    print('ttl', i, 'got', g['packets'], 'want', want)
    print(('match' if g['packets'] == want else 'MISMATCH'), i)
    print('summary', g['summary'])
PY
	cat "$pcap.check"
	check "$name traceroute: two steps (the router, then the server)" 'grep -qx "steps 2" "$pcap.check"'
	check "$name traceroute TTL 1: the probes and the router's time-exceeded, as tcpdump numbers them" \
		'grep -qx "match 1" "$pcap.check"'
	check "$name traceroute TTL 2: the probes and the server's answers, as tcpdump numbers them" \
		'grep -qx "match 2" "$pcap.check"'
	check "$name traceroute: TTL 1 answered by 10.14.1.1 with time exceeded" \
		'grep -q "summary.*TTL 1: .* expired at 10.14.1.1, which answered ICMP time exceeded" "$pcap.check"'
}
capture "$tmp/trace-udp.pcap" in_ns $CL traceroute -n -w 1 -m 4 10.14.2.2
trace_check udp "$tmp/trace-udp.pcap"
check "udp traceroute ended with port unreachable" 'grep -q "reached 10.14.2.2, which answered ICMP port unreachable" "$tmp/trace-udp.pcap.check"'
capture "$tmp/trace-icmp.pcap" in_ns $CL traceroute -I -n -w 1 -m 4 10.14.2.2
trace_check icmp "$tmp/trace-icmp.pcap"
check "icmp traceroute ended with echo reply" 'grep -q "reached 10.14.2.2, which answered ICMP echo reply" "$tmp/trace-icmp.pcap.check"'
finish
