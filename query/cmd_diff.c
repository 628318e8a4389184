/*
 * kabi diff V1 V2 [--abi A] [--events] [--entries] [--signatures] - what
 * changed between two releases
 *
 * By default the two tables are compared directly (the net change); with
 * --events the events recorded between the two releases are listed, with
 * the commits that made them where the catalog has them.  Changes a program
 * sees (a syscall added, removed, renumbered, (un)implemented, renamed) come
 * apart from the plumbing (only an entry point changed: stub_fork ->
 * sys_fork), which --entries lists with both the native and compat entries.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "intern.h"
#include "model.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABI("only on this ABI"),
	{"events", 'e', NULL, "list the events between the releases, with their commits", KABI_O_EVENTS, 0,
	 NULL},
	{"entries", 0, NULL, "also list the syscalls whose entry points only changed, native and compat",
	 KABI_O_ENTRIES, 0, NULL},
	{"signatures", 's', NULL, "add the syscalls whose argument lists differ", KABI_O_SIGNATURES, 0, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_diff = {
	"diff",
	cmd_diff,
	"what changed between two releases",
	"V1 V2 [--abi ABI] [--events] [--entries] [--signatures]",
	"Compares the syscall tables of releases V1 and V2 on every ABI (or on ABI): syscalls added, removed, "
	"renumbered, renamed, or that became unimplemented or implemented again: what a program sees.  A "
	"syscall whose entry point only changed (stub_fork became sys_fork) is plumbing: counted on the "
	"last lines, and listed with --entries in a table of its own with the native and the compat entry "
	"points on both sides.  --events "
	"lists the recorded events between the two releases instead, with their commits (entry-point "
	"events only with --entries).  --signatures adds "
	"the syscalls whose argument lists differ; in text on a terminal, their lines are cut to its width "
	"(ending in an ellipsis), never in csv or json or through a pipe.",
	options,
	KABI_COMPLETE_RELEASE,
};

/*
 * ABI abi's tables at o1 and o2 as the change rule reads them (db/table.h:
 * rows by name), from one read of its spans: the strings of both sides are
 * the pair's, one pool, so that they compare by pointer.  The pair is the
 * caller's to free, after the tables.
 */
