/*
 * fuzz_cpp.c - libFuzzer harness for harvest/cpp.c.
 *
 * `make fuzz` builds and runs it (and every other harness); ctest replays its
 * corpus under the sanitizers (tests/fuzz/replay.c).  By hand:
 *   clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -Ibase -Iharvest \
 *     tests/fuzz/fuzz_cpp.c harvest/cpp.c base/error.c base/strbuf.c -o /tmp/fuzz_cpp
 *   mkdir -p /tmp/fuzz_cpp_corpus
 *   /tmp/fuzz_cpp -timeout=5 -rss_limit_mb=2048 -max_total_time=180 \
 *     /tmp/fuzz_cpp_corpus tests/fuzz/corpus_cpp
 *
 * Input: the main file, optionally followed by "\n@@\n" and the text every
 * #include resolves to (names starting with 'm' are "missing").  After the
 * run the harness evaluates and expands the first few macros it defined.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpp.h"
#include "error.h"

typedef struct {
	const char *text;
	size_t len;
} inc;

static int resolve(void *ctx, const char *name, int angled, const char *from, char **out_text,
		   size_t *out_len, char **out_path)
{
	const inc *i = ctx;

	(void)angled;
	(void)from;
	if (name[0] == 'm' || !i->text)
		return KABI_ENOTFOUND;
	*out_text = kabi_malloc(i->len + 1);
	memcpy(*out_text, i->text, i->len);
	*out_len = i->len;
	*out_path = kabi_strdup(name);
	return 0;
}

static int on_line(void *ctx, const char *text, const char *file, int line)
{
	long long v;

	(void)file;
	(void)line;
	/* what the harvester does with __SYSCALL(nr, sym) lines */
	if (!strncmp(text, "__SYSCALL(", 10))
		kabi_cpp_eval(ctx, text + 10, &v);
	return 0;
}

typedef struct {
	kabi_cpp *cpp;
	int left;
} probe;

static int on_macro(void *ctx, const char *name, const char *body, const char *file, int line)
{
	probe *p = ctx;
	long long v;
	char *s = NULL;

	(void)body;
	(void)file;
	(void)line;
	kabi_cpp_eval(p->cpp, name, &v);
	if (!kabi_cpp_expand(p->cpp, name, &s))
		free(s);
	return --p->left <= 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *sep = NULL;
	inc i = {NULL, 0};
	kabi_cpp *cpp;
	probe p;
	size_t k;

	for (k = 0; k + 4 <= size; k++)
		if (!memcmp(text + k, "\n@@\n", 4)) {
			sep = text + k;
			break;
		}
	if (sep) {
		i.text = sep + 4;
		i.len = size - (size_t)(sep + 4 - text);
		size = (size_t)(sep - text);
	}
	kabi_cpp_new(&cpp);
	kabi_cpp_define(cpp, "__BITS_PER_LONG", "64");
	kabi_cpp_define(cpp, "_MIPS_SIM", "_MIPS_SIM_ABI32");
	kabi_cpp_protect(cpp, "__SYSCALL");
	kabi_cpp_set_include(cpp, resolve, &i);
	kabi_cpp_run(cpp, "fuzz.h", text, size, on_line, cpp);
	p.cpp = cpp;
	p.left = 8;
	kabi_cpp_foreach_macro(cpp, on_macro, &p);
	kabi_cpp_free(cpp);
	return 0;
}
