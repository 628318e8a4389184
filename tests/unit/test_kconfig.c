/*
 * The Kconfig reader (harvest/kconfig.c) on text: which blocks select
 * what, which bools have no prompt, and the values that follow.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "intern.h"
#include "kconfig.h"
#include "tap.h"

/* An arch/x86/Kconfig in the shape of the real one (our own words). */
static const char arch_kconfig[] = "# SPDX-License-Identifier: GPL-2.0\n"
				   "config 64BIT\n"
				   "\tbool \"64-bit kernel\" if \"$(ARCH)\" = \"x86\"\n"
				   "\n"
				   "config X86_32\n"
				   "\tdef_bool y\n"
				   "\tdepends on !64BIT\n"
				   "\tselect CLONE_BACKWARDS\n"
				   "\tselect OLD_SIGSUSPEND3 # a comment\n"
				   "\n"
				   "config X86\n"
				   "\tdef_bool y\n"
				   "\tselect HAVE_ARCH_SECCOMP\n"
				   "\tselect ARCH_WANT_OLD_COMPAT_IPC if IA32_EMULATION\n"
				   "\tselect HAVE_UID16 if X86_32 || IA32_EMULATION\n"
				   "\tselect ODD if X86_32 && UNKNOWN_THING\n"
				   "\n"
				   "menu \"Processor type\"\n"
				   "\tselect NOT_IN_A_BLOCK\n"
				   "endmenu\n";

/* arch/Kconfig: promptless bools only a select sets. */
static const char generic_kconfig[] = "config CLONE_BACKWARDS\n"
				      "\tbool\n"
				      "\thelp\n"
				      "\t  What clone's arguments are on this arch.\n"
				      "\n"
				      "config CLONE_BACKWARDS2\n"
				      "\tbool\n"
				      "\n"
				      "config SECCOMP\n"
				      "\tbool \"Enable seccomp\"\n"
				      "\n"
				      "config HAVE_UID16\n"
				      "\tbool\n";

/* The ABI's facts: x86_64 (64-bit, no IA32 emulation known). */
static int facts(void *ctx, const char *sym)
{
	int is64 = *(int *)ctx;

	if (strcmp(sym, "64BIT") == 0 || strcmp(sym, "X86_64") == 0)
		return is64;
	if (strcmp(sym, "X86_32") == 0)
		return !is64;
	if (strcmp(sym, "X86") == 0)
		return 1;
	if (strcmp(sym, "IA32_EMULATION") == 0)
		return is64 ? -1 : 0;
	return KABI_KCONFIG_NOFACT;
}

static const char *sel(const kabi_kconfig *k, size_t i)
{
	static char buf[256];

	if (i >= k->nsel)
		return "-";
	snprintf(buf, sizeof(buf), "%s <- %s if '%s'", k->sel[i].sym, k->sel[i].owner, k->sel[i].ifexpr);
	return buf;
}

