/*
 * spans.c - from a timeline of per-release tables to spans and events.
 *
 * For each ABI the releases are walked in version order.  A release's table
 * comes from git (new releases) or is rebuilt from the previous catalog's
 * spans (old releases); when its fingerprint equals the previous release's,
 * nothing changed and the walk moves on in O(1).  Otherwise the two tables,
 * both sorted by name, are merged: a row equal to the previous one extends
 * its open span, anything else closes it and opens a new one.
 */
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "array.h"
#include "error.h"
#include "model.h"
#include "table.h"

static kabi_span *push_span(kabi_model *m)
{
	KABI_ARRAY_GROW(m->spans, m->nspans + 1, m->aspans);
	return &m->spans[m->nspans++];
}

static int same_row(const kabi_row *a, const kabi_row *b)
{
	return a->nr == b->nr && a->name == b->name && a->entry == b->entry && a->compat == b->compat &&
	       a->implemented == b->implemented && a->why == b->why && a->config == b->config;
}

static int old_span_cmp(const void *a, const void *b)
{
	const kabi_span *x = a, *y = b;

	if (x->abi != y->abi)
		return x->abi - y->abi;
	return x->first - y->first;
}

/* The table of ABI `abi` at old position `ord`, rebuilt from old spans
 * [lo, hi) (those of that ABI, sorted by first). */
static void old_table(kabi_table *out, const kabi_span *lo, const kabi_span *hi, int ord)
{
	kabi_row *rows = kabi_malloc((size_t)(hi - lo + 1) * sizeof(*rows));
	size_t n = 0;
	const kabi_span *s;

	for (s = lo; s < hi && s->first <= ord; s++) {
		if (s->last < ord)
			continue;
		rows[n].nr = s->nr;
		rows[n].name = s->name;
		rows[n].entry = s->entry;
		rows[n].compat = s->compat;
		rows[n].implemented = s->implemented;
		rows[n].why = s->why;
		rows[n].config = s->config;
		n++;
	}
	kabi_table_from_rows(out, rows, n);
	free(rows);
}

int kabi_spans_build(kabi_model *m)
{
	size_t a, p, i;
	kabi_span *olds = m->old_spans;
	size_t nolds = m->nold_spans;

	m->nspans = 0;
	if (nolds > 1)
		qsort(olds, nolds, sizeof(*olds), old_span_cmp);
	i = 0;
	for (a = 0; a < m->nabi; a++) {
		const kabi_span *olo, *ohi;
		const kabi_table *prev = NULL;
		kabi_table prev_owned = {0}, cur_owned = {0};
		size_t *open = NULL; /* span index per row of prev */
		int prev_pos = -1;
		uint64_t prev_fp = 0;

		while (i < nolds && olds[i].abi < (int)a)
			i++;
		olo = &olds[i];
		while (i < nolds && olds[i].abi == (int)a)
			i++;
		ohi = &olds[i];

		for (p = 0; p <= m->nrels; p++) {
			const kabi_abi_src *src = p < m->nrels ? &m->rels[p].abi[a] : NULL;
			const kabi_table *cur = NULL;
			size_t *cur_open = NULL, x, y;

			if (src && src->present && prev && prev_pos == (int)p - 1 &&
			    src->fingerprint == prev_fp) {
				prev_pos = (int)p; /* unchanged: open spans run on */
				continue;
			}
			if (src && src->present) {
				if (src->table) {
					cur = src->table;
				} else {
					old_table(&cur_owned, olo, ohi, m->rels[p].old_ord);
					cur = &cur_owned;
				}
			}
			/* Close everything when the ABI was absent in between. */
			if (prev && prev_pos != (int)p - 1) {
				for (x = 0; x < prev->n; x++)
					m->spans[open[x]].last = prev_pos;
				prev = NULL;
			}
			if (cur)
				cur_open = kabi_malloc((cur->n ? cur->n : 1) * sizeof(*cur_open));
			x = y = 0;
			while ((prev && x < prev->n) || (cur && y < cur->n)) {
				int c;

				if (!prev || x >= prev->n)
					c = 1;
				else if (!cur || y >= cur->n)
					c = -1;
				else
					c = strcmp(prev->rows[x].name, cur->rows[y].name);
				if (c == 0 && same_row(&prev->rows[x], &cur->rows[y])) {
					cur_open[y++] = open[x++];
					continue;
				}
				if (c <= 0) /* gone or changed: close */
					m->spans[open[x++]].last = prev_pos;
				if (c >= 0) { /* new or changed: open */
					const kabi_row *r = &cur->rows[y];
					kabi_span *s = push_span(m);

					s->abi = (int)a;
					s->name = r->name;
					s->entry = r->entry;
					s->compat = r->compat;
					s->nr = r->nr;
					s->implemented = r->implemented;
					s->why = r->why;
					s->config = r->config;
					s->first = (int)p;
					s->last = -1;
					cur_open[y++] = (size_t)(s - m->spans);
				}
			}
			free(open);
			open = cur_open;
			kabi_table_free(&prev_owned);
			prev_owned = cur_owned;
			memset(&cur_owned, 0, sizeof(cur_owned));
			prev = cur == &cur_owned ? &prev_owned : cur;
			prev_pos = cur ? (int)p : -1;
			prev_fp = cur ? src->fingerprint : 0;
		}
		free(open);
		kabi_table_free(&prev_owned);
	}
	return 0;
}

