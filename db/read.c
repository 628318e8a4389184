/*
 * read.c - the catalog reader's handle: opening, the statements (all of the
 * reader's SQL is the table below), the checked column readers, and the
 * catalog file as a whole (copy, schema text).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "catalog.h"
#include "error.h"
#include "read_int.h"

/* The view whose text ST_TABLE runs: "{syscall_table}" in a statement
 * becomes "(<its SELECT>)" from the schema compiled into the binary, so the
 * rule lives in db/schema.sql only and catalogs written before the view
 * existed read the same. */
#define VIEW_NAME "syscall_table"
#define VIEW_MARK "{" VIEW_NAME "}"

/* The checks of spans and signatures (ST_CHECK_*): their columns and what
 * makes a row unsound. */
#define CHECK_SPANS                                                                                          \
	"SELECT sp.id, s.name, a.name, sp.syscall_id, sp.abi_id, sp.first_ord, sp.last_ord, sp.nr "          \
	"FROM span sp LEFT JOIN syscall s ON s.id = sp.syscall_id LEFT JOIN abi a ON a.id = sp.abi_id "
#define SPAN_BAD                                                                                             \
	"s.id IS NULL OR a.id IS NULL OR typeof(sp.first_ord) <> 'integer' "                                 \
	"OR typeof(sp.last_ord) <> 'integer' OR typeof(sp.nr) <> 'integer' OR sp.first_ord < 0 "             \
	"OR sp.first_ord > sp.last_ord OR sp.last_ord >= ?1 OR sp.nr < 0 OR sp.nr >= ?2"
#define CHECK_SIGS                                                                                           \
	"SELECT g.id, s.name, a.name, g.syscall_id, g.abi_id, g.first_ord, g.last_ord, g.line "              \
	"FROM signature g LEFT JOIN syscall s ON s.id = g.syscall_id LEFT JOIN abi a ON a.id = g.abi_id "
#define SIG_BAD                                                                                              \
	"s.id IS NULL OR a.id IS NULL OR typeof(g.first_ord) <> 'integer' "                                  \
	"OR typeof(g.last_ord) <> 'integer' OR typeof(g.line) <> 'integer' OR g.first_ord < 0 "              \
	"OR g.first_ord > g.last_ord OR g.last_ord >= ?1 OR g.line < 0 OR g.line > 2147483647"
/* min() of an indexed column, then the least above it, and so on: one
 * probe per distinct ABI id; NULL (which min() skips) sorts first. */
#define PROBE_ABIS(t)                                                                                        \
	"WITH RECURSIVE k(id) AS (SELECT (SELECT min(abi_id) FROM " t ") UNION ALL "                         \
	"SELECT (SELECT min(abi_id) FROM " t " WHERE abi_id > k.id) FROM k WHERE k.id IS NOT NULL) "         \
	"SELECT 1 FROM k WHERE k.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM abi WHERE abi.id = k.id) "     \
	"UNION ALL SELECT 1 FROM (SELECT abi_id FROM " t " ORDER BY abi_id LIMIT 1) "                        \
	"WHERE abi_id IS NULL LIMIT 1"

#define PROBE_SYSCALLS(t)                                                                                    \
	"SELECT 1 FROM " t " WHERE syscall_id IS NULL OR syscall_id NOT IN (SELECT id FROM syscall) LIMIT 1"

