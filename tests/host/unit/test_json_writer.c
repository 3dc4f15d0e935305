// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/json_writer.c: exact output for each kind of value. */
#define _GNU_SOURCE
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "unit.h"

struct cap {
	char *buf;
	size_t len;
	FILE *f;
	struct json_writer *jw;
};

static struct json_writer *cap_open(struct cap *c)
{
	memset(c, 0, sizeof(*c));
	c->f = open_memstream(&c->buf, &c->len);
	if (!c->f) {
		perror("open_memstream");
		exit(2);
	}
	c->jw = jw_new(c->f);
	if (!c->jw) {
		perror("jw_new");
		exit(2);
	}
	return c->jw;
}

/* Output so far; the caller frees it. */
static char *cap_close(struct cap *c)
{
	jw_destroy(&c->jw);
	fclose(c->f);
	return c->buf;
}

static void check_cap(struct cap *c, const char *name, const char *want)
{
	char *got = cap_close(c);

	CHECK_STR(name, got, want);
	free(got);
}

static void test_nested(void)
{
	struct cap c;
	struct json_writer *jw = cap_open(&c);

	jw_start_object(jw);
	jw_u64_field(jw, "a", 1);
	jw_name(jw, "b");
	jw_start_array(jw);
	jw_u64(jw, 1);
	jw_u64(jw, 2);
	jw_start_object(jw);
	jw_name(jw, "c");
	jw_start_array(jw);
	jw_end_array(jw);
	jw_bool_field(jw, "t", true);
	jw_end_object(jw);
	jw_start_array(jw);
	jw_start_array(jw);
	jw_end_array(jw);
	jw_null(jw);
	jw_end_array(jw);
	jw_end_array(jw);
	jw_name(jw, "d");
	jw_start_object(jw);
	jw_end_object(jw);
	jw_string_field(jw, "e", "x");
	jw_bool_field(jw, "f", false);
	jw_end_object(jw);
	check_cap(&c, "json-nested-commas",
		  "{\"a\":1,\"b\":[1,2,{\"c\":[],\"t\":true},[[],null]],"
		  "\"d\":{},\"e\":\"x\",\"f\":false}");
}

static void test_escape(void)
{
	struct cap c;
	struct json_writer *jw = cap_open(&c);

	jw_string(jw, "q\"b\\n\nx\x01t\tz");
	check_cap(&c, "json-escape-basic", "\"q\\\"b\\\\n\\nx\\u0001t\\tz\"");

	jw = cap_open(&c);
	jw_string(jw, "\b\f\r\x1f\x7f/");
	check_cap(&c, "json-escape-controls", "\"\\b\\f\\r\\u001f\x7f/\"");

	jw = cap_open(&c);
	jw_string(jw, "caf\xc3\xa9 \xe2\x82\xac");
	check_cap(&c, "json-escape-utf8-passthrough", "\"caf\xc3\xa9 \xe2\x82\xac\"");

	/* Not UTF-8: each stray byte becomes the code point of its value. */
	jw = cap_open(&c);
	jw_string(jw, "caf\xe9 \xc3 \xed\xa0\x80 \xf0\x9f\x98\x80 \xf4\x90\x80\x80");
	check_cap(&c, "json-escape-not-utf8",
		  "\"caf\\u00e9 \\u00c3 \\u00ed\\u00a0\\u0080 \xf0\x9f\x98\x80 "
		  "\\u00f4\\u0090\\u0080\\u0080\"");

	jw = cap_open(&c);
	jw_start_object(jw);
	jw_string_field(jw, "a\"\n", "");
	jw_string_field(jw, NULL, NULL);
	jw_end_object(jw);
	check_cap(&c, "json-escape-name", "{\"a\\\"\\n\":\"\",\"\":null}");
}

static void test_lines(void)
{
	struct cap c;
	struct json_writer *jw = cap_open(&c);

	jw_start_object(jw);
	jw_u64_field(jw, "a", 1);
	jw_end_object(jw);
	jw_eol(jw);
	jw_start_object(jw);
	jw_u64_field(jw, "b", 2);
	jw_end_object(jw);
	jw_eol(jw);
	check_cap(&c, "json-lines-objects", "{\"a\":1}\n{\"b\":2}\n");

	jw = cap_open(&c);
	jw_u64(jw, 1);
	jw_eol(jw);
	jw_start_array(jw);
	jw_string(jw, "s");
	jw_end_array(jw);
	jw_eol(jw);
	jw_string(jw, "t");
	jw_eol(jw);
	check_cap(&c, "json-lines-scalars", "1\n[\"s\"]\n\"t\"\n");
}

