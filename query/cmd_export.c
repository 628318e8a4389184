/*
 * kabi export --format F [--abi A] [--at V] [-o FILE] - syscall tables for
 * other tools (json, csv, c-header, gdb-xml, seccomp-csv; see export.h and
 * docs/formats.md)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "export.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	{"format", 'f', "FORMAT", "the format to write", KABI_O_EXPORT_FORMAT, KABI_COMPLETE_VALUES,
	 kabi_export_format_value},
	KABI_OPT_ABI("the ABI (not for seccomp-csv, which covers every ABI libseccomp knows)"),
	KABI_OPT_AT("the release (default: the newest)"),
	{"output", 'o', "FILE", "write to FILE, replaced only when complete (default: standard output)",
	 KABI_O_OUTPUT, KABI_COMPLETE_FILE, NULL},
	KABI_OPT_DB,
	{NULL},
};

const kabi_command kabi_cmd_export = {
	"export", cmd_export, "syscall tables for other tools (json, csv, C header, gdb XML, libseccomp CSV)",
	"--format FORMAT [--abi ABI] [--at VERSION] [-o FILE]",
	"Writes the syscall table of ABI at release VERSION (default: the newest) in a format other tools "
	"read.  Every format but seccomp-csv needs --abi; seccomp-csv covers every ABI libseccomp knows and "
	"takes no --abi.  docs/formats.md describes each format's conventions.",
	options, 0,
};

static char *format_names(void)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i;

	for (i = 0; i < kabi_export_nformats; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", kabi_export_formats[i].name);
	return kabi_strbuf_detach(&sb);
}

/* Like kabi_cli_abi, but the message lists the ABIs that have tables. */
static int find_abi(sqlite3 *db, const char *name, int *id)
{
	sqlite3_stmt *st = kabi_cli_prepare(
		db, "SELECT id, name, EXISTS (SELECT 1 FROM abi_release ar WHERE ar.abi_id = abi.id) FROM abi ORDER BY name");
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int found = 0;

	if (!st)
		return KABI_EXIT_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 1);

		if (strcmp(n, name) == 0) {
			*id = sqlite3_column_int(st, 0);
			found = 1;
		}
		if (sqlite3_column_int(st, 2))
			kabi_strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", n);
	}
	sqlite3_finalize(st);
	if (!found)
		kabi_cli_error("unknown ABI '%s' (ABIs with tables in the catalog: %s)", name, sb.len ? sb.buf : "none");
	kabi_strbuf_free(&sb);
	return found ? 0 : KABI_EXIT_ERROR;
}

/* kabi_cli_release(), but an unknown release is answered with the list of
 * releases (the nearest ones when the catalog has many).  Its own message
 * is silenced by pointing stderr at /dev/null for the call: the resolving
 * rules ("6.1" = the newest 6.1.y ...) stay in one place. */
static int find_release(sqlite3 *db, const char *v, int *ord, char **name)
{
	sqlite3_stmt *st;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int saved, devnull, rc, n = 0;

	fflush(stderr);
	saved = dup(2);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved < 0 || devnull < 0) {
		if (saved >= 0)
			close(saved);
		if (devnull >= 0)
			close(devnull);
		return kabi_cli_release(db, v, ord, name);
	}
	dup2(devnull, 2);
	rc = kabi_cli_release(db, v, ord, name);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(devnull);
	if (rc == 0)
		return 0;
	st = kabi_cli_prepare(db, "SELECT name FROM release ORDER BY ord");
	if (!st)
		return KABI_EXIT_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		kabi_strbuf_printf(&sb, "%s%s", n ? ", " : "", sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	if (n == 0 || n > 40)
		rc = kabi_cli_release(db, v, ord, name); /* its message: the nearest ones */
	else
		rc = kabi_cli_error("no release '%s' in the catalog (releases: %s)", v, sb.buf);
	kabi_strbuf_free(&sb);
	return rc ? KABI_EXIT_ERROR : 0;
}