/* A growable list of events: the model's, or one a caller owns. */
static kabi_event *push(kabi_event **v, size_t *n, size_t *cap, int abi, const char *name,
			kabi_event_kind kind, int ord, int prev_ord)
{
	kabi_event *e;

	KABI_ARRAY_GROW(*v, *n + 1, *cap);
	e = &(*v)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->abi = abi;
	e->name = name;
	e->kind = kind;
	e->ord = ord;
	e->prev_ord = prev_ord;
	e->old_nr = e->new_nr = -1;
	return e;
}

static int same_str(const char *a, const char *b)
{
	return a == b || strcmp(a, b) == 0;
}

/* Rows of header eras whose entry points kabi cannot read: implemented
 * unknown.  (A .tbl row without an entry is KABI_IMPL_NO, so the two do
 * not mix.) */
static int unknown_entry(const kabi_row *r)
{
	return r->implemented == KABI_IMPL_UNKNOWN;
}

/* A compat entry that was not read (KABI_ENTRY_UNKNOWN) differs from
 * nothing: only a known one on both sides can change. */
static int compat_differs(const kabi_row *a, const kabi_row *b)
{
	if (strcmp(a->compat, KABI_ENTRY_UNKNOWN) == 0 || strcmp(b->compat, KABI_ENTRY_UNKNOWN) == 0)
		return 0;
	return !same_str(a->compat, b->compat);
}

/* A slot with no entry point in either column: "" or sys_ni_syscall. */
static int no_entry_point(const kabi_row *r)
{
	return !kabi_entry_is_impl(r->entry) && !kabi_entry_is_impl(r->compat);
}

/*
 * The rule for one syscall that one ABI has on both sides, a before b:
 * a different number is "renumbered"; then, unless either side comes from a
 * header era without an entry table (which says nothing about entries), a
 * change of implemented is "unimplemented"/"reimplemented", and a change of
 * entry points of a slot that has one on either side is "entry_changed"
 * (sys_ni_syscall and no entry are the same: headers and .tbl files write
 * an empty slot differently).  Appends the events, at (ord, prev_ord).
 */
static void row_changes(kabi_event **v, size_t *n, size_t *cap, int abi, const kabi_row *a, const kabi_row *b,
			int ord, int prev_ord)
{
	kabi_event *e;

	if (a->nr != b->nr) {
		e = push(v, n, cap, abi, b->name, KABI_EV_RENUMBERED, ord, prev_ord);
		e->old_nr = a->nr;
		e->new_nr = b->nr;
	}
	if (unknown_entry(a) || unknown_entry(b))
		return;
	if (a->implemented != b->implemented) {
		e = push(v, n, cap, abi, b->name,
			 b->implemented == KABI_IMPL_YES ? KABI_EV_REIMPLEMENTED : KABI_EV_UNIMPLEMENTED, ord,
			 prev_ord);
		e->old_nr = e->new_nr = b->nr;
		e->old_entry = a->entry;
		e->new_entry = b->entry;
	} else if (no_entry_point(a) && no_entry_point(b)) {
		/* no ABI change */
	} else if (!same_str(a->entry, b->entry) || compat_differs(a, b)) {
		int native = !same_str(a->entry, b->entry);

		e = push(v, n, cap, abi, b->name, KABI_EV_ENTRY_CHANGED, ord, prev_ord);
		e->old_nr = e->new_nr = b->nr;
		e->old_entry = native ? a->entry : a->compat;
		e->new_entry = native ? b->entry : b->compat;
	}
}

static int span_name_cmp(const void *a, const void *b)
{
	const kabi_span *x = a, *y = b;
	int c;

	if (x->abi != y->abi)
		return x->abi - y->abi;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return x->first - y->first;
}

static int event_cmp(const void *a, const void *b)
{
	const kabi_event *x = a, *y = b;
	int64_t nx, ny;

	if (x->ord != y->ord)
		return x->ord - y->ord;
	if (x->abi != y->abi)
		return x->abi - y->abi;
	nx = x->new_nr >= 0 ? x->new_nr : x->old_nr;
	ny = y->new_nr >= 0 ? y->new_nr : y->old_nr;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->name, y->name);
}

