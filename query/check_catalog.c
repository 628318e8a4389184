/*
 * check_catalog.c - kabi check's view of the catalog (db/read.h): the
 * releases, lookups of ABIs and syscalls, and the needs of an input turned
 * into named items (numbers mapped through the ABI's table).
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "check_int.h"
#include "error.h"
#include "utf8.h"

static size_t name_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

/* The hash slot of name: where it is, or the empty slot where it goes. */
static size_t *items_slot(const items *l, const char *name)
{
	size_t i;

	for (i = name_hash(name) & (l->nslots - 1); l->slot[i]; i = (i + 1) & (l->nslots - 1))
		if (strcmp(l->v[l->slot[i] - 1].name, name) == 0)
			break;
	return &l->slot[i];
}

int kabi__check_items_add(items *l, const char *name, long long nr, int64_t id)
{
	size_t *s, i;

	if ((l->n + 1) * 2 > l->nslots) {
		free(l->slot);
		l->nslots = l->nslots ? l->nslots * 2 : 64;
		l->slot = kabi_calloc(l->nslots, sizeof(*l->slot));
		for (i = 0; i < l->n; i++)
			*items_slot(l, l->v[i].name) = i + 1;
	}
	s = items_slot(l, name);
	if (*s)
		return 0;
	KABI_ARRAY_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n].name = kabi_strdup(name);
	l->v[l->n].id = id;
	l->v[l->n].nr = nr;
	l->v[l->n].need = NULL;
	l->v[l->n].role = KABI_NEED_REQUIRED;
	l->v[l->n].alt = NULL;
	*s = ++l->n;
	return 1;
}

long kabi__check_items_find(const items *l, const char *name)
{
	size_t s;

	if (!l->nslots)
		return -1;
	s = *items_slot(l, name);
	return s ? (long)s - 1 : -1;
}

void kabi__check_items_free(items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].alt);
	}
	free(l->v);
	free(l->slot);
}

/* ---- the catalog --------------------------------------------------------- */

int kabi__check_open(checker *c)
{
	if (kabi_catalog_releases(&c->rels, &c->nrel, c->cat) < 0)
		return kabi__check_broken(c);
	return 0;
}

int kabi__check_broken(checker *c)
{
	if (!c->broken)
		kabi_cli_error("%s", kabi_error_last());
	c->broken = 1;
	c->errors++;
	return KABI_EXIT_ERROR;
}

int kabi__check_abi_lookup(checker *c, const char *name, int *abi)
{
	int rc = kabi_catalog_abi_find(abi, NULL, c->cat, name);

	if (rc == KABI_ENOTFOUND) {
		*abi = -1;
		return 0;
	}
	return rc < 0 ? -kabi__check_broken(c) : 0;
}

/* The id of the syscall called name (exactly: check reports the names it
 * was given), -1 when the catalog has none; < 0 on a catalog error. */
static int syscall_lookup(checker *c, const char *name, int64_t *id)
{
	kabi_cat_syscall sc;
	int rc = kabi_catalog_syscall_find(&sc, NULL, c->cat, name, 0);

	*id = -1;
	if (rc == KABI_ENOTFOUND)
		return 0;
	if (rc < 0)
		return -kabi__check_broken(c);
	*id = sc.id;
	return 0;
}

/* The unknown names reported one by one; past them, one line says that
 * more are not listed (the verdict of each input counts them). */
#define UNKNOWN_LISTED 20
/* The most of a name a message shows: a "name" may be a 1 MB line. */
#define NAME_SHOWN 64

