/*
 * explain.c - `netprofile explain`: tell each conversation's story in
 * steps, the way an analyst reads a capture (analyze/explain.h), one line
 * per step on standard output (or JSON lines). Argument parsing only.
 */
#include "cli.h"

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

static void on_step(void *ctx, const np_step *s)
{
	cli_analysis *run = ctx;
	np_step_write(&run->out, s, run->json, run->nano);
	cli_analysis_end_line(run);
}

static void *create(cli_analysis *run)
{
	return np_explain_new(on_step, run);
}
static void packet(void *state, const np_packet *pkt, uint64_t number)
{
	np_explain_packet(state, pkt, number);
}
static void finish(void *state)
{
	np_explain_finish(state);
}
static void destroy(void *state)
{
	np_explain_free(state);
}

int cmd_explain(int argc, char **argv)
{
	static const cli_analyzer an = {
		.name = "explain",
		.usage = explain_usage,
		.create = create,
		.packet = packet,
		.finish = finish,
		.destroy = destroy,
	};
	return cli_run_analyzer(&an, argc, argv);
}
