/*
 * version.h - kernel version numbers: parsing, ordering, formatting.
 *
 * A version is up to four numbers and an optional release-candidate number:
 * 2.6.12-rc2, 2.6.32.71, 3.0, 6.1, 6.1.192, 7.1-rc4.  "6.1" and "6.1.0" are
 * the same version.  Ordering is numeric per component, and vX.Y-rcN sorts
 * before vX.Y, which sorts before vX.Y.1.
 */
#ifndef KABI_VERSION_H
#define KABI_VERSION_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	int part[4]; /* 2.6.32.71 -> {2,6,32,71}; 6.1.192 -> {6,1,192,0} */
	int rc;      /* 0 for a release, N for -rcN */
} kabi_version;

/* Parses "v6.1", "6.1", "6.1.0", "v2.6.12-rc2", "6.1.192"; a leading "v" is
 * optional.  Returns KABI_EINVALID for anything else. */
int kabi_version_parse(kabi_version *out, const char *s);

/* Reads VERSION, PATCHLEVEL, SUBLEVEL and EXTRAVERSION (-rcN) from the text
 * of a kernel's top-level Makefile. */
int kabi_version_from_makefile(kabi_version *out, const char *text, size_t len);

/* A number that sorts like the versions do (unique per version). */
int64_t kabi_version_key(const kabi_version *v);
int kabi_version_cmp(const kabi_version *a, const kabi_version *b);

/* "6.1.192", "2.6.12-rc2", "6.1" (no leading v) into buf. */
void kabi_version_format(const kabi_version *v, char *buf, size_t size);

/* The release line: "6.1" for 6.1, 6.1-rc3 and 6.1.192; "2.6.32" for 2.6.32.x. */
void kabi_version_line(const kabi_version *v, char *buf, size_t size);

/* 1 when v, as a user wrote it, can name a whole release line rather than
 * one release: "6.1" or "6.1.0" (not 6.1.3, not 6.1-rc2), "2.6.32" (not
 * 2.6.32.5, not 2.6.32-rc1).  Whether a catalog resolves it to the line is
 * the reader's business (db/read.h: only when no release has that version). */
int kabi_version_is_line(const kabi_version *v);

/* 1 when v belongs to the release line that `line` names, the line
 * kabi_version_line() prints: 6.1-rc3, 6.1 and 6.1.192 are of line 6.1;
 * 2.6.32-rc1 and 2.6.32.71 of line 2.6.32.  Only the line's numbers of
 * `line` are read (its other parts may be anything). */
int kabi_version_in_line(const kabi_version *v, const kabi_version *line);

/*
 * 1 when b comes right after a in the kernel's releases, so that what b
 * has and a lacks arrived in b: 6.1.5 -> 6.1.6, 6.1-rc2 -> 6.1-rc3, 6.1-rc7
 * -> 6.1, 6.1 (or any 6.1.y) -> 6.2-rc1 or 6.2, 3.19 -> 4.0, 2.6.39 -> 3.0.
 * 0 when releases lie between them (6.1 -> 6.12, 6.1 -> 6.2.3): then b is
 * only the first release kabi knows with it.
 */
int kabi_version_follows(const kabi_version *a, const kabi_version *b);

#endif
