/*
 * null.c - BSD loopback link header (DLT_NULL / DLT_LOOP) as tcpdump
 * prints it: the address family with -e ("AF IPv4 (2), length N: "), then
 * IPv4 or IPv6; other families get the summary and a dump.
 *
 * Not for: working out the family's byte order (decode/null.c does).
 */
#include "print.h"

#define NULL_HDRLEN 4

static void print_null_header(np_printer *pr, uint32_t family, uint32_t length)
{
	np_out *o = pr->out;
	const char *name = tok_name(bsd_af_names, family);
	if (!pr->o.qflag) {
		out_str(o, "AF ");
		out_str(o, name ? name : "Unknown");
		out_str(o, " (");
		out_u32(o, family);
		out_char(o, ')');
	} else if (name) {
		out_str(o, name);
	} else {
		out_str(o, "Unknown AF ");
		out_u32(o, family);
	}
	out_str(o, ", length ");
	out_u32(o, length);
	out_str(o, ": ");
}

uint32_t print_null(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "null";
	if (!np_has(p, pr->snapend, NULL_HDRLEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	uint32_t family = print_layer_at(pr, NP_LAYER_NULL, p, length)->u.null.family;
	if (pr->o.eflag)
		print_null_header(pr, family, length);
	p += NULL_HDRLEN;
	length -= NULL_HDRLEN;
	caplen -= NULL_HDRLEN;
	switch (family) {
	case 2: print_ip(pr, p, length); break;
	case 24:
	case 28:
	case 30: print_ip6(pr, p, length); break;
	default:
		/* TODO: ISO (7), AppleTalk (16) and IPX (23) payloads. */
		if (!pr->o.eflag)
			print_null_header(pr, family, length + NULL_HDRLEN);
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
		break;
	}
	return NULL_HDRLEN;
}
