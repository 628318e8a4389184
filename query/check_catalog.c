/*
 * check_catalog.c - kabi check's view of the catalog: prepared statements,
 * lookups of ABIs, syscalls and releases, and the needs of an input turned
 * into named items (numbers mapped through the ABI's table).
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "error.h"

void kabi__check_items_add(items *l, const char *name, long long nr)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return;
	l->v = kabi_realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].name = kabi_strdup(name);
	l->v[l->n++].nr = nr;
}

void kabi__check_items_free(items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

/* ---- the catalog --------------------------------------------------------- */

int kabi__check_prepare(checker *c)
{
	sqlite3_stmt *st;

	c->abi_id = kabi_cli_prepare(c->db, "SELECT id FROM abi WHERE name = ?1");
	c->present =
	    kabi_cli_prepare(c->db, "SELECT 1 FROM abi_release WHERE abi_id = ?1 AND ord = ?2");
	c->known = kabi_cli_prepare(c->db, "SELECT id FROM syscall WHERE name = ?1");
	c->at = kabi_cli_prepare(
	    c->db, "SELECT nr, implemented FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
	           "AND first_ord <= ?3 AND last_ord >= ?3");
	c->hist = kabi_cli_prepare(
	    c->db,
	    "SELECT (SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
	    "        WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 ORDER BY sp.first_ord LIMIT 1), "
	    "(SELECT r.name FROM event e JOIN release r ON r.ord = e.ord WHERE e.abi_id = ?1 "
	    " AND e.syscall_id = ?2 AND e.kind = 'removed' AND e.ord <= ?3 ORDER BY e.ord DESC "
	    "LIMIT 1), "
	    "(SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
	    " WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 AND sp.first_ord > ?3 ORDER BY "
	    "sp.first_ord LIMIT 1)");
	/* A number names the syscall that has it at the target; failing that,
	 * the nearest later one (a binary built for a newer kernel), then the
	 * latest earlier one. */
	c->bynr = kabi_cli_prepare(
	    c->db,
	    "SELECT s.name FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
	    "WHERE sp.abi_id = ?1 AND sp.nr = ?2 "
	    "ORDER BY (sp.first_ord <= ?3 AND sp.last_ord >= ?3) DESC, (sp.first_ord > ?3) DESC, "
	    "CASE WHEN sp.first_ord > ?3 THEN sp.first_ord ELSE -sp.last_ord END LIMIT 1");
	c->impl =
	    kabi_cli_prepare(c->db, "SELECT first_ord, last_ord FROM span "
	                            "WHERE abi_id = ?1 AND syscall_id = ?2 AND implemented = 1");
	c->anyspan =
	    kabi_cli_prepare(c->db, "SELECT 1 FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
	                            "AND first_ord <= ?3 AND last_ord >= ?3");
	c->relname = kabi_cli_prepare(c->db, "SELECT name FROM release WHERE ord = ?1");
	if (!c->abi_id || !c->present || !c->known || !c->at || !c->hist || !c->bynr || !c->impl ||
	    !c->anyspan || !c->relname)
		return -1;
	if (!(st = kabi_cli_prepare(c->db, "SELECT max(ord) FROM release")))
		return -1;
	c->newest = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

/* Runs a prepared statement with int parameters; 1 when it gave a row (the
 * statement is then left on that row: reset it after reading). */
int kabi__check_step_ints(sqlite3_stmt *st, int n, const long long *v)
{
	int i;

	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	return sqlite3_step(st) == SQLITE_ROW;
}

int kabi__check_abi_lookup(checker *c, const char *name)
{
	int id = -1;

	sqlite3_bind_text(c->abi_id, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(c->abi_id) == SQLITE_ROW)
		id = sqlite3_column_int(c->abi_id, 0);
	sqlite3_reset(c->abi_id);
	return id;
}

int kabi__check_syscall_lookup(checker *c, const char *name)
{
	int id = -1;

	sqlite3_bind_text(c->known, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(c->known) == SQLITE_ROW)
		id = sqlite3_column_int(c->known, 0);
	sqlite3_reset(c->known);
	return id;
}

/* The release name at ord; owned by the caller. */
char *kabi__check_release_name(checker *c, int ord)
{
	long long v = ord;
	char *s;

	s = kabi__check_step_ints(c->relname, 1, &v)
	        ? kabi_strdup((const char *)sqlite3_column_text(c->relname, 0))
	        : kabi_strdup("?");
	sqlite3_reset(c->relname);
	return s;
}

/* The needs of ns on abi (a need's own ABI, else the set's), numbers mapped
 * to names through the catalog, duplicates dropped. */
void kabi__check_collect(checker *c, const kabi_needs *ns, const char *abi, int abi_id, items *out)
{
	size_t i;

	for (i = 0; i < ns->n; i++) {
		const kabi_need *d = &ns->v[i];
		const char *a = d->abi ? d->abi : ns->abi;
		long long b[3];
		char buf[32];

		if (!a || strcmp(a, abi) != 0)
			continue;
		if (d->name) {
			kabi__check_items_add(out, d->name, d->nr);
			continue;
		}
		b[0] = abi_id;
		b[1] = d->nr;
		b[2] = c->rel ? c->ord : c->newest;
		if (kabi__check_step_ints(c->bynr, 3, b)) {
			kabi__check_items_add(out, (const char *)sqlite3_column_text(c->bynr, 0), d->nr);
		} else {
			snprintf(buf, sizeof(buf), "#%lld", d->nr);
			kabi__check_items_add(out, buf, d->nr);
		}
		sqlite3_reset(c->bynr);
	}
}
