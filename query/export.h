/*
 * export.h - syscall tables for other tools: the table of export formats
 * and the data every format writer reads.
 *
 * A format is one row of kabi_export_formats[] (name, file extension, help,
 * writer) and one module (export_<name>.c) with its writer.  Adding a
 * format is adding both; nothing else switches on the format.
 *
 * kabi_export_load() reads one ABI's table at one release from the catalog
 * into a kabi_export_table; writers only format it.  Writers that cover
 * every ABI at once (seccomp-csv) load the tables they need themselves
 * through the same call.
 */
#ifndef KABI_EXPORT_H
#define KABI_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

typedef struct {
	char *name;
	int64_t nr;       /* as user space passes it (ABI base included) */
	int64_t table_nr; /* nr - base: the slot in the kernel's table */
	char *entry;      /* "" when none */
	char *compat_entry;
	int implemented;
	char *added;        /* release that added it, or the catalog's first release */
	int added_known;    /* 0: present since the catalog's first release */
	char *removed;      /* a later release that removed it; NULL when none */
	/* The release from which it has had this number without a gap (the
	 * added, renamed or renumbered event): what libseccomp's _kver means. */
	int since_major, since_minor, since_known;
} kabi_export_row;

typedef struct {
	char *abi;
	int abi_id;
	int64_t base;
	char *release; /* "v6.12.117" */
	char *version; /* "6.12.117" */
	int ord;
	int major, minor, patch, sublevel, rc;
	int64_t commit_time;
	char *first_release; /* the catalog's oldest release */
	kabi_export_row *rows; /* ordered by nr, then name */
	size_t n;
	sqlite3 *db; /* borrowed: for writers that read more of the catalog */
} kabi_export_table;

typedef struct {
	const char *name;
	const char *ext; /* file extension, without the dot */
	const char *help;
	int needs_abi; /* 0: the format covers every ABI (seccomp-csv) */
	/* Writes t to f; 0 or a negative KABI_E* code with kabi_error_last(). */
	int (*write)(const kabi_export_table *t, FILE *f);
} kabi_export_format;

extern const kabi_export_format kabi_export_formats[];
extern const size_t kabi_export_nformats;

/* The i-th format's name and help, NULL past the last: a kabi_opt_values
 * (opts.h) for export's --format. */
const char *kabi_export_format_value(size_t i, const char **help);

/* The format called name, or NULL. */
const kabi_export_format *kabi_export_format_find(const char *name);

/* Loads ABI abi_id's table at release ord into *t (t->abi_id < 0 with
 * abi_id 0: release facts only, no rows).  On success the caller owns *t
 * and frees it with kabi_export_table_free(). */
int kabi_export_load(kabi_export_table *t, sqlite3 *db, int abi_id, int ord);
void kabi_export_table_free(kabi_export_table *t);

/* The writers, one per module. */
int kabi_export_json(const kabi_export_table *t, FILE *f);
int kabi_export_csv(const kabi_export_table *t, FILE *f);
int kabi_export_c_header(const kabi_export_table *t, FILE *f);
int kabi_export_gdb_xml(const kabi_export_table *t, FILE *f);
int kabi_export_seccomp_csv(const kabi_export_table *t, FILE *f);

/* Helpers the writers share. */
/* The number gdb expects for a row on this ABI (see docs/formats.md). */
int64_t kabi_export_gdb_number(const kabi_export_table *t, const kabi_export_row *r);
/* 1 when s is a plain C identifier ([A-Za-z_][A-Za-z0-9_]*). */
int kabi_export_is_ident(const char *s);

#endif
