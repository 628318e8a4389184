/*
 * cpp.c - a small C preprocessor for kernel unistd headers (see cpp.h).
 *
 * Shape: a file is read one logical line at a time (continuations spliced,
 * comments replaced by a space).  Directive lines drive the conditional
 * stack and the macro table; other lines in active regions are lexed into a
 * linked list of tokens and macro-expanded with Prosser's hideset algorithm
 * (the one the C standard describes): every token carries the set of macros
 * it came out of, and a name is never expanded inside its own expansion.
 *
 * All per-line memory (tokens, hidesets, pasted and stringified text) comes
 * from an arena that is dropped after each line; the arena's size is the
 * expansion limit, so `#define a(x) x x` nested 40 deep fails cleanly instead
 * of eating the machine.  Macro definitions live in an open-addressing hash
 * table and own their memory.
 */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "cpp.h"
#include "error.h"
#include "strbuf.h"

#define MAX_INCLUDE_DEPTH 32
#define MAX_INCLUDES      4096        /* per run: a file including itself twice is 2^32 */
#define MAX_LINE_ARENA    (16u << 20) /* bytes one line's expansion may allocate */
#define MAX_NEST          200         /* nested argument pre-expansion, #if parentheses */
#define CHUNK_SIZE        (64u << 10)

enum { T_IDENT, T_NUM, T_STR, T_PUNCT, T_OTHER, T_PLACEMARKER };

struct macro;

typedef struct hideset {
	const struct macro *m;
	const struct hideset *next;
} hideset;

typedef struct tok {
	const char *s;
	size_t len;
	unsigned char kind;
	unsigned char space;    /* whitespace before it */
	unsigned char noexpand; /* "painted blue": found inside its own expansion */
	int param;              /* in a macro body (or placemarker): parameter index, else -1 */
	const hideset *hs;
	struct tok *next;
} tok;

typedef struct macro {
	char *name;
	size_t len;    /* of name */
	uint64_t hash; /* of name: lookups compare it first */
	int defined, frozen, funclike, variadic, nparams;
	char **params;
	char *body; /* normalized spelling; toks point into it */
	tok *toks;
	int ntoks;
	const char *file; /* interned */
	int line;
	unsigned long seq;
} macro;

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) char data[];
} chunk;

typedef struct reader {
	const char *path, *text;
	size_t len, pos;
	int line;
} reader;

typedef struct cond {
	int active, taken, seen_else, line;
	const char *file;
} cond;

typedef struct missing {
	char *name;
	const char *from;
	int line;
} missing;

struct kabi_cpp {
	macro **tab;
	size_t cap, count;
	unsigned long seq;
	kabi_cpp_include_fn inc_fn;
	void *inc_ctx;
	char **files, **once;
	size_t nfiles, afiles, nonce, aonce;
	missing *missing;
	size_t nmissing, amissing;
	chunk *arena;
	size_t arena_used;
	int overflow;
	/* state of the current run */
	reader *rd;
	const char *where_file;
	int where_line;
	cond *conds;
	size_t ncond, acond;
	int includes;
	kabi_cpp_line_fn out_fn;
	void *out_ctx;
	kabi_strbuf line, out;
};

/* ---- errors, arena, small helpers ---- */

/* Set an error prefixed with the current file:line; returns KABI_EINVALID. */
static int __attribute__((format(printf, 2, 3))) fail(kabi_cpp *cpp, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cpp->where_file)
		return kabi_error_set(KABI_EINVALID, "%s:%d: %s", cpp->where_file, cpp->where_line, msg);
	return kabi_error_set(KABI_EINVALID, "%s", msg);
}

/* Memory valid until arena_reset(); past the limit it still returns memory
 * but raises cpp->overflow, which the expansion loops check. */
