#!/bin/bash
# bench/query.sh - CPU time of kabi's query commands on a catalog (issue 15,
# item 5: check of 400 names <= 20 ms; show, table, diff <= 20 ms).
#
#   bench/query.sh [--kabi PATH] [--timeit PATH] [--runs N] CATALOG
#
# Runs each command N times (default 11), interleaved with its reference, and
# prints the fastest and the median CPU time (user + system, from
# kabi-timeit's wait4) in milliseconds.  The references are the floor:
#   - `kabi --version`: starting the process (the dynamic loader, the
#     libraries kabi links) with no catalog opened;
#   - `sqlite3 CATALOG` running the equivalent lookups (one SELECT per name for
#     check), which is what the answer costs SQLite itself.
# The inputs come from the catalog: its newest release, x86_64 (else its
# first ABI), up to 380 of that ABI's syscall names plus 20 unknown names,
# the syscall with the most spans for show, the middle and newest releases for
# diff.  Nothing is written but a temporary directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kabi=$here/../build-rel/kabi
timeit=$here/../build-rel/bench/kabi-timeit
runs=11
while [ $# -gt 1 ]; do
	case $1 in
	--kabi) kabi=$2; shift 2 ;;
	--timeit) timeit=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "usage: $0 [--kabi PATH] [--timeit PATH] [--runs N] CATALOG" >&2; exit 2 ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--kabi PATH] [--timeit PATH] [--runs N] CATALOG" >&2; exit 2; }
db=$1
for x in "$kabi" "$timeit"; do
	[ -x "$x" ] || { echo "$0: no $x (build-rel: cmake --build build-rel)" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "$0: needs sqlite3 for the references" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

q() { sqlite3 -batch -noheader "$db" "$1"; }
rel=$(q "SELECT name FROM release ORDER BY ord DESC LIMIT 1")
nrel=$(q "SELECT count(*) FROM release")
mid_ord=$(((nrel - 1) / 2))
mid=$(q "SELECT name FROM release WHERE ord = $mid_ord")
last_ord=$((nrel - 1))
abi=$(q "SELECT name FROM abi WHERE name = 'x86_64' UNION ALL SELECT name FROM abi LIMIT 1")
abi_id=$(q "SELECT id FROM abi WHERE name = '$abi'")
q "SELECT DISTINCT s.name FROM syscall s JOIN span sp ON sp.syscall_id = s.id
   WHERE sp.abi_id = $abi_id ORDER BY s.name LIMIT 380" >"$tmp/names"
for i in $(seq 1 20); do echo "no_such_syscall_$i"; done >>"$tmp/names"
show=$(q "SELECT s.name FROM syscall s JOIN span sp ON sp.syscall_id = s.id
	  GROUP BY s.id ORDER BY count(*) DESC, s.name LIMIT 1")
# the references: the same lookups in SQLite's own shell
while read -r n; do
	echo "SELECT s.id, sp.nr, sp.implemented FROM syscall s LEFT JOIN span sp ON sp.syscall_id = s.id
	      AND sp.abi_id = $abi_id AND sp.first_ord <= $last_ord AND sp.last_ord >= $last_ord
	      WHERE s.name = '$n';"
done <"$tmp/names" >"$tmp/check.sql"
echo "SELECT a.name, sp.* FROM span sp JOIN abi a ON a.id = sp.abi_id
      WHERE sp.syscall_id = (SELECT id FROM syscall WHERE name = '$show');
      SELECT * FROM event WHERE syscall_id = (SELECT id FROM syscall WHERE name = '$show');" >"$tmp/show.sql"
echo "SELECT s.name, sp.* FROM span sp JOIN syscall s ON s.id = sp.syscall_id WHERE sp.abi_id = $abi_id
      AND sp.first_ord <= $last_ord AND sp.last_ord >= $last_ord;" >"$tmp/table.sql"
echo "SELECT * FROM event WHERE ord > $mid_ord AND ord <= $last_ord;" >"$tmp/diff.sql"
echo "SELECT * FROM release;" >"$tmp/versions.sql"
echo "SELECT * FROM abi;" >"$tmp/abis.sql"
echo "SELECT 1;" >"$tmp/floor.sql"

# cmd NAME: the kabi command line of NAME
cmd() {
	case $1 in
	floor) echo "$kabi --version" ;;
	check) echo "$kabi check --db $db --kernel $rel --abi $abi $tmp/names" ;;
	show) echo "$kabi show --db $db $show" ;;
	table) echo "$kabi table --db $db --abi $abi --at $rel" ;;
	diff) echo "$kabi diff --db $db $mid $rel" ;;
	versions) echo "$kabi versions --db $db" ;;
	abis) echo "$kabi abis --db $db" ;;
	esac
}

# ms FILE: the fastest and the median CPU time of the runs in FILE, in ms
ms() { awk '{print $4 * 1000}' "$1" | sort -n | awk '{v[NR] = $1} END {printf "%7.1f %7.1f", v[1], v[int((NR + 1) / 2)]}'; }

echo "catalog: $db ($nrel releases, $(q 'SELECT count(*) FROM span') spans, $(q 'SELECT count(*) FROM event') events)"
echo "kabi: $kabi; $runs runs each; check: $(wc -l <"$tmp/names") names on $abi at $rel; show $show; diff $mid $rel"
printf '%-9s %15s %15s\n' "" "kabi CPU ms" "sqlite3 CPU ms"
printf '%-9s %7s %7s %7s %7s\n' command min median min median
for c in floor check show table diff versions abis; do
	: >"$tmp/$c.kabi"
	: >"$tmp/$c.ref"
	for _ in $(seq 1 "$runs"); do
		# shellcheck disable=SC2046
		"$timeit" "$tmp/one" $(cmd $c) >/dev/null 2>&1 || true
		cat "$tmp/one" >>"$tmp/$c.kabi"
		"$timeit" "$tmp/one" sqlite3 -batch "$db" ".read $tmp/$c.sql" >/dev/null 2>&1 || true
		cat "$tmp/one" >>"$tmp/$c.ref"
	done
	printf '%-9s %s %s\n' "$c" "$(ms "$tmp/$c.kabi")" "$(ms "$tmp/$c.ref")"
done
