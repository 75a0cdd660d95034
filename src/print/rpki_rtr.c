/*
 * rpki_rtr.c - the RPKI-to-Router protocol (RFC 6810) on TCP port 323, as
 * tcpdump prints it: ", RPKI-RTR" without -v; with -v one block per PDU
 * (version, type, length, then the type's fields), an Error Report's
 * encapsulated PDU one level deep, and hex of unknown PDUs (of every PDU
 * with -vv).
 *
 * Not for: protocol versions other than 0 (printed as unknown, and the
 * rest of the segment skipped, since their PDU sizes are not known).
 */
#include "print.h"

#define PDU_HDR_LEN 8

enum {
	PDU_SERIAL_NOTIFY = 0,
	PDU_SERIAL_QUERY = 1,
	PDU_RESET_QUERY = 2,
	PDU_CACHE_RESPONSE = 3,
	PDU_IPV4_PREFIX = 4,
	PDU_IPV6_PREFIX = 6,
	PDU_END_OF_DATA = 7,
	PDU_CACHE_RESET = 8,
	PDU_ERROR_REPORT = 10,
};

static const np_tok rpki_rtr_pdu_values[] = {
	{PDU_SERIAL_NOTIFY, "Serial Notify"}, {PDU_SERIAL_QUERY, "Serial Query"},
	{PDU_RESET_QUERY, "Reset Query"},     {PDU_CACHE_RESPONSE, "Cache Response"},
	{PDU_IPV4_PREFIX, "IPV4 Prefix"},     {PDU_IPV6_PREFIX, "IPV6 Prefix"},
	{PDU_END_OF_DATA, "End of Data"},     {PDU_CACHE_RESET, "Cache Reset"},
	{PDU_ERROR_REPORT, "Error Report"},   {0, NULL},
};

static const np_tok rpki_rtr_error_codes[] = {
	{0, "Corrupt Data"},
	{1, "Internal Error"},
	{2, "No Data Available"},
	{3, "Invalid Request"},
	{4, "Unsupported Protocol Version"},
	{5, "Unsupported PDU Type"},
	{6, "Withdrawal of Unknown Record"},
	{7, "Duplicate Announcement Received"},
	{0, NULL},
};

/* A newline, then `indent` columns as tabs of 8 and spaces. */
static void print_indent(np_printer *pr, unsigned indent)
{
	out_char(pr->out, '\n');
	for (; indent >= 8; indent -= 8)
		out_char(pr->out, '\t');
	for (; indent > 0; indent--)
		out_char(pr->out, ' ');
}

