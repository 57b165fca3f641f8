#!/bin/bash
# Shell completion, driven for real.  bash: the script in completion/
# loaded with bash-completion, its function called as bash calls it
# (COMP_WORDS split at = and : as COMP_WORDBREAKS says), then keys typed
# into an interactive bash in tmux.  zsh: the function loaded by compinit
# and keys typed into it in tmux.  fish: complete -C, when fish is there.
# The options offered are the ones getopt accepts and the help lists.
# Every expected list comes from the data's CSV sources, the help text
# or by hand, never from the program's own answers.
set -u
: "${CITYRANK:?}" "${SRCDIR:?}" "${MKDB:?}"
export LC_ALL=C.UTF-8

. "$SRCDIR/tests/tap.sh"

# Scratch homes: no one's own themes or scenarios.
export HOME=$tmp/home XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME" "$tmp/bin"
ln -s "$CITYRANK" "$tmp/bin/cityrank"
export PATH=$tmp/bin:$PATH
data=$SRCDIR/data

# same DESC WANT GOT: two lists, one item a line, in any order.
same() {
	if [ "$(printf '%s\n' "$2" | sort)" = "$(printf '%s\n' "$3" | sort)" ]
	then
		ok "$1"
	else
		not_ok "$1"
		printf '%s\n' "$2" | sed 's/^/# want: /'
		printf '%s\n' "$3" | sed 's/^/# got:  /'
	fi
}

# csv_col FILE N [AWK-CONDITION]: column N of a data source, header off
# (the columns used here hold no quoted commas).
csv_col() {
	awk -F, -v n="$2" "NR > 1 ${3:+&& ($3)} { print \$n }" "$1"
}

bashcomp=/usr/share/bash-completion/bash_completion
cat >"$tmp/drive.bash" <<EOF
# bash LINE: what Tab at the end of LINE offers, one a line.
source $bashcomp
source $SRCDIR/completion/cityrank.bash
line=\$1
COMP_LINE=\$line COMP_POINT=\${#line} COMP_WORDS=() w=
# Words at blanks; = and : are words of their own, as bash splits them.
for ((i = 0; i < \${#line}; i++)); do
	c=\${line:i:1}
	case \$c in
	' ') [[ -n \$w ]] && COMP_WORDS+=("\$w"); w= ;;
	[=:]) [[ -n \$w ]] && COMP_WORDS+=("\$w"); COMP_WORDS+=("\$c"); w= ;;
	*) w+=\$c ;;
	esac
done
COMP_WORDS+=("\$w")
COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1))
complete -p cityrank >/dev/null || exit 9
fn=\$(complete -p cityrank | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
"\$fn" cityrank "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "\${COMPREPLY[@]}"
EOF
# tab LINE: what bash's completion offers at the end of LINE.
tab() { bash "$tmp/drive.bash" "$1" 2>"$tmp/bash.err"; }

if [ ! -f "$bashcomp" ]; then
	skip "bash completion" "bash-completion not installed"
else
	check "the bash script registers a function for cityrank" \
	    bash -c "source '$SRCDIR/completion/cityrank.bash' &&
		complete -p cityrank | grep -q -- '-F _cityrank'"
	same "cityrank sh<Tab>: show" "show" "$(tab 'cityrank sh')"
	same "cityrank <Tab>: every command of the help" \
	    "$("$CITYRANK" --help | sed -n '/^commands:/,/^$/p' |
		awk 'NR > 1 && /^  [a-z]/ && !seen[$1]++ { print $1 }')" \
	    "$(tab 'cityrank ')"
	same "--format <Tab>: the four formats" "table
csv
json
md" "$(tab 'cityrank --format ')"
	same "--lang <Tab>: the two languages" "zh
en" "$(tab 'cityrank --lang ')"
	same "--format=<Tab> too" "table
csv
json
md" "$(tab 'cityrank rank --format=')"
	same "--normalize <Tab>: the methods" "none
minmax
zscore
rank
prank
borda
fracmax
goalposts
dist2max
dist2targ
dist2ref:" "$(tab 'cityrank --normalize ')"
	same "--aggregate <Tab>: the methods" "arith
