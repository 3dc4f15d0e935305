#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-trace-storm (run by it).

A burst of 200000 events (50000 one-page punch-holes, four events each)
that the default 8 MiB ring buffer may not hold while the consumer
shares the one vCPU: 'trace' says how many were lost and how many
printed, and the two add up.  With 'trace -b 64' the burst fits: none is lost, every
one is printed, in order.
"""
import collections, json, sys
want, n = int(sys.argv[1]), int(sys.argv[2])
ev = [json.loads(l) for l in open(sys.argv[3])]
c = collections.Counter(e["event"] for e in ev)
exp = {"create": 1, "bind": 1, "punch_hole": n, "invalidate_begin": n + 1,
       "arch_invalidate": n + 1, "invalidate_end": n + 1, "unbind": 1, "release": 1}
if len(ev) != want or dict(c) != exp:
    sys.exit("got %d events %s, want %d %s" % (len(ev), dict(c), want, exp))
ts = [e["ts_ns"] for e in ev]
if ts != sorted(ts):
    sys.exit("events out of order")
