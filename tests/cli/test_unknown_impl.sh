#!/bin/bash
# "implemented" is three-valued (issue 16, classes 5 and 6): where kabi did
# not read the entry table of a release's era, a syscall in the table is
# "unknown", never "yes", in table, show, check (its own verdict, exit 3),
# the exports and the site; a compat table that was not read leaves the
# compat entries unknown ("?"), not "none", and a change from unknown to a
# known entry is no event and no line of diff.
#
# The files follow the real ones' shapes: powerpc's uapi unistd.h of 4.19
# ("#define __NR_getpmsg 187 /* some people actually want streams */"),
# first in a tree without the arch/powerpc/include/asm/systbl.h that holds
# its entries (v3.4: unknown), then with it (v3.10: SYSCALL(ni_syscall) at
# 187 and 225, not implemented); i386's unistd_32.h and syscall_table_32.S
# of 2.6.32 without arch/x86/ia32/ia32entry.S, then syscall_32.tbl of 3.4
# with its compat column.
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

# v3.4: i386 from syscall_32.tbl; powerpc's header without its systbl.h
rm -rf "$R/arch/x86"
mkdir -p "$R/arch/x86/syscalls" "$R/arch/powerpc/include/uapi/asm"
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
commit_release "$R" v3.4 "2012-05-20T00:00:00Z"

# v3.10: the same header with 4.19's systbl.h, slots 0-226
mkdir -p "$R/arch/powerpc/include/asm"
cat >"$R/arch/powerpc/include/asm/systbl.h" <<'H'
/*
 * List of powerpc syscalls. For the meaning of the _SPU suffix see
 * arch/powerpc/platforms/cell/spu_callbacks.c
 */

