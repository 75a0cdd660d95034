/*
 * watch.c - `netprofile watch`: continuous profiling of a live interface
 * (or a capture replayed at its own pace or as fast as possible).
 *
 * Packets become flows; flows that end are written to rotated files
 * (--flows-out) and, every commit interval of capture time, the flows that
 * ended and those still active are profiled and merged into the inventory
 * in one transaction, raising alerts as they happen. Counters come only
 * from ended flows, so nothing is counted twice; active flows only make a
 * new server known (and alerted) without waiting for them to end.
 *
 * Signals: SIGINT/SIGTERM end every open flow, write it, commit, exit 0;
 * SIGHUP reopens the alert and flow files (log rotation); SIGUSR1 prints
 * statistics. Argument parsing and the loop only; the work is in flow/ and
 * profile/.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "../analyze/anomalies.h"
#include "../collect/source.h"
#include "../decode/packet.h"
#include "../flow/decap.h"
#include "../flow/flow.h"
#include "../flow/pipeline.h"
#include "../flow/writer.h"
#include "../flow/writer_ipfix.h"
#include "../profile/inventory.h"
#include "../profile/profiler.h"
#include "../profile/sent.h"

static const char watch_usage[] =
	"usage: netprofile watch (-i interface | -r capture | --listen SPEC...) [options] [expression]\n"
	"  -i IFACE             capture live; root is dropped to -Z USER (default nobody) once open\n"
	"  -B KIB               kernel capture buffer, KiB (default 65536)\n"
	"  -r FILE              replay a capture (as fast as possible; --pace for its own pace)\n"
	"  --listen SPEC        collect flow records from exporters (repeatable): udp://ADDR[:PORT] or\n"
	"                       tcp://ADDR[:PORT]; NetFlow v5, v9 and IPFIX told apart by version;\n"
	"                       no port: 2055 and 4739; root is dropped to -Z USER once open\n"
	"  --db PATH|URI        the inventory (default netprofile.db), or a PostgreSQL database many\n"
	"                       sensors share: postgresql://[user@]host[:port]/dbname\n"
	"  --sensor NAME        who is writing, recorded with each server (default: the host name)\n"
	"  --hold MIB           while the database is away, hold batches up to MIB (default 256);\n"
	"                       past it the oldest are dropped and counted\n"
	"  --alerts FILE        alerts to FILE (default standard error; '-' = standard output);\n"
	"                       --syslog to syslog only, unless --alerts is given too\n"
	"  --format text|json   alert format\n"
	"  --flows-out DIR      write ended flows as CSV files in DIR, a new file every --rotate minutes\n"
	"  --rotate MINUTES     (default 5)\n"
	"  --commit SECONDS     commit the inventory every SECONDS of capture time (default 5)\n"
	"  --refresh SECONDS    rows of flows still open: last seen brought up to date at most every\n"
	"                       SECONDS (default 60; 0: every commit), exact when they end\n"
	"  --learn DURATION     baseline period without alerts (e.g. 1d)\n"
	"  --quiet-after DURATION  alert when a server has not been seen for DURATION\n"
	"  --no-flags           ignore TCP flags\n"
	"  --no-decap           leave tunnels closed (default: profile what IP-in-IP, GRE, PPTP,\n"
	"                       VXLAN and Geneve carry, and inner records collected, as servers does)\n"
	"  --export URL         send ended flows to an IPFIX collector: udp://HOST:PORT or tcp://HOST:PORT\n"
	"  --template-refresh S over UDP, send the IPFIX templates again every S seconds (default 60)\n"
	"  --anomalies          also alert on the named checks of netprofile anomalies, per packet\n"
	"  --idle-timeout S, --active-timeout S, --max-flows N   as for netprofile flows\n" CLI_PROGRESS_HELP;

#define MAX_LISTEN 16

struct watch_args {
	cli_source_args src;
	const char *listen[MAX_LISTEN];
	int nlisten;
	const char *db, *alerts, *flows_dir;
	const char *sensor;     /* --sensor */
	uint32_t hold_mib;      /* --hold */
	const char *export_url; /* --export */
	uint32_t template_refresh_s;
	bool json, use_syslog, pace, no_flags, anomalies, no_decap;
	uint32_t rotate_min, commit_s, refresh_s;
	np_inventory_opts inv;
	np_flow_config cfg;
};

/* How long an ended FTP/PPTP control session still ties data connections. */
#define CONTROL_CARRY_S 600

static volatile sig_atomic_t got_stop, got_hup, got_usr1;
static np_source *signalled_src;

/* Flags for the loop, and a break out of libpcap's wait (pcap_breakloop is
 * safe in a signal handler): on an interface that is down, libpcap polls
 * until it is up again and the loop would never see the flag, nor commit
 * (SIGALRM, every commit interval of a live capture, only breaks). */
static void on_signal(int sig)
{
	if (sig == SIGALRM)
		;
	else if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_stop = 1;
	if (signalled_src)
		np_source_break(signalled_src);
}

/* ---- arguments ------------------------------------------------------------------- */

enum {
	OPT_DB = 1000,
	OPT_ALERTS,
	OPT_FORMAT,
	OPT_SYSLOG,
	OPT_FLOWSOUT,
	OPT_ROTATE,
	OPT_COMMIT,
	OPT_LEARN,
	OPT_QUIET,
	OPT_NOFLAGS,
	OPT_PACE,
	OPT_IDLE,
	OPT_ACTIVE,
	OPT_MAXFLOWS,
	OPT_HELP,
	OPT_LISTEN,
	OPT_ANOMALIES
};

