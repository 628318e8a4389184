/* The libc map (query/libc_syscalls.c): what glibc 2.36 calls for a wrapper
 * on each ABI.  The expected values below are facts about the kernels'
 * tables and glibc, not copies of the map; the loops check its shape for
 * every ABI and every wrapper. */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "artifact.h"
#include "tap.h"

static const char *got(const char *wrapper, const char *abi)
{
	const kabi_libc_map *m = kabi_libc_lookup(wrapper, abi);

	return m ? m->syscalls : "(none)";
}

/* The first row of a wrapper: what an ABI the map knows nothing about gets. */
static const kabi_libc_map *first_row(const char *wrapper)
{
	size_t i;

	for (i = 0; i < kabi_libc_count(); i++)
		if (strcmp(kabi_libc_row(i)->wrapper, wrapper) == 0)
			return kabi_libc_row(i);
	return NULL;
}

/* "name:role:alt " per syscall, appended to ctx */
static void collect(void *ctx, const char *name, kabi_need_role role, const char *alt)
{
	static const char *const words[] = {"required", "optional", "fallback"};
	char *s = ctx;

	snprintf(s + strlen(s), 512 - strlen(s), "%s:%s:%s ", name, words[role], alt ? alt : "");
}

int main(void)
{
	static const struct {
		const char *wrapper, *abi, *syscalls;
	} facts[] = {
		/* i386, s390 and m68k multiplex sockets through socketcall
		 * until 4.3 (older on s390x); glibc built for 3.2 uses it */
		{"socket", "i386", "socketcall"},
		{"socket", "s390x", "socketcall"},
		{"socket", "x86_64", "socket"},
		{"recv", "x86_64", "recvfrom"},
		{"recvmmsg", "i386", "socketcall"},
		{"recvmmsg", "arm", "recvmmsg_time64>recvmmsg"},
		/* SysV IPC through ipc() before 5.1 on those that had it */
		{"shmget", "powerpc64", "ipc"},
		{"shmget", "x86_64", "shmget"},
		{"semop", "arm64", "semop"},
		/* riscv32 was born with time64 only: no wait4, no 32-bit times */
		{"wait4", "riscv32", "waitid"},
		{"waitpid", "x86_64", "wait4"},
		{"nanosleep", "riscv32", "clock_nanosleep_time64"},
		{"nanosleep", "arm", "clock_nanosleep_time64>clock_nanosleep"},
		{"nanosleep", "x32", "clock_nanosleep"},
		{"poll", "riscv32", "ppoll_time64"},
		/* glibc 2.33+ stat: fstatat64 is newfstatat, fstatat64 or statx */
		{"stat", "x86_64", "newfstatat"},
		{"stat", "arm64", "newfstatat"},
		{"stat", "sparc64", "fstatat64"},
		{"stat", "alpha", "fstatat64"},
		{"stat", "loongarch64", "statx"},
		{"stat", "arm", "statx>fstatat64"},
		{"stat", "mips-n32", "statx>fstatat64"},
		/* fallbacks on ENOSYS ("A>B": A first, then B), glibc 2.36:
		 * faccessat.c tries faccessat2 (5.8) then faccessat; statx.c
		 * tries statx (4.11) then statx_generic.c, i.e. fstatat64();
		 * clone-internal.c tries clone3 (5.3) then clone; riscv32 and
		 * loongarch64 came after 4.11: glibc assumes statx there */
		{"faccessat", "x86_64", "faccessat2>faccessat"},
		{"euidaccess", "arm64", "faccessat2>faccessat"},
		{"statx", "x86_64", "statx>newfstatat"},
		{"statx", "arm64", "statx>newfstatat"},
		{"statx", "sparc64", "statx>fstatat64"},
		{"statx", "i386", "statx>fstatat64"},
		{"statx", "loongarch64", "statx"},
		{"statx", "riscv32", "statx"},
		{"posix_spawn", "x86_64", "clone3>clone execve"},
		{"fexecve", "x86_64", "execveat>execve"},
		{"clock_gettime", "i386", "clock_gettime64>clock_gettime"},
		/* asm-generic has no legacy calls; arm64 keeps renameat,
		 * riscv and loongarch have only renameat2 */
		{"rename", "arm64", "renameat"},
		{"rename", "riscv64", "renameat2"},
		{"rename", "x86_64", "rename"},
		{"renameat", "loongarch64", "renameat2"},
		{"renameat", "mips-o32", "renameat"},
		{"epoll_wait", "arm64", "epoll_pwait"},
		{"epoll_wait", "i386", "epoll_wait"},
		{"dup2", "riscv32", "dup3 fcntl64"},
		/* 32-bit off_t: mmap2, _llseek (llseek in asm-generic), *64 */
		{"mmap", "arm", "mmap2"},
		{"mmap", "mips-n32", "mmap"},
		{"mmap", "x86_64", "mmap"},
		{"lseek", "arm", "_llseek"},
		{"lseek", "riscv32", "llseek"},
		{"lseek", "powerpc64", "lseek"},
		{"ftruncate", "sh", "ftruncate64"},
		/* 16-bit uids in the old calls */
		{"getuid", "i386", "getuid32"},
		{"getuid", "mips-o32", "getuid"},
		{"getuid", "x86_64", "getuid"},
		/* arch quirks */
		{"vfork", "mips-n64", "clone"},
		{"vfork", "arm64", "clone"},
		{"vfork", "x86_64", "vfork"},
		{"vfork", "ia64", "clone2"},
		{"fork", "ia64", "clone2 set_robust_list"},
		{"sync_file_range", "arm", "arm_sync_file_range"},
		{"sync_file_range", "powerpc", "sync_file_range2"},
		{"sync_file_range", "x86_64", "sync_file_range"},
		{"posix_fadvise", "arm-oabi", "arm_fadvise64_64"},
		{"posix_fadvise", "i386", "fadvise64_64"},
		{"posix_fadvise", "x86_64", "fadvise64"},
		{"time", "x86_64", "time"},
		{"time", "i386", "time"},
		{"time", "arm64", "clock_gettime"},
		{"arch_prctl", "x32", "arch_prctl"},
		{"arch_prctl", "arm64", "(none)"},
		{"open", "alpha", "openat"},
		{"syscall", "x86_64", "?"},
	};
	/* what the notation means, token by token */
	static const struct {
		const char *wrapper, *abi, *want;
	} roles[] = {
		{"faccessat", "x86_64", "faccessat2:optional:faccessat faccessat:fallback:faccessat2 "},
		{"stat", "x86_64", "newfstatat:required: "},
		{"pthread_create", "x86_64",
		 "clone3:optional:clone clone:fallback:clone3 mmap:required: mprotect:required: "
		 "rt_sigprocmask:required: set_robust_list:required: rseq:optional: "},
		{"closefrom", "x86_64",
		 "close_range:optional:openat,getdents64,close openat:fallback:close_range "
		 "getdents64:fallback:close_range close:fallback:close_range "},
		{"syscall", "x86_64", "?:required: "},
	};
	size_t i, j, n;
	const kabi_abi_info *abis = kabi_abis(&n);
	int bad;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		char got_[512] = "";

		kabi_libc_syscalls(kabi_libc_lookup(roles[i].wrapper, roles[i].abi), collect, got_);
		OK(strcmp(got_, roles[i].want) == 0, "%s on %s: %s (got '%s')", roles[i].wrapper,
		   roles[i].abi, roles[i].want, got_);
	}
	/* every row: a first choice has a name, no syscall falls back to itself */
	for (j = 0, bad = 0; j < kabi_libc_count(); j++) {
		char all[1024] = "";
		const char *p;

		kabi_libc_syscalls(kabi_libc_row(j), collect, all);
		for (p = kabi_libc_row(j)->syscalls; (p = strchr(p, '>')); p++)
			if (p == kabi_libc_row(j)->syscalls || p[-1] == ' ') {
				OK(0, "row %zu (%s): '>' without a first choice", j,
				   kabi_libc_row(j)->wrapper);
				bad = 1;
			}
		for (p = all; (p = strstr(p, ":optional:")); p++) {
			const char *name = p, *alt = p + strlen(":optional:");

			while (name > all && name[-1] != ' ')
				name--;
			if ((size_t)(p - name) == strcspn(alt, ", ") &&
			    strncmp(name, alt, (size_t)(p - name)) == 0) {
				OK(0, "row %zu (%s): falls back to itself", j, kabi_libc_row(j)->wrapper);
				bad = 1;
			}
		}
	}
	OK(!bad, "every fallback row is well formed");

	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		OK(strcmp(got(facts[i].wrapper, facts[i].abi), facts[i].syscalls) == 0,
		   "%s on %s: %s (got '%s')", facts[i].wrapper, facts[i].abi, facts[i].syscalls,
		   got(facts[i].wrapper, facts[i].abi));

	/* Every ABI an ELF file can have gets an answer for every wrapper
	 * (arch_prctl is x86-64's own); an ABI the map has no facts for, or
	 * none, gets the wrapper's first row. */
	for (i = 0, bad = 0; i < n; i++) {
		for (j = 0; j < kabi_libc_count(); j++) {
			const char *w = kabi_libc_row(j)->wrapper;
			const kabi_libc_map *m = kabi_libc_lookup(w, abis[i].name);

			if (abis[i].elf.machine[0] && !m && strcmp(w, "arch_prctl") != 0) {
				OK(0, "%s on %s: no answer", w, abis[i].name);
				bad = 1;
			}
			if (!abis[i].elf.machine[0] && m != first_row(w)) {
				OK(0, "%s on %s, an ABI with no libc facts: not the first row", w,
				   abis[i].name);
				bad = 1;
			}
			if (m && strcmp(m->wrapper, w) != 0) {
				OK(0, "%s on %s: a row of %s", w, abis[i].name, m->wrapper);
				bad = 1;
			}
		}
	}
	OK(!bad, "every ELF ABI has an answer for every wrapper; the others get the first row");
	OK(kabi_libc_lookup("pthread_create", NULL) == first_row("pthread_create"),
	   "NULL ABI: the first row");
	OK(kabi_libc_lookup("open", "vax") == first_row("open"), "an unknown ABI: the first row");
	OK(kabi_libc_lookup("strcmp_not_a_wrapper", "x86_64") == NULL, "an unknown wrapper");
	return tap_done();
}
