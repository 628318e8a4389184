/*
 * table.h - one ABI's syscall table at one release, and the .tbl reader.
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

typedef struct {
	int64_t nr;
	const char *name;
	const char *entry;  /* "" when the table gives none */
	const char *compat; /* "" when none or the same as entry */
	int implemented;    /* entry (or, for compat-only ABIs, compat) is a real function */
} kabi_row;

typedef struct {
	kabi_row *rows; /* sorted by name; owned by the table */
	size_t n;
	uint64_t fingerprint; /* equal tables have equal fingerprints */
} kabi_table;

/* Called for each malformed line: line number and what is wrong. */
typedef void (*kabi_warn_fn)(void *ctx, int line, const char *msg);

/* One parsed line of a .tbl file, before ABI selection. */
typedef struct {
	int64_t nr;
	const char *tag, *name, *entry, *compat; /* interned; "" when absent */
	int line;
} kabi_tbl_line;

typedef struct {
	kabi_tbl_line *v;
	size_t n;
	int has_compat_column; /* some row has a 5th column */
} kabi_tbl;

/* Parses .tbl text: `nr abi name [entry [compat [flags]]]`, '#' comments,
 * '-' for an absent entry.  Malformed lines go to warn() and are skipped.
 * Never fails on content; out owns its array (kabi_tbl_free). */
int kabi_tbl_parse(kabi_tbl *out, const char *text, size_t len, kabi_intern *pool,
		   kabi_warn_fn warn, void *ctx);
void kabi_tbl_free(kabi_tbl *tbl);

/* Builds an ABI's table from the lines whose tag is in `tags` (comma or
 * space separated), adding `offset` to each number.  flags: KABI_L_*.
 * Returns KABI_ENOTFOUND (not an error to report) when no line matches or
 * the ABI needs a column the file does not have. */
int kabi_tbl_select(kabi_table *out, const kabi_tbl *tbl, const char *tags, int64_t offset,
		    unsigned flags, kabi_intern *pool);

/* Reads `syscall_abis_32 += ...` / `syscall_abis_64 += ...` from an arch's
 * kernel/Makefile.syscalls and writes the full tag list for a `bits` ABI:
 * "common,64,renameat,rlimit,...".  KABI_EINVALID when buf is too small. */
int kabi_generic_tags(char *buf, size_t size, const char *text, size_t len, int bits);

/* Normalises an entry point: "" for "-"; drops /ptregs and the per-arch
 * wrapper prefixes (__x64_, __ia32_, __x32_, __arm64_, __s390x_, __riscv_ ...). */
const char *kabi_entry_normalize(kabi_intern *pool, const char *entry);

/* 1 when a (normalised) entry names an implementation: not empty, not
 * sys_ni_syscall. */
int kabi_entry_is_impl(const char *entry);

/* Names that fill a slot but are not syscalls (unusedNN, reservedNN, ...). */
int kabi_name_is_placeholder(const char *name);

/* Builds the table from rows (copied, sorted, deduplicated by name keeping
 * the lowest number, fingerprinted).  *dups receives the dropped count. */
void kabi_table_from_rows(kabi_table *out, const kabi_row *rows, size_t n, size_t *dups);
void kabi_table_free(kabi_table *t);
/* The row for name, or NULL (binary search; name need not be interned). */
const kabi_row *kabi_table_find(const kabi_table *t, const char *name);

#endif
