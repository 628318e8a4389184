/*
 * kabi check - are the syscalls that a list of names, an strace log, a
 * seccomp profile or ELF binaries need available on a kernel?
 *
 *   kabi check --kernel V [--abi A] [--input TYPE] INPUT...
 *   kabi check --min [--abi A] [--input TYPE] INPUT...
 *
 * An INPUT is a syscall name, "-" (names on standard input, or an input of
 * the --input type), or an existing file or directory whose type is sniffed
 * (see sniff()) or forced with --input.  Every input becomes kabi_needs sets
 * (artifact.h), and every ABI of a set gets a table and a one-line verdict.
 * When only names are given the output is the single "check" table it has
 * always been.
 *
 * Exit status: 0 everything is available, 1 something is not (or --min
 * finds no release), 2 an input or the catalog could not be read, or a name
 * given by the user is no syscall at all.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "artifact.h"
#include "cli.h"
#include "error.h"
#include "strbuf.h"

static const char usage[] =
    "kabi check (--kernel VERSION | --min) [--abi ABI] [--input names|strace|seccomp|elf] "
    "[NAME|FILE|DIR|-]... [--db FILE] [--format text|csv|json]";

static const char help[] =
    "Tells whether the syscalls that the inputs need are implemented on ABI at kernel\n"
    "release VERSION.  An input is a syscall name, '-' (names on standard input), or a\n"
    "file or directory: a directory is walked for ELF binaries, a file starting with\n"
    "\\x7fELF is a binary, one starting with '{' a seccomp profile (OCI/Docker), any\n"
    "other an strace log when it reads as one and a list of names otherwise.  --input\n"
    "forces the type of every input.  ABIs: the binary's own, --abi (default x86_64)\n"
    "for names and strace logs (plus the compat ABI after a personality switch), each\n"
    "architecture a profile covers (or --abi), with minKernel compared to VERSION.\n"
    "--min prints the range of releases on which all of them are implemented (a\n"
    "profile's minKernel is then not applied).  Exit status: 0 all are, 1 some are\n"
    "not, 2 an error (an unreadable input, or a name no kernel in the catalog has ever\n"
    "had; a profile's unknown names are only warnings).\n";

typedef enum { IN_NAMES, IN_STRACE, IN_SECCOMP, IN_ELF, IN_AUTO } in_type;

/* --input values, indexed by in_type. */
static const char *const type_names[] = {"names", "strace", "seccomp", "elf"};

/* A verdict kept for the "verdicts" table of csv and json output. */
typedef struct {
	char *input, *abi, *verdict;
	in_type type;
	int missing;
} verdict;

typedef struct {
	sqlite3 *db;
	const kabi_cli_opts *o;
	kabi_out *out;
	int legacy;      /* names only: one "check" (or "min") table as before */
	int ord, newest; /* the target release (not with --min), the newest one */
	char *rel;       /* its name; NULL with --min */
	sqlite3_stmt *abi_id, *present, *known, *at, *hist, *bynr, *impl, *relname, *anyspan;
	int errors; /* inputs (or input+ABI) that could not be checked */
	int failed; /* input+ABI verdicts that found something missing */
	verdict *v;
	size_t nv;
} checker;

/* One syscall of an input on one ABI, after numbers became names. */
typedef struct {
	char *name;   /* "#451" when no release has that number on the ABI */
	long long nr; /* the artifact's number, -1 when it named the syscall */
} item;

typedef struct {
	item *v;
	size_t n;
} items;

static void items_add(items *l, const char *name, long long nr)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return;
	l->v = kabi_realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].name = kabi_strdup(name);
	l->v[l->n++].nr = nr;
}

static void items_free(items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

/* Names separated by white space or commas, '#' comments. */
static void read_names(kabi_needs *ns, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) >= 0) {
		char *p = line, *hash = strchr(line, '#');

		if (hash)
			*hash = '\0';
		while (*p) {
			char *s;

			while (*p && (isspace((unsigned char)*p) || *p == ','))
				p++;
			s = p;
			while (*p && !isspace((unsigned char)*p) && *p != ',')
				p++;
			if (p > s) {
				char c = *p;

				*p = '\0';
				kabi_needs_add(ns, NULL, s, -1, 1, NULL);
				*p = c;
			}
		}
	}
	free(line);
}

/*
 * Takes "--input TYPE" / "--input=TYPE" out of argv (kabi_cli_parse knows
 * only the options every command shares).  Stops at "--".  *t stays IN_AUTO
 * when the option is absent.
 */
static int take_input_opt(int *argc, char **argv, in_type *t)
{
	int i, j, k;

	*t = IN_AUTO;
	for (i = 1; i < *argc && strcmp(argv[i], "--") != 0;) {
		const char *val;
		int used;

		if (strcmp(argv[i], "--input") == 0) {
			if (i + 1 >= *argc)
				return kabi_cli_usage(usage, "option '--input' needs a value");
			val = argv[i + 1];
			used = 2;
		} else if (strncmp(argv[i], "--input=", 8) == 0) {
			val = argv[i] + 8;
			used = 1;
		} else {
			i++;
			continue;
		}
		for (k = 0; k < IN_AUTO && strcmp(val, type_names[k]) != 0; k++)
			;
		if (k == IN_AUTO)
			return kabi_cli_usage(
			    usage, "unknown input type '%s' (types: names, strace, seccomp, elf)",
			    val);
		*t = (in_type)k;
		for (j = i; j + used <= *argc; j++)
			argv[j] = argv[j + used];
		*argc -= used;
	}
	return 0;
}

