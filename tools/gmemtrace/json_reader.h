/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON reader (RFC 8259) for gmemtrace's own files: parses a
 * whole document into a tree of values.  Numbers are kept as doubles
 * (exact for integers up to 2^53).  Errors say where parsing stopped, so
 * that a truncated or foreign file gets a precise one-line message.
 */
#ifndef GMEMTRACE_JSON_READER_H
#define GMEMTRACE_JSON_READER_H

#include <stdbool.h>
#include <stddef.h>

enum jv_type { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
	enum jv_type type;
	bool b;
	double num;
	char *str;		/* JV_STRING; a key for members of an object */
	char *key;		/* set on members of an object */
	struct jv *items;	/* JV_ARRAY, JV_OBJECT: @n items */
	size_t n;
	size_t cap;		/* allocated items */
};

/*
 * Parse @len bytes of @text.  Returns the root, or NULL with a message
 * ("line 3, column 7: expected ',' or '}'") in @err.
 */
struct jv *jv_parse(const char *text, size_t len, char *err, size_t err_len);
void jv_free(struct jv *v);

/* Member @key of object @v, or NULL (also when @v is not an object). */
const struct jv *jv_get(const struct jv *v, const char *key);
/* Its number, or @def when missing or not a number. */
double jv_num(const struct jv *v, const char *key, double def);
/* Its string, or NULL. */
const char *jv_str(const struct jv *v, const char *key);

#endif
