/* SHA-256 (query/sha256.c) against FIPS 180-4's examples, fed whole and in
 * pieces of every size that crosses a block boundary differently. */
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "tap.h"

static const char *hex(const void *p, size_t n, size_t piece)
{
	static char out[65];
	kabi_sha256 s;
	size_t i;

	kabi_sha256_init(&s);
	for (i = 0; i < n; i += piece)
		kabi_sha256_add(&s, (const char *)p + i, n - i < piece ? n - i : piece);
	kabi_sha256_hex(&s, out);
	return out;
}

int main(void)
{
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000);
	size_t piece;

	EQ_STR(hex("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	EQ_STR(hex("abc", 3, 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	for (piece = 1; piece <= 57; piece++)
		EQ_STR(hex(two, strlen(two), piece),
		       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	EQ_STR(hex(million, 1000000, 1000000),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	EQ_STR(hex(million, 1000000, 4099),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* 55, 56 and 64 bytes: the padding fits, just does not, and a whole block */
	EQ_STR(hex(million, 55, 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	EQ_STR(hex(million, 56, 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	EQ_STR(hex(million, 64, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	free(million);
	return tap_done();
}
