/*
 * odb.c - pack files mapped (or read with pread() when large), ids found through
 * the index's fan-out and a hash of the ids seen, delta chains resolved
 * through a cache of every intermediate result (see odb.h).
 *
 * Formats (git's Documentation/gitformat-pack.txt): an .idx v2 file is a
 * header, a fan-out table of 256 counts, the sorted object ids, their
 * CRCs, 31-bit offsets (the top bit set: an index into a table of 64-bit
 * offsets) and that table.  A pack entry is a header (type, size as a
 * little-endian base-128 number), for OFS_DELTA the distance back to its
 * base, for REF_DELTA the base's id, then zlib data.  A delta is the base's
 * size, the result's size, then copy (from the base) and insert (literal)
 * instructions.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "array.h"
#include "error.h"
#include "odb.h"

enum { OBJ_COMMIT = 1, OBJ_TREE = 2, OBJ_BLOB = 3, OBJ_TAG = 4, OBJ_OFS_DELTA = 6, OBJ_REF_DELTA = 7 };

typedef struct {
	int fd;
	uint64_t size;            /* of the .pack */
	const unsigned char *idx; /* mapped .idx, or NULL: read with pread() (below) */
	const unsigned char *map; /* the mapped .pack, or NULL: read with pread() */
	size_t idxsize;
	uint32_t n; /* objects */
	const unsigned char *fanout, *names, *offs32, *offs64;
	struct idx_file *ix; /* an index not mapped (below), or NULL */
} pack;

/* An index too large to map, read with pread(): its file, fan-out, the
 * first 8 bytes of every SAMPLE_EVERY-th id (see find_offset_read) and,
 * once enough lookups were made (idx_count_lookup), the objects' offsets: the
 * low 32 bits, and the high 8 when some offset needs them.  Like the
 * mappings, one per process. */
typedef struct idx_file {
	int fd;
	size_t size;
	uint32_t n;
	unsigned char fanout[256 * 4];
	uint64_t *sample;      /* NULL until read; set once (idx_count_lookup) */
	uint32_t *off_lo;      /* NULL until loaded; set once (idx_count_lookup) */
	uint8_t *off_hi;       /* set before off_lo */
	unsigned long lookups; /* counted until both are loaded (idx_count_lookup) */
} idx_file;

#define IDX_NAMES_AT (8 + 256 * 4) /* where a v2 index's ids start */

/* A cached object: the result of reading the entry at (pack, offset). */
typedef struct centry {
	uint64_t key; /* pack index << 48 | offset */
	int type;
	char *data;
	size_t len;
	struct centry *chain;         /* same bucket */
	struct centry *older, *newer; /* LRU list */
} centry;

/* An id's place, remembered: the harvest reads the same trees again and
 * again (a commit's, then as its child's parent's), and a binary search of a
 * large index is a dozen cache misses where a hash probe is one or two. */
typedef struct {
	unsigned char id[20];
	uint32_t pack; /* index + 1; 0: an empty slot */
	uint64_t off;
} idslot;

#define IDS_MAX ((size_t)1 << 19) /* slots (16 MiB); full at half of that, then cleared */

/* A pack up to this size is mapped whole, once per process (as the index
 * files are): a read is a pointer into the mapping, where a pread() per
 * entry header and per zlib stream cost two system calls and a copy for
 * every object.  The pages touched count in the process's memory, so a
 * larger pack (linux.git's is several GiB) is read with pread(), through a
 * buffer per handle, within the 1 GiB the harvest is allowed. */
#ifndef KABI_PACK_MAP_MAX /* -DKABI_PACK_MAP_MAX=0: a build that maps nothing, to compare */
#define KABI_PACK_MAP_MAX ((uint64_t)512 << 20)
#endif
static uint64_t pack_map_max = KABI_PACK_MAP_MAX;

/* An index file larger than pack_map_max is not mapped either: its lookups
 * touch it at random, and the kernel maps 64 KiB or more around every page
 * fault, so within seconds all of a 730 MB index (26 M objects) counted in
 * the harvest's memory.  Such an index is searched through a sample of its
 * ids kept in memory and one pread() of the block of ids the sample
 * points to (SAMPLE_EVERY ids); its offsets, after enough lookups, are
 * kept in memory (idx_offset).  The sample takes a pass over all the ids
 * (520 MB at 26 M objects, 0.15 s): the first lookups halve the fan-out's
 * range with a pread() of one id at a time instead, and the one after
 * sample_after() of them reads the sample. */
#define SAMPLE_EVERY 128
static unsigned long sample_after_lookups; /* 0: sample_after()'s default */

void kabi_odb_sample_after(unsigned long lookups)
{
	sample_after_lookups = lookups;
}

void kabi_odb_map_limit(uint64_t bytes)
{
	pack_map_max = bytes;
}

/* Bytes of cached objects per handle.  What the cache is for is the last
 * versions of the files and directories being read, the bases of the next
 * delta chains: without it a harvest takes 2.5 to 3 times as long.  Its
 * right size grows with the tree: on the benchmark's medium histories (12k
 * to 39k files) 8 MiB was 9-14% faster than 64 (fewer new pages, each a
 * page fault), at full size (60k files, a 1.5 GiB pack read with pread())
 * 64 MiB took 48 s of CPU time, 8 MiB 81 s, 16 55 s, 32 53 s, 128 52 s
 * (and 1.1 GiB of memory).  Sized for the large trees. */
#define CACHE_BUDGET     ((size_t)64 << 20)
#define CACHE_MAX_OBJECT ((size_t)1 << 20)
/* The cache holds about 130,000 objects at full size (500 bytes on
 * average), and a read looks up every base of its delta chain in it:
 * with 65,536 buckets the walk of their chains, a cache miss per entry,
 * was half of kabi_odb_read's own time.  Four times as many buckets
 * (2 MiB per handle) took 10-20% off the signature phase's CPU time on
 * seed 2 at full size. */
