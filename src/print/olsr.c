/*
 * olsr.c - the Optimized Link State Routing protocol (RFC 3626, UDP 698)
 * as tcpdump 4.99's print-olsr.c writes it: "OLSRv4, seq 0x..., length N",
 * and with -v each message header (type, originator, ttl, hops, validity
 * time, sequence) and its body: HELLO and olsr.org's Hello-LQ links and
 * neighbours, TC and TC-LQ, MID interface addresses, HNA networks
 * (olsrd's smart-gateway entries included), name-service entries, the
 * rest as hex. IPv4 or IPv6 addressing follows the IP header.
 *
 * Not for: OLSRv2 (RFC 7181, packetbb), which tcpdump does not print here.
 */
#include "print.h"

enum {
	OLSR_COMMON_LEN = 4,
	OLSR_HELLO_LEN = 4,
	OLSR_LINK_LEN = 4,
	OLSR_TC_LEN = 4,
	OLSR_HELLO = 1,
	OLSR_TC = 2,
	OLSR_MID = 3,
	OLSR_HNA = 4,
	OLSR_NAMESERVICE = 130,
	OLSR_HELLO_LQ = 201,
	OLSR_TC_LQ = 202,
};

static const np_tok olsr_msg_names[] = {
	{OLSR_HELLO, "Hello"},       {OLSR_TC, "TC"},       {OLSR_MID, "MID"},
	{OLSR_HNA, "HNA"},           {128, "Powerinfo"},    {OLSR_NAMESERVICE, "Nameservice"},
	{OLSR_HELLO_LQ, "Hello-LQ"}, {OLSR_TC_LQ, "TC-LQ"}, {0, NULL},
};

static const np_tok olsr_link_names[] = {
	{0, "Unspecified"}, {1, "Asymmetric"}, {2, "Symmetric"}, {3, "Lost"}, {0, NULL},
};

static const np_tok olsr_neighbor_names[] = {
	{0, "Not-Neighbor"},
	{1, "Symmetric"},
	{2, "Symmetric-MPR"},
	{0, NULL},
};

/* The printer and the address size (4 or 16) of the packet being printed. */
struct olsr_ctx {
	np_printer *pr;
	uint32_t alen;
};

/* RFC 3626's mantissa/exponent time (section 18.3) in seconds. */
static double olsr_me_seconds(uint8_t me)
{
	return 0.0625 * (1 + (double)(me >> 4) / 16) * (double)(1u << (me & 0x0f));
}

static void olsr_addr(const struct olsr_ctx *c, const uint8_t *a)
{
	if (c->alen == 4)
		out_ipv4(c->pr->out, a);
	else
		out_ipv6(c->pr->out, a);
}

/* olsrd's smart-gateway link speed code: mantissa in the top 5 bits,
 * decimal exponent in the low 3, 255 meaning the maximum. */
static uint32_t olsr_gw_speed(uint8_t v)
{
	if (v == 0)
		return 0;
	if (v == 0xff)
		return 320000000;
	uint32_t speed = (uint32_t)(v >> 3) + 1;
	for (unsigned e = v & 7; e != 0; e--)
		speed *= 10;
	return speed;
}

/* Plain neighbour addresses (HELLO links, TC), as IPv4 ones even in an
 * IPv6 message, and all on one line (tcpdump's counter for four to a line
 * never moves): kept as tcpdump prints them. False when cut short. */
static bool olsr_neighbors(const struct olsr_ctx *c, const uint8_t *p, uint32_t len)
{
	out_str(c->pr->out, "\n\t      neighbor\n\t\t");
	for (; len >= 4; p += 4, len -= 4) {
		if (!np_has(p, c->pr->snapend, 4))
			return false;
		out_ipv4(c->pr->out, p);
		out_char(c->pr->out, ' ');
	}
	return true;
}

/* Link-quality neighbours (Hello-LQ, TC-LQ): address, two quality bytes,
 * two reserved. False when cut short. */
static bool olsr_lq_neighbors(const struct olsr_ctx *c, const uint8_t *p, uint32_t len)
{
	uint32_t sz = c->alen + 4;
	for (; len >= sz; p += sz, len -= sz) {
		if (!np_has(p, c->pr->snapend, sz))
			return false;
		out_str(c->pr->out, "\n\t      neighbor ");
		olsr_addr(c, p);
		out_fmt(c->pr->out, ", link-quality %.2f%%, neighbor-link-quality %.2f%%", (double)p[c->alen] / 2.55,
			(double)p[c->alen + 1] / 2.55);
	}
	return true;
}

