/*
 * arp.c - ARP / RARP / InARP (RFC 826, 903, 2390) and ATM ARP (RFC 2225).
 *
 * Records the fixed fields and where each of the four addresses lies, so
 * the flow table can learn "who has which address" without parsing again.
 * An address that was not captured is left NULL and the layer is
 * NP_TRUNCATED. ARP carries no payload: nothing is decoded after it.
 *
 * ATM ARP has its own layout (type/length octets for the ATM number and
 * subaddress of each side); for it hln/pln are the sender's ATM number and
 * protocol address lengths, and the printer reads the other length octets.
 *
 * Not for: Ethernet framing (eth.c), or judging whether an ARP is sane.
 */
#include "../util/bytes.h"
#include "packet.h"

#define ARP_FIXED_LEN 8
#define ATMARP_FIXED_LEN 12
#define ARPHRD_ATM2225 19
#define ATMARP_LEN_MASK 0x3f /* the low bits of an ATM type/length octet */

/* The address of n bytes at offset off, or NULL when not all captured.
 * Offsets, not pointers, are added so nothing points past the buffer. */
static const uint8_t *addr_at(const uint8_t *p, const uint8_t *end, uint32_t off, uint32_t n)
{
	return np_has(p, end, (size_t)off + n) ? p + off : NULL;
}

static void decode_atmarp(np_layer *l, const uint8_t *p, const uint8_t *end)
{
	struct np_arp_info *a = &l->u.arp;
	if (!np_has(p, end, ATMARP_FIXED_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	uint32_t sha_len = p[4] & ATMARP_LEN_MASK, ssa_len = p[5] & ATMARP_LEN_MASK;
	uint32_t spa_len = p[8], tha_len = p[9] & ATMARP_LEN_MASK;
	uint32_t tsa_len = p[10] & ATMARP_LEN_MASK, tpa_len = p[11];
	np_get_be16(p + 6, end, &a->op);
	a->hln = (uint8_t)sha_len;
	a->pln = (uint8_t)spa_len;

	uint32_t off = ATMARP_FIXED_LEN;
	a->sha = addr_at(p, end, off, sha_len);
	off += sha_len + ssa_len;
	a->spa = addr_at(p, end, off, spa_len);
	off += spa_len;
	a->tha = addr_at(p, end, off, tha_len);
	off += tha_len + tsa_len;
	a->tpa = addr_at(p, end, off, tpa_len);
	off += tpa_len;
	l->hdrlen = off;
	if (!np_has(p, end, off))
		l->status = NP_TRUNCATED;
}

void np_decode_arp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_ARP, p, end, len);
	if (!l)
		return;
	struct np_arp_info *a = &l->u.arp;
	if (!np_has(p, end, ARP_FIXED_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(p, end, &a->hrd);
	np_get_be16(p + 2, end, &a->pro);
	if (a->hrd == ARPHRD_ATM2225) {
		decode_atmarp(l, p, end);
		return;
	}
	a->hln = p[4];
	a->pln = p[5];
	np_get_be16(p + 6, end, &a->op);

	uint32_t hln = a->hln, pln = a->pln;
	a->sha = addr_at(p, end, ARP_FIXED_LEN, hln);
	a->spa = addr_at(p, end, ARP_FIXED_LEN + hln, pln);
	a->tha = addr_at(p, end, ARP_FIXED_LEN + hln + pln, hln);
	a->tpa = addr_at(p, end, ARP_FIXED_LEN + 2 * hln + pln, pln);
	l->hdrlen = ARP_FIXED_LEN + 2 * hln + 2 * pln;
	if (!np_has(p, end, l->hdrlen))
		l->status = NP_TRUNCATED;
}
