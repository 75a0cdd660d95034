/*
 * ip_opt.c - IPv4 options text (tcpdump's ip_optprint). (Skeleton.)
 */
#include "print.h"

bool print_ip_options(np_printer *pr, const uint8_t *p, uint32_t len);

bool print_ip_options(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)pr;
	(void)p;
	(void)len;
	return true;
}
