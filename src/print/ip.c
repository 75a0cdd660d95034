/*
 * ip.c - IPv4 text (tcpdump's print-ip.c and print-ip-demux.c): the
 * "IP a > b:" line, the -v header summary, header checksum check, options,
 * fragments, and the hand-off of the payload to the protocol printers.
 */
#include "print.h"

#include "cksum.h"

static const np_tok ipproto_values[] = {
	{0, "HBH"}, {1, "ICMP"}, {2, "IGMP"}, {4, "IPIP"}, {6, "TCP"}, {8, "EGP"}, {9, "IGRP"},
	{17, "UDP"}, {33, "DCCP"}, {41, "IPv6"}, {43, "Routing"}, {44, "Fragment"}, {46, "RSVP"},
	{47, "GRE"}, {50, "ESP"}, {51, "AH"}, {55, "Mobile IP"}, {58, "ICMPv6"}, {59, "NONE"},
	{60, "DSTOPT"}, {77, "ND"}, {80, "ISO-IP"}, {88, "EIGRP"}, {89, "OSPF"}, {91, "Mobility"},
	{103, "PIM"}, {108, "Comp"}, {112, "VRRP"}, {113, "PGM"}, {132, "SCTP"}, {135, "Mobility"},
	{143, "Ethernet"}, {0, NULL},
};

const char *ipproto_name(uint8_t proto)
{
	return tok_name(ipproto_values, proto);
}

static const np_tok ip_frag_values[] = {
	{0x2000, "+"},
	{0x4000, "DF"},
	{0x8000, "rsvd"},
	{0, NULL},
};

void print_ip_demux(np_printer *pr, const uint8_t *p, uint32_t length, int ver, int fragmented,
		    uint8_t ttl_hl, uint8_t nh, const uint8_t *iph)
{
	const char *name;
	switch (nh) {
	case 6:
		print_tcp(pr, p, length, iph, fragmented);
		break;
	case 17:
		print_udp(pr, p, length, iph, fragmented, ttl_hl);
		break;
	case 1:
	case 2:
		if (ver == 4) {
			if (nh == 1)
				print_icmp(pr, p, length, iph, fragmented);
			else
				out_fmt(pr->out, " ip-proto-%u %u", nh, length); /* IGMP: not decoded */
		} else {
			out_fmt(pr->out, "[%s requires IPv4]", tok2str(ipproto_values, "unknown", nh));
			print_invalid(pr);
		}
		break;
	case 58:
		if (ver == 6) {
			print_icmp6(pr, p, length, iph, fragmented);
		} else {
			out_fmt(pr->out, "[%s requires IPv6]", tok2str(ipproto_values, "unknown", nh));
			print_invalid(pr);
		}
		break;
	case 4:
		print_ip(pr, p, length);
		break;
	case 41:
		print_ip6(pr, p, length);
		break;
	case 47:
		print_gre(pr, p, length);
		break;
	case 77:
		out_fmt(pr->out, " nd %u", length);
		break;
	case 59:
		out_str(pr->out, "no next header");
		break;
	default:
		(void)name;
		out_fmt(pr->out, " ip-proto-%u %u", nh, length);
		break;
	}
}

