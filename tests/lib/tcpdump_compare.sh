# shellcheck shell=bash
# tcpdump_compare.sh - one check: a capture decoded by Debian's tcpdump and
# by `netprofile decode` with the same options must print the same bytes.
# Sourced after suite.sh (uses np, tmp, ok, bad, abort): it also removes
# $tmp on exit (unless KEEP is set) and stops the suite when tcpdump or
# python3 (the generators) is missing.
#   compare_with_tcpdump CAPTURE OPTIONS...
#   compare_captures DIR "OPTION SET"...   every DIR/*.pcap with every set
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
command -v tcpdump >/dev/null || abort "tcpdump missing"
command -v python3 >/dev/null || abort "python3 missing"

compare_with_tcpdump() {
	local cap=$1 rc
	shift
	TZ=GMT0 tcpdump -r "$cap" "$@" >"$tmp/want" 2>/dev/null
	TZ=GMT0 "$np" decode -r "$cap" "$@" >"$tmp/got" 2>"$tmp/err"
	rc=$?
	# Only the "reading from file" line on stderr (sanitizer reports fail),
	# and lines matching $COMPARE_STDERR_OK (a regex) where a suite sets it.
	if [ $rc -ne 0 ] || grep -v '^reading from file' "$tmp/err" | grep -qvE "${COMPARE_STDERR_OK:-^reading from file}"; then
		bad "$(basename "$cap" .pcap) $*: exit $rc"
		head -5 "$tmp/err"
	elif [ ! -s "$tmp/want" ]; then
		bad "$(basename "$cap" .pcap) $*: tcpdump printed nothing"
	elif cmp -s "$tmp/want" "$tmp/got"; then
		ok
	else
		bad "$(basename "$cap" .pcap) $*"
		# The first differing line, from each side.
		python3 - "$tmp/want" "$tmp/got" <<'PY'
import sys
a = open(sys.argv[1], "rb").read().decode("latin-1").split("\n")
b = open(sys.argv[2], "rb").read().decode("latin-1").split("\n")
for i in range(max(len(a), len(b))):
    x = a[i] if i < len(a) else "<end>"
    y = b[i] if i < len(b) else "<end>"
    if x != y:
        print(f"  line {i + 1}\n  tcpdump:    {x!r}\n  netprofile: {y!r}")
        break
PY
	fi
}

compare_captures() {
	local dir=$1 cap opts
	shift
	for cap in "$dir"/*.pcap; do
		for opts in "$@"; do
			# shellcheck disable=SC2086
			compare_with_tcpdump "$cap" $opts
		done
	done
}