static void *arena_alloc(kabi_cpp *cpp, size_t n)
{
	chunk *c = cpp->arena;

	n = (n + 15) & ~(size_t)15;
	cpp->arena_used += n;
	if (cpp->arena_used > MAX_LINE_ARENA)
		cpp->overflow = 1;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = kabi_malloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = cpp->arena;
		cpp->arena = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

static void arena_reset(kabi_cpp *cpp)
{
	while (cpp->arena && cpp->arena->next) {
		chunk *next = cpp->arena->next;
		free(cpp->arena);
		cpp->arena = next;
	}
	if (cpp->arena)
		cpp->arena->used = 0;
	cpp->arena_used = 0;
	cpp->overflow = 0;
}

static char *arena_strndup(kabi_cpp *cpp, const char *s, size_t n)
{
	char *p = arena_alloc(cpp, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

static int is_ident_char(char c)
{
	return is_ident_start(c) || is_digit(c);
}

static int tok_is(const tok *t, const char *s)
{
	return t && t->kind != T_STR && t->len == strlen(s) && !memcmp(t->s, s, t->len);
}

/* The file name as a string that lives as long as the kabi_cpp. */
static const char *intern_file(kabi_cpp *cpp, const char *path)
{
	size_t i;

	for (i = cpp->nfiles; i-- > 0;)
		if (!strcmp(cpp->files[i], path))
			return cpp->files[i];
	KABI_ARRAY_GROW(cpp->files, cpp->nfiles + 1, cpp->afiles);
	return cpp->files[cpp->nfiles++] = kabi_strdup(path);
}

/* ---- reading logical lines ---- */

/* A character read_line() copies as it is, outside quotes. */
static int plain(char c)
{
	return c != '\\' && c != '\n' && c != '"' && c != '\'' && c != '/' && c != '\0' && c != '\r';
}

/*
 * Read the next logical line of `rd` into `sb`: backslash-newlines spliced,
 * each comment replaced by one space (so a comment spanning lines joins
 * them, as in translation phase 3), NUL and CR turned into spaces.  Quotes
 * are tracked so that "/ *" inside a string is not a comment; an unterminated
 * quote ends at the end of the line, as gcc does.  Returns 0 at end of input.
 */
static int read_line(reader *rd, kabi_strbuf *sb, int *start)
{
	const char *s = rd->text;
	size_t n = rd->len, i = rd->pos;
	char quote = 0;

	if (i >= n)
		return 0;
	kabi_strbuf_reset(sb);
	kabi_strbuf_grow(sb, 80);
	*start = rd->line;
	while (i < n) {
		char c = s[i];
		if (!quote && plain(c)) {
			size_t j = i + 1;

			while (j < n && plain(s[j]))
				j++;
			kabi_strbuf_add(sb, s + i, j - i);
			i = j;
			continue;
		}
		if (c == '\\') {
			size_t j = i + 1;
			if (j < n && s[j] == '\r')
				j++;
			if (j < n && s[j] == '\n') {
				i = j + 1;
				rd->line++;
				continue;
			}
		}
		if (c == '\n') {
			i++;
			rd->line++;
			break;
		}
		if (quote) {
			if (c == quote) {
				quote = 0;
			} else if (c == '\\' && i + 1 < n && s[i + 1] != '\n' && s[i + 1] != '\r') {
				kabi_strbuf_putc(sb, c);
				c = s[++i];
			}
			kabi_strbuf_putc(sb, c ? c : ' ');
			i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			for (i += 2; i < n && !(s[i] == '*' && i + 1 < n && s[i + 1] == '/'); i++)
				if (s[i] == '\n')
					rd->line++;
			i = i < n ? i + 2 : n;
			kabi_strbuf_putc(sb, ' ');
			continue;
		} else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
			while (i < n && s[i] != '\n') {
				size_t j = i + 1;
				if (s[i] == '\\' && j < n && s[j] == '\r')
					j++;
				if (s[i] == '\\' && j < n && s[j] == '\n') {
					i = j + 1;
					rd->line++;
				} else {
					i++;
				}
			}
			kabi_strbuf_putc(sb, ' ');
			continue;
		} else if (c == '\0' || c == '\r') {
			c = ' ';
		}
		kabi_strbuf_putc(sb, c);
		i++;
	}
	rd->pos = i;
	return 1;
}

/* ---- lexing ---- */

static const char *const punct3[] = {"...", "<<=", ">>="};
static const char *const punct2[] = {"##", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "->",
				     "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="};

/* Lex one preprocessing token from s[*pos..n); 0 when only whitespace is left. */
static int lex_one(const char *s, size_t n, size_t *pos, tok *t)
{
	size_t i = *pos, j, k;
	int space = 0;
	char c;

	while (i < n && is_space(s[i])) {
		i++;
		space = 1;
	}
	*pos = i;
	if (i >= n)
		return 0;
	memset(t, 0, sizeof(*t));
	t->s = s + i;
	t->space = space;
	t->param = -1;
	c = s[i];
	j = i + 1;
	if (is_ident_start(c)) {
		while (j < n && is_ident_char(s[j]))
			j++;
		t->kind = T_IDENT;
	} else if (is_digit(c) || (c == '.' && j < n && is_digit(s[j]))) {
		while (j < n) {
			if ((s[j] == '+' || s[j] == '-') && strchr("eEpP", s[j - 1]))
				j++;
			else if (is_ident_char(s[j]) || s[j] == '.')
				j++;
			else
				break;
		}
		t->kind = T_NUM;
	} else if (c == '"' || c == '\'') {
		while (j < n && s[j] != c) {
			if (s[j] == '\\' && j + 1 < n)
				j++;
			j++;
		}
		if (j < n)
			j++;
		t->kind = T_STR;
	} else {
		t->kind = (c > ' ' && c < 127) ? T_PUNCT : T_OTHER;
		/* a longer punctuator's second character is one of these */
		if (j < n && s[j] > ' ' && strchr("#<>=&|+-.", s[j])) {
			for (k = 0; k < sizeof(punct3) / sizeof(*punct3); k++)
				if (n - i >= 3 && !memcmp(s + i, punct3[k], 3))
					j = i + 3;
			for (k = 0; j == i + 1 && k < sizeof(punct2) / sizeof(*punct2); k++)
				if (!memcmp(s + i, punct2[k], 2))
					j = i + 2;
		}
	}
	t->len = j - i;
	*pos = j;
	return 1;
}

/* Lex s[0..n) into an arena list; the text must outlive the list. */
static tok *lex_list(kabi_cpp *cpp, const char *s, size_t n)
{
	tok *head = NULL, **tail = &head, t;
	size_t pos = 0;

	while (lex_one(s, n, &pos, &t)) {
		tok *p = arena_alloc(cpp, sizeof(*p));
		*p = t;
		*tail = p;
		tail = &p->next;
	}
	return head;
}

static tok *copy_tok(kabi_cpp *cpp, const tok *t)
{
	tok *p = arena_alloc(cpp, sizeof(*p));
	*p = *t;
	p->next = NULL;
	return p;
}

static tok *copy_list(kabi_cpp *cpp, const tok *t)
{
	tok *head = NULL, **tail = &head;

	for (; t; t = t->next) {
		*tail = copy_tok(cpp, t);
		tail = &(*tail)->next;
	}
	return head;
}

/* Whether printing b right after a would lex differently (e.g. "-" "-"). */
static int would_merge(const tok *a, const tok *b)
{
	char buf[8];
	size_t pos = 0;
	tok t;

	if ((a->kind == T_IDENT || a->kind == T_NUM) && (b->kind == T_IDENT || b->kind == T_NUM))
		return 1;
	if (a->kind == T_NUM)
		return b->s[0] == '.' ||
		       ((b->s[0] == '+' || b->s[0] == '-') && strchr("eEpP", a->s[a->len - 1]));
	if (a->kind != T_PUNCT || a->len > 3)
		return 0;
	memcpy(buf, a->s, a->len);
	buf[a->len] = b->s[0];
	return lex_one(buf, a->len + 1, &pos, &t) && t.len > a->len;
}

/* Tokens joined by single spaces where the source had whitespace. */
static void render(kabi_strbuf *sb, const tok *t)
{
	const tok *prev = NULL;

	kabi_strbuf_reset(sb);
	kabi_strbuf_grow(sb, 1);
	for (; t; t = t->next) {
		if (t->kind == T_PLACEMARKER)
			continue;
		if (prev && (t->space || would_merge(prev, t)))
			kabi_strbuf_putc(sb, ' ');
		kabi_strbuf_add(sb, t->s, t->len);
		prev = t;
	}
}

/* ---- the macro table ---- */

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static macro *lookup(const kabi_cpp *cpp, const char *s, size_t n)
{
	uint64_t h;
	size_t i;

	if (!cpp->cap)
		return NULL;
	h = hash(s, n);
	for (i = h & (cpp->cap - 1); cpp->tab[i]; i = (i + 1) & (cpp->cap - 1))
		if (cpp->tab[i]->hash == h && cpp->tab[i]->len == n && !memcmp(cpp->tab[i]->name, s, n))
			return cpp->tab[i];
	return NULL;
}

static macro *lookup_defined(const kabi_cpp *cpp, const tok *t)
{
	macro *m = lookup(cpp, t->s, t->len);
	return m && m->defined ? m : NULL;
}

/* The entry for a name, created (undefined) when missing. */
static macro *intern_macro(kabi_cpp *cpp, const char *s, size_t n)
{
	macro *m = lookup(cpp, s, n);
	size_t i;

	if (m)
		return m;
	if ((cpp->count + 1) * 10 >= cpp->cap * 7) {
		size_t cap = cpp->cap ? cpp->cap * 2 : 256, j;
		macro **tab = kabi_calloc(cap, sizeof(*tab));
		for (j = 0; j < cpp->cap; j++) {
			if (!cpp->tab[j])
				continue;
			for (i = cpp->tab[j]->hash & (cap - 1); tab[i]; i = (i + 1) & (cap - 1))
				;
			tab[i] = cpp->tab[j];
		}
		free(cpp->tab);
		cpp->tab = tab;
		cpp->cap = cap;
	}
	m = kabi_calloc(1, sizeof(*m));
	m->name = kabi_strndup(s, n);
	m->len = n;
	m->hash = hash(s, n);
	for (i = m->hash & (cpp->cap - 1); cpp->tab[i]; i = (i + 1) & (cpp->cap - 1))
		;
	cpp->tab[i] = m;
	cpp->count++;
	return m;
}

static void clear_macro(macro *m)
{
	int i;

	for (i = 0; i < m->nparams; i++)
		free(m->params[i]);
	free(m->params);
	free(m->body);
	free(m->toks);
	m->params = NULL;
	m->body = NULL;
	m->toks = NULL;
	m->nparams = m->ntoks = m->funclike = m->variadic = m->defined = 0;
}

/* Append a parameter name (`...` means __VA_ARGS__); rejects duplicates. */
static int add_param(kabi_cpp *cpp, char ***params, int *np, size_t *alloc, const tok *t)
{
	const char *pn = t->kind == T_IDENT ? t->s : "__VA_ARGS__";
	size_t pl = t->kind == T_IDENT ? t->len : 11;
	int i;

	for (i = 0; i < *np; i++)
		if (!strncmp((*params)[i], pn, pl) && !(*params)[i][pl])
			return fail(cpp, "duplicate macro parameter '%.*s'", (int)pl, pn);
	KABI_ARRAY_GROW(*params, (size_t)*np + 1, *alloc);
	(*params)[(*np)++] = kabi_strndup(pn, pl);
	return 0;
}

/*
 * #define: `s` is the text after the directive name.  The body is stored
 * normalized (tokens joined by single spaces), which lexes back to the very
 * same tokens, so the token array can point into it.
 */
static int do_define(kabi_cpp *cpp, const char *s, size_t n, const char *file, int line)
{
	kabi_strbuf body = KABI_STRBUF_INIT;
	char **params = NULL;
	size_t aparams = 0;
	int np = 0, variadic = 0, funclike = 0, err = 0, ntoks = 0, i;
	size_t pos = 0;
	tok name, t, *toks = NULL;
	macro *m;

	if (!lex_one(s, n, &pos, &name) || name.kind != T_IDENT)
		return fail(cpp, "macro names must be identifiers");
	if (tok_is(&name, "defined"))
		return fail(cpp, "\"defined\" cannot be used as a macro name");
	if (pos < n && s[pos] == '(') {
		size_t p = ++pos;
		funclike = 1;
		if (lex_one(s, n, &p, &t) && tok_is(&t, ")"))
			pos = p;
		else
			for (;;) {
				if (!lex_one(s, n, &pos, &t) || (t.kind != T_IDENT && !tok_is(&t, "...")))
					goto bad_params;
				if ((err = add_param(cpp, &params, &np, &aparams, &t)))
					goto out;
				if (!lex_one(s, n, &pos, &t))
					goto bad_params;
				if (tok_is(&t, "...") || !strcmp(params[np - 1], "__VA_ARGS__")) {
					variadic = 1;
					if (tok_is(&t, "...") && !lex_one(s, n, &pos, &t))
						goto bad_params;
					if (!tok_is(&t, ")"))
						goto bad_params;
					break;
				}
				if (tok_is(&t, ")"))
					break;
				if (!tok_is(&t, ","))
					goto bad_params;
			}
	}
	while (lex_one(s, n, &pos, &t)) {
		if (body.len && t.space)
			kabi_strbuf_putc(&body, ' ');
		kabi_strbuf_add(&body, t.s, t.len);
		ntoks++;
	}
	if (ntoks) {
		toks = kabi_calloc(ntoks, sizeof(*toks));
		for (pos = 0, i = 0; i < ntoks && lex_one(body.buf, body.len, &pos, &toks[i]); i++)
			for (int j = 0; funclike && toks[i].kind == T_IDENT && j < np; j++)
				if (toks[i].len == strlen(params[j]) &&
				    !memcmp(toks[i].s, params[j], toks[i].len))
					toks[i].param = j;
		assert(i == ntoks);
		if (tok_is(&toks[0], "##") || tok_is(&toks[ntoks - 1], "##")) {
			err = fail(cpp, "'##' cannot appear at either end of macro '%.*s'", (int)name.len,
				   name.s);
			goto out;
		}
	}
	m = intern_macro(cpp, name.s, name.len);
	if (m->frozen)
		goto out;
	clear_macro(m);
	m->defined = 1;
	m->funclike = funclike;
	m->variadic = variadic;
	m->nparams = np;
	m->params = params;
	m->body = body.buf ? kabi_strbuf_detach(&body) : kabi_strdup("");
	m->toks = toks;
	m->ntoks = ntoks;
	m->file = file;
	m->line = line;
	m->seq = ++cpp->seq;
	/* Now owned by the macro. */
	params = NULL;
	toks = NULL;
	np = 0;
	goto out;
bad_params:
	err = fail(cpp, "bad parameter list of macro '%.*s'", (int)name.len, name.s);
out:
	for (i = 0; i < np; i++)
		free(params[i]);
	free(params);
	free(toks);
	kabi_strbuf_free(&body);
	return err;
}

static int do_undef(kabi_cpp *cpp, const char *s, size_t n)
{
	size_t pos = 0;
	tok t;
	macro *m;

	if (!lex_one(s, n, &pos, &t) || t.kind != T_IDENT)
		return fail(cpp, "macro names must be identifiers");
	m = lookup(cpp, t.s, t.len);
	if (m && !m->frozen)
		clear_macro(m);
	return 0;
}

/* ---- macro expansion ---- */

static int hs_has(const hideset *h, const macro *m)
{
	for (; h; h = h->next)
		if (h->m == m)
			return 1;
	return 0;
}

static const hideset *hs_add(kabi_cpp *cpp, const hideset *h, const macro *m)
{
	hideset *n;

	if (hs_has(h, m))
		return h;
	n = arena_alloc(cpp, sizeof(*n));
	n->m = m;
	n->next = h;
	return n;
}

static const hideset *hs_union(kabi_cpp *cpp, const hideset *a, const hideset *b)
{
	for (; a; a = a->next)
		b = hs_add(cpp, b, a->m);
	return b;
}

static const hideset *hs_intersect(kabi_cpp *cpp, const hideset *a, const hideset *b)
{
	const hideset *r = NULL;

	for (; a; a = a->next)
		if (hs_has(b, a->m))
			r = hs_add(cpp, r, a->m);
	return r;
}

typedef struct {
	tok *head; /* NULL-terminated list of the argument's tokens */
	size_t n;
} arg;

typedef struct {
	tok **v;
	size_t n, alloc;
} tokvec;

static void vec_push(tokvec *v, tok *t)
{
	KABI_ARRAY_GROW(v->v, v->n + 1, v->alloc);
	v->v[v->n++] = t;
}

static void vec_remove(tokvec *v, size_t i)
{
	memmove(v->v + i, v->v + i + 1, (v->n - i - 1) * sizeof(*v->v));
	v->n--;
}

/*
 * The next source line's tokens, for an invocation that continues past the
 * end of the current line.  With need_paren, only a line starting with '('
 * is taken.  *out is NULL when there is nothing to take (end of file, a
 * directive, or no '(').  Blank lines are skipped.
 */
static void refill(kabi_cpp *cpp, int need_paren, tok **out)
{
	reader *rd = cpp->rd, save;
	int start;
	size_t i;

	*out = NULL;
	if (!rd)
		return;
	for (;;) {
		save = *rd;
		if (!read_line(rd, &cpp->line, &start))
			return;
		for (i = 0; i < cpp->line.len && is_space(cpp->line.buf[i]); i++)
			;
		if (i < cpp->line.len && cpp->line.buf[i] == '#') {
			*rd = save;
			return;
		}
		*out = lex_list(cpp, arena_strndup(cpp, cpp->line.buf, cpp->line.len), cpp->line.len);
		if (!*out)
			continue;
		if (need_paren && !tok_is(*out, "(")) {
			*out = NULL;
			*rd = save;
			return;
		}
		(*out)->space = 1;
		return;
	}
}

/*
 * The arguments of an invocation of `m` whose '(' is `lp`.  Argument token
 * lists are cut out of the input list in place.  *rparen is the closing ')'.
 */
static int collect_args(kabi_cpp *cpp, const macro *m, tok *lp, int from_source, arg **out, int *nargs,
			tok **rparen)
{
	size_t cap = 8;
	arg *args = arena_alloc(cpp, cap * sizeof(*args));
	tok *before = lp, *cur = lp->next, *last = NULL;
	int n = 0, level = 0;

	args[0].head = NULL;
	args[0].n = 0;
	for (;;) {
		if (!cur && from_source) {
			refill(cpp, 0, &before->next);
			cur = before->next;
		}
		if (!cur)
			return fail(cpp, "unterminated argument list invoking macro '%s'", m->name);
		if (level == 0 &&
		    (tok_is(cur, ")") || (tok_is(cur, ",") && !(m->variadic && n == m->nparams - 1)))) {
			if (last)
				last->next = NULL;
			if (tok_is(cur, ")"))
				break;
			if ((size_t)++n == cap) {
				arg *bigger = arena_alloc(cpp, cap * 2 * sizeof(*args));
				memcpy(bigger, args, cap * sizeof(*args));
				args = bigger;
				cap *= 2;
			}
			if (cpp->overflow)
				return fail(cpp, "macro expansion too large");
			args[n].head = NULL;
			args[n].n = 0;
			last = NULL;
		} else {
			if (tok_is(cur, "("))
				level++;
			else if (tok_is(cur, ")"))
				level--;
			if (!args[n].n++)
				args[n].head = cur;
			last = cur;
		}
		before = cur;
		cur = cur->next;
	}
	*rparen = cur;
	n++;
	if (m->nparams == 0 && n == 1 && !args[0].n)
		n = 0;
	if (m->variadic && n == m->nparams - 1) {
		args[n].head = NULL; /* F(a) for F(a, ...): empty __VA_ARGS__ */
		args[n++].n = 0;
	}
	if (n != m->nparams)
		return fail(cpp, "macro '%s' passed %d arguments, but takes %d", m->name, n, m->nparams);
	*out = args;
	*nargs = n;
	return 0;
}

/*
 * `#x`: the argument's spelling as a string literal; `"` and `\` are escaped
 * only inside string and character literals, as C11 6.10.3.2 says.
 */
static tok *stringify(kabi_cpp *cpp, const arg *a, int space)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	tok *t = arena_alloc(cpp, sizeof(*t)), *x;
	size_t i;

	kabi_strbuf_putc(&sb, '"');
	for (x = a->head; x; x = x->next) {
		if (x != a->head && x->space)
			kabi_strbuf_putc(&sb, ' ');
		for (i = 0; i < x->len; i++) {
			if (x->kind == T_STR && (x->s[i] == '"' || x->s[i] == '\\'))
				kabi_strbuf_putc(&sb, '\\');
			kabi_strbuf_putc(&sb, x->s[i]);
		}
	}
	kabi_strbuf_putc(&sb, '"');
	memset(t, 0, sizeof(*t));
	t->s = arena_strndup(cpp, sb.buf, sb.len);
	t->len = sb.len;
	t->kind = T_STR;
	t->space = space;
	t->param = -1;
	kabi_strbuf_free(&sb);
	return t;
}

/* `l ## r`; NULL when the result is not one token (gcc errors, we keep both). */
static tok *paste(kabi_cpp *cpp, const tok *l, const tok *r)
{
	char *buf;
	size_t pos = 0;
	tok t, *p;

	if (l->kind == T_PLACEMARKER)
		return copy_tok(cpp, r);
	if (r->kind == T_PLACEMARKER)
		return copy_tok(cpp, l);
	buf = arena_alloc(cpp, l->len + r->len + 1);
	memcpy(buf, l->s, l->len);
	memcpy(buf + l->len, r->s, r->len);
	if (!lex_one(buf, l->len + r->len, &pos, &t) || pos != l->len + r->len || t.space)
		return NULL;
	p = copy_tok(cpp, &t);
	p->space = l->space;
	return p;
}

static int expand(kabi_cpp *cpp, tok *in, tok **out, int depth, int from_source);

/*
 * The replacement list of `m` with arguments substituted: pre-expanded
 * normally, raw next to `##` or after `#`.  Placemarkers stand for empty
 * arguments next to `##` until the pastes are done.
 */
static int subst(kabi_cpp *cpp, const macro *m, const arg *args, int depth, tok **out)
{
	tokvec v = {NULL, 0, 0};
	tok **expd = NULL, *head = NULL, **tail = &head;
	char *done = NULL;
	int i, pending = 0, err = 0;
	size_t k;

	if (m->nparams) {
		expd = arena_alloc(cpp, m->nparams * sizeof(*expd));
		done = arena_alloc(cpp, m->nparams);
		memset(done, 0, m->nparams);
	}
	for (i = 0; i < m->ntoks; i++) {
		const tok *bt = &m->toks[i];
		size_t mark = v.n;
		if (cpp->overflow) {
			err = fail(cpp, "macro expansion too large");
			goto out;
		}
		if (tok_is(bt, "##")) {
			pending = 1;
			continue;
		}
		if (m->funclike && tok_is(bt, "#") && i + 1 < m->ntoks && m->toks[i + 1].param >= 0) {
			vec_push(&v, stringify(cpp, &args[m->toks[++i].param], bt->space));
		} else if (bt->param >= 0) {
			int p = bt->param,
			    raw = pending || (i + 1 < m->ntoks && tok_is(&m->toks[i + 1], "##"));
			const tok *src = args[p].head;
			if (!raw) {
				if (!done[p]) {
					err = expand(cpp, copy_list(cpp, args[p].head), &expd[p], depth + 1,
						     0);
					if (err)
						goto out;
					done[p] = 1;
				}
				src = expd[p];
			}
			if (!src && raw) {
				tok *pm = copy_tok(cpp, bt);
				pm->kind = T_PLACEMARKER;
				pm->len = 0;
				vec_push(&v, pm);
			}
			for (; src; src = src->next)
				vec_push(&v, copy_tok(cpp, src));
			if (v.n > mark)
				v.v[mark]->space = bt->space;
		} else {
			tok *t = copy_tok(cpp, bt);
			t->param = -1;
			vec_push(&v, t);
		}
		if (pending && mark > 0 && mark < v.n) {
			tok *l = v.v[mark - 1], *r = v.v[mark], *p;
			if (m->variadic && bt->param == m->nparams - 1 && tok_is(l, ",")) {
				/* gcc's `, ## __VA_ARGS__`: the comma goes when there are no args */
				if (r->kind == T_PLACEMARKER)
					vec_remove(&v, mark - 1);
			} else if ((p = paste(cpp, l, r))) {
				v.v[mark - 1] = p;
				vec_remove(&v, mark);
			}
		}
		pending = 0;
	}
	for (k = 0; k < v.n; k++) {
		if (v.v[k]->kind == T_PLACEMARKER)
			continue;
		v.v[k]->param = -1;
		*tail = v.v[k];
		tail = &v.v[k]->next;
	}
	*tail = NULL;
out:
	free(v.v);
	*out = err ? NULL : head;
	return err;
}

/*
 * Fully macro-expand the list `in` into *out.  from_source: this is a text
 * line of the current file, so an invocation may take more lines.
 */
static int expand(kabi_cpp *cpp, tok *in, tok **out, int depth, int from_source)
{
	tok *head = NULL, **tail = &head;
	int err = 0;

	*out = NULL;
	if (depth > MAX_NEST)
		return fail(cpp, "macro arguments nested too deeply");
	while (in) {
		tok *t = in, *rep, *rparen = NULL, *r;
		const hideset *hs, *last_in = NULL, *last_out = NULL;
		arg *args = NULL;
		int nargs;
		macro *m;

		if (cpp->overflow)
			return fail(cpp, "macro expansion too large");
		in = t->next;
		if (t->kind != T_IDENT || t->noexpand || !(m = lookup_defined(cpp, t))) {
			*tail = t;
			tail = &t->next;
			continue;
		}
		if (hs_has(t->hs, m)) {
			t->noexpand = 1;
			*tail = t;
			tail = &t->next;
			continue;
		}
		if (m->funclike) {
			if (!in && from_source)
				refill(cpp, 1, &in);
			if (!tok_is(in, "(")) {
				*tail = t;
				tail = &t->next;
				continue;
			}
			err = collect_args(cpp, m, in, from_source, &args, &nargs, &rparen);
			if (err)
				return err;
			in = rparen->next;
			hs = hs_add(cpp, hs_intersect(cpp, t->hs, rparen->hs), m);
		} else {
			hs = hs_add(cpp, t->hs, m);
		}
		err = subst(cpp, m, args, depth, &rep);
		if (err)
			return err;
		for (r = rep; r; r = r->next) {
			if (!r->hs) {
				r->hs = hs;
			} else if (r->hs == last_in) {
				r->hs = last_out;
			} else {
				last_in = r->hs;
				r->hs = last_out = hs_union(cpp, r->hs, hs);
			}
			if (!r->next) {
				r->next = in;
				break;
			}
		}
		if (rep) {
			rep->space = t->space;
			in = rep;
		} else if (in && t->space) {
			in->space = 1;
		}
	}
	*tail = NULL;
	*out = head;
	return 0;
}

/* ---- #if expressions (evaluated by harvest/cexpr.c) ---- */

/* `defined X` / `defined(X)` at *t; advances *t past it. */
static int eval_defined(kabi_cpp *cpp, const tok **t, int *out)
{
	const tok *p = (*t)->next;
	int paren = tok_is(p, "(");

	if (paren)
		p = p->next;
	if (!p || p->kind != T_IDENT || (paren && !tok_is(p->next, ")")))
		return fail(cpp, "operator \"defined\" requires an identifier");
	*out = lookup_defined(cpp, p) != NULL;
	*t = paren ? p->next->next : p->next;
	return 0;
}

/* Replace `defined X` before expansion, so that X is not expanded. */
static int resolve_defined(kabi_cpp *cpp, tok *in, tok **out)
{
	tok *head = NULL, **tail = &head;
	int d = 0, err;

	while (in) {
		tok *t = in;
		if (t->kind == T_IDENT && tok_is(t, "defined")) {
			const tok *next = t;
			if ((err = eval_defined(cpp, &next, &d)))
				return err;
			in = (tok *)next;
			t->s = d ? "1" : "0";
			t->len = 1;
			t->kind = T_NUM;
		} else {
			in = t->next;
		}
		*tail = t;
		tail = &t->next;
	}
	*tail = NULL;
	*out = head;
	return 0;
}

/* `defined` that a macro expansion produced. */
static int cexpr_defined(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	macro *m = lookup(ctx, name, len);

	out->v = m && m->defined;
	return 0;
}

/* Lex, resolve `defined`, expand and evaluate s[0..n) (arena memory).  An
 * identifier left after expansion is 0 (the evaluator's default). */
static int eval_list(kabi_cpp *cpp, const tok *x, long long *out);

static int eval_text(kabi_cpp *cpp, const char *s, size_t n, long long *out)
{
	tok *list, *x;
	int err;

	list = lex_list(cpp, arena_strndup(cpp, s, n), n);
	if (!list)
		return fail(cpp, "#if with no expression");
	if ((err = resolve_defined(cpp, list, &list)) || (err = expand(cpp, list, &x, 0, 0)))
		return err;
	return eval_list(cpp, x, out);
}

/* Evaluates the expanded tokens x as an #if expression. */
static int eval_list(kabi_cpp *cpp, const tok *x, long long *out)
{
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;
	kabi_cexpr_tok *toks;
	kabi_cexpr_val v;
	const tok *t;
	size_t nt = 0;
	int err;

	for (t = x; t; t = t->next)
		nt++;
	toks = arena_alloc(cpp, (nt ? nt : 1) * sizeof(*toks));
	for (nt = 0, t = x; t; t = t->next, nt++) {
		toks[nt].s = t->s;
		toks[nt].len = t->len;
	}
	ops.defined = cexpr_defined;
	ops.ctx = cpp;
	if ((err = kabi_cexpr_eval(&v, toks, nt, &ops)) < 0) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", kabi_error_last());
		return fail(cpp, "%s", msg);
	}
	*out = v.v;
	return 0;
}

