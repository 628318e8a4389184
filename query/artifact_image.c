/*
 * artifact_image.c - the ELF files of container images: an OCI image
 * layout (a directory, or a tar of one), a `docker save` tarball or a root
 * file system tarball, read in place.
 *
 * An image is a config (its architecture) and a stack of layers, each a
 * tar, plain or gzip-compressed (zlib).  The final view is what a
 * container sees: a later layer's file replaces an earlier one's, a
 * whiteout `.wh.NAME` deletes NAME (and what is below it) from the layers
 * under it, `.wh..wh..opq` makes its directory opaque (nothing of the lower
 * layers' in it is seen), and a file, link or whiteout where a lower layer
 * had a directory hides that directory.  Only ELF files matter, so the
 * view keeps only them: path -> (layer, offset, size).  Each layer is read
 * twice: once for its member headers and the first four bytes of its
 * regular files (\x7fELF or not), then for the bytes of the ELF files still
 * in the view, one file at a time, in the order of the tar.  Memory is one
 * ELF file (at most MAX_ELF) and the view.
 *
 * The tar reader knows ustar (name and prefix), GNU long names ('L') and
 * pax extended headers ('x': path and size).  Nothing in a header is
 * trusted: the checksum is checked, a size must fit in what is left of the
 * archive, a path must not climb out with '..'.  Digests of manifests and
 * configs are checked (sha256.c); layers are checked against their
 * descriptor's size, not hashed (that would mean reading every byte of
 * every layer).  zstd layers are refused with a message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "abi.h"
#include "array.h"
#include "artifact.h"
#include "error.h"
#include "json.h"
#include "sha256.h"
#include "strbuf.h"
#include "strlist.h"

#define BLOCK    512
#define MAX_JSON ((size_t)16 << 20)  /* a manifest, index or config */
#define MAX_ELF  ((size_t)512 << 20) /* as kabi_elf_read */
#define MAX_META ((size_t)1 << 20)   /* a GNU long name or pax header */
#define MAX_NEST 8                   /* indexes inside indexes */
#define MAX_SIZE ((uint64_t)1 << 62) /* no member is larger */
#define ZCHUNK   65536
#define ELF_MAGIC                                                                                            \
	"\x7f"                                                                                               \
	"ELF"

/* ---- errors ------------------------------------------------------------- */

static int bad(int code, const char *name, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int bad(int code, const char *name, uint64_t off, const char *fmt, ...)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	rc = kabi_error_set(code, "'%s' offset %llu: %s", name, (unsigned long long)off, sb.buf);
	kabi_strbuf_free(&sb);
	return rc;
}

/* ---- a byte stream: a span of a file, perhaps gzip-compressed ------------ */

typedef struct {
	FILE *f;
	uint64_t base, clen; /* the span in f */
	uint64_t cpos;       /* span bytes given to zlib */
	uint64_t pos;        /* position in the (decompressed) stream */
	char *name;          /* for messages */
	int gz, zend;
	z_stream z;
	unsigned char *in, *scratch;
} rd;

static int rd_err(const rd *r, uint64_t off, const char *what)
{
	if (r->gz)
		return kabi_error_set(KABI_EINVALID, "'%s' offset %llu (after gunzip): %s", r->name,
				      (unsigned long long)off, what);
	return bad(KABI_EINVALID, r->name, off, "%s", what);
}

static int rd_pread(rd *r, unsigned char *buf, size_t n, uint64_t at)
{
	if (fseeko(r->f, (off_t)(r->base + at), SEEK_SET) != 0 || fread(buf, 1, n, r->f) != n)
		return kabi_error_set(KABI_EIO, "cannot read '%s' at offset %llu: %s", r->name,
				      (unsigned long long)at, ferror(r->f) ? strerror(errno) : "end of file");
	return 0;
}

static void rd_close(rd *r)
{
	if (r->gz)
		inflateEnd(&r->z);
	free(r->in);
	free(r->scratch);
	free(r->name);
	memset(r, 0, sizeof(*r));
}

/* The span [base, base + len) of f; gzip when it starts with its magic. */
static int rd_open(rd *r, FILE *f, uint64_t base, uint64_t len, const char *name)
{
	unsigned char m[4] = {0};
	int rc;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->base = base;
	r->clen = len;
	r->name = kabi_strdup(name);
	if (len >= 4 && (rc = rd_pread(r, m, 4, 0)) < 0)
		return rc;
	if (len >= 4 && memcmp(m, "\x28\xb5\x2f\xfd", 4) == 0)
		return bad(KABI_EINVALID, name, 0,
			   "a zstd-compressed layer: kabi reads plain and gzip layers only");
	if (len >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
		r->gz = 1;
		r->in = kabi_malloc(ZCHUNK);
		if (inflateInit2(&r->z, 16 + MAX_WBITS) != Z_OK) {
			r->gz = 0;
			return kabi_error_set(KABI_EIO, "'%s': cannot start zlib", name);
		}
	}
	return 0;
}

/* Up to n bytes; *got < n only at the end of the stream. */
static int rd_read(rd *r, unsigned char *buf, size_t n, size_t *got)
{
	int rc, zr;

	*got = 0;
	if (!r->gz) {
		uint64_t left = r->clen - r->pos;
		size_t k = left < n ? (size_t)left : n;

		if (k && (rc = rd_pread(r, buf, k, r->pos)) < 0)
			return rc;
		r->pos += k;
		*got = k;
		return 0;
	}
	r->z.next_out = buf;
	r->z.avail_out = (uInt)n;
	while (r->z.avail_out && !r->zend) {
		if (r->z.avail_in == 0) {
			uint64_t left = r->clen - r->cpos;
			size_t k = left < ZCHUNK ? (size_t)left : ZCHUNK;

			if (k == 0)
				return bad(KABI_EINVALID, r->name, r->cpos, "truncated gzip data");
			if ((rc = rd_pread(r, r->in, k, r->cpos)) < 0)
				return rc;
			r->cpos += k;
			r->z.next_in = r->in;
			r->z.avail_in = (uInt)k;
		}
		zr = inflate(&r->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			/* another gzip member may follow (pigz, cat a.gz b.gz) */
			unsigned char m[2];

			if (r->z.avail_in >= 2
				    ? r->z.next_in[0] == 0x1f && r->z.next_in[1] == 0x8b
				    : r->z.avail_in == 0 && r->clen - r->cpos >= 2 &&
					      rd_pread(r, m, 2, r->cpos) == 0 && m[0] == 0x1f && m[1] == 0x8b)
				inflateReset(&r->z);
			else
				r->zend = 1;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			return bad(KABI_EINVALID, r->name, r->cpos - r->z.avail_in, "bad gzip data (%s)",
				   r->z.msg ? r->z.msg : "zlib error");
		}
	}
	*got = n - r->z.avail_out;
	r->pos += *got;
	return 0;
}

