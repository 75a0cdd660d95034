/*
 * udp.c - UDP header (RFC 768): ports, length, checksum.
 *
 * Status: NP_TRUNCATED when the 8 bytes are not all captured (the ports
 * are still filled when the first 4 are there); NP_INVALID when the length
 * field is below 8 (0 with a jumbo IPv6 payload is taken as the IP length,
 * RFC 2675) or the IP layer claims fewer than 8 bytes.
 *
 * Not for: the payload (DNS, NTP, ...), which its own parser reads from
 * p + hdrlen.
 */
#include "../util/bytes.h"
#include "packet.h"

#define UDP_HDR_LEN 8

void np_decode_udp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_UDP, p, end, len);
	if (!l)
		return;
	struct np_udp_info *u = &l->u.udp;
	if (np_get_be16(p, end, &u->sport))
		np_get_be16(p + 2, end, &u->dport);
	if (!np_has(p, end, UDP_HDR_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(p + 4, end, &u->ulen);
	np_get_be16(p + 6, end, &u->cksum);
	l->hdrlen = UDP_HDR_LEN;
	uint32_t ulen = u->ulen;
	if (ulen == 0 && len > 65535)
		ulen = len;
	if (len < UDP_HDR_LEN || ulen < UDP_HDR_LEN)
		l->status = NP_INVALID;
}
