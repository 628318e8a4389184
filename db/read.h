/*
 * read.h - reading a catalog: typed answers to the questions the commands
 * ask, with the catalog's rules (what "6.1" names, when a syscall was added,
 * how an event reads) kept here once.
 *
 * A kabi_catalog is a read-only handle on one catalog file.  Its statements
 * are prepared the first time they are needed and reused (bound, stepped,
 * reset) for the life of the handle; the releases, the ABIs and the syscall
 * names are read once, when first needed, and kept.  A handle is for one
 * thread at a time.
 *
 * Identifiers:
 *   ord      a release's position in version order, 0 .. nreleases - 1;
 *   abi      an ABI's position in kabi_catalog_abis(), 0 .. nabis - 1 (the
 *            catalog's own ids stay inside); -1 means "every ABI" where a
 *            function says so;
 *   syscall  the catalog's id of a syscall name (int64_t, opaque: get it
 *            from kabi_catalog_syscall_find() or a result, pass it back).
 *
 * Every function returns 0 or a negative KABI_E* code with
 * kabi_error_last() set: KABI_ENOTFOUND for a name, release or number the
 * catalog does not have (where the function says so), KABI_EINVALID for a
 * catalog whose contents break its own rules (a release position out of
 * range, a negative count, an unknown event kind ...): values read from the
 * file are checked before they are used as an index or a size, so a damaged
 * or crafted catalog gives this error, never a wild access.  KABI_EIO for
 * SQLite's errors.
 *
 * Ownership: "borrowed from the handle" means valid until
 * kabi_catalog_close(); results returned through a `**out` are owned by
 * the caller and freed with the free function named next to them, which
 * also frees every string in them (and does nothing with NULL).
 */
#ifndef KABI_READ_H
#define KABI_READ_H

#include <stddef.h>
#include <stdint.h>

#include "model.h" /* kabi_event_kind */
#include "strbuf.h"
#include "version.h"

typedef struct kabi_catalog kabi_catalog;

/* ---- the handle ----------------------------------------------------------- */

/* Opens the catalog at path read-only and checks its schema version, with
 * the messages of kabi_catalog_open(): KABI_ENOTFOUND when there is no file,
 * KABI_EINVALID when it is not a catalog or has another schema version.
 * *out is owned by the caller: kabi_catalog_close(). */
int kabi_catalog_open_read(kabi_catalog **out, const char *path);
/* Finalizes the statements and closes the file; NULL does nothing. */
void kabi_catalog_close(kabi_catalog *c);

/* Writes a consistent copy of the catalog to path (SQLite's backup API),
 * beside it first and renamed into place, so that path may be the catalog
 * itself and a failure leaves what was there:
 * a file or link already at path is replaced, a link is never followed.
 * The copy is an ordinary writable file; its mode is the caller's.  It
 * leaves out the harvest's scan view (scan_view: what the next harvest of
 * this catalog needs, not its readers). */
int kabi_catalog_copy(kabi_catalog *c, const char *path);
/* The CREATE statements stored in the catalog, comments included, each
 * followed by ";\n\n".  *out owned by the caller (free()). */
int kabi_catalog_schema_text(char **out, kabi_catalog *c);

/* ---- releases ------------------------------------------------------------- */

typedef struct {
	int ord;
	const char *name;    /* "v6.1.192": the tag, or v<Makefile version> */
	const char *version; /* "6.1.192", "6.2-rc3" */
	const char *line;    /* "6.1" */
	kabi_version v;      /* version, parsed (the parts and rc) */
	const char *ref, *commit, *repository;
	int64_t commit_time; /* committer time, Unix seconds */
	int from_makefile;   /* the version came from the Makefile, not the name */
	int follows_prev;    /* no kernel release lies between the previous one and this */
	int ntables;         /* ABIs with a table at this release (*) */
	int nevents;         /* events at this release */
} kabi_cat_release;

/* Every release in version order (*out)[ord], *n of them.  Borrowed from
 * the handle (the array and its strings).  ntables, marked (*), is 0 until
 * kabi_catalog_count_tables() has run: counting reads every row of
 * abi_release, the largest table, which most questions do not need. */
int kabi_catalog_releases(const kabi_cat_release **out, size_t *n, kabi_catalog *c);

/* Fills ntables of every release and of every ABI (once per handle). */
int kabi_catalog_count_tables(kabi_catalog *c);

