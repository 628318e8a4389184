/*
 * test_cpp.c - the kernel-header preprocessor (harvest/cpp.c).
 *
 * Inputs are written in the shapes of the real unistd headers.  The last part
 * reads the real asm-generic table from a Linux 6.1 tree (env KABI_LINUX_6_1,
 * else /tmp/debs/linux-source-6.1, else skipped) and, when a system `cpp` is
 * installed, checks every __NR_ value and __SYSCALL line against it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpp.h"
#include "error.h"
#include "strbuf.h"
#include "tap.h"

/* ---- helpers ---- */

/* An in-memory include tree: name -> text. */
typedef struct {
	const char *name, *text;
} memfile;

static int mem_include(void *ctx, const char *name, int angled, const char *from, char **text, size_t *len,
		       char **path)
{
	const memfile *f;

	(void)angled;
	(void)from;
	for (f = ctx; f->name; f++) {
		if (strcmp(f->name, name))
			continue;
		*text = strdup(f->text);
		*len = strlen(f->text);
		*path = strdup(f->name);
		return 0;
	}
	return KABI_ENOTFOUND;
}

/* Output lines as "line: text\n". */
static int collect(void *ctx, const char *text, const char *file, int line)
{
	(void)file;
	kabi_strbuf_printf(ctx, "%d: %s\n", line, text);
	return 0;
}

/* Output lines only, newline-separated. */
static int collect_text(void *ctx, const char *text, const char *file, int line)
{
	(void)file;
	(void)line;
	kabi_strbuf_printf(ctx, "%s\n", text);
	return 0;
}

/* Missing includes as "name@file:line;". */
static int count_macro_missing(void *ctx, const char *name, const char *from, int line)
{
	kabi_strbuf_printf(ctx, "%s@%s:%d;", name, from, line);
	return 0;
}

static kabi_cpp *new_cpp(void)
{
	kabi_cpp *cpp = NULL;
	OK(kabi_cpp_new(&cpp) == 0 && cpp, "kabi_cpp_new");
	return cpp;
}

/* Run `text` and return its output lines (text only); NULL on error. */
static char *run(kabi_cpp *cpp, const char *text)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	if (kabi_cpp_run(cpp, "t.h", text, strlen(text), collect_text, &sb)) {
		kabi_strbuf_free(&sb);
		return NULL;
	}
	return kabi_strbuf_detach(&sb);
}

static long long eval(kabi_cpp *cpp, const char *expr)
{
	long long v = -999999;
	int r = kabi_cpp_eval(cpp, expr, &v);
	OK(r == 0, "eval '%s': %s", expr, r ? kabi_error_last() : "");
	return v;
}

static char *expand(kabi_cpp *cpp, const char *text)
{
	char *out = NULL;
	int r = kabi_cpp_expand(cpp, text, &out);
	OK(r == 0, "expand '%s': %s", text, r ? kabi_error_last() : "");
	return out;
}

#define EXPANDS(cpp, text, want)                                                                             \
	do {                                                                                                 \
		char *got_ = expand(cpp, text);                                                              \
		EQ_STR(got_, want);                                                                          \
		free(got_);                                                                                  \
	} while (0)

#define RUNS(cpp, text, want)                                                                                \
	do {                                                                                                 \
		char *got_ = run(cpp, text);                                                                 \
		OK(got_ != NULL, "run failed: %s", kabi_error_last());                                       \
		EQ_STR(got_, want);                                                                          \
		free(got_);                                                                                  \
	} while (0)

/* Run must fail, with `want` in the message. */
static void fails(const char *text, const char *want)
{
	kabi_cpp *cpp = new_cpp();
	char *out = run(cpp, text);
	OK(out == NULL, "expected failure for <<%s>>", text);
	OK(out || strstr(kabi_error_last(), want), "error '%s' lacks '%s'", kabi_error_last(), want);
	free(out);
	kabi_cpp_free(cpp);
}

/* ---- conditionals ---- */

static void test_conditionals(void)
{
	kabi_cpp *cpp = new_cpp();

	RUNS(cpp,
	     "#define A 1\n"
	     "#if A\n"
	     "#  ifdef B\n"
	     "no1\n"
	     "#  elif A == 2\n"
	     "no2\n"
	     "#  elif defined A && !defined(B)\n"
	     "yes1\n"
	     "#  else\n"
	     "no3\n"
	     "#  endif\n"
	     "#else\n"
	     "#  if 1\n"
	     "no4\n"
	     "#  else\n"
	     "no5\n"
	     "#  endif\n"
	     "#endif\n"
	     "#ifndef B\n"
	     "yes2\n"
	     "#endif\n",
	     "yes1\nyes2\n");

	/* #if 0 blocks hide #defines, #undefs and garbage, but nest. */
	RUNS(cpp,
	     "#define __NR_SYSCALL_BASE 0x900000\n"
	     "#define __NR_exit (__NR_SYSCALL_BASE+  1)\n"
	     "\t\t\t\t\t/* 7 was sys_waitpid */\n"
	     "#if 0 /* reserve these for un-muxing socketcall */\n"
	     "#define __NR_socket (__NR_SYSCALL_BASE+281)\n"
	     "#undef __NR_exit\n"
	     "#if garbage ((( 1/0\n"
	     "#define __NR_x 1\n"
	     "#endif\n"
	     "#error not reached\n"
	     "#else\n"
	     "#define __NR_bind (__NR_SYSCALL_BASE+282)\n"
	     "#endif\n",
	     "");
	OK(!kabi_cpp_is_defined(cpp, "__NR_socket"), "#if 0 define is skipped");
	OK(!kabi_cpp_is_defined(cpp, "__NR_x"), "nested #if in #if 0 is skipped");
	EQ_INT(eval(cpp, "__NR_exit"), 0x900001);
	EQ_INT(eval(cpp, "__NR_bind"), 0x900000 + 282);

	/* #elif chains: the first true branch only; #elif after a taken branch is not evaluated. */
	RUNS(cpp,
	     "#define V 3\n"
	     "#if V == 1\none\n#elif V == 2\ntwo\n#elif V == 3\nthree\n#elif 1/0\nbad\n#else\nelse\n#endif\n"
	     "#if V == 9\n#elif V == 8\n#else\nelse2\n#endif\n"
	     "#ifdef NOPE\n#elifdef V\nelifdef\n#endif\n"
	     "#ifdef NOPE\n#elifndef NOPE\nelifndef\n#endif\n",
	     "three\nelse2\nelifdef\nelifndef\n");

	/* Ignored directives. */
	RUNS(cpp,
	     "#pragma GCC poison foo\n#warning careful\n#line 100 \"x.c\"\n# 12 \"y.h\" 2\n"
	     "#ident \"x\"\n#\n#sccs whatever\nline\n",
	     "line\n");
	kabi_cpp_free(cpp);

	fails("#if 1\n#define X 1\n", "t.h:1: unterminated #if");
	fails("x\n\n#ifdef X\n#if 0\n#endif\n", "t.h:3: unterminated #if");
	fails("#endif\n", "t.h:1: #endif without #if");
	fails("#else\n", "#else without #if");
	fails("#if 1\n#else\n#else\n#endif\n", "t.h:3: #else after #else");
	fails("#if 1\n#else\n#elif 1\n#endif\n", "#elif after #else");
	fails("#if\n#endif\n", "#if with no expression");
	fails("#if 1 +\n#endif\n", "t.h:1:");
	fails("#if 1/0\n#endif\n", "division by zero");
	fails("#if (1\n#endif\n", "missing ')'");
	fails("#if 1 2\n#endif\n", "missing binary operator");
	fails("#ifdef\n#endif\n", "no macro name");
	fails("#if 1.5\n#endif\n", "invalid integer constant");
	fails("#if 099\n#endif\n", "invalid digit");
	fails("#if 0x1ffffffffffffffff\n#endif\n", "too large");
	fails("#if \"s\"\n#endif\n", "string literal");
	fails("#if defined\n#endif\n", "requires an identifier");
	fails("#if defined(X\n#endif\n", "requires an identifier");
}

