#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"
#include "array.h"
#include "catalog.h"
#include "error.h"
#include "file.h"
#include "strbuf.h"

static int db_fail(sqlite3 *db, int code, const char *what, const char *path)
{
	int e = db ? sqlite3_system_errno(db) : 0;

	/* SQLite says "disk I/O error"; the system's errno says which */
	if (e && (sqlite3_errcode(db) & 0xff) == SQLITE_IOERR)
		return kabi_error_set(code, "%s '%s': %s (%s)", what, path, strerror(e), sqlite3_errmsg(db));
	return kabi_error_set(code, "%s '%s': %s", what, path, db ? sqlite3_errmsg(db) : "out of memory");
}

int kabi_catalog_lock(kabi_lock *lock, const char *db_path)
{
	kabi_strbuf p = KABI_STRBUF_INIT;

	kabi_strbuf_printf(&p, "%s.lock", db_path);
	lock->fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock->fd < 0) {
		int e = errno;

		kabi_error_set(KABI_EIO, "cannot create lock file '%s': %s", p.buf, strerror(e));
		kabi_strbuf_free(&p);
		return KABI_EIO;
	}
	if (flock(lock->fd, LOCK_EX | LOCK_NB) < 0) {
		kabi_error_set(KABI_ELOCKED, "another harvest is writing '%s' (lock '%s' is held)", db_path,
			       p.buf);
		close(lock->fd);
		lock->fd = -1;
		kabi_strbuf_free(&p);
		return KABI_ELOCKED;
	}
	lock->path = kabi_strbuf_detach(&p);
	return 0;
}

void kabi_catalog_unlock(kabi_lock *lock)
{
	if (lock->fd >= 0)
		close(lock->fd);
	lock->fd = -1;
	free(lock->path);
	lock->path = NULL;
}

static void reader_remove_stale(const char *path);

static int open_ro(sqlite3 **db, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return kabi_error_set(KABI_ENOTFOUND, "no catalog at '%s' (run 'kabi harvest' first)", path);
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		int err = db_fail(*db, KABI_EIO, "cannot open catalog", path);

		sqlite3_close(*db);
		*db = NULL;
		return err;
	}
	sqlite3_busy_timeout(*db, 5000);
	return 0;
}

static int schema_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *st;
	int rc;

	*version = -1;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL) !=
	    SQLITE_OK)
		return KABI_EINVALID;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : KABI_EINVALID;
}

int kabi_catalog_open(sqlite3 **db, const char *path)
{
	int err, v;

	*db = NULL;
	if ((err = open_ro(db, path)) < 0)
		return err;
	reader_remove_stale(path);
	if (schema_version(*db, &v) < 0) {
		sqlite3_close(*db);
		*db = NULL;
		return kabi_error_set(KABI_EINVALID, "'%s' is not a kabi catalog", path);
	}
	if (v != KABI_SCHEMA_VERSION) {
		sqlite3_close(*db);
		*db = NULL;
		if (v > KABI_SCHEMA_VERSION)
			return kabi_error_set(
				KABI_EINVALID,
				"'%s' was written by a newer kabi (schema %d; this one reads %d)", path, v,
				KABI_SCHEMA_VERSION);
		return kabi_error_set(KABI_EINVALID,
				      "'%s' has schema version %d, this kabi reads %d (harvest again)", path,
				      v, KABI_SCHEMA_VERSION);
	}
	return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* dirname and basename of path, as new strings ("." for a bare name). */
static void split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		*dir = kabi_strdup(".");
		*base = kabi_strdup(path);
	} else {
		*dir = slash == path ? kabi_strdup("/") : kabi_strndup(path, (size_t)(slash - path));
		*base = kabi_strdup(slash + 1);
	}
}

int kabi_catalog_target(char **out, const char *path)
{
	return kabi_file_target(out, path, "a catalog");
}

/* Whether the process pid is gone (so a temporary file it named is
 * nobody's): kill(pid, 0) fails with ESRCH.  A pid beyond pid_t, or 0, is
 * no process's either. */
