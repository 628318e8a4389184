/*
 * kabi-gen: write a `git fast-import` stream of a linux-shaped history.
 *
 *   kabi-gen [--seed N] [--size small|medium|full] [--plan FILE]
 *            [--checkpoint N] [--resume N] | git fast-import
 *
 * The history has the shape kabi's harvester meets in linux.git: a
 * first-parent mainline from v2.6.12-rc2 to v6.19 with rc tags, topic
 * branches (short-lived ones and long-lived subsystem branches) merged into
 * it, about one merge in fifteen commits, tens of thousands of files churned
 * all over the tree, and the syscall tables of every era at their real paths
 * and in their real formats (see ../shared/docs/kernel-syscall-sources.md),
 * evolving as the kernel's did: syscalls added on topic branches (sometimes
 * the same patch on two branches), removed, made unimplemented, renamed,
 * renumbered (x32 io_setup in 3.15), entry points changed (stub_* in 4.4,
 * the __x64_ prefixes of 4.17 and their removal in 5.7) and tables moved
 * (2.6.24, 2.6.28, 3.3, 4.2, 4.10, 5.0, 6.11 ...).  Table changes land on
 * ordinary commits inside the ranges between tags, never on the "Linux X.Y"
 * commits that the tags point at.
 *
 * --checkpoint N has fast-import write out its pack, refs and marks every N
 * commits and then report "progress kabi-gen commits N" on its stdout;
 * --resume N writes nothing until commit N + 1, and then starts the first
 * commit of each existing branch from its tip's mark: a full-size
 * import that outlives its process goes on from its last checkpoint
 * (bench/run.sh; fast-import with --import-marks).  The repository is the
 * same, in more packs.
 *
 * --plan FILE writes what was planted, so tests can check a harvest against
 * the generator's own intent (tab-separated):
 *
 *   tag     <name> <mark>
 *   path    <every table path the history ever holds>
 *   event   <tag> <abi> <syscall> <kind> <old_nr|-> <new_nr|-> <fmt> <subject>
 *
 * "event" lines are the changes kabi should report on the x86 ABIs
 * (x86_64, x32, i386), at the first tag that contains them; <fmt> is "tbl"
 * where the tables are .tbl files at that tag and "header" before.  The
 * numbers are as user space passes them (x32 with 0x40000000).
 *
 * Output is a pure function of (seed, size).  The tables' state is a set
 * of applied changes, rendered by a pure function of (layout, set), so a
 * merge's tables are the render of the union of both sides.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, one stream, so the output is deterministic. */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned rn(unsigned n)
{
	return n ? (unsigned)(rnd() % n) : 0;
}

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* The history's shape: a pure function of the seed, so that a benchmark
 * over several seeds measures several shapes and nothing can be tuned to one.
 * Seed 1 is the classic shape (the one the earlier figures were measured on). */
static struct {
	int mean_topic; /* mean topic-branch (and long-branch round) length */
	int direct_pct; /* share of mainline steps that are a plain commit, not a merge */
	int long_pct;   /* share that is a round of a long-lived branch */
	int max_files;  /* files per ordinary commit: 1..max_files (0: 1-3, mostly 1) */
	int files_pct;  /* tree size, percent of the size's file count */
	int spread_pct; /* share of table changes moved from the merge window into an rc range */
	int extra_adds; /* invented syscalls added at releases drawn from the seed */
} shape = {15, 25, 20, 0, 100, 0, 0};

static void shape_of_seed(unsigned long long seed)
{
	uint64_t h = hash64(seed * 0x9e3779b97f4a7c15ULL ^ 0x5a4e);

	if (seed == 1)
		return;
	shape.mean_topic = 2 + (int)(h % 39);
	shape.direct_pct = 5 + (int)((h >> 8) % 61);
	shape.long_pct = 5 + (int)((h >> 16) % 31);
	shape.max_files = 1 + (int)((h >> 24) % 8);
	shape.files_pct = 50 + (int)((h >> 32) % 351);
	shape.spread_pct = (int)((h >> 44) % 101);
	shape.extra_adds = (int)((h >> 52) % 17);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("kabi-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ------------------------------------------------------------------ */
/* A growable text buffer. */

typedef struct {
	char *p;
	size_t len, cap;
} buf_t;

static void bgrow(buf_t *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 4096;
	b->p = realloc(b->p, b->cap);
	if (!b->p)
		die("out of memory");
}

static void bputs(buf_t *b, const char *s)
{
	size_t n = strlen(s);

	bgrow(b, n);
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

static void bprintf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf_t *b, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	bgrow(b, 256);
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		bgrow(b, (size_t)n);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, aq);
	}
	va_end(aq);
	if (n > 0)
		b->len += (size_t)n;
}

static uint64_t fnv(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3ULL;
	return h;
}

static FILE *out;

static void emit_data(const char *p, size_t n)
{
	fprintf(out, "data %zu\n", n);
	fwrite(p, 1, n, out);
	fputc('\n', out);
}

/* ------------------------------------------------------------------ */
/* Releases and tags. */

#define VK(a, b, c) ((a)*10000 + (b)*100 + (c))

typedef struct {
	int maj, min, pat, key;
	int rc_first, rc_last; /* rc tags of this release: rc_first..rc_last */
} rel_t;

static rel_t rels[128];
static int nrels;

static void add_rel(int maj, int min, int pat)
{
	rel_t *r = &rels[nrels++];

	r->maj = maj;
	r->min = min;
	r->pat = pat;
	r->key = VK(maj, min, pat);
}

static void rel_name(char *dst, size_t n, int ri, int rc)
{
	const rel_t *r = &rels[ri];
	int k;

	if (r->maj == 2)
		k = snprintf(dst, n, "v2.6.%d", r->pat);
	else
		k = snprintf(dst, n, "v%d.%d", r->maj, r->min);
	if (rc)
		snprintf(dst + k, n - (size_t)k, "-rc%d", rc);
}

static int parse_key(const char *v)
{
	int a = 0, b = 0, c = 0;

	if (sscanf(v, "%d.%d.%d", &a, &b, &c) < 2)
		die("bad version '%s'", v);
	return VK(a, b, c);
}

/* ------------------------------------------------------------------ */
/* Syscalls: the numbering namespaces, the names, and their state. */

enum {
	NS_X64,
	NS_X32,
	NS_I386,
	NS_ARM,
	NS_GEN,
	NS_PPC,
	NS_S390,
	NS_MO32,
	NS_MN32,
	NS_MN64,
	NS_SPARC,
	NS_PARISC,
	NS_ALPHA,
	NS_IA64,
	NS_M68K,
	NS_SH,
	NS_MBLAZE,
	NS_XTENSA,
	NNS
};

/* x86_64 order, roughly; the base of 2.6.12. */
static const char base_names[] =
	"read write open close stat fstat lstat poll lseek mmap mprotect munmap brk "
	"rt_sigaction rt_sigprocmask rt_sigreturn ioctl pread64 pwrite64 readv writev "
	"access pipe select sched_yield mremap msync mincore madvise shmget shmat shmctl "
	"dup dup2 pause nanosleep getitimer alarm setitimer getpid sendfile socket "
	"connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname "
	"getpeername socketpair setsockopt getsockopt clone fork vfork execve exit wait4 "
	"kill uname semget semop semctl shmdt msgget msgsnd msgrcv msgctl fcntl flock "
	"fsync fdatasync truncate ftruncate getdents getcwd chdir fchdir rename mkdir "
	"rmdir creat link unlink symlink readlink chmod fchmod chown fchown lchown umask "
	"gettimeofday getrlimit getrusage sysinfo times ptrace getuid syslog getgid "
	"setuid setgid geteuid getegid setpgid getppid getpgrp setsid setreuid setregid "
	"getgroups setgroups setresuid getresuid setresgid getresgid getpgid setfsuid "
	"setfsgid getsid capget capset rt_sigpending rt_sigtimedwait rt_sigqueueinfo "
	"rt_sigsuspend sigaltstack utime mknod uselib personality ustat statfs fstatfs "
	"sysfs getpriority setpriority sched_setparam sched_getparam sched_setscheduler "
	"sched_getscheduler sched_get_priority_max sched_get_priority_min "
	"sched_rr_get_interval mlock munlock mlockall munlockall vhangup modify_ldt "
	"pivot_root _sysctl prctl arch_prctl adjtimex setrlimit chroot sync acct "
	"settimeofday mount umount2 swapon swapoff reboot sethostname setdomainname iopl "
	"ioperm create_module init_module delete_module get_kernel_syms query_module "
	"quotactl nfsservctl getpmsg putpmsg afs_syscall tuxcall security gettid "
	"readahead setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr listxattr "
	"llistxattr flistxattr removexattr lremovexattr fremovexattr tkill time futex "
	"sched_setaffinity sched_getaffinity set_thread_area io_setup io_destroy "
	"io_getevents io_submit io_cancel get_thread_area lookup_dcookie epoll_create "
	"epoll_ctl_old epoll_wait_old remap_file_pages getdents64 set_tid_address "
	"restart_syscall semtimedop fadvise64 timer_create timer_settime timer_gettime "
	"timer_getoverrun timer_delete clock_settime clock_gettime clock_getres "
	"clock_nanosleep exit_group epoll_wait epoll_ctl tgkill utimes vserver mbind "
	"set_mempolicy get_mempolicy mq_open mq_unlink mq_timedsend mq_timedreceive "
	"mq_notify mq_getsetattr kexec_load waitid add_key request_key keyctl "
	"ioprio_set ioprio_get";

/* What the 32-bit tables have besides; not on x86_64. */
static const char old_names[] =
	"waitpid oldstat stime oldfstat break stty gtty nice ftime prof signal lock mpx "
	"ulimit oldolduname sigaction sgetmask ssetmask sigsuspend sigpending oldlstat "
	"readdir profil socketcall ipc sigreturn olduname idle vm86old _llseek "
	"_newselect vm86 mmap2 truncate64 ftruncate64 stat64 lstat64 fstat64";