#define NBUCKETS_BITS 18
#define NBUCKETS      ((size_t)1 << NBUCKETS_BITS)

struct kabi_odb {
	git_repository *repo;
	git_odb *fallback; /* NULL until needed */
	size_t fallback_reads;
	pack *packs;
	size_t npacks;
	centry *buckets[NBUCKETS];
	centry *oldest, *newest;
	size_t cached;
	idslot *ids; /* open addressing, a power of two of slots */
	size_t nids, aids;
	unsigned char *in; /* pread buffer, for packs not mapped */
	size_t insize;
	size_t in_pack; /* what it holds: in_len bytes of pack in_pack from in_at */
	uint64_t in_at;
	size_t in_len;
	z_stream z; /* reset for each object: no allocation per inflate */
	int zready;
};

/* Index files are mapped (or read, idx_file) once per process, whatever
 * the number of handles: each mapping's pages count in the process's
 * memory, and the workers of a harvest read the same packs. */
typedef struct {
	char *path;
	const unsigned char *map; /* a mapped file */
	size_t size;
	idx_file *ix; /* or an index read with pread() */
	int refs;
} shared_idx;

static pthread_mutex_t idx_lock = PTHREAD_MUTEX_INITIALIZER;
static shared_idx *idxs;
static size_t nidxs, aidxs;

/* The live entry for path (a mapping when `mapped`, else an idx_file),
 * with one more reference; NULL when there is none.  idx_lock held. */
static shared_idx *shared_get(const char *path, int mapped)
{
	size_t i;

	for (i = 0; i < nidxs; i++)
		if (idxs[i].refs > 0 && !!idxs[i].map == mapped && strcmp(idxs[i].path, path) == 0) {
			idxs[i].refs++;
			return &idxs[i];
		}
	return NULL;
}

/* A new entry for path, with one reference.  idx_lock held. */
static shared_idx *shared_add(const char *path)
{
	KABI_ARRAY_GROW(idxs, nidxs + 1, aidxs);
	memset(&idxs[nidxs], 0, sizeof(idxs[nidxs]));
	idxs[nidxs].path = kabi_strdup(path);
	idxs[nidxs].refs = 1;
	return &idxs[nidxs++];
}

static const unsigned char *idx_map(const char *path, size_t *size, uint64_t max)
{
	const unsigned char *map = NULL;
	shared_idx *e;
	struct stat st;
	int fd;

	pthread_mutex_lock(&idx_lock);
	if ((e = shared_get(path, 1))) {
		*size = e->size;
		map = e->map;
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto out;
	if (fstat(fd, &st) == 0 && st.st_size >= 8 + 256 * 4 + 40 && (uint64_t)st.st_size <= max) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (m != MAP_FAILED) {
			e = shared_add(path);
			e->map = map = m;
			e->size = *size = (size_t)st.st_size;
		}
	}
	close(fd);
out:
	pthread_mutex_unlock(&idx_lock);
	return map;
}

static void idx_file_free(idx_file *ix)
{
	if (!ix)
		return;
	if (ix->fd >= 0)
		close(ix->fd);
	free(ix->sample);
	free(ix->off_lo);
	free(ix->off_hi);
	free(ix);
}

/* Releases what idx_map() or idx_open_unmapped() returned. */
static void idx_unmap(const void *what)
{
	size_t i;

	pthread_mutex_lock(&idx_lock);
	for (i = 0; i < nidxs; i++)
		if ((idxs[i].map == what || idxs[i].ix == what) && idxs[i].refs > 0 && --idxs[i].refs == 0) {
			if (idxs[i].map)
				munmap((void *)idxs[i].map, idxs[i].size);
			idx_file_free(idxs[i].ix);
			free(idxs[i].path);
			idxs[i] = idxs[--nidxs];
			break;
		}
	if (nidxs == 0) {
		free(idxs);
		idxs = NULL;
		aidxs = 0;
	}
	pthread_mutex_unlock(&idx_lock);
}

static uint32_t be32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

