#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "file.h"
#include "strbuf.h"

/* One read of at most n bytes: > 0 bytes read, 0 at the end, < 0 errno set. */
typedef long (*read_fn)(void *src, char *buf, size_t n);

static long read_fd(void *src, char *buf, size_t n)
{
	ssize_t r;

	do
		r = read(*(int *)src, buf, n);
	while (r < 0 && errno == EINTR);
	return (long)r;
}

static long read_fp(void *src, char *buf, size_t n)
{
	FILE *f = src;
	size_t r = fread(buf, 1, n, f);

	if (r == 0 && ferror(f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return (long)r;
}

static int too_large(const char *name, size_t max)
{
	if (max >= ((size_t)1 << 20) && (max & (((size_t)1 << 20) - 1)) == 0)
		return kabi_error_set(KABI_EINVALID, "'%s': larger than %zu MiB", name, max >> 20);
	return kabi_error_set(KABI_EINVALID, "'%s': larger than %zu bytes", name, max);
}

/*
 * Reads from src until the end into a buffer first sized for `hint` bytes
 * (a regular file's size; 0 when unknown), one byte more than max being
 * enough to tell that the file is too large.
 */
static int read_all(char **out, size_t *len, read_fn rd, void *src, size_t hint, const char *name, size_t max)
{
	char *b = NULL;
	size_t n = 0, alloc = 0;

	*out = NULL;
	*len = 0;
	if (hint > max)
		return too_large(name, max);
	/* room for the NUL, and one byte to see the end of a regular file */
	KABI_ARRAY_GROW(b, hint + 2, alloc);
	for (;;) {
		long r;

		if (n + 1 == alloc)
			KABI_ARRAY_GROW(b, n + 65536, alloc);
		r = rd(src, b + n, alloc - n - 1);
		if (r < 0) {
			int e = errno;

			free(b);
			return kabi_error_set(KABI_EIO, "cannot read '%s': %s", name, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(b);
			return too_large(name, max);
		}
	}
	b[n] = '\0';
	*out = b;
	*len = n;
	return 0;
}

int kabi_file_read_fd(char **out, size_t *len, int fd, const char *name, size_t max)
{
	struct stat st;

	*out = NULL;
	*len = 0;
	if (fstat(fd, &st) < 0)
		return kabi_error_set(KABI_EIO, "cannot stat '%s': %s", name, strerror(errno));
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
		return too_large(name, max);
	return read_all(out, len, read_fd, &fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, name, max);
}

int kabi_file_read_fp(char **out, size_t *len, FILE *f, const char *name, size_t max)
{
	struct stat st;
	size_t hint = 0;

	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > max) {
			*out = NULL;
			*len = 0;
			return too_large(name, max);
		}
		hint = (size_t)st.st_size;
	}
	errno = 0;
	return read_all(out, len, read_fp, f, hint, name, max);
}

int kabi_file_read(char **out, size_t *len, const char *path, size_t max)
{
	int fd, rc;

	*out = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      path, strerror(errno));
	rc = kabi_file_read_fd(out, len, fd, path, max);
	close(fd);
	return rc;
}

/* dirname and basename of path, as new strings ("." for a bare name). */
static void split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		*dir = kabi_strdup(".");
		*base = kabi_strdup(path);
	} else {
		*dir = slash == path ? kabi_strdup("/") : kabi_strndup(path, (size_t)(slash - path));
		*base = kabi_strdup(slash + 1);
	}
}

int kabi_file_target(char **out, const char *path, const char *what)
{
	char *cur = kabi_strdup(path), *dir, *base, *rdir;
	int hops, err = 0;

	*out = NULL;
	for (hops = 0;; hops++) {
		struct stat st;

		if (lstat(cur, &st) < 0) {
			if (errno != ENOENT) {
				err = kabi_error_set(KABI_EIO, "cannot use '%s' for %s: %s", path, what,
						     strerror(errno));
				break;
			}
			/* a new file (or a link to one): its directory must exist */
			split_path(cur, &dir, &base);
			rdir = realpath(dir, NULL);
			if (!rdir) {
				err = kabi_error_set(KABI_EIO, "cannot write %s '%s': directory '%s': %s",
						     what, path, dir, strerror(errno));
			} else if (!*base) {
				err = kabi_error_set(KABI_EINVALID, "'%s' is a directory, not %s file", path,
						     what);
			} else {
				kabi_strbuf sb = KABI_STRBUF_INIT;

				kabi_strbuf_printf(&sb, "%s%s%s", rdir, strcmp(rdir, "/") ? "/" : "", base);
				*out = kabi_strbuf_detach(&sb);
			}
			free(rdir);
			free(dir);
			free(base);
			break;
		}
		if (S_ISLNK(st.st_mode) && hops < 40) {
			/* follow it by hand: a dangling link names the file to create */
			char link[4096];
			ssize_t n = readlink(cur, link, sizeof(link) - 1);
			kabi_strbuf sb = KABI_STRBUF_INIT;

			if (n < 0) {
				err = kabi_error_set(KABI_EIO, "cannot read the link '%s': %s", cur,
						     strerror(errno));
				break;
			}
			link[n] = '\0';
			split_path(cur, &dir, &base);
			if (link[0] == '/')
				kabi_strbuf_puts(&sb, link);
			else
				kabi_strbuf_printf(&sb, "%s/%s", dir, link);
			free(dir);
			free(base);
			free(cur);
			cur = kabi_strbuf_detach(&sb);
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			err = kabi_error_set(KABI_EINVALID, "'%s': too many levels of symbolic links", path);
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			err = kabi_error_set(KABI_EINVALID, "'%s' is a directory, not %s file", path, what);
			break;
		}
		if (!S_ISREG(st.st_mode)) {
			err = kabi_error_set(
				KABI_EINVALID,
				"'%s' is not a regular file (a device, FIFO or socket): %s is written only to "
				"a file",
				path, what);
			break;
		}
		*out = realpath(cur, NULL);
		if (!*out)
			err = kabi_error_set(KABI_EIO, "cannot use '%s' for %s: %s", path, what,
					     strerror(errno));
		break;
	}
	free(cur);
	return *out ? 0 : err;
}
