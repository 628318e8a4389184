/*
 * export.h - syscall tables for other tools: the table of export formats
 * and the data every format writer reads.
 *
 * A format is one row of kabi_export_formats[] (name, file extension, help,
 * writer) and one module (export_<name>.c) with its writer.  Adding a
 * format is adding both; nothing else switches on the format.
 *
 * kabi_export_load() reads one ABI's table at one release through the
 * catalog reader (db/read.h) into a kabi_export_table; writers only format it.  Writers that cover
 * every ABI at once (seccomp-csv) load the tables they need themselves
 * through the same call.
 */
#ifndef KABI_EXPORT_H
#define KABI_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "read.h"

/* The strings of a loaded table are borrowed from the catalog handle and
 * from the table's private part: valid until kabi_export_table_free(). */
typedef struct {
	const char *name;
	int64_t nr;               /* as user space passes it (ABI base included) */
	int64_t table_nr;         /* nr - base: the slot in the kernel's table */
	const char *entry;        /* "" when none */
	const char *compat_entry; /* "?" (KABI_ENTRY_UNKNOWN): its table was not read */
	int implemented;          /* KABI_IMPL_YES, _NO, _UNKNOWN */
	const char *why;          /* why not implemented or unknown; NULL: the entry says */
	const char *config;       /* implemented only under these Kconfig options; NULL: none */
	int is_private;           /* an arch-private syscall (ARM's __ARM_NR_*), kabi_cat_row's */
	/* The reader's rule (kabi_cat_row, db/read.h), not a copy of it: */
	const char *added;       /* the release of the latest added/renamed event; NULL: none */
	int added_known;         /* 0: not dated (there at the ABI's oldest table, or
				  * releases the catalog lacks lie before it) */
	const char *added_after; /* not dated, with a table before it: the catalog's
				  * release before `added` (it came in between) */
	const char *removed;     /* a later release that removed it; NULL when none */
	/* The release from which it has had this number without a gap (the
	 * added, renamed or renumbered event): what libseccomp's _kver means. */
	int since_major, since_minor, since_known;
} kabi_export_row;

typedef struct {
	const char *abi;
	int abi_index; /* the ABI's position in kabi_catalog_abis(); -1: none */
	int64_t base;
	const char *release; /* "v6.12.117" */
	const char *version; /* "6.12.117" */
	int ord;
	int major, minor, patch, sublevel, rc;
	int64_t commit_time;
	const char *first_release; /* the catalog's oldest release */
	kabi_export_row *rows;     /* ordered by nr, then name */
	size_t n;
	/* Set by the caller after kabi_export_load(): 1 writes a date the
	 * catalog does not know exactly as its upper bound, the first harvested
	 * release with it (seccomp-csv's _kver columns; --dates
	 * first-harvested), and counts those in *nupper when not NULL. */
	int dates_upper;
	size_t *nupper;
	/* seccomp-csv for the libseccomp a user has (--libseccomp-header):
	 * only its ABI columns and its SCMP_KV_ values; NULL: the newest
	 * layout, every column.  Set by the caller, borrowed. */
	const struct kabi_seccomp_lib *lib;
	kabi_catalog *cat;   /* borrowed: for writers that read more of the catalog */
	kabi_cat_table *tab; /* private: owns the rows' strings */
} kabi_export_table;

typedef struct {
	const char *name;
	const char *ext; /* file extension, without the dot */
	const char *help;
	int needs_abi; /* 0: the format covers every ABI (seccomp-csv) */
	/* Writes t to f; 0 or a negative KABI_E* code with kabi_error_last(). */
	int (*write)(const kabi_export_table *t, FILE *f);
	/* 1: written with libxml2, so only by kabi-helper (cli.h): `kabi`
	 * hands the command over to it */
	int in_helper;
} kabi_export_format;

extern const kabi_export_format kabi_export_formats[];
extern const size_t kabi_export_nformats;

/* The i-th format's name and help, NULL past the last: a kabi_opt_values
 * (opts.h) for export's --format. */
const char *kabi_export_format_value(size_t i, const char **help);

/* r's added release as the exports and `kabi table` print it: "v6.2", or
 * "<=v6.12.118" when the catalog does not date it (added_known 0: the
 * ABI's first table, or releases missing before it); into buf; NULL when r
 * has none. */
const char *kabi_export_added(const kabi_export_row *r, char *buf, size_t size);

/*
 * What a libseccomp release knows, read from its <seccomp.h>: the
 * architectures it defines (SCMP_ARCH_X86_64 ...), which select the ABI
 * columns of its syscalls.csv, and the kernel versions of its scmp_kver
 * enum (SCMP_KV_6_8 ...); none means a release before the _kver columns
 * (2.5), whose file has none.  0, or KABI_EIO / KABI_EINVALID (not a
 * libseccomp header) with kabi_error_last().
 */
typedef struct kabi_seccomp_lib kabi_seccomp_lib;
int kabi_seccomp_lib_read(kabi_seccomp_lib **out, const char *path);
void kabi_seccomp_lib_free(kabi_seccomp_lib *lib);

/* The format called name, or NULL. */
const kabi_export_format *kabi_export_format_find(const char *name);

/* Loads ABI abi's table (abi: a position in kabi_catalog_abis()) at
 * release ord into *t; abi -1: the release facts only, no rows.
 * KABI_ENOTFOUND when the ABI has no table there.  On success the caller
 * owns *t and frees it with kabi_export_table_free(); its strings are
 * borrowed from c, which must outlive it. */
int kabi_export_load(kabi_export_table *t, kabi_catalog *c, int abi, int ord);
void kabi_export_table_free(kabi_export_table *t);

/* The writers, one per module. */
int kabi_export_json(const kabi_export_table *t, FILE *f);
int kabi_export_csv(const kabi_export_table *t, FILE *f);
int kabi_export_c_header(const kabi_export_table *t, FILE *f);
int kabi_export_gdb_xml(const kabi_export_table *t, FILE *f);
int kabi_export_seccomp_csv(const kabi_export_table *t, FILE *f);
int kabi_export_go(const kabi_export_table *t, FILE *f);
int kabi_export_musl(const kabi_export_table *t, FILE *f);
int kabi_export_glibc(const kabi_export_table *t, FILE *f);
int kabi_export_rust(const kabi_export_table *t, FILE *f);

/* Helpers the writers share. */
/* The number gdb expects for a row on this ABI (see docs/formats.md). */
int64_t kabi_export_gdb_number(const kabi_export_table *t, const kabi_export_row *r);
/* s inside a C comment: "* /" cannot end it early. */
void kabi_export_ctext(FILE *f, const char *s);
/* s inside a one-line comment (// in Go and Rust): no line breaks. */
void kabi_export_linetext(FILE *f, const char *s);
/* gdb's groups of the syscall called name (docs/formats.md "gdb-xml"),
 * from the file that defines it and its arguments as written (a
 * kabi_cat_signature's file and text; both NULL when the catalog has no
 * signature for it: the override table alone decides), as gdb writes them:
 * "descriptor,file", sorted, "" for none.  Into buf, of at least
 * KABI_EXPORT_GDB_GROUPS_SIZE bytes; returns buf. */
#define KABI_EXPORT_GDB_GROUPS_SIZE 64
const char *kabi_export_gdb_groups(char *buf, size_t size, const char *name, const char *file,
				   const char *args);
/* 1 when s is a plain C identifier ([A-Za-z_][A-Za-z0-9_]*). */
int kabi_export_is_ident(const char *s);

#endif
