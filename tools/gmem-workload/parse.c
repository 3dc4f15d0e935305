// SPDX-License-Identifier: GPL-2.0
/* Scenario lines: tokenising, numbers with K/M/G suffixes, op lookup. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'G': case 'g':
		v <<= 10;
		/* fallthrough */
	case 'M': case 'm':
		v <<= 10;
		/* fallthrough */
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	}
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

struct word {
	char type;
	const char *name;
	uint64_t value;
};

static const struct word words[] = {
	{ 'f', "mmap",		1 << 0 },	/* GUEST_MEMFD_FLAG_MMAP */
	{ 'f', "init_shared",	1 << 1 },	/* GUEST_MEMFD_FLAG_INIT_SHARED */
	{ 'f', "huge",		1 << 2 },	/* GUEST_MEMFD_FLAG_HUGE_PMD */
	{ 't', "default",	0 },		/* KVM_X86_DEFAULT_VM */
	{ 't', "sw_protected",	1 },		/* KVM_X86_SW_PROTECTED_VM */
	{ 'a', "private",	1 << 3 },	/* KVM_MEMORY_ATTRIBUTE_PRIVATE */
	{ 'a', "shared",	0 },
	{ 0 }
};

int parse_word(char type, const char *s, uint64_t *out)
{
	const struct word *w;

	for (w = words; w->type; w++) {
		if (w->type == type && !strcmp(w->name, s)) {
			*out = w->value;
			return 0;
		}
	}
	return -EINVAL;
}

static int check_arg(char type, const char *s)
{
	uint64_t v;

	switch (type) {
	case 's':
		return parse_size(s, &v);
	case 'f':
	case 't':
	case 'a':
		return parse_word(type, s, &v);
	default:
		return 0;
	}
}

static const struct op *find_op(const char *name)
{
	const struct op *op;

	for (op = ops; op->name; op++)
		if (!strcmp(op->name, name))
			return op;
	return NULL;
}

/*
 * Returns 1 for a step, 0 for a blank or comment line, -1 with a message in
 * @err for a malformed one.
 */
int parse_step(char *text, int line, struct step *s, char *err, size_t err_len)
{
	char *tok[MAX_ARGS + 6], *save = NULL, *p;
	int n = 0, i = 0;
	uint64_t v;

	p = strchr(text, '#');
	if (p)
		*p = '\0';
	for (p = strtok_r(text, " \t\r\n", &save); p; p = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == (int)(sizeof(tok) / sizeof(tok[0]))) {
			snprintf(err, err_len, "too many words");
			return -1;
		}
		tok[n++] = p;
	}
	if (!n)
		return 0;

	memset(s, 0, sizeof(*s));
	s->line = line;
	s->repeat = 1;
	if (!strcmp(tok[0], "bg")) {
		s->background = true;
		i = 1;
	}
	if (i < n && !strcmp(tok[i], "repeat")) {
		if (n - i < 3 || parse_size(tok[i + 1], &v) || !v) {
			snprintf(err, err_len, "usage: repeat N OP ARGS...");
			return -1;
		}
		s->repeat = v;
		i += 2;
	}
	if (i == n) {
		snprintf(err, err_len, "usage: bg [repeat N] OP ARGS...");
		return -1;
	}
	if (n - i >= 2 && !strcmp(tok[n - 2], "expect")) {
		s->expect = tok[n - 1];
		n -= 2;
	}
	s->op = find_op(tok[i]);
	if (!s->op) {
		snprintf(err, err_len, "unknown operation '%s'", tok[i]);
		return -1;
	}
	if (s->background && !s->op->bg) {
		snprintf(err, err_len, "'%s' cannot run in the background", s->op->name);
		return -1;
	}
	s->argc = n - i - 1;
	if (s->argc < s->op->min_args || s->argc > s->op->max_args) {
		snprintf(err, err_len, "usage: %s %s", s->op->name, s->op->usage);
		return -1;
	}
	memcpy(s->argv, &tok[i + 1], s->argc * sizeof(char *));
	for (i = 0; i < s->argc; i++) {
		char type = s->op->types[i];

		if (check_arg(type, s->argv[i])) {
			snprintf(err, err_len, "bad %s '%s' (usage: %s %s)",
				 type == 's' ? "number" : "word", s->argv[i],
				 s->op->name, s->op->usage);
			return -1;
		}
	}
	return 1;
}

const char *result_name(const struct result *res, char *buf, size_t len)
{
	const char *name;

	if (res->sigbus)
		return "sigbus";
	if (!res->err)
		return "ok";
	name = strerrorname_np(-res->err);
	if (name)
		return name;
	snprintf(buf, len, "errno%d", -res->err);
	return buf;
}
