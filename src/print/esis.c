/*
 * esis.c - ES-IS (ISO 9542), NLPID 0x82, as tcpdump 4.99's esis_print
 * writes it: "ES-IS, ISH, length N"; with -v the header, checksum, holding
 * time, the redirect's destination, SNPA and NET, the ESH's and ISH's
 * NETs, and the options.
 *
 * Not for: the NLPID dispatch (isoclns.c) or IS-IS (isis.c).
 */
#include "osi.h"

#define ESIS_HDRLEN 9
#define ESIS_PDU_REDIRECT 6
#define ESIS_PDU_ESH 2
#define ESIS_PDU_ISH 4

static const np_tok esis_pdu_names[] = {{6, "redirect"}, {2, "ESH"}, {4, "ISH"}, {0, NULL}};

static const np_tok esis_option_names[] = {
	{129, "Protocols supported"},
	{195, "QoS Maintenance"},
	{197, "Security"},
	{198, "ES Configuration Time"},
	{205, "Priority"},
	{225, "Addressk Mask"},
	{226, "SNPA Mask"},
	{0, NULL},
};

/* How a walk over the PDU ended early. */
enum esis_end { ESIS_OK, ESIS_DONE, ESIS_TRUNC };

/* A length byte and that many bytes after it (tcpdump's ND_TCHECK_1, then
 * the li check, ND_TCHECK_LEN and the li check again). */
static enum esis_end esis_field(np_printer *pr, const uint8_t **pp, uint32_t *li, const char *bad, const uint8_t **f,
				uint32_t *flen, bool count_len)
{
	if (!np_has(*pp, pr->snapend, 1))
		return ESIS_TRUNC;
	if (*li < 1) {
		out_str(pr->out, bad);
		return ESIS_DONE;
	}
	uint32_t n = **pp;
	*pp += 1;
	if (count_len)
		*li -= 1; /* tcpdump forgets this for the redirect's NET */
	if (!np_has(*pp, pr->snapend, n))
		return ESIS_TRUNC;
	if (*li < n) {
		out_str(pr->out, bad);
		return ESIS_DONE;
	}
	*f = *pp;
	*flen = n;
	*pp += n;
	*li -= n;
	return ESIS_OK;
}

static enum esis_end print_esis_redirect(np_printer *pr, const uint8_t **pp, uint32_t *li)
{
	const uint8_t *dst, *snpa, *net;
	uint32_t dstl, snpal, netl;
	const char *bad = ", bad redirect/li";
	enum esis_end e = esis_field(pr, pp, li, bad, &dst, &dstl, true);
	if (e != ESIS_OK)
		return e;
	out_str(pr->out, "\n\t  ");
	print_osi_nsap(pr, dst, dstl);
	if ((e = esis_field(pr, pp, li, bad, &snpa, &snpal, true)) != ESIS_OK ||
	    (e = esis_field(pr, pp, li, bad, &net, &netl, false)) != ESIS_OK)
		return e;
	out_fmt(pr->out, "\n\t  SNPA (length: %u): ", snpal);
	if (snpal == 6)
		out_mac(pr->out, snpa);
	else if (snpal == 0)
		out_str(pr->out, "<empty>");
	else
		for (uint32_t i = 0; i < snpal; i++)
			out_fmt(pr->out, i ? ":%02x" : "%02x", snpa[i]);
	if (netl != 0) {
		out_fmt(pr->out, "\n\t  NET (length: %u) ", netl);
		print_osi_nsap(pr, net, netl);
	}
	return ESIS_OK;
}

static enum esis_end print_esis_esh(np_printer *pr, const uint8_t **pp, uint32_t *li)
{
	if (!np_has(*pp, pr->snapend, 1))
		return ESIS_TRUNC;
	if (*li < 1) {
		out_str(pr->out, ", bad esh/li");
		return ESIS_DONE;
	}
	uint32_t count = **pp;
	*pp += 1;
	*li -= 1;
	out_fmt(pr->out, "\n\t  Number of Source Addresses: %u", count);
	for (; count > 0; count--) {
		const uint8_t *a;
		uint32_t alen;
		enum esis_end e = esis_field(pr, pp, li, ", bad esh/li", &a, &alen, true);
		if (e != ESIS_OK)
			return e;
		out_fmt(pr->out, "\n\t  NET (length: %u): ", alen);
		print_osi_nsap(pr, a, alen);
	}
	return ESIS_OK;
}

