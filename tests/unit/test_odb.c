/* The pack reader against libgit2: every object of real packs (deltas
 * against offsets and against ids, chains, loose objects beside them) reads
 * the same through both, and raw trees step into the same entries. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "error.h"
#include "odb.h"
#include "tap.h"

typedef struct {
	git_odb *odb;
	git_repository *repo;
	kabi_odb *mine;
	int objects, same, trees, trees_same;
} check;

static int same_tree(git_repository *repo, const git_oid *id, const char *data, size_t len)
{
	git_tree *t;
	kabi_tree_entry e;
	size_t pos = 0, i = 0;
	int r, ok = 1;

	if (git_tree_lookup(&t, repo, id) < 0)
		return 0;
	while ((r = kabi_tree_next(&e, data, len, &pos)) == 1) {
		const git_tree_entry *g = git_tree_entry_byindex(t, i++);

		if (!g || strcmp(git_tree_entry_name(g), e.name) != 0 || strlen(e.name) != e.namelen ||
		    memcmp(git_tree_entry_id(g)->id, e.id, GIT_OID_RAWSZ) != 0 ||
		    e.mode != (unsigned)git_tree_entry_filemode(g))
			ok = 0;
	}
	if (r < 0 || i != git_tree_entrycount(t))
		ok = 0;
	git_tree_free(t);
	return ok;
}

static int each(const git_oid *id, void *payload)
{
	check *c = payload;
	git_odb_object *o;
	git_object_t type;
	char *data;
	size_t len;

	c->objects++;
	if (git_odb_read(&o, c->odb, id) < 0)
		return 0;
	if (kabi_odb_read(c->mine, id, &type, &data, &len) == 0) {
		if (type == git_odb_object_type(o) && len == git_odb_object_size(o) &&
		    memcmp(data, git_odb_object_data(o), len) == 0 && data[len] == '\0')
			c->same++;
		if (type == GIT_OBJECT_TREE) {
			c->trees++;
			c->trees_same += same_tree(c->repo, id, data, len);
		}
		free(data);
	}
	git_odb_object_free(o);
	return 0;
}

static void check_repo(const char *dir, const char *what)
{
	check c;

	memset(&c, 0, sizeof(c));
	if (git_repository_open(&c.repo, dir) < 0 || git_repository_odb(&c.odb, c.repo) < 0) {
		OK(0, "%s: repository opens", what);
		return;
	}
	kabi_odb_open(&c.mine, c.repo);
	git_odb_foreach(c.odb, each, &c);
	OK(c.objects > 100, "%s: %d objects", what, c.objects);
	EQ_INT(c.same, c.objects);
	OK(c.trees > 10, "%s: %d trees", what, c.trees);
	EQ_INT(c.trees_same, c.trees);
	/* the loose objects only (a commit, its tree, a blob) came through
	 * libgit2: a lookup that missed packed objects would show here */
	OK(kabi_odb_fallback_reads(c.mine) <= 3, "%s: %zu objects read through libgit2", what,
	   kabi_odb_fallback_reads(c.mine));
	/* twice: now through the cache */
	c.objects = c.same = c.trees = c.trees_same = 0;
	git_odb_foreach(c.odb, each, &c);
	EQ_INT(c.same, c.objects);
	{
		git_oid none;
		git_object_t type;
		char *data;
		size_t len;

		memset(&none, 0x42, sizeof(none));
		EQ_INT(kabi_odb_read(c.mine, &none, &type, &data, &len), KABI_ENOTFOUND);
	}
	kabi_odb_free(c.mine);
	git_odb_free(c.odb);
	git_repository_free(c.repo);
}

