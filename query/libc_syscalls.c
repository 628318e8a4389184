/*
 * libc_syscalls.c - which syscalls a libc wrapper makes, per ABI.
 *
 * The table describes glibc 2.36 (Debian 12) built with its default minimum
 * kernel (3.2); musl makes the same choices for the common wrappers.  Rows
 * are looked up by wrapper name and ABI, first match wins, so a wrapper has
 * its rows for kinds of ABI first and a catch-all row (ALL) last.  A row
 * names no ABI: it selects by the facts of the ABI's row in the registry
 * (kabi_abi_info.libc, KABI_LIBC_* in db/abi.h), so a new ABI is one row in
 * db/abi.c.
 *
 * The big dividing lines:
 *  - GEN, the asm-generic ABIs (arm64, riscv32/64, loongarch64), have no
 *    open, stat, dup2, poll, select, access, unlink, mkdir, rename,
 *    fork, alarm, epoll_create, inotify_init, ...: glibc uses the *at, *2,
 *    p* and clone forms there.  glibc 2.26+ calls openat for open() on every
 *    ABI, and 2.36 uses pipe2 for pipe and mknodat for mknod everywhere
 *    (these rows were checked against a static Debian 12 x86_64 binary).
 *  - T32, ABIs with a 32-bit time_t in the kernel interface: glibc 2.34+
 *    tries the *_time64 syscall first and falls back to the old one on
 *    ENOSYS ("t64>old"); riscv32 (NO_T32) only has the time64 ones.
 *  - W32, 32-bit off_t ABIs: mmap2, _llseek, fcntl64, truncate64, ...
 *  - UID32: ABIs whose plain getuid & co use 16-bit ids; glibc uses *32.
 *  - SOCKETCALL / IPCCALL: ABIs where glibc, built for kernels older than
 *    4.3 / 5.1, multiplexes sockets / SysV IPC through socketcall / ipc.
 *  - glibc 2.33+ implements stat, fstat and lstat with fstatat64(), which is
 *    newfstatat on most 64-bit ABIs, fstatat64 on a few, statx (the old
 *    syscall as its fallback) on 32-bit time ABIs and statx alone on
 *    loongarch64 and riscv32.
 *
 * Fallbacks: "A>B,C" says glibc tries A first and, when the kernel
 * answers ENOSYS, does the same with B and C; "A>" that it goes on without
 * A.  A program then also runs on a kernel without A (kabi check: "runs
 * with fallbacks").  Only the fallbacks read in glibc 2.36's sources are
 * marked; everything else is required.  In sysdeps/unix/sysv/linux/:
 *  - faccessat.c: faccessat2, then faccessat (flags AT_SYMLINK_NOFOLLOW or
 *    a set-user-ID AT_EACCESS go through fstatat64 instead, which every
 *    kernel with faccessat has); euidaccess and eaccess are faccessat with
 *    AT_EACCESS.
 *  - fstatat64.c: on 32-bit time ABIs statx, then fstatat64 (__ASSUME_STATX
 *    from 4.11: riscv32 and loongarch64 have no fallback); statx.c: the
 *    statx() wrapper, then statx_generic.c, which is fstatat64() above.
 *  - clone-internal.c: clone3, then clone (posix_spawn, system, popen,
 *    pthread_create through __clone_internal; fork calls clone directly).
 *  - the time64 wrappers (clock_nanosleep.c, clock_gettime.c, ppoll.c,
 *    futex-internal.c, ...): on T32 ABIs the *_time64 syscall, then the old
 *    one (no __ASSUME_TIME64_SYSCALLS for a 3.2 minimum kernel).
 *  - fexecve.c: execveat, then execve of /proc/self/fd/N; closefrom.c:
 *    close_range, then closefrom_fallback.c (openat of /proc/self/fd,
 *    getdents64, close); preadv2.c and pwritev2.c: preadv/readv or
 *    pwritev/writev (flags other than 0 then fail with ENOTSUP).
 *  - rseq-internal.h: pthread_create registers the thread's rseq area and
 *    ignores a failure.
 *  Not fallbacks: mlock2 (ENOSYS becomes EINVAL for flags), renameat2 with
 *  flags, copy_file_range, getrandom, pidfd_*, close_range(): ENOSYS
 *  reaches the program.
 *
 * vDSO calls (clock_gettime, gettimeofday, time, getcpu) need no syscall
 * when the vDSO is mapped, but glibc falls back to the syscall when it is
 * not, so the syscall is listed.  "?" marks syscall(): the number is an
 * argument, which the import alone does not tell; the ELF reader finds
 * constant ones at the call sites (artifact_elf_code.c) and still counts
 * the import as unknown, for calls it cannot see (function pointers).
 * "" marks wrappers that make no syscall.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "artifact.h"

/* the kinds of ABI and the map, aligned by hand */
// clang-format off
/* The kinds of ABI a row applies to, from the ABIs' libc facts (KABI_LIBC_*,
 * db/abi.h): a row applies to an ABI that has every flag of `all` and none
 * of `none`. */
