/*
 * cli.h - the subcommands of the netprofile binary, and what they share:
 * usage errors and the packet-source options common to every subcommand.
 */
#ifndef NP_CLI_H
#define NP_CLI_H

#include <stdbool.h>

int cmd_decode(int argc, char **argv);

/* Print "netprofile: <msg>" and a usage hint to stderr; returns exit code 1. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Join argv[from..argc) with spaces (a BPF expression); NULL if none. Caller frees. */
char *cli_join_args(int argc, char **argv, int from);

#endif
