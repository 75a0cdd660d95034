#!/usr/bin/env bash
# golden.sh - `netprofile decode` against real tcpdump's output.
#
# For every row of ../shared/corpus/tcpdump/index.tsv in the chosen
# categories, run netprofile decode with the row's exact tcpdump options
# and compare its stdout byte for byte with the text Debian 12's tcpdump
# 4.99.3 printed (the `expected` file; nobody on the team wrote it).
# Prints pass counts per category and ends with "N passed, N failed".
#
#   NETPROFILE   binary to test (default build/netprofile)
#   CATEGORIES   extended regex of categories (default: every category)
#   ROWS         extended regex of row names to run (default: all)
#   VERBOSE=1    show a diff for each failure
#   FAILED_LIST  file to write the names of failing rows to
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${NP_CORPUS:-$here/../shared/corpus/tcpdump}
np=${NETPROFILE:-$here/build/netprofile}
cats=${CATEGORIES:-.}
rows=${ROWS:-.}

if [ ! -f "$corpus/index.tsv" ]; then
	echo "golden: SKIP tcpdump corpus not found at $corpus (../shared is not beside this clone)"
	echo "golden: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
if [ ! -x "$np" ]; then
	echo "golden: $np is not built" >&2
	exit 2
fi

declare -A pass fail
total_pass=0
total_fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"${FAILED_LIST:-/dev/null}"

# Tabs become \037 first: read would merge the empty options column away
# if the separator were white space.
while IFS=$'\037' read -r name pcap _options expected category _malformed _linktype _packets command; do
	[ "$name" = name ] && continue
	[[ $category =~ $cats ]] || continue
	[[ $name =~ $rows ]] || continue
	# The options are whatever follows "-r PCAP" in the exact command.
	opts=${command#*-r PCAP}
	# shellcheck disable=SC2086
	TZ=GMT0 "$np" decode -# -n -r "$corpus/$pcap" $opts >"$tmp/out" 2>"$tmp/err"
	if cmp -s "$tmp/out" "$corpus/$expected"; then
		pass[$category]=$((${pass[$category]:-0} + 1))
		total_pass=$((total_pass + 1))
	else
		fail[$category]=$((${fail[$category]:-0} + 1))
		total_fail=$((total_fail + 1))
		[ -n "${FAILED_LIST:-}" ] && echo "$name $pcap $opts" >>"$FAILED_LIST"
		if [ -n "${VERBOSE:-}" ]; then
			echo "--- FAIL $name ($category): $command"
			diff "$corpus/$expected" "$tmp/out" | head -${DIFF_LINES:-10}
		fi
	fi
done < <(tr '\t' '\037' <"$corpus/index.tsv")

for c in $(printf '%s\n' "${!pass[@]}" "${!fail[@]}" | sort -u | tr ' ' '\001'); do
	c=${c//$'\001'/ }
	printf 'golden: %-40s %4d passed, %4d failed\n' "$c" "${pass[$c]:-0}" "${fail[$c]:-0}"
done
echo "golden: $total_pass passed, $total_fail failed, 0 skipped"
[ "$total_fail" -eq 0 ]
