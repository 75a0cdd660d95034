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
#include <sys/stat.h>
#include <unistd.h>

#include "../collect/source.h"
#include "../flow/decap.h"
#include "../flow/flow.h"
#include "../flow/pipeline.h"
#include "../flow/writer.h"
#include "../flow/writer_ipfix.h"
#include "../profile/profiler.h"

static const char flows_usage[] =
	"usage: netprofile flows [-r file | -i interface | --flows file...] [options] [expression]\n"
	"  -r FILE              read a pcap/pcapng file ('-' = standard input)\n"
	"  --flows FILE         convert flow records (repeatable): CSV/JSON lines, text tables,\n"
	"                       IPFIX files, told apart by content; one-way records are paired\n"
	"  -i IFACE             capture live (drops root to -Z USER, default nobody)\n"
	"  -B KIB               kernel capture buffer for -i, KiB (default 65536)\n"
	"  -c N                 stop after N packets\n"
	"  -o FILE              write records to FILE instead of standard output\n"
	"  --format FMT         text (default), csv, json or ipfix (IPFIX file, YAF's elements)\n"
	"  --fields LIST        comma-separated fields (text and csv), from:\n"
	"                       %s\n"
	"  --uniflow            one record per direction instead of biflows\n"
	"  --decap              also meter the conversations inside tunnels (IP-in-IP, GRE,\n"
	"                       PPTP, VXLAN, Geneve; up to 4 deep), each with its tunnel's\n"
	"                       fields: tunnelType tunnelSIP tunnelDIP tunnelId tunnelDepth;\n"
	"                       with --flows: the records' tunnel fields are written\n"
	"  --export URL         also send the records, as flows end, to an IPFIX collector:\n"
	"                       udp://HOST:PORT or tcp://HOST:PORT\n"
	"  --template-refresh S over UDP, send the templates again every S seconds (default 60)\n"
	"  --idle-timeout S     end a flow after S seconds without packets (default 300)\n"
	"  --active-timeout S   end a flow S seconds after it began (default 1800)\n"
	"  --max-flows N        flows held at once; when full the least recently active\n"
	"                       flow is ended and written (default 1000000)\n" CLI_PROGRESS_HELP
	"  expression           a BPF filter, as tcpdump takes it\n";

struct flows_args {
	cli_source_args src;
	long count;
	const char *outfile;
	const char *fields;
	const char *flowfiles[64];
	int nflowfiles;
	int format;
	bool ipfix; /* --format ipfix */
	bool uniflow;
	bool decap; /* --decap */
	const char *export_url;
	uint32_t template_refresh_s;
	np_flow_config cfg;
};

enum {
	OPT_FORMAT = 1000,
	OPT_FIELDS,
	OPT_UNIFLOW,
	OPT_IDLE,
	OPT_ACTIVE,
	OPT_MAXFLOWS,
	OPT_HELP,
	OPT_NANO,
	OPT_EXPORT,
	OPT_TREFRESH,
	OPT_FLOWS,
	OPT_DECAP
};