/* Sorts events and makes each name removed and other name added at the
 * same number, ABI and release one "renamed" (an "added" and a "removed"
 * at the same number sort next to each other, added first). */
void kabi_events_finish(kabi_event *v, size_t *n)
{
	size_t i, j;

	if (*n > 1)
		qsort(v, *n, sizeof(*v), event_cmp);
	for (i = 0; i + 1 < *n; i++) {
		kabi_event *a = &v[i], *b = &v[i + 1];

		if (a->ord == b->ord && a->abi == b->abi && a->kind == KABI_EV_ADDED &&
		    b->kind == KABI_EV_REMOVED && a->new_nr == b->old_nr && a->prev_ord >= 0) {
			a->kind = KABI_EV_RENAMED;
			a->old_name = b->name;
			a->old_nr = b->old_nr;
			a->old_entry = b->old_entry;
			b->kind = (kabi_event_kind)-1; /* dropped below */
			i++;
		}
	}
	for (i = j = 0; i < *n; i++)
		if ((int)v[i].kind != -1)
			v[j++] = v[i];
	*n = j;
}

static kabi_row span_row(const kabi_span *s)
{
	kabi_row r = {s->nr, s->name, s->entry, s->compat, s->implemented, s->why, s->config};

	return r;
}

/* ---- generations ------------------------------------------------------- */

/* Where a generation starts: the ABI has a table and the release before
 * has none, or has one of another numbering (a reborn port).  Renumbered
 * means: of at least KABI_REBIRTH_MIN names on both sides, more than half
 * changed number (the kernel renumbers nothing; a port rewritten on
 * asm-generic renumbers nearly everything: h8300's read 3 -> 63). */
#define KABI_REBIRTH_MIN 3

int kabi_generations_derive(kabi_model *m)
{
	size_t nr = m->nrels, na = m->nabi, i, a, n0;
	int *cover, *gone, *renum, *start;

	m->ngens = 0;
	if (!nr || !na)
		return 0;
	cover = kabi_calloc(na * (nr + 1), sizeof(*cover)); /* names at each release (prefix sums) */
	gone = kabi_calloc(na * nr, sizeof(*gone));         /* names at r - 1 without a span at r */
	renum = kabi_calloc(na * nr, sizeof(*renum));       /* names whose number changed at r */
	start = kabi_calloc(na * nr, sizeof(*start));
	if (m->nspans > 1)
		qsort(m->spans, m->nspans, sizeof(*m->spans), span_name_cmp);
	for (i = 0; i < m->nspans; i++) {
		const kabi_span *sp = &m->spans[i];
		const kabi_span *next = i + 1 < m->nspans && m->spans[i + 1].abi == sp->abi &&
							m->spans[i + 1].name == sp->name
						? &m->spans[i + 1]
						: NULL;
		size_t b = (size_t)sp->abi * (nr + 1);

		cover[b + (size_t)sp->first]++;
		cover[b + (size_t)sp->last + 1]--;
		if ((size_t)sp->last + 1 < nr) {
			size_t at = (size_t)sp->abi * nr + (size_t)sp->last + 1;

			if (!next || next->first != sp->last + 1)
				gone[at]++;
			else if (next->nr != sp->nr)
				renum[at]++;
		}
	}
	for (a = 0; a < na; a++) {
		int run = 0, prev_names = 0;

		for (i = 0; i < nr; i++) {
			int names = (run += cover[a * (nr + 1) + i]);
			int here = m->rels[i].abi[a].present, before = i > 0 && m->rels[i - 1].abi[a].present;

			if (here && !before) {
				start[a * nr + i] = 1;
			} else if (here) {
				int common = prev_names - gone[a * nr + i];

				start[a * nr + i] =
					common >= KABI_REBIRTH_MIN && 2 * renum[a * nr + i] > common;
			}
			prev_names = names;
		}
	}
	for (a = 0; a < na; a++) {
		int g = 0;

		for (i = 0; i < nr; i++) {
			kabi_generation *gen;

			if (!m->rels[i].abi[a].present)
				continue;
			if (start[a * nr + i]) {
				KABI_ARRAY_GROW(m->gens, m->ngens + 1, m->agens);
				gen = &m->gens[m->ngens++];
				gen->abi = (int)a;
				gen->generation = ++g;
				gen->first = (int)i;
			}
			m->gens[m->ngens - 1].last = (int)i;
		}
	}
	/* a span across the start of a generation belongs to both: split it */
	n0 = m->nspans;
	for (i = 0; i < n0; i++) {
		int k;

		for (k = m->spans[i].last; k > m->spans[i].first; k--) {
			kabi_span *tail;

			if (!start[(size_t)m->spans[i].abi * nr + (size_t)k])
				continue;
			tail = push_span(m); /* may move m->spans */
			*tail = m->spans[i];
			tail->first = k;
			m->spans[i].last = k - 1;
		}
	}
	free(cover);
	free(gone);
	free(renum);
	free(start);
	return 0;
}