#define ALL          0, 0                       /* every ABI */
#define ON(f)        (f), 0                     /* ABIs with every flag of f */
#define ON_NOT(f, g) (f), (g)                   /* ... and none of g */
#define LEG          0, KABI_LIBC_GENERIC       /* the ABIs with legacy calls */
#define GEN          ON(KABI_LIBC_GENERIC)
#define T32          ON(KABI_LIBC_TIME64)
#define NO_T32       ON(KABI_LIBC_NO_TIME32)
#define W32          ON(KABI_LIBC_OFF32)
#define UID32        ON(KABI_LIBC_UID16)
#define SOCKETCALL   ON(KABI_LIBC_SOCKETCALL)
#define IPCCALL      ON(KABI_LIBC_IPCCALL)
#define CLONE2       ON(KABI_LIBC_CLONE2)

typedef struct {
	kabi_libc_map m;
	unsigned all, none;
} row;

#define R(w, abis, s, note)  {{w, s, note}, abis}

/* One syscall with the same name everywhere. */
#define SAME(w, s)           R(w, ALL, s, NULL)
/* Legacy syscall vs its asm-generic replacement. */
#define LEGGEN(w, l, g, n)   R(w, LEG, l, n), R(w, ALL, g, n)
/* time64 first on 32-bit time ABIs. */
#define TIME64(w, t64, old)  R(w, NO_T32, t64, NULL), R(w, T32, t64 ">" old, "time64 first, old syscall on ENOSYS"), R(w, ALL, old, NULL)
/* stat family (prefix p is prepended). */
#define STAT(w, p)                                                                                 \
	R(w, ON(KABI_LIBC_STAT_NEW), p "newfstatat", "glibc 2.33+: stat/fstat/lstat all go through fstatat64"), \
	R(w, ON(KABI_LIBC_STAT_64), p "fstatat64", NULL), R(w, ON(KABI_LIBC_STAT_X), p "statx", NULL), \
	R(w, ALL, p "statx>fstatat64", "statx for 64-bit times, fstatat64 on ENOSYS")
/* statx(): statx_generic() (fstatat64(), as above) on ENOSYS; no fallback where
 * glibc assumes statx (__ASSUME_STATX: kernels from 4.11, ABIs born later). */
#define STATX(w)                                                                                   \
	R(w, ON(KABI_LIBC_STAT_NEW), "statx>newfstatat", "statx_generic on ENOSYS"),                   \
	R(w, ON(KABI_LIBC_STAT_64), "statx>fstatat64", "statx_generic on ENOSYS"),                     \
	R(w, ON(KABI_LIBC_STAT_X), "statx", NULL),                                                     \
	R(w, ALL, "statx>fstatat64", "statx_generic on ENOSYS")
#define MMAP(w, pre, post)   R(w, W32, pre "mmap2" post, NULL), R(w, ALL, pre "mmap" post, NULL)
#define OFF64(w, s)          R(w, W32, s "64", NULL), R(w, ALL, s, NULL)
#define UID(w, s)            R(w, UID32, s "32", "16-bit id syscalls are not used"), R(w, ALL, s, NULL)
#define SOCK(w, s)           R(w, SOCKETCALL, "socketcall", "glibc for kernels before 4.3"), R(w, ALL, s, NULL)
#define IPC(w, s)            R(w, IPCCALL, "ipc", "glibc for kernels before 5.1"), R(w, ALL, s, NULL)
#define WAIT(w)              R(w, NO_T32, "waitid", NULL), R(w, ALL, "wait4", NULL)
#define CLONE(w, more)       R(w, CLONE2, "clone2" more, NULL), R(w, ALL, "clone" more, "fork is clone(SIGCHLD), the child sets its robust list")
#define SPAWN(w, more)       R(w, CLONE2, "clone2" more, NULL), R(w, ALL, "clone3>clone" more, "glibc 2.34+: clone3, clone on ENOSYS")

