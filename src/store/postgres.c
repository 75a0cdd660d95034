/*
 * postgres.c - the inventory in a PostgreSQL database (store.h), for many
 * sensors writing at once: packet sensors on several links, a collector of
 * NetFlow from many routers, one inventory they share.
 *
 * Concurrency: each batch is one transaction (READ COMMITTED). Rows are
 * written with INSERT ... ON CONFLICT DO UPDATE, which merges (counts add,
 * first seen the least, last seen the greatest, clients a union) and never
 * loses another sensor's update; the caller takes servers in one fixed
 * order, a server's clients before its row, so no two transactions wait on
 * each other in a circle. Whether the row was created is read from
 * RETURNING (xmax = 0): when two sensors insert the same new server at
 * once, the second waits for the first to commit and then updates, so only
 * the first calls it new. The meta rows (the first observation, the newest
 * traffic) are locked only when a batch moves them; quiet servers are
 * taken with FOR UPDATE SKIP LOCKED, so a sensor never waits on a row
 * another is writing (a row being written is not quiet).
 *
 * Credentials: libpq's own (the password file, the service file, the
 * environment, or the URI); the name used in messages is built from what
 * the connection reports (user, host, port, database), never the password.
 * TLS: whatever sslmode says, passed through.
 *
 * libpq is loaded when a PostgreSQL database is opened, not when the
 * program starts: linked in, it and what it pulls in (libssl, Kerberos,
 * LDAP, GnuTLS, SASL...) cost every run of every command about 3.4 MiB of
 * memory and 10 million instructions of symbol lookups at start-up (a
 * small `flows` run: 17.1 million instructions with it, 7.4 without), for
 * the few runs that name a PostgreSQL --db. Its header is still
 * libpq-fe.h (pkg-config), so every call is checked against libpq's own
 * prototypes; its soname, libpq.so.5, has been PostgreSQL's since 8.2.
 *
 * Not for: a single sensor with no server to run (sqlite.c is the default).
 */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../profile/inventory.h"
#include "../profile/ties.h"
#include "../util/dynlib.h"
#include "schema.h"
#include "store.h"

/* ---- libpq, loaded on first use ---------------------------------------------------------- */

#define LIBPQ_SONAME "libpq.so.5"

#define STR_(x) #x
#define STR(x) STR_(x)
#define TIES_SIZE STR(NP_TIES_SIZE) /* in SQL text */

/* Every libpq function this file calls, called as pq.NAME. */
#define PQ_FUNCTIONS(X)         \
	X(PQclear)              \
	X(PQconnectdbParams)    \
	X(PQconninfoFree)       \
	X(PQconninfoParse)      \
	X(PQdb)                 \
	X(PQerrorMessage)       \
	X(PQexec)               \
	X(PQexecParams)         \
	X(PQexecPrepared)       \
	X(PQfinish)             \
	X(PQfreemem)            \
	X(PQgetisnull)          \
	X(PQgetvalue)           \
	X(PQhost)               \
	X(PQntuples)            \
	X(PQport)               \
	X(PQprepare)            \
	X(PQreset)              \
	X(PQresultErrorMessage) \
	X(PQresultStatus)       \
	X(PQstatus)             \
	X(PQtransactionStatus)  \
	X(PQuser)

NP_DYNLIB(pq, LIBPQ_SONAME, PQ_FUNCTIONS)

/* 0 once libpq is there, or -1 with one line in err. */
static int pq_ready(char *err, size_t errlen)
{
	const char *why = pq_missing();
	if (!why)
		return 0;
	snprintf(err, errlen,
		 "PostgreSQL database (--db): cannot load PostgreSQL's client library " LIBPQ_SONAME
		 " (Debian: apt-get install libpq5): %s",
		 why);
	return -1;
}

/* ---- the store ---------------------------------------------------------------------------- */

struct pg_store {
	np_store base;
	PGconn *conn;
	char err[512];
};

static struct pg_store *of(np_store *st)
{
	return (struct pg_store *)st;
}

/* The first line of libpq's message, without its "ERROR:  " prefix. */
static void keep_error(struct pg_store *s, const char *msg)
{
	if (!msg || !*msg)
		msg = "unknown error";
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	size_t n = strcspn(msg, "\n");
	if (n >= sizeof(s->err))
		n = sizeof(s->err) - 1;
	memcpy(s->err, msg, n);
	s->err[n] = '\0';
}

/* Run a statement; the result when it has the expected status, else NULL
 * with the error kept. */
