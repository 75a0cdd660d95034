/*
 * inventory.c - the SQLite server inventory (see inventory.h).
 */
#include "inventory.h"

#include <arpa/inet.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct np_inventory {
	sqlite3 *db;
};

static const char schema[] =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"CREATE TABLE IF NOT EXISTS servers ("
	"  address TEXT NOT NULL, protocol TEXT NOT NULL, port INTEGER NOT NULL, service TEXT,"
	"  first_seen TEXT, last_seen TEXT, flows INTEGER, packets INTEGER, bytes INTEGER,"
	"  clients INTEGER, confidence REAL, evidence TEXT, ties TEXT,"
	"  family INTEGER, addr_bin BLOB, first_us INTEGER, last_us INTEGER, quiet_reported INTEGER DEFAULT 0,"
	"  status TEXT NOT NULL DEFAULT 'confirmed',"
	"  PRIMARY KEY (address, protocol, port));"
	"CREATE TABLE IF NOT EXISTS clients ("
	"  address TEXT NOT NULL, protocol TEXT NOT NULL, port INTEGER NOT NULL, client TEXT NOT NULL,"
	"  first_seen TEXT, last_seen TEXT, flows INTEGER,"
	"  PRIMARY KEY (address, protocol, port, client));"
	"CREATE TABLE IF NOT EXISTS alerts ("
	"  time TEXT, kind TEXT, address TEXT, protocol TEXT, port INTEGER, service TEXT, evidence TEXT);"
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);";

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