/* ---- expressions ---- */

static void test_expressions(void)
{
	static const struct {
		const char *expr;
		long long want;
	} cases[] = {
		{"1 + 2 * 3", 7},
		{"(1 + 2) * 3", 9},
		{"10 / 3", 3},
		{"-10 / 3", -3},
		{"-10 % 3", -1},
		{"1 << 4", 16},
		{"-16 >> 2", -4},
		{"0x10 | 010 | 0b1", 16 | 8 | 1},
		{"0xffUL", 255},
		{"10ull + 1LL + 2lu + 3Lu", 16},
		{"~0", -1},
		{"!0 + !5", 1},
		{"-(-3)", 3},
		{"+4", 4},
		{"1 ? 2 : 3", 2},
		{"0 ? 2 : 0 ? 3 : 4", 4},
		{"1 ? 0 ? 5 : 6 : 7", 6},
		{"3 > 2 > 1", 0},
		{"1 < 2 && 2 <= 2 && 3 >= 3 && 4 != 5 && 5 == 5", 1},
		{"-1 < 0", 1},
		{"-1 < 0u", 0}, /* usual arithmetic conversions */
		{"-1 > 0u ? 1 : 2", 1},
		{"(0 ? 1u : -1) > 0", 1},
		{"0xffffffffffffffff == -1", 1},
		{"5 & 3 ^ 6", (5 & 3) ^ 6},
		{"1 | 2 ^ 3 & 4", 1 | (2 ^ (3 & 4))},
		{"0 && 1 / 0", 0}, /* short-circuit: no division by zero */
		{"1 || 1 / 0", 1},
		{"0 ? 1 / 0 : 7", 7},
		{"1 ? 7 : 1 % 0", 7},
		{"'A'", 65},
		{"'\\n' + '\\0' + '\\x41' + '\\101'", 10 + 0 + 65 + 65},
		{"(1, 2)", 2},
		{"undefined_name + 3", 3},
		{"1 << 64", 0},
		{"1 << -1", 0},
		{"-1 >> 70", -1},
		{"9223372036854775807 + 1 < 0", 1},
		{"(-9223372036854775807 - 1) / -1 < 0", 1},
		{"(-9223372036854775807 - 1) % -1", 0},
		{"18446744073709551615 == ~0u", 1},
	};
	kabi_cpp *cpp = new_cpp();
	size_t i;
	long long v;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		v = -12345;
		OK(kabi_cpp_eval(cpp, cases[i].expr, &v) == 0, "eval '%s': %s", cases[i].expr,
		   kabi_error_last());
		OK(v == cases[i].want, "'%s' = %lld, want %lld", cases[i].expr, v, cases[i].want);
	}
	OK(kabi_cpp_eval(cpp, "1 +", &v) == KABI_EINVALID, "bad expression fails");
	OK(strstr(kabi_error_last(), "cannot evaluate '1 +'") != NULL, "message names the expression: %s",
	   kabi_error_last());
	OK(kabi_cpp_eval(cpp, "", &v) == KABI_EINVALID, "empty expression fails");
	OK(kabi_cpp_eval(cpp, "1 ? 2", &v) == KABI_EINVALID, "?: without :");
	OK(kabi_cpp_eval(cpp, "a = 1", &v) == KABI_EINVALID, "assignment is not valid");
	/* like gcc: "missing binary operator before token \"(\"" */
	OK(kabi_cpp_eval(cpp, "undefined_fn(1)", &v) == KABI_EINVALID, "call of a non-macro");
	kabi_cpp_free(cpp);
}

/* ---- macros ---- */