/* Added later, at the release named (the kernel's own history, roughly). */
static const struct {
	const char *ver, *names;
} later[] = {
	{"2.6.13", "inotify_init inotify_add_watch inotify_rm_watch set_zone_reclaim"},
	{"2.6.16", "migrate_pages openat mkdirat mknodat fchownat futimesat newfstatat "
		   "unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat "
		   "pselect6 ppoll unshare"},
	{"2.6.17", "set_robust_list get_robust_list splice tee sync_file_range vmsplice"},
	{"2.6.18", "move_pages"},
	{"2.6.19", "getcpu epoll_pwait"},
	{"2.6.22", "utimensat signalfd timerfd eventfd"},
	{"2.6.23", "fallocate"},
	{"2.6.25", "timerfd_create timerfd_settime timerfd_gettime"},
	{"2.6.27", "signalfd4 eventfd2 epoll_create1 dup3 pipe2 inotify_init1"},
	{"2.6.28", "accept4"},
	{"2.6.30", "preadv pwritev"},
	{"2.6.31", "rt_tgsigqueueinfo perf_counter_open"},
	{"2.6.33", "recvmmsg"},
	{"2.6.36", "fanotify_init fanotify_mark prlimit64"},
	{"2.6.39", "name_to_handle_at open_by_handle_at clock_adjtime syncfs"},
	{"3.0", "sendmmsg setns"},
	{"3.2", "process_vm_readv process_vm_writev"},
	{"3.5", "kcmp"},
	{"3.8", "finit_module"},
	{"3.14", "sched_setattr sched_getattr"},
	{"3.15", "renameat2"},
	{"3.17", "seccomp getrandom memfd_create kexec_file_load"},
	{"3.18", "bpf"},
	{"3.19", "execveat"},
	{"4.3", "userfaultfd membarrier"},
	{"4.4", "mlock2"},
	{"4.5", "copy_file_range"},
	{"4.6", "preadv2 pwritev2"},
	{"4.9", "pkey_mprotect pkey_alloc pkey_free"},
	{"4.11", "statx"},
	{"4.18", "io_pgetevents rseq"},
	{"5.1", "pidfd_send_signal io_uring_setup io_uring_enter io_uring_register"},
	{"5.2", "open_tree move_mount fsopen fsconfig fsmount fspick"},
	{"5.3", "pidfd_open clone3"},
	{"5.6", "openat2 pidfd_getfd"},
	{"5.8", "faccessat2"},
	{"5.9", "close_range"},
	{"5.10", "process_madvise"},
	{"5.11", "epoll_pwait2"},
	{"5.12", "mount_setattr"},
	{"5.13", "landlock_create_ruleset landlock_add_rule landlock_restrict_self"},
	{"5.14", "memfd_secret quotactl_fd"},
	{"5.15", "process_mrelease"},
	{"5.16", "futex_waitv"},
	{"5.17", "set_mempolicy_home_node"},
	{"6.5", "cachestat"},
	{"6.6", "fchmodat2 map_shadow_stack"},
	{"6.7", "futex_wake futex_wait futex_requeue"},
	{"6.8", "statmount listmount lsm_get_self_attr lsm_set_self_attr lsm_list_modules"},
	{"6.10", "mseal"},
	{"6.11", "uretprobe"},
	{"6.13", "setxattrat getxattrat listxattrat removexattrat"},
	{"6.15", "open_tree_attr"},
	{"6.17", "file_getattr file_setattr"},
};

/* The x32 ABI's own rows, 512 up, in this order (x86_64 gets a "64" row). */
static const char x32_own[] =
	"rt_sigaction rt_sigreturn ioctl readv writev recvfrom sendmsg recvmsg execve "
	"ptrace rt_sigpending rt_sigtimedwait rt_sigqueueinfo sigaltstack timer_create "
	"mq_notify kexec_load waitid set_robust_list get_robust_list vmsplice move_pages "
	"preadv pwritev rt_tgsigqueueinfo recvmmsg sendmmsg process_vm_readv "
	"process_vm_writev setsockopt getsockopt execveat preadv2 pwritev2";
/* i386 rows with a compat entry besides those. */
static const char compat32[] = "io_setup io_submit io_getevents fcntl statfs fstatfs";
static const char x64_stub[] = "rt_sigreturn clone fork vfork execve execveat";
static const char x64_base_only[] = "arch_prctl tuxcall security epoll_ctl_old epoll_wait_old";
static const char no_entry[] = "afs_syscall tuxcall security getpmsg putpmsg vserver create_module "
			       "get_kernel_syms query_module epoll_ctl_old epoll_wait_old";
static const char arm_oabi_only[] = "time stime alarm utime socketcall ipc readdir";
static const char x64_only_add[] = "uretprobe";

enum { F_X32OWN = 1, F_STUB = 2, F_X64BASE = 4, F_NOENTRY = 8, F_OABI = 16, F_X64ONLY = 32 };

#define MAXSC 600
typedef struct {
	char name[32];
	unsigned flags;
} sc_t;

static sc_t scs[MAXSC];
static int nsc;

/* One syscall's state in a rendered history: numbers per namespace (table
 * numbers, -1 where absent), name, implemented (1), sys_ni_syscall (0) or a
 * reserved row without entry (2), entry-point style. */
typedef struct {
	int16_t nr[NNS];
	const char *name;
	uint8_t impl, stub, ptregs, x32own;
} scst_t;

static scst_t base_st[MAXSC];

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return 1;
		p += n;
	}
	return 0;
}

static int sc_find(const char *name)
{
	int i;

	for (i = 0; i < nsc; i++)
		if (strcmp(scs[i].name, name) == 0)
			return i;
	return -1;
}

static int sc_new(const char *name)
{
	sc_t *s;

	if (nsc == MAXSC)
		die("too many syscalls");
	s = &scs[nsc];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->flags = (in_list(x32_own, name) ? F_X32OWN : 0) | (in_list(x64_stub, name) ? F_STUB : 0) |
		   (in_list(x64_base_only, name) ? F_X64BASE : 0) |
		   (in_list(no_entry, name) ? F_NOENTRY : 0) | (in_list(arm_oabi_only, name) ? F_OABI : 0) |
		   (in_list(x64_only_add, name) ? F_X64ONLY : 0);
	/* Absent everywhere until a change adds it (the base sets numbers). */
	for (int ns = 0; ns < NNS; ns++)
		base_st[nsc].nr[ns] = -1;
	base_st[nsc].name = s->name;
	base_st[nsc].impl = (s->flags & F_NOENTRY) ? 2 : 1;
	base_st[nsc].stub = (s->flags & F_STUB) != 0;
	base_st[nsc].x32own = (s->flags & F_X32OWN) != 0;
	return nsc++;
}

