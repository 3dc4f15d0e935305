/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEM_WORKLOAD_CTX_H
#define GMEM_WORKLOAD_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"
#include "vm.h"

#define MAX_GMEM 64

struct gmem {
	char name[32];
	int fd;
	uint64_t size;
	uint64_t ino;
	void *map;
	int pin[2];		/* pipe holding vmsplice()d pages, or -1 */
};

struct ctx {
	struct vm vm;
	bool have_vm;
	long page_size;
	struct gmem gmem[MAX_GMEM];
};

#endif
