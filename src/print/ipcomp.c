/*
 * ipcomp.c - IP Payload Compression header text (RFC 3173, tcpdump's
 * print-ipcomp.c): "IPComp(cpi=0x....)".
 *
 * Not for: decompressing; nothing after the header is printed.
 */
#include "print.h"

void print_ipcomp(np_printer *pr, const uint8_t *p)
{
	uint16_t cpi;
	pr->protocol = "ipcomp";
	NP_GET_BE16(cpi, p + 2, pr->snapend);
	out_fmt(pr->out, "IPComp(cpi=0x%04x)", cpi);
	return;
trunc:
	print_trunc_stop(pr);
}
