/*
 * sigtime.c - signatures over time: per release and ABI, the normalised
 * argument list of each syscall's entry point, turned into signature spans
 * and "signature_changed" events by the same span builder as the tables.
 *
 * A signature table is a kabi_table whose rows carry the normalised
 * argument list in `entry` (number 0, implemented 1), so two releases with
 * the same signatures have equal fingerprints and the builder's O(1) path
 * applies.  Identical signature tables are shared between releases.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "array.h"
#include "error.h"
#include "harvest_int.h"
#include "pool.h"
#include "sig_tree.h"

/* The entry point whose definition gives the ABI's signature: the compat
 * column for ABIs that only run as compat tasks (x32, arm64-compat,
 * mips-n32, s390), the entry otherwise, whichever exists. */
static const char *sig_entry(const kabi_abi_info *abi, const kabi_row *r)
{
	int compat_first = kabi_sig_abi_compat_only(abi);

	if (compat_first && kabi_entry_is_impl(r->compat))
		return r->compat;
	if (kabi_entry_is_impl(r->entry))
		return r->entry;
	if (kabi_entry_is_impl(r->compat))
		return r->compat;
	return NULL;
}

static int same_rows(const kabi_table *a, const kabi_table *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->rows[i].name != b->rows[i].name || a->rows[i].entry != b->rows[i].entry)
			return 0;
	return 1;
}

static const kabi_table *shared_table(harvest_ctx *h, kabi_table *t)
{
	size_t i;

	for (i = 0; i < h->nsigtabs; i++) {
		const kabi_table *o = h->sigtabs[i];

		if (o->fingerprint == t->fingerprint && same_rows(o, t)) {
			kabi_table_free(t);
			free(t);
			return o;
		}
	}
	KABI_ARRAY_GROW(h->sigtabs, h->nsigtabs + 1, h->asigtabs);
	h->sigtabs[h->nsigtabs++] = t;
	return t;
}

/*
 * The scan of a tree costs what changed since the scanning worker's previous
 * tree, so each worker takes a run of consecutive releases (in version
 * order) with its own repository handle and cache.  What the releases share
 * (the string pool, the distinct tables, the display map) is order-free and
 * taken under a lock.
 */
typedef struct {
	kabi_rel *rel;
	const git_oid *tree;
} sigjob;

typedef struct {
	harvest_ctx *h;
	const sigjob *jobs; /* in version order */
	size_t from, to;
	kabi_repo *repo;     /* the worker's own */
	int save_view;       /* its last release is the catalog's last: keep its scan's view */
	unsigned char *view; /* that view, for the model once every worker is done */
	size_t view_len;
	pthread_mutex_t *lock; /* guards what the releases share, and prog */
	kabi_progress *prog;   /* the "signatures" phase, shared */
	int err;
	char errmsg[1024];
} sigworker;

/*
 * "In the table" is not "implemented": an entry point that nothing built
 * for the ABI's architecture defines (no definition in generic code or the
 * arch's own directory) and that kernel/sys_ni.c makes weak (cond_syscall,
 * COND_SYSCALL) is sys_ni_syscall at run time: sys_map_shadow_stack in the
 * generic table of 6.6+ is defined in arch/x86 alone.  So is one whose
 * definition returns -ENOSYS under a macro the arch's asm/unistd.h defines
 * (__ARCH_BROKEN_SYS_CLONE3: clone3 on nios2, hexagon at 6.12).  Such rows become
 * KABI_IMPL_NO with a reason; the release gets its own copy of the table
 * (tables are shared by releases with the same files).  A row that stays
 * implemented gets the Kconfig options its definitions are built under
 * (built_if(), kabi_row.config).  Caller holds the lock.
 */
/*
 * The Kconfig options that every definition of entry the ABI may compile
 * requires: that of the chosen one when each of the others (variants, and
 * those it shadows) has the same; NULL when there are none, or when they
 * differ (no condition is made up).  Caller holds the lock.
 */
static const char *built_if(const kabi_sigset *set, const kabi_abi_info *abi, const char *entry)
{
	kabi_sigcand c[16];
	size_t n = kabi_sig_candidates(c, 16, set, abi, entry), i;
	const char *cond = NULL;

	if (n == 0 || n > 16 || c[0].verdict != KABI_SIGR_CHOSEN)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *ci;

		if (c[i].verdict == KABI_SIGR_EXCLUDED)
			continue;
		ci = kabi_sigset_built_if(set, abi, c[i].def);
		if (!*ci || (cond && cond != ci))
			return NULL;
		cond = ci;
	}
	return cond;
}

