// SPDX-License-Identifier: GPL-2.0
/*
 * gmem-workload: run a text scenario of guest_memfd operations, one per
 * line, and print each one's result.  See README.md for the format.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"

struct line {
	struct step step;
	char *text;	/* as written, for the output */
	char *words;	/* tokenised copy the step points into */
};

/* "bg" lines running in their own thread until "join". */
#define MAX_BG 8

struct bg {
	pthread_t thread;
	struct ctx *ctx;
	struct line *line;
	struct result res;
};

static struct bg bg[MAX_BG];
static int nr_bg;
static const char *scenario_path;
static bool quiet, timed, cpu_timed;

static void usage(FILE *f)
{
	const struct op *op;

	fprintf(f, "usage: gmem-workload [-n] [-q] [-t] [-c] SCENARIO|-\n"
		   "  -n  only check the scenario's syntax\n"
		   "  -q  print only failures\n"
		   "  -t  print each line's time (\"in N ns\", CLOCK_MONOTONIC)\n"
		   "  -c  and its thread's CPU time before it (\"cpu N ns\",\n"
		   "      CLOCK_THREAD_CPUTIME_ID): without the time it waited\n"
		   "operations (any line may start with 'repeat N' and end with 'expect RESULT';\n"
		   "'bg' before a line runs it in its own thread until 'join'):\n");
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

static unsigned long long clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * Run a line's operation, as often as it says; stop at the first failure.
 * @res->ns is the time it took, @res->cpu_ns the CPU time of the thread
 * that ran it.
 */
static void run_step(struct ctx *ctx, struct line *l, struct result *res)
{
	unsigned long long c0 = cpu_timed ? clock_ns(CLOCK_THREAD_CPUTIME_ID) : 0;
	unsigned long long t0 = clock_ns(CLOCK_MONOTONIC);
	unsigned long i;

	for (i = 0; i < l->step.repeat; i++) {
		memset(res, 0, sizeof(*res));
		l->step.op->run(ctx, &l->step, res);
		if (res->err || res->sigbus)
			break;
	}
	res->ns = clock_ns(CLOCK_MONOTONIC) - t0;
	if (cpu_timed)
		res->cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
}

/* Whether @got is @want, or one of its |-separated alternatives. */
static bool result_matches(const char *got, const char *want)
{
	size_t n = strlen(got);
	const char *p;

	for (p = want; p; p = strchr(p, '|'), p = p ? p + 1 : NULL)
		if (!strncmp(p, got, n) && (p[n] == '|' || !p[n]))
			return true;
	return false;
}

/* Print a line's result; 0 if it is the expected one, -1 otherwise. */
static int report(struct line *l, const struct result *res)
{
	const char *want = l->step.expect ? l->step.expect : "ok";
	const char *got;
	char buf[32];
	bool ok;

	got = result_name(res, buf, sizeof(buf));
	ok = result_matches(got, want);
	if (!quiet || !ok) {
		printf("%d: %s -> %s%s%s", l->step.line, l->text, got,
		       res->msg[0] ? " " : "", res->msg);
		if (cpu_timed)
			printf(" cpu %llu ns", res->cpu_ns);
		if (timed)
			printf(" in %llu ns", res->ns);
		printf("\n");
	}
	fflush(stdout);
	if (!ok) {
		fprintf(stderr, "gmem-workload: %s:%d: expected %s, got %s\n",
			scenario_path, l->step.line, want, got);
		return -1;
	}
	return 0;
}

static void *bg_main(void *arg)
{
	struct bg *b = arg;

	run_step(b->ctx, b->line, &b->res);
	return NULL;
}

/*
 * join: wait for every bg line and report it; the first that did not give
 * its expected result makes join fail with that result.
 */
void op_join(struct ctx *ctx, struct step *s, struct result *res)
{
	int i, failed = 0;

	(void)ctx;
	(void)s;
	for (i = 0; i < nr_bg; i++) {
		pthread_join(bg[i].thread, NULL);
		if (report(bg[i].line, &bg[i].res) && !failed++) {
			*res = bg[i].res;
			snprintf(res->msg, sizeof(res->msg), "(line %d)", bg[i].line->step.line);
		}
	}
	nr_bg = 0;
}

static int run_line(struct ctx *ctx, struct line *l)
{
	struct result res = { 0 };
	struct bg *b;
	int r;

	if (!l->step.background) {
		run_step(ctx, l, &res);
		return report(l, &res);
	}
	if (nr_bg == MAX_BG) {
		fprintf(stderr, "gmem-workload: %s:%d: more than %d bg lines before a join\n",
			scenario_path, l->step.line, MAX_BG);
		return -1;
	}
	b = &bg[nr_bg];
	*b = (struct bg){ .ctx = ctx, .line = l };
	r = pthread_create(&b->thread, NULL, bg_main, b);
	if (r) {
		fprintf(stderr, "gmem-workload: %s:%d: pthread_create: %s\n",
			scenario_path, l->step.line, strerror(r));
		return -1;
	}
	nr_bg++;
	if (!quiet)
		printf("%d: %s -> started\n", l->step.line, l->text);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	bool check_only = false;
	struct ctx ctx = { 0 };
	struct line *lines;
	int c, i, n, rc = 0;

	while ((c = getopt(argc, argv, "nqtch")) != -1) {
		switch (c) {
		case 'n':
			check_only = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 't':
			timed = true;
			break;
		case 'c':
			timed = cpu_timed = true;
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
	scenario_path = argv[optind];
	if (load(argv[optind], &lines, &n))
		return 2;
	if (check_only)
		return 0;

	ctx.page_size = sysconf(_SC_PAGESIZE);
	for (i = 0; i < MAX_GMEM; i++)
		ctx.gmem[i].fd = -1;
	for (i = 0; i < n && !rc; i++)
		rc = run_line(&ctx, &lines[i]);
	/* bg lines not joined yet are joined at the end. */
	if (nr_bg) {
		struct result res = { 0 };

		op_join(&ctx, NULL, &res);
		if (res.err || res.sigbus)
			rc = -1;
	}
	if (ctx.have_vm)
		vm_destroy(&ctx.vm);
	return rc ? 1 : 0;
}
