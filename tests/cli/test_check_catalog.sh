#!/bin/bash
# kabi check against catalogs it must not trust and inputs it must not
# misread, on the fixture catalog of tests/fixtures/make-tbl-repo.sh (read
# its header: x86_64 v4.0-rc1 .. v5.10 with read 0, write 1, open 2, close 3
# from v4.0, uselib 134 never implemented and removed in v5.10-rc1, clone3
# 435 from v5.9; i386 with read 3 and open 5 only).  Expected values come
# from those facts and from what the brief of each check says, not from
# kabi's output.
. "$(dirname "$0")/../lib/testlib.sh"
command -v sqlite3 >/dev/null || skip "no sqlite3 to craft catalogs"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

# ---- a damaged catalog: one line on stderr, nothing on stdout, exit 2 ------
# (a release position out of range once overflowed a heap buffer in --min)
damaged() {   # damaged NAME SQL: a copy of the fixture catalog with SQL applied
	cp "$KABI_DB" "$T/$1.db" && sqlite3 "$T/$1.db" "$2"
}
damaged before "UPDATE span SET first_ord = -100"
damaged after "UPDATE span SET last_ord = 1000"
damaged event "UPDATE event SET ord = 99 WHERE kind = 'removed'"
# (--kernel reads no span's last release: "after" is a --min case only)
for run in "before --min" "before --kernel v5.10" "after --min"; do
	set -- $run
	db=$1 mode=${*:2}
	# shellcheck disable=SC2086
	"$KABI" check --db "$T/$db.db" $mode read write >"$T/out" 2>"$T/err"
	eq "$db, check $mode: exit 2" "$?" 2
	eq "$db, check $mode: nothing on stdout" "$(cat "$T/out")" ""
	eq "$db, check $mode: one line on stderr" "$(wc -l <"$T/err")" 1
	ok "$db, check $mode: it names the catalog" grep -q "^kabi: .*'$T/$db.db'" "$T/err"
done
"$KABI" check --db "$T/event.db" --kernel v5.10 uselib >"$T/out" 2>"$T/err"
eq "a 'removed' event out of range: exit 2" "$?" 2
eq "a 'removed' event out of range: one line on stderr" "$(wc -l <"$T/err")" 1
# Every query command that reads spans says so too, whatever it reads of
# them (table reads them through a view that takes no span's bounds).
damaged backwards "UPDATE span SET first_ord = 3, last_ord = 1"
damaged spanabi "UPDATE span SET abi_id = 99"
damaged spansys "UPDATE span SET syscall_id = 99999"
for db in before after backwards spanabi spansys; do
	for cmd in "table --abi x86_64 --at v5.10" "show read" "matrix read close" "diff v4.0 v5.10" \
		"export --format csv --abi x86_64" "check --kernel v5.10 read"; do
		# shellcheck disable=SC2086
		"$KABI" $cmd --db "$T/$db.db" >"$T/out" 2>"$T/err"
		eq "$db, $cmd: exit 2" "$?" 2
		eq "$db, $cmd: one line on stderr" "$(wc -l <"$T/err")" 1
		ok "$db, $cmd: a damaged catalog" grep -q "^kabi: catalog '$T/$db.db' is damaged: " "$T/err"
	done
done
printf 'read\nwrite\n' >"$T/two.txt"
"$KABI" check --db "$T/before.db" --min "$T/two.txt" "$T/two.txt" >"$T/out" 2>"$T/err"
eq "a damaged catalog with file inputs: exit 2" "$?" 2
eq "a damaged catalog with file inputs: nothing on stdout" "$(cat "$T/out")" ""
eq "a damaged catalog with file inputs: one line, not one per input" "$(wc -l <"$T/err")" 1

# ---- one syscall is "the 1 syscall", not "all 1 syscalls" ------------------
"$KABI" check --kernel v5.10 read >"$T/out" 2>&1
eq "one name available: exit 0" "$?" 0
eq "one name available: singular" "$(tail -1 "$T/out")" "x86_64 at v5.10: runs: the 1 syscall is available"
"$KABI" check --kernel v5.10 uselib >"$T/out" 2>&1
eq "one name missing: exit 1" "$?" 1
eq "one name missing: singular" "$(tail -1 "$T/out")" \
	"x86_64 at v5.10: does not run: the 1 syscall is not available: uselib (removed)"
eq "two names: still 'all 2 syscalls'" "$("$KABI" check --kernel v5.10 read write | tail -1)" \
	"x86_64 at v5.10: runs: all 2 syscalls available"
eq "two names, one missing: still 'N of M syscalls'" "$("$KABI" check --kernel v5.10 read uselib | tail -1)" \
	"x86_64 at v5.10: does not run: 1 of 2 syscalls not available: uselib (removed)"
"$KABI" check --min uselib >"$T/out" 2>&1
eq "--min, one never implemented: exit 1" "$?" 1
eq "--min, one never implemented: singular" "$(tail -1 "$T/out")" \
	"x86_64: no release in the catalog implements the 1 syscall (never implemented on x86_64: uselib)"
printf 'read\n' >"$T/one.txt"
eq "a file with one name: singular" "$("$KABI" check --kernel v5.10 "$T/one.txt" | tail -1)" \
	"$T/one.txt: x86_64 at v5.10: runs: the 1 syscall is available"
