/*
 * The catalog reader (db/read.h) on three catalogs:
 *
 *  - the fixture of tests/fixtures/make-tbl-repo.sh, harvested from C: every
 *    function against the facts the fixture was built to contain (see the
 *    comment at the top of that script), and against independent SQL run on
 *    a connection of the test's own (for the table: the rule as export.c
 *    wrote it before it moved into the syscall_table view; for kabi check's
 *    states: check_catalog.c's statements and check_report.c's reading);
 *  - a catalog written from a hand-built kabi_model: renames, signatures,
 *    a late table, and releases that exercise release resolution;
 *  - copies of the fixture catalog with damage written into them: a
 *    function that reads a damaged value gives KABI_EINVALID, never a wild
 *    access (the suite runs under ASan and UBSan).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "abi.h"
#include "catalog.h"
#include "error.h"
#include "harvest.h"
#include "model.h"
#include "read.h"
#include "tap.h"

static char dir[] = "/tmp/kabi-test-read-XXXXXX";
static char path_fx[256], path_model[256];

/* ---- the test's own connection ---------------------------------------------- */

/* Runs sql (printf-style through sqlite3_mprintf: %q, %Q) on db; the first
 * column of the first row as an integer, -1 for none or NULL. */
static int64_t sql_int(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	sqlite3_stmt *st;
	int64_t v = -1;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		OK(0, "test SQL '%s': %s", sql, sqlite3_errmsg(db));
		sqlite3_free(sql);
		return -2;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return v;
}

/* The same, the first column as text (owned by the caller), NULL for none. */
static char *sql_text(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	char *sql, *v = NULL;
	sqlite3_stmt *st;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		OK(0, "test SQL '%s': %s", sql, sqlite3_errmsg(db));
		sqlite3_free(sql);
		return NULL;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return v;
}

static void sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	OK(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "test SQL '%s': %s", sql, msg ? msg : "");
	sqlite3_free(msg);
}

static sqlite3 *sql_open(const char *path, int rw)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, rw ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "cannot open '%s'\n", path);
		exit(1);
	}
	return db;
}

static int copy_file(const char *from, const char *to)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	return system(cmd);
}

/* ---- helpers over the reader --------------------------------------------------- */

static int find_abi(kabi_catalog *c, const char *name)
{
	int abi = -1;

	OK(kabi_catalog_abi_find(&abi, NULL, c, name) == 0, "ABI '%s': %s", name, kabi_error_last());
	return abi;
}

static int64_t find_sys(kabi_catalog *c, const char *name)
{
	kabi_cat_syscall s;

	OK(kabi_catalog_syscall_find(&s, NULL, c, name, 0) == 0, "syscall '%s': %s", name, kabi_error_last());
	return s.id;
}

static int resolve(kabi_catalog *c, const char *text, int want_rc, int want_ord,
		   kabi_release_match want_match)
{
	kabi_release_resolution r;
	int rc = kabi_catalog_resolve_release(&r, c, text);

	OK(rc == want_rc, "resolve '%s': rc %d, want %d (%s)", text, rc, want_rc,
	   rc ? kabi_error_last() : "");
	EQ_INT(r.ord, want_ord);
	if (rc == 0 && want_rc == 0) {
		OK(r.match == want_match, "resolve '%s': match %d, want %d", text, (int)r.match,
		   (int)want_match);
		OK(r.name != NULL, "resolve '%s' gives a name", text);
	}
	return rc;
}

static const kabi_cat_row *row_named(const kabi_cat_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->rows[i].name, name) == 0)
			return &t->rows[i];
	return NULL;
}

static char *describe(const kabi_cat_event *e, const char *viewer)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	kabi_cat_event_describe(&sb, e, viewer);
	return kabi_strbuf_detach(&sb);
}

/* ---- building the catalogs ---------------------------------------------------- */

static int harvest_fixture(void)
{
	const char *src = getenv("KABI_SRC");
	char cmd[700], repo[300];
	kabi_harvest_opts o = KABI_HARVEST_OPTS_INIT;
	kabi_harvest_stats stats;

	if (!src) {
		printf("SKIP: KABI_SRC is not set (ctest sets it)\n");
		return 77;
	}
	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(cmd, sizeof(cmd), "bash '%s/tests/fixtures/make-tbl-repo.sh' '%s' >/dev/null 2>&1", src,
		 repo);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot build the fixture repository: %s\n", cmd);
		return 1;
	}
	o.repo = repo;
	o.db = path_fx;
	if (kabi_harvest(&stats, &o) < 0) {
		fprintf(stderr, "harvest: %s\n", kabi_error_last());
		return 1;
	}
	return 0;
}

/*
 * The model catalog: x86_64 at every release, i386 from v6.1.5 on:
 *
 *   ord  0 v2.6.32.5  1 v2.6.32.71  2 v6.0  3 debian-6.0 (version 6.0, later)
 *        4 v6.1-rc1   5 v6.1.5      6 v6.1.12  7 v6.2-rc1  8 v6.2-rc2
 *
 *   x86_64: oldcall (10) 0..3, renamed newcall (10) 4..8; foo (20) 0..8
 *           with signature "int" 0..5, "int, long" 6..8; gone (30) 0..2;
 *           back (40) 0..2 and again 6..8
 *   i386:   foo (5) 5..8, added where the i386 table first appears
 */
static void write_model(void)
{
	static const struct {
		const char *name, *version;
		int64_t time;
	} rels[] = {
		{"v6.2-rc2", "6.2-rc2", 900},
		{"v2.6.32.5", "2.6.32.5", 100},
		{"v6.0", "6.0", 300},
		{"debian-6.0", "6.0", 400},
		{"v6.1-rc1", "6.1-rc1", 500},
		{"v6.1.5", "6.1.5", 600},
		{"v6.1.12", "6.1.12", 700},
		{"v6.2-rc1", "6.2-rc1", 800},
		{"v2.6.32.71", "2.6.32.71", 200},
	};
	kabi_intern *pool;
	kabi_model m;
	int x86 = kabi_abi_index("x86_64"), i386 = kabi_abi_index("i386");
	size_t i;
	kabi_span sp[8];
	kabi_event *e;

	kabi_intern_new(&pool);
	kabi_model_init(&m, pool);
	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		kabi_rel *r = kabi_model_add_release(&m, rels[i].name);

		if (kabi_version_parse(&r->version, rels[i].version) < 0)
			abort();
		r->time = rels[i].time;
	}
	kabi_model_sort(&m);
	for (i = 0; i < m.nrels; i++) {
		m.rels[i].abi[x86].present = 1;
		m.rels[i].abi[x86].path = kabi_intern_str(pool, "arch/x86/entry/syscalls/syscall_64.tbl");
		m.rels[i].abi[x86].rows = 3;
		m.rels[i].abi[x86].implemented = 3;
		if (i >= 5) {
			m.rels[i].abi[i386].present = 1;
			m.rels[i].abi[i386].rows = 1;
			m.rels[i].abi[i386].implemented = 1;
		}
	}
	memset(sp, 0, sizeof(sp));
	{
		const struct {
			int abi;
			const char *name;
			int64_t nr;
			int first, last;
		} spec[] = {
			{x86, "oldcall", 10, 0, 3}, {x86, "newcall", 10, 4, 8}, {x86, "foo", 20, 0, 8},
			{x86, "gone", 30, 0, 2},    {i386, "foo", 5, 5, 8},     {x86, "back", 40, 0, 2},
			{x86, "back", 40, 6, 8},
		};

		for (i = 0; i < sizeof(spec) / sizeof(spec[0]); i++) {
			char entry[32];

			snprintf(entry, sizeof(entry), "sys_%s", spec[i].name);
			sp[i].abi = spec[i].abi;
			sp[i].name = kabi_intern_str(pool, spec[i].name);
			sp[i].entry = kabi_intern_str(pool, entry);
			sp[i].compat = kabi_intern_str(pool, "");
			sp[i].nr = spec[i].nr;
			sp[i].implemented = 1;
			sp[i].first = spec[i].first;
			sp[i].last = spec[i].last;
		}
		m.spans = malloc(sizeof(spec) / sizeof(spec[0]) * sizeof(*m.spans));
		memcpy(m.spans, sp, sizeof(spec) / sizeof(spec[0]) * sizeof(*m.spans));
		m.nspans = m.aspans = sizeof(spec) / sizeof(spec[0]);
	}
	if (kabi_events_derive(&m) < 0)
		abort();
	/* signatures of foo on x86_64, and the event that changed them */
	m.sig_spans = calloc(2, sizeof(*m.sig_spans));
	m.sig_disp = calloc(2, sizeof(*m.sig_disp));
	m.nsig_spans = 2;
	for (i = 0; i < 2; i++) {
		m.sig_spans[i] = sp[2];
		m.sig_spans[i].entry = kabi_intern_str(pool, i ? "int, long" : "int");
		m.sig_spans[i].first = i ? 6 : 0;
		m.sig_spans[i].last = i ? 8 : 5;
		m.sig_disp[i].text = kabi_intern_str(pool, i ? "int a, long b" : "int a");
		m.sig_disp[i].file = kabi_intern_str(pool, "kernel/foo.c");
		m.sig_disp[i].line = i ? 12 : 10;
	}
	m.events = realloc(m.events, (m.nevents + 1) * sizeof(*m.events));
	e = &m.events[m.nevents++];
	memset(e, 0, sizeof(*e));
	e->abi = x86;
	e->name = sp[2].name;
	e->kind = KABI_EV_SIGNATURE_CHANGED;
	e->ord = 6;
	e->prev_ord = 5;
	e->old_nr = e->new_nr = -1;
	e->old_sig = kabi_intern_str(pool, "int");
	e->new_sig = kabi_intern_str(pool, "int, long");
	memcpy(e->commit, "0123456789abcdef0123456789abcdef01234567", 41);
	e->author = kabi_intern_str(pool, "A. Author");
	e->subject = kabi_intern_str(pool, "foo: take b");
	e->commit_time = 1700000000;
	if (kabi_catalog_write(&m, path_model) < 0) {
		fprintf(stderr, "write: %s\n", kabi_error_last());
		exit(1);
	}
	kabi_model_free(&m);
	kabi_intern_free(pool);
}

/* ---- opening ------------------------------------------------------------------ */

/* kabi_catalog_open_read() fails like kabi_catalog_open(), with its message. */
static void same_open_error(const char *path, int want)
{
	kabi_catalog *c = (kabi_catalog *)1;
	sqlite3 *db = NULL;
	char *msg;
	int rc = kabi_catalog_open(&db, path);

	EQ_INT(rc, want);
	msg = strdup(kabi_error_last());
	EQ_INT(kabi_catalog_open_read(&c, path), want);
	EQ_STR(kabi_error_last(), msg);
	OK(c == NULL, "no handle after a failed open");
	free(msg);
}

