#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "array.h"
#include "error.h"
#include "odb.h"
#include "repo.h"
#include "strbuf.h"
#include "utf8.h"

struct kabi_repo {
	git_repository *git;
	char *path;
	kabi_odb *odb; /* made on first use */
};

static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();

	return kabi_error_set(code, "%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

int kabi_repo_open(kabi_repo **out, const char *path)
{
	kabi_repo *r;
	static int initialized; /* libgit2 counts its own inits; one is enough */

	if (!initialized) {
		git_libgit2_init();
		/* Hash verification of every object read costs more than the
		 * parsing; the objects come from the user's own repository. */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)64 * 1024);
		/* One limit for the whole process, however many handles the
		 * workers open; larger buys nothing measurable. */
		git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)64 * 1024 * 1024);
		/* libgit2 reads packs through mapped windows, and every page it
		 * touches counts in the process's memory; by default (1 GiB
		 * windows, 8 GiB in all) a walk of linux.git's history leaves
		 * most of its 2 GB pack resident.  Trees and blobs come through
		 * harvest/odb.c (pread); what libgit2 still reads, commits in
		 * history order, reads as well through a few small windows. */
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)16 * 1024 * 1024);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)128 * 1024 * 1024);
		initialized = 1;
	}
	r = kabi_calloc(1, sizeof(*r));
	if (git_repository_open_ext(&r->git, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		char what[1100];

		snprintf(what, sizeof(what), "cannot open repository '%s'", path);
		free(r);
		return git_fail(KABI_EIO, what);
	}
	r->path = kabi_strdup(path);
	*out = r;
	return 0;
}

void kabi_repo_free(kabi_repo *r)
{
	if (!r)
		return;
	kabi_odb_free(r->odb);
	git_repository_free(r->git);
	free(r->path);
	free(r);
}

git_repository *kabi_repo_git(kabi_repo *r)
{
	return r->git;
}

const char *kabi_repo_path(const kabi_repo *r)
{
	return r->path;
}

void kabi_refs_free(kabi_ref *refs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(refs[i].name);
		free(refs[i].refname);
	}
	free(refs);
}

static int matches(const char *refname, const char *const *patterns, size_t n)
{
	const char *shortname = refname;
	size_t i;

	if (strncmp(refname, "refs/tags/", 10) == 0)
		shortname = refname + 10;
	else if (strncmp(refname, "refs/heads/", 11) == 0)
		shortname = refname + 11;
	else if (strncmp(refname, "refs/remotes/", 13) == 0)
		shortname = refname + 13;
	for (i = 0; i < n; i++)
		if (fnmatch(patterns[i], refname, 0) == 0 || fnmatch(patterns[i], shortname, 0) == 0)
			return 1;
	return 0;
}

/* A release tag spells its version the way the kernel does: no leading
 * zeros, no ".0" that adds nothing (v5.10.0; v2.4.0 is a real tag, so a
 * third number of 0 before 3.0 is fine), so that one version is one
 * release.  The usual spelling goes to buf. */
static int is_release_spelling(const kabi_version *v, const char *spelled, char *buf, size_t size)
{
	const char *p = spelled;
	int parts = 0;

	kabi_version_format(v, buf, size);
	while (*p) {
		if (isdigit((unsigned char)*p)) {
			if (*p == '0' && isdigit((unsigned char)p[1]))
				return 0;
			while (isdigit((unsigned char)*p))
				p++;
			parts++;
			if (*p == '-')
				break; /* -rcN: a digit run of its own, checked above */
		} else {
			p++;
		}
	}
	if (*p == '-' && p[3] == '0')
		return 0;
	if (parts == 4 && v->part[3] == 0)
		return 0;
	if (parts >= 3 && v->part[0] >= 3 && v->part[2] == 0)
		return 0;
	return 1;
}

static int version_from_makefile(kabi_version *v, kabi_repo *repo, const git_oid *tree)
{
	git_oid blob;
	char *text;
	size_t len;
	int err;

	if ((err = kabi_repo_find(&blob, repo, tree, "Makefile")) < 0)
		return err;
	if ((err = kabi_repo_blob(repo, &blob, &text, &len)) < 0)
		return err;
	err = kabi_version_from_makefile(v, text, len);
	free(text);
	return err;
}

