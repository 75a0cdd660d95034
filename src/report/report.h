/*
 * report.h - `netprofile report`: the inventory (and, from captures, the
 * traffic over time) as one self-contained HTML file: styles, scripts
 * (the page's own and Debian's Chart.js, read at run time) and data inline,
 * no network request when opened, a strict Content-Security-Policy.
 *
 * The data goes into the page as one JSON document inside
 * <script type="application/json">, escaped so that no stored name (a
 * service, a DNS name, evidence) can end the script element or the page:
 * see json.c. The page renders it with textContent only.
 *
 * Not for: profiling (cli/profile_run.c and profile/) or storing
 * (profile/inventory.h); this reads the inventory through inventory.h.
 */
#ifndef NP_REPORT_H
#define NP_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../analyze/anomalies.h"
#include "../analyze/explain.h"
#include "../flow/flow.h"
#include "../profile/inventory.h"

/* The default place of Debian's libjs-chart.js. */
#define NP_REPORT_CHARTJS "/usr/share/javascript/chart.js/chart.min.js"

/* Flows over time, for a report built from captures or flow files. */
typedef struct np_report_traffic np_report_traffic;

np_report_traffic *np_report_traffic_new(void);
void np_report_traffic_free(np_report_traffic *t);
/* A flow tap (cli_profile_inputs.tap): counts the flow in its start's interval. */
void np_report_traffic_add(void *traffic, const np_flow *f);
uint64_t np_report_traffic_flows(const np_report_traffic *t);

typedef struct np_report_bucket {
	uint64_t flows, packets, bytes;
} np_report_bucket;

/* The flows summed by start time into at most max intervals of a round
 * length (1, 2 or 5 times a power of ten milliseconds, or whole minutes,
 * hours, days); NULL with *n 0 when there are none. The caller frees. */
np_report_bucket *np_report_traffic_buckets(const np_report_traffic *t, size_t max, int64_t *start_us, int64_t *step_us,
					    size_t *n);

/* The anomaly findings of the captures (-r): at most this many listed in
 * the page, all of them counted by check. */
#define NP_REPORT_MAX_FINDINGS 10000

typedef struct np_report_finding {
	np_finding f; /* ts_frac in microseconds */
	int file;     /* which capture, an index into np_report_opts.files */
} np_report_finding;

/* explain's host-level steps (ipid, ttl): at most this many listed. */
#define NP_REPORT_MAX_HOST_STEPS 10000

typedef struct np_report_host_step {
	char host[NP_ADDR_TEXT];
	char kind[8]; /* "ipid", "ttl" */
	char summary[512];
	int file;
} np_report_host_step;

typedef struct np_report_findings {
	np_report_finding *rows;
	size_t n, cap;
	uint64_t counts[NP_CHECK_COUNT]; /* every finding, listed or not */
	np_report_host_step *hosts;
	size_t nhosts, caphosts;
	uint64_t host_steps; /* every host step, listed or not */
} np_report_findings;

np_report_findings *np_report_findings_new(void);
void np_report_findings_free(np_report_findings *fs);
/* Count f, and keep it while fewer than NP_REPORT_MAX_FINDINGS are kept. */
void np_report_findings_add(np_report_findings *fs, const np_finding *f, int file, bool nano);
/* The same for one of explain's steps; only host-level ones are kept. */
void np_report_findings_step(np_report_findings *fs, const np_step *s, int file);

typedef struct np_report_opts {
	const char *title;
	const char *source;                 /* what it was built from, for the summary */
	const char *inventory;              /* its path, for messages ("inventory" if NULL) */
	const char *chartjs;                /* path of chart.min.js; a missing file: the page draws plain SVG */
	const np_report_traffic *traffic;   /* NULL for an inventory alone */
	uint64_t packets;                   /* read from captures (with traffic; 0 = none, flow records only) */
	unsigned max_clients;               /* clients listed per server (they are all counted) */
	const np_report_findings *findings; /* NULL: not built from captures */
	const char *const *files;           /* the captures the findings name */
	int nfiles;
} np_report_opts;

/* Write the report of inv to path ("-" = standard output): to a temporary
 * file in path's directory, renamed over path once complete, so a failed
 * run leaves no half-written report. 0, or -1 with one line in err naming
 * the file. A warning (Chart.js missing) goes to stderr. */
int np_report_write(np_inventory *inv, const np_report_opts *o, const char *path, char *err, size_t errlen);

#endif
