/*
 * hdr.h - the header era: syscall tables read from C unistd headers.
 *
 * Before an architecture got a .tbl file its numbers lived in
 * include/asm-ARCH/unistd.h and its successors, and for the asm-generic
 * architectures in include/(uapi/)asm-generic/unistd.h evaluated with the
 * arch's own __ARCH_WANT_* defines.  A KABI_FMT_HEADER layout row names the
 * header, the macros the compiler would predefine for the ABI, and where the
 * entry points are (the header's own __SYSCALL() lines, or a positional
 * table such as i386's sys_call_table or arm's calls.S).  The header is run
 * through harvest/cpp.c; docs/header-era.md has the rules.
 *
 * kabi_hdr_build() is the whole reader on files supplied by a callback: it
 * takes bytes and reads no git (unit tests give it memory).  hdr_tree.h
 * gives it a git tree's files and caches the results.
 */
#ifndef KABI_HDR_H
#define KABI_HDR_H

#include "abi.h"
#include "intern.h"
#include "layout.h"
#include "table.h"
#include "tbl.h"

/*
 * Reads one file of the tree: 0 with *text (malloc'd, owned by the caller)
 * and *len, KABI_ENOTFOUND when there is no such file, another negative code
 * (error text set) to abort.
 */
typedef int (*kabi_hdr_read_fn)(void *ctx, const char *path, char **text, size_t *len);

/*
 * Builds the table of `abi` from layout row `l` (format KABI_FMT_HEADER)
 * with the files `read` gives.  KABI_ENOTFOUND when the header or a named
 * entry table is missing, or the header defines no syscall for the ABI.
 * Preprocessor errors go to warn() (line 0) and make the row yield nothing;
 * a __NR_ name that is neither an alias nor a number (a number kept in a
 * comment, "#define __NR_idle / * 112 * / Obsolete") is no row, and is said
 * through warn() with its line (> 0; the message names the file).
 * out is owned by the caller (kabi_table_free).
 */
int kabi_hdr_build(kabi_table *out, const kabi_layout *l, const kabi_abi_info *abi, kabi_hdr_read_fn read,
		   void *read_ctx, kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx);

/*
 * Names the headers define that are not syscalls: __NR_syscalls,
 * __NR_Linux, __NR_SYSCALL_BASE, __NR_arch_specific_syscall ... (given
 * without the __NR_ prefix), another personality's numbers (parisc's
 * HPUX_*), and the placeholders of kabi_name_is_placeholder().
 */
int kabi_hdr_name_is_not_syscall(const char *name);

#endif