static int newest_release(sqlite3 *db, int *ord, char **name)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, "SELECT ord, name FROM release ORDER BY ord DESC LIMIT 1");
	int rc = KABI_EXIT_ERROR;

	if (!st)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*ord = sqlite3_column_int(st, 0);
		*name = kabi_strdup((const char *)sqlite3_column_text(st, 1));
		rc = 0;
	} else {
		kabi_cli_error("the catalog has no releases");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes through a temporary file renamed into place, so a failed export
 * never leaves half a file where the old one was. */
static int write_file(const kabi_export_format *fmt, const kabi_export_table *t, const char *path)
{
	kabi_strbuf tmp = KABI_STRBUF_INIT;
	FILE *f;
	int rc;

	if (!path || strcmp(path, "-") == 0) {
		rc = fmt->write(t, stdout);
		if (rc == 0 && fflush(stdout) != 0)
			rc = kabi_error_set(KABI_EIO, "cannot write to standard output");
		return rc ? kabi_cli_error("%s", kabi_error_last()) : 0;
	}
	kabi_strbuf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	f = fopen(tmp.buf, "w");
	if (!f) {
		kabi_cli_error("cannot write '%s': %s", path, strerror(errno));
		kabi_strbuf_free(&tmp);
		return KABI_EXIT_ERROR;
	}
	rc = fmt->write(t, f);
	if (fclose(f) != 0 && rc == 0)
		rc = kabi_error_set(KABI_EIO, "cannot write '%s'", path);
	if (rc == 0 && rename(tmp.buf, path) != 0)
		rc = kabi_error_set(KABI_EIO, "cannot write '%s': %s", path, strerror(errno));
	if (rc) {
		remove(tmp.buf);
		kabi_cli_error("%s", kabi_error_last());
	}
	kabi_strbuf_free(&tmp);
	return rc ? KABI_EXIT_ERROR : 0;
}

int cmd_export(int argc, char **argv)
{
	const kabi_command *cmd = &kabi_cmd_export;
	const char *fmt_name, *abi_name, *at, *output;
	const kabi_export_format *fmt;
	kabi_export_table t;
	kabi_cli_opts o;
	sqlite3 *db = NULL;
	char *rel = NULL, *names;
	int i, abi = 0, ord, ret = KABI_EXIT_ERROR;

	i = kabi_cli_parse(&o, cmd, argc, argv);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i < argc)
		return kabi_cli_usage(cmd, "unexpected argument '%s'", argv[i]);
	fmt_name = o.format;
	abi_name = o.abi;
	at = o.at;
	output = o.output;
	names = format_names();
	if (!fmt_name) {
		kabi_cli_usage(cmd, "--format is required (formats: %s)", names);
		free(names);
		return KABI_EXIT_ERROR;
	}
	fmt = kabi_export_format_find(fmt_name);
	if (!fmt) {
		kabi_cli_error("unknown format '%s' (formats: %s)", fmt_name, names);
		free(names);
		return KABI_EXIT_ERROR;
	}
	free(names);
	if (fmt->needs_abi && !abi_name)
		return kabi_cli_usage(cmd, "--abi is required for %s", fmt->name);
	if (!fmt->needs_abi && abi_name)
		return kabi_cli_usage(cmd, "%s covers every ABI libseccomp knows: drop --abi", fmt->name);
	if (kabi_cli_open(&db, o.db))
		return KABI_EXIT_ERROR;
	if (abi_name && find_abi(db, abi_name, &abi))
		goto out;
	if (at ? find_release(db, at, &ord, &rel) : newest_release(db, &ord, &rel))
		goto out;
	if (abi && kabi_cli_abi_present(db, abi, abi_name, ord, rel))
		goto out;
	if (kabi_export_load(&t, db, abi, ord) < 0) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	ret = write_file(fmt, &t, output);
	kabi_export_table_free(&t);
out:
	sqlite3_close(db);
	free(rel);
	return ret;
}
