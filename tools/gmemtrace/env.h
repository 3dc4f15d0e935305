/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment a record is measured in: the kernel, its configuration
 * and command line, the CPU, the kind of machine.  What report shows for
 * both records, so that a comparison can be seen to be like for like.
 */
#ifndef GMT_ENV_H
#define GMT_ENV_H

#include <stdbool.h>
#include <stddef.h>

#include "sha256.h"

struct json_writer;

#define GMT_ENV_UNKNOWN	"unknown"

struct gmt_env {
	char release[65];		/* uname -r */
	char config_sha256[2 * GMT_SHA256_LEN + 1];	/* or "unknown" */
	char config_file[512];		/* where it was read, "" if nowhere */
	char cmdline[4096];		/* /proc/cmdline */
	char cpu_model[256];		/* "model name" of /proc/cpuinfo */
	long cpus;			/* online */
	char host_kind[512];		/* "bare metal", "virtual machine (KVM)", ... */
	const char *tool;		/* the caller's: gmemtrace's version */
	const char *options;		/* the caller's: the options it ran with */
};

/* This system's environment; what cannot be read is "unknown". */
void gmt_env_read(struct gmt_env *env);
/* @env as a JSON object (docs/json.md, "record": "environment"). */
void gmt_env_json(struct json_writer *jw, const struct gmt_env *env);

/*
 * The value of the first "@key<tabs>: value" line of /proc/cpuinfo's text
 * @info in @buf; false if there is none.
 */
bool gmt_env_cpuinfo(const char *info, const char *key, char *buf, size_t len);
/* Whether the "flags" line of @info lists @flag. */
bool gmt_env_cpu_flag(const char *info, const char *flag);
/*
 * "bare metal", "virtual machine" or "emulated", with in parentheses the
 * hypervisor that CPUID leaf 0x40000000's @signature (12 bytes, or NULL)
 * names and the machine of DMI's @vendor and @product (or NULL).
 */
void gmt_env_host_kind(bool hypervisor, const char *signature, const char *vendor,
		       const char *product, char *buf, size_t len);
/* The SHA-256 of the file @path, gunzipped if it is gzip; 0, or -1 (errno). */
int gmt_env_file_sha256(const char *path, char hex[2 * GMT_SHA256_LEN + 1]);

#endif
