/*
 * sent.c - the client and server rows of the batch stored last (see sent.h).
 */
#include "sent.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/sort.h"

/* A client row the store holds: its first and last seen cover [first_us,
 * last_us] (the store keeps the earliest and latest it was given). */
struct sent_row {
	np_server_key server;
	uint8_t addr[16];
	uint8_t family;
	int64_t first_us, last_us;
};

/* A server row the store holds: at least these (its first seen no later,
 * last seen no earlier, confidence no lower; confirmed and a service once
 * they were sent). */
struct sent_server {
	np_server_key key;
	int64_t first_us, last_us;
	double confidence;
	bool confirmed, has_service;
};

/* A growing array of rows of one kind. */
struct list {
	void *items;
	size_t n, cap;
};

struct np_sent {
	struct list rows, next_rows;           /* stored (sorted); of the batch filtered last */
	struct list servers, next_servers;     /* the same, of server rows */
	int64_t refresh_us, server_refresh_us; /* see np_sent_new */
};

/* Times whose stored text (ISO 8601, four-digit year) sorts as the number. */
static bool plain_time(int64_t us)
{
	return us >= 0 && us < 253402300800000000LL;
}

static int row_cmp(const void *x, const void *y)
{
	const struct sent_row *a = x, *b = y;
	int c = np_server_key_cmp(&a->server, &b->server);
	if (c)
		return c;
	if (a->family != b->family)
		return a->family - b->family;
	return memcmp(a->addr, b->addr, 16);
}

NP_SORT_DEFINE(sort_rows, struct sent_row, row_cmp)

static int server_cmp(const void *x, const void *y)
{
	return np_server_key_cmp(&((const struct sent_server *)x)->key, &((const struct sent_server *)y)->key);
}

NP_SORT_DEFINE(sort_servers, struct sent_server, server_cmp)

np_sent *np_sent_new(int64_t refresh_us, int64_t server_refresh_us)
{
	np_sent *s = calloc(1, sizeof(np_sent));
	if (s) {
		s->refresh_us = refresh_us > 0 ? refresh_us : 0;
		s->server_refresh_us = server_refresh_us > 0 ? server_refresh_us : 0;
	}
	return s;
}

void np_sent_free(np_sent *s)
{
	if (!s)
		return;
	free(s->rows.items);
	free(s->next_rows.items);
	free(s->servers.items);
	free(s->next_servers.items);
	free(s);
}

/* Append elem (size bytes) to l, growing it by doubling; false when out
 * of memory. */
static bool append(struct list *l, const void *elem, size_t size)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 256;
		void *grown = realloc(l->items, ncap * size);
		if (!grown)
			return false;
		l->items = grown;
		l->cap = ncap;
	}
	memcpy((char *)l->items + l->n * size, elem, size);
	l->n++;
	return true;
}

/* The row (or server) as stored, or NULL, one per client row of a
 * commit: a batch's rows come in the order the stored ones are held (both
 * sorted, neither with two equal), so each search goes on from where the
 * one before ended (*at), a step or two, not a search of the whole list. */
NP_SEARCH_ON_DEFINE(search_rows, struct sent_row, row_cmp)
NP_SEARCH_ON_DEFINE(search_servers, struct sent_server, server_cmp)

static const struct sent_row *find_row(const struct list *l, const struct sent_row *key, size_t *at)
{
	return search_rows(l->items, l->n, key, at);
}

static const struct sent_server *find_server(const struct list *l, const struct sent_server *key, size_t *at)
{
	return search_servers(l->items, l->n, key, at);
}

/* Remember r as the store will hold it once this batch is stored. */
static bool keep(np_sent *s, const struct sent_row *r)
{
	return append(&s->next_rows, r, sizeof(*r));
}

/* Whether a row stored with last seen `had` needs writing again for a
 * last seen of `last` brought by open flows alone: only once it moved by
 * `interval` (with none, only when it moved at all). The difference is
 * taken unsigned: any two times have one. */
static bool stale(int64_t interval, int64_t had, int64_t last)
{
	return last > had && (uint64_t)last - (uint64_t)had >= (uint64_t)interval;
}

