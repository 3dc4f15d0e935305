// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace policy: load, list and unload guest_memfd policies, BPF
 * struct_ops of type kvm_gmem_ops (see bpf/policies/).
 *
 * The kernel keeps at most one policy and describes it in the debugfs file
 * kvm/guest_memfd_policy; list and unload read it.  A policy whose map is
 * declared in SEC(".struct_ops") stays registered after we exit, like with
 * 'bpftool struct_ops register'; one in SEC(".struct_ops.link") lives as
 * long as its link, so it needs --pin.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "json_writer.h"
#include "tool.h"

#define POLICY_FILE	"/sys/kernel/debug/kvm/guest_memfd_policy"
#define MAX_SETS	16
#define LOG_SIZE	(64 * 1024)

struct policy_info {
	char name[64];
	unsigned int map_id;
	unsigned long long attached_ns, calls, allowed, denied, invalid;
	unsigned long long split_calls, split_denied, merge_calls, merge_deferred, merge_never;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gmemtrace policy load OBJ [--pin PATH | --replace PATH] [--set VAR=VALUE]...\n"
		"       gmemtrace policy list [-j]\n"
		"       gmemtrace policy unload NAME\n\n"
		"Manage the guest_memfd policy: a BPF struct_ops (kvm_gmem_ops) that\n"
		"decides whether a range may be converted between shared and private.\n"
		"One policy at a time; it stays attached after gmemtrace exits.\n\n"
		"  --pin PATH       pin the policy's struct_ops map (or its link) in bpffs\n"
		"  --replace PATH   atomically replace the policy whose link is pinned at PATH\n"
		"                   (both in .struct_ops.link); the pin then holds the new one\n"
		"  --set VAR=VALUE  set a global variable of the object before loading\n"
		"  -j, --json       JSON output\n"
		"  -v, --verbose    libbpf messages\n\n"
		"examples:\n"
		"  gmemtrace policy load build/policies/deny_range.bpf.o --set deny_end=16\n"
		"  gmemtrace policy list\n"
		"  gmemtrace policy unload deny_range\n");
}

/*
 * The attached policy per the kernel: 1 and @p filled, 0 if none, -1 after
 * printing why the kernel cannot say.
 */
static int read_policy(struct policy_info *p)
{
	FILE *f = fopen(POLICY_FILE, "r");
	char line[512];
	int n;

	if (!f) {
		if (errno == ENOENT && access("/sys/kernel/debug/kvm", F_OK) == 0)
			gmt_err("this kernel has no guest_memfd policy support (no %s)",
				POLICY_FILE);
		else if (errno == ENOENT)
			gmt_err("%s not found: is debugfs mounted and KVM loaded?", POLICY_FILE);
		else
			gmt_err("%s: %s", POLICY_FILE, strerror(errno));
		return -1;
	}
	memset(p, 0, sizeof(*p));
	n = 0;
	if (fgets(line, sizeof(line), f))
		n = sscanf(line,
			   "name=%63s map_id=%u attached_ns=%llu calls=%llu allowed=%llu denied=%llu invalid=%llu split_calls=%llu split_denied=%llu merge_calls=%llu merge_deferred=%llu merge_never=%llu",
			   p->name, &p->map_id, &p->attached_ns, &p->calls, &p->allowed,
			   &p->denied, &p->invalid, &p->split_calls, &p->split_denied,
			   &p->merge_calls, &p->merge_deferred, &p->merge_never);
	fclose(f);
	if (n == 0)
		return 0;
	/* Kernels without huge folio ops have only the first seven. */
	if (n != 7 && n != 12) {
		gmt_err("cannot parse %s: '%s'", POLICY_FILE, line);
		return -1;
	}
	return 1;
}

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

