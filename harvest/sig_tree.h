/*
 * sig_tree.h - signatures read from a release's git tree: every .c file
 * that defines a syscall goes through kabi_sig_scan_text() (sig.h), and the
 * architectures' Kconfig files through kabi_kconfig_parse() (kconfig.h),
 * into a kabi_sigset (sigset.h).
 */
#ifndef KABI_SIG_TREE_H
#define KABI_SIG_TREE_H

#include <git2.h>
#include <stddef.h>

#include "intern.h"
#include "repo.h"
#include "sig.h"
#include "sigset.h"

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

/*
 * Scans the tree `tree` of repo: every blob whose path ends in ".c" (outside
 * tools/, samples/, Documentation/, usr/) is tested for "asmlinkage" and
 * "SYSCALL_DEFINE" (or SYSCALL32_DEFINE, _WRAP) and parsed when it has one;
 * arch/Kconfig and arch/<arch>/Kconfig are read for `select`s, every
 * Makefile and Kbuild for the Kconfig options that build each .c file
 * (kabi_sigdef.build) and each directory (kabi_sigset_add_dir).  What is
 * the same as in the cache's previous scan is not read again.  *out is owned by the caller
 * (kabi_sigset_free); it borrows from the cache's pool, and stays valid
 * after the cache is freed as long as the pool lives.  stats may be NULL.
 */
int kabi_sig_scan_tree(kabi_sigset **out, kabi_repo *repo, const git_oid *tree, kabi_sig_cache *cache,
		       kabi_sig_stats *stats);

#endif
