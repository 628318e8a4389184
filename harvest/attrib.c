/*
 * attrib.c - commit attribution: which commit made each event.
 *
 * An event seen first at release R (previous release P) was made by a
 * commit in `R ^P`: the earliest, in topological order, whose tree has the
 * change and none of whose parents' trees has it (a merge that takes the
 * change from one side is TREESAME to that side and does not count).  The
 * history before the first release is walked the same way, so what the root
 * commit holds is attributed to the root commit.
 *
 * Only ranges with unattributed events are walked.  Each commit is compared
 * with its parents on the watched paths only (the files an event's table
 * or signature is read from, see below), descending from the root tree
 * into the subtrees whose ids differ, so most commits stop at the root or
 * one level below; a commit is looked at for an event only when the
 * event's own files differ from every parent, and tables are read
 * (through the blob and header caches) only there.
 */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "array.h"
#include "layout.h"
#include "error.h"
#include "harvest_int.h"
#include "hdr_tree.h"
#include "odb.h"
#include "pool.h"
#include "sig.h"
#include "strbuf.h"
#include "walk.h"

/*
 * What a commit is compared on.  A watcher is one ABI's table (for table
 * events) or one C file (for signature events); its paths are every file
 * the ABI's table can be read from: each layout row's file, the entry
 * tables a header-era row names, the generic table's Makefile.syscalls, and
 * every file a header-era run read or looked for (harvest/hdr.c records
 * them).  A commit that changes none of a watcher's paths against some
 * parent reads the same files as that parent and so has the same table: it
 * cannot have made an event of that watcher.
 *
 * The paths are one trie of path components; each node holds the watchers
 * whose path ends there (leaf) and those with a path below it (sub), as
 * bitsets, so a comparison descends only where a watcher still undecided
 * has a path and the subtree ids differ.
 */
typedef struct wnode {
	char *name;
	struct wnode *kids;
	size_t nkids, akids;
	uint64_t *leaf, *sub; /* [nwords] */
} wnode;

typedef struct {
	wnode root;
	size_t nwords;
} watch;

static void wnode_init(wnode *t, char *name, size_t nwords)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->leaf = kabi_calloc(nwords, sizeof(*t->leaf));
	t->sub = kabi_calloc(nwords, sizeof(*t->sub));
}

static void wnode_free(wnode *t)
{
	size_t i;

	for (i = 0; i < t->nkids; i++)
		wnode_free(&t->kids[i]);
	free(t->kids);
	free(t->name);
	free(t->leaf);
	free(t->sub);
}

static void watch_init(watch *ws, size_t nwatchers)
{
	ws->nwords = (nwatchers + 63) / 64;
	if (!ws->nwords)
		ws->nwords = 1;
	wnode_init(&ws->root, NULL, ws->nwords);
}

/* Makes watcher `w` watch `path` (a file; no-op when it already does). */
static void watch_add(watch *ws, const char *path, size_t w)
{
	uint64_t bit = (uint64_t)1 << (w % 64);
	size_t word = w / 64;
	wnode *t = &ws->root;

	t->sub[word] |= bit;
	while (*path) {
		size_t n = strcspn(path, "/"), i;
		wnode *kid = NULL;

		for (i = 0; i < t->nkids && !kid; i++)
			if (strlen(t->kids[i].name) == n && strncmp(t->kids[i].name, path, n) == 0)
				kid = &t->kids[i];
		if (!kid) {
			KABI_ARRAY_GROW(t->kids, t->nkids + 1, t->akids);
			kid = &t->kids[t->nkids++];
			wnode_init(kid, kabi_strndup(path, n), ws->nwords);
		}
		t = kid;
		t->sub[word] |= bit;
		path += n;
		while (*path == '/')
			path++;
	}
	t->leaf[word] |= bit;
}

/* Each candidate of a '|'-separated list of paths (NULL: none). */
static void watch_add_list(watch *ws, const char *paths, size_t w)
{
	char buf[512];

	while (paths && *paths) {
		size_t n = strcspn(paths, "|");

		if (n < sizeof(buf)) {
			memcpy(buf, paths, n);
			buf[n] = '\0';
			watch_add(ws, buf, w);
		}
		paths += n;
		if (*paths == '|')
			paths++;
	}
}

