/*
 * read_table.c - an ABI's table at a release, its spans, and what `kabi
 * check` asks of one syscall on one ABI: its state at a release, the
 * releases where it is implemented, the syscall a number names.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "read_int.h"

int kabi_catalog_has_table(int *present, kabi_catalog *c, int abi, int ord)
{
	sqlite3_stmt *st;
	int rc;

	*present = 0;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 0)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, ord)) < 0 || (rc = kabi__cat_stmt(&st, c, ST_HAS_TABLE)) < 0)
		return rc;
	kabi__cat_bind_abi(c, st, 1, abi);
	sqlite3_bind_int(st, 2, ord);
	rc = kabi__cat_step(c, st);
	kabi__cat_reset(st);
	if (rc < 0)
		return rc;
	*present = rc;
	return 0;
}

int kabi_catalog_dated(int *dated, kabi_catalog *c, int abi, int ord)
{
	int rc, present;

	*dated = 0;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_ord(c, ord)) < 0)
		return rc;
	if (ord == 0 || !c->rels[ord].follows_prev)
		return 0;
	if ((rc = kabi_catalog_has_table(&present, c, abi, ord - 1)) < 0)
		return rc;
	*dated = present;
	return 0;
}

/* The start of a per-release set of ABI abi: on (n bytes, one per release)
 * cleared, and statement `which` prepared with the ABI bound as ?1. */
static int release_set(sqlite3_stmt **st, unsigned char *on, size_t n, kabi_catalog *c, int abi, int which,
		       int64_t syscall)
{
	int rc;

	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 0)) < 0)
		return rc;
	if (n != c->nrel)
		return kabi_error_set(KABI_EINVALID, "a set of %zu releases for a catalog of %zu", n,
				      c->nrel);
	memset(on, 0, n);
	if ((rc = kabi__cat_stmt_rows(st, c, which, abi, syscall)) < 0)
		return rc;
	kabi__cat_bind_abi(c, *st, 1, abi);
	return 0;
}

int kabi_catalog_table_releases(unsigned char *on, size_t n, kabi_catalog *c, int abi)
{
	sqlite3_stmt *st;
	int rc, ord;

	if ((rc = release_set(&st, on, n, c, abi, ST_TABLE_RELEASES, -1)) < 0)
		return rc;
	while ((rc = kabi__cat_step(c, st)) > 0) {
		if ((rc = kabi__cat_col_ord(&ord, c, st, 0, 0, "a table")) < 0)
			break;
		on[ord] = 1;
	}
	kabi__cat_reset(st);
	return rc;
}

/* ---- the table --------------------------------------------------------------- */

void kabi_cat_table_free(kabi_cat_table *t)
{
	if (!t)
		return;
	free(t->rows);
	kabi_intern_free(t->pool);
	free(t);
}

int kabi__cat_impl(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return KABI_IMPL_UNKNOWN;
	return sqlite3_column_int(st, col) ? KABI_IMPL_YES : KABI_IMPL_NO;
}

const char *kabi__cat_compat(kabi_intern *pool, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return kabi_intern_str(pool, KABI_ENTRY_UNKNOWN);
	return kabi__cat_text0(pool, st, col);
}

/* Columns of ST_TABLE: syscall_id, syscall, nr, entry, compat_entry,
 * implemented, added_ord, added_known, since_ord, since_known, removed_ord,
 * args, text, file, line, why, config. */
