#!/usr/bin/env bash
# lab.sh - the lab (tests/lab/run.sh: real servers and clients in network
# namespaces, recorded and checked) as a suite of tests/run.sh. It runs where
# we are root and `ip netns` works (as on CI); elsewhere it says why it is
# skipped and counts one skip.
here=$(cd "$(dirname "$0")/.." && pwd)

skip() {
	echo "lab: SKIP $*"
	echo "lab: 0 passed, 0 failed, 1 skipped"
	exit 0
}

[ "$(id -u)" = 0 ] || skip "not root (network namespaces need root; run make lab as root)"
command -v ip >/dev/null || skip "no ip command (iproute2)"
probe=np-lab-probe-$$
ip netns add "$probe" 2>/dev/null || skip "ip netns does not work here (cannot create a network namespace)"
ok=0
ip netns exec "$probe" ip link set lo up 2>/dev/null && ok=1
ip netns del "$probe" 2>/dev/null
[ "$ok" = 1 ] || skip "ip netns does not work here (cannot run in a network namespace)"

exec bash "$here/tests/lab/run.sh"
