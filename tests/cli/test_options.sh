#!/bin/bash
# The command line as the option tables make it: options before the
# command (--db, --format), a missing argument that must not take the next
# option, usage errors (one "kabi:" line, the usage, exit 2), help.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
unset KABI_DB
DB=$T/k.db
"$KABI" harvest "$T/repo" --db "$DB" 2>/dev/null
cd "$T" # no ./kabi.db here: a command that ignored --db would fail

# Options before the command act as if given after it.
eq "--db before the command" "$("$KABI" --db "$DB" versions --format csv | cut -d, -f1 | tr '\n' ' ')" \
	"name v4.0-rc1 v4.0 v4.2 v4.17 v5.9 v5.10-rc1 v5.10 "
eq "--db= before the command" "$("$KABI" --db="$DB" versions)" "$("$KABI" versions --db "$DB")"
"$KABI" --format json --db "$DB" abis >"$T/abis.json"
eq "--format json before the command: exit 0" "$?" 0
eq "--format json before the command: JSON" \
	"$(sqlite3 :memory: "SELECT json_valid(readfile('$T/abis.json')), json_array_length(readfile('$T/abis.json'))")" \
	"1|3"
eq "the command's own option wins" "$("$KABI" --format json --db "$DB" versions --format csv | head -1)" \
	"name,version,line,rc,date,commit,abis,version_from"
eq "the command's own --db wins" "$(exit_code "$KABI" --db "$T/none.db" versions --db "$DB")" 0
eq "export's --format may come first too" \
	"$("$KABI" --format c-header --db "$DB" export --abi x86_64 --at v5.10)" \
	"$("$KABI" export --format c-header --abi x86_64 --at v5.10 --db "$DB")"
"$KABI" --format csv harvest "$T/repo" --db "$DB" >/dev/null 2>"$T/err"
eq "a command without --format refuses it: exit 2" "$?" 2
eq "... saying so" "$(head -1 "$T/err")" "kabi: 'harvest' takes no --format"
ok "... with harvest's usage" grep -q '^usage: kabi harvest ' "$T/err"
"$KABI" --abi x86_64 table --at v5.10 --db "$DB" >/dev/null 2>"$T/err"
eq "a command's option before the command: exit 2" "$?" 2
ok "... names it" grep -q "^kabi: unknown option '--abi' before the command" "$T/err"
eq "an option before nothing: exit 2" "$(exit_code "$KABI" --db "$DB")" 2
eq "--db with no argument: exit 2" "$(exit_code "$KABI" --db)" 2
"$KABI" --db 2>&1 | head -1 >"$T/err"
eq "... saying so" "$(cat "$T/err")" "kabi: option '--db' needs an argument (FILE)"

# Before the command any --word is an option: the command is not known yet.
"$KABI" --db --abi x versions >"$T/out" 2>"$T/err"
eq "--db --abi before the command: exit 2" "$?" 2
eq "... --db needs an argument" "$(head -1 "$T/err")" \
	"kabi: option '--db' needs an argument (FILE); '--abi' is an option"
eq "... nothing on stdout" "$(cat "$T/out")" ""
eq "--db=--odd-name is a value: no catalog there" "$(exit_code "$KABI" --db=--odd-name versions)" 2
"$KABI" --db=--odd-name versions 2>"$T/err"
ok "... named as the catalog" grep -q "'--odd-name'" "$T/err"

# A missing argument never takes the next word when that is an option.
"$KABI" harvest "$T/repo" --refs --db "$T/x.db" >"$T/out" 2>"$T/err"
eq "harvest --refs --db: exit 2" "$?" 2
eq "... --refs needs an argument" "$(head -1 "$T/err")" \
	"kabi: option '--refs' needs an argument (PATTERN); '--db' is an option"
eq "... then the usage, and nothing else" "$(sed -n '2,$p' "$T/err")" \
	"usage: kabi harvest [REPO] [--refs PATTERN]... [--quiet] [--progress MODE] [--db FILE]"
