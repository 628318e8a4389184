/*
 * tbl.c - the .tbl reader: per-arch syscall tables and scripts/syscall.tbl.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "layout.h"
#include "table.h"
#include "tbl.h"

/* Splits a line into at most `max` whitespace-separated fields; returns how
 * many there were (which may exceed max). */
static int split(const char *p, const char *end, const char **f, size_t *flen, int max)
{
	int n = 0;

	while (p < end) {
		const char *s;

		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= end)
			break;
		s = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (n < max) {
			f[n] = s;
			flen[n] = (size_t)(p - s);
		}
		n++;
	}
	return n;
}

/* The longest name or entry point a table may give: the kernel's are
 * under 64 bytes; a 1 MB "name" is no name. */
#define MAX_FIELD 128

/* An ABI tag or an entry point: sys_x, __x64_sys_x, sys_x/ptregs, "-". */
static int valid_word(const char *s, size_t len)
{
	size_t i;

	if (!len || len > MAX_FIELD)
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '/' && s[i] != '.' && s[i] != '-')
			return 0;
	return 1;
}

/* A syscall's name is a C identifier: it becomes __NR_<name>, a file name
 * on the site, a word in every export. */
static int valid_name(const char *s, size_t len)
{
	size_t i;

	if (!len || len > MAX_FIELD || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

static void warnf(kabi_warn_fn warn, void *ctx, int line, const char *fmt, const char *a, size_t alen)
{
	char msg[256];

	if (!warn)
		return;
	snprintf(msg, sizeof(msg), fmt, (int)(alen > 60 ? 60 : alen), a);
	warn(ctx, line, msg);
}

int kabi_tbl_parse(kabi_tbl *out, const char *text, size_t len, kabi_intern *pool, kabi_warn_fn warn,
		   void *ctx)
{
	const char *p = text, *end = text + len;
	size_t alloc = 0;
	int lineno = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *hash, *f[6];
		size_t flen[6];
		kabi_tbl_line *l;
		char *num_end, numbuf[24];
		long long nr;
		int n, i;

		if (!eol)
			eol = end;
		lineno++;
		hash = memchr(p, '#', (size_t)(eol - p));
		n = split(p, hash ? hash : eol, f, flen, 6);
		if (n == 0)
			goto next;
		if (n < 3 || n > 6) {
			warnf(warn, ctx, lineno, "expected 3 to 6 fields, not '%.*s'", p, (size_t)(eol - p));
			goto next;
		}
		if (flen[0] >= sizeof(numbuf) || !isdigit((unsigned char)f[0][0])) {
			warnf(warn, ctx, lineno, "'%.*s' is not a syscall number", f[0], flen[0]);
			goto next;
		}
		memcpy(numbuf, f[0], flen[0]);
		numbuf[flen[0]] = '\0';
		nr = strtoll(numbuf, &num_end, 0);
		if (*num_end || nr < 0 || nr > 0xfffffff) {
			warnf(warn, ctx, lineno, "'%.*s' is not a syscall number", f[0], flen[0]);
			goto next;
		}
		for (i = 1; i < (n < 5 ? n : 5); i++) {
			if (!(i == 2 ? valid_name : valid_word)(f[i], flen[i])) {
				warnf(warn, ctx, lineno, "'%.*s' is not a name", f[i], flen[i]);
				goto next;
			}
		}
		KABI_ARRAY_GROW(out->v, out->n + 1, alloc);
		l = &out->v[out->n++];
		l->nr = nr;
		l->line = lineno;
		l->tag = kabi_intern_len(pool, f[1], flen[1]);
		l->name = kabi_intern_len(pool, f[2], flen[2]);
		l->entry = n > 3 ? kabi_intern_len(pool, f[3], flen[3]) : kabi_intern_len(pool, "", 0);
		l->compat = n > 4 ? kabi_intern_len(pool, f[4], flen[4]) : kabi_intern_len(pool, "", 0);
		/* once per file here, not once per ABI that selects the line */
		l->entry_norm = kabi_entry_normalize(pool, l->entry);
		l->compat_norm = kabi_entry_normalize(pool, l->compat);
		l->placeholder = kabi_name_is_placeholder(l->name);
		if (n > 4)
			out->has_compat_column = 1;
	next:
		p = eol + 1;
	}
	return 0;
}

void kabi_tbl_free(kabi_tbl *tbl)
{
	if (!tbl)
		return;
	free(tbl->v);
	tbl->v = NULL;
	tbl->n = 0;
}

/* The tags of a comma or space separated list, interned in the pool the
 * lines' tags are (so a line's tag is one of them when its pointer is);
 * *n of them, in an array the caller frees. */
static const char **tags_interned(size_t *n, const char *tags, kabi_intern *pool)
{
	const char **out = kabi_malloc((strlen(tags) / 2 + 1) * sizeof(*out)), *p = tags;

	*n = 0;
	while (*p) {
		size_t len;

		while (*p == ',' || *p == ' ')
			p++;
		len = strcspn(p, ", ");
		if (!len)
			break;
		out[(*n)++] = kabi_intern_len(pool, p, len);
		p += len;
	}
	return out;
}

static int tag_in(const char *tag, const char *const *tags, size_t ntags)
{
	size_t i;

	for (i = 0; i < ntags; i++)
		if (tags[i] == tag)
			return 1;
	return 0;
}

typedef struct {
	int64_t nr;
	const char *name;
	int line;
} sel_line;

static int by_name(const void *a, const void *b)
{
	const sel_line *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->nr < y->nr ? -1 : x->nr > y->nr ? 1 : x->line - y->line;
}

static int by_nr(const void *a, const void *b)
{
	const sel_line *x = a, *y = b;

	return x->nr < y->nr ? -1 : x->nr > y->nr ? 1 : x->line - y->line;
}

/* Says what the table built from the selected lines leaves out (a name
 * twice: the lowest number is kept) or holds twice (a number twice). */
static void report_dups(sel_line *v, size_t n, kabi_warn_fn warn, void *ctx)
{
	char msg[256];
	size_t i;

	if (!warn || n < 2)
		return;
	qsort(v, n, sizeof(*v), by_name);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i].name, v[i - 1].name) != 0)
			continue;
		snprintf(msg, sizeof(msg),
			 "'%.60s' is already at line %d (number %lld); this row (number %lld) skipped",
			 v[i].name, v[i - 1].line, (long long)v[i - 1].nr, (long long)v[i].nr);
		warn(ctx, v[i].line, msg);
	}
	qsort(v, n, sizeof(*v), by_nr);
	for (i = 1; i < n; i++) {
		if (v[i].nr != v[i - 1].nr || strcmp(v[i].name, v[i - 1].name) == 0)
			continue;
		snprintf(msg, sizeof(msg),
			 "number %lld is also '%.60s' (line %d): two syscalls at one number",
			 (long long)v[i].nr, v[i - 1].name, v[i - 1].line);
		warn(ctx, v[i].line, msg);
	}
}

