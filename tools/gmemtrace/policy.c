// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace policy: load, list and unload guest_memfd policies, BPF
 * struct_ops of type kvm_gmem_ops (see bpf/policies/).
 *
 * A policy is attached with a struct_ops link to one VM (--vm, the VM's
 * descriptor taken from its process with pidfd_getfd()) or to the system
 * (--system, through /dev/kvm); it lives as long as the link: while
 * 'policy load' runs, or, with --pin, as long as the pin.  What the kernel
 * says about policies comes from the VMs' binary statistics and from
 * sysfs (policy_state.c), not from debugfs.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "json_writer.h"
#include "opts.h"
#include "policy_state.h"
#include "tool.h"
#include "vms.h"

#define MAX_SETS	16
#define LOG_SIZE	(64 * 1024)


/* libbpf's messages, kept to explain a failed load. */
static char *log_buf;
static size_t log_len;
static int verbose;

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	if (verbose && (level != LIBBPF_DEBUG || verbose > 1)) {
		va_copy(copy, ap);
		vfprintf(stderr, fmt, copy);
		va_end(copy);
	}
	/* The verifier's log comes at warning level; debug is noise here. */
	if (!log_buf || level == LIBBPF_DEBUG || log_len >= LOG_SIZE - 1)
		return 0;
	n = vsnprintf(log_buf + log_len, LOG_SIZE - log_len, fmt, ap);
	if (n > 0)
		log_len += (size_t)n < LOG_SIZE - log_len ? (size_t)n : LOG_SIZE - 1 - log_len;
	return 0;
}

/* The last @nr lines of what libbpf said, indented. */
static void print_log_tail(int nr)
{
	const char *p = log_buf + log_len;
	int lines = 0;

	if (!log_len)
		return;
	while (p > log_buf && lines <= nr)
		if (*--p == '\n')
			lines++;
	if (*p == '\n')
		p++;
	fprintf(stderr, "  | ");
	for (; *p; p++) {
		fputc(*p, stderr);
		if (*p == '\n' && p[1])
			fprintf(stderr, "  | ");
	}
}

/*
 * Whether @value (@neg: negative, as a signed 64-bit number) fits the
 * integer type @t of @btf, of @size bytes; the type's name in @what.
 */
static bool fits_int(const struct btf *btf, const struct btf_type *t, __u32 size,
		     unsigned long long value, bool neg, const char **what)
{
	bool is_signed = false;
	unsigned int bits = size * 8;
	long long v = (long long)value;

	if (btf_is_int(t))
		is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
	else if (btf_is_enum(t) || btf_is_enum64(t))
		is_signed = btf_kflag(t);
	*what = btf__name_by_offset(btf, t->name_off);
	if (!*what || !**what)
		*what = is_signed ? "signed integer" : "unsigned integer";
	if (!is_signed)
		return !neg && (bits == 64 || value < 1ULL << bits);
	if (bits == 64)
		return neg || value <= (unsigned long long)INT64_MAX;
	return neg ? v >= -(1LL << (bits - 1)) : value < 1ULL << (bits - 1);
}

/*
 * --set VAR=VALUE: write a global integer of .data/.bss/.rodata before
 * load, refusing a value its type cannot hold.
 */