/* --set VAR=VALUE: write a global of .data/.bss/.rodata before load. */
static int set_global(struct bpf_object *obj, const char *assignment)
{
	char name[128];
	const char *eq = strchr(assignment, '=');
	unsigned long long value;
	struct bpf_map *map;
	char *end;

	if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof(name)) {
		gmt_err("--set wants VAR=VALUE, not '%s'", assignment);
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - assignment), assignment);
	errno = 0;
	value = strtoull(eq + 1, &end, 0);
	if (errno || !eq[1] || *end) {
		if (eq[1] == '-') {
			errno = 0;
			value = (unsigned long long)strtoll(eq + 1, &end, 0);
		}
		if (errno || !eq[1] || *end) {
			gmt_err("--set %s: bad number '%s'", name, eq + 1);
			return -1;
		}
	}
	bpf_object__for_each_map(map, obj) {
		struct btf *btf = bpf_object__btf(obj);
		const struct btf_var_secinfo *vs;
		const struct btf_type *sec;
		size_t size;
		char *data;
		unsigned int i;

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
			if (!data || vs->offset + vs->size > size ||
			    (vs->size != 1 && vs->size != 2 && vs->size != 4 && vs->size != 8)) {
				gmt_err("--set %s: not a settable integer", name);
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

/* Point the link pinned at @pin to @ops: the kernel swaps the policies. */
static int replace_policy(const char *pin, struct bpf_map *ops, const char *path)
{
	struct policy_info old, cur;
	struct bpf_link *link;
	int err;

	if (read_policy(&old) < 0)
		return 1;
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
	if (read_policy(&cur) > 0)
		printf("replaced guest_memfd policy '%s' with '%s' (struct_ops map id %u)\n",
		       old.name, cur.name, cur.map_id);
	return 0;
}

static int policy_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pin", required_argument, NULL, 'P' },
		{ "replace", required_argument, NULL, 'R' },
		{ "set", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL }
	};
	const char *sets[MAX_SETS], *pin = NULL, *replace = NULL, *path;
	struct bpf_object *obj = NULL;
	struct bpf_link *link = NULL;
	struct policy_info cur;
	struct bpf_map *map, *ops = NULL;
	int c, i, nsets = 0, err, rc = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'P':
			pin = optarg;
			break;
		case 'R':
			replace = optarg;
			break;
		case 's':
			if (nsets == MAX_SETS) {
				gmt_err("at most %d --set", MAX_SETS);
				return 2;
			}
			sets[nsets++] = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		gmt_err("policy load: one object file expected");
		usage(stderr);
		return 2;
	}
	path = argv[optind];

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
	for (i = 0; i < nsets; i++)
		if (set_global(obj, sets[i]))
			goto out;
	if (replace && (pin || !(bpf_map__map_flags(ops) & BPF_F_LINK))) {
		gmt_err("--replace needs a policy in .struct_ops.link, and no --pin");
		goto out;
	}
	if ((bpf_map__map_flags(ops) & BPF_F_LINK) && !pin && !replace) {
		/* .struct_ops.link: the policy would go when we exit. */
		gmt_err("%s: its map is in .struct_ops.link: give --pin PATH so that the link outlives gmemtrace",
			path);
		goto out;
	}

	err = bpf_object__load(obj);
	if (err == -EPERM && geteuid()) {
		gmt_err("%s: loading a policy needs root (CAP_BPF and CAP_PERFMON)", path);
		goto out;
	}
	if (err) {
		if (strstr(log_buf, "kvm_gmem_ops") && strstr(log_buf, "not found"))
			gmt_err("%s: this kernel has no kvm_gmem_ops struct_ops type", path);
		else
			gmt_err("%s: loading failed (%s); what libbpf and the verifier said:",
				path, strerror(-err));
		print_log_tail(20);
		goto out;
	}
	if (replace) {
		rc = replace_policy(replace, ops, path);
		goto out;
	}
	link = bpf_map__attach_struct_ops(ops);
	if (!link) {
		err = -errno;
		if (err == -EBUSY && read_policy(&cur) > 0)
			gmt_err("policy '%s' is already attached; unload it first (gmemtrace policy unload %s)",
				cur.name, cur.name);
		else
			gmt_err("%s: attaching failed: %s", path, strerror(-err));
		goto out;
	}
	if (pin) {
		err = (bpf_map__map_flags(ops) & BPF_F_LINK) ? bpf_link__pin(link, pin) : bpf_map__pin(ops, pin);
		if (err) {
			gmt_err("pinning at %s: %s", pin, strerror(-err));
			goto out;
		}
	}
	/* The kernel holds the registration; our handle may go. */
	bpf_link__disconnect(link);
	if (read_policy(&cur) > 0)
		printf("registered guest_memfd policy '%s' (struct_ops map id %u)\n",
		       cur.name, cur.map_id);
	rc = 0;
out:
	bpf_link__destroy(link);
	bpf_object__close(obj);
	free(log_buf);
	log_buf = NULL;
	return rc;
}

