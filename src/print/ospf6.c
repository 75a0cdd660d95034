/*
 * ospf6.c - OSPF for IPv6 (OSPFv3, IP protocol 89 over IPv6, RFC 5340)
 * as tcpdump 4.99's print-ospf6.c writes it: "OSPFv3, Hello, length 36",
 * and with -v the router and area, hello and database description fields
 * and the RFC 5613 LLS / RFC 7166 authentication trailers; -vv adds
 * neighbor lists, LSA headers, requests and the LSAs of updates (router,
 * network, inter-area prefix, external, link, intra-area prefix).
 *
 * Grace and Intra-Area-TE LSAs go through OSPFv2's TLV printers (ospf.c),
 * as in tcpdump.
 *
 * Not for: OSPFv2 (IPv4).
 */
#include <string.h>

#include "print.h"

#define OSPF6_HDRLEN 16
#define LSA6_HDRLEN 20
#define OSPF6_OPTION_L 0x0200
#define ASLA_FLAG_FWDADDR 0x02000000u
#define ASLA_FLAG_ROUTETAG 0x01000000u

static const np_tok ospf6_type_names[] = {
	{1, "Hello"}, {2, "Database Description"}, {3, "LS-Request"}, {4, "LS-Update"}, {5, "LS-Ack"}, {0, NULL},
};

static const np_tok ospf6_option_names[] = {
	{0x01, "V6"},
	{0x02, "External"},
	{0x04, "Deprecated"},
	{0x08, "NSSA"},
	{0x10, "Router"},
	{0x20, "Demand Circuit"},
	{0x0100, "AFs Support"},
	{0x0200, "LLS"},
	{0x0400, "Authentication Trailer"},
	{0, NULL},
};

static const np_tok ospf6_rla_flag_names[] = {
	{0x01, "ABR"},        {0x02, "External"},        {0x04, "Virtual-Link Endpoint"},
	{0x08, "Deprecated"}, {0x10, "NSSA Translator"}, {0, NULL},
};

static const np_tok ospf6_asla_flag_names[] = {
	{0x80000000u, "External Type 2"},
	{0x02000000u, "Forwarding"},
	{0x01000000u, "Tag"},
	{0, NULL},
};

static const np_tok ospf6_lsa_names[] = {
	{1, "Router"},
	{2, "Network"},
	{3, "Inter-Area Prefix"},
	{4, "Inter-Area Router"},
	{5, "External"},
	{6, "Deprecated"},
	{7, "NSSA"},
	{8, "Link"},
	{9, "Intra-Area Prefix"},
	{10, "Intra-Area TE"},
	{11, "Grace"},
	{12, "Router Information"},
	{13, "Inter-AS-TE"},
	{14, "Layer 1 VPN"},
	{0, NULL},
};

static const np_tok ospf6_scope_names[] = {
	{0x0000, "Link Local"}, {0x2000, "Area Local"}, {0x4000, "Domain Wide"}, {0, NULL}};

static const np_tok ospf6_dd_flag_names[] = {
	{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x10, "IPv6 MTU"}, {0, NULL}};

static const np_tok ospf6_prefix_option_names[] = {
	{0x01, "No Unicast"},
	{0x02, "Local address"},
	{0x04, "Deprecated"},
	{0x08, "Propagate"},
	{0x10, "Down"},
	{0x20, "N-bit"},
	{0, NULL},
};

static const np_tok ospf6_auth_names[] = {{1, "HMAC"}, {0, NULL}};

/* "Options [..]" style list of the 32-bit field at p (captured). */
static void print_ospf6_bits(np_printer *pr, const char *lead, const np_tok *t, uint32_t v)
{
	out_str(pr->out, lead);
	print_bits(pr, t, v, ", ", "none");
	out_char(pr->out, ']');
}

/* LS type and LSA-ID; false when the ID is not captured. */
static bool print_ospf6_ls_type(np_printer *pr, uint16_t type, const uint8_t *id)
{
	if (!np_has(id, pr->snapend, 4))
		return false;
	out_fmt(pr->out, "\n\t    %s LSA (%u), %s Scope%s, LSA-ID ", tok2str(ospf6_lsa_names, "Unknown", type & 0x1fff),
		type & 0x1fff, tok2str(ospf6_scope_names, "Unknown", type & 0x6000),
		type & 0x8000 ? ", transitive" : "");
	out_ipv4(pr->out, id);
	return true;
}