static const char *const sql[ST__COUNT] = {
	[ST_SCHEMA_VERSION] = "SELECT value FROM meta WHERE key = 'schema_version'",
	[ST_RELEASES] =
		"SELECT ord, name, version, line, ref, commit_id, repository, commit_time, version_source, "
		"sort_key, follows_prev FROM release ORDER BY ord",
	[ST_RELEASE_TABLES] = "SELECT abi_id, ord FROM abi_release",
	[ST_RELEASE_EVENTS] = "SELECT ord, count(*) FROM event GROUP BY ord",
	[ST_ABIS] =
		"SELECT a.id, a.name, a.arch, a.bits, a.base, a.description, "
		"(SELECT min(x.ord) FROM abi_release x WHERE x.abi_id = a.id), "
		"(SELECT max(x.ord) FROM abi_release x WHERE x.abi_id = a.id), "
		"(SELECT x.rows FROM abi_release x WHERE x.abi_id = a.id ORDER BY x.ord DESC LIMIT 1), "
		"(SELECT x.implemented FROM abi_release x WHERE x.abi_id = a.id ORDER BY x.ord DESC LIMIT 1) "
		"FROM abi a ORDER BY a.id",
	/* has_spans as ST_SYSCALL_BY_NAME says it (kabi_catalog_syscall_find
	 * reads either) */
	[ST_SYSCALLS] =
		"SELECT id, name, id IN (SELECT sp.syscall_id FROM span sp JOIN abi a ON a.id = sp.abi_id) "
		"FROM syscall ORDER BY name",
	/* has_spans: one probe of span_by_syscall per ABI */
	[ST_SYSCALL_BY_NAME] =
		"SELECT id, name, EXISTS (SELECT 1 FROM abi a JOIN span sp ON sp.abi_id = a.id "
		"AND sp.syscall_id = syscall.id) FROM syscall WHERE name = ?1",
	[ST_SYSCALL_NOCASE] =
		"SELECT id, name, EXISTS (SELECT 1 FROM abi a JOIN span sp ON sp.abi_id = a.id "
		"AND sp.syscall_id = syscall.id) FROM syscall WHERE name = ?1 COLLATE NOCASE LIMIT 2",
	[ST_SYSCALL_NAME] = "SELECT name FROM syscall WHERE id = ?1",
	[ST_GENERATIONS] = "SELECT abi_id, generation, first_ord, last_ord FROM abi_generation "
			   "ORDER BY abi_id, generation",
	[ST_NOTES] = "SELECT abi_id, ord, note FROM harvest_note ORDER BY ord, abi_id",
	[ST_HAS_TABLE] = "SELECT 1 FROM abi_release WHERE abi_id = ?1 AND ord = ?2",
	[ST_TABLE_RELEASES] = "SELECT ord FROM abi_release WHERE abi_id = ?1",
	[ST_TABLE] =
		"SELECT t.syscall_id, t.syscall, t.nr, t.entry, t.compat_entry, t.implemented, t.added_ord, "
		"t.added_known, t.since_ord, t.since_known, t.removed_ord, g.args, g.text, g.file, g.line, "
		"t.why, t.config "
		"FROM " VIEW_MARK " t LEFT JOIN signature g ON g.abi_id = t.abi_id "
		"AND g.syscall_id = t.syscall_id AND g.first_ord <= t.ord AND g.last_ord >= t.ord "
		"WHERE t.abi_id = ?1 AND t.ord = ?2 ORDER BY t.nr, t.syscall",
	/* ST_TABLE's columns without the dates and signatures: the spans alone */
	[ST_TABLE_ROWS] =
		"SELECT sp.syscall_id, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, NULL, 0, "
		"NULL, 0, NULL, NULL, NULL, NULL, NULL, "
		"(SELECT w.why FROM span_why w WHERE w.span_id = sp.id), "
		"(SELECT c.config FROM span_config c WHERE c.span_id = sp.id) "
		"FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
		"WHERE sp.abi_id = ?1 AND sp.first_ord <= ?2 AND sp.last_ord >= ?2 ORDER BY sp.nr, s.name",
	/* ST_TABLE_ROWS's first six columns at two releases (?2, ?3; ?4 < ?5:
	 * the same two, lower first) at once, and which each row is at, of the
	 * syscalls with a span that is at one of the two only: a syscall whose
	 * rows at both are the same spans is left out.  Those syscalls come
	 * from one range of span_by_release, on the index alone: of the spans
	 * that reach from ?4 or before to ?5 or after, those at ?4 (first_ord <=
	 * ?4) or at ?5 (last_ord >= ?5) but not both.  Their spans come from
	 * span_by_syscall. */
	[ST_TABLE_PAIR] =
		"SELECT sp.syscall_id, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, "
		"(sp.first_ord <= ?2 AND sp.last_ord >= ?2) | 2 * (sp.first_ord <= ?3 AND sp.last_ord >= ?3) "
		"FROM (SELECT DISTINCT x.syscall_id AS id FROM span x WHERE x.abi_id = ?1 "
		"AND x.first_ord <= ?5 AND x.last_ord >= ?4 AND (x.first_ord <= ?4) <> (x.last_ord >= ?5)) ch "
		"CROSS JOIN span sp ON sp.abi_id = ?1 AND sp.syscall_id = ch.id AND sp.first_ord <= ?5 "
		"AND sp.last_ord >= ?4 JOIN syscall s ON s.id = sp.syscall_id "
		"WHERE (sp.first_ord <= ?2 AND sp.last_ord >= ?2) OR (sp.first_ord <= ?3 AND sp.last_ord >= ?3)",
	[ST_ABI_SPANS] =
		"SELECT " KABI__CAT_SPAN_COLS "WHERE sp.abi_id = ?1 ORDER BY sp.first_ord, sp.nr, s.name",
	/* A number names the syscall that has it at the release; failing that,
	 * the nearest later holder, then the latest earlier one. */
	[ST_BY_NR] =
		"SELECT sp.syscall_id, s.name, sp.first_ord, sp.last_ord, "
		"CASE WHEN sp.first_ord <= ?3 AND sp.last_ord >= ?3 THEN 0 WHEN sp.first_ord > ?3 THEN 1 "
		"ELSE 2 END AS w FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
		"WHERE sp.abi_id = ?1 AND sp.nr = ?2 "
		"ORDER BY w, CASE WHEN sp.first_ord > ?3 THEN sp.first_ord ELSE -sp.last_ord END, s.name LIMIT 1",
	/* Every part on an index: span_by_syscall, event_by_syscall. */
	[ST_STATUS] =
		"SELECT (SELECT min(first_ord) FROM span WHERE abi_id = ?1 AND syscall_id = ?2), "
		"(SELECT max(ord) FROM event WHERE syscall_id = ?2 AND abi_id = ?1 AND kind = 'removed' "
		" AND ord <= ?3), "
		"(SELECT min(first_ord) FROM span WHERE abi_id = ?1 AND syscall_id = ?2 AND first_ord > ?3), "
		"sp.nr, sp.implemented, (SELECT w.why FROM span_why w WHERE w.span_id = sp.id), "
		"(SELECT c.config FROM span_config c WHERE c.span_id = sp.id) "
		"FROM (SELECT 1) LEFT JOIN span sp ON sp.abi_id = ?1 "
		"AND sp.syscall_id = ?2 AND sp.first_ord <= ?3 AND sp.last_ord >= ?3 LIMIT 1",
	[ST_IMPLEMENTED] = "SELECT first_ord, last_ord FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
			   "AND implemented = 1",
	[ST_EVENTS] = "SELECT " KABI__CAT_EVENT_COLS
		      "WHERE e.ord > ?1 AND e.ord <= ?2 AND (?3 IS NULL OR e.abi_id = ?3) "
		      "ORDER BY e.ord, e.abi_id, s.name, e.id",
	/* A syscall's history: one statement each, whatever the number of ABIs
	 * (CROSS JOIN keeps the abi table outside, so each ABI is one probe of
	 * span_by_syscall / signature_by_syscall, in order). */
	[ST_SYSCALL_EVENTS] =
		"SELECT " KABI__CAT_EVENT_COLS "WHERE e.syscall_id = ?1 AND (?2 IS NULL OR e.abi_id = ?2) "
		"ORDER BY e.ord, e.abi_id, e.id",
	/* A rename is recorded at the release after the old name's last span. */
	[ST_RENAMED_AWAY] =
		"SELECT " KABI__CAT_EVENT_COLS "WHERE e.ord = ?1 AND e.abi_id = ?2 AND e.kind = 'renamed' "
		"AND e.old_name = ?3 ORDER BY e.id",
	[ST_SYSCALL_SPANS] =
		"SELECT sp.abi_id, sp.syscall_id, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, "
		"sp.first_ord, sp.last_ord, (SELECT w.why FROM span_why w WHERE w.span_id = sp.id), "
		"(SELECT c.config FROM span_config c WHERE c.span_id = sp.id) "
		"FROM abi a CROSS JOIN span sp ON sp.abi_id = a.id "
		"AND sp.syscall_id = ?1 JOIN syscall s ON s.id = sp.syscall_id "
		"WHERE ?2 IS NULL OR a.id = ?2 ORDER BY a.id, sp.first_ord",
	[ST_SYSCALL_SIGNATURES] =
		"SELECT g.abi_id, g.syscall_id, s.name, g.args, g.text, g.file, g.line, g.first_ord, "
		"g.last_ord FROM abi a CROSS JOIN signature g ON g.abi_id = a.id "
		"AND g.syscall_id = ?1 JOIN syscall s ON s.id = g.syscall_id "
		"WHERE ?2 IS NULL OR a.id = ?2 ORDER BY a.id, g.first_ord",
	[ST_SIGNATURES_AT] =
		"SELECT g.abi_id, " KABI__CAT_SIG_COLS "WHERE g.first_ord <= ?1 AND g.last_ord >= ?1 "
		"AND (?2 IS NULL OR g.abi_id = ?2) ORDER BY g.abi_id, s.name",
	[ST_SIGNATURE_CHANGES] =
		"SELECT g1.abi_id, g1.syscall_id, s.name, g1.args, g2.args, g1.text, g2.text "
		"FROM signature g1 JOIN signature g2 ON g2.abi_id = g1.abi_id "
		"AND g2.syscall_id = g1.syscall_id AND g2.first_ord <= ?2 AND g2.last_ord >= ?2 "
		"JOIN syscall s ON s.id = g1.syscall_id "
		"WHERE g1.first_ord <= ?1 AND g1.last_ord >= ?1 AND g1.args <> g2.args "
		"AND (?3 IS NULL OR g1.abi_id = ?3) ORDER BY g1.abi_id, s.name",
	[ST_SCHEMA_TEXT] = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid",
	/* The first span or signature that is not sound (?1: the number of
	 * releases, ?2: KABI__CAT_NR_LIMIT), with what the message needs:
	 * of the whole table, of one ABI (?3: its id) or of one syscall (?3:
	 * its id) on the catalog's ABIs, on the indexes. */
	[ST_CHECK_SPANS] = CHECK_SPANS "WHERE " SPAN_BAD " LIMIT 1",
	[ST_CHECK_SPANS_ABI] = CHECK_SPANS "WHERE sp.abi_id = ?3 AND (" SPAN_BAD ") LIMIT 1",
	[ST_CHECK_SPANS_SYSCALL] = "SELECT sp.id, s.name, a.name, sp.syscall_id, sp.abi_id, sp.first_ord, "
				   "sp.last_ord, sp.nr FROM abi x CROSS JOIN span sp ON sp.abi_id = x.id "
				   "AND sp.syscall_id = ?3 LEFT JOIN syscall s ON s.id = sp.syscall_id "
				   "LEFT JOIN abi a ON a.id = sp.abi_id WHERE " SPAN_BAD " LIMIT 1",
	[ST_CHECK_SIGNATURES] = CHECK_SIGS "WHERE " SIG_BAD " LIMIT 1",
	[ST_CHECK_SIGNATURES_ABI] = CHECK_SIGS "WHERE g.abi_id = ?3 AND (" SIG_BAD ") LIMIT 1",
	[ST_CHECK_SIGNATURES_SYSCALL] =
		"SELECT g.id, s.name, a.name, g.syscall_id, g.abi_id, g.first_ord, g.last_ord, g.line "
		"FROM abi x CROSS JOIN signature g ON g.abi_id = x.id AND g.syscall_id = ?3 "
		"LEFT JOIN syscall s ON s.id = g.syscall_id LEFT JOIN abi a ON a.id = g.abi_id "
		"WHERE " SIG_BAD " LIMIT 1",
	/* Whether a span / signature names an ABI id the abi table does not
	 * have (or none): the distinct ids, one index probe each. */
	[ST_PROBE_SPAN_ABIS] = PROBE_ABIS("span"),
	[ST_PROBE_SIGNATURE_ABIS] = PROBE_ABIS("signature"),
	/* Whether one names a syscall id the syscall table does not have:
	 * the whole index, which a check of one syscall's rows cannot see */
	[ST_PROBE_SPAN_SYSCALLS] = PROBE_SYSCALLS("span"),
	[ST_PROBE_SIGNATURE_SYSCALLS] = PROBE_SYSCALLS("signature"),
};

