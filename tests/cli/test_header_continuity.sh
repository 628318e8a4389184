#!/bin/bash
# Harvests the fixture of tests/fixtures/make-header-repo.sh: releases on
# both sides of every change of format (x86 header -> .tbl at v3.3, the UAPI
# split at v3.7, arm -> .tbl at v4.10, mips -> .tbl at v5.0, asm-generic ->
# scripts/syscall.tbl at v6.11).  A syscall that did not change must show no
# event at any of them, and the header-era tables must hold what the
# headers say (numbers as user space passes them, entry points where the
# era has them).
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-header-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/k.db"

"$KABI" harvest "$T/repo" --progress=none >"$T/out" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "no warnings" "$(grep -v "^kabi: harvested" "$T/err")" ""
q() { sqlite3 -separator ' ' "$KABI_DB" "$1"; }

eq "where each ABI's table came from, release by release (the format changes)" \
	"$(q "SELECT a.name, r.name, path FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord
	      WHERE a.name IN ('x86_64', 'i386', 'arm', 'arm-oabi', 'mips-o32', 'arm64', 'arm64-compat')
	      ORDER BY a.name, r.ord" | awk '$3 != last[$1] { print; last[$1] = $3 }')" \
	"arm v2.6.32 arch/arm/include/asm/unistd.h
arm v3.7 arch/arm/include/uapi/asm/unistd.h
arm v4.10 arch/arm/tools/syscall.tbl
arm-oabi v2.6.32 arch/arm/include/asm/unistd.h
arm-oabi v3.7 arch/arm/include/uapi/asm/unistd.h
arm-oabi v4.10 arch/arm/tools/syscall.tbl
arm64 v3.7 arch/arm64/include/uapi/asm/unistd.h
arm64 v6.11 arch/arm64/tools/syscall_64.tbl
arm64-compat v3.7 arch/arm64/include/asm/unistd32.h
arm64-compat v6.11 arch/arm64/tools/syscall_32.tbl
i386 v2.6.32 arch/x86/include/asm/unistd_32.h
i386 v3.3 arch/x86/syscalls/syscall_32.tbl
mips-o32 v2.6.32 arch/mips/include/asm/unistd.h
mips-o32 v3.7 arch/mips/include/uapi/asm/unistd.h
mips-o32 v5.0 arch/mips/kernel/syscalls/syscall_o32.tbl
x86_64 v2.6.32 arch/x86/include/asm/unistd_64.h
x86_64 v3.3 arch/x86/syscalls/syscall_64.tbl"

# Every event after the first release, except arm64's arrival at v3.7:
# only the real change.
eq "events at the format changes: none but the real one" \
	"$(q "SELECT release, abi, syscall, kind FROM events
	      WHERE release <> 'v2.6.32' AND NOT (release = 'v3.7' AND kind = 'added' AND abi LIKE 'arm64%')
	      ORDER BY ord, abi, syscall")" \
	"v3.2 x86_64 process_vm_readv added"

tbl() { "$KABI" table --abi "$1" --at "$2" --format csv | awk -F, 'NR > 1 { print $1, $2, $3, $4, $5 }'; }
eq "x86_64 at v3.2: __SYSCALL entries, sys_ni_syscall stored as no entry (as syscall_64.tbl writes it)" \
	"$(tbl x86_64 v3.2)" \
	"0 read sys_read  1
1 write sys_write  1
2 open sys_open  1
56 clone stub_clone  1
134 uselib   0
262 newfstatat sys_newfstatat  1
298 perf_event_open sys_perf_event_open  1
310 process_vm_readv sys_process_vm_readv  1"
eq "i386 at v2.6.32: syscall_table_32.S entries, ia32entry.S compat entries" \
	"$(tbl i386 v2.6.32)" \
	"0 restart_syscall sys_restart_syscall  1
