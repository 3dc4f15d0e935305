// SPDX-License-Identifier: GPL-2.0
/*
 * tools/gmemtrace/env.c: /proc/cpuinfo's lines and flags, the kind of
 * host from CPUID's signature and DMI, the configuration's SHA-256 from a
 * plain and a gzip file (as 'sha256sum' gives it for the plain text), the
 * environment record writes, and this host's as env.c reads it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

#include "env.h"
#include "json_writer.h"
#include "unit.h"

static const char cpuinfo[] =
	"processor\t: 0\n"
	"vendor_id\t: AuthenticAMD\n"
	"cpu family\t: 25\n"
	"model\t\t: 1\n"
	"model name\t: AMD EPYC 7763 64-Core Processor  \n"
	"flags\t\t: fpu vme de hypervisor lahf_lm\n"
	"\n"
	"processor\t: 1\n"
	"model name\t: something else\n";

static void parsing(void)
{
	char buf[64];

	CHECK_U64("env:cpuinfo-model-name",
		  gmt_env_cpuinfo(cpuinfo, "model name", buf, sizeof(buf)), 1);
	CHECK_STR("env:cpuinfo-first-cpu", buf, "AMD EPYC 7763 64-Core Processor");
	/* "model" is its own line, not the start of "model name". */
	gmt_env_cpuinfo(cpuinfo, "model", buf, sizeof(buf));
	CHECK_STR("env:cpuinfo-model", buf, "1");
	CHECK_U64("env:cpuinfo-missing",
		  gmt_env_cpuinfo(cpuinfo, "microcode", buf, sizeof(buf)), 0);
	CHECK_U64("env:flag", gmt_env_cpu_flag(cpuinfo, "hypervisor"), 1);
	CHECK_U64("env:flag-first", gmt_env_cpu_flag(cpuinfo, "fpu"), 1);
	CHECK_U64("env:flag-last", gmt_env_cpu_flag(cpuinfo, "lahf_lm"), 1);
	CHECK_U64("env:flag-part-of-one", gmt_env_cpu_flag(cpuinfo, "hyper"), 0);
	CHECK_U64("env:flag-none", gmt_env_cpu_flag("processor\t: 0\n", "fpu"), 0);
}

static void host_kinds(void)
{
	char buf[128];

	gmt_env_host_kind(false, NULL, NULL, NULL, buf, sizeof(buf));
	CHECK_STR("env:bare-metal", buf, "bare metal");
	gmt_env_host_kind(false, NULL, "Dell Inc.", "PowerEdge R650", buf, sizeof(buf));
	CHECK_STR("env:bare-metal-dmi", buf, "bare metal (Dell Inc. PowerEdge R650)");
	gmt_env_host_kind(true, "KVMKVMKVM\0\0\0", "QEMU", "Standard PC (Q35 + ICH9, 2009)", buf,
			  sizeof(buf));
	CHECK_STR("env:kvm", buf, "virtual machine (KVM; QEMU Standard PC (Q35 + ICH9, 2009))");
	gmt_env_host_kind(true, "TCGTCGTCGTCG", "QEMU", "Standard PC (i440FX + PIIX, 1996)", buf,
			  sizeof(buf));
	CHECK_STR("env:tcg", buf, "emulated (QEMU TCG; QEMU Standard PC (i440FX + PIIX, 1996))");
	/* Firecracker: KVM, no DMI. */
	gmt_env_host_kind(true, "KVMKVMKVM\0\0\0", "", "", buf, sizeof(buf));
	CHECK_STR("env:kvm-no-dmi", buf, "virtual machine (KVM)");
	gmt_env_host_kind(true, "\0\0\0\0\0\0\0\0\0\0\0\0", NULL, NULL, buf, sizeof(buf));
	CHECK_STR("env:hypervisor-unnamed", buf, "virtual machine");
	gmt_env_host_kind(true, "Microsoft Hv", "Microsoft Corporation", "Virtual Machine", buf,
			  sizeof(buf));
	CHECK_STR("env:hyper-v", buf,
		  "virtual machine (Hyper-V; Microsoft Corporation Virtual Machine)");
	gmt_env_host_kind(true, "NewHV\0\0\0\0\0\0\0", NULL, "", buf, sizeof(buf));
	CHECK_STR("env:unknown-signature", buf, "virtual machine (NewHV       )");
}

/* "CONFIG_KVM=m\nCONFIG_SMP=y\n", as sha256sum hashes it. */
#define CONFIG_TEXT	"CONFIG_KVM=m\nCONFIG_SMP=y\n"
#define CONFIG_SHA256	"ddd1e79797212123d57ce39d631e8199e8db272421b5f3f02f5ebde76dcf2680"

