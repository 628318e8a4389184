# bash completion for kabi, installed as share/bash-completion/completions/kabi.
#
# The candidates come from the kabi being completed: `kabi --complete INDEX
# WORD...` reads the program's own option tables (query/opts.h) and, for
# ABI, release and syscall names, the catalog named by --db on the line or
# $KABI_DB.  Lines "@files:PREFIX" and "@dirs:PREFIX" ask for file names.
# Needs nothing from the bash-completion package.
_kabi() {
	local kabi=${COMP_WORDS[0]} line IFS=$'\n'
	[[ $kabi == '~/'* ]] && kabi=$HOME/${kabi#'~/'}
	COMPREPLY=()
	while IFS= read -r line; do
		case $line in
		@files:*)
			compopt -o filenames 2>/dev/null
			COMPREPLY+=($(compgen -f -- "${line#@files:}"))
			;;
		@dirs:*)
			compopt -o filenames 2>/dev/null
			COMPREPLY+=($(compgen -d -- "${line#@dirs:}"))
			;;
		*) COMPREPLY+=("$line") ;;
		esac
	done < <("$kabi" --complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null)
}
complete -F _kabi kabi