enum { OPT_EXPORT = 1100, OPT_TREFRESH, OPT_REFRESH };

enum { OPT_SENSOR = 1200, OPT_HOLD };

enum { OPT_NODECAP = 1300 };

static int number_opt(const char *name, const char *arg, uint32_t *out)
{
	return cli_parse_u32_opt("watch", name, arg, 1, 100000000, out);
}

static int watch_option(struct watch_args *a, int c)
{
	switch (c) {
	case 'n': return 0;
	case 'r': a->src.rfile = optarg; return 0;
	case 'i': a->src.iface = optarg; return 0;
	case 'Z': a->src.user = optarg; return 0;
	case 'B': return cli_parse_buffer("watch", optarg, &a->src);
	case OPT_DB: a->db = optarg; return 0;
	case OPT_ALERTS: a->alerts = optarg; return 0;
	case OPT_FORMAT:
		if (strcmp(optarg, "json") && strcmp(optarg, "text"))
			return cli_usage_error("watch", "unknown format '%s' (text, json)", optarg);
		a->json = !strcmp(optarg, "json");
		return 0;
	case OPT_SYSLOG: a->use_syslog = true; return 0;
	case OPT_FLOWSOUT: a->flows_dir = optarg; return 0;
	case OPT_ROTATE: return number_opt("rotation", optarg, &a->rotate_min);
	case OPT_COMMIT: return number_opt("commit interval", optarg, &a->commit_s);
	case OPT_LEARN:
		return cli_parse_duration(optarg, &a->inv.learn_us)
			       ? 0
			       : cli_usage_error("watch", "invalid duration '%s'", optarg);
	case OPT_QUIET:
		return cli_parse_duration(optarg, &a->inv.quiet_after_us)
			       ? 0
			       : cli_usage_error("watch", "invalid duration '%s'", optarg);
	case OPT_NOFLAGS: a->no_flags = true; return 0;
	case OPT_NODECAP: a->no_decap = true; return 0;
	case OPT_PACE: a->pace = true; return 0;
	case OPT_ANOMALIES: a->anomalies = true; return 0;
	case OPT_IDLE: return number_opt("idle timeout", optarg, &a->cfg.idle_timeout_s);
	case OPT_ACTIVE: return number_opt("active timeout", optarg, &a->cfg.active_timeout_s);
	case OPT_MAXFLOWS: return number_opt("flow limit", optarg, &a->cfg.max_flows);
	case OPT_LISTEN:
		if (a->nlisten == MAX_LISTEN)
			return cli_usage_error("watch", "too many --listen");
		a->listen[a->nlisten++] = optarg;
		return 0;
	case CLI_OPT_PROGRESS:
	case CLI_OPT_NO_PROGRESS: a->src.progress = cli_progress_mode(c); return 0;
	case OPT_HELP: fputs(watch_usage, stdout); exit(0);
	case OPT_EXPORT:
		a->export_url = optarg;
		if (!np_ipfix_target_is_net(optarg))
			return cli_usage_error("watch", "--export takes udp://HOST:PORT or tcp://HOST:PORT, not '%s'",
					       optarg);
		return 0;
	case OPT_SENSOR: a->sensor = optarg; return 0;
	case OPT_HOLD: return cli_parse_u32_opt("watch", "hold", optarg, 1, 1048576, &a->hold_mib);
	case OPT_TREFRESH:
		return cli_parse_u32_opt("watch", "template refresh", optarg, 1, 86400, &a->template_refresh_s);
	case OPT_REFRESH: return cli_parse_u32_opt("watch", "refresh interval", optarg, 0, 86400, &a->refresh_s);
	default: return cli_usage_error("watch", "unknown option");
	}
}

static int parse_watch_args(int argc, char **argv, struct watch_args *a)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"alerts", required_argument, NULL, OPT_ALERTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"syslog", no_argument, NULL, OPT_SYSLOG},
		{"flows-out", required_argument, NULL, OPT_FLOWSOUT},
		{"rotate", required_argument, NULL, OPT_ROTATE},
		{"commit", required_argument, NULL, OPT_COMMIT},
		{"refresh", required_argument, NULL, OPT_REFRESH},
		{"learn", required_argument, NULL, OPT_LEARN},
		{"quiet-after", required_argument, NULL, OPT_QUIET},
		{"no-flags", no_argument, NULL, OPT_NOFLAGS},
		{"no-decap", no_argument, NULL, OPT_NODECAP},
		{"pace", no_argument, NULL, OPT_PACE},
		{"idle-timeout", required_argument, NULL, OPT_IDLE},
		{"active-timeout", required_argument, NULL, OPT_ACTIVE},
		{"max-flows", required_argument, NULL, OPT_MAXFLOWS},
		{"export", required_argument, NULL, OPT_EXPORT},
		{"template-refresh", required_argument, NULL, OPT_TREFRESH},
		{"listen", required_argument, NULL, OPT_LISTEN},
		{"anomalies", no_argument, NULL, OPT_ANOMALIES},
		{"sensor", required_argument, NULL, OPT_SENSOR},
		{"hold", required_argument, NULL, OPT_HOLD},
		{"help", no_argument, NULL, OPT_HELP},
		CLI_PROGRESS_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->src.user = "nobody";
	a->src.buffer_kib = CLI_FLOW_BUFFER_KIB;
	a->db = "netprofile.db";
	a->rotate_min = 5;
	a->commit_s = 5;
	a->refresh_s = 60;
	a->hold_mib = 256;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+nr:i:Z:B:", longopts, NULL)) != -1)
		if (watch_option(a, c) != 0)
			return 1;
	if ((a->src.rfile && a->src.iface) || (!a->src.rfile && !a->src.iface && !a->nlisten))
		return cli_usage_error("watch", "give one of -i INTERFACE or -r FILE, or --listen");
	a->src.filter = cli_join_args(argc, argv, optind);
	return 0;
}

