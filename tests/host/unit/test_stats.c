// SPDX-License-Identifier: GPL-2.0
/*
 * tools/gmemtrace/stats.c against values computed by hand:
 *
 * - means and sample standard deviations of small integer samples;
 * - the incomplete beta function and Student's t CDF where they have a
 *   closed form: I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b,
 *   I_x(1/2, 1/2) = 2/pi asin(sqrt(x)); for 1 degree of freedom (Cauchy)
 *   F(t) = 1/2 + atan(t)/pi, for 2, F(t) = 1/2 + t / (2 sqrt(2 + t^2)),
 *   for 3, F(t) = 1/2 + (u / (1 + u^2) + atan(u)) / pi with u = t/sqrt(3);
 * - Welch's test: t = (mean b - mean a) / sqrt(va/na + vb/nb) and
 *   df = (va/na + vb/nb)^2 / ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1)).  The
 *   p-values with an even df have the closed form P(|T| < t) = sin th
 *   (1 + cos^2 th / 2 + 1*3 cos^4 th / (2*4) + ... up to cos^(df-2) th),
 *   th = atan(t / sqrt(df)); the others were integrated numerically:
 *   1 - 2 * (Simpson's rule, 200000 intervals, of the t density from 0
 *   to |t|), the density from math.lgamma in Python, which gives the
 *   closed forms above to 1e-14.
 */
#include <math.h>

#include "stats.h"
#include "unit.h"

#define REL	1e-9

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static void welch(const double *a, size_t na, const double *b, size_t nb, struct gmt_welch *w)
{
	struct gmt_sample sa, sb;

	gmt_sample_of(a, na, &sa);
	gmt_sample_of(b, nb, &sb);
	gmt_welch_test(&sa, &sb, GMT_ALPHA, w);
}