static PGresult *check(struct pg_store *s, PGresult *r, ExecStatusType want)
{
	if (r && pq.PQresultStatus(r) == want)
		return r;
	keep_error(s, r ? pq.PQresultErrorMessage(r) : pq.PQerrorMessage(s->conn));
	pq.PQclear(r);
	return NULL;
}

static int exec_cmd(struct pg_store *s, const char *sql)
{
	PGresult *r = check(s, pq.PQexec(s->conn, sql), PGRES_COMMAND_OK);
	pq.PQclear(r);
	return r ? 0 : -1;
}

static PGresult *run(struct pg_store *s, const char *stmt, int n, const char *const *values, ExecStatusType want)
{
	return check(s, pq.PQexecPrepared(s->conn, stmt, n, values, NULL, NULL, 0), want);
}

/* ---- statements, prepared on each connection ---------------------------------------------- */

static const struct {
	const char *name, *sql;
} statements[] = {
	{"known", "SELECT 1 FROM servers WHERE address = $1 AND NOT (protocol = $2 AND port = $3::integer) LIMIT 1"},
	{"clients",
	 "WITH ins AS (INSERT INTO clients (address, protocol, port, client, first_seen, last_seen, flows)"
	 " SELECT $1, $2, $3::integer, c, f, l, n"
	 "  FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[]) AS u(c, f, l, n)"
	 " ON CONFLICT (address, protocol, port, client) DO UPDATE SET"
	 "  first_seen = LEAST(clients.first_seen, excluded.first_seen),"
	 "  last_seen = GREATEST(clients.last_seen, excluded.last_seen), flows = clients.flows + excluded.flows"
	 " RETURNING (xmax = 0) AS created)"
	 " SELECT count(*) FILTER (WHERE created) FROM ins"},
	{"server",
	 "WITH srv AS (INSERT INTO servers (address, protocol, port, service, first_seen, last_seen, flows, packets,"
	 "  bytes, clients, confidence, evidence, ties, family, addr_bin, first_us, last_us, quiet_reported, status)"
	 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $18, $10, $11, $12, $13, decode($14, 'hex'), $15, $16, 0, $17)"
	 " ON CONFLICT (address, protocol, port) DO UPDATE SET"
	 "  service = COALESCE(servers.service, excluded.service),"
	 "  first_seen = CASE WHEN excluded.first_us < servers.first_us THEN excluded.first_seen ELSE servers.first_seen END,"
	 "  first_us = LEAST(servers.first_us, excluded.first_us),"
	 "  last_seen = CASE WHEN excluded.last_us > servers.last_us THEN excluded.last_seen ELSE servers.last_seen END,"
	 "  last_us = GREATEST(servers.last_us, excluded.last_us),"
	 "  flows = servers.flows + excluded.flows, packets = servers.packets + excluded.packets,"
	 "  bytes = servers.bytes + excluded.bytes, clients = servers.clients + excluded.clients,"
	 "  evidence = CASE WHEN excluded.confidence > servers.confidence THEN excluded.evidence ELSE servers.evidence END,"
	 "  confidence = GREATEST(servers.confidence, excluded.confidence),"
	 /* ties.h's rule, as sqlite.c's np_ties(): a batch with no ties, or a
	  * stored list longer than the rule allows (an older version's),
	  * leaves the stored list; else the entries of both lists, each
	  * once, up to the first "..." and while ",..." still fits after them
	  * (a cumulative length in bytes, commas counted, of at most
	  * NP_TIES_SIZE - 4); ",..." when any was left out. */
	 "  ties = CASE WHEN excluded.ties = '' OR octet_length(servers.ties) >= " TIES_SIZE " THEN servers.ties"
	 "              ELSE COALESCE((SELECT string_agg(x, ',' ORDER BY o) FILTER (WHERE s <= " TIES_SIZE " - 4)"
	 "                || CASE WHEN bool_or(s > " TIES_SIZE " - 4) OR max(stop) < 9223372036854775807"
	 "                   THEN ',...' ELSE '' END"
	 "               FROM (SELECT x, o, stop, sum(octet_length(x) + 1) OVER (ORDER BY o) AS s"
	 "                FROM (SELECT x, o, COALESCE(min(o) FILTER (WHERE x = '...') OVER (), 9223372036854775807) AS stop"
	 "                 FROM (SELECT x, min(o) AS o FROM unnest(string_to_array(COALESCE(servers.ties, '') || ',' || excluded.ties, ','))"
	 "                  WITH ORDINALITY AS u(x, o) WHERE x <> '' GROUP BY x) f) g"
	 "                WHERE o < stop) h), '') END,"
	 "  quiet_reported = CASE WHEN excluded.last_us > servers.last_us THEN 0 ELSE servers.quiet_reported END,"
	 "  status = CASE WHEN 'confirmed' IN (servers.status, excluded.status) THEN 'confirmed' ELSE servers.status END"
	 " RETURNING (xmax = 0) AS created),"
	 " sen AS (INSERT INTO server_sensors (address, protocol, port, sensor, first_us, last_us, flows)"
	 " VALUES ($1, $2, $3, $19, $15, $16, $7)"
	 " ON CONFLICT (address, protocol, port, sensor) DO UPDATE SET"
	 "  first_us = LEAST(server_sensors.first_us, excluded.first_us),"
	 "  last_us = GREATEST(server_sensors.last_us, excluded.last_us),"
	 "  flows = server_sensors.flows + excluded.flows)"
	 " SELECT created FROM srv"},
	{"device",
	 "INSERT INTO devices (address, role, first_seen, last_seen, first_us, last_us, evidence)"
	 " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (address, role) DO UPDATE SET"
	 "  first_seen = CASE WHEN excluded.first_us < devices.first_us THEN excluded.first_seen"
	 "               ELSE devices.first_seen END,"
	 "  first_us = LEAST(devices.first_us, excluded.first_us),"
	 "  last_seen = CASE WHEN excluded.last_us >= devices.last_us THEN excluded.last_seen ELSE devices.last_seen END,"
	 "  evidence = CASE WHEN excluded.last_us >= devices.last_us THEN excluded.evidence ELSE devices.evidence END,"
	 "  last_us = GREATEST(devices.last_us, excluded.last_us)"},
	{"alert", "INSERT INTO alerts (time, kind, address, protocol, port, service, evidence, sensor)"
		  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"},
	/* Locked only when the value moves; a row made at once by another
	 * sensor (not in this statement's snapshot) reads as NULL: v then. */
	{"meta_lower", "WITH ins AS (INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"
		       " RETURNING value),"
		       " upd AS (UPDATE meta SET value = $2 WHERE key = $1 AND value > $2 RETURNING value)"
		       " SELECT COALESCE((SELECT value FROM ins), (SELECT value FROM upd),"
		       " (SELECT value FROM meta WHERE key = $1), $2)"},
	{"meta_raise", "WITH ins AS (INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"
		       " RETURNING value),"
		       " upd AS (UPDATE meta SET value = $2 WHERE key = $1 AND value < $2 RETURNING value)"
		       " SELECT COALESCE((SELECT value FROM ins), (SELECT value FROM upd),"
		       " (SELECT value FROM meta WHERE key = $1), $2)"},
	{"quiet", "UPDATE servers SET quiet_reported = 1 WHERE quiet_reported = 0 AND (address, protocol, port) IN"
		  " (SELECT address, protocol, port FROM servers WHERE last_us < $1 AND quiet_reported = 0"
		  "  ORDER BY address, protocol, port FOR UPDATE SKIP LOCKED)"
		  " RETURNING family, encode(addr_bin, 'hex'), protocol, port, service, last_us, clients, confidence,"
		  " status"},
};

