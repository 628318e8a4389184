/*
 * The condition evaluator (harvest/cexpr.c) on its own: C's #if arithmetic,
 * the three-valued answers the signature resolution relies on, Kconfig's
 * syntax, and input that is not an expression.
 */
#include <stdio.h>
#include <string.h>

#include "cexpr.h"
#include "error.h"
#include "tap.h"

/* Names: A = 1, Z = 0, N = 7, anything else unknown; defined(X) is known
 * for A and Z only. */
static int names(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	(void)ctx;
	if (len == 1 && (name[0] == 'A' || name[0] == 'y'))
		out->v = 1;
	else if (len == 1 && (name[0] == 'Z' || name[0] == 'n'))
		out->v = 0;
	else if (len == 1 && name[0] == 'N')
		out->v = 7;
	else if (len == 4 && memcmp(name, "FAIL", 4) == 0)
		return kabi_error_set(KABI_EIO, "the callback refused FAIL");
	else
		out->unknown = 1;
	return 0;
}

static int defined(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	(void)ctx;
	if (len == 1 && (name[0] == 'A' || name[0] == 'Z'))
		out->v = name[0] == 'A';
	else
		out->unknown = 1;
	return 0;
}

static const kabi_cexpr_ops c_ops = {names, defined, NULL, 0};
static const kabi_cexpr_ops macro_ops = {names, defined, NULL, KABI_CEXPR_CONFIG_MACROS};
static const kabi_cexpr_ops k_ops = {names, NULL, NULL, KABI_CEXPR_KCONFIG};

/* "7", "u" (unknown), "7u" (unsigned), or "error: <message>". */
static const char *ev(const char *text, const kabi_cexpr_ops *ops)
{
	static char buf[512];
	kabi_cexpr_val v;

	if (kabi_cexpr_eval_text(&v, text, strlen(text), ops) < 0) {
		snprintf(buf, sizeof(buf), "error: %s", kabi_error_last());
		return buf;
	}
	if (v.unknown)
		return "u";
	snprintf(buf, sizeof(buf), "%lld%s", v.v, v.u ? "u" : "");
	return buf;
}

static void c_arithmetic(void)
{
	/* the defaults: every identifier 0, defined unknown */
	EQ_STR(ev("1 + 2 * 3", NULL), "7");
	EQ_STR(ev("(1 + 2) * 3", NULL), "9");
	EQ_STR(ev("1 << 4 | 1", NULL), "17");
	EQ_STR(ev("-1 < 0u", NULL), "0"); /* -1 converted to unsigned */
	EQ_STR(ev("0xffffffffffffffff", NULL), "-1u");
	EQ_STR(ev("'A' + 1", NULL), "66");
	EQ_STR(ev("undefined_name + 3", NULL), "3");
	EQ_STR(ev("1 ? 2 : 3", NULL), "2");
	EQ_STR(ev("(1, 2)", NULL), "2");
	EQ_STR(ev("0 && 1 / 0", NULL), "0"); /* not evaluated: no error */
	EQ_STR(ev("1 || 1 % 0", NULL), "1");
	EQ_STR(ev("defined(X)", NULL), "u");
	/* precedence: && over ||, comparison over &&, ! binds tightest */
	EQ_STR(ev("1 || 0 && 0", NULL), "1");
	EQ_STR(ev("!0 == 1", NULL), "1");
	EQ_STR(ev("2 > 1 == 1", NULL), "1");
	EQ_STR(ev("1 - 2 - 3", NULL), "-4");
	EQ_STR(ev("((((1))))", NULL), "1");
}

static void three_valued(void)
{
	EQ_STR(ev("A", &c_ops), "1");
	EQ_STR(ev("N * 2", &c_ops), "14");
	EQ_STR(ev("X", &c_ops), "u");
	EQ_STR(ev("!X", &c_ops), "u");
	EQ_STR(ev("X + 1", &c_ops), "u");
	EQ_STR(ev("X == X", &c_ops), "u");
	EQ_STR(ev("X && Z", &c_ops), "0"); /* a known false side decides */
	EQ_STR(ev("Z && X", &c_ops), "0");
	EQ_STR(ev("X || A", &c_ops), "1");
	EQ_STR(ev("A || X", &c_ops), "1");
	EQ_STR(ev("X && A", &c_ops), "u");
	EQ_STR(ev("X || Z", &c_ops), "u");
	EQ_STR(ev("X ? 1 : 2", &c_ops), "u");
	EQ_STR(ev("X ? 1 / 0 : 2", &c_ops), "error: division by zero in #if"); /* either side may run */
	EQ_STR(ev("defined(A) && !defined Z", &c_ops), "1");
	EQ_STR(ev("defined(X) || defined(A)", &c_ops), "1");
	EQ_STR(ev("defined(X) && defined(A)", &c_ops), "u");
	EQ_STR(ev("(X || A) && (Z || X)", &c_ops), "u");
	EQ_STR(ev("(X || A) && !(Z && X)", &c_ops), "1");
	/* IS_ENABLED() is a call unless the kernel's macros are asked for */
	EQ_STR(ev("IS_ENABLED(A)", &macro_ops), "1");
	EQ_STR(ev("IS_BUILTIN(Z) || IS_REACHABLE(X)", &macro_ops), "u");
	OK(strncmp(ev("IS_ENABLED(A)", &c_ops), "error: ", 7) == 0, "IS_ENABLED(A) without the flag: %s",
	   ev("IS_ENABLED(A)", &c_ops));
	/* a callback's error stops the evaluation */
	EQ_STR(ev("A && FAIL", &c_ops), "error: the callback refused FAIL");
}

