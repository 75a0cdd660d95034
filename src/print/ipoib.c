/*
 * ipoib.c - the IP-over-InfiniBand link type (RFC 4391, DLT_IPOIB) as
 * tcpdump 4.99's print-ipoib.c writes it: the payload by the ethertype of
 * the 44-byte pseudo-header, which -e (or an unknown type) prints as
 * "IPOIB, ethertype IPv4 (0x0800), length N: ".
 *
 * Not for: the InfiniBand transport itself.
 */
#include "print.h"

#define IPOIB_HDRLEN 44

static void print_ipoib_hdr(np_printer *pr, uint16_t type, uint32_t length)
{
	const char *name = ethertype_name(type);
	if (!pr->o.qflag)
		out_fmt(pr->out, ", ethertype %s (0x%04x)", name ? name : "Unknown", type);
	else
		out_fmt(pr->out, ", ethertype %s", name ? name : "Unknown");
	out_fmt(pr->out, ", length %u: ", length);
}

uint32_t print_ipoib(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	uint16_t type;
	pr->protocol = "ipoib";
	if (caplen < IPOIB_HDRLEN || length < IPOIB_HDRLEN || !np_get_be16(p + 40, pr->snapend, &type)) {
		print_trunc(pr);
		return caplen < length ? caplen : length;
	}
	if (pr->o.eflag) {
		out_str(pr->out, "IPOIB");
		print_ipoib_hdr(pr, type, length);
	}
	if (!print_ethertype(pr, type, p + IPOIB_HDRLEN, length - IPOIB_HDRLEN, caplen - IPOIB_HDRLEN, NULL, NULL)) {
		if (!pr->o.eflag)
			print_ipoib_hdr(pr, type, length);
		if (!pr->o.suppress_default)
			print_default(pr, p + IPOIB_HDRLEN, caplen - IPOIB_HDRLEN);
	}
	return IPOIB_HDRLEN;
}
