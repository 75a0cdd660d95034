/*
 * pair.c - the uniflow pairing window (see pair.h).
 *
 * Waiting records sit in a pool (grown by doubling up to NP_PAIR_MAX),
 * found through a chained hash on their own direction's key (a record
 * looks for its partner under the reversed key, so a flood of one
 * direction never lengthens the chains its partners are looked up in),
 * at most PAIR_SCAN entries of a chain looked at, and kept on a list in the
 * order they came, which is the order they leave by when no partner shows
 * up: records come roughly in the order they end, so the list's head is
 * always the first to expire and expiry never scans.
 */
#include "pair.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define NBUCKETS 16384u
#define PAIR_SCAN 64

struct waiting {
	np_flow f;
	int64_t wall_us;
	uint32_t hnext, hprev; /* bucket chain (hprev NONE: first in its bucket) */
	uint32_t bucket;       /* its bucket, so leaving needs no hash */
	uint32_t tag;          /* the caller's (np_pairer_add) */
	uint32_t prev, next;   /* arrival list */
	bool has_flags;
};

struct np_pairer {
	int64_t window_us;
	int64_t clock_us; /* the latest record end seen */
	struct waiting *pool;
	uint32_t cap, used, nwaiting, free_head;
	uint32_t head, tail;
	uint32_t buckets[NBUCKETS];
};

static int64_t flow_end(const np_flow_dir *d)
{
	return d->last_us > d->first_us ? d->last_us : d->first_us;
}

/* Equal starts (softflowd gives both directions the flow's start, in
 * milliseconds): whether b, not a, opened the conversation - the side
 * whose TCP flags have SYN without ACK (the other answered), else the side
 * sending to a well-known port (below 1024) from one that is not; else the
 * one that came first. */
static bool opened_by_b(const np_flow *a, const np_flow *b)
{
	if (a->key.proto == 6) {
		bool a_syn = (a->fwd.session_flags | a->fwd.initial_flags) & 0x02,
		     b_syn = (b->fwd.session_flags | b->fwd.initial_flags) & 0x02;
		bool a_ack = (a->fwd.session_flags | a->fwd.initial_flags) & 0x10,
		     b_ack = (b->fwd.session_flags | b->fwd.initial_flags) & 0x10;
		if (b_syn && !b_ack && a_ack)
			return true;
		if (a_syn && !a_ack && b_ack)
			return false;
	}
	if (a->key.proto == 6 || a->key.proto == 17 || a->key.proto == 132)
		return b->key.dport < 1024 && b->key.sport >= 1024;
	return false;
}

void np_pair_join(const np_flow *a, const np_flow *b, np_flow *out)
{
	bool b_first = b->fwd.first_us < a->fwd.first_us || (b->fwd.first_us == a->fwd.first_us && opened_by_b(a, b));
	const np_flow *fw = b_first ? b : a, *rv = fw == a ? b : a;
	*out = *fw;
	out->rev = rv->fwd;
	if (!out->app) {
		out->app = rv->app;
		out->app_side = rv->app_side == 1 ? 2 : rv->app_side == 2 ? 1 : 0;
	}
	if (rv->end_reason && !out->end_reason)
		out->end_reason = rv->end_reason;
}

bool np_pair_matches(const np_flow *a, const np_flow *b, int64_t slack_us)
{
	const np_flow_key *x = &a->key, *y = &b->key;
	if (x->proto != y->proto || x->family != y->family || x->vlan != y->vlan || x->sport != y->dport ||
	    x->dport != y->sport || memcmp(x->src, y->dst, 16) != 0 || memcmp(x->dst, y->src, 16) != 0)
		return false;
	return b->fwd.first_us <= flow_end(&a->fwd) + slack_us && a->fwd.first_us <= flow_end(&b->fwd) + slack_us;
}

np_pairer *np_pairer_new(int64_t window_us)
{
	np_pairer *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->window_us = window_us > 0 ? window_us : NP_PAIR_WINDOW_US;
	p->head = p->tail = p->free_head = NONE;
	for (uint32_t i = 0; i < NBUCKETS; i++)
		p->buckets[i] = NONE;
	return p;
}

void np_pairer_free(np_pairer *p)
{
	if (!p)
		return;
	free(p->pool);
	free(p);
}

uint32_t np_pairer_waiting(const np_pairer *p)
{
	return p->nwaiting;
}

/* A directional hash: a key and its reverse land in different buckets.
 * Eight bytes at a time (every record is hashed once or twice, and a
 * byte at a time cost more than the rest of pairing). */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

