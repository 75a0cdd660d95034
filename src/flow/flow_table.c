/*
 * flow_table.c - the flow table (see flow.h).
 *
 * Design, for cache misses rather than the textbook:
 * - Flows live in one pool array that grows by doubling up to max_flows;
 *   pages not yet used are never touched, so memory follows active flows.
 * - The index is open addressing with linear probing over 64-bit slots:
 *   the high 32 bits hold the key's hash (so most misses never touch a
 *   flow), the low 32 bits the pool index + 1. Deletion shifts entries back,
 *   so there are no tombstones. The hash is symmetric in the two endpoints,
 *   so one probe sequence finds a flow from either direction.
 * - A doubly linked list orders flows by last activity, to the second:
 *   idle expiry and eviction when full both take from its head in O(1). A
 *   flow moves to the tail at most once per second of capture time (its
 *   first packet in a new second), not at every packet: moving it touches
 *   two other flows' records, two cache misses, for most packets a waste.
 *   The second it last moved is that of its latest packet (lru_s below),
 *   so a flow at the head with lru_s = S was last active before S + 1;
 *   the sweep may end a flow up to a second late, but a packet after an
 *   idle gap never joins the old flow (np_flow_table_add checks).
 * - Packets come in as observations (np_flow_obs, flow_key.c: key, hash,
 *   bytes, flags, payload), so the decoding can run on another thread
 *   (pipeline.c); np_flow_table_add observes and accounts in one call.
 * - Batching (np_flow_config.batch): finding a flow costs two dependent
 *   cache misses, its index slot and then its record. A batching table
 *   queues each packet's key and hash, prefetches its slot at once and,
 *   half a batch later, the record the slot points to; the packet is
 *   accounted a whole batch later, in arrival order, when both are in
 *   cache. The prefetches are hints only: the accounting looks everything
 *   up again. With a payload hook, each waiting packet keeps a copy of its
 *   payload (up to BATCH_PAYLOAD bytes; a longer one is accounted at once,
 *   after the waiting ones), or only the pointer when the caller keeps the
 *   payload until np_flow_table_sync.
 */
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define NIL UINT32_MAX
#define BATCH_PAYLOAD 2048 /* a longer payload for payload_fn ends the batch */

enum { TCP_FIN_FWD = 1, TCP_FIN_REV = 2 };
enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10 };

struct np_flow_table {
	np_flow_config cfg;
	np_flow_emit_fn emit;
	void *ctx;
	np_flow *pool;
	size_t pool_reserved; /* bytes of address space mapped for the pool, 0 if malloc'd */
	uint32_t pool_cap, pool_used, free_head, active;
	uint64_t *slots;
	uint32_t slot_mask;
	uint32_t lru_head, lru_tail;
	int64_t now_us, last_expire_us;
	np_flow_stats stats;
	np_flow_frags *frags;          /* for np_flow_table_add */
	struct waiting {               /* a packet of a batch, as the table needs it */
		const np_flow_obs *op; /* the caller's (payload_kept), or &o */
		np_flow_obs o;         /* o.payload: the caller's, or copy below */
		uint8_t copy[BATCH_PAYLOAD];
	} batch[NP_FLOW_BATCH];
	uint32_t batch_head, batch_n;
};

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* 16 address bytes equal: two 64-bit compares (memcmp is a call here). */
static bool addr_equal(const uint8_t *a, const uint8_t *b)
{
	return ((load64(a) ^ load64(b)) | (load64(a + 8) ^ load64(b + 8))) == 0;
}

static bool key_equal(const np_flow_key *a, const np_flow_key *b)
{
	return a->sport == b->sport && a->dport == b->dport && a->proto == b->proto && a->vlan == b->vlan &&
	       a->family == b->family && addr_equal(a->src, b->src) && addr_equal(a->dst, b->dst);
}

