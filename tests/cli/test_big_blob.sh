#!/bin/bash
# A table file far larger than any kernel file (here 100 MiB of one repeated
# line, a few hundred KiB packed) is refused with one line naming it, before
# it is inflated: a hostile repository cannot make a harvest take a GiB of
# memory.  Loose and packed objects both.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
R=$T/repo
tbl=arch/x86/entry/syscalls/syscall_64.tbl
"$KABI" harvest "$R" --db "$T/k.db" --quiet
eq "the fixture harvests" "$?" 0
sqlite3 "$T/k.db" .dump >"$T/before"
yes '999	common	evil	sys_evil' | head -c $((100 << 20)) >>"$R/$tbl"
sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 1/' "$R/Makefile"
git -C "$R" -c user.name=t -c user.email=t@kabi.invalid commit -qam "a huge table"
git -C "$R" tag v5.10.1
for how in loose packed; do
	[ "$how" = packed ] && git -C "$R" gc -q
	"$KABI" harvest "$R" --db "$T/k.db" >/dev/null 2>"$T/err"
	eq "$how: the harvest fails" "$?" 2
	ok "$how: one line naming the file and the limit" \
		grep -q "cannot read '$tbl' at v5.10.1: .* is 100.0 MiB, more than the 64 MiB kabi reads" "$T/err"
	eq "$how: one line" "$(grep -vc '^kabi: [a-z]*: ' "$T/err")" 1
	sqlite3 "$T/k.db" .dump >"$T/after"
	ok "$how: the catalog is as it was" cmp -s "$T/before" "$T/after"
done
finish
