/*
 * icmp6_nd.c - neighbour-discovery options (RFC 4861 and the RFCs that
 * add options: 4191 route info, 6275 advertisement interval and home
 * agent info, 8106 RDNSS and DNSSL), one "\n\t  name option (type),
 * length ..." line each, with tcpdump's -vv hex dump of the option body.
 *
 * DNSSL domain names are printed the way tcpdump's DNS name printer does
 * (labels, compression pointers relative to the first option, bit labels).
 *
 * Not for: the message headers the options follow (icmp6.c).
 */
#include "icmp6.h"

#include <string.h>

enum {
	ND_OPT_SOURCE_LINKADDR = 1,
	ND_OPT_TARGET_LINKADDR = 2,
	ND_OPT_PREFIX_INFORMATION = 3,
	ND_OPT_REDIRECTED_HEADER = 4,
	ND_OPT_MTU = 5,
	ND_OPT_ADVINTERVAL = 7,
	ND_OPT_HOMEAGENT_INFO = 8,
	ND_OPT_ROUTE_INFO = 24,
	ND_OPT_RDNSS = 25,
	ND_OPT_DNSSL = 31,
};

static const np_tok nd_opt_values[] = {
	{ND_OPT_SOURCE_LINKADDR, "source link-address"},
	{ND_OPT_TARGET_LINKADDR, "destination link-address"},
	{ND_OPT_PREFIX_INFORMATION, "prefix info"},
	{ND_OPT_REDIRECTED_HEADER, "redirected header"},
	{ND_OPT_MTU, "mtu"},
	{ND_OPT_RDNSS, "rdnss"},
	{ND_OPT_DNSSL, "dnssl"},
	{ND_OPT_ADVINTERVAL, "advertisement interval"},
	{ND_OPT_HOMEAGENT_INFO, "homeagent information"},
	{ND_OPT_ROUTE_INFO, "route info"},
	{0, NULL},
};

static const np_tok nd_prefix_flag_values[] = {
	{0x80, "onlink"},
	{0x40, "auto"},
	{0x20, "router"},
	{0, NULL},
};

/* ---- DNS names (tcpdump's fqdn_print, without the DNS printer) ---- */

#define LABEL_TYPE_MASK 0xc0
#define LABEL_POINTER 0xc0
#define LABEL_RESERVED 0x80
#define LABEL_EDNS0 0x40
#define LABEL_NORMAL 0x00
#define EDNS0_BITLABEL 0x01
#define MAX_NAME_CHARS 255

/* The length of the label at cp (its byte count, the pointer byte, or a
 * bit label's bytes plus one); -1 after printing why it cannot be used. */
static int label_length(np_printer *pr, const uint8_t *cp)
{
	uint8_t i = 0, bitlen = 0;
	if (!np_get_u8(cp, pr->snapend, &i))
		return -1;
	switch (i & LABEL_TYPE_MASK) {
	case LABEL_EDNS0:
		if ((i & ~LABEL_TYPE_MASK) != EDNS0_BITLABEL) {
			out_fmt(pr->out, "<ELT %d>", i & ~LABEL_TYPE_MASK);
			return -1;
		}
		if (!np_get_u8(cp + 1, pr->snapend, &bitlen))
			return -1;
		return ((bitlen ? bitlen : 256) + 7) / 8 + 1;
	case LABEL_POINTER:
	case LABEL_NORMAL:
		return i;
	default:
		out_str(pr->out, "<BAD LABEL TYPE>");
		return -1;
	}
}

