/*
 * sig.c - reading syscall definitions out of one C file, and normalising
 * argument lists.  The tree walk and the cache are in sig_tree.c,
 * resolution in sigset.c.
 *
 * The scanner is a lexer, not a grep: it skips comments, string and
 * character literals, keeps a brace depth (definitions are taken at file
 * level only) and a stack of preprocessor conditions.  A definition header
 * (SYSCALL_DEFINEn(...), asmlinkage T name(...)) is held "pending" until the
 * next token: '{' makes it a definition, anything else drops it.  Headers in
 * successive #if/#elif/#else branches that share one body (kernel/fork.c's
 * clone variants) are all kept.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "error.h"
#include "sig.h"
#include "strbuf.h"
#include "strlist.h"

/* ---------------------------------------------------------------- tokens */

typedef struct {
	const char *s;
	size_t len;
} tok;

typedef struct {
	tok *v;
	size_t n, alloc;
} tokvec;

static void tok_push(tokvec *tv, const char *s, size_t len)
{
	KABI_ARRAY_GROW(tv->v, tv->n + 1, tv->alloc);
	tv->v[tv->n].s = s;
	tv->v[tv->n].len = len;
	tv->n++;
}

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

static int tok_is(const tok *t, const char *s)
{
	return t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

static int tok_ident(const tok *t)
{
	return t->len && is_ident_start((unsigned char)t->s[0]);
}

/* Splits already comment-free text into identifiers, numbers, two-character
 * operators and single characters. */
static void tokenize(tokvec *tv, const char *s, size_t len)
{
	static const char *const ops2[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "##", "->"};
	size_t i = 0, k;

	tv->n = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i + 1;

		if (isspace(c)) {
			i++;
			continue;
		}
		if (is_ident(c)) {
			while (j < len && is_ident((unsigned char)s[j]))
				j++;
		} else if (j < len) {
			for (k = 0; k < sizeof(ops2) / sizeof(ops2[0]); k++)
				if (s[i] == ops2[k][0] && s[j] == ops2[k][1]) {
					j++;
					break;
				}
		}
		tok_push(tv, s + i, j - i);
		i = j;
	}
}

/* ------------------------------------------------------------ normalising */

