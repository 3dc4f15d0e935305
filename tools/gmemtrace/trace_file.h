/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace file: what 'gmemtrace trace -w FILE' writes and 'gmemtrace
 * trace -r FILE' reads.  The ring buffer's records as they came, after a
 * header that says how to read them:
 *
 *	struct gmt_tf_header		magic, version, sizes, clock, kernel,
 *					tool, filters
 *	struct gmt_tf_event[]		the event table: id and name of each
 *	struct gmt_tf_field[]		struct gmt_event's layout: name,
 *					offset and size of each member
 *	blocks, each a struct gmt_tf_block and its size bytes:
 *	  GMT_TF_DATA			records, record_size bytes each
 *	  GMT_TF_END			struct gmt_tf_trailer; the last block
 *
 * Integers are in the writer's byte order (byte_order says which); sizes
 * and offsets are in bytes, offsets from the start of the file.  A
 * reader maps the file's event ids to its own by name and copies each
 * member it knows from the file's offset (one it does not find is 0), so
 * that events and members may be added without a new version; records
 * and the header only grow at their end.  A file without its END block
 * was not finished: its writer was killed, or the file was cut short.
 * docs/man/gmemtrace-trace.rst, TRACE FILE, says the same for users.
 */
#ifndef GMT_TRACE_FILE_H
#define GMT_TRACE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

#include "gmemtrace.h"

#define GMT_TF_MAGIC		"GMTTRACE"	/* 8 bytes, no NUL */
#define GMT_TF_VERSION		1
#define GMT_TF_BYTE_ORDER	0x01020304U	/* as the writer stores it */
/* sizeof(struct gmt_event) in version 1: the smallest record. */
#define GMT_TF_MIN_RECORD	200
#define GMT_TF_MAX_RECORD	4096
#define GMT_TF_MAX_HEADER	(1 << 20)
#define GMT_TF_NAME_LEN		32
/* The writer's buffer: one block, written when full and at the end. */
#define GMT_TF_BUF_SIZE		(1 << 20)

/* @flags */
#define GMT_TF_FENTRY		(1U << 0)	/* --fentry was given */
#define GMT_TF_ARCH		(1U << 1)	/* -A was given */

struct gmt_tf_header {
	char magic[8];			/* GMT_TF_MAGIC */
	__u32 version;			/* GMT_TF_VERSION */
	__u32 byte_order;		/* GMT_TF_BYTE_ORDER */
	__u32 header_size;		/* all of it, tables included: where blocks start */
	__u32 record_size;		/* sizeof(struct gmt_event) */
	__u32 nr_events;		/* the event table, */
	__u32 events_off;		/* struct gmt_tf_event[nr_events] here */
	__u32 nr_fields;		/* the record's layout, */
	__u32 fields_off;		/* struct gmt_tf_field[nr_fields] here */
	__u32 clock;			/* the records' ts: CLOCK_MONOTONIC */
	__u32 source;			/* enum gmt_source */
	__u64 start_ns;			/* @clock when tracing started, */
	__u64 start_realtime_ns;	/* and CLOCK_REALTIME at the same time */
	/* -e (GMT_EV_BIT()s of the table's ids), -i, -p, -m: 8, 8, 4, 4 bytes */
	struct gmt_filter filter;
	__u32 buffer_mb;		/* -b: the ring buffer's size, MiB */
	__u32 flags;			/* GMT_TF_* */
	char release[72];		/* uname -r of the traced kernel */
	char tool[72];			/* the writer: "0.14.0 (commit 86bf13068797)" */
};

struct gmt_tf_event {
	char name[GMT_TF_NAME_LEN];	/* "get_pfn", NUL-padded */
	__u32 id;			/* its records' type, below 64 */
	__u32 timed;			/* 1: its records carry dur_ns */
};

struct gmt_tf_field {
	char name[GMT_TF_NAME_LEN];	/* a member of struct gmt_event: "pfn" */
	__u32 offset;
	__u32 size;
};

