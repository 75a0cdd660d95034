/*
 * udp.c - UDP text. (Skeleton: to be completed.)
 */
#include "print.h"


void print_udp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented,
	       uint8_t ttl_hl)
{
	(void)fragmented;
	(void)ttl_hl;
	const np_layer *l = print_layer_at(pr, NP_LAYER_UDP, p, length);
	pr->protocol = "udp";
	if (l->status == NP_TRUNCATED) {
		print_trunc_stop(pr);
		return;
	}
	print_ip_ports(pr, iph, l->u.udp.sport, l->u.udp.dport);
	out_fmt(pr->out, "UDP, length %u", l->u.udp.ulen - 8);
}
