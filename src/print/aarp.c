/*
 * aarp.c - AppleTalk ARP (ethertype 0x80f3) as tcpdump's aarp_print
 * writes it with -n: requests, replies and probes between AppleTalk
 * net.node addresses, other operations as their raw fields.
 *
 * Not for: AppleTalk DDP and its protocols (ethertype 0x809b, atalk.c).
 */
#include "print.h"

#define AARP_LEN 28

/* The 4-byte AppleTalk address field of AARP (its first byte unused). */
static void print_ataddr(np_printer *pr, const uint8_t *a)
{
	print_at_addr(pr, (uint16_t)(a[1] << 8 | a[2]), a[3]);
}

void print_aarp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "aarp";
	out_str(o, "aarp ");
	if (!np_has(p, pr->snapend, AARP_LEN)) {
		print_trunc(pr);
		return;
	}
	if (length < AARP_LEN) {
		out_fmt(o, " [|aarp %u]", length);
		return;
	}
	uint16_t htype = np_load_be16(p), ptype = np_load_be16(p + 2), op = np_load_be16(p + 6);
	const uint8_t *hsaddr = p + 8, *psaddr = p + 14, *pdaddr = p + 24;
	if (htype == 1 && ptype == 0x809b && p[4] == 6 && p[5] == 4) {
		switch (op) {
		case 1:
		case 3:
			out_str(o, op == 1 ? "who-has " : "probe ");
			print_ataddr(pr, pdaddr);
			out_str(o, " tell ");
			print_ataddr(pr, psaddr);
			return;
		case 2:
			out_str(o, "reply ");
			print_ataddr(pr, psaddr);
			out_str(o, " is-at ");
			out_mac(o, hsaddr);
			return;
		default: break;
		}
	}
	out_fmt(o, "len %u op %u htype %u ptype %#x halen %u palen %u", length, op, htype, ptype, p[4], p[5]);
}
