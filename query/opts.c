/*
 * opts.c - the parser that kabi_command tables describe (see opts.h).
 */
#include <assert.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "strbuf.h"

/* getopt_long's value for row i of a table: above every char, so it can
 * never be mistaken for a short option. */
#define ROW_VAL(i) (256 + (int)(i))

static size_t nopts(const kabi_command *cmd)
{
	size_t n = 0;

	while (cmd->opts && cmd->opts[n].name)
		n++;
	return n;
}

const kabi_opt *kabi_opts_find(const kabi_command *cmd, const char *name)
{
	size_t i, n = nopts(cmd);

	for (i = 0; i < n; i++)
		if (strcmp(cmd->opts[i].name, name) == 0)
			return &cmd->opts[i];
	return NULL;
}

/* The row getopt_long returned c for (a row value or a short letter). */
static const kabi_opt *row_of(const kabi_command *cmd, int c)
{
	size_t i, n = nopts(cmd);

	if (c >= ROW_VAL(0) && c < ROW_VAL(n))
		return &cmd->opts[c - ROW_VAL(0)];
	for (i = 0; i < n; i++)
		if (c && cmd->opts[i].letter == c)
			return &cmd->opts[i];
	return NULL;
}

/*
 * 1 when word would be read as one of cmd's options: "--" itself, or
 * "--name" / "--name=..." where name is an option or the start of one
 * (getopt_long takes unambiguous abbreviations), --help included.  Before
 * the command (cmd->name NULL) any "--word" is: the command whose options
 * it may name is not known yet (kabi --db --abi x versions).
 */
static int names_option(const kabi_command *cmd, const char *word)
{
	size_t i, n = nopts(cmd), len;
	const char *name;

	if (strncmp(word, "--", 2) != 0)
		return 0;
	if (!cmd->name)
		return 1;
	name = word + 2;
	len = strcspn(name, "=");
	if (len == 0)
		return name[0] == '\0';
	if (strncmp("help", name, len) == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strncmp(cmd->opts[i].name, name, len) == 0)
			return 1;
	return 0;
}

/*
 * "unknown option '--sigs' (did you mean --signatures?)"; before a
 * command, the options that may come there instead (a command's own
 * options are the likely mistake, and their names are not these).
 */
static int unknown_option(const kabi_command *cmd, const char *word)
{
	size_t i, n = nopts(cmd), len = strcspn(word, "=");
	const char **names = calloc(n + 1, sizeof(*names));
	kabi_strbuf w = KABI_STRBUF_INIT, list = KABI_STRBUF_INIT;
	char *s;

	for (i = 0; i < n; i++) {
		names[i] = cmd->opts[i].name;
		kabi_strbuf_printf(&list, "--%s, ", names[i]);
	}
	names[n] = "help";
	kabi_strbuf_puts(&list, "--help");
	kabi_strbuf_add(&w, word, len);
	if (!cmd->name) {
		kabi_cli_usage(cmd, "unknown option '%s' before the command (options there: %s)", w.buf,
			       list.buf);
	} else {
		kabi_strbuf dashed = KABI_STRBUF_INIT;
		const char *p;

		s = kabi_suggest(w.buf + strspn(w.buf, "-"), names, n + 1);
		for (p = s; *p; p += strcspn(p, ",")) {
			if (*p == ',')
				p += 2;
			kabi_strbuf_printf(&dashed, "%s--%.*s", dashed.len ? ", " : "", (int)strcspn(p, ","),
					   p);
		}
		kabi_cli_usage(cmd, "unknown option '%s'%s%s%s", w.buf, *s ? " (did you mean " : "",
			       dashed.len ? dashed.buf : "", *s ? "?)" : "");
		kabi_strbuf_free(&dashed);
		free(s);
	}
	kabi_strbuf_free(&w);
	kabi_strbuf_free(&list);
	free(names);
	return -1;
}

