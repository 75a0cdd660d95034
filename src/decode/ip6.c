/*
 * ip6.c - IPv6 header (RFC 8200) and the extension-header chain after it.
 *
 * Records the fixed fields, then walks hop-by-hop, routing, fragment,
 * destination-options and AH headers to find the upper-layer protocol, the
 * fragment fields (so the flow table can place fragments) and the final
 * destination a routing header names (the one transport checksums use).
 * l->hdrlen covers the fixed header and every extension header walked, so
 * the upper-layer header starts at l->p + l->hdrlen.
 *
 * The payload's scope ends where the Payload Length (or a valid Jumbo
 * Payload option) says, or at the capture's end if sooner.
 *
 * Not for: printing the options themselves (print/ip6_ext.c does that),
 * ESP (its length depends on the cipher), reassembly.
 */
#include "../util/bytes.h"
#include "packet.h"

#define IP6_HDR_LEN 40u

enum {
	IP6_NH_HOPOPTS = 0,
	IP6_NH_ROUTING = 43,
	IP6_NH_FRAGMENT = 44,
	IP6_NH_AH = 51,
	IP6_NH_DSTOPTS = 60,
};

#define IP6_OPT_PAD1 0x00
#define IP6_OPT_JUMBO 0xc2
#define IP6_OPT_JUMBO_LEN 6u

static bool is_ext_header(uint8_t nh)
{
	return nh == IP6_NH_HOPOPTS || nh == IP6_NH_ROUTING || nh == IP6_NH_FRAGMENT || nh == IP6_NH_AH ||
	       nh == IP6_NH_DSTOPTS;
}

/* Bytes an extension header occupies, from its own length byte. */
static uint32_t ext_header_size(uint8_t type, uint8_t lenbyte)
{
	switch (type) {
	case IP6_NH_FRAGMENT: return 8;
	case IP6_NH_AH: return ((uint32_t)lenbyte + 2) * 4;
	default: return ((uint32_t)lenbyte + 1) * 8;
	}
}

/* A valid Jumbo Payload option in hop-by-hop options [opt, opt+n): its value,
 * or 0. Only honoured when the fixed header's Payload Length is 0. */
static uint32_t find_jumbo(const uint8_t *opt, const uint8_t *end, uint32_t n)
{
	uint32_t i = 0;
	while (i < n) {
		uint8_t type, olen;
		if (!np_get_u8(opt + i, end, &type))
			return 0;
		if (type == IP6_OPT_PAD1) {
			i++;
			continue;
		}
		if (i + 1 >= n || !np_get_u8(opt + i + 1, end, &olen))
			return 0;
		uint32_t optlen = (uint32_t)olen + 2;
		if (i + optlen > n)
			return 0;
		if (type == IP6_OPT_JUMBO) {
			uint32_t v;
			if (optlen != IP6_OPT_JUMBO_LEN || !np_get_be32(opt + i + 2, end, &v))
				return 0;
			return v >= 65536 ? v : 0;
		}
		i += optlen;
	}
	return 0;
}

/* The Jumbo Payload of the hop-by-hop header at h, or 0. */
static uint32_t find_hbh_jumbo(const uint8_t *h, const uint8_t *end)
{
	uint8_t lenbyte;
	if (!np_get_u8(h + 1, end, &lenbyte))
		return 0;
	return find_jumbo(h + 2, end, ext_header_size(IP6_NH_HOPOPTS, lenbyte) - 2);
}

/* The final destination a routing header names (RFC 8200 type 0, Mobile
 * IPv6 type 2: the last address; SRH type 4: segment 0), as far as captured. */
static void note_routing_dst(struct np_ip6_info *ip, const uint8_t *rh, const uint8_t *end)
{
	uint8_t len = 0, type = 0;
	if (!np_has(rh, end, 4))
		return;
	np_get_u8(rh + 1, end, &len);
	np_get_u8(rh + 2, end, &type);
	if (len % 2 == 1)
		return;
	if (type == 0 || type == 2) {
		const uint8_t *a = rh + 8;
		for (unsigned i = 0; i < len / 2u && np_has(a, end, 16); i++, a += 16)
			ip->final_dst = a;
	} else if (type == 4 && np_has(rh + 8, end, 16)) {
		ip->final_dst = rh + 8;
	}
}

static void record_ext(struct np_ip6_info *ip, uint8_t type, uint8_t next, uint32_t size, const uint8_t *h)
{
	if (ip->next_ext >= NP_IP6_MAX_EXT)
		return;
	struct np_ip6_ext *e = &ip->ext[ip->next_ext++];
	e->type = type;
	e->next = next;
	e->len = (uint16_t)(size > 0xffff ? 0xffff : size);
	e->p = h;
}

