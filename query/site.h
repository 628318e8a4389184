/*
 * site.h - the published offline catalog: a static web site generated from
 * the catalog with libxml2's tree API (see docs/publish.md).
 *
 * kabi_site_write() writes, under dir only:
 *   index.html               ABIs, releases, downloads, search
 *   syscalls.html            every syscall name
 *   abi/ABI.html             the table at any release (chosen on the page)
 *   syscall/NAME.html        a syscall's history on every ABI
 *   diff/RELEASE.html        what changed from the release before
 *   data/, kabi.js, style.css  data and code for the pages
 * File names come from catalog names; a name that is not a plain file name
 * (kabi_site_safe_name) gets no page, and is reported.
 */
#ifndef KABI_SITE_H
#define KABI_SITE_H

#include "read.h"
#include "report.h" /* kabi_progress_fn */

/* Statistics of one run, for the caller's summary. */
typedef struct {
	int pages, files, skipped;
} kabi_site_stats;

/* Writes the site of catalog c (borrowed) into the existing directory dir.  0, or a negative KABI_E*
 * code with kabi_error_last().  Names it skipped are printed to stderr by
 * the caller from stats->skipped (the library part does not print).  Reports
 * the "pages" phase, one step per page, to progress (may be NULL) with ctx. */
int kabi_site_write(kabi_catalog *c, const char *dir, kabi_site_stats *stats, kabi_progress_fn progress,
		    void *ctx);

/* 1 when s can be a file name in the site: 1-200 characters of
 * [A-Za-z0-9_.+-], not starting with '.', no "..": never a path. */
int kabi_site_safe_name(const char *s);

/* Writes len bytes to path, which must not be a symbolic link (O_NOFOLLOW):
 * publishing never writes through a link out of its directory. */
int kabi_site_write_file(const char *path, const void *buf, size_t len);

/* mkdir dir/sub unless it is a directory already; a symbolic link fails. */
int kabi_site_mkdir(const char *dir, const char *sub);

#endif
