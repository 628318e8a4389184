/*
 * layout.h - the layout registry.
 *
 * Data: a new place where a kernel keeps a syscall table is a row, not a
 * branch.  A layout row says: at this path, in this format, filtered by
 * these ABI tags, offset by this much, is the table of that ABI.  At each
 * release the harvester tries an ABI's layout rows in order and takes the
 * first that yields a table.
 */
#ifndef KABI_LAYOUT_H
#define KABI_LAYOUT_H

#include <stdint.h>

#include "abi.h"

typedef enum {
	KABI_FMT_TBL,         /* per-arch .tbl: nr abi name [entry [compat [flags]]] */
	KABI_FMT_GENERIC_TBL, /* scripts/syscall.tbl + arch/ARCH/kernel/Makefile.syscalls */
	KABI_FMT_HEADER,      /* a C unistd header, preprocessed (harvest/hdr.h): numbers from
			       * its __NR_ macros, entry points from its __SYSCALL() lines or
			       * from a separate positional entry table */
	KABI_FMT_PRIVATE,     /* an arch's private syscalls (arm's __ARM_NR_*): the macros
			       * of a C header named `tags` followed by a lower-case name,
			       * in the ABI's private range (kabi_abi_info.private_first);
			       * added to the table another row yields, never one alone */
} kabi_format;

/* Formats of a header era's separate entry table (kabi_layout.entries). */
typedef enum {
	KABI_ENT_NONE,      /* no entry table: __SYSCALL() lines in the header, if any */
	KABI_ENT_LIST,      /* positional `.long sys_x` lines after a label (i386) */
	KABI_ENT_ARM_CALLS, /* arm calls.S: CALL(x), CALL(ABI(eabi, oabi)), CALL(OBSOLETE(x)) */
	KABI_ENT_PPC,       /* powerpc systbl.h: SYSCALL(x), COMPAT_SYS(x), SYSX(f, f3264, f32) ...
			     * one a line, read as the ABI's kernel expands them */
	KABI_ENT_PARISC,    /* parisc syscall_table.S: ENTRY_SAME(x), ENTRY_COMP(x) ... by the
			     * file's own #defines for the ABI's kernel */
} kabi_entry_format;

enum {
	KABI_L_NO_COMPAT = 1 << 0,   /* the 5th column is another ABI's entry (arm's OABI) */
	KABI_L_COMPAT_ONLY = 1 << 1, /* the ABI exists only as the compat column (s390 31-bit) */
	KABI_L_NI_NONE = 1 << 2,     /* header era: a sys_ni_syscall slot is stored with no entry,
				      * as the .tbl that replaced the header writes it (x86, arm) */
};

typedef struct {
	const char *abi;  /* kabi_abi_info.name */
	const char *path; /* path of the table in the tree; symbolic links are followed */
	kabi_format format;
	const char *tags; /* comma-separated ABI tags of the rows that belong to the ABI;
			   * KABI_FMT_PRIVATE: the macros' prefix ("__ARM_NR_") */
	int64_t offset;   /* added to the table's numbers (mips 4000, ia64 1024, ...) */
	unsigned flags;   /* KABI_L_* */
	/* KABI_FMT_HEADER only (NULL/0 elsewhere).  The header's numbers are
	 * absolute (mips 4000, ia64 1024, arm OABI 0x900000 are in the
	 * header): offset is then the number of the entry table's first slot. */
	const char *cpp_extra; /* macros to predefine besides the ABI's (kabi_abi_info.cpp):
				* "__uClinux__" for m68knommu; NULL: none */
	const char *entries;   /* separate entry table: candidate paths "a|b|c", the first
				* that yields entries wins; NULL: none */
	kabi_entry_format entry_format;
	const char *label;          /* KABI_ENT_LIST: the table starts after `label:` or ENTRY(label)
				     * (the first of "a|b" the file defines); a .tbl candidate in
				     * entries: the tags of its rows to read */
	const char *compat_entries; /* a compat entry table (KABI_ENT_LIST), like entries */
	const char *compat_label;
	/* Where the header numbers slots without naming them (arm64's
	 * unistd32.h until 3.17: "__SYSCALL(3, sys_read)"): the header that
	 * names those numbers, candidate paths "a|b", read as ABI names_abi's
	 * compiler does (arm's unistd.h with __ARM_EABI__).  NULL: none. */
	const char *names;
	const char *names_abi;
	/* KABI_FMT_GENERIC_TBL: what the arch's uapi unistd.h renames after the
	 * generated table it includes, "old>new ..." (kabi_table_rename());
	 * NULL: nothing. */
	const char *renames;
} kabi_layout;

/* The layout registry, in probing order. */
const kabi_layout *kabi_layouts(size_t *n);

#endif
