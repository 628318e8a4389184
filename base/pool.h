/*
 * pool.h - running independent jobs on the machine's processors, written once.
 *
 * The caller sets up one state per worker (its own repository handle,
 * caches, error message: whatever is not thread-safe to share), then runs
 * them:
 *
 *	size_t n = kabi_pool_size(njobs), k;
 *	... ws = kabi_calloc(n, sizeof(*ws)); set up ws[k] ...
 *	kabi_pool_run(n, work, ws);	// work(k, ws) for every k
 *
 * How the jobs are shared among the workers (a counter under a lock, or a
 * fixed slice each) is the caller's, as is what they share.
 */
#ifndef KABI_POOL_H
#define KABI_POOL_H

#include <stddef.h>

/*
 * At most this many workers.  Each one carries its own repository handle
 * and caches (pack indexes, blob and tree caches, a string pool), so memory
 * grows with every worker, while what they share (the model's string pool,
 * the progress) is taken under one lock; the harvest's phases were sized
 * and measured on machines of up to 8 processors, not beyond.
 */
#define KABI_POOL_MAX 8

/* The number of workers for `jobs` independent jobs: one per online
 * processor (sysconf(_SC_NPROCESSORS_ONLN)), at most KABI_POOL_MAX and at
 * most jobs, at least 1. */
size_t kabi_pool_size(size_t jobs);

/*
 * Calls fn(k, arg) for every k in [0, n) and returns when all have
 * returned: k = 0 on the calling thread, each other on a thread of its own.
 * A worker whose thread cannot be created runs on the calling thread after
 * worker 0 (so fn must not wait for another worker).
 */
void kabi_pool_run(size_t n, void (*fn)(size_t k, void *arg), void *arg);

/* For tests: thread creations after the first `after` fail (SIZE_MAX:
 * none, the default). */
void kabi__pool_fail_threads_after(size_t after);

#endif
