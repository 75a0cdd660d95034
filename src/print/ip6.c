/*
 * ip6.c - IPv6 text. (Skeleton: to be completed.)
 */
#include "print.h"

void print_ip6(np_printer *pr, const uint8_t *p, uint32_t length)
{
	(void)p;
	out_fmt(pr->out, "IP6 length %u", length);
}
