/*
 * inventory.h - the server inventory in one SQLite database file, and the
 * alerts it raises when it changes.
 *
 * Tables: servers (address, protocol, port, service, first/last seen,
 * flows, packets, bytes, distinct clients, confidence, evidence, ties,
 * status: confirmed once an answer of it was seen, else unconfirmed),
 * clients (per server), alerts (what was raised, when), meta. Each merge
 * is one transaction in WAL mode, so a kill at any moment loses nothing
 * that was committed, and a later run adds to what earlier runs stored.
 *
 * Alerts: a (address, protocol, port) acting as a server for the first
 * time is "new-server", or "new-service" when the address already served
 * something; servers first seen within the learning period after the
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
} np_inventory_opts;

/* One row as stored, for printing. */
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

/* The schema this build writes and reads (PRAGMA user_version). */
#define NP_INVENTORY_SCHEMA 1

/* Open or create; NULL with a message in err. */
np_inventory *np_inventory_open(const char *path, char *err, size_t errlen);
/* Open an inventory that must exist, read-only: NULL with a message in
 * err when it is missing, not a database, not an inventory, or written by
 * a newer schema than this build knows. */
np_inventory *np_inventory_open_existing(const char *path, char *err, size_t errlen);
void np_inventory_close(np_inventory *inv);
/* Add a run's servers in one transaction; alerts go to fn once it has
 * committed (none when it fails). 0 or -1 (err). */
int np_inventory_merge(np_inventory *inv, const np_server *servers, size_t n, const np_inventory_opts *o,
		       np_alert_fn fn, void *ctx, char *err, size_t errlen);
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
void np_time_iso(int64_t us, char *buf, size_t len);

#endif
