/*
 * ldp.c - the Label Distribution Protocol (RFC 5036, UDP and TCP 646) as
 * tcpdump 4.99's print-ldp.c writes it: the PDU header (LSR ID, label
 * space, length) on one line; with -v each message and its TLVs (hello
 * parameters, transport addresses, address lists, session parameters, FEC
 * elements including Martini pseudowires, labels, status, fault tolerance,
 * MTU), the others as hex, and with -vv every message as hex too.
 *
 * tcpdump keeps the PDU and message lengths in 16-bit counters; their
 * wrap-around is kept so that hostile lengths walk as tcpdump walks them.
 *
 * Not for: telling the LSR apart as a device (profile/ does that from the
 * decoded hello, see decode/ctlproto.h).
 */
#include "print.h"

#define LDP_COMMON_HDRLEN 10
#define LDP_MSG_HDRLEN 8

static const np_tok ldp_msg_names[] = {
	{0x0001, "Notification"},
	{0x0100, "Hello"},
	{0x0200, "Initialization"},
	{0x0201, "Keepalive"},
	{0x0300, "Address"},
	{0x0301, "Address Withdraw"},
	{0x0400, "Label Mapping"},
	{0x0401, "Label Request"},
	{0x0402, "Label Withdraw"},
	{0x0403, "Label Release"},
	{0x0404, "Label Abort Request"},
	{0, NULL},
};

enum {
	TLV_FEC = 0x0100,
	TLV_ADDRESS_LIST = 0x0101,
	TLV_GENERIC_LABEL = 0x0200,
	TLV_STATUS = 0x0300,
	TLV_COMMON_HELLO = 0x0400,
	TLV_IPV4_TRANSPORT = 0x0401,
	TLV_CONFIG_SEQ = 0x0402,
	TLV_IPV6_TRANSPORT = 0x0403,
	TLV_COMMON_SESSION = 0x0500,
	TLV_FT_SESSION = 0x0503,
	TLV_MTU = 0x0601,
};

static const np_tok ldp_tlv_names[] = {
	{0x0100, "FEC"},
	{0x0101, "Address List"},
	{0x0103, "Hop Count"},
	{0x0104, "Path Vector"},
	{0x0200, "Generic Label"},
	{0x0201, "ATM Label"},
	{0x0202, "Frame-Relay Label"},
	{0x0300, "Status"},
	{0x0301, "Extended Status"},
	{0x0302, "Returned PDU"},
	{0x0303, "Returned Message"},
	{0x0400, "Common Hello Parameters"},
	{0x0401, "IPv4 Transport Address"},
	{0x0402, "Configuration Sequence Number"},
	{0x0403, "IPv6 Transport Address"},
	{0x0500, "Common Session Parameters"},
	{0x0501, "ATM Session Parameters"},
	{0x0502, "Frame-Relay Session Parameters"},
	{0x0503, "Fault-Tolerant Session Parameters"},
	{0x0600, "Label Request Message ID"},
	{0x0601, "MTU"},
	{0, NULL},
};

static const np_tok ldp_fec_names[] = {
	{0x01, "Wildcard"}, {0x02, "Prefix"}, {0x03, "Host address"}, {0x80, "Martini VC"}, {0, NULL},
};

static const np_tok martini_ifparm_names[] = {{0x01, "MTU"}, {0x03, "Description"}, {0x0c, "VCCV"}, {0, NULL}};
static const np_tok vccv_cc_names[] = {
	{0x01, "PWE3 control word"},
	{0x02, "MPLS Router Alert Label"},
	{0x04, "MPLS inner label TTL = 1"},
	{0, NULL},
};
static const np_tok vccv_cv_names[] = {{0x01, "ICMP Ping"}, {0x02, "LSP Ping"}, {0x04, "BFD"}, {0, NULL}};

/* tcpdump's TLV_TCHECK: false (and the note) when the value is shorter. */
static bool tlv_long_enough(np_printer *pr, uint32_t tlen, uint32_t min)
{
	if (tlen >= min)
		return true;
	out_fmt(pr->out, " [tlv length %u < %u]", tlen, min);
	print_invalid(pr);
	return false;
}

