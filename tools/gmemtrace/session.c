// SPDX-License-Identifier: GPL-2.0
/*
 * Open, load and attach the BPF side: probe the running kernel's BTF for
 * the kvm_gmem tracepoints, fall back to fentry/fexit on the kvm_gmem_*()
 * functions, switch off every program that cannot attach, and explain in
 * one line why when nothing can.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "events.h"
#include "tool.h"
#include "gmemtrace.skel.h"

static int verbosity;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && verbosity < 2)
		return 0;
	if (!verbosity)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* The kernel's BTF: vmlinux, plus kvm's when KVM is a module. */
struct kbtf {
	struct btf *vmlinux;
	struct btf *kvm;
};

static void kbtf_load(struct kbtf *k)
{
	k->vmlinux = btf__load_vmlinux_btf();
	k->kvm = NULL;
	if (k->vmlinux && !access("/sys/kernel/btf/kvm", R_OK))
		k->kvm = btf__load_module_btf("kvm", k->vmlinux);
}

static void kbtf_free(struct kbtf *k)
{
	btf__free(k->kvm);
	btf__free(k->vmlinux);
}

static bool kbtf_has(const struct kbtf *k, const char *name, int kind)
{
	if (k->kvm && btf__find_by_name_kind(k->kvm, name, kind) > 0)
		return true;
	return k->vmlinux && btf__find_by_name_kind(k->vmlinux, name, kind) > 0;
}

/*
 * The event a program feeds, from its name: tp_NAME, fe_NAME or fx_NAME
 * for the event NAME (include/gmemtrace_events.h); -1 for another.
 */
static int prog_event(const char *prog)
{
	int i;

	if (strncmp(prog, "tp_", 3) && strncmp(prog, "fe_", 3) && strncmp(prog, "fx_", 3))
		return -1;
	for (i = 0; i < GMT_EV_MAX; i++)
		if (!strcmp(prog + 3, gmt_events[i].name))
			return i;
	return -1;
}

/* Events a program's output also needs, beyond its own. */
static __u64 wanted_mask(__u64 events, bool stats, bool arch)
{
	/* stat derives invalidation and arch-lifetime from other events. */
	if (stats)
		return GMT_EV_ALL;
	/* fallocate() serves allocate and punch-hole alike. */
	if (events & GMT_EV_BIT(GMT_EV_PUNCH_HOLE))
		events |= GMT_EV_BIT(GMT_EV_ALLOCATE);
	/* Ends take their duration or verdict from what came before. */
	if (events & GMT_EV_BIT(GMT_EV_INVALIDATE_END))
		events |= GMT_EV_BIT(GMT_EV_INVALIDATE_BEGIN);
	if (events & GMT_EV_BIT(GMT_EV_CONVERT_END))
		events |= GMT_EV_BIT(GMT_EV_CONVERT_BEGIN) | GMT_EV_BIT(GMT_EV_POLICY_CONVERT);
	/*
	 * -A: a reclaim is attributed from the make_private or populate
	 * before it (the guest_memfd of a make_private from the get_pfn
	 * after it), and arch state is kept per folio: follow folios that
	 * split.
	 */
	if (arch && (events & (GMT_EV_BIT(GMT_EV_ARCH_MAKE_PRIVATE) |
			       GMT_EV_BIT(GMT_EV_ARCH_RECLAIM) |
			       GMT_EV_BIT(GMT_EV_ARCH_INVALIDATE))))
		events |= GMT_EV_BIT(GMT_EV_ARCH_MAKE_PRIVATE) | GMT_EV_BIT(GMT_EV_ARCH_RECLAIM) |
			  GMT_EV_BIT(GMT_EV_ARCH_INVALIDATE) | GMT_EV_BIT(GMT_EV_POPULATE) |
			  GMT_EV_BIT(GMT_EV_GET_PFN) | GMT_EV_BIT(GMT_EV_SPLIT);
	return events;
}

/*
 * Keep the programs of one kind (tp_btf or fentry/fexit) whose event is
 * wanted and whose target the kernel has.  Returns the mask of events
 * that will have a program.
 */