/* Skip n bytes; *got < n at the end of the stream. */
static int rd_skip(rd *r, uint64_t n, uint64_t *got)
{
	size_t k;
	int rc;

	*got = 0;
	if (!r->gz) {
		uint64_t left = r->clen - r->pos;

		*got = n < left ? n : left;
		r->pos += *got;
		return 0;
	}
	if (!r->scratch)
		r->scratch = kabi_malloc(ZCHUNK);
	while (*got < n) {
		size_t want = n - *got < ZCHUNK ? (size_t)(n - *got) : ZCHUNK;

		if ((rc = rd_read(r, r->scratch, want, &k)) < 0)
			return rc;
		*got += k;
		if (k < want)
			break;
	}
	return 0;
}

/* ---- tar ------------------------------------------------------------------ */

typedef struct {
	const char *path; /* normalized: no "./", no leading or doubled '/' */
	char type;        /* '0' regular, '1' hard link, '2' symlink, '5' directory, ... */
	uint64_t size, off, hdr;
} member;

/* Called for every member; it may read up to m->size bytes of r. */
typedef int (*member_fn)(void *ctx, rd *r, const member *m);

/* An octal number field (or GNU base-256); -1 when it is not one. */
static int64_t tar_num(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	size_t i = 0;

	if (p[0] & 0x80) {
		if (p[0] != 0x80)
			return -1; /* negative, or too large */
		for (i = 1; i < n; i++) {
			if (v >> 55)
				return -1;
			v = v << 8 | p[i];
		}
		return v < MAX_SIZE ? (int64_t)v : -1;
	}
	while (i < n && p[i] == ' ')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
		if (v >> 58)
			return -1;
		v = v * 8 + (uint64_t)(p[i] - '0');
	}
	for (; i < n; i++)
		if (p[i] != ' ' && p[i] != '\0')
			return -1;
	return (int64_t)v;
}

/* 1 when the block is a tar header with a right checksum (the unsigned
 * sum, or the signed one that old tars wrote). */
static int tar_header_ok(const unsigned char *h)
{
	int64_t want = tar_num(h + 148, 8);
	long usum = 0, ssum = 0;
	int i;

	for (i = 0; i < BLOCK; i++) {
		unsigned char c = i >= 148 && i < 156 ? ' ' : h[i];

		usum += c;
		ssum += (signed char)c;
	}
	return want >= 0 && (want == usum || want == ssum);
}

int kabi_image_sniff(const unsigned char *buf, size_t len)
{
	if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b)
		return 1;
	return len >= BLOCK && buf[0] && tar_header_ok(buf);
}

/* The path in, up to n bytes, normalized into out; -1 for a '..'. */
static int norm_path(kabi_strbuf *out, const char *in, size_t n)
{
	const char *p = in, *end = in + strnlen(in, n);

	kabi_strbuf_reset(out);
	while (p < end) {
		const char *s = p;

		while (p < end && *p != '/')
			p++;
		if (p - s == 2 && s[0] == '.' && s[1] == '.')
			return -1;
		if (p > s && !(p - s == 1 && s[0] == '.')) {
			if (out->len)
				kabi_strbuf_putc(out, '/');
			kabi_strbuf_add(out, s, (size_t)(p - s));
		}
		while (p < end && *p == '/')
			p++;
	}
	kabi_strbuf_putc(out, '\0'); /* buf never NULL */
	out->len--;
	return 0;
}

/* Reads the n bytes of a meta member (a long name, a pax header). */
static int read_meta(rd *r, kabi_strbuf *sb, uint64_t n, uint64_t hdr)
{
	size_t got;
	int rc;

	if (n > MAX_META)
		return rd_err(r, hdr + 124, "a long name or pax header larger than 1 MiB");
	kabi_strbuf_reset(sb);
	kabi_strbuf_grow(sb, (size_t)n + 1);
	if ((rc = rd_read(r, (unsigned char *)sb->buf, (size_t)n, &got)) < 0)
		return rc;
	if (got < n)
		return rd_err(r, r->pos, "truncated tar archive (in a long name or pax header)");
	sb->len = (size_t)n;
	sb->buf[n] = '\0';
	return 0;
}

/* The path and size records of a pax header ("LEN KEY=VALUE\n" each). */
static int pax_parse(rd *r, const kabi_strbuf *sb, uint64_t at, kabi_strbuf *path, int *has_path,
		     int64_t *size)
{
	size_t i = 0;

	while (i < sb->len) {
		size_t len = 0, j = i;
		const char *key, *eq, *end;

		while (j < sb->len && sb->buf[j] >= '0' && sb->buf[j] <= '9' && len < MAX_META)
			len = len * 10 + (size_t)(sb->buf[j++] - '0');
		if (j == i || j >= sb->len || sb->buf[j] != ' ' || len <= j - i || len > sb->len - i ||
		    sb->buf[i + len - 1] != '\n')
			return rd_err(r, at + i, "bad pax header record");
		key = sb->buf + j + 1;
		end = sb->buf + i + len - 1; /* the newline */
		eq = memchr(key, '=', (size_t)(end - key));
		if (!eq)
			return rd_err(r, at + i, "bad pax header record (no '=')");
		if ((size_t)(eq - key) == 4 && memcmp(key, "path", 4) == 0) {
			kabi_strbuf_reset(path);
			kabi_strbuf_add(path, eq + 1, (size_t)(end - (eq + 1)));
			*has_path = 1;
		} else if ((size_t)(eq - key) == 4 && memcmp(key, "size", 4) == 0) {
			const char *v = eq + 1;
			uint64_t s = 0;

			if (v == end)
				return rd_err(r, at + i, "bad pax size");
			for (; v < end; v++) {
				if (*v < '0' || *v > '9' || s > MAX_SIZE / 10)
					return rd_err(r, at + i, "bad pax size");
				s = s * 10 + (uint64_t)(*v - '0');
			}
			if (s >= MAX_SIZE)
				return rd_err(r, at + i, "bad pax size");
			*size = (int64_t)s;
		}
		i += len;
	}
	return 0;
}