SYSCALL(restart_syscall)
SYSCALL(exit)
PPC_SYS(fork)
SYSCALL_SPU(read)
SYSCALL_SPU(write)
COMPAT_SYS_SPU(open)
SYSCALL_SPU(close)
SYSCALL_SPU(waitpid)
SYSCALL_SPU(creat)
SYSCALL_SPU(link)
SYSCALL_SPU(unlink)
COMPAT_SYS(execve)
SYSCALL_SPU(chdir)
COMPAT_SYS_SPU(time)
SYSCALL_SPU(mknod)
SYSCALL_SPU(chmod)
SYSCALL_SPU(lchown)
SYSCALL(ni_syscall)
OLDSYS(stat)
COMPAT_SYS_SPU(lseek)
SYSCALL_SPU(getpid)
COMPAT_SYS(mount)
SYSX(sys_ni_syscall,sys_oldumount,sys_oldumount)
SYSCALL_SPU(setuid)
SYSCALL_SPU(getuid)
COMPAT_SYS_SPU(stime)
COMPAT_SYS(ptrace)
SYSCALL_SPU(alarm)
OLDSYS(fstat)
SYSCALL(pause)
COMPAT_SYS(utime)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
SYSCALL_SPU(access)
SYSCALL_SPU(nice)
SYSCALL(ni_syscall)
SYSCALL_SPU(sync)
SYSCALL_SPU(kill)
SYSCALL_SPU(rename)
SYSCALL_SPU(mkdir)
SYSCALL_SPU(rmdir)
SYSCALL_SPU(dup)
SYSCALL_SPU(pipe)
COMPAT_SYS_SPU(times)
SYSCALL(ni_syscall)
SYSCALL_SPU(brk)
SYSCALL_SPU(setgid)
SYSCALL_SPU(getgid)
SYSCALL(signal)
SYSCALL_SPU(geteuid)
SYSCALL_SPU(getegid)
SYSCALL(acct)
SYSCALL(umount)
SYSCALL(ni_syscall)
COMPAT_SYS_SPU(ioctl)
COMPAT_SYS_SPU(fcntl)
SYSCALL(ni_syscall)
SYSCALL_SPU(setpgid)
SYSCALL(ni_syscall)
SYSX(sys_ni_syscall,sys_olduname, sys_olduname)
SYSCALL_SPU(umask)
SYSCALL_SPU(chroot)
COMPAT_SYS(ustat)
SYSCALL_SPU(dup2)
SYSCALL_SPU(getppid)
SYSCALL_SPU(getpgrp)
SYSCALL_SPU(setsid)
SYS32ONLY(sigaction)
SYSCALL_SPU(sgetmask)
SYSCALL_SPU(ssetmask)
SYSCALL_SPU(setreuid)
SYSCALL_SPU(setregid)
#define compat_sys_sigsuspend sys_sigsuspend
SYS32ONLY(sigsuspend)
COMPAT_SYS(sigpending)
SYSCALL_SPU(sethostname)
COMPAT_SYS_SPU(setrlimit)
COMPAT_SYS(old_getrlimit)
COMPAT_SYS_SPU(getrusage)
COMPAT_SYS_SPU(gettimeofday)
COMPAT_SYS_SPU(settimeofday)
SYSCALL_SPU(getgroups)
SYSCALL_SPU(setgroups)
SYSX(sys_ni_syscall,sys_ni_syscall,ppc_select)
SYSCALL_SPU(symlink)
OLDSYS(lstat)
SYSCALL_SPU(readlink)
SYSCALL(uselib)
SYSCALL(swapon)
SYSCALL(reboot)
SYSX(sys_ni_syscall,compat_sys_old_readdir,sys_old_readdir)
SYSCALL_SPU(mmap)
SYSCALL_SPU(munmap)
COMPAT_SYS_SPU(truncate)
COMPAT_SYS_SPU(ftruncate)
SYSCALL_SPU(fchmod)
SYSCALL_SPU(fchown)
SYSCALL_SPU(getpriority)
SYSCALL_SPU(setpriority)
SYSCALL(ni_syscall)
COMPAT_SYS(statfs)
COMPAT_SYS(fstatfs)
SYSCALL(ni_syscall)
COMPAT_SYS_SPU(socketcall)
SYSCALL_SPU(syslog)
COMPAT_SYS_SPU(setitimer)
COMPAT_SYS_SPU(getitimer)
COMPAT_SYS_SPU(newstat)
COMPAT_SYS_SPU(newlstat)
COMPAT_SYS_SPU(newfstat)
SYSX(sys_ni_syscall,sys_uname,sys_uname)
SYSCALL(ni_syscall)
SYSCALL_SPU(vhangup)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
COMPAT_SYS_SPU(wait4)
SYSCALL(swapoff)
COMPAT_SYS_SPU(sysinfo)
COMPAT_SYS(ipc)
SYSCALL_SPU(fsync)
SYS32ONLY(sigreturn)
PPC_SYS(clone)
SYSCALL_SPU(setdomainname)
SYSCALL_SPU(newuname)
SYSCALL(ni_syscall)
COMPAT_SYS_SPU(adjtimex)
SYSCALL_SPU(mprotect)
SYSX(sys_ni_syscall,compat_sys_sigprocmask,sys_sigprocmask)
SYSCALL(ni_syscall)
SYSCALL(init_module)
SYSCALL(delete_module)
SYSCALL(ni_syscall)
SYSCALL(quotactl)
SYSCALL_SPU(getpgid)
SYSCALL_SPU(fchdir)
SYSCALL_SPU(bdflush)
SYSCALL_SPU(sysfs)
SYSX_SPU(ppc64_personality,ppc64_personality,sys_personality)
SYSCALL(ni_syscall)
SYSCALL_SPU(setfsuid)
SYSCALL_SPU(setfsgid)
SYSCALL_SPU(llseek)
COMPAT_SYS_SPU(getdents)
SYSX_SPU(sys_select,ppc32_select,sys_select)
SYSCALL_SPU(flock)
SYSCALL_SPU(msync)
COMPAT_SYS_SPU(readv)
COMPAT_SYS_SPU(writev)
SYSCALL_SPU(getsid)
SYSCALL_SPU(fdatasync)
COMPAT_SYS(sysctl)
SYSCALL_SPU(mlock)
SYSCALL_SPU(munlock)
SYSCALL_SPU(mlockall)
SYSCALL_SPU(munlockall)
SYSCALL_SPU(sched_setparam)
SYSCALL_SPU(sched_getparam)
SYSCALL_SPU(sched_setscheduler)
SYSCALL_SPU(sched_getscheduler)
SYSCALL_SPU(sched_yield)
SYSCALL_SPU(sched_get_priority_max)
SYSCALL_SPU(sched_get_priority_min)
COMPAT_SYS_SPU(sched_rr_get_interval)
COMPAT_SYS_SPU(nanosleep)
SYSCALL_SPU(mremap)
SYSCALL_SPU(setresuid)
SYSCALL_SPU(getresuid)
SYSCALL(ni_syscall)
SYSCALL_SPU(poll)
SYSCALL(ni_syscall)
SYSCALL_SPU(setresgid)
SYSCALL_SPU(getresgid)
SYSCALL_SPU(prctl)
COMPAT_SYS(rt_sigreturn)
COMPAT_SYS(rt_sigaction)
COMPAT_SYS(rt_sigprocmask)
COMPAT_SYS(rt_sigpending)
COMPAT_SYS(rt_sigtimedwait)
COMPAT_SYS(rt_sigqueueinfo)
COMPAT_SYS(rt_sigsuspend)
COMPAT_SYS_SPU(pread64)
COMPAT_SYS_SPU(pwrite64)
SYSCALL_SPU(chown)
SYSCALL_SPU(getcwd)
SYSCALL_SPU(capget)
SYSCALL_SPU(capset)
COMPAT_SYS(sigaltstack)
COMPAT_SYS_SPU(sendfile)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
PPC_SYS(vfork)
COMPAT_SYS_SPU(getrlimit)
COMPAT_SYS_SPU(readahead)
SYS32ONLY(mmap2)
SYS32ONLY(truncate64)
SYS32ONLY(ftruncate64)
SYSX(sys_ni_syscall,sys_stat64,sys_stat64)
SYSX(sys_ni_syscall,sys_lstat64,sys_lstat64)
SYSX(sys_ni_syscall,sys_fstat64,sys_fstat64)
SYSCALL(pciconfig_read)
SYSCALL(pciconfig_write)
SYSCALL(pciconfig_iobase)
SYSCALL(ni_syscall)
SYSCALL_SPU(getdents64)
SYSCALL_SPU(pivot_root)
SYSX(sys_ni_syscall,compat_sys_fcntl64,sys_fcntl64)
SYSCALL_SPU(madvise)
SYSCALL_SPU(mincore)
SYSCALL_SPU(gettid)
SYSCALL_SPU(tkill)
SYSCALL_SPU(setxattr)
SYSCALL_SPU(lsetxattr)
SYSCALL_SPU(fsetxattr)
SYSCALL_SPU(getxattr)
SYSCALL_SPU(lgetxattr)
SYSCALL_SPU(fgetxattr)
SYSCALL_SPU(listxattr)
SYSCALL_SPU(llistxattr)
SYSCALL_SPU(flistxattr)
SYSCALL_SPU(removexattr)
SYSCALL_SPU(lremovexattr)
SYSCALL_SPU(fremovexattr)
COMPAT_SYS_SPU(futex)
COMPAT_SYS_SPU(sched_setaffinity)
COMPAT_SYS_SPU(sched_getaffinity)
SYSCALL(ni_syscall)
SYSCALL(ni_syscall)
SYS32ONLY(sendfile64)
H
commit_release "$R" v3.10 "2013-06-30T00:00:00Z"

