/*
 * kabi table --abi A --at V - an ABI's syscall table at one release
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABI("the ABI (see 'kabi abis')"),
	KABI_OPT_AT("the release: v6.1, 6.1 (the newest 6.1.y) or 6.1.0"),
	{"signatures", 's', NULL, "add each entry point's argument list, with its file and line", KABI_O_SIGNATURES,
	 0, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_table = {
	"table", cmd_table, "the syscall table of an ABI at a release", "--abi ABI --at VERSION [--signatures]",
	"Prints the syscall table of ABI at release VERSION: the number as user space passes it, the entry "
	"points, whether it is implemented (a slot wired to sys_ni_syscall is present but not implemented), "
	"the release that added it (the first in the catalog when it was always there) and the release that "
	"removed it later, if any.  --signatures adds the argument list of each entry point as the ABI "
	"compiles it, with its file and line.",
	options, 0,
};

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

int cmd_table(int argc, char **argv)
{
	static const char *const cols[] = {"nr:int", "name", "entry", "compat_entry", "implemented:bool",
					   "added", "removed", "args", "file", "line:int"};
	kabi_cli_opts o;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	kabi_out *out = NULL;
	char *rel = NULL;
	int abi, ord, rc, ret = KABI_EXIT_ERROR, rows = 0, impl = 0;
	int i = kabi_cli_parse(&o, &kabi_cmd_table, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i < argc)
		return kabi_cli_usage(&kabi_cmd_table, "unexpected argument '%s'", argv[i]);
	if (!o.abi || !o.at)
		return kabi_cli_usage(&kabi_cmd_table, "--abi and --at are required");
	if (kabi_cli_open(&db, o.db))
		return KABI_EXIT_ERROR;
	if (kabi_cli_abi(db, o.abi, &abi) || kabi_cli_release(db, o.at, &ord, &rel) ||
	    kabi_cli_abi_present(db, abi, o.abi, ord, rel))
		goto out;
	st = kabi_cli_prepare(
		db, "SELECT sp.nr, s.name, sp.entry, sp.compat_entry, sp.implemented, "
		    "(SELECT coalesce(r.name, '') FROM event e JOIN release r ON r.ord = e.ord WHERE e.abi_id = sp.abi_id "
		    " AND e.syscall_id = sp.syscall_id AND e.kind IN ('added', 'renamed') AND e.ord <= ?2 "
		    " ORDER BY e.ord DESC LIMIT 1), "
		    "(SELECT r.name FROM event e JOIN release r ON r.ord = e.ord WHERE e.abi_id = sp.abi_id "
		    " AND e.syscall_id = sp.syscall_id AND e.kind = 'removed' AND e.ord > ?2 "
		    " ORDER BY e.ord LIMIT 1), g.text, g.file, g.line "
		    "FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
		    "LEFT JOIN signature g ON g.abi_id = sp.abi_id AND g.syscall_id = sp.syscall_id "
		    " AND g.first_ord <= ?2 AND g.last_ord >= ?2 "
		    "WHERE sp.abi_id = ?1 AND sp.first_ord <= ?2 AND sp.last_ord >= ?2 ORDER BY sp.nr, s.name");
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, abi);
	sqlite3_bind_int(st, 2, ord);
	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "table", cols, o.signatures ? 10 : 7);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[10];
		int c;

		for (c = 0; c < 10; c++)
			v[c] = (const char *)sqlite3_column_text(st, c);
		if (o.fmt == KABI_OUT_TEXT)
			v[4] = sqlite3_column_int(st, 4) ? "yes" : "no";
		rows++;
		impl += sqlite3_column_int(st, 4);
		kabi_out_row(out, v);
	}
	if (rc != SQLITE_DONE) {
		kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
		goto out;
	}
	kabi_out_footer(out, "%s at %s: %d syscalls, %d implemented, %d reserved or not implemented", o.abi, rel,
			rows, impl, rows - impl);
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_out_free(out);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(rel);
	return ret;
}
