/*
 * check_report.c - the table and one-line verdict of one input on one ABI:
 * at the target release (kabi check --kernel) or as the range of releases
 * that implement everything (kabi check --min); the "verdicts" table.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
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
	KABI_ARRAY_GROW(c->v, c->nv + 1, c->av);
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
		const char *row[5] = {c->v[i].input, kabi__check_kinds[c->v[i].type].name, c->v[i].abi, n,
				      c->v[i].verdict};

		snprintf(n, sizeof(n), "%d", c->v[i].missing);
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

kabi_chk_count kabi__check_count(in_type t, int known, kabi_sc_status st)
{
	return kabi__check_kinds[t].count[known ? (int)st : KABI_CHK_UNKNOWN_COL];
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

/*
 * The table of one input on one ABI at the target release.  What counts
 * against the verdict depends on where the names come from: a profile lists
 * syscalls of other architectures and typos harmlessly, a program or a log
 * needs every one of them, and a name the user typed that no kernel has ever
 * had is an error.
 */
void kabi__check_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi)
{
	static const char *const cols[] = {"syscall", "status", "nr:int", "first", "removed"};
	items l = KABI_ITEMS_INIT;
	kabi_strbuf missing = KABI_STRBUF_INIT, text = KABI_STRBUF_INIT;
	int nmissing = 0, nunknown = 0, nother = 0, seccomp = in->type == IN_SECCOMP;
	size_t k, ncounted;

	if (kabi__check_collect(c, ns, abi_name, abi, &l) < 0)
		goto out;
	start_table(c, in->label, abi_name, cols, sizeof(cols) / sizeof(cols[0]));
	for (k = 0; k < l.n; k++) {
		const char *v[5] = {l.v[k].name, NULL, NULL, NULL, NULL};
		char nrbuf[32];
		kabi_cat_status st = {KABI_SC_NEVER, -1, -1, -1, -1};
		kabi_chk_count how;

		if (l.v[k].id < 0) {
			if (l.v[k].name[0] == '#') {
				v[1] = "unknown number";
				snprintf(nrbuf, sizeof(nrbuf), "%lld", l.v[k].nr);
				v[2] = nrbuf;
			} else {
				v[1] = "unknown name";
			}
			kabi_out_row(c->out, v);
			how = kabi__check_count(in->type, 0, st.status);
			if (how == KABI_CHK_UNKNOWN && (!seccomp || !warned_before(in, l.v[k].name)) &&
			    kabi__check_unknown_name(c, seccomp ? in->label : NULL, l.v[k].name) < 0)
				goto out;
		} else {
			if (kabi_catalog_syscall_status(&st, c->cat, l.v[k].id, abi, c->ord) < 0) {
				kabi__check_broken(c);
				goto out;
			}
			/* first: when it first appeared on this ABI (or, added
			 * later, where it will); removed: the removal before the
			 * target */
			v[1] = kabi_cli_status_word(st.status);
			v[3] = rel_name(c, st.status == KABI_SC_ADDED_LATER ? st.later_ord : st.first_ord);
			if (st.status == KABI_SC_REMOVED)
				v[4] = rel_name(c, st.removed_ord);
			if (st.nr >= 0) {
				snprintf(nrbuf, sizeof(nrbuf), "%lld", (long long)st.nr);
				v[2] = nrbuf;
			} else if (l.v[k].nr >= 0) {
				/* the number the artifact used, where the target has none */
				snprintf(nrbuf, sizeof(nrbuf), "%lld", l.v[k].nr);
				v[2] = nrbuf;
			}
			kabi_out_row(c->out, v);
			how = kabi__check_count(in->type, 1, st.status);
		}
		switch (how) {
		case KABI_CHK_OK: break;
		case KABI_CHK_ELSEWHERE: nother++; break;
		case KABI_CHK_UNKNOWN: nunknown++; break;
		case KABI_CHK_MISSING:
			nmissing++;
			if (missing.len)
				kabi_strbuf_puts(&missing, ", ");
			kabi_strbuf_printf(&missing, "%s (%s", l.v[k].name, v[1]);
			if (in->type == IN_ELF || in->type == IN_IMAGE)
				where(&missing, l.v[k].need);
			kabi_strbuf_puts(&missing, ")");
			break;
		}
	}
	/* the syscalls the verdict is about: a profile's typos and other
	 * architectures' syscalls are only mentioned, a user's typos are
	 * errors of their own */
	ncounted = l.n - (size_t)nunknown - (size_t)nother;
	if (seccomp) {
		if (nmissing)
			kabi_strbuf_printf(&text, "%d allowed syscall%s missing on %s at %s: %s", nmissing,
					   nmissing == 1 ? "" : "s", abi_name, c->rel, missing.buf);
		else if (ncounted == 0)
			kabi_strbuf_printf(&text, "no allowed syscall to check on %s at %s", abi_name,
					   c->rel);
		else if (ncounted == 1)
			kabi_strbuf_printf(&text, "the 1 allowed syscall is available on %s at %s", abi_name,
					   c->rel);
		else
			kabi_strbuf_printf(&text, "all %zu allowed syscalls available on %s at %s", ncounted,
					   abi_name, c->rel);
		if (nother)
			kabi_strbuf_printf(&text, "; %d never on %s", nother, abi_name);
		if (nunknown)
			kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	} else if (nmissing && ncounted == 1) {
		kabi_strbuf_printf(&text, "%s at %s: the 1 syscall is not available: %s", abi_name, c->rel,
				   missing.buf);
	} else if (nmissing) {
		kabi_strbuf_printf(&text, "%s at %s: %d of %zu syscalls not available: %s", abi_name, c->rel,
				   nmissing, ncounted, missing.buf);
	} else if (!nunknown || !c->legacy) {
		if (ncounted == 0)
			kabi_strbuf_printf(&text, "%s at %s: no syscall to check", abi_name, c->rel);
		else if (ncounted == 1)
			kabi_strbuf_printf(&text, "%s at %s: the 1 syscall is available", abi_name, c->rel);
		else
			kabi_strbuf_printf(&text, "%s at %s: all %zu syscalls available", abi_name, c->rel,
					   ncounted);
	}
	if (nunknown && !seccomp && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi_name) == 0)
		unknown_note(&text, ns);
	if (text.len)
		add_verdict(c, in->label, in->type, abi_name, nmissing, text.buf);
	if (nmissing)
		c->failed++;
	if (nunknown && kabi__check_unknown_is_error(in->type))
		c->errors++;
