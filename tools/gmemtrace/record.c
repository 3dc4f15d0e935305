// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace record: run a command several times under the in-kernel
 * statistics and write a self-describing JSON file of every run (kernel,
 * series, scenario, environment, counts, histograms, percentiles), which
 * gmemtrace report compares.  The format is in docs/json.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "env.h"
#include "events.h"
#include "gmemtrace.skel.h"
#include "histogram.h"
#include "json_writer.h"
#include "prom.h"
#include "opts.h"
#include "record.h"
#include "snapshot.h"
#include "stat_fmt.h"
#include "tool.h"
#include "version.h"

#define DEFAULT_RUNS	5

struct rec_run {
	unsigned long long wall_ns;
	unsigned long long dropped;		/* updates lost in the kernel */
	struct gmt_stat_val ev[GMT_ST_MAX];	/* summed over the VMs */
};

struct rec_ctx {
	struct gmt_opts opts;
	const char *out;
	const char *name;
	unsigned long long runs;
	struct rec_run *run;
	struct gmt_env env;		/* what the runs are measured on */
	char options[2048];		/* env.options */
};

static int rec_opt(void *ctx, int ch, const char *arg)
{
	struct rec_ctx *c = ctx;

	switch (ch) {
	case 'o':
		c->out = arg;
		return 0;
	case 'n':
		c->name = arg;
		return 0;
	case 'r':
		if (gmt_parse_ulong("runs", arg, 1000, &c->runs))
			return 2;
		if (!c->runs) {
			gmt_err("bad runs '%s'", arg);
			return 2;
		}
		return 0;
	}
	return 0;
}

static const struct gmt_opt rec_opts[] = {
	{ 'o', "output", "FILE", "where to write (default gmemtrace.record.json)" },
	{ 'n', "name", "NAME", "the scenario's name (default: the command's)" },
	{ 'r', "runs", "N", "how many runs (default " GMT_XSTR(DEFAULT_RUNS) "); the spread between\n"
	  "them is report's noise estimate" },
	{ 0 }
};

static const struct gmt_cmd_spec rec_spec = {
	.usage = "gmemtrace record [OPTIONS] -- COMMAND [ARG...]",
	.about = "Run COMMAND several times, counting guest_memfd events and their\n"
		 "latencies in the kernel, and write every run to a JSON file for\n"
		 "'gmemtrace report'.  Every event is counted; -e names those that\n"
		 "must be available.\n",
	.common = GMT_COMMON_EVENTS | GMT_COMMON_ARCH | GMT_COMMON_FENTRY | GMT_COMMON_VERBOSE,
	.opts = rec_opts,
	.epilog = "The command must exit with status 0 each time.  Example:\n"
		  "  gmemtrace record -n populate -o base.json -- gmem-workload populate.scn\n",
	.stop_at_operand = true,
	.own = rec_opt,
};

static int parse_args(struct rec_ctx *c, int argc, char **argv)
{
	int r;

	r = gmt_parse(argc, argv, &rec_spec, &c->opts, c);
	if (r)
		return r;
	if (optind >= argc || strcmp(argv[optind - 1], "--")) {
		gmt_err(optind < argc ? "unexpected argument '%s' (the command goes after --)" :
			"record: no command (gmemtrace record [OPTIONS] -- COMMAND)",
			optind < argc ? argv[optind] : "");
		gmt_usage(&rec_spec, stderr);
		return 2;
	}
	c->opts.cmd = &argv[optind];
	return 0;
}

/*
 * The options that shape the measurement, in a fixed order whatever the
 * command line's: -r always, -e unless every event, -A, --fentry.  Not -o,
 * -n (the scenario is a member of its own) or -v.
 */
