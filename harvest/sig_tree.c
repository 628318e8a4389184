/*
 * sig_tree.c - signatures at the scale of a tree (see sig_tree.h): the walk
 * and the cache of the previous scan.
 *
 * The walk descends every directory except the user-space ones (tools/,
 * samples/, Documentation/, usr/), skips those whose tree id is the same as
 * in the previous scan, reads only blobs whose name ends in ".c" (and the
 * Kconfig, unistd.h, Makefile and Kbuild files it needs) and whose id
 * changed since then, and parses only those containing "SYSCALL_DEFINE"
 * or "asmlinkage".  A release after another costs what changed between the
 * two.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "array.h"
#include "error.h"
#include "odb.h"
#include "kbuild.h"
#include "kconfig.h"
#include "sig_tree.h"
#include "strbuf.h"

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
	int is_unistd; /* arch/<arch>/include/asm/unistd.h: its __ARCH_BROKEN_SYS_* */
	int is_make;   /* Makefile, Kbuild: which objects build under which options */
	kabi_kconfig kc;
	kabi_kbuild kb;
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
	/* the Kconfig options under which the parent's Makefile builds the
	 * directory (kbuild.h: "" none, NULL unknown); set by the parent's walk */
	const char *incond;
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
		kabi_kconfig_free(&d->files[i].kc);
		kabi_kbuild_free(&d->files[i].kb);
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

/* ------------------------------------------------------ the kept view */

/*
 * The view as bytes: "kabi-scan-view 1\n", the length of what follows once
 * inflated (8 bytes, little-endian), then zlib of the root directory:
 *
 *   directory: name, id (20 zero bytes: it defines something, walk it),
 *              count of files, the files, count of directories, the directories
 *   file:      name, id (a .c file that defines nothing)
 *
 * names and counts as LEB128 lengths/values, names without their NUL, in
 * tree order (the walk merges by name).  Makefiles, Kconfig files and
 * unistd.h are left out: a scan that walks their directory reads them.
 */
static const char view_magic[] = "kabi-scan-view 1\n";
#define VIEW_HDR   (sizeof(view_magic) - 1 + 8)
#define VIEW_DEPTH 256                 /* deeper than any kernel tree; a bound for damaged input */
#define VIEW_MAX   ((uint64_t)1 << 28) /* linux 6.12's is 1.1 MB before zlib */