/* The statements that read spans or signatures, and which, and what they
 * read of them (rows_checked, check_rows): the rows of one ABI (BY_ABI),
 * of one syscall (BY_SYSCALL), of one ABI and one syscall (BY_BOTH), or
 * any.  kabi__cat_stmt() checks the whole table of each kind a statement
 * reads; kabi__cat_stmt_rows() only the rows of its ABI or syscall. */
enum { ROWS_SPANS = 1, ROWS_SIGNATURES = 2, ROWS_BOTH = ROWS_SPANS | ROWS_SIGNATURES };
enum { BY_ANY, BY_ABI, BY_SYSCALL, BY_BOTH };
static const struct {
	unsigned char kinds, by;
} reads_rows[ST__COUNT] = {
	[ST_TABLE] = {ROWS_BOTH, BY_ABI}, /* the view, and signatures joined to it */
	[ST_TABLE_ROWS] = {ROWS_SPANS, BY_ABI},
	[ST_TABLE_PAIR] = {ROWS_SPANS, BY_ABI},
	[ST_ABI_SPANS] = {ROWS_SPANS, BY_ABI},
	[ST_BY_NR] = {ROWS_SPANS, BY_ABI},
	[ST_STATUS] = {ROWS_SPANS, BY_BOTH},
	[ST_IMPLEMENTED] = {ROWS_SPANS, BY_BOTH},
	[ST_SYSCALL_SPANS] = {ROWS_SPANS, BY_SYSCALL},
	[ST_SYSCALL_SIGNATURES] = {ROWS_BOTH, BY_SYSCALL},
	[ST_SIGNATURES_AT] = {ROWS_BOTH, BY_ABI},
	[ST_SIGNATURE_CHANGES] = {ROWS_BOTH, BY_ABI},
};

