/*
 * juniper.c - the Juniper link types (DLT_JUNIPER_*: a "MGC" magic number,
 * flags, optional extension TLVs and a per-PIC cookie before the frame) as
 * tcpdump 4.99's print-juniper.c writes them, for the ATM1, ES (IPsec
 * services), Ethernet, PPP and Cisco HDLC PICs: with -e the direction, PIC
 * and cookie, with -vv the flags and extension TLVs, then the payload.
 *
 * Not for: the other Juniper PICs (ATM2, MLPPP, MLFR, MFR, GGSN, services,
 * monitor, PPPoE, Frame Relay: not here, their DLTs are not printed), ATM
 * OAM cells and OSI payloads on ATM1 (marked call sites below print what
 * is there as hex until those printers exist).
 */
#include "print.h"

#include <string.h>

#define JUNIPER_MGC_NUMBER 0x4d4743 /* "MGC" */
#define JUNIPER_BPF_PKT_IN 0x01
#define JUNIPER_BPF_NO_L2 0x02
#define JUNIPER_BPF_EXT 0x80
#define LS_COOKIE_ID 0x54
#define AS_COOKIE_ID 0x47

static const np_tok jnx_flag_names[] = {
	{0x80, "Ext"}, {0x40, "Filter"}, {0x04, "IIF"}, {0x02, "no-L2"}, {0x01, "In"}, {0, NULL},
};

static const np_tok jnx_ext_tlv_names[] = {
	{1, "Device Interface Index"},
	{2, "Device Interface Name"},
	{3, "Device Media Type"},
	{4, "Logical Interface Index"},
	{5, "Logical Unit Number"},
	{6, "Logical Interface Encapsulation"},
	{7, "TTP derived Device Media Type"},
	{8, "TTP derived Logical Interface Encapsulation"},
	{0, NULL},
};

static const np_tok ipsec_type_names[] = {
	{1, "ESP ENCR-AUTH"}, {2, "ESP ENCR-AH AUTH"}, {3, "ESP AUTH"}, {4, "AH AUTH"}, {5, "ESP ENCR"}, {0, NULL},
};

/* Juniper media types (JUNIPER_IFML_*), tcpdump's juniper_ifmt_values. */
static const np_tok ifmt_names[] = {
	{1, "Ethernet"},
	{2, "FDDI"},
	{3, "Token-Ring"},
	{4, "PPP"},
	{57, "PPP-Subordinate"},
	{5, "Frame-Relay"},
	{6, "Cisco-HDLC"},
	{7, "SMDS-DXI"},
	{8, "ATM-PVC"},
	{9, "PPP-CCC"},
	{10, "Frame-Relay-CCC"},
	{48, "Extended FR-CCC"},
	{11, "IP-over-IP"},
	{12, "GRE"},
	{13, "PIM-Encapsulator"},
	{14, "PIM-Decapsulator"},
	{15, "Cisco-HDLC-CCC"},
	{16, "VLAN-CCC"},
	{32, "Extended-VLAN-CCC"},
	{17, "Multilink-PPP"},
	{18, "Multilink-FR"},
	{39, "Multilink-FR-UNI-NNI"},
	{19, "Multilink"},
	{40, "LinkService"},
	{20, "LSI"},
	{22, "ATM-CCC-Cell-Relay"},
	{23, "IPSEC-over-IP"},
	{24, "GGSN"},
	{27, "PPP-TCC"},
	{28, "Frame-Relay-TCC"},
	{49, "Extended FR-TCC"},
	{29, "Cisco-HDLC-TCC"},
	{30, "Ethernet-CCC"},
	{31, "VPN-Loopback-tunnel"},
	{33, "Ethernet-over-ATM"},
	{46, "Ethernet-VPLS-over-ATM"},
	{34, "Monitor"},
	{35, "Ethernet-TCC"},
	{36, "VLAN-TCC"},
	{37, "Extended-VLAN-TCC"},
	{38, "Controller"},
	{41, "VPLS"},
	{42, "VLAN-VPLS"},
	{43, "Extended-VLAN-VPLS"},
	{44, "Logical-tunnel"},
	{45, "General-Services"},
	{56, "PPPoE"},
	{52, "Flexible-Ethernet-Services"},
	{50, "Flexible-FrameRelay"},
	{53, "Flow-collection"},
	{60, "PIC Peer"},
	{59, "Dynamic-Flow-Capture"},
	{0, NULL},
};