static int set_global(struct bpf_object *obj, const char *assignment)
{
	char name[128];
	const char *eq = strchr(assignment, '=');
	unsigned long long value;
	struct bpf_map *map;
	bool neg = false;
	char *end;

	if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof(name)) {
		gmt_err("--set wants VAR=VALUE, not '%s'", assignment);
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - assignment), assignment);
	errno = 0;
	if (eq[1] == '-') {
		neg = true;
		value = (unsigned long long)strtoll(eq + 1, &end, 0);
	} else {
		value = strtoull(eq + 1, &end, 0);
	}
	if (errno || !eq[1] || *end || (eq[1] != '-' && !isdigit((unsigned char)eq[1]))) {
		gmt_err("--set %s: bad number '%s'", name, eq + 1);
		return -1;
	}
	bpf_object__for_each_map(map, obj) {
		struct btf *btf = bpf_object__btf(obj);
		const struct btf_var_secinfo *vs;
		const struct btf_type *sec, *t;
		const char *what;
		size_t size;
		char *data;
		unsigned int i;
		int id;

		if (!bpf_map__is_internal(map) || !btf)
			continue;
		sec = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
		if (!sec || !btf_is_datasec(sec))
			continue;
		data = bpf_map__initial_value(map, &size);
		vs = btf_var_secinfos(sec);
		for (i = 0; i < btf_vlen(sec); i++, vs++) {
			const struct btf_type *var = btf__type_by_id(btf, vs->type);

			if (strcmp(btf__name_by_offset(btf, var->name_off), name))
				continue;
			id = btf__resolve_type(btf, var->type);
			t = id < 0 ? NULL : btf__type_by_id(btf, id);
			if (!data || !t || vs->offset + vs->size > size ||
			    !(btf_is_int(t) || btf_is_enum(t) || btf_is_enum64(t)) ||
			    (vs->size != 1 && vs->size != 2 && vs->size != 4 && vs->size != 8)) {
				gmt_err("--set %s: not a settable integer", name);
				return -1;
			}
			if (!fits_int(btf, t, vs->size, value, neg, &what)) {
				gmt_err("--set %s: %s does not fit its type (%s, %u bytes)",
					name, eq + 1, what, vs->size);
				return -1;
			}
			/* Little-endian: the low bytes of @value. */
			memcpy(data + vs->offset, &value, vs->size);
			return 0;
		}
	}
	gmt_err("--set %s: the object has no global variable of that name", name);
	return -1;
}

static unsigned int gmt_map_id(const struct bpf_map *map)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	return bpf_map_get_info_by_fd(bpf_map__fd(map), &info, &len) ? 0 : info.id;
}

/* Where the policy goes. */
struct target {
	bool system;
	struct gmt_vm vm;
	char desc[48];			/* "VM 123:4" or "the system" */
};

/*
 * The policy's state per the kernel: the VM's (its descriptor reopened, so
 * that we never hold the VM between calls) or the system's.  -errno if
 * the VM is gone.
 */
static int target_state(const struct target *t, struct gmt_policy_state *st)
{
	struct gmt_kvm_stats s;
	int r;

	if (t->system)
		return gmt_policy_system(st);
	r = gmt_vm_stats_open(&t->vm, &s);
	if (r)
		return r;
	r = gmt_policy_vm(&s, st);
	gmt_kvm_stats_close(&s);
	return r;
}

/*
 * kvm_gmem_ops in the running kernel's BTF (kvm.ko's, or vmlinux's), in
 * @ops of the returned BTF, which is freed with @*base (vmlinux's, when
 * the returned one is kvm.ko's split BTF on top of it).
 */
static struct btf *kernel_ops_btf(const struct btf_type **ops, struct btf **base)
{
	struct btf *vmlinux = btf__load_vmlinux_btf(), *btf = NULL;
	int id;

	*base = NULL;
	if (!vmlinux)
		return NULL;
	id = btf__find_by_name_kind(vmlinux, "kvm_gmem_ops", BTF_KIND_STRUCT);
	if (id > 0) {
		*ops = btf__type_by_id(vmlinux, id);
		return vmlinux;
	}
	btf = btf__load_module_btf("kvm", vmlinux);
	id = btf ? btf__find_by_name_kind(btf, "kvm_gmem_ops", BTF_KIND_STRUCT) : -1;
	if (id > 0) {
		*ops = btf__type_by_id(btf, id);
		*base = vmlinux;
		return btf;
	}
	btf__free(btf);
	btf__free(vmlinux);
	return NULL;
}

