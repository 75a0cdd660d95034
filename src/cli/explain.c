/*
 * explain.c - `netprofile explain`: tell each conversation's story in
 * steps, the way an analyst reads a capture (analyze/explain.h), one line
 * per step on standard output (or JSON lines). Argument parsing only.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../analyze/explain.h"

static const char explain_usage[] =
	"usage: netprofile explain [-c count] [-r file | -i interface] [-s snaplen] [-Z user]\n"
	"                          [--format text|json] [--nano] [expression]\n"
	"  -r FILE   read packets from a pcap/pcapng file ('-' = standard input)\n"
	"  -i IFACE  capture live (root drops to -Z user, default nobody)\n"
	"  -c N      stop after N packets\n"
	"  --format  text (default: one line per step) or json (JSON lines)\n"
	"  expression: a BPF filter, as tcpdump takes it (packet numbers count what it lets through)\n"
	"Steps: arp dns handshake data teardown traceroute (per conversation), ipid ttl (per host)\n";

struct explain_run {
	np_explain *story;
	np_out out;
	bool json, nano, line_buffered;
};

static void on_step(void *ctx, const np_step *s)
{
	struct explain_run *run = ctx;
	np_step_write(&run->out, s, run->json, run->nano);
	out_char(&run->out, '\n');
	if (run->line_buffered)
		out_flush(&run->out);
}

static void on_packet(void *ctx, const np_packet *pkt, uint64_t number)
{
	struct explain_run *run = ctx;
	np_explain_packet(run->story, pkt, number);
}

int cmd_explain(int argc, char **argv)
{
	cli_analyze_args a;
	if (cli_parse_analyze_args("explain", explain_usage, argc, argv, &a) != 0)
		return 1;
	np_source src;
	if (cli_open_source(&src, &a.src) != 0) {
		free(a.src.filter);
		return 1;
	}
	cli_announce_source(&src, &a.src);
	struct explain_run run = {.json = a.json, .nano = src.nano};
	out_open_fd(&run.out, STDOUT_FILENO);
	run.line_buffered = a.src.iface != NULL || isatty(STDOUT_FILENO);
	run.story = np_explain_new(on_step, &run);
	if (!run.story) {
		fprintf(stderr, "netprofile: out of memory\n");
		np_source_close(&src);
		free(a.src.filter);
		return 1;
	}
	cli_stop_on_signals(&src);
	int rc = np_analyze_source(&src, a.count, on_packet, &run);
	cli_stop_on_signals(NULL);
	np_explain_finish(run.story); /* what was read before a fault is still told */
	out_flush(&run.out);
	int status = np_analyze_status(&src, rc, &run.out);
	np_explain_free(run.story);
	out_close(&run.out);
	np_source_close(&src);
	free(a.src.filter);
	return status;
}