/* ---- the catalog --------------------------------------------------------- */

static int prepare(checker *c)
{
	sqlite3_stmt *st;

	c->abi_id = kabi_cli_prepare(c->db, "SELECT id FROM abi WHERE name = ?1");
	c->present =
	    kabi_cli_prepare(c->db, "SELECT 1 FROM abi_release WHERE abi_id = ?1 AND ord = ?2");
	c->known = kabi_cli_prepare(c->db, "SELECT id FROM syscall WHERE name = ?1");
	c->at = kabi_cli_prepare(
	    c->db, "SELECT nr, implemented FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
	           "AND first_ord <= ?3 AND last_ord >= ?3");
	c->hist = kabi_cli_prepare(
	    c->db,
	    "SELECT (SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
	    "        WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 ORDER BY sp.first_ord LIMIT 1), "
	    "(SELECT r.name FROM event e JOIN release r ON r.ord = e.ord WHERE e.abi_id = ?1 "
	    " AND e.syscall_id = ?2 AND e.kind = 'removed' AND e.ord <= ?3 ORDER BY e.ord DESC "
	    "LIMIT 1), "
	    "(SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
	    " WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 AND sp.first_ord > ?3 ORDER BY "
	    "sp.first_ord LIMIT 1)");
	/* A number names the syscall that has it at the target; failing that,
	 * the nearest later one (a binary built for a newer kernel), then the
	 * latest earlier one. */
	c->bynr = kabi_cli_prepare(
	    c->db,
	    "SELECT s.name FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
	    "WHERE sp.abi_id = ?1 AND sp.nr = ?2 "
	    "ORDER BY (sp.first_ord <= ?3 AND sp.last_ord >= ?3) DESC, (sp.first_ord > ?3) DESC, "
	    "CASE WHEN sp.first_ord > ?3 THEN sp.first_ord ELSE -sp.last_ord END LIMIT 1");
	c->impl =
	    kabi_cli_prepare(c->db, "SELECT first_ord, last_ord FROM span "
	                            "WHERE abi_id = ?1 AND syscall_id = ?2 AND implemented = 1");
	c->anyspan =
	    kabi_cli_prepare(c->db, "SELECT 1 FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
	                            "AND first_ord <= ?3 AND last_ord >= ?3");
	c->relname = kabi_cli_prepare(c->db, "SELECT name FROM release WHERE ord = ?1");
	if (!c->abi_id || !c->present || !c->known || !c->at || !c->hist || !c->bynr || !c->impl ||
	    !c->anyspan || !c->relname)
		return -1;
	if (!(st = kabi_cli_prepare(c->db, "SELECT max(ord) FROM release")))
		return -1;
	c->newest = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

/* Runs a prepared statement with int parameters; 1 when it gave a row (the
 * statement is then left on that row: reset it after reading). */
static int step_ints(sqlite3_stmt *st, int n, const long long *v)
{
	int i;

	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	return sqlite3_step(st) == SQLITE_ROW;
}

static int abi_lookup(checker *c, const char *name)
{
	int id = -1;

	sqlite3_bind_text(c->abi_id, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(c->abi_id) == SQLITE_ROW)
		id = sqlite3_column_int(c->abi_id, 0);
	sqlite3_reset(c->abi_id);
	return id;
}

static int syscall_lookup(checker *c, const char *name)
{
	int id = -1;

	sqlite3_bind_text(c->known, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(c->known) == SQLITE_ROW)
		id = sqlite3_column_int(c->known, 0);
	sqlite3_reset(c->known);
	return id;
}

/* The release name at ord; owned by the caller. */
static char *release_name(checker *c, int ord)
{
	long long v = ord;
	char *s;

	s = step_ints(c->relname, 1, &v)
	        ? kabi_strdup((const char *)sqlite3_column_text(c->relname, 0))
	        : kabi_strdup("?");
	sqlite3_reset(c->relname);
	return s;
}

/* The needs of ns on abi (a need's own ABI, else the set's), numbers mapped
 * to names through the catalog, duplicates dropped. */
static void collect(checker *c, const kabi_needs *ns, const char *abi, int abi_id, items *out)
{
	size_t i;

	for (i = 0; i < ns->n; i++) {
		const kabi_need *d = &ns->v[i];
		const char *a = d->abi ? d->abi : ns->abi;
		long long b[3];
		char buf[32];

		if (!a || strcmp(a, abi) != 0)
			continue;
		if (d->name) {
			items_add(out, d->name, d->nr);
			continue;
		}
		b[0] = abi_id;
		b[1] = d->nr;
		b[2] = c->rel ? c->ord : c->newest;
		if (step_ints(c->bynr, 3, b)) {
			items_add(out, (const char *)sqlite3_column_text(c->bynr, 0), d->nr);
		} else {
			snprintf(buf, sizeof(buf), "#%lld", d->nr);
			items_add(out, buf, d->nr);
		}
		sqlite3_reset(c->bynr);
	}
}

/* ---- verdicts -------------------------------------------------------------- */

static void add_verdict(checker *c, const char *input, in_type type, const char *abi, int missing,
                        const char *text)
{
	verdict *v;

	if (c->legacy)
		kabi_out_footer(c->out, "%s", text);
	else
		kabi_out_footer(c->out, "%s: %s", input, text);
	c->v = kabi_realloc(c->v, (c->nv + 1) * sizeof(*c->v));
	v = &c->v[c->nv++];
	v->input = kabi_strdup(input);
	v->abi = kabi_strdup(abi);
	v->verdict = kabi_strdup(text);
	v->type = type;
	v->missing = missing;
}

/* csv and json have no footers: the verdicts become a table of their own. */
static void verdict_table(checker *c)
{
	static const char *const cols[] = {"input", "type", "abi", "missing:int", "verdict"};
	size_t i;

	if (c->legacy || c->o->fmt == KABI_OUT_TEXT)
		return;
	kabi_out_table(c->out, "verdicts", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < c->nv; i++) {
		char n[16];
		const char *row[5] = {c->v[i].input, type_names[c->v[i].type], c->v[i].abi, n,
		                      c->v[i].verdict};

		snprintf(n, sizeof(n), "%d", c->v[i].missing);
		kabi_out_row(c->out, row);
	}
}

static void start_table(checker *c, const char *input, const char *abi, const char *const *cols,
                        size_t n)
{
	kabi_strbuf name = KABI_STRBUF_INIT;

	if (c->legacy)
		kabi_strbuf_puts(&name, c->rel ? "check" : "min");
	else
		kabi_strbuf_printf(&name, "%s:%s", input, abi);
	kabi_out_table(c->out, name.buf, cols, n);
	kabi_strbuf_free(&name);
}

/* "; 3 calls with a number kabi could not determine (first: import syscall)" */
static void unknown_note(kabi_strbuf *sb, const kabi_needs *ns)
{
	if (ns->unknown)
		kabi_strbuf_printf(
		    sb, "; %llu call%s with a number kabi could not determine (first: %s)",
		    ns->unknown, ns->unknown == 1 ? "" : "s",
		    ns->unknown_why ? ns->unknown_why : "?");
}

/* "unknown syscall 'opne' (did you mean open?)"; a profile's is a warning. */
static void unknown_name(checker *c, const char *profile, const char *name)
{
	char *s = kabi_suggest_sql(c->db, name, "SELECT name FROM syscall");
	const char *open = *s ? " (did you mean " : "", *close = *s ? "?)" : "";

	if (profile)
		kabi_cli_error("warning: '%s' allows unknown syscall '%s'%s%s%s", profile, name,
		               open, s, close);
	else
		kabi_cli_error("unknown syscall '%s'%s%s%s", name, open, s, close);
	free(s);
}

/* ---- kabi check --kernel ------------------------------------------------------ */

typedef struct {
	const char *label; /* the input as the user wrote it */
	in_type type;
	kabi_strlist warned; /* seccomp: unknown names already reported */
} input;

static int warned_before(input *in, const char *name)
{
	size_t i;

	for (i = 0; i < in->warned.n; i++)
		if (strcmp(in->warned.v[i], name) == 0)
			return 1;
	in->warned.v = kabi_realloc(in->warned.v, (in->warned.n + 1) * sizeof(*in->warned.v));
	in->warned.v[in->warned.n++] = kabi_strdup(name);
	return 0;
}

/*
 * The table of one input on one ABI at the target release.  What counts
 * against the verdict depends on where the names come from: a profile lists
 * syscalls of other architectures and typos harmlessly, a program or a log
 * needs every one of them, and a name the user typed that no kernel has ever
 * had is an error.
 */
static void check_abi(checker *c, input *in, const kabi_needs *ns, const char *abi, int abi_id)
{
	static const char *const cols[] = {"syscall", "status", "nr:int", "first", "removed"};
	items l = {NULL, 0};
	kabi_strbuf missing = KABI_STRBUF_INIT, text = KABI_STRBUF_INIT;
	int nmissing = 0, nunknown = 0, nother = 0, seccomp = in->type == IN_SECCOMP;
	size_t k;

	collect(c, ns, abi, abi_id, &l);
	start_table(c, in->label, abi, cols, sizeof(cols) / sizeof(cols[0]));
	for (k = 0; k < l.n; k++) {
		const char *v[5] = {l.v[k].name, NULL, NULL, NULL, NULL};
		char nrbuf[32];
		long long b[3];
		int sys = syscall_lookup(c, l.v[k].name), ok = 0, other = 0;

		if (sys < 0) {
			if (l.v[k].name[0] == '#') {
				v[1] = "unknown number";
				snprintf(nrbuf, sizeof(nrbuf), "%lld", l.v[k].nr);
				v[2] = nrbuf;
			} else {
				v[1] = "unknown name";
			}
			kabi_out_row(c->out, v);
			if (in->type == IN_NAMES || (seccomp && !warned_before(in, l.v[k].name)))
				unknown_name(c, seccomp ? in->label : NULL, l.v[k].name);
			if (in->type == IN_NAMES || seccomp) {
				nunknown++;
				continue;
			}
			nmissing++;
			if (missing.len)
				kabi_strbuf_puts(&missing, ", ");
			kabi_strbuf_printf(&missing, "%s (%s)", l.v[k].name, v[1]);
			continue;
		}
		b[0] = abi_id;
		b[1] = sys;
		b[2] = c->ord;
		/* first: when it first appeared on this ABI; removed: the
		 * removal before the target, if it is absent there */
		if (step_ints(c->hist, 3, b))
			v[3] = (const char *)sqlite3_column_text(c->hist, 0);
		if (step_ints(c->at, 3, b)) {
			snprintf(nrbuf, sizeof(nrbuf), "%lld",
			         (long long)sqlite3_column_int64(c->at, 0));
			v[2] = nrbuf;
			ok = sqlite3_column_int(c->at, 1);
			v[1] = ok ? "available" : "not implemented";
		} else if (!v[3]) {
			v[1] = "never on this ABI";
			other = seccomp;
		} else if (sqlite3_column_type(c->hist, 2) != SQLITE_NULL &&
		           sqlite3_column_type(c->hist, 1) == SQLITE_NULL) {
			v[1] = "added later";
			v[3] = (const char *)sqlite3_column_text(c->hist, 2);
		} else {
			v[1] = "removed";
			v[4] = (const char *)sqlite3_column_text(c->hist, 1);
		}
		if (!v[2] && l.v[k].nr >= 0) {
			/* the number the artifact used, where the target has none */
			snprintf(nrbuf, sizeof(nrbuf), "%lld", l.v[k].nr);
			v[2] = nrbuf;
		}
		kabi_out_row(c->out, v);
		if (other) {
			nother++;
		} else if (!ok) {
			nmissing++;
			if (missing.len)
				kabi_strbuf_puts(&missing, ", ");
			kabi_strbuf_printf(&missing, "%s (%s)", l.v[k].name, v[1]);
		}
		sqlite3_reset(c->at);
		sqlite3_reset(c->hist);
	}
	if (seccomp) {
		if (nmissing)
			kabi_strbuf_printf(&text, "%d allowed syscall%s missing on %s at %s: %s",
			                   nmissing, nmissing == 1 ? "" : "s", abi, c->rel,
			                   missing.buf);
		else
			kabi_strbuf_printf(&text, "all %zu allowed syscalls available on %s at %s",
			                   l.n - (size_t)nunknown - (size_t)nother, abi, c->rel);
		if (nother)
			kabi_strbuf_printf(&text, "; %d never on %s", nother, abi);
		if (nunknown)
			kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown,
			                   nunknown == 1 ? "" : "s");
	} else if (nmissing) {
		kabi_strbuf_printf(&text, "%s at %s: %d of %zu syscalls not available: %s", abi,
		                   c->rel, nmissing, l.n - (size_t)nunknown, missing.buf);
	} else if (!nunknown || !c->legacy) {
		kabi_strbuf_printf(&text, "%s at %s: all %zu syscalls available", abi, c->rel,
		                   l.n - (size_t)nunknown);
	}
	if (nunknown && !seccomp && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown,
		                   nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi) == 0)
		unknown_note(&text, ns);
	if (text.len)
		add_verdict(c, in->label, in->type, abi, nmissing, text.buf);
	if (nmissing)
		c->failed++;
	if (nunknown && in->type == IN_NAMES)
		c->errors++;
	kabi_strbuf_free(&missing);
	kabi_strbuf_free(&text);
	items_free(&l);
}

