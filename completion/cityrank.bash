# bash completion for cityrank.  The program says what fits the word
# being typed (cityrank __complete WORDS..., see cli/complete.c): the
# commands and options it takes, method names, and the codes and names
# of the data set the line names.  This script only asks and quotes.

# A word as the program will get it: quotes and backslashes taken off
# (without eval, which would run what the line holds), ~/ expanded.
_cityrank_dequote()
{
	local w=$1 out= c q= i

	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ $q == "'" ]]; then
			if [[ $c == "'" ]]; then q=; else out+=$c; fi
		elif [[ $c == '\' ]]; then
			i=$((i + 1))
			out+=${w:i:1}
		elif [[ $q == '"' ]]; then
			if [[ $c == '"' ]]; then q=; else out+=$c; fi
		elif [[ $c == "'" || $c == '"' ]]; then
			q=$c
		else
			out+=$c
		fi
	done
	[[ $out == '~/'* ]] && out=$HOME/${out#'~/'}
	printf '%s' "$out"
}

_cityrank()
{
	local cur words cword out rc c pre= brk= i
	local -a args

	if declare -F _get_comp_words_by_ref >/dev/null; then
		# The word whole: "--weights=a=1,b", not bash's "1,b".
		_get_comp_words_by_ref -n =: cur words cword
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	for ((i = 1; i <= cword; i++)); do
		args+=("$(_cityrank_dequote "${words[i]}")")
	done
	out=$(command "$(_cityrank_dequote "${words[0]}")" __complete \
	    "${args[@]}" 2>/dev/null)
	rc=$?
	COMPREPLY=()
	if ((rc == 3)); then
		if declare -F _filedir >/dev/null; then
			_filedir
		else
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		return 0
	fi
	((rc == 0)) || return 0
	# Bash replaces only what follows the last = or : it breaks at.
	[[ $COMP_WORDBREAKS == *=* ]] && brk+='='
	[[ $COMP_WORDBREAKS == *:* ]] && brk+=':'
	[[ -n $brk ]] && pre=${cur%"${cur##*[$brk]}"}
	while IFS= read -r c; do
		[[ -n $c ]] || continue
		[[ $c == *= ]] && compopt -o nospace 2>/dev/null
		if [[ $c == *[[:space:]\'\"\\\$\`\&\;\|\<\>\(\)\*\?\[\]\#\!]* ]]
		then
			printf -v c %q "$c"
		fi
		COMPREPLY+=("${c#"$pre"}")
	done <<<"$out"
	return 0
}
complete -F _cityrank cityrank