/* Annotations that say nothing about the ABI. */
static int is_annotation(const tok *t)
{
	static const char *const words[] = {
		"__user",         "__force",    "__iomem",         "__rcu",    "__percpu", "__nocast",
		"__bitwise",      "__restrict", "__restrict__",    "restrict", "register", "volatile",
		"__maybe_unused", "__unused",   "__always_unused", "__kernel", "__safe",   "__nocapture",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (tok_is(t, words[i]))
			return 1;
	return 0;
}

static int is_type_keyword(const tok *t)
{
	static const char *const words[] = {"int",    "long",   "short", "char",   "unsigned",
					    "signed", "void",   "float", "double", "_Bool",
					    "const",  "struct", "union", "enum"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (tok_is(t, words[i]))
			return 1;
	return 0;
}

/* The kernel's __u32 and u32 (and friends) are the same type. */
static void put_typename(kabi_strbuf *sb, const tok *t)
{
	if (t->len >= 4 && t->len <= 5 && t->s[0] == '_' && t->s[1] == '_' &&
	    (t->s[2] == 'u' || t->s[2] == 's') && isdigit((unsigned char)t->s[3]))
		kabi_strbuf_add(sb, t->s + 2, t->len - 2);
	else
		kabi_strbuf_add(sb, t->s, t->len);
}

/*
 * Writes the canonical spelling of one type (tokens, name already removed).
 * Simple declarators (specifiers, '*'s, const, trailing []) are rebuilt;
 * anything else (function pointers) is written token by token.
 */
static void put_type(kabi_strbuf *sb, const tok *t, size_t n)
{
	size_t i, start = sb->len;
	int nunsigned = 0, nsigned = 0, nshort = 0, nlong = 0, nint = 0, nchar = 0, ndouble = 0;
	int base_const = 0, complex = 0, levels = 0, first = 1;
	int level_const[16] = {0};
	tokvec other = {0};

	for (i = 0; i < n; i++)
		if (tok_is(&t[i], "(") || tok_is(&t[i], ")"))
			complex = 1;
	if (complex) {
		for (i = 0; i < n; i++) {
			char prev = sb->len > start ? sb->buf[sb->len - 1] : '\0';

			if (is_annotation(&t[i]))
				continue;
			if (is_ident((unsigned char)prev) &&
			    (tok_ident(&t[i]) || tok_is(&t[i], "(") || tok_is(&t[i], "*")))
				kabi_strbuf_putc(sb, ' ');
			put_typename(sb, &t[i]);
			if (tok_is(&t[i], ","))
				kabi_strbuf_putc(sb, ' ');
		}
		return;
	}
	for (i = 0; i < n; i++) {
		const tok *x = &t[i];

		if (is_annotation(x))
			continue;
		if (tok_is(x, "*")) {
			if (levels < 15)
				levels++;
		} else if (tok_is(x, "[")) {
			/* a parameter array is a pointer */
			while (i < n && !tok_is(&t[i], "]"))
				i++;
			if (levels < 15)
				levels++;
		} else if (tok_is(x, "const")) {
			if (levels == 0)
				base_const = 1;
			else
				level_const[levels] = 1;
		} else if (tok_is(x, "unsigned")) {
			nunsigned++;
		} else if (tok_is(x, "signed")) {
			nsigned++;
		} else if (tok_is(x, "short")) {
			nshort++;
		} else if (tok_is(x, "long")) {
			nlong++;
		} else if (tok_is(x, "int")) {
			nint++;
		} else if (tok_is(x, "char")) {
			nchar++;
		} else if (tok_is(x, "double")) {
			ndouble++;
		} else {
			tok_push(&other, x->s, x->len);
		}
	}
	/* top-level const (the object itself, not what it points to) is not
	 * part of the caller's contract: drop it */
	if (base_const && levels > 0) {
		kabi_strbuf_puts(sb, "const");
		first = 0;
	}
#define WORD(w)                                                                                              \
	do {                                                                                                 \
		if (!first)                                                                                  \
			kabi_strbuf_putc(sb, ' ');                                                           \
		kabi_strbuf_puts(sb, w);                                                                     \
		first = 0;                                                                                   \
	} while (0)
	if (nunsigned || nsigned || nshort || nlong || nint || nchar || ndouble) {
		if (nunsigned)
			WORD("unsigned");
		else if (nsigned && nchar)
			WORD("signed");
		if (nchar)
			WORD("char");
		else if (nshort)
			WORD("short");
		else if (nlong >= 2)
			WORD("long long");
		else if (nlong == 1 && ndouble)
			WORD("long double");
		else if (nlong == 1)
			WORD("long");
		else if (ndouble)
			WORD("double");
		else
			WORD("int");
	}
#undef WORD
	for (i = 0; i < other.n; i++) {
		if (!first)
			kabi_strbuf_putc(sb, ' ');
		put_typename(sb, &other.v[i]);
		first = 0;
	}
	free(other.v);
	if (levels) {
		int l;

		kabi_strbuf_putc(sb, ' ');
		for (l = 1; l <= levels; l++) {
			kabi_strbuf_putc(sb, '*');
			if (level_const[l] && l < levels)
				kabi_strbuf_puts(sb, "const ");
		}
	}
}

/* Index of the declarator name in a parameter declaration, or -1. */
static long decl_name(const tok *t, size_t n)
{
	size_t i, end = n;

	/* function pointer: T (*name)(args) */
	for (i = 0; i + 3 < n; i++)
		if (tok_is(&t[i], "(") && tok_is(&t[i + 1], "*") && tok_ident(&t[i + 2]) &&
		    tok_is(&t[i + 3], ")"))
			return (long)i + 2;
	for (i = 0; i < n; i++)
		if (tok_is(&t[i], "[")) {
			end = i;
			break;
		}
	if (end < 2)
		return -1;
	i = end - 1;
	if (!tok_ident(&t[i]) || is_type_keyword(&t[i]) || is_annotation(&t[i]))
		return -1;
	if (tok_is(&t[i - 1], "struct") || tok_is(&t[i - 1], "union") || tok_is(&t[i - 1], "enum"))
		return -1;
	/* something that names a type must remain */
	{
		size_t j;

		for (j = 0; j < i; j++)
			if (tok_ident(&t[j]) && !is_annotation(&t[j]) && !tok_is(&t[j], "const"))
				return (long)i;
	}
	return -1;
}

/* Normalises one parameter (or bare type) into sb. */
static void put_param(kabi_strbuf *sb, const char *s, size_t len, int types_only, tokvec *tv)
{
	long name;

	size_t i, k = 0;

	tokenize(tv, s, len);
	for (i = 0; i < tv->n; i++)
		if (!is_annotation(&tv->v[i]))
			tv->v[k++] = tv->v[i];
	tv->n = k;
	name = types_only ? -1 : decl_name(tv->v, tv->n);
	if (name < 0) {
		put_type(sb, tv->v, tv->n);
	} else {
		size_t at = (size_t)name;

		/* the tokens without the name, in a copy: put_type wants one run */
		tok *copy = kabi_malloc((tv->n ? tv->n : 1) * sizeof(*copy));

		memcpy(copy, tv->v, at * sizeof(*copy));
		memcpy(copy + at, tv->v + at + 1, (tv->n - at - 1) * sizeof(*copy));
		put_type(sb, copy, tv->n - 1);
		free(copy);
	}
}

static const char *normalize(kabi_intern *pool, const char *s, size_t len, int types_only)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	tokvec tv = {0};
	size_t i = 0, start = 0, nparams = 0;
	int depth = 0;
	const char *r;

	for (i = 0; i <= len; i++) {
		char c = i < len ? s[i] : ',';

		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if ((c == ',' || c == ';') && depth == 0) {
			size_t a = start, b = i;

			while (a < b && isspace((unsigned char)s[a]))
				a++;
			while (b > a && isspace((unsigned char)s[b - 1]))
				b--;
			start = i + 1;
			if (a == b)
				continue;
			if (b - a == 4 && memcmp(s + a, "void", 4) == 0 && nparams == 0 && i == len)
				continue;
			if (nparams++)
				kabi_strbuf_puts(&sb, ", ");
			put_param(&sb, s + a, b - a, types_only, &tv);
		}
	}
	free(tv.v);
	r = kabi_intern_len(pool, kabi_strbuf_str(&sb), sb.len);
	kabi_strbuf_free(&sb);
	return r;
}

const char *kabi_sig_normalize(kabi_intern *pool, const char *decls, int types_only)
{
	return normalize(pool, decls, strlen(decls), types_only);
}

/* -------------------------------------------------------------- scanning */

/* A preprocessor condition level: the texts of the branches before the
 * current one (to negate), the current branch's text, and liveness. */
typedef struct {
	kabi_strlist prev;
	char *cur; /* NULL: #else, or a branch with no condition text */
	int dead;  /* this branch is not compiled (#if 0, or after #if 1) */
	int parent_dead;
	int taken_const; /* an earlier branch was a constant true */
	int depth_at_if; /* brace depth when the #if was seen */
} cframe;

/* `#define ALIAS SYSCALL_DEFINEn` (or COMPAT_), under a condition. */
typedef struct {
	char *name;
	int kind;
	char *cond;
} alias;

/* `#define NAME(p) T, p##_a, T, p##_b`: one argument that is two pairs. */
typedef struct {
	char *name, *param, *body;
} pairmacro;

typedef struct {
	kabi_sigdef d;
	int confirmed;
} pending;

typedef struct {
	const char *text;
	size_t len, pos;
	int line;
	const char *path;
	kabi_intern *pool;
	int depth;
	cframe *cf;
	size_t ncf, acf;
	alias *al;
	size_t nal, aal;
	pairmacro *pm;
	size_t npm, apm;
	kabi_sigdef *out;
	size_t nout, aout;
	pending *pend;
	size_t npend, apend;
	int crossed;   /* a conditional directive since the first pending header */
	int in_static; /* `static` seen in the current file-level declaration */
	kabi_strbuf tmp;
} scanner;

static int dead(const scanner *sc)
{
	return sc->ncf && (sc->cf[sc->ncf - 1].dead || sc->cf[sc->ncf - 1].parent_dead);
}

/* Skips a comment starting at pos ("/ *" or "//"), counting lines. */
static void skip_comment(scanner *sc)
{
	const char *t = sc->text;

	if (t[sc->pos + 1] == '*') {
		sc->pos += 2;
		while (sc->pos < sc->len &&
		       !(t[sc->pos] == '*' && sc->pos + 1 < sc->len && t[sc->pos + 1] == '/')) {
			if (t[sc->pos] == '\n')
				sc->line++;
			sc->pos++;
		}
		sc->pos = sc->pos + 2 < sc->len ? sc->pos + 2 : sc->len;
	} else {
		while (sc->pos < sc->len && t[sc->pos] != '\n') {
			if (t[sc->pos] == '\\' && sc->pos + 1 < sc->len && t[sc->pos + 1] == '\n') {
				sc->line++;
				sc->pos++;
			}
			sc->pos++;
		}
	}
}

static int at_comment(const scanner *sc)
{
	return sc->text[sc->pos] == '/' && sc->pos + 1 < sc->len &&
	       (sc->text[sc->pos + 1] == '*' || sc->text[sc->pos + 1] == '/');
}

static void skip_literal(scanner *sc)
{
	char q = sc->text[sc->pos++];

	while (sc->pos < sc->len && sc->text[sc->pos] != q) {
		if (sc->text[sc->pos] == '\\' && sc->pos + 1 < sc->len) {
			if (sc->text[sc->pos + 1] == '\n')
				sc->line++;
			sc->pos++;
		} else if (sc->text[sc->pos] == '\n') {
			break; /* unterminated: stop at the line's end */
		}
		sc->pos++;
	}
	if (sc->pos < sc->len && sc->text[sc->pos] == q)
		sc->pos++;
}

/* Skips whitespace and comments. */
static void skip_space(scanner *sc)
{
	while (sc->pos < sc->len) {
		char c = sc->text[sc->pos];

		if (c == '\n') {
			sc->line++;
			sc->pos++;
		} else if (isspace((unsigned char)c)) {
			sc->pos++;
		} else if (at_comment(sc)) {
			skip_comment(sc);
		} else {
			break;
		}
	}
}

/* Appends text[a, b) to sb with comments turned into a space and line
 * continuations removed. */
static void add_clean(kabi_strbuf *sb, const char *t, size_t a, size_t b)
{
	size_t i = a;

	while (i < b) {
		if (t[i] == '/' && i + 1 < b && t[i + 1] == '*') {
			i += 2;
			while (i + 1 < b && !(t[i] == '*' && t[i + 1] == '/'))
				i++;
			i += 2;
			kabi_strbuf_putc(sb, ' ');
		} else if (t[i] == '/' && i + 1 < b && t[i + 1] == '/') {
			while (i < b && t[i] != '\n')
				i++;
		} else if (t[i] == '\\' && i + 1 < b && t[i + 1] == '\n') {
			i += 2;
			kabi_strbuf_putc(sb, ' ');
		} else {
			kabi_strbuf_putc(sb, isspace((unsigned char)t[i]) ? ' ' : t[i]);
			i++;
		}
	}
}

/* Collapses runs of spaces and trims, in place. */
static void collapse(kabi_strbuf *sb)
{
	size_t i, o = 0;
	int space = 0;

	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == ' ') {
			space = o > 0;
			continue;
		}
		if (space)
			sb->buf[o++] = ' ';
		space = 0;
		sb->buf[o++] = sb->buf[i];
	}
	sb->len = o;
	if (sb->buf)
		sb->buf[o] = '\0';
}

