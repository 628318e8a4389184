/*
 * hdr_tree.h - the header era read from a git tree: kabi_hdr_build() (hdr.h)
 * fed with the files of a tree, and its results cached by the blob ids of
 * every file a run read or looked for.
 */
#ifndef KABI_HDR_TREE_H
#define KABI_HDR_TREE_H

#include <git2.h>

#include "hdr.h"
#include "repo.h"

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

#endif