static int parse_flows_args(int argc, char **argv, struct flows_args *a)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"fields", required_argument, NULL, OPT_FIELDS},
		{"uniflow", no_argument, NULL, OPT_UNIFLOW},
		{"decap", no_argument, NULL, OPT_DECAP},
		{"idle-timeout", required_argument, NULL, OPT_IDLE},
		{"active-timeout", required_argument, NULL, OPT_ACTIVE},
		{"max-flows", required_argument, NULL, OPT_MAXFLOWS},
		{"nano", no_argument, NULL, OPT_NANO},
		{"export", required_argument, NULL, OPT_EXPORT},
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"template-refresh", required_argument, NULL, OPT_TREFRESH},
		CLI_PROGRESS_LONGOPTS,
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
		case OPT_FORMAT:
			a->ipfix = strcmp(optarg, "ipfix") == 0;
			if (!a->ipfix)
				rc = cli_parse_format("flows", optarg, &a->format);
			break;
		case OPT_EXPORT:
			if (!np_ipfix_target_is_net(optarg))
				rc = cli_usage_error(
					"flows", "--export takes udp://HOST:PORT or tcp://HOST:PORT, not '%s'", optarg);
			a->export_url = optarg;
			break;
		case OPT_FLOWS:
			if (a->nflowfiles == 64)
				rc = cli_usage_error("flows", "too many --flows files");
			else
				a->flowfiles[a->nflowfiles++] = optarg;
			break;
		case OPT_TREFRESH:
			rc = cli_parse_u32_opt("flows", "template refresh", optarg, 1, 86400, &a->template_refresh_s);
			break;
		case OPT_FIELDS: a->fields = optarg; break;
		case OPT_UNIFLOW: a->uniflow = true; break;
		case OPT_DECAP: a->decap = true; break;
		case OPT_IDLE:
			rc = cli_parse_u32_opt("flows", "idle timeout", optarg, 1, 86400 * 365, &a->cfg.idle_timeout_s);
			break;
		case OPT_ACTIVE:
			rc = cli_parse_u32_opt("flows", "active timeout", optarg, 1, 86400 * 365,
					       &a->cfg.active_timeout_s);
			break;
		case OPT_MAXFLOWS:
			rc = cli_parse_u32_opt("flows", "flow limit", optarg, 1, 100000000, &a->cfg.max_flows);
			break;
		case OPT_NANO: a->src.nano = true; break;
		case CLI_OPT_PROGRESS:
		case CLI_OPT_NO_PROGRESS: a->src.progress = cli_progress_mode(c); break;
		case OPT_HELP: printf(flows_usage, np_flow_field_names()); exit(0);
		default: rc = cli_usage_error("flows", "unknown option");
		}
	}
	if (rc)
		return rc;
	if (a->nflowfiles && (a->src.rfile || a->src.iface))
		return cli_usage_error("flows", "--flows converts flow records: it takes no -r or -i");
	if (a->nflowfiles && optind < argc)
		return cli_usage_error("flows", "--flows takes no filter expression");
	if (!a->nflowfiles && cli_check_one_source("flows", &a->src))
		return 1;
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}

struct flows_run {
	np_flow_table *table;
	np_decap *decap;            /* --decap */
	np_flow_writer writer;      /* text, CSV, JSON */
	np_ipfix_writer *ipfix;     /* --format ipfix */
	np_ipfix_writer *export_to; /* --export */
	bool text;
	np_out *out;
	np_flowsrc *reading; /* --flows: the file being read */
};

static void emit_ipfix(struct flows_run *run, const np_flow *f)
{
	if (run->ipfix)
		np_ipfix_writer_write(run->ipfix, f);
	if (run->export_to)
		np_ipfix_writer_write(run->export_to, f);
}

static void emit_flow(void *ctx, const np_flow *f)
{
	struct flows_run *run = ctx;
	if (run->text)
		np_flow_writer_write(&run->writer, f);
	emit_ipfix(run, f);
}

/* End of input: the flows still active, many at a time (the text writer
 * formats them on two threads). */
static void emit_flows(void *ctx, const np_flow *const *flows, size_t n)
{
	struct flows_run *run = ctx;
	if (run->text)
		np_flow_writer_write_all(&run->writer, flows, n);
	for (size_t i = 0; i < n; i++)
		emit_ipfix(run, flows[i]);
}

/* --decap: an inner flow, with its tunnel's fields. */
static void emit_inner_flow(void *ctx, const np_flow *f, const np_flow_tunnel *t)
{
	struct flows_run *run = ctx;
	if (run->text)
		np_flow_writer_write_inner(&run->writer, f, t);
	if (run->ipfix)
		np_ipfix_writer_write_inner(run->ipfix, f, t);
	if (run->export_to)
		np_ipfix_writer_write_inner(run->export_to, f, t);
}

