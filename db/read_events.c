/*
 * read_events.c - events between releases, signatures, a syscall's history,
 * and the one wording of an event that `kabi show` and the site print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "read_int.h"

/* ---- events -------------------------------------------------------------------- */

/* Columns of KABI__CAT_EVENT_COLS: id, abi_id, syscall_id, name, kind, ord,
 * prev_ord, old_nr, new_nr, old_entry, new_entry, old_name, old_signature,
 * new_signature, commit_id, commit_author, commit_time, commit_subject. */
int kabi__cat_read_event(kabi_cat_event *e, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st)
{
	const char *kind;
	int err, k;

	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->syscall = sqlite3_column_int64(st, 2);
	e->name = kabi__cat_text0(pool, st, 3);
	kind = kabi__cat_text0(pool, st, 4);
	if ((k = kabi_event_kind_parse(kind)) < 0)
		return kabi__cat_damaged(c, "event %lld has kind '%s'", (long long)e->id, kind);
	e->kind = (kabi_event_kind)k;
	if ((err = kabi__cat_col_abi(&e->abi, c, st, 1)) < 0 ||
	    (err = kabi__cat_col_ord(&e->ord, c, st, 5, 0, "an event")) < 0 ||
	    (err = kabi__cat_col_ord(&e->prev_ord, c, st, 6, 1, "an event's previous release")) < 0 ||
	    (err = kabi__cat_col_nr(&e->old_nr, c, st, 7, 1, "an event")) < 0 ||
	    (err = kabi__cat_col_nr(&e->new_nr, c, st, 8, 1, "an event")) < 0)
		return err;
	e->old_entry = kabi__cat_text(pool, st, 9);
	e->new_entry = kabi__cat_text(pool, st, 10);
	e->old_name = kabi__cat_text(pool, st, 11);
	e->old_signature = kabi__cat_text(pool, st, 12);
	e->new_signature = kabi__cat_text(pool, st, 13);
	e->commit = kabi__cat_text(pool, st, 14);
	if (e->commit) {
		e->commit_author = kabi__cat_text0(pool, st, 15);
		e->commit_time = sqlite3_column_int64(st, 16);
		e->commit_subject = kabi__cat_text0(pool, st, 17);
	}
	return 0;
}

void kabi_cat_events_free(kabi_cat_events *e)
{
	if (!e)
		return;
	free(e->v);
	kabi_intern_free(e->pool);
	free(e);
}

/* Appends the rows of st (bound) to *v as events. */
static int collect_events(kabi_cat_event **v, size_t *n, size_t *alloc, kabi_catalog *c, kabi_intern *pool,
			  sqlite3_stmt *st)
{
	int rc;

	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(*v, *n + 1, *alloc);
		if ((rc = kabi__cat_read_event(&(*v)[*n], c, pool, st)) < 0)
			break;
		(*n)++;
	}
	kabi__cat_reset(st);
	return rc;
}

