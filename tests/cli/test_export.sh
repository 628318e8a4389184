#!/bin/bash
# kabi export: every format goes back through a consumer or validator and
# must give the same table as 'kabi table --format csv':
#   csv          byte for byte
#   json         read back with sqlite3's json functions
#   c-header     compiled by gcc -Wall -Wextra -Werror (alone, twice, after
#                <sys/syscall.h>) and each __NR_x checked with _Static_assert
#   gdb-xml      validated against tests/fixtures/gdb-syscalls.dtd by xmllint
#   seccomp-csv  layout of libseccomp's syscalls.csv, numbers and _kver
# and bad input exits 2 with a message listing the valid choices.
# test_export_real.sh sources this file (EXPORT_LIB_ONLY=1) for roundtrip().
. "$(dirname "${BASH_SOURCE[0]}")/../lib/testlib.sh"
DTD="$KABI_SRC/tests/fixtures/gdb-syscalls.dtd"


# roundtrip DB ABI RELEASE: every per-ABI format against the table.
roundtrip() {
	local db=$1 abi=$2 rel=$3 d f base want got
	d="$T/rt-$abi-$rel"
	mkdir -p "$d"
	"$KABI" table --db "$db" --abi "$abi" --at "$rel" --format csv >"$d/table.csv"
	for f in json csv c-header gdb-xml; do
		ok "$abi $rel: export $f" "$KABI" export --db "$db" --format "$f" --abi "$abi" --at "$rel" -o "$d/out.$f"
	done
	eq "$abi $rel: csv export is the table" "$(cat "$d/out.csv")" "$(cat "$d/table.csv")"

	# the table's why and config columns are there when a row has a reason
	# or a Kconfig condition (issue 16)
	why=""
	head -1 "$d/table.csv" | grep -qE ',why(,|$)' && why=", ifnull(value->>'why', '')"
	head -1 "$d/table.csv" | grep -qE ',config$' && why="$why, ifnull(value->>'config', '')"
	# implemented null in json is 'unknown' in csv (docs/formats.md), other
	# nulls are empty fields; both go through sqlite3's csv writer, which
	# quotes fields kabi need not
	got=$(sqlite3 -csv :memory: "SELECT value->>'nr', value->>'name', ifnull(value->>'entry', ''),
		ifnull(value->>'compat_entry', ''), ifnull(value->>'implemented', 'unknown'),
		ifnull(value->>'added', ''), ifnull(value->>'removed', ''), value->>'private'$why
		FROM json_each(readfile('$d/out.json'), '\$.syscalls')")
	want=$(sqlite3 -csv :memory: ".import --csv '$d/table.csv' t" "SELECT * FROM t")
	eq "$abi $rel: json parses back to the table" "$got" "$want"
	eq "$abi $rel: json names its abi" \
		"$(sqlite3 :memory: "SELECT json_extract(readfile('$d/out.json'), '\$.abi')")" "$abi"

	cp "$d/out.c-header" "$d/sys.h"
	cp "$DTD" "$d/gdb-syscalls.dtd" # where the DOCTYPE's system id points
	printf '#include <sys/syscall.h>\n#include "sys.h"\n#include "sys.h"\nint main(void) { return 0; }\n' >"$d/a.c"
	ok "$abi $rel: header compiles after <sys/syscall.h>, included twice" \
		gcc -std=c11 -Wall -Wextra -Werror -Wundef -c "$d/a.c" -o "$d/a.o"
	{
		echo '#include "sys.h"'
		# a private row (column 8 is 1) is __ARM_NR_<name>, as in the kernel's header
		awk -F, 'NR > 1 && $2 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ {
			printf "_Static_assert(%s%s == %s, \"%s\");\n", ($8 == 1 ? "__ARM_NR_" : "__NR_"), $2, $1, $2 }' "$d/table.csv"
	} >"$d/b.c"
	ok "$abi $rel: every __NR_ has the table's number" \
		gcc -std=c11 -Wall -Wextra -Werror -c "$d/b.c" -o "$d/b.o"

	ok "$abi $rel: gdb XML validates against the DTD" \
		xmllint --noout --dtdvalid "$DTD" "$d/out.gdb-xml"
	base=$(sqlite3 "$db" "SELECT base FROM abi WHERE name = '$abi'")
	# The gdb number of a row (docs/formats.md) is table-relative on arm-oabi.
	# One awk, not a subshell per row: this runs for every ABI at every release.
	# ... and a private row is ARM_<name>, as in gdb's arm-linux.xml.
	want=$(awk -F, -v abi="$abi" -v base="$base" 'NR > 1 {
		print ($8 == 1 ? "ARM_" : "") $2, (abi == "arm-oabi" ? $1 - base : $1) }' "$d/table.csv" | sort)
	got=$(sed -n 's/.*<syscall name="\([^"]*\)" number="\([^"]*\)".*/\1 \2/p' "$d/out.gdb-xml" | sort)
	eq "$abi $rel: gdb XML has the table's names and numbers" "$got" "$want"
}