/* ---- the handle ------------------------------------------------------------ */

int kabi_catalog_open_read(kabi_catalog **out, const char *path)
{
	kabi_catalog *c;
	sqlite3 *db;
	int err;

	*out = NULL;
	/* the same checks and messages as every caller of kabi_catalog_open() */
	if ((err = kabi_catalog_open(&db, path)) < 0)
		return err;
	/* pages read through a mapping, not one pread and copy each: the
	 * catalog is a few MB, read-only here (best effort: ignored if refused) */
	sqlite3_exec(db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	c = kabi_calloc(1, sizeof(*c));
	c->db = db;
	c->path = kabi_strdup(path);
	kabi_intern_new(&c->pool);
	*out = c;
	return 0;
}

void kabi_catalog_close(kabi_catalog *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(c->st[i]);
	sqlite3_close(c->db);
	free(c->rels);
	free(c->abis);
	free(c->gens);
	free(c->notes);
	free(c->abi_ids);
	free(c->sys);
	free(c->damage);
	free(c->abi_checked);
	free(c->sys_checked);
	kabi_intern_free(c->pool);
	free(c->path);
	free(c);
}

static int dberr(kabi_catalog *c)
{
	return kabi_error_set(KABI_EIO, "cannot read the catalog '%s': %s", c->path, sqlite3_errmsg(c->db));
}

int kabi__cat_damaged(kabi_catalog *c, const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	kabi_error_set(KABI_EINVALID, "catalog '%s' is damaged: %s", c->path, sb.buf);
	kabi_strbuf_free(&sb);
	return KABI_EINVALID;
}

/* The SELECT of the view from the compiled-in schema, in parentheses. */
static char *view_select(void)
{
	static const char head[] = "CREATE VIEW " VIEW_NAME " AS";
	const char *p = strstr(kabi_schema_sql, head), *end;
	kabi_strbuf sb = KABI_STRBUF_INIT;

	if (!p || !(end = strchr(p, ';')))
		return NULL;
	p += sizeof(head) - 1;
	kabi_strbuf_putc(&sb, '(');
	kabi_strbuf_add(&sb, p, (size_t)(end - p));
	kabi_strbuf_putc(&sb, ')');
	return kabi_strbuf_detach(&sb);
}

static int prepare(sqlite3_stmt **out, kabi_catalog *c, int id);

static const char *col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? (const char *)t : "NULL";
}

