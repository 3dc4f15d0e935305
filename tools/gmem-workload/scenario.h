/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEM_WORKLOAD_SCENARIO_H
#define GMEM_WORKLOAD_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_ARGS 8

/* One parsed line: "[bg] [repeat N] OP ARG... [expect RESULT]". */
struct step {
	int line;
	const struct op *op;
	int argc;
	char *argv[MAX_ARGS];
	unsigned long repeat;
	bool background;	/* "bg": in its own thread, until "join" */
	const char *expect;	/* "ok", "sigbus", an errno name, ... */
};

struct ctx;

/* An op's outcome: 0 or -errno in @err, a free-form @msg. */
struct result {
	int err;
	bool sigbus;
	char msg[160];
	unsigned long long ns;	/* the line's time, all repeats */
	unsigned long long cpu_ns;	/* its thread's CPU time meanwhile */
};

/*
 * @types has one letter per argument: 'n' a name, 's' a number (0x..., K/M/G
 * suffixes), 'f' a guest_memfd flag (mmap, init_shared, huge), 't' a VM type
 * (sw_protected, default), 'a' a memory state (private, shared).
 */
struct op {
	const char *name;
	int min_args, max_args;
	const char *types;
	const char *usage;
	void (*run)(struct ctx *ctx, struct step *s, struct result *res);
	bool bg;	/* may run in the background: touches no mapping */
};

extern const struct op ops[];

int parse_step(char *text, int line, struct step *s, char *err, size_t err_len);
int parse_size(const char *s, uint64_t *out);
int parse_word(char type, const char *s, uint64_t *out);
const char *result_name(const struct result *res, char *buf, size_t len);

#endif
