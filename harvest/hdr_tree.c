/*
 * hdr_tree.c - the header reader on a git tree (see hdr_tree.h): gives
 * kabi_hdr_build() the tree's files, records which it read or looked for,
 * and reuses a result where all of those are the same at another tree.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "hdr_tree.h"

typedef struct {
	const char *path; /* interned */
	git_oid blob;
	int present;
} dep;

typedef struct result {
	struct result *next; /* same layout row, newest first */
	dep *deps;           /* deps[0] is the header */
	size_t ndeps;
	int found;
	kabi_table table;
} result;

struct kabi_hdr_cache {
	result **by_layout;
	size_t *counts;                    /* results of each layout row */
	size_t nlayouts, alayouts;         /* counts is kept as long as by_layout */
	const struct kabi_hdr_cache *base; /* consulted read-only on a miss, or NULL */
	kabi_hdr_stats stats;
};

int kabi_hdr_cache_new(kabi_hdr_cache **out)
{
	*out = kabi_calloc(1, sizeof(**out));
	return 0;
}

void kabi_hdr_cache_free(kabi_hdr_cache *cache)
{
	size_t i;

	if (!cache)
		return;
	for (i = 0; i < cache->nlayouts; i++) {
		result *r = cache->by_layout[i], *next;

		for (; r; r = next) {
			next = r->next;
			free(r->deps);
			kabi_table_free(&r->table);
			free(r);
		}
	}
	free(cache->by_layout);
	free(cache->counts);
	free(cache);
}

void kabi_hdr_cache_stats(const kabi_hdr_cache *cache, kabi_hdr_stats *out)
{
	*out = cache->stats;
}

void kabi_hdr_cache_set_base(kabi_hdr_cache *cache, const kabi_hdr_cache *base)
{
	cache->base = base;
}

void kabi_hdr_cache_paths(const kabi_hdr_cache *cache, int li, size_t *seen, kabi_hdr_path_fn fn, void *ctx)
{
	const result *r;
	size_t n, i;

	if (!cache || li < 0 || (size_t)li >= cache->nlayouts || cache->counts[li] <= *seen)
		return;
	/* the list is newest first: the unreported runs are its head */
	n = cache->counts[li] - *seen;
	for (r = cache->by_layout[li]; r && n; r = r->next, n--)
		for (i = 0; i < r->ndeps; i++)
			fn(ctx, r->deps[i].path);
	*seen = cache->counts[li];
}

typedef struct {
	kabi_repo *repo;
	const git_oid *tree;
	kabi_intern *pool;
	dep *deps;
	size_t ndeps, adeps;
} tree_reader;

static int find_dep(tree_reader *t, const char *path, git_oid *blob, int *present)
{
	size_t i;
	int err;

	for (i = 0; i < t->ndeps; i++) {
		if (strcmp(t->deps[i].path, path) == 0) {
			*blob = t->deps[i].blob;
			*present = t->deps[i].present;
			return 0;
		}
	}
	err = kabi_repo_find(blob, t->repo, t->tree, path);
	if (err < 0 && err != KABI_ENOTFOUND)
		return err;
	*present = err == 0;
	if (!*present)
		memset(blob, 0, sizeof(*blob));
	KABI_ARRAY_GROW(t->deps, t->ndeps + 1, t->adeps);
	t->deps[t->ndeps].path = kabi_intern_str(t->pool, path);
	t->deps[t->ndeps].blob = *blob;
	t->deps[t->ndeps].present = *present;
	t->ndeps++;
	return 0;
}

static int tree_read(void *ctx, const char *path, char **text, size_t *len)
{
	tree_reader *t = ctx;
	git_oid blob;
	int present, err;

	if ((err = find_dep(t, path, &blob, &present)) < 0)
		return err;
	if (!present)
		return KABI_ENOTFOUND;
	return kabi_repo_blob(t->repo, &blob, text, len);
}

/* Does every dependency of r look the same at this tree?  Lookups are
 * memoised in t (shared by the candidates tried at one tree). */
static int result_matches(result *r, tree_reader *t, int *match)
{
	size_t i;

	*match = 0;
	for (i = 0; i < r->ndeps; i++) {
		git_oid blob;
		int present, err;

		if ((err = find_dep(t, r->deps[i].path, &blob, &present)) < 0)
			return err;
		if (present != r->deps[i].present || (present && !git_oid_equal(&blob, &r->deps[i].blob)))
			return 0;
	}
	*match = 1;
	return 0;
}

/* The result of row li in `cache` whose files match the tree (*found NULL:
 * none).  Reads the cache only. */
static int find_result(result **found, const kabi_hdr_cache *cache, int li, const git_oid *blob,
		       tree_reader *t)
{
	result *r;
	int err, match;

	*found = NULL;
	if (!cache || (size_t)li >= cache->nlayouts)
		return 0;
	for (r = cache->by_layout[li]; r; r = r->next) {
		if (!git_oid_equal(&r->deps[0].blob, blob))
			continue;
		if ((err = result_matches(r, t, &match)) < 0)
			return err;
		if (match) {
			*found = r;
			break;
		}
	}
	return 0;
}

int kabi_hdr_table(const kabi_table **out, git_oid *blob, const kabi_layout *l, int li,
		   const kabi_abi_info *abi, kabi_repo *repo, const git_oid *tree, kabi_hdr_cache *cache,
		   kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx)
{
	tree_reader t = {repo, tree, pool, NULL, 0, 0};
	result *r;
	int err, present;

	*out = NULL;
	if ((err = find_dep(&t, l->path, blob, &present)) < 0)
		goto out;
	if (!present) {
		err = KABI_ENOTFOUND;
		goto out;
	}
	if ((size_t)li >= cache->nlayouts) {
		size_t n = (size_t)li + 1;

		if (n > cache->alayouts) {
			KABI_ARRAY_GROW(cache->by_layout, n, cache->alayouts);
			KABI_ARRAY_RESIZE(cache->counts, cache->alayouts);
		}
		memset(cache->by_layout + cache->nlayouts, 0,
		       (n - cache->nlayouts) * sizeof(*cache->by_layout));
		memset(cache->counts + cache->nlayouts, 0, (n - cache->nlayouts) * sizeof(*cache->counts));
		cache->nlayouts = n;
	}
	if ((err = find_result(&r, cache, li, blob, &t)) < 0)
		goto out;
	if (!r && (err = find_result(&r, cache->base, li, blob, &t)) < 0)
		goto out;
	if (!r) {
		/* Run it: the reader records what it reads.  Start a fresh
		 * record so the result holds exactly its own dependencies
		 * (the header first). */
		tree_reader run = {repo, tree, pool, NULL, 0, 0};

		if ((err = find_dep(&run, l->path, blob, &present)) < 0) {
			free(run.deps);
			goto out;
		}
		r = kabi_calloc(1, sizeof(*r));
		err = kabi_hdr_build(&r->table, l, abi, tree_read, &run, pool, warn, warn_ctx);
		if (err < 0 && err != KABI_ENOTFOUND) {
			free(run.deps);
			free(r);
			goto out;
		}
		r->found = err == 0;
		r->deps = run.deps;
		r->ndeps = run.ndeps;
		r->next = cache->by_layout[li];
		cache->by_layout[li] = r;
		cache->counts[li]++;
		cache->stats.runs++;
	} else {
		cache->stats.reuses++;
	}
	if (!r->found) {
		err = KABI_ENOTFOUND;
		goto out;
	}
	*out = &r->table;
	err = 0;
out:
	free(t.deps);
	return err;
}
