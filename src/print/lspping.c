/*
 * lspping.c - MPLS LSP ping and traceroute (RFC 4379, UDP 3503) as tcpdump
 * 4.99's print-lspping.c writes it: one summary line by default; with -v
 * the common header (reply mode, return code, sender handle, NTP
 * timestamps) and the TLVs: the target FEC stack's sub-TLVs (LDP, RSVP,
 * BGP, L3VPN prefixes, L2VPN endpoints, pseudowires), the downstream
 * mapping's addresses, BFD discriminator and vendor codes, the rest as hex
 * (and every TLV as hex with -vv).
 *
 * tcpdump's quirks are kept on purpose: the sub-TLV walk advances by the
 * sub-TLV's value length only (not its header), so a second sub-TLV is
 * read four bytes early; a TLV cut by the capture abandons the packet.
 *
 * Not for: the downstream mapping's multipath and label parts (tcpdump
 * dumps them as hex too).
 */
#include "print.h"

#define LSPPING_HDRLEN 32
#define TLV_HDRLEN 4

static const np_tok msg_type_names[] = {{1, "MPLS Echo Request"}, {2, "MPLS Echo Reply"}, {0, NULL}};

static const np_tok reply_mode_names[] = {
	{1, "Do not reply"},
	{2, "Reply via an IPv4/IPv6 UDP packet"},
	{3, "Reply via an IPv4/IPv6 UDP packet with Router Alert"},
	{4, "Reply via application level control channel"},
	{0, NULL},
};

static const np_tok return_code_names[] = {
	{0, "No return code or return code contained in the Error Code TLV"},
	{1, "Malformed echo request received"},
	{2, "One or more of the TLVs was not understood"},
	{3, "Replying router is an egress for the FEC at stack depth"},
	{4, "Replying router has no mapping for the FEC at stack depth"},
	{5, "Reserved"},
	{6, "Reserved"},
	{7, "Reserved"},
	{8, "Label switched at stack-depth"},
	{9, "Label switched but no MPLS forwarding at stack-depth"},
	{10, "Mapping for this FEC is not the given label at stack depth"},
	{11, "No label entry at stack-depth"},
	{12, "Protocol not associated with interface at FEC stack depth"},
	{13, "Premature termination of ping due to label stack shrinking to a single label"},
	{0, NULL},
};

enum {
	TLV_TARGET_FEC_STACK = 1,
	TLV_DOWNSTREAM_MAPPING = 2,
	TLV_VENDOR_ENTERPRISE = 5,
	TLV_BFD_DISCRIMINATOR = 15,
};

static const np_tok tlv_names[] = {
	{1, "Target FEC Stack"},
	{2, "Downstream Mapping"},
	{3, "Pad"},
	{9, "Error Code"},
	{5, "Vendor Enterprise Code"},
	{7, "Interface Label Stack"},
	{10, "Reply TOS Byte"},
	{15, "BFD Discriminator"},
	{0xfc00, "Vendor Private Code"},
	{0, NULL},
};

static const np_tok fec_subtlv_names[] = {
	{1, "LDP IPv4 prefix"},
	{2, "LDP IPv6 prefix"},
	{3, "RSVP IPv4 Session Query"},
	{4, "RSVP IPv6 Session Query"},
	{5, "Reserved"},
	{6, "VPN IPv4 prefix"},
	{7, "VPN IPv6 prefix"},
	{8, "L2 VPN endpoint"},
	{9, "FEC 128 pseudowire (old)"},
	{10, "FEC 128 pseudowire"},
	{12, "BGP labeled IPv4 prefix"},
	{13, "BGP labeled IPv6 prefix"},
	{0, NULL},
};

static const np_tok downstream_addr_names[] = {
	{1, "IPv4"}, {2, "Unnumbered IPv4"}, {3, "IPv6"}, {4, "IPv6"}, {0, NULL},
};

/* The length each target FEC sub-TLV must have (0: not decoded). */
static uint32_t fec_subtlv_len(uint16_t type)
{
	switch (type) {
	case 1:
	case 12: return 5;
	case 2:
	case 13: return 17;
	case 3: return 20;
	case 4: return 56;
	case 6: return 13;
	case 7: return 25;
	case 8:
	case 10: return 14;
	case 9: return 10;
	default: return 0;
	}
}

static void print_addr(np_printer *pr, const uint8_t *a, bool v6)
{
	if (v6)
		out_ipv6(pr->out, a);
	else
		out_ipv4(pr->out, a);
}

static void print_pw_type(np_printer *pr, uint16_t t)
{
	out_fmt(pr->out, ", PW Type: %s (%u)", tok2str(mpls_pw_type_names, "unknown", t), t);
}

