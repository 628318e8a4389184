#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "catalog.h"
#include "cli.h"
#include "error.h"
#include "strbuf.h"
#include "version.h"

int kabi_cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kabi: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return KABI_EXIT_ERROR;
}

int kabi_cli_usage(const kabi_command *cmd, const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *p, *nl;
	va_list ap;

	fputs("kabi: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	kabi_help_usage(&sb, cmd);
	for (p = sb.buf; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		fprintf(stderr, "%s%.*s\n", p == sb.buf ? "usage: " : "   or: ", nl ? (int)(nl - p) : (int)strlen(p), p);
	}
	kabi_strbuf_free(&sb);
	return KABI_EXIT_ERROR;
}

const char *kabi_cli_db_path(const char *opt)
{
	const char *env = getenv("KABI_DB");

	if (opt)
		return opt;
	if (env && *env)
		return env;
	return "kabi.db";
}

int kabi_cli_open(sqlite3 **db, const char *opt_db)
{
	if (kabi_catalog_open(db, kabi_cli_db_path(opt_db)) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	return 0;
}

int kabi_cli_catalog(kabi_catalog **c, const char *opt_db)
{
	if (kabi_catalog_open_read(c, kabi_cli_db_path(opt_db)) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	return 0;
}

static void print_unknown(const char *what, const char *word, const kabi_cat_suggestions *sugg, const char *hint)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i;

	for (i = 0; i < sugg->n; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", sugg->name[i]);
	if (sb.len)
		kabi_cli_error("unknown %s '%s' (did you mean %s?)", what, word, sb.buf);
	else
		kabi_cli_error("unknown %s '%s'%s", what, word, hint);
	kabi_strbuf_free(&sb);
}

int kabi_cli_find_release(kabi_release_resolution *res, kabi_catalog *c, const char *text)
{
	const kabi_cat_release *rels;
	size_t n;
	int err = kabi_catalog_resolve_release(res, c, text);

	if (err == 0) {
		/* "6.12.0" or "6.12" standing for v6.12.118: say so, on stderr */
		if (res->match == KABI_RELEASE_NEWEST_OF_LINE)
			fprintf(stderr, "kabi: note: '%s' is not in the catalog; using the newest release of its line, %s\n",
				text, res->name);
		return 0;
	}
	if (err != KABI_ENOTFOUND || kabi_catalog_releases(&rels, &n, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (res->before < 0 && res->after < 0)
		return kabi_cli_error("no release '%s' in the catalog (it is empty)", text);
	return kabi_cli_error("no release '%s' in the catalog (nearest: %s%s%s; see 'kabi versions')", text,
			      res->before >= 0 ? rels[res->before].name : "",
			      res->before >= 0 && res->after >= 0 ? ", " : "",
			      res->after >= 0 ? rels[res->after].name : "");
}

int kabi_cli_find_abi(int *abi, kabi_catalog *c, const char *name)
{
	kabi_cat_suggestions sugg;
	const kabi_abi_info *alias = kabi_abi_lookup(name); /* "amd64", "aarch64", "ppc64le" ... */
	int err = kabi_catalog_abi_find(abi, &sugg, c, alias ? alias->name : name);

	if (err == KABI_ENOTFOUND) {
		print_unknown("ABI", name, &sugg, " (see 'kabi abis')");
		return KABI_EXIT_ERROR;
	}
	return err < 0 ? kabi_cli_error("%s", kabi_error_last()) : 0;
}

int kabi_cli_find_syscall(kabi_cat_syscall *sc, kabi_catalog *c, const char *name)
{
	kabi_cat_suggestions sugg;
	int err = kabi_catalog_syscall_find(sc, &sugg, c, name, KABI_CAT_NOCASE);

	if (err == KABI_ENOTFOUND) {
		print_unknown("syscall", name, &sugg, "");
		return KABI_EXIT_ERROR;
	}
	return err < 0 ? kabi_cli_error("%s", kabi_error_last()) : 0;
}

int kabi_cli_has_table(kabi_catalog *c, int abi, int ord)
{
	const kabi_cat_abi *abis;
	const kabi_cat_release *rels;
	size_t na, nr;
	int present;

	if (kabi_catalog_has_table(&present, c, abi, ord) < 0 || kabi_catalog_abis(&abis, &na, c) < 0 ||
	    kabi_catalog_releases(&rels, &nr, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (present)
		return 0;
	if (abis[abi].first_ord < 0)
		return kabi_cli_error("ABI '%s' has no syscall table in this catalog", abis[abi].name);
	return kabi_cli_error("ABI '%s' has no syscall table at %s (it has tables from %s to %s)", abis[abi].name,
			      rels[ord].name, rels[abis[abi].first_ord].name, rels[abis[abi].last_ord].name);
}

int kabi_cli_format(kabi_out_format *out, const char *opt)
{
	int f = kabi_out_format_parse(opt ? opt : "text");

	if (f < 0)
		return kabi_cli_error("unknown format '%s' (formats: text, csv, json)", opt);
	*out = (kabi_out_format)f;
	return 0;
}

sqlite3_stmt *kabi_cli_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

int kabi_cli_emit(kabi_out *out, sqlite3 *db, sqlite3_stmt *st, int ncols, int bool_col, int text)
{
	const char *v[32];
	int rc, c;

	assert(ncols <= 32);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (c = 0; c < ncols; c++)
			v[c] = (const char *)sqlite3_column_text(st, c);
		if (text && bool_col >= 0)
			v[bool_col] = sqlite3_column_int(st, bool_col) ? "yes" : "no";
		kabi_out_row(out, v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
	return 0;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, d;

	if (la > 64 || lb > 64)
		return 99;
	row = kabi_malloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

char *kabi_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t best[3] = {0}, bestd[3] = {(size_t)-1, (size_t)-1, (size_t)-1}, i, k;
	size_t limit = strlen(word) / 3 + 2;
	kabi_strbuf sb = KABI_STRBUF_INIT;

	for (i = 0; i < n; i++) {
		size_t d = edit_distance(word, cands[i]);

		/* a prefix or substring match counts as close */
		if (d > limit && strlen(word) >= 3 && strstr(cands[i], word))
			d = limit;
		if (d > limit)
			continue;
		for (k = 0; k < 3; k++) {
			if (d < bestd[k]) {
				memmove(&best[k + 1], &best[k], (2 - k) * sizeof(best[0]));
				memmove(&bestd[k + 1], &bestd[k], (2 - k) * sizeof(bestd[0]));
				best[k] = i;
				bestd[k] = d;
				break;
			}
		}
	}
	for (k = 0; k < 3 && bestd[k] != (size_t)-1; k++) {
		if (k)
			kabi_strbuf_puts(&sb, ", ");
		kabi_strbuf_puts(&sb, cands[best[k]]);
	}
	return kabi_strbuf_detach(&sb);
}

char *kabi_suggest_sql(sqlite3 *db, const char *word, const char *sql)
{
	sqlite3_stmt *st;
	char **cands = NULL;
	size_t n = 0, i;
	char *res;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return kabi_strdup("");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		cands = kabi_realloc(cands, (n + 1) * sizeof(*cands));
		cands[n++] = kabi_strdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	res = kabi_suggest(word, (const char *const *)cands, n);
	for (i = 0; i < n; i++)
		free(cands[i]);
	free(cands);
	return res;
}

static int unknown(sqlite3 *db, const char *what, const char *word, const char *sql, const char *all)
{
	char *s = kabi_suggest_sql(db, word, sql);

	if (*s)
		kabi_cli_error("unknown %s '%s' (did you mean %s?)", what, word, s);
	else
		kabi_cli_error("unknown %s '%s'%s", what, word, all);
	free(s);
	return KABI_EXIT_ERROR;
}

static int lookup_release(sqlite3 *db, const char *sql, int bind_int, int64_t iv, const char *sv,
			  int *ord, char **name)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, sql);
	int found = 0;

	if (!st)
		return -1;
	if (bind_int)
		sqlite3_bind_int64(st, 1, iv);
	else
		sqlite3_bind_text(st, 1, sv, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*ord = sqlite3_column_int(st, 0);
		*name = kabi_strdup((const char *)sqlite3_column_text(st, 1));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

int kabi_cli_release(sqlite3 *db, const char *v, int *ord, char **name)
{
	kabi_version ver;
	int r;

	r = lookup_release(db, "SELECT ord, name FROM release WHERE name = ?1", 0, 0, v, ord, name);
	if (r)
		return r < 0 ? KABI_EXIT_ERROR : 0;
	if (kabi_version_parse(&ver, v) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	r = lookup_release(db, "SELECT ord, name FROM release WHERE sort_key = ?1 ORDER BY ord DESC", 1,
			   kabi_version_key(&ver), NULL, ord, name);
	if (r)
		return r < 0 ? KABI_EXIT_ERROR : 0;
	/* "6.1" names the 6.1 line when v6.1 itself was not harvested. */
	if (!ver.rc && !ver.part[3] && (ver.part[0] >= 3 ? !ver.part[2] : 1)) {
		kabi_version line = ver;
		int64_t lo, hi;

		line.rc = 1;
		lo = kabi_version_key(&line);
		if (ver.part[0] >= 3)
			line.part[2] = 65535;
		else
			line.part[3] = 65535;
		line.rc = 0;
		hi = kabi_version_key(&line);
		{
			sqlite3_stmt *st = kabi_cli_prepare(
				db, "SELECT ord, name FROM release WHERE sort_key BETWEEN ?1 AND ?2 AND rc = 0 "
				    "ORDER BY sort_key DESC LIMIT 1");

			if (!st)
				return KABI_EXIT_ERROR;
			sqlite3_bind_int64(st, 1, lo);
			sqlite3_bind_int64(st, 2, hi);
			if (sqlite3_step(st) == SQLITE_ROW) {
				*ord = sqlite3_column_int(st, 0);
				*name = kabi_strdup((const char *)sqlite3_column_text(st, 1));
				sqlite3_finalize(st);
				return 0;
			}
			sqlite3_finalize(st);
		}
	}
	{
		sqlite3_stmt *st = kabi_cli_prepare(
			db, "SELECT name FROM (SELECT name, sort_key FROM release WHERE sort_key < ?1 "
			    "ORDER BY sort_key DESC LIMIT 1) UNION ALL SELECT name FROM (SELECT name, sort_key "
			    "FROM release WHERE sort_key > ?1 ORDER BY sort_key LIMIT 1)");
		kabi_strbuf sb = KABI_STRBUF_INIT;

		if (!st)
			return KABI_EXIT_ERROR;
		sqlite3_bind_int64(st, 1, kabi_version_key(&ver));
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (sb.len)
				kabi_strbuf_puts(&sb, ", ");
			kabi_strbuf_puts(&sb, (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		if (sb.len)
			kabi_cli_error("no release '%s' in the catalog (nearest: %s; see 'kabi versions')", v, sb.buf);
		else
			kabi_cli_error("no release '%s' in the catalog (it is empty)", v);
		kabi_strbuf_free(&sb);
	}
	return KABI_EXIT_ERROR;
}

/* The id of `name` in table abi or syscall (sql selects it), or an error
 * with the closest names (all_sql lists the candidates). */
static int lookup_id(sqlite3 *db, const char *what, const char *name, int *id, const char *sql,
		     const char *all_sql, const char *hint)
{
	sqlite3_stmt *st = kabi_cli_prepare(db, sql);
	int found = 0;

	if (!st)
		return KABI_EXIT_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	return found ? 0 : unknown(db, what, name, all_sql, hint);
}

int kabi_cli_abi(sqlite3 *db, const char *name, int *id)
{
	return lookup_id(db, "ABI", name, id, "SELECT id FROM abi WHERE name = ?1", "SELECT name FROM abi",
			 " (see 'kabi abis')");
}

int kabi_cli_syscall(sqlite3 *db, const char *name, int *id)
{
	return lookup_id(db, "syscall", name, id, "SELECT id FROM syscall WHERE name = ?1",
			 "SELECT name FROM syscall", "");
}

/* An option that selects what is answered (an ABI, a release) given twice
 * with two values: refused, never the last one silently. */
static int once(const char **field, const kabi_opt *row, const char *arg)
{
	if (*field && strcmp(*field, arg) != 0) {
		kabi_cli_error("--%s given twice ('%s', '%s'): give one", row->name, *field, arg);
		return -1;
	}
	*field = arg;
	return 0;
}

int kabi_cli_set_opt(void *ctx, const kabi_opt *row, const char *arg)
{
	kabi_cli_opts *o = ctx;

	switch (row->id) {
	case KABI_O_ABI: return once(&o->abi, row, arg);
	case KABI_O_AT: return once(&o->at, row, arg);
	case KABI_O_KERNEL: return once(&o->kernel, row, arg);
	case KABI_O_DB: o->db = arg; break;
	case KABI_O_FORMAT: /* fall through */
	case KABI_O_EXPORT_FORMAT: o->format = arg; break;
	case KABI_O_INPUT: o->input = arg; break;
	case KABI_O_OUTPUT: o->output = arg; break;
	case KABI_O_EVENTS: o->events = 1; break;
	case KABI_O_MIN: o->min = 1; break;
	case KABI_O_SIGNATURES: o->signatures = 1; break;
	case KABI_O_QUIET: o->quiet = 1; break;
	case KABI_O_FORCE: o->force = 1; break;
	case KABI_O_VERSION: o->version = 1; break;
	case KABI_O_PROGRESS: o->progress = arg; break;
	case KABI_O_REFS:
		o->refs = kabi_realloc(o->refs, (o->nrefs + 1) * sizeof(*o->refs));
		o->refs[o->nrefs++] = arg;
		break;
	default:
		assert(!"an option row without a field");
	}
	return 0;
}

void kabi_cli_opts_free(kabi_cli_opts *o)
{
	free(o->refs);
	o->refs = NULL;
	o->nrefs = 0;
}

int kabi_cli_parse(kabi_cli_opts *o, const kabi_command *cmd, int argc, char **argv)
{
	const kabi_opt *f = kabi_opts_find(cmd, "format");
	int i;

	memset(o, 0, sizeof(*o));
	i = kabi_opts_parse(cmd, argc, argv, 0, kabi_cli_set_opt, o);
	if (i == KABI_OPTS_HELP) {
		kabi_help_command(stdout, cmd);
		kabi_cli_opts_free(o);
		return -2;
	}
	if (i < 0 || (f && f->id == KABI_O_FORMAT && kabi_cli_format(&o->fmt, o->format) != 0)) {
		kabi_cli_opts_free(o);
		return -1;
	}
	return i;
}