/* The first bad row of check id (ST_CHECK_*; key: ?3 of the ABI's or
 * syscall's check), described in *damage (a new string) or NULL; < 0 when
 * it cannot be read. */
static int first_bad_row(char **damage, kabi_catalog *c, int id, int64_t key)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	sqlite3_stmt *st;
	int rc, spans = id == ST_CHECK_SPANS || id == ST_CHECK_SPANS_ABI || id == ST_CHECK_SPANS_SYSCALL;
	const char *what = spans ? "span" : "signature";

	*damage = NULL;
	if ((rc = prepare(&st, c, id)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, (int64_t)c->nrel);
	sqlite3_bind_int64(st, 2, KABI__CAT_NR_LIMIT);
	if (id != ST_CHECK_SPANS && id != ST_CHECK_SIGNATURES)
		sqlite3_bind_int64(st, 3, key);
	rc = kabi__cat_step(c, st);
	if (rc > 0) {
		long long row = sqlite3_column_int64(st, 0);

		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			kabi_strbuf_printf(&sb,
					   "%s %lld refers to syscall id %s, which the syscall table "
					   "does not have",
					   what, row, col_str(st, 3));
		else if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			kabi_strbuf_printf(&sb,
					   "%s %lld refers to ABI id %s, which the abi table does not "
					   "have",
					   what, row, col_str(st, 4));
		else
			kabi_strbuf_printf(&sb,
					   "the %s of '%s' on %s (%lld) covers releases %s..%s with "
					   "%s %s (the catalog's releases are 0..%lld)",
					   what, col_str(st, 1), col_str(st, 2), row, col_str(st, 5),
					   col_str(st, 6), spans ? "number" : "line", col_str(st, 7),
					   (long long)c->nrel - 1);
		*damage = kabi_strbuf_detach(&sb);
		rc = 0;
	}
	kabi__cat_reset(st);
	return rc;
}