static void test_open(void)
{
	char p[300];
	sqlite3 *db;
	FILE *f;

	snprintf(p, sizeof(p), "%s/none.db", dir);
	same_open_error(p, KABI_ENOTFOUND);
	OK(strstr(kabi_error_last(), "no catalog at") != NULL, "no file: %s", kabi_error_last());
	snprintf(p, sizeof(p), "%s/text.db", dir);
	f = fopen(p, "w");
	fputs("not a database at all, just some text that is long enough to be a header\n", f);
	fclose(f);
	same_open_error(p, KABI_EINVALID);
	snprintf(p, sizeof(p), "%s/empty.db", dir);
	db = NULL;
	sqlite3_open(p, &db);
	sql_exec(db, "CREATE TABLE t(x)");
	sqlite3_close(db);
	same_open_error(p, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "is not a kabi catalog") != NULL, "not a catalog: %s",
	   kabi_error_last());
	snprintf(p, sizeof(p), "%s/v2.db", dir);
	copy_file(path_fx, p);
	db = sql_open(p, 1);
	sql_exec(db, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
	sqlite3_close(db);
	same_open_error(p, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "has schema version 2, this kabi reads") != NULL, "old schema: %s",
	   kabi_error_last());
	kabi_catalog_close(NULL); /* does nothing */
}

/* ---- the fixture ---------------------------------------------------------------- */

static const char *const fx_names[] = {"v4.0-rc1", "v4.0", "v4.2", "v4.17", "v5.9", "v5.10-rc1", "v5.10"};
/* events per release, from the fixture's design: 8 + 5 + 5 at the start,
 * close twice, io_setup's two on x32 and rt_sigreturn's entry, _sysctl and
 * clone3 twice, uselib */
static const int fx_events[] = {18, 2, 0, 3, 3, 1, 0};

static void test_releases(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_release *r;
	size_t n, i;

	OK(kabi_catalog_releases(&r, &n, c) == 0, "releases: %s", kabi_error_last());
	EQ_INT(n, 7);
	/* the counts read the whole of abi_release: only when asked for */
	EQ_INT(n ? r[0].ntables : -1, 0);
	OK(kabi_catalog_count_tables(c) == 0, "table counts: %s", kabi_error_last());
	for (i = 0; i < n && i < 7; i++) {
		char *commit = sql_text(sq, "SELECT commit_id FROM release WHERE ord = %d", (int)i);

		EQ_INT(r[i].ord, i);
		EQ_STR(r[i].name, fx_names[i]);
		EQ_STR(r[i].version, fx_names[i] + 1);
		EQ_INT(r[i].ntables, 3); /* x86_64, x32, i386 everywhere */
		EQ_INT(r[i].nevents, fx_events[i]);
		EQ_INT(r[i].nevents, sql_int(sq, "SELECT count(*) FROM event WHERE ord = %d", (int)i));
		EQ_STR(r[i].commit, commit);
		EQ_INT(r[i].commit_time,
		       sql_int(sq, "SELECT commit_time FROM release WHERE ord = %d", (int)i));
		EQ_INT(r[i].from_makefile, 0);
		free(commit);
	}
	EQ_STR(r[5].line, "5.10");
	EQ_INT(r[5].v.rc, 1);
	EQ_INT(r[5].v.part[0], 5);
	EQ_INT(r[5].v.part[1], 10);
	EQ_STR(r[3].line, "4.17");
	EQ_STR(r[3].ref, "refs/tags/v4.17");

	/* resolution: names, versions, neighbours, not a version at all */
	resolve(c, "v5.9", 0, 4, KABI_RELEASE_BY_NAME);
	resolve(c, "5.9", 0, 4, KABI_RELEASE_BY_VERSION);
	resolve(c, "5.9.0", 0, 4, KABI_RELEASE_BY_VERSION);
	resolve(c, "V4.17", 0, 3, KABI_RELEASE_BY_VERSION);
	resolve(c, "v5.10-rc1", 0, 5, KABI_RELEASE_BY_NAME);
	resolve(c, "5.10-rc1", 0, 5, KABI_RELEASE_BY_VERSION);
	resolve(c, "5.10", 0, 6, KABI_RELEASE_BY_VERSION);
	resolve(c, "4.0", 0, 1, KABI_RELEASE_BY_VERSION); /* v4.0, not the line's rc */
	{
		kabi_release_resolution rr;

		EQ_INT(kabi_catalog_resolve_release(&rr, c, "5.0"), KABI_ENOTFOUND);
		EQ_INT(rr.ord, -1);
		EQ_INT(rr.before, 3);
		EQ_INT(rr.after, 4);
		OK(strstr(kabi_error_last(), "no release '5.0' in the catalog (nearest: v4.17, v5.9)") !=
			   NULL,
		   "message: %s", kabi_error_last());
		EQ_INT(kabi_catalog_resolve_release(&rr, c, "9.9"), KABI_ENOTFOUND);
		EQ_INT(rr.before, 6);
		EQ_INT(rr.after, -1);
		EQ_INT(kabi_catalog_resolve_release(&rr, c, "3.1"), KABI_ENOTFOUND);
		EQ_INT(rr.before, -1);
		EQ_INT(rr.after, 0);
		/* 5.10-rc2 sits between v5.10-rc1 and v5.10 */
		EQ_INT(kabi_catalog_resolve_release(&rr, c, "5.10-rc2"), KABI_ENOTFOUND);
		EQ_INT(rr.before, 5);
		EQ_INT(rr.after, 6);
		EQ_INT(kabi_catalog_resolve_release(&rr, c, "banana"), KABI_EINVALID);
		OK(strstr(kabi_error_last(), "'banana' is not a kernel version") != NULL, "message: %s",
		   kabi_error_last());
		EQ_INT(rr.ord, -1);
	}
}

static void test_abis(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_abi *a;
	size_t n, i;
	int x86, x32, present;
	kabi_cat_suggestions sg;
	unsigned char on[7];

	OK(kabi_catalog_abis(&a, &n, c) == 0, "abis: %s", kabi_error_last());
	OK(kabi_catalog_count_tables(c) == 0, "table counts: %s", kabi_error_last());
	EQ_INT(n, sql_int(sq, "SELECT count(*) FROM abi"));
	for (i = 0; i < n; i++) {
		int64_t id = sql_int(sq, "SELECT id FROM abi WHERE name = %Q", a[i].name);

		OK(id > 0, "ABI '%s' is in the abi table", a[i].name);
		EQ_INT(a[i].first_ord,
		       sql_int(sq, "SELECT coalesce(min(ord), -1) FROM abi_release WHERE abi_id = %lld",
			       (long long)id));
		EQ_INT(a[i].last_ord,
		       sql_int(sq, "SELECT coalesce(max(ord), -1) FROM abi_release WHERE abi_id = %lld",
			       (long long)id));
		EQ_INT(a[i].ntables,
		       sql_int(sq, "SELECT count(*) FROM abi_release WHERE abi_id = %lld", (long long)id));
		EQ_INT(a[i].base, sql_int(sq, "SELECT base FROM abi WHERE id = %lld", (long long)id));
		if (i)
			OK(sql_int(sq, "SELECT id FROM abi WHERE name = %Q", a[i - 1].name) < id,
			   "ABIs in id order");
	}
	x86 = find_abi(c, "x86_64");
	x32 = find_abi(c, "x32");
	OK(x86 >= 0 && x32 >= 0, "x86_64 and x32 found");
	if (x86 < 0 || x32 < 0)
		return;
	EQ_STR(a[x86].name, "x86_64");
	EQ_INT(a[x86].bits, 64);
	EQ_INT(a[x86].base, 0);
	EQ_INT(a[x86].first_ord, 0);
	EQ_INT(a[x86].last_ord, 6);
	EQ_INT(a[x86].ntables, 7);
	/* v5.10: read write open close rt_sigaction rt_sigreturn _sysctl
	 * io_setup clone3; _sysctl is sys_ni_syscall */
	EQ_INT(a[x86].last_rows, 9);
	EQ_INT(a[x86].last_implemented, 8);
	EQ_INT(a[x32].base, 0x40000000);
	EQ_STR(a[x32].arch, "x86");

	EQ_INT(kabi_catalog_abi_find(&present, &sg, c, "x86-64"), KABI_ENOTFOUND);
	EQ_INT(present, -1);
	OK(sg.n >= 1 && strcmp(sg.name[0], "x86_64") == 0, "x86-64: did you mean x86_64");
	OK(strstr(kabi_error_last(), "unknown ABI 'x86-64'") != NULL, "message: %s", kabi_error_last());
	EQ_INT(kabi_catalog_abi_find(&present, NULL, c, "vax"), KABI_ENOTFOUND);

	for (i = 0; i < 7; i++) {
		OK(kabi_catalog_has_table(&present, c, x86, (int)i) == 0 && present,
		   "x86_64 has a table at %zu", i);
	}
	{
		int arm64 = find_abi(c, "arm64");

		OK(arm64 >= 0 && a[arm64].first_ord == -1 && a[arm64].last_ord == -1 && a[arm64].ntables == 0,
		   "arm64: in the catalog, no table");
		OK(kabi_catalog_has_table(&present, c, arm64, 3) == 0 && !present,
		   "arm64 has no table at v4.17");
		memset(on, 7, sizeof(on));
		OK(kabi_catalog_table_releases(on, 7, c, arm64) == 0, "arm64 table releases");
		for (i = 0; i < 7; i++)
			EQ_INT(on[i], 0);
	}
	memset(on, 0, sizeof(on));
	OK(kabi_catalog_table_releases(on, 7, c, x32) == 0, "x32 table releases");
	for (i = 0; i < 7; i++)
		EQ_INT(on[i], 1);
	/* arguments out of range are refused, not read */
	EQ_INT(kabi_catalog_has_table(&present, c, 999, 0), KABI_EINVALID);
	EQ_INT(kabi_catalog_has_table(&present, c, -1, 0), KABI_EINVALID);
	EQ_INT(kabi_catalog_has_table(&present, c, x86, 7), KABI_EINVALID);
	EQ_INT(kabi_catalog_has_table(&present, c, x86, -1), KABI_EINVALID);
	EQ_INT(kabi_catalog_table_releases(on, 6, c, x86), KABI_EINVALID);
}

