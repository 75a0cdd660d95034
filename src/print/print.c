/*
 * print.c - the per-packet frame of tcpdump's text: packet number, header
 * sanity notes, timestamp, the link-layer printer, then the -x/-X/-A dumps.
 * Also the small shared helpers every protocol printer uses.
 */
#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXIMUM_SNAPLEN 262144u

void print_init(np_printer *pr, const np_print_opts *o, np_out *out)
{
	memset(pr, 0, sizeof(*pr));
	pr->o = *o;
	pr->out = out;
	pr->protocol = "";
	if (o->espsecret)
		print_esp_secrets_load(pr);
}

void print_free(np_printer *pr)
{
	tcp_seq_table_free(pr->tcp_seq);
	pr->tcp_seq = NULL;
	slip_state_free(pr->slip);
	pr->slip = NULL;
	nfs_xid_map_free(pr->nfs_xids);
	pr->nfs_xids = NULL;
	isakmp_cookies_free(pr->isakmp);
	pr->isakmp = NULL;
	esp_secrets_free(pr->esp);
	pr->esp = NULL;
}

void print_trunc(np_printer *pr)
{
	out_str(pr->out, " [|");
	out_str(pr->out, pr->protocol);
	out_char(pr->out, ']');
}

void print_trunc_stop(np_printer *pr)
{
	print_trunc(pr);
	pr->stopped = true;
}

void print_invalid(np_printer *pr)
{
	out_str(pr->out, " (invalid)");
}

uint32_t print_text_zt(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, pr->snapend, &c))
			return 0;
		if (c == '\0')
			return i + 1;
		print_safe_char(pr, c);
	}
	return 0;
}

bool print_text_nul(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, pr->snapend, &c))
			return false;
		if (c == 0)
			break;
		print_safe_char(pr, c);
	}
	return true;
}

void print_rest_captured(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (!np_has(p, pr->snapend, length))
		print_trunc_stop(pr);
}

void print_relts(np_printer *pr, uint32_t secs)
{
	static const char units[] = "ywdhms";
	static const uint32_t seconds[] = {31536000, 604800, 86400, 3600, 60, 1};
	if (secs == 0) {
		out_str(pr->out, "0s");
		return;
	}
	for (int i = 0; secs > 0; i++) {
		if (secs >= seconds[i]) {
			out_u32(pr->out, secs / seconds[i]);
			out_char(pr->out, units[i]);
			secs %= seconds[i];
		}
	}
}

void print_safe_char(np_printer *pr, uint8_t c)
{
	if (c & 0x80) {
		c &= 0x7f;
		out_str(pr->out, "M-");
	}
	if (c < 0x20 || c == 0x7f) {
		c ^= 0x40; /* DEL to '?', controls to letters */
		out_char(pr->out, '^');
	}
	out_char(pr->out, (char)c);
}

const uint8_t *print_push_snaplen(np_printer *pr, const uint8_t *p, uint32_t len)
{
	const uint8_t *old = pr->snapend;
	if (p <= pr->snapend && (size_t)(pr->snapend - p) > len)
		pr->snapend = p + len;
	return old;
}

static const np_layer *find_layer(const np_packet *pkt, uint8_t kind, const uint8_t *p)
{
	for (unsigned i = 0; i < pkt->nlayers; i++)
		if (pkt->layer[i].p == p && pkt->layer[i].kind == kind)
			return &pkt->layer[i];
	return NULL;
}

typedef void (*layer_decoder)(np_packet *, const uint8_t *, const uint8_t *, uint32_t);

static layer_decoder decoder_for(uint8_t kind)
{
	switch (kind) {
	case NP_LAYER_ETH: return np_decode_eth;
	case NP_LAYER_SLL: return np_decode_sll;
	case NP_LAYER_SLL2: return np_decode_sll2;
	case NP_LAYER_NULL: return np_decode_null;
	case NP_LAYER_ARP: return np_decode_arp;
	case NP_LAYER_IP4: return np_decode_ip4;
	case NP_LAYER_IP6: return np_decode_ip6;
	case NP_LAYER_TCP: return np_decode_tcp;
	case NP_LAYER_UDP: return np_decode_udp;
	case NP_LAYER_ICMP: return np_decode_icmp;
	case NP_LAYER_ICMP6: return np_decode_icmp6;
	case NP_LAYER_GRE: return np_decode_gre;
	default: return NULL;
	}
}

