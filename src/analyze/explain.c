/*
 * explain.c - the stories of `netprofile explain` (see explain.h).
 *
 * Design. Every packet goes through four watchers:
 *   - recent ARP exchanges, DNS transactions and low-TTL UDP/ICMP probes
 *     are remembered in rings (ARP_KEEP, DNS_KEEP, PROBE_KEEP entries: the
 *     oldest is overwritten), to be attached when a conversation starts;
 *   - TCP conversations live in a table of CONV_SLOTS; each keeps only
 *     counters and at most NP_STEP_PACKETS packet numbers per step. A
 *     conversation's story is told when it is over: closed (FIN both ways
 *     or RST) and quiet for CLOSE_QUIET_S, idle for IDLE_S, or pushed out
 *     by a new one when the table is full (the least recently seen of the
 *     EVICT_LOOK slots after the last one filled goes: a clock, not a scan);
 *   - traceroutes (TRACE_SLOTS), found from the ICMP time-exceeded
 *     messages that quote a remembered probe, told when quiet for IDLE_S;
 *   - hosts (HOST_SLOTS; further hosts are not followed) collect IP ID
 *     and TTL statistics, told at the end.
 * So memory is fixed whatever the capture's size.
 *
 * A conversation's ARP step is the resolution whose answer is the MAC its
 * first frame went to, asked by its client, the most recent before it
 * and not yet told; its DNS step is the lookup by its client whose answer
 * held its server's address (with the other lookups of the same name the
 * client made within a second: A and AAAA).
 *
 * Not for: UDP conversations other than DNS and traceroute probes, or
 * reassembling streams (only the first line of each side is read).
 */
#include "explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/dns.h"
#include "../decode/services.h"
#include "../util/bytes.h"

#define ARP_KEEP 64
#define DNS_KEEP 64
#define DNS_ADDRS 8
#define PROBE_KEEP 512
#define CONV_SLOTS 4096
#define CONV_BUCKETS 8192
#define TRACE_SLOTS 16
#define TRACE_TTLS 32
#define HOST_SLOTS 4096
#define HOST_DESTS 8
#define CLOSE_QUIET_S 2
#define IDLE_S 120
#define PROBE_MAX_TTL 30
#define FIRST_LINE 80
#define SWEEP_PACKETS 1024
#define EVICT_LOOK 16

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

typedef struct pt {
	uint64_t n; /* packet number, 0 = none */
	int64_t sec;
	uint32_t frac;
} pt;

typedef struct plist {
	uint64_t n[NP_STEP_PACKETS];
	unsigned count;
	pt first;
} plist;

struct arp_rec {
	pt ask, answer;
	uint8_t asker[4], target[4], mac[6];
	bool told;
};

struct dns_rec {
	pt query, response;
	uint8_t alen;
	uint8_t client[16];
	uint16_t cport, id;
	char name[NP_DNS_MAX_NAME + 1];
	uint8_t naddr;
	uint8_t addr[DNS_ADDRS][16];
	uint8_t addr_len[DNS_ADDRS];
	bool told;
};

struct probe_rec {
	pt p;
	uint8_t alen, proto, ttl;
	uint8_t src[16], dst[16];
	uint32_t key; /* UDP ports, or ICMP echo id and sequence */
};

struct tcp_opts {
	bool seen, sack, ts;
	int mss, wscale; /* -1 when absent */
};

struct side {
	uint64_t segments, bytes, acks, retrans;
	uint64_t retrans_first;
	uint32_t max_end;
	bool have_end;
	pt first_data;
	char first_line[FIRST_LINE + 1];
	uint32_t fin_seq;
	pt fin, fin_acked;
};

struct conv {
	bool used, closed;
	uint32_t number;
	int32_t next; /* hash chain */
	uint8_t alen;
	uint8_t cli[16], srv[16];
	uint16_t cport, sport;
	bool saw_syn;
	int64_t last_sec;
	pt first; /* its first packet */
	plist syns;
	pt synack, ack, rst;
	int rst_by; /* 0 client, 1 server */
	uint32_t srv_isn;
	struct tcp_opts opt[2];
	pt data_first, data_last;
	struct side s[2]; /* 0 client, 1 server */
	const char *service;
	int first_closer; /* -1 none */
	struct arp_rec arp;
	bool has_arp;
	plist dns;
	char dns_name[NP_DNS_MAX_NAME + 1];
	bool has_dns;
};

struct trace_hop {
	plist pk;
	uint8_t answerer[16];
	uint8_t kind; /* 1 time exceeded, 2 port unreachable, 3 echo reply, 4 other unreachable */
	unsigned probes, answers;
};

struct trace {
	bool used, timex;
	uint32_t number;
	uint8_t alen, proto;
	uint8_t src[16], dst[16];
	int64_t last_sec;
	pt first;
	struct trace_hop hop[TRACE_TTLS + 1];
};

struct host_dest {
	uint8_t addr[4];
	uint16_t last_id;
	bool used;
};

struct host {
	bool used;
	uint8_t alen;
	uint8_t addr[16];
	pt first, last;
	uint64_t packets;
	int max_ttl; /* unicast packets only; -1 none */
	/* IP ID (IPv4) */
	uint64_t ids, zero_ids, trans, small, same, dtrans, dsmall;
	uint64_t switches, switch_small; /* steps between packets to different destinations */
	uint16_t last_id;
	uint8_t last_dst[4];
	struct host_dest dest[HOST_DESTS];
	unsigned ndests;
};

struct np_explain {
	np_step_fn fn;
	void *ctx;
	uint32_t next_number;
	const np_packet *pkt;
	pt now;
	struct arp_rec arp[ARP_KEEP];
	unsigned arp_next;
	struct dns_rec dns[DNS_KEEP];
	unsigned dns_next;
	struct probe_rec probe[PROBE_KEEP];
	unsigned probe_next;
	struct conv *conv; /* conv_slots (CONV_SLOTS unless sized smaller) */
	unsigned conv_slots, host_slots;
	int32_t bucket[CONV_BUCKETS];
	unsigned nconv, free_hint;
	struct trace trace[TRACE_SLOTS];
	struct host *host; /* host_slots */
	unsigned nhosts;
	int64_t last_sweep;
	unsigned since_sweep;
};

/* ---- small helpers ------------------------------------------------------------------ */

