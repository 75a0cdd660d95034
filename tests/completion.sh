#!/usr/bin/env bash
# completion.sh - bash completion (contrib/netprofile.bash) through
# bash-completion's own helpers, as an interactive shell would call it:
# commands, each command's options (those its --help names), files after
# -r/-w/-o/--db, interfaces after -i, --format, --style and --fields values.
# Runs against $NETPROFILE.
. "$(dirname "$0")/lib/suite.sh" completion
[ -x "$np" ] || abort "$np is not built"
bc=/usr/share/bash-completion/bash_completion
[ -f "$bc" ] || skip_all "bash-completion missing (Debian package bash-completion)"

mkdir -p "$tmp/bin" "$tmp/files"
ln -s "$(cd "$(dirname "$np")" && pwd)/$(basename "$np")" "$tmp/bin/netprofile"
touch "$tmp/files/monday.pcap" "$tmp/files/tuesday.pcap" "$tmp/files/inv.db" "$tmp/files/f.txt"
mkdir "$tmp/files/flowdir"

# complete WORD...: what completing the last word of "netprofile WORD..." offers.
complete_words() {
	(
		cd "$tmp/files" || exit 1
		PATH=$tmp/bin:$PATH
		# shellcheck disable=SC1090
		. "$bc" && . "$here/contrib/netprofile.bash" || exit 1
		COMP_WORDS=(netprofile "$@")
		COMP_CWORD=$#
		COMP_LINE="netprofile $*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_netprofile
		printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
	) 2>&1
}
# expect WORDS... = EXPECTED: the offer is exactly EXPECTED (sorted).
expect() {
	local args=() want
	while [ "$1" != = ]; do args+=("$1"); shift; done
	shift
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	got=$(complete_words "${args[@]}")
	check "netprofile ${args[*]}<TAB>: '$want', got '$got'" '[ "$got" = "$want" ]'
}
# offers WORDS... : ITEM...: the offer includes every ITEM.
offers() {
	local args=() item missing=""
	while [ "$1" != : ]; do args+=("$1"); shift; done
	shift
	got=" $(complete_words "${args[@]}")"
	for item in "$@"; do
		case "$got" in *" $item "*) ;; *) missing="$missing $item" ;; esac
	done
	check "netprofile ${args[*]}<TAB> offers $*: missing${missing:- nothing} (got$got)" '[ -z "$missing" ]'
}

commands=$("$np" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
# shellcheck disable=SC2086
expect "" = $commands --help --version
expect fl = flows
for c in $commands; do
	want=$(python3 "$here/tests/lib/manopts.py" help <("$np" "$c" --help) | grep '^--')
	# shellcheck disable=SC2086
	expect "$c" -- = $want --help
done
offers decode - : -r -w -i -c -e -x -X -A -S -Z --nano --style
expect flows -r mo = monday.pcap
expect servers -r "" = monday.pcap tuesday.pcap inv.db f.txt flowdir
expect decode -w tu = tuesday.pcap
expect flows -o "" = monday.pcap tuesday.pcap inv.db f.txt flowdir
expect servers --db i = inv.db
expect watch --flows-out f = flowdir
# shellcheck disable=SC2046
expect flows -i "" = $(ls /sys/class/net) any
expect flows --format "" = text csv json ipfix
expect servers --format "" = text csv json
expect watch --format "" = text json
expect decode --style "" = tcpdump classic
expect decode --style=c = classic
expect flows --fields sIP,dP = sIP,dPort
expect flows --fields s = sIP sPort sTime sessionFlags
finish
