/*
 * artifact_strace.c - syscalls from strace output as users save it.
 *
 * A line is, after optional decorations,
 *
 *   [PID | [pid PID]] [TIMESTAMP] [[IP]] [[NR]] NAME(ARGS) = RET [<TIME>]
 *
 * or one of the non-syscall lines (--- SIGCHLD {...} ---, +++ exited with 0
 * +++, [ Process PID=1 runs in 32 bit mode. ], strace: ..., the -c table,
 * -k stack frames " > ...").  Only the name matters, but a syscall line is
 * accepted only when its argument list closes (quote-aware, so "a)b" and
 * escaped quotes inside strings do not confuse it; -y decorations <...> are
 * skipped) and is followed by '=', or when it ends in <unfinished ...>.
 *
 * Unfinished/resumed pairs are counted once, at the unfinished half; a
 * resumed half with no pending unfinished one for its pid (a log that starts
 * mid-call) is counted.
 *
 * Policy for garbage: lines that do not parse are skipped and reported as
 * warnings on the set (the first one verbatim with its line number); a file
 * without a single recognizable line is an error.  Memory is bounded: the
 * file is read in 64 KiB chunks and only the first HEAD_MAX bytes and the
 * last TAIL_MAX bytes of a line are kept.  A line longer than HEAD_MAX is
 * accepted on its prefix alone, its tail tells whether it is unfinished.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "artifact.h"
#include "error.h"
#include "strbuf.h"

#define HEAD_MAX    (256 * 1024)
#define TAIL_MAX    64
#define CHUNK       (64 * 1024)
#define MAX_PENDING 4096
#define MAX_PIDS    4096
#define FIRST_MAX   KABI_STRACE_FIRST_MAX

typedef struct {
	FILE *f;
	char *chunk;
	size_t pos, len;
	int eof;
	unsigned long long bytes; /* read so far */
	unsigned long long limit; /* read_line gives up past it (2); 0: none */
	kabi_strbuf head;
	char tail[TAIL_MAX];
	size_t tail_len;
	int truncated;
} line_reader;

typedef struct {
	long pid;
	char name[40];
} pending;

typedef struct {
	long pid;
	const char *abi;
} pid_abi;

typedef struct {
	kabi_needs *ns;
	const char *file;
	unsigned long long line;
	unsigned long long recognized;
	int in_summary;
	int calls_col; /* index of "calls" among the numeric columns, -1 none */
	const char *summary_abi;
	pending *pend;
	size_t npend;
	pid_abi *pids;
	size_t npids;
	kabi_strbuf why;
} strace_ctx;

static void tail_add(line_reader *r, const char *p, size_t n)
{
	if (n >= TAIL_MAX) {
		memcpy(r->tail, p + n - TAIL_MAX, TAIL_MAX);
		r->tail_len = TAIL_MAX;
		return;
	}
	if (r->tail_len + n > TAIL_MAX) {
		size_t drop = r->tail_len + n - TAIL_MAX;

		memmove(r->tail, r->tail + drop, r->tail_len - drop);
		r->tail_len -= drop;
	}
	memcpy(r->tail + r->tail_len, p, n);
	r->tail_len += n;
}

/* Next line into r->head (without the newline); 1 = a line, 0 = EOF,
 * 2 = more than r->limit bytes read (r->limit != 0), KABI_EIO on a read
 * error. */
static int read_line(line_reader *r)
{
	int any = 0;

	kabi_strbuf_reset(&r->head);
	r->tail_len = 0;
	r->truncated = 0;
	for (;;) {
		const char *start, *nl;
		size_t n, room;

		if (r->pos == r->len) {
			if (r->eof)
				return any;
			r->len = fread(r->chunk, 1, CHUNK, r->f);
			r->pos = 0;
			r->bytes += r->len;
			if (r->limit && r->bytes > r->limit)
				return 2;
			if (r->len < CHUNK) {
				if (ferror(r->f))
					return KABI_EIO;
				r->eof = 1;
			}
			if (r->len == 0)
				return any;
		}
		any = 1;
		start = r->chunk + r->pos;
		nl = memchr(start, '\n', r->len - r->pos);
		n = nl ? (size_t)(nl - start) : r->len - r->pos;
		room = HEAD_MAX - r->head.len;
		if (n <= room) {
			kabi_strbuf_add(&r->head, start, n);
		} else {
			kabi_strbuf_add(&r->head, start, room);
			r->truncated = 1;
			tail_add(r, start + room, n - room);
		}
		r->pos += n;
		if (nl) {
			r->pos++;
			return 1;
		}
	}
}