/* Juniper logical interface encapsulations (JUNIPER_IFLE_*), tcpdump's juniper_ifle_values. */
static const np_tok ifle_names[] = {
	{59, "Aggregator"},
	{9, "CCC over ATM"},
	{32, "ATM CCC Cell Relay"},
	{26, "CISCO compatible NLPID"},
	{56, "Ethernet over ATM CCC"},
	{41, "Ethernet over ATM LLC"},
	{53, "Ethernet VPLS over ATM LLC"},
	{5, "ATM LLC"},
	{55, "MLPPP over ATM LLC"},
	{3, "ATM NLPID"},
	{61, "PPPoE over ATM LLC"},
	{8, "PPP over FUNI"},
	{7, "PPP over ATM LLC"},
	{6, "PPP over ATM VCMUX"},
	{2, "ATM SNAP"},
	{43, "ATM SNAP TCC"},
	{35, "ATM VCMUX TCC"},
	{4, "ATM VCMUX"},
	{18, "C-HDLC"},
	{25, "C-HDLC CCC"},
	{65, "C-HDLC via dialer"},
	{38, "C-HDLC TCC"},
	{58, "Collector"},
	{33, "Crypto"},
	{14, "Ethernet"},
	{39, "Ethernet CCC"},
	{51, "Extended VLAN VPLS"},
	{62, "PPPoE over Ethernet"},
	{45, "Ethernet TCC"},
	{50, "VLAN VPLS"},
	{49, "VPLS"},
	{42, "Extended VLAN CCC"},
	{47, "Extended VLAN TCC"},
	{13, "FR CCC"},
	{10, "FR NLPID"},
	{54, "FR CCC"},
	{12, "FR PPP"},
	{11, "FR SNAP"},
	{36, "FR TCC"},
	{34, "GGSN"},
	{22, "GRE NULL"},
	{23, "PPP over GRE"},
	{20, "IPIP"},
	{60, "LAPD"},
	{30, "LSI Null"},
	{57, "LT VLAN"},
	{48, "MFR"},
	{29, "MLFR"},
	{28, "MLPPP"},
	{44, "Monitor"},
	{24, "PIMd"},
	{21, "PIM Null"},
	{17, "PPP"},
	{63, "PPPoE"},
	{19, "PPP CCC"},
	{64, ""},
	{37, "PPP TCC"},
	{52, "General Services"},
	{27, "VLAN CCC"},
	{46, "VLAN TCC"},
	{40, "VT"},
	{0, NULL},
};

/* The PICs with a cookie: its length and name, tcpdump's cookie table. */
static const struct {
	int dlt;
	uint8_t cookie_len;
	const char *name;
} juniper_pics[] = {
	{NP_DLT_JUNIPER_ATM1, 4, "ATM1"},
	{NP_DLT_JUNIPER_ES, 0, "ES"},
};

struct jnx_l2info {
	uint32_t length, caplen, header_len;
	uint8_t cookie_len;
	uint8_t cookie[8];
	uint16_t proto;
};

/* tcpdump's ip_heuristic_guess: IPv4 or IPv6 by the first byte; false
 * when it is neither (pr->stopped when not captured). */
static bool ip_heuristic_guess(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t b;
	if (!np_get_u8(p, pr->snapend, &b)) {
		print_trunc_stop(pr);
		return true;
	}
	if (b >= 0x45 && b <= 0x4f)
		print_ip(pr, p, length);
	else if (b >= 0x60 && b <= 0x6f)
		print_ip6(pr, p, length);
	else
		return false;
	return true;
}

/* An extension TLV's value: little-endian below type 128, big-endian from
 * it, -1 for lengths over 4 (the caller checked it is captured). */
static int64_t tlv_value(const uint8_t *p, uint8_t type, uint8_t len)
{
	if (len < 1 || len > 4)
		return -1;
	uint32_t v = 0;
	for (uint8_t i = 0; i < len; i++)
		v = type < 128 ? v | (uint32_t)p[i] << (8 * i) : v << 8 | p[i];
	return (int32_t)v; /* tcpdump keeps it in an int */
}

