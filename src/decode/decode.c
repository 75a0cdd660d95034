/*
 * decode.c - the entry point of the decoder and the dispatch between layers.
 *
 * np_decode() picks the link-layer decoder from the capture's link type;
 * np_decode_ethertype() and np_decode_ipproto() are the two switch points
 * every protocol decoder hands its payload to. Adding a protocol means one
 * file in decode/ and one case here.
 *
 * Not for: printing, or anything that needs more than the bytes of the one
 * packet (reassembly, flow state).
 */
#include "packet.h"

#include <stddef.h>
#include <string.h>

#include "../util/bytes.h"

/* Most kinds use a small union member: for them only the common part and
 * SMALL_MEMBER bytes are zeroed, a constant size, so the memset is a few
 * stores (a variable size becomes a `rep stos`, slow to start for a few
 * dozen bytes). The IPv6 member, with its extension header list, is
 * several times the size of the others and is zeroed whole, as are the
 * rest. */
#define SMALL_MEMBER 40

static bool small_kind(uint8_t kind)
{
	switch (kind) {
	case NP_LAYER_ETH:
	case NP_LAYER_VLAN:
	case NP_LAYER_SLL:
	case NP_LAYER_SLL2:
	case NP_LAYER_NULL:
	case NP_LAYER_ARP:
	case NP_LAYER_IP4:
	case NP_LAYER_TCP:
	case NP_LAYER_UDP:
	case NP_LAYER_ICMP:
	case NP_LAYER_ICMP6:
	case NP_LAYER_GRE: return true;
	default: return false;
	}
}

_Static_assert(sizeof(struct np_eth_info) <= SMALL_MEMBER && sizeof(struct np_vlan_info) <= SMALL_MEMBER &&
		       sizeof(struct np_sll_info) <= SMALL_MEMBER && sizeof(struct np_null_info) <= SMALL_MEMBER &&
		       sizeof(struct np_arp_info) <= SMALL_MEMBER && sizeof(struct np_ip4_info) <= SMALL_MEMBER &&
		       sizeof(struct np_tcp_info) <= SMALL_MEMBER && sizeof(struct np_udp_info) <= SMALL_MEMBER &&
		       sizeof(struct np_icmp_info) <= SMALL_MEMBER && sizeof(struct np_gre_info) <= SMALL_MEMBER,
	       "a small layer kind's member outgrew SMALL_MEMBER");

np_layer *np_push_layer(np_packet *pkt, uint8_t kind, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	if (pkt->nlayers >= NP_MAX_LAYERS)
		return NULL;
	np_layer *l = &pkt->layer[pkt->nlayers++];
	if (small_kind(kind))
		memset(l, 0, offsetof(np_layer, u) + SMALL_MEMBER);
	else
		memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->p = p;
	l->end = end;
	l->len = len;
	return l;
}

const np_layer *np_find_layer(const np_packet *pkt, uint8_t kind)
{
	for (unsigned i = 0; i < pkt->nlayers; i++)
		if (pkt->layer[i].kind == kind)
			return &pkt->layer[i];
	return NULL;
}

void np_decode_ethertype(np_packet *pkt, uint16_t ethertype, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	switch (ethertype) {
	case 0x0800: np_decode_ip4(pkt, p, end, len); break;
	case 0x86dd: np_decode_ip6(pkt, p, end, len); break;
	case 0x0806:
	case 0x8035: np_decode_arp(pkt, p, end, len); break;
	default: break;
	}
}

void np_decode_ipproto(np_packet *pkt, uint8_t proto, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	switch (proto) {
	case 6: np_decode_tcp(pkt, p, end, len); break;
	case 17: np_decode_udp(pkt, p, end, len); break;
	case 1: np_decode_icmp(pkt, p, end, len); break;
	case 58: np_decode_icmp6(pkt, p, end, len); break;
	case 47: np_decode_gre(pkt, p, end, len); break;
	case 4: np_decode_ip4(pkt, p, end, len); break;
	case 41: np_decode_ip6(pkt, p, end, len); break;
	default: break;
	}
}

/* Raw IP link types: the version nibble says which. */
static void decode_raw_ip(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	uint8_t first;
	if (!np_get_u8(p, end, &first))
		return;
	if ((first >> 4) == 6)
		np_decode_ip6(pkt, p, end, len);
	else
		np_decode_ip4(pkt, p, end, len);
}

void np_decode(np_packet *pkt, int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	const uint8_t *end = data + caplen;
	pkt->data = data;
	pkt->end = end;
	pkt->caplen = caplen;
	pkt->wirelen = wirelen;
	pkt->dlt = dlt;
	pkt->nlayers = 0;
	pkt->ip = -1;
	pkt->l4 = -1;

	switch (dlt) {
	case NP_DLT_EN10MB: np_decode_eth(pkt, data, end, wirelen); break;
	case NP_DLT_LINUX_SLL: np_decode_sll(pkt, data, end, wirelen); break;
	case NP_DLT_LINUX_SLL2: np_decode_sll2(pkt, data, end, wirelen); break;
	case NP_DLT_NULL:
	case NP_DLT_LOOP: np_decode_null(pkt, data, end, wirelen); break;
	case NP_DLT_RAW:
	case NP_DLT_RAW_OPENBSD:
	case NP_DLT_LINKTYPE_RAW: decode_raw_ip(pkt, data, end, wirelen); break;
	case NP_DLT_IPV4: np_decode_ip4(pkt, data, end, wirelen); break;
	case NP_DLT_IPV6: np_decode_ip6(pkt, data, end, wirelen); break;
	default: break;
	}
}