static void test_macros(void)
{
	kabi_cpp *cpp = new_cpp();

	/* Chains, arithmetic, aliases. */
	RUNS(cpp,
	     "#define __NR_Linux 4000\n"
	     "#define __NR_exit (__NR_Linux + 1)\n"
	     "#define __NR3264_fcntl 25\n"
	     "#define __NR_fcntl __NR3264_fcntl\n"
	     "#define TWICE(x) ((x) * 2)\n"
	     "#define __NR_big TWICE(__NR_exit) + __NR_fcntl\n"
	     "__NR_exit __NR_fcntl\n",
	     "(4000 + 1) 25\n");
	EQ_INT(eval(cpp, "__NR_exit"), 4001);
	EQ_INT(eval(cpp, "__NR_fcntl"), 25);
	EQ_INT(eval(cpp, "__NR_big"), 8027);
	EQ_INT(eval(cpp, "defined(__NR_exit) + defined __NR_fcntl + defined(nope)"), 2);
	EXPANDS(cpp, "__NR_big", "(((4000 + 1)) * 2) + 25");

	/* Comments and continuations inside #define. */
	RUNS(cpp,
	     "#define SUM /* leading */ 1 + \\\n"
	     "            2 /* a comment\n"
	     "               spanning lines */ + 3 // and a tail \\\n"
	     "continued tail comment\n"
	     "#define STR \"a /* not a comment */ b\" // c\n"
	     "#define E(x) \\\n"
	     "\t(x \\\n"
	     "\t + 1)\n"
	     "line SUM; STR E(2) /* x */ end\n",
	     "line 1 + 2 + 3; \"a /* not a comment */ b\" (2 + 1) end\n");
	EQ_INT(eval(cpp, "SUM"), 6);

	/* Function-like name not followed by '(' stays as it is. */
	RUNS(cpp,
	     "#define f(x) <x>\n"
	     "#define g f\n"
	     "f; (f)(1); f (1); f(); g(2); f(f)(3)\n",
	     "f; (f)(1); <1>; <>; <2>; <f>(3)\n");

	/* An invocation that spans lines is one output line; a name at the end of
	 * a line whose next line does not start with '(' is left alone. */
	RUNS(cpp,
	     "#define h(a, b) [a|b]\n"
	     "x h(1,\n"
	     "   2) y\n"
	     "h\n"
	     "\n"
	     "(3, 4)\n"
	     "h\n"
	     "next\n",
	     "x [1|2] y\n[3|4]\nh\nnext\n");

	/* Variadic, stringify, paste. */
	RUNS(cpp,
	     "#define V(fmt, ...) p(fmt, __VA_ARGS__)\n"
	     "#define W(fmt, ...) p(fmt, ## __VA_ARGS__)\n"
	     "#define N(fmt, args...) q(fmt, args)\n"
	     "#define A(...) <__VA_ARGS__>\n"
	     "#define S(x) #x\n"
	     "#define XS(x) S(x)\n"
	     "#define CAT(a, b) a ## b\n"
	     "#define XCAT(a, b) CAT(a, b)\n"
	     "#define __NR_read 63\n"
	     "V(1, 2, 3) W(1) W(1, 2) N(1, 2, 3) A() A(a, (b, c))\n"
	     "S(a  \"q\\\\\"  b) XS(__NR_read) S(__NR_read)\n"
	     "CAT(__NR_, read) CAT(, x) CAT(y, ) CAT(,) XCAT(1, 2) CAT(+, +) CAT(-, >)\n",
	     "p(1, 2, 3) p(1) p(1, 2) q(1, 2, 3) <> <a, (b, c)>\n"
	     "\"a \\\"q\\\\\\\\\\\" b\" \"63\" \"__NR_read\"\n"
	     "63 x y 12 ++ ->\n");
	/* An invalid paste keeps both tokens (gcc errors). */
	EXPANDS(cpp, "CAT(+, -)", "+ -");
	EXPANDS(cpp, "CAT(\"a\", b)", "\"a\" b");

	/* Output never glues tokens that were separate. */
	RUNS(cpp, "#define NEG -1\n#define P +\n-NEG P+1 a/**/b\n", "- -1 + +1 a b\n");

	/* Redefinition, #undef, foreach order. */
	RUNS(cpp, "#define R 1\n#undef R\n#undef never_defined\n#define R 2\nR\n", "2\n");
	kabi_cpp_free(cpp);

	cpp = new_cpp();
	OK(kabi_cpp_define(cpp, "__BITS_PER_LONG", "64") == 0, "define");
	OK(kabi_cpp_define(cpp, "CONFIG_X", NULL) == 0, "define without value");
	OK(kabi_cpp_define(cpp, "F(a,b)", "a+b") == 0, "define function-like");
	OK(kabi_cpp_define(cpp, "1bad", "1") == KABI_EINVALID, "bad name");
	OK(kabi_cpp_define(cpp, "X Y", "1") == KABI_EINVALID, "name with a space");
	OK(kabi_cpp_define(cpp, "defined", "1") == KABI_EINVALID, "'defined' is reserved");
	EQ_INT(eval(cpp, "__BITS_PER_LONG + CONFIG_X + F(1, 2)"), 68);
	OK(kabi_cpp_undef(cpp, "CONFIG_X") == 0 && !kabi_cpp_is_defined(cpp, "CONFIG_X"), "undef");
	kabi_cpp_free(cpp);

	fails("#define\n", "macro names must be identifiers");
	fails("#define 1x\n", "macro names must be identifiers");
	fails("#define f(a, a) a\n", "duplicate macro parameter");
	fails("#define f(a\n", "bad parameter list");
	fails("#define f(a b) a\n", "bad parameter list");
	fails("#define f(1) a\n", "bad parameter list");
	fails("#define f(..., a) a\n", "bad parameter list");
	fails("#define f(a) ## a\n", "'##' cannot appear");
	fails("#define f(a,b) a\nf(1)\n", "t.h:2: macro 'f' passed 1 arguments, but takes 2");
	fails("#define f(a) a\nf(1, 2)\n", "passed 2 arguments");
	fails("#define f(a) a\nf((1)\n#define X\n", "t.h:2: unterminated argument list invoking macro 'f'");
	fails("#define f(a) a\n#if f(1\n#endif\n", "unterminated argument list");
}

/* The examples of C11 6.10.3.5; the output is what gcc prints, modulo spacing. */
static void test_standard_examples(void)
{
	kabi_cpp *cpp = new_cpp();

	RUNS(cpp,
	     "#define x 3\n"
	     "#define f(a) f(x * (a))\n"
	     "#undef x\n"
	     "#define x 2\n"
	     "#define g f\n"
	     "#define z z[0]\n"
	     "#define h g(~\n"
	     "#define m(a) a(w)\n"
	     "#define w 0,1\n"
	     "#define t(a) a\n"
	     "#define p() int\n"
	     "#define q(x) x\n"
	     "#define r(x,y) x ## y\n"
	     "#define str(x) # x\n"
	     "f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);\n"
	     "g(x+(3,4)-w) | h 5) & m\n"
	     "(f)^m(m);\n"
	     "p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };\n"
	     "char c[2][6] = { str(hello), str() };\n",
	     "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);\n"
	     "f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);\n"
	     "int i[] = { 1, 23, 4, 5, };\n"
	     "char c[2][6] = { \"hello\", \"\" };\n");
	kabi_cpp_free(cpp);

	cpp = new_cpp();
	RUNS(cpp,
	     "#define str(s) # s\n"
	     "#define xstr(s) str(s)\n"
	     "#define debug(s, t) printf(\"x\" # s \"= %d, x\" # t \"= %s\", \\\n"
	     " x ## s, x ## t)\n"
	     "#define INCFILE(n) vers ## n\n"
	     "#define glue(a, b) a ## b\n"
	     "#define xglue(a, b) glue(a, b)\n"
	     "#define HIGHLOW \"hello\"\n"
	     "#define LOW LOW \", world\"\n"
	     "debug(1, 2);\n"
	     "fputs(str(strncmp(\"abc\\0d\", \"abc\", '\\4') // this goes away\n"
	     " == 0) str(: @\\n), s);\n"
	     "xstr(INCFILE(2).h)\n"
	     "glue(HIGH, LOW);\n"
	     "xglue(HIGH, LOW)\n"
	     "#define hash_hash # ## #\n"
	     "#define mkstr(a) # a\n"
	     "#define in_between(a) mkstr(a)\n"
	     "#define join(c, d) in_between(c hash_hash d)\n"
	     "char p[] = join(x, y);\n"
	     "#define t(x,y,z) x ## y ## z\n"
	     "int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),\n"
	     " t(10,,), t(,11,), t(,,12), t(,,) };\n"
	     "#define showlist(...) puts(#__VA_ARGS__)\n"
	     "#define report(test, ...) ((test)?puts(#test):\\\n"
	     " printf(__VA_ARGS__))\n"
	     "showlist(The first, second, and third items.);\n"
	     "report(x>y, \"x is %d but y is %d\", x, y);\n",
	     "printf(\"x\" \"1\" \"= %d, x\" \"2\" \"= %s\", x1, x2);\n"
	     "fputs(\"strncmp(\\\"abc\\\\0d\\\", \\\"abc\\\", '\\\\4') == 0\" \": @\\n\", s);\n"
	     "\"vers2.h\"\n"
	     "\"hello\";\n"
	     "\"hello\" \", world\"\n"
	     "char p[] = \"x ## y\";\n"
	     "int j[] = { 123, 45, 67, 89,\n"
	     "10, 11, 12, };\n"
	     "puts(\"The first, second, and third items.\");\n"
	     "((x>y)?puts(\"x>y\"): printf(\"x is %d but y is %d\", x, y));\n");
	kabi_cpp_free(cpp);
}

