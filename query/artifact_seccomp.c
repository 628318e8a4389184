/*
 * artifact_seccomp.c - OCI / Docker / Podman seccomp profiles.
 *
 * JSON is parsed by a small strict RFC 8259 recursive-descent parser rather
 * than SQLite's JSON functions: SQLite's json_valid() only says yes or no
 * (json_error_position() needs 3.42, newer than Debian 12's 3.40), and an
 * error that names the byte offset, line and column of the bad token is the
 * point of reading a user's profile.  The parser builds a small tree, checks
 * UTF-8, escapes (\uXXXX with surrogate pairs), number syntax and limits
 * nesting to MAX_DEPTH; the profile walker then checks the types of the
 * fields it uses and ignores fields it does not know (as moby does).
 *
 * Semantics follow moby's profiles/seccomp: includes.arches / includes.caps
 * must all match, any match in excludes drops the rule, minKernel compares
 * "X.Y" numerically with the kernel asked about.
 */
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "array.h"
#include "artifact.h"
#include "error.h"
#include "file.h"
#include "strbuf.h"
#include "strlist.h"

#define MAX_DEPTH   64
#define MAX_PROFILE ((size_t)64 << 20)

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jval {
	enum jtype t;
	size_t off; /* byte offset of the value */
	char *s;    /* J_STR: decoded text; J_NUM: the literal */
	size_t slen;
	struct jval *kids; /* J_ARR elements, J_OBJ values */
	char **keys;       /* J_OBJ */
	size_t n, alloc;
} jval;

typedef struct {
	const char *buf, *name;
	size_t len, pos;
} jparser;

static void jfree(jval *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		jfree(&v->kids[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->s);
}

/* "'p.json' line 3 column 7 (offset 45): msg" */
static int jerr_at(const char *buf, size_t len, const char *name, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int jerr_at(const char *buf, size_t len, const char *name, size_t off, const char *fmt, ...)
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

#define JERR(p, off, ...) jerr_at((p)->buf, (p)->len, (p)->name, (off), __VA_ARGS__)

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

static int jliteral(jparser *p, jval *v, const char *lit, enum jtype t)
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

/* The last member named key (Go's encoding/json keeps the last duplicate). */
static const jval *jget(const jval *obj, const char *key)
{
	size_t i;

	for (i = obj->n; i-- > 0;)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->kids[i];
	return NULL;
}

static const char *type_name(enum jtype t)
{
	static const char *const names[] = {"null",     "a boolean", "a number",
					    "a string", "an array",  "an object"};
	return names[t];
}

typedef struct {
	const char *buf, *name;
	size_t len;
} walker;

#define WERR(w, v, ...) jerr_at((w)->buf, (w)->len, (w)->name, (v)->off, __VA_ARGS__)

/* A string member; absent or null leaves *out NULL. */
static int want_str(const walker *w, const jval *obj, const char *key, char **out)
{
	const jval *v = jget(obj, key);

	*out = NULL;
	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_STR)
		return WERR(w, v, "\"%s\" must be a string, not %s", key, type_name(v->t));
	if (strlen(v->s) != v->slen)
		return WERR(w, v, "\"%s\" contains a NUL character", key);
	*out = kabi_strdup(v->s);
	return 0;
}

static int want_strlist(const walker *w, const jval *obj, const char *key, kabi_strlist *out)
{
	const jval *v = jget(obj, key);
	size_t i;

	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_ARR)
		return WERR(w, v, "\"%s\" must be an array of strings, not %s", key, type_name(v->t));
	for (i = 0; i < v->n; i++) {
		const jval *e = &v->kids[i];

		if (e->t != J_STR)
			return WERR(w, e, "\"%s\" must be an array of strings, element %zu is %s", key, i,
				    type_name(e->t));
		if (strlen(e->s) != e->slen)
			return WERR(w, e, "\"%s\" element %zu contains a NUL character", key, i);
	}
	for (i = 0; i < v->n; i++)
		kabi_strlist_add(out, v->kids[i].s);
	return 0;
}

