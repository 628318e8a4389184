/*
 * check_report.c - the table and one-line verdict of one input on one ABI:
 * at the target release (kabi check --kernel) or as the range of releases
 * that implement everything (kabi check --min); the "verdicts" table.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "check_int.h"
#include "error.h"

/* ---- verdicts -------------------------------------------------------------- */

static void min_range(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi,
		      int *oldest);

static void add_verdict(checker *c, const char *input, in_type type, const char *abi, int missing,
			int fallbacks, int unsure, const char *oldest, const char *text)
{
	verdict *v;

	if (c->legacy)
		kabi_out_footer(c->out, "%s", text);
	else
		kabi_out_footer(c->out, "%s: %s", input, text);
	KABI_ARRAY_GROW(c->v, c->nv + 1, c->av);
	v = &c->v[c->nv++];
	v->input = kabi_strdup(input);
	v->abi = kabi_strdup(abi);
	v->verdict = kabi_strdup(text);
	v->type = type;
	v->missing = missing;
	v->fallbacks = fallbacks;
	v->unsure = unsure;
	v->oldest = oldest ? kabi_strdup(oldest) : NULL;
}

/* csv and json have no footers: the verdicts become a table of their own. */
void kabi__check_verdict_table(checker *c)
{
	/* columns are only ever added at the end: consumers read them by position */
	static const char *const cols[] = {"input",   "type",          "abi",    "missing:int",
					   "verdict", "fallbacks:int", "oldest", "unknown:int"};
	static const char *const summary[] = {"input", "abi", "verdict", "oldest"};
	size_t i;

	if (c->legacy)
		return;
	/* text: the verdicts are footers already; over several ABIs at a
	 * release, a summary with one row per input and ABI follows them */
	if (c->o->fmt == KABI_OUT_TEXT && (c->nabis < 2 || !c->rel))
		return;
	if (c->o->fmt == KABI_OUT_TEXT)
		kabi_out_table(c->out, "summary", summary, sizeof(summary) / sizeof(summary[0]));
	else
		kabi_out_table(c->out, "verdicts", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < c->nv; i++) {
		const verdict *v = &c->v[i];
		char n[16], f[16], u[16];
		const char *row[8] = {
			v->input, kabi__check_kinds[v->type].name, v->abi, n, v->verdict, f, v->oldest, u};

		if (c->o->fmt == KABI_OUT_TEXT) {
			const char *word = v->missing     ? "does not run"
					   : v->unsure    ? "unknown"
					   : v->fallbacks ? "runs with fallbacks"
							  : "runs";
			const char *srow[4] = {v->input, v->abi, word, v->oldest};

			kabi_out_row(c->out, srow);
			continue;
		}
		snprintf(n, sizeof(n), "%d", v->missing);
		snprintf(f, sizeof(f), "%d", v->fallbacks);
		snprintf(u, sizeof(u), "%d", v->unsure);
		kabi_out_row(c->out, row);
	}
}

static void start_table(checker *c, const char *input, const char *abi, const char *const *cols, size_t n)
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
		kabi_strbuf_printf(sb, "; %llu call%s with a number kabi could not determine (first: %s)",
				   ns->unknown, ns->unknown == 1 ? "" : "s",
				   ns->unknown_why ? ns->unknown_why : "?");
}

/* ---- kabi check --kernel ------------------------------------------------------ */

static int warned_before(check_input *in, const char *name)
{
	return !kabi__check_items_add(&in->warned, name, -1, -1);
}

kabi_chk_count kabi__check_count(in_type t, kabi_need_role role, int known, kabi_sc_status st)
{
	return kabi__check_kinds[t].count[role][known ? (int)st : KABI_CHK_UNKNOWN_COL];
}

const char *kabi__check_role_word(kabi_need_role role)
{
	static const char *const words[KABI_NEED_ROLES] = {"required", "optional", "fallback"};

	return words[role];
}

/* The alt column: an optional syscall's fallbacks ("none"), a fallback's
 * first choices. */