static void print_time(unsigned long long attached_ns, char *buf, size_t len)
{
	struct timespec boot, wall;
	time_t t;
	struct tm tm;

	clock_gettime(CLOCK_BOOTTIME, &boot);
	clock_gettime(CLOCK_REALTIME, &wall);
	t = wall.tv_sec - (boot.tv_sec - (time_t)(attached_ns / 1000000000ULL));
	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

static int policy_list(int argc, char **argv)
{
	struct json_writer *jw = NULL;
	struct policy_info p;
	bool json = false;
	char when[32];
	int c, r;

	optind = 1;
	while ((c = getopt(argc, argv, "jh")) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		gmt_err("policy list: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	r = read_policy(&p);
	if (r < 0)
		return 1;
	if (r)
		print_time(p.attached_ns, when, sizeof(when));
	if (json) {
		jw = jw_new(stdout);
		jw_start_array(jw);
		if (r) {
			jw_start_object(jw);
			jw_string_field(jw, "name", p.name);
			jw_u64_field(jw, "map_id", p.map_id);
			jw_u64_field(jw, "attached_boottime_ns", p.attached_ns);
			jw_string_field(jw, "attached", when);
			jw_u64_field(jw, "calls", p.calls);
			jw_u64_field(jw, "allowed", p.allowed);
			jw_u64_field(jw, "denied", p.denied);
			jw_u64_field(jw, "invalid", p.invalid);
			jw_u64_field(jw, "split_calls", p.split_calls);
			jw_u64_field(jw, "split_denied", p.split_denied);
			jw_u64_field(jw, "merge_calls", p.merge_calls);
			jw_u64_field(jw, "merge_deferred", p.merge_deferred);
			jw_u64_field(jw, "merge_never", p.merge_never);
			jw_end_object(jw);
		}
		jw_end_array(jw);
		jw_eol(jw);
		jw_destroy(&jw);
		return 0;
	}
	printf("%-20s %7s %-19s %10s %10s %10s %10s %10s %10s %10s %10s %10s\n", "NAME",
	       "MAP_ID", "ATTACHED", "CALLS", "ALLOWED", "DENIED", "INVALID", "SPLITS",
	       "VETOED", "MERGES", "DEFERRED", "NEVER");
	if (r)
		printf("%-20s %7u %-19s %10llu %10llu %10llu %10llu %10llu %10llu %10llu %10llu %10llu\n",
		       p.name, p.map_id, when, p.calls, p.allowed, p.denied, p.invalid,
		       p.split_calls, p.split_denied, p.merge_calls, p.merge_deferred,
		       p.merge_never);
	return 0;
}

/* The struct_ops link holding map @map_id, or -1. */
static int find_link(unsigned int map_id)
{
	struct bpf_link_info info;
	__u32 id = 0, len;
	int fd;

	while (!bpf_link_get_next_id(id, &id)) {
		fd = bpf_link_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (!bpf_link_get_info_by_fd(fd, &info, &len) &&
		    info.type == BPF_LINK_TYPE_STRUCT_OPS && info.struct_ops.map_id == map_id)
			return fd;
		close(fd);
	}
	return -1;
}

static int policy_unload(int argc, char **argv)
{
	struct policy_info p;
	int fd, err, zero = 0;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (argc != 2) {
		gmt_err("policy unload: one policy name expected");
		usage(stderr);
		return 2;
	}
	err = read_policy(&p);
	if (err < 0)
		return 1;
	if (!err || strcmp(p.name, argv[1])) {
		if (err)
			gmt_err("no policy '%s' is attached (the attached one is '%s')", argv[1],
				p.name);
		else
			gmt_err("no policy '%s' is attached (none is)", argv[1]);
		return 1;
	}
	fd = find_link(p.map_id);
	if (fd >= 0) {
		err = bpf_link_detach(fd) ? -errno : 0;
		close(fd);
	} else {
		fd = bpf_map_get_fd_by_id(p.map_id);
		if (fd < 0) {
			gmt_err("struct_ops map %u of '%s': %s", p.map_id, p.name, strerror(errno));
			return 1;
		}
		err = bpf_map_delete_elem(fd, &zero) ? -errno : 0;
		close(fd);
	}
	if (err) {
		gmt_err("unloading '%s': %s", p.name, strerror(-err));
		return 1;
	}
	printf("unregistered guest_memfd policy '%s' (%llu calls, %llu denied, %llu invalid)\n",
	       p.name, p.calls, p.denied, p.invalid);
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
