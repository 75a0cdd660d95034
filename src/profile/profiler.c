/*
 * profiler.c - conversations to servers (see profiler.h).
 *
 * A run keeps every conversation (flows are small), then decides them all
 * at the end, when fan-in over the whole run is known. Fan-in and the
 * clients are counted by sorting arrays of keys (IPv4 fan-in tuples packed
 * in two words); lookups a conversation makes many of (an endpoint's
 * fan-in, a one-way sender, its server among the assignments) go through
 * open-addressing hashes built once per batch. `watch` decides every flow
 * still open at each commit, so each pass over a batch counts.
 */
#include "profiler.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/services.h"
#include "../util/bytes.h"
#include "../util/sort.h"
#include "roles.h"

enum tie_kind { TIE_NONE = 0, TIE_FTP_ACTIVE, TIE_FTP_PASSIVE, TIE_GRE };

struct conv {
	np_flow f;
	bool has_flags;
	uint8_t tie;
	uint16_t tie_port; /* FTP data: the port on the FTP server's side */
	bool counted;      /* false: a flow still active, which names servers but adds no counts */
	uint16_t tunnel;   /* the tunnel it was seen through (index in np_profiler.tunnels), 0: none */
	bool as_peer;      /* a copy naming its client as a server too (peer_role): no client of it */
	int32_t tie_to;    /* the control conversation */
	np_role role;
};

/* An FTP data connection announced on a control channel. */
struct ftp_expect {
	uint8_t data_addr[16]; /* the side that listens for the data connection */
	uint8_t other_addr[16];
	uint8_t family;
	uint16_t data_port;
	bool active;     /* PORT/EPRT: the server connects to the client */
	int64_t seen_us; /* when the control channel said it */
};

struct endpoint_stat {
	np_server_key key;
	np_fanin fanin;
};

/* Two addresses: an ICMP unreachable's sender and receiver; a scanner's
 * address (b unused). */
struct addr_pair {
	uint8_t a[16], b[16];
	uint8_t family;
};

struct np_profiler {
	np_profile_config cfg;
	struct endpoint_stat *receivers; /* one-way UDP: distinct senders, and (sender, port)s */
	size_t nreceivers;
	struct endpoint_stat *receivers_heard; /* the same, counting only senders heard from others */
	size_t nreceivers_heard;
	struct endpoint_stat *fanout; /* one-way UDP: distinct peers a fixed port keeps sending to */
	size_t nfanout;
	struct addr_pair *refusals, *scanners, *heard;
	size_t nrefusals, nscanners, nheard;
	struct conv *convs;
	size_t nconvs, capconvs;
	struct ftp_expect *expects;
	size_t nexpects, capexpects;
	struct endpoint_stat *endpoints;
	size_t nendpoints;
	uint32_t *endpoint_slots; /* hash of endpoints: index + 1, 0 empty (endpoint_fanin) */
	size_t endpoint_mask;
	np_server *servers;
	size_t nservers;
	np_client_stat *clients; /* of every server (build_servers) */
	np_flow_tunnel *tunnels; /* by their index (flow/decap.h); [0] unused */
	size_t ntunnels, captunnels;
	bool finished;
};

static _Noreturn void out_of_memory(void)
{
	fprintf(stderr, "netprofile: out of memory\n");
	exit(1);
}

static void *grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	void *n = realloc(arr, ncap * elem);
	if (!n)
		out_of_memory();
	*cap = ncap;
	return n;
}

/* n zeroed elements (at least one), or the end of the run, as grow(). */
static void *zalloc(size_t n, size_t elem)
{
	void *p = calloc(n ? n : 1, elem);
	if (!p)
		out_of_memory();
	return p;
}

/* The same, not zeroed: scratch arrays that are written before they are
 * read (calloc zeroes what it reuses, megabytes at every commit). */
static void *xalloc(size_t n, size_t elem)
{
	void *p = malloc((n ? n : 1) * elem);
	if (!p)
		out_of_memory();
	return p;
}

np_profiler *np_profiler_new(const np_profile_config *cfg)
{
	np_profiler *p = calloc(1, sizeof(*p));
	if (p && cfg)
		p->cfg = *cfg;
	return p;
}

/* What finishing computes from the conversations, gone. */
static void free_decided(np_profiler *p)
{
	free(p->clients);
	free(p->servers);
	free(p->endpoints);
	free(p->endpoint_slots);
	free(p->receivers);
	free(p->receivers_heard);
	free(p->fanout);
	free(p->refusals);
	free(p->scanners);
	free(p->heard);
	p->clients = NULL;
	p->servers = NULL;
	p->endpoints = NULL;
	p->endpoint_slots = NULL;
	p->receivers = p->receivers_heard = p->fanout = NULL;
	p->refusals = p->scanners = p->heard = NULL;
	p->nservers = p->nendpoints = p->endpoint_mask = 0;
	p->nreceivers = p->nreceivers_heard = p->nfanout = 0;
	p->nrefusals = p->nscanners = p->nheard = 0;
}

void np_profiler_free(np_profiler *p)
{
	if (!p)
		return;
	free_decided(p);
	free(p->tunnels);
	free(p->expects);
	free(p->convs);
	free(p);
}

/* A batch that filled less than this share of the room kept gives the
 * rest back: a burst's room is not held through the quiet after it. */
enum { KEEP_MIN_CONVS = 256, KEEP_UNUSED_SHARE = 4 };

void np_profiler_reset(np_profiler *p)
{
	free_decided(p);
	size_t used = p->nconvs;
	p->nconvs = p->nexpects = p->ntunnels = 0;
	p->finished = false;
	if (p->capconvs > KEEP_MIN_CONVS && used < p->capconvs / KEEP_UNUSED_SHARE) {
		size_t cap = used * 2 > KEEP_MIN_CONVS ? used * 2 : KEEP_MIN_CONVS;
		struct conv *c = realloc(p->convs, cap * sizeof(*c));
		if (c) { /* else the room is kept */
			p->convs = c;
			p->capconvs = cap;
		}
	}
}

/* ---- payload: service names and FTP data announcements ------------------- */

static int parse_numbers(const char *s, const char *end, int *v, int n)
{
	int got = 0;
	while (s < end && got < n) {
		if (*s >= '0' && *s <= '9') {
			long x = 0;
			while (s < end && *s >= '0' && *s <= '9' && x < 100000)
				x = x * 10 + (*s++ - '0');
			v[got++] = (int)x;
		} else {
			s++;
		}
	}
	return got;
}

static void add_expect(np_profiler *p, const uint8_t *data_addr, const uint8_t *other, uint8_t family, int port,
		       bool active, int64_t seen_us)
{
	if (port <= 0 || port > 65535)
		return;
	p->expects = grow(p->expects, &p->capexpects, p->nexpects + 1, sizeof(*p->expects));
	struct ftp_expect *e = &p->expects[p->nexpects++];
	memset(e, 0, sizeof(*e));
	memcpy(e->data_addr, data_addr, 16);
	memcpy(e->other_addr, other, 16);
	e->family = family;
	e->data_port = (uint16_t)port;
	e->active = active;
	e->seen_us = seen_us;
}

