/*
 * traffic.c - flows over time for the report (report.h): each flow's
 * start, packets and bytes as the profiler is given it, summed into
 * intervals once the run is over (the span is known only then).
 * Not for: a live time series (nothing here is bounded but by the run).
 */
#include "report.h"

#include <stdlib.h>

struct flow_point {
	int64_t start_us;
	uint64_t packets, bytes;
};

struct np_report_traffic {
	struct flow_point *points;
	size_t n, cap;
	int64_t min_us, max_us;
};

np_report_traffic *np_report_traffic_new(void)
{
	np_report_traffic *t = calloc(1, sizeof(*t));
	if (t) {
		t->min_us = INT64_MAX;
		t->max_us = INT64_MIN;
	}
	return t;
}

void np_report_traffic_free(np_report_traffic *t)
{
	if (!t)
		return;
	free(t->points);
	free(t);
}

void np_report_traffic_add(void *ctx, const np_flow *f)
{
	np_report_traffic *t = ctx;
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 4096;
		struct flow_point *p = realloc(t->points, ncap * sizeof(*p));
		if (!p)
			return; /* out of memory: the chart misses this flow, the run goes on */
		t->points = p;
		t->cap = ncap;
	}
	int64_t start = f->fwd.first_us;
	if (f->rev.packets && f->rev.first_us < start)
		start = f->rev.first_us;
	t->points[t->n++] =
		(struct flow_point){start, (uint64_t)f->fwd.packets + f->rev.packets, f->fwd.bytes + f->rev.bytes};
	if (start < t->min_us)
		t->min_us = start;
	if (start > t->max_us)
		t->max_us = start;
}

uint64_t np_report_traffic_flows(const np_report_traffic *t)
{
	return t ? t->n : 0;
}

/* The smallest round interval that cuts span into at most max pieces. */
static int64_t round_step(int64_t span_us, size_t max)
{
	static const int64_t steps_ms[] = {1,       2,       5,        10,       20,       50,      100,
					   200,     500,     1000,     2000,     5000,     10000,   15000,
					   30000,   60000,   120000,   300000,   600000,   900000,  1800000,
					   3600000, 7200000, 10800000, 21600000, 43200000, 86400000};
	for (size_t i = 0; i < sizeof(steps_ms) / sizeof(steps_ms[0]); i++)
		if (span_us / (steps_ms[i] * 1000) < (int64_t)max)
			return steps_ms[i] * 1000;
	int64_t day = 86400000000LL;
	return (span_us / day / (int64_t)max + 1) * day;
}

np_report_bucket *np_report_traffic_buckets(const np_report_traffic *t, size_t max, int64_t *start_us, int64_t *step_us,
					    size_t *n)
{
	*n = 0;
	if (!t || !t->n || max == 0)
		return NULL;
	int64_t step = round_step(t->max_us - t->min_us, max);
	int64_t start = t->min_us - ((t->min_us % step) + step) % step;
	size_t count = (size_t)((t->max_us - start) / step) + 1;
	np_report_bucket *b = calloc(count, sizeof(*b));
	if (!b)
		return NULL;
	for (size_t i = 0; i < t->n; i++) {
		np_report_bucket *k = &b[(t->points[i].start_us - start) / step];
		k->flows++;
		k->packets += t->points[i].packets;
		k->bytes += t->points[i].bytes;
	}
	*start_us = start;
	*step_us = step;
	*n = count;
	return b;
}
