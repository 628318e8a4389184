#!/bin/bash
# kabi installed like a real tool: `cmake --install` into a temporary
# prefix, then the installed binary, its man page (rendered with man, and
# naming every command and option that --help names) and its bash (and,
# where zsh exists, zsh) completions, and `make uninstall`.
# Needs man (man-db) and col (bsdextrautils); zsh is optional.
. "$(dirname "$0")/../lib/testlib.sh"
: "${KABI_BUILD:?KABI_BUILD must name the build directory}"
command -v man >/dev/null || skip "man is not installed (apt-get install man-db)"
command -v col >/dev/null || skip "col is not installed (apt-get install bsdextrautils)"
[ -f "$KABI_BUILD/kabi.1" ] || skip "$KABI_BUILD/kabi.1 is not built (cmake --build without --target)"

COMMANDS="harvest versions abis show table diff check matrix export publish"
P=$T/prefix
cmake --install "$KABI_BUILD" --prefix "$P" >"$T/install.log" 2>&1
eq "cmake --install exits 0" "$?" 0
for f in bin/kabi share/man/man1/kabi.1 share/bash-completion/completions/kabi \
	share/zsh/vendor-completions/_kabi share/doc/kabi/README.md share/doc/kabi/docs/schema.md \
	share/doc/kabi/docs/formats.md; do
	ok "installs $f" test -f "$P/$f"
done
ok "bin/kabi is executable" test -x "$P/bin/kabi"
ok "libexec/kabi/kabi-helper is executable" test -x "$P/libexec/kabi/kabi-helper"
K=$P/bin/kabi
H=$P/libexec/kabi/kabi-helper
unset KABI_DB

# Two programs (docs/architecture.md): the kabi every query starts loads
# neither libgit2 nor libxml2 (their libraries cost more to load than a
# query takes); kabi-helper, which harvest, publish and the gdb-xml export
# run in, does.
libs() { ldd "$1" | awk '{ print $1 }' | sed -n 's/^\(lib\(git2\|xml2\)\)\.so.*/\1/p' | sort | tr '\n' ' '; }
eq "kabi links neither libgit2 nor libxml2" "$(libs "$K")" ""
eq "... which kabi-helper links (the check can fail)" "$(libs "$H")" "libgit2 libxml2 "

# The installed binary works on a catalog of its own.
eq "installed --version" "$("$K" --version)" \
	"kabi $(sed -n 's/^project(kabi VERSION \([0-9.]*\).*/\1/p' "$KABI_SRC/CMakeLists.txt")"
eq "installed --help exits 0" "$(exit_code "$K" --help)" 0
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
DB=$T/k.db
"$K" harvest "$T/repo" --db "$DB" --quiet
eq "installed harvest exits 0" "$?" 0
eq "installed versions" "$("$K" --db "$DB" versions --format csv | cut -d, -f1 | tr '\n' ' ')" \
	"name v4.0-rc1 v4.0 v4.2 v4.17 v5.9 v5.10-rc1 v5.10 "
eq "installed table" "$("$K" table --abi x86_64 --at v5.10 --db "$DB" --format csv | cut -d, -f2 | tr '\n' ' ')" \
	"name read write open close rt_sigaction rt_sigreturn _sysctl io_setup clone3 "
"$K" export --format gdb-xml --abi x86_64 --at v5.10 --db "$DB" -o "$T/x86_64.xml"
eq "installed gdb-xml export exits 0" "$?" 0
eq "... its syscalls" "$(grep -c '<syscall name=' "$T/x86_64.xml")" 9
eq "... what kabi-helper writes itself" \
	"$("$H" export --format gdb-xml --abi x86_64 --at v5.10 --db "$DB" | cmp - "$T/x86_64.xml" && echo same)" same
"$K" publish "$T/pub" --db "$DB" --quiet
eq "installed publish exits 0" "$?" 0
ok "... writes the site" test -s "$T/pub/index.html"
# publish copies the installed schema document, not the source tree's
# (which a user of the installed tool does not have)
unset KABI_SCHEMA_DOC
printf '\n<!-- the installed copy -->\n' >>"$P/share/doc/kabi/docs/schema.md"
"$K" publish "$T/pub2" --db "$DB" --quiet
ok "... its schema.md is the installed document" grep -q 'the installed copy' "$T/pub2/schema.md"
# kabi, run from a copy of the tree (relocated, as a package unpacked
# elsewhere), finds kabi-helper relative to itself; without it, one line
# says so (and the queries still work).
cp -a "$P" "$T/moved"
eq "a moved tree's harvest finds its kabi-helper" \
	"$(exit_code "$T/moved/bin/kabi" harvest "$T/repo" --db "$T/moved.db" --quiet)" 0
printf '<!-- kabi test: the moved copy -->\n' >>"$T/moved/share/doc/kabi/docs/schema.md"
"$T/moved/bin/kabi" publish "$T/pub3" --db "$DB" --quiet
ok "... and its publish the moved schema.md" grep -q 'kabi test: the moved copy' "$T/pub3/schema.md"
rm "$T/moved/libexec/kabi/kabi-helper"
cache() { sed -n "s/^$1:[A-Z]*=//p" "$KABI_BUILD/CMakeCache.txt"; }
if [ -e "$(cache CMAKE_INSTALL_PREFIX)/$(cache CMAKE_INSTALL_LIBEXECDIR)/kabi/kabi-helper" ]; then
	echo "note: a kabi-helper is installed system-wide; the missing-helper check was not run"
