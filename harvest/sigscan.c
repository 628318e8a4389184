/*
 * sigscan.c - signatures at the scale of a tree: the walk, the cache of the
 * previous scan, the architectures' Kconfig selects, and resolution of a
 * table entry point to the definition an ABI compiles.
 *
 * The walk descends every directory except the user-space ones (tools/,
 * samples/, Documentation/, usr/), skips those whose tree id is the same as
 * in the previous scan, reads only blobs whose name ends in ".c" and whose
 * id changed since then, and parses only those containing "SYSCALL_DEFINE"
 * or "asmlinkage".  A release after another costs what changed between the
 * two.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "odb.h"
#include "sig.h"
#include "strbuf.h"

/* ------------------------------------------------------------ Kconfig */

typedef struct {
	const char *sym, *owner, *ifexpr; /* interned; ifexpr "" when none */
} kselect;

typedef struct {
	kselect *sel;
	size_t nsel;
	const char **promptless; /* `bool` with no prompt: set only by select */
	size_t nprompt;
} kconfig;

static void kconfig_free(kconfig *k)
{
	free(k->sel);
	free(k->promptless);
}

/* Reads `config SYM` blocks: their `select X [if E]` lines, and whether
 * the block's type has a prompt. */
static void kconfig_parse(kconfig *k, const char *text, size_t len, kabi_intern *pool)
{
	const char *p = text, *end = text + len;
	const char *owner = NULL;
	int has_prompt = 1, is_bool = 0;

#define FLUSH_BLOCK()                                                                                        \
	do {                                                                                                 \
		if (owner && is_bool && !has_prompt) {                                                       \
			k->promptless = kabi_realloc(k->promptless, (k->nprompt + 1) * sizeof(char *));      \
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
			kselect ks;

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
			k->sel = kabi_realloc(k->sel, (k->nsel + 1) * sizeof(*k->sel));
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

static void kconfig_copy(kconfig *dst, const kconfig *src)
{
	dst->nsel = src->nsel;
	dst->sel = kabi_malloc((src->nsel ? src->nsel : 1) * sizeof(*dst->sel));
	if (src->nsel)
		memcpy(dst->sel, src->sel, src->nsel * sizeof(*dst->sel));
	dst->nprompt = src->nprompt;
	dst->promptless = kabi_malloc((src->nprompt ? src->nprompt : 1) * sizeof(char *));
	if (src->nprompt)
		memcpy(dst->promptless, src->promptless, src->nprompt * sizeof(char *));
}

/* -------------------------------------------------------------- cache */

/*
 * The cache is the previous scan's view of the tree, as a tree of the
 * directories it walked: each with its tree id, the definitions under it,
 * its own .c and Kconfig files (blob id and what they held) and its
 * subdirectories.  A scan takes a directory whose tree id is unchanged as a
 * whole, subdirectories and all, and in a changed one reads only the files
 * whose blob ids changed, so consecutive releases cost what changed between
 * them.  It holds one tree's worth of files, however many releases are
 * scanned through it.
 */
typedef struct {
	char *name; /* owned */
	git_oid id;
	kabi_sigdef *defs; /* owned, NULL when none */
	size_t n;
	int is_kconfig;
	kconfig kc;
} dfile;

typedef struct dnode {
	char *name;        /* owned; "" for the root */
	git_oid id;        /* the directory's tree */
	kabi_sigdef *defs; /* owned: every definition under the directory */
	size_t n;
	dfile *files; /* owned, in tree order */
	size_t nfiles;
	struct dnode **dirs; /* owned, in tree order; an entry is NULL once taken */
	size_t ndirs;
} dnode;

struct kabi_sig_cache {
	kabi_intern *pool;
	dnode *root; /* of the last scan; NULL before the first */
};

static void dnode_free(dnode *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].name);
		free(d->files[i].defs);
		kconfig_free(&d->files[i].kc);
	}
	for (i = 0; i < d->ndirs; i++)
		dnode_free(d->dirs[i]);
	free(d->files);
	free(d->dirs);
	free(d->defs);
	free(d->name);
	free(d);
}

/* git's order of tree entries: a directory's name compares as if it ended
 * in '/' */