static int count_macro(void *ctx, const char *name, const char *body, const char *file, int line)
{
	kabi_strbuf_printf(ctx, "%s=%s@%s:%d;", name, body, file, line);
	return 0;
}

static int stop_at_second(void *ctx, const char *name, const char *body, const char *file, int line)
{
	(void)name;
	(void)body;
	(void)file;
	(void)line;
	return ++*(int *)ctx == 2 ? 42 : 0;
}

static void test_macro_table(void)
{
	kabi_cpp *cpp = new_cpp();
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int n = 0;

	kabi_cpp_define(cpp, "PRE", "7");
	RUNS(cpp,
	     "#define A  1   +   2 /* c */\n"
	     "#define F(x) x\n"
	     "#define B A\n"
	     "#define C\n"
	     "#define A 3\n"
	     "#undef C\n",
	     "");
	OK(kabi_cpp_foreach_macro(cpp, count_macro, &sb) == 0, "foreach");
	EQ_STR(sb.buf, "PRE=7@<command line>:0;B=A@t.h:3;A=3@t.h:5;");
	OK(kabi_cpp_foreach_macro(cpp, stop_at_second, &n) == 42 && n == 2, "foreach stops on non-zero");
	kabi_strbuf_free(&sb);
	kabi_cpp_free(cpp);
	kabi_cpp_free(NULL);
}

/* ---- recursion and limits ---- */

static void test_recursion(void)
{
	kabi_cpp *cpp = new_cpp();
	char *out;
	long long v;

	RUNS(cpp,
	     "#define a a\n"
	     "#define b c\n"
	     "#define c b\n"
	     "#define f(x) f(x) + g\n"
	     "#define g f(1)\n"
	     "#define foo foo bar\n"
	     "#define m(x) x\n"
	     "a b c f(2) m(foo) m(m)(3)\n",
	     "a b c f(2) + f(1) foo bar m(3)\n"); /* what gcc prints */
	EQ_INT(eval(cpp, "a + b + c + 1"), 1);

	/* Exponential growth stops at the size limit with an error. */
	RUNS(cpp, "#define d(x) x x\n", "");
	out = run(cpp, "d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(1))))))))))))))))))))))))\n");
	OK(out == NULL && strstr(kabi_error_last(), "too large"), "expansion bomb: %s", kabi_error_last());
	free(out);
	OK(kabi_cpp_eval(cpp, "d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(d(1)))))))))))))))))))))))))",
			 &v) == KABI_EINVALID,
	   "eval bomb fails");
	/* Still usable afterwards. */
	RUNS(cpp, "d(2)\n", "2 2\n");
	kabi_cpp_free(cpp);
}

static void test_includes(void)
{
	static const memfile tree[] = {
		{"guarded.h", "#ifndef G_H\n#define G_H\nguarded\n#endif\n"},
		{"once.h", "#pragma once\nonce\n"},
		{"self.h", "#include \"self.h\"\n"},
		{"w1.h", "#include \"w2.h\"\n#include \"w2.h\"\n#include \"w2.h\"\n#include \"w2.h\"\n"
			 "#include \"w2.h\"\n#include \"w2.h\"\n#include \"w2.h\"\n#include \"w2.h\"\n"},
		{"w2.h", "#include \"w3.h\"\n#include \"w3.h\"\n#include \"w3.h\"\n#include \"w3.h\"\n"
			 "#include \"w3.h\"\n#include \"w3.h\"\n#include \"w3.h\"\n#include \"w3.h\"\n"},
		{"w3.h", "#include \"w4.h\"\n#include \"w4.h\"\n#include \"w4.h\"\n#include \"w4.h\"\n"
			 "#include \"w4.h\"\n#include \"w4.h\"\n#include \"w4.h\"\n#include \"w4.h\"\n"},
		{"w4.h", "#include \"w5.h\"\n#include \"w5.h\"\n#include \"w5.h\"\n#include \"w5.h\"\n"
			 "#include \"w5.h\"\n#include \"w5.h\"\n#include \"w5.h\"\n#include \"w5.h\"\n"},
		{"w5.h", "leaf\n"},
		{"open.h", "#if 1\n"},
		{"close.h", "#endif\n"},
		{"asm/x.h", "#define X 5\n"},
		{NULL, NULL}};
	kabi_cpp *cpp = new_cpp();
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char *out;

	kabi_cpp_set_include(cpp, mem_include, (void *)tree);
	RUNS(cpp,
	     "#include \"guarded.h\"\n#include <guarded.h>\n"
	     "#include \"once.h\"\n#include \"once.h\"\n"
	     "#define HDR <asm/x.h>\n#include HDR\nX\n"
	     "#include <missing/a.h>\n#include \"missing/a.h\"\n#include <missing/b.h>\n",
	     "guarded\nonce\n5\n");
	OK(kabi_cpp_foreach_missing(cpp, count_macro_missing, &sb) == 0, "foreach_missing");
	EQ_STR(sb.buf, "missing/a.h@t.h:8;missing/b.h@t.h:10;");
	kabi_strbuf_free(&sb);

	out = run(cpp, "#include \"self.h\"\n");
	OK(out == NULL && strstr(kabi_error_last(), "nested too deeply"), "self include: %s",
	   kabi_error_last());
	free(out);
	out = run(cpp, "#include \"w1.h\"\n"); /* 8^5 includes, each shallow */
	OK(out == NULL && strstr(kabi_error_last(), "too many #include"), "2^n includes: %s",
	   kabi_error_last());
	free(out);
	out = run(cpp, "#include \"open.h\"\n");
	OK(out == NULL && strstr(kabi_error_last(), "open.h:1: unterminated #if"),
	   "unterminated in include: %s", kabi_error_last());
	free(out);
	out = run(cpp, "#if 1\n#include \"close.h\"\n");
	OK(out == NULL && strstr(kabi_error_last(), "close.h:1: #endif without #if"),
	   "#endif across files: %s", kabi_error_last());
	free(out);
	out = run(cpp, "#include nothing\n");
	OK(out == NULL && strstr(kabi_error_last(), "#include expects"), "bad #include: %s",
	   kabi_error_last());
	free(out);
	kabi_cpp_free(cpp);

	/* Without a resolver every #include is missing. */
	cpp = new_cpp();
	RUNS(cpp, "#include <a.h>\nok\n", "ok\n");
	kabi_cpp_free(cpp);
}