/* One FTP control line: 227/229 replies (passive), PORT/EPRT commands (active). */
static void ftp_control_line(np_profiler *p, const np_flow *f, bool reverse, const char *s, uint32_t len)
{
	const uint8_t *sender = reverse ? f->key.dst : f->key.src;
	const uint8_t *receiver = reverse ? f->key.src : f->key.dst;
	const char *end = s + len;
	int64_t now = reverse ? f->rev.last_us : f->fwd.last_us;
	int v[6];
	if (len > 4 && memcmp(s, "227 ", 4) == 0) {
		const char *open = memchr(s, '(', len);
		if (open && parse_numbers(open, end, v, 6) == 6)
			add_expect(p, sender, receiver, f->key.family, v[4] * 256 + v[5], false, now);
	} else if (len > 4 && memcmp(s, "229 ", 4) == 0) {
		const char *open = memchr(s, '(', len);
		if (open && parse_numbers(open, end, v, 1) == 1)
			add_expect(p, sender, receiver, f->key.family, v[0], false, now);
	} else if (len > 5 && memcmp(s, "PORT ", 5) == 0) {
		if (parse_numbers(s + 5, end, v, 6) == 6)
			add_expect(p, sender, receiver, f->key.family, v[4] * 256 + v[5], true, now);
	} else if (len > 5 && memcmp(s, "EPRT ", 5) == 0) {
		/* EPRT |proto|address|port| : the port is the last number. */
		const char *last_bar = NULL;
		for (const char *q = end - 1; q > s; q--)
			if (*q == '|' && q < end - 1) {
				last_bar = q;
				break;
			}
		const char *prev = last_bar;
		while (prev && prev > s && prev[-1] != '|')
			prev--;
		if (prev && parse_numbers(prev, last_bar, v, 1) == 1)
			add_expect(p, sender, receiver, f->key.family, v[0], true, now);
	}
}

static bool is_ftp_control(const np_flow *f)
{
	static uint8_t ftp_id;
	if (!ftp_id)
		ftp_id = np_service_id("ftp");
	return f->key.proto == 6 && (f->key.sport == 21 || f->key.dport == 21 || f->app == ftp_id);
}

/* Binary tests (a DNS header, an NTP mode, RTP, TELNET's IAC) look at a
 * few bytes, which the middle of a stream matches now and then: they are
 * asked of the first packets of each direction only. Text openings (a
 * request line, a banner) are taken wherever they come, so a capture that
 * starts mid-connection still names the service from the next request. */
enum { ID_FIRST_PACKETS = 4 };

static bool binary_id(const char *service)
{
	return strcmp(service, "ssh") && strcmp(service, "http") && strcmp(service, "ftp") && strcmp(service, "smtp") &&
	       strcmp(service, "sip");
}

void np_profiler_payload(void *ctx, np_flow *f, bool reverse, const uint8_t *payload, uint32_t len)
{
	np_profiler *p = ctx;
	bool early = (reverse ? f->rev.packets : f->fwd.packets) <= ID_FIRST_PACKETS;
	/* Past the first packets only text openings count, and every one of
	 * them begins with a capital or "220" (np_identify_payload): the
	 * middle of a TLS or binary stream is not looked at. */
	bool text_like = len && ((payload[0] >= 'A' && payload[0] <= 'Z') || payload[0] == '2');
	if (!f->app && (early || (f->key.proto == 6 && text_like))) {
		np_payload_id id = np_identify_payload(f->key.proto, payload, len);
		if (id.service && !early && binary_id(id.service))
			id.service = NULL;
		if (id.service) {
			f->app = np_service_id(id.service);
			if (id.role == NP_PAYLOAD_FROM_CLIENT)
				f->app_side = reverse ? 1 : 2;
			else if (id.role == NP_PAYLOAD_FROM_SERVER)
				f->app_side = reverse ? 2 : 1;
		}
	}
	if (is_ftp_control(f) && len < 512)
		ftp_control_line(p, f, reverse, (const char *)payload, len);
}

/* ---- collecting ----------------------------------------------------------- */

static void add_conv(np_profiler *p, const np_flow *f, bool has_flags, bool counted)
{
	p->convs = grow(p->convs, &p->capconvs, p->nconvs + 1, sizeof(*p->convs));
	struct conv *c = &p->convs[p->nconvs++];
	/* Not the role (most of it): deciding writes it before anything reads it. */
	memset(c, 0, offsetof(struct conv, role));
	c->f = *f;
	c->has_flags = has_flags && !p->cfg.no_flags;
	c->tie_to = -1;
	c->counted = counted;
}

void np_profiler_add_flow(np_profiler *p, const np_flow *f, bool has_flags)
{
	add_conv(p, f, has_flags, true);
}

static void add_in_tunnel(np_profiler *p, const np_flow *f, bool has_flags, bool counted, const np_flow_tunnel *t)
{
	add_conv(p, f, has_flags, counted);
	if (t->index >= p->ntunnels) {
		p->tunnels = grow(p->tunnels, &p->captunnels, (size_t)t->index + 1, sizeof(*p->tunnels));
		memset(&p->tunnels[p->ntunnels], 0, ((size_t)t->index + 1 - p->ntunnels) * sizeof(*p->tunnels));
		p->ntunnels = (size_t)t->index + 1;
	}
	p->tunnels[t->index] = *t;
	p->convs[p->nconvs - 1].tunnel = t->index;
}

void np_profiler_add_tunnelled(np_profiler *p, const np_flow *f, bool has_flags, const np_flow_tunnel *t)
{
	add_in_tunnel(p, f, has_flags, true, t);
}

void np_profiler_add_active_tunnelled(np_profiler *p, const np_flow *f, bool has_flags, const np_flow_tunnel *t)
{
	add_in_tunnel(p, f, has_flags, false, t);
}

void np_profiler_add_active(np_profiler *p, const np_flow *f, bool has_flags)
{
	add_conv(p, f, has_flags, false);
}

/* ---- keys and sorting ------------------------------------------------------ */

static np_server_key endpoint_of(const np_flow *f, bool reverse)
{
	np_server_key k;
	memset(&k, 0, sizeof(k));
	memcpy(k.addr, reverse ? f->key.dst : f->key.src, 16);
	k.family = f->key.family;
	k.proto = f->key.proto;
	k.port = reverse ? f->key.dport : f->key.sport;
	return k;
}

/* memcmp's order of n (4 or 16) address bytes, as big-endian words:
 * the sorts of a commit's conversations compare addresses millions of
 * times, and memcmp of a variable length is a call each time. */
