/*
 * tcp.c - TCP text. (Skeleton: to be completed.)
 */
#include "print.h"

#include <stdlib.h>

struct tcp_seq_table {
	int unused;
};

void tcp_seq_table_free(struct tcp_seq_table *t);

void tcp_seq_table_free(struct tcp_seq_table *t)
{
	free(t);
}

void print_ip_ports(np_printer *pr, const uint8_t *iph, uint16_t sport, uint16_t dport)
{
	if ((iph[0] >> 4) == 6) {
		out_ipv6(pr->out, iph + 8);
		out_fmt(pr->out, ".%u > ", sport);
		out_ipv6(pr->out, iph + 24);
	} else {
		out_ipv4(pr->out, iph + 12);
		out_fmt(pr->out, ".%u > ", sport);
		out_ipv4(pr->out, iph + 16);
	}
	out_fmt(pr->out, ".%u: ", dport);
}

void print_tcp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented)
{
	(void)fragmented;
	const np_layer *l = print_layer_at(pr, NP_LAYER_TCP, p, length);
	pr->protocol = "tcp";
	if (l->status == NP_TRUNCATED && !np_has(p, pr->snapend, 4)) {
		print_trunc_stop(pr);
		return;
	}
	print_ip_ports(pr, iph, l->u.tcp.sport, l->u.tcp.dport);
	out_fmt(pr->out, "tcp %u", length);
}
