/*
 * sqlite.c - the inventory in one SQLite database file (store.h): the
 * default store, for one sensor (or a few taking turns: writers wait on
 * each other's transactions, WAL lets readers read meanwhile).
 *
 * Each batch is one BEGIN IMMEDIATE transaction in WAL mode, so a kill at
 * any moment loses nothing that was committed. The schema version is
 * PRAGMA user_version.
 *
 * Not for: many sensors writing at once over a network (postgres.c).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../profile/inventory.h"
#include "../profile/ties.h"
#include "schema.h"
#include "store.h"

/* Client and sensor rows are upserted several to a statement: what a
 * statement costs of itself (binding, stepping, opening its cursors,
 * freeing its registers) is paid once for them. Statements of these many
 * rows, each prepared when first used; rows go in the fewest of them
 * (batch_size). */
static const unsigned batch_rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 16, 32};
#define BATCH_SIZES (sizeof(batch_rows) / sizeof(batch_rows[0]))
#define BATCH_ROWS_MAX 32

/* A server_sensors row, kept until a statement's worth is there (the
 * rows go in at the latest before COMMIT: nothing reads them before). */
struct sensor_row {
	char addr[64];
	const char *proto;
	int port;
	int64_t first_us, last_us, flows;
};

struct sqlite_store {
	np_store base;
	sqlite3 *db;
	/* prepared at the first transaction and kept until the file is
	 * closed (a commit every few seconds would prepare them again each
	 * time); reset at the end of each transaction */
	sqlite3_stmt *known_addr, *upsert, *alert, *any_server;
	sqlite3_stmt *client[BATCH_SIZES], *sensor[BATCH_SIZES]; /* batch_rows[i] rows a statement */
	bool prepared, counting;
	int64_t updated; /* client rows the DO UPDATE of the last step updated (count_update) */
	/* the text of one statement's client rows, bound without copies */
	char client_addr[BATCH_ROWS_MAX][64], client_first[BATCH_ROWS_MAX][40], client_last[BATCH_ROWS_MAX][40];
	struct sensor_row sensors[BATCH_ROWS_MAX];
	unsigned nsensors; /* waiting in sensors[] */
	char failed[256];  /* why the last COMMIT failed, until the next BEGIN */
	char key_addr[64]; /* the text of the server being merged, bound to every statement of its rows */
	/* The servers table was empty when this transaction began: its rows
	 * are those upserted since, and an address is known when the row
	 * upserted before this one, in key order, has it (address_known). */
	bool empty_at_begin;
	bool have_prev, have_cur;
	np_server_key prev, cur; /* the server upserted before the last one, and the last one */
};

static struct sqlite_store *of(np_store *st)
{
	return (struct sqlite_store *)st;
}

/* ---- opening, versions ------------------------------------------------------------------ */

static int schema_version(struct sqlite_store *s, int *version)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	*version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return *version < 0 ? -1 : 0;
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