/* Is some bit of mask in want and not yet in changed? */
static int undecided(const uint64_t *mask, const uint64_t *want, const uint64_t *changed, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (mask[i] & want[i] & ~changed[i])
			return 1;
	return 0;
}

static void mark(uint64_t *changed, const uint64_t *mask, const uint64_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		changed[i] |= mask[i] & want[i];
}

/*
 * Adds to `changed` the watchers of `want` that have a path below `t`
 * differing between trees a and b.  A tree that cannot be read counts as
 * changed everywhere (the commit is then looked at, never skipped).
 */
/* The entry `name` of a raw tree, or NULL. */
static int raw_entry(kabi_tree_entry *out, const char *data, size_t len, const char *name)
{
	size_t pos = 0;

	while (kabi_tree_next(out, data, len, &pos) == 1)
		if (strcmp(out->name, name) == 0)
			return 1;
	return 0;
}

static void tree_diff(kabi_repo *repo, const git_oid *a, const git_oid *b, const wnode *t,
		      const uint64_t *want, uint64_t *changed, size_t nwords)
{
	char *da = NULL, *db = NULL;
	size_t la, lb, i;
	git_object_t ta, tb;

	if (git_oid_equal(a, b) || !undecided(t->sub, want, changed, nwords))
		return;
	if (kabi_repo_read(repo, a, &ta, &da, &la) < 0) {
		mark(changed, t->sub, want, nwords);
		return;
	}
	if (kabi_repo_read(repo, b, &tb, &db, &lb) < 0 || ta != GIT_OBJECT_TREE || tb != GIT_OBJECT_TREE) {
		mark(changed, t->sub, want, nwords);
		goto out;
	}
	for (i = 0; i < t->nkids; i++) {
		const wnode *k = &t->kids[i];
		kabi_tree_entry ea, eb;
		int ha, hb;
		git_oid ia, ib;

		if (!undecided(k->sub, want, changed, nwords))
			continue;
		ha = raw_entry(&ea, da, la, k->name);
		hb = raw_entry(&eb, db, lb, k->name);
		if (!ha && !hb)
			continue;
		if (ha && hb && memcmp(ea.id, eb.id, GIT_OID_RAWSZ) == 0 && ea.mode == eb.mode)
			continue;
		if (ha && hb && ea.mode == 040000 && eb.mode == 040000) {
			mark(changed, k->leaf, want, nwords);
			git_oid_fromraw(&ia, ea.id);
			git_oid_fromraw(&ib, eb.id);
			tree_diff(repo, &ia, &ib, k, want, changed, nwords);
		} else {
			mark(changed, k->sub, want, nwords); /* appeared, went, or a file changed */
		}
	}
out:
	free(da);
	free(db);
}

/* Does the ABI table `t` (NULL: no table) have the change event e made? */
static int has_change(const kabi_event *e, const kabi_table *t)
{
	const kabi_row *r = t ? kabi_table_find(t, e->name) : NULL;

	switch (e->kind) {
	case KABI_EV_ADDED: return r != NULL;
	case KABI_EV_REMOVED: return r == NULL;
	case KABI_EV_RENUMBERED:
	case KABI_EV_RENAMED: return r && r->nr == e->new_nr;
	case KABI_EV_ENTRY_CHANGED:
		return r && e->new_entry &&
		       (strcmp(r->entry, e->new_entry) == 0 || strcmp(r->compat, e->new_entry) == 0);
	case KABI_EV_UNIMPLEMENTED: return r && r->implemented == KABI_IMPL_NO;
	case KABI_EV_REIMPLEMENTED: return r && r->implemented == KABI_IMPL_YES;
	default: return 0;
	}
}

/* A worker's scanned C files, by blob id (for signature events). */
typedef struct {
	git_oid blob;
	kabi_sigdef *defs;
	size_t n;
} sigfile;

/* Tables of the last few trees looked at (a commit, its parents, and the
 * next commit whose parent is this one), per ABI. */
#define NMEMO 4

typedef struct {
	git_oid tree;
	const kabi_table **tab; /* [nabi] */
	unsigned char *set;     /* [nabi] */
	unsigned long stamp;    /* last use, for eviction; 0: empty */
} tmemo;

/* One worker: its own repository handle, blob cache, string pool and
 * watched paths (none of them is thread-safe), sharing only the model's
 * events, each range's events belonging to one worker. */