static const char *alt_word(const item *it)
{
	if (it->role == KABI_NEED_REQUIRED)
		return NULL;
	return it->alt && *it->alt ? it->alt : it->role == KABI_NEED_OPTIONAL ? "none" : NULL;
}

int kabi__check_unknown_is_error(in_type t)
{
	return kabi__check_kinds[t].unknown_is_error;
}

/* "; syscall at 0x401136" for a program or the one file of a directory
 * that needs it ("...  in 'bin/a'"), "; in 'bin/a', 'bin/b', 'bin/c' and 3
 * more" where several do: which code needs a missing syscall. */
static void where(kabi_strbuf *sb, const kabi_need *d)
{
	if (!d)
		return;
	if (d->files && d->nfiles > 1) {
		kabi_strbuf_printf(sb, "; in %s", d->files);
		if (d->nfiles > KABI_NEED_FILES)
			kabi_strbuf_printf(sb, " and %llu more", d->nfiles - KABI_NEED_FILES);
	} else if (d->why) {
		kabi_strbuf_printf(sb, "; %s", d->why);
	}
}

/* The name of release ord, NULL for -1. */
static const char *rel_name(const checker *c, int ord)
{
	return ord >= 0 ? c->rels[ord].name : NULL;
}

/* Release ord as a date of abi, kabi_cli_date()'s way ("<=v6.12" where the
 * catalog lacks the release before); empty for -1.  < 0 on a catalog error
 * (reported). */
static int date(checker *c, kabi_strbuf *sb, int abi, int ord)
{
	int dated;

	if (ord < 0)
		return 0;
	if (kabi_catalog_dated(&dated, c->cat, abi, ord) < 0)
		return -kabi__check_broken(c);
	kabi_strbuf_printf(sb, "%s%s", dated ? "" : "<=", c->rels[ord].name);
	return 0;
}

/* "a, b" + ", c" */
static void list_add(kabi_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void list_add(kabi_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	if (sb->len)
		kabi_strbuf_puts(sb, ", ");
	va_start(ap, fmt);
	kabi_strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

/*
 * The syscalls counted as available that a kernel has only when built with
 * some options (span_config), by condition: the verdict says so, or "runs"
 * would hide that a kernel without CONFIG_NET has no accept.
 */
typedef struct {
	char *config;
	kabi_strbuf names;
	int n;
} cond;

typedef struct {
	cond *v;
	size_t n, a;
	int total;
} conds;

static void conds_add(conds *cs, const char *config, const char *name)
{
	cond *c = NULL;
	size_t i;

	for (i = 0; i < cs->n && !c; i++)
		if (strcmp(cs->v[i].config, config) == 0)
			c = &cs->v[i];
	if (!c) {
		KABI_ARRAY_GROW(cs->v, cs->n + 1, cs->a);
		c = &cs->v[cs->n++];
		c->config = kabi_strdup(config);
		memset(&c->names, 0, sizeof(c->names));
		c->n = 0;
	}
	if (c->n++ < 3)
		list_add(&c->names, "%s", name);
	cs->total++;
}

static int by_count(const void *a, const void *b)
{
	const cond *x = a, *y = b;

	return x->n != y->n ? y->n - x->n : strcmp(x->config, y->config);
}

/* "; 2 only in kernels built with CONFIG_NET (accept, bind)", or with
 * several conditions "...built with: CONFIG_NET (40 syscalls), ...". */
static void conds_say(kabi_strbuf *sb, conds *cs)
{
	size_t i;

	if (!cs->total)
		return;
	qsort(cs->v, cs->n, sizeof(*cs->v), by_count);
	kabi_strbuf_printf(sb, "; %d only in kernels built with%s ", cs->total, cs->n > 1 ? ":" : "");
	for (i = 0; i < cs->n; i++) {
		const cond *c = &cs->v[i];

		kabi_strbuf_printf(sb, "%s%s (", i ? ", " : "", c->config);
		if (c->n <= 3)
			kabi_strbuf_puts(sb, c->names.buf);
		else
			kabi_strbuf_printf(sb, "%d syscalls", c->n);
		kabi_strbuf_puts(sb, ")");
	}
}

static void conds_free(conds *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].config);
		kabi_strbuf_free(&cs->v[i].names);
	}
	free(cs->v);
}

