/* The catalog file round trip: what kabi_catalog_write() stores,
 * kabi_catalog_load() gives back (releases, sources, spans, signatures,
 * attributions), and a catalog rebuilt from a loaded one, as an incremental
 * harvest with no new release does, is the same file row for row. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi.h"
#include "catalog.h"
#include "model.h"
#include "strbuf.h"
#include "tap.h"

static kabi_intern *pool;
static int x86, i386;

/* A table from "nr name entry;..." ("-" entry: not implemented). */
static kabi_table *mk(const char *spec)
{
	kabi_table *t = calloc(1, sizeof(*t));
	kabi_row rows[32];
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
		rows[n].compat = kabi_intern_str(pool, strcmp(name, "open") == 0 ? "compat_sys_open" : "");
		rows[n].implemented = strcmp(entry, "-") != 0;
		rows[n].why = NULL;
		rows[n].config = NULL;
		n++;
	}
	free(copy);
	kabi_table_from_rows(t, rows, n);
	return t;
}

static void source(kabi_rel *r, int abi, kabi_table *t, const char *path, char blobchar)
{
	kabi_abi_src *s = &r->abi[abi];

	s->present = 1;
	s->table = t;
	s->path = kabi_intern_str(pool, path);
	memset(s->blob, blobchar, 40);
	s->blob[40] = '\0';
	s->rows = (int)t->n;
	s->implemented = (int)t->n - 1;
	s->fingerprint = t->fingerprint;
}

static kabi_rel *release(kabi_model *m, const char *name, const char *ver, int64_t time, char c)
{
	kabi_rel *r = kabi_model_add_release(m, name);

	if (kabi_version_parse(&r->version, ver) < 0)
		abort();
	r->ref = strdup(name);
	memset(r->commit, c, 40);
	r->commit[40] = '\0';
	r->time = time;
	r->from_makefile = c == 'c';
	r->repository = strdup("/src/linux.git");
	return r;
}

/* Three releases: x86_64 adds, renumbers and unimplements; i386 appears at
 * the second.  Every event gets an attribution; with_sigs adds two
 * signature spans. */
static kabi_table *tabs[4];

static void build(kabi_model *m, int with_sigs)
{
	kabi_rel *r;
	size_t i;

	kabi_model_init(m, pool);
	m->repository = strdup("/src/linux.git");
	r = release(m, "v1.0", "1.0", 1000, 'a');
	source(r, x86, tabs[0], "arch/x86/entry/syscalls/syscall_64.tbl", '1');
	r = release(m, "v1.1", "1.1", 2000, 'b');
	source(r, x86, tabs[1], "arch/x86/entry/syscalls/syscall_64.tbl", '2');
	source(r, i386, tabs[3], "arch/x86/entry/syscalls/syscall_32.tbl", '4');
	r = release(m, "v1.2-rc1", "1.2-rc1", 3000, 'c');
	source(r, x86, tabs[2], "arch/x86/entry/syscalls/syscall_64.tbl", '3');
	source(r, i386, tabs[3], "arch/x86/entry/syscalls/syscall_32.tbl", '4');
	kabi_model_sort(m);
	if (kabi_spans_build(m) < 0 || kabi_events_derive(m) < 0)
		abort();
	for (i = 0; i < m->nevents; i++) {
		kabi_event *e = &m->events[i];

		memset(e->commit, 'd' + (int)(i % 3), 40);
		e->commit[40] = '\0';
		e->author = kabi_intern_str(pool, "A. U. Thor <a@example.org>");
		e->subject = kabi_intern_str(pool, i % 2 ? "x86: wire up it" : "renumber, with 'quotes'");
		e->commit_time = 1500 + (int64_t)i;
	}
	if (with_sigs) {
		m->rels[1].sig[x86].present = 1;
		m->rels[1].sig[x86].fingerprint = 0xfeedfacecafebeefULL;
		m->nsig_spans = 2;
		m->sig_spans = calloc(2, sizeof(*m->sig_spans));
		m->sig_disp = calloc(2, sizeof(*m->sig_disp));
		m->sig_spans[0] = (kabi_span){x86,
					      kabi_intern_str(pool, "read"),
					      kabi_intern_str(pool, "unsigned int,char *,size_t"),
					      kabi_intern_str(pool, ""),
					      0,
					      1,
					      0,
					      2,
					      NULL,
					      NULL};
		m->sig_disp[0] = (kabi_sigdisp){
			kabi_intern_str(
				pool,
				"SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)"),
			kabi_intern_str(pool, "fs/read_write.c"), 621};
		m->sig_spans[1] = (kabi_span){x86,
					      kabi_intern_str(pool, "open"),
					      kabi_intern_str(pool, "const char *,int,umode_t"),
					      kabi_intern_str(pool, ""),
					      0,
					      1,
					      1,
					      1,
					      NULL,
					      NULL};
		m->sig_disp[1] = (kabi_sigdisp){kabi_intern_str(pool, "SYSCALL_DEFINE3(open, ...)"),
						kabi_intern_str(pool, "fs/open.c"), 1337};
	}
}

