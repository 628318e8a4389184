/*
 * sigdisp.c - how each (ABI, syscall, normalised argument list) was first
 * written, in version order: the text, file and line a signature span shows.
 * An open-addressing hash keyed by interned pointers.
 */
#include <stdint.h>
#include <stdlib.h>

#include "error.h"
#include "model.h"

typedef struct {
	int abi;
	const char *name, *norm; /* interned: the key */
	int64_t version;         /* kabi_version_key of the release shown */
	kabi_sigdisp disp;
} seen;

struct kabi_sigdisp_map {
	seen *slots;
	size_t cap, used;
};

static size_t seen_hash(int abi, const char *name, const char *norm)
{
	uint64_t h = ((uint64_t)(uintptr_t)name * 31 + (uint64_t)(uintptr_t)norm) * 0x9E3779B97F4A7C15ULL;

	return (size_t)((h ^ (h >> 29)) + (uint64_t)abi);
}

static seen *seen_slot(struct kabi_sigdisp_map *m, int abi, const char *name, const char *norm)
{
	size_t i;

	if ((m->used + 1) * 2 > m->cap) {
		struct kabi_sigdisp_map old = *m;
		size_t j;

		m->cap = m->cap ? m->cap * 2 : 4096;
		m->slots = kabi_calloc(m->cap, sizeof(*m->slots));
		m->used = 0;
		for (j = 0; j < old.cap; j++)
			if (old.slots[j].name) {
				*seen_slot(m, old.slots[j].abi, old.slots[j].name, old.slots[j].norm) =
					old.slots[j];
				m->used++;
			}
		free(old.slots);
	}
	for (i = seen_hash(abi, name, norm) & (m->cap - 1); m->slots[i].name; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].abi == abi && m->slots[i].name == name && m->slots[i].norm == norm)
			break;
	return &m->slots[i];
}

void kabi_sigdisp_put(kabi_model *m, int abi, const char *name, const char *norm, const kabi_sigdisp *d,
		      int64_t v)
{
	seen *s;

	if (!m->sig_seen)
		m->sig_seen = kabi_calloc(1, sizeof(*m->sig_seen));
	s = seen_slot(m->sig_seen, abi, name, norm);
	if (!s->name) {
		m->sig_seen->used++;
		s->abi = abi;
		s->name = name;
		s->norm = norm;
	} else if (s->version <= v) {
		return;
	}
	s->version = v;
	s->disp = *d;
}

const kabi_sigdisp *kabi_sigdisp_get(const kabi_model *m, int abi, const char *name, const char *norm)
{
	seen *x;

	if (!m->sig_seen)
		return NULL;
	x = seen_slot(m->sig_seen, abi, name, norm);
	return x->name ? &x->disp : NULL;
}

void kabi_sigdisp_map_free(struct kabi_sigdisp_map *map)
{
	if (!map)
		return;
	free(map->slots);
	free(map);
}