/* Canonical text of a #if expression: tokens with fixed spacing,
 * `defined X` written `defined(X)`. */
static char *cond_text(const char *s, size_t len)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	tokvec tv = {0};
	size_t i;

	tokenize(&tv, s, len);
	for (i = 0; i < tv.n; i++) {
		const tok *t = &tv.v[i];
		const tok *p = i ? &tv.v[i - 1] : NULL;

		if (tok_is(t, "defined") && i + 1 < tv.n && tok_ident(&tv.v[i + 1])) {
			if (p && !tok_is(p, "(") && !tok_is(p, "!"))
				kabi_strbuf_putc(&sb, ' ');
			kabi_strbuf_puts(&sb, "defined(");
			kabi_strbuf_add(&sb, tv.v[i + 1].s, tv.v[i + 1].len);
			kabi_strbuf_putc(&sb, ')');
			i++;
			continue;
		}
		if (p && !tok_is(p, "(") && !tok_is(p, "!") && !tok_is(t, ")") && !tok_is(t, ",") &&
		    !(tok_is(t, "(") && tok_ident(p)))
			kabi_strbuf_putc(&sb, ' ');
		kabi_strbuf_add(&sb, t->s, t->len);
	}
	free(tv.v);
	if (!sb.len)
		kabi_strbuf_puts(&sb, "");
	return kabi_strbuf_detach(&sb);
}

static int unknown_name(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	(void)ctx;
	(void)name;
	(void)len;
	out->unknown = 1;
	return 0;
}

/* 1 or 0 when a condition is constant whatever the macros are (`#if 0`,
 * `#if 1`), -1 when it depends on them or is not an expression. */
static int const_truth(const char *cond)
{
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;

	ops.ident = unknown_name;
	ops.flags = KABI_CEXPR_CONFIG_MACROS;
	return kabi_cexpr_truth(cond, strlen(cond), &ops);
}

/* Negation of a condition text, kept readable. */
static void put_negation(kabi_strbuf *sb, const char *c)
{
	size_t n = strlen(c);

	if (strncmp(c, "defined(", 8) == 0 && c[n - 1] == ')' && !strchr(c + 8, '(') &&
	    strchr(c, ')') == c + n - 1) {
		kabi_strbuf_putc(sb, '!');
		kabi_strbuf_puts(sb, c);
	} else if (strncmp(c, "!defined(", 9) == 0 && c[n - 1] == ')' && !strchr(c + 9, '(') &&
		   strchr(c, ')') == c + n - 1) {
		kabi_strbuf_puts(sb, c + 1);
	} else {
		kabi_strbuf_printf(sb, "!(%s)", c);
	}
}

static void put_and(kabi_strbuf *sb, const char *c)
{
	if (sb->len)
		kabi_strbuf_puts(sb, " && ");
	if (strstr(c, "||") || strchr(c, '?'))
		kabi_strbuf_printf(sb, "(%s)", c);
	else
		kabi_strbuf_puts(sb, c);
}

