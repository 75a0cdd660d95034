/*
 * pgm.c - Pragmatic General Multicast (RFC 3208, IP protocol 113, or UDP
 * with -T pgm) as tcpdump 4.99's print-pgm.c writes it: ports and length,
 * and with -v the global source ID, the message (SPM, POLL, POLR, ODATA,
 * RDATA, NAK, NNAK, NCF, ACK, SPMR) and its options. With -T pgm_zmtp1 the
 * ZMTP/1.0 frames inside ODATA and RDATA follow (zmtp.c).
 *
 * tcpdump's quirks are kept, since its text is the reference: a NAK's
 * group address family is read from the address's first bytes, and the
 * options of an SPMR or unknown message are looked for at the PGM header.
 *
 * Not for: reassembling fragments or tracking sequence numbers.
 */
#include "print.h"

#define PGM_HDRLEN 16
#define PGM_IPPROTO 113

enum {
	PGM_SPM = 0,
	PGM_POLL = 1,
	PGM_POLR = 2,
	PGM_ODATA = 4,
	PGM_RDATA = 5,
	PGM_NAK = 8,
	PGM_NULLNAK = 9,
	PGM_NCF = 10,
	PGM_ACK = 11,
	PGM_SPMR = 12
};

enum { AFNUM_INET = 1, AFNUM_INET6 = 2 };

enum {
	OPT_LENGTH,
	OPT_FRAGMENT,
	OPT_NAK_LIST,
	OPT_JOIN,
	OPT_NAK_BO_IVL,
	OPT_NAK_BO_RNG,
	OPT_REDIRECT = 7,
	OPT_PARITY_PRM,
	OPT_PARITY_GRP,
	OPT_CURR_TGSIZE,
	OPT_NBR_UNREACH,
	OPT_PATH_NLA,
	OPT_SYN,
	OPT_FIN,
	OPT_RST,
	OPT_CR,
	OPT_CRQST,
	OPT_PGMCC_DATA,
	OPT_PGMCC_FEEDBACK
};

#define OPT_END 0x80
#define OPT_MASK 0x7f

/* An address of family afi at p: false when the family is neither IPv4
 * nor IPv6 or the address is not captured; else its length in *alen. */
static bool get_nla(np_printer *pr, uint16_t afi, const uint8_t *p, uint32_t *alen)
{
	*alen = afi == AFNUM_INET ? 4 : afi == AFNUM_INET6 ? 16 : 0;
	return *alen && np_has(p, pr->snapend, *alen);
}

/* An address get_nla accepted. */
static void print_nla(np_printer *pr, uint32_t alen, const uint8_t *p)
{
	if (alen == 4)
		out_ipv4(pr->out, p);
	else
		out_ipv6(pr->out, p);
}

/* The fixed-length options: their length, label and how many 32-bit
 * values follow their 2 reserved bytes. */
static const struct fixed_opt {
	uint8_t type, len, nvals;
	const char *bad, *fmt;
} fixed_opts[] = {
	{OPT_FRAGMENT, 16, 3, "OPT_FRAGMENT", " FRAG seq %u off %u len %u"},
	{OPT_JOIN, 8, 1, "OPT_JOIN", " JOIN %u"},
	{OPT_NAK_BO_IVL, 12, 2, "OPT_NAK_BO_IVL", " BACKOFF ivl %u ivlseq %u"},
	{OPT_NAK_BO_RNG, 12, 2, "OPT_NAK_BO_RNG", " BACKOFF max %u min %u"},
	{OPT_PARITY_PRM, 8, 1, "OPT_PARITY_PRM", " PARITY MAXTGS %u"},
	{OPT_PARITY_GRP, 8, 1, "OPT_PARITY_GRP", " PARITY GROUP %u"},
	{OPT_CURR_TGSIZE, 8, 1, "OPT_CURR_TGSIZE", " PARITY ATGS %u"},
	{OPT_NBR_UNREACH, 4, 0, "OPT_NBR_UNREACH", " NBR_UNREACH"},
	{OPT_SYN, 4, 0, "OPT_SYN", " SYN"},
	{OPT_FIN, 4, 0, "OPT_FIN", " FIN"},
	{OPT_RST, 4, 0, "OPT_RST", " RST"},
	{OPT_CRQST, 4, 0, "OPT_CRQST", " CRQST"},
};

