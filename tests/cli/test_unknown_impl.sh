#!/bin/bash
# "implemented" is three-valued (issue 16, classes 5 and 6): where kabi did
# not read the entry table of a release's era, a syscall in the table is
# "unknown", never "yes", in table, show, check (its own verdict, exit 3),
# the exports and the site; a compat table that was not read leaves the
# compat entries unknown ("?"), not "none", and a change from unknown to a
# known entry is no event and no line of diff.
#
# The files follow the real ones' shapes: powerpc's uapi unistd.h of 4.19
# ("#define __NR_getpmsg 187 /* some people actually want streams */") with
# its entries in arch/powerpc/include/asm/systbl.h, which kabi does not read
# (SYSCALL(ni_syscall) at 187 and 225); i386's unistd_32.h and
# syscall_table_32.S of 2.6.32 without arch/x86/ia32/ia32entry.S, then
# syscall_32.tbl of 3.4 with its compat column.
. "$(dirname "$0")/../lib/testlib.sh"
. "$KABI_SRC/tests/lib/commit.sh"
R="$T/repo"
git init -q "$R"

# v2.6.32: i386 from the header and the positional table, no ia32entry.S
mkdir -p "$R/arch/x86/include/asm" "$R/arch/x86/kernel"
cat >"$R/arch/x86/include/asm/unistd_32.h" <<'H'
#ifndef _ASM_X86_UNISTD_32_H
#define _ASM_X86_UNISTD_32_H

/*
 * This file contains the system call numbers.
 */

#define __NR_restart_syscall      0
#define __NR_exit		  1
#define __NR_fork		  2
#define __NR_read		  3
#define __NR_write		  4
#define __NR_open		  5

#endif /* _ASM_X86_UNISTD_32_H */
H
cat >"$R/arch/x86/kernel/syscall_table_32.S" <<'S'
ENTRY(sys_call_table)
	.long sys_restart_syscall	/* 0 - old "setup()" system call, used for restarting */
	.long sys_exit
	.long ptregs_fork
	.long sys_read
	.long sys_write
	.long sys_open		/* 5 */
S
commit_release "$R" v2.6.32 "2009-12-03T00:00:00Z"

# v3.4: i386 from syscall_32.tbl; powerpc's header and systbl.h
rm -rf "$R/arch/x86"
mkdir -p "$R/arch/x86/syscalls" "$R/arch/powerpc/include/uapi/asm" "$R/arch/powerpc/include/asm"
printf '%s\n' '#' '# 32-bit system call numbers and entry vectors' '#' \
	'0	i386	restart_syscall		sys_restart_syscall' \
	'1	i386	exit			sys_exit' \
	'2	i386	fork			ptregs_fork			stub32_fork' \
	'3	i386	read			sys_read' \
	'4	i386	write			sys_write' \
	'5	i386	open			sys_open			compat_sys_open' \
	>"$R/arch/x86/syscalls/syscall_32.tbl"
cat >"$R/arch/powerpc/include/uapi/asm/unistd.h" <<'H'
/* SPDX-License-Identifier: GPL-2.0+ WITH Linux-syscall-note */
#ifndef _UAPI_ASM_POWERPC_UNISTD_H_
#define _UAPI_ASM_POWERPC_UNISTD_H_


#define __NR_restart_syscall	  0
#define __NR_exit		  1
#define __NR_fork		  2
#define __NR_read		  3
#define __NR_getpmsg		187	/* some people actually want streams */
#define __NR_putpmsg		188	/* some people actually want streams */
#define __NR_tuxcall		225

#endif /* _UAPI_ASM_POWERPC_UNISTD_H_ */
H
cat >"$R/arch/powerpc/include/asm/systbl.h" <<'H'
/*
 * List of powerpc syscalls. For the meaning of the _SPU suffix see
 * arch/powerpc/platforms/cell/spu_callbacks.c
 */

SYSCALL_SPU(restart_syscall)
SYSCALL_SPU(exit)
PPC_SYS(fork)
SYSCALL_SPU(read)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
H
commit_release "$R" v3.4 "2012-05-20T00:00:00Z"