static int prepare_statements(struct pg_store *s)
{
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++) {
		PGresult *r = check(s, pq.PQprepare(s->conn, statements[i].name, statements[i].sql, 0, NULL),
				    PGRES_COMMAND_OK);
		if (!r)
			return -1;
		pq.PQclear(r);
	}
	return 0;
}

/* ---- opening, versions -------------------------------------------------------------------- */

/* "postgresql://USER@HOST:PORT/DB" from what the connection says: libpq's
 * defaults and the environment filled in, and no password whatever the
 * URI held. */
static void describe(struct pg_store *s)
{
	const char *host = pq.PQhost(s->conn), *port = pq.PQport(s->conn), *db = pq.PQdb(s->conn),
		   *user = pq.PQuser(s->conn);
	snprintf(s->base.name, sizeof(s->base.name), "postgresql://%s%s%s%s%s/%s", user && *user ? user : "",
		 user && *user ? "@" : "", host && *host ? host : "localhost", port && *port ? ":" : "",
		 port ? port : "", db ? db : "");
}

static int schema_version(struct pg_store *s, int *version)
{
	PGresult *r = check(s, pq.PQexec(s->conn, "SELECT to_regclass('meta') IS NOT NULL"), PGRES_TUPLES_OK);
	if (!r)
		return -1;
	bool has_meta = pq.PQgetvalue(r, 0, 0)[0] == 't';
	pq.PQclear(r);
	*version = 0;
	if (!has_meta)
		return 0;
	r = check(s, pq.PQexec(s->conn, "SELECT value FROM meta WHERE key = 'schema_version'"), PGRES_TUPLES_OK);
	if (!r)
		return -1;
	if (pq.PQntuples(r))
		*version = (int)strtol(pq.PQgetvalue(r, 0, 0), NULL, 10);
	pq.PQclear(r);
	return 0;
}