static bool has_column(void *ctx, const char *table, const char *column)
{
	sqlite3 *db = ctx;
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

static int exec_sql(void *ctx, const char *sql)
{
	return sqlite3_exec(ctx, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static const np_store_ops sqlite_ops;

static void finalize_all(struct sqlite_store *s);
static int flush_sensors(struct sqlite_store *s);

static void sqlite_close(np_store *st)
{
	if (!st)
		return;
	finalize_all(of(st));
	sqlite3_close(of(st)->db);
	free(st);
}

/* The tables created or brought up to this build's schema, in one
 * transaction. A file already at this schema is not written to on opening:
 * sensors taking turns on one file do not wait for each other to start. */
static int create_or_migrate(struct sqlite_store *s, int version, char *err, size_t errlen)
{
	sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	if (version == NP_STORE_SCHEMA)
		return 0;
	sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	np_schema_io io = {exec_sql, has_column, s->db};
	char set_version[40];
	snprintf(set_version, sizeof(set_version), "PRAGMA user_version=%d", NP_STORE_SCHEMA);
	if (exec_sql(s->db, "BEGIN IMMEDIATE") != 0 || np_schema_migrate(NP_SQL_SQLITE, &io) != 0 ||
	    exec_sql(s->db, set_version) != 0 || exec_sql(s->db, "COMMIT") != 0) {
		snprintf(err, errlen, "%s: cannot create or update the tables: %s", s->base.name,
			 sqlite3_errmsg(s->db));
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

np_store *np_store_sqlite_open(const char *path, const char *sensor, enum np_store_mode mode, char *err, size_t errlen)
{
	struct sqlite_store *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->base.ops = &sqlite_ops;
	snprintf(s->base.name, sizeof(s->base.name), "%s", path);
	snprintf(s->base.sensor, sizeof(s->base.sensor), "%s", sensor ? sensor : "");
	int flags = mode == NP_STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int version;
	/* No memory statistics (a lock on every allocation), and no lock on
	 * the connection: one thread at a time uses it (watch: the commit
	 * thread). Both are speed only. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	/* 0: a new file, or one written before versions were kept (the same
	 * tables); larger than ours: a newer netprofile's, not to be touched. */
	if (schema_version(s, &version) != 0) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (version > NP_STORE_SCHEMA) {
		snprintf(err, errlen,
			 "%s: written by a newer netprofile (inventory schema %d, this one knows up to %d)", path,
			 version, NP_STORE_SCHEMA);
		goto fail;
	}
	if (mode == NP_STORE_READ) {
		static const char *const tables[] = {"servers", "clients", "alerts"};
		for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
			if (!has_table(s->db, tables[i])) {
				snprintf(err, errlen, "%s: not a netprofile inventory (no %s table)", path, tables[i]);
				goto fail;
			}
	} else if (create_or_migrate(s, version, err, errlen) != 0) {
		goto fail;
	}
	return &s->base;
fail:
	sqlite_close(&s->base);
	return NULL;
}

/* ---- one batch -------------------------------------------------------------------------- */

#define ALL_STATEMENTS(s)                                                     \
	{                                                                     \
		&(s)->known_addr, &(s)->upsert, &(s)->alert, &(s)->any_server \
	}

static void finalize_all(struct sqlite_store *s)
{
	sqlite3_stmt **all[] = ALL_STATEMENTS(s);
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
	for (size_t i = 0; i < BATCH_SIZES; i++) {
		sqlite3_finalize(s->client[i]);
		sqlite3_finalize(s->sensor[i]);
		s->client[i] = s->sensor[i] = NULL;
	}
	s->prepared = false;
}

/* The end of a transaction: no statement stays in progress. */
static void reset_all(struct sqlite_store *s)
{
	sqlite3_stmt **all[] = ALL_STATEMENTS(s);
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_reset(*all[i]);
	for (size_t i = 0; i < BATCH_SIZES; i++) {
		sqlite3_reset(s->client[i]);
		sqlite3_reset(s->sensor[i]);
	}
	s->nsensors = 0;
}

/* np_ties(stored, batch): the stored ties with the batch's added (ties.h);
 * a batch with none, or a stored list longer than the rule allows (an
 * older version's), leaves the stored list as it is. postgres.c does the
 * same in SQL. */
static void merge_ties(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *had = (const char *)sqlite3_value_text(argv[0]);
	const char *add = (const char *)sqlite3_value_text(argv[1]);
	if (!add || !*add || (had && strlen(had) >= NP_TIES_SIZE)) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	char ties[NP_TIES_SIZE] = "";
	np_ties_merge(ties, sizeof(ties), had);
	np_ties_merge(ties, sizeof(ties), add);
	sqlite3_result_text(ctx, ties, -1, SQLITE_TRANSIENT);
}

static int prepare_all(struct sqlite_store *s)
{
	static const char upsert_sql[] =
		"INSERT INTO servers (address, protocol, port, service, first_seen, last_seen, flows, packets, bytes,"
		" clients, confidence, evidence, ties, family, addr_bin, first_us, last_us, quiet_reported, status)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?18,?10,?11,?12,?13,?14,?15,?16,0,?17)"
		" ON CONFLICT(address, protocol, port) DO UPDATE SET"
		"  service = COALESCE(servers.service, excluded.service),"
		"  first_seen = CASE WHEN excluded.first_us < servers.first_us THEN excluded.first_seen ELSE servers.first_seen END,"
		"  first_us = MIN(servers.first_us, excluded.first_us),"
		"  last_seen = CASE WHEN excluded.last_us > servers.last_us THEN excluded.last_seen ELSE servers.last_seen END,"
		"  last_us = MAX(servers.last_us, excluded.last_us),"
		"  flows = servers.flows + excluded.flows, packets = servers.packets + excluded.packets,"
		"  bytes = servers.bytes + excluded.bytes, clients = servers.clients + excluded.clients,"
		"  evidence = CASE WHEN excluded.confidence > servers.confidence THEN excluded.evidence ELSE servers.evidence END,"
		"  confidence = MAX(servers.confidence, excluded.confidence),"
		"  ties = np_ties(servers.ties, excluded.ties),"
		"  quiet_reported = CASE WHEN excluded.last_us > servers.last_us THEN 0 ELSE servers.quiet_reported END,"
		"  status = CASE WHEN 'confirmed' IN (servers.status, excluded.status) THEN 'confirmed' ELSE servers.status END";
	if (sqlite3_create_function(s->db, "np_ties", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
				    merge_ties, NULL, NULL) != SQLITE_OK)
		return -1;
	return sqlite3_prepare_v2(s->db, "SELECT 1 FROM servers LIMIT 1", -1, &s->any_server, NULL) ||
	       sqlite3_prepare_v2(s->db,
				  "SELECT 1 FROM servers WHERE address=?1 AND NOT (protocol=?2 AND port=?3) LIMIT 1",
				  -1, &s->known_addr, NULL) ||
	       sqlite3_prepare_v2(s->db, upsert_sql, -1, &s->upsert, NULL) ||
	       sqlite3_prepare_v2(s->db, "INSERT INTO alerts VALUES (?,?,?,?,?,?,?,?)", -1, &s->alert, NULL);
}

static int sqlite_begin(np_store *st)
{
	struct sqlite_store *s = of(st);
	s->failed[0] = '\0';
	if (exec_sql(s->db, "BEGIN IMMEDIATE") != 0)
		return -1;
	if (!s->prepared && prepare_all(s) != 0) {
		finalize_all(s);
		exec_sql(s->db, "ROLLBACK");
		return -1;
	}
	s->prepared = true;
	int rc = sqlite3_step(s->any_server);
	sqlite3_reset(s->any_server);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		exec_sql(s->db, "ROLLBACK"); /* else every later BEGIN fails too */
		return -1;
	}
	s->empty_at_begin = rc == SQLITE_DONE;
	s->have_prev = s->have_cur = false;
	return 0;
}

static int sqlite_commit(np_store *st)
{
	struct sqlite_store *s = of(st);
	int rc = flush_sensors(s);
	reset_all(s);
	if (rc == 0 && exec_sql(s->db, "COMMIT") == 0)
		return 0;
	/* A failed COMMIT may leave the transaction open: end it, and keep
	 * what went wrong for errmsg (the ROLLBACK's success would clear it). */
	snprintf(s->failed, sizeof(s->failed), "%s", sqlite3_errmsg(s->db));
	if (!sqlite3_get_autocommit(s->db))
		exec_sql(s->db, "ROLLBACK");
	return -1;
}

static void sqlite_rollback(np_store *st)
{
	struct sqlite_store *s = of(st);
	reset_all(s);
	if (!sqlite3_get_autocommit(s->db))
		exec_sql(s->db, "ROLLBACK");
}

static int meta_get(sqlite3 *db, const char *key, int64_t *v)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key=?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
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

/* The transaction holds the file's write lock: read, compare, write. */
static int meta_move(np_store *st, const char *key, int64_t v, int64_t *stored, bool lower)
{
	sqlite3 *db = of(st)->db;
	int64_t cur = v;
	int got = meta_get(db, key, &cur);
	if (got < 0)
		return -1;
	if (got == 0 || (lower ? v < cur : v > cur))
		cur = v;
	*stored = cur;
	return meta_set(db, key, cur);
}

static int sqlite_meta_lower(np_store *st, const char *key, int64_t v, int64_t *stored)
{
	return meta_move(st, key, v, stored, true);
}

static int sqlite_meta_raise(np_store *st, const char *key, int64_t v, int64_t *stored)
{
	return meta_move(st, key, v, stored, false);
}

/* The server's address, protocol and port as parameters 1-3; the address
 * text is s->key_addr, formatted once per server (set_key) and bound
 * without a copy: it stays until the next server's. */
static void set_key(struct sqlite_store *s, const np_server_key *k)
{
	np_server_addr_str(k, s->key_addr, sizeof(s->key_addr));
}

static void bind_key(struct sqlite_store *s, sqlite3_stmt *st, const np_server_key *k)
{
	sqlite3_bind_text(st, 1, s->key_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, np_proto_name(k->proto), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, k->port);
}

static int address_order(const np_server_key *a, const np_server_key *b)
{
	if (a->family != b->family)
		return a->family - b->family;
	return memcmp(a->addr, b->addr, 16);
}

static bool same_address(const np_server_key *a, const np_server_key *b)
{
	return address_order(a, b) == 0;
}

/* Asked after upsert_server made the row: the rows of the address other
 * than this one are those it had before. */
static int sqlite_address_known(np_store *st, const np_server_key *k, bool *known)
{
	struct sqlite_store *s = of(st);
	if (s->empty_at_begin && s->have_cur && memcmp(&s->cur, k, sizeof(*k)) == 0) {
		*known = s->have_prev && same_address(&s->prev, k);
		return 0;
	}
	set_key(s, k);
	sqlite3_reset(s->known_addr);
	bind_key(s, s->known_addr, k);
	int rc = sqlite3_step(s->known_addr);
	*known = rc == SQLITE_ROW;
	sqlite3_reset(s->known_addr);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Whether the step of an upsert inserted its row: an INSERT sets the
 * connection's last rowid (a new rowid is never 0), its DO UPDATE leaves
 * it alone. One statement instead of a look and then an insert or update. */
static int step_upsert(sqlite3 *db, sqlite3_stmt *st, bool *inserted)
{
	sqlite3_set_last_insert_rowid(db, 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		return -1;
	*inserted = sqlite3_last_insert_rowid(db) != 0;
	return 0;
}

static int upsert_row(struct sqlite_store *s, const np_server *v, int64_t added_clients, bool *created)
{
	char first[40], last[40];
	sqlite3_stmt *st = s->upsert;
	sqlite3_reset(st);
	bind_key(s, st, &v->key);
	np_time_iso(v->first_us, first, sizeof(first));
	np_time_iso(v->last_us, last, sizeof(last));
	sqlite3_bind_text(st, 4, v->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, first, -1, SQLITE_STATIC); /* alive until the step */
	sqlite3_bind_text(st, 6, last, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)v->flows);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)v->packets);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)v->bytes);
	sqlite3_bind_double(st, 10, v->confidence);
	sqlite3_bind_text(st, 11, v->evidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, v->ties, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, v->key.family);
	sqlite3_bind_blob(st, 14, v->key.addr, v->key.family == 4 ? 4 : 16, SQLITE_STATIC);
	sqlite3_bind_int64(st, 15, v->first_us);
	sqlite3_bind_int64(st, 16, v->last_us);
	sqlite3_bind_text(st, 17, v->confirmed ? "confirmed" : "unconfirmed", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 18, added_clients);
	int rc = step_upsert(s->db, st, created);
	sqlite3_reset(st); /* no text bound above outlives its step */
	return rc;
}

/* The largest statement (batch_rows) of at most n rows, n > 0. */
static size_t batch_size(uint32_t n)
{
	size_t size = BATCH_SIZES - 1;
	while (batch_rows[size] > n)
		size--;
	return size;
}

/* Prepares "INSERT INTO head VALUES (row),(row)... tail" of
 * batch_rows[size] rows into *st; each '#' of row is the next parameter,
 * numbered from first on. *st NULL when it cannot be prepared. */
static void prepare_batch(struct sqlite_store *s, sqlite3_stmt **st, size_t size, const char *head, const char *row,
			  unsigned first, const char *tail)
{
	char sql[4096];
	size_t o = (size_t)snprintf(sql, sizeof(sql), "INSERT INTO %s VALUES", head);
	unsigned p = first;
	for (unsigned r = 0; r < batch_rows[size] && o < sizeof(sql); r++) {
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, "%s", r ? "," : " ");
		for (const char *c = row; *c && o < sizeof(sql); c++)
			o += *c == '#' ? (size_t)snprintf(sql + o, sizeof(sql) - o, "?%u", p++)
				       : (size_t)snprintf(sql + o, sizeof(sql) - o, "%c", *c);
	}
	if (o < sizeof(sql))
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, " %s", tail);
	if (o >= sizeof(sql) || sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		*st = NULL;
}