static void test_syscalls(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_syscall *s;
	kabi_cat_syscall one;
	kabi_cat_suggestions sg;
	size_t n, i;
	int x86 = find_abi(c, "x86_64"), x32 = find_abi(c, "x32");
	kabi_cat_nr_match m;

	OK(kabi_catalog_syscalls(&s, &n, c) == 0, "syscalls: %s", kabi_error_last());
	EQ_INT(n, sql_int(sq, "SELECT count(*) FROM syscall"));
	for (i = 0; i < n; i++) {
		EQ_INT(s[i].id, sql_int(sq, "SELECT id FROM syscall WHERE name = %Q", s[i].name));
		EQ_INT(s[i].has_spans, 1); /* no renames in the fixture */
		if (i)
			OK(strcmp(s[i - 1].name, s[i].name) < 0, "sorted: %s < %s", s[i - 1].name, s[i].name);
	}
	OK(kabi_catalog_syscall_find(&one, &sg, c, "clone3", 0) == 0, "clone3");
	EQ_STR(one.name, "clone3");
	EQ_INT(one.id, sql_int(sq, "SELECT id FROM syscall WHERE name = 'clone3'"));
	EQ_INT(one.has_spans, 1);
	EQ_INT(kabi_catalog_syscall_find(&one, &sg, c, "CLONE3", 0), KABI_ENOTFOUND);
	EQ_INT(one.id, -1);
	EQ_INT(kabi_catalog_syscall_find(&one, &sg, c, "clone4", 0), KABI_ENOTFOUND);
	OK(sg.n >= 1 && strcmp(sg.name[0], "clone3") == 0, "clone4: did you mean clone3");
	OK(kabi_catalog_syscall_find(&one, NULL, c, "CLONE3", KABI_CAT_NOCASE) == 0, "CLONE3 ignoring case");
	EQ_STR(one.name, "clone3");
	EQ_INT(kabi_catalog_syscall_find(&one, &sg, c, "opne", KABI_CAT_NOCASE), KABI_ENOTFOUND);
	OK(sg.n >= 1 && strcmp(sg.name[0], "open") == 0, "opne: did you mean open");
	OK(strstr(kabi_error_last(), "unknown syscall 'opne'") != NULL, "message: %s", kabi_error_last());
	EQ_INT(kabi_catalog_syscall_find(&one, &sg, c, "zzzzzzzzzzzz", 0), KABI_ENOTFOUND);
	EQ_INT(sg.n, 0);

	/* numbers: clone3 is 435 from v5.9; uselib 134 until v5.9; io_setup
	 * leaves x32's 206 for 543 at v4.17 */
	OK(kabi_catalog_syscall_by_nr(&m, c, x86, 435, 4) == 0, "435 at v5.9");
	EQ_STR(m.sc.name, "clone3");
	EQ_INT(m.when, KABI_NR_AT);
	OK(kabi_catalog_syscall_by_nr(&m, c, x86, 435, 3) == 0, "435 at v4.17");
	EQ_STR(m.sc.name, "clone3");
	EQ_INT(m.when, KABI_NR_LATER);
	EQ_INT(m.first_ord, 4);
	OK(kabi_catalog_syscall_by_nr(&m, c, x86, 134, 6) == 0, "134 at v5.10");
	EQ_STR(m.sc.name, "uselib");
	EQ_INT(m.when, KABI_NR_EARLIER);
	EQ_INT(m.last_ord, 4);
	OK(kabi_catalog_syscall_by_nr(&m, c, x32, 0x40000000 + 206, 4) == 0, "x32 206 at v5.9");
	EQ_STR(m.sc.name, "io_setup");
	EQ_INT(m.when, KABI_NR_EARLIER);
	EQ_INT(m.last_ord, 2);
	OK(kabi_catalog_syscall_by_nr(&m, c, x32, 0x40000000 + 543, 0) == 0, "x32 543 at v4.0-rc1");
	EQ_STR(m.sc.name, "io_setup");
	EQ_INT(m.when, KABI_NR_LATER);
	EQ_INT(m.first_ord, 3);
	EQ_INT(kabi_catalog_syscall_by_nr(&m, c, x86, 999, 4), KABI_ENOTFOUND);
	EQ_INT(m.sc.id, -1);
	EQ_INT(kabi_catalog_syscall_by_nr(&m, c, x86, 435, 70), KABI_EINVALID);
}

/* check_catalog.c's statements and check_report.c's reading of them: the
 * slow, independent way to the same answer. */
static kabi_sc_status oracle_status(sqlite3 *sq, int64_t abi_id, int64_t sys, int ord, int64_t *nr)
{
	int64_t first, removed, later, impl;

	*nr = sql_int(sq,
		      "SELECT nr FROM span WHERE abi_id = %lld AND syscall_id = %lld AND first_ord <= %d "
		      "AND last_ord >= %d",
		      (long long)abi_id, (long long)sys, ord, ord);
	impl = sql_int(sq,
		       "SELECT implemented FROM span WHERE abi_id = %lld AND syscall_id = %lld "
		       "AND first_ord <= %d AND last_ord >= %d",
		       (long long)abi_id, (long long)sys, ord, ord);
	first = sql_int(sq,
			"SELECT sp.first_ord FROM span sp WHERE sp.abi_id = %lld AND sp.syscall_id = %lld "
			"ORDER BY sp.first_ord LIMIT 1",
			(long long)abi_id, (long long)sys);
	removed = sql_int(sq,
			  "SELECT e.ord FROM event e WHERE e.abi_id = %lld AND e.syscall_id = %lld "
			  "AND e.kind = 'removed' AND e.ord <= %d ORDER BY e.ord DESC LIMIT 1",
			  (long long)abi_id, (long long)sys, ord);
	later = sql_int(sq,
			"SELECT sp.first_ord FROM span sp WHERE sp.abi_id = %lld AND sp.syscall_id = %lld "
			"AND sp.first_ord > %d ORDER BY sp.first_ord LIMIT 1",
			(long long)abi_id, (long long)sys, ord);
	if (*nr >= 0)
		return impl ? KABI_SC_AVAILABLE : KABI_SC_NOT_IMPLEMENTED;
	if (first < 0)
		return KABI_SC_NEVER;
	if (later >= 0 && removed < 0)
		return KABI_SC_ADDED_LATER;
	return KABI_SC_REMOVED;
}

/* Every syscall on every ABI with tables at every release, against the old
 * statements; and implemented_releases against the syscalls_at view.
 * Returns the states compared. */
static int statuses_against_oracle(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_syscall *s;
	const kabi_cat_abi *a;
	const kabi_cat_release *r;
	size_t n, na, nr, i, k;
	int ord, checked = 0;
	kabi_cat_status st;
	unsigned char *on;

	if (kabi_catalog_syscalls(&s, &n, c) < 0 || kabi_catalog_abis(&a, &na, c) < 0 ||
	    kabi_catalog_releases(&r, &nr, c) < 0)
		return -1;
	on = malloc(nr);
	for (k = 0; k < na; k++) {
		int64_t abi_id = sql_int(sq, "SELECT id FROM abi WHERE name = %Q", a[k].name);

		if (a[k].first_ord < 0)
			continue;
		for (i = 0; i < n; i++) {
			OK(kabi_catalog_implemented_releases(on, nr, c, s[i].id, (int)k) == 0, "implemented");
			for (ord = 0; ord < (int)nr; ord++) {
				int64_t nrw;
				kabi_sc_status want = oracle_status(sq, abi_id, s[i].id, ord, &nrw);

				OK(kabi_catalog_syscall_status(&st, c, s[i].id, (int)k, ord) == 0, "status");
				OK(st.status == want && st.nr == nrw,
				   "%s on %s at %d: status %d nr %lld, want %d %lld", s[i].name, a[k].name,
				   ord, (int)st.status, (long long)st.nr, (int)want, (long long)nrw);
				EQ_INT(on[ord],
				       sql_int(sq,
					       "SELECT count(*) FROM syscalls_at WHERE release = %Q AND abi = %Q "
					       "AND syscall = %Q AND implemented = 1",
					       r[ord].name, a[k].name, s[i].name));
				checked++;
			}
		}
	}
	free(on);
	return checked;
}

static void test_status(kabi_catalog *c, sqlite3 *sq)
{
	size_t i;
	int x86 = find_abi(c, "x86_64"), i386 = find_abi(c, "i386");
	kabi_cat_status st;
	unsigned char on[7];
	int64_t sysctl = find_sys(c, "_sysctl"), uselib = find_sys(c, "uselib"),
		clone3 = find_sys(c, "clone3");

	/* by hand, from the fixture's design */
	OK(kabi_catalog_syscall_status(&st, c, clone3, x86, 4) == 0, "clone3 at v5.9");
	EQ_INT(st.status, KABI_SC_AVAILABLE);
	EQ_INT(st.nr, 435);
	EQ_INT(st.first_ord, 4);
	OK(kabi_catalog_syscall_status(&st, c, clone3, x86, 3) == 0, "clone3 at v4.17");
	EQ_INT(st.status, KABI_SC_ADDED_LATER);
	EQ_INT(st.nr, -1);
	EQ_INT(st.later_ord, 4);
	EQ_INT(st.removed_ord, -1);
	OK(kabi_catalog_syscall_status(&st, c, uselib, x86, 6) == 0, "uselib at v5.10");
	EQ_INT(st.status, KABI_SC_REMOVED);
	EQ_INT(st.removed_ord, 5);
	EQ_INT(st.first_ord, 0);
	OK(kabi_catalog_syscall_status(&st, c, uselib, x86, 4) == 0, "uselib at v5.9");
	EQ_INT(st.status, KABI_SC_NOT_IMPLEMENTED);
	EQ_INT(st.nr, 134);
	OK(kabi_catalog_syscall_status(&st, c, sysctl, x86, 3) == 0, "_sysctl at v4.17");
	EQ_INT(st.status, KABI_SC_AVAILABLE);
	OK(kabi_catalog_syscall_status(&st, c, sysctl, x86, 4) == 0, "_sysctl at v5.9");
	EQ_INT(st.status, KABI_SC_NOT_IMPLEMENTED);
	OK(kabi_catalog_syscall_status(&st, c, clone3, i386, 6) == 0, "clone3 on i386");
	EQ_INT(st.status, KABI_SC_NEVER);
	EQ_INT(st.first_ord, -1);
	OK(kabi_catalog_syscall_status(&st, c, 987654, x86, 6) == 0, "an id no syscall has");
	EQ_INT(st.status, KABI_SC_NEVER);
	EQ_INT(kabi_catalog_syscall_status(&st, c, clone3, x86, 7), KABI_EINVALID);

	OK(kabi_catalog_implemented_releases(on, 7, c, sysctl, x86) == 0, "_sysctl implemented");
	for (i = 0; i < 7; i++)
		EQ_INT(on[i], i < 4);
	OK(kabi_catalog_implemented_releases(on, 7, c, clone3, x86) == 0, "clone3 implemented");
	for (i = 0; i < 7; i++)
		EQ_INT(on[i], i >= 4);
	OK(kabi_catalog_implemented_releases(on, 7, c, uselib, x86) == 0, "uselib implemented");
	for (i = 0; i < 7; i++)
		EQ_INT(on[i], 0);
	EQ_INT(kabi_catalog_implemented_releases(on, 8, c, uselib, x86), KABI_EINVALID);

	/* 3 ABIs with tables; 13 names: x86_64's 10 and i386's restart_syscall, exit, break */
	EQ_INT(statuses_against_oracle(c, sq), 3 * 13 * 7);
}