static bool key_equal_reversed(const np_flow_key *stored, const np_flow_key *k)
{
	return stored->sport == k->dport && stored->dport == k->sport && stored->proto == k->proto &&
	       stored->vlan == k->vlan && stored->family == k->family && addr_equal(stored->src, k->dst) &&
	       addr_equal(stored->dst, k->src);
}

/* ---- memory ------------------------------------------------------------ */

/* Zeroed memory for the big arrays (index, pool): mapped, with huge pages
 * asked for once it is worth it, since every packet touches a random place
 * in both (fewer TLB misses and page faults). NULL on failure. */
static void *big_alloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (bytes >= (2u << 20))
		madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

static void big_free(void *p, size_t bytes)
{
	if (p)
		munmap(p, bytes);
}

/* ---- the index -------------------------------------------------------- */

static void index_insert(np_flow_table *t, uint32_t hash, uint32_t idx)
{
	uint32_t i = hash & t->slot_mask;
	while (t->slots[i])
		i = (i + 1) & t->slot_mask;
	t->slots[i] = ((uint64_t)hash << 32) | (idx + 1);
}

static int index_resize(np_flow_table *t, uint32_t nslots)
{
	uint64_t *old = t->slots;
	uint32_t old_n = old ? t->slot_mask + 1 : 0;
	uint64_t *ns = big_alloc((size_t)nslots * sizeof(*ns));
	if (!ns)
		return -1;
	t->slots = ns;
	t->slot_mask = nslots - 1;
	for (uint32_t i = 0; i < old_n; i++)
		if (old[i])
			index_insert(t, (uint32_t)(old[i] >> 32), (uint32_t)(old[i] & 0xffffffffu) - 1);
	big_free(old, (size_t)old_n * sizeof(*old));
	return 0;
}

/* The slot holding pool index idx with hash h. */
static uint32_t index_find_slot(const np_flow_table *t, uint32_t hash, uint32_t idx)
{
	uint64_t want = ((uint64_t)hash << 32) | (idx + 1);
	uint32_t i = hash & t->slot_mask;
	while (t->slots[i] != want)
		i = (i + 1) & t->slot_mask;
	return i;
}

static void index_delete(np_flow_table *t, uint32_t hash, uint32_t idx)
{
	uint32_t i = index_find_slot(t, hash, idx), j = i;
	for (;;) {
		j = (j + 1) & t->slot_mask;
		if (!t->slots[j])
			break;
		uint32_t home = (uint32_t)(t->slots[j] >> 32) & t->slot_mask;
		/* Move j back to i unless its home lies cyclically in (i, j]. */
		bool home_in_between = (i <= j) ? (i < home && home <= j) : (i < home || home <= j);
		if (!home_in_between) {
			t->slots[i] = t->slots[j];
			i = j;
		}
	}
	t->slots[i] = 0;
}

/* ---- the activity list ------------------------------------------------ */

static void lru_unlink(np_flow_table *t, uint32_t idx)
{
	np_flow *f = &t->pool[idx];
	if (f->lru_prev != NIL)
		t->pool[f->lru_prev].lru_next = f->lru_next;
	else
		t->lru_head = f->lru_next;
	if (f->lru_next != NIL)
		t->pool[f->lru_next].lru_prev = f->lru_prev;
	else
		t->lru_tail = f->lru_prev;
}

static void lru_append(np_flow_table *t, uint32_t idx)
{
	np_flow *f = &t->pool[idx];
	f->lru_prev = t->lru_tail;
	f->lru_next = NIL;
	if (t->lru_tail != NIL)
		t->pool[t->lru_tail].lru_next = idx;
	else
		t->lru_head = idx;
	t->lru_tail = idx;
}

/* ---- life of a flow --------------------------------------------------- */

