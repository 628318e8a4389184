/*
 * kconfig.c - the little of Kconfig that signature resolution reads (see
 * kconfig.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "error.h"
#include "kconfig.h"

void kabi_kconfig_free(kabi_kconfig *k)
{
	free(k->sel);
	free(k->promptless);
}

/* Reads `config SYM` blocks: their `select X [if E]` lines, and whether
 * the block's type has a prompt. */
void kabi_kconfig_parse(kabi_kconfig *k, const char *text, size_t len, kabi_intern *pool)
{
	const char *p = text, *end = text + len;
	const char *owner = NULL;
	int has_prompt = 1, is_bool = 0;

#define FLUSH_BLOCK()                                                                                        \
	do {                                                                                                 \
		if (owner && is_bool && !has_prompt) {                                                       \
			KABI_ARRAY_GROW(k->promptless, k->nprompt + 1, k->aprompt);                          \
			k->promptless[k->nprompt++] = owner;                                                 \
		}                                                                                            \
	} while (0)
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *w0, *w1;

		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		w0 = p;
		while (p < e && !isspace((unsigned char)*p))
			p++;
		w1 = p;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
#define W(s) ((size_t)(w1 - w0) == strlen(s) && memcmp(w0, s, (size_t)(w1 - w0)) == 0)
		if (W("config") || W("menuconfig")) {
			const char *s = p;

			FLUSH_BLOCK();
			while (p < e && !isspace((unsigned char)*p))
				p++;
			owner = kabi_intern_len(pool, s, (size_t)(p - s));
			has_prompt = 0;
			is_bool = 0;
		} else if (W("bool") || W("tristate")) {
			is_bool = W("bool");
			if (p < e && *p == '"')
				has_prompt = 1;
		} else if (W("prompt") || W("def_bool") || W("def_tristate") || W("int") || W("string") ||
			   W("hex")) {
			has_prompt = 1;
		} else if (W("select") && owner) {
			const char *s = p, *x;
			kabi_kconfig_select ks;

			while (p < e && !isspace((unsigned char)*p) && *p != '#')
				p++;
			ks.sym = kabi_intern_len(pool, s, (size_t)(p - s));
			ks.owner = owner;
			ks.ifexpr = kabi_intern_len(pool, "", 0);
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			if (e - p > 3 && memcmp(p, "if", 2) == 0 && isspace((unsigned char)p[2])) {
				const char *c = p + 3;

				x = memchr(c, '#', (size_t)(e - c));
				x = x ? x : e;
				while (x > c && isspace((unsigned char)x[-1]))
					x--;
				ks.ifexpr = kabi_intern_len(pool, c, (size_t)(x - c));
			}
			KABI_ARRAY_GROW(k->sel, k->nsel + 1, k->asel);
			k->sel[k->nsel++] = ks;
		} else if (W("menu") || W("endmenu") || W("choice") || W("endchoice") || W("source") ||
			   W("comment") || W("if") || W("endif")) {
			FLUSH_BLOCK();
			owner = NULL;
		}
#undef W
		p = nl ? nl + 1 : end;
	}
	FLUSH_BLOCK();
#undef FLUSH_BLOCK
}

void kabi_kconfig_copy(kabi_kconfig *dst, const kabi_kconfig *src)
{
	dst->nsel = dst->asel = src->nsel;
	dst->sel = NULL;
	KABI_ARRAY_RESIZE(dst->sel, src->nsel ? src->nsel : 1);
	if (src->nsel)
		memcpy(dst->sel, src->sel, src->nsel * sizeof(*dst->sel));
	dst->nprompt = dst->aprompt = src->nprompt;
	dst->promptless = NULL;
	KABI_ARRAY_RESIZE(dst->promptless, src->nprompt ? src->nprompt : 1);
	if (src->nprompt)
		memcpy(dst->promptless, src->promptless, src->nprompt * sizeof(*dst->promptless));
}

int kabi_kconfig_value(kabi_kconfig_env *env, const char *sym)
{
	size_t i;
	int v = 0, any = 0;

	if (strcmp(sym, "y") == 0)
		return 1;
	if (strcmp(sym, "n") == 0)
		return 0;
	if (env->fact && (v = env->fact(env->ctx, sym)) != KABI_KCONFIG_NOFACT)
		return v;
	v = 0;
	if (env->depth > 6)
		return -1;
	if (!env->arch)
		return -1;
	for (i = 0; i < env->arch->nsel; i++) {
		const kabi_kconfig_select *ks = &env->arch->sel[i];
		int o, c;

		if (strcmp(ks->sym, sym) != 0)
			continue;
		any = 1;
		env->depth++;
		o = kabi_kconfig_value(env, ks->owner);
		c = *ks->ifexpr ? kabi_kconfig_eval(env, ks->ifexpr) : 1;
		env->depth--;
		if (o == 1 && c == 1)
			return 1;
		if (o != 0 && c != 0)
			v = -1;
	}
	if (any)
		return v;
	for (i = 0; env->generic && i < env->generic->nprompt; i++)
		if (strcmp(env->generic->promptless[i], sym) == 0)
			return 0;
	return -1;
}

static int symbol(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	char sym[128];
	int v = -1;

	if (len < sizeof(sym)) {
		memcpy(sym, name, len);
		sym[len] = '\0';
		v = kabi_kconfig_value(ctx, sym);
	}
	out->v = v > 0;
	out->unknown = v < 0;
	return 0;
}

int kabi_kconfig_eval(kabi_kconfig_env *env, const char *expr)
{
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;

	ops.ident = symbol;
	ops.ctx = env;
	ops.flags = KABI_CEXPR_KCONFIG;
	return kabi_cexpr_truth(expr, strlen(expr), &ops);
}