/* Copies the next space-separated word of *p into w (40 bytes); 0 at the end. */
static int next_word(const char **p, char *w)
{
	size_t n;

	while (**p == ' ')
		(*p)++;
	n = strcspn(*p, " ");
	if (!n)
		return 0;
	if (n > 39)
		die("word too long");
	memcpy(w, *p, n);
	w[n] = 0;
	*p += n;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Changes: the plan of how the tables evolve. */

enum { C_ADD, C_REMOVE, C_UNIMPL, C_RENAME, C_ENTRY, C_X32RENUM };

typedef struct {
	int kind, sc, rel, phase, dup;
	int16_t nr[NNS];
	const char *newname;
	char subject[128];
	int merged; /* merged into mainline */
	char *plan; /* plan lines waiting for the next tag */
} change_t;

#define MAXCH 1024
#define SETW  (MAXCH / 64)
static change_t chs[MAXCH];
static int nch;

typedef struct {
	uint64_t w[SETW];
} set_t;

static void set_add(set_t *s, int i)
{
	s->w[i / 64] |= 1ULL << (i % 64);
}

static int set_has(const set_t *s, int i)
{
	return (s->w[i / 64] >> (i % 64)) & 1;
}

static void set_union(set_t *d, const set_t *s)
{
	int i;

	for (i = 0; i < SETW; i++)
		d->w[i] |= s->w[i];
}

static int set_eq(const set_t *a, const set_t *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static void apply(scst_t *st, const change_t *c)
{
	scst_t *s = &st[c->sc];
	int i;

	switch (c->kind) {
	case C_ADD:
		memcpy(s->nr, c->nr, sizeof(s->nr));
		s->name = scs[c->sc].name;
		s->impl = 1;
		s->stub = (scs[c->sc].flags & F_STUB) != 0;
		s->x32own = (scs[c->sc].flags & F_X32OWN) != 0;
		break;
	case C_REMOVE:
		for (i = 0; i < NNS; i++)
			s->nr[i] = -1;
		break;
	case C_UNIMPL: s->impl = 0; break;
	case C_RENAME: s->name = c->newname; break;
	case C_ENTRY:
		s->stub = 0;
		s->ptregs = 1;
		break;
	case C_X32RENUM:
		s->nr[NS_X32] = c->nr[NS_X32];
		s->x32own = 1;
		break;
	}
}

static void state_of(scst_t *st, const set_t *set)
{
	int i;

	memcpy(st, base_st, sizeof(scst_t) * (size_t)nsc);
	for (i = 0; i < nch; i++)
		if (set_has(set, i))
			apply(st, &chs[i]);
}

static int16_t next_nr[NNS];

static int skip_slot(int ns, int nr)
{
	return nr > 8 && hash64((uint64_t)ns * 1000 + (uint64_t)nr) % 41 == 0;
}

static int16_t take_nr(int ns)
{
	while (skip_slot(ns, next_nr[ns]))
		next_nr[ns]++;
	return next_nr[ns]++;
}

static change_t *new_change(int kind, const char *name, int rel, int phase)
{
	change_t *c;
	int i;

	if (nch == MAXCH)
		die("too many changes");
	c = &chs[nch++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->sc = sc_find(name);
	if (c->sc < 0)
		die("no syscall '%s'", name);
	c->rel = rel;
	c->phase = phase;
	for (i = 0; i < NNS; i++)
		c->nr[i] = -1;
	return c;
}

static uint64_t extra_seed;

static void plan_changes(void)
{
	static int gen_nr = 424, x32_nr = 512;
	static const struct {
		const char *ver;
		int kind, phase;
		const char *names, *arg;
	} special[] = {
		{"2.6.16", C_REMOVE, 0, "set_zone_reclaim", NULL},
		{"2.6.25", C_REMOVE, 0, "timerfd", NULL},
		{"2.6.32", C_RENAME, 0, "perf_counter_open", "perf_event_open"},
		{"3.1", C_UNIMPL, 0, "nfsservctl", NULL},
		{"3.15", C_X32RENUM, 3, "io_setup io_submit", NULL},
		{"4.1", C_REMOVE, 0, "tuxcall", NULL},
		{"4.4", C_ENTRY, 0, "rt_sigreturn clone fork vfork execve execveat", NULL},
		{"5.3", C_REMOVE, 0, "security", NULL},
		{"5.9", C_UNIMPL, 0, "_sysctl", NULL},
		{"6.7", C_UNIMPL, 0, "lookup_dcookie", NULL},
	};
	size_t li, si;
	int ri, ns, n;
	char w[40];

	/* The base: every namespace numbers its names in order, with holes. */
	memset(next_nr, 0, sizeof(next_nr));
	for (const char *p = base_names; next_word(&p, w);)
		sc_new(w);
	n = nsc;
	for (const char *p = old_names; next_word(&p, w);)
		sc_new(w);
	/* 32-bit tables start with the old calls spread among the others. */
	for (ns = 0; ns < NNS; ns++) {
		int oi = n, bi = 0, cnt = 0;

		if (ns == NS_X32)
			continue;
		while (bi < n || (ns != NS_X64 && oi < nsc)) {
			int i;

			if (ns != NS_X64 && oi < nsc && (bi >= n || cnt++ % 7 == 3))
				i = oi++;
			else
				i = bi++;
			if (ns != NS_X64 && (scs[i].flags & F_X64BASE))
				continue;
			base_st[i].nr[ns] = take_nr(ns);
		}
	}
	for (int i = 0; i < nsc; i++)
		if (scs[i].flags & F_X32OWN)
			base_st[i].nr[NS_X32] = (int16_t)x32_nr++;

	for (ri = 1; ri < nrels; ri++) {
		int key = rels[ri].key;

		for (li = 0; li < sizeof(later) / sizeof(later[0]); li++) {
			if (parse_key(later[li].ver) != key)
				continue;
			for (const char *p = later[li].names; next_word(&p, w);) {
				int sc = sc_new(w);
				change_t *c = new_change(C_ADD, w, ri, 0);

				for (ns = 0; ns < NNS; ns++) {
					if (ns == NS_X32)
						continue;
					if ((scs[sc].flags & F_X64ONLY) && ns != NS_X64)
						continue;
					if (key >= VK(5, 1, 0) && !(scs[sc].flags & F_X64ONLY))
						c->nr[ns] = (int16_t)(gen_nr + (ns == NS_ALPHA ? 110 : 0));
					else
						c->nr[ns] = take_nr(ns);
				}
				if (key >= VK(5, 1, 0) && !(scs[sc].flags & F_X64ONLY))
					gen_nr++;
				if (scs[sc].flags & F_X32OWN)
					c->nr[NS_X32] = (int16_t)x32_nr++;
				snprintf(c->subject, sizeof(c->subject),
					 "syscalls: wire up the %s system call", w);
				/* One add in eight is the same patch applied on two branches. */
				c->dup = rn(8) == 0;
				if (shape.spread_pct && (int)rn(100) < shape.spread_pct)
					c->phase =
						1 +
						(int)rn((unsigned)(rels[ri].rc_last - rels[ri].rc_first + 1));
			}
		}
		for (int xi = 0; xi < shape.extra_adds; xi++) {
			uint64_t h = hash64(extra_seed + (uint64_t)xi);
			int sc;
			change_t *c;

			if (1 + (int)(h % (uint64_t)(nrels - 1)) != ri)
				continue;
			snprintf(w, sizeof(w), "kabi_extra%d", xi);
			sc = sc_new(w);
			c = new_change(C_ADD, w, ri, (int)((h >> 32) % 3));
			for (ns = 0; ns < NNS; ns++) {
				if (ns == NS_X32)
					continue;
				if (key >= VK(5, 1, 0))
					c->nr[ns] = (int16_t)(gen_nr + (ns == NS_ALPHA ? 110 : 0));
				else
					c->nr[ns] = take_nr(ns);
			}
			if (key >= VK(5, 1, 0))
				gen_nr++;
			(void)sc;
			snprintf(c->subject, sizeof(c->subject), "syscalls: wire up the %s system call", w);
		}
		for (si = 0; si < sizeof(special) / sizeof(special[0]); si++) {
			if (parse_key(special[si].ver) != key)
				continue;
			for (const char *p = special[si].names; next_word(&p, w);) {
				change_t *c = new_change(special[si].kind, w, ri, special[si].phase);

				switch (c->kind) {
				case C_REMOVE:
					snprintf(c->subject, sizeof(c->subject), "syscalls: remove %s", w);
					break;
				case C_UNIMPL:
					snprintf(c->subject, sizeof(c->subject),
						 "%s: remove the implementation, keep the slot", w);
					break;
				case C_RENAME:
					c->newname = special[si].arg;
					snprintf(c->subject, sizeof(c->subject), "perf: rename %s to %s", w,
						 c->newname);
					break;
				case C_ENTRY:
					snprintf(c->subject, sizeof(c->subject),
						 "x86/entry/64: call sys_%s directly, drop stub_%s", w, w);
					break;
				case C_X32RENUM:
					c->nr[NS_X32] = (int16_t)x32_nr++;
					snprintf(c->subject, sizeof(c->subject),
						 "x86, x32: use compat shims for %s", w);
					break;
				}
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Rendering the tables of one layout from a state. */

typedef struct {
	char path[96];
	int mode; /* 0100644 or 0120000 */
	buf_t body;
	uint64_t hash;
} tfile_t;

#define MAXTF 64
static tfile_t tf[MAXTF];
static int ntf;

/* Every table path ever rendered, for the plan and the git log reference. */
static char all_paths[256][96];
static int nall_paths;

static buf_t *tf_open(const char *path, int mode)
{
	tfile_t *f;
	int i;

	if (ntf == MAXTF)
		die("too many table files");
	f = &tf[ntf++];
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->mode = mode;
	f->body.len = 0;
	bgrow(&f->body, 0);
	f->body.p[0] = 0;
	for (i = 0; i < nall_paths; i++)
		if (strcmp(all_paths[i], path) == 0)
			break;
	if (i == nall_paths && nall_paths < 256)
		snprintf(all_paths[nall_paths++], sizeof(all_paths[0]), "%s", path);
	return &f->body;
}

/* Rows of one namespace sorted by number. */
static int order[MAXSC];
static const scst_t *sort_st;
static int sort_ns;

static int cmp_nr(const void *a, const void *b)
{
	return sort_st[*(const int *)a].nr[sort_ns] - sort_st[*(const int *)b].nr[sort_ns];
}

static int rows(const scst_t *st, int ns)
{
	int i, n = 0;

	for (i = 0; i < nsc; i++)
		if (st[i].nr[ns] >= 0)
			order[n++] = i;
	sort_st = st;
	sort_ns = ns;
	qsort(order, (size_t)n, sizeof(int), cmp_nr);
	return n;
}

static int last_nr(const scst_t *st, int n, int ns)
{
	return n ? st[order[n - 1]].nr[ns] : -1;
}

static void entry_of(char *dst, size_t n, const scst_t *s)
{
	if (s->impl == 0)
		snprintf(dst, n, "sys_ni_syscall");
	else if (s->impl == 2)
		dst[0] = 0;
	else
		snprintf(dst, n, "sys_%s", s->name);
}

static const char spdx_h[] = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n";

/* "#define __NR_x N" headers; style: 0 plain, 1 with __SYSCALL lines,
 * 2 (__NR_SYSCALL_BASE+N), 3 (__NR_Linux + N), 4 absolute from 1024. */
static void header_block(buf_t *b, const scst_t *st, int ns, int style, const char *base)
{
	int i, n = rows(st, ns);
	char e[64];

	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];

		switch (style) {
		case 0: bprintf(b, "#define __NR_%-24s %d\n", s->name, s->nr[ns]); break;
		case 1:
			if (ns == NS_ARM && (scs[order[i]].flags & F_OABI))
				break; /* arm64's compat table has no OABI-only calls */
			entry_of(e, sizeof(e), s);
			if (ns == NS_X64 && s->impl == 1 && s->stub)
				snprintf(e, sizeof(e), "stub_%s", s->name);
			bprintf(b, "#define __NR_%-24s %d\n__SYSCALL(__NR_%s, %s)\n", s->name, s->nr[ns],
				s->name, e[0] ? e : "sys_ni_syscall");
			break;
		case 2: bprintf(b, "#define __NR_%-24s (%s+%3d)\n", s->name, base, s->nr[ns]); break;
		case 3: bprintf(b, "#define __NR_%-24s (%s + %d)\n", s->name, base, s->nr[ns]); break;
		case 4: bprintf(b, "#define __NR_%-24s %d\n", s->name, 1024 + s->nr[ns]); break;
		}
	}
	if (style == 3)
		bprintf(b, "\n#define __NR_%s_syscalls %d\n", base, last_nr(st, n, ns) + 1);
	else
		bprintf(b, "\n#define NR_syscalls %d\n", last_nr(st, n, ns) + 1);
}

static void header(const char *path, const scst_t *st, int ns, int style, const char *guard)
{
	buf_t *b = tf_open(path, 0100644);

	bprintf(b, "%s#ifndef %s\n#define %s\n\n/*\n * This file contains the system call numbers.\n */\n\n",
		spdx_h, guard, guard);
	if (style == 2)
		bputs(b, "#define __NR_OABI_SYSCALL_BASE\t0x900000\n\n"
			 "#if defined(__thumb__) || defined(__ARM_EABI__)\n#define __NR_SYSCALL_BASE\t0\n"
			 "#else\n#define __NR_SYSCALL_BASE\t__NR_OABI_SYSCALL_BASE\n#endif\n\n");
	if (style == 3)
		bputs(b, "#define __NR_Linux\t0\n\n");
	header_block(b, st, ns, style, style == 2 ? "__NR_SYSCALL_BASE" : "__NR_Linux");
	bprintf(b, "\n#endif /* %s */\n", guard);
}

/* Positional entry tables of the header era: slot i is number i, holes
 * are sys_ni_syscall.  kind 0: i386 ".long" table; 1: ia32 compat ".quad"
 * table; 2: arm calls.S with CALL() and OBSOLETE() for OABI-only calls. */
static void entry_table(const char *path, const scst_t *st, int ns, int kind)
{
	static const char *const head[] = {
		"#include <linux/linkage.h>\n\n.section .rodata,\"a\"\nENTRY(sys_call_table)\n",
		"#include <asm/dwarf2.h>\n\n\t.section .rodata,\"a\"\n\t.align 8\nia32_sys_call_table:\n",
		"/*\n *  linux/arch/arm/kernel/calls.S\n *\n *  This file is included thrice in entry-common.S\n */\n",
	};
	buf_t *b = tf_open(path, 0100644);
	int i, n = rows(st, ns), at = 0;
	char e[64];

	bputs(b, head[kind]);
	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];
		int oabi = kind == 2 && (scs[order[i]].flags & F_OABI);

		for (; at <= s->nr[ns]; at++) {
			if (at < s->nr[ns] || s->impl != 1)
				snprintf(e, sizeof(e), "sys_ni_syscall");
			else if (kind == 1 &&
				 ((scs[order[i]].flags & F_X32OWN) || in_list(compat32, s->name)))
				snprintf(e, sizeof(e), "compat_sys_%s", s->name);
			else
				snprintf(e, sizeof(e), "sys_%s", s->name);
			if (kind == 2) {
				const char *o = oabi && at == s->nr[ns] ? "OBSOLETE(" : "";

				if (at % 5 == 0)
					bprintf(b, "/* %3d */", at);
				bprintf(b, "\t\tCALL(%s%s%s)\n", o, e, o[0] ? ")" : "");
			} else if (at % 5 == 0)
				bprintf(b, "\t%s %s\t/* %d */\n", kind ? ".quad" : ".long", e, at);
			else
				bprintf(b, "\t%s %s\n", kind ? ".quad" : ".long", e);
		}
	}
	if (kind == 1)
		bputs(b, "ia32_syscall_end:\n");
}

static void mips_header(const char *path, const scst_t *st)
{
	static const struct {
		const char *sim, *base;
		int ns, off;
	} blk[] = {
		{"_MIPS_SIM_ABI32", "__NR_O32_Linux", NS_MO32, 4000},
		{"_MIPS_SIM_ABI64", "__NR_64_Linux", NS_MN64, 5000},
		{"_MIPS_SIM_NABI32", "__NR_N32_Linux", NS_MN32, 6000},
	};
	buf_t *b = tf_open(path, 0100644);
	size_t i;

	bprintf(b, "%s#ifndef _ASM_UNISTD_H\n#define _ASM_UNISTD_H\n\n#include <asm/sgidefs.h>\n", spdx_h);
	for (i = 0; i < 3; i++) {
		bprintf(b,
			"\n#if _MIPS_SIM == %s\n\n/*\n * Linux o32 style syscalls are in the range from %d to %d.\n */\n"
			"#define __NR_Linux\t\t\t%d\n",
			blk[i].sim, blk[i].off, blk[i].off + 999, blk[i].off);
		header_block(b, st, blk[i].ns, 3, "__NR_Linux");
		bprintf(b, "\n#endif /* _MIPS_SIM == %s */\n", blk[i].sim);
	}
	bputs(b, "\n#endif /* _ASM_UNISTD_H */\n");
}

/* x86 .tbl files. key: the layout's release key. */
static void x86_tbl(const char *dir, const scst_t *st, int key)
{
	char p[96], e[64], e2[80];
	int prefix = key >= VK(4, 17, 0) && key < VK(5, 7, 0);
	int x32 = key >= VK(3, 4, 0);
	int i, n, gap = 0;
	buf_t *b;

	snprintf(p, sizeof(p), "%s/syscall_32.tbl", dir);
	b = tf_open(p, 0100644);
	bputs(b, "#\n# 32-bit system call numbers and entry vectors\n#\n"
		 "# The format is:\n# <number> <abi> <name> <entry point> <compat entry point>\n#\n"
		 "# The abi is always \"i386\" for this file.\n#\n");
	n = rows(st, NS_I386);
	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];

		entry_of(e, sizeof(e), s);
		bprintf(b, "%d\ti386\t%-24s", s->nr[NS_I386], s->name);
		if (!e[0]) {
			bputs(b, "\n");
			continue;
		}
		if (s->impl == 1 && ((scs[order[i]].flags & F_X32OWN) || in_list(compat32, s->name)))
			snprintf(e2, sizeof(e2), prefix ? "__ia32_compat_sys_%s" : "compat_sys_%s", s->name);
		else if (prefix && s->impl == 1)
			snprintf(e2, sizeof(e2), "__ia32_sys_%s", s->name);
		else
			e2[0] = 0;
		bprintf(b, "\t%s%s%s\n", e, e2[0] ? "\t\t\t" : "", e2);
	}

	snprintf(p, sizeof(p), "%s/syscall_64.tbl", dir);
	b = tf_open(p, 0100644);
	bputs(b, "#\n# 64-bit system call numbers and entry vectors\n#\n"
		 "# The format is:\n# <number> <abi> <name> <entry point>\n#\n");
	if (key >= VK(5, 7, 0))
		bputs(b, "# The __x64_sys_*() stubs are created on-the-fly for sys_*() system calls\n#\n");
	bputs(b, x32 ? "# The abi is \"common\", \"64\" or \"x32\" for this file.\n#\n"
		     : "# The abi is always \"64\" for this file (for now).\n#\n");
	n = rows(st, NS_X64);
	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];
		const char *abi = !x32 || s->x32own || (scs[order[i]].flags & F_X64ONLY) ? "64" : "common";

		entry_of(e, sizeof(e), s);
		if (s->impl == 1 && s->stub)
			snprintf(e, sizeof(e), "stub_%s", s->name);
		if (!gap && s->nr[NS_X64] >= 424 && key >= VK(5, 1, 0) && (gap = 1))
			bputs(b, "\n#\n# don't use numbers 387 through 423, add new calls after the last\n"
				 "# 'common' entry\n#\n");
		bprintf(b, "%d\t%s\t%-24s", s->nr[NS_X64], abi, s->name);
		if (e[0])
			bprintf(b, "\t%s%s%s", prefix && s->impl == 1 ? "__x64_" : "", e,
				s->ptregs && key < VK(5, 7, 0) ? "/ptregs" : "");
		bputs(b, "\n");
	}
	if (!x32)
		return;
	bputs(b, "\n#\n# Due to a historical design error, certain syscalls are numbered differently\n"
		 "# in x32 as compared to native x86_64.  These syscalls have numbers 512-547.\n#\n");
	n = rows(st, NS_X32);
	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];

		if (!s->x32own || s->nr[NS_X64] < 0)
			continue;
		bprintf(b, "%d\tx32\t%-24s\t%scompat_sys_%s\n", s->nr[NS_X32], s->name,
			prefix ? "__x32_" : "", s->name);
	}
}

