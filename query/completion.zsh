#compdef kabi
# zsh completion for kabi, installed as share/zsh/vendor-completions/_kabi.
#
# The candidates come from the kabi being completed: `kabi --complete INDEX
# WORD...` reads the program's own option tables (query/opts.h) and, for
# ABI, release and syscall names, the catalog named by --db on the line or
# $KABI_DB.  Lines "@files:PREFIX" and "@dirs:PREFIX" ask for file names.
local line
local -a cands
for line in "${(@f)$(${~words[1]} --complete $((CURRENT - 1)) "${words[@]}" 2>/dev/null)}"; do
	case $line in
	(@files:*) [[ $PREFIX == --*=* ]] && compset -P '*='; _files ;;
	(@dirs:*) [[ $PREFIX == --*=* ]] && compset -P '*='; _files -/ ;;
	(?*) cands+=("$line") ;;
	esac
done
(( ${#cands} )) && compadd -Q -a cands
return 0
