#!/bin/bash
# kill -9 at random moments of a fresh and of an incremental harvest: each
# time the catalog is absent (fresh) or exactly the previous one
# (incremental), passes SQLite's integrity check, the next command that
# opens it leaves no stray file beside it, and harvesting again gives the
# catalog a clean harvest gives.  KABI_KILL_TRIALS trials of each (default
# 10; `make stress` runs 100).  The fixture is the multi-era header
# repository, slowed by KABI_TEST_HARVEST_DELAY_MS so that a kill can land
# in every phase, the catalog's write included.
. "$(dirname "$0")/../lib/testlib.sh"
N=${KABI_KILL_TRIALS:-10}
bash "$KABI_SRC/tests/fixtures/make-header-repo.sh" "$T/repo" >/dev/null
R=$T/repo
dump() { sqlite3 "$1" .dump | grep -v "INSERT INTO meta" | md5sum; }

"$KABI" harvest "$R" --db "$T/clean.db" --quiet || { echo "FAIL: clean harvest"; exit 1; }
clean=$(dump "$T/clean.db")
# The previous catalog of the incremental trials: the first releases only.
# (the same repository with its later tags taken away, then put back)
first=$(git -C "$R" tag -l | sort -V | head -3 | tr '\n' ' ')
git -C "$R" show-ref --tags >"$T/tags"
git -C "$R" tag -d $(git -C "$R" tag -l | sort -V | tail -n +4) >/dev/null
"$KABI" harvest "$R" --db "$T/prev.db" --quiet
while read -r id ref; do git -C "$R" update-ref "$ref" "$id"; done <"$T/tags"
prev=$(dump "$T/prev.db")
ok "the previous catalog has fewer releases ($first)" test "$prev" != "$clean"

# How long a slowed harvest takes, to aim the kills inside it.
start=$(date +%s%N)
KABI_TEST_HARVEST_DELAY_MS=20 "$KABI" harvest "$R" --db "$T/timed.db" --quiet
span=$((($(date +%s%N) - start) / 1000000))
ok "a slowed harvest takes long enough to aim at ($span ms)" test "$span" -gt 100

trial() { # trial fresh|incremental I
	local kind=$1 i=$2 db=$T/t-$1-$2/k.db at pid after left
	mkdir -p "$(dirname "$db")"
	[ "$kind" = incremental ] && cp "$T/prev.db" "$db"
	at=$((RANDOM % (span + span / 4)))
	KABI_TEST_HARVEST_DELAY_MS=20 "$KABI" harvest "$R" --db "$db" --quiet 2>/dev/null &
	pid=$!
	sleep "$(printf '0.%03d' $((at % 1000)))"
	[ "$at" -ge 1000 ] && sleep $((at / 1000))
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e "$db" ]; then
		after=$(dump "$db")
		if [ "$after" != "$clean" ] && { [ "$kind" = fresh ] || [ "$after" != "$prev" ]; }; then
			echo "FAIL: $kind $i (kill at ${at} ms): the catalog is neither the previous nor the complete one"
			return 1
		fi
		[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] ||
			{ echo "FAIL: $kind $i: integrity_check"; return 1; }
		"$KABI" versions --db "$db" >/dev/null ||
			{ echo "FAIL: $kind $i: versions after the kill"; return 1; }
	elif [ "$kind" = incremental ]; then
		echo "FAIL: incremental $i (kill at ${at} ms): the previous catalog is gone"
		return 1
	fi
	left=$(find "$(dirname "$db")" -name 'k.db.tmp-*' | wc -l)
	if [ -e "$db" ] && [ "$left" != 0 ]; then
		echo "FAIL: $kind $i: $left temporary file(s) left after the next command"
		return 1
	fi
	"$KABI" harvest "$R" --db "$db" --quiet ||
		{ echo "FAIL: $kind $i: harvest after the kill"; return 1; }
	[ "$(dump "$db")" = "$clean" ] ||
		{ echo "FAIL: $kind $i: the re-harvest differs from a clean harvest"; return 1; }
	[ -z "$(find "$(dirname "$db")" -name 'k.db.tmp-*')" ] ||
		{ echo "FAIL: $kind $i: temporary files after the re-harvest"; return 1; }
}

for kind in fresh incremental; do
	bad=0
	for i in $(seq 1 "$N"); do trial $kind "$i" || bad=$((bad + 1)); done
	eq "$kind: $N kills, each left a usable catalog or none, and the re-harvest equals a clean one" "$bad" 0
done
finish
