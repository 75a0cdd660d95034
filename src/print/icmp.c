/*
 * icmp.c - icmp text. (Skeleton: to be completed.)
 */
#include "print.h"

void print_icmp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented)
{
	(void)p;
	(void)iph;
	(void)fragmented;
	out_fmt(pr->out, "icmp length %u", length);
}
