#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

void kabi_strbuf_grow(kabi_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->alloc)
		return;
	if (need < sb->alloc * 2)
		need = sb->alloc * 2;
	if (need < 64)
		need = 64;
	sb->buf = kabi_realloc(sb->buf, need);
	sb->alloc = need;
	sb->buf[sb->len] = '\0'; /* a buffer is always a string, even grown empty */
}

void kabi_strbuf_add(kabi_strbuf *sb, const void *data, size_t len)
{
	kabi_strbuf_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void kabi_strbuf_puts(kabi_strbuf *sb, const char *s)
{
	kabi_strbuf_add(sb, s, strlen(s));
}

void kabi_strbuf_putc(kabi_strbuf *sb, char c)
{
	kabi_strbuf_add(sb, &c, 1);
}

void kabi_strbuf_vprintf(kabi_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	kabi_strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void kabi_strbuf_printf(kabi_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kabi_strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

void kabi_strbuf_reset(kabi_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *kabi_strbuf_detach(kabi_strbuf *sb)
{
	char *s = sb->buf ? sb->buf : kabi_strdup("");

	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	return s;
}

void kabi_strbuf_free(kabi_strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

const char *kabi_strbuf_str(const kabi_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