typedef enum {
	KABI_RELEASE_BY_NAME,       /* the release's name ("v6.1.192") */
	KABI_RELEASE_BY_VERSION,    /* its version, spelt otherwise ("6.1.192", "v6.1.192.0") */
	KABI_RELEASE_NEWEST_OF_LINE /* "6.1" with no release 6.1: the newest non-rc 6.1.y */
} kabi_release_match;

typedef struct {
	int ord;          /* the release; -1 when none */
	const char *name; /* its name, borrowed from the handle; NULL when none */
	kabi_release_match match;
	/* Without a release (KABI_ENOTFOUND): the releases nearest in version
	 * order to what was asked, the one before and the one after, as ords
	 * (-1: none on that side; both -1 for an empty catalog). */
	int before, after;
} kabi_release_resolution;

/*
 * Resolves a release the user named: its name ("v6.1"), its version
 * ("6.1", "6.1.0": when two releases have the version, the later in the
 * catalog), or a line ("6.1", "2.6.32": when no release has that version,
 * the newest release of the line that is not a release candidate).
 * KABI_ENOTFOUND with out->before/after filled when there is none;
 * KABI_EINVALID when text is neither a release name nor a version (the
 * message is the version parser's).  Never prints.
 */
int kabi_catalog_resolve_release(kabi_release_resolution *out, kabi_catalog *c, const char *text);

/* ---- ABIs ------------------------------------------------------------------ */

typedef struct {
	const char *name; /* "x86_64" */
	const char *arch; /* kernel arch directory */
	int bits;
	int64_t base; /* added to table slots: user-space number = slot + base */
	const char *description;
	int first_ord, last_ord;         /* first and last release with a table; -1 when none */
	int ntables;                     /* releases with a table (*) */
	int last_rows, last_implemented; /* the table at last_ord: rows, of which implemented */
} kabi_cat_abi;

/* Every ABI of the catalog (with a table or not) in the catalog's order:
 * (*out)[abi].  Borrowed from the handle.  ntables, marked (*), is 0 until
 * kabi_catalog_count_tables() has run (first_ord says whether there is any). */
int kabi_catalog_abis(const kabi_cat_abi **out, size_t *n, kabi_catalog *c);

/* One life of an ABI (the abi_generation table, docs/schema.md): the
 * releases first_ord..last_ord with a table of one numbering.  Its start
 * after the catalog's first release is the ABI's abi_added, its end before
 * the last release its abi_removed. */
typedef struct {
	int abi;
	int generation; /* 1, 2 ... */
	int first_ord, last_ord;
} kabi_cat_generation;

/* Every generation of every ABI, by ABI then generation.  Borrowed from the
 * handle. */
int kabi_catalog_generations(const kabi_cat_generation **out, size_t *n, kabi_catalog *c);
/* The generation of ABI abi that holds release ord, or NULL. */
const kabi_cat_generation *kabi_catalog_generation_at(kabi_catalog *c, int abi, int ord);

/* A harvest warning about an ABI's table at a release (the harvest_note
 * table): an #include of its header that was not found. */
typedef struct {
	int abi, ord;
	const char *note;
} kabi_cat_note;

/* Every note, by release then ABI.  Borrowed from the handle. */
int kabi_catalog_notes(const kabi_cat_note **out, size_t *n, kabi_catalog *c);

/* Up to three names close to a name the catalog does not have (closest
 * first), borrowed from the handle. */
#define KABI_CAT_NSUGGEST 3
typedef struct {
	const char *name[KABI_CAT_NSUGGEST];
	size_t n;
} kabi_cat_suggestions;

/* The ABI called name.  KABI_ENOTFOUND when there is none, with the closest
 * names in *sugg (sugg may be NULL). */
int kabi_catalog_abi_find(int *abi, kabi_cat_suggestions *sugg, kabi_catalog *c, const char *name);

/* *present: 1 when ABI abi has a table at release ord, else 0.  One indexed
 * lookup. */
int kabi_catalog_has_table(int *present, kabi_catalog *c, int abi, int ord);

/* *dated: 1 when what ABI abi shows first at release ord (a span's start,
 * an event) happened in that release: the catalog's release before it has
 * a table of the ABI and no kernel release lies between the two
 * (follows_prev); 0 when ord is only the first release of the catalog that
 * shows it (printed "<=v6.12.118").  The rule of the syscall_table view's
 * added_known and since_known. */
int kabi_catalog_dated(int *dated, kabi_catalog *c, int abi, int ord);

/* on[ord] = 1 for every release at which ABI abi has a table, 0 elsewhere;
 * on has n bytes and n must be the number of releases. */
