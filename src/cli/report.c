/*
 * report.c - `netprofile report`: one self-contained HTML file showing an
 * inventory (--db), or captures and flow files profiled on the spot (-r,
 * --flows) into an inventory in memory, as `servers` would store them.
 * Argument parsing and plumbing only; the page is written by report/.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/anomalies.h"
#include "../analyze/explain.h"
#include "../profile/inventory.h"
#include "../report/report.h"

static const char report_usage[] =
	"usage: netprofile report (--db INVENTORY | -r capture... | --flows file...) [-o report.html] [options]\n"
	"  --db PATH|URI      the inventory to show (as written by netprofile servers / watch): a file,\n"
	"                     or a PostgreSQL database (postgresql://[user@]host[:port]/dbname)\n"
	"  -r FILE            a capture to profile for the report (repeatable); adds packets,\n"
	"                     flows and traffic over time; nothing is stored\n"
	"  --flows FILE       flow records to profile (repeatable), as for netprofile servers\n"
	"  -o FILE            where to write the report (default report.html; '-' = standard output)\n"
	"  --title TEXT       the report's title\n"
	"  --max-clients N    clients listed per server (default 100; all are counted)\n"
	"  --chartjs PATH     Chart.js to inline (default " NP_REPORT_CHARTJS ")\n"
	"  --no-flags, --learn DURATION, --quiet-after DURATION, --idle-timeout S,\n"
	"  --active-timeout S, --max-flows N   with -r/--flows, as for netprofile servers\n";

struct report_args {
	cli_profile_inputs in;
	const char *rfiles[64];
	const char *flowfiles[64];
	const char *db, *out, *title, *chartjs;
	uint32_t max_clients;
	np_inventory_opts inv;
};

enum {
	OPT_DB = 1000,
	OPT_FLOWS,
	OPT_TITLE,
	OPT_MAXCLIENTS,
	OPT_CHARTJS,
	OPT_NOFLAGS,
	OPT_LEARN,
	OPT_QUIET,
	OPT_IDLE,
	OPT_ACTIVE,
	OPT_MAXFLOWS,
	OPT_HELP
};

static int parse_duration(const char *arg, int64_t *us)
{
	return cli_parse_duration(arg, us) ? 0
					   : cli_usage_error("report", "invalid duration '%s' (e.g. 30m, 2h, 7d)", arg);
}

static int parse_option(struct report_args *a, int c)
{
	switch (c) {
	case 'r':
		if (a->in.nrfiles == 64)
			return cli_usage_error("report", "too many -r files");
		a->rfiles[a->in.nrfiles++] = optarg;
		return 0;
	case OPT_FLOWS:
		if (a->in.nflowfiles == 64)
			return cli_usage_error("report", "too many --flows files");
		a->flowfiles[a->in.nflowfiles++] = optarg;
		return 0;
	case 'o': a->out = optarg; return 0;
	case OPT_DB: a->db = optarg; return 0;
	case OPT_TITLE: a->title = optarg; return 0;
	case OPT_CHARTJS: a->chartjs = optarg; return 0;
	case OPT_MAXCLIENTS: return cli_parse_u32_opt("report", "client count", optarg, 0, 1000000, &a->max_clients);
	case OPT_NOFLAGS: a->in.no_flags = true; return 0;
	case OPT_LEARN: return parse_duration(optarg, &a->inv.learn_us);
	case OPT_QUIET: return parse_duration(optarg, &a->inv.quiet_after_us);
	case OPT_IDLE:
		return cli_parse_u32_opt("report", "idle timeout", optarg, 1, 100000000, &a->in.cfg.idle_timeout_s);
	case OPT_ACTIVE:
		return cli_parse_u32_opt("report", "active timeout", optarg, 1, 100000000, &a->in.cfg.active_timeout_s);
	case OPT_MAXFLOWS: return cli_parse_u32_opt("report", "flow limit", optarg, 1, 100000000, &a->in.cfg.max_flows);
	case OPT_HELP: fputs(report_usage, stdout); exit(0);
	default: return cli_usage_error("report", "unknown option");
	}
}

static int parse_report_args(int argc, char **argv, struct report_args *a)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"title", required_argument, NULL, OPT_TITLE},
		{"max-clients", required_argument, NULL, OPT_MAXCLIENTS},
		{"chartjs", required_argument, NULL, OPT_CHARTJS},
		{"no-flags", no_argument, NULL, OPT_NOFLAGS},
		{"learn", required_argument, NULL, OPT_LEARN},
		{"quiet-after", required_argument, NULL, OPT_QUIET},
		{"idle-timeout", required_argument, NULL, OPT_IDLE},
		{"active-timeout", required_argument, NULL, OPT_ACTIVE},
		{"max-flows", required_argument, NULL, OPT_MAXFLOWS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->in.rfiles = a->rfiles;
	a->in.flowfiles = a->flowfiles;
	a->out = "report.html";
	a->max_clients = 100;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+r:o:", longopts, NULL)) != -1)
		if (parse_option(a, c) != 0)
			return 1;
	if (optind < argc)
		return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
	bool captures = a->in.nrfiles || a->in.nflowfiles;
	if (a->db && captures)
		return cli_usage_error("report",
				       "give --db or -r/--flows, not both (netprofile servers stores captures)");
	if (!a->db && !captures)
		return cli_usage_error("report", "no input: give --db INVENTORY, or -r CAPTURE");
	return 0;
}

/* -r/--flows: profile into an inventory in memory, as servers would store it. */
static np_inventory *profile_inputs(struct report_args *a, np_report_traffic *traffic, uint64_t *packets, int *status)
{
	char err[512];
	np_inventory *inv = np_inventory_open(":memory:", NULL, err, sizeof(err));
	if (!inv) {
		fprintf(stderr, "netprofile: %s\n", err);
		return NULL;
	}
	a->in.tap = np_report_traffic_add;
	a->in.tap_ctx = traffic;
	np_profiler *prof = cli_profile_run(&a->in, status, packets);
	size_t n;
	const np_server *servers = np_profiler_servers(prof, &n);
	if (np_inventory_merge(inv, servers, n, &a->inv, NULL, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "netprofile: cannot profile: %s\n", err);
		np_inventory_close(inv);
		inv = NULL;
	}
	np_profiler_free(prof);
	return inv;
}