static inline uint64_t be64_at(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline int addr_cmp(const uint8_t *a, const uint8_t *b, size_t n)
{
	if (n == 4) {
		uint32_t x = be32_at(a), y = be32_at(b);
		return (x > y) - (x < y);
	}
	uint64_t x = be64_at(a), y = be64_at(b);
	if (x == y) {
		x = be64_at(a + 8);
		y = be64_at(b + 8);
	}
	return (x > y) - (x < y);
}

static inline int key_cmp(const np_server_key *a, const np_server_key *b)
{
	if (a->family != b->family)
		return a->family - b->family;
	int c = addr_cmp(a->addr, b->addr, a->family == 4 ? 4 : 16);
	if (c)
		return c;
	if (a->proto != b->proto)
		return a->proto - b->proto;
	return (int)a->port - (int)b->port;
}

int np_server_key_cmp(const np_server_key *a, const np_server_key *b)
{
	return key_cmp(a, b);
}

/* (endpoint, peer address, peer port): sorted, runs give distinct counts. */
struct peer_tuple {
	np_server_key ep;
	uint8_t peer[16];
	uint16_t peer_port;
};

static int peer_tuple_cmp(const void *x, const void *y)
{
	const struct peer_tuple *a = x, *b = y;
	int c = key_cmp(&a->ep, &b->ep);
	if (c)
		return c;
	c = addr_cmp(a->peer, b->peer, 16);
	if (c)
		return c;
	return (int)a->peer_port - (int)b->peer_port;
}

NP_SORT_DEFINE(sort_peer_tuples, struct peer_tuple, peer_tuple_cmp)

/* Fan-in counts the peers an endpoint met in answered conversations, not
 * on its own port number, not on a registered service port (roles.h):
 * a SYN scan from one source port met 188 ports, most of them closed, and
 * came out as the busiest "server" of its capture; an NTP client polling
 * four servers from port 123 outweighed each of them. */
static bool fanin_peer(const np_flow *f, uint16_t own_port, uint16_t peer_port)
{
	return peer_port != own_port && !np_port_is_service(f->key.proto, peer_port);
}

/* An IPv4 tuple in two words that order as peer_tuple_cmp orders it, so
 * that the sort compares two integers, not keys and addresses field by
 * field: the tuples of a commit's fan-in are a few hundred thousand. */
struct packed_tuple {
	uint64_t ep;   /* address, protocol, port */
	uint64_t peer; /* peer address, peer port */
};

static int packed_tuple_cmp(const void *x, const void *y)
{
	const struct packed_tuple *a = x, *b = y;
	if (a->ep != b->ep)
		return a->ep < b->ep ? -1 : 1;
	return (a->peer > b->peer) - (a->peer < b->peer);
}

NP_SORT_DEFINE(sort_packed_tuples, struct packed_tuple, packed_tuple_cmp)

/* An IPv4 address with nothing in the 12 bytes after it. */
static bool bare_ip4(const uint8_t *a)
{
	uint64_t x;
	uint32_t y;
	memcpy(&x, a + 4, 8);
	memcpy(&y, a + 12, 4);
	return !(x | y);
}

/* Counts sorted tuples into v (from v[nv]); the new count of v. */
static size_t tally_sorted(const struct peer_tuple *t, size_t n, struct endpoint_stat *v, size_t nv)
{
	for (size_t i = 0; i < n; i++) {
		bool new_ep = i == 0 || key_cmp(&t[i].ep, &t[i - 1].ep) != 0;
		if (new_ep) {
			v[nv].key = t[i].ep;
			memset(&v[nv++].fanin, 0, sizeof(v->fanin));
		}
		struct endpoint_stat *e = &v[nv - 1];
		e->fanin.flows++;
		bool new_peer = new_ep || memcmp(t[i].peer, t[i - 1].peer, 16) != 0;
		if (new_peer)
			e->fanin.peers++;
		if (new_peer || t[i].peer_port != t[i - 1].peer_port)
			e->fanin.peer_ports++;
	}
	return nv;
}

/* The same of packed tuples. */
static size_t tally_packed(const struct packed_tuple *t, size_t n, struct endpoint_stat *v, size_t nv)
{
	for (size_t i = 0; i < n; i++) {
		bool new_ep = i == 0 || t[i].ep != t[i - 1].ep;
		if (new_ep) {
			np_server_key *k = &v[nv].key;
			memset(k, 0, sizeof(*k));
			uint32_t addr = (uint32_t)(t[i].ep >> 24);
			k->addr[0] = (uint8_t)(addr >> 24);
			k->addr[1] = (uint8_t)(addr >> 16);
			k->addr[2] = (uint8_t)(addr >> 8);
			k->addr[3] = (uint8_t)addr;
			k->family = 4;
			k->proto = (uint8_t)(t[i].ep >> 16);
			k->port = (uint16_t)t[i].ep;
			memset(&v[nv++].fanin, 0, sizeof(v->fanin));
		}
		struct endpoint_stat *e = &v[nv - 1];
		e->fanin.flows++;
		bool new_peer = new_ep || t[i].peer >> 16 != t[i - 1].peer >> 16;
		if (new_peer)
			e->fanin.peers++;
		if (new_peer || t[i].peer != t[i - 1].peer)
			e->fanin.peer_ports++;
	}
	return nv;
}

/* Sort the tuples and count, per endpoint, its tuples (flows), distinct
 * peers and distinct (peer, peer port)s; t keeps its tuples in no given
 * order (compute_one_way reads them again). IPv4 tuples are sorted packed
 * when every one of them packs (bare_ip4), before the IPv6 ones, as
 * family orders them. */
static size_t tally_peers(struct peer_tuple *t, size_t n, struct endpoint_stat **out)
{
	struct endpoint_stat *v = malloc((n ? n : 1) * sizeof(*v));
	*out = v;
	if (!v)
		return 0;
	bool packable = true;
	for (size_t i = 0; packable && i < n; i++)
		packable = t[i].ep.family == 4 ? bare_ip4(t[i].ep.addr) && bare_ip4(t[i].peer) : t[i].ep.family > 4;
	struct packed_tuple *pk = packable ? malloc((n ? n : 1) * sizeof(*pk)) : NULL;
	if (!pk) {
		sort_peer_tuples(t, n);
		return tally_sorted(t, n, v, 0);
	}
	size_t npk = 0, nrest = 0;
	for (size_t i = 0; i < n; i++) {
		const struct peer_tuple *x = &t[i];
		if (x->ep.family != 4) { /* to the front, swapped: no tuple lost */
			struct peer_tuple v6 = *x;
			t[i] = t[nrest];
			t[nrest++] = v6;
			continue;
		}
		pk[npk].ep = (uint64_t)be32_at(x->ep.addr) << 24 | (uint64_t)x->ep.proto << 16 | x->ep.port;
		pk[npk++].peer = (uint64_t)be32_at(x->peer) << 16 | x->peer_port;
	}
	sort_packed_tuples(pk, npk);
	size_t nv = tally_packed(pk, npk, v, 0);
	free(pk);
	sort_peer_tuples(t, nrest);
	return tally_sorted(t, nrest, v, nv);
}

/* Hashes what key_cmp compares (an IPv4 address is its first 4 bytes). */
static size_t key_hash(const np_server_key *k)
{
	uint64_t a, b = 0;
	memcpy(&a, k->addr, 8);
	if (k->family == 4)
		a &= 0xffffffffULL << (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? 0 : 32);
	else
		memcpy(&b, k->addr + 8, 8);
	uint64_t c = (uint64_t)k->family << 24 | (uint64_t)k->proto << 16 | k->port;
	uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b + 0x632be59bd9b4e019ULL) ^ (c << 17);
	h *= 0xff51afd7ed558ccdULL;
	return (size_t)(h ^ h >> 29);
}

/* Every conversation asks the fan-in of both its endpoints: a hash of the
 * sorted endpoints answers in one probe or two instead of a binary search
 * (stat_of still answers when it cannot be had). */
static void index_endpoints(np_profiler *p)
{
	free(p->endpoint_slots);
	p->endpoint_slots = NULL;
	size_t size = 16;
	while (size < 2 * p->nendpoints)
		size *= 2;
	p->endpoint_slots = calloc(size, sizeof(*p->endpoint_slots));
	if (!p->endpoint_slots)
		return;
	p->endpoint_mask = size - 1;
	for (size_t i = 0; i < p->nendpoints; i++) {
		size_t h = key_hash(&p->endpoints[i].key) & p->endpoint_mask;
		while (p->endpoint_slots[h])
			h = (h + 1) & p->endpoint_mask;
		p->endpoint_slots[h] = (uint32_t)i + 1;
	}
}

static np_fanin stat_of(const struct endpoint_stat *v, size_t n, const np_server_key *k);

