#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static _Thread_local char last_error[1024];

/*
 * Formats into a scratch buffer and then copies, as libgit2's
 * git_error_vset() does: a caller may wrap the previous message
 * (kabi_error_set(e, "cannot read '%s': %s", path, kabi_error_last())), and
 * formatting straight into last_error would overwrite the argument while
 * vsnprintf still reads it.
 */
int kabi_error_set(int code, const char *fmt, ...)
{
	char msg[sizeof(last_error)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last_error, msg, sizeof(last_error));
	return code;
}

const char *kabi_error_last(void)
{
	return last_error[0] ? last_error : "unknown error";
}

void kabi_error_clear(void)
{
	last_error[0] = '\0';
}

void kabi_oom(void)
{
	fputs("kabi: out of memory\n", stderr);
	abort();
}

static void *oom(void)
{
	kabi_oom();
}

void *kabi_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *kabi_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom();
}

void *kabi_calloc_written(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return oom();
	p = kabi_malloc(n * size);
	memset(p, 0, n * size);
	return p;
}

void *kabi_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom();
}

char *kabi_strdup(const char *s)
{
	return kabi_strndup(s, strlen(s));
}

char *kabi_strndup(const char *s, size_t n)
{
	char *p = kabi_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
