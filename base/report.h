/*
 * report.h - progress reports from long work (a harvest's phases, publish's
 * pages): the library reports, query/progress.c shows them.
 */
#ifndef KABI_REPORT_H
#define KABI_REPORT_H

#include <stddef.h>

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
	const char *phase; /* "tables", "signatures", "attribution", ... */
	const char *unit;  /* what done and total count: "releases", "pages", "files" */
	size_t done, total;
	const char *aux_unit; /* a second counter without a total, or NULL */
	size_t aux;           /* attribution: the "commits" walked so far */
} kabi_progress;

typedef void (*kabi_progress_fn)(void *ctx, const kabi_progress *p);

#endif
