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

typedef enum { IN_NAMES, IN_STRACE, IN_SECCOMP, IN_ELF, IN_AUTO } in_type;

/* --input values, indexed by in_type (cmd_check.c). */
extern const char *const kabi__check_type_names[];

/* A verdict kept for the "verdicts" table of csv and json output. */
typedef struct {
	char *input, *abi, *verdict;
	in_type type;
	int missing;
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
	verdict *v;
	size_t nv, av;
} checker;

/* One syscall of an input on one ABI, after numbers became names. */
typedef struct {
	char *name;   /* "#451" when no release has that number on the ABI */
	long long nr; /* the artifact's number, -1 when it named the syscall */
	int64_t id;   /* the catalog's syscall id; -1 when it has no such name */
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
	items warned; /* seccomp: unknown names already reported */
} check_input;

/* ---- check_catalog.c ---- */

/* Add name to l unless it is there (nr: the artifact's number or -1; id:
 * the syscall's id, -1 when the catalog has no such name). */
/* Adds name unless l has it; 1 when added, 0 when it was there. */
int kabi__check_items_add(items *l, const char *name, long long nr, int64_t id);
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
 * names and names to ids; < 0 on a catalog error (reported). */
int kabi__check_collect(checker *c, const kabi_needs *ns, const char *abi_name, int abi, items *out);
/* "unknown syscall 'opne' (did you mean open?)"; with profile, a warning
 * about the profile.  < 0 on a catalog error (reported). */
int kabi__check_unknown_name(checker *c, const char *profile, const char *name);

/* ---- check_report.c ---- */

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
/* The type of the file at path, from its first bytes (IN_AUTO: text). */
int kabi__check_sniff(const char *path, in_type *t);
/* Read and check one input (path NULL: standard input). */
void kabi__check_do_input(checker *c, const char *path, in_type type);

#endif