/* That statement, prepared at its first use and kept; NULL when it cannot
 * be prepared. */
static sqlite3_stmt *batch_statement(struct sqlite_store *s, sqlite3_stmt **st, size_t size, const char *head,
				     const char *row, unsigned first, const char *tail)
{
	if (!*st)
		prepare_batch(s, st, size, head, row, first, tail);
	return *st;
}

/* np_updated(x): x, counting a client row that an upsert updated rather
 * than inserted (upsert_clients). */
static void count_update(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	((struct sqlite_store *)sqlite3_user_data(ctx))->updated++;
	sqlite3_result_value(ctx, argv[0]);
}

/* The upsert of batch_rows[size] client rows of one server: ?1-?3 its
 * key, then four a row (client, first seen, last seen, flows). */
static sqlite3_stmt *client_statement(struct sqlite_store *s, size_t size)
{
	if (!s->counting) {
		if (sqlite3_create_function(s->db, "np_updated", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, s, count_update,
					    NULL, NULL) != SQLITE_OK)
			return NULL;
		s->counting = true;
	}
	return batch_statement(s, &s->client[size], size,
			       "clients (address, protocol, port, client, first_seen, last_seen, flows)",
			       "(?1,?2,?3,#,#,#,#)", 4,
			       "ON CONFLICT(address, protocol, port, client) DO UPDATE SET"
			       "  first_seen = MIN(clients.first_seen, excluded.first_seen),"
			       "  last_seen = MAX(clients.last_seen, excluded.last_seen),"
			       "  flows = np_updated(clients.flows + excluded.flows)");
}

