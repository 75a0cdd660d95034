/*
 * anomalies.c - `netprofile anomalies`: read packets and name what is odd
 * (analyze/anomalies.h has the checks). Findings on standard output, one
 * per line (or JSON lines); the count per check on standard error at the
 * end. Exit status 0 when the capture was read to its end, whatever was
 * found. Argument parsing only.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../analyze/anomalies.h"

static const char anomalies_usage[] =
	"usage: netprofile anomalies [-c count] [-r file | -i interface] [-s snaplen] [-Z user]\n"
	"                            [--format text|json] [--nano] [expression]\n"
	"  -r FILE   read packets from a pcap/pcapng file ('-' = standard input)\n"
	"  -i IFACE  capture live (root drops to -Z user, default nobody)\n"
	"  -c N      stop after N packets\n"
	"  --format  text (default: one line per finding) or json (JSON lines)\n"
	"  expression: a BPF filter, as tcpdump takes it\n"
	"Checks: land tcp-syn-fin tcp-syn-rst tcp-xmas tcp-null tcp-fin-no-ack port-zero\n"
	"  fragment-tiny fragment-oversize ip-source-route bogon-source ip-bad-checksum malformed\n"
	"  fragment-overlap arp-conflict scan (README: what each means, thresholds)\n";

struct anomalies_run {
	np_anomalies *checks;
	np_out out;
	bool json, nano, line_buffered;
};

static void on_finding(void *ctx, const np_finding *f)
{
	struct anomalies_run *run = ctx;
	np_finding_write(&run->out, f, run->json, run->nano);
	out_char(&run->out, '\n');
	if (run->line_buffered)
		out_flush(&run->out);
}

static void on_packet(void *ctx, const np_packet *pkt, uint64_t number)
{
	struct anomalies_run *run = ctx;
	np_anomalies_packet(run->checks, pkt, number);
}

int cmd_anomalies(int argc, char **argv)
{
	cli_analyze_args a;
	if (cli_parse_analyze_args("anomalies", anomalies_usage, argc, argv, &a) != 0)
		return 1;
	np_source src;
	if (cli_open_source(&src, &a.src) != 0) {
		free(a.src.filter);
		return 1;
	}
	cli_announce_source(&src, &a.src);
	struct anomalies_run run = {.json = a.json, .nano = src.nano};
	out_open_fd(&run.out, STDOUT_FILENO);
	run.line_buffered = a.src.iface != NULL || isatty(STDOUT_FILENO);
	run.checks = np_anomalies_new(on_finding, &run);
	if (!run.checks) {
		fprintf(stderr, "netprofile: out of memory\n");
		np_source_close(&src);
		free(a.src.filter);
		return 1;
	}
	cli_stop_on_signals(&src);
	int rc = np_analyze_source(&src, a.count, on_packet, &run);
	cli_stop_on_signals(NULL);
	out_flush(&run.out);
	int status = np_analyze_status(&src, rc, &run.out);
	fprintf(stderr, "anomalies:");
	for (int c = 0; c < NP_CHECK_COUNT; c++)
		fprintf(stderr, "%s %s %llu", c ? "," : "", np_anomaly_name(c),
			(unsigned long long)np_anomalies_count(run.checks, c));
	fprintf(stderr, "\n");
	np_anomalies_free(run.checks);
	out_close(&run.out);
	np_source_close(&src);
	free(a.src.filter);
	return status;
}
