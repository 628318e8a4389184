/*
 * sigset.c - the signatures of one release and their resolution (see
 * sigset.h): what an ABI's configuration makes true, and the ranking of
 * the definitions of one entry point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "error.h"
#include "kbuild.h"
#include "sigset.h"
#include "strbuf.h"

typedef struct {
	const char *arch; /* interned */
	kabi_kconfig kc;
} archkc;

struct kabi_sigset {
	kabi_sigdef *defs; /* by path, line */
	size_t n, alloc;
	struct byentry {
		const char *entry;
		size_t idx;
	} * by_entry; /* sorted by entry, then file order; no KABI_SIG_COND */
	size_t nby;
	const char **conds; /* entries of KABI_SIG_COND lines, sorted (strcmp) */
	size_t nconds;
	const kabi_sigdef **broken; /* KABI_SIG_ARCH_BROKEN lines */
	size_t nbroken;
	archkc *arch;
	size_t narch, aarch;
	kabi_kconfig generic; /* arch/Kconfig */
	struct dirchain {
		const char *dir, *chain; /* interned */
	} * dirs;                        /* sorted by dir after finish */
	size_t ndirs, adirs;
	kabi_intern *pool;
};

void kabi_sigset_free(kabi_sigset *s)
{
	size_t i;

	if (!s)
		return;
	free(s->defs);
	free(s->by_entry);
	free(s->conds);
	free(s->broken);
	free(s->dirs);
	for (i = 0; i < s->narch; i++)
		kabi_kconfig_free(&s->arch[i].kc);
	free(s->arch);
	kabi_kconfig_free(&s->generic);
	free(s);
}

const kabi_sigdef *kabi_sigset_defs(const kabi_sigset *s, size_t *n)
{
	*n = s->n;
	return s->defs;
}

int kabi_sigset_new(kabi_sigset **out, kabi_intern *pool)
{
	*out = kabi_calloc(1, sizeof(**out));
	(*out)->pool = pool;
	return 0;
}

void kabi_sigset_add(kabi_sigset *s, const kabi_sigdef *d, size_t n)
{
	KABI_ARRAY_GROW(s->defs, s->n + n, s->alloc);
	if (n)
		memcpy(s->defs + s->n, d, n * sizeof(*d));
	s->n += n;
}

void kabi_sigset_add_kconfig(kabi_sigset *s, const char *arch, const kabi_kconfig *kc)
{
	kabi_kconfig *dst = &s->generic;

	if (arch) {
		KABI_ARRAY_GROW(s->arch, s->narch + 1, s->aarch);
		memset(&s->arch[s->narch], 0, sizeof(s->arch[s->narch]));
		s->arch[s->narch].arch = kabi_intern_str(s->pool, arch);
		dst = &s->arch[s->narch++].kc;
	}
	kabi_kconfig_free(dst);
	kabi_kconfig_copy(dst, kc);
}

void kabi_sigset_add_dir(kabi_sigset *s, const char *dir, const char *chain)
{
	KABI_ARRAY_GROW(s->dirs, s->ndirs + 1, s->adirs);
	s->dirs[s->ndirs].dir = kabi_intern_str(s->pool, dir);
	s->dirs[s->ndirs++].chain = chain ? kabi_intern_str(s->pool, chain) : NULL;
}

static int by_dir(const void *a, const void *b)
{
	return strcmp(((const struct dirchain *)a)->dir, ((const struct dirchain *)b)->dir);
}

