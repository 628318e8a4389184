/*
 * site_matrix.c - matrix.html: every syscall against every ABI of the
 * catalog, each cell what `kabi matrix` prints for it over all releases
 * (kabi_matrix_cell(), matrix.h: the rule in one place).
 */
#include <stdlib.h>

#include "error.h"
#include "matrix.h"
#include "site_int.h"

int site_write_matrix_page(site_ctx *c)
{
	xmlDocPtr doc;
	xmlNodePtr m = site_page(&doc, "Availability matrix", ""), p, tb, tr;
	kabi_strbuf sb = KABI_STRBUF_INIT, cell = KABI_STRBUF_INIT;
	unsigned char *on = kabi_calloc((size_t)c->nrel + 1, 1);
	int *cols = kabi_calloc((size_t)c->nabi + 1, sizeof(*cols));
	const char **heads = kabi_calloc((size_t)c->nabi + 1, sizeof(*heads));
	int i, k, ncols = 0, rc = 0;

	for (k = 0; k < c->nabi; k++)
		if (c->abi[k].first_ord >= 0 && kabi_site_safe_name(c->abi[k].name))
			cols[ncols++] = k;
	p = site_el(m, "p", NULL);
	kabi_strbuf_printf(
		&sb,
		"The first release of the catalog (%s to %s) at which each syscall is in each ABI's "
		"table and implemented. \"<=v6.12\": the first release the catalog has with it, "
		"which may not be the one that brought it (the catalog lacks the release before, "
		"or it is the ABI's first table); \"until\": no longer available from that release "
		"on; \"never\": in no release of the catalog.",
		c->nrel ? c->rel[0].name : "-", c->nrel ? c->rel[c->nrel - 1].name : "-");
	xmlNodeAddContent(p, BAD_CAST sb.buf);
	kabi_strbuf_reset(&sb);
	heads[0] = "syscall";
	for (k = 0; k < ncols; k++)
		heads[k + 1] = c->abi[cols[k]].name;
	tb = site_table(m, heads, (size_t)ncols + 1);
	site_attr(tb, "id", "matrix");
	for (i = 0; i < c->nnames && rc == 0; i++) {
		tr = site_el(tb, "tr", NULL);
		kabi_strbuf_printf(&sb, "syscall/%s.html", c->names[i]);
		site_link(site_el(tr, "th", NULL), sb.buf, c->names[i]);
		kabi_strbuf_reset(&sb);
		for (k = 0; k < ncols && rc == 0; k++) {
			const site_abi *a = &c->abi[cols[k]];

			if ((rc = kabi_catalog_implemented_releases(on, (size_t)c->nrel, c->cat, c->ids[i],
								    cols[k])) < 0 ||
			    (rc = kabi_matrix_cell(&cell, c->cat, cols[k], on, a->tables, 0, c->nrel - 1)) <
				    0)
				break;
			site_elc(tr, "td",
				 cell.buf[0] == 'n'   ? "no"
				 : cell.buf[0] == '<' ? "bound"
						      : NULL,
				 cell.buf);
		}
	}
	if (rc == 0)
		rc = site_page_save(c, doc, "matrix.html");
	else
		xmlFreeDoc(doc);
	kabi_strbuf_free(&sb);
	kabi_strbuf_free(&cell);
	free(on);
	free(cols);
	free(heads);
	return rc;
}
