/*
 * kabi versions - the releases in the catalog
 * kabi abis     - the ABIs in the catalog, with the releases they span
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"

static const kabi_opt options[] = {
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_versions = {
	"versions", cmd_versions, "the releases the catalog holds", "",
	"Lists the releases in the catalog in version order, with the commit each was read from and how many "
	"ABIs have a syscall table there.",
	options, 0,
};

const kabi_command kabi_cmd_abis = {
	"abis", cmd_abis, "the ABIs the catalog holds (x86_64, i386, arm64, mips-o32 ...)", "",
	"Lists the ABIs that have a table in at least one release: the first and last release with a table, "
	"and the table's size at the last one.  base is what user space adds to the table's numbers (mips "
	"4000, x32 0x40000000 ...).",
	options, 0,
};

/* Runs sql and prints its columns as a table named `name`. */
static int run_table(sqlite3 *db, kabi_out *out, const char *name, const char *sql,
		     const char *const *cols, size_t ncols)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, sql);

	if (!st)
		return KABI_EXIT_ERROR;
	kabi_out_table(out, name, cols, ncols);
	return kabi_cli_emit(out, db, st, (int)ncols, -1, 0);
}

/* A command that prints one query's rows: parses the common options,
 * opens the catalog, runs sql. */
static int simple_command(int argc, char **argv, const kabi_command *cmd, const char *name, const char *sql,
			  const char *const *cols, size_t ncols)
{
	kabi_cli_opts o;
	sqlite3 *db;
	kabi_out *out;
	int i = kabi_cli_parse(&o, cmd, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i < argc)
		return kabi_cli_usage(cmd, "unexpected argument '%s'", argv[i]);
	if (kabi_cli_open(&db, o.db))
		return KABI_EXIT_ERROR;
	out = kabi_out_new(o.fmt);
	i = run_table(db, out, name, sql, cols, ncols);
	if (i == 0)
		kabi_out_print(out, stdout);
	kabi_out_free(out);
	sqlite3_close(db);
	return i;
}

int cmd_versions(int argc, char **argv)
{
	static const char *const cols[] = {"name", "version", "line", "rc:int", "date", "commit", "abis:int",
					   "version_from"};

	return simple_command(argc, argv, &kabi_cmd_versions, "versions",
			      "SELECT r.name, r.version, r.line, r.rc, date(r.commit_time, 'unixepoch'), "
			      "substr(r.commit_id, 1, 12), (SELECT count(*) FROM abi_release ar WHERE ar.ord = r.ord), "
			      "r.version_source FROM release r ORDER BY r.ord",
			      cols, sizeof(cols) / sizeof(cols[0]));
}

int cmd_abis(int argc, char **argv)
{
	static const char *const cols[] = {"name", "arch", "bits:int", "base:int", "first", "last",
					   "syscalls:int", "implemented:int", "description"};

	return simple_command(argc, argv, &kabi_cmd_abis, "abis",
			      "SELECT a.name, a.arch, a.bits, a.base, f.name, l.name, lr.rows, lr.implemented, "
			      "a.description FROM abi a "
			      "JOIN (SELECT abi_id, min(ord) AS lo, max(ord) AS hi FROM abi_release GROUP BY abi_id) x "
			      "ON x.abi_id = a.id JOIN release f ON f.ord = x.lo JOIN release l ON l.ord = x.hi "
			      "JOIN abi_release lr ON lr.abi_id = a.id AND lr.ord = x.hi ORDER BY a.id",
			      cols, sizeof(cols) / sizeof(cols[0]));
}