static void kconfig_syntax(void)
{
	EQ_STR(ev("A && !Z", &k_ops), "1");
	EQ_STR(ev("A = y", &k_ops), "1");
	EQ_STR(ev("Z = y", &k_ops), "0");
	EQ_STR(ev("A != n", &k_ops), "1");
	EQ_STR(ev("X != n", &k_ops), "u");
	EQ_STR(ev("64BIT", &k_ops), "u"); /* a symbol, not a number */
	EQ_STR(ev("A = \"string\"", &k_ops), "u");
	EQ_STR(ev("defined", &k_ops), "u"); /* no `defined` in Kconfig */
	OK(strncmp(ev("A + 1", &k_ops), "error: ", 7) == 0, "no arithmetic in Kconfig");
	EQ_STR(ev("(A || X) && (Z || A)", &k_ops), "1");
}

static void malformed(void)
{
	static const char *const bad[] = {
		"",          "1 +",
		"(1",        "1 2",
		"1 ? 2",     "defined",
		"defined(",  "defined(A",
		"defined 1", "1.5",
		"099",       "0x",
		"\"s\"",     "1 / 0",
		"a = 1",     "@",
		")",         "1 )",
		"f(1)",      "~",
		"1 <<",      "0x1ffffffffffffffff",
	};
	char deep[1024];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *r = ev(bad[i], &c_ops);

		OK(strncmp(r, "error: ", 7) == 0 && strlen(r) > 7, "'%s' is refused with a message: %s",
		   bad[i], r);
	}
	EQ_STR(ev("", NULL), "error: #if with no expression");
	EQ_STR(ev("(1", NULL), "error: missing ')' in #if expression");
	EQ_STR(ev("1 2", NULL), "error: missing binary operator before '2' in #if");
	EQ_STR(ev("1 +", NULL), "error: #if expression ends early");
	EQ_STR(ev("defined(A", &c_ops), "error: operator \"defined\" requires an identifier");
	/* nesting is bounded, not a stack overflow */
	memset(deep, '(', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	EQ_STR(ev(deep, NULL), "error: #if expression nested too deeply");
	memset(deep, '!', sizeof(deep) - 2);
	deep[sizeof(deep) - 2] = '1';
	EQ_STR(ev(deep, NULL), "error: #if expression nested too deeply");
	/* a long expression (past the 64 tokens kept on the stack) is read whole */
	{
		char sum[400] = "1";
		int k;

		for (k = 1; k < 130; k++)
			strcat(sum, "+1");
		EQ_STR(ev(sum, NULL), "130");
		strcat(sum, "+");
		EQ_STR(ev(sum, NULL), "error: #if expression ends early");
	}
	/* truth: errors and unknown are -1 */
	EQ_INT(kabi_cexpr_truth("1 +", 3, NULL), -1);
	EQ_INT(kabi_cexpr_truth("X", 1, &c_ops), -1);
	EQ_INT(kabi_cexpr_truth("A", 1, &c_ops), 1);
	EQ_INT(kabi_cexpr_truth("Z", 1, &c_ops), 0);
}

static void tokens(void)
{
	/* the preprocessor's way in: tokens already split */
	const kabi_cexpr_tok t[] = {{"defined", 7}, {"(", 1}, {"A", 1}, {")", 1},
				    {"&&", 2},      {"N", 1}, {">", 1}, {"6", 1}};
	kabi_cexpr_val v;

	EQ_INT(kabi_cexpr_eval(&v, t, sizeof(t) / sizeof(t[0]), &c_ops), 0);
	EQ_INT(v.v, 1);
	EQ_INT(v.unknown, 0);
	EQ_INT(kabi_cexpr_eval(&v, t, 3, &c_ops), KABI_EINVALID); /* "defined ( A" */
	EQ_INT(kabi_cexpr_eval(&v, t, 0, &c_ops), KABI_EINVALID);
}

int main(void)
{
	c_arithmetic();
	three_valued();
	kconfig_syntax();
	malformed();
	tokens();
	return tap_done();
}