int kabi_catalog_table_releases(unsigned char *on, size_t n, kabi_catalog *c, int abi);

/* ---- syscalls --------------------------------------------------------------- */

typedef struct {
	int64_t id;
	const char *name;
	int has_spans; /* 0: a name only events know (the old name of a rename) */
} kabi_cat_syscall;

/* Every syscall name of the catalog, sorted by name (strcmp).  Borrowed from
 * the handle. */
int kabi_catalog_syscalls(const kabi_cat_syscall **out, size_t *n, kabi_catalog *c);

#define KABI_CAT_NOCASE 1u /* kabi_catalog_syscall_find: "OPENAT" finds openat */

/*
 * The syscall called name (on any ABI, at any release): one lookup on the
 * name's index.  With KABI_CAT_NOCASE, a name that is not in the catalog as
 * written is looked up ignoring ASCII case, and found when exactly one name
 * matches.  out->name is the catalog's spelling (borrowed from the handle).
 * KABI_ENOTFOUND with the closest names in *sugg (may be NULL).
 */
int kabi_catalog_syscall_find(kabi_cat_syscall *out, kabi_cat_suggestions *sugg, kabi_catalog *c,
			      const char *name, unsigned flags);

typedef enum {
	KABI_NR_AT,      /* the syscall with that number at the release */
	KABI_NR_LATER,   /* none there: the first to have it after the release */
	KABI_NR_EARLIER, /* none there or later: the last to have it before */
} kabi_nr_when;

typedef struct {
	kabi_cat_syscall sc; /* name borrowed from the handle */
	kabi_nr_when when;
	int first_ord, last_ord; /* of the span that has the number */
} kabi_cat_nr_match;

/* The syscall that number nr (as user space passes it) names on ABI abi at
 * release ord, else the nearest later, else the latest earlier holder of
 * the number (a binary built for a newer or older kernel).  KABI_ENOTFOUND
 * when no release of the catalog had that number on the ABI. */
int kabi_catalog_syscall_by_nr(kabi_cat_nr_match *out, kabi_catalog *c, int abi, int64_t nr, int ord);

/* ---- a syscall on an ABI at a release: what `kabi check` asks per name ---- */

typedef enum {
	KABI_SC_AVAILABLE,       /* in the table at the release, implemented */
	KABI_SC_NOT_IMPLEMENTED, /* in the table, wired to nothing (sys_ni_syscall) */
	KABI_SC_ADDED_LATER,     /* not yet there: first on the ABI after the release */
	KABI_SC_REMOVED,         /* was on the ABI, gone at the release */
	KABI_SC_NEVER,           /* never on this ABI in the catalog */
	KABI_SC_IMPL_UNKNOWN,    /* in the table, what it runs unknown (an entry table not read) */
} kabi_sc_status;

typedef struct {
	kabi_sc_status status;
	int64_t nr;      /* at the release (AVAILABLE, NOT_IMPLEMENTED); -1 otherwise */
	int first_ord;   /* the first release where it is on the ABI; -1: NEVER */
	int removed_ord; /* the latest 'removed' event at or before the release; -1: none */
	int later_ord;   /* the first release after ord where a span of it starts; -1: none */
	/* NOT_IMPLEMENTED, IMPL_UNKNOWN: why, when the entry alone does not say
	 * ("cond_syscall only: ..."); NULL otherwise.  Borrowed from the handle. */
	const char *why;
	/* AVAILABLE: the Kconfig options every definition it may run is built
	 * under ("CONFIG_FANOTIFY"); NULL: none.  Borrowed from the handle. */
	const char *config;
} kabi_cat_status;

/* The state of syscall `syscall` on ABI abi at release ord, in one indexed
 * statement.  REMOVED when it is absent at ord after a removal (even when a
 * later release brings it back: later_ord says so); ADDED_LATER when it is
 * absent, never removed before ord, and appears later. */
int kabi_catalog_syscall_status(kabi_cat_status *out, kabi_catalog *c, int64_t syscall, int abi, int ord);

/* on[ord] = 1 for every release at which `syscall` is in ABI abi's table and
 * implemented, 0 elsewhere (kabi check --min intersects these); on has n
 * bytes, n the number of releases.  An unknown syscall id leaves all 0. */
int kabi_catalog_implemented_releases(unsigned char *on, size_t n, kabi_catalog *c, int64_t syscall, int abi);

/* ---- an ABI's table at a release ------------------------------------------ */

