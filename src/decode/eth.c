/*
 * eth.c - Ethernet II / 802.3 headers and 802.1Q/802.1ad VLAN tags.
 *
 * The 16 bits after the addresses are an ethertype when >= 0x0600 and an
 * 802.3 length otherwise (then an LLC header follows, which we do not decode).
 */
#include "../util/bytes.h"
#include "packet.h"

static bool is_vlan_tpid(uint16_t t)
{
	return t == 0x8100 || t == 0x88a8 || t == 0x9100 || t == 0x9200;
}

void np_decode_eth(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_ETH, p, end, len);
	if (!l)
		return;
	uint16_t type;
	if (!np_has(p, end, 12)) {
		l->status = NP_TRUNCATED;
		return;
	}
	l->u.eth.dst = p;
	l->u.eth.src = p + 6;
	if (!np_get_be16(p + 12, end, &type)) {
		l->status = NP_TRUNCATED;
		return;
	}
	l->u.eth.type_or_len = type;
	l->hdrlen = 14;
	const uint8_t *q = p + 14;
	uint32_t rest = len >= 14 ? len - 14 : 0;

	/* VLAN tags stack; each is its own layer. */
	while (is_vlan_tpid(type)) {
		np_layer *v = np_push_layer(pkt, NP_LAYER_VLAN, q, end, rest);
		if (!v)
			return;
		uint16_t tci, inner;
		if (!np_get_be16(q, end, &tci) || !np_get_be16(q + 2, end, &inner)) {
			v->status = NP_TRUNCATED;
			return;
		}
		v->u.vlan.tpid = type;
		v->u.vlan.tci = tci;
		v->hdrlen = 4;
		v->next = inner;
		type = inner;
		q += 4;
		rest = rest >= 4 ? rest - 4 : 0;
	}
	if (type < 0x0600)
		return; /* 802.3 length: LLC follows */
	pkt->layer[pkt->nlayers - 1].next = type;
	np_decode_ethertype(pkt, type, q, end, rest);
}
