/*
 * udp.c - UDP header (RFC 768).
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_udp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_UDP, p, end, len);
	if (!l)
		return;
	struct np_udp_info *u = &l->u.udp;
	if (!np_has(p, end, 8)) {
		l->status = NP_TRUNCATED;
		if (np_get_be16(p, end, &u->sport))
			np_get_be16(p + 2, end, &u->dport);
		return;
	}
	np_get_be16(p, end, &u->sport);
	np_get_be16(p + 2, end, &u->dport);
	np_get_be16(p + 4, end, &u->ulen);
	np_get_be16(p + 6, end, &u->cksum);
	l->hdrlen = 8;
}
