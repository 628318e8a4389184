#!/bin/bash
# A name twice in one ABI's table is a note naming both numbers and the one
# kept (the lowest), never a row dropped in silence.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
R=$T/repo
printf '998\tcommon\tread\tsys_read\n' >>"$R/arch/x86/entry/syscalls/syscall_64.tbl"
sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 1/' "$R/Makefile"
git -C "$R" -c user.name=t -c user.email=t@kabi.invalid commit -qam "read twice"
git -C "$R" tag v5.10.1
"$KABI" harvest "$R" --db "$T/k.db" 2>"$T/err"
eq "harvest exits 0" "$?" 0
ok "the duplicate is a note with both numbers" \
	grep -q "v5.10.1: arch/x86/entry/syscalls/syscall_64.tbl:[0-9]*: x86_64: 'read' is already at line [0-9]* (number 0); this row (number 998) skipped" "$T/err"
eq "one note per ABI that has it, not one per release" \
	"$(grep -c "'read' is already at line" "$T/err")" 2
eq "read stays at 0" "$("$KABI" table --abi x86_64 --at v5.10.1 --db "$T/k.db" --format csv | grep ',read,' | cut -d, -f1)" 0
finish