typedef struct {
	harvest_ctx ctx; /* the worker's own */
	harvest_ctx *main;
	pthread_mutex_t *lock; /* guards main->pool, the range counter and prog */
	kabi_progress *prog;   /* the "attribution" phase, shared */
	kabi_event ***groups;  /* ranges: events sharing (prev_ord, ord) */
	size_t *sizes, ngroups, *next;
	const int *wid;        /* watcher of each event of main->model, by index */
	const int *layout_abi; /* ABI index of each layout row */
	size_t nwatchers;
	watch watch;
	size_t *hdr_seen, hdr_runs; /* hdr-cache runs whose paths are watched */
	kabi_walk *walk;            /* the worker's commits, read once per range */
	tmemo memo[NMEMO];
	unsigned long clock;
	kabi_harvest_stats stats;
	sigfile *files;
	size_t nfiles, afiles;
	int err;
	char errmsg[1024];
} worker;

typedef struct {
	worker *w;
	kabi_event **evs; /* the range's unattributed events */
	size_t n, left;
	size_t walked; /* commits walked and not yet reported */
} range;

/* Commits between two reports: often enough for a live count, seldom
 * enough that the lock is not felt. */
#define REPORT_COMMITS 4096

/* Adds the commits walked since the last report, and `ranges` walked to
 * the end, to the shared progress, and reports it. */
static void report(range *rg, size_t ranges)
{
	worker *w = rg->w;

	pthread_mutex_lock(w->lock);
	w->prog->aux += rg->walked;
	w->prog->done += ranges;
	kabi__progress(w->main, w->prog, KABI_PROGRESS_STEP);
	pthread_mutex_unlock(w->lock);
	rg->walked = 0;
}

typedef struct {
	worker *w;
	size_t watcher;
} path_sink;

static void add_path(void *ctx, const char *path)
{
	path_sink *s = ctx;

	watch_add(&s->w->watch, path, s->watcher);
}

/* Watches the files of the header-era runs made since the last call (a
 * run at a commit of the walk that read a file no earlier run read: it
 * is watched from then on). */
static void watch_new_runs(worker *w)
{
	const kabi_layout *l;
	kabi_hdr_stats st;
	size_t nl, li;

	if (!w->ctx.cache.hdr)
		return;
	kabi_hdr_cache_stats(w->ctx.cache.hdr, &st);
	if (st.runs == w->hdr_runs)
		return;
	w->hdr_runs = st.runs;
	l = kabi_layouts(&nl);
	for (li = 0; li < nl; li++) {
		path_sink s = {w, (size_t)w->layout_abi[li]};

		if ((l[li].format == KABI_FMT_HEADER || l[li].format == KABI_FMT_PRIVATE) &&
		    w->layout_abi[li] >= 0)
			kabi_hdr_cache_paths(w->ctx.cache.hdr, (int)li, &w->hdr_seen[li], add_path, &s);
	}
}

/*
 * The worker's watched paths to start with: every ABI's layout files and
 * entry tables, scripts/syscall.tbl (what symbolic links point to), the
 * files the release phase's header-era runs read (h's cache: the shapes of
 * every release tree), and the signature events' files.
 */
static void watch_build(worker *w, harvest_ctx *h, const char *const *sigfiles, size_t nsigfiles)
{
	const kabi_layout *l;
	size_t nl, li, k;
	char mk[256];

	watch_init(&w->watch, w->nwatchers);
	l = kabi_layouts(&nl);
	for (li = 0; li < nl; li++) {
		int a = w->layout_abi[li];
		const kabi_abi_info *info = kabi_abi_find(l[li].abi);
		path_sink s = {w, (size_t)a};
		size_t seen = 0;

		if (a < 0)
			continue;
		watch_add(&w->watch, l[li].path, (size_t)a);
		watch_add(&w->watch, "scripts/syscall.tbl", (size_t)a);
		if (l[li].format == KABI_FMT_GENERIC_TBL) {
			snprintf(mk, sizeof(mk), "arch/%s/kernel/Makefile.syscalls", info ? info->arch : "?");
			watch_add(&w->watch, mk, (size_t)a);
		}
		watch_add_list(&w->watch, l[li].entries, (size_t)a);
		watch_add_list(&w->watch, l[li].compat_entries, (size_t)a);
		if (l[li].format == KABI_FMT_HEADER || l[li].format == KABI_FMT_PRIVATE)
			kabi_hdr_cache_paths(h->cache.hdr, (int)li, &seen, add_path, &s);
	}
	for (k = 0; k < nsigfiles; k++)
		watch_add(&w->watch, sigfiles[k], h->model.nabi + k);
}