else
	"$T/moved/bin/kabi" harvest "$T/repo" --db "$T/moved.db" 2>"$T/err"
	eq "without kabi-helper, harvest exits 2" "$?" 2
	eq "... with one line" "$(wc -l <"$T/err")" 1
	ok "... that says what is missing" grep -q "^kabi: cannot run 'harvest': kabi-helper is not installed (looked for $T/moved/bin/kabi-helper, " "$T/err"
	eq "... as does export --format gdb-xml" \
		"$(exit_code "$T/moved/bin/kabi" export --format gdb-xml --abi x86_64 --db "$DB")" 2
	eq "... while the other exports work" \
		"$("$T/moved/bin/kabi" export --format csv --abi x86_64 --at v5.10 --db "$DB" | wc -l)" 10
fi

# The man page: built from the same tables, rendered without warnings.
MAN=$P/share/man/man1/kabi.1
eq "the installed page is what this kabi prints" "$("$K" --man | cmp - "$MAN" && echo same)" same
MANWIDTH=80 man --warnings -l "$MAN" >/dev/null 2>"$T/warn"
eq "man --warnings says nothing" "$(cat "$T/warn")" ""
MANWIDTH=80 LC_ALL=C man -l "$MAN" 2>/dev/null | col -bx >"$T/man.txt"
ok "man finds the page under the prefix" bash -c "MANWIDTH=80 LC_ALL=C man -M '$P/share/man' kabi 2>/dev/null | grep -q '^NAME'"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	ok "section $s" grep -qx "$s" "$T/man.txt"
done
ok "NAME line" grep -q '^       kabi - the Linux system-call ABI' "$T/man.txt"

# man_section CMD: the text of the page's "kabi CMD" subsection.
man_section() {
	awk -v c="$1" '$0 == "   " c { on = 1; next } on && (/^   [a-z]+$/ || /^[A-Z]/) { exit } on' "$T/man.txt"
}
# help_options CMD: the options `kabi CMD --help` lists, "--name" and "-x".
help_options() {
	"$K" "$1" --help | sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' | sed 's/, /\n/' | grep -vx -- '-h\|--help'
}
total=0
# Every command the program lists is there, and a list written here too
# (so that an empty --help cannot pass).
eq "kabi --help lists these commands" \
	"$("$K" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | tr '\n' ' ')" "$COMMANDS "
for c in $COMMANDS; do
	man_section "$c" >"$T/sec"
	ok "man: a section for $c" test -s "$T/sec"
	ok "man: $c's synopsis" grep -q "^       kabi $c\b" "$T/sec"
	for o in $(help_options "$c"); do
		total=$((total + 1))
		ok "man: $c $o" grep -qE -- "(^|[ ,])$o([ ,]|$)" "$T/sec"
	done
done
ok "--help of the commands lists options ($total)" test "$total" -ge 30
# ... and options known here, whatever --help says.
known() {   # known CMD OPTION...
	local c=$1 o
	shift
	man_section "$c" >"$T/sec"
	for o in "$@"; do ok "man: $c has $o" grep -qE -- "(^|[ ,])$o([ ,]|$)" "$T/sec"; done
}
known harvest --refs -r --quiet --db
known table --abi --at --missing-on --signatures --format
known diff --events --entries --signatures
known check --kernel --min --input --abi
known export --format --output -o --at
known publish --force
known matrix --abi --from --to --format
ok "man: export lists its formats" grep -q '^              seccomp-csv' "$T/man.txt"
awk '/^OPTIONS$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/man.txt" >"$T/sec"
for o in --db --format --version --help; do
	ok "man: global option $o" grep -qE -- "(^|[ ,])$o([ ,]|$)" "$T/sec"
done
# Every environment variable the code reads is documented.
awk '/^ENVIRONMENT$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/man.txt" >"$T/sec"
vars=$(grep -rhoE 'getenv\("[A-Z_0-9]+"\)' "$KABI_SRC/query" "$KABI_SRC/harvest" "$KABI_SRC/db" |
	sed 's/getenv("\(.*\)")/\1/' | sort -u)
ok "the code reads KABI_DB (or this check reads nothing)" grep -qx KABI_DB <<<"$vars"
for v in $vars; do ok "man: ENVIRONMENT names $v" grep -qE "^       $v( |$)" "$T/sec"; done
# The exit codes are cli.h's.
awk '/^EXIT STATUS$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/man.txt" >"$T/sec"
for code in $(sed -n 's/.*KABI_EXIT_[A-Z]* = \([0-9]\).*/\1/p; s/.*KABI_EXIT_OK = 0, KABI_EXIT_NO = 1, KABI_EXIT_ERROR = 2.*/0 1 2/p' \
	"$KABI_SRC/query/cli.h" | tr ' ' '\n' | sort -u); do
	ok "man: EXIT STATUS explains $code" grep -q "^       $code  " "$T/sec"