/* Every member of the tar that r reads, to fn; the end-of-archive block
 * must be there. */
static int tar_scan(rd *r, member_fn fn, void *ctx)
{
	unsigned char h[BLOCK];
	kabi_strbuf meta = KABI_STRBUF_INIT, longname = KABI_STRBUF_INIT, path = KABI_STRBUF_INIT;
	int has_long = 0, rc = 0, i;
	int64_t pax_size = -1;

	for (;;) {
		uint64_t at = r->pos, padded, got64;
		int64_t size;
		size_t got;
		member m;

		if ((rc = rd_read(r, h, BLOCK, &got)) < 0)
			goto out;
		if (got < BLOCK) {
			rc = rd_err(r, at + got,
				    at == 0 && got == 0 ? "empty, not a tar archive"
							: "truncated tar archive (no end-of-archive block)");
			goto out;
		}
		for (i = 0; i < BLOCK && !h[i]; i++)
			;
		if (i == BLOCK)
			break; /* the end; what follows is padding */
		if (!tar_header_ok(h)) {
			rc = rd_err(r, at + 148,
				    at == 0 ? "not a tar archive (bad header checksum)"
					    : "bad tar header checksum");
			goto out;
		}
		size = tar_num(h + 124, 12);
		if (size < 0) {
			rc = rd_err(r, at + 124, "bad tar member size");
			goto out;
		}
		if (pax_size >= 0 && h[156] != 'x' && h[156] != 'g' && h[156] != 'L' && h[156] != 'K')
			size = pax_size;
		m.hdr = at;
		m.off = at + BLOCK;
		m.size = (uint64_t)size;
		padded = (m.size + BLOCK - 1) / BLOCK * BLOCK;
		if (!r->gz && m.size > r->clen - m.off) {
			kabi_error_set(
				KABI_EINVALID,
				"'%s' offset %llu: tar member size %llu goes past the end of the archive "
				"(%llu bytes left)",
				r->name, (unsigned long long)(at + 124), (unsigned long long)m.size,
				(unsigned long long)(r->clen - m.off));
			rc = KABI_EINVALID;
			goto out;
		}
		switch (h[156]) {
		case 'L': /* GNU long name: the next member's */
			if ((rc = read_meta(r, &longname, m.size, at)) < 0)
				goto out;
			longname.len = strnlen(longname.buf, longname.len);
			has_long = 1;
			break;
		case 'x': /* pax: the next member's path and size */
			if ((rc = read_meta(r, &meta, m.size, at)) < 0 ||
			    (rc = pax_parse(r, &meta, m.off, &longname, &has_long, &pax_size)) < 0)
				goto out;
			break;
		case 'g': /* pax global header, GNU long link name: nothing of ours */
		case 'K': break;
		default: {
			int e = has_long ? norm_path(&path, longname.buf, longname.len + 1) : 0;

			if (!has_long) {
				char full[BLOCK];

				if (memcmp(h + 257, "ustar\0", 6) == 0 && h[345]) {
					size_t np = strnlen((const char *)h + 345, 155);

					memcpy(full, h + 345, np);
					full[np] = '/';
					memcpy(full + np + 1, h, 100);
					full[np + 1 + 100] = '\0';
				} else {
					memcpy(full, h, 100);
					full[100] = '\0';
				}
				e = norm_path(&path, full, sizeof(full));
			}
			if (e < 0) {
				kabi_error_set(KABI_EINVALID,
					       "'%s' offset %llu: a member path with a '..' component",
					       r->name, (unsigned long long)at);
				rc = KABI_EINVALID;
				goto out;
			}
			m.path = path.buf;
			m.type = h[156] == '\0' || h[156] == '7' ? '0' : (char)h[156];
			if ((rc = fn(ctx, r, &m)) < 0)
				goto out;
			has_long = 0;
			pax_size = -1;
			break;
		}
		}
		if (r->pos < m.off + padded) {
			uint64_t want = m.off + padded - r->pos;

			if ((rc = rd_skip(r, want, &got64)) < 0)
				goto out;
			if (got64 < want) {
				rc = rd_err(r, r->pos, "truncated tar archive (a member ends early)");
				goto out;
			}
		}
	}
out:
	kabi_strbuf_free(&meta);
	kabi_strbuf_free(&longname);
	kabi_strbuf_free(&path);
	return rc;
}

/* ---- the final view ------------------------------------------------------ */

typedef struct {
	char *path;
	size_t layer;
	uint64_t off, size;
	int alive;
} entry;

/* path -> index: open addressing, never shrinks (dead entries stay). */
typedef struct {
	size_t *slot; /* 0 empty, else index + 1 */
	size_t cap;
} pathmap;

typedef struct {
	entry *v;
	size_t n, alloc;
	pathmap files;     /* into v */
	kabi_strlist dirs; /* directories that hold (or held) an ELF file */
	pathmap dirmap;    /* into dirs */
	size_t layer;      /* the layer being read */
	size_t nelf;       /* ELF members seen (for the caller) */
} view;

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

typedef const char *(*key_fn)(const void *tab, size_t i);

static const char *entry_key(const void *tab, size_t i)
{
	return ((const view *)tab)->v[i].path;
}