static uint64_t be64(const unsigned char *p)
{
	return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

static int read_at(int fd, void *buf, size_t len, uint64_t at)
{
	size_t done = 0;

	while (done < len) {
		ssize_t got = pread(fd, (char *)buf + done, len - done, (off_t)(at + done));

		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	return 0;
}

/* Reads the offsets of an index into memory (4 bytes an object, 5 when
 * the pack is larger than 4 GiB).  0, or -1 when the index cannot be read
 * or is damaged. */
static int read_offsets(const idx_file *ix, uint32_t **lo_out, uint8_t **hi_out)
{
	uint64_t offs32_at = IDX_NAMES_AT + (uint64_t)ix->n * 24;
	uint64_t offs64_at = offs32_at + (uint64_t)ix->n * 4, n64, i;
	unsigned char *big = NULL;
	uint32_t *lo = kabi_malloc((size_t)(ix->n ? ix->n : 1) * 4);
	uint8_t *hi = NULL;

	n64 = (ix->size - 40 - offs64_at) / 8; /* idx_read checked the size */
	if (read_at(ix->fd, lo, (size_t)ix->n * 4, offs32_at) < 0)
		goto fail;
	for (i = 0; i < ix->n; i++) {
		uint32_t o32 = ntohl(lo[i]);

		if (o32 & 0x80000000u) {
			uint64_t o64;

			if (!big) { /* the 64-bit table, read at once */
				big = kabi_malloc((size_t)(n64 ? n64 : 1) * 8);
				if (read_at(ix->fd, big, (size_t)n64 * 8, offs64_at) < 0)
					goto fail;
			}
			if ((o32 & 0x7fffffffu) >= n64 ||
			    (o64 = be64(big + (uint64_t)(o32 & 0x7fffffffu) * 8)) >> 40)
				goto fail; /* damaged, or a pack of a TiB */
			if (o64 >> 32 && !hi)
				hi = kabi_calloc(ix->n, 1);
			if (hi)
				hi[i] = (uint8_t)(o64 >> 32);
			o32 = (uint32_t)o64;
		}
		lo[i] = o32;
	}
	free(big);
	*lo_out = lo;
	*hi_out = hi;
	return 0;
fail:
	free(big);
	free(lo);
	free(hi);
	return -1;
}

/* The offset of the i-th object of an unmapped index, or -1: from memory
 * once idx_count_lookup() loaded the offsets, until then with pread(). */
static int64_t idx_offset(idx_file *ix, uint32_t i)
{
	uint32_t *lo = __atomic_load_n(&ix->off_lo, __ATOMIC_ACQUIRE);
	uint64_t offs32_at = IDX_NAMES_AT + (uint64_t)ix->n * 24;
	uint64_t offs64_at = offs32_at + (uint64_t)ix->n * 4, j;
	unsigned char b[8];
	uint32_t o32;

	if (lo)
		return (int64_t)(lo[i] | (ix->off_hi ? (uint64_t)ix->off_hi[i] << 32 : 0));
	if (read_at(ix->fd, b, 4, offs32_at + (uint64_t)i * 4) < 0)
		return -1;
	o32 = be32(b);
	if (!(o32 & 0x80000000u))
		return o32;
	j = o32 & 0x7fffffffu;
	if (offs64_at + j * 8 + 8 > ix->size - 40 || read_at(ix->fd, b, 8, offs64_at + j * 8) < 0)
		return -1;
	return (int64_t)be64(b);
}

/* The first 8 bytes of every SAMPLE_EVERY-th id of ix, in one pass over
 * its ids; NULL when they cannot be read. */
static uint64_t *read_sample(const idx_file *ix)
{
	const uint64_t per_chunk = 4096; /* samples read at a time */
	uint64_t nsample = ((uint64_t)ix->n + SAMPLE_EVERY - 1) / SAMPLE_EVERY, j;
	uint64_t *sample = kabi_malloc((size_t)(nsample ? nsample : 1) * sizeof(*sample));
	unsigned char *chunk = kabi_malloc((size_t)(per_chunk * SAMPLE_EVERY * 20));

	for (j = 0; j < nsample; j += per_chunk) {
		uint64_t first = j * SAMPLE_EVERY, ids = (uint64_t)ix->n - first, k;

		if (ids > per_chunk * SAMPLE_EVERY)
			ids = per_chunk * SAMPLE_EVERY;
		if (read_at(ix->fd, chunk, (size_t)(ids * 20), IDX_NAMES_AT + first * 20) < 0) {
			free(sample);
			sample = NULL;
			break;
		}
		for (k = 0; k < ids; k += SAMPLE_EVERY)
			sample[j + k / SAMPLE_EVERY] = be64(chunk + k * 20);
	}
	free(chunk);
	return sample;
}

/* An index read with pread(): its header and fan-out copied.  NULL when
 * it cannot be read or is not a v2 index. */
static idx_file *idx_read(const char *path)
{
	unsigned char hdr[8];
	struct stat st;
	idx_file *ix = kabi_calloc(1, sizeof(*ix));

	if ((ix->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(ix->fd, &st) < 0 ||
	    read_at(ix->fd, hdr, 8, 0) < 0 || memcmp(hdr, "\377tOc", 4) != 0 || be32(hdr + 4) != 2 ||
	    read_at(ix->fd, ix->fanout, 256 * 4, 8) < 0)
		goto fail;
	ix->size = (size_t)st.st_size;
	ix->n = be32(ix->fanout + 255 * 4);
	if ((uint64_t)IDX_NAMES_AT + (uint64_t)ix->n * (20 + 4 + 4) + 40 > (uint64_t)st.st_size)
		goto fail;
	return ix;
fail:
	idx_file_free(ix);
	return NULL;
}

/* The process's idx_file of path: read now, or shared with the handles
 * that read it before. */
static idx_file *idx_open_unmapped(const char *path)
{
	idx_file *ix;
	shared_idx *e;

	pthread_mutex_lock(&idx_lock);
	if ((e = shared_get(path, 0)))
		ix = e->ix;
	else if ((ix = idx_read(path)))
		shared_add(path)->ix = ix;
	pthread_mutex_unlock(&idx_lock);
	return ix;
}

static void close_pack_idx(pack *p)
{
	if (p->idx)
		idx_unmap(p->idx);
	if (p->ix)
		idx_unmap(p->ix);
}

static int open_pack(pack *p, const char *idxpath)
{
	struct stat st;
	char packpath[4096];
	unsigned char hdr[12];
	size_t len = strlen(idxpath), mapsize = 0;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	if (len < 4 || len + 2 > sizeof(packpath))
		return -1;
	memcpy(packpath, idxpath, len - 3);
	memcpy(packpath + len - 3, "pack", 5);
	if ((p->idx = idx_map(idxpath, &p->idxsize, pack_map_max))) {
		/* version 2 only (git writes nothing else since 2007); others: libgit2 */
		if (memcmp(p->idx, "\377tOc", 4) != 0 || be32(p->idx + 4) != 2)
			goto fail;
		p->fanout = p->idx + 8;
		p->n = be32(p->fanout + 255 * 4);
		if ((uint64_t)8 + 256 * 4 + (uint64_t)p->n * (20 + 4 + 4) + 40 > p->idxsize)
			goto fail;
		p->names = p->fanout + 256 * 4;
		p->offs32 = p->names + (size_t)p->n * 20 + (size_t)p->n * 4;
		p->offs64 = p->offs32 + (size_t)p->n * 4;
	} else if ((p->ix = idx_open_unmapped(idxpath))) {
		p->fanout = p->ix->fanout;
		p->n = p->ix->n;
		p->idxsize = p->ix->size;
	} else {
		goto fail;
	}
	if ((p->fd = open(packpath, O_RDONLY | O_CLOEXEC)) < 0)
		goto fail;
	if (fstat(p->fd, &st) < 0 || pread(p->fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr) ||
	    memcmp(hdr, "PACK", 4) != 0 || be32(hdr + 8) != p->n)
		goto fail;
	p->size = (uint64_t)st.st_size;
	p->map = idx_map(packpath, &mapsize, pack_map_max);
	if (p->map && mapsize != p->size) {
		idx_unmap(p->map);
		p->map = NULL;
	}
	return 0;
fail:
	if (p->fd >= 0)
		close(p->fd);
	close_pack_idx(p);
	memset(p, 0, sizeof(*p));
	p->fd = -1;
	return -1;
}

int kabi_odb_open(kabi_odb **out, git_repository *repo)
{
	kabi_odb *o = kabi_calloc_written(1, sizeof(*o)); /* its buckets are read before written */
	char pattern[4096];
	glob_t g;
	size_t i;

	o->repo = repo;
	snprintf(pattern, sizeof(pattern), "%sobjects/pack/pack-*.idx", git_repository_path(repo));
	if (glob(pattern, 0, NULL, &g) == 0) {
		o->packs = kabi_calloc(g.gl_pathc, sizeof(*o->packs));
		for (i = 0; i < g.gl_pathc; i++)
			if (open_pack(&o->packs[o->npacks], g.gl_pathv[i]) == 0)
				o->npacks++;
		globfree(&g);
	}
	*out = o;
	return 0;
}

void kabi_odb_free(kabi_odb *o)
{
	size_t i;
	centry *e, *next;

	if (!o)
		return;
	for (e = o->oldest; e; e = next) {
		next = e->newer;
		free(e->data);
		free(e);
	}
	for (i = 0; i < o->npacks; i++) {
		close(o->packs[i].fd);
		close_pack_idx(&o->packs[i]);
		if (o->packs[i].map)
			idx_unmap(o->packs[i].map);
	}
	free(o->packs);
	free(o->ids);
	free(o->in);
	if (o->zready)
		inflateEnd(&o->z);
	git_odb_free(o->fallback);
	free(o);
}

static int64_t find_offset_read(const pack *p, const unsigned char *id, uint32_t lo, uint32_t hi);

/* The offset of id in pack p, or -1: the fan-out narrows the search to the
 * ids of the same first byte; ids are uniformly distributed, so guessing
 * the place from bytes 1-4 (interpolation) finds it in two or three probes
 * where halving takes a dozen, each a cache miss in a large index; after a
 * few guesses it halves, so a skewed index costs no more than a binary
 * search.  Ids are compared by their first 8 bytes as an integer, the other
 * 12 only where those are equal. */
static int64_t find_offset(const pack *p, const unsigned char *id)
{
	uint32_t lo = id[0] ? be32(p->fanout + (id[0] - 1) * 4) : 0, hi = be32(p->fanout + id[0] * 4);
	uint64_t key = be64(id);
	uint32_t k4 = be32(id + 1);
	int guesses = 0;

	if (hi > p->n || lo > hi)
		return -1;
	if (!p->idx)
		return find_offset_read(p, id, lo, hi);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const unsigned char *name;
		uint64_t k;
		int c;

		if (hi - lo > 16 && guesses++ < 4) {
			uint32_t a = be32(p->names + (size_t)lo * 20 + 1);
			uint32_t b = be32(p->names + (size_t)(hi - 1) * 20 + 1);

			if (k4 <= a)
				mid = lo;
			else if (k4 >= b)
				mid = hi - 1;
			else
				mid = lo + (uint32_t)((uint64_t)(k4 - a) * (hi - 1 - lo) / (b - a));
		}
		name = p->names + (size_t)mid * 20;
		k = be64(name);
		c = k < key ? -1 : k > key ? 1 : memcmp(name + 8, id + 8, 12);

		if (c == 0) {
			uint32_t off = be32(p->offs32 + (size_t)mid * 4);

			if (off & 0x80000000u) {
				const unsigned char *q = p->offs64 + (size_t)(off & 0x7fffffffu) * 8;

				if (q + 8 > p->idx + p->idxsize)
					return -1;
				return (int64_t)(((uint64_t)be32(q) << 32) | be32(q + 4));
			}
			return off;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The place of id among the ids [first, end) of ix, read in one pread():
 * its offset, or -1 (not there, or the read failed: *more is 0 then). */
static int64_t search_block(idx_file *ix, const unsigned char *id, uint32_t first, uint32_t end, int *more)
{
	unsigned char block[SAMPLE_EVERY * 20];
	uint32_t l = 0, h = end - first;

	*more = 0;
	if (first >= end ||
	    read_at(ix->fd, block, (size_t)(end - first) * 20, IDX_NAMES_AT + (uint64_t)first * 20) < 0)
		return -1;
	while (l < h) {
		uint32_t mid = l + (h - l) / 2;
		int c = memcmp(block + (size_t)mid * 20, id, 20);

		if (c == 0)
			return idx_offset(ix, first + mid);
		if (c < 0)
			l = mid + 1;
		else
			h = mid;
	}
	*more = 1;
	return -1;
}

/* The lookups an unmapped index of n objects gets before its sample is
 * read: about what the pass over its ids costs (20 bytes an object, some
 * 6 ns) in lookups of a dozen pread()s of 1-2 us.  A re-harvest with
 * nothing new looks up each release tag's object, a thousand lookups. */
static unsigned long sample_after(const idx_file *ix)
{
	return sample_after_lookups ? sample_after_lookups : ix->n / 2048 + 2;
}

/* The lookups before its offsets are loaded: n / 32, about what reading
 * every offset costs (a system call of some 2 us against 43 ns an object).
 * A full harvest of a 23 M-object pack made 4.7 M lookups, where a
 * re-harvest with nothing new makes a few hundred and loading the offsets
 * took it from 0.2 to 1.3 s. */
static unsigned long offsets_after(const idx_file *ix)
{
	return ix->n / 32 + 2;
}

/* Counts a lookup in ix; the one that reaches sample_after() reads the
 * sample, the one that reaches offsets_after() loads the offsets, and
 * publishes them.  The others go on without them until then, and all of
 * them do when the index is damaged (the lookups then say where). */
static void idx_count_lookup(idx_file *ix)
{
	unsigned long k;

	if (__atomic_load_n(&ix->sample, __ATOMIC_ACQUIRE) && __atomic_load_n(&ix->off_lo, __ATOMIC_ACQUIRE))
		return;
	k = __atomic_add_fetch(&ix->lookups, 1, __ATOMIC_RELAXED);
	if (k == sample_after(ix)) {
		uint64_t *sample = read_sample(ix);

		if (sample)
			__atomic_store_n(&ix->sample, sample, __ATOMIC_RELEASE);
	}
	if (k == offsets_after(ix)) {
		uint32_t *lo;
		uint8_t *hi;

		if (read_offsets(ix, &lo, &hi) == 0) {
			ix->off_hi = hi;
			__atomic_store_n(&ix->off_lo, lo, __ATOMIC_RELEASE);
		}
	}
}

/* find_offset() in an index that is not mapped: the sample names the block
 * of SAMPLE_EVERY ids that holds id, if any, one pread() brings the
 * block (2.5 KiB); idx_offset() the offset.  The sample keeps 8 bytes of each
 * id, so ids equal in those continue into the next block.  Until the
 * sample is read (sample_after()), halving [lo, hi) with a pread() of one
 * id at a time narrows it to a block. */
static int64_t find_offset_read(const pack *p, const unsigned char *id, uint32_t lo, uint32_t hi)
{
	idx_file *ix = p->ix;
	uint64_t key = be64(id), *sample;
	uint32_t b, bhi;
	int64_t off;
	int more;

	if (lo >= hi)
		return -1;
	idx_count_lookup(ix);
	if (!(sample = __atomic_load_n(&ix->sample, __ATOMIC_ACQUIRE))) {
		while (hi - lo > SAMPLE_EVERY) {
			uint32_t mid = lo + (hi - lo) / 2;
			unsigned char one[20];
			int c;

			if (read_at(ix->fd, one, 20, IDX_NAMES_AT + (uint64_t)mid * 20) < 0)
				return -1;
			if ((c = memcmp(one, id, 20)) == 0)
				return idx_offset(ix, mid);
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return search_block(ix, id, lo, hi, &more);
	}
	/* the last block in [lo, hi) whose first id is below key */
	b = lo / SAMPLE_EVERY;
	bhi = (hi - 1) / SAMPLE_EVERY + 1;
	while (b + 1 < bhi) {
		uint32_t mid = b + (bhi - b) / 2;

		if (sample[mid] < key)
			b = mid;
		else
			bhi = mid;
	}
	for (;; b++) {
		uint32_t first = b * SAMPLE_EVERY, end = first + SAMPLE_EVERY;

		if (first < lo)
			first = lo;
		if (end > hi)
			end = hi;
		if ((off = search_block(ix, id, first, end, &more)) >= 0 || !more)
			return off;
		/* not in this block: in the next only if its first id shares
		 * the 8 sampled bytes */
		if (end >= hi || sample[b + 1] != key)
			return -1;
	}
}

/* ------------------------------------------------------- id -> offset */

static size_t id_hash(const unsigned char *id)
{
	uint64_t h;

	memcpy(&h, id + 4, 8); /* ids are uniformly distributed already */
	return (size_t)h;
}

/* The slot of id: its own, or the empty one where it would go. */
static idslot *ids_slot(kabi_odb *o, const unsigned char *id)
{
	size_t mask = o->aids - 1, i = id_hash(id) & mask;

	while (o->ids[i].pack && memcmp(o->ids[i].id, id, 20) != 0)
		i = (i + 1) & mask;
	return &o->ids[i];
}

/* The pack and offset of id: remembered, or found in the packs' indexes
 * (and remembered).  0 when found, -1 when in no pack. */
static int locate(kabi_odb *o, const unsigned char *id, size_t *pi, uint64_t *off)
{
	idslot *s = NULL;
	size_t i;

	if (!o->ids || o->nids >= o->aids / 2) {
		if (!o->ids)
			o->ids = kabi_calloc_written(o->aids = 4096, sizeof(*o->ids));
		else if (o->aids < IDS_MAX) {
			idslot *old = o->ids;
			size_t n = o->aids;

			o->ids = kabi_calloc_written(o->aids = n * 2, sizeof(*o->ids));
			for (i = 0; i < n; i++)
				if (old[i].pack)
					*ids_slot(o, old[i].id) = old[i];
			free(old);
		} else {
			memset(o->ids, 0, o->aids * sizeof(*o->ids));
			o->nids = 0;
		}
	}
	s = ids_slot(o, id);
	if (s->pack) {
		*pi = s->pack - 1;
		*off = s->off;
		return 0;
	}
	for (i = 0; i < o->npacks; i++) {
		int64_t at = find_offset(&o->packs[i], id);

		if (at < 0)
			continue;
		memcpy(s->id, id, 20);
		s->pack = (uint32_t)i + 1;
		s->off = (uint64_t)at;
		o->nids++;
		*pi = i;
		*off = (uint64_t)at;
		return 0;
	}
	return -1;
}

/* ------------------------------------------------------------- cache */

static size_t bucket(uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - NBUCKETS_BITS));
}

static centry *cache_get(kabi_odb *o, uint64_t key)
{
	centry *e;

	for (e = o->buckets[bucket(key)]; e; e = e->chain)
		if (e->key == key)
			break;
	if (e && e != o->newest) { /* to the front */
		if (e->older)
			e->older->newer = e->newer;
		else
			o->oldest = e->newer;
		e->newer->older = e->older;
		e->older = o->newest;
		e->newer = NULL;
		o->newest->newer = e;
		o->newest = e;
	}
	return e;
}

static void cache_drop_oldest(kabi_odb *o)
{
	centry *e = o->oldest, **pp;

	for (pp = &o->buckets[bucket(e->key)]; *pp != e; pp = &(*pp)->chain)
		;
	*pp = e->chain;
	o->oldest = e->newer;
	if (o->oldest)
		o->oldest->older = NULL;
	else
		o->newest = NULL;
	o->cached -= e->len;
	free(e->data);
	free(e);
}

/* Keeps a copy of data under key (when it is small enough). */
static void cache_put(kabi_odb *o, uint64_t key, int type, const char *data, size_t len)
{
	centry *e;
	size_t b;

	if (len > CACHE_MAX_OBJECT || cache_get(o, key))
		return;
	while (o->oldest && o->cached + len > CACHE_BUDGET)
		cache_drop_oldest(o);
	e = kabi_calloc(1, sizeof(*e));
	e->key = key;
	e->type = type;
	e->len = len;
	e->data = kabi_malloc(len + 1);
	memcpy(e->data, data, len);
	e->data[len] = '\0';
	b = bucket(key);
	e->chain = o->buckets[b];
	o->buckets[b] = e;
	e->older = o->newest;
	if (o->newest)
		o->newest->newer = e;
	else
		o->oldest = e;
	o->newest = e;
	o->cached += len;
}

/* ------------------------------------------------------------ reading */

/* The least a pread() reads.  An object is read as its entry header, then
 * its zlib stream right after it: one read of this size holds both for
 * most objects (deltas and small files), where a read of each was two
 * system calls, the larger part of a harvest's time on a pack too large
 * to map. */
#define READ_MIN 4096

/* A read also brings this many bytes before the place asked for: a delta's
 * base is often just before it.  In the packs fast-import writes, 13.5 M
 * of the 20.5 M steps down delta chains of seed 2 at full size went back
 * less than 1 KiB (most less than 128 bytes), each a pread() of its own. */
#define READ_BACK 2048

/* The byte at `at` of pack pi, with *avail bytes after it (at least 1):
 * in the pack's mapping, or in the handle's buffer (what the last read put
 * there, else about `want` bytes read now); NULL at or past the pack's end
 * or when it cannot be read. */
static const unsigned char *pack_at(kabi_odb *o, size_t pi, uint64_t at, size_t want, size_t *avail)
{
	const pack *p = &o->packs[pi];
	uint64_t start;
	ssize_t got;

	if (at >= p->size)
		return NULL;
	if (p->map) {
		*avail = (size_t)(p->size - at);
		return p->map + at;
	}
	if (o->in_len && o->in_pack == pi && at >= o->in_at && at - o->in_at < o->in_len) {
		*avail = o->in_len - (size_t)(at - o->in_at);
		return o->in + (at - o->in_at);
	}
	if (!o->in) {
		o->insize = 65536;
		o->in = kabi_malloc(o->insize);
	}
	start = at > READ_BACK ? at - READ_BACK : 0;
	if (want < READ_MIN)
		want = READ_MIN;
	want += (size_t)(at - start);
	if (want > o->insize)
		want = o->insize;
	if (want > p->size - start)
		want = (size_t)(p->size - start);
	o->in_len = 0;
	got = pread(p->fd, o->in, want, (off_t)start);
	if (got <= (ssize_t)(at - start))
		return NULL;
	o->in_pack = pi;
	o->in_at = start;
	o->in_len = (size_t)got;
	*avail = (size_t)got - (size_t)(at - start);
	return o->in + (at - start);
}

/* Copies up to n bytes of pack pi from `at` into b; the number copied. */
static size_t pack_copy(kabi_odb *o, size_t pi, uint64_t at, unsigned char *b, size_t n)
{
	size_t got = 0, avail;
	const unsigned char *q;

	while (got < n && (q = pack_at(o, pi, at + got, n - got, &avail))) {
		if (avail > n - got)
			avail = n - got;
		memcpy(b + got, q, avail);
		got += avail;
	}
	return got;
}

typedef struct {
	int type;
	uint64_t size;         /* inflated size */
	uint64_t data;         /* offset of the zlib data */
	uint64_t base;         /* OFS_DELTA: the base's offset */
	unsigned char ref[20]; /* REF_DELTA: the base's id */
} entry_hdr;

static int read_hdr(kabi_odb *o, size_t pi, uint64_t off, entry_hdr *h)
{
	unsigned char b[64];
	size_t got = pack_copy(o, pi, off, b, sizeof(b)), i = 0;
	unsigned shift = 4;

	if (got < 2)
		return -1;
	h->type = (b[0] >> 4) & 7;
	h->size = b[0] & 15;
	while (b[i] & 0x80) {
		if (++i >= got || shift > 57)
			return -1;
		h->size |= (uint64_t)(b[i] & 0x7f) << shift;
		shift += 7;
	}
	i++;
	if (h->type == OBJ_OFS_DELTA) {
		uint64_t dist;

		if (i >= got)
			return -1;
		dist = b[i] & 0x7f;
		while (b[i] & 0x80) {
			if (++i >= got || dist > (UINT64_MAX >> 8))
				return -1;
			dist = ((dist + 1) << 7) | (b[i] & 0x7f);
		}
		i++;
		if (dist == 0 || dist > off)
			return -1;
		h->base = off - dist;
	} else if (h->type == OBJ_REF_DELTA) {
		if (i + 20 > got)
			return -1;
		memcpy(h->ref, b + i, 20);
		i += 20;
	} else if (h->type < OBJ_COMMIT || h->type > OBJ_TAG) {
		return -1;
	}
	h->data = off + i;
	return 0;
}

/* Inflates `size` bytes from the zlib stream at pack pi's offset `at`. */
static int inflate_at(kabi_odb *o, size_t pi, uint64_t at, uint64_t size, char **out)
{
	z_stream *z = &o->z;
	char *buf;
	int zr = Z_OK;

	if (size > ((uint64_t)1 << 32))
		return -1; /* no kernel file is that big; a damaged header is likelier */
	if (!o->zready) {
		memset(z, 0, sizeof(*z));
		if (inflateInit(z) != Z_OK)
			return -1;
		o->zready = 1;
	} else if (inflateReset(z) != Z_OK) {
		return -1;
	}
	buf = kabi_malloc((size_t)size + 1);
	z->next_out = (unsigned char *)buf;
	z->avail_out = (uInt)size;
	while (zr == Z_OK) {
		/* small objects are the rule: read about what they need */
		size_t avail;
		const unsigned char *q = pack_at(o, pi, at, size < 4096 ? 4096 : 65536, &avail);

		if (!q)
			break;
		if (avail > ((size_t)1 << 30))
			avail = (size_t)1 << 30;
		z->next_in = (unsigned char *)q; /* zlib only reads it */
		z->avail_in = (uInt)avail;
		zr = inflate(z, Z_NO_FLUSH);
		at += avail - z->avail_in;
		if (zr == Z_BUF_ERROR && z->avail_out == 0)
			zr = Z_STREAM_END; /* exactly filled: trailing checksum not needed */
	}
	if ((zr != Z_STREAM_END && !(zr == Z_OK && z->avail_out == 0)) || z->total_out != size) {
		free(buf);
		return -1;
	}
	buf[size] = '\0';
	*out = buf;
	return 0;
}

static int delta_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	do {
		if (*p >= end || shift > 63)
			return -1;
		*v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	return 0;
}

/* The size of what a delta makes (0 when its header is damaged: apply_delta
 * then says so). */
static uint64_t delta_result_size(const char *delta, size_t len)
{
	const unsigned char *d = (const unsigned char *)delta, *end = d + len;
	uint64_t bsize, rsize;

	if (delta_varint(&d, end, &bsize) < 0 || delta_varint(&d, end, &rsize) < 0)
		return 0;
	return rsize;
}

/* Applies a delta to base; the result is malloc'd. */
static int apply_delta(const char *base, size_t blen, const char *delta, size_t dlen, char **out,
		       size_t *olen)
{
	const unsigned char *d = (const unsigned char *)delta, *end = d + dlen;
	uint64_t bsize, rsize;
	char *r, *w;

	if (delta_varint(&d, end, &bsize) < 0 || delta_varint(&d, end, &rsize) < 0 || bsize != blen ||
	    rsize > ((uint64_t)1 << 32))
		return -1;
	r = w = kabi_malloc((size_t)rsize + 1);
	while (d < end) {
		unsigned op = *d++;

		if (op & 0x80) {
			uint64_t off = 0, n = 0;
			int i;

			for (i = 0; i < 4; i++)
				if (op & (1u << i)) {
					if (d >= end)
						goto bad;
					off |= (uint64_t)*d++ << (8 * i);
				}
			for (i = 0; i < 3; i++)
				if (op & (0x10u << i)) {
					if (d >= end)
						goto bad;
					n |= (uint64_t)*d++ << (8 * i);
				}
			if (n == 0)
				n = 0x10000;
			if (off + n > blen || (uint64_t)(w - r) + n > rsize)
				goto bad;
			memcpy(w, base + off, (size_t)n);
			w += n;
		} else if (op) {
			if ((size_t)(end - d) < op || (uint64_t)(w - r) + op > rsize)
				goto bad;
			memcpy(w, d, op);
			w += op;
			d += op;
		} else {
			goto bad;
		}
	}
	if ((uint64_t)(w - r) != rsize)
		goto bad;
	*w = '\0';
	*out = r;
	*olen = (size_t)rsize;
	return 0;
bad:
	free(r);
	return -1;
}

static int too_big(const git_oid *id, uint64_t size)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return kabi_error_set(KABI_EINVALID, "object %.12s is %.1f MiB, more than the %d MiB kabi reads", hex,
			      (double)size / (1 << 20), (int)(KABI_ODB_MAX_OBJECT >> 20));
}

size_t kabi_odb_fallback_reads(const kabi_odb *o)
{
	return o->fallback_reads;
}

static int read_fallback(kabi_odb *o, const git_oid *id, git_object_t *type, char **data, size_t *len)
{
	git_odb_object *obj;
	size_t size;
	git_object_t htype;
	int err;

	if (!o->fallback && git_repository_odb(&o->fallback, o->repo) < 0)
		return kabi_error_set(KABI_EIO, "cannot open the object database");
	if (git_odb_read_header(&size, &htype, o->fallback, id) == 0 && size > KABI_ODB_MAX_OBJECT)
		return too_big(id, size);
	if ((err = git_odb_read(&obj, o->fallback, id)) < 0) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), id);
		return kabi_error_set(err == GIT_ENOTFOUND ? KABI_ENOTFOUND : KABI_EIO,
				      "cannot read object %s", hex);
	}
	o->fallback_reads++;
	*type = git_odb_object_type(obj);
	*len = git_odb_object_size(obj);
	*data = kabi_malloc(*len + 1);
	memcpy(*data, git_odb_object_data(obj), *len);
	(*data)[*len] = '\0';
	git_odb_object_free(obj);
	return 0;
}

