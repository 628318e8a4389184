/*
 * model.h - the catalog in memory: releases, their per-ABI tables, spans and
 * events.  The harvester fills it (new releases from git, old ones from the
 * previous catalog), kabi_spans_build() and kabi_events_derive() turn the
 * timeline into spans and events, and db/catalog.c writes it out.
 */
#ifndef KABI_MODEL_H
#define KABI_MODEL_H

#include <stdint.h>

#include "intern.h"
#include "table.h"
#include "version.h"

typedef struct {
	int present;
	const char *path; /* interned */
	char blob[41];
	uint64_t fingerprint;
	int rows, implemented;   /* implemented: rows with KABI_IMPL_YES */
	const kabi_table *table; /* new releases: the parsed table (borrowed); old: NULL */
	const char *note;        /* harvest warning about this table (interned), NULL: none */
} kabi_abi_src;

typedef struct {
	char *name, *ref, *repository;
	char commit[41];
	int64_t time;
	kabi_version version;
	int from_makefile;
	kabi_abi_src *abi; /* [kabi_abis() count] */
	kabi_abi_src *sig; /* [kabi_abis() count]: signature tables (rows: name, entry = normalised args) */
	int old_ord;       /* position in the previous catalog, -1 for a new release */
} kabi_rel;

typedef struct {
	int abi;                           /* index into kabi_abis() */
	const char *name, *entry, *compat; /* interned */
	int64_t nr;
	int implemented;    /* KABI_IMPL_* */
	int first, last;    /* release positions */
	const char *why;    /* interned; NULL: nothing to say (kabi_row.why) */
	const char *config; /* interned; NULL: none (kabi_row.config) */
} kabi_span;

typedef enum {
	KABI_EV_ADDED,
	KABI_EV_REMOVED,
	KABI_EV_RENUMBERED,
	KABI_EV_ENTRY_CHANGED,
	KABI_EV_UNIMPLEMENTED,
	KABI_EV_REIMPLEMENTED,
	KABI_EV_RENAMED,
	KABI_EV_SIGNATURE_CHANGED,
	/* Never stored as an event row: the ends and starts of an ABI's lives
	 * (abi_generation), which the reader adds to a syscall's history. */
	KABI_EV_ABI_ADDED,
	KABI_EV_ABI_REMOVED,
} kabi_event_kind;

typedef struct {
	int abi;
	const char *name;
	kabi_event_kind kind;
	int ord, prev_ord;                            /* prev_ord -1: none */
	int64_t old_nr, new_nr;                       /* -1: none */
	const char *old_entry, *new_entry, *old_name; /* NULL: none */
	const char *old_sig, *new_sig;                /* signature_changed: normalised argument lists */
	const char *sig_file, *sig_entry;             /* and where the new definition is, of which entry */
	/* commit attribution; commit[0] == '\0' when unknown */
	char commit[41];
	const char *author, *subject; /* interned */
	int64_t commit_time;
} kabi_event;

/* One life of an ABI (db/spans.c, kabi_generations_derive). */
typedef struct {
	int abi;
	int generation;  /* 1, 2 ... */
	int first, last; /* release positions */
} kabi_generation;

/* How a signature span shows: the definition as written, and where. */
typedef struct {
	const char *text, *file; /* interned */
	int line;
} kabi_sigdisp;

/* An attribution kept from the previous catalog, keyed by what the event
 * is: ABI, syscall, kind, release and previous release (by name). */
typedef struct {
	int abi;
	const char *name, *rel, *prev; /* interned; prev NULL at the start */
	kabi_event_kind kind;
	char commit[41];
	const char *author, *subject;
	int64_t commit_time;
} kabi_attr;

typedef struct {
	kabi_intern *pool;
	size_t nabi;
	kabi_rel *rels; /* in version order after kabi_model_sort() */
	size_t nrels, arels;
	kabi_span *spans;
	size_t nspans, aspans;
	kabi_event *events;
	size_t nevents, aevents;
	kabi_generation *gens; /* by ABI, then first (kabi_generations_derive) */
	size_t ngens, agens;
	kabi_span *old_spans; /* from the previous catalog, positions are old_ord */
	size_t nold_spans, aold_spans;
	struct kabi_sigdisp_map *sig_seen; /* (abi, name, args) -> how it was first written */
	kabi_span *sig_spans;              /* signatures: entry = normalised args */
	kabi_sigdisp *sig_disp;            /* [nsig_spans] */
	size_t nsig_spans;
	kabi_span *old_sig_spans; /* from the previous catalog */
	kabi_sigdisp *old_sig_disp;
	size_t nold_sig_spans, aold_sig_spans;
	kabi_attr *old_attrs; /* from the previous catalog */
	size_t nold_attrs, aold_attrs;
	char *repository; /* the repository of this harvest, for meta */
	/* The signature scan's view of a release's tree, kept for the next
	 * harvest (harvest/sig_tree.h: kabi_sig_cache_save); bytes the catalog
	 * stores and never reads.  NULL: none. */
	unsigned char *scan_view;
	size_t scan_view_len;
	char *scan_view_release; /* the release whose tree it is */
} kabi_model;

void kabi_model_init(kabi_model *m, kabi_intern *pool);
void kabi_model_free(kabi_model *m);
/* Appends a release with all ABIs absent; returns it (valid until the next add). */
kabi_rel *kabi_model_add_release(kabi_model *m, const char *name);
/* Sorts releases by version (ties: commit time, then name). */
void kabi_model_sort(kabi_model *m);
const char *kabi_event_kind_name(kabi_event_kind k);
int kabi_event_kind_parse(const char *s);

/* Builds m->spans from the releases' tables (new releases) and the old
 * spans (releases of the previous catalog). */
int kabi_spans_build(kabi_model *m);
/* Derives m->gens from the releases' tables and m->spans, and splits the
 * spans that cross the start of a generation (called by
 * kabi_events_derive). */
int kabi_generations_derive(kabi_model *m);
/* Derives m->gens and m->events from m->spans. */
int kabi_events_derive(kabi_model *m);
/* The changes of ABI index abi from table a (at prev_ord) to table b (at
 * ord), both sorted by name, by the rules of the events (db/spans.c),
 * appended to the growable list (*v, *n, *cap), owned by the caller (free).
 * Event strings are borrowed from the tables.  Then, once, sort the list
 * and pair renames with kabi_events_finish(). */
void kabi_table_changes(kabi_event **v, size_t *n, size_t *cap, int abi, const kabi_table *a,
			const kabi_table *b, int prev_ord, int ord);
void kabi_events_finish(kabi_event *v, size_t *n);
/* Where each (ABI, syscall, normalised args) was seen written first, in
 * version order: the display of signature spans (db/sigdisp.c).  put keeps
 * the writing of the lowest version key v; get returns it (borrowed) or NULL. */
void kabi_sigdisp_put(kabi_model *m, int abi, const char *name, const char *norm, const kabi_sigdisp *d,
		      int64_t v);
const kabi_sigdisp *kabi_sigdisp_get(const kabi_model *m, int abi, const char *name, const char *norm);
void kabi_sigdisp_map_free(struct kabi_sigdisp_map *map);
/* Gives events the attributions of m->old_attrs that have the same key. */
void kabi_events_restore_attribution(kabi_model *m);

#endif
