/*
 * file.h - reading a file whole, written once; and where writing a file
 * by name lands.
 *
 * Regular files are read into a buffer of their size; pipes, terminals,
 * devices and standard input until end of file.  Either way no more than
 * `max` bytes are taken: past that the read fails, so that a caller that
 * holds a whole input in memory states how much it will hold.
 */
#ifndef KABI_FILE_H
#define KABI_FILE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Reads the file at path.  *out: its bytes followed by a NUL (not counted
 * in *len), owned by the caller, free(); NULL on failure.  Returns 0, or
 *   KABI_ENOTFOUND / KABI_EIO  "cannot open 'path': <strerror>",
 *   KABI_EIO                   "cannot stat|read 'path': <strerror>",
 *   KABI_EINVALID              "'path': larger than N MiB" (N = max >> 20,
 *                              or "N bytes" when max is not whole MiB; the
 *                              only KABI_EINVALID, so a caller may add why).
 * max: SIZE_MAX for no limit but memory.
 */
int kabi_file_read(char **out, size_t *len, const char *path, size_t max);

/* The same for a file already open (not closed here); name is what the
 * messages call it ("-" for standard input, say). */
int kabi_file_read_fd(char **out, size_t *len, int fd, const char *name, size_t max);
int kabi_file_read_fp(char **out, size_t *len, FILE *f, const char *name, size_t max);

/*
 * The file to write in place of path, as a new string (*out, free()):
 * path resolved through symbolic links, even a dangling one (whose target
 * is the file to create), so that a writer that renames a complete
 * temporary file into place updates the target and a link stays a link.
 * KABI_EINVALID for a directory, a device, a FIFO or a socket ("'path' is
 * a directory, not <what> file"; what: "a catalog", "an export"), or a
 * loop of links; KABI_EIO when the directory of a new file is missing.
 */
int kabi_file_target(char **out, const char *path, const char *what);

#endif
