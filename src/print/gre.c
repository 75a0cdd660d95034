/*
 * gre.c - GRE text as tcpdump 4.99.3 prints it: "GREv0, key=0x.., seq N,
 * length N: <inner packet>" for plain GRE, and "GREv1, call N, seq N,
 * ack N, length N: <PPP>" for PPTP's enhanced GRE.
 *
 * The flags, protocol, key/call id, sequence and ack numbers come from the
 * decoded layer; this file walks the header again only to know where
 * tcpdump would stop on a short capture, and to print the checksum, offset
 * and source route entries the decoder does not keep.
 *
 * Not for: PPP itself (ppp.c), inner IP (ip.c / ip6.c).
 */
#include "print.h"

#define GRE_CP 0x8000
#define GRE_RP 0x4000
#define GRE_KP 0x2000
#define GRE_SP 0x1000
#define GRE_AP 0x0080

#define GRESRE_IP 0x0800
#define GRESRE_ASN 0xfffe

static const np_tok gre_flag_values[] = {
	{GRE_CP, "checksum present"},
	{GRE_RP, "routing present"},
	{GRE_KP, "key present"},
	{GRE_SP, "sequence# present"},
	{0x0800, "source routing present"},
	{GRE_AP, "ack present"},
	{0, NULL},
};

/* Where the walk is: tcpdump checks both the captured bytes and the length
 * the IP layer claims before each field. */
struct gre_walk {
	const uint8_t *p;
	uint32_t len;
};

static bool fits(const np_printer *pr, const struct gre_walk *w, uint32_t n)
{
	return np_has(w->p, pr->snapend, n) && w->len >= n;
}

static void advance(struct gre_walk *w, uint32_t n)
{
	w->p += n;
	w->len -= n;
}

static void print_flags(np_printer *pr, uint16_t flags)
{
	if (!pr->o.vflag)
		return;
	out_str(pr->out, ", Flags [");
	print_bits(pr, gre_flag_values, flags, ", ", "none");
	out_char(pr->out, ']');
}

static void print_proto_and_length(np_printer *pr, uint16_t proto, uint32_t length)
{
	np_out *o = pr->out;
	if (pr->o.eflag) {
		const char *name = ethertype_name(proto);
		out_str(o, ", proto ");
		out_str(o, name ? name : "unknown");
		out_str(o, " (0x");
		out_hex(o, proto, 4);
		out_char(o, ')');
	}
	out_str(o, ", length ");
	out_u32(o, length);
}

/* Between the GRE header and its payload: multiline when verbose. */
static void print_payload_demarc(np_printer *pr)
{
	out_str(pr->out, pr->o.vflag ? "\n\t" : ": ");
}

static void print_unknown_proto(np_printer *pr, uint16_t proto)
{
	out_str(pr->out, "gre-proto-0x");
	out_hex(pr->out, proto, 1);
}

/* The addresses of one source route entry: IPv4 addresses (unit 4) or
 * AS numbers (unit 2), the one at the entry's offset starred. False when
 * the entry runs off the capture. */
static bool print_sre_hops(np_printer *pr, struct gre_walk w, uint8_t sreoff, uint8_t srelen, uint32_t unit)
{
	np_out *o = pr->out;
	if (sreoff & (unit - 1)) {
		out_fmt(o, ", badoffset=%u", sreoff);
		return true;
	}
	if (srelen & (unit - 1)) {
		out_fmt(o, ", badlength=%u", srelen);
		return true;
	}
	if (sreoff >= srelen) {
		out_fmt(o, ", badoff/len=%u/%u", sreoff, srelen);
		return true;
	}
	for (uint32_t at = 0; at < srelen; at += unit) {
		if (!fits(pr, &w, unit))
			return false;
		out_str(o, at == sreoff ? " *" : " ");
		if (unit == 4) {
			out_ipv4(o, w.p);
		} else {
			uint16_t asn = 0;
			np_get_be16(w.p, pr->snapend, &asn);
			out_hex(o, asn, 1);
		}
		advance(&w, unit);
	}
	return true;
}

static bool print_sre(np_printer *pr, const struct gre_walk *w, uint16_t af, uint8_t sreoff, uint8_t srelen)
{
	if (af != GRESRE_IP && af != GRESRE_ASN) {
		out_fmt(pr->out, ", (rtaf=0x%x)", af);
		return true;
	}
	out_str(pr->out, af == GRESRE_IP ? ", (rtaf=ip" : ", (rtaf=asn");
	bool ok = print_sre_hops(pr, *w, sreoff, srelen, af == GRESRE_IP ? 4 : 2);
	out_char(pr->out, ')');
	return ok;
}