enum opt_result { OPT_OK, OPT_STOP, OPT_TRUNC };

/* REDIRECT, PGMCC DATA and FEEDBACK: a fixed part, then an address.
 * bp: after type and length. */
static enum opt_result print_nla_opt(np_printer *pr, const uint8_t **bpp, uint8_t type, uint8_t opt_len,
				     uint32_t *opts_len)
{
	const uint8_t *bp = *bpp;
	uint32_t fixed = type == OPT_REDIRECT ? 8 : 12, value = 0, alen;
	const char *name = type == OPT_REDIRECT     ? "OPT_REDIRECT"
			   : type == OPT_PGMCC_DATA ? "OPT_PGMCC_DATA"
						    : "OPT_PGMCC_FEEDBACK";
	uint16_t afi;
	if (opt_len < fixed) {
		out_fmt(pr->out, "[Bad %s option, length %u < %u]",
			type == OPT_PGMCC_FEEDBACK ? "PGM_OPT_PGMCC_FEEDBACK" : name, opt_len, fixed);
		return OPT_STOP;
	}
	bp += 2;
	if (type != OPT_REDIRECT) {
		if (!np_get_be32(bp, pr->snapend, &value))
			return OPT_TRUNC;
		bp += 4;
	}
	if (!np_get_be16(bp, pr->snapend, &afi))
		return OPT_TRUNC;
	bp += 4;
	if (afi != AFNUM_INET && afi != AFNUM_INET6)
		return OPT_TRUNC;
	if (opt_len != fixed + (afi == AFNUM_INET ? 4 : 16)) {
		out_fmt(pr->out, "[Bad %s option, length %u != %u + address size]", name, opt_len, fixed);
		return OPT_STOP;
	}
	if (!get_nla(pr, afi, bp, &alen))
		return OPT_TRUNC;
	*bpp = bp + alen;
	*opts_len -= fixed + alen;
	if (type == OPT_REDIRECT)
		out_str(pr->out, " REDIRECT ");
	else
		out_fmt(pr->out, " PGMCC %s %u ", type == OPT_PGMCC_DATA ? "DATA" : "FEEDBACK", value);
	print_nla(pr, alen, bp);
	return OPT_OK;
}

/* One option after the OPT_LENGTH header; bp: after its type and length,
 * which the caller checked (opt_len - 2 bytes are captured). */
static enum opt_result print_opt(np_printer *pr, const uint8_t **bpp, uint8_t opt_type, uint8_t opt_len,
				 uint32_t *opts_len)
{
	np_out *o = pr->out;
	const uint8_t *bp = *bpp;
	uint8_t type = opt_type & OPT_MASK;
	for (size_t i = 0; i < sizeof fixed_opts / sizeof fixed_opts[0]; i++) {
		const struct fixed_opt *f = &fixed_opts[i];
		if (f->type != type)
			continue;
		if (opt_len != f->len) {
			out_fmt(o, "[Bad %s option, length %u != %u]", f->bad, opt_len, f->len);
			return OPT_STOP;
		}
		uint32_t v[3] = {0, 0, 0};
		for (int k = 0; k < f->nvals; k++)
			if (!np_get_be32(bp + 2 + 4 * k, pr->snapend, &v[k]))
				return OPT_TRUNC;
		out_fmt(o, f->fmt, v[0], v[1], v[2]);
		*bpp = bp + 2 + 4 * f->nvals;
		*opts_len -= f->len;
		return OPT_OK;
	}
	switch (type) {
	case OPT_LENGTH: {
		uint16_t v;
		if (opt_len != 4) {
			out_fmt(o, "[Bad OPT_LENGTH option, length %u != %u]", opt_len, 4);
			return OPT_STOP;
		}
		if (!np_get_be16(bp, pr->snapend, &v))
			return OPT_TRUNC;
		out_fmt(o, " OPTS LEN (extra?) %u", v);
		*bpp = bp + 2;
		*opts_len -= 4;
		return OPT_OK;
	}
	case OPT_NAK_LIST: {
		bp += 2;
		out_str(o, " NAK LIST");
		/* tcpdump takes only the listed sequence numbers off the total */
		for (uint32_t left = opt_len - 4u; left; left -= 4) {
			uint32_t seq;
			if (left < 4) {
				out_str(o, "[Option length not a multiple of 4]");
				return OPT_STOP;
			}
			if (!np_get_be32(bp, pr->snapend, &seq))
				return OPT_TRUNC;
			out_fmt(o, " %u", seq);
			bp += 4;
			*opts_len -= 4;
		}
		*bpp = bp;
		return OPT_OK;
	}
	case OPT_REDIRECT:
	case OPT_PGMCC_DATA:
	case OPT_PGMCC_FEEDBACK: return print_nla_opt(pr, bpp, type, opt_len, opts_len);
	case OPT_PATH_NLA: out_fmt(o, " PATH_NLA [%u]", opt_len); break;
	case OPT_CR: out_str(o, " CR"); break;
	default: out_fmt(o, " OPT_%02X [%u] ", opt_type, opt_len); break;
	}
	/* tcpdump skips the whole length past the type and length bytes */
	*bpp = bp + opt_len;
	*opts_len -= opt_len;
	return OPT_OK;
}

