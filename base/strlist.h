/*
 * strlist.h - a list of owned strings.
 */
#ifndef KABI_STRLIST_H
#define KABI_STRLIST_H

#include <stddef.h>

typedef struct {
	char **v; /* each owned by the list */
	size_t n, alloc;
} kabi_strlist;

#define KABI_STRLIST_INIT                                                                                    \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}

/* Appends a copy of s (of len bytes: kabi_strlist_addn). */
void kabi_strlist_add(kabi_strlist *l, const char *s);
void kabi_strlist_addn(kabi_strlist *l, const char *s, size_t len);
/* Appends s itself, which the list now owns. */
void kabi_strlist_add_owned(kabi_strlist *l, char *s);
/* Frees every string and the list's array, and empties it. */
void kabi_strlist_free(kabi_strlist *l);

#endif
