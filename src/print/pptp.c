/*
 * pptp.c - PPTP control messages on TCP 1723 (RFC 2637). (Skeleton.)
 */
#include "print.h"

void print_pptp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	(void)p;
	(void)length;
	out_str(pr->out, "pptp");
}
