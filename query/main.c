/*
 * main.c - the kabi command: the table of commands, the options that may
 * come before a command, and the parts of the man page that are about the
 * program as a whole.  `kabi --help`, the man page (`kabi --man`) and the
 * shell completions (`kabi --complete`) are made from these tables and
 * the commands' own (opts.h); main() dispatches to one cmd_* per command.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "export.h"
#include "strbuf.h"

/*
 * main.c is built twice (docs/architecture.md "Two programs"): kabi, with
 * KABI_HELPER 0, links neither libgit2 nor libxml2 and hands harvest,
 * publish and the gdb-xml export to kabi-helper (KABI_HELPER 1), which
 * has them: the same tables, so --help, the man page and the completions
 * are one.
 */
#ifndef KABI_HELPER
#define KABI_HELPER 0
#endif

#if !KABI_HELPER
const int kabi_cli_helper = 0; /* kabi-helper's 1 is in helper_harvest.c */

int cmd_harvest(int argc, char **argv)
{
	return kabi_cli_exec_helper(argc, argv);
}

int cmd_publish(int argc, char **argv)
{
	return kabi_cli_exec_helper(argc, argv);
}

/* Not called: cmd_export hands a format marked in_helper over before it
 * opens the catalog. */
int kabi_export_gdb_xml(const kabi_export_table *t, FILE *f)
{
	return kabi_error_set(KABI_EINVALID, "gdb-xml is written by kabi-helper");
}
#endif

static const kabi_opt globals[] = {
	{"db", 0, "FILE", KABI_OPT_DB_HELP, KABI_O_DB, KABI_COMPLETE_FILE, NULL},
	{"format", 0, "FORMAT", "the output format of the query commands (default text)", KABI_O_FORMAT,
	 KABI_COMPLETE_VALUES, kabi_out_format_value},
	{"version", 0, NULL, "print kabi's version and exit", KABI_O_VERSION, 0, NULL},
	{NULL},
};

static const kabi_command top = {
	NULL,
	NULL,
	NULL,
	"[--db FILE] [--format FORMAT] COMMAND [ARG]...\n--version",
	"kabi reads the history of a Linux kernel git repository and builds a catalog (one SQLite file) of "
	"every system call on every ABI: its number as user space passes it, its entry points, whether it is "
	"implemented, release by release, the events that changed them, each with the commit that made it, "
	"and every syscall's argument list.  From the catalog it answers compatibility questions: what "
	"changed between two kernels, whether a program's system calls exist on a given kernel, and what the "
	"syscall table of an ABI looked like at any release.\n\n"
	"--db and --format may come before the command, as if given after it.  An option's value is the next "
	"word unless that word is an option of the command (before the command: any word that starts with "
	"--), which is an error; write --db=--odd-name for a value like that.  Versions are written v6.1, "
	"6.1 (the newest 6.1.y the catalog has, when it lacks v6.1 itself) or 6.1.0.",
	globals,
	KABI_COMPLETE_COMMAND,
};

static const kabi_command *const commands[] = {
	&kabi_cmd_harvest, &kabi_cmd_versions, &kabi_cmd_abis,   &kabi_cmd_show,   &kabi_cmd_table,
	&kabi_cmd_diff,    &kabi_cmd_check,    &kabi_cmd_matrix, &kabi_cmd_export, &kabi_cmd_publish,
};

static const kabi_man_item exit_status[] = {
	{KABI_MAN_TAG, "0",
	 "success; for check, the input runs: every syscall is available, or some optional one is missing and "
	 "its fallbacks are there (the verdict lists them: \"runs with fallbacks: statx -> newfstatat\"); "
	 "a syscall whose every definition is built only under a Kconfig option is available, its status "
	 "\"available if CONFIG_FANOTIFY\" (csv, json: a config column)"},
	{KABI_MAN_TAG, "1",
	 "check only: the input does not run on that kernel (a required syscall, or an optional one and its "
	 "fallback, is missing), or --min finds no release on which it runs"},
	{KABI_MAN_TAG, "2",
	 "an error: a usage error (with a usage line), a catalog or input that cannot be read, an unknown "
	 "ABI, release or syscall name.  The message is one line starting with \"kabi: \"."},
	{KABI_MAN_TAG, "3",
	 "check only: unknown: nothing required is missing, but some syscall is in the table where the "
	 "catalog did not read the era's entry table, so whether it is implemented is unknown (the verdict "
	 "lists them); --min: the only syscalls never known implemented are such ones"},
	{KABI_MAN_PARA, NULL, NULL},
};