static void notef(kabi_note_fn note, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void notef(kabi_note_fn note, void *ctx, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	note(ctx, msg);
}

/*
 * The commit a tag names, without reading the commit: the peeled id that
 * packed-refs records, else the tag object's "object" line (read through
 * the pack reader, not libgit2's object lookup) when its "type" is commit,
 * else the target itself when it is a commit.  0 when none of these says:
 * the caller peels the usual way.
 */
static int tag_commit(git_oid *commit, kabi_repo *repo, const git_reference *ref)
{
	const git_oid *target = git_reference_target(ref);
	git_object_t type;
	char *data;
	size_t len;
	int ok = 0;

	if (git_reference_target_peel(ref)) {
		git_oid_cpy(commit, git_reference_target_peel(ref));
		return 1;
	}
	if (!target || kabi_repo_read(repo, target, &type, &data, &len) < 0) {
		kabi_error_clear();
		return 0;
	}
	if (type == GIT_OBJECT_COMMIT) {
		git_oid_cpy(commit, target);
		ok = 1;
	} else if (type == GIT_OBJECT_TAG && len > 7 + GIT_OID_HEXSZ + 13 &&
		   memcmp(data, "object ", 7) == 0 && data[7 + GIT_OID_HEXSZ] == '\n' &&
		   memcmp(data + 8 + GIT_OID_HEXSZ, "type commit\n", 12) == 0) {
		ok = git_oid_fromstrn(commit, data + 7, GIT_OID_HEXSZ) == 0;
	}
	free(data);
	return ok;
}

int kabi_repo_refs(kabi_ref **out, size_t *n, kabi_repo *repo, const char *const *patterns, size_t npatterns,
		   kabi_note_fn note, void *ctx)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	kabi_ref *refs = NULL;
	size_t count = 0, alloc = 0;
	int err;

	*out = NULL;
	*n = 0;
	if (git_reference_iterator_new(&it, repo->git) < 0)
		return git_fail(KABI_EIO, "cannot list references");
	while ((err = git_reference_next(&ref, it)) == 0) {
		const char *refname = git_reference_name(ref);
		kabi_ref r;
		git_object *peeled = NULL;
		char namebuf[64];
		size_t i;
		int dup = 0;

		memset(&r, 0, sizeof(r));
		if (npatterns == 0) {
			/* Release tags; a v<digit> tag that is no release is
			 * noted below when it does not even lead to a commit
			 * (linux.git's v2.6.11-tree). */
			if (strncmp(refname, "refs/tags/v", 11) != 0 || !isdigit((unsigned char)refname[11]))
				goto skip;
			if (kabi_version_parse(&r.version, refname + 10) < 0) {
				if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) < 0)
					notef(note, ctx, "skipping '%s': it does not lead to a commit",
					      refname);
				git_object_free(peeled);
				goto skip;
			}
			if (!is_release_spelling(&r.version, refname + 11, namebuf, sizeof(namebuf))) {
				notef(note, ctx, "skipping '%s': not a kernel release tag (v%s)", refname,
				      namebuf);
				goto skip;
			}
		} else {
			if (!matches(refname, patterns, npatterns))
				goto skip;
		}
		if (npatterns == 0 && tag_commit(&r.commit, repo, ref)) {
			/* a release tag's commit: its tree and time read when needed */
		} else {
			if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) < 0) {
				notef(note, ctx, "skipping '%s': it does not lead to a commit", refname);
				goto skip;
			}
			git_oid_cpy(&r.commit, git_object_id(peeled));
			git_oid_cpy(&r.tree, git_commit_tree_id((git_commit *)peeled));
			r.time = (int64_t)git_commit_time((git_commit *)peeled);
			r.resolved = 1;
			git_object_free(peeled);
		}
		{
			const char *shortname = strrchr(refname, '/') ? strrchr(refname, '/') + 1 : refname;

			if (strncmp(refname, "refs/tags/", 10) == 0)
				shortname = refname + 10;
			if (kabi_version_parse(&r.version, shortname) == 0 && shortname[0] == 'v') {
				r.name = kabi_strdup(shortname);
			} else if (version_from_makefile(&r.version, repo, &r.tree) == 0) {
				char vbuf[48];

				kabi_version_format(&r.version, vbuf, sizeof(vbuf));
				snprintf(namebuf, sizeof(namebuf), "v%s", vbuf);
				r.name = kabi_strdup(namebuf);
				r.version_from_makefile = 1;
			} else {
				notef(note, ctx, "skipping '%s': no version in its name or its Makefile (%s)",
				      refname, kabi_error_last());
				goto skip;
			}
		}
		for (i = 0; i < count && !dup; i++)
			if (strcmp(refs[i].name, r.name) == 0 ||
			    kabi_version_cmp(&refs[i].version, &r.version) == 0)
				dup = 1;
		if (dup) {
			kabi_version_format(&r.version, namebuf, sizeof(namebuf));
			notef(note, ctx, "skipping '%s': release %s is already given by '%s'", refname,
			      namebuf, refs[i - 1].refname);
			free(r.name);
			goto skip;
		}
		r.refname = kabi_strdup(refname);
		KABI_ARRAY_GROW(refs, count + 1, alloc);
		refs[count++] = r;
	skip:
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (err != GIT_ITEROVER) {
		kabi_refs_free(refs, count);
		return git_fail(KABI_EIO, "cannot list references");
	}
	*out = refs;
	*n = count;
	return 0;
}

