/*
 * classic_ip.c - IPv4 and IPv6 in the classic style (classic.c): tcpdump
 * 3.4's ip_print and 3.5's ip6_print, shortened.
 *
 * The transport printer names the addresses; after it the IPv4 printer adds
 * " (frag id:len@off[+])" or " (DF)", " [tos 0xN]", " [ttl N]" for TTL 0
 * and 1, and with -v " (ttl N, id N[, bad cksum N!][, optlen=N OPTIONS])",
 * the TTL only when above 1 and the id only when not a fragment, the
 * options as 3.4 named them (" NOP", " RR{7}= RR{#a b}", " RA{4}", " EOL-N").
 * Protocols without a printer here are "src > dst: ip-proto-N len"; IPv4 in
 * IPv4 prints the inner datagram and " (encap)" (without -v).
 *
 * IPv6 prints its upper layer after the extension headers the decoder
 * walked, then " [flowlabel 0xN]", " [hlim N]" for 0 and 1, and with -v
 * " (len N, hlim N)"; a later fragment is "src > dst: frag (off|len)".
 *
 * Not for: the 4.99 text (ip.c, ip_opt.c, ip6.c).
 */
#include "classic.h"

#include "cksum.h"

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
		case 1: out_str(o, " NOP"); break;
		case 68: out_fmt(o, " TS{%u}", len); break;
		case 130: out_fmt(o, " SECURITY{%u}", len); break;
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
		default: out_fmt(o, " IPOPT-%u{%u}", tt, len); break;
		}
		if (len >= length)
			return;
	}
}

void classic_ip4(np_printer *pr, const uint8_t *p, uint32_t length)
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
		case IPPROTO_TCP_: classic_tcp(pr, &cip, cp, len); break;
		case IPPROTO_UDP_: classic_udp(pr, &cip, cp, len); break;
		case IPPROTO_ICMP_: classic_icmp(pr, &cip, cp, len); break;
		case IPPROTO_IGMP_: classic_igmp(pr, &cip, cp, len); break;
		case IPPROTO_ND_:
			classic_hosts(pr, &cip, false);
			out_fmt(o, " nd %u", len);
			break;
		case IPPROTO_ENCAP_:
			if (pr->o.vflag)
				classic_hosts(pr, &cip, true);
			classic_ip4(pr, cp, len);
			if (!pr->o.vflag) {
				out_str(o, " (encap)");
				print_pop_snapend(pr, old);
				return;
			}
			break;
		default:
			classic_hosts(pr, &cip, false);
			out_fmt(o, " ip-proto-%u %u", ip->proto, len);
			break;
		}
	}
	print_pop_snapend(pr, old);

	if (off & 0x3fff) {
		if (off & IP_OFFMASK)
			classic_hosts(pr, &cip, false);
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

void classic_ip6(np_printer *pr, const uint8_t *p, uint32_t length)
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
		classic_hosts(pr, &cip, true);
		out_fmt(o, "frag (%u|%u)", ip->frag_off, len);
	} else {
		switch (ip->proto) {
		case IPPROTO_TCP_: classic_tcp(pr, &cip, cp, len); break;
		case IPPROTO_UDP_: classic_udp(pr, &cip, cp, len); break;
		case IPPROTO_ICMPV6_: classic_icmp6(pr, &cip, cp, len); break;
		default:
			classic_hosts(pr, &cip, true);
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