static void put_uint(kabi_strbuf *b, uint64_t v)
{
	do {
		kabi_strbuf_putc(b, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
		v >>= 7;
	} while (v);
}

static void put_name(kabi_strbuf *b, const char *name)
{
	size_t n = strlen(name);

	put_uint(b, n);
	kabi_strbuf_add(b, name, n);
}

static int inert_file(const dfile *f)
{
	return !f->is_kconfig && !f->is_make && !f->is_unistd && f->n == 0;
}

static void save_dir(kabi_strbuf *b, const dnode *d)
{
	static const git_oid zero;
	size_t i, n = 0;

	put_name(b, d->name ? d->name : "");
	kabi_strbuf_add(b, (const char *)(d->n ? &zero : &d->id)->id, GIT_OID_RAWSZ);
	for (i = 0; i < d->nfiles; i++)
		n += (size_t)inert_file(&d->files[i]);
	put_uint(b, n);
	for (i = 0; i < d->nfiles; i++)
		if (inert_file(&d->files[i])) {
			put_name(b, d->files[i].name);
			kabi_strbuf_add(b, (const char *)d->files[i].id.id, GIT_OID_RAWSZ);
		}
	for (i = n = 0; i < d->ndirs; i++)
		n += d->dirs[i] != NULL;
	put_uint(b, n);
	for (i = 0; i < d->ndirs; i++)
		if (d->dirs[i])
			save_dir(b, d->dirs[i]);
}

int kabi_sig_cache_save(const kabi_sig_cache *c, unsigned char **data, size_t *len)
{
	kabi_strbuf raw = KABI_STRBUF_INIT;
	uLongf zlen;
	unsigned char *out;
	size_t i;

	*data = NULL;
	*len = 0;
	if (!c->root)
		return 0;
	save_dir(&raw, c->root);
	zlen = compressBound((uLong)raw.len);
	out = kabi_malloc(VIEW_HDR + zlen);
	memcpy(out, view_magic, sizeof(view_magic) - 1);
	for (i = 0; i < 8; i++)
		out[sizeof(view_magic) - 1 + i] = (unsigned char)((uint64_t)raw.len >> (8 * i));
	if (compress2(out + VIEW_HDR, &zlen, (const Bytef *)raw.buf, (uLong)raw.len, 6) != Z_OK) {
		free(out);
		kabi_strbuf_free(&raw);
		return kabi_error_set(KABI_ENOMEM, "cannot compress the scan view");
	}
	kabi_strbuf_free(&raw);
	*data = out;
	*len = VIEW_HDR + zlen;
	return 0;
}

typedef struct {
	const unsigned char *p, *end;
} reader;

static int get_uint(reader *r, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	do {
		if (r->p >= r->end || shift > 63)
			return -1;
		*v |= (uint64_t)(*r->p & 0x7f) << shift;
		shift += 7;
	} while (*r->p++ & 0x80);
	return 0;
}

static char *get_name(reader *r)
{
	uint64_t n;
	char *s;

	if (get_uint(r, &n) < 0 || n > (uint64_t)(r->end - r->p) || memchr(r->p, '\0', (size_t)n))
		return NULL;
	s = kabi_strndup((const char *)r->p, (size_t)n);
	r->p += n;
	return s;
}

static int get_id(reader *r, git_oid *id)
{
	if (r->end - r->p < GIT_OID_RAWSZ)
		return -1;
	git_oid_fromraw(id, r->p);
	r->p += GIT_OID_RAWSZ;
	return 0;
}

/* A count of entries, each at least `min` bytes: no more than are left. */
static int get_count(reader *r, size_t min, size_t *n)
{
	uint64_t v;

	if (get_uint(r, &v) < 0 || v > (uint64_t)(r->end - r->p) / min)
		return -1;
	*n = (size_t)v;
	return 0;
}

static dnode *load_dir(reader *r, int depth)
{
	dnode *d = kabi_calloc(1, sizeof(*d));
	size_t i, n;

	if (depth > VIEW_DEPTH || !(d->name = get_name(r)) || get_id(r, &d->id) < 0 ||
	    get_count(r, 1 + GIT_OID_RAWSZ, &n) < 0)
		goto bad;
	d->files = kabi_calloc(n ? n : 1, sizeof(*d->files));
	for (i = 0; i < n; i++, d->nfiles++)
		if (!(d->files[i].name = get_name(r)) || get_id(r, &d->files[i].id) < 0)
			goto bad;
	for (i = 1; i < d->nfiles; i++)
		if (strcmp(d->files[i - 1].name, d->files[i].name) >= 0)
			goto bad; /* the walk merges by name */
	if (get_count(r, 2 + GIT_OID_RAWSZ, &n) < 0)
		goto bad;
	d->dirs = kabi_calloc(n ? n : 1, sizeof(*d->dirs));
	for (i = 0; i < n; i++, d->ndirs++)
		if (!(d->dirs[i] = load_dir(r, depth + 1)) ||
		    (i && dir_cmp(d->dirs[i - 1]->name, d->dirs[i]->name) >= 0))
			goto bad;
	return d;
bad:
	dnode_free(d);
	return NULL;
}

int kabi_sig_cache_restore(kabi_sig_cache *c, const unsigned char *data, size_t len)
{
	uint64_t rawlen = 0;
	uLongf got;
	unsigned char *raw;
	reader r;
	dnode *root;
	size_t i;

	if (c->root || len < VIEW_HDR || memcmp(data, view_magic, sizeof(view_magic) - 1) != 0)
		return -1;
	for (i = 0; i < 8; i++)
		rawlen |= (uint64_t)data[sizeof(view_magic) - 1 + i] << (8 * i);
	if (rawlen == 0 || rawlen > VIEW_MAX)
		return -1;
	got = (uLongf)rawlen;
	raw = kabi_malloc((size_t)rawlen);
	if (uncompress(raw, &got, data + VIEW_HDR, (uLong)(len - VIEW_HDR)) != Z_OK || got != rawlen) {
		free(raw);
		return -1;
	}
	r.p = raw;
	r.end = raw + rawlen;
	root = load_dir(&r, 0);
	free(raw);
	if (!root || r.p != r.end) {
		dnode_free(root);
		return -1;
	}
	c->root = root;
	return 0;
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
		f->kb = old->kb;
		old->defs = NULL;
		old->n = 0;
		memset(&old->kc, 0, sizeof(old->kc));
		memset(&old->kb, 0, sizeof(old->kb));
		return 0;
	}
	if ((err = read_object(w, &f->id, GIT_OBJECT_BLOB, &text, &len)) < 0)
		return err;
	if (f->is_kconfig) {
		kabi_kconfig_parse(&f->kc, text, len, w->cache->pool);
	} else if (f->is_make) {
		kabi_kbuild_parse(&f->kb, text, len, w->cache->pool);
	} else if (f->is_unistd) {
		kabi_sig_scan_arch_broken(&f->defs, &f->n, text, len,
					  kabi_intern_len(w->cache->pool, w->path.buf, w->path.len),
					  w->cache->pool);
	} else if (mentions_definitions(text, len)) {
		w->st->parsed++;
		kabi_sig_scan_text(&f->defs, &f->n, text, len,
				   kabi_intern_len(w->cache->pool, w->path.buf, w->path.len), w->cache->pool);
	}
	free(text);
	return 0;
}

