/*
 * read_int.h - what the files of the catalog reader share (not public API):
 * the handle, its statements, and the checks every value read from the file
 * goes through before it is used as an index or a size.
 *
 * read.c: the handle, the statements, these checks; read_names.c: releases,
 * ABIs, syscall names and resolving names; read_table.c: tables, spans and
 * the per-syscall lookups of `kabi check`; read_events.c: events,
 * signatures, histories and the wording of events.
 */
#ifndef KABI_READ_INT_H
#define KABI_READ_INT_H

#include <sqlite3.h>

#include "read.h"

/* The statements, one per question; their SQL is the table in read.c. */
enum {
	ST_SCHEMA_VERSION,
	ST_RELEASES,
	ST_RELEASE_TABLES,
	ST_RELEASE_EVENTS,
	ST_ABIS,
	ST_SYSCALLS,
	ST_SYSCALL_BY_NAME,
	ST_SYSCALL_NOCASE,
	ST_SYSCALL_NAME,
	ST_HAS_TABLE,
	ST_TABLE_RELEASES,
	ST_TABLE,
	ST_TABLE_ROWS,
	ST_TABLE_PAIR,
	ST_ABI_SPANS,
	ST_BY_NR,
	ST_STATUS,
	ST_IMPLEMENTED,
	ST_EVENTS,
	ST_SYSCALL_EVENTS,
	ST_RENAMED_AWAY,
	ST_SYSCALL_SPANS,
	ST_SYSCALL_SIGNATURES,
	ST_SIGNATURES_AT,
	ST_SIGNATURE_CHANGES,
	ST_SCHEMA_TEXT,
	ST_CHECK_SPANS,
	ST_CHECK_SPANS_ABI,
	ST_CHECK_SPANS_SYSCALL,
	ST_CHECK_SIGNATURES,
	ST_CHECK_SIGNATURES_ABI,
	ST_CHECK_SIGNATURES_SYSCALL,
	ST_PROBE_SPAN_ABIS,
	ST_PROBE_SIGNATURE_ABIS,
	ST_PROBE_SPAN_SYSCALLS,
	ST_PROBE_SIGNATURE_SYSCALLS,
	ST_GENERATIONS,
	ST_NOTES,
	ST__COUNT
};

struct kabi_catalog {
	sqlite3 *db;
	char *path;
	kabi_intern *pool; /* strings handed out as "borrowed from the handle" */
	sqlite3_stmt *st[ST__COUNT];
	kabi_cat_release *rels; /* [nrel], by ord; loaded by kabi__cat_ensure() */
	size_t nrel;
	int rels_loaded;
	int tables_counted; /* rels[].ntables filled (kabi_catalog_count_tables) */
	kabi_cat_abi *abis; /* [nabi], in the catalog's id order */
	int64_t *abi_ids;   /* [nabi]: the catalog's id of each, ascending */
	size_t nabi;
	int abis_loaded;
	kabi_cat_generation *gens; /* [ngens], by ABI then generation; loaded on first use */
	size_t ngens;
	int gens_loaded;
	kabi_cat_note *notes; /* [nnotes], by release then ABI; loaded on first use */
	size_t nnotes;
	int notes_loaded;
	kabi_cat_syscall *sys; /* [nsys], by name; loaded on first use */
	size_t nsys;
	int sys_loaded;
	size_t nfind; /* kabi_catalog_syscall_find() calls: past KABI__CAT_FIND_LOAD, sys is loaded */
	/* the rows checked (kabi__cat_stmt_rows): which of spans,
	 * signatures (ROWS_* in read.c) were checked whole, probed for rows
	 * of unknown ABIs, checked for each ABI, for some syscalls */
	int rows_checked;
	int probed;
	unsigned char *abi_checked; /* [nabi] */
	struct kabi__cat_checked {
		int64_t id;
		int kinds;
	} * sys_checked;
	size_t nsys_checked, sys_checked_alloc;
	char *damage; /* what was wrong with them, or NULL */
};

/* kabi_catalog_syscall_find() reads every name at once (ST_SYSCALLS) after
 * this many lookups, and searches them from then on. */
#define KABI__CAT_FIND_LOAD 16

/* Numbers and bases beyond this are not a kernel's: a damaged catalog. */
#define KABI__CAT_NR_LIMIT (INT64_C(1) << 40)