int64_t kabi_commit_time(const char *p, const char *end)
{
	const char *line;

	for (line = p; line < end && *line != '\n';) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));

		if (!eol)
			eol = end;
		if (eol - line > 10 && strncmp(line, "committer ", 10) == 0) {
			const char *gt = NULL, *q;

			for (q = line; q < eol; q++)
				if (*q == '>')
					gt = q;
			return gt ? strtoll(gt + 1, NULL, 10) : 0;
		}
		line = eol + 1;
	}
	return 0;
}

int kabi_repo_commit_info(kabi_repo *repo, const git_oid *id, char **author, char **summary, int64_t *time)
{
	git_object_t type;
	char *data;
	size_t len;
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	git_repository *one = NULL;
	git_commit *c = NULL;
	git_oid written;
	int err;

	if ((err = kabi_repo_read(repo, id, &type, &data, &len)) < 0)
		return err;
	if (type != GIT_OBJECT_COMMIT) {
		free(data);
		return kabi_error_set(KABI_EIO, "object %s is not a commit", git_oid_tostr_s(id));
	}
	err = 0;
	if (git_odb_new(&odb) < 0 || git_mempack_new(&mem) < 0)
		err = git_fail(KABI_EIO, "cannot make an object database in memory");
	else if (git_odb_add_backend(odb, mem, 1) < 0) {
		err = git_fail(KABI_EIO, "cannot make an object database in memory");
		mem->free(mem);
	} else if (git_odb_write(&written, odb, data, len, GIT_OBJECT_COMMIT) < 0 ||
		   git_repository_wrap_odb(&one, odb) < 0 || git_commit_lookup(&c, one, &written) < 0)
		err = git_fail(KABI_EIO, "cannot read a commit");
	free(data);
	if (!err) {
		const git_signature *a = git_commit_author(c);
		const char *msg = git_commit_summary(c);

		*author = kabi_utf8_clean(a && a->name ? a->name : "");
		*summary = kabi_utf8_clean(msg ? msg : "");
		*time = a ? (int64_t)a->when.time : (int64_t)git_commit_time(c);
	}
	git_commit_free(c);
	git_repository_free(one);
	git_odb_free(odb); /* frees the backend it holds */
	return err;
}

/* Through kabi's pack reader, not libgit2's: libgit2 maps the pack index a
 * second time, and the pages a few hundred lookups touch in it (the
 * kernel maps 64 KiB and more around each) counted 340 MiB of a full-size
 * harvest's memory on a 730 MB index. */
int kabi_repo_ref_resolve(kabi_repo *repo, kabi_ref *r)
{
	git_object_t type;
	char *data;
	size_t len;
	int ok;

	if (r->resolved)
		return 0;
	if (kabi_repo_read(repo, &r->commit, &type, &data, &len) < 0)
		return kabi_error_set(KABI_ENOTFOUND, "skipping '%s': it does not lead to a commit",
				      r->refname);
	ok = type == GIT_OBJECT_COMMIT && len >= 5 + GIT_OID_HEXSZ + 1 && strncmp(data, "tree ", 5) == 0 &&
	     git_oid_fromstrn(&r->tree, data + 5, GIT_OID_HEXSZ) == 0;
	if (ok)
		r->time = kabi_commit_time(data + 5 + GIT_OID_HEXSZ + 1, data + len);
	free(data);
	if (!ok)
		return kabi_error_set(KABI_ENOTFOUND, "skipping '%s': it does not lead to a commit",
				      r->refname);
	r->resolved = 1;
	return 0;
}

