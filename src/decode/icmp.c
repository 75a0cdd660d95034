/*
 * icmp.c - ICMP for IPv4 (RFC 792): type, code, checksum, and for the
 * query messages (echo, timestamp, information, address mask) the
 * identifier and sequence number that pair a request with its reply.
 *
 * The 8-byte header is the layer; whatever follows (echo data, the quoted
 * datagram of an error) is its payload at p + hdrlen. The quoted datagram
 * is not decoded here: the printer decodes it on demand, and a flow meter
 * that wants it can do the same.
 *
 * A header cut short by the capture is NP_TRUNCATED with the fields that
 * were captured filled in; one that the IP length leaves no room for
 * (fewer than 8 bytes on the wire) is NP_INVALID.
 *
 * Not for: ICMPv6 (icmp6.c).
 */
#include "../util/bytes.h"
#include "packet.h"

#define ICMP_HDRLEN 8

/* Types whose second word is an identifier and a sequence number. */
static bool has_id_seq(uint8_t type)
{
	switch (type) {
	case 0:  /* echo reply */
	case 8:  /* echo request */
	case 13: /* timestamp */
	case 14: /* timestamp reply */
	case 15: /* information request */
	case 16: /* information reply */
	case 17: /* address mask request */
	case 18: /* address mask reply */ return true;
	default: return false;
	}
}

void np_decode_icmp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_ICMP, p, end, len);
	if (!l)
		return;
	struct np_icmp_info *ic = &l->u.icmp;
	l->hdrlen = ICMP_HDRLEN;
	if (!np_get_u8(p, end, &ic->type) || !np_has(p, end, 2)) {
		l->status = len < ICMP_HDRLEN ? NP_INVALID : NP_TRUNCATED;
		return;
	}
	ic->code = p[1];
	np_get_be16(p + 2, end, &ic->cksum);
	if (has_id_seq(ic->type) && np_has(p, end, 6))
		np_get_be16(p + 4, end, &ic->id);
	if (has_id_seq(ic->type) && np_has(p, end, 8))
		np_get_be16(p + 6, end, &ic->seq);
	if (len < ICMP_HDRLEN)
		l->status = NP_INVALID;
	else if (!np_has(p, end, ICMP_HDRLEN))
		l->status = NP_TRUNCATED;
}