#define MAX_CHAIN 10000

/* The object at (pack pi, offset off), its chain resolved through the cache.
 * *data malloc'd.  -1 when the pack is damaged; -2 when a REF_DELTA's base
 * is not in this pack (the caller reads the object elsewhere); -3 when an
 * object on the way is larger than KABI_ODB_MAX_OBJECT (*len: its size). */
static int read_packed(kabi_odb *o, size_t pi, uint64_t off, int *type, char **data, size_t *len)
{
	pack *p = &o->packs[pi];
	char **deltas = NULL; /* the deltas on the way down, inflated */
	size_t depth = 0, alloc = 0;
	char *cur = NULL;
	size_t curlen = 0, *dlens = NULL, dalloc = 0;
	int curtype = 0, rc = -1;
	uint64_t at = off;

	/* Down the chain to a cached object or a whole one.  Each delta is
	 * inflated as soon as its header is read: the read that brought the
	 * header holds the start of its data (pack_at's buffer), where
	 * inflating it on the way back up meant reading it again. */
	for (;;) {
		uint64_t key = ((uint64_t)pi << 48) | at;
		centry *e = cache_get(o, key);
		entry_hdr h;

		if (e) {
			curtype = e->type;
			curlen = e->len;
			cur = kabi_malloc(curlen + 1);
			memcpy(cur, e->data, curlen + 1);
			break;
		}
		if (read_hdr(o, pi, at, &h) < 0 || depth >= MAX_CHAIN)
			goto out;
		if (h.size > KABI_ODB_MAX_OBJECT) {
			*len = (size_t)h.size;
			rc = -3;
			goto out;
		}
		if (h.type != OBJ_OFS_DELTA && h.type != OBJ_REF_DELTA) {
			if (inflate_at(o, pi, h.data, h.size, &cur) < 0)
				goto out;
			curtype = h.type;
			curlen = (size_t)h.size;
			break;
		}
		KABI_ARRAY_GROW(deltas, depth + 1, alloc);
		KABI_ARRAY_GROW(dlens, depth + 1, dalloc);
		if (inflate_at(o, pi, h.data, h.size, &deltas[depth]) < 0)
			goto out;
		dlens[depth++] = (size_t)h.size;
		if (h.type == OBJ_OFS_DELTA) {
			at = h.base;
		} else {
			int64_t b = find_offset(p, h.ref);

			if (b < 0) {
				rc = -2;
				goto out;
			}
			at = (uint64_t)b;
		}
	}
	/* back up, applying each delta and keeping each result */
	while (depth > 0) {
		char *delta = deltas[--depth], *res;
		size_t dlen = dlens[depth], rlen;

		deltas[depth] = NULL;
		if (delta_result_size(delta, dlen) > KABI_ODB_MAX_OBJECT) {
			*len = (size_t)delta_result_size(delta, dlen);
			free(delta);
			rc = -3;
			goto out;
		}
		if (apply_delta(cur, curlen, delta, dlen, &res, &rlen) < 0) {
			free(delta);
			goto out;
		}
		free(delta);
		free(cur);
		cur = res;
		curlen = rlen;
	}
	/* Only what was asked for is kept: the next version of the same file
	 * or directory is a delta chain through it. */
	cache_put(o, ((uint64_t)pi << 48) | off, curtype, cur, curlen);
	*type = curtype;
	*data = cur;
	*len = curlen;
	cur = NULL;
	rc = 0;
out:
	while (depth > 0)
		free(deltas[--depth]);
	free(cur);
	free(deltas);
	free(dlens);
	return rc;
}

