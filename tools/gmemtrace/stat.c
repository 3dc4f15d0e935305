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
#include "record.h"


struct stat_ctx {
	struct gmt_opts opts;
	unsigned long long interval_s;	/* 0: once, at the end */
	unsigned long long count;	/* 0: until Ctrl-C */
	bool cumulative;		/* -c: don't reset between intervals */
	bool no_hist;			/* -H: counts only */
	const char *prom_file;		/* --prom FILE */
	int max_rows;			/* the stats map's size */
	int prom_port;			/* --prom-listen PORT, -1: none */
	int lfd;			/* its socket */
	struct gmt_session *s;
	struct json_writer *jw;
};

#define DEFAULT_PROM_INTERVAL	15	/* s, for --prom FILE without an interval */

static int cmp_row(const void *a, const void *b)
{
	const struct gmt_stat_row *x = a, *y = b;

	if (x->key.vm_pid != y->key.vm_pid)
		return x->key.vm_pid < y->key.vm_pid ? -1 : 1;
	return x->key.type < y->key.type ? -1 : x->key.type > y->key.type;
}

/* Read (and unless cumulative, reset) the stats map, sorted by VM, type. */
static int read_rows(struct stat_ctx *c, int fd, struct gmt_stat_row *rows)
{
	struct gmt_stat_key key, next;
	bool first = true;
	int n = 0, i;

	while (n < c->max_rows && !bpf_map_get_next_key(fd, first ? NULL : &key, &next)) {
		first = false;
		key = next;
		if (!bpf_map_lookup_elem(fd, &key, &rows[n].val)) {
			rows[n].key = key;
			n++;
		}
	}
	if (!c->cumulative)
		for (i = 0; i < n; i++)
			bpf_map_delete_elem(fd, &rows[i].key);
	qsort(rows, n, sizeof(*rows), cmp_row);
	return n;
}

static long long arch_private(int gauge_fd, int vm_pid)
{
	struct gmt_vm_gauge g;

	if (bpf_map_lookup_elem(gauge_fd, &vm_pid, &g))
		return 0;
	return g.arch_private;
}

static bool shown(const struct stat_ctx *c, unsigned int type)
{
	if (type == GMT_ST_ARCH_LIFETIME)
		return c->opts.events & (GMT_EV_BIT(GMT_EV_ARCH_MAKE_PRIVATE) |
					 GMT_EV_BIT(GMT_EV_ARCH_RECLAIM));
	return type < GMT_EV_MAX && (c->opts.events & GMT_EV_BIT(type));
}

/* ", huge coverage P% (H of N private pages)" while the VM lives. */
static void print_coverage(int vm)
{
	struct gmt_coverage cov;

	if (!gmt_huge_coverage(vm, &cov) && cov.private_pages)
		printf(", huge coverage %.1f%% (%llu of %llu private pages)",
		       100.0 * cov.private_huge_pages / cov.private_pages,
		       cov.private_huge_pages, cov.private_pages);
	printf("\n");
}

static void json_coverage(struct json_writer *jw, int vm)
{
	struct gmt_coverage cov;

	if (!vm || gmt_huge_coverage(vm, &cov))
		return;
	jw_u64_field(jw, "private_pages", cov.private_pages);
	jw_u64_field(jw, "private_huge_pages", cov.private_huge_pages);
}

