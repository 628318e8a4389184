/*
 * harvest_int.h - what the harvester's own files share (not public API).
 */
#ifndef KABI_HARVEST_INT_H
#define KABI_HARVEST_INT_H

#include "harvest.h"
#include "model.h"
#include "repo.h"
#include "table.h"
#include "tbl.h"

/*
 * Parsed files and built tables are cached by blob id: hundreds of releases
 * share a handful of distinct table files, and each is parsed once.
 */
typedef struct {
	git_oid blob, aux; /* aux: Makefile.syscalls for generic tables */
	int layout;        /* -1: a parsed file, else the layout row of a table */
	kabi_tbl tbl;
	kabi_table table;
	int found; /* the table exists (kabi_tbl_select found rows) */
} cache_entry;

/* A table with an arch's private rows added (KABI_FMT_PRIVATE), by the
 * fingerprints of the two it was made of. */
typedef struct {
	uint64_t main_fp, private_fp;
	kabi_table table;
} merged_entry;

typedef struct {
	cache_entry **slots;
	size_t cap, used;
	merged_entry **merged; /* each allocated alone: rel->abi[].table points into them */
	size_t nmerged, amerged;
	struct kabi_hdr_cache *hdr; /* header-era results (harvest/hdr.c), made on first use */
} cache;

typedef struct {
	const kabi_harvest_opts *opts;
	kabi_harvest_stats *stats;
	kabi_repo *repo;
	kabi_model model;
	kabi_intern *pool;
	cache cache;
	const char *cur_ref, *cur_path, *cur_abi; /* for warnings */
	int quiet;            /* attribution workers: no notes (they read commits, not releases) */
	kabi_table **sigtabs; /* distinct signature tables, shared by releases */
	size_t nsigtabs, asigtabs;
	kabi_table **nbtabs; /* tables with entries no definition builds (kabi__sig_not_built) */
	size_t nnbtabs, anbtabs;
} harvest_ctx;

/* The table of ABI index `abi` at a tree: the first layout row that yields
 * one.  src->present is 0 when none does. */
int kabi__abi_table_at(harvest_ctx *h, kabi_abi_src *src, int abi, const git_oid *tree);

void kabi__cache_free(cache *c);

/* Sets p->event and passes p to the harvest's progress callback, if any.
 * Callers on worker threads hold a lock shared by the phase's workers. */
void kabi__progress(const harvest_ctx *h, kabi_progress *p, kabi_progress_event event);

/* Scans the trees of new releases for signatures (trees[i] is rels[i]'s),
 * on every core, and fills each rel->sig and h->model.sig_seen
 * (harvest/sigtime.c).  Needs rel->abi filled; reports the "signatures"
 * phase, one step per release. */
int kabi__sig_releases(harvest_ctx *h, kabi_rel **rels, const git_oid **trees, size_t n);
void kabi__sig_free(harvest_ctx *h);

/* Builds m->sig_spans from the releases' signature tables and the old
 * signature spans, and appends a signature_changed event for each change
 * (harvest/sigtime.c). */
int kabi_sig_spans_build(kabi_model *m);

/* Commit attribution: fills the commit of every event of h->model that has
 * none (harvest/attrib.c).  Reports the "attribution" phase: one step per
 * range walked (the history between two releases: usually one per release
 * with such events) and the commits walked. */
int kabi__attribute(harvest_ctx *h);

#endif
