/*
 * site_data.c - the data the site's script reads, as JavaScript files
 * (a page opened from file:// may load scripts but not fetch JSON):
 *
 *   data/releases.js   KABI.releases = [[name, date], ...]        by ord
 *   data/abi-ABI.js    KABI.abi = {name, base, tables: [ord...],
 *                        spans: [[name, nr, entry, compat, implemented,
 *                                 first_ord, last_ord], ...]}
 *   data/search.js     KABI.search = [[name, [[abi, nr, slot], ...]], ...]
 *                      every number a syscall ever had on each ABI
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "site_int.h"

static const char prologue[] = "window.KABI = window.KABI || {};\n";

static int write_releases(site_ctx *c)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char date[16];
	int i, rc;

	kabi_strbuf_puts(&sb, prologue);
	kabi_strbuf_puts(&sb, "KABI.releases = [");
	for (i = 0; i < c->nrel; i++) {
		kabi_strbuf_puts(&sb, i ? ",\n" : "\n");
		if (!c->rel[i].name) {
			kabi_strbuf_puts(&sb, "null");
			continue;
		}
		site_date(date, c->rel[i].time);
		kabi_strbuf_putc(&sb, '[');
		site_js_str(&sb, c->rel[i].name);
		kabi_strbuf_putc(&sb, ',');
		site_js_str(&sb, date);
		kabi_strbuf_putc(&sb, ']');
	}
	kabi_strbuf_puts(&sb, "];\n");
	rc = site_save_buf(c, "data/releases.js", &sb);
	kabi_strbuf_free(&sb);
	return rc;
}

static int write_abis(site_ctx *c)
{
	sqlite3_stmt *tables = NULL, *spans = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT, path = KABI_STRBUF_INIT;
	int i, n, rc = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT ord FROM abi_release WHERE abi_id = ?1 ORDER BY ord", -1, &tables,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db,
			       "SELECT s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, sp.first_ord, sp.last_ord "
			       "FROM span sp JOIN syscall s ON s.id = sp.syscall_id WHERE sp.abi_id = ?1 "
			       "ORDER BY sp.first_ord, sp.nr",
			       -1, &spans, NULL) != SQLITE_OK) {
		rc = kabi_error_set(KABI_EIO, "cannot read the catalog: %s", sqlite3_errmsg(c->db));
		goto out;
	}
	for (i = 0; i < c->nabi && rc == 0; i++) {
		const site_abi *a = &c->abi[i];

		if (a->first_ord < 0 || !kabi_site_safe_name(a->name))
			continue;
		kabi_strbuf_reset(&sb);
		kabi_strbuf_puts(&sb, prologue);
		kabi_strbuf_puts(&sb, "KABI.abi = {\"name\": ");
		site_js_str(&sb, a->name);
		kabi_strbuf_printf(&sb, ", \"base\": %lld, \"tables\": [", (long long)a->base);
		sqlite3_bind_int(tables, 1, a->id);
		for (n = 0; sqlite3_step(tables) == SQLITE_ROW; n++)
			kabi_strbuf_printf(&sb, "%s%d", n ? "," : "", sqlite3_column_int(tables, 0));
		sqlite3_reset(tables);
		kabi_strbuf_puts(&sb, "],\n\"spans\": [");
		sqlite3_bind_int(spans, 1, a->id);
		for (n = 0; sqlite3_step(spans) == SQLITE_ROW; n++) {
			kabi_strbuf_puts(&sb, n ? ",\n[" : "\n[");
			site_js_str(&sb, (const char *)sqlite3_column_text(spans, 0));
			kabi_strbuf_printf(&sb, ",%lld,", (long long)sqlite3_column_int64(spans, 1));
			site_js_str(&sb, (const char *)sqlite3_column_text(spans, 2));
			kabi_strbuf_putc(&sb, ',');
			site_js_str(&sb, (const char *)sqlite3_column_text(spans, 3));
			kabi_strbuf_printf(&sb, ",%d,%d,%d]", sqlite3_column_int(spans, 4), sqlite3_column_int(spans, 5),
					   sqlite3_column_int(spans, 6));
		}
		sqlite3_reset(spans);
		kabi_strbuf_puts(&sb, "]};\n");
		kabi_strbuf_reset(&path);
		kabi_strbuf_printf(&path, "data/abi-%s.js", a->name);
		rc = site_save_buf(c, path.buf, &sb);
	}
out:
	sqlite3_finalize(tables);
	sqlite3_finalize(spans);
	kabi_strbuf_free(&sb);
	kabi_strbuf_free(&path);
	return rc;
}

static int write_search(site_ctx *c)
{
	sqlite3_stmt *st = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char *last = NULL;
	int rc, n = 0, open = 0;

	if (sqlite3_prepare_v2(c->db,
			       "SELECT s.name, a.name, sp.nr, sp.nr - a.base FROM span sp "
			       "JOIN syscall s ON s.id = sp.syscall_id JOIN abi a ON a.id = sp.abi_id "
			       "GROUP BY s.id, a.id, sp.nr ORDER BY s.name, a.id, sp.nr",
			       -1, &st, NULL) != SQLITE_OK)
		return kabi_error_set(KABI_EIO, "cannot read the catalog: %s", sqlite3_errmsg(c->db));
	kabi_strbuf_puts(&sb, prologue);
	kabi_strbuf_puts(&sb, "KABI.search = [");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (!site_has_page(name))
			continue;
		if (!last || strcmp(last, name) != 0) {
			if (open)
				kabi_strbuf_puts(&sb, "]]");
			kabi_strbuf_puts(&sb, n++ ? ",\n[" : "\n[");
			site_js_str(&sb, name);
			kabi_strbuf_puts(&sb, ",[");
			free(last);
			last = kabi_strdup(name);
			open = 1;
		} else {
			kabi_strbuf_putc(&sb, ',');
		}
		kabi_strbuf_putc(&sb, '[');
		site_js_str(&sb, (const char *)sqlite3_column_text(st, 1));
		kabi_strbuf_printf(&sb, ",%lld,%lld]", (long long)sqlite3_column_int64(st, 2),
				   (long long)sqlite3_column_int64(st, 3));
	}
	sqlite3_finalize(st);
	free(last);
	if (open)
		kabi_strbuf_puts(&sb, "]]");
	kabi_strbuf_puts(&sb, "];\n");
	if (rc != SQLITE_DONE)
		rc = kabi_error_set(KABI_EIO, "cannot read the catalog: %s", sqlite3_errmsg(c->db));
	else
		rc = site_save_buf(c, "data/search.js", &sb);
	kabi_strbuf_free(&sb);
	return rc;
}

int site_write_data(site_ctx *c)
{
	int rc = write_releases(c);

	if (rc == 0)
		rc = write_abis(c);
	if (rc == 0)
		rc = write_search(c);
	return rc;
}
