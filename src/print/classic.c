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
 * This file: the frame (link layers, -e, -x), ARP, IPv4 and its options,
 * IPv6 (3.5's short form), ICMP, ICMPv6 (names only) and IGMP. TCP is in
 * classic_tcp.c; UDP, DNS and BOOTP in classic_udp.c.
 *
 * Not for: tcpdump 4.99's text (the rest of print/), or -X/-A, which 3.x did
 * not have (decode refuses them with this style).
 */
#include "classic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cksum.h"

enum {
	ETHER_HDRLEN = 14,
	ETHERMTU = 1500,
	ETHERTYPE_IP = 0x0800,
	ETHERTYPE_ARP = 0x0806,
	ETHERTYPE_REVARP = 0x8035,
	ETHERTYPE_TRAIL = 0x1000,
	ETHERTYPE_IPV6 = 0x86dd,
};

enum {
	IPPROTO_ICMP_ = 1,
	IPPROTO_IGMP_ = 2,
	IPPROTO_ENCAP_ = 4,
	IPPROTO_TCP_ = 6,
	IPPROTO_UDP_ = 17,
	IPPROTO_ICMPV6_ = 58,
	IPPROTO_ND_ = 77,
};

#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff

/* tcpdump 3.x's etherproto names (addrtoname.c's eproto_db). */
static const np_tok classic_ethertypes[] = {
	{0x0200, "pup"}, {0x0600, "xns"}, {ETHERTYPE_IP, "ip"}, {ETHERTYPE_IPV6, "ip6"},
	{ETHERTYPE_ARP, "arp"}, {ETHERTYPE_REVARP, "rarp"}, {0x0500, "sprite"}, {0x6001, "mopdl"},
	{0x6002, "moprc"}, {0x6003, "decnet"}, {0x6004, "lat"}, {0x6007, "sca"}, {0x8038, "lanbridge"},
	{0x803c, "decdns"}, {0x803e, "decdts"}, {0x805b, "vexp"}, {0x805c, "vprod"}, {0x809b, "atalk"},
	{0x80f3, "atalkarp"}, {0x9000, "loopback"},
	{0, NULL},
};

static void c_ip4(np_printer *pr, const uint8_t *p, uint32_t length);
static void c_ip6(np_printer *pr, const uint8_t *p, uint32_t length);

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

/* "src > dst: " */
static void c_hosts(np_printer *pr, const classic_ip *ip, bool space)
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
		out_fmt(pr->out, "arp-#%u for proto #%u (%u) hardware #%u (%u)", a->op, a->pro, a->pln, a->hrd,
			a->hln);
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

/* ---- ICMP -------------------------------------------------------------- */

static const np_tok icmp_names[] = {
	{0, "echo reply"}, {4, "source quench"}, {8, "echo request"}, {10, "router solicitation"},
	{13, "time stamp request"}, {14, "time stamp reply"}, {15, "information request"},
	{16, "information reply"}, {17, "address mask request"},
	{0, NULL},
};

/* Unreachable codes other than protocol, port and need-to-frag: a format
 * with one %s, the quoted destination. */
static const char *const unreach_fmt[] = {
	[0] = "net %s unreachable",
	[1] = "host %s unreachable",
	[5] = "%s unreachable - source route failed",
	[6] = "net %s unreachable - unknown",
	[7] = "host %s unreachable - unknown",
	[8] = "%s unreachable - source host isolated",
	[9] = "net %s unreachable - admin prohibited",
	[10] = "host %s unreachable - admin prohibited",
	[11] = "net %s unreachable - tos prohibited",
	[12] = "host %s unreachable - tos prohibited",
};

static const char *const redirect_fmt[] = {
	"redirect %s to net %s",
	"redirect %s to host %s",
	"redirect-tos %s to net %s",
	"redirect-tos %s to net %s", /* sic: 3.x says net for the host form too */
};

/* The quoted datagram of an ICMP error: its decoded IPv4 layer, or NULL
 * when its header (up to the destination address) was not captured. */
static const np_layer *icmp_quoted_ip(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (!np_has(p, pr->snapend, 8 + 20))
		return NULL;
	return print_layer_at(pr, NP_LAYER_IP4, p + 8, length > 8 ? length - 8 : 0);
}

static void c_ipv4_text(char *buf, size_t cap, const uint8_t *a)
{
	snprintf(buf, cap, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void c_icmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	c_hosts(pr, ip, true);
	const np_layer *l = print_layer_at(pr, NP_LAYER_ICMP, p, length);
	if (!np_has(p, pr->snapend, 2)) {
		out_str(o, "[|icmp]");
		return;
	}
	uint8_t type = l->u.icmp.type, code = l->u.icmp.code;
	char buf[256], a1[16], a2[16];
	const char *str = buf;
	buf[0] = '\0';
	switch (type) {
	case 3: { /* unreachable */
		const np_layer *q = icmp_quoted_ip(pr, p, length);
		if (!q)
			goto trunc;
		const struct np_ip4_info *qip = &q->u.ip4;
		c_ipv4_text(a1, sizeof(a1), qip->dst);
		if (code == 2) {
			snprintf(buf, sizeof(buf), "%s protocol %u unreachable", a1, qip->proto);
		} else if (code == 3) {
			/* The quoted transport header's destination port: from its
			 * decoded layer for TCP and UDP; for others 3.x read the
			 * same 16 bits as if it were UDP. */
			const uint8_t *th = p + 8 + (uint32_t)qip->ihl * 4;
			uint16_t dport;
			if (!np_get_be16(th + 2, pr->snapend, &dport))
				goto trunc;
			if (qip->proto == IPPROTO_TCP_ || qip->proto == IPPROTO_UDP_) {
				uint32_t qlen = q->len > (uint32_t)qip->ihl * 4 ? q->len - (uint32_t)qip->ihl * 4 : 0;
				const np_layer *ql = print_layer_at(
					pr, qip->proto == IPPROTO_TCP_ ? NP_LAYER_TCP : NP_LAYER_UDP, th, qlen);
				dport = qip->proto == IPPROTO_TCP_ ? ql->u.tcp.dport : ql->u.udp.dport;
			}
			if (qip->proto == IPPROTO_TCP_)
				snprintf(buf, sizeof(buf), "%s tcp port %u unreachable", a1, dport);
			else if (qip->proto == IPPROTO_UDP_)
				snprintf(buf, sizeof(buf), "%s udp port %u unreachable", a1, dport);
			else
				snprintf(buf, sizeof(buf), "%s protocol %u port %u unreachable", a1, qip->proto,
					 dport);
		} else if (code == 4) {
			uint16_t mtu = 0;
			np_get_be16(p + 6, pr->snapend, &mtu);
			if (mtu)
				snprintf(buf, sizeof(buf), "%s unreachable - need to frag (mtu %u)", a1, mtu);
			else
				snprintf(buf, sizeof(buf), "%s unreachable - need to frag", a1);
		} else if (code < sizeof(unreach_fmt) / sizeof(unreach_fmt[0]) && unreach_fmt[code]) {
			snprintf(buf, sizeof(buf), unreach_fmt[code], a1);
		} else {
			snprintf(buf, sizeof(buf), "#%u %s unreachable", code, a1);
		}
		break;
	}
	case 5: { /* redirect */
		const np_layer *q = icmp_quoted_ip(pr, p, length);
		if (!q)
			goto trunc;
		c_ipv4_text(a1, sizeof(a1), q->u.ip4.dst);
		c_ipv4_text(a2, sizeof(a2), p + 4); /* the gateway: within the 28 bytes checked */
		if (code < 4)
			snprintf(buf, sizeof(buf), redirect_fmt[code], a1, a2);
		else
			snprintf(buf, sizeof(buf), "redirect-#%u %s to net %s", code, a1, a2);
		break;
	}
	case 9: { /* router advertisement */
		uint8_t num, size;
		uint16_t lifetime;
		if (!np_get_u8(p + 4, pr->snapend, &num) || !np_get_u8(p + 5, pr->snapend, &size) ||
		    !np_get_be16(p + 6, pr->snapend, &lifetime))
			goto trunc;
		size_t n = (size_t)snprintf(buf, sizeof(buf), "router advertisement lifetime ");
		if (lifetime < 60)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u", lifetime);
		else if (lifetime < 3600)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u:%02u", lifetime / 60, lifetime % 60);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u:%02u:%02u", lifetime / 3600,
					      (lifetime % 3600) / 60, lifetime % 60);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %u:", num);
		if (size != 2) {
			snprintf(buf + n, sizeof(buf) - n, " [size %u]", size);
			break;
		}
		const uint8_t *e = p + 8;
		for (unsigned i = 0; i < num; i++, e += 8) {
			uint32_t pref;
			if (!np_get_be32(e + 4, pr->snapend, &pref))
				goto trunc;
			c_ipv4_text(a1, sizeof(a1), e);
			if (n < sizeof(buf))
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, " {%s %u}", a1, pref);
		}
		break;
	}
	case 11: { /* time exceeded */
		if (!icmp_quoted_ip(pr, p, length))
			goto trunc;
		if (code == 0)
			str = "time exceeded in-transit";
		else if (code == 1)
			str = "ip reassembly time exceeded";
		else
			snprintf(buf, sizeof(buf), "time exceeded-#%u", code);
		break;
	}
	case 12: { /* parameter problem */
		uint8_t ptr;
		if (code) {
			snprintf(buf, sizeof(buf), "parameter problem - code %u", code);
		} else {
			if (!np_get_u8(p + 4, pr->snapend, &ptr))
				goto trunc;
			snprintf(buf, sizeof(buf), "parameter problem - octet %u", ptr);
		}
		break;
	}
	case 18: { /* address mask reply */
		uint32_t mask;
		if (!np_get_be32(p + 8, pr->snapend, &mask))
			goto trunc;
		snprintf(buf, sizeof(buf), "address mask is 0x%08x", mask);
		break;
	}
	default:
		str = tok2str(icmp_names, "type-#%u", type);
		break;
	}
	out_str(o, "icmp: ");
	out_str(o, str);
	return;
trunc:
	out_str(o, "[|icmp]");
}

