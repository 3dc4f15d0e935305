/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log2 histograms of latencies or sizes, printed the way the libbpf-tools
 * programs (biolatency, runqlat, ...) print theirs.
 *
 * Slot 0 counts the values 0 and 1; slot i (i >= 1) counts [2^i, 2^(i+1)).
 * Functions taking @nr_slots look at no more than GMT_HIST_SLOTS slots.
 */
#ifndef GMEMTRACE_HISTOGRAM_H
#define GMEMTRACE_HISTOGRAM_H

#include <stdio.h>

#ifndef GMT_HIST_SLOTS
#define GMT_HIST_SLOTS	64
#endif

struct json_writer;

/* 0 for v == 0 or 1, else floor(log2(v)). */
unsigned int gmt_log2_slot(unsigned long long v);

/* Inclusive bounds of @slot; slots past the last are treated as the last. */
void gmt_slot_range(unsigned int slot, unsigned long long *lo,
		    unsigned long long *hi);

/*
 * Print to @f, from the first to the last non-empty slot:
 *
 *      nsecs               : count    distribution
 *        256 -> 511        : 3        |******************************          |
 *        512 -> 1023       : 0        |                                        |
 *       1024 -> 2047       : 4        |****************************************|
 *
 * @val_type heads the first column.  Bars are 40 characters scaled to the
 * largest count.  When a slot past 32 (values of 2^33 and up) is non-empty
 * the range columns widen to 20 digits and the bars narrow to 20
 * characters, as in libbpf-tools.  All slots empty: only "     (no samples)\n".
 */
void gmt_print_log2_hist(FILE *f, const unsigned long long *slots,
			 unsigned int nr_slots, const char *val_type);

/*
 * Estimate of the @p-th percentile (0 < p <= 100): the upper bound of the
 * first slot at which the cumulative count reaches p% of the total.
 * 0 when the histogram is empty.
 */
unsigned long long gmt_hist_percentile(const unsigned long long *slots,
				       unsigned int nr_slots, double p);

/* Sum of all slots (saturates at ULLONG_MAX). */
unsigned long long gmt_hist_total(const unsigned long long *slots,
				  unsigned int nr_slots);

/* An array of {"lo":N,"hi":N,"count":N} for the non-empty slots, in order. */
void gmt_hist_json(struct json_writer *jw, const unsigned long long *slots,
		   unsigned int nr_slots);

#endif
