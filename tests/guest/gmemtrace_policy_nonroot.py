#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-policy-nonroot (run by it).

Every guest_memfd and policy counter is readable by a user who is not
root, with debugfs unmounted: the VM's binary statistics (its owner's
VMs) and the system-wide policy's sysfs directory, through 'gmemtrace
policy list'.
"""
import json, sys
rows = json.load(open("/tmp/nonroot.json"))
pid = int(sys.argv[1])
sysrow = [r for r in rows if r["scope"] == "system"][0]
vm = [r for r in rows if r["scope"] == "vm" and r["pid"] == pid]
assert len(vm) == 1, "the user's VM is not listed: %s" % rows
vm = vm[0]
want = {"name": "allow_audit", "state": "attached", "calls": 0}
got = {k: sysrow[k] for k in want}
assert got == want, "system: %s" % got
# The VM's own policy: counted, named only for root (the map is root's).
want = {"name": "", "state": "attached", "calls": 2, "allowed": 1, "denied": 1,
        "invalid": 0, "ejections": 0}
got = {k: vm[k] for k in want}
assert got == want, "vm: %s" % got
assert vm["map_id"] > 0
want = {"private_pages": 0, "shared_pages": 1, "to_private": 1, "to_shared": 0,
        "split_convert": 0, "merge_uniform": 0}
got = {k: vm["gmem"][k] for k in want}
assert got == want, "gmem: %s" % got
print("non-root: system %s, VM %d: %s" % (sysrow["name"], pid, vm["gmem"]))