/* Whether struct @t of @btf has a member @name. */
static bool has_member(const struct btf *btf, const struct btf_type *t, const char *name)
{
	const struct btf_member *m = btf_members(t);
	__u32 i;

	for (i = 0; i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return true;
	return false;
}

/*
 * Every op the object implements in a section named after it
 * (SEC("struct_ops/OP"), as bpf/policies/policy.bpf.h declares them) must
 * be a member of the running kernel's kvm_gmem_ops: say which is missing
 * rather than let libbpf fail.  Sections named otherwise are left to
 * libbpf.  0, or 1 after printing what is wrong.
 */
static int check_ops(struct bpf_object *obj, const struct bpf_map *map, const char *path)
{
	const struct btf *obtf = bpf_object__btf(obj);
	const struct btf_type *ops = NULL, *local;
	struct bpf_program *prog;
	struct btf *base, *btf = kernel_ops_btf(&ops, &base);
	const char *sec, *op;
	int rc = 0;

	if (!btf) {
		gmt_err("this kernel has no guest_memfd policies: no kvm_gmem_ops in its BTF (CONFIG_KVM_GUEST_MEMFD_BPF, kvm loaded)");
		return 1;
	}
	local = obtf ? btf__type_by_id(obtf, bpf_map__btf_value_type_id(map)) : NULL;
	bpf_object__for_each_program(prog, obj) {
		sec = bpf_program__section_name(prog);
		if (!strncmp(sec, "struct_ops/", 11))
			op = sec + 11;
		else if (!strncmp(sec, "struct_ops.s/", 13))
			op = sec + 13;
		else
			continue;
		if (!local || !btf_is_struct(local) || !has_member(obtf, local, op))
			continue;
		if (!has_member(btf, ops, op)) {
			gmt_err("%s: this kernel's kvm_gmem_ops has no '%s' op", path, op);
			rc = 1;
		}
	}
	btf__free(btf);
	btf__free(base);
	return rc;
}

static bool policies_off(void)
{
	char buf[8] = "";
	FILE *f = fopen("/sys/module/kvm/parameters/gmem_policies", "r");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
	}
	return buf[0] == 'N';
}

/* Explain a failed attach (-@err) to @t. */
static void attach_error(const struct target *t, const char *path, int err)
{
	struct gmt_policy_state st;

	if (err == EBUSY && !target_state(t, &st))
		gmt_err("%s already has a policy%s%s%s; unload it first", t->desc,
			st.name[0] ? " ('" : "", st.name, st.name[0] ? "')" : "");
	else if (err == EPERM && policies_off())
		gmt_err("guest_memfd policies are switched off (kvm.gmem_policies=N)");
	else if (err == EPERM && t->system)
		gmt_err("%s: attaching the system-wide policy needs CAP_SYS_ADMIN", path);
	else
		gmt_err("%s: attaching to %s failed: %s", path, t->desc, strerror(err));
}

/*
 * One line for the end of @name's attachment: why (@st's exit, or
 * "detached" when we detached it) and the target's counters, which for a
 * VM count what any policy did for it.  @st is NULL if the VM is gone.
 */
static void print_end(const struct target *t, const char *name,
		      const struct gmt_policy_state *st, bool hup)
{
	char why[160];

	if (!st) {
		printf("policy '%s' on %s detached: %s\n", name, t->desc,
		       t->system ? "kvm was unloaded" : "the VM is gone");
		return;
	}
	gmt_policy_exit_str(&st->exit, why, sizeof(why));
	if (t->system && hup)	/* gone from sysfs with the policy */
		printf("policy '%s' on %s %s\n", name, t->desc, why);
	else
		printf("policy '%s' on %s %s (%llu calls, %llu denied, %llu invalid, %llu slow)\n",
		       name, t->desc, hup ? why : "detached", st->calls, st->denied,
		       st->invalid, st->slow);
}

/*
 * Hold the link @link_fd until SIGINT or SIGTERM (exit 0) or until the
 * kernel detaches it (EPOLLHUP: exit 1 if it ejected the policy).
 */
static int hold_link(int link_fd, const struct target *t, const char *name)
{
	struct gmt_policy_state st;
	struct pollfd pfd[2];
	sigset_t mask;
	bool have;
	int sfd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0) {
		gmt_err("signalfd: %s", strerror(errno));
		return 1;
	}
	pfd[0] = (struct pollfd){ .fd = link_fd, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	while (poll(pfd, 2, -1) < 0) {
		if (errno != EINTR) {
			gmt_err("poll: %s", strerror(errno));
			close(sfd);
			return 1;
		}
	}
	close(sfd);
	if (pfd[0].revents & POLLHUP) {
		if (target_state(t, &st)) {
			print_end(t, name, NULL, true);
			return 0;
		}
		print_end(t, name, &st, true);
		return st.exit.kind == KVM_GMEM_POLICY_EXIT_DETACHED ? 0 : 1;
	}
	/* The counters before we detach: the system's go with the policy. */
	have = !target_state(t, &st);
	bpf_link_detach(link_fd);
	if (have && !t->system)
		have = !target_state(t, &st);
	print_end(t, name, have ? &st : NULL, false);
	return 0;
}

