// SPDX-License-Identifier: GPL-2.0
/* The event table and the formatting of one record's fields. */
#include <stdio.h>
#include <string.h>

#include "events.h"
#include "json_writer.h"

#define FIELDS(...) { __VA_ARGS__ __VA_OPT__(,) F_MAX }
#define GMT_EV_DESC(id, nm, grp, tm, flds) \
	[GMT_EV_##id] = { #nm, #grp, "kvm_gmem_" #nm, tm, flds },

const struct gmt_event_desc gmt_events[GMT_EV_MAX] = {
	GMT_EVENTS(GMT_EV_DESC)
};

static const char *const stat_names[] = {
	[GMT_ST_ARCH_LIFETIME - GMT_EV_MAX] = "arch_lifetime",
};

const char *gmt_stat_name(unsigned int type)
{
	if (type < GMT_EV_MAX)
		return gmt_events[type].name;
	if (type < GMT_ST_MAX)
		return stat_names[type - GMT_EV_MAX];
	return "unknown";
}

bool gmt_stat_timed(unsigned int type)
{
	return type >= GMT_EV_MAX || gmt_events[type].timed;
}

const char *gmt_source_name(unsigned int source)
{
	static const char *const names[] = {
		[GMT_SRC_TRACEPOINT] = "tracepoint",
		[GMT_SRC_FENTRY] = "fentry",
	};

	return source < sizeof(names) / sizeof(names[0]) ? names[source] : "unknown";
}

enum field_fmt { HEX, DEC, SIGNED, SYMBOLIC, STRING };

static const struct {
	const char *name;
	enum field_fmt fmt;
} fields[F_MAX] = {
	[F_START] = { "start", HEX },
	[F_END] = { "end", HEX },
	[F_GFN] = { "gfn", HEX },
	[F_INDEX] = { "index", HEX },
	[F_PFN] = { "pfn", HEX },
	[F_NPAGES] = { "npages", DEC },
	[F_ORDER] = { "order", SIGNED },
	[F_SIZE] = { "size", HEX },
	[F_CREATE_FLAGS] = { "flags", SYMBOLIC },
	[F_FAULT_FLAGS] = { "flags", SYMBOLIC },
	[F_PGOFF] = { "pgoff", HEX },
	[F_SLOT] = { "slot", SIGNED },
	[F_AS_ID] = { "as_id", DEC },
	[F_FILTER] = { "filter", SYMBOLIC },
	[F_NR_SLOTS] = { "nr_slots", DEC },
	[F_RET] = { "ret", SIGNED },
	[F_TO] = { "to", STRING },
	[F_ERROR_INDEX] = { "error_index", HEX },
	[F_POLICY] = { "policy", STRING },
	[F_VERDICT] = { "verdict", STRING },
	[F_MERGE_VERDICT] = { "verdict", STRING },
	[F_OLD_ORDER] = { "old_order", SIGNED },
	[F_REASON] = { "reason", STRING },
	[F_UNIFORM_NS] = { "uniform_ns", DEC },
};

static const char *const verdicts[] = { "none", "allow", "deny", "invalid" };
static const char *const merge_verdicts[] = { "now", "defer", "never", "invalid" };
static const char *const reasons[] = { "convert", "punch", "uniform", "policy" };

/* The value of a STRING field. */
static const char *field_string(const struct gmt_event *e, enum gmt_field f)
{
	switch (f) {
	case F_TO:
		return e->to_private ? "private" : "shared";
	case F_POLICY:
		return e->policy[0] ? e->policy : "-";
	case F_MERGE_VERDICT:
		return e->verdict >= GMT_MERGE_NOW && e->verdict <= GMT_MERGE_INVALID ?
		       merge_verdicts[e->verdict] : "unknown";
	case F_VERDICT:
		if (e->verdict < GMT_VERDICT_NONE || e->verdict > GMT_VERDICT_INVALID)
			return "unknown";
		return verdicts[e->verdict + 1];
	case F_REASON:
		return e->reason <= GMT_REASON_POLICY ? reasons[e->reason] : "unknown";
	default:
		return "";
	}
}

struct flag_name {
	unsigned long long bit;
	const char *name;
};

static const struct flag_name create_flags[] = {
	{ 1ULL << 0, "MMAP" },
	{ 1ULL << 1, "INIT_SHARED" },
	{ 1ULL << 2, "HUGE_PMD" },
	{ 0 }
};

static const struct flag_name fault_flags[] = {
	{ 0x0001, "OOM" }, { 0x0002, "SIGBUS" }, { 0x0004, "MAJOR" },
	{ 0x0010, "HWPOISON" }, { 0x0020, "HWPOISON_LARGE" }, { 0x0040, "SIGSEGV" },
	{ 0x0100, "NOPAGE" }, { 0x0200, "LOCKED" }, { 0x0400, "RETRY" },
	{ 0x0800, "FALLBACK" }, { 0x1000, "DONE_COW" }, { 0x2000, "NEEDDSYNC" },
	{ 0x4000, "COMPLETED" },
	{ 0 }
};

static const struct flag_name filter_flags[] = {
	{ GMT_FILTER_SHARED, "shared" },
	{ GMT_FILTER_PRIVATE, "private" },
	{ 0 }
};

/* "A|B|0x40" for @v; "0" when no bit is set. */
static void flags_str(const struct flag_name *t, unsigned long long v, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; t->name && n < len; t++) {
		if (!(v & t->bit))
			continue;
		n += snprintf(buf + n, len - n, "%s%s", n ? "|" : "", t->name);
		v &= ~t->bit;
	}
	if (v && n < len)
		n += snprintf(buf + n, len - n, "%s%#llx", n ? "|" : "", v);
	if (!n)
		snprintf(buf, len, "0");
}

