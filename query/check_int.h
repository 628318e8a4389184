/*
 * check_int.h - what the files of `kabi check` share (not public API).
 *
 * cmd_check.c reads the command line and runs every input; check_catalog.c
 * looks ABIs and syscalls up in the catalog (db/read.h) and turns needs
 * into named items;
 * check_inputs.c reads and sniffs inputs and walks the ABIs of their sets;
 * check_report.c makes the table and verdict of one input on one ABI, at a
 * release (--kernel) or as a range of releases (--min).
 */
#ifndef KABI_CHECK_INT_H
#define KABI_CHECK_INT_H

#include <stdint.h>
#include <stdio.h>

#include "artifact.h"
#include "cli.h"
#include "strbuf.h"

/* The kinds of input, indexes of kabi__check_kinds[]; IN_AUTO: not given,
 * told by sniffing. */
typedef enum { IN_NAMES, IN_STRACE, IN_SECCOMP, IN_ELF, IN_IMAGE, IN_AUTO } in_type;

/* A verdict kept for the "verdicts" table of csv and json output. */
typedef struct {
	char *input, *abi, *verdict;
	in_type type;
	int missing;
	int fallbacks; /* optional syscalls missing, their fallbacks used */
	int unsure;    /* in the table, implementation unknown */
	char *oldest;  /* over several ABIs: the oldest release it runs on,
			* dated ("<=v6.12" where the catalog lacks the one
			* before) or "none"; NULL when not asked */
} verdict;

/*
 * The state of one run.  The catalog is read through db/read.h: the
 * releases and ABIs once, then one indexed lookup per name (and, with
 * --min, one for its implemented releases).  A read that fails (an I/O
 * error, or a damaged catalog: a release position out of range ...) is
 * reported once and sets `broken`: nothing more is checked, nothing is
 * printed on standard output, and the exit status is 2.
 */
typedef struct {
	kabi_catalog *cat;
	const kabi_cli_opts *o;
	kabi_out *out;
	int legacy;                   /* names only: one "check" (or "min") table as before */
	int ord;                      /* the target release (--kernel); -1 with --min */
	const char *rel;              /* its name, borrowed from cat; NULL with --min */
	const kabi_cat_release *rels; /* every release, by ord: borrowed from cat */
	size_t nrel;
	int broken;           /* a catalog read failed (reported) */
	int errors;           /* inputs (or input+ABI) that could not be checked */
	size_t unknown_names; /* reported so far: suggestions for the first few only */
	int failed;           /* input+ABI verdicts that found something missing */
	int unsure;           /* input+ABI verdicts that could not tell (implementation unknown) */
	/* --optional NAME[=FALLBACK]: syscalls the user says may be missing,
	 * each with its fallbacks (comma-separated, "" none), from o */
	char **opt_name, **opt_alt;
	size_t nopt;
	/* --abi A,B,... (repeatable; "all": every ABI with a table at the
	 * target, or any table with --min): the ABIs to check, in order; none
	 * given: each input's own, x86_64 for names and strace logs */
	const char **abis;
	size_t nabis;
	verdict *v;
	size_t nv, av;
} checker;

/* One syscall of an input on one ABI, after numbers became names. */
typedef struct {
	char *name;            /* "#451" when no release has that number on the ABI */
	long long nr;          /* the artifact's number, -1 when it named the syscall */
	int64_t id;            /* the catalog's syscall id; -1 when it has no such name */
	const kabi_need *need; /* the input's first need of it (borrowed) */
	kabi_need_role role;   /* the strongest of its needs', or optional by --optional */
	char *alt;             /* as kabi_need.alt (owned); NULL when required */
} item;

/* The syscalls an input needs on one ABI, each name once, in the order
 * first seen; `slot` is a hash of names to positions (0 = empty, else
 * position + 1), so that adding is O(1) however many names an input has. */
typedef struct {
	item *v;
	size_t n, alloc;
	size_t *slot, nslots;
} items;
#define KABI_ITEMS_INIT                                                                                      \
	{                                                                                                    \
		NULL, 0, 0, NULL, 0                                                                          \
	}