typedef struct {
	int64_t syscall;
	const char *name;
	int64_t nr;                       /* as user space passes it (ABI base included) */
	int64_t table_nr;                 /* nr - base: the slot in the kernel's table */
	const char *entry, *compat_entry; /* "" when none; compat "?" (KABI_ENTRY_UNKNOWN): not read */
	int implemented;                  /* KABI_IMPL_YES, _NO, _UNKNOWN */
	const char *why;                  /* why not implemented or unknown; NULL: the entry says */
	const char *config;               /* implemented only if these Kconfig options are set
					   * (span_config); NULL: no condition */
	int is_private; /* one of the arch's private syscalls (ARM's __ARM_NR_*): a number in
			 * the ABI's private range, kabi_abi_nr_is_private() (db/abi.h) */
	/* The rule of the syscall_table view (db/schema.sql, docs/schema.md):
	 * added: the latest 'added' or 'renamed' event up to the release (the
	 * catalog's first release for a syscall always there); since: the latest
	 * 'added', 'renamed' or 'renumbered' (from when it has had this number);
	 * *_known: the event's previous release had a table of the ABI, so the
	 * event dates the syscall; removed: the next 'removed' event, or -1. */
	int added_ord, added_known;
	int since_ord, since_known;
	int removed_ord;
	/* The argument list the ABI compiles at the release; NULL (line 0) when
	 * the catalog has none (a tree without C sources). */
	const char *args, *sig_text, *sig_file;
	int sig_line;
} kabi_cat_row;

typedef struct {
	int abi, ord;
	kabi_cat_row *rows; /* by nr, then name */
	size_t n;
	size_t implemented; /* rows with KABI_IMPL_YES */
	size_t unknown;     /* rows with KABI_IMPL_UNKNOWN */
	kabi_intern *pool;  /* private: owns the strings */
} kabi_cat_table;

/* ABI abi's table at release ord.  KABI_ENOTFOUND when the ABI has no table
 * there (an ABI's first/last_ord in kabi_catalog_abis() say where it has).
 * *out owned by the caller: kabi_cat_table_free(). */
int kabi_catalog_table(kabi_cat_table **out, kabi_catalog *c, int abi, int ord);
/* The same rows without what the syscall_table view adds to the spans:
 * added, since and removed are -1, *_known 0, args NULL.  A fraction of
 * the cost, for comparing two tables (kabi diff). */
int kabi_catalog_table_rows(kabi_cat_table **out, kabi_catalog *c, int abi, int ord);
void kabi_cat_table_free(kabi_cat_table *t);

/* What differs between ABI abi's tables at ord1 and ord2, as
 * kabi_catalog_table_rows() reads them, without why and config, from one
 * read of its spans: the rows of each syscall with a span at one of the two
 * releases only (a syscall whose rows at both are the same spans, so the
 * same rows, is left out).  rows[i] is in the table at ord1 when in[i] & 1,
 * at ord2 when in[i] & 2 (a span that covers both is one row), in no
 * order; the strings of both sides are one pool's, equal strings the same
 * pointer.  KABI_ENOTFOUND unless the ABI has a table at both.  *out owned
 * by the caller: kabi_cat_table_pair_free(). */
