/*
 * site_pages.c - the site's per-ABI, per-syscall and per-release pages.
 * Each kind of page is written by one function, with its statements
 * prepared once and stepped per page.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "site_int.h"

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

static int dberr(site_ctx *c)
{
	return kabi_error_set(KABI_EIO, "cannot read the catalog: %s", sqlite3_errmsg(c->db));
}

static const site_abi *abi_by_id(const site_ctx *c, int id)
{
	int i;

	for (i = 0; i < c->nabi; i++)
		if (c->abi[i].id == id)
			return &c->abi[i];
	return NULL;
}

static const char *rel_name(const site_ctx *c, int ord)
{
	return ord >= 0 && ord < c->nrel && c->rel[ord].name ? c->rel[ord].name : "?";
}

/* A link to the diff page of release ord (text: its name), or plain text
 * for the first release. */
static void rel_link(const site_ctx *c, xmlNodePtr parent, int ord, const char *root)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	if (ord > 0 && ord < c->nrel && kabi_site_safe_name(rel_name(c, ord))) {
		kabi_strbuf_printf(&sb, "%sdiff/%s.html", root, rel_name(c, ord));
		site_link(parent, sb.buf, rel_name(c, ord));
	} else {
		xmlNodeAddContent(parent, BAD_CAST rel_name(c, ord));
	}
	kabi_strbuf_free(&sb);
}

static void syscall_link(xmlNodePtr parent, const char *name, const char *root)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	if (site_has_page(name)) {
		kabi_strbuf_printf(&sb, "%ssyscall/%s.html", root, name);
		site_link(parent, sb.buf, name);
	} else {
		xmlNodeAddContent(parent, BAD_CAST name);
	}
	kabi_strbuf_free(&sb);
}

static void number(char *buf, size_t size, const site_abi *a, long long nr)
{
	if (a && a->base >= 0x10000)
		snprintf(buf, size, "%lld (0x%llx+%lld)", nr, (long long)a->base, nr - (long long)a->base);
	else if (a && a->base)
		snprintf(buf, size, "%lld (%lld+%lld)", nr, (long long)a->base, nr - (long long)a->base);
	else
		snprintf(buf, size, "%lld", nr);
}

/* What an event changed, in words: columns 0..4 of st are kind, old_nr,
 * new_nr, old_entry, new_entry, old_name. */
static void event_detail(kabi_strbuf *sb, sqlite3_stmt *st, int col)
{
	const char *kind = text(st, col);

	if (strcmp(kind, "renumbered") == 0)
		kabi_strbuf_printf(sb, "number %s -> %s", text(st, col + 1), text(st, col + 2));
	else if (strcmp(kind, "entry_changed") == 0)
		kabi_strbuf_printf(sb, "entry %s -> %s", *text(st, col + 3) ? text(st, col + 3) : "(none)",
				   *text(st, col + 4) ? text(st, col + 4) : "(none)");
	else if (strcmp(kind, "renamed") == 0)
		kabi_strbuf_printf(sb, "was %s, number %s", text(st, col + 5), text(st, col + 2));
	else if (strcmp(kind, "added") == 0)
		kabi_strbuf_printf(sb, "number %s", text(st, col + 2));
	else if (strcmp(kind, "removed") == 0)
		kabi_strbuf_printf(sb, "was number %s", text(st, col + 1));
	else if (sqlite3_column_type(st, col + 2) != SQLITE_NULL)
		kabi_strbuf_printf(sb, "number %s", text(st, col + 2));
}

/* The commit of an event (columns col..col+3: id, author, time, subject). */
static void commit_cell(xmlNodePtr td, sqlite3_stmt *st, int col)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char date[16];

	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		xmlNodeAddContent(td, BAD_CAST "-");
		return;
	}
	kabi_strbuf_printf(&sb, "%.12s", text(st, col));
	site_elc(td, "code", "commit", sb.buf);
	kabi_strbuf_reset(&sb);
	site_date(date, sqlite3_column_int64(st, col + 2));
	kabi_strbuf_printf(&sb, " %s (%s, %s)", text(st, col + 3), text(st, col + 1), date);
	xmlNodeAddContent(td, BAD_CAST sb.buf);
	kabi_strbuf_free(&sb);
}

