/*
 * dsa.c - Marvell DSA and EDSA switch tags (link types DSA_TAG_DSA and
 * DSA_TAG_EDSA) as tcpdump 4.99's print-dsa.c writes them: "DSA Forward
 * port 0.1, VLAN 0u, " before the payload, or with -e the mode, device,
 * port, tagging, VID and priority fields; the Ethernet frame around the
 * tag is ether.c's.
 *
 * Not for: other switch tags (Broadcom's, Realtek's).
 */
#include "print.h"

#define DSA_LEN 4
#define EDSA_LEN 8

enum { MODE_TO_CPU = 0, MODE_FROM_CPU = 1, MODE_TO_SNIFFER = 2, MODE_FORWARD = 3 };

static const np_tok dsa_mode_names[] = {
	{MODE_TO_CPU, "To CPU"},
	{MODE_FROM_CPU, "From CPU"},
	{MODE_TO_SNIFFER, "To Sniffer"},
	{MODE_FORWARD, "Forward"},
	{0, NULL},
};

static const np_tok dsa_code_names[] = {
	{0, "BPDU (MGMT) Trap"}, {1, "Frame2Reg"}, {2, "IGMP/MLD Trap"}, {3, "Policy Trap"}, {4, "ARP Mirror"},
	{5, "Policy Mirror"},    {0, NULL},
};

/* The 4-byte DSA tag at t (captured: the caller checked the header). */
static void print_dsa_common(np_printer *pr, const uint8_t *t)
{
	np_out *o = pr->out;
	unsigned mode = t[0] >> 6, dev = t[0] & 0x1f, port = t[1] >> 3, bit2 = (t[1] >> 2) & 1;
	unsigned tagged = (t[0] >> 5) & 1, vid = (unsigned)(t[2] & 0x0f) << 8 | t[3];
	if (pr->o.eflag) {
		out_fmt(o, "mode %s, ", tok2str(dsa_mode_names, "unknown", mode));
		switch (mode) {
		case MODE_FORWARD: out_fmt(o, "dev %u, %s %u, ", dev, bit2 ? "trunk" : "port", port); break;
		case MODE_FROM_CPU: out_fmt(o, "target dev %u, port %u, ", dev, port); break;
		case MODE_TO_CPU:
			out_fmt(o, "source dev %u, port %u, ", dev, port);
			out_fmt(o, "code %s, ",
				tok2str(dsa_code_names, "reserved", ((t[1] >> 1) & 3u) << 1 | ((t[2] >> 4) & 1u)));
			break;
		default:
			out_fmt(o, "source dev %u, port %u, ", dev, port);
			out_fmt(o, "%s sniff, ", bit2 ? "ingress" : "egress");
			break;
		}
		out_fmt(o, "%s, ", tagged ? "tagged" : "untagged");
		if (t[1] & 1)
			out_str(o, "CFI, ");
		out_fmt(o, "VID %u, ", vid);
		out_fmt(o, "FPri %u, ", t[2] >> 5);
	} else {
		switch (mode) {
		case MODE_FORWARD: out_fmt(o, "Forward %s %u.%u, ", bit2 ? "trunk" : "port", dev, port); break;
		case MODE_FROM_CPU: out_fmt(o, "CPU > port %u.%u, ", dev, port); break;
		case MODE_TO_CPU: out_fmt(o, "port %u.%u > CPU, ", dev, port); break;
		default: out_fmt(o, "port %u.%u > %s Sniffer, ", dev, port, bit2 ? "Rx" : "Tx"); break;
		}
		out_fmt(o, "VLAN %u%c, ", vid, tagged ? 't' : 'u');
	}
}

static void print_dsa_tag(np_printer *pr, const uint8_t *t)
{
	out_str(pr->out, pr->o.eflag ? "Marvell DSA " : "DSA ");
	print_dsa_common(pr, t);
}

static void print_edsa_tag(np_printer *pr, const uint8_t *t)
{
	uint16_t etype = (uint16_t)(t[0] << 8 | t[1]);
	if (pr->o.eflag) {
		const char *name = ethertype_name(etype);
		out_fmt(pr->out, "Marvell EDSA ethertype 0x%04x (%s), ", etype, name ? name : "Unknown");
		out_fmt(pr->out, "rsvd %u %u, ", t[2], t[3]);
	} else {
		out_fmt(pr->out, "EDSA 0x%04x, ", etype);
	}
	print_dsa_common(pr, t + 4);
}

uint32_t print_dsa(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "dsa";
	return print_ether_tagged(pr, p, length, caplen, print_dsa_tag, DSA_LEN);
}

uint32_t print_edsa(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "edsa";
	return print_ether_tagged(pr, p, length, caplen, print_edsa_tag, EDSA_LEN);
}
