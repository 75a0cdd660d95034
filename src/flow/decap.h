/*
 * decap.h - the conversations inside tunnels, metered beside the outer
 * view (`flows --decap`, and `servers`).
 *
 * Each packet handed to np_decap_packet is opened with np_tunnel_inner
 * (decode/tunnel.h), level after level up to NP_TUNNEL_MAX_DEPTH, and each
 * inner packet is accounted in a flow table of its own, so the outer table
 * (and its key) stays as YAF and SiLK users know it. A tunnel is one entry
 * of a small registry -- kind, outer addresses, VNI/key/call id, the
 * tunnel it was itself carried in, and the inner packet's VLAN -- and the
 * inner table's key carries the entry's index in its vlan field: two
 * tenants of two VXLAN segments with the same addresses stay apart, and
 * nothing is added to a flow of the outer table. The emit hook gets each
 * inner flow with its real VLAN back and its tunnel beside it.
 *
 * The registry holds up to NP_DECAP_MAX_TUNNELS tunnels for the run;
 * packets of tunnels past that are left in the outer view only (counted).
 *
 * Not for: finding what a tunnel carries (decode/tunnel.c), writing or
 * profiling the records (writer.c, profile/).
 */
#ifndef NP_DECAP_H
#define NP_DECAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../decode/tunnel.h"
#include "flow.h"

#define NP_DECAP_MAX_TUNNELS 65535

/* A tunnel an inner flow was carried in. */
typedef struct np_flow_tunnel {
	uint8_t kind;             /* enum np_tunnel_kind */
	uint8_t family;           /* of the outer addresses: 4 or 6 */
	uint8_t depth;            /* 1: in the outermost tunnel; 2: in a tunnel inside it... */
	uint8_t src[16], dst[16]; /* the outer addresses (IPv4 in the first 4 bytes) */
	uint32_t id;              /* VXLAN/Geneve VNI, GRE key, PPTP call id; 0 if none */
	uint16_t parent;          /* the tunnel this one was carried in (its index), 0 if none */
	uint16_t inner_vlan;      /* the inner packet's VLAN */
	uint16_t index;           /* its number in the run, from 1 (not part of its identity) */
} np_flow_tunnel;

/* An inner flow ended: f is as the inner packets make it (their VLAN),
 * t the tunnel it came through. Both valid only during the call. */
typedef void (*np_decap_emit_fn)(void *ctx, const np_flow *f, const np_flow_tunnel *t);

typedef struct np_decap_stats {
	uint64_t packets;   /* inner packets accounted (a packet two tunnels deep counts twice) */
	uint64_t tunnels;   /* distinct tunnels seen */
	uint64_t untracked; /* inner packets of tunnels past NP_DECAP_MAX_TUNNELS */
} np_decap_stats;

typedef struct np_decap np_decap;

/* cfg: as the outer table's (timeouts, limit, payload hook); batching is
 * not used. nano: packet times are nanoseconds. */
np_decap *np_decap_new(const np_flow_config *cfg, bool nano, np_decap_emit_fn emit, void *ctx);
void np_decap_free(np_decap *d);
/* Account what `pkt` carries (nothing when it is no tunnel packet). The
 * signature fits np_pipeline_hooks.packet. */
void np_decap_packet(void *decap, const np_packet *pkt);
/* End every inner flow (end of input). */
void np_decap_flush(np_decap *d, uint8_t reason);
/* End the inner flows idle or over their active time as of now_us (a quiet
 * live link: watch). */
void np_decap_expire(np_decap *d, int64_t now_us);
/* Visit every inner flow still active, as the emit hook gets an ended one
 * (watch profiles them at each commit). */
void np_decap_each(const np_decap *d, np_decap_emit_fn fn, void *ctx);
/* The tunnel of an inner table's flow (f as the inner table holds it, e.g.
 * in its payload hook); NULL for any other flow. */
const np_flow_tunnel *np_decap_tunnel_of(const np_decap *d, const np_flow *f);
const np_decap_stats *np_decap_stats_of(const np_decap *d);
/* A tunnel read back from flow records (collect/): its index in d's
 * registry, added if new (t->index ignored); 0 when the registry is full. */
uint16_t np_decap_register(np_decap *d, const np_flow_tunnel *t);
/* Whether a and b are one tunnel (its index left out; either direction:
 * the outer addresses swapped, PPTP's per-direction call ids). */
bool np_flow_tunnel_same(const np_flow_tunnel *a, const np_flow_tunnel *b);
/* A hash that agrees with np_flow_tunnel_same. */
uint32_t np_flow_tunnel_hash(const np_flow_tunnel *t);
/* "vxlan 192.0.2.1>192.0.2.2 vni 42" into buf; returns buf. */
const char *np_flow_tunnel_str(const np_flow_tunnel *t, char *buf, size_t size);

#endif
