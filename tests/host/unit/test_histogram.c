// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/histogram.c: slots, printed text, percentiles, JSON. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "histogram.h"
#include "json_writer.h"
#include "unit.h"

#define S10	"**********"
#define SP10	"          "

/* gmt_print_log2_hist() output as a string; the caller frees it. */
static char *print_hist(const unsigned long long *slots, unsigned int nr,
			const char *val_type)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("open_memstream");
		exit(2);
	}
	gmt_print_log2_hist(f, slots, nr, val_type);
	fclose(f);
	return buf;
}

static void check_print(const char *name, const unsigned long long *slots,
			unsigned int nr, const char *val_type, const char *want)
{
	char *got = print_hist(slots, nr, val_type);

	CHECK_STR(name, got, want);
	free(got);
}

static char *json_hist(const unsigned long long *slots, unsigned int nr,
		       int in_object)
{
	struct json_writer *jw;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	jw = f ? jw_new(f) : NULL;
	if (!jw) {
		perror("json_hist");
		exit(2);
	}
	if (in_object) {
		jw_start_object(jw);
		jw_name(jw, "lat");
	}
	gmt_hist_json(jw, slots, nr);
	if (in_object) {
		jw_u64_field(jw, "n", 3);
		jw_end_object(jw);
	}
	jw_destroy(&jw);
	fclose(f);
	return buf;
}

static void test_slots(void)
{
	unsigned long long lo, hi;
	unsigned int s, bad = 0;

	CHECK_U64("hist-slot-0", gmt_log2_slot(0), 0);
	CHECK_U64("hist-slot-1", gmt_log2_slot(1), 0);
	CHECK_U64("hist-slot-2", gmt_log2_slot(2), 1);
	CHECK_U64("hist-slot-3", gmt_log2_slot(3), 1);
	CHECK_U64("hist-slot-4", gmt_log2_slot(4), 2);
	CHECK_U64("hist-slot-1023", gmt_log2_slot(1023), 9);
	CHECK_U64("hist-slot-1024", gmt_log2_slot(1024), 10);
	CHECK_U64("hist-slot-2pow63", gmt_log2_slot(1ULL << 63), 63);
	CHECK_U64("hist-slot-ullong-max", gmt_log2_slot(ULLONG_MAX), 63);

	gmt_slot_range(0, &lo, &hi);
	CHECK_U64("hist-range-0-lo", lo, 0);
	CHECK_U64("hist-range-0-hi", hi, 1);
	gmt_slot_range(1, &lo, &hi);
	CHECK_U64("hist-range-1-lo", lo, 2);
	CHECK_U64("hist-range-1-hi", hi, 3);
	gmt_slot_range(10, &lo, &hi);
	CHECK_U64("hist-range-10-lo", lo, 1024);
	CHECK_U64("hist-range-10-hi", hi, 2047);
	gmt_slot_range(63, &lo, &hi);
	CHECK_U64("hist-range-63-lo", lo, 1ULL << 63);
	CHECK_U64("hist-range-63-hi", hi, ULLONG_MAX);
	gmt_slot_range(64, &lo, &hi);
	CHECK_U64("hist-range-past-end-lo", lo, 1ULL << 63);
	CHECK_U64("hist-range-past-end-hi", hi, ULLONG_MAX);

	/* Every slot's bounds fall in that slot and the slots are contiguous. */
	for (s = 0; s < GMT_HIST_SLOTS; s++) {
		gmt_slot_range(s, &lo, &hi);
		if (gmt_log2_slot(lo) != s || gmt_log2_slot(hi) != s)
			bad++;
		if (s + 1 < GMT_HIST_SLOTS && gmt_log2_slot(hi + 1) != s + 1)
			bad++;
	}
	CHECK_U64("hist-range-roundtrip-bad-slots", bad, 0);
}

static void test_print(void)
{
	unsigned long long h[GMT_HIST_SLOTS] = { 0 };
	unsigned long long low[GMT_HIST_SLOTS] = { 0 };
	unsigned long long wide[GMT_HIST_SLOTS] = { 0 };
	unsigned long long top[GMT_HIST_SLOTS] = { 0 };
	static const char want_h[] =
		"     nsecs               : count    distribution\n"
		"       256 -> 511        : 3        |" S10 S10 S10 SP10 "|\n"
		"       512 -> 1023       : 0        |" SP10 SP10 SP10 SP10 "|\n"
		"      1024 -> 2047       : 4        |" S10 S10 S10 S10 "|\n"
		"      2048 -> 4095       : 1        |" S10 SP10 SP10 SP10 "|\n";

	h[8] = 3;
	h[10] = 4;
	h[11] = 1;
	check_print("hist-print-small", h, GMT_HIST_SLOTS, "nsecs", want_h);
	/* Empty leading and trailing slots are left out whatever nr_slots. */
	check_print("hist-print-trim-short-array", h, 12, "nsecs", want_h);
	check_print("hist-print-oversized-nr", h, 1000, "nsecs", want_h);

	low[0] = 1;
	low[1] = 2;
	check_print("hist-print-slot0", low, GMT_HIST_SLOTS, "usecs",
		    "     usecs               : count    distribution\n"
		    "         0 -> 1          : 1        |" S10 S10 SP10 SP10 "|\n"
		    "         2 -> 3          : 2        |" S10 S10 S10 S10 "|\n");

	/* Slots past 32: 20-digit ranges and 20-character bars. */
	wide[34] = 1;
	wide[35] = 2;
	check_print("hist-print-wide", wide, GMT_HIST_SLOTS, "nsecs",
		    "               nsecs                         : count    distribution\n"
		    "         17179869184 -> 34359738367          : 1        |" S10 SP10 "|\n"
		    "         34359738368 -> 68719476735          : 2        |" S10 S10 "|\n");

	top[63] = 5;
	check_print("hist-print-last-slot", top, GMT_HIST_SLOTS, "bytes",
		    "               bytes                         : count    distribution\n"
		    " 9223372036854775808 -> 18446744073709551615 : 5        |" S10 S10 "|\n");

	/* Counts too large to multiply by the bar width. */
	top[62] = ULLONG_MAX / 2;
	top[63] = ULLONG_MAX;
	check_print("hist-print-huge-counts", top, GMT_HIST_SLOTS, "x",
		    "               x                             : count    distribution\n"
		    " 4611686018427387904 -> 9223372036854775807  : 9223372036854775807 |"
		    "*********" SP10 " |\n"
		    " 9223372036854775808 -> 18446744073709551615 : 18446744073709551615 |"
		    S10 S10 "|\n");
}