/* The statement id, prepared on first use, reset and with no bindings.
 * Before a statement that reads spans or signatures, the handle checks
 * the rows of that kind it can read, once (release positions within the
 * catalog and in order, numbers and lines in range, ABI and syscall ids
 * that exist): kabi__cat_stmt() every row of the table,
 * kabi__cat_stmt_rows() those of the ABI (position abi) or the syscall
 * (id syscall) the statement will be bound to (which one: the table in
 * read.c; -1 when not known: every row), and in both cases a probe of the
 * whole table for rows of an ABI the catalog does not have (and of a
 * syscall it does not have, before a syscall's rows).  A damaged row
 * is KABI_EINVALID from that statement and every later one that reads
 * rows, so no query answers from rows that were not checked. */
int kabi__cat_stmt(sqlite3_stmt **out, kabi_catalog *c, int id);
int kabi__cat_stmt_rows(sqlite3_stmt **out, kabi_catalog *c, int id, int abi, int64_t syscall);
/* Steps st: 1 for a row, 0 at the end, < 0 (KABI_EIO, message set) on an
 * error. */
int kabi__cat_step(kabi_catalog *c, sqlite3_stmt *st);
/* Resets st and clears its bindings (NULL does nothing). */
void kabi__cat_reset(sqlite3_stmt *st);
/* KABI_EINVALID with "catalog 'PATH' is damaged: <fmt>". */
int kabi__cat_damaged(kabi_catalog *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads the releases and the ABIs unless they are read already. */
int kabi__cat_ensure(kabi_catalog *c);
/* Arguments from the caller: KABI_EINVALID unless ord names a release /
 * abi an ABI (or -1 when allow_all). */
int kabi__cat_arg_ord(kabi_catalog *c, int ord);
int kabi__cat_arg_abi(kabi_catalog *c, int abi, int allow_all);
/* Binds the catalog id of ABI abi at i, or NULL for abi -1. */
void kabi__cat_bind_abi(kabi_catalog *c, sqlite3_stmt *st, int i, int abi);

/* Column readers that check what they read (what: for the message).
 * nullable: SQL NULL reads as -1 (else it is damage). */
int kabi__cat_col_ord(int *out, kabi_catalog *c, sqlite3_stmt *st, int col, int nullable, const char *what);
int kabi__cat_col_nr(int64_t *out, kabi_catalog *c, sqlite3_stmt *st, int col, int nullable,
		     const char *what);
int kabi__cat_col_count(int *out, kabi_catalog *c, sqlite3_stmt *st, int col, const char *what);
/* The ABI position of the catalog id in column col. */
int kabi__cat_col_abi(int *out, kabi_catalog *c, sqlite3_stmt *st, int col);
/* Text interned in pool: NULL for SQL NULL / "" for SQL NULL. */
const char *kabi__cat_text(kabi_intern *pool, sqlite3_stmt *st, int col);
const char *kabi__cat_text0(kabi_intern *pool, sqlite3_stmt *st, int col);

/* Reads an event from the columns of KABI__CAT_EVENT_COLS. */
#define KABI__CAT_EVENT_COLS                                                                                 \
	"e.id, e.abi_id, e.syscall_id, s.name, e.kind, e.ord, e.prev_ord, e.old_nr, e.new_nr, "              \
	"e.old_entry, e.new_entry, e.old_name, e.old_signature, e.new_signature, e.commit_id, "              \
	"e.commit_author, e.commit_time, e.commit_subject FROM event e JOIN syscall s ON s.id = e.syscall_id "
int kabi__cat_read_event(kabi_cat_event *e, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st);

/* Reads a span from the columns of KABI__CAT_SPAN_COLS from col on (abi
 * given).  Also the implemented and compat columns of a table row: NULL is
 * unknown (kabi__cat_impl, kabi__cat_compat). */
int kabi__cat_impl(sqlite3_stmt *st, int col);
const char *kabi__cat_compat(kabi_intern *pool, sqlite3_stmt *st, int col);
#define KABI__CAT_SPAN_COLS                                                                                  \
	"sp.syscall_id, s.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, sp.first_ord, "            \
	"sp.last_ord, (SELECT w.why FROM span_why w WHERE w.span_id = sp.id), "                              \
	"(SELECT c.config FROM span_config c WHERE c.span_id = sp.id) "                                      \
	"FROM span sp JOIN syscall s ON s.id = sp.syscall_id "
int kabi__cat_read_span(kabi_cat_span *s, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st, int abi,
			int col);

/* Reads a signature from the columns of KABI__CAT_SIG_COLS from col on (abi
 * given). */
#define KABI__CAT_SIG_COLS                                                                                   \
	"g.syscall_id, s.name, g.args, g.text, g.file, g.line, g.first_ord, g.last_ord "                     \
	"FROM signature g JOIN syscall s ON s.id = g.syscall_id "
int kabi__cat_read_sig(kabi_cat_signature *g, kabi_catalog *c, kabi_intern *pool, sqlite3_stmt *st, int abi,
		       int col);

#endif