static int read_row(kabi_cat_row *r, kabi_catalog *c, kabi_cat_table *t, sqlite3_stmt *st)
{
	int err;
	int64_t line;

	memset(r, 0, sizeof(*r));
	r->syscall = sqlite3_column_int64(st, 0);
	r->name = kabi__cat_text0(t->pool, st, 1);
	if ((err = kabi__cat_col_nr(&r->nr, c, st, 2, 0, "a span")) < 0 ||
	    (err = kabi__cat_col_ord(&r->added_ord, c, st, 6, 1, "an 'added' event")) < 0 ||
	    (err = kabi__cat_col_ord(&r->since_ord, c, st, 8, 1, "an event")) < 0 ||
	    (err = kabi__cat_col_ord(&r->removed_ord, c, st, 10, 1, "a 'removed' event")) < 0)
		return err;
	r->table_nr = r->nr - c->abis[t->abi].base;
	r->entry = kabi__cat_text0(t->pool, st, 3);
	r->compat_entry = kabi__cat_compat(t->pool, st, 4);
	r->implemented = kabi__cat_impl(st, 5);
	r->why = kabi__cat_text(t->pool, st, 15);
	r->config = kabi__cat_text(t->pool, st, 16);
	r->is_private = kabi_abi_nr_is_private(kabi_abi_find(c->abis[t->abi].name), r->nr);
	r->added_known = sqlite3_column_int(st, 7) != 0;
	r->since_known = sqlite3_column_int(st, 9) != 0;
	r->args = kabi__cat_text(t->pool, st, 11);
	if (r->args) {
		r->sig_text = kabi__cat_text0(t->pool, st, 12);
		r->sig_file = kabi__cat_text0(t->pool, st, 13);
		line = sqlite3_column_int64(st, 14);
		if (line < 0 || line > INT32_MAX)
			return kabi__cat_damaged(c, "a signature of '%s' is at line %lld", r->name,
						 (long long)line);
		r->sig_line = (int)line;
	}
	return 0;
}

