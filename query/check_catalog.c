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
#include "read_snapshot.h"

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
	*s = ++l->n;
	return 1;
}

void kabi__check_items_free(items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	free(l->slot);
}

/* ---- the catalog --------------------------------------------------------- */

int kabi__check_open(checker *c)
{
	/* a few hundred small lookups: one read transaction, not one each */
	if (kabi_catalog_snapshot(c->cat) < 0 || kabi_catalog_releases(&c->rels, &c->nrel, c->cat) < 0)
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

int kabi__check_unknown_name(checker *c, const char *profile, const char *name)
{
	kabi_cat_suggestions sugg;
	kabi_cat_syscall sc;
	kabi_strbuf s = KABI_STRBUF_INIT;
	const char *open, *close;
	size_t i;
	/* A suggestion compares the name with every name of the catalog: for
	 * the first few unknown names only, so that a profile of 40,000 typos
	 * costs a lookup each, not a search of the catalog each. */
	int want = c->unknown_names < 20;
	int rc = kabi_catalog_syscall_find(&sc, want ? &sugg : NULL, c->cat, name, 0);

	if (rc != KABI_ENOTFOUND)
		return rc < 0 ? -kabi__check_broken(c) : 0;
	c->unknown_names++;
	if (!want)
		sugg.n = 0;
	for (i = 0; i < sugg.n; i++)
		kabi_strbuf_printf(&s, "%s%s", i ? ", " : "", sugg.name[i]);
	open = s.len ? " (did you mean " : "";
	close = s.len ? "?)" : "";
	if (profile)
		kabi_cli_error("warning: '%s' allows unknown syscall '%s'%s%s%s", profile, name, open,
			       s.len ? s.buf : "", close);
	else
		kabi_cli_error("unknown syscall '%s'%s%s%s", name, open, s.len ? s.buf : "", close);
	kabi_strbuf_free(&s);
	return 0;
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
			if (kabi__check_items_add(out, d->name, d->nr, id))
				out->v[out->n - 1].need = d;
			continue;
		}
		rc = target < 0 ? KABI_ENOTFOUND : kabi_catalog_syscall_by_nr(&m, c->cat, abi, d->nr, target);
		if (rc == 0) {
			if (kabi__check_items_add(out, m.sc.name, d->nr, m.sc.id))
				out->v[out->n - 1].need = d;
		} else if (rc == KABI_ENOTFOUND) {
			snprintf(buf, sizeof(buf), "#%lld", d->nr);
			if (kabi__check_items_add(out, buf, d->nr, -1))
				out->v[out->n - 1].need = d;
		} else {
			return -kabi__check_broken(c);
		}
	}
	return 0;
}
