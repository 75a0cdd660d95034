/*
 * anomalies.c - `netprofile anomalies`: read packets and name what is odd
 * (analyze/anomalies.h has the checks). Findings on standard output, one
 * per line (or JSON lines); the count per check on standard error at the
 * end. Exit status 0 when the capture was read to its end, whatever was
 * found. Argument parsing only.
 */
#include "cli.h"

#include <stdio.h>

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

static void on_finding(void *ctx, const np_finding *f)
{
	cli_analysis *run = ctx;
	np_finding_write(&run->out, f, run->json, run->nano);
	cli_analysis_end_line(run);
}

static void *create(cli_analysis *run)
{
	return np_anomalies_new(on_finding, run);
}
static void packet(void *state, const np_packet *pkt, uint64_t number)
{
	np_anomalies_packet(state, pkt, number);
}
static void destroy(void *state)
{
	np_anomalies_free(state);
}

/* The count per check, whatever was found. */
static void summary(void *state)
{
	fprintf(stderr, "anomalies:");
	for (int c = 0; c < NP_CHECK_COUNT; c++)
		fprintf(stderr, "%s %s %llu", c ? "," : "", np_anomaly_name(c),
			(unsigned long long)np_anomalies_count(state, c));
	fprintf(stderr, "\n");
}

int cmd_anomalies(int argc, char **argv)
{
	static const cli_analyzer an = {
		.name = "anomalies",
		.usage = anomalies_usage,
		.create = create,
		.packet = packet,
		.summary = summary,
		.destroy = destroy,
	};
	return cli_run_analyzer(&an, argc, argv);
}
