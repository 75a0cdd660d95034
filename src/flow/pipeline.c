/*
 * pipeline.c - a capture into a flow table on two cores (see pipeline.h).
 *
 * The reader thread appends each packet's observation (np_flow_obs, then
 * its payload, 8-byte aligned) to the chunk it is filling; a full chunk is
 * published to the accounting thread (the caller's), which hands each
 * record to np_flow_table_add_obs with the payload left in the chunk,
 * syncs the table at the end of the chunk (so no batched packet still
 * points into it) and gives the chunk back. A side with nothing to do
 * sleeps on a condition variable; the reader signals only an accounting
 * thread that sleeps, so the two threads do not wake each other per chunk.
 *
 * A file: FILE_CHUNKS chunks circulate, and a reader that finds the ring
 * full waits until half of it is free. A live capture: up to LIVE_CHUNKS
 * chunks, allocated as the ring first fills, and the chunk being filled is
 * published each time libpcap's read returns (a block of packets, or its
 * timeout on a quiet link), so a packet waits for at most that timeout; a
 * reader that finds the ring full waits for one chunk (meanwhile the
 * kernel's buffer fills, and what it cannot hold it counts as dropped).
 *
 * A break of the source (a signal) stops the reader's read: it asks the
 * accounting thread, whose tick hook says whether the run goes on (watch
 * answers SIGUSR1 so) or ends. Signals are blocked on the reader thread, so
 * their handlers run on the caller's, as without a second thread.
 *
 * With a tunnel hook, a packet that may carry a tunnel (few do) is passed
 * over whole, before its observations, in a record of its own; the
 * accounting thread decodes it again for the hook, so tunnels are opened
 * on that thread, in packet order, as without a second thread.
 *
 * A record bigger than a chunk (a payload near the 256 KiB snaplen limit)
 * grows that chunk; nothing is cut, so the table sees exactly what
 * np_flow_table_add would have given it.
 */
#include "pipeline.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../decode/packet.h"
#include "../decode/tunnel.h"

#define FILE_CHUNKS 8
#define LIVE_CHUNKS 256 /* 32 MiB at most, with the kernel's buffer a second of 500k packets a second */
#define CHUNK_BYTES (128u * 1024u)
/* A file's chunks are smaller: each record of a mapped file points into
 * the mapping, and the file's pages stay resident until the chunk that
 * points to them is emptied (np_source_release_before), so the ring's
 * size is memory held whatever the number of flows: 8 chunks of 128 KiB
 * pointed to about 6 MiB of a full-packet capture. 32 KiB chunks (about
 * 450 packets each) hold about 1.5 MiB, at no measurable cost in time. */
#define FILE_CHUNK_BYTES (32u * 1024u)

/* Each chunk on its own cache lines: the reader writes `used` at every
 * packet, and a line shared with what the other thread reads would travel
 * between the cores each time. */
struct chunk {
	_Alignas(64) uint8_t *data;
	size_t cap, used;
	const uint8_t *oldest; /* its first mapped packet (or payload), or NULL: nothing mapped */
};

struct pipeline {
	/* shared, under mu: filled and emptied count chunks since the start;
	 * chunk i lives at i % nchunks; the reader owns chunks [filled,
	 * emptied + nchunks), the accounting thread [emptied, filled). */
	pthread_mutex_t mu;
	pthread_cond_t data, space, answer;
	uint64_t filled, emptied;
	bool done, reader_waits, acct_waits;
	bool break_asked; /* the reader's read was broken off: go on or stop? */
	bool stop;        /* the answer, or the accounting side's own decision */
	int rc;
	unsigned nchunks;
	size_t chunk_bytes; /* CHUNK_BYTES, or FILE_CHUNK_BYTES */
	uint64_t resume_at; /* a waiting reader goes on when filled - emptied <= this */
	struct chunk *chunk;

	/* the reader's own, on lines of its own */
	_Alignas(64) np_source *src;
	long count;
	bool want_payload;
	bool tunnels; /* pass tunnel packets over (hooks->tunnel) */
	bool has_tick;
	bool out_of_memory;
	np_flow_frags *frags;
	np_packet pkt;

