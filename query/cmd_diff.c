/*
 * kabi diff V1 V2 [--abi A] [--events] - what changed between two releases
 *
 * By default the two tables are compared directly (the net change); with
 * --events the events recorded between the two releases are listed, with
 * the commits that made them where the catalog has them.
 */
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
	{"events", 'e', NULL, "list the events between the releases, with their commits", KABI_O_EVENTS, 0, NULL},
	{"signatures", 's', NULL, "add the syscalls whose argument lists differ", KABI_O_SIGNATURES, 0, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_diff = {
	"diff", cmd_diff, "what changed between two releases", "V1 V2 [--abi ABI] [--events] [--signatures]",
	"Compares the syscall tables of releases V1 and V2 on every ABI (or on ABI): syscalls added, removed, "
	"renumbered, with entry points changed, or that became unimplemented or implemented again.  --events "
	"lists the recorded events between the two releases instead, with their commits.  --signatures adds "
	"the syscalls whose argument lists differ.",
	options, KABI_COMPLETE_RELEASE,
};

/* The ABIs' names by catalog id; ids are validated against their count. */
typedef struct {
	char **name; /* [n], NULL where no ABI has that id */
	int n;
} abi_names;

static void abi_names_free(abi_names *an)
{
	int i;

	for (i = 0; i < an->n; i++)
		free(an->name[i]);
	free(an->name);
}

static int load_abi_names(sqlite3 *db, abi_names *an)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, "SELECT id, name FROM abi ORDER BY id");
	int rc;

	an->n = 0;
	an->name = NULL;
	if (!st)
		return KABI_EXIT_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);

		if (id <= 0 || id > 4096) {
			sqlite3_finalize(st);
			return kabi_cli_error("the catalog has an ABI id out of range (%d)", id);
		}
		if (id >= an->n) {
			an->name = kabi_realloc(an->name, (size_t)(id + 1) * sizeof(*an->name));
			memset(an->name + an->n, 0, (size_t)(id + 1 - an->n) * sizeof(*an->name));
			an->n = id + 1;
		}
		free(an->name[id]);
		an->name[id] = kabi_strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
}

/* Every ABI's table at ord (tabs[id], id < an->n), and which have one. */
static int load_tables(sqlite3 *db, int ord, int abi, const abi_names *an, kabi_intern *pool, kabi_table *tabs,
		       int *present)
{
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT sp.abi_id, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented "
		    "FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
		    "WHERE sp.first_ord <= ?1 AND sp.last_ord >= ?1 AND (?2 = 0 OR sp.abi_id = ?2) "
		    "ORDER BY sp.abi_id");
	kabi_row *rows = NULL;
	size_t n = 0, cap = 0;
	int cur = -1, rc;

	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, ord);
	sqlite3_bind_int(st, 2, abi);
	for (;;) {
		int id;

		rc = sqlite3_step(st);
		id = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		if (rc == SQLITE_ROW && (id <= 0 || id >= an->n)) {
			free(rows);
			sqlite3_finalize(st);
			return kabi_cli_error("the catalog has a span of an unknown ABI (%d)", id);
		}
		if (id != cur && cur >= 0) {
			kabi_table_from_rows(&tabs[cur], rows, n, NULL);
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		cur = id;
		if (n == cap) {
			cap = cap ? cap * 2 : 512;
			rows = kabi_realloc(rows, cap * sizeof(*rows));
		}
		rows[n].name = kabi_intern_str(pool, (const char *)sqlite3_column_text(st, 1));
		rows[n].nr = sqlite3_column_int64(st, 2);
		rows[n].entry = kabi_intern_str(pool, (const char *)sqlite3_column_text(st, 3));
		rows[n].compat = kabi_intern_str(pool, (const char *)sqlite3_column_text(st, 4));
		rows[n].implemented = sqlite3_column_int(st, 5);
		n++;
	}
	free(rows);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
	/* which ABIs have a table (an empty one too) */
	st = kabi_cli_prepare(db, "SELECT abi_id FROM abi_release WHERE ord = ?1");
	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, ord);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);

		if (id > 0 && id < an->n)
			present[id] = 1;
	}
	sqlite3_finalize(st);
	return 0;
}

