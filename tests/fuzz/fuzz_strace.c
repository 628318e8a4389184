/*
 * fuzz_strace.c - libFuzzer harness for the strace reader.
 *
 * `make fuzz` builds and runs it (and every other harness); ctest replays its
 * corpus under the sanitizers (tests/fuzz/replay.c).  By hand; Debian: clang libclang-rt-14-dev:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ibase -Idb -Iharvest -Iquery \
 *     base/error.c base/strbuf.c db/abi.c query/artifact.c query/artifact_strace.c \
 *     tests/fuzz/fuzz_strace.c -o /tmp/fuzz_strace
 *   /tmp/fuzz_strace -max_total_time=180 -max_len=4096 tests/fuzz/corpus_strace
 */
#include <stdint.h>
#include <stdio.h>

#include "artifact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char empty[1];
	kabi_needs *ns = kabi_needs_new(size && (data[0] & 1) ? "x86_64" : NULL, NULL);
	/* fmemopen refuses size 0: give it one byte and read it away */
	FILE *f = fmemopen(size ? (void *)data : empty, size ? size : 1, "rb");

	if (f) {
		if (!size)
			fgetc(f);
		kabi_strace_read_fp(ns, f, "fuzz");
		fclose(f);
	}
	kabi_needs_free(ns);
	return 0;
}