static __u64 select_programs(struct bpf_object *obj, const struct kbtf *k,
			     bool tracepoints, __u64 wanted)
{
	struct bpf_program *prog;
	__u64 have = 0;
	char tname[128];

	bpf_object__for_each_program(prog, obj) {
		const char *name = bpf_program__name(prog);
		const char *sec = bpf_program__section_name(prog);
		const char *target = strchr(sec, '/');
		bool tp = !strncmp(name, "tp_", 3);
		int type = prog_event(name);
		bool on;

		target = target ? target + 1 : "";
		on = type >= 0 && tp == tracepoints && (wanted & GMT_EV_BIT(type));
		if (on && tp) {
			snprintf(tname, sizeof(tname), "btf_trace_%s", target);
			on = kbtf_has(k, tname, BTF_KIND_TYPEDEF);
		} else if (on) {
			on = kbtf_has(k, target, BTF_KIND_FUNC);
		}
		bpf_program__set_autoload(prog, on);
		if (on)
			have |= GMT_EV_BIT(type);
	}
	/* punch_hole comes from the fallocate() programs, fe/fx_allocate. */
	if (!tracepoints && (have & GMT_EV_BIT(GMT_EV_ALLOCATE)))
		have |= GMT_EV_BIT(GMT_EV_PUNCH_HOLE);
	return have;
}

static void lockdown_mode(char *buf, size_t len)
{
	FILE *f = fopen("/sys/kernel/security/lockdown", "r");
	char line[128], *l, *r;

	buf[0] = '\0';
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		l = strchr(line, '[');
		r = l ? strchr(l, ']') : NULL;
		if (l && r) {
			*r = '\0';
			snprintf(buf, len, "%s", l + 1);
		}
	}
	fclose(f);
}

/* One line on why loading or attaching failed. */
static void explain(const char *what, int err, bool tracepoints)
{
	char lockdown[32], caps[128];
	struct utsname u;

	uname(&u);
	err = abs(err);
	/* Without the capabilities, EPERM, or ESRCH for a module's BTF. */
	gmt_missing_caps(caps, sizeof(caps));
	if (caps[0] && (err == EPERM || err == EACCES || err == ESRCH)) {
		gmt_err("%s: %s: missing %s", what, strerror(err), caps);
		return;
	}
	/* With them, EACCES is the verifier's; lockdown and LSMs give EPERM. */
	if (err == EACCES) {
		gmt_err("%s: the verifier rejected a program of kernel %s (run with -v for its log)",
			what, u.release);
		return;
	}
	if (err == EPERM) {
		lockdown_mode(lockdown, sizeof(lockdown));
		if (!tracepoints)
			gmt_err("kernel %s has no kvm_gmem tracepoints and refuses fentry/fexit programs (EPERM with every capability: %s%s)",
				u.release, lockdown[0] ? "kernel lockdown is " : "kernel lockdown or an LSM",
				lockdown);
		else
			gmt_err("%s: EPERM with every capability (%s%s)", what,
				lockdown[0] ? "kernel lockdown is " : "kernel lockdown or an LSM",
				lockdown);
		return;
	}
	gmt_err("%s: %s (run with -vv for libbpf's log)", what, strerror(err));
}

static void report_missing(__u64 wanted, __u64 have, bool tracepoints)
{
	/* Room for every name (at most 64 of them) and a comma each. */
	char buf[64 * 32];
	size_t n = 0;
	int i;

	for (i = 0; i < GMT_EV_MAX; i++)
		if ((wanted & GMT_EV_BIT(i)) && !(have & GMT_EV_BIT(i)) && n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "," : "",
				      gmt_events[i].name);
	if (n)
		gmt_warn("not available with %s on this kernel: %s",
			tracepoints ? "tracepoints" : "fentry/fexit", buf);
}

/*
 * GMEMTRACE_MAX_TRACKED: how many pfns the arch-state maps hold (262144),
 * as bpftrace's BPFTRACE_MAX_MAP_KEYS sizes its maps: 0, or -1 after
 * printing why the value is bad.
 */