/* The rule as query/export.c had it before the syscall_table view, with
 * the dating of schema 4: an event dates a syscall only when its previous
 * release is the catalog's one before it, has a table of the ABI and no
 * kernel release lies between them (release.follows_prev). */
static const char oracle_rows[] =
	"WITH cur AS (SELECT sp.*, "
	" (SELECT e.id FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind IN ('added', 'renamed') AND e.ord <= ?2 ORDER BY e.ord DESC LIMIT 1) AS add_id, "
	" (SELECT e.id FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind IN ('added', 'renamed', 'renumbered') AND e.ord <= ?2 ORDER BY e.ord DESC LIMIT 1) AS nr_id, "
	" (SELECT e.ord FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
	"  AND e.kind = 'removed' AND e.ord > ?2 ORDER BY e.ord LIMIT 1) AS rm_ord "
	" FROM span sp WHERE sp.abi_id = ?1 AND sp.first_ord <= ?2 AND sp.last_ord >= ?2) "
	"SELECT s.name, c.nr, c.nr - a.base, c.entry, c.compat_entry, c.implemented, "
	" ea.ord, ea.prev_ord IS NOT NULL AND ea.prev_ord + 1 = ea.ord AND EXISTS (SELECT 1 FROM abi_release x "
	"  WHERE x.abi_id = c.abi_id AND x.ord = ea.prev_ord) "
	"  AND (SELECT follows_prev FROM release WHERE ord = ea.ord), "
	" c.rm_ord, en.ord, en.prev_ord IS NOT NULL AND en.prev_ord + 1 = en.ord AND EXISTS (SELECT 1 FROM abi_release x "
	"  WHERE x.abi_id = c.abi_id AND x.ord = en.prev_ord) "
	"  AND (SELECT follows_prev FROM release WHERE ord = en.ord) "
	"FROM cur c JOIN abi a ON a.id = c.abi_id JOIN syscall s ON s.id = c.syscall_id "
	"LEFT JOIN event ea ON ea.id = c.add_id LEFT JOIN event en ON en.id = c.nr_id "
	"ORDER BY c.nr, s.name";

static int64_t col_or(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

/* Every table of the catalog against oracle_rows; returns the rows seen. */
static size_t tables_against_oracle(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_abi *a;
	const kabi_cat_release *r;
	size_t na, nr, k, total = 0;
	sqlite3_stmt *st;

	if (kabi_catalog_abis(&a, &na, c) < 0 || kabi_catalog_releases(&r, &nr, c) < 0 ||
	    sqlite3_prepare_v2(sq, oracle_rows, -1, &st, NULL) != SQLITE_OK) {
		OK(0, "oracle: %s", sqlite3_errmsg(sq));
		return 0;
	}
	for (k = 0; k < na; k++) {
		int64_t abi_id = sql_int(sq, "SELECT id FROM abi WHERE name = %Q", a[k].name);
		int ord;

		for (ord = 0; ord < (int)nr; ord++) {
			kabi_cat_table *t = NULL;
			size_t i = 0;
			int present = 0, rc = kabi_catalog_table(&t, c, (int)k, ord);

			kabi_catalog_has_table(&present, c, (int)k, ord);
			if (!present) {
				EQ_INT(rc, KABI_ENOTFOUND);
				OK(t == NULL, "no table, no result");
				continue;
			}
			OK(rc == 0, "table %s at %d: %s", a[k].name, ord, kabi_error_last());
			if (!t)
				continue;
			EQ_INT(t->abi, k);
			EQ_INT(t->ord, ord);
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, abi_id);
			sqlite3_bind_int(st, 2, ord);
			for (i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
				const kabi_cat_row *w = i < t->n ? &t->rows[i] : NULL;

				if (!w) {
					OK(0, "%s at %d: fewer rows than the oracle", a[k].name, ord);
					break;
				}
				EQ_STR(w->name, (const char *)sqlite3_column_text(st, 0));
				EQ_INT(w->nr, sqlite3_column_int64(st, 1));
				EQ_INT(w->table_nr, sqlite3_column_int64(st, 2));
				EQ_STR(w->entry, (const char *)sqlite3_column_text(st, 3));
				EQ_STR(w->compat_entry, (const char *)sqlite3_column_text(st, 4));
				EQ_INT(w->implemented, sqlite3_column_int(st, 5));
				EQ_INT(w->added_ord, col_or(st, 6));
				EQ_INT(w->added_known, sqlite3_column_int(st, 7));
				EQ_INT(w->removed_ord, col_or(st, 8));
				EQ_INT(w->since_ord, col_or(st, 9));
				EQ_INT(w->since_known, sqlite3_column_int(st, 10));
				if (w->added_ord >= 0) { /* the C rule and the view's agree */
					int dated = -1;

					EQ_INT(kabi_catalog_dated(&dated, c, (int)k, w->added_ord), 0);
					EQ_INT(dated, w->added_known);
				}
			}
			EQ_INT(t->n, i);
			total += t->n;
			kabi_cat_table_free(t);
		}
	}
	sqlite3_finalize(st);
	return total;
}

/* kabi_catalog_table_pair(): a syscall is in the pair when its rows differ
 * between the two releases, and then each side's rows of it are
 * kabi_catalog_table_rows()'s at its release, row for row (as a set: the
 * pair is in no order); a syscall left out has the same rows at both
 * (why and config too: the same spans).  For every ABI and pair of releases
 * of the fixture, both ways round. */
static int row_in_side(const kabi_cat_table_pair *p, int side, const kabi_cat_row *r)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if ((p->in[i] & side) && p->rows[i].syscall == r->syscall && p->rows[i].nr == r->nr &&
		    strcmp(p->rows[i].name, r->name) == 0 && strcmp(p->rows[i].entry, r->entry) == 0 &&
		    strcmp(p->rows[i].compat_entry, r->compat_entry) == 0 &&
		    p->rows[i].implemented == r->implemented && p->rows[i].table_nr == r->table_nr &&
		    p->rows[i].is_private == r->is_private)
			return 1;
	return 0;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether table t has row r (of another table), every field the same. */
static int has_row(const kabi_cat_table *t, const kabi_cat_row *r)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->rows[i].syscall == r->syscall && t->rows[i].nr == r->nr &&
		    strcmp(t->rows[i].entry, r->entry) == 0 &&
		    strcmp(t->rows[i].compat_entry, r->compat_entry) == 0 &&
		    t->rows[i].implemented == r->implemented && same_str(t->rows[i].why, r->why) &&
		    same_str(t->rows[i].config, r->config))
			return 1;
	return 0;
}

static int in_pair(const kabi_cat_table_pair *p, int64_t syscall)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].syscall == syscall)
			return 1;
	return 0;
}

static size_t rows_of(const kabi_cat_table *t, int64_t syscall)
{
	size_t i, k = 0;

	for (i = 0; i < t->n; i++)
		k += t->rows[i].syscall == syscall;
	return k;
}

static void test_table_pair(kabi_catalog *c)
{
	const kabi_cat_abi *abis;
	const kabi_cat_release *rels;
	size_t nabi, nrel, a, i, n, pairs = 0, bad = 0, kept = 0, left = 0;
	int o1, o2, side;

	if (kabi_catalog_abis(&abis, &nabi, c) < 0 || kabi_catalog_releases(&rels, &nrel, c) < 0)
		return;
	for (a = 0; a < nabi; a++) {
		for (o1 = 0; o1 < (int)nrel; o1++) {
			for (o2 = 0; o2 < (int)nrel; o2++) {
				kabi_cat_table_pair *p = NULL;
				kabi_cat_table *t[2] = {NULL, NULL};
				int h1, h2, rc = kabi_catalog_table_pair(&p, c, (int)a, o1, o2);

				kabi_catalog_has_table(&h1, c, (int)a, o1);
				kabi_catalog_has_table(&h2, c, (int)a, o2);
				if (!h1 || !h2) {
					bad += rc != KABI_ENOTFOUND || p != NULL;
					continue;
				}
				pairs++;
				if (rc < 0 || kabi_catalog_table_rows(&t[0], c, (int)a, o1) < 0 ||
				    kabi_catalog_table_rows(&t[1], c, (int)a, o2) < 0) {
					bad++;
					goto next;
				}
				for (side = 0; side < 2; side++) {
					const kabi_cat_table *u = t[side], *v = t[!side];
					size_t want = 0;

					for (i = 0; i < u->n; i++) {
						const kabi_cat_row *r = &u->rows[i];

						if (in_pair(p, r->syscall)) {
							kept++;
							want++;
							bad += !row_in_side(p, 1 << side, r);
						} else {
							left++;
							bad += !has_row(v, r) ||
							       rows_of(u, r->syscall) !=
								       rows_of(v, r->syscall);
						}
					}
					n = 0;
					for (i = 0; i < p->n; i++)
						n += (p->in[i] & (1 << side)) != 0;
					bad += n != want;
				}
				/* no row the tables do not have, none twice */
				for (i = 0; i < p->n; i++) {
					bad += !p->in[i] || p->in[i] > 3;
					for (side = 0; side < 2; side++)
						if (p->in[i] & (1 << side))
							bad += rows_of(t[side], p->rows[i].syscall) == 0;
				}
			next:
				kabi_cat_table_pair_free(p);
				kabi_cat_table_free(t[0]);
				kabi_cat_table_free(t[1]);
			}
		}
	}
	OK(kept > 0 && left > 0, "table pairs: %zu rows kept, %zu left out", kept, left);
	OK(pairs > 10, "table pairs: %zu compared", pairs);
	EQ_INT(bad, 0);
}

