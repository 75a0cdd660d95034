/*
 * arcnet.c - Linux ARCnet captures (DLT_ARCNET_LINUX, 129) as tcpdump's
 * arcnet_linux_if_print writes them: with -e the source and destination
 * station and the protocol (tcpdump reads these through its BSD header
 * layout, so the "protocol" shown is the low offset byte; we do the same),
 * then IPv4, IPv6, ARP, AppleTalk DDP or IPX.
 *
 * Not for: BSD ARCnet (DLT_ARCNET, with its fragmentation header).
 */
#include "print.h"

#define ARC_LINUX_HDRLEN 5
#define ARC_LINUX_HDRNEWLEN 8

static const np_tok arc_type_names[] = {
	{240, "oldip"},  {241, "oldarp"}, {212, "ip"},    {213, "arp"},   {214, "rarp"}, {221, "atalk"},
	{247, "banyan"}, {250, "ipx"},    {0xc4, "ipv6"}, {0x80, "diag"}, {0, NULL},
};

uint32_t print_arcnet_linux(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	np_out *o = pr->out;
	pr->protocol = "arcnet_linux";
	if (caplen < ARC_LINUX_HDRLEN || !np_has(p, pr->snapend, ARC_LINUX_HDRLEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	uint8_t type = p[4];
	uint32_t hdrlen = ARC_LINUX_HDRNEWLEN;
	if (type == 240 || type == 241 || type == 0x80)
		hdrlen = ARC_LINUX_HDRLEN;
	else if (caplen < ARC_LINUX_HDRNEWLEN) {
		print_trunc_stop(pr);
		return 0;
	}
	if (pr->o.eflag) {
		if (pr->o.qflag)
			out_fmt(o, "%02x %02x %u: ", p[0], p[1], length);
		else
			out_fmt(o, "%02x %02x %s %u: ", p[0], p[1], tok2str(arc_type_names, "%02x", p[2]), length);
	}
	p += hdrlen;
	length -= hdrlen;
	caplen -= hdrlen;
	switch (type) {
	case 240:
	case 212: print_ip(pr, p, length); break;
	case 0xc4: print_ip6(pr, p, length); break;
	case 241:
	case 213:
	case 214: print_arp(pr, p, length, caplen); break;
	case 221:
		if (pr->o.vflag)
			out_str(o, "et1 ");
		print_atalk(pr, p, length);
		break;
	case 250: print_ipx(pr, p, length); break;
	default: print_default(pr, p, caplen); break;
	}
	return hdrlen;
}