/* "a, b" -> "set by a, b" */
static void set_by(kabi_strbuf *sb)
{
	char *names = kabi_strbuf_detach(sb);

	kabi_strbuf_printf(sb, "set by %s", names);
	free(names);
}

/* ---- kabi check --min ------------------------------------------------------------ */

/*
 * The releases on which every syscall of the input is implemented on abi:
 * the intersection of the implemented spans, then the run of consecutive
 * releases from the oldest of them.  A bound is "set by" the syscalls that
 * are not implemented just outside it.
 */
static void min_abi(checker *c, input *in, const kabi_needs *ns, const char *abi, int abi_id)
{
	static const char *const cols[] = {"bound", "release", "reason"};
	items l = {NULL, 0};
	size_t nrel = (size_t)c->newest + 1, k;
	unsigned char *all = kabi_malloc(nrel), *one = kabi_malloc(nrel);
	kabi_strbuf text = KABI_STRBUF_INIT, lo_by = KABI_STRBUF_INIT, hi_by = KABI_STRBUF_INIT,
	            never = KABI_STRBUF_INIT;
	int *ids, lo = -1, hi = -1, nunknown = 0;
	size_t nused = 0;
	char *lo_rel = NULL, *hi_rel = NULL, *after = NULL;

	collect(c, ns, abi, abi_id, &l);
	/* ids[k]: the syscall's id; -1 unknown; -2 does not constrain */
	ids = kabi_calloc(l.n + 1, sizeof(*ids));
	memset(all, 1, nrel);
	for (k = 0; k < l.n; k++) {
		size_t r;
		int any = 0;

		if ((ids[k] = syscall_lookup(c, l.v[k].name)) < 0) {
			if (in->type == IN_NAMES)
				unknown_name(c, NULL, l.v[k].name);
			/* a profile's typo constrains nothing; a log's or a
			 * binary's unknown syscall exists on no release */
			if (in->type == IN_NAMES || in->type == IN_SECCOMP) {
				ids[k] = -2;
				nunknown++;
				continue;
			}
		}
		memset(one, 0, nrel);
		sqlite3_reset(c->impl);
		sqlite3_bind_int(c->impl, 1, abi_id);
		sqlite3_bind_int(c->impl, 2, ids[k]);
		while (ids[k] >= 0 && sqlite3_step(c->impl) == SQLITE_ROW) {
			int f = sqlite3_column_int(c->impl, 0), t = sqlite3_column_int(c->impl, 1),
			    o;

			for (o = f; o <= t && o < (int)nrel; o++)
				one[o] = 1, any = 1;
		}
		sqlite3_reset(c->impl);
		if (!any) {
			/* a profile may list syscalls of other architectures */
			if (in->type == IN_SECCOMP) {
				ids[k] = -2;
				continue;
			}
			if (never.len)
				kabi_strbuf_puts(&never, ", ");
			kabi_strbuf_puts(&never, l.v[k].name);
		}
		for (r = 0; r < nrel; r++)
			all[r] &= one[r];
		nused++;
	}
	start_table(c, in->label, abi, cols, sizeof(cols) / sizeof(cols[0]));
	/* With no syscall to constrain it, the range is where the ABI has
	 * tables (otherwise the spans already leave those releases out). */
	for (k = 0; k < nrel; k++) {
		long long b[2] = {abi_id, (long long)k};

		if (!nused && !step_ints(c->present, 2, b))
			all[k] = 0;
		sqlite3_reset(c->present);
		if (all[k] && lo < 0)
			lo = (int)k;
	}
	if (lo >= 0) {
		long long b[3] = {abi_id, lo - 1, 0};
		int lo_table, hi_table;

		for (hi = lo; hi + 1 < (int)nrel && all[hi + 1]; hi++)
			;
		/* a bound where the ABI's tables begin or end is set by none */
		lo_table = lo > 0 && !step_ints(c->present, 2, b);
		b[1] = hi + 1;
		hi_table = hi < c->newest && !step_ints(c->present, 2, b);
		sqlite3_reset(c->present);
		for (k = 0; k < l.n; k++) {
			if (ids[k] < 0)
				continue;
			b[1] = ids[k];
			b[2] = lo - 1;
			if (lo > 0 && !lo_table &&
			    (!step_ints(c->at, 3, b) || !sqlite3_column_int(c->at, 1)))
				kabi_strbuf_printf(&lo_by, "%s%s", lo_by.len ? ", " : "",
				                   l.v[k].name);
			b[2] = hi + 1;
			if (hi < c->newest && !hi_table &&
			    (!step_ints(c->at, 3, b) || !sqlite3_column_int(c->at, 1))) {
				int present = step_ints(c->anyspan, 3, b);

				sqlite3_reset(c->anyspan);
				kabi_strbuf_printf(&hi_by, "%s%s %s", hi_by.len ? ", " : "",
				                   l.v[k].name,
				                   present ? "unimplemented" : "removed");
			}
			sqlite3_reset(c->at);
		}
		lo_rel = release_name(c, lo);
		hi_rel = release_name(c, hi);
		if (hi < c->newest)
			after = release_name(c, hi + 1);
		if (lo_by.len)
			set_by(&lo_by);
		else if (lo_table)
			kabi_strbuf_printf(&lo_by, "first %s table in the catalog", abi);
		else
			kabi_strbuf_puts(&lo_by, "oldest in the catalog");
		if (hi_by.len) {
			set_by(&hi_by);
			kabi_strbuf_printf(&hi_by, " in %s", after);
		} else if (hi_table) {
			kabi_strbuf_printf(&hi_by, "last %s table in the catalog", abi);
		} else {
			kabi_strbuf_puts(&hi_by, "newest in the catalog");
		}
		{
			const char *r1[3] = {"oldest", lo_rel, lo_by.buf},
			           *r2[3] = {"newest", hi_rel, hi_by.buf};

			kabi_out_row(c->out, r1);
			kabi_out_row(c->out, r2);
		}
		kabi_strbuf_printf(&text, "%s: oldest: %s (%s); newest: %s (%s)", abi, lo_rel,
		                   lo_by.buf, hi_rel, hi_by.buf);
	} else {
		kabi_strbuf_printf(&text,
		                   "%s: no release in the catalog implements all %zu syscalls", abi,
		                   l.n - (size_t)nunknown);
		if (never.len)
			kabi_strbuf_printf(&text, " (never implemented on %s: %s)", abi, never.buf);
		c->failed++;
	}
	if (nunknown && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown,
		                   nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi) == 0)
		unknown_note(&text, ns);
	add_verdict(c, in->label, in->type, abi, lo < 0, text.buf);
	if (nunknown && in->type == IN_NAMES)
		c->errors++;
	free(lo_rel);
	free(hi_rel);
	free(after);
	free(ids);
	free(all);
	free(one);
	kabi_strbuf_free(&text);
	kabi_strbuf_free(&lo_by);
	kabi_strbuf_free(&hi_by);
	kabi_strbuf_free(&never);
	items_free(&l);
}

