/* base/pool.c: every worker runs once, on threads of its own, and inline
 * when threads cannot be had. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "tap.h"

#define N 6

typedef struct {
	int runs[N];
	pthread_t self[N];
	pthread_t main;
	pthread_mutex_t lock;
	size_t done; /* jobs taken from the shared counter */
	size_t by[N];
} state;

static void work(size_t k, void *arg)
{
	state *s = arg;

	s->runs[k]++;
	s->self[k] = pthread_self();
	for (;;) {
		size_t j;

		pthread_mutex_lock(&s->lock);
		j = s->done < 1000 ? s->done++ : SIZE_MAX;
		pthread_mutex_unlock(&s->lock);
		if (j == SIZE_MAX)
			break;
		s->by[k]++;
	}
}

static void run(state *s, size_t n)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->main = pthread_self();
	kabi_pool_run(n, work, s);
	pthread_mutex_destroy(&s->lock);
}

static int each_once(const state *s, size_t n)
{
	size_t k, total = 0;

	for (k = 0; k < n; k++) {
		if (s->runs[k] != 1)
			return 0;
		total += s->by[k];
	}
	for (; k < N; k++)
		if (s->runs[k])
			return 0;
	return total == 1000;
}

int main(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cpus > 1 ? (size_t)cpus : 1, k;
	state s;
	int ok;

	if (want > KABI_POOL_MAX)
		want = KABI_POOL_MAX;
	EQ_INT(kabi_pool_size(1000), want);
	EQ_INT(kabi_pool_size(1), 1);
	EQ_INT(kabi_pool_size(0), 1);
	OK(kabi_pool_size(SIZE_MAX) <= KABI_POOL_MAX, "capped");

	run(&s, N);
	OK(each_once(&s, N), "six workers, each once, all jobs done");
	OK(pthread_equal(s.self[0], s.main), "worker 0 runs on the calling thread");
	for (k = 1, ok = 1; k < N; k++)
		ok &= !pthread_equal(s.self[k], s.main);
	OK(ok, "the others on threads of their own");

	run(&s, 1);
	OK(each_once(&s, 1) && pthread_equal(s.self[0], s.main), "one worker: inline");
	run(&s, 0);
	OK(each_once(&s, 0) || s.done == 0, "no worker: nothing runs");
	EQ_INT(s.done, 0);

	/* threads that cannot be created: their share runs inline */
	kabi__pool_fail_threads_after(2);
	run(&s, N);
	OK(each_once(&s, N), "with 2 threads of 5: each once, all jobs done");
	for (k = 1, ok = 0; k < N; k++)
		ok += pthread_equal(s.self[k], s.main);
	EQ_INT(ok, 3);
	kabi__pool_fail_threads_after(0);
	run(&s, N);
	OK(each_once(&s, N), "with no thread at all: each once");
	for (k = 0, ok = 1; k < N; k++)
		ok &= pthread_equal(s.self[k], s.main);
	OK(ok, "all on the calling thread");
	kabi__pool_fail_threads_after(SIZE_MAX);
	return tap_done();
}