/*
 * Forgets the header-era results of the previous range: the walk's runs
 * are at commits between two releases, whose file sets another range
 * almost never has again (those of the releases stay, in the base cache),
 * and kept they made every worker grow by a table per run.  The paths they
 * read stay watched.
 */
static void worker_new_range(worker *w)
{
	kabi_hdr_stats st;
	size_t nl, i;

	if (w->ctx.cache.hdr) {
		kabi_hdr_cache_stats(w->ctx.cache.hdr, &st);
		if (st.runs == 0)
			return;
	}
	kabi_hdr_cache_free(w->ctx.cache.hdr);
	kabi_hdr_cache_new(&w->ctx.cache.hdr);
	kabi_hdr_cache_set_base(w->ctx.cache.hdr, w->main->cache.hdr);
	w->hdr_runs = 0;
	kabi_layouts(&nl);
	memset(w->hdr_seen, 0, nl * sizeof(*w->hdr_seen));
	for (i = 0; i < NMEMO; i++)
		w->memo[i].stamp = 0; /* its tables were the cache's */
}

static const kabi_table *table_at(harvest_ctx *h, int abi, const git_oid *tree)
{
	kabi_abi_src src;

	if (kabi__abi_table_at(h, &src, abi, tree) < 0 || !src.present)
		return NULL;
	return src.table; /* owned by the harvest cache */
}

/* The ABI's table at a tree, remembered for the last few trees, and the
 * files its header-era run read watched from now on. */
static const kabi_table *table_memo(worker *w, int abi, const git_oid *tree)
{
	size_t nabi = w->main->model.nabi, i;
	tmemo *m = NULL;

	for (i = 0; i < NMEMO && !m; i++)
		if (w->memo[i].stamp && git_oid_equal(&w->memo[i].tree, tree))
			m = &w->memo[i];
	if (!m) {
		m = &w->memo[0];
		for (i = 1; i < NMEMO; i++)
			if (w->memo[i].stamp < m->stamp)
				m = &w->memo[i];
		git_oid_cpy(&m->tree, tree);
		memset(m->set, 0, nabi);
	}
	m->stamp = ++w->clock;
	if (!m->set[abi]) {
		m->tab[abi] = table_at(&w->ctx, abi, tree);
		m->set[abi] = 1;
		watch_new_runs(w);
	}
	return m->tab[abi];
}

/* Does the definition of the event's entry in its file at `tree` have
 * the new signature? */
static int sig_has(worker *w, const kabi_event *e, const git_oid *tree)
{
	git_oid blob;
	sigfile *f = NULL;
	size_t i;

	if (!e->sig_file || !e->sig_entry || !e->new_sig ||
	    kabi_repo_find(&blob, w->ctx.repo, tree, e->sig_file) < 0)
		return 0;
	for (i = 0; i < w->nfiles && !f; i++)
		if (git_oid_equal(&w->files[i].blob, &blob))
			f = &w->files[i];
	if (!f) {
		char *text;
		size_t len;

		if (kabi_repo_blob(w->ctx.repo, &blob, &text, &len) < 0)
			return 0;
		KABI_ARRAY_GROW(w->files, w->nfiles + 1, w->afiles);
		f = &w->files[w->nfiles++];
		git_oid_cpy(&f->blob, &blob);
		kabi_sig_scan_text(&f->defs, &f->n, text, len, e->sig_file, w->ctx.pool);
		free(text);
	}
	for (i = 0; i < f->n; i++)
		if (strcmp(f->defs[i].entry, e->sig_entry) == 0 && strcmp(f->defs[i].norm, e->new_sig) == 0)
			return 1;
	return 0;
}

static int change_at(worker *w, const kabi_event *e, const git_oid *tree)
{
	if (e->kind == KABI_EV_SIGNATURE_CHANGED)
		return sig_has(w, e, tree);
	return has_change(e, table_memo(w, e->abi, tree));
}