static int dir_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
	int c = memcmp(a, b, n);

	if (c)
		return c;
	return (int)(unsigned char)(la > n ? a[n] : '/') - (int)(unsigned char)(lb > n ? b[n] : '/');
}

int kabi_sig_cache_new(kabi_sig_cache **out, kabi_intern *pool)
{
	kabi_sig_cache *c = kabi_calloc(1, sizeof(*c));

	c->pool = pool;
	*out = c;
	return 0;
}

void kabi_sig_cache_free(kabi_sig_cache *c)
{
	if (!c)
		return;
	dnode_free(c->root);
	free(c);
}

/* --------------------------------------------------------------- sets */

typedef struct {
	const char *arch; /* interned */
	kconfig kc;
} archkc;

struct kabi_sigset {
	kabi_sigdef *defs; /* by path, line */
	size_t n, alloc;
	struct byentry {
		const char *entry;
		size_t idx;
	} * by_entry; /* sorted by entry, then file order */
	archkc *arch;
	size_t narch;
	kconfig generic; /* arch/Kconfig */
	kabi_intern *pool;
};

void kabi_sigset_free(kabi_sigset *s)
{
	size_t i;

	if (!s)
		return;
	free(s->defs);
	free(s->by_entry);
	for (i = 0; i < s->narch; i++)
		kconfig_free(&s->arch[i].kc);
	free(s->arch);
	kconfig_free(&s->generic);
	free(s);
}

const kabi_sigdef *kabi_sigset_defs(const kabi_sigset *s, size_t *n)
{
	*n = s->n;
	return s->defs;
}

typedef struct {
	kabi_repo *repo;
	kabi_sig_cache *cache;
	kabi_sigset *set;
	kabi_sig_stats *st;
	kabi_strbuf path;
} walk;

/* Directories of user-space code: their .c files define no kernel entry. */
static int skipped_dir(const char *path)
{
	static const char *const dirs[] = {"tools", "samples", "Documentation", "usr"};
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strcmp(path, dirs[i]) == 0)
			return 1;
	return 0;
}

/* The contents of a tree or blob (*data malloc'd). */
static int read_object(walk *w, const git_oid *id, git_object_t want, char **data, size_t *len)
{
	git_object_t type;
	int err = kabi_repo_read(w->repo, id, &type, data, len);

	if (err == 0 && type != want) {
		free(*data);
		err = kabi_error_set(KABI_EIO, "not a %s", want == GIT_OBJECT_TREE ? "tree" : "blob");
	}
	if (err < 0)
		return kabi_error_set(err < 0 ? KABI_EIO : err, "cannot read %s '%s': %s",
				      want == GIT_OBJECT_TREE ? "tree" : "file", kabi_strbuf_str(&w->path),
				      kabi_error_last());
	if (want == GIT_OBJECT_BLOB) {
		w->st->read++;
		w->st->bytes_read += *len;
	}
	return 0;
}

static void set_add(kabi_sigset *s, const kabi_sigdef *d, size_t n)
{
	if (s->n + n > s->alloc) {
		s->alloc = (s->n + n) * 2;
		s->defs = kabi_realloc(s->defs, s->alloc * sizeof(*s->defs));
	}
	if (n)
		memcpy(s->defs + s->n, d, n * sizeof(*d));
	s->n += n;
}

/* The cheap test before parsing: "asmlinkage", or "SYSCALL" followed by
 * "_DEFINE", "32_DEFINE" or "_WRAP".  Two passes over the text. */
static int mentions_definitions(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while ((p = memmem(p, (size_t)(end - p), "SYSCALL", 7)) != NULL) {
		p += 7;
		if ((end - p >= 7 && memcmp(p, "_DEFINE", 7) == 0) ||
		    (end - p >= 5 && memcmp(p, "_WRAP", 5) == 0) ||
		    (end - p >= 9 && memcmp(p, "32_DEFINE", 9) == 0))
			return 1;
	}
	return memmem(text, len, "asmlinkage", 10) != NULL;
}

/* f->id set: its definitions, or its Kconfig selects, from `old` (the same
 * path in the previous scan, taken over) when the blob is the same, else
 * read now. */
