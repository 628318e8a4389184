/*
 * sig.h - syscall signatures: the argument lists of SYSCALL_DEFINEn,
 * COMPAT_SYSCALL_DEFINEn and (before 2.6.29) asmlinkage definitions, read
 * from a kernel tree, and matched to a table's entry points.
 *
 * Three layers:
 *  - kabi_sig_scan_text() reads one C file's text (also SYSCALL32_DEFINEn,
 *    s390's COMPAT_SYSCALL_WRAPn and file-local aliases of the macros): a
 *    small lexer that skips comments and literals, follows
 *    #if/#ifdef/#elif/#else/#endif (dropping `#if 0` blocks, recording the
 *    other conditions as text) and takes the definitions at file level that
 *    have a body.  Prototypes are not taken.
 *  - kabi_sig_scan_tree() does that for every .c file of a release's tree
 *    that mentions SYSCALL_DEFINE or asmlinkage, reading only what changed
 *    since the previous release through a kabi_sig_cache, and reads the
 *    architectures' Kconfig `select`s that choose between variants.
 *  - kabi_sig_resolve() picks, for an ABI and a table entry point
 *    (`sys_newuname`, `compat_sys_open`), the definition that ABI compiles:
 *    its own arch/<arch>/ definition over the generic one, and among
 *    variants the one whose #if condition the ABI's configuration makes
 *    true (clone under CONFIG_CLONE_BACKWARDS*, from the arch Kconfig).
 *
 * Every string of a kabi_sigdef is interned in the pool the caller passes,
 * so two definitions have the same normalised signature exactly when their
 * `norm` pointers are equal.
 */
#ifndef KABI_SIG_H
#define KABI_SIG_H

#include <git2.h>
#include <stddef.h>

#include "abi.h"
#include "intern.h"
#include "repo.h"

typedef enum {
	KABI_SIG_SYS = 1,        /* SYSCALL_DEFINEn, SYSCALL32_DEFINEn without CONFIG_COMPAT,
				  * a file-local alias of SYSCALL_DEFINEn */
	KABI_SIG_COMPAT = 2,     /* COMPAT_SYSCALL_DEFINEn, SYSCALL32_DEFINEn with CONFIG_COMPAT,
				  * s390's COMPAT_SYSCALL_WRAPn, aliases */
	KABI_SIG_ASMLINKAGE = 3, /* asmlinkage <type> name(...) { ... } */
	KABI_SIG_PLAIN = 4       /* <type> sys_name(...) { ... } without asmlinkage (2.6 arch code);
				  * only for names sys_*, compat_sys_*, sys32_* */
} kabi_sig_kind;

