/* Spans and events from a timeline of tables, including the rebuilding of
 * old releases from a previous catalog's spans. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "model.h"
#include "tap.h"

static kabi_intern *pool;

/* A table from "nr name entry;nr name entry;..." ("-" entry: not implemented). */
static kabi_table *mk(const char *spec)
{
	kabi_table *t = calloc(1, sizeof(*t));
	kabi_row rows[64];
	size_t n = 0;
	char *copy = strdup(spec), *save = NULL, *tok;

	for (tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		long long nr;
		char name[64], entry[64];

		if (sscanf(tok, "%lld %63s %63s", &nr, name, entry) != 3)
			abort();
		rows[n].nr = nr;
		rows[n].name = kabi_intern_str(pool, name);
		rows[n].entry = kabi_intern_str(pool, strcmp(entry, "-") ? entry : "sys_ni_syscall");
		rows[n].compat = kabi_intern_str(pool, "");
		rows[n].implemented = strcmp(entry, "-") != 0;
		rows[n].why = NULL;
		rows[n].config = NULL;
		n++;
	}
	free(copy);
	kabi_table_from_rows(t, rows, n);
	return t;
}

/* Empties the entries of every row (or of the unimplemented ones), and
 * recomputes the table's fingerprint. */
static void blank_entries(kabi_table *t, int only_unimplemented)
{
	kabi_row *rows = t->rows;
	size_t r;

	for (r = 0; r < t->n; r++)
		if (!only_unimplemented || !rows[r].implemented) {
			rows[r].entry = kabi_intern_str(pool, "");
			if (!only_unimplemented) /* a header era without entries */
				rows[r].implemented = KABI_IMPL_UNKNOWN;
		}
	kabi_table_from_rows(t, rows, t->n);
	free(rows);
}

/* Recomputes a table's fingerprint after its rows were edited. */
static void refp(kabi_table *t)
{
	kabi_row *rows = t->rows;

	kabi_table_from_rows(t, rows, t->n);
	free(rows);
}

static void add(kabi_model *m, const char *name, int major, int minor, int abi, kabi_table *t)
{
	kabi_rel *r = kabi_model_add_release(m, name);

	r->version.part[0] = major;
	r->version.part[1] = minor;
	if (t) {
		r->abi[abi].present = 1;
		r->abi[abi].table = t;
		r->abi[abi].fingerprint = t->fingerprint;
	}
}

static int count(const kabi_model *m, const char *name, kabi_event_kind k)
{
	size_t i;
	int n = 0;

	for (i = 0; i < m->nevents; i++)
		if (strcmp(m->events[i].name, name) == 0 && m->events[i].kind == k)
			n++;
	return n;
}

static const kabi_event *find(const kabi_model *m, const char *name, kabi_event_kind k)
{
	size_t i;

	for (i = 0; i < m->nevents; i++)
		if (strcmp(m->events[i].name, name) == 0 && m->events[i].kind == k)
			return &m->events[i];
	return NULL;
}

