/*
 * geneve.c - Geneve (RFC 8926, UDP 6081) as tcpdump 4.99's print-geneve.c
 * writes it: flags, VNI, with -e the protocol, the options (with -v their
 * classes and types, with -vv their data), then the payload by ethertype
 * (Ethernet for transparent bridging).
 *
 * Not for: interpreting option data.
 */
#include "print.h"

#define GENEVE_HDR_LEN 8

static const np_tok geneve_flag_names[] = {
	{0x80, "O"},  {0x40, "C"},  {0x20, "R1"}, {0x10, "R2"}, {0x08, "R3"},
	{0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"}, {0, NULL},
};

static const char *geneve_class_name(uint16_t c)
{
	switch (c) {
	case 0x0100: return "Linux";
	case 0x0101: return "Open vSwitch";
	case 0x0102: return "Open Virtual Networking (OVN)";
	case 0x0103: return "In-band Network Telemetry (INT)";
	case 0x0104: return "VMware";
	default: return c <= 0x00ff ? "Standard" : c >= 0xfff0 ? "Experimental" : "Unknown";
	}
}

/* The options of len bytes at bp (captured): false when the packet stopped. */
static bool print_geneve_opts(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	const char *sep = "";
	while (len > 0) {
		uint16_t cls;
		uint8_t type, l;
		out_str(o, sep);
		sep = ", ";
		NP_GET_BE16(cls, bp, pr->snapend);
		NP_GET_U8(type, bp + 2, pr->snapend);
		NP_GET_U8(l, bp + 3, pr->snapend);
		uint32_t olen = 4 + (l & 0x1f) * 4u;
		out_fmt(o, "class %s (0x%x) type 0x%x%s len %u", geneve_class_name(cls), cls, type,
			type & 0x80 ? "(C)" : "", olen & 0xff);
		if (olen > len) {
			out_str(o, " [bad length]");
			return true;
		}
		if (pr->o.vflag > 1 && olen > 4) {
			out_str(o, " data");
			for (uint32_t i = 4; i < olen; i += 4) {
				uint32_t w;
				NP_GET_BE32(w, bp + i, pr->snapend);
				out_fmt(o, " %08x", w);
			}
		}
		bp += olen;
		len -= olen;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

void print_geneve(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	pr->protocol = "geneve";
	out_str(o, "Geneve");
	if (len < GENEVE_HDR_LEN) {
		out_fmt(o, " [length %u < 8]", len);
		print_invalid(pr);
		return;
	}
	if (!np_has(bp, pr->snapend, GENEVE_HDR_LEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t ver_opt = bp[0], flags = bp[1], reserved = bp[7];
	uint16_t prot = (uint16_t)(bp[2] << 8 | bp[3]);
	uint32_t vni = (uint32_t)bp[4] << 16 | (uint32_t)bp[5] << 8 | bp[6];
	if (ver_opt >> 6) {
		out_fmt(o, " ERROR: unknown-version %u", ver_opt >> 6);
		return;
	}
	bp += GENEVE_HDR_LEN;
	len -= GENEVE_HDR_LEN;
	out_str(o, ", Flags [");
	print_bits(pr, geneve_flag_names, flags, "", "none");
	out_fmt(o, "], vni 0x%x", vni);
	if (reserved)
		out_fmt(o, ", rsvd 0x%x", reserved);
	if (pr->o.eflag) {
		const char *name = ethertype_name(prot);
		out_fmt(o, ", proto %s (0x%04x)", name ? name : "unknown", prot);
	}
	uint32_t opts_len = (ver_opt & 0x3f) * 4u;
	if (len < opts_len) {
		out_fmt(o, " truncated-geneve - %u bytes missing", opts_len - len);
		return;
	}
	if (!np_has(bp, pr->snapend, opts_len)) {
		print_trunc(pr);
		return;
	}
	if (opts_len > 0) {
		out_str(o, ", options [");
		if (pr->o.vflag) {
			if (!print_geneve_opts(pr, bp, opts_len))
				return;
		} else {
			out_fmt(o, "%u bytes", opts_len);
		}
		out_char(o, ']');
	}
	bp += opts_len;
	len -= opts_len;
	out_str(o, pr->o.vflag < 1 ? ": " : "\n\t");
	if (!print_ethertype(pr, prot, bp, len, print_caplen_from(pr, bp), NULL, NULL)) {
		if (prot == 0x6558)
			print_ether(pr, bp, len, print_caplen_from(pr, bp));
		else
			out_fmt(o, "geneve-proto-0x%x", prot);
	}
}
