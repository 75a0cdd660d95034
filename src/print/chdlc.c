/*
 * chdlc.c - Cisco HDLC (DLT_C_HDLC, and Cisco frames on DLT_PPP_SERIAL) as
 * tcpdump 4.99's print-chdlc.c writes it: with -e the address (unicast,
 * bcast) and the ethertype, then IPv4, IPv6, MPLS or a SLARP message
 * (request, reply, keepalive with the optional link uptime).
 *
 * Not for: OSI payloads (ethertype 0xfefe): tcpdump's isoclns printer is
 * not here; see the marked call site below.
 */
#include "print.h"

#define CHDLC_HDRLEN 4
#define CHDLC_TYPE_SLARP 0x8035
#define SLARP_MIN_LEN 14
#define SLARP_MAX_LEN 18

static const np_tok chdlc_cast_names[] = {{0x0f, "unicast"}, {0x8f, "bcast"}, {0, NULL}};

static void print_slarp(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	const uint8_t *end = pr->snapend;
	uint32_t code, a, b, up;
	uint16_t rel;
	pr->protocol = "chdlc_slarp";
	out_fmt(pr->out, "SLARP (length: %u), ", length);
	if (length < SLARP_MIN_LEN || !np_has(cp, end, SLARP_MIN_LEN)) {
		print_trunc(pr);
		return;
	}
	code = np_load_be32(cp);
	switch (code) {
	case 0: out_str(pr->out, "request"); break;
	case 1:
		out_str(pr->out, "reply ");
		out_ipv4(pr->out, cp + 4);
		out_char(pr->out, '/');
		out_ipv4(pr->out, cp + 8);
		break;
	case 2:
		a = np_load_be32(cp + 4);
		b = np_load_be32(cp + 8);
		rel = np_load_be16(cp + 12);
		out_fmt(pr->out, "keepalive: mineseen=0x%08x, yourseen=0x%08x, reliability=0x%04x", a, b, rel);
		if (length >= SLARP_MAX_LEN) { /* the uptime stamp is optional */
			cp += SLARP_MIN_LEN;   /* tcpdump's -vv dump below starts from here + 4 */
			NP_GET_BE32(up, cp, end);
			uint32_t sec = up / 1000, min = sec / 60, hrs, days;
			sec -= min * 60;
			hrs = min / 60;
			min -= hrs * 60;
			days = hrs / 24;
			hrs -= days * 24;
			out_fmt(pr->out, ", link uptime=%ud%uh%um%us", days, hrs, min, sec);
		}
		break;
	default:
		out_fmt(pr->out, "0x%02x unknown", code);
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, cp + 4, "\n\t", length - 4);
		break;
	}
	if (SLARP_MAX_LEN < length && pr->o.vflag)
		out_fmt(pr->out, ", (trailing junk: %u bytes)", length - SLARP_MAX_LEN);
	if (pr->o.vflag > 1)
		print_unknown_data(pr, cp + 4, "\n\t", length - 4);
	return;
trunc:
	print_trunc_stop(pr);
}

/* tcpdump's chdlc_print: the header length, or on truncation what is
 * captured of the frame. */
uint32_t print_chdlc(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint16_t proto;
	uint8_t b1;
	pr->protocol = "chdlc";
	if (length < CHDLC_HDRLEN)
		goto local_trunc;
	NP_GET_BE16(proto, p + 2, pr->snapend);
	if (pr->o.eflag) {
		const char *name = ethertype_name(proto);
		out_fmt(pr->out, "%s, ethertype %s (0x%04x), length %u: ", tok2str(chdlc_cast_names, "0x%02x", p[0]),
			name ? name : "Unknown", proto, length);
	}
	length -= CHDLC_HDRLEN;
	p += CHDLC_HDRLEN;
	switch (proto) {
	case 0x0800: print_ip(pr, p, length); break;
	case 0x86dd: print_ip6(pr, p, length); break;
	case CHDLC_TYPE_SLARP: print_slarp(pr, p, length); break;
	case 0x8847:
	case 0x8848: print_mpls(pr, p, length); break;
	case 0xfefe:
		/* a fudge byte may come before the NLPID: spotted by the NLPID after it */
		if (length < 2)
			goto local_trunc;
		NP_GET_U8(b1, p + 1, pr->snapend);
		if (b1 == NP_NLPID_CLNP || b1 == NP_NLPID_ESIS || b1 == NP_NLPID_ISIS)
			print_isoclns(pr, p + 1, length - 1);
		else
			print_isoclns(pr, p, length);
		break;
	default:
		if (!pr->o.eflag)
			out_fmt(pr->out, "unknown CHDLC protocol (0x%04x)", proto);
		break;
	}
	return CHDLC_HDRLEN;
local_trunc:
	print_trunc(pr);
	return print_caplen_from(pr, p);
trunc:
	print_trunc_stop(pr);
	return 0;
}

uint32_t print_chdlc_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	return print_chdlc(pr, p, length);
}
