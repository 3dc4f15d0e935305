# SPDX-License-Identifier: GPL-2.0
#
# gmemtrace: guest_memfd tracepoints, policy and tooling.
#
#   make check            all tests: host, patch checks, kernel build, VM
#   make kernel           fetch Linux 7.3, apply kernel-patches/, build
#   make tools            libbpf, bpftool, KVM selftests, gmemtrace, gmem-workload
#   make demo             boot the VM, run a scenario under trace and stat
#   make bench            benchmarks (docs/bench.md), build/bench/bench.json
#   make review           per-patch table for kernel-patches/ (build/review/)
#   make soak             randomized guest_memfd stress with policies and
#                         memory failures for SOAK_MIN minutes (build/soak/)
#   make vm-run CMD=...   run CMD inside the patched kernel (qemu)
#   make vm-shell         interactive shell in the VM
#   make update-vmlinux-h regenerate vmlinux.h from the built kernel's BTF
#   make install          gmemtrace, gmem-workload, example policies, man
#                         pages, bash completion (PREFIX=/usr/local, DESTDIR)
#
# Variables: FLAVOUR=debug (KASAN/lockdep kernel in its own output dir),
# SOAK_MIN=N (make soak's minutes, default 30),
# KERNEL_SRC=DIR|TARBALL (a local 7.3 instead of downloading),
# GMT_CACHE=DIR (default ~/.cache/gmemtrace), V=1 (verbose), JOBS=N.

.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:

GMT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/gmemtrace
FLAVOUR ?= default
export GMT_CACHE FLAVOUR
KOUT := $(GMT_CACHE)/out/$(FLAVOUR)
BUILD := build

CC := gcc
CLANG ?= $(shell command -v clang-19 || command -v clang)
CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11
UAPI_CFLAGS := -isystem $(KOUT)/usr/include

# libbpf and bpftool come from the kernel tree (scripts/build-tools.sh).
LIBBPF_DIR := $(KOUT)/tools/libbpf
LIBBPF_A := $(LIBBPF_DIR)/libbpf.a
BPFTOOL := $(KOUT)/tools/bpftool/bpftool

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.PHONY: all deps kernel-src kernel tools progs check man install demo bench review soak vm-run \
	vm-shell clean help \
	update-vmlinux-h FORCE

all: kernel tools

help:
	@sed -n '3,23p' Makefile | sed 's/^# \{0,1\}//'

deps:
	$(Q)scripts/deps.sh

kernel-src: deps
	$(Q)scripts/fetch-kernel.sh

kernel: kernel-src
	$(Q)scripts/build-kernel.sh

tools: kernel
	$(Q)scripts/build-tools.sh
	$(Q)$(MAKE) --no-print-directory progs

# ---- our userspace: gmemtrace, gmem-workload, test programs ----

GMEMTRACE := $(BUILD)/gmemtrace
WORKLOAD := $(BUILD)/gmem-workload
TEST_PROGS := $(BUILD)/tests/kvm_caps $(BUILD)/tests/vmm_contract

