/*
 * fuzz_image.c - libFuzzer harness for the container image reader: the tar
 * reader (ustar, GNU long names, pax), gzip layers, whiteouts, docker save
 * and OCI layouts inside a tar, and the ELF reader on what they hold.
 *
 * `make fuzz` builds and runs it (and every other harness); ctest replays its
 * corpus under the sanitizers (tests/fuzz/replay.c).  The corpus is made by
 * tests/fuzz/make-image-corpus.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artifact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1); /* exact size: ASan sees over-reads */
	kabi_images im;

	memcpy(copy, data, size);
	(void)kabi_image_sniff(copy, size);
	kabi_image_read(&im, NULL, copy, size, "fuzz");
	kabi_images_free(&im);
	free(copy);
	return 0;
}
