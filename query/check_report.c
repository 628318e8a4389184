/*
 * check_report.c - the table and one-line verdict of one input on one ABI:
 * at the target release (kabi check --kernel) or as the range of releases
 * that implement everything (kabi check --min); the "verdicts" table.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "error.h"

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
void kabi__check_verdict_table(checker *c)
{
	static const char *const cols[] = {"input", "type", "abi", "missing:int", "verdict"};
	size_t i;

	if (c->legacy || c->o->fmt == KABI_OUT_TEXT)
		return;
	kabi_out_table(c->out, "verdicts", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < c->nv; i++) {
		char n[16];
		const char *row[5] = {c->v[i].input, kabi__check_type_names[c->v[i].type], c->v[i].abi, n,
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

static int warned_before(check_input *in, const char *name)
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
void kabi__check_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi,
		     int abi_id)
{
	static const char *const cols[] = {"syscall", "status", "nr:int", "first", "removed"};
	items l = {NULL, 0};
	kabi_strbuf missing = KABI_STRBUF_INIT, text = KABI_STRBUF_INIT;
	int nmissing = 0, nunknown = 0, nother = 0, seccomp = in->type == IN_SECCOMP;
	size_t k;

	kabi__check_collect(c, ns, abi, abi_id, &l);
	start_table(c, in->label, abi, cols, sizeof(cols) / sizeof(cols[0]));
	for (k = 0; k < l.n; k++) {
		const char *v[5] = {l.v[k].name, NULL, NULL, NULL, NULL};
		char nrbuf[32];
		long long b[3];
		int sys = kabi__check_syscall_lookup(c, l.v[k].name), ok = 0, other = 0;

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
		if (kabi__check_step_ints(c->hist, 3, b))
			v[3] = (const char *)sqlite3_column_text(c->hist, 0);
		if (kabi__check_step_ints(c->at, 3, b)) {
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
	kabi__check_items_free(&l);
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
void kabi__check_min_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi,
			 int abi_id)
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

	kabi__check_collect(c, ns, abi, abi_id, &l);
	/* ids[k]: the syscall's id; -1 unknown; -2 does not constrain */
	ids = kabi_calloc(l.n + 1, sizeof(*ids));
	memset(all, 1, nrel);
	for (k = 0; k < l.n; k++) {
		size_t r;
		int any = 0;

		if ((ids[k] = kabi__check_syscall_lookup(c, l.v[k].name)) < 0) {
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

		if (!nused && !kabi__check_step_ints(c->present, 2, b))
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
		lo_table = lo > 0 && !kabi__check_step_ints(c->present, 2, b);
		b[1] = hi + 1;
		hi_table = hi < c->newest && !kabi__check_step_ints(c->present, 2, b);
		sqlite3_reset(c->present);
		for (k = 0; k < l.n; k++) {
			if (ids[k] < 0)
				continue;
			b[1] = ids[k];
			b[2] = lo - 1;
			if (lo > 0 && !lo_table &&
			    (!kabi__check_step_ints(c->at, 3, b) || !sqlite3_column_int(c->at, 1)))
				kabi_strbuf_printf(&lo_by, "%s%s", lo_by.len ? ", " : "",
				                   l.v[k].name);
			b[2] = hi + 1;
			if (hi < c->newest && !hi_table &&
			    (!kabi__check_step_ints(c->at, 3, b) || !sqlite3_column_int(c->at, 1))) {
				int present = kabi__check_step_ints(c->anyspan, 3, b);

				sqlite3_reset(c->anyspan);
				kabi_strbuf_printf(&hi_by, "%s%s %s", hi_by.len ? ", " : "",
				                   l.v[k].name,
				                   present ? "unimplemented" : "removed");
			}
			sqlite3_reset(c->at);
		}
		lo_rel = kabi__check_release_name(c, lo);
		hi_rel = kabi__check_release_name(c, hi);
		if (hi < c->newest)
			after = kabi__check_release_name(c, hi + 1);
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
	kabi__check_items_free(&l);
}
