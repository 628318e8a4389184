/*
 * suggest.h - "did you mean": the candidates closest to a word the user
 * typed, by edit distance, as indexes (the caller decides how to say it).
 */
#ifndef KABI_SUGGEST_H
#define KABI_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b, ignoring case (syscall and ABI
 * names are lower case; "READ" means read); words longer than 64
 * characters are never close (a large number). */
size_t kabi_edit_distance(const char *a, const char *b);

/*
 * Fills best[0..max-1] with the indexes into cands of the candidates
 * closest to word, closest first (ties: the earlier candidate first), and
 * returns how many it found.  A candidate is close when its distance is at
 * most strlen(word) / 3 + 2, or when word (3 characters or more) is a
 * substring of it.
 */
size_t kabi_suggest_closest(size_t *best, size_t max, const char *word, const char *const *cands, size_t n);

#endif
