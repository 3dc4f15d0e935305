// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/json_reader.c: documents, values, and precise errors. */
#include <stdio.h>
#include <string.h>

#include "json_reader.h"
#include "unit.h"

static struct jv *parse(const char *s, char *err)
{
	return jv_parse(s, strlen(s), err, 160);
}

/* The error for @doc, or "ok". */
static void check_err(const char *name, const char *doc, const char *want)
{
	char err[160];
	struct jv *v = parse(doc, err);

	CHECK_STR(name, v ? "ok" : err, want);
	jv_free(v);
}

static void test_document(void)
{
	const char *doc = "{\"format\": \"gmemtrace-record\", \"version\": 1,\n"
			  " \"runs\": [{\"wall_ns\": 123456789012, \"ok\": true},\n"
			  "          {\"wall_ns\": -2.5e3, \"ok\": false, \"x\": null}],\n"
			  " \"s\": \"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"}";
	const struct jv *runs;
	char err[160];
	struct jv *v = parse(doc, err);

	CHECK_STR("json-reader:parses", v ? "ok" : err, "ok");
	if (!v)
		return;
	CHECK_STR("json-reader:string", jv_str(v, "format"), "gmemtrace-record");
	CHECK_U64("json-reader:number", jv_num(v, "version", -1), 1);
	runs = jv_get(v, "runs");
	CHECK_U64("json-reader:array", runs && runs->type == JV_ARRAY ? runs->n : 0, 2);
	CHECK_U64("json-reader:big-integer", jv_num(&runs->items[0], "wall_ns", 0), 123456789012ULL);
	CHECK_STR("json-reader:negative-exponent",
		  jv_num(&runs->items[1], "wall_ns", 0) == -2500 ? "ok" : "wrong", "ok");
	CHECK_STR("json-reader:bools", jv_get(&runs->items[0], "ok")->b &&
		  !jv_get(&runs->items[1], "ok")->b ? "ok" : "wrong", "ok");
	CHECK_U64("json-reader:null", jv_get(&runs->items[1], "x")->type, JV_NULL);
	CHECK_STR("json-reader:escapes", jv_str(v, "s"), "a\"b\\c\n\xc3\xa9\xf0\x9f\x98\x80");
	CHECK_STR("json-reader:missing", jv_str(v, "nope") ? "found" : "missing", "missing");
	CHECK_U64("json-reader:default", jv_num(v, "format", 7), 7);
	jv_free(v);
}

static void test_errors(void)
{
	check_err("json-reader:truncated-object", "{\"a\": [1, 2",
		  "line 1, column 12: unexpected end of input (truncated?), expected ',' or ']'");
	check_err("json-reader:truncated-string", "{\"a\": \"abc",
		  "line 1, column 8: unexpected end of input (truncated?) in a string");
	check_err("json-reader:truncated-literal", "[tru",
		  "line 1, column 2: unexpected end of input (truncated?)");
	check_err("json-reader:empty", "", "line 1, column 1: unexpected end of input (truncated?), expected a value");
	check_err("json-reader:garbage", "\x7f" "ELF", "line 1, column 1: expected a value");
	check_err("json-reader:missing-comma", "{\"a\": 1\n \"b\": 2}",
		  "line 2, column 2: expected ',' or '}'");
	check_err("json-reader:trailing", "{} x", "line 1, column 4: unexpected data after the document");
	check_err("json-reader:bad-escape", "[\"\\x\"]", "line 1, column 4: bad escape in a string");
	check_err("json-reader:control", "[\"a\nb\"]", "line 1, column 4: control character in a string");
	check_err("json-reader:deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
		  "line 1, column 65: nested too deeply");
	check_err("json-reader:nested-ok", "[[[]], {\"a\": {}}]", "ok");
}

int main(void)
{
	test_document();
	test_errors();
	return unit_exit();
}
