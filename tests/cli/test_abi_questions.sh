#!/bin/bash
# The two questions across ABIs that need one command each:
#   "which ABIs lack X at V"            kabi show X --at V
#   "what does A have that B lacks at V" kabi table --abi A --at V --missing-on B
# Part 1 on the fixture of tests/fixtures/make-tbl-repo.sh (its header says:
# _sysctl unimplemented from v5.9, clone3 from v5.9, uselib removed in
# v5.10-rc1; i386 has none of them).  Part 2 on Debian's 6.1/6.12: arm64 and
# riscv64 use asm-generic's table, which has no fork, open or stat (kernel
# facts), and the whole answer is compared with a SQL query of the schema.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

"$KABI" show clone3 --at v4.17 --format csv >"$T/out" 2>"$T/err"
eq "show --at: exits 0" "$?" 0
eq "show --at: clone3 at v4.17 on each ABI" "$(cat "$T/out")" "abi,status,nr
x86_64,added later,
x32,added later,
i386,never on this ABI,"
"$KABI" show _sysctl --at v5.10 >"$T/out"
ok "show --at: _sysctl is not implemented at v5.10" grep -Eq '^x86_64 +not implemented +156' "$T/out"
ok "show --at: the last line names the ABIs that lack it" \
	grep -q "_sysctl at v5.10: available on 0 ABIs; not on 3: x86_64, x32, i386" "$T/out"
"$KABI" show read --at v5.10 >"$T/out"
ok "show --at: read is everywhere" grep -q "read at v5.10: available on 3 ABIs; not on 0$" "$T/out"
eq "show NAME --at V --abi A: usage error" "$(exit_code "$KABI" show read --at v5.10 --abi x86_64)" 2
eq "show --at an unknown release: exit 2" "$(exit_code "$KABI" show read --at v9.9)" 2

"$KABI" table --abi x86_64 --at v5.9 --missing-on i386 --format csv >"$T/out" 2>"$T/err"
eq "missing-on: exits 0" "$?" 0
ok "missing-on: clone3 (x86_64 only)" grep -q '^435,clone3,' "$T/out"
ok "missing-on: not read (i386 has it)" bash -c "! grep -q ',read,' '$T/out'"
ok "missing-on: not _sysctl (not implemented on x86_64 at v5.9 either)" bash -c "! grep -q ',_sysctl,' '$T/out'"
eq "missing-on an unknown ABI: exit 2" "$(exit_code "$KABI" table --abi x86_64 --at v5.9 --missing-on i387)" 2

# ---- part 2: Debian ----------------------------------------------------------------
debian_db "$T/deb.db" || { skip_part "no Debian catalog (KABI_DEBIAN_REPO)"; finish; }
export KABI_DB="$T/deb.db"
v612=$(sqlite3 "$T/deb.db" "SELECT name FROM release WHERE major = 6 AND minor = 12")
"$KABI" show fork --at "$v612" >"$T/out" 2>"$T/err"
ok "fork at 6.12: on x86_64" grep -Eq '^x86_64 +available +57' "$T/out"
ok "fork at 6.12: never on arm64 nor riscv64" grep -Eq "not on [0-9]+: .*arm64, riscv64" "$T/out"
ok "fork at 6.12: ia64 has no table (removed in 6.7)" grep -q "no table at $v612: ia64" "$T/out"
"$KABI" table --abi x86_64 --at "$v612" --missing-on arm64 --format csv | tail -n +2 | cut -d, -f2 | sort >"$T/kabi"
for s in fork vfork open stat lstat pipe dup2 poll select; do
	ok "x86_64 has $s, arm64 not" grep -qx "$s" "$T/kabi"
done
ok "openat is on both" bash -c "! grep -qx openat '$T/kabi'"
sqlite3 "$T/deb.db" "
	WITH at AS (SELECT ord FROM release WHERE name = '$v612'),
	on_abi AS (SELECT a.name AS abi, s.name FROM span sp JOIN abi a ON a.id = sp.abi_id
		JOIN syscall s ON s.id = sp.syscall_id, at
		WHERE at.ord BETWEEN sp.first_ord AND sp.last_ord AND sp.implemented)
	SELECT name FROM on_abi WHERE abi = 'x86_64'
	EXCEPT SELECT name FROM on_abi WHERE abi = 'arm64' ORDER BY 1" | sort >"$T/sql"
eq "missing-on: the set SQL finds" "$(diff "$T/sql" "$T/kabi")" ""
eq "arm64 has nothing x86_64 lacks at 6.12" \
	"$("$KABI" table --abi arm64 --at "$v612" --missing-on x86_64 --format csv | tail -n +2)" ""
finish
