/*
 * tunnel.c - the packet a tunnel carries (see tunnel.h).
 *
 * The decoder already follows IP-in-IP and GRE version 0 with IP inside
 * into further layers; VXLAN, Geneve and PPTP's PPP it leaves to the
 * printers. Here each kind is found right after the outermost IP layer,
 * and the inside is decoded again from its first byte as a packet of its
 * own (raw IP or Ethernet), so every reader of np_packet sees the inner
 * packet as it sees any other.
 */
#include "tunnel.h"

#include <string.h>

#include "../util/bytes.h"

enum { PPP_IP4 = 0x0021, PPP_IP6 = 0x0057 };
enum { ETH_BRIDGE = 0x6558, ETH_IP4 = 0x0800, ETH_IP6 = 0x86dd, ETH_PPP = 0x880b };
enum { UDP_VXLAN = 4789, UDP_GENEVE = 6081 };

const char *np_tunnel_name(uint8_t kind)
{
	static const char *const names[] = {"", "ipip", "6in4", "4in6", "6in6", "gre", "pptp", "vxlan", "geneve"};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "";
}

uint8_t np_tunnel_kind_of(const char *name, size_t n)
{
	for (unsigned k = NP_TUNNEL_IPIP; k <= NP_TUNNEL_GENEVE; k++)
		if (strlen(np_tunnel_name((uint8_t)k)) == n && memcmp(np_tunnel_name((uint8_t)k), name, n) == 0)
			return (uint8_t)k;
	return NP_TUNNEL_NONE;
}

/* Decode bytes [p, end) claiming `len` bytes as a packet of link type dlt. */
static bool decode_inside(const np_packet *outer, np_packet *inner, int dlt, const uint8_t *p, const uint8_t *end,
			  uint32_t len)
{
	if (!p || p >= end || len == 0)
		return false;
	uint32_t caplen = (uint32_t)(end - p);
	np_decode(inner, dlt, p, caplen < len ? caplen : len, len);
	inner->ts_sec = outer->ts_sec;
	inner->ts_frac = outer->ts_frac;
	return inner->ip >= 0;
}

/* PPP inside PPTP's GRE: [ff 03] then a 1- or 2-byte protocol (RFC 1661,
 * address/control and protocol field compression). */
static bool ppp_inside(const np_packet *outer, np_packet *inner, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	uint8_t b0 = 0, b1 = 0;
	if (np_get_u8(p, end, &b0) && np_get_u8(p + 1, end, &b1) && b0 == 0xff && b1 == 0x03) {
		if (len < 2)
			return false;
		p += 2;
		len -= 2;
	}
	uint16_t proto;
	uint32_t hl;
	if (!np_get_u8(p, end, &b0))
		return false;
	if (b0 & 1) {
		proto = b0;
		hl = 1;
	} else if (np_get_be16(p, end, &proto)) {
		hl = 2;
	} else {
		return false;
	}
	if ((proto != PPP_IP4 && proto != PPP_IP6) || len <= hl)
		return false;
	return decode_inside(outer, inner, NP_DLT_RAW, p + hl, end, len - hl);
}

static bool gre_inside(const np_packet *outer, np_packet *inner, const np_layer *g, np_tunnel *t)
{
	if (g->status != NP_OK || g->len < g->hdrlen)
		return false;
	const uint8_t *p = g->p + g->hdrlen;
	uint32_t len = g->len - g->hdrlen;
	const struct np_gre_info *gi = &g->u.gre;
	if (gi->version == 1) {
		t->kind = NP_TUNNEL_PPTP;
		t->id = gi->call_id;
		return gi->proto == ETH_PPP && ppp_inside(outer, inner, p, g->end, len);
	}
	t->kind = NP_TUNNEL_GRE;
	t->id = gi->has_key ? gi->key : 0;
	if (gi->proto == ETH_BRIDGE)
		return decode_inside(outer, inner, NP_DLT_EN10MB, p, g->end, len);
	if (gi->proto == ETH_IP4 || gi->proto == ETH_IP6)
		return decode_inside(outer, inner, NP_DLT_RAW, p, g->end, len);
	return false;
}

