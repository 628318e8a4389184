/* base/file.c: whole files, regular or not, with the size limit and the
 * messages naming the file. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "file.h"
#include "tap.h"

static char dir[] = "/tmp/kabi-test-file-XXXXXX";

static char *path_of(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void write_file(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(path_of(name), "wb");

	OK(f && fwrite(data, 1, len, f) == len && fclose(f) == 0, "wrote %s", name);
}

/* A pipe with `len` bytes of 'x' written into it by a child. */
static int pipe_of(size_t len, pid_t *pid)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	if ((*pid = fork()) == 0) {
		char chunk[4096];

		close(p[0]);
		memset(chunk, 'x', sizeof(chunk));
		while (len) {
			size_t n = len < sizeof(chunk) ? len : sizeof(chunk);
			ssize_t w = write(p[1], chunk, n);

			if (w <= 0)
				_exit(1);
			len -= (size_t)w;
		}
		_exit(0);
	}
	close(p[1]);
	return p[0];
}

int main(void)
{
	char *b, big[200000];
	size_t len, i;
	int ok, fd;
	pid_t pid;
	FILE *f;

	if (!mkdtemp(dir))
		return OK(0, "mkdtemp"), tap_done();

	/* regular files */
	write_file("a", "hello\0world", 11);
	EQ_INT(kabi_file_read(&b, &len, path_of("a"), SIZE_MAX), 0);
	EQ_INT(len, 11);
	OK(b && memcmp(b, "hello\0world", 12) == 0, "bytes, NUL included, and a NUL after");
	free(b);
	write_file("empty", "", 0);
	EQ_INT(kabi_file_read(&b, &len, path_of("empty"), 0), 0);
	OK(b && len == 0 && b[0] == '\0', "an empty file is an empty string");
	free(b);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	write_file("big", big, sizeof(big));
	EQ_INT(kabi_file_read(&b, &len, path_of("big"), sizeof(big)), 0);
	OK(len == sizeof(big) && memcmp(b, big, len) == 0, "a file of exactly the limit is read");
	free(b);
	EQ_INT(kabi_file_read(&b, &len, path_of("big"), sizeof(big) - 1), KABI_EINVALID);
	OK(b == NULL && len == 0, "nothing out on failure");
	OK(strstr(kabi_error_last(), path_of("big")) && strstr(kabi_error_last(), "larger than 199999 bytes"),
	   "message: %s", kabi_error_last());
	EQ_INT(kabi_file_read(&b, &len, path_of("big"), 0), KABI_EINVALID);
	EQ_INT(kabi_file_read(&b, &len, path_of("a"), (size_t)1 << 20), 0);
	free(b);

	/* the limit in MiB is said in MiB */
	{
		char name[64];

		strcpy(name, path_of("sparse"));
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		OK(fd >= 0 && ftruncate(fd, (3 << 20) + 1) == 0, "a sparse file of 3 MiB + 1");
		close(fd);
		EQ_INT(kabi_file_read(&b, &len, name, (size_t)3 << 20), KABI_EINVALID);
		{
			char want[128];

			snprintf(want, sizeof(want), "'%s': larger than 3 MiB", name);
			EQ_STR(kabi_error_last(), want);
		}
	}

	/* errors name the file */
	EQ_INT(kabi_file_read(&b, &len, path_of("missing"), SIZE_MAX), KABI_ENOTFOUND);
	OK(strncmp(kabi_error_last(), "cannot open '", 13) == 0 && strstr(kabi_error_last(), "missing'"),
	   "message: %s", kabi_error_last());
	EQ_INT(kabi_file_read(&b, &len, dir, SIZE_MAX), KABI_EIO);
	OK(strncmp(kabi_error_last(), "cannot read '", 13) == 0, "a directory: %s", kabi_error_last());

	/* a FILE *, from where it stands */
	f = fopen(path_of("a"), "rb");
	OK(f && fgetc(f) == 'h', "opened, one byte read");
	EQ_INT(kabi_file_read_fp(&b, &len, f, "a.txt", SIZE_MAX), 0);
	OK(len == 10 && memcmp(b, "ello\0world", 11) == 0, "the rest of the stream");
	free(b);
	fclose(f);

	/* pipes: read until the end, the limit counted as they come */
	fd = pipe_of(300000, &pid);
	EQ_INT(kabi_file_read_fd(&b, &len, fd, "pipe", SIZE_MAX), 0);
	for (i = 0, ok = len == 300000; ok && i < len; i++)
		ok = b[i] == 'x';
	OK(ok, "300000 bytes through a pipe: %zu", len);
	free(b);
	close(fd);
	waitpid(pid, NULL, 0);

	fd = pipe_of(300000, &pid);
	f = fdopen(fd, "rb");
	EQ_INT(kabi_file_read_fp(&b, &len, f, "-", 299999), KABI_EINVALID);
	EQ_STR(kabi_error_last(), "'-': larger than 299999 bytes");
	fclose(f);
	waitpid(pid, NULL, 0);

	fd = pipe_of(300000, &pid);
	f = fdopen(fd, "rb");
	EQ_INT(kabi_file_read_fp(&b, &len, f, "-", 300000), 0);
	EQ_INT(len, 300000);
	free(b);
	fclose(f);
	waitpid(pid, NULL, 0);

	/* a read error is said */
	fd = open(path_of("a"), O_WRONLY);
	EQ_INT(kabi_file_read_fd(&b, &len, fd, "wronly", SIZE_MAX), KABI_EIO);
	EQ_STR(kabi_error_last(), "cannot read 'wronly': Bad file descriptor");
	close(fd);

	/* where a write by name lands: through links, never a special file */
	{
		char *t, *real = realpath(dir, NULL), want[512];

		snprintf(want, sizeof(want), "%s/a", real);
		EQ_INT(kabi_file_target(&t, path_of("a"), "an export"), 0);
		EQ_STR(t, want);
		free(t);
		OK(symlink("a", path_of("link")) == 0, "a link");
		EQ_INT(kabi_file_target(&t, path_of("link"), "an export"), 0);
		EQ_STR(t, want);
		free(t);
		OK(symlink("sub-new", path_of("dangling")) == 0, "a dangling link");
		snprintf(want, sizeof(want), "%s/sub-new", real);
		EQ_INT(kabi_file_target(&t, path_of("dangling"), "an export"), 0);
		EQ_STR(t, want);
		free(t);
		OK(symlink("loop", path_of("loop")) == 0, "a loop");
		EQ_INT(kabi_file_target(&t, path_of("loop"), "an export"), KABI_EINVALID);
		OK(t == NULL, "no target for a loop");
		EQ_INT(kabi_file_target(&t, dir, "a catalog"), KABI_EINVALID);
		OK(strstr(kabi_error_last(), "is a directory, not a catalog file") != NULL, "%s",
		   kabi_error_last());
		EQ_INT(kabi_file_target(&t, "/dev/null", "a catalog"), KABI_EINVALID);
		OK(strstr(kabi_error_last(), "not a regular file") != NULL, "%s", kabi_error_last());
		EQ_INT(kabi_file_target(&t, path_of("no/such/x"), "a catalog"), KABI_EIO);
		unlink(path_of("link"));
		unlink(path_of("dangling"));
		unlink(path_of("loop"));
		free(real);
	}

	unlink(path_of("a"));
	unlink(path_of("empty"));
	unlink(path_of("big"));
	unlink(path_of("sparse"));
	rmdir(dir);
	return tap_done();
}