/* A bit label "\[x<hex>/<bits>]"; NULL (and stopped) when cut short. */
static const uint8_t *print_bit_label(np_printer *pr, const uint8_t *cp)
{
	uint8_t v = 0;
	NP_GET_U8(v, cp, pr->snapend);
	uint32_t bitlen = v ? v : 256;
	const uint8_t *lim = cp + 1 + (bitlen + 3) / 4;
	const uint8_t *bitp = cp + 1;
	uint32_t b = bitlen;
	out_str(pr->out, "\\[x");
	for (; bitp < lim && b > 7; b -= 8, bitp++) {
		NP_GET_U8(v, bitp, pr->snapend);
		out_hex(pr->out, v, 2);
	}
	if (b > 4) {
		NP_GET_U8(v, bitp, pr->snapend);
		out_hex(pr->out, v & (0xffu << (8 - b)) & 0xff, 2);
	} else if (b > 0) {
		NP_GET_U8(v, bitp, pr->snapend);
		out_hex(pr->out, ((v >> 4) & 0x0f) & (0x0fu << (4 - b)), 1);
	}
	out_fmt(pr->out, "/%u]", bitlen);
	return lim;
trunc:
	print_trunc_stop(pr);
	return NULL;
}

/* Up to n characters from cp, stopping at the capture's end; false if it
 * stopped early. */
static bool print_chars(np_printer *pr, const uint8_t *cp, uint32_t n)
{
	for (; n > 0 && cp < pr->snapend; n--, cp++)
		print_safe_char(pr, *cp);
	return n == 0;
}

struct name_walk {
	const uint8_t *cp;  /* the label being printed */
	const uint8_t *rp;  /* where the name ends in the packet */
	uint32_t max_offset; /* pointers must go backwards from here */
	uint32_t name_chars;
	bool compressed;
};

/* One label of a name (its type byte is i, its length l); false when the
 * name cannot be printed further. */
static bool print_one_label(np_printer *pr, struct name_walk *w, uint8_t i, int l)
{
	switch (i & LABEL_TYPE_MASK) {
	case LABEL_EDNS0:
		if ((i & ~LABEL_TYPE_MASK) != EDNS0_BITLABEL) {
			out_fmt(pr->out, "<ELT %u>", i & ~LABEL_TYPE_MASK);
			return false;
		}
		return print_bit_label(pr, w->cp) != NULL;
	case LABEL_RESERVED:
		out_str(pr->out, "<BAD LABEL TYPE>");
		return false;
	default:
		if (w->name_chars + (uint32_t)l <= MAX_NAME_CHARS) {
			if (!print_chars(pr, w->cp, (uint32_t)l))
				return false;
		} else if (w->name_chars < MAX_NAME_CHARS) {
			if (!print_chars(pr, w->cp, MAX_NAME_CHARS - w->name_chars))
				return false;
		}
		w->name_chars += (uint32_t)l;
		return true;
	}
}

/*
 * A domain name at cp, compression pointers counting from base; returns
 * the first byte after it, or NULL when it could not be printed (check
 * pr->stopped: a hard stop, or tcpdump's softer failure).
 */
static const uint8_t *print_domain_name(np_printer *pr, const uint8_t *cp, const uint8_t *base)
{
	struct name_walk w = {.cp = cp, .rp = NULL, .max_offset = (uint32_t)(cp - base)};
	int l = label_length(pr, cp);
	if (l < 0)
		return NULL;
	uint8_t i = *w.cp++;
	if ((i & LABEL_TYPE_MASK) != LABEL_POINTER)
		w.rp = w.cp + l;
	if (i == 0) {
		out_char(pr->out, '.');
		return w.rp;
	}
	while (i && w.cp < pr->snapend) {
		if ((i & LABEL_TYPE_MASK) == LABEL_POINTER) {
			if (!w.compressed) {
				w.rp = w.cp + 1;
				w.compressed = true;
			}
			uint8_t lo = 0;
			if (!np_get_u8(w.cp, pr->snapend, &lo))
				return NULL;
			uint32_t offset = (((uint32_t)i << 8) | lo) & 0x3fff;
			if (offset >= w.max_offset) {
				out_str(pr->out, "<BAD PTR>");
				return NULL;
			}
			w.max_offset = offset;
			w.cp = base + offset;
			if (!np_get_u8(w.cp, pr->snapend, &i) || (l = label_length(pr, w.cp)) < 0)
				return NULL;
			w.cp++;
			continue;
		}
		if (!print_one_label(pr, &w, i, l))
			return NULL;
		w.cp += l;
		if (w.name_chars <= MAX_NAME_CHARS)
			out_char(pr->out, '.');
		w.name_chars++;
		if (!np_get_u8(w.cp, pr->snapend, &i) || (l = label_length(pr, w.cp)) < 0)
			return NULL;
		w.cp++;
		if (!w.compressed)
			w.rp += l + 1;
	}
	if (w.name_chars > MAX_NAME_CHARS)
		out_str(pr->out, "<DOMAIN NAME TOO LONG>");
	return w.rp;
}

