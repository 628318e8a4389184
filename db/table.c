/*
 * table.c - one ABI's table at one release: building, finding, and the
 * naming rules every reader shares (entry-point normalisation, placeholders).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "table.h"

/* Wrapper prefixes the kernel put in front of sys_ and compat_sys_ symbols
 * at various times without changing the ABI. */
static const char *const entry_prefixes[] = {
	"__x64_", "__ia32_", "__x32_", "__arm64_", "__s390x_", "__s390_", "__riscv_", "__loongarch_",
};

const char *kabi_entry_normalize(kabi_intern *pool, const char *entry)
{
	size_t len, i;
	const char *slash;

	if (!entry || !*entry || strcmp(entry, "-") == 0)
		return kabi_intern_len(pool, "", 0);
	for (i = 0; i < sizeof(entry_prefixes) / sizeof(entry_prefixes[0]); i++) {
		size_t plen = strlen(entry_prefixes[i]);

		if (strncmp(entry, entry_prefixes[i], plen) == 0 &&
		    (strncmp(entry + plen, "sys_", 4) == 0 ||
		     strncmp(entry + plen, "compat_sys_", 11) == 0)) {
			entry += plen;
			break;
		}
	}
	slash = strchr(entry, '/');
	len = slash ? (size_t)(slash - entry) : strlen(entry);
	return kabi_intern_len(pool, entry, len);
}

int kabi_name_is_placeholder(const char *name)
{
	static const char *const prefixes[] = {"unused", "reserved", "available", "ni_syscall"};
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t plen = strlen(prefixes[i]);
		const char *p = name + plen;

		if (strncmp(name, prefixes[i], plen) != 0)
			continue;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '\0')
			return 1;
	}
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const kabi_row *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

void kabi_table_from_rows(kabi_table *out, const kabi_row *rows, size_t n)
{
	size_t i, w = 0;
	uint64_t h = 0x6b616269ULL;

	out->rows = kabi_malloc((n ? n : 1) * sizeof(*out->rows));
	out->note = NULL;
	if (n)
		memcpy(out->rows, rows, n * sizeof(*rows));
	if (n > 1)
		qsort(out->rows, n, sizeof(*out->rows), row_cmp);
	for (i = 0; i < n; i++) {
		if (w && strcmp(out->rows[w - 1].name, out->rows[i].name) == 0)
			continue;
		out->rows[w++] = out->rows[i];
	}
	out->n = w;
	for (i = 0; i < w; i++) {
		const kabi_row *r = &out->rows[i];

		h = mix(h, (uint64_t)r->nr);
		h = mix(h, hash_str(r->name));
		h = mix(h, hash_str(r->entry));
		h = mix(h, hash_str(r->compat));
		h = mix(h, (uint64_t)r->implemented);
		if (r->why && *r->why) /* tables without reasons keep their fingerprints */
			h = mix(h, hash_str(r->why));
		if (r->config && *r->config) /* nor those without conditions */
			h = mix(h, hash_str(r->config) ^ 0x9e3779b97f4a7c15ull);
	}
	out->fingerprint = h;
}

void kabi_table_free(kabi_table *t)
{
	if (!t)
		return;
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

const kabi_row *kabi_table_find(const kabi_table *t, const char *name)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->rows[mid].name, name);

		if (c == 0)
			return &t->rows[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int kabi_entry_is_impl(const char *e)
{
	return *e && strcmp(e, "sys_ni_syscall") != 0 && strcmp(e, KABI_ENTRY_UNKNOWN) != 0;
}
