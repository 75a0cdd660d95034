/*
 * atalk.c - AppleTalk DDP (ethertype 0x809b, ARCnet type 221) as tcpdump's
 * atalk_print writes it with -n: the long DDP header's addresses and
 * sockets, EIGRP inside, other DDP types by name and length; and the
 * AppleTalk address text AARP (aarp.c) shares.
 *
 * Not for: NBP and ATP bodies (printed as their DDP type and length, where
 * tcpdump decodes them), LocalTalk LLAP or the short DDP header.
 */
#include "print.h"

#define DDP_LEN 13

static const np_tok ddp_type_names[] = {
	{1, "rtmp"}, {5, "rtmpReq"}, {4, "echo"}, {22, "IP"}, {23, "ARP"}, {0x4b, "KLAP"}, {0, NULL},
};

void print_at_addr(np_printer *pr, uint16_t net, uint8_t node)
{
	if (node != 255)
		out_fmt(pr->out, "%u.%u", net, node);
	else
		out_u32(pr->out, net);
}

void print_atalk(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "atalk";
	if (!pr->o.eflag)
		out_str(o, "AT ");
	if (length < DDP_LEN) {
		out_fmt(o, " [|ddp %u]", length);
		return;
	}
	if (!np_has(p, pr->snapend, DDP_LEN)) {
		out_str(o, " [|ddp]");
		return;
	}
	print_at_addr(pr, np_load_be16(p + 6), p[9]);
	out_fmt(o, ".%u > ", p[11]);
	print_at_addr(pr, np_load_be16(p + 4), p[8]);
	out_fmt(o, ".%u: ", p[10]);
	uint8_t type = p[12];
	if (type == 88) {
		print_eigrp(pr, p + DDP_LEN, length - DDP_LEN);
		return;
	}
	const char *name = tok_name(ddp_type_names, type);
	if (name)
		out_fmt(o, " at-%s %u", name, length - DDP_LEN);
	else
		out_fmt(o, " at-#%u %u", type, length - DDP_LEN);
}