/* ---- directives ---- */

static int record_missing(kabi_cpp *cpp, const char *name, const char *from, int line)
{
	size_t i;

	for (i = 0; i < cpp->nmissing; i++)
		if (!strcmp(cpp->missing[i].name, name))
			return 0;
	KABI_ARRAY_GROW(cpp->missing, cpp->nmissing + 1, cpp->amissing);
	cpp->missing[cpp->nmissing].name = kabi_strdup(name);
	cpp->missing[cpp->nmissing].from = from;
	cpp->missing[cpp->nmissing++].line = line;
	return 0;
}

static int process(kabi_cpp *cpp, const char *path, const char *text, size_t len, int depth);

static int do_include(kabi_cpp *cpp, const char *s, size_t n, const char *file, int line, int depth)
{
	char *name = NULL, *text = NULL, *rpath = NULL;
	size_t i = 0, j, tlen = 0;
	int angled, err = 0, tries;

	/* `#include MACRO` is expanded once and parsed again. */
	for (tries = 0; tries < 2; tries++) {
		for (i = 0; i < n && is_space(s[i]); i++)
			;
		if (i < n && (s[i] == '"' || s[i] == '<')) {
			char close = s[i] == '"' ? '"' : '>';
			for (j = i + 1; j < n && s[j] != close; j++)
				;
			if (j < n && j > i + 1)
				break;
		}
		if (tries == 0) {
			tok *x;
			if ((err = expand(cpp, lex_list(cpp, s, n), &x, 0, 0)))
				return err;
			render(&cpp->out, x);
			s = arena_strndup(cpp, cpp->out.buf, cpp->out.len);
			n = cpp->out.len;
		}
	}
	if (tries == 2)
		return fail(cpp, "#include expects \"FILENAME\" or <FILENAME>");
	angled = s[i] == '<';
	name = kabi_strndup(s + i + 1, j - i - 1);
	if (!cpp->inc_fn)
		goto notfound;
	if (depth + 1 >= MAX_INCLUDE_DEPTH) {
		err = fail(cpp, "#include nested too deeply ('%s')", name);
		goto out;
	}
	if (++cpp->includes > MAX_INCLUDES) {
		err = fail(cpp, "too many #include (over %d)", MAX_INCLUDES);
		goto out;
	}
	err = cpp->inc_fn(cpp->inc_ctx, name, angled, file, &text, &tlen, &rpath);
	if (err == KABI_ENOTFOUND)
		goto notfound;
	if (err)
		goto out;
	for (i = 0; i < cpp->nonce; i++)
		if (!strcmp(cpp->once[i], rpath ? rpath : name))
			goto out;
	err = process(cpp, rpath ? rpath : name, text ? text : "", text ? tlen : 0, depth + 1);
	goto out;
notfound:
	err = record_missing(cpp, name, file, line);
out:
	free(name);
	free(text);
	free(rpath);
	return err;
}

