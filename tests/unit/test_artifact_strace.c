/*
 * test_artifact_strace.c - the strace reader on logs recorded live with
 * /usr/bin/strace (skipped when strace is absent or ptrace is denied) and on
 * hand-written logs for every quirk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>

#include "artifact.h"
#include "error.h"
#include "tap.h"

static char dir[] = "/tmp/kabi-strace-XXXXXX";

static const char *tmp(const char *name)
{
	static char path[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	fputs(text, f);
	fclose(f);
}

/* Parse a hand-written log; NULL (and the error in kabi_error_last) on failure. */
static kabi_needs *parse_text(const char *abi, const char *text, int *rc)
{
	const char *path = tmp("hand.log");
	kabi_needs *ns = kabi_needs_new(abi, path);

	put(path, text);
	*rc = kabi_strace_read(ns, path);
	return ns;
}

static unsigned long long count_of(const kabi_needs *ns, const char *abi, const char *name)
{
	const kabi_need *d = kabi_needs_find(ns, abi, name, -1);

	return d ? d->count : 0;
}

static int has(const kabi_needs *ns, const char *name)
{
	return count_of(ns, NULL, name) > 0;
}

static void test_live(void)
{
	char cmd[1024];
	kabi_needs *ns;
	glob_t g;
	size_t i;
	int rc;

	if (access("/usr/bin/strace", X_OK) != 0) {
		printf("# strace not installed, live logs skipped\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "/usr/bin/strace -f -o %s /bin/true 2>/dev/null", tmp("true.log"));
	if (system(cmd) != 0) {
		printf("# strace cannot trace here (ptrace denied?), live logs skipped\n");
		return;
	}
	ns = kabi_needs_new(NULL, NULL);
	rc = kabi_strace_read(ns, tmp("true.log"));
	EQ_INT(rc, 0);
	OK(has(ns, "execve"), "true: execve");
	OK(has(ns, "openat") || has(ns, "open"), "true: open/openat");
	OK(has(ns, "mmap") || has(ns, "mmap2"), "true: mmap");
	OK(has(ns, "exit_group"), "true: exit_group");
	EQ_INT(ns->nwarnings, 0);
	kabi_needs_free(ns);

	/* -f with a pipe: two children, unfinished/resumed pairs */
	snprintf(cmd, sizeof(cmd), "/usr/bin/strace -f -tt -T -y -o %s sh -c 'ls / | cat' >/dev/null 2>&1",
		 tmp("pipe.log"));
	EQ_INT(system(cmd), 0);
	ns = kabi_needs_new("x86_64", NULL);
	EQ_INT(kabi_strace_read(ns, tmp("pipe.log")), 0);
	OK(has(ns, "execve"), "pipe: execve");
	OK(has(ns, "clone") || has(ns, "clone3") || has(ns, "fork") || has(ns, "vfork"), "pipe: clone/fork");
	OK(has(ns, "pipe") || has(ns, "pipe2"), "pipe: pipe/pipe2");
	OK(has(ns, "wait4"), "pipe: wait4");
	OK(has(ns, "exit_group"), "pipe: exit_group");
	EQ_INT(ns->nwarnings, 0);
	if (ns->warning)
		printf("# %s\n", ns->warning);
	kabi_needs_free(ns);

	/* -ff: one file per pid, read into one set */
	snprintf(cmd, sizeof(cmd), "/usr/bin/strace -ff -o %s sh -c 'ls / | cat' >/dev/null 2>&1", tmp("ff"));
	EQ_INT(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s.*", tmp("ff"));
	OK(glob(cmd, 0, NULL, &g) == 0 && g.gl_pathc >= 3, "-ff wrote one file per pid");
	ns = kabi_needs_new(NULL, NULL);
	for (i = 0; i < g.gl_pathc; i++)
		EQ_INT(kabi_strace_read(ns, g.gl_pathv[i]), 0);
	OK(has(ns, "wait4") && has(ns, "execve") && (has(ns, "pipe") || has(ns, "pipe2")),
	   "-ff: wait4, execve, pipe");
	globfree(&g);
	kabi_needs_free(ns);

	/* -c summary */
	snprintf(cmd, sizeof(cmd), "/usr/bin/strace -c -o %s /bin/true 2>/dev/null", tmp("c.log"));
	EQ_INT(system(cmd), 0);
	ns = kabi_needs_new(NULL, NULL);
	EQ_INT(kabi_strace_read(ns, tmp("c.log")), 0);
	OK(has(ns, "mmap") && has(ns, "execve"), "-c: mmap and execve rows");
	OK(!has(ns, "total"), "-c: total is not a syscall");
	EQ_INT(ns->nwarnings, 0);
	kabi_needs_free(ns);
}

static void test_quirks(void)
{
	kabi_needs *ns;
	const kabi_need *d;
	int rc;

	/* unfinished/resumed split across pids: each call counted once */
	ns = parse_text(NULL,
			"100 read(3,  <unfinished ...>\n"
			"101 read(4,  <unfinished ...>\n"
			"101 <... read resumed>\"x\", 1) = 1\n"
			"102 <... write resumed>) = 1\n"
			"100 <... read resumed>\"yz\", 2) = 2\n"
			"100 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101} ---\n"
			"101 +++ exited with 0 +++\n"
			"100 +++ killed by SIGKILL +++\n",
			&rc);
	EQ_INT(rc, 0);
	EQ_INT(count_of(ns, NULL, "read"), 2);
	EQ_INT(count_of(ns, NULL, "write"), 1); /* resumed without its start */
	EQ_INT(ns->n, 2);
	EQ_INT(ns->nwarnings, 0);
	kabi_needs_free(ns);

	/* -tt -T -i -n, [pid N], quoted strings with parens, quotes, escapes */
	ns = parse_text(NULL,
			"10:22:33.123456 [00007f5e8c0f1234] openat(AT_FDCWD, \"a)b(\\\"c\\n\", "
			"O_RDONLY) = 3 <0.000012>\n"
			"[pid  4242] 1690000000.123456 write(1, \"x) = 5\\n\", 7) = 7\n"
			"     0.000123 [ 39] getpid() = 4242\n"
			"4242  10:22:33 close(3</tmp/a(b>) = 0\n"
			"restart_syscall(<... resuming interrupted read ...>) = 0\n"
			"exit_group(0)                           = ?\n",
			&rc);
	EQ_INT(rc, 0);
	OK(has(ns, "openat") && has(ns, "write") && has(ns, "close") && has(ns, "restart_syscall") &&
		   has(ns, "exit_group"),
	   "timestamps, ip, quotes and decorations");
	d = kabi_needs_find(ns, NULL, "getpid", -1);
	OK(d && d->nr == 39, "-n number kept");
	EQ_INT(ns->nwarnings, 0);
	kabi_needs_free(ns);

	/* raw numbers */
	ns = parse_text("x86_64", "syscall_0x1b6(0x1, 0x2) = -1 ENOSYS\nsyscall_335() = 0\n", &rc);
	EQ_INT(rc, 0);
	d = kabi_needs_find(ns, NULL, NULL, 0x1b6);
	OK(d && !d->name, "syscall_0x1b6 -> nr 438");
	OK(kabi_needs_find(ns, NULL, NULL, 335) != NULL, "syscall_335 -> nr 335");
	kabi_needs_free(ns);

	/* personality switch */
	ns = parse_text("x86_64",
			"200 execve(\"/bin/x\", [\"x\"], 0x0 /* 1 var */) = 0\n"
			"[ Process PID=200 runs in 32 bit mode. ]\n"
			"200 brk(NULL) = 0x1000\n"
			"201 brk(NULL) = 0x2000\n",
			&rc);
	EQ_INT(rc, 0);
	EQ_INT(count_of(ns, "i386", "brk"), 1);
	EQ_INT(count_of(ns, NULL, "brk"), 1);
	EQ_INT(count_of(ns, "x86_64", "brk"), 1);
	OK(ns->warning && strstr(ns->warning, "32 bit"), "personality switch is recorded");
	kabi_needs_free(ns);
	ns = parse_text(NULL, "[ Process PID=7 runs in x32 mode. ]\nread(0, \"\", 1) = 0\n", &rc);
	EQ_INT(count_of(ns, "x32", "read"), 1);
	kabi_needs_free(ns);

	/* -c summary by hand, with the errors column empty and filled */
	ns = parse_text(NULL,
			"% time     seconds  usecs/call     calls    errors syscall\n"
			"------ ----------- ----------- --------- --------- ----------------\n"
			" 28.57    0.000040           5         8           mmap\n"
			"  7.14    0.000010          10         1         1 access\n"
			"  0.00    0.000000           0         3           syscall_0x1b6\n"
			"------ ----------- ----------- --------- --------- ----------------\n"
			"100.00    0.000140           5        12         1 total\n",
			&rc);
	EQ_INT(rc, 0);
	EQ_INT(count_of(ns, NULL, "mmap"), 8);
	EQ_INT(count_of(ns, NULL, "access"), 1);
	d = kabi_needs_find(ns, NULL, NULL, 0x1b6);
	OK(d && d->count == 3, "-c raw row");
	EQ_INT(ns->n, 3);
	kabi_needs_free(ns);

	/* garbage lines are skipped with a warning naming the first */
	ns = parse_text(NULL, "hello there\nread(0, \"\", 1) = 0\n\x01\x02\x7f(\n", &rc);
	EQ_INT(rc, 0);
	EQ_INT(ns->n, 1);
	EQ_INT(ns->nwarnings, 1);
	OK(ns->warning && strstr(ns->warning, "line 1:"), "warning names line 1: %s",
	   ns->warning ? ns->warning : "");
	kabi_needs_free(ns);

	/* unterminated argument list is not a syscall */
	ns = parse_text(NULL, "read(0, \"abc\n", &rc);
	EQ_INT(rc, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "line 1") != NULL, "error names the line: %s", kabi_error_last());
	kabi_needs_free(ns);

	/* nothing recognizable / empty */
	ns = parse_text(NULL, "this is\nnot strace\n", &rc);
	EQ_INT(rc, KABI_EINVALID);
	OK(strstr(kabi_error_last(), "hand.log") != NULL, "error names the file");
	kabi_needs_free(ns);
	ns = parse_text(NULL, "", &rc);
	EQ_INT(rc, KABI_EINVALID);
	kabi_needs_free(ns);

	ns = kabi_needs_new(NULL, NULL);
	EQ_INT(kabi_strace_read(ns, tmp("does-not-exist")), KABI_ENOTFOUND);
	kabi_needs_free(ns);
}

/* A line longer than the reader's head buffer, unfinished at its end. */
static void test_long_line(void)
{
	const char *path = tmp("long.log");
	FILE *f = fopen(path, "wb");
	kabi_needs *ns;
	size_t i;

	fputs("5 write(1, \"", f);
	for (i = 0; i < 1000000; i++)
		fputc(i % 50 ? 'a' : ')', f);
	fputs("\", 1000000 <unfinished ...>\n5 <... write resumed>) = 1000000\n", f);
	fputs("5 ioctl(1, TCGETS, {c_iflag=0}) = 0\n", f);
	fclose(f);
	ns = kabi_needs_new(NULL, NULL);
	EQ_INT(kabi_strace_read(ns, path), 0);
	EQ_INT(count_of(ns, NULL, "write"), 1);
	EQ_INT(count_of(ns, NULL, "ioctl"), 1);
	EQ_INT(ns->nwarnings, 0);
	kabi_needs_free(ns);
}

int main(void)
{
	char cmd[600];

	if (!mkdtemp(dir))
		return 99;
	test_quirks();
	test_long_line();
	test_live();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
	return tap_done();
}
