/*
 * cli.h - the subcommands of the netprofile binary, and what they share:
 * usage errors and the packet-source options common to every subcommand.
 */
#ifndef NP_CLI_H
#define NP_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "../capture/source.h"
#include "../decode/packet.h"
#include "../flow/flow.h"
#include "../profile/devices.h"
#include "../profile/profiler.h"
#include "../util/out.h"

int cmd_decode(int argc, char **argv);
int cmd_flows(int argc, char **argv);
int cmd_servers(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_anomalies(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Where packets come from, as every packet-reading subcommand takes it. */
typedef struct cli_source_args {
	const char *rfile;              /* -r */
	const char *iface;              /* -i */
	const char *wfile;              /* -w */
	const char *user;               /* -Z, default nobody */
	int snaplen;                    /* -s */
	int buffer_kib;                 /* -B: the kernel's capture buffer, KiB (0: libpcap's 2 MiB) */
	bool nano;                      /* --nano */
	char *filter;                   /* trailing BPF expression, or NULL */
	enum np_progress_mode progress; /* --progress, --no-progress (a file's progress line) */
} cli_source_args;

/* --progress and --no-progress, the same in every subcommand that reads
 * files: CLI_PROGRESS_LONGOPTS in its getopt_long table, and
 *   case CLI_OPT_PROGRESS: case CLI_OPT_NO_PROGRESS: src.progress = cli_progress_mode(c);
 * CLI_PROGRESS_HELP is their line of its --help. */
enum { CLI_OPT_PROGRESS = 900, CLI_OPT_NO_PROGRESS };
#define CLI_PROGRESS_LONGOPTS                                         \
	{"progress", no_argument, NULL, CLI_OPT_PROGRESS},            \
	{                                                             \
		"no-progress", no_argument, NULL, CLI_OPT_NO_PROGRESS \
	}
#define CLI_PROGRESS_HELP                                                                                 \
	"  --progress, --no-progress  show (never show) a progress line on stderr while a file is read\n" \
	"                       (default: shown when stderr is a terminal and the file is over 32 MB)\n"
static inline enum np_progress_mode cli_progress_mode(int opt)
{
	return opt == CLI_OPT_PROGRESS ? NP_PROGRESS_ON : NP_PROGRESS_OFF;
}

/* Open file or interface, drop root after opening an interface, install
 * the filter and the -w writer. Prints the error and returns -1 on failure. */
int cli_open_source(np_source *src, const cli_source_args *a);
/* tcpdump's "reading from file ..." / "listening on ..." line on stderr. */
void cli_announce_source(const np_source *src, const cli_source_args *a);
/* SIGINT/SIGTERM stop the read loop of src (NULL to disarm). */
void cli_stop_on_signals(np_source *src);
/* Has SIGINT/SIGTERM come since cli_stop_on_signals armed them? (A
 * pipeline's tick answers the break with it, np_pipeline_hooks.) */
bool cli_stop_asked(void);
/* Parse a whole decimal number in [min, max]; false if it is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);
/* An option's whole decimal number in [min, max] into *out; 0, or the
 * usage error "invalid <name> '<arg>'" of cmd (exit code 1). */
int cli_parse_u32_opt(const char *cmd, const char *name, const char *arg, long min, long max, uint32_t *out);
/* --format text, csv or json into enum np_flow_format (flow/writer.h);
 * 0, or cmd's usage error (exit code 1). */
int cli_parse_format(const char *cmd, const char *arg, int *format);
/* -B SIZE, KiB as tcpdump takes it, into a->buffer_kib; 0, or cmd's usage error. */
int cli_parse_buffer(const char *cmd, const char *arg, cli_source_args *a);
/* The -B default of the commands that keep flows (flows, servers, watch):
 * 64 MiB, a quarter second of a busy gigabit link, so a moment the table
 * thread spends elsewhere is not a loss. */
#define CLI_FLOW_BUFFER_KIB (64 * 1024)
/* Exactly one of -r and -i given; 0, or cmd's usage error (exit code 1). */
int cli_check_one_source(const char *cmd, const cli_source_args *a);
/* "90", "90s", "15m", "2h", "7d", "1w" -> microseconds; false if malformed. */
bool cli_parse_duration(const char *s, int64_t *us);

/* The options explain and anomalies share: -r/-i/-Z/-s, -c, --nano,
 * --format text|json, a trailing BPF expression; --help prints usage and
 * exits. 0, or cmd's usage error (exit code 1). */
typedef struct cli_analyze_args {
	cli_source_args src;
	long count;
	bool json;
} cli_analyze_args;
int cli_parse_analyze_args(const char *cmd, const char *usage, int argc, char **argv, cli_analyze_args *a);
/* One run of an analyzer (explain, anomalies) over -r/-i: analyze_run.c.
 * The analyzer writes its lines to run->out and ends each with
 * cli_analysis_end_line. */
typedef struct cli_analysis {
	np_out out;
	bool json, nano, line_buffered;
} cli_analysis;
typedef struct cli_analyzer {
	const char *name, *usage;
	/* The analyzer's state, reporting through run; NULL: out of memory. */
	void *(*create)(cli_analysis *run);
	void (*packet)(void *state, const np_packet *pkt, uint64_t number);
	void (*finish)(void *state);  /* tell what is held back; may be NULL */
	void (*summary)(void *state); /* on standard error; may be NULL */
	void (*destroy)(void *state);
} cli_analyzer;
int cli_run_analyzer(const cli_analyzer *an, int argc, char **argv);
void cli_analysis_end_line(cli_analysis *run);
/* The inputs of a profiling run (servers, report): profile_run.c. */
typedef struct cli_profile_inputs {
	cli_source_args src; /* -i, -Z, the filter; rfile is taken from rfiles */
	const char *const *rfiles;
	int nrfiles;
	const char *const *flowfiles; /* --flows */
	int nflowfiles;
	np_flow_config cfg; /* timeouts, flow limit; the payload hook is set here */
	bool no_flags;
	void (*tap)(void *ctx, const np_flow *f); /* optional: every flow profiled */
	void *tap_ctx;
	bool no_decap;       /* --no-decap: leave tunnels closed (the inside is profiled by default) */
	np_devices *devices; /* optional: every decoded packet is shown to it (servers --devices) */
} cli_profile_inputs;

/* Read every input into a new profiler and finish it (np_profiler_free
 * it). *status is -1 when an input failed (what was read is kept);
 * *packets (optional) counts the packets read from captures. */
np_profiler *cli_profile_run(const cli_profile_inputs *in, int *status, uint64_t *packets);

/* Print "netprofile: <msg>" and a usage hint to stderr; returns exit code 1. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Join argv[from..argc) with spaces (a BPF expression); NULL if none. Caller frees. */
char *cli_join_args(int argc, char **argv, int from);

#endif