geom
harm
power:
copeland" "$(tab 'cityrank --aggregate ')"
	same "show 石<Tab>: 石家庄" \
	    "$(csv_col "$data/entities.csv" 2 '$2 ~ /^石/')" \
	    "$(tab 'cityrank show 石')"
	same "show shi<Tab>: the code" \
	    "$(csv_col "$data/entities.csv" 1 '$1 ~ /^shi/')" \
	    "$(tab 'cityrank show shi')"
	same "show Shi<Tab>: the pinyin name" \
	    "$(csv_col "$data/entities.csv" 3 '$3 ~ /^Shi/')" \
	    "$(tab 'cityrank show Shi')"
	same "compare 南京 成<Tab>: the second city" \
	    "$(csv_col "$data/entities.csv" 2 '$2 ~ /^成/')" \
	    "$(tab 'cityrank compare 南京 成')"
	same "show takes one city: nothing after it" "" \
	    "$(tab 'cityrank show 南京 ')"
	same "--by in<Tab>: node codes" \
	    "$(csv_col "$data/framework.csv" 1 '$1 ~ /^in/')" \
	    "$(tab 'cityrank --by in')"
	# bash replaces what follows the word's last '=': "2,s...".
	same "--weights innovation=2,s<Tab>: a code after the comma" \
	    "$(csv_col "$data/framework.csv" 1 '$1 ~ /^s/ && $2 != ""' |
		sed 's/^/2,/; s/$/=/')" \
	    "$(tab 'cityrank --weights innovation=2,s')"
	same "--weights <Tab>: every code but the root's" \
	    "$(csv_col "$data/framework.csv" 1 '$2 != ""' | sed 's/$/=/')" \
	    "$(tab 'cityrank rank --weights ')"
	same "--x gdp<Tab>: numeric context variables" \
	    "$(csv_col "$data/context_vars.csv" 1 '$1 ~ /^gdp/ && $5 == "num"')" \
	    "$(tab 'cityrank scatter --x gdp')"
	same "--y <Tab>: nodes and numeric context, not text context" \
	    "$(csv_col "$data/framework.csv" 1
		csv_col "$data/context_vars.csv" 1 '$5 == "num"')" \
	    "$(tab 'cityrank scatter --y ')"
	same "--preset <Tab>: the data set's presets" \
	    "$(csv_col "$data/presets.csv" 1)" "$(tab 'cityrank --preset ')"
	same "--theme <Tab>: the built-in and the shipped themes" \
	    "$( (ls "$SRCDIR/themes" | sed -n 's/\.theme$//p'; echo default) |
		sort -u)" \
	    "$(tab 'cityrank --theme ')"
	mkdir -p "$XDG_CONFIG_HOME/cityrank/themes"
	: >"$XDG_CONFIG_HOME/cityrank/themes/dusk.theme"
	same "--theme d<Tab>: a theme of the user's too" "default
dusk" "$(tab 'cityrank --theme d')"

	# Saved scenarios, with a space in a name: offered quoted.
	"$CITYRANK" --preset equal scenario save 'innov x2' >/dev/null 2>&1
	"$CITYRANK" scenario save mine >/dev/null 2>&1
	same "--scenario <Tab>: saved scenarios and presets" \
	    "$(csv_col "$data/presets.csv" 1; echo 'innov\ x2'; echo mine)" \
	    "$(tab 'cityrank --scenario ')"
	same "scenario <Tab>: the subcommands of scenario's help" \
	    "$("$CITYRANK" scenario help | sed -n 's/^ *\(usage: \)\{0,1\}cityrank.* scenario \([a-z]*\).*/\2/p')" \
	    "$(tab 'cityrank scenario ')"
	same "scenario delete <Tab>: saved ones only" 'innov\ x2
