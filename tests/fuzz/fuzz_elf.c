/*
 * fuzz_elf.c - libFuzzer harness for the ELF reader (headers, .dynsym,
 * PT_DYNAMIC with DT_HASH/DT_GNU_HASH, x86 and arm64 instruction scans,
 * calls to syscall() through .plt/.plt.sec/GOT slots and .symtab, Go's
 * syscall functions through .symtab and .gopclntab).  The corpus seeds
 * call-* and go-pclntab* come from the sources in test_artifact_elf.c,
 * built with -Wl,--build-id=none -Wl,-z,noseparate-code to stay small.
 *
 * `make fuzz` builds and runs it (and every other harness); ctest replays its
 * corpus under the sanitizers (tests/fuzz/replay.c).  By hand; Debian: clang libclang-rt-14-dev:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ibase -Idb -Iharvest -Iquery \
 *     base/error.c base/strbuf.c db/abi.c query/artifact.c query/artifact_elf*.c \
 *     query/libc_syscalls.c tests/fuzz/fuzz_elf.c -o /tmp/fuzz_elf
 *   /tmp/fuzz_elf -max_total_time=180 -max_len=65536 tests/fuzz/corpus_elf
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artifact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1); /* exact size for ASan */
	kabi_needs *ns;

	memcpy(copy, data, size);
	if (kabi_elf_read_mem(&ns, copy, size, "fuzz") == 0)
		kabi_needs_free(ns);
	kabi_elf_abi(copy, size);
	free(copy);
	return 0;
}
