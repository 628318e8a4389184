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

# A span out of range or backwards: the harvest that would build on it stops
# (it would carry the damage into the new catalog), the catalog untouched.
for dmg in "first_ord = -100" "last_ord = 1000" "first_ord = 3, last_ord = 1" "first_ord = 'abc'"; do
	cp "$T/k.db" "$T/badspan.db"
	sqlite3 "$T/badspan.db" "UPDATE span SET $dmg WHERE id = 1"
	before=$(md5sum <"$T/badspan.db")
	"$KABI" harvest "$T/repo" --db "$T/badspan.db" 2>"$T/err"
	eq "span $dmg: harvest exits 2" "$?" 2
	ok "span $dmg: says the catalog is damaged" grep -q "catalog '.*badspan.db' is damaged" "$T/err"
	eq "span $dmg: one error line" "$(grep -vc "^kabi: note:" "$T/err")" 1
	eq "span $dmg: the catalog is untouched" "$(md5sum <"$T/badspan.db")" "$before"
done

# --- a harvest never replaces what is not a kabi catalog it can read ------
state() { # a file's type, and its contents when it is a regular file (a FIFO is not read)
	stat -c %F "$1"
	[ -f "$1" ] && md5sum <"$1"
}
refuses() { # refuses WHAT FILE PATTERN: harvest --db FILE exits 2, says PATTERN, leaves FILE as it was
	local what=$1 f=$2 pat=$3 before
	before=$(state "$f")
	"$KABI" harvest "$T/repo" --db "$f" 2>"$T/err"
	eq "$what: exit 2" "$?" 2
	ok "$what: says why ($pat)" grep -q -- "$pat" "$T/err"
	eq "$what: left as it was" "$(state "$f")" "$before"
}
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (42)"
refuses "another SQLite database" "$T/other.db" "is not a kabi catalog"
printf 'some notes\n' >"$T/notes.txt"
refuses "a text file" "$T/notes.txt" "is not a kabi catalog"
head -c 4096 /dev/urandom >"$T/random.bin"
refuses "random bytes" "$T/random.bin" "is not a kabi catalog"
cp "$T/k.db" "$T/newer.db"
sqlite3 "$T/newer.db" "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
refuses "a newer schema" "$T/newer.db" "newer kabi"
mkfifo "$T/fifo"
refuses "a FIFO" "$T/fifo" "not a regular file"
refuses "a character device" /dev/null "not a regular file"
ln -s /dev/null "$T/null-link"
refuses "a link to a device" "$T/null-link" "not a regular file"
ok "a link to a device: still a link" test -L "$T/null-link"
# An older kabi's catalog is rebuilt from the repository, as before.
cp "$T/k.db" "$T/older.db"
sqlite3 "$T/older.db" "UPDATE meta SET value = '3' WHERE key = 'schema_version'"
"$KABI" harvest "$T/repo" --db "$T/older.db" 2>/dev/null
eq "an older schema: harvest exits 0" "$?" 0
eq "an older schema: rebuilt with this schema" \
	"$(sqlite3 "$T/older.db" "SELECT value FROM meta WHERE key = 'schema_version'")" \
	"$(sqlite3 "$T/k.db" "SELECT value FROM meta WHERE key = 'schema_version'")"
mkdir "$T/dir.db"
"$KABI" harvest "$T/repo" --db "$T/dir.db" 2>"$T/err"
eq "a directory: exit 2" "$?" 2
ok "a directory: says so" grep -q "'$T/dir.db' is a directory" "$T/err"

# A symbolic link to a catalog: the target is updated, the link stays.
cp "$T/k.db" "$T/real.db"
ln -s real.db "$T/link.db"
"$KABI" harvest "$T/repo" --db "$T/link.db" 2>/dev/null
eq "symlink: harvest exits 0" "$?" 0
ok "symlink: still a link" test -L "$T/link.db"
eq "symlink: the target has the new release" "$(sqlite3 "$T/real.db" "SELECT count(*) FROM release WHERE name = 'v5.10'")" 1
# Two names of one catalog exclude each other (the lock is the target's).
cp "$T/k.db" "$T/real.db"
# The first holds the lock from before its first progress line until it is
# stopped (3 s per step): no guess at how long a loaded machine takes.
KABI_TEST_HARVEST_DELAY_MS=3000 "$KABI" harvest "$T/repo" --db "$T/link.db" --progress plain 2>"$T/first" &
pid=$!
for _ in $(seq 300); do grep -q 'started' "$T/first" && break; sleep 0.1; done
ok "two names, one catalog: the first harvest has started" grep -q 'started' "$T/first"
"$KABI" harvest "$T/repo" --db "$T/real.db" 2>"$T/err"
eq "two names, one catalog: the second harvest exits 2" "$?" 2
ok "two names, one catalog: another harvest is writing" grep -q "another harvest is writing" "$T/err"
kill -TERM $pid
wait $pid
eq "two names, one catalog: the first, stopped, left the catalog as it was" \
	"$(sqlite3 "$T/real.db" "SELECT count(*) FROM release WHERE name = 'v5.10'")" 0

# A pid that no process has (the one a finished job had).
sleep 0 &
dead=$!
wait $dead

# A catalog path with glob characters cleans only its own temporary files.
mkdir "$T/g"
touch "$T/g/unrelated.tmp-1" "$T/g/*.tmp-$dead"
"$KABI" harvest "$T/repo" --db "$T/g/*" 2>/dev/null
eq "'*' as a catalog name: harvest exits 0" "$?" 0
ok "'*': an unrelated .tmp- file is left alone" test -e "$T/g/unrelated.tmp-1"
ok "'*': its own stale temporary file is removed" test ! -e "$T/g/*.tmp-$dead"

# A temporary file a killed harvest left is removed by the next command
# that opens the catalog, not only by the next harvest.
# The pid in its name says whose it is: a live process's file (a harvest on
# another lock, a publish copying the catalog) stays.
touch "$T/k.db.tmp-$dead" "$T/k.db.tmp-$$" "$T/k.db.tmp-notapid"
"$KABI" versions --db "$T/k.db" >/dev/null
eq "a query command exits 0" "$?" 0
ok "it removed the stale temporary file of a dead process" test ! -e "$T/k.db.tmp-$dead"
ok "it left the temporary file of a live process" test -e "$T/k.db.tmp-$$"
ok "and left a file that is not one of kabi's" test -e "$T/k.db.tmp-notapid"
touch "$T/k.db.tmp-$dead"
ln -s k.db "$T/k-link.db"
"$KABI" show read --db "$T/k-link.db" >/dev/null
eq "through a link: a query command exits 0" "$?" 0
ok "through a link: the target's stale temporary file is removed" test ! -e "$T/k.db.tmp-$dead"
ok "through a link: a live process's one stays" test -e "$T/k.db.tmp-$$"
rm -f "$T/k.db.tmp-$$"
"$KABI" versions --db "$T/newer.db" 2>"$T/err"
ok "a newer catalog: a query says a newer kabi wrote it" grep -q "written by a newer kabi" "$T/err"
finish
