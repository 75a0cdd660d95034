/*
 * profiler.h - from flows to a list of servers: collects the conversations
 * of a run, names their services from payload (via the flow table's payload
 * hook), ties FTP data connections and PPTP's GRE to their control
 * sessions, measures fan-in, decides each conversation's server
 * (roles.h), and sums the servers up with their clients.
 *
 * Not for: storage and alerts (inventory.h).
 */
#ifndef NP_PROFILER_H
#define NP_PROFILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../flow/decap.h"
#include "../flow/flow.h"
#include "ties.h"

typedef struct np_server_key {
	uint8_t addr[16];
	uint8_t family;
	uint8_t proto;
	uint16_t port;
} np_server_key;

typedef struct np_client_stat {
	uint8_t addr[16];
	uint8_t family;
	uint32_t flows;
	int64_t first_us, last_us;
} np_client_stat;

typedef struct np_server {
	np_server_key key;
	const char *service; /* static string, or NULL */
	int64_t first_us, last_us;
	uint64_t flows, packets, bytes;
	bool confirmed;          /* an answer of it was seen (else: only sent to; see roles.h) */
	double confidence;       /* the highest of its confirmed conversations (of all, if none is) */
	char evidence[192];      /* of that conversation */
	char ties[NP_TIES_SIZE]; /* connections that belong to it (ties.h): "ftp-data:active/20", "gre" */
	uint32_t nclients;       /* peers that got past the handshake (see half_open in profiler.c) */
	np_client_stat *clients;
	uint32_t own; /* its own conversations (not tied to another server's) */
	/* Set by np_sent_filter (sent.h): */
	bool stored;    /* the store holds its row already (no alert can be raised for it) */
	bool unchanged; /* and merging it would change nothing there: left out of the merge */
} np_server;

typedef struct np_profile_config {
	bool no_flags; /* ignore TCP flags and the handshake */
} np_profile_config;

typedef struct np_validation {
	uint64_t conversations;             /* TCP conversations whose handshake gives the truth */
	uint64_t tp, fp, fn;                /* of the flagless answer, per conversation */
	uint64_t list_tp, list_fp, list_fn; /* as a server list */
} np_validation;

typedef struct np_profiler np_profiler;

np_profiler *np_profiler_new(const np_profile_config *cfg);
void np_profiler_free(np_profiler *p);
/* Empty again, as np_profiler_new left it, for the next batch of a
 * continuous run (watch): the room its conversations took is kept, so the
 * next batch is not copied as it grows nor paged in afresh; most of it is
 * given back when this batch used little of it. */
void np_profiler_reset(np_profiler *p);
/* The flow table's payload hook (pass the profiler as its context). */
void np_profiler_payload(void *profiler, np_flow *f, bool reverse, const uint8_t *payload, uint32_t len);
/* The flow table's emit hook, or a record read from a file. has_flags:
 * the record carries TCP flags (false for NetFlow-style input). */
void np_profiler_add_flow(np_profiler *p, const np_flow *f, bool has_flags);
/* A flow inside a tunnel (flow/decap.h): its server's evidence names the
 * tunnel it was seen through ("via vxlan 192.0.2.1>192.0.2.2 vni 42"). */
void np_profiler_add_tunnelled(np_profiler *p, const np_flow *f, bool has_flags, const np_flow_tunnel *t);
/* A flow still in progress: it names servers and clients (so a new server
 * is known at once) but adds no flows, packets or bytes; those come when
 * the flow ends and is added with np_profiler_add_flow. */
void np_profiler_add_active(np_profiler *p, const np_flow *f, bool has_flags);
/* The same for a flow inside a tunnel (watch: the inner flows still open). */
void np_profiler_add_active_tunnelled(np_profiler *p, const np_flow *f, bool has_flags, const np_flow_tunnel *t);
/* Decide every conversation and build the server list. */
void np_profiler_finish(np_profiler *p);
/* Continuous profiling decides in batches: hand the FTP and PPTP control
 * sessions of a decided batch (active since `since_us`) to the next one,
 * uncounted, so data connections and GRE that outlive them are still tied. */
void np_profiler_carry_controls(const np_profiler *from, np_profiler *to, int64_t since_us);
/* Put what the undecided `from` collected (conversations, in order, and
 * FTP data announcements) before what `to` holds, without copying `to`'s
 * (the bigger batch): watch's commit thread decides a batch collected on
 * the table's thread after the control sessions carried into it. */
void np_profiler_prepend(np_profiler *to, const np_profiler *from);
/* Continuous profiling names services on one profiler (the flow table's
 * payload hook) and decides batches on others: hand the FTP data
 * connections announced on control channels (PORT, EPRT, 227, 229) to the
 * batch `to` before it is decided, and keep in `from` only those said
 * since `since_us`, so the list stays bounded however long the run. */
void np_profiler_take_announcements(np_profiler *from, np_profiler *to, int64_t since_us);
/* The order of np_profiler_servers: family, address, protocol, port. */
int np_server_key_cmp(const np_server_key *a, const np_server_key *b);
/* The servers, sorted by family, address, protocol, port. */
const np_server *np_profiler_servers(const np_profiler *p, size_t *n);
/* The same, to be trimmed before they are stored (sent.h). */
np_server *np_profiler_servers_edit(np_profiler *p, size_t *n);
/* --validate: the flagless answer against the handshake, on TCP. */
void np_profiler_validate(np_profiler *p, np_validation *v);

#endif