int kabi_catalog_events(kabi_cat_events **out, kabi_catalog *c, int from_ord, int to_ord, int abi)
{
	kabi_cat_events *e;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	if (from_ord > to_ord) {
		int t = from_ord;

		from_ord = to_ord;
		to_ord = t;
	}
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 1)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, to_ord)) < 0 ||
	    (from_ord != -1 && (rc = kabi__cat_arg_ord(c, from_ord)) < 0) ||
	    (rc = kabi__cat_stmt(&st, c, ST_EVENTS)) < 0)
		return rc;
	e = kabi_calloc(1, sizeof(*e));
	kabi_intern_new(&e->pool);
	sqlite3_bind_int(st, 1, from_ord);
	sqlite3_bind_int(st, 2, to_ord);
	kabi__cat_bind_abi(c, st, 3, abi);
	if ((rc = collect_events(&e->v, &e->n, &alloc, c, e->pool, st)) < 0) {
		kabi_cat_events_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

/* A number, or "?" when the event has none. */
static const char *num(char *buf, size_t size, int64_t nr)
{
	if (nr < 0)
		return "?";
	snprintf(buf, size, "%lld", (long long)nr);
	return buf;
}

static const char *entry(const char *e)
{
	return e && *e ? e : "(none)";
}

/* The one wording of an event (the table is in read.h). */
void kabi_cat_event_describe(kabi_strbuf *sb, const kabi_cat_event *e, const char *viewer)
{
	char a[32], b[32];

	switch (e->kind) {
	case KABI_EV_ADDED: kabi_strbuf_printf(sb, "number %s", num(a, sizeof(a), e->new_nr)); break;
	case KABI_EV_REMOVED: kabi_strbuf_printf(sb, "was number %s", num(a, sizeof(a), e->old_nr)); break;
	case KABI_EV_RENUMBERED:
		kabi_strbuf_printf(sb, "number %s -> %s", num(a, sizeof(a), e->old_nr),
				   num(b, sizeof(b), e->new_nr));
		break;
	case KABI_EV_RENAMED:
		if (viewer && e->old_name && strcmp(viewer, e->old_name) == 0 && strcmp(viewer, e->name) != 0)
			kabi_strbuf_printf(sb, "to %s, number %s", e->name, num(a, sizeof(a), e->new_nr));
		else
			kabi_strbuf_printf(sb, "from %s, number %s", e->old_name ? e->old_name : "?",
					   num(a, sizeof(a), e->new_nr));
		break;
	case KABI_EV_SIGNATURE_CHANGED:
		kabi_strbuf_printf(sb, "(%s) -> (%s)", e->old_signature ? e->old_signature : "?",
				   e->new_signature ? e->new_signature : "?");
		break;
	case KABI_EV_ENTRY_CHANGED:
	case KABI_EV_UNIMPLEMENTED:
	case KABI_EV_REIMPLEMENTED:
		kabi_strbuf_printf(sb, "entry %s -> %s", entry(e->old_entry), entry(e->new_entry));
		break;
	case KABI_EV_ABI_ADDED: kabi_strbuf_puts(sb, "the ABI began"); break;
	case KABI_EV_ABI_REMOVED:
		kabi_strbuf_printf(sb, "the ABI ended (was number %s)", num(a, sizeof(a), e->old_nr));
		break;
	}
}

/* ---- signatures ------------------------------------------------------------------- */

/* Columns of KABI__CAT_SIG_COLS from `col` on: syscall_id, name, args,
 * text, file, line, first_ord, last_ord. */
int kabi__cat_read_sig(kabi_cat_signature *g, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st, int abi,
		       int col)
{
	int64_t line;
	int err;

	memset(g, 0, sizeof(*g));
	g->abi = abi;
	g->syscall = sqlite3_column_int64(st, col);
	g->name = kabi__cat_text0(pool, st, col + 1);
	g->args = kabi__cat_text0(pool, st, col + 2);
	g->text = kabi__cat_text0(pool, st, col + 3);
	g->file = kabi__cat_text0(pool, st, col + 4);
	line = sqlite3_column_int64(st, col + 5);
	if (line < 0 || line > INT32_MAX)
		return kabi__cat_damaged(c, "a signature of '%s' is at line %lld", g->name, (long long)line);
	g->line = (int)line;
	if ((err = kabi__cat_col_ord(&g->first_ord, c, st, col + 6, 0, "a signature's first release")) < 0 ||
	    (err = kabi__cat_col_ord(&g->last_ord, c, st, col + 7, 0, "a signature's last release")) < 0)
		return err;
	if (g->first_ord > g->last_ord)
		return kabi__cat_damaged(c, "a signature of '%s' ends (%d) before it starts (%d)", g->name,
					 g->last_ord, g->first_ord);
	return 0;
}

void kabi_cat_signatures_free(kabi_cat_signatures *s)
{
	if (!s)
		return;
	free(s->v);
	kabi_intern_free(s->pool);
	free(s);
}

int kabi_catalog_signatures_at(kabi_cat_signatures **out, kabi_catalog *c, int ord, int abi)
{
	kabi_cat_signatures *s;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, a;

	*out = NULL;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 1)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, ord)) < 0 ||
	    (rc = kabi__cat_stmt_rows(&st, c, ST_SIGNATURES_AT, abi, -1)) < 0)
		return rc;
	s = kabi_calloc(1, sizeof(*s));
	kabi_intern_new(&s->pool);
	sqlite3_bind_int(st, 1, ord);
	kabi__cat_bind_abi(c, st, 2, abi);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(s->v, s->n + 1, alloc);
		if ((rc = kabi__cat_col_abi(&a, c, st, 0)) < 0 ||
		    (rc = kabi__cat_read_sig(&s->v[s->n], c, s->pool, st, a, 1)) < 0)
			break;
		s->n++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_cat_signatures_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void kabi_cat_sigchanges_free(kabi_cat_sigchanges *s)
{
	if (!s)
		return;
	free(s->v);
	kabi_intern_free(s->pool);
	free(s);
}

