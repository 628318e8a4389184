#!/bin/bash
# A harvest is atomic: killed (SIGKILL) or interrupted (SIGINT) at any
# point, the previous catalog is intact and usable; two at once, the second
# is refused.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/k.db"
git -C "$T/repo" tag -d v5.9 v5.10 v5.10-rc1 >/dev/null
"$KABI" harvest "$T/repo" 2>/dev/null
before=$(sqlite3 "$KABI_DB" .dump | md5sum)
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null   # now with all releases

# Killed while reading releases (the test hook pauses 3 s per release, so
# that even a loaded machine signals it mid-harvest; a signal ends the wait).
KABI_TEST_HARVEST_DELAY_MS=3000 "$KABI" harvest "$T/repo" 2>/dev/null &
pid=$!
sleep 0.5
# A second harvest meanwhile is refused.
"$KABI" harvest "$T/repo" 2>"$T/err"
eq "a concurrent harvest exits 2" "$?" 2
ok "and says why" grep -q "another harvest is writing" "$T/err"
kill -9 $pid
wait $pid 2>/dev/null
eq "killed: the catalog is unchanged" "$(sqlite3 "$KABI_DB" .dump | md5sum)" "$before"
eq "killed: the catalog is usable" "$("$KABI" versions --format csv | wc -l)" 5

# Interrupted with Ctrl-C: a clean exit 2, the catalog unchanged.  A
# background job of a script starts with SIGINT ignored until kabi sets its
# handler, so the signal waits until the harvest holds the catalog's lock
# (taken after the handler is set): on a loaded machine an ASan build can
# take longer than any fixed sleep to get there.
KABI_TEST_HARVEST_DELAY_MS=3000 "$KABI" harvest "$T/repo" 2>"$T/err" &
pid=$!
sleep 0.5
if command -v flock >/dev/null; then
	for _ in $(seq 300); do
		flock -n "$KABI_DB.lock" true 2>/dev/null || break
		sleep 0.1
	done
fi
kill -INT $pid
wait $pid
eq "interrupted: exit 2" "$?" 2
ok "interrupted: says so" grep -q "interrupted; the catalog was not changed" "$T/err"
eq "interrupted: the catalog is unchanged" "$(sqlite3 "$KABI_DB" .dump | md5sum)" "$before"

# Killed at random moments, writing included: the catalog is always either
# the old one or the complete new one, never anything else.
after=""
for delay in 0.005 0.01 0.02 0.03 0.05 0.08 0.1 0.15; do
	cp "$KABI_DB" "$T/k2.db"
	"$KABI" harvest "$T/repo" --db "$T/k2.db" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	now=$(sqlite3 "$T/k2.db" .dump | md5sum)
	if [ "$now" != "$before" ]; then
		[ -z "$after" ] && { "$KABI" harvest "$T/repo" --db "$T/full.db" 2>/dev/null; after=$(sqlite3 "$T/full.db" "SELECT * FROM span; SELECT * FROM event" | md5sum); }
		now=$(sqlite3 "$T/k2.db" "SELECT * FROM span; SELECT * FROM event" | md5sum)
		eq "killed after $delay s: the complete new catalog" "$now" "$after"
	else
		PASS=$((PASS + 1))
	fi
	eq "integrity after a kill at $delay s" "$(sqlite3 "$T/k2.db" 'PRAGMA integrity_check')" ok
done
# The lock is free again after all those kills, and stale temporary files go.
"$KABI" harvest "$T/repo" --db "$T/k2.db" 2>/dev/null
eq "harvest after kills exits 0" "$?" 0
eq "no temporary files left" "$(ls "$T" | grep -c 'tmp-')" 0
finish