static int table(kabi_cat_table **out, kabi_catalog *c, int abi, int ord, int id)
{
	kabi_cat_table *t = NULL;
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc, present;

	*out = NULL;
	if ((rc = kabi_catalog_has_table(&present, c, abi, ord)) < 0)
		return rc;
	if (!present)
		return kabi_error_set(KABI_ENOTFOUND, "ABI '%s' has no syscall table at %s",
				      c->abis[abi].name, c->rels[ord].name);
	if ((rc = kabi__cat_stmt_rows(&st, c, id, abi, -1)) < 0)
		return rc;
	t = kabi_calloc(1, sizeof(*t));
	t->abi = abi;
	t->ord = ord;
	kabi_intern_new(&t->pool);
	kabi__cat_bind_abi(c, st, 1, abi);
	sqlite3_bind_int(st, 2, ord);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(t->rows, t->n + 1, alloc);
		if ((rc = read_row(&t->rows[t->n], c, t, st)) < 0)
			break;
		t->implemented += t->rows[t->n].implemented == KABI_IMPL_YES;
		t->unknown += t->rows[t->n].implemented == KABI_IMPL_UNKNOWN;
		t->n++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_cat_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void kabi_cat_table_pair_free(kabi_cat_table_pair *p)
{
	if (!p)
		return;
	free(p->rows);
	free(p->in);
	kabi_intern_free(p->pool);
	free(p);
}

int kabi_catalog_table_pair(kabi_cat_table_pair **out, kabi_catalog *c, int abi, int ord1, int ord2)
{
	kabi_cat_table_pair *p;
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc, present, ord = ord1;

	*out = NULL;
	if ((rc = kabi_catalog_has_table(&present, c, abi, ord1)) < 0 ||
	    (present && (rc = kabi_catalog_has_table(&present, c, abi, ord = ord2)) < 0))
		return rc;
	if (!present)
		return kabi_error_set(KABI_ENOTFOUND, "ABI '%s' has no syscall table at %s",
				      c->abis[abi].name, c->rels[ord].name);
	if ((rc = kabi__cat_stmt_rows(&st, c, ST_TABLE_PAIR, abi, -1)) < 0)
		return rc;
	p = kabi_calloc(1, sizeof(*p));
	p->abi = abi;
	p->ord1 = ord1;
	p->ord2 = ord2;
	kabi_intern_new(&p->pool);
	kabi__cat_bind_abi(c, st, 1, abi);
	sqlite3_bind_int(st, 2, ord1);
	sqlite3_bind_int(st, 3, ord2);
	sqlite3_bind_int(st, 4, ord1 < ord2 ? ord1 : ord2);
	sqlite3_bind_int(st, 5, ord1 < ord2 ? ord2 : ord1);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		kabi_cat_row *r;

		if (p->n == alloc) {
			KABI_ARRAY_GROW(p->rows, p->n + 1, alloc);
			KABI_ARRAY_RESIZE(p->in, alloc);
		}
		r = &p->rows[p->n];
		memset(r, 0, sizeof(*r));
		r->syscall = sqlite3_column_int64(st, 0);
		r->name = kabi__cat_text0(p->pool, st, 1);
		if ((rc = kabi__cat_col_nr(&r->nr, c, st, 2, 0, "a span")) < 0)
			break;
		r->table_nr = r->nr - c->abis[abi].base;
		r->entry = kabi__cat_text0(p->pool, st, 3);
		r->compat_entry = kabi__cat_compat(p->pool, st, 4);
		r->implemented = kabi__cat_impl(st, 5);
		r->is_private = kabi_abi_nr_is_private(kabi_abi_find(c->abis[abi].name), r->nr);
		r->added_ord = r->since_ord = r->removed_ord = -1;
		p->in[p->n++] = (unsigned char)sqlite3_column_int(st, 6);
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_cat_table_pair_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int kabi_catalog_table(kabi_cat_table **out, kabi_catalog *c, int abi, int ord)
{
	return table(out, c, abi, ord, ST_TABLE);
}

int kabi_catalog_table_rows(kabi_cat_table **out, kabi_catalog *c, int abi, int ord)
{
	return table(out, c, abi, ord, ST_TABLE_ROWS);
}

/* ---- spans ------------------------------------------------------------------- */

int kabi__cat_read_span(kabi_cat_span *s, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st, int abi,
			int col)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->abi = abi;
	s->syscall = sqlite3_column_int64(st, col);
	s->name = kabi__cat_text0(pool, st, col + 1);
	if ((err = kabi__cat_col_nr(&s->nr, c, st, col + 2, 0, "a span")) < 0 ||
	    (err = kabi__cat_col_ord(&s->first_ord, c, st, col + 6, 0, "a span's first release")) < 0 ||
	    (err = kabi__cat_col_ord(&s->last_ord, c, st, col + 7, 0, "a span's last release")) < 0)
		return err;
	if (s->first_ord > s->last_ord)
		return kabi__cat_damaged(c, "a span of '%s' on %s ends (%d) before it starts (%d)", s->name,
					 c->abis[abi].name, s->last_ord, s->first_ord);
	s->entry = kabi__cat_text0(pool, st, col + 3);
	s->compat_entry = kabi__cat_compat(pool, st, col + 4);
	s->implemented = kabi__cat_impl(st, col + 5);
	s->why = kabi__cat_text(pool, st, col + 8);
	s->config = kabi__cat_text(pool, st, col + 9);
	s->is_private = kabi_abi_nr_is_private(kabi_abi_find(c->abis[abi].name), s->nr);
	return 0;
}

void kabi_cat_spans_free(kabi_cat_spans *s)
{
	if (!s)
		return;
	free(s->v);
	kabi_intern_free(s->pool);
	free(s);
}

int kabi_catalog_abi_spans(kabi_cat_spans **out, kabi_catalog *c, int abi)
{
	kabi_cat_spans *s;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 0)) < 0 ||
	    (rc = kabi__cat_stmt_rows(&st, c, ST_ABI_SPANS, abi, -1)) < 0)
		return rc;
	s = kabi_calloc(1, sizeof(*s));
	kabi_intern_new(&s->pool);
	kabi__cat_bind_abi(c, st, 1, abi);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		KABI_ARRAY_GROW(s->v, s->n + 1, alloc);
		if ((rc = kabi__cat_read_span(&s->v[s->n], c, s->pool, st, abi, 0)) < 0)
			break;
		s->n++;
	}
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_cat_spans_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* ---- one syscall on one ABI ------------------------------------------------- */

