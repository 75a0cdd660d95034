/*
 * flow_key.c - a decoded packet's flow key, IP byte count and TCP flags,
 * with SiLK's conventions: ICMP/ICMPv6 type*256+code in the destination
 * port, port 0 for protocols without ports, bytes = IP header + payload as
 * the IP header claims (so a short snaplen does not shrink the counts).
 * Also the key's hash and np_flow_observe, which adds to the key what the
 * flow table needs of a packet: fragments placed in their datagram's flow
 * (a small direct-mapped cache remembers the ports of first fragments),
 * the payload for the naming hook, the packet's status for the counters.
 *
 * A later fragment that comes before its first fragment (fragments sent
 * last-first, or reordered on the way) is held, as Argus does, until the
 * first arrives (then both go to the datagram's flow, the held ones first,
 * being earlier), for at most HOLD_US of capture time and NP_FLOW_HOLD
 * fragments at once; past either, or at the end of input, it is let go as
 * it is, in a flow with ports 0. A fragment let go is marked late: the
 * flow table counts it in its flow but does not take its (older) time for
 * its clock, which would look like the clock stepping back.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "../util/bytes.h"

#define FRAG_CACHE 4096

struct frag_entry {
	uint8_t src[16], dst[16];
	uint32_t id;
	uint16_t sport, dport;
	uint8_t proto, family, used;
};

#define HOLD_US (30 * 1000000LL) /* as long as Linux waits to reassemble */

struct held {
	np_flow_obs o; /* ports 0 */
	uint32_t id;
};

struct np_flow_frags {
	struct frag_entry e[FRAG_CACHE];
	struct held held[NP_FLOW_HOLD]; /* in arrival order */
	unsigned nheld;
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
		if (l4->status != NP_TRUNCATED || np_has(l4->p, l4->end, 2))
			k->dport = (uint16_t)(l4->u.icmp.type << 8 | l4->u.icmp.code);
		break;
	default: break;
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

enum frag_kind { NOT_FRAGMENT, FIRST_FRAGMENT, LATER_KNOWN, LATER_UNKNOWN };

/* Give a later fragment its datagram's ports, remember a first one's. */
static enum frag_kind frag_place(np_flow_frags *fc, const np_packet *pkt, np_flow_key *k, uint32_t *idp)
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
		return NOT_FRAGMENT;
	}
	if (off == 0 && !more)
		return NOT_FRAGMENT;
	*idp = id;
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
		return FIRST_FRAGMENT;
	}
	if (!frag_matches(e, k, id))
		return LATER_UNKNOWN;
	k->sport = e->sport;
	k->dport = e->dport;
	return LATER_KNOWN;
}

/* Let held fragment i go into out (ports from `first`, or 0 without). */
static void release(np_flow_frags *fc, unsigned i, const np_flow_key *first, np_flow_obs *out)
{
	*out = fc->held[i].o;
	out->late = 1;
	if (first) {
		out->k.sport = first->sport;
		out->k.dport = first->dport;
		out->hash = np_flow_key_hash(&out->k);
	}
	memmove(&fc->held[i], &fc->held[i + 1], (fc->nheld - i - 1) * sizeof(fc->held[0]));
	fc->nheld--;
}

