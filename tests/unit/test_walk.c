/*
 * The commits of `to ^from` (harvest/walk.c) against
 * `git rev-list --topo-order --reverse to ^from`, on a history whose range
 * boundaries run through merges: commits reachable from `from` through a
 * merge's second parent are out of the range, a side branch forked before
 * `from` and merged inside the range is in, and so is a commit dated
 * before `from`.  Read from the objects, and from a commit-graph file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "repo.h"
#include "tap.h"
#include "walk.h"

static char dir[] = "/tmp/kabi-walk-XXXXXX";

static int sh(const char *script)
{
	char cmd[16384];

	snprintf(cmd, sizeof(cmd), "cd %s/r && { %s; } >/dev/null 2>&1", dir, script);
	return system(cmd);
}

/* The output of a command run in the repository, '\n'-separated. */
static char *capture(const char *script)
{
	char cmd[4096], *out = kabi_calloc(1, 1 << 16);
	size_t n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "cd %s/r && { %s; } 2>/dev/null", dir, script);
	if ((f = popen(cmd, "r")) != NULL) {
		n = fread(out, 1, (1 << 16) - 1, f);
		pclose(f);
	}
	out[n] = '\0';
	return out;
}

static git_oid rev(const char *name)
{
	char cmd[256], *hex;
	git_oid id;

	snprintf(cmd, sizeof(cmd), "git rev-parse %s", name);
	hex = capture(cmd);
	memset(&id, 0, sizeof(id));
	git_oid_fromstrn(&id, hex, GIT_OID_HEXSZ);
	free(hex);
	return id;
}

/* The walk's commits of to ^from (from NULL: all of to), one hex a line. */
static char *walk(kabi_walk *w, const char *to, const char *from)
{
	git_oid t = rev(to), f;
	const uint32_t *order;
	size_t n, i, k;
	char *out;
	int bad = 0;

	if (from)
		f = rev(from);
	if (kabi_walk_range(w, &t, from ? &f : NULL, &order, &n) < 0)
		return kabi_strdup("error\n");
	out = kabi_calloc(n + 1, GIT_OID_HEXSZ + 1);
	for (i = 0; i < n; i++) {
		const kabi_walk_commit *c = kabi_walk_at(w, order[i]);

		git_oid_tostr(out + i * (GIT_OID_HEXSZ + 1), GIT_OID_HEXSZ + 1, &c->id);
		out[i * (GIT_OID_HEXSZ + 1) + GIT_OID_HEXSZ] = '\n';
		/* every parent is read (its tree is what the commit is compared with) */
		for (k = 0; k < c->np; k++)
			if (!(kabi_walk_at(w, kabi_walk_parents(w)[c->par + k])->flags & KABI_WALK_PARSED))
				bad = 1;
	}
	OK(!bad, "%s ^%s: every parent of the range is read", to, from ? from : "");
	return out;
}

static void check(kabi_walk *w, const char *to, const char *from, const char *label)
{
	char cmd[256], *want, *got;

	snprintf(cmd, sizeof(cmd), "git rev-list --topo-order --reverse %s %s%s", to, from ? "^" : "",
		 from ? from : "");
	want = capture(cmd);
	got = walk(w, to, from);
	OK(want[0] != '\0', "%s: git lists the range", label);
	EQ_STR(got, want);
	free(want);
	free(got);
}

/* Is commit `name` in the walk of to ^from? */
static int in_range(kabi_walk *w, const char *to, const char *from, const char *name)
{
	char *got = walk(w, to, from), hex[GIT_OID_HEXSZ + 1];
	git_oid id = rev(name);
	int found;

	git_oid_tostr(hex, sizeof(hex), &id);
	found = strstr(got, hex) != NULL;
	free(got);
	return found;
}