static void test_table(kabi_catalog *c, sqlite3 *sq)
{
	/* 'kabi table --abi x86_64 --at 5.9', from the fixture's design */
	static const struct {
		int64_t nr;
		const char *name;
		int impl, added, removed;
	} want[] = {
		{0, "read", 1, 0, -1},     {1, "write", 1, 0, -1},         {2, "open", 1, 0, -1},
		{3, "close", 1, 1, -1},    {13, "rt_sigaction", 1, 0, -1}, {15, "rt_sigreturn", 1, 0, -1},
		{134, "uselib", 0, 0, 5},  {156, "_sysctl", 0, 0, -1},     {206, "io_setup", 1, 0, -1},
		{435, "clone3", 1, 4, -1},
	};
	int x86 = find_abi(c, "x86_64"), x32 = find_abi(c, "x32"), arm64 = find_abi(c, "arm64");
	kabi_cat_table *t = NULL;
	kabi_cat_spans *sp = NULL;
	const kabi_cat_row *w;
	size_t i, rows;

	OK(kabi_catalog_table(&t, c, x86, 4) == 0 && t, "x86_64 at v5.9: %s", kabi_error_last());
	if (t) {
		EQ_INT(t->n, 10);
		EQ_INT(t->implemented, 8);
		for (i = 0; i < t->n && i < 10; i++) {
			EQ_INT(t->rows[i].nr, want[i].nr);
			EQ_STR(t->rows[i].name, want[i].name);
			EQ_INT(t->rows[i].implemented, want[i].impl);
			EQ_INT(t->rows[i].added_ord, want[i].added);
			/* the first release dates nothing; v4.0 follows v4.0-rc1, but
			 * v5.9 comes after v4.17 with 4.18 .. 5.8 missing */
			EQ_INT(t->rows[i].added_known, want[i].added == 1);
			EQ_INT(t->rows[i].removed_ord, want[i].removed);
			EQ_INT(t->rows[i].table_nr, want[i].nr);
			OK(t->rows[i].args == NULL && t->rows[i].sig_line == 0, "no C sources, no signature");
		}
		w = row_named(t, "_sysctl");
		OK(w && strcmp(w->entry, "sys_ni_syscall") == 0, "_sysctl's entry");
		w = row_named(t, "rt_sigreturn");
		OK(w && strcmp(w->entry, "sys_rt_sigreturn") == 0, "entries are normalised");
		kabi_cat_table_free(t);
	}
	/* x32 at v5.10: io_setup added at the start, at 543 since v4.17 */
	t = NULL;
	OK(kabi_catalog_table(&t, c, x32, 6) == 0 && t, "x32 at v5.10");
	if (t && (w = row_named(t, "io_setup")) != NULL) {
		EQ_INT(w->nr, 0x40000000 + 543);
		EQ_INT(w->table_nr, 543);
		EQ_INT(w->added_ord, 0);
		EQ_INT(w->since_ord, 3);
		EQ_INT(w->since_known, 0); /* v4.17 after v4.2: 4.3 .. 4.16 missing */
		EQ_STR(w->entry, "compat_sys_io_setup");
	} else {
		OK(0, "x32 io_setup at v5.10");
	}
	kabi_cat_table_free(t);
	t = (kabi_cat_table *)1;
	EQ_INT(kabi_catalog_table(&t, c, arm64, 4), KABI_ENOTFOUND);
	OK(t == NULL, "no table: *out NULL");
	OK(strstr(kabi_error_last(), "ABI 'arm64' has no syscall table at v5.9") != NULL, "message: %s",
	   kabi_error_last());
	kabi_cat_table_free(NULL);

	rows = tables_against_oracle(c, sq);
	OK(rows == (size_t)sql_int(sq, "SELECT count(*) FROM syscalls_at"), "every row of every table: %zu",
	   rows);

	/* spans of x32: io_setup has two, split at v4.17 */
	OK(kabi_catalog_abi_spans(&sp, c, x32) == 0 && sp, "x32 spans");
	if (sp) {
		int n_io = 0;

		EQ_INT(sp->n, sql_int(sq, "SELECT count(*) FROM spans WHERE abi = 'x32'"));
		for (i = 0; i < sp->n; i++) {
			if (i)
				OK(sp->v[i - 1].first_ord <= sp->v[i].first_ord, "spans by first release");
			if (strcmp(sp->v[i].name, "io_setup") != 0)
				continue;
			EQ_INT(sp->v[i].first_ord, n_io ? 3 : 0);
			EQ_INT(sp->v[i].last_ord, n_io ? 6 : 2);
			EQ_INT(sp->v[i].nr, 0x40000000 + (n_io ? 543 : 206));
			EQ_INT(sp->v[i].abi, x32);
			n_io++;
		}
		EQ_INT(n_io, 2);
	}
	kabi_cat_spans_free(sp);
	kabi_cat_spans_free(NULL);
}

/* The events with from < ord <= to, in C from a list of every event: the
 * oracle of kabi_catalog_events(). */
