#!/bin/bash
# kabi export on the real Debian 6.1/6.12 catalog (KABI_DEBIAN_REPO, set by
# 'make test'): every per-ABI format of every ABI at both releases goes
# through its consumer or validator (roundtrip() in test_export.sh).
EXPORT_LIB_ONLY=1 . "$(dirname "$0")/test_export.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (make test sets it; or scripts/prepare-debian-repo.sh)"
debian_db "$T/k.db"
eq "harvest exits 0" "$?" 0
for rel in $(sqlite3 "$T/k.db" "SELECT name FROM release ORDER BY ord"); do
	for abi in $(sqlite3 "$T/k.db" "SELECT a.name FROM abi_release ar JOIN abi a ON a.id = ar.abi_id
			JOIN release r ON r.ord = ar.ord WHERE r.name = '$rel' ORDER BY a.name"); do
		roundtrip "$T/k.db" "$abi" "$rel"
	done
done
# Facts a reader of the exports can check against the kernel's headers.
new=$(sqlite3 "$T/k.db" "SELECT name FROM release ORDER BY ord DESC LIMIT 1")
"$KABI" export --db "$T/k.db" --format c-header --abi mips-o32 --at "$new" >"$T/o32.h"
ok "mips o32 numbers from 4000" grep -qx '#define __NR_read (4000 + 3)' "$T/o32.h"
"$KABI" export --db "$T/k.db" --format gdb-xml --abi mips-n64 --at "$new" >"$T/n64.xml"
ok "gdb mips n64 numbers include 5000, as gdb's mips-n64-linux.xml" grep -q 'name="read" number="5000"' "$T/n64.xml"
"$KABI" export --db "$T/k.db" --format gdb-xml --abi arm-oabi --at "$new" >"$T/oabi.xml"
ok "gdb arm OABI numbers are table slots, as gdb's arm-linux.xml" grep -q 'name="read" number="3"' "$T/oabi.xml"
"$KABI" export --db "$T/k.db" --format seccomp-csv --at "$new" >"$T/s.csv"
eq "seccomp: 37 fields everywhere" "$(awk -F, '{ print NF }' "$T/s.csv" | sort -u)" 37
eq "seccomp: openat2 on x86_64" "$(grep '^openat2,' "$T/s.csv" | cut -d, -f4)" 437
finish
