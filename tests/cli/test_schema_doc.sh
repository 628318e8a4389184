#!/bin/bash
# Every ```sql block of docs/schema.md runs on a real catalog and returns rows.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
awk -v dir="$T" '/^```sql/ { n++; f = dir "/q" n ".sql"; next } /^```/ { f = ""; next } f { print > f }' \
	"$KABI_SRC/docs/schema.md"
n=0
for q in "$T"/q*.sql; do
	n=$((n + 1))
	out=$(sqlite3 -bail "$T/k.db" <"$q" 2>&1)
	ok "$(basename "$q") runs" test $? -eq 0
	ok "$(basename "$q") returns rows" test -n "$out"
done
ok "the doc has at least 5 queries" test "$n" -ge 5
# The schema the doc describes is the one in the catalog.
for t in meta release abi abi_release harvest_note abi_generation syscall span event scan_view syscalls_at events spans signatures syscall_table; do
	ok "catalog has $t" test "$(sqlite3 "$T/k.db" "SELECT count(*) FROM sqlite_master WHERE name = '$t'")" = 1
done
finish