/*
 * The table of one input on one ABI at the target release.  What counts
 * against the verdict depends on where the names come from (the kind's
 * count[] rules): a profile lists syscalls of other architectures and
 * typos harmlessly, a program or a log needs every required syscall, and
 * a name the user typed that no kernel has ever had is an error.  An
 * optional syscall that is missing is a degraded path when its fallbacks
 * are available ("runs with fallbacks"), missing otherwise.
 */
void kabi__check_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi)
{
	/* columns are only ever added at the end: consumers read them by position */
	static const char *const cols[] = {"syscall", "status", "nr:int",  "first",     "removed",
					   "need",    "alt",    "why:opt", "config:opt"};
	items l = KABI_ITEMS_INIT;
	kabi_strbuf missing = KABI_STRBUF_INIT, text = KABI_STRBUF_INIT, degraded = KABI_STRBUF_INIT,
		    spare = KABI_STRBUF_INIT, oldest = KABI_STRBUF_INIT, unsure = KABI_STRBUF_INIT,
		    status = KABI_STRBUF_INIT;
	int nmissing = 0, nunknown = 0, nother = 0, nfallback = 0, nspare = 0, nunsure = 0,
	    seccomp = in->type == IN_SECCOMP;
	conds cs = {NULL, 0, 0, 0};
	size_t k, ncounted;

	if (kabi__check_collect(c, ns, abi_name, abi, &l) < 0)
		goto out;
	start_table(c, in->label, abi_name, cols, sizeof(cols) / sizeof(cols[0]));
	for (k = 0; k < l.n; k++) {
		const item *it = &l.v[k];
		const char *v[9] = {it->name,     NULL, NULL, NULL, NULL, kabi__check_role_word(it->role),
				    alt_word(it), NULL, NULL};
		char nrbuf[32], *lacking = NULL;
		kabi_strbuf first = KABI_STRBUF_INIT;
		kabi_cat_status st = {KABI_SC_NEVER, -1, -1, -1, -1, NULL, NULL};
		kabi_chk_count how;

		if (it->id < 0) {
			if (it->name[0] == '#') {
				v[1] = "unknown number";
				snprintf(nrbuf, sizeof(nrbuf), "%lld", it->nr);
				v[2] = nrbuf;
			} else {
				v[1] = "unknown name";
			}
			kabi_out_row(c->out, v);
			how = kabi__check_count(in->type, it->role, 0, st.status);
			if (how == KABI_CHK_UNKNOWN && (!seccomp || !warned_before(in, it->name)) &&
			    kabi__check_unknown_name(c, seccomp ? in->label : NULL, it->name) < 0)
				goto out;
		} else {
			if (kabi_catalog_syscall_status(&st, c->cat, it->id, abi, c->ord) < 0) {
				kabi__check_broken(c);
				goto out;
			}
			/* first: when it first appeared on this ABI (or, added
			 * later, where it will), "<=" where the catalog cannot
			 * date it; removed: the removal before the target */
			v[1] = kabi_cli_status_word(st.status);
			v[7] = st.why; /* cond_syscall only, an arch opt-out, an entry table not read */
			/* available, but only in kernels built with these options */
			if (st.status == KABI_SC_AVAILABLE && st.config) {
				if (c->o->fmt == KABI_OUT_TEXT) {
					kabi_strbuf_reset(&status);
					kabi_strbuf_printf(&status, "%s if %s", v[1], st.config);
					v[1] = status.buf;
				} else {
					v[8] = st.config;
				}
			}
			if (date(c, &first, abi,
				 st.status == KABI_SC_ADDED_LATER ? st.later_ord : st.first_ord)) {
				kabi_strbuf_free(&first);
				goto out;
			}
			v[3] = first.len ? first.buf : NULL;
			if (st.status == KABI_SC_REMOVED)
				v[4] = rel_name(c, st.removed_ord);
			if (st.nr >= 0) {
				snprintf(nrbuf, sizeof(nrbuf), "%lld", (long long)st.nr);
				v[2] = nrbuf;
			} else if (it->nr >= 0) {
				/* the number the artifact used, where the target has none */
				snprintf(nrbuf, sizeof(nrbuf), "%lld", it->nr);
				v[2] = nrbuf;
			}
			kabi_out_row(c->out, v);
			how = kabi__check_count(in->type, it->role, 1, st.status);
		}
		if (how == KABI_CHK_FALLBACK) {
			int rc = kabi__check_alt_available(c, it->alt, abi, c->ord, &lacking);

			if (rc < 0)
				goto out;
			if (rc) {
				nfallback++;
				list_add(&degraded, "%s -> %s", it->name, *it->alt ? it->alt : "none");
			} else {
				how = KABI_CHK_MISSING;
			}
		}
		switch (how) {
		case KABI_CHK_OK:
			if (st.status == KABI_SC_AVAILABLE && st.config)
				conds_add(&cs, st.config, it->name);
			break;
		case KABI_CHK_FALLBACK: break;
		case KABI_CHK_ELSEWHERE: nother++; break;
		case KABI_CHK_UNKNOWN: nunknown++; break;
		case KABI_CHK_UNSURE:
			nunsure++;
			list_add(&unsure, "%s", it->name);
			break;
		case KABI_CHK_SPARE:
			nspare++;
			list_add(&spare, "%s", it->name);
			break;
		case KABI_CHK_MISSING:
			nmissing++;
			list_add(&missing, "%s (%s", it->name, v[1]);
			if (st.why)
				kabi_strbuf_printf(&missing, ": %s", st.why);
			if (lacking)
				kabi_strbuf_printf(&missing, "; its fallback %s is not available either",
						   lacking);
			if (in->type == IN_ELF || in->type == IN_IMAGE)
				where(&missing, it->need);
			kabi_strbuf_puts(&missing, ")");
			break;
		}
		free(lacking);
		kabi_strbuf_free(&first);
	}
	/* the syscalls the verdict is about: a profile's typos and other
	 * architectures' syscalls are only mentioned, a user's typos are
	 * errors of their own, a fallback that is not used is not needed */
	ncounted = l.n - (size_t)nunknown - (size_t)nother - (size_t)nspare;
	if (seccomp) {
		if (nmissing)
			kabi_strbuf_printf(&text, "%d allowed syscall%s missing on %s at %s: %s", nmissing,
					   nmissing == 1 ? "" : "s", abi_name, c->rel, missing.buf);
		else if (ncounted == 0)
			kabi_strbuf_printf(&text, "no allowed syscall to check on %s at %s", abi_name,
					   c->rel);
		else if (ncounted == 1 && !nfallback && !nunsure)
			kabi_strbuf_printf(&text, "the 1 allowed syscall is available on %s at %s", abi_name,
					   c->rel);
		else if (!nfallback && !nunsure)
			kabi_strbuf_printf(&text, "all %zu allowed syscalls available on %s at %s", ncounted,
					   abi_name, c->rel);
		else
			kabi_strbuf_printf(&text, "%zu of %zu allowed syscalls available on %s at %s",
					   ncounted - (size_t)nfallback - (size_t)nunsure, ncounted, abi_name,
					   c->rel);
		if (nfallback)
			kabi_strbuf_printf(&text, "; optional, used instead: %s", degraded.buf);
		if (nunsure)
			kabi_strbuf_printf(&text, "; unknown whether implemented (entry table not read): %s",
					   unsure.buf);
		if (nother)
			kabi_strbuf_printf(&text, "; %d never on %s", nother, abi_name);
		if (nunknown)
			kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	} else if (nmissing && ncounted == 1) {
		kabi_strbuf_printf(&text, "%s at %s: does not run: the 1 syscall is not available: %s",
				   abi_name, c->rel, missing.buf);
	} else if (nmissing) {
		kabi_strbuf_printf(&text, "%s at %s: does not run: %d of %zu syscalls not available: %s",
				   abi_name, c->rel, nmissing, ncounted, missing.buf);
		if (nfallback)
			kabi_strbuf_printf(&text, "; with fallbacks: %s", degraded.buf);
	} else if (nunsure) {
		/* neither runs nor does not: said as such, exit 3 */
		kabi_strbuf_printf(&text,
				   "%s at %s: unknown: %d of %zu syscalls are in the table but what they run "
				   "is unknown (the entry table of this release was not read): %s",
				   abi_name, c->rel, nunsure, ncounted, unsure.buf);
		if (nfallback)
			kabi_strbuf_printf(&text, "; with fallbacks: %s", degraded.buf);
	} else if (nfallback) {
		kabi_strbuf_printf(&text,
				   "%s at %s: runs with fallbacks: %d of %zu syscalls not available, used "
				   "instead: %s",
				   abi_name, c->rel, nfallback, ncounted, degraded.buf);
	} else if (!nunknown || !c->legacy) {
		if (ncounted == 0)
			kabi_strbuf_printf(&text, "%s at %s: no syscall to check", abi_name, c->rel);
		else if (ncounted == 1)
			kabi_strbuf_printf(&text, "%s at %s: runs: the 1 syscall is available", abi_name,
					   c->rel);
		else
			kabi_strbuf_printf(&text, "%s at %s: runs: all %zu syscalls available", abi_name,
					   c->rel, ncounted);
	}
	if (text.len)
		conds_say(&text, &cs);
	if (nspare && text.len)
		kabi_strbuf_printf(&text, "; not needed, not available: %s", spare.buf);
	if (nunknown && !seccomp && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi_name) == 0)
		unknown_note(&text, ns);
	/* over several ABIs, each verdict row also says since when it runs */
	if (text.len && c->nabis > 1 && !c->broken) {
		int lo = -1;

		min_range(c, in, ns, abi_name, abi, &lo);
		if (c->broken || (lo >= 0 && date(c, &oldest, abi, lo) < 0))
			goto out;
		if (lo < 0)
			kabi_strbuf_puts(&oldest, "none");
	}
	if (text.len)
		add_verdict(c, in->label, in->type, abi_name, nmissing, nfallback, nunsure,
			    oldest.len ? oldest.buf : NULL, text.buf);
	if (nmissing)
		c->failed++;
	else if (nunsure)
		c->unsure++;
	if (nunknown && kabi__check_unknown_is_error(in->type))
		c->errors++;