static int is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static const char *skip_spaces(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static int starts(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(e - p) >= n && memcmp(p, lit, n) == 0;
}

static int ends_with(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(e - p) >= n && memcmp(e - n, lit, n) == 0;
}

/* Parse a decimal number of at most 18 digits; NULL when none. */
static const char *parse_dec(const char *p, const char *e, long long *out)
{
	long long v = 0;
	int digits = 0;

	while (p < e && *p >= '0' && *p <= '9' && digits < 18) {
		v = v * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (!digits || (p < e && *p >= '0' && *p <= '9'))
		return NULL;
	*out = v;
	return p;
}

/* The ABI a personality switch selects, relative to the set's ABI. */
static const char *personality_abi(const char *base, const char *mode, size_t n)
{
	const kabi_abi_info *b;

	if (n == 3 && memcmp(mode, "x32", 3) == 0)
		return "x32";
	if (n == 6 && memcmp(mode, "64 bit", 6) == 0)
		return base ? NULL : "x86_64";
	if (n == 6 && memcmp(mode, "32 bit", 6) == 0) {
		if (!base)
			return "i386";
		b = kabi_abi_find(base); /* the registry's compat32 column (db/abi.c) */
		return b ? b->compat32 : NULL;
	}
	return NULL;
}

static pid_abi *pid_slot(strace_ctx *c, long pid, int create)
{
	size_t i;

	for (i = 0; i < c->npids; i++)
		if (c->pids[i].pid == pid)
			return &c->pids[i];
	if (!create || c->npids == MAX_PIDS)
		return NULL;
	c->pids[c->npids].pid = pid;
	c->pids[c->npids].abi = NULL;
	return &c->pids[c->npids++];
}

/* ns->abi is owned by the set, so the per-need abi must be a literal: map a
 * personality back to the static string (NULL = the set's own ABI). */
static const char *abi_for_pid(strace_ctx *c, long pid)
{
	pid_abi *s = pid_slot(c, pid, 0);

	return s ? s->abi : NULL;
}

/* "[ Process PID=1234 runs in 32 bit mode. ]" starting at p. */
static void personality_line(strace_ctx *c, const char *p, const char *e)
{
	long long pid = 0;
	const char *q = p + strlen("[ Process PID="), *m, *me;
	const char *abi;
	pid_abi *s;

	q = parse_dec(q, e, &pid);
	if (!q || !starts(q, e, " runs in "))
		goto odd;
	m = q + strlen(" runs in ");
	for (me = m; me < e && !starts(me, e, " mode"); me++)
		;
	if (me == e)
		goto odd;
	abi = personality_abi(c->ns->abi, m, (size_t)(me - m));
	kabi_needs_warn(c->ns, "'%s' line %llu: process %lld runs in %.*s mode", c->file, c->line, pid,
			(int)(me - m), m);
	if ((s = pid_slot(c, (long)pid, 1)))
		s->abi = abi;
	if ((s = pid_slot(c, 0, 1)))
		s->abi = abi;
	return;
odd:
	kabi_needs_warn(c->ns, "'%s' line %llu: unrecognized personality line", c->file, c->line);
}

/* Record NAME (or syscall_0x1b6 / syscall_438 as a number). */
static void add_syscall(strace_ctx *c, const char *abi, const char *name, size_t n, long long nr,
			unsigned long long count)
{
	char buf[64];

	kabi_strbuf_reset(&c->why);
	kabi_strbuf_printf(&c->why, "'%s' line %llu", c->file, c->line);
	if (n == 4 && memcmp(name, "?\?\?\?", 4) == 0) {
		kabi_needs_unknown(c->ns, c->why.buf);
		return;
	}
	if (n > 8 && memcmp(name, "syscall_", 8) == 0) {
		const char *p = name + 8, *e = name + n;
		long long v = 0;
		int hex = n > 10 && p[0] == '0' && p[1] == 'x';
		int ok = 1;

		for (p += hex ? 2 : 0; p < e && ok; p++) {
			int d = isdigit((unsigned char)*p)             ? *p - '0'
				: (hex && isxdigit((unsigned char)*p)) ? (tolower(*p) - 'a' + 10)
								       : -1;
			if (d < 0 || v > (1LL << 40))
				ok = 0;
			else
				v = v * (hex ? 16 : 10) + d;
		}
		if (ok) {
			kabi_needs_add(c->ns, abi, NULL, v, count, c->why.buf);
			return;
		}
	}
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	kabi_needs_add(c->ns, abi, buf, nr, count, c->why.buf);
}

static void pend_push(strace_ctx *c, long pid, const char *name, size_t n)
{
	pending *d;

	if (c->npend == MAX_PENDING) {
		memmove(c->pend, c->pend + 1, (MAX_PENDING - 1) * sizeof(*c->pend));
		c->npend--;
	}
	d = &c->pend[c->npend++];
	d->pid = pid;
	if (n >= sizeof(d->name))
		n = sizeof(d->name) - 1;
	memcpy(d->name, name, n);
	d->name[n] = '\0';
}

/* Remove the pending call of pid named name; 1 when there was one. */
static int pend_pop(strace_ctx *c, long pid, const char *name, size_t n)
{
	size_t i;

	if (n >= sizeof(c->pend[0].name))
		n = sizeof(c->pend[0].name) - 1;
	for (i = c->npend; i-- > 0;) {
		if (c->pend[i].pid == pid && strlen(c->pend[i].name) == n &&
		    memcmp(c->pend[i].name, name, n) == 0) {
			memmove(c->pend + i, c->pend + i + 1, (c->npend - i - 1) * sizeof(*c->pend));
			c->npend--;
			return 1;
		}
	}
	return 0;
}

static void pend_drop_pid(strace_ctx *c, long pid)
{
	size_t i = 0;

	while (i < c->npend) {
		if (c->pend[i].pid == pid) {
			memmove(c->pend + i, c->pend + i + 1, (c->npend - i - 1) * sizeof(*c->pend));
			c->npend--;
		} else {
			i++;
		}
	}
}

/*
 * From just after "NAME(" find the closing parenthesis and check that '='
 * follows.  Strings are skipped with their escapes, -y decorations <...> as
 * a unit.  1 when the call is complete.
 */
static int args_close(const char *p, const char *e)
{
	int depth = 1;

	while (p < e) {
		char ch = *p;

		if (ch == '"') {
			for (p++; p < e && *p != '"'; p++)
				if (*p == '\\')
					p++;
			if (p >= e)
				return 0;
			p++;
			continue;
		}
		if (ch == '<') {
			const char *q = memchr(p, '>', (size_t)(e - p));

			if (q) {
				p = q + 1;
				continue;
			}
		}
		if (ch == '(') {
			depth++;
		} else if (ch == ')' && --depth == 0) {
			p = skip_spaces(p + 1, e);
			return p < e && *p == '=';
		}
		p++;
	}
	return 0;
}

/* Split a line into at most max whitespace tokens. */
static size_t tokens(const char *p, const char *e, const char **tok, size_t *len, size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *s;

		p = skip_spaces(p, e);
		if (p == e)
			return n;
		if (n == max)
			return max + 1;
		s = p;
		while (p < e && *p != ' ' && *p != '\t')
			p++;
		tok[n] = s;
		len[n++] = (size_t)(p - s);
	}
}

static int numeric(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.')
			return 0;
	return n > 0;
}

/* The -c table: header, dashes, rows, total.  1 when the line belongs to it. */
static int summary_line(strace_ctx *c, const char *p, const char *e)
{
	const char *tok[9];
	size_t len[9], n, i;

	if (starts(p, e, "% time")) {
		n = tokens(p + 6, e, tok, len, 8);
		c->in_summary = 1;
		c->calls_col = -1;
		for (i = 0; i < n && i <= 8; i++)
			if (len[i] == 5 && memcmp(tok[i], "calls", 5) == 0)
				c->calls_col = (int)i + 1; /* + the "% time" column */
		return 1;
	}
	if (starts(p, e, "System call usage summary for ")) {
		const char *m = p + strlen("System call usage summary for ");
		const char *me = e;

		while (me > m && me[-1] != ' ')
			me--;
		/* "... for 32 bit mode:" */
		if (me > m)
			me--;
		c->summary_abi = personality_abi(c->ns->abi, m, (size_t)(me - m));
		return 1;
	}
	if (!c->in_summary)
		return 0;
	if (*p == '-') {
		for (; p < e; p++)
			if (*p != '-' && *p != ' ')
				return 0;
		return 1;
	}
	n = tokens(p, e, tok, len, 8);
	if (n < 2 || n > 8)
		return 0;
	for (i = 0; i + 1 < n; i++)
		if (!numeric(tok[i], len[i]))
			return 0;
	if (!is_name_start((unsigned char)tok[n - 1][0]) && tok[n - 1][0] != '?')
		return 0;
	if (len[n - 1] == 5 && memcmp(tok[n - 1], "total", 5) == 0)
		return 1;
	{
		unsigned long long calls = 1;

		if (c->calls_col >= 0 && (size_t)c->calls_col < n - 1) {
			long long v;

			if (parse_dec(tok[c->calls_col], tok[c->calls_col] + len[c->calls_col], &v))
				calls = (unsigned long long)v;
		}
		add_syscall(c, c->summary_abi, tok[n - 1], len[n - 1], -1, calls);
	}
	return 1;
}

/*
 * One line; 1 when recognized, 0 when not (skipped), -1 for a line that
 * carries nothing either way (blank).
 */
static int parse_line(strace_ctx *c, const char *p, const char *e, int truncated, const char *tail,
		      size_t tail_len)
{
	long long pid = 0, nr = -1;
	const char *name, *q;
	int unfinished;

	while (e > p && (e[-1] == '\r' || e[-1] == ' '))
		e--;
	p = skip_spaces(p, e);
	if (p == e)
		return -1;
	if (starts(p, e, "strace: ") || starts(p, e, "> "))
		return 1;
	if (summary_line(c, p, e))
		return 1;

	/* pid prefix: "1234 " or "[pid  1234] " */
	if (starts(p, e, "[pid ")) {
		q = parse_dec(skip_spaces(p + 5, e), e, &pid);
		if (!q || q >= e || *q != ']')
			return 0;
		p = skip_spaces(q + 1, e);
	} else if (*p >= '0' && *p <= '9') {
		q = parse_dec(p, e, &pid);
		if (q && q < e && *q == ' ')
			p = skip_spaces(q, e);
		else
			pid = 0;
	}
	/* -t/-tt/-ttt/-r timestamp */
	if (p < e && *p >= '0' && *p <= '9') {
		int punct = 0;

		for (q = p; q < e && (isdigit((unsigned char)*q) || *q == ':' || *q == '.'); q++)
			punct |= *q == ':' || *q == '.';
		if (!punct || q == e || *q != ' ')
			return 0;
		p = skip_spaces(q, e);
	}
	if (starts(p, e, "[ Process PID=")) {
		personality_line(c, p, e);
		return 1;
	}
	/* -i instruction pointer, -n syscall number */
	while (p < e && *p == '[') {
		const char *r = memchr(p, ']', (size_t)(e - p));
		const char *d;
		long long v;

		if (!r || r - p > 40)
			return 0;
		d = skip_spaces(p + 1, r);
		if (r - d <= 5 && (q = parse_dec(d, r, &v)) && q == r)
			nr = v;
		p = skip_spaces(r + 1, e);
	}
	if (starts(p, e, "--- ") || starts(p, e, "+++ ")) {
		if (*p == '+')
			pend_drop_pid(c, (long)pid);
		return 1;
	}
	if (starts(p, e, "<... ")) {
		name = p + 5;
		for (q = name; q < e && is_name_char((unsigned char)*q); q++)
			;
		if (q == name || !starts(q, e, " resumed>"))
			return 0;
		if (!pend_pop(c, (long)pid, name, (size_t)(q - name)))
			add_syscall(c, abi_for_pid(c, (long)pid), name, (size_t)(q - name), nr, 1);
		return 1;
	}

	name = p;
	if (starts(p, e, "?\?\?\?("))
		q = p + 4;
	else if (p < e && is_name_start((unsigned char)*p))
		for (q = p; q < e && is_name_char((unsigned char)*q); q++)
			;
	else
		return 0;
	if (q == e || *q != '(' || q - name > 32)
		return 0;
	if (truncated)
		unfinished = tail_len >= 16 && ends_with(tail, tail + tail_len, "<unfinished ...>");
	else
		unfinished = ends_with(q, e, "<unfinished ...>");
	if (!unfinished && !truncated && !args_close(q + 1, e))
		return 0;
	add_syscall(c, abi_for_pid(c, (long)pid), name, (size_t)(q - name), nr, 1);
	if (unfinished)
		pend_push(c, (long)pid, name, (size_t)(q - name));
	return 1;
}

int kabi_strace_read_fp(kabi_needs *ns, FILE *f, const char *name)
{
	line_reader r;
	strace_ctx c;
	unsigned long long first_bad = 0, bad = 0;
	int rc, err = 0;

	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	r.f = f;
	r.chunk = kabi_malloc(CHUNK);
	kabi_strbuf_grow(&r.head, 0);
	c.ns = ns;
	c.file = name;
	c.calls_col = -1;
	c.pend = kabi_malloc(MAX_PENDING * sizeof(*c.pend));
	c.pids = kabi_malloc(MAX_PIDS * sizeof(*c.pids));

	r.limit = FIRST_MAX;
	while ((rc = read_line(&r)) == 1) {
		const char *s = r.head.buf;
		int got;

		c.line++;
		got = parse_line(&c, s, s + r.head.len, r.truncated, r.tail, r.tail_len);
		if (got > 0) {
			c.recognized++;
			r.limit = 0;
		} else if (got == 0) {
			if (!bad++)
				first_bad = c.line;
			if (!c.recognized && r.bytes > FIRST_MAX)
				break;
		}
	}
	if (rc < 0) {
		err = kabi_error_set(KABI_EIO, "cannot read '%s' after line %llu: %s", name, c.line,
				     strerror(errno));
		goto out;
	}
	if (!c.recognized) {
		if (r.bytes > FIRST_MAX)
			err = kabi_error_set(KABI_EINVALID,
					     "'%s': not strace output (no line recognized in its first "
					     "%d MiB)",
					     name, FIRST_MAX >> 20);
		else if (!c.line)
			err = kabi_error_set(KABI_EINVALID, "'%s': empty strace output", name);
		else
			err = kabi_error_set(KABI_EINVALID,
					     "'%s' line %llu: not strace output (no line of %llu "
					     "recognized)",
					     name, first_bad ? first_bad : 1, c.line);
		goto out;
	}
	if (bad)
		kabi_needs_warn(ns, "'%s' line %llu: %llu unrecognized line(s) skipped", name, first_bad,
				bad);
out:
	kabi_strbuf_free(&r.head);
	kabi_strbuf_free(&c.why);
	free(r.chunk);
	free(c.pend);
	free(c.pids);
	return err;
}

int kabi_strace_read(kabi_needs *ns, const char *path)
{
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      path, strerror(errno));
	rc = kabi_strace_read_fp(ns, f, path);
	fclose(f);
	return rc;
}