POLICIES := $(patsubst bpf/policies/%.bpf.c,$(BUILD)/policies/%.bpf.o,$(wildcard bpf/policies/*.bpf.c)) \
	$(patsubst tests/bpf/%.bpf.c,$(BUILD)/policies/%.bpf.o,$(wildcard tests/bpf/*.bpf.c))

progs: $(GMEMTRACE) $(WORKLOAD) $(TEST_PROGS) $(POLICIES)

$(LIBBPF_A) $(BPFTOOL) $(KOUT)/usr/include/linux/kvm.h:
	@echo "gmemtrace: $@ is missing (run: make tools)" >&2; exit 1

BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf/policies -Wall -Werror -Wno-missing-declarations \
	-I. -Iinclude -Ibpf -I$(LIBBPF_DIR)/include

$(BUILD)/bpf/%.bpf.o: bpf/%.bpf.c bpf/*.h include/*.h vmlinux.h $(LIBBPF_A)
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

# guest_memfd policies: the examples, and the ones only tests load.
$(BUILD)/policies/%.bpf.o: bpf/policies/%.bpf.c vmlinux.h $(LIBBPF_A)
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/policies/%.bpf.o: tests/bpf/%.bpf.c vmlinux.h $(LIBBPF_A)
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/bpf/%.skel.h: $(BUILD)/bpf/%.bpf.o $(BPFTOOL)
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $(subst -,_,$*)_bpf >$@

GMT_SRCS := $(wildcard tools/gmemtrace/*.c)
GMT_OBJS := $(GMT_SRCS:tools/gmemtrace/%.c=$(BUILD)/gmemtrace.o/%.o)
GMT_CFLAGS := $(CFLAGS) -Iinclude -Itools/gmemtrace -I$(BUILD) -I$(BUILD)/bpf -I$(LIBBPF_DIR)/include \
	$(UAPI_CFLAGS)

$(BUILD)/gmemtrace.o/%.o: tools/gmemtrace/%.c tools/gmemtrace/*.h include/*.h \
		$(BUILD)/bpf/gmemtrace.skel.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GMT_CFLAGS) -c $< -o $@

# --version, record's environment and trace -w's header: VERSION and the
# commit, regenerated when either changes.
$(BUILD)/gmemtrace.o/main.o $(BUILD)/gmemtrace.o/record.o $(BUILD)/gmemtrace.o/trace.o: \
		$(BUILD)/version.h
$(BUILD)/version.h: FORCE
	$(Q)scripts/gen-version.sh $@

FORCE:

# Static, so that it runs in the VM and on other hosts alike.
$(GMEMTRACE): $(GMT_OBJS) $(LIBBPF_A)
	$(call msg,LINK,$@)
	$(Q)$(CC) -static -o $@ $(GMT_OBJS) $(LIBBPF_A) -ljansson -lelf -lz -lzstd -lm

# trace's output code alone, natively on the host (bench/p2-consumer.sh).
TC_SRCS := bench/trace-consumer.c $(addprefix tools/gmemtrace/,trace_fmt.c events.c json_writer.c)

$(BUILD)/trace-consumer: $(TC_SRCS) tools/gmemtrace/*.h include/*.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Iinclude -Itools/gmemtrace -o $@ $(TC_SRCS)

WL_SRCS := $(wildcard tools/gmem-workload/*.c)

$(WORKLOAD): $(WL_SRCS) tools/gmem-workload/*.h $(KOUT)/usr/include/linux/kvm.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(UAPI_CFLAGS) -static -o $@ $(WL_SRCS)

$(BUILD)/tests/%: tests/guest/%.c $(KOUT)/usr/include/linux/kvm.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(UAPI_CFLAGS) -o $@ $<

# vmlinux.h is committed (CO-RE: the programs build without a kernel);
# this regenerates it from the kernel built with our series.
update-vmlinux-h: $(BPFTOOL)
	$(Q)test -f $(KOUT)/vmlinux || { echo "gmemtrace: no $(KOUT)/vmlinux (run: make kernel)" >&2; exit 1; }
	$(call msg,GEN,vmlinux.h)
	$(Q)$(BPFTOOL) btf dump file $(KOUT)/vmlinux format c >vmlinux.h.tmp && mv vmlinux.h.tmp vmlinux.h

check:
	$(Q)tests/run.sh

# ---- install: the tool, the workload, example policies, man pages ----

PREFIX ?= /usr/local
DESTDIR ?=
MAN_PAGES := $(patsubst docs/man/%.rst,$(BUILD)/man/%.8,$(wildcard docs/man/*.rst))
EXAMPLE_POLICIES := $(patsubst bpf/policies/%.bpf.c,$(BUILD)/policies/%.bpf.o,\
	$(wildcard bpf/policies/*.bpf.c))

$(BUILD)/man/%.8: docs/man/%.rst
	$(call msg,RST2MAN,$@)
	$(Q)mkdir -p $(@D)
	$(Q)rst2man --halt=warning $< $@

man: $(MAN_PAGES)

install: $(GMEMTRACE) $(WORKLOAD) $(EXAMPLE_POLICIES) $(MAN_PAGES)
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)install -D -m 0755 $(GMEMTRACE) $(DESTDIR)$(PREFIX)/sbin/gmemtrace
	$(Q)install -D -m 0755 $(WORKLOAD) $(DESTDIR)$(PREFIX)/bin/gmem-workload
	$(Q)install -d $(DESTDIR)$(PREFIX)/share/gmemtrace/policies
	$(Q)install -m 0644 $(EXAMPLE_POLICIES) bpf/policies/*.bpf.c bpf/policies/policy.bpf.h \
		$(DESTDIR)$(PREFIX)/share/gmemtrace/policies
	$(Q)install -d $(DESTDIR)$(PREFIX)/share/man/man8
	$(Q)install -m 0644 $(MAN_PAGES) $(DESTDIR)$(PREFIX)/share/man/man8
	$(Q)install -D -m 0644 tools/gmemtrace/bash-completion/gmemtrace \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/gmemtrace

demo: tools
	$(Q)scripts/vm-run.sh scripts/demo.sh

bench: tools $(BUILD)/trace-consumer
	$(Q)bench/run.sh

review: tools
	$(Q)scripts/review.sh

soak: tools
	$(Q)scripts/soak.sh

vm-run:
	$(Q)test -n "$$CMD" || { echo "usage: make vm-run CMD='command'" >&2; exit 2; }
	$(Q)scripts/vm-run.sh "$$CMD"

vm-shell:
	$(Q)scripts/vm-run.sh -i

clean:
	$(Q)rm -rf $(BUILD)

# ---- C unit tests (tests/host/test_units.sh runs them) ----
# tests/host/unit/test_X.c links with tools/gmemtrace/X.c when it exists,
# the JSON writer, UNIT_LIBS_X, libm and UNIT_LDLIBS_X.
UNIT_LIBS_record_fmt := tools/gmemtrace/histogram.c
UNIT_LIBS_trace_fmt := tools/gmemtrace/events.c
UNIT_LIBS_trace_file := tools/gmemtrace/events.c
UNIT_LIBS_prom := tools/gmemtrace/events.c tools/gmemtrace/common.c
UNIT_LIBS_stat_fmt := tools/gmemtrace/events.c tools/gmemtrace/histogram.c \
	tools/gmemtrace/record_fmt.c
UNIT_LIBS_env := tools/gmemtrace/sha256.c
UNIT_LDLIBS_env := -lz

.SECONDEXPANSION:
$(BUILD)/unit/test_%: tests/host/unit/test_%.c $$(wildcard tools/gmemtrace/$$*.c) \
		$$(UNIT_LIBS_$$*) tools/gmemtrace/json_writer.c tools/gmemtrace/*.h include/*.h \
		tests/host/unit/*.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Itools/gmemtrace -Iinclude -Itests/host/unit -o $@ \
		$(sort $(filter %.c,$^)) -lm $(UNIT_LDLIBS_$*)
