/* The pack reader against libgit2: every object of real packs (deltas
 * against offsets and against ids, chains, loose objects beside them) reads
 * the same through both, and raw trees step into the same entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	       /* Thousands of ids, so a fan-out bucket holds more than the
		* few that the index search halves instead of guessing; and
		* incompressible files of 3 MB, whose zlib streams are read in
		* many pieces when the pack is read with pread(). */
	       "mkdir many; awk 'BEGIN { for (i = 0; i < 6000; i++) print \"blob \" i > (\"many/\" i) }';"
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
