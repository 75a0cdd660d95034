/*
 * ip4.c - IPv4 header (RFC 791): fields, options span, fragment fields.
 *
 * The payload's scope ends at the total length the header claims (or at the
 * capture's end, if sooner), so bytes of Ethernet padding are never taken
 * for transport data. Non-first fragments carry no transport header; the
 * layer still records protocol and offset so the flow table can place them.
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_ip4(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_IP4, p, end, len);
	if (!l)
		return;
	struct np_ip4_info *ip = &l->u.ip4;
	uint8_t vihl;
	if (!np_get_u8(p, end, &vihl)) {
		l->status = NP_TRUNCATED;
		return;
	}
	ip->ver = vihl >> 4;
	ip->ihl = vihl & 0x0f;
	if (!np_has(p, end, 20)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_u8(p + 1, end, &ip->tos);
	np_get_be16(p + 2, end, &ip->total_len);
	np_get_be16(p + 4, end, &ip->id);
	np_get_be16(p + 6, end, &ip->frag);
	np_get_u8(p + 8, end, &ip->ttl);
	np_get_u8(p + 9, end, &ip->proto);
	np_get_be16(p + 10, end, &ip->cksum);
	ip->src = p + 12;
	ip->dst = p + 16;
	l->next = ip->proto;
	uint32_t hlen = (uint32_t)ip->ihl * 4;
	if (ip->ver != 4 || hlen < 20 || ip->total_len < hlen) {
		l->status = NP_INVALID;
		return;
	}
	l->hdrlen = hlen;
	if (pkt->ip < 0)
		pkt->ip = (int8_t)(pkt->nlayers - 1);
	l->len = ip->total_len;
	if (np_has(p, end, ip->total_len))
		l->end = p + ip->total_len;
	if (!np_has(p, l->end, hlen)) {
		l->status = NP_TRUNCATED;
		return;
	}
	if ((ip->frag & 0x1fff) != 0)
		return; /* not the first fragment: no transport header here */
	int8_t ip_index = (int8_t)(pkt->nlayers - 1);
	np_decode_ipproto(pkt, ip->proto, p + hlen, l->end, ip->total_len - hlen);
	if (pkt->ip == ip_index && pkt->nlayers > ip_index + 1 && pkt->l4 < 0)
		pkt->l4 = (int8_t)(ip_index + 1);
}
