#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"
#include "array.h"
#include "layout.h"
#include "catalog.h"
#include "error.h"
#include "harvest.h"
#include "harvest_int.h"
#include "hdr_tree.h"
#include "model.h"
#include "strbuf.h"
#include "table.h"
#include "tbl.h"

static size_t cache_hash(const git_oid *blob, const git_oid *aux, int layout)
{
	size_t h = (size_t)layout * 0x9e3779b97f4a7c15ULL, a, b;

	memcpy(&a, blob->id, sizeof(a)); /* object ids are not aligned */
	memcpy(&b, aux->id, sizeof(b));
	return h ^ a ^ (b * 31);
}

static cache_entry **cache_slot(cache *c, const git_oid *blob, const git_oid *aux, int layout)
{
	size_t j;

	if (c->used * 2 >= c->cap) {
		cache_entry **old = c->slots;
		size_t oldcap = c->cap, i;

		c->cap = c->cap ? c->cap * 2 : 256;
		c->slots = kabi_calloc_written(c->cap, sizeof(*c->slots));
		for (i = 0; i < oldcap; i++) {
			if (!old[i])
				continue;
			j = cache_hash(&old[i]->blob, &old[i]->aux, old[i]->layout) & (c->cap - 1);
			while (c->slots[j])
				j = (j + 1) & (c->cap - 1);
			c->slots[j] = old[i];
		}
		free(old);
	}
	j = cache_hash(blob, aux, layout) & (c->cap - 1);
	while (c->slots[j]) {
		cache_entry *e = c->slots[j];

		if (e->layout == layout && git_oid_equal(&e->blob, blob) && git_oid_equal(&e->aux, aux))
			break;
		j = (j + 1) & (c->cap - 1);
	}
	return &c->slots[j];
}

void kabi__cache_free(cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++) {
		if (!c->slots[i])
			continue;
		kabi_tbl_free(&c->slots[i]->tbl);
		kabi_table_free(&c->slots[i]->table);
		free(c->slots[i]);
	}
	free(c->slots);
	for (i = 0; i < c->nmerged; i++) {
		kabi_table_free(&c->merged[i]->table);
		free(c->merged[i]);
	}
	free(c->merged);
	kabi_hdr_cache_free(c->hdr);
}

void kabi__progress(const harvest_ctx *h, kabi_progress *p, kabi_progress_event event)
{
	p->event = event;
	if (h->opts->progress)
		h->opts->progress(h->opts->ctx, p);
}

