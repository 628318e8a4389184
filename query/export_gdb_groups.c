/*
 * export_gdb_groups.c - gdb's syscall groups (`catch syscall group:NAME`),
 * derived from what the catalog knows of a syscall: the file of its
 * SYSCALL_DEFINE and its arguments as written.
 *
 * gdb's own groups are strace's trace classes, kept by hand in gdb's
 * linux-defaults.xml.in: descriptor (takes or makes a file descriptor),
 * file (takes a file name), ipc (SysV IPC), memory (memory mapping),
 * network, process (process lifetime), signal.  The rule, in order
 * (docs/formats.md "gdb-xml" has it with its agreement with gdb's files):
 *
 *   a name in the override table          exactly the table's groups
 *   net/...                               network
 *   ipc/... but not ipc/mqueue.c          ipc
 *   mm/... with no descriptor or file argument   memory
 *   kernel/signal.c, fs/signalfd.c,      signal
 *   an arch/ file named *signal*.c
 *   kernel/exit.c, kernel/fork.c,         process
 *   fs/exec.c with an argv argument
 *   a descriptor argument (outside net/)  descriptor
 *   fs/select.c                           descriptor
 *   a file-name argument                  file
 *
 * A descriptor argument is an integer whose name ends or starts with "fd"
 * (fd, dfd, epfd, fd_in, pidfd ...) or is "fildes", or an argument of type
 * struct pollfd, fd_set or mqd_t.  A file-name argument is a char __user *
 * whose name is one the kernel uses for paths (path_args[]).  The socket
 * calls take descriptors too, but gdb (as strace) files them under network
 * only, hence "outside net/".
 */
#include <assert.h>
#include <string.h>

#include "export.h"

enum {
	G_DESCRIPTOR = 1 << 0,
	G_FILE = 1 << 1,
	G_IPC = 1 << 2,
	G_MEMORY = 1 << 3,
	G_NETWORK = 1 << 4,
	G_PROCESS = 1 << 5,
	G_SIGNAL = 1 << 6,
};

/* By bit, in gdb's (alphabetical) order. */
static const char *const group_names[] = {"descriptor", "file",    "ipc",   "memory",
					  "network",    "process", "signal"};

/*
 * The syscalls the rule cannot see: ones that return a new descriptor
 * without taking one, ones whose file says nothing (arch wrappers, entry
 * code without a SYSCALL_DEFINE), a "name" argument that is a path, and
 * two that gdb leaves in no group although their file would put them in
 * one.  Each entry replaces the rule.
 */
static const struct {
	const char *name;
	unsigned groups;
} overrides[] = {
	// clang-format off
	/* return a new descriptor */
	{"creat",                   G_DESCRIPTOR | G_FILE},
	{"open",                    G_DESCRIPTOR | G_FILE},
	{"epoll_create",            G_DESCRIPTOR},
	{"epoll_create1",           G_DESCRIPTOR},
	{"eventfd",                 G_DESCRIPTOR},
	{"eventfd2",                G_DESCRIPTOR},
	{"fanotify_init",           G_DESCRIPTOR},
	{"fsopen",                  G_DESCRIPTOR},
	{"inotify_init",            G_DESCRIPTOR},
	{"inotify_init1",           G_DESCRIPTOR},
	{"io_uring_setup",          G_DESCRIPTOR},
	{"landlock_create_ruleset", G_DESCRIPTOR},
	{"memfd_create",            G_DESCRIPTOR | G_MEMORY},
	{"memfd_secret",            G_DESCRIPTOR | G_MEMORY},
	{"perf_event_open",         G_DESCRIPTOR},
	{"pidfd_open",              G_DESCRIPTOR},
	{"pipe",                    G_DESCRIPTOR},
	{"pipe2",                   G_DESCRIPTOR},
	{"timerfd",                 G_DESCRIPTOR},
	{"timerfd_create",          G_DESCRIPTOR},
	{"userfaultfd",             G_DESCRIPTOR},
	/* arch wrappers and entry code: the file does not tell */
	{"arch_prctl",              G_PROCESS},
	{"break",                   G_MEMORY},
	{"execv",                   G_FILE | G_PROCESS},
	{"mmap",                    G_DESCRIPTOR | G_MEMORY},
	{"mmap2",                   G_DESCRIPTOR | G_MEMORY},
	{"old_mmap",                G_DESCRIPTOR | G_MEMORY},
	{"rt_sigreturn",            G_SIGNAL},
	{"sigreturn",               G_SIGNAL},
	/* a path in an argument called "name" or "buf" */
	{"acct",                    G_FILE},
	{"getcwd",                  G_FILE},
	{"name_to_handle_at",       G_DESCRIPTOR | G_FILE},
	{"oldumount",               G_FILE},
	{"umount",                  G_FILE},
	{"umount2",                 G_FILE},
	/* in two groups by gdb's choice */
	{"rt_tgsigqueueinfo",       G_PROCESS | G_SIGNAL},
	{"sendfile",                G_DESCRIPTOR | G_NETWORK},
	{"sendfile64",              G_DESCRIPTOR | G_NETWORK},
	{"shmat",                   G_IPC | G_MEMORY},
	{"shmdt",                   G_IPC | G_MEMORY},
	/* in no group in gdb, although in kernel/signal.c and kernel/fork.c */
	{"restart_syscall",         0},
	{"set_tid_address",         0},
	// clang-format on
};

