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
 * with its parents on the tracked table paths only, descending from the root
 * tree into the subtrees whose ids differ, so most commits stop at the root
 * or one level below; tables are read (through the blob cache) only at the
 * few commits where a tracked file changed.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi.h"
#include "error.h"
#include "harvest_int.h"
#include "sig.h"
#include "strbuf.h"

/* The tracked paths as a trie of path components. */
typedef struct trie {
	char *name;
	struct trie *kids;
	size_t nkids;
	int leaf;
} trie;

static void trie_add(trie *t, const char *path)
{
	while (*path) {
		size_t n = strcspn(path, "/"), i;
		trie *kid = NULL;

		for (i = 0; i < t->nkids; i++)
			if (strlen(t->kids[i].name) == n && strncmp(t->kids[i].name, path, n) == 0)
				kid = &t->kids[i];
		if (!kid) {
			t->kids = kabi_realloc(t->kids, (t->nkids + 1) * sizeof(*t->kids));
			kid = &t->kids[t->nkids++];
			memset(kid, 0, sizeof(*kid));
			kid->name = kabi_strndup(path, n);
		}
		t = kid;
		path += n;
		if (*path == '/')
			path++;
	}
	t->leaf = 1;
}

static void trie_free(trie *t)
{
	size_t i;

	for (i = 0; i < t->nkids; i++)
		trie_free(&t->kids[i]);
	free(t->kids);
	free(t->name);
}

static void build_trie(trie *t)
{
	const kabi_layout *l;
	const kabi_abi_info *abis;
	size_t nl, nabi, i;
	char mk[256];

	memset(t, 0, sizeof(*t));
	l = kabi_layouts(&nl);
	abis = kabi_abis(&nabi);
	for (i = 0; i < nl; i++) {
		trie_add(t, l[i].path);
		if (l[i].format == KABI_FMT_GENERIC_TBL) {
			const kabi_abi_info *a = kabi_abi_find(l[i].abi);

			snprintf(mk, sizeof(mk), "arch/%s/kernel/Makefile.syscalls", a ? a->arch : "?");
			trie_add(t, mk);
		}
	}
	(void)abis;
	/* symbolic links point into scripts/ */
	trie_add(t, "scripts/syscall.tbl");
}

/* 1 when some tracked path differs between the two trees (NULL: empty). */
static int differs(git_repository *repo, const git_oid *a, const git_oid *b, const trie *t)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t i;
	int d = 0;

	if (a && b && git_oid_equal(a, b))
		return 0;
	if (!a || !b)
		return 1; /* conservatively: one side lacks the directory */
	if (git_tree_lookup(&ta, repo, a) < 0 || git_tree_lookup(&tb, repo, b) < 0) {
		d = 1;
		goto out;
	}
	for (i = 0; i < t->nkids && !d; i++) {
		const trie *k = &t->kids[i];
		const git_tree_entry *ea = git_tree_entry_byname(ta, k->name);
		const git_tree_entry *eb = git_tree_entry_byname(tb, k->name);

		if (!ea && !eb)
			continue;
		if (!ea || !eb) {
			d = 1;
			break;
		}
		if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
			continue;
		if (k->leaf || git_tree_entry_type(ea) != GIT_OBJECT_TREE || git_tree_entry_type(eb) != GIT_OBJECT_TREE)
			d = 1;
		else
			d = differs(repo, git_tree_entry_id(ea), git_tree_entry_id(eb), k);
	}
out:
	git_tree_free(ta);
	git_tree_free(tb);
	return d;
}

/* Does the ABI table `t` (NULL: no table) have the change event e made? */
static int has_change(const kabi_event *e, const kabi_table *t)
{
	const kabi_row *r = t ? kabi_table_find(t, e->name) : NULL;

	switch (e->kind) {
	case KABI_EV_ADDED:
		return r != NULL;
	case KABI_EV_REMOVED:
		return r == NULL;
	case KABI_EV_RENUMBERED:
	case KABI_EV_RENAMED:
		return r && r->nr == e->new_nr;
	case KABI_EV_ENTRY_CHANGED:
		return r && e->new_entry && (strcmp(r->entry, e->new_entry) == 0 || strcmp(r->compat, e->new_entry) == 0);
	case KABI_EV_UNIMPLEMENTED:
		return r && !r->implemented;
	case KABI_EV_REIMPLEMENTED:
		return r && r->implemented;
	default:
		return 0;
	}
}

/* A worker's scanned C files, by blob id (for signature events). */
typedef struct {
	git_oid blob;
	kabi_sigdef *defs;
	size_t n;
} sigfile;

/* One worker: its own repository handle, blob cache and string pool (none
 * of them is thread-safe), sharing only the model's events, each range's
 * events belonging to one worker. */
