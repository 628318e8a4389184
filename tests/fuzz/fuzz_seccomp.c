/*
 * fuzz_seccomp.c - libFuzzer harness for the seccomp profile reader (JSON
 * parser, profile walker and the per-ABI selection).
 *
 * `make fuzz` builds and runs it (and every other harness); ctest replays its
 * corpus under the sanitizers (tests/fuzz/replay.c).  By hand; Debian: clang libclang-rt-14-dev:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ibase -Idb -Iharvest -Iquery \
 *     base/error.c base/strbuf.c db/abi.c query/artifact.c query/artifact_seccomp.c query/json.c \
 *     tests/fuzz/fuzz_seccomp.c -o /tmp/fuzz_seccomp
 *   /tmp/fuzz_seccomp -max_total_time=180 -dict=tests/fuzz/seccomp.dict \
 *     tests/fuzz/corpus_seccomp
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artifact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const abis[] = {"x86_64", "i386", "arm64", "s390x"};
	static const char *const caps[] = {"CAP_SYS_ADMIN"};
	char *copy = malloc(size ? size : 1); /* exact size: ASan sees over-reads */
	kabi_seccomp *p;
	size_t i;

	memcpy(copy, data, size);
	if (kabi_seccomp_parse(&p, copy, size, "fuzz") == 0) {
		for (i = 0; i < 4; i++) {
			kabi_seccomp_query q = KABI_SECCOMP_QUERY_INIT;
			kabi_needs *ns;

			q.abi = abis[i];
			q.kernel = i & 1 ? "5.4" : NULL;
			q.caps = caps;
			q.ncaps = i & 2 ? 1 : 0;
			if (kabi_seccomp_names(&ns, p, &q, (int)(i & 1)) == 0)
				kabi_needs_free(ns);
		}
		kabi_seccomp_free(p);
	}
	free(copy);
	return 0;
}