/* Resolves "a/b/../c" style paths in place; fails on escaping the root. */
static int normalize_path(kabi_strbuf *out, const char *dir, const char *target)
{
	kabi_strbuf in = KABI_STRBUF_INIT;
	const char *p;

	if (target[0] == '/')
		return KABI_ENOTFOUND;
	if (*dir) {
		kabi_strbuf_puts(&in, dir);
		kabi_strbuf_putc(&in, '/');
	}
	kabi_strbuf_puts(&in, target);
	kabi_strbuf_reset(out);
	p = kabi_strbuf_str(&in);
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (out->len == 0) {
				kabi_strbuf_free(&in);
				return KABI_ENOTFOUND;
			}
			slash = strrchr(out->buf, '/');
			out->len = slash ? (size_t)(slash - out->buf) : 0;
			out->buf[out->len] = '\0';
		} else {
			if (out->len)
				kabi_strbuf_putc(out, '/');
			kabi_strbuf_add(out, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
	kabi_strbuf_free(&in);
	return 0;
}

/* The entry `name` (len bytes) of a tree: 0, KABI_ENOTFOUND, KABI_EIO. */
static int tree_entry(kabi_repo *repo, const git_oid *tree, const char *name, size_t len, unsigned *mode,
		      git_oid *id)
{
	git_object_t type;
	kabi_tree_entry e;
	char *data;
	size_t n, pos = 0;
	int err, r;

	if ((err = kabi_repo_read(repo, tree, &type, &data, &n)) < 0)
		return err == KABI_ENOTFOUND
			       ? kabi_error_set(KABI_EIO, "cannot read tree: %s", kabi_error_last())
			       : err;
	err = KABI_ENOTFOUND;
	if (type != GIT_OBJECT_TREE)
		err = kabi_error_set(KABI_EIO, "cannot read tree: not a tree");
	while (err == KABI_ENOTFOUND && (r = kabi_tree_next(&e, data, n, &pos)) != 0) {
		if (r < 0) {
			err = kabi_error_set(KABI_EIO, "cannot read tree: malformed");
		} else if (e.namelen == len && memcmp(e.name, name, len) == 0) {
			*mode = e.mode;
			git_oid_fromraw(id, e.id);
			err = 0;
		}
	}
	free(data);
	return err;
}

int kabi_repo_find(git_oid *blob, kabi_repo *repo, const git_oid *tree_id, const char *path)
{
	kabi_strbuf cur = KABI_STRBUF_INIT, next = KABI_STRBUF_INIT;
	int depth, err = KABI_ENOTFOUND;

	kabi_strbuf_puts(&cur, path);
	for (depth = 0; depth < 8; depth++) {
		const char *p = cur.buf;
		git_oid id = *tree_id;
		unsigned mode = 040000;
		char *target, *dir, *slash;
		size_t tlen;

		/* down the path's directories to its last component */
		while (*p) {
			size_t n = strcspn(p, "/");

			if (mode != 040000) {
				err = KABI_ENOTFOUND;
				break;
			}
			if ((err = tree_entry(repo, &id, p, n, &mode, &id)) < 0)
				break;
			p += n;
			if (*p == '/')
				p++;
		}
		if (err < 0)
			break;
		if ((mode & 0170000) != 0100000 && mode != 0120000) {
			err = KABI_ENOTFOUND; /* a directory, a submodule */
			break;
		}
		if (mode != 0120000) {
			git_oid_cpy(blob, &id);
			break;
		}
		/* a symbolic link: its target, relative to its directory */
		if ((err = kabi_repo_blob(repo, &id, &target, &tlen)) < 0)
			break;
		target[strcspn(target, "\n")] = '\0';
		dir = kabi_strdup(cur.buf);
		slash = strrchr(dir, '/');
		*(slash ? slash : dir) = '\0';
		err = normalize_path(&next, dir, target);
		free(dir);
		free(target);
		if (err < 0)
			break;
		kabi_strbuf_reset(&cur);
		kabi_strbuf_puts(&cur, next.buf);
		err = KABI_ENOTFOUND;
	}
	if (depth == 8) /* not "no such file": the file is there, unreadable */
		err = kabi_error_set(KABI_EINVALID, "a loop of symbolic links (or more than 8 in a row)");
	kabi_strbuf_free(&cur);
	kabi_strbuf_free(&next);
	return err;
}

int kabi_repo_blob(kabi_repo *repo, const git_oid *blob, char **data, size_t *len)
{
	git_object_t type;
	char hex[GIT_OID_HEXSZ + 1];
	int err = kabi_repo_read(repo, blob, &type, data, len);

	if (err < 0)
		return kabi_error_set(KABI_EIO, "%s", kabi_error_last());
	if (type != GIT_OBJECT_BLOB) {
		free(*data);
		return kabi_error_set(KABI_EIO, "%s is not a file", git_oid_tostr(hex, sizeof(hex), blob));
	}
	return 0;
}

int kabi_repo_read(kabi_repo *repo, const git_oid *id, git_object_t *type, char **data, size_t *len)
{
	if (!repo->odb)
		kabi_odb_open(&repo->odb, repo->git);
	return kabi_odb_read(repo->odb, id, type, data, len);
}