static np_fanin endpoint_fanin(const np_profiler *p, const np_server_key *k)
{
	if (!p->endpoint_slots)
		return stat_of(p->endpoints, p->nendpoints, k);
	for (size_t h = key_hash(k) & p->endpoint_mask; p->endpoint_slots[h]; h = (h + 1) & p->endpoint_mask) {
		const struct endpoint_stat *e = &p->endpoints[p->endpoint_slots[h] - 1];
		if (key_cmp(&e->key, k) == 0)
			return e->fanin;
	}
	np_fanin none = {0, 0, 0};
	return none;
}

static void compute_fanin(np_profiler *p)
{
	size_t n = p->nconvs * 2;
	struct peer_tuple *t = xalloc(n, sizeof(*t));
	n = 0;
	for (size_t i = 0; i < p->nconvs; i++) {
		const np_flow *f = &p->convs[i].f;
		const char *why;
		if ((f->key.proto != 6 && f->key.proto != 17) || !np_role_answered(f, p->convs[i].has_flags, &why))
			continue;
		if (fanin_peer(f, f->key.sport, f->key.dport)) {
			t[n].ep = endpoint_of(f, false);
			memcpy(t[n].peer, f->key.dst, 16);
			t[n++].peer_port = f->key.dport;
		}
		if (fanin_peer(f, f->key.dport, f->key.sport)) {
			t[n].ep = endpoint_of(f, true);
			memcpy(t[n].peer, f->key.src, 16);
			t[n++].peer_port = f->key.sport;
		}
	}
	p->nendpoints = tally_peers(t, n, &p->endpoints);
	free(t);
	index_endpoints(p);
}

static np_fanin stat_of(const struct endpoint_stat *v, size_t n, const np_server_key *k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = key_cmp(&v[mid].key, k);
		if (c == 0)
			return v[mid].fanin;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	np_fanin none = {0, 0, 0};
	return none;
}

/* ---- one-way conversations: receivers, scanners, refusals ---------------------- */

static int addr_pair_cmp(const void *x, const void *y)
{
	const struct addr_pair *a = x, *b = y;
	if (a->family != b->family)
		return a->family - b->family;
	int c = addr_cmp(a->a, b->a, 16);
	return c ? c : addr_cmp(a->b, b->b, 16);
}

NP_SORT_DEFINE(sort_addr_pairs, struct addr_pair, addr_pair_cmp)

static size_t unique_pairs(struct addr_pair *v, size_t n)
{
	sort_addr_pairs(v, n);
	size_t out = 0;
	for (size_t i = 0; i < n; i++)
		if (!out || addr_pair_cmp(&v[out - 1], &v[i]) != 0)
			v[out++] = v[i];
	return out;
}

NP_BSEARCH_DEFINE(search_addr_pairs, struct addr_pair, addr_pair_cmp)

/* A binary search with the comparison inlined: asked several times per
 * one-way conversation a commit decides. */
static bool has_pair(const struct addr_pair *v, size_t n, uint8_t family, const uint8_t *a, const uint8_t *b)
{
	struct addr_pair k;
	memset(&k, 0, sizeof(k));
	k.family = family;
	memcpy(k.a, a, 16);
	if (b)
		memcpy(k.b, b, 16);
	return search_addr_pairs(v, n, &k) != NULL;
}

/* Hosts asked about (sorted, distinct (family, address)s of addr_pairs,
 * b unused): a filter that answers "surely not" for most others at once,
 * then a hash of them; asked for both ends of every conversation of a
 * commit, where a binary search of each was most of the one-way work. */
struct host_set {
	uint64_t bits[64];
	uint32_t *slots; /* index in v + 1, 0 empty */
	size_t mask;
	const struct addr_pair *v;
};

static uint64_t host_hash(uint8_t family, const uint8_t *a)
{
	uint64_t x, y;
	memcpy(&x, a, 8);
	memcpy(&y, a + 8, 8);
	uint64_t h = (x * 0x9e3779b97f4a7c15ULL) ^ (y * 0xc2b2ae3d27d4eb4fULL) ^ family;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ h >> 32;
}

static void host_set_build(struct host_set *hs, const struct addr_pair *v, size_t n)
{
	memset(hs, 0, sizeof(*hs));
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	hs->slots = zalloc(size, sizeof(*hs->slots));
	hs->mask = size - 1;
	hs->v = v;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = host_hash(v[i].family, v[i].a);
		unsigned b = (unsigned)(h >> 52); /* 12 bits */
		hs->bits[b >> 6] |= 1ULL << (b & 63);
		size_t at = h & hs->mask;
		while (hs->slots[at])
			at = (at + 1) & hs->mask;
		hs->slots[at] = (uint32_t)i + 1;
	}
}

/* The index in v of (family, a), or -1. */
static ptrdiff_t host_set_find(const struct host_set *hs, uint8_t family, const uint8_t *a)
{
	uint64_t h = host_hash(family, a);
	unsigned b = (unsigned)(h >> 52);
	if (!(hs->bits[b >> 6] >> (b & 63) & 1))
		return -1;
	for (size_t at = h & hs->mask; hs->slots[at]; at = (at + 1) & hs->mask) {
		const struct addr_pair *e = &hs->v[hs->slots[at] - 1];
		if (e->family == family && memcmp(e->a, a, 16) == 0)
			return (ptrdiff_t)hs->slots[at] - 1;
	}
	return -1;
}

static bool is_unreachable(const np_flow *f)
{
	return (f->key.proto == 1 && f->key.dport >> 8 == 3) || (f->key.proto == 58 && f->key.dport >> 8 == 1);
}

static bool one_way(const np_flow *f)
{
	return (f->key.proto == 6 || f->key.proto == 17) && f->rev.packets == 0;
}

/* A sender of lone unanswered packets (one or a retry) to this many
 * distinct (address, port)s is scanning, not using a service. */
enum { SCAN_ENDPOINTS = 6 };

/* Of the tuples of lone unanswered packets (one or a retry), the senders
 * scanning: their addresses into p->scanners. */
static void find_scanners(np_profiler *p, struct peer_tuple *t, size_t n)
{
	struct addr_pair *sc = malloc((n + 1) * sizeof(*sc));
	if (!sc)
		return;
	size_t ns = 0;
	struct endpoint_stat *senders = NULL;
	size_t nsenders = tally_peers(t, n, &senders);
	for (size_t i = 0; i < nsenders; i++)
		if (senders[i].fanin.peer_ports >= SCAN_ENDPOINTS) {
			memset(&sc[ns], 0, sizeof(sc[ns]));
			sc[ns].family = senders[i].key.family;
			memcpy(sc[ns++].a, senders[i].key.addr, 16);
		}
	free(senders);
	p->scanners = sc;
	p->nscanners = unique_pairs(sc, ns);
}

/* A host packets were seen going to. */
struct sent_to {
	uint8_t addr[16];
	uint8_t family;
};

/* What the one-way statistics read of the conversations, gathered in one
 * pass (a conversation is six cache lines; a commit holds a few hundred
 * thousand of them): each list in the order of the conversations. */
struct one_way_input {
	struct addr_pair *refusals; /* ICMP unreachables: sender, receiver */
	struct peer_tuple *probes;  /* lone unanswered packets: (sender, port 0), receiver, its port */
	struct peer_tuple *rx;      /* one-way UDP: receiver endpoint, sender, its port */
	struct peer_tuple *fanout;  /* one-way UDP kept sending from a fixed port to client ports */
	struct sent_to *sent;       /* every direction's destination host */
	size_t nrefusals, nprobes, nrx, nfanout, nsent;
};