static int pg_exec(void *ctx, const char *sql)
{
	return exec_cmd(ctx, sql);
}

static bool pg_has_column(void *ctx, const char *table, const char *column)
{
	struct pg_store *s = ctx;
	const char *v[2] = {table, column};
	PGresult *r =
		check(s,
		      pq.PQexecParams(s->conn,
				      "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
				      " AND table_name = $1 AND column_name = $2",
				      2, NULL, v, NULL, NULL, 0),
		      PGRES_TUPLES_OK);
	bool found = r && pq.PQntuples(r) > 0;
	pq.PQclear(r);
	return found;
}

/* Tables created or brought forward, under an advisory lock so sensors
 * starting together do not race on CREATE TABLE. A database already at
 * this schema needs no DDL at all: a sensor's role may lack the right. */
static int create_or_migrate(struct pg_store *s, char *err, size_t errlen)
{
	int version;
	np_schema_io io = {pg_exec, pg_has_column, s};
	char set[160];
	snprintf(set, sizeof(set),
		 "INSERT INTO meta (key, value) VALUES ('schema_version', %d)"
		 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		 NP_STORE_SCHEMA);
	if (exec_cmd(s, "BEGIN") != 0)
		goto fail;
	PGresult *r = check(s, pq.PQexec(s->conn, "SELECT pg_advisory_xact_lock(7295617017)"), PGRES_TUPLES_OK);
	pq.PQclear(r);
	if (!r || schema_version(s, &version) != 0)
		goto fail;
	if (version > NP_STORE_SCHEMA) {
		snprintf(err, errlen,
			 "%s: written by a newer netprofile (inventory schema %d, this one knows up to %d)",
			 s->base.name, version, NP_STORE_SCHEMA);
		exec_cmd(s, "ROLLBACK");
		return -1;
	}
	if (version < NP_STORE_SCHEMA && (np_schema_migrate(NP_SQL_POSTGRES, &io) != 0 || exec_cmd(s, set) != 0))
		goto fail;
	if (exec_cmd(s, "COMMIT") == 0)
		return 0;
fail:
	snprintf(err, errlen, "%s: cannot create or update the tables: %s", s->base.name, s->err);
	exec_cmd(s, "ROLLBACK");
	return -1;
}

static int check_readable(struct pg_store *s, char *err, size_t errlen)
{
	int version;
	if (schema_version(s, &version) != 0) {
		snprintf(err, errlen, "%s: %s", s->base.name, s->err);
		return -1;
	}
	if (version > NP_STORE_SCHEMA) {
		snprintf(err, errlen,
			 "%s: written by a newer netprofile (inventory schema %d, this one knows up to %d)",
			 s->base.name, version, NP_STORE_SCHEMA);
		return -1;
	}
	static const char *const tables[] = {"servers", "clients", "alerts"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		const char *v[1] = {tables[i]};
		PGresult *r = check(
			s, pq.PQexecParams(s->conn, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, v, NULL, NULL, 0),
			PGRES_TUPLES_OK);
		bool found = r && pq.PQgetvalue(r, 0, 0)[0] == 't';
		pq.PQclear(r);
		if (!found) {
			snprintf(err, errlen, "%s: not a netprofile inventory (no %s table)", s->base.name, tables[i]);
			return -1;
		}
	}
	return 0;
}

static void pg_close(np_store *st)
{
	if (!st)
		return;
	pq.PQfinish(of(st)->conn);
	free(st);
}

static const np_store_ops pg_ops;

/* libpq's message for a connection that failed, on one line: it names the
 * server and the reason (refused, no such database, password failed),
 * never the password. */
static void connect_error(struct pg_store *s, char *err, size_t errlen)
{
	keep_error(s, pq.PQerrorMessage(s->conn));
	snprintf(err, errlen, "%s: cannot connect: %s", s->base.name, s->err);
}

/* Replace every occurrence of `what` (n bytes) in line by `with`. */
static void scrub(char *line, size_t len, const char *what, size_t n, const char *with)
{
	char *at;
	if (n < 2)
		return;
	while ((at = strstr(line, what)) != NULL) {
		char rest[512];
		snprintf(rest, sizeof(rest), "%s", at + n);
		*at = '\0';
		size_t used = strlen(line);
		snprintf(line + used, len - used, "%s%s", with, rest);
	}
}

/* libpq's message on a connection string it cannot parse quotes the
 * string: the string goes, and so does any password in it (the URI's
 * user:password@, or password=...). */
