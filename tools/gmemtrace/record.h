/* SPDX-License-Identifier: GPL-2.0 */
/* The record file of gmemtrace record, as gmemtrace report reads it. */
#ifndef GMT_RECORD_H
#define GMT_RECORD_H

#include "gmemtrace.h"

#define GMT_RECORD_FORMAT	"gmemtrace-record"
#define GMT_RECORD_VERSION	1

/* A percentile of a statistic, never above its exact maximum. */
unsigned long long gmt_rec_pct(const struct gmt_stat_val *v, double p);

/*
 * The patch series a kernel release names, "00019-g9a0251108b3c" from
 * "7.3.4-gmemtrace-00019-g9a0251108b3c" or "7.3.4-gmemtrace-debug-00019-
 * g9a0251108b3c", or "" when it names none.
 */
const char *gmt_rec_series(const char *release);

#endif