static const char *dir_key(const void *tab, size_t i)
{
	return ((const view *)tab)->dirs.v[i];
}

/* The slot of key, or the empty slot where it goes. */
static size_t map_slot(const pathmap *m, const view *t, key_fn key, const char *k)
{
	size_t s = hash_str(k) & (m->cap - 1);

	while (m->slot[s] && strcmp(key(t, m->slot[s] - 1), k) != 0)
		s = (s + 1) & (m->cap - 1);
	return s;
}

/* Index of key, or -1. */
static long map_get(const pathmap *m, const view *t, key_fn key, const char *k)
{
	size_t s;

	if (!m->cap)
		return -1;
	s = map_slot(m, t, key, k);
	return m->slot[s] ? (long)(m->slot[s] - 1) : -1;
}

/* Adds index i (its key is key(t, i)); n: entries after adding. */
static void map_put(pathmap *m, const view *t, key_fn key, size_t i, size_t n)
{
	if (n * 2 > m->cap) {
		size_t old = m->cap, j, *slots = m->slot;

		m->cap = m->cap ? m->cap * 2 : 64;
		m->slot = kabi_calloc(m->cap, sizeof(*m->slot));
		for (j = 0; j < old; j++)
			if (slots[j])
				m->slot[map_slot(m, t, key, key(t, slots[j] - 1))] = slots[j];
		free(slots);
	}
	m->slot[map_slot(m, t, key, key(t, i))] = i + 1;
}

static void view_free(view *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].path);
	free(v->v);
	free(v->files.slot);
	free(v->dirmap.slot);
	kabi_strlist_free(&v->dirs);
	memset(v, 0, sizeof(*v));
}

/* Hide path itself: from lower layers only (lower != 0, a whiteout) or
 * from every earlier member. */
static void hide(view *v, const char *path, int lower)
{
	long i = map_get(&v->files, v, entry_key, path);

	if (i >= 0 && (!lower || v->v[i].layer < v->layer))
		v->v[i].alive = 0;
}

/* Hide everything below dir ("" the root). */
static void hide_under(view *v, const char *dir, int lower)
{
	size_t i, n = strlen(dir);

	if (n && map_get(&v->dirmap, v, dir_key, dir) < 0)
		return; /* no ELF file was ever below it */
	for (i = 0; i < v->n; i++) {
		entry *e = &v->v[i];

		if (e->alive && (!lower || e->layer < v->layer) &&
		    (!n || (strncmp(e->path, dir, n) == 0 && e->path[n] == '/')))
			e->alive = 0;
	}
}

static void add_elf(view *v, const member *m)
{
	long i = map_get(&v->files, v, entry_key, m->path);
	kabi_strbuf d = KABI_STRBUF_INIT;
	const char *slash;
	entry *e;

	if (i < 0) {
		KABI_ARRAY_GROW(v->v, v->n + 1, v->alloc);
		i = (long)v->n++;
		v->v[i].path = kabi_strdup(m->path);
		map_put(&v->files, v, entry_key, (size_t)i, v->n);
	}
	e = &v->v[i];
	e->layer = v->layer;
	e->off = m->off;
	e->size = m->size;
	e->alive = 1;
	/* its directories, for hide_under */
	kabi_strbuf_puts(&d, m->path);
	while ((slash = strrchr(d.buf, '/'))) {
		d.len = (size_t)(slash - d.buf);
		d.buf[d.len] = '\0';
		if (map_get(&v->dirmap, v, dir_key, d.buf) >= 0)
			break;
		kabi_strlist_add(&v->dirs, d.buf);
		map_put(&v->dirmap, v, dir_key, v->dirs.n - 1, v->dirs.n);
	}
	kabi_strbuf_free(&d);
	v->nelf++;
}

/* A member of the layer being read: whiteouts, replacements, ELF files. */
static int view_member(void *ctx, rd *r, const member *m)
{
	view *v = ctx;
	const char *base = strrchr(m->path, '/');
	unsigned char magic[4];
	size_t got;
	int rc;

	base = base ? base + 1 : m->path;
	if (strncmp(base, ".wh.", 4) == 0) {
		kabi_strbuf t = KABI_STRBUF_INIT;

		kabi_strbuf_add(&t, m->path, (size_t)(base - m->path));
		if (strcmp(base, ".wh..wh..opq") == 0) {
			if (t.len)
				t.buf[--t.len] = '\0';
			hide_under(v, kabi_strbuf_str(&t), 1);
		} else {
			kabi_strbuf_puts(&t, base + 4);
			hide(v, t.buf, 1);
			hide_under(v, t.buf, 1);
		}
		kabi_strbuf_free(&t);
		return 0;
	}
	if (!*m->path)
		return 0; /* "./", the root */
	hide(v, m->path, 0);
	if (m->type != '5')
		hide_under(v, m->path, 0);
	if (m->type != '0' || m->size < 4)
		return 0;
	if ((rc = rd_read(r, magic, 4, &got)) < 0)
		return rc;
	if (got == 4 && memcmp(magic, ELF_MAGIC, 4) == 0)
		add_elf(v, m);
	return 0;
}

/* ---- images ---------------------------------------------------------------- */

/* Where an input's blobs are: a directory, or members of a tar. */
typedef struct {
	char *path; /* normalized */
	uint64_t off, size;
} blob_member;

typedef struct {
	const char *label;
	const char *dir; /* an OCI layout directory */
	FILE *f;         /* the tar (or the buffer) */
	uint64_t flen;
	blob_member *mem; /* the tar's members that may be image files */
	size_t nmem, amem;
	kabi_strlist seen; /* manifest digests already read */
	view root;         /* the tar itself as a root file system */
} source;

/* A layer: a span of a file, with its name for messages. */
typedef struct {
	FILE *f; /* owned when the source is a directory */
	int own;
	uint64_t off, len;
	char *name;
} span;