static void not_built(harvest_ctx *h, kabi_abi_src *src, const kabi_abi_info *abi, const kabi_sigset *set)
{
	const kabi_table *t = src->table;
	kabi_row *rows = NULL;
	kabi_table *nt;
	size_t i, nflip = 0, nno = 0;
	char why[256];

	for (i = 0; i < t->n; i++) {
		const kabi_row *r = &t->rows[i];
		const char *entry, *hdr = NULL;
		const kabi_sigdef *d;
		kabi_sigcand c[1];

		if (r->implemented != KABI_IMPL_YES || !(entry = sig_entry(abi, r)))
			continue;
		if ((d = kabi_sig_resolve(set, abi, entry)) != NULL) {
			/* the arch opts out: the body returns -ENOSYS */
			if (!d->enosys_if || !(hdr = kabi_sigset_arch_broken(set, abi->arch, d->enosys_if))) {
				const char *cfg = built_if(set, abi, entry);

				if (cfg == r->config)
					continue;
				if (!rows) {
					rows = kabi_malloc(t->n * sizeof(*rows));
					memcpy(rows, t->rows, t->n * sizeof(*rows));
				}
				rows[i].config = cfg;
				nflip++;
				continue;
			}
			snprintf(why, sizeof(why), "%s: %s returns -ENOSYS on %s (%s)", d->enosys_if,
				 d->entry, abi->arch, hdr);
		} else if (kabi_sigset_is_cond(set, entry) &&
			   kabi_sig_candidates(c, 1, set, abi, entry) == 0) {
			snprintf(why, sizeof(why), "cond_syscall only: no definition of %s is built for %s",
				 entry, abi->arch);
		} else {
			continue;
		}
		if (!rows) {
			rows = kabi_malloc(t->n * sizeof(*rows));
			memcpy(rows, t->rows, t->n * sizeof(*rows));
		}
		rows[i].implemented = KABI_IMPL_NO;
		rows[i].why = kabi_intern_str(h->pool, why);
		rows[i].config = NULL;
		nflip++;
		nno++;
	}
	if (!nflip)
		return;
	nt = kabi_calloc(1, sizeof(*nt));
	kabi_table_from_rows(nt, rows, t->n);
	free(rows);
	KABI_ARRAY_GROW(h->nbtabs, h->nnbtabs + 1, h->anbtabs);
	h->nbtabs[h->nnbtabs++] = nt;
	src->table = nt;
	src->fingerprint = nt->fingerprint;
	src->implemented -= (int)nno;
}

/* A release's signature tables from its definitions. */
static void sig_apply(sigworker *w, kabi_rel *rel, const kabi_sigset *set, const char *empty)
{
	harvest_ctx *h = w->h;
	const kabi_abi_info *abis;
	size_t nabi, a, i;
	kabi_row *rows = NULL;
	const kabi_sigdef **defs = NULL;
	size_t arows = 0;

	abis = kabi_abis(&nabi);
	for (a = 0; a < nabi; a++) {
		const kabi_table *t = rel->abi[a].table;
		kabi_table *st;
		size_t n = 0;

		if (!rel->abi[a].present || !t)
			continue;
		pthread_mutex_lock(w->lock);
		not_built(h, &rel->abi[a], &abis[a], set);
		pthread_mutex_unlock(w->lock);
		t = rel->abi[a].table;
		if (t->n > arows) {
			KABI_ARRAY_GROW(rows, t->n, arows);
			KABI_ARRAY_RESIZE(defs, arows);
		}
		for (i = 0; i < t->n; i++) {
			const char *entry = sig_entry(&abis[a], &t->rows[i]);
			const kabi_sigdef *d = entry ? kabi_sig_resolve(set, &abis[a], entry) : NULL;

			if (!d)
				continue;
			defs[n] = d;
			rows[n].nr = 0;
			rows[n].name = t->rows[i].name;
			rows[n].entry = d->norm;
			rows[n].compat = empty;
			rows[n].implemented = KABI_IMPL_YES;
			rows[n].why = NULL;
			rows[n].config = NULL;
			n++;
		}
		st = kabi_calloc(1, sizeof(*st));
		kabi_table_from_rows(st, rows, n);
		pthread_mutex_lock(w->lock);
		for (i = 0; i < n; i++)
			kabi_sigdisp_put(&h->model, (int)a, rows[i].name, defs[i]->norm,
					 &(kabi_sigdisp){defs[i]->args, defs[i]->file, defs[i]->line},
					 kabi_version_key(&rel->version));
		rel->sig[a].table = shared_table(h, st);
		pthread_mutex_unlock(w->lock);
		rel->sig[a].present = 1;
		rel->sig[a].fingerprint = rel->sig[a].table->fingerprint;
		rel->sig[a].rows = (int)n;
	}
	free(rows);
	free(defs);
}