/* Point the link pinned at @pin to @ops: the kernel swaps the policies. */
static int replace_policy(const char *pin, struct bpf_map *ops, const char *path)
{
	struct bpf_link *link;
	int err;

	link = bpf_link__open(pin);
	if (!link) {
		gmt_err("no policy link pinned at %s: %s", pin, strerror(errno));
		return 1;
	}
	err = bpf_link__update_map(link, ops);
	bpf_link__disconnect(link);
	bpf_link__destroy(link);
	if (err) {
		gmt_err("%s: replacing the policy linked at %s: %s", path, pin, strerror(-err));
		return 1;
	}
	printf("replaced the policy linked at %s with '%s' (struct_ops map id %u)\n", pin,
	       bpf_map__name(ops), gmt_map_id(ops));
	return 0;
}

struct load_opts {
	const char *sets[MAX_SETS];
	int nsets;
	const char *pin, *replace, *vm;
	bool system;
};

enum { OPT_VM = GMT_OPT_OWN, OPT_SYSTEM, OPT_PIN, OPT_REPLACE, OPT_SET };

static int load_opt(void *ctx, int c, const char *arg)
{
	struct load_opts *lo = ctx;

	switch (c) {
	case OPT_PIN:
		lo->pin = arg;
		return 0;
	case OPT_REPLACE:
		lo->replace = arg;
		return 0;
	case OPT_VM:
		lo->vm = arg;
		return 0;
	case OPT_SYSTEM:
		lo->system = true;
		return 0;
	case OPT_SET:
		if (lo->nsets == MAX_SETS) {
			gmt_err("at most %d --set", MAX_SETS);
			return 1;
		}
		lo->sets[lo->nsets++] = arg;
		return 0;
	}
	return 0;
}

#define OPT_VM_HELP "the VM of process PID\n(descriptor FD if it has several)"

static const struct gmt_opt load_options[] = {
	{ OPT_VM, "vm", "PID[:FD]", "attach to " OPT_VM_HELP },
	{ OPT_SYSTEM, "system", NULL, "attach as the system-wide policy (CAP_SYS_ADMIN)" },
	{ OPT_PIN, "pin", "PATH", "pin the policy's link in bpffs and return" },
	{ OPT_REPLACE, "replace", "PATH", "atomically replace the policy whose link is\n"
	  "pinned at PATH" },
	{ OPT_SET, "set", "VAR=VALUE", "set a global integer of the object before\n"
	  "loading (checked against its type)" },
	{ 0 }
};

static const struct gmt_cmd_spec load_spec = {
	.usage = "gmemtrace policy load OBJ (--vm PID[:FD] | --system) [--pin PATH] [--set VAR=VALUE]...\n"
		 "gmemtrace policy load OBJ --replace PATH [--set VAR=VALUE]...",
	.about = "Load the guest_memfd policy in OBJ and attach it to a VM or to the\n"
		 "system.  It stays attached while 'policy load' runs (Ctrl-C detaches it),\n"
		 "or as long as its pin with --pin.  If the kernel ejects it, 'policy load'\n"
		 "prints why and exits with 1.\n",
	.common = GMT_COMMON_VERBOSE,
	.opts = load_options,
	.epilog = "examples:\n"
		  "  gmemtrace policy load build/policies/deny_range.bpf.o \\\n"
		  "          --vm $(pidof qemu-system-x86_64) --set deny_end=16\n"
		  "  gmemtrace policy load build/policies/lazy_merge.bpf.o --system --pin /sys/fs/bpf/lazy\n",
	.own = load_opt,
};

static const struct gmt_opt unload_options[] = {
	{ OPT_VM, "vm", "PID[:FD]", "detach the policy of " OPT_VM_HELP },
	{ OPT_SYSTEM, "system", NULL, "detach the system-wide policy" },
	{ 0 }
};

