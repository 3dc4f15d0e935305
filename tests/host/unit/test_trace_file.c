// SPDX-License-Identifier: GPL-2.0
/*
 * tools/gmemtrace/trace_file.c: the trace file of trace -w and trace -r.
 * A file is written into a temporary file, then read back from memory
 * whole, cut short and altered.
 *
 *   test_trace_file          the checks (from the top of the sources)
 *   test_trace_file FILE     write the sample file to FILE instead (how
 *                            tests/host/fixtures/trace-v1.gmt was made)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "events.h"
#include "trace_file.h"
#include "unit.h"

#define NR_SAMPLE	(sizeof(sample) / sizeof(sample[0]))
#define FIXTURE		"tests/host/fixtures/trace-v1.gmt"

/* A bit of everything: two VMs, a kworker, filters to tell them apart. */
static const struct gmt_event sample[] = {
	{ .ts = 1000000000, .type = GMT_EV_CREATE, .size = 0x400000, .vm_pid = 1000, .ino = 11,
	  .pid = 1000, .tid = 1000, .comm = "gmem-workload" },
	{ .ts = 1000412000, .type = GMT_EV_BIND, .slot = 1, .gfn = 0x100, .npages = 512,
	  .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1000, .comm = "gmem-workload" },
	{ .ts = 1001037000, .type = GMT_EV_ALLOCATE, .end = 0x100, .dur_ns = 183262,
	  .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1000, .comm = "gmem-workload" },
	{ .ts = 1002581000, .type = GMT_EV_GET_PFN, .gfn = 0x100, .pfn = 0x11a400,
	  .dur_ns = 3914, .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1002, .cpu = 1,
	  .comm = "gmem-workload" },
	{ .ts = 1003120000, .type = GMT_EV_INVALIDATE_BEGIN, .start = 0x10, .end = 0x20,
	  .filter = GMT_FILTER_SHARED, .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1000,
	  .comm = "gmem-workload" },
	{ .ts = 1003188000, .type = GMT_EV_INVALIDATE_END, .start = 0x10, .end = 0x20,
	  .nr_slots = 1, .dur_ns = 68517, .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1000,
	  .comm = "gmem-workload" },
	{ .ts = 1004000000, .type = GMT_EV_CONVERT_END, .start = 0x4, .end = 0x8, .to_private = 1,
	  .ret = -1, .index = 0x4, .verdict = GMT_VERDICT_DENY, .policy = "deny_range",
	  .dur_ns = 5000, .vm_pid = 1000, .ino = 11, .pid = 1000, .tid = 1000,
	  .comm = "gmem-workload" },
	{ .ts = 1005000000, .type = GMT_EV_CREATE, .size = 0x10000, .flags = 3, .vm_pid = 2000,
	  .ino = 22, .pid = 2000, .tid = 2000, .comm = "qemu-system-x86" },
	{ .ts = 1005500000, .type = GMT_EV_FAULT_USER, .pfn = 0x2000, .flags = 0x100,
	  .dur_ns = 1500, .vm_pid = 2000, .ino = 22, .pid = 2000, .tid = 2001, .cpu = 1,
	  .comm = "qemu-system-x86" },
	{ .ts = 1006000000, .type = GMT_EV_MERGE, .pfn = 0x200000, .order = 9,
	  .reason = GMT_REASON_UNIFORM, .dur_ns = 20000, .ino = 22, .pid = 77, .tid = 77,
	  .comm = "kworker/0:1" },
	{ .ts = 1007000000, .type = GMT_EV_ARCH_RECLAIM, .pfn = 0x11a400, .npages = 1,
	  .vm_pid = 1000, .pid = 1000, .tid = 1000, .comm = "gmem-workload" },
	{ .ts = 1008000000, .type = GMT_EV_RELEASE, .vm_pid = 1000, .ino = 11, .pid = 1000,
	  .tid = 1000, .comm = "gmem-workload" },
};

#define RELEASE		"7.3.4-gmemtrace-00032-g1f0b0c6d7e21"
#define TOOL		"0.14.0 (commit 86bf13068797)"
#define START_NS	999000000ULL
#define START_REAL_NS	1764000000123456789ULL
#define END_NS		1009000000ULL

/* A whole file, in memory. */
struct file {
	char *buf;
	size_t len;
};

