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

/* Shared by the operations (ops.c, folios.c). */
uint64_t num(const char *s);
struct gmem *find_gmem(struct ctx *ctx, const char *name, struct result *res);
bool need_vm(struct ctx *ctx, struct result *res);

typedef void (*page_fn)(char *page, uint64_t off, long size, struct result *res);
void access_pages(struct ctx *ctx, struct gmem *g, uint64_t start, uint64_t end,
		  page_fn fn, struct result *res);

void op_fill(struct ctx *ctx, struct step *s, struct result *res);
void op_check(struct ctx *ctx, struct step *s, struct result *res);
void op_verify(struct ctx *ctx, struct step *s, struct result *res);
void op_orders(struct ctx *ctx, struct step *s, struct result *res);
void op_join(struct ctx *ctx, struct step *s, struct result *res);	/* main.c */

#endif