/* A server's clients: new ones are inserted, known ones updated; *added:
 * how many were new, for servers.clients (upsert_row): the rows of each
 * statement less those its DO UPDATE counted. Counting as they come keeps
 * a commit's cost to its own clients, not to every client ever stored (a
 * flood stores millions). */
static int upsert_clients(struct sqlite_store *s, const np_server *v, int64_t *added)
{
	*added = 0;
	for (uint32_t i = 0; i < v->nclients;) {
		size_t size = batch_size(v->nclients - i);
		sqlite3_stmt *st = client_statement(s, size);
		if (!st)
			return -1;
		bind_key(s, st, &v->key);
		for (unsigned r = 0, p = 4; r < batch_rows[size]; r++, p += 4, i++) {
			const np_client_stat *c = &v->clients[i];
			np_server_key ck = {{0}, c->family, 0, 0};
			memcpy(ck.addr, c->addr, 16);
			np_server_addr_str(&ck, s->client_addr[r], sizeof(s->client_addr[r]));
			np_time_iso(c->first_us, s->client_first[r], sizeof(s->client_first[r]));
			np_time_iso(c->last_us, s->client_last[r], sizeof(s->client_last[r]));
			sqlite3_bind_text(st, (int)p, s->client_addr[r], -1, SQLITE_STATIC); /* alive until the step */
			sqlite3_bind_text(st, (int)p + 1, s->client_first[r], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, (int)p + 2, s->client_last[r], -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, (int)p + 3, c->flows);
		}
		s->updated = 0;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
		*added += (int64_t)batch_rows[size] - s->updated;
	}
	return 0;
}

