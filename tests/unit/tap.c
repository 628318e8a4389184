#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "tap.h"

static int passed, failed;

void tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		passed++;
		return;
	}
	failed++;
	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void tap_eq_int(int64_t got, int64_t want, const char *file, int line, const char *what)
{
	tap_ok(got == want, file, line, "%s: got %" PRId64 ", want %" PRId64, what, got, want);
}

void tap_eq_str(const char *got, const char *want, const char *file, int line, const char *what)
{
	int same = (got == NULL && want == NULL) || (got != NULL && want != NULL && strcmp(got, want) == 0);

	tap_ok(same, file, line, "%s: got '%s', want '%s'", what, got ? got : "(null)",
	       want ? want : "(null)");
}

int tap_done(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : (passed ? 0 : 1);
}

char *tap_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}