int kabi_catalog_signature_changes(kabi_cat_sigchanges **out, kabi_catalog *c, int ord1, int ord2, int abi)
{
	kabi_cat_sigchanges *s;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 1)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, ord1)) < 0 || (rc = kabi__cat_arg_ord(c, ord2)) < 0 ||
	    (rc = kabi__cat_stmt_rows(&st, c, ST_SIGNATURE_CHANGES, abi, -1)) < 0)
		return rc;
	s = kabi_calloc(1, sizeof(*s));
	kabi_intern_new(&s->pool);
	sqlite3_bind_int(st, 1, ord1);
	sqlite3_bind_int(st, 2, ord2);
	kabi__cat_bind_abi(c, st, 3, abi);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		kabi_cat_sigchange *g;

		KABI_ARRAY_GROW(s->v, s->n + 1, alloc);
		g = &s->v[s->n];
		if ((rc = kabi__cat_col_abi(&g->abi, c, st, 0)) < 0)
			break;
		g->syscall = sqlite3_column_int64(st, 1);
		g->name = kabi__cat_text0(s->pool, st, 2);
		g->old_args = kabi__cat_text0(s->pool, st, 3);
		g->new_args = kabi__cat_text0(s->pool, st, 4);
		g->old_text = kabi__cat_text0(s->pool, st, 5);
		g->new_text = kabi__cat_text0(s->pool, st, 6);
		s->n++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_cat_sigchanges_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* ---- a syscall's history ------------------------------------------------------------ */

void kabi_cat_history_free(kabi_cat_history *h)
{
	if (!h)
		return;
	free(h->spans);
	free(h->sigs);
	free(h->events);
	kabi_intern_free(h->pool);
	free(h);
}

