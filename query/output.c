#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "output.h"
#include "utf8.h"
#include "strbuf.h"

typedef struct {
	char *name;
	char **cols;
	kabi_col_type *types;
	size_t ncols;
	char **cells; /* nrows * ncols */
	size_t nrows, acells;
	char *footer;
	unsigned cut; /* text: cut lines to this many columns; 0: never */
} out_table;

struct kabi_out {
	kabi_out_format fmt;
	out_table *t;
	size_t n, alloc;
};

/* Indexed by kabi_out_format. */
static const char *const format_names[] = {"text", "csv", "json"};
_Static_assert(sizeof(format_names) / sizeof(format_names[0]) == KABI_OUT_JSON + 1,
	       "a name per kabi_out_format");

int kabi_out_format_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(s, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *kabi_out_format_value(size_t i, const char **help)
{
	if (help)
		*help = NULL;
	return i < sizeof(format_names) / sizeof(format_names[0]) ? format_names[i] : NULL;
}

kabi_out *kabi_out_new(kabi_out_format fmt)
{
	kabi_out *o = kabi_calloc(1, sizeof(*o));

	o->fmt = fmt;
	return o;
}

void kabi_out_free(kabi_out *o)
{
	size_t i, j;

	if (!o)
		return;
	for (i = 0; i < o->n; i++) {
		out_table *t = &o->t[i];

		for (j = 0; j < t->ncols; j++)
			free(t->cols[j]);
		for (j = 0; j < t->nrows * t->ncols; j++)
			free(t->cells[j]);
		free(t->cols);
		free(t->types);
		free(t->cells);
		free(t->name);
		free(t->footer);
	}
	free(o->t);
	free(o);
}

void kabi_out_table(kabi_out *o, const char *name, const char *const *cols, size_t ncols)
{
	out_table *t;
	size_t i;

	KABI_ARRAY_GROW(o->t, o->n + 1, o->alloc);
	t = &o->t[o->n++];
	memset(t, 0, sizeof(*t));
	t->name = kabi_strdup(name);
	t->ncols = ncols;
	t->cols = kabi_calloc(ncols, sizeof(*t->cols));
	t->types = kabi_calloc(ncols, sizeof(*t->types));
	for (i = 0; i < ncols; i++) {
		const char *colon = strchr(cols[i], ':');

		t->cols[i] = colon ? kabi_strndup(cols[i], (size_t)(colon - cols[i])) : kabi_strdup(cols[i]);
		t->types[i] = !colon                           ? KABI_COL_STR
			      : strcmp(colon + 1, "int") == 0  ? KABI_COL_INT
			      : strcmp(colon + 1, "bool") == 0 ? KABI_COL_BOOL
			      : strcmp(colon + 1, "opt") == 0  ? KABI_COL_OPT
							       : KABI_COL_STR;
	}
}

void kabi_out_row(kabi_out *o, const char *const *vals)
{
	out_table *t = &o->t[o->n - 1];
	size_t i;

	KABI_ARRAY_GROW(t->cells, (t->nrows + 1) * t->ncols, t->acells);
	/* text goes to a terminal: no control character or invalid byte from
	 * a catalog (an older one, or a crafted one) reaches it as such */
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = !vals[i]                  ? NULL
						    : o->fmt == KABI_OUT_TEXT ? kabi_utf8_clean(vals[i])
									      : kabi_strdup(vals[i]);
	t->nrows++;
}

void kabi_out_footer(kabi_out *o, const char *fmt, ...)
{
	out_table *t = &o->t[o->n - 1];
	kabi_strbuf sb = KABI_STRBUF_INIT;
	va_list ap;

	if (t->footer) {
		kabi_strbuf_puts(&sb, t->footer);
		kabi_strbuf_putc(&sb, '\n');
		free(t->footer);
	}
	va_start(ap, fmt);
	kabi_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	t->footer = kabi_strbuf_detach(&sb);
}

void kabi_out_cut(kabi_out *o, unsigned width)
{
	o->t[o->n - 1].cut = width;
}

unsigned kabi_out_tty_width(FILE *f)
{
	struct winsize ws;
	int fd = fileno(f);

	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return 0;
	return ws.ws_col;
}

size_t kabi_out_rows(const kabi_out *o)
{
	return o->n ? o->t[o->n - 1].nrows : 0;
}

/* Writes one line of a text table (without its newline) and the newline;
 * wider than width columns (width > 0), it is cut to width - 1 columns and
 * "…".  A column is a UTF-8 character: continuation bytes take none. */
static void put_line(FILE *f, const char *line, size_t len, unsigned width)
{
	size_t i, cols = 0, keep = len;

	if (width) {
		for (i = 0; i < len; i++) {
			if (((unsigned char)line[i] & 0xc0) == 0x80)
				continue;
			if (++cols == width) /* room for width - 1 and the mark */
				keep = i;
			if (cols > width)
				break;
		}
	}
	if (width && cols > width) {
		fwrite(line, 1, keep, f);
		fputs("\xe2\x80\xa6\n", f); /* U+2026 HORIZONTAL ELLIPSIS */
	} else {
		fwrite(line, 1, len, f);
		fputc('\n', f);
	}
}

/* The columns a table shows: trailing ":opt" columns that no row fills
 * are left out, in every format (the columns before them never move). */
static size_t shown_cols(const out_table *t)
{
	size_t r, ncols = t->ncols;

	while (ncols > 1 && t->types[ncols - 1] == KABI_COL_OPT) {
		for (r = 0; r < t->nrows && !t->cells[r * t->ncols + ncols - 1]; r++)
			;
		if (r < t->nrows)
			break;
		ncols--;
	}
	return ncols;
}

static void print_text(const out_table *t, FILE *f)
{
	size_t *w = kabi_calloc(t->ncols, sizeof(*w));
	kabi_strbuf line = KABI_STRBUF_INIT;
	size_t r, c, ncols = shown_cols(t);

	for (c = 0; c < t->ncols; c++)
		w[c] = strlen(t->cols[c]);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			size_t l = v ? strlen(v) : 0;

			if (l > w[c])
				w[c] = l;
		}
	/* r == 0: the header; then the rows */
	for (r = 0; t->nrows && r <= t->nrows; r++) {
		kabi_strbuf_reset(&line);
		for (c = 0; c < ncols; c++) {
			const char *v = r ? t->cells[(r - 1) * t->ncols + c] : t->cols[c];

			if (c + 1 < ncols)
				kabi_strbuf_printf(&line, t->types[c] == KABI_COL_INT ? "%*s  " : "%-*s  ",
						   (int)w[c], v ? v : "");
			else
				kabi_strbuf_puts(&line, v ? v : "");
		}
		put_line(f, line.buf ? line.buf : "", line.len, t->cut);
	}
	if (t->footer)
		fprintf(f, "%s\n", t->footer);
	kabi_strbuf_free(&line);
	free(w);
}

