/*
 * artifact.h - readers that turn artifacts (strace logs, seccomp profiles,
 * ELF binaries and unpacked root file systems) into "which syscalls does
 * this need, on which ABI".
 *
 * The readers are library code: they print nothing, never exit, return 0 or
 * a negative KABI_E* code and set kabi_error_last() naming the file and the
 * line or byte offset that failed.  Syscalls are reported by name when the
 * artifact names them and by number otherwise; numbers are mapped to names by
 * the caller through the catalog of the ABI.
 *
 * ABI names are kabi's: x86_64, i386, x32, arm64, arm, arm-oabi, riscv64,
 * riscv32, powerpc, powerpc64, s390x, s390, mips-o32, mips-n32, mips-n64,
 * sparc, sparc64, parisc, parisc64, alpha, ia64, m68k, sh, loongarch64.
 */
#ifndef KABI_ARTIFACT_H
#define KABI_ARTIFACT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "strlist.h"

/*
 * How a program needs a syscall.  glibc tries some syscalls first and,
 * when the kernel answers ENOSYS, does the same with older ones (statx,
 * then newfstatat); the user may also say a syscall may be missing.  A
 * syscall needed in several ways is needed the strongest way: required
 * over optional over fallback.
 */
typedef enum {
	KABI_NEED_REQUIRED, /* nothing stands in for it */
	KABI_NEED_OPTIONAL, /* tried first: when missing, the syscalls of alt are used
			     * instead (alt "": the program goes on without it) */
	KABI_NEED_FALLBACK, /* only used instead of the syscalls of alt, when they are missing */
	KABI_NEED_ROLES
} kabi_need_role;

/* One needed syscall. */
typedef struct {
	char *name;                /* syscall name; NULL when only the number is known */
	long long nr;              /* syscall number; -1 when known by name only */
	const char *abi;           /* static ABI name when it differs from the set's
				    * (a strace personality switch); NULL = the set's */
	unsigned long long count;  /* times seen (calls for strace -c) */
	char *why;                 /* where it was first seen: "import open",
				    * "syscall at 0x4011c3", "'x.log' line 12" */
	char *files;               /* a directory's: the files that need it,
				    * "'bin/a', 'bin/b'" (the first few); NULL */
	unsigned long long nfiles; /* how many files need it */
	kabi_need_role role;       /* KABI_NEED_REQUIRED unless added with kabi_needs_add_as() */
	char *alt;                 /* comma-separated names: an optional syscall's fallbacks
				    * ("" none), a fallback's first choices; NULL when required */
} kabi_need;

/* The needs of one artifact (or of several -ff files read into one set). */
typedef struct {
	char *abi;    /* kabi ABI name; NULL = unknown / not stated */
	kabi_need *v; /* in first-seen order */
	size_t n, alloc;
	char *source; /* the file or directory read */
	/* Syscalls made with a number that could not be determined: imports
	 * of syscall(), syscall instructions whose number comes from memory. */
	unsigned long long unknown;
	char *unknown_why; /* the first such place, NULL when unknown == 0 */
	/* Things the caller may want to show: skipped lines, personality
	 * switches.  nwarnings counts them, warning keeps the first. */
	unsigned long long nwarnings;
	char *warning;
	/* private: name/number -> index hash */
	size_t *hidx;
	size_t hcap;
} kabi_needs;

/* Owned by the caller, free with kabi_needs_free().  abi and source may be
 * NULL; both are copied. */
kabi_needs *kabi_needs_new(const char *abi, const char *source);
void kabi_needs_free(kabi_needs *ns);

/*
 * Record `count` uses of a syscall.  Needs are keyed by (abi, name) when
 * name is given and by (abi, nr) otherwise; a second add of the same key only
 * adds to count (and fills nr when the first add had none).  abi must be
 * NULL or a string that outlives ns (a literal); why is copied the first
 * time only.  Returns the index of the need in ns->v.
 */
size_t kabi_needs_add(kabi_needs *ns, const char *abi, const char *name, long long nr,
		      unsigned long long count, const char *why);
/*
 * kabi_needs_add() of a syscall needed the way role says, alt as in
 * kabi_need (copied; NULL for a required one).  A second add keeps the
 * strongest role (required, then optional, then fallback); two adds of
 * the same role join their alt lists (an optional syscall then needs
 * every fallback that any of its users falls back to).
 */
size_t kabi_needs_add_as(kabi_needs *ns, const char *abi, const char *name, long long nr,
			 unsigned long long count, const char *why, kabi_need_role role, const char *alt);
/* Joins the comma-separated names of add to *list (owned, may be NULL),
 * each name once, in order. */
void kabi_needs_alt_join(char **list, const char *add);

/* Note that file (a directory's member) needs ns->v[i]: counted, and named
 * while fewer than KABI_NEED_FILES are. */
