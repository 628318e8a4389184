/*
 * harvest.h - build or update a catalog from a kernel git repository.
 */
#ifndef KABI_HARVEST_H
#define KABI_HARVEST_H

#include <signal.h>
#include <stddef.h>

#include "repo.h"

/*
 * What a long operation reports as it goes.  Each phase reports START
 * (done 0, total known), STEP as work completes, and END (done == total)
 * when it finishes; a failed or interrupted phase has no END.  The harvest's
 * phases are "tables" and "signatures" (counting the releases read), then
 * "attribution" (counting ranges, the history between two releases, and
 * the commits walked); publish's (query/site.h) are "exports" and "pages".
 *
 * The callback is never called by two threads at once (the worker threads
 * call it under a lock, so it must not call back into the harvest), and
 * should be quick: the workers wait for it.  The struct and its strings are
 * borrowed for the call only.
 */
typedef enum { KABI_PROGRESS_START, KABI_PROGRESS_STEP, KABI_PROGRESS_END } kabi_progress_event;

typedef struct {
	kabi_progress_event event;
	const char *phase;    /* "tables", "signatures", "attribution", ... */
	const char *unit;     /* what done and total count: "releases", "pages", "files" */
	size_t done, total;
	const char *aux_unit; /* a second counter without a total, or NULL */
	size_t aux;           /* attribution: the "commits" walked so far */
} kabi_progress;

typedef void (*kabi_progress_fn)(void *ctx, const kabi_progress *p);

typedef struct {
	const char *repo;                /* path of the git repository */
	const char *db;                  /* path of the catalog */
	const char *const *patterns;     /* ref patterns; none: release tags */
	size_t npatterns;
	kabi_note_fn note;               /* skipped refs, malformed lines (may be NULL) */
	kabi_progress_fn progress;       /* may be NULL */
	volatile sig_atomic_t *interrupted; /* checked between releases (may be NULL) */
	void *ctx;                       /* passed to note and progress */
} kabi_harvest_opts;

#define KABI_HARVEST_OPTS_INIT {NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL}

typedef struct {
	size_t refs;           /* refs that name a release */
	size_t new_releases;   /* read from git in this run */
	size_t releases;       /* in the catalog afterwards */
	size_t blobs_parsed;   /* distinct table files parsed */
	size_t spans, events;
	size_t warnings;       /* malformed lines and skipped refs */
	int up_to_date;        /* nothing new: the catalog was not rewritten */
} kabi_harvest_stats;

/* Harvests opts->repo into opts->db: reads only releases the catalog does
 * not have (or whose ref moved), and replaces the catalog atomically.  On
 * failure the previous catalog is untouched. */
int kabi_harvest(kabi_harvest_stats *stats, const kabi_harvest_opts *opts);

#endif
