/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gmemtrace stat's counts and histograms in the Prometheus text exposition
 * format (version 0.0.4, which node_exporter's textfile collector and
 * Prometheus scrapes read), and a loopback HTTP endpoint serving them.
 */
#ifndef GMT_PROM_H
#define GMT_PROM_H

#include <stdio.h>

#include "snapshot.h"

/*
 * Write @snap as metric families: counts, errors and duration histograms
 * per VM and event, the VMs' gauges, and the lost updates.
 */
void gmt_prom_write(FILE *f, const struct gmt_snapshot *snap);

/* Write to PATH.tmp, then rename it to PATH: readers never see half. */
int gmt_prom_write_file(const char *path, const struct gmt_snapshot *snap);

/* A listening TCP socket on 127.0.0.1:@port (0: any free port), or -1. */
int gmt_http_listen(unsigned int port, unsigned int *bound_port);

/*
 * Accept one connection on @lfd and answer it: GET /metrics gets the
 * output of @render (called with a memory stream), anything else 404.
 */
void gmt_http_serve(int lfd, void (*render)(FILE *f, void *arg), void *arg);

#endif
