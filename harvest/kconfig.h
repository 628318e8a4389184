/*
 * kconfig.h - the architectures' Kconfig files, as far as signature
 * resolution needs them: which symbols each `config` block selects (and
 * under which `if`), and which bool symbols have no prompt (so that only a
 * select can set them).  Takes bytes; no git.
 */
#ifndef KABI_KCONFIG_H
#define KABI_KCONFIG_H

#include <stddef.h>

#include "intern.h"

/* `select sym [if ifexpr]` in the block of `config owner`. */
typedef struct {
	const char *sym, *owner, *ifexpr; /* interned; ifexpr "" when none */
} kabi_kconfig_select;

typedef struct {
	kabi_kconfig_select *sel; /* in file order */
	size_t nsel;
	const char **promptless; /* `bool` with no prompt: set only by select */
	size_t nprompt;
} kabi_kconfig;

/*
 * Reads the `config SYM` / `menuconfig SYM` blocks of one Kconfig file: their
 * `select X [if E]` lines and whether the block's type has a prompt.  k must
 * be zeroed (or freed) before; its strings are interned in pool.  Never fails
 * on content: lines it does not know are skipped.
 */
void kabi_kconfig_parse(kabi_kconfig *k, const char *text, size_t len, kabi_intern *pool);

/* dst (zeroed or freed before) becomes a copy of src; the strings stay shared. */
void kabi_kconfig_copy(kabi_kconfig *dst, const kabi_kconfig *src);

/* Frees the arrays (not k itself); k may be zeroed. */
void kabi_kconfig_free(kabi_kconfig *k);

#endif