struct findings_run {
	np_anomalies *checks;
	np_explain *story; /* for its host-level steps */
	np_report_findings *findings;
	int file;
	bool nano;
};

static void on_finding(void *ctx, const np_finding *f)
{
	struct findings_run *run = ctx;
	np_report_findings_add(run->findings, f, run->file, run->nano);
}

static void on_step(void *ctx, const np_step *s)
{
	struct findings_run *run = ctx;
	np_report_findings_step(run->findings, s, run->file);
}

static void on_packet(void *ctx, const np_packet *pkt, uint64_t number)
{
	struct findings_run *run = ctx;
	np_anomalies_packet(run->checks, pkt, number);
	np_explain_packet(run->story, pkt, number);
}

/* -r: the anomaly checks (and explain, for its host steps) over each capture, read a second time, as
 * `netprofile anomalies -r` runs them (standard input cannot be read again).
 * A capture that failed to read was reported by the first reading, and a
 * read error part-way keeps the findings before it. */
static np_report_findings *check_captures(const struct report_args *a)
{
	np_report_findings *fs = np_report_findings_new();
	if (!fs)
		return NULL;
	for (int i = 0; i < a->in.nrfiles; i++) {
		if (strcmp(a->rfiles[i], "-") == 0) {
			fprintf(stderr, "report: standard input is read once: no anomaly checks for it\n");
			continue;
		}
		np_source s; /* opened quietly: the first reading said what is wrong with it */
		if (np_source_open_file(&s, a->rfiles[i], a->in.src.nano) != 0) {
			np_source_close(&s);
			continue;
		}
		struct findings_run run = {NULL, NULL, fs, i, s.nano};
		run.checks = np_anomalies_new(on_finding, &run);
		run.story = np_explain_new(on_step, &run);
		if (run.checks && run.story) {
			cli_stop_on_signals(&s);
			np_analyze_source(&s, 0, on_packet, &run);
			cli_stop_on_signals(NULL);
			np_explain_finish(run.story);
		}
		np_anomalies_free(run.checks);
		np_explain_free(run.story);
		np_source_close(&s);
	}
	return fs;
}

/* "captures a.pcap, b.pcap" for the page's summary. */
static void describe_inputs(const struct report_args *a, char *buf, size_t len)
{
	size_t o = (size_t)snprintf(buf, len, "%s", a->in.nrfiles ? "capture" : "flow records");
	for (int i = 0; i < a->in.nrfiles + a->in.nflowfiles && o < len; i++) {
		const char *name = i < a->in.nrfiles ? a->rfiles[i] : a->flowfiles[i - a->in.nrfiles];
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : " ", name);
	}
}

int cmd_report(int argc, char **argv)
{
	struct report_args a;
	if (parse_report_args(argc, argv, &a) != 0)
		return 1;
	char err[512], source[1024];
	int status = 0;
	uint64_t packets = 0;
	np_report_traffic *traffic = NULL;
	np_report_findings *findings = NULL;
	np_inventory *inv;
	if (a.db) {
		inv = np_inventory_open_existing(a.db, err, sizeof(err));
		if (!inv)
			fprintf(stderr, "netprofile: %s\n", err);
		else /* its name as the store tells it: a URI's password is not shown */
			snprintf(source, sizeof(source), "inventory %s", np_inventory_name(inv));
	} else {
		traffic = np_report_traffic_new();
		inv = traffic ? profile_inputs(&a, traffic, &packets, &status) : NULL;
		describe_inputs(&a, source, sizeof(source));
		if (inv && a.in.nrfiles)
			findings = check_captures(&a);
	}
	if (!inv) {
		np_report_traffic_free(traffic);
		return 1;
	}
	np_report_opts o = {a.title,       source,   a.db ? np_inventory_name(inv) : NULL,
			    a.chartjs,     traffic,  packets,
			    a.max_clients, findings, a.rfiles,
			    a.in.nrfiles};
	if (np_report_write(inv, &o, a.out, err, sizeof(err)) != 0) {
		fprintf(stderr, "netprofile: %s\n", err);
		status = 1;
	} else if (strcmp(a.out, "-") != 0) {
		fprintf(stderr, "report: %s\n", a.out);
	}
	np_inventory_close(inv);
	np_report_traffic_free(traffic);
	np_report_findings_free(findings);
	return status ? 1 : 0;
}