static const struct gmt_cmd_spec unload_spec = {
	.usage = "gmemtrace policy unload (PATH | --vm PID[:FD] | --system)",
	.about = "Detach a policy: the one linked at PATH in bpffs, a VM's, or the\n"
		 "system-wide one.\n",
	.opts = unload_options,
	.epilog = "example:\n  gmemtrace policy unload /sys/fs/bpf/lazy\n",
	.own = load_opt,
};

static int no_opt(void *ctx __attribute__((unused)), int c __attribute__((unused)),
		  const char *arg __attribute__((unused)))
{
	return 0;
}

static const struct gmt_cmd_spec list_spec = {
	.usage = "gmemtrace policy list [-j]",
	.about = "The system-wide policy and every VM we may look at: scope, policy,\n"
		 "state, counters and the last exit reason, also after the policy is gone.\n",
	.common = GMT_COMMON_JSON,
	.own = no_opt,
};

static const struct gmt_cmd_spec *const policy_specs[] = { &load_spec, &list_spec, &unload_spec };

/* 'gmemtrace policy --help': every form, and where each one's options are. */
static void usage(FILE *f)
{
	size_t i;

	for (i = 0; i < sizeof(policy_specs) / sizeof(policy_specs[0]); i++)
		gmt_usage_lines(policy_specs[i], !i, f);
	fprintf(f, "\nManage guest_memfd policies: BPF struct_ops (kvm_gmem_ops) that decide\n"
		"whether ranges may be converted between shared and private and how huge\n"
		"folios are split and merged.  A policy governs one VM, or, attached to the\n"
		"system, every VM without its own.\n\n"
		"'gmemtrace policy COMMAND --help' gives a command's options.\n");
}

/* The target of @lo in @t: 0, or the exit status after printing why not. */
static int resolve_target(const struct load_opts *lo, struct target *t)
{
	int r;

	memset(t, 0, sizeof(*t));
	if (!!lo->vm + lo->system != 1) {
		gmt_err("policy load: give one of --vm PID[:FD] and --system");
		return 2;
	}
	t->system = lo->system;
	if (t->system) {
		snprintf(t->desc, sizeof(t->desc), "the system");
		return 0;
	}
	r = gmt_vm_resolve(lo->vm, &t->vm);
	if (r)
		return r;
	snprintf(t->desc, sizeof(t->desc), "VM %d:%d", t->vm.pid, t->vm.fd);
	return 0;
}

