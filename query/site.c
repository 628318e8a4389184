/*
 * site.c - the site's driver: loads what every page needs, writes the
 * index and the list of syscalls, and hands the rest to site_pages.c and
 * site_data.c.  Also the helpers over libxml2's HTML tree and the file
 * writer that never follows a link out of the directory.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "export.h"
#include "site_int.h"

int kabi_site_safe_name(const char *s)
{
	size_t n = 0;

	if (!s || !*s || *s == '.' || strstr(s, ".."))
		return 0;
	for (; s[n]; n++) {
		char ch = s[n];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '_' || ch == '.' || ch == '-' || ch == '+'))
			return 0;
	}
	return n <= 200;
}

int site_has_page(const char *name)
{
	return kabi_site_safe_name(name);
}

int kabi_site_write_file(const char *path, const void *buf, size_t len)
{
	const char *p = buf;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);

	if (fd < 0)
		return kabi_error_set(KABI_EIO, "cannot write '%s': %s", path, strerror(errno));
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;

			close(fd);
			return kabi_error_set(KABI_EIO, "cannot write '%s': %s", path, strerror(e));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0)
		return kabi_error_set(KABI_EIO, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

int kabi_site_mkdir(const char *dir, const char *sub)
{
	kabi_strbuf p = KABI_STRBUF_INIT;
	struct stat st;
	int rc = 0;

	kabi_strbuf_printf(&p, "%s/%s", dir, sub);
	if (mkdir(p.buf, 0755) != 0 && errno != EEXIST)
		rc = kabi_error_set(KABI_EIO, "cannot create '%s': %s", p.buf, strerror(errno));
	else if (lstat(p.buf, &st) != 0 || !S_ISDIR(st.st_mode))
		rc = kabi_error_set(KABI_EIO, "'%s' is not a directory", p.buf);
	kabi_strbuf_free(&p);
	return rc;
}

int site_save_buf(site_ctx *c, const char *relpath, const kabi_strbuf *sb)
{
	kabi_strbuf p = KABI_STRBUF_INIT;
	int rc;

	kabi_strbuf_printf(&p, "%s/%s", c->dir, relpath);
	rc = kabi_site_write_file(p.buf, sb->buf ? sb->buf : "", sb->len);
	kabi_strbuf_free(&p);
	if (rc == 0)
		c->stats->files++;
	return rc;
}

void site_date(char *buf, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, 11, "%Y-%m-%d", &tm))
		strcpy(buf, "?");
}

void site_js_str(kabi_strbuf *sb, const char *s)
{
	kabi_strbuf_putc(sb, '"');
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			kabi_strbuf_printf(sb, "\\%c", ch);
		else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&')
			kabi_strbuf_printf(sb, "\\u%04x", ch);
		else
			kabi_strbuf_putc(sb, (char)ch);
	}
	kabi_strbuf_putc(sb, '"');
}

/* ---- HTML helpers ---- */

xmlNodePtr site_el(xmlNodePtr parent, const char *tag, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST tag, text ? BAD_CAST text : NULL);
}

void site_attr(xmlNodePtr node, const char *name, const char *value)
{
	xmlNewProp(node, BAD_CAST name, BAD_CAST value);
}

xmlNodePtr site_elc(xmlNodePtr parent, const char *tag, const char *cls, const char *text)
{
	xmlNodePtr n = site_el(parent, tag, text);

	if (cls)
		site_attr(n, "class", cls);
	return n;
}

xmlNodePtr site_link(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr a = site_el(parent, "a", text);

	site_attr(a, "href", href);
	return a;
}

xmlNodePtr site_table(xmlNodePtr parent, const char *const *cols, size_t n)
{
	xmlNodePtr t = site_el(site_elc(parent, "div", "scroll", NULL), "table", NULL);
	xmlNodePtr tr = site_el(site_el(t, "thead", NULL), "tr", NULL);
	size_t i;

	for (i = 0; i < n; i++)
		site_el(tr, "th", cols[i]);
	return site_el(t, "tbody", NULL);
}