static size_t oracle_events(sqlite3 *sq, int from, int to, int64_t abi_id, int64_t *ids, size_t max)
{
	sqlite3_stmt *st;
	size_t n = 0;

	sqlite3_prepare_v2(sq,
			   "SELECT e.id, e.ord, e.abi_id FROM event e JOIN syscall s ON s.id = e.syscall_id "
			   "ORDER BY e.ord, e.abi_id, s.name, e.id",
			   -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 1);

		if (ord > from && ord <= to && (abi_id < 0 || sqlite3_column_int64(st, 2) == abi_id) &&
		    n < max)
			ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

static void test_events(kabi_catalog *c, sqlite3 *sq)
{
	kabi_cat_events *e = NULL;
	int x86 = find_abi(c, "x86_64"), x32 = find_abi(c, "x32"), from, to;
	int64_t ids[64];
	size_t i, n;
	char *s;

	OK(kabi_catalog_events(&e, c, 3, 4, -1) == 0 && e, "v5.9's events");
	if (e) {
		EQ_INT(e->n, 3);
		if (e->n == 3) {
			/* by ABI (x86_64 first), then name ('_' < 'c') */
			EQ_STR(e->v[0].name, "_sysctl");
			EQ_INT(e->v[0].kind, KABI_EV_UNIMPLEMENTED);
			EQ_INT(e->v[0].abi, x86);
			EQ_STR(e->v[1].name, "clone3");
			EQ_INT(e->v[1].abi, x86);
			EQ_INT(e->v[1].kind, KABI_EV_ADDED);
			EQ_INT(e->v[1].new_nr, 435);
			EQ_INT(e->v[1].old_nr, -1);
			EQ_INT(e->v[1].ord, 4);
			EQ_INT(e->v[1].prev_ord, 3);
			EQ_STR(e->v[1].commit_subject, "release v5.9");
			EQ_STR(e->v[1].commit_author, "kabi-test");
			s = sql_text(sq, "SELECT commit_id FROM release WHERE name = 'v5.9'");
			EQ_STR(e->v[1].commit, s);
			free(s);
			EQ_STR(e->v[2].name, "clone3");
			EQ_INT(e->v[2].abi, x32);
			EQ_INT(e->v[2].new_nr, 0x40000000 + 435);
			s = describe(&e->v[0], NULL);
			EQ_STR(s, "entry sys_sysctl -> sys_ni_syscall");
			free(s);
			s = describe(&e->v[1], "clone3");
			EQ_STR(s, "number 435");
			free(s);
		}
		kabi_cat_events_free(e);
	}
	/* swapped bounds mean the same; one ABI */
	e = NULL;
	OK(kabi_catalog_events(&e, c, 3, 2, x32) == 0 && e, "v4.17 on x32");
	if (e) {
		EQ_INT(e->n, 2);
		if (e->n == 2) {
			/* same name: the catalog's order (renumbered was written first) */
			EQ_INT(e->v[0].kind, KABI_EV_RENUMBERED);
			EQ_INT(e->v[1].kind, KABI_EV_ENTRY_CHANGED);
			s = describe(&e->v[0], NULL);
			EQ_STR(s, "number 1073742030 -> 1073742367");
			free(s);
			s = describe(&e->v[1], NULL);
			EQ_STR(s, "entry sys_io_setup -> compat_sys_io_setup");
			free(s);
		}
		kabi_cat_events_free(e);
	}
	e = NULL;
	OK(kabi_catalog_events(&e, c, 4, 5, x86) == 0 && e && e->n == 1, "uselib's removal");
	if (e && e->n == 1) {
		EQ_STR(e->v[0].name, "uselib");
		EQ_INT(e->v[0].kind, KABI_EV_REMOVED);
		EQ_INT(e->v[0].old_nr, 134);
		/* v5.10-rc1 is tagged on a commit after v5.10's: v5.10's commit removed it */
		EQ_STR(e->v[0].commit_subject, "release v5.10");
		s = describe(&e->v[0], NULL);
		EQ_STR(s, "was number 134");
		free(s);
	}
	kabi_cat_events_free(e);
	EQ_INT(kabi_catalog_events(&e, c, -2, 4, -1), KABI_EINVALID);
	EQ_INT(kabi_catalog_events(&e, c, 0, 7, -1), KABI_EINVALID);
	EQ_INT(kabi_catalog_events(&e, c, 0, 4, 99), KABI_EINVALID);
	kabi_cat_events_free(NULL);

	/* every pair of releases, on every ABI and on x32 alone */
	for (from = -1; from < 7; from++) {
		for (to = from + 1; to < 7; to++) {
			int pass;

			for (pass = 0; pass < 2; pass++) {
				int abi = pass ? x32 : -1;
				int64_t abi_id =
					pass ? sql_int(sq, "SELECT id FROM abi WHERE name = 'x32'") : -1;

				n = oracle_events(sq, from, to, abi_id, ids, 64);
				e = NULL;
				OK(kabi_catalog_events(&e, c, from, to, abi) == 0 && e, "events %d..%d", from,
				   to);
				if (!e)
					continue;
				EQ_INT(e->n, n);
				for (i = 0; i < n && i < e->n; i++)
					OK(e->v[i].id == ids[i], "events %d..%d #%zu: id %lld, want %lld",
					   from, to, i, (long long)e->v[i].id, (long long)ids[i]);
				kabi_cat_events_free(e);
			}
		}
	}
	e = NULL;
	OK(kabi_catalog_events(&e, c, -1, 6, -1) == 0 && e && e->n == 27, "27 events in all");
	kabi_cat_events_free(e);
}

static void test_history(kabi_catalog *c, sqlite3 *sq)
{
	const kabi_cat_syscall *s;
	kabi_cat_history *h = NULL;
	int x86 = find_abi(c, "x86_64"), x32 = find_abi(c, "x32");
	size_t n, i;
	char *d;

	OK(kabi_catalog_history(&h, c, find_sys(c, "clone3"), -1) == 0 && h, "clone3's history");
	if (h) {
		EQ_STR(h->name, "clone3");
		EQ_INT(h->nspans, 2);
		EQ_INT(h->nevents, 2);
		EQ_INT(h->nsigs, 0);
		if (h->nspans == 2) {
			EQ_INT(h->spans[0].abi, x86);
			EQ_INT(h->spans[0].nr, 435);
			EQ_INT(h->spans[0].first_ord, 4);
			EQ_INT(h->spans[0].last_ord, 6);
			EQ_INT(h->spans[1].abi, x32);
		}
		if (h->nevents == 2) {
			EQ_INT(h->events[0].abi, x86);
			EQ_INT(h->events[1].abi, x32);
			d = describe(&h->events[1], "clone3");
			EQ_STR(d, "number 1073742259");
			free(d);
		}
		kabi_cat_history_free(h);
	}
	h = NULL;
	OK(kabi_catalog_history(&h, c, find_sys(c, "io_setup"), x32) == 0 && h, "io_setup on x32");
	if (h) {
		EQ_INT(h->nspans, 2);
		EQ_INT(h->nevents, 3);
		for (i = 0; i < h->nspans; i++)
			EQ_INT(h->spans[i].abi, x32);
		if (h->nevents == 3) {
			EQ_INT(h->events[0].kind, KABI_EV_ADDED);
			EQ_INT(h->events[1].kind, KABI_EV_RENUMBERED);
			EQ_INT(h->events[2].kind, KABI_EV_ENTRY_CHANGED);
		}
		kabi_cat_history_free(h);
	}
	h = (kabi_cat_history *)1;
	EQ_INT(kabi_catalog_history(&h, c, 987654, -1), KABI_ENOTFOUND);
	OK(h == NULL, "no history for an unknown id");
	kabi_cat_history_free(NULL);

	/* every syscall: its spans and events as `kabi show` selected them */
	if (kabi_catalog_syscalls(&s, &n, c) < 0)
		return;
	for (i = 0; i < n; i++) {
		h = NULL;
		OK(kabi_catalog_history(&h, c, s[i].id, -1) == 0 && h, "history of %s", s[i].name);
		if (!h)
			continue;
		EQ_INT(h->nspans,
		       sql_int(sq, "SELECT count(*) FROM span WHERE syscall_id = %lld", (long long)s[i].id));
		EQ_INT(h->nevents,
		       sql_int(sq, "SELECT count(*) FROM event WHERE syscall_id = %lld OR old_name = %Q",
			       (long long)s[i].id, s[i].name));
		kabi_cat_history_free(h);
	}
}

/* ---- the model catalog ----------------------------------------------------------- */

static void test_model(void)
{
	kabi_catalog *c = NULL;
	sqlite3 *sq;
	int x86, i386;
	kabi_cat_history *h = NULL;
	kabi_cat_table *t = NULL;
	kabi_cat_signatures *g = NULL;
	kabi_cat_sigchanges *ch = NULL;
	kabi_cat_events *e = NULL;
	kabi_cat_status st;
	const kabi_cat_syscall *s;
	size_t n, i;
	char *d;

	write_model();
	OK(kabi_catalog_open_read(&c, path_model) == 0, "open the model catalog: %s", kabi_error_last());
	if (!c)
		return;
	sq = sql_open(path_model, 0);
	x86 = find_abi(c, "x86_64");
	i386 = find_abi(c, "i386");

	/* resolution: lines, two releases of one version, 2.6 */
	resolve(c, "6.1", 0, 6, KABI_RELEASE_NEWEST_OF_LINE); /* v6.1.12, not v6.1-rc1 */
	resolve(c, "v6.1.0", 0, 6, KABI_RELEASE_NEWEST_OF_LINE);
	resolve(c, "6.1.5", 0, 5, KABI_RELEASE_BY_VERSION);
	resolve(c, "6.1-rc1", 0, 4, KABI_RELEASE_BY_VERSION);
	resolve(c, "6.0", 0, 3, KABI_RELEASE_BY_VERSION); /* the later of v6.0 and debian-6.0 */
	resolve(c, "v6.0", 0, 2, KABI_RELEASE_BY_NAME);
	resolve(c, "debian-6.0", 0, 3, KABI_RELEASE_BY_NAME);
	resolve(c, "2.6.32", 0, 1, KABI_RELEASE_NEWEST_OF_LINE); /* v2.6.32.71 */
	resolve(c, "2.6.32.5", 0, 0, KABI_RELEASE_BY_VERSION);
	{
		kabi_release_resolution r;

		/* a line of release candidates only: not found */
		EQ_INT(kabi_catalog_resolve_release(&r, c, "6.2"), KABI_ENOTFOUND);
		EQ_INT(r.before, 8);
		EQ_INT(r.after, -1);
		/* not a line: 6.1.7 names one release */
		EQ_INT(kabi_catalog_resolve_release(&r, c, "6.1.7"), KABI_ENOTFOUND);
		EQ_INT(r.before, 5);
		EQ_INT(r.after, 6);
		EQ_INT(kabi_catalog_resolve_release(&r, c, "2.6.33"), KABI_ENOTFOUND);
		EQ_INT(r.before, 1);
		EQ_INT(r.after, 2);
	}

	/* the rename: newcall's history shows it from newcall's side, oldcall's
	 * from the old name's, with one wording */
	OK(kabi_catalog_history(&h, c, find_sys(c, "oldcall"), -1) == 0 && h, "oldcall's history");
	if (h) {
		EQ_INT(h->nspans, 1);
		EQ_INT(h->nevents, 2); /* added at the start, renamed away */
		if (h->nevents == 2) {
			EQ_INT(h->events[1].kind, KABI_EV_RENAMED);
			EQ_STR(h->events[1].name, "newcall");
			EQ_STR(h->events[1].old_name, "oldcall");
			EQ_INT(h->events[1].ord, 4);
			d = describe(&h->events[1], "oldcall");
			EQ_STR(d, "to newcall, number 10");
			free(d);
			d = describe(&h->events[1], "newcall");
			EQ_STR(d, "from oldcall, number 10");
			free(d);
			d = describe(&h->events[1], NULL);
			EQ_STR(d, "from oldcall, number 10");
			free(d);
		}
		kabi_cat_history_free(h);
	}
	h = NULL;
	OK(kabi_catalog_history(&h, c, find_sys(c, "foo"), x86) == 0 && h, "foo on x86_64");
	if (h) {
		EQ_INT(h->nspans, 1);
		EQ_INT(h->nsigs, 2);
		if (h->nsigs == 2) {
			EQ_STR(h->sigs[0].args, "int");
			EQ_STR(h->sigs[0].text, "int a");
			EQ_STR(h->sigs[0].file, "kernel/foo.c");
			EQ_INT(h->sigs[0].line, 10);
			EQ_INT(h->sigs[0].last_ord, 5);
			EQ_STR(h->sigs[1].args, "int, long");
			EQ_INT(h->sigs[1].first_ord, 6);
		}
		EQ_INT(h->nevents, 2); /* added, signature_changed */
		if (h->nevents == 2) {
			EQ_INT(h->events[1].kind, KABI_EV_SIGNATURE_CHANGED);
			EQ_STR(h->events[1].commit, "0123456789abcdef0123456789abcdef01234567");
			EQ_STR(h->events[1].commit_subject, "foo: take b");
			EQ_INT(h->events[1].commit_time, 1700000000);
			EQ_INT(h->events[0].commit == NULL, 1);
			d = describe(&h->events[1], "foo");
			EQ_STR(d, "(int) -> (int, long)");
			free(d);
		}
		kabi_cat_history_free(h);
	}
	/* every syscall's events against the scan `kabi show` did */
	if (kabi_catalog_syscalls(&s, &n, c) == 0) {
		int renamed_only = 0;

		for (i = 0; i < n; i++) {
			h = NULL;
			OK(kabi_catalog_history(&h, c, s[i].id, -1) == 0 && h, "history of %s", s[i].name);
			if (!h)
				continue;
			EQ_INT(h->nevents, sql_int(sq,
						   "SELECT count(*) FROM event WHERE syscall_id = %lld "
						   "OR old_name = %Q",
						   (long long)s[i].id, s[i].name));
			kabi_cat_history_free(h);
			renamed_only += !s[i].has_spans;
		}
		EQ_INT(n, 5);            /* back, foo, gone, newcall, oldcall */
		EQ_INT(renamed_only, 0); /* oldcall has spans of its own */
	}

	/* the table of i386 where its table first appears: nothing dated */
	OK(kabi_catalog_table(&t, c, i386, 5) == 0 && t && t->n == 1, "i386 at v6.1.5");
	if (t && t->n == 1) {
		EQ_STR(t->rows[0].name, "foo");
		EQ_INT(t->rows[0].added_ord, 5);
		EQ_INT(t->rows[0].added_known, 0);
	}
	kabi_cat_table_free(t);
	t = NULL;
	/* x86_64 at v6.1.12: newcall renamed at 4 (known: v6.1-rc1 follows
	 * 6.0), foo with its new signature, back again */
	OK(kabi_catalog_table(&t, c, x86, 6) == 0 && t && t->n == 3, "x86_64 at v6.1.12");
	if (t && t->n == 3) {
		EQ_STR(t->rows[0].name, "newcall");
		EQ_INT(t->rows[0].added_ord, 4);
		EQ_INT(t->rows[0].added_known, 1);
		EQ_INT(t->rows[0].since_ord, 4);
		EQ_STR(t->rows[1].name, "foo");
		EQ_STR(t->rows[1].args, "int, long");
		EQ_STR(t->rows[1].sig_text, "int a, long b");
		EQ_STR(t->rows[1].sig_file, "kernel/foo.c");
		EQ_INT(t->rows[1].sig_line, 12);
		EQ_STR(t->rows[2].name, "back");
		EQ_INT(t->rows[2].added_ord, 6);
		EQ_INT(t->rows[2].added_known, 0); /* v6.1.12 after v6.1.5: .6 .. .11 missing */
		OK(t->rows[2].args == NULL, "back has no signature");
	}
	kabi_cat_table_free(t);
	t = NULL;
	OK(kabi_catalog_table(&t, c, x86, 1) == 0 && t && t->n == 4, "x86_64 at v2.6.32.71");
	if (t && row_named(t, "gone") && row_named(t, "back")) {
		EQ_INT(row_named(t, "gone")->removed_ord, 3);
		EQ_INT(row_named(t, "back")->removed_ord, 3);
	} else {
		OK(0, "gone and back at v2.6.32.71");
	}
	kabi_cat_table_free(t);
	OK(tables_against_oracle(c, sq) > 0, "the model's tables against the oracle");

	/* signatures at a release, and between two */
	OK(kabi_catalog_signatures_at(&g, c, 6, -1) == 0 && g && g->n == 1, "signatures at v6.1.12");
	if (g && g->n == 1) {
		EQ_STR(g->v[0].name, "foo");
		EQ_INT(g->v[0].abi, x86);
		EQ_STR(g->v[0].args, "int, long");
		EQ_INT(g->v[0].first_ord, 6);
	}
	kabi_cat_signatures_free(g);
	g = NULL;
	OK(kabi_catalog_signatures_at(&g, c, 6, i386) == 0 && g && g->n == 0, "none on i386");
	kabi_cat_signatures_free(g);
	kabi_cat_signatures_free(NULL);
	OK(kabi_catalog_signature_changes(&ch, c, 2, 8, -1) == 0 && ch && ch->n == 1, "signature changes");
	if (ch && ch->n == 1) {
		EQ_STR(ch->v[0].name, "foo");
		EQ_STR(ch->v[0].old_args, "int");
		EQ_STR(ch->v[0].new_args, "int, long");
		EQ_STR(ch->v[0].old_text, "int a");
		EQ_STR(ch->v[0].new_text, "int a, long b");
	}
	kabi_cat_sigchanges_free(ch);
	ch = NULL;
	OK(kabi_catalog_signature_changes(&ch, c, 6, 8, -1) == 0 && ch && ch->n == 0,
	   "no change within a span");
	kabi_cat_sigchanges_free(ch);
	kabi_cat_sigchanges_free(NULL);

	/* the rename in the events of its release, and the status of the old name */
	OK(kabi_catalog_events(&e, c, 3, 4, x86) == 0 && e && e->n == 1, "events of v6.1-rc1");
	if (e && e->n == 1) {
		EQ_INT(e->v[0].kind, KABI_EV_RENAMED);
		EQ_INT(e->v[0].new_nr, 10);
	}
	kabi_cat_events_free(e);
	OK(kabi_catalog_syscall_status(&st, c, find_sys(c, "oldcall"), x86, 6) == 0, "oldcall at v6.1.12");
	/* no 'removed' event is recorded for a rename */
	EQ_INT(st.status, KABI_SC_REMOVED);
	EQ_INT(st.removed_ord, -1);
	/* removed, and back later: removed is what the release has */
	OK(kabi_catalog_syscall_status(&st, c, find_sys(c, "back"), x86, 4) == 0, "back at v6.1-rc1");
	EQ_INT(st.status, KABI_SC_REMOVED);
	EQ_INT(st.removed_ord, 3);
	EQ_INT(st.later_ord, 6);
	OK(kabi_catalog_syscall_status(&st, c, find_sys(c, "back"), x86, 6) == 0, "back at v6.1.12");
	EQ_INT(st.status, KABI_SC_AVAILABLE);
	EQ_INT(st.first_ord, 0);
	/* 2 ABIs with tables, 5 names, 9 releases */
	EQ_INT(statuses_against_oracle(c, sq), 2 * 5 * 9);
	sqlite3_close(sq);
	kabi_catalog_close(c);
}

/* Hand-built events: the wording's corner cases. */
static void test_wording(void)
{
	kabi_cat_event e;
	char *d;

	memset(&e, 0, sizeof(e));
	e.name = "x";
	e.old_nr = e.new_nr = -1;
	e.kind = KABI_EV_ADDED;
	d = describe(&e, NULL);
	EQ_STR(d, "number ?");
	free(d);
	e.kind = KABI_EV_ENTRY_CHANGED;
	e.old_entry = "";
	e.new_entry = "sys_x";
	d = describe(&e, NULL);
	EQ_STR(d, "entry (none) -> sys_x");
	free(d);
	e.kind = KABI_EV_REIMPLEMENTED;
	e.old_entry = "sys_ni_syscall";
	e.new_entry = NULL;
	d = describe(&e, NULL);
	EQ_STR(d, "entry sys_ni_syscall -> (none)");
	free(d);
	e.kind = KABI_EV_SIGNATURE_CHANGED;
	d = describe(&e, NULL);
	EQ_STR(d, "(?) -> (?)");
	free(d);
	e.kind = KABI_EV_RENAMED;
	e.new_nr = 7;
	d = describe(&e, "x");
	EQ_STR(d, "from ?, number 7");
	free(d);
	{
		/* appends: the caller may write a prefix first */
		kabi_strbuf sb = KABI_STRBUF_INIT;

		kabi_strbuf_puts(&sb, "renamed: ");
		e.old_name = "y";
		kabi_cat_event_describe(&sb, &e, "y");
		EQ_STR(sb.buf, "renamed: to x, number 7");
		kabi_strbuf_free(&sb);
	}
}

/* ---- damage ------------------------------------------------------------------------ */

/* A copy of catalog src with sql applied. */
static kabi_catalog *damaged_from(const char *src, const char *name, const char *sql)
{
	char p[300];
	sqlite3 *db;
	kabi_catalog *c = NULL;

	snprintf(p, sizeof(p), "%s/%s.db", dir, name);
	copy_file(src, p);
	db = sql_open(p, 1);
	sql_exec(db, "PRAGMA ignore_check_constraints = ON");
	sql_exec(db, sql);
	sqlite3_close(db);
	OK(kabi_catalog_open_read(&c, p) == 0, "open '%s': the schema is fine", name);
	return c;
}

/* A copy of the fixture catalog with sql applied. */
static kabi_catalog *damaged(const char *name, const char *sql)
{
	return damaged_from(path_fx, name, sql);
}

static void is_damage(int rc, const char *what)
{
	OK(rc == KABI_EINVALID && strstr(kabi_error_last(), "is damaged") != NULL, "%s: rc %d, '%s'", what,
	   rc, rc ? kabi_error_last() : "");
}

/*
 * The rows are checked as statements read them (an ABI's, a syscall's):
 * a damaged row is still never read unseen, and a row a statement of one
 * ABI or syscall cannot see by its keys (an unknown ABI or syscall id,
 * which the joins drop) is found by the probes.
 */
static void test_damage_lazy(void)
{
	kabi_catalog *c;
	kabi_cat_table *t = NULL;
	kabi_cat_history *h = NULL;
	kabi_cat_status st;
	int other = -1;
	size_t n, i;
	const kabi_cat_abi *a;

	/* read's spans damaged on every ABI but x86_64 */
	c = damaged("lazyabi", "UPDATE span SET nr = -1 WHERE syscall_id = (SELECT id FROM syscall WHERE "
			       "name = 'read') AND abi_id <> (SELECT id FROM abi WHERE name = 'x86_64')");
	if (c) {
		int x86 = find_abi(c, "x86_64");
		int64_t sys = find_sys(c, "read");

		OK(kabi_catalog_table(&t, c, x86, 6) == 0 && t,
		   "lazy: x86_64's table reads no damaged row: %s", kabi_error_last());
		kabi_cat_table_free(t);
		t = NULL;
		OK(kabi_catalog_syscall_status(&st, c, sys, x86, 6) == 0, "lazy: read on x86_64 is sound");
		is_damage(kabi_catalog_history(&h, c, sys, -1), "lazy: read's history on every ABI");
		OK(h == NULL, "lazy: no history on damage");
		/* once seen, every statement that reads rows says so */
		is_damage(kabi_catalog_table(&t, c, x86, 6),
			  "lazy: x86_64's table after the damage was seen");
		kabi_catalog_close(c);
	}
	c = damaged("lazyabi2", "UPDATE span SET nr = -1 WHERE syscall_id = (SELECT id FROM syscall WHERE "
				"name = 'read') AND abi_id <> (SELECT id FROM abi WHERE name = 'x86_64')");
	if (c && kabi_catalog_abis(&a, &n, c) == 0) {
		for (i = 0; i < n && other < 0; i++)
			if (strcmp(a[i].name, "x86_64") != 0 && a[i].last_ord == 6)
				other = (int)i;
		OK(other >= 0, "lazy: an ABI other than x86_64 with a table at 6");
		if (other >= 0) {
			is_damage(kabi_catalog_table(&t, c, other, 6), "lazy: the other ABI's table");
			OK(t == NULL, "lazy: no table on damage");
		}
	}
	kabi_catalog_close(c);
	c = damaged("lazyabi3", "UPDATE span SET nr = -1 WHERE syscall_id = (SELECT id FROM syscall WHERE "
				"name = 'read') AND abi_id <> (SELECT id FROM abi WHERE name = 'x86_64')");
	if (c) {
		if (other >= 0)
			is_damage(kabi_catalog_syscall_status(&st, c, find_sys(c, "read"), other, 6),
				  "lazy: read's status on the other ABI");
		kabi_catalog_close(c);
	}
	/* read's x86_64 spans under a syscall id that does not exist: its
	 * history would lack them */
	c = damaged("lazysys",
		    "UPDATE span SET syscall_id = 99999 WHERE syscall_id = (SELECT id FROM syscall "
		    "WHERE name = 'read') AND abi_id = (SELECT id FROM abi WHERE name = 'x86_64')");
	if (c) {
		is_damage(kabi_catalog_history(&h, c, find_sys(c, "read"), -1),
			  "lazy: read's history, its x86_64 spans under an unknown syscall");
		kabi_catalog_close(c);
	}
	c = damaged("lazysys2",
		    "UPDATE span SET syscall_id = 99999 WHERE syscall_id = (SELECT id FROM syscall "
		    "WHERE name = 'read') AND abi_id = (SELECT id FROM abi WHERE name = 'x86_64')");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6),
			  "lazy: x86_64's table, a span of an unknown syscall");
		kabi_catalog_close(c);
	}
	/* one span of an ABI that does not exist: every ABI's table says so
	 * (the row could be any ABI's) */
	c = damaged("lazyunknownabi", "UPDATE span SET abi_id = 99 WHERE id = (SELECT max(id) FROM span)");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "lazy: a span of ABI 99");
		kabi_catalog_close(c);
	}
	c = damaged("lazyunknownabi2", "UPDATE span SET abi_id = 'x' WHERE id = (SELECT min(id) FROM span)");
	if (c) {
		is_damage(kabi_catalog_history(&h, c, find_sys(c, "read"), -1), "lazy: a span of ABI 'x'");
		kabi_catalog_close(c);
	}
}