/* A descriptor of @t for the link's target_fd, or -1 after printing why. */
static int target_fd(const struct target *t)
{
	int fd;

	if (t->system) {
		fd = open("/dev/kvm", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			gmt_err("/dev/kvm: %s", strerror(errno));
		return fd;
	}
	fd = gmt_vm_open(&t->vm);
	if (fd < 0)
		gmt_err("%s: cannot take its descriptor: %s%s", t->desc, strerror(-fd),
			fd == -EPERM ? " (needs ptrace access to the process)" : "");
	return fd;
}

static int policy_load(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_struct_ops_opts, sopts, .flags = BPF_F_LINK_TARGET_FD);
	struct bpf_link *link = NULL;
	struct load_opts lo = {};
	struct bpf_object *obj = NULL;
	struct bpf_map *map, *ops = NULL;
	struct gmt_opts o;
	struct target t;
	const char *path;
	char caps[128];
	int i, err, fd, rc = 1;

	rc = gmt_parse(argc, argv, &load_spec, &o, &lo);
	if (rc)
		return rc == 1 ? 0 : rc;
	verbose = o.verbose;
	rc = 1;
	if (optind != argc - 1) {
		gmt_err("policy load: one object file expected");
		gmt_usage(&load_spec, stderr);
		return 2;
	}
	path = argv[optind];
	if (lo.replace && (lo.pin || lo.vm || lo.system)) {
		gmt_err("--replace takes the target of the policy it replaces: no --pin, --vm or --system");
		return 2;
	}
	if (!lo.replace && (err = resolve_target(&lo, &t)))
		return err;

	log_buf = calloc(1, LOG_SIZE);
	log_len = 0;
	libbpf_set_print(capture_print);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		gmt_err("%s: %s", path, strerror(errno));
		goto out;
	}
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		if (ops) {
			gmt_err("%s: more than one struct_ops map; load one policy at a time", path);
			goto out;
		}
		ops = map;
	}
	if (!ops) {
		gmt_err("%s: no struct_ops map: not a guest_memfd policy", path);
		goto out;
	}
	if (!(bpf_map__map_flags(ops) & BPF_F_LINK)) {
		gmt_err("%s: its map is in SEC(\".struct_ops\"); guest_memfd policies attach with a link: SEC(\".struct_ops.link\")",
			path);
		goto out;
	}
	for (i = 0; i < lo.nsets; i++)
		if (set_global(obj, lo.sets[i]))
			goto out;
	if (check_ops(obj, ops, path))
		goto out;

	err = bpf_object__load(obj);
	if (err) {
		gmt_missing_caps(caps, sizeof(caps));
		if (caps[0]) {
			gmt_err("%s: loading failed: %s: missing %s", path, strerror(-err), caps);
			goto out;
		}
	}
	if (err) {
		gmt_err("%s: loading failed (%s); what libbpf and the verifier said:",
			path, strerror(-err));
		print_log_tail(20);
		goto out;
	}
	if (lo.replace) {
		rc = replace_policy(lo.replace, ops, path);
		goto out;
	}

	fd = target_fd(&t);
	if (fd < 0)
		goto out;
	sopts.target_fd = fd;
	link = bpf_map__attach_struct_ops_opts(ops, &sopts);
	err = errno;
	/* The link does not hold the VM, and neither do we. */
	close(fd);
	if (!link) {
		attach_error(&t, path, err);
		goto out;
	}
	if (lo.pin) {
		err = bpf_link__pin(link, lo.pin);
		if (err) {
			gmt_err("pinning at %s: %s", lo.pin, strerror(-err));
			goto out;
		}
		bpf_link__disconnect(link);
		printf("attached guest_memfd policy '%s' to %s (struct_ops map id %u), pinned at %s\n",
		       bpf_map__name(ops), t.desc, gmt_map_id(ops), lo.pin);
		rc = 0;
		goto out;
	}
	printf("attached guest_memfd policy '%s' to %s (struct_ops map id %u); Ctrl-C detaches it\n",
	       bpf_map__name(ops), t.desc, gmt_map_id(ops));
	fflush(stdout);
	rc = hold_link(bpf_link__fd(link), &t, bpf_map__name(ops));
out:
	bpf_link__destroy(link);
	bpf_object__close(obj);
	free(log_buf);
	log_buf = NULL;
	return rc;
}

/* One row of 'policy list'. */
struct row {
	const char *scope;		/* "system" or "vm" */
	struct gmt_vm vm;
	struct gmt_policy_state st;
	struct gmt_gmem_counts gmem;	/* a VM's */
};

static void print_row_text(const struct row *r)
{
	char target[32], why[160];

	if (!strcmp(r->scope, "system"))
		snprintf(target, sizeof(target), "-");
	else
		snprintf(target, sizeof(target), "%d:%d", r->vm.pid, r->vm.fd);
	gmt_policy_exit_str(&r->st.exit, why, sizeof(why));
	printf("%-7s %-10s %-16s %7u %-9s %8llu %8llu %8llu %8llu %8llu %6llu %6llu  %s%s%s%s\n",
	       r->scope, target, r->st.map_id ? (r->st.name[0] ? r->st.name : "?") : "-",
	       r->st.map_id, r->st.map_id ? "attached" : "-", r->st.calls, r->st.allowed,
	       r->st.denied, r->st.deferred, r->st.invalid, r->st.slow, r->st.ejections, why,
	       r->st.exit.kind ? " (" : "", r->st.exit.kind ? (r->st.exit.name[0] ? r->st.exit.name : "?") : "",
	       r->st.exit.kind ? ")" : "");
}

