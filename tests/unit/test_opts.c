/*
 * The option tables (query/opts.h): the parser built from a table, the
 * rule that a missing argument never takes the next option, the checks
 * every real command's table must pass, and what help, man and the
 * completion helper make of a table.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"
#include "strbuf.h"
#include "tap.h"

enum { T_REFS = 1, T_QUIET, T_DB, T_DBX, T_SIG };

static const char *vals3(size_t i, const char **help)
{
	static const char *const v[] = {"one", "two", "three"};

	if (help)
		*help = NULL;
	return i < 3 ? v[i] : NULL;
}

static const kabi_opt topts[] = {
	{"refs", 'r', "PATTERN", "a pattern", T_REFS, 0, NULL},
	{"quiet", 'q', NULL, "say less", T_QUIET, 0, NULL},
	{"db", 'd', "FILE", "the catalog", T_DB, KABI_COMPLETE_FILE, NULL},
	{"dbx", 0, "X", "one of three", T_DBX, KABI_COMPLETE_VALUES, vals3},
	{"signatures", 's', NULL, "with signatures", T_SIG, 0, NULL},
	{NULL},
};

static int fake_fn(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const kabi_command tcmd = {
	"t",
	fake_fn,
	"a test command",
	"[REPO] [--refs PATTERN]...\n-s NAME",
	"First paragraph, long enough to be wrapped by help at eighty columns, which it has to be.\n\n"
	"Second -- with --quiet in it.",
	topts,
	KABI_COMPLETE_DIR,
};

/* What the parser reported, as "quiet refs=p1 ..." plus the first operand. */
typedef struct {
	kabi_strbuf log;
	int fail_on; /* an id whose callback fails */
} rec;

static int record(void *ctx, const kabi_opt *o, const char *arg)
{
	rec *r = ctx;

	if (r->log.len)
		kabi_strbuf_putc(&r->log, ' ');
	kabi_strbuf_puts(&r->log, o->name);
	if (arg)
		kabi_strbuf_printf(&r->log, "=%s", arg);
	return o->id == r->fail_on ? -1 : 0;
}

/* Runs the parser on a NULL-terminated list (argv[0] "t"); returns what
 * it saw as "LOG | OPERANDS" or "error: STDERR-FIRST-LINE" or "help". */
static char *parse(unsigned flags, int fail_on, ...)
{
	char *argv[32];
	int argc = 0, i, saved;
	rec r = {KABI_STRBUF_INIT, fail_on};
	kabi_strbuf out = KABI_STRBUF_INIT;
	FILE *err = tmpfile();
	va_list ap;
	const char *a;

	argv[argc++] = "t";
	va_start(ap, fail_on);
	while ((a = va_arg(ap, const char *)) != NULL)
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;

	fflush(stderr);
	saved = dup(2);
	dup2(fileno(err), 2);
	i = kabi_opts_parse(&tcmd, argc, argv, flags, record, &r);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);

	if (i == KABI_OPTS_HELP) {
		kabi_strbuf_puts(&out, "help");
	} else if (i < 0) {
		char line[512] = "";

		rewind(err);
		if (!fgets(line, sizeof(line), err))
			line[0] = '\0';
		line[strcspn(line, "\n")] = '\0';
		kabi_strbuf_printf(&out, "error: %s", line);
	} else {
		kabi_strbuf_printf(&out, "%s |", r.log.len ? r.log.buf : "");
		for (; i < argc; i++)
			kabi_strbuf_printf(&out, " %s", argv[i]);
	}
	fclose(err);
	kabi_strbuf_free(&r.log);
	return kabi_strbuf_detach(&out);
}

