/*
 * isoclns.c - the OSI network layer as tcpdump 4.99's print-isoclns.c
 * writes it: the NLPID dispatch every link hands an OSI PDU to (LLC SAP
 * 0xfe, ethertype 0xfefe, GRE protocol 0x00fe; Cisco HDLC, Frame Relay and
 * PPP call print_isoclns too), and CLNP (ISO 8473): "CLNP, src > dst, Data,
 * length N", with -v its header, checksum, flags, segmentation part,
 * options and an error report's original packet.
 *
 * Also the helpers the OSI printers share (osi.h): NLPID names, NSAP
 * text, the ISO checksum note.
 *
 * Not for: ES-IS (esis.c), IS-IS (isis.c, isis_tlv.c).
 */
#include <stdio.h>
#include <string.h>

#include "osi.h"

const np_tok nlpid_names[] = {
	{NP_NLPID_NULLNS, "NULL"},
	{NP_NLPID_Q933, "Q.933"},
	{0x09, "LMI"},
	{0x80, "SNAP"},
	{NP_NLPID_CLNP, "CLNP"},
	{NP_NLPID_ESIS, "ES-IS"},
	{NP_NLPID_ISIS, "IS-IS"},
	{0x84, "CONS"},
	{0x85, "IDRP"},
	{0xc1, "ISIS_SPB"},
	{0xb1, "FRF.15"},
	{NP_NLPID_IP, "IPv4"},
	{NP_NLPID_PPP, "PPP"},
	{0x8a, "X25 ES-IS"},
	{NP_NLPID_IP6, "IPv6"},
	{0, NULL},
};

void print_nsap_bytes(np_printer *pr, const uint8_t *p, uint32_t n)
{
	if (n < 1 || n > 20) {
		out_str(pr->out, "isonsap_string: illegal length");
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		out_hex(pr->out, p[i], 2);
		if ((i & 1) == 0 && i + 1 < n)
			out_char(pr->out, '.');
	}
}

bool print_osi_nsap(np_printer *pr, const uint8_t *p, uint32_t n)
{
	if (!np_has(p, pr->snapend, n))
		return false;
	print_nsap_bytes(pr, p, n);
	return true;
}

bool osi_format_id(np_printer *pr, const uint8_t *p, uint32_t id_len, char *buf)
{
	uint32_t sysid_len = id_len < OSI_SYSTEM_ID_LEN ? id_len : OSI_SYSTEM_ID_LEN;
	uint32_t need = id_len >= OSI_LSP_ID_LEN    ? OSI_LSP_ID_LEN
			: id_len >= OSI_NODE_ID_LEN ? OSI_NODE_ID_LEN
						    : sysid_len;
	if (!np_has(p, pr->snapend, need))
		return false;
	char *s = buf;
	for (uint32_t i = 1; i <= sysid_len; i++) {
		s += sprintf(s, "%02x", p[i - 1]);
		if (i == 2 || i == 4)
			*s++ = '.';
	}
	*s = '\0';
	if (id_len >= OSI_NODE_ID_LEN)
		s += sprintf(s, ".%02x", p[sysid_len]);
	if (id_len == OSI_LSP_ID_LEN)
		sprintf(s, "-%02x", p[sysid_len + 1]);
	return true;
}

bool print_osi_unknown(np_printer *pr, const uint8_t *p, const char *indent, uint32_t len)
{
	print_unknown_data(pr, p, indent, len);
	return p <= pr->snapend;
}

/* ISO 8473 annex C's checksum of length bytes with the two at offset taken
 * as zero, the way tcpdump's create_osi_cksum computes it. */
static uint16_t osi_cksum(const uint8_t *p, int offset, int length)
{
	uint32_t c0 = 0, c1 = 0;
	for (int i = 0; i < length; i++) {
		if (i != offset && i != offset + 1)
			c0 += p[i];
		c1 += c0;
	}
	c0 %= 255;
	c1 %= 255;
	uint32_t mul = (uint32_t)(length - offset) * c0;
	int x = (int)(mul - c0 - c1);
	int y = (int)(c1 - mul - 1);
	if (y >= 0)
		y++;
	if (x < 0)
		x--;
	x %= 255;
	y %= 255;
	if (x == 0)
		x = 255;
	if (y == 0)
		y = 255;
	return (uint16_t)(((unsigned)x << 8) | ((unsigned)y & 0xff));
}

