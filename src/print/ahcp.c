/*
 * ahcp.c - the Ad-Hoc Configuration Protocol (AHCP version 1, the address
 * configuration companion of Babel) as tcpdump 4.99's print-ahcp.c writes
 * it: "AHCP Version 1", with -v the header (hop counts, nonce, ids) and
 * message type, with -vv the options. Reached from UDP port 5359.
 *
 * Not for: AHCP versions other than 1 (named, not decoded, as tcpdump does).
 */
#include <time.h>

#include "print.h"

#define AHCP_MAGIC 43
#define AHCP1_HEADER_LEN 24
#define AHCP1_BODY_MIN_LEN 4

enum {
	OPT_PAD = 0,
	OPT_MANDATORY = 1,
	OPT_ORIGIN_TIME = 2,
	OPT_EXPIRES = 3,
	OPT_MY_IPV6_ADDRESS = 4,
	OPT_MY_IPV4_ADDRESS = 5,
	OPT_IPV6_PREFIX = 6,
	OPT_IPV4_PREFIX = 7,
	OPT_IPV6_ADDRESS = 8,
	OPT_IPV4_ADDRESS = 9,
	OPT_IPV6_PREFIX_DELEGATION = 10,
	OPT_IPV4_PREFIX_DELEGATION = 11,
	OPT_NAME_SERVER = 12,
	OPT_NTP_SERVER = 13,
};

static const np_tok ahcp1_msg_names[] = {
	{0, "Discover"}, {1, "Offer"}, {2, "Request"}, {3, "Ack"}, {4, "Nack"}, {5, "Release"}, {0, NULL},
};

static const np_tok ahcp1_opt_names[] = {
	{OPT_PAD, "Pad"},
	{OPT_MANDATORY, "Mandatory"},
	{OPT_ORIGIN_TIME, "Origin Time"},
	{OPT_EXPIRES, "Expires"},
	{OPT_MY_IPV6_ADDRESS, "My-IPv6-Address"},
	{OPT_MY_IPV4_ADDRESS, "My-IPv4-Address"},
	{OPT_IPV6_PREFIX, "IPv6 Prefix"},
	{OPT_IPV4_PREFIX, "IPv4 Prefix"},
	{OPT_IPV6_ADDRESS, "IPv6 Address"},
	{OPT_IPV4_ADDRESS, "IPv4 Address"},
	{OPT_IPV6_PREFIX_DELEGATION, "IPv6 Prefix Delegation"},
	{OPT_IPV4_PREFIX_DELEGATION, "IPv4 Prefix Delegation"},
	{OPT_NAME_SERVER, "Name Server"},
	{OPT_NTP_SERVER, "NTP Server"},
	{0, NULL},
};

/* How an option's value is printed. */
enum ahcp_value { V_NONE, V_TIME, V_SECONDS, V_IP6, V_IP4, V_IP6_PREFIX, V_IP4_PREFIX };

static enum ahcp_value ahcp_value_kind(uint8_t opt)
{
	switch (opt) {
	case OPT_ORIGIN_TIME: return V_TIME;
	case OPT_EXPIRES: return V_SECONDS;
	case OPT_MY_IPV6_ADDRESS:
	case OPT_IPV6_ADDRESS:
	case OPT_NAME_SERVER:
	case OPT_NTP_SERVER: return V_IP6;
	case OPT_MY_IPV4_ADDRESS:
	case OPT_IPV4_ADDRESS: return V_IP4;
	case OPT_IPV6_PREFIX:
	case OPT_IPV6_PREFIX_DELEGATION: return V_IP6_PREFIX;
	case OPT_IPV4_PREFIX_DELEGATION: return V_IP4_PREFIX;
	default: return V_NONE; /* IPv4 Prefix too: tcpdump has no decoder for it */
	}
}

/* tcpdump's "invalid" exit: the note, then a stop if [cp, cp+len) is not
 * all captured. */
static void ahcp_invalid(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	print_invalid(pr);
	print_rest_captured(pr, cp, len);
}