void print_ip_any(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t v;
	pr->protocol = "ip";
	NP_GET_U8(v, p, pr->snapend);
	switch (v & 0xf0) {
	case 0x40:
		print_ip(pr, p, length);
		break;
	case 0x60:
		print_ip6(pr, p, length);
		break;
	default:
		out_fmt(pr->out, "unknown ip %u", (v & 0xf0) >> 4);
		break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* Options: "options (...)"; false when they ran off the header. */
bool print_ip_options(np_printer *pr, const uint8_t *p, uint32_t len);

static void print_ip_verbose(np_printer *pr, const np_layer *l, uint32_t hlen, bool *truncated)
{
	const struct np_ip4_info *ip = &l->u.ip4;
	np_out *o = pr->out;
	out_str(o, "(tos 0x");
	out_hex(o, ip->tos, 1);
	static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
	out_str(o, ecn[ip->tos & 3]);
	if (ip->ttl >= 1) {
		out_str(o, ", ttl ");
		out_u32(o, ip->ttl);
	}
	out_str(o, ", id ");
	out_u32(o, ip->id);
	out_str(o, ", offset ");
	out_u32(o, (uint32_t)(ip->frag & 0x1fff) * 8);
	out_str(o, ", flags [");
	print_bits(pr, ip_frag_values, ip->frag & 0xe000, ", ", "none");
	out_str(o, "], proto ");
	out_str(o, tok2str(ipproto_values, "unknown", ip->proto));
	out_str(o, " (");
	out_u32(o, ip->proto);
	out_str(o, "), length ");
	out_u32(o, ip->total_len);
	if (hlen > 20) {
		out_str(o, ", options (");
		if (!print_ip_options(pr, l->p + 20, hlen - 20)) {
			out_str(o, " [truncated-option]");
			*truncated = true;
		}
		out_char(o, ')');
	}
	if (np_has(l->p, pr->snapend, hlen)) {
		uint16_t sum = np_in_cksum(l->p, hlen, 0);
		if (sum != 0)
			out_fmt(o, ", bad cksum %x (->%x)!", ip->cksum, np_in_cksum_shouldbe(ip->cksum, sum));
	}
	out_str(o, ")\n    ");
}

static void print_ip_addrs(np_printer *pr, const struct np_ip4_info *ip)
{
	out_ipv4(pr->out, ip->src);
	out_str(pr->out, " > ");
	out_ipv4(pr->out, ip->dst);
}

void print_ip(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "ip";
	uint8_t vhl;
	NP_GET_U8(vhl, p, pr->snapend);
	if ((vhl >> 4) != 4) {
		if ((vhl >> 4) == 6)
			out_str(o, "IP6, wrong link-layer encapsulation");
		else
			out_fmt(o, "IP%u", vhl >> 4);
		print_invalid(pr);
		return;
	}
	if (!pr->o.eflag)
		out_str(o, "IP ");
	NP_CHECK(p, pr->snapend, 20);
	if (length < 20) {
		out_fmt(o, "truncated-ip %u", length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP4, p, length);
	const struct np_ip4_info *ip = &l->u.ip4;
	uint32_t hlen = (uint32_t)ip->ihl * 4;
	if (hlen < 20) {
		out_fmt(o, "bad-hlen %u", hlen);
		return;
	}
	uint32_t len = ip->total_len;
	if (length < len)
		out_fmt(o, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		if (len) {
			out_fmt(o, "bad-len %u", len);
			return;
		}
		len = length; /* TSO: the stack left the length 0 */
	}
	const uint8_t *old = print_push_snaplen(pr, p, len);
	len -= hlen;
	bool truncated = false;
	if (pr->o.vflag) {
		print_ip_verbose(pr, l, hlen, &truncated);
		if (truncated) {
			print_ip_addrs(pr, ip);
			out_str(o, ": ");
			print_trunc(pr);
			print_pop_snapend(pr, old);
			return;
		}
	}
	if ((ip->frag & 0x1fff) == 0) {
		uint8_t nh = ip->proto;
		if (nh != 6 && nh != 17 && nh != 132 && nh != 33) {
			print_ip_addrs(pr, ip);
			out_str(o, ": ");
		}
		if (!np_has(p, pr->snapend, hlen)) {
			out_fmt(o, " [remaining caplen(%u) < header length(%u)]", print_caplen_from(pr, p), hlen);
			print_trunc_stop(pr);
			return;
		}
		print_ip_demux(pr, p + hlen, len, 4, ip->frag & 0x2000, ip->ttl, nh, p);
		if (pr->stopped)
			return;
	} else {
		if (pr->o.qflag > 1) {
			print_pop_snapend(pr, old);
			return;
		}
		print_ip_addrs(pr, ip);
		out_fmt(o, ": ip-proto-%u", ip->proto);
	}
	print_pop_snapend(pr, old);
	return;
trunc:
	print_trunc_stop(pr);
}
