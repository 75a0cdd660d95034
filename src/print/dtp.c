/*
 * dtp.c - Cisco Dynamic Trunking Protocol text (SNAP OUI 00000c, PID
 * 0x2004) as tcpdump 4.99's print-dtp.c writes it: "DTPv1, length N", and
 * with -v the domain, status, type and neighbour TLVs.
 *
 * Not for: deciding what the trunk negotiation means (status bits are
 * shown raw, as tcpdump shows them).
 */
#include "print.h"

static const np_tok dtp_tlv_names[] = {
	{0x0001, "Domain"}, {0x0002, "Status"}, {0x0003, "DTP type"}, {0x0004, "Neighbor"}, {0, NULL},
};

void print_dtp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint8_t version, v;
	uint16_t type, len;
	pr->protocol = "dtp";
	if (length < 1) {
		out_str(o, "[zero packet length]");
		goto invalid;
	}
	NP_GET_U8(version, p, pr->snapend);
	out_fmt(o, "DTPv%u, length %u", version, length);
	if (pr->o.vflag < 1)
		return;
	p += 1;
	length -= 1;
	while (length) {
		if (length < 4) {
			out_fmt(o, "[%u bytes remaining]", length);
			goto invalid;
		}
		NP_GET_BE16(type, p, pr->snapend);
		NP_GET_BE16(len, p + 2, pr->snapend);
		if (type == 0) /* seen in captures, where the TLVs end */
			return;
		out_fmt(o, "\n\t%s (0x%04x) TLV, length %u", tok2str(dtp_tlv_names, "Unknown", type), type, len);
		if (len < 4 || len > length) {
			out_fmt(o, "[invalid TLV length %u]", len);
			goto invalid;
		}
		switch (type) {
		case 0x0001:
			out_str(o, ", ");
			if (!print_text_nul(pr, p + 4, (uint32_t)len - 4))
				goto trunc;
			break;
		case 0x0002:
		case 0x0003:
			if (len != 5)
				goto invalid;
			NP_GET_U8(v, p + 4, pr->snapend);
			out_fmt(o, ", 0x%x", v);
			break;
		case 0x0004:
			if (len != 10)
				goto invalid;
			NP_CHECK(p + 4, pr->snapend, 6);
			out_str(o, ", ");
			out_mac(o, p + 4);
			break;
		default: NP_CHECK(p, pr->snapend, len); break;
		}
		p += len;
		length -= len;
	}
	return;
invalid:
	print_invalid(pr);
	print_rest_captured(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
