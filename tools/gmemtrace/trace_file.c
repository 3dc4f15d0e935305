// SPDX-License-Identifier: GPL-2.0
/* The trace file of trace -w and trace -r: writing and reading it (trace_file.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "events.h"
#include "trace_file.h"

#define FIELD(m) { #m, offsetof(struct gmt_event, m), sizeof(((struct gmt_event *)0)->m) }

const struct gmt_tf_field gmt_tf_fields[] = {
	FIELD(ts), FIELD(ino), FIELD(dur_ns), FIELD(start), FIELD(end), FIELD(gfn),
	FIELD(index), FIELD(pfn), FIELD(npages), FIELD(size), FIELD(flags), FIELD(pgoff),
	FIELD(vm_pid), FIELD(ret), FIELD(order), FIELD(slot), FIELD(as_id), FIELD(filter),
	FIELD(nr_slots), FIELD(type), FIELD(pid), FIELD(tid), FIELD(cpu), FIELD(source),
	FIELD(to_private), FIELD(verdict), FIELD(comm), FIELD(policy), FIELD(uniform_ns),
	FIELD(old_order), FIELD(reason),
};

#define NR_FIELDS	(sizeof(gmt_tf_fields) / sizeof(gmt_tf_fields[0]))
const unsigned int gmt_tf_nr_fields = NR_FIELDS;

_Static_assert(NR_FIELDS <= 64, "field_off[] of struct gmt_tf_reader");
_Static_assert(sizeof(struct gmt_event) >= GMT_TF_MIN_RECORD, "records only grow");
_Static_assert(sizeof(struct gmt_filter) == 24 && sizeof(struct gmt_tf_header) == 240,
	       "the header of version 1");
_Static_assert(sizeof(struct gmt_tf_event) == 40 && sizeof(struct gmt_tf_field) == 40 &&
	       sizeof(struct gmt_tf_block) == 8 && sizeof(struct gmt_tf_trailer) == 24,
	       "the file's structures of version 1");

static unsigned long long ns_of(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void gmt_tf_header_init(struct gmt_tf_header *h)
{
	unsigned long long before, after;
	struct utsname u;

	memset(h, 0, sizeof(*h));
	memcpy(h->magic, GMT_TF_MAGIC, sizeof(h->magic));
	h->version = GMT_TF_VERSION;
	h->byte_order = GMT_TF_BYTE_ORDER;
	h->record_size = sizeof(struct gmt_event);
	h->clock = CLOCK_MONOTONIC;	/* bpf_ktime_get_ns() */
	/* The realtime reading, and the monotonic time halfway around it. */
	before = ns_of(CLOCK_MONOTONIC);
	h->start_realtime_ns = ns_of(CLOCK_REALTIME);
	after = ns_of(CLOCK_MONOTONIC);
	h->start_ns = before + (after - before) / 2;
	if (!uname(&u))
		snprintf(h->release, sizeof(h->release), "%s", u.release);
}

/* ---- writing ---- */

int gmt_tf_writer_init(struct gmt_tf_writer *w, int fd)
{
	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->buf = malloc(GMT_TF_BUF_SIZE);
	if (!w->buf)
		return -ENOMEM;
	w->len = sizeof(struct gmt_tf_block);
	return 0;
}

void gmt_tf_writer_free(struct gmt_tf_writer *w)
{
	free(w->buf);
	w->buf = NULL;
}

static int write_all(struct gmt_tf_writer *w, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(w->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= n;
		w->bytes += n;
	}
	return 0;
}

int gmt_tf_write_header(struct gmt_tf_writer *w, const struct gmt_tf_header *in)
{
	size_t ev_size = GMT_EV_MAX * sizeof(struct gmt_tf_event);
	size_t size = sizeof(*in) + ev_size + NR_FIELDS * sizeof(struct gmt_tf_field);
	struct gmt_tf_header *h;
	struct gmt_tf_event *ev;
	char *buf;
	int i, err;

	buf = calloc(1, size);
	if (!buf)
		return -ENOMEM;
	h = (struct gmt_tf_header *)buf;
	*h = *in;
	h->header_size = size;
	h->nr_events = GMT_EV_MAX;
	h->events_off = sizeof(*h);
	h->nr_fields = NR_FIELDS;
	h->fields_off = sizeof(*h) + ev_size;
	ev = (struct gmt_tf_event *)(buf + h->events_off);
	for (i = 0; i < GMT_EV_MAX; i++) {
		snprintf(ev[i].name, sizeof(ev[i].name), "%s", gmt_events[i].name);
		ev[i].id = i;
		ev[i].timed = gmt_events[i].timed;
	}
	memcpy(buf + h->fields_off, gmt_tf_fields, sizeof(gmt_tf_fields));
	err = write_all(w, buf, size);
	free(buf);
	return err;
}