/* The routing entries up to the null one; false when truncated. */
static bool print_routing(np_printer *pr, struct gre_walk *w)
{
	for (;;) {
		uint16_t af = 0;
		uint8_t sreoff = 0, srelen = 0;
		if (!fits(pr, w, 4))
			return false;
		np_get_be16(w->p, pr->snapend, &af);
		np_get_u8(w->p + 2, pr->snapend, &sreoff);
		np_get_u8(w->p + 3, pr->snapend, &srelen);
		advance(w, 4);
		if (af == 0 && srelen == 0)
			return true;
		if (!print_sre(pr, w, af, sreoff, srelen))
			return false;
		if (w->len < srelen)
			return false;
		advance(w, srelen);
	}
}

/* A 32-bit field tcpdump checks before printing: label and value (the
 * decoded one), in hex or decimal. False when it is not there. */
static bool print_field32(np_printer *pr, struct gre_walk *w, const char *label, uint32_t v, bool hex)
{
	if (!fits(pr, w, 4))
		return false;
	out_str(pr->out, label);
	if (hex)
		out_hex(pr->out, v, 1);
	else
		out_u32(pr->out, v);
	advance(w, 4);
	return true;
}

static void print_gre_v0(np_printer *pr, const struct np_gre_info *g, struct gre_walk w, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t flags = g->flags_ver;
	print_flags(pr, flags);
	advance(&w, 2);
	if (!fits(pr, &w, 2))
		goto trunc;
	advance(&w, 2);
	if (flags & (GRE_CP | GRE_RP)) {
		uint16_t v;
		if (!fits(pr, &w, 2))
			goto trunc;
		np_get_be16(w.p, pr->snapend, &v);
		if (pr->o.vflag) {
			out_str(o, ", sum 0x");
			out_hex(o, v, 1);
		}
		advance(&w, 2);
		if (!fits(pr, &w, 2))
			goto trunc;
		np_get_be16(w.p, pr->snapend, &v);
		out_str(o, ", off 0x");
		out_hex(o, v, 1);
		advance(&w, 2);
	}
	if ((flags & GRE_KP) && !print_field32(pr, &w, ", key=0x", g->key, true))
		goto trunc;
	if ((flags & GRE_SP) && !print_field32(pr, &w, ", seq ", g->seq, false))
		goto trunc;
	if ((flags & GRE_RP) && !print_routing(pr, &w))
		goto trunc;
	print_proto_and_length(pr, g->proto, length);
	print_payload_demarc(pr);
	switch (g->proto) {
	case 0x0800: print_ip(pr, w.p, w.len); break;
	case 0x86dd: print_ip6(pr, w.p, w.len); break;
	case 0x6558: print_ether(pr, w.p, w.len, print_caplen_from(pr, w.p)); break;
	case 0x00fe: print_isoclns(pr, w.p, w.len); break;
	default:
		/* MPLS, IPX and AppleTalk have no printer here yet. */
		print_unknown_proto(pr, g->proto);
		break;
	}
	return;
trunc:
	print_trunc(pr);
}

static void print_gre_v1(np_printer *pr, const struct np_gre_info *g, struct gre_walk w, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t flags = g->flags_ver;
	advance(&w, 2);
	print_flags(pr, flags);
	if (!fits(pr, &w, 2))
		goto trunc;
	advance(&w, 2);
	if ((flags & GRE_KP) && !print_field32(pr, &w, ", call ", g->call_id, false))
		goto trunc;
	if ((flags & GRE_SP) && !print_field32(pr, &w, ", seq ", g->seq, false))
		goto trunc;
	if ((flags & GRE_AP) && !print_field32(pr, &w, ", ack ", g->ack, false))
		goto trunc;
	if (!(flags & GRE_SP)) {
		/* Without a sequence number there is no payload: an ack only. */
		out_str(o, ", no-payload");
		print_proto_and_length(pr, g->proto, length);
		return;
	}
	print_proto_and_length(pr, g->proto, length);
	print_payload_demarc(pr);
	if (g->proto == 0x880b)
		print_ppp(pr, w.p, w.len);
	else
		print_unknown_proto(pr, g->proto);
	return;
trunc:
	print_trunc(pr);
}

void print_gre(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "gre";
	if (!np_has(p, pr->snapend, 2) || length < 2) {
		print_trunc(pr);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_GRE, p, length);
	const struct np_gre_info *g = &l->u.gre;
	struct gre_walk w = {p, length};
	out_str(pr->out, "GREv");
	out_u32(pr->out, g->version);
	switch (g->version) {
	case 0: print_gre_v0(pr, g, w, length); break;
	case 1: print_gre_v1(pr, g, w, length); break;
	default: out_str(pr->out, " ERROR: unknown-version"); break;
	}
}