/* ---- ABI pages ---- */

static void insert_script(xmlNodePtr body_last_script, const char *src)
{
	xmlNodePtr s = xmlNewNode(NULL, BAD_CAST "script");

	xmlNewProp(s, BAD_CAST "src", BAD_CAST src);
	xmlAddPrevSibling(body_last_script, s);
}

int site_write_abi_pages(site_ctx *c)
{
	static const char *const cols[] = {"number", "name", "entry", "compat entry", "implemented", "since"};
	sqlite3_stmt *tables = NULL, *rows = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int i, rc = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT ord FROM abi_release WHERE abi_id = ?1 ORDER BY ord", -1, &tables,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db,
			       "SELECT s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, "
			       "(SELECT max(e.ord) FROM event e WHERE e.abi_id = sp.abi_id AND e.syscall_id = sp.syscall_id "
			       " AND e.kind IN ('added', 'renamed') AND e.ord <= ?2) "
			       "FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
			       "WHERE sp.abi_id = ?1 AND sp.first_ord <= ?2 AND sp.last_ord >= ?2 ORDER BY sp.nr, s.name",
			       -1, &rows, NULL) != SQLITE_OK) {
		rc = dberr(c);
		goto out;
	}
	for (i = 0; i < c->nabi && rc == 0; i++) {
		const site_abi *a = &c->abi[i];
		xmlDocPtr doc;
		xmlNodePtr m, form, sel, tb, body, n;
		char num[64];

		if (a->first_ord < 0 || !kabi_site_safe_name(a->name))
			continue;
		kabi_strbuf_printf(&sb, "%s syscall table", a->name);
		m = site_page(&doc, sb.buf, "../");
		kabi_strbuf_reset(&sb);
		body = xmlDocGetRootElement(doc)->last;
		site_attr(body, "data-abi", a->name);
		kabi_strbuf_printf(&sb, "../data/abi-%s.js", a->name);
		insert_script(body->last, sb.buf);
		kabi_strbuf_reset(&sb);
		insert_script(body->last->prev, "../data/releases.js");

		kabi_strbuf_printf(&sb, "%s. ", a->desc);
		if (a->base)
			kabi_strbuf_printf(&sb, "Numbers are as user space passes them, the kernel's table slot plus %lld%s. ",
					   (long long)a->base, a->base >= 0x10000 ? " (hex shown)" : "");
		kabi_strbuf_printf(&sb, "Tables from %s to %s.", rel_name(c, a->first_ord), rel_name(c, a->last_ord));
		site_el(m, "p", sb.buf);
		kabi_strbuf_reset(&sb);

		form = site_elc(m, "form", "pick", NULL);
		site_attr(form, "action", "#");
		n = site_el(form, "label", "Release ");
		site_attr(n, "for", "rel");
		sel = site_el(form, "select", NULL);
		site_attr(sel, "id", "rel");
		sqlite3_bind_int(tables, 1, a->id);
		while (sqlite3_step(tables) == SQLITE_ROW) {
			int ord = sqlite3_column_int(tables, 0);

			n = site_el(sel, "option", rel_name(c, ord));
			snprintf(num, sizeof(num), "%d", ord);
			site_attr(n, "value", num);
			if (ord == a->last_ord)
				site_attr(n, "selected", "selected");
		}
		sqlite3_reset(tables);
		xmlNodeAddContent(form, BAD_CAST " ");
		n = site_el(form, "input", NULL);
		site_attr(n, "type", "checkbox");
		site_attr(n, "id", "only");
		n = site_el(form, "label", " only what changed");
		site_attr(n, "for", "only");
		n = site_elc(m, "p", "legend", NULL);
		site_attr(n, "id", "summary");
		xmlNodeAddContent(n, BAD_CAST "Markers: ");
		site_elc(n, "span", "mark added", "added");
		xmlNodeAddContent(n, BAD_CAST " since the release before, ");
		site_elc(n, "span", "mark changed", "changed");
		xmlNodeAddContent(n, BAD_CAST " (number or entry point), ");
		site_elc(n, "span", "mark removed", "removed");
		xmlNodeAddContent(n, BAD_CAST " (listed struck out), ");
		site_elc(n, "span", "ni", "not implemented");
		xmlNodeAddContent(n, BAD_CAST ".");
		n = site_el(m, "p", NULL);
		site_attr(n, "id", "count");

		/* The newest table, for readers without JavaScript; the script
		 * redraws it for the release chosen above. */
		tb = site_table(m, cols, sizeof(cols) / sizeof(cols[0]));
		site_attr(tb, "id", "rows");
		sqlite3_bind_int(rows, 1, a->id);
		sqlite3_bind_int(rows, 2, a->last_ord);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			xmlNodePtr tr = site_el(tb, "tr", NULL), td;

			if (!sqlite3_column_int(rows, 4))
				site_attr(tr, "class", "ni");
			number(num, sizeof(num), a, sqlite3_column_int64(rows, 1));
			site_elc(tr, "td", "num", num);
			syscall_link(site_el(tr, "td", NULL), text(rows, 0), "../");
			site_el(tr, "td", text(rows, 2));
			site_el(tr, "td", text(rows, 3));
			site_el(tr, "td", sqlite3_column_int(rows, 4) ? "yes" : "no");
			td = site_el(tr, "td", NULL);
			if (sqlite3_column_type(rows, 5) != SQLITE_NULL)
				rel_link(c, td, sqlite3_column_int(rows, 5), "../");
		}
		sqlite3_reset(rows);
		kabi_strbuf_printf(&sb, "abi/%s.html", a->name);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
