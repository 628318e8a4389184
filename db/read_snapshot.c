/*
 * read_snapshot.c - one read transaction for the life of a handle (see
 * read_snapshot.h).
 */
#include "read_int.h"
#include "read_snapshot.h"
#include "error.h"

int kabi_catalog_snapshot(kabi_catalog *c)
{
	if (!sqlite3_get_autocommit(c->db))
		return 0;
	/* BEGIN defers the shared lock to the first read: read now, so that
	 * the snapshot starts here and a failure is seen here */
	if (sqlite3_exec(c->db, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		int err = kabi_error_set(KABI_EIO, "cannot read the catalog '%s': %s", c->path,
					 sqlite3_errmsg(c->db));

		if (!sqlite3_get_autocommit(c->db))
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return err;
	}
	return 0;
}
