#!/bin/sh
# run.sh - every test suite, against the plain build and the ASan+UBSan
# build. Each suite prints its own "N passed, N failed[, N skipped]" line
# and a "NAME: SKIP REASON" line per skip; this sums them, lists the skips
# and ends with "all suites: N passed, N failed, N skipped" (CI reads that
# line). Exit status is non-zero if any suite fails.
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
total_pass=0
total_fail=0
total_skip=0
skips=$(mktemp)
status=0

run_suite() {
	label=$1
	shift
	log=$(mktemp)
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=0
	case "$line" in *" skipped"*) s=$(echo "$line" | sed -E 's/.* ([0-9]+) skipped.*/\1/') ;; esac
	grep -E '^[^ ]+: SKIP ' "$log" | sed "s|^[^ ]*: SKIP |$label: |" >>"$skips"
	[ -n "$line" ] || { p=0; f=1; echo "$label: no result line (exit $rc)"; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
	[ "$rc" -ne 0 ] && status=1
	rm -f "$log"
}

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

for t in tests/unit/*.sh tests/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in tests/run.sh) continue ;; esac
	echo "== $t"
	run_suite "$t" bash "$t"
	if [ -x build/asan/netprofile ] && grep -q NETPROFILE "$t"; then
		echo "== $t (ASan+UBSan build)"
		NETPROFILE=build/asan/netprofile run_suite "$t (asan)" bash "$t"
	fi
done

echo
if [ -s "$skips" ]; then
	echo "skipped:"
	sed 's/^/  /' "$skips"
fi
rm -f "$skips"
echo "all suites: $total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