static int pid_is_dead(const char *digits)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(digits, &end, 10);
	if (errno || *end || v == 0 || v > (unsigned long long)INT_MAX)
		return 1;
	if (kill((pid_t)v, 0) == 0)
		return 0;
	return errno == ESRCH;
}

/* Removes (or with dry_run, counts) the stale temporary files of path: the
 * ones whose owner process is dead. */
static int stale_temps(const char *path, int dry_run)
{
	char *dir, *base;
	size_t blen;
	DIR *d;
	struct dirent *e;
	int n = 0;

	split_path(path, &dir, &base);
	blen = strlen(base);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			const char *p = e->d_name;

			/* exactly "<base>.tmp-<pid>": what kabi_catalog_write() names its temporary file */
			if (strncmp(p, base, blen) != 0 || strncmp(p + blen, ".tmp-", 5) != 0)
				continue;
			p += blen + 5;
			if (!*p || strspn(p, "0123456789") != strlen(p) || !pid_is_dead(p))
				continue;
			n++;
			if (!dry_run) {
				kabi_strbuf sb = KABI_STRBUF_INIT;

				kabi_strbuf_printf(&sb, "%s/%s", dir, e->d_name);
				unlink(sb.buf);
				kabi_strbuf_free(&sb);
			}
		}
		closedir(d);
	}
	free(dir);
	free(base);
	return n;
}

void kabi_catalog_remove_stale(const char *path)
{
	stale_temps(path, 0);
}

/* A reader's clean-up of what a killed harvest left: only when there is
 * something to remove, and only when no harvest holds the lock. */
static void reader_remove_stale(const char *path)
{
	char *target;
	kabi_lock lock = {-1, NULL};

	if (kabi_catalog_target(&target, path) < 0)
		return;
	if (stale_temps(target, 1) > 0 && kabi_catalog_lock(&lock, target) == 0) {
		stale_temps(target, 0);
		kabi_catalog_unlock(&lock);
	}
	free(target);
	kabi_error_clear();
}

