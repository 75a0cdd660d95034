/*
 * l4cksum.c - the checksum of a transport segment under its IP
 * pseudo-header, as tcpdump computes it for the "cksum ... (correct)" and
 * "[udp sum ok]" notes (its nextproto4_cksum / nextproto6_cksum).
 *
 * The pseudo-header's destination is the final one (the last hop of an
 * IPv4 source route, the last address of an IPv6 routing header): the IP
 * decoders record it as final_dst, so nothing is parsed again here.
 *
 * Not for: deciding whether to check at all (the callers know -v and
 * fragments), or reading bytes that are not captured: callers make sure
 * the segment is there.
 */
#include "print.h"

#include "cksum.h"

uint16_t print_l4_cksum(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t len, uint8_t proto)
{
	return print_l4_cksum_cov(pr, iph, p, len, len, proto);
}

uint16_t print_l4_cksum_cov(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t len, uint32_t cov,
			    uint8_t proto)
{
	uint32_t sum;
	if ((iph[0] >> 4) == 6) {
		const np_layer *l = print_layer_at(pr, NP_LAYER_IP6, iph, len + 40);
		const uint8_t *dst = l->u.ip6.final_dst ? l->u.ip6.final_dst : iph + 24;
		sum = np_pseudo_sum6(iph + 8, dst, proto, len);
	} else {
		const np_layer *l = print_layer_at(pr, NP_LAYER_IP4, iph, len + 20);
		const uint8_t *dst = l->u.ip4.final_dst ? l->u.ip4.final_dst : iph + 16;
		sum = np_pseudo_sum4(iph + 12, dst, proto, len & 0xffff);
	}
	return np_in_cksum(p, cov, sum);
}
