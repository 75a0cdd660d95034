/*
 * servers.c - `netprofile servers`: which hosts serve which services.
 * Reads captures (-r, repeatable), an interface (-i) or flow records
 * (--flows, repeatable), decides the servers, adds them to the SQLite
 * inventory (--db), raises alerts for new ones, and prints the inventory
 * (or, with --devices, the devices: profile/devices.h).
 * Argument parsing and plumbing only; the work is in profile/.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../collect/source.h"
#include "../flow/flow.h"
#include "../flow/pipeline.h"
#include "../profile/inventory.h"
#include "../profile/profiler.h"

static const char servers_usage[] =
	"usage: netprofile servers [-r capture]... [-i interface] [--flows file]... [options] [expression]\n"
	"  -r FILE            a capture to profile (repeatable; '-' = standard input)\n"
	"  -i IFACE           profile a live interface until interrupted (drops root to -Z USER)\n"
	"  -B KIB             kernel capture buffer for -i, KiB (default 65536)\n"
	"  --flows FILE       flow records instead of packets, told apart by content: netprofile flows\n"
	"                     CSV/JSON lines, a text table with a header (SIP DIP SPORT DPORT PROTOCOL\n"
	"                     PACKETS BYTES [FLAGS] STIME [DUR]), an IPFIX file\n"
	"  --db PATH|URI      the inventory (default netprofile.db); with no input, print it; a\n"
	"                     postgresql://[user@]host[:port]/dbname URI: a PostgreSQL database shared\n"
	"                     by many sensors (the password from ~/.pgpass, PGPASSFILE or a service)\n"
	"  --sensor NAME      who is writing, recorded with each server (default: the host name)\n"
	"  --format FMT       text (default), csv or json, for the inventory and the alerts\n"
	"  --no-flags         ignore TCP flags and the handshake (as for NetFlow/sFlow records)\n"
	"  --no-decap         leave tunnels closed: by default what IP-in-IP, GRE, PPTP, VXLAN and\n"
	"                     Geneve carry is profiled too, its evidence naming the tunnel\n"
	"  --devices          list (and store) the devices instead of the servers: routers, switches,\n"
	"                     HSRP/VRRP virtual addresses, DHCP/DNS/NTP servers; with no input, the stored ones\n"
	"  --validate         score the flagless answer against the handshake (precision, recall)\n"
	"  --learn DURATION   servers first seen within DURATION of the first observation are the\n"
	"                     baseline and raise no alert (e.g. 1h, 7d)\n"
	"  --quiet-after DURATION  report a server not seen for DURATION as gone quiet\n"
	"  --min-confidence X  list only servers of confidence X (0-1) or more\n"
	"  --alerts FILE      write alerts to FILE (default standard error; '-' = standard output)\n"
	"  --idle-timeout S, --active-timeout S, --max-flows N   as for netprofile flows\n" CLI_PROGRESS_HELP;

struct servers_args {
	cli_source_args src;
	const char *rfiles[64];
	int nrfiles;
	const char *flowfiles[64];
	int nflowfiles;
	const char *db, *sensor;
	const char *alerts;
	int format; /* enum np_flow_format: 0 text, 1 csv, 2 json */
	bool no_flags, validate, no_decap, devices;
	double min_confidence;
	np_inventory_opts inv;
	np_flow_config cfg;
};

enum {
	OPT_FLOWS = 1000,
	OPT_DB,
	OPT_FORMAT,
	OPT_NOFLAGS,
	OPT_NODECAP,
	OPT_VALIDATE,
	OPT_LEARN,
	OPT_QUIET,
	OPT_ALERTS,
	OPT_IDLE,
	OPT_ACTIVE,
	OPT_MAXFLOWS,
	OPT_MINCONF,
	OPT_HELP,
	OPT_SENSOR,
	OPT_DEVICES
};

static int parse_u32(const char *name, const char *arg, uint32_t *out)
{
	return cli_parse_u32_opt("servers", name, arg, 1, 100000000, out);
}