/* The sensor rows waiting in sensors[] upserted: ?1 this sensor, then six
 * parameters a row. */
static int flush_sensors(struct sqlite_store *s)
{
	unsigned n = s->nsensors;
	s->nsensors = 0; /* written now, or lost with the transaction */
	for (unsigned i = 0; i < n;) {
		size_t size = batch_size(n - i);
		sqlite3_stmt *st =
			batch_statement(s, &s->sensor[size], size,
					"server_sensors (address, protocol, port, sensor, first_us, last_us, flows)",
					"(#,#,#,?1,#,#,#)", 2,
					"ON CONFLICT(address, protocol, port, sensor) DO UPDATE SET"
					"  first_us = MIN(server_sensors.first_us, excluded.first_us),"
					"  last_us = MAX(server_sensors.last_us, excluded.last_us),"
					"  flows = server_sensors.flows + excluded.flows");
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, s->base.sensor, -1, SQLITE_STATIC);
		for (unsigned r = 0, p = 2; r < batch_rows[size]; r++, p += 6, i++) {
			const struct sensor_row *w = &s->sensors[i];
			sqlite3_bind_text(st, (int)p, w->addr, -1, SQLITE_STATIC); /* alive until the step */
			sqlite3_bind_text(st, (int)p + 1, w->proto, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, (int)p + 2, w->port);
			sqlite3_bind_int64(st, (int)p + 3, w->first_us);
			sqlite3_bind_int64(st, (int)p + 4, w->last_us);
			sqlite3_bind_int64(st, (int)p + 5, w->flows);
		}
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* The server's row of server_sensors, written with others (flush_sensors). */
static int upsert_sensor(struct sqlite_store *s, const np_server *v)
{
	_Static_assert(sizeof(s->sensors[0].addr) == sizeof(s->key_addr), "the key's text fits a sensor row");
	struct sensor_row *w = &s->sensors[s->nsensors++];
	memcpy(w->addr, s->key_addr, sizeof(w->addr));
	w->proto = np_proto_name(v->key.proto);
	w->port = v->key.port;
	w->first_us = v->first_us;
	w->last_us = v->last_us;
	w->flows = (int64_t)v->flows;
	return s->nsensors == BATCH_ROWS_MAX ? flush_sensors(s) : 0;
}

/* The clients go first, so the server's row is written once with its
 * count of clients; the upsert of that row tells whether it created it. */
static int sqlite_upsert_server(np_store *st, const np_server *v, bool *created)
{
	struct sqlite_store *s = of(st);
	int64_t added;
	set_key(s, &v->key);
	*created = false;
	if (upsert_clients(s, v, &added) || upsert_row(s, v, added, created) || upsert_sensor(s, v))
		return -1;
	*created &= !v->stored; /* a row the batch before stored (profile/sent.h) was there */
	/* Keys come in order of address (inventory.c), so the rows of an
	 * address are upserted one after another; out of order, address_known
	 * asks the table. */
	if (s->have_cur && address_order(&v->key, &s->cur) < 0)
		s->empty_at_begin = false;
	s->prev = s->cur;
	s->have_prev = s->have_cur;
	s->cur = v->key;
	s->have_cur = true;
	return 0;
}

static int sqlite_add_alert(np_store *st, const np_store_alert *a)
{
	sqlite3_stmt *q = of(st)->alert;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, a->time, -1, SQLITE_STATIC); /* alive until the step */
	sqlite3_bind_text(q, 2, a->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, a->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, a->protocol, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, a->port);
	sqlite3_bind_text(q, 6, a->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, a->evidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, a->sensor, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(q); /* no text bound above outlives its step */
	return rc;
}

static int sqlite_take_quiet(np_store *st, int64_t before_us, np_store_quiet_fn fn, void *ctx)
{
	sqlite3 *db = of(st)->db;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db,
			       "SELECT family, addr_bin, protocol, port, service, last_us, clients, confidence, status "
			       "FROM servers WHERE last_us < ? AND quiet_reported = 0",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, before_us);
	while (sqlite3_step(q) == SQLITE_ROW) {
		np_server s;
		memset(&s, 0, sizeof(s));
		s.key.family = (uint8_t)sqlite3_column_int(q, 0);
		int blen = sqlite3_column_bytes(q, 1);
		if (blen > 0)
			memcpy(s.key.addr, sqlite3_column_blob(q, 1), blen > 16 ? 16 : (size_t)blen);
		s.key.proto = np_proto_number((const char *)sqlite3_column_text(q, 2));
		s.key.port = (uint16_t)sqlite3_column_int(q, 3);
		s.service = (const char *)sqlite3_column_text(q, 4);
		s.last_us = sqlite3_column_int64(q, 5);
		s.nclients = (uint32_t)sqlite3_column_int(q, 6);
		s.confidence = sqlite3_column_double(q, 7);
		const char *status = (const char *)sqlite3_column_text(q, 8);
		s.confirmed = !status || strcmp(status, "unconfirmed") != 0;
		if (fn(ctx, &s) != 0) {
			sqlite3_finalize(q);
			return -1;
		}
	}
	sqlite3_finalize(q);
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE servers SET quiet_reported=1 WHERE last_us < %lld", (long long)before_us);
	return exec_sql(db, sql);
}

