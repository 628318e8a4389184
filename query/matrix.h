/*
 * matrix.h - what one cell of an availability matrix says (kabi matrix,
 * the site's matrix page): the rule in one place.
 */
#ifndef KABI_MATRIX_H
#define KABI_MATRIX_H

#include "read.h"
#include "strbuf.h"

/*
 * Into sb, what a syscall's availability on ABI abi over releases
 * from..to says, given on[ord] (1: implemented in the ABI's table at ord,
 * kabi_catalog_implemented_releases()) and tab[ord] (1: the ABI has a
 * table, kabi_catalog_table_releases()):
 *
 *   "v6.2"               available from v6.2, which the catalog dates
 *   "<=v6.12.118"        first seen there, but it may have come earlier:
 *                        the catalog lacks the release before, or it is the
 *                        ABI's first table in the range
 *   "v3.5 until v5.10"   no longer available from v5.10 on
 *   "never", "no table"  no release of the range has it / has a table
 *
 * 0, or a negative KABI_E* code (a catalog read) with kabi_error_last().
 */
int kabi_matrix_cell(kabi_strbuf *sb, kabi_catalog *c, int abi, const unsigned char *on,
		     const unsigned char *tab, int from, int to);

#endif