	/* the accounting thread's: the tunnel packets decoded again */
	_Alignas(64) np_packet apkt;
};

/* A record passing a whole frame to the tunnel hook: an np_flow_obs with
 * this status, its inline payload a struct frame then the frame's bytes. */
#define FRAME_RECORD 0xff
struct frame {
	int64_t sec;
	uint32_t frac, caplen, len, unused;
};

/* Records lie in a chunk at multiples of 8 bytes, where they are read in
 * place (account_chunk). */
_Static_assert(sizeof(np_flow_obs) % 8 == 0 && _Alignof(np_flow_obs) <= 8, "np_flow_obs must keep 8-byte steps");

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the reader's side ----------------------------------------------------- */

static void publish(struct pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->filled++;
	if (p->acct_waits)
		pthread_cond_signal(&p->data);
	/* Wait for room: the next chunk to fill must have been emptied. */
	if (p->filled - p->emptied == p->nchunks) {
		p->reader_waits = true;
		while (p->filled - p->emptied > p->resume_at)
			pthread_cond_wait(&p->space, &p->mu);
		p->reader_waits = false;
	}
	/* The mapped file's pages before the oldest chunk still in use are
	 * not pointed to any more (see put_obs). */
	const uint8_t *oldest = NULL;
	for (uint64_t i = p->emptied; i < p->filled && !oldest; i++)
		oldest = p->chunk[i % p->nchunks].oldest;
	pthread_mutex_unlock(&p->mu);
	if (oldest)
		np_source_release_before(p->src, oldest);
	p->chunk[p->filled % p->nchunks].used = 0;
	p->chunk[p->filled % p->nchunks].oldest = NULL;
}

/* The chunk being filled, with room for a record of `need` bytes (the
 * chunk published and the next one taken when it is full); NULL when out
 * of memory. A chunk that must grow is given grow_to bytes, or need if
 * more. */
static struct chunk *room(struct pipeline *p, size_t need, size_t grow_to)
{
	struct chunk *c = &p->chunk[p->filled % p->nchunks];
	if (c->used + need > c->cap && c->used) {
		publish(p);
		c = &p->chunk[p->filled % p->nchunks];
	}
	if (need > c->cap) { /* a chunk not allocated yet, or a record bigger than one */
		size_t want = need > grow_to ? need : grow_to;
		uint8_t *bigger = realloc(c->data, want);
		if (!bigger)
			return NULL;
		c->data = bigger;
		c->cap = want;
	}
	return c;
}

/* Append one observation to the chunk being filled, its payload after it;
 * a payload in a mapped file stays where it is (`stable`): the record keeps
 * the pointer. In the chunk, a NULL payload pointer means "inline". */
static void put_obs(struct pipeline *p, const np_flow_obs *obs, bool stable)
{
	np_flow_obs o = *obs;
	if (!stable || !o.plen)
		o.payload = NULL;
	size_t need = sizeof(o) + (o.payload ? 0 : round8(o.plen));
	struct chunk *c = room(p, need, p->chunk_bytes);
	if (!c) {
		p->out_of_memory = true;
		/* keep the packet, without its payload (asking for no more) */
		if (!o.plen || !(c = room(p, sizeof(o), sizeof(o))))
			return;
		o.plen = 0;
		need = sizeof(o);
	}
	if (o.payload && !c->oldest)
		c->oldest = o.payload;
	memcpy(c->data + c->used, &o, sizeof(o));
	if (o.plen && !o.payload)
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): plen > 0 only with a payload */
		memcpy(c->data + c->used + sizeof(o), obs->payload, o.plen);
	c->used += need;
}

/* Append a whole frame for the tunnel hook (a copy: it is decoded again). */
static void put_frame(struct pipeline *p, const struct pcap_pkthdr *h, const uint8_t *data)
{
	np_flow_obs o = {.status = FRAME_RECORD, .plen = (uint32_t)sizeof(struct frame) + h->caplen};
	size_t need = sizeof(o) + round8(o.plen);
	struct chunk *c = room(p, need, p->chunk_bytes);
	if (!c) {
		p->out_of_memory = true;
		return;
	}
	struct frame f = {h->ts.tv_sec, (uint32_t)h->ts.tv_usec, h->caplen, h->len, 0};
	uint8_t *at = c->data + c->used;
	memcpy(at, &o, sizeof(o));
	memcpy(at + sizeof(o), &f, sizeof(f));
	memcpy(at + sizeof(o) + sizeof(f), data, h->caplen);
	c->used += need;
}

