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
} kabi_abi_info;

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
/* The ABI whose SCMP_ARCH_ name is scmp, or NULL. */
const kabi_abi_info *kabi_abi_of_seccomp(const char *scmp);

#endif
