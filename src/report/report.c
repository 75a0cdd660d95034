/*
 * report.c - the HTML report (report.h): reads the inventory through
 * inventory.h into columns, writes the page (markup, styles, scripts and
 * one JSON document) to a temporary file, and renames it into place.
 *
 * The data is column-wise (one array per field) with repeated strings
 * (addresses, services, evidence) written once and referred to by number,
 * and times in milliseconds from the report's first time: a 100,000-server
 * inventory stays a few megabytes and parses in a fraction of a second.
 * Not for: drawing (page.js does that in the browser).
 */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assets.h"
#include "json.h"

/* ---- strings written once, referred to by number ---------------------------------- */

struct strtab {
	char **str;
	size_t n, cap;
	int32_t *slot; /* open addressing: index + 1, 0 = empty */
	size_t nslot;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int strtab_grow(struct strtab *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 1024;
	int32_t *slot = calloc(nslot, sizeof(*slot));
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = hash_str(t->str[i]) & (nslot - 1);
		while (slot[h])
			h = (h + 1) & (nslot - 1);
		slot[h] = (int32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return 0;
}

/* The number of s (-1 for NULL); add it when absent and `add`, else -1. */
static int32_t strtab_get(struct strtab *t, const char *s, bool add)
{
	if (!s)
		return -1;
	if (add && (t->n + 1) * 2 > t->nslot && strtab_grow(t) != 0)
		return -1;
	if (!t->nslot)
		return -1;
	size_t h = hash_str(s) & (t->nslot - 1);
	for (; t->slot[h]; h = (h + 1) & (t->nslot - 1))
		if (strcmp(t->str[t->slot[h] - 1], s) == 0)
			return t->slot[h] - 1;
	if (!add)
		return -1;
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		char **str = realloc(t->str, ncap * sizeof(*str));
		if (!str)
			return -1;
		t->str = str;
		t->cap = ncap;
	}
	char *copy = strdup(s);
	if (!copy)
		return -1;
	t->str[t->n] = copy;
	t->slot[h] = (int32_t)++t->n;
	return (int32_t)t->n - 1;
}

static void strtab_free(struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->slot);
}

/* ---- what is read from the inventory ------------------------------------------------ */

struct server_col {
	int32_t host, proto, service, status, evidence, ties;
	int port;
	int64_t clients, flows, packets, bytes, first_us, last_us;
	double confidence;
};

struct client_col {
	int32_t server, host;
	size_t order;
	int64_t flows, first_us, last_us;
};

struct alert_col {
	int32_t kind, host, proto, service, evidence, server;
	int port;
	int64_t time_us;
};

struct top_client {
	int32_t host;
	int64_t servers, flows;
};

struct report_data {
	struct strtab hosts, strs, keys;
	struct server_col *servers;
	size_t nservers, capservers;
	struct client_col *clients;
	size_t nclients, capclients;
	struct alert_col *alerts;
	size_t nalerts, capalerts;
	struct top_client top[20];
	size_t ntop;
	bool oom;
};

static void *grow_array(void *arr, size_t *cap, size_t n, size_t elem, bool *oom)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 1024;
	void *p = realloc(arr, ncap * elem);
	if (!p) {
		*oom = true;
		return NULL;
	}
	*cap = ncap;
	return p;
}