/* ---- the architectures' shapes ---- */

/* mips: the same names are defined once per ABI block. */
static void test_mips_shape(void)
{
	static const memfile tree[] = {{"asm/sgidefs.h",
					"#ifndef __ASM_SGIDEFS_H\n#define __ASM_SGIDEFS_H\n"
					"#define _MIPS_SIM_ABI32\t\t1\n#define _MIPS_SIM_NABI32\t2\n"
					"#define _MIPS_SIM_ABI64\t\t3\n#endif /* __ASM_SGIDEFS_H */\n"},
				       {NULL, NULL}};
	static const char hdr[] =
		"#ifndef _ASM_UNISTD_H\n#define _ASM_UNISTD_H\n\n#include <asm/sgidefs.h>\n\n"
		"#if _MIPS_SIM == _MIPS_SIM_ABI32\n\n"
		"/*\n * Linux o32 style syscalls are in the range from 4000 to 4999.\n */\n"
		"#define __NR_Linux\t\t\t4000\n"
		"#define __NR_syscall\t\t\t(__NR_Linux +   0)\n"
		"#define __NR_exit\t\t\t(__NR_Linux +   1)\n"
		"/* #define __NR_sys_setaltroot\t\t(__NR_Linux + 279) */\n"
		"#define __NR_Linux_syscalls\t\t283\n\n"
		"#endif /* _MIPS_SIM == _MIPS_SIM_ABI32 */\n\n"
		"#define __NR_O32_Linux\t\t\t4000\n#define __NR_O32_Linux_syscalls\t\t283\n\n"
		"#if _MIPS_SIM == _MIPS_SIM_ABI64\n\n"
		"#define __NR_Linux\t\t\t5000\n"
		"#define __NR_read\t\t\t(__NR_Linux +   0)\n"
		"#define __NR_exit\t\t\t(__NR_Linux +  58)\n"
		"#define __NR_Linux_syscalls\t\t242\n\n"
		"#endif /* _MIPS_SIM == _MIPS_SIM_ABI64 */\n\n"
		"#if _MIPS_SIM == _MIPS_SIM_NABI32\n\n"
		"#define __NR_Linux\t\t\t6000\n"
		"#define __NR_read\t\t\t(__NR_Linux +   0)\n"
		"#define __NR_exit\t\t\t(__NR_Linux +  58)\n"
		"#define __NR_Linux_syscalls\t\t246\n\n"
		"#endif /* _MIPS_SIM == _MIPS_SIM_NABI32 */\n"
		"#endif /* _ASM_UNISTD_H */\n";
	static const struct {
		const char *sim;
		long long exit, linux_, count;
	} abis[] = {{"_MIPS_SIM_ABI32", 4001, 4000, 283},
		    {"_MIPS_SIM_ABI64", 5058, 5000, 242},
		    {"_MIPS_SIM_NABI32", 6058, 6000, 246}};
	size_t i;

	for (i = 0; i < 3; i++) {
		kabi_cpp *cpp = new_cpp();
		/* gcc predefines _MIPS_SIM as a name that sgidefs.h gives a value */
		kabi_cpp_define(cpp, "_MIPS_SIM", abis[i].sim);
		kabi_cpp_set_include(cpp, mem_include, (void *)tree);
		RUNS(cpp, hdr, "");
		EQ_INT(eval(cpp, "__NR_exit"), abis[i].exit);
		EQ_INT(eval(cpp, "__NR_Linux"), abis[i].linux_);
		EQ_INT(eval(cpp, "__NR_Linux_syscalls"), abis[i].count);
		EQ_INT(eval(cpp, "__NR_O32_Linux"), 4000);
		OK(!kabi_cpp_is_defined(cpp, "__NR_sys_setaltroot"), "commented-out define");
		OK(kabi_cpp_is_defined(cpp, "__NR_syscall") == (i == 0), "o32-only name");
		kabi_cpp_free(cpp);
	}
}

/* arm: OABI numbers are offset by 0x900000 unless EABI or Thumb. */
static void test_arm_shape(void)
{
	static const char hdr[] = "#define __NR_OABI_SYSCALL_BASE\t0x900000\n\n"
				  "#if defined(__thumb__) || defined(__ARM_EABI__)\n"
				  "#define __NR_SYSCALL_BASE\t0\n"
				  "#else\n"
				  "#define __NR_SYSCALL_BASE\t__NR_OABI_SYSCALL_BASE\n"
				  "#endif\n\n"
				  "#define __NR_restart_syscall\t\t(__NR_SYSCALL_BASE+  0)\n"
				  "#define __NR_exit\t\t\t(__NR_SYSCALL_BASE+  1)\n"
				  "\t\t\t\t\t/* 17 was sys_break */\n"
				  "#if !defined(__KERNEL__) || defined(CONFIG_OABI_COMPAT)\n"
				  "#define __NR_time\t\t\t(__NR_SYSCALL_BASE+ 13)\n"
				  "#endif\n"
				  "#if 0 /* reserve these for un-muxing socketcall */\n"
				  "#define __NR_socket\t\t\t(__NR_SYSCALL_BASE+281)\n"
				  "#endif\n"
				  "#define __ARM_NR_BASE\t\t\t(__NR_SYSCALL_BASE+0x0f0000)\n"
				  "#define __ARM_NR_breakpoint\t\t(__ARM_NR_BASE+1)\n";
	kabi_cpp *cpp = new_cpp();

	RUNS(cpp, hdr, "");
	EQ_INT(eval(cpp, "__NR_exit"), 0x900001);
	EQ_INT(eval(cpp, "__ARM_NR_breakpoint"), 0x900000 + 0x0f0001);
	EQ_INT(eval(cpp, "__NR_time"), 0x90000d);
	OK(!kabi_cpp_is_defined(cpp, "__NR_socket"), "#if 0 block");
	kabi_cpp_free(cpp);

	cpp = new_cpp();
	kabi_cpp_define(cpp, "__ARM_EABI__", NULL);
	kabi_cpp_define(cpp, "__KERNEL__", NULL);
	RUNS(cpp, hdr, "");
	EQ_INT(eval(cpp, "__NR_exit"), 1);
	EQ_INT(eval(cpp, "__ARM_NR_breakpoint"), 0x0f0001);
	OK(!kabi_cpp_is_defined(cpp, "__NR_time"), "EABI kernel without OABI_COMPAT has no time");
	kabi_cpp_free(cpp);
}