out:
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
 * the intersection of the implemented releases, then the run of
 * consecutive releases from the oldest of them.  A bound is "set by" the
 * syscalls that are not implemented just outside it.
 */
void kabi__check_min_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi)
{
	static const char *const cols[] = {"bound", "release", "reason"};
	items l = KABI_ITEMS_INIT;
	size_t nrel = c->nrel, k;
	unsigned char *all = kabi_malloc(nrel + 1), *tab = kabi_malloc(nrel + 1), *impl = NULL;
	kabi_strbuf text = KABI_STRBUF_INIT, lo_by = KABI_STRBUF_INIT, hi_by = KABI_STRBUF_INIT,
		    never = KABI_STRBUF_INIT;
	int lo = -1, hi = -1, newest = (int)nrel - 1, nunknown = 0, lo_table, hi_table;
	size_t nused = 0;
	/* use[k]: 1 the syscall constrains the range, its implemented releases
	 * in impl[k * nrel ...]; 0 it does not (a typo, another ABI's) */
	unsigned char *use = NULL;

	if (kabi__check_collect(c, ns, abi_name, abi, &l) < 0 ||
	    kabi_catalog_table_releases(tab, nrel, c->cat, abi) < 0)
		goto broken;
	use = kabi_calloc(l.n + 1, 1);
	impl = kabi_calloc(l.n * nrel + 1, 1);
	memset(all, 1, nrel);
	for (k = 0; k < l.n; k++) {
		unsigned char *one = impl + k * nrel;
		size_t r;
		int any = 0;

		if (l.v[k].id < 0) {
			if (in->type == IN_NAMES && kabi__check_unknown_name(c, NULL, l.v[k].name) < 0)
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
		for (r = 0; r < nrel && !any; r++)
			any = one[r];
		if (!any) {
			/* a profile may list syscalls of other architectures */
			if (in->type == IN_SECCOMP)
				continue;
			if (never.len)
				kabi_strbuf_puts(&never, ", ");
			kabi_strbuf_puts(&never, l.v[k].name);
		}
		for (r = 0; r < nrel; r++)
			all[r] &= one[r];
		use[k] = l.v[k].id >= 0;
		nused++;
	}
	start_table(c, in->label, abi_name, cols, sizeof(cols) / sizeof(cols[0]));
	/* With no syscall to constrain it, the range is where the ABI has
	 * tables (otherwise the spans already leave those releases out). */
	for (k = 0; k < nrel; k++) {
		if (!nused && !tab[k])
			all[k] = 0;
		if (all[k] && lo < 0)
			lo = (int)k;
	}
	if (lo >= 0) {
		for (hi = lo; hi + 1 < (int)nrel && all[hi + 1]; hi++)
			;
		/* a bound where the ABI's tables begin or end is set by none */
		lo_table = lo > 0 && !tab[lo - 1];
		hi_table = hi < newest && !tab[hi + 1];
		for (k = 0; k < l.n; k++) {
			const unsigned char *one = impl + k * nrel;
			kabi_cat_status st;

			if (!use[k])
				continue;
			if (lo > 0 && !lo_table && !one[lo - 1])
				kabi_strbuf_printf(&lo_by, "%s%s", lo_by.len ? ", " : "", l.v[k].name);
			if (hi < newest && !hi_table && !one[hi + 1]) {
				if (kabi_catalog_syscall_status(&st, c->cat, l.v[k].id, abi, hi + 1) < 0)
					goto broken;
				kabi_strbuf_printf(&hi_by, "%s%s %s", hi_by.len ? ", " : "", l.v[k].name,
						   st.nr >= 0 ? "unimplemented" : "removed");
			}
		}
		if (lo_by.len)
			set_by(&lo_by);
		else if (lo_table)
			kabi_strbuf_printf(&lo_by, "first %s table in the catalog", abi_name);
		else
			kabi_strbuf_puts(&lo_by, "oldest in the catalog");
		if (hi_by.len) {
			set_by(&hi_by);
			kabi_strbuf_printf(&hi_by, " in %s", c->rels[hi + 1].name);
		} else if (hi_table) {
			kabi_strbuf_printf(&hi_by, "last %s table in the catalog", abi_name);
		} else {
			kabi_strbuf_puts(&hi_by, "newest in the catalog");
		}
		{
			const char *r1[3] = {"oldest", c->rels[lo].name, lo_by.buf},
				   *r2[3] = {"newest", c->rels[hi].name, hi_by.buf};

			kabi_out_row(c->out, r1);
			kabi_out_row(c->out, r2);
		}
		kabi_strbuf_printf(&text, "%s: oldest: %s (%s); newest: %s (%s)", abi_name, c->rels[lo].name,
				   lo_by.buf, c->rels[hi].name, hi_by.buf);
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
		c->failed++;
	}
	if (nunknown && !c->legacy)
		kabi_strbuf_printf(&text, "; %d unknown name%s", nunknown, nunknown == 1 ? "" : "s");
	if (ns->abi && strcmp(ns->abi, abi_name) == 0)
		unknown_note(&text, ns);
	add_verdict(c, in->label, in->type, abi_name, lo < 0, text.buf);
	if (nunknown && kabi__check_unknown_is_error(in->type))
		c->errors++;
	goto out;
broken:
	kabi__check_broken(c);
out:
	free(use);
	free(impl);
	free(all);
	free(tab);
	kabi_strbuf_free(&text);
	kabi_strbuf_free(&lo_by);
	kabi_strbuf_free(&hi_by);
	kabi_strbuf_free(&never);
	kabi__check_items_free(&l);
}
