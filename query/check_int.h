/*
 * check_int.h - what the files of `kabi check` share (not public API).
 *
 * cmd_check.c reads the command line and runs every input; check_catalog.c
 * prepares the catalog's statements and turns needs into named items;
 * check_inputs.c reads and sniffs inputs and walks the ABIs of their sets;
 * check_report.c makes the table and verdict of one input on one ABI, at a
 * release (--kernel) or as a range of releases (--min).
 */
#ifndef KABI_CHECK_INT_H
#define KABI_CHECK_INT_H

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

typedef struct {
	sqlite3 *db;
	const kabi_cli_opts *o;
	kabi_out *out;
	int legacy;      /* names only: one "check" (or "min") table as before */
	int ord, newest; /* the target release (not with --min), the newest one */
	char *rel;       /* its name; NULL with --min */
	sqlite3_stmt *abi_id, *present, *known, *at, *hist, *bynr, *impl, *relname, *anyspan;
	int errors; /* inputs (or input+ABI) that could not be checked */
	int failed; /* input+ABI verdicts that found something missing */
	verdict *v;
	size_t nv;
} checker;

/* One syscall of an input on one ABI, after numbers became names. */
typedef struct {
	char *name;   /* "#451" when no release has that number on the ABI */
	long long nr; /* the artifact's number, -1 when it named the syscall */
} item;

typedef struct {
	item *v;
	size_t n;
} items;

/* One input as the user gave it. */
typedef struct {
	const char *label; /* the input as the user wrote it */
	in_type type;
	kabi_strlist warned; /* seccomp: unknown names already reported */
} check_input;

/* ---- check_catalog.c ---- */

/* Add name to l unless it is there (nr: the artifact's number or -1). */
void kabi__check_items_add(items *l, const char *name, long long nr);
void kabi__check_items_free(items *l);
/* Prepare c's statements and find the newest release; < 0 on error
 * (reported). */
int kabi__check_prepare(checker *c);
/* Bind n integers to st (reset first) and step it; 1 when it gave a row. */
int kabi__check_step_ints(sqlite3_stmt *st, int n, const long long *v);
/* The ABI's id in the catalog, -1 when it has none. */
int kabi__check_abi_lookup(checker *c, const char *name);
/* The syscall's id (any ABI), -1 when no release had it. */
int kabi__check_syscall_lookup(checker *c, const char *name);
/* The name of release ord, owned by the caller (free()). */
char *kabi__check_release_name(checker *c, int ord);
/* The needs of ns on abi (abi_id) as items, numbers mapped to names. */
void kabi__check_collect(checker *c, const kabi_needs *ns, const char *abi, int abi_id, items *out);

/* ---- check_report.c ---- */

/* The "verdicts" table of csv and json output. */
void kabi__check_verdict_table(checker *c);
/* The table and verdict of one input on one ABI at c's release. */
void kabi__check_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi,
		     int abi_id);
/* The releases on which every syscall of the input is implemented on abi. */
void kabi__check_min_abi(checker *c, check_input *in, const kabi_needs *ns, const char *abi,
			 int abi_id);

/* ---- check_inputs.c ---- */

/* Syscall names from f, separated by white space or commas, '#' comments. */
void kabi__check_read_names(kabi_needs *ns, FILE *f);
/* Check every ABI of a set (see the comment at the definition). */
size_t kabi__check_set(checker *c, check_input *in, const kabi_needs *ns, int implied,
		       const char *only);
/* The type of the file at path, from its first bytes. */
int kabi__check_sniff(const char *path, in_type *t);
/* Read and check one input (path NULL: standard input). */
void kabi__check_do_input(checker *c, const char *path, in_type type);

#endif
