/*
 * null.c - BSD loopback (DLT_NULL, DLT_LOOP): a 4-byte address family.
 *
 * DLT_NULL stores the family in the byte order of the host that wrote the
 * file, DLT_LOOP in network order. Like tcpdump, we read it little-endian
 * and byte-swap it when the upper 16 bits are not zero (no family is that
 * large). Families: 2 = IPv4; 24, 28, 30 = IPv6 (NetBSD/OpenBSD, FreeBSD,
 * Darwin).
 */
#include "../util/bytes.h"
#include "packet.h"

#define NULL_HDRLEN 4

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

void np_decode_null(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_NULL, p, end, len);
	if (!l)
		return;
	uint32_t fam;
	if (!np_get_le32(p, end, &fam)) {
		l->status = NP_TRUNCATED;
		return;
	}
	if (fam & 0xFFFF0000u)
		fam = swap32(fam);
	l->u.null.family = fam;
	l->hdrlen = NULL_HDRLEN;
	const uint8_t *q = p + NULL_HDRLEN;
	uint32_t rest = len >= NULL_HDRLEN ? len - NULL_HDRLEN : 0;
	if (fam == 2) {
		l->next = 0x0800;
		np_decode_ip4(pkt, q, end, rest);
	} else if (fam == 24 || fam == 28 || fam == 30) {
		l->next = 0x86dd;
		np_decode_ip6(pkt, q, end, rest);
	}
}
