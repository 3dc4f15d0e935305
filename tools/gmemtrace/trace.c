// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace trace: guest_memfd events as they happen, printed (trace_fmt.c)
 * or written to a trace file as they are (-w, trace_file.c); -r prints
 * the events of a trace file instead (trace_read.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "tool.h"
#include "gmemtrace.skel.h"
#include "json_writer.h"
#include "opts.h"
#include "trace_file.h"
#include "trace_fmt.h"
#include "trace_read.h"
#include "version.h"

#define OPT_HEADER	GMT_OPT_OWN

struct trace_ctx {
	struct gmt_opts opts;
	struct gmt_trace_fmt fmt;	/* -T, -d, -j */
	unsigned long long duration_s;	/* -D */
	const char *read_path;		/* -r */
	bool header;			/* --header */
	const char *write_path;		/* -w */
	const char *write_name;		/* -w: write_path, or "standard output" for - */
	bool created;			/* -w: write_path is ours to remove */
	struct gmt_tf_writer w;		/* -w: the records, into write_path */
	int write_err;			/* -w: errno of a write that failed */
};

/* Each record of the ring buffer as a line. */
static int print_event(void *ctx, void *data, size_t len)
{
	struct trace_ctx *t = ctx;

	if (len >= sizeof(struct gmt_event))
		gmt_trace_print(&t->fmt, data);
	return 0;
}

/* -w: each record of the ring buffer into the file's buffer, as it is. */
static int write_event(void *ctx, void *data, size_t len)
{
	struct trace_ctx *t = ctx;

	if (len < sizeof(struct gmt_event))
		return 0;
	/* A failure stops ring_buffer__poll(), which returns it. */
	t->write_err = -gmt_tf_write_record(&t->w, data);
	return -t->write_err;
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
	case 'w':
		t->write_path = arg;
		return 0;
	case 'r':
		t->read_path = arg;
		return 0;
	case OPT_HEADER:
		t->header = true;
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
	{ 'w', "write", "FILE", "write the events to FILE (-: standard output) as\n"
	  "they are, to print them later with -r" },
	{ 'r', "read", "FILE", "print the events of FILE (written with -w; -:\n"
	  "standard input) instead of tracing" },
	{ OPT_HEADER, "header", NULL, "with -r: print what FILE says about itself,\n"
	  "not its events" },
	{ 0 }
};

static const struct gmt_cmd_spec trace_spec = {
	.usage = "gmemtrace trace [OPTIONS] [-w FILE] [-- COMMAND [ARG...]]\n"
		 "gmemtrace trace -r FILE [-e LIST] [-p PID] [-m PID] [-i INO] [-j] [-T] [-d]\n"
		 "gmemtrace trace -r FILE --header [-j]",
	.about = "Print guest_memfd events as they happen, one line each, or write them\n"
		 "to a file and print them later.\n",
	.common = GMT_COMMON_ALL,
	.opts = trace_opts,
	.epilog = "With COMMAND, it is started once tracing is on, and tracing stops when\n"
		  "it exits; the exit status is COMMAND's.  -r prints a file's events as\n"
		  "they would have been printed live, through the same filters.\n\n"
		  "examples:\n"
		  "  gmemtrace trace                      # everything, Ctrl-C to end\n"
		  "  gmemtrace trace -e fault,invalidate  # faults and invalidations\n"
		  "  gmemtrace trace -m 1234 -Td          # VM of pid 1234, times, durations\n"
		  "  gmemtrace trace -j -- ./vmm          # JSON lines while ./vmm runs\n"
		  "  gmemtrace trace -w t.gmt -- ./vmm    # write the events of ./vmm's run,\n"
		  "  gmemtrace trace -r t.gmt -Td         # then print them\n",
	.stop_at_operand = true,
	.own = trace_opt,
};

/* The options that go with one of tracing, -w and -r only: 0, or 1 after saying why. */
static int check_modes(const struct trace_ctx *t)
{
	const struct gmt_opts *o = &t->opts;
	bool fmt = o->json || t->fmt.timestamps || t->fmt.durations;
	bool filters = o->events != GMT_EV_ALL || o->tgid || o->vm_pid || o->ino;

	if (t->read_path && t->write_path)
		gmt_err("-r and -w do not go together");
	else if (t->write_path && fmt)
		gmt_err("-w writes the records as they are: -j, -T and -d go with -r");
	else if (t->write_path && !strcmp(t->write_path, "-") && o->cmd)
		gmt_err("-w -: COMMAND's standard output would go into the events (run sh -c 'exec COMMAND >&2')");
	else if (t->read_path && (o->rb_mb || t->duration_s || o->fentry || o->arch || o->cmd))
		gmt_err("-r reads a file: -b, -D, -A, --fentry and a command go with tracing");
	else if (t->header && !t->read_path)
		gmt_err("--header goes with -r FILE");
	else if (t->header && (filters || t->fmt.timestamps || t->fmt.durations))
		gmt_err("--header prints the file's header: -e, -p, -m, -i, -T and -d go with its events");
	else
		return 0;
	return 1;
}

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
	return check_modes(t) ? 2 : 0;
}