static void test_numbers(void)
{
	struct cap c;
	struct json_writer *jw = cap_open(&c);

	jw_start_array(jw);
	jw_s64(jw, -1);
	jw_s64(jw, LLONG_MIN);
	jw_s64(jw, LLONG_MAX);
	jw_u64(jw, ULLONG_MAX);
	jw_u64(jw, 0);
	jw_float(jw, -2.5);
	jw_end_array(jw);
	check_cap(&c, "json-numbers",
		  "[-1,-9223372036854775808,9223372036854775807,"
		  "18446744073709551615,0,-2.5]");

	jw = cap_open(&c);
	jw_start_object(jw);
	jw_s64_field(jw, "neg", -42);
	jw_float_field(jw, "pi", 3.14159265);
	jw_float_field(jw, "big", 1e20);
	jw_float_field(jw, "small", 0.1);
	jw_float_field(jw, "zero", 0);
	jw_end_object(jw);
	check_cap(&c, "json-number-fields",
		  "{\"neg\":-42,\"pi\":3.14159,\"big\":1e+20,\"small\":0.1,"
		  "\"zero\":0}");

	jw = cap_open(&c);
	jw_start_object(jw);
	jw_hex_field(jw, "gpa", 0x1a2b);
	jw_hex_field(jw, "zero", 0);
	jw_hex_field(jw, "max", ULLONG_MAX);
	jw_end_object(jw);
	check_cap(&c, "json-hex-field",
		  "{\"gpa\":\"0x1a2b\",\"zero\":\"0x0\",\"max\":\"0xffffffffffffffff\"}");

	jw = cap_open(&c);
	jw_start_array(jw);
	jw_float(jw, NAN);
	jw_float(jw, INFINITY);
	jw_float(jw, -INFINITY);
	jw_end_array(jw);
	jw_eol(jw);
	jw_start_object(jw);
	jw_float_field(jw, "nan", NAN);
	jw_end_object(jw);
	check_cap(&c, "json-nonfinite-null", "[null,null,null]\n{\"nan\":null}");
}

static void test_pretty(void)
{
	struct cap c;
	struct json_writer *jw = cap_open(&c);

	jw_pretty(jw, true);
	jw_start_object(jw);
	jw_u64_field(jw, "a", 1);
	jw_name(jw, "b");
	jw_start_array(jw);
	jw_bool(jw, true);
	jw_start_object(jw);
	jw_string_field(jw, "k", "v");
	jw_end_object(jw);
	jw_end_array(jw);
	jw_name(jw, "e");
	jw_start_array(jw);
	jw_end_array(jw);
	jw_name(jw, "o");
	jw_start_object(jw);
	jw_end_object(jw);
	jw_end_object(jw);
	jw_eol(jw);
	jw_start_array(jw);
	jw_end_array(jw);
	jw_eol(jw);
	check_cap(&c, "json-pretty",
		  "{\n"
		  "    \"a\": 1,\n"
		  "    \"b\": [\n"
		  "        true,\n"
		  "        {\n"
		  "            \"k\": \"v\"\n"
		  "        }\n"
		  "    ],\n"
		  "    \"e\": [],\n"
		  "    \"o\": {}\n"
		  "}\n"
		  "[]\n");
}

/* Levels 0..n-1: "[i,<level i+1>,100+i]", the innermost "[n-1]". */
static void deep_want(char *buf, size_t size, int n)
{
	size_t len = 0;
	int i;

	for (i = 0; i < n - 1; i++)
		len += snprintf(buf + len, size - len, "[%d,", i);
	len += snprintf(buf + len, size - len, "[%d]", n - 1);
	for (i = n - 2; i >= 0; i--)
		len += snprintf(buf + len, size - len, ",%d]", 100 + i);
}

static void test_deep(void)
{
	char want[1024];
	struct cap c;
	struct json_writer *jw = cap_open(&c);
	char *got;
	int i, n = 40;

	for (i = 0; i < n; i++) {
		jw_start_array(jw);
		jw_u64(jw, i);
	}
	for (i = n - 1; i >= 0; i--) {
		jw_end_array(jw);
		if (i > 0)
			jw_u64(jw, 100 + i - 1);
	}
	deep_want(want, sizeof(want), n);
	check_cap(&c, "json-depth-40", want);

	/* Far past any fixed nesting limit, then unbalanced ends. */
	jw = cap_open(&c);
	for (i = 0; i < 5000; i++) {
		jw_start_object(jw);
		jw_name(jw, "k");
	}
	jw_null(jw);
	for (i = 0; i < 5002; i++)
		jw_end_object(jw);
	got = cap_close(&c);
	CHECK_U64("json-depth-5000-length", strlen(got), 5000 * 5 + 4 + 5000);
	snprintf(want, 12, "%s", got + 4999 * 5);
	CHECK_STR("json-depth-5000-middle", want, "{\"k\":null}}");
	free(got);
}

static void test_lifecycle(void)
{
	struct json_writer *jw = NULL;
	struct cap c;

	/* A NULL writer is ignored everywhere. */
	jw_start_object(NULL);
	jw_u64_field(NULL, "a", 1);
	jw_hex_field(NULL, "a", 1);
	jw_end_object(NULL);
	jw_eol(NULL);
	jw_destroy(&jw);
	jw_destroy(NULL);
	CHECK_U64("json-new-null-file", !jw_new(NULL), 1);

	jw = cap_open(&c);
	c.jw = NULL;
	jw_u64(jw, 5);
	jw_destroy(&jw);
	CHECK_U64("json-destroy-clears", !jw, 1);
	/* jw_destroy() flushed: the memstream already holds the value. */
	CHECK_STR("json-destroy-flushes", c.buf, "5");
	fclose(c.f);
	free(c.buf);
}

int main(void)
{
	test_nested();
	test_escape();
	test_lines();
	test_numbers();
	test_pretty();
	test_deep();
	test_lifecycle();
	return unit_exit();
}
