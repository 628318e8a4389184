/*
 * sha256.h - SHA-256 (FIPS 180-4), for the digests of container image
 * manifests and configs (artifact_image.c).  No new dependency for one hash.
 */
#ifndef KABI_SHA256_H
#define KABI_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t len;        /* bytes hashed so far */
	unsigned char b[64]; /* a partial block */
	size_t nb;
} kabi_sha256;

void kabi_sha256_init(kabi_sha256 *s);
void kabi_sha256_add(kabi_sha256 *s, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void kabi_sha256_hex(kabi_sha256 *s, char out[65]);

#endif