/* ---- reading ---------------------------------------------------------------------------- */

static int sqlite_each_server(np_store *st, np_store_row_fn fn, void *ctx)
{
	sqlite3 *db = of(st)->db;
	char sql[320];
	snprintf(sql, sizeof(sql),
		 "SELECT address, protocol, port, service, first_seen, last_seen, flows, packets, bytes,"
		 " clients, confidence, evidence, ties, first_us, last_us, %s FROM servers"
		 " ORDER BY family, addr_bin, protocol, port",
		 has_column(db, "servers", "status") ? "status" : "NULL");
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		np_inventory_row r;
#define COL_TEXT(i) ((const char *)sqlite3_column_text(q, (i)))
		r.address = COL_TEXT(0);
		r.protocol = COL_TEXT(1);
		r.port = sqlite3_column_int(q, 2);
		r.service = COL_TEXT(3);
		r.first_seen = COL_TEXT(4);
		r.last_seen = COL_TEXT(5);
		r.flows = sqlite3_column_int64(q, 6);
		r.packets = sqlite3_column_int64(q, 7);
		r.bytes = sqlite3_column_int64(q, 8);
		r.clients = sqlite3_column_int64(q, 9);
		r.confidence = sqlite3_column_double(q, 10);
		r.evidence = COL_TEXT(11);
		r.ties = COL_TEXT(12);
		r.first_us = sqlite3_column_int64(q, 13);
		r.last_us = sqlite3_column_int64(q, 14);
		r.status = COL_TEXT(15);
#undef COL_TEXT
		fn(ctx, &r);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sqlite_each_client(np_store *st, unsigned max_per_server, np_store_client_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(of(st)->db,
			       "SELECT address, protocol, port, client, first_seen, last_seen, flows FROM"
			       " (SELECT *, ROW_NUMBER() OVER (PARTITION BY address, protocol, port"
			       "   ORDER BY flows DESC, client) AS rank FROM clients)"
			       " WHERE ?1 = 0 OR rank <= ?1 ORDER BY address, protocol, port, rank",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, max_per_server);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		np_inventory_client c = {
			(const char *)sqlite3_column_text(q, 0),
			(const char *)sqlite3_column_text(q, 1),
			(const char *)sqlite3_column_text(q, 3),
			(const char *)sqlite3_column_text(q, 4),
			(const char *)sqlite3_column_text(q, 5),
			sqlite3_column_int(q, 2),
			sqlite3_column_int64(q, 6),
		};
		fn(ctx, &c);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sqlite_each_alert(np_store *st, np_store_alert_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(
		    of(st)->db,
		    "SELECT time, kind, address, protocol, port, service, evidence FROM alerts ORDER BY time", -1, &q,
		    NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		np_inventory_alert_row a = {
			(const char *)sqlite3_column_text(q, 0),
			(const char *)sqlite3_column_text(q, 1),
			(const char *)sqlite3_column_text(q, 2),
			(const char *)sqlite3_column_text(q, 3),
			(const char *)sqlite3_column_text(q, 5),
			(const char *)sqlite3_column_text(q, 6),
			sqlite3_column_int(q, 4),
		};
		fn(ctx, &a);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sqlite_top_clients(np_store *st, unsigned n, np_store_top_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(of(st)->db,
			       "SELECT client, COUNT(*), SUM(flows) FROM clients GROUP BY client"
			       " ORDER BY SUM(flows) DESC, client LIMIT ?",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, n);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1),
		   sqlite3_column_int64(q, 2));
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A file does not go away as a server does. */
static bool sqlite_lost(np_store *st)
{
	(void)st;
	return false;
}

static int sqlite_reconnect(np_store *st, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", st->name, sqlite3_errmsg(of(st)->db));
	return -1;
}

static const char *sqlite_errmsg(np_store *st)
{
	return of(st)->failed[0] ? of(st)->failed : sqlite3_errmsg(of(st)->db);
}

static int sqlite_upsert_device(np_store *st, const np_device *d)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(of(st)->db,
			       "INSERT INTO devices (address, role, first_seen, last_seen, first_us, last_us, evidence)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (address, role) DO UPDATE SET"
			       "  first_seen = CASE WHEN excluded.first_us < devices.first_us THEN excluded.first_seen"
			       "               ELSE devices.first_seen END,"
			       "  first_us = MIN(devices.first_us, excluded.first_us),"
			       "  last_seen = CASE WHEN excluded.last_us >= devices.last_us THEN excluded.last_seen"
			       "              ELSE devices.last_seen END,"
			       "  evidence = CASE WHEN excluded.last_us >= devices.last_us THEN excluded.evidence"
			       "             ELSE devices.evidence END,"
			       "  last_us = MAX(devices.last_us, excluded.last_us)",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	char first[40], last[40];
	np_time_iso(d->first_us, first, sizeof(first));
	np_time_iso(d->last_us, last, sizeof(last));
	sqlite3_bind_text(q, 1, d->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, d->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, last, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, d->first_us);
	sqlite3_bind_int64(q, 6, d->last_us);
	sqlite3_bind_text(q, 7, d->evidence, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sqlite_each_device(np_store *st, np_store_device_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	if (!has_table(of(st)->db, "devices"))
		return 0; /* read-only, from before schema 3: none */
	if (sqlite3_prepare_v2(of(st)->db,
			       "SELECT address, role, first_seen, last_seen, evidence, first_us, last_us FROM devices"
			       " ORDER BY role, address",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		np_inventory_device d = {
			(const char *)sqlite3_column_text(q, 0),
			(const char *)sqlite3_column_text(q, 1),
			(const char *)sqlite3_column_text(q, 2),
			(const char *)sqlite3_column_text(q, 3),
			(const char *)sqlite3_column_text(q, 4),
			sqlite3_column_int64(q, 5),
			sqlite3_column_int64(q, 6),
		};
		fn(ctx, &d);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const np_store_ops sqlite_ops = {
	sqlite_begin,         sqlite_commit,        sqlite_rollback,      sqlite_meta_lower,  sqlite_meta_raise,
	sqlite_address_known, sqlite_upsert_server, sqlite_add_alert,     sqlite_take_quiet,  sqlite_each_server,
	sqlite_each_client,   sqlite_each_alert,    sqlite_top_clients,   sqlite_lost,        sqlite_reconnect,
	sqlite_errmsg,        sqlite_close,         sqlite_upsert_device, sqlite_each_device,
};
