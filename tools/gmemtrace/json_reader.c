// SPDX-License-Identifier: GPL-2.0
/* A small recursive-descent JSON parser into a tree of values. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_reader.h"

#define MAX_DEPTH	64

struct parser {
	const char *s, *end, *start;
	char *err;
	size_t err_len;
	int depth;
};

static bool fail(struct parser *p, const char *fmt, ...)
{
	int line = 1, col = 1;
	const char *c;
	size_t n;
	va_list ap;

	if (p->err[0])
		return false;
	for (c = p->start; c < p->s; c++) {
		if (*c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	n = snprintf(p->err, p->err_len, "line %d, column %d: ", line, col);
	if (n < p->err_len) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->err_len - n, fmt, ap);
		va_end(ap);
	}
	return false;
}

static void skip_ws(struct parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static bool expect_more(struct parser *p, const char *what)
{
	if (p->s < p->end)
		return true;
	return fail(p, "unexpected end of input (truncated?), expected %s", what);
}

static bool parse_value(struct parser *p, struct jv *v);

static int hex4(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* UTF-8 of code point @cp into @out; returns the length. */
static int utf8(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = 0xc0 | cp >> 6;
		out[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = 0xe0 | cp >> 12;
		out[1] = 0x80 | (cp >> 6 & 0x3f);
		out[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	out[0] = 0xf0 | cp >> 18;
	out[1] = 0x80 | (cp >> 12 & 0x3f);
	out[2] = 0x80 | (cp >> 6 & 0x3f);
	out[3] = 0x80 | (cp & 0x3f);
	return 4;
}

static bool parse_string(struct parser *p, char **out)
{
	const char *s = ++p->s;	/* after the quote */
	char *buf, *o;
	int cp, lo;

	/* The decoded string is never longer than the encoded one. */
	while (s < p->end && *s != '"')
		s += (*s == '\\' && s + 1 < p->end) ? 2 : 1;
	if (s >= p->end)
		return fail(p, "unexpected end of input (truncated?) in a string");
	buf = o = malloc(s - p->s + 1);
	if (!buf)
		return fail(p, "out of memory");
	while (*p->s != '"') {
		unsigned char c = *p->s++;

		if (c < 0x20) {
			free(buf);
			p->s--;
			return fail(p, "control character in a string");
		}
		if (c != '\\') {
			*o++ = c;
			continue;
		}
		switch (*p->s++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			cp = p->end - p->s >= 4 ? hex4(p->s) : -1;
			if (cp < 0) {
				free(buf);
				return fail(p, "bad \\u escape");
			}
			p->s += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p->end - p->s >= 6 &&
			    p->s[0] == '\\' && p->s[1] == 'u' &&
			    (lo = hex4(p->s + 2)) >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p->s += 6;
			}
			/* \uXXXX takes 6 bytes, its UTF-8 at most 4. */
			o += utf8(cp, o);
			break;
		default:
			free(buf);
			p->s--;
			return fail(p, "bad escape in a string");
		}
	}
	p->s++;
	*o = '\0';
	*out = buf;
	return true;
}

static bool parse_number(struct parser *p, struct jv *v)
{
	const char *s = p->s;
	char tmp[64], *end;
	size_t n;

	if (s < p->end && *s == '-')
		s++;
	if (s >= p->end || *s < '0' || *s > '9')
		return fail(p, "expected a value");
	while (s < p->end && strchr("0123456789.eE+-", *s))
		s++;
	n = s - p->s;
	if (n >= sizeof(tmp))
		return fail(p, "number too long");
	memcpy(tmp, p->s, n);
	tmp[n] = '\0';
	v->num = strtod(tmp, &end);
	if (*end)
		return fail(p, "bad number '%s'", tmp);
	v->type = JV_NUMBER;
	p->s = s;
	return true;
}

static bool literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n))
		return fail(p, (size_t)(p->end - p->s) < n && !memcmp(p->s, word, p->end - p->s) ?
			    "unexpected end of input (truncated?)" : "expected a value");
	p->s += n;
	return true;
}

