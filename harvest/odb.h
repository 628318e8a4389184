/*
 * odb.h - reading objects out of pack files, with the results of delta
 * chains cached along the way.
 *
 * libgit2 resolves a delta chain from its base every time (1.5 caches only
 * the base), so reading the same directory at consecutive releases costs the
 * whole chain each time: about 120 inflations for a small tree of the
 * benchmark's history, 50 in a gc'd linux.git.  Here every object read is
 * kept (by pack offset, least recently used first out, within 64 MiB per
 * handle), so the next version of that directory, a delta chain through
 * this one, costs the few deltas between the two.  A pack of up to 512 MiB is mapped whole,
 * once per process; a larger one is read with pread(), so that it does not
 * count in the process's memory.  Each id's place in its pack is
 * remembered for the run.
 * Objects not in a pack (loose objects, alternates) are read through
 * libgit2.
 *
 * A kabi_odb is used by one thread at a time.
 */
#ifndef KABI_ODB_H
#define KABI_ODB_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kabi_odb kabi_odb;

/* Opens the packs of repo's object directory.  repo must outlive it. */
int kabi_odb_open(kabi_odb **out, git_repository *repo);
void kabi_odb_free(kabi_odb *odb); /* NULL ok */

/* The largest object kabi inflates: no syscall table, header or C file of
 * the kernel comes near it, and a hostile repository's 1 GiB blob must not
 * cost a GiB of memory. */
#define KABI_ODB_MAX_OBJECT ((uint64_t)64 << 20)

/* Packs larger than this many bytes (512 MiB unless set) are read with
 * pread() instead of mapped; handles opened afterwards follow it.  Tests
 * set 0 to read every pack with pread(). */
void kabi_odb_map_limit(uint64_t bytes);

/* An index read with pread() is searched without its sample of ids for
 * this many lookups (0: the default, 1 in 2,048 of its objects), then
 * through it.  Tests set it to read both ways. */
void kabi_odb_sample_after(unsigned long lookups);

/* How many objects the handle has read through libgit2 (not in a pack it
 * reads itself): tests check that packed objects never are. */
size_t kabi_odb_fallback_reads(const kabi_odb *odb);

/* Reads object id: *data is malloc'd (the caller frees it; a NUL follows the
 * len bytes), *type its type.  KABI_ENOTFOUND when no such object exists,
 * KABI_EIO when a pack cannot be read, KABI_EINVALID when the object is
 * larger than KABI_ODB_MAX_OBJECT (nothing inflated). */
int kabi_odb_read(kabi_odb *odb, const git_oid *id, git_object_t *type, char **data, size_t *len);

/* One entry of a raw tree object. */
typedef struct {
	const char *name; /* NUL-terminated, inside the tree's data */
	size_t namelen;
	unsigned mode;           /* 040000 tree, 0100644/0100755 blob, 0120000 link, 0160000 commit */
	const unsigned char *id; /* GIT_OID_RAWSZ bytes */
} kabi_tree_entry;

/* Steps through a raw tree's entries: *pos starts at 0.  1 with *e filled,
 * 0 at the end, -1 when the tree is malformed. */
int kabi_tree_next(kabi_tree_entry *e, const char *data, size_t len, size_t *pos);

#endif