/* ---- ICMPv6 (3.5 knew the names; the bodies are left out) -------------- */

static const np_tok icmp6_names[] = {
	{1, "destination unreachable"}, {2, "packet too big"}, {4, "parameter problem"},
	{128, "echo request"}, {129, "echo reply"}, {130, "multicast listener query"},
	{131, "multicast listener report"}, {132, "multicast listener done"},
	{133, "router solicitation"}, {134, "router advertisement"}, {137, "redirect"},
	{0, NULL},
};

static void c_icmp6(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	c_hosts(pr, ip, true);
	const np_layer *l = print_layer_at(pr, NP_LAYER_ICMP6, p, length);
	if (!np_has(p, pr->snapend, 2)) {
		out_str(o, "[|icmp6]");
		return;
	}
	uint8_t type = l->u.icmp.type, code = l->u.icmp.code;
	out_str(o, "icmp6: ");
	if (type == 3) {
		out_str(o, code == 0 ? "time exceeded in-transit" : "ip6 reassembly time exceeded");
	} else if (type == 135 || type == 136) {
		if (!np_has(p + 8, pr->snapend, 16)) {
			out_str(o, type == 135 ? "neighbor sol" : "neighbor adv");
			out_str(o, " [|icmp6]");
			return;
		}
		out_str(o, type == 135 ? "neighbor sol: who has " : "neighbor adv: tgt is ");
		out_ipv6(o, p + 8);
	} else {
		out_str(o, tok2str(icmp6_names, "type-#%u", type));
	}
}

