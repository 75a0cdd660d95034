/*
 * vxlan.c - VXLAN (RFC 7348, UDP 4789) and VXLAN-GPE (UDP 4790) headers as
 * tcpdump 4.99's print-vxlan.c and print-vxlan-gpe.c write them: flags,
 * VNI, then the inner Ethernet frame (VXLAN) or the payload its next
 * protocol names (VXLAN-GPE: IPv4, IPv6, Ethernet, NSH).
 *
 * Not for: the GBP or other VXLAN extensions (tcpdump ignores them too).
 */
#include "print.h"

#define VXLAN_HDR_LEN 8

static const np_tok vxlan_flag_names[] = {{0x08, "I"}, {0, NULL}};

static const np_tok vxlan_gpe_flag_names[] = {{0x08, "I"}, {0x04, "P"}, {0x02, "B"}, {0x01, "O"}, {0, NULL}};

void print_vxlan(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t flags;
	uint32_t vni;
	pr->protocol = "vxlan";
	out_str(o, "VXLAN");
	if (len < VXLAN_HDR_LEN) {
		print_invalid(pr);
		return;
	}
	NP_GET_U8(flags, bp, pr->snapend);
	out_str(o, ", flags [");
	print_bits(pr, vxlan_flag_names, flags, "", "invalid");
	out_fmt(o, "] (0x%02x), ", flags);
	NP_GET_BE24(vni, bp + 4, pr->snapend);
	out_fmt(o, "vni %u\n", vni);
	NP_CHECK(bp + 7, pr->snapend, 1);
	bp += VXLAN_HDR_LEN;
	print_ether(pr, bp, len - VXLAN_HDR_LEN, print_caplen_from(pr, bp));
	return;
trunc:
	print_trunc_stop(pr);
}

/* The payload of next protocol np (VXLAN-GPE and NSH share the numbers):
 * false when np is not known (nothing printed). */
bool print_vxlan_gpe_next(np_printer *pr, uint8_t np, const uint8_t *bp, uint32_t len)
{
	switch (np) {
	case 0x01: print_ip(pr, bp, len); return true;
	case 0x02: print_ip6(pr, bp, len); return true;
	case 0x03: print_ether(pr, bp, len, print_caplen_from(pr, bp)); return true;
	default: return false;
	}
}

void print_vxlan_gpe(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t flags, next;
	uint32_t vni;
	pr->protocol = "vxlan_gpe";
	out_str(o, "VXLAN-GPE, ");
	if (len < VXLAN_HDR_LEN) {
		out_fmt(o, " (len %u < %u)", len, VXLAN_HDR_LEN);
		print_invalid(pr);
		return;
	}
	NP_GET_U8(flags, bp, pr->snapend);
	out_str(o, "flags [");
	print_bits(pr, vxlan_gpe_flag_names, flags, "", "none");
	out_str(o, "], ");
	NP_GET_U8(next, bp + 3, pr->snapend);
	NP_GET_BE24(vni, bp + 4, pr->snapend);
	NP_CHECK(bp + 7, pr->snapend, 1);
	bp += VXLAN_HDR_LEN;
	len -= VXLAN_HDR_LEN;
	out_fmt(o, "vni %u", vni);
	out_str(o, pr->o.vflag ? "\n    " : ": ");
	if (next == 0x04) {
		print_nsh(pr, bp, len);
	} else if (!print_vxlan_gpe_next(pr, next, bp, len)) {
		out_str(o, "ERROR: unknown-next-protocol");
		print_invalid(pr);
	}
	return;
trunc:
	print_trunc_stop(pr);
}
