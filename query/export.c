/*
 * export.c - the table of export formats, and loading one ABI's table at
 * one release into the rows the writers format.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export.h"

const kabi_export_format kabi_export_formats[] = {
	{"json", "json", "the table as a JSON object (abi, release, syscalls)", 1, kabi_export_json},
	{"csv", "csv", "the table as CSV, the columns of 'kabi table --format csv'", 1, kabi_export_csv},
	{"c-header", "h", "#ifndef __NR_x / #define __NR_x N fallbacks for a C library", 1, kabi_export_c_header},
	{"gdb-xml", "xml", "gdb's syscall XML (syscalls_info), numbers as gdb reads them", 1, kabi_export_gdb_xml},
	{"seccomp-csv", "csv", "libseccomp's src/syscalls.csv: every libseccomp ABI, with _kver columns", 0,
	 kabi_export_seccomp_csv},
};
const size_t kabi_export_nformats = sizeof(kabi_export_formats) / sizeof(kabi_export_formats[0]);

const char *kabi_export_format_value(size_t i, const char **help)
{
	if (i >= kabi_export_nformats)
		return NULL;
	if (help)
		*help = kabi_export_formats[i].help;
	return kabi_export_formats[i].name;
}

const kabi_export_format *kabi_export_format_find(const char *name)
{
	size_t i;

	for (i = 0; i < kabi_export_nformats; i++)
		if (strcmp(kabi_export_formats[i].name, name) == 0)
			return &kabi_export_formats[i];
	return NULL;
}

int kabi_export_is_ident(const char *s)
{
	if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* gdb reads the number from the syscall register, as user space passed it
 * (mips from 4000/5000/6000, x32 with its bit), except on arm, where its
 * arm-linux.xml holds the EABI slot and gdb takes the OABI number from the
 * swi instruction minus 0x900000.  ABIs listed here get table numbers. */
static const char *const gdb_table_relative[] = {"arm-oabi"};

int64_t kabi_export_gdb_number(const kabi_export_table *t, const kabi_export_row *r)
{
	size_t i;

	for (i = 0; i < sizeof(gdb_table_relative) / sizeof(gdb_table_relative[0]); i++)
		if (strcmp(t->abi, gdb_table_relative[i]) == 0)
			return r->table_nr;
	return r->nr;
}

static char *col_dup(sqlite3_stmt *st, int c)
{
	const unsigned char *v = sqlite3_column_text(st, c);

	return v ? kabi_strdup((const char *)v) : NULL;
}

