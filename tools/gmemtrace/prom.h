/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gmemtrace stat's counts and histograms in the Prometheus text exposition
 * format (version 0.0.4, which node_exporter's textfile collector and
 * Prometheus scrapes read), and a loopback HTTP endpoint serving them.
 */
#ifndef GMT_PROM_H
#define GMT_PROM_H

#include <stdio.h>

#include "gmemtrace.h"

/* One entry of the stats map. */
struct gmt_stat_row {
	struct gmt_stat_key key;
	struct gmt_stat_val val;
};

/*
 * Write @rows (sorted by VM, then type) as metric families; per VM also
 * the arch-private pfns from @gauge_fd and, while the VM lives, its
 * private and huge private pages.  @dropped: updates lost in the kernel.
 */
void gmt_prom_write(FILE *f, const struct gmt_stat_row *rows, int n, int gauge_fd,
		    unsigned long long dropped);

/* Write to PATH.tmp, then rename it to PATH: readers never see half. */
int gmt_prom_write_file(const char *path, const struct gmt_stat_row *rows, int n,
			int gauge_fd, unsigned long long dropped);

/* A listening TCP socket on 127.0.0.1:@port (0: any free port), or -1. */
int gmt_http_listen(unsigned int port, unsigned int *bound_port);

/*
 * Accept one connection on @lfd and answer it: GET /metrics gets the
 * output of @render (called with a memory stream), anything else 404.
 */
void gmt_http_serve(int lfd, void (*render)(FILE *f, void *arg), void *arg);

#endif