static const row table[] = {
	/* file I/O */
	SAME("read", "read"), SAME("write", "write"), SAME("__read_chk", "read"),
	SAME("pread", "pread64"), SAME("pread64", "pread64"), SAME("__pread_chk", "pread64"),
	SAME("pwrite", "pwrite64"), SAME("pwrite64", "pwrite64"),
	SAME("readv", "readv"), SAME("writev", "writev"),
	SAME("preadv", "preadv"), SAME("preadv64", "preadv"), SAME("pwritev", "pwritev"),
	SAME("pwritev64", "pwritev"),
	R("preadv2", ALL, "preadv2>preadv,readv", "on ENOSYS flags other than 0 fail with ENOTSUP"),
	R("pwritev2", ALL, "pwritev2>pwritev,writev", "on ENOSYS flags other than 0 fail with ENOTSUP"),
	R("open", ALL, "openat", "glibc 2.26+ implements open with openat on every ABI"),
	SAME("open64", "openat"), SAME("__open_2", "openat"), SAME("__open64_2", "openat"),
	SAME("openat", "openat"), SAME("openat64", "openat"), SAME("__openat_2", "openat"),
	SAME("__openat64_2", "openat"), SAME("fopen", "openat"), SAME("fopen64", "openat"),
	SAME("freopen", "openat close"), SAME("fdopen", "fcntl"),
	LEGGEN("creat", "creat", "openat", NULL), LEGGEN("creat64", "creat", "openat", NULL),
	SAME("close", "close"), SAME("fclose", "close"), SAME("close_range", "close_range"),
	R("closefrom", ALL, "close_range>openat,getdents64,close", "falls back to reading /proc/self/fd"),
	R("lseek", ON(KABI_LIBC_GENERIC | KABI_LIBC_OFF32), "llseek", NULL), R("lseek", W32, "_llseek", NULL), SAME("lseek", "lseek"),
	R("lseek64", ON(KABI_LIBC_GENERIC | KABI_LIBC_OFF32), "llseek", NULL), R("lseek64", W32, "_llseek", NULL), SAME("lseek64", "lseek"),
	SAME("dup", "dup"), R("dup2", ON(KABI_LIBC_GENERIC | KABI_LIBC_OFF32), "dup3 fcntl64", NULL),
	LEGGEN("dup2", "dup2", "dup3 fcntl", "fcntl(F_GETFL) when both fds are equal"),
	SAME("dup3", "dup3"),
	OFF64("fcntl", "fcntl"), OFF64("fcntl64", "fcntl"), SAME("ioctl", "ioctl"),
	R("pipe", ALL, "pipe2", "glibc 2.36 implements pipe with pipe2(fds, 0) (checked on x86_64)"), SAME("pipe2", "pipe2"),
	STAT("stat", ""), STAT("stat64", ""), STAT("lstat", ""), STAT("lstat64", ""),
	STAT("fstat", ""), STAT("fstat64", ""), STAT("fstatat", ""), STAT("fstatat64", ""),
	STAT("__xstat", ""), STAT("__xstat64", ""), STAT("__lxstat", ""), STAT("__lxstat64", ""),
	STAT("__fxstat", ""), STAT("__fxstat64", ""), STAT("__fxstatat", ""),
	STAT("__fxstatat64", ""), STATX("statx"),
	LEGGEN("access", "access", "faccessat", NULL), SAME("faccessat", "faccessat2>faccessat"),
	SAME("euidaccess", "faccessat2>faccessat"), SAME("eaccess", "faccessat2>faccessat"),
	LEGGEN("unlink", "unlink", "unlinkat", NULL), SAME("unlinkat", "unlinkat"),
	LEGGEN("rmdir", "rmdir", "unlinkat", NULL), LEGGEN("remove", "unlink rmdir", "unlinkat", NULL),
	LEGGEN("mkdir", "mkdir", "mkdirat", NULL), SAME("mkdirat", "mkdirat"),
	R("mknod", ALL, "mknodat", "glibc 2.36 implements mknod with mknodat (checked on x86_64)"), SAME("mknodat", "mknodat"),
	SAME("mkfifo", "mknodat"), SAME("mkfifoat", "mknodat"),
	R("rename", ON_NOT(KABI_LIBC_GENERIC, KABI_LIBC_NO_RENAMEAT), "renameat", NULL), LEGGEN("rename", "rename", "renameat2", NULL),
	R("renameat", ON_NOT(0, KABI_LIBC_NO_RENAMEAT), "renameat", NULL), SAME("renameat", "renameat2"),
	SAME("renameat2", "renameat2"),
	LEGGEN("link", "link", "linkat", NULL), SAME("linkat", "linkat"),
	LEGGEN("symlink", "symlink", "symlinkat", NULL), SAME("symlinkat", "symlinkat"),
	LEGGEN("readlink", "readlink", "readlinkat", NULL), SAME("readlinkat", "readlinkat"),
	LEGGEN("chmod", "chmod", "fchmodat", NULL), SAME("fchmod", "fchmod"),
	SAME("fchmodat", "fchmodat"),
	R("chown", UID32, "chown32", NULL), LEGGEN("chown", "chown", "fchownat", NULL),
	R("lchown", UID32, "lchown32", NULL), LEGGEN("lchown", "lchown", "fchownat", NULL),
	UID("fchown", "fchown"), SAME("fchownat", "fchownat"),
	OFF64("truncate", "truncate"), OFF64("truncate64", "truncate"),
	OFF64("ftruncate", "ftruncate"), OFF64("ftruncate64", "ftruncate"),
	SAME("fsync", "fsync"), SAME("fdatasync", "fdatasync"), SAME("sync", "sync"),
	SAME("syncfs", "syncfs"),
	R("sync_file_range", ON(KABI_LIBC_ARM_CALLS), "arm_sync_file_range", NULL),
	R("sync_file_range", ON(KABI_LIBC_SYNC_FILE_RANGE2), "sync_file_range2", NULL),
	SAME("sync_file_range", "sync_file_range"),
	SAME("fallocate", "fallocate"), SAME("fallocate64", "fallocate"),
	SAME("posix_fallocate", "fallocate"), SAME("posix_fallocate64", "fallocate"),
	R("posix_fadvise", ON(KABI_LIBC_ARM_CALLS), "arm_fadvise64_64", NULL),
	R("posix_fadvise", W32, "fadvise64_64", NULL), SAME("posix_fadvise", "fadvise64"),
	R("posix_fadvise64", ON(KABI_LIBC_ARM_CALLS), "arm_fadvise64_64", NULL),
	R("posix_fadvise64", W32, "fadvise64_64", NULL), SAME("posix_fadvise64", "fadvise64"),
	SAME("readahead", "readahead"),
	SAME("getdents", "getdents64"), SAME("getdents64", "getdents64"),
	SAME("readdir", "getdents64"), SAME("readdir64", "getdents64"),
	SAME("readdir_r", "getdents64"), SAME("readdir64_r", "getdents64"),
	STAT("opendir", "openat "), STAT("fdopendir", "fcntl "), SAME("closedir", "close"),
	STAT("scandir", "openat getdents64 close "), STAT("scandir64", "openat getdents64 close "),
	SAME("chdir", "chdir"), SAME("fchdir", "fchdir"), SAME("getcwd", "getcwd"),
	SAME("umask", "umask"), SAME("chroot", "chroot"),
	TIME64("utimensat", "utimensat_time64", "utimensat"),
	TIME64("futimens", "utimensat_time64", "utimensat"),
	TIME64("utime", "utimensat_time64", "utimensat"),
	TIME64("utimes", "utimensat_time64", "utimensat"),
	TIME64("futimes", "utimensat_time64", "utimensat"),
	TIME64("lutimes", "utimensat_time64", "utimensat"),
	OFF64("statfs", "statfs"), OFF64("statfs64", "statfs"), OFF64("fstatfs", "fstatfs"),
	OFF64("fstatfs64", "fstatfs"), OFF64("statvfs", "statfs"), OFF64("fstatvfs", "fstatfs"),
	OFF64("sendfile", "sendfile"), OFF64("sendfile64", "sendfile"),
	SAME("splice", "splice"), SAME("tee", "tee"), SAME("vmsplice", "vmsplice"),
	SAME("copy_file_range", "copy_file_range"), SAME("memfd_create", "memfd_create"),
	SAME("flock", "flock"),
	SAME("setxattr", "setxattr"), SAME("lsetxattr", "lsetxattr"), SAME("fsetxattr", "fsetxattr"),
	SAME("getxattr", "getxattr"), SAME("lgetxattr", "lgetxattr"), SAME("fgetxattr", "fgetxattr"),
	SAME("listxattr", "listxattr"), SAME("llistxattr", "llistxattr"),
	SAME("flistxattr", "flistxattr"), SAME("removexattr", "removexattr"),
	SAME("lremovexattr", "lremovexattr"), SAME("fremovexattr", "fremovexattr"),
	SAME("name_to_handle_at", "name_to_handle_at"),
	SAME("open_by_handle_at", "open_by_handle_at"),
	SAME("fanotify_init", "fanotify_init"), SAME("fanotify_mark", "fanotify_mark"),
	LEGGEN("inotify_init", "inotify_init", "inotify_init1", NULL),
	SAME("inotify_init1", "inotify_init1"), SAME("inotify_add_watch", "inotify_add_watch"),
	SAME("inotify_rm_watch", "inotify_rm_watch"),

	/* memory */
	MMAP("mmap", "", ""), MMAP("mmap64", "", ""), SAME("munmap", "munmap"),
	SAME("mprotect", "mprotect"), SAME("mremap", "mremap"), SAME("madvise", "madvise"),
	SAME("posix_madvise", "madvise"), SAME("msync", "msync"), SAME("mlock", "mlock"),
	SAME("mlock2", "mlock2"), SAME("munlock", "munlock"), SAME("mlockall", "mlockall"),
	SAME("munlockall", "munlockall"), SAME("mincore", "mincore"), SAME("brk", "brk"),
	SAME("sbrk", "brk"), MMAP("malloc", "brk ", " munmap"), MMAP("calloc", "brk ", " munmap"),
	MMAP("realloc", "brk ", " mremap munmap"), SAME("pkey_alloc", "pkey_alloc"),
	SAME("pkey_free", "pkey_free"), SAME("pkey_mprotect", "pkey_mprotect"),
	SAME("process_vm_readv", "process_vm_readv"),
	SAME("process_vm_writev", "process_vm_writev"),
	SAME("process_madvise", "process_madvise"), SAME("process_mrelease", "process_mrelease"),

	/* processes */
	CLONE("fork", " set_robust_list"), CLONE("_Fork", " set_robust_list"),
	CLONE("__libc_fork", " set_robust_list"),
	R("vfork", CLONE2, "clone2", NULL), R("vfork", GEN, "clone", NULL),
	R("vfork", ON(KABI_LIBC_NO_VFORK), "clone", NULL),
	SAME("vfork", "vfork"),
	SAME("execve", "execve"), SAME("execv", "execve"), SAME("execvp", "execve"),
	SAME("execvpe", "execve"), SAME("execl", "execve"), SAME("execle", "execve"),
	SAME("execlp", "execve"), R("fexecve", ALL, "execveat>execve", "execve of /proc/self/fd/N on ENOSYS"),
	SAME("execveat", "execveat"),
	SPAWN("posix_spawn", " execve"), SPAWN("posix_spawnp", " execve"),
	SPAWN("system", " execve wait4 rt_sigaction rt_sigprocmask"),
	SPAWN("popen", " pipe2 execve"), WAIT("pclose"),
	WAIT("wait"), WAIT("waitpid"), WAIT("wait3"), WAIT("wait4"), SAME("waitid", "waitid"),
	R("_exit", ALL, "exit_group", NULL), SAME("_Exit", "exit_group"),
	R("exit", ALL, "exit_group", "after atexit handlers and stdio flushing"),
	SAME("getpid", "getpid"), SAME("getppid", "getppid"), SAME("gettid", "gettid"),
	UID("getuid", "getuid"), UID("geteuid", "geteuid"), UID("getgid", "getgid"),
	UID("getegid", "getegid"),
	UID("setuid", "setuid"), UID("setgid", "setgid"), UID("seteuid", "setresuid"),
	UID("setegid", "setresgid"), UID("setreuid", "setreuid"), UID("setregid", "setregid"),
	UID("setresuid", "setresuid"), UID("setresgid", "setresgid"),
	UID("getresuid", "getresuid"), UID("getresgid", "getresgid"),
	UID("getgroups", "getgroups"), UID("setgroups", "setgroups"),
	SAME("setfsuid", "setfsuid"), SAME("setfsgid", "setfsgid"),
	SAME("getpgid", "getpgid"), SAME("setpgid", "setpgid"), SAME("getsid", "getsid"),
	SAME("setsid", "setsid"), LEGGEN("getpgrp", "getpgrp", "getpgid", NULL),
	SAME("setpgrp", "setpgid"),
	SAME("getpriority", "getpriority"), SAME("setpriority", "setpriority"),
	SAME("nice", "getpriority setpriority"),
	SAME("getrlimit", "prlimit64"), SAME("getrlimit64", "prlimit64"),
	SAME("setrlimit", "prlimit64"), SAME("setrlimit64", "prlimit64"),
	SAME("prlimit", "prlimit64"), SAME("prlimit64", "prlimit64"),
	SAME("getrusage", "getrusage"), SAME("times", "times"),
	SAME("prctl", "prctl"), R("arch_prctl", ON(KABI_LIBC_ARCH_PRCTL), "arch_prctl", NULL),
	SAME("personality", "personality"), SAME("ptrace", "ptrace"),
	SAME("capget", "capget"), SAME("capset", "capset"), SAME("unshare", "unshare"),
	SAME("setns", "setns"),
	SAME("sched_yield", "sched_yield"), SAME("sched_setaffinity", "sched_setaffinity"),
	SAME("sched_getaffinity", "sched_getaffinity"),
	SAME("sched_setscheduler", "sched_setscheduler"),
	SAME("sched_getscheduler", "sched_getscheduler"),
	SAME("sched_setparam", "sched_setparam"), SAME("sched_getparam", "sched_getparam"),
	SAME("sched_get_priority_max", "sched_get_priority_max"),
	SAME("sched_get_priority_min", "sched_get_priority_min"),
	TIME64("sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_rr_get_interval"),
	R("sched_getcpu", ALL, "getcpu", "vDSO first where there is one"), SAME("getcpu", "getcpu"),
	SAME("pidfd_open", "pidfd_open"), SAME("pidfd_getfd", "pidfd_getfd"),
	SAME("pidfd_send_signal", "pidfd_send_signal"),

	/* signals */
	SAME("kill", "kill"), SAME("killpg", "kill"), SAME("tgkill", "tgkill"),
	R("raise", ALL, "rt_sigprocmask getpid gettid tgkill", "glibc 2.34+ pthread_kill path"),
	SAME("abort", "rt_sigprocmask rt_sigaction getpid gettid tgkill"),
	SAME("pthread_kill", "getpid tgkill"), SAME("sigqueue", "rt_sigqueueinfo"),
	SAME("signal", "rt_sigaction"), SAME("sigaction", "rt_sigaction"),
	SAME("__sigaction", "rt_sigaction"), SAME("bsd_signal", "rt_sigaction"),
	SAME("sysv_signal", "rt_sigaction"), SAME("__sysv_signal", "rt_sigaction"),
	SAME("sigprocmask", "rt_sigprocmask"), SAME("pthread_sigmask", "rt_sigprocmask"),
	SAME("sigsuspend", "rt_sigsuspend"), SAME("sigpending", "rt_sigpending"),
	TIME64("sigwait", "rt_sigtimedwait_time64", "rt_sigtimedwait"),
	TIME64("sigwaitinfo", "rt_sigtimedwait_time64", "rt_sigtimedwait"),
	TIME64("sigtimedwait", "rt_sigtimedwait_time64", "rt_sigtimedwait"),
	SAME("sigaltstack", "sigaltstack"), LEGGEN("pause", "pause", "rt_sigsuspend", NULL),
	SAME("signalfd", "signalfd4"),

	/* time */
	TIME64("nanosleep", "clock_nanosleep_time64", "clock_nanosleep"),
	TIME64("clock_nanosleep", "clock_nanosleep_time64", "clock_nanosleep"),
	TIME64("sleep", "clock_nanosleep_time64", "clock_nanosleep"),
	TIME64("usleep", "clock_nanosleep_time64", "clock_nanosleep"),
	R("clock_gettime", NO_T32, "clock_gettime64", "vDSO first"),
	R("clock_gettime", T32, "clock_gettime64>clock_gettime", "vDSO first"),
	R("clock_gettime", ALL, "clock_gettime", "vDSO first, the syscall without a vDSO"),
	TIME64("clock_getres", "clock_getres_time64", "clock_getres"),
	TIME64("clock_settime", "clock_settime64", "clock_settime"),
	TIME64("clock_adjtime", "clock_adjtime64", "clock_adjtime"),
	R("gettimeofday", T32, "clock_gettime64>clock_gettime", "vDSO first"),
	R("gettimeofday", ALL, "gettimeofday", "vDSO first, the syscall without a vDSO"),
	R("time", ON(KABI_LIBC_TIME_CALL), "time", "vDSO first, the syscall without a vDSO"),
	R("time", NO_T32, "clock_gettime64", NULL),
	R("time", T32, "clock_gettime64>clock_gettime", NULL),
	R("time", ALL, "clock_gettime", "vDSO first"),
	TIME64("settimeofday", "clock_settime64", "settimeofday"),
	LEGGEN("alarm", "alarm", "setitimer", NULL),
	SAME("setitimer", "setitimer"), SAME("getitimer", "getitimer"),
	SAME("timer_create", "timer_create"), SAME("timer_delete", "timer_delete"),
	TIME64("timer_settime", "timer_settime64", "timer_settime"),
	TIME64("timer_gettime", "timer_gettime64", "timer_gettime"),
	SAME("timer_getoverrun", "timer_getoverrun"),
	SAME("timerfd_create", "timerfd_create"),
	TIME64("timerfd_settime", "timerfd_settime64", "timerfd_settime"),
	TIME64("timerfd_gettime", "timerfd_gettime64", "timerfd_gettime"),
	SAME("adjtimex", "clock_adjtime"), SAME("ntp_adjtime", "clock_adjtime"),

	/* polling and events */
	R("poll", NO_T32, "ppoll_time64", NULL), LEGGEN("poll", "poll", "ppoll", NULL),
	TIME64("ppoll", "ppoll_time64", "ppoll"),
	R("select", T32, "pselect6_time64>pselect6", NULL),
	R("select", ALL, "pselect6", "glibc 2.33+ implements select with pselect6"),
	TIME64("pselect", "pselect6_time64", "pselect6"),
	LEGGEN("epoll_create", "epoll_create", "epoll_create1", NULL),
	SAME("epoll_create1", "epoll_create1"), SAME("epoll_ctl", "epoll_ctl"),
	LEGGEN("epoll_wait", "epoll_wait", "epoll_pwait", NULL), SAME("epoll_pwait", "epoll_pwait"),
	SAME("epoll_pwait2", "epoll_pwait2"), SAME("eventfd", "eventfd2"),
	TIME64("pthread_mutex_lock", "futex_time64", "futex"),
	SAME("pthread_mutex_unlock", "futex"), SAME("pthread_cond_signal", "futex"),
	SAME("pthread_cond_broadcast", "futex"),
	TIME64("pthread_cond_wait", "futex_time64", "futex"),
	TIME64("pthread_cond_timedwait", "futex_time64", "futex"),
	TIME64("pthread_join", "futex_time64", "futex"), TIME64("sem_wait", "futex_time64", "futex"),
	TIME64("sem_timedwait", "futex_time64", "futex"), SAME("sem_post", "futex"),
	TIME64("pthread_rwlock_rdlock", "futex_time64", "futex"),
	TIME64("pthread_rwlock_wrlock", "futex_time64", "futex"),
	SAME("pthread_once", "futex"),

	/* threads */
	R("pthread_create", CLONE2, "clone2 mmap mprotect rt_sigprocmask set_robust_list rseq>", NULL),
	R("pthread_create", W32, "clone3>clone mmap2 mprotect rt_sigprocmask set_robust_list rseq>",
	 NULL),
	R("pthread_create", ALL, "clone3>clone mmap mprotect rt_sigprocmask set_robust_list rseq>",
	 "glibc 2.34+: clone3, clone on ENOSYS; 2.35+ registers rseq in the thread, ignoring a failure"),
	R("pthread_exit", ALL, "exit munmap madvise", NULL),
	SAME("pthread_setaffinity_np", "sched_setaffinity"),
	SAME("pthread_getaffinity_np", "sched_getaffinity"),
	SAME("pthread_setname_np", "openat write close"),

	/* sockets */
	SOCK("socket", "socket"), SOCK("socketpair", "socketpair"), SOCK("bind", "bind"),
	SOCK("connect", "connect"), SOCK("listen", "listen"), SOCK("accept", "accept"),
	SOCK("accept4", "accept4"), SOCK("getsockname", "getsockname"),
	SOCK("getpeername", "getpeername"), SOCK("getsockopt", "getsockopt"),
	SOCK("setsockopt", "setsockopt"), SOCK("shutdown", "shutdown"),
	R("recv", SOCKETCALL, "socketcall", NULL), R("recv", ALL, "recvfrom", "no recv syscall used"),
	R("send", SOCKETCALL, "socketcall", NULL), R("send", ALL, "sendto", "no send syscall used"),
	SOCK("recvfrom", "recvfrom"), SOCK("sendto", "sendto"), SOCK("recvmsg", "recvmsg"),
	SOCK("sendmsg", "sendmsg"), SOCK("sendmmsg", "sendmmsg"),
	R("recvmmsg", NO_T32, "recvmmsg_time64", NULL),
	R("recvmmsg", ON_NOT(KABI_LIBC_TIME64, KABI_LIBC_SOCKETCALL), "recvmmsg_time64>recvmmsg", NULL),
	SOCK("recvmmsg", "recvmmsg"),
	R("getaddrinfo", ALL, "socket connect sendto sendmmsg recvfrom poll openat read close",
	 "NSS: files and DNS; other NSS modules may need more"),
	R("gethostbyname", ALL, "socket connect sendto recvfrom poll openat read close", NULL),

	/* SysV and POSIX IPC */
	IPC("shmget", "shmget"), IPC("shmat", "shmat"), IPC("shmdt", "shmdt"),
	IPC("shmctl", "shmctl"), IPC("semget", "semget"), IPC("semop", "semop"),
	IPC("semctl", "semctl"), IPC("semtimedop", "semtimedop"), IPC("msgget", "msgget"),
	IPC("msgsnd", "msgsnd"), IPC("msgrcv", "msgrcv"), IPC("msgctl", "msgctl"),
	SAME("mq_open", "mq_open"), SAME("mq_unlink", "mq_unlink"), SAME("mq_notify", "mq_notify"),
	SAME("mq_getattr", "mq_getsetattr"), SAME("mq_setattr", "mq_getsetattr"),
	TIME64("mq_send", "mq_timedsend_time64", "mq_timedsend"),
	TIME64("mq_timedsend", "mq_timedsend_time64", "mq_timedsend"),
	TIME64("mq_receive", "mq_timedreceive_time64", "mq_timedreceive"),
	TIME64("mq_timedreceive", "mq_timedreceive_time64", "mq_timedreceive"),
	R("shm_open", ALL, "openat", "a file in /dev/shm"), SAME("shm_unlink", "unlinkat"),

	/* system */
	SAME("uname", "uname"), SAME("sysinfo", "sysinfo"), SAME("gethostname", "uname"),
	SAME("sethostname", "sethostname"), SAME("setdomainname", "setdomainname"),
	SAME("getrandom", "getrandom"), SAME("getentropy", "getrandom"),
	SAME("mount", "mount"), SAME("umount", "umount2"), SAME("umount2", "umount2"),
	SAME("fsopen", "fsopen"), SAME("fsmount", "fsmount"), SAME("fsconfig", "fsconfig"),
	SAME("move_mount", "move_mount"), SAME("fspick", "fspick"), SAME("open_tree", "open_tree"),
	SAME("mount_setattr", "mount_setattr"),
	SAME("swapon", "swapon"), SAME("swapoff", "swapoff"), SAME("reboot", "reboot"),
	SAME("acct", "acct"), SAME("klogctl", "syslog"), SAME("init_module", "init_module"),
	SAME("delete_module", "delete_module"), SAME("quotactl", "quotactl"),
	SAME("isatty", "ioctl"), SAME("tcgetattr", "ioctl"), SAME("tcsetattr", "ioctl"),
	SAME("ttyname", "ioctl readlink"), SAME("posix_openpt", "openat"),
	SAME("sysconf", "sched_getaffinity openat read close"),

	R("syscall", ALL, "?", "raw syscall(): the number is an argument (constant ones: call sites)"),
	R("strlen", ALL, "", "pure libc, no syscall"), R("memcpy", ALL, "", "pure libc, no syscall"),
	STAT("printf", "write "), STAT("puts", "write "), STAT("fwrite", "write "),
	STAT("fputs", "write "), STAT("fflush", "write "),
};
// clang-format on