static void read_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct pipeline *p = ctx;
	np_flow_obs o[NP_FLOW_OBS_MAX];
	int64_t us = np_source_packet_us(p->src, h);
	/* Most packets need no decoding (flow.h, np_flow_observe_frame). */
	unsigned n = np_flow_observe_frame(p->frags, p->pkt.dlt, data, h->caplen, h->len, us, p->want_payload, o);
	if (n && p->tunnels && o[0].k.proto == 17 && np_tunnel_udp_port(o[0].k.dport))
		n = 0; /* VXLAN or Geneve, maybe: decoded, to be sure */
	if (!n) {
		np_decode(&p->pkt, p->pkt.dlt, data, h->caplen, h->len);
		if (p->tunnels && np_tunnel_candidate(&p->pkt))
			put_frame(p, h, data);
		n = np_flow_observe(p->frags, &p->pkt, us, p->want_payload, o);
	}
	bool stable = np_source_data_stable(p->src, data);
	struct chunk *c = &p->chunk[p->filled % p->nchunks];
	if (stable && !c->oldest)
		c->oldest = data; /* pages before the chunk's first packet can go once those before it are done */
	for (unsigned i = 0; i < n; i++)
		put_obs(p, &o[i], stable && o[i].payload >= data && o[i].payload < data + h->caplen);
}

/* The read was broken off: hand over what was read, and ask whether to go on. */
static bool reader_stops(struct pipeline *p)
{
	if (!p->has_tick)
		return true;
	if (p->chunk[p->filled % p->nchunks].used)
		publish(p);
	pthread_mutex_lock(&p->mu);
	p->break_asked = true;
	pthread_cond_signal(&p->data);
	while (p->break_asked)
		pthread_cond_wait(&p->answer, &p->mu);
	bool stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	return stop;
}

static int read_source(struct pipeline *p)
{
	long left = p->count;
	for (;;) {
		int max = left > 0 && left < 0x7fffffff ? (int)left : -1;
		int n = np_source_dispatch(p->src, max, read_one, p);
		if (n > 0 && p->count > 0 && (left -= n) <= 0)
			return 0;
		if (n == -1)
			return -1;
		if (n == -2) {
			if (reader_stops(p))
				return 1;
			continue;
		}
		if (n == 0 && np_source_at_end(p->src))
			return 0;
		/* Live: what this read gave goes to the table now. */
		if (p->src->live && p->chunk[p->filled % p->nchunks].used)
			publish(p);
	}
}

