/*
 * go_syscalls.c - where Go's runtime and standard library try a syscall
 * and take another path when the kernel lacks it.
 *
 * A Go binary makes its syscalls itself: the runtime's assembly stubs
 * (runtime.epollcreate1: `mov $291, %eax; syscall`) and the syscall
 * package's wrappers (syscall.Syscall6(SYS_WAITID, ...)).  The ELF reader
 * knows which Go function each syscall site is in (.gopclntab, see
 * artifact_elf_callees.c); a site whose function and number are a row
 * here gets the row's role instead of "required".
 *
 * The table was read in the sources of Go 1.19 as Debian 12 ships them
 * (golang-1.19-src 1.19.8-2, paths below src/) and is applied only to
 * binaries whose build information says go1.19 (runtime.buildVersion in
 * .go.buildinfo); for any other version the reader notes that it counts
 * such a site as required.  A row is keyed by the function that contains
 * the site, so it holds only where every caller of that function takes
 * the fallback: internal packages, the runtime's own stubs, and
 * unexported syscall wrappers whose exported callers fall back
 * themselves.  Numbers are Go's (syscall/zsysnum_linux_{amd64,arm64}.go,
 * internal/syscall/unix/sysnum_linux_{amd64,generic}.go, the #defines of
 * runtime/sys_linux_amd64.s).
 *
 *  - internal/syscall/unix/getrandom.go:21-39 GetRandom: getrandom (:28);
 *    an ENOSYS is remembered and returned (:32-36).  Its one caller, crypto/rand
 *    (rand_getrandom.go:39-47 getRandom, rand_unix.go:56-72 Read), then
 *    opens /dev/urandom with os.Open (syscall.Open: openat) and reads it
 *    (read); any error of getrandom takes that path.
 *  - internal/syscall/unix/copy_file_range_linux.go:12-26 CopyFileRange:
 *    copy_file_range.  Its one caller, internal/poll/copy_file_range_linux.go
 *    (CopyFileRange:54-133), does not try it on kernels before 5.3 (uname,
 *    :58-67) and on ENOSYS (:76-89) reports the copy unhandled; then
 *    os.(*File).ReadFrom (os/file.go:150-163) copies with io.Copy: read
 *    and write.
 *  - os/wait_waitid.go:32-44 (*Process).blockUntilWaitable: waitid; on
 *    ENOSYS it returns false and (*Process).wait (os/exec_unix.go:22-34)
 *    goes on to wait4, which it makes in any case: no fallback needed.
 *  - runtime/netpoll_epoll.go:33-41 netpollinit: epollcreate1, then on
 *    any failure epollcreate (and closeonexec).  On x86_64 the stubs make
 *    epoll_create1 and epoll_create (sys_linux_amd64.s:669-683); on arm64
 *    both make epoll_create1 (sys_linux_arm64.s:765-779): no row there.
 *  - syscall/syscall_linux_arm64.go:141-157 Getrlimit / Setrlimit: the
 *    unexported prlimit (prlimit64), and getrlimit / setrlimit when it
 *    answers ENOSYS (os/rlimit.go:27-30 calls both at start-up).  On
 *    x86_64 Getrlimit and Setrlimit make getrlimit and setrlimit alone.
 *
 * Read and found not to be fallbacks (the syscall stays required):
 *  - syscall.Faccessat (syscall/syscall_linux.go:134-201) makes faccessat
 *    and, with flags, fstatat; Go 1.19 never tries faccessat2 (Go 1.20
 *    does).
 *  - accept4: internal/poll/sock_cloexec.go:16-40 falls back to
 *    syscall.Accept, which on every ABI but arm is accept4 again
 *    (syscall/syscall_linux_accept4.go:12-15); only arm tries accept
 *    (syscall_linux_accept.go:17-24), and arm's Go call sites are not
 *    decoded.
 *  - pipe2 (os/pipe2_unix.go:16, runtime/nbpipe_pipe2.go:9-11,
 *    syscall.Pipe), and internal/poll's splice pipes: no pipe fallback.
 *  - sendfile and splice (internal/poll/sendfile_linux.go,
 *    splice_linux.go): net falls back to read/write when nothing was
 *    sent, but the sites are in syscall.Sendfile / syscall.Splice, which
 *    a program may call itself (and both are 2.6-era).
 *  - fcntl(F_DUPFD_CLOEXEC) then dup (internal/poll/fd_unix.go:696-712)
 *    and madvise(MADV_FREE) then MADV_DONTNEED: a flag the kernel refuses,
 *    not a missing syscall (and fcntl is made elsewhere anyway).
 *  - socket with SOCK_NONBLOCK|SOCK_CLOEXEC (net/sock_cloexec.go:19-25):
 *    an error is returned, no fallback.
 *  - pidfd_*, clone3, statx, openat2, faccessat2: not used by Go 1.19.
 */
