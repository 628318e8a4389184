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
 * kabi_hdr_build() is the whole reader on files supplied by a callback (unit
 * tests use memory); kabi_hdr_table() reads a git tree and caches.
 */
#ifndef KABI_HDR_H
#define KABI_HDR_H

#include <git2.h>

#include "abi.h"
#include "layout.h"
#include "intern.h"
#include "repo.h"
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
 * Preprocessor errors go to warn() (line 0) and make the row yield nothing.
 * out is owned by the caller (kabi_table_free).
 */
int kabi_hdr_build(kabi_table *out, const kabi_layout *l, const kabi_abi_info *abi, kabi_hdr_read_fn read,
		   void *read_ctx, kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx);

/*
 * Results of kabi_hdr_table(), each remembered with the (path, blob id) of
 * every file its run read or looked for.  At another tree a result is reused
 * when each of those paths has the same blob id there (or is still absent):
 * a tree lookup per path instead of a preprocessor run.
 */
typedef struct kabi_hdr_cache kabi_hdr_cache;

typedef struct {
	size_t runs;   /* preprocessor runs */
	size_t reuses; /* results taken from the cache */
} kabi_hdr_stats;

/* Owned by the caller, free with kabi_hdr_cache_free() (NULL ok). */
int kabi_hdr_cache_new(kabi_hdr_cache **out);
void kabi_hdr_cache_free(kabi_hdr_cache *cache);
void kabi_hdr_cache_stats(const kabi_hdr_cache *cache, kabi_hdr_stats *out);

/*
 * Makes `cache` look in `base` too (after its own results, before running
 * the preprocessor): the attribution workers' caches start from the
 * release phase's.  base is only read, so caches of several threads may
 * share it; it must outlive them and not change while they are in use.
 * Tables found there are borrowed from base.
 */
void kabi_hdr_cache_set_base(kabi_hdr_cache *cache, const kabi_hdr_cache *base);

/*
 * Calls fn with the path of every file that a cached run of layout row `li`
 * read or looked for (an absent file that appears would change the result),
 * for the runs made since the caller last asked: *seen is the number of the
 * row's runs already reported (0 at first), and is updated.  Paths are
 * interned in the pool given to kabi_hdr_table().  A NULL cache has none.
 * Commit attribution watches these paths: a commit that changes none of
 * them cannot change the row's table.
 */
typedef void (*kabi_hdr_path_fn)(void *ctx, const char *path);
void kabi_hdr_cache_paths(const kabi_hdr_cache *cache, int li, size_t *seen, kabi_hdr_path_fn fn, void *ctx);

/*
 * The table of `abi` from layout row `l` (its index in kabi_layouts() is
 * `li`) at `tree`.  *out is borrowed from the cache (valid until
 * kabi_hdr_cache_free); *blob receives the header's blob id.  KABI_ENOTFOUND
 * when the ABI has no header table there; KABI_EIO when the repository
 * cannot be read.
 */
int kabi_hdr_table(const kabi_table **out, git_oid *blob, const kabi_layout *l, int li,
		   const kabi_abi_info *abi, kabi_repo *repo, const git_oid *tree, kabi_hdr_cache *cache,
		   kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx);

/*
 * Names the headers define that are not syscalls: __NR_syscalls,
 * __NR_Linux, __NR_SYSCALL_BASE, __NR_arch_specific_syscall ... (given
 * without the __NR_ prefix), and the placeholders of
 * kabi_name_is_placeholder().
 */
int kabi_hdr_name_is_not_syscall(const char *name);

#endif