/* A server whose row the batch before stored: its upsert (store.h: counts
 * add, first seen the minimum, last seen the maximum, the evidence of the
 * higher confidence, ties merged (ties.h), confirmed and a service
 * kept once set) would change nothing but a last seen within the refresh
 * interval when it brings no counts, no client row, no ties, and a first
 * seen, confidence, status and service within what was stored. Remembered
 * as the store holds it after this batch. */
static bool filter_server(np_sent *s, np_server *srv, const struct sent_server *had)
{
	struct sent_server v = {srv->key,        srv->first_us,  srv->last_us,
				srv->confidence, srv->confirmed, srv->service != NULL};
	srv->stored = had != NULL;
	srv->unchanged = had && !srv->flows && !srv->packets && !srv->bytes && !srv->nclients && !srv->ties[0] &&
			 srv->first_us >= had->first_us && !stale(s->server_refresh_us, had->last_us, srv->last_us) &&
			 srv->confidence <= had->confidence && (!srv->confirmed || had->confirmed) &&
			 (!srv->service || had->has_service);
	if (srv->unchanged) {
		v = *had;
	} else if (had) {
		v.first_us = had->first_us < v.first_us ? had->first_us : v.first_us;
		v.last_us = had->last_us > v.last_us ? had->last_us : v.last_us;
		v.confidence = had->confidence > v.confidence ? had->confidence : v.confidence;
		v.confirmed |= had->confirmed;
		v.has_service |= had->has_service;
	}
	return append(&s->next_servers, &v, sizeof(v));
}

size_t np_sent_filter(np_sent *s, np_server *servers, size_t n)
{
	size_t left_out = 0;
	bool kept_all = true;
	if (!s)
		return 0;
	s->next_rows.n = 0;
	s->next_servers.n = 0;
	size_t row_at = 0, server_at = 0;
	for (size_t i = 0; i < n; i++) {
		np_server *srv = &servers[i];
		struct sent_server key = {.key = srv->key};
		const struct sent_server *had_server = find_server(&s->servers, &key, &server_at);
		uint32_t out = 0;
		for (uint32_t j = 0; j < srv->nclients; j++) {
			const np_client_stat *c = &srv->clients[j];
			struct sent_row r;
			memset(&r, 0, sizeof(r));
			r.server = srv->key;
			memcpy(r.addr, c->addr, 16);
			r.family = c->family;
			r.first_us = c->first_us;
			r.last_us = c->last_us;
			const struct sent_row *had = had_server ? find_row(&s->rows, &r, &row_at) : NULL;
			/* open flows only: no flows to add */
			bool open = c->flows == 0 && plain_time(c->first_us) && plain_time(c->last_us);
			bool covered = had && open && had->first_us <= c->first_us &&
				       !stale(s->refresh_us, had->last_us, c->last_us);
			/* a new client of a stored server, its flows all open and
			 * younger than the refresh interval: written when one ends */
			bool young = !had && had_server && open && s->refresh_us &&
				     !stale(s->refresh_us, c->first_us, c->last_us);
			if (covered || young) {
				left_out++;
				if (young)
					continue;
				r = *had;
			} else {
				srv->clients[out++] = *c;
				if (had) {
					r.first_us = had->first_us < r.first_us ? had->first_us : r.first_us;
					r.last_us = had->last_us > r.last_us ? had->last_us : r.last_us;
				}
			}
			if (plain_time(r.first_us) && plain_time(r.last_us))
				kept_all &= keep(s, &r);
		}
		srv->nclients = out;
		kept_all &= filter_server(s, srv, had_server);
	}
	if (!kept_all) { /* out of memory: nothing remembered, everything sent next time */
		s->next_rows.n = 0;
		s->next_servers.n = 0;
		for (size_t i = 0; i < n; i++)
			servers[i].stored = servers[i].unchanged = false;
	}
	return left_out;
}

/* next becomes what is held (nothing when not stored); the old array is
 * reused for the next batch. */
static void promote(struct list *held, struct list *next, bool ok)
{
	struct list old = *held;
	*held = *next;
	if (!ok)
		held->n = 0;
	*next = old;
	next->n = 0;
}

void np_sent_stored(np_sent *s, bool ok)
{
	if (!s)
		return;
	promote(&s->rows, &s->next_rows, ok);
	promote(&s->servers, &s->next_servers, ok);
	/* in order already, as the servers and their clients are */
	sort_rows(s->rows.items, s->rows.n);
	sort_servers(s->servers.items, s->servers.n);
}
