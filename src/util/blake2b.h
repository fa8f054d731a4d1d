/*
 * blake2b.h - BLAKE2b (RFC 7693) with a 32-byte digest, the hash of the build cache's
 * keys (build/cache.h).
 *
 * Owns: one streaming, unkeyed BLAKE2b-256. Written here (some 90 lines) rather than
 * taken from a library: libxml2 and libxslt export no hash, and a keyed build needs one
 * whose collisions nobody finds by chance or on purpose (256 bits, a cryptographic
 * hash) yet that costs little next to the build: BLAKE2b runs about five times as fast
 * as SHA-256 in portable C on 64-bit machines (SHA-256 was a sixth of a no-op rebuild).
 */
#ifndef REGDOC_BLAKE2B_H
#define REGDOC_BLAKE2B_H

#include <stddef.h>
#include <stdint.h>

#define BLAKE2B_OUT 32

typedef struct blake2b {
	uint64_t h[8], t[2];
	unsigned char buf[128]; /* the last block is compressed only at blake2b_final */
	size_t n;               /* bytes in buf */
} blake2b;

void blake2b_init(blake2b *s);
void blake2b_update(blake2b *s, const void *data, size_t len);
void blake2b_final(blake2b *s, unsigned char out[BLAKE2B_OUT]);

#endif