/* A header as trace -w makes one, with fixed times and names. */
static void make_header(struct gmt_tf_header *h, bool filters)
{
	gmt_tf_header_init(h);
	h->start_ns = START_NS;
	h->start_realtime_ns = START_REAL_NS;
	h->source = GMT_SRC_TRACEPOINT;
	h->filter.events = GMT_EV_ALL;
	h->buffer_mb = 8;
	snprintf(h->release, sizeof(h->release), "%s", RELEASE);
	snprintf(h->tool, sizeof(h->tool), "%s", TOOL);
	if (filters) {
		h->filter.events = GMT_EV_BIT(GMT_EV_GET_PFN) | GMT_EV_BIT(GMT_EV_BIND);
		h->filter.ino = 11;
		h->filter.tgid = 1000;
		h->filter.vm_pid = 1000;
		h->buffer_mb = 64;
		h->flags = GMT_TF_FENTRY;
		h->source = GMT_SRC_FENTRY;
	}
}

/* Write @h and @n records (sample[] over and over) to @fd: 0 or -errno. */
static int write_file(int fd, const struct gmt_tf_header *h, unsigned long n,
		      unsigned long long lost)
{
	struct gmt_tf_writer w;
	unsigned long i;
	int err;

	err = gmt_tf_writer_init(&w, fd);
	if (err)
		return err;
	err = gmt_tf_write_header(&w, h);
	for (i = 0; i < n && !err; i++)
		err = gmt_tf_write_record(&w, &sample[i % NR_SAMPLE]);
	err = err ?: gmt_tf_write_end(&w, lost, END_NS);
	gmt_tf_writer_free(&w);
	return err;
}

/* The file written as write_file() does, read back whole. */
static struct file make_file(const struct gmt_tf_header *h, unsigned long n,
			     unsigned long long lost)
{
	struct file f = { 0 };
	FILE *tmp = tmpfile();
	long size;

	if (!tmp || write_file(fileno(tmp), h, n, lost) || (size = lseek(fileno(tmp), 0, SEEK_END)) < 0) {
		printf("FAIL unit:trace_file:setup: %s\n", strerror(errno));
		exit(1);
	}
	f.len = size;
	f.buf = malloc(f.len);
	if (!f.buf || pread(fileno(tmp), f.buf, f.len, 0) != size) {
		printf("FAIL unit:trace_file:setup: read back\n");
		exit(1);
	}
	fclose(tmp);
	return f;
}

/*
 * Read the first @len bytes of @f: the header, then every record, checked
 * against sample[] ("records ok" in @how when all match).  Returns the
 * reader's last error ("" when the file was read to its end) and the
 * number of records in *@nr.
 */
static const char *read_file(struct gmt_tf_reader *r, const struct file *f, size_t len,
			     unsigned long long *nr, char *how, size_t how_len)
{
	FILE *in = len ? fmemopen(f->buf, len, "r") : fopen("/dev/null", "r");
	struct gmt_event e;
	bool same = true;
	int ret;

	*nr = 0;
	snprintf(how, how_len, "records ok");
	if (gmt_tf_read_header(r, in)) {
		fclose(in);
		return r->err;
	}
	while ((ret = gmt_tf_read_record(r, &e)) > 0) {
		if (same && memcmp(&e, &sample[*nr % NR_SAMPLE], sizeof(e))) {
			snprintf(how, how_len, "record %llu differs", *nr);
			same = false;
		}
		++*nr;
	}
	fclose(in);
	return ret < 0 ? r->err : "";
}

