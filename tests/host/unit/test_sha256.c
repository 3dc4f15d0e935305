// SPDX-License-Identifier: GPL-2.0
/*
 * tools/gmemtrace/sha256.c: the examples of FIPS 180-4 (NIST's "SHA256"
 * example file) and a million 'a's, whole and in uneven pieces.
 */
#include <string.h>

#include "sha256.h"
#include "unit.h"

static void check(const char *name, const char *msg, const char *want)
{
	char hex[2 * GMT_SHA256_LEN + 1];
	struct gmt_sha256 c;

	gmt_sha256_init(&c);
	gmt_sha256_update(&c, msg, strlen(msg));
	gmt_sha256_hex(&c, hex);
	CHECK_STR(name, hex, want);
}

int main(void)
{
	static char a[1000];
	char hex[2 * GMT_SHA256_LEN + 1];
	struct gmt_sha256 c;
	size_t done, n;
	int i;

	check("sha256:empty", "",
	      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("sha256:abc", "abc",
	      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the length no longer fits the first block. */
	check("sha256:two-blocks", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

	memset(a, 'a', sizeof(a));
	gmt_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		gmt_sha256_update(&c, a, sizeof(a));
	gmt_sha256_hex(&c, hex);
	CHECK_STR("sha256:million-a", hex,
		  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	gmt_sha256_init(&c);
	for (done = 0, n = 1; done < 1000000; done += n, n = n * 7 % 997 + 1) {
		n = n < 1000000 - done ? n : 1000000 - done;
		gmt_sha256_update(&c, a, n);
	}
	gmt_sha256_hex(&c, hex);
	CHECK_STR("sha256:million-a-pieces", hex,
		  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	return unit_exit();
}