enum gmt_tf_block_type {
	GMT_TF_DATA = 1,
	GMT_TF_END = 2,
};

struct gmt_tf_block {
	__u32 type;			/* enum gmt_tf_block_type */
	__u32 size;			/* bytes after this */
};

struct gmt_tf_trailer {
	__u64 nr_records;		/* records written */
	__u64 nr_lost;			/* events the ring buffer had no room for */
	__u64 end_ns;			/* @clock when tracing ended */
};

/* The members of struct gmt_event, in order: what the file's layout lists. */
extern const struct gmt_tf_field gmt_tf_fields[];
extern const unsigned int gmt_tf_nr_fields;

/*
 * A header for this build and machine: magic, version, byte order,
 * record size, clock and both start times, kernel release.  The caller
 * adds the source, filter, buffer size, flags and tool.
 */
void gmt_tf_header_init(struct gmt_tf_header *h);

/* Writing: a buffer of records, written out in blocks. */
struct gmt_tf_writer {
	int fd;
	char *buf;			/* a block: its gmt_tf_block, then records */
	size_t len;			/* bytes in buf */
	unsigned long long nr_records;
	unsigned long long bytes;	/* written to fd */
};

/* 0, or -ENOMEM. */
int gmt_tf_writer_init(struct gmt_tf_writer *w, int fd);
void gmt_tf_writer_free(struct gmt_tf_writer *w);
/* @h (header_size, tables and their offsets are filled in), then the tables; 0 or -errno. */
int gmt_tf_write_header(struct gmt_tf_writer *w, const struct gmt_tf_header *h);
/* A record into the buffer, the buffer to the file when full: 0 or -errno. */
int gmt_tf_write_record(struct gmt_tf_writer *w, const struct gmt_event *e);
/* What the buffer holds, then the END block: 0 or -errno. */
int gmt_tf_write_end(struct gmt_tf_writer *w, unsigned long long nr_lost,
		     unsigned long long end_ns);

/* Reading. */
struct gmt_tf_reader {
	FILE *f;
	struct gmt_tf_header h;		/* the file's, its strings ended */
	struct gmt_tf_event events[64];	/* the file's table, by position */
	struct gmt_tf_field *fields;	/* the file's layout (h.nr_fields) */
	struct gmt_tf_trailer trailer;	/* once finished */
	bool finished;			/* the END block was read */
	unsigned long long off;		/* bytes read */
	unsigned long long nr_records;	/* records read */
	unsigned long long nr_unknown;	/* of them, of events this gmemtrace does not know */
	/* private */
	unsigned int data_left;		/* bytes of records left in the block */
	unsigned char type_map[64];	/* the file's id -> GMT_EV_*, GMT_EV_MAX if unknown */
	int field_off[64];		/* gmt_tf_fields[i] in the file's record, -1: absent */
	bool same_layout;		/* the file's record starts as ours */
	unsigned char *rec;		/* one record of the file */
	char err[256];			/* why the last call failed */
};

/*
 * Read and check the header of @f: 0, or -1 with one line in @r->err
 * ("empty file", "not a gmemtrace trace file (bad magic)", "truncated
 * in the header: N bytes ignored", "trace file version 2, this
 * gmemtrace reads version 1", ...).
 */
int gmt_tf_read_header(struct gmt_tf_reader *r, FILE *f);
/*
 * The next record, as this gmemtrace's struct gmt_event, in @e: 1; 0 at
 * the end, after the trailer (which must count the records read); -1 with
 * one line in @r->err: a truncated file ("truncated after N records: B
 * bytes of a record ignored", "truncated after N records: no trailer"),
 * a corrupt block, bytes after the trailer, a read error.  A record of
 * an event this gmemtrace does not know has type GMT_EV_MAX and is counted
 * in nr_unknown.
 */
int gmt_tf_read_record(struct gmt_tf_reader *r, struct gmt_event *e);
/* After gmt_tf_read_header(), whatever it returned. */
void gmt_tf_reader_free(struct gmt_tf_reader *r);

#endif
