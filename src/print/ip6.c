/*
 * ip6.c - IPv6 text (tcpdump's print-ip6.c): the "IP6 a > b:" line, the -v
 * header summary, the walk over the extension headers (printed by
 * ip6_ext.c), the Payload Length / Jumbo Payload checks, and the hand-off
 * of the payload to print_ip_demux.
 *
 * Not for: the extension headers' own text (ip6_ext.c), ICMPv6 (icmp6.c).
 */
#include "print.h"

#include "ip6_ext.h"

#define IP6_HDR_LEN 40u

enum {
	NH_HOPOPTS = 0,
	NH_TCP = 6,
	NH_UDP = 17,
	NH_DCCP = 33,
	NH_ROUTING = 43,
	NH_FRAGMENT = 44,
	NH_DSTOPTS = 60,
	NH_MOBILITY_OLD = 62,
	NH_SCTP = 132,
	NH_MOBILITY = 135,
};

/* The walk's state: tcpdump keeps these as locals of ip6_print. */
typedef struct ip6_walk {
	const uint8_t *iph;
	uint32_t length; /* what the layer below claims */
	uint32_t len;    /* bytes left of the datagram from cp */
	uint32_t total_advance;
	uint32_t payload_len; /* the Payload Length, or a valid Jumbo Payload */
	const uint8_t *saved_snapend;
	bool found_ext, found_jumbo, found_hbh, fragmented;
} ip6_walk;

static void print_ip6_addrs(np_printer *pr, const struct np_ip6_info *ip)
{
	out_ipv6(pr->out, ip->src);
	out_str(pr->out, " > ");
	out_ipv6(pr->out, ip->dst);
	out_str(pr->out, ": ");
}

static void print_ip6_verbose(np_printer *pr, const struct np_ip6_info *ip)
{
	np_out *o = pr->out;
	out_char(o, '(');
	if (ip->tclass) {
		out_str(o, "class 0x");
		out_hex(o, ip->tclass, 2);
		out_str(o, ", ");
	}
	if (ip->flow) {
		out_str(o, "flowlabel 0x");
		out_hex(o, ip->flow, 5);
		out_str(o, ", ");
	}
	out_str(o, "hlim ");
	out_u32(o, ip->hlim);
	out_str(o, ", next-header ");
	const char *name = ipproto_name(ip->next);
	out_str(o, name ? name : "unknown");
	out_str(o, " (");
	out_u32(o, ip->next);
	out_str(o, ") payload length: ");
	out_u32(o, ip->payload_len);
	out_str(o, ") ");
}

/* Like tcpdump's nd_change_snaplen: re-cut the scope at iph + len, within
 * what was in scope before print_ip6 narrowed it. */
static void change_snaplen(np_printer *pr, const ip6_walk *w, uint32_t len)
{
	if (w->iph <= w->saved_snapend && len <= (size_t)(w->saved_snapend - w->iph))
		pr->snapend = w->iph + len;
}

/* The length to hand to the upper layer once the walk reaches it; false
 * when the datagram cannot hold what was walked (tcpdump's trunc). */
static bool final_payload_len(np_printer *pr, ip6_walk *w)
{
	if (w->found_jumbo) {
		uint32_t len = w->payload_len + IP6_HDR_LEN;
		if (len < w->total_advance)
			return false;
		if (w->length < len)
			out_fmt(pr->out, "truncated-ip6 - %u bytes missing!", len - w->length);
		change_snaplen(pr, w, len);
		w->len = len - w->total_advance;
	} else if (w->payload_len == 0) {
		if (w->found_ext)
			return false; /* no payload to hold an extension header */
		change_snaplen(pr, w, IP6_HDR_LEN);
		w->len = IP6_HDR_LEN - w->total_advance;
	}
	return true;
}

/* One extension header at cp: its length, or -1 to end the walk (having
 * printed why). *nh becomes the header after it. */