const np_layer *print_layer_at(np_printer *pr, uint8_t kind, const uint8_t *p, uint32_t len)
{
	const np_layer *l = pr->pkt ? find_layer(pr->pkt, kind, p) : NULL;
	for (unsigned i = 0; !l && i < pr->nscratch; i++)
		l = find_layer(&pr->scratch[i], kind, p);
	if (l)
		return l;
	/* Not decoded with the packet (inside an ICMP error, say): decode it now. */
	unsigned slot = pr->nscratch < NP_PRINT_SCRATCH ? pr->nscratch++ : NP_PRINT_SCRATCH - 1;
	np_packet *s = &pr->scratch[slot];
	s->nlayers = 0;
	s->ip = s->l4 = -1;
	s->dlt = pr->pkt ? pr->pkt->dlt : 0;
	layer_decoder dec = decoder_for(kind);
	if (dec)
		dec(s, p, pr->snapend, len);
	if (s->nlayers == 0) {
		np_layer *z = np_push_layer(s, kind, p, pr->snapend, len);
		z->status = NP_TRUNCATED;
	}
	return &s->layer[0];
}

const char *tok_name(const np_tok *t, uint32_t v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

/* tcpdump's oui_values, in its order (0x0080c2 is "Ethernet bridged"). */
const np_tok oui_names[] = {
	{0x000000, "Ethernet"},
	{0x00000c, "Cisco"},
	{0x00005e, "IANA"},
	{0x000081, "Nortel Networks SONMP"},
	{0x0000f8, "Cisco bridged"},
	{0x0080c2, "Ethernet bridged"},
	{0x00a03e, "ATM Forum"},
	{0x00e02f, "DOCSIS Spanning Tree"},
	{0x080007, "Appletalk"},
	{0x009069, "Juniper"},
	{0x080009, "Hewlett-Packard"},
	{0x0080c2, "IEEE 802.1 Private"},
	{0x00120f, "IEEE 802.3 Private"},
	{0x0012bb, "ANSI/TIA"},
	{0x001b21, "DCBX"},
	{0x002320, "Nicira Networks"},
	{0x5c16c7, "Big Switch Networks"},
	{0xb0d2f5, "Vello Systems"},
	{0x002481, "HP"},
	{0x0004ea, "HP-Labs"},
	{0x748771, "Infoblox Inc"},
	{0xa42305, "Open Networking Lab"},
	{0x00049f, "Freescale"},
	{0x0015ad, "Netronome"},
	{0x001018, "Broadcom"},
	{0x00e004, "PMC-Sierra"},
	{0xd0f0db, "Ericsson"},
	{0, NULL},
};

/* SMI network management private enterprise codes, tcpdump's smi_values. */
const np_tok smi_names[] = {
	{0, "IETF (reserved)"},
	{5, "ACC"},
	{9, "Cisco"},
	{11, "Hewlett Packard"},
	{42, "Sun Microsystems"},
	{61, "Merit"},
	{74, "AT&T"},
	{161, "Motorola"},
	{166, "Shiva"},
	{193, "Ericsson AB"},
	{255, "Cisco VPN 5000"},
	{307, "Livingston"},
	{311, "Microsoft"},
	{429, "3Com"},
	{529, "Ascend"},
	{1584, "Bay Networks"},
	{1991, "Foundry"},
	{2180, "Versanet"},
	{2352, "Redback"},
	{2636, "Juniper Networks"},
	{2637, "Aptis"},
	{2937, "Deutsche Telekom AG"},
	{3054, "Ixia Communications"},
	{3076, "Cisco VPN 3000"},
	{3085, "CoSine Communications"},
	{3224, "Netscreen"},
	{3199, "Shasta"},
	{3309, "Nomadix"},
	{3414, "T-Mobile"},
	{3561, "The Broadband Forum"},
	{3902, "ZTE"},
	{4329, "Siemens"},
	{4491, "CableLabs"},
	{4874, "Unisphere Networks"},
	{5263, "Cisco BBSM"},
	{5535, "3rd Generation Partnership Project 2 (3GPP2)"},
	{5806, "SK Telecom"},
	{5925, "ipUnplugged"},
	{5948, "Issanni Communications"},
	{5951, "Netscaler"},
	{6490, "T-Mobile"},
	{6618, "Quintum"},
	{6728, "Interlink"},
	{7951, "CNCTC"},
	{8164, "Starent Networks"},
	{8744, "Colubris"},
	{10415, "3GPP"},
	{10529, "Gemtek-Systems"},
	{10704, "Barracuda Networks"},
	{10923, "Ericsson AB - Packet Core Networks"},
	{11665, "dacom"},
	{11862, "Columbia University"},
	{12356, "Fortinet"},
	{12951, "Verizon Wireless"},
	{13745, "Plixer"},
	{14122, "Wi-Fi Alliance"},
	{16787, "T-Systems Nova"},
	{20942, "China Telecom - Guangzhou Research Institute"},
	{26866, "Gigamon Systems"},
	{32622, "CACE Technologies"},
	{35632u, "ntop"},
	{46098u, "Ericsson Canada"},
	{0, NULL},
};
/* MPLS pseudowire types (RFC 4446), tcpdump's mpls_pw_types_values. */
const np_tok mpls_pw_type_names[] = {
	{0x0000, "Reserved"},
	{0x0001, "Frame Relay DLCI (Martini Mode)"},
	{0x0002, "ATM AAL5 SDU VCC transport"},
	{0x0003, "ATM transparent cell transport"},
	{0x0004, "Ethernet VLAN"},
	{0x0005, "Ethernet"},
	{0x0006, "Cisco-HDLC"},
	{0x0007, "PPP"},
	{0x0008, "SONET/SDH Circuit Emulation Service over MPLS"},
	{0x0009, "ATM n-to-one VCC cell transport"},
	{0x000a, "ATM n-to-one VPC cell transport"},
	{0x000b, "IP Layer2 Transport"},
	{0x000c, "ATM one-to-one VCC Cell Mode"},
	{0x000d, "ATM one-to-one VPC Cell Mode"},
	{0x000e, "ATM AAL5 PDU VCC transport"},
	{0x000f, "Frame-Relay Port mode"},
	{0x0010, "SONET/SDH Circuit Emulation over Packet"},
	{0x0011, "Structure-agnostic E1 over Packet"},
	{0x0012, "Structure-agnostic T1 (DS1) over Packet"},
	{0x0013, "Structure-agnostic E3 over Packet"},
	{0x0014, "Structure-agnostic T3 (DS3) over Packet"},
	{0x0015, "CESoPSN basic mode"},
	{0x0016, "TDMoIP basic mode"},
	{0x0017, "CESoPSN TDM with CAS"},
	{0x0018, "TDMoIP TDM with CAS"},
	{0x0019, "Frame Relay DLCI"},
	{0x0040, "IP-interworking"},
	{0, NULL},
};

/* Address family numbers (IANA), tcpdump's af_values. */
const np_tok af_names[] = {
	{0, "Reserved"},
	{1, "IPv4"},
	{2, "IPv6"},
	{3, "NSAP"},
	{4, "HDLC"},
	{5, "BBN 1822"},
	{6, "802"},
	{7, "E.163"},
	{8, "E.164"},
	{9, "F.69"},
	{10, "X.121"},
	{11, "Novell IPX"},
	{12, "Appletalk"},
	{13, "Decnet IV"},
	{14, "Banyan Vines"},
	{15, "E.164 with NSAP subaddress"},
	{196, "Layer-2 VPN"},
	{25, "VPLS"},
	{0, NULL},
};

/* BSD address families (DLT_NULL, RIP), tcpdump's bsd_af_values. */
const np_tok bsd_af_names[] = {
	{2, "IPv4"},  {6, "NS"},    {7, "ISO"},   {16, "Appletalk"}, {23, "IPX"},
	{24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"}, {0, NULL},
};

const char *tok2str(const np_tok *t, const char *fmt, uint32_t v)
{
	static char buf[4][128];
	static int idx;
	const char *s = tok_name(t, v);
	if (s)
		return s;
	idx = (idx + 1) & 3;
	snprintf(buf[idx], sizeof(buf[idx]), fmt ? fmt : "#%u", v);
	return buf[idx];
}

void print_bits(np_printer *pr, const np_tok *t, uint32_t v, const char *sep, const char *none)
{
	bool first = true;
	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			if (!first)
				out_str(pr->out, sep);
			out_str(pr->out, t->s);
			first = false;
		}
	}
	if (first)
		out_str(pr->out, none);
}