/* ---- inputs -------------------------------------------------------------------- */

/*
 * Checks every ABI of a set: the set's own first, then those of needs that
 * carry their own (a personality switch, int $0x80 in 64-bit code).  With
 * implied != 0 (a profile's architectures) an ABI that the catalog lacks
 * or that has no table at the target is skipped with a note; otherwise it
 * is an error.  only: check that ABI alone.  Returns the number of ABIs
 * checked.
 */
static size_t check_set(checker *c, input *in, const kabi_needs *ns, int implied, const char *only)
{
	const char **abis = kabi_calloc(ns->n + 1, sizeof(*abis));
	size_t nabis = 0, i, j, done = 0;

	if (ns->abi)
		abis[nabis++] = ns->abi;
	for (i = 0; i < ns->n; i++) {
		const char *a = ns->v[i].abi;

		for (j = 0; a && j < nabis && strcmp(abis[j], a) != 0; j++)
			;
		if (a && j == nabis)
			abis[nabis++] = a;
	}
	for (i = 0; i < nabis; i++) {
		int id;
		long long b[2];

		if (only && strcmp(only, abis[i]) != 0)
			continue;
		id = abi_lookup(c, abis[i]);
		b[0] = id;
		b[1] = c->ord;
		if (id < 0) {
			if (implied) {
				kabi_cli_error(
				    "note: '%s': ABI '%s' is not in the catalog; not checked",
				    in->label, abis[i]);
				continue;
			}
			kabi_cli_error("'%s': ABI '%s' is not in the catalog (see 'kabi abis')",
			               in->label, abis[i]);
			c->errors++;
			continue;
		}
		if (c->rel && !step_ints(c->present, 2, b)) {
			sqlite3_reset(c->present);
			if (implied) {
				kabi_cli_error(
				    "note: '%s': ABI '%s' has no syscall table at %s; not checked",
				    in->label, abis[i], c->rel);
				continue;
			}
			if (c->legacy)
				kabi_cli_abi_present(c->db, id, abis[i], c->ord, c->rel);
			else
				kabi_cli_error(
				    "'%s': ABI '%s' has no syscall table at %s (see 'kabi abis')",
				    in->label, abis[i], c->rel);
			c->errors++;
			continue;
		}
		sqlite3_reset(c->present);
		if (c->rel)
			check_abi(c, in, ns, abis[i], id);
		else
			min_abi(c, in, ns, abis[i], id);
		done++;
	}
	free(abis);
	return done;
}

