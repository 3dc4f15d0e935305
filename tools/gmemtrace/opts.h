/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One option layer for every command: a table of options gives both the
 * getopt_long() parser and the help, so that they cannot drift apart.
 */
#ifndef GMT_OPTS_H
#define GMT_OPTS_H

#include <stdbool.h>
#include <stdio.h>

struct gmt_opts;

/* A macro's value as a string, for numbers in the help. */
#define GMT_STR(x)		#x
#define GMT_XSTR(x)		GMT_STR(x)

/* Keys of options without a short letter start here; commands' own after --fentry. */
#define GMT_OPT_LONG_ONLY	256
#define GMT_OPT_FENTRY		GMT_OPT_LONG_ONLY
#define GMT_OPT_OWN		(GMT_OPT_LONG_ONLY + 1)

/* One option: its key (a letter, or GMT_OPT_OWN + n), names, help. */
struct gmt_opt {
	int key;
	const char *name;	/* the long option */
	const char *arg;	/* its argument's name in the help; NULL: a flag */
	const char *help;	/* '\n' between lines */
};

/* The common options (struct gmt_opts) a command takes: a mask of these. */
enum {
	GMT_COMMON_FILTERS	= 1 << 0,	/* -p, -m, -i */
	GMT_COMMON_EVENTS	= 1 << 1,	/* -e */
	GMT_COMMON_JSON		= 1 << 2,	/* -j */
	GMT_COMMON_FENTRY	= 1 << 3,	/* --fentry */
	GMT_COMMON_VERBOSE	= 1 << 4,	/* -v */
	GMT_COMMON_ARCH		= 1 << 5,	/* -A */
	GMT_COMMON_ALL		= (1 << 6) - 1,
};

/* A command's interface. */
struct gmt_cmd_spec {
	const char *usage;		/* after "usage: "; '\n' between forms */
	const char *about;		/* what it does, before the options */
	unsigned int common;		/* GMT_COMMON_* */
	const struct gmt_opt *opts;	/* its own, ended by { 0 } */
	const char *epilog;		/* after the options: notes, examples */
	bool stop_at_operand;		/* options only before the first operand */
	/* An own option @key with @arg: 0, or >0 after printing why @arg is bad. */
	int (*own)(void *ctx, int key, const char *arg);
};

/* @spec's usage lines, the first one after "usage: " if @first. */
void gmt_usage_lines(const struct gmt_cmd_spec *spec, bool first, FILE *f);
/* "usage: ...", the description, every option, the epilog. */
void gmt_usage(const struct gmt_cmd_spec *spec, FILE *f);

/*
 * Parse the options of @argv (argv[0] is the command) by @spec: common
 * ones into @o (may be NULL when @spec takes none), the others to
 * @spec->own(@ctx, ...); -h/--help prints the usage.  Returns 0, 1 after
 * --help, or 2 for a usage error (said, with the usage for an unknown
 * option); optind is left at the first operand.
 */
int gmt_parse(int argc, char **argv, const struct gmt_cmd_spec *spec, struct gmt_opts *o,
	      void *ctx);

#endif