/* tcpdump's sanity notes on the record header; true if the packet is skipped. */
static bool print_invalid_header(np_printer *pr, const np_packet *pkt)
{
	np_out *o = pr->out;
	bool bad = false;
	if (pkt->caplen == 0) {
		bad = true;
		out_str(o, "[Invalid header: caplen==0");
	}
	if (pkt->wirelen == 0) {
		out_str(o, bad ? "," : "[Invalid header:");
		bad = true;
		out_str(o, " len==0");
	} else if (pkt->wirelen < pkt->caplen) {
		out_str(o, bad ? "," : "[Invalid header:");
		bad = true;
		out_fmt(o, " len(%u) < caplen(%u)", pkt->wirelen, pkt->caplen);
	}
	if (pkt->caplen > MAXIMUM_SNAPLEN) {
		out_str(o, bad ? "," : "[Invalid header:");
		bad = true;
		out_fmt(o, " caplen(%u) > %u", pkt->caplen, MAXIMUM_SNAPLEN);
	}
	if (pkt->wirelen > MAXIMUM_SNAPLEN) {
		out_str(o, bad ? "," : "[Invalid header:");
		bad = true;
		out_fmt(o, " len(%u) > %u", pkt->wirelen, MAXIMUM_SNAPLEN);
	}
	if (bad)
		out_str(o, "]\n");
	return bad;
}