static int parse_option(struct servers_args *a, int c)
{
	switch (c) {
	case 'n': return 0;
	case 'r':
		if (a->nrfiles == 64)
			return cli_usage_error("servers", "too many -r files");
		a->rfiles[a->nrfiles++] = optarg;
		return 0;
	case 'i': a->src.iface = optarg; return 0;
	case 'Z': a->src.user = optarg; return 0;
	case 'B': return cli_parse_buffer("servers", optarg, &a->src);
	case OPT_FLOWS:
		if (a->nflowfiles == 64)
			return cli_usage_error("servers", "too many --flows files");
		a->flowfiles[a->nflowfiles++] = optarg;
		return 0;
	case OPT_DB: a->db = optarg; return 0;
	case OPT_SENSOR: a->sensor = optarg; return 0;
	case OPT_ALERTS: a->alerts = optarg; return 0;
	case OPT_FORMAT: return cli_parse_format("servers", optarg, &a->format);
	case OPT_NOFLAGS: a->no_flags = true; return 0;
	case OPT_NODECAP: a->no_decap = true; return 0;
	case OPT_VALIDATE: a->validate = true; return 0;
	case OPT_DEVICES: a->devices = true; return 0;
	case OPT_LEARN:
		return cli_parse_duration(optarg, &a->inv.learn_us)
			       ? 0
			       : cli_usage_error("servers", "invalid duration '%s' (e.g. 30m, 2h, 7d)", optarg);
	case OPT_QUIET:
		return cli_parse_duration(optarg, &a->inv.quiet_after_us)
			       ? 0
			       : cli_usage_error("servers", "invalid duration '%s' (e.g. 30m, 2h, 7d)", optarg);
	case OPT_IDLE: return parse_u32("idle timeout", optarg, &a->cfg.idle_timeout_s);
	case OPT_ACTIVE: return parse_u32("active timeout", optarg, &a->cfg.active_timeout_s);
	case OPT_MAXFLOWS: return parse_u32("flow limit", optarg, &a->cfg.max_flows);
	case OPT_MINCONF: {
		char *end;
		a->min_confidence = strtod(optarg, &end);
		if (end == optarg || *end || !(a->min_confidence >= 0 && a->min_confidence <= 1))
			return cli_usage_error("servers", "invalid confidence '%s' (a number from 0 to 1)", optarg);
		return 0;
	}
	case CLI_OPT_PROGRESS:
	case CLI_OPT_NO_PROGRESS: a->src.progress = cli_progress_mode(c); return 0;
	case OPT_HELP: fputs(servers_usage, stdout); exit(0);
	default: return cli_usage_error("servers", "unknown option");
	}
}

static int parse_servers_args(int argc, char **argv, struct servers_args *a)
{
	static const struct option longopts[] = {
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"db", required_argument, NULL, OPT_DB},
		{"sensor", required_argument, NULL, OPT_SENSOR},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"no-flags", no_argument, NULL, OPT_NOFLAGS},
		{"no-decap", no_argument, NULL, OPT_NODECAP},
		{"validate", no_argument, NULL, OPT_VALIDATE},
		{"devices", no_argument, NULL, OPT_DEVICES},
		{"learn", required_argument, NULL, OPT_LEARN},
		{"quiet-after", required_argument, NULL, OPT_QUIET},
		{"alerts", required_argument, NULL, OPT_ALERTS},
		{"idle-timeout", required_argument, NULL, OPT_IDLE},
		{"active-timeout", required_argument, NULL, OPT_ACTIVE},
		{"max-flows", required_argument, NULL, OPT_MAXFLOWS},
		{"help", no_argument, NULL, OPT_HELP},
		{"min-confidence", required_argument, NULL, OPT_MINCONF},
		CLI_PROGRESS_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->src.user = "nobody";
	a->src.buffer_kib = CLI_FLOW_BUFFER_KIB;
	a->db = "netprofile.db";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+nr:i:Z:B:", longopts, NULL)) != -1)
		if (parse_option(a, c) != 0)
			return 1;
	if (a->src.iface && a->nrfiles)
		return cli_usage_error("servers", "-r and -i cannot be used together");
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}

/* ---- output ----------------------------------------------------------------------- */

struct printer_ctx {
	FILE *out;
	int format;
	bool header_done;
	double min_confidence;
};

static void json_str(FILE *o, const char *s)
{
	char buf[1024];
	np_json_escape(s, buf, sizeof(buf));
	fprintf(o, "\"%s\"", buf);
}

/* RFC 4180: quoted, a quote inside doubled, so any CSV reader takes it back. */
static void csv_str(FILE *o, const char *s)
{
	fputc('"', o);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', o);
		fputc(*s, o);
	}
	fputc('"', o);
}

