/*
 * kbuild.h - a directory's Makefile or Kbuild, as far as "is this file
 * compiled, and under which Kconfig options" needs it: the `obj-y +=`,
 * `obj-$(CONFIG_X) +=` lines (and the top-level Makefile's `core-y`,
 * `drivers-$(CONFIG_X)` ... of old releases), the composite objects
 * (`x-y += a.o`, `x-objs := a.o`, `x-$(CONFIG_Y) += a.o`) and the
 * `ifdef CONFIG_X` / `ifeq ($(CONFIG_X),y)` blocks around them.  Takes
 * bytes; no git.
 *
 * A condition is a string: "" unconditional, "CONFIG_A && CONFIG_B", or
 * NULL, unknown: a line that is not understood (a variable, `obj-m`, an
 * `ifeq` of something else, an `else`) never becomes a condition it does
 * not say.
 */
#ifndef KABI_KBUILD_H
#define KABI_KBUILD_H

#include <stddef.h>

#include "intern.h"

/* One word of a goal line: "a.o" or "sub/" listed by `obj-...` (comp NULL)
 * or by the composite object comp ("x" of `x-y += a.o`). */
typedef struct {
	const char *word; /* interned */
	const char *comp; /* interned; NULL: a goal of the directory */
	const char *cond; /* interned; "" unconditional, NULL unknown */
	int pattern;      /* word holds a variable (process_$(BITS).o): it may name any
			   * object it matches, under an unknown condition */
} kabi_kbuild_item;

typedef struct {
	kabi_kbuild_item *items; /* in file order */
	size_t n, alloc;
} kabi_kbuild;

/* Appends the lines of one Makefile or Kbuild to k (zeroed before the
 * first).  Never fails on content. */
void kabi_kbuild_parse(kabi_kbuild *k, const char *text, size_t len, kabi_intern *pool);

/* Frees the array (not k itself); k may be zeroed. */
void kabi_kbuild_free(kabi_kbuild *k);

/*
 * The condition under which the directory builds `word` ("a.o" for a.c,
 * "sub/" for a subdirectory), over the items of one or more files: ""
 * when a line builds it unconditionally; the condition when every line
 * that names it says the same one; NULL otherwise (not named, named under
 * several or unknown conditions).  An object that only a composite names
 * takes the composite's condition and its own ("CONFIG_A && CONFIG_B").
 * Interned in pool.
 */
const char *kabi_kbuild_cond(const kabi_kbuild *const *ks, size_t nk, const char *word, kabi_intern *pool);

/* a && b for conditions: NULL when either is unknown, the other when one
 * is "", and a CONFIG_ atom already in a is not repeated.  Interned. */
const char *kabi_kbuild_and(kabi_intern *pool, const char *a, const char *b);

/* 1 when atom ("CONFIG_A") is one of the " && " atoms of list. */
int kabi_kbuild_has_atom(const char *list, const char *atom);

#endif