static int visit_file(walk *w, dfile *f, dfile *old)
{
	char *text;
	size_t len;
	int err;

	if (old && git_oid_equal(&old->id, &f->id)) {
		f->defs = old->defs;
		f->n = old->n;
		f->kc = old->kc;
		old->defs = NULL;
		old->n = 0;
		memset(&old->kc, 0, sizeof(old->kc));
		return 0;
	}
	if ((err = read_object(w, &f->id, GIT_OBJECT_BLOB, &text, &len)) < 0)
		return err;
	if (f->is_kconfig) {
		kconfig_parse(&f->kc, text, len, w->cache->pool);
	} else if (mentions_definitions(text, len)) {
		w->st->parsed++;
		kabi_sig_scan_text(&f->defs, &f->n, text, len,
				   kabi_intern_len(w->cache->pool, w->path.buf, w->path.len), w->cache->pool);
	}
	free(text);
	return 0;
}

/* Which files of a directory at `depth` the scan keeps: .c files, and the
 * Kconfig files of arch/ and arch/<arch>/ (their selects choose variants). */
static int wanted(const kabi_tree_entry *te, const kabi_strbuf *dir, int depth, int *is_kconfig)
{
	const char *name = te->name;
	size_t nlen = te->namelen;

	if ((te->mode & 0170000) != 0100000) /* blobs; not links, not submodules */
		return 0;
	*is_kconfig = 0;
	if (nlen > 2 && name[nlen - 2] == '.' && name[nlen - 1] == 'c')
		return 1;
	if (strcmp(name, "Kconfig") != 0)
		return 0;
	*is_kconfig = 1;
	return (depth == 1 && strcmp(dir->buf, "arch") == 0) ||
	       (depth == 2 && strncmp(dir->buf, "arch/", 5) == 0);
}

/* Walks the directory at w->path (tree `tree_id`, `depth` below the root)
 * into *out, comparing with `old`, the same directory in the previous scan
 * (NULL: none), whose files and subdirectories it takes over where they
 * are unchanged. */