/* A directive line; `s` is the text after '#'. */
static int directive(kabi_cpp *cpp, const char *s, size_t n, const char *file, int line, size_t base,
		     int depth)
{
	size_t pos = 0;
	int active = cpp->ncond == 0 || cpp->conds[cpp->ncond - 1].active, err;
	long long v = 0;
	cond *c;
	tok t;

	if (!lex_one(s, n, &pos, &t) || t.kind != T_IDENT)
		return 0; /* `#`, `# 12 "file"` line markers, garbage */
	s += pos;
	n -= pos;
	if (tok_is(&t, "if") || tok_is(&t, "ifdef") || tok_is(&t, "ifndef")) {
		if (active && t.len > 2) { /* ifdef, ifndef */
			tok x;
			size_t p = 0;
			if (!lex_one(s, n, &p, &x) || x.kind != T_IDENT)
				return fail(cpp, "no macro name given in #%.*s", (int)t.len, t.s);
			v = (lookup_defined(cpp, &x) != NULL) == (t.len == 5);
		} else if (active && (err = eval_text(cpp, s, n, &v))) {
			return err;
		}
		KABI_ARRAY_GROW(cpp->conds, cpp->ncond + 1, cpp->acond);
		c = &cpp->conds[cpp->ncond++];
		c->active = active && v;
		c->taken = !active || v; /* an inactive parent: no branch may activate */
		c->seen_else = 0;
		c->line = line;
		c->file = file;
		return 0;
	}
	if (tok_is(&t, "elif") || tok_is(&t, "elifdef") || tok_is(&t, "elifndef") || tok_is(&t, "else") ||
	    tok_is(&t, "endif")) {
		if (cpp->ncond == base)
			return fail(cpp, "#%.*s without #if", (int)t.len, t.s);
		c = &cpp->conds[cpp->ncond - 1];
		if (tok_is(&t, "endif")) {
			cpp->ncond--;
			return 0;
		}
		if (c->seen_else)
			return fail(cpp, "#%.*s after #else", (int)t.len, t.s);
		if (tok_is(&t, "else")) {
			c->seen_else = 1;
			c->active = !c->taken;
			c->taken = 1;
			return 0;
		}
		if (c->taken) {
			c->active = 0;
			return 0;
		}
		if (t.len == 4) {
			if ((err = eval_text(cpp, s, n, &v)))
				return err;
		} else {
			tok x;
			size_t p = 0;
			if (!lex_one(s, n, &p, &x) || x.kind != T_IDENT)
				return fail(cpp, "no macro name given in #%.*s", (int)t.len, t.s);
			v = (lookup_defined(cpp, &x) != NULL) == (t.len == 7);
		}
		c->active = c->taken = v != 0;
		return 0;
	}
	if (!active)
		return 0;
	if (tok_is(&t, "define"))
		return do_define(cpp, s, n, file, line);
	if (tok_is(&t, "undef"))
		return do_undef(cpp, s, n);
	if (tok_is(&t, "include") || tok_is(&t, "include_next"))
		return do_include(cpp, s, n, file, line, depth);
	if (tok_is(&t, "pragma") && lex_one(s, n, &(size_t){0}, &t) && tok_is(&t, "once")) {
		KABI_ARRAY_GROW(cpp->once, cpp->nonce + 1, cpp->aonce);
		cpp->once[cpp->nonce++] = (char *)file;
	}
	return 0; /* #error, #warning, #line, other #pragma, unknown */
}

