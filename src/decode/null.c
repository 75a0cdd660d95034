/*
 * null.c - BSD loopback (DLT_NULL, DLT_LOOP): a 4-byte address family.
 *
 * DLT_NULL stores the family in the byte order of the host that wrote the
 * file; DLT_LOOP in network order. Families: 2 = IPv4; 24, 28, 30 = IPv6
 * (NetBSD/OpenBSD, FreeBSD, Darwin).
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_null(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_NULL, p, end, len);
	if (!l)
		return;
	uint32_t fam;
	if (pkt->dlt == NP_DLT_LOOP) {
		if (!np_get_be32(p, end, &fam)) {
			l->status = NP_TRUNCATED;
			return;
		}
	} else {
		if (!np_get_le32(p, end, &fam)) {
			l->status = NP_TRUNCATED;
			return;
		}
		/* A big-endian writer: the family sits in the high bytes. */
		if ((fam & 0xFFFF0000u) != 0 && (fam & 0x0000FFFFu) == 0)
			fam = ((fam >> 24) & 0xff) | ((fam >> 8) & 0xff00);
	}
	l->u.null.family = fam;
	l->hdrlen = 4;
	const uint8_t *q = p + 4;
	uint32_t rest = len >= 4 ? len - 4 : 0;
	if (fam == 2) {
		l->next = 0x0800;
		np_decode_ip4(pkt, q, end, rest);
	} else if (fam == 24 || fam == 28 || fam == 30) {
		l->next = 0x86dd;
		np_decode_ip6(pkt, q, end, rest);
	}
}
