/*
 * sent.c - the client rows of the batch stored last (see sent.h).
 */
#include "sent.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A client row the store holds: its first and last seen cover [first_us,
 * last_us] (the store keeps the earliest and latest it was given). */
struct sent_row {
	np_server_key server;
	uint8_t addr[16];
	uint8_t family;
	int64_t first_us, last_us;
};

struct np_sent {
	struct sent_row *rows, *next; /* stored (sorted); of the batch filtered last */
	size_t nrows, caprows, nnext, capnext;
};

/* Times whose stored text (ISO 8601, four-digit year) sorts as the number. */
static bool plain_time(int64_t us)
{
	return us >= 0 && us < 253402300800000000LL;
}

static int row_cmp(const void *x, const void *y)
{
	const struct sent_row *a = x, *b = y;
	if (a->server.family != b->server.family)
		return a->server.family - b->server.family;
	int c = memcmp(a->server.addr, b->server.addr, a->server.family == 4 ? 4 : 16);
	if (c)
		return c;
	if (a->server.proto != b->server.proto)
		return a->server.proto - b->server.proto;
	if (a->server.port != b->server.port)
		return (int)a->server.port - (int)b->server.port;
	if (a->family != b->family)
		return a->family - b->family;
	return memcmp(a->addr, b->addr, 16);
}

np_sent *np_sent_new(void)
{
	return calloc(1, sizeof(np_sent));
}

void np_sent_free(np_sent *s)
{
	if (!s)
		return;
	free(s->rows);
	free(s->next);
	free(s);
}

/* Remember r as the store will hold it once this batch is stored. */
static bool keep(np_sent *s, const struct sent_row *r)
{
	if (s->nnext == s->capnext) {
		size_t ncap = s->capnext ? s->capnext * 2 : 1024;
		struct sent_row *n = realloc(s->next, ncap * sizeof(*n));
		if (!n)
			return false;
		s->next = n;
		s->capnext = ncap;
	}
	s->next[s->nnext++] = *r;
	return true;
}

size_t np_sent_filter(np_sent *s, np_server *servers, size_t n)
{
	size_t left_out = 0;
	bool kept_all = true;
	if (!s)
		return 0;
	s->nnext = 0;
	for (size_t i = 0; i < n; i++) {
		np_server *srv = &servers[i];
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
			const struct sent_row *had =
				s->nrows ? bsearch(&r, s->rows, s->nrows, sizeof(r), row_cmp) : NULL;
			bool covered = had && c->flows == 0 && plain_time(c->first_us) && plain_time(c->last_us) &&
				       had->first_us <= c->first_us && had->last_us >= c->last_us;
			if (covered) {
				left_out++;
			} else {
				srv->clients[out] = *c;
				srv->clients[out++].stored = had != NULL;
				if (had) {
					r.first_us = had->first_us < r.first_us ? had->first_us : r.first_us;
					r.last_us = had->last_us > r.last_us ? had->last_us : r.last_us;
				}
			}
			if (covered)
				r = *had;
			if (plain_time(r.first_us) && plain_time(r.last_us))
				kept_all &= keep(s, &r);
		}
		srv->nclients = out;
	}
	if (!kept_all) /* out of memory: nothing remembered, everything sent next time */
		s->nnext = 0;
	return left_out;
}

void np_sent_stored(np_sent *s, bool ok)
{
	if (!s)
		return;
	struct sent_row *t = s->rows;
	size_t cap = s->caprows;
	s->rows = s->next;
	s->caprows = s->capnext;
	s->nrows = ok ? s->nnext : 0;
	s->next = t;
	s->capnext = cap;
	s->nnext = 0;
	if (s->nrows > 1)
		qsort(s->rows, s->nrows, sizeof(*s->rows), row_cmp);
}
