#!/bin/bash
# Harvests ../shared/data/real-tables (13 real releases, 3.4.108 to 7.1.5,
# assembled into a git repository) and checks
#  - that the events between every two releases are exactly the rows that
#    changed, computed independently here with awk from the real files:
#    no event from the x86 move (4.2), arm's .tbl (4.10), the v5.0
#    conversions or scripts/syscall.tbl (6.11), and none missing;
#  - known facts from ../shared/docs/kernel-syscall-sources.md.
. "$(dirname "$0")/../lib/testlib.sh"
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"
[ -d "$DATA/real-tables" ] || skip "no $DATA/real-tables (../shared is not beside the project)"
bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/repo" >/dev/null 2>&1 ||
	{ echo "FAIL: cannot assemble the repository"; exit 1; }
export KABI_DB="$T/k.db"
"$KABI" harvest "$T/repo" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "no malformed lines in real tables" "$(grep -c 'line skipped' "$T/err")" 0
RELS=$(ls "$DATA/real-tables" | sort -V)

# rows FILE TAGS NOCOMPAT: "name nr entry compat" per row, normalised like
# the catalog (wrapper prefixes and /ptregs dropped, '-' = none, a compat
# entry equal to the entry = none, a slot with no entry point in either
# column "-" whether it says sys_ni_syscall or nothing).
rows() {
	[ -f "$1" ] || return 0
	awk -v tags=",$2," -v nocompat="$3" '
	function norm(e) {
		if (e == "-") return ""
		sub(/\/ptregs$/, "", e)
		if (e ~ /^__(x64|ia32|x32|arm64|s390x|s390|riscv|loongarch)_(compat_)?sys_/)
			sub(/^__[a-z0-9]+_/, "", e)
		return e
	}
	/^[ \t]*#/ || NF < 3 { next }
	index(tags, "," $2 ",") {
		if ($3 ~ /^(unused|reserved|available)[0-9]*$/ || $3 == "ni_syscall") next
		e = norm($4); c = nocompat ? "" : norm($5)
		if (c == e) c = ""
		# no entry point in either column: sys_ni_syscall or nothing is the same
		if ((e == "" || e == "sys_ni_syscall") && (c == "" || c == "sys_ni_syscall")) e = c = "-"
		print $3, $1, e, c
	}' "$1" | sort -u -k1,1
}

# path_of REL CANDIDATES...: the first candidate that exists in release REL
path_of() {
	local rel=$1 p
	shift
	for p in "$@"; do
		[ -e "$DATA/real-tables/$rel/$p" ] && { echo "$DATA/real-tables/$rel/$p"; return; }
	done
}