/* asm-generic: the table is read from __SYSCALL(...) output lines. */
static const char generic_unistd[] =
	"#include <asm/bitsperlong.h>\n\n"
	"#ifndef __SYSCALL\n#define __SYSCALL(x, y)\n#endif\n\n"
	"#if __BITS_PER_LONG == 32 || defined(__SYSCALL_COMPAT)\n"
	"#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _32)\n"
	"#else\n"
	"#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _64)\n"
	"#endif\n\n"
	"#ifdef __SYSCALL_COMPAT\n"
	"#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _comp)\n"
	"#define __SC_COMP_3264(_nr, _32, _64, _comp) __SYSCALL(_nr, _comp)\n"
	"#else\n"
	"#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _sys)\n"
	"#define __SC_COMP_3264(_nr, _32, _64, _comp) __SC_3264(_nr, _32, _64)\n"
	"#endif\n\n"
	"#define __NR_io_setup 0\n"
	"__SC_COMP(__NR_io_setup, sys_io_setup, compat_sys_io_setup)\n"
	"#define __NR_io_destroy 1\n"
	"__SYSCALL(__NR_io_destroy, sys_io_destroy)\n"
	"#define __NR3264_fcntl 25\n"
	"__SC_COMP_3264(__NR3264_fcntl, sys_fcntl64, sys_fcntl, \\\n\tcompat_sys_fcntl64)\n"
	"#ifdef __ARCH_WANT_SYNC_FILE_RANGE2\n"
	"#define __NR_sync_file_range2 84\n"
	"__SC_COMP(__NR_sync_file_range2, sys_sync_file_range2, \\\n"
	"\t  compat_sys_sync_file_range2)\n"
	"#else\n"
	"#define __NR_sync_file_range 84\n"
	"__SC_COMP(__NR_sync_file_range, sys_sync_file_range,\n"
	"\t  compat_sys_sync_file_range)\n"
	"#endif\n"
	"#ifdef __ARCH_WANT_SYSCALL_NO_AT\n"
	"#define __NR_open 1024\n"
	"__SYSCALL(__NR_open, sys_open)\n"
	"#endif\n"
	"#undef __NR_syscalls\n"
	"#define __NR_syscalls 85\n\n"
	"#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)\n"
	"#define __NR_fcntl __NR3264_fcntl\n"
	"#else\n"
	"#define __NR_fcntl64 __NR3264_fcntl\n"
	"#endif\n";

static const char generic_bitsperlong[] =
	"#ifndef __ASM_GENERIC_BITS_PER_LONG\n#define __ASM_GENERIC_BITS_PER_LONG\n"
	"#ifndef __BITS_PER_LONG\n#define __BITS_PER_LONG 32\n#endif\n#endif\n";

static void test_generic_shape(void)
{
	static const memfile tree64[] = {
		{"asm/bitsperlong.h", "#define __BITS_PER_LONG 64\n#include <asm-generic/bitsperlong.h>\n"},
		{"asm-generic/bitsperlong.h", generic_bitsperlong},
		{"asm-generic/unistd.h", generic_unistd},
		{NULL, NULL}};
	static const memfile tree32[] = {{"asm/bitsperlong.h", "#include <asm-generic/bitsperlong.h>\n"},
					 {"asm-generic/bitsperlong.h", generic_bitsperlong},
					 {"asm-generic/unistd.h", generic_unistd},
					 {NULL, NULL}};
	static const char arch[] = "#define __ARCH_WANT_SYNC_FILE_RANGE2\n"
				   "#include <asm-generic/unistd.h>\n";
	kabi_strbuf sb = KABI_STRBUF_INIT;
	kabi_cpp *cpp;

	/* 64-bit native, __SYSCALL protected: the header's empty default is ignored. */
	cpp = new_cpp();
	kabi_cpp_set_include(cpp, mem_include, (void *)tree64);
	kabi_cpp_protect(cpp, "__SYSCALL");
	OK(kabi_cpp_run(cpp, "arch/x/include/uapi/asm/unistd.h", arch, strlen(arch), collect, &sb) == 0,
	   "run: %s", kabi_error_last());
	EQ_STR(sb.buf, "22: __SYSCALL(0, sys_io_setup)\n"
		       "24: __SYSCALL(1, sys_io_destroy)\n"
		       "26: __SYSCALL(25, sys_fcntl)\n"
		       "30: __SYSCALL(84, sys_sync_file_range2)\n");
	EQ_INT(eval(cpp, "__NR_fcntl"), 25);
	OK(!kabi_cpp_is_defined(cpp, "__NR_fcntl64"), "no fcntl64 on 64-bit");
	OK(!kabi_cpp_is_defined(cpp, "__NR_open"), "no open without NO_AT");
	OK(!kabi_cpp_is_defined(cpp, "__NR_sync_file_range"), "sync_file_range2 instead");
	EQ_INT(eval(cpp, "__NR_syscalls"), 85);
	kabi_cpp_free(cpp);

	/* 32-bit compat, __SYSCALL left undefined and unprotected: the header
	 * defines it empty, so nothing comes out, but the numbers are there. */
	kabi_strbuf_reset(&sb);
	cpp = new_cpp();
	kabi_cpp_set_include(cpp, mem_include, (void *)tree32);
	kabi_cpp_define(cpp, "__SYSCALL_COMPAT", NULL);
	OK(kabi_cpp_run(cpp, "u.h", arch, strlen(arch), collect, &sb) == 0, "run: %s", kabi_error_last());
	EQ_STR(sb.buf, "");
	EQ_INT(eval(cpp, "__NR_fcntl64"), 25);
	EQ_INT(eval(cpp, "__BITS_PER_LONG"), 32);
	kabi_cpp_free(cpp);

	/* The caller's own __SYSCALL, compat: */
	kabi_strbuf_reset(&sb);
	cpp = new_cpp();
	kabi_cpp_set_include(cpp, mem_include, (void *)tree32);
	kabi_cpp_define(cpp, "__SYSCALL_COMPAT", NULL);
	kabi_cpp_define(cpp, "__SYSCALL(nr, sym)", "ENTRY nr sym");
	kabi_cpp_define(cpp, "__ARCH_WANT_SYSCALL_NO_AT", NULL);
	OK(kabi_cpp_run(cpp, "u.h", generic_unistd, strlen(generic_unistd), collect_text, &sb) == 0,
	   "run: %s", kabi_error_last());
	EQ_STR(sb.buf, "ENTRY 0 compat_sys_io_setup\n"
		       "ENTRY 1 sys_io_destroy\n"
		       "ENTRY 25 compat_sys_fcntl64\n"
		       "ENTRY 84 compat_sys_sync_file_range\n"
		       "ENTRY 1024 sys_open\n");
	kabi_cpp_free(cpp);
	kabi_strbuf_free(&sb);
}

/* The line callback may evaluate, and stops the run with a non-zero return. */
static int eval_first_arg(void *ctx, const char *text, const char *file, int line)
{
	kabi_cpp *cpp = *(kabi_cpp **)ctx;
	char *expanded = NULL;
	long long v = -1;
	const char *comma = strchr(text, ',');
	char nr[64];

	(void)file;
	(void)line;
	if (strncmp(text, "__SYSCALL(", 10) || !comma || comma - text - 10 >= (long)sizeof(nr))
		return 0;
	memcpy(nr, text + 10, comma - text - 10);
	nr[comma - text - 10] = '\0';
	OK(kabi_cpp_eval(cpp, nr, &v) == 0, "eval from callback: %s", kabi_error_last());
	OK(kabi_cpp_expand(cpp, "__NR_Linux", &expanded) == 0, "expand from callback");
	EQ_STR(expanded, "4000");
	free(expanded);
	if (v == 4002)
		return 7;
	return 0;
}