typedef struct {
	const char *name;  /* macro name argument ("newuname"), or the function name */
	const char *entry; /* the symbol it defines: "sys_newuname", "compat_sys_open" */
	const char *args;  /* "unsigned int fd, char __user *buf": as written, comments
			    * dropped, whitespace collapsed; "" for no arguments */
	const char *norm;  /* "unsigned int, char *": see kabi_sig_normalize() */
	const char *file;  /* path in the tree */
	const char *cond;  /* enclosing preprocessor conditions joined with " && ",
			    * "" when unconditional:
			    * "defined(__ARCH_WANT_SYS_CLONE) && defined(CONFIG_CLONE_BACKWARDS)" */
	int line;          /* line of the macro, of `asmlinkage`, or of a plain
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

/* The previous scan's tree, directory by directory (tree ids, the .c and
 * Kconfig files' blob ids and what they held), so that the next scan walks
 * only the directories and reads only the files that changed: scan
 * releases in order through one cache.  It holds one tree's worth. */
typedef struct kabi_sig_cache kabi_sig_cache;

/* pool must outlive the cache and every set scanned through it.  A cache
 * (and its pool) is used by one thread at a time. */
int kabi_sig_cache_new(kabi_sig_cache **out, kabi_intern *pool);
void kabi_sig_cache_free(kabi_sig_cache *cache); /* NULL ok */

typedef struct {
	size_t files;  /* .c files seen in the tree */
	size_t read;   /* blobs read and tested (not in the cache yet) */
	size_t parsed; /* of those, passing the cheap test and so parsed */
	size_t bytes_read;
	size_t defs; /* definitions in the set */
} kabi_sig_stats;

/* All definitions at one release, with what resolution needs. */
typedef struct kabi_sigset kabi_sigset;

/*
 * Scans the tree `tree` of repo: every blob whose path ends in ".c" (outside
 * tools/, samples/, Documentation/, usr/) is tested for "asmlinkage" and
 * "SYSCALL_DEFINE" (or SYSCALL32_DEFINE, _WRAP) and parsed when it has one;
 * arch/Kconfig and arch/<arch>/Kconfig are read for `select`s.  What is
 * the same as in the cache's previous scan is not read again.  *out is owned by the caller
 * (kabi_sigset_free); it borrows from the cache's pool, and stays valid
 * after the cache is freed as long as the pool lives.  stats may be NULL.
 */
int kabi_sig_scan_tree(kabi_sigset **out, kabi_repo *repo, const git_oid *tree, kabi_sig_cache *cache,
		       kabi_sig_stats *stats);
void kabi_sigset_free(kabi_sigset *set); /* NULL ok */

/* The definitions in path order, then line order.  Borrowed from set. */
const kabi_sigdef *kabi_sigset_defs(const kabi_sigset *set, size_t *n);

/* Why a candidate ranks where it does, for display and the catalog. */
typedef enum {
	KABI_SIGR_CHOSEN = 0,   /* the definition the ABI compiles */
	KABI_SIGR_VARIANT = 1,  /* same place, another configuration (clone's variants) */
	KABI_SIGR_EXCLUDED = 2, /* its condition is false for this ABI */
	KABI_SIGR_SHADOWED = 3  /* a generic or secondary definition the arch's own one replaces */
} kabi_sig_verdict;

typedef struct {
	const kabi_sigdef *def;
	int verdict; /* kabi_sig_verdict */
} kabi_sigcand;

/*
 * Every definition of `entry` (normalised: "sys_clone", not "__x64_sys_clone")
 * that can concern `abi`, best first: definitions in other architectures'
 * directories are left out.  Writes at most max candidates and returns how
 * many there are (0: no definition).  cand[0].verdict is KABI_SIGR_CHOSEN
 * unless every candidate's condition is false for the ABI.  An entry with no
 * definition that names an assembly trampoline is looked up as the C
 * function behind it: "sys_statfs64_wrapper" -> "sys_statfs64" (arm),
 * "__sys_clone" -> "sys_clone" (mips).  Ranking: false conditions last, then
 * the arch's own directory over generic code over stand-ins (mm/nommu.c),
 * then a file named for the kernel's word size (process_64.c), then true
 * conditions over unknown ones; docs/signatures.md has the details.
 */
size_t kabi_sig_candidates(kabi_sigcand *cand, size_t max, const kabi_sigset *set, const kabi_abi_info *abi,
			   const char *entry);

/* The chosen definition of entry for abi, or NULL (borrowed from set). */
const kabi_sigdef *kabi_sig_resolve(const kabi_sigset *set, const kabi_abi_info *abi, const char *entry);

/*
 * 1 when the ABI exists only inside 64-bit kernels (x32, arm64-compat,
 * mips-n32, s390 31-bit): where its table row has a compat entry point,
 * that is the one its kernel calls, and the one whose signature counts.
 * 0 for the others, whose native column is a kernel of their own word size
 * (i386's sys_ entries are the 32-bit kernel's; its compat column is what
 * an x86-64 kernel runs for the same numbers).
 */
int kabi_sig_abi_compat_only(const kabi_abi_info *abi);

/*
 * Evaluates a recorded condition (kabi_sigdef.cond) for abi at this
 * release: 1 true, 0 false, -1 unknown.  `compat` says whether the entry
 * point is a compat one (the kernel is then 64-bit with CONFIG_COMPAT).
 * Known: the ABI's word size symbols (64BIT, X86_32, PPC64 ...), COMPAT for
 * compat entries, and the symbols the arch Kconfig selects.
 */
int kabi_sig_cond_eval(const kabi_sigset *set, const kabi_abi_info *abi, int compat, const char *cond);

#endif
