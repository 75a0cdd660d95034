/*
 * gre.c - GRE header decoder: plain GRE (RFC 1701/2784/2890, version 0) and
 * the enhanced GRE of PPTP (RFC 2637, version 1).
 *
 * Records the flags, the protocol type and whichever optional fields are
 * present (checksum, key or PPTP call id, sequence and acknowledgment
 * numbers), so a flow meter can key tunnels by key / call id. A version 0
 * tunnel carrying IPv4 or IPv6 is followed into the inner packet; the flow
 * table still treats the GRE layer as the packet's transport (the outer IP
 * decoder makes it pkt->l4), so the inner packet only adds layers.
 *
 * Not for: PPP inside version 1 (print/ppp.c reads it), routing entries'
 * contents (only skipped), checksum verification.
 */
#include "../util/bytes.h"
#include "packet.h"

#define GRE_CP 0x8000 /* checksum present */
#define GRE_RP 0x4000 /* routing present */
#define GRE_KP 0x2000 /* key present */
#define GRE_SP 0x1000 /* sequence number present */
#define GRE_AP 0x0080 /* acknowledgment number present (version 1) */
#define GRE_VERS_MASK 0x0007

/* Cursor over the header: captured end and the length the layer below
 * claims both bound it, like tcpdump's ND_TCHECK plus its `len` checks. */
struct gre_cursor {
	const uint8_t *p, *end;
	uint32_t left;
};

static bool take(struct gre_cursor *c, uint32_t n, const uint8_t **at)
{
	if (c->left < n || !np_has(c->p, c->end, n))
		return false;
	*at = c->p;
	c->p += n;
	c->left -= n;
	return true;
}

static bool take_be32(struct gre_cursor *c, uint32_t *v)
{
	const uint8_t *at;
	if (!take(c, 4, &at))
		return false;
	np_get_be32(at, c->end, v);
	return true;
}

/* Source route entries (RFC 1701) end with address family 0 and length 0. */
static bool skip_routing(struct gre_cursor *c)
{
	for (;;) {
		const uint8_t *at;
		uint16_t af;
		uint8_t srelen = 0;
		if (!take(c, 4, &at))
			return false;
		np_get_be16(at, c->end, &af);
		np_get_u8(at + 3, c->end, &srelen);
		if (af == 0 && srelen == 0)
			return true;
		if (!take(c, srelen, &at))
			return false;
	}
}

/* Version 0: [checksum, offset] [key] [sequence] [routing]. */
static bool decode_v0(struct gre_cursor *c, struct np_gre_info *g)
{
	const uint8_t *at;
	uint16_t flags = g->flags_ver;
	if (flags & (GRE_CP | GRE_RP)) {
		if (!take(c, 4, &at))
			return false;
		g->has_cksum = (flags & GRE_CP) != 0;
	}
	if (flags & GRE_KP) {
		if (!take_be32(c, &g->key))
			return false;
		g->has_key = true;
	}
	if (flags & GRE_SP) {
		if (!take_be32(c, &g->seq))
			return false;
		g->has_seq = true;
	}
	if (flags & GRE_RP)
		return skip_routing(c);
	return true;
}

/* Version 1 (PPTP): key = payload length and call id, [sequence], [ack]. */
static bool decode_v1(struct gre_cursor *c, struct np_gre_info *g)
{
	uint16_t flags = g->flags_ver;
	if (flags & GRE_KP) {
		if (!take_be32(c, &g->key))
			return false;
		g->has_key = true;
		g->payload_len = (uint16_t)(g->key >> 16);
		g->call_id = (uint16_t)(g->key & 0xffff);
	}
	if (flags & GRE_SP) {
		if (!take_be32(c, &g->seq))
			return false;
		g->has_seq = true;
	}
	if (flags & GRE_AP) {
		if (!take_be32(c, &g->ack))
			return false;
		g->has_ack = true;
	}
	return true;
}

void np_decode_gre(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_GRE, p, end, len);
	if (!l)
		return;
	struct np_gre_info *g = &l->u.gre;
	struct gre_cursor c = {p, end, len};
	const uint8_t *at;
	/* The flags word alone says the version, which decides the rest. */
	if (!take(&c, 2, &at)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(at, end, &g->flags_ver);
	g->version = g->flags_ver & GRE_VERS_MASK;
	if (g->version > 1) {
		l->status = NP_INVALID;
		return;
	}
	if (!take(&c, 2, &at)) {
		l->status = NP_TRUNCATED;
		return;
	}
	np_get_be16(at, end, &g->proto);
	l->next = g->proto;
	bool whole = g->version == 0 ? decode_v0(&c, g) : decode_v1(&c, g);
	if (!whole) {
		l->status = NP_TRUNCATED;
		return;
	}
	l->hdrlen = (uint32_t)(c.p - p);
	if (g->version == 0 && (g->proto == 0x0800 || g->proto == 0x86dd))
		np_decode_ethertype(pkt, g->proto, c.p, end, c.left);
}
