/*
 * lmp.c - the Link Management Protocol (RFC 4204, UDP 701 or -T lmp) and
 * the UNI 1.0 service discovery objects, as tcpdump 4.99's print-lmp.c
 * writes them: the message type on one line; with -v the common header and
 * every object (control channel, node, link and interface IDs, message IDs,
 * hello config and sequence numbers, TE and data links with their
 * subobjects, verify, channel status, error codes, service config), the
 * others as hex, and with -vv every object as hex too.
 *
 * Not for: the GMPLS value names (gmpls.c) or RSVP-TE (rsvp.c).
 */
#include "print.h"

#define LMP_HDRLEN 8
#define LMP_OBJ_HDRLEN 4

enum {
	OBJ_CC_ID = 1,
	OBJ_NODE_ID = 2,
	OBJ_LINK_ID = 3,
	OBJ_INTERFACE_ID = 4,
	OBJ_MESSAGE_ID = 5,
	OBJ_CONFIG = 6,
	OBJ_HELLO = 7,
	OBJ_VERIFY_BEGIN = 8,
	OBJ_VERIFY_BEGIN_ACK = 9,
	OBJ_VERIFY_ID = 10,
	OBJ_TE_LINK = 11,
	OBJ_DATA_LINK = 12,
	OBJ_CHANNEL_STATUS = 13,
	OBJ_CHANNEL_STATUS_REQ = 14,
	OBJ_ERROR_CODE = 20,
	OBJ_SERVICE_CONFIG = 51,
};

static const np_tok lmp_header_flags[] = {{0x01, "Control Channel Down"}, {0x02, "LMP restart"}, {0, NULL}};
static const np_tok lmp_te_link_flags[] = {
	{0x01, "Fault Management Supported"}, {0x02, "Link Verification Supported"}, {0, NULL}};
static const np_tok lmp_data_link_flags[] = {
	{0x01, "Data Link Port"}, {0x02, "Allocated for user traffic"}, {0x04, "Failed link"}, {0, NULL}};
static const np_tok lmp_channel_status_names[] = {
	{1, "Signal Okay"}, {2, "Signal Degraded"}, {3, "Signal Fail"}, {0, NULL}};
static const np_tok lmp_begin_verify_flags[] = {{0x0001, "Verify all links"}, {0x0002, "Data link type"}, {0, NULL}};
static const np_tok lmp_begin_verify_errors[] = {
	{0x01, "Link Verification Procedure Not supported"},
	{0x02, "Unwilling to verify"},
	{0x04, "Unsupported verification transport mechanism"},
	{0x08, "Link-Id configuration error"},
	{0x10, "Unknown object c-type"},
	{0, NULL},
};
static const np_tok lmp_link_summary_errors[] = {
	{0x01, "Unacceptable non-negotiable LINK-SUMMARY parameters"},
	{0x02, "Renegotiate LINK-SUMMARY parameters"},
	{0x04, "Invalid TE-LINK Object"},
	{0x08, "Invalid DATA-LINK Object"},
	{0x10, "Unknown TE-LINK Object c-type"},
	{0x20, "Unknown DATA-LINK Object c-type"},
	{0, NULL},
};
static const np_tok lmp_sc_sp_flags[] = {{0x01, "RSVP Supported"}, {0x02, "LDP Supported"}, {0, NULL}};
static const np_tok lmp_sc_cpsa_tp_flags[] = {
	{0x01, "Path/VC Overhead Transparency Supported"},
	{0x02, "Line/MS Overhead Transparency Supported"},
	{0x04, "Section/RS Overhead Transparency Supported"},
	{0, NULL},
};
static const np_tok lmp_sc_cpsa_cct_flags[] = {{0x01, "Contiguous Concatenation Types Supported"}, {0, NULL}};
static const np_tok lmp_sc_nsa_transparency_flags[] = {{0x01, "Standard SOH/RSOH Transparency Supported"},
						       {0x02, "Standard LOH/MSOH Transparency Supported"},
						       {0, NULL}};
static const np_tok lmp_sc_nsa_tcm_flags[] = {{0x01, "Transparent Tandem Connection Monitoring Supported"}, {0, NULL}};
static const np_tok lmp_sc_nsa_diversity_flags[] = {{0x01, "Node Diversity Supported"},
						    {0x02, "Link Diversity Supported"},
						    {0x04, "SRLG Diversity Supported"},
						    {0, NULL}};
