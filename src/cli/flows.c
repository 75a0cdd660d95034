/*
 * flows.c - `netprofile flows`: packets into flow records as YAF and SiLK
 * users know them. Argument parsing only; the work is in flow/.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../flow/flow.h"
#include "../flow/pipeline.h"
#include "../flow/writer.h"
#include "../profile/profiler.h"

static const char flows_usage[] =
	"usage: netprofile flows [-r file | -i interface] [options] [expression]\n"
	"  -r FILE              read a pcap/pcapng file ('-' = standard input)\n"
	"  -i IFACE             capture live (drops root to -Z USER, default nobody)\n"
	"  -B KIB               kernel capture buffer for -i, KiB (default 65536)\n"
	"  -c N                 stop after N packets\n"
	"  -o FILE              write records to FILE instead of standard output\n"
	"  --format FMT         text (default), csv or json\n"
	"  --fields LIST        comma-separated fields (text and csv), from:\n"
	"                       %s\n"
	"  --uniflow            one record per direction instead of biflows\n"
	"  --idle-timeout S     end a flow after S seconds without packets (default 300)\n"
	"  --active-timeout S   end a flow S seconds after it began (default 1800)\n"
	"  --max-flows N        flows held at once; when full the least recently active\n"
	"                       flow is ended and written (default 1000000)\n"
	"  expression           a BPF filter, as tcpdump takes it\n";

struct flows_args {
	cli_source_args src;
	long count;
	const char *outfile;
	const char *fields;
	int format;
	bool uniflow;
	np_flow_config cfg;
};

enum { OPT_FORMAT = 1000, OPT_FIELDS, OPT_UNIFLOW, OPT_IDLE, OPT_ACTIVE, OPT_MAXFLOWS, OPT_HELP, OPT_NANO };

static int parse_flows_args(int argc, char **argv, struct flows_args *a)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"fields", required_argument, NULL, OPT_FIELDS},
		{"uniflow", no_argument, NULL, OPT_UNIFLOW},
		{"idle-timeout", required_argument, NULL, OPT_IDLE},
		{"active-timeout", required_argument, NULL, OPT_ACTIVE},
		{"max-flows", required_argument, NULL, OPT_MAXFLOWS},
		{"nano", no_argument, NULL, OPT_NANO},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->src.user = "nobody";
	a->src.buffer_kib = CLI_FLOW_BUFFER_KIB;
	int c, rc = 0;
	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "+nr:i:c:o:s:Z:B:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': break;
		case 'r': a->src.rfile = optarg; break;
		case 'i': a->src.iface = optarg; break;
		case 'o': a->outfile = optarg; break;
		case 'Z': a->src.user = optarg; break;
		case 'B': rc = cli_parse_buffer("flows", optarg, &a->src); break;
		case 's': {
			uint32_t v = 0;
			rc = cli_parse_u32_opt("flows", "snaplen", optarg, 0, 262144, &v);
			a->src.snaplen = (int)v;
			break;
		}
		case 'c':
			if (!cli_parse_long(optarg, 1, 2147483647L, &a->count))
				rc = cli_usage_error("flows", "invalid packet count '%s'", optarg);
			break;
		case OPT_FORMAT: rc = cli_parse_format("flows", optarg, &a->format); break;
		case OPT_FIELDS: a->fields = optarg; break;
		case OPT_UNIFLOW: a->uniflow = true; break;
		case OPT_IDLE:
			rc = cli_parse_u32_opt("flows", "idle timeout", optarg, 1, 86400 * 365, &a->cfg.idle_timeout_s);
			break;
		case OPT_ACTIVE:
			rc = cli_parse_u32_opt("flows", "active timeout", optarg, 1, 86400 * 365, &a->cfg.active_timeout_s);
			break;
		case OPT_MAXFLOWS:
			rc = cli_parse_u32_opt("flows", "flow limit", optarg, 1, 100000000, &a->cfg.max_flows);
			break;
		case OPT_NANO: a->src.nano = true; break;
		case OPT_HELP:
			printf(flows_usage, np_flow_field_names());
			exit(0);
		default:
			rc = cli_usage_error("flows", "unknown option");
		}
	}
	if (rc)
		return rc;
	if (cli_check_one_source("flows", &a->src))
		return 1;
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}

struct flows_run {
	np_flow_table *table;
	np_flow_writer writer;
	np_out *out;
};

static void emit_flow(void *ctx, const np_flow *f)
{
	struct flows_run *run = ctx;
	np_flow_writer_write(&run->writer, f);
}

/* Live: the records of flows that ended go out now, not when the buffer fills. */
static bool flush_records(void *ctx)
{
	struct flows_run *run = ctx;
	out_flush(run->out);
	return !cli_stop_asked();
}

