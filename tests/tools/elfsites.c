/*
 * elfsites - every syscall site kabi's ELF reader finds in code, one line
 * each, for the test that checks the decoder against objdump (not
 * installed).
 *
 *   elfsites FILE...     "FILE<TAB>0xADDRESS<TAB>WHAT<TAB>NUMBER" (-1: unknown)
 *   elfsites --unknown FILE...   also "FILE<TAB>unknown<TAB>COUNT<TAB>WHY":
 *                        the calls whose number (or whose being a call)
 *                        the reader could not determine, the first's why
 *
 * Files that are not ELF, or that the reader refuses, are named on stderr;
 * the exit status is 1 when any was.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artifact.h"
#include "error.h"

static void site(void *ctx, uint64_t va, const char *what, long long nr)
{
	printf("%s\t0x%" PRIx64 "\t%s\t%lld\n", (const char *)ctx, va, what, nr);
}

int main(int argc, char **argv)
{
	int i = 1, rc = 0, unknown = 0;

	if (argc > 1 && strcmp(argv[1], "--unknown") == 0) {
		unknown = 1;
		i++;
	}
	for (; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *b = NULL;
		size_t len = 0;
		kabi_needs *ns = NULL;

		if (!f || kabi_artifact_slurp(&b, &len, f, argv[i], KABI_ELF_MAX) < 0 ||
		    kabi_elf_read_sites(&ns, b, len, argv[i], site, argv[i]) < 0) {
			fprintf(stderr, "elfsites: %s: %s\n", argv[i], f ? kabi_error_last() : "cannot open");
			rc = 1;
		} else if (unknown && ns->unknown) {
			printf("%s\tunknown\t%llu\t%s\n", argv[i], ns->unknown,
			       ns->unknown_why ? ns->unknown_why : "");
		}
		if (f)
			fclose(f);
		kabi_needs_free(ns);
		free(b);
	}
	return rc;
}