static void test_damage(void)
{
	kabi_catalog *c;
	const kabi_cat_release *r;
	const kabi_cat_abi *a;
	kabi_cat_spans *sp = NULL;
	kabi_cat_history *h = NULL;
	kabi_cat_table *t = NULL;
	kabi_cat_events *e = NULL;
	kabi_cat_status st;
	kabi_cat_nr_match m;
	unsigned char on[7];
	size_t n;

	/* a span that starts before the first release */
	c = damaged("first", "UPDATE span SET first_ord = -100");
	if (c) {
		int x86 = find_abi(c, "x86_64");
		int64_t sys = find_sys(c, "read");

		is_damage(kabi_catalog_implemented_releases(on, 7, c, sys, x86),
			  "implemented_releases, first_ord -100");
		is_damage(kabi_catalog_abi_spans(&sp, c, x86), "abi_spans, first_ord -100");
		OK(sp == NULL, "no spans on damage");
		is_damage(kabi_catalog_history(&h, c, sys, -1), "history, first_ord -100");
		OK(h == NULL, "no history on damage");
		is_damage(kabi_catalog_syscall_status(&st, c, sys, x86, 3), "status, first_ord -100");
		is_damage(kabi_catalog_syscall_by_nr(&m, c, x86, 0, 3), "by_nr, first_ord -100");
		/* the handle still answers what is not damaged */
		OK(kabi_catalog_releases(&r, &n, c) == 0 && n == 7, "releases still read");
		kabi_catalog_close(c);
	}
	/* a span that ends far beyond the last release */
	c = damaged("last", "UPDATE span SET last_ord = 2000000000 WHERE syscall_id = "
			    "(SELECT id FROM syscall WHERE name = 'clone3')");
	if (c) {
		int x86 = find_abi(c, "x86_64");

		is_damage(kabi_catalog_implemented_releases(on, 7, c, find_sys(c, "clone3"), x86),
			  "implemented_releases, huge last_ord");
		is_damage(kabi_catalog_abi_spans(&sp, c, x86), "abi_spans, huge last_ord");
		/* one bad span is a damaged catalog: no answer from its spans
		 * (a table at a release the span does not reach would be
		 * answered from the others as if nothing were wrong) */
		is_damage(kabi_catalog_implemented_releases(on, 7, c, find_sys(c, "read"), x86),
			  "implemented_releases of another syscall, huge last_ord");
		is_damage(kabi_catalog_table(&t, c, x86, 0), "table at v4.0-rc1, huge last_ord");
		OK(t == NULL, "no table on damage");
		OK(kabi_catalog_releases(&r, &n, c) == 0 && n == 7, "releases still read");
		kabi_catalog_close(c);
	}
	/* a table is read through the view, which reads no span's bounds:
	 * the spans are checked all the same */
	c = damaged("tablefirst", "UPDATE span SET first_ord = -100");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, first_ord -100");
		OK(t == NULL, "no table on damage");
		kabi_catalog_close(c);
	}
	c = damaged("tablelast", "UPDATE span SET last_ord = 1000");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, last_ord 1000");
		kabi_catalog_close(c);
	}
	c = damaged("tablebackwards", "UPDATE span SET first_ord = 3, last_ord = 1");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, backwards");
		kabi_catalog_close(c);
	}
	c = damaged("tabletext", "UPDATE span SET first_ord = 'abc'");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, first_ord text");
		kabi_catalog_close(c);
	}
	c = damaged("tablenr", "UPDATE span SET nr = -1");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, nr -1");
		kabi_catalog_close(c);
	}
	/* rows that name an ABI or a syscall the catalog does not have */
	c = damaged("spanabi", "UPDATE span SET abi_id = 99");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, span of ABI 99");
		kabi_catalog_close(c);
	}
	c = damaged("spansys", "UPDATE span SET syscall_id = 99999");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6),
			  "table, span of syscall 99999");
		kabi_catalog_close(c);
	}
	/* signatures (the model catalog has some) */
	c = damaged_from(path_model, "sigfirst", "UPDATE signature SET first_ord = -3");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, signature at -3");
		kabi_catalog_close(c);
	}
	c = damaged_from(path_model, "sigline", "UPDATE signature SET line = -3");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x86_64"), 6), "table, signature line -3");
		kabi_catalog_close(c);
	}
	/* a span that ends before it starts */
	c = damaged("backwards", "UPDATE span SET first_ord = 5, last_ord = 2 WHERE syscall_id = "
				 "(SELECT id FROM syscall WHERE name = 'read')");
	if (c) {
		is_damage(kabi_catalog_abi_spans(&sp, c, find_abi(c, "x86_64")), "abi_spans, backwards");
		kabi_catalog_close(c);
	}
	/* events at releases that do not exist */
	c = damaged("eventord", "UPDATE event SET ord = 99999 WHERE id = 25");
	if (c) {
		is_damage(kabi_catalog_releases(&r, &n, c), "releases, an event at 99999");
		is_damage(kabi_catalog_events(&e, c, -1, 6, -1), "events, an event at 99999");
		kabi_catalog_close(c);
	}
	c = damaged("prevord", "UPDATE event SET prev_ord = -7 WHERE id = 25");
	if (c) {
		is_damage(kabi_catalog_events(&e, c, 3, 4, -1), "events, prev_ord -7");
		OK(e == NULL, "no events on damage");
		kabi_catalog_close(c);
	}
	/* a negative count, a huge base, absurd bits */
	c = damaged("rows", "UPDATE abi_release SET rows = -5");
	if (c) {
		is_damage(kabi_catalog_abis(&a, &n, c), "abis, rows -5");
		is_damage(kabi_catalog_table(&t, c, 0, 0), "table, rows -5");
		kabi_catalog_close(c);
	}
	c = damaged("implemented", "UPDATE abi_release SET implemented = rows + 1");
	if (c) {
		is_damage(kabi_catalog_abis(&a, &n, c), "abis, more implemented than rows");
		kabi_catalog_close(c);
	}
	c = damaged("base", "UPDATE abi SET base = 9223372036854775807 WHERE name = 'x32'");
	if (c) {
		is_damage(kabi_catalog_abis(&a, &n, c), "abis, base INT64_MAX");
		kabi_catalog_close(c);
	}
	c = damaged("bits", "UPDATE abi SET bits = -64 WHERE name = 'x86_64'");
	if (c) {
		is_damage(kabi_catalog_abis(&a, &n, c), "abis, bits -64");
		kabi_catalog_close(c);
	}
	/* a number that would overflow nr - base */
	c = damaged("nr", "UPDATE span SET nr = -9223372036854775807");
	if (c) {
		is_damage(kabi_catalog_table(&t, c, find_abi(c, "x32"), 4), "table, nr INT64_MIN + 1");
		OK(t == NULL, "no table on damage");
		kabi_catalog_close(c);
	}
	/* releases: a gap in the positions, a version that does not parse, a
	 * sort key that is not the version's */
	c = damaged("gap", "UPDATE release SET ord = 100 WHERE ord = 6");
	if (c) {
		is_damage(kabi_catalog_releases(&r, &n, c), "releases, a gap");
		is_damage(kabi_catalog_abis(&a, &n, c), "abis after a gap");
		kabi_catalog_close(c);
	}
	c = damaged("version", "UPDATE release SET version = 'not-a-version' WHERE ord = 1");
	if (c) {
		is_damage(kabi_catalog_releases(&r, &n, c), "releases, a bad version");
		OK(strstr(kabi_error_last(), "'not-a-version'") != NULL, "the bad value is quoted");
		kabi_catalog_close(c);
	}
	c = damaged("sortkey", "UPDATE release SET sort_key = 1 WHERE ord = 2");
	if (c) {
		kabi_release_resolution rr;

		is_damage(kabi_catalog_resolve_release(&rr, c, "v4.2"), "resolve, a bad sort key");
		kabi_catalog_close(c);
	}
	/* an event kind the catalog does not know, an ABI it does not have */
	c = damaged("kind", "UPDATE event SET kind = 'exploded' WHERE id = 25");
	if (c) {
		is_damage(kabi_catalog_events(&e, c, 3, 4, -1), "events, kind 'exploded'");
		kabi_catalog_close(c);
	}
	c = damaged("eventabi", "UPDATE event SET abi_id = 77 WHERE id = 25");
	if (c) {
		is_damage(kabi_catalog_events(&e, c, 3, 4, -1), "events, abi_id 77");
		kabi_catalog_close(c);
	}
	c = damaged("tableord", "UPDATE abi_release SET ord = 500 WHERE ord = 6 AND abi_id = 1");
	if (c) {
		is_damage(kabi_catalog_releases(&r, &n, c), "releases, a table at 500");
		kabi_catalog_close(c);
	}
}

