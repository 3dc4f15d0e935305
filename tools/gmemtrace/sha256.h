/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256 (FIPS 180-4), for the hash of a kernel configuration. */
#ifndef GMT_SHA256_H
#define GMT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define GMT_SHA256_LEN	32

struct gmt_sha256 {
	uint32_t h[8];
	uint64_t len;			/* bytes hashed */
	unsigned char block[64];
	size_t fill;			/* bytes in @block */
};

void gmt_sha256_init(struct gmt_sha256 *c);
void gmt_sha256_update(struct gmt_sha256 *c, const void *data, size_t len);
/* The digest as 64 lower-case hex digits and a NUL, as sha256sum prints it. */
void gmt_sha256_hex(struct gmt_sha256 *c, char hex[2 * GMT_SHA256_LEN + 1]);

#endif