#define KABI_NEED_FILES 3
void kabi_needs_note_file(kabi_needs *ns, size_t i, const char *file);

/* Borrowed from ns; NULL when not recorded.  name NULL looks up by nr. */
const kabi_need *kabi_needs_find(const kabi_needs *ns, const char *abi, const char *name, long long nr);

/* Record an unknown-number syscall / a warning (why/text copied once). */
void kabi_needs_unknown(kabi_needs *ns, const char *why);
void kabi_needs_warn(kabi_needs *ns, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Several sets, one per ABI (directory walk). */
typedef struct {
	kabi_needs **v; /* owned */
	size_t n, alloc;
	char **errors; /* one message per path that could not be read/parsed */
	size_t nerrors, errors_alloc;
	size_t files; /* ELF files read successfully */
} kabi_needs_group;

kabi_needs_group *kabi_needs_group_new(void);
void kabi_needs_group_free(kabi_needs_group *g);
/* The set for abi (NULL = unknown ABI), created on first use; borrowed. */
kabi_needs *kabi_needs_group_get(kabi_needs_group *g, const char *abi, const char *source);
/* Add the needs of one file of the group (rel: its path below the root,
 * named in each need's why and files) to the set for abi (NULL: unknown). */
void kabi_needs_group_merge(kabi_needs_group *g, const kabi_needs *one, const char *abi, const char *rel,
			    const char *root);

/* ---- strace (artifact_strace.c) ---------------------------------------- */

/*
 * Add the syscalls of one strace output file to ns (call it once per file of
 * `strace -ff`).  Understands plain, -f (pid prefixes), -tt/-ttt/-r/-T,
 * -i, -n, -y, unfinished/resumed pairs (counted once), signals, exits, -c
 * summaries (count = calls) and syscall_0x1b6 raw forms (nr only).
 *
 * ns->abi is the ABI of the traced program when the caller knows it (NULL
 * otherwise); "[ Process PID=N runs in 32 bit mode. ]" switches that pid to
 * the compat ABI of ns->abi (i386 for x86_64 or unknown, arm for arm64, ...),
 * recorded in kabi_need.abi, and adds a warning.
 *
 * Lines that do not parse are skipped and counted as warnings (garbage in a
 * log saved from a terminal is common); a file with no recognizable line at
 * all is KABI_EINVALID.  The file is streamed in fixed-size chunks, so memory
 * use does not depend on file or line length.
 */
int kabi_strace_read(kabi_needs *ns, const char *path);
/* Past this many bytes without a recognized line the input is no strace
 * log (KABI_EINVALID): a stream of zeros or a large file of something else
 * is refused early instead of read to its end.  The reader reads at most
 * one 64 KiB chunk and a stdio buffer beyond it before giving up. */
#define KABI_STRACE_FIRST_MAX (4 * 1024 * 1024)
/* Same from an open stream; name is used in messages. */
int kabi_strace_read_fp(kabi_needs *ns, FILE *f, const char *name);

/* ---- seccomp profiles (artifact_seccomp.c) ----------------------------- */

/* The conditions of "includes" or "excludes". */
typedef struct {
	kabi_strlist arches; /* as written: "amd64", "SCMP_ARCH_X86_64", ... */
	kabi_strlist caps;   /* "CAP_SYS_ADMIN", ... */
	char *min_kernel;    /* "4.8", NULL when absent */
} kabi_seccomp_cond;

typedef struct {
	kabi_strlist names;  /* "names" or the legacy "name" */
	char *action;        /* "SCMP_ACT_ALLOW", ... */
	long long errno_ret; /* -1 when absent */
	size_t nargs;        /* number of "args" filters (rule is conditional) */
	char *comment;       /* NULL when absent */
	kabi_seccomp_cond includes, excludes;
	size_t offset; /* byte offset of the rule object in the file */
} kabi_seccomp_rule;

typedef struct {
	char *arch;       /* SCMP_ARCH_X86_64 */
	kabi_strlist sub; /* SCMP_ARCH_X86, SCMP_ARCH_X32 */
} kabi_seccomp_archmap;

typedef struct {
	char *source;
	char *default_action;        /* NULL when absent */
	long long default_errno_ret; /* -1 when absent */
	kabi_strlist architectures;
	kabi_seccomp_archmap *arch_map;
	size_t narch_map;
	kabi_seccomp_rule *rules;
	size_t nrules;
} kabi_seccomp;

/* Parse a profile from memory (name for messages) or from a file; *out is
 * owned by the caller, free with kabi_seccomp_free(). */
int kabi_seccomp_parse(kabi_seccomp **out, const char *buf, size_t len, const char *name);
int kabi_seccomp_load(kabi_seccomp **out, const char *path);
void kabi_seccomp_free(kabi_seccomp *p);

/* SCMP_ARCH_X86_64 -> "x86_64" (static); NULL when unknown. */
const char *kabi_seccomp_arch_abi(const char *scmp_arch);
/* 1 when a syscall hitting this action runs: SCMP_ACT_ALLOW and SCMP_ACT_LOG.
 * TRACE (ENOSYS without a tracer), NOTIFY (up to a supervisor), ERRNO, KILL*
 * and TRAP do not count as allowed. */
int kabi_seccomp_action_allows(const char *action);

typedef struct {
	const char *abi;         /* kabi ABI name, required */
	const char *kernel;      /* "6.1", "v5.10.3"; NULL = ignore minKernel */
	const char *const *caps; /* capabilities the container has */
	size_t ncaps;
} kabi_seccomp_query;
#define KABI_SECCOMP_QUERY_INIT                                                                              \
	{                                                                                                    \
		NULL, NULL, NULL, 0                                                                          \
	}

/*
 * The syscall names the profile's rules give an allowing action (allow != 0)
 * or a non-allowing one (allow == 0) on q->abi, after applying includes and
 * excludes the way Docker/moby does: includes.arches/caps must all match,
 * any excludes match drops the rule, minKernel compares numerically.  An
 * "arches" entry may be a Go arch ("amd64" covers x86_64, i386 and x32 since
 * Docker compares it with the host arch), an SCMP_ARCH_* name or a kabi ABI
 * name.  Rules with "args" are reported too (why says so).  *out is owned by
 * the caller (kabi_needs_free); names are by name, nr -1.
 *
 * KABI_ENOTFOUND when the profile lists architectures and none maps to
 * q->abi (every syscall of that ABI then fails the arch check).
 */
int kabi_seccomp_names(kabi_needs **out, const kabi_seccomp *p, const kabi_seccomp_query *q, int allow);
/* 1 when defaultAction lets unlisted syscalls run. */
int kabi_seccomp_default_allows(const kabi_seccomp *p);

/* ---- ELF (artifact_elf.c) ------------------------------------------------ */

/* The kabi ABI of an ELF header, NULL when unknown (static string). */
const char *kabi_elf_abi(const unsigned char *buf, size_t len);

/*
 * Read one ELF file: ABI from the header, syscalls from imported libc
 * wrappers (.dynsym, or PT_DYNAMIC when sections are stripped), from
 * syscall instructions with a constant number (x86_64, x32, i386, arm64)
 * and from calls with a constant number to libc's syscall() and Go's
 * syscall.Syscall & co (x86_64, x32, arm64).
 * Files above 512 MiB are refused.  *out is owned by the caller.
 */
int kabi_elf_read(kabi_needs **out, const char *path);
/* Same from memory (name for messages). */
int kabi_elf_read_mem(kabi_needs **out, const unsigned char *buf, size_t len, const char *name);
/* A syscall site found in code: its address, what is there ("syscall",
 * "int $0x80", "svc #0", "call to syscall" ...) and the number (-1:
 * unknown). */
typedef void (*kabi_elf_site_fn)(void *ctx, uint64_t va, const char *what, long long nr);
/* kabi_elf_read_mem, telling site of every site found in code (for tests
 * and tools that check the decoder against a disassembler). */
int kabi_elf_read_sites(kabi_needs **out, const unsigned char *buf, size_t len, const char *name,
			kabi_elf_site_fn site, void *ctx);

/*
 * Walk a directory (an unpacked root file system) without following
 * symlinks, read every regular file starting with \x7fELF and add its needs
 * to the group's set for its ABI.  Entries that cannot be read or parsed go
 * to g->errors and the walk goes on; the call then returns KABI_EIO with the
 * first of them as the message (the group is complete either way).
 */
int kabi_elf_read_dir(kabi_needs_group *g, const char *dir);

/* ---- container images (artifact_image.c) --------------------------------- */

/* One image of an input: its config's architecture and the needs of the
 * ELF files of its final file system view. */
typedef struct {
	char *name;      /* what tells it from the input's other images: a tag, a ref
			  * name, a platform or a digest */
	char *arch;      /* the config's architecture[/variant] as written, "arm/v7";
			  * NULL: no config (a root file system tarball) */
	const char *abi; /* kabi's name for arch (db/abi.h aliases); NULL: none */
	size_t nlayers;
	kabi_needs_group *g; /* by ABI, from each ELF header; a header that names no ABI
			      * kabi knows counts as abi's */
	size_t nother;       /* ELF files whose header names another ABI than abi */
	char *other;         /* the first of them: "'usr/bin/x' is arm64" */
} kabi_image;

typedef struct {
	kabi_image *v;
	size_t n, alloc;
} kabi_images;

/*
 * Read the images of an OCI image layout (a directory with an oci-layout
 * file, or a tar of one), a `docker save` tarball (manifest.json) or a
 * root file system tarball (one layer, no config), from path or from the
 * len bytes at buf (label names it in messages).  Layers are tars, plain
 * or gzip-compressed; the final view honours whiteouts (.wh.NAME,
 * .wh..wh..opq).  Nothing is unpacked: the tars are read twice, first for
 * their member headers, then for the ELF members of the final view, one
 * at a time.  A damaged archive, a path with a '..' component, a digest
 * that does not match its manifest or config, a missing blob: KABI_EINVALID
 * or KABI_EIO naming the file and the offset.  An ELF file that cannot be
 * parsed goes to its image's g->errors.  *out: free with
 * kabi_images_free() whatever the result.
 */
int kabi_image_read(kabi_images *out, const char *path, const unsigned char *buf, size_t len,
		    const char *label);
void kabi_images_free(kabi_images *im);
/* 1 when the bytes begin a tar archive (a valid header) or a gzip stream. */
int kabi_image_sniff(const unsigned char *buf, size_t len);

/* ---- libc wrappers (libc_syscalls.c) ----------------------------------- */

typedef struct {
	const char *wrapper;  /* "open" */
	const char *syscalls; /* space separated, "" = none (vDSO / pure libc),
			       * "?" = a syscall whose number is a run-time value;
			       * "A>B,C": A is tried first, on ENOSYS B and C are
			       * used instead; "A>": a failed A is ignored */
	const char *note;
} kabi_libc_map;

/* Calls fn for each syscall of row m: its name, role (a first choice
 * "A>..." is optional, its fallbacks are fallbacks, the others required)
 * and alt as in kabi_need ("B,C" for A, "A" for B and C).  "?" is
 * passed as the name "?" (required).  Names and alt are only valid
 * during the call. */
typedef void (*kabi_libc_fn)(void *ctx, const char *name, kabi_need_role role, const char *alt);
void kabi_libc_syscalls(const kabi_libc_map *m, kabi_libc_fn fn, void *ctx);

/* The syscalls glibc 2.36 uses for `wrapper` on `abi` (NULL = unknown ABI:
 * the first row for the wrapper).  Borrowed static row; NULL when the name is
 * not a known wrapper. */
const kabi_libc_map *kabi_libc_lookup(const char *wrapper, const char *abi);
/* Number of table rows and row i, for tests and documentation. */
size_t kabi_libc_count(void);
const kabi_libc_map *kabi_libc_row(size_t i);

/* ---- Go's fallbacks (go_syscalls.c) ------------------------------------- */

/* The Go release the table was read in; binaries built by another are
 * not given its roles. */
#define KABI_GO_FALLBACK_VERSION "go1.19"

/* A syscall site in a Go function, made by every caller only as a first
 * try (role optional, alt its fallbacks, "" none) or only as a fallback
 * (role fallback, alt what it stands in for). */
typedef struct {
	const char *func;    /* the Go function holding the site: "internal/syscall/unix.GetRandom" */
	const char *abi;     /* kabi ABI name */
	long long nr;        /* the number the site makes there */
	const char *syscall; /* its name */
	kabi_need_role role;
	const char *alt;
	const char *source; /* where Go's sources say so, below src/ */
} kabi_go_fallback;

/* 1 when version (runtime.buildVersion: "go1.19.8") is one the table was
 * read for. */
int kabi_go_version_known(const char *version);
/* The row for a site of syscall nr (-1: any) in Go function func (a
 * ".abi0" suffix ignored) on abi (NULL: any); NULL when none. */
const kabi_go_fallback *kabi_go_fallback_find(const char *func, const char *abi, long long nr);
/* Number of rows and row i, for tests. */
size_t kabi_go_fallback_count(void);
const kabi_go_fallback *kabi_go_fallback_row(size_t i);

/* ---- reading an input (artifact.c) --------------------------------------- */

/* Inputs that cannot be read twice (a pipe, a terminal, standard input)
 * and are not read as a stream are read whole, then sniffed and parsed
 * from memory; this is the most (a profile or an ELF file: the most its
 * reader takes from a file, KABI_SECCOMP_MAX, KABI_ELF_MAX). */
#define KABI_ARTIFACT_STREAM_MAX ((size_t)1 << 30)
#define KABI_SECCOMP_MAX         ((size_t)64 << 20)
#define KABI_ELF_MAX             ((size_t)512 << 20)

/* The whole of stream f (name for messages), read by kabi_file_read_fp()
 * (base/file.h): *buf owned by the caller (free()), with a NUL after its
 * len bytes.  KABI_EIO when f cannot be read, KABI_EINVALID past max
 * bytes. */
int kabi_artifact_slurp(unsigned char **buf, size_t *len, FILE *f, const char *name, size_t max);

#endif
