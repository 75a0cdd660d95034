#!/usr/bin/env bash
# golden_suite.sh - `netprofile decode` against tcpdump 4.99.3's whole
# regression suite (../shared/corpus/tcpdump-suite/, the 582 tests Debian
# 12's tcpdump passes), byte for byte, reported per protocol.
#
# Most of the suite needs printers netprofile does not have yet, so the
# suite is honest in two ways: tests/golden-suite.pass lists the tests
# that pass today and a listed test that stops passing FAILS the suite (a
# regression); the others are reported as "not yet: N" per protocol. A
# crash, a sanitizer report or a hang (GOLDEN_TIMEOUT seconds, default 20)
# fails the suite whether the test is listed or not. Also run against the
# ASan+UBSan build (NETPROFILE=build/asan/netprofile).
#
#   NETPROFILE  binary to test (default build/netprofile)
#   UPDATE=1    rewrite tests/golden-suite.pass with the tests passing now
#   VERBOSE=RE  show a diff for each failing test whose name matches RE
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" golden_suite
corpus=${NP_SUITE_CORPUS:-$here/../shared/corpus/tcpdump-suite}
if [ ! -f "$corpus/index.tsv" ]; then
	echo "golden_suite: SKIP: tcpdump's suite not found at $corpus (../shared is not beside this clone)"
	echo "golden_suite: 0 passed, 0 failed"
	exit 0
fi
command -v python3 >/dev/null || abort "python3 missing"
[ -x "$np" ] || abort "$np is not built"
case $np in /*) ;; *) np=$PWD/$np ;; esac
args=()
[ -n "${UPDATE:-}" ] && args+=(--update)
[ -n "${VERBOSE:-}" ] && args+=(--verbose "$VERBOSE")
exec python3 "$here/tests/lib/golden_suite.py" "$corpus" "$np" "$here/tests/golden-suite.pass" "${args[@]}"