int kabi_odb_read(kabi_odb *o, const git_oid *id, git_object_t *type, char **data, size_t *len)
{
	size_t i;
	uint64_t off;

	if (locate(o, id->id, &i, &off) == 0) {
		int t, rc = read_packed(o, i, off, &t, data, len);

		if (rc == 0) {
			*type = (git_object_t)t; /* pack types are git_object_t's numbers */
			return 0;
		}
		if (rc == -3)
			return too_big(id, *len);
		if (rc == -1) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), id);
			return kabi_error_set(KABI_EIO, "cannot read object %s: damaged pack", hex);
		}
		/* a base elsewhere: let libgit2 put it together */
	}
	return read_fallback(o, id, type, data, len);
}

int kabi_tree_next(kabi_tree_entry *e, const char *data, size_t len, size_t *pos)
{
	const char *p = data + *pos, *end = data + len, *sp, *nul;
	unsigned mode = 0;

	if (p >= end)
		return 0;
	if (!(sp = memchr(p, ' ', (size_t)(end - p))) || sp == p)
		return -1;
	for (; p < sp; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		mode = mode * 8 + (unsigned)(*p - '0');
	}
	if (!(nul = memchr(sp + 1, '\0', (size_t)(end - sp - 1))) || nul == sp + 1 ||
	    end - nul - 1 < GIT_OID_RAWSZ)
		return -1;
	e->mode = mode;
	e->name = sp + 1;
	e->namelen = (size_t)(nul - sp - 1);
	e->id = (const unsigned char *)nul + 1;
	*pos = (size_t)(nul + 1 + GIT_OID_RAWSZ - data);
	return 1;
}