static void gather_one_way(const np_profiler *p, struct one_way_input *in)
{
	for (size_t i = 0; i < p->nconvs; i++) {
		const np_flow *f = &p->convs[i].f;
		if (is_unreachable(f)) {
			struct addr_pair *r = &in->refusals[in->nrefusals++];
			r->family = f->key.family;
			memcpy(r->a, f->key.src, 16);
			memcpy(r->b, f->key.dst, 16);
		}
		if (f->fwd.packets) {
			struct sent_to *s = &in->sent[in->nsent++];
			s->family = f->key.family;
			memcpy(s->addr, f->key.dst, 16);
		}
		if (f->rev.packets) {
			struct sent_to *s = &in->sent[in->nsent++];
			s->family = f->key.family;
			memcpy(s->addr, f->key.src, 16);
		}
		if (!one_way(f))
			continue;
		/* An answer (a DNS response, NTP mode 4) is no probe: a DNS
		 * server whose queries took another path answers many client
		 * ports once each. */
		if (f->fwd.packets <= 2 && f->app_side != 1) {
			struct peer_tuple *t = &in->probes[in->nprobes++];
			t->ep = endpoint_of(f, false);
			t->ep.port = 0; /* the scanner's address, whatever its source ports */
			memcpy(t->peer, f->key.dst, 16);
			t->peer_port = f->key.dport;
		}
		if (f->key.proto != 17)
			continue;
		struct peer_tuple *t = &in->rx[in->nrx++];
		t->ep = endpoint_of(f, true);
		memcpy(t->peer, f->key.src, 16);
		t->peer_port = f->key.sport;
		/* Fan-out of a fixed port, one way: a UDP endpoint that keeps
		 * sending (a second apart or more) from one port to other
		 * hosts' client ports (not a service port, not its own number),
		 * nothing sent to it seen. */
		if (f->fwd.packets >= 3 && f->fwd.last_us - f->fwd.first_us >= 1000000 &&
		    fanin_peer(f, f->key.sport, f->key.dport)) {
			t = &in->fanout[in->nfanout++];
			t->ep = endpoint_of(f, false);
			memcpy(t->peer, f->key.dst, 16);
			t->peer_port = f->key.dport;
		}
	}
}

static void compute_one_way(np_profiler *p)
{
	size_t m = p->nconvs + 1;
	struct one_way_input in = {
		.refusals = malloc(m * sizeof(*in.refusals)),
		.probes = malloc(m * sizeof(*in.probes)),
		.rx = malloc(m * sizeof(*in.rx)),
		.fanout = malloc(m * sizeof(*in.fanout)),
		.sent = malloc(2 * m * sizeof(*in.sent)),
	};
	struct addr_pair *asked = malloc(m * sizeof(*asked));
	if (!in.refusals || !in.probes || !in.rx || !in.fanout || !in.sent || !asked) {
		free(in.refusals);
		free(in.probes);
		free(in.rx);
		free(in.fanout);
		free(in.sent);
		free(asked);
		return;
	}
	gather_one_way(p, &in);
	p->refusals = in.refusals;
	p->nrefusals = unique_pairs(in.refusals, in.nrefusals);
	find_scanners(p, in.probes, in.nprobes);
	free(in.probes);
	/* Hosts packets were seen going to, of those asked about: the senders
	 * of one-way UDP (a handful, where the batch holds every flow of a
	 * busy link). */
	for (size_t i = 0; i < in.nrx; i++) {
		memset(&asked[i], 0, sizeof(asked[i]));
		asked[i].family = in.rx[i].ep.family;
		memcpy(asked[i].a, in.rx[i].peer, 16);
	}
	size_t nasked = unique_pairs(asked, in.nrx);
	struct host_set hs;
	host_set_build(&hs, asked, nasked);
	/* Which of them are heard: a mark per asked host (sorted and
	 * distinct already), not a list of every packet's destination. */
	bool *heard = zalloc(nasked, sizeof(*heard));
	for (size_t i = 0; nasked && i < in.nsent; i++) {
		ptrdiff_t at = host_set_find(&hs, in.sent[i].family, in.sent[i].addr);
		if (at >= 0)
			heard[at] = true;
	}
	free(hs.slots);
	free(in.sent);
	size_t nh = 0;
	for (size_t i = 0; i < nasked; i++)
		if (heard[i])
			asked[nh++] = asked[i];
	free(heard);
	p->heard = asked;
	p->nheard = nh;
	struct peer_tuple *t = in.rx;
	size_t n = 0;
	for (size_t i = 0; i < in.nrx; i++)
		if (!has_pair(p->scanners, p->nscanners, t[i].ep.family, t[i].peer, NULL))
			t[n++] = t[i];
	p->nreceivers = tally_peers(t, n, &p->receivers);
	/* The same, of the senders the capture hears from others. */
	size_t nh2 = 0;
	for (size_t i = 0; i < n; i++)
		if (has_pair(p->heard, p->nheard, t[i].ep.family, t[i].peer, NULL))
			t[nh2++] = t[i];
	p->nreceivers_heard = tally_peers(t, nh2, &p->receivers_heard);
	free(t);
	p->nfanout = tally_peers(in.fanout, in.nfanout, &p->fanout);
	free(in.fanout);
}

/* ---- deciding ---------------------------------------------------------------- */

static void decide(const np_profiler *p, struct conv *c, bool use_flags, np_role *out)
{
	np_role_input in;
	in.flow = &c->f;
	in.use_flags = use_flags;
	np_server_key fk = endpoint_of(&c->f, false), rk = endpoint_of(&c->f, true);
	in.fwd_fanin = endpoint_fanin(p, &fk);
	in.rev_fanin = endpoint_fanin(p, &rk);
	memset(&in.rev_oneway, 0, sizeof(in.rev_oneway));
	if (one_way(&c->f) && c->f.key.proto == 17) {
		const np_flow *f = &c->f;
		np_fanin rx = stat_of(p->receivers, p->nreceivers, &rk);
		in.rev_oneway.senders = rx.peers;
		in.rev_oneway.flows = rx.peer_ports;
		in.rev_oneway.refused = has_pair(p->refusals, p->nrefusals, f->key.family, f->key.dst, f->key.src);
		in.rev_oneway.scanner = has_pair(p->scanners, p->nscanners, f->key.family, f->key.src, NULL);
		in.rev_oneway.sender_heard = has_pair(p->heard, p->nheard, f->key.family, f->key.src, NULL);
		in.rev_oneway.heard_senders = stat_of(p->receivers_heard, p->nreceivers_heard, &rk).peers;
		in.rev_oneway.fwd_fanout = stat_of(p->fanout, p->nfanout, &fk).peers;
	}
	np_role_decide(&in, out);
}

static bool same_addr(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 16) == 0;
}

/* The server endpoint a decided conversation names. */
static np_server_key server_of(const struct conv *c)
{
	return endpoint_of(&c->f, c->role.server == NP_SIDE_REVERSE);
}

static bool conv_is_service(const struct conv *c, uint8_t proto, uint16_t port)
{
	if (c->role.server == NP_SIDE_NONE || c->f.key.proto != proto)
		return false;
	return server_of(c).port == port;
}

/* When the control channel between these hosts first announced a data
 * connection (of the announcements this profiler holds); INT64_MAX if it
 * announced none. */