/* ---- state ----------------------------------------------------------------------- */

struct watch {
	struct watch_args *a;
	np_source src;
	bool have_packets;              /* -i or -r; else only --listen */
	np_flowsrc *listen[MAX_LISTEN]; /* collectors (collect/listen.c) */
	np_flow_table *table;
	np_profiler *ended;   /* flows ended since the last commit */
	np_profiler *payload; /* names services from payload for the table's flows */
	np_inventory *inv;
	FILE *alerts;
	int flows_fd;
	int64_t flows_period;  /* rotation period of the open flow file */
	char flows_path[4096]; /* the open flow file, for messages */
	bool flows_error;      /* writing flows failed (reported once): stop writing them */
	np_out flows_out;
	np_flow_writer writer;
	np_ipfix_writer *export_to; /* --export */
	int64_t last_commit_us;
	int64_t retry_us;            /* a live commit was due but busy: not asked again before */
	int64_t last_wall_commit_us; /* a quiet live link commits by the clock */
	int64_t first_pkt_us, first_wall_us;
	uint64_t drops_seen;          /* the kernel's drop count at the last look */
	int64_t drops_last_us;        /* when it last grew: drops within DROP_EPISODE_S are one episode */
	_Atomic uint64_t alerts_sent; /* counted on the commit thread */
	uint64_t flows_written;
	/* The commit thread (see decide): batch is handed to it; carried holds
	 * the control sessions of the batch it decided last, for the next. */
	pthread_t commit_thread;
	pthread_mutex_t commit_mu, alerts_mu;
	pthread_cond_t commit_cv;
	np_profiler *batch, *carried;
	np_profiler *spare; /* a decided batch, emptied with its room kept, for the next */
	np_sent *sent;      /* client rows the inventory holds (commit thread) */
	int64_t batch_carry_from;
	bool commit_threaded, commit_quit;
	np_anomalies *checks; /* --anomalies */
	np_out finding_text;  /* where a finding is formatted (fd -1: never written) */
	uint64_t packets;     /* numbered as decode -# numbers them, for the checks */
	/* Flows ended since the last commit, each held by `ended` until then:
	 * a flood ends flows far faster than the commit interval passes, so
	 * reaching the flow limit commits early and memory stays bounded by
	 * --max-flows, not by the packet rate. */
	uint32_t ended_count, ended_limit;
	int failed; /* a fault that ends the run: exit status 1 */
	/* Tunnels (unless --no-decap): the capture's inner flows, and every
	 * tunnel of the run numbered once (a capture's and the collectors'
	 * inner records), as the profiler's batches name them. */
	np_decap *decap, *tunnels;
	np_flowsrc *reading; /* the collector whose records are being read */
};