int kabi_opts_parse(const kabi_command *cmd, int argc, char **argv, unsigned flags, kabi_opt_cb *cb,
		    void *ctx)
{
	size_t i, n = nopts(cmd);
	struct option *lo = calloc(n + 2, sizeof(*lo));
	kabi_strbuf so = KABI_STRBUF_INIT;
	int c, ret = -1;

	/* "+" stops at the first operand, ":" makes a missing argument ':' */
	kabi_strbuf_puts(&so, flags & KABI_OPTS_STOP ? "+:h" : ":h");
	for (i = 0; i < n; i++) {
		const kabi_opt *o = &cmd->opts[i];

		assert(o->letter != 'h');
		lo[i].name = o->name;
		lo[i].has_arg = o->arg ? required_argument : no_argument;
		lo[i].val = ROW_VAL(i);
		if (o->letter) {
			kabi_strbuf_putc(&so, o->letter);
			if (o->arg)
				kabi_strbuf_putc(&so, ':');
		}
	}
	lo[n].name = "help";
	lo[n].has_arg = no_argument;
	lo[n].val = 'h';

	/* optind 0 makes glibc start over (this runs twice per process: the
	 * program's options, then the command's). */
	optind = 0;
	opterr = 0;
	for (;;) {
		const kabi_opt *o;

		c = getopt_long(argc, argv, so.buf, lo, NULL);
		if (c == -1) {
			ret = optind;
			break;
		}
		if (c == 'h') {
			ret = KABI_OPTS_HELP;
			break;
		}
		if (c == ':') {
			o = row_of(cmd, optopt);
			assert(o);
			kabi_cli_usage(cmd, "option '--%s' needs an argument (%s)", o->name, o->arg);
			break;
		}
		if (c == '?') {
			/* optopt: 0 for an unknown or ambiguous long option, a
			 * row for a flag given "=value", else the unknown letter */
			o = optopt ? row_of(cmd, optopt) : NULL;
			if (o && !o->arg && strncmp(argv[optind - 1], "--", 2) == 0)
				kabi_cli_usage(cmd, "option '--%s' takes no argument", o->name);
			else if (optopt)
				kabi_cli_usage(cmd, "unknown option '-%c'", optopt);
			else
				unknown_option(cmd, argv[optind - 1]);
			break;
		}
		o = row_of(cmd, c);
		assert(o);
		/* optarg is the whole next word only when it was not attached
		 * (--refs=x, -rx): then the user may have left it out. */
		if (o->arg && optarg == argv[optind - 1] && names_option(cmd, optarg)) {
			kabi_cli_usage(cmd, "option '--%s' needs an argument (%s); '%s' is an option",
				       o->name, o->arg, optarg);
			break;
		}
		if (cb(ctx, o, o->arg ? optarg : NULL) != 0)
			break;
	}
	kabi_strbuf_free(&so);
	free(lo);
	return ret;
}

int kabi_opts_form_names(const char *form, const kabi_opt *o)
{
	const char *end = form + strcspn(form, "\n"), *p;
	size_t len = strlen(o->name);

	for (p = form; p < end; p++) {
		int before = p == form || strchr(" [(|", p[-1]);

		if (!before || *p != '-')
			continue;
		if (p[1] == '-' && (size_t)(end - p) >= len + 2 && strncmp(p + 2, o->name, len) == 0 &&
		    !strchr("abcdefghijklmnopqrstuvwxyz-", p[2 + len] ? p[2 + len] : ' '))
			return 1;
		if (o->letter && p[1] == o->letter && (p + 2 == end || strchr(" ]|)", p[2])))
			return 1;
	}
	return 0;
}

int kabi_opts_check(const kabi_command *cmd, char **why)
{
	size_t i, j, n = nopts(cmd);
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *f, *name = cmd->name ? cmd->name : "(program)";

	for (i = 0; i < n; i++) {
		const kabi_opt *o = &cmd->opts[i];

		if (o->letter == 'h' || strcmp(o->name, "help") == 0)
			kabi_strbuf_printf(&sb, "%s: --%s takes the place of --help\n", name, o->name);
		if (!o->help || !*o->help)
			kabi_strbuf_printf(&sb, "%s: --%s has no help line\n", name, o->name);
		if ((o->complete & KABI_COMPLETE_VALUES) && !o->values)
			kabi_strbuf_printf(&sb, "%s: --%s completes values but has none\n", name, o->name);
		if (!o->arg && (o->complete || o->values))
			kabi_strbuf_printf(&sb, "%s: --%s is a flag with values\n", name, o->name);
		for (j = i + 1; j < n; j++) {
			if (strcmp(o->name, cmd->opts[j].name) == 0)
				kabi_strbuf_printf(&sb, "%s: --%s twice\n", name, o->name);
			if (o->letter && o->letter == cmd->opts[j].letter)
				kabi_strbuf_printf(&sb, "%s: -%c twice\n", name, o->letter);
		}
	}
	/* every --word of the synopsis is an option of the table */
	for (f = cmd->synopsis ? cmd->synopsis : ""; (f = strstr(f, "--")) != NULL; f += 2) {
		size_t len = strspn(f + 2, "abcdefghijklmnopqrstuvwxyz-");
		int found = 0;

		for (i = 0; i < n; i++)
			if (strlen(cmd->opts[i].name) == len && strncmp(cmd->opts[i].name, f + 2, len) == 0)
				found = 1;
		if (!found && !(len == 4 && strncmp(f + 2, "help", 4) == 0))
			kabi_strbuf_printf(&sb, "%s: the synopsis names --%.*s, which is no option\n", name,
					   (int)len, f + 2);
		f += len;
	}
	if (!sb.len) {
		*why = NULL;
		return 0;
	}
	*why = kabi_strbuf_detach(&sb);
	return -1;
}
