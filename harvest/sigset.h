/*
 * sigset.h - the signatures of one release: every definition the scan
 * found, with the architectures' Kconfig selects, and the choice, for an
 * ABI and a table entry point (`sys_newuname`, `compat_sys_open`), of the
 * definition that ABI compiles: its own arch/<arch>/ definition over the
 * generic one, and among variants the one whose #if condition the ABI's
 * configuration makes true (clone under CONFIG_CLONE_BACKWARDS*, from the
 * arch Kconfig).  No git: sig_tree.h fills a set from a tree, a test can
 * fill one from text.
 */
#ifndef KABI_SIGSET_H
#define KABI_SIGSET_H

#include <stddef.h>

#include "abi.h"
#include "intern.h"
#include "kconfig.h"
#include "sig.h"

/* All definitions at one release, with what resolution needs. */
typedef struct kabi_sigset kabi_sigset;

/*
 * Building a set: new, add the definitions and the Kconfig files, then
 * finish before any lookup.  The set borrows its strings from pool, which
 * must outlive it; *out is owned by the caller (kabi_sigset_free).
 */
int kabi_sigset_new(kabi_sigset **out, kabi_intern *pool);
void kabi_sigset_free(kabi_sigset *set); /* NULL ok */

/* Appends n definitions (copied; their strings must be from the set's pool). */
void kabi_sigset_add(kabi_sigset *set, const kabi_sigdef *defs, size_t n);

/* Adds a copy of the selects of arch/<arch>/Kconfig, or of arch/Kconfig
 * when arch is NULL (replacing an earlier one). */
void kabi_sigset_add_kconfig(kabi_sigset *set, const char *arch, const kabi_kconfig *kc);

/* Records the Kconfig options that the Makefiles from the top of the tree
 * down to directory dir ("fs/notify/fanotify", "" the top) require:
 * "CONFIG_A && CONFIG_B", "" none (kbuild.h).  Strings interned here. */
void kabi_sigset_add_dir(kabi_sigset *set, const char *dir, const char *chain);

/* Sorts the definitions by path and line, and indexes them by entry. */
void kabi_sigset_finish(kabi_sigset *set);

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

/* The arch/<arch>/include/asm/unistd.h that defines macro
 * (__ARCH_BROKEN_SYS_CLONE3), or NULL (borrowed from set). */
const char *kabi_sigset_arch_broken(const kabi_sigset *set, const char *arch, const char *macro);

/* 1 when kernel/sys_ni.c makes entry weak (cond_syscall, COND_SYSCALL,
 * COND_SYSCALL_COMPAT): sys_ni_syscall where no definition is built. */
int kabi_sigset_is_cond(const kabi_sigset *set, const char *entry);

/* The chosen definition of entry for abi, or NULL (borrowed from set). */
const kabi_sigdef *kabi_sig_resolve(const kabi_sigset *set, const kabi_abi_info *abi, const char *entry);

/*
 * 1 when the ABI exists only inside 64-bit kernels (x32, arm64-compat,
 * mips-n32, s390 31-bit: the registry row's kernel_bits is above its bits):
 * where its table row has a compat entry point, that is the one its kernel
 * calls, and the one whose signature counts.  0 for the others, whose
 * native column is a kernel of their own word size (i386's sys_ entries
 * are the 32-bit kernel's; its compat column is what an x86-64 kernel runs
 * for the same numbers).
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

/*
 * The Kconfig options under which definition d is compiled for abi, as far
 * as they can be read: its directory's chain (kabi_sigset_add_dir), its
 * Makefile line (d->build) and the CONFIG_ atoms of the #if around it
 * (defined(CONFIG_X), IS_ENABLED(CONFIG_X), CONFIG_X at the top level of an
 * &&), each once, without those the ABI makes true (64BIT on a 64-bit ABI,
 * an arch's selects; see kabi_sig_cond_eval).  "CONFIG_A && CONFIG_B", or
 * "" for none; interned in the set's pool.
 */
const char *kabi_sigset_built_if(const kabi_sigset *set, const kabi_abi_info *abi, const kabi_sigdef *d);

#endif