/* Generic .tbl: "nr abi name entry [compat]" with one ABI word per row. */
static void tbl(const char *path, const scst_t *st, int ns, const char *abi, int style)
{
	buf_t *b = tf_open(path, 0100644);
	char e[64];
	int i, n;

	bprintf(b,
		"# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note\n#\n"
		"# system call numbers and entry vectors for %s\n#\n"
		"# The format is:\n# <number> <abi> <name> <entry point>%s\n#\n",
		path, style ? " <compat entry point>" : "");
	n = rows(st, ns);
	for (i = 0; i < n; i++) {
		const scst_t *s = &st[order[i]];
		const char *a = abi;

		entry_of(e, sizeof(e), s);
		if (ns == NS_ARM && (scs[order[i]].flags & F_OABI))
			a = "oabi";
		if (ns == NS_GEN && strcmp(s->name, "renameat") == 0)
			a = "renameat";
		if (ns == NS_GEN && (strcmp(s->name, "getrlimit") == 0 || strcmp(s->name, "setrlimit") == 0))
			a = "rlimit";
		if (ns == NS_GEN && strcmp(s->name, "memfd_secret") == 0)
			a = "memfd_secret";
		bprintf(b, "%d\t%s\t%-24s", s->nr[ns], a, s->name);
		if (e[0])
			bprintf(b, "\t%s", e);
		if (e[0] && style == 1 && s->impl == 1)
			bprintf(b, "\t\t\tsys_%s", s->name); /* s390's 64-bit and compat entries */
		bputs(b, "\n");
	}
}

/* Where each ordinary architecture keeps its header at a release. */
static void arch_header(char *dst, size_t n, const char *arch, const char *old, int key, int moved)
{
	if (key < moved)
		snprintf(dst, n, "include/asm-%s/unistd.h", old);
	else if (key < VK(3, 7, 0))
		snprintf(dst, n, "arch/%s/include/asm/unistd.h", arch);
	else
		snprintf(dst, n, "arch/%s/include/uapi/asm/unistd.h", arch);
}

/* The small size (for tests) leaves out the architectures whose tables
 * only repeat what x86, arm, mips and asm-generic already exercise. */
static int few_arches;