/* An ABI without libc facts (or none, or an unknown one) gets a wrapper's
 * first row. */
const kabi_libc_map *kabi_libc_lookup(const char *wrapper, const char *abi)
{
	const kabi_abi_info *a = abi ? kabi_abi_find(abi) : NULL;
	unsigned facts = a ? a->libc : 0;
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].m.wrapper, wrapper) != 0)
			continue;
		if (!facts || ((facts & table[i].all) == table[i].all && !(facts & table[i].none)))
			return &table[i].m;
	}
	return NULL;
}

size_t kabi_libc_count(void)
{
	return sizeof(table) / sizeof(table[0]);
}

const kabi_libc_map *kabi_libc_row(size_t i)
{
	return i < kabi_libc_count() ? &table[i].m : NULL;
}

void kabi_libc_syscalls(const kabi_libc_map *m, kabi_libc_fn fn, void *ctx)
{
	char tok[256], first[256];
	const char *p = m->syscalls, *q;

	for (;;) {
		char *gt, *s, *comma;
		size_t n;

		while (*p == ' ')
			p++;
		for (q = p; *q && *q != ' '; q++)
			;
		if (q == p)
			break;
		n = (size_t)(q - p) < sizeof(tok) ? (size_t)(q - p) : sizeof(tok) - 1;
		memcpy(tok, p, n);
		tok[n] = '\0';
		p = q;
		if (!(gt = strchr(tok, '>'))) {
			fn(ctx, tok, KABI_NEED_REQUIRED, NULL);
			continue;
		}
		*gt = '\0';
		snprintf(first, sizeof(first), "%s", tok);
		fn(ctx, first, KABI_NEED_OPTIONAL, gt + 1);
		for (s = gt + 1; *s; s = comma ? comma + 1 : s + strlen(s)) {
			if ((comma = strchr(s, ',')))
				*comma = '\0';
			if (*s)
				fn(ctx, s, KABI_NEED_FALLBACK, first);
		}
	}
}
