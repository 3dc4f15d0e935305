// SPDX-License-Identifier: GPL-2.0
/*
 * Operations that look at what backs a guest_memfd: the contents of its
 * pages through the mapping, and the orders of its folios as the VM's
 * debugfs file kvm/PID-VMFD/guest_memfd shows them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"

/* The pattern of fill/check: every 8 bytes hold their file offset, mixed. */
static uint64_t pattern(uint64_t off)
{
	return off * 0x9e3779b97f4a7c15ull ^ 0x676d656d;
}

static void fill_page(char *page, uint64_t off, long size, struct result *res)
{
	uint64_t *w = (uint64_t *)page;
	long i;

	(void)res;
	for (i = 0; i < size / 8; i++)
		w[i] = pattern(off + i * 8);
}

static void check_page(char *page, uint64_t off, long size, struct result *res)
{
	const uint64_t *w = (const uint64_t *)page;
	long i;

	for (i = 0; i < size / 8; i++) {
		if (w[i] != pattern(off + i * 8)) {
			res->err = -EIO;
			snprintf(res->msg, sizeof(res->msg), "offset=%#llx",
				 (unsigned long long)(off + i * 8));
			return;
		}
	}
}

void op_fill(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t start = num(s->argv[1]);

	if (g)
		access_pages(ctx, g, start, start + num(s->argv[2]), fill_page, res);
}

void op_check(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t start = num(s->argv[1]);

	if (g)
		access_pages(ctx, g, start, start + num(s->argv[2]), check_page, res);
}

/* verify's byte: what the first byte of each page must hold; the rest is 0. */
static int verify_byte;

static void verify_page(char *page, uint64_t off, long size, struct result *res)
{
	long i;

	for (i = 0; i < size; i++) {
		if ((unsigned char)page[i] != (i ? 0 : verify_byte)) {
			res->err = -EIO;
			snprintf(res->msg, sizeof(res->msg), "offset=%#llx byte=%#x",
				 (unsigned long long)(off + i), (unsigned char)page[i]);
			return;
		}
	}
}

void op_verify(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t start = num(s->argv[1]);

	if (!g)
		return;
	verify_byte = num(s->argv[3]) & 0xff;
	access_pages(ctx, g, start, start + num(s->argv[2]), verify_page, res);
}

/* Consecutive folios of one order (-1: pages without a folio), in order. */
#define MAX_SEGS 64

struct segs {
	int n;
	int order[MAX_SEGS];
	unsigned long count[MAX_SEGS];
};

static void seg_add(struct segs *sg, int order, unsigned long count)
{
	if (!count)
		return;
	if (sg->n && sg->order[sg->n - 1] == order) {
		sg->count[sg->n - 1] += count;
		return;
	}
	if (sg->n == MAX_SEGS)
		return;
	sg->order[sg->n] = order;
	sg->count[sg->n++] = count;
}

static void seg_format(const struct segs *sg, char *out, size_t len)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < sg->n && used < len; i++) {
		if (sg->order[i] < 0)
			used += snprintf(out + used, len - used, "%s-x%lu",
					 i ? "," : "", sg->count[i]);
		else
			used += snprintf(out + used, len - used, "%s%dx%lu",
					 i ? "," : "", sg->order[i], sg->count[i]);
	}
}

/*
 * Describe the folios of guest_memfd @ino over pages [first, last) from
 * the debugfs file @f, as "ORDERxCOUNT,...": COUNT consecutive folios of
 * ORDER, "-xN" for N pages without a folio.  -ENOENT if @f does not show
 * the guest_memfd (it is not bound).
 */
static int describe_orders(FILE *f, uint64_t ino, uint64_t first, uint64_t last,
			   char *out, size_t len)
{
	unsigned long long run_ino = 0, index, nr, cur = first;
	struct segs sg = { .n = 0 };
	char line[256], state[16];
	bool found = false;
	int order;

	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "slot=%*d ino=%llu", &run_ino) == 1) {
			found |= run_ino == ino;
			continue;
		}
		if (run_ino != ino ||
		    sscanf(line, " index=%llx nr=%llx order=%d state=%15s",
			   &index, &nr, &order, state) != 4)
			continue;
		if (index + nr <= cur || index >= last)
			continue;
		if (index < cur) {
			nr -= cur - index;
			index = cur;
		}
		if (index + nr > last)
			nr = last - index;
		seg_add(&sg, -1, index - cur);
		seg_add(&sg, order, nr >> order ? nr >> order : 1);
		cur = index + nr;
	}
	seg_add(&sg, -1, last - cur);
	seg_format(&sg, out, len);
	return found ? 0 : -ENOENT;
}

static int read_orders(struct ctx *ctx, struct gmem *g, uint64_t off, uint64_t len,
		       char *out, size_t out_len)
{
	char path[96];
	FILE *f;
	int r;

	snprintf(path, sizeof(path), "/sys/kernel/debug/kvm/%d-%d/guest_memfd",
		 getpid(), ctx->vm.vm_fd);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	r = describe_orders(f, g->ino, off / ctx->page_size,
			    (off + len) / ctx->page_size, out, out_len);
	fclose(f);
	return r;
}

/*
 * The folios over [OFFSET, OFFSET + LEN) must be ORDERS, e.g. "9x1" for one
 * 2M folio or "0x3,-x1,0x508"; with WAIT_MS, poll until they are (merges
 * can be asynchronous).  EPROTO with what was found when they are not.
 */
void op_orders(struct ctx *ctx, struct step *s, struct result *res)
{
	struct timespec ts = { .tv_nsec = 10 * 1000000 };
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t wait_ms = s->argc > 4 ? num(s->argv[4]) : 0;
	char got[sizeof(res->msg) - 16];
	uint64_t waited;
	int r;

	if (!g || !need_vm(ctx, res))
		return;
	for (waited = 0;; waited += 10) {
		r = read_orders(ctx, g, num(s->argv[1]), num(s->argv[2]), got, sizeof(got));
		if (r || !strcmp(got, s->argv[3]) || waited >= wait_ms)
			break;
		nanosleep(&ts, NULL);
	}
	res->err = r ? r : strcmp(got, s->argv[3]) ? -EPROTO : 0;
	if (!r)
		snprintf(res->msg, sizeof(res->msg), "orders=%s", got);
}