static int by_entry(const void *a, const void *b)
{
	const struct byentry *x = a, *y = b;
	int c = strcmp(x->entry, y->entry);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_path(const void *a, const void *b)
{
	const kabi_sigdef *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

void kabi_sigset_finish(kabi_sigset *s)
{
	size_t i;

	if (s->n)
		qsort(s->defs, s->n, sizeof(*s->defs), by_path);
	free(s->by_entry);
	free(s->conds);
	s->by_entry = kabi_malloc((s->n ? s->n : 1) * sizeof(*s->by_entry));
	s->conds = kabi_malloc((s->n ? s->n : 1) * sizeof(*s->conds));
	free(s->broken);
	s->broken = NULL;
	s->nby = s->nconds = s->nbroken = 0;
	for (i = 0; i < s->n; i++) {
		if (s->defs[i].kind == KABI_SIG_ARCH_BROKEN) {
			size_t cap = s->nbroken;

			KABI_ARRAY_GROW(s->broken, s->nbroken + 1, cap);
			s->broken[s->nbroken++] = &s->defs[i];
			continue;
		}
		if (s->defs[i].kind == KABI_SIG_COND) { /* no definition: a weak symbol */
			s->conds[s->nconds++] = s->defs[i].entry;
			continue;
		}
		s->by_entry[s->nby].entry = s->defs[i].entry;
		s->by_entry[s->nby++].idx = i;
	}
	if (s->nby)
		qsort(s->by_entry, s->nby, sizeof(*s->by_entry), by_entry);
	if (s->nconds)
		qsort(s->conds, s->nconds, sizeof(*s->conds), str_cmp);
	if (s->ndirs)
		qsort(s->dirs, s->ndirs, sizeof(*s->dirs), by_dir);
}

const char *kabi_sigset_arch_broken(const kabi_sigset *s, const char *arch, const char *macro)
{
	size_t i, alen = strlen(arch);

	for (i = 0; i < s->nbroken; i++) {
		const char *f = s->broken[i]->file;

		if (strcmp(s->broken[i]->name, macro) == 0 && strncmp(f, "arch/", 5) == 0 &&
		    strncmp(f + 5, arch, alen) == 0 && f[5 + alen] == '/')
			return f;
	}
	return NULL;
}

int kabi_sigset_is_cond(const kabi_sigset *s, const char *entry)
{
	return s->nconds && bsearch(&entry, s->conds, s->nconds, sizeof(*s->conds), str_cmp) != NULL;
}

/* ------------------------------------------------ configuration values */

typedef struct {
	const kabi_abi_info *abi;
	int kernel64;
	int compat; /* the entry is a compat one */
	int compat_only_abi;
	kabi_kconfig_env env; /* the arch's Kconfig, asked about what the ABI does not fix */
} cfgctx;

/* 1 when the space-separated list has sym.  Kconfig symbols are case
 * sensitive, unlike the other tools' names kabi_abi_list_has() matches. */
static int in_words(const char *list, const char *sym)
{
	size_t n = strlen(sym);
	const char *p = list;

	while (n && (p = strstr(p, sym)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

/* What the ABI fixes about a Kconfig symbol (no CONFIG_ prefix): 1, 0, -1
 * (unknown, and not to be asked of the Kconfig files either), or
 * KABI_KCONFIG_NOFACT: the arch's selects decide.  The facts are the
 * registry's (db/abi.h): the ABI row's kconfig and kconfig_compat, the arch
 * rows' Kconfig and word-size symbols. */
static int abi_fact(void *ctx, const char *sym)
{
	cfgctx *cx = ctx;
	const kabi_arch_info *a;

	if (strcmp(sym, "MMU") == 0)
		return 1; /* the ABIs kabi knows are taken with an MMU */
	if (in_words(cx->abi->kconfig, sym))
		return 1;
	if (cx->compat && in_words(cx->abi->kconfig_compat, sym))
		return 1;
	if (strcmp(sym, "COMPAT") == 0)
		return cx->compat || cx->compat_only_abi ? 1 : cx->kernel64 ? -1 : 0;
	a = kabi_arch_find(cx->abi->arch);
	if (in_words(a ? a->kconfig64 : "64BIT", sym))
		return cx->kernel64;
	if (in_words(a ? a->kconfig32 : "32BIT", sym))
		return !cx->kernel64;
	if ((a = kabi_arch_of_kconfig(sym)) != NULL)
		return strcmp(a->arch, cx->abi->arch) == 0;
	return KABI_KCONFIG_NOFACT;
}

static void set_truth(kabi_cexpr_val *out, int v)
{
	out->v = v > 0;
	out->unknown = v < 0;
}

/* CONFIG_X in a C condition is Kconfig's X (defined or used as a value:
 * Kconfig writes 1); the kernel's word size is BITS_PER_LONG; any other
 * macro is unknown. */
static int cond_name(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	cfgctx *cx = ctx;
	char sym[128];

	if (len > 7 && len - 7 < sizeof(sym) && memcmp(name, "CONFIG_", 7) == 0) {
		memcpy(sym, name + 7, len - 7);
		sym[len - 7] = '\0';
		set_truth(out, kabi_kconfig_value(&cx->env, sym));
	} else if ((len == 13 && memcmp(name, "BITS_PER_LONG", 13) == 0) ||
		   (len == 15 && memcmp(name, "__BITS_PER_LONG", 15) == 0)) {
		out->v = cx->kernel64 ? 64 : 32; /* include/asm-generic/bitsperlong.h */
	} else {
		out->unknown = 1;
	}
	return 0;
}

/* defined(X), IS_ENABLED(X): X's truth; BITS_PER_LONG is not a Kconfig
 * symbol, so only CONFIG_ names are known. */
static int cond_defined(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	if (len > 7 && memcmp(name, "CONFIG_", 7) == 0)
		return cond_name(ctx, name, len, out);
	out->unknown = 1;
	return 0;
}

/* 1, 0 or -1 for a C condition of the ABI's configuration. */
static int cond_truth(cfgctx *cx, const char *cond)
{
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;

	ops.ident = cond_name;
	ops.defined = cond_defined;
	ops.ctx = cx;
	ops.flags = KABI_CEXPR_CONFIG_MACROS;
	return kabi_cexpr_truth(cond, strlen(cond), &ops);
}

static void ctx_init(cfgctx *cx, const kabi_sigset *set, const kabi_abi_info *abi, int compat)
{
	size_t i;

	memset(cx, 0, sizeof(*cx));
	cx->abi = abi;
	cx->compat = compat;
	cx->kernel64 = abi->kernel_bits == 64 || compat;
	cx->compat_only_abi = kabi_sig_abi_compat_only(abi);
	for (i = 0; i < set->narch; i++)
		if (strcmp(set->arch[i].arch, abi->arch) == 0)
			cx->env.arch = &set->arch[i].kc;
	cx->env.generic = &set->generic;
	cx->env.fact = abi_fact;
	cx->env.ctx = cx;
}

int kabi_sig_abi_compat_only(const kabi_abi_info *abi)
{
	return abi->kernel_bits > abi->bits;
}

int kabi_sig_cond_eval(const kabi_sigset *set, const kabi_abi_info *abi, int compat, const char *cond)
{
	cfgctx cx;

	if (!cond || !*cond)
		return 1;
	ctx_init(&cx, set, abi, compat);
	return cond_truth(&cx, cond);
}

/* The CONFIG_ name of one atom of a recorded #if condition, when it is
 * defined(CONFIG_X), IS_ENABLED(CONFIG_X), IS_BUILTIN(CONFIG_X) or
 * CONFIG_X alone; else 0. */
static size_t config_atom(const char *a, size_t n, const char **sym)
{
	static const char *const wraps[] = {"defined(", "IS_ENABLED(", "IS_BUILTIN("};
	size_t i, k;

	for (i = 0; i < sizeof(wraps) / sizeof(wraps[0]); i++) {
		size_t w = strlen(wraps[i]);

		if (n > w + 1 && strncmp(a, wraps[i], w) == 0 && a[n - 1] == ')') {
			a += w;
			n -= w + 1;
			break;
		}
	}
	if (n <= 7 || strncmp(a, "CONFIG_", 7) != 0)
		return 0;
	for (k = 7; k < n; k++)
		if (!(a[k] == '_' || (a[k] >= 'A' && a[k] <= 'Z') || (a[k] >= 'a' && a[k] <= 'z') ||
		      (a[k] >= '0' && a[k] <= '9')))
			return 0;
	*sym = a;
	return n;
}

/* Appends to sb the atoms of chain (" && "-joined CONFIG_ names), or of a
 * #if condition (the CONFIG_ atoms of its top-level &&), that the ABI does
 * not make true and that sb does not have yet. */
static void put_atoms(kabi_strbuf *sb, cfgctx *cx, const char *cond, int is_if)
{
	const char *p = cond;

	while (p && *p) {
		const char *e = p, *sym = NULL;
		int depth = 0;
		size_t n;

		for (; *e; e++) {
			if (*e == '(')
				depth++;
			else if (*e == ')')
				depth--;
			else if (depth == 0 && strncmp(e, " && ", 4) == 0)
				break;
		}
		n = is_if ? config_atom(p, (size_t)(e - p), &sym) : (size_t)(e - p);
		if (!is_if)
			sym = p;
		if (n) {
			char expr[192];
			char *atom = kabi_strndup(sym, n);

			snprintf(expr, sizeof(expr), "defined(%s)", atom);
			if (cond_truth(cx, expr) != 1 && !kabi_kbuild_has_atom(kabi_strbuf_str(sb), atom)) {
				if (sb->len)
					kabi_strbuf_puts(sb, " && ");
				kabi_strbuf_puts(sb, atom);
			}
			free(atom);
		}
		p = *e ? e + 4 : e;
	}
}

const char *kabi_sigset_built_if(const kabi_sigset *set, const kabi_abi_info *abi, const kabi_sigdef *d)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *slash = strrchr(d->file, '/'), *r;
	size_t lo = 0, hi = set->ndirs, dn = slash ? (size_t)(slash - d->file) : 0;
	cfgctx cx;

	ctx_init(&cx, set, abi, strncmp(d->entry, "compat_", 7) == 0);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(set->dirs[mid].dir, d->file, dn);

		if (c == 0)
			c = set->dirs[mid].dir[dn] != '\0';
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < set->ndirs && strncmp(set->dirs[lo].dir, d->file, dn) == 0 && set->dirs[lo].dir[dn] == '\0')
		put_atoms(&sb, &cx, set->dirs[lo].chain, 0);
	put_atoms(&sb, &cx, d->build, 0);
	put_atoms(&sb, &cx, d->cond, 1);
	r = kabi_intern_str(set->pool, kabi_strbuf_str(&sb));
	kabi_strbuf_free(&sb);
	return r;
}

/* ------------------------------------------------------------ resolving */

/* Files whose definitions stand in for others when a configuration lacks
 * a feature: mm/ without an MMU, kernel/time/ without POSIX timers. */
static int secondary_file(const char *file)
{
	static const char *const prefixes[] = {"mm/nommu.c", "kernel/time/posix-stubs.c"};
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(file, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* Directories an architecture had before its halves were merged: i386 and
 * x86_64 became x86 in 2.6.24, ppc and ppc64 became powerpc, sparc64
 * joined sparc in 2.6.28, sh64 joined sh.  bits: the word size the old
 * directory was built for.  Kept here, not in the registry's arch rows: a
 * row describes an architecture as it is (its Kconfig symbols), these are
 * paths of the tree's history, which only this ranking reads (the old
 * paths of the tables are harvest/layout.c's). */
static const struct {
	const char *arch, *dir;
	int bits;
} old_dirs[] = {
	{"x86", "i386", 32},      {"x86", "x86_64", 64},    {"powerpc", "ppc", 32},
	{"powerpc", "ppc64", 64}, {"sparc", "sparc64", 64}, {"sh", "sh64", 64},
};

static int in_dir(const char *file, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(file + 5, dir, n) == 0 && file[5 + n] == '/';
}

/* 4: the arch's own directory; 2: generic; one less for secondary files;
 * -1: another architecture's directory.  *bits: the old directory's word
 * size, else 0. */
static int location(const char *file, const char *arch, int *bits)
{
	int sec = secondary_file(file);
	size_t i;

	*bits = 0;
	if (strncmp(file, "arch/", 5) != 0)
		return 2 - sec;
	if (strncmp(file, "arch/x86/um/", 12) == 0)
		return -1; /* user-mode Linux's, not x86's */
	if (in_dir(file, arch))
		return 4 - sec;
	for (i = 0; i < sizeof(old_dirs) / sizeof(old_dirs[0]); i++)
		if (strcmp(old_dirs[i].arch, arch) == 0 && in_dir(file, old_dirs[i].dir)) {
			*bits = old_dirs[i].bits;
			return 4 - sec;
		}
	return -1;
}

/*
 * Word size a file name says it is built for, 0 when it says nothing:
 * x86's process_32.c / process_64.c, sys_ia32.c, arm64's sys32.c.  Makefiles
 * pick these per configuration (process_$(BITS).o); kabi reads no
 * Makefile, so the name is the hint.
 */
static int file_bits(const char *file)
{
	size_t n = strlen(file);

	if (n < 4 || strcmp(file + n - 2, ".c") != 0)
		return 0;
	if (file[n - 4] == '3' && file[n - 3] == '2')
		return 32;
	if (file[n - 4] == '6' && file[n - 3] == '4')
		return 64;
	return 0;
}

typedef struct {
	const kabi_sigdef *def;
	int loc, truth, bits; /* bits: 1 file name matches the build, -1 contradicts it */
} ranked;

static int rank_cmp(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c;

	if ((x->truth == 0) != (y->truth == 0))
		return x->truth == 0 ? 1 : -1;
	if (x->loc != y->loc)
		return y->loc - x->loc;
	if (x->bits != y->bits)
		return y->bits - x->bits;
	if (x->truth != y->truth)
		return x->truth == 1 ? -1 : 1;
	if ((x->def->kind == KABI_SIG_PLAIN) != (y->def->kind == KABI_SIG_PLAIN))
		return x->def->kind == KABI_SIG_PLAIN ? 1 : -1;
	if ((c = strcmp(x->def->file, y->def->file)) != 0)
		return c;
	return x->def->line - y->def->line;
}

/*
 * Assembly trampolines in front of a C entry: arm's sys_statfs64_wrapper
 * (fixes an argument, then branches to sys_statfs64) and mips's __sys_clone
 * (save_static_function: saves registers, then calls sys_clone).  The
 * argument list user space sees is the C function's.
 */
static int trampoline_target(char *buf, size_t size, const char *entry)
{
	size_t n = strlen(entry);

	if (n > 8 && strcmp(entry + n - 8, "_wrapper") == 0 && n - 8 < size) {
		memcpy(buf, entry, n - 8);
		buf[n - 8] = '\0';
		return 1;
	}
	if (strncmp(entry, "__sys", 5) == 0 && n - 2 < size) {
		memcpy(buf, entry + 2, n - 1);
		return 1;
	}
	return 0;
}

static size_t candidates(kabi_sigcand *cand, size_t max, const kabi_sigset *set, const kabi_abi_info *abi,
			 const char *entry);

size_t kabi_sig_candidates(kabi_sigcand *cand, size_t max, const kabi_sigset *set, const kabi_abi_info *abi,
			   const char *entry)
{
	char target[256];
	size_t n = candidates(cand, max, set, abi, entry);

	if (n == 0 && trampoline_target(target, sizeof(target), entry))
		n = candidates(cand, max, set, abi, target);
	return n;
}

static size_t candidates(kabi_sigcand *cand, size_t max, const kabi_sigset *set, const kabi_abi_info *abi,
			 const char *entry)
{
	size_t lo = 0, hi = set->nby, i, n = 0;
	ranked *r;
	cfgctx cx;
	int fb;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(set->by_entry[mid].entry, entry) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < set->nby && strcmp(set->by_entry[i].entry, entry) == 0; i++)
		;
	if (i == lo)
		return 0;
	r = kabi_malloc((i - lo) * sizeof(*r));
	ctx_init(&cx, set, abi, strncmp(entry, "compat_", 7) == 0);
	for (hi = i, i = lo; i < hi; i++) {
		const kabi_sigdef *d = &set->defs[set->by_entry[i].idx];
		int dirbits, loc = location(d->file, abi->arch, &dirbits);

		if (loc < 0)
			continue;
		r[n].def = d;
		r[n].loc = loc;
		r[n].truth = *d->cond ? cond_truth(&cx, d->cond) : 1;
		fb = file_bits(d->file);
		if (!fb)
			fb = dirbits;
		/* a compat entry serves the ABI's own word size */
		r[n].bits = fb == 0 ? 0 : fb == (cx.compat ? abi->bits : cx.kernel64 ? 64 : 32) ? 1 : -1;
		n++;
	}
	if (n)
		qsort(r, n, sizeof(*r), rank_cmp);
	for (i = 0; i < n && i < max; i++) {
		cand[i].def = r[i].def;
		if (i == 0)
			cand[i].verdict = r[i].truth == 0 ? KABI_SIGR_EXCLUDED : KABI_SIGR_CHOSEN;
		else if (r[i].def->file == r[0].def->file && r[i].loc == r[0].loc)
			cand[i].verdict = KABI_SIGR_VARIANT;
		else if (r[i].truth == 0)
			cand[i].verdict = KABI_SIGR_EXCLUDED;
		else
			cand[i].verdict = KABI_SIGR_SHADOWED;
	}
	free(r);
	return n;
}

const kabi_sigdef *kabi_sig_resolve(const kabi_sigset *set, const kabi_abi_info *abi, const char *entry)
{
	kabi_sigcand c[1];

	if (kabi_sig_candidates(c, 1, set, abi, entry) == 0 || c[0].verdict != KABI_SIGR_CHOSEN)
		return NULL;
	return c[0].def;
}
