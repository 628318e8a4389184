/*
 * artifact.c - the needs set shared by the artifact readers.
 *
 * A strace log of a busy program has millions of lines naming a few hundred
 * syscalls, so lookups go through a small open-addressing hash of indexes
 * into ns->v instead of a linear scan.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "artifact.h"
#include "error.h"
#include "file.h"
#include "strbuf.h"

#define NO_SLOT ((size_t)-1)

kabi_needs *kabi_needs_new(const char *abi, const char *source)
{
	kabi_needs *ns = kabi_calloc(1, sizeof(*ns));

	ns->abi = abi ? kabi_strdup(abi) : NULL;
	ns->source = source ? kabi_strdup(source) : NULL;
	return ns;
}

void kabi_needs_free(kabi_needs *ns)
{
	size_t i;

	if (!ns)
		return;
	for (i = 0; i < ns->n; i++) {
		free(ns->v[i].name);
		free(ns->v[i].why);
		free(ns->v[i].files);
		free(ns->v[i].alt);
	}
	free(ns->v);
	free(ns->abi);
	free(ns->source);
	free(ns->unknown_why);
	free(ns->warning);
	free(ns->hidx);
	free(ns);
}

void kabi_needs_note_file(kabi_needs *ns, size_t i, const char *file)
{
	kabi_need *d = &ns->v[i];
	kabi_strbuf sb = KABI_STRBUF_INIT;

	if (d->nfiles++ >= KABI_NEED_FILES)
		return;
	if (d->files)
		kabi_strbuf_printf(&sb, "%s, ", d->files);
	kabi_strbuf_printf(&sb, "'%s'", file);
	free(d->files);
	d->files = kabi_strbuf_detach(&sb);
}

static int same_abi(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* FNV-1a over (abi, name) or (abi, nr). */
static size_t key_hash(const char *abi, const char *name, long long nr)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)(abi ? abi : ""); *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	if (name) {
		for (p = (const unsigned char *)name; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
	} else {
		uint64_t v = (uint64_t)nr;
		int i;

		h = (h ^ 0xfe) * 1099511628211ULL;
		for (i = 0; i < 8; i++, v >>= 8)
			h = (h ^ (v & 0xff)) * 1099511628211ULL;
	}
	return (size_t)h;
}

static int key_eq(const kabi_need *d, const char *abi, const char *name, long long nr)
{
	if (!same_abi(d->abi, abi))
		return 0;
	if (name)
		return d->name && strcmp(d->name, name) == 0;
	return !d->name && d->nr == nr;
}

/* Slot holding the key, or the empty slot where it would go. */
static size_t slot_of(const kabi_needs *ns, const char *abi, const char *name, long long nr)
{
	size_t mask = ns->hcap - 1, s = key_hash(abi, name, nr) & mask;

	while (ns->hidx[s] != NO_SLOT) {
		if (key_eq(&ns->v[ns->hidx[s]], abi, name, nr))
			return s;
		s = (s + 1) & mask;
	}
	return s;
}

static void rehash(kabi_needs *ns)
{
	size_t i;

	free(ns->hidx);
	ns->hcap = ns->hcap ? ns->hcap * 2 : 64;
	ns->hidx = kabi_malloc(ns->hcap * sizeof(*ns->hidx));
	for (i = 0; i < ns->hcap; i++)
		ns->hidx[i] = NO_SLOT;
	for (i = 0; i < ns->n; i++) {
		const kabi_need *d = &ns->v[i];

		ns->hidx[slot_of(ns, d->abi, d->name, d->nr)] = i;
	}
}

const kabi_need *kabi_needs_find(const kabi_needs *ns, const char *abi, const char *name, long long nr)
{
	size_t s;

	if (!ns->hcap)
		return NULL;
	if (ns->abi && abi && strcmp(ns->abi, abi) == 0)
		abi = NULL;
	s = slot_of(ns, abi, name, nr);
	return ns->hidx[s] == NO_SLOT ? NULL : &ns->v[ns->hidx[s]];
}

/* 1 when the comma-separated list has the n bytes at name as a member. */
static int list_has(const char *list, const char *name, size_t n)
{
	const char *h = list;

	while (h && *h) {
		if (strncmp(h, name, n) == 0 && (h[n] == ',' || h[n] == '\0'))
			return 1;
		h = strchr(h, ',');
		h = h ? h + 1 : NULL;
	}
	return 0;
}

void kabi_needs_alt_join(char **list, const char *add)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *p, *q;

	if (*list)
		kabi_strbuf_puts(&sb, *list);
	for (p = add; p && *p; p = *q ? q + 1 : q) {
		size_t n;

		for (q = p; *q && *q != ','; q++)
			;
		n = (size_t)(q - p);
		if (n && !list_has(sb.buf, p, n))
			kabi_strbuf_printf(&sb, "%s%.*s", sb.len ? "," : "", (int)n, p);
	}
	free(*list);
	*list = kabi_strbuf_detach(&sb);
}