/* An unsigned integer member (errnoRet); absent or null leaves -1. */
static int want_uint(const walker *w, const jval *obj, const char *key, long long *out)
{
	const jval *v = jget(obj, key);
	char *end;
	unsigned long long x;

	*out = -1;
	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_NUM)
		return WERR(w, v, "\"%s\" must be a number, not %s", key, type_name(v->t));
	errno = 0;
	x = strtoull(v->s, &end, 10);
	if (*end || v->s[0] == '-' || errno || x > 0xffffffffULL)
		return WERR(w, v, "\"%s\" must be an unsigned 32-bit integer", key);
	*out = (long long)x;
	return 0;
}

/* Parse "6.1", "v5.10.3-rc2", "4.8.0-foo" into up to 3 numbers. */
static int kernel_parse(const char *s, long v[3])
{
	int i;

	v[0] = v[1] = v[2] = 0;
	if (*s == 'v')
		s++;
	for (i = 0; i < 3; i++) {
		char *end;

		if (!isdigit((unsigned char)*s))
			return i >= 2 ? 0 : -1;
		v[i] = strtol(s, &end, 10);
		s = end;
		if (*s != '.')
			return i >= 1 ? 0 : -1;
		s++;
	}
	return 0;
}

static int want_cond(const walker *w, const jval *rule, const char *key, kabi_seccomp_cond *c)
{
	const jval *v = jget(rule, key);
	long kv[3];
	int rc;

	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_OBJ)
		return WERR(w, v, "\"%s\" must be an object, not %s", key, type_name(v->t));
	if ((rc = want_strlist(w, v, "arches", &c->arches)) < 0 ||
	    (rc = want_strlist(w, v, "caps", &c->caps)) < 0 ||
	    (rc = want_str(w, v, "minKernel", &c->min_kernel)) < 0)
		return rc;
	if (c->min_kernel && kernel_parse(c->min_kernel, kv) < 0)
		return WERR(w, jget(v, "minKernel"), "\"minKernel\" must look like \"4.8\", not '%s'",
			    c->min_kernel);
	return 0;
}

static int want_rule(const walker *w, const jval *v, kabi_seccomp_rule *r)
{
	const jval *args;
	char *legacy = NULL;
	int rc;

	r->offset = v->off;
	r->errno_ret = -1;
	if (v->t != J_OBJ)
		return WERR(w, v, "a syscalls entry must be an object, not %s", type_name(v->t));
	if ((rc = want_strlist(w, v, "names", &r->names)) < 0 || (rc = want_str(w, v, "name", &legacy)) < 0)
		return rc;
	if (legacy)
		kabi_strlist_add_owned(&r->names, legacy);
	if ((rc = want_str(w, v, "action", &r->action)) < 0 ||
	    (rc = want_str(w, v, "comment", &r->comment)) < 0 ||
	    (rc = want_uint(w, v, "errnoRet", &r->errno_ret)) < 0 ||
	    (rc = want_cond(w, v, "includes", &r->includes)) < 0 ||
	    (rc = want_cond(w, v, "excludes", &r->excludes)) < 0)
		return rc;
	if (!r->action)
		return WERR(w, v, "syscalls entry without \"action\"");
	args = jget(v, "args");
	if (args && args->t != J_NULL) {
		if (args->t != J_ARR)
			return WERR(w, args, "\"args\" must be an array, not %s", type_name(args->t));
		r->nargs = args->n;
	}
	return 0;
}

static void cond_free(kabi_seccomp_cond *c)
{
	kabi_strlist_free(&c->arches);
	kabi_strlist_free(&c->caps);
	free(c->min_kernel);
}

void kabi_seccomp_free(kabi_seccomp *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nrules; i++) {
		kabi_seccomp_rule *r = &p->rules[i];

		kabi_strlist_free(&r->names);
		free(r->action);
		free(r->comment);
		cond_free(&r->includes);
		cond_free(&r->excludes);
	}
	for (i = 0; i < p->narch_map; i++) {
		free(p->arch_map[i].arch);
		kabi_strlist_free(&p->arch_map[i].sub);
	}
	free(p->rules);
	free(p->arch_map);
	kabi_strlist_free(&p->architectures);
	free(p->default_action);
	free(p->source);
	free(p);
}