static void parse_error(const char *conninfo, const char *msg, char *err, size_t errlen)
{
	char line[512];
	snprintf(line, sizeof(line), "%s", msg ? msg : "out of memory");
	line[strcspn(line, "\n")] = '\0';
	scrub(line, sizeof(line), conninfo, strlen(conninfo), "(the --db string)");
	const char *scheme = strstr(conninfo, "://");
	if (scheme) {
		const char *user = scheme + 3, *at = strchr(user, '@'), *colon = strchr(user, ':');
		if (at && colon && colon < at)
			scrub(line, sizeof(line), colon + 1, (size_t)(at - colon - 1), "***");
	}
	const char *pw = strstr(conninfo, "password=");
	if (pw) {
		pw += 9;
		scrub(line, sizeof(line), pw, strcspn(pw, " "), "***");
	}
	snprintf(err, errlen, "PostgreSQL database (--db): malformed connection string: %s", line);
}

np_store *np_store_postgres_open(const char *conninfo, const char *sensor, enum np_store_mode mode, char *err,
				 size_t errlen)
{
	if (pq_ready(err, errlen) != 0)
		return NULL;
	char *perr = NULL;
	PQconninfoOption *opts = pq.PQconninfoParse(conninfo, &perr);
	if (!opts) {
		parse_error(conninfo, perr, err, errlen);
		pq.PQfreemem(perr);
		return NULL;
	}
	/* No wait without end for a server that does not answer, unless asked. */
	bool has_timeout = getenv("PGCONNECT_TIMEOUT") != NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "connect_timeout") && o->val && *o->val)
			has_timeout = true;
	pq.PQconninfoFree(opts);
	struct pg_store *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->base.ops = &pg_ops;
	snprintf(s->base.sensor, sizeof(s->base.sensor), "%s", sensor ? sensor : "");
	const char *keys[] = {"dbname", "fallback_application_name", has_timeout ? NULL : "connect_timeout", NULL};
	const char *vals[] = {conninfo, "netprofile", "10", NULL};
	s->conn = pq.PQconnectdbParams(keys, vals, 1);
	if (!s->conn) {
		snprintf(err, errlen, "PostgreSQL database (--db): out of memory");
		free(s);
		return NULL;
	}
	describe(s);
	if (pq.PQstatus(s->conn) != CONNECTION_OK) {
		connect_error(s, err, errlen);
		goto fail;
	}
	exec_cmd(s, "SET client_min_messages = warning"); /* no NOTICE of "already exists" */
	if (mode == NP_STORE_READ ? check_readable(s, err, errlen) != 0 : create_or_migrate(s, err, errlen) != 0)
		goto fail;
	if (mode == NP_STORE_CREATE && prepare_statements(s) != 0) {
		snprintf(err, errlen, "%s: %s", s->base.name, s->err);
		goto fail;
	}
	return &s->base;
fail:
	pg_close(&s->base);
	return NULL;
}

/* ---- one batch ---------------------------------------------------------------------------- */

static int pg_begin(np_store *st)
{
	return exec_cmd(of(st), "BEGIN");
}

static int pg_commit(np_store *st)
{
	return exec_cmd(of(st), "COMMIT");
}

static void pg_rollback(np_store *st)
{
	struct pg_store *s = of(st);
	if (pq.PQstatus(s->conn) == CONNECTION_OK && pq.PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		exec_cmd(s, "ROLLBACK");
		memcpy(s->err, keep, sizeof(keep));
	}
}

static int meta_move(np_store *st, const char *stmt, const char *key, int64_t v, int64_t *stored)
{
	char num[24];
	snprintf(num, sizeof(num), "%lld", (long long)v);
	const char *vals[2] = {key, num};
	PGresult *r = run(of(st), stmt, 2, vals, PGRES_TUPLES_OK);
	if (!r)
		return -1;
	*stored = pq.PQntuples(r) && !pq.PQgetisnull(r, 0, 0) ? strtoll(pq.PQgetvalue(r, 0, 0), NULL, 10) : v;
	pq.PQclear(r);
	return 0;
}

static int pg_meta_lower(np_store *st, const char *key, int64_t v, int64_t *stored)
{
	return meta_move(st, "meta_lower", key, v, stored);
}

static int pg_meta_raise(np_store *st, const char *key, int64_t v, int64_t *stored)
{
	return meta_move(st, "meta_raise", key, v, stored);
}

