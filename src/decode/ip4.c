/*
 * ip4.c - IPv4 header (RFC 791): fields, options span, fragment fields,
 * and the destination a source-route option leads to.
 *
 * The payload's scope ends at the total length the header claims (or at the
 * capture's end, if sooner), so bytes of Ethernet padding are never taken
 * for transport data. Non-first fragments carry no transport header; the
 * layer still records protocol, id and offset so the flow table can place
 * them. A total length of 0 is what TCP segmentation offload leaves in
 * locally captured sends: the layer then claims the length the link gives.
 *
 * Not for: printing the options (print/ip_opt.c) or checking the header
 * checksum (only the printer reports it).
 */
#include "../util/bytes.h"
#include "packet.h"

#define IP4_MIN_HDR 20
#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137

/*
 * The address a TCP/UDP pseudo-header uses as destination: the last hop of
 * a LSRR/SSRR option when one is there and whole, else the header's dst.
 * Walks the options the way tcpdump's ip_finddst does, so checksums agree.
 */
static const uint8_t *ip4_final_dst(const uint8_t *opt, uint32_t optlen, const uint8_t *end, const uint8_t *dst)
{
	while (optlen > 0) {
		uint8_t code, len = 1;
		if (!np_get_u8(opt, end, &code) || code == IPOPT_EOL)
			return dst;
		if (code != IPOPT_NOP) {
			if (!np_get_u8(opt + 1, end, &len) || len < 2)
				return dst;
		}
		if (optlen < len || !np_has(opt, end, len))
			return dst;
		if ((code == IPOPT_LSRR || code == IPOPT_SSRR) && len >= 7)
			return opt + len - 4;
		opt += len;
		optlen -= len;
	}
	return dst;
}

/* Fill the fixed 20 bytes; false when they are not all captured. */
static bool ip4_read_fixed(struct np_ip4_info *ip, const uint8_t *p, const uint8_t *end)
{
	uint8_t vihl;
	if (!np_get_u8(p, end, &vihl))
		return false;
	ip->ver = vihl >> 4;
	ip->ihl = vihl & 0x0f;
	if (!np_has(p, end, IP4_MIN_HDR))
		return false;
	np_get_u8(p + 1, end, &ip->tos);
	np_get_be16(p + 2, end, &ip->total_len);
	np_get_be16(p + 4, end, &ip->id);
	np_get_be16(p + 6, end, &ip->frag);
	np_get_u8(p + 8, end, &ip->ttl);
	np_get_u8(p + 9, end, &ip->proto);
	np_get_be16(p + 10, end, &ip->cksum);
	ip->src = p + 12;
	ip->dst = p + 16;
	ip->final_dst = ip->dst;
	return true;
}

void np_decode_ip4(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_IP4, p, end, len);
	if (!l)
		return;
	struct np_ip4_info *ip = &l->u.ip4;
	if (!ip4_read_fixed(ip, p, end)) {
		l->status = NP_TRUNCATED;
		return;
	}
	l->next = ip->proto;
	uint32_t hlen = (uint32_t)ip->ihl * 4;
	uint32_t total = ip->total_len ? ip->total_len : len; /* 0: segmentation offload */
	if (ip->ver != 4 || hlen < IP4_MIN_HDR || total < hlen) {
		l->status = NP_INVALID;
		return;
	}
	l->hdrlen = hlen;
	l->len = total;
	int8_t ip_index = (int8_t)(pkt->nlayers - 1);
	if (pkt->ip < 0)
		pkt->ip = ip_index;
	if (np_has(p, end, total))
		l->end = p + total;
	if (!np_has(p, l->end, hlen)) {
		l->status = NP_TRUNCATED;
		return;
	}
	if (hlen > IP4_MIN_HDR)
		ip->final_dst = ip4_final_dst(p + IP4_MIN_HDR, hlen - IP4_MIN_HDR, l->end, ip->dst);
	if ((ip->frag & 0x1fff) != 0)
		return; /* not the first fragment: no transport header here */
	np_decode_ipproto(pkt, ip->proto, p + hlen, l->end, total - hlen);
	if (pkt->ip == ip_index && pkt->nlayers > ip_index + 1 && pkt->l4 < 0)
		pkt->l4 = (int8_t)(ip_index + 1);
}
