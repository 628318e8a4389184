#!/bin/bash
# One writer, readers that see a whole catalog, and a full disk:
#  - two harvests of one catalog at once: one is refused with a one-line
#    error, and the catalog is the complete result;
#  - queries while a harvest writes see the old catalog or the new one,
#    never a mix or an error;
#  - a harvest that runs out of space (RLIMIT_FSIZE) fails with a one-line
#    error and leaves the previous catalog as it was, and no stray file.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-header-repo.sh" "$T/repo" >/dev/null
R=$T/repo
dump() { sqlite3 "$1" .dump | grep -v "INSERT INTO meta" | md5sum; }
"$KABI" harvest "$R" --db "$T/clean.db" --quiet
clean=$(dump "$T/clean.db")
nclean=$("$KABI" versions --db "$T/clean.db" --format csv | wc -l)
git -C "$R" show-ref --tags >"$T/tags"
git -C "$R" tag -d $(git -C "$R" tag -l | sort -V | tail -n +3) >/dev/null
"$KABI" harvest "$R" --db "$T/prev.db" --quiet
while read -r id ref; do git -C "$R" update-ref "$ref" "$id"; done <"$T/tags"
prev=$(dump "$T/prev.db")
nprev=$("$KABI" versions --db "$T/prev.db" --format csv | wc -l)
ok "the previous catalog has fewer releases ($nprev < $nclean)" test "$nprev" -lt "$nclean"

# Two at once.
cp "$T/prev.db" "$T/two.db"
# The second starts once the first has printed its first progress line (it
# holds the lock from before it), not after a guessed time: on a loaded
# machine the first may not have started yet.
KABI_TEST_HARVEST_DELAY_MS=200 "$KABI" harvest "$R" --db "$T/two.db" --progress plain 2>"$T/a.err" &
a=$!
for _ in $(seq 300); do grep -q 'started' "$T/a.err" && break; sleep 0.1; done
"$KABI" harvest "$R" --db "$T/two.db" --quiet 2>"$T/b.err"
rb=$?
wait $a
ra=$?
eq "two at once: the first completes" "$ra" 0
eq "two at once: the second is refused (exit 2)" "$rb" 2
eq "two at once: one line says why" "$(grep -c 'another harvest is writing' "$T/b.err")/$(wc -l <"$T/b.err")" 1/1
eq "two at once: the catalog is the complete one" "$(dump "$T/two.db")" "$clean"

# Readers during a write.
cp "$T/prev.db" "$T/read.db"
KABI_TEST_HARVEST_DELAY_MS=30 "$KABI" harvest "$R" --db "$T/read.db" --quiet &
h=$!
reads=0 bad=0
while kill -0 $h 2>/dev/null; do
	n=$("$KABI" versions --db "$T/read.db" --format csv 2>>"$T/read.err" | wc -l)
	reads=$((reads + 1))
	[ "$n" = "$nprev" ] || [ "$n" = "$nclean" ] || bad=$((bad + 1))
done
wait $h
eq "readers during a write: every answer is the old or the new catalog ($reads reads)" "$bad" 0
ok "readers during a write: some reads happened" test "$reads" -gt 2
eq "readers during a write: no error" "$(cat "$T/read.err")" ""

# Out of space while writing.
cp "$T/prev.db" "$T/full.db"
(trap '' XFSZ; ulimit -f $(($(stat -c %s "$T/prev.db") / 1024 + 8)); exec "$KABI" harvest "$R" --db "$T/full.db" --quiet) 2>"$T/full.err"
eq "full disk: exit 2" "$?" 2
eq "full disk: one line" "$(wc -l <"$T/full.err")" 1
ok "full disk: it says it cannot write the catalog" grep -q "^kabi: cannot write catalog" "$T/full.err"
eq "full disk: the previous catalog is as it was" "$(dump "$T/full.db")" "$prev"
eq "full disk: no temporary file left" "$(ls "$T" | grep -c '^full.db.tmp-')" 0
finish