static void span_close(span *s)
{
	if (s->own && s->f)
		fclose(s->f);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

/* The blob or file at rel ("blobs/sha256/...", "abc/layer.tar"). */
static int src_open(source *s, const char *rel, span *sp)
{
	kabi_strbuf p = KABI_STRBUF_INIT;
	struct stat st;
	size_t i;

	memset(sp, 0, sizeof(*sp));
	if (s->dir) {
		int fd;

		kabi_strbuf_printf(&p, "%s/%s", s->dir, rel);
		sp->name = kabi_strbuf_detach(&p);
		fd = open(sp->name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO,
					      "cannot open '%s': %s", sp->name, strerror(errno));
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return kabi_error_set(KABI_EINVALID, "'%s': not a regular file", sp->name);
		}
		sp->f = fdopen(fd, "rb");
		if (!sp->f) {
			close(fd);
			return kabi_error_set(KABI_EIO, "cannot open '%s': %s", sp->name, strerror(errno));
		}
		sp->own = 1;
		sp->len = (uint64_t)st.st_size;
		return 0;
	}
	kabi_strbuf_printf(&p, "%s:%s", s->label, rel);
	sp->name = kabi_strbuf_detach(&p);
	for (i = s->nmem; i-- > 0;) /* the last of a name wins, as tar -x does */
		if (strcmp(s->mem[i].path, rel) == 0) {
			sp->f = s->f;
			sp->off = s->mem[i].off;
			sp->len = s->mem[i].size;
			return 0;
		}
	return kabi_error_set(KABI_ENOTFOUND, "'%s': no such member", sp->name);
}

/* The whole of a small blob, NUL-terminated. */
static int span_slurp(span *sp, char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	if (sp->len > MAX_JSON)
		return kabi_error_set(KABI_EINVALID, "'%s': larger than 16 MiB, not a manifest or config",
				      sp->name);
	*buf = kabi_malloc((size_t)sp->len + 1);
	if (sp->len && (fseeko(sp->f, (off_t)sp->off, SEEK_SET) != 0 ||
			fread(*buf, 1, (size_t)sp->len, sp->f) != sp->len)) {
		free(*buf);
		*buf = NULL;
		return kabi_error_set(KABI_EIO, "cannot read '%s'", sp->name);
	}
	(*buf)[sp->len] = '\0';
	*len = (size_t)sp->len;
	return 0;
}

/* "sha256:<64 hex>" -> "blobs/sha256/<hex>"; -1 when it is not one. */
static int digest_path(kabi_strbuf *out, const char *digest)
{
	size_t i;

	if (strncmp(digest, "sha256:", 7) != 0 || strlen(digest) != 7 + 64)
		return -1;
	for (i = 7; i < 7 + 64; i++)
		if (!((digest[i] >= '0' && digest[i] <= '9') || (digest[i] >= 'a' && digest[i] <= 'f')))
			return -1;
	kabi_strbuf_reset(out);
	kabi_strbuf_printf(out, "blobs/sha256/%s", digest + 7);
	return 0;
}