void print_osi_cksum(np_printer *pr, const uint8_t *p, uint16_t cksum, int offset, uint32_t length)
{
	if (!cksum || offset < 0 || !np_has(p + offset, pr->snapend, 2) || (uint32_t)offset > length ||
	    !np_has(p, pr->snapend, length)) {
		out_str(pr->out, " (unverified)");
		return;
	}
	uint16_t want = osi_cksum(p, offset, (int)length);
	if (want == cksum)
		out_str(pr->out, " (correct)");
	else
		out_fmt(pr->out, " (incorrect should be 0x%04x)", want);
}

void print_isoclns(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t nlpid;
	pr->protocol = "isoclns";
	NP_GET_U8(nlpid, p, pr->snapend);
	if (pr->o.eflag)
		out_fmt(pr->out, "OSI NLPID %s (0x%02x): ", tok2str(nlpid_names, "Unknown", nlpid), nlpid);
	switch (nlpid) {
	case NP_NLPID_CLNP:
		if (!print_clnp(pr, p, length) && !pr->stopped)
			print_unknown_data(pr, p, "\n\t", length);
		return;
	case NP_NLPID_ESIS: print_esis(pr, p, length); return;
	case NP_NLPID_ISIS:
		if (!print_isis(pr, p, length) && !pr->stopped)
			print_unknown_data(pr, p, "\n\t", length);
		return;
	case NP_NLPID_NULLNS: out_fmt(pr->out, "%slength: %u", pr->o.eflag ? "" : ", ", length); return;
	case NP_NLPID_IP: print_ip(pr, p + 1, length - 1); return;
	case NP_NLPID_IP6: print_ip6(pr, p + 1, length - 1); return;
	case NP_NLPID_PPP: print_ppp(pr, p + 1, length - 1); return;
	case NP_NLPID_Q933: print_q933(pr, p + 1, length - 1); return;
	default:
		if (!pr->o.eflag)
			out_fmt(pr->out, "OSI NLPID 0x%02x unknown", nlpid);
		out_fmt(pr->out, "%slength: %u", pr->o.eflag ? "" : ", ", length);
		if (length > 1)
			print_unknown_data(pr, p, "\n\t", length);
		return;
	}
trunc:
	print_trunc_stop(pr);
}

/* ---- CLNP (ISO 8473) ---- */

#define CLNP_HDRLEN 9
#define CLNP_SEGLEN 6
#define CLNP_PDU_ER 1
#define CLNP_PDU_ERP 31
#define CLNP_SEGMENT_PART 0x80

static const np_tok clnp_pdu_names[] = {
	{1, "Error Report"}, {29, "MD"}, {28, "Data"}, {30, "Echo Request"}, {31, "Echo Response"}, {0, NULL},
};

static const np_tok clnp_flag_names[] = {
	{0x80, "Segmentation permitted"},
	{0x40, "more Segments"},
	{0x20, "request Error Report"},
	{0, NULL},
};

static const np_tok clnp_option_names[] = {
	{193, "Discard Reason"}, {205, "Priority"},        {195, "QoS Maintenance"}, {197, "Security"},
	{200, "Source Routing"}, {203, "Route Recording"}, {204, "Padding"},         {0, NULL},
};

static const np_tok clnp_rfd_class_names[] = {
	{0x0, "General"},    {0x8, "Address"}, {0x9, "Source Routeing"}, {0xa, "Lifetime"}, {0xb, "PDU Discarded"},
	{0xc, "Reassembly"}, {0, NULL},
};

static const np_tok clnp_rfd_general[] = {
	{0x0, "Reason not specified"},
	{0x1, "Protocol procedure error"},
	{0x2, "Incorrect checksum"},
	{0x3, "PDU discarded due to congestion"},
	{0x4, "Header syntax error (cannot be parsed)"},
	{0x5, "Segmentation needed but not permitted"},
	{0x6, "Incomplete PDU received"},
	{0x7, "Duplicate option"},
	{0, NULL},
};
static const np_tok clnp_rfd_address[] = {
	{0x0, "Destination address unreachable"}, {0x1, "Destination address unknown"}, {0, NULL}};
