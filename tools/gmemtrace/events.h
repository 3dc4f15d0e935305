/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event table: names, groups for -e, and which fields of struct
 * gmt_event each event uses, so that text and JSON output come from one
 * description.
 */
#ifndef GMT_EVENTS_H
#define GMT_EVENTS_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

#include "gmemtrace.h"

struct json_writer;

enum gmt_field {
	F_START,
	F_END,
	F_GFN,
	F_INDEX,
	F_PFN,
	F_NPAGES,
	F_ORDER,
	F_SIZE,
	F_CREATE_FLAGS,		/* create's GUEST_MEMFD_FLAG_* */
	F_FAULT_FLAGS,		/* fault_user's FAULT_FLAG_* */
	F_PGOFF,
	F_SLOT,
	F_AS_ID,
	F_FILTER,
	F_NR_SLOTS,
	F_RET,
	F_TO,
	F_ERROR_INDEX,
	F_POLICY,
	F_VERDICT,		/* a conversion's or split's: allow, deny... */
	F_MERGE_VERDICT,	/* a merge's: now, defer, never */
	F_OLD_ORDER,
	F_REASON,
	F_UNIFORM_NS,
	F_MAX,
};

struct gmt_event_desc {
	const char *name;	/* "get_pfn": JSON "event", -e NAME */
	const char *group;	/* "fault": -e GROUP */
	const char *tracepoint;	/* "kvm_gmem_get_pfn" */
	bool timed;		/* carries a duration */
	enum gmt_field fields[8];	/* in output order, ended by F_MAX */
};

extern const struct gmt_event_desc gmt_events[GMT_EV_MAX];

/* Names of the statistics that are not events (enum gmt_stat_type). */
const char *gmt_stat_name(unsigned int type);
/* Whether a statistic carries durations: timed events and arch_lifetime. */
bool gmt_stat_timed(unsigned int type);
/* "tracepoint" or "fentry" for an enum gmt_source, "unknown" for another. */
const char *gmt_source_name(unsigned int source);

/*
 * Parse "-e fault,bind,..." into a mask of GMT_EV_BIT(GMT_EV_*).  Returns 0, or
 * -1 with the offending word in @bad.
 */
int gmt_parse_event_mask(const char *list, __u64 *mask, char *bad, size_t bad_len);

/* "get_pfn gfn=0x100 ..." details of a record, for the text output. */
void gmt_format_fields(const struct gmt_event *e, char *buf, size_t len);

/* The record's fields as JSON members (inside an open object). */
void gmt_json_fields(struct json_writer *jw, const struct gmt_event *e);

/* The list of events and groups, for --help and -e errors. */
void gmt_print_event_list(FILE *f);

#endif