#define PARSE(want, ...)                                                                                     \
	do {                                                                                                 \
		char *got_ = parse(0, 0, __VA_ARGS__, (const char *)NULL);                                   \
		tap_eq_str(got_, want, __FILE__, __LINE__, #__VA_ARGS__);                                    \
		free(got_);                                                                                  \
	} while (0)

static void test_parser(void)
{
	char *s;

	/* operands between options move after them, in order */
	PARSE("quiet refs=p1 refs=p2 | a b", "a", "--quiet", "b", "-r", "p1", "--refs=p2");
	PARSE("refs=foo |", "-rfoo");
	PARSE("quiet refs=v |", "-qr", "v");
	PARSE("quiet |", "--qui"); /* an unambiguous abbreviation */
	PARSE("quiet | --quiet", "--quiet", "--", "--quiet");
	PARSE(" | -", "-");

	/* a missing argument */
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN)", "--refs");
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN)", "-r");
	/* ... is never the next option */
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN); '--db' is an option", "--refs",
	      "--db", "x.db");
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN); '--db=x' is an option", "--refs",
	      "--db=x");
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN); '--qu' is an option", "--refs",
	      "--qu");
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN); '--help' is an option", "--refs",
	      "--help");
	PARSE("error: kabi: option '--refs' needs an argument (PATTERN); '--' is an option", "--refs", "--");
	PARSE("error: kabi: option '--db' needs an argument (FILE); '--quiet' is an option", "-d", "--quiet");
	/* ... but may look like one when it names none, or is attached */
	PARSE("refs=--nope |", "--refs", "--nope");
	PARSE("refs=--db | x", "--refs=--db", "x");
	PARSE("refs=--db |", "-r--db");
	PARSE("refs=- |", "--refs", "-");
	PARSE("refs=-q |", "--refs", "-q"); /* only "--" words are options here */

	/* other mistakes */
	PARSE("error: kabi: unknown option '--nope'", "--nope");
	PARSE("error: kabi: unknown option '--quite' (did you mean --quiet?)", "--quite");
	PARSE("error: kabi: option '--quiet' takes no argument", "--quiet=1");
	PARSE("error: kabi: unknown option '-z'", "-qz");
	PARSE("error: kabi: unknown option '--d' (did you mean --db, --dbx?)", "--d", "x"); /* ambiguous */
	PARSE("help", "a", "-h");
	PARSE("help", "--he");

	/* KABI_OPTS_STOP: the program's options end at the command */
	s = parse(KABI_OPTS_STOP, 0, "--db", "f", "cmd", "--quiet", (const char *)NULL);
	EQ_STR(s, "db=f | cmd --quiet");
	free(s);
	/* a callback that fails stops the parse */
	s = parse(0, T_QUIET, "--db", "f", "--quiet", "--refs", "x", (const char *)NULL);
	OK(strncmp(s, "error", 5) == 0, "a failing callback is an error: %s", s);
	free(s);
	/* state does not leak from one parse into the next (a cluster cut short) */
	s = parse(0, 0, "-qz", (const char *)NULL);
	free(s);
	PARSE("signatures |", "-s");
}

static void test_usage(void)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;

	kabi_help_usage(&sb, &tcmd);
	EQ_STR(sb.buf, "kabi t [REPO] [--refs PATTERN]... [--quiet] [--db FILE] [--dbx X]\n"
		       "kabi t -s NAME [--quiet] [--db FILE] [--dbx X]");
	kabi_strbuf_free(&sb);

	OK(kabi_opts_form_names("[-o FILE]", &(kabi_opt){"output", 'o', "FILE", "", 0, 0, NULL}),
	   "-o names it");
	OK(!kabi_opts_form_names("[--outputs]", &(kabi_opt){"output", 'o', "FILE", "", 0, 0, NULL}),
	   "--outputs is another option");
	OK(!kabi_opts_form_names("FOO-o", &(kabi_opt){"output", 'o', "FILE", "", 0, 0, NULL}),
	   "-o inside a word");
}

static void test_tables(void)
{
	static const kabi_opt bad_opts[] = {
		{"abi", 'a', "ABI", "x", 1, 0, NULL},
		{"abi", 'a', "ABI", "x", 1, 0, NULL},
		{"help", 0, NULL, "x", 2, 0, NULL},
		{"vals", 0, "V", "x", 3, KABI_COMPLETE_VALUES, NULL},
		{NULL},
	};
	static const kabi_command bad = {"bad", fake_fn, "", "--abi ABI [--nope]", "", bad_opts, 0};
	const kabi_command *const real[] = {
		&kabi_cmd_harvest, &kabi_cmd_versions, &kabi_cmd_abis,   &kabi_cmd_show,   &kabi_cmd_table,
		&kabi_cmd_diff,    &kabi_cmd_check,    &kabi_cmd_matrix, &kabi_cmd_export, &kabi_cmd_publish};
	char *why;
	size_t i;

	OK(kabi_opts_check(&bad, &why) < 0, "a bad table fails the check");
	OK(why && strstr(why, "--abi twice"), "names the twice: %s", why ? why : "");
	OK(why && strstr(why, "-a twice"), "and the letter");
	OK(why && strstr(why, "--help"), "and --help taken");
	OK(why && strstr(why, "--vals completes values but has none"), "and values missing");
	OK(why && strstr(why, "names --nope"), "and the synopsis' stray option");
	free(why);
	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		OK(kabi_opts_check(real[i], &why) == 0, "kabi %s's table: %s", real[i]->name,
		   why ? why : "ok");
		free(why);
		OK(real[i]->description && real[i]->summary && real[i]->fn, "kabi %s is described",
		   real[i]->name);
	}
	OK(kabi_opts_check(&tcmd, &why) == 0, "the test table: %s", why ? why : "ok");
	free(why);
}