static void watch_error(struct watch *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void watch_error(struct watch *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "netprofile: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	w->failed = 1;
	got_stop = 1;
	np_source_break(&w->src);
}

/* ---- alerts -------------------------------------------------------------------------- */

static const char *alerts_name(const char *path)
{
	return !path ? "standard error" : !strcmp(path, "-") ? "standard output" : path;
}

static void send_alert(struct watch *w, const char *line)
{
	w->alerts_sent++;
	if (w->a->use_syslog)
		syslog(LOG_WARNING, "%s", line);
	pthread_mutex_lock(&w->alerts_mu); /* SIGHUP reopens the file on the other thread */
	if (w->alerts && (fprintf(w->alerts, "%s\n", line) < 0 || fflush(w->alerts) != 0))
		watch_error(w, "%s: cannot write alerts: %s", alerts_name(w->a->alerts), strerror(errno));
	pthread_mutex_unlock(&w->alerts_mu);
}

static void on_alert(void *ctx, const np_alert *a)
{
	char line[1024];
	np_alert_format(a, ((struct watch *)ctx)->a->json, line, sizeof(line));
	send_alert(ctx, line);
}

/* A finding of --anomalies, as an alert: "anomaly <finding>" or its JSON. */
static void on_finding(void *ctx, const np_finding *f)
{
	struct watch *w = ctx;
	np_out *line = &w->finding_text; /* never flushed: a line is far below its block */
	line->len = 0;
	if (!w->a->json)
		out_str(line, "anomaly ");
	np_finding_write(line, f, w->a->json, w->src.nano);
	out_char(line, '\0');
	send_alert(w, line->buf);
	line->len = 0;
}

/* Open (or, on SIGHUP, reopen) the alert file. The new file is opened
 * before the old one is closed: if it cannot be (a directory the user
 * netprofile runs as after dropping root cannot write), alerts keep going
 * to the old one and nothing is lost. */
static int open_alerts(struct watch *w)
{
	FILE *f = NULL;
	if (w->a->alerts && !strcmp(w->a->alerts, "-")) {
		f = stdout;
	} else if (w->a->alerts) {
		f = fopen(w->a->alerts, "a");
		if (!f) {
			fprintf(stderr, "netprofile: %s: %s%s\n", w->a->alerts, strerror(errno),
				w->alerts ? "; alerts still go to the file open before" : "");
			return -1;
		}
	} else if (!w->a->use_syslog) {
		f = stderr;
	}
	pthread_mutex_lock(&w->alerts_mu);
	if (w->alerts && w->alerts != stdout && w->alerts != stderr)
		fclose(w->alerts);
	w->alerts = f;
	pthread_mutex_unlock(&w->alerts_mu);
	return 0;
}

/* ---- flow files ---------------------------------------------------------------------------- */

/* After a flush: a write that failed (disk full), or the file removed
 * while open (its directory deleted: what is written goes nowhere) ends
 * the run, reported once with the file's path. */
static void check_flow_file(struct watch *w)
{
	struct stat st;
	const char *why = NULL;
	if (w->flows_fd < 0 || w->flows_error)
		return;
	if (w->flows_out.failed)
		why = strerror(w->flows_out.failed_errno);
	else if (fstat(w->flows_fd, &st) == 0 && st.st_nlink == 0)
		why = "the file was removed while open (is the directory gone?)";
	if (!why)
		return;
	w->flows_error = true;
	watch_error(w, "%s: cannot write flows: %s", w->flows_path, why);
}

static void close_flow_file(struct watch *w)
{
	if (w->flows_fd < 0)
		return;
	out_flush(&w->flows_out);
	check_flow_file(w);
	out_close(&w->flows_out);
	close(w->flows_fd);
	w->flows_fd = -1;
}

static int open_flow_file(struct watch *w, int64_t period)
{
	char *path = w->flows_path, stamp[32];
	time_t t = (time_t)(period * w->a->rotate_min * 60);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M", &tm);
	snprintf(path, sizeof(w->flows_path), "%s/flows-%s.csv", w->a->flows_dir, stamp);
	bool exists = access(path, F_OK) == 0;
	w->flows_fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (w->flows_fd < 0) {
		w->flows_error = true;
		watch_error(w, "%s: cannot write flows: %s", path, strerror(errno));
		return -1;
	}
	out_open_fd(&w->flows_out, w->flows_fd);
	char bad[64];
	np_flow_writer_init(
		&w->writer, &w->flows_out, NP_FLOW_CSV, false,
		"sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,initialFlags,sessionFlags,sTime,eTime,duration,endReason,application,vlan",
		bad);
	w->writer.header_done = exists;
	w->flows_period = period;
	return 0;
}

static void write_flow(struct watch *w, const np_flow *f)
{
	if (!w->a->flows_dir || w->flows_error)
		return;
	int64_t end = f->fwd.last_us > f->rev.last_us ? f->fwd.last_us : f->rev.last_us;
	int64_t period = end / ((int64_t)w->a->rotate_min * 60 * 1000000);
	if (w->flows_fd >= 0 && period != w->flows_period)
		close_flow_file(w);
	if (w->flows_fd < 0 && open_flow_file(w, period) != 0)
		return;
	np_flow_writer_write(&w->writer, f);
	w->flows_written++;
}

/* The monotonic clock, microseconds. */
static int64_t wall_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- profiling and committing --------------------------------------------------------------------- */

/* A flow inside a tunnel into the batch, its tunnel numbered in the run's
 * registry (left out past its limit, as the capture's are). Ended flows
 * count toward the memory bound as the outer ones do. */
static void add_tunnelled(struct watch *w, const np_flow *f, bool has_flags, const np_flow_tunnel *t, bool ended)
{
	if (!w->tunnels)
		w->tunnels = np_decap_new(&w->a->cfg, false, NULL, NULL);
	np_flow_tunnel reg = *t;
	reg.index = w->tunnels ? np_decap_register(w->tunnels, t) : 0;
	if (!reg.index)
		return;
	if (!ended) {
		np_profiler_add_active_tunnelled(w->ended, f, has_flags, &reg);
		return;
	}
	np_profiler_add_tunnelled(w->ended, f, has_flags, &reg);
	w->ended_count++;
}

/* A record from a collector: what an ended flow of our own table gets
 * (so --export relays collected records as IPFIX too). */
static void on_record(void *ctx, const np_flow *f, bool has_flags)
{
	struct watch *w = ctx;
	const np_flow_tunnel *t = w->reading ? np_flowsrc_tunnel(w->reading) : NULL;
	if (t) {
		/* An inner record (flows --decap exporting): profiled as the
		 * capture's inner flows are, not written nor relayed (the flow
		 * files and --export are the outer view). */
		if (!w->a->no_decap)
			add_tunnelled(w, f, has_flags, t, true);
		return;
	}
	write_flow(w, f);
	if (w->export_to)
		np_ipfix_writer_write(w->export_to, f);
	np_profiler_add_flow(w->ended, f, has_flags);
	w->ended_count++;
}

static void on_flow_end(void *ctx, const np_flow *f)
{
	on_record(ctx, f, true);
}

/* An inner flow of the capture ended. */
static void on_tunnelled_end(void *ctx, const np_flow *f, const np_flow_tunnel *t)
{
	add_tunnelled(ctx, f, true, t, true);
}

/* An inner flow still open, at a commit (the batch being built is
 * w->ended). */
static void add_active_tunnelled(void *ctx, const np_flow *f, const np_flow_tunnel *t)
{
	add_tunnelled(ctx, f, true, t, false);
}

static void add_active(void *ctx, const np_flow *f)
{
	np_profiler_add_active(ctx, f, true);
}

static np_profiler *new_profiler(const struct watch *w)
{
	np_profile_config pc = {w->a->no_flags};
	return np_profiler_new(&pc);
}

/* Decide a batch and merge it into the inventory in one transaction: the
 * control sessions carried from the batch before, then the flows that ended
 * (counted) and those still active (known, not counted), decided together
 * so that an FTP data connection meets its control session whichever has
 * ended. A second or more with a hundred thousand flows open: it runs on
 * the commit thread. */
static void decide(struct watch *w, np_profiler *batch, int64_t carry_from)
{
	char err[512];
	size_t n;
	np_profiler *p = batch;
	np_profiler_prepend(p, w->carried); /* the carried control sessions first */
	np_profiler_reset(w->carried);
	np_profiler_finish(p);
	np_server *servers = np_profiler_servers_edit(p, &n);
	np_sent_filter(w->sent, servers, n); /* the no-op client rows of flows still active */
	bool stored = np_inventory_merge(w->inv, servers, n, &w->a->inv, on_alert, w, err, sizeof(err)) == 0;
	/* A batch held while the store is away is not stored yet, and may be
	 * dropped: the rows it holds are not known to be there. */
	np_inventory_outage o;
	np_inventory_outage_stats(w->inv, &o);
	np_sent_stored(w->sent, stored && !o.held);
	if (!stored)
		watch_error(w, "%s: cannot update the inventory: %s", np_inventory_name(w->inv), err);
	np_profiler_carry_controls(p, w->carried, carry_from);
	/* Kept for the batch after next: a busy link's batch holds a hundred
	 * thousand flows, paged in and copied as it grew, every commit. */
	np_profiler_reset(p);
}

static void *commit_main(void *arg)
{
	struct watch *w = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL); /* handlers run on the main thread */
	pthread_mutex_lock(&w->commit_mu);
	for (;;) {
		while (!w->batch && !w->commit_quit)
			pthread_cond_wait(&w->commit_cv, &w->commit_mu);
		if (!w->batch)
			break;
		np_profiler *batch = w->batch;
		int64_t carry_from = w->batch_carry_from;
		pthread_mutex_unlock(&w->commit_mu);
		decide(w, batch, carry_from);
		pthread_mutex_lock(&w->commit_mu);
		w->batch = NULL;
		np_profiler_free(w->spare);
		w->spare = batch;
		pthread_cond_broadcast(&w->commit_cv);
	}
	pthread_mutex_unlock(&w->commit_mu);
	return NULL;
}