/* ---- IGMP (3.4's igmp_print, DVMRP/PIM/mtrace bodies left out) --------- */

static void c_igmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	c_hosts(pr, ip, true);
	if (!np_has(p, pr->snapend, 8)) {
		out_str(o, "[|igmp]");
		return;
	}
	uint8_t type = p[0], b1 = p[1];
	const uint8_t *group = p + 4;
	static const uint8_t zero4[4];
	switch (type) {
	case 0x11:
		out_fmt(o, "igmp %s query", b1 ? "v2" : "v1");
		if (b1 && b1 != 100)
			out_fmt(o, " [intvl %u]", b1);
		if (memcmp(group, zero4, 4) != 0) {
			out_str(o, " [gaddr ");
			out_ipv4(o, group);
			out_char(o, ']');
		}
		if (len != 8)
			out_fmt(o, " [len %u]", len);
		break;
	case 0x12:
	case 0x16:
		out_fmt(o, "igmp %s report ", (type & 0x0f) == 6 ? "v2" : "v1");
		out_ipv4(o, group);
		if (len != 8)
			out_fmt(o, " [len %u]", len);
		if (b1)
			out_fmt(o, " [b1=0x%x]", b1);
		break;
	case 0x17:
		out_str(o, "igmp leave ");
		out_ipv4(o, group);
		if (len != 8)
			out_fmt(o, " [len %u]", len);
		if (b1)
			out_fmt(o, " [b1=0x%x]", b1);
		break;
	case 0x13:
		out_str(o, "igmp dvmrp");
		if (len < 8)
			out_fmt(o, " [len %u]", len);
		break;
	case 0x14:
		out_str(o, "igmp pim");
		break;
	default:
		out_fmt(o, "igmp-%u", type & 0x0f);
		if (b1)
			out_fmt(o, " [b1=0x%02x]", b1);
		break;
	}
	if (pr->o.vflag && np_has(p, pr->snapend, len) && np_in_cksum(p, len, 0) != 0) {
		uint16_t sum = 0;
		np_get_be16(p + 2, pr->snapend, &sum);
		out_fmt(o, " bad igmp cksum %x!", sum);
	}
}

