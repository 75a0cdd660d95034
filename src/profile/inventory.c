/*
 * inventory.c - the server inventory (see inventory.h): what a batch of
 * servers means (alerts, the learning period, quiet servers), written
 * through the store interface (store/store.h) whichever backend runs, and
 * batches held while the store is away.
 */
#include "inventory.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util/out.h"

/* A batch kept while the store is away: the servers and their clients,
 * copied (the profiler that made them is freed; service names are static
 * strings). */
struct held_batch {
	np_server *servers;
	size_t n, bytes;
	uint64_t flows;
	struct held_batch *next;
};

struct np_inventory {
	np_store *st;
	struct held_batch *held, *held_tail;
	size_t held_bytes;
	np_inventory_outage outage;
	int64_t away_since_us; /* monotonic; 0: the store is there */
	/* What the statistics line reads from another thread, published after
	 * each merge under its own lock (a merge can take seconds). */
	pthread_mutex_t published_mu;
	np_inventory_outage published;
	int64_t published_since_us;
	int64_t next_try_us;
	int64_t backoff_us;
};

const char *np_proto_name(uint8_t proto)
{
	switch (proto) {
	case 1: return "icmp";
	case 6: return "tcp";
	case 17: return "udp";
	case 47: return "gre";
	case 58: return "ipv6-icmp";
	case 132: return "sctp";
	default: return "other";
	}
}

uint8_t np_proto_number(const char *name)
{
	static const uint8_t known[] = {1, 6, 17, 47, 58, 132};
	for (size_t i = 0; name && i < sizeof(known); i++)
		if (strcmp(np_proto_name(known[i]), name) == 0)
			return known[i];
	return 255;
}