/*
 * -w: the file, and its buffer; 0, or -1 after saying why.  A file that
 * is there already is emptied only once tracing has started, so that a
 * failure to trace leaves it as it was.  "-" is standard output, but not
 * a terminal.
 */
static int open_output(struct trace_ctx *t)
{
	bool to_stdout = !strcmp(t->write_path, "-");
	int fd, err;

	t->write_name = to_stdout ? "standard output" : t->write_path;
	if (to_stdout && isatty(STDOUT_FILENO)) {
		gmt_err("-w -: standard output is a terminal");
		return -1;
	}
	if (to_stdout) {
		fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
	} else {
		fd = open(t->write_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		t->created = fd >= 0;
		if (fd < 0 && errno == EEXIST)
			fd = open(t->write_path, O_WRONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		gmt_err("%s: %s", t->write_name, strerror(errno));
		return -1;
	}
	err = gmt_tf_writer_init(&t->w, fd);
	if (err) {
		gmt_err("%s: %s", t->write_name, strerror(-err));
		close(fd);
		return -1;
	}
	return 0;
}

/* -w: the header, once the programs are attached. */
static int write_header(struct trace_ctx *t, struct gmt_session *s)
{
	struct gmt_tf_header h;
	struct stat st;
	int err;

	t->created = false;	/* from now on, what is written stays */
	if (strcmp(t->write_path, "-") && !fstat(t->w.fd, &st) && S_ISREG(st.st_mode) &&
	    ftruncate(t->w.fd, 0)) {
		gmt_err("%s: %s", t->write_name, strerror(errno));
		return -1;
	}
	gmt_tf_header_init(&h);
	h.source = s->tracepoints ? GMT_SRC_TRACEPOINT : GMT_SRC_FENTRY;
	gmt_opts_filter(&t->opts, &h.filter);
	h.buffer_mb = bpf_map__max_entries(s->skel->maps.events) >> 20;
	h.flags = (t->opts.fentry ? GMT_TF_FENTRY : 0) | (t->opts.arch ? GMT_TF_ARCH : 0);
	snprintf(h.tool, sizeof(h.tool), "%s (commit %s)", GMT_VERSION, GMT_COMMIT);
	err = gmt_tf_write_header(&t->w, &h);
	if (err)
		gmt_err("%s: %s", t->write_name, strerror(-err));
	return err;
}

/* -w: what the buffer holds, the trailer, and what was written: 0 or -1. */
static int close_output(struct trace_ctx *t, unsigned long long lost)
{
	int err = gmt_tf_write_end(&t->w, lost, now_ns());

	if (!err && close(t->w.fd))
		err = -errno;
	t->w.fd = -1;
	if (err) {
		gmt_err("%s: %s", t->write_name, strerror(-err));
		return -1;
	}
	gmt_warn("%s: %llu events written, %llu lost%s", t->write_name, t->w.nr_records, lost,
		 lost ? " (ring buffer full)" : "");
	return 0;
}

/* Trace until Ctrl-C, -D, or COMMAND's end: its exit status. */
static int trace(struct trace_ctx *t)
{
	unsigned long long lost, deadline = 0;
	struct ring_buffer *rb = NULL;
	int r, status = 0, rc = 1;
	bool child_done = false;
	struct gmt_session s;
	pid_t child = 0;

	if (t->opts.cmd && gmt_child_spawn(t->opts.cmd, &child))
		return 1;
	if (gmt_session_open(&s, &t->opts, true, false))
		goto out_child;
	rb = ring_buffer__new(bpf_map__fd(s.skel->maps.events),
			      t->write_path ? write_event : print_event, t, NULL);
	if (!rb) {
		gmt_err("ring buffer: %s", strerror(errno));
		goto out;
	}
	if (t->write_path && write_header(t, &s))
		goto out;
	gmt_setup_signals();
	if (!t->opts.cmd && t->write_path)
		fprintf(stderr, "Writing guest_memfd events (%s) to %s... Hit Ctrl-C to end.\n",
			s.tracepoints ? "tracepoints" : "fentry/fexit", t->write_name);
	else if (!t->opts.cmd)
		fprintf(stderr, "Tracing guest_memfd events (%s)... Hit Ctrl-C to end.\n",
			s.tracepoints ? "tracepoints" : "fentry/fexit");
	if (!t->write_path)
		gmt_trace_header(&t->fmt);
	if (t->opts.cmd) {
		if (gmt_child_start())
			goto out;
		child = -child;	/* started: reap, don't abort */
	}
	if (t->duration_s)
		deadline = now_ns() + t->duration_s * 1000000000ULL;

	while (!gmt_exiting) {
		/*
		 * Woken for a batch (targ_wakeup_bytes), or not for 100 ms:
		 * then what is there is read all the same.
		 */
		r = ring_buffer__poll(rb, 100);
		if (r >= 0 || r == -EINTR)
			r = ring_buffer__consume(rb);
		if (r < 0 && r != -EINTR)
			goto poll_failed;
		fflush(stdout);
		if (child < 0 && gmt_child_reap(-child, &status)) {
			child_done = true;
			break;
		}
		if (deadline && now_ns() >= deadline)
			break;
	}
	/* What is still in the ring buffer was produced before we stopped. */
	r = ring_buffer__consume(rb);
	if (r < 0)
		goto poll_failed;
	fflush(stdout);
	lost = gmt_self_counter(&s, GMT_SELF_RB_LOST);
	if (t->write_path && close_output(t, lost))
		goto out;
	if (!t->write_path && lost)
		gmt_warn("%llu events lost (ring buffer full); %llu printed", lost, t->fmt.nr_events);
	rc = 0;
	if (child_done)
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	goto out;
poll_failed:
	if (t->write_err)
		gmt_err("%s: %s", t->write_name, strerror(t->write_err));
	else
		gmt_err("ring buffer poll: %s", strerror(-r));
out:
	ring_buffer__free(rb);
	gmt_session_close(&s);
out_child:
	if (child > 0)
		gmt_child_abort(child);
	return rc;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_ctx t = { 0 };
	int r;

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
	if (t.read_path)
		r = gmt_trace_read(t.read_path, &t.opts, &t.fmt, t.header);
	else if (t.write_path && open_output(&t))
		r = 1;
	else
		r = trace(&t);
	if (t.write_path && t.w.buf) {
		if (t.w.fd >= 0)
			close(t.w.fd);
		if (t.created)
			unlink(t.write_path);
		gmt_tf_writer_free(&t.w);
	}
	jw_destroy(&t.fmt.jw);
	return r;
}
