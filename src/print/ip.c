/*
 * ip.c - IPv4 text (tcpdump's print-ip.c and print-ip-demux.c): the
 * "IP a > b:" line, the -v header summary, header checksum check,
 * fragments, and the hand-off of an IP payload (v4 or v6) to the protocol
 * printers by protocol number.
 *
 * Not for: the options list (ip_opt.c) or parsing the header (decode/ip4.c
 * did that once; this reads the recorded fields).
 */
#include "print.h"

#include "cksum.h"

#define IP4_MIN_HDR 20
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff

enum {
	IPPROTO_ICMP = 1,
	IPPROTO_IGMP = 2,
	IPPROTO_IPV4 = 4,
	IPPROTO_TCP = 6,
	IPPROTO_UDP = 17,
	IPPROTO_DCCP = 33,
	IPPROTO_PGM = 113,
	IPPROTO_IPV6 = 41,
	IPPROTO_GRE = 47,
	IPPROTO_ESP = 50,
	IPPROTO_AH = 51,
	IPPROTO_ICMPV6 = 58,
	IPPROTO_NONE = 59,
	IPPROTO_ND = 77,
	IPPROTO_EIGRP = 88,
	IPPROTO_IGRP = 9,
	IPPROTO_OSPF = 89,
	IPPROTO_PIM = 103,
	IPPROTO_IPCOMP = 108,
	IPPROTO_VRRP = 112,
	IPPROTO_ETHERNET = 143,
};

