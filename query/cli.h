/*
 * cli.h - what the subcommands share: messages, opening the catalog,
 * resolving the user's release, ABI and syscall names (with suggestions).
 * Every function that fails has already printed "kabi: ..." to stderr.
 */
#ifndef KABI_CLI_H
#define KABI_CLI_H

#include "opts.h"
#include "read.h"
#include "output.h"
#include "progress.h"
#include "strbuf.h"

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
int cmd_matrix(int argc, char **argv);

/* Their tables (opts.h), each beside its cmd_x; main.c lists them. */
extern const kabi_command kabi_cmd_harvest, kabi_cmd_versions, kabi_cmd_abis, kabi_cmd_show, kabi_cmd_table,
	kabi_cmd_diff, kabi_cmd_check, kabi_cmd_matrix, kabi_cmd_export, kabi_cmd_publish;

/* KABI_EXIT_UNKNOWN: kabi check could not tell (a syscall whose
 * implementation at the release is unknown, nothing missing). */
enum { KABI_EXIT_OK = 0, KABI_EXIT_NO = 1, KABI_EXIT_ERROR = 2, KABI_EXIT_UNKNOWN = 3 };

/*
 * Two programs (docs/architecture.md): `kabi` links the catalog reader
 * (SQLite) and what the queries need; kabi-helper is the same command with
 * everything, libgit2 (harvest) and libxml2 (publish, export --format
 * gdb-xml) too.  kabi_cli_helper is 1 in kabi-helper, 0 in kabi.
 */
extern const int kabi_cli_helper;
/* Runs "kabi-helper ARGV..." (argv[0]: the command's name, as cmd_x gets
 * it) in place of this process: kabi-helper beside the running executable
 * (the build tree), else KABI_HELPER_REL from its directory (a relocated
 * install), else KABI_HELPER_PATH (where it was installed).  Returns only
 * when it cannot: KABI_EXIT_ERROR after one line saying why. */
int kabi_cli_exec_helper(int argc, char **argv);
/* The directory of the running executable, with its '/', added to sb; 0,
 * or -1 when /proc/self/exe cannot say. */
int kabi_cli_exe_dir(kabi_strbuf *sb);

/* Prints "kabi: <message>" to stderr; returns KABI_EXIT_ERROR. */
int kabi_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "kabi: <what><msg>" on stderr with msg cleaned (kabi_utf8_clean):
 * messages quote repository text, which must not reach a terminal raw. */