/* Expand one text line (plus the lines an invocation pulls in) and emit it. */
static int text_line(kabi_cpp *cpp, const char *file, int line, const char *s, size_t n)
{
	tok *list, *x;
	int err;

	list = lex_list(cpp, arena_strndup(cpp, s, n), n);
	if (!list)
		return 0;
	if ((err = expand(cpp, list, &x, 0, 1)))
		return err;
	render(&cpp->out, x);
	if (!cpp->out.len || !cpp->out_fn)
		return 0;
	return cpp->out_fn(cpp->out_ctx, cpp->out.buf, file, line);
}

static int process(kabi_cpp *cpp, const char *path, const char *text, size_t len, int depth)
{
	reader rd, *saved_rd = cpp->rd;
	const char *saved_file = cpp->where_file;
	int saved_line = cpp->where_line, start, err = 0;
	size_t base = cpp->ncond, i;

	path = intern_file(cpp, path);
	rd.path = path;
	rd.text = text;
	rd.len = len;
	rd.pos = 0;
	rd.line = 1;
	cpp->rd = &rd;
	cpp->where_file = path;
	while (!err && read_line(&rd, &cpp->line, &start)) {
		const char *s = cpp->line.buf;
		size_t n = cpp->line.len;
		for (i = 0; i < n && is_space(s[i]); i++)
			;
		arena_reset(cpp);
		cpp->where_line = start;
		if (i < n && s[i] == '#')
			err = directive(cpp, s + i + 1, n - i - 1, path, start, base, depth);
		else if (cpp->ncond == 0 || cpp->conds[cpp->ncond - 1].active)
			err = text_line(cpp, path, start, s + i, n - i);
	}
	if (!err && cpp->ncond > base) {
		cond *c = &cpp->conds[cpp->ncond - 1];
		cpp->where_line = c->line;
		err = fail(cpp, "unterminated #if (opened here, %zu level%s open at end of file)",
			   cpp->ncond - base, cpp->ncond - base > 1 ? "s" : "");
	}
	cpp->ncond = base;
	cpp->rd = saved_rd;
	cpp->where_file = saved_file;
	cpp->where_line = saved_line;
	return err;
}