static void note(harvest_ctx *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(harvest_ctx *h, const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	va_list ap;

	if (h->quiet)
		return;
	h->stats->warnings++;
	if (!h->opts->note)
		return;
	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	h->opts->note(h->opts->ctx, sb.buf);
	kabi_strbuf_free(&sb);
}

static void ref_note(void *ctx, const char *msg)
{
	note(ctx, "%s", msg);
}

static void line_warning(void *ctx, int line, const char *msg)
{
	harvest_ctx *h = ctx;

	note(h, "%s: %s:%d: %s (line skipped)", h->cur_ref, h->cur_path, line, msg);
}

/* A row of a table the file has but the ABI's table leaves out or holds
 * twice (kabi_tbl_select). */
static void select_warning(void *ctx, int line, const char *msg)
{
	harvest_ctx *h = ctx;

	note(h, "%s: %s:%d: %s: %s", h->cur_ref, h->cur_path, line, h->cur_abi, msg);
}

/* The parsed lines of a .tbl blob, from the cache or parsed now. */
static int parsed_tbl(const kabi_tbl **out, harvest_ctx *h, const git_oid *blob, const char *path)
{
	static const git_oid zero;
	cache_entry **slot = cache_slot(&h->cache, blob, &zero, -1);
	char *text;
	size_t len;
	int err;

	if (*slot) {
		*out = &(*slot)->tbl;
		return 0;
	}
	if ((err = kabi_repo_blob(h->repo, blob, &text, &len)) < 0)
		return kabi_error_set(err, "cannot read '%s' at %s: %s", path, h->cur_ref, kabi_error_last());
	*slot = kabi_calloc(1, sizeof(**slot));
	h->cache.used++;
	git_oid_cpy(&(*slot)->blob, blob);
	(*slot)->layout = -1;
	h->cur_path = path;
	kabi_tbl_parse(&(*slot)->tbl, text, len, h->pool, line_warning, h);
	free(text);
	h->stats->blobs_parsed++;
	*out = &(*slot)->tbl;
	return 0;
}

/* Makes table src's table: its fingerprint, rows and implemented count
 * (rows that are KABI_IMPL_YES; unknown is not counted). */
static void set_table(kabi_abi_src *src, const kabi_table *table)
{
	size_t i;

	src->table = table;
	src->fingerprint = table->fingerprint;
	src->rows = (int)table->n;
	src->implemented = 0;
	for (i = 0; i < table->n; i++)
		src->implemented += table->rows[i].implemented == KABI_IMPL_YES;
}

/* Fills src from a table that a layout row yielded. */
static void set_src(harvest_ctx *h, kabi_abi_src *src, const kabi_layout *l, const git_oid *blob,
		    const kabi_table *table)
{
	src->present = 1;
	src->path = kabi_intern_str(h->pool, l->path);
	git_oid_tostr(src->blob, sizeof(src->blob), blob);
	src->note = table->note;
	set_table(src, table);
}

static void hdr_warning(void *ctx, int line, const char *msg)
{
	harvest_ctx *h = ctx;

	if (line > 0) /* one define: msg names its file and line */
		note(h, "%s: %s (define skipped)", h->cur_ref, msg);
	else
		note(h, "%s: %s: %s (header skipped)", h->cur_ref, h->cur_path, msg);
}

/* A KABI_FMT_HEADER row: the preprocessor run is cached in harvest/hdr.c by
 * the blob ids of every file it read. */
static int try_header(harvest_ctx *h, kabi_abi_src *src, int li, const kabi_layout *l,
		      const kabi_abi_info *abi, const git_oid *tree)
{
	const kabi_table *table;
	git_oid blob;
	int err;

	if (!h->cache.hdr)
		kabi_hdr_cache_new(&h->cache.hdr);
	h->cur_path = l->path;
	err = kabi_hdr_table(&table, &blob, l, li, abi, h->repo, tree, h->cache.hdr, h->pool, hdr_warning, h);
	if (err == KABI_ENOTFOUND)
		return 0;
	if (err < 0)
		return kabi_error_set(err, "cannot read '%s' at %s: %s", l->path, h->cur_ref,
				      kabi_error_last());
	set_src(h, src, l, &blob, table);
	if (table->note)
		note(h, "%s: %s: %s (table read without it)", h->cur_ref, l->path, table->note);
	return 1;
}

/* Tries one layout row at a tree; fills src when it yields a table. */
static int try_layout(harvest_ctx *h, kabi_abi_src *src, int li, const kabi_layout *l,
		      const kabi_abi_info *abi, const git_oid *tree)
{
	git_oid blob, aux;
	const kabi_tbl *tbl = NULL;
	cache_entry **slot;
	char tags[512];
	int err;

	if (l->format == KABI_FMT_HEADER)
		return try_header(h, src, li, l, abi, tree);
	memset(&aux, 0, sizeof(aux));
	err = kabi_repo_find(&blob, h->repo, tree, l->path);
	if (err == KABI_ENOTFOUND)
		return 0;
	if (err < 0)
		return kabi_error_set(err, "cannot read '%s' at %s: %s", l->path, h->cur_ref,
				      kabi_error_last());
	if (l->format == KABI_FMT_GENERIC_TBL) {
		char mk[256];

		snprintf(mk, sizeof(mk), "arch/%s/kernel/Makefile.syscalls", abi->arch);
		err = kabi_repo_find(&aux, h->repo, tree, mk);
		if (err == KABI_ENOTFOUND)
			return 0; /* the arch does not use the generic table here */
		if (err < 0)
			return err;
	}
	slot = cache_slot(&h->cache, &blob, &aux, li);
	if (!*slot) {
		cache_entry *e = kabi_calloc(1, sizeof(*e));

		git_oid_cpy(&e->blob, &blob);
		git_oid_cpy(&e->aux, &aux);
		e->layout = li;
		if ((err = parsed_tbl(&tbl, h, &blob, l->path)) < 0) {
			free(e);
			return err;
		}
		slot = cache_slot(&h->cache, &blob, &aux, li); /* the parse may have grown the cache */
		if (l->format == KABI_FMT_GENERIC_TBL) {
			char *text;
			size_t len;

			if ((err = kabi_repo_blob(h->repo, &aux, &text, &len)) < 0) {
				free(e);
				return err;
			}
			err = kabi_generic_tags(tags, sizeof(tags), text, len, abi->bits);
			free(text);
			if (err == KABI_ENOTFOUND) { /* no ABI of that word size: remembered as none */
				*slot = e;
				h->cache.used++;
				return 0;
			}
			if (err < 0) {
				note(h, "%s: arch/%s/kernel/Makefile.syscalls: too many ABI tags", h->cur_ref,
				     abi->arch);
				free(e);
				return 0;
			}
		} else {
			snprintf(tags, sizeof(tags), "%s", l->tags);
		}
		h->cur_path = l->path;
		h->cur_abi = abi->name;
		e->found = kabi_tbl_select(&e->table, tbl, tags, l->offset, l->flags, h->pool, select_warning,
					   h) == 0;
		if (e->found)
			kabi_table_rename(&e->table, l->renames, h->pool);
		*slot = e;
		h->cache.used++;
	}
	if (!(*slot)->found)
		return 0;
	set_src(h, src, l, &blob, &(*slot)->table);
	return 1;
}

/* The table of main's rows and priv's (a name in both: main's row), made
 * once per pair of contents and kept in the cache. */
static const kabi_table *merged_table(harvest_ctx *h, const kabi_table *main, const kabi_table *priv)
{
	cache *c = &h->cache;
	merged_entry *m;
	kabi_row *rows;
	size_t i, n;

	for (i = 0; i < c->nmerged; i++)
		if (c->merged[i]->main_fp == main->fingerprint &&
		    c->merged[i]->private_fp == priv->fingerprint)
			return &c->merged[i]->table;
	KABI_ARRAY_GROW(c->merged, c->nmerged + 1, c->amerged);
	m = c->merged[c->nmerged++] = kabi_calloc(1, sizeof(*m));
	m->main_fp = main->fingerprint;
	m->private_fp = priv->fingerprint;
	rows = kabi_malloc((main->n + priv->n + 1) * sizeof(*rows));
	memcpy(rows, main->rows, main->n * sizeof(*rows));
	n = main->n;
	for (i = 0; i < priv->n; i++)
		if (!kabi_table_find(main, priv->rows[i].name))
			rows[n++] = priv->rows[i];
	kabi_table_from_rows(&m->table, rows, n);
	free(rows);
	return &m->table;
}

/* Adds the ABI's private syscalls (the first KABI_FMT_PRIVATE row that has
 * any) to the table src holds; its path and blob stay the table's. */
static int add_private(harvest_ctx *h, kabi_abi_src *src, const kabi_abi_info *abi, const git_oid *tree)
{
	const kabi_layout *layouts;
	const kabi_table *priv;
	git_oid blob;
	size_t nl, li;
	int err;

	layouts = kabi_layouts(&nl);
	for (li = 0; li < nl; li++) {
		const kabi_layout *l = &layouts[li];

		if (l->format != KABI_FMT_PRIVATE || strcmp(l->abi, abi->name) != 0)
			continue;
		if (!h->cache.hdr)
			kabi_hdr_cache_new(&h->cache.hdr);
		h->cur_path = l->path;
		err = kabi_hdr_table(&priv, &blob, l, (int)li, abi, h->repo, tree, h->cache.hdr, h->pool,
				     hdr_warning, h);
		if (err == KABI_ENOTFOUND)
			continue;
		if (err < 0)
			return kabi_error_set(err, "cannot read '%s' at %s: %s", l->path, h->cur_ref,
					      kabi_error_last());
		set_table(src, merged_table(h, src->table, priv));
		return 0;
	}
	return 0;
}

int kabi__abi_table_at(harvest_ctx *h, kabi_abi_src *src, int abi, const git_oid *tree)
{
	const kabi_layout *layouts;
	const kabi_abi_info *abis;
	size_t nl, nabi, li;
	int err;

	layouts = kabi_layouts(&nl);
	abis = kabi_abis(&nabi);
	memset(src, 0, sizeof(*src));
	for (li = 0; li < nl; li++) {
		if (strcmp(layouts[li].abi, abis[abi].name) != 0 || layouts[li].format == KABI_FMT_PRIVATE)
			continue;
		err = try_layout(h, src, (int)li, &layouts[li], &abis[abi], tree);
		if (err < 0)
			return err;
		if (err > 0)
			return abis[abi].private_last ? add_private(h, src, &abis[abi], tree) : 0;
	}
	return 0;
}

/* Reads every ABI's table at one release. */
static int read_release(harvest_ctx *h, kabi_rel *rel, const kabi_ref *ref)
{
	size_t a;
	int err;

	h->cur_ref = rel->name;
	for (a = 0; a < h->model.nabi; a++)
		if ((err = kabi__abi_table_at(h, &rel->abi[a], (int)a, &ref->tree)) < 0)
			return err;
	return 0;
}

/* The time since the last call, as the phase `what` of stats (what NULL:
 * the start). */
static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void phase(kabi_harvest_stats *stats, const char *what)
{
	static struct timespec last, last_cpu;
	struct timespec now, cpu;

	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	if (what && stats->nphases < KABI_HARVEST_MAX_PHASES) {
		kabi_harvest_phase *ph = &stats->phases[stats->nphases++];
		long pages = 0, rss = 0;
		FILE *f = fopen("/proc/self/statm", "r");

		if (f) {
			if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
				rss = 0;
			fclose(f);
		}
		ph->name = what;
		ph->wall = secs(&last, &now);
		ph->cpu = secs(&last_cpu, &cpu);
		ph->rss_mib = rss * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
	}
	last = now;
	last_cpu = cpu;
}

/*
 * A re-harvest with nothing new (every ref names the commit its release in
 * the catalog has) answers from the release table alone, without loading
 * the catalog: the number of releases, or 0 when there is work.
 */
static int up_to_date(const char *target, const kabi_ref *refs, size_t nrefs)
{
	const char **names = kabi_malloc((nrefs + 1) * sizeof(*names)), **commits;
	char(*hex)[GIT_OID_HEXSZ + 1] = kabi_malloc((nrefs + 1) * sizeof(*hex));
	size_t i;
	int have;

	commits = kabi_malloc((nrefs + 1) * sizeof(*commits));
	for (i = 0; i < nrefs; i++) {
		names[i] = refs[i].name;
		commits[i] = git_oid_tostr(hex[i], sizeof(hex[i]), &refs[i].commit);
	}
	have = kabi_catalog_has_releases(target, names, commits, nrefs);
	free(names);
	free(commits);
	free(hex);
	return have;
}

int kabi_harvest(kabi_harvest_stats *stats, const kabi_harvest_opts *opts)
{
	harvest_ctx h;
	kabi_lock lock = {-1, NULL};
	char *target = NULL;
	kabi_ref *refs = NULL;
	kabi_progress prog = {KABI_PROGRESS_START, "tables", "releases", 0, 0, NULL, 0};
	size_t nrefs = 0, i, j, nold, changed = 0, *newrels = NULL;
	const git_oid **trees = NULL;
	int err, found;
	char hex[GIT_OID_HEXSZ + 1];

	memset(stats, 0, sizeof(*stats));
	memset(&h, 0, sizeof(h));
	h.opts = opts;
	h.stats = stats;
	phase(stats, NULL);
	if ((err = kabi_catalog_target(&target, opts->db)) < 0)
		return err;
	if ((err = kabi_catalog_lock(&lock, target)) < 0) {
		free(target);
		return err;
	}
	kabi_catalog_remove_stale(target);
	kabi_intern_new(&h.pool);
	kabi_model_init(&h.model, h.pool);

	if ((err = kabi_repo_open(&h.repo, opts->repo)) < 0)
		goto out;
	if ((err = kabi_repo_refs(&refs, &nrefs, h.repo, opts->patterns, opts->npatterns, ref_note, &h)) < 0)
		goto out;
	stats->refs = nrefs;
	if (nrefs == 0) {
		err = kabi_error_set(KABI_ENOTFOUND, "no release refs in '%s'%s", opts->repo,
				     opts->npatterns ? " match the patterns"
						     : " (tags like v6.1; use --refs for others)");
		goto out;
	}
	if ((err = up_to_date(target, refs, nrefs)) != 0) {
		if (err > 0) {
			stats->up_to_date = 1;
			stats->releases = (size_t)err;
			err = 0;
		}
		goto out;
	}
	if ((err = kabi_catalog_load(&h.model, target, &found)) < 0)
		goto out;
	nold = h.model.nrels;

	/* Keep old releases whose ref still names the same commit; a release
	 * whose ref moved is read again. */
	for (i = 0; i < nrefs; i++) {
		kabi_rel *old = NULL;

		git_oid_tostr(hex, sizeof(hex), &refs[i].commit);
		for (j = 0; j < nold; j++)
			if (h.model.rels[j].name && strcmp(h.model.rels[j].name, refs[i].name) == 0)
				old = &h.model.rels[j];
		if (old && strcmp(old->commit, hex) == 0) {
			refs[i].time = -1; /* marks "nothing to read" */
			continue;
		}
		/* to be read: its commit (a tag's id may have come from
		 * packed-refs or the tag object alone) */
		if (kabi_repo_ref_resolve(h.repo, &refs[i]) < 0) {
			note(&h, "%s", kabi_error_last());
			refs[i].time = -1;
			stats->refs--;
			continue;
		}
		if (old) {
			free(old->name);
			old->name = NULL; /* dropped below */
		}
		changed++;
	}
	if (stats->refs == 0) {
		err = kabi_error_set(KABI_ENOTFOUND, "no release refs in '%s' lead to a commit", opts->repo);
		goto out;
	}
	if (changed == 0) {
		stats->up_to_date = 1;
		stats->releases = nold;
		err = 0;
		goto out;
	}
	for (i = j = 0; i < h.model.nrels; i++) {
		if (h.model.rels[i].name) {
			h.model.rels[j++] = h.model.rels[i];
		} else {
			free(h.model.rels[i].ref);
			free(h.model.rels[i].repository);
			free(h.model.rels[i].abi);
			free(h.model.rels[i].sig);
		}
	}
	h.model.nrels = j;
	h.model.repository = kabi_strdup(opts->repo);

	newrels = kabi_malloc(changed * sizeof(*newrels));
	trees = kabi_malloc(changed * sizeof(*trees));
	prog.total = changed;
	kabi__progress(&h, &prog, KABI_PROGRESS_START);
	for (i = 0; i < nrefs; i++) {
		kabi_rel *r;

		if (refs[i].time == -1)
			continue;
		if (opts->interrupted && *opts->interrupted) {
			err = kabi_error_set(KABI_EINTERRUPTED, "interrupted; the catalog was not changed");
			goto out;
		}
		r = kabi_model_add_release(&h.model, refs[i].name);
		r->ref = kabi_strdup(refs[i].refname);
		r->repository = kabi_strdup(opts->repo);
		git_oid_tostr(r->commit, sizeof(r->commit), &refs[i].commit);
		r->time = refs[i].time;
		r->version = refs[i].version;
		r->from_makefile = refs[i].version_from_makefile;
		if ((err = read_release(&h, r, &refs[i])) < 0)
			goto out;
		trees[stats->new_releases] = &refs[i].tree;
		newrels[stats->new_releases++] = h.model.nrels - 1; /* rels moves as it grows */
		prog.done = stats->new_releases;
		kabi__progress(&h, &prog, KABI_PROGRESS_STEP);
	}
	kabi__progress(&h, &prog, KABI_PROGRESS_END);
	phase(stats, "tables");
	{
		kabi_rel **rels = kabi_malloc(changed * sizeof(*rels));

		for (i = 0; i < stats->new_releases; i++)
			rels[i] = &h.model.rels[newrels[i]];
		err = kabi__sig_releases(&h, rels, trees, stats->new_releases);
		free(rels);
		if (err < 0)
			goto out;
	}
	phase(stats, "signatures");
	kabi_model_sort(&h.model);
	if ((err = kabi_spans_build(&h.model)) < 0 || (err = kabi_generations_derive(&h.model)) < 0 ||
	    (err = kabi_events_derive(&h.model)) < 0)
		goto out;
	if ((err = kabi_sig_spans_build(&h.model)) < 0)
		goto out;
	phase(stats, "spans");
	kabi_events_restore_attribution(&h.model);
	if ((err = kabi__attribute(&h)) < 0)
		goto out;
	if (opts->interrupted && *opts->interrupted) {
		err = kabi_error_set(KABI_EINTERRUPTED, "interrupted; the catalog was not changed");
		goto out;
	}
	phase(stats, "attribution");
	if ((err = kabi_catalog_write(&h.model, target)) < 0)
		goto out;
	phase(stats, "write");
	stats->releases = h.model.nrels;
	stats->spans = h.model.nspans;
	stats->events = h.model.nevents;
out:
	free(newrels);
	free(trees);
	kabi_refs_free(refs, nrefs);
	kabi_repo_free(h.repo);
	kabi__cache_free(&h.cache);
	kabi_model_free(&h.model);
	kabi__sig_free(&h);
	kabi_intern_free(h.pool);
	kabi_catalog_unlock(&lock);
	free(target);
	return err;
}