static int load_tables(kabi_catalog *c, int abi, int o1, int o2, kabi_cat_table_pair **pair, kabi_table *t1,
		       kabi_table *t2)
{
	kabi_cat_table_pair *p;
	kabi_row *rows;
	size_t i, n1 = 0, n2 = 0;

	if (kabi_catalog_table_pair(pair, c, abi, o1, o2) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	p = *pair;
	rows = kabi_calloc(2 * p->n + 1, sizeof(*rows));
	for (i = 0; i < p->n; i++) {
		kabi_row r = {0};

		r.name = p->rows[i].name;
		r.nr = p->rows[i].nr;
		r.entry = p->rows[i].entry;
		r.compat = p->rows[i].compat_entry;
		r.implemented = p->rows[i].implemented;
		if (p->in[i] & 1)
			rows[n1++] = r;
		if (p->in[i] & 2)
			rows[p->n + n2++] = r;
	}
	kabi_table_from_rows(t1, rows, n1);
	kabi_table_from_rows(t2, rows + p->n, n2);
	free(rows);
	return 0;
}

typedef struct {
	int added, removed, changed, entries;
} counts;

/* Output order: ABI, then syscall name, then kind. */
static int by_abi_name(const void *a, const void *b)
{
	const kabi_event *x = a, *y = b;
	int c;

	if (x->abi != y->abi)
		return x->abi - y->abi;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return (int)x->kind - (int)y->kind;
}

static int nentries(const counts *per, int n)
{
	int id, k = 0;

	for (id = 0; id < n; id++)
		k += per[id].entries;
	return k;
}

/*
 * The net change from o1 to o2: each ABI's two tables compared by the rules
 * that make the events (kabi_table_changes), so that between two adjacent
 * releases this is exactly the events.  An ABI with a table on one side
 * only is one line.
 */
static int net_diff(kabi_catalog *c, kabi_out *out, int o1, int o2, int abi, const char *r1, const char *r2,
		    int entries)
{
	static const char *const ecols[] = {"abi",       "syscall",    "nr:int",    "old_entry",
					    "new_entry", "old_compat", "new_compat"};
	static const char *const cols[] = {"abi",        "change",    "syscall",   "old_nr:int",
					   "new_nr:int", "old_entry", "new_entry", "old_name"};
	const kabi_cat_abi *abis;
	kabi_cat_table_pair **pairs = NULL;
	kabi_table *t1 = NULL, *t2 = NULL;
	int *p1 = NULL, *p2 = NULL, ret = KABI_EXIT_ERROR, id, n;
	counts *per = NULL;
	kabi_event *ev = NULL;
	size_t nev = 0, cap = 0, nabis, i;

	if (kabi_catalog_abis(&abis, &nabis, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	n = (int)nabis;
	pairs = kabi_calloc(nabis + 1, sizeof(*pairs));
	t1 = kabi_calloc(nabis + 1, sizeof(*t1));
	t2 = kabi_calloc(nabis + 1, sizeof(*t2));
	p1 = kabi_calloc(nabis + 1, sizeof(*p1));
	p2 = kabi_calloc(nabis + 1, sizeof(*p2));
	per = kabi_calloc(nabis + 1, sizeof(*per));
	for (id = 0; id < n; id++) {
		if (abi >= 0 && id != abi)
			continue;
		if (kabi_catalog_has_table(&p1[id], c, id, o1) < 0 ||
		    kabi_catalog_has_table(&p2[id], c, id, o2) < 0) {
			kabi_cli_error("%s", kabi_error_last());
			goto out;
		}
		/* tables of two generations: the ABI ended and began again */
		if (p1[id] && p2[id] &&
		    kabi_catalog_generation_at(c, id, o1) != kabi_catalog_generation_at(c, id, o2))
			p1[id] = p2[id] = -1;
		if (p1[id] > 0 && p2[id] > 0) {
			if (load_tables(c, id, o1, o2, &pairs[id], &t1[id], &t2[id]))
				goto out;
			kabi_table_changes(&ev, &nev, &cap, id, &t1[id], &t2[id], o1, o2);
		}
	}
	kabi_events_finish(ev, &nev);
	if (nev > 1)
		qsort(ev, nev, sizeof(*ev), by_abi_name);

	kabi_out_table(out, "diff", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < nev; i++) {
		const kabi_event *e = &ev[i];
		char onr[32], nnr[32];
		const char *v[8];

		assert(e->abi >= 0 && e->abi < n);
		if (e->kind == KABI_EV_ENTRY_CHANGED) { /* plumbing: below, with --entries */
			per[e->abi].entries++;
			continue;
		}
		snprintf(onr, sizeof(onr), "%lld", (long long)e->old_nr);
		snprintf(nnr, sizeof(nnr), "%lld", (long long)e->new_nr);
		v[0] = abis[e->abi].name;
		v[1] = kabi_event_kind_name(e->kind);
		v[2] = e->name;
		v[3] = e->old_nr >= 0 ? onr : NULL;
		v[4] = e->new_nr >= 0 ? nnr : NULL;
		v[5] = e->old_entry;
		v[6] = e->new_entry;
		v[7] = e->old_name;
		kabi_out_row(out, v);
		if (e->kind == KABI_EV_ADDED)
			per[e->abi].added++;
		else if (e->kind == KABI_EV_REMOVED)
			per[e->abi].removed++;
		else
			per[e->abi].changed++;
	}
	/* ABIs on one side only: one line each, not a line per syscall; one
	 * that ended and began again between the two: a line each way. */
	for (id = 0; id < n; id++) {
		const char *v[8] = {NULL};

		if (p1[id] < 0) {
			v[0] = abis[id].name;
			v[1] = "abi_removed";
			kabi_out_row(out, v);
			v[1] = "abi_added";
			kabi_out_row(out, v);
			kabi_out_footer(out, "%s: the table at %s is of another generation than at %s", v[0],
					r2, r1);
			continue;
		}
		if (p1[id] == p2[id])
			continue;
		v[0] = abis[id].name;
		v[1] = p2[id] ? "abi_added" : "abi_removed";
		kabi_out_row(out, v);
		if (p2[id])
			kabi_out_footer(out, "%s: no table at %s, a table at %s", v[0], r1, r2);
		else
			kabi_out_footer(out, "%s: a table at %s, none at %s", v[0], r1, r2);
	}
	for (id = 0; id < n; id++) {
		if (per[id].added || per[id].removed || per[id].changed)
			kabi_out_footer(out, "%s: %d added, %d removed, %d changed", abis[id].name,
					per[id].added, per[id].removed, per[id].changed);
		if (per[id].entries)
			kabi_out_footer(out, "%s: %d with new entry points only%s", abis[id].name,
					per[id].entries, entries ? " (below)" : " (--entries lists them)");
	}
	if (kabi_out_rows(out) == 0 && !nentries(per, n))
		kabi_out_footer(out, "no changes between %s and %s", r1, r2);
	if (entries) {
		kabi_out_table(out, "entries", ecols, sizeof(ecols) / sizeof(ecols[0]));
		for (i = 0; i < nev; i++) {
			const kabi_event *e = &ev[i];
			const kabi_row *a, *b;
			char nr[32];

			if (e->kind != KABI_EV_ENTRY_CHANGED)
				continue;
			a = kabi_table_find(&t1[e->abi], e->name);
			b = kabi_table_find(&t2[e->abi], e->name);
			assert(a && b);
			snprintf(nr, sizeof(nr), "%lld", (long long)e->new_nr);
			{
				const char *v[7] = {abis[e->abi].name, e->name,   nr,       a->entry,
						    b->entry,          a->compat, b->compat};

				kabi_out_row(out, v);
			}
		}
	}
	ret = 0;
out:
	for (id = 0; t1 && id < n; id++) {
		kabi_table_free(&t1[id]);
		kabi_table_free(&t2[id]);
		kabi_cat_table_pair_free(pairs[id]);
	}
	free(pairs);
	free(t1);
	free(t2);
	free(p1);
	free(p2);
	free(per);
	free(ev);
	return ret;
}

/* The events with o1 < release <= o2 (either way round), as recorded, with
 * their commits. */
static int event_diff(kabi_catalog *c, kabi_out *out, int o1, int o2, int abi, int entries)
{
	size_t skipped = 0;
	static const char *const cols[] = {"release",    "abi",        "kind",      "syscall",
					   "old_nr:int", "new_nr:int", "old_entry", "new_entry",
					   "old_name",   "commit",     "author",    "subject"};
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	const kabi_cat_generation *gens;
	kabi_cat_events *ev;
	size_t nrels, nabis, ngens, i;
	int lo, hi;

	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &nabis, c) < 0 ||
	    kabi_catalog_events(&ev, c, o1, o2, abi) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	kabi_out_table(out, "events", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < ev->n; i++) {
		const kabi_cat_event *e = &ev->v[i];
		char onr[32], nnr[32];
		const char *v[12];

		if (e->kind == KABI_EV_ENTRY_CHANGED && !entries) {
			skipped++;
			continue;
		}
		{
			const char *w[12] = {rels[e->ord].name,
					     abis[e->abi].name,
					     kabi_event_kind_name(e->kind),
					     e->name,
					     e->old_nr >= 0 ? onr : NULL,
					     e->new_nr >= 0 ? nnr : NULL,
					     e->old_entry,
					     e->new_entry,
					     e->old_name,
					     e->commit,
					     e->commit_author,
					     e->commit_subject};

			memcpy(v, w, sizeof(v));
		}
		snprintf(onr, sizeof(onr), "%lld", (long long)e->old_nr);
		snprintf(nnr, sizeof(nnr), "%lld", (long long)e->new_nr);
		kabi_out_row(out, v);
	}
	/* The ends and starts of generations in the range: one line per ABI. */
	if (kabi_catalog_generations(&gens, &ngens, c) < 0) {
		kabi_cat_events_free(ev);
		return kabi_cli_error("%s", kabi_error_last());
	}
	lo = o1 < o2 ? o1 : o2;
	hi = o1 < o2 ? o2 : o1;
	for (i = 0; i < ngens; i++) {
		const kabi_cat_generation *g = &gens[i];
		const char *v[12] = {NULL};

		if (abi >= 0 && g->abi != abi)
			continue;
		v[1] = abis[g->abi].name;
		if (g->last_ord + 1 > lo && g->last_ord + 1 <= hi) {
			v[0] = rels[g->last_ord + 1].name;
			v[2] = "abi_removed";
			kabi_out_row(out, v);
		}
		if (g->first_ord > lo && g->first_ord <= hi) {
			v[0] = rels[g->first_ord].name;
			v[2] = "abi_added";
			kabi_out_row(out, v);
		}
	}
	if (skipped)
		kabi_out_footer(out, "%zu entry_changed event%s not listed (--entries lists them)", skipped,
				skipped == 1 ? "" : "s");
	kabi_cat_events_free(ev);
	return 0;
}

/* Syscalls with a signature at both releases whose argument lists differ.
 * Their definitions make long lines: text cut to a terminal's width. */
static int signature_diff(kabi_catalog *c, kabi_out *out, int o1, int o2, int abi, unsigned width)
{
	static const char *const cols[] = {"abi", "syscall", "old_args", "new_args", "old_text", "new_text"};
	const kabi_cat_abi *abis;
	kabi_cat_sigchanges *sc;
	size_t nabis, i;

	if (kabi_catalog_abis(&abis, &nabis, c) < 0 ||
	    kabi_catalog_signature_changes(&sc, c, o1, o2, abi) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	kabi_out_table(out, "signatures", cols, sizeof(cols) / sizeof(cols[0]));
	kabi_out_cut(out, width);
	for (i = 0; i < sc->n; i++) {
		const kabi_cat_sigchange *g = &sc->v[i];
		const char *v[6] = {abis[g->abi].name, g->name,     g->old_args,
				    g->new_args,       g->old_text, g->new_text};

		kabi_out_row(out, v);
	}
	if (sc->n == 0)
		kabi_out_footer(out, "no signature changes");
	kabi_cat_sigchanges_free(sc);
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	kabi_release_resolution r1, r2;
	kabi_cli_opts o;
	kabi_catalog *c = NULL;
	kabi_out *out = NULL;
	int abi = -1, ret = KABI_EXIT_ERROR;
	int i = kabi_cli_parse(&o, &kabi_cmd_diff, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (argc - i != 2)
		return kabi_cli_usage(&kabi_cmd_diff, "two releases, please");
	if (kabi_cli_catalog(&c, o.db))
		return KABI_EXIT_ERROR;
	if (kabi_cli_find_release(&r1, c, argv[i]) || kabi_cli_find_release(&r2, c, argv[i + 1]) ||
	    (o.abi && kabi_cli_find_abi(&abi, c, o.abi)))
		goto out;
	out = kabi_out_new(o.fmt);
	if ((o.events ? event_diff(c, out, r1.ord, r2.ord, abi, o.entries)
		      : net_diff(c, out, r1.ord, r2.ord, abi, r1.name, r2.name, o.entries)) != 0)
		goto out;
	if (o.signatures && signature_diff(c, out, r1.ord, r2.ord, abi,
					   o.fmt == KABI_OUT_TEXT ? kabi_out_tty_width(stdout) : 0) != 0)
		goto out;
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_out_free(out);
	kabi_catalog_close(c);
	return ret;
}