int kabi_catalog_syscall_by_nr(kabi_cat_nr_match *out, kabi_catalog *c, int abi, int64_t nr, int ord)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->sc.id = -1;
	out->first_ord = out->last_ord = -1;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 0)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, ord)) < 0 || (rc = kabi__cat_stmt_rows(&st, c, ST_BY_NR, abi, -1)) < 0)
		return rc;
	kabi__cat_bind_abi(c, st, 1, abi);
	sqlite3_bind_int64(st, 2, nr);
	sqlite3_bind_int(st, 3, ord);
	if ((rc = kabi__cat_step(c, st)) > 0) {
		out->sc.id = sqlite3_column_int64(st, 0);
		out->sc.name = kabi__cat_text0(c->pool, st, 1);
		out->sc.has_spans = 1;
		out->when = (kabi_nr_when)sqlite3_column_int(st, 4);
		if ((rc = kabi__cat_col_ord(&out->first_ord, c, st, 2, 0, "a span's first release")) >= 0 &&
		    (rc = kabi__cat_col_ord(&out->last_ord, c, st, 3, 0, "a span's last release")) >= 0)
			rc = 1;
	}
	kabi__cat_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return kabi_error_set(KABI_ENOTFOUND, "no syscall has had number %lld on %s", (long long)nr,
				      c->abis[abi].name);
	return 0;
}

int kabi_catalog_syscall_status(kabi_cat_status *out, kabi_catalog *c, int64_t syscall, int abi, int ord)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->status = KABI_SC_NEVER;
	out->nr = -1;
	out->first_ord = out->removed_ord = out->later_ord = -1;
	if ((rc = kabi__cat_ensure(c)) < 0 || (rc = kabi__cat_arg_abi(c, abi, 0)) < 0 ||
	    (rc = kabi__cat_arg_ord(c, ord)) < 0 ||
	    (rc = kabi__cat_stmt_rows(&st, c, ST_STATUS, abi, syscall)) < 0)
		return rc;
	kabi__cat_bind_abi(c, st, 1, abi);
	sqlite3_bind_int64(st, 2, syscall);
	sqlite3_bind_int(st, 3, ord);
	rc = kabi__cat_step(c, st);
	if (rc > 0 && (rc = kabi__cat_col_ord(&out->first_ord, c, st, 0, 1, "a span's first release")) >= 0 &&
	    (rc = kabi__cat_col_ord(&out->removed_ord, c, st, 1, 1, "a 'removed' event")) >= 0 &&
	    (rc = kabi__cat_col_ord(&out->later_ord, c, st, 2, 1, "a span's first release")) >= 0 &&
	    (rc = kabi__cat_col_nr(&out->nr, c, st, 3, 1, "a span")) >= 0) {
		if (out->nr >= 0)
			out->status = kabi__cat_impl(st, 4) == KABI_IMPL_YES  ? KABI_SC_AVAILABLE
				      : kabi__cat_impl(st, 4) == KABI_IMPL_NO ? KABI_SC_NOT_IMPLEMENTED
									      : KABI_SC_IMPL_UNKNOWN;
		if (out->nr >= 0) {
			out->why = kabi__cat_text(c->pool, st, 5);
			out->config = kabi__cat_text(c->pool, st, 6);
		} else if (out->first_ord < 0)
			out->status = KABI_SC_NEVER;
		else if (out->later_ord >= 0 && out->removed_ord < 0)
			out->status = KABI_SC_ADDED_LATER;
		else
			out->status = KABI_SC_REMOVED;
		rc = 0;
	} else if (rc == 0) {
		rc = kabi_error_set(KABI_EIO, "cannot read the catalog '%s': no row for a syscall's state",
				    c->path);
	}
	kabi__cat_reset(st);
	return rc;
}

int kabi_catalog_implemented_releases(unsigned char *on, size_t n, kabi_catalog *c, int64_t syscall, int abi)
{
	sqlite3_stmt *st;
	int rc, first, last, o;

	if ((rc = release_set(&st, on, n, c, abi, ST_IMPLEMENTED, syscall)) < 0)
		return rc;
	sqlite3_bind_int64(st, 2, syscall);
	while ((rc = kabi__cat_step(c, st)) > 0) {
		if ((rc = kabi__cat_col_ord(&first, c, st, 0, 0, "a span's first release")) < 0 ||
		    (rc = kabi__cat_col_ord(&last, c, st, 1, 0, "a span's last release")) < 0)
			break;
		for (o = first; o <= last; o++)
			on[o] = 1;
	}
	kabi__cat_reset(st);
	return rc;
}