static int walk_dir(walk *w, dnode **out, const git_oid *tree_id, int depth, dnode *old)
{
	char *tree;
	size_t treelen, pos = 0, base = w->path.len, of_i = 0, od_i = 0, afiles = 0, adirs = 0,
			n0 = w->set->n;
	dnode *d;
	kabi_tree_entry te;
	int err, more;

	if ((err = read_object(w, tree_id, GIT_OBJECT_TREE, &tree, &treelen)) < 0)
		return err;
	d = kabi_calloc(1, sizeof(*d));
	d->id = *tree_id;
	while (err == 0 && (more = kabi_tree_next(&te, tree, treelen, &pos)) != 0) {
		const char *name = te.name;
		git_oid id;
		int is_kconfig;

		if (more < 0) {
			err = kabi_error_set(KABI_EIO, "cannot read tree '%s': malformed",
					     kabi_strbuf_str(&w->path));
			break;
		}
		git_oid_fromraw(&id, te.id);
		if (te.mode == 040000) {
			dnode *sub = NULL, **slot;

			if (depth == 0 && skipped_dir(name))
				continue;
			while (old && od_i < old->ndirs &&
			       (!old->dirs[od_i] || dir_cmp(old->dirs[od_i]->name, name) < 0))
				od_i++;
			if (old && od_i < old->ndirs && dir_cmp(old->dirs[od_i]->name, name) == 0) {
				sub = old->dirs[od_i];
				old->dirs[od_i++] = NULL; /* taken */
			}
			if (d->ndirs == adirs) {
				adirs = adirs ? adirs * 2 : 8;
				d->dirs = kabi_realloc(d->dirs, adirs * sizeof(*d->dirs));
			}
			slot = &d->dirs[d->ndirs++];
			*slot = NULL;
			if (base)
				kabi_strbuf_putc(&w->path, '/');
			kabi_strbuf_puts(&w->path, name);
			/* arch/ and arch/<arch>/ hold the Kconfig files: always walked */
			if (sub && git_oid_equal(&sub->id, &id) &&
			    !(depth == 0 && strcmp(name, "arch") == 0) &&
			    !(depth == 1 && strncmp(w->path.buf, "arch/", 5) == 0)) {
				set_add(w->set, sub->defs, sub->n);
				*slot = sub;
			} else {
				err = walk_dir(w, slot, &id, depth + 1, sub);
				dnode_free(sub);
			}
			if (!*slot)
				d->ndirs--;
		} else if (wanted(&te, &w->path, depth, &is_kconfig)) {
			dfile *f, *of = NULL;

			while (old && of_i < old->nfiles && strcmp(old->files[of_i].name, name) < 0)
				of_i++;
			if (old && of_i < old->nfiles && strcmp(old->files[of_i].name, name) == 0)
				of = &old->files[of_i++]; /* its name and contents are taken below */
			if (d->nfiles == afiles) {
				afiles = afiles ? afiles * 2 : 8;
				d->files = kabi_realloc(d->files, afiles * sizeof(*d->files));
			}
			f = &d->files[d->nfiles++];
			memset(f, 0, sizeof(*f));
			f->id = id;
			f->is_kconfig = is_kconfig;
			if (of) {
				f->name = of->name;
				of->name = NULL; /* the search has passed it */
			} else {
				f->name = kabi_strdup(name);
			}
			if (base)
				kabi_strbuf_putc(&w->path, '/');
			kabi_strbuf_puts(&w->path, name);
			if (!is_kconfig)
				w->st->files++;
			if ((err = visit_file(w, f, of)) < 0)
				break;
			if (!is_kconfig) {
				set_add(w->set, f->defs, f->n);
			} else {
				kabi_sigset *s = w->set;
				kconfig *dst = &s->generic;

				if (depth == 2) {
					s->arch = kabi_realloc(s->arch, (s->narch + 1) * sizeof(*s->arch));
					memset(&s->arch[s->narch], 0, sizeof(s->arch[s->narch]));
					s->arch[s->narch].arch =
						kabi_intern_len(w->cache->pool, w->path.buf + 5,
								w->path.len - 5 - strlen("/Kconfig"));
					dst = &s->arch[s->narch++].kc;
				}
				kconfig_free(dst);
				kconfig_copy(dst, &f->kc);
			}
		}
		w->path.len = base;
		if (w->path.buf)
			w->path.buf[base] = '\0';
	}
	free(tree);
	d->name = kabi_strdup(base ? strrchr(w->path.buf, '/') ? strrchr(w->path.buf, '/') + 1 : w->path.buf
				   : "");
	d->n = w->set->n - n0;
	if (d->n) {
		d->defs = kabi_malloc(d->n * sizeof(*d->defs));
		memcpy(d->defs, w->set->defs + n0, d->n * sizeof(*d->defs));
	}
	if (err < 0) {
		dnode_free(d);
		return err;
	}
	*out = d;
	return 0;
}

