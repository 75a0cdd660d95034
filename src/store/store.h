/*
 * store.h - where the server inventory lives: one small interface, one file
 * per backend (sqlite.c: a database file, the default; postgres.c: a
 * PostgreSQL database many sensors write into at once).
 *
 * The inventory (profile/inventory.c) decides what a batch of servers means
 * (alerts, the learning period, quiet servers) and calls these operations
 * inside one transaction per batch; a backend only knows how its engine
 * stores and merges a row. The caller never knows which backend runs:
 * np_store_open picks it from the name (a postgresql:// or postgres://
 * URI, or a libpq "key=value" string, is PostgreSQL; anything else is a
 * file path).
 *
 * Merging is the same in every backend: counts add, first seen is the
 * minimum, last seen the maximum, clients and sensors are a union, and the
 * INSERT that creates a server row is the one that says it is new, so a
 * server seen by two sensors in the same second is new to one of them only.
 *
 * Not for: alerts and their rules (inventory.h), the tables' layout
 * (schema.h).
 */
#ifndef NP_STORE_H
#define NP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../profile/devices.h"
#include "../profile/profiler.h"

/* One server row as stored, for printing. */
typedef struct np_inventory_row {
	const char *address, *protocol, *service, *first_seen, *last_seen, *evidence, *ties;
	const char *status; /* "confirmed" (an answer seen) or "unconfirmed" (only sent to) */
	int port;
	int64_t flows, packets, bytes, clients;
	int64_t first_us, last_us;
	double confidence;
} np_inventory_row;

/* One client of a server, and one stored alert, as read back. */
typedef struct np_inventory_client {
	const char *address, *protocol, *client, *first_seen, *last_seen;
	int port;
	int64_t flows;
} np_inventory_client;

typedef struct np_inventory_alert_row {
	const char *time, *kind, *address, *protocol, *service, *evidence;
	int port;
} np_inventory_alert_row;

/* One device row as stored (schema 3). */
typedef struct np_inventory_device {
	const char *address, *role, *first_seen, *last_seen, *evidence;
	int64_t first_us, last_us;
} np_inventory_device;

/* An alert as written into the alerts table. */
typedef struct np_store_alert {
	const char *time, *kind, *address, *protocol, *service, *evidence, *sensor;
	int port;
} np_store_alert;

typedef struct np_store np_store;

typedef void (*np_store_row_fn)(void *ctx, const np_inventory_row *r);
typedef void (*np_store_client_fn)(void *ctx, const np_inventory_client *c);
typedef void (*np_store_alert_fn)(void *ctx, const np_inventory_alert_row *a);
typedef void (*np_store_device_fn)(void *ctx, const np_inventory_device *d);
typedef void (*np_store_top_fn)(void *ctx, const char *client, int64_t servers, int64_t flows);
/* A server gone quiet, marked so in the transaction: key, service,
 * clients, confidence and confirmed are filled in; last_us is its last. */
typedef int (*np_store_quiet_fn)(void *ctx, const np_server *s);

/* Every operation returns 0, or -1 with the reason in errmsg. */
typedef struct np_store_ops {
	int (*begin)(np_store *st);
	int (*commit)(np_store *st);
	void (*rollback)(np_store *st);
	/* meta[key] becomes the smaller (or larger, raise) of itself and v,
	 * created as v; *stored: what it is now. */
	int (*meta_lower)(np_store *st, const char *key, int64_t v, int64_t *stored);
	int (*meta_raise)(np_store *st, const char *key, int64_t v, int64_t *stored);
	/* Any server row with this address other than k's own: asked after
	 * upsert_server created k's row, what the address had before it. */
	int (*address_known)(np_store *st, const np_server_key *k, bool *known);
	/* The server, its clients and this sensor merged in; *created: this
	 * call inserted the row (nobody had it). */
	int (*upsert_server)(np_store *st, const np_server *s, bool *created);
	int (*add_alert)(np_store *st, const np_store_alert *a);
	/* Servers last seen before before_us and not yet reported, marked
	 * reported; each told to fn (a nonzero return stops with -1). */
	int (*take_quiet)(np_store *st, int64_t before_us, np_store_quiet_fn fn, void *ctx);
	int (*each_server)(np_store *st, np_store_row_fn fn, void *ctx);
	int (*each_client)(np_store *st, unsigned max_per_server, np_store_client_fn fn, void *ctx);
	int (*each_alert)(np_store *st, np_store_alert_fn fn, void *ctx);
	int (*top_clients)(np_store *st, unsigned n, np_store_top_fn fn, void *ctx);
	/* The connection was lost (the server went away); reconnect: try once. */
	bool (*lost)(np_store *st);
	int (*reconnect)(np_store *st, char *err, size_t errlen);
	const char *(*errmsg)(np_store *st);
	void (*close)(np_store *st);
	/* One device merged in (inside begin/commit): first seen the minimum,
	 * last seen the maximum, the evidence that of the latest. */
	int (*upsert_device)(np_store *st, const np_device *d);
	/* Every device, by role and address. */
	int (*each_device)(np_store *st, np_store_device_fn fn, void *ctx);
} np_store_ops;

/* The part every backend's handle starts with. */
struct np_store {
	const np_store_ops *ops;
	char name[256];  /* for messages: a path, or host:port/dbname as user, never a password */
	char sensor[64]; /* who writes */
};

enum np_store_mode { NP_STORE_CREATE, NP_STORE_READ };

/* True when `where` names a PostgreSQL database, not a file. */
bool np_store_is_postgres(const char *where);
/* Open (NP_STORE_CREATE: create the tables, or migrate them forward) or
 * open an existing inventory to read it. NULL with one line in err that
 * names the database and what is wrong. */
np_store *np_store_open(const char *where, const char *sensor, enum np_store_mode mode, char *err, size_t errlen);
void np_store_close(np_store *st);

/* The backends (sqlite.c, postgres.c). */
np_store *np_store_sqlite_open(const char *path, const char *sensor, enum np_store_mode mode, char *err, size_t errlen);
np_store *np_store_postgres_open(const char *conninfo, const char *sensor, enum np_store_mode mode, char *err,
				 size_t errlen);

#endif
