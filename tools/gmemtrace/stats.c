// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics over the runs of a record.  Welch's t-test takes its p-value
 * from Student's t distribution, P(|T| >= |t|) = I_x(df/2, 1/2) with
 * x = df / (df + t^2), and the regularized incomplete beta function I is
 * evaluated by its continued fraction (modified Lentz), as in Numerical
 * Recipes, 6.4, and DLMF 8.17.22.
 */
#include <math.h>
#include <stdbool.h>

#include "stats.h"

#define CF_MAX_ITER	300
#define CF_EPS		1e-15
#define CF_TINY		1e-300

void gmt_sample_of(const double *v, size_t n, struct gmt_sample *s)
{
	bool constant = true;
	double sum = 0, ss = 0;
	size_t i;

	s->n = n;
	s->mean = 0;
	s->sd = 0;
	if (!n)
		return;
	for (i = 0; i < n; i++) {
		sum += v[i];
		constant &= v[i] == v[0];
	}
	/* Exact for constant samples: no rounding residue in the deviation. */
	if (constant) {
		s->mean = v[0];
		return;
	}
	s->mean = sum / n;
	for (i = 0; i < n; i++)
		ss += (v[i] - s->mean) * (v[i] - s->mean);
	s->sd = n > 1 ? sqrt(ss / (n - 1)) : 0;
}

double gmt_rel_change(double a, double b)
{
	if (a == 0)
		return b == 0 ? 0 : NAN;
	return (b - a) / fabs(a);
}

static double not_tiny(double v)
{
	return fabs(v) < CF_TINY ? CF_TINY : v;
}

/*
 * The continued fraction of I_x(a, b): 1 / (1 + d1 / (1 + d2 / (1 + ...)))
 * with d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
 * d(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)); it converges quickly for
 * x < (a + 1) / (a + b + 2).
 */
static double beta_cf(double a, double b, double x)
{
	double c = 1, d, h, num, step;
	int m;

	d = 1 / not_tiny(1 - (a + b) * x / (a + 1));
	h = d;
	for (m = 1; m <= CF_MAX_ITER; m++) {
		num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 / not_tiny(1 + num * d);
		c = not_tiny(1 + num / c);
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 / not_tiny(1 + num * d);
		c = not_tiny(1 + num / c);
		step = d * c;
		h *= step;
		if (fabs(step - 1) < CF_EPS)
			break;
	}
	return h;
}

double gmt_betainc(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	/* x^a (1 - x)^b / B(a, b) */
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	/* I_x(a, b) = 1 - I_(1-x)(b, a) */
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

/* P(|T| >= |t|), both tails. */
static double t_two_tails(double t, double df)
{
	return gmt_betainc(df / 2, 0.5, df / (df + t * t));
}

double gmt_student_t_cdf(double t, double df)
{
	double tail = t_two_tails(t, df) / 2;

	return t > 0 ? 1 - tail : tail;
}

void gmt_welch_test(const struct gmt_sample *a, const struct gmt_sample *b, double alpha,
		    struct gmt_welch *w)
{
	double va, vb, se2;

	w->t = w->df = w->p = NAN;
	w->verdict = GMT_TOO_FEW;
	if (a->n < 2 || b->n < 2)
		return;
	va = a->sd * a->sd / a->n;
	vb = b->sd * b->sd / b->n;
	se2 = va + vb;
	if (se2 == 0) {
		/* Two constants: the same, or different beyond any doubt. */
		w->t = a->mean == b->mean ? 0 : copysign(INFINITY, b->mean - a->mean);
		w->p = a->mean == b->mean ? 1 : 0;
	} else {
		w->t = (b->mean - a->mean) / sqrt(se2);
		w->df = se2 * se2 / (va * va / (a->n - 1) + vb * vb / (b->n - 1));
		w->p = t_two_tails(w->t, w->df);
	}
	w->verdict = w->p < alpha ? GMT_SIGNIFICANT : GMT_NOT_SIGNIFICANT;
}

const char *gmt_signif_name(enum gmt_signif v)
{
	static const char *const names[] = {
		[GMT_TOO_FEW] = "too few runs",
		[GMT_NOT_SIGNIFICANT] = "not significant",
		[GMT_SIGNIFICANT] = "significant",
	};

	return names[v];
}