static int span_cmp(const void *pa, const void *pb)
{
	const kabi_span *a = pa, *b = pb;
	int c = a->abi - b->abi;

	if (!c)
		c = strcmp(a->name, b->name);
	return c ? c : a->first - b->first;
}

static int same_span(const kabi_span *a, const kabi_span *b)
{
	return a->abi == b->abi && !strcmp(a->name, b->name) && !strcmp(a->entry, b->entry) &&
	       !strcmp(a->compat, b->compat) && a->nr == b->nr && a->implemented == b->implemented &&
	       a->first == b->first && a->last == b->last;
}

static const char *rel_name(const kabi_model *m, int ord)
{
	return ord < 0 ? NULL : m->rels[ord].name;
}

static int streq_or_null(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Every row of every table but the time of writing, in a fixed order. */
static char *dump(const char *path)
{
	static const char *const queries[] = {
		"SELECT key, value FROM meta WHERE key <> 'harvest_time' ORDER BY key",
		"SELECT * FROM release ORDER BY ord",
		"SELECT * FROM abi ORDER BY id",
		"SELECT * FROM abi_release ORDER BY abi_id, ord",
		"SELECT * FROM syscall ORDER BY id",
		"SELECT * FROM span ORDER BY abi_id, syscall_id, first_ord",
		"SELECT * FROM signature ORDER BY abi_id, syscall_id, first_ord",
		"SELECT * FROM event ORDER BY id",
	};
	sqlite3 *db;
	kabi_strbuf out = KABI_STRBUF_INIT;
	size_t q;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		abort();
	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		sqlite3_stmt *st;
		int c;

		if (sqlite3_prepare_v2(db, queries[q], -1, &st, NULL) != SQLITE_OK)
			abort();
		kabi_strbuf_printf(&out, "%s\n", queries[q]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);

				kabi_strbuf_printf(&out, "%s|", v ? (const char *)v : "NULL");
			}
			kabi_strbuf_puts(&out, "\n");
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return kabi_strbuf_detach(&out);
}

