#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "suggest.h"

size_t kabi_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[65];

	if (la > 64 || lb > 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (tolower((unsigned char)a[i - 1]) !=
							   tolower((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/*
 * The distance from the word whose positions peq gives (peq[c]: bit i set
 * when its character i is c, lower case; m characters, 1..64) to b (at
 * most 64): Myers's bit-parallel algorithm, as Hyyrö states it for the
 * distance between two whole strings, one column of the table per
 * character of b.  Pv/Mv: the column's vertical differences +1/-1;
 * score: its last entry.
 */
static size_t distance_bits(const uint64_t *peq, size_t m, const char *b)
{
	uint64_t pv = ~UINT64_C(0), mv = 0, last = UINT64_C(1) << (m - 1);
	size_t score = m;

	for (; *b; b++) {
		uint64_t eq = peq[(unsigned char)tolower((unsigned char)*b)], xv = eq | mv,
			 xh = (((eq & pv) + pv) ^ pv) | eq, ph = mv | ~(xh | pv), mh = pv & xh;

		if (ph & last)
			score++;
		else if (mh & last)
			score--;
		ph = (ph << 1) | 1; /* the first row: one more each column */
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
	}
	return score;
}

/* An insertion into the max best so far, kept sorted by distance; equal
 * distances keep the candidates' order. */
size_t kabi_suggest_closest(size_t *best, size_t max, const char *word, const char *const *cands, size_t n)
{
	size_t *bestd, found = 0, i, k, lw = strlen(word), limit = lw / 3 + 2;
	uint64_t peq[256] = {0};

	if (!max)
		return 0;
	bestd = kabi_malloc(max * sizeof(*bestd));
	for (i = 0; i < lw && i < 64; i++)
		peq[(unsigned char)tolower((unsigned char)word[i])] |= UINT64_C(1) << i;
	for (i = 0; i < n; i++) {
		size_t lc = strlen(cands[i]), d;

		/* only whether it is above limit matters when it is: it is
		 * when the lengths differ by more */
		if (lw > 64 || lc > 64)
			d = 99;
		else if ((lw > lc ? lw - lc : lc - lw) > limit)
			d = limit + 1;
		else if (lw == 0)
			d = lc;
		else
			d = distance_bits(peq, lw, cands[i]);

		/* a prefix or substring match counts as close */
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
	free(bestd);
	return found;
}