/* The records in the buffer, as one DATA block. */
static int flush(struct gmt_tf_writer *w)
{
	struct gmt_tf_block b = { GMT_TF_DATA, w->len - sizeof(b) };
	int err;

	if (w->len == sizeof(b))
		return 0;
	memcpy(w->buf, &b, sizeof(b));
	err = write_all(w, w->buf, w->len);
	w->len = sizeof(b);
	return err;
}

int gmt_tf_write_record(struct gmt_tf_writer *w, const struct gmt_event *e)
{
	int err;

	if (w->len + sizeof(*e) > GMT_TF_BUF_SIZE) {
		err = flush(w);
		if (err)
			return err;
	}
	memcpy(w->buf + w->len, e, sizeof(*e));
	w->len += sizeof(*e);
	w->nr_records++;
	return 0;
}

int gmt_tf_write_end(struct gmt_tf_writer *w, unsigned long long nr_lost,
		     unsigned long long end_ns)
{
	struct {
		struct gmt_tf_block b;
		struct gmt_tf_trailer t;
	} end = {
		{ GMT_TF_END, sizeof(end.t) },
		{ w->nr_records, nr_lost, end_ns },
	};
	int err;

	err = flush(w);
	return err ?: write_all(w, &end, sizeof(end));
}

/* ---- reading ---- */

/* What every version begins with: magic, version, byte order. */
#define PREFIX	offsetof(struct gmt_tf_header, header_size)

