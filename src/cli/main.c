/*
 * main.c - the netprofile binary: picks the subcommand and hands over.
 * Each subcommand lives in its own file in cli/ and parses its own options.
 */
#include "cli.h"

#include <fixbuf/public.h>
#include <json-c/json_c_version.h>
#include <pcap/pcap.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NETPROFILE_VERSION "0.1.0"

static void print_help(FILE *f)
{
	fprintf(f,
		"netprofile %s - network traffic profiler\n\n"
		"usage: netprofile <command> [options]\n\n"
		"commands:\n"
		"  decode    print packets as tcpdump -n does\n"
		"  flows     turn packets into flow records (YAF/SiLK conventions)\n"
		"  servers   list the servers, keep them in an inventory, alert on new ones\n"
		"  watch     profile an interface continuously: inventory, alerts, flow files\n"
		"  explain   tell each conversation's story: ARP, DNS, handshake, data, teardown\n"
		"  anomalies name what is odd: illegal TCP flags, bogons, fragment tricks, scans\n"
		"  report    one self-contained HTML file showing an inventory or captures\n\n"
		"options:\n"
		"  --help    this text\n"
		"  --version netprofile's version and the versions of the libraries it runs with\n\n"
		"Run 'netprofile <command> --help' for a command's options.\n",
		NETPROFILE_VERSION);
}

/* `--version`, as tcpdump prints it: ours, then one line per library we are
 * linked with, as that library names itself at run time (the shared library
 * actually loaded, not the headers we were built with). A new library
 * (libfixbuf, libpq) adds its line here. */
static void print_version(void)
{
	printf("netprofile version %s\n", NETPROFILE_VERSION);
	printf("%s\n", pcap_lib_version());
	printf("SQLite version %s\n", sqlite3_libversion());
	/* libfixbuf names no version at run time: the one built against. */
	printf("libfixbuf version %d.%d.%d\n", FIXBUF_VERSION_MAJOR, FIXBUF_VERSION_MINOR, FIXBUF_VERSION_RELEASE);
	printf("json-c version %s\n", json_c_version());
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "netprofile: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'netprofile %s --help'.\n", cmd ? cmd : "");
	return 1;
}

char *cli_join_args(int argc, char **argv, int from)
{
	size_t len = 0;
	if (from >= argc)
		return NULL;
	for (int i = from; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	size_t at = 0;
	for (int i = from; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (i > from)
			s[at++] = ' ';
		memcpy(s + at, argv[i], n);
		at += n;
	}
	s[at] = '\0';
	return s;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return 1;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "decode") == 0)
		return cmd_decode(argc - 1, argv + 1);
	if (strcmp(cmd, "flows") == 0)
		return cmd_flows(argc - 1, argv + 1);
	if (strcmp(cmd, "servers") == 0)
		return cmd_servers(argc - 1, argv + 1);
	if (strcmp(cmd, "watch") == 0)
		return cmd_watch(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "anomalies") == 0)
		return cmd_anomalies(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return cmd_report(argc - 1, argv + 1);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		print_version();
		return 0;
	}
	fprintf(stderr, "netprofile: unknown command '%s'\n", cmd);
	print_help(stderr);
	return 1;
}
