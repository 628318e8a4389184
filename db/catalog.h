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

#define KABI_SCHEMA_VERSION 3

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
 * Loads releases, per-ABI sources and spans of an existing catalog into m
 * (releases with old_ord set, spans into m->old_spans).  *found is 0 when
 * there is no catalog at path, or when its schema version is another one
 * (then it is rebuilt from scratch).
 */
int kabi_catalog_load(kabi_model *m, const char *path, int *found);

/* Writes m (sorted, spans and events built) to path atomically. */
int kabi_catalog_write(const kabi_model *m, const char *path);

/* Opens an existing catalog read-only and checks its schema version. */
int kabi_catalog_open(sqlite3 **db, const char *path);

#endif
