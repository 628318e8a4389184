/* A list of syscall names (kabi__check_read_names, query/check_inputs.c)
 * is read in chunks: words, comments and lines that cross a chunk's end
 * read as in one piece, and a word of any length is kept to its first
 * bytes, so memory does not grow with the list or its lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "error.h"
#include "tap.h"

/* reads the len bytes at text as a stream (a FILE, as from a pipe) and,
 * for comparison, from memory; returns the stream's set */
static kabi_needs *read_both(const char *text, size_t len, int *rc)
{
	kabi_needs *ns = kabi_needs_new("x86_64", "t"), *mem = kabi_needs_new("x86_64", "t");
	FILE *f = fmemopen((void *)text, len, "r");
	size_t i;
	int mrc;

	*rc = f ? kabi__check_read_names(ns, f, "t") : -1;
	if (f)
		fclose(f);
	mrc = kabi__check_parse_names(mem, text, len, "t");
	EQ_INT(mrc, *rc);
	EQ_INT(mem->n, ns->n);
	for (i = 0; i < ns->n && i < mem->n; i++)
		OK(strcmp(ns->v[i].name, mem->v[i].name) == 0, "name %zu the same from memory", i);
	kabi_needs_free(mem);
	return ns;
}

int main(void)
{
	const size_t chunk = 64 * 1024;
	size_t len = 3 * chunk, i;
	char *text = malloc(len + 1);
	kabi_needs *ns;
	int rc;

	/* a word across the first chunk's end, a comment across the second's */
	memset(text, ' ', len);
	memcpy(text, "read,write\n", 11);
	memcpy(text + chunk - 3, "close", 5);
	memcpy(text + 2 * chunk - 10, "# a comment ending past the chunk's end\nopenat", 46);
	ns = read_both(text, len, &rc);
	EQ_INT(rc, 0);
	EQ_INT(ns->n, 4);
	OK(kabi_needs_find(ns, NULL, "close", -1) != NULL, "a word across a chunk's end is read whole");
	OK(kabi_needs_find(ns, NULL, "openat", -1) != NULL, "the line after a comment across a chunk's end");
	OK(kabi_needs_find(ns, NULL, "chunk's", -1) == NULL, "the comment is no name");
	kabi_needs_free(ns);

	/* two words of 98,304 bytes, the same for their first 4096: one name
	 * of 4096 bytes, counted twice */
	for (i = 0; i < len; i++)
		text[i] = i == len / 2 ? '\n' : i == len / 2 - 1 ? '1' : i == len - 1 ? '2' : 'x';
	ns = read_both(text, len, &rc);
	EQ_INT(rc, 0);
	EQ_INT(ns->n, 1);
	EQ_INT(ns->n ? strlen(ns->v[0].name) : 0, 4096);
	EQ_INT(ns->n ? ns->v[0].count : 0, 2);
	kabi_needs_free(ns);

	/* a NUL byte in the third line, in the second chunk: an error naming
	 * the line, from the stream as from memory */
	memset(text, 'a', len);
	text[10] = '\n';
	text[20] = '\n';
	text[chunk + 5] = '\0';
	ns = read_both(text, len, &rc);
	EQ_INT(rc, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "'t' line 3: a NUL byte") != NULL, "names the line: %s",
	   kabi_error_last());
	kabi_needs_free(ns);

	/* a NUL in a comment is an error too; "#" ends a word */
	ns = read_both("read#x\nwrite # \0\n", 17, &rc);
	EQ_INT(rc, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "line 2") != NULL, "the comment's line: %s", kabi_error_last());
	kabi_needs_free(ns);
	ns = read_both("read#x\nwrite\n", 13, &rc);
	EQ_INT(rc, 0);
	EQ_INT(ns->n, 2);
	kabi_needs_free(ns);

	free(text);
	return tap_done();
}