/* Which files of a directory at `depth` the scan keeps: .c files, the
 * Kconfig files of arch/ and arch/<arch>/ (their selects choose variants),
 * arch/<arch>/include/asm/unistd.h (an arch's __ARCH_BROKEN_SYS_*), and
 * every Makefile and Kbuild (under which options a .c file is built). */
static int wanted(const kabi_tree_entry *te, const kabi_strbuf *dir, int depth, int *is_kconfig,
		  int *is_unistd, int *is_make)
{
	const char *name = te->name;
	size_t nlen = te->namelen;

	if ((te->mode & 0170000) != 0100000) /* blobs; not links, not submodules */
		return 0;
	*is_kconfig = 0;
	*is_unistd = 0;
	*is_make = 0;
	if (strcmp(name, "Makefile") == 0 || strcmp(name, "Kbuild") == 0) {
		*is_make = 1;
		return 1;
	}
	if (nlen > 2 && name[nlen - 2] == '.' && name[nlen - 1] == 'c')
		return 1;
	if (depth == 4 && strcmp(name, "unistd.h") == 0 && strncmp(dir->buf, "arch/", 5) == 0 &&
	    dir->len > 12 && strcmp(dir->buf + dir->len - 12, "/include/asm") == 0) {
		*is_unistd = 1;
		return 1;
	}
	if (strcmp(name, "Kconfig") != 0)
		return 0;
	*is_kconfig = 1;
	return (depth == 1 && strcmp(dir->buf, "arch") == 0) ||
	       (depth == 2 && strncmp(dir->buf, "arch/", 5) == 0);
}

/*
 * After a directory's walk: what its Makefile and Kbuild say of each of its
 * .c files (written into their definitions, which then join the set) and
 * of each subdirectory (its incond).  Both are redone at every walk of the
 * directory, so that a changed Makefile changes them even where the .c
 * files and subdirectories are taken over unchanged.
 */