check_abi() {   # check_abi ABI TAGS NOCOMPAT PATHS...
	local abi=$1 tags=$2 nocompat=$3 prev="" rel a b want got
	shift 3
	for rel in $RELS; do
		a=$(path_of "$rel" "$@")
		if [ -n "$prev" ] && [ -n "$a" ] && [ -n "$(path_of "$prev" "$@")" ]; then
			b=$(path_of "$prev" "$@")
			want=$(join -a1 -a2 -e NONE -o 0,1.2,1.3,1.4,2.2,2.3,2.4 \
				<(rows "$b" "$tags" "$nocompat") <(rows "$a" "$tags" "$nocompat") |
				awk '$2 != $5 || $3 != $6 || $4 != $7 { print $1 }' | sort -u)
			got=$(sqlite3 "$KABI_DB" "SELECT syscall FROM events WHERE abi = '$abi' AND release = 'v$rel'
				UNION SELECT old_name FROM events WHERE abi = '$abi' AND release = 'v$rel' AND old_name IS NOT NULL" | sort -u)
			eq "$abi events at $rel are the rows that changed since $prev" "$got" "$want"
		fi
		prev=$rel
	done
}
check_abi x86_64 common,64 0 arch/x86/entry/syscalls/syscall_64.tbl arch/x86/syscalls/syscall_64.tbl
check_abi x32 common,x32 0 arch/x86/entry/syscalls/syscall_64.tbl arch/x86/syscalls/syscall_64.tbl
check_abi i386 i386 0 arch/x86/entry/syscalls/syscall_32.tbl arch/x86/syscalls/syscall_32.tbl
check_abi arm common,eabi 1 arch/arm/tools/syscall.tbl
check_abi powerpc64 common,nospu,64 0 arch/powerpc/kernel/syscalls/syscall.tbl
check_abi mips-n64 common,n64 0 arch/mips/kernel/syscalls/syscall_n64.tbl
check_abi sparc common,32 0 arch/sparc/kernel/syscalls/syscall.tbl
check_abi arm64-compat common 0 arch/arm64/tools/syscall_32.tbl

# Facts from kernel-syscall-sources.md, section 4 and the 3.10 counts.
q() { sqlite3 "$KABI_DB" "$1"; }
eq "3.10 syscall_64.tbl: 314 rows common/64 (0-313)" \
	"$(q "SELECT rows FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord WHERE a.name = 'x86_64' AND r.name = 'v3.10.105'")" 314
eq "3.10 syscall_32.tbl: 347 rows" \
	"$(q "SELECT rows FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord WHERE a.name = 'i386' AND r.name = 'v3.10.105'")" 347
eq "_sysctl: unimplemented on x86_64 between 5.4 and 5.10" \
	"$(q "SELECT previous_release, release FROM events WHERE abi = 'x86_64' AND syscall = '_sysctl' AND kind = 'unimplemented'")" "v5.4.286|v5.10.89"
eq "ia64 ends after 6.6" "$("$KABI" abis --format csv | awk -F, '$1 == "ia64" { print $5, $6 }')" "v5.4.286 v6.6.9"
# The end of an ABI is one fact, not a removal of each of its syscalls.
eq "ia64 ends with its generation at 6.6 (one life here)" \
	"$(q "SELECT g.generation || ' ' || f.name || ' ' || l.name FROM abi_generation g JOIN abi a ON a.id = g.abi_id
		JOIN release f ON f.ord = g.first_ord JOIN release l ON l.ord = g.last_ord WHERE a.name = 'ia64'")" "1 v5.4.286 v6.6.9"
eq "no ia64 syscall 'removed' in 6.12" "$(q "SELECT count(*) FROM events WHERE abi = 'ia64' AND kind = 'removed'")" 0
eq "diff --events: ia64's abi_removed in 6.12 (the next release here)" \
	"$("$KABI" diff v6.6.9 v6.12.117 --events --abi ia64 --format csv | grep -c '^v6.12.117,ia64,abi_removed,')" 1
eq "the s390 31-bit ABI ends after 6.12" "$("$KABI" abis --format csv | awk -F, '$1 == "s390" { print $6 }')" "v6.12.117"
eq "s390x goes on in the 4-column form" "$("$KABI" abis --format csv | awk -F, '$1 == "s390x" { print $6 }')" "v7.1.5"
eq "statx: x86_64 332, i386 383" "$(q "SELECT nr FROM syscalls_at WHERE release = 'v4.14.67' AND syscall = 'statx' AND abi IN ('x86_64', 'i386') ORDER BY abi DESC")" "332
383"
eq "openat2 437 on every ABI at 6.12 but ia64 (gone)" \
	"$(q "SELECT DISTINCT nr FROM syscalls_at WHERE release = 'v6.12.117' AND syscall = 'openat2' AND abi NOT IN ('alpha', 'mips-o32', 'mips-n32', 'mips-n64', 'ia64', 'x32', 'arm-oabi')")" 437
eq "alpha numbers new syscalls +110" "$(q "SELECT nr FROM syscalls_at WHERE release = 'v6.12.117' AND syscall = 'pidfd_send_signal' AND abi = 'alpha'")" 534
eq "mips offsets" "$(q "SELECT abi, nr FROM syscalls_at WHERE release = 'v6.1.192' AND syscall = 'openat2' AND abi LIKE 'mips%' ORDER BY abi")" \
	"mips-n32|6437
mips-n64|5437
mips-o32|4437"
eq "arm OABI base" "$(q "SELECT nr FROM syscalls_at WHERE release = 'v6.1.192' AND syscall = 'openat2' AND abi = 'arm-oabi'")" $((0x900000 + 437))
eq "uretprobe = x86_64 335 in 6.12" "$(q "SELECT nr FROM syscalls_at WHERE release = 'v6.12.117' AND syscall = 'uretprobe' AND abi = 'x86_64'")" 335
eq "arm64 from scripts/syscall.tbl through the symlink at 6.12" \
	"$(q "SELECT path FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord WHERE a.name = 'arm64' AND r.name = 'v6.12.117'")" \
	"arch/arm64/tools/syscall_64.tbl"
# arch/arm64/kernel/Makefile.syscalls at 6.12: syscall_abis_64 += renameat rlimit memfd_secret
eq "arm64 6.12: renameat (its Makefile.syscalls says so) and newfstatat (79) in, no arch-private rows" \
	"$(q "SELECT group_concat(syscall || '=' || nr) FROM syscalls_at WHERE release = 'v6.12.117' AND abi = 'arm64' AND syscall IN ('renameat', 'newfstatat', 'fstatat64', 'riscv_hwprobe', 'memfd_secret', 'getrlimit')")" \
	"getrlimit=163,memfd_secret=447,newfstatat=79,renameat=38"
eq "riscv_hwprobe is riscv's own (258)" "$(q "SELECT abi, nr FROM syscalls_at WHERE release = 'v6.12.117' AND syscall = 'riscv_hwprobe' ORDER BY abi")" \
	"riscv32|258
riscv64|258"
# csky and hexagon read scripts/syscall.tbl from 6.11; their uapi
# unistd.h then says "#define __NR_sync_file_range2 84" and "#undef
# __NR_sync_file_range" (and their syscall tables #define
# sys_sync_file_range sys_sync_file_range2): the layout's rename.
eq "csky, hexagon: 84 is sync_file_range2 (sys_sync_file_range2) at 6.12 and 7.1" \
	"$(q "SELECT abi, release, syscall, entry FROM syscalls_at WHERE abi IN ('csky', 'hexagon') AND nr = 84 ORDER BY abi, release")" \
	"csky|v6.12.117|sync_file_range2|sys_sync_file_range2
csky|v7.1.5|sync_file_range2|sys_sync_file_range2
hexagon|v6.12.117|sync_file_range2|sys_sync_file_range2
hexagon|v7.1.5|sync_file_range2|sys_sync_file_range2"
# loongarch32: 7.1's arch/loongarch/kernel/Makefile.syscalls has
# "syscall_abis_32 += memfd_secret" (6.12's has no syscall_abis_32), so
# scripts/syscall.tbl's common, 32 and memfd_secret rows are its table.
eq "loongarch32: a table at 7.1.5 only" \
	"$(q "SELECT r.name FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord WHERE a.name = 'loongarch32'")" "v7.1.5"
eq "loongarch32 7.1.5: the rows tagged common, 32, memfd_secret" \
	"$(q "SELECT count(*) FROM syscalls_at WHERE abi = 'loongarch32' AND release = 'v7.1.5'")" \
	"$(awk '!/^#/ && NF >= 3 && $2 ~ /^(common|32|memfd_secret)$/' "$DATA/real-tables/7.1.5/scripts/syscall.tbl" | wc -l)"
eq "loongarch32 7.1.5: time64 and 64-bit-offset calls, no fstat/newfstatat/time32 ones" \
	"$(q "SELECT group_concat(syscall || '=' || nr) FROM (SELECT syscall, nr FROM syscalls_at WHERE abi = 'loongarch32' AND release = 'v7.1.5'
		AND syscall IN ('clock_gettime64', 'clock_gettime', 'fcntl64', 'fstat', 'newfstatat', 'fstatat64', 'llseek', 'memfd_secret', 'statx') ORDER BY nr)")" \
	"fcntl64=25,llseek=62,statx=291,clock_gettime64=403,memfd_secret=447"
eq "no syscall is removed and re-added in the same release" \
	"$(q "SELECT count(*) FROM events a JOIN events b ON a.abi = b.abi AND a.syscall = b.syscall AND a.ord = b.ord AND a.kind = 'removed' AND b.kind = 'added'")" 0
finish