int kabi_tbl_select(kabi_table *out, const kabi_tbl *tbl, const char *tags, int64_t offset, unsigned flags,
		    kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx)
{
	const char **want, *empty = kabi_intern_len(pool, "", 0);
	kabi_row *rows;
	sel_line *sel;
	size_t i, n = 0, nwant;

	memset(out, 0, sizeof(*out));
	if ((flags & KABI_L_COMPAT_ONLY) && !tbl->has_compat_column)
		return KABI_ENOTFOUND;
	want = tags_interned(&nwant, tags, pool);
	rows = kabi_malloc((tbl->n ? tbl->n : 1) * sizeof(*rows));
	sel = kabi_malloc((tbl->n ? tbl->n : 1) * sizeof(*sel));
	for (i = 0; i < tbl->n; i++) {
		const kabi_tbl_line *l = &tbl->v[i];
		kabi_row *r;

		/* A placeholder name is no syscall unless its slot is
		 * implemented (mips o32's "59 o32 unused59 sys_olduname"). */
		if (!tag_in(l->tag, want, nwant) || (l->placeholder && !kabi_entry_is_impl(l->entry_norm) &&
						     !kabi_entry_is_impl(l->compat_norm)))
			continue;
		sel[n].nr = l->nr + offset;
		sel[n].name = l->name;
		sel[n].line = l->line;
		r = &rows[n++];
		r->nr = l->nr + offset;
		r->name = l->name;
		r->why = NULL;
		r->config = NULL;
		r->entry = l->entry_norm;
		r->compat = (flags & KABI_L_NO_COMPAT) ? empty : l->compat_norm;
		if (r->compat == r->entry)
			r->compat = empty;
		if (flags & KABI_L_COMPAT_ONLY)
			r->implemented = kabi_entry_is_impl(*r->compat ? r->compat : r->entry) ? KABI_IMPL_YES
											       : KABI_IMPL_NO;
		else
			r->implemented = kabi_entry_is_impl(r->entry) ? KABI_IMPL_YES : KABI_IMPL_NO;
	}
	report_dups(sel, n, warn, warn_ctx);
	if (n)
		kabi_table_from_rows(out, rows, n);
	free(want);
	free(sel);
	free(rows);
	return n ? 0 : KABI_ENOTFOUND;
}