/* ---- public API ---- */

int kabi_cpp_new(kabi_cpp **out)
{
	*out = kabi_calloc(1, sizeof(**out));
	return 0;
}

void kabi_cpp_free(kabi_cpp *cpp)
{
	size_t i;

	if (!cpp)
		return;
	for (i = 0; i < cpp->cap; i++) {
		if (!cpp->tab[i])
			continue;
		clear_macro(cpp->tab[i]);
		free(cpp->tab[i]->name);
		free(cpp->tab[i]);
	}
	free(cpp->tab);
	for (i = 0; i < cpp->nfiles; i++)
		free(cpp->files[i]);
	free(cpp->files);
	free(cpp->once);
	for (i = 0; i < cpp->nmissing; i++)
		free(cpp->missing[i].name);
	free(cpp->missing);
	arena_reset(cpp);
	free(cpp->arena);
	free(cpp->conds);
	kabi_strbuf_free(&cpp->line);
	kabi_strbuf_free(&cpp->out);
	free(cpp);
}

/* `name` must be an identifier, optionally followed by "(...)". */
static int check_name(const char *name, int allow_params)
{
	const char *p = name;

	if (!is_ident_start(*p))
		return kabi_error_set(KABI_EINVALID, "invalid macro name '%s'", name);
	while (is_ident_char(*p))
		p++;
	if (*p == '\0' || (allow_params && *p == '(' && p[strlen(p) - 1] == ')'))
		return 0;
	return kabi_error_set(KABI_EINVALID, "invalid macro name '%s'", name);
}

