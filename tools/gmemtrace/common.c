// SPDX-License-Identifier: GPL-2.0
/* Options, errors and signals shared by the subcommands. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>

#include "events.h"
#include "json_writer.h"
#include "opts.h"
#include "tool.h"

volatile int gmt_exiting;
bool gmt_json_errors;

void gmt_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("gmemtrace: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void gmt_err(const char *fmt, ...)
{
	struct json_writer *jw;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* bpftool's p_err(): under -j, one JSON object on stdout. */
	jw = gmt_json_errors ? jw_new(stdout) : NULL;
	if (!jw) {
		fprintf(stderr, "gmemtrace: %s\n", msg);
		return;
	}
	jw_start_object(jw);
	jw_string_field(jw, "error", msg);
	jw_end_object(jw);
	jw_eol(jw);
	jw_destroy(&jw);
	fflush(stdout);
}

int gmt_parse_ulong(const char *what, const char *arg, unsigned long long max,
		    unsigned long long *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (*arg < '0' || *arg > '9' || *end || errno || v > max) {
		gmt_err("bad %s '%s'", what, arg);
		return -1;
	}
	*out = v;
	return 0;
}

void gmt_opts_init(struct gmt_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->events = GMT_EV_ALL;
}

void gmt_opts_filter(const struct gmt_opts *o, struct gmt_filter *f)
{
	f->events = o->events;
	f->ino = o->ino;
	f->tgid = o->tgid;
	f->vm_pid = o->vm_pid;
}

int gmt_common_opt(struct gmt_opts *o, int c, const char *arg)
{
	unsigned long long v;
	char bad[64];

	switch (c) {
	case 'p':
	case 'm':
		if (gmt_parse_ulong(c == 'p' ? "pid" : "VM pid", arg, INT_MAX, &v))
			return -1;
		if (!v) {
			gmt_err("bad %s '%s'", c == 'p' ? "pid" : "VM pid", arg);
			return -1;
		}
		if (c == 'p')
			o->tgid = v;
		else
			o->vm_pid = v;
		return 1;
	case 'i':
		if (gmt_parse_ulong("inode number", arg, ULLONG_MAX, &v))
			return -1;
		o->ino = v;
		return 1;
	case 'e':
		if (gmt_parse_event_mask(arg, &o->events, bad, sizeof(bad))) {
			gmt_err("unknown event or group '%s' (see 'gmemtrace list')", bad);
			return -1;
		}
		return 1;
	case 'j':
		o->json = true;
		return 1;
	case GMT_OPT_FENTRY:
		o->fentry = true;
		return 1;
	case 'A':
		o->arch = true;
		return 1;
	case 'v':
		o->verbose++;
		return 1;
	}
	return 0;
}

static void on_signal(int sig)
{
	if (gmt_exiting) {
		/* The second Ctrl-C: stop waiting for a clean exit. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	gmt_exiting = 1;
}

void gmt_setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}


/* Whether this process has capability @cap in its effective set. */
static bool have_cap(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = {};

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[cap / 32].effective & (1U << (cap % 32));
}

void gmt_missing_caps(char *buf, size_t len)
{
	bool module = !access("/sys/kernel/btf/kvm", F_OK);

	buf[0] = 0;
	if (have_cap(CAP_SYS_ADMIN))
		return;
	if (module)
		snprintf(buf, len, "CAP_SYS_ADMIN (kvm is a module, whose BTF only CAP_SYS_ADMIN may read)");
	else if (!have_cap(CAP_BPF) || !have_cap(CAP_PERFMON))
		snprintf(buf, len, "%s%s%s", have_cap(CAP_BPF) ? "" : "CAP_BPF",
			 !have_cap(CAP_BPF) && !have_cap(CAP_PERFMON) ? " and " : "",
			 have_cap(CAP_PERFMON) ? "" : "CAP_PERFMON");
}
