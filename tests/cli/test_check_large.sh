#!/bin/bash
# Large inputs: a seccomp profile of 40,000 unknown
# names (~400 KB) and a 1 MB list of names took 40 s each when every name
# was a linear search and a suggestion query.  Each must finish well
# with the right counts (the timeouts only guard against hangs), and stderr lists the first
# unknown names only, not 40,000 lines.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

# 40,001 unknown names (the first a typo that gets a suggestion) and
# read/close/write among them
{
	printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"action": "SCMP_ACT_ALLOW", "names": ["opne", "read", "close"'
	seq -f ',"opena%05g"' 0 39999 | tr -d '\n'
	printf ', "write"]}]}\n'
} >"$T/big.json"
rc=0
timeout 300 "$KABI" check --kernel v5.10 "$T/big.json" --format csv >"$T/out" 2>"$T/err" || rc=$?
ok "40k unknown names in a profile: finishes (a guard against hangs: speed is for bench/, not tests)" test "$rc" -ne 124
eq "... exit 0 (a profile's unknown names are harmless)" "$rc" 0
eq "... 40,001 unknown names counted" "$(grep -c ',unknown name,' "$T/out")" 40001
eq "... the three known names available" "$(grep -cE '^(read|close|write),available,' "$T/out")" 3
eq "... stderr: 20 names and one line for the rest" "$(wc -l <"$T/err")" 21
ok "... the first with a suggestion" grep -q "^kabi: warning: '$T/big.json' allows unknown syscall 'opne' (did you mean open" "$T/err"
ok "... then that more are not listed" grep -q "^kabi: note: more unknown syscall names are not listed" "$T/err"

# 1 MB of names, one per line: 100,000 names of which 99,997 unknown
{
	printf 'read\nclose\nwrite\n'
	seq -f 'zz%07g' 0 99996
} >"$T/big.txt"
rc=0
timeout 300 "$KABI" check --kernel v5.10 "$T/big.txt" >"$T/out" 2>"$T/err" || rc=$?
ok "a 1 MB names file: finishes (a guard against hangs: speed is for bench/, not tests)" test "$rc" -ne 124
eq "... exit 2 (a typed list's unknown names are errors)" "$rc" 2
ok "... the verdict counts them" grep -q "big.txt: x86_64 at v5.10: runs: all 3 syscalls available; 99997 unknown names" "$T/out"
eq "... stderr: 20 names and one line for the rest" "$(wc -l <"$T/err")" 21

# the same names repeated: one row each
rc=0
for i in $(seq 2000); do printf 'read\nclose\nwrite\n'; done >"$T/rep.txt"
timeout 300 "$KABI" check --kernel v5.10 "$T/rep.txt" --format csv >"$T/out" 2>"$T/err" || rc=$?
eq "6,000 names, 3 distinct: exit 0" "$rc" 0
eq "... three rows" "$(grep -cE '^(read|close|write),' "$T/out")" 3
finish