np_flow_table *np_flow_table_new(const np_flow_config *cfg, np_flow_emit_fn emit, void *ctx)
{
	np_flow_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->cfg = *cfg;
	if (!t->cfg.idle_timeout_s)
		t->cfg.idle_timeout_s = 300;
	if (!t->cfg.active_timeout_s)
		t->cfg.active_timeout_s = 1800;
	if (!t->cfg.max_flows)
		t->cfg.max_flows = 1000000;
	t->emit = emit;
	t->ctx = ctx;
	t->free_head = NIL;
	t->lru_head = t->lru_tail = NIL;
	t->last_expire_us = INT64_MIN;
	/* The pool's address space for max_flows at once: it grows without
	 * copying, and only the pages flows have used take memory. Where that
	 * much cannot be mapped, it grows by realloc. */
	t->pool_reserved = (size_t)t->cfg.max_flows * sizeof(np_flow);
	t->pool = big_alloc(t->pool_reserved);
	if (!t->pool)
		t->pool_reserved = 0;
	t->frags = np_flow_frags_new();
	if (!t->frags || index_resize(t, 1024) != 0) {
		np_flow_table_free(t);
		return NULL;
	}
	return t;
}

void np_flow_table_free(np_flow_table *t)
{
	if (!t)
		return;
	if (t->pool_reserved)
		big_free(t->pool, t->pool_reserved);
	else
		free(t->pool);
	big_free(t->slots, ((size_t)t->slot_mask + 1) * sizeof(*t->slots));
	np_flow_frags_free(t->frags);
	free(t);
}

static void flow_end(np_flow_table *t, uint32_t idx, uint8_t reason)
{
	np_flow *f = &t->pool[idx];
	f->end_reason = reason;
	if (t->emit)
		t->emit(t->ctx, f);
	t->stats.flows_written++;
	index_delete(t, np_flow_key_hash(&f->key), idx);
	lru_unlink(t, idx);
	f->lru_next = t->free_head;
	t->free_head = idx;
	t->active--;
}

static int pool_grow(np_flow_table *t)
{
	uint32_t ncap = t->pool_cap ? t->pool_cap * 2 : 1024;
	if (ncap > t->cfg.max_flows)
		ncap = t->cfg.max_flows;
	if (ncap <= t->pool_cap)
		return -1;
	if (!t->pool_reserved) {
		np_flow *np = realloc(t->pool, (size_t)ncap * sizeof(*np));
		if (!np)
			return -1;
		t->pool = np;
	}
	t->pool_cap = ncap;
	uint32_t want_slots = t->slot_mask + 1;
	while (want_slots < ncap * 2u)
		want_slots *= 2;
	if (want_slots != t->slot_mask + 1 && index_resize(t, want_slots) != 0)
		return -1;
	return 0;
}

static uint32_t flow_alloc(np_flow_table *t)
{
	if (t->free_head != NIL) {
		uint32_t idx = t->free_head;
		t->free_head = t->pool[idx].lru_next;
		return idx;
	}
	if (t->pool_used == t->pool_cap && pool_grow(t) != 0) {
		/* Full: end the least recently active flow and take its place. */
		t->stats.evicted++;
		flow_end(t, t->lru_head, NP_END_EVICTED);
		return flow_alloc(t);
	}
	return t->pool_used++;
}

static uint32_t flow_create(np_flow_table *t, const np_flow_key *k, uint32_t hash, int64_t ts)
{
	uint32_t idx = flow_alloc(t);
	np_flow *f = &t->pool[idx];
	memset(f, 0, sizeof(*f));
	f->key = *k;
	f->fwd.first_us = f->fwd.last_us = ts;
	index_insert(t, hash, idx);
	lru_append(t, idx);
	t->active++;
	if (t->active > t->stats.peak_active)
		t->stats.peak_active = t->active;
	return idx;
}

/* Find the flow of k; *reverse tells the direction. NIL when absent. */
static uint32_t flow_lookup(const np_flow_table *t, const np_flow_key *k, uint32_t hash, bool *reverse)
{
	uint32_t i = hash & t->slot_mask;
	for (;; i = (i + 1) & t->slot_mask) {
		uint64_t s = t->slots[i];
		if (!s)
			return NIL;
		if ((uint32_t)(s >> 32) != hash)
			continue;
		uint32_t idx = (uint32_t)(s & 0xffffffffu) - 1;
		const np_flow_key *fk = &t->pool[idx].key;
		if (key_equal(fk, k)) {
			*reverse = false;
			return idx;
		}
		if (key_equal_reversed(fk, k)) {
			*reverse = true;
			return idx;
		}
	}
}