/* HELLO and Hello-LQ bodies. False on truncation. */
static bool olsr_hello(const struct olsr_ctx *c, uint8_t type, const uint8_t *p, uint32_t tlen)
{
	np_out *o = c->pr->out;
	if (tlen < OLSR_HELLO_LEN || !np_has(p, c->pr->snapend, OLSR_HELLO_LEN))
		return false;
	out_fmt(o, "\n\t  hello-time %.3fs, MPR willingness %u", olsr_me_seconds(p[2]), p[3]);
	p += OLSR_HELLO_LEN;
	tlen -= OLSR_HELLO_LEN;
	while (tlen >= OLSR_LINK_LEN) {
		if (!np_has(p, c->pr->snapend, OLSR_LINK_LEN))
			return false;
		uint32_t hlen = np_load_be16(p + 2);
		bool valid = hlen <= tlen && hlen >= OLSR_LINK_LEN;
		out_fmt(o, "\n\t    link-type %s, neighbor-type %s, len %u%s",
			tok2str(olsr_link_names, "Unknown", p[0] & 3),
			tok2str(olsr_neighbor_names, "Unknown", p[0] >> 2), hlen, valid ? "" : " (invalid)");
		if (!valid)
			break;
		p += OLSR_LINK_LEN;
		tlen -= OLSR_LINK_LEN;
		hlen -= OLSR_LINK_LEN;
		if (!np_has(p, c->pr->snapend, hlen))
			return false;
		if (!(type == OLSR_HELLO ? olsr_neighbors(c, p, hlen) : olsr_lq_neighbors(c, p, hlen)))
			return false;
		p += hlen;
		tlen -= hlen;
	}
	return true;
}

/* HNA networks: IPv6 as "#0: net/len" lines, IPv4 four to a line with
 * olsrd's smart-gateway entries (zero network, flags in the mask). */
static bool olsr_hna(const struct olsr_ctx *c, const uint8_t *p, uint32_t tlen)
{
	np_out *o = c->pr->out;
	uint32_t sz = 2 * c->alen;
	out_fmt(o, "\n\t  Advertised networks (total %u)", tlen / sz);
	for (unsigned col = 0; tlen >= sz; p += sz, tlen -= sz, col = (col + 1) % 4) {
		if (!np_has(p, c->pr->snapend, sz))
			return false;
		const uint8_t *m = p + c->alen;
		if (c->alen == 16) {
			/* tcpdump's mask62plen: whole 0xff bytes, then one partial byte */
			unsigned plen = 0;
			for (unsigned i = 0; i < 16; i++) {
				uint8_t b = m[i];
				unsigned ones = 0;
				while (ones < 8 && (b & (0x80u >> ones)))
					ones++;
				if ((uint8_t)(0xff00u >> ones) == b)
					plen += ones;
				if (b != 0xff)
					break;
			}
			out_str(o, "\n\t    #0: ");
			olsr_addr(c, p);
			out_fmt(o, "/%u", plen);
			continue;
		}
		out_str(o, col == 0 ? "\n\t    " : ", ");
		if (np_load_be32(p) == 0 && m[0] == 0 && m[1] != 0) {
			uint8_t f = m[1];
			bool speed = f & 1;
			out_fmt(o, "Smart-Gateway:%s%s%s%s%s %u/%u", speed ? " LINKSPEED" : "", f & 2 ? " IPV4" : "",
				f & 4 ? " IPV4-NAT" : "", f & 8 ? " IPV6" : "", f & 16 ? " IPv6-PREFIX" : "",
				speed ? olsr_gw_speed(m[2]) : 0, speed ? olsr_gw_speed(m[3]) : 0);
			continue;
		}
		uint32_t mask = np_load_be32(m);
		uint32_t plen = 0xffffffffu; /* tcpdump's -1 for a non-contiguous mask */
		for (uint32_t n = 0; n <= 32; n++)
			if ((n == 0 ? 0u : 0xffffffffu << (32 - n)) == mask)
				plen = n;
		olsr_addr(c, p);
		out_fmt(o, "/%u", plen);
	}
	return true;
}

/* Name-service entries (olsrd's nameservice plugin). 0 done, -1 cut
 * short, -2 a read ran off the capture (tcpdump's longjmp). */
