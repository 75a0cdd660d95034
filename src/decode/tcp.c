/*
 * tcp.c - TCP header (RFC 9293): ports, sequence numbers, flags, window,
 * and the span of options (walked by the printer via tcp_opt.h).
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_tcp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_TCP, p, end, len);
	if (!l)
		return;
	struct np_tcp_info *t = &l->u.tcp;
	if (!np_has(p, end, 20)) {
		l->status = NP_TRUNCATED;
		if (np_get_be16(p, end, &t->sport))
			np_get_be16(p + 2, end, &t->dport);
		return;
	}
	uint8_t off = 0, fl = 0;
	np_get_be16(p, end, &t->sport);
	np_get_be16(p + 2, end, &t->dport);
	np_get_be32(p + 4, end, &t->seq);
	np_get_be32(p + 8, end, &t->ack);
	np_get_u8(p + 12, end, &off);
	np_get_u8(p + 13, end, &fl);
	np_get_be16(p + 14, end, &t->win);
	np_get_be16(p + 16, end, &t->cksum);
	np_get_be16(p + 18, end, &t->urp);
	t->off = (uint8_t)((off >> 4) * 4);
	t->flags = (uint16_t)(fl | ((off & 0x01) << 8));
	if (t->off < 20) {
		l->status = NP_INVALID;
		return;
	}
	l->hdrlen = t->off;
	if (!np_has(p, end, t->off))
		l->status = NP_TRUNCATED;
}
