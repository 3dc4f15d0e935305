/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics over the runs of a record: mean, sample standard deviation,
 * relative change, and Welch's two-sample t-test.  Pure functions.
 */
#ifndef GMT_STATS_H
#define GMT_STATS_H

#include <stddef.h>

/* The significance level report uses: its false-positive rate, 5%. */
#define GMT_ALPHA	0.05

/* A sample summarized. */
struct gmt_sample {
	size_t n;
	double mean;
	double sd;		/* sample standard deviation (n - 1); 0 when n < 2 */
};

enum gmt_signif { GMT_TOO_FEW, GMT_NOT_SIGNIFICANT, GMT_SIGNIFICANT };

/* Welch's t-test of two samples, two-sided. */
struct gmt_welch {
	double t;		/* (mean b - mean a) / its standard error */
	double df;		/* Welch-Satterthwaite degrees of freedom */
	double p;		/* two-sided p-value */
	enum gmt_signif verdict;
};

void gmt_sample_of(const double *v, size_t n, struct gmt_sample *s);

/* (b - a) / a: 0 when both are 0, NaN when only @a is. */
double gmt_rel_change(double a, double b);

/*
 * Welch's test of "a and b have the same mean" at level @alpha: significant
 * when p < @alpha.  Too few runs when either sample has fewer than 2;
 * t, df and p are then NaN.  When both samples are constant, the means
 * are the same (t 0, p 1: not significant) or differ (t infinite, p 0:
 * significant), and df is NaN.
 */
void gmt_welch_test(const struct gmt_sample *a, const struct gmt_sample *b, double alpha,
		    struct gmt_welch *w);

/* P(T <= @t) for Student's t distribution with @df > 0 degrees of freedom. */
double gmt_student_t_cdf(double t, double df);

/* The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double gmt_betainc(double a, double b, double x);

/* "significant", "not significant", "too few runs". */
const char *gmt_signif_name(enum gmt_signif v);

#endif
