/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks for the C unit tests.  Each prints one line, "PASS unit:NAME" or
 * "FAIL unit:NAME: got '...', want '...'" (newlines and other controls in
 * the strings shown as C escapes); unit_exit() is the exit status.
 */
#ifndef GMEMTRACE_UNIT_H
#define GMEMTRACE_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int unit_failed;

static inline void unit_show(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p == '\\')
			fputs("\\\\", stdout);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", *p);
		else
			putchar(*p);
	}
}

static inline void unit_check_str(const char *name, const char *got,
				  const char *want)
{
	got = got ? got : "(null)";
	if (!strcmp(got, want)) {
		printf("PASS unit:%s\n", name);
	} else {
		printf("FAIL unit:%s: got '", name);
		unit_show(got);
		fputs("', want '", stdout);
		unit_show(want);
		fputs("'\n", stdout);
		unit_failed = 1;
	}
	fflush(stdout);
}

static inline void unit_check_u64(const char *name, unsigned long long got,
				  unsigned long long want)
{
	if (got == want) {
		printf("PASS unit:%s\n", name);
	} else {
		printf("FAIL unit:%s: got '%llu', want '%llu'\n", name, got, want);
		unit_failed = 1;
	}
	fflush(stdout);
}

/*
 * @got within @rel of @want, relatively (absolutely when @want is 0); a
 * NaN or an infinity @want only by itself.
 */
static inline void unit_check_near(const char *name, double got, double want, double rel)
{
	int ok;

	if (isnan(want) || isinf(want))
		ok = isnan(want) ? isnan(got) : got == want;
	else
		ok = fabs(got - want) <= rel * (want ? fabs(want) : 1);
	if (ok) {
		printf("PASS unit:%s\n", name);
	} else {
		printf("FAIL unit:%s: got '%.17g', want '%.17g' (within %g)\n", name, got, want,
		       rel);
		unit_failed = 1;
	}
	fflush(stdout);
}

#define CHECK_STR(name, got, want)	unit_check_str(name, got, want)
#define CHECK_U64(name, got, want)	unit_check_u64(name, got, want)
#define CHECK_NEAR(name, got, want, rel) unit_check_near(name, got, want, rel)

static inline int unit_exit(void)
{
	return unit_failed ? 1 : 0;
}

#endif
