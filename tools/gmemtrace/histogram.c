// SPDX-License-Identifier: GPL-2.0
/*
 * log2 histograms: text output in the libbpf-tools layout, percentiles and
 * JSON.
 */
#include <limits.h>

#include "histogram.h"
#include "json_writer.h"

/* Above this slot the ranges no longer fit ten digits. */
#define NARROW_LAST_SLOT	32
#define BAR_WIDTH		40
/* Relative slack in the percentile's sample count, see below. */
#define PCT_SLACK		(1 / 1e12L)

unsigned int gmt_log2_slot(unsigned long long v)
{
	if (v <= 1)
		return 0;
	return (sizeof(v) * CHAR_BIT - 1) - __builtin_clzll(v);
}

void gmt_slot_range(unsigned int slot, unsigned long long *lo,
		    unsigned long long *hi)
{
	if (slot >= GMT_HIST_SLOTS)
		slot = GMT_HIST_SLOTS - 1;
	if (lo)
		*lo = slot ? 1ULL << slot : 0;
	if (hi)
		*hi = (1ULL << slot) + ((1ULL << slot) - 1);
}

static unsigned int clamp_slots(unsigned int nr_slots)
{
	return nr_slots < GMT_HIST_SLOTS ? nr_slots : GMT_HIST_SLOTS;
}

unsigned long long gmt_hist_total(const unsigned long long *slots,
				  unsigned int nr_slots)
{
	unsigned long long total = 0;
	unsigned int i;

	if (!slots)
		return 0;
	nr_slots = clamp_slots(nr_slots);
	for (i = 0; i < nr_slots; i++) {
		if (total > ULLONG_MAX - slots[i])
			return ULLONG_MAX;
		total += slots[i];
	}
	return total;
}

/* floor(val * width / max) for val <= max, without overflowing. */
static unsigned int bar_len(unsigned long long val, unsigned long long max,
			    unsigned int width)
{
	while (max > ULLONG_MAX / width) {
		val >>= 1;
		max >>= 1;
	}
	return val * width / max;
}

static void print_bar(FILE *f, unsigned long long val, unsigned long long max,
		      unsigned int width)
{
	unsigned int stars = bar_len(val, max, width), i;

	fputc('|', f);
	for (i = 0; i < width; i++)
		fputc(i < stars ? '*' : ' ', f);
	fputs("|\n", f);
}

void gmt_print_log2_hist(FILE *f, const unsigned long long *slots,
			 unsigned int nr_slots, const char *val_type)
{
	unsigned long long max = 0, lo, hi;
	unsigned int i, first = 0, last = 0, width, label, bar;
	int found = 0;

	nr_slots = slots ? clamp_slots(nr_slots) : 0;
	for (i = 0; i < nr_slots; i++) {
		if (!slots[i])
			continue;
		if (!found)
			first = i;
		found = 1;
		last = i;
		if (slots[i] > max)
			max = slots[i];
	}
	if (!found) {
		fputs("     (no samples)\n", f);
		return;
	}

	if (last <= NARROW_LAST_SLOT) {
		width = 10;
		label = 19;
		bar = BAR_WIDTH;
	} else {
		width = 20;
		label = 29;
		bar = BAR_WIDTH / 2;
	}

	fprintf(f, "%*s%-*s : count    distribution\n", (int)width - 5, "",
		(int)label, val_type ? val_type : "");
	for (i = first; i <= last; i++) {
		gmt_slot_range(i, &lo, &hi);
		fprintf(f, "%*llu -> %-*llu : %-8llu ", (int)width, lo,
			(int)width, hi, slots[i]);
		print_bar(f, slots[i], max, bar);
	}
}

unsigned long long gmt_hist_percentile(const unsigned long long *slots,
				       unsigned int nr_slots, double p)
{
	long double want;
	unsigned long long total, target, cum = 0, hi;
	unsigned int i;

	total = gmt_hist_total(slots, nr_slots);
	if (!total)
		return 0;

	if (!(p > 0)) {
		target = 1;
	} else if (p >= 100) {
		target = total;
	} else {
		/*
		 * p% of the samples, rounded up.  The slack keeps a p that
		 * binary floating point cannot hold exactly (99.9) from
		 * pushing an exact product one sample too far.
		 */
		want = (long double)total * p / 100;
		want -= want * PCT_SLACK;
		target = (unsigned long long)want;
		if ((long double)target < want)
			target++;
		if (target < 1)
			target = 1;
		if (target > total)
			target = total;
	}

	nr_slots = clamp_slots(nr_slots);
	for (i = 0; i < nr_slots; i++) {
		cum = cum > ULLONG_MAX - slots[i] ? ULLONG_MAX : cum + slots[i];
		if (cum >= target)
			break;
	}
	gmt_slot_range(i, NULL, &hi);
	return hi;
}

void gmt_hist_json(struct json_writer *jw, const unsigned long long *slots,
		   unsigned int nr_slots)
{
	unsigned long long lo, hi;
	unsigned int i;

	nr_slots = slots ? clamp_slots(nr_slots) : 0;
	jw_start_array(jw);
	for (i = 0; i < nr_slots; i++) {
		if (!slots[i])
			continue;
		gmt_slot_range(i, &lo, &hi);
		jw_start_object(jw);
		jw_u64_field(jw, "lo", lo);
		jw_u64_field(jw, "hi", hi);
		jw_u64_field(jw, "count", slots[i]);
		jw_end_object(jw);
	}
	jw_end_array(jw);
}