/* The condition of the current position: every level's branch. */
static void current_cond(scanner *sc, kabi_strbuf *sb)
{
	size_t i, j;

	for (i = 0; i < sc->ncf; i++) {
		const cframe *f = &sc->cf[i];

		for (j = 0; j < f->prev.n; j++) {
			kabi_strbuf neg = KABI_STRBUF_INIT;

			put_negation(&neg, f->prev.v[j]);
			put_and(sb, kabi_strbuf_str(&neg));
			kabi_strbuf_free(&neg);
		}
		if (f->cur)
			put_and(sb, f->cur);
	}
}

static void frame_free(cframe *f)
{
	kabi_strlist_free(&f->prev);
	free(f->cur);
}

/* Sets a frame's branch from condition text (NULL for #else). */
static void frame_branch(cframe *f, char *text)
{
	int truth;

	if (f->cur) {
		kabi_strlist_add_owned(&f->prev, f->cur);
		f->cur = NULL;
	}
	if (f->taken_const) {
		free(text);
		f->dead = 1;
		return;
	}
	f->dead = 0;
	truth = text ? const_truth(text) : -1;
	if (truth == 0) {
		f->dead = 1;
		free(text);
	} else if (truth == 1) {
		f->taken_const = 1;
		free(text);
	} else {
		f->cur = text;
	}
}

static void add_alias(scanner *sc, const char *name, size_t nlen, int kind)
{
	kabi_strbuf c = KABI_STRBUF_INIT;

	current_cond(sc, &c);
	KABI_ARRAY_GROW(sc->al, sc->nal + 1, sc->aal);
	sc->al[sc->nal].name = kabi_strndup(name, nlen);
	sc->al[sc->nal].kind = kind;
	sc->al[sc->nal].cond = kabi_strbuf_detach(&c);
	if (!sc->al[sc->nal].cond)
		sc->al[sc->nal].cond = kabi_strdup("");
	sc->nal++;
}

/* KABI_SIG_SYS / _COMPAT when the identifier is SYSCALL_DEFINEn or
 * COMPAT_SYSCALL_DEFINEn; 0 otherwise. */
static int define_macro_kind(const char *s, size_t len)
{
	if (len == 15 && memcmp(s, "SYSCALL_DEFINE", 14) == 0 && s[14] >= '0' && s[14] <= '6')
		return KABI_SIG_SYS;
	if (len == 22 && memcmp(s, "COMPAT_SYSCALL_DEFINE", 21) == 0 && s[21] >= '0' && s[21] <= '6')
		return KABI_SIG_COMPAT;
	return 0;
}

/* Handles `#define` lines that matter: aliases of the definition macros
 * and function-like macros that stand for two (type, name) pairs. */
static void directive_define(scanner *sc, const char *s, size_t len)
{
	size_t i = 0, n0, n1;

	while (i < len && s[i] == ' ')
		i++;
	n0 = i;
	while (i < len && is_ident((unsigned char)s[i]))
		i++;
	n1 = i;
	if (n1 == n0)
		return;
	if (i < len && s[i] == '(') {
		/* NAME(p) body */
		size_t p0, p1, b;
		int commas = 0;

		i++;
		while (i < len && s[i] == ' ')
			i++;
		p0 = i;
		while (i < len && is_ident((unsigned char)s[i]))
			i++;
		p1 = i;
		while (i < len && s[i] == ' ')
			i++;
		if (p1 == p0 || i >= len || s[i] != ')')
			return;
		b = i + 1;
		for (i = b; i < len; i++)
			if (s[i] == ',')
				commas++;
			else if (s[i] == '(')
				return;
		if (commas != 3 || !memmem(s + b, len - b, "##", 2))
			return;
		KABI_ARRAY_GROW(sc->pm, sc->npm + 1, sc->apm);
		sc->pm[sc->npm].name = kabi_strndup(s + n0, n1 - n0);
		sc->pm[sc->npm].param = kabi_strndup(s + p0, p1 - p0);
		sc->pm[sc->npm].body = kabi_strndup(s + b, len - b);
		sc->npm++;
		return;
	}
	{
		size_t b0, b1;
		int kind;

		while (i < len && s[i] == ' ')
			i++;
		b0 = i;
		while (i < len && is_ident((unsigned char)s[i]))
			i++;
		b1 = i;
		while (i < len && s[i] == ' ')
			i++;
		if (i != len || b1 == b0)
			return;
		kind = define_macro_kind(s + b0, b1 - b0);
		if (kind)
			add_alias(sc, s + n0, n1 - n0, kind);
	}
}

