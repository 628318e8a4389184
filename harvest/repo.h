/*
 * repo.h - the kernel git repository, through libgit2.
 *
 * Lists the refs to harvest with their versions, and reads files at a
 * commit by path, following symbolic links inside the tree.
 */
#ifndef KABI_REPO_H
#define KABI_REPO_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "version.h"

typedef struct kabi_repo kabi_repo;

typedef struct {
	char *name;    /* release name: the tag ("v6.1"), or "v" + the Makefile version */
	char *refname; /* "refs/tags/v6.1" */
	git_oid commit;
	git_oid tree;
	int64_t time; /* committer time */
	kabi_version version;
	int version_from_makefile;
	int resolved; /* 0: commit is a tag's peeled id from packed-refs, tree and time
		       * not read yet (kabi_repo_ref_resolve) */
} kabi_ref;

/* Opens the repository at path (a work tree or a bare repository). */
int kabi_repo_open(kabi_repo **out, const char *path);
void kabi_repo_free(kabi_repo *repo);
/* Borrowed, valid until kabi_repo_free. */
git_repository *kabi_repo_git(kabi_repo *repo);
const char *kabi_repo_path(const kabi_repo *repo);

typedef void (*kabi_note_fn)(void *ctx, const char *msg);

/*
 * Lists the refs to harvest.  With no patterns: every tag named like a
 * release or release candidate (v6.1, v6.1-rc3, v6.1.192, v2.6.32.71).  With
 * patterns (fnmatch globs matched against the full ref name and the short
 * name, such as "v6.[0-9]*" or "debian/[0-9]*"): those refs, with their
 * version from the name when it is one, else from the top-level Makefile.
 * Refs that do not lead to a commit, or whose version cannot be read, are
 * skipped with a note.  Two refs naming the same release keep the first.
 * The array is owned by the caller: kabi_refs_free(refs, n).
 */
int kabi_repo_refs(kabi_ref **out, size_t *n, kabi_repo *repo, const char *const *patterns, size_t npatterns,
		   kabi_note_fn note, void *ctx);
/*
 * A tag whose version is in its name comes back unresolved: its commit id
 * from packed-refs' peeled line (git writes one for every annotated tag it
 * packs, as in a clone of linux.git: no object read), else from the tag
 * object alone, so that a re-harvest with nothing new reads no commit.
 * This reads the commit: tree and time.  KABI_ENOTFOUND (with a message)
 * when the id is not a commit's.
 */
int kabi_repo_ref_resolve(kabi_repo *repo, kabi_ref *ref);
void kabi_refs_free(kabi_ref *refs, size_t n);

/*
 * Finds path in tree, following symbolic links (relative targets, within the
 * tree, at most 8 deep).  Fills *blob.  KABI_ENOTFOUND when there is no such
 * file (not an error worth reporting); KABI_EIO when an object is missing;
 * KABI_EINVALID for a loop of links (the file is there but cannot be read).
 */
int kabi_repo_find(git_oid *blob, kabi_repo *repo, const git_oid *tree, const char *path);

/* Reads a blob.  *out is owned by the caller: git_blob_free(). */
/* A blob's contents: *data malloc'd and NUL-terminated.  KABI_EIO. */
int kabi_repo_blob(kabi_repo *repo, const git_oid *blob, char **data, size_t *len);

/* Object id's raw contents, through the handle's pack reader
 * (harvest/odb.h): *data malloc'd, NUL-terminated.  KABI_ENOTFOUND,
 * KABI_EIO with a message. */
int kabi_repo_read(kabi_repo *repo, const git_oid *id, git_object_t *type, char **data, size_t *len);

/* The committer time of a commit object's text: the number after the last
 * '>' of its committer line, searched from p (after the parent lines) to
 * the end of the headers; 0 when there is none. */
int64_t kabi_commit_time(const char *p, const char *end);

/* Who wrote commit id and what it says: *author (the author's name) and
 * *summary (git_commit_summary()'s first paragraph) malloc'd and cleaned
 * for storing (kabi_utf8_clean: valid, no control characters), *time the
 * author time (the committer's where there is no author line).  Read
 * through the handle's pack reader and parsed by libgit2 in an object
 * database of its own that holds this commit alone, so that the answers
 * are libgit2's and libgit2 never maps the pack index.  KABI_ENOTFOUND,
 * KABI_EIO with a message. */
int kabi_repo_commit_info(kabi_repo *repo, const git_oid *id, char **author, char **summary, int64_t *time);

#endif
