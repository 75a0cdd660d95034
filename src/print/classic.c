/*
 * classic.c - `netprofile decode --style=classic`: packets as tcpdump 3.x
 * (3.4/3.5, the base of WinDump 2.x) printed them in 2001, the text of the
 * first seed article ("Studying Normal Network Traffic, Part One"):
 *
 *   13:45:13.836036 arp who-has 10.0.0.1 tell 10.0.0.5
 *   13:45:13.841823 arp reply 10.0.0.1 is-at 0:a0:c9:1:2:3
 *   13:45:13.841920 10.0.0.5.3163 > 10.0.0.53.53: 1+ A? sshserver. (32)
 *   13:45:13.956853 10.0.0.5.3164 > 10.0.0.2.22: S 87334271:87334271(0) win 65535 (DF)
 *   15:19:14.490029 208.148.96.68.23079 > 10.0.0.5.6976:  udp 401
 *   18:33:45.649204 10.0.0.5 > 64.208.34.100: icmp: echo request (ttl 4, id 56693)
 *
 * No "IP" prefix: the transport printer names the addresses, and the IP
 * printer appends " (DF)", " (frag id:len@off+)", " [tos 0xN]", " [ttl N]"
 * (TTL 0 or 1) and, with -v, " (ttl N, id N[, bad cksum N!][, optlen=N ...])".
 * MACs are printed without leading zeros. Protocols 3.x knew by name but
 * netprofile does not decode are printed as 3.x printed protocols it had no
 * printer for ("ip-proto-N len", " udp N", an Ethernet header and a hex dump).
 *
 * Where the article's lines differ from stock tcpdump 3.4/3.5 the article
 * wins, since it is what WinDump printed:
 *   - with -S the sequence range is printed on every TCP segment,
 *     ". 87334272:87334272(0) ack 4138420250" (stock 3.x: only with data,
 *     SYN/FIN/RST, or -vv);
 *   - a DNS response names its question and the owner of each answer
 *     without -v: "1 q: sshserver. 3/4/6 sshserver. CNAME ssh2server., ..."
 *     (stock 3.4: with -vv and -v);
 *   - UDP's address part ends in ": ", so " udp 401" and BOOTP's " xid:..."
 *     follow two spaces and DNS's "1+" one.
 *
 * This file: the frame (link layers, -e, -x), ARP, and the helpers the
 * protocol files share (classic.h lists them).
 *
 * Not for: tcpdump 4.99's text (the rest of print/), or -X/-A, which 3.x did
 * not have (decode refuses them with this style).
 */
#include "classic.h"

#include <string.h>

enum {
	ETHER_HDRLEN = 14,
	ETHERMTU = 1500,
	ETHERTYPE_IP = 0x0800,
	ETHERTYPE_ARP = 0x0806,
	ETHERTYPE_REVARP = 0x8035,
	ETHERTYPE_TRAIL = 0x1000,
	ETHERTYPE_IPV6 = 0x86dd,
};

/* tcpdump 3.x's etherproto names (addrtoname.c's eproto_db). */
static const np_tok classic_ethertypes[] = {
	{0x0200, "pup"},         {0x0600, "xns"},        {ETHERTYPE_IP, "ip"},
	{ETHERTYPE_IPV6, "ip6"}, {ETHERTYPE_ARP, "arp"}, {ETHERTYPE_REVARP, "rarp"},
	{0x0500, "sprite"},      {0x6001, "mopdl"},      {0x6002, "moprc"},
	{0x6003, "decnet"},      {0x6004, "lat"},        {0x6007, "sca"},
	{0x8038, "lanbridge"},   {0x803c, "decdns"},     {0x803e, "decdts"},
	{0x805b, "vexp"},        {0x805c, "vprod"},      {0x809b, "atalk"},
	{0x80f3, "atalkarp"},    {0x9000, "loopback"},   {0, NULL},
};

/* ---- shared helpers ---------------------------------------------------- */

void classic_addr(np_printer *pr, const classic_ip *ip, const uint8_t *a)
{
	if (ip->ver == 6)
		out_ipv6(pr->out, a);
	else
		out_ipv4(pr->out, a);
}

void classic_ports(np_printer *pr, const classic_ip *ip, uint16_t sport, uint16_t dport)
{
	classic_addr(pr, ip, ip->src);
	out_char(pr->out, '.');
	out_u32(pr->out, sport);
	out_str(pr->out, " > ");
	classic_addr(pr, ip, ip->dst);
	out_char(pr->out, '.');
	out_u32(pr->out, dport);
	out_str(pr->out, ": ");
}

