// SPDX-License-Identifier: GPL-2.0
/*
 * gmem-workload: run a text scenario of guest_memfd operations, one per
 * line, and print each one's result.  See README.md for the format.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"

struct line {
	struct step step;
	char *text;	/* as written, for the output */
	char *words;	/* tokenised copy the step points into */
};

static void usage(FILE *f)
{
	const struct op *op;

	fprintf(f, "usage: gmem-workload [-n] [-q] SCENARIO|-\n"
		   "  -n  only check the scenario's syntax\n"
		   "  -q  print only failures\n"
		   "operations (any line may start with 'repeat N' and end with 'expect RESULT'):\n");
	for (op = ops; op->name; op++)
		fprintf(f, "  %-8s %s\n", op->name, op->usage);
}

static int load(const char *path, struct line **out, int *nr_out)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct line *lines = NULL;
	char *buf = NULL, err[160];
	size_t cap = 0;
	int n = 0, lineno = 0, r;

	if (!f) {
		fprintf(stderr, "gmem-workload: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (getline(&buf, &cap, f) >= 0) {
		struct line l = { 0 };

		lineno++;
		buf[strcspn(buf, "\r\n")] = '\0';
		l.text = strdup(buf);
		l.words = strdup(buf);
		if (!l.text || !l.words) {
			fprintf(stderr, "gmem-workload: out of memory\n");
			return -1;
		}
		r = parse_step(l.words, lineno, &l.step, err, sizeof(err));
		if (r < 0) {
			fprintf(stderr, "gmem-workload: %s:%d: %s\n", path, lineno, err);
			return -1;
		}
		if (!r) {
			free(l.text);
			free(l.words);
			continue;
		}
		lines = realloc(lines, (n + 1) * sizeof(*lines));
		if (!lines) {
			fprintf(stderr, "gmem-workload: out of memory\n");
			return -1;
		}
		lines[n++] = l;
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	*out = lines;
	*nr_out = n;
	return 0;
}

static int run_line(struct ctx *ctx, const char *path, struct line *l, bool quiet)
{
	const char *want = l->step.expect ? l->step.expect : "ok";
	struct result res = { 0 };
	unsigned long i;
	const char *got;
	char buf[32];

	for (i = 0; i < l->step.repeat; i++) {
		memset(&res, 0, sizeof(res));
		l->step.op->run(ctx, &l->step, &res);
		if (res.err || res.sigbus)
			break;
	}
	got = result_name(&res, buf, sizeof(buf));
	if (!quiet || strcmp(got, want))
		printf("%d: %s -> %s%s%s\n", l->step.line, l->text, got,
		       res.msg[0] ? " " : "", res.msg);
	fflush(stdout);
	if (strcmp(got, want)) {
		fprintf(stderr, "gmem-workload: %s:%d: expected %s, got %s\n",
			path, l->step.line, want, got);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool check_only = false, quiet = false;
	struct ctx ctx = { 0 };
	struct line *lines;
	int c, i, n, rc = 0;

	while ((c = getopt(argc, argv, "nqh")) != -1) {
		switch (c) {
		case 'n':
			check_only = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (load(argv[optind], &lines, &n))
		return 2;
	if (check_only)
		return 0;

	ctx.page_size = sysconf(_SC_PAGESIZE);
	for (i = 0; i < MAX_GMEM; i++)
		ctx.gmem[i].fd = -1;
	for (i = 0; i < n && !rc; i++)
		rc = run_line(&ctx, argv[optind], &lines[i], quiet);
	if (ctx.have_vm)
		vm_destroy(&ctx.vm);
	return rc ? 1 : 0;
}