static const np_tok lmp_cpsa_link_types[] = {{5, "SDH ITU-T G.707"}, {6, "SONET ANSI T1.105"}, {0, NULL}};
static const np_tok lmp_cpsa_sdh_signals[] = {{5, "VC-3"},    {6, "VC-4"},     {7, "STM-0"},
					      {8, "STM-1"},   {9, "STM-4"},    {10, "STM-16"},
					      {11, "STM-64"}, {12, "STM-256"}, {0, NULL}};
static const np_tok lmp_cpsa_sonet_signals[] = {{5, "STS-1 SPE"}, {6, "STS-3c SPE"}, {7, "STS-1"},
						{8, "STM-3"},     {9, "STM-12"},     {10, "STM-48"},
						{11, "STM-192"},  {12, "STM-768"},   {0, NULL}};

static const np_tok lmp_msg_names[] = {
	{1, "Config"},
	{2, "Config ACK"},
	{3, "Config NACK"},
	{4, "Hello"},
	{5, "Begin Verify"},
	{6, "Begin Verify ACK"},
	{7, "Begin Verify NACK"},
	{8, "End Verify"},
	{9, "End Verify ACK"},
	{10, "Test"},
	{11, "Test Status Success"},
	{12, "Test Status Failure"},
	{13, "Test Status ACK"},
	{14, "Link Summary"},
	{15, "Link Summary ACK"},
	{16, "Link Summary NACK"},
	{17, "Channel Status"},
	{18, "Channel Status ACK"},
	{19, "Channel Status Request"},
	{20, "Channel Status Response"},
	{50, "Service Config"},
	{51, "Service Config ACK"},
	{52, "Service Config NACK"},
	{0, NULL},
};

static const np_tok lmp_obj_names[] = {
	{OBJ_CC_ID, "Control Channel ID"},
	{OBJ_NODE_ID, "Node ID"},
	{OBJ_LINK_ID, "Link ID"},
	{OBJ_INTERFACE_ID, "Interface ID"},
	{OBJ_MESSAGE_ID, "Message ID"},
	{OBJ_CONFIG, "Configuration"},
	{OBJ_HELLO, "Hello"},
	{OBJ_VERIFY_BEGIN, "Verify Begin"},
	{OBJ_VERIFY_BEGIN_ACK, "Verify Begin ACK"},
	{OBJ_VERIFY_ID, "Verify ID"},
	{OBJ_TE_LINK, "TE Link"},
	{OBJ_DATA_LINK, "Data Link"},
	{OBJ_CHANNEL_STATUS, "Channel Status"},
	{OBJ_CHANNEL_STATUS_REQ, "Channel Status Request"},
	{OBJ_ERROR_CODE, "Error Code"},
	{OBJ_SERVICE_CONFIG, "Service Config"},
	{0, NULL},
};

static const np_tok lmp_subobj_names[] = {{1, "Interface Switching Type"}, {2, "Wavelength"}, {0, NULL}};

