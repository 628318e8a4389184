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
	size_t nsel, asel;
	const char **promptless; /* `bool` with no prompt: set only by select */
	size_t nprompt, aprompt;
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

/*
 * What the caller fixes about a symbol: 1 set, 0 not set, -1 unknown (and
 * not to be looked up), or KABI_KCONFIG_NOFACT to let the selects decide.
 */
#define KABI_KCONFIG_NOFACT (-2)
typedef int (*kabi_kconfig_fact_fn)(void *ctx, const char *sym);

/* Where symbols get their values.  Zero it, then fill what is known. */
typedef struct {
	const kabi_kconfig *arch;    /* the arch's Kconfig: its selects; NULL when absent */
	const kabi_kconfig *generic; /* arch/Kconfig: its promptless bools; may be NULL */
	kabi_kconfig_fact_fn fact;   /* asked first; NULL: nothing is fixed */
	void *ctx;
	int depth; /* of the lookups in progress (selects of selects) */
} kabi_kconfig_env;

/*
 * The value of symbol `sym` (no CONFIG_ prefix): 1, 0, or -1 unknown.  y
 * and n are themselves; then env->fact; then, when the arch's Kconfig is
 * there, the selects: set when a block that selects it is on and the
 * select's `if` holds, unknown when one might be, and a promptless bool of
 * arch/Kconfig that nothing selects is not set.  Six selects deep, unknown.
 */
int kabi_kconfig_value(kabi_kconfig_env *env, const char *sym);

/* A Kconfig expression (a select's `if`: `X && !Y`, `A || (B = y)`):
 * 1, 0, or -1 unknown (also when it is not an expression). */
int kabi_kconfig_eval(kabi_kconfig_env *env, const char *expr);

#endif