/* Commit: the table's thread collects the batch (the active flows, the FTP
 * announcements) and hands it to the commit thread. When that one is still
 * busy with the batch before, a live capture commits later (false: the
 * packets keep flowing meanwhile), unless `wait` (a replayed file, whose
 * batches must be the same every run, or memory to bound). */
static bool commit(struct watch *w, bool wait)
{
	if (w->commit_threaded) {
		pthread_mutex_lock(&w->commit_mu);
		while (w->batch && wait)
			pthread_cond_wait(&w->commit_cv, &w->commit_mu);
		bool busy = w->batch != NULL;
		pthread_mutex_unlock(&w->commit_mu);
		if (busy)
			return false;
	}
	/* The commit thread, idle, touches it again only with the next batch. */
	np_profiler *next = w->spare;
	w->spare = NULL;
	np_profiler *p = w->ended;
	int64_t carry_from = np_flow_table_now(w->table) - (int64_t)CONTROL_CARRY_S * 1000000;
	/* Either clock's commit restarts both: a busy link's commits by
	 * capture time keep the wall clock's away, and one by the wall clock
	 * (a quiet link) is not followed by one by capture time at once. */
	if (w->src.live) {
		w->last_wall_commit_us = wall_us();
		w->last_commit_us = np_flow_table_now(w->table);
	}
	np_flow_table_each(w->table, add_active, p);
	if (w->decap)
		np_decap_each(w->decap, add_active_tunnelled, w);
	np_profiler_take_announcements(w->payload, p, carry_from);
	w->ended = next ? next : new_profiler(w);
	w->ended_count = 0;
	if (w->flows_fd >= 0) {
		out_flush(&w->flows_out);
		check_flow_file(w);
	}
	if (!w->commit_threaded) {
		decide(w, p, carry_from);
		w->spare = p;
		return true;
	}
	pthread_mutex_lock(&w->commit_mu);
	w->batch = p;
	w->batch_carry_from = carry_from;
	pthread_cond_broadcast(&w->commit_cv);
	pthread_mutex_unlock(&w->commit_mu);
	return true;
}

static void start_commit_thread(struct watch *w)
{
	pthread_mutex_init(&w->commit_mu, NULL);
	pthread_cond_init(&w->commit_cv, NULL);
	w->commit_threaded = pthread_create(&w->commit_thread, NULL, commit_main, w) == 0;
}

/* The batch handed over is decided; then the thread ends. */
static void stop_commit_thread(struct watch *w)
{
	if (!w->commit_threaded)
		return;
	pthread_mutex_lock(&w->commit_mu);
	w->commit_quit = true;
	pthread_cond_broadcast(&w->commit_cv);
	pthread_mutex_unlock(&w->commit_mu);
	pthread_join(w->commit_thread, NULL);
	w->commit_threaded = false;
}

static void print_stats(struct watch *w)
{
	const np_flow_stats *s = np_flow_table_stats(w->table);
	uint64_t received = 0, dropped = 0;
	bool have_ps = np_source_stats(&w->src, &received, &dropped);
	/* before the packets line, which stays the last of a capture's */
	if (w->decap) {
		const np_decap_stats *d = np_decap_stats_of(w->decap);
		fprintf(stderr, "watch: tunnels: %llu inner packets in %llu tunnels, %llu past the tunnel limit\n",
			(unsigned long long)d->packets, (unsigned long long)d->tunnels,
			(unsigned long long)d->untracked);
	}
	fprintf(stderr,
		"watch: %llu packets (%llu received, %llu dropped by the kernel%s), %u flows active, %llu written, "
		"%llu evicted early, %llu alerts\n",
		(unsigned long long)s->packets, (unsigned long long)received, (unsigned long long)dropped,
		have_ps ? "" : ": not live", np_flow_table_active(w->table), (unsigned long long)s->flows_written,
		(unsigned long long)s->evicted, (unsigned long long)w->alerts_sent);
	for (int i = 0; i < w->a->nlisten; i++)
		np_flowsrc_print_stats(w->listen[i], stderr, "watch", 20);
	np_inventory_outage o;
	np_inventory_outage_stats(w->inv, &o);
	if (o.outages)
		fprintf(stderr,
			"watch: store %s away %.1f s in %llu outages%s, %llu batches held, %llu dropped (%llu flows)\n",
			np_inventory_name(w->inv), (double)o.away_us / 1e6, (unsigned long long)o.outages,
			o.away ? " (away now)" : "", (unsigned long long)o.held, (unsigned long long)o.dropped,
			(unsigned long long)o.dropped_flows);
}