int kabi_cpp_define(kabi_cpp *cpp, const char *name, const char *value)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int err;

	if ((err = check_name(name, 1)))
		return err;
	kabi_strbuf_printf(&sb, "%s %s", name, value ? value : "1");
	cpp->where_file = NULL;
	err = do_define(cpp, sb.buf, sb.len, intern_file(cpp, "<command line>"), 0);
	kabi_strbuf_free(&sb);
	return err;
}

int kabi_cpp_undef(kabi_cpp *cpp, const char *name)
{
	int err;

	if ((err = check_name(name, 0)))
		return err;
	cpp->where_file = NULL;
	return do_undef(cpp, name, strlen(name));
}

int kabi_cpp_protect(kabi_cpp *cpp, const char *name)
{
	int err;

	if ((err = check_name(name, 0)))
		return err;
	intern_macro(cpp, name, strlen(name))->frozen = 1;
	return 0;
}

void kabi_cpp_set_include(kabi_cpp *cpp, kabi_cpp_include_fn fn, void *ctx)
{
	cpp->inc_fn = fn;
	cpp->inc_ctx = ctx;
}

int kabi_cpp_run(kabi_cpp *cpp, const char *path, const char *text, size_t len, kabi_cpp_line_fn fn,
		 void *ctx)
{
	int err;

	cpp->out_fn = fn;
	cpp->out_ctx = ctx;
	cpp->ncond = 0;
	cpp->includes = 0;
	err = process(cpp, path ? path : "<input>", text ? text : "", text ? len : 0, 0);
	arena_reset(cpp);
	cpp->out_fn = NULL;
	cpp->out_ctx = NULL;
	return err;
}