typedef struct {
	int added, removed, changed;
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

/*
 * The net change from o1 to o2: each ABI's two tables compared by the rules
 * that make the events (kabi_table_changes), so that between two adjacent
 * releases this is exactly the events.  An ABI with a table on one side
 * only is one line.
 */
static int net_diff(sqlite3 *db, kabi_out *out, int o1, int o2, int abi, const char *r1, const char *r2)
{
	static const char *const cols[] = {"abi", "change", "syscall", "old_nr:int", "new_nr:int", "old_entry",
					   "new_entry", "old_name"};
	abi_names an;
	kabi_intern *pool = NULL;
	kabi_table *t1 = NULL, *t2 = NULL;
	int *p1 = NULL, *p2 = NULL, ret = KABI_EXIT_ERROR, id;
	counts *per = NULL;
	kabi_event *ev = NULL;
	size_t nev = 0, cap = 0, i;

	an.n = 0;
	an.name = NULL;
	if (kabi_intern_new(&pool) < 0 || load_abi_names(db, &an))
		goto out;
	t1 = kabi_calloc((size_t)an.n, sizeof(*t1));
	t2 = kabi_calloc((size_t)an.n, sizeof(*t2));
	p1 = kabi_calloc((size_t)an.n, sizeof(*p1));
	p2 = kabi_calloc((size_t)an.n, sizeof(*p2));
	per = kabi_calloc((size_t)an.n, sizeof(*per));
	if (load_tables(db, o1, abi, &an, pool, t1, p1) || load_tables(db, o2, abi, &an, pool, t2, p2))
		goto out;
	for (id = 1; id < an.n; id++)
		if (p1[id] && p2[id])
			kabi_table_changes(&ev, &nev, &cap, id, &t1[id], &t2[id], o1, o2);
	kabi_events_finish(ev, &nev);
	if (nev > 1)
		qsort(ev, nev, sizeof(*ev), by_abi_name);

	kabi_out_table(out, "diff", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < nev; i++) {
		const kabi_event *e = &ev[i];
		char onr[32], nnr[32];
		const char *v[8];

		snprintf(onr, sizeof(onr), "%lld", (long long)e->old_nr);
		snprintf(nnr, sizeof(nnr), "%lld", (long long)e->new_nr);
		v[0] = an.name[e->abi];
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
	/* ABIs on one side only: one line each, not a line per syscall. */
	for (id = 1; id < an.n; id++) {
		const char *v[8] = {NULL};

		if (p1[id] == p2[id] || (abi && id != abi) || !an.name[id])
			continue;
		v[0] = an.name[id];
		v[1] = p2[id] ? "abi_added" : "abi_removed";
		kabi_out_row(out, v);
		if (p2[id])
			kabi_out_footer(out, "%s: no table at %s, a table at %s", v[0], r1, r2);
		else
			kabi_out_footer(out, "%s: a table at %s, none at %s", v[0], r1, r2);
	}
	for (id = 1; id < an.n; id++)
		if (per[id].added || per[id].removed || per[id].changed)
			kabi_out_footer(out, "%s: %d added, %d removed, %d changed", an.name[id], per[id].added,
					per[id].removed, per[id].changed);
	if (kabi_out_rows(out) == 0)
		kabi_out_footer(out, "no changes between %s and %s", r1, r2);
	ret = 0;
out:
	for (id = 0; t1 && id < an.n; id++) {
		kabi_table_free(&t1[id]);
		kabi_table_free(&t2[id]);
	}
	free(t1);
	free(t2);
	free(p1);
	free(p2);
	free(per);
	free(ev);
	abi_names_free(&an);
	kabi_intern_free(pool);
	return ret;
}

static int event_diff(sqlite3 *db, kabi_out *out, int o1, int o2, int abi)
{
	static const char *const cols[] = {"release", "abi", "kind", "syscall", "old_nr:int", "new_nr:int",
					   "old_entry", "new_entry", "old_name", "commit", "author", "subject"};
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT r.name, a.name, e.kind, s.name, e.old_nr, e.new_nr, e.old_entry, e.new_entry, "
		    "e.old_name, e.commit_id, e.commit_author, e.commit_subject FROM event e "
		    "JOIN release r ON r.ord = e.ord JOIN abi a ON a.id = e.abi_id "
		    "JOIN syscall s ON s.id = e.syscall_id WHERE e.ord > ?1 AND e.ord <= ?2 "
		    "AND (?3 = 0 OR e.abi_id = ?3) ORDER BY e.ord, a.id, s.name");

	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, o1 < o2 ? o1 : o2);
	sqlite3_bind_int(st, 2, o1 < o2 ? o2 : o1);
	sqlite3_bind_int(st, 3, abi);
	kabi_out_table(out, "events", cols, sizeof(cols) / sizeof(cols[0]));
	return kabi_cli_emit(out, db, st, 12, -1, 0);
}

/* Syscalls present at both releases whose argument lists differ. */
static int signature_diff(sqlite3 *db, kabi_out *out, int o1, int o2, int abi)
{
	static const char *const cols[] = {"abi", "syscall", "old_args", "new_args", "old_text", "new_text"};
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT a.name, s.name, g1.args, g2.args, g1.text, g2.text FROM signature g1 "
		    "JOIN signature g2 ON g2.abi_id = g1.abi_id AND g2.syscall_id = g1.syscall_id "
		    "AND g2.first_ord <= ?2 AND g2.last_ord >= ?2 "
		    "JOIN abi a ON a.id = g1.abi_id JOIN syscall s ON s.id = g1.syscall_id "
		    "WHERE g1.first_ord <= ?1 AND g1.last_ord >= ?1 AND g1.args <> g2.args "
		    "AND (?3 = 0 OR g1.abi_id = ?3) ORDER BY a.id, s.name");

	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, o1);
	sqlite3_bind_int(st, 2, o2);
	sqlite3_bind_int(st, 3, abi);
	kabi_out_table(out, "signatures", cols, sizeof(cols) / sizeof(cols[0]));
	if (kabi_cli_emit(out, db, st, 6, -1, 0))
		return KABI_EXIT_ERROR;
	if (kabi_out_rows(out) == 0)
		kabi_out_footer(out, "no signature changes");
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	kabi_cli_opts o;
	sqlite3 *db = NULL;
	kabi_out *out = NULL;
	char *r1 = NULL, *r2 = NULL;
	int o1, o2, abi = 0, ret = KABI_EXIT_ERROR;
	int i = kabi_cli_parse(&o, &kabi_cmd_diff, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (argc - i != 2)
		return kabi_cli_usage(&kabi_cmd_diff, "two releases, please");
	if (kabi_cli_open(&db, o.db))
		return KABI_EXIT_ERROR;
	if (kabi_cli_release(db, argv[i], &o1, &r1) || kabi_cli_release(db, argv[i + 1], &o2, &r2) ||
	    (o.abi && kabi_cli_abi(db, o.abi, &abi)))
		goto out;
	out = kabi_out_new(o.fmt);
	if ((o.events ? event_diff(db, out, o1, o2, abi) : net_diff(db, out, o1, o2, abi, r1, r2)) != 0)
		goto out;
	if (o.signatures && signature_diff(db, out, o1, o2, abi) != 0)
		goto out;
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_out_free(out);
	sqlite3_close(db);
	free(r1);
	free(r2);
	return ret;
}