static void check_header(const struct gmt_tf_reader *r, const struct gmt_tf_header *want)
{
	const struct gmt_tf_header *h = &r->h;
	unsigned int size = sizeof(*h) + GMT_EV_MAX * 40 + gmt_tf_nr_fields * 40;
	char name[64], got[GMT_TF_NAME_LEN + 16], want_ev[GMT_TF_NAME_LEN + 16];
	unsigned int i;

	CHECK_STR("trace_file:magic", memcmp(h->magic, "GMTTRACE", 8) ? "bad" : "GMTTRACE",
		  "GMTTRACE");
	CHECK_U64("trace_file:version", h->version, 1);
	CHECK_U64("trace_file:byte-order", h->byte_order, 0x01020304);
	CHECK_U64("trace_file:header-size", h->header_size, size);
	CHECK_U64("trace_file:record-size", h->record_size, sizeof(struct gmt_event));
	CHECK_U64("trace_file:nr-events", h->nr_events, GMT_EV_MAX);
	CHECK_U64("trace_file:events-off", h->events_off, sizeof(*h));
	CHECK_U64("trace_file:nr-fields", h->nr_fields, gmt_tf_nr_fields);
	CHECK_U64("trace_file:fields-off", h->fields_off, sizeof(*h) + GMT_EV_MAX * 40);
	CHECK_U64("trace_file:clock", h->clock, CLOCK_MONOTONIC);
	CHECK_U64("trace_file:source", h->source, want->source);
	CHECK_U64("trace_file:start-ns", h->start_ns, START_NS);
	CHECK_U64("trace_file:start-realtime-ns", h->start_realtime_ns, START_REAL_NS);
	CHECK_U64("trace_file:filter-events", h->filter.events, want->filter.events);
	CHECK_U64("trace_file:filter-ino", h->filter.ino, want->filter.ino);
	CHECK_U64("trace_file:filter-tgid", h->filter.tgid, want->filter.tgid);
	CHECK_U64("trace_file:filter-vm-pid", h->filter.vm_pid, want->filter.vm_pid);
	CHECK_U64("trace_file:buffer-mb", h->buffer_mb, want->buffer_mb);
	CHECK_U64("trace_file:flags", h->flags, want->flags);
	CHECK_STR("trace_file:release", h->release, RELEASE);
	CHECK_STR("trace_file:tool", h->tool, TOOL);
	/* The event table: every event, its id and whether it is timed. */
	for (i = 0; i < h->nr_events && i < GMT_EV_MAX; i++) {
		snprintf(name, sizeof(name), "trace_file:event-%u", i);
		snprintf(got, sizeof(got), "%s=%u%s", r->events[i].name, r->events[i].id,
			 r->events[i].timed ? ",timed" : "");
		snprintf(want_ev, sizeof(want_ev), "%s=%u%s", gmt_events[i].name, i,
			 gmt_events[i].timed ? ",timed" : "");
		CHECK_STR(name, got, want_ev);
	}
	/* The layout: the table this build writes. */
	CHECK_STR("trace_file:fields", memcmp(r->fields, gmt_tf_fields,
					      gmt_tf_nr_fields * sizeof(*r->fields)) ? "differ" : "same",
		  "same");
}

/* gmt_tf_fields[] lists every member of struct gmt_event, in order, once. */
static void check_layout(void)
{
	unsigned int i, end = 0, gaps = 0;

	for (i = 0; i < gmt_tf_nr_fields; i++) {
		gaps += gmt_tf_fields[i].offset != end;
		end = gmt_tf_fields[i].offset + gmt_tf_fields[i].size;
	}
	CHECK_U64("trace_file:layout-no-gaps", gaps, 0);
	CHECK_U64("trace_file:layout-covers-record", end, sizeof(struct gmt_event));
	CHECK_U64("trace_file:record-size-v1", sizeof(struct gmt_event), GMT_TF_MIN_RECORD);
}

/* The first record's offset, and the trailer's. */
static size_t data_off(const struct file *f)
{
	return ((const struct gmt_tf_header *)f->buf)->header_size + sizeof(struct gmt_tf_block);
}

/* Read @len bytes of @f: "N records; ERROR". */
static const char *cut(const struct file *f, size_t len)
{
	static char out[512];
	struct gmt_tf_reader r;
	unsigned long long nr;
	char how[64];
	const char *err = read_file(&r, f, len, &nr, how, sizeof(how));

	snprintf(out, sizeof(out), "%llu records, %s; %s", nr, how, err);
	gmt_tf_reader_free(&r);
	return out;
}