static int walk_profile(const walker *w, const jval *top, kabi_seccomp *p)
{
	const jval *v;
	size_t i;
	int rc;

	if (top->t != J_OBJ)
		return WERR(w, top, "a seccomp profile must be an object, not %s", type_name(top->t));
	if ((rc = want_str(w, top, "defaultAction", &p->default_action)) < 0 ||
	    (rc = want_uint(w, top, "defaultErrnoRet", &p->default_errno_ret)) < 0 ||
	    (rc = want_strlist(w, top, "architectures", &p->architectures)) < 0)
		return rc;
	v = jget(top, "archMap");
	if (v && v->t != J_NULL) {
		if (v->t != J_ARR)
			return WERR(w, v, "\"archMap\" must be an array, not %s", type_name(v->t));
		p->arch_map = kabi_calloc(v->n, sizeof(*p->arch_map));
		for (i = 0; i < v->n; i++) {
			const jval *m = &v->kids[i];

			if (m->t != J_OBJ)
				return WERR(w, m, "an archMap entry must be an object, not %s",
					    type_name(m->t));
			p->narch_map++;
			if ((rc = want_str(w, m, "architecture", &p->arch_map[i].arch)) < 0 ||
			    (rc = want_strlist(w, m, "subArchitectures", &p->arch_map[i].sub)) < 0)
				return rc;
			if (!p->arch_map[i].arch)
				return WERR(w, m, "archMap entry without \"architecture\"");
		}
	}
	v = jget(top, "syscalls");
	if (v && v->t != J_NULL) {
		if (v->t != J_ARR)
			return WERR(w, v, "\"syscalls\" must be an array, not %s", type_name(v->t));
		p->rules = kabi_calloc(v->n, sizeof(*p->rules));
		for (i = 0; i < v->n; i++) {
			p->nrules++;
			if ((rc = want_rule(w, &v->kids[i], &p->rules[i])) < 0)
				return rc;
		}
	}
	return 0;
}

int kabi_seccomp_parse(kabi_seccomp **out, const char *buf, size_t len, const char *name)
{
	jparser jp = {buf, name, len, 0};
	walker w = {buf, name, len};
	jval top = {0};
	kabi_seccomp *p = NULL;
	int rc;

	*out = NULL;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return jerr_at(buf, len, name, 0, "byte order mark is not allowed in JSON");
	if ((rc = jvalue(&jp, &top, 0)) < 0)
		goto out;
	jskip_ws(&jp);
	if (jp.pos != len) {
		rc = JERR(&jp, jp.pos, "trailing data after the JSON value");
		goto out;
	}
	p = kabi_calloc(1, sizeof(*p));
	p->source = kabi_strdup(name);
	p->default_errno_ret = -1;
	if ((rc = walk_profile(&w, &top, p)) < 0)
		goto out;
	*out = p;
	p = NULL;
out:
	kabi_seccomp_free(p);
	jfree(&top);
	return rc;
}

int kabi_seccomp_load(kabi_seccomp **out, const char *path)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = kabi_file_read(&buf, &len, path, MAX_PROFILE)) < 0) {
		if (rc == KABI_EINVALID) /* too large */
			kabi_error_set(rc, "%s, not a profile", kabi_error_last());
		return rc;
	}
	rc = kabi_seccomp_parse(out, buf, len, path);
	free(buf);
	return rc;
}

/* ---- semantics --------------------------------------------------------- */

/* SCMP_ARCH_ names and Docker's "arches" are columns of the ABI registry
 * (db/abi.c).  Docker compares includes/excludes "arches" with the daemon's
 * GOARCH, so an entry names a host and covers every ABI that host runs:
 * "amd64" covers the i386 and x32 compat ABIs too. */
const char *kabi_seccomp_arch_abi(const char *scmp_arch)
{
	const kabi_abi_info *a = kabi_abi_of_seccomp(scmp_arch);

	return a ? a->name : NULL;
}

int kabi_seccomp_action_allows(const char *action)
{
	return action && (strcmp(action, "SCMP_ACT_ALLOW") == 0 || strcmp(action, "SCMP_ACT_LOG") == 0);
}

int kabi_seccomp_default_allows(const kabi_seccomp *p)
{
	return kabi_seccomp_action_allows(p->default_action);
}