/* C-Type names per class: ctypes are not unique across classes. */
#define CT(cls, ct) ((cls)*256u + (ct))
static const np_tok lmp_ctype_names[] = {
	{CT(OBJ_CC_ID, 1), "Local"},
	{CT(OBJ_CC_ID, 2), "Remote"},
	{CT(OBJ_NODE_ID, 1), "Local"},
	{CT(OBJ_NODE_ID, 2), "Remote"},
	{CT(OBJ_LINK_ID, 1), "IPv4 Local"},
	{CT(OBJ_LINK_ID, 2), "IPv4 Remote"},
	{CT(OBJ_LINK_ID, 3), "IPv6 Local"},
	{CT(OBJ_LINK_ID, 4), "IPv6 Remote"},
	{CT(OBJ_LINK_ID, 5), "Unnumbered Local"},
	{CT(OBJ_LINK_ID, 6), "Unnumbered Remote"},
	{CT(OBJ_INTERFACE_ID, 1), "IPv4 Local"},
	{CT(OBJ_INTERFACE_ID, 2), "IPv4 Remote"},
	{CT(OBJ_INTERFACE_ID, 3), "IPv6 Local"},
	{CT(OBJ_INTERFACE_ID, 4), "IPv6 Remote"},
	{CT(OBJ_INTERFACE_ID, 5), "Unnumbered Local"},
	{CT(OBJ_INTERFACE_ID, 6), "Unnumbered Remote"},
	{CT(OBJ_MESSAGE_ID, 1), "1"},
	{CT(OBJ_MESSAGE_ID, 2), "2"},
	{CT(OBJ_CONFIG, 1), "1"},
	{CT(OBJ_HELLO, 1), "1"},
	{CT(OBJ_VERIFY_BEGIN, 1), "1"},
	{CT(OBJ_VERIFY_BEGIN_ACK, 1), "1"},
	{CT(OBJ_VERIFY_ID, 1), "1"},
	{CT(OBJ_TE_LINK, 1), "IPv4"},
	{CT(OBJ_TE_LINK, 2), "IPv6"},
	{CT(OBJ_TE_LINK, 3), "Unnumbered"},
	{CT(OBJ_DATA_LINK, 1), "IPv4"},
	{CT(OBJ_DATA_LINK, 2), "IPv6"},
	{CT(OBJ_DATA_LINK, 3), "Unnumbered"},
	{CT(OBJ_CHANNEL_STATUS, 1), "IPv4"},
	{CT(OBJ_CHANNEL_STATUS, 2), "IPv6"},
	{CT(OBJ_CHANNEL_STATUS, 3), "Unnumbered"},
	{CT(OBJ_CHANNEL_STATUS_REQ, 1), "IPv4"},
	{CT(OBJ_CHANNEL_STATUS_REQ, 2), "IPv6"},
	{CT(OBJ_CHANNEL_STATUS_REQ, 3), "Unnumbered"},
	{CT(OBJ_ERROR_CODE, 1), "1"},
	{CT(OBJ_ERROR_CODE, 2), "2"},
	{CT(OBJ_SERVICE_CONFIG, 1), "1"},
	{CT(OBJ_SERVICE_CONFIG, 2), "2"},
	{CT(OBJ_SERVICE_CONFIG, 3), "3"},
	{CT(OBJ_SERVICE_CONFIG, 4), "4"},
	{0, NULL},
};

/* An address of alen (4 or 16) bytes or a number, then its first 32 bits in hex. */
static void print_id(np_printer *pr, const char *label, const uint8_t *p, int alen)
{
	np_out *o = pr->out;
	out_str(o, label);
	if (alen == 4)
		out_ipv4(o, p);
	else if (alen == 16)
		out_ipv6(o, p);
	else
		out_u32(o, np_load_be32(p));
	out_fmt(o, " (0x%08x)", np_load_be32(p));
}

static bool wrong_len(np_printer *pr, uint32_t have, uint32_t want)
{
	if (have == want)
		return false;
	out_str(pr->out, " (not correct for object)");
	return true;
}

/* The data link subobjects; true when an unknown one asks for a hex dump,
 * false with pr->stopped when the capture ends in them. */
