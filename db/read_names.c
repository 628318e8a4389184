/*
 * read_names.c - the facts a handle reads once and keeps: the releases, the
 * ABIs and the syscall names; and resolving what the user typed into them
 * (a release name or version, an ABI, a syscall), with suggestions as data.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "read_int.h"
#include "suggest.h"

/* ---- releases ------------------------------------------------------------- */

/* nevents of each release, from "SELECT ord, count(*) ... GROUP BY ord". */
static int release_events(kabi_catalog *c)
{
	sqlite3_stmt *st;
	int rc, err, ord, n;

	if ((err = kabi__cat_stmt(&st, c, ST_RELEASE_EVENTS)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		if ((err = kabi__cat_col_ord(&ord, c, st, 0, 0, "an event")) < 0 ||
		    (err = kabi__cat_col_count(&n, c, st, 1, "an event")) < 0) {
			kabi__cat_reset(st);
			return err;
		}
		c->rels[ord].nevents = n;
	}
	kabi__cat_reset(st);
	return rc;
}

/*
 * Releases are read whole, once: there are a few thousand at most, and
 * resolving a name, naming an ord and checking a position need them all.
 * Their counts of events come from an index, and checking them checks
 * every event's release; their counts of tables are read on request
 * (kabi_catalog_count_tables): that reads the whole of abi_release, the
 * largest table, whose releases load_abis() checks through its bounds.
 * Positions must be 0, 1, 2 ... (every ord elsewhere is checked against
 * their count), and each version must parse and agree with its sort key.
 */
static int load_releases(kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, err;

	if ((err = kabi__cat_stmt(&st, c, ST_RELEASES)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		kabi_cat_release *r;
		const char *version;

		if (c->nrel >= INT_MAX || sqlite3_column_int64(st, 0) != (int64_t)c->nrel) {
			err = kabi__cat_damaged(
				c, "release positions are not 0, 1, 2 ...: %lld after %zu release%s",
				(long long)sqlite3_column_int64(st, 0), c->nrel, c->nrel == 1 ? "" : "s");
			goto fail;
		}
		KABI_ARRAY_GROW(c->rels, c->nrel + 1, alloc);
		r = &c->rels[c->nrel];
		memset(r, 0, sizeof(*r));
		r->ord = (int)c->nrel;
		r->name = kabi__cat_text0(c->pool, st, 1);
		version = kabi__cat_text0(c->pool, st, 2);
		if (kabi_version_parse(&r->v, version) < 0) {
			err = kabi__cat_damaged(c, "release '%s' has a bad version '%s'", r->name, version);
			goto fail;
		}
		if (kabi_version_key(&r->v) != sqlite3_column_int64(st, 9)) {
			err = kabi__cat_damaged(c,
						"release '%s' has sort key %lld, not the key of version '%s'",
						r->name, (long long)sqlite3_column_int64(st, 9), version);
			goto fail;
		}
		r->version = version;
		r->line = kabi__cat_text0(c->pool, st, 3);
		r->ref = kabi__cat_text0(c->pool, st, 4);
		r->commit = kabi__cat_text0(c->pool, st, 5);
		r->repository = kabi__cat_text0(c->pool, st, 6);
		r->commit_time = sqlite3_column_int64(st, 7);
		r->from_makefile = strcmp(kabi__cat_text0(c->pool, st, 8), "makefile") == 0;
		r->follows_prev = sqlite3_column_int(st, 10) != 0;
		c->nrel++;
	}
	kabi__cat_reset(st);
	if ((err = rc) < 0 || (err = release_events(c)) < 0)
		goto fail;
	c->rels_loaded = 1;
	return 0;
fail:
	kabi__cat_reset(st);
	free(c->rels);
	c->rels = NULL;
	c->nrel = 0;
	return err;
}

int kabi_catalog_count_tables(kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, err, abi, ord;

	if ((err = kabi__cat_ensure(c)) < 0 || c->tables_counted)
		return err;
	if ((err = kabi__cat_stmt(&st, c, ST_RELEASE_TABLES)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		if ((rc = kabi__cat_col_abi(&abi, c, st, 0)) < 0 ||
		    (rc = kabi__cat_col_ord(&ord, c, st, 1, 0, "a table")) < 0)
			break;
		c->rels[ord].ntables++;
		c->abis[abi].ntables++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		for (i = 0; i < c->nrel; i++)
			c->rels[i].ntables = 0;
		for (i = 0; i < c->nabi; i++)
			c->abis[i].ntables = 0;
		return rc;
	}
	c->tables_counted = 1;
	return 0;
}

static int load_abis(kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, err;

	if ((err = kabi__cat_stmt(&st, c, ST_ABIS)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		kabi_cat_abi *a;
		int64_t bits = sqlite3_column_int64(st, 3), base = sqlite3_column_int64(st, 4);

		if (c->nabi == alloc) {
			KABI_ARRAY_GROW(c->abis, c->nabi + 1, alloc);
			KABI_ARRAY_RESIZE(c->abi_ids, alloc);
		}
		a = &c->abis[c->nabi];
		memset(a, 0, sizeof(*a));
		c->abi_ids[c->nabi] = sqlite3_column_int64(st, 0);
		a->name = kabi__cat_text0(c->pool, st, 1);
		a->arch = kabi__cat_text0(c->pool, st, 2);
		a->description = kabi__cat_text0(c->pool, st, 5);
		if (bits < 1 || bits > 128) {
			err = kabi__cat_damaged(c, "ABI '%s' has %lld bits", a->name, (long long)bits);
			goto fail;
		}
		if (base < 0 || base >= KABI__CAT_NR_LIMIT) {
			err = kabi__cat_damaged(c, "ABI '%s' has base %lld", a->name, (long long)base);
			goto fail;
		}
		a->bits = (int)bits;
		a->base = base;
		if ((err = kabi__cat_col_ord(&a->first_ord, c, st, 6, 1, "a table")) < 0 ||
		    (err = kabi__cat_col_ord(&a->last_ord, c, st, 7, 1, "a table")) < 0 ||
		    (err = kabi__cat_col_count(&a->last_rows, c, st, 8, "a table's row count")) < 0 ||
		    (err = kabi__cat_col_count(&a->last_implemented, c, st, 9,
					       "a table's implemented count")) < 0)
			goto fail;
		if (a->last_implemented > a->last_rows) {
			err = kabi__cat_damaged(c, "ABI '%s' has %d implemented of %d rows", a->name,
						a->last_implemented, a->last_rows);
			goto fail;
		}
		c->nabi++;
	}
	kabi__cat_reset(st);
	if ((err = rc) < 0)
		goto fail;
	c->abis_loaded = 1;
	return 0;
fail:
	kabi__cat_reset(st);
	free(c->abis);
	free(c->abi_ids);
	c->abis = NULL;
	c->abi_ids = NULL;
	c->nabi = 0;
	return err;
}

int kabi__cat_ensure(kabi_catalog *c)
{
	int err;

	if (!c->rels_loaded && (err = load_releases(c)) < 0)
		return err;
	if (!c->abis_loaded && (err = load_abis(c)) < 0)
		return err;
	return 0;
}

/* The ABI position of catalog id `id`, or -1 (abi_ids is ascending). */
static int abi_pos(const kabi_catalog *c, int64_t id)
{
	size_t lo = 0, hi = c->nabi;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->abi_ids[mid] == id)
			return (int)mid;
		if (c->abi_ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int kabi_catalog_generations(const kabi_cat_generation **out, size_t *n, kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, err;

	*out = NULL;
	*n = 0;
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	if (!c->gens_loaded) {
		if ((err = kabi__cat_stmt(&st, c, ST_GENERATIONS)) < 0)
			return err;
		while ((rc = kabi__cat_step(c, st)) > 0) {
			kabi_cat_generation g;

			g.abi = abi_pos(c, sqlite3_column_int64(st, 0));
			g.generation = sqlite3_column_int(st, 1);
			if (g.abi < 0 ||
			    (err = kabi__cat_col_ord(&g.first_ord, c, st, 2, 0, "a generation")) < 0 ||
			    (err = kabi__cat_col_ord(&g.last_ord, c, st, 3, 0, "a generation")) < 0 ||
			    g.first_ord > g.last_ord) {
				kabi__cat_reset(st);
				return err < 0 ? err
					       : kabi__cat_damaged(c, "a generation of an unknown ABI or "
								      "with its releases out of order");
			}
			KABI_ARRAY_GROW(c->gens, c->ngens + 1, alloc);
			c->gens[c->ngens++] = g;
		}
		kabi__cat_reset(st);
		if (rc < 0)
			return rc;
		c->gens_loaded = 1;
	}
	*out = c->gens;
	*n = c->ngens;
	return 0;
}

const kabi_cat_generation *kabi_catalog_generation_at(kabi_catalog *c, int abi, int ord)
{
	const kabi_cat_generation *g;
	size_t n, i;

	if (kabi_catalog_generations(&g, &n, c) < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (g[i].abi == abi && g[i].first_ord <= ord && g[i].last_ord >= ord)
			return &g[i];
	return NULL;
}

int kabi_catalog_notes(const kabi_cat_note **out, size_t *n, kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, err;

	*out = NULL;
	*n = 0;
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	if (!c->notes_loaded) {
		if ((err = kabi__cat_stmt(&st, c, ST_NOTES)) < 0)
			return err;
		while ((rc = kabi__cat_step(c, st)) > 0) {
			kabi_cat_note x;

			x.abi = abi_pos(c, sqlite3_column_int64(st, 0));
			x.note = kabi__cat_text0(c->pool, st, 2);
			if (x.abi < 0 || (err = kabi__cat_col_ord(&x.ord, c, st, 1, 0, "a note")) < 0) {
				kabi__cat_reset(st);
				return err < 0 ? err : kabi__cat_damaged(c, "a note of an unknown ABI");
			}
			KABI_ARRAY_GROW(c->notes, c->nnotes + 1, alloc);
			c->notes[c->nnotes++] = x;
		}
		kabi__cat_reset(st);
		if (rc < 0)
			return rc;
		c->notes_loaded = 1;
	}
	*out = c->notes;
	*n = c->nnotes;
	return 0;
}

int kabi_catalog_releases(const kabi_cat_release **out, size_t *n, kabi_catalog *c)
{
	int err;

	*out = NULL;
	*n = 0;
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	*out = c->rels;
	*n = c->nrel;
	return 0;
}

/*
 * By name, then by version (the later of two releases with one version),
 * then as a line; otherwise the neighbours in version order.  All in
 * memory: the releases are loaded anyway, and the version rules stay in
 * base/version.c.
 */
int kabi_catalog_resolve_release(kabi_release_resolution *out, kabi_catalog *c, const char *text)
{
	kabi_version v;
	int64_t key;
	size_t i;
	int err, best = -1;

	memset(out, 0, sizeof(*out));
	out->ord = out->before = out->after = -1;
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	for (i = 0; i < c->nrel; i++) {
		if (strcmp(c->rels[i].name, text) == 0) {
			out->match = KABI_RELEASE_BY_NAME;
			best = (int)i;
			goto found;
		}
	}
	if ((err = kabi_version_parse(&v, text)) < 0)
		return err;
	key = kabi_version_key(&v);
	for (i = c->nrel; i-- > 0;) {
		if (kabi_version_key(&c->rels[i].v) == key) {
			out->match = KABI_RELEASE_BY_VERSION;
			best = (int)i;
			goto found;
		}
	}
	if (kabi_version_is_line(&v)) {
		for (i = 0; i < c->nrel; i++) {
			const kabi_version *rv = &c->rels[i].v;

			if (!rv->rc && kabi_version_in_line(rv, &v) &&
			    (best < 0 || kabi_version_cmp(rv, &c->rels[best].v) >= 0))
				best = (int)i;
		}
		if (best >= 0) {
			out->match = KABI_RELEASE_NEWEST_OF_LINE;
			goto found;
		}
	}
	for (i = 0; i < c->nrel; i++) {
		int64_t k = kabi_version_key(&c->rels[i].v);

		if (k < key && (out->before < 0 || k >= kabi_version_key(&c->rels[out->before].v)))
			out->before = (int)i;
		if (k > key && (out->after < 0 || k < kabi_version_key(&c->rels[out->after].v)))
			out->after = (int)i;
	}
	if (out->before < 0 && out->after < 0)
		return kabi_error_set(KABI_ENOTFOUND, "no release '%s' in the catalog (it is empty)", text);
	return kabi_error_set(KABI_ENOTFOUND, "no release '%s' in the catalog (nearest: %s%s%s)", text,
			      out->before >= 0 ? c->rels[out->before].name : "",
			      out->before >= 0 && out->after >= 0 ? ", " : "",
			      out->after >= 0 ? c->rels[out->after].name : "");
found:
	out->ord = best;
	out->name = c->rels[best].name;
	return 0;
}

/* ---- ABIs -------------------------------------------------------------------- */

int kabi_catalog_abis(const kabi_cat_abi **out, size_t *n, kabi_catalog *c)
{
	int err;

	*out = NULL;
	*n = 0;
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	*out = c->abis;
	*n = c->nabi;
	return 0;
}

/* Fills sugg with the candidates closest to word. */
static void suggest(kabi_cat_suggestions *sugg, const char *word, const char *const *cands, size_t n)
{
	size_t best[KABI_CAT_NSUGGEST], i;

	if (!sugg)
		return;
	sugg->n = kabi_suggest_closest(best, KABI_CAT_NSUGGEST, word, cands, n);
	for (i = 0; i < sugg->n; i++)
		sugg->name[i] = cands[best[i]];
}

int kabi_catalog_abi_find(int *abi, kabi_cat_suggestions *sugg, kabi_catalog *c, const char *name)
{
	const char **names;
	size_t i;
	int err;

	*abi = -1;
	if (sugg)
		memset(sugg, 0, sizeof(*sugg));
	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	for (i = 0; i < c->nabi; i++) {
		if (strcmp(c->abis[i].name, name) == 0) {
			*abi = (int)i;
			return 0;
		}
	}
	names = kabi_malloc((c->nabi + 1) * sizeof(*names));
	for (i = 0; i < c->nabi; i++)
		names[i] = c->abis[i].name;
	suggest(sugg, name, names, c->nabi);
	free(names);
	return kabi_error_set(KABI_ENOTFOUND, "unknown ABI '%s'", name);
}

/* ---- syscall names -------------------------------------------------------------- */

static int load_syscalls(kabi_catalog *c)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, err;

	if ((err = kabi__cat_stmt(&st, c, ST_SYSCALLS)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(c->sys, c->nsys + 1, alloc);
		c->sys[c->nsys].id = sqlite3_column_int64(st, 0);
		c->sys[c->nsys].name = kabi__cat_text0(c->pool, st, 1);
		c->sys[c->nsys].has_spans = sqlite3_column_int64(st, 2) != 0;
		c->nsys++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		free(c->sys);
		c->sys = NULL;
		c->nsys = 0;
		return rc;
	}
	c->sys_loaded = 1;
	return 0;
}

int kabi_catalog_syscalls(const kabi_cat_syscall **out, size_t *n, kabi_catalog *c)
{
	int err;

	*out = NULL;
	*n = 0;
	if (!c->sys_loaded && (err = load_syscalls(c)) < 0)
		return err;
	*out = c->sys;
	*n = c->nsys;
	return 0;
}

/* One row of ST_SYSCALL_BY_NAME or ST_SYSCALL_NOCASE: 1 found, 0 not (or,
 * nocase, more than one), < 0 error. */
static int lookup_name(kabi_cat_syscall *out, kabi_catalog *c, int id, const char *name)
{
	sqlite3_stmt *st;
	int rc, err;

	if ((err = kabi__cat_stmt(&st, c, id)) < 0)
		return err;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = kabi__cat_step(c, st)) > 0) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = kabi__cat_text0(c->pool, st, 1);
		out->has_spans = sqlite3_column_int64(st, 2) != 0;
		if (id == ST_SYSCALL_NOCASE && (rc = kabi__cat_step(c, st)) >= 0)
			rc = !rc; /* a second match: ambiguous */
	}
	kabi__cat_reset(st);
	return rc;
}

/* ST_SYSCALL_BY_NAME from the loaded names (by name, as strcmp orders
 * them: SQLite's BINARY collation). */
static int find_loaded(kabi_cat_syscall *out, kabi_catalog *c, const char *name)
{
	size_t lo = 0, hi = c->nsys;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->sys[mid].name, name);

		if (cmp == 0) {
			*out = c->sys[mid];
			return 1;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int kabi_catalog_syscall_find(kabi_cat_syscall *out, kabi_cat_suggestions *sugg, kabi_catalog *c,
			      const char *name, unsigned flags)
{
	const char **names;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = -1;
	if (sugg)
		memset(sugg, 0, sizeof(*sugg));
	/* Many lookups (check's names): one read of every name, then a
	 * binary search, is cheaper than a statement each. */
	if (!c->sys_loaded && ++c->nfind > KABI__CAT_FIND_LOAD && (rc = load_syscalls(c)) < 0)
		return rc;
	rc = c->sys_loaded ? find_loaded(out, c, name) : lookup_name(out, c, ST_SYSCALL_BY_NAME, name);
	if (rc == 0 && (flags & KABI_CAT_NOCASE))
		rc = lookup_name(out, c, ST_SYSCALL_NOCASE, name);
	if (rc < 0)
		return rc;
	if (rc > 0)
		return 0;
	memset(out, 0, sizeof(*out));
	out->id = -1;
	if (sugg) {
		if (!c->sys_loaded && (rc = load_syscalls(c)) < 0)
			return rc;
		names = kabi_malloc((c->nsys + 1) * sizeof(*names));
		for (i = 0; i < c->nsys; i++)
			names[i] = c->sys[i].name;
		suggest(sugg, name, names, c->nsys);
		free(names);
	}
	return kabi_error_set(KABI_ENOTFOUND, "unknown syscall '%s'", name);
}
