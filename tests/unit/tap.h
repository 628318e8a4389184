/*
 * tap.h - the unit-test helpers: each check prints one line and counts;
 * tap_done() prints "N passed, N failed" and returns the exit code.
 */
#ifndef KABI_TAP_H
#define KABI_TAP_H

#include <stdint.h>

void tap_ok(int cond, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void tap_eq_int(int64_t got, int64_t want, const char *file, int line, const char *what);
void tap_eq_str(const char *got, const char *want, const char *file, int line, const char *what);
int tap_done(void);
/* Read a whole file (owned by the caller); NULL when it cannot be read. */
char *tap_slurp(const char *path, size_t *len);

#define OK(cond, ...)     tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define EQ_INT(got, want) tap_eq_int((int64_t)(got), (int64_t)(want), __FILE__, __LINE__, #got)
#define EQ_STR(got, want) tap_eq_str((got), (want), __FILE__, __LINE__, #got)

#endif
