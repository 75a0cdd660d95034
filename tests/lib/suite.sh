# shellcheck shell=bash disable=SC2034 # the variables are for the suite that sources this
# suite.sh - the preamble and the summary every tests/*.sh suite shares.
# Sourced (bash) with the suite's name:  . "$(dirname "$0")/lib/suite.sh" NAME
#
# Sets  here  the top of the tree
#       np    the binary under test: $NETPROFILE, else build/netprofile.
#             tests/run.sh reruns a suite under the ASan build only when the
#             script itself mentions NETPROFILE, so each one that uses $np
#             says so in its header comment.
#       tmp   a scratch directory, removed on exit (a suite with more to
#             clean up sets its own EXIT trap after sourcing this)
#       pass, fail, skipped  the counts
# Gives ok, bad MESSAGE, check MESSAGE 'CONDITION' (eval'ed),
#       skip REASON  a check (or group of checks) that cannot run here:
#                counted, and "NAME: SKIP REASON" printed (tests/run.sh
#                lists those lines at the end)
#       summary  prints "NAME: N passed, N failed, N skipped" (the line
#                tests/run.sh sums); its status is non-zero if anything failed
#       finish   summary, then exit with its status
#       skip_all REASON  the whole suite cannot run here: one skip, the
#                summary, exit 0
#       abort MESSAGE  prints "NAME: MESSAGE" and a one-failure summary,
#                exits 1 (a suite that cannot run at all)
suite=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
np=${NETPROFILE:-$here/build/netprofile}
pass=0
fail=0
skipped=0
# A suite without its own directory would write into the current one (or
# /) and remove what it finds there: it stops instead.
tmp=$(mktemp -d) && [ -d "$tmp" ] || {
	echo "$suite: FAIL: cannot make a temporary directory (TMPDIR=${TMPDIR:-/tmp})"
	echo "$suite: 0 passed, 1 failed, 0 skipped"
	exit 1
}
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
skip() {
	skipped=$((skipped + 1))
	echo "$suite: SKIP $*"
}
summary() {
	echo "$suite: $pass passed, $fail failed, $skipped skipped"
	[ "$fail" -eq 0 ]
}
finish() {
	summary
	exit
}
skip_all() {
	skip "$@"
	finish
}
abort() {
	echo "$suite: $*"
	echo "$suite: 0 passed, 1 failed, $skipped skipped"
	exit 1
}