static void plist_add(plist *l, pt p)
{
	if (!p.n)
		return;
	if (l->count == 0 || p.n < l->first.n)
		l->first = p;
	for (unsigned i = 0; i < l->count; i++)
		if (l->n[i] == p.n)
			return;
	if (l->count < NP_STEP_PACKETS)
		l->n[l->count++] = p.n;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void step_init(np_step *s, uint32_t conv, const char *kind)
{
	memset(s, 0, sizeof(*s));
	s->conversation = conv;
	s->kind = kind;
}

static void step_packets(np_step *s, const plist *l)
{
	memcpy(s->packets, l->n, sizeof(l->n[0]) * l->count);
	s->npackets = l->count;
	qsort(s->packets, s->npackets, sizeof(s->packets[0]), cmp_u64);
	s->ts_sec = l->first.sec;
	s->ts_frac = l->first.frac;
}

static void emit(np_explain *e, np_step *s)
{
	if (e->fn)
		e->fn(e->ctx, s);
}

static void addr_text(const uint8_t *a, int alen, char *buf, size_t len)
{
	np_analyze_addr(a, alen, buf, len);
}

static void summary_add(np_step *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void summary_add(np_step *s, const char *fmt, ...)
{
	size_t n = strlen(s->summary);
	if (n >= sizeof(s->summary) - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->summary + n, sizeof(s->summary) - n, fmt, ap);
	va_end(ap);
}

static double pt_ms(pt a, pt b)
{
	return (double)(b.sec - a.sec) * 1e3 + ((double)b.frac - (double)a.frac) / 1e3;
}

/* ---- ARP ---------------------------------------------------------------------------- */

static void watch_arp(np_explain *e, const np_layer *l)
{
	const struct np_arp_info *a = &l->u.arp;
	if (l->status != NP_OK || a->pro != 0x0800 || a->pln != 4 || a->hln != 6 || !a->spa || !a->tpa || !a->sha)
		return;
	if (a->op == 1) {
		struct arp_rec *r = &e->arp[e->arp_next++ % ARP_KEEP];
		memset(r, 0, sizeof(*r));
		r->ask = e->now;
		memcpy(r->asker, a->spa, 4);
		memcpy(r->target, a->tpa, 4);
		return;
	}
	if (a->op != 2)
		return;
	for (unsigned i = 0; i < ARP_KEEP; i++) {
		struct arp_rec *r = &e->arp[(e->arp_next - 1 - i) % ARP_KEEP];
		if (r->ask.n && !r->answer.n && !memcmp(r->asker, a->tpa, 4) && !memcmp(r->target, a->spa, 4)) {
			r->answer = e->now;
			memcpy(r->mac, a->sha, 6);
			return;
		}
	}
}

static void attach_arp(np_explain *e, struct conv *c, const uint8_t *dst_mac)
{
	if (c->alen != 4 || !dst_mac)
		return;
	for (unsigned i = 0; i < ARP_KEEP; i++) {
		struct arp_rec *r = &e->arp[(e->arp_next - 1 - i) % ARP_KEEP];
		if (r->answer.n && !r->told && !memcmp(r->asker, c->cli, 4) && !memcmp(r->mac, dst_mac, 6)) {
			r->told = true;
			c->arp = *r;
			c->has_arp = true;
			return;
		}
	}
}

/* ---- DNS ---------------------------------------------------------------------------- */

static void dns_answers(struct dns_rec *r, const np_dns_msg *m)
{
	np_dns_iter it;
	np_dns_rr rr;
	np_dns_iter_init(&it, m);
	unsigned guard = 0;
	while (np_dns_iter_next(&it, &rr) == NP_DNS_OK && guard++ < 256 && r->naddr < DNS_ADDRS) {
		if (rr.section != NP_DNS_ANSWER)
			continue;
		if ((rr.type == NP_DNS_T_A && rr.rdlen == 4) || (rr.type == NP_DNS_T_AAAA && rr.rdlen == 16)) {
			memcpy(r->addr[r->naddr], rr.rdata, rr.rdlen);
			r->addr_len[r->naddr++] = (uint8_t)rr.rdlen;
		}
	}
}

static void watch_dns(np_explain *e, const np_layer *udp)
{
	const uint8_t *src, *dst;
	int alen;
	if (!np_analyze_ip_addrs(e->pkt, &src, &dst, &alen) || udp->status != NP_OK)
		return;
	np_dns_msg m;
	if (np_dns_parse(&m, udp->p + 8, udp->end) != NP_OK || m.qdcount < 1)
		return;
	bool response = NP_DNS_QR(m.flags);
	if (!response && udp->u.udp.dport == 53) {
		struct dns_rec *r = &e->dns[e->dns_next++ % DNS_KEEP];
		memset(r, 0, sizeof(*r));
		r->query = e->now;
		r->alen = (uint8_t)alen;
		memcpy(r->client, src, (size_t)alen);
		r->cport = udp->u.udp.sport;
		r->id = m.id;
		if (np_dns_name(&m, m.base + NP_DNS_HDR_LEN, r->name, sizeof(r->name), NULL) < 0)
			snprintf(r->name, sizeof(r->name), "?");
		return;
	}
	if (!response || udp->u.udp.sport != 53)
		return;
	for (unsigned i = 0; i < DNS_KEEP; i++) {
		struct dns_rec *r = &e->dns[(e->dns_next - 1 - i) % DNS_KEEP];
		if (r->query.n && !r->response.n && r->id == m.id && r->cport == udp->u.udp.dport && r->alen == alen &&
		    !memcmp(r->client, dst, (size_t)alen)) {
			r->response = e->now;
			dns_answers(r, &m);
			return;
		}
	}
}

static bool dns_gave(const struct dns_rec *r, const uint8_t *addr, int alen)
{
	for (unsigned i = 0; i < r->naddr; i++)
		if (r->addr_len[i] == alen && !memcmp(r->addr[i], addr, (size_t)alen))
			return true;
	return false;
}

static void attach_dns(np_explain *e, struct conv *c)
{
	struct dns_rec *hit = NULL;
	for (unsigned i = 0; i < DNS_KEEP && !hit; i++) {
		struct dns_rec *r = &e->dns[(e->dns_next - 1 - i) % DNS_KEEP];
		if (r->response.n && !r->told && r->alen == c->alen && !memcmp(r->client, c->cli, c->alen) &&
		    dns_gave(r, c->srv, c->alen))
			hit = r;
	}
	if (!hit)
		return;
	c->has_dns = true;
	snprintf(c->dns_name, sizeof(c->dns_name), "%s", hit->name);
	pt from = hit->query;
	for (unsigned i = 0; i < DNS_KEEP; i++) { /* the same name's other lookups (A and AAAA) */
		struct dns_rec *r = &e->dns[(e->dns_next + i) % DNS_KEEP];
		if (!r->query.n || r->told || r->alen != hit->alen || memcmp(r->client, hit->client, hit->alen) ||
		    strcmp(r->name, hit->name) || r->query.sec > from.sec + 1 || r->query.sec < from.sec - 1)
			continue;
		r->told = true;
		plist_add(&c->dns, r->query);
		plist_add(&c->dns, r->response);
	}
}

/* ---- TCP conversations: the table --------------------------------------------------- */

static uint32_t conv_hash(const uint8_t *a, const uint8_t *b, int alen, uint16_t pa, uint16_t pb)
{
	uint32_t h1 = 2166136261u, h2 = 2166136261u;
	for (int i = 0; i < alen; i++) {
		h1 = (h1 ^ a[i]) * 16777619u;
		h2 = (h2 ^ b[i]) * 16777619u;
	}
	h1 = (h1 ^ pa) * 16777619u;
	h2 = (h2 ^ pb) * 16777619u;
	return (h1 ^ h2) % CONV_BUCKETS; /* the same both ways */
}

/* The conversation of these endpoints and which side sent (0 client). */
static struct conv *conv_find(np_explain *e, const uint8_t *s, const uint8_t *d, int alen, uint16_t sp, uint16_t dp,
			      int *dir)
{
	for (int32_t i = e->bucket[conv_hash(s, d, alen, sp, dp)]; i >= 0; i = e->conv[i].next) {
		struct conv *c = &e->conv[i];
		if (c->alen != alen)
			continue;
		if (c->cport == sp && c->sport == dp && !memcmp(c->cli, s, (size_t)alen) &&
		    !memcmp(c->srv, d, (size_t)alen)) {
			*dir = 0;
			return c;
		}
		if (c->cport == dp && c->sport == sp && !memcmp(c->cli, d, (size_t)alen) &&
		    !memcmp(c->srv, s, (size_t)alen)) {
			*dir = 1;
			return c;
		}
	}
	return NULL;
}

static void conv_unlink(np_explain *e, struct conv *c)
{
	int32_t idx = (int32_t)(c - e->conv);
	int32_t *pp = &e->bucket[conv_hash(c->cli, c->srv, c->alen, c->cport, c->sport)];
	while (*pp >= 0 && *pp != idx)
		pp = &e->conv[*pp].next;
	if (*pp == idx)
		*pp = c->next;
	c->used = false;
	e->nconv--;
}

static void tell_conv(np_explain *e, struct conv *c);

static struct conv *conv_new(np_explain *e)
{
	struct conv *free_slot = NULL, *oldest = NULL;
	if (e->nconv < e->conv_slots) {
		for (unsigned k = 0; k < e->conv_slots && !free_slot; k++) {
			struct conv *c = &e->conv[(e->free_hint + k) % e->conv_slots];
			if (!c->used)
				free_slot = c;
		}
	} else { /* full: the least recently seen of EVICT_LOOK slots, taken round the table */
		for (unsigned k = 0; k < EVICT_LOOK; k++) {
			struct conv *c = &e->conv[(e->free_hint + k) % e->conv_slots];
			if (!oldest || c->last_sec < oldest->last_sec)
				oldest = c;
		}
	}
	if (!free_slot) { /* full: the least recently seen is told now */
		tell_conv(e, oldest);
		conv_unlink(e, oldest);
		free_slot = oldest;
	}
	memset(free_slot, 0, sizeof(*free_slot));
	e->free_hint = (unsigned)(free_slot - e->conv + 1) % e->conv_slots;
	free_slot->used = true;
	free_slot->first_closer = -1;
	free_slot->rst_by = -1;
	free_slot->opt[0].mss = free_slot->opt[0].wscale = -1;
	free_slot->opt[1].mss = free_slot->opt[1].wscale = -1;
	e->nconv++;
	return free_slot;
}

/* ---- TCP conversations: what each packet adds --------------------------------------- */

static void read_tcp_opts(const np_layer *t, struct tcp_opts *o)
{
	const uint8_t *p = t->p + 20, *end = t->p + t->u.tcp.off;
	if (t->u.tcp.off > 20 && !np_has(t->p, t->end, t->u.tcp.off))
		end = t->end;
	o->seen = true;
	while (p < end) {
		uint8_t kind, len;
		if (!np_get_u8(p, end, &kind) || kind == 0)
			return;
		if (kind == 1) {
			p++;
			continue;
		}
		if (!np_get_u8(p + 1, end, &len) || len < 2 || !np_has(p, end, len))
			return;
		uint16_t v16;
		uint8_t v8;
		if (kind == 2 && len == 4 && np_get_be16(p + 2, end, &v16))
			o->mss = v16;
		else if (kind == 3 && len == 3 && np_get_u8(p + 2, end, &v8))
			o->wscale = v8;
		else if (kind == 4)
			o->sack = true;
		else if (kind == 8)
			o->ts = true;
		p += len;
	}
}

/* The first line of a payload, if it is text. */
static void first_line(const uint8_t *p, const uint8_t *end, uint32_t len, char *out)
{
	size_t n = 0;
	out[0] = '\0';
	for (uint32_t i = 0; i < len && n < FIRST_LINE; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, end, &c))
			break;
		if (c == '\r' || c == '\n')
			break;
		if (c < 0x20 || c > 0x7e) {
			out[0] = '\0';
			return;
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	if (n < 3)
		out[0] = '\0';
}

static void conv_payload(struct conv *c, int dir, const np_layer *t, uint32_t seq, pt now)
{
	uint32_t hdr = t->u.tcp.off;
	uint32_t plen = t->len > hdr ? t->len - hdr : 0;
	struct side *s = &c->s[dir];
	if (plen == 0) {
		s->acks++;
		return;
	}
	if (s->have_end && (int32_t)(seq + plen - s->max_end) <= 0) {
		if (!s->retrans++)
			s->retrans_first = now.n;
	} else { /* bytes count what is new: past the highest end sent so far */
		uint32_t fresh = s->have_end && (int32_t)(seq - s->max_end) < 0 ? seq + plen - s->max_end : plen;
		s->bytes += fresh;
		s->max_end = seq + plen;
		s->have_end = true;
	}
	s->segments++;
	if (!c->data_first.n)
		c->data_first = now;
	c->data_last = now;
	if (s->first_data.n)
		return;
	s->first_data = now;
	const uint8_t *p = t->p + hdr;
	first_line(p, t->end, plen, s->first_line);
	if (!c->service && np_has(p, t->end, 1)) {
		uint32_t cap = (uint32_t)(t->end - p) < plen ? (uint32_t)(t->end - p) : plen;
		c->service = np_identify_payload(6, p, cap).service;
	}
}

static void conv_flags(struct conv *c, int dir, unsigned f, uint32_t seq, uint32_t ack, uint32_t plen, pt now)
{
	if (f & TH_RST) {
		if (!c->rst.n) {
			c->rst = now;
			c->rst_by = dir;
		}
		c->closed = true;
		return;
	}
	if ((f & TH_ACK) && c->s[!dir].fin.n && !c->s[!dir].fin_acked.n &&
	    (int32_t)(ack - (c->s[!dir].fin_seq + 1)) >= 0)
		c->s[!dir].fin_acked = now;
	if ((f & TH_FIN) && !c->s[dir].fin.n) {
		c->s[dir].fin = now;
		c->s[dir].fin_seq = seq + plen;
		if (c->first_closer < 0)
			c->first_closer = dir;
	}
	if (c->s[0].fin_acked.n && c->s[1].fin_acked.n)
		c->closed = true;
}

static void conv_handshake(struct conv *c, int dir, const np_layer *t, unsigned f, pt now)
{
	if ((f & (TH_SYN | TH_ACK)) == TH_SYN && dir == 0) {
		plist_add(&c->syns, now);
		if (!c->opt[0].seen)
			read_tcp_opts(t, &c->opt[0]);
		return;
	}
	if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && dir == 1) {
		if (!c->synack.n) {
			c->synack = now;
			c->srv_isn = t->u.tcp.seq;
			read_tcp_opts(t, &c->opt[1]);
		}
		return;
	}
	if (dir == 0 && c->synack.n && !c->ack.n && (f & TH_ACK) && t->u.tcp.ack == c->srv_isn + 1)
		c->ack = now;
}

static void watch_tcp(np_explain *e, const np_layer *t)
{
	const uint8_t *src, *dst;
	int alen, dir;
	if (t->status == NP_INVALID || !np_has(t->p, t->end, 20) || !np_analyze_ip_addrs(e->pkt, &src, &dst, &alen))
		return;
	uint16_t sp = t->u.tcp.sport, dp = t->u.tcp.dport;
	unsigned f = t->u.tcp.flags & 0x3f;
	struct conv *c = conv_find(e, src, dst, alen, sp, dp, &dir);
	if (c && c->closed && (f & (TH_SYN | TH_ACK)) == TH_SYN && c->syns.count && dir == 0 &&
	    e->now.sec - c->last_sec > 0) { /* the ports used again: a new conversation */
		tell_conv(e, c);
		conv_unlink(e, c);
		c = NULL;
	}
	if (!c) {
		c = conv_new(e);
		c->number = ++e->next_number;
		c->alen = (uint8_t)alen;
		/* who is the client: the SYN's sender, the SYN+ACK's receiver, else the higher port */
		bool sender_is_client =
			(f & (TH_SYN | TH_ACK)) == TH_SYN || ((f & (TH_SYN | TH_ACK)) != (TH_SYN | TH_ACK) && sp > dp);
		dir = sender_is_client ? 0 : 1;
		memcpy(c->cli, sender_is_client ? src : dst, (size_t)alen);
		memcpy(c->srv, sender_is_client ? dst : src, (size_t)alen);
		c->cport = sender_is_client ? sp : dp;
		c->sport = sender_is_client ? dp : sp;
		uint32_t h = conv_hash(c->cli, c->srv, alen, c->cport, c->sport);
		c->next = e->bucket[h];
		e->bucket[h] = (int32_t)(c - e->conv);
		c->saw_syn = f & TH_SYN;
		c->first = e->now;
		const np_layer *eth = e->pkt->nlayers ? &e->pkt->layer[0] : NULL;
		if (dir == 0) {
			attach_arp(e, c, eth && eth->kind == NP_LAYER_ETH ? eth->u.eth.dst : NULL);
			attach_dns(e, c);
		}
	}
	c->last_sec = e->now.sec;
	uint32_t plen = t->len > t->u.tcp.off ? t->len - t->u.tcp.off : 0;
	conv_handshake(c, dir, t, f, e->now);
	if (!(f & TH_SYN) && !(f & TH_RST))
		conv_payload(c, dir, t, t->u.tcp.seq, e->now);
	conv_flags(c, dir, f, t->u.tcp.seq, t->u.tcp.ack, plen, e->now);
}

/* ---- TCP conversations: the story ----------------------------------------------------- */

static void tell_arp(np_explain *e, const struct conv *c, const char *cli)
{
	np_step s;
	step_init(&s, c->number, "arp");
	plist l = {0};
	plist_add(&l, c->arp.ask);
	plist_add(&l, c->arp.answer);
	step_packets(&s, &l);
	const uint8_t *m = c->arp.mac;
	summary_add(&s,
		    "%s asked who has %u.%u.%u.%u (ARP who-has); %u.%u.%u.%u answered that it is at "
		    "%02x:%02x:%02x:%02x:%02x:%02x (%.3f ms later): the next hop %s",
		    cli, c->arp.target[0], c->arp.target[1], c->arp.target[2], c->arp.target[3], c->arp.target[0],
		    c->arp.target[1], c->arp.target[2], c->arp.target[3], m[0], m[1], m[2], m[3], m[4], m[5],
		    pt_ms(c->arp.ask, c->arp.answer),
		    !memcmp(c->arp.target, c->srv, 4) ? "is the server itself" : "(a gateway) for this conversation");
	emit(e, &s);
}

static void tell_dns(np_explain *e, const struct conv *c, const char *cli, const char *srv)
{
	np_step s;
	step_init(&s, c->number, "dns");
	step_packets(&s, &c->dns);
	summary_add(&s, "%s asked DNS for the address of %s (%u packets: queries and answers); the answer gave %s", cli,
		    c->dns_name, c->dns.count, srv);
	emit(e, &s);
}

static void describe_opts(np_step *s, const struct conv *c)
{
	const struct tcp_opts *a = &c->opt[0], *b = &c->opt[1];
	if (a->mss >= 0 || b->mss >= 0) {
		summary_add(s, "; MSS ");
		summary_add(s, a->mss >= 0 ? "%d" : "none", a->mss);
		summary_add(s, " (client) and ");
		summary_add(s, b->mss >= 0 ? "%d" : "none", b->mss);
		summary_add(s, " (server)");
	}
	if (a->wscale >= 0 && b->wscale >= 0)
		summary_add(s, "; window scaling agreed (shift %d from the client, %d from the server)", a->wscale,
			    b->wscale);
	else if (a->wscale >= 0 || b->wscale >= 0)
		summary_add(s, "; window scaling offered by the %s only, so not used",
			    a->wscale >= 0 ? "client" : "server");
	if (a->sack && b->sack)
		summary_add(s, "; SACK agreed");
	else if (a->sack || b->sack)
		summary_add(s, "; SACK offered by the %s only", a->sack ? "client" : "server");
	if (a->ts && b->ts)
		summary_add(s, "; timestamps agreed");
	else if (a->ts || b->ts)
		summary_add(s, "; timestamps offered by the %s only", a->ts ? "client" : "server");
}

static void tell_handshake(np_explain *e, const struct conv *c, const char *cli, const char *srv)
{
	np_step s;
	step_init(&s, c->number, "handshake");
	if (!c->syns.count && !c->synack.n) {
		plist l = {0};
		plist_add(&l, c->first);
		step_packets(&s, &l);
		summary_add(&s, "no handshake in the capture: %s and %s were already talking when it began", cli, srv);
		emit(e, &s);
		return;
	}
	plist l = c->syns;
	plist_add(&l, c->synack);
	if (c->synack.n && c->ack.n) {
		plist_add(&l, c->ack);
		step_packets(&s, &l);
		summary_add(&s,
			    "%s opened a connection to %s: SYN, SYN+ACK, ACK, the three-way handshake done in %.3f ms",
			    cli, srv, pt_ms(c->syns.count ? c->syns.first : c->synack, c->ack));
		if (c->syns.count > 1)
			summary_add(&s, " (the SYN sent %u times)", c->syns.count);
		describe_opts(&s, c);
	} else if (c->rst.n && c->rst_by == 1 && !c->synack.n) {
		plist_add(&l, c->rst);
		step_packets(&s, &l);
		summary_add(
			&s,
			"%s asked to connect to %s (SYN); the server refused with a reset (RST): nothing listens there",
			cli, srv);
	} else if (!c->synack.n) {
		step_packets(&s, &l);
		summary_add(&s,
			    "%s sent %u SYN%s to %s and heard nothing back (silence: filtered, or the host is down)",
			    cli, c->syns.count, c->syns.count > 1 ? "s" : "", srv);
	} else {
		step_packets(&s, &l);
		summary_add(&s, "%s sent SYN to %s, which answered SYN+ACK; the client's final ACK was not seen", cli,
			    srv);
		describe_opts(&s, c);
	}
	emit(e, &s);
}

static void tell_data(np_explain *e, const struct conv *c)
{
	if (!c->data_first.n)
		return;
	np_step s;
	step_init(&s, c->number, "data");
	s.range = true;
	s.packets[0] = c->data_first.n;
	s.packets[1] = c->data_last.n;
	s.npackets = 2;
	s.ts_sec = c->data_first.sec;
	s.ts_frac = c->data_first.frac;
	const char *svc = c->service ? c->service : np_service_by_port(6, c->sport);
	summary_add(&s,
		    "%s: the client sent %llu bytes in %llu segment%s, the server %llu bytes in %llu segment%s, "
		    "with %llu packets that only acknowledged",
		    svc ? svc : "an application not named", (unsigned long long)c->s[0].bytes,
		    (unsigned long long)c->s[0].segments, c->s[0].segments == 1 ? "" : "s",
		    (unsigned long long)c->s[1].bytes, (unsigned long long)c->s[1].segments,
		    c->s[1].segments == 1 ? "" : "s", (unsigned long long)c->s[0].acks + c->s[1].acks);
	int first = c->s[1].first_data.n && (!c->s[0].first_data.n || c->s[1].first_data.n < c->s[0].first_data.n);
	const char *who[2] = {"client", "server"};
	for (int k = 0; k < 2; k++) {
		int d = k ? !first : first;
		if (c->s[d].first_line[0])
			summary_add(&s, "; %s the %s's first line: \"%s\"", k ? "then" : "first", who[d],
				    c->s[d].first_line);
	}
	uint64_t re = c->s[0].retrans + c->s[1].retrans;
	if (re)
		summary_add(&s, "; %llu retransmissions (client %llu, server %llu; first at packet %llu)",
			    (unsigned long long)re, (unsigned long long)c->s[0].retrans,
			    (unsigned long long)c->s[1].retrans,
			    (unsigned long long)(c->s[0].retrans && (!c->s[1].retrans ||
								     c->s[0].retrans_first < c->s[1].retrans_first)
							 ? c->s[0].retrans_first
							 : c->s[1].retrans_first));
	else
		summary_add(&s, "; no retransmissions");
	emit(e, &s);
}

static void tell_teardown(np_explain *e, const struct conv *c)
{
	const char *who[2] = {"client", "server"};
	np_step s;
	step_init(&s, c->number, "teardown");
	plist l = {0};
	if (c->first_closer >= 0) {
		int a = c->first_closer, b = !a;
		plist_add(&l, c->s[a].fin);
		plist_add(&l, c->s[a].fin_acked);
		plist_add(&l, c->s[b].fin);
		plist_add(&l, c->s[b].fin_acked);
		if (c->rst.n)
			plist_add(&l, c->rst);
		step_packets(&s, &l);
		summary_add(&s, "the %s closed first (FIN)", who[a]);
		if (c->s[a].fin_acked.n && c->s[a].fin_acked.n == c->s[b].fin.n)
			summary_add(&s, "; the %s acknowledged it and closed its half in the same packet (FIN+ACK)",
				    who[b]);
		else {
			if (c->s[a].fin_acked.n)
				summary_add(&s, "; the %s acknowledged it", who[b]);
			if (c->s[b].fin.n)
				summary_add(&s, "; the %s closed its half (FIN)", who[b]);
		}
		if (c->s[b].fin_acked.n)
			summary_add(&s, "; the %s acknowledged that", who[a]);
		if (c->s[0].fin_acked.n && c->s[1].fin_acked.n)
			summary_add(&s, ": a complete, graceful close");
		else if (c->rst.n)
			summary_add(&s, "; then the %s reset the connection (RST): the close was cut short",
				    who[c->rst_by]);
		else
			summary_add(&s, ": the close was not complete when the capture ended");
	} else if (c->rst.n && (c->synack.n || c->data_first.n || !c->syns.count)) {
		plist_add(&l, c->rst);
		step_packets(&s, &l);
		summary_add(&s, "the %s reset the connection (RST) without a FIN: an abrupt close", who[c->rst_by]);
	} else {
		return;
	}
	emit(e, &s);
}

static void tell_conv(np_explain *e, struct conv *c)
{
	char cli[NP_ADDR_TEXT + 16], srv[NP_ADDR_TEXT + 64], a[NP_ADDR_TEXT];
	/* c is one of the table's conversations, never NULL (sweep and evict pass live slots) */
	addr_text(c->cli, c->alen, a, sizeof(a)); /* NOLINT(clang-analyzer-core.NullDereference) */
	snprintf(cli, sizeof(cli), "%s port %u", a, c->cport);
	addr_text(c->srv, c->alen, a, sizeof(a));
	const char *svc = np_service_by_port(6, c->sport);
	if (svc)
		snprintf(srv, sizeof(srv), "%s port %u (%s)", a, c->sport, svc);
	else
		snprintf(srv, sizeof(srv), "%s port %u", a, c->sport);
	char cli_host[NP_ADDR_TEXT], srv_host[NP_ADDR_TEXT];
	addr_text(c->cli, c->alen, cli_host, sizeof(cli_host));
	addr_text(c->srv, c->alen, srv_host, sizeof(srv_host));
	if (c->has_arp)
		tell_arp(e, c, cli_host);
	if (c->has_dns)
		tell_dns(e, c, cli_host, srv_host);
	tell_handshake(e, c, cli, srv);
	tell_data(e, c);
	tell_teardown(e, c);
}

/* ---- traceroute ------------------------------------------------------------------------ */

static void remember_probe(np_explain *e, uint8_t proto, uint8_t ttl, uint32_t key)
{
	const uint8_t *src, *dst;
	int alen;
	if (ttl == 0 || ttl > PROBE_MAX_TTL || !np_analyze_ip_addrs(e->pkt, &src, &dst, &alen))
		return;
	struct probe_rec *r = &e->probe[e->probe_next++ % PROBE_KEEP];
	r->p = e->now;
	r->alen = (uint8_t)alen;
	r->proto = proto;
	r->ttl = ttl;
	r->key = key;
	memcpy(r->src, src, (size_t)alen);
	memcpy(r->dst, dst, (size_t)alen);
}

static struct probe_rec *find_probe(np_explain *e, const uint8_t *src, const uint8_t *dst, int alen, uint8_t proto,
				    uint32_t key)
{
	for (unsigned i = 0; i < PROBE_KEEP; i++) {
		struct probe_rec *r = &e->probe[(e->probe_next - 1 - i) % PROBE_KEEP];
		if (r->p.n && r->alen == alen && r->proto == proto && r->key == key &&
		    !memcmp(r->src, src, (size_t)alen) && !memcmp(r->dst, dst, (size_t)alen))
			return r;
	}
	return NULL;
}

static void tell_trace(np_explain *e, struct trace *t);

static struct trace *trace_get(np_explain *e, const struct probe_rec *p)
{
	struct trace *free_slot = NULL, *oldest = NULL;
	for (unsigned i = 0; i < TRACE_SLOTS; i++) {
		struct trace *t = &e->trace[i];
		if (t->used && t->alen == p->alen && t->proto == p->proto && !memcmp(t->src, p->src, p->alen) &&
		    !memcmp(t->dst, p->dst, p->alen))
			return t;
		if (!t->used && !free_slot)
			free_slot = t;
		if (t->used && (!oldest || t->last_sec < oldest->last_sec))
			oldest = t;
	}
	if (!free_slot) {
		tell_trace(e, oldest);
		free_slot = oldest;
	}
	memset(free_slot, 0, sizeof(*free_slot));
	free_slot->used = true;
	free_slot->alen = p->alen;
	free_slot->proto = p->proto;
	memcpy(free_slot->src, p->src, p->alen);
	memcpy(free_slot->dst, p->dst, p->alen);
	free_slot->first = p->p;
	return free_slot;
}

/* An ICMP message that answers a remembered probe: time exceeded, an
 * unreachable quoting it, or an echo reply. */
static void watch_icmp_answer(np_explain *e, const np_layer *ic)
{
	const uint8_t *src, *dst;
	int alen;
	if (ic->status != NP_OK || !np_analyze_ip_addrs(e->pkt, &src, &dst, &alen) || alen != 4)
		return;
	uint8_t type = ic->u.icmp.type, code = ic->u.icmp.code, kind;
	struct probe_rec *p = NULL;
	if (type == 0) {
		p = find_probe(e, dst, src, 4, 1, ((uint32_t)ic->u.icmp.id << 16) | ic->u.icmp.seq);
		kind = 3;
	} else if (type == 11 || type == 3) {
		const uint8_t *q = ic->p + 8, *end = ic->end;
		uint8_t vihl, proto;
		if (!np_get_u8(q, end, &vihl) || vihl >> 4 != 4 || !np_get_u8(q + 9, end, &proto) ||
		    !np_has(q, end, 20))
			return;
		const uint8_t *l4 = q + (vihl & 15) * 4;
		uint32_t key;
		uint16_t a, b;
		if (proto == 17 && np_get_be16(l4, end, &a) && np_get_be16(l4 + 2, end, &b))
			key = ((uint32_t)a << 16) | b;
		else if (proto == 1 && np_get_be16(l4 + 4, end, &a) && np_get_be16(l4 + 6, end, &b))
			key = ((uint32_t)a << 16) | b;
		else
			return;
		p = find_probe(e, q + 12, q + 16, 4, proto, key);
		kind = type == 11 ? 1 : (code == 3 ? 2 : 4);
		if (type == 11 && code != 0)
			return;
	} else {
		return;
	}
	if (!p)
		return;
	struct trace *t = trace_get(e, p);
	if (kind == 1)
		t->timex = true;
	t->last_sec = e->now.sec;
	struct trace_hop *h = &t->hop[p->ttl];
	plist_add(&h->pk, p->p);
	plist_add(&h->pk, e->now);
	h->probes++;
	h->answers++;
	if (!h->kind || kind > 1) {
		h->kind = kind;
		memcpy(h->answerer, src, 4);
	}
	if (kind == 1)
		memcpy(h->answerer, src, 4);
	if (!t->number)
		t->number = ++e->next_number;
}

static void tell_trace(np_explain *e, struct trace *t)
{
	if (!t->used)
		return;
	t->used = false;
	if (!t->timex)
		return; /* no router answered: not a traceroute */
	char src[NP_ADDR_TEXT], dst[NP_ADDR_TEXT], who[NP_ADDR_TEXT];
	addr_text(t->src, t->alen, src, sizeof(src));
	addr_text(t->dst, t->alen, dst, sizeof(dst));
	const char *what = t->proto == 17 ? "UDP probes" : "ICMP echo requests";
	unsigned end_ttl = 0, later = 0;
	for (unsigned ttl = 1; ttl <= TRACE_TTLS; ttl++) { /* probes sent past the end before it was known */
		if (end_ttl)
			later += t->hop[ttl].probes;
		else if (t->hop[ttl].answers && t->hop[ttl].kind != 1)
			end_ttl = ttl;
	}
	end_ttl = 0;
	for (unsigned ttl = 1; ttl <= TRACE_TTLS; ttl++) {
		struct trace_hop *h = &t->hop[ttl];
		if (!h->answers)
			continue;
		if (end_ttl)
			break;
		np_step s;
		step_init(&s, t->number, "traceroute");
		step_packets(&s, &h->pk);
		addr_text(h->answerer, 4, who, sizeof(who));
		if (ttl == 1 || !t->hop[ttl - 1].answers)
			summary_add(&s, "%s traced the route to %s with %s of rising TTL; ", src, dst, what);
		if (h->kind == 1) {
			summary_add(
				&s,
				"TTL %u: %u probe%s expired at %s, which answered ICMP time exceeded in transit (hop %u)",
				ttl, h->probes, h->probes > 1 ? "s" : "", who, ttl);
		} else {
			end_ttl = ttl;
			summary_add(
				&s,
				"TTL %u: %u probe%s reached %s, which answered %s: the trace ended, %s is %u hop%s away",
				ttl, h->probes, h->probes > 1 ? "s" : "", who,
				h->kind == 2   ? "ICMP port unreachable"
				: h->kind == 3 ? "ICMP echo reply"
					       : "ICMP unreachable",
				dst, ttl, ttl > 1 ? "s" : "");
			if (later)
				summary_add(
					&s,
					" (%u probes sent with higher TTLs before the end was known were answered too)",
					later);
		}
		emit(e, &s);
	}
}

/* ---- hosts: IP ID and TTL ---------------------------------------------------------------- */

static bool is_unicast(const uint8_t *d, int alen)
{
	if (alen == 16)
		return d[0] != 0xff;
	return d[0] < 224 && !(d[0] == 255 && d[1] == 255 && d[2] == 255 && d[3] == 255) && d[3] != 255;
}

static struct host *host_get(np_explain *e, const uint8_t *a, int alen)
{
	/* Hosts are few; a linear look from the most recent would be slow on
	 * big captures, so hash into the fixed array with a short probe. */
	uint32_t h = 2166136261u;
	for (int i = 0; i < alen; i++)
		h = (h ^ a[i]) * 16777619u;
	for (unsigned i = 0; i < 16; i++) {
		struct host *x = &e->host[(h + i) % e->host_slots];
		if (x->used && x->alen == alen && !memcmp(x->addr, a, (size_t)alen))
			return x;
		if (!x->used) {
			x->used = true;
			x->alen = (uint8_t)alen;
			memcpy(x->addr, a, (size_t)alen);
			x->max_ttl = -1;
			x->first = e->now;
			e->nhosts++;
			return x;
		}
	}
	return NULL; /* table crowded here: this host is not followed */
}

static bool small_step(uint16_t from, uint16_t to)
{
	uint16_t d = (uint16_t)(to - from);
	return d >= 1 && d <= 4096;
}

static void watch_host(np_explain *e)
{
	const uint8_t *src, *dst;
	int alen;
	if (!np_analyze_ip_addrs(e->pkt, &src, &dst, &alen))
		return;
	const np_layer *ip = &e->pkt->layer[e->pkt->ip];
	struct host *h = host_get(e, src, alen);
	if (!h)
		return;
	h->packets++;
	h->last = e->now;
	int ttl = ip->kind == NP_LAYER_IP4 ? ip->u.ip4.ttl : ip->u.ip6.hlim;
	uint8_t icmp6_type = 0;
	if (e->pkt->l4 >= 0 && e->pkt->layer[e->pkt->l4].kind == NP_LAYER_ICMP6)
		np_get_u8(e->pkt->layer[e->pkt->l4].p, e->pkt->layer[e->pkt->l4].end, &icmp6_type);
	bool nd = icmp6_type >= 133 && icmp6_type <= 137; /* hop limit 255 by rule (RFC 4861) */
	if (is_unicast(dst, alen) && !nd && ttl > h->max_ttl)
		h->max_ttl = ttl;
	if (ip->kind != NP_LAYER_IP4 || (ip->u.ip4.frag & 0x1fff))
		return;
	uint16_t id = ip->u.ip4.id;
	if (h->ids) {
		h->trans++;
		h->small += small_step(h->last_id, id);
		h->same += h->last_id == id;
		if (memcmp(h->last_dst, dst, 4)) {
			h->switches++;
			h->switch_small += small_step(h->last_id, id);
		}
	}
	memcpy(h->last_dst, dst, 4);
	h->ids++;
	h->zero_ids += id == 0;
	h->last_id = id;
	struct host_dest *d = NULL;
	for (unsigned i = 0; i < h->ndests && !d; i++)
		if (!memcmp(h->dest[i].addr, dst, 4))
			d = &h->dest[i];
	if (d && d->last_id != id) {
		h->dtrans++;
		h->dsmall += small_step(d->last_id, id);
		d->last_id = id;
	} else if (!d && h->ndests < HOST_DESTS) {
		d = &h->dest[h->ndests++];
		memcpy(d->addr, dst, 4);
		d->last_id = id;
	}
}

static void host_step(np_step *s, const struct host *h, const char *kind)
{
	step_init(s, 0, kind);
	addr_text(h->addr, h->alen, s->host, sizeof(s->host));
	s->range = true;
	s->packets[0] = h->first.n;
	s->packets[1] = h->last.n;
	s->npackets = 2;
	s->ts_sec = h->first.sec;
	s->ts_frac = h->first.frac;
}

static void tell_ipid(np_explain *e, const struct host *h)
{
	if (h->ids < 4)
		return;
	np_step s;
	host_step(&s, h, "ipid");
	summary_add(&s, "%s sent %llu IPv4 datagrams: ", s.host, (unsigned long long)h->ids);
	bool many = h->ndests > 1;
	uint64_t moved = h->trans - h->same; /* a repeated ID is the same datagram seen twice: no step */
	if (h->zero_ids == h->ids)
		summary_add(&s, "IP ID always 0 (atomic datagrams with DF set, RFC 6864): nothing to learn from it, "
				"not usable for an idle scan");
	else if (h->same == h->trans)
		summary_add(&s, "the same IP ID %u every time: unusual, often a crafted packet (be suspicious of it)",
			    h->last_id);
	else if (h->switches >= 2 && h->switch_small * 10 >= h->switches * 8 && moved && h->small * 10 >= moved * 8)
		summary_add(&s, "one global IP ID counter (it rises by a little from each packet to the next, also "
				"when the destination changes): others can count the packets it sends, so it can serve "
				"as the zombie of an idle scan");
	else if (many && h->dtrans && h->dsmall * 10 >= h->dtrans * 8 && h->switches >= 2)
		summary_add(&s, "one IP ID counter per destination (or per connection: each rises on its own, the "
				"ID jumps when the destination changes): nothing to learn from outside, not usable for "
				"an idle scan");
	else if (moved && h->small * 10 >= moved * 8)
		summary_add(&s, "a rising IP ID counter, but too few changes of destination to tell a global "
				"counter from one per destination");
	else
		summary_add(&s, "no counter to follow: random IP IDs, or one counter per connection (Linux): nothing "
				"to predict, not usable for an idle scan");
	emit(e, &s);
}

static void tell_ttl(np_explain *e, const struct host *h)
{
	if (h->packets < 4 || h->max_ttl < 0)
		return;
	np_step s;
	host_step(&s, h, "ttl");
	int init = h->max_ttl <= 64 ? 64 : h->max_ttl <= 128 ? 128 : 255;
	const char *os = init == 64    ? "Linux, BSD, macOS and most Unix"
			 : init == 128 ? "Windows"
				       : "routers, Solaris, some network gear";
	int hops = init - h->max_ttl;
	summary_add(&s, "%s arrives with TTL %d: initial TTL %d guessed (%s), so %d hop%s away%s", s.host, h->max_ttl,
		    init, os, hops, hops == 1 ? "" : "s",
		    hops == 0 ? " (on the capture's own link, or the capturing host)" : "");
	emit(e, &s);
}

/* ---- per packet, sweep, end ---------------------------------------------------------------- */

static bool conv_due(const np_explain *e, const struct conv *c, bool all)
{
	int64_t quiet = e->now.sec - c->last_sec;
	return c->used && (all || (c->closed && quiet > CLOSE_QUIET_S) || quiet > IDLE_S || quiet < -IDLE_S);
}

static int cmp_conv_number(const void *a, const void *b)
{
	const struct conv *x = *(const struct conv *const *)a, *y = *(const struct conv *const *)b;
	return x->number < y->number ? -1 : x->number > y->number;
}

static void sweep(np_explain *e, bool all)
{
	/* The due conversations, a batch at a time, told in number order. */
	enum { BATCH = 256 };
	struct conv *due[BATCH];
	bool more = e->nconv > 0;
	while (more) {
		unsigned n = 0;
		more = false;
		for (unsigned i = 0; i < e->conv_slots; i++) {
			if (!conv_due(e, &e->conv[i], all))
				continue;
			if (n == BATCH) {
				more = true;
				break;
			}
			due[n++] = &e->conv[i];
		}
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sorted as such */
		qsort(due, n, sizeof(due[0]), cmp_conv_number);
		for (unsigned i = 0; i < n; i++) {
			tell_conv(e, due[i]);
			conv_unlink(e, due[i]);
		}
	}
	for (unsigned i = 0; i < TRACE_SLOTS; i++) {
		struct trace *t = &e->trace[i];
		if (t->used && (all || e->now.sec - t->last_sec > IDLE_S / 12 || t->last_sec - e->now.sec > IDLE_S))
			tell_trace(e, t);
	}
}

void np_explain_packet(np_explain *e, const np_packet *pkt, uint64_t number)
{
	e->pkt = pkt;
	e->now = (pt){number, pkt->ts_sec, pkt->ts_frac};
	/* A sweep reads the whole table: at most once per second of capture
	 * time and per SWEEP_PACKETS packets, or after 10 s of capture time. */
	e->since_sweep++;
	int64_t gap = e->now.sec - e->last_sweep;
	if ((gap >= 1 && e->since_sweep >= SWEEP_PACKETS) || gap >= 10 || gap < 0) {
		e->last_sweep = e->now.sec;
		e->since_sweep = 0;
		sweep(e, false);
	}
	const np_layer *arp = np_find_layer(pkt, NP_LAYER_ARP);
	if (arp) {
		watch_arp(e, arp);
		return;
	}
	if (pkt->ip < 0)
		return;
	watch_host(e);
	const np_layer *ip = &pkt->layer[pkt->ip];
	uint8_t ttl = ip->kind == NP_LAYER_IP4 ? ip->u.ip4.ttl : ip->u.ip6.hlim;
	if (pkt->l4 < 0)
		return;
	const np_layer *l4 = &pkt->layer[pkt->l4];
	switch (l4->kind) {
	case NP_LAYER_TCP: watch_tcp(e, l4); break;
	case NP_LAYER_UDP:
		if (l4->status == NP_OK && (l4->u.udp.sport == 53 || l4->u.udp.dport == 53))
			watch_dns(e, l4);
		else if (l4->status == NP_OK)
			remember_probe(e, 17, ttl, ((uint32_t)l4->u.udp.sport << 16) | l4->u.udp.dport);
		break;
	case NP_LAYER_ICMP:
		if (l4->status == NP_OK && l4->u.icmp.type == 8)
			remember_probe(e, 1, ttl, ((uint32_t)l4->u.icmp.id << 16) | l4->u.icmp.seq);
		else
			watch_icmp_answer(e, l4);
		break;
	default: break;
	}
}

static int cmp_host_first(const void *a, const void *b)
{
	const struct host *x = *(const struct host *const *)a, *y = *(const struct host *const *)b;
	return x->first.n < y->first.n ? -1 : x->first.n > y->first.n;
}

void np_explain_finish(np_explain *e)
{
	sweep(e, true);
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	struct host **order = malloc(sizeof(*order) * (e->nhosts ? e->nhosts : 1));
	if (!order)
		return;
	unsigned n = 0;
	for (unsigned i = 0; i < e->host_slots && n < e->nhosts; i++)
		if (e->host[i].used)
			order[n++] = &e->host[i];
	qsort(order, n, sizeof(*order), cmp_host_first); /* NOLINT(bugprone-sizeof-expression) */
	for (unsigned i = 0; i < n; i++) {
		tell_ipid(e, order[i]);
		tell_ttl(e, order[i]);
	}
	free(order);
}

np_explain *np_explain_new_sized(np_step_fn fn, void *ctx, unsigned conv_slots, unsigned host_slots)
{
	np_explain *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->conv_slots = conv_slots ? conv_slots : 1;
	e->host_slots = host_slots ? host_slots : 1;
	e->conv = calloc(e->conv_slots, sizeof(*e->conv));
	e->host = calloc(e->host_slots, sizeof(*e->host));
	if (!e->conv || !e->host) {
		np_explain_free(e);
		return NULL;
	}
	for (unsigned i = 0; i < CONV_BUCKETS; i++)
		e->bucket[i] = -1;
	e->fn = fn;
	e->ctx = ctx;
	e->last_sweep = 0; /* capture times are 32-bit seconds: gaps cannot overflow */
	return e;
}

np_explain *np_explain_new(np_step_fn fn, void *ctx)
{
	return np_explain_new_sized(fn, ctx, CONV_SLOTS, HOST_SLOTS);
}

void np_explain_free(np_explain *e)
{
	if (!e)
		return;
	free(e->conv);
	free(e->host);
	free(e);
}

void np_step_write(np_out *o, const np_step *s, bool json, bool nano)
{
	char when[48];
	np_analyze_time(s->ts_sec, s->ts_frac, nano, when, sizeof(when));
	if (!json) {
		if (s->conversation)
			out_fmt(o, "conversation %u, %s, packet%s ", s->conversation, s->kind,
				s->npackets > 1 ? "s" : "");
		else
			out_fmt(o, "host %s, %s, packets ", s->host, s->kind);
		for (unsigned i = 0; i < s->npackets; i++)
			out_fmt(o, "%s%llu", i ? (s->range ? "-" : ", ") : "", (unsigned long long)s->packets[i]);
		out_fmt(o, ", %s: %s", when, s->summary);
		return;
	}
	if (s->conversation)
		out_fmt(o, "{\"conversation\": %u", s->conversation);
	else {
		out_str(o, "{\"host\": ");
		np_analyze_json_str(o, s->host);
	}
	out_str(o, ", \"step\": ");
	np_analyze_json_str(o, s->kind);
	out_str(o, ", \"packets\": [");
	for (unsigned i = 0; i < s->npackets; i++)
		out_fmt(o, "%s%llu", i ? ", " : "", (unsigned long long)s->packets[i]);
	out_str(o, s->range ? "], \"range\": true, \"time\": " : "], \"time\": ");
	np_analyze_json_str(o, when);
	out_str(o, ", \"summary\": ");
	np_analyze_json_str(o, s->summary);
	out_char(o, '}');
}