static int64_t first_announcement(const np_profiler *p, const uint8_t *srv, const uint8_t *client)
{
	int64_t first = INT64_MAX;
	for (size_t e = 0; e < p->nexpects; e++) {
		const struct ftp_expect *x = &p->expects[e];
		if (((same_addr(x->data_addr, srv) && same_addr(x->other_addr, client)) ||
		     (same_addr(x->data_addr, client) && same_addr(x->other_addr, srv))) &&
		    x->seen_us < first)
			first = x->seen_us;
	}
	return first;
}

/* How a TCP conversation between an FTP server and its client relates to
 * the control session: announced (PORT/EPRT/227/229 seen), or, when the
 * control channel's payload was not seen (flow records), by shape: from
 * port 20 is active data; between two high ports that name no other
 * service and carry no recognised payload is passive data. A connection
 * that began before the first announcement held (its own came before the
 * capture, or `watch` has let it go since) is judged by shape too. */
static uint8_t ftp_data_kind(const np_profiler *p, const struct conv *d, const uint8_t *srv, const uint8_t *client,
			     uint16_t srv_port, uint16_t cli_port, int64_t announced_from)
{
	if (d->f.fwd.first_us >= announced_from) {
		for (size_t e = 0; e < p->nexpects; e++) {
			const struct ftp_expect *x = &p->expects[e];
			if (x->active && x->data_port == cli_port && same_addr(x->data_addr, client))
				return TIE_FTP_ACTIVE;
			if (!x->active && x->data_port == srv_port && same_addr(x->data_addr, srv))
				return TIE_FTP_PASSIVE;
		}
		return TIE_NONE;
	}
	if (srv_port == 20)
		return TIE_FTP_ACTIVE;
	if (srv_port >= 1024 && cli_port >= 1024 && !np_port_is_service(6, srv_port) && d->f.app == 0)
		/* Who opened it: the FTP server (active, from a port other
		 * than 20, as vsftpd with connect_from_port_20=NO) or the
		 * client (passive). */
		return same_addr(d->f.key.src, srv) ? TIE_FTP_ACTIVE : TIE_FTP_PASSIVE;
	return TIE_NONE;
}

static int64_t conv_last_us(const struct conv *c)
{
	return c->f.fwd.last_us > c->f.rev.last_us ? c->f.fwd.last_us : c->f.rev.last_us;
}

/* FTP data connections: tied to the control session they belong to, while
 * it lasts. */
static void tie_ftp_data(np_profiler *p)
{
	for (size_t i = 0; i < p->nconvs; i++) {
		struct conv *ctl = &p->convs[i];
		if (!conv_is_service(ctl, 6, 21))
			continue;
		np_server_key srv = server_of(ctl);
		const uint8_t *client = same_addr(ctl->f.key.src, srv.addr) ? ctl->f.key.dst : ctl->f.key.src;
		int64_t announced_from = first_announcement(p, srv.addr, client);
		/* While the session lasts, and a minute after; a record with no
		 * duration (flow tables without DUR) says nothing of its end, so
		 * the flow table's idle timeout bounds it. */
		int64_t last = conv_last_us(ctl);
		if (last == ctl->f.fwd.first_us)
			last += 300 * 1000000LL;
		int64_t from = ctl->f.fwd.first_us - 1000000, to = last + 60 * 1000000LL;
		for (size_t j = 0; j < p->nconvs; j++) {
			struct conv *d = &p->convs[j];
			if (j == i || d->tie || d->f.key.proto != 6 || d->f.fwd.first_us < from ||
			    d->f.fwd.first_us > to)
				continue;
			bool fwd_is_srv = same_addr(d->f.key.src, srv.addr) && same_addr(d->f.key.dst, client);
			bool rev_is_srv = same_addr(d->f.key.dst, srv.addr) && same_addr(d->f.key.src, client);
			if (!fwd_is_srv && !rev_is_srv)
				continue;
			uint16_t srv_port = fwd_is_srv ? d->f.key.sport : d->f.key.dport;
			uint16_t cli_port = fwd_is_srv ? d->f.key.dport : d->f.key.sport;
			if (srv_port == 21)
				continue; /* another control session */
			uint8_t kind = ftp_data_kind(p, d, srv.addr, client, srv_port, cli_port, announced_from);
			if (kind) {
				d->tie = kind;
				d->tie_to = (int32_t)i;
				d->tie_port = srv_port;
			}
		}
	}
}

/* PPTP: GRE between the two hosts of a TCP 1723 control session. */
static void tie_gre(np_profiler *p)
{
	for (size_t i = 0; i < p->nconvs; i++) {
		struct conv *ctl = &p->convs[i];
		if (!conv_is_service(ctl, 6, 1723))
			continue;
		for (size_t j = 0; j < p->nconvs; j++) {
			struct conv *g = &p->convs[j];
			if (g->tie || g->f.key.proto != 47)
				continue;
			bool pair =
				(same_addr(g->f.key.src, ctl->f.key.src) && same_addr(g->f.key.dst, ctl->f.key.dst)) ||
				(same_addr(g->f.key.src, ctl->f.key.dst) && same_addr(g->f.key.dst, ctl->f.key.src));
			if (pair) {
				g->tie = TIE_GRE;
				g->tie_to = (int32_t)i;
			}
		}
	}
}

/* ---- summing up servers ---------------------------------------------------------- */

struct assign {
	np_server_key server;
	size_t conv;
	bool peer; /* the conversation's client, serving too (np_role_peer_serves) */
};

/* The distinct servers of the assignments, in key order. */
struct server_group {
	np_server_key key;
	uint32_t at; /* its index among the groups, found by hash */
};

static int server_group_cmp(const void *x, const void *y)
{
	return key_cmp(&((const struct server_group *)x)->key, &((const struct server_group *)y)->key);
}

NP_SORT_DEFINE(sort_server_groups, struct server_group, server_group_cmp)

/* Orders the assignments by server, each server's in the order they came
 * (by conversation: what a stable sort by (server, conversation) gives),
 * into out: the servers found by hash and only they sorted, a commit
 * holding a hundred thousand conversations of a few thousand servers.
 * The number of servers. */
static size_t order_assigns(const struct assign *a, size_t n, struct assign *out)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	uint32_t *slots = zalloc(size, sizeof(*slots)); /* group + 1, 0 empty */
	uint32_t *gid = xalloc(n, sizeof(*gid));
	struct server_group *g = xalloc(n, sizeof(*g)); /* key, and at: the group */
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		size_t h = key_hash(&a[i].server) & (size - 1);
		while (slots[h] && key_cmp(&g[slots[h] - 1].key, &a[i].server) != 0)
			h = (h + 1) & (size - 1);
		if (!slots[h]) {
			g[ng].key = a[i].server;
			g[ng].at = (uint32_t)ng;
			slots[h] = (uint32_t)++ng;
		}
		gid[i] = slots[h] - 1;
	}
	free(slots);
	uint32_t *count = zalloc(ng, sizeof(*count)), *place = xalloc(ng, sizeof(*place));
	for (size_t i = 0; i < n; i++)
		count[gid[i]]++;
	/* the groups in key order; each one's assignments go from place[] on */
	sort_server_groups(g, ng);
	uint32_t at = 0;
	for (size_t r = 0; r < ng; r++) {
		place[g[r].at] = at;
		at += count[g[r].at];
	}
	for (size_t i = 0; i < n; i++)
		out[place[gid[i]]++] = a[i];
	free(count);
	free(place);
	free(g);
	free(gid);
	return ng;
}

static int client_cmp(const void *x, const void *y)
{
	const np_client_stat *a = x, *b = y;
	if (a->family != b->family)
		return a->family - b->family;
	return addr_cmp(a->addr, b->addr, 16);
}

