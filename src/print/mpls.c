/*
 * mpls.c - MPLS label stacks (RFC 3032) as tcpdump 4.99's print-mpls.c
 * writes them: "MPLS (label N, tc N, [S], ttl N)" per entry, the reserved
 * label names with -v, then the payload as IPv4 or IPv6 when the bottom
 * label or the first payload byte says so, else a hex dump. Reached from
 * ethertypes 0x8847/0x8848 and MPLS-in-UDP (port 6635).
 *
 * Not for: OSI payloads (tcpdump's isoclns printer is not here yet; they
 * are hex-dumped) or LSP ping.
 */
#include "print.h"

/* Labels 0-15 are reserved (RFC 3032 2.1); the unnamed ones are "rsvd". */
static const char *const mpls_label_names[4] = {
	"IPv4 explicit NULL",
	"router alert",
	"IPv6 explicit NULL",
	"implicit NULL",
};

void print_mpls(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t entry, label, depth = 0;
	uint8_t first;
	pr->protocol = "mpls";
	out_str(o, "MPLS");
	do {
		if (length < 4) {
			print_invalid(pr);
			print_rest_captured(pr, p, length);
			return;
		}
		NP_GET_BE32(entry, p, pr->snapend);
		label = entry >> 12;
		out_str(o, depth && pr->o.vflag ? "\n\t" : " ");
		out_fmt(o, "(label %u", label);
		depth++;
		if (pr->o.vflag && label < 16)
			out_fmt(o, " (%s)", label < 4 ? mpls_label_names[label] : "rsvd");
		out_fmt(o, ", tc %u", (entry >> 9) & 7);
		if (entry & 0x100)
			out_str(o, ", [S]");
		out_fmt(o, ", ttl %u)", entry & 0xff);
		p += 4;
		length -= 4;
	} while (!(entry & 0x100));

	int version = 0; /* 4, 6, or 0 for a payload not known */
	switch (label) {
	case 0:
	case 3: version = 4; break;
	case 2: version = 6; break;
	default:
		if (length < 1)
			return;
		NP_GET_U8(first, p, pr->snapend);
		if (first >= 0x45 && first <= 0x4f)
			version = 4;
		else if (first >= 0x60 && first <= 0x6f)
			version = 6;
		break;
	}
	if (version == 0) {
		if (!pr->o.suppress_default)
			print_default(pr, p, length);
		return;
	}
	out_str(o, pr->o.vflag ? "\n\t" : " ");
	if (version == 4)
		print_ip(pr, p, length);
	else
		print_ip6(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