/* The generation of ABI abi that holds release ord, or NULL. */
static const kabi_generation *generation_at(const kabi_model *m, int abi, int ord)
{
	size_t i;

	for (i = 0; i < m->ngens; i++)
		if (m->gens[i].abi == abi && m->gens[i].first <= ord && m->gens[i].last >= ord)
			return &m->gens[i];
	return NULL;
}

/*
 * Events per (ABI, name): the first span is "added"; between two spans,
 * a gap is "removed" then "added", and adjacent spans differ by the rule of
 * row_changes(); after the last span, "removed" unless it runs to the
 * newest release.  Then kabi_events_finish() pairs renames.  With
 * generations (kabi_generations_derive), the end of one is the ABI's end,
 * not a removal of each syscall, and the start of the next brings its
 * syscalls as added, never as renamed or renumbered.
 */
int kabi_events_derive(kabi_model *m)
{
	size_t i;
	int last_ord = (int)m->nrels - 1;

	m->nevents = 0;
	if (m->nspans > 1)
		qsort(m->spans, m->nspans, sizeof(*m->spans), span_name_cmp);
	for (i = 0; i < m->nspans; i++) {
		const kabi_span *s = &m->spans[i];
		const kabi_span *prev =
			(i > 0 && m->spans[i - 1].abi == s->abi && m->spans[i - 1].name == s->name)
				? &m->spans[i - 1]
				: NULL;
		const kabi_span *next = (i + 1 < m->nspans && m->spans[i + 1].abi == s->abi &&
					 m->spans[i + 1].name == s->name)
						? &m->spans[i + 1]
						: NULL;
		kabi_event *e;

		const kabi_generation *g = m->ngens ? generation_at(m, s->abi, s->first) : NULL;

		if (!prev || prev->last + 1 != s->first || (g && g->first == s->first)) {
			e = push(&m->events, &m->nevents, &m->aevents, s->abi, s->name, KABI_EV_ADDED,
				 s->first, s->first == 0 ? -1 : s->first - 1);
			e->new_nr = s->nr;
			e->new_entry = s->entry;
		} else {
			kabi_row a = span_row(prev), b = span_row(s);

			row_changes(&m->events, &m->nevents, &m->aevents, s->abi, &a, &b, s->first,
				    s->first - 1);
		}
		g = m->ngens ? generation_at(m, s->abi, s->last) : NULL;
		if ((!next || next->first != s->last + 1) && s->last < last_ord &&
		    !(g && g->last == s->last)) {
			e = push(&m->events, &m->nevents, &m->aevents, s->abi, s->name, KABI_EV_REMOVED,
				 s->last + 1, s->last);
			e->old_nr = s->nr;
			e->old_entry = s->entry;
		}
	}
	kabi_events_finish(m->events, &m->nevents);
	return 0;
}

/*
 * The changes of one ABI from table a (at prev_ord) to table b (at ord),
 * both sorted by name, by the same rules as the events: a name only in b
 * is "added", only in a "removed", in both row_changes().  Appends to
 * *v; call kabi_events_finish() once all ABIs are in.
 */
void kabi_table_changes(kabi_event **v, size_t *n, size_t *cap, int abi, const kabi_table *a,
			const kabi_table *b, int prev_ord, int ord)
{
	size_t x = 0, y = 0;

	while (x < a->n || y < b->n) {
		int c = x >= a->n ? 1 : y >= b->n ? -1 : strcmp(a->rows[x].name, b->rows[y].name);
		kabi_event *e;

		if (c < 0) {
			e = push(v, n, cap, abi, a->rows[x].name, KABI_EV_REMOVED, ord, prev_ord);
			e->old_nr = a->rows[x].nr;
			e->old_entry = a->rows[x].entry;
			x++;
		} else if (c > 0) {
			e = push(v, n, cap, abi, b->rows[y].name, KABI_EV_ADDED, ord, prev_ord);
			e->new_nr = b->rows[y].nr;
			e->new_entry = b->rows[y].entry;
			y++;
		} else {
			row_changes(v, n, cap, abi, &a->rows[x], &b->rows[y], ord, prev_ord);
			x++;
			y++;
		}
	}
}
