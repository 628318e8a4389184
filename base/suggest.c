#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "suggest.h"

/* The distance, or any number above max once it must be above max: every
 * entry of a row is at least the row's least, and the rows' least never
 * falls.  Words longer than 64 characters: 99. */
static size_t distance_max(const char *a, size_t la, const char *b, size_t lb, size_t max)
{
	size_t row[65], i, j;

	if (la > 64 || lb > 64)
		return 99;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1; /* at least the difference of the lengths */
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], least;

		row[0] = least = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (tolower((unsigned char)a[i - 1]) !=
							   tolower((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
			if (best < least)
				least = best;
		}
		if (least > max)
			return max + 1;
	}
	return row[lb];
}

size_t kabi_edit_distance(const char *a, const char *b)
{
	return distance_max(a, strlen(a), b, strlen(b), 99);
}

/* An insertion into the max best so far, kept sorted by distance; equal
 * distances keep the candidates' order. */
size_t kabi_suggest_closest(size_t *best, size_t max, const char *word, const char *const *cands, size_t n)
{
	size_t *bestd, found = 0, i, k, lw = strlen(word), limit = lw / 3 + 2;

	if (!max)
		return 0;
	bestd = kabi_malloc(max * sizeof(*bestd));
	for (i = 0; i < n; i++) {
		/* only whether it is above limit matters when it is */
		size_t d = distance_max(word, lw, cands[i], strlen(cands[i]), limit);

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
