/*
 * help.c - `kabi --help`, `kabi CMD --help` and usage lines, from the
 * kabi_command tables (opts.h).
 */
#include <string.h>

#include "opts.h"
#include "strbuf.h"

#define WIDTH 80

/*
 * Writes text word by word from column col, breaking lines before WIDTH
 * and starting each new one at column indent.  "\n\n" starts a new
 * paragraph (an empty line); two spaces stay two (between sentences),
 * any other white space is one space.
 */
static void wrap(FILE *f, const char *text, int indent, int col)
{
	const char *p = text;
	int first = 1, spaces = 0;

	while (*p) {
		size_t len;

		if (*p == '\n' && p[1] == '\n') {
			fprintf(f, "\n\n%*s", indent, "");
			col = indent;
			first = 1;
			p += 2;
			continue;
		}
		if (*p == ' ' || *p == '\n') {
			spaces += *p == ' ' ? 1 : 2;
			p++;
			continue;
		}
		len = strcspn(p, " \n");
		spaces = spaces >= 2 ? 2 : 1;
		if (!first && col + spaces + (int)len >= WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fprintf(f, "%*s", spaces, "");
			col += spaces;
		}
		fwrite(p, 1, len, f);
		col += (int)len;
		first = 0;
		spaces = 0;
		p += len;
	}
	fputc('\n', f);
}

static int named_by_any_form(const char *synopsis, const kabi_opt *o)
{
	const char *form = synopsis;

	for (;;) {
		if (kabi_opts_form_names(form, o))
			return 1;
		form += strcspn(form, "\n");
		if (!*form)
			return 0;
		form++;
	}
}

void kabi_help_usage(kabi_strbuf *sb, const kabi_command *cmd)
{
	const char *form = cmd->synopsis ? cmd->synopsis : "";
	const kabi_opt *o;

	for (;;) {
		size_t len = strcspn(form, "\n");

		kabi_strbuf_puts(sb, "kabi");
		if (cmd->name)
			kabi_strbuf_printf(sb, " %s", cmd->name);
		if (len)
			kabi_strbuf_printf(sb, " %.*s", (int)len, form);
		for (o = cmd->opts; o && o->name; o++) {
			if (named_by_any_form(cmd->synopsis ? cmd->synopsis : "", o))
				continue;
			kabi_strbuf_printf(sb, " [--%s%s%s]", o->name, o->arg ? " " : "",
					   o->arg ? o->arg : "");
		}
		form += len;
		if (!*form)
			break;
		form++;
		kabi_strbuf_putc(sb, '\n');
	}
}

void kabi_help_opt_spec(kabi_strbuf *sb, const kabi_opt *o)
{
	if (o->letter)
		kabi_strbuf_printf(sb, "-%c, ", o->letter);
	else
		kabi_strbuf_puts(sb, "    ");
	kabi_strbuf_printf(sb, "--%s", o->name);
	if (o->arg)
		kabi_strbuf_printf(sb, " %s", o->arg);
}

void kabi_help_values(kabi_strbuf *sb, const kabi_opt *o)
{
	const char *v;
	size_t i;

	for (i = 0; (v = o->values(i, NULL)) != NULL; i++) {
		if (i)
			kabi_strbuf_puts(sb, o->values(i + 1, NULL) ? ", " : " or ");
		kabi_strbuf_puts(sb, v);
	}
}

/* 1 when o's values come with a line of help each (export's formats). */
static int values_have_help(const kabi_opt *o)
{
	const char *help = NULL;

	return o->values && o->values(0, &help) && help;
}

/* The options of an option table, aligned, --help last. */
static void print_opts(FILE *f, const kabi_opt *opts, const char *help_line)
{
	static const kabi_opt help = {"help", 'h', NULL, NULL, 0, 0, NULL};
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i, n = 0;
	int col = 10; /* "-h, --help" */

	while (opts && opts[n].name)
		n++;
	for (i = 0; i < n; i++) {
		kabi_strbuf_reset(&sb);
		kabi_help_opt_spec(&sb, &opts[i]);
		if ((int)sb.len > col)
			col = (int)sb.len;
	}
	col = col + 5 > 30 ? 30 : col + 5;
	for (i = 0; i <= n; i++) {
		const kabi_opt *row = i < n ? &opts[i] : &help;

		kabi_strbuf_reset(&sb);
		kabi_help_opt_spec(&sb, row);
		fprintf(f, "  %s", sb.buf);
		if ((int)sb.len + 2 + 2 > col)
			fprintf(f, "\n%*s", col, "");
		else
			fprintf(f, "%*s", col - 2 - (int)sb.len, "");
		kabi_strbuf_reset(&sb);
		kabi_strbuf_puts(&sb, row == &help ? help_line : row->help);
		if (row->values && !values_have_help(row)) {
			kabi_strbuf_puts(&sb, ": ");
			kabi_help_values(&sb, row);
		} else if (row->values) {
			kabi_strbuf_putc(&sb, ':');
		}
		wrap(f, sb.buf, col, col);
		if (row->values && values_have_help(row)) {
			const char *v, *vh;
			size_t k;

			for (k = 0; (v = row->values(k, &vh)) != NULL; k++) {
				fprintf(f, "%*s%-13s ", col + 2, "", v);
				wrap(f, vh ? vh : "", col + 16, col + 16);
			}
		}
	}
	kabi_strbuf_free(&sb);
}

static void print_usage(FILE *f, const kabi_command *cmd)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *p, *nl;

	kabi_help_usage(&sb, cmd);
	for (p = sb.buf; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		fprintf(f, "%s%.*s\n",
			p == sb.buf ? "usage: " : "   or: ", nl ? (int)(nl - p) : (int)strlen(p), p);
	}
	kabi_strbuf_free(&sb);
}

void kabi_help_command(FILE *f, const kabi_command *cmd)
{
	print_usage(f, cmd);
	if (cmd->description) {
		fputc('\n', f);
		wrap(f, cmd->description, 0, 0);
	}
	fputs("\noptions:\n", f);
	print_opts(f, cmd->opts, "print this help and exit");
}

void kabi_help_program(FILE *f, const kabi_program *p)
{
	size_t i;

	print_usage(f, p->top);
	if (p->top->description) {
		fputc('\n', f);
		wrap(f, p->top->description, 0, 0);
	}
	fputs("\ncommands:\n", f);
	for (i = 0; i < p->ncommands; i++) {
		fprintf(f, "  %-10s ", p->commands[i]->name);
		wrap(f, p->commands[i]->summary, 13, 13);
	}
	fputs("\noptions before the command (as if given after it):\n", f);
	print_opts(f, p->top->opts, "print this help and exit");
	fputs("\n'kabi COMMAND --help' describes a command, 'man kabi' all of them.\n", f);
}
