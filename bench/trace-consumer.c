// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark, on the host (natively, not under TCG): the cost per event
 * of 'gmemtrace trace's user-space side, formatting records into text
 * and JSON lines, with the tool's own code (trace_fmt.c) writing through
 * a 64K stdio buffer to /dev/null.  The records are the storm's
 * (bench/p2-tools.sh): punch_hole, invalidate_begin, arch_invalidate,
 * invalidate_end, with increasing offsets.
 *
 *   trace-consumer [EVENTS [REPS]]
 *
 * Prints "text NS_PER_EVENT..." and "json NS_PER_EVENT..." lines, one
 * figure per run, for bench/p2-consumer.sh to summarise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_writer.h"
#include "trace_fmt.h"

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void make_events(struct gmt_event *ev, unsigned long n)
{
	static const unsigned int types[] = {
		GMT_EV_PUNCH_HOLE, GMT_EV_INVALIDATE_BEGIN,
		GMT_EV_ARCH_INVALIDATE, GMT_EV_INVALIDATE_END,
	};
	unsigned long i;

	memset(ev, 0, n * sizeof(*ev));
	for (i = 0; i < n; i++) {
		struct gmt_event *e = &ev[i];

		e->ts = 1000000000ULL + i * 1850;
		e->type = types[i % 4];
		e->pid = e->tid = e->vm_pid = 4242;
		e->cpu = 0;
		e->ino = 31337;
		e->start = i / 4;
		e->end = i / 4 + 1;
		e->dur_ns = e->type == GMT_EV_PUNCH_HOLE ? 3100 : 0;
		e->filter = 3;
		e->nr_slots = 1;
		e->slot = 1;
		e->source = GMT_SRC_TRACEPOINT;
		strcpy(e->comm, "gmem-workload");
	}
}

/* ns per event of one run printing @n events. */
static double run(const struct gmt_event *ev, unsigned long n, bool json)
{
	struct gmt_trace_fmt t = { 0 };
	static char buf[1 << 16];
	unsigned long long t0;
	unsigned long i;
	double ns;

	t.f = fopen("/dev/null", "w");
	if (!t.f) {
		perror("/dev/null");
		exit(1);
	}
	setvbuf(t.f, buf, _IOFBF, sizeof(buf));
	if (json)
		t.jw = jw_new(t.f);
	t0 = now_ns();
	gmt_trace_header(&t);
	for (i = 0; i < n; i++)
		gmt_trace_print(&t, &ev[i]);
	fflush(t.f);
	ns = (double)(now_ns() - t0) / n;
	jw_destroy(&t.jw);
	fclose(t.f);
	return ns;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
	int reps = argc > 2 ? atoi(argv[2]) : 5, r, json;
	struct gmt_event *ev;

	if (!n || reps < 1) {
		fprintf(stderr, "usage: trace-consumer [EVENTS [REPS]]\n");
		return 2;
	}
	ev = malloc(n * sizeof(*ev));
	if (!ev) {
		perror("malloc");
		return 1;
	}
	make_events(ev, n);
	run(ev, n / 10 + 1, false);	/* warm-up */
	for (json = 0; json < 2; json++) {
		printf("%s", json ? "json" : "text");
		for (r = 0; r < reps; r++)
			printf(" %.1f", run(ev, n, json));
		printf("\n");
	}
	free(ev);
	return 0;
}