void classic_hosts(np_printer *pr, const classic_ip *ip, bool space)
{
	classic_addr(pr, ip, ip->src);
	out_str(pr->out, " > ");
	classic_addr(pr, ip, ip->dst);
	out_str(pr->out, space ? ": " : ":");
}

void classic_mac(np_printer *pr, const uint8_t *a)
{
	for (int i = 0; i < 6; i++) {
		if (i > 0)
			out_char(pr->out, ':');
		out_hex(pr->out, a[i], 1);
	}
}

void classic_hex(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint32_t cap = print_caplen_from(pr, p);
	if (len > cap)
		len = cap;
	uint32_t i = 0, words = len / 2;
	for (uint32_t w = 0; w < words; w++, i++) {
		if (i % 8 == 0)
			out_str(pr->out, "\n\t\t\t");
		out_char(pr->out, ' ');
		out_hex(pr->out, p[2 * w], 2);
		out_hex(pr->out, p[2 * w + 1], 2);
	}
	if (len & 1) {
		if (i % 8 == 0)
			out_str(pr->out, "\n\t\t\t");
		out_char(pr->out, ' ');
		out_hex(pr->out, p[len - 1], 2);
	}
}

bool classic_text(np_printer *pr, const uint8_t *p, uint32_t n, bool nul_ends)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, pr->snapend, &c))
			return false;
		if (c == 0 && nul_ends)
			return true;
		print_safe_char(pr, c);
	}
	return true;
}

static void c_ether_type(np_printer *pr, uint16_t type)
{
	const char *name = tok_name(classic_ethertypes, type);
	if (name)
		out_str(pr->out, name);
	else
		out_hex(pr->out, type, 4);
}

/* 3.x's ether_print: "src dst type length: " */
static void c_ether_hdr(np_printer *pr, const np_layer *eth, uint32_t length)
{
	classic_mac(pr, eth->u.eth.src);
	out_char(pr->out, ' ');
	classic_mac(pr, eth->u.eth.dst);
	out_char(pr->out, ' ');
	c_ether_type(pr, eth->u.eth.type_or_len);
	out_char(pr->out, ' ');
	out_u32(pr->out, length);
	out_str(pr->out, ": ");
}

/* ---- ARP --------------------------------------------------------------- */

#define ARP_ETHER_IP_LEN 28 /* struct ether_arp */

