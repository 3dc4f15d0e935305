// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace: guest_memfd events to a ring buffer (trace) and per-VM
 * counts and log2 latency histograms in maps (stat).
 *
 * Two sets of programs feed the same counted() and ev_new()/submit():
 *  - tp_btf on the kvm_gmem_* tracepoints of a kernel with our series;
 *  - fentry/fexit on the kvm_gmem_*() functions of a kernel without it.
 * The loader enables one set and switches off, program by program, what
 * the running kernel cannot attach (select_programs() in the tool's
 * session.c).
 *
 * The "arch lifetime" statistic follows the architecture's per-pfn state
 * (AMD's RMP entries): from the first successful make_private of a pfn to
 * its reclaim, or to the invalidation of the gfn it was mapped at.  It is
 * kept per folio (a 2M folio is made private and reclaimed as one), and
 * follows the folio when it is split.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "gmemtrace.h"
#include "bits.bpf.h"

/* In this order: each part uses the ones before it. */
#include "core.bpf.h"
#include "arch_state.bpf.h"
#include "handlers.bpf.h"
#include "tp_btf.bpf.h"
#include "fentry.bpf.h"

char LICENSE[] SEC("license") = "GPL";