static void sig_work(size_t k, void *arg)
{
	sigworker *w = &((sigworker *)arg)[k];
	harvest_ctx *h = w->h;
	kabi_sig_cache *sc;
	const char *empty = kabi_intern_len(h->pool, "", 0);
	size_t i;

	kabi_sig_cache_new(&sc, h->pool);
	/* the previous harvest's view: its first scan reads what changed since
	 * (a view that cannot be read only means reading the whole tree) */
	if (h->model.scan_view)
		(void)kabi_sig_cache_restore(sc, h->model.scan_view, h->model.scan_view_len);
	for (i = w->from; i < w->to; i++) {
		kabi_rel *rel = w->jobs[i].rel;
		kabi_sigset *set = NULL;
		size_t ndefs;
		int err;

		if (h->opts->interrupted && *h->opts->interrupted) {
			w->err =
				kabi_error_set(KABI_EINTERRUPTED, "interrupted; the catalog was not changed");
			break;
		}
		if ((err = kabi_sig_scan_tree(&set, w->repo, w->jobs[i].tree, sc, NULL)) < 0) {
			w->err = kabi_error_set(err, "cannot scan signatures at %s: %s", rel->name,
						kabi_error_last());
			break;
		}
		/* a tree with no C sources (fixtures, table-only trees) has no
		 * signature tables */
		kabi_sigset_defs(set, &ndefs);
		if (ndefs)
			sig_apply(w, rel, set, empty);
		kabi_sigset_free(set);
		pthread_mutex_lock(w->lock);
		w->prog->done++;
		kabi__progress(h, w->prog, KABI_PROGRESS_STEP);
		pthread_mutex_unlock(w->lock);
	}
	/* the view goes into the model once every worker is done: others may
	 * still be reading the previous one */
	if (!w->err && w->save_view && w->to > w->from)
		w->err = kabi_sig_cache_save(sc, &w->view, &w->view_len);
	if (w->err)
		snprintf(w->errmsg, sizeof(w->errmsg), "%s", kabi_error_last());
	kabi_sig_cache_free(sc);
}

static int by_version(const void *a, const void *b)
{
	const kabi_rel *x = ((const sigjob *)a)->rel, *y = ((const sigjob *)b)->rel;
	int64_t kx = kabi_version_key(&x->version), ky = kabi_version_key(&y->version);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return strcmp(x->name, y->name);
}

int kabi__sig_releases(harvest_ctx *h, kabi_rel **rels, const git_oid **trees, size_t n)
{
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	size_t nw = kabi_pool_size(n), k;
	kabi_progress prog = {KABI_PROGRESS_START, "signatures", "releases", 0, n, NULL, 0};
	sigjob *jobs;
	sigworker *ws;
	int err = 0;

	kabi__progress(h, &prog, KABI_PROGRESS_START);
	if (n == 0) {
		kabi__progress(h, &prog, KABI_PROGRESS_END);
		return 0;
	}
	/* consecutive releases differ least: scan in version order */
	jobs = kabi_malloc(n * sizeof(*jobs));
	for (k = 0; k < n; k++) {
		jobs[k].rel = rels[k];
		jobs[k].tree = trees[k];
	}
	qsort(jobs, n, sizeof(*jobs), by_version);
	ws = kabi_calloc(nw, sizeof(*ws));
	/* the view kept for the next harvest is that of the catalog's last
	 * release, when this harvest scans it */
	{
		int64_t last = kabi_version_key(&jobs[n - 1].rel->version);

		ws[nw - 1].save_view = 1;
		for (k = 0; k < h->model.nrels; k++)
			if (kabi_version_key(&h->model.rels[k].version) > last)
				ws[nw - 1].save_view = 0;
	}
	kabi_intern_share(h->pool);
	for (k = 0; k < nw && !err; k++) {
		ws[k].h = h;
		ws[k].jobs = jobs;
		ws[k].from = n * k / nw;
		ws[k].to = n * (k + 1) / nw;
		ws[k].lock = &lock;
		ws[k].prog = &prog;
		/* the first worker reads through the harvest's own handle */
		if (k == 0)
			ws[k].repo = h->repo;
		else
			err = kabi_repo_open(&ws[k].repo, h->opts->repo);
	}
	/* worker 0 runs on this thread, with the harvest's own handle */
	if (!err)
		kabi_pool_run(nw, sig_work, ws);
	for (k = 0; k < nw; k++) {
		if (!err && ws[k].err)
			err = kabi_error_set(ws[k].err, "%s", ws[k].errmsg);
		if (!err && ws[k].view) {
			free(h->model.scan_view);
			free(h->model.scan_view_release);
			h->model.scan_view = ws[k].view;
			h->model.scan_view_len = ws[k].view_len;
			h->model.scan_view_release = kabi_strdup(jobs[ws[k].to - 1].rel->name);
			ws[k].view = NULL;
		}
		free(ws[k].view);
		if (k > 0)
			kabi_repo_free(ws[k].repo);
	}
	free(ws);
	free(jobs);
	if (!err)
		kabi__progress(h, &prog, KABI_PROGRESS_END);
	return err;
}

