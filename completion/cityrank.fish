# fish completion for cityrank.  The program says what fits the word
# being typed (cityrank __complete WORDS..., see cli/complete.c): the
# commands and options it takes, method names, and the codes and names
# of the data set the line names.  This function only asks.
function __cityrank_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	test (count $cur) -eq 0; and set cur ''
	set -l out (command $words[1] __complete $words[2..-1] $cur 2>/dev/null)
	switch $status
	case 0
		printf '%s\n' $out
	case 3
		__fish_complete_path $cur
	end
end
complete -c cityrank -f -a '(__cityrank_complete)'