static int set_max_tracked(struct gmemtrace_bpf *skel)
{
	const char *env = getenv("GMEMTRACE_MAX_TRACKED");
	unsigned long long n;

	if (!env || !*env)
		return 0;
	if (gmt_parse_ulong("GMEMTRACE_MAX_TRACKED", env, 1 << 26, &n))
		return -1;
	if (!n) {
		gmt_err("bad GMEMTRACE_MAX_TRACKED '%s'", env);
		return -1;
	}
	bpf_map__set_max_entries(skel->maps.arch_pfns, n);
	bpf_map__set_max_entries(skel->maps.arch_gfns, n);
	return 0;
}

int gmt_session_open(struct gmt_session *s, const struct gmt_opts *o, bool trace,
		     bool stats)
{
	__u64 wanted = wanted_mask(o->events, stats, o->arch);
	struct kbtf k;
	struct utsname u;
	int err;

	memset(s, 0, sizeof(*s));
	verbosity = o->verbose;
	libbpf_set_print(libbpf_print);
	uname(&u);

	kbtf_load(&k);
	if (!k.vmlinux) {
		gmt_err("kernel %s has no BTF (/sys/kernel/btf/vmlinux): it needs CONFIG_DEBUG_INFO_BTF",
			u.release);
		return -1;
	}
	s->tracepoints = !o->fentry && kbtf_has(&k, "btf_trace_kvm_gmem_create",
						BTF_KIND_TYPEDEF);

	s->skel = gmemtrace_bpf__open();
	if (!s->skel) {
		kbtf_free(&k);
		explain("opening the BPF object", errno, s->tracepoints);
		return -1;
	}
	s->skel->rodata->targ_trace = trace;
	s->skel->rodata->targ_stats = stats;
	gmt_opts_filter(o, &s->skel->rodata->targ_filter);
	if (stats)
		s->skel->rodata->targ_filter.events = GMT_EV_ALL;
	s->skel->rodata->targ_arch = o->arch;
	s->arch = o->arch;
	if (!o->arch) {
		if (getenv("GMEMTRACE_MAX_TRACKED"))
			gmt_warn("GMEMTRACE_MAX_TRACKED has no effect without -A");
		/* Unused: the smallest maps there can be. */
		bpf_map__set_max_entries(s->skel->maps.arch_pfns, 1);
		bpf_map__set_max_entries(s->skel->maps.arch_gfns, 1);
	} else if (set_max_tracked(s->skel)) {
		kbtf_free(&k);
		goto fail;
	}
	if (!trace)
		bpf_map__set_max_entries(s->skel->maps.events, 4096);
	else if (o->rb_mb)
		bpf_map__set_max_entries(s->skel->maps.events, o->rb_mb << 20);
	/* The reader is woken when a quarter of the buffer waits. */
	s->skel->rodata->targ_wakeup_bytes = bpf_map__max_entries(s->skel->maps.events) / 4;

	s->attached = select_programs(s->skel->obj, &k, s->tracepoints, wanted);
	kbtf_free(&k);
	if (!(s->attached & o->events)) {
		if (s->tracepoints)
			gmt_err("none of the selected events is available on kernel %s", u.release);
		else
			gmt_err("kernel %s has neither kvm_gmem tracepoints nor the kvm_gmem_*() functions to trace (is kvm loaded?)",
				u.release);
		goto fail;
	}
	err = gmemtrace_bpf__load(s->skel);
	if (err) {
		explain("loading the BPF programs", err, s->tracepoints);
		goto fail;
	}
	err = gmemtrace_bpf__attach(s->skel);
	if (err) {
		explain("attaching the BPF programs", err, s->tracepoints);
		goto fail;
	}
	report_missing(o->events, s->attached, s->tracepoints);
	return 0;
fail:
	gmemtrace_bpf__destroy(s->skel);
	s->skel = NULL;
	return -1;
}

void gmt_session_close(struct gmt_session *s)
{
	gmemtrace_bpf__destroy(s->skel);
	s->skel = NULL;
}

unsigned long long gmt_self_counter(struct gmt_session *s, enum gmt_self_counter c)
{
	return s->skel->bss->self_counters[c];
}