static void *reader_main(void *arg)
{
	struct pipeline *p = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	int rc = read_source(p);
	pthread_mutex_lock(&p->mu);
	if (p->chunk[p->filled % p->nchunks].used)
		p->filled++;
	p->rc = rc;
	p->done = true;
	pthread_cond_signal(&p->data);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the accounting side --------------------------------------------------- */

/* A frame put_frame passed over, decoded again for the tunnel hook. */
static void pass_frame(np_packet *pkt, const uint8_t *rec, const np_pipeline_hooks *h)
{
	struct frame f;
	memcpy(&f, rec, sizeof(f));
	pkt->ts_sec = f.sec;
	pkt->ts_frac = f.frac;
	np_decode(pkt, pkt->dlt, rec + sizeof(f), f.caplen, f.len);
	h->tunnel(h->ctx, pkt);
}

/* The records are used where they lie in the chunk (put_obs copied each
 * one there whole, 8-byte aligned): the table keeps pointers to them until
 * the sync at the end. */
static void account_chunk(struct pipeline *p, np_flow_table *t, const struct chunk *c, const np_pipeline_hooks *h)
{
	uint8_t *data = c->data;
	for (size_t off = 0; off < c->used;) {
		np_flow_obs *o = (np_flow_obs *)(void *)(data + off);
		off += sizeof(*o);
		if (!o->payload) {
			o->payload = data + off;
			off += round8(o->plen);
		}
		if (o->status == FRAME_RECORD) { /* only with a tunnel hook (pipeline_new) */
			if (h && h->tunnel)
				pass_frame(&p->apkt, o->payload, h);
			continue;
		}
		if (h && h->before)
			h->before(h->ctx, o->ts_us);
		np_flow_table_add_obs(t, o, true);
		if (h && h->after)
			h->after(h->ctx, o->ts_us);
	}
	np_flow_table_sync(t); /* nothing may point into the chunk once given back */
}

/* Wait, with mu held, until a chunk is ready, the reader is done or asks,
 * or (with a tick) the next tick is due at tick_at (monotonic ms). */
static void wait_for_work(struct pipeline *p, const np_pipeline_hooks *h, int64_t tick_at)
{
	while (p->emptied == p->filled && !p->done && !p->break_asked) {
		p->acct_waits = true;
		if (!h || !h->tick) {
			pthread_cond_wait(&p->data, &p->mu);
		} else {
			if (mono_ms() >= tick_at)
				break;
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			int64_t ns = ts.tv_nsec + (tick_at - mono_ms()) * 1000000;
			if (ns < 0)
				ns = 0;
			ts.tv_sec += ns / 1000000000;
			ts.tv_nsec = ns % 1000000000;
			pthread_cond_timedwait(&p->data, &p->mu, &ts);
		}
		p->acct_waits = false;
	}
	p->acct_waits = false;
}

/* The caller's tick, with mu released; a false answer stops the reader. */
static void run_tick(struct pipeline *p, const np_pipeline_hooks *h)
{
	pthread_mutex_unlock(&p->mu);
	bool go = !h || !h->tick || h->tick(h->ctx);
	pthread_mutex_lock(&p->mu);
	if (!go && !p->stop) {
		p->stop = true;
		np_source_break(p->src); /* the reader answers it by asking, and stops */
	}
}

static int run_accounting(struct pipeline *p, np_flow_table *t, const np_pipeline_hooks *h)
{
	bool ticking = h && h->tick;
	int64_t tick_at = mono_ms() + NP_PIPELINE_TICK_MS;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		wait_for_work(p, h, tick_at);
		if (p->break_asked) {
			if (!p->stop)
				run_tick(p, h);
			tick_at = mono_ms() + NP_PIPELINE_TICK_MS;
			p->break_asked = false;
			pthread_cond_signal(&p->answer);
			continue;
		}
		if (p->emptied != p->filled) {
			const struct chunk *c = &p->chunk[p->emptied % p->nchunks];
			pthread_mutex_unlock(&p->mu);
			account_chunk(p, t, c, h);
			pthread_mutex_lock(&p->mu);
			p->emptied++;
			if (p->reader_waits && p->filled - p->emptied <= p->resume_at)
				pthread_cond_signal(&p->space);
		} else if (p->done) {
			break; /* done, and every chunk accounted */
		}
		if (ticking && mono_ms() >= tick_at) {
			run_tick(p, h);
			tick_at = mono_ms() + NP_PIPELINE_TICK_MS;
		}
	}
	int rc = p->rc;
	pthread_mutex_unlock(&p->mu);
	return rc;
}

/* ---- without a second thread: the same work, one packet at a time ---------- */

struct direct {
	np_source *src;
	np_flow_table *t;
	const np_pipeline_hooks *h;
	np_packet pkt;
};

static void direct_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct direct *d = ctx;
	int64_t us = np_source_packet_us(d->src, h);
	if (d->h && d->h->before)
		d->h->before(d->h->ctx, us);
	d->pkt.ts_sec = h->ts.tv_sec;
	d->pkt.ts_frac = (uint32_t)h->ts.tv_usec;
	np_decode(&d->pkt, d->pkt.dlt, data, h->caplen, h->len);
	if (d->h && d->h->packet)
		d->h->packet(d->h->ctx, &d->pkt);
	if (d->h && d->h->tunnel && np_tunnel_candidate(&d->pkt))
		d->h->tunnel(d->h->ctx, &d->pkt);
	np_flow_table_add(d->t, &d->pkt, us);
	if (d->h && d->h->after)
		d->h->after(d->h->ctx, us);
}