/* "2026-11-22T21:52:06.602Z" as stored; 0 when it is not one. */
static int64_t iso_us(const char *s)
{
	struct tm tm;
	int ms = 0;
	memset(&tm, 0, sizeof(tm));
	/* The count of fields converted is checked: a malformed time gives 0. */
	/* NOLINTNEXTLINE(cert-err34-c) */
	if (!s || sscanf(s, "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			 &tm.tm_sec, &ms) < 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) * 1000000 + (int64_t)ms * 1000;
}

static int32_t server_key(struct report_data *d, const char *address, const char *protocol, int port, bool add)
{
	char key[160];
	snprintf(key, sizeof(key), "%s|%s|%d", address ? address : "", protocol ? protocol : "", port);
	return strtab_get(&d->keys, key, add);
}

static void read_server(void *ctx, const np_inventory_row *r)
{
	struct report_data *d = ctx;
	struct server_col *s = grow_array(d->servers, &d->capservers, d->nservers, sizeof(*s), &d->oom);
	if (!s)
		return;
	d->servers = s;
	s += d->nservers;
	if (server_key(d, r->address, r->protocol, r->port, true) != (int32_t)d->nservers) {
		d->oom = true; /* or a duplicate key, which the primary key rules out */
		return;
	}
	*s = (struct server_col){
		strtab_get(&d->hosts, r->address, true),
		strtab_get(&d->strs, r->protocol, true),
		strtab_get(&d->strs, r->service, true),
		strtab_get(&d->strs, r->status, true),
		strtab_get(&d->strs, r->evidence, true),
		r->ties && *r->ties ? strtab_get(&d->strs, r->ties, true) : -1,
		r->port,
		r->clients,
		r->flows,
		r->packets,
		r->bytes,
		r->first_us ? r->first_us : iso_us(r->first_seen),
		r->last_us ? r->last_us : iso_us(r->last_seen),
		r->confidence,
	};
	d->nservers++;
}

static void read_client(void *ctx, const np_inventory_client *c)
{
	struct report_data *d = ctx;
	int32_t srv = server_key(d, c->address, c->protocol, c->port, false);
	if (srv < 0)
		return; /* a client row without its server: nothing to show it under */
	struct client_col *k = grow_array(d->clients, &d->capclients, d->nclients, sizeof(*k), &d->oom);
	if (!k)
		return;
	d->clients = k;
	d->clients[d->nclients] = (struct client_col){srv,
						      strtab_get(&d->hosts, c->client, true),
						      d->nclients,
						      c->flows,
						      iso_us(c->first_seen),
						      iso_us(c->last_seen)};
	d->nclients++;
}

static void read_alert(void *ctx, const np_inventory_alert_row *a)
{
	struct report_data *d = ctx;
	struct alert_col *k = grow_array(d->alerts, &d->capalerts, d->nalerts, sizeof(*k), &d->oom);
	if (!k)
		return;
	d->alerts = k;
	d->alerts[d->nalerts++] = (struct alert_col){
		strtab_get(&d->strs, a->kind, true),
		strtab_get(&d->hosts, a->address, true),
		strtab_get(&d->strs, a->protocol, true),
		strtab_get(&d->strs, a->service, true),
		strtab_get(&d->strs, a->evidence, true),
		server_key(d, a->address, a->protocol, a->port, false),
		a->port,
		iso_us(a->time),
	};
}

static void read_top_client(void *ctx, const char *client, int64_t servers, int64_t flows)
{
	struct report_data *d = ctx;
	if (d->ntop < sizeof(d->top) / sizeof(d->top[0]))
		d->top[d->ntop++] = (struct top_client){strtab_get(&d->hosts, client, true), servers, flows};
}

static int client_cmp(const void *x, const void *y)
{
	const struct client_col *a = x, *b = y;
	if (a->server != b->server)
		return a->server < b->server ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void free_data(struct report_data *d)
{
	strtab_free(&d->hosts);
	strtab_free(&d->strs);
	strtab_free(&d->keys);
	free(d->servers);
	free(d->clients);
	free(d->alerts);
}

static int read_data(np_inventory *inv, const np_report_opts *o, struct report_data *d, char *err, size_t errlen)
{
	if (np_inventory_each(inv, read_server, d) != 0 ||
	    np_inventory_each_client(inv, o->max_clients, read_client, d) != 0 ||
	    np_inventory_each_alert(inv, read_alert, d) != 0 ||
	    np_inventory_top_clients(inv, 20, read_top_client, d) != 0) {
		snprintf(err, errlen, "%s: cannot read the inventory: %s", o->inventory ? o->inventory : "inventory",
			 np_inventory_errmsg(inv));
		return -1;
	}
	if (d->oom) {
		snprintf(err, errlen, "%s: out of memory reading the inventory",
			 o->inventory ? o->inventory : "inventory");
		return -1;
	}
	if (d->nclients)
		qsort(d->clients, d->nclients, sizeof(*d->clients), client_cmp);
	return 0;
}

/* ---- writing ---------------------------------------------------------------------------- */

struct writer {
	FILE *f;
	int64_t t0_us; /* times are written as milliseconds after it */
};

static void key(struct writer *w, const char *name)
{
	fprintf(w->f, ",\"%s\":", name);
}

static int64_t rel_ms(const struct writer *w, int64_t us)
{
	return us ? (us - w->t0_us) / 1000 : 0;
}

/* One column: "name":[v0,v1,...], the values from get(i). */
/* fmt is a string literal pasted into the format, so it cannot be in
 * parentheses. */
#define COLUMN(w, name, n, fmt, expr)                                                                      \
	do {                                                                                               \
		key((w), (name));                                                                          \
		putc('[', (w)->f);                                                                         \
		for (size_t i = 0; i < (n); i++)                                                           \
			fprintf((w)->f, i ? "," fmt : fmt, expr); /* NOLINT(bugprone-macro-parentheses) */ \
		putc(']', (w)->f);                                                                         \
	} while (0)

static void write_strtab(struct writer *w, const char *name, const struct strtab *t)
{
	key(w, name);
	putc('[', w->f);
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			putc(',', w->f);
		np_report_json_str(w->f, t->str[i]);
	}
	putc(']', w->f);
}

/* "name":{"n":N, then the columns, then the caller's closing brace. */
static void begin_columns(struct writer *w, const char *name, size_t n)
{
	fprintf(w->f, ",\"%s\":{\"n\":%zu", name, n);
}

static void write_servers(struct writer *w, const struct report_data *d)
{
	const struct server_col *s = d->servers;
	size_t n = d->nservers;
	begin_columns(w, "servers", n);
	COLUMN(w, "host", n, "%d", s[i].host);
	COLUMN(w, "proto", n, "%d", s[i].proto);
	COLUMN(w, "port", n, "%d", s[i].port);
	COLUMN(w, "svc", n, "%d", s[i].service);
	COLUMN(w, "status", n, "%d", s[i].status);
	COLUMN(w, "clients", n, "%lld", (long long)s[i].clients);
	COLUMN(w, "flows", n, "%lld", (long long)s[i].flows);
	COLUMN(w, "packets", n, "%lld", (long long)s[i].packets);
	COLUMN(w, "bytes", n, "%lld", (long long)s[i].bytes);
	COLUMN(w, "first", n, "%lld", (long long)rel_ms(w, s[i].first_us));
	COLUMN(w, "last", n, "%lld", (long long)rel_ms(w, s[i].last_us));
	COLUMN(w, "conf", n, "%d", (int)(s[i].confidence * 1000 + 0.5));
	COLUMN(w, "ev", n, "%d", s[i].evidence);
	COLUMN(w, "ties", n, "%d", s[i].ties);
	/* Server i's listed clients are clients[cl[i] .. cl[i+1]). */
	key(w, "cl");
	putc('[', w->f);
	size_t c = 0;
	for (size_t i = 0; i <= n; i++) {
		while (c < d->nclients && (size_t)d->clients[c].server < i)
			c++;
		fprintf(w->f, i ? ",%zu" : "%zu", c);
	}
	fputs("]}", w->f);
}

static void write_clients(struct writer *w, const struct report_data *d)
{
	const struct client_col *c = d->clients;
	size_t n = d->nclients;
	begin_columns(w, "clients", n);
	COLUMN(w, "host", n, "%d", c[i].host);
	COLUMN(w, "flows", n, "%lld", (long long)c[i].flows);
	COLUMN(w, "first", n, "%lld", (long long)rel_ms(w, c[i].first_us));
	COLUMN(w, "last", n, "%lld", (long long)rel_ms(w, c[i].last_us));
	putc('}', w->f);
}

static void write_alerts(struct writer *w, const struct report_data *d)
{
	const struct alert_col *a = d->alerts;
	size_t n = d->nalerts;
	begin_columns(w, "alerts", n);
	COLUMN(w, "t", n, "%lld", (long long)rel_ms(w, a[i].time_us));
	COLUMN(w, "kind", n, "%d", a[i].kind);
	COLUMN(w, "host", n, "%d", a[i].host);
	COLUMN(w, "proto", n, "%d", a[i].proto);
	COLUMN(w, "port", n, "%d", a[i].port);
	COLUMN(w, "svc", n, "%d", a[i].service);
	COLUMN(w, "ev", n, "%d", a[i].evidence);
	COLUMN(w, "srv", n, "%d", a[i].server);
	putc('}', w->f);
}

static void write_traffic(struct writer *w, const np_report_opts *o)
{
	size_t n;
	int64_t start, step;
	np_report_bucket *b = np_report_traffic_buckets(o->traffic, 150, &start, &step, &n);
	key(w, "traffic");
	if (!b) {
		fputs("null", w->f);
		return;
	}
	fprintf(w->f, "{\"start\":%lld,\"step\":%lld", (long long)rel_ms(w, start), (long long)(step / 1000));
	COLUMN(w, "flows", n, "%llu", (unsigned long long)b[i].flows);
	COLUMN(w, "packets", n, "%llu", (unsigned long long)b[i].packets);
	COLUMN(w, "bytes", n, "%llu", (unsigned long long)b[i].bytes);
	putc('}', w->f);
	free(b);
}

/* A string column: "name":["...",...]. */
#define STR_COLUMN(w, name, n, expr)                      \
	do {                                              \
		key((w), (name));                         \
		putc('[', (w)->f);                        \
		for (size_t i = 0; i < (n); i++) {        \
			if (i)                            \
				putc(',', (w)->f);        \
			np_report_json_str((w)->f, expr); \
		}                                         \
		putc(']', (w)->f);                        \
	} while (0)

/* The anomaly findings: the listed ones column-wise, every check's count;
 * then explain's host steps. */
static void write_findings(struct writer *w, const np_report_opts *o)
{
	const np_report_findings *fs = o->findings;
	const np_report_finding *r = fs->rows;
	size_t n = fs->n;
	begin_columns(w, "anomalies", n);
	fprintf(w->f, ",\"max\":%d", NP_REPORT_MAX_FINDINGS);
	STR_COLUMN(w, "checks", (size_t)NP_CHECK_COUNT, np_anomaly_name((int)i));
	COLUMN(w, "counts", (size_t)NP_CHECK_COUNT, "%llu", (unsigned long long)fs->counts[i]);
	STR_COLUMN(w, "files", (size_t)o->nfiles, o->files[i]);
	COLUMN(w, "file", n, "%d", r[i].file);
	COLUMN(w, "packet", n, "%llu", (unsigned long long)r[i].f.packet);
	/* whole seconds (clamped to what a date can hold) as milliseconds after t0, then microseconds */
	COLUMN(w, "t", n, "%lld",
	       (long long)((r[i].f.ts_sec < -1000000000000LL  ? -1000000000000LL
			    : r[i].f.ts_sec > 1000000000000LL ? 1000000000000LL
							      : r[i].f.ts_sec) *
				   1000 -
			   w->t0_us / 1000));
	COLUMN(w, "us", n, "%u", (unsigned)r[i].f.ts_frac);
	COLUMN(w, "check", n, "%d", (int)r[i].f.check);
	STR_COLUMN(w, "src", n, r[i].f.src);
	STR_COLUMN(w, "dst", n, r[i].f.dst);
	STR_COLUMN(w, "detail", n, r[i].f.detail);
	putc('}', w->f);
	const np_report_host_step *h = fs->hosts;
	n = fs->nhosts;
	begin_columns(w, "hostSteps", n);
	fprintf(w->f, ",\"total\":%llu,\"max\":%d", (unsigned long long)fs->host_steps, NP_REPORT_MAX_HOST_STEPS);
	COLUMN(w, "file", n, "%d", h[i].file);
	STR_COLUMN(w, "host", n, h[i].host);
	STR_COLUMN(w, "step", n, h[i].kind);
	STR_COLUMN(w, "summary", n, h[i].summary);
	putc('}', w->f);
}

static int64_t first_time(const struct report_data *d, const np_report_opts *o)
{
	int64_t t0 = INT64_MAX;
	for (size_t i = 0; i < d->nservers; i++)
		if (d->servers[i].first_us && d->servers[i].first_us < t0)
			t0 = d->servers[i].first_us;
	size_t n;
	int64_t start, step;
	np_report_bucket *b = np_report_traffic_buckets(o->traffic, 150, &start, &step, &n);
	if (b && start < t0)
		t0 = start;
	free(b);
	return t0 == INT64_MAX ? 0 : t0 - t0 % 1000;
}

static void write_data(FILE *f, const struct report_data *d, const np_report_opts *o, bool have_chartjs)
{
	struct writer w = {f, first_time(d, o)};
	char now[40];
	np_time_iso((int64_t)time(NULL) * 1000000, now, sizeof(now));
	fputs("{\"version\":1,\"title\":", f);
	np_report_json_str(f, o->title ? o->title : "netprofile report");
	key(&w, "source");
	np_report_json_str(f, o->source);
	key(&w, "generated");
	np_report_json_str(f, now);
	fprintf(f, ",\"t0\":%lld,\"chartjs\":%s", (long long)(w.t0_us / 1000), have_chartjs ? "true" : "false");
	if (o->traffic && o->packets) /* none from flow records */
		fprintf(f, ",\"packets\":%llu", (unsigned long long)o->packets);
	if (o->traffic)
		fprintf(f, ",\"flows\":%llu", (unsigned long long)np_report_traffic_flows(o->traffic));
	fprintf(f, ",\"maxClients\":%u", o->max_clients);
	write_strtab(&w, "hosts", &d->hosts);
	write_strtab(&w, "strs", &d->strs);
	write_servers(&w, d);
	write_clients(&w, d);
	write_alerts(&w, d);
	write_traffic(&w, o);
	if (o->findings)
		write_findings(&w, o);
	key(&w, "topClients");
	putc('[', f);
	for (size_t i = 0; i < d->ntop; i++)
		fprintf(f, "%s[%d,%lld,%lld]", i ? "," : "", d->top[i].host, (long long)d->top[i].servers,
			(long long)d->top[i].flows);
	fputs("]}", f);
}

/* Chart.js as Debian ships it, or NULL (with a warning) when it is
 * missing or holds what would end its script element early. */
static char *read_chartjs(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr,
			"netprofile: %s: %s; the report's charts are drawn as plain SVG "
			"(apt-get install libjs-chart.js for Chart.js)\n",
			path, strerror(errno));
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 65536 + 1 > cap) {
			char *nb = realloc(buf, cap = cap * 2 + 65536 + 1);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	for (char *p = buf; (p = strchr(p, '<')); p++)
		if (strncasecmp(p, "</script", 8) == 0 || strncmp(p, "<!--", 4) == 0) {
			fprintf(stderr,
				"netprofile: %s: cannot be inlined (it holds \"%.8s\"); charts drawn as plain SVG\n",
				path, p);
			free(buf);
			return NULL;
		}
	if (strlen(buf) != len) {
		fprintf(stderr, "netprofile: %s: not a script (NUL bytes); charts drawn as plain SVG\n", path);
		free(buf);
		return NULL;
	}
	return buf;
}

static const char page_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	/* Nothing can be fetched: no script, style, image, font, frame or
	 * connection from anywhere; only the page's own inline code runs. */
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
	"style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
	"<meta name=\"referrer\" content=\"no-referrer\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>netprofile report</title>\n<style>\n";

static void write_page(FILE *f, const struct report_data *d, const np_report_opts *o, const char *chartjs)
{
	fputs(page_head, f);
	fputs(np_report_page_css, f);
	fputs("</style>\n</head>\n", f);
	fputs(np_report_page_html, f);
	fputs("<script type=\"application/json\" id=\"np-data\">", f);
	write_data(f, d, o, chartjs != NULL);
	fputs("</script>\n", f);
	if (chartjs) {
		fputs("<script>\n", f);
		fputs(chartjs, f);
		fputs("\n</script>\n", f);
	}
	fputs("<script>\n", f);
	fputs(np_report_page_js, f);
	fputs("</script>\n</body>\n</html>\n", f);
}

/* Write to a temporary file beside path, then rename it over path. */
static int write_atomically(const char *path, const struct report_data *d, const np_report_opts *o, const char *chartjs,
			    char *err, size_t errlen)
{
	if (strcmp(path, "-") == 0) {
		write_page(stdout, d, o, chartjs);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			snprintf(err, errlen, "standard output: cannot write the report: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX", dirlen, path, slash ? slash + 1 : path) >= (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot write the report: %s", path, strerror(errno));
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	FILE *f = fdopen(fd, "w");
	int rc = f ? 0 : -1;
	if (f) {
		static char buf[1 << 16];
		setvbuf(f, buf, _IOFBF, sizeof(buf));
		write_page(f, d, o, chartjs);
		rc = fflush(f) != 0 || ferror(f) || fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0 ? -1 : 0;
	}
	int saved = errno;
	if (f ? fclose(f) != 0 : close(fd) != 0) {
		if (rc == 0)
			saved = errno;
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		saved = errno;
		rc = -1;
	}
	if (rc != 0) {
		unlink(tmp);
		snprintf(err, errlen, "%s: cannot write the report: %s", path, strerror(saved));
	}
	return rc;
}

int np_report_write(np_inventory *inv, const np_report_opts *o, const char *path, char *err, size_t errlen)
{
	struct report_data d;
	memset(&d, 0, sizeof(d));
	int rc = read_data(inv, o, &d, err, errlen);
	if (rc == 0) {
		char *chartjs = read_chartjs(o->chartjs ? o->chartjs : NP_REPORT_CHARTJS);
		rc = write_atomically(path, &d, o, chartjs, err, errlen);
		free(chartjs);
	}
	free_data(&d);
	return rc;
}