typedef struct {
	harvest_ctx ctx;  /* the worker's own */
	harvest_ctx *main;
	pthread_mutex_t *lock; /* guards main->pool and the range counter */
	kabi_event ***groups; /* ranges: events sharing (prev_ord, ord) */
	size_t *sizes, ngroups, *next;
	const trie *tracked;
	kabi_harvest_stats stats;
	sigfile *files;
	size_t nfiles;
	int err;
	char errmsg[1024];
} worker;

typedef struct {
	worker *w;
	kabi_event **evs; /* the range's unattributed events */
	size_t n, left;
	/* per-commit memo of ABI tables: the commit's and its first parents' */
	const kabi_table **memo;
	unsigned char *memo_set;
	git_oid memo_tree;
} range;

static const kabi_table *table_at(harvest_ctx *h, int abi, const git_oid *tree)
{
	kabi_abi_src src;

	if (kabi__abi_table_at(h, &src, abi, tree) < 0 || !src.present)
		return NULL;
	return src.table; /* owned by the harvest cache */
}

/* The table at the range's current commit, computed once per ABI. */
static const kabi_table *table_at_commit(range *rg, int abi, const git_oid *tree)
{
	if (!git_oid_equal(&rg->memo_tree, tree)) {
		memset(rg->memo_set, 0, rg->w->main->model.nabi);
		git_oid_cpy(&rg->memo_tree, tree);
	}
	if (!rg->memo_set[abi]) {
		rg->memo[abi] = table_at(&rg->w->ctx, abi, tree);
		rg->memo_set[abi] = 1;
	}
	return rg->memo[abi];
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
		git_blob *b;

		if (kabi_repo_blob(&b, w->ctx.repo, &blob) < 0)
			return 0;
		w->files = kabi_realloc(w->files, (w->nfiles + 1) * sizeof(*w->files));
		f = &w->files[w->nfiles++];
		git_oid_cpy(&f->blob, &blob);
		kabi_sig_scan_text(&f->defs, &f->n, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
				   e->sig_file, w->ctx.pool);
		git_blob_free(b);
	}
	for (i = 0; i < f->n; i++)
		if (strcmp(f->defs[i].entry, e->sig_entry) == 0 && strcmp(f->defs[i].norm, e->new_sig) == 0)
			return 1;
	return 0;
}

static int change_at(range *rg, const kabi_event *e, const git_oid *tree, int is_commit)
{
	if (e->kind == KABI_EV_SIGNATURE_CHANGED)
		return sig_has(rg->w, e, tree);
	return has_change(e, is_commit ? table_at_commit(rg, e->abi, tree) : table_at(&rg->w->ctx, e->abi, tree));
}

static void attribute(worker *w, kabi_event *e, git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	const char *msg = git_commit_summary(c);

	git_oid_tostr(e->commit, sizeof(e->commit), git_commit_id(c));
	e->commit_time = a ? (int64_t)a->when.time : (int64_t)git_commit_time(c);
	pthread_mutex_lock(w->lock);
	e->author = kabi_intern_str(w->main->pool, a && a->name ? a->name : "");
	e->subject = kabi_intern_str(w->main->pool, msg ? msg : "");
	pthread_mutex_unlock(w->lock);
}

/* Walks `to ^from` (from may be NULL) earliest first. */
static int walk_range(range *rg, const trie *tracked, const char *from, const char *to)
{
	git_repository *repo = kabi_repo_git(rg->w->ctx.repo);
	git_revwalk *walk = NULL;
	git_oid oid;
	int err = 0;

	if (git_revwalk_new(&walk, repo) < 0)
		return kabi_error_set(KABI_EIO, "cannot walk history: %s", git_error_last()->message);
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_oid_fromstr(&oid, to) < 0 || git_revwalk_push(walk, &oid) < 0) {
		err = kabi_error_set(KABI_EIO, "cannot walk history from %s", to);
		goto out;
	}
	if (from && (git_oid_fromstr(&oid, from) < 0 || git_revwalk_hide(walk, &oid) < 0)) {
		err = kabi_error_set(KABI_EIO, "cannot walk history from %s", from);
		goto out;
	}
	while (rg->left && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		unsigned np, p;
		int candidate = 1;
		size_t i;

		if (git_commit_lookup(&c, repo, &oid) < 0) {
			err = kabi_error_set(KABI_EIO, "cannot read commit: %s", git_error_last()->message);
			goto out;
		}
		np = git_commit_parentcount(c);
		/* TREESAME to any parent on the tracked paths: nothing new here */
		for (p = 0; p < np && candidate; p++)
			if (!differs(repo, git_commit_tree_id(c), git_commit_parent_id(c, p), tracked))
				candidate = 0;
		if (np == 0)
			candidate = 1;
		for (i = 0; candidate && i < rg->n; i++) {
			kabi_event *e = rg->evs[i];
			int fresh = 1;

			if (e->commit[0])
				continue;
			if (!change_at(rg, e, git_commit_tree_id(c), 1))
				continue;
			for (p = 0; p < np && fresh; p++) {
				git_commit *parent;

				if (git_commit_parent(&parent, c, p) < 0)
					continue;
				if (change_at(rg, e, git_commit_tree_id(parent), 0))
					fresh = 0;
				git_commit_free(parent);
			}
			if (fresh) {
				attribute(rg->w, e, c);
				rg->left--;
			}
		}
		git_commit_free(c);
	}