/* entry == prefix + from: the interned prefix + to; else entry. */
static const char *renamed_entry(kabi_intern *pool, const char *entry, const char *prefix, const char *from,
				 const char *to)
{
	char buf[256];
	size_t pl = strlen(prefix);

	if (strncmp(entry, prefix, pl) != 0 || strcmp(entry + pl, from) != 0)
		return entry;
	snprintf(buf, sizeof(buf), "%s%s", prefix, to);
	return kabi_intern_str(pool, buf);
}

void kabi_table_rename(kabi_table *t, const char *renames, kabi_intern *pool)
{
	const char *p = renames;
	kabi_table out;
	int changed = 0;

	while (p && *p) {
		char from[128], to[128];
		size_t n = strcspn(p, " "), fl, i;
		const char *gt = memchr(p, '>', n);

		if (!gt || (fl = (size_t)(gt - p)) >= sizeof(from) || n - fl - 1 >= sizeof(to))
			break; /* a malformed registry entry renames nothing more */
		memcpy(from, p, fl);
		from[fl] = '\0';
		memcpy(to, gt + 1, n - fl - 1);
		to[n - fl - 1] = '\0';
		for (i = 0; i < t->n; i++) {
			kabi_row *r = &t->rows[i];

			if (strcmp(r->name, from) != 0)
				continue;
			r->name = kabi_intern_str(pool, to);
			r->entry = renamed_entry(pool, r->entry, "sys_", from, to);
			r->compat = renamed_entry(pool, r->compat, "compat_sys_", from, to);
			changed = 1;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	if (!changed)
		return;
	kabi_table_from_rows(&out, t->rows, t->n);
	kabi_table_free(t);
	*t = out;
}

/* Collects the words after `syscall_abis_<bits> +=` or `:=` lines. */
int kabi_generic_tags(char *buf, size_t size, const char *text, size_t len, int bits)
{
	const char *p = text, *end = text + len;
	char var[32];
	size_t used, vlen;
	int found = 0;

	used = (size_t)snprintf(buf, size, "common,%d", bits);
	if (used >= size)
		return KABI_EINVALID;
	snprintf(var, sizeof(var), "syscall_abis_%d", bits);
	vlen = strlen(var);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q;

		if (!eol)
			eol = end;
		q = p;
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(eol - q) > vlen && memcmp(q, var, vlen) == 0) {
			q += vlen;
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (q + 1 < eol && (q[0] == '+' || q[0] == ':') && q[1] == '=') {
				q += 2;
				found = 1;
				while (q < eol) {
					const char *w;

					while (q < eol && (*q == ' ' || *q == '\t' || *q == ','))
						q++;
					if (q >= eol || *q == '#')
						break;
					w = q;
					while (q < eol && *q != ' ' && *q != '\t' && *q != ',')
						q++;
					if (used + 2 + (size_t)(q - w) >= size)
						return KABI_EINVALID;
					buf[used++] = ',';
					memcpy(buf + used, w, (size_t)(q - w));
					used += (size_t)(q - w);
					buf[used] = '\0';
				}
			}
		}
		p = eol + 1;
	}
	return found ? 0 : KABI_ENOTFOUND;
}
