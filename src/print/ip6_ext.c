/*
 * ip6_ext.c - IPv6 extension header text (tcpdump's print-ip6opts.c,
 * print-frag6.c, print-rt6.c and print-mobility.c): Hop-by-Hop and
 * Destination options (pad, router alert, jumbo payload, home address),
 * the Fragment header, Routing headers of type 0, 2 and 4 (SRH), and the
 * Mobility header.
 *
 * Not for: walking the chain (print/ip6.c), deciding the upper-layer
 * protocol for flows (decode/ip6.c).
 */
#include "ip6_ext.h"

enum {
	OPT_PAD1 = 0x00,
	OPT_PADN = 0x01,
	OPT_ROUTER_ALERT = 0x05,
	OPT_JUMBO = 0xc2,
	OPT_HOME_ADDRESS = 0xc9,
};

#define OPT_MINLEN 2
#define OPT_RTALERT_LEN 4
#define OPT_JUMBO_LEN 6
#define OPT_HOMEADDR_MINLEN 18

/* The length of the option at bp+i in an options area of len bytes: 0 when
 * it runs past len, -1 (having printed the truncation) when not captured. */
static int option_len(np_printer *pr, const uint8_t *bp, int i, int len)
{
	uint8_t type, olen;
	NP_GET_U8(type, bp + i, pr->snapend);
	if (type == OPT_PAD1)
		return 1;
	if (i + 1 >= len)
		return 0;
	NP_GET_U8(olen, bp + i + 1, pr->snapend);
	if (i + olen + 2 > len)
		return 0;
	return olen + 2;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* The sub-options after a Home Address option. False: they ran past len. */
static bool print_sub_options(np_printer *pr, const uint8_t *bp, int len)
{
	np_out *o = pr->out;
	int optlen;
	for (int i = 0; i < len; i += optlen) {
		uint8_t type, olen = 0;
		optlen = option_len(pr, bp, i, len);
		if (optlen <= 0)
			return false;
		NP_GET_U8(type, bp + i, pr->snapend);
		if (type != OPT_PAD1)
			NP_GET_U8(olen, bp + i + 1, pr->snapend);
		switch (type) {
		case OPT_PAD1: out_str(o, ", pad1"); break;
		case OPT_PADN:
			if (len - i < OPT_MINLEN) {
				out_str(o, ", padn: trunc");
				return false;
			}
			out_str(o, ", padn");
			break;
		default:
			if (len - i < OPT_MINLEN) {
				out_fmt(o, ", sopt_type %u: trunc)", type);
				return false;
			}
			out_fmt(o, ", sopt_type 0x%02x: len=%u", type, olen);
			break;
		}
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* Jumbo Payload option at opt (length already checked). payload_len is
 * NULL for destination options, where the option is not valid. */
static void print_jumbo(np_printer *pr, uint32_t jumbolen, bool *seen, bool *found_jumbo, uint32_t *payload_len)
{
	const char *why = NULL;
	if (*seen) {
		why = " - already seen";
	} else {
		*seen = true;
		if (payload_len == NULL)
			why = " - not a hop-by-hop option";
		else if (*payload_len != 0)
			why = " - payload len != 0";
		else if (jumbolen < 65536)
			why = " - < 65536";
		else {
			*found_jumbo = true;
			*payload_len = jumbolen;
		}
	}
	if (pr->o.vflag)
		out_fmt(pr->out, "(jumbo: %u%s) ", jumbolen, why ? why : "");
}

/* One option at bp+i of the area [bp, bp+len), optlen bytes long (fits).
 * False: stop (printed why, if anything). */
static bool print_option(np_printer *pr, const uint8_t *bp, int i, int len, int optlen, bool *seen_jumbo,
			 bool *found_jumbo, uint32_t *payload_len)
{
	np_out *o = pr->out;
	const uint8_t *opt = bp + i;
	uint8_t type, olen = 0;
	NP_GET_U8(type, opt, pr->snapend);
	if (type != OPT_PAD1)
		NP_GET_U8(olen, opt + 1, pr->snapend);
	switch (type) {
	case OPT_PAD1:
		if (pr->o.vflag)
			out_str(o, "(pad1)");
		return true;
	case OPT_PADN:
		if (len - i < OPT_MINLEN) {
			out_str(o, "(padn: trunc)");
			return false;
		}
		if (pr->o.vflag)
			out_str(o, "(padn)");
		return true;
	case OPT_ROUTER_ALERT: {
		if (len - i < OPT_RTALERT_LEN) {
			out_str(o, "(rtalert: trunc)");
			return false;
		}
		if (olen != OPT_RTALERT_LEN - 2) {
			out_fmt(o, "(rtalert: invalid len %u)", olen);
			return false;
		}
		uint16_t v;
		NP_GET_BE16(v, opt + 2, pr->snapend);
		if (pr->o.vflag)
			out_fmt(o, "(rtalert: 0x%04x) ", v);
		return true;
	}
	case OPT_JUMBO: {
		if (len - i < OPT_JUMBO_LEN) {
			out_str(o, "(jumbo: trunc)");
			return false;
		}
		if (olen != OPT_JUMBO_LEN - 2) {
			out_fmt(o, "(jumbo: invalid len %u)", olen);
			return false;
		}
		uint32_t v;
		NP_GET_BE32(v, opt + 2, pr->snapend);
		print_jumbo(pr, v, seen_jumbo, found_jumbo, payload_len);
		return true;
	}
	case OPT_HOME_ADDRESS:
		if (len - i < OPT_HOMEADDR_MINLEN) {
			out_str(o, "(homeaddr: trunc)");
			return false;
		}
		if (olen < OPT_HOMEADDR_MINLEN - 2) {
			out_fmt(o, "(homeaddr: invalid len %u)", olen);
			return false;
		}
		if (!pr->o.vflag)
			return true;
		NP_CHECK(opt + 2, pr->snapend, 16);
		out_str(o, "(homeaddr: ");
		out_ipv6(o, opt + 2);
		if (olen > OPT_HOMEADDR_MINLEN - 2 &&
		    !print_sub_options(pr, opt + OPT_HOMEADDR_MINLEN, optlen - OPT_HOMEADDR_MINLEN))
			return false;
		out_char(o, ')');
		return true;
	default:
		if (len - i < OPT_MINLEN) {
			out_fmt(o, "(type %u: trunc)", type);
			return false;
		}
		if (pr->o.vflag)
			out_fmt(o, "(opt_type 0x%02x: len=%u)", type, olen);
		return true;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* The options area of a Hop-by-Hop or Destination Options header. False:
 * it ran past its header (the caller prints the truncation). */
static bool print_options(np_printer *pr, const uint8_t *bp, int len, bool *found_jumbo, uint32_t *payload_len)
{
	int optlen;
	bool seen_jumbo = false;
	for (int i = 0; i < len; i += optlen) {
		optlen = option_len(pr, bp, i, len);
		if (optlen <= 0)
			return false;
		if (!print_option(pr, bp, i, len, optlen, &seen_jumbo, found_jumbo, payload_len))
			return false;
	}
	if (pr->o.vflag)
		out_char(pr->out, ' ');
	return true;
}

/* The length of an options header at p, checked to be captured; -1 (having
 * printed the truncation) when it is not. */
static int options_header_len(np_printer *pr, const uint8_t *p)
{
	uint8_t lenbyte;
	NP_GET_U8(lenbyte, p + 1, pr->snapend);
	int hlen = (lenbyte + 1) << 3;
	if (!np_has(p, pr->snapend, (size_t)hlen)) {
		print_trunc(pr);
		return -1;
	}
	return hlen;
trunc:
	print_trunc_stop(pr);
	return -1;
}

int print_ip6_hbh(np_printer *pr, const uint8_t *p, bool *found_jumbo, uint32_t *payload_len)
{
	pr->protocol = "hbhopt";
	int hlen = options_header_len(pr, p);
	if (hlen < 0)
		return -1;
	out_str(pr->out, "HBH ");
	if (!print_options(pr, p + 2, hlen - 2, found_jumbo, payload_len)) {
		if (!pr->stopped)
			print_trunc(pr);
		return -1;
	}
	return hlen;
}

int print_ip6_dstopts(np_printer *pr, const uint8_t *p)
{
	pr->protocol = "dstopt";
	int hlen = options_header_len(pr, p);
	if (hlen < 0)
		return -1;
	out_str(pr->out, "DSTOPT ");
	if (!pr->o.vflag)
		return hlen;
	bool found_jumbo = false;
	if (!print_options(pr, p + 2, hlen - 2, &found_jumbo, NULL)) {
		if (!pr->stopped)
			print_trunc(pr);
		return -1;
	}
	return hlen;
}

int print_ip6_frag(np_printer *pr, const uint8_t *p, const uint8_t *iph)
{
	pr->protocol = "frag6";
	uint16_t offlg, plen;
	uint32_t ident;
	if (pr->o.vflag)
		NP_GET_BE32(ident, p + 4, pr->snapend);
	NP_GET_BE16(offlg, p + 2, pr->snapend);
	NP_GET_BE16(plen, iph + 4, pr->snapend);
	/* tcpdump computes the fragment's size in size_t: keep its wrap-around. */
	uint64_t size = 40u + (uint64_t)plen - (uint64_t)(p - iph) - 8u;
	if (pr->o.vflag)
		out_fmt(pr->out, "frag (0x%08x:%u|%llu)", ident, offlg & 0xfff8, (unsigned long long)size);
	else
		out_fmt(pr->out, "frag (%u|%llu)", offlg & 0xfff8, (unsigned long long)size);
	if ((offlg & 0xfff8) != 0)
		return -1; /* a later fragment: nothing in it can be decoded */
	out_char(pr->out, ' ');
	return 8;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* ", [0]addr, [1]addr..." for n addresses from a. */
static bool print_addr_list(np_printer *pr, const uint8_t *a, unsigned n)
{
	for (unsigned i = 0; i < n; i++, a += 16) {
		NP_CHECK(a, pr->snapend, 16);
		out_str(pr->out, ", [");
		out_u32(pr->out, i);
		out_char(pr->out, ']');
		out_ipv6(pr->out, a);
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

int print_ip6_routing(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	pr->protocol = "rt6";
	out_str(o, "RT6");
	uint8_t len, type, segleft;
	NP_GET_U8(len, p + 1, pr->snapend);
	out_fmt(o, " (len=%u", len);
	NP_GET_U8(type, p + 2, pr->snapend);
	out_fmt(o, ", type=%u", type);
	if (type == 0)
		out_str(o, " [Deprecated]");
	NP_GET_U8(segleft, p + 3, pr->snapend);
	out_fmt(o, ", segleft=%u", segleft);
	switch (type) {
	case 0:
	case 2: { /* RFC 2460 (deprecated), Mobile IPv6 */
		uint32_t rsv;
		NP_GET_BE32(rsv, p + 4, pr->snapend);
		if (rsv || pr->o.vflag)
			out_fmt(o, ", rsv=0x%x", rsv);
		break;
	}
	case 4: { /* Segment Routing Header, RFC 8754 */
		uint8_t last, flags;
		uint16_t tag;
		NP_GET_U8(last, p + 4, pr->snapend);
		out_fmt(o, ", last-entry=%u", last);
		NP_GET_U8(flags, p + 5, pr->snapend);
		if (flags || pr->o.vflag)
			out_fmt(o, ", flags=0x%x", flags);
		NP_GET_BE16(tag, p + 6, pr->snapend);
		out_fmt(o, ", tag=%x", tag);
		break;
	}
	default:
		out_str(o, " (unknown type)");
		print_invalid(pr);
		return -1;
	}
	if (len % 2 == 1) {
		out_fmt(o, " (invalid length %u)", len);
		print_invalid(pr);
		return -1;
	}
	if (!print_addr_list(pr, p + 8, len / 2u))
		return -1;
	out_str(o, ") ");
	return (len + 1) << 3;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* Mobility header (RFC 6275) message types and the fixed part each needs. */
static const np_tok mobility_types[] = {
	{0, "BRR"}, {1, "HoTI"}, {2, "CoTI"}, {3, "HoT"}, {4, "CoT"}, {5, "BU"}, {6, "BA"}, {7, "BE"}, {0, NULL},
};
static const uint8_t mobility_min_len[8] = {8, 16, 16, 24, 24, 12, 12, 24};

static const np_tok binding_update_bits[] = {
	{0x08, "A"}, {0x04, "H"}, {0x02, "L"}, {0x01, "K"}, {0, NULL},
};

enum { MOPT_PAD1, MOPT_PADN, MOPT_REFRESH, MOPT_ALTCOA, MOPT_NONCEID, MOPT_AUTH };

/* One mobility option at bp (optlen bytes, room left in the area: left).
 * False: it is cut short (printed why, if anything). */
static bool print_mobility_option(np_printer *pr, const uint8_t *bp, unsigned left)
{
	np_out *o = pr->out;
	uint8_t type, olen = 0;
	uint16_t a, b;
	NP_GET_U8(type, bp, pr->snapend);
	if (type != MOPT_PAD1)
		NP_GET_U8(olen, bp + 1, pr->snapend);
	switch (type) {
	case MOPT_PAD1: out_str(o, "(pad1)"); return true;
	case MOPT_PADN: out_str(o, left < 2 ? "(padn: trunc)" : "(padn)"); return left >= 2;
	case MOPT_REFRESH:
		if (left < 4) {
			out_str(o, "(refresh: trunc)");
			return false;
		}
		NP_GET_BE16(a, bp + 2, pr->snapend);
		out_fmt(o, "(refresh: %u)", (unsigned)a << 2); /* units of 4 seconds */
		return true;
	case MOPT_ALTCOA:
		if (left < 18) {
			out_str(o, "(altcoa: trunc)");
			return false;
		}
		NP_CHECK(bp + 2, pr->snapend, 16);
		out_str(o, "(alt-CoA: ");
		out_ipv6(o, bp + 2);
		out_char(o, ')');
		return true;
	case MOPT_NONCEID:
		if (left < 6) {
			out_str(o, "(ni: trunc)");
			return false;
		}
		NP_GET_BE16(a, bp + 2, pr->snapend);
		NP_GET_BE16(b, bp + 4, pr->snapend);
		out_fmt(o, "(ni: ho=0x%04x co=0x%04x)", a, b);
		return true;
	case MOPT_AUTH: out_str(o, left < 12 ? "(auth: trunc)" : "(auth)"); return left >= 12;
	default:
		if (left < 2) {
			out_fmt(o, "(sopt_type %u: trunc)", type);
			return false;
		}
		out_fmt(o, "(type-0x%02x: len=%u)", type, olen);
		return true;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* The options after a mobility message's fixed part. False: cut short. */
static bool print_mobility_options(np_printer *pr, const uint8_t *bp, unsigned len)
{
	int optlen;
	for (int i = 0; i < (int)len; i += optlen) {
		optlen = option_len(pr, bp, i, (int)len); /* MOPT_PAD1 is OPT_PAD1 */
		if (optlen <= 0)
			return false;
		/* tcpdump insists on the byte after the option being captured */
		if (!np_has(bp + i + optlen, pr->snapend, 1))
			return false;
		if (!print_mobility_option(pr, bp + i, len - (unsigned)i))
			return false;
	}
	return true;
}

/* "Home Init Cookie=xxxxxxxx:xxxxxxxx" and the like, from 8 bytes at p. */
static bool print_mobility_pair(np_printer *pr, const char *label, const uint8_t *p)
{
	uint32_t hi, lo;
	NP_GET_BE32(hi, p, pr->snapend);
	NP_GET_BE32(lo, p + 4, pr->snapend);
	out_fmt(pr->out, " %s=%08x:%08x", label, hi, lo);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* The message-specific fields; returns where the options start (from p),
 * 0 for a type without options, -1 when stopped, -2 when cut short. */
static int print_mobility_body(np_printer *pr, const uint8_t *p, uint8_t type)
{
	np_out *o = pr->out;
	bool v = pr->o.vflag != 0;
	uint8_t b8;
	uint16_t b16;
	switch (type) {
	case 0: return 8;
	case 1:
	case 2:
		if (v && !print_mobility_pair(pr, type == 1 ? "Home Init Cookie" : "Care-of Init Cookie", p + 8))
			return -1;
		return 16;
	case 3:
	case 4:
		NP_GET_BE16(b16, p + 6, pr->snapend);
		out_fmt(o, " nonce id=0x%x", b16);
		if (v && !print_mobility_pair(pr, type == 3 ? "Home Init Cookie" : "Care-of Init Cookie", p + 8))
			return -1;
		if (v && !print_mobility_pair(pr, type == 3 ? "Home Keygen Token" : "Care-of Keygen Token", p + 16))
			return -1;
		return 24;
	case 5:
		NP_GET_BE16(b16, p + 6, pr->snapend);
		out_fmt(o, " seq#=%u", b16);
		if (!np_has(p + 8, pr->snapend, 2))
			return -2; /* tcpdump's local check: a note, not a stop */
		NP_GET_U8(b8, p + 8, pr->snapend);
		if (b8 >> 4) {
			out_char(o, ' ');
			print_bits(pr, binding_update_bits, b8 >> 4, "", "");
		}
		NP_GET_BE16(b16, p + 10, pr->snapend);
		out_fmt(o, " lifetime=%u", (unsigned)b16 << 2);
		return 12;
	case 6:
		NP_GET_U8(b8, p + 6, pr->snapend);
		out_fmt(o, " status=%u", b8);
		NP_GET_U8(b8, p + 7, pr->snapend);
		if (b8 & 0x80)
			out_str(o, " K");
		NP_GET_BE16(b16, p + 8, pr->snapend);
		out_fmt(o, " seq#=%u", b16);
		NP_GET_BE16(b16, p + 10, pr->snapend);
		out_fmt(o, " lifetime=%u", (unsigned)b16 << 2);
		return 12;
	case 7:
		NP_GET_U8(b8, p + 6, pr->snapend);
		out_fmt(o, " status=%u", b8);
		NP_CHECK(p + 8, pr->snapend, 16);
		out_str(o, " homeaddr ");
		out_ipv6(o, p + 8);
		return 24;
	default:
		NP_GET_U8(b8, p + 1, pr->snapend);
		out_fmt(o, " len=%u", b8);
		return 0;
	}
trunc:
	print_trunc_stop(pr);
	return -1;
}

int print_ip6_mobility(np_printer *pr, const uint8_t *p)
{
	pr->protocol = "mobility";
	uint8_t lenbyte, type;
	if (!np_get_u8(p + 1, pr->snapend, &lenbyte))
		goto cut_short;
	unsigned mhlen = (lenbyte + 1u) << 3;
	NP_GET_U8(type, p + 2, pr->snapend);
	if (type < sizeof(mobility_min_len) && mhlen < mobility_min_len[type]) {
		out_fmt(pr->out, "(header length %u is too small for type %u)", mhlen, type);
		goto cut_short;
	}
	out_str(pr->out, "mobility: ");
	out_str(pr->out, tok2str(mobility_types, "type-#%u", type));
	int hlen = print_mobility_body(pr, p, type);
	if (hlen == -2)
		goto cut_short;
	if (hlen < 0)
		return -1;
	if (hlen == 0)
		return (int)mhlen;
	if (pr->o.vflag && !print_mobility_options(pr, p + hlen, mhlen - (unsigned)hlen)) {
		if (pr->stopped)
			return -1;
		goto cut_short;
	}
	return (int)mhlen;
cut_short:
	print_trunc(pr);
	return -1;
trunc:
	print_trunc_stop(pr);
	return -1;
}