static void c_arp(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	if (!np_has(p, pr->snapend, ARP_ETHER_IP_LEN)) {
		out_str(pr->out, "[|arp]");
		return;
	}
	if (length < ARP_ETHER_IP_LEN) {
		out_str(pr->out, "truncated-arp");
		classic_hex(pr, p, length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_ARP, p, length);
	const struct np_arp_info *a = &l->u.arp;
	if ((a->pro != ETHERTYPE_IP && a->pro != ETHERTYPE_TRAIL) || a->hln != 6 || a->pln != 4) {
		out_fmt(pr->out, "arp-#%u for proto #%u (%u) hardware #%u (%u)", a->op, a->pro, a->pln, a->hrd, a->hln);
		return;
	}
	if (!a->sha || !a->spa || !a->tha || !a->tpa) { /* cannot happen: 28 bytes are there */
		out_str(pr->out, "[|arp]");
		return;
	}
	static const uint8_t ezero[6];
	const np_layer *eth = pr->pkt ? np_find_layer(pr->pkt, NP_LAYER_ETH) : NULL;
	const uint8_t *esrc = eth && eth->status == NP_OK ? eth->u.eth.src : NULL;
	const uint8_t *edst = eth && eth->status == NP_OK ? eth->u.eth.dst : NULL;
	np_out *o = pr->out;
	if (a->pro == ETHERTYPE_TRAIL)
		out_str(o, "trailer-");
	switch (a->op) {
	case 1:
		out_str(o, "arp who-has ");
		out_ipv4(o, a->tpa);
		if (memcmp(ezero, a->tha, 6) != 0) {
			out_str(o, " (");
			classic_mac(pr, a->tha);
			out_char(o, ')');
		}
		out_str(o, " tell ");
		out_ipv4(o, a->spa);
		if (esrc && memcmp(esrc, a->sha, 6) != 0) {
			out_str(o, " (");
			classic_mac(pr, a->sha);
			out_char(o, ')');
		}
		break;
	case 2:
		out_str(o, "arp reply ");
		out_ipv4(o, a->spa);
		if (esrc && memcmp(esrc, a->sha, 6) != 0) {
			out_str(o, " (");
			classic_mac(pr, a->sha);
			out_char(o, ')');
		}
		out_str(o, " is-at ");
		classic_mac(pr, a->sha);
		if (edst && memcmp(edst, a->tha, 6) != 0) {
			out_str(o, " (");
			classic_mac(pr, a->tha);
			out_char(o, ')');
		}
		break;
	case 3:
		out_str(o, "rarp who-is ");
		classic_mac(pr, a->tha);
		out_str(o, " tell ");
		classic_mac(pr, a->sha);
		break;
	case 4:
		out_str(o, "rarp reply ");
		classic_mac(pr, a->tha);
		out_str(o, " at ");
		out_ipv4(o, a->tpa);
		break;
	default:
		out_fmt(o, "arp-#%u", a->op);
		classic_hex(pr, p, caplen);
		return;
	}
	if (a->hrd != 1)
		out_fmt(o, " hardware #%u", a->hrd);
}

/* ---- link layers and the frame ----------------------------------------- */

/* The network printers 3.x's ether_encap_print knew: false for the rest. */
static bool c_ethertype(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	switch (type) {
	case ETHERTYPE_IP: classic_ip4(pr, p, length); return true;
	case ETHERTYPE_IPV6: classic_ip6(pr, p, length); return true;
	case ETHERTYPE_ARP:
	case ETHERTYPE_REVARP: c_arp(pr, p, length, caplen); return true;
	default: return false;
	}
}

/* 3.x's ether_if_print; returns the link header length. 802.3 frames and
 * 802.1Q tags were not known to 3.x's Ethernet printer in the form
 * netprofile decodes: they get the header and a hex dump. */
static uint32_t c_ether(np_printer *pr, const np_packet *pkt)
{
	uint32_t caplen = pkt->caplen, length = pkt->wirelen;
	if (caplen < ETHER_HDRLEN) {
		out_str(pr->out, "[|ether]");
		return caplen;
	}
	const np_layer *eth = print_layer_at(pr, NP_LAYER_ETH, pkt->data, length);
	if (pr->o.eflag)
		c_ether_hdr(pr, eth, length);
	const uint8_t *p = pkt->data + ETHER_HDRLEN;
	length = length > ETHER_HDRLEN ? length - ETHER_HDRLEN : 0;
	caplen -= ETHER_HDRLEN;
	uint16_t type = eth->u.eth.type_or_len;
	if (type <= ETHERMTU) {
		if (!pr->o.eflag)
			c_ether_hdr(pr, eth, length);
		if (!pr->o.xflag && !pr->o.qflag)
			classic_hex(pr, p, caplen);
	} else if (!c_ethertype(pr, type, p, length, caplen)) {
		if (!pr->o.eflag)
			c_ether_hdr(pr, eth, length + ETHER_HDRLEN);
		if (!pr->o.xflag && !pr->o.qflag)
			classic_hex(pr, p, caplen);
	}
	return ETHER_HDRLEN;
}

/* Other link types (3.x's null, raw, and what came later): the network
 * layer the decoder found, without a link header. */
static uint32_t c_other_link(np_printer *pr, const np_packet *pkt)
{
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		const np_layer *l = &pkt->layer[i];
		if (l->kind != NP_LAYER_IP4 && l->kind != NP_LAYER_IP6 && l->kind != NP_LAYER_ARP)
			continue;
		uint32_t hdr = (uint32_t)(l->p - pkt->data);
		uint32_t length = pkt->wirelen > hdr ? pkt->wirelen - hdr : 0;
		if (l->kind == NP_LAYER_IP4)
			classic_ip4(pr, l->p, length);
		else if (l->kind == NP_LAYER_IP6)
			classic_ip6(pr, l->p, length);
		else
			c_arp(pr, l->p, length, pkt->caplen - hdr);
		return hdr;
	}
	uint32_t hdr = pkt->nlayers > 0 ? pkt->layer[0].hdrlen : 0;
	if (hdr > pkt->caplen)
		hdr = pkt->caplen;
	if (!pr->o.xflag && !pr->o.qflag)
		classic_hex(pr, pkt->data + hdr, pkt->caplen - hdr);
	return hdr;
}

void print_classic_packet(np_printer *pr, const np_packet *pkt)
{
	uint32_t hdrlen = pkt->dlt == NP_DLT_EN10MB ? c_ether(pr, pkt) : c_other_link(pr, pkt);
	if (pr->o.xflag) {
		pr->snapend = pkt->end;
		if (pkt->caplen > hdrlen)
			classic_hex(pr, pkt->data + hdrlen, pkt->caplen - hdrlen);
	}
}
