// SPDX-License-Identifier: GPL-2.0
/* Values gmemtrace record derives for its file. */
#include <ctype.h>
#include <string.h>

#include "histogram.h"
#include "record.h"

unsigned long long gmt_rec_pct(const struct gmt_stat_val *v, double p)
{
	unsigned long long r = gmt_hist_percentile(v->slots, GMT_HIST_SLOTS, p);

	return r < v->max_ns ? r : v->max_ns;
}

const char *gmt_rec_series(const char *release)
{
	const char *s = strstr(release, "-gmemtrace-");

	if (!s)
		return "";
	/* Past a flavour: "-gmemtrace-debug-00019-g..." */
	for (s += strlen("-gmemtrace-"); *s && !isdigit((unsigned char)*s); s++) {
		s = strchr(s, '-');
		if (!s)
			return "";
	}
	return s;
}