1 exit sys_exit  1
2 fork ptregs_fork stub32_fork 1
3 read sys_read  1
4 write sys_write  1
5 open sys_open compat_sys_open 1
17 break   0
336 perf_event_open sys_perf_event_open  1"
eq "arm EABI at v2.6.32: base 0, OBSOLETE time absent, #if 0 and alias skipped" \
	"$(tbl arm v2.6.32)" \
	"0 restart_syscall sys_restart_syscall  1
1 exit sys_exit  1
5 open sys_open  1
180 pread64 sys_pread64  1
341 arm_sync_file_range sys_sync_file_range2  1
983042 cacheflush   1"
# ARM's private syscalls (KABI_FMT_PRIVATE): __ARM_NR_cacheflush in every
# era's arm header, the .tbl era's too, one span with no event.
eq "arm, arm-oabi: __ARM_NR_cacheflush, private, from v2.6.32 to the newest, no event" \
	"$(q "SELECT abi, nr, first_release, last_release = (SELECT name FROM release ORDER BY ord DESC LIMIT 1) FROM spans WHERE syscall = 'cacheflush' AND abi LIKE 'arm%' ORDER BY abi")|$("$KABI" table --abi arm --at v4.10 --format csv | awk -F, '$2 == "cacheflush" { print $8 }')" \
	"arm 983042 v2.6.32 1
arm-oabi 10420226 v2.6.32 1|1"
eq "arm OABI at v3.7: numbers from 0x900000, ABI() compat entry" \
	"$(tbl arm-oabi v3.7 | awk '$2 == "time" || $2 == "pread64"')" \
	"9437197 time sys_time  1
9437364 pread64 sys_pread64 sys_oabi_pread64 1"
eq "mips at v3.7: three blocks, __NR_Linux offsets, no placeholder, PTR entry tables" \
	"$(for a in mips-o32 mips-n32 mips-n64; do tbl $a v3.7; done)" \
	"4000 syscall sys_syscall sys32_syscall 1
4001 exit sys_exit  1
4003 read sys_read  1
6000 read sys_read  1
6058 exit sys_exit  1
5000 read sys_read  1
5058 exit sys_exit  1"
eq "arm64 at v3.7: asm-generic with arm64's __ARCH_WANT_*, compat column as scripts/syscall.tbl" \
	"$(tbl arm64 v3.7)" \
	"0 io_setup sys_io_setup compat_sys_io_setup 1
25 fcntl sys_fcntl  1
38 renameat sys_renameat  1
42 nfsservctl sys_ni_syscall  0
62 lseek sys_lseek  1
79 newfstatat sys_newfstatat  1
93 exit sys_exit  1
169 gettimeofday sys_gettimeofday  1"
eq "arm64-compat at v3.7: unistd32.h numbers and compat entries, arm's entries, the alias name of syscall_32.tbl" \
	"$(tbl arm64-compat v3.7)" \
	"0 restart_syscall sys_restart_syscall  1
1 exit sys_exit  1
5 open sys_open compat_sys_open 1
341 arm_sync_file_range sys_sync_file_range2 compat_sys_aarch32_sync_file_range2 1"

# kabi abis: the bases the kernel gives (mips o32 numbers from 4000, arm's
# old ABI from 0x900000), decimal below 0x10000 and hexadecimal above in
# text; csv keeps the integer.
eq "abis text: base decimal below 0x10000, hex above" \
	"$("$KABI" abis | awk '$1 == "x86_64" || $1 == "mips-o32" || $1 == "arm-oabi" { print $1, $4 }')" \
	"x86_64 0
arm-oabi 0x900000
mips-o32 4000"
eq "abis csv: base an integer" \
	"$("$KABI" abis --format csv | awk -F, '$1 == "mips-o32" || $1 == "arm-oabi" { print $1, $4 }')" \
	"arm-oabi 9437184
mips-o32 4000"

# A re-harvest of the same repository reads nothing again.
"$KABI" harvest "$T/repo" >"$T/out2" 2>&1
ok "re-harvest: up to date" grep -q "up to date" "$T/out2"
finish