static uint64_t load8(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static uint32_t key_hash(const uint8_t *src, const uint8_t *dst, uint16_t sport, uint16_t dport, const np_flow_key *k)
{
	uint64_t h = mix(0, load8(src));
	h = mix(h, load8(src + 8));
	h = mix(h, load8(dst));
	h = mix(h, load8(dst + 8));
	h = mix(h, (uint64_t)sport << 48 | (uint64_t)dport << 32 | (uint64_t)k->proto << 24 |
			   (uint64_t)k->family << 16 | k->vlan);
	return (uint32_t)(h ^ (h >> 32));
}

static uint32_t *bucket_of(np_pairer *p, const np_flow_key *k)
{
	return &p->buckets[key_hash(k->src, k->dst, k->sport, k->dport, k) & (NBUCKETS - 1)];
}

static uint32_t *reverse_bucket_of(np_pairer *p, const np_flow_key *k)
{
	return &p->buckets[key_hash(k->dst, k->src, k->dport, k->sport, k) & (NBUCKETS - 1)];
}

/* Take entry i off its bucket chain and the arrival list, onto the free list. */
static void unlink_entry(np_pairer *p, uint32_t i)
{
	struct waiting *w = &p->pool[i];
	if (w->hprev != NONE)
		p->pool[w->hprev].hnext = w->hnext;
	else
		p->buckets[w->bucket] = w->hnext;
	if (w->hnext != NONE)
		p->pool[w->hnext].hprev = w->hprev;
	if (w->prev != NONE)
		p->pool[w->prev].next = w->next;
	else
		p->head = w->next;
	if (w->next != NONE)
		p->pool[w->next].prev = w->prev;
	else
		p->tail = w->prev;
	w->hnext = p->free_head;
	p->free_head = i;
	p->nwaiting--;
}

/* The oldest waiting record goes on alone. */
static void release_head(np_pairer *p, np_pair_fn fn, void *ctx)
{
	uint32_t i = p->head;
	np_flow f = p->pool[i].f;
	bool has_flags = p->pool[i].has_flags;
	uint32_t tag = p->pool[i].tag;
	unlink_entry(p, i);
	fn(ctx, &f, has_flags, tag);
}

static uint32_t take_slot(np_pairer *p)
{
	if (p->free_head != NONE) {
		uint32_t i = p->free_head;
		p->free_head = p->pool[i].hnext;
		return i;
	}
	if (p->used == p->cap) {
		uint32_t ncap = p->cap ? p->cap * 2 : 256;
		if (ncap > NP_PAIR_MAX)
			ncap = NP_PAIR_MAX;
		if (ncap == p->cap)
			return NONE;
		struct waiting *n = realloc(p->pool, (size_t)ncap * sizeof(*n));
		if (!n)
			return NONE;
		p->pool = n;
		p->cap = ncap;
	}
	return p->used++;
}

void np_pairer_add(np_pairer *p, const np_flow *f, bool has_flags, uint32_t tag, int64_t wall_us, np_pair_fn fn,
		   void *ctx)
{
	if (flow_end(&f->fwd) > p->clock_us)
		p->clock_us = flow_end(&f->fwd);
	/* the oldest waiting record with the reverse key and overlapping times,
	 * among the first PAIR_SCAN of its chain */
	uint32_t best = NONE, looked = 0;
	for (uint32_t i = *reverse_bucket_of(p, &f->key); i != NONE && looked < PAIR_SCAN;
	     i = p->pool[i].hnext, looked++)
		if (p->pool[i].tag == tag && np_pair_matches(&p->pool[i].f, f, p->window_us) &&
		    (best == NONE || p->pool[i].wall_us < p->pool[best].wall_us))
			best = i;
	if (best != NONE) {
		np_flow out;
		np_pair_join(&p->pool[best].f, f, &out);
		bool both = p->pool[best].has_flags && has_flags;
		unlink_entry(p, best);
		fn(ctx, &out, both, tag);
		return;
	}
	uint32_t i = take_slot(p);
	if (i == NONE) {
		if (p->head == NONE) { /* no memory at all: the record goes on alone */
			fn(ctx, f, has_flags, tag);
			return;
		}
		release_head(p, fn, ctx);
		i = take_slot(p);
	}
	struct waiting *w = &p->pool[i];
	w->f = *f;
	memset(&w->f.rev, 0, sizeof(w->f.rev));
	w->has_flags = has_flags;
	w->tag = tag;
	w->wall_us = wall_us;
	uint32_t *b = bucket_of(p, &f->key);
	w->bucket = (uint32_t)(b - p->buckets);
	w->hnext = *b;
	w->hprev = NONE;
	if (*b != NONE)
		p->pool[*b].hprev = i;
	*b = i;
	w->prev = p->tail;
	w->next = NONE;
	if (p->tail != NONE)
		p->pool[p->tail].next = i;
	else
		p->head = i;
	p->tail = i;
	p->nwaiting++;
}

long np_pairer_expire(np_pairer *p, int64_t wall_us, np_pair_fn fn, void *ctx)
{
	long n = 0;
	while (p->head != NONE) {
		const struct waiting *w = &p->pool[p->head];
		bool by_clock = flow_end(&w->f.fwd) + p->window_us < p->clock_us;
		bool by_wall = wall_us - w->wall_us > p->window_us;
		if (!by_clock && !by_wall)
			break;
		release_head(p, fn, ctx);
		n++;
	}
	return n;
}

long np_pairer_flush(np_pairer *p, np_pair_fn fn, void *ctx)
{
	long n = 0;
	while (p->head != NONE) {
		release_head(p, fn, ctx);
		n++;
	}
	return n;
}
