/*
 * icmp6.c - ICMPv6 text (tcpdump's print-icmp6.c): the checksum note, the
 * message name and what each message type adds to the line: the quoted
 * packet's addresses in error messages, echo id/seq, MLD queries and
 * reports, and the neighbour-discovery message headers (their options are
 * in icmp6_nd.c; node information, router renumbering and RPL in
 * icmp6_ni.c).
 *
 * Not for: printing the packet an error quotes in full (tcpdump names only
 * its addresses and ports).
 */
#include "icmp6.h"

#include "cksum.h"

enum {
	ICMP6_DST_UNREACH = 1,
	ICMP6_PACKET_TOO_BIG = 2,
	ICMP6_TIME_EXCEEDED = 3,
	ICMP6_PARAM_PROB = 4,
	ICMP6_ECHO_REQUEST = 128,
	ICMP6_ECHO_REPLY = 129,
	MLD_LISTENER_QUERY = 130,
	MLD_LISTENER_REPORT = 131,
	MLD_LISTENER_DONE = 132,
	ND_ROUTER_SOLICIT = 133,
	ND_ROUTER_ADVERT = 134,
	ND_NEIGHBOR_SOLICIT = 135,
	ND_NEIGHBOR_ADVERT = 136,
	ND_REDIRECT = 137,
	ICMP6_ROUTER_RENUMBERING = 138,
	ICMP6_NI_QUERY = 139,
	ICMP6_NI_REPLY = 140,
	IND_SOLICIT = 141,
	IND_ADVERT = 142,
	MLDV2_LISTENER_REPORT = 143,
	HA_DISCOVERY_REQUEST = 144,
	HA_DISCOVERY_REPLY = 145,
	MOBILE_PREFIX_SOLICIT = 146,
	MOBILE_PREFIX_ADVERT = 147,
	RPL_MESSAGE = 155,
	MLD_MTRACE_RESP = 200,
	MLD_MTRACE = 201,
};

#define ICMP6_HDR_LEN 8u /* the header with its 32-bit type-specific word */
#define IP6_HDR_LEN 40u
#define MLD_MINLEN 24u
#define MLDV2_MINLEN 28u
#define IP6_ADDR_LEN 16u

/* Where each neighbour-discovery message's options start. */
#define RS_LEN 8
#define RA_LEN 16
#define NS_LEN 24
#define NA_LEN 24
#define REDIRECT_LEN 40
#define MPA_LEN 8

/* Message names; 139 and 140 print under their first (KAME) names. */
static const np_tok icmp6_type_values[] = {
	{ICMP6_DST_UNREACH, "destination unreachable"},
	{ICMP6_PACKET_TOO_BIG, "packet too big"},
	{ICMP6_TIME_EXCEEDED, "time exceeded in-transit"},
	{ICMP6_PARAM_PROB, "parameter problem"},
	{ICMP6_ECHO_REQUEST, "echo request"},
	{ICMP6_ECHO_REPLY, "echo reply"},
	{MLD_LISTENER_QUERY, "multicast listener query"},
	{MLD_LISTENER_REPORT, "multicast listener report"},
	{MLD_LISTENER_DONE, "multicast listener done"},
	{ND_ROUTER_SOLICIT, "router solicitation"},
	{ND_ROUTER_ADVERT, "router advertisement"},
	{ND_NEIGHBOR_SOLICIT, "neighbor solicitation"},
	{ND_NEIGHBOR_ADVERT, "neighbor advertisement"},
	{ND_REDIRECT, "redirect"},
	{ICMP6_ROUTER_RENUMBERING, "router renumbering"},
	{IND_SOLICIT, "inverse neighbor solicitation"},
	{IND_ADVERT, "inverse neighbor advertisement"},
	{MLDV2_LISTENER_REPORT, "multicast listener report v2"},
	{HA_DISCOVERY_REQUEST, "ha discovery request"},
	{HA_DISCOVERY_REPLY, "ha discovery reply"},
	{MOBILE_PREFIX_SOLICIT, "mobile router solicitation"},
	{MOBILE_PREFIX_ADVERT, "mobile router advertisement"},
	{ICMP6_NI_QUERY, "who-are-you request"},
	{ICMP6_NI_REPLY, "who-are-you reply"},
	{MLD_MTRACE, "mtrace message"},
	{MLD_MTRACE_RESP, "mtrace response"},
	{RPL_MESSAGE, "RPL"},
	{0, NULL},
};