static int direct_loop(struct direct *d, long count)
{
	const np_pipeline_hooks *h = d->h;
	long left = count;
	for (;;) {
		int max = left > 0 && left < 256 ? (int)left : 256;
		int n = np_source_dispatch(d->src, max, direct_one, d);
		np_flow_table_sync(d->t);
		bool go = !h || !h->tick || h->tick(h->ctx);
		if (n > 0 && count > 0 && (left -= n) <= 0)
			return 0;
		if (n == -1)
			return -1;
		if (!go || (n == -2 && (!h || !h->tick)))
			return 1;
		if (n == 0 && np_source_at_end(d->src))
			return 0;
	}
}

static int run_direct(np_source *src, long count, np_flow_table *t, const np_pipeline_hooks *h)
{
	struct direct *d = calloc(1, sizeof(*d));
	if (!d)
		return -1;
	d->src = src;
	d->t = t;
	d->h = h;
	d->pkt.dlt = src->dlt;
	int rc = direct_loop(d, count);
	np_flow_table_sync(t);
	free(d);
	return rc;
}

/* ---- the run --------------------------------------------------------------- */

static void pipeline_free(struct pipeline *p)
{
	for (unsigned i = 0; p->chunk && i < p->nchunks; i++)
		free(p->chunk[i].data);
	free(p->chunk);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->data);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->answer);
	free(p);
}

static bool regular_file(const np_source *src)
{
	FILE *f = src->pcap ? pcap_file(src->pcap) : NULL;
	struct stat st;
	return f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
}

static struct pipeline *pipeline_new(np_source *src, long count, np_flow_table *t, bool want_payload,
				     const np_pipeline_hooks *h)
{
	/* aligned: the struct keeps the two threads' fields on separate lines */
	struct pipeline *p = aligned_alloc(64, (sizeof(*p) + 63) & ~(size_t)63);
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->data, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->answer, NULL);
	p->nchunks = src->live ? LIVE_CHUNKS : FILE_CHUNKS;
	p->resume_at = src->live ? p->nchunks - 1 : p->nchunks / 2;
	p->chunk_bytes = src->live ? CHUNK_BYTES : FILE_CHUNK_BYTES;
	/* _Alignas on the member aligns each element of the array */
	p->chunk = aligned_alloc(64, p->nchunks * sizeof(*p->chunk));
	bool ok = p->chunk != NULL;
	if (ok)
		memset(p->chunk, 0, p->nchunks * sizeof(*p->chunk));
	/* A file's ring is allocated now; a live one as it first fills. */
	for (unsigned i = 0; ok && i < (src->live ? 1u : p->nchunks); i++) {
		p->chunk[i].data = malloc(p->chunk_bytes);
		p->chunk[i].cap = p->chunk_bytes;
		ok = p->chunk[i].data != NULL;
	}
	if (!ok) {
		pipeline_free(p);
		return NULL;
	}
	p->src = src;
	src->data_kept = true; /* payloads of a mapped file are pointed to, not copied */
	p->count = count;
	p->want_payload = want_payload;
	p->has_tick = h && h->tick;
	p->frags = np_flow_table_frags(t);
	p->pkt.dlt = src->dlt;
	p->apkt.dlt = src->dlt;
	p->tunnels = h && h->tunnel;
	return p;
}

int np_flow_pipeline_run(np_source *src, long count, np_flow_table *t, bool want_payload,
			 const np_pipeline_hooks *hooks)
{
	if ((!src->live && !regular_file(src)) || (hooks && hooks->packet))
		return run_direct(src, count, t, hooks);
	struct pipeline *p = pipeline_new(src, count, t, want_payload, hooks);
	pthread_t reader;
	if (!p || pthread_create(&reader, NULL, reader_main, p) != 0) {
		if (p)
			pipeline_free(p);
		return run_direct(src, count, t, hooks);
	}
	int rc = run_accounting(p, t, hooks);
	pthread_join(reader, NULL);
	if (p->out_of_memory && rc == 0) {
		snprintf(src->err, sizeof(src->err), "%s: out of memory for a packet's payload", src->name);
		rc = -1;
	}
	pipeline_free(p);
	return rc;
}