static void print_row(void *ctx, const np_inventory_row *r)
{
	struct printer_ctx *p = ctx;
	FILE *o = p->out;
	const char *svc = r->service ? r->service : "";
	const char *ties = r->ties ? r->ties : "";
	const char *status = r->status ? r->status : "";
	/* Stored with 3 decimals' worth of precision, compared as printed. */
	if (r->confidence + 0.0005 < p->min_confidence)
		return;
	if (p->format == 2) {
		fputs("{\"address\":", o);
		json_str(o, r->address);
		fprintf(o, ",\"protocol\":\"%s\",\"port\":%d,\"service\":", r->protocol, r->port);
		json_str(o, r->service ? r->service : "");
		fprintf(o,
			",\"flows\":%lld,\"packets\":%lld,\"bytes\":%lld,\"clients\":%lld,\"first_seen\":\"%s\","
			"\"last_seen\":\"%s\",\"confidence\":%.3f,\"evidence\":",
			(long long)r->flows, (long long)r->packets, (long long)r->bytes, (long long)r->clients,
			r->first_seen, r->last_seen, r->confidence);
		json_str(o, r->evidence);
		fputs(",\"ties\":", o);
		json_str(o, ties);
		fprintf(o, ",\"status\":\"%s\"}\n", status);
		return;
	}
	if (p->format == 1) {
		if (!p->header_done)
			fputs("address,protocol,port,service,flows,packets,bytes,clients,first_seen,last_seen,confidence,"
			      "evidence,ties,status\n",
			      o);
		p->header_done = true;
		fprintf(o, "%s,%s,%d,", r->address, r->protocol, r->port);
		csv_str(o, svc);
		fprintf(o, ",%lld,%lld,%lld,%lld,%s,%s,%.3f,", (long long)r->flows, (long long)r->packets,
			(long long)r->bytes, (long long)r->clients, r->first_seen, r->last_seen, r->confidence);
		csv_str(o, r->evidence);
		fputc(',', o);
		csv_str(o, ties);
		fprintf(o, ",%s\n", status);
		return;
	}
	if (!p->header_done)
		fprintf(o, "%-39s %-5s %5s %-14s %7s %6s %8s %10s %5s %-11s  %-24s %-24s %s\n", "ADDRESS", "PROTO",
			"PORT", "SERVICE", "CLIENTS", "FLOWS", "PACKETS", "BYTES", "CONF", "STATUS", "FIRST SEEN",
			"LAST SEEN", "EVIDENCE");
	p->header_done = true;
	fprintf(o, "%-39s %-5s %5d %-14s %7lld %6lld %8lld %10lld %5.2f %-11s  %-24s %-24s %s%s%s\n", r->address,
		r->protocol, r->port, svc, (long long)r->clients, (long long)r->flows, (long long)r->packets,
		(long long)r->bytes, r->confidence, status, r->first_seen, r->last_seen, r->evidence ? r->evidence : "",
		*ties ? "; ties " : "", ties);
}

static void print_device(void *ctx, const np_inventory_device *d)
{
	struct printer_ctx *p = ctx;
	FILE *o = p->out;
	const char *first = d->first_seen ? d->first_seen : "", *last = d->last_seen ? d->last_seen : "";
	const char *evidence = d->evidence ? d->evidence : "";
	if (p->format == 2) {
		fputs("{\"address\":", o);
		json_str(o, d->address);
		fprintf(o, ",\"role\":\"%s\",\"first_seen\":\"%s\",\"last_seen\":\"%s\",\"evidence\":", d->role, first,
			last);
		json_str(o, evidence);
		fputs("}\n", o);
		return;
	}
	if (p->format == 1) {
		if (!p->header_done)
			fputs("address,role,first_seen,last_seen,evidence\n", o);
		p->header_done = true;
		fprintf(o, "%s,%s,%s,%s,", d->address, d->role, first, last);
		csv_str(o, evidence);
		fputc('\n', o);
		return;
	}
	if (!p->header_done)
		fprintf(o, "%-39s %-11s  %-24s %-24s %s\n", "ADDRESS", "ROLE", "FIRST SEEN", "LAST SEEN", "EVIDENCE");
	p->header_done = true;
	fprintf(o, "%-39s %-11s  %-24s %-24s %s\n", d->address, d->role, first, last, evidence);
}

static void print_alert(void *ctx, const np_alert *a)
{
	struct printer_ctx *p = ctx;
	char line[1024];
	np_alert_format(a, p->format == 2, line, sizeof(line));
	fprintf(p->out, "%s\n", line);
	fflush(p->out);
}

static void print_validation(np_profiler *prof)
{
	np_validation v;
	np_profiler_validate(prof, &v);
	double prec = v.tp + v.fp ? 100.0 * v.tp / (v.tp + v.fp) : 100.0;
	double rec = v.tp + v.fn ? 100.0 * v.tp / (v.tp + v.fn) : 100.0;
	double lprec = v.list_tp + v.list_fp ? 100.0 * v.list_tp / (v.list_tp + v.list_fp) : 100.0;
	double lrec = v.list_tp + v.list_fn ? 100.0 * v.list_tp / (v.list_tp + v.list_fn) : 100.0;
	fprintf(stderr,
		"validate: %llu TCP conversations with a handshake; flagless answer: precision %.2f%%, recall %.2f%% "
		"(per conversation); server list: precision %.2f%%, recall %.2f%% (%llu right, %llu wrong, %llu missed)\n",
		(unsigned long long)v.conversations, prec, rec, lprec, lrec, (unsigned long long)v.list_tp,
		(unsigned long long)v.list_fp, (unsigned long long)v.list_fn);
}

