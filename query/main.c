/*
 * main.c - the kabi command: dispatches to one cmd_* per subcommand.
 * The table below is the help page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"harvest", cmd_harvest, "build or update the catalog from a kernel git repository"},
	{"versions", cmd_versions, "the releases the catalog holds"},
	{"abis", cmd_abis, "the ABIs the catalog holds"},
	{"show", cmd_show, "a syscall's whole history on every ABI"},
	{"table", cmd_table, "the syscall table of an ABI at a release"},
	{"diff", cmd_diff, "what changed between two releases"},
	{"check", cmd_check, "are these syscalls available on that kernel?"},
	{"export", cmd_export, "syscall tables for other tools (json, csv, C header, gdb XML, libseccomp CSV)"},
	{"publish", cmd_publish, "the offline catalog: database, exports and a static web site"},
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: kabi <command> [options]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\ncommon options: --db FILE (default $KABI_DB, then ./kabi.db), --format text|csv|json\n"
		   "'kabi <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? KABI_EXIT_ERROR : KABI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("kabi %s\n", KABI_VERSION);
		return KABI_EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	{
		const char *names[sizeof(commands) / sizeof(commands[0])];
		char *s;

		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			names[i] = commands[i].name;
		s = kabi_suggest(argv[1], names, sizeof(commands) / sizeof(commands[0]));
		kabi_cli_error("unknown command '%s'%s%s%s (see 'kabi --help')", argv[1], *s ? " (did you mean " : "",
			       s, *s ? "?)" : "");
		free(s);
	}
	return KABI_EXIT_ERROR;
}