static int arch_entry_matches(const char *entry, const char *abi)
{
	const kabi_abi_info *abis, *me = kabi_abi_find(abi);
	const char *a;
	size_t i, n;

	if ((a = kabi_seccomp_arch_abi(entry)))
		return strcmp(a, abi) == 0;
	abis = kabi_abis(&n);
	for (i = 0; i < n; i++)
		if (kabi_abi_list_has(abis[i].docker, entry)) /* a Docker arch: the ABIs its hosts run */
			return me && kabi_abi_list_has(me->docker, entry);
	return strcmp(entry, abi) == 0;
}

static int list_has_arch(const kabi_strlist *l, const char *abi)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (arch_entry_matches(l->v[i], abi))
			return 1;
	return 0;
}

static int has_cap(const kabi_seccomp_query *q, const char *cap)
{
	size_t i;

	for (i = 0; i < q->ncaps; i++)
		if (strcmp(q->caps[i], cap) == 0)
			return 1;
	return 0;
}

/* kernel >= min; both already validated or the query's kernel. */
static int kernel_at_least(const char *kernel, const char *min)
{
	long a[3], b[3];
	int i;

	if (kernel_parse(kernel, a) < 0 || kernel_parse(min, b) < 0)
		return 0;
	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] > b[i];
	return 1;
}

/* Does the rule apply to the query (moby's semantics)? */
static int rule_applies(const kabi_seccomp_rule *r, const kabi_seccomp_query *q)
{
	size_t i;

	if (r->includes.arches.n && !list_has_arch(&r->includes.arches, q->abi))
		return 0;
	for (i = 0; i < r->includes.caps.n; i++)
		if (!has_cap(q, r->includes.caps.v[i]))
			return 0;
	if (r->includes.min_kernel && q->kernel && !kernel_at_least(q->kernel, r->includes.min_kernel))
		return 0;
	if (r->excludes.arches.n && list_has_arch(&r->excludes.arches, q->abi))
		return 0;
	for (i = 0; i < r->excludes.caps.n; i++)
		if (has_cap(q, r->excludes.caps.v[i]))
			return 0;
	if (r->excludes.min_kernel && q->kernel && kernel_at_least(q->kernel, r->excludes.min_kernel))
		return 0;
	return 1;
}

/* Does the profile's architecture list cover abi?  No list = native only,
 * which we cannot know, so yes. */
static int profile_covers(const kabi_seccomp *p, const char *abi)
{
	size_t i, j;
	int any = 0;

	for (i = 0; i < p->architectures.n; i++, any = 1)
		if (arch_entry_matches(p->architectures.v[i], abi))
			return 1;
	for (i = 0; i < p->narch_map; i++, any = 1) {
		if (arch_entry_matches(p->arch_map[i].arch, abi))
			return 1;
		for (j = 0; j < p->arch_map[i].sub.n; j++)
			if (arch_entry_matches(p->arch_map[i].sub.v[j], abi))
				return 1;
	}
	return !any;
}

int kabi_seccomp_names(kabi_needs **out, const kabi_seccomp *p, const kabi_seccomp_query *q, int allow)
{
	kabi_strbuf why = KABI_STRBUF_INIT;
	kabi_needs *ns;
	long kv[3];
	size_t i, j;

	*out = NULL;
	if (!q->abi)
		return kabi_error_set(KABI_EINVALID, "seccomp query without an ABI");
	if (q->kernel && kernel_parse(q->kernel, kv) < 0)
		return kabi_error_set(KABI_EINVALID, "bad kernel version '%s'", q->kernel);
	if (!profile_covers(p, q->abi))
		return kabi_error_set(KABI_ENOTFOUND, "'%s': no architecture of the profile maps to ABI '%s'",
				      p->source, q->abi);
	ns = kabi_needs_new(q->abi, p->source);
	for (i = 0; i < p->nrules; i++) {
		const kabi_seccomp_rule *r = &p->rules[i];

		if (!kabi_seccomp_action_allows(r->action) != !allow || !rule_applies(r, q))
			continue;
		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "'%s' rule %zu (offset %zu) %s%s", p->source, i, r->offset,
				   r->action, r->nargs ? " with argument filters" : "");
		for (j = 0; j < r->names.n; j++)
			kabi_needs_add(ns, NULL, r->names.v[j], -1, 1, why.buf);
	}
	kabi_strbuf_free(&why);
	*out = ns;
	return 0;
}
