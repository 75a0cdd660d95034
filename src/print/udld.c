/*
 * udld.c - Cisco UniDirectional Link Detection text (RFC 5171; SNAP OUI
 * 00000c, PID 0x0111) as tcpdump 4.99's print-udld.c writes it: version,
 * opcode and flags, and with -v the device and port IDs, echo list,
 * intervals, device name and sequence number.
 *
 * Not for: the checksum (shown, not verified, as tcpdump does).
 */
#include "print.h"

static const np_tok udld_tlv_names[] = {
	{0x0001, "Device-ID TLV"},
	{0x0002, "Port-ID TLV"},
	{0x0003, "Echo TLV"},
	{0x0004, "Message Interval TLV"},
	{0x0005, "Timeout Interval TLV"},
	{0x0006, "Device Name TLV"},
	{0x0007, "Sequence Number TLV"},
	{0, NULL},
};

static const np_tok udld_code_names[] = {
	{0x00, "Reserved"}, {0x01, "Probe message"}, {0x02, "Echo message"}, {0x03, "Flush message"}, {0, NULL},
};

static const np_tok udld_flag_names[] = {
	{1u << 0, "RT"},    {1u << 1, "RSY"},   {1u << 2, "MBZ-2"}, {1u << 3, "MBZ-3"}, {1u << 4, "MBZ-4"},
	{1u << 5, "MBZ-5"}, {1u << 6, "MBZ-6"}, {1u << 7, "MBZ-7"}, {0, NULL},
};

/* One TLV value of len bytes; 0 printed, 1 invalid, -1 off the capture. */
static int print_udld_value(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t len)
{
	uint8_t v8;
	uint32_t v32;
	switch (type) {
	case 0x0001:
	case 0x0002:
	case 0x0006: out_str(pr->out, ", "); return print_text_nul(pr, p, len) ? 0 : -1;
	case 0x0003: out_str(pr->out, ", "); return print_text(pr, p, len) ? 0 : -1;
	case 0x0004:
	case 0x0005:
		if (len != 1)
			return 1;
		if (!np_get_u8(p, pr->snapend, &v8))
			return -1;
		out_fmt(pr->out, ", %us", v8);
		return 0;
	case 0x0007:
		if (len != 4)
			return 1;
		if (!np_get_be32(p, pr->snapend, &v32))
			return -1;
		out_fmt(pr->out, ", %u", v32);
		return 0;
	default: return np_has(p, pr->snapend, len) ? 0 : -1;
	}
}

void print_udld(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint8_t b0, flags;
	uint16_t sum, type, len;
	pr->protocol = "udld";
	if (length < 4)
		goto invalid;
	NP_GET_U8(b0, p, pr->snapend);
	NP_GET_U8(flags, p + 1, pr->snapend);
	p += 2;
	length -= 2;
	out_fmt(o, "UDLDv%u, Code %s (%x), Flags [", b0 >> 5, tok2str(udld_code_names, "Reserved", b0 & 0x1f),
		b0 & 0x1f);
	print_bits(pr, udld_flag_names, flags, ", ", "none");
	out_fmt(o, "] (0x%02x), length %u", flags, length + 2);
	if (pr->o.vflag < 1)
		goto rest;
	NP_GET_BE16(sum, p, pr->snapend);
	out_fmt(o, "\n\tChecksum 0x%04x (unverified)", sum);
	p += 2;
	length -= 2;
	while (length) {
		if (length < 4)
			goto invalid;
		NP_GET_BE16(type, p, pr->snapend);
		NP_GET_BE16(len, p + 2, pr->snapend);
		p += 4;
		length -= 4;
		out_fmt(o, "\n\t%s (0x%04x) TLV, length %u", tok2str(udld_tlv_names, "Unknown", type), type, len);
		if (len <= 4) /* also what stops a loop on zero lengths */
			goto invalid;
		len -= 4;
		if (length < len)
			goto invalid;
		int r = print_udld_value(pr, type, p, len);
		if (r < 0)
			goto trunc;
		if (r > 0)
			goto invalid;
		p += len;
		length -= len;
	}
	return;
invalid:
	print_invalid(pr);
rest:
	print_rest_captured(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
