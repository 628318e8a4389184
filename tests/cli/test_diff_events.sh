#!/bin/bash
# One rule for what changed: between any two adjacent releases, `kabi diff`
# (the two tables compared) lists exactly the events the harvest recorded
# (`kabi diff --events`), on the fixture repositories, on Debian's 6.1/6.12
# catalog and, with ../shared, on the 13 real releases of real-tables.
# ABIs with a table on one side only are one abi_added/abi_removed line in
# diff and are left out; signature changes are not table changes.
. "$(dirname "$0")/../lib/testlib.sh"

# same_as_events DB NAME: checks every pair of adjacent releases of DB.
same_as_events() {
	local db=$1 name=$2 prev= rel n=0 bad=0 one rows=0
	while read -r rel; do
		if [ -n "$prev" ]; then
			"$KABI" diff "$prev" "$rel" --entries --db "$db" --format csv >"$T/d" || bad=$((bad + 1))
			"$KABI" diff "$prev" "$rel" --events --entries --db "$db" --format csv >"$T/e" || bad=$((bad + 1))
			# ABIs present on one side only, as " a b c "
			one=" $(awk -F, '$2 == "abi_added" || $2 == "abi_removed" { print $1 }' "$T/d" | tr '\n' ' ') "
			# the diff table, then (after a blank line) the entries table:
			# abi,syscall,nr,old_entry,new_entry,old_compat,new_compat, as the
			# event says it (the native entries when they differ, else compat)
			awk -F, -v skip="$one" '/^$/ { part++; next } FNR == 1 || /^abi,syscall,nr,/ { next }
				index(skip, " " $1 " ") { next }
				part == 0 && $2 !~ /^abi_/ { print $1, $2, $3, $4, $5, $6, $7, $8 }
				part == 1 { n = $4 != $5; print $1, "entry_changed", $2, $3, $3, n ? $4 : $6, n ? $5 : $7, "" }' \
				"$T/d" | sort >"$T/d.rows"
			awk -F, -v skip="$one" 'NR > 1 && index(skip, " " $2 " ") == 0 && $3 != "signature_changed" {
				print $2, $3, $4, $5, $6, $7, $8, $9 }' "$T/e" | sort >"$T/e.rows"
			if ! cmp -s "$T/d.rows" "$T/e.rows"; then
				bad=$((bad + 1))
				echo "    $name $prev -> $rel: diff and events differ:"
				diff "$T/e.rows" "$T/d.rows" | head -20 | sed 's/^/      /'
			fi
			n=$((n + 1))
			rows=$((rows + $(wc -l <"$T/e.rows")))
		fi
		prev=$rel
	done < <(sqlite3 "$db" "SELECT name FROM release ORDER BY ord")
	eq "$name: diff equals the events at each of $n release pairs" "$bad" 0
	ok "$name: some pairs and events compared ($n, $rows)" test "$n" -gt 0 -a "$rows" -gt 0
}

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/tbl" >/dev/null
"$KABI" harvest "$T/tbl" --db "$T/tbl.db" 2>/dev/null
same_as_events "$T/tbl.db" tbl-fixture
bash "$KABI_SRC/tests/fixtures/make-header-repo.sh" "$T/hdr" >/dev/null
"$KABI" harvest "$T/hdr" --db "$T/hdr.db" 2>/dev/null
same_as_events "$T/hdr.db" header-fixture

# The test can fail: a catalog whose events were tampered with.
cp "$T/tbl.db" "$T/bad.db"
sqlite3 "$T/bad.db" "DELETE FROM event WHERE kind = 'added' AND syscall_id = (SELECT id FROM syscall WHERE name = 'clone3')"
(same_as_events "$T/bad.db" tampered >/dev/null 2>&1; exit $FAIL) && r=0 || r=1
eq "a missing event is found" "$r" 1

if [ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ]; then
	debian_db "$T/deb.db"
	same_as_events "$T/deb.db" debian
else
	skip_part "KABI_DEBIAN_REPO is not set: no Debian pair"
fi
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"
if [ -d "$DATA/real-tables" ]; then
	bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/rt" >/dev/null 2>&1
	"$KABI" harvest "$T/rt" --db "$T/rt.db" 2>/dev/null
	same_as_events "$T/rt.db" real-tables
else
	skip_part "no $DATA/real-tables (../shared is not beside the project)"
fi
finish