static void input_error(checker *c)
{
	kabi_cli_error("%s", kabi_error_last());
	c->errors++;
}

/* The whole of a stream (stdin for --input seccomp/elf); owned by the caller. */
static int slurp(FILE *f, const char *name, unsigned char **buf, size_t *len)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kabi_strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		kabi_strbuf_free(&sb);
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", name, strerror(errno));
	}
	*len = sb.len;
	kabi_strbuf_grow(&sb, 1);
	*buf = (unsigned char *)kabi_strbuf_detach(&sb);
	return 0;
}

/*
 * The type of a file from its first bytes: \x7fELF a binary, '{' after
 * white space a seccomp profile, anything else text (an strace log or a
 * list of names, told apart by reading it).
 */
static int sniff(const char *path, in_type *t)
{
	unsigned char b[512];
	struct stat st;
	size_t n, i;
	FILE *f;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*t = IN_ELF;
		return 0;
	}
	if (!(f = fopen(path, "rb")))
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO,
		                      "cannot open '%s': %s", path, strerror(errno));
	n = fread(b, 1, sizeof(b), f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", path, strerror(e));
	}
	fclose(f);
	*t = IN_AUTO;
	if (n >= 4 && memcmp(b,
	                     "\x7f"
	                     "ELF",
	                     4) == 0)
		*t = IN_ELF;
	for (i = 0; i < n && *t == IN_AUTO && isspace(b[i]); i++)
		;
	if (*t == IN_AUTO && i < n && b[i] == '{')
		*t = IN_SECCOMP;
	return 0;
}

