/*
 * error.h - the one place where error detail lives.
 *
 * Library functions return 0 on success and a negative KABI_E* code on
 * failure; the message describing the failure is set where it happens and
 * read with kabi_error_last() only after a call that failed.  The buffer is
 * thread-local, so concurrent harvest workers do not clobber each other.
 */
#ifndef KABI_ERROR_H
#define KABI_ERROR_H

#include <stddef.h>

enum {
	KABI_OK = 0,
	KABI_ERROR = -1,     /* generic failure */
	KABI_ENOTFOUND = -2, /* a name, path or object does not exist */
	KABI_EINVALID = -3,  /* malformed input */
	KABI_EIO = -4,       /* a file or repository could not be read/written */
	KABI_ELOCKED = -5,   /* another process holds the catalog lock */
	KABI_ENOMEM = -6,
	KABI_EINTERRUPTED = -7
};

/* Set the message for the current thread (printf-style); returns `code`. */
int kabi_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Borrowed, valid until the next kabi_error_set() on this thread, which may
 * take it as an argument to wrap it ("cannot read X: <previous message>"). */
const char *kabi_error_last(void);

void kabi_error_clear(void);

/* Abort on allocation failure: out-of-memory is not a recoverable condition
 * for a command-line tool, and checking every strdup hides the real logic. */
void *kabi_malloc(size_t n);
void *kabi_calloc(size_t n, size_t size);
/* kabi_calloc() for a table that is read before it is written (an open
 * addressing hash table): the zeros are written now.  calloc() of a large
 * block maps pages of zeros; a probe then maps the shared zero page and the
 * first insert on it copies it, a second fault that flushes the TLB of
 * every thread of the process. */
void *kabi_calloc_written(size_t n, size_t size);
void *kabi_realloc(void *p, size_t n);
char *kabi_strdup(const char *s);
char *kabi_strndup(const char *s, size_t n);
/* What they do when memory runs out: say so on stderr and abort. */
void kabi_oom(void) __attribute__((noreturn));
/* What they do when memory runs out: says so on stderr and aborts. */
void kabi_oom(void) __attribute__((noreturn));

#endif