/* The option list at bp: false when the packet stopped short of it. A
 * malformed list ends the message's text (returns true with *done). */
static bool print_options(np_printer *pr, const uint8_t **bpp, bool *done)
{
	np_out *o = pr->out;
	const uint8_t *bp = *bpp;
	*done = true;
	if (!np_has(bp, pr->snapend, 4))
		return false;
	uint8_t opt_type = bp[0], opt_len = bp[1];
	if ((opt_type & OPT_MASK) != OPT_LENGTH) {
		out_fmt(o, "[First option bad, should be PGM_OPT_LENGTH, is %u]", opt_type & OPT_MASK);
		return true;
	}
	if (opt_len != 4) {
		out_fmt(o, "[Bad OPT_LENGTH option, length %u != 4]", opt_len);
		return true;
	}
	uint32_t opts_len = np_load_be16(bp + 2);
	if (opts_len < 4) {
		out_fmt(o, "[Bad total option length %u < 4]", opts_len);
		return true;
	}
	out_fmt(o, " OPTS LEN %u", opts_len);
	opts_len -= 4;
	bp += 4;
	while (opts_len) {
		if (opts_len < 4) {
			out_str(o, "[Total option length leaves no room for final option]");
			return true;
		}
		if (!np_has(bp, pr->snapend, 2))
			return false;
		opt_type = bp[0], opt_len = bp[1];
		bp += 2;
		if (opt_len < 4) {
			out_fmt(o, "[Bad option, length %u < %u]", opt_len, 4);
			break; /* tcpdump goes on with the length and the payload */
		}
		if (opts_len < opt_len) {
			out_str(o, "[Total option length leaves no room for final option]");
			return true;
		}
		if (!np_has(bp, pr->snapend, opt_len - 2u))
			return false;
		enum opt_result r = print_opt(pr, &bp, opt_type, opt_len, &opts_len);
		if (r == OPT_TRUNC)
			return false;
		if (r == OPT_STOP)
			return true;
		if (opt_type & OPT_END)
			break;
	}
	*bpp = bp;
	*done = false;
	return true;
}

/* The message after the common header: its text and where its options
 * start (the header itself for SPMR and unknown types, as tcpdump does);
 * false when it ran off the capture. */