/* Whether a row of kind (ROWS_SPANS or ROWS_SIGNATURES) names an ABI id
 * the abi table does not have (sys: a syscall id the syscall table does
 * not have): 1, 0, < 0. */
static int unknown_id(kabi_catalog *c, int kind, int sys)
{
	sqlite3_stmt *st;
	int rc, id = kind == ROWS_SPANS ? (sys ? ST_PROBE_SPAN_SYSCALLS : ST_PROBE_SPAN_ABIS)
					: (sys ? ST_PROBE_SIGNATURE_SYSCALLS : ST_PROBE_SIGNATURE_ABIS);

	if ((rc = prepare(&st, c, id)) < 0)
		return rc;
	rc = kabi__cat_step(c, st);
	kabi__cat_reset(st);
	return rc;
}

/* Sets c->damage from the whole table's check of kind when a part of it
 * found damage (its first bad row, as a check of the whole names it; the
 * part's own when the whole's order finds none first). */
static int whole(kabi_catalog *c, int kind)
{
	int err = first_bad_row(&c->damage, c, kind == ROWS_SPANS ? ST_CHECK_SPANS : ST_CHECK_SIGNATURES, 0);

	if (err >= 0)
		c->rows_checked |= kind;
	return err;
}

/*
 * Checks the rows of each kind in need that a statement reading by, for
 * ABI position abi and syscall id syscall, can read, unless checked
 * already (each ABI's, each syscall's, the whole table's at most once per
 * handle), and a probe of the whole table for rows of an ABI the catalog
 * does not have (which a statement joined to the abi table drops
 * silently), and before a syscall's rows for rows of a syscall it does not
 * have (which may be that syscall's: its history would lack them).  A damaged row, once seen, is
 * KABI_EINVALID from every statement that reads rows (the first bad row of the whole table is the one the
 * message names, as before the checks were partial).
 */
static int check_rows(kabi_catalog *c, int need, int by, int abi, int64_t syscall)
{
	int kind, err;

	if ((err = kabi__cat_ensure(c)) < 0)
		return err;
	if (!c->abi_checked)
		c->abi_checked = kabi_calloc(c->nabi + 1, 1);
	/* spans first, as a statement that reads signatures reads spans too
	 * or its caller does */
	for (kind = ROWS_SPANS; kind <= ROWS_SIGNATURES && !c->damage; kind <<= 1) {
		size_t i;
		int64_t key;
		int id;

		if (!(need & kind) || (c->rows_checked & kind))
			continue;
		if (by == BY_ANY || abi < 0) {
			if (by == BY_ABI || by == BY_ANY || syscall < 0) {
				if ((err = whole(c, kind)) < 0)
					return err;
				continue;
			}
			by = BY_SYSCALL;
		}
		/* probed: kind for the ABI ids, kind << 2 for the syscall ids */
		if (!(c->probed & kind)) {
			if ((err = unknown_id(c, kind, 0)) < 0)
				return err;
			if (err > 0) {
				if ((err = whole(c, kind)) < 0)
					return err;
				continue;
			}
			c->probed |= kind;
		}
		/* BY_BOTH: the ABI's rows or the syscall's cover it */
		for (i = 0; i < c->nsys_checked; i++)
			if (c->sys_checked[i].id == syscall && (c->sys_checked[i].kinds & kind))
				break;
		if (by != BY_ABI && i < c->nsys_checked)
			continue;
		if (by != BY_SYSCALL && (c->abi_checked[abi] & kind))
			continue;
		if (by == BY_SYSCALL && !(c->probed & (kind << 2))) {
			if ((err = unknown_id(c, kind, 1)) < 0)
				return err;
			if (err > 0) {
				if ((err = whole(c, kind)) < 0)
					return err;
				continue;
			}
			c->probed |= kind << 2;
		}
		if (by == BY_SYSCALL) {
			id = kind == ROWS_SPANS ? ST_CHECK_SPANS_SYSCALL : ST_CHECK_SIGNATURES_SYSCALL;
			key = syscall;
		} else {
			id = kind == ROWS_SPANS ? ST_CHECK_SPANS_ABI : ST_CHECK_SIGNATURES_ABI;
			key = c->abi_ids[abi];
		}
		if ((err = first_bad_row(&c->damage, c, id, key)) < 0)
			return err;
		if (c->damage) {
			free(c->damage);
			c->damage = NULL;
			if ((err = whole(c, kind)) < 0 ||
			    (!c->damage && (err = first_bad_row(&c->damage, c, id, key)) < 0))
				return err;
			continue;
		}
		if (by != BY_SYSCALL) {
			c->abi_checked[abi] |= kind;
			continue;
		}
		for (i = 0; i < c->nsys_checked && c->sys_checked[i].id != syscall; i++)
			;
		if (i == c->nsys_checked) {
			KABI_ARRAY_GROW(c->sys_checked, c->nsys_checked + 1, c->sys_checked_alloc);
			c->sys_checked[c->nsys_checked].id = syscall;
			c->sys_checked[c->nsys_checked++].kinds = 0;
		}
		c->sys_checked[i].kinds |= kind;
	}
	return c->damage ? kabi__cat_damaged(c, "%s", c->damage) : 0;
}

