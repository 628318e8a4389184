#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "version.h"

/* Parses up to 4 dot-separated numbers and an optional "-rcN" from s,
 * stopping at the end of the string; anything else is an error. */
int kabi_version_parse(kabi_version *out, const char *s)
{
	const char *p = s;
	int n = 0;

	memset(out, 0, sizeof(*out));
	if (*p == 'v' || *p == 'V')
		p++;
	for (;;) {
		long val;
		char *end;

		if (!isdigit((unsigned char)*p) || n == 4)
			goto bad;
		val = strtol(p, &end, 10);
		if (val > 65535 || (n < 2 && val > 255))
			goto bad;
		out->part[n++] = (int)val;
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (n < 2)
		goto bad;
	if (strncmp(p, "-rc", 3) == 0) {
		long rc;
		char *end;

		if (!isdigit((unsigned char)p[3]))
			goto bad;
		rc = strtol(p + 3, &end, 10);
		if (rc < 1 || rc > 254)
			goto bad;
		out->rc = (int)rc;
		p = end;
	}
	if (*p)
		goto bad;
	return 0;
bad:
	return kabi_error_set(KABI_EINVALID, "'%s' is not a kernel version (like 6.1, v6.1-rc3 or 2.6.32.71)",
			      s);
}

static int makefile_var(const char *text, size_t len, const char *name, char *val, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;

		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > nlen && memcmp(p, name, nlen) == 0) {
			q = p + nlen;
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (q < eol && *q == '=') {
				size_t vlen;

				q++;
				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
				vlen = (size_t)(eol - q);
				while (vlen && isspace((unsigned char)q[vlen - 1]))
					vlen--;
				if (vlen >= size)
					vlen = size - 1;
				memcpy(val, q, vlen);
				val[vlen] = '\0';
				return 1;
			}
		}
		p = eol + 1;
	}
	return 0;
}

int kabi_version_from_makefile(kabi_version *out, const char *text, size_t len)
{
	char v[32], pl[32], sl[32] = "", ev[64] = "";
	char buf[160];

	if (!makefile_var(text, len, "VERSION", v, sizeof(v)) ||
	    !makefile_var(text, len, "PATCHLEVEL", pl, sizeof(pl)))
		return kabi_error_set(KABI_EINVALID, "the Makefile has no VERSION and PATCHLEVEL");
	makefile_var(text, len, "SUBLEVEL", sl, sizeof(sl));
	makefile_var(text, len, "EXTRAVERSION", ev, sizeof(ev));
	/* EXTRAVERSION other than -rcN (".1" in 2.6.x stable trees, vendor
	 * suffixes) is appended when it is numeric, ignored otherwise. */
	snprintf(buf, sizeof(buf), "%s.%s%s%s", v, pl, sl[0] ? "." : "", sl);
	if (ev[0] == '.' && isdigit((unsigned char)ev[1]))
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s", ev);
	else if (strncmp(ev, "-rc", 3) == 0)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s", ev);
	return kabi_version_parse(out, buf);
}

int64_t kabi_version_key(const kabi_version *v)
{
	int64_t k = v->part[0];

	k = k * 256 + v->part[1];
	k = k * 65536 + v->part[2];
	k = k * 65536 + v->part[3];
	return k * 256 + (v->rc ? v->rc : 255);
}

int kabi_version_cmp(const kabi_version *a, const kabi_version *b)
{
	int64_t ka = kabi_version_key(a), kb = kabi_version_key(b);

	return ka < kb ? -1 : ka > kb;
}

void kabi_version_format(const kabi_version *v, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%d.%d", v->part[0], v->part[1]);

	/* 2.6.x always shows its third number; later ones only when set. */
	if (n > 0 && (size_t)n < size && (v->part[2] || v->part[3] || v->part[0] < 3))
		n += snprintf(buf + n, size - (size_t)n, ".%d", v->part[2]);
	if (n > 0 && (size_t)n < size && v->part[3])
		n += snprintf(buf + n, size - (size_t)n, ".%d", v->part[3]);
	if (n > 0 && (size_t)n < size && v->rc)
		snprintf(buf + n, size - (size_t)n, "-rc%d", v->rc);
}

void kabi_version_line(const kabi_version *v, char *buf, size_t size)
{
	if (v->part[0] < 3)
		snprintf(buf, size, "%d.%d.%d", v->part[0], v->part[1], v->part[2]);
	else
		snprintf(buf, size, "%d.%d", v->part[0], v->part[1]);
}

/* Before 3.0 a line has three numbers (2.6.32), from 3.0 on two (6.1). */
static int line_parts(const kabi_version *v)
{
	return v->part[0] < 3 ? 3 : 2;
}

int kabi_version_is_line(const kabi_version *v)
{
	return !v->rc && !v->part[3] && (line_parts(v) == 3 || !v->part[2]);
}

int kabi_version_in_line(const kabi_version *v, const kabi_version *line)
{
	int i, n = line_parts(line);

	for (i = 0; i < n; i++)
		if (v->part[i] != line->part[i])
			return 0;
	return 1;
}

/* The last minor release of each major line that has ended (3.19 was
 * followed by 4.0, 4.20 by 5.0 ...); a line not listed is followed by its
 * next minor. */
static const struct {
	int major, last_minor;
} last_minor[] = {{3, 19}, {4, 20}, {5, 19}, {6, 19}};

/* The line after v's: 1 and its numbers in *next, 0 when kabi does not know
 * it (2.4 and earlier: no Linux history kabi reads). */
static int next_line(const kabi_version *v, kabi_version *next)
{
	size_t i;

	memset(next, 0, sizeof(*next));
	if (v->part[0] == 2) {
		if (v->part[1] != 6)
			return 0;
		if (v->part[2] == 39) { /* 2.6.39 was followed by 3.0 */
			next->part[0] = 3;
			return 1;
		}
		next->part[0] = 2;
		next->part[1] = 6;
		next->part[2] = v->part[2] + 1;
		return 1;
	}
	if (v->part[0] < 2)
		return 0;
	next->part[0] = v->part[0];
	next->part[1] = v->part[1] + 1;
	for (i = 0; i < sizeof(last_minor) / sizeof(last_minor[0]); i++)
		if (last_minor[i].major == v->part[0] && last_minor[i].last_minor == v->part[1]) {
			next->part[0] = v->part[0] + 1;
			next->part[1] = 0;
		}
	return 1;
}

/* The stable number of a release of its line: 6.1.192 -> 192, 2.6.32.71 -> 71. */
static int stable_of(const kabi_version *v)
{
	return v->part[line_parts(v)];
}

int kabi_version_follows(const kabi_version *a, const kabi_version *b)
{
	kabi_version next;

	if (kabi_version_in_line(b, a) && line_parts(a) == line_parts(b)) {
		if (a->rc && b->rc)
			return b->rc == a->rc + 1;
		if (a->rc)
			return !stable_of(b); /* the line's pre-releases, then its release */
		return !b->rc && stable_of(b) == stable_of(a) + 1;
	}
	/* the next line forks from this one's release, not from its stable
	 * updates: 6.2-rc1 follows 6.1 as it follows 6.1.192 */
	if (a->rc || !next_line(a, &next) || !kabi_version_in_line(b, &next) ||
	    line_parts(b) != line_parts(&next))
		return 0;
	return b->rc == 1 || (!b->rc && !stable_of(b));
}