static void decap_packet(void *ctx, const np_packet *pkt)
{
	struct flows_run *run = ctx;
	np_decap_packet(run->decap, pkt);
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
		(unsigned long long)s->not_ip, (unsigned long long)s->truncated, (unsigned long long)s->flows_written,
		(unsigned long long)s->evicted, (unsigned long long)s->peak_active, kernel);
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

/* Close an IPFIX writer, saying what it could not write; 1 on failure. */
static int close_ipfix(np_ipfix_writer *w, const char *what)
{
	if (!w)
		return 0;
	np_ipfix_writer_flush(w);
	const char *err = np_ipfix_writer_error(w);
	if (err)
		fprintf(stderr, "netprofile: %s: %s (%llu records not written)\n", what, err,
			(unsigned long long)np_ipfix_writer_dropped(w));
	return np_ipfix_writer_close(w) == 0 ? 0 : 1;
}

/* A regular file (not '-', a pipe or a FIFO): read as fast as it can be. */
static bool regular_file(const char *path)
{
	struct stat st;
	return path && strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether every input is a regular file: then the IPFIX writers encode on
 * threads of their own (flow/writer_ipfix.h), off the thread that keeps
 * the flow table. A pipe that pauses has each record sent as it ends. */
static bool inputs_are_files(const struct flows_args *a)
{
	if (a->nflowfiles == 0)
		return regular_file(a->src.rfile);
	for (int i = 0; i < a->nflowfiles; i++)
		if (!regular_file(a->flowfiles[i]))
			return false;
	return true;
}

/* The outputs: text/CSV/JSON through np_out, or an IPFIX file; and the
 * --export feed. Returns 0, or 1 with the reason said. */
static int open_outputs(struct flows_run *run, const struct flows_args *a, np_out *out, int *fd)
{
	char err[256];
	bool live = a->src.iface != NULL;
	*fd = -1;
	if (a->export_url) {
		run->export_to =
			np_ipfix_writer_open(a->export_url, a->uniflow, live, a->template_refresh_s, err, sizeof(err));
		if (!run->export_to || (a->decap && !np_ipfix_writer_enable_tunnels(run->export_to))) {
			fprintf(stderr, "netprofile: %s\n",
				run->export_to ? np_ipfix_writer_error(run->export_to) : err);
			return 1;
		}
		if (inputs_are_files(a))
			np_ipfix_writer_use_thread(run->export_to);
	}
	if (a->ipfix) {
		run->ipfix = np_ipfix_writer_open(a->outfile ? a->outfile : "-", a->uniflow, live, 0, err, sizeof(err));
		if (!run->ipfix || (a->decap && !np_ipfix_writer_enable_tunnels(run->ipfix))) {
			fprintf(stderr, "netprofile: %s\n", run->ipfix ? np_ipfix_writer_error(run->ipfix) : err);
			return 1;
		}
		if (inputs_are_files(a))
			np_ipfix_writer_use_thread(run->ipfix);
		return 0;
	}
	*fd = open_output(a->outfile);
	if (*fd < 0)
		return 1;
	out_open_fd(out, *fd);
	run->text = true;
	char bad[64];
	if (np_flow_writer_init(&run->writer, out, a->format, a->uniflow, a->fields, bad) != 0)
		return cli_usage_error("flows", "unknown field '%s' (fields: %s)", bad, np_flow_field_names());
	if (a->decap && !a->fields)
		np_flow_writer_add_tunnel_fields(&run->writer);
	return 0;
}

static int close_outputs(struct flows_run *run, np_out *out, int fd)
{
	int status = 0;
	if (run->text) {
		out_flush(out);
		if (out->failed) {
			fprintf(stderr, "netprofile: cannot write flows: %s\n", strerror(out->failed_errno));
			status = 1;
		}
		out_close(out);
	}
	if (fd >= 0 && fd != STDOUT_FILENO)
		close(fd);
	status |= close_ipfix(run->ipfix, "IPFIX file");
	status |= close_ipfix(run->export_to, "IPFIX export");
	run->ipfix = run->export_to = NULL;
	run->text = false;
	return status;
}

static void emit_record(void *ctx, const np_flow *f, bool has_flags)
{
	struct flows_run *run = ctx;
	(void)has_flags;
	const np_flow_tunnel *t = run->reading ? np_flowsrc_tunnel(run->reading) : NULL;
	if (t)
		emit_inner_flow(ctx, f, t);
	else
		emit_flow(ctx, f);
}

/* flows --flows: records from files (tables, IPFIX) into the writers. */
static int convert_flow_files(const struct flows_args *a)
{
	static struct flows_run run;
	np_out out;
	int fd;
	int status = open_outputs(&run, a, &out, &fd);
	/* --uniflow keeps uniflow input as it came; otherwise directions pair. */
	np_flowsrc_opts opts = {.no_pairing = a->uniflow};
	for (int i = 0; i < a->nflowfiles && !status; i++) {
		char err[512];
		np_flowsrc *s = np_flowsrc_open(a->flowfiles[i], &opts, err, sizeof(err));
		if (!s) {
			fprintf(stderr, "netprofile: %s\n", err);
			status = 1;
			continue;
		}
		run.reading = s;
		if (np_flowsrc_read(s, emit_record, &run, err, sizeof(err)) < 0) {
			fprintf(stderr, "netprofile: %s\n", err);
			status = 1;
		}
		np_flowsrc_flush(s, emit_record, &run);
		np_exporter_stats t;
		np_flowsrc_totals(s, &t);
		fprintf(stderr, "flows: %s: %llu records read, %llu malformed\n", a->flowfiles[i],
			(unsigned long long)t.records, (unsigned long long)t.malformed);
		np_flowsrc_close(s);
		run.reading = NULL;
	}
	return close_outputs(&run, &out, fd) | status;
}

int cmd_flows(int argc, char **argv)
{
	struct flows_args a;
	if (parse_flows_args(argc, argv, &a) != 0)
		return 1;
	if (a.nflowfiles)
		return convert_flow_files(&a);
	static struct flows_run run;
	np_out out;
	int fd;
	np_source src;
	int early = open_outputs(&run, &a, &out, &fd);
	if (!early && cli_open_source(&src, &a.src) != 0)
		early = 1;
	if (early) {
		close_outputs(&run, &out, fd);
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
	np_pipeline_hooks *hooks = src.live ? &live : NULL;
	if (a.decap) {
		/* Inner packets are found on this thread (flow/pipeline.h, the
		 * tunnel hook); the file is still read on a second core. */
		np_flow_config inner = a.cfg;
		inner.batch = false;
		run.decap = np_decap_new(&inner, src.nano, emit_inner_flow, &run);
		if (!run.decap) {
			fprintf(stderr, "netprofile: out of memory for --decap\n");
			exit(1);
		}
		live.tunnel = decap_packet;
		hooks = &live;
	}

	cli_stop_on_signals(&src);
	int rc = np_flow_pipeline_run(&src, a.count, run.table, true, hooks);
	cli_stop_on_signals(NULL);
	/* Whatever was read before a fault is still written out. */
	if (run.decap)
		np_decap_flush(run.decap, NP_END_EOF);
	np_flow_table_flush_blocks(run.table, NP_END_EOF, emit_flows, &run);
	int status = 0;
	if (rc < 0) {
		fprintf(stderr, "netprofile: %s\n", src.err);
		status = 1;
	}
	status |= close_outputs(&run, &out, fd);
	print_summary(np_flow_table_stats(run.table), &src);
	if (run.decap) {
		const np_decap_stats *ds = np_decap_stats_of(run.decap);
		fprintf(stderr, "flows: --decap: %llu inner packets in %llu tunnels, %llu past the tunnel limit\n",
			(unsigned long long)ds->packets, (unsigned long long)ds->tunnels,
			(unsigned long long)ds->untracked);
		np_decap_free(run.decap);
		run.decap = NULL;
	}
	np_flow_table_free(run.table);
	np_profiler_free(naming);
	np_source_close(&src);
	free(a.src.filter);
	run.out = NULL; /* run is static, out is not */
	return status;
}