out:
	kabi_strbuf_free(&missing);
	kabi_strbuf_free(&text);
	kabi_strbuf_free(&degraded);
	kabi_strbuf_free(&spare);
	kabi_strbuf_free(&oldest);
	kabi_strbuf_free(&unsure);
	kabi_strbuf_free(&status);
	conds_free(&cs);
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

/* The run of consecutive releases from the oldest with all[r] set: *lo
 * and *hi, -1 when there is none. */
static void run_of(const unsigned char *all, size_t nrel, int *lo, int *hi)
{
	size_t k;

	*lo = *hi = -1;
	for (k = 0; k < nrel && !all[k]; k++)
		;
	if (k == nrel)
		return;
	*lo = *hi = (int)k;
	while (*hi + 1 < (int)nrel && all[*hi + 1])
		(*hi)++;
}

/*
 * Why the range lo..hi of abi ends where it does: "set by" the syscalls
 * not usable (ok[k * nrel + r] 0) just outside it, an optional one named
 * with its fallbacks when fb; or the ABI's first or last table, or the
 * catalog's ends.  < 0 on a catalog error (reported).
 */
static int bounds(checker *c, const items *l, const unsigned char *use, const unsigned char *ok,
		  const unsigned char *tab, const char *abi_name, int abi, int lo, int hi, int fb,
		  kabi_strbuf *lo_by, kabi_strbuf *hi_by)
{
	size_t nrel = c->nrel, k;
	int newest = (int)nrel - 1;
	/* a bound where the ABI's tables begin or end is set by none */
	int lo_table = lo > 0 && !tab[lo - 1], hi_table = hi < newest && !tab[hi + 1];

	for (k = 0; k < l->n; k++) {
		const unsigned char *one = ok + k * nrel;
		const item *it = &l->v[k];
		kabi_strbuf name = KABI_STRBUF_INIT;
		kabi_cat_status st;

		if (!use[k])
			continue;
		kabi_strbuf_puts(&name, it->name);
		if (fb && it->role == KABI_NEED_OPTIONAL)
			kabi_strbuf_printf(&name, " (fallback %s)", *it->alt ? it->alt : "none");
		if (lo > 0 && !lo_table && !one[lo - 1])
			list_add(lo_by, "%s", name.buf);
		if (hi < newest && !hi_table && !one[hi + 1]) {
			if (kabi_catalog_syscall_status(&st, c->cat, it->id, abi, hi + 1) < 0) {
				kabi_strbuf_free(&name);
				return -kabi__check_broken(c);
			}
			list_add(hi_by, "%s %s", name.buf, st.nr >= 0 ? "unimplemented" : "removed");
		}
		kabi_strbuf_free(&name);
	}
	if (lo_by->len)
		set_by(lo_by);
	else if (lo_table && memchr(tab, 1, (size_t)lo - 1)) /* an earlier life of the ABI */
		kabi_strbuf_printf(lo_by, "no %s table at %s, the release before", abi_name,
				   c->rels[lo - 1].name);
	else if (lo_table)
		kabi_strbuf_printf(lo_by, "first %s table in the catalog", abi_name);
	else
		kabi_strbuf_puts(lo_by, "oldest in the catalog");
	if (hi_by->len) {
		set_by(hi_by);
		kabi_strbuf_printf(hi_by, " in %s", c->rels[hi + 1].name);
	} else if (hi_table && hi + 2 <= newest && memchr(tab + hi + 2, 1, (size_t)(newest - hi - 1))) {
		kabi_strbuf_printf(hi_by, "no %s table at %s, the release after", abi_name,
				   c->rels[hi + 1].name);
	} else if (hi_table) {
		kabi_strbuf_printf(hi_by, "last %s table in the catalog", abi_name);
	} else {
		kabi_strbuf_puts(hi_by, "newest in the catalog");
	}
	return 0;
}