/* The interface parameters of a Martini VC FEC. */
static bool print_martini_ifparms(np_printer *pr, const uint8_t *t, uint32_t vc_info_len)
{
	const uint8_t *end = pr->snapend;
	uint8_t type, len, a, b;
	uint16_t v16;
	while (vc_info_len > 2) {
		NP_GET_U8(type, t, end);
		NP_GET_U8(len, t + 1, end);
		if (len < 2 || vc_info_len < len)
			break;
		out_fmt(pr->out, "\n\t\tInterface Parameter: %s (0x%02x), len %u",
			tok2str(martini_ifparm_names, "Unknown", type), type, len);
		switch (type) {
		case 0x01:
			NP_GET_BE16(v16, t + 2, end);
			out_fmt(pr->out, ": %u", v16);
			break;
		case 0x03:
			out_str(pr->out, ": ");
			for (uint32_t i = 2; i < len; i++) {
				NP_GET_U8(a, t + i, end);
				print_safe_char(pr, a);
			}
			break;
		case 0x0c:
			NP_GET_U8(a, t + 2, end);
			out_fmt(pr->out, "\n\t\t  Control Channels (0x%02x) = [", a);
			print_bits(pr, vccv_cc_names, a, ", ", "none");
			out_char(pr->out, ']');
			NP_GET_U8(b, t + 3, end);
			out_fmt(pr->out, "\n\t\t  CV Types (0x%02x) = [", b);
			print_bits(pr, vccv_cv_names, b, ", ", "none");
			out_char(pr->out, ']');
			break;
		default: print_unknown_data(pr, t + 2, "\n\t\t  ", len - 2u); break;
		}
		vc_info_len -= len;
		t += len;
	}
	return true;
trunc:
	return false;
}

/* A FEC TLV's value (one element, as tcpdump reads it): false when the
 * packet stopped. */
static bool print_fec(np_printer *pr, const uint8_t *t, uint16_t tlen)
{
	const uint8_t *end = pr->snapend;
	uint8_t type, vc_info_len;
	uint16_t af, pw;
	uint32_t group, vcid;
	if (!tlv_long_enough(pr, tlen, 1))
		return true;
	NP_GET_U8(type, t, end);
	out_fmt(pr->out, "\n\t      %s FEC (0x%02x)", tok2str(ldp_fec_names, "Unknown", type), type);
	t++;
	tlen--;
	switch (type) {
	case 0x02:
		if (!tlv_long_enough(pr, tlen, 2))
			return true;
		NP_GET_BE16(af, t, end);
		t += 2;
		tlen -= 2;
		if (af == 1 || af == 2) {
			int r = print_bgp_prefix(pr, af == 1 ? ": IPv4 prefix " : ": IPv6 prefix ", af == 2, t, tlen);
			if (r == -2)
				goto trunc;
			if (r == -1)
				out_str(pr->out,
					af == 1 ? ": IPv4 prefix (invalid length)" : ": IPv6 prefix (invalid length)");
		} else {
			out_fmt(pr->out, ": Address family %u prefix", af);
		}
		return true;
	case 0x80:
		if (!tlv_long_enough(pr, tlen, 7))
			return true;
		NP_GET_U8(vc_info_len, t + 2, end);
		if (vc_info_len != 0 && !tlv_long_enough(pr, tlen, 11))
			return true;
		NP_GET_BE16(pw, t, end);
		NP_GET_BE32(group, t + 3, end);
		out_fmt(pr->out, ": %s, %scontrol word, group-ID %u",
			tok2str(mpls_pw_type_names, "Unknown", pw & 0x7fff), pw & 0x8000 ? "" : "no ", group);
		if (vc_info_len == 0) {
			out_fmt(pr->out, ", VC-info-length: %u", vc_info_len);
			return true;
		}
		NP_GET_BE32(vcid, t + 7, end);
		out_fmt(pr->out, ", VC-ID %u, VC-info-length: %u", vcid, vc_info_len);
		if (vc_info_len < 4) {
			out_str(pr->out, " (invalid, < 4");
			return true;
		}
		tlen -= 11;
		if (!tlv_long_enough(pr, tlen, vc_info_len - 4u))
			return true;
		return print_martini_ifparms(pr, t + 11, vc_info_len - 4u);
	default: return true;
	}
trunc:
	return false;
}

/* One TLV of a message with msg_tlen bytes left: the bytes it took, 0 to
 * end the message, -1 when the packet stopped. */
