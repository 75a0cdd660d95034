/*
 * cli.h - the subcommands of the netprofile binary, and what they share:
 * usage errors and the packet-source options common to every subcommand.
 */
#ifndef NP_CLI_H
#define NP_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "../capture/source.h"

int cmd_decode(int argc, char **argv);
int cmd_flows(int argc, char **argv);
int cmd_servers(int argc, char **argv);
int cmd_watch(int argc, char **argv);

/* Where packets come from, as every packet-reading subcommand takes it. */
typedef struct cli_source_args {
	const char *rfile;  /* -r */
	const char *iface;  /* -i */
	const char *wfile;  /* -w */
	const char *user;   /* -Z, default nobody */
	int snaplen;        /* -s */
	int buffer_kib;     /* -B: the kernel's capture buffer, KiB (0: libpcap's 2 MiB) */
	bool nano;          /* --nano */
	char *filter;       /* trailing BPF expression, or NULL */
} cli_source_args;

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

/* Print "netprofile: <msg>" and a usage hint to stderr; returns exit code 1. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Join argv[from..argc) with spaces (a BPF expression); NULL if none. Caller frees. */
char *cli_join_args(int argc, char **argv, int from);

#endif