static void check_truncated(const struct file *f)
{
	size_t d = data_off(f), h = d - sizeof(struct gmt_tf_block);
	size_t end = d + NR_SAMPLE * sizeof(struct gmt_event);
	char want[256];

	CHECK_STR("trace_file:empty", cut(f, 0), "0 records, records ok; empty file");
	CHECK_STR("trace_file:cut-in-magic", cut(f, 5),
		  "0 records, records ok; truncated in the header: 5 bytes ignored");
	CHECK_STR("trace_file:cut-in-header", cut(f, 100),
		  "0 records, records ok; truncated in the header: 100 bytes ignored");
	snprintf(want, sizeof(want), "0 records, records ok; truncated in the header: %zu bytes ignored",
		 h - 1);
	CHECK_STR("trace_file:cut-in-tables", cut(f, h - 1), want);
	CHECK_STR("trace_file:cut-after-header", cut(f, h),
		  "0 records, records ok; truncated after 0 records: no trailer");
	CHECK_STR("trace_file:cut-in-block-header", cut(f, h + 3),
		  "0 records, records ok; truncated after 0 records: 3 bytes of a block header ignored");
	CHECK_STR("trace_file:cut-in-record", cut(f, d + 2 * sizeof(struct gmt_event) + 56),
		  "2 records, records ok; truncated after 2 records: 56 bytes of a record ignored");
	CHECK_STR("trace_file:cut-after-record", cut(f, d + 5 * sizeof(struct gmt_event)),
		  "5 records, records ok; truncated after 5 records: no trailer");
	snprintf(want, sizeof(want), "%zu records, records ok; truncated after %zu records: no trailer",
		 NR_SAMPLE, NR_SAMPLE);
	CHECK_STR("trace_file:cut-before-end", cut(f, end), want);
	snprintf(want, sizeof(want), "%zu records, records ok; truncated after %zu records: 2 bytes of a block header ignored",
		 NR_SAMPLE, NR_SAMPLE);
	CHECK_STR("trace_file:cut-in-end-block", cut(f, end + 2), want);
	snprintf(want, sizeof(want), "%zu records, records ok; truncated after %zu records: 10 bytes of the trailer ignored",
		 NR_SAMPLE, NR_SAMPLE);
	CHECK_STR("trace_file:cut-in-trailer", cut(f, end + 8 + 10), want);
}

/* @f altered: @len bytes at @off replaced by @bytes. */
static struct file patch(const struct file *f, size_t off, const void *bytes, size_t len)
{
	struct file g = { malloc(f->len), f->len };

	memcpy(g.buf, f->buf, f->len);
	memcpy(g.buf + off, bytes, len);
	return g;
}

static void check_refused(const struct file *f)
{
	unsigned int v2 = 2, swapped = 0x04030201, bad_size = 4;
	size_t fields = ((const struct gmt_tf_header *)f->buf)->fields_off;
	struct file g;

	g = patch(f, 0, "GMTRACE!", 8);
	CHECK_STR("trace_file:bad-magic", cut(&g, g.len),
		  "0 records, records ok; not a gmemtrace trace file (bad magic)");
	CHECK_STR("trace_file:short-bad-magic", cut(&g, 7),
		  "0 records, records ok; not a gmemtrace trace file (bad magic)");
	free(g.buf);
	g = patch(f, offsetof(struct gmt_tf_header, version), &v2, 4);
	CHECK_STR("trace_file:newer-version", cut(&g, g.len),
		  "0 records, records ok; trace file version 2, this gmemtrace reads version 1");
	free(g.buf);
	g = patch(f, offsetof(struct gmt_tf_header, byte_order), &swapped, 4);
	CHECK_STR("trace_file:other-byte-order", cut(&g, g.len),
		  "0 records, records ok; written on a machine of the other byte order");
	free(g.buf);
	/* The first field (ts) said to be 4 bytes. */
	g = patch(f, fields + offsetof(struct gmt_tf_field, size), &bad_size, 4);
	CHECK_STR("trace_file:field-size", cut(&g, g.len),
		  "0 records, records ok; field 'ts' is 4 bytes, this gmemtrace's is 8");
	free(g.buf);
}

static void check_ends(const struct file *f)
{
	unsigned long long thirteen = 13;
	struct file g = { malloc(f->len + 3), f->len + 3 };
	char want[128];

	memcpy(g.buf, f->buf, f->len);
	memcpy(g.buf + f->len, "abc", 3);
	snprintf(want, sizeof(want), "%zu records, records ok; 3 bytes after the trailer", NR_SAMPLE);
	CHECK_STR("trace_file:bytes-after-trailer", cut(&g, g.len), want);
	free(g.buf);
	/* The trailer's count is its first member. */
	g = patch(f, f->len - sizeof(struct gmt_tf_trailer), &thirteen, 8);
	snprintf(want, sizeof(want), "%zu records, records ok; the trailer counts 13 records, the file has %zu",
		 NR_SAMPLE, NR_SAMPLE);
	CHECK_STR("trace_file:trailer-count", cut(&g, g.len), want);
	free(g.buf);
}