static bool print_data_link_subobjs(np_printer *pr, const uint8_t *p, int total)
{
	np_out *o = pr->out;
	while (total > 0) {
		uint8_t type, len;
		uint32_t a, b;
		if (!np_get_u8(p, pr->snapend, &type) || !np_get_u8(p + 1, pr->snapend, &len))
			goto trunc;
		out_fmt(o, "\n\t    Subobject, Type: %s (%u), Length: %u", tok2str(lmp_subobj_names, "Unknown", type),
			type, len);
		if (len < 4) {
			out_str(o, " (too short)");
			return false;
		}
		if (len % 4) {
			out_str(o, " (not a multiple of 4)");
			return false;
		}
		if (total < len) {
			out_str(o, " (goes past the end of the object)");
			return false;
		}
		if (type == 1) {
			uint8_t sw = p[2], enc = p[3];
			out_fmt(o, "\n\t      Switching Type: %s (%u)", tok2str(gmpls_switch_cap_names, "Unknown", sw),
				sw);
			out_fmt(o, "\n\t      Encoding Type: %s (%u)", tok2str(gmpls_encoding_names, "Unknown", enc),
				enc);
			if (!np_get_be32(p + 4, pr->snapend, &a))
				goto trunc;
			print_te_bw(pr, "\n\t      Min Reservable Bandwidth: ", a);
			if (!np_get_be32(p + 8, pr->snapend, &b))
				goto trunc;
			print_te_bw(pr, "\n\t      Max Reservable Bandwidth: ", b);
		} else if (type == 2) {
			if (!np_get_be32(p + 4, pr->snapend, &a))
				goto trunc;
			out_fmt(o, "\n\t      Wavelength: %u", a);
		} else {
			return true;
		}
		total -= len;
		p += len;
	}
	return false;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* Channel status pairs of an alen-byte interface ID (0: unnumbered) and a
 * status word, or with status false the IDs alone. */
static void print_channels(np_printer *pr, const uint8_t *p, uint32_t len, int alen, bool status)
{
	np_out *o = pr->out;
	uint32_t idlen = alen ? (uint32_t)alen : 4, step = idlen + (status ? 4 : 0);
	for (uint32_t off = 0; off + step <= len; off += step) {
		print_id(pr, "\n\t    Interface ID: ", p + off, alen);
		if (!status)
			continue;
		uint32_t s = np_load_be32(p + off + idlen);
		out_fmt(o, "\n\t\t    Active: %s (%u)", (s >> 31) ? "Allocated" : "Non-allocated", s >> 31);
		out_fmt(o, "\n\t\t    Direction: %s (%u)", ((s >> 30) & 1) ? "Transmit" : "Receive", (s >> 30) & 1);
		out_fmt(o, "\n\t\t    Channel Status: %s (%u)",
			tok2str(lmp_channel_status_names, "Unknown", s & 0x3FFFFFF), s & 0x3FFFFFF);
	}
}

/* TE link (te) or data link: flags, local and remote IDs, then subobjects. */
static bool print_link(np_printer *pr, const uint8_t *p, uint32_t len, uint8_t ctype, bool te)
{
	int alen = ctype == 1 ? 4 : ctype == 2 ? 16 : 0;
	uint32_t need = ctype == 2 ? 36 : 12;
	if (te ? wrong_len(pr, len, need) : len < need) {
		if (!te)
			out_str(pr->out, " (not correct for object)");
		return false;
	}
	out_str(pr->out, "\n\t    Flags: [");
	print_bits(pr, te ? lmp_te_link_flags : lmp_data_link_flags, p[0], ", ", "none");
	out_str(pr->out, "]");
	print_id(pr, te ? "\n\t    Local Link-ID: " : "\n\t    Local Interface ID: ", p + 4, alen);
	print_id(pr, te ? "\n\t    Remote Link-ID: " : "\n\t    Remote Interface ID: ", p + (alen == 16 ? 20 : 8),
		 alen);
	if (te)
		return false;
	return print_data_link_subobjs(pr, p + need, (int)(len - need));
}

static bool print_service_config(np_printer *pr, const uint8_t *p, uint32_t len, uint8_t ctype)
{
	np_out *o = pr->out;
	switch (ctype) {
	case 1:
		if (wrong_len(pr, len, 4))
			break;
		out_str(o, "\n\t Flags: ");
		print_bits(pr, lmp_sc_sp_flags, p[0], ", ", "none");
		out_fmt(o, "\n\t  UNI Version: %u", p[1]);
		break;
	case 2: {
		if (wrong_len(pr, len, 16))
			break;
		uint8_t lt = p[0];
		out_fmt(o, "\n\t Link Type: %s (%u)", tok2str(lmp_cpsa_link_types, "Unknown", lt), lt);
		if (lt == 5 || lt == 6)
			out_fmt(o, "\n\t Signal Type: %s (%u)",
				tok2str(lt == 5 ? lmp_cpsa_sdh_signals : lmp_cpsa_sonet_signals, "Unknown", p[1]),
				p[1]);
		out_str(o, "\n\t Transparency: ");
		print_bits(pr, lmp_sc_cpsa_tp_flags, p[2], ", ", "none");
		out_str(o, "\n\t Contiguous Concatenation Types: ");
		print_bits(pr, lmp_sc_cpsa_cct_flags, p[3], ", ", "none");
		out_fmt(o, "\n\t Minimum NCC: %u\n\t Maximum NCC: %u\n\t Minimum NVC:%u\n\t Maximum NVC:%u",
			np_load_be16(p + 4), np_load_be16(p + 6), np_load_be16(p + 8), np_load_be16(p + 10));
		print_id(pr, "\n\t    Local Interface ID: ", p + 12, 4);
		break;
	}
	case 3:
		if (wrong_len(pr, len, 8))
			break;
		out_str(o, "\n\t Transparency Flags: ");
		print_bits(pr, lmp_sc_nsa_transparency_flags, np_load_be32(p), ", ", "none");
		out_str(o, "\n\t TCM Monitoring Flags: ");
		print_bits(pr, lmp_sc_nsa_tcm_flags, p[7], ", ", "none");
		break;
	case 4:
		if (wrong_len(pr, len, 4))
			break;
		out_str(o, "\n\t Diversity: Flags: ");
		print_bits(pr, lmp_sc_nsa_diversity_flags, p[3], ", ", "none");
		break;
	default: return true;
	}
	return false;
}

/* One object's body, all captured; true when it wants a hex dump. */
static bool print_object(np_printer *pr, uint8_t cls, uint8_t ctype, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	switch (cls) {
	case OBJ_CC_ID:
	case OBJ_NODE_ID:
		if (ctype != 1 && ctype != 2)
			return true;
		if (!wrong_len(pr, len, 4))
			print_id(pr, cls == OBJ_CC_ID ? "\n\t    Control Channel ID: " : "\n\t    Node ID: ", p,
				 cls == OBJ_CC_ID ? 0 : 4);
		return false;
	case OBJ_LINK_ID:
	case OBJ_INTERFACE_ID:
		if (ctype < 1 || ctype > 6)
			return true;
		if (ctype <= 2) {
			if (!wrong_len(pr, len, 4))
				print_id(pr, "\n\t    IPv4 Link ID: ", p, 4);
		} else if (ctype <= 4) {
			if (!wrong_len(pr, len, 16))
				print_id(pr, "\n\t    IPv6 Link ID: ", p, 16);
		} else if (!wrong_len(pr, len, 4)) {
			print_id(pr, "\n\t    Link ID: ", p, 0);
		}
		return false;
	case OBJ_MESSAGE_ID:
		if (ctype != 1 && ctype != 2)
			return true;
		if (!wrong_len(pr, len, 4))
			print_id(pr, ctype == 1 ? "\n\t    Message ID: " : "\n\t    Message ID Ack: ", p, 0);
		return false;
	case OBJ_CONFIG:
		if (ctype != 1)
			return true;
		if (!wrong_len(pr, len, 4))
			out_fmt(o, "\n\t    Hello Interval: %u\n\t    Hello Dead Interval: %u", np_load_be16(p),
				np_load_be16(p + 2));
		return false;
	case OBJ_HELLO:
		if (ctype != 1)
			return true;
		if (!wrong_len(pr, len, 8))
			out_fmt(o, "\n\t    Tx Seq: %u, Rx Seq: %u", np_load_be32(p), np_load_be32(p + 4));
		return false;
	case OBJ_TE_LINK:
	case OBJ_DATA_LINK:
		if (ctype < 1 || ctype > 3)
			return true;
		return print_link(pr, p, len, ctype, cls == OBJ_TE_LINK);
	case OBJ_VERIFY_BEGIN: {
		if (ctype != 1)
			return true;
		if (wrong_len(pr, len, 20))
			return false;
		out_str(o, "\n\t    Flags: ");
		print_bits(pr, lmp_begin_verify_flags, np_load_be16(p), ", ", "none");
		uint16_t mech = np_load_be16(p + 10);
		out_fmt(o, "\n\t    Verify Interval: %u\n\t    Data links: %u\n\t    Encoding type: %s",
			np_load_be16(p + 2), np_load_be32(p + 4), tok2str(gmpls_encoding_names, "Unknown", p[8]));
		/* tcpdump tests the decimal 8000, not 0x8000 */
		out_fmt(o, "\n\t    Verify Transport Mechanism: %u (0x%x)%s", mech, mech,
			(mech & 8000) ? " (Payload test messages capable)" : "");
		print_te_bw(pr, "\n\t    Transmission Rate: ", np_load_be32(p + 12));
		out_fmt(o, "\n\t    Wavelength: %u", np_load_be32(p + 16));
		return false;
	}
	case OBJ_VERIFY_BEGIN_ACK:
		if (ctype != 1)
			return true;
		if (!wrong_len(pr, len, 4))
			out_fmt(o, "\n\t    Verify Dead Interval: %u\n\t    Verify Transport Response: %u",
				np_load_be16(p), np_load_be16(p + 2));
		return false;
	case OBJ_VERIFY_ID:
		if (ctype != 1)
			return true;
		if (!wrong_len(pr, len, 4))
			out_fmt(o, "\n\t    Verify ID: %u", np_load_be32(p));
		return false;
	case OBJ_CHANNEL_STATUS:
	case OBJ_CHANNEL_STATUS_REQ:
		if (ctype < 1 || ctype > 3)
			return true;
		print_channels(pr, p, len, ctype == 1 ? 4 : ctype == 2 ? 16 : 0, cls == OBJ_CHANNEL_STATUS);
		return false;
	case OBJ_ERROR_CODE:
		if (ctype != 1 && ctype != 2)
			return true;
		if (!wrong_len(pr, len, 4)) {
			out_str(o, "\n\t    Error Code: ");
			print_bits(pr, ctype == 1 ? lmp_begin_verify_errors : lmp_link_summary_errors, np_load_be32(p),
				   ", ", "none");
		}
		return false;
	case OBJ_SERVICE_CONFIG: return print_service_config(pr, p, len, ctype);
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, p, "\n\t    ", len);
		return false;
	}
}