out:
	sqlite3_finalize(tables);
	sqlite3_finalize(rows);
	kabi_strbuf_free(&sb);
	return rc;
}

/* ---- syscall pages ---- */

/* One line of the summary at the top of a syscall page. */
static void summary_row(const site_ctx *c, xmlNodePtr tb, const site_abi *a, int first, int last, int has_now,
			long long now_nr, int events)
{
	xmlNodePtr tr = site_el(tb, "tr", NULL);
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char num[96];

	kabi_strbuf_printf(&sb, "#abi-%s", a->name);
	site_link(site_el(tr, "td", NULL), sb.buf, a->name);
	if (has_now) {
		number(num, sizeof(num), a, now_nr);
		site_elc(tr, "td", "num", num);
	} else {
		site_elc(tr, "td", "num", "-");
	}
	rel_link(c, site_el(tr, "td", NULL), first, "../");
	site_el(tr, "td", has_now ? "(present)" : rel_name(c, last));
	snprintf(num, sizeof(num), "%d", events);
	site_elc(tr, "td", "num", num);
	kabi_strbuf_free(&sb);
}

int site_write_syscall_pages(site_ctx *c)
{
	static const char *const sum_cols[] = {"ABI", "number now", "first seen", "last seen", "changes"};
	static const char *const span_cols[] = {"number", "entry", "compat entry", "implemented", "from", "to"};
	static const char *const ev_cols[] = {"release", "change", "detail", "commit"};
	sqlite3_stmt *id = NULL, *spans = NULL, *events = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int i, rc = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT id FROM syscall WHERE name = ?1", -1, &id, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db,
			       "SELECT abi_id, nr, entry, compat_entry, implemented, first_ord, last_ord FROM span "
			       "WHERE abi_id IN (SELECT id FROM abi) AND syscall_id = ?1 ORDER BY abi_id, first_ord",
			       -1, &spans, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db,
			       "SELECT abi_id, ord, kind, old_nr, new_nr, old_entry, new_entry, old_name, "
			       "commit_id, commit_author, commit_time, commit_subject FROM event "
			       "WHERE syscall_id = ?1 AND abi_id = ?2 ORDER BY ord, id",
			       -1, &events, NULL) != SQLITE_OK) {
		rc = dberr(c);
		goto out;
	}
	for (i = 0; i < c->nnames && rc == 0; i++) {
		xmlDocPtr doc;
		xmlNodePtr m = site_page(&doc, c->names[i], "../"), tb = NULL, lead, sum, h;
		int sid = -1, cur_abi = -1, newest = c->nrel - 1, nnow = 0, nabi = 0;
		int first = 0, last = 0, has_now = 0, nev;
		long long now_nr = 0;
		const site_abi *a = NULL;
		char num[96];

		sqlite3_bind_text(id, 1, c->names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(id) == SQLITE_ROW)
			sid = sqlite3_column_int(id, 0);
		sqlite3_reset(id);
		lead = site_el(m, "p", NULL);
		site_attr(lead, "id", "now");
		sum = site_table(m, sum_cols, sizeof(sum_cols) / sizeof(sum_cols[0]));
		site_attr(sum, "id", "summary");
		site_el(m, "h2", "History per ABI");
		sqlite3_bind_int(spans, 1, sid);
		for (;;) {
			int r = sqlite3_step(spans), abi = r == SQLITE_ROW ? sqlite3_column_int(spans, 0) : -1;
			xmlNodePtr tr, ev;

			if (abi != cur_abi && cur_abi >= 0) {
				/* the events of the ABI just finished, and its summary */
				ev = site_table(m, ev_cols, sizeof(ev_cols) / sizeof(ev_cols[0]));
				sqlite3_bind_int(events, 1, sid);
				sqlite3_bind_int(events, 2, cur_abi);
				for (nev = 0; sqlite3_step(events) == SQLITE_ROW; nev++) {
					tr = site_el(ev, "tr", NULL);
					rel_link(c, site_el(tr, "td", NULL), sqlite3_column_int(events, 1), "../");
					site_elc(tr, "td", "kind", text(events, 2));
					event_detail(&sb, events, 2);
					site_el(tr, "td", kabi_strbuf_str(&sb));
					kabi_strbuf_reset(&sb);
					commit_cell(site_el(tr, "td", NULL), events, 8);
				}
				sqlite3_reset(events);
				if (a)
					summary_row(c, sum, a, first, last, has_now, now_nr, nev);
			}
			if (r != SQLITE_ROW)
				break;
			if (abi != cur_abi) {
				cur_abi = abi;
				a = abi_by_id(c, abi);
				nabi++;
				first = sqlite3_column_int(spans, 5);
				has_now = 0;
				h = site_elc(m, "h3", "abi", NULL);
				if (a && kabi_site_safe_name(a->name)) {
					kabi_strbuf_printf(&sb, "abi-%s", a->name);
					site_attr(h, "id", sb.buf);
					kabi_strbuf_reset(&sb);
					kabi_strbuf_printf(&sb, "../abi/%s.html", a->name);
					site_link(h, sb.buf, a->name);
					kabi_strbuf_reset(&sb);
				} else {
					xmlNodeAddContent(h, BAD_CAST(a ? a->name : "?"));
					a = NULL;
				}
				tb = site_table(m, span_cols, sizeof(span_cols) / sizeof(span_cols[0]));
			}
			last = sqlite3_column_int(spans, 6);
			tr = site_el(tb, "tr", NULL);
			if (!sqlite3_column_int(spans, 4))
				site_attr(tr, "class", "ni");
			number(num, sizeof(num), a, sqlite3_column_int64(spans, 1));
			site_elc(tr, "td", "num", num);
			site_el(tr, "td", text(spans, 2));
			site_el(tr, "td", text(spans, 3));
			site_el(tr, "td", sqlite3_column_int(spans, 4) ? "yes" : "no");
			rel_link(c, site_el(tr, "td", NULL), sqlite3_column_int(spans, 5), "../");
			if (last == newest) {
				site_el(tr, "td", "(newest)");
				has_now = 1;
				now_nr = sqlite3_column_int64(spans, 1);
				nnow++;
			} else {
				site_el(tr, "td", rel_name(c, last));
			}
		}
		sqlite3_reset(spans);
		kabi_strbuf_printf(&sb, "On %d of %d ABIs at the newest release, %s; seen on %d ABIs in the catalog "
				   "(%s to %s). Numbers are as user space passes them.",
				   nnow, c->nabi_now, rel_name(c, newest), nabi, rel_name(c, 0), rel_name(c, newest));
		xmlNodeAddContent(lead, BAD_CAST sb.buf);
		kabi_strbuf_reset(&sb);
		kabi_strbuf_printf(&sb, "syscall/%s.html", c->names[i]);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
out:
	sqlite3_finalize(id);
	sqlite3_finalize(spans);
	sqlite3_finalize(events);
	kabi_strbuf_free(&sb);
	return rc;
}