done
ok "cli.h's codes were found" grep -q 'KABI_EXIT_ERROR = 2' "$KABI_SRC/query/cli.h"

# The bash completion, sourced in a plain bash (no bash-completion
# package needed); comp WORD... prints what it offers for the last word.
BASHCOMP=$P/share/bash-completion/completions/kabi
comp() {
	PATH="$P/bin:$PATH" bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_kabi
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$BASHCOMP" "$@" | sort | tr '\n' ' '
}
eq "bash: registered for kabi" "$(bash --norc -c ". '$BASHCOMP'; complete -p kabi")" "complete -F _kabi kabi"
eq "bash: kabi <TAB> offers the commands" "$(comp kabi '')" \
	"$(printf '%s\n' $COMMANDS | sort | tr '\n' ' ')"
eq "bash: kabi ta<TAB>" "$(comp kabi ta)" "table "
eq "bash: kabi table --abi <TAB> offers the catalog's ABIs (\$KABI_DB)" \
	"$(KABI_DB=$DB comp kabi table --abi '')" "i386 x32 x86_64 "
eq "bash: --db on the line wins over \$KABI_DB" "$(KABI_DB=$T/none.db comp kabi --db "$DB" table --abi x)" \
	"x32 x86_64 "
eq "bash: a catalog that is not there offers nothing" "$(KABI_DB=$DB comp kabi table --db "$T/none.db" --abi '')" ""
eq "bash: kabi --db DB show --<TAB> offers show's options" "$(comp kabi --db "$DB" show --)" \
	"--abi --at --db --format --help "
eq "bash: ... which are show --help's" "$(comp kabi --db "$DB" show --)" \
	"$({ help_options show | grep -- '^--'; echo --help; } | sort | tr '\n' ' ')"
eq "bash: releases for diff" "$(comp kabi diff --db "$DB" v5)" "v5.10 v5.10-rc1 v5.9 "
eq "bash: releases for --at" "$(comp kabi table --db "$DB" --at v4.1)" "v4.17 "
eq "bash: syscalls for check" "$(comp kabi check --db "$DB" --kernel v5.10 clo | tr ' ' '\n' | grep -v / | tr '\n' ' ')" \
	"clone3 close "
eq "bash: --format values" "$(comp kabi versions --format '')" "csv json text "
eq "bash: --format=<TAB>" "$(comp kabi versions --format = j)" "json "
eq "bash: export's own formats" "$(comp kabi export --format c)" "c-header csv "
eq "bash: files for --db" "$(touch "$T/only-one.db"; comp kabi --db "$T/only")" "$T/only-one.db "
eq "bash: directories for publish" "$(mkdir -p "$T/site.d"; comp kabi publish "$T/site")" "$T/site.d "

# The zsh completion, where zsh is installed: the script's own logic,
# with zsh's completion builtins replaced by ones that print.
if command -v zsh >/dev/null; then
	zcomp() {
		mkdir -p "$T/zf" && cp "$P/share/zsh/vendor-completions/_kabi" "$T/zf/_kabi"
		PATH="$P/bin:$PATH" zsh -f -c '
			fpath=("$1" $fpath); autoload -Uz _kabi; shift
			compadd() { while [[ $1 == -* && $1 != -a ]]; do shift; done; print -rl -- "${(@P)2}"; }
			_files() { print -r -- "FILES($*):$PREFIX"; }
			compset() { PREFIX=${PREFIX#*=}; }
			words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
			_kabi' _ "$T/zf" "$@" | sort | tr '\n' ' '
	}
	eq "zsh: kabi <TAB>" "$(zcomp kabi '')" "$(printf '%s\n' $COMMANDS | sort | tr '\n' ' ')"
	eq "zsh: kabi table --abi <TAB>" "$(KABI_DB=$DB zcomp kabi table --abi '')" "i386 x32 x86_64 "
	eq "zsh: kabi --db DB show --<TAB>" "$(zcomp kabi --db "$DB" show --)" "--abi --at --db --format --help "
	eq "zsh: --format=j<TAB>" "$(zcomp kabi versions --format=j)" "--format=json "
	eq "zsh: files for --db=" "$(zcomp kabi --db=k)" "FILES():k "
else
	echo "note: zsh is not installed; its completion was not run"
fi

# make uninstall removes what the install put there.
if command -v make >/dev/null; then
	make -s -C "$KABI_SRC" uninstall BUILD="$KABI_BUILD" >"$T/uninstall.log" 2>&1
	eq "make uninstall exits 0" "$?" 0
	eq "make uninstall leaves no file" "$(find "$P" -type f)" ""
	ok "... nor share/doc/kabi" test ! -e "$P/share/doc/kabi"
	ok "... nor libexec/kabi" test ! -e "$P/libexec/kabi"
	eq "a second make uninstall fails: nothing recorded" \
		"$(exit_code make -s -C "$KABI_SRC" uninstall BUILD="$KABI_BUILD")" 2
fi
finish