static long long field_value(const struct gmt_event *e, enum gmt_field f)
{
	switch (f) {
	case F_START: return e->start;
	case F_END: return e->end;
	case F_GFN: return e->gfn;
	case F_INDEX: return e->index;
	case F_PFN: return e->pfn;
	case F_NPAGES: return e->npages;
	case F_ORDER: return e->order;
	case F_SIZE: return e->size;
	case F_CREATE_FLAGS:
	case F_FAULT_FLAGS: return e->flags;
	case F_PGOFF: return e->pgoff;
	case F_SLOT: return e->slot;
	case F_AS_ID: return e->as_id;
	case F_FILTER: return e->filter;
	case F_NR_SLOTS: return e->nr_slots;
	case F_RET: return e->ret;
	case F_ERROR_INDEX: return e->index;
	case F_TO: return e->to_private;
	case F_VERDICT:
	case F_MERGE_VERDICT: return e->verdict;
	case F_OLD_ORDER: return e->old_order;
	case F_REASON: return e->reason;
	case F_UNIFORM_NS: return e->uniform_ns;
	case F_POLICY:
	case F_MAX: break;
	}
	return 0;
}

static void symbolic(const struct gmt_event *e, enum gmt_field f, char *buf, size_t len)
{
	const struct flag_name *t = f == F_CREATE_FLAGS ? create_flags :
				    f == F_FAULT_FLAGS ? fault_flags : filter_flags;

	flags_str(t, field_value(e, f), buf, len);
}

void gmt_format_fields(const struct gmt_event *e, char *buf, size_t len)
{
	const enum gmt_field *f;
	char sym[96];
	size_t n = 0;

	buf[0] = '\0';
	if (e->type >= GMT_EV_MAX)
		return;
	for (f = gmt_events[e->type].fields; *f != F_MAX && n < len; f++) {
		long long v = field_value(e, *f);
		const char *sep = n ? " " : "";

		switch (fields[*f].fmt) {
		case HEX:
			n += snprintf(buf + n, len - n, "%s%s=%#llx", sep, fields[*f].name, v);
			break;
		case DEC:
			n += snprintf(buf + n, len - n, "%s%s=%llu", sep, fields[*f].name,
				      (unsigned long long)v);
			break;
		case SIGNED:
			n += snprintf(buf + n, len - n, "%s%s=%lld", sep, fields[*f].name, v);
			break;
		case SYMBOLIC:
			symbolic(e, *f, sym, sizeof(sym));
			n += snprintf(buf + n, len - n, "%s%s=%s", sep, fields[*f].name, sym);
			break;
		case STRING:
			n += snprintf(buf + n, len - n, "%s%s=%s", sep, fields[*f].name,
				      field_string(e, *f));
			break;
		}
	}
}

void gmt_json_fields(struct json_writer *jw, const struct gmt_event *e)
{
	const enum gmt_field *f;
	char sym[96], key[32];

	if (e->type >= GMT_EV_MAX)
		return;
	for (f = gmt_events[e->type].fields; *f != F_MAX; f++) {
		long long v = field_value(e, *f);

		switch (fields[*f].fmt) {
		case HEX:
		case DEC:
			jw_u64_field(jw, fields[*f].name, v);
			break;
		case SIGNED:
			jw_s64_field(jw, fields[*f].name, v);
			break;
		case SYMBOLIC:
			/* The number, and its names under NAME_str. */
			jw_u64_field(jw, fields[*f].name, v);
			symbolic(e, *f, sym, sizeof(sym));
			snprintf(key, sizeof(key), "%s_str", fields[*f].name);
			jw_string_field(jw, key, sym);
			break;
		case STRING:
			jw_string_field(jw, fields[*f].name, field_string(e, *f));
			break;
		}
	}
}

int gmt_parse_event_mask(const char *list, __u64 *mask, char *bad, size_t bad_len)
{
	char buf[512], *tok, *save = NULL;
	__u64 m = 0;
	int i, hit;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		hit = 0;
		for (i = 0; i < GMT_EV_MAX; i++) {
			if (!strcmp(tok, "all") || !strcmp(tok, gmt_events[i].name) ||
			    !strcmp(tok, gmt_events[i].group) ||
			    !strcmp(tok, gmt_events[i].tracepoint)) {
				m |= GMT_EV_BIT(i);
				hit = 1;
			}
		}
		if (!hit) {
			snprintf(bad, bad_len, "%s", tok);
			return -1;
		}
	}
	if (!m) {
		snprintf(bad, bad_len, "%s", list);
		return -1;
	}
	*mask = m;
	return 0;
}

void gmt_print_event_list(FILE *f)
{
	const char *last = NULL;
	int i, j;

	for (i = 0; i < GMT_EV_MAX; i++) {
		const char *g = gmt_events[i].group;

		for (j = 0; j < i; j++)
			if (!strcmp(gmt_events[j].group, g))
				break;
		if (j < i)
			continue;
		fprintf(f, "  %-16s", g);
		last = "";
		for (j = i; j < GMT_EV_MAX; j++) {
			if (strcmp(gmt_events[j].group, g))
				continue;
			fprintf(f, "%s%s", last, gmt_events[j].name);
			last = ",";
		}
		fputc('\n', f);
	}
}