typedef struct {
	int abi, ord1, ord2;
	kabi_cat_row *rows;
	unsigned char *in;
	size_t n;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_table_pair;
int kabi_catalog_table_pair(kabi_cat_table_pair **out, kabi_catalog *c, int abi, int ord1, int ord2);
void kabi_cat_table_pair_free(kabi_cat_table_pair *p);

typedef struct {
	int abi;
	int64_t syscall;
	const char *name;
	int64_t nr;
	const char *entry, *compat_entry; /* "" when none; compat "?" (KABI_ENTRY_UNKNOWN): not read */
	int implemented;                  /* KABI_IMPL_* */
	const char *why;                  /* NULL: the entry says */
	const char *config;               /* span_config; NULL: no condition */
	int is_private;                   /* as kabi_cat_row's */
	int first_ord, last_ord;
} kabi_cat_span;

typedef struct {
	kabi_cat_span *v; /* by first_ord, nr, name */
	size_t n;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_spans;

/* Every span of ABI abi.  *out owned by the caller: kabi_cat_spans_free(). */
int kabi_catalog_abi_spans(kabi_cat_spans **out, kabi_catalog *c, int abi);
void kabi_cat_spans_free(kabi_cat_spans *s);

/* ---- events and signatures ------------------------------------------------ */

typedef struct {
	int64_t id;
	int abi;
	int64_t syscall;
	const char *name; /* the syscall (after a rename: the new name) */
	kabi_event_kind kind;
	int ord;                                      /* the first release where the change is visible */
	int prev_ord;                                 /* the release before; -1 at the start of the catalog */
	int64_t old_nr, new_nr;                       /* -1: none */
	const char *old_entry, *new_entry, *old_name; /* NULL: none */
	const char *old_signature, *new_signature;    /* signature_changed; NULL: none */
	const char *commit, *commit_author, *commit_subject; /* NULL: not attributed */
	int64_t commit_time; /* author date, Unix seconds; 0 when not attributed */
} kabi_cat_event;

typedef struct {
	kabi_cat_event *v;
	size_t n;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_events;

/* The events with from_ord < ord <= to_ord (what changed on the way from
 * release from_ord to release to_ord; from_ord -1 includes the catalog's
 * first release; the two are swapped when from_ord > to_ord), on ABI abi
 * or every ABI (-1), by ord, ABI, syscall name, then the catalog's order.
 * *out owned by the caller: kabi_cat_events_free(). */
int kabi_catalog_events(kabi_cat_events **out, kabi_catalog *c, int from_ord, int to_ord, int abi);
void kabi_cat_events_free(kabi_cat_events *e);

/*
 * An event in words, appended to sb: the detail `kabi show` and the site
 * print (one wording, see docs/schema.md):
 *   added           "number 435"
 *   removed         "was number 134"
 *   renumbered      "number 1073742030 -> 1073742367"
 *   renamed         "from OLD, number N"; from the old name's side (viewer
 *                   equal to e->old_name): "to NEW, number N"
 *   entry_changed, unimplemented, reimplemented
 *                   "entry sys_sysctl -> sys_ni_syscall" ("(none)" for none)
 *   signature_changed "(int) -> (int, long)"
 *   abi_removed     "the ABI ended (was number 134)": not an event row, the
 *                   end of an ABI's life (abi_generation) that
 *                   kabi_catalog_history() adds to the syscalls it ended
 *   abi_added       "the ABI began"
 * viewer: the syscall whose history is shown, or NULL.
 */
void kabi_cat_event_describe(kabi_strbuf *sb, const kabi_cat_event *e, const char *viewer);

typedef struct {
	int abi;
	int64_t syscall;
	const char *name;
	const char *args; /* normalised: "unsigned int, char *, size_t" */
	const char *text; /* as written at first_ord */
	const char *file;
	int line;
	int first_ord, last_ord;
} kabi_cat_signature;

typedef struct {
	kabi_cat_signature *v;
	size_t n;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_signatures;

/* The signatures in force at release ord on ABI abi or every ABI (-1), by
 * ABI then name.  *out owned by the caller: kabi_cat_signatures_free(). */
int kabi_catalog_signatures_at(kabi_cat_signatures **out, kabi_catalog *c, int ord, int abi);
void kabi_cat_signatures_free(kabi_cat_signatures *s);

typedef struct {
	int abi;
	int64_t syscall;
	const char *name;
	const char *old_args, *new_args, *old_text, *new_text;
} kabi_cat_sigchange;

typedef struct {
	kabi_cat_sigchange *v;
	size_t n;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_sigchanges;

/* The syscalls with a signature at both releases whose normalised argument
 * lists differ, on ABI abi or every ABI (-1), by ABI then name (old: at
 * ord1, new: at ord2).  *out owned by the caller: kabi_cat_sigchanges_free(). */
int kabi_catalog_signature_changes(kabi_cat_sigchanges **out, kabi_catalog *c, int ord1, int ord2, int abi);
void kabi_cat_sigchanges_free(kabi_cat_sigchanges *s);

/* A syscall's whole story, on one ABI or every ABI. */
typedef struct {
	int64_t syscall;
	const char *name;
	kabi_cat_span *spans; /* by ABI, then first_ord */
	size_t nspans;
	kabi_cat_signature *sigs; /* by ABI, then first_ord */
	size_t nsigs;
	/* its events, and the 'renamed' events that took this name away (their
	 * name is the new one, old_name this one), by ord, ABI, catalog order */
	kabi_cat_event *events;
	size_t nevents;
	kabi_intern *pool; /* private: owns the strings */
} kabi_cat_history;

/* The history of `syscall` on ABI abi or every ABI (-1): indexed lookups
 * only.  *out owned by the caller: kabi_cat_history_free(). */
int kabi_catalog_history(kabi_cat_history **out, kabi_catalog *c, int64_t syscall, int abi);
void kabi_cat_history_free(kabi_cat_history *h);

#endif
