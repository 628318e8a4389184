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
printf 'read\nwrite\n' >"$T/two.txt"
"$KABI" check --db "$T/before.db" --min "$T/two.txt" "$T/two.txt" >"$T/out" 2>"$T/err"
eq "a damaged catalog with file inputs: exit 2" "$?" 2
eq "a damaged catalog with file inputs: nothing on stdout" "$(cat "$T/out")" ""
eq "a damaged catalog with file inputs: one line, not one per input" "$(wc -l <"$T/err")" 1

# ---- one syscall is "the 1 syscall", not "all 1 syscalls" ------------------
"$KABI" check --kernel v5.10 read >"$T/out" 2>&1
eq "one name available: exit 0" "$?" 0
eq "one name available: singular" "$(tail -1 "$T/out")" "x86_64 at v5.10: the 1 syscall is available"
"$KABI" check --kernel v5.10 uselib >"$T/out" 2>&1
eq "one name missing: exit 1" "$?" 1
eq "one name missing: singular" "$(tail -1 "$T/out")" \
	"x86_64 at v5.10: the 1 syscall is not available: uselib (removed)"
eq "two names: still 'all 2 syscalls'" "$("$KABI" check --kernel v5.10 read write | tail -1)" \
	"x86_64 at v5.10: all 2 syscalls available"
eq "two names, one missing: still 'N of M syscalls'" "$("$KABI" check --kernel v5.10 read uselib | tail -1)" \
	"x86_64 at v5.10: 1 of 2 syscalls not available: uselib (removed)"
"$KABI" check --min uselib >"$T/out" 2>&1
eq "--min, one never implemented: exit 1" "$?" 1
eq "--min, one never implemented: singular" "$(tail -1 "$T/out")" \
	"x86_64: no release in the catalog implements the 1 syscall (never implemented on x86_64: uselib)"
printf 'read\n' >"$T/one.txt"
eq "a file with one name: singular" "$("$KABI" check --kernel v5.10 "$T/one.txt" | tail -1)" \
	"$T/one.txt: x86_64 at v5.10: the 1 syscall is available"
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

finish
