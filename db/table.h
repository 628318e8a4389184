/*
 * table.h - one ABI's syscall table at one release (the .tbl reader is
 * harvest/tbl.h).
 *
 * A kabi_table is what the catalog stores about an ABI at a release: rows of
 * (number as user space passes it, name, entry point, compat entry point,
 * implemented).  Entry points are normalised so that renamings that do not
 * change the ABI (__x64_ prefixes, /ptregs) compare equal.  Strings are
 * interned: two rows are equal when their fields are pointer-equal.
 */
#ifndef KABI_TABLE_H
#define KABI_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"
#include "intern.h"

/* kabi_row.implemented: three-valued.  UNKNOWN where the era's entry table
 * was not read: the slot exists, what it runs is not known (never "yes"). */
enum { KABI_IMPL_NO = 0, KABI_IMPL_YES = 1, KABI_IMPL_UNKNOWN = 2 };

/* The compat entry point of a row whose compat table exists but was not
 * read (i386's ia32entry.S before the .tbl era): unknown, not none.  No C
 * symbol is spelt so; the catalog stores it as NULL. */
#define KABI_ENTRY_UNKNOWN "?"

typedef struct {
	int64_t nr;
	const char *name;
	const char *entry;  /* "" when the table gives none */
	const char *compat; /* "" when none or the same as entry; KABI_ENTRY_UNKNOWN */
	int implemented;    /* KABI_IMPL_*: entry (or, for compat-only ABIs, compat) is a
			     * real function */
	const char *why;    /* interned; why it is not implemented or unknown when the
			     * entry alone does not say (cond_syscall only, an arch
			     * opt-out, an entry table not read); NULL: nothing to say */
	const char *config; /* interned; implemented, but every definition of the entry is
			     * compiled only under these Kconfig options ("CONFIG_FANOTIFY",
			     * "CONFIG_A && CONFIG_B"); NULL: none (or none read) */
} kabi_row;

typedef struct {
	kabi_row *rows; /* sorted by name; owned by the table */
	size_t n;
	uint64_t fingerprint; /* equal tables have equal fingerprints */
	const char *note;     /* what its reader could not resolve (interned), NULL: nothing:
			       * "#include <asm/bitsperlong.h> not found (...)"; not part of
			       * the fingerprint */
} kabi_table;

/* Normalises an entry point: "" for "-"; drops /ptregs and the per-arch
 * wrapper prefixes (__x64_, __ia32_, __x32_, __arm64_, __s390x_, __riscv_ ...). */
const char *kabi_entry_normalize(kabi_intern *pool, const char *entry);

/* 1 when a (normalised) entry names an implementation: not empty, not
 * sys_ni_syscall, not KABI_ENTRY_UNKNOWN. */
int kabi_entry_is_impl(const char *entry);

/* Names that fill a slot but are not syscalls (unusedNN, reservedNN, ...). */
int kabi_name_is_placeholder(const char *name);

/* Builds the table from rows (copied, sorted, deduplicated by name keeping
 * the lowest number, fingerprinted).  Readers of files say what they drop
 * before (kabi_tbl_select). */
void kabi_table_from_rows(kabi_table *out, const kabi_row *rows, size_t n);
void kabi_table_free(kabi_table *t);
/* The row for name, or NULL (binary search; name need not be interned). */
const kabi_row *kabi_table_find(const kabi_table *t, const char *name);

#endif