static void put32(unsigned char *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

/* A pack with two blobs, one right after the header and one past 4 GiB
 * (a sparse file), and its index with the 64-bit offset table, written by
 * hand: no fixture git makes quickly has offsets past 2 GiB, and
 * linux.git's pack is larger than 4 GiB.  0 when written, -1 when the file
 * system refuses a sparse file that large. */
static int write_big_pack(const char *dir, git_oid ids[2])
{
	static const char *const text[2] = {"low\n", "past 4 GiB\n"};
	const uint64_t at[2] = {12, ((uint64_t)9 << 29) + 4096}; /* 4.5 GiB */
	unsigned char idx[8 + 1024 + 2 * 28 + 2 * 8 + 40], entry[256];
	char path[512];
	int fd, i, lo;

	memset(idx, 0, sizeof(idx));
	for (i = 0; i < 2; i++)
		if (git_odb_hash(&ids[i], text[i], strlen(text[i]), GIT_OBJECT_BLOB) < 0)
			return -1;
	snprintf(path, sizeof(path), "%s/objects/pack/pack-big.pack", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	memcpy(entry, "PACK", 4);
	put32(entry + 4, 2);
	put32(entry + 8, 2);
	if (pwrite(fd, entry, 12, 0) != 12 || ftruncate(fd, (off_t)(at[1] + 4096)) < 0) {
		close(fd);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		uLongf zlen = sizeof(entry) - 1;

		entry[0] = (unsigned char)(0x30 | strlen(text[i])); /* blob, size < 16 */
		if (compress2(entry + 1, &zlen, (const Bytef *)text[i], strlen(text[i]), 6) != Z_OK ||
		    pwrite(fd, entry, zlen + 1, (off_t)at[i]) != (ssize_t)(zlen + 1)) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	/* the index: ids sorted, the second offset through the 64-bit table */
	lo = memcmp(ids[0].id, ids[1].id, 20) < 0 ? 0 : 1;
	memcpy(idx, "\377tOc", 4);
	put32(idx + 4, 2);
	for (i = 0; i < 256; i++)
		put32(idx + 8 + i * 4, (uint32_t)((ids[lo].id[0] <= i) + (ids[!lo].id[0] <= i)));
	for (i = 0; i < 2; i++) {
		int k = i == 0 ? lo : !lo; /* the object in sorted place i */

		memcpy(idx + 1032 + i * 20, ids[k].id, 20);
		if (k == 0) {
			put32(idx + 1032 + 48 + i * 4, (uint32_t)at[0]);
		} else {
			put32(idx + 1032 + 48 + i * 4, 0x80000000u); /* entry 0 of the 64-bit table */
			put32(idx + 1032 + 56, (uint32_t)(at[1] >> 32));
			put32(idx + 1032 + 60, (uint32_t)at[1]);
		}
	}
	snprintf(path, sizeof(path), "%s/objects/pack/pack-big.idx", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	if (write(fd, idx, sizeof(idx)) != (ssize_t)sizeof(idx)) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Both blobs of write_big_pack() read back through kabi's reader, blob
 * `first` first: of an index not mapped, the first lookup reads the offset
 * with pread() and the second finds the offsets loaded (odb.c: idx_offset). */
static void check_big_pack(const char *dir, const git_oid ids[2], int first, const char *what)
{
	static const char *const text[2] = {"low\n", "past 4 GiB\n"};
	git_repository *repo;
	kabi_odb *mine;
	int k;

	if (git_repository_open(&repo, dir) < 0) {
		OK(0, "%s: repository opens", what);
		return;
	}
	kabi_odb_open(&mine, repo);
	for (k = 0; k < 2; k++) {
		int i = (first + k) % 2;
		git_object_t type;
		char *data = NULL;
		size_t len = 0;

		EQ_INT(kabi_odb_read(mine, &ids[i], &type, &data, &len), 0);
		EQ_INT((int)type, (int)GIT_OBJECT_BLOB);
		OK(data && len == strlen(text[i]) && memcmp(data, text[i], len) == 0,
		   "%s: blob %d reads '%.*s'", what, i, data ? (int)len : 0, data ? data : "");
		free(data);
	}
	EQ_INT((int)kabi_odb_fallback_reads(mine), 0);
	kabi_odb_free(mine);
	git_repository_free(repo);
}

static int sh(const char *fmt, const char *dir)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), fmt, dir, dir, dir, dir);
	return system(cmd);
}

int main(void)
{
	char dir[] = "/tmp/kabi-odb-XXXXXX";
	char sub[sizeof(dir) + 16];

	if (!mkdtemp(dir))
		return 99;
	git_libgit2_init();
	/* 60 commits changing the same files a little: long delta chains of
	 * blobs and trees once repacked. */
	if (sh("set -e; cd %s; git init -q r; cd r; git config user.name t; git config user.email t@t;"
	       "mkdir -p a/b/c d; for i in $(seq 1 60); do"
	       "  seq 1 $((200 + i)) | sed \"s/^/line $i /\" >a/b/c/f.c; echo $i >>d/log;"
	       "  printf 'x%%.0s' $(seq 1 $i) >a/b/g.c; ln -sf f.c a/b/c/link$((i %% 3));"
	       "  git add -A; git commit -qm \"c$i\"; done;"
	       /* 40,000 ids, so a fan-out bucket holds more than the few
		* that the index search halves instead of guessing, and more
		* than the block of ids an unmapped index reads at once; and
		* incompressible files of 3 MB, whose zlib streams are read in
		* many pieces when the pack is read with pread(). */
	       "mkdir many; awk 'BEGIN { for (i = 0; i < 40000; i++) { f = \"many/\" i; print \"blob \" i > f; close(f) } }';"
	       "for i in 1 2 3; do head -c 3000000 /dev/urandom >big$i; done;"
	       "git add -A; git commit -qm many;"
	       "git -c pack.depth=50 repack -qadf --window=50;"
	       "git clone -q --bare . ../ref; cd ../ref; git -c repack.useDeltaBaseOffset=false repack -qadf --window=50;"
	       "cd ../r; echo loose >loose.c; git add loose.c; git commit -qm loose",
	       dir) != 0) {
		printf("1..0 # SKIP no git to build the fixture\n");
		return 77;
	}
	snprintf(sub, sizeof(sub), "%s/r", dir);
	check_repo(sub, "ofs-delta pack + loose objects");
	snprintf(sub, sizeof(sub), "%s/ref", dir);
	check_repo(sub, "ref-delta pack");
	/* the same, the packs (9 MB) read with pread() but their indexes
	 * (under 1 MiB) mapped, as linux.git's are */
	kabi_odb_map_limit((uint64_t)1 << 20);
	snprintf(sub, sizeof(sub), "%s/r", dir);
	check_repo(sub, "ofs-delta pack + loose objects, pread, index mapped");
	snprintf(sub, sizeof(sub), "%s/ref", dir);
	check_repo(sub, "ref-delta pack, pread, index mapped");
	/* and every pack and index read with pread(): the index through its
	 * sample of ids (odb.c: find_offset_read) */
	kabi_odb_map_limit(0);
	snprintf(sub, sizeof(sub), "%s/r", dir);
	check_repo(sub, "ofs-delta pack + loose objects, pread");
	snprintf(sub, sizeof(sub), "%s/ref", dir);
	check_repo(sub, "ref-delta pack, pread");
	/* those indexes read their sample of ids after a few lookups; here
	 * every lookup halves the fan-out's range a pread() at a time */
	kabi_odb_sample_after(ULONG_MAX);
	snprintf(sub, sizeof(sub), "%s/r", dir);
	check_repo(sub, "ofs-delta pack + loose objects, pread, no sample");
	snprintf(sub, sizeof(sub), "%s/ref", dir);
	check_repo(sub, "ref-delta pack, pread, no sample");
	kabi_odb_sample_after(0);

	/* offsets past 2 and 4 GiB: the pack read with pread() and its index
	 * mapped, then both read with pread() (the offsets kept in memory),
	 * then both mapped */
	snprintf(sub, sizeof(sub), "%s/big", dir);
	if (sh("git init -q --bare %s", sub) != 0) {
		OK(0, "bare repository for the large pack");
	} else {
		git_oid ids[2];

		if (write_big_pack(sub, ids) < 0) {
			printf("# SKIP offsets past 4 GiB: no sparse file of 4.5 GiB here\n");
		} else {
			kabi_odb_map_limit((uint64_t)1 << 20);
			check_big_pack(sub, ids, 0, "offsets past 4 GiB, pread, index mapped");
			kabi_odb_map_limit(0);
			check_big_pack(sub, ids, 0, "offsets past 4 GiB, pread, the low one first");
			check_big_pack(sub, ids, 1, "offsets past 4 GiB, pread, the high one first");
			kabi_odb_sample_after(ULONG_MAX);
			check_big_pack(sub, ids, 0, "offsets past 4 GiB, pread, no sample");
			kabi_odb_sample_after(0);
			kabi_odb_map_limit(UINT64_MAX);
			check_big_pack(sub, ids, 0, "offsets past 4 GiB, mapped");
		}
	}

	/* malformed trees are refused, not overrun */
	{
		static const char bad1[] = "100644 name"; /* no NUL, no id */
		static const char bad2[] = "1006x4 n\0aaaaaaaaaaaaaaaaaaaa";
		static const char bad3[] = "100644 n\0short";
		kabi_tree_entry e;
		size_t pos = 0;

		EQ_INT(kabi_tree_next(&e, bad1, sizeof(bad1) - 1, &pos), -1);
		pos = 0;
		EQ_INT(kabi_tree_next(&e, bad2, sizeof(bad2) - 1, &pos), -1);
		pos = 0;
		EQ_INT(kabi_tree_next(&e, bad3, sizeof(bad3) - 1, &pos), -1);
		pos = 0;
		EQ_INT(kabi_tree_next(&e, "", 0, &pos), 0);
	}
	sh("rm -rf %s", dir);
	git_libgit2_shutdown();
	return tap_done();
}
