/*
 * classic_icmp.c - ICMP, ICMPv6 and IGMP in the classic style (classic.c):
 * tcpdump 3.4's icmp_print and igmp_print, and the names of 3.5's
 * icmp6_print.
 *
 *   10.0.0.5 > 64.208.34.100: icmp: echo request
 *   24.95.80.133 > 10.0.0.5: icmp: time exceeded in-transit
 *   10.0.0.1 > 10.0.0.5: icmp: 10.0.0.2 udp port 53 unreachable
 *
 * Errors name the destination of the datagram they quote (decoded on
 * demand with print_layer_at) and, for port unreachable, its port; no echo
 * id or sequence, no checksum note (3.4 printed neither). ICMPv6 prints the
 * message name (and a neighbour solicitation's or advertisement's target);
 * IGMP its queries, reports and leaves, DVMRP, PIM and mtrace by name only.
 *
 * Not for: the 4.99 text (icmp.c, icmp6*.c, igmp.c).
 */
#include "classic.h"

#include <stdio.h>
#include <string.h>

#include "cksum.h"

enum {
	IPPROTO_TCP_ = 6,
	IPPROTO_UDP_ = 17,
};

/* ---- ICMP -------------------------------------------------------------- */

static const np_tok icmp_names[] = {
	{0, "echo reply"},
	{4, "source quench"},
	{8, "echo request"},
	{10, "router solicitation"},
	{13, "time stamp request"},
	{14, "time stamp reply"},
	{15, "information request"},
	{16, "information reply"},
	{17, "address mask request"},
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
	"redirect %s to net %s", "redirect %s to host %s", "redirect-tos %s to net %s",
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

void classic_icmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	classic_hosts(pr, ip, true);
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
				snprintf(buf, sizeof(buf), "%s protocol %u port %u unreachable", a1, qip->proto, dport);
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
		unsigned lt = lifetime;
		size_t n = (size_t)snprintf(buf, sizeof(buf), "router advertisement lifetime ");
		if (lt < 60)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u", lt);
		else if (lt < 3600)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u:%02u", lt / 60, lt % 60);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u:%02u:%02u", lt / 3600, (lt % 3600) / 60,
					      lt % 60);
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
	default: str = tok2str(icmp_names, "type-#%u", type); break;
	}
	out_str(o, "icmp: ");
	out_str(o, str);
	return;
trunc:
	out_str(o, "[|icmp]");
}

/* ---- ICMPv6 (3.5 knew the names; the bodies are left out) -------------- */

static const np_tok icmp6_names[] = {
	{1, "destination unreachable"},
	{2, "packet too big"},
	{4, "parameter problem"},
	{128, "echo request"},
	{129, "echo reply"},
	{130, "multicast listener query"},
	{131, "multicast listener report"},
	{132, "multicast listener done"},
	{133, "router solicitation"},
	{134, "router advertisement"},
	{137, "redirect"},
	{0, NULL},
};

void classic_icmp6(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	classic_hosts(pr, ip, true);
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

void classic_igmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	classic_hosts(pr, ip, true);
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
	case 0x14: out_str(o, "igmp pim"); break;
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
