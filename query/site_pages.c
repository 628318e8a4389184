/*
 * site_pages.c - the site's per-ABI, per-syscall and per-release pages,
 * one function per kind of page, from the catalog reader (db/read.h): an
 * ABI's table with its "added" rule, a syscall's history, a release's
 * events, each event in the reader's one wording.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "cli.h"
#include "site_int.h"

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

/* The commit of an event, or "-" when the catalog has none. */
static void commit_cell(xmlNodePtr td, const kabi_cat_event *e)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char date[16];

	if (!e->commit) {
		xmlNodeAddContent(td, BAD_CAST "-");
		return;
	}
	kabi_strbuf_printf(&sb, "%.12s", e->commit);
	site_elc(td, "code", "commit", sb.buf);
	kabi_strbuf_reset(&sb);
	site_date(date, e->commit_time);
	kabi_strbuf_printf(&sb, " %s (%s, %s)", e->commit_subject ? e->commit_subject : "",
			   e->commit_author ? e->commit_author : "", date);
	xmlNodeAddContent(td, BAD_CAST sb.buf);
	kabi_strbuf_free(&sb);
}

/* The kind and the detail cells of an event, in the reader's one wording
 * (kabi_cat_event_describe); viewer: the syscall whose page this is, or
 * NULL. */
static void event_cells(xmlNodePtr tr, const kabi_cat_event *e, const char *viewer)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	site_elc(tr, "td", "kind", kabi_event_kind_name(e->kind));
	kabi_cat_event_describe(&sb, e, viewer);
	site_el(tr, "td", kabi_strbuf_str(&sb));
	kabi_strbuf_free(&sb);
}

/* ---- ABI pages ---- */

/* The implemented cell: "yes", "no", "unknown", or "if CONFIG_X" for one
 * built only under Kconfig options (span_config). */
static const char *impl_text(kabi_strbuf *sb, int implemented, const char *config)
{
	if (implemented != KABI_IMPL_YES || !config)
		return kabi_cli_impl_word(implemented, KABI_OUT_TEXT);
	kabi_strbuf_reset(sb);
	kabi_strbuf_printf(sb, "if %s", config);
	return sb->buf;
}

static void insert_script(xmlNodePtr body_last_script, const char *src)
{
	xmlNodePtr s = xmlNewNode(NULL, BAD_CAST "script");

	xmlNewProp(s, BAD_CAST "src", BAD_CAST src);
	xmlAddPrevSibling(body_last_script, s);
}