void kabi__sig_free(harvest_ctx *h)
{
	size_t i;

	for (i = 0; i < h->nsigtabs; i++) {
		kabi_table_free(h->sigtabs[i]);
		free(h->sigtabs[i]);
	}
	free(h->sigtabs);
	for (i = 0; i < h->nnbtabs; i++) {
		kabi_table_free(h->nbtabs[i]);
		free(h->nbtabs[i]);
	}
	free(h->nbtabs);
}

/* Display of a signature span that starts at a new release: the earliest
 * release's writing of that argument list; at an old release: the old span
 * that covered it. */
static void display(const kabi_model *m, const kabi_span *s, kabi_sigdisp *out)
{
	const kabi_rel *r = &m->rels[s->first];
	size_t i;

	memset(out, 0, sizeof(*out));
	if (r->old_ord < 0) {
		const kabi_sigdisp *d = kabi_sigdisp_get(m, s->abi, s->name, s->entry);

		if (d)
			*out = *d;
		return;
	}
	for (i = 0; i < m->nold_sig_spans; i++) {
		const kabi_span *o = &m->old_sig_spans[i];

		if (o->abi == s->abi && o->name == s->name && o->first <= r->old_ord &&
		    o->last >= r->old_ord) {
			*out = m->old_sig_disp[i];
			return;
		}
	}
}

int kabi_sig_spans_build(kabi_model *m)
{
	kabi_model sm;
	size_t i, any = 0;
	int err;

	for (i = 0; i < m->nrels && !any; i++) {
		size_t a;

		for (a = 0; a < m->nabi; a++)
			any |= (size_t)m->rels[i].sig[a].present;
	}
	if (!any && m->nold_sig_spans == 0)
		return 0;
	memset(&sm, 0, sizeof(sm));
	sm.pool = m->pool;
	sm.nabi = m->nabi;
	sm.nrels = m->nrels;
	sm.rels = kabi_malloc((m->nrels ? m->nrels : 1) * sizeof(*sm.rels));
	for (i = 0; i < m->nrels; i++) {
		sm.rels[i] = m->rels[i];
		sm.rels[i].abi = m->rels[i].sig;
	}
	/* the builder sorts old spans: give it a copy, keep ours aligned with disp */
	sm.nold_spans = m->nold_sig_spans;
	sm.old_spans = kabi_malloc((sm.nold_spans ? sm.nold_spans : 1) * sizeof(*sm.old_spans));
	if (sm.nold_spans)
		memcpy(sm.old_spans, m->old_sig_spans, sm.nold_spans * sizeof(*sm.old_spans));
	if ((err = kabi_spans_build(&sm)) < 0 || (err = kabi_events_derive(&sm)) < 0)
		goto out;
	m->sig_spans = sm.spans;
	m->nsig_spans = sm.nspans;
	sm.spans = NULL;
	m->sig_disp = kabi_calloc(m->nsig_spans ? m->nsig_spans : 1, sizeof(*m->sig_disp));
	for (i = 0; i < m->nsig_spans; i++)
		display(m, &m->sig_spans[i], &m->sig_disp[i]);
	for (i = 0; i < sm.nevents; i++) {
		const kabi_event *se = &sm.events[i];
		kabi_event *e;

		if (se->kind != KABI_EV_ENTRY_CHANGED)
			continue;
		KABI_ARRAY_GROW(m->events, m->nevents + 1, m->aevents);
		e = &m->events[m->nevents++];
		memset(e, 0, sizeof(*e));
		e->abi = se->abi;
		e->name = se->name;
		e->kind = KABI_EV_SIGNATURE_CHANGED;
		e->ord = se->ord;
		e->prev_ord = se->prev_ord;
		e->old_nr = e->new_nr = -1;
		e->old_sig = se->old_entry;
		e->new_sig = se->new_entry;
		{
			const kabi_rel *r = &m->rels[e->ord];
			const kabi_row *row =
				r->abi[e->abi].table ? kabi_table_find(r->abi[e->abi].table, e->name) : NULL;
			size_t k;
			const kabi_abi_info *abis = kabi_abis(&k);

			e->sig_entry = row ? sig_entry(&abis[e->abi], row) : NULL;
			for (k = 0; k < m->nsig_spans; k++)
				if (m->sig_spans[k].abi == e->abi && m->sig_spans[k].name == e->name &&
				    m->sig_spans[k].first == e->ord)
					e->sig_file = m->sig_disp[k].file;
		}
	}
	err = 0;
out:
	free(sm.rels);
	free(sm.old_spans);
	free(sm.spans);
	free(sm.events);
	return err;
}