static int pg_address_known(np_store *st, const np_server_key *k, bool *known)
{
	char addr[64], port[8];
	np_server_addr_str(k, addr, sizeof(addr));
	snprintf(port, sizeof(port), "%u", k->port);
	const char *vals[3] = {addr, np_proto_name(k->proto), port};
	PGresult *r = run(of(st), "known", 3, vals, PGRES_TUPLES_OK);
	if (!r)
		return -1;
	*known = pq.PQntuples(r) > 0;
	pq.PQclear(r);
	return 0;
}

/* A growing text, for the clients' array literals. */
struct text {
	char *buf;
	size_t len, cap;
	bool failed;
};

static void text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->failed)
		return;
	if (t->len + n + 2 > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		while (ncap < t->len + n + 2)
			ncap *= 2;
		char *b = realloc(t->buf, ncap);
		if (!b) {
			t->failed = true;
			return;
		}
		t->buf = b;
		t->cap = ncap;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* The server's clients, one statement: how many were new to it. Array
 * elements (addresses, ISO times, numbers) hold no character an array
 * literal would need quoted. */
static int upsert_clients(struct pg_store *s, const np_server *v, const char *addr, const char *port, int64_t *added)
{
	struct text arr[4] = {{0}};
	for (int a = 0; a < 4; a++)
		text_add(&arr[a], "{");
	for (uint32_t i = 0; i < v->nclients; i++) {
		const np_client_stat *c = &v->clients[i];
		np_server_key ck = {{0}, c->family, 0, 0};
		char cl[64], first[40], last[40], flows[24];
		memcpy(ck.addr, c->addr, 16);
		np_server_addr_str(&ck, cl, sizeof(cl));
		np_time_iso(c->first_us, first, sizeof(first));
		np_time_iso(c->last_us, last, sizeof(last));
		snprintf(flows, sizeof(flows), "%u", c->flows);
		const char *item[4] = {cl, first, last, flows};
		for (int a = 0; a < 4; a++) {
			if (i)
				text_add(&arr[a], ",");
			text_add(&arr[a], item[a]);
		}
	}
	int rc = -1;
	for (int a = 0; a < 4; a++)
		text_add(&arr[a], "}");
	if (!arr[0].failed && !arr[1].failed && !arr[2].failed && !arr[3].failed) {
		const char *vals[7] = {addr,      np_proto_name(v->key.proto), port, arr[0].buf, arr[1].buf, arr[2].buf,
				       arr[3].buf};
		PGresult *r = run(s, "clients", 7, vals, PGRES_TUPLES_OK);
		if (r) {
			*added = strtoll(pq.PQgetvalue(r, 0, 0), NULL, 10);
			pq.PQclear(r);
			rc = 0;
		}
	} else {
		snprintf(s->err, sizeof(s->err), "out of memory");
	}
	for (int a = 0; a < 4; a++)
		free(arr[a].buf);
	return rc;
}

static int pg_upsert_server(np_store *st, const np_server *v, bool *created)
{
	struct pg_store *s = of(st);
	char addr[64], port[8], first[40], last[40], flows[24], packets[24], bytes[24], conf[32], family[4], hex[33],
		first_us[24], last_us[24], added_s[24];
	int64_t added = 0;
	np_server_addr_str(&v->key, addr, sizeof(addr));
	snprintf(port, sizeof(port), "%u", v->key.port);
	if (v->nclients && upsert_clients(s, v, addr, port, &added) != 0)
		return -1;
	np_time_iso(v->first_us, first, sizeof(first));
	np_time_iso(v->last_us, last, sizeof(last));
	snprintf(flows, sizeof(flows), "%llu", (unsigned long long)v->flows);
	snprintf(packets, sizeof(packets), "%llu", (unsigned long long)v->packets);
	snprintf(bytes, sizeof(bytes), "%llu", (unsigned long long)v->bytes);
	snprintf(conf, sizeof(conf), "%.17g", v->confidence);
	snprintf(family, sizeof(family), "%u", v->key.family);
	int alen = v->key.family == 4 ? 4 : 16;
	for (int i = 0; i < alen; i++)
		snprintf(hex + 2 * i, 3, "%02x", v->key.addr[i]);
	snprintf(first_us, sizeof(first_us), "%lld", (long long)v->first_us);
	snprintf(last_us, sizeof(last_us), "%lld", (long long)v->last_us);
	snprintf(added_s, sizeof(added_s), "%lld", (long long)added);
	const char *vals[19] = {addr,
				np_proto_name(v->key.proto),
				port,
				v->service,
				first,
				last,
				flows,
				packets,
				bytes,
				conf,
				v->evidence,
				v->ties,
				family,
				hex,
				first_us,
				last_us,
				v->confirmed ? "confirmed" : "unconfirmed",
				added_s,
				s->base.sensor};
	PGresult *r = run(s, "server", 19, vals, PGRES_TUPLES_OK);
	if (!r)
		return -1;
	*created = pq.PQntuples(r) && pq.PQgetvalue(r, 0, 0)[0] == 't';
	pq.PQclear(r);
	return 0;
}

static int pg_add_alert(np_store *st, const np_store_alert *a)
{
	char port[8];
	snprintf(port, sizeof(port), "%d", a->port);
	const char *vals[8] = {a->time, a->kind, a->address, a->protocol, port, a->service, a->evidence, a->sensor};
	PGresult *r = run(of(st), "alert", 8, vals, PGRES_COMMAND_OK);
	pq.PQclear(r);
	return r ? 0 : -1;
}

static int pg_take_quiet(np_store *st, int64_t before_us, np_store_quiet_fn fn, void *ctx)
{
	char num[24];
	snprintf(num, sizeof(num), "%lld", (long long)before_us);
	const char *vals[1] = {num};
	PGresult *r = run(of(st), "quiet", 1, vals, PGRES_TUPLES_OK);
	if (!r)
		return -1;
	int rc = 0;
	for (int i = 0; rc == 0 && i < pq.PQntuples(r); i++) {
		np_server s;
		memset(&s, 0, sizeof(s));
		s.key.family = (uint8_t)strtol(pq.PQgetvalue(r, i, 0), NULL, 10);
		const char *hex = pq.PQgetvalue(r, i, 1);
		for (int b = 0; b < 16 && hex[2 * b] && hex[2 * b + 1]; b++) {
			char two[3] = {hex[2 * b], hex[2 * b + 1], '\0'};
			s.key.addr[b] = (uint8_t)strtoul(two, NULL, 16);
		}
		s.key.proto = np_proto_number(pq.PQgetvalue(r, i, 2));
		s.key.port = (uint16_t)strtol(pq.PQgetvalue(r, i, 3), NULL, 10);
		s.service = pq.PQgetisnull(r, i, 4) ? NULL : pq.PQgetvalue(r, i, 4);
		s.last_us = strtoll(pq.PQgetvalue(r, i, 5), NULL, 10);
		s.nclients = (uint32_t)strtoul(pq.PQgetvalue(r, i, 6), NULL, 10);
		s.confidence = strtod(pq.PQgetvalue(r, i, 7), NULL);
		s.confirmed = strcmp(pq.PQgetvalue(r, i, 8), "unconfirmed") != 0;
		rc = fn(ctx, &s);
	}
	pq.PQclear(r);
	return rc ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------------------------ */

static const char *text_at(PGresult *r, int row, int col)
{
	return pq.PQgetisnull(r, row, col) ? NULL : pq.PQgetvalue(r, row, col);
}

static int64_t int_at(PGresult *r, int row, int col)
{
	return strtoll(pq.PQgetvalue(r, row, col), NULL, 10);
}

static PGresult *query(struct pg_store *s, const char *sql, int n, const char *const *vals)
{
	return check(s, pq.PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0), PGRES_TUPLES_OK);
}

static int pg_each_server(np_store *st, np_store_row_fn fn, void *ctx)
{
	PGresult *r = query(of(st),
			    "SELECT address, protocol, port, service, first_seen, last_seen, flows, packets, bytes,"
			    " clients, confidence, evidence, ties, first_us, last_us, status FROM servers"
			    " ORDER BY family, addr_bin, protocol COLLATE \"C\", port",
			    0, NULL);
	if (!r)
		return -1;
	for (int i = 0; i < pq.PQntuples(r); i++) {
		np_inventory_row row = {
			text_at(r, i, 0),     text_at(r, i, 1),
			text_at(r, i, 3),     text_at(r, i, 4),
			text_at(r, i, 5),     text_at(r, i, 11),
			text_at(r, i, 12),    text_at(r, i, 15),
			(int)int_at(r, i, 2), int_at(r, i, 6),
			int_at(r, i, 7),      int_at(r, i, 8),
			int_at(r, i, 9),      int_at(r, i, 13),
			int_at(r, i, 14),     strtod(pq.PQgetvalue(r, i, 10), NULL),
		};
		fn(ctx, &row);
	}
	pq.PQclear(r);
	return 0;
}

static int pg_each_client(np_store *st, unsigned max_per_server, np_store_client_fn fn, void *ctx)
{
	char max[16];
	snprintf(max, sizeof(max), "%u", max_per_server);
	const char *vals[1] = {max};
	PGresult *r = query(of(st),
			    "SELECT address, protocol, port, client, first_seen, last_seen, flows FROM"
			    " (SELECT *, ROW_NUMBER() OVER (PARTITION BY address, protocol, port"
			    "   ORDER BY flows DESC, client COLLATE \"C\") AS rn FROM clients) AS ranked"
			    " WHERE $1::bigint = 0 OR rn <= $1::bigint"
			    " ORDER BY address COLLATE \"C\", protocol COLLATE \"C\", port, rn",
			    1, vals);
	if (!r)
		return -1;
	for (int i = 0; i < pq.PQntuples(r); i++) {
		np_inventory_client c = {text_at(r, i, 0), text_at(r, i, 1),     text_at(r, i, 3), text_at(r, i, 4),
					 text_at(r, i, 5), (int)int_at(r, i, 2), int_at(r, i, 6)};
		fn(ctx, &c);
	}
	pq.PQclear(r);
	return 0;
}

static int pg_each_alert(np_store *st, np_store_alert_fn fn, void *ctx)
{
	PGresult *r = query(of(st),
			    "SELECT time, kind, address, protocol, port, service, evidence FROM alerts"
			    " ORDER BY time COLLATE \"C\"",
			    0, NULL);
	if (!r)
		return -1;
	for (int i = 0; i < pq.PQntuples(r); i++) {
		np_inventory_alert_row a = {text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2),    text_at(r, i, 3),
					    text_at(r, i, 5), text_at(r, i, 6), (int)int_at(r, i, 4)};
		fn(ctx, &a);
	}
	pq.PQclear(r);
	return 0;
}

