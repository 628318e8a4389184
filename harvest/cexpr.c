/*
 * cexpr.c - the evaluator of #if and Kconfig `if` expressions (see cexpr.h).
 *
 * Precedence climbing over a token array.  `live` is 0 on the side of
 * && || ?: that C does not evaluate (a division by zero there is no
 * error), `unknown` travels in the value.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "error.h"

#define MAX_NEST 200 /* nested parentheses and unary operators */

typedef kabi_cexpr_val val;

typedef struct {
	const kabi_cexpr_tok *t;
	size_t n, i;
	const kabi_cexpr_ops *ops;
	int depth;
} ev;

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

static int fail(const char *fmt, const kabi_cexpr_tok *t)
{
	if (t)
		return kabi_error_set(KABI_EINVALID, fmt, (int)t->len, t->s);
	return kabi_error_set(KABI_EINVALID, "%s", fmt);
}

static const kabi_cexpr_tok *cur(const ev *e)
{
	return e->i < e->n ? &e->t[e->i] : NULL;
}

static int tok_is(const kabi_cexpr_tok *t, const char *s)
{
	return t && t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

static int kconfig(const ev *e)
{
	return (e->ops->flags & KABI_CEXPR_KCONFIG) != 0;
}

static int is_word(const ev *e, const kabi_cexpr_tok *t)
{
	return t && t->len && (is_ident_start(t->s[0]) || (kconfig(e) && is_digit(t->s[0])));
}

static int parse_number(const kabi_cexpr_tok *t, val *out)
{
	const char *s = t->s, *end = t->s + t->len;
	unsigned long long v = 0;
	unsigned base = 10, nd = 0, nu = 0, nl = 0;

	if (t->len > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	else if (t->len > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, s += 2;
	else if (s[0] == '0')
		base = 8;
	for (; s < end; s++, nd++) {
		unsigned d;

		if (is_digit(*s))
			d = (unsigned)(*s - '0');
		else if (base == 16 && ((*s | 32) >= 'a' && (*s | 32) <= 'f'))
			d = (unsigned)((*s | 32) - 'a' + 10);
		else
			break;
		if (d >= base)
			return fail("invalid digit in integer constant '%.*s'", t);
		if (v > (ULLONG_MAX - d) / base)
			return fail("integer constant '%.*s' is too large", t);
		v = v * base + d;
	}
	for (; s < end; s++) {
		if (*s == 'u' || *s == 'U')
			nu++;
		else if (*s == 'l' || *s == 'L')
			nl++;
		else
			break;
	}
	if (s != end || !nd || nu > 1 || nl > 2)
		return fail("invalid integer constant '%.*s' in #if", t);
	out->u = nu || v > LLONG_MAX;
	out->v = (long long)v;
	return 0;
}

static int parse_char(const kabi_cexpr_tok *t, val *out)
{
	const char *s = t->s + 1, *e = t->s + t->len - 1;
	long long v = 0;
	int nchars = 0;

	if (t->s[0] != '\'' || t->len < 3 || *e != '\'')
		return fail("string literal in #if", NULL);
	while (s < e) {
		long long c = (unsigned char)*s++;

		if (c == '\\' && s < e) {
			const char *esc = "n\nt\tr\rv\vf\fa\ab\b0\0";

			c = (unsigned char)*s++;
			if (c == 'x') {
				for (c = 0; s < e && strchr("0123456789abcdefABCDEF", *s); s++)
					c = (c * 16 + (is_digit(*s) ? *s - '0' : (*s | 32) - 'a' + 10)) &
					    0xff;
			} else if (c >= '0' && c <= '7') {
				c -= '0';
				for (int k = 0; k < 2 && s < e && *s >= '0' && *s <= '7'; k++)
					c = (c * 8 + *s++ - '0') & 0xff;
			} else {
				for (; *esc; esc += 2)
					if (*esc == c) {
						c = esc[1];
						break;
					}
			}
		}
		v = (long long)(((unsigned long long)v << 8) | (unsigned long long)(c & 0xff));
		nchars++;
	}
	out->v = nchars == 1 ? (signed char)v : v; /* plain char is signed on the ABIs gcc targets here */
	out->u = 0;
	return 0;
}

/* Asks a callback about a name; NULL callbacks give `dflt`. */
static int name_value(kabi_cexpr_name_fn fn, void *ctx, const kabi_cexpr_tok *t, int unknown, val *out)
{
	memset(out, 0, sizeof(*out));
	if (!fn) {
		out->unknown = (unsigned char)unknown;
		return 0;
	}
	if (fn(ctx, t->s, t->len, out) < 0)
		return KABI_EINVALID;
	if (out->unknown)
		out->v = 0, out->u = 0;
	return 0;
}

/* Is the word an operator that takes one name, like `defined`? */
static int is_defined_op(const ev *e, const kabi_cexpr_tok *t)
{
	if (kconfig(e))
		return 0;
	if (tok_is(t, "defined"))
		return 1;
	return (e->ops->flags & KABI_CEXPR_CONFIG_MACROS) &&
	       (tok_is(t, "IS_ENABLED") || tok_is(t, "IS_BUILTIN") || tok_is(t, "IS_REACHABLE"));
}

/* `defined X` / `defined(X)` at the current token. */
static int eval_defined(ev *e, val *out)
{
	const kabi_cexpr_tok *name;
	int paren;

	e->i++;
	paren = tok_is(cur(e), "(");
	if (paren)
		e->i++;
	name = cur(e);
	if (!is_word(e, name) || (paren && (e->i + 1 >= e->n || !tok_is(&e->t[e->i + 1], ")"))))
		return fail("operator \"defined\" requires an identifier", NULL);
	e->i += paren ? 2 : 1;
	return name_value(e->ops->defined, e->ops->ctx, name, 1, out);
}

static int ev_cond(ev *e, int live, val *out);

static int ev_unary(ev *e, int live, val *out)
{
	const kabi_cexpr_tok *t = cur(e);
	int err;

	memset(out, 0, sizeof(*out));
	if (!t)
		return fail("#if expression ends early", NULL);
	if (++e->depth > MAX_NEST)
		return fail("#if expression nested too deeply", NULL);
	if (tok_is(t, "!") || (!kconfig(e) && (tok_is(t, "+") || tok_is(t, "-") || tok_is(t, "~")))) {
		e->i++;
		if ((err = ev_unary(e, live, out)))
			return err;
		if (t->s[0] == '-')
			out->v = (long long)(0ull - (unsigned long long)out->v);
		else if (t->s[0] == '~')
			out->v = ~out->v;
		else if (t->s[0] == '!')
			out->v = !out->v, out->u = 0;
		if (out->unknown)
			out->v = 0, out->u = 0;
	} else if (tok_is(t, "(")) {
		e->i++;
		if ((err = ev_cond(e, live, out)))
			return err;
		while (!kconfig(e) && tok_is(cur(e), ",")) { /* comma operator */
			e->i++;
			if ((err = ev_cond(e, live, out)))
				return err;
		}
		if (!tok_is(cur(e), ")"))
			return fail("missing ')' in #if expression", NULL);
		e->i++;
	} else if (is_defined_op(e, t)) {
		if ((err = eval_defined(e, out)))
			return err;
		if (!out->unknown)
			out->v = out->v != 0, out->u = 0;
	} else if (is_word(e, t)) {
		e->i++;
		if ((err = name_value(e->ops->ident, e->ops->ctx, t, 0, out)))
			return err;
	} else if (t->len && !kconfig(e) && (is_digit(t->s[0]) || t->s[0] == '.')) {
		if ((err = parse_number(t, out)))
			return err;
		e->i++;
	} else if (t->len && t->s[0] == '"' && kconfig(e)) {
		memset(out, 0, sizeof(*out)); /* a string value: not one kabi knows */
		out->unknown = 1;
		e->i++;
	} else if (t->len && (t->s[0] == '\'' || t->s[0] == '"')) {
		if ((err = parse_char(t, out)))
			return err;
		e->i++;
	} else {
		return fail("token '%.*s' is not valid in #if", t);
	}
	e->depth--;
	return 0;
}

static int binprec(const ev *e, const kabi_cexpr_tok *t)
{
	static const struct {
		const char *op;
		int prec;
	} ops[] = {{"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4},  {"&", 5},  {"==", 6},
		   {"!=", 6}, {"<", 7},  {">", 7}, {"<=", 7}, {">=", 7}, {"<<", 8},
		   {">>", 8}, {"+", 9},  {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10}};
	size_t i;

	if (!t)
		return 0;
	if (kconfig(e)) {
		if (tok_is(t, "="))
			return 6;
		if (!tok_is(t, "||") && !tok_is(t, "&&") && !tok_is(t, "!=") && !tok_is(t, "<") &&
		    !tok_is(t, ">") && !tok_is(t, "<=") && !tok_is(t, ">="))
			return 0;
	}
	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (tok_is(t, ops[i].op))
			return ops[i].prec;
	return 0;
}

/* Apply binary operator `op` (spelling) with C's usual conversions. */
static int apply(const char *op, int live, val a, val b, val *out)
{
	unsigned long long x = (unsigned long long)a.v, y = (unsigned long long)b.v, r = 0;
	int u = a.u || b.u;

	memset(out, 0, sizeof(*out));
	if (a.unknown || b.unknown) {
		out->unknown = 1;
		return 0;
	}
	if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
		long long n = b.v;
		int left = op[0] == '<';

		if (b.u && (unsigned long long)b.v >= 64)
			n = 64;
		if (n < 0) { /* gcc shifts the other way */
			n = n < -63 ? 64 : -n;
			left = !left;
		}
		if (n >= 64)
			r = (!left && !a.u && a.v < 0) ? ~0ull : 0;
		else if (left)
			r = x << n;
		else
			r = a.u ? x >> n : (unsigned long long)(a.v >> n);
		out->v = (long long)r;
		out->u = a.u;
		return 0;
	}
	if (op[0] == '/' || op[0] == '%') {
		if (y == 0) {
			if (live)
				return fail("division by zero in #if", NULL);
			r = 0;
		} else if (u) {
			r = op[0] == '/' ? x / y : x % y;
		} else if (a.v == LLONG_MIN && b.v == -1) {
			r = op[0] == '/' ? x : 0;
		} else {
			r = (unsigned long long)(op[0] == '/' ? a.v / b.v : a.v % b.v);
		}
	} else if (!strcmp(op, "*")) {
		r = x * y;
	} else if (!strcmp(op, "+")) {
		r = x + y;
	} else if (!strcmp(op, "-")) {
		r = x - y;
	} else if (!strcmp(op, "&")) {
		r = x & y;
	} else if (!strcmp(op, "|")) {
		r = x | y;
	} else if (!strcmp(op, "^")) {
		r = x ^ y;
	} else {
		int c;

		if (!strcmp(op, "==") || !strcmp(op, "!=") || !strcmp(op, "="))
			c = (x == y) == (op[0] == '=');
		else if (op[0] == '<')
			c = u ? (op[1] ? x <= y : x < y) : (op[1] ? a.v <= b.v : a.v < b.v);
		else
			c = u ? (op[1] ? x >= y : x > y) : (op[1] ? a.v >= b.v : a.v > b.v);
		out->v = c;
		return 0;
	}
	out->v = (long long)r;
	out->u = (unsigned char)u;
	return 0;
}

/* && and ||: a known deciding side decides, else unknown spreads. */
static void logic(int is_or, val a, val b, val *out)
{
	int ka = !a.unknown, kb = !b.unknown, ta = a.v != 0, tb = b.v != 0;

	memset(out, 0, sizeof(*out));
	if (is_or) {
		if ((ka && ta) || (kb && tb))
			out->v = 1;
		else if (!ka || !kb)
			out->unknown = 1;
	} else {
		if ((ka && !ta) || (kb && !tb))
			out->v = 0;
		else if (!ka || !kb)
			out->unknown = 1;
		else
			out->v = 1;
	}
}

static int ev_binary(ev *e, int minprec, int live, val *out)
{
	int err, p;

	if ((err = ev_unary(e, live, out)))
		return err;
	while ((p = binprec(e, cur(e))) && p >= minprec) {
		char op[3] = {0};
		val rhs;

		memcpy(op, cur(e)->s, cur(e)->len);
		e->i++;
		if (p <= 2) {
			/* the right side is evaluated unless the left decides */
			int decides = !out->unknown && (p == 1 ? out->v != 0 : out->v == 0);

			if ((err = ev_binary(e, p + 1, live && !decides, &rhs)))
				return err;
			logic(p == 1, *out, rhs, out);
			continue;
		}
		if ((err = ev_binary(e, p + 1, live, &rhs)) || (err = apply(op, live, *out, rhs, out)))
			return err;
	}
	return 0;
}

static int ev_cond(ev *e, int live, val *out)
{
	val a, b;
	int err, c;

	if ((err = ev_binary(e, 1, live, out)))
		return err;
	if (kconfig(e) || !tok_is(cur(e), "?"))
		return 0;
	if (++e->depth > MAX_NEST)
		return fail("#if expression nested too deeply", NULL);
	c = out->v != 0;
	e->i++;
	if ((err = ev_cond(e, live && (out->unknown || c), &a)))
		return err;
	if (!tok_is(cur(e), ":"))
		return fail("'?' without ':' in #if", NULL);
	e->i++;
	if ((err = ev_cond(e, live && (out->unknown || !c), &b)))
		return err;
	if (out->unknown) {
		memset(out, 0, sizeof(*out));
		out->unknown = 1;
	} else {
		*out = c ? a : b;
		out->u = a.u || b.u;
	}
	e->depth--;
	return 0;
}

int kabi_cexpr_eval(kabi_cexpr_val *out, const kabi_cexpr_tok *t, size_t n, const kabi_cexpr_ops *ops)
{
	static const kabi_cexpr_ops none = KABI_CEXPR_OPS_INIT;
	ev e = {t, n, 0, ops ? ops : &none, 0};
	int err;

	memset(out, 0, sizeof(*out));
	if (!n)
		return fail("#if with no expression", NULL);
	if ((err = ev_cond(&e, 1, out)))
		return err;
	if (e.i < n)
		return fail("missing binary operator before '%.*s' in #if", &t[e.i]);
	return 0;
}

/* ---- text ---- */

static const char *const punct3[] = {"...", "<<=", ">>="};
static const char *const punct2[] = {"##", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "->",
				     "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="};

/* One token of s[*pos..n) (C's preprocessing tokens, or Kconfig's words);
 * 0 when only whitespace is left. */
static int lex_one(const char *s, size_t n, size_t *pos, kabi_cexpr_tok *t, int kconfig_words)
{
	size_t i = *pos, j, k;
	char c;

	while (i < n &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\v' || s[i] == '\f'))
		i++;
	if (i >= n) {
		*pos = i;
		return 0;
	}
	t->s = s + i;
	c = s[i];
	j = i + 1;
	if (is_ident_start(c) || (kconfig_words && is_digit(c))) {
		while (j < n && is_ident_char(s[j]))
			j++;
	} else if (is_digit(c) || (c == '.' && j < n && is_digit(s[j]))) {
		while (j < n) {
			if ((s[j] == '+' || s[j] == '-') && strchr("eEpP", s[j - 1]))
				j++;
			else if (is_ident_char(s[j]) || s[j] == '.')
				j++;
			else
				break;
		}
	} else if (c == '"' || c == '\'') {
		while (j < n && s[j] != c) {
			if (s[j] == '\\' && j + 1 < n)
				j++;
			j++;
		}
		if (j < n)
			j++;
	} else {
		for (k = 0; k < sizeof(punct3) / sizeof(*punct3); k++)
			if (n - i >= 3 && !memcmp(s + i, punct3[k], 3))
				j = i + 3;
		for (k = 0; j == i + 1 && k < sizeof(punct2) / sizeof(*punct2); k++)
			if (n - i >= 2 && !memcmp(s + i, punct2[k], 2))
				j = i + 2;
	}
	t->len = j - i;
	*pos = j;
	return 1;
}

int kabi_cexpr_eval_text(kabi_cexpr_val *out, const char *text, size_t len, const kabi_cexpr_ops *ops)
{
	/* Most expressions fit on the stack; a longer one moves to the heap. */
	kabi_cexpr_tok stack[64], *heap = NULL, tok;
	size_t n = 0, alloc = 0, pos = 0, nstack = sizeof(stack) / sizeof(stack[0]);
	int err, kw = ops && (ops->flags & KABI_CEXPR_KCONFIG);

	while (lex_one(text, len, &pos, &tok, kw)) {
		if (n < nstack) {
			stack[n++] = tok;
			continue;
		}
		KABI_ARRAY_GROW(heap, n + 1, alloc);
		if (n == nstack)
			memcpy(heap, stack, sizeof(stack));
		heap[n++] = tok;
	}
	err = kabi_cexpr_eval(out, heap ? heap : stack, n, ops);
	free(heap);
	return err;
}

int kabi_cexpr_truth(const char *text, size_t len, const kabi_cexpr_ops *ops)
{
	kabi_cexpr_val v;

	if (kabi_cexpr_eval_text(&v, text, len, ops) < 0 || v.unknown)
		return -1;
	return v.v != 0;
}