/* --pace: wait until as much wall time has passed as capture time. */
static void keep_pace(struct watch *w, int64_t pkt_us)
{
	if (!w->first_pkt_us) {
		w->first_pkt_us = pkt_us;
		w->first_wall_us = wall_us();
		return;
	}
	int64_t due = w->first_wall_us + (pkt_us - w->first_pkt_us);
	int64_t now = wall_us();
	if (due - now > 3600LL * 1000000 || now - due > 3600LL * 1000000) {
		/* The capture's time jumped by more than an hour: keep pace from here. */
		w->first_pkt_us = pkt_us;
		w->first_wall_us = now;
		return;
	}
	if (due > now) {
		struct timespec d = {(time_t)((due - now) / 1000000), (long)((due - now) % 1000000) * 1000};
		nanosleep(&d, NULL);
	}
}

/* The pipeline's hooks (flow/pipeline.h), on this thread: */

/* before each packet: --pace */
static void watch_before(void *ctx, int64_t us)
{
	keep_pace(ctx, us);
}

/* each decoded packet, with --anomalies (the run is then on this thread
 * alone: see np_pipeline_hooks.packet): the checks, packets numbered as
 * decode -# numbers them */
static void watch_decoded(void *ctx, const np_packet *pkt)
{
	struct watch *w = ctx;
	w->packets++;
	np_anomalies_packet(w->checks, pkt, w->packets);
}

/* each packet that may carry a tunnel, unless --no-decap: what it
 * carries, into the inner table */
static void watch_tunnel(void *ctx, const np_packet *pkt)
{
	struct watch *w = ctx;
	np_decap_packet(w->decap, pkt);
}

/* after each packet: a commit interval of capture time has passed, or
 * --max-flows flows have ended since the last commit */
static bool commit_due(const struct watch *w, int64_t now)
{
	/* now < last commit: the table's clock restarted (time went back). */
	return now - w->last_commit_us >= (int64_t)w->a->commit_s * 1000000 || now < w->last_commit_us ||
	       w->ended_count >= w->ended_limit;
}

/* The table batches packets (np_flow_config.batch): its clock and its
 * flows lag the packet just handed over by up to NP_FLOW_BATCH packets.
 * The packet's own time tells when a commit may be due; then the table
 * catches up (np_flow_table_sync) and decides by its clock, so commits
 * fall on the packets they fell on unbatched: the table's clock moves
 * only to a packet's time, never past the newest. Only a commit the
 * ended-flow limit brings on may come up to a batch later. */
static void watch_after(void *ctx, int64_t packet_us)
{
	struct watch *w = ctx;
	if (!w->last_commit_us) {
		np_flow_table_sync(w->table);
		w->last_commit_us = np_flow_table_now(w->table);
	}
	if (!commit_due(w, packet_us))
		return;
	/* A live commit due while the one before still runs: asked again a
	 * tenth of a second of packets later, not at every packet. */
	if (w->retry_us && packet_us >= w->last_commit_us && packet_us < w->retry_us)
		return;
	np_flow_table_sync(w->table);
	int64_t now = np_flow_table_now(w->table);
	if (!commit_due(w, now))
		return;
	bool done = commit(w, !w->src.live || w->ended_count >= 2 * (uint64_t)w->ended_limit);
	w->retry_us = done ? 0 : packet_us + 100000;
	if (done)
		w->last_commit_us = now;
}

/* ---- the run ------------------------------------------------------------------------------------------------------------- */

static void handle_signals(struct watch *w)
{
	if (got_hup) {
		got_hup = 0;
		open_alerts(w); /* on failure the old file stays (see there) */
		close_flow_file(w);
	}
	if (got_usr1) {
		got_usr1 = 0;
		print_stats(w);
	}
}

/* What the collectors have; their records go where ended flows go. */
static void read_listeners(struct watch *w)
{
	char err[512];
	for (int i = 0; i < w->a->nlisten; i++) {
		w->reading = w->listen[i];
		if (np_flowsrc_read(w->listen[i], on_record, w, err, sizeof(err)) < 0)
			watch_error(w, "%s", err);
		w->reading = NULL;
	}
	/* Memory is bounded: past the limit, wait for the commit thread. */
	if (w->ended_count >= w->ended_limit)
		commit(w, w->ended_count >= 2 * (uint64_t)w->ended_limit);
}

static uint64_t listened_messages(struct watch *w)
{
	uint64_t n = 0;
	for (int i = 0; i < w->a->nlisten; i++) {
		np_exporter_stats st;
		np_flowsrc_totals(w->listen[i], &st);
		n += st.messages;
	}
	return n;
}

/* At the end: what the collectors' sockets still hold, read until they
 * are empty (a read takes at most a few thousand datagrams a socket; the
 * buffers bound the rounds, and an exporter that never stops does not
 * hold the exit up for more than 64 of them). */