/* The two prefix PDUs: "IPv4 Prefix a/len-max, origin-as N, flags 0x..". */
static bool print_prefix(np_printer *pr, const uint8_t *tptr, bool v6, unsigned indent)
{
	uint32_t alen = v6 ? 16 : 4;
	uint32_t as;
	uint8_t flags, plen, maxlen;
	NP_GET_U8(flags, tptr + 8, pr->snapend);
	NP_GET_U8(plen, tptr + 9, pr->snapend);
	NP_GET_U8(maxlen, tptr + 10, pr->snapend);
	NP_CHECK(tptr + 12, pr->snapend, alen);
	NP_GET_BE32(as, tptr + 12 + alen, pr->snapend);
	print_indent(pr, indent + 2);
	out_str(pr->out, v6 ? "IPv6 Prefix " : "IPv4 Prefix ");
	if (v6)
		out_ipv6(pr->out, tptr + 12);
	else
		out_ipv4(pr->out, tptr + 12);
	out_char(pr->out, '/');
	out_u32(pr->out, plen);
	out_char(pr->out, '-');
	out_u32(pr->out, maxlen);
	out_str(pr->out, ", origin-as ");
	out_u32(pr->out, as);
	out_str(pr->out, ", flags 0x");
	out_hex(pr->out, flags, 2);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static uint32_t print_pdu(np_printer *pr, const uint8_t *tptr, uint32_t len, bool recurse, unsigned indent);

/* An Error Report's body; false when the PDU turned out invalid (the
 * caller prints that) or printing stopped. */
static bool print_error_report(np_printer *pr, const uint8_t *tptr, uint32_t pdu_len, bool recurse, unsigned indent,
			       bool *invalid)
{
	uint32_t tlen = PDU_HDR_LEN, encap_len, text_len;
	uint16_t code;
	*invalid = true;
	if (pdu_len < tlen + 4)
		return false;
	NP_CHECK(tptr, pr->snapend, tlen + 4);
	NP_GET_BE32(encap_len, tptr + 8, pr->snapend);
	NP_GET_BE16(code, tptr + 2, pr->snapend);
	tlen += 4;
	print_indent(pr, indent + 2);
	out_str(pr->out, "Error code: ");
	out_str(pr->out, tok2str(rpki_rtr_error_codes, "Unknown", code));
	out_str(pr->out, " (");
	out_u32(pr->out, code);
	out_str(pr->out, "), Encapsulated PDU length: ");
	out_u32(pr->out, encap_len);
	if (encap_len) {
		if (pdu_len < tlen + encap_len)
			return false;
		if (!recurse) {
			NP_CHECK(tptr, pr->snapend, tlen + encap_len);
		} else {
			print_indent(pr, indent + 4);
			out_str(pr->out, "-----encapsulated PDU-----");
			print_pdu(pr, tptr + tlen, encap_len, false, indent + 2);
			if (pr->stopped) {
				*invalid = false;
				return false;
			}
		}
		tlen += encap_len;
	}
	if (pdu_len < tlen + 4)
		return false;
	NP_CHECK(tptr, pr->snapend, tlen + 4);
	NP_GET_BE32(text_len, tptr + tlen, pr->snapend);
	tlen += 4;
	if (text_len) {
		if (pdu_len < tlen + text_len)
			return false;
		print_indent(pr, indent + 2);
		out_str(pr->out, "Error text: ");
		const uint8_t *s = tptr + tlen;
		for (uint32_t n = text_len; n > 0; n--, s++) {
			uint8_t c;
			NP_GET_U8(c, s, pr->snapend);
			print_safe_char(pr, c);
		}
	}
	*invalid = false;
	return true;
trunc:
	*invalid = false;
	print_trunc_stop(pr);
	return false;
}

/* One PDU; returns how many bytes it took (all of len when it cannot tell). */
static uint32_t print_pdu(np_printer *pr, const uint8_t *tptr, uint32_t len, bool recurse, unsigned indent)
{
	uint8_t version, type;
	uint16_t session;
	uint32_t pdu_len, serial;
	bool hexdump = false, invalid = false;
	NP_GET_U8(version, tptr, pr->snapend);
	if (version != 0) {
		print_indent(pr, 8);
		out_str(pr->out, "RPKI-RTRv");
		out_u32(pr->out, version);
		out_str(pr->out, " (unknown)");
		return len;
	}
	if (len < PDU_HDR_LEN) {
		out_char(pr->out, '(');
		out_u32(pr->out, len);
		out_str(pr->out, " bytes is too few to decode)");
		goto invalid;
	}
	NP_CHECK(tptr, pr->snapend, PDU_HDR_LEN);
	NP_GET_U8(type, tptr + 1, pr->snapend);
	NP_GET_BE16(session, tptr + 2, pr->snapend);
	NP_GET_BE32(pdu_len, tptr + 4, pr->snapend);
	print_indent(pr, 8);
	out_str(pr->out, "RPKI-RTRv");
	out_u32(pr->out, version);
	out_str(pr->out, ", ");
	out_str(pr->out, tok2str(rpki_rtr_pdu_values, "Unknown", type));
	out_str(pr->out, " PDU (");
	out_u32(pr->out, type);
	out_str(pr->out, "), length: ");
	out_u32(pr->out, pdu_len);
	if (pdu_len < PDU_HDR_LEN || pdu_len > len)
		goto invalid;

	switch (type) {
	case PDU_SERIAL_NOTIFY:
	case PDU_SERIAL_QUERY:
	case PDU_END_OF_DATA:
		if (pdu_len != PDU_HDR_LEN + 4)
			goto invalid;
		NP_GET_BE32(serial, tptr + 8, pr->snapend);
		print_indent(pr, indent + 2);
		out_str(pr->out, "Session ID: 0x");
		out_hex(pr->out, session, 4);
		out_str(pr->out, ", Serial: ");
		out_u32(pr->out, serial);
		break;
	case PDU_RESET_QUERY:
	case PDU_CACHE_RESET:
		if (pdu_len != PDU_HDR_LEN)
			goto invalid;
		break;
	case PDU_CACHE_RESPONSE:
		if (pdu_len != PDU_HDR_LEN)
			goto invalid;
		print_indent(pr, indent + 2);
		out_str(pr->out, "Session ID: 0x");
		out_hex(pr->out, session, 4);
		break;
	case PDU_IPV4_PREFIX:
	case PDU_IPV6_PREFIX: {
		bool v6 = type == PDU_IPV6_PREFIX;
		if (pdu_len != (v6 ? 32u : 20u))
			goto invalid;
		if (!print_prefix(pr, tptr, v6, indent))
			return len;
		break;
	}
	case PDU_ERROR_REPORT:
		if (!print_error_report(pr, tptr, pdu_len, recurse, indent, &invalid)) {
			if (invalid)
				goto invalid;
			return len;
		}
		break;
	default:
		NP_CHECK(tptr, pr->snapend, pdu_len);
		hexdump = true;
		break;
	}
	if (pr->o.vflag > 1 || (pr->o.vflag && hexdump))
		print_unknown_data(pr, tptr, "\n\t  ", pdu_len);
	return pdu_len;
invalid:
	print_invalid(pr);
	NP_CHECK(tptr, pr->snapend, len);
	return len;
trunc:
	print_trunc_stop(pr);
	return len;
}

void print_rpki_rtr(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "rpki_rtr";
	if (!pr->o.vflag) {
		out_str(pr->out, ", RPKI-RTR");
		return;
	}
	while (length && !pr->stopped) {
		uint32_t n = print_pdu(pr, p, length, true, 8);
		length -= n;
		p += n;
	}
}