static void print_row_json(struct json_writer *jw, const struct row *r)
{
	char why[160];

	jw_start_object(jw);
	jw_string_field(jw, "scope", r->scope);
	if (strcmp(r->scope, "system")) {
		jw_u64_field(jw, "pid", r->vm.pid);
		jw_u64_field(jw, "fd", r->vm.fd);
	}
	jw_string_field(jw, "name", r->st.name);
	jw_u64_field(jw, "map_id", r->st.map_id);
	jw_string_field(jw, "state", r->st.map_id ? "attached" : "none");
	jw_u64_field(jw, "calls", r->st.calls);
	jw_u64_field(jw, "allowed", r->st.allowed);
	jw_u64_field(jw, "denied", r->st.denied);
	jw_u64_field(jw, "deferred", r->st.deferred);
	jw_u64_field(jw, "invalid", r->st.invalid);
	jw_u64_field(jw, "slow", r->st.slow);
	jw_u64_field(jw, "defer_expired", r->st.defer_expired);
	jw_u64_field(jw, "ejections", r->st.ejections);
	jw_name(jw, "last_exit");
	jw_start_object(jw);
	jw_string_field(jw, "kind", gmt_policy_exit_kind(r->st.exit.kind));
	jw_string_field(jw, "op", gmt_policy_op(r->st.exit.op));
	jw_s64_field(jw, "value", r->st.exit.value);
	jw_u64_field(jw, "map_id", r->st.exit.map_id);
	jw_string_field(jw, "name", r->st.exit.name);
	jw_u64_field(jw, "boottime_ns", r->st.exit.time_ns);
	gmt_policy_exit_str(&r->st.exit, why, sizeof(why));
	jw_string_field(jw, "reason", why);
	jw_end_object(jw);
	if (strcmp(r->scope, "system")) {
		jw_name(jw, "gmem");
		jw_start_object(jw);
#define GMT_GMEM_JSON(n) jw_u64_field(jw, #n, r->gmem.n);
		GMT_GMEM_COUNTERS(GMT_GMEM_JSON)
#undef GMT_GMEM_JSON
		jw_end_object(jw);
	}
	jw_end_object(jw);
}

/*
 * The rows of the VMs whose statistics we can read, after the system row,
 * in *@rows (malloc()ed): how many rows, or -errno.  @hidden[0] counts the
 * VMs we found but may not open, @hidden[1] the processes whose descriptors
 * we may not read.
 */
static int list_rows(struct row **rows, int hidden[2])
{
	struct gmt_kvm_stats s;
	struct gmt_vm_list l;
	int i, n = 1, r;

	r = gmt_vm_list(0, &l);
	if (r)
		return r;
	*rows = calloc(l.nr + 1, sizeof(**rows));
	if (!*rows) {
		gmt_vm_list_free(&l);
		return -ENOMEM;
	}
	hidden[0] = 0;
	hidden[1] = l.unreadable;
	for (i = 0; i < l.nr; i++) {
		if (gmt_vm_stats_open(&l.vms[i], &s)) {
			hidden[0]++;
			continue;
		}
		(*rows)[n] = (struct row){ .scope = "vm", .vm = l.vms[i] };
		if (!gmt_policy_vm(&s, &(*rows)[n].st) && !gmt_gmem_vm(&s, &(*rows)[n].gmem))
			n++;
		gmt_kvm_stats_close(&s);
	}
	gmt_vm_list_free(&l);
	return n;
}

