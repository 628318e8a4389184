/*
 * cli.h - what the subcommands share: messages, opening the catalog,
 * resolving the user's release, ABI and syscall names (with suggestions).
 * Every function that fails has already printed "kabi: ..." to stderr.
 */
#ifndef KABI_CLI_H
#define KABI_CLI_H

#include <sqlite3.h>

#include "output.h"

/* The subcommands: int cmd_x(int argc, char **argv), argv[0] = "x". */
int cmd_harvest(int argc, char **argv);
int cmd_versions(int argc, char **argv);
int cmd_abis(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_table(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_publish(int argc, char **argv);

enum { KABI_EXIT_OK = 0, KABI_EXIT_NO = 1, KABI_EXIT_ERROR = 2 };

/* Prints "kabi: <message>" to stderr; returns KABI_EXIT_ERROR. */
int kabi_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "kabi: <message>" and "usage: <usage>"; returns KABI_EXIT_ERROR. */
int kabi_cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The catalog path: --db, else $KABI_DB, else ./kabi.db. */
const char *kabi_cli_db_path(const char *opt);
int kabi_cli_open(sqlite3 **db, const char *opt_db);
/* "text" when NULL; prints an error for an unknown format. */
int kabi_cli_format(kabi_out_format *out, const char *opt);

/* A release by name or version ("v6.1", "6.1", "6.1.0"); a bare "X.Y"
 * that is not in the catalog means the newest release of that line.
 * *name is owned by the caller. */
int kabi_cli_release(sqlite3 *db, const char *v, int *ord, char **name);
int kabi_cli_abi(sqlite3 *db, const char *name, int *id);
/* 0 when ABI id `abi` has a table at release ord; otherwise prints where it
 * has tables and returns KABI_EXIT_ERROR. */
int kabi_cli_abi_present(sqlite3 *db, int abi, const char *abi_name, int ord, const char *rel);
/* A syscall name the catalog knows (on any ABI). */
int kabi_cli_syscall(sqlite3 *db, const char *name, int *id);

/* Up to 3 of the candidates closest to word (edit distance), ", "-joined;
 * owned by the caller; "" when nothing is close. */
char *kabi_suggest(const char *word, const char *const *cands, size_t n);
/* The same, with candidates from an SQL query's first column. */
char *kabi_suggest_sql(sqlite3 *db, const char *word, const char *sql);

/* Steps st to the end, adding each row's first ncols columns to the
 * current table of out; in text mode, column bool_col (-1: none) reads
 * yes/no.  Finalizes st.  0, or KABI_EXIT_ERROR after printing why. */
int kabi_cli_emit(kabi_out *out, sqlite3 *db, sqlite3_stmt *st, int ncols, int bool_col, int text);

/* Prepares sql or prints the error; NULL on failure. */
sqlite3_stmt *kabi_cli_prepare(sqlite3 *db, const char *sql);

/* Options the query commands share.  kabi_cli_parse() accepts those whose
 * letter is in `allowed` ("d" --db, "f" --format, "a" --abi, "t" --at,
 * "k" --kernel, "e" --events, "m" --min, "s" --signatures) and returns the index of the first
 * operand, or -1 after printing an error (-2 after printing help). */
typedef struct {
	const char *db, *format, *abi, *at, *kernel;
	int events, min, signatures;
	kabi_out_format fmt;
} kabi_cli_opts;

int kabi_cli_parse(kabi_cli_opts *o, int argc, char **argv, const char *allowed, const char *usage,
		   const char *help);

#endif