NP_SORT_DEFINE(sort_clients, np_client_stat, client_cmp)

enum { TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10 };

/* A TCP peer that opened with SYN and never acknowledged anything: the
 * server answered (that makes it a server), but the peer did not go on; a
 * SYN flood from spoofed sources, a SYN scan that resets. Such a peer is
 * not a client: the server's flows, packets and bytes count the
 * conversation, its clients (and the inventory's clients table) do not,
 * so a flood does not fill the inventory with made-up addresses. Without
 * flags nothing can be told, and every peer counts. */
static bool half_open(const struct conv *c)
{
	if (!c->has_flags || c->f.key.proto != 6)
		return false;
	const np_flow_dir *client = c->role.server == NP_SIDE_REVERSE ? &c->f.fwd : &c->f.rev;
	uint8_t flags = client->initial_flags | client->session_flags;
	return client->packets && (flags & TH_SYN) && !(flags & TH_ACK);
}

static void add_client(np_server *s, const struct conv *c)
{
	np_server_key srv = server_of(c);
	const uint8_t *cl =
		same_addr(c->f.key.src, srv.addr) && c->f.key.sport == srv.port ? c->f.key.dst : c->f.key.src;
	np_client_stat *x = &s->clients[s->nclients++];
	memcpy(x->addr, cl, 16);
	x->family = c->f.key.family;
	x->flows = c->counted ? 1 : 0;
	x->first_us = c->f.fwd.first_us;
	x->last_us = c->f.fwd.last_us > c->f.rev.last_us ? c->f.fwd.last_us : c->f.rev.last_us;
}

static void merge_clients(np_server *s)
{
	if (s->nclients < 2)
		return; /* nothing to merge */
	sort_clients(s->clients, s->nclients);
	uint32_t out = 0;
	for (uint32_t i = 0; i < s->nclients; i++) {
		if (out && client_cmp(&s->clients[out - 1], &s->clients[i]) == 0) {
			np_client_stat *m = &s->clients[out - 1];
			m->flows += s->clients[i].flows;
			if (s->clients[i].first_us < m->first_us)
				m->first_us = s->clients[i].first_us;
			if (s->clients[i].last_us > m->last_us)
				m->last_us = s->clients[i].last_us;
		} else {
			s->clients[out++] = s->clients[i];
		}
	}
	s->nclients = out;
}

static void add_ties(np_server *s, const struct conv *c)
{
	static const char *const names[] = {"", "ftp-data:active", "ftp-data:passive", "gre"};
	char add[64];
	/* The data connection's port on the FTP server, not the side its own
	 * (unused) role decision picked: two high ports often pick the client. */
	int n = c->tie == TIE_GRE ? snprintf(add, sizeof(add), "%s", names[c->tie])
				  : snprintf(add, sizeof(add), "%s/%u", names[c->tie], c->tie_port);
	np_ties_add(s->ties, sizeof(s->ties), add, (size_t)n);
}

static void sum_conv(np_server *s, const struct conv *c, bool own)
{
	const np_flow *f = &c->f;
	int64_t last = f->fwd.last_us > f->rev.last_us ? f->fwd.last_us : f->rev.last_us;
	if (!s->first_us || f->fwd.first_us < s->first_us)
		s->first_us = f->fwd.first_us;
	if (last > s->last_us)
		s->last_us = last;
	if (c->counted) {
		s->flows++;
		s->packets += f->fwd.packets + f->rev.packets;
		s->bytes += f->fwd.bytes + f->rev.bytes;
	}
	if (!own) {
		add_ties(s, c);
		return;
	}
	s->own++;
	if (!half_open(c) && !c->as_peer)
		add_client(s, c);
	/* A confirmed conversation's evidence outweighs any unconfirmed one's. */
	bool better = c->role.confirmed != s->confirmed ? c->role.confirmed : c->role.confidence > s->confidence;
	if (better || !s->evidence[0]) {
		s->confidence = c->role.confidence;
		memcpy(s->evidence, c->role.evidence, sizeof(s->evidence));
	}
	s->confirmed |= c->role.confirmed;
	/* The payload names the service, but "tls" says less than a port's name. */
	const char *named = f->app ? np_service_name(f->app) : NULL;
	if (!s->service && named && !(strcmp(named, "tls") == 0 && np_service_by_port(s->key.proto, s->key.port)))
		s->service = named;
}

static void note_tunnel(const np_profiler *p, struct conv *c);

/* The conversation's client as a server (np_role_peer_serves), its tunnel
 * named as note_tunnel names it: a conversation whose client serves too. */
static bool peer_role(const np_profiler *p, const struct conv *c, struct conv *as)
{
	if (c->tie || !np_role_peer_serves(&c->f, &c->role, &as->role))
		return false;
	as->f = c->f;
	as->counted = c->counted;
	as->has_flags = c->has_flags;
	as->tunnel = c->tunnel;
	as->tie = TIE_NONE;
	as->as_peer = true;
	note_tunnel(p, as);
	return true;
}

static void build_servers(np_profiler *p)
{
	struct assign *a = xalloc(2 * p->nconvs, sizeof(*a));
	size_t n = 0;
	for (size_t i = 0; i < p->nconvs; i++) {
		const struct conv *c = &p->convs[i];
		struct conv peer;
		if (peer_role(p, c, &peer)) {
			a[n].server = server_of(&peer);
			a[n].peer = true;
			a[n++].conv = i;
		}
		if (c->tie)
			a[n].server = server_of(&p->convs[c->tie_to]);
		else if (c->role.server != NP_SIDE_NONE)
			a[n].server = server_of(c);
		else
			continue;
		a[n].peer = false;
		a[n++].conv = i;
	}
	struct assign *sorted = xalloc(n, sizeof(*sorted));
	size_t nservers = order_assigns(a, n, sorted);
	free(a);
	a = sorted;
	/* as many as there are servers (a server is some 500 bytes, and a
	 * commit may hold a hundred thousand conversations of a few thousand
	 * servers); their clients in one array, each server's where its
	 * assignments begin (it has at most one client per assignment) */
	p->servers = zalloc(nservers, sizeof(*p->servers));
	p->clients = xalloc(n, sizeof(*p->clients));
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || key_cmp(&a[i].server, &a[i - 1].server) != 0) {
			np_server *s = &p->servers[p->nservers++];
			s->key = a[i].server;
			s->clients = p->clients + i;
		}
		np_server *s = &p->servers[p->nservers - 1];
		/* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.ArraySubscript): order_assigns writes all n */
		const struct conv *c = &p->convs[a[i].conv];
		struct conv peer;
		if (a[i].peer && peer_role(p, c, &peer))
			sum_conv(s, &peer, true);
		else
			sum_conv(s, c, c->tie == TIE_NONE);
	}
	for (size_t i = 0; i < p->nservers; i++) {
		np_server *s = &p->servers[i];
		merge_clients(s);
		if (!s->service)
			s->service = np_service_by_port(s->key.proto, s->key.port);
		if (!s->service && s->own == 0) /* only tied connections: still name it */
			s->service = s->key.proto == 6 ? "ftp" : NULL;
	}
	free(a);
}

/* A conversation seen inside a tunnel says so in its evidence (and so in
 * its server's, the listing's and the inventory's). */
