// SPDX-License-Identifier: GPL-2.0
/* The operations of a scenario, each one guest_memfd or KVM call. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <linux/kvm.h>

#include "ctx.h"

uint64_t num(const char *s)
{
	uint64_t v = 0;

	parse_size(s, &v);	/* validated when the line was parsed */
	return v;
}

#define HUGE_ALIGN	(2ull << 20)

static void set_errno_result(struct result *res, int r)
{
	res->err = r < 0 ? r : 0;
}

struct gmem *find_gmem(struct ctx *ctx, const char *name, struct result *res)
{
	int i;

	for (i = 0; i < MAX_GMEM; i++)
		if (ctx->gmem[i].fd >= 0 && !strcmp(ctx->gmem[i].name, name))
			return &ctx->gmem[i];
	res->err = -ENOENT;
	snprintf(res->msg, sizeof(res->msg), "no guest_memfd named %s", name);
	return NULL;
}

bool need_vm(struct ctx *ctx, struct result *res)
{
	if (ctx->have_vm)
		return true;
	res->err = -ENODEV;
	snprintf(res->msg, sizeof(res->msg), "no VM (add a 'vm' line first)");
	return false;
}

static void op_vm(struct ctx *ctx, struct step *s, struct result *res)
{
	uint64_t type = 1;

	if (s->argc)
		parse_word('t', s->argv[0], &type);
	if (ctx->have_vm)
		vm_destroy(&ctx->vm);
	res->err = vm_create(&ctx->vm, type);
	ctx->have_vm = !res->err;
	if (!res->err)
		snprintf(res->msg, sizeof(res->msg), "pid=%d in_place=%d", getpid(),
			 ctx->vm.in_place);
	else
		vm_destroy(&ctx->vm);
}

static void op_gmem(struct ctx *ctx, struct step *s, struct result *res)
{
	struct kvm_create_guest_memfd args = { .size = num(s->argv[1]) };
	struct gmem *g = NULL;
	struct stat st;
	uint64_t flag;
	int i, fd;

	if (!need_vm(ctx, res))
		return;
	for (i = 2; i < s->argc; i++) {
		parse_word('f', s->argv[i], &flag);
		args.flags |= flag;
	}
	for (i = 0; i < MAX_GMEM && !g; i++)
		if (ctx->gmem[i].fd < 0)
			g = &ctx->gmem[i];
	if (!g) {
		res->err = -EMFILE;
		return;
	}
	fd = ioctl(ctx->vm.vm_fd, KVM_CREATE_GUEST_MEMFD, &args);
	if (fd < 0) {
		res->err = -errno;
		return;
	}
	fstat(fd, &st);
	g->fd = fd;
	g->size = args.size;
	g->ino = st.st_ino;
	g->map = NULL;
	g->pin[0] = g->pin[1] = -1;
	snprintf(g->name, sizeof(g->name), "%s", s->argv[0]);
	snprintf(res->msg, sizeof(res->msg), "ino=%lu", (unsigned long)st.st_ino);
}

static void do_fallocate(struct ctx *ctx, struct step *s, struct result *res, int mode)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);

	if (g)
		set_errno_result(res, fallocate(g->fd, mode, num(s->argv[1]), num(s->argv[2])) ?
				 -errno : 0);
}

static void op_falloc(struct ctx *ctx, struct step *s, struct result *res)
{
	do_fallocate(ctx, s, res, FALLOC_FL_KEEP_SIZE);
}

static void op_punch(struct ctx *ctx, struct step *s, struct result *res)
{
	do_fallocate(ctx, s, res, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE);
}

static void op_mmap(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	void *p;

	if (!g)
		return;
	p = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, 0);
	if (p == MAP_FAILED) {
		res->err = -errno;
		return;
	}
	g->map = p;
}

static sigjmp_buf sigbus_jmp;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(sigbus_jmp, 1);
}

