// SPDX-License-Identifier: GPL-2.0
/*
 * What gmemtrace record notes of the system it measures: the kernel's
 * release, configuration (its SHA-256) and command line, the CPU model and
 * count, and whether it runs on bare metal, in a virtual machine or
 * emulated (CPUID's hypervisor bit and signature, and DMI).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "env.h"
#include "json_writer.h"

#define CPUINFO_MAX	(64 << 10)	/* the first CPU's lines are enough */
#define SIG_LEN		12

/* Known CPUID 0x40000000 signatures. */
static const struct {
	char sig[SIG_LEN + 1];
	const char *name;
	const char *kind;
} hypervisors[] = {
	{ "KVMKVMKVM\0\0\0", "KVM", "virtual machine" },
	{ "TCGTCGTCGTCG", "QEMU TCG", "emulated" },
	{ "Microsoft Hv", "Hyper-V", "virtual machine" },
	{ "VMwareVMware", "VMware", "virtual machine" },
	{ "XenVMMXenVMM", "Xen", "virtual machine" },
	{ "VBoxVBoxVBox", "VirtualBox", "virtual machine" },
	{ "bhyve bhyve ", "bhyve", "virtual machine" },
	{ " lrpepyh  vr", "Parallels", "virtual machine" },
	{ "ACRNACRNACRN", "ACRN", "virtual machine" },
};

/*
 * The beginning of @path in @buf, trailing white space dropped; false if
 * it cannot be read or is empty.
 */
static bool read_text(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	buf[0] = 0;
	if (!f)
		return false;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	while (n && strchr(" \t\n", buf[n - 1]))
		n--;
	buf[n] = 0;
	return n > 0;
}

bool gmt_env_cpuinfo(const char *info, const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key);
	const char *line, *end, *v;

	for (line = info; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		end = end ? end : line + strlen(line);
		if (strncmp(line, key, klen))
			continue;
		for (v = line + klen; v < end && (*v == ' ' || *v == '\t'); v++)
			;
		if (v == end || *v != ':')
			continue;
		for (v++; v < end && *v == ' '; v++)
			;
		while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		snprintf(buf, len, "%.*s", (int)(end - v), v);
		return true;
	}
	return false;
}

bool gmt_env_cpu_flag(const char *info, const char *flag)
{
	size_t n = strlen(flag);
	char flags[8192];
	const char *w;

	if (!gmt_env_cpuinfo(info, "flags", flags, sizeof(flags)))
		return false;
	for (w = flags; (w = strstr(w, flag)); w += n)
		if ((w == flags || w[-1] == ' ') && (!w[n] || w[n] == ' '))
			return true;
	return false;
}

void gmt_env_host_kind(bool hypervisor, const char *signature, const char *vendor,
		       const char *product, char *buf, size_t len)
{
	const char *kind = hypervisor ? "virtual machine" : "bare metal", *hv = "";
	char sig[SIG_LEN + 1] = "", machine[256];
	size_t i;

	if (signature && memcmp(signature, "\0\0\0\0\0\0\0\0\0\0\0\0", SIG_LEN)) {
		kind = "virtual machine";
		for (i = 0; i < SIG_LEN; i++)
			sig[i] = signature[i] > ' ' && signature[i] < 0x7f ? signature[i] : ' ';
		hv = sig;
		for (i = 0; i < sizeof(hypervisors) / sizeof(hypervisors[0]); i++) {
			if (!memcmp(signature, hypervisors[i].sig, SIG_LEN)) {
				hv = hypervisors[i].name;
				kind = hypervisors[i].kind;
				break;
			}
		}
	}
	vendor = vendor ? vendor : "";
	product = product ? product : "";
	snprintf(machine, sizeof(machine), "%s%s%s", vendor, *vendor && *product ? " " : "",
		 product);
	if (!*hv && !*machine)
		snprintf(buf, len, "%s", kind);
	else
		snprintf(buf, len, "%s (%s%s%s)", kind, hv, *hv && *machine ? "; " : "", machine);
}

