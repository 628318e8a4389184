#include <stdint.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"
#include "utf8.h"

/* The length of the valid sequence at s (at most n bytes), 0 when invalid;
 * *cp receives the code point. */
static size_t seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0)
		len = 2, c = s[0] & 0x1F, min = 0x80;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, c = s[0] & 0x0F, min = 0x800;
	else if ((s[0] & 0xF8) == 0xF0)
		len = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t kabi_utf8_seq(const char *s, size_t n)
{
	uint32_t c;

	return n ? seq((const unsigned char *)s, n, &c) : 0;
}

static int is_control(uint32_t c)
{
	return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

int kabi_utf8_is_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t c;

	while (i < len) {
		k = seq(p + i, len - i, &c);
		if (!k || is_control(c))
			return 0;
		i += k;
	}
	return 1;
}

char *kabi_utf8_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, k;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	uint32_t c;

	if (kabi_utf8_is_clean(s, len))
		return kabi_strdup(s);
	while (i < len) {
		k = seq(p + i, len - i, &c);
		if (!k || is_control(c)) {
			kabi_strbuf_puts(&sb, "\xEF\xBF\xBD"); /* U+FFFD */
			i += k ? k : 1;
		} else {
			kabi_strbuf_add(&sb, s + i, k);
			i += k;
		}
	}
	return kabi_strbuf_detach(&sb);
}