/* Reads a directive line starting at '#' (pos) and acts on it. */
static void directive(scanner *sc)
{
	const char *t = sc->text;
	size_t a = sc->pos + 1, b = a, w0, w1;
	kabi_strbuf *sb = &sc->tmp;
	const char *s;
	size_t len;

	/* the logical line: up to a newline that is not escaped and not
	 * inside a block comment */
	while (b < sc->len && t[b] != '\n') {
		if (t[b] == '\\' && b + 1 < sc->len && t[b + 1] == '\n') {
			sc->line++;
			b += 2;
		} else if (t[b] == '/' && b + 1 < sc->len && t[b + 1] == '*') {
			b += 2;
			while (b < sc->len && !(t[b] == '*' && b + 1 < sc->len && t[b + 1] == '/')) {
				if (t[b] == '\n')
					sc->line++;
				b++;
			}
			b = b + 2 < sc->len ? b + 2 : sc->len;
		} else {
			b++;
		}
	}
	sc->pos = b;
	kabi_strbuf_reset(sb);
	add_clean(sb, t, a, b);
	collapse(sb);
	s = kabi_strbuf_str(sb);
	len = sb->len;
	w0 = 0;
	w1 = w0;
	while (w1 < len && is_ident((unsigned char)s[w1]))
		w1++;
#define IS(w) (w1 - w0 == strlen(w) && memcmp(s + w0, w, w1 - w0) == 0)
	if (IS("ifdef") && sc->depth > 0 && sc->nout && len - w1 > 19 && !dead(sc)) {
		/* "#ifdef __ARCH_BROKEN_SYS_CLONE3 ... return -ENOSYS" in the
		 * body of the definition just emitted (kernel/fork.c, 6.10+) */
		size_t m = w1, e;

		while (m < len && s[m] == ' ')
			m++;
		for (e = m; e < len && is_ident((unsigned char)s[e]); e++)
			;
		if (e - m > 18 && memcmp(s + m, "__ARCH_BROKEN_SYS_", 18) == 0) {
			const char *macro = kabi_intern_len(sc->pool, s + m, e - m);
			size_t k = sc->nout;
			int line = sc->out[k - 1].line;

			while (k > 0 && sc->out[k - 1].line == line)
				sc->out[--k].enosys_if = macro;
		}
	}
	if (IS("if") || IS("ifdef") || IS("ifndef")) {
		cframe f;
		char *text;

		memset(&f, 0, sizeof(f));
		f.parent_dead = dead(sc);
		f.depth_at_if = sc->depth;
		if (IS("if")) {
			text = cond_text(s + w1, len - w1);
		} else {
			kabi_strbuf c = KABI_STRBUF_INIT;
			char *name = cond_text(s + w1, len - w1);

			kabi_strbuf_printf(&c, "%sdefined(%s)", IS("ifndef") ? "!" : "", name);
			free(name);
			text = kabi_strbuf_detach(&c);
		}
		frame_branch(&f, text);
		KABI_ARRAY_GROW(sc->cf, sc->ncf + 1, sc->acf);
		sc->cf[sc->ncf++] = f;
		sc->crossed = 1;
	} else if (IS("elif") || IS("else")) {
		if (sc->ncf) {
			cframe *f = &sc->cf[sc->ncf - 1];

			frame_branch(f, IS("elif") ? cond_text(s + w1, len - w1) : NULL);
			/* each branch starts from the depth at #if */
			sc->depth = f->depth_at_if;
		}
		sc->crossed = 1;
	} else if (IS("endif")) {
		if (sc->ncf)
			frame_free(&sc->cf[--sc->ncf]);
		sc->crossed = 1;
	} else if (IS("define") && !dead(sc)) {
		directive_define(sc, s + w1, len - w1);
	}
#undef IS
}

static void emit(scanner *sc, const kabi_sigdef *d)
{
	KABI_ARRAY_GROW(sc->out, sc->nout + 1, sc->aout);
	sc->out[sc->nout++] = *d;
}

static void pend(scanner *sc, const kabi_sigdef *d)
{
	KABI_ARRAY_GROW(sc->pend, sc->npend + 1, sc->apend);
	sc->pend[sc->npend].d = *d;
	sc->pend[sc->npend].confirmed = 0;
	sc->npend++;
}

static void pending_resolve(scanner *sc, int confirm)
{
	size_t i;

	if (confirm)
		for (i = 0; i < sc->npend; i++)
			emit(sc, &sc->pend[i].d);
	sc->npend = 0;
	sc->crossed = 0;
}

/* Reads a balanced (...) starting at pos (which is '('); appends its inside
 * to sb without comments; pos ends after ')'.  0 when unbalanced. */
static int read_parens(scanner *sc, kabi_strbuf *sb)
{
	int depth = 0;
	size_t start;

	kabi_strbuf_reset(sb);
	start = sc->pos + 1;
	while (sc->pos < sc->len) {
		char c = sc->text[sc->pos];

		if (c == '\n') {
			sc->line++;
		} else if (at_comment(sc)) {
			size_t before = sc->pos;

			add_clean(sb, sc->text, start, before);
			skip_comment(sc);
			kabi_strbuf_putc(sb, ' ');
			start = sc->pos;
			continue;
		} else if (c == '"' || c == '\'') {
			skip_literal(sc);
			continue;
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (--depth == 0) {
				add_clean(sb, sc->text, start, sc->pos);
				sc->pos++;
				return 1;
			}
		} else if ((c == '{' || c == ';') && depth == 1) {
			return 0; /* not an argument list */
		}
		sc->pos++;
	}
	return 0;
}

/* Splits at top-level commas; items trimmed, inner whitespace collapsed. */
static void split_commas(kabi_strlist *out, const char *s, size_t len)
{
	size_t i, start = 0;
	int depth = 0;

	for (i = 0; i <= len; i++) {
		char c = i < len ? s[i] : ',';

		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		else if (c == ',' && depth == 0) {
			kabi_strbuf item = KABI_STRBUF_INIT;

			add_clean(&item, s, start, i);
			collapse(&item);
			kabi_strlist_addn(out, kabi_strbuf_str(&item), item.len);
			kabi_strbuf_free(&item);
			start = i + 1;
		}
	}
}

/* Built-in pair macros from include/: they expand to two (u32, name) pairs;
 * the little-endian order is written (the normalised text does not care). */
static const struct {
	const char *name, *param, *body;
} builtin_pairs[] = {
	{"SC_ARG64", "name", "u32, name##_lo, u32, name##_hi"},
	{"compat_arg_u64_dual", "name", "u32, name##_lo, u32, name##_hi"},
};

/* Expands `param` in body with arg, then pastes ## away. */
static void expand_pair(kabi_strlist *out, const char *param, const char *body, const char *arg)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t plen = strlen(param), i = 0, blen = strlen(body);

	while (i < blen) {
		if (is_ident_start((unsigned char)body[i])) {
			size_t j = i;

			while (j < blen && is_ident((unsigned char)body[j]))
				j++;
			if (j - i == plen && memcmp(body + i, param, plen) == 0)
				kabi_strbuf_puts(&sb, arg);
			else
				kabi_strbuf_add(&sb, body + i, j - i);
			i = j;
		} else if (body[i] == '#' && i + 1 < blen && body[i + 1] == '#') {
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			i += 2;
			while (i < blen && body[i] == ' ')
				i++;
		} else {
			kabi_strbuf_putc(&sb, body[i++]);
		}
	}
	split_commas(out, kabi_strbuf_str(&sb), sb.len);
	kabi_strbuf_free(&sb);
}