static void test_empty(void)
{
	unsigned long long z[GMT_HIST_SLOTS] = { 0 };

	check_print("hist-print-no-samples", z, GMT_HIST_SLOTS, "nsecs",
		    "     (no samples)\n");
	check_print("hist-print-no-slots", NULL, 0, "nsecs", "     (no samples)\n");
	CHECK_U64("hist-total-empty", gmt_hist_total(z, GMT_HIST_SLOTS), 0);
	CHECK_U64("hist-p50-empty", gmt_hist_percentile(z, GMT_HIST_SLOTS, 50), 0);
}

static void test_percentile(void)
{
	unsigned long long h[GMT_HIST_SLOTS] = { 0 };
	unsigned long long k[GMT_HIST_SLOTS] = { 0 };
	unsigned long long sat[2] = { ULLONG_MAX, 1 };

	h[0] = 10;	/* 0..1 */
	h[3] = 40;	/* 8..15 */
	h[5] = 49;	/* 32..63 */
	h[10] = 1;	/* 1024..2047 */
	CHECK_U64("hist-total", gmt_hist_total(h, GMT_HIST_SLOTS), 100);
	CHECK_U64("hist-total-saturates", gmt_hist_total(sat, 2), ULLONG_MAX);
	CHECK_U64("hist-p50", gmt_hist_percentile(h, GMT_HIST_SLOTS, 50), 15);
	CHECK_U64("hist-p99", gmt_hist_percentile(h, GMT_HIST_SLOTS, 99), 63);
	CHECK_U64("hist-p100", gmt_hist_percentile(h, GMT_HIST_SLOTS, 100), 2047);
	CHECK_U64("hist-p10", gmt_hist_percentile(h, GMT_HIST_SLOTS, 10), 1);
	CHECK_U64("hist-p10.5", gmt_hist_percentile(h, GMT_HIST_SLOTS, 10.5), 15);
	CHECK_U64("hist-p99.5", gmt_hist_percentile(h, GMT_HIST_SLOTS, 99.5), 2047);
	CHECK_U64("hist-p0.001", gmt_hist_percentile(h, GMT_HIST_SLOTS, 0.001), 1);

	/* 99.9% of 1000 is 999 samples, not 1000. */
	k[2] = 999;	/* 4..7 */
	k[4] = 1;	/* 16..31 */
	CHECK_U64("hist-p99.9-exact", gmt_hist_percentile(k, GMT_HIST_SLOTS, 99.9), 7);
	CHECK_U64("hist-p99.99", gmt_hist_percentile(k, GMT_HIST_SLOTS, 99.99), 31);
}

static void test_json(void)
{
	unsigned long long h[GMT_HIST_SLOTS] = { 0 };
	unsigned long long z[GMT_HIST_SLOTS] = { 0 };
	char *got;

	h[0] = 1;
	h[3] = 2;
	h[63] = 7;
	got = json_hist(h, GMT_HIST_SLOTS, 0);
	CHECK_STR("hist-json", got,
		  "[{\"lo\":0,\"hi\":1,\"count\":1},{\"lo\":8,\"hi\":15,\"count\":2},"
		  "{\"lo\":9223372036854775808,\"hi\":18446744073709551615,\"count\":7}]");
	free(got);

	got = json_hist(h, 4, 1);
	CHECK_STR("hist-json-in-object", got,
		  "{\"lat\":[{\"lo\":0,\"hi\":1,\"count\":1},"
		  "{\"lo\":8,\"hi\":15,\"count\":2}],\"n\":3}");
	free(got);

	got = json_hist(z, GMT_HIST_SLOTS, 1);
	CHECK_STR("hist-json-empty", got, "{\"lat\":[],\"n\":3}");
	free(got);
}

int main(void)
{
	test_slots();
	test_print();
	test_empty();
	test_percentile();
	test_json();
	return unit_exit();
}