/*
 * Call @fn for each page of [start, end) of @g's mapping; a SIGBUS (refused
 * fault, or the kernel killing a poisoner) becomes the result "sigbus",
 * with the page's offset.  @fn stops the walk by setting an error.
 */
void access_pages(struct ctx *ctx, struct gmem *g, uint64_t start, uint64_t end,
		  page_fn fn, struct result *res)
{
	struct sigaction sa = { .sa_handler = on_sigbus }, old;
	volatile uint64_t cur = start;

	if (!g->map) {
		res->err = -ENXIO;
		snprintf(res->msg, sizeof(res->msg), "%s is not mapped", g->name);
		return;
	}
	if (end > g->size || start % ctx->page_size) {
		res->err = -ERANGE;
		return;
	}
	sigaction(SIGBUS, &sa, &old);
	if (sigsetjmp(sigbus_jmp, 1)) {
		res->sigbus = true;
		snprintf(res->msg, sizeof(res->msg), "offset=%#llx",
			 (unsigned long long)cur);
	} else {
		for (cur = start; cur < end && !res->err; cur += ctx->page_size)
			fn((char *)g->map + cur, cur, ctx->page_size, res);
	}
	sigaction(SIGBUS, &old, NULL);
}

static void touch_page(char *page, uint64_t off, long size, struct result *res)
{
	(void)off;
	(void)size;
	(void)res;
	*(volatile char *)page = 0x5a;
}

static void poison_page(char *page, uint64_t off, long size, struct result *res)
{
	(void)off;
	if (madvise(page, size, MADV_HWPOISON))
		res->err = -errno;
}

static void op_touch(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t start = num(s->argv[1]);

	if (g)
		access_pages(ctx, g, start, start + num(s->argv[2]), touch_page, res);
}

static void op_hwpoison(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t start = num(s->argv[1]);

	if (g)
		access_pages(ctx, g, start, start + ctx->page_size, poison_page, res);
}

static void op_convert(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	struct kvm_memory_attributes2 a = {
		.offset = num(s->argv[1]),
		.size = num(s->argv[2]),
	};
	uint64_t to;

	(void)ctx;
	if (!g)
		return;
	parse_word('a', s->argv[3], &to);
	a.attributes = to;
	if (!ioctl(g->fd, KVM_SET_MEMORY_ATTRIBUTES2, &a))
		return;
	res->err = -errno;
	snprintf(res->msg, sizeof(res->msg), "error_offset=%#llx",
		 (unsigned long long)a.error_offset);
}

/* Convert a range to private and back COUNT times; stop at the first error. */
static void op_flip(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	struct kvm_memory_attributes2 a = { 0 };
	uint64_t i, n = num(s->argv[3]);

	(void)ctx;
	if (!g)
		return;
	for (i = 0; i < 2 * n; i++) {
		memset(&a, 0, sizeof(a));
		a.offset = num(s->argv[1]);
		a.size = num(s->argv[2]);
		a.attributes = i % 2 ? 0 : KVM_MEMORY_ATTRIBUTE_PRIVATE;
		if (ioctl(g->fd, KVM_SET_MEMORY_ATTRIBUTES2, &a)) {
			res->err = -errno;
			snprintf(res->msg, sizeof(res->msg), "conversion %llu of %llu",
				 (unsigned long long)i + 1, (unsigned long long)2 * n);
			return;
		}
	}
}

/*
 * Hold a reference to the mapped page at OFFSET the way I/O does: vmsplice()
 * it into a pipe, which keeps it until unpin drains the pipe.
 */
static void op_pin(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);
	uint64_t off = num(s->argv[1]);
	struct iovec iov;

	if (!g)
		return;
	if (!g->map || off >= g->size || g->pin[0] >= 0) {
		res->err = -EINVAL;
		snprintf(res->msg, sizeof(res->msg), "%s: not mapped, out of range or pinned",
			 g->name);
		return;
	}
	if (pipe(g->pin)) {
		res->err = -errno;
		return;
	}
	iov.iov_base = (char *)g->map + off;
	iov.iov_len = ctx->page_size;
	if (vmsplice(g->pin[1], &iov, 1, 0) != ctx->page_size) {
		res->err = -errno;
		close(g->pin[0]);
		close(g->pin[1]);
		g->pin[0] = g->pin[1] = -1;
	}
}