static int by_entry(const void *a, const void *b)
{
	const struct byentry *x = a, *y = b;
	int c = strcmp(x->entry, y->entry);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int by_path(const void *a, const void *b)
{
	const kabi_sigdef *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

int kabi_sig_scan_tree(kabi_sigset **out, kabi_repo *repo, const git_oid *tree, kabi_sig_cache *cache,
		       kabi_sig_stats *stats)
{
	kabi_sig_stats local;
	walk w;
	dnode *root = NULL;
	int err;
	size_t i;

	*out = NULL;
	memset(&local, 0, sizeof(local));
	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.cache = cache;
	w.st = stats ? stats : &local;
	memset(w.st, 0, sizeof(*w.st));
	w.set = kabi_calloc(1, sizeof(*w.set));
	w.set->pool = cache->pool;
	err = walk_dir(&w, &root, tree, 0, cache->root);
	kabi_strbuf_free(&w.path);
	/* what is left of the previous view is gone; on failure, start afresh */
	dnode_free(cache->root);
	cache->root = err < 0 ? NULL : root;
	if (err < 0) {
		kabi_sigset_free(w.set);
		return err;
	}
	if (w.set->n)
		qsort(w.set->defs, w.set->n, sizeof(*w.set->defs), by_path);
	w.set->by_entry = kabi_malloc((w.set->n ? w.set->n : 1) * sizeof(*w.set->by_entry));
	for (i = 0; i < w.set->n; i++) {
		w.set->by_entry[i].entry = w.set->defs[i].entry;
		w.set->by_entry[i].idx = i;
	}
	if (w.set->n)
		qsort(w.set->by_entry, w.set->n, sizeof(*w.set->by_entry), by_entry);
	w.st->defs = w.set->n;
	*out = w.set;
	return 0;
}

/* ------------------------------------------------ configuration values */

/* What an ABI fixes about the kernel that runs it.  `native_bits`: word
 * size of the kernel that uses the table's native entry column (x32,
 * arm64-compat, mips-n32 and s390 exist only inside 64-bit kernels);
 * `yes`: symbols that are set for that ABI. */
static const struct {
	const char *abi;
	int native_bits;
	const char *yes;
} abi_config[] = {
	{"x32", 64, "X86_X32_ABI X86_X32 COMPAT"},
	{"i386", 32, ""},
	{"arm64-compat", 64, "COMPAT"},
	{"arm-oabi", 32, "OABI_COMPAT"},
	{"arm", 32, "AEABI"},
	{"mips-n32", 64, "MIPS32_N32 COMPAT"},
	{"mips-o32", 32, ""},
	{"s390", 64, "COMPAT"},
};

/* Symbols saying "this kernel is 64-bit" / "32-bit" per arch. */
static const struct {
	const char *arch, *sym64, *sym32;
} word_syms[] = {
	{"x86", "X86_64", "X86_32"},
	{"powerpc", "PPC64", "PPC32"},
	{"sparc", "SPARC64", "SPARC32"},
	{NULL, "64BIT", "32BIT"},
};

/* The Kconfig symbol of each architecture. */
static const struct {
	const char *arch, *sym;
} arch_syms[] = {
	{"x86", "X86"},
	{"arm", "ARM"},
	{"arm64", "ARM64"},
	{"riscv", "RISCV"},
	{"loongarch", "LOONGARCH"},
	{"powerpc", "PPC"},
	{"s390", "S390"},
	{"mips", "MIPS"},
	{"sparc", "SPARC"},
	{"parisc", "PARISC"},
	{"alpha", "ALPHA"},
	{"ia64", "IA64"},
	{"m68k", "M68K"},
	{"sh", "SUPERH"},
	{"microblaze", "MICROBLAZE"},
	{"xtensa", "XTENSA"},
	{"csky", "CSKY"},
	{"openrisc", "OPENRISC"},
	{"nios2", "NIOS2"},
	{"hexagon", "HEXAGON"},
	{"arc", "ARC"},
	{"um", "UML"},
};

typedef struct {
	const kabi_sigset *set;
	const kabi_abi_info *abi;
	const kconfig *kc; /* arch/<arch>/Kconfig, NULL when absent */
	int kernel64;
	int compat; /* the entry is a compat one */
	int compat_only_abi;
	int depth;
} cfgctx;

static int in_words(const char *list, const char *sym)
{
	size_t n = strlen(sym);
	const char *p = list;

	while ((p = strstr(p, sym)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

static int expr_eval(cfgctx *cx, const char *s, int kconfig_mode);

/* 1, 0 or -1 (unknown) for a Kconfig symbol (no CONFIG_ prefix). */
static int sym_value(cfgctx *cx, const char *sym)
{
	size_t i;
	int v = 0, any = 0;

	if (strcmp(sym, "y") == 0)
		return 1;
	if (strcmp(sym, "n") == 0)
		return 0;
	if (strcmp(sym, "MMU") == 0)
		return 1; /* the ABIs kabi knows are taken with an MMU */
	for (i = 0; i < sizeof(abi_config) / sizeof(abi_config[0]); i++)
		if (strcmp(abi_config[i].abi, cx->abi->name) == 0 && in_words(abi_config[i].yes, sym))
			return 1;
	if (strcmp(sym, "IA32_EMULATION") == 0 && strcmp(cx->abi->name, "i386") == 0 && cx->compat)
		return 1;
	if (strcmp(sym, "MIPS32_O32") == 0 && strcmp(cx->abi->name, "mips-o32") == 0 && cx->compat)
		return 1;
	if (strcmp(sym, "COMPAT") == 0)
		return cx->compat || cx->compat_only_abi ? 1 : cx->kernel64 ? -1 : 0;
	for (i = 0; i < sizeof(word_syms) / sizeof(word_syms[0]); i++) {
		if (word_syms[i].arch && strcmp(word_syms[i].arch, cx->abi->arch) != 0)
			continue;
		if (strcmp(sym, word_syms[i].sym64) == 0)
			return cx->kernel64;
		if (strcmp(sym, word_syms[i].sym32) == 0)
			return !cx->kernel64;
	}
	for (i = 0; i < sizeof(arch_syms) / sizeof(arch_syms[0]); i++)
		if (strcmp(sym, arch_syms[i].sym) == 0)
			return strcmp(arch_syms[i].arch, cx->abi->arch) == 0;
	if (cx->depth > 6)
		return -1;
	/* selected by the arch: true when the selecting block is on and the
	 * `if` holds */
	if (cx->kc) {
		for (i = 0; i < cx->kc->nsel; i++) {
			const kselect *ks = &cx->kc->sel[i];
			int o, c;

			if (strcmp(ks->sym, sym) != 0)
				continue;
			any = 1;
			cx->depth++;
			o = sym_value(cx, ks->owner);
			c = *ks->ifexpr ? expr_eval(cx, ks->ifexpr, 1) : 1;
			cx->depth--;
			if (o == 1 && c == 1)
				return 1;
			if (o != 0 && c != 0)
				v = -1;
		}
		if (any)
			return v;
		for (i = 0; i < cx->set->generic.nprompt; i++)
			if (strcmp(cx->set->generic.promptless[i], sym) == 0)
				return 0;
	}
	return -1;
}

/* A tiny three-valued expression evaluator for #if and Kconfig `if`. */
typedef struct {
	const char *p;
	cfgctx *cx;
	int kmode;
} eparser;

static void eskip(eparser *e)
{
	while (*e->p == ' ' || *e->p == '\t')
		e->p++;
}

static int eident(eparser *e, char *buf, size_t size)
{
	size_t n = 0;

	eskip(e);
	while (isalnum((unsigned char)*e->p) || *e->p == '_') {
		if (n + 1 < size)
			buf[n++] = *e->p;
		e->p++;
	}
	buf[n] = '\0';
	return n > 0;
}

static int not3(int v)
{
	return v < 0 ? -1 : !v;
}

static int e_or(eparser *e);

static int e_symbol(eparser *e, const char *id)
{
	if (!e->kmode) {
		if (strncmp(id, "CONFIG_", 7) != 0)
			return isdigit((unsigned char)id[0]) ? strtol(id, NULL, 0) != 0 : -1;
		return sym_value(e->cx, id + 7);
	}
	return sym_value(e->cx, id);
}

static int e_primary(eparser *e)
{
	char id[128];
	int v;

	eskip(e);
	if (*e->p == '!' && e->p[1] != '=') {
		e->p++;
		return not3(e_primary(e));
	}
	if (*e->p == '(') {
		e->p++;
		v = e_or(e);
		eskip(e);
		if (*e->p == ')')
			e->p++;
		return v;
	}
	if (!eident(e, id, sizeof(id))) {
		if (*e->p)
			e->p++;
		return -1;
	}
	if (!e->kmode && (strcmp(id, "defined") == 0 || strcmp(id, "IS_ENABLED") == 0 ||
			  strcmp(id, "IS_BUILTIN") == 0 || strcmp(id, "IS_REACHABLE") == 0)) {
		int paren;

		eskip(e);
		paren = *e->p == '(';
		if (paren)
			e->p++;
		eident(e, id, sizeof(id));
		eskip(e);
		if (paren && *e->p == ')')
			e->p++;
		return e_symbol(e, id);
	}
	return e_symbol(e, id);
}

/* `BITS_PER_LONG == 32` (include/asm-generic/bitsperlong.h): the kernel's
 * word size.  Returns -2 when the text is not such a comparison. */
static int e_bits_per_long(eparser *e)
{
	const char *p = e->p;
	long bits;
	int eq;
	char *end;

	if (strncmp(p, "__BITS_PER_LONG", 15) == 0)
		p += 15;
	else if (strncmp(p, "BITS_PER_LONG", 13) == 0)
		p += 13;
	else
		return -2;
	while (*p == ' ')
		p++;
	if (strncmp(p, "==", 2) != 0 && strncmp(p, "!=", 2) != 0)
		return -2;
	eq = p[0] == '=';
	p += 2;
	bits = strtol(p, &end, 10);
	if (end == p)
		return -2;
	e->p = end;
	return ((bits == 64) == e->cx->kernel64) == eq;
}

/* Other comparisons make the value unknown. */
static int e_cmp(eparser *e)
{
	int v;

	eskip(e);
	if ((v = e_bits_per_long(e)) != -2)
		return v;
	v = e_primary(e);

	for (;;) {
		eskip(e);
		if (strncmp(e->p, "==", 2) == 0 || strncmp(e->p, "!=", 2) == 0 ||
		    strncmp(e->p, "<=", 2) == 0 || strncmp(e->p, ">=", 2) == 0) {
			e->p += 2;
		} else if (*e->p == '<' || *e->p == '>' || *e->p == '=' || *e->p == '+' || *e->p == '-' ||
			   *e->p == '*' || *e->p == '/' || *e->p == '%') {
			e->p++;
		} else {
			return v;
		}
		e_primary(e);
		v = -1;
	}
}

static int e_and(eparser *e)
{
	int v = e_cmp(e);

	for (;;) {
		int w;

		eskip(e);
		if (strncmp(e->p, "&&", 2) != 0)
			return v;
		e->p += 2;
		w = e_cmp(e);
		v = (v == 0 || w == 0) ? 0 : (v < 0 || w < 0) ? -1 : 1;
	}
}

static int e_or(eparser *e)
{
	int v = e_and(e);

	for (;;) {
		int w;

		eskip(e);
		if (strncmp(e->p, "||", 2) != 0)
			return v;
		e->p += 2;
		w = e_and(e);
		v = (v == 1 || w == 1) ? 1 : (v < 0 || w < 0) ? -1 : 0;
	}
}

static int expr_eval(cfgctx *cx, const char *s, int kconfig_mode)
{
	eparser e;

	e.p = s;
	e.cx = cx;
	e.kmode = kconfig_mode;
	return e_or(&e);
}

static void ctx_init(cfgctx *cx, const kabi_sigset *set, const kabi_abi_info *abi, int compat)
{
	size_t i;

	memset(cx, 0, sizeof(*cx));
	cx->set = set;
	cx->abi = abi;
	cx->compat = compat;
	cx->kernel64 = abi->bits == 64 || compat;
	if (kabi_sig_abi_compat_only(abi)) {
		cx->kernel64 = 1;
		cx->compat_only_abi = 1;
	}
	for (i = 0; i < set->narch; i++)
		if (strcmp(set->arch[i].arch, abi->arch) == 0)
			cx->kc = &set->arch[i].kc;
}

int kabi_sig_abi_compat_only(const kabi_abi_info *abi)
{
	size_t i;

	for (i = 0; i < sizeof(abi_config) / sizeof(abi_config[0]); i++)
		if (strcmp(abi_config[i].abi, abi->name) == 0)
			return abi_config[i].native_bits == 64;
	return 0;
}

int kabi_sig_cond_eval(const kabi_sigset *set, const kabi_abi_info *abi, int compat, const char *cond)
{
	cfgctx cx;

	if (!cond || !*cond)
		return 1;
	ctx_init(&cx, set, abi, compat);
	return expr_eval(&cx, cond, 0);
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
 * directory was built for. */
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
	size_t lo = 0, hi = set->n, i, n = 0;
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
	for (i = lo; i < set->n && strcmp(set->by_entry[i].entry, entry) == 0; i++)
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
		r[n].truth = *d->cond ? expr_eval(&cx, d->cond, 0) : 1;
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