/* An ELF file or directory: every ABI found, or only --abi. */
static void do_elf(checker *c, input *in, kabi_needs **sets, size_t nsets)
{
	const char *want = c->o->abi;
	size_t i, checked = 0, noabi = 0;

	for (i = 0; i < nsets; i++) {
		if (sets[i]->abi)
			checked += check_set(c, in, sets[i], 0, want);
		else
			noabi++;
	}
	if (noabi && noabi == nsets) {
		kabi_cli_error("'%s': ELF of an architecture kabi does not know", in->label);
		c->errors++;
	} else if (noabi) {
		kabi_cli_error(
		    "note: '%s': ELF files of an architecture kabi does not know; not checked",
		    in->label);
	}
	if (want && !checked && nsets > noabi) {
		for (i = 0; !sets[i]->abi; i++)
			;
		kabi_cli_error("'%s': no %s syscalls in it (its ELF files are %s%s)", in->label,
		               want, sets[i]->abi, nsets - noabi > 1 ? " and others" : "");
		c->errors++;
	}
}

/* Adds the kabi ABI of an SCMP_ARCH_* name to abis, once. */
static void add_arch(const char **abis, size_t *n, const char *scmp, const char *label)
{
	const char *a = kabi_seccomp_arch_abi(scmp);
	size_t k;

	if (!a) {
		kabi_cli_error("note: '%s': unknown architecture '%s'; not checked", label, scmp);
		return;
	}
	for (k = 0; k < *n && strcmp(abis[k], a) != 0; k++)
		;
	if (k == *n)
		abis[(*n)++] = a;
}

