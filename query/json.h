/*
 * json.h - a small strict JSON parser (json.c) for the files kabi reads:
 * seccomp profiles, container image manifests, indexes and configs.
 * Errors name the file, line, column and byte offset.
 */
#ifndef KABI_JSON_H
#define KABI_JSON_H

#include <stddef.h>

enum kabi_jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

/* One value; a document is a tree of them. */
typedef struct kabi_jval {
	enum kabi_jtype t;
	size_t off; /* byte offset of the value */
	char *s;    /* J_STR: decoded text; J_NUM: the literal; J_BOOL: "true"/"false" */
	size_t slen;
	struct kabi_jval *kids; /* J_ARR elements, J_OBJ values */
	char **keys;            /* J_OBJ */
	size_t n, alloc;
} kabi_jval;

/* Parse the len bytes at buf (one value, white space around it) into *top,
 * which the caller frees with kabi_json_free() whatever the result.
 * KABI_EINVALID naming name, the line, column and offset of the error. */
int kabi_json_parse(kabi_jval *top, const char *buf, size_t len, const char *name);
void kabi_json_free(kabi_jval *v);
/* The last member called key of an object; NULL when none (or obj is not
 * an object). */
const kabi_jval *kabi_json_get(const kabi_jval *obj, const char *key);
/* "a string", "an array" ... for messages. */
const char *kabi_json_type_name(enum kabi_jtype t);
/* Sets and returns KABI_EINVALID: "'name' line L column C (offset O): ...",
 * the line and column counted in buf. */
int kabi_json_error_at(const char *buf, size_t len, const char *name, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
