/*
 * explain.h - tell a capture's story the way an analyst reads it by hand
 * (Karen Frederick, "Studying Normal Network Traffic", 2001): for each TCP
 * conversation the ARP that found its next hop, the DNS lookup that gave
 * its address, the three-way handshake and what it agreed, the data each
 * way, the teardown; each traceroute's rising TTLs and who answered; per
 * host, its IP ID pattern and its initial TTL.
 *
 * Feed every packet in capture order with its `decode -#` number; steps
 * come out through the callback, a conversation's steps in order, when
 * the conversation is over (closed and quiet, idle, pushed out of the
 * table, or at the end), host steps at the end (np_explain_finish).
 *
 * Memory is bounded (see explain.c): a fixed number of conversations,
 * traceroutes, hosts and remembered ARP, DNS and probe packets, and a
 * fixed number of packet numbers per step.
 *
 * Not for: output formatting beyond np_step_write, or judging what is odd
 * (anomalies.h).
 */
#ifndef NP_EXPLAIN_H
#define NP_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "../decode/packet.h"
#include "analyze.h"

#define NP_STEP_PACKETS 24 /* packet numbers a step lists at most */

typedef struct np_step {
	uint32_t conversation;   /* 0 for a host-level step */
	char host[NP_ADDR_TEXT]; /* host-level steps (ipid, ttl) */
	const char *kind;        /* "arp", "dns", "handshake", "data", "teardown", "traceroute", "ipid", "ttl" */
	uint64_t packets[NP_STEP_PACKETS];
	unsigned npackets;
	bool range;     /* packets holds the first and last of a run (data, host steps) */
	int64_t ts_sec; /* the step's first packet */
	uint32_t ts_frac;
	char summary[512];
} np_step;

typedef void (*np_step_fn)(void *ctx, const np_step *s);

typedef struct np_explain np_explain;

np_explain *np_explain_new(np_step_fn fn, void *ctx);
/* The same with smaller tables (the fuzz target fills them quickly). */
np_explain *np_explain_new_sized(np_step_fn fn, void *ctx, unsigned conv_slots, unsigned host_slots);
void np_explain_packet(np_explain *e, const np_packet *pkt, uint64_t number);
/* End of input: the stories still open, then the host steps. */
void np_explain_finish(np_explain *e);
void np_explain_free(np_explain *e);

/* One step as a text line or a JSON object (no newline). */
void np_step_write(np_out *o, const np_step *s, bool json, bool nano);

#endif
