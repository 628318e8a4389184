/*
 * kabi publish DIR [--force] [--quiet] [--progress=plain|bar|none] - the
 * published offline catalog: the catalog itself (read-only) with its schema
 * doc, every export format of every ABI at the newest release, and a static
 * web site (site.h).  See docs/publish.md.  In kabi-helper only; its table
 * is in cmd_publish.c.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "export.h"
#include "file.h"
#include "progress.h"
#include "site.h"
#include "strbuf.h"

/* 1 when dir has any entry besides . and .., 0 when empty, -1 on error. */
static int dir_used(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int used = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			used = 1;
			break;
		}
	closedir(d);
	return used;
}

#ifndef KABI_SCHEMA_REL
#define KABI_SCHEMA_REL "../../share/doc/kabi/docs/schema.md"
#endif

/* The schema document: $KABI_SCHEMA_DOC; else the installed one, found
 * from this program's place as kabi finds kabi-helper (an installed tree,
 * wherever it was moved); else docs/schema.md of the source tree this
 * binary was built from (__FILE__ is query/helper_publish.c there). */
static char *schema_doc(size_t *len)
{
	const char *env = getenv("KABI_SCHEMA_DOC");
	kabi_strbuf path = KABI_STRBUF_INIT;
	char *doc = NULL;

	/* no limit: the document is kabi's own */
	if (env && *env) {
		kabi_strbuf_puts(&path, env);
		if (kabi_file_read(&doc, len, path.buf, SIZE_MAX) < 0)
			doc = NULL;
		kabi_strbuf_free(&path);
		return doc;
	}
	if (kabi_cli_exe_dir(&path) == 0) {
		kabi_strbuf_puts(&path, KABI_SCHEMA_REL);
		if (kabi_file_read(&doc, len, path.buf, SIZE_MAX) < 0)
			doc = NULL;
	}
	if (!doc) {
		const char *slash = strrchr(__FILE__, '/');

		kabi_strbuf_reset(&path);
		if (slash)
			kabi_strbuf_add(&path, __FILE__, (size_t)(slash - __FILE__));
		else
			kabi_strbuf_puts(&path, ".");
		kabi_strbuf_puts(&path, "/../docs/schema.md");
		if (kabi_file_read(&doc, len, path.buf, SIZE_MAX) < 0)
			doc = NULL;
	}
	kabi_strbuf_free(&path);
	return doc;
}

/* Without the document (an installed binary), the schema itself: the
 * catalog's CREATE statements, comments included. */
static char *schema_from_catalog(kabi_catalog *c, size_t *len)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char *sql = NULL;

	kabi_strbuf_puts(
		&sb, "# The kabi catalog\n\nThe schema of kabi.db, as stored in it (the full reference is "
		     "docs/schema.md in kabi's source tree).\n\n```sql\n");
	if (kabi_catalog_schema_text(&sql, c) == 0)
		kabi_strbuf_puts(&sb, sql);
	free(sql);
	kabi_strbuf_puts(&sb, "```\n");
	*len = sb.len;
	return kabi_strbuf_detach(&sb);
}

/* A consistent copy of the catalog (kabi_catalog_copy), made read-only. */
static int copy_catalog(kabi_catalog *c, const char *dir)
{
	kabi_strbuf path = KABI_STRBUF_INIT;
	int rc = KABI_EXIT_ERROR;

	kabi_strbuf_printf(&path, "%s/kabi.db", dir);
	if (kabi_catalog_copy(c, path.buf) < 0)
		kabi_cli_error("%s", kabi_error_last());
	else if (chmod(path.buf, 0444) != 0)
		kabi_cli_error("cannot make '%s' read-only: %s", path.buf, strerror(errno));
	else
		rc = 0;
	kabi_strbuf_free(&path);
	return rc;
}