/* The held fragments of the datagram whose first fragment is k, id. */
static unsigned release_datagram(np_flow_frags *fc, const np_flow_key *k, uint32_t id, np_flow_obs *out)
{
	unsigned n = 0;
	for (unsigned i = 0; i < fc->nheld;) {
		const struct held *h = &fc->held[i];
		if (h->id == id && h->o.k.proto == k->proto && h->o.k.family == k->family && h->o.k.vlan == k->vlan &&
		    memcmp(h->o.k.src, k->src, 16) == 0 && memcmp(h->o.k.dst, k->dst, 16) == 0)
			release(fc, i, k, &out[n++]);
		else
			i++;
	}
	return n;
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

unsigned np_flow_observe(np_flow_frags *fc, const np_packet *pkt, int64_t ts_us, bool want_payload, np_flow_obs *out)
{
	unsigned n = 0;
	/* Held too long, or from before the clock stepped back or ahead by
	 * more than that: its first fragment is not coming. */
	for (unsigned i = 0; i < fc->nheld;) {
		int64_t age = ts_us - fc->held[i].o.ts_us;
		if (age > HOLD_US || age < -HOLD_US)
			release(fc, i, NULL, &out[n++]);
		else
			i++;
	}
	np_flow_obs *o = &out[n];
	o->ts_us = ts_us;
	o->late = 0;
	o->plen = 0;
	o->payload = NULL;
	if (!np_flow_key_from_packet(pkt, &o->k, &o->bytes, &o->flags)) {
		o->status = NP_OBS_NOT_IP;
		return n + 1;
	}
	bool cut = pkt->layer[pkt->ip].status != NP_OK || (pkt->l4 >= 0 && pkt->layer[pkt->l4].status != NP_OK);
	o->status = cut ? NP_OBS_TRUNCATED : NP_OBS_IP;
	uint32_t id = 0;
	enum frag_kind kind = frag_place(fc, pkt, &o->k, &id);
	o->hash = np_flow_key_hash(&o->k);
	if (kind == LATER_UNKNOWN) {
		np_flow_obs later = *o;
		if (fc->nheld == NP_FLOW_HOLD)
			release(fc, 0, NULL, &out[n++]); /* the oldest makes room */
		fc->held[fc->nheld].o = later;
		fc->held[fc->nheld].id = id;
		fc->nheld++;
		return n;
	}
	if (want_payload)
		o->plen = packet_payload(pkt, &o->payload);
	if (kind == FIRST_FRAGMENT && fc->nheld) {
		/* The held ones go first: they were earlier. */
		np_flow_obs first = *o;
		n += release_datagram(fc, &first.k, id, &out[n]);
		out[n] = first;
	}
	return n + 1;
}

/* ---- the shortcut for plain frames ------------------------------------- */

/* Ports, flags and payload of a TCP or UDP header at l4 (l4len bytes as the
 * IP header claims, captured up to ipend), as np_decode_tcp/_udp and
 * packet_payload above would give them; false for anything they would mark
 * truncated or invalid. */
static bool plain_transport(uint8_t proto, const uint8_t *l4, const uint8_t *ipend, uint32_t l4len, bool want_payload,
			    np_flow_obs *o)
{
	uint32_t hdr;
	if (proto == 6) {
		if (!np_has(l4, ipend, 20))
			return false;
		hdr = (uint32_t)(l4[12] >> 4) * 4;
		if (hdr < 20 || hdr > l4len || !np_has(l4, ipend, hdr))
			return false;
		o->flags = l4[13];
	} else if (proto == 17) {
		if (!np_has(l4, ipend, 8) || l4len < 8 || np_load_be16(l4 + 4) < 8)
			return false;
		hdr = 8;
	} else {
		return false;
	}
	o->k.sport = np_load_be16(l4);
	o->k.dport = np_load_be16(l4 + 2);
	if (want_payload && np_has(l4, ipend, hdr + 1) && l4len > hdr) {
		uint32_t len = (uint32_t)(ipend - l4) - hdr;
		o->payload = l4 + hdr;
		o->plen = len < l4len - hdr ? len : l4len - hdr;
	}
	return true;
}

unsigned np_flow_observe_frame(np_flow_frags *fc, int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
			       int64_t ts_us, bool want_payload, np_flow_obs *o)
{
	const uint8_t *end = data + caplen, *ip = data + 14;
	if (dlt != NP_DLT_EN10MB || fc->nheld || !np_has(data, end, 18))
		return 0;
	uint16_t type = np_load_be16(data + 12);
	uint32_t rest = wirelen >= 14 ? wirelen - 14 : 0;
	memset(&o->k, 0, sizeof(o->k));
	if (type == 0x8100) { /* one 802.1Q tag */
		o->k.vlan = np_load_be16(data + 14) & 0x0fff;
		type = np_load_be16(data + 16);
		ip += 4;
		rest = rest >= 4 ? rest - 4 : 0;
	}
	const uint8_t *ipend = end;
	uint32_t total, hlen;
	if (type == 0x0800 && np_has(ip, end, 20)) {
		total = np_load_be16(ip + 2);
		hlen = (uint32_t)(ip[0] & 0x0f) * 4;
		/* Version 4, a whole header, the length claimed, not a fragment. */
		if (ip[0] >> 4 != 4 || hlen < 20 || total < hlen || (np_load_be16(ip + 6) & 0x3fff))
			return 0;
		if (np_has(ip, end, total))
			ipend = ip + total;
		if (!np_has(ip, ipend, hlen))
			return 0;
		memcpy(o->k.src, ip + 12, 4);
		memcpy(o->k.dst, ip + 16, 4);
		o->k.family = 4;
		o->bytes = total;
	} else if (type == 0x86dd && np_has(ip, end, 40)) {
		/* Version 6, the transport header right after the fixed one. */
		if (ip[0] >> 4 != 6 || rest < 40 || (ip[6] != 6 && ip[6] != 17))
			return 0;
		hlen = 40;
		total = 40u + np_load_be16(ip + 4);
		if (np_has(ip, end, total))
			ipend = ip + total;
		memcpy(o->k.src, ip + 8, 16);
		memcpy(o->k.dst, ip + 24, 16);
		o->k.family = 6;
		o->bytes = total;
	} else {
		return 0;
	}
	o->k.proto = type == 0x0800 ? ip[9] : ip[6];
	o->flags = 0;
	o->plen = 0;
	o->payload = NULL;
	if (!plain_transport(o->k.proto, ip + hlen, ipend, total - hlen, want_payload, o))
		return 0;
	o->ts_us = ts_us;
	o->late = 0;
	o->status = NP_OBS_IP;
	o->hash = np_flow_key_hash(&o->k);
	return 1;
}

unsigned np_flow_frags_release(np_flow_frags *fc, np_flow_obs *out)
{
	unsigned n = 0;
	while (fc->nheld)
		release(fc, 0, NULL, &out[n++]);
	return n;
}

unsigned np_tcp_flags_put(uint8_t flags, char *buf)
{
	/* A nibble at a time: its letters (4 bytes stored at once, the count
	 * of them kept), "FSRP" for the low one, "AUEC" for the high one. */
	static const char low[16][4] = {"",  "F",  "S",  "FS",  "R",  "FR",  "SR",  "FSR",
					"P", "FP", "SP", "FSP", "RP", "FRP", "SRP", "FSRP"};
	static const char high[16][4] = {"",  "A",  "U",  "AU",  "E",  "AE",  "UE",  "AUE",
					 "C", "AC", "UC", "AUC", "EC", "AEC", "UEC", "AUEC"};
	static const uint8_t count[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
	memcpy(buf, low[flags & 15], 4);
	unsigned n = count[flags & 15];
	memcpy(buf + n, high[flags >> 4], 4);
	return n + count[flags >> 4];
}

const char *np_tcp_flags_str(uint8_t flags, char *buf)
{
	buf[np_tcp_flags_put(flags, buf)] = '\0';
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
