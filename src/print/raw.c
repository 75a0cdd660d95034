/*
 * raw.c - link types that carry bare IP: DLT_RAW (version nibble decides),
 * DLT_IPV4 and DLT_IPV6. (Skeleton: to be completed.)
 */
#include "print.h"

uint32_t print_raw(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	if (pr->o.eflag)
		out_str(pr->out, "ip: ");
	print_ip_any(pr, p, length);
	return 0;
}

uint32_t print_ipv4_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	print_ip(pr, p, length);
	return 0;
}

uint32_t print_ipv6_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	print_ip6(pr, p, length);
	return 0;
}