int site_write_abi_pages(site_ctx *c)
{
	static const char *const cols[] = {"number", "name", "entry", "compat entry", "implemented", "since"};
	kabi_strbuf sb = KABI_STRBUF_INIT;
	kabi_strbuf impl = KABI_STRBUF_INIT;
	int i, rc = 0;

	for (i = 0; i < c->nabi && rc == 0; i++) {
		const site_abi *a = &c->abi[i];
		kabi_cat_table *t = NULL;
		xmlDocPtr doc;
		xmlNodePtr m, form, sel, tb, body, n;
		char num[64];
		size_t k;
		int ord;

		if (a->first_ord < 0 || !kabi_site_safe_name(a->name))
			continue;
		if ((rc = kabi_catalog_table(&t, c->cat, i, a->last_ord)) < 0)
			break;
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
			kabi_strbuf_printf(
				&sb,
				"Numbers are as user space passes them, the kernel's table slot plus %lld%s. ",
				(long long)a->base, a->base >= 0x10000 ? " (hex shown)" : "");
		kabi_strbuf_printf(&sb, "Tables from %s to %s.", rel_name(c, a->first_ord),
				   rel_name(c, a->last_ord));
		site_el(m, "p", sb.buf);
		kabi_strbuf_reset(&sb);

		form = site_elc(m, "form", "pick", NULL);
		site_attr(form, "action", "#");
		n = site_el(form, "label", "Release ");
		site_attr(n, "for", "rel");
		sel = site_el(form, "select", NULL);
		site_attr(sel, "id", "rel");
		for (ord = 0; ord < c->nrel; ord++) {
			if (!a->tables[ord])
				continue;
			n = site_el(sel, "option", rel_name(c, ord));
			snprintf(num, sizeof(num), "%d", ord);
			site_attr(n, "value", num);
			if (ord == a->last_ord)
				site_attr(n, "selected", "selected");
		}
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
		for (k = 0; k < t->n; k++) {
			const kabi_cat_row *r = &t->rows[k];
			xmlNodePtr tr = site_el(tb, "tr", NULL), td;

			if (r->implemented != KABI_IMPL_YES)
				site_attr(tr, "class", r->implemented == KABI_IMPL_NO ? "ni" : "unk");
			number(num, sizeof(num), a, r->nr);
			site_elc(tr, "td", "num", num);
			syscall_link(site_el(tr, "td", NULL), r->name, "../");
			site_el(tr, "td", r->entry);
			site_el(tr, "td", r->compat_entry);
			site_el(tr, "td", impl_text(&impl, r->implemented, r->config));
			/* "since": the reader's added rule (the release of the
			 * latest added or renamed event), dated or not */
			td = site_el(tr, "td", NULL);
			if (r->added_ord >= 0)
				rel_link(c, td, r->added_ord, "../");
		}
		kabi_cat_table_free(t);
		kabi_strbuf_printf(&sb, "abi/%s.html", a->name);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
	kabi_strbuf_free(&sb);
	kabi_strbuf_free(&impl);
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

/* The events table of one ABI on a syscall page: the syscall's own events
 * on that ABI (by release, then the catalog's order), not the renames that
 * took its name away (those are the new name's).  Returns how many. */
static int abi_events(const site_ctx *c, xmlNodePtr m, const kabi_cat_history *h, int abi, const char *viewer)
{
	static const char *const ev_cols[] = {"release", "change", "detail", "commit"};
	xmlNodePtr ev = site_table(m, ev_cols, sizeof(ev_cols) / sizeof(ev_cols[0])), tr;
	size_t k;
	int n = 0;

	for (k = 0; k < h->nevents; k++) {
		const kabi_cat_event *e = &h->events[k];

		if (e->abi != abi || e->syscall != h->syscall)
			continue;
		tr = site_el(ev, "tr", NULL);
		rel_link(c, site_el(tr, "td", NULL), e->ord, "../");
		event_cells(tr, e, viewer);
		commit_cell(site_el(tr, "td", NULL), e);
		n++;
	}
	return n;
}

int site_write_syscall_pages(site_ctx *c)
{
	static const char *const sum_cols[] = {"ABI", "number now", "first seen", "last seen", "changes"};
	static const char *const span_cols[] = {"number",      "entry", "compat entry",
						"implemented", "from",  "to"};
	kabi_strbuf sb = KABI_STRBUF_INIT, impl = KABI_STRBUF_INIT;
	int i, rc = 0;

	for (i = 0; i < c->nnames && rc == 0; i++) {
		kabi_cat_history *hist = NULL;
		xmlDocPtr doc;
		xmlNodePtr m, tb = NULL, lead, sum, h;
		int cur_abi = -1, newest = c->nrel - 1, nnow = 0, nabi = 0;
		int first = 0, last = 0, has_now = 0, nev;
		long long now_nr = 0;
		const site_abi *a = NULL;
		char num[96];
		size_t k;

		if ((rc = kabi_catalog_history(&hist, c->cat, c->ids[i], -1)) < 0)
			break;
		m = site_page(&doc, c->names[i], "../");
		lead = site_el(m, "p", NULL);
		site_attr(lead, "id", "now");
		sum = site_table(m, sum_cols, sizeof(sum_cols) / sizeof(sum_cols[0]));
		site_attr(sum, "id", "summary");
		site_el(m, "h2", "History per ABI");
		for (k = 0; k <= hist->nspans; k++) {
			const kabi_cat_span *sp = k < hist->nspans ? &hist->spans[k] : NULL;
			int abi = sp ? sp->abi : -1;
			xmlNodePtr tr;

			if (abi != cur_abi && cur_abi >= 0) {
				/* the events of the ABI just finished, and its summary */
				nev = abi_events(c, m, hist, cur_abi, c->names[i]);
				if (a)
					summary_row(c, sum, a, first, last, has_now, now_nr, nev);
			}
			if (!sp)
				break;
			if (abi != cur_abi) {
				cur_abi = abi;
				a = &c->abi[abi];
				nabi++;
				first = sp->first_ord;
				has_now = 0;
				h = site_elc(m, "h3", "abi", NULL);
				if (kabi_site_safe_name(a->name)) {
					kabi_strbuf_printf(&sb, "abi-%s", a->name);
					site_attr(h, "id", sb.buf);
					kabi_strbuf_reset(&sb);
					kabi_strbuf_printf(&sb, "../abi/%s.html", a->name);
					site_link(h, sb.buf, a->name);
					kabi_strbuf_reset(&sb);
				} else {
					xmlNodeAddContent(h, BAD_CAST a->name);
					a = NULL;
				}
				tb = site_table(m, span_cols, sizeof(span_cols) / sizeof(span_cols[0]));
			}
			last = sp->last_ord;
			tr = site_el(tb, "tr", NULL);
			if (sp->implemented != KABI_IMPL_YES)
				site_attr(tr, "class", sp->implemented == KABI_IMPL_NO ? "ni" : "unk");
			number(num, sizeof(num), a, sp->nr);
			site_elc(tr, "td", "num", num);
			site_el(tr, "td", sp->entry);
			site_el(tr, "td", sp->compat_entry);
			site_el(tr, "td", impl_text(&impl, sp->implemented, sp->config));
			rel_link(c, site_el(tr, "td", NULL), sp->first_ord, "../");
			if (last == newest) {
				site_el(tr, "td", "(newest)");
				has_now = 1;
				now_nr = sp->nr;
				nnow++;
			} else {
				site_el(tr, "td", rel_name(c, last));
			}
		}
		kabi_cat_history_free(hist);
		kabi_strbuf_printf(
			&sb,
			"On %d of %d ABIs at the newest release, %s; seen on %d ABIs in the catalog "
			"(%s to %s). Numbers are as user space passes them.",
			nnow, c->nabi_now, rel_name(c, newest), nabi, rel_name(c, 0), rel_name(c, newest));
		xmlNodeAddContent(lead, BAD_CAST sb.buf);
		kabi_strbuf_reset(&sb);
		kabi_strbuf_printf(&sb, "syscall/%s.html", c->names[i]);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
	kabi_strbuf_free(&sb);
	kabi_strbuf_free(&impl);
	return rc;
}

/* ---- diff pages: what changed in each release since the one before ---- */

/* A diff page lists a release's events by ABI, kind (by name), syscall
 * name, then the catalog's order (the reader gives ord, ABI, name, catalog
 * order; ev_ix keeps the sort stable). */
typedef struct {
	const kabi_cat_event *e;
	size_t ix;
} ev_ix;

static int ev_cmp(const void *a, const void *b)
{
	const ev_ix *x = a, *y = b;
	int d;

	if (x->e->abi != y->e->abi)
		return x->e->abi < y->e->abi ? -1 : 1;
	if ((d = strcmp(kabi_event_kind_name(x->e->kind), kabi_event_kind_name(y->e->kind))) != 0)
		return d;
	if ((d = strcmp(x->e->name, y->e->name)) != 0)
		return d;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

int site_write_diff_pages(site_ctx *c)
{
	static const char *const cols[] = {"ABI", "syscall", "change", "detail", "commit"};
	kabi_strbuf sb = KABI_STRBUF_INIT;
	ev_ix *order = NULL;
	size_t alloc = 0;
	int ord, rc = 0;

	for (ord = 1; ord < c->nrel && rc == 0; ord++) {
		kabi_cat_events *evs = NULL;
		xmlDocPtr doc;
		xmlNodePtr m, p, tb, tr;
		size_t k;
		int i;

		if (!kabi_site_safe_name(c->rel[ord].name))
			continue;
		if ((rc = kabi_catalog_events(&evs, c->cat, ord - 1, ord, -1)) < 0)
			break;
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
		for (i = 0; i < c->nabi; i++) {
			int now = c->abi[i].tables[ord], before = c->abi[i].tables[ord - 1];

			if (now == before)
				continue;
			kabi_strbuf_printf(&sb, "The %s table %s.", c->abi[i].name,
					   now ? "is read from this release on"
					       : "is gone from this release");
			site_elc(m, "p", "note", sb.buf);
			kabi_strbuf_reset(&sb);
		}
		tb = site_table(m, cols, sizeof(cols) / sizeof(cols[0]));
		KABI_ARRAY_GROW(order, evs->n, alloc);
		for (k = 0; k < evs->n; k++) {
			order[k].e = &evs->v[k];
			order[k].ix = k;
		}
		if (evs->n)
			qsort(order, evs->n, sizeof(*order), ev_cmp);
		for (k = 0; k < evs->n; k++) {
			const kabi_cat_event *e = order[k].e;
			const char *abi = c->abi[e->abi].name;

			tr = site_el(tb, "tr", NULL);
			site_attr(tr, "class", kabi_event_kind_name(e->kind));
			kabi_strbuf_printf(&sb, "../abi/%s.html", abi);
			if (kabi_site_safe_name(abi))
				site_link(site_el(tr, "td", NULL), sb.buf, abi);
			else
				site_el(tr, "td", abi);
			kabi_strbuf_reset(&sb);
			syscall_link(site_el(tr, "td", NULL), e->name, "../");
			event_cells(tr, e, NULL);
			commit_cell(site_el(tr, "td", NULL), e);
		}
		if (!evs->n)
			site_el(m, "p", "No syscall changed.");
		kabi_cat_events_free(evs);
		kabi_strbuf_printf(&sb, "diff/%s.html", c->rel[ord].name);
		rc = site_page_save(c, doc, sb.buf);
		kabi_strbuf_reset(&sb);
	}
	free(order);
	kabi_strbuf_free(&sb);
	return rc;
}