/* ---- the file as a whole --------------------------------------------------------------- */

static void test_file(kabi_catalog *c)
{
	char p[300], target[300], *text = NULL;
	kabi_catalog *copy = NULL;
	const kabi_cat_release *r;
	size_t n;
	FILE *f;
	struct stat sb;

	OK(kabi_catalog_schema_text(&text, c) == 0 && text, "schema text");
	OK(text && strstr(text, "CREATE TABLE release") && strstr(text, "CREATE VIEW syscall_table AS") &&
		   strstr(text, "CREATE INDEX span_by_syscall"),
	   "the schema text has tables, views and indexes");
	free(text);

	/* a copy over a symbolic link replaces the link, not its target */
	snprintf(p, sizeof(p), "%s/copy.db", dir);
	snprintf(target, sizeof(target), "%s/target", dir);
	f = fopen(target, "w");
	fputs("keep me\n", f);
	fclose(f);
	OK(symlink(target, p) == 0, "symlink");
	OK(kabi_catalog_copy(c, p) == 0, "copy: %s", kabi_error_last());
	OK(lstat(p, &sb) == 0 && S_ISREG(sb.st_mode), "the link was replaced by a file");
	text = tap_slurp(target, &n);
	EQ_STR(text, "keep me\n");
	free(text);
	OK(kabi_catalog_open_read(&copy, p) == 0 && copy, "open the copy");
	if (copy && kabi_catalog_releases(&r, &n, copy) == 0)
		OK(n == 7 && strcmp(r[6].name, "v5.10") == 0, "the copy has the releases");
	kabi_catalog_close(copy);
	snprintf(p, sizeof(p), "%s/no/such/dir/copy.db", dir);
	EQ_INT(kabi_catalog_copy(c, p), KABI_EIO);
}

int main(void)
{
	kabi_catalog *c = NULL;
	sqlite3 *sq;
	char cmd[128];
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path_fx, sizeof(path_fx), "%s/fixture.db", dir);
	snprintf(path_model, sizeof(path_model), "%s/model.db", dir);
	if ((rc = harvest_fixture()) != 0)
		goto out;
	test_open();
	OK(kabi_catalog_open_read(&c, path_fx) == 0 && c, "open: %s", kabi_error_last());
	if (!c) {
		rc = tap_done();
		goto out;
	}
	sq = sql_open(path_fx, 0);
	test_releases(c, sq);
	test_abis(c, sq);
	test_syscalls(c, sq);
	test_status(c, sq);
	test_table(c, sq);
	test_table_pair(c);
	test_events(c, sq);
	test_history(c, sq);
	test_file(c);
	sqlite3_close(sq);
	kabi_catalog_close(c);
	test_model();
	test_wording();
	test_damage();
	test_damage_lazy();
	rc = tap_done();
out:
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	return rc;
}