/* One option value of len bytes at cp: false when the packet stopped. */
static bool print_ahcp_value(np_printer *pr, enum ahcp_value kind, const uint8_t *cp, uint8_t len)
{
	np_out *o = pr->out;
	uint32_t v;
	unsigned unit = 0;
	const char *sep = ": ";
	switch (kind) {
	case V_TIME:
	case V_SECONDS:
		if (len != 4)
			goto invalid;
		NP_GET_BE32(v, cp, pr->snapend);
		if (kind == V_SECONDS) {
			out_fmt(o, ": %us", v);
		} else {
			time_t t = (time_t)v;
			struct tm tm;
			char buf[64];
			if (!gmtime_r(&t, &tm))
				out_str(o, ": gmtime() error");
			else if (strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
				out_str(o, ": strftime() error");
			else
				out_fmt(o, ": %s UTC", buf);
		}
		return true;
	case V_IP6: unit = 16; break;
	case V_IP4: unit = 4; break;
	case V_IP6_PREFIX: unit = 17; break;
	case V_IP4_PREFIX: unit = 5; break;
	case V_NONE: return true;
	}
	while (len) {
		if (len < unit)
			goto invalid;
		NP_CHECK(cp, pr->snapend, unit);
		out_str(o, sep);
		if (unit >= 16)
			out_ipv6(o, cp);
		else
			out_ipv4(o, cp);
		if (unit == 5 || unit == 17)
			out_fmt(o, "/%u", cp[unit - 1]);
		cp += unit;
		len = (uint8_t)(len - unit);
		sep = ", ";
	}
	return true;
invalid:
	ahcp_invalid(pr, cp, len);
	return !pr->stopped;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void print_ahcp1_options(np_printer *pr, const uint8_t *cp, uint16_t len)
{
	while (len) {
		uint8_t opt, olen;
		NP_GET_U8(opt, cp, pr->snapend);
		cp++;
		len--;
		out_str(pr->out, "\n\t ");
		out_str(pr->out, tok2str(ahcp1_opt_names, "Unknown-%u", opt));
		if (opt == OPT_PAD || opt == OPT_MANDATORY)
			continue;
		if (!len)
			goto invalid;
		NP_GET_U8(olen, cp, pr->snapend);
		cp++;
		len--;
		if (olen > len)
			goto invalid;
		enum ahcp_value kind = ahcp_value_kind(opt);
		if (kind != V_NONE) {
			if (!print_ahcp_value(pr, kind, cp, olen))
				return;
		} else {
			out_fmt(pr->out, " (Length %u)", olen);
			NP_CHECK(cp, pr->snapend, olen);
		}
		cp += olen;
		len = (uint16_t)(len - olen);
	}
	return;
invalid:
	ahcp_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_ahcp1_body(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	uint8_t type, mbz;
	uint16_t body_len;
	if (len < AHCP1_BODY_MIN_LEN)
		goto invalid;
	NP_GET_U8(type, cp, pr->snapend);
	NP_GET_U8(mbz, cp + 1, pr->snapend);
	NP_GET_BE16(body_len, cp + 2, pr->snapend);
	cp += 4;
	len -= 4;
	if (pr->o.vflag) {
		out_fmt(pr->out, "\n\t%s", tok2str(ahcp1_msg_names, "Unknown-%u", type));
		if (mbz != 0)
			out_fmt(pr->out, ", MBZ %u", mbz);
		out_fmt(pr->out, ", Length %u", body_len);
	}
	if (body_len > len)
		goto invalid;
	/* the options of body_len; bytes past it are ignored */
	if (pr->o.vflag >= 2)
		print_ahcp1_options(pr, cp, body_len);
	else
		print_rest_captured(pr, cp, body_len);
	return;
invalid:
	ahcp_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_ahcp(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t magic, version, hop, ohop;
	uint32_t nonce;
	pr->protocol = "ahcp";
	out_str(o, "AHCP");
	if (len < 2)
		goto invalid;
	NP_GET_U8(magic, cp, pr->snapend);
	if (magic != AHCP_MAGIC)
		goto invalid;
	NP_GET_U8(version, cp + 1, pr->snapend);
	cp += 2;
	len -= 2;
	if (version != 1) {
		out_fmt(o, " Version %u (unknown)", version);
		print_rest_captured(pr, cp, len);
		return;
	}
	out_str(o, " Version 1");
	if (len < AHCP1_HEADER_LEN - 2)
		goto invalid;
	if (!pr->o.vflag) {
		NP_CHECK(cp, pr->snapend, AHCP1_HEADER_LEN - 2);
	} else {
		NP_GET_U8(hop, cp, pr->snapend);
		out_fmt(o, "\n\tHopcount %u", hop);
		NP_GET_U8(ohop, cp + 1, pr->snapend);
		out_fmt(o, ", Original Hopcount %u", ohop);
		NP_GET_BE32(nonce, cp + 2, pr->snapend);
		out_fmt(o, ", Nonce 0x%08x", nonce);
		for (int id = 0; id < 2; id++) {
			const uint8_t *p = cp + 6 + 8 * id;
			NP_CHECK(p, pr->snapend, 8);
			out_str(o, id ? ", Destination Id " : ", Source Id ");
			for (int i = 0; i < 8; i++)
				out_fmt(o, i ? ":%02x" : "%02x", p[i]);
		}
	}
	cp += AHCP1_HEADER_LEN - 2;
	len -= AHCP1_HEADER_LEN - 2;
	print_ahcp1_body(pr, cp, len);
	return;
invalid:
	ahcp_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}