static void built_under(walk *w, dnode *d)
{
	const kabi_kbuild *ks[2];
	size_t nk = 0, i, j;
	kabi_strbuf word = KABI_STRBUF_INIT;

	for (i = 0; i < d->nfiles && nk < 2; i++)
		if (d->files[i].is_make)
			ks[nk++] = &d->files[i].kb;
	for (i = 0; i < d->nfiles; i++) {
		dfile *f = &d->files[i];
		const char *c = NULL;
		size_t nl = strlen(f->name);

		if (f->is_kconfig || f->is_make || !f->n)
			continue;
		if (!f->is_unistd && nl > 2 && nk) {
			kabi_strbuf_reset(&word);
			kabi_strbuf_add(&word, f->name, nl - 2);
			kabi_strbuf_puts(&word, ".o");
			c = kabi_kbuild_cond(ks, nk, kabi_strbuf_str(&word), w->cache->pool);
		}
		for (j = 0; j < f->n; j++)
			f->defs[j].build = c;
		kabi_sigset_add(w->set, f->defs, f->n);
	}
	for (i = 0; i < d->ndirs; i++) {
		if (!d->dirs[i])
			continue;
		kabi_strbuf_reset(&word);
		kabi_strbuf_puts(&word, d->dirs[i]->name ? d->dirs[i]->name : "");
		kabi_strbuf_putc(&word, '/');
		d->dirs[i]->incond =
			nk ? kabi_kbuild_cond(ks, nk, kabi_strbuf_str(&word), w->cache->pool) : NULL;
	}
	kabi_strbuf_free(&word);
}

/* Walks the directory at w->path (tree `tree_id`, `depth` below the root)
 * into *out, comparing with `old`, the same directory in the previous scan
 * (NULL: none), whose files and subdirectories it takes over where they
 * are unchanged. */
static int walk_dir(walk *w, dnode **out, const git_oid *tree_id, int depth, dnode *old)
{
	char *tree;
	size_t treelen, pos = 0, base = w->path.len, of_i = 0, od_i = 0, afiles = 0, adirs = 0, n0, nset;
	const kabi_sigdef *defs;
	dnode *d;
	kabi_tree_entry te;
	int err, more;

	kabi_sigset_defs(w->set, &n0);
	if ((err = read_object(w, tree_id, GIT_OBJECT_TREE, &tree, &treelen)) < 0)
		return err;
	d = kabi_calloc(1, sizeof(*d));
	d->id = *tree_id;
	while (err == 0 && (more = kabi_tree_next(&te, tree, treelen, &pos)) != 0) {
		const char *name = te.name;
		git_oid id;
		int is_kconfig, is_unistd, is_make;

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
			KABI_ARRAY_GROW(d->dirs, d->ndirs + 1, adirs);
			slot = &d->dirs[d->ndirs++];
			*slot = NULL;
			if (base)
				kabi_strbuf_putc(&w->path, '/');
			kabi_strbuf_puts(&w->path, name);
			/* arch/ and arch/<arch>/ hold the Kconfig files: always walked */
			if (sub && git_oid_equal(&sub->id, &id) &&
			    !(depth == 0 && strcmp(name, "arch") == 0) &&
			    !(depth == 1 && strncmp(w->path.buf, "arch/", 5) == 0)) {
				kabi_sigset_add(w->set, sub->defs, sub->n);
				*slot = sub;
			} else {
				err = walk_dir(w, slot, &id, depth + 1, sub);
				dnode_free(sub);
			}
			if (!*slot)
				d->ndirs--;
		} else if (wanted(&te, &w->path, depth, &is_kconfig, &is_unistd, &is_make)) {
			dfile *f, *of = NULL;

			while (old && of_i < old->nfiles && strcmp(old->files[of_i].name, name) < 0)
				of_i++;
			if (old && of_i < old->nfiles && strcmp(old->files[of_i].name, name) == 0)
				of = &old->files[of_i++]; /* its name and contents are taken below */
			KABI_ARRAY_GROW(d->files, d->nfiles + 1, afiles);
			f = &d->files[d->nfiles++];
			memset(f, 0, sizeof(*f));
			f->id = id;
			f->is_kconfig = is_kconfig;
			f->is_unistd = is_unistd;
			f->is_make = is_make;
			if (of) {
				f->name = of->name;
				of->name = NULL; /* the search has passed it */
			} else {
				f->name = kabi_strdup(name);
			}
			if (base)
				kabi_strbuf_putc(&w->path, '/');
			kabi_strbuf_puts(&w->path, name);
			if (!is_kconfig && !is_unistd && !is_make)
				w->st->files++;
			if ((err = visit_file(w, f, of)) < 0)
				break;
			if (!is_kconfig) {
				/* definitions: added below, with the Makefile's word */
			} else if (depth == 2) {
				char *arch =
					kabi_strndup(w->path.buf + 5, w->path.len - 5 - strlen("/Kconfig"));

				kabi_sigset_add_kconfig(w->set, arch, &f->kc);
				free(arch);
			} else {
				kabi_sigset_add_kconfig(w->set, NULL, &f->kc);
			}
		}
		w->path.len = base;
		if (w->path.buf)
			w->path.buf[base] = '\0';
	}
	free(tree);
	if (err == 0)
		built_under(w, d);
	d->name = kabi_strdup(base ? strrchr(w->path.buf, '/') ? strrchr(w->path.buf, '/') + 1 : w->path.buf
				   : "");
	defs = kabi_sigset_defs(w->set, &nset);
	d->n = nset - n0;
	if (d->n) {
		d->defs = kabi_malloc(d->n * sizeof(*d->defs));
		memcpy(d->defs, defs + n0, d->n * sizeof(*d->defs));
	}
	if (err < 0) {
		dnode_free(d);
		return err;
	}
	*out = d;
	return 0;
}

