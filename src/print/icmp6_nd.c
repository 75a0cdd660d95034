/*
 * icmp6_nd.c - neighbour-discovery options (RFC 4861 and the RFCs that
 * add options: 4191 route info, 6275 advertisement interval and home
 * agent info, 8106 RDNSS and DNSSL), one "\n\t  name option (type),
 * length ..." line each, with tcpdump's -vv hex dump of the option body.
 *
 * DNSSL domain names are printed by dns.c's print_dns_name (tcpdump's
 * fqdn_print), compression pointers relative to the first option.
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
		dom = print_dns_name(pr, dom, base);
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
	case ND_OPT_TARGET_LINKADDR: print_lladdr(pr, op + 2, size - 2); break;
	case ND_OPT_PREFIX_INFORMATION: print_prefix_info(pr, op, opt_len); break;
	case ND_OPT_REDIRECTED_HEADER:
		/* tcpdump dumps from the first option here, not this one */
		print_unknown_data(pr, base, "\n\t    ", size);
		break;
	case ND_OPT_MTU: print_u32_at(pr, " ", op + 4, opt_len != 1 ? "bad option length" : ""); break;
	case ND_OPT_RDNSS: print_rdnss(pr, op, opt_len); break;
	case ND_OPT_DNSSL:
		if (!print_dnssl(pr, op, opt_len, base))
			return OPT_CUT;
		break;
	case ND_OPT_ADVINTERVAL: print_u32_at(pr, " ", op + 4, "ms"); break;
	case ND_OPT_HOMEAGENT_INFO: print_homeagent_info(pr, op); break;
	case ND_OPT_ROUTE_INFO:
		if (!print_route_info(pr, op, opt_len))
			return OPT_CUT;
		break;
	default:
		if (pr->o.vflag <= 1) {
			print_unknown_data(pr, op + 2, "\n\t  ", size - 2);
			return OPT_LAST;
		}
		break;
	}
	return OPT_NEXT;
}

bool icmp6_nd_options(np_printer *pr, const uint8_t *p, int32_t resid)
{
	const uint8_t *cp = p;
	while (np_has(cp, pr->snapend, 1)) {
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
			print_unknown_data(pr, cp + 2, "\n\t    ", size - 2);
		cp += size;
		resid -= (int32_t)size;
	}
	return true;
}