static int print_ext_header(np_printer *pr, ip6_walk *w, const uint8_t *cp, uint8_t *nh, uint8_t ph)
{
	int advance;
	switch (*nh) {
	case NH_HOPOPTS:
		if (w->found_hbh) {
			out_str(pr->out, "[The Hop-by-Hop Options header was already found]");
			print_invalid(pr);
			return -1;
		}
		if (ph != 255) {
			out_str(pr->out, "[The Hop-by-Hop Options header don't follow the IPv6 header]");
			print_invalid(pr);
			return -1;
		}
		advance = print_ip6_hbh(pr, cp, &w->found_jumbo, &w->payload_len);
		if (pr->stopped)
			return -1;
		if (w->payload_len == 0 && !w->found_jumbo) {
			out_str(pr->out, "[No valid Jumbo Payload Hop-by-Hop option found]");
			print_invalid(pr);
			return -1;
		}
		w->found_hbh = true;
		break;
	case NH_DSTOPTS: advance = print_ip6_dstopts(pr, cp); break;
	case NH_FRAGMENT:
		advance = print_ip6_frag(pr, cp, w->iph);
		if (advance >= 0 && !pr->stopped && !np_has(cp, pr->snapend, (size_t)advance + 1))
			advance = -1; /* nothing captured past it */
		w->fragmented = true;
		break;
	case NH_ROUTING: advance = print_ip6_routing(pr, cp); break;
	default: return -1;
	}
	if (advance < 0 || pr->stopped)
		return -1;
	w->found_ext = true;
	if (!np_get_u8(cp, pr->snapend, nh))
		return -1; /* not reached: the printers above checked the header */
	return advance;
}

static bool is_walked_ext(uint8_t nh)
{
	return nh == NH_HOPOPTS || nh == NH_DSTOPTS || nh == NH_FRAGMENT || nh == NH_ROUTING;
}

void print_ip6(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "ip6";
	NP_CHECK(p, pr->snapend, IP6_HDR_LEN);
	if (length < IP6_HDR_LEN) {
		out_str(o, "truncated-ip6 ");
		out_u32(o, length);
		return;
	}
	if (!pr->o.eflag)
		out_str(o, "IP6 ");
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP6, p, length);
	const struct np_ip6_info *ip = &l->u.ip6;
	if (ip->ver != 6) {
		out_str(o, "version error: ");
		out_u32(o, ip->ver);
		out_str(o, " != 6");
		return;
	}
	ip6_walk w = {.iph = p, .length = length, .payload_len = ip->payload_len};
	if (ip->payload_len != 0) {
		w.len = ip->payload_len + IP6_HDR_LEN;
		if (length < w.len)
			out_fmt(o, "truncated-ip6 - %u bytes missing!", w.len - length);
	} else {
		w.len = length + IP6_HDR_LEN; /* until a Jumbo Payload says otherwise */
	}
	if (pr->o.vflag)
		print_ip6_verbose(pr, ip);
	w.saved_snapend = print_push_snaplen(pr, p, w.len);

	const uint8_t *cp = p;
	uint32_t advance = IP6_HDR_LEN;
	uint8_t nh = ip->next, ph = 255;
	while (cp < pr->snapend && advance > 0) {
		if (w.len < advance)
			goto trunc_here;
		cp += advance;
		w.len -= advance;
		w.total_advance += advance;
		/* TCP, UDP, DCCP and SCTP print the addresses with their ports */
		if (cp == p + IP6_HDR_LEN && nh != NH_TCP && nh != NH_UDP && nh != NH_DCCP && nh != NH_SCTP)
			print_ip6_addrs(pr, ip);
		if (nh == NH_MOBILITY || nh == NH_MOBILITY_OLD) {
			print_ip6_mobility(pr, cp);
			break; /* tcpdump stops after a mobility header */
		}
		if (!is_walked_ext(nh)) {
			if (!final_payload_len(pr, &w))
				goto trunc_here;
			print_ip_demux(pr, cp, w.len, 6, w.fragmented, ip->hlim, nh, p);
			if (pr->stopped)
				return;
			break;
		}
		if (nh == NH_ROUTING && !np_has(cp, pr->snapend, 1))
			goto trunc_here; /* tcpdump checks this one byte itself */
		int a = print_ext_header(pr, &w, cp, &nh, ph);
		if (a < 0)
			break;
		advance = (uint32_t)a;
		ph = nh;
		pr->protocol = "ip6";
	}
	print_pop_snapend(pr, w.saved_snapend);
	return;
trunc_here:
	print_trunc(pr);
	print_pop_snapend(pr, w.saved_snapend);
	return;
trunc:
	/* tcpdump's ND_TCHECK here jumps to its local label: a note, not an abort. */
	print_trunc(pr);
}
