/*
 * utf8.h - text from a repository made safe to store and to show.
 *
 * Commit subjects, author names and ref names are whatever their authors
 * wrote: invalid UTF-8, NUL-free but with control characters (a terminal's
 * escape sequences among them).  The catalog stores text, JSON and HTML
 * carry it, terminals print it: every such string goes through
 * kabi_utf8_clean() before it is stored.
 */
#ifndef KABI_UTF8_H
#define KABI_UTF8_H

#include <stddef.h>

/* The length of the valid UTF-8 sequence at s (1 to 4, at most n bytes;
 * no overlong form, surrogate or code point past U+10FFFF), 0 when the
 * byte at s starts none.  For writers of JSON, which must be UTF-8: each
 * invalid byte becomes U+FFFD. */
size_t kabi_utf8_seq(const char *s, size_t n);

/* 1 when s[0..len) is valid UTF-8 (no overlong forms, no surrogates, at
 * most U+10FFFF) without control characters (C0 but tab, DEL, C1). */
int kabi_utf8_is_clean(const char *s, size_t len);

/* A copy of s in which every byte that does not start a valid UTF-8
 * sequence, and every control character, is U+FFFD; owned by the caller
 * (free).  Clean text is copied unchanged. */
char *kabi_utf8_clean(const char *s);

#endif