/* The options after the PDU's fixed fields. */
static void print_esis_options(np_printer *pr, const uint8_t *p, uint32_t li)
{
	np_out *o = pr->out;
	while (li != 0) {
		if (li < 2) {
			out_str(o, ", bad opts/li");
			return;
		}
		uint8_t op, opli;
		NP_GET_U8(op, p, pr->snapend);
		NP_GET_U8(opli, p + 1, pr->snapend);
		p += 2;
		li -= 2;
		if (opli > li) {
			out_fmt(o, ", opt (%u) too long", op);
			return;
		}
		li -= opli;
		out_fmt(o, "\n\t  %s Option #%u, length %u, value: ", tok2str(esis_option_names, "Unknown", op), op,
			opli);
		if (op == 198) {
			if (opli == 2) {
				uint16_t t;
				if (!np_get_be16(p, pr->snapend, &t)) {
					print_trunc(pr);
					return;
				}
				out_fmt(o, "%us", t);
			} else {
				out_str(o, "(bad length)");
			}
		} else if (op == 129) {
			/* tcpdump counts the option's length down as it prints
			 * the NLPIDs, so the walk then goes on from the value */
			for (const uint8_t *t = p; opli > 0; t++, opli--) {
				uint8_t n;
				NP_GET_U8(n, t, pr->snapend);
				out_fmt(o, "%s (0x%02x)", tok2str(nlpid_names, "unknown", n), n);
				if (opli > 1)
					out_str(o, ", ");
			}
		} else {
			print_unknown_data(pr, p, "\n\t  ", opli);
		}
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p, "\n\t  ", opli);
		p += opli;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* The fixed header's checks; false when tcpdump gives up on the PDU. */
static bool esis_header_ok(np_printer *pr, const uint8_t *p, uint32_t length, uint8_t li)
{
	if (p[0] != NP_NLPID_ESIS) {
		out_fmt(pr->out, " nlpid 0x%02x packet not supported", p[0]);
		return false;
	}
	if (p[2] != 1) {
		out_fmt(pr->out, " version %u packet not supported", p[2]);
		return false;
	}
	if (li > length) {
		out_fmt(pr->out, " length indicator(%u) > PDU size (%u)!", li, length);
		return false;
	}
	if (li < ESIS_HDRLEN + 2) {
		out_fmt(pr->out, " length indicator %u < min PDU size:", li);
		for (const uint8_t *q = p; q < pr->snapend; q++)
			out_fmt(pr->out, "%02X", *q);
		return false;
	}
	return true;
}

void print_esis(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "esis";
	if (!pr->o.eflag)
		out_str(o, "ES-IS");
	if (length <= 2) {
		out_str(o, pr->o.qflag ? "bad pkt!" : "no header at all!");
		return;
	}
	if (!np_has(p, pr->snapend, ESIS_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t li = p[1];
	if (!esis_header_ok(pr, p, length, li))
		return;
	uint8_t type = p[4] & 0x1f;
	const char *sep = pr->o.eflag ? "" : ", ";
	if (pr->o.vflag < 1) {
		out_fmt(o, "%s%s, length %u", sep, tok2str(esis_pdu_names, "unknown type (%u)", type), length);
		return;
	}
	out_fmt(o, "%slength %u\n\t%s (%u)", sep, length, tok2str(esis_pdu_names, "unknown type: %u", type), type);
	uint16_t cksum = np_load_be16(p + 7);
	out_fmt(o, ", v: %u, checksum: 0x%04x", p[2], cksum);
	print_osi_cksum(pr, p, cksum, 7, li);
	out_fmt(o, ", holding time: %us, length indicator: %u", np_load_be16(p + 5), li);
	if (pr->o.vflag > 1)
		print_unknown_data(pr, p, "\n\t", ESIS_HDRLEN);
	const uint8_t *q = p + ESIS_HDRLEN;
	uint32_t rem = li - ESIS_HDRLEN;
	enum esis_end e;
	switch (type) {
	case ESIS_PDU_REDIRECT: e = print_esis_redirect(pr, &q, &rem); break;
	case ESIS_PDU_ESH: e = print_esis_esh(pr, &q, &rem); break;
	case ESIS_PDU_ISH: {
		const uint8_t *a;
		uint32_t alen;
		e = esis_field(pr, &q, &rem, ", bad ish/li", &a, &alen, true);
		if (e == ESIS_OK) {
			out_fmt(o, "\n\t  NET (length: %u): ", alen);
			print_osi_nsap(pr, a, alen);
		}
		break;
	}
	default:
		if (pr->o.vflag <= 1 && np_has(q, pr->snapend, 1))
			print_unknown_data(pr, q, "\n\t  ", print_caplen_from(pr, q));
		return;
	}
	if (e == ESIS_TRUNC)
		print_trunc(pr);
	if (e != ESIS_OK)
		return;
	print_esis_options(pr, q, rem);
}
