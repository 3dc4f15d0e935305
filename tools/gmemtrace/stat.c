// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace stat: per-VM event counts and log2 latency histograms,
 * aggregated in the kernel and read every interval.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "events.h"
#include "tool.h"
#include "gmemtrace.skel.h"
#include "histogram.h"
#include "json_writer.h"
#include "opts.h"
#include "prom.h"
#include "snapshot.h"
#include "stat_fmt.h"
#include "record.h"


struct stat_ctx {
	struct gmt_opts opts;
	unsigned long long interval_s;	/* 0: once, at the end */
	unsigned long long count;	/* 0: until Ctrl-C */
	bool cumulative;		/* -c: don't reset between intervals */
	bool no_hist;			/* -H: counts only */
	const char *prom_file;		/* --prom FILE */
	int prom_port;			/* --prom-listen PORT, -1: none */
	int lfd;			/* its socket */
	struct gmt_session *s;
	struct json_writer *jw;
};

#define DEFAULT_PROM_INTERVAL	15	/* s, for --prom FILE without an interval */

/* The snapshot @c's reports render: 0, or -errno. */
static int take(struct stat_ctx *c, struct gmt_snapshot *snap)
{
	return gmt_snapshot_take(c->s, !c->cumulative, true, snap);
}

static void report(struct stat_ctx *c, const struct gmt_snapshot *snap)
{
	struct gmt_stat_view view = {
		.events = c->opts.events,
		.no_hist = c->no_hist,
		.interval_s = c->interval_s,
		.now = time(NULL),
	};

	if (c->opts.json)
		gmt_stat_json(c->jw, snap, &view);
	else
		gmt_stat_text(stdout, snap, &view);
}

enum { OPT_PROM = GMT_OPT_OWN, OPT_PROM_LISTEN };

static int stat_opt(void *ctx, int ch, const char *arg)
{
	struct stat_ctx *c = ctx;

	(void)arg;
	switch (ch) {
	case 'c':
		c->cumulative = true;
		return 0;
	case OPT_PROM:
		c->prom_file = arg;
		c->cumulative = true;
		return 0;
	case OPT_PROM_LISTEN: {
		unsigned long long port;

		if (gmt_parse_ulong("port", arg, 65535, &port))
			return 2;
		c->prom_port = port;
		c->cumulative = true;
		return 0;
	}
	case 'H':
		c->no_hist = true;
		return 0;
	}
	return 0;
}

static const struct gmt_opt stat_opts[] = {
	{ 'c', "cumulative", NULL, "do not reset the counts after each interval" },
	{ 'H', "no-hist", NULL, "counts only, no histograms" },
	{ OPT_PROM, "prom", "FILE", "also write the Prometheus text format to FILE every\n"
	  "interval (default " GMT_XSTR(DEFAULT_PROM_INTERVAL) " s), for node_exporter's\n"
	  "textfile collector; implies -c" },
	{ OPT_PROM_LISTEN, "prom-listen", "PORT", "also serve it at http://127.0.0.1:PORT/metrics\n"
	  "(0: a free port, printed on stderr); implies -c" },
	{ 0 }
};

static const struct gmt_cmd_spec stat_spec = {
	.usage = "gmemtrace stat [OPTIONS] [INTERVAL [COUNT]] [-- COMMAND [ARG...]]",
	.about = "Count guest_memfd events per VM, with log2 latency histograms, in the\n"
		 "kernel; print every INTERVAL seconds (COUNT times), or once at the end.\n",
	.common = GMT_COMMON_ALL,
	.opts = stat_opts,
	.epilog = "The duration of invalidate_end is the invalidation's, from its begin.\n"
		  "With -A, arch_lifetime is how long a pfn kept its arch (RMP) state,\n"
		  "from make_private to reclaim or invalidation; per VM, the number of\n"
		  "pfns that have it now.  VM 0 collects what no VM could be found for\n"
		  "(reclaims: without -A, all of them).  Huge coverage is\n"
		  "the share of a live VM's private guest_memfd pages in 2M folios (from\n"
		  "the VM's binary statistics); split and merge count huge folio\n"
		  "splits and merges.  With COMMAND, the exit status is COMMAND's.\n\n"
		  "examples:\n"
		  "  gmemtrace stat                  # until Ctrl-C\n"
		  "  gmemtrace stat 1 10             # every second, 10 times\n"
		  "  gmemtrace stat -j -- ./vmm      # JSON, while ./vmm runs\n"
		  "  gmemtrace stat --prom /var/lib/prometheus/node-exporter/gmemtrace.prom\n",
	.stop_at_operand = true,
	.own = stat_opt,
};