/* An LSA header. 0 printed, 1 past dataend (the caller's truncation),
 * -1 the packet stopped (mark printed). */
static int print_ospf6_lshdr(np_printer *pr, const uint8_t *h, const uint8_t *dataend)
{
	if (h + LSA6_HDRLEN > dataend)
		return 1;
	if (!np_has(h, pr->snapend, LSA6_HDRLEN))
		goto trunc;
	/* tcpdump subtracts a size_t: a length below the header's wraps to 64 bits */
	out_str(pr->out, "\n\t  Advertising Router ");
	out_ipv4(pr->out, h + 8);
	out_fmt(pr->out, ", seq 0x%08x, age %us, length %llu", np_load_be32(h + 12), np_load_be16(h),
		(unsigned long long)((uint64_t)np_load_be16(h + 18) - LSA6_HDRLEN));
	(void)print_ospf6_ls_type(pr, np_load_be16(h + 2), h + 4);
	return 0;
trunc:
	print_trunc_stop(pr);
	return -1;
}

/* One prefix: its size, -1 when it does not fit (bogus length, short LSA,
 * capture too short for the fixed part), -2 when the packet stopped. */
static int print_ospf6_prefix(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4 || !np_has(p, pr->snapend, 4))
		return -1;
	len -= 4;
	uint32_t words = (p[0] + 31u) / 32u;
	if (words * 4 > 16) {
		out_fmt(o, " bogus prefixlen /%u", p[0]);
		return -1;
	}
	if (len < words * 4)
		return -1;
	if (!np_has(p + 4, pr->snapend, words * 4)) {
		print_trunc_stop(pr);
		return -2;
	}
	uint8_t prefix[16];
	memset(prefix, 0, sizeof(prefix));
	memcpy(prefix, p + 4, words * 4);
	out_str(o, "\n\t\t");
	out_ipv6(o, prefix);
	out_fmt(o, "/%u", p[0]);
	if (p[1]) {
		out_str(o, ", Options [");
		print_bits(pr, ospf6_prefix_option_names, p[1], ", ", "none");
		out_char(o, ']');
	}
	out_fmt(o, ", metric %u", np_load_be16(p + 2));
	return (int)(4 + words * 4);
}

/* n prefixes (or while len lasts when all is set); false on a bad one. */
static bool print_ospf6_prefixes(np_printer *pr, const uint8_t **t, uint32_t *len, uint32_t n, bool all)
{
	while (all ? *len != 0 : n > 0) {
		int b = print_ospf6_prefix(pr, *t, *len);
		if (b < 0)
			return false;
		n--;
		*len -= (uint32_t)b;
		*t += b;
	}
	return true;
}

/* The 4-byte value at p as an address, after lead; false when not captured. */
static bool print_ospf6_id(np_printer *pr, const char *lead, const uint8_t *p)
{
	if (!np_has(p, pr->snapend, 4))
		return false;
	out_str(pr->out, lead);
	out_ipv4(pr->out, p);
	return true;
}

static bool print_ospf6_router_lsa(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4)
		return false;
	len -= 4;
	if (!np_has(t, pr->snapend, 4)) {
		print_trunc_stop(pr);
		return false;
	}
	print_ospf6_bits(pr, "\n\t      Options [", ospf6_option_names, np_load_be32(t));
	print_ospf6_bits(pr, ", RLA-Flags [", ospf6_rla_flag_names, t[0]);
	const uint8_t *l = t + 4;
	while (len != 0) {
		if (len < 16)
			return false;
		len -= 16;
		if (!np_has(l, pr->snapend, 16))
			return false;
		const char *what;
		switch (l[0]) {
		case 4: what = "\n\t      Virtual Link: Neighbor Router-ID "; break;
		case 1: what = "\n\t      Neighbor Router-ID "; break;
		case 2: what = "\n\t      Neighbor Network-ID "; break;
		default: out_fmt(o, "\n\t      Unknown Router Links Type 0x%02x", l[0]); return true;
		}
		out_str(o, what);
		out_ipv4(o, l + 12);
		out_str(o, "\n\t      Neighbor Interface-ID ");
		out_ipv4(o, l + 8);
		out_str(o, ", Interface ");
		out_ipv4(o, l + 4);
		out_fmt(o, ", metric %u", np_load_be16(l + 2));
		l += 16;
	}
	return true;
}