/* Statement id, prepared on first use, reset, with no bindings: no check. */
static int prepare(sqlite3_stmt **out, kabi_catalog *c, int id)
{
	const char *text = sql[id], *mark;
	char *built = NULL;
	int rc;

	*out = NULL;
	if (c->st[id]) {
		kabi__cat_reset(c->st[id]);
		*out = c->st[id];
		return 0;
	}
	if ((mark = strstr(text, VIEW_MARK)) != NULL) {
		kabi_strbuf sb = KABI_STRBUF_INIT;
		char *view = view_select();

		if (!view)
			return kabi_error_set(KABI_ERROR, "the schema compiled into kabi has no view '%s'",
					      VIEW_NAME);
		kabi_strbuf_add(&sb, text, (size_t)(mark - text));
		kabi_strbuf_puts(&sb, view);
		kabi_strbuf_puts(&sb, mark + strlen(VIEW_MARK));
		free(view);
		text = built = kabi_strbuf_detach(&sb);
	}
	rc = sqlite3_prepare_v2(c->db, text, -1, &c->st[id], NULL);
	free(built);
	if (rc != SQLITE_OK) {
		c->st[id] = NULL;
		return dberr(c);
	}
	*out = c->st[id];
	return 0;
}

int kabi__cat_stmt_rows(sqlite3_stmt **out, kabi_catalog *c, int id, int abi, int64_t syscall)
{
	int rc;

	*out = NULL;
	if (reads_rows[id].kinds &&
	    (rc = check_rows(c, reads_rows[id].kinds, reads_rows[id].by, abi, syscall)) < 0)
		return rc;
	return prepare(out, c, id);
}

int kabi__cat_stmt(sqlite3_stmt **out, kabi_catalog *c, int id)
{
	return kabi__cat_stmt_rows(out, c, id, -1, -1);
}

int kabi__cat_step(kabi_catalog *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(c);
}

void kabi__cat_reset(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* ---- checked columns -------------------------------------------------------- */

static int64_t col_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_int64(st, col);
}

static int is_null(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL;
}

int kabi__cat_col_ord(int *out, kabi_catalog *c, sqlite3_stmt *st, int col, int nullable, const char *what)
{
	int64_t v;

	*out = -1;
	if (is_null(st, col)) {
		if (nullable)
			return 0;
		return kabi__cat_damaged(c, "%s has no release position", what);
	}
	v = col_int(st, col);
	if (v < 0 || (uint64_t)v >= c->nrel)
		return kabi__cat_damaged(c, "%s is at release position %lld, outside 0..%lld", what,
					 (long long)v, (long long)c->nrel - 1);
	*out = (int)v;
	return 0;
}

int kabi__cat_col_nr(int64_t *out, kabi_catalog *c, sqlite3_stmt *st, int col, int nullable, const char *what)
{
	int64_t v;

	*out = -1;
	if (is_null(st, col)) {
		if (nullable)
			return 0;
		return kabi__cat_damaged(c, "%s has no number", what);
	}
	v = col_int(st, col);
	if (v < 0 || v >= KABI__CAT_NR_LIMIT)
		return kabi__cat_damaged(c, "%s has number %lld", what, (long long)v);
	*out = v;
	return 0;
}

int kabi__cat_col_count(int *out, kabi_catalog *c, sqlite3_stmt *st, int col, const char *what)
{
	int64_t v = is_null(st, col) ? 0 : col_int(st, col);

	*out = 0;
	if (v < 0 || v > INT_MAX)
		return kabi__cat_damaged(c, "%s is %lld", what, (long long)v);
	*out = (int)v;
	return 0;
}

static int abi_id_cmp(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key, e = *(const int64_t *)elem;

	return k < e ? -1 : k > e;
}