cat >"$T/one.json" <<'JSON'
{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86"],
 "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}]}
JSON
# i386 has read, never write
eq "a profile with one allowed syscall on the ABI: singular" \
	"$("$KABI" check --kernel v5.10 "$T/one.json" 2>/dev/null | tail -1)" \
	"$T/one.json: the 1 allowed syscall is available on i386 at v5.10; 1 never on i386"
cat >"$T/none.json" <<'JSON'
{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86"],
 "syscalls": [{"names": ["write"], "action": "SCMP_ACT_ALLOW"}]}
JSON
eq "a profile with no allowed syscall on the ABI: not 'all 0'" \
	"$("$KABI" check --kernel v5.10 "$T/none.json" 2>/dev/null | tail -1)" \
	"$T/none.json: no allowed syscall to check on i386 at v5.10; 1 never on i386"

# ---- reading nothing is not "yes" ------------------------------------------
: >"$T/empty.txt"
printf '# only a comment\n\n  \n' >"$T/comment.txt"
printf '1234  +++ exited with 0 +++\n' >"$T/nothing.strace"
for f in "$T/empty.txt" "$T/comment.txt" /dev/null "$T/nothing.strace"; do
	"$KABI" check --kernel v5.10 "$f" >"$T/out" 2>"$T/err"
	eq "$f: no syscall read: exit 2" "$?" 2
	ok "$f: the error names the input" grep -q "^kabi: '$f': no syscall" "$T/err"
	eq "$f: no verdict" "$(grep -c 'available' "$T/out")" 0
done
"$KABI" check --kernel v5.10 --input names - </dev/null >/dev/null 2>"$T/err"
eq "--input names - on empty standard input: exit 2" "$?" 2
ok "and says standard input ('-') had none" grep -q "^kabi: '-': no syscall names" "$T/err"
eq "--min reading nothing: exit 2" "$(exit_code "$KABI" check --min "$T/empty.txt")" 2

# ---- a pipe is read once: what the sniffer read is not lost ------------------
"$KABI" check --kernel v4.17 <(printf 'read\nclone3\n') --format csv >"$T/out" 2>"$T/err"
eq "names through a pipe: exit 1 (clone3 came in 5.9)" "$?" 1
eq "names through a pipe: both rows" "$(grep -E '^(read|clone3),' "$T/out" | cut -d, -f1,2)" \
	"read,available
clone3,added later"
ok "names through a pipe: type names" grep -q ",names,x86_64,1," "$T/out"
eq "names through a pipe, all there on 5.10: exit 0" \
	"$(exit_code "$KABI" check --kernel v5.10 <(printf 'read\nclone3\n'))" 0
printf '1  read(3, "", 1) = 0\n1  syscall_0x1b3(0) = 0\n1  +++ exited with 0 +++\n' >"$T/x.strace"
"$KABI" check --kernel v4.17 <(cat "$T/x.strace") --format csv >"$T/out" 2>"$T/err"
eq "an strace log through a pipe: exit 1 (clone3 by number)" "$?" 1
ok "an strace log through a pipe: read as strace" grep -q ",strace,x86_64,1," "$T/out"
eq "an strace log through a pipe: clone3 by its number 435" "$(grep '^clone3,' "$T/out" | cut -d, -f1-3)" \
	"clone3,added later,435"
eq "a profile through a pipe: read as a profile" \
	"$("$KABI" check --kernel v5.10 <(cat "$T/one.json") 2>/dev/null | tail -1 | sed 's/^[^:]*: //')" \
	"the 1 allowed syscall is available on i386 at v5.10; 1 never on i386"
eq "--input strace through a pipe" \
	"$(exit_code "$KABI" check --kernel v5.10 --input strace <(cat "$T/x.strace"))" 0
if [ "$(uname -m)" = x86_64 ] && [ -x /bin/true ] && head -c4 /bin/true | grep -q ELF; then
	"$KABI" check --kernel v5.10 <(cat /bin/true) --format csv >"$T/out" 2>/dev/null
	ok "an ELF file through a pipe: read as ELF" grep -q ",elf,x86_64," "$T/out"
fi

# ---- a NUL byte in a list of names is an error, not the end of a name ---------
printf 'read\nwr\0ite\nclose\n' >"$T/nul.txt"
"$KABI" check --kernel v5.10 "$T/nul.txt" >"$T/out" 2>"$T/err"
eq "a NUL byte: exit 2" "$?" 2
ok "a NUL byte: named with the file and line" grep -q "^kabi: '$T/nul.txt' line 2: .*NUL" "$T/err"
ok "a NUL byte: 'wr' is not checked as a name" bash -c "! grep -q \"'wr'\" '$T/err'"
"$KABI" check --kernel v5.10 --input names "$T/nul.txt" >/dev/null 2>"$T/err"
eq "a NUL byte, --input names: exit 2" "$?" 2
ok "a NUL byte, --input names: file and line" grep -q "^kabi: '$T/nul.txt' line 2: .*NUL" "$T/err"
printf 'read\0\n' | "$KABI" check --kernel v5.10 >/dev/null 2>"$T/err"
eq "a NUL byte in names on standard input: exit 2" "$?" 2
ok "a NUL byte on standard input: line 1" grep -q "^kabi: '-' line 1: .*NUL" "$T/err"

finish