static int fail(struct gmt_tf_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct gmt_tf_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * @len bytes into @buf: 0; 1 when the file ends first (*@got bytes read);
 * -1 after a read error (said in @r->err).
 */
static int read_exact(struct gmt_tf_reader *r, void *buf, size_t len, size_t *got)
{
	size_t n = fread(buf, 1, len, r->f);

	r->off += n;
	*got = n;
	if (n == len)
		return 0;
	if (ferror(r->f))
		return fail(r, "%s", strerror(errno ?: EIO));
	return 1;
}

/* The rest of the header, @len bytes of it into @buf: 0 or -1. */
static int read_header_part(struct gmt_tf_reader *r, void *buf, size_t len)
{
	size_t got;
	int ret = read_exact(r, buf, len, &got);

	if (ret > 0)
		return fail(r, "truncated in the header: %llu bytes ignored", r->off);
	return ret;
}

/* Check the table offsets of @h against its size. */
static bool table_fits(const struct gmt_tf_header *h, __u32 off, __u32 nr, size_t size)
{
	return off >= sizeof(*h) && off <= h->header_size &&
	       nr <= (h->header_size - off) / size;
}

static int check_header(struct gmt_tf_reader *r)
{
	const struct gmt_tf_header *h = &r->h;

	if (h->header_size < sizeof(*h) || h->header_size > GMT_TF_MAX_HEADER)
		return fail(r, "corrupt header (header size %u)", h->header_size);
	if (h->record_size < GMT_TF_MIN_RECORD || h->record_size > GMT_TF_MAX_RECORD)
		return fail(r, "corrupt header (records of %u bytes, version 1 has %u)",
			    h->record_size, GMT_TF_MIN_RECORD);
	if (h->nr_events > 64 || !table_fits(h, h->events_off, h->nr_events,
					     sizeof(struct gmt_tf_event)))
		return fail(r, "corrupt header (%u events at offset %u)", h->nr_events,
			    h->events_off);
	if (!table_fits(h, h->fields_off, h->nr_fields, sizeof(struct gmt_tf_field)))
		return fail(r, "corrupt header (%u fields at offset %u)", h->nr_fields,
			    h->fields_off);
	return 0;
}

/* The file's event ids to ours, by name. */
static int map_events(struct gmt_tf_reader *r, const char *tables)
{
	const char *p = tables + r->h.events_off - sizeof(r->h);
	struct gmt_tf_event *ev;
	unsigned int i, j;

	memset(r->type_map, GMT_EV_MAX, sizeof(r->type_map));
	for (i = 0; i < r->h.nr_events; i++) {
		ev = &r->events[i];
		memcpy(ev, p + i * sizeof(*ev), sizeof(*ev));
		ev->name[GMT_TF_NAME_LEN - 1] = '\0';
		if (ev->id >= 64)
			return fail(r, "corrupt header (event '%s' has id %u)", ev->name, ev->id);
		for (j = 0; j < GMT_EV_MAX; j++)
			if (!strcmp(ev->name, gmt_events[j].name))
				r->type_map[ev->id] = j;
	}
	return 0;
}

/* The index of the member 'type' in gmt_tf_fields[]. */
static unsigned int type_field(void)
{
	unsigned int i;

	for (i = 0; i < NR_FIELDS; i++)
		if (gmt_tf_fields[i].offset == offsetof(struct gmt_event, type))
			break;
	return i;
}

/* Where each of our members is in the file's record. */
static int map_fields(struct gmt_tf_reader *r, const char *tables)
{
	const char *p = tables + r->h.fields_off - sizeof(r->h);
	const struct gmt_tf_field *ours;
	struct gmt_tf_field *fl;
	unsigned int i, j;

	r->fields = calloc(r->h.nr_fields ?: 1, sizeof(*r->fields));
	if (!r->fields)
		return fail(r, "out of memory");
	for (j = 0; j < r->h.nr_fields; j++) {
		fl = &r->fields[j];
		memcpy(fl, p + j * sizeof(*fl), sizeof(*fl));
		fl->name[GMT_TF_NAME_LEN - 1] = '\0';
		if (fl->offset > r->h.record_size || fl->size > r->h.record_size - fl->offset)
			return fail(r, "corrupt header (field '%s' at %u, %u bytes, in records of %u)",
				    fl->name, fl->offset, fl->size, r->h.record_size);
	}
	r->same_layout = r->h.record_size >= sizeof(struct gmt_event);
	for (i = 0; i < NR_FIELDS; i++) {
		ours = &gmt_tf_fields[i];
		r->field_off[i] = -1;
		for (j = 0; j < r->h.nr_fields; j++)
			if (!strcmp(r->fields[j].name, ours->name))
				break;
		if (j == r->h.nr_fields) {
			r->same_layout = false;
			continue;
		}
		if (r->fields[j].size != ours->size)
			return fail(r, "field '%s' is %u bytes, this gmemtrace's is %u", ours->name,
				    r->fields[j].size, ours->size);
		r->field_off[i] = r->fields[j].offset;
		r->same_layout &= r->fields[j].offset == ours->offset;
	}
	if (r->field_off[type_field()] < 0)
		return fail(r, "corrupt header (no field 'type')");
	return 0;
}

int gmt_tf_read_header(struct gmt_tf_reader *r, FILE *f)
{
	struct gmt_tf_header *h = &r->h;
	char *tables;
	size_t rest, got;
	int ret;

	memset(r, 0, sizeof(*r));
	r->f = f;
	/* Magic, version and byte order first: they decide what follows. */
	ret = read_exact(r, h, PREFIX, &got);
	if (ret < 0)
		return -1;
	if (ret && !got)
		return fail(r, "empty file");
	if (memcmp(h->magic, GMT_TF_MAGIC, got < 8 ? got : 8))
		return fail(r, "not a gmemtrace trace file (bad magic)");
	if (ret)
		return fail(r, "truncated in the header: %llu bytes ignored", r->off);
	if (h->byte_order == __builtin_bswap32(GMT_TF_BYTE_ORDER))
		return fail(r, "written on a machine of the other byte order");
	if (h->byte_order != GMT_TF_BYTE_ORDER)
		return fail(r, "corrupt header (byte order mark %#x)", h->byte_order);
	if (h->version > GMT_TF_VERSION)
		return fail(r, "trace file version %u, this gmemtrace reads version %u", h->version,
			    GMT_TF_VERSION);
	if (h->version < 1)
		return fail(r, "corrupt header (version %u)", h->version);
	if (read_header_part(r, (char *)h + PREFIX, sizeof(*h) - PREFIX) || check_header(r))
		return -1;
	h->release[sizeof(h->release) - 1] = '\0';
	h->tool[sizeof(h->tool) - 1] = '\0';
	rest = h->header_size - sizeof(*h);
	tables = malloc(rest ?: 1);
	if (!tables)
		return fail(r, "out of memory");
	ret = read_header_part(r, tables, rest) ?: map_events(r, tables) ?: map_fields(r, tables);
	free(tables);
	if (ret)
		return -1;
	r->rec = malloc(h->record_size);
	if (!r->rec)
		return fail(r, "out of memory");
	return 0;
}

void gmt_tf_reader_free(struct gmt_tf_reader *r)
{
	free(r->fields);
	free(r->rec);
	r->fields = NULL;
	r->rec = NULL;
}

/* The file's record in r->rec as ours. */
static void decode(struct gmt_tf_reader *r, struct gmt_event *e)
{
	unsigned int i;

	if (r->same_layout) {
		memcpy(e, r->rec, sizeof(*e));
	} else {
		memset(e, 0, sizeof(*e));
		for (i = 0; i < NR_FIELDS; i++)
			if (r->field_off[i] >= 0)
				memcpy((char *)e + gmt_tf_fields[i].offset, r->rec + r->field_off[i],
				       gmt_tf_fields[i].size);
	}
	e->type = e->type < 64 ? r->type_map[e->type] : GMT_EV_MAX;
	if (e->type == GMT_EV_MAX)
		r->nr_unknown++;
}

/* The file ends @got bytes into @what (at its start when 0). */
static int truncated(struct gmt_tf_reader *r, size_t got, const char *what)
{
	if (!got)
		return fail(r, "truncated after %llu records: no trailer", r->nr_records);
	return fail(r, "truncated after %llu records: %zu bytes of %s ignored", r->nr_records,
		    got, what);
}

/*
 * @len bytes that this gmemtrace does not read, of @what, after @before
 * bytes of it: 0, or -1 at the file's end.
 */
static int skip(struct gmt_tf_reader *r, unsigned long long len, size_t before,
		const char *what)
{
	unsigned long long skipped = 0;
	char buf[4096];
	size_t got;
	int ret;

	while (skipped < len) {
		ret = read_exact(r, buf, len - skipped < sizeof(buf) ? len - skipped : sizeof(buf),
				 &got);
		skipped += got;
		if (ret < 0)
			return -1;
		if (ret)
			return truncated(r, before + skipped, what);
	}
	return 0;
}

/* After the END block: nothing, and as many records as it counts. */
static int check_end(struct gmt_tf_reader *r)
{
	unsigned long long extra = 0;
	char buf[4096];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), r->f)) > 0)
		extra += n;
	if (ferror(r->f))
		return fail(r, "%s", strerror(errno ?: EIO));
	if (extra)
		return fail(r, "%llu bytes after the trailer", extra);
	if (r->trailer.nr_records != r->nr_records)
		return fail(r, "the trailer counts %llu records, the file has %llu",
			    (unsigned long long)r->trailer.nr_records, r->nr_records);
	return 0;
}