int gmt_env_file_sha256(const char *path, char hex[2 * GMT_SHA256_LEN + 1])
{
	struct gmt_sha256 c;
	char buf[16384];
	gzFile f;
	int n;

	/* zlib reads a file that is not gzip as it is. */
	f = gzopen(path, "rb");
	if (!f)
		return -1;
	gmt_sha256_init(&c);
	while ((n = gzread(f, buf, sizeof(buf))) > 0)
		gmt_sha256_update(&c, buf, n);
	gzclose(f);
	if (n < 0) {
		errno = EIO;
		return -1;
	}
	gmt_sha256_hex(&c, hex);
	return 0;
}

/* CPUID leaf 0x40000000's hypervisor signature; zeros where there is none. */
static void cpuid_signature(char sig[SIG_LEN])
{
	memset(sig, 0, SIG_LEN);
#if defined(__x86_64__) || defined(__i386__)
	{
		unsigned int eax, regs[3];

		__cpuid(0x40000000, eax, regs[0], regs[1], regs[2]);
		(void)eax;
		memcpy(sig, regs, SIG_LEN);
	}
#endif
}

static void read_config(struct gmt_env *env)
{
	/* Where the kernel, distributions and kernel builds put it. */
	static const char *const paths[] = {
		"/proc/config.gz", "/boot/config-%s", "/lib/modules/%s/build/.config",
	};
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		snprintf(env->config_file, sizeof(env->config_file), paths[i], env->release);
		if (!gmt_env_file_sha256(env->config_file, env->config_sha256))
			return;
	}
	env->config_file[0] = 0;
	snprintf(env->config_sha256, sizeof(env->config_sha256), GMT_ENV_UNKNOWN);
}

void gmt_env_read(struct gmt_env *env)
{
	char vendor[128], product[128], sig[SIG_LEN];
	bool hypervisor = false;
	struct utsname u;
	char *info;

	memset(env, 0, sizeof(*env));
	snprintf(env->release, sizeof(env->release), "%s",
		 uname(&u) ? GMT_ENV_UNKNOWN : u.release);
	read_config(env);
	if (!read_text("/proc/cmdline", env->cmdline, sizeof(env->cmdline)))
		snprintf(env->cmdline, sizeof(env->cmdline), GMT_ENV_UNKNOWN);
	info = malloc(CPUINFO_MAX);
	if (!info || !read_text("/proc/cpuinfo", info, CPUINFO_MAX) ||
	    !gmt_env_cpuinfo(info, "model name", env->cpu_model, sizeof(env->cpu_model)))
		snprintf(env->cpu_model, sizeof(env->cpu_model), GMT_ENV_UNKNOWN);
	if (info)
		hypervisor = gmt_env_cpu_flag(info, "hypervisor");
	free(info);
	/* Bare metal answers leaf 0x40000000 with other leaves' values. */
	if (hypervisor)
		cpuid_signature(sig);
	read_text("/sys/class/dmi/id/sys_vendor", vendor, sizeof(vendor));
	read_text("/sys/class/dmi/id/product_name", product, sizeof(product));
	gmt_env_host_kind(hypervisor, hypervisor ? sig : NULL, vendor, product, env->host_kind,
			  sizeof(env->host_kind));
	env->cpus = sysconf(_SC_NPROCESSORS_ONLN);
}

void gmt_env_json(struct json_writer *jw, const struct gmt_env *env)
{
	jw_start_object(jw);
	jw_string_field(jw, "kernel_release", env->release);
	jw_string_field(jw, "kernel_config_sha256", env->config_sha256);
	jw_string_field(jw, "kernel_config_file", env->config_file);
	jw_string_field(jw, "kernel_cmdline", env->cmdline);
	jw_string_field(jw, "cpu_model", env->cpu_model);
	jw_s64_field(jw, "cpus", env->cpus);
	jw_string_field(jw, "host_kind", env->host_kind);
	jw_string_field(jw, "gmemtrace", env->tool);
	jw_string_field(jw, "options", env->options);
	jw_end_object(jw);
}
