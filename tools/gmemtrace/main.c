// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace: observe KVM's guest_memfd.
 *
 *   gmemtrace trace   events as they happen (text or JSON lines), or to a
 *                     trace file (-w) and from one (-r)
 *   gmemtrace stat    per-VM counts and latency histograms
 *   gmemtrace record  counts and latencies of repeated runs, to a file
 *   gmemtrace report  two records compared, or the trend of more, as text or HTML
 *   gmemtrace policy  load, list and unload guest_memfd policies
 *   gmemtrace list    the events and their groups
 *   gmemtrace version (-V, --version) version, commit, libbpf
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "events.h"
#include "tool.h"
#include "version.h"

static int cmd_list(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} cmds[] = {
	{ "trace", cmd_trace, "print guest_memfd events as they happen" },
	{ "stat", cmd_stat, "count events per VM, with latency histograms" },
	{ "record", cmd_record, "run a command N times, save its counts and latencies" },
	{ "report", cmd_report, "compare records: deltas, regressions, trends, HTML" },
	{ "policy", cmd_policy, "load, list, unload a guest_memfd policy (BPF)" },
	{ "list", cmd_list, "list the events and event groups" },
	{ "version", cmd_version, "the version, commit and libbpf of this build" },
	{ "help", cmd_help, "this help" },
	{ NULL }
};

static void usage(FILE *f)
{
	const struct cmd *c;

	fprintf(f, "usage: gmemtrace COMMAND [OPTIONS]\n\n"
		   "Trace and count what KVM's guest_memfd does.\n\ncommands:\n");
	for (c = cmds; c->name; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->help);
	fprintf(f, "\n'gmemtrace COMMAND --help' for a command's options.\n");
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

/* bpftool's 'version': the tool's, then what it is built with. */
static int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: gmemtrace version (or -V, --version)\n"
		       "The version of gmemtrace, the commit it was built from, and libbpf's.\n");
		return 0;
	}
	if (argc > 1) {
		gmt_err("version: unexpected argument '%s'", argv[1]);
		return 2;
	}
	printf("gmemtrace %s\ncommit %s\nusing libbpf %s\n", GMT_VERSION, GMT_COMMIT,
	       libbpf_version_string());
	return 0;
}

static int cmd_list(int argc, char **argv)
{
	int i;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: gmemtrace list\n"
		       "The event groups (for -e) and the events, with their tracepoints.\n");
		return 0;
	}
	if (argc > 1) {
		gmt_err("list: unexpected argument '%s'", argv[1]);
		return 2;
	}
	printf("groups (for -e):\n");
	gmt_print_event_list(stdout);
	printf("\nevents:\n");
	for (i = 0; i < GMT_EV_MAX; i++)
		printf("  %-18s tracepoint kvm_gmem:%s\n", gmt_events[i].name,
		       gmt_events[i].tracepoint);
	return 0;
}

/*
 * What was printed must have been written: a full disk or a reader gone
 * turns @rc 0 into 1, after saying so (perf's run_builtin() does this).
 */
static int check_stdout(int rc)
{
	bool failed = ferror(stdout);	/* earlier: why is long gone */

	/* On stderr even under -j: stdout is what failed. */
	errno = 0;
	if (fflush(stdout)) {
		gmt_warn("write error on standard output: %s", strerror(errno));
		failed = false;
		rc = rc ?: 1;
	}
	if (failed) {
		gmt_warn("write error on standard output");
		rc = rc ?: 1;
	}
	if (fclose(stdout) && !rc) {
		gmt_warn("closing standard output: %s", strerror(errno));
		rc = 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return check_stdout(cmd_help(argc - 1, argv + 1));
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return check_stdout(cmd_version(argc - 1, argv + 1));
	for (c = cmds; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return check_stdout(c->fn(argc - 1, argv + 1));
	gmt_err("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