/* Expands items that are a pair macro call `M(x)`. */
static void expand_items(scanner *sc, kabi_strlist *items)
{
	kabi_strlist out = KABI_STRLIST_INIT;
	size_t i, k;

	for (i = 0; i < items->n; i++) {
		const char *it = items->v[i];
		const char *lp = strchr(it, '(');
		int done = 0;

		if (lp && it[strlen(it) - 1] == ')') {
			size_t nlen = (size_t)(lp - it);
			char *arg = kabi_strndup(lp + 1, strlen(lp + 1) - 1);
			kabi_strbuf a = KABI_STRBUF_INIT;

			while (nlen && it[nlen - 1] == ' ')
				nlen--;
			kabi_strbuf_puts(&a, arg);
			collapse(&a);
			/* file-local definitions win; the last one is the
			 * little-endian #else branch in the kernel's files */
			for (k = sc->npm; k-- > 0 && !done;)
				if (strlen(sc->pm[k].name) == nlen && memcmp(sc->pm[k].name, it, nlen) == 0) {
					expand_pair(&out, sc->pm[k].param, sc->pm[k].body,
						    kabi_strbuf_str(&a));
					done = 1;
				}
			for (k = 0; k < sizeof(builtin_pairs) / sizeof(builtin_pairs[0]) && !done; k++)
				if (strlen(builtin_pairs[k].name) == nlen &&
				    memcmp(builtin_pairs[k].name, it, nlen) == 0) {
					expand_pair(&out, builtin_pairs[k].param, builtin_pairs[k].body,
						    kabi_strbuf_str(&a));
					done = 1;
				}
			kabi_strbuf_free(&a);
			free(arg);
		}
		if (!done)
			kabi_strlist_add(&out, it);
	}
	kabi_strlist_free(items);
	*items = out;
}

/* "type name" for display: no space after a trailing '*'. */
static void put_decl(kabi_strbuf *sb, const char *type, const char *name)
{
	size_t tl = strlen(type);

	kabi_strbuf_puts(sb, type);
	if (*name) {
		if (tl && type[tl - 1] != '*')
			kabi_strbuf_putc(sb, ' ');
		kabi_strbuf_puts(sb, name);
	}
}

/* Fills the definition's texts from (type, name) pairs. */
static void fill_pairs(scanner *sc, kabi_sigdef *d, const kabi_strlist *items, size_t first)
{
	kabi_strbuf args = KABI_STRBUF_INIT, types = KABI_STRBUF_INIT;
	size_t i;

	for (i = first; i + 1 < items->n; i += 2) {
		if (args.len) {
			kabi_strbuf_puts(&args, ", ");
			kabi_strbuf_puts(&types, "; ");
		}
		put_decl(&args, items->v[i], items->v[i + 1]);
		kabi_strbuf_puts(&types, items->v[i]);
	}
	d->nargs = (int)((items->n - first) / 2);
	d->args = kabi_intern_len(sc->pool, kabi_strbuf_str(&args), args.len);
	d->norm = normalize(sc->pool, kabi_strbuf_str(&types), types.len, 1);
	kabi_strbuf_free(&args);
	kabi_strbuf_free(&types);
}

static const char *entry_of(scanner *sc, int kind, const char *name)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *r;

	kabi_strbuf_printf(&sb, "%s%s", kind == KABI_SIG_COMPAT ? "compat_sys_" : "sys_", name);
	r = kabi_intern_len(sc->pool, sb.buf, sb.len);
	kabi_strbuf_free(&sb);
	return r;
}

static const char *join_cond(scanner *sc, const char *a, const char *b)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *r;

	/* both are conjunctions already, their || parts in parentheses */
	kabi_strbuf_puts(&sb, a);
	if (*a && *b)
		kabi_strbuf_puts(&sb, " && ");
	kabi_strbuf_puts(&sb, b);
	r = kabi_intern_len(sc->pool, kabi_strbuf_str(&sb), sb.len);
	kabi_strbuf_free(&sb);
	return r;
}

/* A definition macro at pos (just after its name).  `kinds` lists the
 * (kind, extra condition) the macro stands for: one for SYSCALL_DEFINEn,
 * one per #define for a file-local alias, two for SYSCALL32_DEFINEn.
 * `standalone`: the macro is the whole definition (no body follows). */
static void macro_header(scanner *sc, int line, const int *kinds, const char *const *conds, size_t nk,
			 int standalone)
{
	kabi_strbuf raw = KABI_STRBUF_INIT, cond = KABI_STRBUF_INIT;
	kabi_strlist items = KABI_STRLIST_INIT;
	size_t k;

	skip_space(sc);
	if (sc->pos >= sc->len || sc->text[sc->pos] != '(')
		goto out;
	if (!read_parens(sc, &raw))
		goto out;
	split_commas(&items, kabi_strbuf_str(&raw), raw.len);
	if (items.n == 0 || !*items.v[0])
		goto out;
	expand_items(sc, &items);
	if ((items.n - 1) % 2 != 0)
		goto out; /* not (type, name) pairs: not a definition we can read */
	if (sc->npend && !sc->crossed)
		pending_resolve(sc, 0);
	current_cond(sc, &cond);
	for (k = 0; k < nk; k++) {
		kabi_sigdef d;

		memset(&d, 0, sizeof(d));
		d.kind = kinds[k];
		d.name = kabi_intern_str(sc->pool, items.v[0]);
		d.entry = entry_of(sc, kinds[k], items.v[0]);
		d.file = sc->path;
		d.line = line;
		d.cond = join_cond(sc, conds[k], kabi_strbuf_str(&cond));
		fill_pairs(sc, &d, &items, 1);
		if (standalone)
			emit(sc, &d);
		else
			pend(sc, &d);
	}
	if (sc->npend == nk)
		sc->crossed = 0;
out:
	kabi_strlist_free(&items);
	kabi_strbuf_free(&raw);
	kabi_strbuf_free(&cond);
}

/* `asmlinkage T name(params)` at file level; pos is after "asmlinkage". */
static void function_header(scanner *sc, int line, const char *name, size_t nlen, int kind);

