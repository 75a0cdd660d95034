/*
 * msnlb.c - Microsoft Network Load Balancing heartbeats (ethertype 0x886f)
 * as tcpdump 4.99's print-msnlb.c writes them: host priority, cluster and
 * host addresses.
 *
 * Not for: the rest of the (undocumented) heartbeat.
 */
#include "print.h"

void print_msnlb(np_printer *pr, const uint8_t *bp)
{
	np_out *o = pr->out;
	uint32_t prio;
	pr->protocol = "msnlb";
	out_str(o, "MS NLB heartbeat");
	NP_GET_LE32(prio, bp + 8, pr->snapend);
	out_fmt(o, ", host priority: %u", prio);
	NP_CHECK(bp + 12, pr->snapend, 4);
	out_str(o, ", cluster IP: ");
	out_ipv4(o, bp + 12);
	NP_CHECK(bp + 16, pr->snapend, 4);
	out_str(o, ", host IP: ");
	out_ipv4(o, bp + 16);
	return;
trunc:
	print_trunc_stop(pr);
}