/* A profile's ABIs: --abi, else its architectures and archMap in order, else
 * x86_64 (a profile without architectures applies to the native one). */
static void do_seccomp(checker *c, input *in, const kabi_seccomp *p)
{
	size_t cap = p->architectures.n + 1, nabis = 0, i, j;
	const char **abis;

	for (i = 0; i < p->narch_map; i++)
		cap += 1 + p->arch_map[i].sub.n;
	abis = kabi_calloc(cap, sizeof(*abis));
	if (c->o->abi)
		abis[nabis++] = c->o->abi;
	for (i = 0; !c->o->abi && i < p->architectures.n; i++)
		add_arch(abis, &nabis, p->architectures.v[i], in->label);
	for (i = 0; !c->o->abi && i < p->narch_map; i++) {
		add_arch(abis, &nabis, p->arch_map[i].arch, in->label);
		for (j = 0; j < p->arch_map[i].sub.n; j++)
			add_arch(abis, &nabis, p->arch_map[i].sub.v[j], in->label);
	}
	if (!p->architectures.n && !p->narch_map && !nabis)
		abis[nabis++] = "x86_64";
	for (i = 0; i < nabis; i++) {
		kabi_seccomp_query q = KABI_SECCOMP_QUERY_INIT;
		kabi_needs *ns;

		q.abi = abis[i];
		q.kernel = c->rel; /* NULL with --min: minKernel is not applied */
		if (kabi_seccomp_names(&ns, p, &q, 1) < 0) {
			input_error(c);
			continue;
		}
		check_set(c, in, ns, !c->o->abi, NULL);
		kabi_needs_free(ns);
	}
	free(abis);
}

/* One input: path NULL = standard input. */
static void do_input(checker *c, const char *path, in_type type)
{
	const char *label = path ? path : "-";
	const char *abi = c->o->abi ? c->o->abi : "x86_64";
	input in = {label, type, {NULL, 0}};
	kabi_needs *ns = NULL;
	kabi_seccomp *p = NULL;
	kabi_needs_group *g = NULL;
	unsigned char *buf = NULL;
	size_t len = 0, i;
	struct stat st;
	int rc;

	if (path && type == IN_AUTO && sniff(path, &type) < 0) {
		input_error(c);
		return;
	}
	in.type = type == IN_AUTO ? IN_STRACE : type;
	if (!path && (type == IN_SECCOMP || type == IN_ELF) &&
	    slurp(stdin, label, &buf, &len) < 0) {
		input_error(c);
		return;
	}
	switch (type) {
	case IN_AUTO:
	case IN_STRACE:
		ns = kabi_needs_new(abi, label);
		rc = path ? kabi_strace_read(ns, path) : kabi_strace_read_fp(ns, stdin, label);
		if (rc == 0) {
			in.type = IN_STRACE;
			if (ns->warning)
				kabi_cli_error("warning: %s%s", ns->warning,
				               ns->nwarnings > 1 ? " (and more like it)" : "");
			check_set(c, &in, ns, 0, NULL);
			break;
		}
		if (type == IN_STRACE || rc != KABI_EINVALID) {
			input_error(c);
			break;
		}
		/* not strace output: a list of names */
		kabi_needs_free(ns);
		ns = NULL;
		/* fall through */
	case IN_NAMES: {
		FILE *f = path ? fopen(path, "r") : stdin;

		in.type = IN_NAMES;
		if (!f) {
			kabi_error_set(KABI_EIO, "cannot open '%s': %s", path, strerror(errno));
			input_error(c);
			break;
		}
		if (!ns)
			ns = kabi_needs_new(abi, label);
		read_names(ns, f);
		rc = ferror(f) ? errno : 0;
		if (f != stdin)
			fclose(f);
		if (rc) {
			kabi_error_set(KABI_EIO, "cannot read '%s': %s", label, strerror(rc));
			input_error(c);
			break;
		}
		check_set(c, &in, ns, 0, NULL);
		break;
	}
	case IN_SECCOMP:
		if ((path ? kabi_seccomp_load(&p, path)
		          : kabi_seccomp_parse(&p, (char *)buf, len, label)) < 0) {
			input_error(c);
			break;
		}
		do_seccomp(c, &in, p);
		break;
	case IN_ELF:
		if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			g = kabi_needs_group_new();
			if (kabi_elf_read_dir(g, path) < 0) {
				for (i = 0; i < g->nerrors; i++)
					kabi_cli_error("%s", g->errors[i]);
				c->errors++;
			}
			if (!g->files && !g->nerrors) {
				kabi_cli_error("'%s': no ELF file in it", label);
				c->errors++;
			}
			do_elf(c, &in, g->v, g->n);
			break;
		}
		if ((path ? kabi_elf_read(&ns, path) : kabi_elf_read_mem(&ns, buf, len, label)) <
		    0) {
			input_error(c);
			break;
		}
		do_elf(c, &in, &ns, 1);
		break;
	}
	for (i = 0; i < in.warned.n; i++)
		free(in.warned.v[i]);
	free(in.warned.v);
	kabi_needs_free(ns);
	kabi_seccomp_free(p);
	kabi_needs_group_free(g);
	free(buf);
}

