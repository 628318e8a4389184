#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "intern.h"

/* Open addressing with linear probing; strings live in large chunks. */
struct kabi_intern {
	const char **slots;
	size_t cap, used;
	char **chunks;
	size_t nchunks, achunks;
	char *cur;
	size_t left;
	int shared; /* kabi_intern_share(): calls are serialised */
	pthread_mutex_t lock;
};

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int kabi_intern_new(kabi_intern **out)
{
	kabi_intern *p = kabi_calloc(1, sizeof(*p));

	p->cap = 1024;
	p->slots = kabi_calloc_written(p->cap, sizeof(*p->slots));
	*out = p;
	return 0;
}

void kabi_intern_free(kabi_intern *p)
{
	size_t i;

	if (!p)
		return;
	if (p->shared)
		pthread_mutex_destroy(&p->lock);
	for (i = 0; i < p->nchunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	free(p->slots);
	free(p);
}

static char *store(kabi_intern *p, const char *s, size_t len)
{
	char *d;

	if (len + 1 > p->left) {
		size_t sz = len + 1 > 65536 ? len + 1 : 65536;

		KABI_ARRAY_GROW(p->chunks, p->nchunks + 1, p->achunks);
		p->cur = p->chunks[p->nchunks++] = kabi_malloc(sz);
		p->left = sz;
	}
	d = p->cur;
	memcpy(d, s, len);
	d[len] = '\0';
	p->cur += len + 1;
	p->left -= len + 1;
	return d;
}

static void grow(kabi_intern *p)
{
	const char **old = p->slots;
	size_t oldcap = p->cap, i;

	p->cap *= 2;
	p->slots = kabi_calloc_written(p->cap, sizeof(*p->slots));
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (!old[i])
			continue;
		j = hash(old[i], strlen(old[i])) & (p->cap - 1);
		while (p->slots[j])
			j = (j + 1) & (p->cap - 1);
		p->slots[j] = old[i];
	}
	free(old);
}

void kabi_intern_share(kabi_intern *p)
{
	if (!p->shared) {
		pthread_mutex_init(&p->lock, NULL);
		p->shared = 1;
	}
}

static const char *intern(kabi_intern *p, const char *s, size_t len)
{
	size_t j;

	if (p->used * 2 >= p->cap)
		grow(p);
	j = hash(s, len) & (p->cap - 1);
	while (p->slots[j]) {
		if (strncmp(p->slots[j], s, len) == 0 && p->slots[j][len] == '\0')
			return p->slots[j];
		j = (j + 1) & (p->cap - 1);
	}
	p->slots[j] = store(p, s, len);
	p->used++;
	return p->slots[j];
}

const char *kabi_intern_len(kabi_intern *p, const char *s, size_t len)
{
	const char *r;

	if (!p->shared)
		return intern(p, s, len);
	pthread_mutex_lock(&p->lock);
	r = intern(p, s, len);
	pthread_mutex_unlock(&p->lock);
	return r;
}

const char *kabi_intern_str(kabi_intern *p, const char *s)
{
	return kabi_intern_len(p, s, strlen(s));
}