int kabi__cat_col_abi(int *out, kabi_catalog *c, sqlite3_stmt *st, int col)
{
	int64_t id = col_int(st, col);
	const int64_t *p =
		c->nabi ? bsearch(&id, c->abi_ids, c->nabi, sizeof(*c->abi_ids), abi_id_cmp) : NULL;

	*out = -1;
	if (!p)
		return kabi__cat_damaged(c, "a row refers to ABI id %lld, which the abi table does not have",
					 (long long)id);
	*out = (int)(p - c->abi_ids);
	return 0;
}

const char *kabi__cat_text(kabi_intern *pool, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? kabi_intern_len(pool, (const char *)t, (size_t)sqlite3_column_bytes(st, col)) : NULL;
}

const char *kabi__cat_text0(kabi_intern *pool, sqlite3_stmt *st, int col)
{
	const char *t = kabi__cat_text(pool, st, col);

	return t ? t : kabi_intern_str(pool, "");
}

int kabi__cat_arg_ord(kabi_catalog *c, int ord)
{
	if (ord < 0 || (size_t)ord >= c->nrel)
		return kabi_error_set(KABI_EINVALID,
				      "no release at position %d in the catalog '%s' (it has %zu)", ord,
				      c->path, c->nrel);
	return 0;
}

int kabi__cat_arg_abi(kabi_catalog *c, int abi, int allow_all)
{
	if ((abi == -1 && allow_all) || (abi >= 0 && (size_t)abi < c->nabi))
		return 0;
	return kabi_error_set(KABI_EINVALID, "no ABI at position %d in the catalog '%s' (it has %zu)", abi,
			      c->path, c->nabi);
}

void kabi__cat_bind_abi(kabi_catalog *c, sqlite3_stmt *st, int i, int abi)
{
	if (abi < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, c->abi_ids[abi]);
}

/* ---- the file itself ----------------------------------------------------------- */

int kabi_catalog_schema_text(char **out, kabi_catalog *c)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	sqlite3_stmt *st;
	int rc, err;

	*out = NULL;
	if ((err = kabi__cat_stmt(&st, c, ST_SCHEMA_TEXT)) < 0)
		return err;
	while ((rc = kabi__cat_step(c, st)) > 0)
		kabi_strbuf_printf(&sb, "%s;\n\n", (const char *)sqlite3_column_text(st, 0));
	kabi__cat_reset(st);
	if (rc < 0) {
		kabi_strbuf_free(&sb);
		return rc;
	}
	*out = kabi_strbuf_detach(&sb);
	return 0;
}

int kabi_catalog_copy(kabi_catalog *c, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	kabi_strbuf tmp = KABI_STRBUF_INIT;
	int err = 0;

	/*
	 * The copy is written beside path and renamed over it when complete:
	 * path may be the very catalog being read (publish --force into its
	 * own directory), and a failure (a full disk) must leave it whole.
	 * rename() replaces a link at path instead of following it.
	 */
	kabi_strbuf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	unlink(tmp.buf);
	if (sqlite3_open_v2(tmp.buf, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err = kabi_error_set(KABI_EIO, "cannot write '%s': %s", path,
				     dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	/* a fresh file that nobody reads before it is complete: no syncs */
	sqlite3_exec(dst, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	b = sqlite3_backup_init(dst, "main", c->db, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		err = kabi_error_set(KABI_EIO, "cannot copy the catalog '%s' to '%s': %s", c->path, path,
				     sqlite3_errmsg(dst));
		sqlite3_backup_finish(b);
		goto out;
	}
	sqlite3_backup_finish(b);
	/* the harvest's scan view is for the next harvest of the catalog, not
	 * for readers of a copy: dropped (about 1 MB on linux.git) */
	{
		sqlite3_stmt *st = NULL;
		int has = sqlite3_prepare_v2(dst, "SELECT 1 FROM scan_view LIMIT 1", -1, &st, NULL) ==
				  SQLITE_OK &&
			  sqlite3_step(st) == SQLITE_ROW;

		sqlite3_finalize(st);
		if (has &&
		    sqlite3_exec(dst, "DELETE FROM scan_view; VACUUM", NULL, NULL, NULL) != SQLITE_OK) {
			err = kabi_error_set(KABI_EIO, "cannot finish '%s': %s", path, sqlite3_errmsg(dst));
			goto out;
		}
	}
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err = kabi_error_set(KABI_EIO, "cannot finish '%s': %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		err = kabi_error_set(KABI_EIO, "cannot finish '%s': %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	if (rename(tmp.buf, path) != 0)
		err = kabi_error_set(KABI_EIO, "cannot replace '%s': %s", path, strerror(errno));
out:
	sqlite3_close(dst);
	if (err < 0)
		unlink(tmp.buf);
	kabi_strbuf_free(&tmp);
	return err;
}
