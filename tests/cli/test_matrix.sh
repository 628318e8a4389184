#!/bin/bash
# kabi matrix: the first release each syscall is available on each ABI.
#
# Part 1: the fixture of tests/fixtures/make-tbl-repo.sh, whose history is
# written in its header: read is there from the first release (v4.0-rc1),
# close comes in v4.0, clone3 in v5.9 on x86_64 and x32 (common row), not on
# i386; _sysctl is wired to sys_ni_syscall from v5.9; uselib never has an
# entry.  The fixture has v4.0-rc1, v4.0, v4.2, v4.17, v5.9 ...: v4.0 follows
# v4.0-rc1, but 4.18 .. 5.8 are missing before v5.9, so clone3 came "<=v5.9".  Part 2: the Debian 6.1/6.12 catalog, every syscall on six ABIs,
# against the same answer computed by a SQL query of the schema
# (docs/schema.md) written here.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

"$KABI" matrix read close clone3 _sysctl uselib --abi x86_64,i386 --abi x32 --format csv >"$T/out" 2>"$T/err"
eq "matrix exits 0" "$?" 0
eq "the fixture's history, cell by cell" "$(cat "$T/out")" \
"syscall,x86_64,i386,x32
read,<=v4.0-rc1,<=v4.0-rc1,<=v4.0-rc1
close,v4.0,never,v4.0
clone3,<=v5.9,never,<=v5.9
_sysctl,<=v4.0-rc1 until <=v5.9,never,never
uselib,never,never,never"
"$KABI" matrix clone3 _sysctl --abi amd64 --from v4.17 --to v4.17 >"$T/out" 2>"$T/err"
eq "--from/--to: a range that ends before clone3" "$(sed -n 2,3p "$T/out" | tr -s ' ')" \
	"clone3 never
_sysctl <=v4.17"
ok "the footer says the range" grep -q "2 syscalls on 1 ABI, releases v4.17 to v4.17" "$T/out"
"$KABI" matrix read --abi x86_64 --abi amd64 --format json >"$T/out"
eq "an ABI given twice (by an alias) is one column" \
	"$(sqlite3 :memory: "SELECT json_array_length(readfile('$T/out')),
		(SELECT count(*) FROM json_each(json_extract(readfile('$T/out'), '\$[0]')))")" "1|2"
eq "no name: usage error (exit 2)" "$(exit_code "$KABI" matrix --abi x86_64)" 2
"$KABI" matrix read --abi x86_65 >/dev/null 2>"$T/err"
eq "an unknown ABI: exit 2" "$?" 2
ok "... with a suggestion" grep -q "unknown ABI 'x86_65' (did you mean x86_64" "$T/err"
"$KABI" matrix raed >/dev/null 2>"$T/err"
eq "an unknown syscall: exit 2" "$?" 2
ok "... with a suggestion" grep -q "unknown syscall 'raed' (did you mean read" "$T/err"
eq "--from after --to: exit 2" "$(exit_code "$KABI" matrix read --from v5.9 --to v4.17)" 2
eq "an empty name in an --abi list: exit 2" "$(exit_code "$KABI" matrix read --abi x86_64,,i386)" 2

# ---- part 2: the Debian catalog against SQL ------------------------------------
debian_db "$T/deb.db" || { skip_part "no Debian catalog (KABI_DEBIAN_REPO)"; finish; }
abis="x86_64 i386 arm64 arm riscv64 s390x"
names=$(sqlite3 "$T/deb.db" "SELECT name FROM syscall WHERE id IN (SELECT syscall_id FROM span) ORDER BY name")
# shellcheck disable=SC2086
"$KABI" matrix --db "$T/deb.db" $names --abi "${abis// /,}" --format csv | tail -n +2 | sort >"$T/kabi"
{
for a in $abis; do
	sqlite3 -separator , "$T/deb.db" "
	WITH r AS (SELECT ord FROM release),
	  tab AS (SELECT ar.ord FROM abi_release ar JOIN abi a ON a.id = ar.abi_id WHERE a.name = '$a'),
	  av AS (SELECT s.name, r.ord FROM span sp JOIN syscall s ON s.id = sp.syscall_id
		JOIN abi a ON a.id = sp.abi_id JOIN r ON r.ord BETWEEN sp.first_ord AND sp.last_ord
		WHERE a.name = '$a' AND sp.implemented),
	  fl AS (SELECT name, min(ord) AS f, max(ord) AS l FROM av GROUP BY name)
	SELECT s.name, '$a',
	  CASE WHEN fl.f IS NULL THEN 'never'
	  ELSE (CASE WHEN (SELECT follows_prev FROM release WHERE ord = fl.f) AND fl.f - 1 IN tab THEN '' ELSE '<=' END)
	    || (SELECT name FROM release WHERE ord = fl.f)
	    || coalesce(' until ' || (SELECT CASE WHEN follows_prev AND ord - 1 IN tab THEN '' ELSE '<=' END || name
		FROM release WHERE ord = (SELECT min(ord) FROM tab WHERE ord > fl.l)), '')
	  END
	FROM syscall s LEFT JOIN fl ON fl.name = s.name
	WHERE s.id IN (SELECT syscall_id FROM span) ORDER BY s.name"
done
} | awk -F, -v abis="$abis" '
	BEGIN { n = split(abis, order, " ") }
	{ cell[$1, $2] = $3; names[$1] = 1 }
	END { for (s in names) { line = s; for (i = 1; i <= n; i++) line = line "," cell[s, order[i]]; print line } }' |
	sort >"$T/sql"
ok "the matrix has a row per syscall ($(wc -l <"$T/kabi"))" [ "$(wc -l <"$T/kabi")" -ge 400 ]
eq "every cell agrees with the SQL of the schema" "$(diff "$T/sql" "$T/kabi" | head -5)" ""
ok "cachestat is first seen at 6.12 on x86_64, undated: it came in 6.5, and 6.2 .. 6.11 are not in the catalog" \
	grep -q '^cachestat,<=v6\.12\.[0-9]*,' "$T/kabi"
finish