static void dir_account(np_flow_dir *d, int64_t ts, uint32_t bytes, uint8_t flags)
{
	if (d->packets == 0) {
		d->first_us = ts;
		d->initial_flags = flags;
	} else {
		d->session_flags |= flags;
	}
	if (ts > d->last_us || d->packets == 0)
		d->last_us = ts;
	d->packets++;
	d->bytes += bytes;
}

/* TCP close: RST ends at once; FIN both ways ends at the ACK that follows. */
static uint8_t tcp_track(np_flow *f, bool reverse, uint8_t flags)
{
	if (flags & TH_RST)
		return NP_END_RST;
	bool both = (f->tcp_state & (TCP_FIN_FWD | TCP_FIN_REV)) == (TCP_FIN_FWD | TCP_FIN_REV);
	if (both && (flags & (TH_FIN | TH_SYN)) == 0 && (flags & TH_ACK))
		return NP_END_FIN;
	if (flags & TH_FIN)
		f->tcp_state |= reverse ? TCP_FIN_REV : TCP_FIN_FWD;
	return 0;
}

static int64_t flow_last_us(const np_flow *f)
{
	return f->rev.packets && f->rev.last_us > f->fwd.last_us ? f->rev.last_us : f->fwd.last_us;
}

/* The capture second the flow last moved to the activity list's tail:
 * that of its latest packet (account moves it at its first packet in a
 * new second; times are never negative in the table). */
static int64_t lru_s(const np_flow *f)
{
	return flow_last_us(f) / 1000000;
}

static void flush_all(np_flow_table *t, uint8_t reason);
static void end_all(np_flow_table *t, uint8_t reason);
static void expire_idle(np_flow_table *t, int64_t now_us);
static void account(np_flow_table *t, const np_flow_obs *o);

/* Account the oldest waiting packet of the batch. */
static void batch_pop(np_flow_table *t)
{
	const struct waiting *w = &t->batch[t->batch_head];
	t->batch_head = (t->batch_head + 1) % NP_FLOW_BATCH;
	t->batch_n--;
	account(t, w->op);
}

void np_flow_table_sync(np_flow_table *t)
{
	while (t->batch_n)
		batch_pop(t);
}

void np_flow_table_add(np_flow_table *t, const np_packet *pkt, int64_t ts)
{
	np_flow_obs o[NP_FLOW_OBS_MAX];
	unsigned n = np_flow_observe(t->frags, pkt, ts, t->cfg.payload_fn != NULL, o);
	for (unsigned i = 0; i < n; i++)
		np_flow_table_add_obs(t, &o[i], false);
}