/* Index of member @name in the file's field table. */
static size_t field_entry(const struct file *f, const char *name)
{
	const struct gmt_tf_header *h = (const void *)f->buf;
	unsigned int i;

	for (i = 0; i < h->nr_fields; i++)
		if (!strcmp(f->buf + h->fields_off + i * sizeof(struct gmt_tf_field), name))
			return h->fields_off + i * sizeof(struct gmt_tf_field);
	return 0;
}

/*
 * Another layout: a file whose records have gfn and pfn swapped (as its
 * table says) reads as ours; a member the file lacks reads as 0; an event
 * this build does not know is counted and typed GMT_EV_MAX.
 */
static void check_other_layout(const struct file *f)
{
	size_t gfn = field_entry(f, "gfn"), pfn = field_entry(f, "pfn");
	size_t bind = ((const struct gmt_tf_header *)f->buf)->events_off +
		      GMT_EV_BIND * sizeof(struct gmt_tf_event);
	struct file g = { malloc(f->len), f->len };
	struct gmt_tf_reader r;
	struct gmt_event e;
	unsigned long long a, b, nr = 0, unknown_types = 0, moved_ok = 0;
	size_t i, at;
	FILE *in;
	__u32 off;

	memcpy(g.buf, f->buf, f->len);
	/* Swap the offsets in the table, and the values in every record. */
	memcpy(&off, g.buf + gfn + 32, 4);
	memcpy(g.buf + gfn + 32, g.buf + pfn + 32, 4);
	memcpy(g.buf + pfn + 32, &off, 4);
	for (i = 0; i < NR_SAMPLE; i++) {
		at = data_off(f) + i * sizeof(struct gmt_event);
		memcpy(&a, g.buf + at + offsetof(struct gmt_event, gfn), 8);
		memcpy(&b, g.buf + at + offsetof(struct gmt_event, pfn), 8);
		memcpy(g.buf + at + offsetof(struct gmt_event, gfn), &b, 8);
		memcpy(g.buf + at + offsetof(struct gmt_event, pfn), &a, 8);
	}
	/* No member "comm" (renamed), and no event "bind" (renamed). */
	memcpy(g.buf + field_entry(f, "comm"), "zzz", 4);
	memcpy(g.buf + bind, "frob", 5);

	in = fmemopen(g.buf, g.len, "r");
	CHECK_STR("trace_file:layout-header", gmt_tf_read_header(&r, in) ? r.err : "", "");
	CHECK_STR("trace_file:layout-not-same", r.same_layout ? "same" : "other", "other");
	while (gmt_tf_read_record(&r, &e) > 0) {
		const struct gmt_event *s = &sample[nr++];

		if (s->type == GMT_EV_BIND) {
			unknown_types += e.type == GMT_EV_MAX;
			continue;
		}
		moved_ok += e.gfn == s->gfn && e.pfn == s->pfn && !e.comm[0] && e.ts == s->ts &&
			    e.type == s->type && e.vm_pid == s->vm_pid && e.dur_ns == s->dur_ns;
	}
	CHECK_STR("trace_file:layout-end", r.err, "");
	CHECK_U64("trace_file:layout-records", nr, NR_SAMPLE);
	CHECK_U64("trace_file:layout-moved-fields", moved_ok, NR_SAMPLE - 1);
	CHECK_U64("trace_file:layout-unknown-event", unknown_types, 1);
	CHECK_U64("trace_file:layout-nr-unknown", r.nr_unknown, 1);
	gmt_tf_reader_free(&r);
	fclose(in);
	free(g.buf);
}

/*
 * The file of version 1 in the sources, written by the first writer from
 * sample[] (which must therefore stay as it is): every later gmemtrace
 * reads it as that one did.  The path is from the top of the sources,
 * where tests/host/test_units.sh runs the tests.
 */