/* ---- diff pages: what changed in each release since the one before ---- */

int site_write_diff_pages(site_ctx *c)
{
	static const char *const cols[] = {"ABI", "syscall", "change", "detail", "commit"};
	sqlite3_stmt *ev = NULL, *tabs = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int ord, rc = 0;

	if (sqlite3_prepare_v2(c->db,
			       "SELECT a.name, s.name, e.kind, e.old_nr, e.new_nr, e.old_entry, e.new_entry, e.old_name, "
			       "e.commit_id, e.commit_author, e.commit_time, e.commit_subject "
			       "FROM event e JOIN abi a ON a.id = e.abi_id JOIN syscall s ON s.id = e.syscall_id "
			       "WHERE e.ord = ?1 ORDER BY a.id, e.kind, s.name",
			       -1, &ev, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db,
			       "SELECT a.name, (SELECT count(*) FROM abi_release x WHERE x.abi_id = a.id AND x.ord = ?1), "
			       "(SELECT count(*) FROM abi_release x WHERE x.abi_id = a.id AND x.ord = ?1 - 1) "
			       "FROM abi a ORDER BY a.id",
			       -1, &tabs, NULL) != SQLITE_OK) {
		rc = dberr(c);
		goto out;
	}
	for (ord = 1; ord < c->nrel && rc == 0; ord++) {
		xmlDocPtr doc;
		xmlNodePtr m, p, tb, tr;
		int n = 0;

		if (!c->rel[ord].name || !kabi_site_safe_name(c->rel[ord].name))
			continue;
		kabi_strbuf_printf(&sb, "Changes in %s", c->rel[ord].name);
		m = site_page(&doc, sb.buf, "../");
		kabi_strbuf_reset(&sb);
		p = site_elc(m, "p", "nav", NULL);
		xmlNodeAddContent(p, BAD_CAST "Since ");
		rel_link(c, p, ord - 1, "../");
		xmlNodeAddContent(p, BAD_CAST " (the release before in the catalog).");
		if (ord + 1 < c->nrel) {
			xmlNodeAddContent(p, BAD_CAST " Next: ");
			rel_link(c, p, ord + 1, "../");
		}
		sqlite3_bind_int(tabs, 1, ord);
		while (sqlite3_step(tabs) == SQLITE_ROW) {
			int now = sqlite3_column_int(tabs, 1), before = sqlite3_column_int(tabs, 2);

			if (now == before)
				continue;
			kabi_strbuf_printf(&sb, "The %s table %s.", text(tabs, 0),
					   now ? "is read from this release on" : "is gone from this release");
			site_elc(m, "p", "note", sb.buf);
			kabi_strbuf_reset(&sb);
		}
		sqlite3_reset(tabs);
		tb = site_table(m, cols, sizeof(cols) / sizeof(cols[0]));
		sqlite3_bind_int(ev, 1, ord);
		while (sqlite3_step(ev) == SQLITE_ROW) {
			tr = site_el(tb, "tr", NULL);
			site_attr(tr, "class", text(ev, 2));
			kabi_strbuf_printf(&sb, "../abi/%s.html", text(ev, 0));
			if (kabi_site_safe_name(text(ev, 0)))
				site_link(site_el(tr, "td", NULL), sb.buf, text(ev, 0));
			else
				site_el(tr, "td", text(ev, 0));
			kabi_strbuf_reset(&sb);
			syscall_link(site_el(tr, "td", NULL), text(ev, 1), "../");
			site_elc(tr, "td", "kind", text(ev, 2));
			event_detail(&sb, ev, 2);
			site_el(tr, "td", kabi_strbuf_str(&sb));
			kabi_strbuf_reset(&sb);
			commit_cell(site_el(tr, "td", NULL), ev, 8);
			n++;
		}
		sqlite3_reset(ev);
		if (!n)
			site_el(m, "p", "No syscall changed.");
		kabi_strbuf_printf(&sb, "diff/%s.html", c->rel[ord].name);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
out:
	sqlite3_finalize(ev);
	sqlite3_finalize(tabs);
	kabi_strbuf_free(&sb);
	return rc;
}
