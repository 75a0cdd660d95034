/*
 * raw.c - link types that carry bare IP: DLT_RAW, LINKTYPE_RAW, DLT_IPV4
 * and DLT_IPV6. tcpdump prints all of them alike: "ip: " with -e, then
 * IPv4 or IPv6 by the version nibble (so a DLT_IPV4 file holding IPv6 is
 * printed as IPv6).
 *
 * Not for: anything with a link header.
 */
#include "print.h"

uint32_t print_raw(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	pr->protocol = "raw";
	if (pr->o.eflag)
		out_str(pr->out, "ip: ");
	print_ip_any(pr, p, length);
	return 0;
}

uint32_t print_ipv4_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	return print_raw(pr, p, length, caplen);
}

uint32_t print_ipv6_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	return print_raw(pr, p, length, caplen);
}