static int olsr_names(const struct olsr_ctx *c, const uint8_t *p, uint32_t tlen)
{
	np_out *o = c->pr->out;
	uint16_t version, entries;
	if (tlen < 4)
		return -1;
	if (!np_get_be16(p + 2, c->pr->snapend, &entries) || !np_get_be16(p, c->pr->snapend, &version))
		return -2;
	bool valid = entries > 0 && entries * (4 + c->alen) <= tlen;
	out_fmt(o, "\n\t  Version %u, Entries %u%s", version, entries, valid ? "" : " (invalid)");
	if (!valid)
		return 0;
	p += 4;
	tlen -= 4;
	for (uint32_t i = 0; i < entries && tlen >= 4; i++) {
		uint16_t etype, elen;
		if (!np_get_be16(p, c->pr->snapend, &etype) || !np_get_be16(p + 2, c->pr->snapend, &elen))
			return -2;
		p += 4;
		tlen -= 4;
		bool evalid = elen > 0 && c->alen + elen <= tlen;
		out_fmt(o, "\n\t    #%u: type %#06x, length %u%s", i, etype, elen, evalid ? "" : " (invalid)");
		if (!evalid)
			return 0;
		uint32_t pad = elen % 4 ? 4 - elen % 4 : 0;
		uint32_t sz = c->alen + elen + pad;
		if (tlen < sz || !np_has(p, c->pr->snapend, sz))
			return -1;
		out_str(o, ", address ");
		olsr_addr(c, p);
		out_str(o, ", name \"");
		print_text(c->pr, p + c->alen, elen);
		out_char(o, '"');
		p += sz;
		tlen -= sz;
	}
	return 0;
}

void print_olsr(np_printer *pr, const uint8_t *p, uint32_t length, bool ip6)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	struct olsr_ctx c = {pr, ip6 ? 16 : 4};
	uint32_t hdr = 8 + c.alen;
	pr->protocol = "olsr";
	out_fmt(o, "OLSRv%u", ip6 ? 6 : 4);
	if (length < OLSR_COMMON_LEN || !np_has(p, end, OLSR_COMMON_LEN)) {
		print_trunc(pr);
		return;
	}
	uint32_t plen = np_load_be16(p);
	if (plen < length)
		length = plen;
	out_fmt(o, ", seq 0x%04x, length %u", np_load_be16(p + 2), length);
	if (pr->o.vflag < 1)
		return;
	for (uint32_t off = OLSR_COMMON_LEN; off < length;) {
		const uint8_t *m = p + off;
		if (!np_has(m, end, hdr)) {
			print_trunc(pr);
			return;
		}
		uint8_t type = m[0];
		uint32_t mlen = np_load_be16(m + 2);
		if (type == 0 || mlen == 0)
			return;
		bool valid = mlen >= hdr && mlen <= length;
		out_fmt(o, "\n\t%s Message (0x%02x), originator ", tok2str(olsr_msg_names, "Unknown", type), type);
		olsr_addr(&c, m + 4);
		out_fmt(o, ", ttl %u, hop %u\n\t  vtime %.3fs, msg-seq 0x%04x, length %u%s", m[4 + c.alen],
			m[5 + c.alen], olsr_me_seconds(m[1]), np_load_be16(m + 6 + c.alen), mlen,
			valid ? "" : " (invalid)");
		if (!valid)
			return;
		const uint8_t *d = m + hdr;
		uint32_t tlen = mlen - hdr;
		bool ok = true;
		switch (type) {
		case OLSR_HELLO:
		case OLSR_HELLO_LQ: ok = olsr_hello(&c, type, d, tlen); break;
		case OLSR_TC:
		case OLSR_TC_LQ:
			if (tlen < OLSR_TC_LEN || !np_has(d, end, OLSR_TC_LEN)) {
				ok = false;
				break;
			}
			out_fmt(o, "\n\t    advertised neighbor seq 0x%04x", np_load_be16(d));
			if (type == OLSR_TC) {
				if (!olsr_neighbors(&c, d + OLSR_TC_LEN, tlen - OLSR_TC_LEN)) {
					print_trunc_stop(pr);
					return;
				}
			} else {
				ok = olsr_lq_neighbors(&c, d + OLSR_TC_LEN, tlen - OLSR_TC_LEN);
			}
			break;
		case OLSR_MID:
			for (; tlen >= c.alen && ok; d += c.alen, tlen -= c.alen) {
				ok = np_has(d, end, c.alen);
				if (ok) {
					out_str(o, "\n\t  interface address ");
					olsr_addr(&c, d);
				}
			}
			break;
		case OLSR_HNA: ok = olsr_hna(&c, d, tlen); break;
		case OLSR_NAMESERVICE: {
			int r = olsr_names(&c, d, tlen);
			if (r == -2) {
				print_trunc_stop(pr);
				return;
			}
			ok = r == 0;
			break;
		}
		default: print_unknown_data(pr, d, "\n\t    ", tlen); break;
		}
		if (!ok) {
			print_trunc(pr);
			return;
		}
		off += mlen;
	}
}