static const np_tok clnp_rfd_source_routeing[] = {
	{0x0, "Unspecified source routeing error"},
	{0x1, "Syntax error in source routeing field"},
	{0x2, "Unknown address in source routeing field"},
	{0x3, "Path not acceptable"},
	{0, NULL},
};
static const np_tok clnp_rfd_lifetime[] = {
	{0x0, "Lifetime expired while data unit in transit"}, {0x1, "Lifetime expired during reassembly"}, {0, NULL}};
static const np_tok clnp_rfd_pdu_discard[] = {
	{0x0, "Unsupported option not specified"},      {0x1, "Unsupported protocol version"},
	{0x2, "Unsupported security option"},           {0x3, "Unsupported source routeing option"},
	{0x4, "Unsupported recording of route option"}, {0, NULL},
};
static const np_tok clnp_rfd_reassembly[] = {{0x0, "Reassembly interference"}, {0, NULL}};

static const np_tok *const clnp_rfd_error_class[16] = {
	clnp_rfd_general,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	clnp_rfd_address,
	clnp_rfd_source_routeing,
	clnp_rfd_lifetime,
	clnp_rfd_pdu_discard,
	clnp_rfd_reassembly,
	NULL,
	NULL,
	NULL,
};

static const np_tok clnp_scope_names[] = {{0x40, "Source Address Specific"},
					  {0x80, "Destination Address Specific"},
					  {0xc0, "Globally unique"},
					  {0, NULL}};

static const np_tok clnp_sr_rr_names[] = {{0, "partial"}, {1, "complete"}, {0, NULL}};
static const np_tok clnp_sr_rr_string_names[] = {
	{200, "source routing"}, {203, "recording of route in progress"}, {0, NULL}};

static const np_tok clnp_qos_global_names[] = {
	{0x20, "reserved"},        {0x10, "sequencing vs. delay"}, {0x08, "congested"}, {0x04, "delay vs. cost"},
	{0x02, "error vs. delay"}, {0x01, "error vs. cost"},       {0, NULL},
};

/* The addresses of a source or route recording option: tcpdump reads the
 * first length byte over and over (its pointer does not move), so does this. */
static void print_clnp_sr_rr(np_printer *pr, const uint8_t *t, uint32_t tlen, uint8_t op)
{
	out_fmt(pr->out, "%s %s", tok2str(clnp_sr_rr_names, "Unknown", t[0]),
		tok2str(clnp_sr_rr_string_names, "Unknown Option %u", op));
	uint32_t off = t[1];
	if (off == 0) {
		out_str(pr->out, " Bad NSAP offset (0)");
		return;
	}
	off -= 1;
	if (off > tlen) {
		out_str(pr->out, " Bad NSAP offset (past end of option)");
		return;
	}
	t += off;
	tlen -= off;
	while (tlen > 0) {
		uint32_t alen = t[0];
		if (tlen < alen + 1) {
			out_str(pr->out, "\n\t    NSAP address goes past end of option");
			break;
		}
		if (alen > 0) {
			out_fmt(pr->out, "\n\t    NSAP address (length %u): ", alen);
			print_osi_nsap(pr, t + 1, alen);
		}
		tlen -= alen + 1;
	}
}

