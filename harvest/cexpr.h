/*
 * cexpr.h - the one evaluator of conditions: C's #if expressions (the
 * preprocessor, the entry tables of the header era, the conditions the
 * signature scanner records) and Kconfig's `if` expressions.
 *
 * The caller says what an identifier is worth through callbacks, and may
 * answer "unknown": the evaluator is three-valued, as the signature
 * resolution needs it (a condition on an option the ABI does not fix).
 * Unknown spreads through arithmetic and comparisons; `0 && x` is 0 and
 * `1 || x` is 1 whatever x is.  Without unknown answers it is C's integer
 * constant expression evaluator: long long with C's usual conversions to
 * unsigned, `defined X` and `defined(X)`, `?:`, `,` inside parentheses,
 * character constants, and division by zero an error only where it is
 * evaluated.
 *
 * Takes tokens (the preprocessor's, after macro expansion) or text.
 */
#ifndef KABI_CEXPR_H
#define KABI_CEXPR_H

#include <stddef.h>

typedef struct {
	long long v;           /* the bit pattern when u */
	unsigned char u;       /* unsigned */
	unsigned char unknown; /* not known; v is then 0 */
} kabi_cexpr_val;

/* One token: a preprocessing number, identifier, string or character
 * constant, or punctuator, spelled s[0..len). */
typedef struct {
	const char *s;
	size_t len;
} kabi_cexpr_tok;

/*
 * The value of an identifier left in the expression (`ident`), or of the
 * operand of `defined` (`defined`).  Fill *out (zeroed before the call) and
 * return 0, or return a negative code with the error text set to abort.
 */
typedef int (*kabi_cexpr_name_fn)(void *ctx, const char *name, size_t len, kabi_cexpr_val *out);

enum {
	/* Kconfig's syntax: every word is a symbol given to `ident` (64BIT,
	 * y, n), `=` compares like `==`, strings are unknown, no `defined`,
	 * no arithmetic. */
	KABI_CEXPR_KCONFIG = 1 << 0,
	/* The kernel's IS_ENABLED(X), IS_BUILTIN(X), IS_REACHABLE(X) are read
	 * like defined(X). */
	KABI_CEXPR_CONFIG_MACROS = 1 << 1
};

typedef struct {
	kabi_cexpr_name_fn ident;   /* NULL: every identifier is 0, as in #if */
	kabi_cexpr_name_fn defined; /* NULL: `defined X` is unknown */
	void *ctx;
	unsigned flags; /* KABI_CEXPR_* */
} kabi_cexpr_ops;

#define KABI_CEXPR_OPS_INIT                                                                                  \
	{                                                                                                    \
		NULL, NULL, NULL, 0                                                                          \
	}

/*
 * Evaluates the n tokens t as one expression.  KABI_EINVALID, with the
 * reason in kabi_error_last() (no location: the caller adds its own), when
 * they are not one: a missing operand or ')', a token left over, a bad
 * number, a string, `defined` without an identifier, division by zero,
 * nesting deeper than 200.
 */
int kabi_cexpr_eval(kabi_cexpr_val *out, const kabi_cexpr_tok *t, size_t n, const kabi_cexpr_ops *ops);

/* The same on text, split into tokens first (C's, or Kconfig's with
 * KABI_CEXPR_KCONFIG). */
int kabi_cexpr_eval_text(kabi_cexpr_val *out, const char *text, size_t len, const kabi_cexpr_ops *ops);

/* 1 true, 0 false, -1 unknown or not an expression: what callers that
 * only branch on a condition want. */
int kabi_cexpr_truth(const char *text, size_t len, const kabi_cexpr_ops *ops);

#endif