/* The value of a target FEC sub-TLV of the right length, all captured. */
static bool print_fec_subtlv(np_printer *pr, uint16_t type, const uint8_t *v)
{
	np_out *o = pr->out;
	bool v6;
	switch (type) {
	case 1:
	case 2:
	case 12:
	case 13:
		v6 = type == 2 || type == 13;
		out_str(o, "\n\t      ");
		print_addr(pr, v, v6);
		out_fmt(o, "/%u", v[v6 ? 16 : 4]);
		break;
	case 3:
	case 4: {
		uint32_t a = type == 4 ? 16 : 4; /* endpoint, res, id, ext id, sender, res, lsp id */
		out_str(o, "\n\t      tunnel end-point ");
		print_addr(pr, v, a == 16);
		out_str(o, ", tunnel sender ");
		print_addr(pr, v + 2 * a + 4, a == 16);
		out_fmt(o, ", lsp-id 0x%04x\n\t      tunnel-id 0x%04x, extended tunnel-id ",
			np_load_be16(v + 3 * a + 6), np_load_be16(v + a + 2));
		print_addr(pr, v + a + 4, a == 16);
		break;
	}
	case 6:
	case 7:
		out_str(o, "\n\t      RD: ");
		if (!print_bgp_rd(pr, v))
			return false;
		out_str(o, ", ");
		print_addr(pr, v + 8, type == 7);
		out_fmt(o, "/%u", v[type == 7 ? 24 : 12]);
		break;
	case 8:
		out_str(o, "\n\t      RD: ");
		if (!print_bgp_rd(pr, v))
			return false;
		out_fmt(o, ", Sender VE ID: %u, Receiver VE ID: %u\n\t      Encapsulation Type: %s (%u)",
			np_load_be16(v + 8), np_load_be16(v + 10),
			tok2str(mpls_pw_type_names, "unknown", np_load_be16(v + 12)), np_load_be16(v + 12));
		break;
	case 9:
		out_str(o, "\n\t      Remote PE: ");
		out_ipv4(o, v);
		out_fmt(o, "\n\t      PW ID: 0x%08x", np_load_be32(v + 4));
		print_pw_type(pr, np_load_be16(v + 8));
		break;
	case 10:
		out_str(o, "\n\t      Sender PE: ");
		out_ipv4(o, v);
		out_str(o, ", Remote PE: ");
		out_ipv4(o, v + 4);
		out_fmt(o, "\n\t      PW ID: 0x%08x", np_load_be32(v + 8));
		print_pw_type(pr, np_load_be16(v + 12));
		break;
	default: break;
	}
	return true;
}

/* The target FEC stack's sub-TLVs, all captured. 1 done, 0 the TLV is too
 * short (dump it), -1 tcpdump returned from the whole printer, -2 stop. */
static int print_fec_stack(np_printer *pr, const uint8_t *t, uint32_t tlen)
{
	np_out *o = pr->out;
	while (tlen != 0) {
		if (tlen < TLV_HDRLEN) {
			out_str(o, "\n\t      TLV is too short");
			return 0;
		}
		uint16_t type = np_load_be16(t), len = np_load_be16(t + 2);
		if (tlen < (uint32_t)len + TLV_HDRLEN) {
			out_str(o, "\n\t      TLV is too short");
			return 0;
		}
		out_fmt(o, "\n\t    %s subTLV (%u), length: %u", tok2str(fec_subtlv_names, "Unknown", type), type, len);
		uint32_t want = fec_subtlv_len(type);
		bool hexdump = want == 0;
		if (want && len != want) {
			out_fmt(o, "\n\t      invalid subTLV length, should be %u", want);
			hexdump = true;
		} else if (want && !print_fec_subtlv(pr, type, t + TLV_HDRLEN)) {
			return -2;
		}
		if (pr->o.vflag > 1 || hexdump)
			print_unknown_data(pr, t + TLV_HDRLEN, "\n\t      ", len);
		uint32_t padded = len;
		if (padded % 4) {
			padded += 4 - padded % 4;
			if (tlen < padded + TLV_HDRLEN) {
				out_str(o, "\n\t\t TLV is too short");
				return -1;
			}
		}
		t += padded; /* tcpdump's walk: the header is not skipped */
		tlen -= padded + TLV_HDRLEN;
	}
	return 1;
}

/* The downstream mapping TLV, all captured (dumped by the caller). */
static void print_downstream_map(np_printer *pr, const uint8_t *t, uint32_t tlen)
{
	np_out *o = pr->out;
	if (tlen < 4)
		goto too_short;
	uint8_t af = t[2];
	out_fmt(o, "\n\t    MTU: %u, Address-Type: %s (%u)", np_load_be16(t),
		tok2str(downstream_addr_names, "unknown", af), af);
	uint32_t need = 0;
	switch (af) {
	case 1: need = 12; break;
	case 2: need = 12; break;
	case 3: need = 36; break;
	case 4: need = 24; break;
	default: break;
	}
	if (need) {
		if (tlen < need)
			goto too_short;
		bool v6 = af >= 3;
		out_str(o, "\n\t    Downstream IP: ");
		print_addr(pr, t + 4, v6);
		const uint8_t *ifp = t + (v6 ? 20 : 8);
		if (af == 1 || af == 3) {
			out_str(o, "\n\t    Downstream Interface IP: ");
			print_addr(pr, ifp, v6);
		} else {
			out_fmt(o, "\n\t    Downstream Interface Index: 0x%08x", np_load_be32(ifp));
		}
		tlen -= need;
	}
	if (tlen < 4)
		goto too_short;
	return;
too_short:
	out_str(o, "\n\t      TLV is too short");
}