ok "... and no catalog named --db or x.db" test ! -e "$T/x.db" -a ! -e "$T/--db"
eq "... nothing on stdout" "$(cat "$T/out")" ""
"$KABI" table --abi --at v5.10 --db "$DB" >/dev/null 2>"$T/err"
eq "table --abi --at: exit 2" "$?" 2
ok "... --abi needs an argument" grep -q "^kabi: option '--abi' needs an argument (ABI); '--at' is an option" "$T/err"
"$KABI" check -k --min read --db "$DB" >/dev/null 2>"$T/err"
eq "the short form too: exit 2" "$?" 2
ok "... -k is --kernel" grep -q "^kabi: option '--kernel' needs an argument (VERSION); '--min' is an option" "$T/err"
"$KABI" table --abi x86_64 --db "$DB" --at 2>"$T/err"
eq "a missing argument at the end: exit 2" "$?" 2
ok "... says so" grep -q "^kabi: option '--at' needs an argument (VERSION)$" "$T/err"
# Attached, it is the user's word: a pattern "--db" that matches no ref.
"$KABI" harvest "$T/repo" --refs=--db --db "$T/y.db" 2>"$T/err"
eq "--refs=--db is a pattern: exit 2 (nothing matches)" "$?" 2
ok "... the harvest ran and found no ref" grep -q "no release refs in '$T/repo' match" "$T/err"
# An argument that looks like an option but names none of the command's is taken.
"$KABI" harvest "$T/repo" --refs --not-an-option --db "$T/z.db" 2>"$T/err"
ok "... as is --refs --not-an-option" grep -q "no release refs in '$T/repo' match" "$T/err"

# Short options and abbreviations are what they were.
eq "short options" "$("$KABI" table -a x86_64 -t 5.10 -s -f csv -d "$DB")" \
	"$("$KABI" table --abi x86_64 --at 5.10 --signatures --format csv --db "$DB")"
eq "abbreviations" "$("$KABI" table --ab x86_64 --at 5.10 --sig --form csv --db "$DB")" \
	"$("$KABI" table --abi x86_64 --at 5.10 --signatures --format csv --db "$DB")"
eq "operands between options" "$("$KABI" diff --abi x86_64 v4.0 --db "$DB" v5.10 --format csv | wc -l)" 4
eq "check --input is an ordinary option now" \
	"$(printf 'read\n' | "$KABI" check --input names --kernel 5.10 - --db "$DB" --format csv | head -2 | tail -1 | cut -d, -f1,2)" \
	"read,available"

# Usage errors: one "kabi:" line, then the usage; exit 2.
usage_error() {   # usage_error DESCRIPTION WANT-FIRST-LINE ARGS...
	local what=$1 want=$2 rc=0
	shift 2
	"$KABI" "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?
	eq "$what: exit 2" "$rc" 2
	eq "$what: message" "$(head -1 "$T/err")" "$want"
	ok "$what: then the usage" bash -c "sed -n 2p '$T/err' | grep -q '^usage: kabi '"
	eq "$what: stdout empty" "$(wc -c <"$T/out")" 0
}
usage_error "unknown option" "kabi: unknown option '--bogus'" versions --bogus
usage_error "a near miss" "kabi: unknown option '--signaturez' (did you mean --signatures?)" \
	table --signaturez --abi x86_64 --at 5.10 --db "$DB"
usage_error "a flag with a value" "kabi: option '--quiet' takes no argument" harvest --quiet=yes
usage_error "an unknown letter" "kabi: unknown option '-x'" show -x read
usage_error "no command" "kabi: which command? (see 'kabi --help')" --db "$DB"
usage_error "unknown --input type" "kabi: unknown input type 'bogus' (types: names, strace, seccomp, elf, image)" \
	check --kernel 5.10 --input bogus read --db "$DB"
usage_error "export without --format" \
	"kabi: --format is required (formats: json, csv, c-header, gdb-xml, seccomp-csv, go, musl, glibc, rust)" export --abi x86_64 --db "$DB"
"$KABI" versionz 2>"$T/err"
eq "an unknown command: exit 2" "$?" 2
eq "... with a suggestion" "$(cat "$T/err")" "kabi: unknown command 'versionz' (did you mean versions?) (see 'kabi --help')"
"$KABI" >/dev/null 2>"$T/err"
eq "no arguments: exit 2" "$?" 2
ok "... and the help on stderr" grep -q '^commands:' "$T/err"