[ -n "${EXPORT_LIB_ONLY:-}" ] && return 0

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
export KABI_DB="$T/k.db"

for rel in v4.0-rc1 v4.17 v5.9 v5.10; do
	for abi in x86_64 x32 i386; do
		roundtrip "$T/k.db" "$abi" "$rel"
	done
done

# The C header's comments date each syscall; a guard per ABI.
"$KABI" export --format c-header --abi x86_64 --at v5.10 >"$T/x.h"
# The fixture's releases: v4.0 follows v4.0-rc1 (close is dated), but
# v4.17 -> v5.9 skips 4.18 .. 5.8, so clone3 came somewhere in between.
ok "close is dated" grep -qx '/\* close: added in v4.0 \*/' "$T/x.h"
ok "clone3 is not dated: the releases between v4.17 and v5.9 are not in the catalog" \
	grep -qx '/\* clone3: added after v4.17, by v5.9 (the catalog has no release between) \*/' "$T/x.h"
ok "read is as old as the catalog" grep -q 'read: present in v4.0-rc1, the oldest x86_64 table' "$T/x.h"
ok "_sysctl is not implemented" grep -q '_sysctl: .*not implemented' "$T/x.h"
ok "include guard" grep -qx '#ifndef KABI_SYSCALLS_X86_64_H' "$T/x.h"
"$KABI" export --format c-header --abi x86_64 --at v5.9 >"$T/x59.h"
ok "uselib's removal is noted" grep -q 'uselib: .*removed in v5.10-rc1' "$T/x59.h"
"$KABI" export --format c-header --abi x32 --at v5.10 >"$T/x32.h"
ok "x32 numbers carry the x32 bit" grep -qx '#define __NR_clone3 (0x40000000 + 435)' "$T/x32.h"
"$KABI" export --format gdb-xml --abi x32 --at v5.10 >"$T/x32.xml"
ok "gdb x32 numbers as orig_rax shows them" grep -q 'name="clone3" number="1073742259"' "$T/x32.xml"
ok "gdb XML doctype" grep -qx '<!DOCTYPE syscalls_info SYSTEM "gdb-syscalls.dtd">' "$T/x32.xml"

# Default release: the newest; stdout and -o write the same bytes.
eq "--at defaults to the newest release" "$("$KABI" export --format csv --abi x86_64)" \
	"$("$KABI" export --format csv --abi x86_64 --at v5.10-rc1)"
"$KABI" export --format json --abi i386 --at 5.10 -o "$T/o.json"
eq "-o writes the file" "$(cat "$T/o.json")" "$("$KABI" export --format json --abi i386 --at 5.10)"
ok "-o leaves no temporary file" test -z "$(ls "$T" | grep 'o.json.tmp')"
# -o through a symbolic link writes its target; the link stays a link.
mkdir "$T/real"
echo old >"$T/real/t.csv"
ln -s real/t.csv "$T/t-link.csv"
"$KABI" export --format csv --abi x86_64 -o "$T/t-link.csv"
eq "-o a link: exit 0" "$?" 0
ok "-o a link: still a link" test -L "$T/t-link.csv"
eq "-o a link: the target has the export" "$(cat "$T/real/t.csv")" "$("$KABI" export --format csv --abi x86_64)"
ok "-o a link: no temporary file beside the link or the target" \
	test -z "$(ls "$T" "$T/real" | grep 'tmp-')"
