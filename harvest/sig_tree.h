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

/*
 * The cache's view, kept between harvests (the catalog's scan_view): the
 * directories and .c files of the last scanned tree that define no syscall
 * (so also none under them), by name and git id, zlib-compressed.  A
 * directory with definitions is kept by name only, a file with them not at
 * all: a later scan reads those again, and takes the rest over where the
 * ids are the same, as from its own previous scan.  Whether a tree or a
 * blob defines anything is a property of its contents, so a view is right
 * for any later tree; it only saves work.
 *
 * kabi_sig_cache_save(): after a scan, *data malloc'd (*len 0 and *data
 * NULL before the first scan).  kabi_sig_cache_restore(): into a cache
 * that has scanned nothing; -1 (and the cache left empty) when the bytes
 * are not a view this code wrote, a damaged or foreign one: the scan then
 * reads the whole tree.
 */
int kabi_sig_cache_save(const kabi_sig_cache *cache, unsigned char **data, size_t *len);
int kabi_sig_cache_restore(kabi_sig_cache *cache, const unsigned char *data, size_t len);

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
