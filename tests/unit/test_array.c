/* base/array.c, base/strlist.c: growth, the overflow checks, and that an
 * overflowing size aborts instead of allocating short. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "strlist.h"
#include "tap.h"

/* Runs KABI_ARRAY_GROW with a size that overflows in a child: it must die
 * of SIGABRT, not return a short buffer. */
static int grow_dies(size_t need, size_t *alloc_in)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		uint64_t *v = NULL;
		size_t alloc = *alloc_in;

		/* the message on stderr is expected; keep the test output clean */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		KABI_ARRAY_GROW(v, need, alloc);
		v[need - 1] = 1;
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

int main(void)
{
	int *v = NULL;
	long *par = NULL;
	size_t n = 0, alloc = 0, a, bytes, i, reallocs = 0;
	int ok = 1;

	/* growth: room for each element, by doubling */
	for (i = 0; i < 100000; i++) {
		size_t before = alloc;

		KABI_ARRAY_GROW(v, n + 1, alloc);
		if (alloc != before) {
			reallocs++;
			KABI_ARRAY_RESIZE(par, alloc);
			ok &= alloc >= 2 * before && alloc >= KABI_ARRAY_MIN;
		}
		v[n] = (int)i;
		par[n] = (long)i;
		n++;
	}
	OK(ok, "each growth at least doubles, to at least KABI_ARRAY_MIN");
	OK(reallocs <= 16, "100000 appends: %zu reallocations", reallocs);
	for (i = 0, ok = 1; i < n; i++)
		ok &= v[i] == (int)i && par[i] == (long)i;
	OK(ok, "the elements survive the growth");
	a = alloc;
	KABI_ARRAY_GROW(v, n, alloc);
	EQ_INT(alloc, a);
	KABI_ARRAY_GROW(v, alloc + 1000000, alloc);
	OK(alloc >= a + 1000000, "a need beyond double is met exactly or more: %zu", alloc);
	free(v);
	free(par);

	/* the sizes, checked */
	EQ_INT(kabi_array_size(&a, &bytes, 0, 1, 8), 0);
	EQ_INT(a, KABI_ARRAY_MIN);
	EQ_INT(bytes, KABI_ARRAY_MIN * 8);
	EQ_INT(kabi_array_size(&a, &bytes, 100, 101, 4), 0);
	EQ_INT(a, 200);
	EQ_INT(bytes, 800);
	EQ_INT(kabi_array_size(&a, &bytes, 100, 1000, 4), 0);
	EQ_INT(a, 1000);
	EQ_INT(kabi_array_size(&a, &bytes, 0, SIZE_MAX / 8 + 1, 8), KABI_ENOMEM);
	OK(strstr(kabi_error_last(), "do not fit in memory") != NULL, "message: %s", kabi_error_last());
	EQ_INT(kabi_array_size(&a, &bytes, SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2, 1), 0);
	EQ_INT(a, SIZE_MAX / 2 + 2);
	EQ_INT(kabi_array_size(&a, &bytes, SIZE_MAX / 3, SIZE_MAX / 3 + 1, 1), 0);
	OK(a == SIZE_MAX / 3 * 2 && bytes == a, "doubling near the top: %zu elements, %zu bytes", a, bytes);
	EQ_INT(kabi_array_size(&a, &bytes, SIZE_MAX / 3, SIZE_MAX / 3 + 1, 2), KABI_ENOMEM);
	EQ_INT(kabi_size_mul(&bytes, SIZE_MAX / 2, 2), 0);
	EQ_INT(kabi_size_mul(&bytes, SIZE_MAX / 2 + 1, 2), KABI_ENOMEM);
	EQ_INT(kabi_size_mul(&bytes, 0, SIZE_MAX), 0);
	EQ_INT(bytes, 0);

	/* an overflowing size aborts (element size 8: need * 8 wraps) */
	alloc = 0;
	OK(grow_dies(SIZE_MAX / 8 + 2, &alloc), "a need whose size wraps around aborts");
	alloc = SIZE_MAX / 16 + 1;
	OK(grow_dies(alloc + 1, &alloc), "doubling past SIZE_MAX bytes aborts");

	/* strlist */
	{
		kabi_strlist l = KABI_STRLIST_INIT;
		char buf[16];

		for (i = 0; i < 1000; i++) {
			snprintf(buf, sizeof(buf), "s%zu", i);
			kabi_strlist_add(&l, buf);
		}
		kabi_strlist_addn(&l, "abcdef", 3);
		kabi_strlist_add_owned(&l, kabi_strdup("owned"));
		EQ_INT(l.n, 1002);
		EQ_STR(l.v[0], "s0");
		EQ_STR(l.v[999], "s999");
		EQ_STR(l.v[1000], "abc");
		EQ_STR(l.v[1001], "owned");
		kabi_strlist_free(&l);
		OK(l.v == NULL && l.n == 0 && l.alloc == 0, "freed and empty");
		kabi_strlist_free(&l);
	}
	return tap_done();
}
