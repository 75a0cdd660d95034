/*
 * common.c - what the packet-reading subcommands share: opening the
 * source (file, stdin or interface, filter, writer, dropping root),
 * announcing it as tcpdump does, stopping on signals, number parsing.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../flow/writer.h"

int cli_open_source(np_source *src, const cli_source_args *a)
{
	int rc = a->rfile ? np_source_open_file(src, a->rfile, a->nano)
			  : np_source_open_live(src, a->iface, a->snaplen, a->nano, a->buffer_kib);
	if (rc == 0 && a->iface)
		rc = np_source_drop_root(src, a->user ? a->user : "nobody");
	if (rc == 0 && a->rfile)
		np_source_show_progress(src, a->progress);
	if (rc == 0)
		rc = np_source_set_filter(src, a->filter);
	if (rc == 0 && a->wfile)
		rc = np_source_open_writer(src, a->wfile);
	if (rc != 0) {
		fprintf(stderr, "netprofile: %s\n", src->err);
		np_source_close(src);
	}
	return rc;
}

void cli_announce_source(const np_source *src, const cli_source_args *a)
{
	char lt[128];
	np_source_linktype_name(src, lt, sizeof(lt));
	if (a->rfile)
		fprintf(stderr, "reading from file %s, link-type %s, snapshot length %d\n", a->rfile, lt,
			pcap_snapshot(src->pcap));
	else
		fprintf(stderr, "listening on %s, link-type %s, snapshot length %d bytes\n", a->iface, lt,
			pcap_snapshot(src->pcap));
}

static np_source *stoppable;
static volatile sig_atomic_t stop_asked;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_asked = 1;
	if (stoppable)
		np_source_break(stoppable);
}

void cli_stop_on_signals(np_source *src)
{
	stoppable = src;
	struct sigaction sa;
	sa.sa_handler = src ? on_stop_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool cli_stop_asked(void)
{
	return stop_asked;
}

bool cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int cli_parse_u32_opt(const char *cmd, const char *name, const char *arg, long min, long max, uint32_t *out)
{
	long v;
	if (!cli_parse_long(arg, min, max, &v))
		return cli_usage_error(cmd, "invalid %s '%s'", name, arg);
	*out = (uint32_t)v;
	return 0;
}

int cli_parse_format(const char *cmd, const char *arg, int *format)
{
	if (strcmp(arg, "text") == 0)
		*format = NP_FLOW_TEXT;
	else if (strcmp(arg, "csv") == 0)
		*format = NP_FLOW_CSV;
	else if (strcmp(arg, "json") == 0)
		*format = NP_FLOW_JSON;
	else
		return cli_usage_error(cmd, "unknown format '%s' (text, csv, json)", arg);
	return 0;
}

int cli_parse_buffer(const char *cmd, const char *arg, cli_source_args *a)
{
	long v;
	/* pcap_set_buffer_size takes bytes in an int */
	if (!cli_parse_long(arg, 1, 2097151, &v))
		return cli_usage_error(cmd, "invalid buffer size '%s' (KiB, 1 to 2097151)", arg);
	a->buffer_kib = (int)v;
	return 0;
}

int cli_check_one_source(const char *cmd, const cli_source_args *a)
{
	if (a->rfile && a->iface)
		return cli_usage_error(cmd, "-r and -i cannot be used together");
	if (!a->rfile && !a->iface)
		return cli_usage_error(cmd, "no input: give -r FILE or -i INTERFACE");
	return 0;
}

bool cli_parse_duration(const char *s, int64_t *us)
{
	static const struct {
		char unit;
		double seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return false;
	double mult = 1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (*end == units[i].unit) {
			mult = units[i].seconds;
			end++;
			break;
		}
	if (*end)
		return false;
	*us = (int64_t)(v * mult * 1e6);
	return true;
}

int cli_parse_analyze_args(const char *cmd, const char *usage, int argc, char **argv, cli_analyze_args *a)
{
	enum { OPT_FORMAT = 1000, OPT_NANO, OPT_HELP };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"nano", no_argument, NULL, OPT_NANO},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->src.user = "nobody";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+nc:r:i:s:Z:", longopts, NULL)) != -1) {
		long v;
		switch (c) {
		case 'n': break;
		case 'c':
			if (!cli_parse_long(optarg, 1, 2147483647L, &a->count))
				return cli_usage_error(cmd, "invalid packet count '%s'", optarg);
			break;
		case 's':
			if (!cli_parse_long(optarg, 0, 262144, &v))
				return cli_usage_error(cmd, "invalid snaplen '%s'", optarg);
			a->src.snaplen = v == 0 ? 262144 : (int)v;
			break;
		case 'r': a->src.rfile = optarg; break;
		case 'i': a->src.iface = optarg; break;
		case 'Z': a->src.user = optarg; break;
		case OPT_NANO: a->src.nano = true; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") && strcmp(optarg, "text"))
				return cli_usage_error(cmd, "unknown format '%s' (text, json)", optarg);
			a->json = strcmp(optarg, "json") == 0;
			break;
		case OPT_HELP: fputs(usage, stdout); exit(0);
		default: return cli_usage_error(cmd, "unknown option");
		}
	}
	if (cli_check_one_source(cmd, &a->src))
		return 1;
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}
