/*
 * ipnet.c - Solaris's ipnet link type (DLT_IPNET, snoop on IP interfaces)
 * as tcpdump 4.99's print-ipnet.c writes it: the IPv4 or IPv6 payload,
 * with -e (or an unknown family) the zones, family and length first.
 *
 * Not for: anything but the 24-byte version 1 header.
 */
#include "print.h"

#define IPNET_HDRLEN 24

static const np_tok ipnet_family_names[] = {{2, "IPv4"}, {26, "IPv6"}, {0, NULL}};

static void print_ipnet_hdr(np_printer *pr, const uint8_t *h, uint32_t length)
{
	uint32_t zsrc = (uint32_t)h[16] << 24 | (uint32_t)h[17] << 16 | (uint32_t)h[18] << 8 | h[19];
	uint32_t zdst = (uint32_t)h[20] << 24 | (uint32_t)h[21] << 16 | (uint32_t)h[22] << 8 | h[23];
	out_fmt(pr->out, "%u > %u", zsrc, zdst);
	if (!pr->o.qflag)
		out_fmt(pr->out, ", family %s (%u)", tok2str(ipnet_family_names, "Unknown", h[1]), h[1]);
	else
		out_fmt(pr->out, ", %s", tok2str(ipnet_family_names, "Unknown Ethertype (0x%04x)", h[1]));
	out_fmt(pr->out, ", length %u: ", length);
}

uint32_t print_ipnet(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "ipnet";
	if (!np_has(p, pr->snapend, IPNET_HDRLEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	if (pr->o.eflag)
		print_ipnet_hdr(pr, p, length);
	switch (p[1]) {
	case 2: print_ip(pr, p + IPNET_HDRLEN, length - IPNET_HDRLEN); break;
	case 26: print_ip6(pr, p + IPNET_HDRLEN, length - IPNET_HDRLEN); break;
	default:
		if (!pr->o.eflag)
			print_ipnet_hdr(pr, p, length);
		if (!pr->o.suppress_default)
			print_default(pr, p + IPNET_HDRLEN, caplen - IPNET_HDRLEN);
		break;
	}
	return IPNET_HDRLEN;
}
