/* "Did you mean": edit distance, and the closest candidates in order. */
#include <stdio.h>
#include <string.h>

#include "suggest.h"
#include "tap.h"

/* kabi_suggest_closest as its comment says it, from kabi_edit_distance of
 * every candidate: its own ways (lengths too far apart, the bit-parallel
 * distance) must not change a suggestion. */
static size_t reference(size_t *best, size_t max, const char *word, const char *const *cands, size_t n)
{
	size_t bestd[8], found = 0, i, k, limit = strlen(word) / 3 + 2;

	for (i = 0; i < n; i++) {
		size_t d = kabi_edit_distance(word, cands[i]);

		if (d > limit && strlen(word) >= 3 && strstr(cands[i], word))
			d = limit;
		if (d > limit)
			continue;
		for (k = 0; k < found && bestd[k] <= d; k++)
			;
		if (k == max)
			continue;
		if (found < max)
			found++;
		memmove(&best[k + 1], &best[k], (found - 1 - k) * sizeof(*best));
		memmove(&bestd[k + 1], &bestd[k], (found - 1 - k) * sizeof(*bestd));
		best[k] = i;
		bestd[k] = d;
	}
	return found;
}

static void same_as_reference(void)
{
	static const char *const cands[] = {
		"open",
		"openat",
		"openat2",
		"close",
		"close_range",
		"read",
		"readv",
		"pread64",
		"write",
		"writev",
		"clone",
		"clone3",
		"io_setup",
		"io_submit",
		"setuid",
		"setgid",
		"getuid",
		"getuid32",
		"epoll_wait",
		"epoll_pwait2",
		"osf_syscall",
		"sys_syscall",
		"_sysctl",
		"x",
		"rt_sigaction",
		"sigaction",
		"timerfd_settime",
		"timer_settime",
		"Open",
		"OPENAT",
		"a_name_of_exactly_sixty_four_characters_for_the_bit_parallel_abc",
		"a_name_of_sixty_five_characters_which_is_never_close_to_anything_",
	};
	static const char *const words[] = {
		"opne",
		"clos",
		"no_such_syscall_1",
		"setup",
		"io_stup",
		"rt_sigactoin",
		"x",
		"xy",
		"",
		"READV",
		"sysctl",
		"timer_set",
		"epollwait",
		"syscall",
		"o",
		"zzzzzzzzz",
		"getuid3",
		"pread",
		"OpEn",
		"a_name_of_exactly_sixty_four_characters_for_the_bit_parallel_abd",
		"a_name_of_exactly_sixty_four_characters_for_the_bit_parallel_ab",
		"a_name_of_sixty_five_characters_which_is_never_close_to_anything_",
		"\xc3\xa9open",
		"ope\x01",
	};
	size_t nc = sizeof(cands) / sizeof(cands[0]), w, i, max;
	char what[64];

	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		for (max = 1; max <= 5; max += 2) {
			size_t got[8], want[8], ng = kabi_suggest_closest(got, max, words[w], cands, nc),
						nw = reference(want, max, words[w], cands, nc);
			int same = ng == nw;

			for (i = 0; same && i < ng; i++)
				same = got[i] == want[i];
			snprintf(what, sizeof(what), "'%s', %zu: as the reference", words[w], max);
			OK(same, what);
		}
	}
}

int main(void)
{
	static const char *const sys[] = {"open", "openat", "openat2", "close",
					  "read", "write",  "clone3",  "io_setup"};
	static const char *const abis[] = {"x86_64", "x32", "i386", "arm64", "mips-o32"};
	size_t best[3], n;

	EQ_INT(kabi_edit_distance("", ""), 0);
	EQ_INT(kabi_edit_distance("open", "open"), 0);
	EQ_INT(kabi_edit_distance("opne", "open"), 2);
	EQ_INT(kabi_edit_distance("open", "openat"), 2);
	EQ_INT(kabi_edit_distance("kitten", "sitting"), 3);
	EQ_INT(kabi_edit_distance("", "abc"), 3);
	{
		char longw[80];

		memset(longw, 'a', sizeof(longw) - 1);
		longw[sizeof(longw) - 1] = '\0';
		OK(kabi_edit_distance(longw, longw) > 64, "a word over 64 characters is never close");
	}

	/* "opne" (limit 4 / 3 + 2 = 3): open (2), openat (3); openat2 and close are 4 away */
	n = kabi_suggest_closest(best, 3, "opne", sys, sizeof(sys) / sizeof(sys[0]));
	EQ_INT(n, 2);
	EQ_STR(sys[best[0]], "open");
	EQ_STR(sys[best[1]], "openat");
	/* equal distances keep the candidates' order: "clone" is 1 from close and clone3 */
	n = kabi_suggest_closest(best, 3, "clone", sys, sizeof(sys) / sizeof(sys[0]));
	OK(n >= 2, "clone: two candidates at distance 1");
	EQ_STR(sys[best[0]], "close");
	EQ_STR(sys[best[1]], "clone3");
	/* the limit: one slot only keeps the closest */
	n = kabi_suggest_closest(best, 1, "opne", sys, sizeof(sys) / sizeof(sys[0]));
	EQ_INT(n, 1);
	EQ_STR(sys[best[0]], "open");
	/* a substring counts as close: "setup" is 3 edits and more from io_setup */
	n = kabi_suggest_closest(best, 3, "setup", sys, sizeof(sys) / sizeof(sys[0]));
	EQ_INT(n, 1);
	EQ_STR(sys[best[0]], "io_setup");
	/* nothing close */
	EQ_INT(kabi_suggest_closest(best, 3, "zzzzzzzz", sys, sizeof(sys) / sizeof(sys[0])), 0);
	EQ_INT(kabi_suggest_closest(best, 0, "open", sys, sizeof(sys) / sizeof(sys[0])), 0);
	EQ_INT(kabi_suggest_closest(best, 3, "open", sys, 0), 0);
	/* case does not count: "READ" is read, first (strace -X raw, a shell's
	 * upper-case list) */
	EQ_INT(kabi_edit_distance("READ", "read"), 0);
	EQ_INT(kabi_edit_distance("Opne", "open"), 2);
	n = kabi_suggest_closest(best, 3, "READ", sys, sizeof(sys) / sizeof(sys[0]));
	OK(n >= 1 && strcmp(sys[best[0]], "read") == 0, "READ -> read");
	/* ABIs */
	n = kabi_suggest_closest(best, 3, "x86-64", abis, sizeof(abis) / sizeof(abis[0]));
	OK(n >= 1 && strcmp(abis[best[0]], "x86_64") == 0, "x86-64 -> x86_64");
	n = kabi_suggest_closest(best, 3, "arm", abis, sizeof(abis) / sizeof(abis[0]));
	OK(n >= 1 && strcmp(abis[best[0]], "arm64") == 0, "arm -> arm64");
	same_as_reference();
	return tap_done();
}
