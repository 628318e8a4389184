/*
 * man.c - kabi(1) as roff, from the same tables as --help (opts.h):
 * `kabi --man` prints it and the build installs its output as kabi.1.
 *
 * Text is written one paragraph per line and left to groff to fill.
 * Every '-' becomes \- (a minus: options copy and paste as typed), every
 * backslash \e, and a line that would start with '.' or '\'' starts with
 * \& so that it is not read as a request.
 */
#include <ctype.h>
#include <string.h>

#include "opts.h"
#include "strbuf.h"

static void esc(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '-')
			fputs("\\-", f);
		else if (s[i] == '\\')
			fputs("\\e", f);
		else
			fputc(s[i], f);
	}
}

/* Starts a text line: "\&" when it would read as a request. */
static void line_start(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
}

static int word_start(const char *s, const char *p)
{
	return p == s || strchr(" [(|'\"", p[-1]);
}

/* Prose: options (--name, -x) in bold, the rest as it is. */
static void prose(FILE *f, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	line_start(f, s);
	while (p < end) {
		size_t n = 0;

		if (*p == '-' && word_start(s, p) && p + 1 < end &&
		    (p[1] == '-' || islower((unsigned char)p[1]))) {
			n = 1 + strspn(p + 1, "-abcdefghijklmnopqrstuvwxyz");
			if (p + n > end)
				n = (size_t)(end - p);
			if (n > 1 && p[n - 1] != '-') {
				/* \% : never hyphenated, a hyphen would read as part of it */
				fputs("\\fB\\%", f);
				esc(f, p, n);
				fputs("\\fR", f);
				p += n;
				continue;
			}
		}
		n = strcspn(p, "-");
		if (n == 0)
			n = 1;
		if (p + n > end)
			n = (size_t)(end - p);
		esc(f, p, n);
		p += n;
	}
}

/* Paragraphs separated by "\n\n", each as .PP and one line. */
static void paragraphs(FILE *f, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *next = strstr(p, "\n\n");
		size_t len = next ? (size_t)(next - p) : strlen(p);

		fputs(".PP\n", f);
		prose(f, p, len);
		fputc('\n', f);
		p += len;
		while (*p == '\n')
			p++;
	}
}

/*
 * A synopsis form: options bold, ALL-CAPS words (the things the user
 * supplies) italic, other words bold, brackets and the rest roman.  A
 * space inside brackets or after an option does not break a line, so
 * that "[--db FILE]" and "--abi ABI" stay whole.
 */
static void synopsis_form(FILE *f, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int depth = 0, after_opt = 0;

	while (p < end) {
		size_t n;

		if ((*p == '-' && word_start(s, p)) || islower((unsigned char)*p)) {
			n = strspn(p, "-abcdefghijklmnopqrstuvwxyz0123456789");
			after_opt = *p == '-';
			fputs("\\fB", f);
		} else if (isupper((unsigned char)*p)) {
			n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			after_opt = 0;
			fputs("\\fI", f);
		} else {
			if (*p == ' ')
				fputs(depth > 0 || after_opt ? "\\ " : " ", f);
			else
				esc(f, p, 1);
			depth += *p == '[' || *p == '(';
			depth -= depth > 0 && (*p == ']' || *p == ')');
			after_opt = after_opt && *p == ' ';
			p++;
			continue;
		}
		if (p + n > end)
			n = (size_t)(end - p);
		esc(f, p, n);
		fputs("\\fR", f);
		p += n;
	}
}

/* Every usage line of cmd as a .SY block. */
static void synopsis(FILE *f, const char *prog, const kabi_command *cmd)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *p, *nl;
	size_t skip = strlen(prog) + (cmd->name ? 1 + strlen(cmd->name) : 0);

	kabi_help_usage(&sb, cmd);
	for (p = sb.buf; p; p = nl ? nl + 1 : NULL) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(f, ".SY \"%s%s%s\"\n", prog, cmd->name ? " " : "", cmd->name ? cmd->name : "");
		if (len > skip + 1)
			synopsis_form(f, p + skip + 1, len - skip - 1);
		fputs("\n.YS\n", f);
	}
	kabi_strbuf_free(&sb);
}

