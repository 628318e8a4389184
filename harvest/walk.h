/*
 * walk.h - the commits of `to ^from`, parents before children, read
 * through kabi's own pack reader or the commit-graph file.
 *
 * The range is limited the way git (and libgit2's revwalk) limits it:
 * both tips are painted down a queue ordered by commit date, newest
 * first, the `from` side's colour (uninteresting) spreading to every
 * ancestor already reached, until the queue holds only uninteresting
 * commits (and five more of them, for clocks that went back).  The
 * range is then sorted as `git rev-list --topo-order --reverse to ^from`
 * sorts it, so a change made on two branches is found on the same one.
 *
 * A commit's tree, parents and date come from the repository's
 * commit-graph file (objects/info/commit-graph) when it lists the commit,
 * else from the commit object; no commit is read twice in a walk, and the
 * parents' trees of each commit of the range are known when it is
 * returned.  A kabi_walk is used by one thread at a time and reused from
 * range to range.
 */
#ifndef KABI_WALK_H
#define KABI_WALK_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "repo.h"

typedef struct kabi_walk kabi_walk;

typedef struct {
	git_oid id, tree;
	int64_t time; /* committer time */
	uint32_t par; /* parents: kabi_walk_parents()[par .. par + np) */
	uint32_t np;
	unsigned flags; /* KABI_WALK_PARSED: tree, parents and time are known */
	uint32_t indeg;
} kabi_walk_commit;

#define KABI_WALK_PARSED 0x1u

int kabi_walk_new(kabi_walk **out, kabi_repo *repo);
void kabi_walk_free(kabi_walk *w); /* NULL ok */

/*
 * Walks `to ^from` (from may be NULL: everything reachable from to).
 * *order (owned by w, valid until the next walk) gets the range's commits
 * parents first, as indices for kabi_walk_at().  A commit of the range
 * whose parent cannot be read ends the walk with an empty range, as
 * libgit2's revwalk did; KABI_EIO (with a message) when to or from is not
 * a readable commit.
 */
int kabi_walk_range(kabi_walk *w, const git_oid *to, const git_oid *from, const uint32_t **order, size_t *n);

const kabi_walk_commit *kabi_walk_at(const kabi_walk *w, uint32_t i);
const uint32_t *kabi_walk_parents(const kabi_walk *w);

/* Does w read commits from a commit-graph file? */
int kabi_walk_has_graph(const kabi_walk *w);

#endif
