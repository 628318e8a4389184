/*
 * abi.h - the ABI registry.
 *
 * Data: adding an architecture is adding a row, not a branch.  An ABI is a
 * numbering namespace (x86_64, x32, mips-o32 ...).  Where each era of the
 * kernel keeps an ABI's table is harvest/layout.h.
 */
#ifndef KABI_ABI_H
#define KABI_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Bases that are part of an ABI's numbers. */
#define KABI_X32_BIT       0x40000000LL /* __X32_SYSCALL_BIT */
#define KABI_ARM_OABI_BASE 0x900000LL   /* __NR_OABI_SYSCALL_BASE */

/* What an ELF header says about the ABI its code was built for: the
 * e_machine values (0 ends the list), the class (0: either, 32, 64) and
 * e_flags & flags_mask == flags_value.  Where several rows match one file,
 * the one with the widest flags_mask wins (arm-oabi over arm for flags 0). */
typedef struct {
	uint16_t machine[3];
	uint8_t class;
	uint32_t flags_mask, flags_value;
} kabi_elf_id;

/*
 * One ABI and everything a reader needs to know about it: adding an ABI is
 * adding one row (db/abi.c); harvest/layout.c then says where its tables are.
 */
typedef struct {
	const char *name; /* "x86_64" */
	const char *arch; /* kernel arch directory: "x86" */
	int bits;         /* word size of the ABI's user space */
	int64_t base;     /* added to the table's number: what user space passes */
	const char *description;
	/* Other tools' names for it, space-separated ("" for none): */
	const char *aliases;    /* Debian, Go, Rust, uname -m: "amd64 x86-64 x64" */
	const char *docker;     /* Docker/OCI seccomp "arches" whose hosts run it: "amd64" */
	const char *seccomp;    /* libseccomp's SCMP_ARCH_ names: "SCMP_ARCH_X86_64" */
	const char *libseccomp; /* its column in libseccomp's syscalls.csv: "x86_64"; NULL: none */
	const char *compat32;   /* a 64-bit ABI: the 32-bit ABI its kernel also runs ("32 bit"
				 * personality in strace); NULL: none */
	kabi_elf_id elf;        /* machine {0}: kabi reads no ELF of this ABI */
	/* The C preprocessor's view (the header era, harvest/hdr.c): the
	 * macros the target's compiler predefines, "NAME" or "NAME=VALUE",
	 * space-separated: "__arm__ __ARM_EABI__".  The word-size ones
	 * (__LP64__, __SIZEOF_LONG__ ...) follow from bits; a layout row may
	 * add more (kabi_layout.cpp_extra). */
	const char *cpp;
	unsigned libc; /* KABI_LIBC_*: what its C library calls (the libc map,
			* query/libc_syscalls.c); 0: no facts */
	/* The kernel's configuration (the signature scan, harvest/sigset.c;
	 * symbols without CONFIG_, space-separated, "" for none): */
	int kernel_bits;            /* word size of the kernel that runs its native entries:
				     * 64 for the ABIs that exist only inside a 64-bit kernel
				     * (x32, arm64-compat, mips-n32, s390), else bits */
	const char *kconfig;        /* set in every kernel that runs it: "X86_X32_ABI COMPAT" */
	const char *kconfig_compat; /* set when a 64-bit kernel runs it as its compat ABI
				     * (COMPAT itself goes without saying): "IA32_EMULATION" */
	/* The arch's private syscalls (ARM's __ARM_NR_*: breakpoint, cacheflush,
	 * set_tls ...), which its trap handler serves outside the syscall table:
	 * the table numbers (nr - base) from private_first to private_last;
	 * 0, 0: none (kabi_abi_nr_is_private()). */
	int64_t private_first, private_last;
} kabi_abi_info;

/*
 * What glibc 2.36 (built for kernels from 3.2) calls on an ABI: facts about
 * the ABI's table and its C library, which the libc map's rows select by
 * (query/libc_syscalls.c).  Every ABI with facts has exactly one STAT_ bit.
 */