/* Append a zeroed item to @v's items. */
static struct jv *push(struct parser *p, struct jv *v)
{
	struct jv *items;

	if (v->n == v->cap) {
		items = realloc(v->items, (v->cap ? v->cap * 2 : 4) * sizeof(*items));
		if (!items) {
			fail(p, "out of memory");
			return NULL;
		}
		v->items = items;
		v->cap = v->cap ? v->cap * 2 : 4;
	}
	memset(&v->items[v->n], 0, sizeof(v->items[0]));
	return &v->items[v->n++];
}

static bool parse_container(struct parser *p, struct jv *v, bool object)
{
	char close = object ? '}' : ']';
	struct jv *item;
	char *key;

	v->type = object ? JV_OBJECT : JV_ARRAY;
	if (++p->depth > MAX_DEPTH)
		return fail(p, "nested too deeply");
	p->s++;
	skip_ws(p);
	if (!expect_more(p, object ? "a key or '}'" : "a value or ']'"))
		return false;
	if (*p->s == close) {
		p->s++;
		p->depth--;
		return true;
	}
	for (;;) {
		key = NULL;
		if (object) {
			skip_ws(p);
			if (!expect_more(p, "a key"))
				return false;
			if (*p->s != '"')
				return fail(p, "expected a key");
			if (!parse_string(p, &key))
				return false;
			skip_ws(p);
			if (!expect_more(p, "':'"))
				goto err;
			if (*p->s != ':') {
				fail(p, "expected ':'");
				goto err;
			}
			p->s++;
		}
		item = push(p, v);
		if (!item)
			goto err;
		item->key = key;
		if (!parse_value(p, item))
			return false;
		skip_ws(p);
		if (!expect_more(p, object ? "',' or '}'" : "',' or ']'"))
			return false;
		if (*p->s == close)
			break;
		if (*p->s != ',')
			return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
		p->s++;
	}
	p->s++;
	p->depth--;
	return true;
err:
	free(key);
	return false;
}

static bool parse_value(struct parser *p, struct jv *v)
{
	skip_ws(p);
	if (!expect_more(p, "a value"))
		return false;
	switch (*p->s) {
	case '{':
		return parse_container(p, v, true);
	case '[':
		return parse_container(p, v, false);
	case '"':
		v->type = JV_STRING;
		return parse_string(p, &v->str);
	case 't':
		v->type = JV_BOOL;
		v->b = true;
		return literal(p, "true");
	case 'f':
		v->type = JV_BOOL;
		return literal(p, "false");
	case 'n':
		v->type = JV_NULL;
		return literal(p, "null");
	default:
		return parse_number(p, v);
	}
}

static void jv_free_items(struct jv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		jv_free_items(&v->items[i]);
	free(v->items);
	free(v->str);
	free(v->key);
}

void jv_free(struct jv *v)
{
	if (!v)
		return;
	jv_free_items(v);
	free(v);
}

struct jv *jv_parse(const char *text, size_t len, char *err, size_t err_len)
{
	struct parser p = { .s = text, .end = text + len, .start = text,
			    .err = err, .err_len = err_len };
	struct jv *v = calloc(1, sizeof(*v));

	err[0] = '\0';
	if (!v) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	if (parse_value(&p, v)) {
		skip_ws(&p);
		if (p.s == p.end)
			return v;
		fail(&p, "unexpected data after the document");
	}
	jv_free(v);
	return NULL;
}

const struct jv *jv_get(const struct jv *v, const char *key)
{
	size_t i;

	if (!v || v->type != JV_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (!strcmp(v->items[i].key, key))
			return &v->items[i];
	return NULL;
}

double jv_num(const struct jv *v, const char *key, double def)
{
	const struct jv *m = jv_get(v, key);

	return m && m->type == JV_NUMBER ? m->num : def;
}

const char *jv_str(const struct jv *v, const char *key)
{
	const struct jv *m = jv_get(v, key);

	return m && m->type == JV_STRING ? m->str : NULL;
}
