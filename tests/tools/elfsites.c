/*
 * elfsites - every syscall site kabi's ELF reader finds in code, one line
 * each, for the test that checks the decoder against objdump (not
 * installed).
 *
 *   elfsites FILE...     "FILE<TAB>0xADDRESS<TAB>WHAT<TAB>NUMBER" (-1: unknown)
 *
 * Files that are not ELF, or that the reader refuses, are named on stderr;
 * the exit status is 1 when any was.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "artifact.h"
#include "error.h"

static void site(void *ctx, uint64_t va, const char *what, long long nr)
{
	printf("%s\t0x%" PRIx64 "\t%s\t%lld\n", (const char *)ctx, va, what, nr);
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *b = NULL;
		size_t len = 0;
		kabi_needs *ns = NULL;

		if (!f || kabi_artifact_slurp(&b, &len, f, argv[i]) < 0 ||
		    kabi_elf_read_sites(&ns, b, len, argv[i], site, argv[i]) < 0) {
			fprintf(stderr, "elfsites: %s: %s\n", argv[i], f ? kabi_error_last() : "cannot open");
			rc = 1;
		}
		if (f)
			fclose(f);
		kabi_needs_free(ns);
		free(b);
	}
	return rc;
}
