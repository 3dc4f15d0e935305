// SPDX-License-Identifier: GPL-2.0
/* gmemtrace trace: guest_memfd events as they happen. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "tool.h"
#include "gmemtrace.skel.h"
#include "json_writer.h"
#include "opts.h"
#include "trace_fmt.h"

struct trace_ctx {
	struct gmt_opts opts;
	struct gmt_trace_fmt fmt;	/* -T, -d, -j */
	unsigned long long duration_s;	/* -D */
};

static int handle_event(void *ctx, void *data, size_t len)
{
	struct trace_ctx *t = ctx;

	if (len >= sizeof(struct gmt_event))
		gmt_trace_print(&t->fmt, data);
	return 0;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int trace_opt(void *ctx, int c, const char *arg)
{
	struct trace_ctx *t = ctx;
	unsigned long long v;

	switch (c) {
	case 'T':
		t->fmt.timestamps = true;
		return 0;
	case 'd':
		t->fmt.durations = true;
		return 0;
	case 'b':
		if (gmt_parse_ulong("buffer size", arg, 1024, &v))
			return 1;
		if (!v || (v & (v - 1))) {
			gmt_err("bad buffer size '%s' (MiB, a power of 2 up to 1024)", arg);
			return 1;
		}
		t->opts.rb_mb = v;
		return 0;
	case 'D':
		if (gmt_parse_ulong("duration", arg, UINT_MAX, &t->duration_s))
			return 1;
		if (!t->duration_s) {
			gmt_err("bad duration '%s'", arg);
			return 1;
		}
		return 0;
	}
	return 0;
}

static const struct gmt_opt trace_opts[] = {
	{ 'T', "timestamp", NULL, "print a time column (seconds since the first event)" },
	{ 'd', "duration", NULL, "print a duration column (faults, fallocate,\n"
	  "invalidations, conversions, splits, merges)" },
	{ 'D', "for", "SECONDS", "stop after SECONDS" },
	{ 'b', "buffer", "MIB", "ring buffer size, a power of 2 (default 8); a\n"
	  "bigger one absorbs longer bursts" },
	{ 0 }
};

static const struct gmt_cmd_spec trace_spec = {
	.usage = "gmemtrace trace [OPTIONS] [-- COMMAND [ARG...]]",
	.about = "Print guest_memfd events as they happen, one line each.\n",
	.common = GMT_COMMON_ALL,
	.opts = trace_opts,
	.epilog = "With COMMAND, it is started once tracing is on, and tracing stops when\n"
		  "it exits; the exit status is COMMAND's.\n\n"
		  "examples:\n"
		  "  gmemtrace trace                      # everything, Ctrl-C to end\n"
		  "  gmemtrace trace -e fault,invalidate  # faults and invalidations\n"
		  "  gmemtrace trace -m 1234 -Td          # VM of pid 1234, times, durations\n"
		  "  gmemtrace trace -j -- ./vmm          # JSON lines while ./vmm runs\n",
	.stop_at_operand = true,
	.own = trace_opt,
};

static int parse_args(struct trace_ctx *t, int argc, char **argv)
{
	int r;

	r = gmt_parse(argc, argv, &trace_spec, &t->opts, t);
	if (r)
		return r;
	if (optind < argc) {
		if (strcmp(argv[optind - 1], "--")) {
			gmt_err("unexpected argument '%s' (a command goes after --)", argv[optind]);
			gmt_usage(&trace_spec, stderr);
			return 2;
		}
		t->opts.cmd = &argv[optind];
	}
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_ctx t = { 0 };
	struct gmt_session s;
	struct ring_buffer *rb = NULL;
	unsigned long long lost, deadline = 0;
	int r, status = 0, rc = 1;
	bool child_done = false;
	pid_t child = 0;

	r = parse_args(&t, argc, argv);
	if (r)
		return r == 1 ? 0 : 2;
	/* Lines go out a poll's worth at a time, not one write() each. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	t.fmt.f = stdout;
	if (t.opts.json) {
		t.fmt.jw = jw_new(stdout);
		if (!t.fmt.jw) {
			gmt_err("out of memory");
			return 1;
		}
	}
	if (t.opts.cmd && gmt_child_spawn(t.opts.cmd, &child))
		return 1;
	if (gmt_session_open(&s, &t.opts, true, false))
		goto out_child;
	rb = ring_buffer__new(bpf_map__fd(s.skel->maps.events), handle_event, &t, NULL);
	if (!rb) {
		gmt_err("ring buffer: %s", strerror(errno));
		goto out;
	}
	gmt_setup_signals();
	if (!t.opts.cmd)
		fprintf(stderr, "Tracing guest_memfd events (%s)... Hit Ctrl-C to end.\n",
			s.tracepoints ? "tracepoints" : "fentry/fexit");
	gmt_trace_header(&t.fmt);
	if (t.opts.cmd) {
		if (gmt_child_start())
			goto out;
		child = -child;	/* started: reap, don't abort */
	}
	if (t.duration_s)
		deadline = now_ns() + t.duration_s * 1000000000ULL;

	while (!gmt_exiting) {
		r = ring_buffer__poll(rb, 100);
		if (r < 0 && r != -EINTR) {
			gmt_err("ring buffer poll: %s", strerror(-r));
			goto out;
		}
		fflush(stdout);
		if (child < 0 && gmt_child_reap(-child, &status)) {
			child_done = true;
			break;
		}
		if (deadline && now_ns() >= deadline)
			break;
	}
	/* What is still in the ring buffer was produced before we stopped. */
	ring_buffer__consume(rb);
	fflush(stdout);
	rc = 0;
	lost = gmt_self_counter(&s, GMT_SELF_RB_LOST);
	if (lost)
		gmt_warn("%llu events lost (ring buffer full); %llu printed", lost, t.fmt.nr_events);
	if (child_done)
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
out:
	ring_buffer__free(rb);
	gmt_session_close(&s);
out_child:
	if (child > 0)
		gmt_child_abort(child);
	jw_destroy(&t.fmt.jw);
	return rc;
}