void np_flow_table_add_obs(np_flow_table *t, const np_flow_obs *o, bool payload_kept)
{
	t->stats.packets++;
	if (o->status == NP_OBS_NOT_IP) {
		t->stats.not_ip++;
		return;
	}
	if (o->status == NP_OBS_TRUNCATED)
		t->stats.truncated++;
	uint32_t plen = t->cfg.payload_fn ? o->plen : 0;
	if (!t->cfg.batch || (plen > BATCH_PAYLOAD && !payload_kept)) {
		np_flow_table_sync(t);
		account(t, o);
		return;
	}
	__builtin_prefetch(&t->slots[o->hash & t->slot_mask]);
	if (t->batch_n >= NP_FLOW_BATCH / 2) {
		/* Half a batch old: its slot is in cache by now; fetch the flow
		 * it points to (the first candidate; most lookups need no other). */
		const struct waiting *m = &t->batch[(t->batch_head + t->batch_n - NP_FLOW_BATCH / 2) % NP_FLOW_BATCH];
		uint64_t s = t->slots[m->op->hash & t->slot_mask];
		if (s) {
			const char *f = (const char *)&t->pool[(uint32_t)(s & 0xffffffffu) - 1];
			__builtin_prefetch(f);
			__builtin_prefetch(f + sizeof(np_flow) - 1);
		}
	}
	if (t->batch_n == NP_FLOW_BATCH)
		batch_pop(t);
	struct waiting *w = &t->batch[(t->batch_head + t->batch_n) % NP_FLOW_BATCH];
	t->batch_n++;
	if (payload_kept) { /* the caller's record, as it is (plen counts only with payload_fn) */
		w->op = o;
		if (plen)
			__builtin_prefetch(o->payload); /* read by payload_fn a batch later */
		return;
	}
	w->o = *o;
	w->o.plen = plen;
	w->op = &w->o;
	if (plen) {
		memcpy(w->copy, o->payload, plen);
		w->o.payload = w->copy;
	}
}

/* The table's clock from a packet's time: idle expiry runs from it. */
static void advance_clock(np_flow_table *t, int64_t ts)
{
	/* Time going back by more than the idle timeout (a clock stepped back,
	 * or the packets after one stamped years ahead): the table's clock
	 * restarts at this packet and the flows of the abandoned timeline end
	 * now, as idle, rather than wait for a clock that will not come back
	 * (with the clock stuck ahead, nothing would ever idle out again). */
	if (ts < t->now_us - (int64_t)t->cfg.idle_timeout_s * 1000000) {
		end_all(t, NP_END_IDLE);
		t->now_us = ts;
		t->last_expire_us = ts;
	}
	if (ts > t->now_us)
		t->now_us = ts;
	/* The sweep runs at most once a second of capture time (and on the
	 * first packet: INT64_MIN cannot be subtracted from). */
	if (t->last_expire_us == INT64_MIN || t->now_us - t->last_expire_us >= 1000000) {
		expire_idle(t, t->now_us);
		t->last_expire_us = t->now_us;
	}
}

/* One packet into its flow, with its transport payload for payload_fn. */
static void account(np_flow_table *t, const np_flow_obs *o)
{
	const np_flow_key *k = &o->k;
	int64_t ts = o->ts_us;
	/* A stamp before 1970 is damaged (pcap's seconds read as signed: a
	 * stamp past 2038 comes back as 1901..1970): it counts as 1970. */
	if (ts < 0)
		ts = 0;
	if (!o->late)
		advance_clock(t, ts);

	bool reverse = false;
	uint32_t idx = flow_lookup(t, k, o->hash, &reverse);
	if (idx != NIL) {
		/* Timeouts are exact here, whenever the sweep last ran: a packet
		 * after an idle gap, or past the active time, starts a new flow. */
		const np_flow *old = &t->pool[idx];
		uint8_t end = 0;
		if (ts - flow_last_us(old) >= (int64_t)t->cfg.idle_timeout_s * 1000000)
			end = NP_END_IDLE;
		else if (ts - old->fwd.first_us >= (int64_t)t->cfg.active_timeout_s * 1000000)
			end = NP_END_ACTIVE;
		if (end) {
			flow_end(t, idx, end);
			idx = NIL;
		}
	}
	if (idx == NIL) {
		idx = flow_create(t, k, o->hash, ts);
		reverse = false;
	} else if (ts / 1000000 > lru_s(&t->pool[idx])) {
		lru_unlink(t, idx);
		lru_append(t, idx);
	}
	np_flow *f = &t->pool[idx];
	dir_account(reverse ? &f->rev : &f->fwd, ts, o->bytes, o->flags);
	if (o->plen && t->cfg.payload_fn)
		t->cfg.payload_fn(t->cfg.payload_ctx, f, reverse, o->payload, o->plen);
	if (k->proto == 6) {
		uint8_t end = tcp_track(f, reverse, o->flags);
		if (end)
			flow_end(t, idx, end);
	}
}