static int abi_name_cmp(const void *a, const void *b)
{
	const kabi_cat_abi *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* Every format of every ABI with a table at the newest release, into
 * DIR/export/FORMAT/ABI.EXT (seccomp-csv: DIR/export/seccomp-csv/syscalls.csv),
 * by ABI name, reported to bar as the "exports" phase.  ABIs whose name is
 * not a safe file name are left out. */
static int write_exports(kabi_catalog *c, const char *dir, int *files, kabi_progress_ui *bar)
{
	kabi_progress prog = {KABI_PROGRESS_START, "exports", "files", 0, 0, NULL, 0};
	kabi_strbuf sub = KABI_STRBUF_INIT, path = KABI_STRBUF_INIT;
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis, **now = NULL;
	size_t nrel, nabi, nnow = 0, f, k;
	int newest, rc = 0;

	if (kabi_catalog_releases(&rels, &nrel, c) < 0 || kabi_catalog_abis(&abis, &nabi, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (nrel == 0)
		return kabi_cli_error("the catalog has no releases");
	newest = (int)nrel - 1;
	now = kabi_calloc(nabi + 1, sizeof(*now));
	for (k = 0; k < nabi; k++)
		if (abis[k].last_ord == newest && kabi_site_safe_name(abis[k].name))
			now[nnow++] = &abis[k];
	qsort(now, nnow, sizeof(*now), abi_name_cmp);
	if (kabi_site_mkdir(dir, "export") < 0)
		goto err;
	for (f = 0; f < kabi_export_nformats; f++)
		prog.total += kabi_export_formats[f].needs_abi ? nnow : 1;
	kabi_progress_ui_update(bar, &prog);
	for (f = 0; f < kabi_export_nformats && rc == 0; f++) {
		const kabi_export_format *fmt = &kabi_export_formats[f];
		size_t nfiles = fmt->needs_abi ? nnow : 1;

		kabi_strbuf_reset(&sub);
		kabi_strbuf_printf(&sub, "export/%s", fmt->name);
		if (kabi_site_mkdir(dir, sub.buf) < 0)
			goto err;
		for (k = 0; k < nfiles; k++) {
			kabi_export_table t;
			char *buf = NULL;
			size_t len = 0;
			FILE *mem;
			int abi = fmt->needs_abi ? (int)(now[k] - abis) : -1;
			const char *name = fmt->needs_abi ? now[k]->name : "syscalls";

			if (kabi_export_load(&t, c, abi, newest) < 0)
				goto err;
			mem = open_memstream(&buf, &len);
			rc = mem ? fmt->write(&t, mem) : kabi_error_set(KABI_ENOMEM, "out of memory");
			if (mem)
				fclose(mem);
			kabi_strbuf_reset(&path);
			kabi_strbuf_printf(&path, "%s/%s/%s.%s", dir, sub.buf, name, fmt->ext);
			if (rc == 0)
				rc = kabi_site_write_file(path.buf, buf, len);
			free(buf);
			kabi_export_table_free(&t);
			if (rc)
				goto err;
			(*files)++;
			prog.event = KABI_PROGRESS_STEP;
			prog.done++;
			kabi_progress_ui_update(bar, &prog);
		}
	}
	free(now);
	kabi_strbuf_free(&sub);
	kabi_strbuf_free(&path);
	prog.event = KABI_PROGRESS_END;
	kabi_progress_ui_update(bar, &prog);
	return 0;
err:
	free(now);
	kabi_strbuf_free(&sub);
	kabi_strbuf_free(&path);
	kabi_progress_ui_clear(bar);
	return kabi_cli_error("%s", kabi_error_last());
}

int cmd_publish(int argc, char **argv)
{
	const kabi_command *cmd = &kabi_cmd_publish;
	const char *dir;
	int i, used, files = 0, ret = KABI_EXIT_ERROR;
	kabi_cli_opts o;
	kabi_progress_mode mode = kabi_progress_mode_default(stderr);
	kabi_progress_ui bar;
	kabi_catalog *c = NULL;
	kabi_site_stats stats;
	kabi_strbuf path = KABI_STRBUF_INIT;
	struct timespec t0, t1;
	char *doc;
	size_t len = 0;

	i = kabi_cli_parse(&o, cmd, argc, argv);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i >= argc)
		return kabi_cli_usage(cmd, "which directory? (DIR is required)");
	if (i + 1 < argc)
		return kabi_cli_usage(cmd, "unexpected argument '%s'", argv[i + 1]);
	dir = argv[i];
	if (o.progress && kabi_progress_mode_parse(&mode, o.progress) < 0)
		return kabi_cli_usage(cmd, "unknown progress '%s' (bar, plain or none)", o.progress);
	if (!*dir)
		return kabi_cli_usage(cmd, "DIR is empty");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	kabi_progress_ui_init(&bar, o.quiet ? KABI_PROGRESS_NONE : mode, stderr);
	if (kabi_cli_catalog(&c, o.db))
		return KABI_EXIT_ERROR;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		kabi_cli_error("cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	used = dir_used(dir);
	if (used < 0) {
		kabi_cli_error("cannot read '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (used && !o.force) {
		kabi_cli_error("'%s' is not empty (use --force to publish into it anyway)", dir);
		goto out;
	}
	if (copy_catalog(c, dir))
		goto out;
	doc = schema_doc(&len);
	if (!doc)
		doc = schema_from_catalog(c, &len);
	kabi_strbuf_printf(&path, "%s/schema.md", dir);
	if (kabi_site_write_file(path.buf, doc, len) < 0) {
		free(doc);
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	free(doc);
	if (write_exports(c, dir, &files, &bar))
		goto out;
	if (kabi_site_write(c, dir, &stats, kabi_progress_ui_update, &bar) < 0) {
		kabi_progress_ui_clear(&bar);
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	ret = KABI_EXIT_OK;
	if (o.quiet)
		goto out;
	if (stats.skipped)
		fprintf(stderr, "kabi: note: %d syscall names are not plain file names and have no page\n",
			stats.skipped);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("published %d pages and %d files into '%s' in %.1fs; open %s/index.html\n", stats.pages,
	       stats.files + files + 2, dir,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, dir);
out:
	kabi_strbuf_free(&path);
	kabi_catalog_close(c);
	return ret;
}
