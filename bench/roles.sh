#!/usr/bin/env bash
# roles.sh: how right `netprofile servers` is, per class of conversation, on
# bench/gen_hardcases.py's mixes seen three ways: whole, joined mid-stream
# (every conversation's first 1-3 packets missing) and one way for a quarter
# of the hosts (what is sent to them is not in the capture). Each seed is
# another mix; the counts of all seeds are summed per class and view:
# precision = right / listed, recall = right / truth servers, knowable
# recall leaving out the servers the capture cannot show (the truth's
# need=none, or evidence the view removed is not counted: a figure below
# 100% there is a server the input did show and the tool missed).
#
# No peer tool: none of the flow meters or profilers our users know names
# servers with a per-conversation truth to compare. Usage:
#   bash bench/roles.sh [--misses] [SEEDS]        (default 10: seeds 1..10)
# Prints one table per view and the load average beside it; with --misses,
# after each table every knowable server missed and every false one, with
# its seed (the scorer's "missed" and "wrong" lines).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
np=${NETPROFILE:-$here/build/netprofile}
misses=0
if [ "${1:-}" = --misses ]; then
	misses=1
	shift
fi
seeds=${1:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "roles bench: $seeds seeds x 3 views; $(uptime | sed 's/.*load/load/')"
for view in whole midstream oneway; do
	for seed in $(seq 1 "$seeds"); do
		python3 "$here/bench/gen_hardcases.py" --seed "$seed" --view "$view" -o "$tmp/c" 2>/dev/null || exit 1
		rm -f "$tmp"/db*
		"$np" servers -r "$tmp/c.pcap" --db "$tmp/db" --format csv --alerts /dev/null >"$tmp/c.csv" 2>/dev/null || exit 1
		python3 "$here/bench/score_roles.py" "$tmp/c.truth" structure,payload,flags "$view" "$tmp/c.csv" >"$tmp/$view.$seed"
	done
	python3 - "$view" "$tmp"/"$view".* <<'EOF'
import re, sys
view, files = sys.argv[1], sys.argv[2:]
sums, order = {}, []
for f in files:
    for line in open(f):
        m = re.match(r"  (\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s", line)
        if not m:
            continue
        name = m.group(1)
        truth, listed, right, wrong, missed = (int(m.group(i)) for i in range(2, 7))
        unk = m.group(7)
        fu, au = (int(x) for x in unk.split("/")) if "/" in unk else (0, 0)
        if name not in sums:
            sums[name] = [0] * 7
            order.append(name)
        for i, v in enumerate((truth, listed, right, wrong, missed, fu, au)):
            sums[name][i] += v
def pct(a, b):
    return "%6.1f%%" % (100.0 * a / b) if b else "     - "
print("\n%s (%d mixes)" % (view, len(files)))
print("  %-18s %6s %6s %6s %6s %9s %7s %9s" % ("class", "truth", "listed", "right", "wrong", "precision", "recall",
                                              "knowable"))
for n in order:
    t, l, r, w, m, fu, au = sums[n]
    kn = t - (au - fu) - fu
    print("  %-18s %6d %6d %6d %6d %9s %7s %9s" % (n, t, l, r, w, pct(r, l), pct(r, t), pct(r - fu, kn)))
EOF
	if [ "$misses" = 1 ]; then
		for seed in $(seq 1 "$seeds"); do
			sed -n "s/^  \(missed\|wrong \) /  seed $seed: \1 /p" "$tmp/$view.$seed"
		done
	fi
done