/* Decimal digits of v (below 1000) at p; the end. */
static char *put_u8_dec(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* v as `width` digits, zero-padded, at p; the end. */
static char *put_dec_pad(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

void np_server_addr_str(const np_server_key *k, char *buf, size_t len)
{
	if (k->family == 4 && len >= 16) { /* inet_ntop's text, without its sprintf: one per client row */
		char *p = buf;
		for (int i = 0; i < 4; i++) {
			p = put_u8_dec(p, k->addr[i]);
			*p++ = i < 3 ? '.' : '\0';
		}
		return;
	}
	/* inet_ntop's text, without a sprintf per word (util/out.h); the
	 * buffer is room enough, so the np_out never grows. */
	if (k->family != 4 && len >= 64) {
		np_out o = {.buf = buf, .cap = len, .fd = -1};
		out_ipv6(&o, k->addr);
		buf[o.len] = '\0';
		return;
	}
	if (!inet_ntop(k->family == 4 ? AF_INET : AF_INET6, k->addr, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

/* Two digits of v (below 100) at p, from the table of pairs; the end. */
static char *put_2(char *p, unsigned v)
{
	memcpy(p, np_out_pairs + v * 2, 2);
	return p + 2;
}

void np_time_iso(int64_t us, char *buf, size_t len)
{
	if (us >= 0 && us < 253402300800000000LL && len >= 25) {
		/* Years 1970 to 9999: the civil date of the day number (the
		 * proleptic Gregorian calendar, as gmtime), without gmtime_r,
		 * strftime and snprintf: two per client row of a commit, whose
		 * times mostly share a day, so the date's text is kept per
		 * thread and made again when the day changes. */
		static _Thread_local int64_t date_day = -1;
		static _Thread_local char date_text[11];
		int64_t secs = us / 1000000, days = secs / 86400, sod = secs % 86400;
		if (days != date_day) {
			int64_t z = days + 719468;
			int64_t era = z / 146097, doe = z - era * 146097;
			int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
			int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
			unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1),
				 mon = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
			unsigned year = (unsigned)(yoe + era * 400 + (mon <= 2));
			char *p = put_dec_pad(date_text, year, 4);
			*p++ = '-';
			p = put_2(p, mon);
			*p++ = '-';
			p = put_2(p, day);
			*p = 'T';
			date_day = days;
		}
		memcpy(buf, date_text, 11);
		char *p = put_2(buf + 11, (unsigned)(sod / 3600));
		*p++ = ':';
		p = put_2(p, (unsigned)(sod / 60 % 60));
		*p++ = ':';
		p = put_2(p, (unsigned)(sod % 60));
		*p++ = '.';
		p = put_dec_pad(p, (unsigned)(us / 1000 % 1000), 3);
		memcpy(p, "Z", 2);
		return;
	}
	time_t s = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&s, &tm);
	char b[32];
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03dZ", b, (int)((us / 1000) % 1000));
}

void np_json_escape(const char *in, char *out, size_t len)
{
	size_t o = 0;
	for (; in && *in && o + 7 < len; in++) {
		unsigned char c = (unsigned char)*in;
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20) {
			o += (size_t)snprintf(out + o, len - o, "\\u%04x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
}

void np_alert_format(const np_alert *a, bool json, char *buf, size_t len)
{
	char addr[64], t[40];
	np_server_addr_str(a->key, addr, sizeof(addr));
	np_time_iso(a->time_us, t, sizeof(t));
	const char *svc = a->service ? a->service : "";
	const char *ev = a->evidence ? a->evidence : "";
	const char *status = a->status ? a->status : "confirmed";
	if (json) {
		char esvc[128], eev[512];
		np_json_escape(svc, esvc, sizeof(esvc));
		np_json_escape(ev, eev, sizeof(eev));
		snprintf(buf, len,
			 "{\"alert\":\"%s\",\"time\":\"%s\",\"address\":\"%s\",\"protocol\":\"%s\",\"port\":%u,"
			 "\"service\":\"%s\",\"clients\":%u,\"confidence\":%.3f,\"evidence\":\"%s\",\"status\":\"%s\"}",
			 a->kind, t, addr, np_proto_name(a->key->proto), a->key->port, esvc, a->clients, a->confidence,
			 eev, status);
	} else {
		snprintf(buf, len, "ALERT %s %s %s %s/%u%s%s: clients %u, confidence %.2f, %s, evidence %s", t, a->kind,
			 addr, np_proto_name(a->key->proto), a->key->port, *svc ? " " : "", svc, a->clients,
			 a->confidence, status, ev);
	}
}

/* ---- opening ------------------------------------------------------------------------------ */

static np_inventory *wrap(np_store *st)
{
	if (!st)
		return NULL;
	np_inventory *inv = calloc(1, sizeof(*inv));
	if (!inv) {
		np_store_close(st);
		return NULL;
	}
	inv->st = st;
	pthread_mutex_init(&inv->published_mu, NULL);
	return inv;
}

np_inventory *np_inventory_open(const char *where, const char *sensor, char *err, size_t errlen)
{
	char host[64] = "";
	if (!sensor || !*sensor) {
		if (gethostname(host, sizeof(host) - 1) != 0 || !*host)
			snprintf(host, sizeof(host), "localhost");
		sensor = host;
	}
	return wrap(np_store_open(where, sensor, NP_STORE_CREATE, err, errlen));
}

np_inventory *np_inventory_open_existing(const char *where, char *err, size_t errlen)
{
	return wrap(np_store_open(where, NULL, NP_STORE_READ, err, errlen));
}

static void free_batch(struct held_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->servers[i].clients);
	free(b->servers);
	free(b);
}

void np_inventory_close(np_inventory *inv)
{
	if (!inv)
		return;
	while (inv->held) {
		struct held_batch *b = inv->held;
		inv->held = b->next;
		free_batch(b);
	}
	np_store_close(inv->st);
	pthread_mutex_destroy(&inv->published_mu);
	free(inv);
}

const char *np_inventory_name(np_inventory *inv)
{
	return inv->st->name;
}

const char *np_inventory_errmsg(np_inventory *inv)
{
	return inv->st->ops->errmsg(inv->st);
}

/* ---- merging ------------------------------------------------------------------------------ */

/* An alert is handed to the caller only once its transaction has
 * committed: whatever was printed is in the database, even if the process
 * is killed right after, and a transaction that fails (disk full, the
 * server gone) or is rolled back tells nothing. A kill between COMMIT and
 * the telling loses the printed line, never the stored row (table alerts). */
struct queued_alert {
	const char *kind;
	np_server_key key;
	bool has_service;
	char service[64], evidence[192];
	int64_t when;
	uint32_t clients;
	double confidence;
	bool confirmed;
};

struct merge_ctx {
	np_store *st;
	const np_inventory_opts *o;
	np_alert_fn fn;
	void *fnctx;
	int64_t now_us; /* the newest traffic the inventory has seen, for quiet servers */
	struct queued_alert *queued;
	size_t nqueued, capqueued;
};

static int emit_alert(struct merge_ctx *m, const char *kind, const np_server *s, int64_t when)
{
	char addr[64], t[40];
	np_server_addr_str(&s->key, addr, sizeof(addr));
	np_time_iso(when, t, sizeof(t));
	np_store_alert row = {t,          kind,        addr,          np_proto_name(s->key.proto),
			      s->service, s->evidence, m->st->sensor, s->key.port};
	if (m->st->ops->add_alert(m->st, &row) != 0)
		return -1;
	if (!m->fn)
		return 0;
	if (m->nqueued == m->capqueued) {
		size_t ncap = m->capqueued ? m->capqueued * 2 : 64;
		struct queued_alert *q = realloc(m->queued, ncap * sizeof(*q));
		if (!q)
			return -1;
		m->queued = q;
		m->capqueued = ncap;
	}
	struct queued_alert *q = &m->queued[m->nqueued++];
	q->kind = kind;
	q->key = s->key;
	q->has_service = s->service != NULL;
	snprintf(q->service, sizeof(q->service), "%s", s->service ? s->service : "");
	snprintf(q->evidence, sizeof(q->evidence), "%s", s->evidence);
	q->when = when;
	q->clients = s->nclients;
	q->confidence = s->confidence;
	q->confirmed = s->confirmed;
	return 0;
}

static void tell_alerts(struct merge_ctx *m)
{
	for (size_t i = 0; i < m->nqueued; i++) {
		const struct queued_alert *q = &m->queued[i];
		np_alert a = {
			q->kind,    &q->key,       q->has_service ? q->service : NULL,        q->evidence, q->when,
			q->clients, q->confidence, q->confirmed ? "confirmed" : "unconfirmed"};
		m->fn(m->fnctx, &a);
	}
}

/* A server not seen for the quiet period, marked by the store: told once. */
static int quiet_one(void *ctx, const np_server *row)
{
	struct merge_ctx *m = ctx;
	np_server s = *row;
	char svc[64];
	snprintf(svc, sizeof(svc), "%s", row->service ? row->service : "");
	s.service = row->service ? svc : NULL;
	snprintf(s.evidence, sizeof(s.evidence), "last seen %lld s before the newest traffic",
		 (long long)((m->now_us - row->last_us) / 1000000));
	return emit_alert(m, "gone-quiet", &s, m->now_us);
}

static int server_ptr_cmp(const void *x, const void *y)
{
	return np_server_key_cmp(&(*(const np_server *const *)x)->key, &(*(const np_server *const *)y)->key);
}

/* One server: the row's creator (this transaction, no other) raises the
 * alert, unless the server belongs to the learning period's baseline.
 * Whether its address served before is asked only then: once a busy
 * inventory knows its servers, a commit asks it of none. */
static int merge_one(struct merge_ctx *m, const np_server *s, int64_t epoch_us)
{
	bool known = false, created = false;
	if (s->unchanged)
		return 0;
	if (m->st->ops->upsert_server(m->st, s, &created) != 0)
		return -1;
	if (!created || s->first_us < epoch_us + m->o->learn_us)
		return 0;
	if (m->st->ops->address_known(m->st, &s->key, &known) != 0)
		return -1;
	return emit_alert(m, known ? "new-service" : "new-server", s, s->first_us);
}

/* Rows are taken in one fixed order (family, address, protocol, port), the
 * same in every sensor, so two transactions never wait on each other in a
 * circle. */
static int merge_rows(struct merge_ctx *m, const np_server *servers, size_t n)
{
	int64_t newest = INT64_MIN, oldest = INT64_MAX, epoch;
	typedef const np_server *server_ref;
	server_ref *order = malloc(n * sizeof(server_ref));
	if (!order)
		return -1;
	for (size_t i = 0; i < n; i++) {
		order[i] = &servers[i];
		if (servers[i].last_us > newest)
			newest = servers[i].last_us;
		if (servers[i].first_us < oldest)
			oldest = servers[i].first_us;
	}
	qsort(order, n, sizeof(server_ref), server_ptr_cmp);
	int rc = m->st->ops->meta_lower(m->st, "epoch_us", oldest, &epoch);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = merge_one(m, order[i], epoch);
	free(order);
	if (rc == 0)
		rc = m->st->ops->meta_raise(m->st, "newest_us", newest, &m->now_us);
	if (rc == 0 && m->o->quiet_after_us)
		rc = m->st->ops->take_quiet(m->st, m->now_us - m->o->quiet_after_us, quiet_one, m);
	return rc;
}

/* One batch, one transaction. */
static int merge_batch(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
		       np_alert_fn fn, void *ctx, char *err, size_t errlen)
{
	if (n == 0)
		return 0;
	np_store *st = inv->st;
	struct merge_ctx m = {st, o, fn, ctx, 0, NULL, 0, 0};
	int rc = st->ops->begin(st);
	if (rc == 0) {
		rc = merge_rows(&m, servers, n);
		if (rc != 0)
			snprintf(err, errlen, "%s", st->ops->errmsg(st));
		if (rc != 0)
			st->ops->rollback(st);
		else if ((rc = st->ops->commit(st)) != 0)
			snprintf(err, errlen, "%s", st->ops->errmsg(st));
	} else {
		snprintf(err, errlen, "%s", st->ops->errmsg(st));
	}
	if (rc == 0)
		tell_alerts(&m);
	free(m.queued);
	return rc;
}

/* ---- holding batches while the store is away ---------------------------------------------- */

static int64_t monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void drop_oldest(np_inventory *inv)
{
	struct held_batch *b = inv->held;
	inv->held = b->next;
	if (!inv->held)
		inv->held_tail = NULL;
	inv->held_bytes -= b->bytes;
	inv->outage.held--;
	inv->outage.dropped++;
	inv->outage.dropped_flows += b->flows;
	free_batch(b);
}

/* Keep a copy of the batch; past the bound the oldest go first (the newest
 * traffic says most about what serves now). */
static void hold(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o)
{
	size_t bytes = sizeof(struct held_batch) + n * sizeof(np_server);
	uint64_t flows = 0;
	for (size_t i = 0; i < n; i++) {
		bytes += servers[i].nclients * sizeof(np_client_stat);
		flows += servers[i].flows;
	}
	struct held_batch *b = bytes <= o->hold_bytes ? calloc(1, sizeof(*b)) : NULL;
	if (b && !(b->servers = calloc(n ? n : 1, sizeof(np_server)))) {
		free(b);
		b = NULL;
	}
	for (size_t i = 0; b && i < n; i++) {
		b->servers[i] = servers[i];
		b->servers[i].clients = NULL;
		b->n = i + 1;
		if (servers[i].nclients &&
		    !(b->servers[i].clients = malloc(servers[i].nclients * sizeof(np_client_stat)))) {
			free_batch(b);
			b = NULL;
			break;
		}
		if (servers[i].nclients)
			memcpy(b->servers[i].clients, servers[i].clients, servers[i].nclients * sizeof(np_client_stat));
	}
	if (!b) {
		inv->outage.dropped++;
		inv->outage.dropped_flows += flows;
		return;
	}
	b->bytes = bytes;
	b->flows = flows;
	while (inv->held && inv->held_bytes + bytes > o->hold_bytes)
		drop_oldest(inv);
	if (inv->held_tail)
		inv->held_tail->next = b;
	else
		inv->held = b;
	inv->held_tail = b;
	inv->held_bytes += bytes;
	inv->outage.held++;
}

static void went_away(np_inventory *inv, int64_t now)
{
	if (!inv->away_since_us) {
		inv->away_since_us = now;
		inv->outage.outages++;
		inv->backoff_us = 1000000;
	} else if (inv->backoff_us < 60 * 1000000LL) {
		inv->backoff_us *= 2;
	}
	inv->next_try_us = now + inv->backoff_us;
}

/* The store is back (or never left) and what was held is committed:
 * 0; -1 when it went away again, or failed for another reason (err). */
static int commit_held(np_inventory *inv, const np_inventory_opts *o, np_alert_fn fn, void *ctx, char *err,
		       size_t errlen)
{
	while (inv->held) {
		struct held_batch *b = inv->held;
		if (merge_batch(inv, b->servers, b->n, o, fn, ctx, err, errlen) != 0)
			return -1;
		inv->held = b->next;
		if (!inv->held)
			inv->held_tail = NULL;
		inv->held_bytes -= b->bytes;
		inv->outage.held--;
		free_batch(b);
	}
	return 0;
}

/* Try the store again when its backoff has passed (or `force`): 0 when it
 * is there and what was held is in. 1: still away. -1: an error that is
 * not the store going away. */
static int try_back(np_inventory *inv, const np_inventory_opts *o, np_alert_fn fn, void *ctx, bool force, char *err,
		    size_t errlen)
{
	int64_t now = monotonic_us();
	if (inv->away_since_us) {
		if (!force && now < inv->next_try_us)
			return 1;
		if (inv->st->ops->reconnect(inv->st, err, errlen) != 0) {
			went_away(inv, now);
			return 1;
		}
		inv->outage.away_us += now - inv->away_since_us;
		inv->away_since_us = 0;
		fprintf(stderr, "netprofile: %s: the store is back after %.1f s; committing %llu held batches\n",
			inv->st->name, (double)inv->outage.away_us / 1e6, (unsigned long long)inv->outage.held);
	}
	if (commit_held(inv, o, fn, ctx, err, errlen) == 0)
		return 0;
	if (!inv->st->ops->lost(inv->st))
		return -1;
	went_away(inv, monotonic_us());
	return 1;
}

static void publish(np_inventory *inv)
{
	pthread_mutex_lock(&inv->published_mu);
	inv->published = inv->outage;
	inv->published_since_us = inv->away_since_us;
	pthread_mutex_unlock(&inv->published_mu);
}

static int merge_holding(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
			 np_alert_fn fn, void *ctx, char *err, size_t errlen)
{
	int back = try_back(inv, o, fn, ctx, false, err, errlen);
	if (back < 0)
		return -1;
	if (back == 0) {
		if (merge_batch(inv, servers, n, o, fn, ctx, err, errlen) == 0)
			return 0;
		if (!inv->st->ops->lost(inv->st))
			return -1;
		fprintf(stderr, "netprofile: %s: the store went away (%s); holding batches, retrying\n", inv->st->name,
			err);
		went_away(inv, monotonic_us());
	}
	if (n)
		hold(inv, servers, n, o);
	return 0;
}

int np_inventory_merge(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
		       np_alert_fn fn, void *ctx, char *err, size_t errlen)
{
	if (!o->hold_bytes)
		return merge_batch(inv, servers, n, o, fn, ctx, err, errlen);
	int rc = merge_holding(inv, servers, n, o, fn, ctx, err, errlen);
	publish(inv);
	return rc;
}

int np_inventory_flush_held(np_inventory *inv, const np_inventory_opts *o, np_alert_fn fn, void *ctx, unsigned wait_ms,
			    char *err, size_t errlen)
{
	int64_t until = monotonic_us() + (int64_t)wait_ms * 1000;
	for (;;) {
		int back = try_back(inv, o, fn, ctx, true, err, errlen);
		publish(inv);
		if (back <= 0)
			return back;
		if (monotonic_us() >= until)
			break;
		usleep(500 * 1000);
	}
	uint64_t flows = 0;
	for (const struct held_batch *b = inv->held; b; b = b->next)
		flows += b->flows;
	snprintf(err, errlen, "still away after %u s: %llu held batches (%llu flows) not committed", wait_ms / 1000,
		 (unsigned long long)inv->outage.held, (unsigned long long)flows);
	return -1;
}

void np_inventory_outage_stats(np_inventory *inv, np_inventory_outage *out)
{
	pthread_mutex_lock(&inv->published_mu);
	*out = inv->published;
	out->away = inv->published_since_us != 0;
	if (out->away)
		out->away_us += monotonic_us() - inv->published_since_us;
	pthread_mutex_unlock(&inv->published_mu);
}

/* ---- reading ------------------------------------------------------------------------------ */

int np_inventory_each(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_row *r), void *ctx)
{
	return inv->st->ops->each_server(inv->st, fn, ctx);
}

int np_inventory_merge_devices(np_inventory *inv, const np_device *d, size_t n, char *err, size_t errlen)
{
	np_store *st = inv->st;
	int rc = st->ops->begin(st);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = st->ops->upsert_device(st, &d[i]);
	if (rc == 0 && st->ops->commit(st) == 0)
		return 0;
	snprintf(err, errlen, "%s", st->ops->errmsg(st));
	st->ops->rollback(st);
	return -1;
}

int np_inventory_each_device(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_device *d), void *ctx)
{
	return inv->st->ops->each_device(inv->st, fn, ctx);
}

int np_inventory_each_client(np_inventory *inv, unsigned max_per_server,
			     void (*fn)(void *ctx, const np_inventory_client *c), void *ctx)
{
	return inv->st->ops->each_client(inv->st, max_per_server, fn, ctx);
}

int np_inventory_each_alert(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_alert_row *a), void *ctx)
{
	return inv->st->ops->each_alert(inv->st, fn, ctx);
}

int np_inventory_top_clients(np_inventory *inv, unsigned n,
			     void (*fn)(void *ctx, const char *client, int64_t servers, int64_t flows), void *ctx)
{
	return inv->st->ops->top_clients(inv->st, n, fn, ctx);
}
