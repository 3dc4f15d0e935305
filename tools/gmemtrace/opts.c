// SPDX-License-Identifier: GPL-2.0
/* The option layer: getopt_long() tables and help from one description. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "tool.h"

#define MAX_OPTS	48
#define HELP_COLUMN	22	/* where the help text starts */

/* The common options, each with the GMT_COMMON_* bit that selects it. */
static const struct {
	unsigned int bit;
	struct gmt_opt opt;
} common_opts[] = {
	{ GMT_COMMON_FILTERS, { 'p', "pid", "PID", "only events caused by process PID" } },
	{ GMT_COMMON_FILTERS, { 'm', "vm", "PID", "only events of the VM created by process PID" } },
	{ GMT_COMMON_FILTERS, { 'i', "ino", "INO", "only events of the guest_memfd with inode INO" } },
	{ GMT_COMMON_EVENTS, { 'e', "events", "LIST",
	  "events or groups, comma-separated (default: all;\n'gmemtrace list' shows them)" } },
	{ GMT_COMMON_JSON, { 'j', "json", NULL, "JSON output (see docs/json.md)" } },
	{ GMT_COMMON_ARCH, { 'A', "arch-lifetime", NULL,
	  "follow each pfn's arch (RMP) state: arch_lifetime,\nthe VMs' arch-private pfns, reclaims' VM\n(about 2.5x the in-kernel cost per event)" } },
	{ GMT_COMMON_FENTRY, { GMT_OPT_FENTRY, "fentry", NULL,
	  "use fentry/fexit even if the tracepoints exist" } },
	{ GMT_COMMON_VERBOSE, { 'v', "verbose", NULL, "libbpf messages (-vv: verifier logs too)" } },
};

static const struct gmt_opt help_opt = { 'h', "help", NULL, "this help" };

static void print_opt(const struct gmt_opt *op, FILE *f)
{
	char left[64];
	const char *p, *nl;
	int n;

	if (op->key < GMT_OPT_LONG_ONLY)
		n = snprintf(left, sizeof(left), "  -%c, --%s", op->key, op->name);
	else
		n = snprintf(left, sizeof(left), "      --%s", op->name);
	if (op->arg)
		n += snprintf(left + n, sizeof(left) - n, " %s", op->arg);
	/* A long left column gets its help on the next line. */
	if (n >= HELP_COLUMN - 1)
		fprintf(f, "%s\n%*s", left, HELP_COLUMN, "");
	else
		fprintf(f, "%-*s", HELP_COLUMN, left);
	for (p = op->help; (nl = strchr(p, '\n')); p = nl + 1)
		fprintf(f, "%.*s\n%*s", (int)(nl - p), p, HELP_COLUMN, "");
	fprintf(f, "%s\n", p);
}

void gmt_usage_lines(const struct gmt_cmd_spec *spec, bool first, FILE *f)
{
	const char *p, *nl;

	for (p = spec->usage; p; p = nl ? nl + 1 : NULL, first = false) {
		nl = strchr(p, '\n');
		fprintf(f, "%s%.*s\n", first ? "usage: " : "       ",
			nl ? (int)(nl - p) : (int)strlen(p), p);
	}
}

void gmt_usage(const struct gmt_cmd_spec *spec, FILE *f)
{
	const struct gmt_opt *op;
	size_t i;

	gmt_usage_lines(spec, true, f);
	fprintf(f, "%s\n", spec->about);
	for (i = 0; i < sizeof(common_opts) / sizeof(common_opts[0]); i++)
		if (spec->common & common_opts[i].bit)
			print_opt(&common_opts[i].opt, f);
	print_opt(&help_opt, f);
	for (op = spec->opts; op && op->name; op++)
		print_opt(op, f);
	if (spec->epilog)
		fprintf(f, "\n%s", spec->epilog);
}

/* Append @op to the getopt tables. */
static void add(const struct gmt_opt *op, char *shortopts, struct option *longopts, int *n)
{
	size_t len = strlen(shortopts);

	if (op->key < GMT_OPT_LONG_ONLY) {
		shortopts[len++] = (char)op->key;
		if (op->arg)
			shortopts[len++] = ':';
		shortopts[len] = 0;
	}
	longopts[(*n)++] = (struct option){ op->name, op->arg ? required_argument : no_argument,
					    NULL, op->key };
}

/*
 * Whether the options of @argv, as getopt_long() will read them, include
 * -j or --json: then every error is JSON, from the first (bpftool's
 * convention), whatever the order of the options.
 */
static bool wants_json(int argc, char **argv, const char *shortopts,
		       const struct option *longopts, bool stop_at_operand)
{
	const struct option *lo;
	const char *a, *p, *eq;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		a = argv[i];
		if (a[0] != '-' || !a[1]) {
			if (stop_at_operand)
				return false;
			continue;
		}
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			/* getopt_long() takes a prefix too: the first that matches. */
			for (lo = longopts; lo->name; lo++)
				if (!strncmp(lo->name, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2)))
					break;
			if (lo->name && !strcmp(lo->name, "json"))
				return true;
			i += lo->name && lo->has_arg == required_argument && !eq;
			continue;
		}
		for (p = a + 1; *p; p++) {
			const char *s = strchr(shortopts, *p);

			if (!s || *p == ':' || *p == '+')
				break;
			if (*p == 'j')
				return true;
			if (s[1] == ':') {
				i += !p[1];	/* the argument is the next word */
				break;
			}
		}
	}
	return false;
}

int gmt_parse(int argc, char **argv, const struct gmt_cmd_spec *spec, struct gmt_opts *o,
	      void *ctx)
{
	struct option longopts[MAX_OPTS + 1] = {};
	char shortopts[2 * MAX_OPTS + 3] = "";
	const struct gmt_opt *op;
	int c, r, n = 0;
	size_t i;

	/* "+": stop at the first operand; ":": we report errors ourselves. */
	strcpy(shortopts, spec->stop_at_operand ? "+:" : ":");
	for (i = 0; i < sizeof(common_opts) / sizeof(common_opts[0]); i++)
		if (spec->common & common_opts[i].bit)
			add(&common_opts[i].opt, shortopts, longopts, &n);
	add(&help_opt, shortopts, longopts, &n);
	for (op = spec->opts; op && op->name; op++) {
		if (n == MAX_OPTS) {
			gmt_err("internal error: more than %d options", MAX_OPTS);
			return 2;
		}
		add(op, shortopts, longopts, &n);
	}
	gmt_json_errors = wants_json(argc, argv, shortopts, longopts, spec->stop_at_operand);
	if (o)
		gmt_opts_init(o);
	/* 0, not 1: glibc starts over and reads "+" again. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'h') {
			gmt_usage(spec, stdout);
			return 1;
		}
		if (c == '?' || c == ':') {
			if (optopt && optopt < GMT_OPT_LONG_ONLY)
				gmt_err("%s: %s '-%c'", argv[0], c == ':' ? "option needs an argument:" :
					"unknown option", optopt);
			else
				gmt_err("%s: %s '%s'", argv[0], c == ':' ? "option needs an argument:" :
					"unknown option", argv[optind - 1]);
			gmt_usage(spec, stderr);
			return 2;
		}
		r = spec->common && o ? gmt_common_opt(o, c, optarg) : 0;
		if (r < 0)
			return 2;
		if (!r && spec->own(ctx, c, optarg))
			return 2;
	}
	return 0;
}
