/*
 * decap.c - the conversations inside tunnels (see decap.h).
 *
 * The registry is an array of tunnels (index 0 unused: "no tunnel") and an
 * open-addressing index of 2 * NP_DECAP_MAX_TUNNELS slots over it, so a
 * lookup per inner packet is one hash and, nearly always, one compare.
 */
#include "decap.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDEX_SLOTS (2u * 65536u)

struct np_decap {
	np_flow_table *table;
	np_decap_emit_fn emit;
	void *ctx;
	bool nano;
	np_flow_tunnel *tunnels; /* [0] unused */
	uint32_t ntunnels, captunnels;
	uint16_t *index; /* INDEX_SLOTS slots: a tunnel's index, 0 = empty */
	np_decap_stats stats;
	np_packet inner[2]; /* one level and the next */
	np_flow_obs obs[NP_FLOW_OBS_MAX];
};

static uint32_t fnv(uint32_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* FNV-1a over what tells tunnels apart (index left out). */
static uint32_t tunnel_hash(const np_flow_tunnel *t)
{
	uint8_t small[13] = {t->kind,
			     t->family,
			     t->depth,
			     (uint8_t)(t->id >> 24),
			     (uint8_t)(t->id >> 16),
			     (uint8_t)(t->id >> 8),
			     (uint8_t)t->id,
			     (uint8_t)(t->parent >> 8),
			     (uint8_t)t->parent,
			     (uint8_t)(t->inner_vlan >> 8),
			     (uint8_t)t->inner_vlan,
			     0,
			     0};
	uint32_t h = fnv(2166136261u, small, sizeof(small));
	h = fnv(h, t->src, sizeof(t->src));
	return fnv(h, t->dst, sizeof(t->dst));
}

static bool tunnel_equal(const np_flow_tunnel *a, const np_flow_tunnel *b)
{
	return a->kind == b->kind && a->family == b->family && a->depth == b->depth && a->id == b->id &&
	       a->parent == b->parent && a->inner_vlan == b->inner_vlan && memcmp(a->src, b->src, 16) == 0 &&
	       memcmp(a->dst, b->dst, 16) == 0;
}

/* A tunnel carries both directions of a conversation: its identity is
 * the same with the outer addresses swapped. */
static np_flow_tunnel canonical(const np_flow_tunnel *t)
{
	np_flow_tunnel c = *t;
	c.index = 0;
	/* PPTP's GRE carries the receiver's call id: one per direction. */
	if (c.kind == NP_TUNNEL_PPTP)
		c.id = 0;
	if (memcmp(c.src, c.dst, 16) > 0) {
		memcpy(c.src, t->dst, 16);
		memcpy(c.dst, t->src, 16);
	}
	return c;
}

uint32_t np_flow_tunnel_hash(const np_flow_tunnel *t)
{
	np_flow_tunnel c = canonical(t);
	return tunnel_hash(&c);
}

bool np_flow_tunnel_same(const np_flow_tunnel *a, const np_flow_tunnel *b)
{
	np_flow_tunnel x = canonical(a), y = canonical(b);
	return tunnel_equal(&x, &y);
}

/* The index of tunnel t, added if new -- as first seen, so tunnelSIP is the endpoint
 * that sent the tunnel's first packet; 0 when the registry is full. */
static uint16_t register_tunnel(np_decap *d, const np_flow_tunnel *t)
{
	np_flow_tunnel want = canonical(t);
	uint32_t slot = tunnel_hash(&want) & (INDEX_SLOTS - 1);
	for (;; slot = (slot + 1) & (INDEX_SLOTS - 1)) {
		uint16_t i = d->index[slot];
		if (i == 0)
			break;
		np_flow_tunnel have = canonical(&d->tunnels[i]);
		if (tunnel_equal(&have, &want))
			return i;
	}
	if (d->ntunnels >= NP_DECAP_MAX_TUNNELS)
		return 0;
	if (d->ntunnels + 1 >= d->captunnels) {
		uint32_t cap = d->captunnels ? d->captunnels * 2 : 64;
		np_flow_tunnel *n = realloc(d->tunnels, cap * sizeof(*n));
		if (!n)
			return 0;
		d->tunnels = n;
		d->captunnels = cap;
	}
	uint16_t i = (uint16_t)++d->ntunnels;
	d->tunnels[i] = *t;
	d->tunnels[i].index = i;
	d->index[slot] = i;
	d->stats.tunnels++;
	return i;
}

static void emit_inner(void *ctx, const np_flow *f)
{
	np_decap *d = ctx;
	const np_flow_tunnel *t = np_decap_tunnel_of(d, f);
	if (!t || !d->emit)
		return;
	np_flow copy = *f;
	copy.key.vlan = t->inner_vlan;
	d->emit(d->ctx, &copy, t);
}

np_decap *np_decap_new(const np_flow_config *cfg, bool nano, np_decap_emit_fn emit, void *ctx)
{
	np_decap *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->index = calloc(INDEX_SLOTS, sizeof(*d->index));
	np_flow_config c = *cfg;
	c.batch = false;
	d->table = d->index ? np_flow_table_new(&c, emit_inner, d) : NULL;
	if (!d->table) {
		free(d->index);
		free(d);
		return NULL;
	}
	d->emit = emit;
	d->ctx = ctx;
	d->nano = nano;
	return d;
}

uint16_t np_decap_register(np_decap *d, const np_flow_tunnel *t)
{
	return register_tunnel(d, t);
}

void np_decap_free(np_decap *d)
{
	if (!d)
		return;
	np_flow_table_free(d->table);
	free(d->tunnels);
	free(d->index);
	free(d);
}

/* The registry entry for tunnel t carrying packet `in`, below `parent`. */
static uint16_t tunnel_index(np_decap *d, const np_tunnel *t, uint16_t parent, uint8_t depth, uint16_t inner_vlan)
{
	np_flow_tunnel e;
	memset(&e, 0, sizeof(e));
	e.kind = t->kind;
	e.family = t->family;
	e.depth = depth;
	memcpy(e.src, t->src, t->family == 4 ? 4 : 16);
	memcpy(e.dst, t->dst, t->family == 4 ? 4 : 16);
	e.id = t->id;
	e.parent = parent;
	e.inner_vlan = inner_vlan;
	return register_tunnel(d, &e);
}

/* Account one inner packet as a flow of tunnel `parent`'s inside;
 * returns the index of the tunnel it came through (0 if untracked). */
static uint16_t account_inner(np_decap *d, const np_packet *in, const np_tunnel *t, uint16_t parent, uint8_t depth,
			      int64_t ts_us)
{
	unsigned n = np_flow_observe(np_flow_table_frags(d->table), in, ts_us, true, d->obs);
	uint16_t idx = 0;
	for (unsigned i = 0; i < n; i++) {
		np_flow_obs *o = &d->obs[i];
		idx = tunnel_index(d, t, parent, depth, o->k.vlan);
		if (!idx) {
			d->stats.untracked++;
			continue;
		}
		o->k.vlan = idx;
		o->hash = np_flow_key_hash(&o->k);
		np_flow_table_add_obs(d->table, o, false);
		d->stats.packets++;
	}
	return idx;
}

void np_decap_packet(void *decap, const np_packet *pkt)
{
	np_decap *d = decap;
	int64_t ts_us = (int64_t)pkt->ts_sec * 1000000 + (d->nano ? pkt->ts_frac / 1000 : pkt->ts_frac);
	const np_packet *outer = pkt;
	uint16_t parent = 0;
	for (uint8_t depth = 1; depth <= NP_TUNNEL_MAX_DEPTH; depth++) {
		np_packet *in = &d->inner[depth & 1];
		np_tunnel t;
		if (!np_tunnel_inner(outer, in, &t))
			return;
		parent = account_inner(d, in, &t, parent, depth, ts_us);
		if (!parent)
			return;
		outer = in;
	}
}

void np_decap_flush(np_decap *d, uint8_t reason)
{
	np_flow_table_flush(d->table, reason);
}

void np_decap_expire(np_decap *d, int64_t now_us)
{
	np_flow_table_expire(d->table, now_us);
}

struct each_ctx {
	const np_decap *d;
	np_decap_emit_fn fn;
	void *ctx;
};

static void each_inner(void *ctx, const np_flow *f)
{
	const struct each_ctx *e = ctx;
	const np_flow_tunnel *t = np_decap_tunnel_of(e->d, f);
	if (!t)
		return;
	np_flow copy = *f;
	copy.key.vlan = t->inner_vlan;
	e->fn(e->ctx, &copy, t);
}

void np_decap_each(const np_decap *d, np_decap_emit_fn fn, void *ctx)
{
	struct each_ctx e = {d, fn, ctx};
	np_flow_table_each(d->table, each_inner, &e);
}

const np_flow_tunnel *np_decap_tunnel_of(const np_decap *d, const np_flow *f)
{
	uint16_t i = f->key.vlan;
	return i > 0 && i <= d->ntunnels ? &d->tunnels[i] : NULL;
}

const np_decap_stats *np_decap_stats_of(const np_decap *d)
{
	return &d->stats;
}

static void addr_str(const uint8_t *a, uint8_t family, char *buf, size_t size)
{
	if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, a, buf, (socklen_t)size))
		snprintf(buf, size, "?");
}

const char *np_flow_tunnel_str(const np_flow_tunnel *t, char *buf, size_t size)
{
	char s[48], d[48];
	addr_str(t->src, t->family, s, sizeof(s));
	addr_str(t->dst, t->family, d, sizeof(d));
	const char *idname = t->kind == NP_TUNNEL_VXLAN || t->kind == NP_TUNNEL_GENEVE ? " vni"
			     : t->kind == NP_TUNNEL_PPTP                               ? " call"
			     : t->kind == NP_TUNNEL_GRE                                ? " key"
										       : "";
	if (t->id && idname[0])
		snprintf(buf, size, "%s %s>%s%s %u", np_tunnel_name(t->kind), s, d, idname, (unsigned)t->id);
	else
		snprintf(buf, size, "%s %s>%s", np_tunnel_name(t->kind), s, d);
	return buf;
}
