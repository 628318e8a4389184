/*
 * fuzz_tbl.c - libFuzzer harness for the .tbl reader (harvest/tbl.c):
 * parse, then select the rows of a few tag sets into tables, as the harvest
 * does for x86 (with the x32 offset), arm (no compat column) and the
 * generic table; and the Makefile.syscalls tag reader on the same bytes.
 * Built by CMake (`make fuzz` runs it; ctest replays tests/fuzz/corpus_tbl).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "intern.h"
#include "layout.h"
#include "table.h"
#include "tbl.h"

static void warn(void *ctx, int line, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *tags;
		int64_t offset;
		unsigned flags;
	} sel[] = {
		{"common,64", 0, 0},
		{"common,x32", KABI_X32_BIT, 0},
		{"common,eabi", 0, KABI_L_NO_COMPAT},
		{"i386", 0, KABI_L_COMPAT_ONLY},
	};
	char *copy = malloc(size ? size : 1); /* exact size: ASan sees over-reads */
	kabi_intern *pool;
	kabi_tbl tbl;
	char tags[4096];
	size_t i;

	memcpy(copy, data, size);
	if (kabi_intern_new(&pool) < 0)
		abort();
	if (kabi_tbl_parse(&tbl, copy, size, pool, warn, NULL) == 0) {
		for (i = 0; i < sizeof(sel) / sizeof(sel[0]); i++) {
			kabi_table t;

			if (kabi_tbl_select(&t, &tbl, sel[i].tags, sel[i].offset, sel[i].flags, pool, NULL,
					    NULL) == 0)
				kabi_table_free(&t);
		}
		kabi_tbl_free(&tbl);
	}
	kabi_generic_tags(tags, sizeof(tags), copy, size, 64);
	kabi_generic_tags(tags, 16, copy, size, 32);
	kabi_intern_free(pool);
	free(copy);
	return 0;
}