static bool vxlan_inside(const np_packet *outer, np_packet *inner, const uint8_t *p, const uint8_t *end, uint32_t len,
			 np_tunnel *t)
{
	uint8_t flags;
	uint32_t vni;
	/* RFC 7348: flags with I set, 24 reserved bits, VNI, 8 reserved bits. */
	if (len <= 8 || !np_get_u8(p, end, &flags) || !(flags & 0x08) || !np_get_be32(p + 4, end, &vni))
		return false;
	t->kind = NP_TUNNEL_VXLAN;
	t->id = vni >> 8;
	return decode_inside(outer, inner, NP_DLT_EN10MB, p + 8, end, len - 8);
}

static bool geneve_inside(const np_packet *outer, np_packet *inner, const uint8_t *p, const uint8_t *end, uint32_t len,
			  np_tunnel *t)
{
	uint8_t b0;
	uint16_t proto;
	uint32_t vni;
	/* RFC 8926: version 0, options length in 4-byte words, protocol type, VNI. */
	if (!np_get_u8(p, end, &b0) || (b0 >> 6) != 0 || !np_get_be16(p + 2, end, &proto) ||
	    !np_get_be32(p + 4, end, &vni))
		return false;
	uint32_t hl = 8u + (b0 & 0x3fu) * 4u;
	if (len <= hl)
		return false;
	t->kind = NP_TUNNEL_GENEVE;
	t->id = vni >> 8;
	if (proto == ETH_BRIDGE)
		return decode_inside(outer, inner, NP_DLT_EN10MB, p + hl, end, len - hl);
	if (proto == ETH_IP4 || proto == ETH_IP6)
		return decode_inside(outer, inner, NP_DLT_RAW, p + hl, end, len - hl);
	return false;
}

static uint8_t ip_in_ip_kind(uint8_t outer_kind, uint8_t inner_kind)
{
	if (outer_kind == NP_LAYER_IP4)
		return inner_kind == NP_LAYER_IP4 ? NP_TUNNEL_IPIP : NP_TUNNEL_6IN4;
	return inner_kind == NP_LAYER_IP4 ? NP_TUNNEL_4IN6 : NP_TUNNEL_6IN6;
}

bool np_tunnel_udp_port(uint16_t dport)
{
	return dport == UDP_VXLAN || dport == UDP_GENEVE;
}

bool np_tunnel_candidate(const np_packet *outer)
{
	if (outer->ip < 0 || outer->ip + 1 >= outer->nlayers || outer->layer[outer->ip].status != NP_OK)
		return false;
	const np_layer *next = &outer->layer[outer->ip + 1];
	switch (next->kind) {
	case NP_LAYER_IP4:
	case NP_LAYER_IP6:
	case NP_LAYER_GRE: return true;
	case NP_LAYER_UDP: return next->status == NP_OK && np_tunnel_udp_port(next->u.udp.dport);
	default: return false;
	}
}

bool np_tunnel_inner(const np_packet *outer, np_packet *inner, np_tunnel *t)
{
	memset(t, 0, sizeof(*t));
	/* Only what np_tunnel_candidate lets by: the pipeline hands over
	 * nothing else (flow/pipeline.c). */
	if (!np_tunnel_candidate(outer))
		return false;
	const np_layer *ip = &outer->layer[outer->ip];
	const np_layer *next = &outer->layer[outer->ip + 1];
	t->family = ip->kind == NP_LAYER_IP4 ? 4 : 6;
	t->src = ip->kind == NP_LAYER_IP4 ? ip->u.ip4.src : ip->u.ip6.src;
	t->dst = ip->kind == NP_LAYER_IP4 ? ip->u.ip4.dst : ip->u.ip6.dst;
	bool found = false;
	switch (next->kind) {
	case NP_LAYER_IP4:
	case NP_LAYER_IP6:
		t->kind = ip_in_ip_kind(ip->kind, next->kind);
		found = decode_inside(outer, inner, NP_DLT_RAW, next->p, next->end, next->len);
		break;
	case NP_LAYER_GRE: found = gre_inside(outer, inner, next, t); break;
	case NP_LAYER_UDP:
		if (next->status != NP_OK || next->len < 8)
			break;
		if (next->u.udp.dport == UDP_VXLAN)
			found = vxlan_inside(outer, inner, next->p + 8, next->end, next->len - 8, t);
		else if (next->u.udp.dport == UDP_GENEVE)
			found = geneve_inside(outer, inner, next->p + 8, next->end, next->len - 8, t);
		break;
	default: break;
	}
	if (!found)
		memset(t, 0, sizeof(*t));
	return found;
}
