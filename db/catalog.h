/*
 * catalog.h - the SQLite catalog: writing it atomically, reading it back.
 *
 * A harvest loads the previous catalog into a kabi_model, adds what is new
 * and writes the whole catalog to a temporary file in the same directory,
 * which is renamed over the old one only when complete.  A crash or a kill
 * at any point leaves the old catalog as it was.  Queries open the catalog
 * read-only.
 */
#ifndef KABI_CATALOG_H
#define KABI_CATALOG_H

#include <sqlite3.h>

#include "model.h"

#define KABI_SCHEMA_VERSION 7

/* The schema text (db/schema.sql), embedded at build time. */
extern const char kabi_schema_sql[];

typedef struct {
	int fd;
	char *path;
} kabi_lock;

/* Takes the harvest lock of the catalog at db_path (a lock file beside it,
 * flock()ed, so a killed harvest never leaves it held).  KABI_ELOCKED when
 * another harvest holds it. */
int kabi_catalog_lock(kabi_lock *lock, const char *db_path);
void kabi_catalog_unlock(kabi_lock *lock);

/*
 * The file a harvest of the catalog named path reads, locks and replaces,
 * as a new string (*out, free()): kabi_file_target() (base/file.h), path
 * resolved through symbolic links (a link stays a link; its target, even a
 * target still to be created, is what is written), so that two names of
 * one catalog share one lock.  KABI_EINVALID for a directory, a device, a
 * FIFO or a socket.
 */
int kabi_catalog_target(char **out, const char *path);
/* Removes the temporary files that killed harvests of the catalog at path
 * left beside it: "<path>.tmp-<pid>" (the name compared literally, no
 * pattern matching on path) whose process <pid> is dead; a live process's
 * temporary file stays.  Call it holding the catalog's lock (every command
 * that opens the catalog does, briefly, when there is something to remove). */
void kabi_catalog_remove_stale(const char *path);

/* When the catalog at path, of this kabi's schema, has a release of each of
 * the n names at that commit (40 hex digits), a harvest of those refs has
 * nothing to do and need not load the catalog: returns the number of its
 * releases.  0 otherwise, also when there is no catalog or the file is not
 * one (kabi_catalog_load says why). */
int kabi_catalog_has_releases(const char *path, const char *const *names, const char *const *commits,
			      size_t n);

/*
 * Loads releases, per-ABI sources and spans of an existing catalog into m
 * (releases with old_ord set, spans into m->old_spans).  *found is 0 when
 * there is no catalog at path (or an empty file), or when an older kabi
 * wrote it (then it is rebuilt from scratch).  KABI_EINVALID, and nothing
 * is replaced, for a file that is not a kabi catalog or one a newer kabi
 * wrote.
 */
int kabi_catalog_load(kabi_model *m, const char *path, int *found);

/* Writes m (sorted, spans and events built) to path atomically. */
int kabi_catalog_write(const kabi_model *m, const char *path);

/* Opens an existing catalog read-only and checks its schema version. */
int kabi_catalog_open(sqlite3 **db, const char *path);

#endif
