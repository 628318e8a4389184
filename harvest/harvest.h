/*
 * harvest.h - build or update a catalog from a kernel git repository.
 */
#ifndef KABI_HARVEST_H
#define KABI_HARVEST_H

#include <signal.h>
#include <stddef.h>

#include "repo.h"
#include "report.h" /* kabi_progress */

typedef struct {
	const char *repo;            /* path of the git repository */
	const char *db;              /* path of the catalog */
	const char *const *patterns; /* ref patterns; none: release tags */
	size_t npatterns;
	kabi_note_fn note;                  /* skipped refs, malformed lines (may be NULL) */
	kabi_progress_fn progress;          /* may be NULL */
	volatile sig_atomic_t *interrupted; /* checked between releases (may be NULL) */
	void *ctx;                          /* passed to note and progress */
} kabi_harvest_opts;

#define KABI_HARVEST_OPTS_INIT                                                                               \
	{                                                                                                    \
		NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL                                                  \
	}

/* One phase of a harvest as it ran (for performance work: `kabi harvest`
 * prints them when KABI_TRACE_PHASES is set). */
typedef struct {
	const char *name; /* "tables", "signatures", "spans", "attribution", "write" */
	double wall, cpu; /* seconds; cpu: the process's, every thread */
	long rss_mib;     /* resident set at its end */
} kabi_harvest_phase;

#define KABI_HARVEST_MAX_PHASES 8

typedef struct {
	kabi_harvest_phase phases[KABI_HARVEST_MAX_PHASES];
	size_t nphases;
	size_t refs;         /* refs that name a release */
	size_t new_releases; /* read from git in this run */
	size_t releases;     /* in the catalog afterwards */
	size_t blobs_parsed; /* distinct table files parsed */
	size_t spans, events;
	size_t warnings; /* malformed lines and skipped refs */
	int up_to_date;  /* nothing new: the catalog was not rewritten */
} kabi_harvest_stats;

/* Harvests opts->repo into opts->db: reads only releases the catalog does
 * not have (or whose ref moved), and replaces the catalog atomically.  On
 * failure the previous catalog is untouched. */
int kabi_harvest(kabi_harvest_stats *stats, const kabi_harvest_opts *opts);

#endif
