/*
 * matrix.c - one cell of an availability matrix (matrix.h).
 */
#include "matrix.h"

/* Release ord of abi as a date: "<=" unless the catalog dates it, or
 * always when what came before it was not looked at (first_looked). */
static int date(kabi_strbuf *sb, kabi_catalog *c, int abi, int ord, int first_looked)
{
	const kabi_cat_release *rels;
	size_t n;
	int dated, rc;

	if ((rc = kabi_catalog_releases(&rels, &n, c)) < 0 ||
	    (rc = kabi_catalog_dated(&dated, c, abi, ord)) < 0)
		return rc;
	kabi_strbuf_printf(sb, "%s%s", dated && !first_looked ? "" : "<=", rels[ord].name);
	return 0;
}

int kabi_matrix_cell(kabi_strbuf *sb, kabi_catalog *c, int abi, const unsigned char *on,
		     const unsigned char *tab, int from, int to)
{
	int first = -1, last = -1, gone = -1, any_table = 0, ord, rc;

	for (ord = from; ord <= to; ord++) {
		any_table |= tab[ord];
		if (on[ord]) {
			if (first < 0)
				first = ord;
			last = ord;
		}
	}
	kabi_strbuf_reset(sb);
	if (!any_table) {
		kabi_strbuf_puts(sb, "no table");
		return 0;
	}
	if (first < 0) {
		kabi_strbuf_puts(sb, "never");
		return 0;
	}
	for (ord = last + 1; ord <= to && gone < 0; ord++)
		if (tab[ord])
			gone = ord;
	/* at the first table looked at, when it came is not known */
	for (ord = from; ord < first && !tab[ord]; ord++)
		;
	if ((rc = date(sb, c, abi, first, ord == first)) < 0)
		return rc;
	if (gone >= 0) {
		kabi_strbuf_puts(sb, " until ");
		if ((rc = date(sb, c, abi, gone, 0)) < 0)
			return rc;
	}
	return 0;
}