static void print_lspping_header(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t type = p[4], mode = p[5], code = p[6], sub = p[7];
	out_fmt(o, "\n\tLSP-PINGv%u, msg-type: %s (%u), length: %u\n\t  reply-mode: %s (%u)", np_load_be16(p),
		tok2str(msg_type_names, "unknown", type), type, len, tok2str(reply_mode_names, "unknown", mode), mode);
	const char *cs = tok2str(return_code_names, "unknown", code);
	if (code == 3 || code == 4 || code == 8 || code == 10 || code == 11 || code == 12)
		out_fmt(o, "\n\t  Return Code: %s %u (%u)\n\t  Return Subcode: (%u)", cs, sub, code, sub);
	else
		out_fmt(o, "\n\t  Return Code: %s (%u)\n\t  Return Subcode: (%u)", cs, code, sub);
	out_fmt(o, "\n\t  Sender Handle: 0x%08x, Sequence: %u", np_load_be32(p + 8), np_load_be32(p + 12));
	out_str(o, "\n\t  Sender Timestamp: ");
	print_ntp_time(pr, np_load_be32(p + 16), np_load_be32(p + 20));
	out_str(o, " Receiver Timestamp: ");
	uint32_t rs = np_load_be32(p + 24), rf = np_load_be32(p + 28);
	if (rs || rf)
		print_ntp_time(pr, rs, rf);
	else
		out_str(o, "no timestamp");
}

void print_lspping(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	pr->protocol = "lspping";
	if (len < LSPPING_HDRLEN)
		goto too_short;
	NP_CHECK(p, pr->snapend, LSPPING_HDRLEN);
	uint16_t version = np_load_be16(p);
	if (version != 1) {
		out_fmt(o, "LSP-PING version %u packet not supported", version);
		return;
	}
	if (pr->o.vflag < 1) {
		out_fmt(o, "LSP-PINGv%u, %s, seq %u, length: %u", version,
			tok2str(msg_type_names, "unknown (%u)", p[4]), np_load_be32(p + 12), len);
		return;
	}
	print_lspping_header(pr, p, len);
	const uint8_t *t = p + LSPPING_HDRLEN;
	uint32_t tlen = len - LSPPING_HDRLEN;
	while (tlen != 0) {
		uint16_t type, tl;
		if (tlen < TLV_HDRLEN)
			goto too_short;
		NP_GET_BE16(type, t, pr->snapend);
		NP_GET_BE16(tl, t + 2, pr->snapend);
		out_fmt(o, "\n\t  %s TLV (%u), length: %u", tok2str(tlv_names, "Unknown", type), type, tl);
		if (tl == 0) {
			t += TLV_HDRLEN;
			tlen -= TLV_HDRLEN;
			continue;
		}
		const uint8_t *v = t + TLV_HDRLEN;
		if (tlen < (uint32_t)tl + TLV_HDRLEN)
			goto too_short;
		NP_CHECK(v, pr->snapend, tl);
		bool hexdump = false;
		int r;
		switch (type) {
		case TLV_TARGET_FEC_STACK:
			r = print_fec_stack(pr, v, tl);
			if (r == -1)
				return;
			if (r == -2)
				goto trunc;
			hexdump = r == 0;
			break;
		case TLV_DOWNSTREAM_MAPPING:
			print_downstream_map(pr, v, tl);
			hexdump = true;
			break;
		case TLV_BFD_DISCRIMINATOR:
		case TLV_VENDOR_ENTERPRISE:
			if (tl < 4) {
				out_str(o, "\n\t      TLV is too short");
				hexdump = true;
			} else if (type == TLV_BFD_DISCRIMINATOR) {
				out_fmt(o, "\n\t    BFD Discriminator 0x%08x", np_load_be32(v));
			} else {
				uint32_t id = np_load_be32(v);
				out_fmt(o, "\n\t    Vendor: %s (0x%04x)", tok2str(smi_names, "Unknown", id), id);
			}
			break;
		default:
			if (pr->o.vflag <= 1)
				print_unknown_data(pr, v, "\n\t    ", tl);
			break;
		}
		if (pr->o.vflag > 1 || hexdump)
			print_unknown_data(pr, v, "\n\t    ", tl);
		uint32_t padded = tl;
		if (padded % 4) {
			padded += 4 - padded % 4;
			if (tlen < padded + TLV_HDRLEN)
				goto too_short;
		}
		t += padded + TLV_HDRLEN;
		tlen -= padded + TLV_HDRLEN;
	}
	return;
too_short:
	out_str(o, "\n\t\t packet is too short");
	return;
trunc:
	print_trunc_stop(pr);
}