static int load_release(kabi_export_table *t, sqlite3 *db, int ord)
{
	sqlite3_stmt *st = NULL;
	int rc = KABI_ENOTFOUND;

	if (sqlite3_prepare_v2(db,
			       "SELECT name, version, major, minor, patch, sublevel, rc, commit_time, "
			       "(SELECT name FROM release ORDER BY ord LIMIT 1) FROM release WHERE ord = ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = kabi_error_set(KABI_EIO, "cannot query the catalog: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_int(st, 1, ord);
	if (sqlite3_step(st) != SQLITE_ROW) {
		kabi_error_set(KABI_ENOTFOUND, "no release at position %d in the catalog", ord);
		goto out;
	}
	t->release = col_dup(st, 0);
	t->version = col_dup(st, 1);
	t->major = sqlite3_column_int(st, 2);
	t->minor = sqlite3_column_int(st, 3);
	t->patch = sqlite3_column_int(st, 4);
	t->sublevel = sqlite3_column_int(st, 5);
	t->rc = sqlite3_column_int(st, 6);
	t->commit_time = sqlite3_column_int64(st, 7);
	t->first_release = col_dup(st, 8);
	t->ord = ord;
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/*
 * One row per span alive at the release.  "added" is the latest added or
 * renamed event up to the release (the same rule as 'kabi table'); it is
 * "known" only when the ABI had a table at the release before, so a table
 * that first appears in the catalog (arm's .tbl at 4.10) dates nothing.
 * "since" is the latest added, renamed or renumbered event: the release
 * from which the syscall has had its current number.
 */
static const char rows_sql[] =
	"WITH cur AS (SELECT sp.*, "
	" (SELECT e.id FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind IN ('added', 'renamed') AND e.ord <= ?2 ORDER BY e.ord DESC LIMIT 1) AS add_id, "
	" (SELECT e.id FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind IN ('added', 'renamed', 'renumbered') AND e.ord <= ?2 ORDER BY e.ord DESC LIMIT 1) AS nr_id, "
	" (SELECT e.ord FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind = 'removed' AND e.ord > ?2 ORDER BY e.ord LIMIT 1) AS rm_ord "
	" FROM span sp WHERE sp.abi_id = ?1 AND sp.first_ord <= ?2 AND sp.last_ord >= ?2) "
	"SELECT s.name, c.nr, c.nr - a.base, c.entry, c.compat_entry, c.implemented, "
	" ra.name, ea.prev_ord IS NOT NULL AND EXISTS (SELECT 1 FROM abi_release x "
	"  WHERE x.abi_id = c.abi_id AND x.ord = ea.prev_ord), "
	" rr.name, rn.major, rn.minor, en.prev_ord IS NOT NULL AND EXISTS (SELECT 1 FROM abi_release x "
	"  WHERE x.abi_id = c.abi_id AND x.ord = en.prev_ord) "
	"FROM cur c JOIN abi a ON a.id = c.abi_id JOIN syscall s ON s.id = c.syscall_id "
	"LEFT JOIN event ea ON ea.id = c.add_id LEFT JOIN release ra ON ra.ord = ea.ord "
	"LEFT JOIN event en ON en.id = c.nr_id LEFT JOIN release rn ON rn.ord = en.ord "
	"LEFT JOIN release rr ON rr.ord = c.rm_ord "
	"ORDER BY c.nr, s.name";

static int load_rows(kabi_export_table *t, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT name, base FROM abi WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_int(st, 1, t->abi_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return kabi_error_set(KABI_ENOTFOUND, "no ABI with id %d in the catalog", t->abi_id);
	}
	t->abi = col_dup(st, 0);
	t->base = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, rows_sql, -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_int(st, 1, t->abi_id);
	sqlite3_bind_int(st, 2, t->ord);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kabi_export_row *r;

		if (t->n == alloc) {
			alloc = alloc ? alloc * 2 : 512;
			t->rows = kabi_realloc(t->rows, alloc * sizeof(*t->rows));
		}
		r = &t->rows[t->n++];
		memset(r, 0, sizeof(*r));
		r->name = col_dup(st, 0);
		r->nr = sqlite3_column_int64(st, 1);
		r->table_nr = sqlite3_column_int64(st, 2);
		r->entry = col_dup(st, 3);
		r->compat_entry = col_dup(st, 4);
		r->implemented = sqlite3_column_int(st, 5);
		r->added = col_dup(st, 6);
		r->added_known = sqlite3_column_int(st, 7);
		r->removed = col_dup(st, 8);
		r->since_major = sqlite3_column_int(st, 9);
		r->since_minor = sqlite3_column_int(st, 10);
		r->since_known = sqlite3_column_int(st, 11) && sqlite3_column_type(st, 9) != SQLITE_NULL;
		if (!r->entry)
			r->entry = kabi_strdup("");
		if (!r->compat_entry)
			r->compat_entry = kabi_strdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return kabi_error_set(KABI_EIO, "cannot read the %s table: %s", t->abi, sqlite3_errmsg(db));
	return 0;
dberr:
	rc = kabi_error_set(KABI_EIO, "cannot query the catalog: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

int kabi_export_load(kabi_export_table *t, sqlite3 *db, int abi_id, int ord)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->db = db;
	t->abi_id = abi_id;
	rc = load_release(t, db, ord);
	if (rc == 0 && abi_id > 0)
		rc = load_rows(t, db);
	if (rc)
		kabi_export_table_free(t);
	return rc;
}

void kabi_export_table_free(kabi_export_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->rows[i].name);
		free(t->rows[i].entry);
		free(t->rows[i].compat_entry);
		free(t->rows[i].added);
		free(t->rows[i].removed);
	}
	free(t->rows);
	free(t->abi);
	free(t->release);
	free(t->version);
	free(t->first_release);
	memset(t, 0, sizeof(*t));
}