static int print_ldp_tlv(np_printer *pr, const uint8_t *p, uint32_t msg_tlen)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t raw, tlv_len, v16, v16b;
	uint32_t v32;
	NP_CHECK(p, end, 4);
	raw = np_load_be16(p);
	tlv_len = np_load_be16(p + 2);
	if (tlv_len + 4u > msg_tlen) {
		out_str(o, "\n\t\t TLV contents go past end of message");
		return 0;
	}
	uint16_t type = raw & 0x3fff, tlen = tlv_len;
	out_fmt(o, "\n\t    %s TLV (0x%04x), length: %u, Flags: [%s and %s forward if unknown]",
		tok2str(ldp_tlv_names, "Unknown", type), type, tlv_len, raw & 0x8000 ? "continue processing" : "ignore",
		raw & 0x4000 ? "do" : "don't");
	const uint8_t *t = p + 4;
	switch (type) {
	case TLV_COMMON_HELLO:
		if (!tlv_long_enough(pr, tlen, 4))
			break;
		NP_GET_BE16(v16, t, end);
		NP_GET_BE16(v16b, t + 2, end);
		out_fmt(o, "\n\t      Hold Time: %us, Flags: [%s Hello%s]", v16, v16b & 0x8000 ? "Targeted" : "Link",
			v16b & 0x4000 ? ", Request for targeted Hellos" : "");
		break;
	case TLV_IPV4_TRANSPORT:
		if (!tlv_long_enough(pr, tlen, 4))
			break;
		NP_CHECK(t, end, 4);
		out_str(o, "\n\t      IPv4 Transport Address: ");
		out_ipv4(o, t);
		break;
	case TLV_IPV6_TRANSPORT:
		if (!tlv_long_enough(pr, tlen, 16))
			break;
		NP_CHECK(t, end, 16);
		out_str(o, "\n\t      IPv6 Transport Address: ");
		out_ipv6(o, t);
		break;
	case TLV_CONFIG_SEQ:
		if (!tlv_long_enough(pr, tlen, 4))
			break;
		NP_GET_BE32(v32, t, end);
		out_fmt(o, "\n\t      Sequence Number: %u", v32);
		break;
	case TLV_ADDRESS_LIST:
		if (!tlv_long_enough(pr, tlen, 2))
			break;
		NP_GET_BE16(v16, t, end);
		t += 2;
		tlen -= 2;
		out_fmt(o, "\n\t      Address Family: %s, addresses", tok2str(af_names, "Unknown (%u)", v16));
		if (v16 == 1 || v16 == 2) {
			uint32_t alen = v16 == 1 ? 4 : 16;
			for (; tlen >= alen; tlen -= alen, t += alen) {
				NP_CHECK(t, end, alen);
				out_char(o, ' ');
				if (alen == 4)
					out_ipv4(o, t);
				else
					out_ipv6(o, t);
			}
		}
		break;
	case TLV_COMMON_SESSION:
		if (!tlv_long_enough(pr, tlen, 8))
			break;
		NP_CHECK(t, end, 8);
		v16 = np_load_be16(t + 6);
		out_fmt(o, "\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, Loop Detection %s]",
			np_load_be16(t), np_load_be16(t + 2), v16 & 0x8000 ? "On Demand" : "Unsolicited",
			v16 & 0x4000 ? "Enabled" : "Disabled");
		break;
	case TLV_FEC:
		if (!print_fec(pr, t, tlen))
			goto trunc;
		break;
	case TLV_GENERIC_LABEL:
		if (!tlv_long_enough(pr, tlen, 4))
			break;
		NP_GET_BE32(v32, t, end);
		out_fmt(o, "\n\t      Label: %u", v32 & 0xfffff);
		break;
	case TLV_STATUS:
		if (!tlv_long_enough(pr, tlen, 8))
			break;
		NP_GET_BE32(v32, t, end);
		out_fmt(o, "\n\t      Status: 0x%02x, Flags: [%s and %s forward]", v32 & 0x3fffffff,
			v32 & 0x80000000 ? "Fatal error" : "Advisory Notification", v32 & 0x40000000 ? "do" : "don't");
		NP_GET_BE32(v32, t + 4, end);
		if (v32)
			out_fmt(o, ", causing Message ID: 0x%08x", v32);
		break;
	case TLV_FT_SESSION:
		if (!tlv_long_enough(pr, tlen, 12))
			break;
		NP_GET_BE16(v16, t, end);
		out_fmt(o,
			"\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, %s Checkpoint, %sRe-Learn State]",
			v16 & 0x8000 ? "" : "No ", v16 & 0x8 ? "" : "Don't ", v16 & 0x4 ? "" : "No ",
			v16 & 0x2 ? "Sequence Numbered Label" : "All Labels", v16 & 0x1 ? "" : "Don't ");
		NP_GET_BE32(v32, t + 4, end);
		if (v32)
			out_fmt(o, ", Reconnect Timeout: %ums", v32);
		NP_GET_BE32(v32, t + 8, end);
		if (v32)
			out_fmt(o, ", Recovery Time: %ums", v32);
		break;
	case TLV_MTU:
		if (!tlv_long_enough(pr, tlen, 2))
			break;
		NP_GET_BE16(v16, t, end);
		out_fmt(o, "\n\t      MTU: %u", v16);
		break;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, t, "\n\t      ", tlen);
		break;
	}
	if (pr->stopped)
		return -1;
	return tlv_len + 4;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* The messages of a PDU; false when tcpdump ends the packet there (a
 * message too short, or the capture ended). */
