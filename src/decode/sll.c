/*
 * sll.c - Linux "cooked" capture headers, v1 (DLT_LINUX_SLL, 16 bytes) and
 * v2 (DLT_LINUX_SLL2, 20 bytes), as written by `tcpdump -i any`.
 */
#include "packet.h"
#include "../util/bytes.h"

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20

/* The protocol field is an ethertype except for a few ARPHRD-specific values. */
static void decode_sll_payload(np_packet *pkt, uint16_t proto, const uint8_t *p, const uint8_t *end,
			       uint32_t len)
{
	if (proto >= 0x0600)
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
	l->next = s->protocol;
	decode_sll_payload(pkt, s->protocol, p + SLL_HDR_LEN, end, len >= SLL_HDR_LEN ? len - SLL_HDR_LEN : 0);
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
	l->next = s->protocol;
	decode_sll_payload(pkt, s->protocol, p + SLL2_HDR_LEN, end, len >= SLL2_HDR_LEN ? len - SLL2_HDR_LEN : 0);
}