/* *out = 1 when a span of syscall id on abi has its implementation unknown
 * (an era whose entry table kabi did not read). */
static int ever_unknown(checker *c, int64_t id, int abi, int *out)
{
	kabi_cat_history *h;
	size_t i;

	*out = 0;
	if (kabi_catalog_history(&h, c->cat, id, abi) < 0)
		return -1; /* the caller calls kabi__check_broken() */
	for (i = 0; i < h->nspans; i++)
		*out |= h->spans[i].implemented == KABI_IMPL_UNKNOWN;
	kabi_cat_history_free(h);
	return 0;
}

/*
 * The releases on which the input runs on abi: those that implement every
 * required syscall and, for every optional one, it or all of its
 * fallbacks (a syscall needed only as a fallback constrains nothing on
 * its own); then the run of consecutive releases from the oldest of them.
 * A bound is "set by" the syscalls that are not usable just outside it.
 * When the input has optional syscalls and using none of their fallbacks
 * gives another range, that range is told too ("without fallbacks").
 */
void kabi__check_min_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi)
{
	min_range(c, in, ns, abi_name, abi, NULL);
}

/* kabi__check_min_abi(); with oldest != NULL, quietly: only *oldest, the
 * oldest release of the range (-1: none), for kabi__check_abi's verdict. */
