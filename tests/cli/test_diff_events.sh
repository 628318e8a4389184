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

# same_net DB NAME: for every pair of releases A < B of DB (not only
# adjacent ones), the events between them (`kabi diff --events`), replayed
# on A's tables, give B's tables, and their net change is what `kabi diff A
# B` lists: added, removed (a rename is the one and the other), renumbered,
# (un)implemented, by ABI and name.  ABIs diff shows as abi_added/abi_removed
# are left out; an abi_removed event ends an ABI's syscalls.
# With a third argument "spread", only the pairs from the first release,
# to the last, and two apart (enough to cross every gap; all pairs of the
# 13 real releases took 13 minutes under ASan): KABI_TEST_ALL_PAIRS=1
# checks them all.
same_net() {
	local db=$1 name=$2 spread=${3:-} n=0 bad=0 a b rels i j
	mapfile -t rels < <(sqlite3 "$db" "SELECT name FROM release ORDER BY ord")
	# every release's tables, and all the events once (each pair takes its own)
	for r in "${rels[@]}"; do
		sqlite3 -separator ' ' "$db" "SELECT abi, syscall, nr, implemented FROM syscalls_at
			WHERE release = '$r'" >"$T/at.$r"
	done
	"$KABI" diff "${rels[0]}" "${rels[${#rels[@]} - 1]}" --events --db "$db" --format csv >"$T/all" ||
		bad=$((bad + 1))
	for ((i = 0; i < ${#rels[@]}; i++)); do
		for ((j = i + 1; j < ${#rels[@]}; j++)); do
			if [ -n "$spread" ] && [ -z "${KABI_TEST_ALL_PAIRS:-}" ] &&
				[ "$i" -ne 0 ] && [ "$j" -ne $((${#rels[@]} - 1)) ] && [ "$j" -ne $((i + 2)) ]; then
				continue
			fi
			a=${rels[i]} b=${rels[j]}
			"$KABI" diff "$a" "$b" --db "$db" --format csv >"$T/nd" || bad=$((bad + 1))
			awk -F, -v rels="${rels[*]}" -v lo="$i" -v hi="$j" 'BEGIN { n = split(rels, r, " "); for (k = 1; k <= n; k++) pos[r[k]] = k - 1 }
				NR == 1 || ($1 in pos && pos[$1] > lo && pos[$1] <= hi)' "$T/all" >"$T/ne"
			awk -F'[ ,]' -v out="$T/net" -v state="$T/state" '
				FILENAME == ARGV[1] { A[$1 SUBSEP $2] = $3; AI[$1 SUBSEP $2] = $4; next }
				FILENAME == ARGV[2] { B[$1 SUBSEP $2] = $3; BI[$1 SUBSEP $2] = $4; next }
				FILENAME == ARGV[3] { if ($2 ~ /^abi_/) skip[$1] = 1; else if (FNR > 1 && $1 != "") d[++nd] = $0; next }
				FNR == 1 { if (!init) { for (k in A) { S[k] = A[k]; I[k] = AI[k] } init = 1 } next }
				{ abi = $2; kind = $3; sc = $4; k = abi SUBSEP sc
				  if (kind == "abi_removed") { for (x in S) { split(x, p, SUBSEP); if (p[1] == abi) { delete S[x]; delete I[x] } } }
				  else if (kind == "added") { S[k] = $6; I[k] = (k in BI) ? BI[k] : 1 }
				  else if (kind == "removed") { delete S[k]; delete I[k] }
				  else if (kind == "renamed") { delete S[abi SUBSEP $9]; delete I[abi SUBSEP $9]; S[k] = $6; I[k] = (k in BI) ? BI[k] : 1 }
				  else if (kind == "renumbered") S[k] = $6
				  else if (kind == "unimplemented") I[k] = 0
				  else if (kind == "reimplemented") I[k] = 1 }
				END {
					if (!init) { for (k in A) { S[k] = A[k]; I[k] = AI[k] } }
					for (k in S) { split(k, p, SUBSEP); if (!(p[1] in skip)) print p[1], p[2], S[k] > state }
					for (k in B) { split(k, p, SUBSEP); if (!(p[1] in skip)) print p[1], p[2], B[k] > (state ".b") }
					for (k in S) { split(k, p, SUBSEP); if (p[1] in skip) continue
						if (!(k in A)) print p[1], "added", p[2] > out
						else { if (A[k] != S[k]) print p[1], "renumbered", p[2] > out
						       if (AI[k] != I[k]) print p[1], (I[k] ? "reimplemented" : "unimplemented"), p[2] > out } }
					for (k in A) { split(k, p, SUBSEP); if (!(p[1] in skip) && !(k in S)) print p[1], "removed", p[2] > out }
					for (i = 1; i <= nd; i++) { split(d[i], f, ","); if (f[1] in skip) continue
						if (f[2] == "renamed") { print f[1], "added", f[3] > (out ".d"); print f[1], "removed", f[8] > (out ".d") }
						else print f[1], f[2], f[3] > (out ".d") }
				}' "$T/at.$a" "$T/at.$b" "$T/nd" "$T/ne"
			touch "$T/net" "$T/net.d" "$T/state" "$T/state.b"
			sort -o "$T/net" "$T/net"
			sort -o "$T/net.d" "$T/net.d"
			sort -o "$T/state" "$T/state"
			sort -o "$T/state.b" "$T/state.b"
			if ! cmp -s "$T/state" "$T/state.b" || ! cmp -s "$T/net" "$T/net.d"; then
				bad=$((bad + 1))
				echo "    $name $a -> $b: the events replayed do not give diff's tables or changes:"
				{ diff "$T/state.b" "$T/state"; diff "$T/net.d" "$T/net"; } | head -10 | sed 's/^/      /'
			fi
			rm -f "$T/net" "$T/net.d" "$T/state" "$T/state.b"
			n=$((n + 1))
		done
	done
	for r in "${rels[@]}"; do rm -f "$T/at.$r"; done
	eq "$name: diff equals the events replayed at each of $n release pairs" "$bad" 0
	ok "$name: some pairs compared ($n)" test "$n" -gt 0
}

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/tbl" >/dev/null
"$KABI" harvest "$T/tbl" --db "$T/tbl.db" 2>/dev/null
same_as_events "$T/tbl.db" tbl-fixture
bash "$KABI_SRC/tests/fixtures/make-header-repo.sh" "$T/hdr" >/dev/null
"$KABI" harvest "$T/hdr" --db "$T/hdr.db" 2>/dev/null
same_as_events "$T/hdr.db" header-fixture
same_net "$T/tbl.db" tbl-fixture
same_net "$T/hdr.db" header-fixture
bash "$KABI_SRC/tests/fixtures/make-life-repo.sh" "$T/life" >/dev/null
"$KABI" harvest "$T/life" --db "$T/life.db" 2>/dev/null
same_as_events "$T/life.db" life-fixture
same_net "$T/life.db" life-fixture

# The test can fail: a catalog whose events were tampered with.
cp "$T/tbl.db" "$T/bad.db"
sqlite3 "$T/bad.db" "DELETE FROM event WHERE kind = 'added' AND syscall_id = (SELECT id FROM syscall WHERE name = 'clone3')"
(same_as_events "$T/bad.db" tampered >/dev/null 2>&1; exit $FAIL) && r=0 || r=1
eq "a missing event is found" "$r" 1
(same_net "$T/bad.db" tampered >/dev/null 2>&1; exit $FAIL) && r=0 || r=1
eq "a missing event is found between any two releases" "$r" 1

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
	same_net "$T/rt.db" real-tables spread
else
	skip_part "no $DATA/real-tables (../shared is not beside the project)"
fi
finish
