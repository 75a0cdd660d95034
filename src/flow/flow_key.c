/*
 * flow_key.c - a decoded packet's flow key, IP byte count and TCP flags,
 * with SiLK's conventions: ICMP/ICMPv6 type*256+code in the destination
 * port, port 0 for protocols without ports, bytes = IP header + payload as
 * the IP header claims (so a short snaplen does not shrink the counts).
 * Also the key's hash and np_flow_observe, which adds to the key what the
 * flow table needs of a packet: fragments placed in their datagram's flow
 * (a small direct-mapped cache remembers the ports of first fragments),
 * the payload for the naming hook, the packet's status for the counters.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#define FRAG_CACHE 4096

struct frag_entry {
	uint8_t src[16], dst[16];
	uint32_t id;
	uint16_t sport, dport;
	uint8_t proto, family, used;
};

struct np_flow_frags {
	struct frag_entry e[FRAG_CACHE];
};

/* ---- hashing ---------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* Hash of one endpoint (address + port). */
static uint64_t endpoint_hash(const uint8_t addr[16], uint16_t port)
{
	return mix64(load64(addr) ^ mix64(load64(addr + 8) + port));
}

uint32_t np_flow_key_hash(const np_flow_key *k)
{
	uint64_t a = endpoint_hash(k->src, k->sport), b = endpoint_hash(k->dst, k->dport);
	uint64_t h = mix64((a + b) ^ ((uint64_t)k->proto << 40 | (uint64_t)k->vlan << 16 | k->family));
	return (uint32_t)(h >> 32) | 1u; /* never 0, so a slot's high half says "used" */
}


static uint16_t outer_vlan(const np_packet *pkt)
{
	for (unsigned i = 0; i < pkt->nlayers; i++)
		if (pkt->layer[i].kind == NP_LAYER_VLAN)
			return pkt->layer[i].u.vlan.tci & 0x0fff;
	return 0;
}

static void key_ports(const np_layer *l4, np_flow_key *k, uint8_t *flags)
{
	switch (l4->kind) {
	case NP_LAYER_TCP:
		k->sport = l4->u.tcp.sport;
		k->dport = l4->u.tcp.dport;
		*flags = (uint8_t)l4->u.tcp.flags;
		break;
	case NP_LAYER_UDP:
		k->sport = l4->u.udp.sport;
		k->dport = l4->u.udp.dport;
		break;
	case NP_LAYER_ICMP:
	case NP_LAYER_ICMP6:
		if (l4->status != NP_TRUNCATED || l4->p + 2 <= l4->end)
			k->dport = (uint16_t)(l4->u.icmp.type << 8 | l4->u.icmp.code);
		break;
	default:
		break;
	}
}

bool np_flow_key_from_packet(const np_packet *pkt, np_flow_key *k, uint32_t *ip_bytes, uint8_t *tcp_flags)
{
	if (pkt->ip < 0)
		return false;
	const np_layer *ip = &pkt->layer[pkt->ip];
	memset(k, 0, sizeof(*k));
	*tcp_flags = 0;
	if (ip->kind == NP_LAYER_IP4) {
		if (!ip->u.ip4.src)
			return false;
		memcpy(k->src, ip->u.ip4.src, 4);
		memcpy(k->dst, ip->u.ip4.dst, 4);
		k->family = 4;
		k->proto = ip->u.ip4.proto;
		*ip_bytes = ip->u.ip4.total_len;
	} else {
		if (!ip->u.ip6.src)
			return false;
		memcpy(k->src, ip->u.ip6.src, 16);
		memcpy(k->dst, ip->u.ip6.dst, 16);
		k->family = 6;
		k->proto = ip->u.ip6.proto;
		*ip_bytes = 40u + (ip->u.ip6.jumbo ? ip->u.ip6.jumbo : ip->u.ip6.payload_len);
	}
	k->vlan = outer_vlan(pkt);
	if (pkt->l4 >= 0)
		key_ports(&pkt->layer[pkt->l4], k, tcp_flags);
	return true;
}

/* Fragments: remember the ports of a first fragment for the later ones. */
static struct frag_entry *frag_slot(np_flow_frags *fc, const np_flow_key *k, uint32_t id)
{
	uint64_t h = mix64(load64(k->src) ^ load64(k->dst + 8) ^ ((uint64_t)id << 8) ^ k->proto);
	return &fc->e[h & (FRAG_CACHE - 1)];
}

