#!/bin/bash
# Entry tables of old eras that kabi reads since issue 16 (class 5), end to
# end: a harvest of releases in their real files' shapes, then table, check
# and show.  Where the table is read, rows are implemented (or not) with
# their entries; where it is gone, they stay "unknown".
#
# v2.6.12: powerpc64's include/asm-ppc64/unistd.h with arch/ppc64/kernel/misc.S
#   (".llong .sys_x" after _GLOBAL(sys_call_table32) and _GLOBAL(sys_call_table));
# v2.6.32: mips o32's asm/unistd.h with scall32-o32.S, whose label invokes
#   ".macro syscalltable" of "sys <entry> <nargs>" lines, and scall64-o32.S,
#   whose o32 table is still labelled sys_call_table; sh64's unistd_64.h
#   with arch/sh/kernel/syscalls_64.S;
# v3.10: sh64's header without syscalls_64.S (the port's code went in 3.8).
. "$(dirname "$0")/../lib/testlib.sh"
. "$KABI_SRC/tests/lib/commit.sh"
R="$T/repo"
git init -q "$R"

mkdir -p "$R/include/asm-ppc64" "$R/arch/ppc64/kernel"
cat >"$R/include/asm-ppc64/unistd.h" <<'H'
#ifndef _ASM_PPC_UNISTD_H_
#define _ASM_PPC_UNISTD_H_

/*
 * This file contains the system call numbers.
 */

#define __NR_restart_syscall	  0
#define __NR_exit		  1
#define __NR_fork		  2
#define __NR_read		  3
#define __NR_write		  4
#define __NR_open		  5
#define __NR_close		  6
#define __NR_waitpid		  7
#define __NR_creat		  8
#define __NR_link		  9
#define __NR_unlink		 10
#define __NR_execve		 11
#define __NR_chdir		 12
#define __NR_time		 13

#define __NR_syscalls		14
#endif /* _ASM_PPC_UNISTD_H_ */
H
{
	printf '_GLOBAL(kernel_thread)\n\tli\tr0,__NR_clone\n\tsc\n\tblr\n\n'
	printf '/* Why isn'"'"'t this a) automatic, b) written in '"'"'C'"'"'? */\n'
	printf '\t.balign 8\n_GLOBAL(sys_call_table32)\n'
	printf '\t.llong .%s\n' sys_restart_syscall sys_exit ppc_fork sys_read sys_write \
		compat_sys_open sys_close sys_waitpid sys_creat sys_link sys_unlink sys32_execve \
		sys_chdir compat_sys_time
	printf '\n\t.balign 8\n_GLOBAL(sys_call_table)\n'
	printf '\t.llong .%s\n' sys_restart_syscall sys_exit ppc_fork sys_read sys_write \
		sys_open sys_close sys_waitpid sys_creat sys_link sys_unlink sys_execve \
		sys_chdir sys64_time
} >"$R/arch/ppc64/kernel/misc.S"
commit_release "$R" v2.6.12 "2005-06-17T00:00:00Z"

rm -rf "$R/include" "$R/arch/ppc64"
mkdir -p "$R/arch/mips/include/asm" "$R/arch/mips/kernel" "$R/arch/sh/include/asm" "$R/arch/sh/kernel"
cat >"$R/arch/mips/include/asm/sgidefs.h" <<'H'
#define _MIPS_SIM_ABI32		1
#define _MIPS_SIM_NABI32	2
#define _MIPS_SIM_ABI64		3
H
cat >"$R/arch/mips/include/asm/unistd.h" <<'H'
#ifndef _ASM_UNISTD_H
#define _ASM_UNISTD_H

#include <asm/sgidefs.h>

#if _MIPS_SIM == _MIPS_SIM_ABI32

/*
 * Linux o32 style syscalls are in the range from 4000 to 4999.
 */
#define __NR_Linux			4000
#define __NR_syscall			(__NR_Linux +   0)
#define __NR_exit			(__NR_Linux +   1)
#define __NR_fork			(__NR_Linux +   2)
#define __NR_read			(__NR_Linux +   3)
#define __NR_write			(__NR_Linux +   4)
#define __NR_open			(__NR_Linux +   5)
#define __NR_close			(__NR_Linux +   6)
#define __NR_unused7			(__NR_Linux +   7)

/*
 * Offset of the last Linux o32 flavoured syscall
 */
#define __NR_Linux_syscalls		7

#endif /* _MIPS_SIM == _MIPS_SIM_ABI32 */

#define __NR_O32_Linux			4000
#define __NR_O32_Linux_syscalls		7

#endif /* _ASM_UNISTD_H */
H
cat >"$R/arch/mips/kernel/scall32-o32.S" <<'S'
	LEAF(sys_syscall)
	subu	t0, a0, __NR_O32_Linux	# check syscall number
	lw	t2, sys_call_table(t1)		# syscall routine
	END(sys_syscall)

	.macro	fifty ptr, nargs, from=1, to=50
	sys	\ptr		\nargs
	.if	\to-\from
	fifty	\ptr,\nargs,"(\from+1)",\to
	.endif
	.endm

	.macro	syscalltable
	sys	sys_syscall		8	/* 4000 */
	sys	sys_exit		1
	sys	sys_fork		0
	sys	sys_read		3
	sys	sys_write		3
	sys	sys_open		3	/* 4005 */
	sys	sys_close		1
	sys	sys_waitpid		3
	.endm

	/* We pre-compute the number of _instruction_ bytes needed to
	   load or store the arguments 6-8. Negative values are ignored. */

	.macro  sys function, nargs
	PTR	\function
	LONG	(\nargs << 2) - (5 << 2)
	.endm

	.align	3
	.type	sys_call_table,@object
