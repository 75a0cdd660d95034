/*
 * llc.c - where the payload of an Ethernet frame starts: after the
 * ethertype, or after an 802.3 length's LLC (and SNAP) header, telling the
 * spanning tree, Cisco's PVST+ and CDP, and IS-IS apart.
 * Not for: decoding what follows (stp.c, cdp.c, ...).
 */
#include <stddef.h>

#include "../util/bytes.h"
#include "ctlproto.h"

bool np_link_payload(const np_packet *pkt, int *kind, uint16_t *ethertype, const uint8_t **p, const uint8_t **end)
{
	*kind = NP_LLC_OTHER;
	*ethertype = 0;
	int last = -1;
	for (int i = 0; i < pkt->nlayers; i++) {
		uint8_t k = pkt->layer[i].kind;
		if (k == NP_LAYER_ETH || k == NP_LAYER_VLAN)
			last = i;
		else
			break;
	}
	if (last < 0 || pkt->layer[0].kind != NP_LAYER_ETH || pkt->layer[last].status != NP_OK)
		return false;
	const np_layer *l = &pkt->layer[last];
	const uint8_t *q = l->p + l->hdrlen;
	*end = l->end;
	uint16_t t = l->u.eth.type_or_len;
	if (l->kind == NP_LAYER_VLAN && !np_get_be16(l->p + 2, l->end, &t))
		return false; /* the type or length after the tag */
	if (t >= 0x0600) {
		*ethertype = t;
		*p = q;
		return true;
	}
	uint8_t dsap, ssap, ctl;
	if (!np_get_u8(q, *end, &dsap) || !np_get_u8(q + 1, *end, &ssap) || !np_get_u8(q + 2, *end, &ctl))
		return false;
	if (dsap == 0x42 && ssap == 0x42 && ctl == 0x03) {
		*kind = NP_LLC_STP;
		*p = q + 3;
	} else if (dsap == 0xfe && ssap == 0xfe && ctl == 0x03) {
		*kind = NP_LLC_ISIS;
		*p = q + 3;
	} else if (dsap == 0xaa && ssap == 0xaa && ctl == 0x03) {
		uint32_t oui;
		uint16_t pid;
		if (!np_get_be24(q + 3, *end, &oui) || !np_get_be16(q + 6, *end, &pid))
			return false;
		*p = q + 8;
		if (oui == 0x00000c && pid == 0x010b)
			*kind = NP_LLC_PVST;
		else if (oui == 0x00000c && pid == 0x2000)
			*kind = NP_LLC_CDP;
	} else {
		*p = q + 3;
	}
	return true;
}

void np_ctl_text(char *dst, size_t dsz, const uint8_t *s, const uint8_t *end, size_t n)
{
	size_t o = 0;
	if (dsz == 0)
		return;
	for (size_t i = 0; i < n && o + 1 < dsz && np_has(s + i, end, 1); i++) {
		uint8_t c = s[i];
		if (c == '\n' || c == '\r' || c == 0)
			break;
		dst[o++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
	}
	dst[o] = 0;
}
