/*
 * site_data.c - the data the site's script reads, as JavaScript files
 * (a page opened from file:// may load scripts but not fetch JSON):
 *
 *   data/releases.js   KABI.releases = [[name, date], ...]        by ord
 *   data/abi-ABI.js    KABI.abi = {name, base, tables: [ord...],
 *                        spans: [[name, nr, entry, compat, implemented (1, 0, null: unknown),
 *                                 first_ord, last_ord, config (null: none)], ...]}
 *   data/search.js     KABI.search = [[name, [[abi, nr, slot], ...]], ...]
 *                      every number a syscall ever had on each ABI
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
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

/* One number a syscall had on an ABI, for the search index. */
typedef struct {
	const char *name; /* borrowed from the spans */
	int abi;
	int64_t nr;
} search_hit;

static int hit_cmp(const void *a, const void *b)
{
	const search_hit *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d)
		return d;
	if (x->abi != y->abi)
		return x->abi < y->abi ? -1 : 1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static void abi_js(site_ctx *c, kabi_strbuf *sb, int i, const kabi_cat_spans *spans)
{
	const site_abi *a = &c->abi[i];
	size_t k;
	int ord, n = 0;

	kabi_strbuf_puts(sb, prologue);
	kabi_strbuf_puts(sb, "KABI.abi = {\"name\": ");
	site_js_str(sb, a->name);
	kabi_strbuf_printf(sb, ", \"base\": %lld, \"tables\": [", (long long)a->base);
	for (ord = 0; ord < c->nrel; ord++)
		if (a->tables[ord])
			kabi_strbuf_printf(sb, "%s%d", n++ ? "," : "", ord);
	kabi_strbuf_puts(sb, "],\n\"spans\": [");
	for (k = 0; k < spans->n; k++) {
		const kabi_cat_span *sp = &spans->v[k];

		kabi_strbuf_puts(sb, k ? ",\n[" : "\n[");
		site_js_str(sb, sp->name);
		kabi_strbuf_printf(sb, ",%lld,", (long long)sp->nr);
		site_js_str(sb, sp->entry);
		kabi_strbuf_putc(sb, ',');
		site_js_str(sb, sp->compat_entry);
		/* implemented: 1, 0, or null where unknown */
		if (sp->implemented == KABI_IMPL_UNKNOWN)
			kabi_strbuf_printf(sb, ",null,%d,%d,", sp->first_ord, sp->last_ord);
		else
			kabi_strbuf_printf(sb, ",%d,%d,%d,", sp->implemented == KABI_IMPL_YES, sp->first_ord,
					   sp->last_ord);
		/* the Kconfig condition it is built under (span_config), or null */
		if (sp->config)
			site_js_str(sb, sp->config);
		else
			kabi_strbuf_puts(sb, "null");
		kabi_strbuf_putc(sb, ']');
	}
	kabi_strbuf_puts(sb, "]};\n");
}

/* data/abi-ABI.js for every ABI with a table and a safe name, and
 * data/search.js from the same spans: every (name, ABI, number), by name,
 * ABI and number, for the names that have a page. */
static int write_abis_and_search(site_ctx *c)
{
	kabi_strbuf sb = KABI_STRBUF_INIT, path = KABI_STRBUF_INIT;
	kabi_cat_spans **spans = kabi_calloc((size_t)c->nabi + 1, sizeof(*spans));
	search_hit *hits = NULL;
	size_t nhits = 0, alloc = 0, k;
	int i, rc = 0, n = 0;

	for (i = 0; i < c->nabi && rc == 0; i++) {
		const site_abi *a = &c->abi[i];

		if ((rc = kabi_catalog_abi_spans(&spans[i], c->cat, i)) < 0)
			break;
		for (k = 0; k < spans[i]->n; k++) {
			const kabi_cat_span *sp = &spans[i]->v[k];

			if (!site_has_page(sp->name))
				continue;
			KABI_ARRAY_GROW(hits, nhits + 1, alloc);
			hits[nhits].name = sp->name;
			hits[nhits].abi = i;
			hits[nhits++].nr = sp->nr;
		}
		if (a->first_ord < 0 || !kabi_site_safe_name(a->name))
			continue;
		kabi_strbuf_reset(&sb);
		abi_js(c, &sb, i, spans[i]);
		kabi_strbuf_reset(&path);
		kabi_strbuf_printf(&path, "data/abi-%s.js", a->name);
		rc = site_save_buf(c, path.buf, &sb);
	}
	if (rc == 0) {
		if (nhits)
			qsort(hits, nhits, sizeof(*hits), hit_cmp);
		kabi_strbuf_reset(&sb);
		kabi_strbuf_puts(&sb, prologue);
		kabi_strbuf_puts(&sb, "KABI.search = [");
		for (k = 0; k < nhits; k++) {
			const search_hit *h = &hits[k];

			if (k && hit_cmp(h, &hits[k - 1]) == 0)
				continue; /* the same number in several spans */
			if (!k || strcmp(h->name, hits[k - 1].name) != 0) {
				if (k)
					kabi_strbuf_puts(&sb, "]]");
				kabi_strbuf_puts(&sb, n++ ? ",\n[" : "\n[");
				site_js_str(&sb, h->name);
				kabi_strbuf_puts(&sb, ",[");
			} else {
				kabi_strbuf_putc(&sb, ',');
			}
			kabi_strbuf_putc(&sb, '[');
			site_js_str(&sb, c->abi[h->abi].name);
			kabi_strbuf_printf(&sb, ",%lld,%lld]", (long long)h->nr,
					   (long long)(h->nr - c->abi[h->abi].base));
		}
		if (nhits)
			kabi_strbuf_puts(&sb, "]]");
		kabi_strbuf_puts(&sb, "];\n");
		rc = site_save_buf(c, "data/search.js", &sb);
	}
	for (i = 0; i < c->nabi; i++)
		kabi_cat_spans_free(spans[i]);
	free(spans);
	free(hits);
	kabi_strbuf_free(&sb);
	kabi_strbuf_free(&path);
	return rc;
}

int site_write_data(site_ctx *c)
{
	int rc = write_releases(c);

	if (rc == 0)
		rc = write_abis_and_search(c);
	return rc;
}