/* The extension TLVs; false when one is longer than what is left. */
static bool print_extensions(np_printer *pr, const uint8_t *t, uint32_t ext_len)
{
	while (ext_len > 2) {
		uint8_t type = t[0], len = t[1];
		t += 2;
		if (type == 0 || len == 0)
			break;
		if (ext_len < len + 2u) {
			out_fmt(pr->out, " [extension_length %u < %u]", ext_len, len + 2u);
			print_invalid(pr);
			return false;
		}
		if (pr->o.vflag > 1)
			out_fmt(pr->out, "\n\t  %s Extension TLV #%u, length %u, value ",
				tok2str(jnx_ext_tlv_names, "Unknown", type), type, len);
		int64_t v = tlv_value(t, type, len);
		if (v != -1 && pr->o.vflag > 1 && type != 2) {
			if (type == 3 || type == 7)
				out_fmt(pr->out, "%s (%u)", tok2str(ifmt_names, "Unknown", (uint32_t)v), (uint32_t)v);
			else if (type == 6 || type == 8)
				out_fmt(pr->out, "%s (%u)", tok2str(ifle_names, "Unknown", (uint32_t)v), (uint32_t)v);
			else
				out_fmt(pr->out, "%u", (uint32_t)v);
		}
		t += len;
		ext_len -= len + 2u;
	}
	return true;
}

/* tcpdump's juniper_parse_header: true when the payload is to be printed
 * (l->header_len bytes on); false when it is done (pr->stopped when the
 * capture ended). */