mine' "$(tab 'cityrank scenario delete ')"
	same "scenario diff A <Tab>: a second one" \
	    "$(csv_col "$data/presets.csv" 1 '$1 ~ /^e/')" \
	    "$(tab 'cityrank scenario diff default e')"

	# Files: --db, -o, import's tables.
	: >"$tmp/asem.csv"
	same "--db <Tab>: file names" "$tmp/asem.csv" \
	    "$(tab "cityrank --db $tmp/as")"
	same "scenario export x -o <Tab>: file names" "$tmp/asem.csv" \
	    "$(tab "cityrank scenario export x -o $tmp/as")"
	same "after --, no options" "" "$(tab 'cityrank show -- --f')"
	same "an unknown command: nothing to offer" "" \
	    "$(tab 'cityrank frobnicate ')"
	check "the bash script wrote nothing to standard error" \
	    test ! -s "$tmp/bash.err"
fi

# Names from the data set the line names: an import of COINr's panel.
fx=$SRCDIR/tests/fixtures/coinr-asem
"$CITYRANK" import --data "$fx/ASEM_iData_p.csv" --meta "$fx/ASEM_iMeta.csv" \
    -o "$tmp/asem.db" >/dev/null 2>&1
if [ -f "$bashcomp" ]; then
	same "--db FILE show A<Tab>: that data set's units" \
	    "$(awk -F, 'NR > 1 { gsub(/"/, ""); print $2; print $1 }' \
		"$fx/ASEM_iData_p.csv" | grep '^A' | sort -u)" \
	    "$(tab "cityrank --db $tmp/asem.db show A")"
	same "--db=FILE --year <Tab>: its years" \
	    "$(awk -F, 'NR > 1 { print $7 }' "$fx/ASEM_iData_p.csv" | sort -u)" \
	    "$(tab "cityrank --db=$tmp/asem.db --year ")"
	same "--db 'FILE' (quoted) --by <Tab>: its node codes" \
	    "$(awk -F, 'NR > 1 { gsub(/"/, ""); print $2 }' \
		"$fx/ASEM_iMeta.csv" | grep -v '^$' | sort -u | grep '^Co')" \
	    "$(tab "cityrank --db '$tmp/asem.db' --by Co")"
fi

# What the program offers is safe to print: a unit named with escape
# sequences is left out, and the others are there.
cp -r "$data" "$tmp/hostile"
sed -i 's/^shijiazhuang,石家庄,Shijiazhuang$/shijiazhuang,石'"$(printf '\033')"'[2J家庄,Shijiazhuang/' \
    "$tmp/hostile/entities.csv"
"$MKDB" "$tmp/hostile" "$tmp/hostile.db" >/dev/null 2>&1
"$CITYRANK" __complete --db "$tmp/hostile.db" show '' >"$tmp/out" 2>"$tmp/err"
check "a hostile name: no control character in the candidates" \
    sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$tmp/out'"
check "... the name with an escape is not offered" \
    sh -c "! grep -q '^石' '$tmp/out'"
check "... the others are" grep -qx 南京 "$tmp/out"
check "... and nothing on standard error" test ! -s "$tmp/err"
"$CITYRANK" __complete --db "$tmp/nonesuch.db" show '' >"$tmp/out" 2>"$tmp/err"
check "a data set that does not open: nothing, silently" \
    sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/out' ] && [ ! -s '$tmp/err' ]"

# The options: what completion offers is what the help lists and the
# man page documents, and getopt takes each (with a value if it wants
# one: the --help after it is then still read), but not a made-up one.
offered=$("$CITYRANK" __complete -- 2>&1)
same "the options offered are the options of --help" \
    "$("$CITYRANK" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)" \
    "$offered"
same "... and of the man page" \
    "$(grep -o 'Fl -[a-z][a-z-]*' "$SRCDIR/doc/cityrank.1" |
	sed 's/^Fl /-/' | sort -u)" \
    "$offered"
refused=
for o in $offered; do
	# --help prints the usage, --version the version, before --help.
	"$CITYRANK" "$o" 80 --help >"$tmp/out" 2>"$tmp/err" &&
	    grep -q '^usage: cityrank\|^cityrank [0-9]' "$tmp/out" ||
	    refused="$refused $o"
done
check "getopt accepts every option offered${refused:+ (not:$refused)}" \
    test -z "$refused"
"$CITYRANK" --no-such-option 80 --help >/dev/null 2>"$tmp/err"
check "... and refuses one that is not (the check can fail)" \
    sh -c "[ $? -eq 2 ] && grep -q 'unknown option' '$tmp/err'"

