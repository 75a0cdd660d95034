/*
 * nflog.c - the Linux NFLOG link type (DLT_NFLOG, 239: packets logged by
 * netfilter's NFLOG target) as tcpdump 4.99's print-nflog.c writes it:
 * with -e "version V, resource ID N, family IPv4 (2), length N: ", then
 * the IPv4 or IPv6 packet of the payload TLV; other families get that
 * header text and the default hex dump.
 *
 * Not for: printing the other TLVs (prefix, mark, interfaces...), which
 * tcpdump steps over too. The TLV lengths and types are in the capturing
 * host's order: little-endian here, as on the machines tcpdump runs on.
 */
#include "print.h"

enum { NFLOG_HDR_LEN = 4, NFLOG_TLV_LEN = 4, NFULA_PAYLOAD = 9, NF_AF_INET = 2, NF_AF_INET6 = 10 };

static const np_tok nflog_family_names[] = {{NF_AF_INET, "IPv4"}, {NF_AF_INET6, "IPv6"}, {0, NULL}};

static void nflog_hdr(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	out_fmt(o, "version %u, resource ID %u", p[1], np_load_be16(p + 2));
	if (!pr->o.qflag)
		out_fmt(o, ", family %s (%u)", tok2str(nflog_family_names, "Unknown", p[0]), p[0]);
	else
		out_fmt(o, ", %s", tok2str(nflog_family_names, "Unknown NFLOG (0x%02x)", p[0]));
	out_fmt(o, ", length %u: ", length);
}

uint32_t print_nflog_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	const uint8_t *hdr = p;
	pr->protocol = "nflog";
	if (caplen < NFLOG_HDR_LEN) {
		print_trunc(pr);
		return caplen;
	}
	if (hdr[1] != 0) {
		out_fmt(pr->out, "version %u (unknown)", hdr[1]);
		return NFLOG_HDR_LEN;
	}
	if (pr->o.eflag)
		nflog_hdr(pr, hdr, length);
	uint32_t hlen = NFLOG_HDR_LEN;
	p += NFLOG_HDR_LEN;
	length -= NFLOG_HDR_LEN; /* wraps as tcpdump's u_int does; caplen bounds the walk */
	caplen -= NFLOG_HDR_LEN;
	while (length > 0) {
		if (caplen < NFLOG_TLV_LEN)
			goto trunc;
		uint16_t size, type;
		NP_GET_LE16(size, p, pr->snapend);
		NP_GET_LE16(type, p + 2, pr->snapend);
		if (size % 4 != 0)
			size = (uint16_t)(size + 4 - size % 4);
		if (size < NFLOG_TLV_LEN || caplen < size)
			goto trunc;
		if (type == NFULA_PAYLOAD) {
			p += NFLOG_TLV_LEN;
			hlen += NFLOG_TLV_LEN;
			length -= NFLOG_TLV_LEN;
			caplen -= NFLOG_TLV_LEN;
			break;
		}
		p += size;
		hlen += size;
		length -= size;
		caplen -= size;
	}
	switch (hdr[0]) {
	case NF_AF_INET: print_ip(pr, p, length); break;
	case NF_AF_INET6: print_ip6(pr, p, length); break;
	default:
		if (!pr->o.eflag)
			nflog_hdr(pr, hdr, length + NFLOG_HDR_LEN);
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
		break;
	}
	return hlen;
trunc:
	print_trunc(pr);
	return hlen;
}
