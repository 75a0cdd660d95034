/*
 * bcm_li.c - Broadcom's lawful-intercept shim (UDP from 49152) as tcpdump
 * 4.99's print-bcm-li.c writes it: direction, packet type and subtype,
 * intercept id, and with -v the intercepted Ethernet, IPv4 or IPv6 packet.
 *
 * Not for: anything but the 4-byte shim.
 */
#include "print.h"

#define BCM_LI_SHIM_LEN 4

static const np_tok bcm_li_direction_names[] = {{1, "unused"}, {2, "egress"}, {3, "ingress"}, {0, NULL}};

static const np_tok bcm_li_type_names[] = {
	{4, "undecided"}, {5, "ipv4"}, {6, "ipv6"}, {7, "ethernet"}, {0, NULL},
};

static const np_tok bcm_li_subtype_names[] = {
	{1, "single VLAN tag"},
	{2, "double VLAN tag"},
	{3, "untagged"},
	{0, NULL},
};

static const char *name_or_unknown(const np_tok *t, uint32_t v)
{
	const char *s = tok_name(t, v);
	return s ? s : "unknown";
}

void print_bcm_li(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t shim, type;
	uint8_t first;
	pr->protocol = "bcm_li";
	if (length < BCM_LI_SHIM_LEN) {
		out_fmt(o, " (length %u < %u)", length, BCM_LI_SHIM_LEN);
		goto invalid;
	}
	NP_GET_BE32(shim, bp, pr->snapend);
	type = (shim >> 25) & 0xf;
	length -= BCM_LI_SHIM_LEN;
	bp += BCM_LI_SHIM_LEN;
	out_fmt(o, "%sBCM-LI-SHIM: direction %s, pkt-type %s, pkt-subtype %s, li-id %u%s", pr->o.vflag ? "\n    " : "",
		name_or_unknown(bcm_li_direction_names, (shim >> 29) & 7), name_or_unknown(bcm_li_type_names, type),
		name_or_unknown(bcm_li_subtype_names, (shim >> 22) & 7), shim & 0x3fffff, pr->o.vflag ? "\n    " : "");
	if (!pr->o.vflag) {
		NP_CHECK(bp, pr->snapend, length);
		return;
	}
	switch (type) {
	case 7: print_ether(pr, bp, length, print_caplen_from(pr, bp)); break;
	case 5: print_ip(pr, bp, length); break;
	case 6: print_ip6(pr, bp, length); break;
	case 4:
		NP_GET_U8(first, bp, pr->snapend);
		if (first >> 4 == 4)
			print_ip(pr, bp, length);
		else if (first >> 4 == 6)
			print_ip6(pr, bp, length);
		else
			out_str(o, "unknown payload");
		break;
	default: goto invalid;
	}
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
