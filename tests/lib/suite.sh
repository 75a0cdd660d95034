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
#       pass, fail  the counts
# Gives ok, bad MESSAGE, check MESSAGE 'CONDITION' (eval'ed),
#       summary  prints "NAME: N passed, N failed" (the line tests/run.sh
#                sums); its status is non-zero if anything failed
#       finish   summary, then exit with its status
#       abort MESSAGE  prints "NAME: MESSAGE" and a one-failure summary,
#                exits 1 (a suite that cannot run at all)
suite=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
np=${NETPROFILE:-$here/build/netprofile}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
summary() {
	echo "$suite: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
finish() {
	summary
	exit
}
abort() {
	echo "$suite: $*"
	echo "$suite: 0 passed, 1 failed"
	exit 1
}
