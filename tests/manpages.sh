#!/usr/bin/env bash
# manpages.sh - the manual pages in man/ against the program they document.
#
# Every command that `netprofile --help` lists has a page
# man/netprofile-COMMAND.1 (and every page a command); each page gives an
# entry to exactly the options its `--help` names (tests/lib/manopts.py
# reads both), and the top-level page to the top-level options; every page
# formats without a warning from groff (`man --warnings`) and passes
# `lexgrog` (its NAME line can be indexed by mandb). Runs against $NETPROFILE.
. "$(dirname "$0")/lib/suite.sh" manpages
manopts=$here/tests/lib/manopts.py
[ -x "$np" ] || abort "$np is not built"
command -v man >/dev/null || skip_all "man missing (Debian package man-db)"

"$np" --help >"$tmp/help.txt" 2>&1
commands=$(sed -n '/^commands:/,/^$/p' "$tmp/help.txt" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
check "netprofile --help lists its commands ($(echo $commands))" '[ -n "$commands" ]'

# compare_options LABEL HELPFILE PAGE: the option sets must be equal.
compare_options() {
	python3 "$manopts" help "$2" >"$tmp/h.opts"
	python3 "$manopts" man "$3" >"$tmp/m.opts"
	local only_help only_man
	only_help=$(comm -23 "$tmp/h.opts" "$tmp/m.opts" | tr '\n' ' ')
	only_man=$(comm -13 "$tmp/h.opts" "$tmp/m.opts" | tr '\n' ' ')
	check "$1: options in --help but not in $(basename "$3"): ${only_help:-none}" '[ -z "$only_help" ]'
	check "$1: options in $(basename "$3") but not in --help: ${only_man:-none}" '[ -z "$only_man" ]'
	check "$1: the page names some options" '[ -s "$tmp/m.opts" ]'
}

compare_options netprofile "$tmp/help.txt" "$here/man/netprofile.1"
for c in $commands; do
	page=$here/man/netprofile-$c.1
	if [ ! -f "$page" ]; then
		bad "$c: no manual page man/netprofile-$c.1"
		continue
	fi
	ok
	"$np" "$c" --help >"$tmp/$c.help" 2>&1
	compare_options "$c" "$tmp/$c.help" "$page"
	check "netprofile.1 refers to netprofile-$c(1)" "grep -q '^\.BR netprofile\\\\-$c (1)' '$here/man/netprofile.1'"
done
# A page written ahead of its command (merged from another branch later) is
# a skip here, named; once the command is in, the checks above take it.
for page in "$here"/man/netprofile-*.1; do
	c=$(basename "$page" .1)
	c=${c#netprofile-}
	if echo " $commands " | tr '\n' ' ' | grep -q " $c "; then
		ok
	else
		skip "man/$(basename "$page"): no command '$c' in this build (a page ahead of its command)"
	fi
done

for page in "$here"/man/*.1; do
	name=$(basename "$page")
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$tmp/warn"
	check "$name: man --warnings is silent: $(head -3 "$tmp/warn")" '[ ! -s "$tmp/warn" ]'
	LC_ALL=C.UTF-8 MANWIDTH=200 man --warnings -l "$page" >/dev/null 2>"$tmp/warn"
	check "$name: man --warnings is silent at 200 columns: $(head -3 "$tmp/warn")" '[ ! -s "$tmp/warn" ]'
	out=$(lexgrog "$page" 2>&1)
	rc=$?
	check "$name: lexgrog parses it ($out)" '[ $rc -eq 0 ] && ! echo "$out" | grep -q "parse failed"'
	check "$name: its NAME line names it ($out)" "echo \"\$out\" | grep -q '\"${name%.1} - '"
done
finish