/* One option's value (all captured); false on tcpdump's ", bad opt len". */
static bool print_clnp_option(np_printer *pr, uint8_t op, const uint8_t *t, uint32_t tlen)
{
	np_out *o = pr->out;
	switch (op) {
	case 203:
	case 200:
		if (tlen < 2)
			break;
		print_clnp_sr_rr(pr, t, tlen, op);
		return true;
	case 205:
		if (tlen < 1)
			break;
		out_fmt(o, "0x%1x", t[0] & 0x0f);
		return true;
	case 195:
		if (tlen < 1)
			break;
		out_fmt(o, "\n\t    Format Code: %s", tok2str(clnp_scope_names, "Reserved", t[0] & 0xc0));
		if ((t[0] & 0xc0) == 0xc0) {
			out_str(o, "\n\t    QoS Flags [");
			print_bits(pr, clnp_qos_global_names, t[0] & 0x3f, ", ", "none");
			out_char(o, ']');
		}
		return true;
	case 197:
		if (tlen < 2)
			break;
		out_fmt(o, "\n\t    Format Code: %s, Security-Level %u",
			tok2str(clnp_scope_names, "Reserved", t[0] & 0xc0), t[1]);
		return true;
	case 193: {
		if (tlen < 1)
			break;
		uint8_t major = t[0] >> 4, minor = t[0] & 0x0f;
		const np_tok *minors = clnp_rfd_error_class[major];
		out_fmt(o, "\n\t    Class: %s Error (0x%01x), %s (0x%01x)",
			tok2str(clnp_rfd_class_names, "Unknown", major), major,
			minors ? tok2str(minors, "Unknown", minor) : "Unknown", minor);
		return true;
	}
	case 204: out_str(o, "padding data"); return true;
	default: print_unknown_data(pr, t, "\n\t  ", tlen); return true;
	}
	out_str(o, ", bad opt len");
	return false;
}

/* The source and destination addresses after the fixed part; false after
 * tcpdump's complaint (or with pr->stopped / *trunc set). */
struct clnp_addrs {
	const uint8_t *src, *dst;
	uint32_t srclen, dstlen;
};

/* Reads one address (its length byte, then the bytes): 1 read, 0 li too
 * short, -1 not captured. */
static int clnp_read_addr(np_printer *pr, const uint8_t **pp, uint32_t *li, const uint8_t **a, uint32_t *alen)
{
	uint8_t n;
	if (*li < 1)
		return 0;
	if (!np_get_u8(*pp, pr->snapend, &n)) {
		print_trunc_stop(pr);
		return -1;
	}
	*pp += 1;
	*li -= 1;
	if (*li < n)
		return 0;
	if (!np_has(*pp, pr->snapend, n)) {
		print_trunc(pr);
		return -1;
	}
	*a = *pp;
	*alen = n;
	*pp += n;
	*li -= n;
	return 1;
}

/* The options; false when tcpdump's clnp_print returns 0 (or stopped). */
static bool print_clnp_options(np_printer *pr, const uint8_t **pp, uint32_t li, bool *trunc)
{
	const uint8_t *p = *pp;
	while (li != 0) {
		if (li < 2) {
			out_str(pr->out, ", bad opts/li");
			return false;
		}
		if (!np_has(p, pr->snapend, 2)) {
			print_trunc_stop(pr);
			return false;
		}
		uint8_t op = p[0], opli = p[1];
		p += 2;
		li -= 2;
		if (opli > li) {
			out_fmt(pr->out, ", opt (%u) too long", op);
			return false;
		}
		if (!np_has(p, pr->snapend, opli)) {
			*trunc = true;
			return true;
		}
		li -= opli;
		out_fmt(pr->out, "\n\t  %s Option #%u, length %u, value: ", tok2str(clnp_option_names, "Unknown", op),
			op, opli);
		if (!print_clnp_option(pr, op, p, opli))
			return false;
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p, "\n\t  ", opli);
		p += opli;
	}
	*pp = p;
	return true;
}

/* The fixed part's sanity checks; false when tcpdump returns 0. */
static bool clnp_header_ok(np_printer *pr, const uint8_t *p, uint32_t length, uint8_t li)
{
	if (p[2] != 1) {
		out_fmt(pr->out, "version %u packet not supported", p[2]);
		return false;
	}
	if (li > length) {
		out_fmt(pr->out, " length indicator(%u) > PDU size (%u)!", li, length);
		return false;
	}
	if (li < CLNP_HDRLEN) {
		out_fmt(pr->out, " length indicator %u < min PDU size:", li);
		for (const uint8_t *q = p; q < pr->snapend; q++)
			out_fmt(pr->out, "%02X", *q);
		return false;
	}
	return true;
}

/* One CLNP PDU; 0 when tcpdump's clnp_print returns 0, 1 when done, 2 when
 * an error report carries the original packet at *next. */
