/*
 * dvmrp.c - DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3) in IGMP type 0x13
 * as tcpdump's dvmrp_print writes it: probes (generation id, neighbors),
 * route reports (-vv), the mrinfo neighbor lists (old and new format),
 * prunes (with their lifetime), grafts and graft acks.
 *
 * Not for: the IGMP header itself (igmp.c).
 */
#include "print.h"

enum {
	DVMRP_PROBE = 1,
	DVMRP_REPORT = 2,
	DVMRP_ASK_NEIGHBORS = 3,
	DVMRP_NEIGHBORS = 4,
	DVMRP_ASK_NEIGHBORS2 = 5,
	DVMRP_NEIGHBORS2 = 6,
	DVMRP_PRUNE = 7,
	DVMRP_GRAFT = 8,
	DVMRP_GRAFT_ACK = 9,
};

static const np_tok dvmrp_types[] = {
	{DVMRP_PROBE, "Probe"},
	{DVMRP_REPORT, "Report"},
	{DVMRP_ASK_NEIGHBORS, "Ask-neighbors(old)"},
	{DVMRP_NEIGHBORS, "Neighbors(old)"},
	{DVMRP_ASK_NEIGHBORS2, "Ask-neighbors2"},
	{DVMRP_NEIGHBORS2, "Neighbors2"},
	{DVMRP_PRUNE, "Prune"},
	{DVMRP_GRAFT, "Graft"},
	{DVMRP_GRAFT_ACK, "Graft-ACK"},
	{0, NULL},
};

/* Neighbors2 flags, in tcpdump's order. */
static const np_tok nbr_flags[] = {
	{0x01, "/tunnel"}, {0x02, "/srcrt"}, {0x40, "/querier"}, {0x20, "/disabled"}, {0x10, "/down"}, {0, NULL},
};

/* An address of 4 bytes, as dotted quad (false when not captured). */
static bool print_addr(np_printer *pr, const uint8_t *a)
{
	if (!np_has(a, pr->snapend, 4))
		return false;
	out_ipv4(pr->out, a);
	return true;
}

static bool print_report(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	while (len > 0) {
		if (len < 3) {
			out_fmt(o, " [length %u < 3]", len);
			print_invalid(pr);
			return true;
		}
		NP_CHECK(bp, pr->snapend, 3);
		uint8_t mask[4] = {0xff, bp[0], bp[1], bp[2]};
		uint32_t width = bp[2] ? 4 : bp[1] ? 3 : bp[0] ? 2 : 1;
		out_str(o, "\n\tMask ");
		out_ipv4(o, mask);
		bp += 3;
		len -= 3;
		bool done;
		do {
			if (len < width + 1) {
				out_str(o, "\n\t  [Truncated Report]");
				print_invalid(pr);
				return true;
			}
			NP_CHECK(bp, pr->snapend, width + 1);
			uint8_t origin[4] = {0, 0, 0, 0};
			for (uint32_t i = 0; i < width; i++)
				origin[i] = bp[i];
			uint8_t metric = bp[width];
			bp += width + 1;
			done = metric & 0x80;
			out_str(o, "\n\t  ");
			out_ipv4(o, origin);
			out_fmt(o, " metric %u", metric & 0x7f);
			len -= width + 1;
		} while (!done);
	}
	return true;
trunc:
	return false;
}

static bool print_probe(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4) {
		out_fmt(o, " [full length %u < 4]", len);
		print_invalid(pr);
		return true;
	}
	uint32_t genid;
	out_str(o, pr->o.vflag > 1 ? "\n\t" : " ");
	NP_GET_BE32(genid, bp, pr->snapend);
	out_fmt(o, "genid %u", genid);
	if (pr->o.vflag < 2)
		return true;
	bp += 4;
	len -= 4;
	while (len > 0) {
		if (len < 4) {
			out_fmt(o, "[remaining length %u < 4]", len);
			print_invalid(pr);
			return true;
		}
		NP_CHECK(bp, pr->snapend, 4);
		out_str(o, "\n\tneighbor ");
		out_ipv4(o, bp);
		bp += 4;
		len -= 4;
	}
	return true;