# Odd words never crash a command: exit 0, 1 or 2, and a message with 2.
for a in "" - -- --- --= -= --db= --format= = -h= --help=1 "--$(printf 'x%.0s' {1..300})"; do
	for c in "" harvest versions abis show table diff check export publish help; do
		rc=0
		"$KABI" $c "$a" >/dev/null 2>"$T/err" </dev/null || rc=$?
		if [ "$rc" -gt 2 ]; then
			FAIL=$((FAIL + 1)); echo "FAIL: kabi $c '$a' exits $rc" >&2
		elif [ "$rc" = 2 ] && ! grep -q '^kabi: ' "$T/err"; then
			FAIL=$((FAIL + 1)); echo "FAIL: kabi $c '$a' exits 2 without a message" >&2
		else
			PASS=$((PASS + 1))
		fi
	done
done

# Help: every command's, on stdout, exit 0; `kabi help CMD` is the same.
for c in harvest versions abis show table diff check export publish; do
	"$KABI" "$c" --help >"$T/help" 2>"$T/err"
	eq "$c --help exits 0" "$?" 0
	eq "$c --help: usage first" "$(head -1 "$T/help" | cut -d' ' -f1-3)" "usage: kabi $c"
	eq "$c --help: nothing on stderr" "$(cat "$T/err")" ""
	ok "$c --help lists --help" grep -q '^  -h, --help ' "$T/help"
	eq "kabi help $c" "$("$KABI" help "$c")" "$(cat "$T/help")"
	eq "kabi -h after options" "$("$KABI" "$c" --db "$DB" -h)" "$(cat "$T/help")"
done
ok "table --help lists its options" bash -c "'$KABI' table --help | grep -q -- '-s, --signatures'"
ok "check --help lists --input" bash -c "'$KABI' check --help | grep -q -- '    --input TYPE'"
ok "export --help lists every format" bash -c "'$KABI' export --help | grep -q '^ *seccomp-csv '"
eq "kabi --help exits 0" "$(exit_code "$KABI" --help)" 0
eq "kabi help is kabi --help" "$("$KABI" help)" "$("$KABI" --help)"
for c in harvest versions abis show table diff check export publish; do
	ok "kabi --help lists $c" grep -q "^  $c " <("$KABI" --help)
done
# The README's Usage section lists every command with each of its options
# (--db and --format in the sentence above the list).
sed -n '/^## Usage/,/^## [A-Z]/p' "$KABI_SRC/README.md" >"$T/usage.md"
ok "README: --db and --format" grep -q '`--db FILE`.*`--format text|csv|json`' <(tr '\n' ' ' <"$T/usage.md")
n=0
for c in harvest versions abis show table diff check export publish; do
	grep "^kabi $c\b" "$T/usage.md" >"$T/lines"
	ok "README: kabi $c" test -s "$T/lines"
	"$KABI" "$c" --help | sed -n 's/^  \(-\([a-z]\), \)\{0,1\}--\([a-z-]*\).*/\3 \2/p' >"$T/opts"
	while read -r name letter; do
		case $name in help | db | format) [ "$c" != export ] || [ "$name" != format ] && continue ;; esac
		n=$((n + 1))
		ok "README: kabi $c --$name" grep -qE -- "--$name\b${letter:+|-$letter\b}" "$T/lines"
	done <"$T/opts"
done
ok "README: the options were read ($n)" test "$n" -ge 12

# An option that selects the answer, given twice, is refused (it silently
# took the last one); the same value twice is harmless.  (check and matrix
# take several ABIs: their --abi accumulates, tests/cli/test_check_abis.sh.)
for cmdopt in "table abi" "table at" "check kernel"; do
	set -- $cmdopt
	cmd=$1 opt=$2
	"$KABI" $cmd --$opt a1 --$opt a2 openat 2>"$T/err"
	eq "--$opt twice with two values: exit 2" "$?" 2
	ok "--$opt twice: says so" grep -q "^kabi: --$opt given twice ('a1', 'a2')" "$T/err"
done
"$KABI" table --abi x86_64 --abi x86_64 --help >/dev/null
eq "--abi twice with one value: accepted" "$?" 0

eq "--version is the project's" "$("$KABI" --version)" \
	"kabi $(sed -n 's/^project(kabi VERSION \([0-9.]*\).*/\1/p' "$KABI_SRC/CMakeLists.txt")"
finish