static int print_clnp_one(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t **next, uint32_t *nextlen)
{
	np_out *o = pr->out;
	pr->protocol = "clnp";
	if (!np_has(p, pr->snapend, CLNP_HDRLEN)) {
		print_trunc(pr);
		return 1;
	}
	uint8_t li = p[1];
	if (!pr->o.eflag)
		out_str(o, "CLNP");
	if (!clnp_header_ok(pr, p, length, li))
		return 0;
	uint8_t type = p[4] & 0x1f, flags = p[4] & 0xe0;
	const uint8_t *q = p + CLNP_HDRLEN;
	uint32_t rem = li - CLNP_HDRLEN;
	struct clnp_addrs a = {0};
	int r = clnp_read_addr(pr, &q, &rem, &a.dst, &a.dstlen);
	if (r > 0)
		r = clnp_read_addr(pr, &q, &rem, &a.src, &a.srclen);
	if (r < 0)
		return 1;
	if (r == 0) {
		out_str(o, "li < size of fixed part of CLNP header and addresses");
		return 0;
	}
	const char *sep = pr->o.eflag ? "" : ", ";
	if (pr->o.vflag < 1) {
		out_str(o, sep);
		print_osi_nsap(pr, a.src, a.srclen);
		out_str(o, " > ");
		print_osi_nsap(pr, a.dst, a.dstlen);
		out_fmt(o, ", %s, length %u", tok2str(clnp_pdu_names, "unknown (%u)", type), length);
		return 1;
	}
	out_fmt(o, "%slength %u", sep, length);
	out_fmt(o, "\n\t%s PDU, hlen: %u, v: %u, lifetime: %u.%us, Segment PDU length: %u, checksum: 0x%04x",
		tok2str(clnp_pdu_names, "unknown (%u)", type), li, p[2], p[3] / 2, (p[3] % 2) * 5, np_load_be16(p + 5),
		np_load_be16(p + 7));
	print_osi_cksum(pr, p, np_load_be16(p + 7), 7, li);
	out_str(o, "\n\tFlags [");
	print_bits(pr, clnp_flag_names, flags, ", ", "none");
	out_fmt(o, "]\n\tsource address (length %u): ", a.srclen);
	print_osi_nsap(pr, a.src, a.srclen);
	out_fmt(o, "\n\tdest   address (length %u): ", a.dstlen);
	print_osi_nsap(pr, a.dst, a.dstlen);
	if (flags & CLNP_SEGMENT_PART) {
		if (rem < CLNP_SEGLEN) {
			out_str(o, "li < size of fixed part of CLNP header, addresses, and segment part");
			return 0;
		}
		if (!np_has(q, pr->snapend, CLNP_SEGLEN)) {
			print_trunc(pr);
			return 1;
		}
		out_fmt(o, "\n\tData Unit ID: 0x%04x, Segment Offset: %u, Total PDU Length: %u", np_load_be16(q),
			np_load_be16(q + 2), np_load_be16(q + 4));
		q += CLNP_SEGLEN;
		rem -= CLNP_SEGLEN;
	}
	bool trunc = false;
	if (!print_clnp_options(pr, &q, rem, &trunc))
		return 0;
	if (trunc) {
		print_trunc(pr);
		return 1;
	}
	if (type == CLNP_PDU_ER || type == CLNP_PDU_ERP) {
		uint8_t b;
		if (!np_get_u8(q, pr->snapend, &b)) {
			print_trunc_stop(pr);
			return 1;
		}
		if (b == NP_NLPID_CLNP) {
			out_str(o, "\n\t-----original packet-----\n\t");
			*next = q;
			*nextlen = length - li;
			return 2;
		}
	}
	if (length > (uint32_t)(q - p)) {
		out_fmt(o, "\n\t  undecoded non-header data, length %u", length - li);
		print_unknown_data(pr, q, "\n\t  ", length - (uint32_t)(q - p));
	}
	return 1;
}

bool print_clnp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	/* An error report's original packet is printed in turn, as tcpdump
	 * does by recursion; a loop keeps a long chain off the stack. */
	int r = print_clnp_one(pr, p, length, &p, &length);
	bool first = true;
	while (r == 2) {
		first = false;
		r = print_clnp_one(pr, p, length, &p, &length);
	}
	return !first || r != 0;
}