ln -s real/new.csv "$T/dangling.csv"
"$KABI" export --format csv --abi x86_64 -o "$T/dangling.csv"
eq "-o a dangling link: exit 0" "$?" 0
ok "-o a dangling link: its target is created" test -f "$T/real/new.csv"
ok "-o a dangling link: still a link" test -L "$T/dangling.csv"
# Never a device (a link to /dev/null: the device itself is not risked on a
# kabi that would rename over it), a FIFO or a directory.
ln -s /dev/null "$T/null-link"
"$KABI" export --format csv --abi x86_64 -o "$T/null-link" 2>"$T/err"
eq "-o a link to a device: exit 2" "$?" 2
ok "-o a link to a device: says why" grep -q "not a regular file" "$T/err"
eq "-o a link to a device: one line" "$(wc -l <"$T/err")" 1
ok "-o a link to a device: still a link to it" test "$(readlink "$T/null-link")" = /dev/null
ok "-o a link to a device: /dev/null is still a device" test -c /dev/null
mkfifo "$T/fifo"
"$KABI" export --format csv --abi x86_64 -o "$T/fifo" 2>"$T/err"
eq "-o a FIFO: exit 2" "$?" 2
ok "-o a FIFO: still a FIFO" test -p "$T/fifo"
"$KABI" export --format csv --abi x86_64 -o "$T/real" 2>"$T/err"
eq "-o a directory: exit 2" "$?" 2
ok "-o a directory: says so" grep -q "'$T/real' is a directory" "$T/err"

# seccomp-csv: libseccomp's layout, every libseccomp ABI, PNR where absent.
"$KABI" export --format seccomp-csv --at v5.10 >"$T/s.csv"
eq "seccomp header" "$(head -1 "$T/s.csv")" "#syscall (v5.10.0 2020-12-13),x86,x86_kver,x86_64,x86_64_kver,x32,x32_kver,arm,arm_kver,aarch64,aarch64_kver,loongarch64,loongarch64_kver,m68k,m68k_kver,mips,mips_kver,mips64,mips64_kver,mips64n32,mips64n32_kver,parisc,parisc_kver,parisc64,parisc64_kver,ppc,ppc_kver,ppc64,ppc64_kver,riscv64,riscv64_kver,s390,s390_kver,s390x,s390x_kver,sh,sh_kver"
eq "37 fields on every line" "$(awk -F, '{ print NF }' "$T/s.csv" | sort -u)" 37
eq "one row per name of any ABI" "$(tail -n +2 "$T/s.csv" | cut -d, -f1 | sort | tr '\n' ' ')" \
	"$(sqlite3 "$T/k.db" "SELECT DISTINCT syscall FROM syscalls_at WHERE release = 'v5.10' ORDER BY 1" | sort | tr '\n' ' ')"
eq "rows in libseccomp's order (underscores ignored)" "$(tail -n +2 "$T/s.csv" | cut -d, -f1 | tr '\n' ' ')" \
	"$(tail -n +2 "$T/s.csv" | cut -d, -f1 | awk '{ k = $0; gsub(/_/, "", k); print k "\t" $0 }' | LC_ALL=C sort | cut -f2 | tr '\n' ' ')"
row() { grep "^$1," "$T/s.csv"; }
eq "close: x86_64 and x32 3 from 4.0 (v4.0 follows v4.0-rc1), no i386" "$(row close | cut -d, -f2-7)" \
	"PNR,SCMP_KV_UNDEF,3,SCMP_KV_4_0,3,SCMP_KV_4_0"
eq "clone3: 435, undated (it came in one of 4.18 .. 5.9, which the catalog lacks)" "$(row clone3 | cut -d, -f2-7)" \
	"PNR,SCMP_KV_UNDEF,435,SCMP_KV_UNDEF,435,SCMP_KV_UNDEF"
eq "read: as old as the catalog is undated" "$(row read | cut -d, -f2-5)" "3,SCMP_KV_UNDEF,0,SCMP_KV_UNDEF"
eq "io_setup: x32 number since its renumbering (after 4.2, by 4.17: undated), table-relative" \
	"$(row io_setup | cut -d, -f6-7)" "543,SCMP_KV_UNDEF"
