/*
 * nsh.c - the Network Service Header (RFC 8300; ethertype 0x894f, or
 * inside VXLAN-GPE) as tcpdump 4.99's print-nsh.c writes it: flags, the
 * service path, with -vv the version and next protocol, with -vvv TTL,
 * length, MD type and the context headers (MD type 1 words, MD type 2
 * TLVs), then the payload.
 *
 * Not for: NSH versions other than 0 (only the version is printed).
 */
#include "print.h"

#define NSH_BASE_LEN 4
#define NSH_SPATH_LEN 4
#define NSH_WORD 4u

static const np_tok nsh_flag_names[] = {{0x2, "O"}, {0, NULL}};

static const np_tok nsh_md_names[] = {
	{0x00, "reserved"}, {0x01, "1"}, {0x02, "2"}, {0x0f, "experimental"}, {0, NULL},
};

static const np_tok nsh_next_names[] = {
	{0x01, "IPv4"}, {0x02, "IPv6"},         {0x03, "Ethernet"},     {0x04, "NSH"},
	{0x05, "MPLS"}, {0xfe, "Experiment 1"}, {0xff, "Experiment 2"}, {0, NULL},
};

/* The MD type 2 context TLVs of `words` 4-byte words at bp: the byte after
 * them, or NULL when the header is invalid or the packet stopped. */
static const uint8_t *print_nsh_md2(np_printer *pr, const uint8_t *bp, uint32_t words)
{
	np_out *o = pr->out;
	uint32_t n = 0;
	while (n < words) {
		uint16_t cls;
		uint8_t type, tlen, padded;
		NP_GET_BE16(cls, bp, pr->snapend);
		NP_GET_U8(type, bp + 2, pr->snapend);
		NP_GET_U8(tlen, bp + 3, pr->snapend);
		bp += 4;
		tlen &= 0x7f;
		padded = (uint8_t)((tlen + 3u) & ~3u);
		out_fmt(o, "\n        TLV Class %u, Type %u, Len %u", cls, type, tlen);
		n++;
		if (words < n + padded / NSH_WORD) {
			out_str(o, " (length too big)");
			print_invalid(pr);
			return NULL;
		}
		if (tlen) {
			out_str(o, "\n            Value: ");
			for (unsigned i = 0; i < tlen; i++) {
				uint8_t b;
				NP_GET_U8(b, bp, pr->snapend);
				out_fmt(o, "%s%02x", i ? ":" : "0x", b);
				bp++;
			}
			NP_CHECK(bp, pr->snapend, (size_t)(padded - tlen));
			bp += padded - tlen;
			n += padded / NSH_WORD;
		}
	}
	return bp;
trunc:
	print_trunc_stop(pr);
	return NULL;
}

void print_nsh(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t base, spi, ver, length, md;
	uint8_t next, si;
	bool past = false;
	pr->protocol = "nsh";
	if (len < NSH_BASE_LEN + NSH_SPATH_LEN) {
		out_fmt(o, " (packet length %u < %u)", len, NSH_BASE_LEN + NSH_SPATH_LEN);
		goto invalid;
	}
	NP_GET_BE32(base, bp, pr->snapend);
	bp += 4;
	ver = base >> 30;
	length = (base >> 16) & 0x3f;
	md = (base >> 8) & 0x0f;
	next = (uint8_t)(base & 0xff);
	out_str(o, "NSH, ");
	if (pr->o.vflag > 1)
		out_fmt(o, "ver %u, ", ver);
	if (ver != 0)
		return;
	out_str(o, "flags [");
	print_bits(pr, nsh_flag_names, (base >> 28) & 3, "", "none");
	out_str(o, "], ");
	if (pr->o.vflag > 2) {
		out_fmt(o, "TTL %u, ", (base >> 22) & 0x3f);
		out_fmt(o, "length %u, ", length);
		out_fmt(o, "md type %s, ", tok2str(nsh_md_names, "unknown (0x%02x)", md));
	}
	if (pr->o.vflag > 1)
		out_fmt(o, "next-protocol %s, ", tok2str(nsh_next_names, "unknown (0x%02x)", next));
	if (len < length * NSH_WORD) {
		out_fmt(o, " (too many headers for packet length %u)", len);
		goto invalid;
	}
	NP_GET_BE24(spi, bp, pr->snapend);
	out_fmt(o, "service-path-id 0x%06x, ", spi);
	NP_GET_U8(si, bp + 3, pr->snapend);
	out_fmt(o, "service-index 0x%x", si);
	bp += 4;
	if (length < 2) {
		out_str(o, " (less than two headers)");
		goto invalid;
	}
	if (pr->o.vflag > 2 && md == 1) {
		if (length != 6) {
			out_str(o, " (invalid length for the MD type)");
			goto invalid;
		}
		for (uint32_t n = 0; n < length - 2; n++) {
			uint32_t w;
			NP_GET_BE32(w, bp, pr->snapend);
			out_fmt(o, "\n        Context[%02u]: 0x%08x", n, w);
			bp += NSH_WORD;
		}
		past = true;
	} else if (pr->o.vflag > 2 && md == 2) {
		bp = print_nsh_md2(pr, bp, length - 2);
		if (!bp)
			return;
		past = true;
	}
	if (!past) {
		NP_CHECK(bp, pr->snapend, (length - 2) * NSH_WORD);
		bp += (length - 2) * NSH_WORD;
	}
	out_str(o, pr->o.vflag ? "\n    " : ": ");
	if (!print_vxlan_gpe_next(pr, next, bp, len - length * NSH_WORD))
		out_str(o, "ERROR: unknown-next-protocol");
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