/* Renders every table file of the layout `key` for the state of `set`. */
static void render(int key, const set_t *set)
{
	static scst_t st[MAXSC];
	static const struct {
		const char *arch, *old;
		int ns, moved, tbl_at, first, gone, style;
		const char *tblabi;
	} archs[] = {
		{"powerpc", "powerpc", NS_PPC, VK(2, 6, 27), VK(5, 0, 0), 0, 0, 0, "common"},
		{"s390", "s390", NS_S390, VK(2, 6, 28), VK(4, 16, 0), 0, 0, 0, "common"},
		{"sparc", "sparc", NS_SPARC, VK(2, 6, 28), VK(5, 0, 0), 0, 0, 0, "common"},
		{"parisc", "parisc", NS_PARISC, VK(2, 6, 28), VK(5, 0, 0), 0, 0, 3, "common"},
		{"alpha", "alpha", NS_ALPHA, VK(2, 6, 28), VK(5, 0, 0), 0, 0, 0, "common"},
		{"ia64", "ia64", NS_IA64, VK(2, 6, 28), VK(5, 0, 0), 0, VK(6, 7, 0), 4, "common"},
		{"m68k", "m68k", NS_M68K, VK(2, 6, 28), VK(5, 0, 0), 0, 0, 0, "common"},
		{"sh", "sh", NS_SH, VK(2, 6, 28), VK(5, 0, 0), 0, 0, 0, "common"},
		{"microblaze", "microblaze", NS_MBLAZE, 0, VK(5, 0, 0), VK(2, 6, 30), 0, 0, "common"},
		{"xtensa", "xtensa", NS_XTENSA, VK(2, 6, 29), VK(5, 0, 0), 0, 0, 0, "common"},
	};
	static const struct {
		const char *arch, *text;
		int first;
	} gen_archs[] = {
		{"arm64",
		 "syscall_abis_64 += renameat newstat rlimit memfd_secret\n\n"
		 "syscalltbl = arch/arm64/tools/syscall_%.tbl\n",
		 VK(3, 7, 0)},
		{"riscv",
		 "syscall_abis_32 += riscv memfd_secret\nsyscall_abis_64 += riscv newstat rlimit memfd_secret\n",
		 VK(4, 15, 0)},
		{"loongarch", "# No special ABIs on loongarch so far\nsyscall_abis_64 +=\n", VK(5, 19, 0)},
		{"csky", "syscall_abis_32 += csky time32 stat64 rlimit\n", VK(4, 20, 0)},
		{"openrisc", "syscall_abis_32 += or1k time32 stat64 rlimit renameat\n", VK(3, 1, 0)},
		{"nios2", "syscall_abis_32 += nios2 time32 stat64 renameat rlimit\n", VK(3, 19, 0)},
		{"hexagon", "syscall_abis_32 += hexagon time32 stat64 rlimit renameat\n", VK(3, 2, 0)},
		{"arc", "syscall_abis_32 += arc time32 renameat stat64 rlimit\n", VK(3, 9, 0)},
	};
	char p[96];
	size_t i;

	state_of(st, set);
	ntf = 0;

	/* x86: numbers in headers (entry points in the .S tables), then .tbl */
	if (key < VK(2, 6, 24)) {
		header("include/asm-i386/unistd.h", st, NS_I386, 0, "_ASM_I386_UNISTD_H_");
		header("include/asm-x86_64/unistd.h", st, NS_X64, 1, "_ASM_X86_64_UNISTD_H_");
		entry_table("arch/i386/kernel/syscall_table.S", st, NS_I386, 0);
		entry_table("arch/x86_64/ia32/ia32entry.S", st, NS_I386, 1);
	} else if (key < VK(3, 3, 0)) {
		if (key < VK(2, 6, 28)) {
			header("include/asm-x86/unistd_32.h", st, NS_I386, 0, "_ASM_X86_UNISTD_32_H");
			header("include/asm-x86/unistd_64.h", st, NS_X64, 1, "_ASM_X86_UNISTD_64_H");
		} else {
			header("arch/x86/include/asm/unistd_32.h", st, NS_I386, 0, "_ASM_X86_UNISTD_32_H");
			header("arch/x86/include/asm/unistd_64.h", st, NS_X64, 1, "_ASM_X86_UNISTD_64_H");
		}
		entry_table("arch/x86/kernel/syscall_table_32.S", st, NS_I386, 0);
		entry_table("arch/x86/ia32/ia32entry.S", st, NS_I386, 1);
	} else {
		x86_tbl(key < VK(4, 2, 0) ? "arch/x86/syscalls" : "arch/x86/entry/syscalls", st, key);
	}

	/* arm */
	if (key < VK(4, 10, 0)) {
		arch_header(p, sizeof(p), "arm", "arm", key, VK(2, 6, 27));
		header(p, st, NS_ARM, 2, "__ASM_ARM_UNISTD_H");
		entry_table("arch/arm/kernel/calls.S", st, NS_ARM, 2);
	} else {
		tbl("arch/arm/tools/syscall.tbl", st, NS_ARM, "common", 0);
	}

	/* asm-generic, arm64 */
	if (key >= VK(2, 6, 31))
		header(key < VK(3, 7, 0) ? "include/asm-generic/unistd.h"
					 : "include/uapi/asm-generic/unistd.h",
		       st, NS_GEN, 1, "_ASM_GENERIC_UNISTD_H");
	if (key >= VK(3, 7, 0) && key < VK(6, 11, 0))
		header("arch/arm64/include/asm/unistd32.h", st, NS_ARM, 1, "__ASM_ARM64_UNISTD32_H");
	if (key >= VK(6, 11, 0)) {
		buf_t *b;

		tbl("scripts/syscall.tbl", st, NS_GEN, "common", 0);
		tbl("arch/arm64/tools/syscall_32.tbl", st, NS_ARM, "common", 0);
		b = tf_open("arch/arm64/tools/syscall_64.tbl", 0120000);
		bputs(b, "../../../scripts/syscall.tbl");
		for (i = 0; i < sizeof(gen_archs) / sizeof(gen_archs[0]); i++) {
			snprintf(p, sizeof(p), "arch/%s/kernel/Makefile.syscalls", gen_archs[i].arch);
			b = tf_open(p, 0100644);
			bprintf(b, "# SPDX-License-Identifier: GPL-2.0\n\n%s", gen_archs[i].text);
		}
	}

	/* mips */
	if (key < VK(5, 0, 0)) {
		arch_header(p, sizeof(p), "mips", "mips", key, VK(2, 6, 28));
		mips_header(p, st);
	} else {
		tbl("arch/mips/kernel/syscalls/syscall_o32.tbl", st, NS_MO32, "o32", 0);
		tbl("arch/mips/kernel/syscalls/syscall_n32.tbl", st, NS_MN32, "n32", 0);
		tbl("arch/mips/kernel/syscalls/syscall_n64.tbl", st, NS_MN64, "n64", 0);
	}

	/* the rest */
	for (i = 0; !few_arches && i < sizeof(archs) / sizeof(archs[0]); i++) {
		if (key < archs[i].first || (archs[i].gone && key >= archs[i].gone))
			continue;
		if (key < archs[i].tbl_at) {
			char guard[64];

			snprintf(guard, sizeof(guard), "_ASM_%s_UNISTD_H", archs[i].arch);
			if (archs[i].ns == NS_PPC && key < VK(2, 6, 15)) {
				header("include/asm-ppc/unistd.h", st, NS_PPC, 0, guard);
				header("include/asm-ppc64/unistd.h", st, NS_PPC, 0, guard);
				continue;
			}
			if (archs[i].ns == NS_SPARC && key < VK(2, 6, 28)) {
				header("include/asm-sparc/unistd.h", st, NS_SPARC, 0, guard);
				header("include/asm-sparc64/unistd.h", st, NS_SPARC, 0, guard);
				continue;
			}
			arch_header(p, sizeof(p), archs[i].arch, archs[i].old, key, archs[i].moved);
			header(p, st, archs[i].ns, archs[i].style, guard);
		} else {
			snprintf(p, sizeof(p), "arch/%s/kernel/syscalls/syscall.tbl", archs[i].arch);
			tbl(p, st, archs[i].ns, archs[i].tblabi, archs[i].ns == NS_S390);
		}
	}
	for (int k = 0; k < ntf; k++)
		tf[k].hash = fnv(tf[k].body.p, tf[k].body.len) ^ (uint64_t)tf[k].mode;
}

/* ------------------------------------------------------------------ */
/* Table maps: what a branch's tree holds at the table paths. */

typedef struct {
	int n;
	struct {
		char path[96];
		uint64_t hash;
	} e[MAXTF];
} tmap_t;

static void tmap_from_render(tmap_t *m)
{
	int i;

	m->n = ntf;
	for (i = 0; i < ntf; i++) {
		memcpy(m->e[i].path, tf[i].path, sizeof(m->e[i].path));
		m->e[i].hash = tf[i].hash;
	}
}

/* Table blobs are written once, as marks: a change's tables are the same
 * on its topic branch and at its merge. */
#define BLOBS (1 << 18)
static struct {
	uint64_t hash;
	unsigned mark;
} blobs[BLOBS];
static unsigned mark_next = 1;

static unsigned *blob_slot(uint64_t h)
{
	size_t i = (size_t)(h % BLOBS);

	while (blobs[i].mark && blobs[i].hash != h)
		i = (i + 1) % BLOBS;
	blobs[i].hash = h;
	return &blobs[i].mark;
}

/* Writes the blobs of the current render that the stream lacks; call it
 * before the commit that uses them. */
static void emit_blobs(void)
{
	int j;

	for (j = 0; j < ntf; j++) {
		unsigned *m = blob_slot(tf[j].hash);

		if (*m)
			continue;
		*m = mark_next++;
		fprintf(out, "blob\nmark :%u\n", *m);
		emit_data(tf[j].body.p, tf[j].body.len);
	}
}

/* Emits M/D commands turning the tree described by *old into the current
 * render; returns how many.  *old becomes the render. */
static int emit_table_diff(tmap_t *old)
{
	int i, j, n = 0;

	for (i = 0; i < old->n; i++) {
		for (j = 0; j < ntf; j++)
			if (strcmp(old->e[i].path, tf[j].path) == 0)
				break;
		if (j == ntf) {
			fprintf(out, "D %s\n", old->e[i].path);
			n++;
		}
	}
	for (j = 0; j < ntf; j++) {
		for (i = 0; i < old->n; i++)
			if (strcmp(old->e[i].path, tf[j].path) == 0)
				break;
		if (i < old->n && old->e[i].hash == tf[j].hash)
			continue;
		fprintf(out, "M %o :%u %s\n", tf[j].mode, *blob_slot(tf[j].hash), tf[j].path);
		n++;
	}
	tmap_from_render(old);
	return n;
}

/* ------------------------------------------------------------------ */
/* The churned files elsewhere in the tree. */