int main(void)
{
	kabi_model m;
	kabi_table *t[6];
	const kabi_event *e;
	size_t i;
	int x = kabi_abi_index("x86_64");

	kabi_intern_new(&pool);
	t[0] = mk("0 read sys_read;1 perf_counter_open sys_perf_counter_open;2 timerfd sys_timerfd");
	t[1] = mk("0 read sys_read;1 perf_event_open sys_perf_event_open;2 timerfd sys_timerfd");
	t[2] = mk("0 read sys_read;1 perf_event_open sys_perf_event_open");
	t[3] = mk("0 read sys_read;1 perf_event_open sys_perf_event_open;2 timerfd -");
	t[4] = mk("5 read sys_read;1 perf_event_open sys_perf_event_open;2 timerfd sys_timerfd");

	kabi_model_init(&m, pool);
	add(&m, "v1.0", 1, 0, x, t[0]);
	add(&m, "v1.1", 1, 1, x, t[1]);
	add(&m, "v1.2", 1, 2, x, t[1]); /* same table: nothing happens */
	add(&m, "v1.3", 1, 3, x, t[2]);
	add(&m, "v1.4", 1, 4, x, t[3]);
	add(&m, "v1.5", 1, 5, x, NULL); /* the ABI is gone */
	add(&m, "v1.6", 1, 6, x, t[4]);
	kabi_spans_build(&m);
	kabi_events_derive(&m);

	/* read: 0..4 at nr 0, then gone at 5, back at 6 with nr 5 */
	EQ_INT(count(&m, "read", KABI_EV_ADDED), 2);
	EQ_INT(count(&m, "read", KABI_EV_REMOVED), 1);
	EQ_INT(count(&m, "read", KABI_EV_RENUMBERED), 0);
	e = find(&m, "read", KABI_EV_ADDED);
	OK(e && e->ord == 0 && e->prev_ord == -1, "read added at the first release, with no previous");
	e = find(&m, "perf_event_open", KABI_EV_RENAMED);
	OK(e && e->ord == 1 && e->old_name && strcmp(e->old_name, "perf_counter_open") == 0,
	   "perf_counter_open renamed perf_event_open in v1.1");
	EQ_INT(count(&m, "perf_counter_open", KABI_EV_REMOVED), 0);
	EQ_INT(count(&m, "perf_event_open", KABI_EV_ADDED), 1); /* back after the gap only */
	e = find(&m, "timerfd", KABI_EV_REMOVED);
	OK(e && e->ord == 3 && e->prev_ord == 2, "timerfd removed in v1.3");
	e = find(&m, "timerfd", KABI_EV_ADDED);
	OK(e != NULL, "timerfd back");
	EQ_INT(count(&m, "timerfd", KABI_EV_UNIMPLEMENTED), 0); /* it came back unimplemented: an add */
	EQ_INT(count(&m, "timerfd", KABI_EV_REIMPLEMENTED), 0);

	/* The same timeline rebuilt from the spans (as an incremental harvest
	 * does) gives the same spans. */
	{
		kabi_model n;
		size_t k;
		int same = 1;

		kabi_model_init(&n, pool);
		for (i = 0; i < m.nrels; i++) {
			kabi_rel *r = kabi_model_add_release(&n, m.rels[i].name);

			r->version = m.rels[i].version;
			r->old_ord = (int)i;
			memcpy(r->abi, m.rels[i].abi, n.nabi * sizeof(*r->abi));
			for (k = 0; k < n.nabi; k++)
				r->abi[k].table = NULL;
		}
		n.old_spans = malloc(m.nspans * sizeof(*n.old_spans));
		memcpy(n.old_spans, m.spans, m.nspans * sizeof(*n.old_spans));
		n.nold_spans = n.aold_spans = m.nspans;
		kabi_spans_build(&n);
		kabi_events_derive(&n);
		EQ_INT(n.nspans, m.nspans);
		EQ_INT(n.nevents, m.nevents);
		/* field by field: memcmp would compare the struct's padding */
		for (k = 0; k < m.nspans && k < n.nspans; k++) {
			const kabi_span *a = &m.spans[k], *b = &n.spans[k];

			if (a->abi != b->abi || a->name != b->name || a->entry != b->entry ||
			    a->compat != b->compat || a->nr != b->nr || a->implemented != b->implemented ||
			    a->first != b->first || a->last != b->last || a->why != b->why ||
			    a->config != b->config)
				same = 0;
		}
		OK(same, "rebuilt spans equal the original ones");
		kabi_model_free(&n);
	}
	kabi_model_free(&m);

	/* A header era with no entry table (entry "", implemented assumed)
	 * followed by a .tbl with entries: no event, not even for a slot the
	 * .tbl shows unimplemented (the header era could not know); another
	 * number still is one. */
	{
		kabi_table *h = mk("0 read ?;1 write ?;2 open ?"),
			   *tb = mk("0 read sys_read;1 write -;3 open sys_open");
		blank_entries(h, 0);
		kabi_model_init(&m, pool);
		add(&m, "v2.0", 2, 0, x, h);
		add(&m, "v2.1", 2, 1, x, tb);
		kabi_spans_build(&m);
		kabi_events_derive(&m);
		EQ_INT(count(&m, "read", KABI_EV_ENTRY_CHANGED), 0);
		EQ_INT(m.nevents, 3 + 1); /* 3 added at v2.0; open renumbered */
		EQ_INT(count(&m, "write", KABI_EV_UNIMPLEMENTED), 0);
		EQ_INT(count(&m, "open", KABI_EV_RENUMBERED), 1);
		kabi_model_free(&m);
		kabi_table_free(h);
		kabi_table_free(tb);
		free(h);
		free(tb);
	}
	/* i386 before the .tbl with arch/x86/ia32/ia32entry.S not read: the
	 * compat entries are unknown ("?"), and the .tbl's compat_sys_open
	 * after them is no entry change (issue 16, class 6); a known compat
	 * entry that changes still is one. */
	{
		kabi_table *a = mk("5 open sys_open;3 read sys_read"),
			   *b = mk("5 open sys_open;3 read sys_read");
		kabi_table *c = mk("5 open sys_open;3 read sys_read");
		size_t r;

		for (r = 0; r < a->n; r++)
			a->rows[r].compat = kabi_intern_str(pool, KABI_ENTRY_UNKNOWN);
		refp(a);
		for (r = 0; r < b->n; r++)
			if (strcmp(b->rows[r].name, "open") == 0)
				b->rows[r].compat = kabi_intern_str(pool, "compat_sys_open");
		refp(b);
		for (r = 0; r < c->n; r++)
			if (strcmp(c->rows[r].name, "open") == 0)
				c->rows[r].compat = kabi_intern_str(pool, "compat_sys_open_new");
		refp(c);
		kabi_model_init(&m, pool);
		add(&m, "v3.2", 3, 2, x, a);
		add(&m, "v3.3", 3, 3, x, b);
		add(&m, "v3.4", 3, 4, x, c);
		kabi_spans_build(&m);
		kabi_events_derive(&m);
		EQ_INT(count(&m, "open", KABI_EV_ENTRY_CHANGED), 1); /* v3.3 -> v3.4 only */
		EQ_INT(count(&m, "read", KABI_EV_ENTRY_CHANGED), 0);
		kabi_model_free(&m);
		kabi_table_free(a);
		kabi_table_free(b);
		kabi_table_free(c);
		free(a);
		free(b);
		free(c);
	}
	/* An unimplemented slot written "sys_ni_syscall" in one era and with
	 * no entry in the next (arm64's unistd32.h -> syscall_32.tbl at 6.11,
	 * x86's headers -> .tbl at 3.3 the other way round) stays
	 * unimplemented: no event.  A real entry after it still is one. */
	{
		kabi_table *a = mk("0 afs_syscall -;1 vserver -;2 getpmsg -");
		kabi_table *b = mk("0 afs_syscall -;1 vserver -;2 getpmsg sys_getpmsg");
		blank_entries(b, 1);
		kabi_model_init(&m, pool);
		add(&m, "v6.10", 6, 10, x, a);
		add(&m, "v6.11", 6, 11, x, b);
		kabi_spans_build(&m);
		kabi_events_derive(&m);
		EQ_INT(count(&m, "afs_syscall", KABI_EV_ENTRY_CHANGED), 0);
		EQ_INT(count(&m, "vserver", KABI_EV_ENTRY_CHANGED), 0);
		EQ_INT(count(&m, "getpmsg", KABI_EV_REIMPLEMENTED), 1);
		EQ_INT(m.nevents, 3 + 1); /* 3 added at v6.10; getpmsg reimplemented */
		kabi_model_free(&m);
		kabi_table_free(a);
		kabi_table_free(b);
		free(a);
		free(b);
	}
	for (i = 0; i < 5; i++) {
		kabi_table_free(t[i]);
		free(t[i]);
	}
	kabi_intern_free(pool);
	return tap_done();
}
