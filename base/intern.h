/*
 * intern.h - a string pool: equal strings get the same pointer, so table rows
 * compare by pointer and each distinct name or entry point is stored once.
 */
#ifndef KABI_INTERN_H
#define KABI_INTERN_H

#include <stddef.h>

typedef struct kabi_intern kabi_intern;

int kabi_intern_new(kabi_intern **out);
void kabi_intern_free(kabi_intern *pool); /* NULL ok; frees every string */

/* From now on the pool may be used by several threads at once (each call
 * takes a lock).  Call before the threads start. */
void kabi_intern_share(kabi_intern *pool);

/* Borrowed, valid until kabi_intern_free(pool).  "" is interned like any other. */
const char *kabi_intern_len(kabi_intern *pool, const char *s, size_t len);
const char *kabi_intern_str(kabi_intern *pool, const char *s);

#endif
