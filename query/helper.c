/*
 * helper.c - running kabi-helper, the program with libgit2 and libxml2,
 * for the commands `kabi` hands over (harvest, publish, export --format
 * gdb-xml): docs/architecture.md "Two programs".  Git runs its git-*
 * programs from its exec path the same way.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "strbuf.h"

#ifndef KABI_HELPER_PATH
#define KABI_HELPER_PATH "/usr/local/libexec/kabi/kabi-helper"
#endif
#ifndef KABI_HELPER_REL
#define KABI_HELPER_REL "../libexec/kabi/kabi-helper"
#endif

int kabi_cli_exe_dir(kabi_strbuf *sb)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	slash[1] = '\0';
	kabi_strbuf_printf(sb, "%s", buf);
	return 0;
}

int kabi_cli_exec_helper(int argc, char **argv)
{
	kabi_strbuf dir = KABI_STRBUF_INIT, here = KABI_STRBUF_INIT, rel = KABI_STRBUF_INIT;
	kabi_strbuf list = KABI_STRBUF_INIT;
	const char *tried[3], *bad = NULL;
	char **args = kabi_calloc((size_t)argc + 2, sizeof(*args));
	size_t n = 0, i;
	int e = 0;

	args[0] = "kabi"; /* its messages say "kabi: ", as this program's do */
	for (i = 0; i < (size_t)argc; i++)
		args[i + 1] = argv[i];
	if (kabi_cli_exe_dir(&dir) == 0) {
		kabi_strbuf_printf(&here, "%skabi-helper", dir.buf);
		kabi_strbuf_printf(&rel, "%s%s", dir.buf, KABI_HELPER_REL);
		tried[n++] = here.buf;
		tried[n++] = rel.buf;
	}
	tried[n++] = KABI_HELPER_PATH;
	fflush(NULL);
	for (i = 0; i < n; i++) {
		execv(tried[i], args);
		if (errno != ENOENT && !bad) { /* there, but it would not run */
			e = errno;
			bad = tried[i];
		}
		kabi_strbuf_printf(&list, "%s%s", i ? ", " : "", tried[i]);
	}
	if (bad)
		kabi_cli_error("cannot run '%s': %s: %s", argv[0], bad, strerror(e));
	else
		kabi_cli_error("cannot run '%s': kabi-helper is not installed (looked for %s)", argv[0],
			       list.buf);
	kabi_strbuf_free(&list);
	kabi_strbuf_free(&dir);
	kabi_strbuf_free(&here);
	kabi_strbuf_free(&rel);
	free(args);
	return KABI_EXIT_ERROR;
}