/* Standard output carries the table only: alerts go to standard error
 * unless a file, or '-' for standard output, is asked for. */
static FILE *open_alerts(const char *path)
{
	if (!path)
		return stderr;
	if (!strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "a");
	if (!f)
		fprintf(stderr, "netprofile: %s: %s\n", path, strerror(errno));
	return f;
}

int cmd_servers(int argc, char **argv)
{
	struct servers_args a;
	if (parse_servers_args(argc, argv, &a) != 0)
		return 1;
	char err[512];
	np_inventory *inv = np_inventory_open(a.db, a.sensor, err, sizeof(err));
	if (!inv) {
		fprintf(stderr, "netprofile: %s\n", err);
		free(a.src.filter);
		return 1;
	}
	int status = 0;
	bool have_input = a.nrfiles || a.src.iface || a.nflowfiles;
	if (have_input) {
		cli_profile_inputs in = {a.src,      a.rfiles, a.nrfiles, a.flowfiles, a.nflowfiles, a.cfg,
					 a.no_flags, NULL,     NULL,      a.no_decap,  NULL};
		if (a.devices && !(in.devices = np_devices_new())) {
			fprintf(stderr, "netprofile: out of memory for devices\n");
			return 1;
		}
		int read_status;
		np_profiler *prof = cli_profile_run(&in, &read_status, NULL);
		if (read_status != 0)
			status = 1;
		if (a.validate)
			print_validation(prof);
		if (in.devices) {
			size_t nsrv, ndev;
			uint64_t dropped;
			const np_server *srv = np_profiler_servers(prof, &nsrv);
			np_devices_add_servers(in.devices, srv, nsrv);
			const np_device *dev = np_devices_list(in.devices, &ndev, &dropped);
			if (dev && np_inventory_merge_devices(inv, dev, ndev, err, sizeof(err)) != 0) {
				fprintf(stderr, "netprofile: %s: cannot store the devices: %s\n",
					np_inventory_name(inv), err);
				status = 1;
			}
			struct printer_ctx dctx = {stdout, a.format, false, 0};
			for (size_t i = 0; dev && i < ndev; i++) {
				char first[40], last[40];
				np_time_iso(dev[i].first_us, first, sizeof(first));
				np_time_iso(dev[i].last_us, last, sizeof(last));
				np_inventory_device row = {dev[i].address,  dev[i].role,     first,         last,
							   dev[i].evidence, dev[i].first_us, dev[i].last_us};
				print_device(&dctx, &row);
			}
			if (dropped)
				fprintf(stderr, "netprofile: %llu devices past the limit of %d not listed\n",
					(unsigned long long)dropped, NP_DEVICES_MAX);
			np_devices_free(in.devices);
		}
		FILE *af = open_alerts(a.alerts);
		struct printer_ctx actx = {af ? af : stderr, a.format, false, 0};
		size_t n;
		const np_server *servers = np_profiler_servers(prof, &n);
		if (!af || np_inventory_merge(inv, servers, n, &a.inv, print_alert, &actx, err, sizeof(err)) != 0) {
			if (af)
				fprintf(stderr, "netprofile: %s: cannot update the inventory: %s\n",
					np_inventory_name(inv), err);
			status = 1;
		}
		if (af && af != stdout && af != stderr)
			fclose(af);
		np_profiler_free(prof);
	}
	struct printer_ctx pctx = {stdout, a.format, false, a.min_confidence};
	if (a.devices) {
		/* With inputs, their devices were printed above; without, the stored ones. */
		if (!have_input && np_inventory_each_device(inv, print_device, &pctx) != 0) {
			fprintf(stderr, "netprofile: %s: cannot read the devices: %s\n", np_inventory_name(inv),
				np_inventory_errmsg(inv));
			status = 1;
		}
	} else if (np_inventory_each(inv, print_row, &pctx) != 0) {
		fprintf(stderr, "netprofile: %s: cannot read the inventory: %s\n", np_inventory_name(inv),
			np_inventory_errmsg(inv));
		status = 1;
	}
	np_inventory_close(inv);
	free(a.src.filter);
	return status;
}