static bool print_ospf6_external_lsa(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4)
		return false;
	len -= 4;
	if (!np_has(t, pr->snapend, 4))
		goto trunc;
	uint32_t flags = np_load_be32(t);
	print_ospf6_bits(pr, "\n\t     Flags [", ospf6_asla_flag_names, flags);
	out_fmt(o, " metric %u", flags & 0x00ffffffu);
	const uint8_t *pfx = t + 4, *q = t + 4;
	if (!print_ospf6_prefixes(pr, &q, &len, 1, false))
		return false;
	if (flags & ASLA_FLAG_FWDADDR) {
		if (len < 16)
			return false;
		len -= 16;
		if (!np_has(q, pr->snapend, 16))
			goto trunc;
		out_str(o, " forward ");
		out_ipv6(o, q);
		q += 16;
	}
	if (flags & ASLA_FLAG_ROUTETAG) {
		if (len < 4)
			return false;
		len -= 4;
		if (!print_ospf6_id(pr, " tag ", q))
			goto trunc;
		q += 4;
	}
	if (pfx[2]) { /* tcpdump tests the metric's first byte for a referenced LSA */
		if (len < 4)
			return false;
		if (!print_ospf6_id(pr, " RefLSID: ", q))
			goto trunc;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* One LSA of an update: false when the caller's walk ends (truncation). */
static bool print_ospf6_lsa(np_printer *pr, const uint8_t *lsa, const uint8_t *dataend)
{
	np_out *o = pr->out;
	int r = print_ospf6_lshdr(pr, lsa, dataend);
	if (r != 0)
		return false;
	uint16_t length = np_load_be16(lsa + 18), type = np_load_be16(lsa + 2);
	if (length < LSA6_HDRLEN || lsa + length > dataend)
		return false;
	uint32_t len = length - LSA6_HDRLEN;
	const uint8_t *t = lsa + LSA6_HDRLEN;
	switch (type) {
	case 0x2001: return print_ospf6_router_lsa(pr, t, len);
	case 0x2002:
		if (len < 4)
			return false;
		len -= 4;
		if (!np_has(t, pr->snapend, 4))
			goto trunc;
		print_ospf6_bits(pr, "\n\t      Options [", ospf6_option_names, np_load_be32(t));
		out_str(o, "\n\t      Connected Routers:");
		for (const uint8_t *a = t + 4; len != 0; a += 4) {
			if (len < 4)
				return false;
			len -= 4;
			if (!print_ospf6_id(pr, "\n\t\t", a))
				goto trunc;
		}
		return true;
	case 0x2003:
		if (len < 4)
			return false;
		len -= 4;
		if (!np_has(t, pr->snapend, 4))
			goto trunc;
		out_fmt(o, ", metric %u", np_load_be32(t) & 0x00ffffffu);
		t += 4;
		return print_ospf6_prefixes(pr, &t, &len, 0, true);
	case 0x4005: return print_ospf6_external_lsa(pr, t, len);
	case 0x0008: {
		if (len < 4)
			return false;
		len -= 4;
		if (!np_has(t, pr->snapend, 4))
			return false;
		print_ospf6_bits(pr, "\n\t      Options [", ospf6_option_names, np_load_be32(t));
		if (len < 20)
			return false;
		len -= 20;
		if (!np_has(t, pr->snapend, 24))
			goto trunc;
		uint32_t n = np_load_be32(t + 20);
		out_fmt(o, "\n\t      Priority %u, Link-local address ", t[0]);
		out_ipv6(o, t + 4);
		out_fmt(o, ", Prefixes %u:", n);
		t += 24;
		return print_ospf6_prefixes(pr, &t, &len, n, false);
	}
	case 0x2009: {
		if (len < 4)
			return false;
		len -= 4;
		if (!np_has(t + 8, pr->snapend, 4))
			return false;
		if (!np_has(t + 2, pr->snapend, 2))
			goto trunc;
		(void)print_ospf6_ls_type(pr, np_load_be16(t + 2), t + 4);
		if (len < 2)
			return false;
		len -= 2;
		uint32_t n = np_load_be16(t);
		out_fmt(o, "\n\t      Prefixes %u:", n);
		t += 12;
		return print_ospf6_prefixes(pr, &t, &len, n, false);
	}
	case 0x000b: return print_ospf_grace_tlvs(pr, t, len);
	case 0x000a: return print_ospf_te_tlvs(pr, t, len);
	default: print_unknown_data(pr, t, "\n\t      ", len); return t <= pr->snapend;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* The message body after the header: false on truncation. */
static bool print_ospf6_body(np_printer *pr, const uint8_t *op, const uint8_t *dataend)
{
	np_out *o = pr->out;
	const uint8_t *b = op + OSPF6_HDRLEN, *end = pr->snapend;
	switch (op[1]) {
	case 1: /* Hello */
		if (!np_has(b, end, 8))
			goto trunc;
		print_ospf6_bits(pr, "\n\tOptions [", ospf6_option_names, np_load_be32(b + 4));
		if (!np_has(b, end, 12))
			goto trunc;
		out_fmt(o, "\n\t  Hello Timer %us, Dead Timer %us, Interface-ID ", np_load_be16(b + 8),
			np_load_be16(b + 10));
		out_ipv4(o, b);
		out_fmt(o, ", Priority %u", b[4]);
		if (!np_has(b + 12, end, 4))
			goto trunc;
		if (np_load_be32(b + 12) != 0 && !print_ospf6_id(pr, "\n\t  Designated Router ", b + 12))
			goto trunc;
		if (!np_has(b + 16, end, 4))
			goto trunc;
		if (np_load_be32(b + 16) != 0 && !print_ospf6_id(pr, ", Backup Designated Router ", b + 16))
			goto trunc;
		if (pr->o.vflag > 1) {
			out_str(o, "\n\t  Neighbor List:");
			for (const uint8_t *a = b + 20; a < dataend; a += 4)
				if (!print_ospf6_id(pr, "\n\t    ", a))
					goto trunc;
		}
		return true;
	case 2: /* Database Description */
		if (!np_has(b, end, 4))
			goto trunc;
		print_ospf6_bits(pr, "\n\tOptions [", ospf6_option_names, np_load_be32(b));
		if (!np_has(b + 7, end, 1))
			goto trunc;
		print_ospf6_bits(pr, ", DD Flags [", ospf6_dd_flag_names, b[7]);
		if (!np_has(b, end, 12))
			goto trunc;
		out_fmt(o, ", MTU %u, DD-Sequence 0x%08x", np_load_be16(b + 4), np_load_be32(b + 8));
		if (pr->o.vflag > 1)
			for (const uint8_t *h = b + 12; h < dataend; h += LSA6_HDRLEN)
				if (print_ospf6_lshdr(pr, h, dataend) != 0)
					return false;
		return true;
	case 3: /* LS-Request */
		if (pr->o.vflag > 1)
			for (const uint8_t *r = b; r < dataend; r += 12) {
				if (!np_has(r, end, 12))
					return false;
				out_str(o, "\n\t  Advertising Router ");
				out_ipv4(o, r + 8);
				(void)print_ospf6_ls_type(pr, np_load_be16(r + 2), r + 4);
			}
		return true;
	case 4: /* LS-Update */
		if (pr->o.vflag > 1) {
			if (!np_has(b, end, 4))
				goto trunc;
			uint32_t n = np_load_be32(b);
			for (const uint8_t *l = b + 4; l < dataend && n--;) {
				if (!print_ospf6_lsa(pr, l, dataend))
					return false;
				l += np_load_be16(l + 18);
			}
		}
		return true;
	case 5: /* LS-Ack */
		if (pr->o.vflag > 1)
			for (const uint8_t *h = b; h < dataend; h += LSA6_HDRLEN)
				if (print_ospf6_lshdr(pr, h, dataend) != 0)
					return false;
		return true;
	default: return true;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* RFC 5613 LLS block: its length, -1 when it does not fit. */
static int print_ospf6_lls(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (len == 0)
		return 0;
	if (len < 4)
		return -1;
	if (!np_has(p, pr->snapend, 2))
		goto trunc;
	out_fmt(pr->out, "\n\tLLS Checksum 0x%04x", np_load_be16(p));
	if (!np_has(p + 2, pr->snapend, 2))
		goto trunc;
	uint16_t dlen = np_load_be16(p + 2);
	out_fmt(pr->out, ", Data Length %u", dlen);
	if (dlen < 4 || dlen > len || !np_has(p + 4, pr->snapend, dlen - 4u))
		return -1;
	return dlen;
trunc:
	print_trunc_stop(pr);
	return -2;
}

/* RFC 7166 authentication trailer: false when it does not fit. */
static bool print_ospf6_at(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t type, alen, said;
	uint32_t hi, lo;
	if (len == 0)
		return true;
	if (len < 16)
		return false;
	NP_GET_BE16(type, p, end);
	out_fmt(o, "\n\tAuthentication Type %s", tok2str(ospf6_auth_names, "unknown (0x%04x)", type));
	NP_GET_BE16(alen, p + 2, end);
	out_fmt(o, ", Length %u", alen);
	if (alen < 16 || alen > len)
		return false;
	NP_GET_BE16(said, p + 6, end);
	out_fmt(o, ", SAID %u", said);
	NP_GET_BE32(hi, p + 8, end);
	out_fmt(o, ", CSN 0x%08x", hi);
	NP_GET_BE32(lo, p + 12, end);
	out_fmt(o, ":%08x", lo);
	if (!np_has(p + 16, end, alen - 16u))
		return false;
	if (pr->o.vflag > 1)
		print_unknown_data(pr, p + 16, "\n\tAuthentication Data ", alen - 16u);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* What follows the OSPF data: LLS (hello and DD with the L option), then
 * an authentication trailer. */
static bool print_ospf6_trailer(np_printer *pr, const uint8_t *op, const uint8_t *p, uint32_t len)
{
	const uint8_t *b = op + OSPF6_HDRLEN;
	uint32_t opts = 0;
	bool lls = false;
	if (op[1] == 1 || op[1] == 2) {
		if (!np_get_be32(op[1] == 1 ? b + 4 : b, pr->snapend, &opts)) {
			print_trunc_stop(pr);
			return false;
		}
		lls = (opts & OSPF6_OPTION_L) != 0;
	}
	int llslen = 0;
	if (lls && (llslen = print_ospf6_lls(pr, p, len)) < 0)
		return false;
	return print_ospf6_at(pr, p + llslen, len - (uint32_t)llslen);
}

void print_ospf6(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t type, version;
	pr->protocol = "ospf3";
	NP_GET_U8(type, p + 1, end);
	NP_GET_U8(version, p, end);
	const char *name = tok2str(ospf6_type_names, "unknown packet type (%u)", type);
	out_fmt(o, "OSPFv%u, %s, length %u", version, name, length);
	if (name[0] == 'u' || !pr->o.vflag)
		return;
	uint16_t datalen;
	NP_GET_BE16(datalen, p + 2, end);
	if (datalen > length) {
		out_fmt(o, " [len %u]", datalen);
		return;
	}
	const uint8_t *dataend = p + datalen;
	NP_CHECK(p + 4, end, 4);
	out_str(o, "\n\tRouter-ID ");
	out_ipv4(o, p + 4);
	NP_CHECK(p + 8, end, 4);
	if (np_load_be32(p + 8) != 0) {
		out_str(o, ", Area ");
		out_ipv4(o, p + 8);
	} else {
		out_str(o, ", Backbone Area");
	}
	NP_CHECK(p + 14, end, 1);
	if (p[14])
		out_fmt(o, ", Instance %u", p[14]);
	if (version != 3)
		return;
	if (!print_ospf6_body(pr, p, dataend) || !print_ospf6_trailer(pr, p, dataend, length - datalen)) {
		if (!pr->stopped)
			print_trunc(pr);
	}
	return;
trunc:
	print_trunc_stop(pr);
}