static void test_callbacks(void)
{
	static const char hdr[] = "#define __NR_Linux 4000\n"
				  "#define X(a) a\n"
				  "__SYSCALL((__NR_Linux + 1), sys_exit)\n"
				  "X(__SYSCALL((__NR_Linux + \n 2), sys_fork))\n"
				  "X(\n__SYSCALL((__NR_Linux + 3), sys_read))\n";
	kabi_cpp *cpp = new_cpp();

	EQ_INT(kabi_cpp_run(cpp, "c.h", hdr, strlen(hdr), eval_first_arg, &cpp), 7);
	kabi_cpp_free(cpp);
}

/* ---- garbage ---- */

static void test_garbage(void)
{
	static const char *const nasty[] = {
		"#define f(x) f(x\nf(f(f(\n",
		"#define f(x,...) #__VA_ARGS__ ## x\nf(,)\nf()\nf(1,2,3)\n",
		"#define a(x) b(x)(\n#define b(x) a(x)(\na(1))))))))\n",
		"#if 1 ? : 2\n#endif\n",
		"#if (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
		"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
		"(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1\n",
		"\"unterminated\n'x\n/* unterminated comment",
		"#define X \\",
		"\\\n\\\n#\\\ndefine Y 1\nY\n",
		"#define ## 1\n#define f(x) #\nf(1)\n#define g(x) x ## ## x\ng(1)\n",
		"#include\n",
		"#include <\n",
		"#if defined(\n#endif\n",
		"#if 'ab' + '\\x' + '\\777' + ''\n#endif\n",
		"#define e(...) __VA_ARGS__\ne(,,,,)\n",
		"\xff\xfe\x01#\x80\n\x00#define\x00X\n",
	};
	unsigned seed = 12345, ran = 0, refused = 0, unnamed = 0, odd = 0;
	size_t i, j;
	int rc;

	for (i = 0; i < sizeof(nasty) / sizeof(*nasty); i++) {
		kabi_strbuf out = KABI_STRBUF_INIT;
		kabi_cpp *cpp = new_cpp();
		kabi_cpp_run(cpp, "g.h", nasty[i], strlen(nasty[i]), collect_text, &out);
		kabi_cpp_free(cpp);
		kabi_strbuf_free(&out);
	}
	/* A deep unary chain: an error, not a stack overflow. */
	{
		kabi_strbuf sb = KABI_STRBUF_INIT;
		kabi_cpp *cpp = new_cpp();
		long long v;
		for (j = 0; j < 100000; j++)
			kabi_strbuf_puts(&sb, "- ");
		kabi_strbuf_puts(&sb, "1");
		OK(kabi_cpp_eval(cpp, sb.buf, &v) == KABI_EINVALID, "deep unary chain fails cleanly");
		kabi_cpp_free(cpp);
		kabi_strbuf_free(&sb);
	}
	/* Random soup of preprocessor-ish fragments. */
	for (i = 0; i < 3000; i++) {
		static const char *const bits[] = {"#define ",
						   "#if ",
						   "#else\n",
						   "#endif\n",
						   "#undef ",
						   "f",
						   "(",
						   ")",
						   ",",
						   "x",
						   "##",
						   "#",
						   "...",
						   "__VA_ARGS__",
						   "\n",
						   "1",
						   "0x",
						   "'",
						   "\"",
						   "/*",
						   "*/",
						   "\\\n",
						   " ",
						   "defined",
						   "?",
						   ":",
						   "<<",
						   "-",
						   "#include \"a\"\n",
						   "#elif "};
		kabi_strbuf sb = KABI_STRBUF_INIT, out = KABI_STRBUF_INIT;
		static const memfile tree[] = {{"a", "#define f(x) x f\nf(\n"}, {NULL, NULL}};
		kabi_cpp *cpp = new_cpp();
		for (j = 0; j < 60; j++) {
			seed = seed * 1103515245 + 12345;
			kabi_strbuf_puts(&sb, bits[(seed >> 16) % (sizeof(bits) / sizeof(*bits))]);
		}
		kabi_cpp_set_include(cpp, mem_include, (void *)tree);
		rc = kabi_cpp_run(cpp, "r.h", sb.buf, sb.len, collect_text, &out);
		if (rc == 0)
			ran++;
		else if (rc < 0)
			refused++;
		else
			odd++;
		if (rc < 0 && !strstr(kabi_error_last(), "r.h") && !strstr(kabi_error_last(), "a:"))
			unnamed++;
		kabi_strbuf_free(&sb);
		kabi_strbuf_free(&out);
		kabi_cpp_free(cpp);
	}
	/* garbage is preprocessed or refused with a message naming the file */
	EQ_INT(odd, 0);
	EQ_INT(unnamed, 0);
	OK(ran > 0 && refused > 0, "garbage: %u preprocessed, %u refused", ran, refused);
}

/* ---- real data: Linux 6.1 arm64 through asm-generic ---- */

typedef struct {
	const char *root;
	const char *arch;
} tree_ctx;

static char *slurp_rel(const char *root, const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return tap_slurp(path, len);
}

/* <asm/x> from arch/<arch>/include/uapi, else include/uapi: what the uapi
 * headers see when installed. */
static int tree_include(void *ctx, const char *name, int angled, const char *from, char **text, size_t *len,
			char **path)
{
	const tree_ctx *t = ctx;
	char rel[1024];

	(void)angled;
	(void)from;
	if (!strncmp(name, "asm/", 4)) {
		snprintf(rel, sizeof(rel), "arch/%s/include/uapi/%s", t->arch, name);
		if ((*text = slurp_rel(t->root, rel, len))) {
			*path = strdup(rel);
			return 0;
		}
	}
	snprintf(rel, sizeof(rel), "include/uapi/%s", name);
	if ((*text = slurp_rel(t->root, rel, len))) {
		*path = strdup(rel);
		return 0;
	}
	return KABI_ENOTFOUND;
}

typedef struct {
	kabi_cpp *cpp;
	int n, bad, seen_io_setup, seen_clone3;
	kabi_strbuf norm; /* "nr sym\n" per __SYSCALL line */
} table_ctx;

static int syscall_line(void *ctx, const char *text, const char *file, int line)
{
	table_ctx *t = ctx;
	char nr[256], sym[256];
	long long v = -1;

	(void)file;
	(void)line;
	if (sscanf(text, "__SYSCALL(%255[^,], %255[^)])", nr, sym) != 2) {
		t->bad++;
		return 0;
	}
	if (kabi_cpp_eval(t->cpp, nr, &v)) {
		t->bad++;
		return 0;
	}
	t->n++;
	t->seen_io_setup += v == 0 && !strcmp(sym, "sys_io_setup");
	t->seen_clone3 += v == 435 && !strcmp(sym, "sys_clone3");
	kabi_strbuf_printf(&t->norm, "%lld %s\n", v, sym);
	return 0;
}