/* tcpdump's ipproto_values: the names in "proto X (n)" and in notes. */
static const np_tok ipproto_values[] = {
	{0, "Options"},
	{1, "ICMP"},
	{2, "IGMP"},
	{4, "IPIP"},
	{6, "TCP"},
	{8, "EGP"},
	{9, "IGRP"},
	{17, "UDP"},
	{33, "DCCP"},
	{41, "IPv6"},
	{43, "Routing"},
	{44, "Fragment"},
	{46, "RSVP"},
	{47, "GRE"},
	{50, "ESP"},
	{51, "AH"},
	{55, "Mobile IP"},
	{58, "ICMPv6"},
	{62, "Mobile IP (old)"},
	{88, "EIGRP"},
	{89, "OSPF"},
	{103, "PIM"},
	{108, "Compressed IP"},
	{112, "VRRP"},
	{113, "PGM"},
	{132, "SCTP"},
	{135, "Mobility"},
	{143, "Ethernet"},
	{0, NULL},
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

/* "[ICMP requires IPv4] (invalid)" for a protocol under the wrong IP. */
static void print_wrong_ip_version(np_printer *pr, uint8_t nh, int needed)
{
	out_char(pr->out, '[');
	out_str(pr->out, tok2str(ipproto_values, "unknown", nh));
	out_str(pr->out, needed == 4 ? " requires IPv4]" : " requires IPv6]");
	print_invalid(pr);
}

/* What tcpdump prints for a protocol it has no printer for (-n given). */
static void print_unknown_proto(np_printer *pr, uint8_t nh, uint32_t length)
{
	out_str(pr->out, " ip-proto-");
	out_u32(pr->out, nh);
	out_char(pr->out, ' ');
	out_u32(pr->out, length);
}

/* One protocol after IP or AH; AH itself is unwound by print_ip_demux. */
static void print_ip_proto(np_printer *pr, const uint8_t *p, uint32_t length, int ver, int fragmented, uint8_t ttl_hl,
			   uint8_t nh, const uint8_t *iph)
{
	switch (nh) {
	case IPPROTO_TCP: print_tcp(pr, p, length, iph, fragmented); break;
	case IPPROTO_UDP: print_udp(pr, p, length, iph, fragmented, ttl_hl); break;
	case IPPROTO_DCCP: print_dccp(pr, p, length, iph); break;
	case IPPROTO_PGM: print_pgm(pr, p, length, iph); break;
	case IPPROTO_ICMP:
		if (ver == 4)
			print_icmp(pr, p, length, iph, fragmented);
		else
			print_wrong_ip_version(pr, nh, 4);
		break;
	case IPPROTO_ICMPV6:
		if (ver == 6)
			print_icmp6(pr, p, length, iph, fragmented);
		else
			print_wrong_ip_version(pr, nh, 6);
		break;
	case IPPROTO_IGMP:
		if (ver == 4)
			print_igmp(pr, p, length);
		else
			print_wrong_ip_version(pr, nh, 4);
		break;
	case IPPROTO_ESP: print_esp(pr, p, length, iph, fragmented, ttl_hl); break;
	case IPPROTO_IPCOMP: print_ipcomp(pr, p); break;
	case IPPROTO_IPV4: print_ip(pr, p, length); break;
	case IPPROTO_IPV6: print_ip6(pr, p, length); break;
	case IPPROTO_GRE: print_gre(pr, p, length); break;
	case IPPROTO_VRRP: print_vrrp(pr, p, length, iph, ttl_hl, ver); break;
	case IPPROTO_EIGRP: print_eigrp(pr, p, length); break;
	case IPPROTO_IGRP: print_igrp(pr, p, length); break;
	case 46: print_rsvp(pr, p, length); break; /* RSVP */
	case IPPROTO_PIM: print_pim(pr, p, length, iph); break;
	case IPPROTO_OSPF:
		if (ver == 6)
			print_ospf6(pr, p, length);
		else
			print_ospf(pr, p, length);
		break;
	case IPPROTO_ETHERNET:
		if (ver == 6)
			print_ether(pr, p, length, print_caplen_from(pr, p));
		else
			print_wrong_ip_version(pr, nh, 6);
		break;
	case IPPROTO_ND:
		out_str(pr->out, " nd ");
		out_u32(pr->out, length);
		break;
	case IPPROTO_NONE: out_str(pr->out, "no next header"); break;
	default: print_unknown_proto(pr, nh, length); break;
	}
}

void print_ip_demux(np_printer *pr, const uint8_t *p, uint32_t length, int ver, int fragmented, uint8_t ttl_hl,
		    uint8_t nh, const uint8_t *iph)
{
	/* AH headers chain: each names the protocol after it. */
	while (nh == IPPROTO_AH) {
		if (!np_get_u8(p, pr->snapend, &nh)) {
			pr->protocol = "ah";
			print_trunc(pr);
			return;
		}
		uint32_t advance = print_ah(pr, p);
		if (advance == 0)
			return;
		p += advance;
		length -= advance; /* wraps like tcpdump's u_int when AH claims more */
	}
	print_ip_proto(pr, p, length, ver, fragmented, ttl_hl, nh, iph);
}

void print_ip_any(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t v;
	pr->protocol = "ipn";
	if (length < 1) {
		out_str(pr->out, "truncated-ip ");
		out_u32(pr->out, length);
		return;
	}
	NP_GET_U8(v, p, pr->snapend);
	switch (v & 0xf0) {
	case 0x40: print_ip(pr, p, length); break;
	case 0x60: print_ip6(pr, p, length); break;
	default:
		out_str(pr->out, "unknown ip ");
		out_u32(pr->out, (v & 0xf0) >> 4);
		break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_ip_addrs(np_printer *pr, const struct np_ip4_info *ip)
{
	out_ipv4(pr->out, ip->src);
	out_str(pr->out, " > ");
	out_ipv4(pr->out, ip->dst);
}

/* ", bad cksum X (->Y)!" when the whole header is captured and sums wrong. */
static void print_ip_cksum(np_printer *pr, const np_layer *l, uint32_t hlen)
{
	if (!np_has(l->p, pr->snapend, hlen))
		return;
	uint16_t sum = np_in_cksum(l->p, hlen, 0);
	if (sum == 0)
		return;
	out_str(pr->out, ", bad cksum ");
	out_hex(pr->out, l->u.ip4.cksum, 1);
	out_str(pr->out, " (->");
	out_hex(pr->out, np_in_cksum_shouldbe(l->u.ip4.cksum, sum), 1);
	out_str(pr->out, ")!");
}

/*
 * The -v "(tos .., ttl .., id .., ...)\n    " summary. Returns false when
 * the options ran off the capture ("[truncated-option]"); pr->stopped is
 * set when they ran off it where tcpdump gives up on the packet.
 */
static bool print_ip_summary(np_printer *pr, const np_layer *l, uint32_t hlen)
{
	static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
	const struct np_ip4_info *ip = &l->u.ip4;
	np_out *o = pr->out;
	bool options_whole = true;
	out_str(o, "(tos 0x");
	out_hex(o, ip->tos, 1);
	out_str(o, ecn[ip->tos & 3]);
	if (ip->ttl >= 1) {
		out_str(o, ", ttl ");
		out_u32(o, ip->ttl);
	}
	out_str(o, ", id ");
	out_u32(o, ip->id);
	out_str(o, ", offset ");
	out_u32(o, (uint32_t)(ip->frag & IP_OFFMASK) * 8);
	out_str(o, ", flags [");
	print_bits(pr, ip_frag_values, ip->frag & 0xe000, ", ", "none");
	out_str(o, "], proto ");
	out_str(o, tok2str(ipproto_values, "unknown", ip->proto));
	out_str(o, " (");
	out_u32(o, ip->proto);
	out_str(o, "), length ");
	out_u32(o, ip->total_len);
	if (hlen > IP4_MIN_HDR) {
		out_str(o, ", options (");
		options_whole = print_ip_options(pr, l->p + IP4_MIN_HDR, hlen - IP4_MIN_HDR);
		if (pr->stopped)
			return false;
		if (!options_whole)
			out_str(o, " [truncated-option]");
		out_char(o, ')');
	}
	print_ip_cksum(pr, l, hlen);
	out_str(o, ")\n    ");
	return options_whole;
}

/* The first fragment (or a whole datagram): the payload's own printer. */
static void print_ip_payload(np_printer *pr, const np_layer *l, uint32_t hlen, uint32_t len)
{
	const struct np_ip4_info *ip = &l->u.ip4;
	uint8_t nh = ip->proto;
	/* These printers put the addresses in front of their ports themselves.
	 * (tcpdump's SCTP printer does too; ours has none for it yet, so its
	 * fallback line keeps the addresses.) */
	if (nh != IPPROTO_TCP && nh != IPPROTO_UDP && nh != IPPROTO_DCCP) {
		print_ip_addrs(pr, ip);
		out_str(pr->out, ": ");
	}
	if (!np_has(l->p, pr->snapend, hlen)) {
		out_str(pr->out, " [remaining caplen(");
		out_u32(pr->out, print_caplen_from(pr, l->p));
		out_str(pr->out, ") < header length(");
		out_u32(pr->out, hlen);
		out_str(pr->out, ")]");
		print_trunc_stop(pr);
		return;
	}
	print_ip_demux(pr, l->p + hlen, len, 4, ip->frag & IP_MF, ip->ttl, nh, l->p);
}

/* A later fragment: no transport header, only the protocol number. */
static void print_ip_fragment(np_printer *pr, const struct np_ip4_info *ip)
{
	if (pr->o.qflag > 1)
		return;
	print_ip_addrs(pr, ip);
	out_str(pr->out, ": ip-proto-");
	out_u32(pr->out, ip->proto);
}

/* False (after printing why) when the version nibble is not 4. */
static bool print_ip_version_ok(np_printer *pr, uint8_t vhl)
{
	if ((vhl >> 4) == 4)
		return true;
	if ((vhl >> 4) == 6) {
		out_str(pr->out, "IP6, wrong link-layer encapsulation");
	} else {
		out_str(pr->out, "IP");
		out_u32(pr->out, vhl >> 4);
	}
	print_invalid(pr);
	return false;
}

void print_ip(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint8_t vhl;
	pr->protocol = "ip";
	NP_GET_U8(vhl, p, pr->snapend);
	if (!print_ip_version_ok(pr, vhl))
		return;
	if (!pr->o.eflag)
		out_str(o, "IP ");
	if (!np_has(p, pr->snapend, IP4_MIN_HDR)) {
		print_trunc(pr);
		return;
	}
	if (length < IP4_MIN_HDR) {
		out_str(o, "truncated-ip ");
		out_u32(o, length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP4, p, length);
	const struct np_ip4_info *ip = &l->u.ip4;
	uint32_t hlen = (uint32_t)ip->ihl * 4;
	if (hlen < IP4_MIN_HDR) {
		out_str(o, "bad-hlen ");
		out_u32(o, hlen);
		return;
	}
	uint32_t len = ip->total_len;
	if (length < len) {
		out_str(o, "truncated-ip - ");
		out_u32(o, len - length);
		out_str(o, " bytes missing! ");
	}
	if (len < hlen) {
		/* tcpdump is built without GUESS_TSO: a 0 length is bad too. */
		out_str(o, "bad-len ");
		out_u32(o, len);
		return;
	}
	const uint8_t *old = print_push_snaplen(pr, p, len);
	len -= hlen;
	if (pr->o.vflag && !print_ip_summary(pr, l, hlen)) {
		if (!pr->stopped) {
			print_ip_addrs(pr, ip);
			out_str(o, ": ");
			print_trunc(pr);
		}
	} else if ((ip->frag & IP_OFFMASK) == 0) {
		print_ip_payload(pr, l, hlen, len);
	} else {
		print_ip_fragment(pr, ip);
	}
	print_pop_snapend(pr, old);
	return;
trunc:
	print_trunc_stop(pr);
}
