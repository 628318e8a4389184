#!/bin/bash
# Header-era answers that were wrong on old releases (issue 16), harvested
# end to end from a small repository in the shapes of the real files:
#
#   v2.6.32  m68k keeps a retired number in a comment ("#define __NR_idle
#            /* 112 */ Obsolete"): no row, and the harvest says so;
#            parisc numbers HP-UX's syscalls in the same header as Linux's
#            (__NR_HPUX_exit 1 beside __NR_exit (__NR_Linux + 1)): not rows
#   v4.19    riscv has only arch/riscv/include/asm/unistd.h, which includes
#            <uapi/asm/unistd.h>: Kbuild's generic-y wrapper of asm-generic's;
#            openrisc's or1k_atomic is __NR_arch_specific_syscall (244)
#   v5.0     riscv gets arch/riscv/include/uapi/asm/unistd.h, same numbers:
#            no event
. "$(dirname "$0")/../lib/testlib.sh"
have sqlite3 || skip "no sqlite3"
dir=$T/repo
mkdir -p "$dir"
git -C "$dir" init -q
. "$KABI_SRC/tests/lib/commit.sh"
put() { mkdir -p "$dir/$(dirname "$1")"; cat >"$dir/$1"; }
makefile() { printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = 0\nEXTRAVERSION =\n' "$1" "$2" >"$dir/Makefile"; }

put arch/m68k/include/asm/unistd.h <<'EOF'
#ifndef _ASM_M68K_UNISTD_H_
#define _ASM_M68K_UNISTD_H_

/*
 * This file contains the system call numbers.
 */

#define __NR_restart_syscall	  0
#define __NR_exit		  1
#define __NR_vhangup		111
#define __NR_idle		/* 112 */ Obsolete
#define __NR_vm86		113
#define __NR_wait4		114

#endif /* _ASM_M68K_UNISTD_H_ */
EOF
put arch/parisc/include/asm/unistd.h <<'EOF'
#ifndef _ASM_PARISC_UNISTD_H_
#define _ASM_PARISC_UNISTD_H_

/*
 *   HP-UX system calls get their native numbers for binary compatibility.
 */

#define __NR_HPUX_exit                    1
#define __NR_HPUX_fork                    2
#define __NR_HPUX_read                    3
#define __NR_HPUX_getpmsg               317

#define __NR_HPUX_syscalls		512

/*
 * Linux system call numbers.
 */

#define __NR_Linux                0
#define __NR_restart_syscall      (__NR_Linux + 0)
#define __NR_exit                 (__NR_Linux + 1)
#define __NR_fork                 (__NR_Linux + 2)
#define __NR_read                 (__NR_Linux + 3)

#define __NR_Linux_syscalls       (__NR_read + 1)

#endif /* _ASM_PARISC_UNISTD_H_ */
EOF
makefile 2 6
commit_release "$dir" v2.6.32 "2009-12-03T12:00:00"

put include/uapi/asm-generic/unistd.h <<'EOF'
#include <asm/bitsperlong.h>

#ifndef __SYSCALL
#define __SYSCALL(x, y)
#endif

#if __BITS_PER_LONG == 32 || defined(__SYSCALL_COMPAT)
#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _32)
#else
#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _64)
#endif

#ifdef __SYSCALL_COMPAT
#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _comp)
#define __SC_COMP_3264(_nr, _32, _64, _comp) __SYSCALL(_nr, _comp)
#else
#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _sys)
#define __SC_COMP_3264(_nr, _32, _64, _comp) __SC_3264(_nr, _32, _64)
#endif

#define __NR_io_setup 0
__SC_COMP(__NR_io_setup, sys_io_setup, compat_sys_io_setup)
#define __NR3264_fcntl 25
__SC_COMP_3264(__NR3264_fcntl, sys_fcntl64, sys_fcntl, compat_sys_fcntl64)
#define __NR_exit 93
__SYSCALL(__NR_exit, sys_exit)

#define __NR_arch_specific_syscall 244

#undef __NR_syscalls
#define __NR_syscalls 292

#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)
#define __NR_fcntl __NR3264_fcntl
#else
#define __NR_fcntl64 __NR3264_fcntl
#endif
EOF
put include/uapi/asm-generic/bitsperlong.h <<'EOF'
#ifndef _UAPI__ASM_GENERIC_BITS_PER_LONG
#define _UAPI__ASM_GENERIC_BITS_PER_LONG
#ifndef __BITS_PER_LONG
#define __BITS_PER_LONG 32
#endif
#endif
EOF
put include/uapi/asm-generic/Kbuild.asm <<'EOF'
#
# Headers that are optional in usr/include/asm/
#
opt-header += kvm.h

#
# Headers that are mandatory in usr/include/asm/
#
mandatory-y += bitsperlong.h
mandatory-y += unistd.h
EOF
put arch/riscv/include/asm/unistd.h <<'EOF'
/*
 * There is explicitly no include guard here because this file is expected to
 * be included multiple times.  See uapi/asm/syscalls.h for more info.
 */

#define __ARCH_WANT_SYS_CLONE
#include <uapi/asm/unistd.h>
#include <uapi/asm/syscalls.h>
EOF
put arch/riscv/include/uapi/asm/syscalls.h <<'EOF'
/*
 * Allows the instruction cache to be flushed from userspace.  Despite RISC-V
 * having a direct 'fence.i' instruction available to userspace (which we
 * can't trap!), that's not actually viable when running on Linux because the
 * kernel might schedule a process on another hart.
 */
#ifndef __NR_riscv_flush_icache
#define __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15)
#endif
__SYSCALL(__NR_riscv_flush_icache, sys_riscv_flush_icache)
EOF
put arch/riscv/include/uapi/asm/bitsperlong.h <<'EOF'
#ifndef _UAPI_ASM_RISCV_BITSPERLONG_H
#define _UAPI_ASM_RISCV_BITSPERLONG_H

#define __BITS_PER_LONG (__SIZEOF_POINTER__ * 8)

#include <asm-generic/bitsperlong.h>

#endif /* _UAPI_ASM_RISCV_BITSPERLONG_H */
EOF
put arch/riscv/include/uapi/asm/Kbuild <<'EOF'
# UAPI Header export list
include include/uapi/asm-generic/Kbuild.asm

generic-y += setup.h
generic-y += unistd.h
generic-y += bpf_perf_event.h
EOF
put arch/openrisc/include/uapi/asm/unistd.h <<'EOF'
#define sys_mmap2 sys_mmap_pgoff

#define __ARCH_WANT_RENAMEAT
#define __ARCH_WANT_SYS_FORK
#define __ARCH_WANT_SYS_CLONE

#include <asm-generic/unistd.h>

#define __NR_or1k_atomic __NR_arch_specific_syscall
__SYSCALL(__NR_or1k_atomic, sys_or1k_atomic)
EOF
makefile 4 19
commit_release "$dir" v4.19 "2018-10-22T12:00:00"

put arch/riscv/include/uapi/asm/unistd.h <<'EOF'
#ifdef __LP64__
#define __ARCH_WANT_NEW_STAT
#endif /* __LP64__ */

#include <asm-generic/unistd.h>

/*
 * Allows the instruction cache to be flushed from userspace.
 */
#ifndef __NR_riscv_flush_icache
#define __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15)
#endif
__SYSCALL(__NR_riscv_flush_icache, sys_riscv_flush_icache)
EOF
put arch/riscv/include/asm/unistd.h <<'EOF'
#define __ARCH_WANT_SYS_CLONE
#include <uapi/asm/unistd.h>
EOF
rm "$dir/arch/riscv/include/uapi/asm/syscalls.h"
sed -i '/generic-y += unistd.h/d' "$dir/arch/riscv/include/uapi/asm/Kbuild"
makefile 5 0
commit_release "$dir" v5.0 "2019-03-03T12:00:00"

export KABI_DB=$T/k.db
"$KABI" harvest "$dir" --progress=none >"$T/out" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "the one note: a define with no number, where it is" "$(grep -v "^kabi: harvested" "$T/err")" \
	"kabi: note: v2.6.32: arch/m68k/include/asm/unistd.h:11: __NR_idle is defined as 'Obsolete', not a number (define skipped)"
q() { sqlite3 -separator ' ' "$KABI_DB" "$1"; }
rows() { # rows ABI RELEASE: "name nr entry" of the ABI's table at the release
	q "SELECT s.name, sp.nr, sp.entry FROM span sp JOIN abi a ON a.id = sp.abi_id
	   JOIN syscall s ON s.id = sp.syscall_id JOIN release r ON r.name = '$2'
	   WHERE a.name = '$1' AND sp.first_ord <= r.ord AND sp.last_ord >= r.ord ORDER BY sp.nr, s.name"
}

eq "m68k v2.6.32: no idle at 0 (or anywhere)" "$(rows m68k v2.6.32)" "restart_syscall 0 
exit 1 
vhangup 111 
vm86 113 
wait4 114 "
eq "parisc v2.6.32: Linux's numbers only" "$(rows parisc v2.6.32)" "restart_syscall 0 
exit 1 
fork 2 
read 3 "
eq "parisc64 v2.6.32: Linux's numbers only" "$(rows parisc64 v2.6.32 | wc -l)" 4
eq "riscv64 v4.19: asm/unistd.h through Kbuild's generic-y" \
	"$(q "SELECT ar.path FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord
	      WHERE a.name = 'riscv64' ORDER BY r.ord")" \
	"arch/riscv/include/asm/unistd.h
arch/riscv/include/uapi/asm/unistd.h"
eq "riscv64 v4.19 table" "$(rows riscv64 v4.19)" "io_setup 0 sys_io_setup
fcntl 25 sys_fcntl
exit 93 sys_exit
riscv_flush_icache 259 sys_riscv_flush_icache"
eq "riscv32 v4.19: the 32-bit names" "$(rows riscv32 v4.19 | grep fcntl)" "fcntl64 25 sys_fcntl64"
eq "openrisc v4.19: or1k_atomic at 244" "$(rows openrisc v4.19 | grep or1k)" "or1k_atomic 244 sys_or1k_atomic"
eq "no event on riscv at v5.0 (uapi/asm/unistd.h is the arch's own now)" \
	"$(q "SELECT count(*) FROM event e JOIN abi a ON a.id = e.abi_id JOIN release r ON r.ord = e.ord
	      WHERE a.name IN ('riscv64', 'riscv32') AND r.name = 'v5.0'")" 0
finish
