/*
 * inventory.h - the server inventory, in a SQLite file or a PostgreSQL
 * database many sensors share (store/store.h), and the alerts it raises
 * when it changes.
 *
 * Tables: servers (address, protocol, port, service, first/last seen,
 * flows, packets, bytes, distinct clients, confidence, evidence, ties,
 * status: confirmed once an answer of it was seen, else unconfirmed),
 * clients (per server), server_sensors (which sensors saw it), alerts
 * (what was raised, when, by which sensor), meta (store/schema.c). Each
 * merge is one transaction, so a kill at any moment loses nothing that was
 * committed, and a later run, or another sensor, adds to what is stored.
 *
 * Alerts: a (address, protocol, port) acting as a server for the first
 * time is "new-server", or "new-service" when the address already served
 * something; the sensor whose transaction created its row tells it, no
 * other, so it is told once however many sensors see it; servers first seen within the learning period after the
 * inventory's first observation are the baseline and raise none. A server
 * not seen for the quiet period is "gone-quiet" once.
 *
 * Not for: deciding who is a server (profiler.h).
 */
#ifndef NP_INVENTORY_H
#define NP_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/schema.h"
#include "../store/store.h"
#include "profiler.h"

typedef struct np_inventory np_inventory;

typedef struct np_alert {
	const char *kind; /* "new-server", "new-service", "gone-quiet" */
	const np_server_key *key;
	const char *service;
	const char *evidence;
	int64_t time_us; /* when it happened, capture time */
	uint32_t clients;
	double confidence;
	const char *status; /* "confirmed" or "unconfirmed" (NULL: confirmed) */
} np_alert;

typedef void (*np_alert_fn)(void *ctx, const np_alert *a);

typedef struct np_inventory_opts {
	int64_t learn_us;       /* learning period, 0 = none */
	int64_t quiet_after_us; /* 0 = never report quiet servers */
	size_t hold_bytes;      /* watch: batches held while the store is away (0: fail at once) */
} np_inventory_opts;

/* The schema this build writes and reads (store/schema.h). */
#define NP_INVENTORY_SCHEMA NP_STORE_SCHEMA

/* Open or create: a file path, or a PostgreSQL URI (store.h); sensor names
 * who writes (NULL: the host name). NULL with one line in err naming the
 * database (never a password) and what is wrong. */
np_inventory *np_inventory_open(const char *where, const char *sensor, char *err, size_t errlen);
/* Open an inventory that must exist, to read: NULL with a message in err
 * when it is missing, not a database, not an inventory, or written by a
 * newer schema than this build knows. */
np_inventory *np_inventory_open_existing(const char *where, char *err, size_t errlen);
void np_inventory_close(np_inventory *inv);
/* Add a run's servers in one transaction; alerts go to fn once it has
 * committed (none when it fails). 0 or -1 (err).
 *
 * With o->hold_bytes, a store that went away (a database server stopped,
 * the network cut) is not an error: the batch is kept, up to hold_bytes of
 * batches (the oldest dropped past it, and counted), the store is tried
 * again with a backoff of 1 s doubling to a minute, and what was held is
 * committed, oldest first, once it is back. */
int np_inventory_merge(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
		       np_alert_fn fn, void *ctx, char *err, size_t errlen);
/* Commit what is held now, retrying for up to wait_ms: the end of a run.
 * 0 when nothing is held any more, else -1 (err). */
int np_inventory_flush_held(np_inventory *inv, const np_inventory_opts *o, np_alert_fn fn, void *ctx, unsigned wait_ms,
			    char *err, size_t errlen);

/* The store going away, for the statistics line. */
typedef struct np_inventory_outage {
	int64_t away_us;  /* how long it was away in all (the current outage included) */
	uint64_t outages; /* times it went away */
	uint64_t held;    /* batches held now */
	uint64_t dropped; /* batches dropped past the bound */
	uint64_t dropped_flows;
	bool away; /* away now */
} np_inventory_outage;
void np_inventory_outage_stats(np_inventory *inv, np_inventory_outage *out);
/* The database's name for messages (a path, or host:port/dbname as user). */
const char *np_inventory_name(np_inventory *inv);
/* Every server row, sorted by address (numerically) and port. */
int np_inventory_each(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_row *r), void *ctx);
/* Each server's clients, most flows first, at most max_per_server of them
 * (0 = all), grouped by server. 0 or -1. */
int np_inventory_each_client(np_inventory *inv, unsigned max_per_server,
			     void (*fn)(void *ctx, const np_inventory_client *c), void *ctx);
/* Every stored alert, oldest first. 0 or -1. */
int np_inventory_each_alert(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_alert_row *a), void *ctx);
/* The n clients with the most flows over all servers: address, servers
 * used, flows. 0 or -1. */
int np_inventory_top_clients(np_inventory *inv, unsigned n,
			     void (*fn)(void *ctx, const char *client, int64_t servers, int64_t flows), void *ctx);
/* The devices of a run (devices.h) merged into the devices table, in one
 * transaction. 0, or -1 with the reason in err. */
int np_inventory_merge_devices(np_inventory *inv, const np_device *d, size_t n, char *err, size_t errlen);
/* Every stored device, by role and address. 0 or -1. */
int np_inventory_each_device(np_inventory *inv, void (*fn)(void *ctx, const np_inventory_device *d), void *ctx);
/* The last error of the database, for messages. */
const char *np_inventory_errmsg(np_inventory *inv);

/* A JSON string body: quotes, backslashes and control characters escaped
 * (cut short, never overflowing, when out is too small). */
void np_json_escape(const char *in, char *out, size_t len);
/* One alert as a line (no newline): text, or a JSON object. */
void np_alert_format(const np_alert *a, bool json, char *buf, size_t len);

/* Address and protocol text shared with the printers. */
void np_server_addr_str(const np_server_key *k, char *buf, size_t len);
const char *np_proto_name(uint8_t proto);
uint8_t np_proto_number(const char *name); /* the inverse; 255 when unknown */
void np_time_iso(int64_t us, char *buf, size_t len);

#endif
