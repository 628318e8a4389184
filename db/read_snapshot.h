/*
 * read_snapshot.h - one snapshot of the catalog for a run of many lookups.
 *
 * Without it every lookup of a kabi_catalog is its own read transaction:
 * SQLite takes and drops its shared lock and checks the file for changes
 * (two fcntl, a few stat and a read of page 1) around each statement,
 * which costs more than the indexed lookup itself when a command asks a
 * few hundred small questions (kabi check of a whole program).
 */
#ifndef KABI_READ_SNAPSHOT_H
#define KABI_READ_SNAPSHOT_H

#include "read.h"

/*
 * From now until kabi_catalog_close(), every answer of c comes from one
 * read transaction: one snapshot of the file, locked once.  A writer that
 * replaces the file (kabi harvest writes a copy and renames it) is not
 * held up; one that writes the file in place waits for the close.  Calling
 * it again does nothing.
 */
int kabi_catalog_snapshot(kabi_catalog *c);

#endif