void print_lmp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "lmp";
	if (!np_has(p, pr->snapend, LMP_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t version = p[0] >> 4;
	if (version != 1) {
		out_fmt(o, "LMP version %u packet not supported", version);
		return;
	}
	if (pr->o.vflag < 1) {
		out_fmt(o, "LMPv%u %s Message, length: %u", version, tok2str(lmp_msg_names, "unknown (%u)", p[3]),
			length);
		return;
	}
	uint32_t tlen = np_load_be16(p + 4);
	out_fmt(o, "\n\tLMPv%u, msg-type: %s, Flags: [", version, tok2str(lmp_msg_names, "unknown, type: %u", p[3]));
	print_bits(pr, lmp_header_flags, p[2], ", ", "none");
	out_fmt(o, "], length: %u", tlen);
	if (tlen < LMP_HDRLEN) {
		out_str(o, " (too short)");
		return;
	}
	if (tlen > length) {
		out_str(o, " (too long)");
		tlen = length;
	}
	const uint8_t *t = p + LMP_HDRLEN;
	tlen -= LMP_HDRLEN;
	while (tlen > 0) {
		if (!np_has(t, pr->snapend, LMP_OBJ_HDRLEN)) {
			print_trunc(pr);
			return;
		}
		uint8_t cls = t[1], ctype = t[0] & 0x7f;
		uint32_t olen = np_load_be16(t + 2);
		out_fmt(o, "\n\t  %s Object (%u), Class-Type: %s (%u) Flags: [%snegotiable], length: %u",
			tok2str(lmp_obj_names, "Unknown", cls), cls,
			tok2str(lmp_ctype_names, "Unknown", CT(cls, ctype)), ctype, (t[0] & 0x80) ? "" : "non-", olen);
		if (olen < LMP_OBJ_HDRLEN) {
			out_str(o, " (too short)");
			return;
		}
		if (olen % 4) {
			out_str(o, " (not a multiple of 4)");
			return;
		}
		if (!np_has(t, pr->snapend, olen)) {
			print_trunc(pr);
			return;
		}
		bool hexdump = print_object(pr, cls, ctype, t + LMP_OBJ_HDRLEN, olen - LMP_OBJ_HDRLEN);
		if (pr->stopped)
			return;
		if (pr->o.vflag > 1 || hexdump)
			print_unknown_data(pr, t + LMP_OBJ_HDRLEN, "\n\t    ", olen - LMP_OBJ_HDRLEN);
		if (tlen < olen) {
			out_fmt(o, " [remaining objects length %u < %u]", tlen, olen);
			print_invalid(pr);
			return;
		}
		t += olen;
		tlen -= olen;
	}
}