EXPORT(sys_call_table)
	syscalltable
	.size	sys_call_table, . - sys_call_table
S
cat >"$R/arch/mips/kernel/scall64-o32.S" <<'S'
	.align	3
	.type	sys_call_table,@object
sys_call_table:
	PTR	sys32_syscall			/* 4000 */
	PTR	sys_exit
	PTR	sys_fork
	PTR	sys_read
	PTR	sys_write
	PTR	compat_sys_open			/* 4005 */
	PTR	sys_close
	PTR	sys_waitpid
	.size	sys_call_table,.-sys_call_table
S
cat >"$R/arch/sh/include/asm/unistd.h" <<'H'
#ifdef CONFIG_SUPERH32
# include "unistd_32.h"
#else
# include "unistd_64.h"
#endif
H
cat >"$R/arch/sh/include/asm/unistd_64.h" <<'H'
#ifndef __ASM_SH_UNISTD_64_H
#define __ASM_SH_UNISTD_64_H

/*
 * This file contains the system call numbers.
 */
#define __NR_restart_syscall	  0
#define __NR_exit		  1
#define __NR_fork		  2
#define __NR_read		  3
#define __NR_write		  4
#define __NR_open		  5
#define __NR_close		  6
#define __NR_waitpid		  7

#ifdef __KERNEL__

#define NR_syscalls 8

#endif /* __KERNEL__ */
#endif /* __ASM_SH_UNISTD_64_H */
H
cat >"$R/arch/sh/kernel/syscalls_64.S" <<'S'
#include <linux/sys.h>

	.section .data, "aw"
	.balign 32

/*
 * System calls jump table
 */
	.globl  sys_call_table
sys_call_table:
	.long sys_restart_syscall	/* 0  -  old "setup()" system call  */
	.long sys_exit
	.long sys_fork
	.long sys_read
	.long sys_write
	.long sys_open			/* 5 */
	.long sys_close
	.long sys_ni_syscall
S
commit_release "$R" v2.6.32 "2009-12-03T00:00:00Z"

rm -rf "$R/arch/mips" "$R/arch/sh/kernel"
commit_release "$R" v3.10 "2013-06-30T00:00:00Z"

export KABI_DB="$T/k.db"
"$KABI" harvest "$R" --progress=none 2>"$T/err"
eq "harvest exits 0" "$?" 0

eq "powerpc64 v2.6.12: entries from misc.S's sys_call_table, dots dropped" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, entry, implemented FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v2.6.12' AND syscall IN ('fork', 'time', 'open') ORDER BY 1")" \
	"fork|ppc_fork|1
open|sys_open|1
time|sys64_time|1"
eq "powerpc64 v2.6.12: nothing unknown" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v2.6.12' AND implemented IS NULL")" "0"
"$KABI" check --kernel v2.6.12 --abi powerpc64 read time >/dev/null 2>&1
eq "check powerpc64 v2.6.12: read and time run (exit 0)" "$?" 0

eq "mips-o32 v2.6.32: entries from the macro table, compat from scall64-o32.S" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, nr, entry, compat_entry, implemented FROM syscalls_at WHERE abi = 'mips-o32' AND release = 'v2.6.32' AND syscall IN ('exit', 'open', 'syscall') ORDER BY 1")" \
	"exit|4001|sys_exit||1
open|4005|sys_open|compat_sys_open|1
syscall|4000|sys_syscall|sys32_syscall|1"
"$KABI" check --kernel v2.6.32 --abi mips-o32 read write close >"$T/out" 2>&1
eq "check mips-o32 v2.6.32: exit 0" "$?" 0
ok "check mips-o32 v2.6.32: available" grep -q "^read *available" "$T/out"

eq "sh64 v2.6.32: entries from syscalls_64.S; slot 7 not implemented" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, entry, implemented FROM syscalls_at WHERE abi = 'sh64' AND release = 'v2.6.32' AND syscall IN ('fork', 'waitpid') ORDER BY 1")" \
	"fork|sys_fork|1
waitpid|sys_ni_syscall|0"
"$KABI" check --kernel v2.6.32 --abi sh64 waitpid >/dev/null 2>&1
eq "check sh64 v2.6.32: waitpid does not run (exit 1)" "$?" 1
"$KABI" check --kernel v3.10 --abi sh64 fork >"$T/out" 2>&1
eq "check sh64 v3.10 (no syscalls_64.S): unknown, exit 3" "$?" 3
eq "sh64 v3.10: every row unknown" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*), count(implemented) FROM syscalls_at WHERE abi = 'sh64' AND release = 'v3.10'")" "8|0"
eq "no entry or implemented event on sh64 from known to unknown" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM events WHERE abi = 'sh64' AND kind IN ('entry_changed', 'unimplemented', 'reimplemented')")" "0"
finish