/* ---- IPv4 -------------------------------------------------------------- */

/* 3.4's ip_printroute: " TYPE{a b #c}" with '#' where the pointer is. */
static void c_ip_route(np_printer *pr, const char *type, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t ptr = (uint32_t)cp[2] - 1;
	out_fmt(o, " %s{", type);
	if ((length + 1) & 3)
		out_fmt(o, " [bad length %u]", length);
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		out_fmt(o, " [bad ptr %u]", cp[2]);
	const char *sep = "";
	uint32_t len;
	for (len = 3; len + 4 <= length; len += 4) {
		if (ptr == len)
			sep = "#";
		out_str(o, sep);
		out_ipv4(o, cp + len);
		sep = " ";
	}
	out_str(o, ptr == len ? "#}" : "}");
}

/* 3.4's ip_optprint. */
static void c_ip_options(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t len;
	for (; length > 0; cp += len, length -= len) {
		uint8_t tt, l1 = 0;
		if (!np_get_u8(cp, pr->snapend, &tt)) {
			out_str(o, "[|ip]");
			return;
		}
		if (tt == 0 || tt == 1) {
			len = 1;
		} else {
			if (!np_get_u8(cp + 1, pr->snapend, &l1)) {
				out_str(o, "[|ip]");
				return;
			}
			len = l1;
		}
		if (len == 0) {
			out_fmt(o, "[|ip op len %u]", len);
			return;
		}
		if (!np_has(cp, pr->snapend, len > 2 ? len : 2)) {
			out_str(o, "[|ip]");
			return;
		}
		switch (tt) {
		case 0:
			out_str(o, " EOL");
			if (length > 1)
				out_fmt(o, "-%u", length - 1);
			return;
		case 1:
			out_str(o, " NOP");
			break;
		case 68:
			out_fmt(o, " TS{%u}", len);
			break;
		case 130:
			out_fmt(o, " SECURITY{%u}", len);
			break;
		case 7:
			out_fmt(o, " RR{%u}=", len);
			if (len >= 3)
				c_ip_route(pr, "RR", cp, len);
			break;
		case 137:
			if (len >= 3)
				c_ip_route(pr, "SSRR", cp, len);
			break;
		case 131:
			if (len >= 3)
				c_ip_route(pr, "LSRR", cp, len);
			break;
		case 148:
			out_fmt(o, " RA{%u}", len);
			if (len >= 4 && (cp[2] != 0 || cp[3] != 0))
				out_fmt(o, " [b23=0x04%x]", (unsigned)(cp[2] << 8 | cp[3])); /* sic */
			break;
		default:
			out_fmt(o, " IPOPT-%u{%u}", tt, len);
			break;
		}
		if (len >= length)
			return;
	}
}