static int attribute(worker *w, kabi_event *e, const git_oid *id)
{
	char *author, *subject;
	int err = kabi_repo_commit_info(w->ctx.repo, id, &author, &subject, &e->commit_time);

	if (err < 0)
		return err;
	git_oid_tostr(e->commit, sizeof(e->commit), id);
	pthread_mutex_lock(w->lock);
	e->author = kabi_intern_str(w->main->pool, author);
	e->subject = kabi_intern_str(w->main->pool, subject);
	pthread_mutex_unlock(w->lock);
	free(author);
	free(subject);
	return 0;
}

static void bits_clear(uint64_t *b, size_t n)
{
	memset(b, 0, n * sizeof(*b));
}

static int bits_any(const uint64_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return 1;
	return 0;
}

static int bit_set(const uint64_t *b, size_t i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

/* The watchers of the range's events that are still unattributed. */
static void range_want(const range *rg, uint64_t *want, size_t nwords)
{
	const kabi_event *base = rg->w->main->model.events;
	size_t i;

	bits_clear(want, nwords);
	for (i = 0; i < rg->n; i++) {
		size_t k = (size_t)rg->w->wid[rg->evs[i] - base];

		if (!rg->evs[i]->commit[0])
			want[k / 64] |= (uint64_t)1 << (k % 64);
	}
}

/*
 * Walks `to ^from` (from may be NULL) earliest first (harvest/walk.c: in
 * the order of `git rev-list --topo-order --reverse`).  A commit is looked
 * at for an event only when the event's watcher differs from every parent
 * (the TREESAME rule, per watcher): a commit that has the change while no
 * parent has it must differ from each of them in some file its table
 * reads.  Walking earliest first keeps the watched paths complete: a file
 * first included at a commit is read by the run at that commit, whose
 * header changed (so it is looked at), before any later commit changes it.
 */
static int walk_range(range *rg, const char *from, const char *to)
{
	worker *w = rg->w;
	size_t nwords = w->watch.nwords, np, ap = 0, p, i, left, k, n;
	const kabi_walk_commit *c;
	const uint32_t *order, *parents;
	git_oid to_id, from_id;
	const git_oid **ptree = NULL;
	uint64_t *want = kabi_calloc(nwords, sizeof(*want)), *cand = kabi_calloc(nwords, sizeof(*cand)),
		 *changed = kabi_calloc(nwords, sizeof(*changed));
	int err = 0;

	if (git_oid_fromstr(&to_id, to) < 0 || (from && git_oid_fromstr(&from_id, from) < 0)) {
		err = kabi_error_set(KABI_EIO, "cannot walk history from %s", to);
		goto out;
	}
	if ((err = kabi_walk_range(w->walk, &to_id, from ? &from_id : NULL, &order, &n)) < 0)
		goto out;
	parents = kabi_walk_parents(w->walk);
	range_want(rg, want, nwords);
	for (k = 0; k < n && rg->left; k++) {
		c = kabi_walk_at(w->walk, order[k]);
		if (++rg->walked == REPORT_COMMITS)
			report(rg, 0);
		np = c->np;
		KABI_ARRAY_GROW(ptree, np, ap);
		/* the watchers that differ from every parent (a root commit:
		 * all); a parent that cannot be read differs and has nothing */
		memcpy(cand, want, nwords * sizeof(*cand));
		for (p = 0; p < np; p++) {
			const kabi_walk_commit *par = kabi_walk_at(w->walk, parents[c->par + p]);

			ptree[p] = par->flags & KABI_WALK_PARSED ? &par->tree : NULL;
		}
		for (p = 0; p < np && bits_any(cand, nwords); p++) {
			if (!ptree[p])
				continue;
			bits_clear(changed, nwords);
			tree_diff(w->ctx.repo, &c->tree, ptree[p], &w->watch.root, cand, changed, nwords);
			for (i = 0; i < nwords; i++)
				cand[i] &= changed[i];
		}
		if (!bits_any(cand, nwords))
			continue;
		left = rg->left;
		for (i = 0; i < rg->n; i++) {
			kabi_event *e = rg->evs[i];
			int fresh = 1;

			if (e->commit[0] || !bit_set(cand, (size_t)w->wid[e - w->main->model.events]))
				continue;
			if (!change_at(w, e, &c->tree))
				continue;
			for (p = 0; p < np && fresh; p++)
				if (ptree[p] && change_at(w, e, ptree[p]))
					fresh = 0;
			if (fresh) {
				if ((err = attribute(w, e, &c->id)) < 0)
					goto out;
				rg->left--;
			}
		}
		if (rg->left != left)
			range_want(rg, want, nwords);
	}
out:
	free(ptree);
	free(want);
	free(cand);
	free(changed);
	return err;
}

/* Through kabi's reader, as every other object (libgit2 would map the
 * pack index again for it). */
static int commit_exists(harvest_ctx *h, const char *hex)
{
	git_oid oid;
	git_object_t type;
	char *data;
	size_t len;

	if (git_oid_fromstr(&oid, hex) < 0 || kabi_repo_read(h->repo, &oid, &type, &data, &len) < 0) {
		kabi_error_clear();
		return 0;
	}
	free(data);
	return type == GIT_OBJECT_COMMIT;
}

static int by_range(const void *a, const void *b)
{
	const kabi_event *x = *(kabi_event *const *)a, *y = *(kabi_event *const *)b;

	if (x->ord != y->ord)
		return x->ord - y->ord;
	return x->prev_ord - y->prev_ord;
}

static void work(size_t k, void *arg)
{
	worker *w = &((worker *)arg)[k];
	range rg;

	memset(&rg, 0, sizeof(rg));
	rg.w = w;
	for (;;) {
		kabi_model *m = &w->main->model;
		const kabi_rel *to, *from;
		size_t g;
		int err;

		pthread_mutex_lock(w->lock);
		g = (*w->next)++;
		pthread_mutex_unlock(w->lock);
		if (g >= w->ngroups)
			break;
		if (w->main->opts->interrupted && *w->main->opts->interrupted) {
			w->err =
				kabi_error_set(KABI_EINTERRUPTED, "interrupted; the catalog was not changed");
			snprintf(w->errmsg, sizeof(w->errmsg), "%s", kabi_error_last());
			break;
		}
		rg.evs = w->groups[g];
		rg.n = rg.left = w->sizes[g];
		to = &m->rels[rg.evs[0]->ord];
		from = rg.evs[0]->prev_ord >= 0 ? &m->rels[rg.evs[0]->prev_ord] : NULL;
		/* Releases harvested from another repository cannot be walked here. */
		if (!commit_exists(&w->ctx, to->commit) || (from && !commit_exists(&w->ctx, from->commit))) {
			report(&rg, 1);
			continue;
		}
		w->ctx.cur_ref = to->name;
		worker_new_range(w);
		if ((err = walk_range(&rg, from ? from->commit : NULL, to->commit)) < 0) {
			w->err = err;
			snprintf(w->errmsg, sizeof(w->errmsg), "%s", kabi_error_last());
			break;
		}
		report(&rg, 1);
	}
}

int kabi__attribute(harvest_ctx *h)
{
	kabi_model *m = &h->model;
	kabi_event **todo, ***groups;
	size_t n = 0, i, j, ngroups = 0, *sizes, next = 0, nworkers, k, nl, nsig = 0;
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	kabi_progress prog = {KABI_PROGRESS_START, "attribution", "ranges", 0, 0, "commits", 0};
	const kabi_layout *layouts = kabi_layouts(&nl);
	const char **sigfiles;
	int *wid, *layout_abi;
	worker *ws;
	int err = 0;

	todo = kabi_malloc((m->nevents ? m->nevents : 1) * sizeof(*todo));
	for (i = 0; i < m->nevents; i++)
		if (!m->events[i].commit[0])
			todo[n++] = &m->events[i];
	if (n > 1)
		qsort(todo, n, sizeof(*todo), by_range);
	groups = kabi_malloc((n ? n : 1) * sizeof(*groups));
	sizes = kabi_malloc((n ? n : 1) * sizeof(*sizes));
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && todo[j]->ord == todo[i]->ord && todo[j]->prev_ord == todo[i]->prev_ord;
		     j++)
			;
		groups[ngroups] = &todo[i];
		sizes[ngroups++] = j - i;
	}
	/* Watchers: one per ABI, then one per distinct signature file. */
	wid = kabi_calloc(m->nevents ? m->nevents : 1, sizeof(*wid));
	sigfiles = kabi_malloc((n ? n : 1) * sizeof(*sigfiles));
	for (i = 0; i < n; i++) {
		kabi_event *e = todo[i];

		wid[e - m->events] = e->abi;
		if (e->kind != KABI_EV_SIGNATURE_CHANGED || !e->sig_file)
			continue;
		for (j = 0; j < nsig && strcmp(sigfiles[j], e->sig_file) != 0; j++)
			;
		if (j == nsig)
			sigfiles[nsig++] = e->sig_file;
		wid[e - m->events] = (int)(m->nabi + j);
	}
	layout_abi = kabi_malloc((nl ? nl : 1) * sizeof(*layout_abi));
	for (i = 0; i < nl; i++) {
		layout_abi[i] = kabi_abi_index(layouts[i].abi);
		if (layout_abi[i] >= (int)m->nabi)
			layout_abi[i] = -1;
	}
	/* What the phase counts: ranges (the history between two releases,
	 * usually one per release with events) and the commits walked. */
	prog.total = ngroups;
	kabi__progress(h, &prog, KABI_PROGRESS_START);
	/* Ranges are independent: one worker per core, each with its own
	 * repository handle and caches. */
	nworkers = kabi_pool_size(ngroups);
	ws = kabi_calloc(nworkers, sizeof(*ws));
	for (k = 0; k < nworkers && !err; k++) {
		worker *w = &ws[k];

		w->main = h;
		w->lock = &lock;
		w->prog = &prog;
		w->groups = groups;
		w->sizes = sizes;
		w->ngroups = ngroups;
		w->next = &next;
		w->wid = wid;
		w->layout_abi = layout_abi;
		w->nwatchers = m->nabi + nsig;
		w->hdr_seen = kabi_calloc(nl ? nl : 1, sizeof(*w->hdr_seen));
		for (i = 0; i < NMEMO; i++) {
			w->memo[i].tab = kabi_calloc(m->nabi ? m->nabi : 1, sizeof(*w->memo[i].tab));
			w->memo[i].set = kabi_calloc(m->nabi ? m->nabi : 1, 1);
		}
		watch_build(w, h, sigfiles, nsig);
		/* header-era results of the release phase serve every worker */
		kabi_hdr_cache_new(&w->ctx.cache.hdr);
		kabi_hdr_cache_set_base(w->ctx.cache.hdr, h->cache.hdr);
		w->ctx.opts = h->opts;
		w->ctx.stats = &w->stats;
		w->ctx.quiet = 1;
		kabi_intern_new(&w->ctx.pool);
		if ((err = kabi_repo_open(&w->ctx.repo, h->opts->repo)) < 0 ||
		    (err = kabi_walk_new(&w->walk, w->ctx.repo)) < 0)
			break;
	}
	if (!err)
		kabi_pool_run(nworkers, work, ws);
	for (k = 0; k < nworkers; k++) {
		if (!err && ws[k].err) {
			err = ws[k].err;
			kabi_error_set(err, "%s", ws[k].errmsg[0] ? ws[k].errmsg : "attribution failed");
		}
		{
			size_t f;

			for (f = 0; f < ws[k].nfiles; f++)
				free(ws[k].files[f].defs);
			free(ws[k].files);
		}
		for (i = 0; i < NMEMO; i++) {
			free(ws[k].memo[i].tab);
			free(ws[k].memo[i].set);
		}
		free(ws[k].hdr_seen);
		if (ws[k].watch.root.sub)
			wnode_free(&ws[k].watch.root);
		kabi_walk_free(ws[k].walk);
		kabi_repo_free(ws[k].ctx.repo);
		kabi__cache_free(&ws[k].ctx.cache);
		kabi_intern_free(ws[k].ctx.pool);
	}
	free(ws);
	if (!err)
		kabi__progress(h, &prog, KABI_PROGRESS_END);
	free(wid);
	free(sigfiles);
	free(layout_abi);
	free(groups);
	free(sizes);
	free(todo);
#ifdef __GLIBC__
	/* The workers' caches are gone, but glibc keeps their memory in the
	 * threads' arenas: give it back, or the rest of the harvest carries
	 * it as RSS. */
	malloc_trim(0);
#endif
	return err;
}