static void note_tunnel(const np_profiler *p, struct conv *c)
{
	if (!c->tunnel || c->tunnel >= p->ntunnels || !p->tunnels[c->tunnel].index || c->role.server == NP_SIDE_NONE)
		return;
	char via[128];
	np_flow_tunnel_str(&p->tunnels[c->tunnel], via, sizeof(via));
	size_t n = strlen(c->role.evidence);
	snprintf(c->role.evidence + n, sizeof(c->role.evidence) - n, "%svia %s", n ? "; " : "", via);
}

/* ---- finishing on two cores ------------------------------------------------------------ */

/* From this many conversations on, a second thread computes the one-way
 * statistics while this one computes fan-in (they read the conversations
 * and write fields of their own), then decides the second half of the
 * conversations (each decision writes its own conversation's role only).
 * `servers -r` finishes after the capture's two threads are done, and a
 * commit of `watch` decides on a thread of its own: the second core is
 * free then. The answer is the same as on one thread. */
enum { PARALLEL_CONVS = 16384 };

struct decide_range {
	np_profiler *p;
	size_t from, to;
};

static void decide_all(const struct decide_range *r)
{
	for (size_t i = r->from; i < r->to; i++) {
		struct conv *c = &r->p->convs[i];
		decide(r->p, c, c->has_flags, &c->role);
		note_tunnel(r->p, c);
	}
}

static void *one_way_main(void *arg)
{
	compute_one_way(arg);
	return NULL;
}

static void *decide_main(void *arg)
{
	decide_all(arg);
	return NULL;
}

/* A helper thread, with every signal blocked (they are for the threads
 * that handle them); false when none could be had. */
static bool start_helper(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	bool ok = pthread_create(t, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

void np_profiler_finish(np_profiler *p)
{
	if (p->finished)
		return;
	p->finished = true;
	bool parallel = p->nconvs >= PARALLEL_CONVS;
	pthread_t t;
	bool helped = parallel && start_helper(&t, one_way_main, p);
	compute_fanin(p);
	if (helped)
		pthread_join(t, NULL);
	else
		compute_one_way(p);
	struct decide_range first = {p, 0, p->nconvs / 2}, second = {p, p->nconvs / 2, p->nconvs};
	helped = parallel && start_helper(&t, decide_main, &second);
	if (!helped)
		first.to = p->nconvs;
	decide_all(&first);
	if (helped)
		pthread_join(t, NULL);
	tie_ftp_data(p);
	tie_gre(p);
	build_servers(p);
}

void np_profiler_carry_controls(const np_profiler *from, np_profiler *to, int64_t since_us)
{
	for (size_t i = 0; i < from->nconvs; i++) {
		const struct conv *c = &from->convs[i];
		if ((conv_is_service(c, 6, 21) || conv_is_service(c, 6, 1723)) && conv_last_us(c) >= since_us)
			add_conv(to, &c->f, c->has_flags, false);
	}
}

void np_profiler_prepend(np_profiler *to, const np_profiler *from)
{
	size_t k = from->nconvs, e = from->nexpects;
	to->convs = grow(to->convs, &to->capconvs, to->nconvs + k, sizeof(*to->convs));
	if (k) {
		memmove(to->convs + k, to->convs, to->nconvs * sizeof(*to->convs));
		memcpy(to->convs, from->convs, k * sizeof(*to->convs));
		to->nconvs += k;
	}
	to->expects = grow(to->expects, &to->capexpects, to->nexpects + e, sizeof(*to->expects));
	if (e) {
		memmove(to->expects + e, to->expects, to->nexpects * sizeof(*to->expects));
		memcpy(to->expects, from->expects, e * sizeof(*to->expects));
		to->nexpects += e;
	}
}

void np_profiler_take_announcements(np_profiler *from, np_profiler *to, int64_t since_us)
{
	size_t kept = 0;
	for (size_t i = 0; i < from->nexpects; i++) {
		const struct ftp_expect *e = &from->expects[i];
		to->expects = grow(to->expects, &to->capexpects, to->nexpects + 1, sizeof(*to->expects));
		to->expects[to->nexpects++] = *e;
		if (e->seen_us >= since_us)
			from->expects[kept++] = *e;
	}
	from->nexpects = kept;
}

const np_server *np_profiler_servers(const np_profiler *p, size_t *n)
{
	*n = p->nservers;
	return p->servers;
}

np_server *np_profiler_servers_edit(np_profiler *p, size_t *n)
{
	*n = p->nservers;
	return p->servers;
}

/* ---- --validate ---------------------------------------------------------------------- */

/* The handshake's answer: which side serves, or none (refused, unanswered).
 * false when the conversation shows no handshake to judge by. */
static bool handshake_truth(const np_flow *f, uint8_t *side)
{
	uint8_t fi = f->fwd.initial_flags, ri = f->rev.initial_flags;
	uint8_t rall = ri | f->rev.session_flags;
	if ((fi & (TH_SYN | TH_ACK)) != TH_SYN)
		return false;
	if ((ri & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
		*side = NP_SIDE_REVERSE;
	else if (f->rev.packets == 0 && (f->fwd.session_flags & TH_ACK))
		*side = NP_SIDE_REVERSE; /* one-way: ACKs of what the unseen direction sent */
	else if (f->rev.packets == 0 || ((rall & TH_RST) && !(rall & TH_SYN)))
		*side = NP_SIDE_NONE;
	else
		return false;
	return true;
}

static int key_set_cmp(const void *x, const void *y)
{
	return key_cmp(x, y);
}

NP_SORT_DEFINE(sort_keys, np_server_key, key_set_cmp)

static size_t sort_unique(np_server_key *k, size_t n)
{
	sort_keys(k, n);
	size_t out = 0;
	for (size_t i = 0; i < n; i++)
		if (!out || key_cmp(&k[out - 1], &k[i]) != 0)
			k[out++] = k[i];
	return out;
}

void np_profiler_validate(np_profiler *p, np_validation *v)
{
	memset(v, 0, sizeof(*v));
	if (!p->endpoints)
		compute_fanin(p);
	np_server_key *truth = zalloc(p->nconvs + 1, sizeof(*truth));
	np_server_key *guess = zalloc(p->nconvs + 1, sizeof(*guess));
	size_t nt = 0, ng = 0;
	for (size_t i = 0; i < p->nconvs; i++) {
		struct conv *c = &p->convs[i];
		uint8_t side;
		/* A tied connection (FTP data) belongs to its control session's
		 * server whatever its handshake says: not scored here. */
		if (c->f.key.proto != 6 || c->tie || !handshake_truth(&c->f, &side))
			continue;
		np_role r;
		decide(p, c, false, &r);
		v->conversations++;
		if (r.server != NP_SIDE_NONE && r.server == side)
			v->tp++;
		else {
			if (r.server != NP_SIDE_NONE)
				v->fp++;
			if (side != NP_SIDE_NONE)
				v->fn++;
		}
		if (side != NP_SIDE_NONE)
			truth[nt++] = endpoint_of(&c->f, side == NP_SIDE_REVERSE);
		if (r.server != NP_SIDE_NONE)
			guess[ng++] = endpoint_of(&c->f, r.server == NP_SIDE_REVERSE);
	}
	nt = sort_unique(truth, nt);
	ng = sort_unique(guess, ng);
	size_t i = 0, j = 0;
	while (i < nt || j < ng) {
		int c = i == nt ? 1 : j == ng ? -1 : key_cmp(&truth[i], &guess[j]);
		if (c == 0) {
			v->list_tp++;
			i++;
			j++;
		} else if (c < 0) {
			v->list_fn++;
			i++;
		} else {
			v->list_fp++;
			j++;
		}
	}
	free(truth);
	free(guess);
}