static void strip_spaces(char *s)
{
	char *d = s;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			*d++ = *s;
	*d = '\0';
}

/*
 * The slow, obviously-correct reference: the system preprocessor on the same
 * tree.  Every __SYSCALL line and every __NR_ value must match.
 */
static void compare_with_system_cpp(kabi_cpp *cpp, const char *root, const table_ctx *t)
{
	char cmd[8192], line[4096];
	kabi_strbuf theirs = KABI_STRBUF_INIT;
	FILE *p;
	int compared = 0, mismatched = 0;

	if (system("cpp --version >/dev/null 2>&1") != 0) {
		printf("# skip: no system cpp to compare with\n");
		return;
	}
	/* Table lines, normalized to "nr sym" by evaluating nr with our evaluator. */
	snprintf(
		cmd, sizeof(cmd),
		"printf '#include <asm/unistd.h>\\n' | cpp -P -undef -nostdinc -D'__SYSCALL(n,s)=KABI_SC n @ s' "
		"-I'%s/arch/arm64/include/uapi' -I'%s/include/uapi' - 2>/dev/null",
		root, root);
	p = popen(cmd, "r");
	OK(p != NULL, "popen system cpp");
	if (!p)
		return;
	while (fgets(line, sizeof(line), p)) {
		char *s = line, *at;
		long long v;
		while ((s = strstr(s, "KABI_SC "))) {
			s += 8;
			at = strstr(s, " @ ");
			if (!at)
				break;
			*at = '\0';
			OK(kabi_cpp_eval(cpp, s, &v) == 0, "eval system cpp's '%s'", s);
			s = at + 3;
			at = s + strcspn(s, " \n");
			kabi_strbuf_printf(&theirs, "%lld %.*s\n", v, (int)(at - s), s);
			s = at;
		}
	}
	pclose(p);
	OK(theirs.len > 0 && !strcmp(theirs.buf, t->norm.buf), "__SYSCALL table equals system cpp's");

	/* Every __NR_ macro: our expansion equals cpp's, modulo spacing. */
	snprintf(
		cmd, sizeof(cmd),
		"(printf '#include <asm/unistd.h>\\n'; "
		" cpp -dM -undef -nostdinc -I'%s/arch/arm64/include/uapi' -I'%s/include/uapi' "
		"   %s/arch/arm64/include/uapi/asm/unistd.h | sed -n 's/^#define \\(__NR[A-Za-z0-9_]*\\) .*/KABI_NR \\1 = \\1/p')"
		" | cpp -P -undef -nostdinc -I'%s/arch/arm64/include/uapi' -I'%s/include/uapi' - 2>/dev/null",
		root, root, root, root, root);
	p = popen(cmd, "r");
	OK(p != NULL, "popen system cpp");
	if (!p)
		goto out;
	while (fgets(line, sizeof(line), p)) {
		char name[256], *eq, *ours = NULL;
		if (sscanf(line, "KABI_NR %255s =", name) != 1 || !(eq = strstr(line, " = ")))
			continue;
		eq[strcspn(eq, "\n")] = '\0';
		OK(kabi_cpp_expand(cpp, name, &ours) == 0, "expand %s", name);
		if (!ours)
			continue;
		strip_spaces(ours);
		strip_spaces(eq + 3);
		compared++;
		if (strcmp(ours, eq + 3)) {
			mismatched++;
			OK(0, "%s: ours '%s', system cpp '%s'", name, ours, eq + 3);
		}
		free(ours);
	}
	pclose(p);
	OK(compared > 300 && mismatched == 0, "compared %d __NR_ macros with system cpp, %d differ", compared,
	   mismatched);
out:
	kabi_strbuf_free(&theirs);
}

static void test_real_linux_6_1(void)
{
	const char *root = getenv("KABI_LINUX_6_1");
	tree_ctx tc = {NULL, "arm64"};
	table_ctx t = {NULL, 0, 0, 0, 0, KABI_STRBUF_INIT};
	kabi_strbuf missing = KABI_STRBUF_INIT;
	struct stat st;
	char *text;
	size_t len;
	kabi_cpp *cpp;

	if (!root || !*root)
		root = "/tmp/debs/linux-source-6.1";
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("# skip: no Linux 6.1 tree (set KABI_LINUX_6_1)\n");
		return;
	}
	tc.root = root;
	text = slurp_rel(root, "arch/arm64/include/uapi/asm/unistd.h", &len);
	OK(text != NULL, "read arm64 unistd.h under %s", root);
	if (!text)
		return;
	cpp = new_cpp();
	t.cpp = cpp;
	kabi_cpp_set_include(cpp, tree_include, &tc);
	kabi_cpp_protect(cpp, "__SYSCALL");
	OK(kabi_cpp_run(cpp, "arch/arm64/include/uapi/asm/unistd.h", text, len, syscall_line, &t) == 0,
	   "run arm64 unistd.h: %s", kabi_error_last());
	kabi_cpp_foreach_missing(cpp, count_macro_missing, &missing);
	EQ_STR(missing.buf ? missing.buf : "", "");
	EQ_INT(eval(cpp, "__BITS_PER_LONG"), 64); /* from asm/bitsperlong.h */
	EQ_INT(eval(cpp, "__NR_io_setup"), 0);
	EQ_INT(eval(cpp, "__NR_openat"), 56);
	EQ_INT(eval(cpp, "__NR_renameat"), 38); /* __ARCH_WANT_RENAMEAT */
	EQ_INT(eval(cpp, "__NR_clone3"), 435);  /* __ARCH_WANT_SYS_CLONE3 */
	EQ_INT(eval(cpp, "__NR_fcntl"), 25);    /* 64-bit alias of __NR3264_fcntl */
	EQ_INT(eval(cpp, "__NR_syscalls"), 451);
	OK(!kabi_cpp_is_defined(cpp, "__NR_fcntl64"), "no fcntl64 on arm64");
	OK(!kabi_cpp_is_defined(cpp, "__NR_open"), "no open on arm64");
	EQ_INT(t.bad, 0);
	OK(t.seen_io_setup == 1 && t.seen_clone3 == 1, "__SYSCALL(0, sys_io_setup), (435, sys_clone3)");
	OK(t.n > 300 && t.n < 451, "%d __SYSCALL lines", t.n);
	compare_with_system_cpp(cpp, root, &t);
	kabi_cpp_free(cpp);
	free(text);
	kabi_strbuf_free(&t.norm);
	kabi_strbuf_free(&missing);
}

int main(void)
{
	test_conditionals();
	test_expressions();
	test_macros();
	test_standard_examples();
	test_macro_table();
	test_recursion();
	test_includes();
	test_mips_shape();
	test_arm_shape();
	test_generic_shape();
	test_callbacks();
	test_garbage();
	test_real_linux_6_1();
	return tap_done();
}