static void opt_list(FILE *f, const kabi_opt *opts)
{
	const kabi_opt *o;

	for (o = opts; o && o->name; o++) {
		const char *v, *vh = NULL;
		size_t i;

		fputs(".TP\n", f);
		if (o->letter)
			fprintf(f, "\\fB\\-%c\\fR, ", o->letter);
		fputs("\\fB\\-\\-", f);
		esc(f, o->name, strlen(o->name));
		fputs("\\fR", f);
		if (o->arg) {
			fputs(" \\fI", f);
			esc(f, o->arg, strlen(o->arg));
			fputs("\\fR", f);
		}
		fputc('\n', f);
		prose(f, o->help, strlen(o->help));
		if (o->values && o->values(0, &vh) && !vh) {
			kabi_strbuf sb = KABI_STRBUF_INIT;

			kabi_help_values(&sb, o);
			fputs(": ", f);
			esc(f, sb.buf, sb.len);
			kabi_strbuf_free(&sb);
		} else if (o->values) {
			fputc(':', f);
		}
		fputc('\n', f);
		if (o->values && vh) {
			size_t w = 0;

			for (i = 0; (v = o->values(i, NULL)) != NULL; i++)
				w = strlen(v) > w ? strlen(v) : w;
			fputs(".RS\n", f);
			for (i = 0; (v = o->values(i, &vh)) != NULL; i++) {
				fprintf(f, ".TP %zu\n\\fB", w + 2);
				esc(f, v, strlen(v));
				fputs("\\fR\n", f);
				prose(f, vh ? vh : "", vh ? strlen(vh) : 0);
				fputc('\n', f);
			}
			fputs(".RE\n", f);
		}
	}
}

static void section(FILE *f, const kabi_man_section *s)
{
	const kabi_man_item *it;

	fprintf(f, ".SH %s\n", s->title);
	for (it = s->items; it->text; it++) {
		const char *p, *nl;

		switch (it->kind) {
		case KABI_MAN_PARA: paragraphs(f, it->text); break;
		case KABI_MAN_TAG:
			fputs(".TP\n\\fB", f);
			line_start(f, it->tag);
			esc(f, it->tag, strlen(it->tag));
			fputs("\\fR\n", f);
			prose(f, it->text, strlen(it->text));
			fputc('\n', f);
			break;
		case KABI_MAN_CODE:
			fputs(".PP\n.RS 4\n.EX\n", f);
			for (p = it->text; p; p = nl ? nl + 1 : NULL) {
				nl = strchr(p, '\n');
				line_start(f, p);
				esc(f, p, nl ? (size_t)(nl - p) : strlen(p));
				fputc('\n', f);
			}
			fputs(".EE\n.RE\n", f);
			break;
		}
	}
}

int kabi_man_write(FILE *f, const kabi_program *p)
{
	const kabi_man_section *s;
	size_t i;

	fprintf(f, ".\\\" %s(1), made by `%s --man` from the tables of its options; do not edit.\n", p->name,
		p->name);
	fprintf(f, ".TH %s 1 \"\" \"%s %s\" \"User Commands\"\n", "KABI", p->name, p->version);
	fprintf(f, ".SH NAME\n%s \\- ", p->name);
	esc(f, p->summary, strlen(p->summary));
	fputs("\n.SH SYNOPSIS\n", f);
	synopsis(f, p->name, p->top);
	for (i = 0; i < p->ncommands; i++)
		synopsis(f, p->name, p->commands[i]);
	fputs(".SH DESCRIPTION\n", f);
	paragraphs(f, p->top->description);

	fputs(".SH OPTIONS\n", f);
	opt_list(f, p->top->opts);
	fputs(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nprint the help of kabi, or of the command it follows, and exit\n",
	      f);
	paragraphs(f,
		   "Every command takes -h, --help.  A command's options may come before, between or after "
		   "its operands (after --, everything is an operand), and may be abbreviated where that is "
		   "unambiguous.  An option's argument that starts with -- and names one of the command's "
		   "options is taken as missing: --refs --db x is an error, --refs=--db is not.");

	fputs(".SH COMMANDS\n", f);
	for (i = 0; i < p->ncommands; i++) {
		const kabi_command *c = p->commands[i];

		fprintf(f, ".SS %s\n", c->name);
		synopsis(f, p->name, c);
		paragraphs(f, c->description);
		opt_list(f, c->opts);
	}
	for (s = p->sections; s && s->title; s++)
		section(f, s);
	fflush(f);
	return ferror(f) ? -1 : 0;
}