static void c_ip4(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, 20)) {
		out_str(o, "[|ip]");
		return;
	}
	if (length < 20) {
		out_fmt(o, "truncated-ip %u", length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP4, p, length);
	const struct np_ip4_info *ip = &l->u.ip4;
	uint32_t hlen = (uint32_t)ip->ihl * 4;
	uint32_t len = ip->total_len;
	if (hlen < 20) {
		out_fmt(o, "bad-hlen %u", hlen);
		return;
	}
	if (length < len)
		out_fmt(o, "truncated-ip - %u bytes missing!", len - length);
	if (len < hlen) {
		out_fmt(o, "bad-len %u", len);
		return;
	}
	len -= hlen;
	uint16_t off = ip->frag;
	classic_ip cip = {4, ip->src, ip->dst};
	const uint8_t *old = print_push_snaplen(pr, p, ip->total_len);

	if ((off & IP_OFFMASK) == 0) {
		const uint8_t *cp = p + hlen;
		switch (ip->proto) {
		case IPPROTO_TCP_:
			classic_tcp(pr, &cip, cp, len);
			break;
		case IPPROTO_UDP_:
			classic_udp(pr, &cip, cp, len);
			break;
		case IPPROTO_ICMP_:
			c_icmp(pr, &cip, cp, len);
			break;
		case IPPROTO_IGMP_:
			c_igmp(pr, &cip, cp, len);
			break;
		case IPPROTO_ND_:
			c_hosts(pr, &cip, false);
			out_fmt(o, " nd %u", len);
			break;
		case IPPROTO_ENCAP_:
			if (pr->o.vflag)
				c_hosts(pr, &cip, true);
			c_ip4(pr, cp, len);
			if (!pr->o.vflag) {
				out_str(o, " (encap)");
				print_pop_snapend(pr, old);
				return;
			}
			break;
		default:
			c_hosts(pr, &cip, false);
			out_fmt(o, " ip-proto-%u %u", ip->proto, len);
			break;
		}
	}
	print_pop_snapend(pr, old);

	if (off & 0x3fff) {
		if (off & IP_OFFMASK)
			c_hosts(pr, &cip, false);
		out_fmt(o, " (frag %u:%u@%u%s)", ip->id, len, (off & IP_OFFMASK) * 8u, (off & IP_MF) ? "+" : "");
	} else if (off & IP_DF) {
		out_str(o, " (DF)");
	}
	if (ip->tos)
		out_fmt(o, " [tos 0x%x]", ip->tos);
	if (ip->ttl <= 1)
		out_fmt(o, " [ttl %u]", ip->ttl);
	if (pr->o.vflag) {
		const char *sep = "";
		out_str(o, " (");
		if (ip->ttl > 1) {
			out_fmt(o, "%sttl %u", sep, ip->ttl);
			sep = ", ";
		}
		if ((off & 0x3fff) == 0) {
			out_fmt(o, "%sid %u", sep, ip->id);
			sep = ", ";
		}
		if (np_has(p, pr->snapend, hlen) && np_in_cksum(p, hlen, 0) != 0) {
			out_fmt(o, "%sbad cksum %x!", sep, ip->cksum);
			sep = ", ";
		}
		if (hlen > 20) {
			out_fmt(o, "%soptlen=%u", sep, hlen - 20);
			c_ip_options(pr, p + 20, hlen - 20);
		}
		out_char(o, ')');
	}
}