/* An operand is a file when --input says so, when it exists, or when it has
 * a '/' (no syscall name does; "./x.log" that is missing is an error). */
static int is_path(const char *arg, in_type forced)
{
	struct stat st;

	return forced != IN_AUTO || strchr(arg, '/') || stat(arg, &st) == 0;
}

int cmd_check(int argc, char **argv)
{
	kabi_cli_opts o;
	checker c;
	kabi_needs *names = NULL;
	in_type forced;
	int i, j, ret = KABI_EXIT_ERROR, stdin_used = 0, nfiles = 0;

	memset(&c, 0, sizeof(c));
	if (take_input_opt(&argc, argv, &forced))
		return KABI_EXIT_ERROR;
	i = kabi_cli_parse(&o, argc, argv, "dfakm", usage, help);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (!o.kernel && !o.min)
		return kabi_cli_usage(usage, "--kernel or --min is required");
	if (o.kernel && o.min)
		return kabi_cli_usage(usage, "--kernel and --min do not go together");
	c.o = &o;
	names = kabi_needs_new(o.abi ? o.abi : "x86_64", "(arguments)");
	for (j = i; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0)
			stdin_used = 1;
		else if (is_path(argv[j], forced))
			nfiles++;
		else
			kabi_needs_add(names, NULL, argv[j], -1, 1, NULL);
	}
	c.legacy = !nfiles && forced == IN_AUTO;
	if (c.legacy && (stdin_used || i == argc))
		read_names(names, stdin);
	if (c.legacy && names->n == 0) {
		kabi_cli_usage(usage, "no syscall names to check");
		goto out;
	}
	if (kabi_cli_open(&c.db, o.db))
		goto out;
	if (o.abi && kabi_cli_abi(c.db, o.abi, &j))
		goto out;
	if (o.kernel && kabi_cli_release(c.db, o.kernel, &c.ord, &c.rel))
		goto out;
	if (prepare(&c) < 0)
		goto out;
	c.out = kabi_out_new(o.fmt);
	if (names->n) {
		input in = {c.legacy ? "names" : "(arguments)", IN_NAMES, {NULL, 0}};

		check_set(&c, &in, names, 0, NULL);
	}
	for (j = i, stdin_used = 0; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0) {
			if (!c.legacy && !stdin_used++)
				do_input(&c, NULL, forced == IN_AUTO ? IN_NAMES : forced);
		} else if (is_path(argv[j], forced)) {
			do_input(&c, argv[j], forced);
		}
	}
	if (!c.legacy && i == argc)
		do_input(&c, NULL, forced);
	verdict_table(&c);
	kabi_out_print(c.out, stdout);
	ret = c.errors ? KABI_EXIT_ERROR : c.failed ? KABI_EXIT_NO : KABI_EXIT_OK;
out:
	for (j = 0; j < (int)c.nv; j++) {
		free(c.v[j].input);
		free(c.v[j].abi);
		free(c.v[j].verdict);
	}
	free(c.v);
	kabi_needs_free(names);
	kabi_out_free(c.out);
	sqlite3_finalize(c.abi_id);
	sqlite3_finalize(c.present);
	sqlite3_finalize(c.known);
	sqlite3_finalize(c.at);
	sqlite3_finalize(c.hist);
	sqlite3_finalize(c.bynr);
	sqlite3_finalize(c.impl);
	sqlite3_finalize(c.anyspan);
	sqlite3_finalize(c.relname);
	sqlite3_close(c.db);
	free(c.rel);
	return ret;
}