static void drain_listeners(struct watch *w)
{
	for (int round = 0; round < 64; round++) {
		uint64_t before = listened_messages(w);
		read_listeners(w);
		if (listened_messages(w) == before)
			break;
	}
}

/* Records a collector's batch waits for before the commit thread takes it
 * early (listen_loop). */
#define LISTEN_BATCH 65536

/* Only collectors: wait for records, commit by the wall clock, or early
 * while records stream in. */
static int listen_loop(struct watch *w)
{
	struct pollfd pfd[MAX_LISTEN];
	int64_t last_wall = wall_us();
	for (int i = 0; i < w->a->nlisten; i++)
		pfd[i] = (struct pollfd){.fd = np_flowsrc_fd(w->listen[i]), .events = POLLIN};
	while (!got_stop) {
		int64_t left = (int64_t)w->a->commit_s * 1000000 - (wall_us() - last_wall);
		int rc = poll(pfd, (nfds_t)w->a->nlisten, left > 0 ? (int)(left / 1000) + 1 : 0);
		if (rc < 0 && errno != EINTR) {
			fprintf(stderr, "netprofile: poll: %s\n", strerror(errno));
			return -1;
		}
		read_listeners(w);
		handle_signals(w);
		/* A stream of records: a batch goes to the commit thread as soon
		 * as it is idle, so deciding one batch and decoding the next run
		 * on two cores (commit() does nothing while it is busy). */
		bool streaming = w->ended_count >= LISTEN_BATCH && w->commit_threaded;
		if ((streaming || wall_us() - last_wall >= (int64_t)w->a->commit_s * 1000000) && commit(w, false))
			last_wall = wall_us();
	}
	return 0;
}

/* Drops that follow one another within this many seconds are one episode,
 * told once. */
#define DROP_EPISODE_S 10

/* The kernel dropped packets (its buffer was full): say so once when an
 * episode starts, not at every look; the statistics line has the count. */
static void check_drops(struct watch *w)
{
	uint64_t received, dropped;
	if (!np_source_stats(&w->src, &received, &dropped) || dropped <= w->drops_seen)
		return;
	int64_t now = wall_us();
	if (!w->drops_last_us || now - w->drops_last_us > (int64_t)DROP_EPISODE_S * 1000000)
		fprintf(stderr,
			"netprofile: %s: the kernel dropped %llu packets (%llu of %llu so far): the capture buffer was full; "
			"a larger -B may help\n",
			w->src.name, (unsigned long long)(dropped - w->drops_seen), (unsigned long long)dropped,
			(unsigned long long)received);
	w->drops_seen = dropped;
	w->drops_last_us = now;
}

/* every NP_PIPELINE_TICK_MS, and at once after a signal */
static bool watch_tick(void *ctx)
{
	struct watch *w = ctx;
	read_listeners(w); /* -i or -r with --listen too: collected records come in here */
	handle_signals(w);
	if (!w->src.live)
		return !got_stop;
	check_drops(w);
	/* A quiet live link: commit by the wall clock too. */
	if (!w->last_wall_commit_us)
		w->last_wall_commit_us = wall_us();
	if (wall_us() - w->last_wall_commit_us >= (int64_t)w->a->commit_s * 1000000) {
		np_flow_table_expire(w->table, np_flow_table_now(w->table));
		if (w->decap)
			np_decap_expire(w->decap, np_flow_table_now(w->table));
		commit(w, false); /* which restarts the clock (live) */
	}
	return !got_stop;
}

static int run_loop(struct watch *w)
{
	if (!w->have_packets)
		return listen_loop(w);
	np_pipeline_hooks hooks = {
		.before = w->a->pace ? watch_before : NULL,
		.after = watch_after,
		.tick = watch_tick,
		.packet = w->checks ? watch_decoded : NULL,
		.tunnel = w->decap ? watch_tunnel : NULL,
		.ctx = w,
	};
	int rc = np_flow_pipeline_run(&w->src, 0, w->table, true, &hooks);
	handle_signals(w);
	if (rc == -1) {
		fprintf(stderr, "netprofile: %s\n", w->src.err);
		return -1;
	}
	return 0;
}

static void install_signals(struct watch *w)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART; /* writes to a pipe are not cut short by a signal */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signalled_src = &w->src;
	if (w->src.live) {
		sigaction(SIGALRM, &sa, NULL);
		struct itimerval it = {{(time_t)w->a->commit_s, 0}, {(time_t)w->a->commit_s, 0}};
		setitimer(ITIMER_REAL, &it, NULL);
	}
}