/* ---- IPv6 (3.5's ip6_print, shortened) --------------------------------- */

static void c_ip6(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, 40)) {
		out_str(o, "[|ip6]");
		return;
	}
	if (length < 40) {
		out_fmt(o, "truncated-ip6 %u", length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP6, p, length);
	const struct np_ip6_info *ip = &l->u.ip6;
	uint32_t total = 40u + ip->payload_len;
	if (length < total)
		out_fmt(o, "truncated-ip6 - %u bytes missing!", total - length);
	classic_ip cip = {6, ip->src, ip->dst};
	const uint8_t *old = print_push_snaplen(pr, p, total);
	uint32_t hdrlen = l->hdrlen >= 40 ? l->hdrlen : 40;
	uint32_t len = l->len > hdrlen ? l->len - hdrlen : 0;
	const uint8_t *cp = p + hdrlen;
	if (ip->fragment && ip->frag_off != 0) {
		c_hosts(pr, &cip, true);
		out_fmt(o, "frag (%u|%u)", ip->frag_off, len);
	} else {
		switch (ip->proto) {
		case IPPROTO_TCP_:
			classic_tcp(pr, &cip, cp, len);
			break;
		case IPPROTO_UDP_:
			classic_udp(pr, &cip, cp, len);
			break;
		case IPPROTO_ICMPV6_:
			c_icmp6(pr, &cip, cp, len);
			break;
		default:
			c_hosts(pr, &cip, true);
			out_fmt(o, "ip-proto-%u %u", ip->proto, len);
			break;
		}
	}
	print_pop_snapend(pr, old);
	if (ip->flow)
		out_fmt(o, " [flowlabel 0x%x]", ip->flow);
	if (ip->hlim <= 1)
		out_fmt(o, " [hlim %u]", ip->hlim);
	if (pr->o.vflag)
		out_fmt(o, " (len %u, hlim %u)", ip->payload_len, ip->hlim);
}

/* ---- link layers and the frame ----------------------------------------- */

/* The network printers 3.x's ether_encap_print knew: false for the rest. */
static bool c_ethertype(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	switch (type) {
	case ETHERTYPE_IP:
		c_ip4(pr, p, length);
		return true;
	case ETHERTYPE_IPV6:
		c_ip6(pr, p, length);
		return true;
	case ETHERTYPE_ARP:
	case ETHERTYPE_REVARP:
		c_arp(pr, p, length, caplen);
		return true;
	default:
		return false;
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
			c_ip4(pr, l->p, length);
		else if (l->kind == NP_LAYER_IP6)
			c_ip6(pr, l->p, length);
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
	if (!pr->classic) {
		pr->classic = calloc(1, sizeof(*pr->classic));
		if (!pr->classic) {
			out_str(pr->out, "[out of memory]");
			return;
		}
	}
	uint32_t hdrlen = pkt->dlt == NP_DLT_EN10MB ? c_ether(pr, pkt) : c_other_link(pr, pkt);
	if (pr->o.xflag) {
		pr->snapend = pkt->end;
		if (pkt->caplen > hdrlen)
			classic_hex(pr, pkt->data + hdrlen, pkt->caplen - hdrlen);
	}
}

void print_classic_free(np_printer *pr)
{
	if (!pr->classic)
		return;
	classic_tcp_free(pr->classic);
	free(pr->classic);
	pr->classic = NULL;
}
