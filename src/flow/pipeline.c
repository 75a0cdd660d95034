/*
 * pipeline.c - a capture into a flow table on two cores (see pipeline.h).
 *
 * The reader thread appends each packet's observation (np_flow_obs, then
 * its payload, 8-byte aligned) to the chunk it is filling; a full chunk is
 * published to the accounting thread, which hands each record to
 * np_flow_table_add_obs with the payload left in the chunk, syncs the table
 * at the end of the chunk (so no batched packet still points into it) and
 * gives the chunk back. NCHUNKS chunks circulate; a side with nothing to do
 * sleeps on a condition variable. A reader that finds the ring full waits
 * until half of it is free, so the two threads wake each other a few times
 * per megabyte, not per chunk.
 *
 * A record bigger than a chunk (a payload near the 256 KiB snaplen limit)
 * grows that chunk; nothing is cut, so the table sees exactly what
 * np_flow_table_add would have given it.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../decode/packet.h"

#define NCHUNKS 8
#define CHUNK_BYTES (128u * 1024u)

/* Each chunk on its own cache lines: the reader writes `used` at every
 * packet, and a line shared with what the other thread reads would travel
 * between the cores each time. */
struct chunk {
	_Alignas(64) uint8_t *data;
	size_t cap, used;
	const uint8_t *oldest; /* the first mapped packet whose payload it points to, or NULL */
};

struct pipeline {
	/* shared, under mu: filled and emptied count chunks since the start;
	 * chunk i lives at i % NCHUNKS; the reader owns chunks [filled,
	 * emptied + NCHUNKS), the accounting thread [emptied, filled). */
	pthread_mutex_t mu;
	pthread_cond_t data, space;
	uint64_t filled, emptied;
	bool done, reader_waits;
	int rc;
	struct chunk chunk[NCHUNKS];

	/* the reader's own, on lines of its own */
	_Alignas(64) np_source *src;
	long count;
	bool want_payload;
	bool out_of_memory;
	np_flow_frags *frags;
	np_packet pkt;
};

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- the reader's side ----------------------------------------------------- */

static void publish(struct pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->filled++;
	pthread_cond_signal(&p->data);
	/* Wait for room: the next chunk to fill must have been emptied; once
	 * waiting, wait until half the ring is free. */
	if (p->filled - p->emptied == NCHUNKS) {
		p->reader_waits = true;
		while (p->filled - p->emptied > NCHUNKS / 2)
			pthread_cond_wait(&p->space, &p->mu);
		p->reader_waits = false;
	}
	/* The mapped file's pages before the oldest chunk still in use are
	 * not pointed to any more (see put_obs). */
	const uint8_t *oldest = NULL;
	for (uint64_t i = p->emptied; i < p->filled && !oldest; i++)
		oldest = p->chunk[i % NCHUNKS].oldest;
	pthread_mutex_unlock(&p->mu);
	if (oldest)
		np_source_release_before(p->src, oldest);
	p->chunk[p->filled % NCHUNKS].used = 0;
	p->chunk[p->filled % NCHUNKS].oldest = NULL;
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
	struct chunk *c = &p->chunk[p->filled % NCHUNKS];
	if (c->used + need > c->cap && c->used) {
		publish(p);
		c = &p->chunk[p->filled % NCHUNKS];
	}
	if (need > c->cap) {
		uint8_t *bigger = realloc(c->data, need);
		if (!bigger) { /* keep the packet, without its payload */
			p->out_of_memory = true;
			o.plen = 0;
			need = sizeof(o);
		} else {
			c->data = bigger;
			c->cap = need;
		}
	}
	if (o.payload && !c->oldest)
		c->oldest = o.payload;
	memcpy(c->data + c->used, &o, sizeof(o));
	if (o.plen && !o.payload)
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): plen > 0 only with a payload */
		memcpy(c->data + c->used + sizeof(o), obs->payload, o.plen);
	c->used += need;
}

static void read_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct pipeline *p = ctx;
	np_flow_obs o[NP_FLOW_OBS_MAX];
	np_decode(&p->pkt, p->pkt.dlt, data, h->caplen, h->len);
	unsigned n = np_flow_observe(p->frags, &p->pkt, np_source_packet_us(p->src, h), p->want_payload, o);
	bool stable = np_source_data_stable(p->src, data);
	for (unsigned i = 0; i < n; i++)
		put_obs(p, &o[i], stable && o[i].payload >= data && o[i].payload < data + h->caplen);
}

