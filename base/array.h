/*
 * array.h - growable arrays, written once (git's ALLOC_GROW).
 *
 * An array is three things its owner keeps side by side: the pointer, the
 * number of elements in use and the number allocated (a size_t):
 *
 *	kabi_foo *v = NULL;
 *	size_t n = 0, alloc = 0;
 *
 *	KABI_ARRAY_GROW(v, n + 1, alloc);
 *	v[n++] = foo;
 *
 * The capacity at least doubles, so n appends copy O(n) elements in all.
 * It starts small (KABI_ARRAY_MIN): many arrays hold a handful (a JSON
 * object's members, a directory's watched entries), and a big one pays
 * only a few more reallocations for it.  The byte size is computed with an
 * overflow check: a size that does not fit in size_t is an allocation that
 * cannot succeed, and is treated like any other (error.h: the process
 * aborts with "kabi: out of memory") rather than wrapping around to a short
 * buffer that the caller then writes past.
 */
#ifndef KABI_ARRAY_H
#define KABI_ARRAY_H

#include <stddef.h>

#define KABI_ARRAY_MIN 4

/* Makes room for `need` elements in v, of which `alloc` are allocated;
 * alloc must be a size_t lvalue.  Arguments may be evaluated twice. */
#define KABI_ARRAY_GROW(v, need, alloc)                                                                      \
	do {                                                                                                 \
		if ((need) > (alloc))                                                                        \
			(v) = kabi_array_grow_((v), &(alloc), (need), sizeof(*(v)));                         \
	} while (0)

/* Sets v to exactly n elements (a second array kept parallel to one grown
 * with KABI_ARRAY_GROW: resize it to the first one's alloc). */
#define KABI_ARRAY_RESIZE(v, n) ((v) = kabi_array_resize_((v), (n), sizeof(*(v))))

/*
 * The capacity that KABI_ARRAY_GROW moves an array of `alloc` elements to
 * so that it holds `need`, and its size in bytes.  Returns 0, or
 * KABI_ENOMEM (message set) when the size does not fit in size_t.
 */
int kabi_array_size(size_t *out_alloc, size_t *out_bytes, size_t alloc, size_t need, size_t elsize);

/* n * size, or KABI_ENOMEM (message set) when it overflows. */
int kabi_size_mul(size_t *out, size_t n, size_t size);

/* The functions behind the macros: they return the (re)allocated array and
 * abort like kabi_realloc() when the size overflows or memory runs out. */
void *kabi_array_grow_(void *v, size_t *alloc, size_t need, size_t elsize);
void *kabi_array_resize_(void *v, size_t n, size_t elsize);

#endif
