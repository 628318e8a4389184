#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "error.h"
#include "pool.h"

static size_t fail_after = SIZE_MAX;

void kabi__pool_fail_threads_after(size_t after)
{
	fail_after = after;
}

size_t kabi_pool_size(size_t jobs)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cpus > 1 ? (size_t)cpus : 1;

	if (n > KABI_POOL_MAX)
		n = KABI_POOL_MAX;
	if (n > jobs)
		n = jobs ? jobs : 1;
	return n;
}

typedef struct {
	void (*fn)(size_t k, void *arg);
	void *arg;
	size_t k;
	pthread_t tid;
	int started;
} slot;

static void *run_slot(void *p)
{
	slot *s = p;

	s->fn(s->k, s->arg);
	return NULL;
}

void kabi_pool_run(size_t n, void (*fn)(size_t k, void *arg), void *arg)
{
	slot *s;
	size_t k, created = 0;

	if (n == 0)
		return;
	if (n == 1) {
		fn(0, arg);
		return;
	}
	s = kabi_calloc(n, sizeof(*s));
	for (k = 1; k < n; k++) {
		s[k].fn = fn;
		s[k].arg = arg;
		s[k].k = k;
		if (created < fail_after && pthread_create(&s[k].tid, NULL, run_slot, &s[k]) == 0) {
			s[k].started = 1;
			created++;
		}
	}
	fn(0, arg);
	for (k = 1; k < n; k++)
		if (!s[k].started)
			fn(k, arg); /* no thread: its share runs here */
	for (k = 1; k < n; k++)
		if (s[k].started)
			pthread_join(s[k].tid, NULL);
	free(s);
}
