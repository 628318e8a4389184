/*
 * output.h - results as aligned text, CSV or JSON.
 *
 * A command fills one or more named tables of strings (with a type per
 * column so JSON gets numbers and booleans) and prints them in the format
 * the user chose.  JSON: one table prints as an array of objects; several
 * print as an object with one array per table name.
 */
#ifndef KABI_OUTPUT_H
#define KABI_OUTPUT_H

#include <stdio.h>

typedef enum { KABI_OUT_TEXT, KABI_OUT_CSV, KABI_OUT_JSON } kabi_out_format;
typedef enum { KABI_COL_STR, KABI_COL_INT, KABI_COL_BOOL, KABI_COL_OPT } kabi_col_type;

typedef struct kabi_out kabi_out;

/* Parses "text", "csv" or "json"; -1 otherwise. */
int kabi_out_format_parse(const char *s);
/* The i-th format's name ("text", "csv", "json"), NULL past the last; a
 * kabi_opt_values (opts.h) for --format. */
const char *kabi_out_format_value(size_t i, const char **help);

kabi_out *kabi_out_new(kabi_out_format fmt);
void kabi_out_free(kabi_out *o);

/* Starts a table.  cols: "name:type" pairs, e.g. "nr:int", "name", "implemented:bool";
 * "why:opt": a string column that every format leaves out when it ends the
 * table and no row fills it (the columns before it never move). */
void kabi_out_table(kabi_out *o, const char *name, const char *const *cols, size_t ncols);
/* Adds a row to the current table: ncols strings (copied; NULL = null/empty). */
void kabi_out_row(kabi_out *o, const char *const *vals);
/* Text mode only: a line printed after the current table (a verdict, a note). */
void kabi_out_footer(kabi_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text mode only: lines of the current table (header and rows) wider than
 * width columns are cut to width, ending in "…"; 0 (the default): never. */
void kabi_out_cut(kabi_out *o, unsigned width);
/* The width of the terminal f is, in columns; 0 when f is not a terminal
 * (a pipe, a file) or does not say. */
unsigned kabi_out_tty_width(FILE *f);
size_t kabi_out_rows(const kabi_out *o);
void kabi_out_print(kabi_out *o, FILE *f);

#endif
