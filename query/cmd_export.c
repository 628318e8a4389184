/*
 * kabi export --format F [--abi A] [--at V] [-o FILE] - syscall tables for
 * other tools (json, csv, c-header, gdb-xml, seccomp-csv, go, musl, glibc,
 * rust; see export.h and docs/formats.md)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "export.h"
#include "file.h"
#include "strbuf.h"

static const char *dates_value(size_t i, const char **help)
{
	static const char *const v[][2] = {
		{"exact", "a date only where the catalog has the release before it"},
		{"first-harvested", "else the first catalog release with it (an upper bound)"},
	};

	if (i >= sizeof(v) / sizeof(v[0]))
		return NULL;
	if (help)
		*help = v[i][1];
	return v[i][0];
}

static const kabi_opt options[] = {
	{"format", 'f', "FORMAT", "the format to write", KABI_O_EXPORT_FORMAT, KABI_COMPLETE_VALUES,
	 kabi_export_format_value},
	KABI_OPT_ABI("the ABI (not for seccomp-csv, which covers every ABI libseccomp knows)"),
	KABI_OPT_AT("the release (default: the newest)"),
	{"output", 'o', "FILE", "write to FILE, replaced only when complete (default: standard output)",
	 KABI_O_OUTPUT, KABI_COMPLETE_FILE, NULL},
	{"dates", 0, "MODE",
	 "seccomp-csv's version columns: exact (default; SCMP_KV_UNDEF where the catalog lacks the release "
	 "before) or first-harvested (the first catalog release with it: an upper bound, with a warning)",
	 KABI_O_DATES, KABI_COMPLETE_VALUES, dates_value},
	{"libseccomp-header", 0, "FILE",
	 "seccomp-csv for the libseccomp whose seccomp.h FILE is: only its architectures' columns, and only "
	 "the SCMP_KV_ values its enum has (SCMP_KV_UNDEF for the others; no _kver columns before 2.6)",
	 KABI_O_LIBSECCOMP_HEADER, KABI_COMPLETE_FILE, NULL},
	KABI_OPT_DB,
	{NULL},
};

const kabi_command kabi_cmd_export = {
	"export",
	cmd_export,
	"syscall tables for other tools (json, csv, C header, gdb XML, libseccomp CSV)",
	"--format FORMAT [--abi ABI] [--at VERSION] [--dates MODE] [--libseccomp-header FILE] [-o FILE]",
	"Writes the syscall table of ABI at release VERSION (default: the newest) in a format other tools "
	"read.  Every format but seccomp-csv needs --abi; seccomp-csv covers every ABI libseccomp knows and "
	"takes no --abi.  docs/formats.md describes each format's conventions.",
	options,
	0,
};

static char *format_names(void)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i;

	for (i = 0; i < kabi_export_nformats; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", kabi_export_formats[i].name);
	return kabi_strbuf_detach(&sb);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* kabi_cli_find_abi(), but the message lists the ABIs that have tables,
 * by name. */