static bool print_ldp_messages(np_printer *pr, const uint8_t *t, uint16_t tlen)
{
	np_out *o = pr->out;
	while (tlen > 0) {
		NP_CHECK(t, pr->snapend, LDP_MSG_HDRLEN);
		uint16_t raw = np_load_be16(t), msg_len = np_load_be16(t + 2), type = raw & 0x7fff;
		const char *name = tok2str(ldp_msg_names, "Unknown", type);
		if (msg_len < LDP_MSG_HDRLEN - 4) {
			out_fmt(o, "\n\t  %s Message (0x%04x), length: %u (too short, < %u)", name, type, msg_len,
				LDP_MSG_HDRLEN - 4);
			return false;
		}
		out_fmt(o, "\n\t  %s Message (0x%04x), length: %u, Message ID: 0x%08x, Flags: [%s if unknown]", name,
			type, msg_len, np_load_be32(t + 4), raw & 0x8000 ? "continue processing" : "ignore");
		const uint8_t *m = t + LDP_MSG_HDRLEN;
		uint32_t msg_tlen = msg_len - 4u;
		NP_CHECK(t, pr->snapend, msg_len);
		switch (type) {
		case 0x0001:
		case 0x0100:
		case 0x0200:
		case 0x0201:
		case 0x0300:
		case 0x0400:
		case 0x0301:
		case 0x0402:
			while (msg_tlen >= 4) {
				int n = print_ldp_tlv(pr, m, msg_tlen);
				if (n < 0)
					return false;
				if (n == 0)
					break;
				msg_tlen -= (uint32_t)n;
				m += n;
			}
			break;
		default:
			if (pr->o.vflag <= 1)
				print_unknown_data(pr, m, "\n\t  ", msg_tlen);
			break;
		}
		if (pr->o.vflag > 1)
			print_unknown_data(pr, t + LDP_MSG_HDRLEN, "\n\t  ", msg_len);
		t += msg_len + 4u;
		tlen = (uint16_t)(tlen - (msg_len + 4u));
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* One PDU: the bytes it took, or 0 to stop (also when the packet stopped). */
static uint32_t print_ldp_pdu(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	const char *lead = pr->o.vflag < 1 ? "" : "\n\t";
	if (!np_has(p, pr->snapend, LDP_COMMON_HDRLEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	uint16_t version = np_load_be16(p), pdu_len = np_load_be16(p + 2);
	if (version != 1) {
		out_fmt(o, "%sLDP version %u packet not supported", lead, version);
		return 0;
	}
	if (pdu_len < LDP_COMMON_HDRLEN - 4) {
		out_fmt(o, "%sLDP, pdu-length: %u (too short, < %u)", lead, pdu_len, LDP_COMMON_HDRLEN - 4);
		return 0;
	}
	out_fmt(o, "%sLDP, Label-Space-ID: ", lead);
	out_ipv4(o, p + 4);
	out_fmt(o, ":%u, pdu-length: %u", np_load_be16(p + 8), pdu_len);
	if (pr->o.vflag < 1)
		return 0;
	if (!print_ldp_messages(pr, p + LDP_COMMON_HDRLEN, (uint16_t)(pdu_len - (LDP_COMMON_HDRLEN - 4))))
		return 0;
	return pdu_len + 4u;
}

void print_ldp(np_printer *pr, const uint8_t *p, uint32_t len)
{
	pr->protocol = "ldp";
	while (len > LDP_COMMON_HDRLEN + LDP_MSG_HDRLEN) {
		uint32_t n = print_ldp_pdu(pr, p);
		if (n == 0)
			return;
		if (len < n) {
			out_fmt(pr->out, " [remaining length %u < %u]", len, n);
			print_invalid(pr);
			return;
		}
		len -= n;
		p += n;
	}
}
