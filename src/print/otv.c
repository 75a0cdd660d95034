/*
 * otv.c - Overlay Transport Virtualization (draft-hasmit-otv, UDP 8472)
 * as tcpdump 4.99's print-otv.c writes it: flags, overlay and instance
 * ids, then the inner Ethernet frame.
 *
 * Not for: OTV's IS-IS control plane (that is IS-IS).
 */
#include "print.h"

#define OTV_HDR_LEN 8

void print_otv(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t flags;
	uint32_t overlay, instance;
	pr->protocol = "otv";
	out_str(o, "OTV, ");
	if (len < OTV_HDR_LEN) {
		out_fmt(o, "[length %u < %u]", len, OTV_HDR_LEN);
		print_invalid(pr);
		print_rest_captured(pr, bp, len);
		return;
	}
	NP_GET_U8(flags, bp, pr->snapend);
	out_fmt(o, "flags [%s] (0x%02x), ", flags & 0x08 ? "I" : ".", flags);
	NP_GET_BE24(overlay, bp + 1, pr->snapend);
	out_fmt(o, "overlay %u, ", overlay);
	NP_GET_BE24(instance, bp + 4, pr->snapend);
	out_fmt(o, "instance %u\n", instance);
	NP_CHECK(bp + 7, pr->snapend, 1);
	bp += OTV_HDR_LEN;
	print_ether(pr, bp, len - OTV_HDR_LEN, print_caplen_from(pr, bp));
	return;
trunc:
	print_trunc_stop(pr);
}