enum {
	KABI_LIBC_GENERIC = 1u << 0,           /* asm-generic table: no open, stat, dup2, poll, fork,
						* alarm ...; only the *at, *2, p* and clone forms */
	KABI_LIBC_TIME64 = 1u << 1,            /* a 32-bit time_t in the old calls: glibc 2.34+ calls
						* the *_time64 one first, the old one on ENOSYS */
	KABI_LIBC_NO_TIME32 = 1u << 2,         /* only the *_time64 calls (riscv32): none of the old
						* ones, no wait4 (its rusage) */
	KABI_LIBC_OFF32 = 1u << 3,             /* a 32-bit off_t in the plain calls: mmap2, _llseek
						* (llseek in asm-generic), fcntl64, truncate64 ... */
	KABI_LIBC_UID16 = 1u << 4,             /* 16-bit ids in getuid & co: glibc calls the *32 ones */
	KABI_LIBC_SOCKETCALL = 1u << 5,        /* sockets through socketcall (direct calls: 4.3) */
	KABI_LIBC_IPCCALL = 1u << 6,           /* SysV IPC through ipc (direct calls: 5.1) */
	KABI_LIBC_STAT_NEW = 1u << 7,          /* stat & co: fstatat64() is newfstatat */
	KABI_LIBC_STAT_64 = 1u << 8,           /* ... is fstatat64 (64-bit sparc, parisc, alpha) */
	KABI_LIBC_STAT_X = 1u << 9,            /* ... is statx alone (no fstatat of any kind) */
	KABI_LIBC_STAT_XF = 1u << 10,          /* ... is statx (64-bit times), fstatat64 on ENOSYS */
	KABI_LIBC_NO_RENAMEAT = 1u << 11,      /* asm-generic without renameat: renameat2 only */
	KABI_LIBC_NO_VFORK = 1u << 12,         /* no vfork call (mips): clone */
	KABI_LIBC_CLONE2 = 1u << 13,           /* clone2 (stack base and size) for clone: ia64 */
	KABI_LIBC_ARM_CALLS = 1u << 14,        /* arm_sync_file_range, arm_fadvise64_64 */
	KABI_LIBC_SYNC_FILE_RANGE2 = 1u << 15, /* sync_file_range2 (flags first): powerpc */
	KABI_LIBC_TIME_CALL = 1u << 16,        /* time() is the time call (x86's vDSO has it), not
						* clock_gettime */
	KABI_LIBC_ARCH_PRCTL = 1u << 17,       /* glibc wraps arch_prctl (x86-64) */
};

/* The ABI list, in display order; *n receives the count.  Static data. */
const kabi_abi_info *kabi_abis(size_t *n);
/* NULL when no ABI has that name. */
const kabi_abi_info *kabi_abi_find(const char *name);
/* Index of the ABI in kabi_abis(), or -1. */
int kabi_abi_index(const char *name);
/* The ABI called name, or spelt so by another tool (an alias: "amd64",
 * "aarch64", "ppc64le" ...), ASCII case ignored; NULL when none. */
const kabi_abi_info *kabi_abi_lookup(const char *name);
/* 1 when the space-separated word list has word. */
int kabi_abi_list_has(const char *list, const char *word);
/* The ABI of an ELF file from its header fields (is64: ELFCLASS64); NULL
 * when kabi reads no such ABI. */
const kabi_abi_info *kabi_abi_of_elf(unsigned machine, int is64, uint32_t flags);
/* 1 when nr (as user space passes it, base included) is one of the ABI's
 * private syscall numbers: arm's 0x0f0000-0x0fffff (0x9f0000... on OABI). */
int kabi_abi_nr_is_private(const kabi_abi_info *abi, int64_t nr);
/* The ABI whose SCMP_ARCH_ name is scmp, or NULL. */
const kabi_abi_info *kabi_abi_of_seccomp(const char *scmp);

/*
 * A kernel architecture (an arch/ directory), which several ABIs may share:
 * what its Kconfig calls it and the symbols that say a kernel of it is
 * 64-bit or 32-bit (the signature scan's conditions, harvest/sigset.c).
 */
typedef struct {
	const char *arch;      /* "x86" */
	const char *kconfig;   /* "X86" */
	const char *kconfig64; /* set in a 64-bit kernel: "X86_64 64BIT" */
	const char *kconfig32; /* set in a 32-bit kernel: "X86_32 32BIT" */
} kabi_arch_info;

/* The architectures whose Kconfig the signature scan reads (those of the
 * .tbl era, and um); *n receives the count.  Static data.  An arch without
 * a row has "64BIT" and "32BIT" for word-size symbols. */
const kabi_arch_info *kabi_arches(size_t *n);
/* NULL when arch has no row. */
const kabi_arch_info *kabi_arch_find(const char *arch);
/* The architecture whose Kconfig symbol is sym ("X86", "SUPERH"), or NULL. */
const kabi_arch_info *kabi_arch_of_kconfig(const char *sym);

#endif