size_t kabi_needs_add_as(kabi_needs *ns, const char *abi, const char *name, long long nr,
			 unsigned long long count, const char *why, kabi_need_role role, const char *alt)
{
	kabi_need *d;
	size_t s;

	if (ns->abi && abi && strcmp(ns->abi, abi) == 0)
		abi = NULL;
	if ((ns->n + 1) * 2 > ns->hcap)
		rehash(ns);
	s = slot_of(ns, abi, name, nr);
	if (ns->hidx[s] != NO_SLOT) {
		d = &ns->v[ns->hidx[s]];
		d->count += count;
		if (d->nr < 0 && nr >= 0)
			d->nr = nr;
		if (role < d->role) {
			d->role = role;
			free(d->alt);
			d->alt = NULL;
		}
		if (role == d->role && role != KABI_NEED_REQUIRED)
			kabi_needs_alt_join(&d->alt, alt ? alt : "");
		return ns->hidx[s];
	}
	KABI_ARRAY_GROW(ns->v, ns->n + 1, ns->alloc);
	d = &ns->v[ns->n];
	d->name = name ? kabi_strdup(name) : NULL;
	d->nr = nr;
	d->abi = abi;
	d->count = count;
	d->why = why ? kabi_strdup(why) : NULL;
	d->files = NULL;
	d->nfiles = 0;
	d->role = role;
	d->alt = NULL;
	if (role != KABI_NEED_REQUIRED)
		kabi_needs_alt_join(&d->alt, alt ? alt : "");
	ns->hidx[s] = ns->n;
	return ns->n++;
}

size_t kabi_needs_add(kabi_needs *ns, const char *abi, const char *name, long long nr,
		      unsigned long long count, const char *why)
{
	return kabi_needs_add_as(ns, abi, name, nr, count, why, KABI_NEED_REQUIRED, NULL);
}

void kabi_needs_unknown(kabi_needs *ns, const char *why)
{
	if (!ns->unknown_why && why)
		ns->unknown_why = kabi_strdup(why);
	ns->unknown++;
}

void kabi_needs_warn(kabi_needs *ns, const char *fmt, ...)
{
	va_list ap;

	if (!ns->warning) {
		kabi_strbuf sb = KABI_STRBUF_INIT;

		va_start(ap, fmt);
		kabi_strbuf_vprintf(&sb, fmt, ap);
		va_end(ap);
		ns->warning = kabi_strbuf_detach(&sb);
	}
	ns->nwarnings++;
}

kabi_needs_group *kabi_needs_group_new(void)
{
	return kabi_calloc(1, sizeof(kabi_needs_group));
}

void kabi_needs_group_free(kabi_needs_group *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++)
		kabi_needs_free(g->v[i]);
	for (i = 0; i < g->nerrors; i++)
		free(g->errors[i]);
	free(g->v);
	free(g->errors);
	free(g);
}

kabi_needs *kabi_needs_group_get(kabi_needs_group *g, const char *abi, const char *source)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (same_abi(g->v[i]->abi, abi))
			return g->v[i];
	KABI_ARRAY_GROW(g->v, g->n + 1, g->alloc);
	g->v[g->n] = kabi_needs_new(abi, source);
	return g->v[g->n++];
}

/* ---- reading an input ------------------------------------------------------ */

int kabi_artifact_slurp(unsigned char **buf, size_t *len, FILE *f, const char *name, size_t max)
{
	char *b;
	int rc = kabi_file_read_fp(&b, len, f, name, max);

	*buf = (unsigned char *)b;
	if (rc == KABI_EINVALID && max == KABI_ARTIFACT_STREAM_MAX) /* too large to read from a pipe */
		kabi_error_set(rc, "%s (save it to a file)", kabi_error_last());
	return rc;
}

void kabi_needs_group_merge(kabi_needs_group *g, const kabi_needs *one, const char *abi, const char *rel,
			    const char *root)
{
	kabi_needs *set = kabi_needs_group_get(g, abi, root);
	kabi_strbuf why = KABI_STRBUF_INIT;
	size_t i;

	for (i = 0; i < one->n; i++) {
		const kabi_need *d = &one->v[i];

		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "%s in '%s'", d->why ? d->why : "", rel);
		kabi_needs_note_file(
			set,
			kabi_needs_add_as(set, d->abi, d->name, d->nr, d->count, why.buf, d->role, d->alt),
			rel);
	}
	if (one->unknown) {
		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "%s in '%s'", one->unknown_why ? one->unknown_why : "", rel);
		if (!set->unknown_why)
			set->unknown_why = kabi_strdup(why.buf);
		set->unknown += one->unknown;
	}
	if (one->warning) {
		kabi_needs_warn(set, "'%s': %s", rel, one->warning);
		set->nwarnings += one->nwarnings - 1;
	}
	kabi_strbuf_free(&why);
}