static const kabi_man_item environment[] = {
	{KABI_MAN_TAG, "KABI_DB", "the catalog of every command when no --db is given (then ./kabi.db)"},
	{KABI_MAN_TAG, "KABI_SCHEMA_DOC",
	 "the schema document that publish copies to DIR/schema.md; by default the installed docs/schema.md, "
	 "else that of the source tree kabi was built from, and without either the catalog's own CREATE "
	 "statements"},
	{KABI_MAN_TAG, "KABI_TRACE_PHASES",
	 "when set, harvest prints each phase's wall and CPU time and memory use to standard error (for performance "
	 "work)"},
	{KABI_MAN_TAG, "KABI_TEST_HARVEST_DELAY_MS",
	 "for the tests only: harvest pauses this many milliseconds per step of each phase, so that a test "
	 "can interrupt it midway or watch its progress"},
	{KABI_MAN_TAG, "COLUMNS",
	 "the width of the progress bar when standard error is a terminal whose width "
	 "cannot be asked"},
	{KABI_MAN_TAG, "HOME", "the shell completions read it to expand a --db path that starts with ~/"},
	{KABI_MAN_PARA, NULL, NULL},
};

static const kabi_man_item files[] = {
	{KABI_MAN_TAG, "./kabi.db", "the catalog when neither --db nor KABI_DB names one"},
	{KABI_MAN_TAG, "CATALOG.lock",
	 "beside the catalog: held by a running harvest, so that two harvests of one catalog do not run at "
	 "once"},
	{KABI_MAN_TAG, "CATALOG.tmp-PID",
	 "beside the catalog: the new catalog a harvest writes, renamed over the old one only when complete"},
	{KABI_MAN_TAG, "libexec/kabi/kabi-helper",
	 "under the installation prefix: the program that harvest, publish and export --format gdb-xml run in "
	 "(kabi itself does not load libgit2 and libxml2); kabi looks for it beside itself, then relative to "
	 "itself, then where it was installed"},
	{KABI_MAN_TAG, "share/doc/kabi/",
	 "under the installation prefix: README.md, and docs/ with the catalog's schema (schema.md), the "
	 "export formats (formats.md) and the published site (publish.md)"},
	{KABI_MAN_PARA, NULL, NULL},
};

static const kabi_man_item examples[] = {
	{KABI_MAN_PARA, NULL,
	 "Build the catalog from every release tag of a linux.git clone; run it again after a git fetch to "
	 "add only the new releases:"},
	{KABI_MAN_CODE, NULL, "kabi harvest /path/to/linux.git --db kabi.db"},
	{KABI_MAN_PARA, NULL,
	 "What changed on x86_64 between 6.1 and 6.12, argument lists included, and the events with their "
	 "commits:"},
	{KABI_MAN_CODE, NULL,
	 "kabi diff v6.1 v6.12 --abi x86_64 --signatures\nkabi diff v6.1 v6.12 --abi x86_64 --events"},
	{KABI_MAN_PARA, NULL,
	 "Will a program that uses these syscalls run on 6.1 (exit 1: mseal and cachestat came later)?  And "
	 "from which release on does a binary find every syscall it needs?"},
	{KABI_MAN_CODE, NULL,
	 "kabi check --abi x86_64 --kernel v6.1 openat2 clone3 cachestat mseal\nkabi check --min ./prog"},
	{KABI_MAN_PARA, NULL, "The syscall table of arm64 at 6.12 as CSV, and as a C header:"},
	{KABI_MAN_CODE, NULL,
	 "kabi table --abi arm64 --at v6.12 --format csv\n"
	 "kabi export --format c-header --abi arm64 --at v6.12 -o syscalls.h"},
	{KABI_MAN_PARA, NULL, "Publish the catalog as a static web site, and query it with SQL:"},
	{KABI_MAN_CODE, NULL, "kabi publish site/\nsqlite3 site/kabi.db"},
	{KABI_MAN_PARA, NULL, NULL},
};

static const kabi_man_item see_also[] = {
	{KABI_MAN_PARA, NULL,
	 "git(1), sqlite3(1), strace(1), syscall(2), syscalls(2), seccomp(2); README.md and docs/ in "
	 "share/doc/kabi."},
	{KABI_MAN_PARA, NULL, NULL},
};