static void asmlinkage_header(scanner *sc, int line)
{
	kabi_strbuf raw = KABI_STRBUF_INIT;
	const char *name = NULL;
	size_t nlen = 0, ntoks = 0;
	int is_void = 0, pointer = 0;

	for (;;) {
		skip_space(sc);
		if (sc->pos >= sc->len || ++ntoks > 16)
			goto out;
		if (is_ident_start((unsigned char)sc->text[sc->pos])) {
			size_t s = sc->pos;

			while (sc->pos < sc->len && is_ident((unsigned char)sc->text[sc->pos]))
				sc->pos++;
			name = sc->text + s;
			nlen = sc->pos - s;
			if (nlen == 4 && memcmp(name, "void", 4) == 0)
				is_void = 1;
			if (nlen == 6 && memcmp(name, "__init", 6) == 0)
				goto out;
			if (nlen == 13 && memcmp(name, "__attribute__", 13) == 0) {
				skip_space(sc);
				if (sc->pos < sc->len && sc->text[sc->pos] == '(' && !read_parens(sc, &raw))
					goto out;
				name = NULL;
			}
		} else if (sc->text[sc->pos] == '*') {
			pointer = 1;
			sc->pos++;
		} else if (sc->text[sc->pos] == '(') {
			break;
		} else {
			goto out;
		}
	}
	/* void functions are not syscalls, except the sigreturns of some
	 * architectures (mips: asmlinkage void sys_sigreturn(void)) */
	if (!name || (is_void && !pointer && strncmp(name, "sys", 3) != 0))
		goto out;
	function_header(sc, line, name, nlen, KABI_SIG_ASMLINKAGE);
out:
	kabi_strbuf_free(&raw);
}

/* The parameter list of a function definition, at pos (its '('). */
static void function_header(scanner *sc, int line, const char *name, size_t nlen, int kind)
{
	kabi_strbuf raw = KABI_STRBUF_INIT, cond = KABI_STRBUF_INIT, args = KABI_STRBUF_INIT;
	kabi_strlist params = KABI_STRLIST_INIT;
	size_t i;
	kabi_sigdef d;

	if (!read_parens(sc, &raw))
		goto out;
	split_commas(&params, kabi_strbuf_str(&raw), raw.len);
	if (params.n == 1 && (strcmp(params.v[0], "void") == 0 || !*params.v[0]))
		kabi_strlist_free(&params);
	for (i = 0; i < params.n; i++) {
		if (i)
			kabi_strbuf_puts(&args, ", ");
		kabi_strbuf_puts(&args, params.v[i]);
	}
	if (sc->npend && !sc->crossed)
		pending_resolve(sc, 0);
	current_cond(sc, &cond);
	memset(&d, 0, sizeof(d));
	d.kind = kind;
	d.name = kabi_intern_len(sc->pool, name, nlen);
	d.entry = d.name;
	d.file = sc->path;
	d.line = line;
	d.cond = kabi_intern_len(sc->pool, kabi_strbuf_str(&cond), cond.len);
	d.nargs = (int)params.n;
	d.args = kabi_intern_len(sc->pool, kabi_strbuf_str(&args), args.len);
	d.norm = normalize(sc->pool, kabi_strbuf_str(&args), args.len, 0);
	pend(sc, &d);
	if (sc->npend == 1)
		sc->crossed = 0;
out:
	kabi_strlist_free(&params);
	kabi_strbuf_free(&raw);
	kabi_strbuf_free(&cond);
	kabi_strbuf_free(&args);
}

/* Names of syscall entry points: sys_*, compat_sys_*, sys32_*. */
static int is_entry_name(const char *s, size_t len)
{
	return (len > 4 && memcmp(s, "sys_", 4) == 0) || (len > 11 && memcmp(s, "compat_sys_", 11) == 0) ||
	       (len > 6 && memcmp(s, "sys32_", 6) == 0);
}

void kabi_sig_scan_arch_broken(kabi_sigdef **out, size_t *n, const char *text, size_t len, const char *path,
			       kabi_intern *pool)
{
	size_t i = 0, cap = *n;
	int line = 1;

	while (i < len) {
		size_t e = i, a, b;

		while (e < len && text[e] != '\n')
			e++;
		for (a = i; a < e && (text[a] == ' ' || text[a] == '\t'); a++)
			;
		if (e - a > 7 && text[a] == '#') {
			for (a++; a < e && (text[a] == ' ' || text[a] == '\t'); a++)
				;
			if (e - a > 6 && memcmp(text + a, "define", 6) == 0) {
				for (a += 6; a < e && (text[a] == ' ' || text[a] == '\t'); a++)
					;
				for (b = a; b < e && is_ident((unsigned char)text[b]); b++)
					;
				if (b - a > 18 && memcmp(text + a, "__ARCH_BROKEN_SYS_", 18) == 0) {
					kabi_sigdef *d;

					KABI_ARRAY_GROW(*out, *n + 1, cap);
					d = &(*out)[(*n)++];
					memset(d, 0, sizeof(*d));
					d->kind = KABI_SIG_ARCH_BROKEN;
					d->name = d->entry = kabi_intern_len(pool, text + a, b - a);
					d->args = d->norm = d->cond = kabi_intern_len(pool, "", 0);
					d->file = kabi_intern_str(pool, path);
					d->line = line;
				}
			}
		}
		i = e + 1;
		line++;
	}
}

/* cond_syscall(sys_x); COND_SYSCALL(x); COND_SYSCALL_COMPAT(x): the entry
 * point is weak, sys_ni_syscall where no definition is built (kernel/sys_ni.c). */
static int cond_macro(scanner *sc, const char *s, size_t len, int line)
{
	static const struct {
		const char *macro, *prefix;
	} conds[] = {{"cond_syscall", ""}, {"COND_SYSCALL", "sys_"}, {"COND_SYSCALL_COMPAT", "compat_sys_"}};
	kabi_strbuf raw = KABI_STRBUF_INIT, entry = KABI_STRBUF_INIT, cond = KABI_STRBUF_INIT;
	kabi_sigdef d;
	size_t k, a, b;

	for (k = 0; k < sizeof(conds) / sizeof(conds[0]); k++)
		if (strlen(conds[k].macro) == len && memcmp(conds[k].macro, s, len) == 0)
			break;
	if (k == sizeof(conds) / sizeof(conds[0]))
		return 0;
	skip_space(sc);
	if (sc->pos >= sc->len || sc->text[sc->pos] != '(' || !read_parens(sc, &raw))
		goto out;
	for (a = 0; a < raw.len && isspace((unsigned char)raw.buf[a]); a++)
		;
	for (b = a; b < raw.len && is_ident((unsigned char)raw.buf[b]); b++)
		;
	if (b == a)
		goto out;
	kabi_strbuf_printf(&entry, "%s%.*s", conds[k].prefix, (int)(b - a), raw.buf + a);
	if (!is_entry_name(entry.buf, entry.len))
		goto out;
	current_cond(sc, &cond);
	memset(&d, 0, sizeof(d));
	d.kind = KABI_SIG_COND;
	d.name = kabi_intern_len(sc->pool, raw.buf + a, b - a);
	d.entry = kabi_intern_str(sc->pool, entry.buf);
	d.args = d.norm = kabi_intern_len(sc->pool, "", 0);
	d.file = sc->path;
	d.line = line;
	d.cond = kabi_intern_str(sc->pool, kabi_strbuf_str(&cond));
	emit(sc, &d);
out:
	kabi_strbuf_free(&raw);
	kabi_strbuf_free(&entry);
	kabi_strbuf_free(&cond);
	return 1;
}

