#!/usr/bin/env bash
# lint.sh - `make lint` as a suite of tests/run.sh (so `make check` runs it):
# the layout against .clang-format, cppcheck, clang-tidy with .clang-tidy.
# Each is one check, skipped with a message when its tool is missing.
. "$(dirname "$0")/lib/suite.sh" lint
cd "$here" || abort "no tree"
# lint_part TARGET TOOL: one check per part, its output shown on failure.
lint_part() {
	if ! command -v "$2" >/dev/null; then
		skip "$1: $2 missing (scripts/install-deps.sh installs it)"
		return
	fi
	make -s --no-print-directory -j2 "$1" >"$tmp/$1.log" 2>&1
	local st=$?
	[ $st = 0 ] || head -40 "$tmp/$1.log"
	check "make $1 (exit $st; $(grep -c 'warning\|error' "$tmp/$1.log") findings)" '[ $st = 0 ]'
}
lint_part lint-format clang-format
lint_part lint-cppcheck cppcheck
lint_part lint-tidy clang-tidy
finish