xmlNodePtr site_page(xmlDocPtr *doc, const char *title, const char *root)
{
	xmlDocPtr d = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html, head, body, top, form, n;
	kabi_strbuf sb = KABI_STRBUF_INIT;

	xmlCreateIntSubset(d, BAD_CAST "html", NULL, NULL);
	html = xmlNewDocNode(d, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(d, html);
	site_attr(html, "lang", "en");
	head = site_el(html, "head", NULL);
	n = site_el(head, "meta", NULL);
	site_attr(n, "charset", "utf-8");
	n = site_el(head, "meta", NULL);
	site_attr(n, "name", "viewport");
	site_attr(n, "content", "width=device-width, initial-scale=1");
	kabi_strbuf_printf(&sb, "%s - kabi", title);
	site_el(head, "title", sb.buf);
	kabi_strbuf_reset(&sb);
	n = site_el(head, "link", NULL);
	site_attr(n, "rel", "stylesheet");
	kabi_strbuf_printf(&sb, "%sstyle.css", root);
	site_attr(n, "href", sb.buf);
	kabi_strbuf_reset(&sb);

	body = site_el(html, "body", NULL);
	site_attr(body, "data-root", root);
	top = site_elc(body, "div", "top", NULL);
	kabi_strbuf_printf(&sb, "%sindex.html", root);
	site_attr(site_link(top, sb.buf, "kabi"), "class", "home");
	kabi_strbuf_reset(&sb);
	kabi_strbuf_printf(&sb, "%ssyscalls.html", root);
	site_link(top, sb.buf, "syscalls");
	kabi_strbuf_reset(&sb);
	form = site_elc(top, "form", "search", NULL);
	site_attr(form, "action", "#");
	site_attr(form, "id", "search");
	n = site_el(form, "label", "Find a syscall");
	site_attr(n, "for", "q");
	site_attr(n, "class", "hidden");
	n = site_el(form, "input", NULL);
	site_attr(n, "type", "search");
	site_attr(n, "id", "q");
	site_attr(n, "name", "q");
	site_attr(n, "placeholder", "syscall name or number");
	site_attr(n, "autocomplete", "off");
	n = site_el(top, "ul", NULL);
	site_attr(n, "id", "results");
	site_attr(n, "class", "results");

	n = site_elc(body, "div", "main", NULL);
	site_el(n, "h1", title);
	{
		xmlNodePtr s = site_el(body, "script", NULL);

		kabi_strbuf_printf(&sb, "%sdata/search.js", root);
		site_attr(s, "src", sb.buf);
		kabi_strbuf_reset(&sb);
		s = site_el(body, "script", NULL);
		kabi_strbuf_printf(&sb, "%skabi.js", root);
		site_attr(s, "src", sb.buf);
	}
	kabi_strbuf_free(&sb);
	*doc = d;
	return n;
}

static void report(site_ctx *c, kabi_progress_event event)
{
	c->prog.event = event;
	if (c->progress)
		c->progress(c->progress_ctx, &c->prog);
}

int site_page_save(site_ctx *c, xmlDocPtr doc, const char *relpath)
{
	xmlChar *buf = NULL;
	int len = 0, rc;
	kabi_strbuf p = KABI_STRBUF_INIT;

	htmlDocDumpMemoryFormat(doc, &buf, &len, 1);
	xmlFreeDoc(doc);
	if (!buf)
		return kabi_error_set(KABI_ENOMEM, "cannot serialise '%s'", relpath);
	kabi_strbuf_printf(&p, "%s/%s", c->dir, relpath);
	rc = kabi_site_write_file(p.buf, buf, (size_t)len);
	kabi_strbuf_free(&p);
	xmlFree(buf);
	if (rc == 0) {
		c->stats->pages++;
		c->stats->files++;
		c->prog.done++;
		report(c, KABI_PROGRESS_STEP);
	}
	return rc;
}

/* ---- loading ---- */

/* What every page needs, through the reader: releases, ABIs (with the
 * releases where each has a table) and the syscall names that get a page. */
static int load(site_ctx *c)
{
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	const kabi_cat_syscall *scs;
	size_t nrel, nabi, nsc, i;
	int rc;

	if ((rc = kabi_catalog_releases(&rels, &nrel, c->cat)) < 0 ||
	    (rc = kabi_catalog_abis(&abis, &nabi, c->cat)) < 0 ||
	    (rc = kabi_catalog_syscalls(&scs, &nsc, c->cat)) < 0)
		return rc;
	if (nrel > 1000000)
		return kabi_error_set(KABI_EINVALID, "%zu releases: more than a catalog can have", nrel);
	c->nrel = (int)nrel;
	c->rel = kabi_calloc(nrel + 1, sizeof(*c->rel));
	for (i = 0; i < nrel; i++) {
		c->rel[i].name = rels[i].name;
		c->rel[i].version = rels[i].version;
		c->rel[i].time = rels[i].commit_time;
		c->rel[i].events = rels[i].nevents;
	}
	c->abi = kabi_calloc(nabi + 1, sizeof(*c->abi));
	for (i = 0; i < nabi; i++) {
		site_abi *a = &c->abi[c->nabi++];

		a->name = abis[i].name;
		a->desc = abis[i].description ? abis[i].description : "";
		a->base = abis[i].base;
		a->first_ord = abis[i].first_ord;
		a->last_ord = abis[i].last_ord;
		a->rows_newest = a->last_ord >= 0 ? abis[i].last_rows : 0;
		a->tables = kabi_calloc(nrel + 1, 1);
		if (nrel && (rc = kabi_catalog_table_releases(a->tables, nrel, c->cat, (int)i)) < 0)
			return rc;
		c->nabi_now += a->last_ord >= 0 && a->last_ord == c->nrel - 1;
	}
	c->names = kabi_calloc(nsc + 1, sizeof(*c->names));
	c->ids = kabi_calloc(nsc + 1, sizeof(*c->ids));
	for (i = 0; i < nsc; i++) {
		if (!scs[i].has_spans)
			continue;
		if (!site_has_page(scs[i].name)) {
			c->stats->skipped++;
			continue;
		}
		c->names[c->nnames] = scs[i].name;
		c->ids[c->nnames++] = scs[i].id;
	}
	return 0;
}

static void unload(site_ctx *c)
{
	int i;

	for (i = 0; i < c->nabi; i++)
		free(c->abi[i].tables);
	free(c->rel);
	free(c->abi);
	free(c->names);
	free(c->ids);
}

/* ---- index and list of syscalls ---- */

static int write_index(site_ctx *c)
{
	static const char *const abi_cols[] = {"ABI", "base", "tables", "syscalls",
					       "exports (newest release)"};
	static const char *const rel_cols[] = {"release", "date", "changes"};
	xmlDocPtr doc;
	xmlNodePtr m = site_page(&doc, "Linux syscall ABI catalog", ""), tb, tr, td, p, ul;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int i, nabi = 0, newest = c->nrel - 1;
	size_t f;

	p = site_el(m, "p", NULL);
	for (i = 0; i < c->nabi; i++)
		nabi += c->abi[i].first_ord >= 0;
	kabi_strbuf_printf(&sb, "%d releases (%s to %s), %d ABIs, %d syscalls. ", c->nrel,
			   c->nrel ? c->rel[0].name : "-", c->nrel ? c->rel[newest].name : "-", nabi,
			   c->nnames);
	xmlNodeAddContent(p, BAD_CAST sb.buf);
	kabi_strbuf_reset(&sb);
	xmlNodeAddContent(p, BAD_CAST "Find a syscall by name or number with the search box, or browse ");
	site_link(p, "syscalls.html", "every syscall");
	xmlNodeAddContent(p, BAD_CAST ", or see when each became available on each ABI in the ");
	site_link(p, "matrix.html", "availability matrix");
	xmlNodeAddContent(p, BAD_CAST ".");

	site_el(m, "h2", "Downloads");
	ul = site_el(m, "ul", NULL);
	site_link(site_el(ul, "li", NULL), "kabi.db", "kabi.db");
	xmlNodeAddContent(ul->last,
			  BAD_CAST ": the catalog (SQLite, read-only); open it with sqlite3 or kabi --db");
	site_link(site_el(ul, "li", NULL), "schema.md", "schema.md");
	xmlNodeAddContent(ul->last, BAD_CAST ": its tables, views and example queries");
	site_link(site_el(ul, "li", NULL), "export/seccomp-csv/syscalls.csv", "syscalls.csv");
	xmlNodeAddContent(ul->last,
			  BAD_CAST ": libseccomp's table for every ABI it knows, at the newest release");

	site_el(m, "h2", "ABIs");
	tb = site_table(m, abi_cols, sizeof(abi_cols) / sizeof(abi_cols[0]));
	for (i = 0; i < c->nabi; i++) {
		const site_abi *a = &c->abi[i];
		char num[64];

		if (a->first_ord < 0 || !kabi_site_safe_name(a->name))
			continue;
		tr = site_el(tb, "tr", NULL);
		kabi_strbuf_printf(&sb, "abi/%s.html", a->name);
		td = site_el(tr, "td", NULL);
		site_link(td, sb.buf, a->name);
		kabi_strbuf_reset(&sb);
		site_elc(td, "div", "desc", a->desc);
		snprintf(num, sizeof(num), a->base >= 0x10000 ? "0x%llx" : "%lld", (long long)a->base);
		site_elc(tr, "td", "num", num);
		td = site_el(tr, "td", NULL);
		site_elc(td, "span", "nowrap", c->rel[a->first_ord].name);
		xmlNodeAddContent(td, BAD_CAST " to ");
		site_elc(td, "span", "nowrap", c->rel[a->last_ord].name);
		kabi_strbuf_reset(&sb);
		snprintf(num, sizeof(num), "%d", a->rows_newest);
		site_elc(tr, "td", "num", num);
		td = site_el(tr, "td", NULL);
		if (a->last_ord == newest) {
			for (f = 0; f < kabi_export_nformats; f++) {
				if (!kabi_export_formats[f].needs_abi)
					continue;
				kabi_strbuf_printf(&sb, "export/%s/%s.%s", kabi_export_formats[f].name,
						   a->name, kabi_export_formats[f].ext);
				site_link(td, sb.buf, kabi_export_formats[f].name);
				xmlNodeAddContent(td, BAD_CAST " ");
				kabi_strbuf_reset(&sb);
			}
		}
	}

	site_el(m, "h2", "Releases");
	tb = site_table(m, rel_cols, sizeof(rel_cols) / sizeof(rel_cols[0]));
	for (i = c->nrel - 1; i >= 0; i--) {
		char date[16], num[48];

		if (!c->rel[i].name)
			continue;
		tr = site_el(tb, "tr", NULL);
		site_el(tr, "td", c->rel[i].name);
		site_date(date, c->rel[i].time);
		site_el(tr, "td", date);
		td = site_el(tr, "td", NULL);
		if (i > 0 && kabi_site_safe_name(c->rel[i].name)) {
			snprintf(num, sizeof(num), "%d change%s", c->rel[i].events,
				 c->rel[i].events == 1 ? "" : "s");
			kabi_strbuf_printf(&sb, "diff/%s.html", c->rel[i].name);
			site_link(td, sb.buf, num);
			kabi_strbuf_reset(&sb);
		} else {
			xmlNodeAddContent(td, BAD_CAST "first release in the catalog");
		}
	}
	kabi_strbuf_free(&sb);
	return site_page_save(c, doc, "index.html");
}

static int write_syscall_list(site_ctx *c)
{
	xmlDocPtr doc;
	xmlNodePtr m = site_page(&doc, "Every syscall", ""), ul;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int i;

	ul = site_elc(m, "ul", "names", NULL);
	for (i = 0; i < c->nnames; i++) {
		kabi_strbuf_printf(&sb, "syscall/%s.html", c->names[i]);
		site_link(site_el(ul, "li", NULL), sb.buf, c->names[i]);
		kabi_strbuf_reset(&sb);
	}
	kabi_strbuf_free(&sb);
	return site_page_save(c, doc, "syscalls.html");
}

static int write_assets(site_ctx *c)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int rc;

	kabi_strbuf_puts(&sb, kabi_site_css);
	rc = site_save_buf(c, "style.css", &sb);
	kabi_strbuf_reset(&sb);
	kabi_strbuf_puts(&sb, kabi_site_js);
	if (rc == 0)
		rc = site_save_buf(c, "kabi.js", &sb);
	kabi_strbuf_free(&sb);
	return rc;
}

