/*
 * lwres.c - BIND 9's lightweight resolver protocol (UDP 921) as tcpdump
 * 4.99's print-lwres.c writes it: version, opcode and query/response
 * mark, with -vv the serial, result and receive length; the names,
 * address types, aliases and addresses of getaddrsbyname, getnamebyaddr
 * and getrdatabyname; a note when the length field disagrees with the
 * datagram or bytes follow the message.
 *
 * Not for: decoding getrdatabyname's rdata and signatures (hex only).
 */
#include "print.h"

#define LWRES_HDRLEN 28
#define LWRES_ADDR_LEN 6

static const np_tok lwres_opcode_names[] = {
	{0, "noop"}, {0x10001, "getaddrsbyname"}, {0x10002, "getnamebyaddr"}, {0x10003, "getrdatabyname"}, {0, NULL},
};

/* " NAME" of l bytes and the NUL that should follow; the bytes taken, 0
 * when the capture ended (the truncation stop is printed). */
static uint32_t lwres_name(np_printer *pr, const uint8_t *p, uint32_t l)
{
	out_char(pr->out, ' ');
	print_text(pr, p, l);
	if (!np_has(p + l, pr->snapend, 1)) {
		print_trunc_stop(pr);
		return 0;
	}
	if (p[l])
		out_str(pr->out, " (not NUL-terminated!)");
	return l + 1;
}

/* A 16-bit length and that name. */
static uint32_t lwres_name_len(np_printer *pr, const uint8_t *p)
{
	uint16_t l;
	if (!np_get_be16(p, pr->snapend, &l)) {
		print_trunc_stop(pr);
		return 0;
	}
	uint32_t n = lwres_name(pr, p + 2, l);
	return n ? 2 + n : 0;
}

/* A 16-bit length and that many bytes in hex. */
static uint32_t lwres_bin_len(np_printer *pr, const uint8_t *p)
{
	uint16_t l;
	if (!np_get_be16(p, pr->snapend, &l) || !np_has(p + 2, pr->snapend, l)) {
		if (np_has(p, pr->snapend, 2))
			for (const uint8_t *q = p + 2; q < pr->snapend; q++)
				out_fmt(pr->out, "%02x", *q);
		print_trunc_stop(pr);
		return 0;
	}
	for (uint32_t i = 0; i < l; i++)
		out_fmt(pr->out, "%02x", p[2 + i]);
	return 2 + (uint32_t)l;
}

/* An address (family, length, bytes): its size, -1 when too short for
 * its family, 0 when the capture ended (truncation stop printed). */
static int lwres_addr(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, LWRES_ADDR_LEN) || !np_has(p + LWRES_ADDR_LEN, pr->snapend, np_load_be16(p + 4))) {
		print_trunc_stop(pr);
		return 0;
	}
	uint32_t family = np_load_be32(p), l = np_load_be16(p + 4);
	const uint8_t *a = p + LWRES_ADDR_LEN;
	switch (family) {
	case 1:
		if (l < 4)
			return -1;
		out_char(o, ' ');
		out_ipv4(o, a);
		return LWRES_ADDR_LEN + 4;
	case 2:
		if (l < 16)
			return -1;
		out_char(o, ' ');
		out_ipv6(o, a);
		return LWRES_ADDR_LEN + 16;
	default:
		out_fmt(o, " %u/", family);
		for (uint32_t i = 0; i < l; i++)
			out_fmt(o, "%02x", a[i]);
		return (int)(LWRES_ADDR_LEN + l);
	}
}

/* " flags:0x.." with -vvv. */
static void lwres_flags(np_printer *pr, const uint8_t *p)
{
	if (pr->o.vflag > 2)
		out_fmt(pr->out, " flags:0x%x", np_load_be32(p));
}

/* " TYPE[ CLASS]" of getrdatabyname (class IN not named). */
static void lwres_type_class(np_printer *pr, const uint8_t *p)
{
	out_char(pr->out, ' ');
	out_str(pr->out, tok2str(dns_type_names, "Type%u", np_load_be16(p + 2)));
	if (np_load_be16(p) != 1) {
		out_char(pr->out, ' ');
		out_str(pr->out, tok2str(dns_class_names, "Class%u", np_load_be16(p)));
	}
}

/* The body of a query; where it ends, NULL after a stop or invalid. */
static const uint8_t *lwres_query(np_printer *pr, uint32_t op, const uint8_t *p, bool *unsupported)
{
	np_out *o = pr->out;
	uint32_t n;
	int a;
	switch (op) {
	case 0: return p;
	case 0x10001: {
		NP_CHECK(p, pr->snapend, 10);
		lwres_flags(pr, p);
		uint32_t v = np_load_be32(p + 4);
		static const char *const types[] = {"", " IPv4", " IPv6", " IPv4/6"};
		out_str(o, types[v & 3]);
		if (v & ~3u)
			out_fmt(o, "[0x%x]", v);
		n = lwres_name(pr, p + 10, np_load_be16(p + 8));
		return n ? p + 10 + n : NULL;
	}
	case 0x10002:
		NP_CHECK(p, pr->snapend, 4);
		lwres_flags(pr, p);
		a = lwres_addr(pr, p + 4);
		if (a < 0)
			print_invalid(pr);
		return a > 0 ? p + 4 + a : NULL;
	case 0x10003:
		NP_CHECK(p, pr->snapend, 10);
		lwres_flags(pr, p);
		lwres_type_class(pr, p + 4);
		n = lwres_name(pr, p + 10, np_load_be16(p + 8));
		return n ? p + 10 + n : NULL;
	default: *unsupported = true; return p;
	}
trunc:
	print_trunc_stop(pr);
	return NULL;
}

