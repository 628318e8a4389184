#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "array.h"
#include "error.h"
#include "model.h"

static const char *const kind_names[] = {
	"added",         "removed", "renumbered",        "entry_changed", "unimplemented",
	"reimplemented", "renamed", "signature_changed", "abi_added",     "abi_removed",
};
_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == KABI_EV_ABI_REMOVED + 1,
	       "a name per kabi_event_kind");

const char *kabi_event_kind_name(kabi_event_kind k)
{
	return kind_names[k];
}

int kabi_event_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(kind_names[i], s) == 0)
			return (int)i;
	return -1;
}

void kabi_model_init(kabi_model *m, kabi_intern *pool)
{
	memset(m, 0, sizeof(*m));
	m->pool = pool;
	kabi_abis(&m->nabi);
}

void kabi_model_free(kabi_model *m)
{
	size_t i;

	for (i = 0; i < m->nrels; i++) {
		free(m->rels[i].name);
		free(m->rels[i].ref);
		free(m->rels[i].repository);
		free(m->rels[i].abi);
		free(m->rels[i].sig);
	}
	free(m->rels);
	free(m->spans);
	free(m->events);
	free(m->gens);
	free(m->old_spans);
	free(m->old_attrs);
	kabi_sigdisp_map_free(m->sig_seen);
	free(m->sig_spans);
	free(m->sig_disp);
	free(m->old_sig_spans);
	free(m->old_sig_disp);
	free(m->repository);
	free(m->scan_view);
	free(m->scan_view_release);
	memset(m, 0, sizeof(*m));
}

kabi_rel *kabi_model_add_release(kabi_model *m, const char *name)
{
	kabi_rel *r;

	KABI_ARRAY_GROW(m->rels, m->nrels + 1, m->arels);
	r = &m->rels[m->nrels++];
	memset(r, 0, sizeof(*r));
	r->name = kabi_strdup(name);
	r->abi = kabi_calloc(m->nabi, sizeof(*r->abi));
	r->sig = kabi_calloc(m->nabi, sizeof(*r->sig));
	r->old_ord = -1;
	return r;
}

static int rel_cmp(const void *a, const void *b)
{
	const kabi_rel *x = a, *y = b;
	int c = kabi_version_cmp(&x->version, &y->version);

	if (c)
		return c;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

void kabi_model_sort(kabi_model *m)
{
	if (m->nrels > 1)
		qsort(m->rels, m->nrels, sizeof(*m->rels), rel_cmp);
}

static int attr_cmp(const void *a, const void *b)
{
	const kabi_attr *x = a, *y = b;
	int c;

	if (x->abi != y->abi)
		return x->abi - y->abi;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if ((c = strcmp(x->rel, y->rel)) != 0)
		return c;
	return strcmp(x->prev ? x->prev : "", y->prev ? y->prev : "");
}

void kabi_events_restore_attribution(kabi_model *m)
{
	size_t i;

	if (m->nold_attrs > 1)
		qsort(m->old_attrs, m->nold_attrs, sizeof(*m->old_attrs), attr_cmp);
	for (i = 0; i < m->nevents && m->nold_attrs; i++) {
		kabi_event *e = &m->events[i];
		kabi_attr key, *found;

		key.abi = e->abi;
		key.kind = e->kind;
		key.name = e->name;
		key.rel = m->rels[e->ord].name;
		key.prev = e->prev_ord >= 0 ? m->rels[e->prev_ord].name : NULL;
		found = bsearch(&key, m->old_attrs, m->nold_attrs, sizeof(*m->old_attrs), attr_cmp);
		if (!found)
			continue;
		memcpy(e->commit, found->commit, sizeof(e->commit));
		e->author = found->author;
		e->subject = found->subject;
		e->commit_time = found->commit_time;
	}
}