export KABI_DB="$T/k.db"
"$KABI" harvest "$R" --progress=none 2>"$T/err"
eq "harvest exits 0" "$?" 0

# class 5: unknown, not yes
eq "span.implemented is NULL where the entry table was not read" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, quote(implemented) FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v3.4' AND syscall IN ('getpmsg', 'tuxcall') ORDER BY 1")" \
	"getpmsg|NULL
tuxcall|NULL"
eq "and span_why says why" \
	"$(sqlite3 "$KABI_DB" "SELECT DISTINCT why FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v3.4'")" \
	"entry table not read: no entries found where this era keeps them"
"$KABI" table --abi powerpc64 --at v3.4 >"$T/out"
ok "table: implemented unknown" grep -qE "^187 +getpmsg +unknown" "$T/out"
ok "table: the footer counts the unknown" grep -q "7 syscalls, 0 implemented, 0 reserved or not implemented, 7 unknown" "$T/out"
eq "table csv: implemented 'unknown', why at the end" \
	"$("$KABI" table --abi powerpc64 --at v3.4 --format csv | awk -F, 'NR == 1 || $2 == "tuxcall"')" \
	"nr,name,entry,compat_entry,implemented,added,removed,private,why
225,tuxcall,,,unknown,<=v3.4,,0,entry table not read: no entries found where this era keeps them"
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

# systbl.h read (v3.10): SYSCALL(ni_syscall) is not implemented, the
# others are, with the compat entry of 32-bit tasks
eq "v3.10: getpmsg and tuxcall are not implemented" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, entry, quote(implemented), quote(why) FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v3.10' AND syscall IN ('getpmsg', 'tuxcall') ORDER BY 1")" \
	"getpmsg|sys_ni_syscall|0|NULL
tuxcall|sys_ni_syscall|0|NULL"
eq "v3.10: read and fork are implemented" \
	"$(sqlite3 "$KABI_DB" "SELECT syscall, entry, implemented FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v3.10' AND syscall IN ('fork', 'read') ORDER BY 1")" \
	"fork|ppc_fork|1
read|sys_read|1"
eq "v3.10: nothing unknown on powerpc64" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE abi = 'powerpc64' AND release = 'v3.10' AND implemented IS NULL")" "0"
"$KABI" check --kernel v3.10 --abi powerpc64 getpmsg tuxcall >"$T/out" 2>&1
eq "check v3.10: getpmsg does not run (exit 1)" "$?" 1
"$KABI" check --kernel v3.10 --abi powerpc64 read fork >/dev/null 2>&1
eq "check v3.10: read and fork run (exit 0)" "$?" 0

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