/* One input as the user gave it. */
typedef struct {
	const char *label; /* the input as the user wrote it */
	in_type type;
	items warned;  /* seccomp: unknown names already reported */
	FILE *rest;    /* standard input or a pipe read as a stream: what follows
			* the bytes given to the reader (NULL: those are all) */
	int rest_read; /* rest was read from: the input cannot be read again */
} check_input;

/* How one syscall of an input counts in the input's verdict. */
typedef enum {
	KABI_CHK_OK,        /* available: counted, not missing */
	KABI_CHK_MISSING,   /* counted, and missing: the verdict fails */
	KABI_CHK_ELSEWHERE, /* a profile's syscall of other ABIs: mentioned, not counted */
	KABI_CHK_UNKNOWN,   /* a name no release has: reported, not counted */
	KABI_CHK_FALLBACK,  /* missing but optional: when its fallbacks are available it
			     * is a degraded path (runs with fallbacks), else missing */
	KABI_CHK_SPARE,     /* missing but only a fallback: not counted (what it stands
			     * in for counts, with its fallbacks) */
	KABI_CHK_UNSURE,    /* in the table, implementation unknown: counted, neither
			     * there nor missing; the verdict is "unknown" (exit 3)
			     * unless something is missing */
} kabi_chk_count;

/* The columns of check_kind.count: the catalog's statuses (kabi_sc_status),
 * then "no release has that name or number". */
#define KABI_CHK_UNKNOWN_COL (KABI_SC_IMPL_UNKNOWN + 1)

/*
 * A kind of input: its row in kabi__check_kinds[] (check_inputs.c), in
 * in_type order, and its reader (query/artifact_<kind>.c).  The table is
 * what lists and dispatches kinds: --input's values and their help, the
 * message for an unknown one, the verdict table's type column, and the
 * sniffing of an input whose kind is not given.
 */
typedef struct {
	const char *name;        /* the --input value: "strace" */
	const char *description; /* one line for --help and the man page */
	/* How sure an input's first bytes (up to 512) make it that it is of
	 * this kind: 0 not, 1 maybe (only reading tells), 2 yes (its magic).
	 * The surest kind wins, the first of a tie.  NULL: never by its bytes. */
	int (*sniff)(const unsigned char *buf, size_t len);
	/* Reads the input and checks every ABI of what it needs: the len bytes
	 * at buf when the input was read whole, else the file or directory at
	 * path (NULL: standard input).  Errors are reported and counted in c.
	 * Returns 1, reporting nothing, when the input was not forced to this
	 * kind and is not of it: it is then read as `fallback`; else 0. */
	int (*read)(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
		    int forced);
	in_type fallback; /* see read; IN_AUTO: none */
	unsigned flags;   /* KIND_* */
	/* How a syscall it needs counts in its verdict, by how it is needed
	 * (kabi_need_role) and what the catalog says of it; and whether
	 * naming unknown syscalls is the user's error (a list typed by hand)
	 * rather than a note. */
	kabi_chk_count count[KABI_NEED_ROLES][KABI_CHK_UNKNOWN_COL + 1];
	int unknown_is_error;
} check_kind;

enum {
	KIND_DIR = 1 << 0,    /* a directory is an input of this kind (walked for files) */
	KIND_STREAM = 1 << 1, /* from standard input or a pipe: read as a stream, not whole */
	KIND_LAYOUT = 1 << 2, /* a directory with an oci-layout file is of this kind */
};

extern const check_kind kabi__check_kinds[IN_AUTO];

/* ---- check_catalog.c ---- */

/* Add name to l unless it is there (nr: the artifact's number or -1; id:
 * the syscall's id, -1 when the catalog has no such name). */
