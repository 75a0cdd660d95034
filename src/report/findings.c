/*
 * findings.c - the anomaly findings of a report's captures (report.h):
 * the first NP_REPORT_MAX_FINDINGS kept for the page, every one counted
 * by check, so a hostile capture cannot make the page grow without bound.
 * Not for: the checks themselves (analyze/anomalies.c) or reading the
 * captures (cli/report.c).
 */
#include "report.h"

#include <stdlib.h>

np_report_findings *np_report_findings_new(void)
{
	return calloc(1, sizeof(np_report_findings));
}

void np_report_findings_free(np_report_findings *fs)
{
	if (!fs)
		return;
	free(fs->rows);
	free(fs);
}

void np_report_findings_add(np_report_findings *fs, const np_finding *f, int file, bool nano)
{
	if (f->check < NP_CHECK_COUNT)
		fs->counts[f->check]++;
	if (fs->n == NP_REPORT_MAX_FINDINGS)
		return;
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		np_report_finding *rows = realloc(fs->rows, cap * sizeof(*rows));
		if (!rows)
			return; /* counted, not listed */
		fs->rows = rows;
		fs->cap = cap;
	}
	np_report_finding *r = &fs->rows[fs->n++];
	r->f = *f;
	r->f.ts_frac = nano ? f->ts_frac / 1000 : f->ts_frac;
	r->file = file;
}