static void print_summary(const np_flow_stats *s, np_source *src)
{
	uint64_t received, dropped;
	char kernel[96] = "";
	if (np_source_stats(src, &received, &dropped))
		snprintf(kernel, sizeof(kernel), "; %llu packets received by filter, %llu dropped by kernel",
			 (unsigned long long)received, (unsigned long long)dropped);
	fprintf(stderr,
		"flows: %llu packets read, %llu IP, %llu not IP, %llu truncated; %llu flows written, "
		"%llu evicted early (table full), peak %llu active%s\n",
		(unsigned long long)s->packets, (unsigned long long)(s->packets - s->not_ip),
		(unsigned long long)s->not_ip, (unsigned long long)s->truncated,
		(unsigned long long)s->flows_written, (unsigned long long)s->evicted,
		(unsigned long long)s->peak_active, kernel);
}

static int open_output(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return STDOUT_FILENO;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fprintf(stderr, "netprofile: %s: %s\n", path, strerror(errno));
	return fd;
}

int cmd_flows(int argc, char **argv)
{
	struct flows_args a;
	if (parse_flows_args(argc, argv, &a) != 0)
		return 1;
	static struct flows_run run;
	np_out out;
	int fd = open_output(a.outfile);
	if (fd < 0) {
		free(a.src.filter);
		return 1;
	}
	out_open_fd(&out, fd);
	char bad[64];
	np_source src;
	int early = 0;
	if (np_flow_writer_init(&run.writer, &out, a.format, a.uniflow, a.fields, bad) != 0)
		early = cli_usage_error("flows", "unknown field '%s' (fields: %s)", bad, np_flow_field_names());
	else if (cli_open_source(&src, &a.src) != 0)
		early = 1;
	if (early) {
		out_close(&out);
		if (fd != STDOUT_FILENO)
			close(fd);
		free(a.src.filter);
		return early;
	}
	cli_announce_source(&src, &a.src);
	/* The profiler's payload hook names each flow's application. */
	np_profiler *naming = np_profiler_new(NULL);
	a.cfg.payload_fn = np_profiler_payload;
	a.cfg.payload_ctx = naming;
	/* Batched, and read and decoded on a second core (flow/pipeline.h). */
	a.cfg.batch = true;
	run.table = np_flow_table_new(&a.cfg, emit_flow, &run);
	run.out = &out;
	np_pipeline_hooks live = {.tick = flush_records, .ctx = &run};

	cli_stop_on_signals(&src);
	int rc = np_flow_pipeline_run(&src, a.count, run.table, true, src.live ? &live : NULL);
	cli_stop_on_signals(NULL);
	/* Whatever was read before a fault is still written out. */
	np_flow_table_flush(run.table, NP_END_EOF);
	out_flush(&out);
	int status = 0;
	if (rc < 0) {
		fprintf(stderr, "netprofile: %s\n", src.err);
		status = 1;
	}
	if (out.failed) {
		fprintf(stderr, "netprofile: cannot write flows: %s\n", strerror(out.failed_errno));
		status = 1;
	}
	print_summary(np_flow_table_stats(run.table), &src);
	np_flow_table_free(run.table);
	np_profiler_free(naming);
	out_close(&out);
	if (fd != STDOUT_FILENO)
		close(fd);
	np_source_close(&src);
	free(a.src.filter);
	return status;
}