int kabi_catalog_has_releases(const char *path, const char *const *names, const char *const *commits,
			      size_t n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct stat sb;
	size_t i;
	int v, have = 1;

	if (stat(path, &sb) < 0 || sb.st_size == 0 || open_ro(&db, path) < 0) {
		kabi_error_clear();
		return 0;
	}
	if (schema_version(db, &v) < 0 || v != KABI_SCHEMA_VERSION ||
	    sqlite3_prepare_v2(db, "SELECT commit_id FROM release WHERE name = ?1", -1, &st, NULL) !=
		    SQLITE_OK)
		have = 0;
	for (i = 0; have && i < n; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		have = sqlite3_step(st) == SQLITE_ROW && strcmp(col_text(st, 0), commits[i]) == 0;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (have && sqlite3_prepare_v2(db, "SELECT count(*) FROM release", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	else
		have = 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return have;
}

/* Whether columns col and col + 1 of st are release positions first..last
 * of a catalog of nrels releases. */
static int sound_range(sqlite3_stmt *st, int col, size_t nrels)
{
	int64_t first = sqlite3_column_int64(st, col), last = sqlite3_column_int64(st, col + 1);

	return sqlite3_column_type(st, col) == SQLITE_INTEGER &&
	       sqlite3_column_type(st, col + 1) == SQLITE_INTEGER && first >= 0 && first <= last &&
	       (uint64_t)last < nrels;
}

int kabi_catalog_load(kabi_model *m, const char *path, int *found)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int err, v, rc;
	struct stat sb;

	*found = 0;
	if (stat(path, &sb) < 0 || sb.st_size == 0)
		return 0; /* nothing to keep */
	if ((err = open_ro(&db, path)) < 0)
		return err;
	if (schema_version(db, &v) < 0) {
		sqlite3_close(db);
		return kabi_error_set(
			KABI_EINVALID,
			"'%s' is not a kabi catalog: refusing to replace it (remove it, or choose "
			"another --db)",
			path);
	}
	if (v > KABI_SCHEMA_VERSION) {
		sqlite3_close(db);
		return kabi_error_set(
			KABI_EINVALID,
			"'%s' was written by a newer kabi (schema %d; this one writes %d): refusing "
			"to replace it",
			path, v, KABI_SCHEMA_VERSION);
	}
	if (v < KABI_SCHEMA_VERSION) {
		sqlite3_close(db);
		return 0; /* an older kabi's catalog: rebuilt from the repository */
	}
	*found = 1;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT ord, name, version, ref, commit_id, commit_time, version_source, repository "
		    "FROM release ORDER BY ord",
		    -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kabi_rel *r = kabi_model_add_release(m, col_text(st, 1));

		r->old_ord = sqlite3_column_int(st, 0);
		if ((int)m->nrels - 1 != r->old_ord) {
			sqlite3_finalize(st);
			sqlite3_close(db);
			return kabi_error_set(KABI_EINVALID,
					      "catalog '%s' has a gap in its release positions", path);
		}
		if (kabi_version_parse(&r->version, col_text(st, 2)) < 0) {
			/* the message first: the column's text dies with the statement */
			err = kabi_error_set(KABI_EINVALID, "catalog '%s': bad version '%s'", path,
					     col_text(st, 2));
			sqlite3_finalize(st);
			sqlite3_close(db);
			return err;
		}
		r->ref = kabi_strdup(col_text(st, 3));
		snprintf(r->commit, sizeof(r->commit), "%s", col_text(st, 4));
		r->time = sqlite3_column_int64(st, 5);
		r->from_makefile = strcmp(col_text(st, 6), "makefile") == 0;
		r->repository = kabi_strdup(col_text(st, 7));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT a.name, ar.ord, ar.path, ar.blob_id, ar.rows, ar.implemented, ar.fingerprint, "
		    "ar.sig_fingerprint FROM abi_release ar JOIN abi a ON a.id = ar.abi_id",
		    -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int abi = kabi_abi_index(col_text(st, 0)), ord = sqlite3_column_int(st, 1);
		kabi_abi_src *s;

		if (abi < 0 || ord < 0 || (size_t)ord >= m->nrels)
			continue;
		s = &m->rels[ord].abi[abi];
		s->present = 1;
		s->path = kabi_intern_str(m->pool, col_text(st, 2));
		snprintf(s->blob, sizeof(s->blob), "%s", col_text(st, 3));
		s->rows = sqlite3_column_int(st, 4);
		s->implemented = sqlite3_column_int(st, 5);
		s->fingerprint = (uint64_t)sqlite3_column_int64(st, 6);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
			m->rels[ord].sig[abi].present = 1;
			m->rels[ord].sig[abi].fingerprint = (uint64_t)sqlite3_column_int64(st, 7);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	if (sqlite3_prepare_v2(
		    db, "SELECT a.name, n.ord, n.note FROM harvest_note n JOIN abi a ON a.id = n.abi_id", -1,
		    &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int abi = kabi_abi_index(col_text(st, 0)), ord = sqlite3_column_int(st, 1);

		if (abi >= 0 && ord >= 0 && (size_t)ord < m->nrels && m->rels[ord].abi[abi].present)
			m->rels[ord].abi[abi].note = kabi_intern_str(m->pool, col_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT a.name, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, "
		    "sp.first_ord, sp.last_ord, w.why, c.config FROM span sp JOIN abi a ON a.id = sp.abi_id "
		    "JOIN syscall s ON s.id = sp.syscall_id LEFT JOIN span_why w ON w.span_id = sp.id "
		    "LEFT JOIN span_config c ON c.span_id = sp.id",
		    -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int abi = kabi_abi_index(col_text(st, 0));
		kabi_span *s;

		if (abi < 0)
			continue;
		KABI_ARRAY_GROW(m->old_spans, m->nold_spans + 1, m->aold_spans);
		s = &m->old_spans[m->nold_spans++];
		s->abi = abi;
		s->name = kabi_intern_str(m->pool, col_text(st, 1));
		s->nr = sqlite3_column_int64(st, 2);
		s->entry = kabi_intern_str(m->pool, col_text(st, 3));
		/* NULL: unknown (an entry table not read) */
		s->compat = kabi_intern_str(m->pool, sqlite3_column_type(st, 4) == SQLITE_NULL
							     ? KABI_ENTRY_UNKNOWN
							     : col_text(st, 4));
		s->implemented = sqlite3_column_type(st, 5) == SQLITE_NULL ? KABI_IMPL_UNKNOWN
				 : sqlite3_column_int(st, 5)               ? KABI_IMPL_YES
									   : KABI_IMPL_NO;
		s->why = sqlite3_column_type(st, 8) == SQLITE_NULL
				 ? NULL
				 : kabi_intern_str(m->pool, col_text(st, 8));
		s->config = sqlite3_column_type(st, 9) == SQLITE_NULL
				    ? NULL
				    : kabi_intern_str(m->pool, col_text(st, 9));
		s->first = sqlite3_column_int(st, 6);
		s->last = sqlite3_column_int(st, 7);
		if (!sound_range(st, 6, m->nrels) || sqlite3_column_type(st, 2) != SQLITE_INTEGER ||
		    s->nr < 0 || s->nr >= ((int64_t)1 << 40)) {
			err = kabi_error_set(
				KABI_EINVALID,
				"catalog '%s' is damaged: the span of '%s' on %s covers releases "
				"%s..%s with number %s (the catalog's releases are 0..%zu)",
				path, s->name, col_text(st, 0), col_text(st, 6), col_text(st, 7),
				col_text(st, 2), m->nrels - 1);
			sqlite3_finalize(st);
			sqlite3_close(db);
			return err;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT a.name, s.name, g.args, g.text, g.file, g.line, g.first_ord, g.last_ord "
		    "FROM signature g JOIN abi a ON a.id = g.abi_id JOIN syscall s ON s.id = g.syscall_id",
		    -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int abi = kabi_abi_index(col_text(st, 0));
		kabi_span *g;
		kabi_sigdisp *d;

		if (abi < 0)
			continue;
		if (m->nold_sig_spans == m->aold_sig_spans) {
			KABI_ARRAY_GROW(m->old_sig_spans, m->nold_sig_spans + 1, m->aold_sig_spans);
			KABI_ARRAY_RESIZE(m->old_sig_disp, m->aold_sig_spans);
		}
		g = &m->old_sig_spans[m->nold_sig_spans];
		d = &m->old_sig_disp[m->nold_sig_spans++];
		memset(g, 0, sizeof(*g));
		g->abi = abi;
		g->name = kabi_intern_str(m->pool, col_text(st, 1));
		g->entry = kabi_intern_str(m->pool, col_text(st, 2));
		g->compat = kabi_intern_str(m->pool, "");
		g->implemented = 1;
		g->first = sqlite3_column_int(st, 6);
		g->last = sqlite3_column_int(st, 7);
		if (!sound_range(st, 6, m->nrels)) {
			err = kabi_error_set(KABI_EINVALID,
					     "catalog '%s' is damaged: the signature of '%s' on %s covers "
					     "releases %s..%s (the catalog's releases are 0..%zu)",
					     path, g->name, col_text(st, 0), col_text(st, 6), col_text(st, 7),
					     m->nrels - 1);
			sqlite3_finalize(st);
			sqlite3_close(db);
			return err;
		}
		d->text = kabi_intern_str(m->pool, col_text(st, 3));
		d->file = kabi_intern_str(m->pool, col_text(st, 4));
		d->line = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	if (sqlite3_prepare_v2(db,
			       "SELECT a.name, s.name, e.kind, r.name, p.name, e.commit_id, e.commit_author, "
			       "e.commit_time, e.commit_subject FROM event e JOIN abi a ON a.id = e.abi_id "
			       "JOIN syscall s ON s.id = e.syscall_id JOIN release r ON r.ord = e.ord "
			       "LEFT JOIN release p ON p.ord = e.prev_ord WHERE e.commit_id IS NOT NULL",
			       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int abi = kabi_abi_index(col_text(st, 0)), kind = kabi_event_kind_parse(col_text(st, 2));
		kabi_attr *at;

		if (abi < 0 || kind < 0)
			continue;
		KABI_ARRAY_GROW(m->old_attrs, m->nold_attrs + 1, m->aold_attrs);
		at = &m->old_attrs[m->nold_attrs++];
		at->abi = abi;
		at->kind = (kabi_event_kind)kind;
		at->name = kabi_intern_str(m->pool, col_text(st, 1));
		at->rel = kabi_intern_str(m->pool, col_text(st, 3));
		at->prev = sqlite3_column_type(st, 4) == SQLITE_NULL
				   ? NULL
				   : kabi_intern_str(m->pool, col_text(st, 4));
		snprintf(at->commit, sizeof(at->commit), "%s", col_text(st, 5));
		at->author = kabi_intern_str(m->pool, col_text(st, 6));
		at->commit_time = sqlite3_column_int64(st, 7);
		at->subject = kabi_intern_str(m->pool, col_text(st, 8));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	/* the scan view; a catalog written before the table existed has none,
	 * and one that cannot be read only makes the next scan read more */
	if (sqlite3_prepare_v2(db, "SELECT release, data FROM scan_view LIMIT 1", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 1) > 0) {
			size_t n = (size_t)sqlite3_column_bytes(st, 1);

			m->scan_view = kabi_malloc(n);
			memcpy(m->scan_view, sqlite3_column_blob(st, 1), n);
			m->scan_view_len = n;
			m->scan_view_release = kabi_strdup(col_text(st, 0));
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return 0;
fail:
	err = db_fail(db, KABI_EIO, "cannot read catalog", path);
	sqlite3_close(db);
	return err;
}

/* --- writing --- */

typedef struct {
	sqlite3 *db;
	const char *path;
	const char **names; /* sorted unique syscall names; id = index + 1 */
	size_t nnames;
} writer;

static int exec(writer *w, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(w->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		return db_fail(w->db, KABI_EIO, "cannot write catalog", w->path);
	}
	return 0;
}

static int prepare(writer *w, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(w->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(w->db, KABI_EIO, "cannot write catalog", w->path);
	return 0;
}

static int step(writer *w, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_fail(w->db, KABI_EIO, "cannot write catalog", w->path);
	return 0;
}

static int strptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int64_t name_id(const writer *w, const char *name)
{
	const char **p = bsearch(&name, w->names, w->nnames, sizeof(*w->names), strptr_cmp);

	return p ? (int64_t)(p - w->names) + 1 : 0;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, int64_t v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static int collect_names(writer *w, const kabi_model *m)
{
	size_t i, n = 0, j;

	w->names = kabi_malloc((m->nspans + m->nsig_spans + 2 * m->nevents + 1) * sizeof(*w->names));
	for (i = 0; i < m->nspans; i++)
		w->names[n++] = m->spans[i].name;
	for (i = 0; i < m->nsig_spans; i++)
		w->names[n++] = m->sig_spans[i].name;
	for (i = 0; i < m->nevents; i++) {
		w->names[n++] = m->events[i].name;
		if (m->events[i].old_name)
			w->names[n++] = m->events[i].old_name;
	}
	if (n > 1)
		qsort(w->names, n, sizeof(*w->names), strptr_cmp);
	for (i = j = 0; i < n; i++)
		if (j == 0 || strcmp(w->names[j - 1], w->names[i]) != 0)
			w->names[j++] = w->names[i];
	w->nnames = j;
	return 0;
}

static int write_all(writer *w, const kabi_model *m)
{
	sqlite3_stmt *st = NULL, *why = NULL, *cfg = NULL;
	const kabi_abi_info *abis;
	size_t nabi, i, a;
	char buf[64];
	int err;
	const char *idx = strstr(kabi_schema_sql, "-- @indexes");
	char *tables_sql;

	tables_sql = kabi_strndup(kabi_schema_sql,
				  idx ? (size_t)(idx - kabi_schema_sql) : strlen(kabi_schema_sql));
	err = exec(w, tables_sql);
	free(tables_sql);
	if (err < 0)
		return err;
	if ((err = exec(w, "BEGIN")) < 0)
		return err;

	if ((err = prepare(w, &st, "INSERT INTO meta(key, value) VALUES (?, ?)")) < 0)
		return err;
	{
		char now[32];
		const char *kv[][2] = {
			{"schema_version", NULL},
			{"tool_version", KABI_VERSION},
			{"repository", m->repository ? m->repository : ""},
			{"harvest_time", now},
		};

		snprintf(buf, sizeof(buf), "%d", KABI_SCHEMA_VERSION);
		kv[0][1] = buf;
		snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
		for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
			sqlite3_bind_text(st, 1, kv[i][0], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, kv[i][1], -1, SQLITE_STATIC);
			if ((err = step(w, st)) < 0)
				goto out;
		}
	}
	sqlite3_finalize(st);

	abis = kabi_abis(&nabi);
	if ((err = prepare(w, &st,
			   "INSERT INTO abi(id, name, arch, bits, base, description) VALUES (?,?,?,?,?,?)")) <
	    0)
		return err;
	for (a = 0; a < nabi; a++) {
		sqlite3_bind_int64(st, 1, (int64_t)a + 1);
		sqlite3_bind_text(st, 2, abis[a].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, abis[a].arch, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, abis[a].bits);
		sqlite3_bind_int64(st, 5, abis[a].base);
		sqlite3_bind_text(st, 6, abis[a].description, -1, SQLITE_STATIC);
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st,
			   "INSERT INTO release(ord, name, version, sort_key, major, minor, patch, "
			   "sublevel, rc, line, ref, commit_id, commit_time, version_source, repository, "
			   "follows_prev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->nrels; i++) {
		const kabi_rel *r = &m->rels[i];
		char ver[48], line[48];

		kabi_version_format(&r->version, ver, sizeof(ver));
		kabi_version_line(&r->version, line, sizeof(line));
		sqlite3_bind_int64(st, 1, (int64_t)i);
		sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ver, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, kabi_version_key(&r->version));
		sqlite3_bind_int(st, 5, r->version.part[0]);
		sqlite3_bind_int(st, 6, r->version.part[1]);
		sqlite3_bind_int(st, 7, r->version.part[2]);
		sqlite3_bind_int(st, 8, r->version.part[3]);
		sqlite3_bind_int(st, 9, r->version.rc);
		sqlite3_bind_text(st, 10, line, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 11, r->ref ? r->ref : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, r->commit, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 13, r->time);
		sqlite3_bind_text(st, 14, r->from_makefile ? "makefile" : "ref", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 15, r->repository ? r->repository : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 16, i > 0 && kabi_version_follows(&m->rels[i - 1].version, &r->version));
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st,
			   "INSERT INTO abi_release(abi_id, ord, path, blob_id, rows, implemented, "
			   "fingerprint, sig_fingerprint) VALUES (?,?,?,?,?,?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->nrels; i++) {
		for (a = 0; a < m->nabi; a++) {
			const kabi_abi_src *s = &m->rels[i].abi[a];

			if (!s->present)
				continue;
			sqlite3_bind_int64(st, 1, (int64_t)a + 1);
			sqlite3_bind_int64(st, 2, (int64_t)i);
			sqlite3_bind_text(st, 3, s->path ? s->path : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, s->blob, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 5, s->rows);
			sqlite3_bind_int(st, 6, s->implemented);
			sqlite3_bind_int64(st, 7, (int64_t)s->fingerprint);
			if (m->rels[i].sig[a].present)
				sqlite3_bind_int64(st, 8, (int64_t)m->rels[i].sig[a].fingerprint);
			else
				sqlite3_bind_null(st, 8);
			if ((err = step(w, st)) < 0)
				goto out;
		}
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st, "INSERT INTO harvest_note(abi_id, ord, note) VALUES (?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->nrels; i++) {
		for (a = 0; a < m->nabi; a++) {
			const kabi_abi_src *s = &m->rels[i].abi[a];

			if (!s->present || !s->note)
				continue;
			sqlite3_bind_int64(st, 1, (int64_t)a + 1);
			sqlite3_bind_int64(st, 2, (int64_t)i);
			sqlite3_bind_text(st, 3, s->note, -1, SQLITE_STATIC);
			if ((err = step(w, st)) < 0)
				goto out;
		}
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st,
			   "INSERT INTO abi_generation(abi_id, generation, first_ord, last_ord) "
			   "VALUES (?,?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->ngens; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)m->gens[i].abi + 1);
		sqlite3_bind_int(st, 2, m->gens[i].generation);
		sqlite3_bind_int(st, 3, m->gens[i].first);
		sqlite3_bind_int(st, 4, m->gens[i].last);
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);

	collect_names(w, m);
	if ((err = prepare(w, &st, "INSERT INTO syscall(id, name) VALUES (?, ?)")) < 0)
		return err;
	for (i = 0; i < w->nnames; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)i + 1);
		sqlite3_bind_text(st, 2, w->names[i], -1, SQLITE_STATIC);
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st,
			   "INSERT INTO span(abi_id, syscall_id, nr, entry, compat_entry, implemented, "
			   "first_ord, last_ord) VALUES (?,?,?,?,?,?,?,?)")) < 0)
		return err;
	if ((err = prepare(w, &why, "INSERT INTO span_why(span_id, why) VALUES (?, ?)")) < 0 ||
	    (err = prepare(w, &cfg, "INSERT INTO span_config(span_id, config) VALUES (?, ?)")) < 0)
		goto out;
	for (i = 0; i < m->nspans; i++) {
		const kabi_span *s = &m->spans[i];

		sqlite3_bind_int64(st, 1, s->abi + 1);
		sqlite3_bind_int64(st, 2, name_id(w, s->name));
		sqlite3_bind_int64(st, 3, s->nr);
		sqlite3_bind_text(st, 4, s->entry, -1, SQLITE_STATIC);
		/* unknown is NULL in SQL: neither a value nor "none" */
		if (strcmp(s->compat, KABI_ENTRY_UNKNOWN) == 0)
			sqlite3_bind_null(st, 5);
		else
			sqlite3_bind_text(st, 5, s->compat, -1, SQLITE_STATIC);
		if (s->implemented == KABI_IMPL_UNKNOWN)
			sqlite3_bind_null(st, 6);
		else
			sqlite3_bind_int(st, 6, s->implemented == KABI_IMPL_YES);
		sqlite3_bind_int(st, 7, s->first);
		sqlite3_bind_int(st, 8, s->last);
		if ((err = step(w, st)) < 0)
			goto out;
		if (s->why && *s->why) {
			sqlite3_bind_int64(why, 1, sqlite3_last_insert_rowid(w->db));
			sqlite3_bind_text(why, 2, s->why, -1, SQLITE_STATIC);
			if ((err = step(w, why)) < 0)
				goto out;
		}
		if (s->config && *s->config) {
			sqlite3_bind_int64(cfg, 1, sqlite3_last_insert_rowid(w->db));
			sqlite3_bind_text(cfg, 2, s->config, -1, SQLITE_STATIC);
			if ((err = step(w, cfg)) < 0)
				goto out;
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(why);
	sqlite3_finalize(cfg);
	why = cfg = NULL;

	if ((err = prepare(w, &st,
			   "INSERT INTO signature(abi_id, syscall_id, args, text, file, line, first_ord, "
			   "last_ord) VALUES (?,?,?,?,?,?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->nsig_spans; i++) {
		const kabi_span *s = &m->sig_spans[i];
		const kabi_sigdisp *d = &m->sig_disp[i];

		sqlite3_bind_int64(st, 1, s->abi + 1);
		sqlite3_bind_int64(st, 2, name_id(w, s->name));
		sqlite3_bind_text(st, 3, s->entry, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d->text ? d->text : s->entry, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, d->file ? d->file : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, d->line);
		sqlite3_bind_int(st, 7, s->first);
		sqlite3_bind_int(st, 8, s->last);
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);

	if ((err = prepare(w, &st,
			   "INSERT INTO event(abi_id, syscall_id, kind, ord, prev_ord, old_nr, new_nr, "
			   "old_entry, new_entry, old_name, commit_id, commit_author, commit_time, "
			   "commit_subject, old_signature, new_signature) "
			   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) < 0)
		return err;
	for (i = 0; i < m->nevents; i++) {
		const kabi_event *e = &m->events[i];

		sqlite3_bind_int64(st, 1, e->abi + 1);
		sqlite3_bind_int64(st, 2, name_id(w, e->name));
		sqlite3_bind_text(st, 3, kabi_event_kind_name(e->kind), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, e->ord);
		bind_int_or_null(st, 5, e->prev_ord);
		bind_int_or_null(st, 6, e->old_nr);
		bind_int_or_null(st, 7, e->new_nr);
		bind_text_or_null(st, 8, e->old_entry);
		bind_text_or_null(st, 9, e->new_entry);
		bind_text_or_null(st, 10, e->old_name);
		bind_text_or_null(st, 11, e->commit[0] ? e->commit : NULL);
		bind_text_or_null(st, 12, e->commit[0] ? e->author : NULL);
		bind_int_or_null(st, 13, e->commit[0] ? e->commit_time : -1);
		bind_text_or_null(st, 14, e->commit[0] ? e->subject : NULL);
		bind_text_or_null(st, 15, e->old_sig);
		bind_text_or_null(st, 16, e->new_sig);
		if ((err = step(w, st)) < 0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;

	/* the scan view, while its release is in the catalog */
	for (i = 0; m->scan_view && i < m->nrels && strcmp(m->rels[i].name, m->scan_view_release) != 0; i++)
		;
	if (m->scan_view && i < m->nrels) {
		if ((err = prepare(w, &st, "INSERT INTO scan_view(release, data) VALUES (?, ?)")) < 0)
			return err;
		sqlite3_bind_text(st, 1, m->scan_view_release, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(st, 2, m->scan_view, m->scan_view_len, SQLITE_STATIC);
		err = step(w, st);
		sqlite3_finalize(st);
		st = NULL;
		if (err < 0)
			return err;
	}

	if (idx && (err = exec(w, idx)) < 0)
		return err;
	return exec(w, "COMMIT");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(why);
	sqlite3_finalize(cfg);
	return err;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int kabi_catalog_write(const kabi_model *m, const char *path)
{
	writer w;
	kabi_strbuf tmp = KABI_STRBUF_INIT;
	int err;

	memset(&w, 0, sizeof(w));
	w.path = path;
	kabi_strbuf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	unlink(tmp.buf);
	if (sqlite3_open_v2(tmp.buf, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err = db_fail(w.db, KABI_EIO, "cannot create catalog", tmp.buf);
		goto out;
	}
	if ((err = exec(&w, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096")) <
	    0)
		goto out;
	if ((err = write_all(&w, m)) < 0)
		goto out;
	if ((err = exec(&w, "PRAGMA optimize")) < 0)
		goto out;
	if (sqlite3_close(w.db) != SQLITE_OK) {
		err = db_fail(w.db, KABI_EIO, "cannot write catalog", tmp.buf);
		goto out;
	}
	w.db = NULL;
	if (fsync_path(tmp.buf, 0) < 0 || rename(tmp.buf, path) < 0) {
		err = kabi_error_set(KABI_EIO, "cannot write catalog '%s': %s", path, strerror(errno));
		goto out;
	}
	{
		char *dir = kabi_strdup(path), *slash = strrchr(dir, '/');

		if (slash)
			*slash = '\0';
		fsync_path(slash ? dir : ".", 1);
		free(dir);
	}
out:
	if (w.db)
		sqlite3_close(w.db);
	if (err < 0)
		unlink(tmp.buf);
	free(w.names);
	kabi_strbuf_free(&tmp);
	return err;
}