static uint32_t print_link_known(np_printer *pr, int dlt, const uint8_t *p, uint32_t len, uint32_t cap);

static uint32_t print_link(np_printer *pr, const np_packet *pkt)
{
	uint32_t hdrlen;
	if (print_link_type(pr, pkt->dlt, pkt->data, pkt->wirelen, pkt->caplen, &hdrlen))
		return hdrlen;
	/* No printer for this link type: tcpdump names it so and dumps the
	 * whole frame, counting no link-layer header. */
	out_str(pr->out, "UNSUPPORTED");
	print_hex_ascii(pr, "\n\t", pkt->data, pkt->caplen);
	return 0;
}

bool print_link_type(np_printer *pr, int dlt, const uint8_t *p, uint32_t len, uint32_t cap, uint32_t *hdrlen)
{
	*hdrlen = print_link_known(pr, dlt, p, len, cap);
	return *hdrlen != UINT32_MAX;
}

static uint32_t print_link_known(np_printer *pr, int dlt, const uint8_t *p, uint32_t len, uint32_t cap)
{
	switch (dlt) {
	case NP_DLT_EN10MB: return print_ether(pr, p, len, cap);
	case NP_DLT_LINUX_SLL: return print_sll(pr, p, len, cap);
	case NP_DLT_LINUX_SLL2: return print_sll2(pr, p, len, cap);
	case NP_DLT_IPNET: return print_ipnet(pr, p, len, cap);
	case NP_DLT_ARCNET_LINUX: return print_arcnet_linux(pr, p, len, cap);
	case NP_DLT_IPOIB: return print_ipoib(pr, p, len, cap);
	case NP_DLT_VSOCK: return print_vsock(pr, p, len, cap);
	case NP_DLT_DSA_TAG_BRCM: return print_brcm_tag_link(pr, p, len, cap);
	case NP_DLT_DSA_TAG_BRCM_PREPEND: return print_brcm_tag_prepend(pr, p, len, cap);
	case NP_DLT_DSA_TAG_DSA: return print_dsa(pr, p, len, cap);
	case NP_DLT_DSA_TAG_EDSA: return print_edsa(pr, p, len, cap);
	case NP_DLT_NULL:
	case NP_DLT_LOOP: return print_null(pr, p, len, cap);
	case NP_DLT_RAW:
	case NP_DLT_RAW_OPENBSD:
	case NP_DLT_LINKTYPE_RAW: return print_raw(pr, p, len, cap);
	case NP_DLT_IPV4: return print_ipv4_link(pr, p, len, cap);
	case NP_DLT_IPV6: return print_ipv6_link(pr, p, len, cap);
	case NP_DLT_FRELAY: return print_fr(pr, p, len, cap);
	case NP_DLT_MFR: return print_mfr(pr, p, len, cap);
	case NP_DLT_PPP: return print_ppp_link(pr, p, len, cap);
	case NP_DLT_PPP_SERIAL: return print_ppp_hdlc_link(pr, p, len, cap);
	case NP_DLT_C_HDLC: return print_chdlc_link(pr, p, len, cap);
	case NP_DLT_SLIP: return print_slip_link(pr, p, len, cap);
	case NP_DLT_JUNIPER_ATM1:
	case NP_DLT_JUNIPER_ES:
	case NP_DLT_JUNIPER_ETHER:
	case NP_DLT_JUNIPER_PPP:
	case NP_DLT_JUNIPER_CHDLC: return print_juniper_link(pr, p, len, cap);
	case NP_DLT_NFLOG: return print_nflog_link(pr, p, len, cap);
	case NP_DLT_ATM_RFC1483: return print_atm_rfc1483_link(pr, p, len, cap);
	case NP_DLT_ATM_CLIP: return print_atm_clip_link(pr, p, len, cap);
	case NP_DLT_PKTAP:
	case NP_DLT_USER2: return print_pktap_link(pr, p, len, cap);
	default: return UINT32_MAX;
	}
}