static int parse_args(struct stat_ctx *c, int argc, char **argv)
{
	int r, npos = 0;
	bool dashes;

	r = gmt_parse(argc, argv, &stat_spec, &c->opts, c);
	if (r)
		return r;
	dashes = optind > 1 && !strcmp(argv[optind - 1], "--");
	for (; !dashes && optind < argc; optind++) {
		if (!strcmp(argv[optind], "--")) {
			optind++;
			break;
		}
		if (npos == 2) {
			gmt_err("unexpected argument '%s'", argv[optind]);
			gmt_usage(&stat_spec, stderr);
			return 2;
		}
		if (gmt_parse_ulong(npos ? "count" : "interval", argv[optind], UINT_MAX,
				    npos ? &c->count : &c->interval_s))
			return 2;
		if (!(npos ? c->count : c->interval_s)) {
			gmt_err("bad %s '%s'", npos ? "count" : "interval", argv[optind]);
			return 2;
		}
		npos++;
	}
	if (optind < argc)
		c->opts.cmd = &argv[optind];
	if (c->prom_file && !c->interval_s)
		c->interval_s = DEFAULT_PROM_INTERVAL;
	return 0;
}

/* The Prometheus text of the stats as they are now (--prom-listen). */
static void render_prom(FILE *f, void *arg)
{
	struct gmt_snapshot snap;

	if (take(arg, &snap))
		return;
	gmt_prom_write(f, &snap);
	gmt_snapshot_free(&snap);
}

/*
 * Wait up to @s seconds, serving scrapes meanwhile; return early on a
 * signal or when the child exits.
 */
static bool wait_interval(struct stat_ctx *c, unsigned long long s, pid_t child, int *status)
{
	struct pollfd p = { .fd = c->lfd, .events = POLLIN };
	unsigned long long i;

	for (i = 0; !s || i < s * 10; i++) {
		if (gmt_exiting)
			return true;
		if (child < 0 && gmt_child_reap(-child, status))
			return true;
		if (c->lfd < 0) {
			usleep(100000);
			continue;
		}
		if (poll(&p, 1, 100) > 0)
			gmt_http_serve(c->lfd, render_prom, c);
	}
	return false;
}

int cmd_stat(int argc, char **argv)
{
	struct stat_ctx c = { .prom_port = -1, .lfd = -1 };
	struct gmt_session s;
	struct gmt_snapshot snap;
	unsigned long long done = 0;
	int r, status = 0, rc = 1;
	bool last = false;
	pid_t child = 0;

	r = parse_args(&c, argc, argv);
	if (r)
		return r == 1 ? 0 : 2;
	if (c.opts.json) {
		c.jw = jw_new(stdout);
		if (!c.jw) {
			gmt_err("out of memory");
			goto out_free;
		}
	}
	if (c.opts.cmd && gmt_child_spawn(c.opts.cmd, &child))
		goto out_free;
	if (gmt_session_open(&s, &c.opts, false, true))
		goto out_child;
	c.s = &s;
	if (c.prom_port >= 0) {
		unsigned int port;

		c.lfd = gmt_http_listen(c.prom_port, &port);
		if (c.lfd < 0)
			goto out;
		fprintf(stderr, "Serving Prometheus metrics at http://127.0.0.1:%u/metrics\n", port);
	}
	gmt_setup_signals();
	if (!c.opts.cmd)
		fprintf(stderr, "Counting guest_memfd events (%s)... Hit Ctrl-C to end.\n",
			s.tracepoints ? "tracepoints" : "fentry/fexit");
	if (c.opts.cmd) {
		if (gmt_child_start())
			goto out;
		child = -child;
	}
	while (!last) {
		last = wait_interval(&c, c.interval_s, child, &status);
		r = take(&c, &snap);
		if (r) {
			gmt_err("reading the statistics: %s", strerror(-r));
			goto out;
		}
		r = c.prom_file ? gmt_prom_write_file(c.prom_file, &snap) : 0;
		if (!r)
			report(&c, &snap);
		gmt_snapshot_free(&snap);
		if (r)
			goto out;
		fflush(stdout);
		if (c.count && ++done >= c.count)
			break;
	}
	rc = 0;
	if (child < 0 && (gmt_child_reap(-child, &status) || last) && !gmt_exiting)
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
out:
	if (c.lfd >= 0)
		close(c.lfd);
	gmt_session_close(&s);
out_child:
	if (child > 0)
		gmt_child_abort(child);
out_free:
	jw_destroy(&c.jw);
	return rc;
}