static int watch_setup(struct watch *w, struct watch_args *a)
{
	char err[512];
	w->a = a;
	w->flows_fd = -1;
	pthread_mutex_init(&w->alerts_mu, NULL);
	if (a->use_syslog)
		openlog("netprofile", LOG_PID, LOG_DAEMON);
	if (open_alerts(w) != 0)
		return -1;
	if (a->flows_dir) {
		struct stat st;
		if (stat(a->flows_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "netprofile: %s: not a directory\n", a->flows_dir);
			return -1;
		}
	}
	if (a->export_url) {
		w->export_to = np_ipfix_writer_open(a->export_url, false, a->src.iface || a->pace,
						    a->template_refresh_s, err, sizeof(err));
		if (!w->export_to) {
			fprintf(stderr, "netprofile: %s\n", err);
			return -1;
		}
	}
	/* The inventory opens before root is dropped, so its file can stay root's. */
	w->inv = np_inventory_open(a->db, a->sensor, err, sizeof(err));
	a->inv.hold_bytes = (size_t)a->hold_mib << 20;
	if (!w->inv) {
		fprintf(stderr, "netprofile: %s\n", err);
		return -1;
	}
	bool dropping = (a->src.iface || a->nlisten) && (geteuid() == 0 || getuid() == 0);
	/* Collectors open their ports first, while root may still be held. */
	for (int i = 0; i < a->nlisten; i++)
		if (!(w->listen[i] = np_flowsrc_open(a->listen[i], NULL, err, sizeof(err)))) {
			fprintf(stderr, "netprofile: %s\n", err);
			return -1;
		}
	w->have_packets = a->src.iface || a->src.rfile;
	if (w->have_packets && cli_open_source(&w->src, &a->src) != 0)
		return -1;
	if (!w->have_packets && np_source_drop_root(&w->src, a->src.user) != 0) {
		fprintf(stderr, "netprofile: %s\n", w->src.err);
		return -1;
	}
	/* Flow files are created from now on, as the user root was dropped to. */
	if (a->flows_dir && access(a->flows_dir, W_OK | X_OK) != 0) {
		int e = errno;
		if (dropping)
			fprintf(stderr, "netprofile: %s: cannot create flow files there as user %s (-Z): %s\n",
				a->flows_dir, a->src.user, strerror(e));
		else
			fprintf(stderr, "netprofile: %s: cannot create flow files there: %s\n", a->flows_dir,
				strerror(e));
		np_source_close(&w->src);
		return -1;
	}
	if (w->have_packets)
		cli_announce_source(&w->src, &a->src);
	for (int i = 0; i < a->nlisten; i++)
		fprintf(stderr, "listening on %s for NetFlow v5, v9 and IPFIX\n", a->listen[i]);
	w->ended = new_profiler(w);
	w->carried = new_profiler(w);
	w->payload = new_profiler(w);
	/* A row's last seen lags its open flows by up to the refresh interval;
	 * a server's may not with --quiet-after, whose check reads it (a
	 * server still talking would seem quiet, and be told twice). */
	int64_t refresh_us = (int64_t)a->refresh_s * 1000000;
	w->sent = np_sent_new(refresh_us, a->inv.quiet_after_us ? 0 : refresh_us); /* NULL: every row is sent */
	a->cfg.payload_fn = np_profiler_payload;
	a->cfg.payload_ctx = w->payload;
	a->cfg.batch = true; /* see watch_after */
	w->ended_limit = a->cfg.max_flows ? a->cfg.max_flows : 1000000;
	w->table = np_flow_table_new(&a->cfg, on_flow_end, w);
	/* Tunnels are opened on the thread that accounts packets (the
	 * packet hook): a capture's run is then on one core. */
	if (w->have_packets && !a->no_decap && !(w->decap = np_decap_new(&a->cfg, w->src.nano, on_tunnelled_end, w))) {
		fprintf(stderr, "netprofile: out of memory for tunnels\n");
		return -1;
	}
	if (a->anomalies && (out_open_fd(&w->finding_text, -1) != 0 || !(w->checks = np_anomalies_new(on_finding, w))))
		return -1;
	return w->table ? 0 : -1;
}

int cmd_watch(int argc, char **argv)
{
	static struct watch_args a; /* static as w is: w.a points to it */
	if (parse_watch_args(argc, argv, &a) != 0)
		return 1;
	static struct watch w;
	if (watch_setup(&w, &a) != 0) {
		np_inventory_close(w.inv);
		free(a.src.filter);
		return 1;
	}
	install_signals(&w);
	start_commit_thread(&w);
	int rc = run_loop(&w);
	/* Whatever happened, every open flow is ended, written and committed. */
	np_flow_table_flush(w.table, NP_END_EOF);
	if (w.decap)
		np_decap_flush(w.decap, NP_END_EOF);
	drain_listeners(&w);
	for (int i = 0; i < a.nlisten; i++) {
		w.reading = w.listen[i];
		np_flowsrc_flush(w.listen[i], on_record, &w);
		w.reading = NULL;
	}
	commit(&w, true);
	stop_commit_thread(&w);
	/* Batches held while the database was away: a last try of up to 30 s. */
	char err[512];
	if (np_inventory_flush_held(w.inv, &a.inv, on_alert, &w, 30000, err, sizeof(err)) != 0) {
		fprintf(stderr, "netprofile: %s: %s\n", np_inventory_name(w.inv), err);
		w.failed = 1;
	}
	close_flow_file(&w);
	if (w.export_to) {
		np_ipfix_writer_flush(w.export_to);
		if (np_ipfix_writer_error(w.export_to))
			fprintf(stderr, "netprofile: IPFIX export: %s (%llu records not sent)\n",
				np_ipfix_writer_error(w.export_to),
				(unsigned long long)np_ipfix_writer_dropped(w.export_to));
		if (np_ipfix_writer_close(w.export_to) != 0)
			w.failed = 1;
	}
	print_stats(&w);
	np_flow_table_free(w.table);
	np_profiler_free(w.ended);
	np_profiler_free(w.carried);
	np_profiler_free(w.spare);
	np_profiler_free(w.payload);
	np_sent_free(w.sent);
	np_anomalies_free(w.checks);
	np_decap_free(w.decap);
	np_decap_free(w.tunnels);
	free(w.finding_text.buf);
	np_inventory_close(w.inv);
	np_source_close(&w.src);
	for (int i = 0; i < a.nlisten; i++)
		np_flowsrc_close(w.listen[i]);
	if (w.alerts && w.alerts != stdout && w.alerts != stderr)
		fclose(w.alerts);
	free(a.src.filter);
	return rc != 0 || w.failed ? 1 : 0;
}
