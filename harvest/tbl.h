/*
 * tbl.h - the .tbl reader: `nr abi name [entry [compat [flags]]]` lines of the
 * per-arch tables and scripts/syscall.tbl, selected per ABI into a kabi_table.
 */
#ifndef KABI_TBL_H
#define KABI_TBL_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "table.h"

/* Called for each malformed line: line number and what is wrong. */
typedef void (*kabi_warn_fn)(void *ctx, int line, const char *msg);

/* One parsed line of a .tbl file, before ABI selection. */
typedef struct {
	int64_t nr;
	const char *tag, *name, *entry, *compat; /* interned; "" when absent */
	const char *entry_norm, *compat_norm;    /* kabi_entry_normalize() of them */
	int placeholder;                         /* kabi_name_is_placeholder(name) */
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
int kabi_tbl_parse(kabi_tbl *out, const char *text, size_t len, kabi_intern *pool, kabi_warn_fn warn,
		   void *ctx);
void kabi_tbl_free(kabi_tbl *tbl);

/* Builds an ABI's table from the lines whose tag is in `tags` (comma or
 * space separated), adding `offset` to each number.  flags: KABI_L_*.
 * A name on two selected lines keeps the lowest number; that, and a number
 * on two selected lines (both kept), go to warn() with the second line
 * (warn may be NULL).
 * Returns KABI_ENOTFOUND (not an error to report) when no line matches or
 * the ABI needs a column the file does not have.  `pool` is the one the
 * lines were parsed into (the rows share their strings). */
int kabi_tbl_select(kabi_table *out, const kabi_tbl *tbl, const char *tags, int64_t offset, unsigned flags,
		    kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx);

/* Renames rows as an arch's uapi header does after the table it includes:
 * `renames` is "old>new ..." (space-separated); the row named old becomes
 * new, and its entry points sys_old / compat_sys_old (wrapper prefixes
 * already dropped) become sys_new / compat_sys_new, which is what the
 * arch's syscall table #defines them to.  The table is re-sorted and
 * fingerprinted.  NULL or "" renames nothing. */
void kabi_table_rename(kabi_table *t, const char *renames, kabi_intern *pool);

/* Reads `syscall_abis_32 += ...` / `syscall_abis_64 += ...` from an arch's
 * kernel/Makefile.syscalls and writes the full tag list for a `bits` ABI:
 * "common,64,renameat,rlimit,...".  KABI_ENOTFOUND when the file has no
 * syscall_abis_<bits> line: the arch has no ABI of that word size there
 * (loongarch's before 7.1: "syscall_abis_64 +=" alone).  KABI_EINVALID
 * when buf is too small. */
int kabi_generic_tags(char *buf, size_t size, const char *text, size_t len, int bits);

#endif