static void identifier(scanner *sc)
{
	const char *t = sc->text;
	size_t s = sc->pos, len;
	int line = sc->line, kind;
	size_t k;

	while (sc->pos < sc->len && is_ident((unsigned char)t[sc->pos]))
		sc->pos++;
	len = sc->pos - s;
	if (sc->depth != 0 || dead(sc)) {
		if (sc->npend)
			pending_resolve(sc, 0);
		return;
	}
	if ((kind = define_macro_kind(t + s, len))) {
		const char *c = "";

		macro_header(sc, line, &kind, &c, 1, 0);
		return;
	}
	if (len == 20 && memcmp(t + s, "COMPAT_SYSCALL_WRAP", 19) == 0 && t[s + 19] >= '1' &&
	    t[s + 19] <= '6') {
		/* s390's compat_wrapper.c (3.x-4.x): `COMPAT_SYSCALL_WRAP2(creat,
		 * const char __user *, pathname, umode_t, mode);` expands to a
		 * whole compat_sys_creat that sign-extends and calls sys_creat */
		static const int kinds[] = {KABI_SIG_COMPAT};
		static const char *const conds[] = {""};

		macro_header(sc, line, kinds, conds, 1, 1);
		return;
	}
	if (len == 17 && memcmp(t + s, "SYSCALL32_DEFINE", 16) == 0 && t[s + 16] >= '0' && t[s + 16] <= '6') {
		/* include/linux/syscalls.h: the compat entry with CONFIG_COMPAT */
		static const int kinds[] = {KABI_SIG_SYS, KABI_SIG_COMPAT};
		static const char *const conds[] = {"!defined(CONFIG_COMPAT)", "defined(CONFIG_COMPAT)"};

		macro_header(sc, line, kinds, conds, 2, 0);
		return;
	}
	if (len == 10 && memcmp(t + s, "asmlinkage", 10) == 0) {
		asmlinkage_header(sc, line);
		return;
	}
	if (cond_macro(sc, t + s, len, line))
		return;
	if (len == 6 && memcmp(t + s, "static", 6) == 0)
		sc->in_static = 1;
	if (is_entry_name(t + s, len) && !sc->in_static) {
		/* a plain C definition of an entry point: 2.6's x86_64 wrote
		 * `long sys_arch_prctl(int code, unsigned long addr)` */
		skip_space(sc);
		if (sc->pos < sc->len && sc->text[sc->pos] == '(') {
			function_header(sc, line, t + s, len, KABI_SIG_PLAIN);
			return;
		}
	}
	for (k = 0; k < sc->nal; k++)
		if (strlen(sc->al[k].name) == len && memcmp(sc->al[k].name, t + s, len) == 0)
			break;
	if (k < sc->nal) {
		int kinds[8];
		const char *conds[8];
		size_t nk = 0;

		for (; k < sc->nal && nk < 8; k++)
			if (strlen(sc->al[k].name) == len && memcmp(sc->al[k].name, t + s, len) == 0) {
				kinds[nk] = sc->al[k].kind;
				conds[nk++] = sc->al[k].cond;
			}
		macro_header(sc, line, kinds, conds, nk, 0);
		return;
	}
	if (sc->npend)
		pending_resolve(sc, 0);
}

int kabi_sig_scan_text(kabi_sigdef **out, size_t *n, const char *text, size_t len, const char *path,
		       kabi_intern *pool)
{
	scanner sc;
	int bol = 1;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	sc.text = text;
	sc.len = len;
	sc.line = 1;
	sc.pool = pool;
	sc.path = kabi_intern_str(pool, path ? path : "");
	while (sc.pos < sc.len) {
		char c = text[sc.pos];

		if (c == '\n') {
			sc.line++;
			sc.pos++;
			bol = 1;
			continue;
		}
		if (isspace((unsigned char)c)) {
			sc.pos++;
			continue;
		}
		if (at_comment(&sc)) {
			skip_comment(&sc);
			continue;
		}
		if (c == '#' && bol) {
			directive(&sc);
			continue;
		}
		bol = 0;
		if (c == '"' || c == '\'') {
			skip_literal(&sc);
			if (sc.npend)
				pending_resolve(&sc, 0);
			continue;
		}
		if (is_ident_start((unsigned char)c)) {
			identifier(&sc);
			continue;
		}
		if (isdigit((unsigned char)c)) {
			while (sc.pos < sc.len && is_ident((unsigned char)text[sc.pos]))
				sc.pos++;
			if (sc.npend)
				pending_resolve(&sc, 0);
			continue;
		}
		sc.pos++;
		if (dead(&sc))
			continue;
		if (c == '{' || c == '}' || c == ';')
			sc.in_static = 0; /* a declaration ended */
		if (c == '{') {
			if (sc.npend && sc.depth == 0)
				pending_resolve(&sc, 1);
			sc.depth++;
		} else if (c == '}') {
			if (sc.depth > 0)
				sc.depth--;
		} else if (sc.npend) {
			pending_resolve(&sc, 0);
		}
	}
	for (i = 0; i < sc.ncf; i++)
		frame_free(&sc.cf[i]);
	free(sc.cf);
	for (i = 0; i < sc.nal; i++) {
		free(sc.al[i].name);
		free(sc.al[i].cond);
	}
	free(sc.al);
	for (i = 0; i < sc.npm; i++) {
		free(sc.pm[i].name);
		free(sc.pm[i].param);
		free(sc.pm[i].body);
	}
	free(sc.pm);
	free(sc.pend);
	kabi_strbuf_free(&sc.tmp);
	*out = sc.out;
	*n = sc.nout;
	return 0;
}