static void *reader_main(void *arg)
{
	struct pipeline *p = arg;
	int rc = np_source_loop(p->src, p->count, read_one, p);
	pthread_mutex_lock(&p->mu);
	if (p->chunk[p->filled % NCHUNKS].used)
		p->filled++;
	p->rc = rc;
	p->done = true;
	pthread_cond_signal(&p->data);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the accounting side --------------------------------------------------- */

static void account_chunk(np_flow_table *t, const uint8_t *data, size_t used)
{
	for (size_t off = 0; off < used;) {
		np_flow_obs o;
		memcpy(&o, data + off, sizeof(o));
		off += sizeof(o);
		if (!o.payload) {
			o.payload = data + off;
			off += round8(o.plen);
		}
		np_flow_table_add_obs(t, &o, true);
	}
	np_flow_table_sync(t); /* nothing may point into the chunk once given back */
}

/* Without a second thread: the same work, one packet at a time. */
struct direct {
	np_source *src;
	np_flow_table *t;
	np_packet pkt;
};

static void direct_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct direct *d = ctx;
	np_decode(&d->pkt, d->pkt.dlt, data, h->caplen, h->len);
	np_flow_table_add(d->t, &d->pkt, np_source_packet_us(d->src, h));
}

static int run_direct(np_source *src, long count, np_flow_table *t)
{
	struct direct *d = calloc(1, sizeof(*d));
	if (!d)
		return -1;
	d->src = src;
	d->t = t;
	d->pkt.dlt = src->dlt;
	int rc = np_source_loop(src, count, direct_one, d);
	np_flow_table_sync(t);
	free(d);
	return rc;
}

static void pipeline_free(struct pipeline *p)
{
	for (int i = 0; i < NCHUNKS; i++)
		free(p->chunk[i].data);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->data);
	pthread_cond_destroy(&p->space);
	free(p);
}

static bool regular_file(const np_source *src)
{
	FILE *f = src->pcap ? pcap_file(src->pcap) : NULL;
	struct stat st;
	return f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
}

int np_flow_pipeline_run(np_source *src, long count, np_flow_table *t, bool want_payload)
{
	if (src->live || !regular_file(src))
		return run_direct(src, count, t);
	/* aligned: the struct keeps the two threads' fields on separate lines */
	struct pipeline *p = aligned_alloc(64, (sizeof(*p) + 63) & ~(size_t)63);
	if (!p)
		return run_direct(src, count, t);
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->data, NULL);
	pthread_cond_init(&p->space, NULL);
	bool ok = true;
	for (int i = 0; i < NCHUNKS && ok; i++) {
		p->chunk[i].data = malloc(CHUNK_BYTES);
		p->chunk[i].cap = CHUNK_BYTES;
		ok = p->chunk[i].data != NULL;
	}
	p->src = src;
	src->data_kept = true; /* payloads of a mapped file are pointed to, not copied */
	p->count = count;
	p->want_payload = want_payload;
	p->frags = np_flow_table_frags(t);
	p->pkt.dlt = src->dlt;
	pthread_t reader;
	if (!ok || pthread_create(&reader, NULL, reader_main, p) != 0) {
		pipeline_free(p);
		return run_direct(src, count, t);
	}

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->emptied == p->filled && !p->done)
			pthread_cond_wait(&p->data, &p->mu);
		if (p->emptied == p->filled)
			break; /* done, and every chunk accounted */
		const uint8_t *data = p->chunk[p->emptied % NCHUNKS].data;
		size_t used = p->chunk[p->emptied % NCHUNKS].used;
		pthread_mutex_unlock(&p->mu);
		account_chunk(t, data, used);
		pthread_mutex_lock(&p->mu);
		p->emptied++;
		if (p->reader_waits && p->filled - p->emptied <= NCHUNKS / 2)
			pthread_cond_signal(&p->space);
	}
	int rc = p->rc;
	pthread_mutex_unlock(&p->mu);
	pthread_join(reader, NULL);
	if (p->out_of_memory && rc == 0) {
		snprintf(src->err, sizeof(src->err), "%s: out of memory for a packet's payload", src->name);
		rc = -1;
	}
	pipeline_free(p);
	return rc;
}
