/*
 * null.c - BSD loopback link header (DLT_NULL / DLT_LOOP) as tcpdump prints
 * it. (Skeleton: to be completed.)
 */
#include "print.h"

uint32_t print_null(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	if (caplen < 4) {
		pr->protocol = "null";
		print_trunc(pr);
		return caplen;
	}
	print_ip_any(pr, p + 4, length - 4);
	return 4;
}