eq "no arm table: PNR" "$(row read | cut -d, -f8-9)" "PNR,SCMP_KV_UNDEF"
# --dates first-harvested: the first catalog release with it, an upper bound,
# said on stderr; dates the catalog knows are unchanged.
"$KABI" export --format seccomp-csv --at v5.10 --dates first-harvested >"$T/su.csv" 2>"$T/su.err"
eq "first-harvested exits 0" "$?" 0
eq "first-harvested: clone3 dated 5.9, the first catalog release with it" \
	"$(grep '^clone3,' "$T/su.csv" | cut -d, -f4-5)" "435,SCMP_KV_5_9"
eq "first-harvested: close keeps its exact date" "$(grep '^close,' "$T/su.csv" | cut -d, -f4-5)" "3,SCMP_KV_4_0"
ok "first-harvested warns that dates are upper bounds" grep -q 'warning: [0-9]* dates are upper bounds' "$T/su.err"
"$KABI" export --format seccomp-csv --dates someday >/dev/null 2>"$T/su.err"
eq "--dates someday: usage error" "$?" 2
ok "--dates someday: says which modes exist" grep -q "unknown --dates 'someday' (exact or first-harvested)" "$T/su.err"
eq "x86_64 column is the table" \
	"$(tail -n +2 "$T/s.csv" | awk -F, '$4 != "PNR" { print $1 "," $4 }' | sort)" \
	"$("$KABI" table --abi x86_64 --at v5.10 --format csv | awk -F, 'NR > 1 { print $2 "," $1 }' | sort)"

# Bad input: exit 2 and the valid choices.
err() { "$KABI" export "$@" 2>&1 >/dev/null; }
eq "unknown format exits 2" "$(exit_code "$KABI" export --format yaml --abi x86_64)" 2
eq "unknown format lists the formats" "$(err --format yaml --abi x86_64)" \
	"kabi: unknown format 'yaml' (formats: json, csv, c-header, gdb-xml, seccomp-csv, go, musl, glibc, rust)"
eq "unknown ABI exits 2" "$(exit_code "$KABI" export --format csv --abi vax)" 2
eq "unknown ABI lists the ABIs" "$(err --format csv --abi vax)" \
	"kabi: unknown ABI 'vax' (ABIs with tables in the catalog: i386, x32, x86_64)"
eq "unknown release exits 2" "$(exit_code "$KABI" export --format csv --abi x86_64 --at v9.9)" 2
eq "unknown release lists the releases" "$(err --format csv --abi x86_64 --at v4.5)" \
	"kabi: no release 'v4.5' in the catalog (releases: v4.0-rc1, v4.0, v4.2, v4.17, v5.9, v5.10-rc1, v5.10)"
eq "a malformed release lists them too" "$(err --format csv --abi x86_64 --at banana)" \
	"kabi: no release 'banana' in the catalog (releases: v4.0-rc1, v4.0, v4.2, v4.17, v5.9, v5.10-rc1, v5.10)"
eq "a line resolves to its newest release" "$("$KABI" export --format csv --abi x86_64 --at 5.10)" \
	"$("$KABI" export --format csv --abi x86_64 --at v5.10)"
eq "an ABI without tables: exit 2" "$(exit_code "$KABI" export --format csv --abi arm64 --at v5.10)" 2
eq "an ABI without tables: says so" "$(err --format csv --abi arm64 --at v5.10)" \
	"kabi: ABI 'arm64' has no syscall table in this catalog"
eq "missing --format exits 2" "$(exit_code "$KABI" export --abi x86_64)" 2
eq "missing --abi exits 2" "$(exit_code "$KABI" export --format json)" 2
eq "seccomp-csv takes no --abi" "$(exit_code "$KABI" export --format seccomp-csv --abi x86_64)" 2
eq "an unwritable -o exits 2" "$(exit_code "$KABI" export --format csv --abi x86_64 -o "$T/no/such/dir/x")" 2
ok "help lists every format" bash -c "'$KABI' export --help | grep -q seccomp-csv"
finish