static const kabi_man_section sections[] = {
	{"EXIT STATUS", exit_status}, {"ENVIRONMENT", environment}, {"FILES", files},
	{"EXAMPLES", examples},       {"SEE ALSO", see_also},       {NULL, NULL},
};

static const kabi_program program = {
	"kabi",   KABI_VERSION, "the Linux system-call ABI, as a catalog",
	&top,     commands,     sizeof(commands) / sizeof(commands[0]),
	sections,
};

static const kabi_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < program.ncommands; i++)
		if (strcmp(name, commands[i]->name) == 0)
			return commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	size_t i;
	char *s;

	for (i = 0; i < program.ncommands; i++)
		names[i] = commands[i]->name;
	s = kabi_suggest(name, names, program.ncommands);
	kabi_cli_error("unknown command '%s'%s%s%s (see 'kabi --help')", name, *s ? " (did you mean " : "", s,
		       *s ? "?)" : "");
	free(s);
	return KABI_EXIT_ERROR;
}

/*
 * Runs cmd with the options given before it (g) first, as "--name=value"
 * so that a value that looks like an option stays a value, and its own
 * arguments after them, so that those win.
 */
static int run(const kabi_command *cmd, const kabi_cli_opts *g, int argc, char **argv)
{
	const char *name[2] = {"db", "format"}, *val[2] = {g->db, g->format};
	char **args = kabi_malloc((size_t)(argc + 3) * sizeof(*args));
	char *owned[2] = {NULL, NULL};
	int i, n = 0, rc = KABI_EXIT_ERROR;

	args[n++] = argv[0];
	for (i = 0; i < 2; i++) {
		kabi_strbuf sb = KABI_STRBUF_INIT;

		if (!val[i])
			continue;
		if (!kabi_opts_find(cmd, name[i])) {
			kabi_cli_usage(cmd, "'%s' takes no --%s", cmd->name, name[i]);
			goto out;
		}
		kabi_strbuf_printf(&sb, "--%s=%s", name[i], val[i]);
		args[n++] = owned[i] = kabi_strbuf_detach(&sb);
	}
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	rc = cmd->fn(n, args);
out:
	free(owned[0]);
	free(owned[1]);
	free(args);
	return rc;
}

/*
 * Every answer goes to stdout: a write error there (a full disk, a closed
 * pipe's reader gone, /dev/full) must not end in exit 0 with half an
 * answer.  Called once the command has finished.
 */
static int check_stdout(int ret)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno;

		kabi_cli_error("cannot write the output: %s", strerror(e ? e : EIO));
		return KABI_EXIT_ERROR;
	}
	return ret;
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv)
{
	return check_stdout(dispatch(argc, argv));
}

static int dispatch(int argc, char **argv)
{
	const kabi_command *cmd;
	kabi_cli_opts g;
	int i;

	/* the hidden helpers of the build and the shell completions */
	if (argc >= 2 && strcmp(argv[1], "--complete") == 0)
		return kabi_complete(stdout, &program, argc - 2, argv + 2);
	if (argc == 2 && strcmp(argv[1], "--man") == 0)
		return kabi_man_write(stdout, &program) ? KABI_EXIT_ERROR : KABI_EXIT_OK;

	if (argc < 2) {
		kabi_help_program(stderr, &program);
		return KABI_EXIT_ERROR;
	}
	memset(&g, 0, sizeof(g));
	i = kabi_opts_parse(&top, argc, argv, KABI_OPTS_STOP, kabi_cli_set_opt, &g);
	if (i == KABI_OPTS_HELP) {
		kabi_help_program(stdout, &program);
		return KABI_EXIT_OK;
	}
	if (i < 0)
		return KABI_EXIT_ERROR;
	if (g.version) {
		printf("kabi %s\n", KABI_VERSION);
		return KABI_EXIT_OK;
	}
	if (i == argc)
		return kabi_cli_usage(&top, "which command? (see 'kabi --help')");
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 == argc) {
			kabi_help_program(stdout, &program);
			return KABI_EXIT_OK;
		}
		cmd = find_command(argv[i + 1]);
		if (!cmd)
			return unknown_command(argv[i + 1]);
		kabi_help_command(stdout, cmd);
		return KABI_EXIT_OK;
	}
	cmd = find_command(argv[i]);
	if (!cmd)
		return unknown_command(argv[i]);
	return run(cmd, &g, argc - i, argv + i);
}