void kabi_cli_say(const char *what, const char *msg);
/* Prints "kabi: <message>" and cmd's usage lines; returns KABI_EXIT_ERROR. */
int kabi_cli_usage(const kabi_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- the catalog, through db/read.h ---- */

/* Opens the catalog (--db, else $KABI_DB, else ./kabi.db) read-only; prints
 * why not.  *c owned by the caller: kabi_catalog_close(). */
int kabi_cli_catalog(kabi_catalog **c, const char *opt_db);
/* A release the user named; on failure prints "no release 'X' in the
 * catalog (nearest: a, b; see 'kabi versions')" or why X is not a version.
 * When X stands for the newest release of its line, a note on stderr says
 * which release that is. */
int kabi_cli_find_release(kabi_release_resolution *res, kabi_catalog *c, const char *text);
/* An ABI by its name or another tool's (amd64, aarch64, ppc64le: the
 * registry's aliases); on failure prints the names close to it. */
int kabi_cli_find_abi(int *abi, kabi_catalog *c, const char *name);
/* A syscall by name (case-insensitive when the exact name is not known);
 * on failure prints the names close to it. */
int kabi_cli_find_syscall(kabi_cat_syscall *sc, kabi_catalog *c, const char *name);
/* 0 when ABI abi has a table at ord; otherwise prints where it has tables
 * ("has no syscall table at v3.0 (it has tables from v4.2 to v6.1)"). */
/* How a syscall's status at a release reads: "available", "not
 * implemented", "added later", "removed", "never on this ABI". */
const char *kabi_cli_status_word(kabi_sc_status st);
/* How an implemented:bool cell reads (KABI_IMPL_*): text yes / no /
 * unknown, csv 1 / 0 / unknown, json true / false / null (NULL). */
const char *kabi_cli_impl_word(int implemented, kabi_out_format fmt);
/* Release ord as the date of a change ABI abi shows first there, into sb
 * (reset first): "v6.2", or "<=v6.12.118" when the catalog does not know
 * that the change happened in that release (kabi_catalog_dated: a gap in
 * the harvested releases, or the ABI's first table).  Empty for ord -1.
 * 0, or the exit code after printing a catalog error. */
int kabi_cli_date(kabi_strbuf *sb, kabi_catalog *c, int abi, int ord);
int kabi_cli_has_table(kabi_catalog *c, int abi, int ord);

/* The catalog path: --db, else $KABI_DB, else ./kabi.db. */
const char *kabi_cli_db_path(const char *opt);
/* "text" when NULL; prints an error for an unknown format. */
int kabi_cli_format(kabi_out_format *out, const char *opt);

/* Up to 3 of the candidates closest to word (base/suggest.h), ", "-joined;
 * owned by the caller; "" when nothing is close. */
char *kabi_suggest(const char *word, const char *const *cands, size_t n);

/*
 * The options of every command, parsed.  Each kabi_opt row's id says
 * which field it sets; KABI_OPT_DB and friends are the rows that several
 * commands share, so that they read the same everywhere.
 */
enum {
	KABI_O_DB = 1,
	KABI_O_FORMAT,        /* text, csv or json, checked by kabi_cli_parse */
	KABI_O_EXPORT_FORMAT, /* export's: into .format, checked by export */
	KABI_O_ABI,
	KABI_O_AT,
	KABI_O_KERNEL,
	KABI_O_EVENTS,
	KABI_O_MIN,
	KABI_O_SIGNATURES,
	KABI_O_INPUT,
	KABI_O_OUTPUT,
	KABI_O_REFS,
	KABI_O_QUIET,
	KABI_O_FORCE,
	KABI_O_VERSION,
	KABI_O_PROGRESS,
	KABI_O_ABIS,
	KABI_O_FROM,
	KABI_O_TO,
	KABI_O_MISSING_ON,
	KABI_O_ENTRIES,
	KABI_O_DATES,
	KABI_O_LIBSECCOMP_HEADER,
	KABI_O_OPTIONAL,
};

typedef struct {
	const char *db, *format, *abi, *at, *kernel, *input, *output, *progress, *from, *to, *missing_on,
		*dates, *libseccomp_header;
	char **abis; /* every ABI of every --abi A,B,... (KABI_OPT_ABIS), in order */
	size_t nabis, aabis;
	char **optional; /* every NAME[=FALLBACK] of every --optional (check), in order */
	size_t noptional, aoptional;
	int events, min, signatures, quiet, force, version, entries;
	const char **refs; /* every --refs, in order; free with kabi_cli_opts_free() */
	size_t nrefs, arefs;
	kabi_out_format fmt;
} kabi_cli_opts;

#define KABI_OPT_DB_HELP "the catalog (default: $KABI_DB, then ./kabi.db)"
#define KABI_OPT_DB                                                                                          \
	{                                                                                                    \
		"db", 'd', "FILE", KABI_OPT_DB_HELP, KABI_O_DB, KABI_COMPLETE_FILE, NULL                     \
	}
#define KABI_OPT_FORMAT                                                                                      \
	{                                                                                                    \
		"format", 'f', "FORMAT", "the output format (default text)", KABI_O_FORMAT,                  \
			KABI_COMPLETE_VALUES, kabi_out_format_value                                          \
	}
#define KABI_OPT_ABI(help)                                                                                   \
	{                                                                                                    \
		"abi", 'a', "ABI", help, KABI_O_ABI, KABI_COMPLETE_ABI, NULL                                 \
	}
/* --abi for the commands that answer for several ABIs at once: repeated,
 * or a comma-separated list, or "all". */
#define KABI_OPT_ABIS(help)                                                                                  \
	{                                                                                                    \
		"abi", 'a', "ABI[,ABI...]", help, KABI_O_ABIS, KABI_COMPLETE_ABI, NULL                       \
	}
/* --progress=plain|bar|none (query/progress.h), for the commands that show progress. */
#define KABI_OPT_PROGRESS                                                                                    \
	{                                                                                                    \
		"progress", 0, "MODE", "progress on stderr: bar (default on a terminal), plain or none",     \
			KABI_O_PROGRESS, KABI_COMPLETE_VALUES, kabi_progress_mode_value                      \
	}
#define KABI_OPT_AT(help)                                                                                    \
	{                                                                                                    \
		"at", 't', "VERSION", help, KABI_O_AT, KABI_COMPLETE_RELEASE, NULL                           \
	}

/*
 * Parses argv against cmd's table into *o (zeroed first) and checks
 * --format when cmd has KABI_OPT_FORMAT.  Returns the index of the first
 * operand; -2 after printing the help (exit 0); -1 after printing an
 * error (exit 2).
 */
int kabi_cli_parse(kabi_cli_opts *o, const kabi_command *cmd, int argc, char **argv);
/* The ABIs of o->abis, each once, in the order given, resolved like
 * kabi_cli_find_abi(); "all" stands for every ABI with a table in the
 * catalog.  With no --abi, *n is 0.  *out owned by the caller (free). */
int kabi_cli_find_abis(int **out, size_t *n, kabi_catalog *c, const kabi_cli_opts *o);

/* The kabi_opt_cb behind kabi_cli_parse (ctx: a kabi_cli_opts). */
int kabi_cli_set_opt(void *ctx, const kabi_opt *row, const char *arg);
void kabi_cli_opts_free(kabi_cli_opts *o);

#endif