/* Adds name unless l has it; 1 when added, 0 when it was there. */
int kabi__check_items_add(items *l, const char *name, long long nr, int64_t id);
/* The position of name in l, -1 when it is not there. */
long kabi__check_items_find(const items *l, const char *name);
void kabi__check_items_free(items *l);
/* Reads the releases; < 0 on error (reported). */
int kabi__check_open(checker *c);
/* Reports the catalog error of the call that just failed (once per run)
 * and marks the run broken; returns KABI_EXIT_ERROR. */
int kabi__check_broken(checker *c);
/* *abi: the ABI called name, -1 when the catalog has none; < 0 on a
 * catalog error (reported). */
int kabi__check_abi_lookup(checker *c, const char *name, int *abi);
/* The needs of ns on ABI abi (called abi_name) as items, numbers mapped to
 * names and names to ids, each with the strongest role of its needs, then
 * made optional by --optional; < 0 on a catalog error (reported). */
int kabi__check_collect(checker *c, const kabi_needs *ns, const char *abi_name, int abi, items *out);
/* Reads --optional (c->o) into c->opt_*: NAME, NAME=FALLBACK; an empty
 * name or one the catalog does not have is the user's error (reported,
 * < 0). */
int kabi__check_optional(checker *c);
void kabi__check_optional_free(checker *c);
/* 1 when every syscall of the comma-separated list is available on abi at
 * release ord; the first that is not in *which (NULL when all are); < 0 on
 * a catalog error (reported). */
int kabi__check_alt_available(checker *c, const char *list, int abi, int ord, char **which);
/* impl[r] = 1 for the releases where every syscall of list is implemented
 * on abi (all of them for an empty list); < 0 on a catalog error. */
int kabi__check_alt_releases(checker *c, const char *list, int abi, unsigned char *impl);
/* "unknown syscall 'opne' (did you mean open?)"; with profile, a warning
 * about the profile.  < 0 on a catalog error (reported). */
int kabi__check_unknown_name(checker *c, const char *profile, const char *name);

/* ---- check_report.c ---- */

/* The rule, as data: how a syscall needed the way role says counts for an
 * input of type t, given what the catalog says of it (known 0: no release
 * has the name, or the number, then st is not looked at). */
kabi_chk_count kabi__check_count(in_type t, kabi_need_role role, int known, kabi_sc_status st);
/* "required", "optional", "fallback" */
const char *kabi__check_role_word(kabi_need_role role);
/* 1 when an input of type t that names unknown syscalls is an error of
 * the user's (a list typed by hand), not only a note. */
int kabi__check_unknown_is_error(in_type t);

/* The "verdicts" table of csv and json output. */
void kabi__check_verdict_table(checker *c);
/* The table and verdict of one input on one ABI at c's release. */
void kabi__check_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi);
/* The releases on which every syscall of the input is implemented on abi. */
void kabi__check_min_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi_name, int abi);

/* ---- check_inputs.c ---- */

/* Syscall names separated by white space or commas, '#' comments, from
 * the len bytes at buf or from the whole of f; KABI_EINVALID for a NUL
 * byte, naming label and the line (kabi_error_last()). */
int kabi__check_parse_names(kabi_needs *ns, const char *buf, size_t len, const char *label);
int kabi__check_read_names(kabi_needs *ns, FILE *f, const char *label);
/* Check every ABI of a set (see the comment at the definition). */
size_t kabi__check_set(checker *c, check_input *in, const kabi_needs *ns, int implied, const char *only);
/* kabi__check_set() of a set whose ABI is not the input's own (names, an
 * strace log): on each --abi, or on the set's own when none was given. */
void kabi__check_listed(checker *c, check_input *in, kabi_needs *ns);
/* The kind of the file or directory at path, from its first bytes. */
int kabi__check_sniff(const char *path, in_type *t);
/* < 0 (the error set) when path (NULL: standard input) is a device other
 * than a terminal or /dev/null: a block device, /dev/zero, a tape. */
int kabi__check_not_a_device(const char *path);
/* Read and check one input (path NULL: standard input). */
void kabi__check_do_input(checker *c, const char *path, in_type type);

#endif