static void samples(void)
{
	/* Deviations -2 -1 0 1 2: 10 / 4 = 2.5. */
	static const double one_to_five[] = { 1, 2, 3, 4, 5 };
	/* Deviations -3 -1 -1 -1 0 0 2 4: 32 / 7. */
	static const double eight[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	static const double tenths[] = { 0.1, 0.1, 0.1 };
	static const double seven[] = { 7 };
	struct gmt_sample s;

	gmt_sample_of(one_to_five, N(one_to_five), &s);
	CHECK_U64("stats:n", s.n, 5);
	CHECK_NEAR("stats:mean", s.mean, 3, REL);
	CHECK_NEAR("stats:sd", s.sd, 1.5811388300841898 /* sqrt(2.5) */, REL);
	gmt_sample_of(eight, N(eight), &s);
	CHECK_NEAR("stats:mean-8", s.mean, 5, REL);
	CHECK_NEAR("stats:sd-8", s.sd, 2.138089935299395 /* sqrt(32/7) */, REL);
	/* Constant: exactly, not 0.1 with a rounding residue. */
	gmt_sample_of(tenths, N(tenths), &s);
	CHECK_U64("stats:constant-mean-exact", s.mean == 0.1, 1);
	CHECK_U64("stats:constant-sd-zero", s.sd == 0, 1);
	gmt_sample_of(seven, 1, &s);
	CHECK_NEAR("stats:one-mean", s.mean, 7, 0);
	CHECK_NEAR("stats:one-sd", s.sd, 0, 0);
	gmt_sample_of(NULL, 0, &s);
	CHECK_U64("stats:empty", s.n == 0 && s.mean == 0 && s.sd == 0, 1);

	CHECK_NEAR("stats:change", gmt_rel_change(3, 7), 4.0 / 3, REL);
	CHECK_NEAR("stats:change-down", gmt_rel_change(10, 8), -0.2, REL);
	CHECK_NEAR("stats:change-zero", gmt_rel_change(0, 0), 0, 0);
	CHECK_NEAR("stats:change-from-zero", gmt_rel_change(0, 5), NAN, 0);
}

static void distributions(void)
{
	CHECK_NEAR("stats:betainc-b1", gmt_betainc(2, 1, 0.3), 0.09, REL);
	CHECK_NEAR("stats:betainc-b1-upper", gmt_betainc(2, 1, 0.8), 0.64, REL);
	CHECK_NEAR("stats:betainc-a1", gmt_betainc(1, 3, 0.3), 0.657, REL);
	CHECK_NEAR("stats:betainc-half", gmt_betainc(0.5, 0.5, 0.25), 1.0 / 3, REL);
	CHECK_NEAR("stats:betainc-half-upper", gmt_betainc(0.5, 0.5, 0.9), 0.7951672353008666,
		   REL);
	CHECK_NEAR("stats:betainc-0", gmt_betainc(3, 2, 0), 0, 0);
	CHECK_NEAR("stats:betainc-1", gmt_betainc(3, 2, 1), 1, 0);

	CHECK_NEAR("stats:t-cdf-cauchy", gmt_student_t_cdf(1, 1), 0.75, REL);
	CHECK_NEAR("stats:t-cdf-df2", gmt_student_t_cdf(2, 2), 0.9082482904638631, REL);
	CHECK_NEAR("stats:t-cdf-df3-negative", gmt_student_t_cdf(-1.5, 3), 0.1152919326224115,
		   REL);
	CHECK_NEAR("stats:t-cdf-zero", gmt_student_t_cdf(0, 7), 0.5, REL);
	CHECK_NEAR("stats:t-cdf-df2.5", gmt_student_t_cdf(0.5, 2.5), 0.6711510400651417, 1e-8);
}

static void welch_tests(void)
{
	static const double a[] = { 1, 2, 3, 4, 5 };		/* mean 3, variance 2.5 */
	static const double b[] = { 3, 5, 7, 9, 11 };		/* mean 7, variance 10 */
	static const double a1[] = { 2, 3, 4, 5, 6 };		/* mean 4, variance 2.5 */
	/* Wikipedia, "Welch's t-test", example 1: t 2.46, df 24.99, p 0.021. */
	static const double w1[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6,
				     23.1, 19.6, 19.0, 21.7, 21.4 };
	static const double w2[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2,
				     21.9, 22.1, 22.9, 20.5, 24.4 };
	static const double five3[] = { 5, 5, 5 }, five2[] = { 5, 5 }, six3[] = { 6, 6, 6 };
	static const double spread[] = { 4, 6, 8 };		/* mean 6, variance 4 */
	struct gmt_welch w;

	/*
	 * va/na = 0.5, vb/nb = 2: t = 4 / sqrt(2.5), df = 6.25 / (0.25/4 +
	 * 4/4) = 100/17; p integrated: 0.0455 < 0.05.
	 */
	welch(a, N(a), b, N(b), &w);
	CHECK_NEAR("stats:welch-t", w.t, 2.5298221281347035, REL);
	CHECK_NEAR("stats:welch-df", w.df, 100.0 / 17, REL);
	CHECK_NEAR("stats:welch-p", w.p, 0.045464618970936788, 1e-8);
	CHECK_STR("stats:welch-verdict", gmt_signif_name(w.verdict), "significant");
	/* The other way round: t changes sign, nothing else. */
	welch(b, N(b), a, N(a), &w);
	CHECK_NEAR("stats:welch-t-swapped", w.t, -2.5298221281347035, REL);
	CHECK_NEAR("stats:welch-p-swapped", w.p, 0.045464618970936788, 1e-8);

	/*
	 * t = 1 / sqrt(0.5 + 0.5) = 1, df = 1 / (2 * 0.25/4) = 8: th =
	 * atan(1/sqrt(8)), sin th = 1/3, cos^2 th = 8/9, P(|T| < 1) = 1/3
	 * (1 + 4/9 + 8/27 + 160/729) = 1429/2187: p = 758/2187.
	 */
	welch(a, N(a), a1, N(a1), &w);
	CHECK_NEAR("stats:welch-t-8", w.t, 1, REL);
	CHECK_NEAR("stats:welch-df-8", w.df, 8, REL);
	CHECK_NEAR("stats:welch-p-8", w.p, 758.0 / 2187, REL);
	CHECK_STR("stats:welch-not-significant", gmt_signif_name(w.verdict), "not significant");

	welch(w1, N(w1), w2, N(w2), &w);
	CHECK_NEAR("stats:welch-wikipedia-t", w.t, 2.455356398286006, REL);
	CHECK_NEAR("stats:welch-wikipedia-df", w.df, 24.988529290231419, REL);
	CHECK_NEAR("stats:welch-wikipedia-p", w.p, 0.021378001462861729, 1e-8);

	/*
	 * One side constant: t = 1 / sqrt(4/3) = sqrt(3)/2, df = (4/3)^2 /
	 * ((4/3)^2 / 2) = 2, p = 1 - t / sqrt(2 + t^2) = 1 - sqrt(3/11).
	 */
	welch(five3, N(five3), spread, N(spread), &w);
	CHECK_NEAR("stats:welch-one-constant-t", w.t, 0.8660254037844386, REL);
	CHECK_NEAR("stats:welch-one-constant-df", w.df, 2, REL);
	CHECK_NEAR("stats:welch-one-constant-p", w.p, 0.4777670321329065, REL);

	/* Both constant: no variance to divide by. */
	welch(five3, N(five3), five2, N(five2), &w);
	CHECK_NEAR("stats:welch-same-constants-t", w.t, 0, 0);
	CHECK_NEAR("stats:welch-same-constants-p", w.p, 1, 0);
	CHECK_NEAR("stats:welch-same-constants-df", w.df, NAN, 0);
	CHECK_STR("stats:welch-same-constants", gmt_signif_name(w.verdict), "not significant");
	welch(five3, N(five3), six3, N(six3), &w);
	CHECK_NEAR("stats:welch-other-constants-t", w.t, INFINITY, 0);
	CHECK_NEAR("stats:welch-other-constants-p", w.p, 0, 0);
	CHECK_STR("stats:welch-other-constants", gmt_signif_name(w.verdict), "significant");

	/* One run on a side: no variance to estimate. */
	welch(a, N(a), five2, 1, &w);
	CHECK_STR("stats:welch-too-few", gmt_signif_name(w.verdict), "too few runs");
	CHECK_NEAR("stats:welch-too-few-p", w.p, NAN, 0);
	CHECK_NEAR("stats:welch-too-few-t", w.t, NAN, 0);
}

int main(void)
{
	samples();
	distributions();
	welch_tests();
	return unit_exit();
}