static int find_abi(kabi_catalog *c, const char *name, int *abi)
{
	const kabi_cat_abi *abis;
	const char **names;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t n, i, k = 0;
	int err = kabi_catalog_abi_find(abi, NULL, c, name);

	if (err != KABI_ENOTFOUND)
		return err < 0 ? kabi_cli_error("%s", kabi_error_last()) : 0;
	if (kabi_catalog_abis(&abis, &n, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	names = kabi_calloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		if (abis[i].first_ord >= 0)
			names[k++] = abis[i].name;
	qsort(names, k, sizeof(*names), name_cmp);
	for (i = 0; i < k; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", names[i]);
	kabi_cli_error("unknown ABI '%s' (ABIs with tables in the catalog: %s)", name,
		       sb.len ? sb.buf : "none");
	kabi_strbuf_free(&sb);
	free(names);
	return KABI_EXIT_ERROR;
}

/* kabi_cli_find_release(), but an unknown release is answered with the
 * list of releases (the nearest ones, kabi_cli_find_release's message,
 * when the catalog has many), and a line ("5.10") resolves without a note:
 * an export says which release it is in its own header. */
static int find_release(kabi_catalog *c, const char *v, int *ord)
{
	const kabi_cat_release *rels;
	kabi_release_resolution res;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t n, i;
	int rc = kabi_catalog_resolve_release(&res, c, v);

	if (rc == 0) {
		*ord = res.ord;
		return 0;
	}
	if (rc != KABI_ENOTFOUND && rc != KABI_EINVALID)
		return kabi_cli_error("%s", kabi_error_last());
	if (kabi_catalog_releases(&rels, &n, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (n == 0 || n > 40)
		return kabi_cli_find_release(&res, c, v); /* its message: the nearest ones */
	for (i = 0; i < n; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", rels[i].name);
	rc = kabi_cli_error("no release '%s' in the catalog (releases: %s)", v, sb.buf);
	kabi_strbuf_free(&sb);
	return rc;
}

static int newest_release(kabi_catalog *c, int *ord)
{
	const kabi_cat_release *rels;
	size_t n;

	if (kabi_catalog_releases(&rels, &n, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (n == 0)
		return kabi_cli_error("the catalog has no releases");
	*ord = (int)n - 1;
	return 0;
}

/* Writes through a temporary file renamed into place, so a failed export
 * never leaves half a file where the old one was; beside the real file
 * when path is a symbolic link (which stays one), never to a device. */
static int write_file(const kabi_export_format *fmt, const kabi_export_table *t, const char *output)
{
	kabi_strbuf tmp = KABI_STRBUF_INIT;
	char *path;
	FILE *f;
	int rc;

	if (!output || strcmp(output, "-") == 0) {
		rc = fmt->write(t, stdout);
		if (rc == 0 && fflush(stdout) != 0)
			rc = kabi_error_set(KABI_EIO, "cannot write to standard output");
		return rc ? kabi_cli_error("%s", kabi_error_last()) : 0;
	}
	if (kabi_file_target(&path, output, "an export") < 0)
		return kabi_cli_error("%s", kabi_error_last());
	kabi_strbuf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	f = fopen(tmp.buf, "w");
	if (!f) {
		kabi_cli_error("cannot write '%s': %s", output, strerror(errno));
		kabi_strbuf_free(&tmp);
		free(path);
		return KABI_EXIT_ERROR;
	}
	rc = fmt->write(t, f);
	if (fclose(f) != 0 && rc == 0)
		rc = kabi_error_set(KABI_EIO, "cannot write '%s'", output);
	if (rc == 0 && rename(tmp.buf, path) != 0)
		rc = kabi_error_set(KABI_EIO, "cannot write '%s': %s", output, strerror(errno));
	if (rc) {
		remove(tmp.buf);
		kabi_cli_error("%s", kabi_error_last());
	}
	kabi_strbuf_free(&tmp);
	free(path);
	return rc ? KABI_EXIT_ERROR : 0;
}

int cmd_export(int argc, char **argv)
{
	const kabi_command *cmd = &kabi_cmd_export;
	const char *fmt_name, *abi_name, *at, *output;
	const kabi_export_format *fmt;
	kabi_export_table t;
	kabi_cli_opts o;
	kabi_catalog *c = NULL;
	char *names;
	kabi_seccomp_lib *lib = NULL;
	size_t nupper = 0;
	int i, abi = -1, ord = -1, upper = 0, ret = KABI_EXIT_ERROR;

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
	if (o.dates && strcmp(o.dates, "first-harvested") == 0)
		upper = 1;
	else if (o.dates && strcmp(o.dates, "exact") != 0)
		return kabi_cli_usage(cmd, "unknown --dates '%s' (exact or first-harvested)", o.dates);
	if (o.libseccomp_header && fmt->needs_abi)
		return kabi_cli_usage(cmd, "--libseccomp-header is for seccomp-csv");
	if (fmt->needs_abi && !abi_name)
		return kabi_cli_usage(cmd, "--abi is required for %s", fmt->name);
	if (!fmt->needs_abi && abi_name)
		return kabi_cli_usage(cmd, "%s covers every ABI libseccomp knows: drop --abi", fmt->name);
	if (fmt->in_helper && !kabi_cli_helper) {
		kabi_cli_opts_free(&o);
		return kabi_cli_exec_helper(argc, argv);
	}
	if (o.libseccomp_header && kabi_seccomp_lib_read(&lib, o.libseccomp_header) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (kabi_cli_catalog(&c, o.db)) {
		kabi_seccomp_lib_free(lib);
		return KABI_EXIT_ERROR;
	}
	if (abi_name && find_abi(c, abi_name, &abi))
		goto out;
	if (at ? find_release(c, at, &ord) : newest_release(c, &ord))
		goto out;
	if (abi >= 0 && kabi_cli_has_table(c, abi, ord))
		goto out;
	if (kabi_export_load(&t, c, abi, ord) < 0) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	t.dates_upper = upper;
	t.lib = lib;
	t.nupper = &nupper;
	ret = write_file(fmt, &t, output);
	if (ret == 0 && nupper)
		fprintf(stderr,
			"kabi: warning: %zu dates are upper bounds: the first catalog release with the syscall, "
			"whose previous release the catalog lacks (it may have come earlier)\n",
			nupper);
	kabi_export_table_free(&t);
out:
	kabi_catalog_close(c);
	kabi_seccomp_lib_free(lib);
	return ret;
}