int kabi__check_unknown_name(checker *c, const char *profile, const char *name)
{
	kabi_cat_suggestions sugg;
	kabi_cat_syscall sc;
	kabi_strbuf s = KABI_STRBUF_INIT, cut = KABI_STRBUF_INIT;
	const char *open, *close;
	char *shown;
	size_t i, len;
	/* A suggestion compares the name with every name of the catalog: for
	 * the first few unknown names only, so that a profile of 40,000 typos
	 * costs a lookup each, not a search of the catalog each. */
	int want = c->unknown_names < UNKNOWN_LISTED;
	int rc = kabi_catalog_syscall_find(&sc, want ? &sugg : NULL, c->cat, name, 0);

	if (rc != KABI_ENOTFOUND)
		return rc < 0 ? -kabi__check_broken(c) : 0;
	if (c->unknown_names++ > UNKNOWN_LISTED)
		return 0;
	if (!want) {
		kabi_cli_error("note: more unknown syscall names are not listed one by one (each "
			       "input's verdict counts them)");
		return 0;
	}
	for (i = 0; i < sugg.n; i++)
		kabi_strbuf_printf(&s, "%s%s", i ? ", " : "", sugg.name[i]);
	open = s.len ? " (did you mean " : "";
	close = s.len ? "?)" : "";
	/* the name as a terminal may show it: cut, control characters and
	 * invalid bytes replaced */
	len = strlen(name);
	kabi_strbuf_add(&cut, name, len > NAME_SHOWN ? NAME_SHOWN : len);
	if (len > NAME_SHOWN)
		kabi_strbuf_printf(&cut, "... (%zu bytes)", len);
	shown = kabi_utf8_clean(cut.buf);
	if (profile)
		kabi_cli_error("warning: '%s' allows unknown syscall '%s'%s%s%s", profile, shown, open,
			       s.len ? s.buf : "", close);
	else
		kabi_cli_error("unknown syscall '%s'%s%s%s", shown, open, s.len ? s.buf : "", close);
	free(shown);
	kabi_strbuf_free(&cut);
	kabi_strbuf_free(&s);
	return 0;
}

/* ---- optional syscalls ------------------------------------------------------ */

/* The catalog's name of the syscall the user called name (printing why
 * not and suggestions when there is none); < 0 when there is none. */
static int user_syscall(char **out, checker *c, const char *name, const char *what)
{
	kabi_cat_syscall sc;

	if (!*name) {
		kabi_cli_error("--optional '%s': an empty syscall name", what);
		return -1;
	}
	if (kabi_cli_find_syscall(&sc, c->cat, name))
		return -1;
	*out = kabi_strdup(sc.name);
	return 0;
}

int kabi__check_optional(checker *c)
{
	size_t i, j;

	for (i = 0; i < c->o->noptional; i++) {
		const char *arg = c->o->optional[i], *eq = strchr(arg, '=');
		char *name = eq ? kabi_strndup(arg, (size_t)(eq - arg)) : kabi_strdup(arg), *canon,
		     *fb = NULL;
		int rc = user_syscall(&canon, c, name, arg);

		free(name);
		if (rc < 0)
			return -1;
		if (eq && user_syscall(&fb, c, eq + 1, arg) < 0) {
			free(canon);
			return -1;
		}
		/* a name given again: one entry, with every fallback given */
		for (j = 0; j < c->nopt && strcmp(c->opt_name[j], canon) != 0; j++)
			;
		if (j == c->nopt) {
			c->opt_name = kabi_realloc(c->opt_name, (c->nopt + 1) * sizeof(*c->opt_name));
			c->opt_alt = kabi_realloc(c->opt_alt, (c->nopt + 1) * sizeof(*c->opt_alt));
			c->opt_name[j] = canon;
			c->opt_alt[j] = NULL;
			c->nopt++;
		} else {
			free(canon);
		}
		kabi_needs_alt_join(&c->opt_alt[j], fb ? fb : "");
		free(fb);
	}
	return 0;
}

void kabi__check_optional_free(checker *c)
{
	size_t i;

	for (i = 0; i < c->nopt; i++) {
		free(c->opt_name[i]);
		free(c->opt_alt[i]);
	}
	free(c->opt_name);
	free(c->opt_alt);
}

/* Calls fn for each name of a comma-separated list; stops at the first
 * that returns non-zero and returns that. */
static int each_name(const char *list, int (*fn)(checker *c, const char *name, void *ctx), checker *c,
		     void *ctx)
{
	kabi_strbuf name = KABI_STRBUF_INIT;
	const char *p, *q;
	int rc = 0;

	for (p = list; p && *p && !rc; p = *q ? q + 1 : q) {
		for (q = p; *q && *q != ','; q++)
			;
		if (q == p)
			continue;
		kabi_strbuf_reset(&name);
		kabi_strbuf_add(&name, p, (size_t)(q - p));
		rc = fn(c, name.buf, ctx);
	}
	kabi_strbuf_free(&name);
	return rc;
}

typedef struct {
	int abi, ord;
	char **which;
	unsigned char *impl, *one;
} alt_ctx;