/* ---- the options ---- */

static void print_lladdr(np_printer *pr, const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		if (i > 0)
			out_char(pr->out, ':');
		out_hex(pr->out, p[i], 2);
	}
}

static void print_prefix_info(np_printer *pr, const uint8_t *op, uint8_t opt_len)
{
	uint32_t valid = 0, preferred = 0;
	NP_CHECK(op, pr->snapend, 32);
	np_get_be32(op + 4, pr->snapend, &valid);
	np_get_be32(op + 8, pr->snapend, &preferred);
	out_ipv6(pr->out, op + 16);
	out_char(pr->out, '/');
	out_u32(pr->out, op[2]);
	if (opt_len != 4)
		out_str(pr->out, "badlen");
	out_str(pr->out, ", Flags [");
	print_bits(pr, nd_prefix_flag_values, op[3], ", ", "none");
	out_str(pr->out, "], valid time ");
	icmp6_print_lifetime(pr, valid);
	out_str(pr->out, ", pref. time ");
	icmp6_print_lifetime(pr, preferred);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_rdnss(np_printer *pr, const uint8_t *op, uint8_t opt_len)
{
	uint32_t lifetime = 0;
	NP_GET_BE32(lifetime, op + 4, pr->snapend);
	out_str(pr->out, " lifetime ");
	out_u32(pr->out, lifetime);
	out_str(pr->out, "s,");
	const uint8_t *a = op + 8;
	for (uint32_t i = 0; i < (opt_len - 1u) / 2; i++, a += 16) {
		NP_CHECK(a, pr->snapend, 16);
		out_str(pr->out, " addr: ");
		out_ipv6(pr->out, a);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* False when a name could not be printed (tcpdump's local truncation). */
static bool print_dnssl(np_printer *pr, const uint8_t *op, uint8_t opt_len, const uint8_t *base)
{
	uint32_t lifetime = 0;
	NP_GET_BE32(lifetime, op + 4, pr->snapend);
	out_str(pr->out, " lifetime ");
	out_u32(pr->out, lifetime);
	out_str(pr->out, "s, domain(s):");
	const uint8_t *end = op + ((uint32_t)opt_len << 3);
	for (const uint8_t *dom = op + 8; dom < end && *dom != '\0';) {
		out_char(pr->out, ' ');
		dom = print_domain_name(pr, dom, base);
		if (!dom)
			return false;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return true;
}

/* Route information (RFC 4191): a prefix of 0, 8 or 16 bytes. */
static bool print_route_info(np_printer *pr, const uint8_t *op, uint8_t opt_len)
{
	uint8_t prefix[16];
	uint32_t lifetime = 0;
	if (!np_get_be32(op + 4, pr->snapend, &lifetime))
		return false;
	memset(prefix, 0, sizeof(prefix));
	if (opt_len == 2 || opt_len == 3) {
		uint32_t n = opt_len == 2 ? 8 : 16;
		NP_CHECK(op + 8, pr->snapend, n);
		memcpy(prefix, op + 8, n);
	} else if (opt_len != 1) {
		return false;
	}
	out_char(pr->out, ' ');
	out_ipv6(pr->out, prefix);
	out_char(pr->out, '/');
	out_u32(pr->out, op[2]);
	out_str(pr->out, ", pref=");
	out_str(pr->out, icmp6_rtpref(op[3]));
	out_str(pr->out, ", lifetime=");
	icmp6_print_lifetime(pr, lifetime);
	return true;
trunc:
	print_trunc_stop(pr);
	return true;
}

static void print_u32_at(np_printer *pr, const char *before, const uint8_t *p, const char *after)
{
	uint32_t v = 0;
	NP_GET_BE32(v, p, pr->snapend);
	out_str(pr->out, before);
	out_u32(pr->out, v);
	out_str(pr->out, after);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_homeagent_info(np_printer *pr, const uint8_t *op)
{
	uint16_t pref = 0, lifetime = 0;
	NP_GET_BE16(pref, op + 4, pr->snapend);
	NP_GET_BE16(lifetime, op + 6, pr->snapend);
	out_fmt(pr->out, " preference %u, lifetime %u", pref, lifetime);
	return;
trunc:
	print_trunc_stop(pr);
}

enum opt_result { OPT_NEXT, OPT_LAST, OPT_CUT };

/* The body of one option (whose bytes are all captured). */
static enum opt_result print_option_body(np_printer *pr, const uint8_t *op, uint8_t type, uint8_t opt_len,
					 const uint8_t *base)
{
	uint32_t size = (uint32_t)opt_len << 3;
	switch (type) {
	case ND_OPT_SOURCE_LINKADDR:
	case ND_OPT_TARGET_LINKADDR:
		print_lladdr(pr, op + 2, size - 2);
		break;
	case ND_OPT_PREFIX_INFORMATION:
		print_prefix_info(pr, op, opt_len);
		break;
	case ND_OPT_REDIRECTED_HEADER:
		/* tcpdump dumps from the first option here, not this one */
		icmp6_unknown_data(pr, base, "\n\t    ", size);
		break;
	case ND_OPT_MTU:
		print_u32_at(pr, " ", op + 4, opt_len != 1 ? "bad option length" : "");
		break;
	case ND_OPT_RDNSS:
		print_rdnss(pr, op, opt_len);
		break;
	case ND_OPT_DNSSL:
		if (!print_dnssl(pr, op, opt_len, base))
			return OPT_CUT;
		break;
	case ND_OPT_ADVINTERVAL:
		print_u32_at(pr, " ", op + 4, "ms");
		break;
	case ND_OPT_HOMEAGENT_INFO:
		print_homeagent_info(pr, op);
		break;
	case ND_OPT_ROUTE_INFO:
		if (!print_route_info(pr, op, opt_len))
			return OPT_CUT;
		break;
	default:
		if (pr->o.vflag <= 1) {
			icmp6_unknown_data(pr, op + 2, "\n\t  ", size - 2);
			return OPT_LAST;
		}
		break;
	}
	return OPT_NEXT;
}

bool icmp6_nd_options(np_printer *pr, const uint8_t *p, int32_t resid)
{
	const uint8_t *cp = p;
	while (cp < pr->snapend) {
		uint8_t type = 0, opt_len = 0;
		if (!np_get_u8(cp + 1, pr->snapend, &opt_len))
			return false;
		if (resid <= 0)
			return true;
		type = cp[0];
		uint32_t size = (uint32_t)opt_len << 3;
		if (opt_len == 0 || !np_has(cp, pr->snapend, size))
			return false;
		out_fmt(pr->out, "\n\t  %s option (%u), length %u (%u): ", tok2str(nd_opt_values, "unknown", type),
			type, size, opt_len);
		enum opt_result r = print_option_body(pr, cp, type, opt_len, p);
		if (pr->stopped)
			return true;
		if (r == OPT_CUT)
			return false;
		if (r == OPT_LAST)
			return true;
		if (pr->o.vflag > 1)
			icmp6_unknown_data(pr, cp + 2, "\n\t    ", size - 2);
		cp += size;
		resid -= (int32_t)size;
	}
	return true;
}
