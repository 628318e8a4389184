/*
 * strbuf.h - a growable, always NUL-terminated byte buffer (git's strbuf).
 */
#ifndef KABI_STRBUF_H
#define KABI_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len;
	size_t alloc;
} kabi_strbuf;

#define KABI_STRBUF_INIT                                                                                     \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}

void kabi_strbuf_grow(kabi_strbuf *sb, size_t extra);
void kabi_strbuf_add(kabi_strbuf *sb, const void *data, size_t len);
void kabi_strbuf_puts(kabi_strbuf *sb, const char *s);
void kabi_strbuf_putc(kabi_strbuf *sb, char c);
void kabi_strbuf_printf(kabi_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kabi_strbuf_vprintf(kabi_strbuf *sb, const char *fmt, va_list ap);
void kabi_strbuf_reset(kabi_strbuf *sb);
/* Returns the buffer (owned by the caller, free()) and empties sb. */
char *kabi_strbuf_detach(kabi_strbuf *sb);
void kabi_strbuf_free(kabi_strbuf *sb);
/* "" when nothing was added yet, never NULL. */
const char *kabi_strbuf_str(const kabi_strbuf *sb);

#endif