int main(void)
{
	kabi_intern *pool;
	kabi_kconfig arch, generic, copy;
	kabi_kconfig_env env;
	int is64 = 1;

	kabi_intern_new(&pool);
	memset(&arch, 0, sizeof(arch));
	memset(&generic, 0, sizeof(generic));
	kabi_kconfig_parse(&arch, arch_kconfig, strlen(arch_kconfig), pool);
	kabi_kconfig_parse(&generic, generic_kconfig, strlen(generic_kconfig), pool);

	EQ_INT(arch.nsel, 6);
	EQ_STR(sel(&arch, 0), "CLONE_BACKWARDS <- X86_32 if ''");
	EQ_STR(sel(&arch, 1), "OLD_SIGSUSPEND3 <- X86_32 if ''");
	EQ_STR(sel(&arch, 3), "ARCH_WANT_OLD_COMPAT_IPC <- X86 if 'IA32_EMULATION'");
	EQ_STR(sel(&arch, 4), "HAVE_UID16 <- X86 if 'X86_32 || IA32_EMULATION'");
	EQ_STR(sel(&arch, 6), "-"); /* menu's select belongs to no block */
	EQ_INT(arch.nprompt, 0);    /* def_bool and prompted bools */
	EQ_INT(generic.nprompt, 3);
	EQ_STR(generic.nprompt > 2 ? generic.promptless[2] : "-", "HAVE_UID16");

	memset(&env, 0, sizeof(env));
	env.arch = &arch;
	env.generic = &generic;
	env.fact = facts;
	env.ctx = &is64;
	/* x86_64 */
	EQ_INT(kabi_kconfig_value(&env, "y"), 1);
	EQ_INT(kabi_kconfig_value(&env, "n"), 0);
	EQ_INT(kabi_kconfig_value(&env, "CLONE_BACKWARDS"), 0);  /* selected under X86_32 only */
	EQ_INT(kabi_kconfig_value(&env, "CLONE_BACKWARDS2"), 0); /* promptless, never selected */
	EQ_INT(kabi_kconfig_value(&env, "HAVE_ARCH_SECCOMP"), 1);
	EQ_INT(kabi_kconfig_value(&env, "SECCOMP"), -1); /* has a prompt: the user's choice */
	EQ_INT(kabi_kconfig_value(&env, "ARCH_WANT_OLD_COMPAT_IPC"), -1);
	EQ_INT(kabi_kconfig_value(&env, "HAVE_UID16"), -1);
	EQ_INT(kabi_kconfig_value(&env, "ODD"), 0);
	EQ_INT(kabi_kconfig_eval(&env, "HAVE_ARCH_SECCOMP && !CLONE_BACKWARDS"), 1);
	EQ_INT(kabi_kconfig_eval(&env, "64BIT = y"), 1);
	EQ_INT(kabi_kconfig_eval(&env, "SECCOMP || X86"), 1);
	EQ_INT(kabi_kconfig_eval(&env, "SECCOMP && X86"), -1);
	EQ_INT(kabi_kconfig_eval(&env, "X86 &&"), -1); /* not an expression: unknown */
	/* i386 */
	is64 = 0;
	EQ_INT(kabi_kconfig_value(&env, "CLONE_BACKWARDS"), 1);
	EQ_INT(kabi_kconfig_value(&env, "HAVE_UID16"), 1);
	EQ_INT(kabi_kconfig_value(&env, "ARCH_WANT_OLD_COMPAT_IPC"), 0);
	EQ_INT(kabi_kconfig_value(&env, "ODD"), -1);
	/* without the arch's file nothing is selected, and nothing is known */
	env.arch = NULL;
	EQ_INT(kabi_kconfig_value(&env, "CLONE_BACKWARDS"), -1);
	EQ_INT(kabi_kconfig_value(&env, "X86"), 1);

	/* a select cycle ends (six deep), unknown */
	{
		static const char cyc[] = "config A\n\tbool\n\tselect B\nconfig B\n\tbool\n\tselect A\n";
		kabi_kconfig k;

		memset(&k, 0, sizeof(k));
		kabi_kconfig_parse(&k, cyc, strlen(cyc), pool);
		env.arch = &k;
		env.fact = NULL;
		EQ_INT(kabi_kconfig_value(&env, "A"), -1);
		EQ_INT(env.depth, 0);
		kabi_kconfig_free(&k);
	}

	/* copies share the strings, not the arrays */
	kabi_kconfig_copy(&copy, &arch);
	EQ_INT(copy.nsel, arch.nsel);
	OK(copy.sel != arch.sel && copy.sel[0].sym == arch.sel[0].sym, "copy has its own array");
	kabi_kconfig_free(&copy);

	/* garbage is skipped, not fatal */
	{
		static const char junk[] = "config\nselect\n\tselect X if\n\x01\xff config Y\n\tbool\n";
		kabi_kconfig k;

		memset(&k, 0, sizeof(k));
		kabi_kconfig_parse(&k, junk, sizeof(junk) - 1, pool);
		OK(k.nsel <= 2, "junk: %zu selects", k.nsel);
		kabi_kconfig_free(&k);
	}

	kabi_kconfig_free(&arch);
	kabi_kconfig_free(&generic);
	kabi_intern_free(pool);
	return tap_done();
}
