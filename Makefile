# SPDX-License-Identifier: GPL-2.0
#
# gmemtrace: guest_memfd tracepoints, policy and tooling.
#
#   make check            all tests: host, patch checks, kernel build, VM
#   make kernel           fetch Linux 7.3, apply kernel-patches/, build
#   make vm-run CMD=...   run CMD inside the patched kernel (qemu)
#   make vm-shell         interactive shell in the VM
#
# Variables: FLAVOUR=debug (KASAN/lockdep kernel in its own output dir),
# KERNEL_SRC=DIR|TARBALL (a local 7.3 instead of downloading),
# GMT_CACHE=DIR (default ~/.cache/gmemtrace), V=1 (verbose), JOBS=N.

.DELETE_ON_ERROR:
.SUFFIXES:

GMT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/gmemtrace
FLAVOUR ?= default
export GMT_CACHE FLAVOUR
KOUT := $(GMT_CACHE)/out/$(FLAVOUR)
BUILD := build

CC := gcc
CFLAGS := -O2 -g -Wall -Wextra -Werror
UAPI_CFLAGS := -isystem $(KOUT)/usr/include

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.PHONY: all deps kernel-src kernel tools test-progs check vm-run vm-shell clean help

all: kernel tools test-progs

help:
	@sed -n '3,14p' Makefile | sed 's/^# \{0,1\}//'

deps:
	$(Q)scripts/deps.sh

kernel-src: deps
	$(Q)scripts/fetch-kernel.sh

kernel: kernel-src
	$(Q)scripts/build-kernel.sh

tools: kernel
	$(Q)scripts/build-tools.sh

# Small C programs the in-guest tests run, built against the 7.3 UAPI.
TEST_PROGS := $(BUILD)/tests/kvm_caps

test-progs: $(TEST_PROGS)

$(BUILD)/tests/%: tests/guest/%.c $(KOUT)/usr/include/linux/kvm.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(UAPI_CFLAGS) -o $@ $<

$(KOUT)/usr/include/linux/kvm.h:
	@echo "gmemtrace: no 7.3 UAPI headers in $(KOUT)/usr (run: make kernel)" >&2; exit 1

check:
	$(Q)tests/run.sh

vm-run:
	$(Q)test -n "$$CMD" || { echo "usage: make vm-run CMD='command'" >&2; exit 2; }
	$(Q)scripts/vm-run.sh "$$CMD"

vm-shell:
	$(Q)scripts/vm-run.sh -i

clean:
	$(Q)rm -rf $(BUILD)