/* A response's real name (l bytes at p) and its na length-prefixed
 * aliases; where they end, NULL after a stop. */
static const uint8_t *lwres_name_aliases(np_printer *pr, const uint8_t *p, uint32_t l, uint32_t na)
{
	uint32_t n = lwres_name(pr, p, l);
	if (!n)
		return NULL;
	p += n;
	for (uint32_t i = 0; i < na; i++, p += n)
		if (!(n = lwres_name_len(pr, p)))
			return NULL;
	return p;
}

/* The body of a response; where it ends, NULL after a stop or invalid. */
static const uint8_t *lwres_response(np_printer *pr, uint32_t op, const uint8_t *p, bool *unsupported)
{
	np_out *o = pr->out;
	uint32_t n, na;
	const uint8_t *s;
	switch (op) {
	case 0: return p;
	case 0x10001:
		NP_CHECK(p, pr->snapend, 10);
		lwres_flags(pr, p);
		out_fmt(o, " %u/%u", np_load_be16(p + 4), np_load_be16(p + 6));
		if (!(s = lwres_name_aliases(pr, p + 10, np_load_be16(p + 8), np_load_be16(p + 4))))
			return NULL;
		na = np_load_be16(p + 6);
		for (uint32_t i = 0; i < na; i++) {
			int a = lwres_addr(pr, s);
			if (a < 0)
				print_invalid(pr);
			if (a <= 0)
				return NULL;
			s += a;
		}
		return s;
	case 0x10002:
		NP_CHECK(p, pr->snapend, 8);
		lwres_flags(pr, p);
		out_fmt(o, " %u", np_load_be16(p + 4));
		return lwres_name_aliases(pr, p + 8, np_load_be16(p + 6), np_load_be16(p + 4));
	case 0x10003:
		NP_CHECK(p, pr->snapend, 16);
		lwres_flags(pr, p);
		lwres_type_class(pr, p + 4);
		out_str(o, " TTL ");
		print_relts(pr, np_load_be32(p + 8));
		out_fmt(o, " %u/%u", np_load_be16(p + 12), np_load_be16(p + 14));
		if (!(n = lwres_name_len(pr, p + 16)))
			return NULL;
		s = p + 16 + n;
		na = (uint32_t)np_load_be16(p + 12) + np_load_be16(p + 14); /* rdatas, then sigs */
		for (uint32_t i = 0; i < na; i++, s += n)
			if (!(n = lwres_bin_len(pr, s)))
				return NULL;
		return s;
	default: *unsupported = true; return p;
	}
trunc:
	print_trunc_stop(pr);
	return NULL;
}

void print_lwres(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	np_out *o = pr->out;
	uint64_t used; /* bytes the message's fields took */
	bool unsupported = false;
	pr->protocol = "lwres";
	NP_CHECK(bp, pr->snapend, LWRES_HDRLEN);
	out_str(o, " lwres");
	uint32_t plen = np_load_be32(bp), op = np_load_be32(bp + 12);
	uint16_t version = np_load_be16(bp + 4), flags = np_load_be16(bp + 6);
	if (pr->o.vflag || version != 0)
		out_fmt(o, " v%u", version);
	if (version != 0) {
		used = plen;
	} else {
		bool response = flags & 1;
		out_fmt(o, " %s%s", tok2str(lwres_opcode_names, "#0x%x", op), response ? "" : "?");
		if (flags & ~1u)
			out_fmt(o, "[0x%x]", flags);
		if (pr->o.vflag > 1) {
			out_fmt(o, " (serial:0x%x result:0x%x recvlen:%u", np_load_be32(bp + 8), np_load_be32(bp + 16),
				np_load_be32(bp + 20));
			if (pr->o.vflag > 2)
				out_fmt(o, " authtype:0x%x authlen:%u", np_load_be16(bp + 24), np_load_be16(bp + 26));
			out_char(o, ')');
		}
		const uint8_t *s = response ? lwres_response(pr, op, bp + LWRES_HDRLEN, &unsupported)
					    : lwres_query(pr, op, bp + LWRES_HDRLEN, &unsupported);
		if (!s)
			return;
		used = (uint64_t)(s - bp);
	}
	if (plen != length)
		out_fmt(o, " [len: %u != %u]", plen, length);
	if (!unsupported && used < plen)
		out_str(o, "[extra]");
	return;
trunc:
	print_trunc_stop(pr);
}
