/*
 * cli_abi_present.c - TEMPORARY: kabi_cli_abi_present(), the SQL version of
 * kabi_cli_has_table(), moved here out of cmd_table.c (which now reads
 * through db/read.h) because check_inputs.c and cmd_export.c still call it
 * until their own migration.  Delete this file, its SQLITE_TODO line and
 * the declaration in cli.h once they no longer do.
 */
#include "cli.h"

int kabi_cli_abi_present(sqlite3 *db, int abi, const char *abi_name, int ord, const char *rel)
{
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT (SELECT count(*) FROM abi_release WHERE abi_id = ?1 AND ord = ?2), "
		    "(SELECT r.name FROM abi_release ar JOIN release r ON r.ord = ar.ord WHERE ar.abi_id = ?1 "
		    " ORDER BY ar.ord LIMIT 1), "
		    "(SELECT r.name FROM abi_release ar JOIN release r ON r.ord = ar.ord WHERE ar.abi_id = ?1 "
		    " ORDER BY ar.ord DESC LIMIT 1)");
	int present = 0;

	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_int(st, 1, abi);
	sqlite3_bind_int(st, 2, ord);
	if (sqlite3_step(st) == SQLITE_ROW) {
		present = sqlite3_column_int(st, 0) > 0;
		if (!present && sqlite3_column_type(st, 1) != SQLITE_NULL)
			kabi_cli_error("ABI '%s' has no syscall table at %s (it has tables from %s to %s)", abi_name,
				       rel, sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
		else if (!present)
			kabi_cli_error("ABI '%s' has no syscall table in this catalog", abi_name);
	}
	sqlite3_finalize(st);
	return present ? 0 : KABI_EXIT_ERROR;
}
