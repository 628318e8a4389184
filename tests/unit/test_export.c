/* Export writers on hand-built tables, the table of formats, and the site's
 * file-name rule (the catalog-driven round trips are in tests/cli). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "site.h"
#include "tap.h"

static kabi_export_row row(const char *name, int64_t nr, int64_t base, int impl, const char *added, int known)
{
	kabi_export_row r;

	memset(&r, 0, sizeof(r));
	r.name = (char *)name;
	r.nr = nr;
	r.table_nr = nr - base;
	r.entry = (char *)(impl ? "sys_x" : "");
	r.compat_entry = (char *)"";
	r.implemented = impl;
	r.added = (char *)added;
	r.added_known = known;
	return r;
}

static char *run(int (*w)(const kabi_export_table *, FILE *), const kabi_export_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	OK(w(t, f) == 0, "writer succeeds");
	fclose(f);
	return buf;
}

int main(void)
{
	kabi_export_row rows[4];
	kabi_export_table t;
	char *s;
	size_t i, j;

	/* The table of formats: every row complete, names unique, found by name. */
	OK(kabi_export_nformats >= 5, "at least the five formats of issue 5");
	for (i = 0; i < kabi_export_nformats; i++) {
		const kabi_export_format *f = &kabi_export_formats[i];

		OK(f->name && *f->name && f->ext && *f->ext && f->help && *f->help && f->write,
		   "format %zu complete", i);
		OK(kabi_export_format_find(f->name) == f, "find '%s'", f->name);
		for (j = i + 1; j < kabi_export_nformats; j++)
			OK(strcmp(f->name, kabi_export_formats[j].name) != 0, "'%s' is unique", f->name);
	}
	OK(kabi_export_format_find("yaml") == NULL, "no yaml");
	OK(kabi_export_format_find("") == NULL, "no empty name");

	/* C identifiers. */
	OK(kabi_export_is_ident("_llseek"), "_llseek");
	OK(kabi_export_is_ident("pread64"), "pread64");
	OK(!kabi_export_is_ident("64bit"), "no leading digit");
	OK(!kabi_export_is_ident("a-b"), "no dash");
	OK(!kabi_export_is_ident(""), "not empty");

	/* mips o32: numbers with the base, in the kernel's own spelling. */
	memset(&t, 0, sizeof(t));
	t.abi = (char *)"mips-o32";
	t.base = 4000;
	t.release = (char *)"v6.1";
	t.first_release = (char *)"v5.4";
	rows[0] = row("read", 4003, 4000, 1, "v5.4", 0);
	rows[1] = row("clone3", 4435, 4000, 1, "v5.3", 1);
	rows[2] = row("bad name", 4500, 4000, 1, "v6.1", 1);
	rows[3] = row("uselib", 4086, 4000, 0, "v5.4", 0);
	rows[3].removed = (char *)"v6.2";
	t.rows = rows;
	t.n = 4;
	s = run(kabi_export_c_header, &t);
	OK(strstr(s, "#ifndef KABI_SYSCALLS_MIPS_O32_H\n#define KABI_SYSCALLS_MIPS_O32_H\n") != NULL,
	   "guard");
	OK(strstr(s, "#ifndef __NR_read\n#define __NR_read (4000 + 3)\n#endif\n") != NULL, "read");
	OK(strstr(s, "/* clone3: added in v5.3 */") != NULL, "clone3 dated");
	OK(strstr(s, "/* read: present in v5.4, the oldest mips-o32 table in the catalog */") != NULL,
	   "read undated");
	OK(strstr(s, "__NR_bad") == NULL &&
		   strstr(s, "slot 500 has a name that is not a C identifier") != NULL,
	   "a name that is not an identifier is skipped, with a note");
	OK(strstr(s, "uselib: present in v5.4, the oldest mips-o32 table in the catalog; not implemented "
		     "(sys_ni_syscall); removed in v6.2") != NULL,
	   "uselib: not implemented, removed later");
	free(s);

	/* Names from refs cannot end a C comment or break an XML one. */
	t.release = (char *)"v6.1*/evil--x";
	rows[0].added = (char *)"v1*/x";
	rows[0].added_known = 1;
	t.n = 1;
	s = run(kabi_export_c_header, &t);
	OK(strstr(s, "*/evil") == NULL && strstr(s, "v1*/x") == NULL && strstr(s, "v1* /x") != NULL,
	   "comment text is defused: %s", s);
	free(s);
	s = run(kabi_export_gdb_xml, &t);
	OK(strstr(s, "evil--x") == NULL && strstr(s, "evil-_x") != NULL, "no -- in the XML comment");
	free(s);
	t.release = (char *)"v6.1";
	rows[0] = row("read", 4003, 4000, 1, "v5.4", 0);
	t.n = 4;

	/* gdb: numbers as read from the register; arm OABI gets table slots. */
	EQ_INT(kabi_export_gdb_number(&t, &rows[0]), 4003);
	t.abi = (char *)"arm-oabi";
	t.base = 0x900000;
	rows[0] = row("read", 0x900003, 0x900000, 1, "v5.4", 0);
	EQ_INT(kabi_export_gdb_number(&t, &rows[0]), 3);
	t.abi = (char *)"x32";
	rows[0] = row("read", 0x40000000, 0x40000000, 1, "v5.4", 0);
	EQ_INT(kabi_export_gdb_number(&t, &rows[0]), 0x40000000);

	/* gdb XML escapes what it must (names come from files). */
	t.abi = (char *)"x86_64";
	t.base = 0;
	rows[0] = row("a\"<b>&", 7, 0, 1, "v5.4", 0);
	t.n = 1;
	s = run(kabi_export_gdb_xml, &t);
	OK(strstr(s, "<syscall name=\"a&quot;&lt;b&gt;&amp;\" number=\"7\"/>") != NULL, "escaped: %s", s);
	free(s);

	/* gdb groups: the file and the arguments decide, the override table first. */
	{
		char g[KABI_EXPORT_GDB_GROUPS_SIZE];
		static const char *const cases[][4] = {
			{"socket", "net/socket.c", "int family, int type, int protocol", "network"},
			{"accept", "net/socket.c", "int fd, struct sockaddr __user *a, int __user *l",
			 "network"},
			{"read", "fs/read_write.c", "unsigned int fd, char __user *buf, size_t count",
			 "descriptor"},
			{"openat", "fs/open.c",
			 "int dfd, const char __user *filename, int flags, umode_t mode", "descriptor,file"},
			{"stat", "fs/stat.c", "const char __user *filename, struct stat __user *statbuf",
			 "file"},
			{"getxattr", "fs/xattr.c",
			 "const char __user *pathname, const char __user *name, void __user *value, size_t size",
			 "file"},
			{"fgetxattr", "fs/xattr.c",
			 "int fd, const char __user *name, void __user *v, size_t n", "descriptor"},
			{"poll", "fs/select.c", "struct pollfd __user *ufds, unsigned int nfds, int t",
			 "descriptor"},
			{"select", "fs/select.c", "struct sel_arg_struct __user *arg", "descriptor"},
			{"tee", "fs/splice.c", "int fdin, int fdout, size_t len, unsigned int flags",
			 "descriptor"},
			{"semop", "ipc/sem.c", "int semid, struct sembuf __user *tsops, unsigned nsops",
			 "ipc"},
			{"mq_notify", "ipc/mqueue.c", "mqd_t mqdes, const struct sigevent __user *n",
			 "descriptor"},
			{"madvise", "mm/madvise.c", "unsigned long start, size_t len_in, int behavior",
			 "memory"},
			{"readahead", "mm/readahead.c", "int fd, loff_t offset, size_t count", "descriptor"},
			{"swapon", "mm/swapfile.c", "const char __user *specialfile, int swap_flags", "file"},
			{"kill", "kernel/signal.c", "pid_t pid, int sig", "signal"},
			{"rt_sigreturn", "arch/powerpc/kernel/signal_64.c", "", "signal"},
			{"signalfd4", "fs/signalfd.c", "int ufd, sigset_t __user *m, size_t s, int flags",
			 "descriptor,signal"},
			{"wait4", "kernel/exit.c", "pid_t upid, int __user *stat_addr, int options, void *ru",
			 "process"},
			{"execve", "fs/exec.c",
			 "const char __user *filename, const char __user *const __user *argv, "
			 "const char __user *const __user *envp",
			 "file,process"},
			{"uselib", "fs/exec.c", "const char __user *library", "file"},
			{"getpid", "kernel/sys.c", "", ""},
			{"nanosleep", "kernel/time/hrtimer.c",
			 "struct __kernel_timespec __user *rqtp, void *r", ""},
			/* the override table replaces the rule */
			{"sendfile", "fs/read_write.c", "int out_fd, int in_fd, loff_t __user *o, size_t c",
			 "descriptor,network"},
			{"set_tid_address", "kernel/fork.c", "int __user *tidptr", ""},
			{"eventfd2", "fs/eventfd.c", "unsigned int count, int flags", "descriptor"},
		};

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			EQ_STR(kabi_export_gdb_groups(g, sizeof(g), cases[i][0], cases[i][1], cases[i][2]),
			       cases[i][3]);
		EQ_STR(kabi_export_gdb_groups(g, sizeof(g), "pipe", NULL, NULL), "descriptor");
		EQ_STR(kabi_export_gdb_groups(g, sizeof(g), "bind", NULL, NULL), "");
	}
	/* ... and the writer adds them (no catalog here: the override table). */
	rows[0] = row("epoll_create", 213, 0, 1, "v5.4", 0);
	s = run(kabi_export_gdb_xml, &t);
	OK(strstr(s, "<syscall name=\"epoll_create\" number=\"213\" groups=\"descriptor\"/>") != NULL,
	   "groups attribute: %s", s);
	free(s);

	/* JSON: strings escaped, empty entry points null. */
	rows[0] = row("x\"y\\z", 1, 0, 0, "v5.4", 0);
	s = run(kabi_export_json, &t);
	OK(strstr(s, "\"name\": \"x\\\"y\\\\z\", \"entry\": null") != NULL, "json escapes: %s", s);
	OK(strstr(s, "\"implemented\": false") != NULL, "json boolean");
	free(s);

	/* The site's file names: never a path. */
	OK(kabi_site_safe_name("clone3"), "clone3");
	OK(kabi_site_safe_name("v6.1-rc3"), "a release");
	OK(kabi_site_safe_name("mips-o32"), "an ABI");
	OK(!kabi_site_safe_name(""), "empty");
	OK(!kabi_site_safe_name(".."), "..");
	OK(!kabi_site_safe_name("../x"), "../x");
	OK(!kabi_site_safe_name("a/b"), "a/b");
	OK(!kabi_site_safe_name(".hidden"), ".hidden");
	OK(!kabi_site_safe_name("a..b"), "a..b");
	OK(!kabi_site_safe_name("a\\b"), "backslash");
	OK(!kabi_site_safe_name("a b"), "space");
	OK(!kabi_site_safe_name("caf\xc3\xa9"), "non-ASCII");
	{
		char longname[300];

		memset(longname, 'a', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		OK(!kabi_site_safe_name(longname), "too long");
	}
	return tap_done();
}