static void options_of(const struct rec_ctx *c, char *buf, size_t len)
{
	const char *sep = " -e ";
	unsigned int t;
	size_t n;

	n = snprintf(buf, len, "-r %llu", c->runs);
	for (t = 0; t < GMT_EV_MAX && c->opts.events != GMT_EV_ALL && n < len; t++) {
		if (c->opts.events & GMT_EV_BIT(t)) {
			n += snprintf(buf + n, len - n, "%s%s", sep, gmt_events[t].name);
			sep = ",";
		}
	}
	if (c->opts.arch && n < len)
		n += snprintf(buf + n, len - n, " -A");
	if (c->opts.fentry && n < len)
		snprintf(buf + n, len - n, " --fentry");
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void clear_stats(int fd)
{
	struct gmt_stat_key key;

	while (!bpf_map_get_next_key(fd, NULL, &key))
		bpf_map_delete_elem(fd, &key);
}

/*
 * The stats map summed over the VMs into @run, and the updates lost since
 * @dropped0: 0, or -1 after saying why.
 */
static int collect(struct gmt_session *s, unsigned long long dropped0, struct rec_run *run)
{
	struct gmt_snapshot snap;
	int r = gmt_snapshot_take(s, false, false, &snap);

	if (r) {
		gmt_err("reading the statistics: %s", strerror(-r));
		return -1;
	}
	gmt_snapshot_totals(&snap, run->ev);
	run->dropped = snap.dropped - dropped0;
	gmt_snapshot_free(&snap);
	return 0;
}

/* Run the command once; 0, or -1 after saying why. */
static int run_once(struct rec_ctx *c, struct gmt_session *s, unsigned long long i)
{
	int fd = bpf_map__fd(s->skel->maps.stats), status;
	unsigned long long t0, dropped0;
	pid_t pid;

	clear_stats(fd);
	dropped0 = gmt_self_counter(s, GMT_SELF_DROPPED_UPDATES);
	if (gmt_child_spawn(c->opts.cmd, &pid))
		return -1;
	t0 = now_ns();
	if (gmt_child_start()) {
		waitpid(pid, &status, 0);
		return -1;
	}
	while (!gmt_child_reap(pid, &status)) {
		if (gmt_exiting) {
			waitpid(pid, &status, 0);
			gmt_err("record: interrupted in run %llu", i + 1);
			return -1;
		}
		usleep(1000);
	}
	c->run[i].wall_ns = now_ns() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		gmt_err("record: run %llu: '%s' %s %d", i + 1, c->opts.cmd[0],
			WIFEXITED(status) ? "exited with status" : "was killed by signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	return collect(s, dropped0, &c->run[i]);
}

static void write_record(struct rec_ctx *c, struct json_writer *jw, const struct gmt_session *s)
{
	struct utsname u;
	char when[32];
	time_t now = time(NULL);
	unsigned long long i;
	unsigned int t;

	uname(&u);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	jw_start_object(jw);
	jw_string_field(jw, "format", GMT_RECORD_FORMAT);
	jw_u64_field(jw, "version", GMT_RECORD_VERSION);
	jw_string_field(jw, "created", when);
	jw_string_field(jw, "host", u.nodename);
	jw_name(jw, "kernel");
	jw_start_object(jw);
	jw_string_field(jw, "release", u.release);
	jw_string_field(jw, "version", u.version);
	jw_string_field(jw, "machine", u.machine);
	jw_end_object(jw);
	jw_string_field(jw, "series", gmt_rec_series(u.release));
	jw_string_field(jw, "source", s->tracepoints ? "tracepoint" : "fentry");
	jw_string_field(jw, "scenario", c->name);
	jw_name(jw, "command");
	jw_start_array(jw);
	for (i = 0; c->opts.cmd[i]; i++)
		jw_string(jw, c->opts.cmd[i]);
	jw_end_array(jw);
	jw_name(jw, "environment");
	gmt_env_json(jw, &c->env);
	jw_name(jw, "runs");
	jw_start_array(jw);
	for (i = 0; i < c->runs; i++) {
		jw_start_object(jw);
		jw_u64_field(jw, "wall_ns", c->run[i].wall_ns);
		jw_u64_field(jw, "dropped_updates", c->run[i].dropped);
		jw_name(jw, "events");
		jw_start_object(jw);
		for (t = 0; t < GMT_ST_MAX; t++)
			if (c->run[i].ev[t].count)
				gmt_stat_val_json(jw, t, &c->run[i].ev[t]);
		jw_end_object(jw);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_end_object(jw);
	jw_eol(jw);
}

static int save(struct rec_ctx *c, const struct gmt_session *s)
{
	struct json_writer *jw;
	char tmp[4096];
	FILE *f;
	int r = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", c->out) >= (int)sizeof(tmp)) {
		gmt_err("%s: path too long", c->out);
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f) {
		gmt_err("%s: %s", tmp, strerror(errno));
		return -1;
	}
	jw = jw_new(f);
	if (!jw) {
		gmt_err("out of memory");
		fclose(f);
		unlink(tmp);
		return -1;
	}
	jw_pretty(jw, true);
	write_record(c, jw, s);
	jw_destroy(&jw);
	if (ferror(f) | fclose(f) || rename(tmp, c->out)) {
		gmt_err("%s: %s", c->out, strerror(errno));
		unlink(tmp);
		r = -1;
	}
	return r;
}

int cmd_record(int argc, char **argv)
{
	struct rec_ctx c = { .out = "gmemtrace.record.json", .runs = DEFAULT_RUNS };
	struct gmt_session s;
	unsigned long long i;
	int r, rc = 1;

	r = parse_args(&c, argc, argv);
	if (r)
		return r == 1 ? 0 : 2;
	if (!c.name) {
		c.name = strrchr(c.opts.cmd[0], '/');
		c.name = c.name ? c.name + 1 : c.opts.cmd[0];
	}
	c.run = calloc(c.runs, sizeof(*c.run));
	if (!c.run) {
		gmt_err("out of memory");
		return 1;
	}
	if (gmt_session_open(&s, &c.opts, false, true))
		goto out_free;
	gmt_env_read(&c.env);
	options_of(&c, c.options, sizeof(c.options));
	c.env.options = c.options;
	c.env.tool = GMT_VERSION " (commit " GMT_COMMIT ")";
	gmt_setup_signals();
	for (i = 0; i < c.runs; i++) {
		fprintf(stderr, "gmemtrace record: run %llu of %llu\n", i + 1, c.runs);
		if (run_once(&c, &s, i))
			goto out;
	}
	if (save(&c, &s))
		goto out;
	fprintf(stderr, "gmemtrace record: %llu runs of '%s' written to %s\n", c.runs, c.name,
		c.out);
	rc = 0;
out:
	gmt_session_close(&s);
out_free:
	free(c.run);
	return rc;
}