/* What f wrote, as a string owned by the caller. */
static char *written(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	s = calloc(1, (size_t)n + 1);
	rewind(f);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

static void test_help(void)
{
	FILE *f = tmpfile();
	char *s, *line;
	int longest = 0;

	kabi_help_command(f, &tcmd);
	s = written(f);
	OK(strncmp(s, "usage: kabi t [REPO]", 20) == 0, "starts with the usage");
	OK(strstr(s, "\n   or: kabi t -s NAME") != NULL, "and its other form");
	OK(strstr(s, "\n  -r, --refs PATTERN ") != NULL, "lists -r, --refs PATTERN");
	OK(strstr(s, "\n      --dbx X ") != NULL, "a long-only option is indented like the others");
	OK(strstr(s, "one of three: one, two or three") != NULL, "values follow the help line");
	OK(strstr(s, "\n  -h, --help ") != NULL, "--help is implied");
	OK(strstr(s, "\n\nFirst paragraph, long enough to be wrapped by help at eighty columns, which it\n"
		     "has to be.\n\nSecond -- with --quiet in it.\n\noptions:\n") != NULL,
	   "the description is wrapped before column 80, its paragraphs apart");
	for (line = s; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		int len = (int)strcspn(line, "\n");

		if (strncmp(line, "usage:", 6) && strncmp(line, "   or:", 6) && len > longest)
			longest = len;
	}
	OK(longest <= 79 && longest > 60, "lines fit in 80 columns and use them (longest %d)", longest);
	free(s);
}

static void test_man(void)
{
	static const kabi_opt gopts[] = {{"db", 0, "FILE", "the catalog", 1, KABI_COMPLETE_FILE, NULL},
					 {NULL}};
	static const kabi_command top = {NULL,
					 NULL,
					 NULL,
					 "[--db FILE] COMMAND",
					 "About.\n\n.dotted start",
					 gopts,
					 KABI_COMPLETE_COMMAND};
	static const kabi_command *const cmds[] = {&tcmd};
	static const kabi_man_item items[] = {{KABI_MAN_TAG, "0", "fine"},
					      {KABI_MAN_CODE, NULL, "t --db x\n.t"},
					      {KABI_MAN_PARA, NULL, NULL}};
	static const kabi_man_section secs[] = {{"EXIT STATUS", items}, {NULL, NULL}};
	static const kabi_program p = {"kabi", "9.9", "a test", &top, cmds, 1, secs};
	static const char *const requests[] = {".\\\"", ".TH ", ".SH ", ".SS ", ".SY ", ".YS",
					       ".PP",   ".TP",  ".RS",  ".RE",  ".EX",  ".EE"};
	FILE *f = tmpfile();
	char *s, *line;

	OK(kabi_man_write(f, &p) == 0, "man page written");
	s = written(f);
	OK(strstr(s, ".TH KABI 1 \"\" \"kabi 9.9\"") != NULL, "a title line");
	OK(strstr(s, "\n.SH SYNOPSIS\n") && strstr(s, "\n.SH COMMANDS\n.SS t\n") &&
		   strstr(s, "\n.SH EXIT STATUS\n"),
	   "its sections");
	OK(strstr(s, "\\fB\\-r\\fR, \\fB\\-\\-refs\\fR \\fIPATTERN\\fR") != NULL, "an option, in fonts");
	OK(strstr(s, "\\fB\\%\\-\\-quiet\\fR") != NULL, "an option in prose is bold and whole");
	OK(strstr(s, "\n\\&.dotted start\n") != NULL && strstr(s, "\n\\&.t\n") != NULL,
	   "a line starting with a dot is no request");
	for (line = s; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		size_t k, len = strcspn(line, "\n");
		int known = 0, bare = 0;

		if (*line != '.' && *line != '\'') {
			for (k = 0; k < len; k++)
				bare |= line[k] == '-' && (k == 0 || line[k - 1] != '\\');
			OK(!bare, "every '-' is \\-: %.*s", (int)len, line);
			continue;
		}
		for (k = 0; k < sizeof(requests) / sizeof(requests[0]); k++)
			known |= strncmp(line, requests[k], strlen(requests[k])) == 0;
		OK(known, "a request the generator means: %.*s", (int)strcspn(line, "\n"), line);
	}
	free(s);
}

/* kabi_complete's output for a command line, lines joined by ' '. */
static char *complete(const kabi_program *p, const char *index, ...)
{
	char *argv[32];
	int argc = 0;
	const char *a;
	va_list ap;
	FILE *f = tmpfile();
	char *s, *c;

	argv[argc++] = (char *)index;
	va_start(ap, index);
	while ((a = va_arg(ap, const char *)) != NULL)
		argv[argc++] = (char *)a;
	va_end(ap);
	kabi_complete(f, p, argc, argv);
	s = written(f);
	for (c = s; *c; c++)
		if (*c == '\n')
			*c = c[1] ? ' ' : '\0';
	return s;
}

#define COMPLETE(want, ...)                                                                                  \
	do {                                                                                                 \
		char *got_ = complete(&p, __VA_ARGS__, (const char *)NULL);                                  \
		tap_eq_str(got_, want, __FILE__, __LINE__, #__VA_ARGS__);                                    \
		free(got_);                                                                                  \
	} while (0)

static void test_complete(void)
{
	static const kabi_opt gopts[] = {{"db", 0, "FILE", "the catalog", 1, KABI_COMPLETE_FILE, NULL},
					 {"format", 0, "F", "one of three", 2, KABI_COMPLETE_VALUES, vals3},
					 {NULL}};
	static const kabi_command top = {
		NULL, NULL, NULL, "[--db FILE] COMMAND", "About.", gopts, KABI_COMPLETE_COMMAND};
	static const kabi_command other = {"tab", fake_fn, "x", "", "x", NULL, 0};
	static const kabi_command *const cmds[] = {&tcmd, &other};
	static const kabi_program p = {"kabi", "9.9", "a test", &top, cmds, 2, NULL};

	COMPLETE("t tab", "1", "kabi", "");
	COMPLETE("tab", "1", "kabi", "ta");
	COMPLETE("t tab", "3", "kabi", "--db", "x", "");
	COMPLETE("--db --format --help", "1", "kabi", "-");
	COMPLETE("one two three", "2", "kabi", "--format", "");
	COMPLETE("@files:x", "2", "kabi", "--db", "x");
	COMPLETE("--refs --quiet --db --dbx --signatures --help", "2", "kabi", "t", "--");
	COMPLETE("--dbx", "2", "kabi", "t", "--dbx");
	COMPLETE("two three", "3", "kabi", "t", "--dbx", "t");
	COMPLETE("--dbx=two --dbx=three", "2", "kabi", "t", "--dbx=t"); /* zsh's word */
	COMPLETE("two three", "4", "kabi", "t", "--dbx", "=", "t");     /* bash's words */
	COMPLETE("one two three", "3", "kabi", "t", "--dbx", "=");
	COMPLETE("@dirs:", "5", "kabi", "t", "--dbx", "=", "one", ""); /* an operand after it */
	COMPLETE("@dirs:", "3", "kabi", "t", "-qs", "");
	COMPLETE("@files:", "3", "kabi", "t", "-qd", "");     /* a cluster ending in -d */
	COMPLETE("@dirs:--x", "3", "kabi", "t", "--", "--x"); /* after --, an operand */
	COMPLETE("", "3", "kabi", "nope", "--", "");          /* an unknown command */
	COMPLETE("", "3", "kabi", "tab", "");
	COMPLETE("t tab", "2", "kabi", "help", "");
	COMPLETE("", "3", "kabi", "help", "t", "");
	/* a bad request prints nothing and fails */
	COMPLETE("", "0", "kabi");
	COMPLETE("", "x", "kabi");
	COMPLETE("", "7", "kabi", "");
}

int main(void)
{
	test_parser();
	test_usage();
	test_tables();
	test_help();
	test_man();
	test_complete();
	return tap_done();
}