/*
 * Walk the extension headers of l, setting ip->proto, l->hdrlen and the
 * fragment fields.
 * Returns false when the walk must stop before the upper layer (a header
 * cut short or inconsistent, or a non-first fragment); l->status says which.
 */
static bool walk_ext_headers(np_layer *l)
{
	struct np_ip6_info *ip = &l->u.ip6;
	const uint8_t *p = l->p;
	uint32_t off = IP6_HDR_LEN;
	uint8_t nh = ip->next;
	bool dst_settled = false; /* tcpdump's ip6_finddst stops at the first routing header or AH */
	while (is_ext_header(nh)) {
		const uint8_t *h = p + off;
		uint8_t next, lenbyte;
		if (!np_get_u8(h, l->end, &next) || !np_get_u8(h + 1, l->end, &lenbyte)) {
			l->status = off + 2 > l->len ? NP_INVALID : NP_TRUNCATED;
			return false;
		}
		uint32_t size = ext_header_size(nh, lenbyte);
		if (off + size > l->len) {
			l->status = NP_INVALID; /* claims more than the datagram holds */
			return false;
		}
		if (!np_has(h, l->end, size)) {
			l->status = NP_TRUNCATED;
			return false;
		}
		record_ext(ip, nh, next, size, h);
		if (nh == IP6_NH_ROUTING && !dst_settled)
			note_routing_dst(ip, h, l->end);
		if (nh == IP6_NH_ROUTING || nh == IP6_NH_AH)
			dst_settled = true;
		off += size;
		l->hdrlen = off;
		ip->proto = next;
		if (nh == IP6_NH_FRAGMENT) {
			uint16_t offlg = 0;
			np_get_be16(h + 2, l->end, &offlg);
			np_get_be32(h + 4, l->end, &ip->frag_id);
			ip->fragment = true;
			ip->frag_off = offlg & 0xfff8;
			ip->frag_more = offlg & 1;
			if (ip->frag_off != 0)
				return false; /* no upper-layer header in this fragment */
		}
		nh = next;
	}
	return true;
}

void np_decode_ip6(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_IP6, p, end, len);
	if (!l)
		return;
	struct np_ip6_info *ip = &l->u.ip6;
	uint8_t b0;
	if (!np_get_u8(p, end, &b0)) {
		l->status = NP_TRUNCATED;
		return;
	}
	ip->ver = b0 >> 4;
	if (!np_has(p, end, IP6_HDR_LEN)) {
		l->status = NP_TRUNCATED;
		return;
	}
	uint32_t vcf;
	np_get_be32(p, end, &vcf);
	ip->tclass = (uint8_t)(vcf >> 20);
	ip->flow = vcf & 0xfffff;
	np_get_be16(p + 4, end, &ip->payload_len);
	np_get_u8(p + 6, end, &ip->next);
	np_get_u8(p + 7, end, &ip->hlim);
	ip->src = p + 8;
	ip->dst = p + 24;
	ip->final_dst = ip->dst;
	ip->proto = ip->next;
	l->next = ip->next;
	l->hdrlen = IP6_HDR_LEN;
	if (ip->ver != 6 || len < IP6_HDR_LEN) {
		l->status = NP_INVALID;
		return;
	}
	int8_t ip_index = (int8_t)(pkt->nlayers - 1);
	if (pkt->ip < 0)
		pkt->ip = ip_index;
	/* A zero Payload Length means no payload, unless a Jumbo Payload
	 * option says otherwise. */
	if (ip->payload_len == 0 && ip->next == IP6_NH_HOPOPTS)
		ip->jumbo = find_hbh_jumbo(p + IP6_HDR_LEN, end);
	if (ip->jumbo)
		l->len = ip->jumbo > UINT32_MAX - IP6_HDR_LEN ? UINT32_MAX : ip->jumbo + IP6_HDR_LEN;
	else
		l->len = (uint32_t)ip->payload_len + IP6_HDR_LEN;
	if (np_has(p, end, l->len))
		l->end = p + l->len;
	bool reached_upper = walk_ext_headers(l);
	l->next = ip->proto;
	if (!reached_upper)
		return;
	np_decode_ipproto(pkt, ip->proto, p + l->hdrlen, l->end, l->len - l->hdrlen);
	if (pkt->ip == ip_index && pkt->nlayers > ip_index + 1 && pkt->l4 < 0)
		pkt->l4 = (int8_t)(ip_index + 1);
}