export KABI_DB="$T/k.db"
"$KABI" harvest "$R" --progress=none 2>"$T/err"
eq "harvest exits 0" "$?" 0

# class 5: unknown, not yes
eq "span.implemented is NULL where the entry table was not read" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, quote(implemented) FROM syscalls_at WHERE abi = 'powerpc64' AND syscall IN ('getpmsg', 'tuxcall') ORDER BY 1")" \
	"getpmsg|NULL
tuxcall|NULL"
eq "and span_why says why" \
	"$(sqlite3 "$KABI_DB" "SELECT DISTINCT why FROM syscalls_at WHERE abi = 'powerpc64'")" \
	"entry table not read: this era's entry points are not in its header"
"$KABI" table --abi powerpc64 --at v3.4 >"$T/out"
ok "table: implemented unknown" grep -qE "^187 +getpmsg +unknown" "$T/out"
ok "table: the footer counts the unknown" grep -q "7 syscalls, 0 implemented, 0 reserved or not implemented, 7 unknown" "$T/out"
eq "table csv: implemented 'unknown', why at the end" \
	"$("$KABI" table --abi powerpc64 --at v3.4 --format csv | awk -F, 'NR == 1 || $2 == "tuxcall"')" \
	"nr,name,entry,compat_entry,implemented,added,removed,private,why
225,tuxcall,,,unknown,<=v3.4,,0,entry table not read: this era's entry points are not in its header"
eq "table json: implemented null" \
	"$("$KABI" table --abi powerpc64 --at v3.4 --format json | grep -o '"name": "tuxcall"[^}]*"implemented": [a-z]*')" \
	'"name": "tuxcall", "entry": "", "compat_entry": "", "implemented": null'
"$KABI" check --kernel v3.4 --abi powerpc64 getpmsg tuxcall >"$T/out" 2>&1
eq "check: exit 3 (unknown), not 0" "$?" 3
eq "check: status 'implementation unknown'" "$(awk '$1 == "getpmsg" { print $2, $3 }' "$T/out")" "implementation unknown"
ok "check: the verdict says unknown and names them" grep -q "powerpc64 at v3.4: unknown: 2 of 2 syscalls .*: getpmsg, tuxcall" "$T/out"
"$KABI" check --kernel v3.4 --abi powerpc64 getpmsg read >/dev/null 2>&1
eq "check: unknown beside an available one is still unknown" "$?" 3
"$KABI" check --kernel v3.4 --abi powerpc64 getpmsg open >/dev/null 2>&1
eq "check: something missing is 'does not run' (exit 1)" "$?" 1
"$KABI" show getpmsg --at v3.4 >"$T/out"
ok "show --at: status unknown" grep -q "^powerpc64 *implementation unknown *187" "$T/out"
"$KABI" show tuxcall >"$T/out"
ok "show: the span is implemented unknown" grep -qE "^powerpc64 +225 +unknown" "$T/out"
"$KABI" export --abi powerpc64 --at v3.4 --format csv >"$T/out"
eq "export csv: unknown" "$(awk -F, '$2 == "getpmsg" { print $5 }' "$T/out")" "unknown"
"$KABI" export --abi powerpc64 --at v3.4 --format c-header >"$T/out"
ok "export c-header: says unknown" grep -q "implementation unknown (entry table not read)" "$T/out"

# class 6: a compat table that was not read is unknown, not none
eq "i386 at v2.6.32: compat entries unknown (NULL), not ''" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, quote(compat_entry) FROM syscalls_at WHERE abi = 'i386' AND release = 'v2.6.32' AND syscall IN ('open', 'read') ORDER BY 1")" \
	"open|NULL
read|NULL"
"$KABI" table --abi i386 --at v2.6.32 --format csv >"$T/out"
eq "table: compat '?'" "$(awk -F, '$2 == "open" { print $3, $4, $5 }' "$T/out")" "sys_open ? 1"
eq "no entry_changed event from an unknown compat entry to a known one" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM events WHERE abi = 'i386' AND kind = 'entry_changed'")" "0"
"$KABI" diff v2.6.32 v3.4 --abi i386 --entries >"$T/out"
ok "diff --entries: nothing changed on i386" grep -q "no change" "$T/out"
finish
