# netprofile.bash - bash completion for netprofile (installed as
# $(PREFIX)/share/bash-completion/completions/netprofile).
#
# Commands and their options are read from the program's own --help (once
# per shell and command), so a new command or option completes without an
# edit here. What an option's argument is comes from the table below:
# files for -r/-w/-o/--db/--flows/--alerts, a directory for --flows-out,
# interfaces for -i, users for -Z, and the values of --format, --style and
# --fields.

declare -gA _netprofile_opts_cache

# The options a --help text names (as tests/lib/manopts.py reads them).
_netprofile_help_options()
{
	"$1" ${2:+"$2"} --help 2>/dev/null |
		grep -oE '(^|[^[:alnum:]-])--?[#[:alpha:]][[:alnum:]-]*' |
		sed -E 's/^[^-]*//' | grep -vE '^-[#[:alpha:]]{2,}$' | sort -u
}

_netprofile_commands()
{
	"$1" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}

_netprofile_format_values()
{
	case $1 in
	watch | explain | anomalies) echo "text json" ;;
	flows) echo "text csv json ipfix" ;;
	decode | report) echo "" ;;
	*) echo "text csv json" ;;
	esac
}

_netprofile()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local np=${words[0]} cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$(_netprofile_commands "$np") --help --version" -- "$cur"))
		return
	fi

	case $prev in
	-r | -w | -o | --db | --flows | --alerts)
		if declare -F _filedir >/dev/null; then _filedir; else COMPREPLY=($(compgen -f -- "$cur")); fi
		return ;;
	--flows-out)
		if declare -F _filedir >/dev/null; then _filedir -d; else COMPREPLY=($(compgen -d -- "$cur")); fi
		return ;;
	-i)
		COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null) any" -- "$cur"))
		return ;;
	-Z)
		COMPREPLY=($(compgen -u -- "$cur"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W "$(_netprofile_format_values "$cmd")" -- "$cur"))
		return ;;
	--style)
		COMPREPLY=($(compgen -W "tcpdump classic" -- "$cur"))
		return ;;
	--fields)
		local fields prefix=""
		fields=$("$np" "$cmd" --help 2>/dev/null | sed -n '/--fields/{n;p}' | tr -s ' ' '\n' | grep -E '^[[:alpha:]]+$')
		[[ $cur == *,* ]] && prefix=${cur%,*},
		COMPREPLY=($(compgen -P "$prefix" -W "$fields" -- "${cur##*,}"))
		compopt -o nospace 2>/dev/null
		return ;;
	--sensor)
		COMPREPLY=($(compgen -W "$(hostname 2>/dev/null)" -- "$cur"))
		return ;;
	-c | -s | --idle-timeout | --active-timeout | --max-flows | --rotate | --commit | --refresh | --template-refresh | --learn | --quiet-after | --hold)
		return ;;
	esac
	if [[ $cur == --style=* ]]; then
		COMPREPLY=($(compgen -W "tcpdump classic" -- "${cur#--style=}"))
		return
	fi
	if [[ $cur == -* ]]; then
		if [[ -z ${_netprofile_opts_cache[$cmd]-} ]]; then
			_netprofile_opts_cache[$cmd]="$(_netprofile_help_options "$np" "$cmd") --help"
		fi
		COMPREPLY=($(compgen -W "${_netprofile_opts_cache[$cmd]}" -- "$cur"))
		return
	fi
	# Anything else: a capture file (a BPF expression has no completion).
	if declare -F _filedir >/dev/null; then _filedir; else COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -F _netprofile netprofile