static int event_cmp(const void *a, const void *b)
{
	const kabi_cat_event *x = a, *y = b;

	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	if (x->abi != y->abi)
		return x->abi < y->abi ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Spans, signatures and events of h->syscall on ABI abi (-1: every ABI):
 * three statements, then one probe per span end for a rename that took the
 * name away (it is recorded under the new name, at the release after the
 * old name's last span).
 */
static int history_read(kabi_cat_history *h, kabi_catalog *c, int abi)
{
	sqlite3_stmt *st;
	const kabi_cat_generation *gens;
	size_t aspans = 0, asigs = 0, aevents = 0, ngens, i;
	int rc, a;

	if ((rc = kabi__cat_stmt_rows(&st, c, ST_SYSCALL_SPANS, abi, h->syscall)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, h->syscall);
	kabi__cat_bind_abi(c, st, 2, abi);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(h->spans, h->nspans + 1, aspans);
		if ((rc = kabi__cat_col_abi(&a, c, st, 0)) < 0 ||
		    (rc = kabi__cat_read_span(&h->spans[h->nspans], c, h->pool, st, a, 1)) < 0)
			break;
		h->nspans++;
	}
	kabi__cat_reset(st);
	if (rc < 0 || (rc = kabi__cat_stmt_rows(&st, c, ST_SYSCALL_SIGNATURES, abi, h->syscall)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, h->syscall);
	kabi__cat_bind_abi(c, st, 2, abi);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(h->sigs, h->nsigs + 1, asigs);
		if ((rc = kabi__cat_col_abi(&a, c, st, 0)) < 0 ||
		    (rc = kabi__cat_read_sig(&h->sigs[h->nsigs], c, h->pool, st, a, 1)) < 0)
			break;
		h->nsigs++;
	}
	kabi__cat_reset(st);
	if (rc < 0 || (rc = kabi__cat_stmt(&st, c, ST_SYSCALL_EVENTS)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, h->syscall);
	kabi__cat_bind_abi(c, st, 2, abi);
	if ((rc = collect_events(&h->events, &h->nevents, &aevents, c, h->pool, st)) < 0)
		return rc;
	for (i = 0; i < h->nspans; i++) {
		int next = h->spans[i].last_ord + 1;

		if ((size_t)next >= c->nrel)
			continue;
		if ((rc = kabi__cat_stmt(&st, c, ST_RENAMED_AWAY)) < 0)
			return rc;
		sqlite3_bind_int(st, 1, next);
		kabi__cat_bind_abi(c, st, 2, h->spans[i].abi);
		sqlite3_bind_text(st, 3, h->name, -1, SQLITE_STATIC);
		if ((rc = collect_events(&h->events, &h->nevents, &aevents, c, h->pool, st)) < 0)
			return rc;
	}
	/* A span that ends with its ABI's life: the syscall went with the ABI,
	 * which the catalog records once (abi_generation), not as a removal. */
	if ((rc = kabi_catalog_generations(&gens, &ngens, c)) < 0)
		return rc;
	for (i = 0; i < h->nspans; i++) {
		const kabi_cat_span *s = &h->spans[i];
		const kabi_cat_generation *g = NULL;
		kabi_cat_event *e;
		size_t k;

		for (k = 0; k < ngens && !g; k++)
			if (gens[k].abi == s->abi && gens[k].last_ord == s->last_ord)
				g = &gens[k];
		if (!g || (size_t)g->last_ord + 1 >= c->nrel)
			continue;
		KABI_ARRAY_GROW(h->events, h->nevents + 1, aevents);
		e = &h->events[h->nevents++];
		memset(e, 0, sizeof(*e));
		e->abi = s->abi;
		e->syscall = h->syscall;
		e->name = h->name;
		e->kind = KABI_EV_ABI_REMOVED;
		e->ord = g->last_ord + 1;
		e->prev_ord = g->last_ord;
		e->old_nr = s->nr;
		e->new_nr = -1;
	}
	return 0;
}

int kabi_catalog_history(kabi_cat_history **out, kabi_catalog *c, int64_t syscall, int abi)
{
	kabi_cat_history *h;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 1)) < 0 ||
	    (rc = kabi__cat_stmt(&st, c, ST_SYSCALL_NAME)) < 0)
		return rc;
	h = kabi_calloc(1, sizeof(*h));
	kabi_intern_new(&h->pool);
	h->syscall = syscall;
	sqlite3_bind_int64(st, 1, syscall);
	if ((rc = kabi__cat_step(c, st)) > 0)
		h->name = kabi__cat_text0(h->pool, st, 0);
	kabi__cat_reset(st);
	if (rc == 0)
		rc = kabi_error_set(KABI_ENOTFOUND, "no syscall with id %lld in the catalog '%s'",
				    (long long)syscall, c->path);
	if (rc >= 0)
		rc = history_read(h, c, abi);
	if (rc < 0) {
		kabi_cat_history_free(h);
		return rc;
	}
	if (h->nevents > 1)
		qsort(h->events, h->nevents, sizeof(*h->events), event_cmp);
	*out = h;
	return 0;
}