static void unpin(struct gmem *g)
{
	if (g->pin[0] < 0)
		return;
	close(g->pin[0]);
	close(g->pin[1]);
	g->pin[0] = g->pin[1] = -1;
}

static void op_unpin(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);

	(void)ctx;
	if (!g)
		return;
	if (g->pin[0] < 0) {
		res->err = -EINVAL;
		snprintf(res->msg, sizeof(res->msg), "%s is not pinned", g->name);
		return;
	}
	unpin(g);
}

static void op_bind(struct ctx *ctx, struct step *s, struct result *res)
{
	uint64_t len = num(s->argv[3]);
	char *base, *uaddr;
	struct gmem *g;

	if (!need_vm(ctx, res))
		return;
	g = find_gmem(ctx, s->argv[1], res);
	if (!g)
		return;
	/*
	 * Backing for shared accesses of a slot whose file cannot be mapped,
	 * 2M-aligned: KVM maps 2M pages of a slot only if its userspace
	 * address is congruent with its guest address modulo 2M.
	 */
	base = mmap(NULL, len + HUGE_ALIGN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED) {
		res->err = -errno;
		return;
	}
	uaddr = (char *)(((uintptr_t)base + HUGE_ALIGN - 1) & ~(HUGE_ALIGN - 1));
	res->err = vm_set_memslot(&ctx->vm, num(s->argv[0]), g->fd, num(s->argv[2]), len,
				  s->argc > 4 ? num(s->argv[4]) : 0, uaddr);
	if (res->err)
		munmap(base, len + HUGE_ALIGN);
}

static void op_unbind(struct ctx *ctx, struct step *s, struct result *res)
{
	if (need_vm(ctx, res))
		res->err = vm_set_memslot(&ctx->vm, num(s->argv[0]), -1, 0, 0, 0, NULL);
}

/*
 * The VM's memory attributes of a range.  When guest_memfd tracks which
 * memory is private, they have no say (and refuse PRIVATE): guest_memfd's
 * state, which "convert" changes, decides.
 */
static void set_vm_attributes(struct ctx *ctx, struct step *s, struct result *res,
			      int private)
{
	if (!need_vm(ctx, res))
		return;
	if (ctx->vm.in_place) {
		snprintf(res->msg, sizeof(res->msg), "guest_memfd decides");
		return;
	}
	res->err = vm_set_attributes(&ctx->vm, num(s->argv[0]), num(s->argv[1]), private);
}

static void op_private(struct ctx *ctx, struct step *s, struct result *res)
{
	set_vm_attributes(ctx, s, res, 1);
}

static void op_shared(struct ctx *ctx, struct step *s, struct result *res)
{
	set_vm_attributes(ctx, s, res, 0);
}

/* The VM's KVM_SET_MEMORY_ATTRIBUTES itself, whatever the mode. */
static void op_vmattr(struct ctx *ctx, struct step *s, struct result *res)
{
	uint64_t to = 0;

	if (!need_vm(ctx, res))
		return;
	parse_word('a', s->argv[2], &to);
	res->err = vm_set_attributes(&ctx->vm, num(s->argv[0]), num(s->argv[1]), !!to);
}