static void config_hash(void)
{
	char dir[] = "/tmp/gmt-env-XXXXXX", plain[64], gz[64];
	char hex[2 * GMT_SHA256_LEN + 1] = "";
	gzFile g;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK_STR("env:config-tmpdir", "mkdtemp failed", dir);
		return;
	}
	snprintf(plain, sizeof(plain), "%s/config", dir);
	snprintf(gz, sizeof(gz), "%s/config.gz", dir);
	f = fopen(plain, "w");
	if (f) {
		fputs(CONFIG_TEXT, f);
		fclose(f);
	}
	g = gzopen(gz, "wb");
	if (g) {
		gzputs(g, CONFIG_TEXT);
		gzclose(g);
	}
	CHECK_U64("env:config-plain-read", gmt_env_file_sha256(plain, hex), 0);
	CHECK_STR("env:config-plain", hex, CONFIG_SHA256);
	CHECK_U64("env:config-gzip-read", gmt_env_file_sha256(gz, hex), 0);
	CHECK_STR("env:config-gzip", hex, CONFIG_SHA256);
	CHECK_U64("env:config-missing", gmt_env_file_sha256("/nonexistent/config", hex), -1ULL);
	unlink(plain);
	unlink(gz);
	rmdir(dir);
}

static void json(void)
{
	struct gmt_env env = {
		.release = "7.3.4-gmemtrace-00019-ge3ff624a4de9",
		.config_sha256 = CONFIG_SHA256,
		.config_file = "/proc/config.gz",
		.cmdline = "console=ttyS0 quiet",
		.cpu_model = "AMD EPYC",
		.cpus = 2,
		.host_kind = "emulated (QEMU TCG)",
		.tool = "0.14.0 (commit 86bf13068797)",
		.options = "-r 3",
	};
	struct json_writer *jw;
	char *out = NULL;
	size_t len;
	FILE *f;

	f = open_memstream(&out, &len);
	jw = jw_new(f);
	gmt_env_json(jw, &env);
	jw_destroy(&jw);
	fclose(f);
	CHECK_STR("env:json", out,
		  "{\"kernel_release\":\"7.3.4-gmemtrace-00019-ge3ff624a4de9\","
		  "\"kernel_config_sha256\":\"" CONFIG_SHA256 "\","
		  "\"kernel_config_file\":\"/proc/config.gz\","
		  "\"kernel_cmdline\":\"console=ttyS0 quiet\",\"cpu_model\":\"AMD EPYC\","
		  "\"cpus\":2,\"host_kind\":\"emulated (QEMU TCG)\","
		  "\"gmemtrace\":\"0.14.0 (commit 86bf13068797)\",\"options\":\"-r 3\"}");
	free(out);
}

/* This host's: every field filled, the release and command line as read here. */
static void this_host(void)
{
	char cmdline[4096] = "", *nl;
	struct gmt_env env;
	struct utsname u;
	FILE *f;

	gmt_env_read(&env);
	uname(&u);
	CHECK_STR("env:host-release", env.release, u.release);
	f = fopen("/proc/cmdline", "r");
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = 0;
		fclose(f);
	}
	nl = strchr(cmdline, '\n');
	if (nl)
		*nl = 0;
	while (*cmdline && cmdline[strlen(cmdline) - 1] == ' ')
		cmdline[strlen(cmdline) - 1] = 0;
	CHECK_STR("env:host-cmdline", env.cmdline, *cmdline ? cmdline : GMT_ENV_UNKNOWN);
	CHECK_U64("env:host-config",
		  !strcmp(env.config_sha256, GMT_ENV_UNKNOWN) ? !env.config_file[0] :
		  strlen(env.config_sha256) == 64 && strspn(env.config_sha256,
							    "0123456789abcdef") == 64 &&
		  env.config_file[0] == '/', 1);
	if (!access("/proc/config.gz", R_OK))
		CHECK_STR("env:host-config-proc", env.config_file, "/proc/config.gz");
	CHECK_U64("env:host-cpu-model", env.cpu_model[0] != 0, 1);
	CHECK_U64("env:host-cpus", env.cpus >= 1, 1);
	CHECK_U64("env:host-kind", !strncmp(env.host_kind, "bare metal", 10) ||
		  !strncmp(env.host_kind, "virtual machine", 15) ||
		  !strncmp(env.host_kind, "emulated", 8), 1);
	printf("# this host: %s | %s | %s | %ld cpus | %s\n", env.release, env.config_sha256,
	       env.cpu_model, env.cpus, env.host_kind);
}

int main(void)
{
	parsing();
	host_kinds();
	config_hash();
	json();
	this_host();
	return unit_exit();
}
