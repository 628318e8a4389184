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

typedef struct {
	int abi;
	char *abi_name, *name, *entry, *compat;
	long long nr;
	int impl;
} row;

static void rows_free(row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].abi_name);
		free(r[i].name);
		free(r[i].entry);
		free(r[i].compat);
	}
	free(r);
}

static int load(sqlite3 *db, int ord, int abi, row **out, size_t *n)
{
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT sp.abi_id, a.name, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented "
		    "FROM span sp JOIN abi a ON a.id = sp.abi_id JOIN syscall s ON s.id = sp.syscall_id "
		    "WHERE sp.first_ord <= ?1 AND sp.last_ord >= ?1 AND (?2 = 0 OR sp.abi_id = ?2) "
		    "ORDER BY sp.abi_id, s.name");
	size_t alloc = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, ord);
	sqlite3_bind_int(st, 2, abi);
	while (sqlite3_step(st) == SQLITE_ROW) {
		row *r;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			*out = realloc(*out, alloc * sizeof(**out));
		}
		r = &(*out)[(*n)++];
		r->abi = sqlite3_column_int(st, 0);
		r->abi_name = strdup((const char *)sqlite3_column_text(st, 1));
		r->name = strdup((const char *)sqlite3_column_text(st, 2));
		r->nr = sqlite3_column_int64(st, 3);
		r->entry = strdup((const char *)sqlite3_column_text(st, 4));
		r->compat = strdup((const char *)sqlite3_column_text(st, 5));
		r->impl = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	return 0;
}

typedef struct {
	int added, removed, changed;
} counts;

static void emit(kabi_out *out, counts *c, const char *abi, const char *change, const char *name,
		 const row *a, const row *b)
{
	char onr[32] = "", nnr[32] = "";
	const char *v[7];

	if (a)
		snprintf(onr, sizeof(onr), "%lld", a->nr);
	if (b)
		snprintf(nnr, sizeof(nnr), "%lld", b->nr);
	v[0] = abi;
	v[1] = change;
	v[2] = name;
	v[3] = a ? onr : NULL;
	v[4] = b ? nnr : NULL;
	v[5] = a ? a->entry : NULL;
	v[6] = b ? b->entry : NULL;
	kabi_out_row(out, v);
	if (strcmp(change, "added") == 0)
		c->added++;
	else if (strcmp(change, "removed") == 0)
		c->removed++;
	else
		c->changed++;
}

/* ABIs that have a table at ord, as a sorted id list. */
static int abis_at(sqlite3 *db, int ord, int *present, int max)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, "SELECT abi_id FROM abi_release WHERE ord = ?1");

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, ord);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);

		if (id > 0 && id < max)
			present[id] = 1;
	}
	sqlite3_finalize(st);
	return 0;
}

static int net_diff(sqlite3 *db, kabi_out *out, int o1, int o2, int abi, const char *r1, const char *r2)
{
	static const char *const cols[] = {"abi", "change", "syscall", "old_nr:int", "new_nr:int", "old_entry",
					   "new_entry"};
	row *a, *b;
	size_t na, nb, x = 0, y = 0;
	int p1[256] = {0}, p2[256] = {0};
	counts per[256];
	char *names[256] = {0};
	int id;

	if (load(db, o1, abi, &a, &na) || load(db, o2, abi, &b, &nb) || abis_at(db, o1, p1, 256) ||
	    abis_at(db, o2, p2, 256))
		return KABI_EXIT_ERROR;
	memset(per, 0, sizeof(per));
	kabi_out_table(out, "diff", cols, sizeof(cols) / sizeof(cols[0]));
	while (x < na || y < nb) {
		int c;

		if (x >= na)
			c = 1;
		else if (y >= nb)
			c = -1;
		else if (a[x].abi != b[y].abi)
			c = a[x].abi < b[y].abi ? -1 : 1;
		else
			c = strcmp(a[x].name, b[y].name);
		if (c < 0) {
			if (p2[a[x].abi] && a[x].abi < 256) {
				emit(out, &per[a[x].abi], a[x].abi_name, "removed", a[x].name, &a[x], NULL);
				names[a[x].abi] = a[x].abi_name;
			}
			x++;
		} else if (c > 0) {
			if (p1[b[y].abi] && b[y].abi < 256) {
				emit(out, &per[b[y].abi], b[y].abi_name, "added", b[y].name, NULL, &b[y]);
				names[b[y].abi] = b[y].abi_name;
			}
			y++;
		} else {
			const row *ra = &a[x], *rb = &b[y];
			counts *cn = &per[ra->abi < 256 ? ra->abi : 0];

			if (ra->nr != rb->nr)
				emit(out, cn, ra->abi_name, "renumbered", ra->name, ra, rb);
			if (ra->impl != rb->impl)
				emit(out, cn, ra->abi_name, rb->impl ? "reimplemented" : "unimplemented", ra->name, ra, rb);
			else if (strcmp(ra->entry, rb->entry) || strcmp(ra->compat, rb->compat))
				emit(out, cn, ra->abi_name, "entry_changed", ra->name, ra, rb);
			if (ra->abi < 256)
				names[ra->abi] = ra->abi_name;
			x++;
			y++;
		}
	}
	/* ABIs on one side only: one line each, not a line per syscall. */
	for (id = 1; id < 256; id++) {
		if (p1[id] == p2[id] || (abi && id != abi))
			continue;
		{
			sqlite3_stmt *st = kabi_cli_prepare(db, "SELECT name FROM abi WHERE id = ?1");
			const char *v[7] = {NULL};

			if (!st)
				break;
			sqlite3_bind_int(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				v[0] = (const char *)sqlite3_column_text(st, 0);
				v[1] = p2[id] ? "abi_added" : "abi_removed";
				kabi_out_row(out, v);
				if (out && p2[id])
					kabi_out_footer(out, "%s: no table at %s, a table at %s", v[0], r1, r2);
				else
					kabi_out_footer(out, "%s: a table at %s, none at %s", v[0], r1, r2);
			}
			sqlite3_finalize(st);
		}
	}
	for (id = 1; id < 256; id++)
		if (names[id] && (per[id].added || per[id].removed || per[id].changed))
			kabi_out_footer(out, "%s: %d added, %d removed, %d changed", names[id], per[id].added,
					per[id].removed, per[id].changed);
	if (kabi_out_rows(out) == 0)
		kabi_out_footer(out, "no changes between %s and %s", r1, r2);
	rows_free(a, na);
	rows_free(b, nb);
	return 0;
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