/* Unreachable codes; tcpdump's name for code 1 has its leading space. */
static const np_tok icmp6_unreach_code_values[] = {
	{0, "unreachable route"},   {1, " unreachable prohibited"}, {2, "beyond scope"},
	{3, "unreachable address"}, {4, "unreachable port"},        {0, NULL},
};

static const np_tok icmp6_param_prob_values[] = {
	{0, ", erroneous - octet "},
	{1, ", next header - octet "},
	{2, ", option - octet "},
	{3, ", incomplete header chain - octet "},
	{0, NULL},
};

static const np_tok icmp6_ra_flag_values[] = {
	{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x02, "ipv6 only"}, {0, NULL},
};

static const np_tok icmp6_na_flag_values[] = {
	{0x80000000u, "router"},
	{0x40000000u, "solicited"},
	{0x20000000u, "override"},
	{0, NULL},
};

static const np_tok mldv2_record_values[] = {
	{1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"}, {0, NULL},
};

/* ---- helpers shared by the ICMPv6 files ---- */

const char *icmp6_rtpref(uint8_t flags)
{
	static const char *const names[] = {"medium", "high", "rsv", "low"};
	return names[(flags >> 3) & 3];
}

void icmp6_print_lifetime(np_printer *pr, uint32_t v)
{
	if (v == UINT32_MAX) {
		out_str(pr->out, "infinity");
		return;
	}
	out_u32(pr->out, v);
	out_char(pr->out, 's');
}

/* ---- the checksum note ---- */

/* "[icmp6 sum ok] " or the bad-checksum note, over the IPv6 pseudo-header
 * with the final destination a routing header names. Only when the whole
 * message was captured. */
static void print_cksum(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, const np_layer *l)
{
	if (!iph || !np_has(p, pr->snapend, length))
		return;
	NP_CHECK(p, pr->snapend, 4);
	const np_layer *ipl = print_layer_at(pr, NP_LAYER_IP6, iph, (uint32_t)(p - iph) + length);
	const struct np_ip6_info *ip6 = &ipl->u.ip6;
	if (!ip6->src || !ip6->dst)
		return;
	const uint8_t *dst = ip6->final_dst ? ip6->final_dst : ip6->dst;
	uint16_t field = l->u.icmp.cksum;
	uint16_t sum = np_in_cksum(p, length, np_pseudo_sum6(ip6->src, dst, 58, length));
	if (sum == 0) {
		out_str(pr->out, "[icmp6 sum ok] ");
		return;
	}
	out_str(pr->out, "[bad icmp6 cksum 0x");
	out_hex(pr->out, field, 4);
	out_str(pr->out, " -> 0x");
	out_hex(pr->out, np_in_cksum_shouldbe(field, sum), 4);
	out_str(pr->out, "!] ");
	return;
trunc:
	print_trunc_stop(pr);
}

/* ---- error messages: the quoted packet ---- */

/* The quoted IPv6 header's layer, once its fixed 40 bytes are known to be
 * captured. */
static const struct np_ip6_info *quoted_ip6(np_printer *pr, const uint8_t *oip, uint32_t length)
{
	uint32_t qlen = length > ICMP6_HDR_LEN ? length - ICMP6_HDR_LEN : 0;
	return &print_layer_at(pr, NP_LAYER_IP6, oip, qlen)->u.ip6;
}

/*
 * tcpdump's get_upperlayer: walk the quoted packet's extension headers to
 * a TCP or UDP header whose destination port was captured. Returns that
 * header, or NULL (with *proto set to where the walk stopped, when known).
 */
static const uint8_t *quoted_upper_layer(const np_printer *pr, const uint8_t *oip, uint8_t *proto)
{
	const uint8_t *end = pr->snapend;
	const uint8_t *cp = oip;
	uint8_t nh = 0, b = 0;
	uint16_t offlg = 0;
	uint32_t hlen = IP6_HDR_LEN;
	if (!np_get_u8(oip + 6, end, &nh))
		return NULL;
	while (cp < end) {
		cp += hlen;
		switch (nh) {
		case 6:
		case 17:
			if (!np_has(cp + 2, end, 2))
				return NULL;
			*proto = nh;
			return cp;
		case 0:  /* hop-by-hop */
		case 60: /* destination options */
		case 43: /* routing */
			if (!np_get_u8(cp + 1, end, &b))
				return NULL;
			nh = cp[0];
			hlen = ((uint32_t)b + 1) << 3;
			break;
		case 44: /* fragment: only the first one holds the upper header */
			if (!np_get_be16(cp + 2, end, &offlg) || (offlg & 0xfff8) != 0)
				return NULL;
			nh = cp[0];
			hlen = 8;
			break;
		case 51: /* AH */
			if (!np_get_u8(cp + 1, end, &b))
				return NULL;
			nh = cp[0];
			hlen = ((uint32_t)b + 2) << 2;
			break;
		default: *proto = nh; return NULL;
		}
	}
	return NULL;
}

/* Destination unreachable; false when no TCP/UDP port was found in the
 * quoted packet (tcpdump's local truncation note). */
static bool print_unreach(np_printer *pr, const uint8_t *p, uint32_t length, uint8_t code, bool *done)
{
	np_out *o = pr->out;
	const uint8_t *oip = p + ICMP6_HDR_LEN;
	out_str(o, ", ");
	out_str(o, tok2str(icmp6_unreach_code_values, "unknown unreach code (%u)", code));
	switch (code) {
	case 0:
	case 1:
	case 3:
		NP_CHECK(oip, pr->snapend, IP6_HDR_LEN);
		out_char(o, ' ');
		out_ipv6(o, quoted_ip6(pr, oip, length)->dst);
		return true;
	case 2: {
		NP_CHECK(oip, pr->snapend, IP6_HDR_LEN);
		const struct np_ip6_info *q = quoted_ip6(pr, oip, length);
		out_char(o, ' ');
		out_ipv6(o, q->dst);
		out_str(o, ", source address ");
		out_ipv6(o, q->src);
		return true;
	}
	case 4: {
		uint8_t proto = 0;
		uint16_t dport = 0;
		const uint8_t *uh = quoted_upper_layer(pr, oip, &proto);
		if (!uh)
			return false;
		NP_GET_BE16(dport, uh + 2, pr->snapend);
		out_str(o, ", ");
		out_ipv6(o, quoted_ip6(pr, oip, length)->dst);
		if (proto == 6 || proto == 17) {
			out_str(o, proto == 6 ? " tcp port " : " udp port ");
			out_u32(o, dport);
		} else {
			out_fmt(o, " protocol %u port %u unreachable", proto, dport);
		}
		return true;
	}
	default:
		/* An unknown code: below -vv the message as hex, and nothing after. */
		if (pr->o.vflag <= 1) {
			print_unknown_data(pr, p, "\n\t", length);
			*done = true;
		}
		return true;
	}
trunc:
	print_trunc_stop(pr);
	return true;
}

static void print_time_exceeded(np_printer *pr, const uint8_t *p, uint32_t length, uint8_t code)
{
	const uint8_t *oip = p + ICMP6_HDR_LEN;
	switch (code) {
	case 0:
		NP_CHECK(oip, pr->snapend, IP6_HDR_LEN);
		out_str(pr->out, " for ");
		out_ipv6(pr->out, quoted_ip6(pr, oip, length)->dst);
		return;
	case 1: out_str(pr->out, " (reassembly)"); return;
	default: out_fmt(pr->out, ", unknown code (%u)", code); return;
	}
trunc:
	print_trunc_stop(pr);
}

/* Parameter problem; false when the quoted header was not captured (a
 * note after which the line goes on). */
static bool print_param_prob(np_printer *pr, const uint8_t *p, uint8_t code)
{
	uint32_t pointer = 0;
	if (!np_has(p + ICMP6_HDR_LEN + 24, pr->snapend, IP6_ADDR_LEN))
		return false;
	const char *what = tok_name(icmp6_param_prob_values, code);
	if (!what) {
		out_fmt(pr->out, ", code-#%u", code);
		return true;
	}
	NP_GET_BE32(pointer, p + 4, pr->snapend);
	out_str(pr->out, what);
	out_u32(pr->out, pointer);
	return true;
trunc:
	print_trunc_stop(pr);
	return true;
}

/* ---- multicast listener discovery ---- */

/* MLDv1 (and a 24-byte query): printed only when wholly captured. */
static void print_mld(np_printer *pr, const uint8_t *p)
{
	uint16_t delay = 0;
	if (!np_has(p, pr->snapend, MLD_MINLEN))
		return;
	np_get_be16(p + 4, pr->snapend, &delay);
	out_str(pr->out, "max resp delay: ");
	out_u32(pr->out, delay);
	out_str(pr->out, " addr: ");
	out_ipv6(pr->out, p + 8);
}

/* The exponential encoding of MLDv2's Maximum Response Code and QQIC. */
static uint32_t mldv2_decode_time(uint32_t v, uint32_t limit, uint32_t mant_mask, unsigned exp_shift)
{
	if (v < limit)
		return v;
	return ((v & mant_mask) | (mant_mask + 1)) << (((v >> exp_shift) & 7) + 3);
}

static void print_ip6_list(np_printer *pr, const uint8_t *a, uint32_t n)
{
	out_str(pr->out, " {");
	for (uint32_t i = 0; i < n; i++, a += IP6_ADDR_LEN) {
		NP_CHECK(a, pr->snapend, IP6_ADDR_LEN);
		out_char(pr->out, ' ');
		out_ipv6(pr->out, a);
	}
	out_str(pr->out, " }");
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_mldv2_query(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint16_t mrc = 0, nsrcs = 0;
	uint8_t sqrv = 0, qqic = 0;
	NP_GET_BE16(mrc, p + 4, pr->snapend);
	if (pr->o.vflag)
		out_fmt(o, " [max resp delay=%u]", mldv2_decode_time(mrc, 32768, 0x0fff, 12));
	NP_CHECK(p + 8, pr->snapend, IP6_ADDR_LEN);
	out_str(o, " [gaddr ");
	out_ipv6(o, p + 8);
	if (pr->o.vflag) {
		NP_GET_U8(sqrv, p + 24, pr->snapend);
		if (sqrv & 0x08)
			out_str(o, " sflag");
		if (sqrv & 0x07)
			out_fmt(o, " robustness=%u", sqrv & 0x07);
		NP_GET_U8(qqic, p + 25, pr->snapend);
		out_fmt(o, " qqi=%u", mldv2_decode_time(qqic, 128, 0x0f, 4));
	}
	NP_GET_BE16(nsrcs, p + 26, pr->snapend);
	if (nsrcs > 0) {
		if (len < MLDV2_MINLEN + (uint64_t)nsrcs * IP6_ADDR_LEN)
			out_str(o, " [invalid number of sources]");
		else if (pr->o.vflag > 1)
			print_ip6_list(pr, p + 28, nsrcs);
		else
			out_fmt(o, ", %u source(s)", nsrcs);
		if (pr->stopped)
			return;
	}
	out_char(o, ']');
	return;
trunc:
	print_trunc_stop(pr);
}

/* One MLDv2 group record at p + off; false when the report stops here. */
static bool print_mldv2_record(np_printer *pr, const uint8_t *p, uint32_t len, uint32_t *off)
{
	np_out *o = pr->out;
	uint32_t g = *off;
	uint8_t type = 0;
	uint16_t nsrcs = 0;
	if (len < g + 20) {
		out_str(o, " [invalid number of groups]");
		return false;
	}
	NP_CHECK(p + g + 4, pr->snapend, IP6_ADDR_LEN);
	out_str(o, " [gaddr ");
	out_ipv6(o, p + g + 4);
	NP_GET_U8(type, p + g, pr->snapend);
	out_char(o, ' ');
	out_str(o, tok2str(mldv2_record_values, " [v2-report-#%u]", type));
	NP_GET_BE16(nsrcs, p + g + 2, pr->snapend);
	if (len < g + 20 + (uint64_t)nsrcs * IP6_ADDR_LEN) {
		out_fmt(o, " [invalid number of sources %u]", nsrcs);
		return false;
	}
	if (pr->o.vflag == 1)
		out_fmt(o, ", %u source(s)", nsrcs);
	else
		print_ip6_list(pr, p + g + 20, nsrcs);
	if (pr->stopped)
		return false;
	*off = g + 20 + (uint32_t)nsrcs * IP6_ADDR_LEN;
	out_char(o, ']');
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void print_mldv2_report(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t ngroups = 0;
	if (len < 8) {
		out_fmt(pr->out, " [invalid len %u]", len);
		return;
	}
	NP_GET_BE16(ngroups, p + 6, pr->snapend);
	out_fmt(pr->out, ", %u group record(s)", ngroups);
	if (!pr->o.vflag)
		return;
	uint32_t off = 8;
	for (uint32_t i = 0; i < ngroups; i++)
		if (!print_mldv2_record(pr, p, len, &off))
			return;
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_mld_query(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (length == MLD_MINLEN) {
		print_mld(pr, p);
	} else if (length >= MLDV2_MINLEN) {
		out_str(pr->out, " v2");
		print_mldv2_query(pr, p, length);
	} else {
		out_fmt(pr->out, " unknown-version (len %u) ", length);
	}
}

/* ---- neighbour discovery and mobile IPv6 messages ---- */

/* The options after a message's fixed part; false as icmp6_nd_options. */
static bool print_options_after(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t fixed)
{
	return icmp6_nd_options(pr, p + fixed, (int32_t)(length - fixed));
}

static bool print_router_advert(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t lifetime = 0;
	uint32_t reachable = 0, retrans = 0;
	NP_CHECK(p, pr->snapend, RA_LEN);
	np_get_be16(p + 6, pr->snapend, &lifetime);
	np_get_be32(p + 8, pr->snapend, &reachable);
	np_get_be32(p + 12, pr->snapend, &retrans);
	out_str(o, "\n\thop limit ");
	out_u32(o, p[4]);
	out_str(o, ", Flags [");
	print_bits(pr, icmp6_ra_flag_values, p[5], ", ", "none");
	out_str(o, "], pref ");
	out_str(o, icmp6_rtpref(p[5]));
	out_fmt(o, ", router lifetime %us, reachable time %ums, retrans timer %ums", lifetime, reachable, retrans);
	return print_options_after(pr, p, length, RA_LEN);
trunc:
	print_trunc_stop(pr);
	return true;
}

static bool print_neighbor_advert(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint32_t flags = 0;
	NP_CHECK(p + 8, pr->snapend, IP6_ADDR_LEN);
	out_str(pr->out, ", tgt is ");
	out_ipv6(pr->out, p + 8);
	if (!pr->o.vflag)
		return true;
	NP_GET_BE32(flags, p + 4, pr->snapend);
	out_str(pr->out, ", Flags [");
	print_bits(pr, icmp6_na_flag_values, flags, ", ", "none");
	out_char(pr->out, ']');
	return print_options_after(pr, p, length, NA_LEN);
trunc:
	print_trunc_stop(pr);
	return true;
}

static bool print_neighbor_solicit(np_printer *pr, const uint8_t *p, uint32_t length)
{
	NP_CHECK(p + 8, pr->snapend, IP6_ADDR_LEN);
	out_str(pr->out, ", who has ");
	out_ipv6(pr->out, p + 8);
	if (!pr->o.vflag)
		return true;
	return print_options_after(pr, p, length, NS_LEN);
trunc:
	print_trunc_stop(pr);
	return true;
}

static bool print_redirect(np_printer *pr, const uint8_t *p, uint32_t length)
{
	NP_CHECK(p + 24, pr->snapend, IP6_ADDR_LEN);
	out_str(pr->out, ", ");
	out_ipv6(pr->out, p + 24);
	out_str(pr->out, " to ");
	out_ipv6(pr->out, p + 8);
	if (!pr->o.vflag)
		return true;
	return print_options_after(pr, p, length, REDIRECT_LEN);
trunc:
	print_trunc_stop(pr);
	return true;
}

static void print_id(np_printer *pr, const uint8_t *p)
{
	uint16_t id = 0;
	NP_GET_BE16(id, p + 4, pr->snapend);
	out_str(pr->out, ", id 0x");
	out_hex(pr->out, id, 4);
	return;
trunc:
	print_trunc_stop(pr);
}

/* Home agent addresses fill the message up to its length. */
static void print_ha_reply(np_printer *pr, const uint8_t *p, uint32_t length)
{
	print_id(pr, p);
	if (pr->stopped)
		return;
	const uint8_t *end = p + length;
	for (const uint8_t *a = p + ICMP6_HDR_LEN; a < end; a += IP6_ADDR_LEN) {
		NP_CHECK(a, pr->snapend, IP6_ADDR_LEN);
		out_str(pr->out, ", ");
		out_ipv6(pr->out, a);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

static bool print_mobile_prefix_advert(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint16_t flags = 0;
	print_id(pr, p);
	if (pr->stopped)
		return true;
	NP_GET_BE16(flags, p + 6, pr->snapend);
	if (flags & 0xc000)
		out_char(pr->out, ' ');
	if (flags & 0x8000)
		out_char(pr->out, 'M');
	if (flags & 0x4000)
		out_char(pr->out, 'O');
	return print_options_after(pr, p, length, MPA_LEN);
trunc:
	print_trunc_stop(pr);
	return true;
}

/* ---- the message line ---- */

static bool has_length_early(uint8_t type)
{
	return type == ND_ROUTER_SOLICIT || type == ND_ROUTER_ADVERT || type == ND_NEIGHBOR_ADVERT ||
	       type == ND_NEIGHBOR_SOLICIT || type == ND_REDIRECT || type == HA_DISCOVERY_REPLY ||
	       type == MOBILE_PREFIX_ADVERT;
}

static void print_length(np_printer *pr, uint32_t length)
{
	out_str(pr->out, ", length ");
	out_u32(pr->out, length);
}

/*
 * The part of the line after the message name. Returns false when tcpdump
 * would jump to its function-local truncation note (" [|icmp6]", then
 * still the trailing length); sets *done when nothing more follows.
 */
static bool print_body(np_printer *pr, const uint8_t *p, uint32_t length, const np_layer *l, bool *done)
{
	uint8_t type = l->u.icmp.type, code = l->u.icmp.code;
	bool v = pr->o.vflag != 0;
	uint32_t mtu = 0;
	switch (type) {
	case ICMP6_DST_UNREACH: return print_unreach(pr, p, length, code, done);
	case ICMP6_PACKET_TOO_BIG:
		NP_GET_BE32(mtu, p + 4, pr->snapend);
		out_str(pr->out, ", mtu ");
		out_u32(pr->out, mtu);
		return true;
	case ICMP6_TIME_EXCEEDED: print_time_exceeded(pr, p, length, code); return true;
	case ICMP6_PARAM_PROB: return print_param_prob(pr, p, code);
	case ICMP6_ECHO_REQUEST:
	case ICMP6_ECHO_REPLY:
		NP_CHECK(p, pr->snapend, ICMP6_HDR_LEN);
		out_str(pr->out, ", id ");
		out_u32(pr->out, l->u.icmp.id);
		out_str(pr->out, ", seq ");
		out_u32(pr->out, l->u.icmp.seq);
		return true;
	case MLD_LISTENER_QUERY: print_mld_query(pr, p, length); return true;
	case MLD_LISTENER_REPORT:
	case MLD_LISTENER_DONE: print_mld(pr, p); return true;
	case ND_ROUTER_SOLICIT: return !v || print_options_after(pr, p, length, RS_LEN);
	case ND_ROUTER_ADVERT: return !v || print_router_advert(pr, p, length);
	case ND_NEIGHBOR_SOLICIT: return print_neighbor_solicit(pr, p, length);
	case ND_NEIGHBOR_ADVERT: return print_neighbor_advert(pr, p, length);
	case ND_REDIRECT: return print_redirect(pr, p, length);
	case ICMP6_ROUTER_RENUMBERING: icmp6_rrenum(pr, p); return true;
	case ICMP6_NI_QUERY:
	case ICMP6_NI_REPLY: icmp6_nodeinfo(pr, length, p); return true;
	case IND_SOLICIT:
	case IND_ADVERT: return true;
	case MLDV2_LISTENER_REPORT: print_mldv2_report(pr, p, length); return true;
	case MOBILE_PREFIX_SOLICIT:
	case HA_DISCOVERY_REQUEST: print_id(pr, p); return true;
	case HA_DISCOVERY_REPLY:
		if (v)
			print_ha_reply(pr, p, length);
		return true;
	case MOBILE_PREFIX_ADVERT: return !v || print_mobile_prefix_advert(pr, p, length);
	case RPL_MESSAGE: icmp6_rpl(pr, code, p + 4, length - 4); return true;
	default:
		print_length(pr, length);
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, p, "\n\t", length);
		*done = true;
		return true;
	}
trunc:
	print_trunc_stop(pr);
	return true;
}

void print_icmp6(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented)
{
	pr->protocol = "icmp6";
	if (length == 0) {
		out_str(pr->out, "ICMP6, length 0");
		print_invalid(pr);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_ICMP6, p, length);
	if (pr->o.vflag && !fragmented) {
		print_cksum(pr, p, length, iph, l);
		if (pr->stopped)
			return;
	}
	NP_CHECK(p, pr->snapend, 1);
	uint8_t type = l->u.icmp.type;
	out_str(pr->out, "ICMP6, ");
	out_str(pr->out, tok2str(icmp6_type_values, "unknown icmp6 type (%u)", type));
	if (pr->o.vflag && has_length_early(type))
		print_length(pr, length);
	NP_CHECK(p, pr->snapend, 2);
	bool done = false;
	if (!print_body(pr, p, length, l, &done)) {
		print_trunc(pr); /* and, as in tcpdump, no trailing length */
		return;
	}
	if (pr->stopped || done)
		return;
	if (!pr->o.vflag)
		print_length(pr, length);
	return;
trunc:
	print_trunc_stop(pr);
}