static int has_str(const kabi_strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int hex_ok(const char *buf, size_t len, const char *hex)
{
	kabi_sha256 h;
	char got[65];

	kabi_sha256_init(&h);
	kabi_sha256_add(&h, buf, len);
	kabi_sha256_hex(&h, got);
	return strcmp(got, hex) == 0;
}

/* A string member of obj; NULL when absent or not a string. */
static const char *jstr(const kabi_jval *obj, const char *key)
{
	const kabi_jval *v = kabi_json_get(obj, key);

	return v && v->t == J_STR ? v->s : NULL;
}

/* Read the JSON blob at rel into *doc (name: its name for messages); with
 * hex, its sha256 must be hex; with size >= 0, its size must be size. */
static int read_json(source *s, const char *rel, const char *hex, int64_t size, kabi_jval *doc, char **name)
{
	span sp;
	char *buf = NULL;
	size_t len;
	int rc;

	memset(doc, 0, sizeof(*doc));
	*name = NULL;
	if ((rc = src_open(s, rel, &sp)) < 0 || (rc = span_slurp(&sp, &buf, &len)) < 0)
		goto out;
	if (size >= 0 && (uint64_t)size != len) {
		rc = kabi_error_set(KABI_EINVALID, "'%s': %zu bytes, its descriptor says %lld", sp.name, len,
				    (long long)size);
		goto out;
	}
	if (hex && !hex_ok(buf, len, hex)) {
		rc = kabi_error_set(KABI_EINVALID, "'%s': its sha256 is not its digest (a damaged blob)",
				    sp.name);
		goto out;
	}
	if ((rc = kabi_json_parse(doc, buf, len, sp.name)) < 0)
		goto out;
	*name = kabi_strdup(sp.name);
out:
	free(buf);
	span_close(&sp);
	return rc;
}

/* A descriptor's blob path and declared size; errors name doc's file. */
static int descriptor(const kabi_jval *d, const char *docname, kabi_strbuf *rel, int64_t *size)
{
	const kabi_jval *sz = kabi_json_get(d, "size");
	const char *digest = jstr(d, "digest");

	if (d->t != J_OBJ)
		return bad(KABI_EINVALID, docname, d->off, "a descriptor must be an object, not %s",
			   kabi_json_type_name(d->t));
	if (!digest)
		return bad(KABI_EINVALID, docname, d->off, "a descriptor without a \"digest\"");
	if (digest_path(rel, digest) < 0)
		return bad(KABI_EINVALID, docname, d->off,
			   "digest '%.80s' is not sha256:<64 hex digits> (a blob must be in blobs/sha256/)",
			   digest);
	*size = -1;
	if (sz && sz->t == J_NUM) {
		char *e;
		long long v = strtoll(sz->s, &e, 10);

		if (*e || v < 0)
			return bad(KABI_EINVALID, docname, sz->off, "bad descriptor size '%s'", sz->s);
		*size = v;
	}
	return 0;
}

static kabi_image *new_image(kabi_images *out, const char *name, const char *arch, const char *variant)
{
	kabi_image *im;
	const kabi_abi_info *a = arch ? kabi_abi_lookup(arch) : NULL;

	KABI_ARRAY_GROW(out->v, out->n + 1, out->alloc);
	im = &out->v[out->n++];
	memset(im, 0, sizeof(*im));
	im->name = name ? kabi_strdup(name) : NULL;
	if (arch) {
		kabi_strbuf sb = KABI_STRBUF_INIT;

		kabi_strbuf_puts(&sb, arch);
		if (variant && *variant)
			kabi_strbuf_printf(&sb, "/%s", variant);
		im->arch = kabi_strbuf_detach(&sb);
	}
	im->abi = a ? a->name : NULL;
	im->g = kabi_needs_group_new();
	return im;
}

static void group_error(kabi_needs_group *g)
{
	KABI_ARRAY_GROW(g->errors, g->nerrors + 1, g->errors_alloc);
	g->errors[g->nerrors++] = kabi_strdup(kabi_error_last());
}

/* One ELF file of the view: its bytes from r at e->off, read and merged. */
static int read_elf(kabi_image *im, rd *r, const entry *e, const char *label)
{
	kabi_strbuf name = KABI_STRBUF_INIT;
	kabi_needs *one = NULL;
	unsigned char *b = NULL;
	uint64_t got64;
	size_t have = 0, got;
	int rc = 0;

	kabi_strbuf_printf(&name, "%s:/%s", label, e->path);
	if (r->pos > e->off || (rc = rd_skip(r, e->off - r->pos, &got64)) < 0 || r->pos != e->off) {
		rc = rc < 0 ? rc : rd_err(r, r->pos, "truncated layer (the second reading ends early)");
		goto out;
	}
	if (e->size > MAX_ELF) {
		kabi_error_set(KABI_EINVALID, "'%s': larger than 512 MiB", name.buf);
		group_error(im->g);
		goto out;
	}
	/* grown as bytes come, not allocated from the header's size */
	while (have < e->size) {
		size_t want = e->size - have < ((size_t)1 << 20) ? (size_t)(e->size - have) : (size_t)1 << 20;

		b = kabi_realloc(b, have + want);
		if ((rc = rd_read(r, b + have, want, &got)) < 0)
			goto out;
		have += got;
		if (got < want) {
			rc = rd_err(r, r->pos, "truncated layer (an ELF file ends early)");
			goto out;
		}
	}
	if (kabi_elf_read_mem(&one, b, have, name.buf) < 0) {
		group_error(im->g);
	} else {
		const char *abi = one->abi ? one->abi : im->abi;

		if (im->abi && one->abi && strcmp(one->abi, im->abi) != 0 && !im->nother++) {
			kabi_strbuf o = KABI_STRBUF_INIT;

			kabi_strbuf_printf(&o, "'%s' is %s", e->path, one->abi);
			im->other = kabi_strbuf_detach(&o);
		}
		kabi_needs_group_merge(im->g, one, abi, e->path, label);
		im->g->files++;
	}
out:
	kabi_needs_free(one);
	free(b);
	kabi_strbuf_free(&name);
	return rc;
}

static int by_layer_offset(const void *a, const void *b)
{
	const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;

	if (x->layer != y->layer)
		return x->layer < y->layer ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* The ELF files of the view, read from the layers (spans) a second time. */
static int read_view(kabi_image *im, view *v, span *layers, const char *label)
{
	entry **live = kabi_calloc(v->n + 1, sizeof(*live));
	size_t n = 0, i;
	rd r;
	int rc = 0, open = 0;

	for (i = 0; i < v->n; i++)
		if (v->v[i].alive)
			live[n++] = &v->v[i];
	qsort(live, n, sizeof(*live), by_layer_offset);
	for (i = 0; i < n && rc == 0; i++) {
		if (!open || live[i]->layer != live[i - 1]->layer) {
			span *sp = &layers[live[i]->layer];

			if (open)
				rd_close(&r);
			if ((rc = rd_open(&r, sp->f, sp->off, sp->len, sp->name)) < 0) {
				rd_close(&r);
				open = 0;
				break;
			}
			open = 1;
		}
		rc = read_elf(im, &r, live[i], label);
	}
	if (open)
		rd_close(&r);
	free(live);
	return rc;
}

/* An image of n layers (paths in the source): the view, then its files. */
static int read_layers(source *s, kabi_image *im, char **rels, size_t n, const int64_t *sizes)
{
	span *layers = kabi_calloc(n + 1, sizeof(*layers));
	view v;
	size_t i;
	int rc = 0;

	memset(&v, 0, sizeof(v));
	im->nlayers = n;
	for (i = 0; i < n && rc == 0; i++) {
		rd r;

		if ((rc = src_open(s, rels[i], &layers[i])) < 0)
			break;
		if (sizes && sizes[i] >= 0 && (uint64_t)sizes[i] != layers[i].len) {
			rc = kabi_error_set(KABI_EINVALID, "'%s': %llu bytes, its descriptor says %lld",
					    layers[i].name, (unsigned long long)layers[i].len,
					    (long long)sizes[i]);
			break;
		}
		v.layer = i;
		if ((rc = rd_open(&r, layers[i].f, layers[i].off, layers[i].len, layers[i].name)) == 0)
			rc = tar_scan(&r, view_member, &v);
		rd_close(&r);
	}
	if (rc == 0)
		rc = read_view(im, &v, layers, s->label);
	for (i = 0; i < n; i++)
		span_close(&layers[i]);
	free(layers);
	view_free(&v);
	return rc;
}

/* ---- OCI image layouts ----------------------------------------------------- */

static int oci_manifest(source *s, kabi_images *out, const kabi_jval *m, const char *mname, const char *name)
{
	const kabi_jval *cfgd = kabi_json_get(m, "config"), *ls = kabi_json_get(m, "layers");
	kabi_strbuf rel = KABI_STRBUF_INIT;
	kabi_jval cfg;
	char *cname = NULL, **rels = NULL;
	int64_t size, *sizes = NULL;
	const char *mt;
	kabi_image *im;
	size_t i;
	int rc;

	memset(&cfg, 0, sizeof(cfg));
	if (!cfgd || cfgd->t != J_OBJ || !ls || ls->t != J_ARR)
		return bad(KABI_EINVALID, mname, m->off,
			   "an image manifest needs a \"config\" and \"layers\"");
	mt = jstr(cfgd, "mediaType");
	if (mt && strcmp(mt, "application/vnd.oci.image.config.v1+json") != 0 &&
	    strcmp(mt, "application/vnd.docker.container.image.v1+json") != 0)
		return 0; /* an artifact (a signature, an attestation, a chart): no file system */
	if ((rc = descriptor(cfgd, mname, &rel, &size)) < 0 ||
	    (rc = read_json(s, rel.buf, rel.buf + 13, size, &cfg, &cname)) < 0)
		goto out;
	im = new_image(out, name, jstr(&cfg, "architecture"), jstr(&cfg, "variant"));
	rels = kabi_calloc(ls->n + 1, sizeof(*rels));
	sizes = kabi_calloc(ls->n + 1, sizeof(*sizes));
	for (i = 0; i < ls->n; i++) {
		if ((rc = descriptor(&ls->kids[i], mname, &rel, &sizes[i])) < 0)
			goto out;
		mt = jstr(&ls->kids[i], "mediaType");
		if (mt && strstr(mt, "zstd")) {
			rc = bad(KABI_EINVALID, mname, ls->kids[i].off,
				 "a zstd-compressed layer: kabi reads plain and gzip layers only");
			goto out;
		}
		rels[i] = kabi_strdup(rel.buf);
	}
	rc = read_layers(s, im, rels, ls->n, sizes);
out:
	for (i = 0; rels && i < ls->n; i++)
		free(rels[i]);
	free(rels);
	free(sizes);
	free(cname);
	kabi_json_free(&cfg);
	kabi_strbuf_free(&rel);
	return rc;
}

/* The images of an index (index.json, or an image index it points to). */
static int oci_index(source *s, kabi_images *out, const kabi_jval *idx, const char *iname, int depth)
{
	const kabi_jval *ms = kabi_json_get(idx, "manifests");
	kabi_strbuf rel = KABI_STRBUF_INIT, name = KABI_STRBUF_INIT;
	size_t i;
	int rc = 0;

	if (idx->t != J_OBJ || !ms || ms->t != J_ARR)
		return bad(KABI_EINVALID, iname, idx->off, "an image index needs a \"manifests\" array");
	if (depth > MAX_NEST)
		return bad(KABI_EINVALID, iname, idx->off, "image indexes nested deeper than %d", MAX_NEST);
	for (i = 0; i < ms->n && rc == 0; i++) {
		const kabi_jval *d = &ms->kids[i], *plat = kabi_json_get(d, "platform"),
				*ann = kabi_json_get(d, "annotations");
		const char *arch = jstr(plat, "architecture"),
			   *ref = jstr(ann, "org.opencontainers.image.ref.name");
		kabi_jval doc;
		char *dname = NULL;
		int64_t size;

		if ((rc = descriptor(d, iname, &rel, &size)) < 0)
			break;
		if (arch && strcmp(arch, "unknown") == 0)
			continue; /* buildx's attestations */
		if (has_str(&s->seen, rel.buf))
			continue;
		kabi_strlist_add(&s->seen, rel.buf);
		kabi_strbuf_reset(&name);
		if (ref)
			kabi_strbuf_puts(&name, ref);
		else if (arch)
			kabi_strbuf_printf(&name, "%s/%s%s%s", jstr(plat, "os") ? jstr(plat, "os") : "?",
					   arch, jstr(plat, "variant") ? "/" : "",
					   jstr(plat, "variant") ? jstr(plat, "variant") : "");
		else
			kabi_strbuf_printf(&name, "sha256:%.12s", rel.buf + 13);
		if ((rc = read_json(s, rel.buf, rel.buf + 13, size, &doc, &dname)) == 0) {
			if (kabi_json_get(&doc, "manifests"))
				rc = oci_index(s, out, &doc, dname, depth + 1);
			else if (kabi_json_get(&doc, "layers"))
				rc = oci_manifest(s, out, &doc, dname, name.buf);
			else
				rc = bad(KABI_EINVALID, dname, 0,
					 "neither an image manifest nor an image index");
		}
		kabi_json_free(&doc);
		free(dname);
	}
	kabi_strbuf_free(&rel);
	kabi_strbuf_free(&name);
	return rc;
}

static int read_oci(source *s, kabi_images *out)
{
	kabi_jval idx;
	char *name;
	int rc;

	if ((rc = read_json(s, "index.json", NULL, -1, &idx, &name)) == 0)
		rc = oci_index(s, out, &idx, name, 0);
	kabi_json_free(&idx);
	free(name);
	return rc;
}

/* ---- docker save ------------------------------------------------------------- */

/* A path of manifest.json, normalized; its config's sha256 when its name
 * says it ("<hex>.json", "blobs/sha256/<hex>"). */
static int docker_path(kabi_strbuf *out, const kabi_jval *v, const char *mname)
{
	if (!v || v->t != J_STR)
		return bad(KABI_EINVALID, mname, v ? v->off : 0, "a path (a string) expected");
	if (norm_path(out, v->s, v->slen + 1) < 0)
		return bad(KABI_EINVALID, mname, v->off, "a path with a '..' component");
	return 0;
}

static const char *config_hex(const char *p)
{
	size_t n = strlen(p), i;

	if (strncmp(p, "blobs/sha256/", 13) == 0 && n == 13 + 64)
		p += 13;
	else if (!(n == 64 + 5 && strcmp(p + 64, ".json") == 0))
		return NULL;
	for (i = 0; i < 64; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return NULL;
	return p;
}

static int read_docker(source *s, kabi_images *out)
{
	kabi_jval top, cfg;
	kabi_strbuf p = KABI_STRBUF_INIT;
	char *mname = NULL, *cname = NULL, **rels = NULL;
	size_t i, j, nl = 0;
	int rc;

	memset(&cfg, 0, sizeof(cfg));
	if ((rc = read_json(s, "manifest.json", NULL, -1, &top, &mname)) < 0)
		goto out;
	if (top.t != J_ARR) {
		rc = bad(KABI_EINVALID, mname, top.off, "manifest.json must be an array, not %s",
			 kabi_json_type_name(top.t));
		goto out;
	}
	for (i = 0; i < top.n && rc == 0; i++) {
		const kabi_jval *m = &top.kids[i], *tags = kabi_json_get(m, "RepoTags"),
				*ls = kabi_json_get(m, "Layers");
		char hex[65] = "";
		const char *h;
		kabi_image *im;

		if (m->t != J_OBJ || !ls || ls->t != J_ARR) {
			rc = bad(KABI_EINVALID, mname, m->off, "an entry needs \"Config\" and \"Layers\"");
			break;
		}
		if ((rc = docker_path(&p, kabi_json_get(m, "Config"), mname)) < 0)
			break;
		if ((h = config_hex(p.buf)))
			memcpy(hex, h, 64);
		kabi_json_free(&cfg);
		free(cname);
		if ((rc = read_json(s, p.buf, *hex ? hex : NULL, -1, &cfg, &cname)) < 0)
			break;
		kabi_strbuf_reset(&p);
		if (tags && tags->t == J_ARR && tags->n && tags->kids[0].t == J_STR)
			kabi_strbuf_puts(&p, tags->kids[0].s);
		else
			kabi_strbuf_printf(&p, "image %zu", i + 1);
		im = new_image(out, p.buf, jstr(&cfg, "architecture"), jstr(&cfg, "variant"));
		rels = kabi_calloc(ls->n + 1, sizeof(*rels));
		for (nl = 0; nl < ls->n; nl++) {
			if ((rc = docker_path(&p, &ls->kids[nl], mname)) < 0)
				break;
			rels[nl] = kabi_strdup(p.buf);
		}
		if (rc == 0)
			rc = read_layers(s, im, rels, nl, NULL);
		for (j = 0; j < nl; j++)
			free(rels[j]);
		free(rels);
		rels = NULL;
	}
out:
	kabi_json_free(&top);
	kabi_json_free(&cfg);
	free(mname);
	free(cname);
	kabi_strbuf_free(&p);
	return rc;
}

/* ---- the input ----------------------------------------------------------------- */

/* A member of the input tar: kept when it may be an image file, and
 * looked at as a root file system member. */
static int outer_member(void *ctx, rd *r, const member *m)
{
	source *s = ctx;
	const char *p = m->path, *slash = strchr(p, '/');

	if (m->type == '0' && (!slash || strncmp(p, "blobs/", 6) == 0 || (strcmp(slash, "/layer.tar") == 0) ||
			       strstr(p, ".json"))) {
		KABI_ARRAY_GROW(s->mem, s->nmem + 1, s->amem);
		s->mem[s->nmem].path = kabi_strdup(p);
		s->mem[s->nmem].off = m->off;
		s->mem[s->nmem].size = m->size;
		s->nmem++;
	}
	return view_member(&s->root, r, m);
}

static int has_member(const source *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->nmem; i++)
		if (strcmp(s->mem[i].path, path) == 0)
			return 1;
	return 0;
}

int kabi_image_read(kabi_images *out, const char *path, const unsigned char *buf, size_t len,
		    const char *label)
{
	source s;
	struct stat st;
	rd r;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	s.label = label;
	if (!buf && path && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		kabi_strbuf p = KABI_STRBUF_INIT;

		kabi_strbuf_printf(&p, "%s/oci-layout", path);
		rc = access(p.buf, F_OK);
		kabi_strbuf_free(&p);
		if (rc < 0)
			return kabi_error_set(KABI_EINVALID,
					      "'%s': not an OCI image layout (no oci-layout file)", label);
		s.dir = path;
		rc = read_oci(&s, out);
		goto out;
	}
	s.f = buf ? fmemopen((void *)buf, len ? len : 1, "rb") : fopen(path, "rb");
	if (!s.f)
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      label, strerror(errno));
	if (buf) {
		s.flen = len;
	} else if (fstat(fileno(s.f), &st) == 0) {
		s.flen = (uint64_t)st.st_size;
	} else {
		rc = kabi_error_set(KABI_EIO, "cannot stat '%s': %s", label, strerror(errno));
		goto out;
	}
	if ((rc = rd_open(&r, s.f, 0, s.flen, label)) < 0 || (rc = tar_scan(&r, outer_member, &s)) < 0)
		goto out;
	if (r.gz && (has_member(&s, "manifest.json") || has_member(&s, "index.json"))) {
		rc = kabi_error_set(KABI_EINVALID,
				    "'%s': a compressed image archive; decompress it first (gunzip)", label);
		goto out;
	}
	if (has_member(&s, "manifest.json")) {
		rc = read_docker(&s, out);
	} else if (has_member(&s, "index.json") || has_member(&s, "oci-layout")) {
		rc = read_oci(&s, out);
	} else {
		/* a root file system: the tar is its one layer */
		span one = {s.f, 0, 0, s.flen, kabi_strdup(label)};
		kabi_image *im = new_image(out, NULL, NULL, NULL);

		im->nlayers = 1;
		rc = read_view(im, &s.root, &one, label);
		free(one.name);
	}
	if (rc == 0 && out->n == 0)
		rc = kabi_error_set(KABI_EINVALID, "'%s': no image in it (only artifacts, or an empty index)",
				    label);
out:
	rd_close(&r);
	if (s.f)
		fclose(s.f);
	for (i = 0; i < s.nmem; i++)
		free(s.mem[i].path);
	free(s.mem);
	kabi_strlist_free(&s.seen);
	view_free(&s.root);
	return rc;
}

void kabi_images_free(kabi_images *im)
{
	size_t i;

	for (i = 0; i < im->n; i++) {
		free(im->v[i].name);
		free(im->v[i].arch);
		free(im->v[i].other);
		kabi_needs_group_free(im->v[i].g);
	}
	free(im->v);
	memset(im, 0, sizeof(*im));
}
