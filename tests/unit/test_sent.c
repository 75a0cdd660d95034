/*
 * test_sent.c - what a watch commit leaves out of the store (profile/sent.h),
 * batch after batch, against the rules sent.h states: a no-op is always
 * left out; with a refresh interval, an open flow's row whose last seen
 * moved by less than the interval, and a new client of a stored server
 * whose open flows are younger than it; never a server's first batch, a
 * row with flows to add, nor anything after a batch that was not stored.
 */
#include "../../src/profile/sent.h"
#include "check.h"

#define S_US 1000000LL

static np_client_stat client(uint8_t last_octet, uint32_t flows, int64_t first_s, int64_t last_s)
{
	np_client_stat c;
	memset(&c, 0, sizeof(c));
	c.addr[0] = 10;
	c.addr[3] = last_octet;
	c.family = 4;
	c.flows = flows;
	c.first_us = first_s * S_US;
	c.last_us = last_s * S_US;
	return c;
}

/* Server 192.0.2.1 tcp/80 with the given clients; its own times span
 * theirs, its counts are the flows they bring. */
static np_server server(np_client_stat *clients, uint32_t n)
{
	np_server s;
	memset(&s, 0, sizeof(s));
	s.key.family = 4;
	s.key.addr[0] = 192;
	s.key.addr[2] = 2;
	s.key.addr[3] = 1;
	s.key.proto = 6;
	s.key.port = 80;
	s.confidence = 1.0;
	s.confirmed = true;
	s.first_us = INT64_MAX;
	s.last_us = INT64_MIN;
	for (uint32_t i = 0; i < n; i++) {
		s.flows += clients[i].flows;
		s.packets += clients[i].flows * 3;
		s.first_us = clients[i].first_us < s.first_us ? clients[i].first_us : s.first_us;
		s.last_us = clients[i].last_us > s.last_us ? clients[i].last_us : s.last_us;
	}
	s.clients = clients;
	s.nclients = n;
	return s;
}

/* Whether the client row ending in last_octet is still in s (to be sent). */
static bool sends(const np_server *s, uint8_t last_octet)
{
	for (uint32_t i = 0; i < s->nclients; i++)
		if (s->clients[i].addr[3] == last_octet)
			return true;
	return false;
}

static void with_refresh(void)
{
	np_sent *t = np_sent_new(60 * S_US, 60 * S_US);
	CHECK(t != NULL);
	if (!t)
		return;

	/* Batch 1: a new server, its one client's flow open: all sent (the
	 * alert counts the clients), nothing stored before. */
	np_client_stat c1[] = {client(1, 0, 0, 1), client(2, 0, 0, 1)};
	np_server s = server(c1, 2);
	CHECK(np_sent_filter(t, &s, 1) == 0);
	CHECK(s.nclients == 2 && !s.stored && !s.unchanged);
	np_sent_stored(t, true);

	/* Batch 2: the same open flows 29 s later (under the interval), and a
	 * new client whose open flow began 5 s before its newest packet. */
	np_client_stat c2[] = {client(1, 0, 0, 30), client(2, 0, 0, 1), client(3, 0, 20, 25)};
	s = server(c2, 3);
	CHECK(np_sent_filter(t, &s, 1) == 3);
	CHECK(s.nclients == 0);
	CHECK(s.stored && s.unchanged); /* last seen 30 s, stored 1 s: within 60 */
	np_sent_stored(t, true);

	/* Batch 3: 1 has moved 61 s past what was stored (1 s, not the 30 s
	 * left out), 3's flow is 61 s old: both sent; 2 unchanged. */
	np_client_stat c3[] = {client(1, 0, 0, 62), client(2, 0, 0, 1), client(3, 0, 20, 81)};
	s = server(c3, 3);
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(sends(&s, 1) && !sends(&s, 2) && sends(&s, 3));
	CHECK(s.stored && !s.unchanged);
	np_sent_stored(t, true);

	/* Batch 4: a flow of 2 ended (flows to add): sent, though its times
	 * are within what is stored; a new client whose flow ended: sent. The
	 * server's counts make it changed. */
	np_client_stat c4[] = {client(1, 0, 0, 63), client(2, 1, 0, 1), client(4, 1, 70, 71)};
	s = server(c4, 3);
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(!sends(&s, 1) && sends(&s, 2) && sends(&s, 4));
	CHECK(s.stored && !s.unchanged);
	np_sent_stored(t, true);

	/* Batch 5: only the server's last seen moved, by the interval: sent. */
	np_client_stat c5[] = {client(1, 0, 0, 63)};
	s = server(c5, 1);
	s.last_us = 122 * S_US; /* stored: 81 s (batch 3) */
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(s.stored && s.unchanged); /* 41 s: within */
	np_sent_stored(t, false);       /* not stored: everything is sent again */
	s = server(c5, 1);
	CHECK(np_sent_filter(t, &s, 1) == 0);
	CHECK(s.nclients == 1 && !s.stored && !s.unchanged);
	np_sent_free(t);
}

/* A tracker with these intervals, after a first batch stored: a new
 * server whose one client's flow is open (0 to 1 s), all of it sent.
 * NULL when it cannot be had. */
static np_sent *after_first_batch(int64_t refresh_us, int64_t server_refresh_us)
{
	np_sent *t = np_sent_new(refresh_us, server_refresh_us);
	CHECK(t != NULL);
	if (!t)
		return NULL;
	np_client_stat c1[] = {client(1, 0, 0, 1)};
	np_server s = server(c1, 1);
	CHECK(np_sent_filter(t, &s, 1) == 0 && s.nclients == 1 && !s.stored);
	np_sent_stored(t, true);
	return t;
}

static void without_refresh(void)
{
	np_sent *t = after_first_batch(0, 0);
	if (!t)
		return;
	np_server s;

	/* Open flows: the same times left out (a no-op), any later last seen
	 * and any new client sent. */
	np_client_stat c2[] = {client(1, 0, 0, 1), client(2, 0, 0, 1)};
	s = server(c2, 2);
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(!sends(&s, 1) && sends(&s, 2) && s.stored && !s.unchanged);
	np_sent_stored(t, true);
	np_client_stat c3[] = {client(1, 0, 0, 2), client(2, 0, 0, 1)};
	s = server(c3, 2);
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(sends(&s, 1) && !sends(&s, 2));
	np_sent_stored(t, true);
	np_client_stat c4[] = {client(1, 0, 0, 2), client(2, 0, 0, 1)};
	s = server(c4, 2);
	CHECK(np_sent_filter(t, &s, 1) == 2);
	CHECK(s.stored && s.unchanged);
	np_sent_stored(t, true);
	s = server(c4, 2);
	s.last_us += 1; /* a microsecond later: a change */
	CHECK(np_sent_filter(t, &s, 1) == 2 && !s.unchanged);
	np_sent_free(t);
}

/* Client rows refreshed lazily, server rows exactly (--quiet-after):
 * the open flow's newer last seen is left out of the client row but makes
 * the server row changed. */
static void exact_servers(void)
{
	np_sent *t = after_first_batch(60 * S_US, 0);
	if (!t)
		return;
	np_client_stat c2[] = {client(1, 0, 0, 10)};
	np_server s = server(c2, 1);
	CHECK(np_sent_filter(t, &s, 1) == 1);
	CHECK(s.nclients == 0 && s.stored && !s.unchanged);
	np_sent_free(t);
}

int main(void)
{
	with_refresh();
	without_refresh();
	exact_servers();
	return check_summary("sent");
}
