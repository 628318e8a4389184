/*
 * cpp.h - a small, real C preprocessor for kernel unistd headers.
 *
 * Syscall numbers before the .tbl era live in C headers full of `#if 0`
 * blocks, per-ABI `#if _MIPS_SIM == ...` blocks, aliases and helper macros
 * defined inside the header itself, so they must be preprocessed, not grepped.
 *
 * Supported: object- and function-like #define (variadic, `#`, `##`,
 * gcc's `, ## __VA_ARGS__`), #undef, #if/#ifdef/#ifndef/#elif/#elifdef/
 * #elifndef/#else/#endif with full C integer constant expressions, #include
 * through a caller-supplied resolver, `#pragma once`, comments, backslash
 * continuation, macro invocations whose arguments span lines.  #error,
 * #warning, #line, other #pragma and unknown directives are ignored.
 *
 * A kabi_cpp keeps its macro table across runs: predefine, run the arch
 * header, then query numbers with kabi_cpp_eval().  Not thread-safe; use one
 * per worker.
 *
 * Reading `__SYSCALL(nr, entry)` tables: the asm-generic header says
 * `#ifndef __SYSCALL / #define __SYSCALL(x, y) / #endif`, so call
 * kabi_cpp_protect(cpp, "__SYSCALL") before the run.  The header's own
 * definition is then ignored, `__SC_COMP(...)` expands into `__SYSCALL(...)`
 * which is left as text with its arguments macro-expanded, and each such
 * line reaches the line callback as e.g. `__SYSCALL(0, sys_io_setup)` or
 * `__SYSCALL((4000 + 1), sys_exit)`; pass the first argument to
 * kabi_cpp_eval().
 */
#ifndef KABI_CPP_H
#define KABI_CPP_H

#include <stddef.h>

typedef struct kabi_cpp kabi_cpp;

/*
 * Include resolver.  `name` is the text inside "" or <>, `angled` is 1 for
 * <>, `from_path` the path of the including file.  Return 0 with *out_text a
 * buffer of *out_len bytes and *out_path the resolved path (both malloc'd,
 * owned and freed by the preprocessor), or KABI_ENOTFOUND: the #include is
 * then skipped and recorded (see kabi_cpp_foreach_missing).  Any other
 * negative return aborts the run with that code (set the error text first).
 */
typedef int (*kabi_cpp_include_fn)(void *ctx, const char *name, int angled, const char *from_path,
				   char **out_text, size_t *out_len, char **out_path);

/*
 * Output callback: one call per non-directive line of the active regions whose
 * macro expansion is not empty; `text` is the expansion with tokens joined by
 * single spaces, `file`/`line` where the line started.  Both strings are
 * borrowed for the call.  A non-zero return stops the run, and kabi_cpp_run()
 * returns it.  An invocation whose arguments span lines comes out as one line.
 */
typedef int (*kabi_cpp_line_fn)(void *ctx, const char *text, const char *file, int line);

/* Macro iteration callback; strings borrowed for the call, non-zero stops. */
typedef int (*kabi_cpp_macro_fn)(void *ctx, const char *name, const char *body, const char *file, int line);

/* Missing-include callback; strings borrowed for the call, non-zero stops. */
typedef int (*kabi_cpp_missing_fn)(void *ctx, const char *name, const char *from_file, int line);

/* Owned by the caller, free with kabi_cpp_free(). */
int kabi_cpp_new(kabi_cpp **out);
void kabi_cpp_free(kabi_cpp *cpp); /* NULL ok */

/*
 * Like -Dname=value.  `name` is an identifier, or `name(params)` for a
 * function-like macro; `value` NULL means "1".  KABI_EINVALID on a bad name.
 */
int kabi_cpp_define(kabi_cpp *cpp, const char *name, const char *value);
/* Like -Uname; undefining an unknown name is not an error. */
int kabi_cpp_undef(kabi_cpp *cpp, const char *name);
/*
 * Freeze `name`: later #define and #undef of it in the input are ignored, so
 * it keeps its current state (defined by kabi_cpp_define or not at all).
 */
int kabi_cpp_protect(kabi_cpp *cpp, const char *name);

void kabi_cpp_set_include(kabi_cpp *cpp, kabi_cpp_include_fn fn, void *ctx);

/*
 * Preprocess `len` bytes of `text`, named `path` (used in messages and passed
 * to the include resolver).  `fn` may be NULL.  Errors (unterminated #if,
 * malformed #define or #if expression, macro expansion beyond the size limit,
 * include nesting deeper than 32, ...) return KABI_EINVALID with
 * "path:line: what" in kabi_error_last().  Macros defined before the error
 * stay defined.
 */
int kabi_cpp_run(kabi_cpp *cpp, const char *path, const char *text, size_t len, kabi_cpp_line_fn fn,
		 void *ctx);

/* 1 if `name` is currently defined, else 0. */
int kabi_cpp_is_defined(const kabi_cpp *cpp, const char *name);

/*
 * Macro-expand `expr` and evaluate it as an #if expression: "__NR_exit" with
 * the mips o32 block active gives 4001.  Unsigned results are returned as
 * their bit pattern.  KABI_EINVALID when it is not a constant expression.
 */
int kabi_cpp_eval(kabi_cpp *cpp, const char *expr, long long *out);

/*
 * kabi_cpp_eval() of `text` when its expansion is numbers and operators
 * alone; KABI_ENOTFOUND when a name is left over or there is no number (an
 * #if reads a name as 0: a header that keeps a retired number in a comment,
 * "#define __NR_idle / * 112 * / Obsolete" in m68k 2.6.32, or defines a name
 * as another undefined name, would otherwise give 0).  Expands once.
 */
int kabi_cpp_eval_number(kabi_cpp *cpp, const char *text, long long *out);

/* Macro-expand `text`; *out is owned by the caller, free(). */
int kabi_cpp_expand(kabi_cpp *cpp, const char *text, char **out);

/* kabi_cpp_eval() and kabi_cpp_expand() may be called from the line callback. */

/*
 * Call `fn` for every currently defined object-like macro, in order of (last)
 * definition, with its body (tokens joined by single spaces, comments
 * removed) and where it was defined ("<command line>", 0 for predefines).
 */
int kabi_cpp_foreach_macro(const kabi_cpp *cpp, kabi_cpp_macro_fn fn, void *ctx);

/* Call `fn` for every #include the resolver could not find, in order. */
int kabi_cpp_foreach_missing(const kabi_cpp *cpp, kabi_cpp_missing_fn fn, void *ctx);

#endif