static bool frag_matches(const struct frag_entry *e, const np_flow_key *k, uint32_t id)
{
	return e->used && e->id == id && e->proto == k->proto && e->family == k->family &&
	       memcmp(e->src, k->src, 16) == 0 && memcmp(e->dst, k->dst, 16) == 0;
}

static void frag_place(np_flow_frags *fc, const np_packet *pkt, np_flow_key *k)
{
	const np_layer *ip = &pkt->layer[pkt->ip];
	uint32_t id, off;
	bool more;
	if (ip->kind == NP_LAYER_IP4) {
		id = ip->u.ip4.id;
		off = ip->u.ip4.frag & 0x1fff;
		more = (ip->u.ip4.frag & 0x2000) != 0;
	} else if (ip->u.ip6.fragment) {
		id = ip->u.ip6.frag_id;
		off = ip->u.ip6.frag_off;
		more = ip->u.ip6.frag_more;
	} else {
		return;
	}
	if (off == 0 && !more)
		return; /* not a fragment */
	struct frag_entry *e = frag_slot(fc, k, id);
	if (off == 0) {
		memcpy(e->src, k->src, 16);
		memcpy(e->dst, k->dst, 16);
		e->id = id;
		e->proto = k->proto;
		e->family = k->family;
		e->sport = k->sport;
		e->dport = k->dport;
		e->used = 1;
	} else if (frag_matches(e, k, id)) {
		k->sport = e->sport;
		k->dport = e->dport;
	}
}

/* The captured transport payload of a TCP or UDP packet: its length, 0
 * when there is none. */
static uint32_t packet_payload(const np_packet *pkt, const uint8_t **payload)
{
	if (pkt->l4 < 0)
		return 0;
	const np_layer *l4 = &pkt->layer[pkt->l4];
	if ((l4->kind != NP_LAYER_TCP && l4->kind != NP_LAYER_UDP) || l4->status != NP_OK || !l4->hdrlen)
		return 0;
	*payload = l4->p + l4->hdrlen;
	if (*payload >= l4->end || l4->len <= l4->hdrlen)
		return 0;
	uint32_t len = (uint32_t)(l4->end - *payload);
	if (len > l4->len - l4->hdrlen)
		len = l4->len - l4->hdrlen;
	return len;
}

np_flow_frags *np_flow_frags_new(void)
{
	return calloc(1, sizeof(np_flow_frags));
}

void np_flow_frags_free(np_flow_frags *fc)
{
	free(fc);
}

void np_flow_observe(np_flow_frags *fc, const np_packet *pkt, int64_t ts_us, bool want_payload, np_flow_obs *o)
{
	o->ts_us = ts_us;
	o->plen = 0;
	o->payload = NULL;
	if (!np_flow_key_from_packet(pkt, &o->k, &o->bytes, &o->flags)) {
		o->status = NP_OBS_NOT_IP;
		return;
	}
	bool cut = pkt->layer[pkt->ip].status != NP_OK || (pkt->l4 >= 0 && pkt->layer[pkt->l4].status != NP_OK);
	o->status = cut ? NP_OBS_TRUNCATED : NP_OBS_IP;
	frag_place(fc, pkt, &o->k);
	o->hash = np_flow_key_hash(&o->k);
	if (want_payload)
		o->plen = packet_payload(pkt, &o->payload);
}

const char *np_tcp_flags_str(uint8_t flags, char *buf)
{
	static const char letters[] = "FSRPAUEC";
	int n = 0;
	for (int i = 0; i < 8; i++)
		if (flags & (1u << i))
			buf[n++] = letters[i];
	buf[n] = '\0';
	return buf;
}

const char *np_flow_end_name(uint8_t reason)
{
	switch (reason) {
	case NP_END_IDLE: return "idle";
	case NP_END_ACTIVE: return "active";
	case NP_END_FIN: return "fin";
	case NP_END_RST: return "rst";
	case NP_END_EOF: return "eof";
	case NP_END_EVICTED: return "evicted";
	default: return "unknown";
	}
}