/* The next block's header and, for END, the trailer and the check of the end: 0 or -1. */
static int read_block(struct gmt_tf_reader *r)
{
	unsigned long long at = r->off;
	struct gmt_tf_block b;
	size_t got;
	int ret;

	ret = read_exact(r, &b, sizeof(b), &got);
	if (ret)
		return ret < 0 ? -1 : truncated(r, got, "a block header");
	if (b.type == GMT_TF_DATA) {
		if (b.size % r->h.record_size)
			return fail(r, "corrupt block at offset %llu (%u bytes of records of %u)", at,
				    b.size, r->h.record_size);
		r->data_left = b.size;
		return 0;
	}
	if (b.type != GMT_TF_END)
		return fail(r, "corrupt block at offset %llu (type %u)", at, b.type);
	if (b.size < sizeof(r->trailer))
		return fail(r, "corrupt block at offset %llu (a trailer of %u bytes)", at, b.size);
	ret = read_exact(r, &r->trailer, sizeof(r->trailer), &got);
	if (ret)
		return ret < 0 ? -1 : truncated(r, got, "the trailer");
	/* A later version's trailer may say more. */
	if (skip(r, b.size - sizeof(r->trailer), sizeof(r->trailer), "the trailer"))
		return -1;
	r->finished = true;
	return check_end(r);
}

int gmt_tf_read_record(struct gmt_tf_reader *r, struct gmt_event *e)
{
	size_t got;
	int ret;

	while (!r->data_left) {
		if (r->finished)
			return 0;
		if (read_block(r))
			return -1;
	}
	ret = read_exact(r, r->rec, r->h.record_size, &got);
	if (ret)
		return ret < 0 ? -1 : truncated(r, got, "a record");
	r->data_left -= r->h.record_size;
	r->nr_records++;
	decode(r, e);
	return 1;
}