static void min_range(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi,
		      int *oldest)
{
	static const char *const cols[] = {"bound", "release", "reason"};
	items l = KABI_ITEMS_INIT;
	size_t nrel = c->nrel, k, r;
	unsigned char *all = kabi_malloc(nrel + 1), *first = kabi_malloc(nrel + 1),
		      *tab = kabi_malloc(nrel + 1), *impl = NULL, *ok = NULL;
	kabi_strbuf text = KABI_STRBUF_INIT, lo_by = KABI_STRBUF_INIT, hi_by = KABI_STRBUF_INIT,
		    never = KABI_STRBUF_INIT, flo_by = KABI_STRBUF_INIT, fhi_by = KABI_STRBUF_INIT,
		    unsure_only = KABI_STRBUF_INIT;
	int lo = -1, hi = -1, flo = -1, fhi = -1, nunknown = 0, nfallback = 0;
	size_t nused = 0, noptional = 0;
	/* use[k]: 1 the syscall constrains the range, its implemented releases
	 * in impl[k * nrel ...], the releases where it or its fallbacks are in
	 * ok[k * nrel ...]; 0 it does not (a typo, another ABI's, a fallback) */
	unsigned char *use = NULL;

	if (kabi__check_collect(c, ns, abi_name, abi, &l) < 0 ||
	    kabi_catalog_table_releases(tab, nrel, c->cat, abi) < 0)
		goto broken;
	use = kabi_calloc(l.n + 1, 1);
	impl = kabi_calloc(l.n * nrel + 1, 1);
	ok = kabi_calloc(l.n * nrel + 1, 1);
	memset(all, 1, nrel);
	memset(first, 1, nrel);
	for (k = 0; k < l.n; k++) {
		unsigned char *one = impl + k * nrel, *alt = ok + k * nrel;
		int any = 0;

		/* used only when what it stands in for is missing: counted there */
		if (l.v[k].role == KABI_NEED_FALLBACK)
			continue;
		if (l.v[k].id < 0) {
			if (!oldest && in->type == IN_NAMES &&
			    kabi__check_unknown_name(c, NULL, l.v[k].name) < 0)
				goto out;
			/* a profile's typo constrains nothing; a log's or a
			 * binary's unknown syscall exists on no release */
			if (in->type == IN_NAMES || in->type == IN_SECCOMP) {
				nunknown++;
				continue;
			}
		} else if (kabi_catalog_implemented_releases(one, nrel, c->cat, l.v[k].id, abi) < 0) {
			goto broken;
		}
		/* ok: it, or every one of its fallbacks */
		if (l.v[k].role == KABI_NEED_OPTIONAL) {
			if (kabi__check_alt_releases(c, l.v[k].alt, abi, alt) < 0)
				goto out;
			noptional++;
		} else {
			memset(alt, 0, nrel);
		}
		for (r = 0; r < nrel; r++) {
			alt[r] |= one[r];
			any |= alt[r];
		}
		if (!any) {
			int unsure = 0;

			/* a profile may list syscalls of other architectures */
			if (in->type == IN_SECCOMP)
				continue;
			if (l.v[k].id >= 0 && ever_unknown(c, l.v[k].id, abi, &unsure) < 0)
				goto broken;
			list_add(unsure ? &unsure_only : &never, "%s", l.v[k].name);
		}
		for (r = 0; r < nrel; r++) {
			all[r] &= alt[r];
			first[r] &= one[r];
		}
		use[k] = l.v[k].id >= 0;
		nused++;
	}
	/* With no syscall to constrain it, the range is where the ABI has
	 * tables (otherwise the spans already leave those releases out). */
	for (r = 0; r < nrel; r++) {
		if (!nused && !tab[r])
			all[r] = first[r] = 0;
	}
	run_of(all, nrel, &lo, &hi);
	run_of(first, nrel, &flo, &fhi);
	if (oldest) {
		*oldest = lo;
		goto out;
	}
	start_table(c, in->label, abi_name, cols, sizeof(cols) / sizeof(cols[0]));
	if (lo >= 0) {
		if (bounds(c, &l, use, ok, tab, abi_name, abi, lo, hi, 1, &lo_by, &hi_by) < 0)
			goto out;
		{
			const char *r1[3] = {"oldest", c->rels[lo].name, lo_by.buf},
				   *r2[3] = {"newest", c->rels[hi].name, hi_by.buf};

			kabi_out_row(c->out, r1);
			kabi_out_row(c->out, r2);
		}
		kabi_strbuf_printf(&text, "%s: oldest: %s (%s); newest: %s (%s)", abi_name, c->rels[lo].name,
				   lo_by.buf, c->rels[hi].name, hi_by.buf);
		for (k = 0; k < l.n; k++)
			nfallback +=
				use[k] && l.v[k].role == KABI_NEED_OPTIONAL && !impl[k * nrel + (size_t)lo];
	} else {
		size_t n = l.n - (size_t)nunknown;

		if (n == 0)
			kabi_strbuf_printf(&text, "%s: no release in the catalog has a %s table", abi_name,
					   abi_name);
		else if (n == 1)
			kabi_strbuf_printf(&text, "%s: no release in the catalog implements the 1 syscall",
					   abi_name);
		else
			kabi_strbuf_printf(&text, "%s: no release in the catalog implements all %zu syscalls",
					   abi_name, n);
		if (never.len)
			kabi_strbuf_printf(&text, " (never implemented on %s: %s)", abi_name, never.buf);
		if (unsure_only.len)
			kabi_strbuf_printf(&text, " (implementation unknown wherever %s has it: %s)",
					   abi_name, unsure_only.buf);
		/* what is known to be missing outweighs what is not known */
		if (never.len || !unsure_only.len)
			c->failed++;
		else
			c->unsure++;
	}
	/* the range with every first choice, when fallbacks widen it */
	if (noptional && lo >= 0 && (flo != lo || fhi != hi)) {
		if (flo < 0) {
			const char *r1[3] = {"oldest without fallbacks", NULL,
					     "no release implements them all"};

			kabi_out_row(c->out, r1);
			kabi_strbuf_puts(&text, "; without fallbacks: no release in the catalog");
		} else {
			if (bounds(c, &l, use, impl, tab, abi_name, abi, flo, fhi, 0, &flo_by, &fhi_by) < 0)
				goto out;
			{
				const char *r1[3] = {"oldest without fallbacks", c->rels[flo].name,
						     flo_by.buf},
					   *r2[3] = {"newest without fallbacks", c->rels[fhi].name,
						     fhi_by.buf};

				kabi_out_row(c->out, r1);
				kabi_out_row(c->out, r2);
			}
			kabi_strbuf_printf(&text, "; without fallbacks: oldest: %s (%s); newest: %s (%s)",
					   c->rels[flo].name, flo_by.buf, c->rels[fhi].name, fhi_by.buf);
		}
	}
	if (nunknown && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi_name) == 0)
		unknown_note(&text, ns);
	add_verdict(c, in->label, in->type, abi_name, lo < 0, nfallback, 0, NULL, text.buf);
	if (nunknown && kabi__check_unknown_is_error(in->type))
		c->errors++;
	goto out;
broken:
	kabi__check_broken(c);
out:
	free(use);
	free(impl);
	free(ok);
	free(all);
	free(first);
	free(tab);
	kabi_strbuf_free(&text);
	kabi_strbuf_free(&lo_by);
	kabi_strbuf_free(&hi_by);
	kabi_strbuf_free(&flo_by);
	kabi_strbuf_free(&fhi_by);
	kabi_strbuf_free(&never);
	kabi_strbuf_free(&unsure_only);
	kabi__check_items_free(&l);
}