static const char *const tops[] = {
	"drivers",       "drivers", "drivers", "drivers", "drivers",       "drivers", "drivers", "drivers",
	"drivers",       "fs",      "fs",      "net",     "net",           "sound",   "arch",    "arch",
	"include/linux", "kernel",  "mm",      "tools",   "Documentation", "lib",     "crypto",  "security",
	"block",
};
static const char *const dirs[] = {
	"net",      "gpu",       "usb",        "scsi",  "media",      "staging", "platform", "input",
	"pci",      "acpi",      "ata",        "block", "char",       "clk",     "dma",      "firmware",
	"hid",      "hwmon",     "i2c",        "iio",   "infiniband", "irqchip", "leds",     "md",
	"mfd",      "misc",      "mmc",        "mtd",   "nvme",       "phy",     "pinctrl",  "power",
	"pwm",      "regulator", "remoteproc", "rtc",   "spi",        "thermal", "tty",      "video",
	"watchdog", "xen",       "bluetooth",  "core",  "ext4",       "btrfs",   "xfs",      "nfs",
	"ipv4",     "ipv6",      "sched",      "trace", "bpf",
};
static const char *const arch_dirs[] = {
	"x86", "arm", "arm64", "powerpc", "mips", "s390", "sparc", "riscv", "parisc", "sh",
};
static const char *const arch_subs[] = {"kernel", "mm", "boot", "lib", "include/asm", "platforms", "crypto"};
static const char *const stems[] = {
	"core",    "main",   "dev",     "init",   "super", "inode", "file",  "dir",     "ioctl", "irq",
	"dma",     "pci",    "debugfs", "sysfs",  "power", "phy",   "mac",   "ethtool", "regs",  "trace",
	"util",    "hw",     "fw",      "mbox",   "queue", "ring",  "tx",    "rx",      "sched", "timer",
	"clock",   "mem",    "page",    "alloc",  "cache", "map",   "table", "xattr",   "acl",   "namei",
	"journal", "extent", "buffer",  "policy", "proto", "sock",  "route", "filter",  "hook",  "event",
	"ops",     "common", "bus",     "port",   "link",  "stats", "ctrl",
};

/* The flat directories (kernel/, mm/, include/linux/...) take files only
 * from the first FLAT_MAX_FILES, about 3,200 each; later files get a
 * subdirectory like the others.  A real flat directory holds a few
 * thousand files at most (6.1: include/linux/ 1,401, the widest,
 * arch/arm/boot/dts/, 2,541), and
 * fast-import's time grows with the width of every tree a commit
 * rewrites: the 193,800 files of seed 3 put 7,750 in each and made its
 * full-size import take five hours.  Seeds with fewer files (1 and 2,
 * and every small and medium history) produce the same stream as before. */
#define FLAT_MAX_FILES 80000

static int nfiles;
static char **fpath;
static uint32_t *frev;

static void make_files(void)
{
	size_t nst = sizeof(stems) / sizeof(stems[0]);
	char p[160];
	int k;

	fpath = calloc((size_t)nfiles, sizeof(*fpath));
	frev = calloc((size_t)nfiles, sizeof(*frev));
	if (!fpath || !frev)
		die("out of memory");
	for (k = 0; k < nfiles; k++) {
		uint64_t h = hash64(((uint64_t)k << 8) ^ 0x5eed);
		const char *top = tops[h % (sizeof(tops) / sizeof(tops[0]))];
		const char *d1 = dirs[(h >> 8) % (sizeof(dirs) / sizeof(dirs[0]))];
		const char *d2 = dirs[(h >> 20) % (sizeof(dirs) / sizeof(dirs[0]))];
		const char *ext = (h >> 40) % 5 == 0 ? ".h" : ".c";
		char stem[48];
		int n;

		if ((size_t)k / nst)
			snprintf(stem, sizeof(stem), "%s%zu", stems[(size_t)k % nst], (size_t)k / nst);
		else
			snprintf(stem, sizeof(stem), "%s", stems[k]);
		if (strcmp(top, "drivers") == 0)
			n = snprintf(p, sizeof(p), "drivers/%s/%s/%s%s", d1, d2, stem, ext);
		else if (strcmp(top, "arch") == 0)
			n = snprintf(p, sizeof(p), "arch/%s/%s/%s%s",
				     arch_dirs[(h >> 8) % (sizeof(arch_dirs) / sizeof(arch_dirs[0]))],
				     arch_subs[(h >> 20) % (sizeof(arch_subs) / sizeof(arch_subs[0]))], stem,
				     ext);
		else if (k < FLAT_MAX_FILES &&
			 (strcmp(top, "include/linux") == 0 || strcmp(top, "kernel") == 0 ||
			  strcmp(top, "mm") == 0 || strcmp(top, "lib") == 0 || strcmp(top, "block") == 0))
			n = snprintf(p, sizeof(p), "%s/%s%s", top, stem,
				     strcmp(top, "include/linux") ? ext : ".h");
		else
			n = snprintf(p, sizeof(p), "%s/%s/%s%s", top, d1, stem, ext);
		fpath[k] = malloc((size_t)n + 1);
		if (!fpath[k])
			die("out of memory");
		memcpy(fpath[k], p, (size_t)n + 1);
	}
}

static int pick_file(void)
{
	/* Half of the changes go to a hot tenth of the files. */
	if (rn(2))
		return (int)rn((unsigned)(nfiles / 10 + 1));
	return (int)rn((unsigned)nfiles);
}

