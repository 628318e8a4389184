#!/bin/bash
# What a harvest and the query commands say about a catalog they cannot use:
# every error names the catalog and the value that is wrong.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
git -C "$T/repo" tag -d v5.10 >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
eq "harvest exits 0" "$?" 0

# A release whose version column is not a version: the message quotes it.
cp "$T/k.db" "$T/badver.db"
sqlite3 "$T/badver.db" "UPDATE release SET version = 'not-a-version' WHERE ord = 1"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/badver.db" 2>"$T/err"
eq "bad version: harvest exits 2" "$?" 2
ok "bad version: the message quotes the bad value" grep -q "bad version 'not-a-version'" "$T/err"
eq "bad version: one error line" "$(grep -vc "^kabi: note:" "$T/err")" 1
finish