static void csv_field(FILE *f, const char *v)
{
	if (!v)
		return;
	if (strpbrk(v, ",\"\n\r")) {
		fputc('"', f);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', f);
			fputc(*v, f);
		}
		fputc('"', f);
	} else {
		fputs(v, f);
	}
}

static void print_csv(const out_table *t, FILE *f)
{
	size_t r, c, ncols = shown_cols(t);

	for (c = 0; c < ncols; c++) {
		csv_field(f, t->cols[c]);
		fputc(c + 1 < ncols ? ',' : '\n', f);
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < ncols; c++) {
			csv_field(f, t->cells[r * t->ncols + c]);
			fputc(c + 1 < ncols ? ',' : '\n', f);
		}
}

/* JSON is UTF-8: a byte of a catalog's text that starts no valid sequence
 * (an older catalog's, a crafted one's) is written as U+FFFD. */
static void json_string(FILE *f, const char *s)
{
	const char *end = s + strlen(s);

	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		size_t k = ch < 0x80 ? 1 : kabi_utf8_seq(s, (size_t)(end - s));

		if (!k) {
			fputs("\xef\xbf\xbd", f);
		} else if (k > 1) {
			fwrite(s, 1, k, f);
			s += k - 1;
		} else if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static int is_number(const char *v)
{
	char *end;

	if (!*v)
		return 0;
	strtoll(v, &end, 10);
	return *end == '\0';
}

static void print_json_table(const out_table *t, FILE *f, const char *indent)
{
	size_t r, c, ncols = shown_cols(t);

	fputs("[", f);
	for (r = 0; r < t->nrows; r++) {
		fprintf(f, "%s\n%s  {", r ? "," : "", indent);
		for (c = 0; c < ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];

			if (c)
				fputs(", ", f);
			json_string(f, t->cols[c]);
			fputs(": ", f);
			if (!v)
				fputs("null", f);
			else if (t->types[c] == KABI_COL_INT && is_number(v))
				fputs(v, f);
			else if (t->types[c] == KABI_COL_BOOL)
				fputs(strcmp(v, "0") && strcmp(v, "no") && strcmp(v, "false") ? "true"
											      : "false",
				      f);
			else
				json_string(f, v);
		}
		fputs("}", f);
	}
	fprintf(f, "%s]", t->nrows ? "\n" : "");
	if (!*indent)
		fputc('\n', f);
}

void kabi_out_print(kabi_out *o, FILE *f)
{
	size_t i;

	switch (o->fmt) {
	case KABI_OUT_TEXT:
		for (i = 0; i < o->n; i++) {
			if (i && (o->t[i].nrows || o->t[i].footer))
				fputc('\n', f);
			print_text(&o->t[i], f);
		}
		break;
	case KABI_OUT_CSV:
		for (i = 0; i < o->n; i++) {
			if (i)
				fputc('\n', f);
			print_csv(&o->t[i], f);
		}
		break;
	case KABI_OUT_JSON:
		if (o->n == 1) {
			print_json_table(&o->t[0], f, "");
			break;
		}
		fputs("{", f);
		for (i = 0; i < o->n; i++) {
			fprintf(f, "%s\n  ", i ? "," : "");
			json_string(f, o->t[i].name);
			fputs(": ", f);
			print_json_table(&o->t[i], f, "  ");
		}
		fputs("\n}\n", f);
		break;
	}
}