static int policy_list(int argc, char **argv)
{
	struct json_writer *jw;
	struct row *rows = NULL;
	struct gmt_opts o;
	int i, n, r, hidden[2] = { 0, 0 };

	r = gmt_parse(argc, argv, &list_spec, &o, NULL);
	if (r)
		return r == 1 ? 0 : r;
	if (optind != argc) {
		gmt_err("policy list: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	n = list_rows(&rows, hidden);
	if (n < 0) {
		gmt_err("policy list: %s", strerror(-n));
		return 1;
	}
	rows[0].scope = "system";
	r = gmt_policy_system(&rows[0].st);
	if (r == -ENOENT) {
		free(rows);
		gmt_err("this kernel has no guest_memfd policies (no %s: CONFIG_KVM_GUEST_MEMFD_BPF, kvm loaded)",
			GMT_POLICY_SYSFS);
		return 1;
	}
	if (r) {
		free(rows);
		gmt_err("%s: %s", GMT_POLICY_SYSFS, strerror(-r));
		return 1;
	}
	if (o.json) {
		jw = jw_new(stdout);
		if (!jw) {
			free(rows);
			gmt_err("out of memory");
			return 1;
		}
		jw_start_array(jw);
		for (i = 0; i < n; i++)
			print_row_json(jw, &rows[i]);
		jw_end_array(jw);
		jw_eol(jw);
		jw_destroy(&jw);
	} else {
		printf("%-7s %-10s %-16s %7s %-9s %8s %8s %8s %8s %8s %6s %6s  %s\n", "SCOPE",
		       "VM", "NAME", "MAP_ID", "STATE", "CALLS", "ALLOWED", "DENIED",
		       "DEFERRED", "INVALID", "SLOW", "EJECT", "LAST EXIT");
		for (i = 0; i < n; i++)
			print_row_text(&rows[i]);
	}
	free(rows);
	/* Other users', or ours where ptrace access is restricted (Yama). */
	if (hidden[0])
		fprintf(stderr, "gmemtrace: %d VM%s not shown: no ptrace access to %s process\n",
			hidden[0], hidden[0] > 1 ? "s" : "", hidden[0] > 1 ? "their" : "its");
	if (hidden[1])
		fprintf(stderr, "gmemtrace: %d process%s not searched for VMs: no access to %s descriptors\n",
			hidden[1], hidden[1] > 1 ? "es" : "", hidden[1] > 1 ? "their" : "its");
	return 0;
}

/* The struct_ops link holding map @map_id: its fd, -1 if none, -2 if several. */
static int find_link(unsigned int map_id)
{
	struct bpf_link_info info;
	__u32 id = 0, len;
	int fd, found = -1;

	while (!bpf_link_get_next_id(id, &id)) {
		fd = bpf_link_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (!bpf_link_get_info_by_fd(fd, &info, &len) &&
		    info.type == BPF_LINK_TYPE_STRUCT_OPS && info.struct_ops.map_id == map_id) {
			if (found >= 0) {
				close(found);
				close(fd);
				return -2;
			}
			found = fd;
			continue;
		}
		close(fd);
	}
	return found;
}

static int policy_unload(int argc, char **argv)
{
	struct gmt_policy_state st;
	struct load_opts lo = {};
	struct target t;
	const char *pin = NULL;
	int r, fd;

	r = gmt_parse(argc, argv, &unload_spec, NULL, &lo);
	if (r)
		return r == 1 ? 0 : r;
	if (optind < argc)
		pin = argv[optind++];
	if (optind != argc || !!pin + !!lo.vm + lo.system != 1) {
		gmt_err("policy unload: give one of PATH, --vm PID[:FD] and --system");
		gmt_usage(&unload_spec, stderr);
		return 2;
	}
	if (pin) {
		struct bpf_link_info info = {};
		__u32 len = sizeof(info);

		fd = bpf_obj_get(pin);
		if (fd < 0) {
			gmt_err("no policy link pinned at %s: %s", pin, strerror(errno));
			return 1;
		}
		if (bpf_link_get_info_by_fd(fd, &info, &len) ||
		    info.type != BPF_LINK_TYPE_STRUCT_OPS) {
			gmt_err("%s is not a guest_memfd policy's link", pin);
			close(fd);
			return 1;
		}
		r = bpf_link_detach(fd) ? -errno : 0;
		close(fd);
		if (!r && unlink(pin))
			r = -errno;
		if (r) {
			gmt_err("unloading the policy linked at %s: %s", pin, strerror(-r));
			return 1;
		}
		printf("detached the policy linked at %s\n", pin);
		return 0;
	}
	r = resolve_target(&lo, &t);
	if (r)
		return r;
	r = target_state(&t, &st);
	if (r || !st.map_id) {
		gmt_err("%s has no policy%s", t.desc, r ? " (cannot read its state)" : "");
		return 1;
	}
	fd = find_link(st.map_id);
	if (fd < 0) {
		gmt_err("%s: %s", t.desc, fd == -2 ?
			"its policy's map has several links; unload it by its pin" :
			"no link holds its policy's map");
		return 1;
	}
	r = bpf_link_detach(fd) ? -errno : 0;
	close(fd);
	if (r) {
		gmt_err("unloading the policy of %s: %s", t.desc, strerror(-r));
		return 1;
	}
	printf("detached policy '%s' from %s (%llu calls, %llu denied, %llu invalid)\n",
	       st.name, t.desc, st.calls, st.denied, st.invalid);
	return 0;
}

int cmd_policy(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "load"))
		return policy_load(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return policy_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "unload"))
		return policy_unload(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	gmt_err("policy: unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
