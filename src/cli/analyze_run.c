/*
 * analyze_run.c - what explain and anomalies share: open -r/-i, decode and
 * number every packet for the analyzer, let it tell what it holds back at
 * the end (also after a read fault), and turn read and write errors into
 * the exit status. The analyzers themselves live in src/analyze/.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../analyze/analyze.h"

struct analyzer_ctx {
	const cli_analyzer *an;
	void *state;
};

static void on_packet(void *ctx, const np_packet *pkt, uint64_t number)
{
	struct analyzer_ctx *c = ctx;
	c->an->packet(c->state, pkt, number);
}

void cli_analysis_end_line(cli_analysis *run)
{
	out_char(&run->out, '\n');
	if (run->line_buffered)
		out_flush(&run->out);
}

int cli_run_analyzer(const cli_analyzer *an, int argc, char **argv)
{
	cli_analyze_args a;
	if (cli_parse_analyze_args(an->name, an->usage, argc, argv, &a) != 0)
		return 1;
	np_source src;
	if (cli_open_source(&src, &a.src) != 0) {
		free(a.src.filter);
		return 1;
	}
	cli_announce_source(&src, &a.src);
	cli_analysis run = {.json = a.json, .nano = src.nano};
	out_open_fd(&run.out, STDOUT_FILENO);
	run.line_buffered = a.src.iface != NULL || isatty(STDOUT_FILENO);
	struct analyzer_ctx c = {.an = an, .state = an->create(&run)};
	if (!c.state) {
		fprintf(stderr, "netprofile: out of memory\n");
		np_source_close(&src);
		free(a.src.filter);
		return 1;
	}
	cli_stop_on_signals(&src);
	int rc = np_analyze_source(&src, a.count, on_packet, &c);
	cli_stop_on_signals(NULL);
	if (an->finish)
		an->finish(c.state); /* what was read before a fault is still told */
	out_flush(&run.out);
	int status = np_analyze_status(&src, rc, &run.out);
	if (an->summary)
		an->summary(c.state);
	an->destroy(c.state);
	out_close(&run.out);
	np_source_close(&src);
	free(a.src.filter);
	return status;
}
