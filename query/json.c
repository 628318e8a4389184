/*
 * json.c - a small strict RFC 8259 parser for the JSON that kabi reads
 * (seccomp profiles, container image manifests and configs).
 *
 * SQLite's json_valid() only says yes or no (json_error_position() needs
 * 3.42, newer than Debian 12's 3.40), and an error that names the byte
 * offset, line and column of the bad token is the point of reading a
 * user's file.  The parser builds a small tree, checks UTF-8, escapes
 * (\uXXXX with surrogate pairs), number syntax and limits nesting to
 * MAX_DEPTH.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "json.h"
#include "strbuf.h"

#define MAX_DEPTH 64

typedef kabi_jval jval;

typedef struct {
	const char *buf, *name;
	size_t len, pos;
} jparser;

void kabi_json_free(kabi_jval *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		kabi_json_free(&v->kids[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->s);
}

/* "'p.json' line 3 column 7 (offset 45): msg" */
int kabi_json_error_at(const char *buf, size_t len, const char *name, size_t off, const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i, line = 1, col = 1;
	va_list ap;
	int rc;

	for (i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	rc = kabi_error_set(KABI_EINVALID, "'%s' line %zu column %zu (offset %zu): %s", name, line, col, off,
			    kabi_strbuf_str(&sb));
	kabi_strbuf_free(&sb);
	return rc;
}

#define JERR(p, off, ...) kabi_json_error_at((p)->buf, (p)->len, (p)->name, (off), __VA_ARGS__)

static void jskip_ws(jparser *p)
{
	while (p->pos < p->len) {
		char c = p->buf[p->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		p->pos++;
	}
}

static void put_utf8(kabi_strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		kabi_strbuf_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		kabi_strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		kabi_strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		kabi_strbuf_add(sb, b, 4);
	}
}

static int hex4(jparser *p, size_t at, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (p->len - at < 4)
		return JERR(p, at, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		int c = (unsigned char)p->buf[at + i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return JERR(p, at + i, "bad hex digit in \\u escape");
		v = v * 16 + (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t need, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return need;
}

/* At the opening quote; decodes into v->s. */
static int jstring(jparser *p, jval *v)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t start = p->pos;
	int rc = 0;

	p->pos++;
	for (;;) {
		unsigned char c;

		if (p->pos >= p->len) {
			rc = JERR(p, start, "unterminated string");
			goto out;
		}
		c = (unsigned char)p->buf[p->pos];
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20) {
			rc = JERR(p, p->pos, "control character in string");
			goto out;
		}
		if (c == '\\') {
			char e;
			uint32_t cp, lo;

			if (p->pos + 1 >= p->len) {
				rc = JERR(p, p->pos, "truncated escape");
				goto out;
			}
			e = p->buf[p->pos + 1];
			switch (e) {
			case '"':
			case '\\':
			case '/': kabi_strbuf_putc(&sb, e); break;
			case 'b': kabi_strbuf_putc(&sb, '\b'); break;
			case 'f': kabi_strbuf_putc(&sb, '\f'); break;
			case 'n': kabi_strbuf_putc(&sb, '\n'); break;
			case 'r': kabi_strbuf_putc(&sb, '\r'); break;
			case 't': kabi_strbuf_putc(&sb, '\t'); break;
			case 'u':
				if ((rc = hex4(p, p->pos + 2, &cp)) < 0)
					goto out;
				if (cp >= 0xdc00 && cp <= 0xdfff) {
					rc = JERR(p, p->pos, "lone low surrogate in \\u escape");
					goto out;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					size_t at = p->pos + 6;

					if (p->len - at < 2 || p->buf[at] != '\\' || p->buf[at + 1] != 'u') {
						rc = JERR(p, p->pos,
							  "high surrogate without low "
							  "surrogate");
						goto out;
					}
					if ((rc = hex4(p, at + 2, &lo)) < 0)
						goto out;
					if (lo < 0xdc00 || lo > 0xdfff) {
						rc = JERR(p, at, "expected a low surrogate");
						goto out;
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					p->pos += 6;
				}
				put_utf8(&sb, cp);
				p->pos += 4;
				break;
			default:
				rc = JERR(p, p->pos, "bad escape '\\%c'",
					  isprint((unsigned char)e) ? e : '?');
				goto out;
			}
			p->pos += 2;
			continue;
		}
		{
			size_t n = utf8_len((const unsigned char *)p->buf + p->pos, p->len - p->pos);

			if (!n) {
				rc = JERR(p, p->pos, "invalid UTF-8 in string");
				goto out;
			}
			kabi_strbuf_add(&sb, p->buf + p->pos, n);
			p->pos += n;
		}
	}
	v->t = J_STR;
	v->slen = sb.len;
	v->s = kabi_strbuf_detach(&sb);
out:
	kabi_strbuf_free(&sb);
	return rc;
}

static int jdigits(jparser *p)
{
	size_t s = p->pos;

	while (p->pos < p->len && p->buf[p->pos] >= '0' && p->buf[p->pos] <= '9')
		p->pos++;
	return p->pos > s;
}

static int jnumber(jparser *p, jval *v)
{
	size_t start = p->pos;

	if (p->buf[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->buf[p->pos] == '0') {
		p->pos++;
	} else if (!jdigits(p)) {
		return JERR(p, start, "bad number");
	}
	if (p->pos < p->len && p->buf[p->pos] == '.') {
		p->pos++;
		if (!jdigits(p))
			return JERR(p, p->pos, "digits expected after '.'");
	}
	if (p->pos < p->len && (p->buf[p->pos] == 'e' || p->buf[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->buf[p->pos] == '+' || p->buf[p->pos] == '-'))
			p->pos++;
		if (!jdigits(p))
			return JERR(p, p->pos, "digits expected in exponent");
	}
	v->t = J_NUM;
	v->slen = p->pos - start;
	v->s = kabi_strndup(p->buf + start, v->slen);
	return 0;
}

static jval *jpush(jval *v)
{
	if (v->n == v->alloc) {
		KABI_ARRAY_GROW(v->kids, v->n + 1, v->alloc);
		if (v->t == J_OBJ)
			KABI_ARRAY_RESIZE(v->keys, v->alloc);
	}
	memset(&v->kids[v->n], 0, sizeof(v->kids[0]));
	if (v->t == J_OBJ)
		v->keys[v->n] = NULL;
	return &v->kids[v->n++];
}

static int jvalue(jparser *p, jval *v, int depth);

static int jcontainer(jparser *p, jval *v, int depth)
{
	int obj = p->buf[p->pos] == '{';
	char close = obj ? '}' : ']';
	int rc;

	if (depth >= MAX_DEPTH)
		return JERR(p, p->pos, "nesting deeper than %d", MAX_DEPTH);
	v->t = obj ? J_OBJ : J_ARR;
	p->pos++;
	jskip_ws(p);
	if (p->pos < p->len && p->buf[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		jval *kid;

		jskip_ws(p);
		if (obj) {
			jval key = {0};

			if (p->pos >= p->len || p->buf[p->pos] != '"')
				return JERR(p, p->pos, "object key (a string) expected");
			if ((rc = jstring(p, &key)) < 0)
				return rc;
			kid = jpush(v);
			v->keys[v->n - 1] = key.s;
			jskip_ws(p);
			if (p->pos >= p->len || p->buf[p->pos] != ':')
				return JERR(p, p->pos, "':' expected after object key");
			p->pos++;
		} else {
			kid = jpush(v);
		}
		if ((rc = jvalue(p, kid, depth + 1)) < 0)
			return rc;
		jskip_ws(p);
		if (p->pos >= p->len)
			return JERR(p, p->pos, "unexpected end of input, '%c' expected", close);
		if (p->buf[p->pos] == close) {
			p->pos++;
			return 0;
		}
		if (p->buf[p->pos] != ',')
			return JERR(p, p->pos, "',' or '%c' expected", close);
		p->pos++;
	}
}

static int jliteral(jparser *p, jval *v, const char *lit, enum kabi_jtype t)
{
	size_t n = strlen(lit);

	if (p->len - p->pos < n || memcmp(p->buf + p->pos, lit, n) != 0)
		return JERR(p, p->pos, "unexpected character");
	v->t = t;
	v->s = t == J_BOOL ? kabi_strdup(lit) : NULL;
	p->pos += n;
	return 0;
}

static int jvalue(jparser *p, jval *v, int depth)
{
	char c;

	jskip_ws(p);
	v->off = p->pos;
	if (p->pos >= p->len)
		return JERR(p, p->pos, "unexpected end of input, a value expected");
	c = p->buf[p->pos];
	switch (c) {
	case '{':
	case '[': return jcontainer(p, v, depth);
	case '"': return jstring(p, v);
	case 't': return jliteral(p, v, "true", J_BOOL);
	case 'f': return jliteral(p, v, "false", J_BOOL);
	case 'n': return jliteral(p, v, "null", J_NULL);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return jnumber(p, v);
		return JERR(p, p->pos, "unexpected character '%c'", isprint((unsigned char)c) ? c : '?');
	}
}

int kabi_json_parse(kabi_jval *top, const char *buf, size_t len, const char *name)
{
	jparser jp = {buf, name, len, 0};
	int rc;

	memset(top, 0, sizeof(*top));
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return kabi_json_error_at(buf, len, name, 0, "byte order mark is not allowed in JSON");
	if ((rc = jvalue(&jp, top, 0)) < 0)
		return rc;
	jskip_ws(&jp);
	if (jp.pos != len)
		return JERR(&jp, jp.pos, "trailing data after the JSON value");
	return 0;
}

/* The last member named key (Go's encoding/json keeps the last duplicate). */
const kabi_jval *kabi_json_get(const kabi_jval *obj, const char *key)
{
	size_t i;

	if (!obj || obj->t != J_OBJ)
		return NULL;
	for (i = obj->n; i-- > 0;)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->kids[i];
	return NULL;
}

const char *kabi_json_type_name(enum kabi_jtype t)
{
	static const char *const names[] = {"null",     "a boolean", "a number",
					    "a string", "an array",  "an object"};
	return names[t];
}