static bool parse_header(np_printer *pr, int dlt, const uint8_t *p, uint32_t length, uint32_t caplen,
			 struct jnx_l2info *l)
{
	const uint8_t *end = pr->snapend;
	uint32_t magic;
	uint16_t ext_len;
	uint8_t flags, b;
	memset(l, 0, sizeof(*l));
	l->length = length;
	l->caplen = caplen;
	NP_GET_U8(flags, p + 3, end);
	NP_GET_BE24(magic, p, end);
	if (magic != JUNIPER_MGC_NUMBER) {
		out_str(pr->out, "no magic-number found!");
		return false;
	}
	if (pr->o.eflag)
		out_fmt(pr->out, "%3s ", flags & JUNIPER_BPF_PKT_IN ? "In" : "Out");
	uint32_t jnx_len = 4;
	if (pr->o.vflag > 1) {
		out_str(pr->out, "\n\tJuniper PCAP Flags [");
		print_bits(pr, jnx_flag_names, flags, ", ", "none");
		out_char(pr->out, ']');
	}
	if (flags & JUNIPER_BPF_EXT) {
		NP_GET_BE16(ext_len, p + 4, end);
		jnx_len += 2u + ext_len;
		if (pr->o.vflag > 1)
			out_fmt(pr->out, ", PCAP Extension(s) total length %u", ext_len);
		NP_CHECK(p + 6, end, ext_len);
		if (!print_extensions(pr, p + 6, ext_len))
			return false;
		if (pr->o.vflag > 1)
			out_str(pr->out, "\n\t-----original packet-----\n\t");
	}
	if (flags & JUNIPER_BPF_NO_L2) {
		if (pr->o.eflag)
			out_str(pr->out, "no-L2-hdr, ");
		NP_CHECK(p + jnx_len + 4, end, 1);
		if (!ip_heuristic_guess(pr, p + jnx_len + 4, length - (jnx_len + 4)))
			out_str(pr->out, "no IP-hdr found!");
		l->header_len = jnx_len + 4;
		return false;
	}
	l->header_len = jnx_len;
	p += jnx_len;
	l->length -= jnx_len;
	l->caplen -= jnx_len;
	for (size_t i = 0; i < sizeof(juniper_pics) / sizeof(juniper_pics[0]); i++) {
		if (juniper_pics[i].dlt != dlt)
			continue;
		l->cookie_len = juniper_pics[i].cookie_len;
		NP_GET_U8(b, p, end);
		if (b == LS_COOKIE_ID)
			l->cookie_len += 2;
		else if (b == AS_COOKIE_ID)
			l->cookie_len = 8;
		l->header_len += l->cookie_len;
		l->length -= l->cookie_len;
		l->caplen -= l->cookie_len;
		if (pr->o.eflag)
			out_fmt(pr->out, "%s-PIC, cookie-len %u", juniper_pics[i].name, l->cookie_len);
		if (l->cookie_len > 8) {
			print_invalid(pr);
			return false;
		}
		if (l->cookie_len > 0) {
			NP_CHECK(p, end, l->cookie_len);
			if (pr->o.eflag)
				out_str(pr->out, ", cookie 0x");
			for (uint8_t k = 0; k < l->cookie_len; k++) {
				l->cookie[k] = p[k];
				if (pr->o.eflag)
					out_fmt(pr->out, "%02x", p[k]);
			}
		}
		if (pr->o.eflag)
			out_str(pr->out, ": ");
		NP_GET_BE16(l->proto, p + l->cookie_len, end);
		break;
	}
	if (pr->o.eflag)
		out_fmt(pr->out, "hlen %u, proto 0x%04x, ", l->header_len, l->proto);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static uint32_t print_atm1(np_printer *pr, const uint8_t *p, struct jnx_l2info *l)
{
	uint32_t llc;
	uint8_t b;
	p += l->header_len;
	if (l->cookie[0] == 0x80) {
		/* ATM CALL SITE: tcpdump prints an OAM cell here (oam_print);
		 * until an ATM printer exists, the cell as hex. */
		print_unknown_data(pr, p, "\n\t", l->length);
		return l->header_len;
	}
	NP_GET_BE24(llc, p, pr->snapend);
	if ((llc == 0xfefe03 || llc == 0xaaaa03) && print_llc(pr, p, l->length, l->caplen, NULL, NULL) > 0)
		return l->header_len;
	if (pr->stopped)
		return l->header_len;
	NP_GET_U8(b, p, pr->snapend);
	if (b == 0x03) {
		print_isoclns(pr, p + 1, l->length - 1);
		return l->header_len;
	}
	ip_heuristic_guess(pr, p, l->length);
	return l->header_len;
trunc:
	print_trunc_stop(pr);
	return l->header_len;
}

static uint32_t print_es(np_printer *pr, const uint8_t *p, struct jnx_l2info *l)
{
	p += l->header_len;
	if (!np_has(p, pr->snapend, 16)) {
		print_trunc_stop(pr);
		return l->header_len;
	}
	uint8_t type = p[3];
	uint32_t rewrite;
	bool bundle;
	switch (type) {
	case 1:
	case 2:
		rewrite = 0;
		bundle = true;
		break;
	case 3:
	case 4:
	case 5:
		rewrite = 16;
		bundle = false;
		break;
	default: out_fmt(pr->out, "ES Invalid type %u, length %u", type, l->length); return l->header_len;
	}
	l->length -= rewrite;
	if (pr->o.eflag) {
		out_fmt(pr->out, "ES SA, index %u, ttl %u type %s (%u), ", np_load_be16(p), p[2],
			tok2str(ipsec_type_names, "Unknown", type), type);
		if (!bundle) {
			out_fmt(pr->out, "spi %u, Tunnel ", np_load_be32(p + 4));
			out_ipv4(pr->out, p + 8);
			out_str(pr->out, " > ");
			out_ipv4(pr->out, p + 12);
			out_str(pr->out, ", ");
		}
		out_fmt(pr->out, "length %u\n", l->length);
	}
	print_ip(pr, p + rewrite, l->length);
	return l->header_len;
}

uint32_t print_juniper_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	struct jnx_l2info l;
	int dlt = pr->pkt->dlt;
	switch (dlt) {
	case NP_DLT_JUNIPER_ATM1: pr->protocol = "juniper_atm1"; break;
	case NP_DLT_JUNIPER_ES: pr->protocol = "juniper_es"; break;
	case NP_DLT_JUNIPER_ETHER: pr->protocol = "juniper_ether"; break;
	case NP_DLT_JUNIPER_PPP: pr->protocol = "juniper_ppp"; break;
	default: pr->protocol = "juniper_chdlc"; break;
	}
	if (!parse_header(pr, dlt, p, length, caplen, &l))
		return l.header_len;
	switch (dlt) {
	case NP_DLT_JUNIPER_ATM1: return print_atm1(pr, p, &l);
	case NP_DLT_JUNIPER_ES: return print_es(pr, p, &l);
	case NP_DLT_JUNIPER_ETHER: return l.header_len + print_ether(pr, p + l.header_len, l.length, l.caplen);
	case NP_DLT_JUNIPER_PPP: print_ppp(pr, p + l.header_len, l.length); return l.header_len;
	default: print_chdlc(pr, p + l.header_len, l.length); return l.header_len;
	}
}