trunc:
	return false;
}

/* The old (v1) and the new (v2, with flags) neighbor lists. */
static bool print_neighbors(np_printer *pr, const uint8_t *bp, uint32_t len, bool v2)
{
	np_out *o = pr->out;
	uint32_t fixed = v2 ? 8 : 7;
	while (len > 0) {
		if (len < fixed) {
			out_fmt(o, " [length %u < %u]", len, fixed);
			print_invalid(pr);
			return true;
		}
		const uint8_t *laddr = bp;
		NP_CHECK(bp + 4, pr->snapend, fixed - 4);
		uint8_t metric = bp[4], thresh = bp[5], flags = v2 ? bp[6] : 0;
		int ncount = bp[fixed - 1];
		bp += fixed;
		len -= fixed;
		while (--ncount >= 0 && (!v2 || len > 0)) {
			if (len < 4) {
				out_fmt(o, " [length %u < 4]", len);
				print_invalid(pr);
				return true;
			}
			NP_CHECK(laddr, pr->snapend, 4);
			out_str(o, " [");
			out_ipv4(o, laddr);
			out_str(o, v2 ? " -> " : " ->");
			if (!v2) {
				NP_CHECK(bp, pr->snapend, 4);
				out_char(o, ' ');
			}
			if (!print_addr(pr, bp))
				goto trunc;
			if (v2) {
				out_fmt(o, " (%u/%u", metric, thresh);
				for (const np_tok *t = nbr_flags; t->s; t++)
					if (flags & t->v)
						out_str(o, t->s);
				out_str(o, ")]");
			} else {
				out_fmt(o, ", (%u/%u)]", metric, thresh);
			}
			bp += 4;
			len -= 4;
		}
		if (v2 && ncount != -1) {
			out_str(o, " [invalid ncount]");
			print_invalid(pr);
			return true;
		}
	}
	return true;
trunc:
	return false;
}

void print_dvmrp(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	pr->protocol = "dvmrp";
	if (len < 8) {
		out_fmt(o, " [length %u < 8]", len);
		print_invalid(pr);
		return;
	}
	uint8_t type;
	NP_GET_U8(type, bp + 1, pr->snapend);
	const uint8_t *hdr = bp;
	bp += 8;
	len -= 8;
	out_char(o, ' ');
	out_str(o, tok2str(dvmrp_types, "[type %u]", type));
	bool ok = true;
	switch (type) {
	case DVMRP_PROBE:
		if (pr->o.vflag)
			ok = print_probe(pr, bp, len);
		break;
	case DVMRP_REPORT:
		if (pr->o.vflag > 1)
			ok = print_report(pr, bp, len);
		break;
	case DVMRP_NEIGHBORS: ok = print_neighbors(pr, bp, len, false); break;
	case DVMRP_NEIGHBORS2:
		/* the version rides in the IGMP group address field */
		NP_CHECK(hdr + 6, pr->snapend, 2);
		out_fmt(o, " (v %u.%u):", hdr[7], hdr[6]);
		ok = print_neighbors(pr, bp, len, true);
		break;
	case DVMRP_PRUNE:
	case DVMRP_GRAFT:
	case DVMRP_GRAFT_ACK:
		NP_CHECK(bp, pr->snapend, 8);
		out_str(o, " src ");
		out_ipv4(o, bp);
		out_str(o, " grp ");
		out_ipv4(o, bp + 4);
		if (type == DVMRP_PRUNE) {
			out_str(o, " timer ");
			uint32_t t;
			NP_GET_BE32(t, bp + 8, pr->snapend);
			print_relts(pr, t);
		}
		break;
	default: break;
	}
	if (ok)
		return;
trunc:
	print_trunc_stop(pr);
}