int main(void)
{
	char dir[] = "/tmp/kabi-test-catalog-XXXXXX", a[64], b[64];
	kabi_model m, l;
	size_t i, k;
	int found = -1, ok;

	if (kabi_intern_new(&pool) < 0)
		abort();
	x86 = kabi_abi_index("x86_64");
	i386 = kabi_abi_index("i386");
	tabs[0] = mk("0 read sys_read;1 write sys_write");
	tabs[1] = mk("0 read sys_read;1 write sys_write;2 open sys_open;3 uselib sys_uselib");
	tabs[2] = mk("0 read sys_read;1 write sys_write;5 open sys_open;3 uselib -");
	tabs[3] = mk("3 read sys_read;4 write sys_write");
	if (!mkdtemp(dir))
		abort();
	snprintf(a, sizeof(a), "%s/a.db", dir);
	snprintf(b, sizeof(b), "%s/b.db", dir);

	/* load(write(m)) gives back what was stored */
	build(&m, 1);
	OK(m.nevents >= 5, "the model has events to store (%zu)", m.nevents);
	EQ_INT(kabi_catalog_write(&m, a), 0);
	kabi_model_init(&l, pool);
	EQ_INT(kabi_catalog_load(&l, a, &found), 0);
	EQ_INT(found, 1);
	EQ_INT(l.nrels, m.nrels);
	for (i = 0; i < m.nrels && i < l.nrels; i++) {
		const kabi_rel *x = &m.rels[i], *y = &l.rels[i];

		OK(!strcmp(x->name, y->name) && !strcmp(x->ref, y->ref) && !strcmp(x->commit, y->commit) &&
			   x->time == y->time && x->from_makefile == y->from_makefile &&
			   !strcmp(x->repository, y->repository) &&
			   kabi_version_cmp(&x->version, &y->version) == 0,
		   "release %zu (%s) comes back whole", i, x->name);
		EQ_INT(y->old_ord, (int)i);
		for (k = 0; k < m.nabi; k++) {
			const kabi_abi_src *s = &x->abi[k], *t = &y->abi[k];

			if (s->present != t->present ||
			    (s->present &&
			     (strcmp(s->path, t->path) || strcmp(s->blob, t->blob) || s->rows != t->rows ||
			      s->implemented != t->implemented || s->fingerprint != t->fingerprint)) ||
			    x->sig[k].present != y->sig[k].present ||
			    (x->sig[k].present && x->sig[k].fingerprint != y->sig[k].fingerprint))
				OK(0, "release %s, ABI %zu: the source comes back whole", x->name, k);
		}
	}
	OK(m.rels[1].sig[x86].present && l.rels[1].sig[x86].fingerprint == 0xfeedfacecafebeefULL,
	   "a 64-bit signature fingerprint survives (no sign or width loss)");

	EQ_INT(l.nold_spans, m.nspans);
	qsort(m.spans, m.nspans, sizeof(*m.spans), span_cmp);
	qsort(l.old_spans, l.nold_spans, sizeof(*l.old_spans), span_cmp);
	for (ok = 1, i = 0; i < m.nspans && i < l.nold_spans; i++)
		ok &= same_span(&m.spans[i], &l.old_spans[i]);
	OK(ok, "every span comes back as it was");

	EQ_INT(l.nold_sig_spans, 2);
	for (ok = 1, i = 0; i < l.nold_sig_spans; i++) {
		for (k = 0; k < m.nsig_spans; k++)
			if (!strcmp(m.sig_spans[k].name, l.old_sig_spans[i].name))
				break;
		ok &= k < m.nsig_spans && !strcmp(m.sig_spans[k].entry, l.old_sig_spans[i].entry) &&
		      m.sig_spans[k].first == l.old_sig_spans[i].first &&
		      m.sig_spans[k].last == l.old_sig_spans[i].last &&
		      !strcmp(m.sig_disp[k].text, l.old_sig_disp[i].text) &&
		      !strcmp(m.sig_disp[k].file, l.old_sig_disp[i].file) &&
		      m.sig_disp[k].line == l.old_sig_disp[i].line;
	}
	OK(ok, "signature spans come back with how and where they were written");

	EQ_INT(l.nold_attrs, m.nevents);
	for (ok = 1, i = 0; i < m.nevents; i++) {
		const kabi_event *e = &m.events[i];

		for (k = 0; k < l.nold_attrs; k++) {
			const kabi_attr *t = &l.old_attrs[k];

			if (t->abi == e->abi && !strcmp(t->name, e->name) && t->kind == e->kind &&
			    !strcmp(t->rel, rel_name(&m, e->ord)) &&
			    streq_or_null(t->prev, rel_name(&m, e->prev_ord)))
				break;
		}
		ok &= k < l.nold_attrs && !strcmp(l.old_attrs[k].commit, e->commit) &&
		      !strcmp(l.old_attrs[k].author, e->author) &&
		      !strcmp(l.old_attrs[k].subject, e->subject) &&
		      l.old_attrs[k].commit_time == e->commit_time;
	}
	OK(ok, "every event's attribution comes back under its key");
	kabi_model_free(&l);
	kabi_model_free(&m);

	/* write(rebuild(load(A))) == A, as an incremental harvest with no new
	 * release writes it (signature spans are the harvest's: not here) */
	build(&m, 0);
	EQ_INT(kabi_catalog_write(&m, a), 0);
	kabi_model_init(&l, pool);
	EQ_INT(kabi_catalog_load(&l, a, &found), 0);
	EQ_INT(l.nrels, 3);
	l.repository = strdup("/src/linux.git");
	kabi_model_sort(&l);
	EQ_INT(kabi_spans_build(&l), 0);
	EQ_INT(kabi_events_derive(&l), 0);
	kabi_events_restore_attribution(&l);
	EQ_INT(kabi_catalog_write(&l, b), 0);
	{
		char *da = dump(a), *db = dump(b);

		OK(strstr(da, "renumbered") && strstr(da, "wire up it"),
		   "the dump holds events and attributions");
		EQ_STR(db, da);
		free(da);
		free(db);
	}
	kabi_model_free(&l);
	kabi_model_free(&m);

	/* the test can fail: a changed model gives another file */
	build(&m, 0);
	m.rels[2].time = 3001;
	EQ_INT(kabi_catalog_write(&m, b), 0);
	{
		char *da = dump(a), *db = dump(b);

		OK(strcmp(da, db) != 0, "a different commit time shows in the dump");
		free(da);
		free(db);
	}
	kabi_model_free(&m);

	unlink(a);
	unlink(b);
	rmdir(dir);
	for (i = 0; i < 4; i++) {
		kabi_table_free(tabs[i]);
		free(tabs[i]);
	}
	kabi_intern_free(pool);
	return tap_done();
}