static void print_text(struct stat_ctx *c, struct gmt_stat_row *rows, int n, int gauge_fd,
		       unsigned long long dropped)
{
	const struct gmt_stat_val *v;
	int i, vm = -1;
	char title[96];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	printf("%02d:%02d:%02d\n", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (!n)
		printf("  (no events)\n");
	for (i = 0; i < n; i++) {
		if (!shown(c, rows[i].key.type))
			continue;
		if (rows[i].key.vm_pid != vm) {
			vm = rows[i].key.vm_pid;
			if (vm) {
				printf("\nVM %d: arch-private pfns now %lld", vm,
				       arch_private(gauge_fd, vm));
				print_coverage(vm);
			} else
				printf("\nno VM known (reclaims of pfns whose make_private was not seen):\n");
			printf("  %-18s %10s %8s %10s %10s %10s\n", "EVENT", "COUNT", "ERRORS",
			       "AVG(us)", "P99(us)", "MAX(us)");
		}
		v = &rows[i].val;
		printf("  %-18s %10llu %8llu", gmt_stat_name(rows[i].key.type), v->count,
		       v->errors);
		if (gmt_stat_timed(rows[i].key.type) && v->count)
			printf(" %10.3f %10.3f %10.3f\n", v->sum_ns / 1e3 / v->count,
			       gmt_rec_pct(v, 99) / 1e3,
			       v->max_ns / 1e3);
		else
			printf(" %10s %10s %10s\n", "-", "-", "-");
	}
	if (dropped)
		printf("\ndropped updates: %llu (an in-kernel map was full: counts are low)\n",
		       dropped);
	if (c->no_hist)
		return;
	for (i = 0; i < n; i++) {
		v = &rows[i].val;
		if (!shown(c, rows[i].key.type) || !gmt_stat_timed(rows[i].key.type) || !v->count)
			continue;
		snprintf(title, sizeof(title), "%s, VM %d", gmt_stat_name(rows[i].key.type),
			 rows[i].key.vm_pid);
		printf("\n%s:\n", title);
		gmt_print_log2_hist(stdout, v->slots, GMT_HIST_SLOTS, "nsecs");
	}
	printf("\n");
}

static void print_json(struct stat_ctx *c, struct gmt_stat_row *rows, int n, int gauge_fd,
		       unsigned long long dropped)
{
	struct json_writer *jw = c->jw;
	const struct gmt_stat_val *v;
	int i, vm;

	jw_start_object(jw);
	jw_u64_field(jw, "time_s", time(NULL));
	jw_u64_field(jw, "interval_s", c->interval_s);
	jw_u64_field(jw, "dropped_updates", dropped);
	jw_name(jw, "vms");
	jw_start_array(jw);
	for (i = 0; i < n;) {
		vm = rows[i].key.vm_pid;
		jw_start_object(jw);
		jw_s64_field(jw, "vm_pid", vm);
		jw_s64_field(jw, "arch_private_pfns", arch_private(gauge_fd, vm));
		json_coverage(jw, vm);
		jw_name(jw, "stats");
		jw_start_object(jw);
		for (; i < n && rows[i].key.vm_pid == vm; i++) {
			if (!shown(c, rows[i].key.type))
				continue;
			v = &rows[i].val;
			jw_name(jw, gmt_stat_name(rows[i].key.type));
			jw_start_object(jw);
			jw_u64_field(jw, "count", v->count);
			jw_u64_field(jw, "errors", v->errors);
			if (gmt_stat_timed(rows[i].key.type)) {
				jw_u64_field(jw, "sum_ns", v->sum_ns);
				jw_u64_field(jw, "max_ns", v->max_ns);
				jw_u64_field(jw, "p50_ns",
					     gmt_rec_pct(v, 50));
				jw_u64_field(jw, "p99_ns",
					     gmt_rec_pct(v, 99));
				jw_name(jw, "hist_ns");
				gmt_hist_json(jw, v->slots, GMT_HIST_SLOTS);
			}
			jw_end_object(jw);
		}
		jw_end_object(jw);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_end_object(jw);
	jw_eol(jw);
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
		  "arch_lifetime is how long a pfn kept its arch (RMP) state, from\n"
		  "make_private to reclaim or invalidation; per VM, the number of pfns\n"
		  "that have it now.  VM 0 collects what no VM could be found for (a\n"
		  "reclaim of a pfn whose make_private was not seen).  Huge coverage is\n"
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
	struct stat_ctx *c = arg;
	struct gmt_stat_row *rows = calloc(c->max_rows, sizeof(*rows));
	int n;

	if (!rows)
		return;
	n = read_rows(c, bpf_map__fd(c->s->skel->maps.stats), rows);
	gmt_prom_write(f, rows, n, bpf_map__fd(c->s->skel->maps.gauges),
		       gmt_self_counter(c->s, GMT_SELF_DROPPED_UPDATES));
	free(rows);
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
	struct gmt_stat_row *rows = NULL;
	unsigned long long done = 0, dropped;
	int n, r, status = 0, rc = 1;
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
	/* Room for every entry the map can hold: none is left unread. */
	c.max_rows = bpf_map__max_entries(s.skel->maps.stats);
	rows = calloc(c.max_rows, sizeof(*rows));
	if (!rows) {
		gmt_err("out of memory");
		goto out;
	}
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
		n = read_rows(&c, bpf_map__fd(s.skel->maps.stats), rows);
		dropped = gmt_self_counter(&s, GMT_SELF_DROPPED_UPDATES);
		if (c.prom_file &&
		    gmt_prom_write_file(c.prom_file, rows, n, bpf_map__fd(s.skel->maps.gauges),
					dropped))
			goto out;
		if (c.opts.json)
			print_json(&c, rows, n, bpf_map__fd(s.skel->maps.gauges), dropped);
		else
			print_text(&c, rows, n, bpf_map__fd(s.skel->maps.gauges), dropped);
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
	free(rows);
	return rc;
}