/* The inverse of np_proto_name, for rows read back. */
static uint8_t proto_number(const char *name)
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
	if (!inet_ntop(k->family == 4 ? AF_INET : AF_INET6, k->addr, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

void np_time_iso(int64_t us, char *buf, size_t len)
{
	if (us >= 0 && us < 253402300800000000LL && len >= 25) {
		/* Years 1970 to 9999: the civil date of the day number (the
		 * proleptic Gregorian calendar, as gmtime), without gmtime_r,
		 * strftime and snprintf: two per client row of a commit. */
		int64_t secs = us / 1000000, z = secs / 86400 + 719468, sod = secs % 86400;
		int64_t era = z / 146097, doe = z - era * 146097;
		int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
		unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1), mon = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
		unsigned year = (unsigned)(yoe + era * 400 + (mon <= 2));
		char *p = put_dec_pad(buf, year, 4);
		*p++ = '-';
		p = put_dec_pad(p, mon, 2);
		*p++ = '-';
		p = put_dec_pad(p, day, 2);
		*p++ = 'T';
		p = put_dec_pad(p, (unsigned)(sod / 3600), 2);
		*p++ = ':';
		p = put_dec_pad(p, (unsigned)(sod / 60 % 60), 2);
		*p++ = ':';
		p = put_dec_pad(p, (unsigned)(sod % 60), 2);
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

/* The schema version: 0 in a new file or one written before versions were
 * kept (the same tables), NP_INVENTORY_SCHEMA once written by this build;
 * a larger number is a newer netprofile's, which this one must not touch. */
static int check_schema_version(sqlite3 *db, const char *path, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (version < 0) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	if (version > NP_INVENTORY_SCHEMA) {
		snprintf(err, errlen,
			 "%s: written by a newer netprofile (inventory schema %d, this one knows up to %d)", path,
			 version, NP_INVENTORY_SCHEMA);
		return -1;
	}
	return 0;
}

static bool has_table(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Columns added by later versions (servers.status) are read only where
 * the file has them. */
static bool has_column(sqlite3 *db, const char *table, const char *column)
{
	char sql[96];
	sqlite3_stmt *st;
	snprintf(sql, sizeof(sql), "PRAGMA table_info(%s)", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	bool found = false;
	while (!found && sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_text(st, 1) && strcmp((const char *)sqlite3_column_text(st, 1), column) == 0;
	sqlite3_finalize(st);
	return found;
}

/* An inventory written before servers had a status: every row it holds
 * was answered (the rule then), so the column comes in as 'confirmed'. */
static int migrate(sqlite3 *db, char **msg)
{
	if (has_column(db, "servers", "status"))
		return 0;
	return sqlite3_exec(db, "ALTER TABLE servers ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed'", NULL, NULL,
			    msg) == SQLITE_OK
		       ? 0
		       : -1;
}

/* The file opened with flags, its schema version checked. */
static np_inventory *open_db(const char *path, int flags, char *err, size_t errlen)
{
	np_inventory *inv = calloc(1, sizeof(*inv));
	if (!inv) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* No memory statistics (a lock on every allocation), and no lock on
	 * the connection: one thread at a time uses it (watch: the commit
	 * thread). Both are speed only. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &inv->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, inv->db ? sqlite3_errmsg(inv->db) : "cannot open");
		np_inventory_close(inv);
		return NULL;
	}
	sqlite3_busy_timeout(inv->db, 5000);
	if (check_schema_version(inv->db, path, err, errlen) != 0) {
		np_inventory_close(inv);
		return NULL;
	}
	return inv;
}

np_inventory *np_inventory_open_existing(const char *path, char *err, size_t errlen)
{
	np_inventory *inv = open_db(path, SQLITE_OPEN_READONLY, err, errlen);
	if (!inv)
		return NULL;
	static const char *const tables[] = {"servers", "clients", "alerts"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (!has_table(inv->db, tables[i])) {
			snprintf(err, errlen, "%s: not a netprofile inventory (no %s table)", path, tables[i]);
			np_inventory_close(inv);
			return NULL;
		}
	return inv;
}

const char *np_inventory_errmsg(np_inventory *inv)
{
	return sqlite3_errmsg(inv->db);
}

np_inventory *np_inventory_open(const char *path, char *err, size_t errlen)
{
	np_inventory *inv = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err, errlen);
	if (!inv)
		return NULL;
	char *msg = NULL;
	if (sqlite3_exec(inv->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, msg ? msg : "cannot create tables");
		sqlite3_free(msg);
		np_inventory_close(inv);
		return NULL;
	}
	if (migrate(inv->db, &msg) != 0) {
		snprintf(err, errlen, "%s: cannot add the status column: %s", path,
			 msg ? msg : sqlite3_errmsg(inv->db));
		sqlite3_free(msg);
		np_inventory_close(inv);
		return NULL;
	}
	char version[40];
	snprintf(version, sizeof(version), "PRAGMA user_version=%d", NP_INVENTORY_SCHEMA);
	sqlite3_exec(inv->db, version, NULL, NULL, NULL);
	return inv;
}

void np_inventory_close(np_inventory *inv)
{
	if (!inv)
		return;
	sqlite3_close(inv->db);
	free(inv);
}

/* ---- merging ------------------------------------------------------------------ */

struct merge_ctx {
	sqlite3 *db;
	sqlite3_stmt *get, *known_addr, *upsert, *client_new, *client_old, *nclients, *alert;
	const np_inventory_opts *o;
	np_alert_fn fn;
	void *fnctx;
	int64_t epoch_us;
	struct queued_alert *queued; /* raised by this transaction, told after it commits */
	size_t nqueued, capqueued;
};

/* An alert is handed to the caller only once its transaction has
 * committed: whatever was printed is in the database, even if the process
 * is killed right after, and a transaction that fails (disk full) or is
 * rolled back tells nothing. A kill between COMMIT and the telling loses
 * the printed line, never the stored row (table alerts). */
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

static int64_t meta_get(sqlite3 *db, const char *key, int64_t dflt)
{
	sqlite3_stmt *st;
	int64_t v = dflt;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key=?", -1, &st, NULL) != SQLITE_OK)
		return dflt;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int meta_set(sqlite3 *db, const char *key, int64_t v)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		    db, "INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
		    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

static int emit_alert(struct merge_ctx *m, const char *kind, const np_server *s, int64_t when)
{
	char addr[64], t[40];
	np_server_addr_str(&s->key, addr, sizeof(addr));
	np_time_iso(when, t, sizeof(t));
	sqlite3_stmt *st = m->alert;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, addr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, np_proto_name(s->key.proto), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, s->key.port);
	sqlite3_bind_text(st, 6, s->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, s->evidence, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
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

static void bind_key(sqlite3_stmt *st, const np_server *s, char *addr, size_t len)
{
	np_server_addr_str(&s->key, addr, len);
	sqlite3_bind_text(st, 1, addr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, np_proto_name(s->key.proto), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, s->key.port);
}

static bool row_exists(struct merge_ctx *m, const np_server *s)
{
	char addr[64];
	sqlite3_reset(m->get);
	bind_key(m->get, s, addr, sizeof(addr));
	return sqlite3_step(m->get) == SQLITE_ROW;
}

static bool address_known(struct merge_ctx *m, const np_server *s)
{
	char addr[64];
	np_server_addr_str(&s->key, addr, sizeof(addr));
	sqlite3_reset(m->known_addr);
	sqlite3_bind_text(m->known_addr, 1, addr, -1, SQLITE_TRANSIENT);
	return sqlite3_step(m->known_addr) == SQLITE_ROW;
}

static int upsert_server(struct merge_ctx *m, const np_server *s)
{
	char addr[64], first[40], last[40];
	sqlite3_stmt *st = m->upsert;
	sqlite3_reset(st);
	bind_key(st, s, addr, sizeof(addr));
	np_time_iso(s->first_us, first, sizeof(first));
	np_time_iso(s->last_us, last, sizeof(last));
	sqlite3_bind_text(st, 4, s->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, last, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)s->flows);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)s->packets);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)s->bytes);
	sqlite3_bind_double(st, 10, s->confidence);
	sqlite3_bind_text(st, 11, s->evidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, s->ties, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, s->key.family);
	sqlite3_bind_blob(st, 14, s->key.addr, s->key.family == 4 ? 4 : 16, SQLITE_STATIC);
	sqlite3_bind_int64(st, 15, s->first_us);
	sqlite3_bind_int64(st, 16, s->last_us);
	sqlite3_bind_text(st, 17, s->confirmed ? "confirmed" : "unconfirmed", -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

/* A server's clients: new ones are inserted and added to servers.clients,
 * known ones updated. Counting as they come keeps a commit's cost to its
 * own clients, not to every client ever stored (a flood stores millions). */
static int upsert_clients(struct merge_ctx *m, const np_server *s)
{
	char addr[64], cl[64], first[40], last[40];
	int64_t added = 0;
	sqlite3_reset(m->client_new);
	sqlite3_reset(m->client_old);
	bind_key(m->client_new, s, addr, sizeof(addr));
	bind_key(m->client_old, s, addr, sizeof(addr));
	for (uint32_t i = 0; i < s->nclients; i++) {
		const np_client_stat *c = &s->clients[i];
		np_server_key ck = {{0}, c->family, 0, 0};
		memcpy(ck.addr, c->addr, 16);
		np_server_addr_str(&ck, cl, sizeof(cl));
		np_time_iso(c->first_us, first, sizeof(first));
		np_time_iso(c->last_us, last, sizeof(last));
		for (int pass = c->stored ? 1 : 0; pass < 2; pass++) {
			sqlite3_stmt *st = pass == 0 ? m->client_new : m->client_old;
			sqlite3_reset(st); /* bindings stay: the server's key is bound above */
			sqlite3_bind_text(st, 4, cl, -1, SQLITE_STATIC); /* alive until the step */
			sqlite3_bind_text(st, 5, first, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 6, last, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 7, c->flows);
			if (sqlite3_step(st) != SQLITE_DONE)
				return -1;
			if (pass == 0 && sqlite3_changes(m->db) == 1) {
				added++;
				break;
			}
		}
	}
	if (!added)
		return 0; /* clients + 0: nothing to write */
	sqlite3_stmt *st = m->nclients;
	sqlite3_reset(st);
	bind_key(st, s, addr, sizeof(addr));
	sqlite3_bind_int64(st, 4, added);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int merge_one(struct merge_ctx *m, const np_server *s)
{
	if (!row_exists(m, s) && s->first_us >= m->epoch_us + m->o->learn_us)
		if (emit_alert(m, address_known(m, s) ? "new-service" : "new-server", s, s->first_us) != 0)
			return -1;
	if (upsert_server(m, s) != 0 || upsert_clients(m, s) != 0)
		return -1;
	return 0;
}

/* Servers not seen for the quiet period, reported once. */
static int report_quiet(struct merge_ctx *m, int64_t now_us)
{
	if (!m->o->quiet_after_us)
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		    m->db,
		    "SELECT family, addr_bin, protocol, port, service, evidence, last_us, clients, confidence, status "
		    "FROM servers WHERE last_us < ? AND quiet_reported = 0",
		    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, now_us - m->o->quiet_after_us);
	while (sqlite3_step(st) == SQLITE_ROW) {
		np_server s;
		memset(&s, 0, sizeof(s));
		s.key.family = (uint8_t)sqlite3_column_int(st, 0);
		int blen = sqlite3_column_bytes(st, 1);
		memcpy(s.key.addr, sqlite3_column_blob(st, 1), blen > 16 ? 16 : (size_t)blen);
		const char *proto = (const char *)sqlite3_column_text(st, 2);
		s.key.proto = proto_number(proto);
		s.key.port = (uint16_t)sqlite3_column_int(st, 3);
		const char *svc = (const char *)sqlite3_column_text(st, 4);
		char svcbuf[64] = "";
		snprintf(svcbuf, sizeof(svcbuf), "%s", svc ? svc : "");
		s.service = svc ? svcbuf : NULL;
		snprintf(s.evidence, sizeof(s.evidence), "last seen %lld s before the newest traffic",
			 (long long)((now_us - sqlite3_column_int64(st, 6)) / 1000000));
		s.nclients = (uint32_t)sqlite3_column_int(st, 7);
		s.confidence = sqlite3_column_double(st, 8);
		const char *status = (const char *)sqlite3_column_text(st, 9);
		s.confirmed = !status || strcmp(status, "unconfirmed") != 0;
		if (emit_alert(m, "gone-quiet", &s, now_us) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	char *msg = NULL;
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE servers SET quiet_reported=1 WHERE last_us < %lld",
		 (long long)(now_us - m->o->quiet_after_us));
	int rc = sqlite3_exec(m->db, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? 0 : -1;
}

static int prepare_all(struct merge_ctx *m)
{
	static const char upsert_sql[] =
		"INSERT INTO servers (address, protocol, port, service, first_seen, last_seen, flows, packets, bytes,"
		" clients, confidence, evidence, ties, family, addr_bin, first_us, last_us, quiet_reported, status)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,0,?10,?11,?12,?13,?14,?15,?16,0,?17)"
		" ON CONFLICT(address, protocol, port) DO UPDATE SET"
		"  service = COALESCE(servers.service, excluded.service),"
		"  first_seen = CASE WHEN excluded.first_us < servers.first_us THEN excluded.first_seen ELSE servers.first_seen END,"
		"  first_us = MIN(servers.first_us, excluded.first_us),"
		"  last_seen = CASE WHEN excluded.last_us > servers.last_us THEN excluded.last_seen ELSE servers.last_seen END,"
		"  last_us = MAX(servers.last_us, excluded.last_us),"
		"  flows = servers.flows + excluded.flows, packets = servers.packets + excluded.packets,"
		"  bytes = servers.bytes + excluded.bytes,"
		"  evidence = CASE WHEN excluded.confidence > servers.confidence THEN excluded.evidence ELSE servers.evidence END,"
		"  confidence = MAX(servers.confidence, excluded.confidence),"
		"  ties = CASE WHEN servers.ties IS NULL OR servers.ties = '' THEN excluded.ties"
		"              WHEN excluded.ties = '' OR instr(servers.ties, excluded.ties) > 0 THEN servers.ties"
		"              ELSE servers.ties || ',' || excluded.ties END,"
		"  quiet_reported = CASE WHEN excluded.last_us > servers.last_us THEN 0 ELSE servers.quiet_reported END,"
		"  status = CASE WHEN 'confirmed' IN (servers.status, excluded.status) THEN 'confirmed' ELSE servers.status END";
	static const char client_new_sql[] =
		"INSERT OR IGNORE INTO clients (address, protocol, port, client, first_seen, last_seen, flows)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7)";
	static const char client_old_sql[] =
		"UPDATE clients SET first_seen = MIN(first_seen, ?5), last_seen = MAX(last_seen, ?6), flows = flows + ?7"
		" WHERE address=?1 AND protocol=?2 AND port=?3 AND client=?4";
	return sqlite3_prepare_v2(m->db, "SELECT 1 FROM servers WHERE address=? AND protocol=? AND port=?", -1, &m->get,
				  NULL) ||
	       sqlite3_prepare_v2(m->db, "SELECT 1 FROM servers WHERE address=? LIMIT 1", -1, &m->known_addr, NULL) ||
	       sqlite3_prepare_v2(m->db, upsert_sql, -1, &m->upsert, NULL) ||
	       sqlite3_prepare_v2(m->db, client_new_sql, -1, &m->client_new, NULL) ||
	       sqlite3_prepare_v2(m->db, client_old_sql, -1, &m->client_old, NULL) ||
	       sqlite3_prepare_v2(
		       m->db, "UPDATE servers SET clients = clients + ?4 WHERE address=?1 AND protocol=?2 AND port=?3",
		       -1, &m->nclients, NULL) ||
	       sqlite3_prepare_v2(m->db, "INSERT INTO alerts VALUES (?,?,?,?,?,?,?)", -1, &m->alert, NULL);
}

static void finalize_all(struct merge_ctx *m)
{
	sqlite3_finalize(m->get);
	sqlite3_finalize(m->known_addr);
	sqlite3_finalize(m->upsert);
	sqlite3_finalize(m->client_new);
	sqlite3_finalize(m->client_old);
	sqlite3_finalize(m->nclients);
	sqlite3_finalize(m->alert);
}

int np_inventory_merge(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
		       np_alert_fn fn, void *ctx, char *err, size_t errlen)
{
	struct merge_ctx m;
	memset(&m, 0, sizeof(m));
	m.db = inv->db;
	m.o = o;
	m.fn = fn;
	m.fnctx = ctx;
	int64_t newest = INT64_MIN, oldest = INT64_MAX;
	for (size_t i = 0; i < n; i++) {
		if (servers[i].last_us > newest)
			newest = servers[i].last_us;
		if (servers[i].first_us < oldest)
			oldest = servers[i].first_us;
	}
	int rc = sqlite3_exec(inv->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (rc == 0)
		rc = prepare_all(&m) ? -1 : 0;
	if (rc == 0) {
		m.epoch_us = meta_get(inv->db, "epoch_us", oldest);
		if (oldest < m.epoch_us)
			m.epoch_us = oldest;
		if (n)
			rc = meta_set(inv->db, "epoch_us", m.epoch_us);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = merge_one(&m, &servers[i]);
	if (rc == 0 && n) {
		int64_t newest_db = meta_get(inv->db, "newest_us", newest);
		if (newest > newest_db)
			newest_db = newest;
		rc = meta_set(inv->db, "newest_us", newest_db);
		if (rc == 0)
			rc = report_quiet(&m, newest_db);
	}
	if (rc != 0)
		snprintf(err, errlen, "%s", sqlite3_errmsg(inv->db));
	finalize_all(&m);
	if (sqlite3_exec(inv->db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK && rc == 0) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(inv->db));
		rc = -1;
		/* A failed COMMIT may leave the transaction open: end it. */
		if (!sqlite3_get_autocommit(inv->db))
			sqlite3_exec(inv->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (rc == 0)
		tell_alerts(&m);
	free(m.queued);
	return rc;
}

int np_inventory_each(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_row *r), void *ctx)
{
	char sql[320];
	snprintf(sql, sizeof(sql),
		 "SELECT address, protocol, port, service, first_seen, last_seen, flows, packets, bytes,"
		 " clients, confidence, evidence, ties, first_us, last_us, %s FROM servers"
		 " ORDER BY family, addr_bin, protocol, port",
		 has_column(inv->db, "servers", "status") ? "status" : "NULL");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(inv->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		np_inventory_row r;
#define COL_TEXT(i) ((const char *)sqlite3_column_text(st, (i)))
		r.address = COL_TEXT(0);
		r.protocol = COL_TEXT(1);
		r.port = sqlite3_column_int(st, 2);
		r.service = COL_TEXT(3);
		r.first_seen = COL_TEXT(4);
		r.last_seen = COL_TEXT(5);
		r.flows = sqlite3_column_int64(st, 6);
		r.packets = sqlite3_column_int64(st, 7);
		r.bytes = sqlite3_column_int64(st, 8);
		r.clients = sqlite3_column_int64(st, 9);
		r.confidence = sqlite3_column_double(st, 10);
		r.evidence = COL_TEXT(11);
		r.ties = COL_TEXT(12);
		r.first_us = sqlite3_column_int64(st, 13);
		r.last_us = sqlite3_column_int64(st, 14);
		r.status = COL_TEXT(15);
#undef COL_TEXT
		fn(ctx, &r);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int np_inventory_each_client(np_inventory *inv, unsigned max_per_server,
			     void (*fn)(void *ctx, const np_inventory_client *c), void *ctx)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(inv->db,
			       "SELECT address, protocol, port, client, first_seen, last_seen, flows FROM"
			       " (SELECT *, ROW_NUMBER() OVER (PARTITION BY address, protocol, port"
			       "   ORDER BY flows DESC, client) AS rank FROM clients)"
			       " WHERE ?1 = 0 OR rank <= ?1 ORDER BY address, protocol, port, rank",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, max_per_server);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		np_inventory_client c = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5),
			sqlite3_column_int(st, 2),
			sqlite3_column_int64(st, 6),
		};
		fn(ctx, &c);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int np_inventory_each_alert(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_alert_row *a), void *ctx)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		    inv->db, "SELECT time, kind, address, protocol, port, service, evidence FROM alerts ORDER BY time",
		    -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		np_inventory_alert_row a = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6),
			sqlite3_column_int(st, 4),
		};
		fn(ctx, &a);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int np_inventory_top_clients(np_inventory *inv, unsigned n,
			     void (*fn)(void *ctx, const char *client, int64_t servers, int64_t flows), void *ctx)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(inv->db,
			       "SELECT client, COUNT(*), SUM(flows) FROM clients GROUP BY client"
			       " ORDER BY SUM(flows) DESC, client LIMIT ?",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, n);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		   sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