/* The pages the writers below will save: the index, the list of
 * syscalls, and one per ABI with a table, per syscall and per release
 * after the first, each with a safe name (the writers' own tests). */
static size_t count_pages(const site_ctx *c)
{
	size_t n = 3; /* index, syscall list, matrix */
	int i;

	for (i = 0; i < c->nabi; i++)
		n += c->abi[i].first_ord >= 0 && kabi_site_safe_name(c->abi[i].name);
	n += (size_t)c->nnames;
	for (i = 1; i < c->nrel; i++)
		n += c->rel[i].name && kabi_site_safe_name(c->rel[i].name);
	return n;
}

int kabi_site_write(kabi_catalog *cat, const char *dir, kabi_site_stats *stats, kabi_progress_fn progress,
		    void *ctx)
{
	static const char *const subdirs[] = {"abi", "syscall", "diff", "data"};
	site_ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(stats, 0, sizeof(*stats));
	c.cat = cat;
	c.dir = dir;
	c.stats = stats;
	c.progress = progress;
	c.progress_ctx = ctx;
	c.prog.phase = "pages";
	c.prog.unit = "pages";
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++)
		if ((rc = kabi_site_mkdir(dir, subdirs[i])) != 0)
			return rc;
	rc = load(&c);
	if (rc == 0) {
		c.prog.total = count_pages(&c);
		report(&c, KABI_PROGRESS_START);
		rc = write_assets(&c);
	}
	if (rc == 0)
		rc = site_write_data(&c);
	if (rc == 0)
		rc = write_index(&c);
	if (rc == 0)
		rc = write_syscall_list(&c);
	if (rc == 0)
		rc = site_write_abi_pages(&c);
	if (rc == 0)
		rc = site_write_syscall_pages(&c);
	if (rc == 0)
		rc = site_write_diff_pages(&c);
	if (rc == 0)
		rc = site_write_matrix_page(&c);
	if (rc == 0) {
		assert(c.prog.done == c.prog.total); /* count_pages() follows the writers */
		report(&c, KABI_PROGRESS_END);
	}
	unload(&c);
	return rc;
}