#include <string.h>

#include "artifact.h"

// clang-format off
#define OPT KABI_NEED_OPTIONAL
#define FB  KABI_NEED_FALLBACK
static const kabi_go_fallback table[] = {
	{"internal/syscall/unix.GetRandom", "x86_64", 318, "getrandom", OPT, "openat,read",
	 "internal/syscall/unix/getrandom.go:28-36, crypto/rand/rand_unix.go:56-72"},
	{"internal/syscall/unix.GetRandom", "arm64", 278, "getrandom", OPT, "openat,read",
	 "internal/syscall/unix/getrandom.go:28-36, crypto/rand/rand_unix.go:56-72"},
	{"internal/syscall/unix.CopyFileRange", "x86_64", 326, "copy_file_range", OPT, "read,write",
	 "internal/poll/copy_file_range_linux.go:58-89, os/file.go:155-162"},
	{"internal/syscall/unix.CopyFileRange", "arm64", 285, "copy_file_range", OPT, "read,write",
	 "internal/poll/copy_file_range_linux.go:58-89, os/file.go:155-162"},
	{"os.(*Process).blockUntilWaitable", "x86_64", 247, "waitid", OPT, "",
	 "os/wait_waitid.go:42-43"},
	{"os.(*Process).blockUntilWaitable", "arm64", 95, "waitid", OPT, "",
	 "os/wait_waitid.go:42-43"},
	{"runtime.epollcreate1", "x86_64", 291, "epoll_create1", OPT, "epoll_create",
	 "runtime/netpoll_epoll.go:33-35"},
	{"runtime.epollcreate", "x86_64", 213, "epoll_create", FB, "epoll_create1",
	 "runtime/netpoll_epoll.go:33-35"},
	{"syscall.prlimit", "arm64", 261, "prlimit64", OPT, "getrlimit,setrlimit",
	 "syscall/syscall_linux_arm64.go:142-157"},
	{"syscall.getrlimit", "arm64", 163, "getrlimit", FB, "prlimit64",
	 "syscall/syscall_linux_arm64.go:143-147"},
	{"syscall.setrlimit", "arm64", 164, "setrlimit", FB, "prlimit64",
	 "syscall/syscall_linux_arm64.go:152-156"},
};
// clang-format on

int kabi_go_version_known(const char *version)
{
	static const char v[] = KABI_GO_FALLBACK_VERSION;
	size_t n = sizeof(v) - 1;

	/* go1.19 and its point releases, not go1.190 */
	return version && strncmp(version, v, n) == 0 && (version[n] == '\0' || version[n] == '.');
}

/* name without a ".abi0" suffix (the assembly entry's name in .symtab)
 * equals func */
static int same_func(const char *name, const char *func)
{
	size_t n = strlen(name), f = strlen(func);

	if (n > 5 && memcmp(name + n - 5, ".abi0", 5) == 0)
		n -= 5;
	return n == f && memcmp(name, func, n) == 0;
}

const kabi_go_fallback *kabi_go_fallback_find(const char *func, const char *abi, long long nr)
{
	size_t i;

	for (i = 0; i < kabi_go_fallback_count(); i++)
		if (same_func(func, table[i].func) && (!abi || strcmp(abi, table[i].abi) == 0) &&
		    (nr < 0 || nr == table[i].nr))
			return &table[i];
	return NULL;
}

size_t kabi_go_fallback_count(void)
{
	return sizeof(table) / sizeof(table[0]);
}

const kabi_go_fallback *kabi_go_fallback_row(size_t i)
{
	return i < kabi_go_fallback_count() ? &table[i] : NULL;
}