out:
	git_revwalk_free(walk);
	return err;
}

static int commit_exists(harvest_ctx *h, const char *hex)
{
	git_oid oid;
	git_odb *odb = NULL;
	int found;

	if (git_oid_fromstr(&oid, hex) < 0 || git_repository_odb(&odb, kabi_repo_git(h->repo)) < 0)
		return 0;
	found = git_odb_exists(odb, &oid);
	git_odb_free(odb);
	return found;
}

static int by_range(const void *a, const void *b)
{
	const kabi_event *x = *(kabi_event *const *)a, *y = *(kabi_event *const *)b;

	if (x->ord != y->ord)
		return x->ord - y->ord;
	return x->prev_ord - y->prev_ord;
}

static void *work(void *arg)
{
	worker *w = arg;
	size_t nabi = w->main->model.nabi;
	range rg;

	memset(&rg, 0, sizeof(rg));
	rg.w = w;
	rg.memo = kabi_calloc(nabi, sizeof(*rg.memo));
	rg.memo_set = kabi_calloc(nabi, 1);
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
			w->err = kabi_error_set(KABI_EINTERRUPTED, "interrupted; the catalog was not changed");
			snprintf(w->errmsg, sizeof(w->errmsg), "%s", kabi_error_last());
			break;
		}
		rg.evs = w->groups[g];
		rg.n = rg.left = w->sizes[g];
		to = &m->rels[rg.evs[0]->ord];
		from = rg.evs[0]->prev_ord >= 0 ? &m->rels[rg.evs[0]->prev_ord] : NULL;
		/* Releases harvested from another repository cannot be walked here. */
		if (!commit_exists(&w->ctx, to->commit) || (from && !commit_exists(&w->ctx, from->commit)))
			continue;
		w->ctx.cur_ref = to->name;
		memset(&rg.memo_tree, 0, sizeof(rg.memo_tree));
		if ((err = walk_range(&rg, w->tracked, from ? from->commit : NULL, to->commit)) < 0) {
			w->err = err;
			snprintf(w->errmsg, sizeof(w->errmsg), "%s", kabi_error_last());
			break;
		}
	}
	free(rg.memo);
	free(rg.memo_set);
	return NULL;
}

int kabi__attribute(harvest_ctx *h)
{
	kabi_model *m = &h->model;
	kabi_event **todo, ***groups;
	size_t n = 0, i, j, ngroups = 0, *sizes, next = 0, nworkers, k;
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	worker *ws;
	trie tracked;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
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
		for (j = i; j < n && todo[j]->ord == todo[i]->ord && todo[j]->prev_ord == todo[i]->prev_ord; j++)
			;
		groups[ngroups] = &todo[i];
		sizes[ngroups++] = j - i;
	}
	build_trie(&tracked);
	for (i = 0; i < n; i++)
		if (todo[i]->kind == KABI_EV_SIGNATURE_CHANGED && todo[i]->sig_file)
			trie_add(&tracked, todo[i]->sig_file);
	/* Ranges are independent: one worker per core, each with its own
	 * repository handle and caches. */
	nworkers = cpus > 1 ? (size_t)(cpus < 8 ? cpus : 8) : 1;
	if (nworkers > ngroups)
		nworkers = ngroups ? ngroups : 1;
	ws = kabi_calloc(nworkers, sizeof(*ws));
	for (k = 0; k < nworkers && !err; k++) {
		worker *w = &ws[k];

		w->main = h;
		w->lock = &lock;
		w->groups = groups;
		w->sizes = sizes;
		w->ngroups = ngroups;
		w->next = &next;
		w->tracked = &tracked;
		w->ctx.opts = h->opts;
		w->ctx.stats = &w->stats;
		w->ctx.quiet = 1;
		kabi_intern_new(&w->ctx.pool);
		if ((err = kabi_repo_open(&w->ctx.repo, h->opts->repo)) < 0)
			break;
	}
	if (!err && nworkers == 1) {
		work(&ws[0]);
	} else if (!err) {
		pthread_t *tids = kabi_calloc(nworkers, sizeof(*tids));

		for (k = 0; k < nworkers; k++)
			if (pthread_create(&tids[k], NULL, work, &ws[k]) != 0)
				work(&ws[k]); /* no thread: do its share here */
		for (k = 0; k < nworkers; k++)
			if (tids[k])
				pthread_join(tids[k], NULL);
		free(tids);
	}
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
		kabi_repo_free(ws[k].ctx.repo);
		kabi__cache_free(&ws[k].ctx.cache);
		kabi_intern_free(ws[k].ctx.pool);
	}
	free(ws);
	trie_free(&tracked);
	free(groups);
	free(sizes);
	free(todo);
	return err;
}
