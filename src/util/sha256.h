/*
 * sha256.h - SHA-256 (FIPS 180-4), the hash of the build cache's keys (build/cache.h).
 *
 * Owns: one streaming SHA-256. Written here (some 80 lines) rather than taken from a
 * crypto library: libxml2 and libxslt export none, and a keyed build needs only a hash
 * whose collisions nobody finds by chance or on purpose; 256 bits is that with room.
 */
#ifndef REGDOC_SHA256_H
#define REGDOC_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
	uint32_t h[8];
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64]; /* the block being filled */
	size_t n;              /* bytes in buf */
} sha256;

void sha256_init(sha256 *s);
void sha256_update(sha256 *s, const void *data, size_t len);
void sha256_final(sha256 *s, unsigned char out[32]);

#endif