/* 0 when name is available at the release, 1 (and *which) when not. */
static int alt_one(checker *c, const char *name, void *ctx)
{
	alt_ctx *a = ctx;
	kabi_cat_status st;
	int64_t id;

	if (syscall_lookup(c, name, &id) < 0)
		return -1;
	if (id >= 0 && kabi_catalog_syscall_status(&st, c->cat, id, a->abi, a->ord) < 0)
		return -kabi__check_broken(c);
	if (id >= 0 && st.status == KABI_SC_AVAILABLE)
		return 0;
	*a->which = kabi_strdup(name);
	return 1;
}

int kabi__check_alt_available(checker *c, const char *list, int abi, int ord, char **which)
{
	alt_ctx a = {abi, ord, which, NULL, NULL};
	int rc;

	*which = NULL;
	rc = each_name(list, alt_one, c, &a);
	return rc < 0 ? -1 : !rc;
}

/* impl &= the releases that implement name. */
static int alt_rels(checker *c, const char *name, void *ctx)
{
	alt_ctx *a = ctx;
	int64_t id;
	size_t r;

	if (syscall_lookup(c, name, &id) < 0)
		return -1;
	memset(a->one, 0, c->nrel);
	if (id >= 0 && kabi_catalog_implemented_releases(a->one, c->nrel, c->cat, id, a->abi) < 0)
		return -kabi__check_broken(c);
	for (r = 0; r < c->nrel; r++)
		a->impl[r] &= a->one[r];
	return 0;
}

int kabi__check_alt_releases(checker *c, const char *list, int abi, unsigned char *impl)
{
	alt_ctx a = {abi, -1, NULL, impl, kabi_malloc(c->nrel + 1)};
	int rc;

	memset(impl, 1, c->nrel);
	rc = each_name(list, alt_rels, c, &a);
	free(a.one);
	return rc < 0 ? -1 : 0;
}

/* A need's role on its item: the strongest; alt lists joined on a tie. */
static void merge_role(item *it, const kabi_need *d, int fresh)
{
	if (fresh || d->role < it->role) {
		it->role = d->role;
		free(it->alt);
		it->alt = NULL;
	}
	if (d->role == it->role && d->role != KABI_NEED_REQUIRED)
		kabi_needs_alt_join(&it->alt, d->alt ? d->alt : "");
}

/* Adds a need's item (name and nr as for kabi__check_items_add), or merges
 * its role into the item already there. */
static void add_need(items *out, const kabi_need *d, const char *name, long long nr, int64_t id)
{
	if (kabi__check_items_add(out, name, nr, id)) {
		out->v[out->n - 1].need = d;
		merge_role(&out->v[out->n - 1], d, 1);
	} else {
		merge_role(&out->v[kabi__check_items_find(out, name)], d, 0);
	}
}

/*
 * The needs of ns on ABI abi (a need's own ABI, else the set's), duplicates
 * dropped.  A number names the syscall that has it at the target release
 * (the newest with --min); failing that, the nearest later holder (a binary
 * built for a newer kernel), then the latest earlier one; "#N" when no
 * release had it.
 */
int kabi__check_collect(checker *c, const kabi_needs *ns, const char *abi_name, int abi, items *out)
{
	int target = c->rel ? c->ord : (int)c->nrel - 1;
	size_t i;

	for (i = 0; i < ns->n; i++) {
		const kabi_need *d = &ns->v[i];
		const char *a = d->abi ? d->abi : ns->abi;
		kabi_cat_nr_match m;
		char buf[32];
		int64_t id;
		int rc;

		if (!a || strcmp(a, abi_name) != 0)
			continue;
		if (d->name) {
			if (syscall_lookup(c, d->name, &id) < 0)
				return -1;
			add_need(out, d, d->name, d->nr, id);
			continue;
		}
		rc = target < 0 ? KABI_ENOTFOUND : kabi_catalog_syscall_by_nr(&m, c->cat, abi, d->nr, target);
		if (rc == 0) {
			add_need(out, d, m.sc.name, d->nr, m.sc.id);
		} else if (rc == KABI_ENOTFOUND) {
			snprintf(buf, sizeof(buf), "#%lld", d->nr);
			add_need(out, d, buf, d->nr, -1);
		} else {
			return -kabi__check_broken(c);
		}
	}
	/* the user's word: these may be missing, with the fallbacks given */
	for (i = 0; i < c->nopt; i++) {
		long k = kabi__check_items_find(out, c->opt_name[i]);

		if (k < 0)
			continue;
		out->v[k].role = KABI_NEED_OPTIONAL;
		free(out->v[k].alt);
		out->v[k].alt = kabi_strdup(c->opt_alt[i]);
	}
	return 0;
}
