/*
 * tcp.c - TCP header (RFC 9293): ports, sequence numbers, flags, window,
 * checksum, urgent pointer and the data offset, which bounds the options
 * (the printer walks those). No payload is decoded here: application
 * printers start from p + hdrlen.
 *
 * Status: NP_TRUNCATED when the fixed 20 bytes or the options are not all
 * captured (whatever fields were captured are still filled: the ports come
 * first so a flow can be named from 4 bytes); NP_INVALID when the data
 * offset is below 20 or above the length the IP layer claims.
 */
#include "../util/bytes.h"
#include "packet.h"

#define TCP_MIN_HDR 20

/* The fixed header, or as much of it as is there, into t. */
static void read_fixed(struct np_tcp_info *t, const uint8_t *p, const uint8_t *end)
{
	uint8_t off = 0, fl = 0;
	if (!np_get_be16(p, end, &t->sport) || !np_get_be16(p + 2, end, &t->dport))
		return;
	if (!np_get_be32(p + 4, end, &t->seq) || !np_get_be32(p + 8, end, &t->ack))
		return;
	if (!np_get_u8(p + 12, end, &off) || !np_get_u8(p + 13, end, &fl))
		return;
	t->off = (uint8_t)((off >> 4) * 4);
	t->flags = (uint16_t)(fl | ((off & 0x01) << 8));
	if (np_get_be16(p + 14, end, &t->win) && np_get_be16(p + 16, end, &t->cksum))
		np_get_be16(p + 18, end, &t->urp);
}

void np_decode_tcp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_TCP, p, end, len);
	if (!l)
		return;
	struct np_tcp_info *t = &l->u.tcp;
	read_fixed(t, p, end);
	if (!np_has(p, end, TCP_MIN_HDR)) {
		l->status = NP_TRUNCATED;
		return;
	}
	if (t->off < TCP_MIN_HDR || t->off > len) {
		l->status = NP_INVALID;
		return;
	}
	l->hdrlen = t->off;
	if (!np_has(p, end, t->off))
		l->status = NP_TRUNCATED;
}
