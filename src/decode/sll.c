/*
 * sll.c - Linux "cooked" capture headers, v1 (DLT_LINUX_SLL, 16 bytes) and
 * v2 (DLT_LINUX_SLL2, 20 bytes), as written by `tcpdump -i any`, and the
 * 802.1Q tags that may follow them (tcpdump walks only 0x8100 here).
 *
 * The protocol field is an ethertype when above 1500; below, it names a
 * non-Ethernet payload (802.3 IPX, 802.2 LLC, ...) that we do not decode.
 */
#include "../util/bytes.h"
#include "packet.h"

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAX_ETHERNET_LENGTH_VAL 1500
#define ETHERTYPE_8021Q 0x8100

/* The payload after the header: VLAN tags, then the network layer. */
static void decode_sll_payload(np_packet *pkt, np_layer *link, uint16_t proto, const uint8_t *p, const uint8_t *end,
			       uint32_t len)
{
	np_layer *last = link;
	while (proto == ETHERTYPE_8021Q) {
		np_layer *v = np_push_layer(pkt, NP_LAYER_VLAN, p, end, len);
		if (!v)
			return;
		uint16_t tci, inner;
		if (!np_get_be16(p, end, &tci) || !np_get_be16(p + 2, end, &inner)) {
			v->status = NP_TRUNCATED;
			return;
		}
		v->u.vlan.tpid = proto;
		v->u.vlan.tci = tci;
		v->hdrlen = 4;
		v->next = inner;
		proto = inner;
		last = v;
		p += 4;
		len = len >= 4 ? len - 4 : 0;
	}
	if (proto <= MAX_ETHERNET_LENGTH_VAL)
		return;
	last->next = proto;
	np_decode_ethertype(pkt, proto, p, end, len);
}

void np_decode_sll(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_SLL, p, end, len);
	if (!l)
		return;
	struct np_sll_info *s = &l->u.sll;
	if (!np_has(p, end, SLL_HDR_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(p, end, &s->pkttype);
	np_get_be16(p + 2, end, &s->hatype);
	np_get_be16(p + 4, end, &s->halen);
	s->addr = p + 6;
	np_get_be16(p + 14, end, &s->protocol);
	l->hdrlen = SLL_HDR_LEN;
	decode_sll_payload(pkt, l, s->protocol, p + SLL_HDR_LEN, end, len >= SLL_HDR_LEN ? len - SLL_HDR_LEN : 0);
}

void np_decode_sll2(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_SLL2, p, end, len);
	if (!l)
		return;
	struct np_sll_info *s = &l->u.sll;
	uint8_t pkttype = 0, halen = 0;
	if (!np_has(p, end, SLL2_HDR_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(p, end, &s->protocol);
	np_get_be32(p + 4, end, &s->ifindex);
	np_get_be16(p + 8, end, &s->hatype);
	np_get_u8(p + 10, end, &pkttype);
	np_get_u8(p + 11, end, &halen);
	s->pkttype = pkttype;
	s->halen = halen;
	s->addr = p + 12;
	l->hdrlen = SLL2_HDR_LEN;
	decode_sll_payload(pkt, l, s->protocol, p + SLL2_HDR_LEN, end, len >= SLL2_HDR_LEN ? len - SLL2_HDR_LEN : 0);
}