/* The names of char __user * arguments that are paths. */
static const char *const path_args[] = {
	"dev_name", "dir_name", "filename", "from_pathname", "library", "new_root",    "newname",
	"oldname",  "path",     "pathname", "put_old",       "special", "specialfile", "to_pathname",
};

static int prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int suffix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s + n - k, p, k) == 0;
}

static int is_word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 when the word w (as a whole word) is in s[0..n). */
static int has_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0 && (i == 0 || !is_word_char(s[i - 1])) &&
		    (i + k == n || !is_word_char(s[i + k])))
			return 1;
	return 0;
}

/* The groups one argument, a[0..n) as written ("unsigned int fd"), adds. */
static unsigned arg_groups(const char *a, size_t n)
{
	const char *name;
	size_t len, i;
	int pointer = memchr(a, '*', n) != NULL;

	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	len = 0;
	while (len < n && is_word_char(a[n - len - 1]))
		len++;
	name = a + n - len;
	if (len == 0 || len == n) /* no name, or a type alone ("void") */
		return 0;
	if (has_word(a, n - len, "pollfd") || has_word(a, n - len, "fd_set") || has_word(a, n - len, "mqd_t"))
		return G_DESCRIPTOR;
	if (len == 6 && memcmp(name, "fildes", 6) == 0)
		return G_DESCRIPTOR; /* dup's, and pipe's array */
	if (!pointer && (suffix(name, len, "fd") || (len >= 2 && memcmp(name, "fd", 2) == 0)))
		return G_DESCRIPTOR;
	if (pointer && has_word(a, n - len, "char") && has_word(a, n - len, "__user"))
		for (i = 0; i < sizeof(path_args) / sizeof(path_args[0]); i++)
			if (strlen(path_args[i]) == len && memcmp(name, path_args[i], len) == 0)
				return G_FILE;
	return 0;
}

/* 1 when file's last component names signals: kernel/signal.c, the
 * arch's signal.c, signal_32.c, compat_signal.c ..., fs/signalfd.c. */
static int signal_file(const char *file)
{
	const char *base = strrchr(file, '/');

	base = base ? base + 1 : file;
	return strstr(base, "signal") != NULL && suffix(base, strlen(base), ".c");
}

const char *kabi_export_gdb_groups(char *buf, size_t size, const char *name, const char *file,
				   const char *args)
{
	unsigned g = 0, a = 0;
	const char *p, *start;
	size_t i, k = 0;
	int depth = 0, argv = 0;

	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
		if (strcmp(overrides[i].name, name) == 0)
			break;
	if (i < sizeof(overrides) / sizeof(overrides[0])) {
		g = overrides[i].groups;
		goto out;
	}
	if (!file)
		goto out;
	for (p = start = args ? args : ""; args; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if ((*p == ',' && depth == 0) || *p == '\0') {
			a |= arg_groups(start, (size_t)(p - start));
			if (has_word(start, (size_t)(p - start), "argv"))
				argv = 1;
			start = p + 1;
		}
		if (*p == '\0')
			break;
	}
	if (prefix(file, "net/"))
		g |= G_NETWORK;
	if (prefix(file, "ipc/") && strcmp(file, "ipc/mqueue.c") != 0)
		g |= G_IPC;
	if (prefix(file, "mm/") && !(a & (G_DESCRIPTOR | G_FILE)))
		g |= G_MEMORY;
	if ((prefix(file, "kernel/") || prefix(file, "arch/") || prefix(file, "fs/")) && signal_file(file))
		g |= G_SIGNAL;
	if (strcmp(file, "kernel/exit.c") == 0 || strcmp(file, "kernel/fork.c") == 0 ||
	    (strcmp(file, "fs/exec.c") == 0 && argv))
		g |= G_PROCESS;
	if (((a & G_DESCRIPTOR) || strcmp(file, "fs/select.c") == 0) && !prefix(file, "net/"))
		g |= G_DESCRIPTOR;
	g |= a & G_FILE;
out:
	assert(size >= KABI_EXPORT_GDB_GROUPS_SIZE);
	(void)size;
	buf[0] = '\0';
	for (i = 0; i < sizeof(group_names) / sizeof(group_names[0]); i++)
		if (g & (1u << i)) {
			if (k)
				buf[k++] = ',';
			memcpy(buf + k, group_names[i], strlen(group_names[i]) + 1);
			k += strlen(group_names[i]);
		}
	return buf;
}