static void print_dumps(np_printer *pr, const np_packet *pkt, uint32_t hdrlen)
{
	const uint8_t *sp = pkt->data;
	uint32_t caplen = pkt->caplen;
	pr->snapend = pkt->end;
	pr->protocol = "";
	if (pr->o.Xflag) {
		if (pr->o.Xflag > 1)
			print_hex_ascii(pr, "\n\t", sp, caplen);
		else if (caplen > hdrlen)
			print_hex_ascii(pr, "\n\t", sp + hdrlen, caplen - hdrlen);
	} else if (pr->o.xflag) {
		if (pr->o.xflag > 1)
			print_hex(pr, "\n\t", sp, caplen);
		else if (caplen > hdrlen)
			print_hex(pr, "\n\t", sp + hdrlen, caplen - hdrlen);
	} else if (pr->o.Aflag) {
		if (pr->o.Aflag > 1)
			print_ascii(pr, sp, caplen);
		else if (caplen > hdrlen)
			print_ascii(pr, sp + hdrlen, caplen - hdrlen);
	}
}

void print_packet(np_printer *pr, const np_packet *pkt)
{
	pr->count++;
	if (pr->o.number) {
		char num[16];
		int n = snprintf(num, sizeof(num), "%5u  ", pr->count);
		out_mem(pr->out, num, (size_t)n);
	}
	if (print_invalid_header(pr, pkt))
		return;
	print_timestamp(pr, pkt->ts_sec, pkt->ts_frac);
	pr->pkt = pkt;
	pr->nscratch = 0;
	pr->stopped = false;
	pr->snapend = pkt->end;
	pr->protocol = "";
	pr->ll_hdr_len = 0;
	if (pr->o.style == NP_STYLE_CLASSIC) {
		print_classic_packet(pr, pkt);
		out_char(pr->out, '\n');
		pr->pkt = NULL;
		return;
	}
	uint32_t hdrlen = print_link(pr, pkt);
	if (pr->stopped)
		hdrlen = 0; /* tcpdump dumps the whole frame after a printer gave up */
	print_dumps(pr, pkt, hdrlen);
	out_char(pr->out, '\n');
	pr->pkt = NULL;
}