static int pg_top_clients(np_store *st, unsigned n, np_store_top_fn fn, void *ctx)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%u", n);
	const char *vals[1] = {lim};
	PGresult *r = query(of(st),
			    "SELECT client, COUNT(*), SUM(flows) FROM clients GROUP BY client"
			    " ORDER BY SUM(flows) DESC, client COLLATE \"C\" LIMIT $1::bigint",
			    1, vals);
	if (!r)
		return -1;
	for (int i = 0; i < pq.PQntuples(r); i++)
		fn(ctx, pq.PQgetvalue(r, i, 0), int_at(r, i, 1), int_at(r, i, 2));
	pq.PQclear(r);
	return 0;
}

/* ---- the server going away ---------------------------------------------------------------- */

static bool pg_lost(np_store *st)
{
	return pq.PQstatus(of(st)->conn) != CONNECTION_OK;
}

static int pg_reconnect(np_store *st, char *err, size_t errlen)
{
	struct pg_store *s = of(st);
	pq.PQreset(s->conn);
	if (pq.PQstatus(s->conn) != CONNECTION_OK) {
		connect_error(s, err, errlen);
		return -1;
	}
	exec_cmd(s, "SET client_min_messages = warning");
	if (prepare_statements(s) != 0) {
		snprintf(err, errlen, "%s: %s", s->base.name, s->err);
		return -1;
	}
	return 0;
}