/* Each directory with definitions under it, with the options that every
 * Makefile from the top down to it requires (unknown steps say nothing). */
static void add_chains(kabi_sigset *set, kabi_intern *pool, const dnode *d, kabi_strbuf *path,
		       const char *chain)
{
	size_t base = path->len, i;

	kabi_sigset_add_dir(set, kabi_intern_len(pool, path->buf ? path->buf : "", path->len), chain);
	for (i = 0; i < d->ndirs; i++) {
		const dnode *sub = d->dirs[i];

		if (!sub || !sub->n)
			continue;
		if (base)
			kabi_strbuf_putc(path, '/');
		kabi_strbuf_puts(path, sub->name);
		add_chains(set, pool, sub, path,
			   sub->incond ? kabi_kbuild_and(pool, chain, sub->incond) : chain);
		path->len = base;
		path->buf[base] = '\0';
	}
}

int kabi_sig_scan_tree(kabi_sigset **out, kabi_repo *repo, const git_oid *tree, kabi_sig_cache *cache,
		       kabi_sig_stats *stats)
{
	kabi_sig_stats local;
	walk w;
	dnode *root = NULL;
	int err;

	*out = NULL;
	memset(&local, 0, sizeof(local));
	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.cache = cache;
	w.st = stats ? stats : &local;
	memset(w.st, 0, sizeof(*w.st));
	kabi_sigset_new(&w.set, cache->pool);
	err = walk_dir(&w, &root, tree, 0, cache->root);
	kabi_strbuf_free(&w.path);
	/* what is left of the previous view is gone; on failure, start afresh */
	dnode_free(cache->root);
	cache->root = err < 0 ? NULL : root;
	if (err < 0) {
		kabi_sigset_free(w.set);
		return err;
	}
	if (root->n) {
		kabi_strbuf path = KABI_STRBUF_INIT;

		add_chains(w.set, cache->pool, root, &path, kabi_intern_len(cache->pool, "", 0));
		kabi_strbuf_free(&path);
	}
	kabi_sigset_finish(w.set);
	kabi_sigset_defs(w.set, &w.st->defs);
	*out = w.set;
	return 0;
}
