#!/bin/bash
# kabi check on several ABIs at once: --abi A,B (or repeated) and --abi all
# give one verdict per input and ABI.  Part 1 on the fixture of
# tests/fixtures/make-tbl-repo.sh (its header says: clone3 435 on x86_64
# and x32 from v5.9; i386 has neither clone3 nor _sysctl).  Part 2 on
# Debian's 6.1/6.12: arm64, riscv64 and the other asm-generic ABIs have no
# fork (a kernel fact), and the set of ABIs that lack it is compared with a
# SQL query of the schema.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

verdicts() { awk -F, '$1 == "input" { on = 1; next } on && NF { print $3 "," $4 }' "$1"; }

"$KABI" check --kernel v5.10 --abi x86_64,i386 clone3 read --format csv >"$T/out" 2>"$T/err"
eq "names on two ABIs: one lacks clone3 (exit 1)" "$?" 1
eq "names on two ABIs: a verdict per ABI, in the order given" "$(verdicts "$T/out")" "x86_64,0
i386,1"
ok "i386: clone3 is never on it" grep -q "i386 at v5.10: does not run: 1 of 2 syscalls not available: clone3 (never on this ABI)" "$T/out"
eq "oldest release each runs on: x86_64 from clone3's arrival (v5.9, which does not follow v4.17: '<='), i386 none" \
	"$(awk -F, '$1 == "input" { on = 1; next } on { print $3 "," $7 }' "$T/out")" "x86_64,<=v5.9
i386,none"
"$KABI" check --kernel v5.10 --abi x86_64,i386 clone3 read >"$T/text" 2>/dev/null
ok "text: a summary row per ABI" grep -Eq '^names +x86_64 +runs +<=v5.9$' "$T/text"
ok "text: i386 does not run" grep -Eq '^names +i386 +does not run +none$' "$T/text"
"$KABI" check --kernel v5.10 --abi x86_64 --abi i386 clone3 read --format csv >"$T/out2" 2>/dev/null
eq "--abi repeated is --abi A,B" "$(cat "$T/out2")" "$(cat "$T/out")"
"$KABI" check --kernel v5.10 --abi i386,x86_64,i386 clone3 read --format csv >"$T/out" 2>/dev/null
eq "an ABI named twice is checked once" "$(verdicts "$T/out")" "i386,1
x86_64,0"
"$KABI" check --kernel v5.10 --abi all clone3 --format csv >"$T/out" 2>/dev/null
eq "--abi all: every ABI with a table at the release" "$(verdicts "$T/out" | sort)" "$(sqlite3 "$KABI_DB" "
	SELECT a.name || ',' || (a.name = 'i386') FROM abi a JOIN abi_release ar ON ar.abi_id = a.id
	JOIN release r ON r.ord = ar.ord WHERE r.name = 'v5.10' ORDER BY 1")"
"$KABI" check --kernel v5.10 --abi x86_64 read --format csv >"$T/out" 2>/dev/null
eq "one ABI keeps the one-table output" "$(head -1 "$T/out")" "syscall,status,nr,first,removed,need,alt"
ok "one ABI: no verdicts table" bash -c "! grep -q '^input,' '$T/out'"

# --min per ABI: the oldest release for each.
"$KABI" check --min --abi x86_64,i386 clone3 read --format csv >"$T/out" 2>/dev/null
eq "--min on two ABIs: exit 1 (i386 never has clone3)" "$?" 1
ok "--min: x86_64's range starts at v5.9, set by clone3" \
	grep -q "^names,names,x86_64,0,x86_64: oldest: v5.9 (set by clone3)" "$T/out"
ok "--min: i386 has no release" grep -q "^names,names,i386,1,i386: no release in the catalog implements all 2 syscalls" "$T/out"

# A file of names on each ABI, a strace log on the first only.
printf 'clone3\nread\n' >"$T/names.txt"
"$KABI" check --kernel v5.10 --abi x86_64,i386 "$T/names.txt" --format csv >"$T/out" 2>/dev/null
eq "names file on two ABIs" "$(verdicts "$T/out")" "x86_64,0
i386,1"
printf 'clone3(0x7ffd, 88) = 1234\nread(3, "", 832) = 0\n' >"$T/trace.log"
"$KABI" check --kernel v5.10 --abi x86_64,i386 "$T/trace.log" --format csv >"$T/out" 2>"$T/err"
eq "strace log: checked on the first --abi only" "$(verdicts "$T/out")" "x86_64,0"
ok "strace log: a note says so" grep -q "an strace log is checked on the first --abi, x86_64, only" "$T/err"

# Errors: an unknown ABI in the list, an empty name.
"$KABI" check --kernel v5.10 --abi x86_64,i387 read >/dev/null 2>"$T/err"
eq "an unknown ABI in the list: exit 2" "$?" 2
ok "an unknown ABI: named" grep -q "i387" "$T/err"
eq "an empty ABI name: exit 2" "$(exit_code "$KABI" check --kernel v5.10 --abi x86_64,,i386 read)" 2

# ---- part 2: Debian ----------------------------------------------------------------
debian_db "$T/deb.db" || { skip_part "no Debian catalog (KABI_DEBIAN_REPO)"; finish; }
export KABI_DB="$T/deb.db"
v61=$(sqlite3 "$T/deb.db" "SELECT name FROM release WHERE major = 6 AND minor = 1")
"$KABI" check --kernel "$v61" --abi all fork openat --format csv >"$T/out" 2>/dev/null
eq "all ABIs at 6.1: some lack fork (exit 1)" "$?" 1
for a in arm64 riscv64 loongarch64; do
	ok "$a lacks fork (asm-generic)" grep -q "^names,names,$a,1,$a at $v61: does not run: 1 of 2 syscalls not available: fork (never on this ABI)" "$T/out"
done
ok "x86_64 runs" grep -q "^names,names,x86_64,0,x86_64 at $v61: runs" "$T/out"
eq "the ABIs that lack fork are those the catalog says" \
	"$(awk -F, '$1 == "names" && $4 == 1 { print $3 }' "$T/out" | sort)" \
	"$(sqlite3 "$T/deb.db" "
	SELECT a.name FROM abi a JOIN abi_release ar ON ar.abi_id = a.id JOIN release r ON r.ord = ar.ord
	WHERE r.name = '$v61' AND NOT EXISTS (SELECT 1 FROM syscall_table t
		WHERE t.abi_id = a.id AND t.release = r.name AND t.syscall = 'fork' AND t.implemented)
	ORDER BY 1")"
finish