static const char *pg_errmsg(np_store *st)
{
	return of(st)->err;
}

static int pg_upsert_device(np_store *st, const np_device *d)
{
	char first[40], last[40], fus[24], lus[24];
	np_time_iso(d->first_us, first, sizeof(first));
	np_time_iso(d->last_us, last, sizeof(last));
	snprintf(fus, sizeof(fus), "%lld", (long long)d->first_us);
	snprintf(lus, sizeof(lus), "%lld", (long long)d->last_us);
	const char *vals[7] = {d->address, d->role, first, last, fus, lus, d->evidence};
	PGresult *r = run(of(st), "device", 7, vals, PGRES_COMMAND_OK);
	pq.PQclear(r);
	return r ? 0 : -1;
}

static int pg_each_device(np_store *st, np_store_device_fn fn, void *ctx)
{
	PGresult *r = query(of(st),
			    "SELECT address, role, first_seen, last_seen, evidence, first_us, last_us FROM devices"
			    " ORDER BY role COLLATE \"C\", address COLLATE \"C\"",
			    0, NULL);
	if (!r)
		return -1;
	for (int i = 0; i < pq.PQntuples(r); i++) {
		np_inventory_device d = {text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3),
					 text_at(r, i, 4), int_at(r, i, 5),  int_at(r, i, 6)};
		fn(ctx, &d);
	}
	pq.PQclear(r);
	return 0;
}

static const np_store_ops pg_ops = {
	pg_begin,         pg_commit,        pg_rollback,      pg_meta_lower,  pg_meta_raise,
	pg_address_known, pg_upsert_server, pg_add_alert,     pg_take_quiet,  pg_each_server,
	pg_each_client,   pg_each_alert,    pg_top_clients,   pg_lost,        pg_reconnect,
	pg_errmsg,        pg_close,         pg_upsert_device, pg_each_device,
};