static void expire_idle(np_flow_table *t, int64_t now_us)
{
	/* The head was last active before its lru_s + 1 (see the top). */
	int64_t idle = (int64_t)t->cfg.idle_timeout_s * 1000000;
	while (t->lru_head != NIL && now_us - (lru_s(&t->pool[t->lru_head]) + 1) * 1000000 >= idle)
		flow_end(t, t->lru_head, NP_END_IDLE);
}

void np_flow_table_expire(np_flow_table *t, int64_t now_us)
{
	np_flow_table_sync(t);
	expire_idle(t, now_us);
}

/* End every flow, least recently active first, one by one: the cost is
 * the active flows', whatever the size of the index (a capture whose clock
 * jumps back and forth ends them all at each jump). */
static void end_all(np_flow_table *t, uint8_t reason)
{
	while (t->lru_head != NIL)
		flow_end(t, t->lru_head, reason);
}

/* The same at the end of input, faster: the table empties at once
 * afterwards, rather than flow by flow (no index slot is visited, but the
 * whole index is cleared). With `block`, the flows go to it up to
 * FLUSH_BLOCK at a time instead of to emit one by one. */
#define FLUSH_BLOCK 16384

static void flush_all_to(np_flow_table *t, uint8_t reason, np_flow_block_fn block, void *ctx)
{
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	const np_flow **list = block ? malloc(FLUSH_BLOCK * sizeof(*list)) : NULL;
	size_t n = 0;
	for (uint32_t i = t->lru_head; i != NIL; i = t->pool[i].lru_next) {
		np_flow *f = &t->pool[i];
		__builtin_prefetch(&t->pool[f->lru_next == NIL ? i : f->lru_next]);
		f->end_reason = reason;
		if (list) {
			list[n++] = f;
			if (n == FLUSH_BLOCK) {
				block(ctx, list, n);
				n = 0;
			}
		} else if (block) {
			block(ctx, (const np_flow *const *)&f, 1); /* no memory for a list */
		} else if (t->emit) {
			t->emit(t->ctx, f);
		}
		t->stats.flows_written++;
	}
	if (n)
		block(ctx, list, n);
	free(list);
	memset(t->slots, 0, ((size_t)t->slot_mask + 1) * sizeof(*t->slots));
	t->lru_head = t->lru_tail = NIL;
	t->free_head = NIL;
	t->pool_used = 0;
	t->active = 0;
}

static void flush_all(np_flow_table *t, uint8_t reason)
{
	flush_all_to(t, reason, NULL, NULL);
}

/* Fragments still held first (np_flow_table_frags). */
static void release_frags(np_flow_table *t)
{
	np_flow_obs o[NP_FLOW_HOLD];
	unsigned n = np_flow_frags_release(t->frags, o);
	for (unsigned i = 0; i < n; i++)
		np_flow_table_add_obs(t, &o[i], false);
	np_flow_table_sync(t);
}

void np_flow_table_flush(np_flow_table *t, uint8_t reason)
{
	release_frags(t);
	flush_all(t, reason);
}

void np_flow_table_flush_blocks(np_flow_table *t, uint8_t reason, np_flow_block_fn block, void *ctx)
{
	release_frags(t);
	flush_all_to(t, reason, block, ctx);
}

void np_flow_table_each(const np_flow_table *t, void (*fn)(void *ctx, const np_flow *f), void *ctx)
{
	for (uint32_t i = t->lru_head; i != NIL; i = t->pool[i].lru_next)
		fn(ctx, &t->pool[i]);
}

np_flow_frags *np_flow_table_frags(np_flow_table *t)
{
	return t->frags;
}

int64_t np_flow_table_now(const np_flow_table *t)
{
	return t->now_us;
}

uint32_t np_flow_table_active(const np_flow_table *t)
{
	return t->active;
}

const np_flow_stats *np_flow_table_stats(const np_flow_table *t)
{
	return &t->stats;
}
