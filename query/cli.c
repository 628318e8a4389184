#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "array.h"
#include "catalog.h"
#include "cli.h"
#include "error.h"
#include "read_snapshot.h"
#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"
#include "version.h"

void kabi_cli_say(const char *what, const char *msg)
{
	char *clean = kabi_utf8_clean(msg);

	fprintf(stderr, "kabi: %s%s\n", what, clean);
	free(clean);
}

int kabi_cli_error(const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	kabi_cli_say("", kabi_strbuf_str(&sb));
	kabi_strbuf_free(&sb);
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
		fprintf(stderr, "%s%.*s\n",
			p == sb.buf ? "usage: " : "   or: ", nl ? (int)(nl - p) : (int)strlen(p), p);
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

int kabi_cli_catalog(kabi_catalog **c, const char *opt_db)
{
	if (kabi_catalog_open_read(c, kabi_cli_db_path(opt_db)) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	/* A command asks from a few to a few hundred small questions: one read
	 * transaction for all of them, not one each (read_snapshot.h) */
	if (kabi_catalog_snapshot(*c) < 0) {
		kabi_cli_error("%s", kabi_error_last());
		kabi_catalog_close(*c);
		*c = NULL;
		return KABI_EXIT_ERROR;
	}
	return 0;
}

static void print_unknown(const char *what, const char *word, const kabi_cat_suggestions *sugg,
			  const char *hint)
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
			fprintf(stderr,
				"kabi: note: '%s' is not in the catalog; using the newest release of its line, %s\n",
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

int kabi_cli_find_abis(int **out, size_t *n, kabi_catalog *c, const kabi_cli_opts *o)
{
	const kabi_cat_abi *abis;
	unsigned char *seen;
	size_t na, i, k;
	int abi;

	*out = NULL;
	*n = 0;
	if (kabi_catalog_abis(&abis, &na, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	seen = kabi_calloc(na ? na : 1, 1);
	*out = kabi_calloc(na ? na : 1, sizeof(**out));
	for (i = 0; i < o->nabis; i++) {
		if (strcmp(o->abis[i], "all") == 0) {
			for (k = 0; k < na; k++)
				if (abis[k].first_ord >= 0 && !seen[k]) {
					seen[k] = 1;
					(*out)[(*n)++] = (int)k;
				}
			continue;
		}
		if (kabi_cli_find_abi(&abi, c, o->abis[i])) {
			free(seen);
			free(*out);
			*out = NULL;
			*n = 0;
			return KABI_EXIT_ERROR;
		}
		if (!seen[abi]) {
			seen[abi] = 1;
			(*out)[(*n)++] = abi;
		}
	}
	free(seen);
	return 0;
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

const char *kabi_cli_status_word(kabi_sc_status st)
{
	static const char *const words[] = {
		[KABI_SC_AVAILABLE] = "available",     [KABI_SC_NOT_IMPLEMENTED] = "not implemented",
		[KABI_SC_ADDED_LATER] = "added later", [KABI_SC_REMOVED] = "removed",
		[KABI_SC_NEVER] = "never on this ABI", [KABI_SC_IMPL_UNKNOWN] = "implementation unknown",
	};

	return (size_t)st < sizeof(words) / sizeof(words[0]) ? words[st] : "unknown";
}

const char *kabi_cli_impl_word(int implemented, kabi_out_format fmt)
{
	if (implemented == KABI_IMPL_UNKNOWN)
		return fmt == KABI_OUT_JSON ? NULL : "unknown";
	if (fmt == KABI_OUT_TEXT)
		return implemented == KABI_IMPL_YES ? "yes" : "no";
	return implemented == KABI_IMPL_YES ? "1" : "0";
}

int kabi_cli_date(kabi_strbuf *sb, kabi_catalog *c, int abi, int ord)
{
	const kabi_cat_release *rels;
	size_t n;
	int dated;

	kabi_strbuf_reset(sb);
	if (ord < 0)
		return 0;
	if (kabi_catalog_releases(&rels, &n, c) < 0 || kabi_catalog_dated(&dated, c, abi, ord) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	kabi_strbuf_printf(sb, "%s%s", dated ? "" : "<=", rels[ord].name);
	return 0;
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
	return kabi_cli_error("ABI '%s' has no syscall table at %s (it has tables from %s to %s)",
			      abis[abi].name, rels[ord].name, rels[abis[abi].first_ord].name,
			      rels[abis[abi].last_ord].name);
}

int kabi_cli_format(kabi_out_format *out, const char *opt)
{
	int f = kabi_out_format_parse(opt ? opt : "text");

	if (f < 0)
		return kabi_cli_error("unknown format '%s' (formats: text, csv, json)", opt);
	*out = (kabi_out_format)f;
	return 0;
}

char *kabi_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t best[3], k, i;
	kabi_strbuf sb = KABI_STRBUF_INIT;

	k = kabi_suggest_closest(best, 3, word, cands, n);
	for (i = 0; i < k; i++)
		kabi_strbuf_printf(&sb, "%s%s", i ? ", " : "", cands[best[i]]);
	return sb.len ? kabi_strbuf_detach(&sb) : kabi_strdup("");
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

/* Appends the comma-separated members of arg to *v (each copied); an
 * empty member is an error ("--abi 'a,,b': an empty ABI name"). */
static int split_list(char ***v, size_t *n, size_t *alloc, const char *arg, const char *opt, const char *what)
{
	const char *p = arg, *comma;

	do {
		comma = strchr(p, ',');
		if (comma == p || !*p) {
			kabi_cli_error("%s '%s': an empty %s", opt, arg, what);
			return -1;
		}
		KABI_ARRAY_GROW(*v, *n + 1, *alloc);
		(*v)[(*n)++] = comma ? kabi_strndup(p, (size_t)(comma - p)) : kabi_strdup(p);
		p = comma + 1;
	} while (comma);
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
	case KABI_O_ENTRIES: o->entries = 1; break;
	case KABI_O_QUIET: o->quiet = 1; break;
	case KABI_O_FORCE: o->force = 1; break;
	case KABI_O_VERSION: o->version = 1; break;
	case KABI_O_PROGRESS: o->progress = arg; break;
	case KABI_O_FROM: return once(&o->from, row, arg);
	case KABI_O_TO: return once(&o->to, row, arg);
	case KABI_O_MISSING_ON: return once(&o->missing_on, row, arg);
	case KABI_O_DATES: return once(&o->dates, row, arg);
	case KABI_O_LIBSECCOMP_HEADER: return once(&o->libseccomp_header, row, arg);
	case KABI_O_ABIS: return split_list(&o->abis, &o->nabis, &o->aabis, arg, "--abi", "ABI name");
	case KABI_O_OPTIONAL:
		return split_list(&o->optional, &o->noptional, &o->aoptional, arg, "--optional",
				  "syscall name");
	case KABI_O_REFS:
		KABI_ARRAY_GROW(o->refs, o->nrefs + 1, o->arefs);
		o->refs[o->nrefs++] = arg;
		break;
	default: assert(!"an option row without a field");
	}
	return 0;
}

void kabi_cli_opts_free(kabi_cli_opts *o)
{
	size_t i;

	for (i = 0; i < o->nabis; i++)
		free(o->abis[i]);
	free(o->abis);
	o->abis = NULL;
	o->nabis = o->aabis = 0;
	free(o->refs);
	o->refs = NULL;
	o->nrefs = 0;
	for (i = 0; i < o->noptional; i++)
		free(o->optional[i]);
	free(o->optional);
	o->optional = NULL;
	o->noptional = o->aoptional = 0;
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
