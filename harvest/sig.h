/*
 * sig.h - syscall signatures: the argument lists of SYSCALL_DEFINEn,
 * COMPAT_SYSCALL_DEFINEn and (before 2.6.29) asmlinkage definitions, read
 * from the text of one C file.  It takes bytes and reads no git.
 *
 * kabi_sig_scan_text() reads one C file's text (also SYSCALL32_DEFINEn,
 * s390's COMPAT_SYSCALL_WRAPn and file-local aliases of the macros): a
 * small lexer that skips comments and literals, follows
 * #if/#ifdef/#elif/#else/#endif (dropping the blocks whose condition is a
 * constant false, `#if 0`, recording the other conditions as text) and takes
 * the definitions at file level that have a body.  Prototypes are not taken.
 *
 * The rest of the signature reader:
 *  - sig_tree.h: kabi_sig_scan_tree() runs this on every .c file of a
 *    release's git tree that mentions SYSCALL_DEFINE or asmlinkage, reading
 *    only what changed since the previous release, and reads the
 *    architectures' Kconfig files (kconfig.h);
 *  - sigset.h: the definitions of one release, and kabi_sig_resolve(),
 *    which picks for an ABI and a table entry point the definition that ABI
 *    compiles.
 *
 * Every string of a kabi_sigdef is interned in the pool the caller passes,
 * so two definitions have the same normalised signature exactly when their
 * `norm` pointers are equal.
 */
#ifndef KABI_SIG_H
#define KABI_SIG_H

#include <stddef.h>

#include "intern.h"

typedef enum {
	KABI_SIG_SYS = 1,        /* SYSCALL_DEFINEn, SYSCALL32_DEFINEn without CONFIG_COMPAT,
				  * a file-local alias of SYSCALL_DEFINEn */
	KABI_SIG_COMPAT = 2,     /* COMPAT_SYSCALL_DEFINEn, SYSCALL32_DEFINEn with CONFIG_COMPAT,
				  * s390's COMPAT_SYSCALL_WRAPn, aliases */
	KABI_SIG_ASMLINKAGE = 3, /* asmlinkage <type> name(...) { ... } */
	KABI_SIG_PLAIN = 4,      /* <type> sys_name(...) { ... } without asmlinkage (2.6 arch code);
				  * only for names sys_*, compat_sys_*, sys32_* */
	KABI_SIG_COND = 5,       /* no definition: cond_syscall(sys_x), COND_SYSCALL(x),
				  * COND_SYSCALL_COMPAT(x) (kernel/sys_ni.c): the symbol is
				  * sys_ni_syscall wherever nothing defines it.  args "" */
	KABI_SIG_ARCH_BROKEN = 6 /* no definition: "#define __ARCH_BROKEN_SYS_CLONE3" in
				  * arch/<arch>/include/asm/unistd.h (name and entry: the
				  * macro; file: that header).  args "" */
} kabi_sig_kind;

typedef struct {
	const char *name;      /* macro name argument ("newuname"), or the function name */
	const char *entry;     /* the symbol it defines: "sys_newuname", "compat_sys_open" */
	const char *args;      /* "unsigned int fd, char __user *buf": as written, comments
				* dropped, whitespace collapsed; "" for no arguments */
	const char *norm;      /* "unsigned int, char *": see kabi_sig_normalize() */
	const char *file;      /* path in the tree */
	const char *cond;      /* enclosing preprocessor conditions joined with " && ",
				* "" when unconditional:
				* "defined(__ARCH_WANT_SYS_CLONE) && defined(CONFIG_CLONE_BACKWARDS)" */
	const char *enosys_if; /* the body starts "#ifdef __ARCH_BROKEN_SYS_<X> ... return
				* -ENOSYS": that macro (kernel/fork.c's clone3, 6.10+); NULL */
	const char *build;     /* the Kconfig options under which the directory's Makefile
				* builds the file (kbuild.h: "" none, NULL unknown); set by
				* the tree scan (sig_tree.h), NULL from kabi_sig_scan_text() */
	int line;              /* line of the macro, of `asmlinkage`, or of a plain
				* definition's name (1-based) */
	int nargs;
	int kind; /* kabi_sig_kind */
} kabi_sigdef;

/*
 * Scans one C file.  *out receives the definitions in file order (owned by
 * the caller, free()); strings are borrowed from pool.  Never fails on
 * content: what cannot be read as a definition is not one.
 */
int kabi_sig_scan_text(kabi_sigdef **out, size_t *n, const char *text, size_t len, const char *path,
		       kabi_intern *pool);

/* The "#define __ARCH_BROKEN_SYS_<X>" lines of an arch's asm/unistd.h, as
 * KABI_SIG_ARCH_BROKEN entries appended to *out (n counts them). */
void kabi_sig_scan_arch_broken(kabi_sigdef **out, size_t *n, const char *text, size_t len, const char *path,
			       kabi_intern *pool);

/*
 * Normalises an argument list so that only ABI-relevant differences remain.
 * `decls` is either C parameter declarations separated by ',' or ';'
 * ("const char __user *filename; int flags") — argument names are dropped —
 * or, with types_only, bare types.  Drops __user, __force and the other
 * sparse annotations, `register`, `volatile` and top-level const; writes
 * pointee const first (`char const *` -> `const char *`); spells integer
 * types one way (`unsigned` -> `unsigned int`, `long int` -> `long`,
 * `long unsigned int` -> `unsigned long`, `signed int` -> `int`); collapses
 * whitespace; joins with ", ".  "void" alone is the empty list.  Borrowed
 * from pool.
 */
const char *kabi_sig_normalize(kabi_intern *pool, const char *decls, int types_only);

#endif