static void check_fixture(void)
{
	struct gmt_tf_reader r = { 0 };
	struct file f = { 0 };
	unsigned long long nr;
	char how[64];
	FILE *in = fopen(FIXTURE, "r");
	long size;

	if (!in || fseek(in, 0, SEEK_END) || (size = ftell(in)) <= 0) {
		CHECK_STR("trace_file:fixture-v1", strerror(errno), "readable");
		if (in)
			fclose(in);
		return;
	}
	f.len = size;
	f.buf = malloc(f.len);
	rewind(in);
	if (!f.buf || fread(f.buf, 1, f.len, in) != f.len)
		f.len = 0;
	fclose(in);
	CHECK_STR("trace_file:fixture-v1", read_file(&r, &f, f.len, &nr, how, sizeof(how)), "");
	CHECK_STR("trace_file:fixture-v1-records-same", how, "records ok");
	CHECK_U64("trace_file:fixture-v1-records", nr, NR_SAMPLE);
	CHECK_STR("trace_file:fixture-v1-release", r.h.release, RELEASE);
	CHECK_U64("trace_file:fixture-v1-start", r.h.start_realtime_ns, START_REAL_NS);
	CHECK_U64("trace_file:fixture-v1-lost", r.trailer.nr_lost, 0);
	gmt_tf_reader_free(&r);
	free(f.buf);
}

/* More records than one buffer holds: several blocks. */
static void check_blocks(void)
{
	unsigned long n = 3 * (GMT_TF_BUF_SIZE / sizeof(struct gmt_event)) + 17;
	struct gmt_tf_header h;
	struct gmt_tf_reader r;
	unsigned long long nr;
	char how[64];
	struct file f;

	make_header(&h, false);
	f = make_file(&h, n, 0);
	CHECK_STR("trace_file:blocks-read", read_file(&r, &f, f.len, &nr, how, sizeof(how)), "");
	CHECK_STR("trace_file:blocks-records-same", how, "records ok");
	CHECK_U64("trace_file:blocks-records", nr, n);
	CHECK_U64("trace_file:blocks-trailer", r.trailer.nr_records, n);
	/* Four data blocks and the end: 5 block headers. */
	CHECK_U64("trace_file:blocks-size", f.len, r.h.header_size + n * sizeof(struct gmt_event) +
		  5 * sizeof(struct gmt_tf_block) + sizeof(struct gmt_tf_trailer));
	gmt_tf_reader_free(&r);
	free(f.buf);
}

static void check_write_error(void)
{
	struct gmt_tf_header h;
	int fd = open("/dev/full", O_WRONLY);

	make_header(&h, false);
	CHECK_U64("trace_file:write-enospc", fd >= 0 ? -write_file(fd, &h, 3, 0) : 0, ENOSPC);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	struct gmt_tf_header h;
	struct gmt_tf_reader r;
	unsigned long long nr;
	char how[64];
	struct file f;
	int fd;

	if (argc == 2) {
		/* The fixture: every sample record, no filters, 0 lost. */
		make_header(&h, false);
		fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write_file(fd, &h, NR_SAMPLE, 0) || close(fd)) {
			perror(argv[1]);
			return 1;
		}
		return 0;
	}
	check_layout();

	make_header(&h, true);
	f = make_file(&h, NR_SAMPLE, 7);
	CHECK_STR("trace_file:read", read_file(&r, &f, f.len, &nr, how, sizeof(how)), "");
	check_header(&r, &h);
	CHECK_STR("trace_file:records-same", how, "records ok");
	CHECK_U64("trace_file:records", nr, NR_SAMPLE);
	CHECK_U64("trace_file:finished", r.finished, 1);
	CHECK_U64("trace_file:trailer-records", r.trailer.nr_records, NR_SAMPLE);
	CHECK_U64("trace_file:trailer-lost", r.trailer.nr_lost, 7);
	CHECK_U64("trace_file:trailer-end-ns", r.trailer.end_ns, END_NS);
	CHECK_U64("trace_file:unknown", r.nr_unknown, 0);
	CHECK_U64("trace_file:size", f.len, r.h.header_size + 8 + NR_SAMPLE * sizeof(struct gmt_event) +
		  8 + sizeof(struct gmt_tf_trailer));
	gmt_tf_reader_free(&r);

	check_truncated(&f);
	check_refused(&f);
	check_ends(&f);
	check_other_layout(&f);
	free(f.buf);
	check_fixture();
	check_blocks();
	check_write_error();
	return unit_exit();
}
