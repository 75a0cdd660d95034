/*
 * findings.c - the anomaly findings of a report's captures (report.h):
 * the first NP_REPORT_MAX_FINDINGS kept for the page, every one counted
 * by check, so a hostile capture cannot make the page grow without bound;
 * and, bounded the same way, explain's host-level steps (IP ID, TTL).
 * Not for: the checks themselves (analyze/anomalies.c) or reading the
 * captures (cli/report.c).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>

/* Room for one more of n elements in *arr (capacity *cap); false without it. */
static bool make_room(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *a = realloc(*arr, ncap * elem);
	if (!a)
		return false;
	*arr = a;
	*cap = ncap;
	return true;
}

np_report_findings *np_report_findings_new(void)
{
	return calloc(1, sizeof(np_report_findings));
}

void np_report_findings_free(np_report_findings *fs)
{
	if (!fs)
		return;
	free(fs->rows);
	free(fs->hosts);
	free(fs);
}

void np_report_findings_add(np_report_findings *fs, const np_finding *f, int file, bool nano)
{
	if (f->check < NP_CHECK_COUNT)
		fs->counts[f->check]++;
	if (fs->n == NP_REPORT_MAX_FINDINGS)
		return;
	void *rows = fs->rows;
	bool room = make_room(&rows, &fs->cap, fs->n, sizeof(*fs->rows));
	fs->rows = rows;
	if (!room)
		return; /* counted, not listed */
	np_report_finding *r = &fs->rows[fs->n++];
	r->f = *f;
	r->f.ts_frac = nano ? f->ts_frac / 1000 : f->ts_frac;
	r->file = file;
}

void np_report_findings_step(np_report_findings *fs, const np_step *s, int file)
{
	if (s->conversation != 0)
		return;
	fs->host_steps++;
	if (fs->nhosts == NP_REPORT_MAX_HOST_STEPS)
		return;
	void *hosts = fs->hosts;
	bool room = make_room(&hosts, &fs->caphosts, fs->nhosts, sizeof(*fs->hosts));
	fs->hosts = hosts;
	if (!room)
		return;
	np_report_host_step *h = &fs->hosts[fs->nhosts++];
	snprintf(h->host, sizeof(h->host), "%s", s->host);
	snprintf(h->kind, sizeof(h->kind), "%s", s->kind ? s->kind : "");
	snprintf(h->summary, sizeof(h->summary), "%s", s->summary);
	h->file = file;
}