static bool print_message(np_printer *pr, const uint8_t *p, uint8_t type, const uint8_t **optp)
{
	np_out *o = pr->out;
	const uint8_t *m = p + PGM_HDRLEN, *end = pr->snapend;
	uint32_t alen, blen;
	*optp = p;
	switch (type) {
	case PGM_SPM:
		if (!np_has(m, end, 16) || !get_nla(pr, np_load_be16(m + 12), m + 16, &alen))
			return false;
		out_fmt(o, "SPM seq %u trail %u lead %u nla ", np_load_be32(m), np_load_be32(m + 4),
			np_load_be32(m + 8));
		print_nla(pr, alen, m + 16);
		*optp = m + 16 + alen;
		return true;
	case PGM_POLL: {
		uint32_t ivl, rnd, mask;
		if (!np_has(m, end, 12) || !get_nla(pr, np_load_be16(m + 8), m + 12, &alen))
			return false;
		const uint8_t *q = m + 12 + alen;
		if (!np_get_be32(q, end, &ivl) || !np_get_be32(q + 4, end, &rnd) || !np_get_be32(q + 8, end, &mask))
			return false;
		out_fmt(o, "POLL seq %u round %u nla ", np_load_be32(m), np_load_be16(m + 4));
		print_nla(pr, alen, m + 12);
		out_fmt(o, " ivl %u rnd 0x%08x mask 0x%08x", ivl, rnd, mask);
		*optp = q + 12;
		return true;
	}
	case PGM_POLR:
		if (!np_has(m, end, 8))
			return false;
		out_fmt(o, "POLR seq %u round %u", np_load_be32(m), np_load_be16(m + 4));
		*optp = m + 8;
		return true;
	case PGM_ODATA:
	case PGM_RDATA:
		if (!np_has(m, end, 8))
			return false;
		out_fmt(o, "%s trail %u seq %u", type == PGM_ODATA ? "ODATA" : "RDATA", np_load_be32(m + 4),
			np_load_be32(m));
		*optp = m + 8;
		return true;
	case PGM_NAK:
	case PGM_NULLNAK:
	case PGM_NCF: {
		if (!np_has(m, end, 8) || !get_nla(pr, np_load_be16(m + 4), m + 8, &alen))
			return false;
		const uint8_t *g = m + 8 + alen + 4; /* tcpdump reads the group's family here */
		uint16_t gafi;
		if (!np_get_be16(g, end, &gafi) || !get_nla(pr, gafi, g, &blen))
			return false;
		out_str(o, type == PGM_NAK ? "NAK (" : type == PGM_NULLNAK ? "NNAK (" : "NCF (");
		print_nla(pr, alen, m + 8);
		out_str(o, " -> ");
		print_nla(pr, blen, g);
		out_fmt(o, "), seq %u", np_load_be32(m));
		*optp = g + blen;
		return true;
	}
	case PGM_ACK:
		if (!np_has(m, end, 8))
			return false;
		out_fmt(o, "ACK seq %u", np_load_be32(m));
		*optp = m + 8;
		return true;
	case PGM_SPMR: out_str(o, "SPMR"); return true;
	default: out_fmt(o, "UNKNOWN type 0x%02x", type); return true;
	}
}

void print_pgm(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph)
{
	np_out *o = pr->out;
	bool v6 = (iph[0] >> 4) == 6;
	pr->protocol = "pgm";
	if (!np_has(p, pr->snapend, 4)) {
		if (v6) {
			out_ipv6(o, iph + 8);
			out_str(o, " > ");
			out_ipv6(o, iph + 24);
		} else {
			out_ipv4(o, iph + 12);
			out_str(o, " > ");
			out_ipv4(o, iph + 16);
		}
		out_char(o, ':');
		goto trunc;
	}
	uint16_t sport = np_load_be16(p), dport = np_load_be16(p + 2);
	if ((v6 ? iph[6] : iph[9]) == PGM_IPPROTO)
		print_ip_ports(pr, iph, sport, dport);
	else
		out_fmt(o, "%u > %u: ", sport, dport);
	if (!np_has(p, pr->snapend, PGM_HDRLEN))
		goto trunc;
	uint16_t pgm_length = np_load_be16(p + 14);
	out_fmt(o, "PGM, length %u", pgm_length);
	if (!pr->o.vflag)
		return;
	uint8_t type = p[4];
	out_fmt(o, " 0x%02x%02x%02x%02x%02x%02x ", p[8], p[9], p[10], p[11], p[12], p[13]);
	const uint8_t *opts;
	if (!print_message(pr, p, type, &opts))
		goto trunc;
	if (p[5] & 0x01) { /* options present */
		bool done;
		if (!print_options(pr, &opts, &done))
			goto trunc;
		if (done)
			return;
	}
	out_fmt(o, " [%u]", length);
	if (pr->o.packettype == NP_PT_PGM_ZMTP1 && (type == PGM_ODATA || type == PGM_RDATA))
		print_zmtp1_datagram(pr, opts, pgm_length);
	return;
trunc:
	print_trunc_stop(pr);
}
