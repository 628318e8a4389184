/*
 * fuzz_hdr.c - libFuzzer harness for the header era as a whole
 * (harvest/hdr.c: the preprocessor run, the __NR_ and __SYSCALL macros, the
 * entry tables in assembler lists, renames, placeholders), on files the
 * input provides.
 *
 * Input: a first line "ABI PATH" naming a KABI_FMT_HEADER layout row (when
 * no row matches, one is chosen from the line's bytes), then files, each
 * introduced by a line "@@ PATH"; the text before the first "@@" line is
 * the header at the row's path.  Every other path reads as missing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "hdr.h"
#include "intern.h"
#include "layout.h"
#include "table.h"

typedef struct {
	const char *path;
	size_t plen;
	const char *text;
	size_t len;
} file;

typedef struct {
	file v[16];
	size_t n;
} files;

static int mem_read(void *ctx, const char *path, char **text, size_t *len)
{
	files *fs = ctx;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		if (strlen(path) == fs->v[i].plen && memcmp(path, fs->v[i].path, fs->v[i].plen) == 0) {
			*text = malloc(fs->v[i].len + 1);
			if (!*text)
				abort();
			memcpy(*text, fs->v[i].text, fs->v[i].len);
			(*text)[fs->v[i].len] = '\0';
			*len = fs->v[i].len;
			return 0;
		}
	}
	return KABI_ENOTFOUND;
}

static void warn(void *ctx, int line, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)msg;
}

/* The header layout row the first line names, or one chosen by its bytes. */
static const kabi_layout *pick(const char *line, size_t len)
{
	size_t n, i, nh = 0, want;
	const kabi_layout *l = kabi_layouts(&n);
	uint32_t h = 2166136261u;

	for (i = 0; i < n; i++) {
		size_t al, pl;

		if (l[i].format != KABI_FMT_HEADER)
			continue;
		nh++;
		al = strlen(l[i].abi);
		pl = strlen(l[i].path);
		if (len == al + 1 + pl && memcmp(line, l[i].abi, al) == 0 && line[al] == ' ' &&
		    memcmp(line + al + 1, l[i].path, pl) == 0)
			return &l[i];
	}
	if (!nh)
		return NULL;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)line[i]) * 16777619u;
	want = h % nh;
	for (i = 0; i < n; i++)
		if (l[i].format == KABI_FMT_HEADER && want-- == 0)
			return &l[i];
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1); /* exact size: ASan sees over-reads */
	const char *p, *end, *nl;
	const kabi_layout *l;
	const kabi_abi_info *abi;
	kabi_intern *pool;
	kabi_table t;
	files fs;

	memcpy(copy, data, size);
	p = copy;
	end = copy + size;
	nl = memchr(p, '\n', size);
	if (!nl || !(l = pick(p, (size_t)(nl - p))) || !(abi = kabi_abi_find(l->abi))) {
		free(copy);
		return 0;
	}
	fs.n = 0;
	fs.v[0].path = l->path;
	fs.v[0].plen = strcspn(l->path, "|");
	p = nl + 1;
	for (;;) {
		const char *next = p, *at = NULL;
		file *f = &fs.v[fs.n];

		/* the next "\n@@ " line ends this file */
		while ((next = memchr(next, '@', (size_t)(end - next))) != NULL) {
			if ((next == p || next[-1] == '\n') && end - next >= 3 && next[1] == '@' &&
			    next[2] == ' ') {
				at = next;
				break;
			}
			next++;
		}
		f->text = p;
		f->len = (size_t)((at ? at : end) - p);
		fs.n++;
		if (!at || fs.n == sizeof(fs.v) / sizeof(fs.v[0]))
			break;
		nl = memchr(at, '\n', (size_t)(end - at));
		fs.v[fs.n].path = at + 3;
		fs.v[fs.n].plen = (size_t)((nl ? nl : end) - (at + 3));
		if (!nl)
			break;
		p = nl + 1;
	}
	if (kabi_intern_new(&pool) < 0)
		abort();
	if (kabi_hdr_build(&t, l, abi, mem_read, &fs, pool, warn, NULL) == 0)
		kabi_table_free(&t);
	kabi_intern_free(pool);
	free(copy);
	return 0;
}