# keys SESSION TEXT...: type into a tmux session; screen SESSION.
t() { tmux -L "cr-complete-$$" -f /dev/null "$@"; }
# typed SESSION WANT KEYS: type, Tab, then Q (so that the space a
# completion adds shows), and wait for the line to show WANT.
typed() {
	s=$1 want=$2; shift 2
	t send-keys -t "$s" C-u "$@" Tab
	sleep 0.3
	t send-keys -t "$s" Q
	i=0
	while [ $i -lt 50 ]; do
		t capture-pane -p -t "$s" | grep -qF -- "$want" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	t capture-pane -p -t "$s" | sed 's/^/# /'
	return 1
}
real() { # real SESSION DESC KEYS WANT
	if typed "$1" "$4" "$3"; then ok "$2"; else not_ok "$2"; fi
	t send-keys -t "$1" C-u
	t send-keys -t "$1" C-l
	sleep 0.2
}
if ! command -v tmux >/dev/null; then
	skip "bash and zsh in a terminal" "tmux not installed"
else
	trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
	env="HOME=$HOME XDG_DATA_HOME=$XDG_DATA_HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME PATH=$PATH TERM=xterm LC_ALL=C.UTF-8"
	if [ -f "$bashcomp" ]; then
		cat >"$tmp/bashrc" <<EOF
PS1='$ '
source $bashcomp
source $SRCDIR/completion/cityrank.bash
EOF
		t new-session -d -s b -x 120 -y 20 "env -i $env bash --noprofile --rcfile $tmp/bashrc -i"
		sleep 0.5
		real b "bash, typed: cityrank sh<Tab>" 'cityrank sh' \
		    '$ cityrank show Q'
		real b "bash, typed: cityrank show 石<Tab>" 'cityrank show 石' \
		    '$ cityrank show 石家庄 Q'
		real b "bash, typed: --weights innovation=2,str<Tab>" \
		    'cityrank --weights innovation=2,str' \
		    '$ cityrank --weights innovation=2,strategy=Q'
		real b "bash, typed: scenario delete in<Tab> quotes the space" \
		    'cityrank scenario delete in' \
		    '$ cityrank scenario delete innov\ x2 Q'
	fi
	if command -v zsh >/dev/null; then
		check "zsh: compinit finds _cityrank for cityrank" \
		    env -i $env zsh -f -c "fpath=('$SRCDIR/completion' \$fpath)
			autoload -Uz compinit && compinit -u -d '$tmp/zcd' &&
			[[ \$_comps[cityrank] == _cityrank ]]"
		cat >"$tmp/zshrc" <<EOF
PS1='%% '
fpath=($SRCDIR/completion \$fpath)
autoload -Uz compinit
compinit -u -d $tmp/zcompdump
EOF
		t new-session -d -s z -x 120 -y 20 "env -i $env zsh -f -i"
		sleep 0.3
		t send-keys -t z "source $tmp/zshrc; clear" Enter
		sleep 0.5
		real z "zsh, typed: cityrank sh<Tab>" 'cityrank sh' \
		    '% cityrank show Q'
		real z "zsh, typed: cityrank show 石<Tab>" 'cityrank show 石' \
		    '% cityrank show 石家庄 Q'
		real z "zsh, typed: --weights innovation=2,str<Tab>" \
		    'cityrank --weights innovation=2,str' \
		    '% cityrank --weights innovation=2,strategy=Q'
		real z "zsh, typed: --format j<Tab>" 'cityrank --format j' \
		    '% cityrank --format json Q'
	else
		skip "zsh completion" "zsh not installed"
	fi
fi

if command -v fish >/dev/null; then
	fc() { fish --no-config -c "source '$SRCDIR/completion/cityrank.fish'
		complete -C'$1'" | cut -f1; }
	same "fish: cityrank sh<Tab>" "show" "$(fc 'cityrank sh')"
	same "fish: show 石<Tab>" "石家庄" "$(fc 'cityrank show 石')"
	same "fish: --format <Tab>" "table
csv
json
md" "$(fc 'cityrank --format ')"
else
	skip "fish completion" "fish not installed"
fi
done_testing
