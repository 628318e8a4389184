/*
 * opts.h - the command line, described once.
 *
 * Each command is a kabi_command: a table of options (long name, short
 * letter, argument name, help line), a synopsis and a description.  From
 * those tables come the parser (getopt_long, kabi_opts_parse), `kabi CMD
 * --help` and `kabi --help` (kabi_help_*), the man page (kabi_man_write)
 * and the shell completions (kabi_complete).  query/main.c holds the
 * program's table; each cmd_*.c holds its command's.
 */
#ifndef KABI_OPTS_H
#define KABI_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "strbuf.h"

/* What the shell may complete an option's argument or an operand with;
 * a bit set (check's operands are syscall names or files). */
enum {
	KABI_COMPLETE_FILE = 1 << 0,
	KABI_COMPLETE_DIR = 1 << 1,
	KABI_COMPLETE_VALUES = 1 << 2, /* the option's values() */
	KABI_COMPLETE_ABI = 1 << 3,    /* the rest: names read from the catalog */
	KABI_COMPLETE_RELEASE = 1 << 4,
	KABI_COMPLETE_SYSCALL = 1 << 5,
	KABI_COMPLETE_COMMAND = 1 << 6, /* a command's name (kabi help CMD) */
};

/* The i-th value an option takes, NULL past the last.  *help, when not
 * NULL, gets a line about the value or NULL when the values have none. */
typedef const char *kabi_opt_values(size_t i, const char **help);

typedef struct {
	const char *name;        /* the long name, without "--"; NULL ends a table */
	char letter;             /* the short option, or 0 */
	const char *arg;         /* the argument's name ("FILE"), NULL for a flag */
	const char *help;        /* one line, lowercase, no full stop */
	int id;                  /* what the command's kabi_opt_cb is told */
	unsigned complete;       /* KABI_COMPLETE_* for the argument */
	kabi_opt_values *values; /* the fixed list of values, if it has one */
} kabi_opt;

typedef struct {
	const char *name; /* NULL for the program itself (the options before a command) */
	int (*fn)(int argc, char **argv);
	const char *summary; /* one line for `kabi --help` */
	/*
	 * What follows "kabi NAME" in a usage line: operands, and the options
	 * that matter in the order they matter ("--abi ABI --at VERSION
	 * [--signatures]"); '\n' separates alternative forms.  Options that no
	 * form names are appended to every form, in table order.
	 */
	const char *synopsis;
	/* Paragraphs separated by "\n\n", not wrapped: help and man wrap them. */
	const char *description;
	const kabi_opt *opts; /* ends with {NULL}; -h, --help is implied */
	unsigned operands;    /* KABI_COMPLETE_* for operands */
} kabi_command;

/* A man page section after COMMANDS: items of one of three kinds. */
typedef enum { KABI_MAN_PARA, KABI_MAN_TAG, KABI_MAN_CODE } kabi_man_kind;
typedef struct {
	kabi_man_kind kind;
	const char *tag;  /* KABI_MAN_TAG: the term (roff-escaped like text) */
	const char *text; /* NULL ends the list; KABI_MAN_CODE: shown as is */
} kabi_man_item;
typedef struct {
	const char *title; /* NULL ends the list */
	const kabi_man_item *items;
} kabi_man_section;

typedef struct {
	const char *name, *version;
	const char *summary;     /* the NAME line of the man page */
	const kabi_command *top; /* name NULL: the options before a command */
	const kabi_command *const *commands;
	size_t ncommands;
	const kabi_man_section *sections;
} kabi_program;

/* Called for each option in command-line order; arg is NULL for a flag.
 * Nonzero stops the parse (the callback has printed why). */
typedef int kabi_opt_cb(void *ctx, const kabi_opt *o, const char *arg);

enum {
	KABI_OPTS_STOP = 1, /* stop at the first operand (the program's own options) */
};
#define KABI_OPTS_HELP (-2)

/*
 * Parses argv[1..argc-1] (argv[0] is the command's name) against cmd's
 * options with getopt_long: operands may come between options and are
 * moved after them, unless KABI_OPTS_STOP.  An option's argument that
 * starts with "--" and names one of cmd's options (or is "--") is taken
 * as missing: `--refs --db x` is an error, `--refs=--db` is not.
 *
 * Returns the index of the first operand; KABI_OPTS_HELP for -h/--help
 * (nothing printed); -1 after printing a usage error or when cb failed.
 */
int kabi_opts_parse(const kabi_command *cmd, int argc, char **argv, unsigned flags, kabi_opt_cb *cb,
		    void *ctx);

/* The row of cmd called `name` (exactly), or NULL. */
const kabi_opt *kabi_opts_find(const kabi_command *cmd, const char *name);

/* 1 when synopsis form (up to '\n' or NUL) names option o, as --name or -l. */
int kabi_opts_form_names(const char *form, const kabi_opt *o);

/*
 * Checks that a table is sound: names unique, letters unique and not 'h',
 * every option the synopsis names exists, VALUES rows have values().
 * 0, or -1 with what is wrong in *why (owned by the caller).
 */
int kabi_opts_check(const kabi_command *cmd, char **why);

/* ---- help.c ---- */

/* The usage lines of cmd ("kabi table --abi ABI ..."), '\n'-separated,
 * without "usage: ". */
void kabi_help_usage(kabi_strbuf *sb, const kabi_command *cmd);
/* `kabi CMD --help`: usage, description, options. */
void kabi_help_command(FILE *f, const kabi_command *cmd);
/* `kabi --help`: usage, commands, global options. */
void kabi_help_program(FILE *f, const kabi_program *p);
/* An option as help shows it: "-a, --abi ABI" or "    --quiet". */
void kabi_help_opt_spec(kabi_strbuf *sb, const kabi_opt *o);
/* "text, csv or json": o's values joined (o->values must be set). */
void kabi_help_values(kabi_strbuf *sb, const kabi_opt *o);

/* ---- man.c ---- */

/* The man page, kabi(1), as roff.  0, or -1 when f could not be written. */
int kabi_man_write(FILE *f, const kabi_program *p);

/* ---- complete.c ---- */

/*
 * The hidden `kabi --complete INDEX WORD...` that the bash and zsh
 * completions call: WORD... is the command line (WORD 0 the program),
 * INDEX the word being completed.  Prints the candidates that start with
 * it, one per line; "@files:PREFIX" / "@dirs:PREFIX" ask the shell to
 * complete file or directory names starting with PREFIX.  Catalog names
 * (ABIs, releases, syscalls) come from --db on the line, else $KABI_DB,
 * else ./kabi.db; nothing when it cannot be read.
 */
int kabi_complete(FILE *out, const kabi_program *p, int argc, char **argv);

#endif