static void op_run(struct ctx *ctx, struct step *s, struct result *res)
{
	uint64_t stride = s->argc > 2 ? num(s->argv[2]) : (uint64_t)ctx->page_size;
	struct timespec t0, t1;
	int r;

	if (!need_vm(ctx, res))
		return;
	if (!stride) {
		res->err = -EINVAL;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = vm_touch(&ctx->vm, num(s->argv[0]), num(s->argv[1]), stride,
		     res->msg, sizeof(res->msg));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!r)
		snprintf(res->msg, sizeof(res->msg), "ns=%lld",
			 (t1.tv_sec - t0.tv_sec) * 1000000000ll + t1.tv_nsec - t0.tv_nsec);
	if (r > 0)
		res->err = -EFAULT;
	else
		res->err = r;
}

static void op_close(struct ctx *ctx, struct step *s, struct result *res)
{
	struct gmem *g = find_gmem(ctx, s->argv[0], res);

	if (!g)
		return;
	unpin(g);
	if (g->map)
		munmap(g->map, g->size);
	close(g->fd);
	g->fd = -1;
	g->map = NULL;
}

static void op_sleep(struct ctx *ctx, struct step *s, struct result *res)
{
	uint64_t ms = num(s->argv[0]);
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	(void)ctx;
	(void)res;
	nanosleep(&ts, NULL);
}

/* Wait (up to a minute) until PATH exists: lets a test attach first. */
static void op_await(struct ctx *ctx, struct step *s, struct result *res)
{
	struct timespec ts = { .tv_nsec = 10 * 1000000 };
	int i;

	(void)ctx;
	for (i = 0; i < 6000; i++) {
		if (!access(s->argv[0], F_OK))
			return;
		nanosleep(&ts, NULL);
	}
	res->err = -ETIMEDOUT;
}

const struct op ops[] = {
	{ "vm",      0, 1, "t",     "[sw_protected|default]", op_vm, false },
	{ "gmem",    2, 5, "nsfff", "NAME SIZE [mmap] [init_shared] [huge]", op_gmem, false },
	{ "falloc",  3, 3, "nss",   "NAME OFFSET LEN", op_falloc, true },
	{ "punch",   3, 3, "nss",   "NAME OFFSET LEN", op_punch, true },
	{ "mmap",    1, 1, "n",     "NAME", op_mmap, false },
	{ "touch",   3, 3, "nss",   "NAME OFFSET LEN", op_touch, false },
	{ "hwpoison", 2, 2, "ns",   "NAME OFFSET", op_hwpoison, false },
	{ "convert", 4, 4, "nssa",  "NAME OFFSET LEN private|shared", op_convert, true },
	{ "flip",    4, 4, "nsss",  "NAME OFFSET LEN COUNT", op_flip, true },
	{ "pin",     2, 2, "ns",    "NAME OFFSET", op_pin, false },
	{ "unpin",   1, 1, "n",     "NAME", op_unpin, false },
	{ "bind",    4, 5, "snsss", "SLOT NAME GPA LEN [OFFSET]", op_bind, false },
	{ "unbind",  1, 1, "s",     "SLOT", op_unbind, false },
	{ "private", 2, 2, "ss",    "GPA LEN", op_private, true },
	{ "shared",  2, 2, "ss",    "GPA LEN", op_shared, true },
	{ "vmattr",  3, 3, "ssa",   "GPA LEN private|shared", op_vmattr, true },
	{ "run",     2, 3, "sss",   "GPA LEN [STRIDE]", op_run, true },
	{ "fill",    3, 3, "nss",   "NAME OFFSET LEN", op_fill, false },
	{ "check",   3, 3, "nss",   "NAME OFFSET LEN", op_check, false },
	{ "verify",  4, 4, "nsss",  "NAME OFFSET LEN BYTE", op_verify, false },
	{ "orders",  4, 5, "nssos", "NAME OFFSET LEN ORDERS [WAIT_MS]", op_orders, false },
	{ "close",   1, 1, "n",     "NAME", op_close, false },
	{ "sleep",   1, 1, "s",     "MS", op_sleep, true },
	{ "await",   1, 1, "n",     "PATH", op_await, false },
	{ "join",    0, 0, "",      "(wait for the bg lines, report them)", op_join, false },
	{ NULL }
};