int kabi_cpp_is_defined(const kabi_cpp *cpp, const char *name)
{
	macro *m = lookup(cpp, name, strlen(name));
	return m && m->defined;
}

/* Re-wrap the error of an expression given through the API with the text. */
static int expr_error(int err, const char *expr)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s", kabi_error_last());
	return kabi_error_set(err, "cannot evaluate '%s': %s", expr, msg);
}

/*
 * kabi_cpp_eval and kabi_cpp_expand may be called from the line callback:
 * the run's tokens are dead by then (the arena can go), and the reader and
 * location are put back.
 */
/* What a call from outside a run (or from its line callback) puts aside:
 * the reader and location; the arena is emptied on the way in and out. */
typedef struct {
	reader *rd;
	const char *file;
} outside;

static void step_out(kabi_cpp *cpp, outside *o)
{
	o->rd = cpp->rd;
	o->file = cpp->where_file;
	cpp->rd = NULL;
	cpp->where_file = NULL;
	arena_reset(cpp);
}

static void step_back(kabi_cpp *cpp, const outside *o)
{
	arena_reset(cpp);
	cpp->rd = o->rd;
	cpp->where_file = o->file;
}

/* The expansion of text, and its rendering into sb (the tokens live in the
 * arena until step_back()). */
static int expand_text(kabi_cpp *cpp, const char *text, tok **x, kabi_strbuf *sb)
{
	int err = expand(cpp, lex_list(cpp, text, strlen(text)), x, 0, 0);

	if (!err)
		render(sb, *x);
	return err;
}

int kabi_cpp_eval(kabi_cpp *cpp, const char *expr, long long *out)
{
	outside o;
	int err;

	step_out(cpp, &o);
	err = eval_text(cpp, expr, strlen(expr), out);
	step_back(cpp, &o);
	return err ? expr_error(err, expr) : 0;
}

/*
 * 1 when `text` (an expansion, rendered) is an expression of numbers alone:
 * a digit starts a number, and a letter or '_' anywhere else is a name
 * left over.
 */
static int numbers_alone(const char *text)
{
	const char *p;
	int any = 0;

	for (p = text; *p;) {
		if (isdigit((unsigned char)*p)) {
			any = 1;
			while (isalnum((unsigned char)*p) || *p == '_') /* 0x1f, 10UL */
				p++;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			return 0;
		} else {
			p++;
		}
	}
	return any;
}

int kabi_cpp_eval_number(kabi_cpp *cpp, const char *text, long long *out)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	outside o;
	tok *x;
	int err, alone = 0;

	step_out(cpp, &o);
	err = expand_text(cpp, text, &x, &sb);
	if (!err && (alone = numbers_alone(sb.buf)))
		err = eval_list(cpp, x, out);
	step_back(cpp, &o);
	kabi_strbuf_free(&sb);
	if (err)
		return expr_error(err, text);
	return alone ? 0 : KABI_ENOTFOUND;
}

int kabi_cpp_expand(kabi_cpp *cpp, const char *text, char **out)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	outside o;
	tok *x;
	int err;

	*out = NULL;
	step_out(cpp, &o);
	err = expand_text(cpp, text, &x, &sb);
	step_back(cpp, &o);
	if (!err)
		*out = kabi_strbuf_detach(&sb);
	kabi_strbuf_free(&sb);
	return err ? expr_error(err, text) : 0;
}

int kabi_cpp_foreach_macro(const kabi_cpp *cpp, kabi_cpp_macro_fn fn, void *ctx)
{
	/* every definition took the next seq: slot the macros by it and
	 * read the slots in order (no sort) */
	macro **v = kabi_calloc(cpp->seq + 1, sizeof(*v));
	size_t i;
	int r = 0;

	for (i = 0; i < cpp->cap; i++)
		if (cpp->tab[i] && cpp->tab[i]->defined && !cpp->tab[i]->funclike)
			v[cpp->tab[i]->seq] = cpp->tab[i];
	for (i = 1; i <= cpp->seq && !r; i++)
		if (v[i])
			r = fn(ctx, v[i]->name, v[i]->body, v[i]->file, v[i]->line);
	free(v);
	return r;
}

int kabi_cpp_foreach_missing(const kabi_cpp *cpp, kabi_cpp_missing_fn fn, void *ctx)
{
	size_t i;
	int r = 0;

	for (i = 0; i < cpp->nmissing && !r; i++)
		r = fn(ctx, cpp->missing[i].name, cpp->missing[i].from, cpp->missing[i].line);
	return r;
}