static void check_all(const char *label, int graph)
{
	char path[sizeof(dir) + 8];
	kabi_repo *repo;
	kabi_walk *w;

	snprintf(path, sizeof(path), "%s/r", dir);
	if (kabi_repo_open(&repo, path) < 0) {
		OK(0, "%s: repository opens", label);
		return;
	}
	kabi_walk_new(&w, repo);
	EQ_INT(kabi_walk_has_graph(w), graph);
	check(w, "v2", "v1", label);
	check(w, "v3", "v2", label);
	check(w, "v3", "v1", label);
	check(w, "v1", NULL, label);
	check(w, "v3", NULL, label);
	check(w, "side2", "v1", label);
	check(w, "v4", "v2", label); /* v4 and late1 are not in the commit-graph */
	OK(!in_range(w, "v2", "v1", "side1"), "%s: reachable from v1 through its merge's second parent: out",
	   label);
	OK(!in_range(w, "v2", "v1", "base"), "%s: the fork point: out", label);
	OK(in_range(w, "v2", "v1", "side2"), "%s: a side commit after v1, merged in v2: in", label);
	OK(in_range(w, "v2", "v1", "old1"), "%s: a branch forked before v1 and dated before it: in", label);
	OK(in_range(w, "v3", "v2", "oct2"), "%s: an octopus merge's third parent: in", label);
	OK(!in_range(w, "v3", "v2", "side2"), "%s: merged at v2: out of v2..v3", label);
	{
		const uint32_t *order;
		size_t n = 99;
		git_oid t = rev("v2");

		EQ_INT(kabi_walk_range(w, &t, &t, &order, &n), 0);
		EQ_INT((int)n, 0);
		memset(&t, 0x42, sizeof(t));
		OK(kabi_walk_range(w, &t, NULL, &order, &n) < 0, "%s: no such commit: an error", label);
	}
	kabi_walk_free(w);
	kabi_repo_free(repo);
}

int main(void)
{
	char cmd[256];

	if (!mkdtemp(dir))
		return 99;
	git_libgit2_init();
	snprintf(cmd, sizeof(cmd), "mkdir %s/r && cd %s/r && git init -q -b master", dir, dir);
	if (system(cmd) != 0) {
		printf("1..0 # SKIP no git to build the fixture\n");
		return 77;
	}
	/* day N: commit dated 2020-01-N (committer and author) */
	if (sh("set -e; git config user.name t; git config user.email t@t;"
	       "c() { export GIT_COMMITTER_DATE=\"2020-01-$1T12:00:00 +0000\" GIT_AUTHOR_DATE=\"2020-01-$1T12:00:00 +0000\";"
	       "  echo $2 >>f.$3; git add -A; git commit -qm $2; git tag $2; };"
	       "m() { export GIT_COMMITTER_DATE=\"2020-01-$1T12:00:00 +0000\" GIT_AUTHOR_DATE=\"2020-01-$1T12:00:00 +0000\";"
	       "  git merge -q --no-ff -m $2 $3 $4; git tag $2; };"
	       "c 01 base a;"
	       "git checkout -q -b old base; c 02 old1 o;" /* forked early, dated early */
	       "git checkout -q -b side base; c 03 side1 s;"
	       "git checkout -q master; c 04 main1 a; m 05 merge1 side; git tag v1;"
	       "git checkout -q side; c 06 side2 s;"
	       "git checkout -q master; c 07 main2 a; m 08 merge2 side; m 09 merge3 old; git tag v2;"
	       "git checkout -q -b o1 v2; c 10 oct1 x; git checkout -q -b o2 v2; c 11 oct2 y;"
	       "git checkout -q master; c 12 main3 a; m 13 octo o1 o2; c 14 main4 a; git tag v3;"
	       "git checkout -q -b late v2; c 15 late1 l; git checkout -q master; m 16 merge4 late; git tag v4;"
	       "git repack -qad") != 0) {
		OK(0, "the fixture is built");
		return tap_done();
	}
	check_all("objects", 0);
	if (sh("git rev-parse v3 | git commit-graph write --stdin-commits") == 0)
		check_all("commit-graph", 1);
	/* an unreadable commit-graph is not used */
	if (sh("chmod u+w .git/objects/info/commit-graph; printf 'CGPH\\002\\001\\003\\000junk' >.git/objects/info/commit-graph") ==
	    0)
		check_all("unreadable commit-graph", 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 99;
	return tap_done();
}