static void emit_file(int k, unsigned rev)
{
	char b[256];
	int n = snprintf(b, sizeof(b), "// SPDX-License-Identifier: GPL-2.0\n/* %s */\nint v%d = %u;\n",
			 fpath[k], k, rev);

	fprintf(out, "M 100644 inline %s\n", fpath[k]);
	emit_data(b, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* Commits. */

static const char *const first_names[] = {
	"Linus",     "Andrew",   "David",   "Greg",      "Ingo",   "Thomas", "Jens",  "Al",
	"Christoph", "Arnd",     "Mark",    "Jakub",     "Paolo",  "Eric",   "Dan",   "Kees",
	"Peter",     "Steven",   "Jiri",    "Takashi",   "Mauro",  "Rafael", "Bjorn", "Rob",
	"Hans",      "Johannes", "Matthew", "Vlastimil", "Alexei", "Heiko",
};
static const char *const last_names[] = {
	"Torvalds", "Morton",   "Miller", "Kroah-Hartman", "Molnar",      "Gleixner", "Axboe",    "Viro",
	"Hellwig",  "Bergmann", "Brown",  "Kicinski",      "Abeni",       "Dumazet",  "Williams", "Cook",
	"Zijlstra", "Rostedt",  "Kosina", "Iwai",          "Chehab",      "Wysocki",  "Helgaas",  "Herring",
	"de Goede", "Berg",     "Wilcox", "Babka",         "Starovoitov", "Carstens",
};
static const char *const verbs[] = {
	"fix",  "add",    "remove", "rework",    "clean up", "simplify", "convert",  "use",
	"drop", "handle", "avoid",  "switch to", "document", "refactor", "annotate",
};
static const char *const nouns[] = {
	"error path",
	"reference leak",
	"locking",
	"NULL pointer dereference",
	"race in teardown",
	"unused variable",
	"probe order",
	"DMA mapping",
	"the fast path",
	"stale comment",
	"memory leak on failure",
	"sparse warnings",
	"suspend/resume",
	"irq handling",
	"debugfs entries",
};

static int64_t now;       /* commit time, seconds */
static int64_t step_secs; /* seconds between commits in this cycle */
static long ncommits, nmerges;
static long checkpoint_every, resume_at = -1;
static FILE *real_out;

/* The branches written to so far, with the mark of their last commit while
 * --resume suppresses the stream (0 after: fast-import knows the tip). */
static struct {
	char ref[64];
	unsigned tip;
} refs_seen[32];

static unsigned *ref_tip(const char *ref)
{
	size_t i;

	for (i = 0; i < sizeof(refs_seen) / sizeof(refs_seen[0]); i++) {
		if (!refs_seen[i].ref[0])
			snprintf(refs_seen[i].ref, sizeof(refs_seen[i].ref), "%s", ref);
		if (strcmp(refs_seen[i].ref, ref) == 0)
			return &refs_seen[i].tip;
	}
	die("more than %zu branches", sizeof(refs_seen) / sizeof(refs_seen[0]));
	return NULL;
}

static void who(char *dst, size_t n, unsigned k)
{
	unsigned f = k % (sizeof(first_names) / sizeof(first_names[0]));
	unsigned l = (k / 7) % (sizeof(last_names) / sizeof(last_names[0]));

	snprintf(dst, n, "%s %s <%c%s@kernel.example.org>", first_names[f], last_names[l],
		 first_names[f][0] | 0x20, last_names[l]);
}

/* Starts a commit on ref; from/merge are marks (0: none).  Returns its mark. */
static unsigned commit_begin(const char *ref, unsigned from, unsigned merge, const char *subject)
{
	char a[96], c[96], msg[256];
	unsigned m = mark_next++;
	unsigned *tip = ref_tip(ref);
	int n;

	if (ncommits == resume_at)
		out = real_out;
	else if (checkpoint_every && ncommits && ncommits % checkpoint_every == 0 && out == real_out)
		fprintf(out, "checkpoint\nprogress kabi-gen commits %ld\n", ncommits);
	now += step_secs > 0 ? step_secs : 1;
	who(a, sizeof(a), rn(200));
	who(c, sizeof(c), rn(40));
	fprintf(out, "commit %s\nmark :%u\nauthor %s %lld +0000\ncommitter %s %lld +0000\n", ref, m, a,
		(long long)(now - (int64_t)rn(86400)), c, (long long)now);
	n = snprintf(msg, sizeof(msg), "%s\n\nSigned-off-by: %s\n", subject, a);
	emit_data(msg, (size_t)n);
	if (from)
		fprintf(out, "from :%u\n", from);
	else if (*tip && out == real_out)
		fprintf(out, "from :%u\n", *tip);
	*tip = out == real_out ? 0 : m;
	if (merge) {
		fprintf(out, "merge :%u\n", merge);
		nmerges++;
	}
	ncommits++;
	return m;
}

static void churn_subject(char *dst, size_t n, int k)
{
	char sub[64];
	const char *p = fpath[k], *s1 = strchr(p, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	size_t len = s2 && (size_t)(s2 - p) < sizeof(sub) ? (size_t)(s2 - p)
		     : strlen(p) < sizeof(sub)            ? strlen(p)
							  : sizeof(sub) - 1;

	memcpy(sub, p, len);
	sub[len] = 0;
	snprintf(dst, n, "%s: %s %s", sub, verbs[rn(sizeof(verbs) / sizeof(verbs[0]))],
		 nouns[rn(sizeof(nouns) / sizeof(nouns[0]))]);
}

/* Files a branch touched since it was last merged: (file, rev). */
typedef struct {
	int n, cap;
	int *file;
	unsigned *rev;
} touched_t;

static void touch(touched_t *t, int k, unsigned rev)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (t->file[i] == k) {
			t->rev[i] = rev;
			return;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->file = realloc(t->file, sizeof(int) * (size_t)t->cap);
		t->rev = realloc(t->rev, sizeof(unsigned) * (size_t)t->cap);
		if (!t->file || !t->rev)
			die("out of memory");
	}
	t->file[t->n] = k;
	t->rev[t->n++] = rev;
}

/* An ordinary commit touching 1-3 files; records them in t when given. */
static unsigned churn_commit(const char *ref, unsigned from, touched_t *t)
{
	int files[8] = {0}, nf, i;
	char subject[160];
	unsigned m;

	if (shape.max_files)
		nf = 1 + (int)rn((unsigned)shape.max_files);
	else
		nf = 1 + (rn(4) == 0) + (rn(16) == 0);
	for (i = 0; i < nf; i++)
		files[i] = pick_file();
	churn_subject(subject, sizeof(subject), files[0]);
	m = commit_begin(ref, from, 0, subject);
	for (i = 0; i < nf; i++) {
		unsigned rev = ++frev[files[i]];

		emit_file(files[i], rev);
		if (t)
			touch(t, files[i], rev);
	}
	return m;
}

/* ------------------------------------------------------------------ */
/* Mainline and branches. */

typedef struct {
	unsigned mark;
	int key;   /* layout of its tables */
	set_t set; /* changes its tables hold */
} point_t;

static struct {
	unsigned tip;
	int key;
	set_t set;
	tmap_t map;
} ml;

#define NLONG 8
static const char *const long_names[NLONG] = {"net-next", "tip", "mm", "vfs", "block", "sound", "drm", "usb"};
static struct {
	unsigned tip;
	int merged_tags; /* ntags when it was last merged into mainline */
	touched_t t;
} lng[NLONG];
static int ntags;

static point_t last_tag, window_base;
static FILE *plan;
static int size_kind; /* 0 small, 1 medium, 2 full */
static int mean_topic;

static const char *abi_name[3] = {"x86_64", "x32", "i386"};

/* The x86 view of one syscall: present, number (user space), entry, implemented. */
typedef struct {
	int present;
	long nr;
	char entry[64];
	int impl;
	const char *name;
} x86view_t;

static void x86_view(x86view_t *v, const scst_t *s, int abi, int key)
{
	memset(v, 0, sizeof(*v));
	v->name = s->name;
	v->impl = s->impl;
	if (abi == 0) {
		v->present = s->nr[NS_X64] >= 0;
		v->nr = s->nr[NS_X64];
	} else if (abi == 2) {
		v->present = s->nr[NS_I386] >= 0;
		v->nr = s->nr[NS_I386];
	} else {
		v->present = key >= VK(3, 4, 0) && s->nr[NS_X64] >= 0;
		v->nr = 0x40000000L + (s->x32own ? s->nr[NS_X32] : s->nr[NS_X64]);
	}
	if (s->impl == 1 && abi == 1 && s->x32own)
		snprintf(v->entry, sizeof(v->entry), "compat_sys_%s", s->name);
	else if (s->impl == 1 && abi != 2 && s->stub)
		snprintf(v->entry, sizeof(v->entry), "stub_%s", s->name);
	else
		entry_of(v->entry, sizeof(v->entry), s);
}

/* Writes the plan's event lines for change ci, merged into mainline whose
 * tables go from state `before` to `after` (layout key). */
static void plan_events(int ci, const set_t *before, const set_t *after, int key)
{
	static scst_t a[MAXSC], b[MAXSC];
	change_t *c = &chs[ci];
	buf_t pb = {0};
	int abi;

	state_of(a, before);
	state_of(b, after);
	for (abi = 0; abi < 3; abi++) {
		x86view_t va, vb;
		const char *kinds[4];
		int nk = 0, i;

		x86_view(&va, &a[c->sc], abi, key);
		x86_view(&vb, &b[c->sc], abi, key);
		if (abi == 1 && (scs[c->sc].flags & F_X64ONLY))
			va.present = vb.present = 0;
		if (!va.present && vb.present)
			kinds[nk++] = "added";
		else if (va.present && !vb.present)
			kinds[nk++] = "removed";
		else if (va.present && vb.present) {
			if (strcmp(va.name, vb.name))
				kinds[nk++] = "renamed";
			if (va.nr != vb.nr)
				kinds[nk++] = "renumbered";
			if (va.impl == 1 && vb.impl != 1)
				kinds[nk++] = "unimplemented";
			else if (va.impl != 1 && vb.impl == 1)
				kinds[nk++] = "reimplemented";
			else if (strcmp(va.entry, vb.entry))
				kinds[nk++] = "entry_changed";
		}
		for (i = 0; i < nk; i++) {
			char o[24] = "-", n[24] = "-";

			/* Only a renumbering has two numbers; kabi gives the others the new one. */
			if (va.present)
				snprintf(o, sizeof(o), "%ld",
					 strcmp(kinds[i], "renumbered") && vb.present ? vb.nr : va.nr);
			if (vb.present)
				snprintf(n, sizeof(n), "%ld", vb.nr);
			bprintf(&pb, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", abi_name[abi],
				vb.present ? vb.name : va.name, kinds[i], o, n,
				key >= VK(3, 3, 0) ? "tbl" : "header", c->subject);
		}
	}
	c->plan = pb.p;
}

/* Merges a branch tip into mainline: the merge carries the branch's files
 * and, when its tables hold changes mainline lacks, the union's tables. */
static void merge_into_mainline(unsigned tip, const char *what, touched_t *t, const set_t *bset)
{
	char subject[160];
	set_t u = ml.set;
	int i;

	snprintf(subject, sizeof(subject), "Merge %s", what);
	if (bset)
		set_union(&u, bset);
	if (!set_eq(&u, &ml.set)) {
		for (i = 0; i < nch; i++)
			if (set_has(&u, i) && !set_has(&ml.set, i) && !chs[i].merged) {
				set_t before = ml.set, after = ml.set;

				set_add(&after, i);
				plan_events(i, &before, &after, ml.key);
				chs[i].merged = 1;
			}
		render(ml.key, &u);
		emit_blobs();
	}
	ml.tip = commit_begin("refs/heads/master", 0, tip, subject);
	for (i = 0; t && i < t->n; i++)
		emit_file(t->file[i], t->rev[i]);
	if (t)
		t->n = 0;
	if (!set_eq(&u, &ml.set)) {
		emit_table_diff(&ml.map);
		ml.set = u;
	}
}

/* A short topic branch forked at `base`, of `len` commits, merged. */
static void topic(const point_t *base, int len, int ci)
{
	static touched_t t;
	char what[160];
	unsigned tip = base->mark;
	int at = ci >= 0 ? (int)rn((unsigned)len) : -1, i;
	set_t set = base->set;

	t.n = 0;
	for (i = 0; i < len; i++) {
		if (i == at) {
			tmap_t m;

			render(base->key, &base->set);
			tmap_from_render(&m);
			set_add(&set, ci);
			render(base->key, &set);
			emit_blobs();
			tip = commit_begin("refs/heads/topic", tip, 0, chs[ci].subject);
			emit_table_diff(&m);
			continue;
		}
		tip = churn_commit("refs/heads/topic", tip, &t);
	}
	snprintf(what, sizeof(what),
		 "branch '%s-%u' of git://git.kernel.example.org/pub/scm/linux/kernel/git/maint",
		 ci >= 0 ? "syscalls" : long_names[rn(NLONG)], tip % 1000);
	merge_into_mainline(tip, what, &t, ci >= 0 ? &set : NULL);
}

/* A round of a long-lived branch: sometimes it merges the last tag first
 * (parents: the tag, then the branch), then `len` commits, then its merge. */
static void long_round(int li, int len)
{
	char ref[64], what[160];
	int i;

	snprintf(ref, sizeof(ref), "refs/heads/%s", long_names[li]);
	/* Back-merge only a tag that holds all of the branch's work. */
	if (!lng[li].tip || (lng[li].merged_tags < ntags && rn(3) == 0)) {
		char s[128];

		snprintf(s, sizeof(s), "Merge tag '%s' into %s", "upstream", long_names[li]);
		lng[li].tip = lng[li].tip ? commit_begin(ref, last_tag.mark, lng[li].tip, s)
					  : churn_commit(ref, last_tag.mark, &lng[li].t);
	}
	for (i = 0; i < len; i++)
		lng[li].tip = churn_commit(ref, lng[li].tip, &lng[li].t);
	snprintf(what, sizeof(what),
		 "tag '%s-for-linus' of git://git.kernel.example.org/pub/scm/linux/kernel/git/%s",
		 long_names[li], long_names[li]);
	merge_into_mainline(lng[li].tip, what, &lng[li].t, NULL);
	lng[li].merged_tags = ntags;
}

static void tag_commit(int ri, int rc)
{
	char name[32], msg[64], mk[256], subject[64];
	const rel_t *r = &rels[ri];
	int n, i;

	rel_name(name, sizeof(name), ri, rc);
	snprintf(subject, sizeof(subject), "Linux %s", name + 1);
	ml.tip = commit_begin("refs/heads/master", 0, 0, subject);
	n = snprintf(mk, sizeof(mk),
		     "# SPDX-License-Identifier: GPL-2.0\nVERSION = %d\nPATCHLEVEL = %d\nSUBLEVEL = %d\n"
		     "EXTRAVERSION =%s%.0d\nNAME = Generated Beast\n",
		     r->maj, r->maj == 2 ? 6 : r->min, r->maj == 2 ? r->pat : 0, rc ? " -rc" : "", rc);
	fprintf(out, "M 100644 inline Makefile\n");
	emit_data(mk, (size_t)n);
	n = snprintf(msg, sizeof(msg), "Linux %s\n", name + 1);
	fprintf(out, "tag %s\nfrom :%u\ntagger Linus Torvalds <torvalds@kernel.example.org> %lld -0700\n",
		name, ml.tip, (long long)now);
	emit_data(msg, (size_t)n);
	if (plan) {
		fprintf(plan, "tag\t%s\t%u\n", name, ml.tip);
		for (i = 0; i < nch; i++)
			if (chs[i].plan) {
				char *p = chs[i].plan, *e;

				while ((e = strchr(p, '\n'))) {
					fprintf(plan, "event\t%s%.*s\n", name, (int)(e - p), p);
					p = e + 1;
				}
				free(chs[i].plan);
				chs[i].plan = NULL;
			}
	}
	last_tag.mark = ml.tip;
	last_tag.key = ml.key;
	last_tag.set = ml.set;
	ntags++;
}

/* One interval of mainline ending at a tag: `budget` commits, the table
 * changes of (ri, phase) on topic branches among them. */
static void interval(int ri, int phase, long budget)
{
	int todo[64], ntodo = 0, i;
	long used = 0;

	for (i = 0; i < nch; i++) {
		int ph = chs[i].phase;

		if (ph > rels[ri].rc_last - rels[ri].rc_first + 1)
			ph = rels[ri].rc_last - rels[ri].rc_first + 1;
		if (chs[i].rel == ri && ph == phase && ntodo < 62) {
			todo[ntodo++] = i;
			if (chs[i].dup)
				todo[ntodo++] = i;
		}
	}
	/* Shuffle, so the two copies of a change land apart. */
	for (i = ntodo - 1; i > 0; i--) {
		int j = (int)rn((unsigned)i + 1), x = todo[i];

		todo[i] = todo[j];
		todo[j] = x;
	}
	while (used < budget - 1 || ntodo) {
		long left = budget - 1 - used;
		unsigned r = rn(100);
		int len;

		if (ntodo && (left <= 0 || rn((unsigned)(left / (mean_topic + 1) + 1)) < (unsigned)ntodo)) {
			const point_t *b = phase == 0 ? &window_base : &last_tag;

			len = 1 + (int)rn(4);
			topic(b, len, todo[--ntodo]);
			used += len + 1;
			continue;
		}
		if (left <= 0)
			break;
		/* Topics may overrun the interval: later ones get less. */
		len = 1 + (int)rn((unsigned)(2 * mean_topic - 1));
		if ((int)r < shape.direct_pct || left < 2) {
			ml.tip = churn_commit("refs/heads/master", 0, NULL);
			used++;
		} else if ((int)r < shape.direct_pct + shape.long_pct) {
			long_round((int)rn(NLONG), len);
			used += len + 1;
		} else {
			topic(rn(2) ? &last_tag : &window_base, len, -1);
			used += len + 1;
		}
	}
}

/* The root commit: v2.6.12-rc2, every file and table. */
static void root(void)
{
	set_t none;
	int k;

	memset(&none, 0, sizeof(none));
	ml.key = rels[0].key;
	render(ml.key, &none);
	emit_blobs();
	ml.tip = commit_begin("refs/heads/master", 0, 0, "Linux-2.6.12-rc2");
	for (k = 0; k < nfiles; k++)
		emit_file(k, 0);
	ml.map.n = 0;
	emit_table_diff(&ml.map);
	memset(&ml.set, 0, sizeof(ml.set));
}

/* Bump when the stream for a given (seed, size) changes: bench/run.sh
 * keys its cached repositories on it. */
#define GEN_VERSION 3

int main(int argc, char **argv)
{
	const char *plan_path = NULL, *size = "small";
	unsigned long long seed = 1;
	long total, done = 0;
	double wsum = 0, wacc = 0;
	int ri, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
			size = argv[++i];
		else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			plan_path = argv[++i];
		else if (strcmp(argv[i], "--checkpoint") == 0 && i + 1 < argc)
			checkpoint_every = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--resume") == 0 && i + 1 < argc)
			resume_at = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--version") == 0) {
			printf("kabi-gen %d\n", GEN_VERSION);
			return 0;
		} else {
			fprintf(stderr,
				"usage: kabi-gen [--seed N] [--size small|medium|full] [--plan FILE]\n"
				"                [--checkpoint N] [--resume N]\n");
			return 2;
		}
	}
	if (strcmp(size, "small") == 0) {
		size_kind = 0, total = 3000, nfiles = 1500, mean_topic = 15, few_arches = 1;
	} else if (strcmp(size, "medium") == 0) {
		size_kind = 1, total = 100000, nfiles = 12000, mean_topic = 15;
	} else if (strcmp(size, "full") == 0) {
		size_kind = 2, total = 1300000, nfiles = 60000, mean_topic = 15;
	} else {
		fprintf(stderr, "kabi-gen: unknown size '%s' (small, medium or full)\n", size);
		return 2;
	}
	shape_of_seed(seed);
	mean_topic = shape.mean_topic;
	nfiles = (int)((long)nfiles * shape.files_pct / 100);
	extra_seed = hash64(seed ^ 0xe87a);
	rng_state = seed * 0x2545f4914f6cdd1dULL + (uint64_t)size_kind;
	real_out = out = stdout;
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	if (resume_at >= 0 && !(out = fopen("/dev/null", "w")))
		die("cannot open /dev/null");
	if (plan_path && !(plan = fopen(plan_path, "w")))
		die("cannot write '%s'", plan_path);
	if (plan)
		fprintf(plan,
			"shape\tseed=%llu mean_topic=%d direct_pct=%d long_pct=%d max_files=%d files=%d "
			"spread_pct=%d extra_adds=%d\n",
			seed, shape.mean_topic, shape.direct_pct, shape.long_pct, shape.max_files, nfiles,
			shape.spread_pct, shape.extra_adds);

	for (i = 12; i <= 39; i++)
		add_rel(2, 6, i);
	for (i = 0; i <= 19; i++)
		add_rel(3, i, 0);
	for (i = 0; i <= 20; i++)
		add_rel(4, i, 0);
	for (i = 0; i <= 19; i++)
		add_rel(5, i, 0);
	for (i = 0; i <= 19; i++)
		add_rel(6, i, 0);
	for (ri = 0; ri < nrels; ri++) {
		rels[ri].rc_first = ri == 0 ? 3 : 1;
		rels[ri].rc_last = size_kind == 0 ? (ri == 0 ? 3 : 2) : ri == 0 ? 6 : 6 + (int)rn(4);
	}
	plan_changes();
	make_files();

	now = 1113688800; /* 2005-04-16 */
	step_secs = 1;
	root();
	{
		char name[32];

		snprintf(name, sizeof(name), "v2.6.12-rc2");
		fprintf(out,
			"tag %s\nfrom :%u\ntagger Linus Torvalds <torvalds@kernel.example.org> %lld -0700\n",
			name, ml.tip, (long long)now);
		emit_data("Linux 2.6.12-rc2\n", 17);
		if (plan)
			fprintf(plan, "tag\t%s\t%u\n", name, ml.tip);
		last_tag.mark = ml.tip;
		last_tag.key = ml.key;
		last_tag.set = ml.set;
		window_base = last_tag;
		ntags++;
	}

	/* Commits per cycle grow over the years, as the kernel's did. */
	for (ri = 0; ri < nrels; ri++)
		wsum += 1.0 + 2.0 * ri / nrels;
	for (ri = 0; ri < nrels; ri++) {
		const int64_t cycle = 70 * 86400;
		int nint = rels[ri].rc_last - rels[ri].rc_first + 2, k;
		double w = (1.0 + 2.0 * ri / nrels) / wsum;
		long cyc_target, cyc_start = done;

		wacc += w;
		cyc_target = (long)(wacc * (double)(total - 1)) - done;
		step_secs = cycle / (cyc_target > 0 ? cyc_target : 1);
		if (step_secs < 1)
			step_secs = 1;

		/* The merge window opens with the tables' move, if the layout changes. */
		if (ri > 0 && rels[ri].key != ml.key) {
			set_t same = ml.set;

			render(rels[ri].key, &same);
			/* Only moves/reformats get a commit; unchanged renders get none. */
			{
				int differs = ntf != ml.map.n;

				for (i = 0; !differs && i < ntf; i++)
					differs = strcmp(tf[i].path, ml.map.e[i].path) ||
						  tf[i].hash != ml.map.e[i].hash;
				if (differs) {
					char s[96], v[32];

					rel_name(v, sizeof(v), ri, 0);
					snprintf(s, sizeof(s),
						 "syscalls: move and regenerate the tables for %s", v + 1);
					emit_blobs();
					ml.tip = commit_begin("refs/heads/master", 0, 0, s);
					emit_table_diff(&ml.map);
					done++;
				}
			}
			ml.key = rels[ri].key;
		}
		window_base.mark = ml.tip;
		window_base.key = ml.key;
		window_base.set = ml.set;

		/* Intervals: window (70%) then the rc phases, each ended by its tag. */
		for (k = 0; k < nint; k++) {
			long b;
			int rc = rels[ri].rc_first + k;

			if (ri == 0)
				b = (cyc_target - (done - cyc_start)) / (nint - k);
			else if (k == 0)
				b = cyc_target * 7 / 10;
			else
				b = (cyc_target - (done - cyc_start)) / (nint - k);
			interval(ri, ri == 0 ? k + 1 : k, b > 1 ? b : 1);
			tag_commit(ri, rc > rels[ri].rc_last ? 0 : rc);
			done = ncommits - 1;
		}
	}
	fprintf(out, "done\n");
	if (fflush(out) || ferror(out))
		die("write error");
	if (plan) {
		for (i = 0; i < nall_paths; i++)
			fprintf(plan, "path\t%s\n", all_paths[i]);
		fclose(plan);
	}
	fprintf(stderr, "kabi-gen: %ld commits, %ld merges (1 in %.1f), %d files, %d table changes\n",
		ncommits, nmerges, nmerges ? (double)ncommits / (double)nmerges : 0.0, nfiles, nch);
	return 0;
}
