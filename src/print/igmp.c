/*
 * igmp.c - IGMP text (RFC 1112, 2236, 3376; tcpdump's print-igmp.c):
 * queries, v1/v2/v3 reports, leaves, mtrace, and the -v checksum check.
 *
 * Not for: the DVMRP messages that ride in IGMP (dvmrp.c) and PIMv1
 * messages (pim.c).
 */
#include "print.h"

#include "cksum.h"

enum {
	IGMP_QUERY = 0x11,
	IGMP_V1_REPORT = 0x12,
	IGMP_DVMRP = 0x13,
	IGMP_PIMV1 = 0x14,
	IGMP_V2_REPORT = 0x16,
	IGMP_LEAVE = 0x17,
	IGMP_MTRACE_RESP = 0x1e,
	IGMP_MTRACE = 0x1f,
	IGMP_V3_REPORT = 0x22,
};

#define TR_QUERY_END 24 /* 8 bytes of IGMP + the 16-byte traceroute query */

static const np_tok igmpv3_record_names[] = {
	{1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"}, {0, NULL},
};

/* " a.b.c.d" for an address inside the message; false when not captured. */
static bool print_addr(np_printer *pr, const char *before, const uint8_t *a)
{
	if (!np_has(a, pr->snapend, 4))
		return false;
	out_str(pr->out, before);
	out_ipv4(pr->out, a);
	return true;
}

static void print_mtrace(np_printer *pr, const char *name, const uint8_t *p, uint32_t len)
{
	uint32_t qid, raddr;
	uint8_t rttl;
	if (len < TR_QUERY_END) {
		out_fmt(pr->out, " [invalid len %u]", len);
		return;
	}
	NP_GET_BE24(qid, p + 21, pr->snapend);
	NP_CHECK(p + 8, pr->snapend, 12);
	out_fmt(pr->out, "%s %u:", name, qid);
	print_addr(pr, " ", p + 8);
	print_addr(pr, " to ", p + 12);
	print_addr(pr, " reply-to ", p + 16);
	NP_GET_BE32(raddr, p + 16, pr->snapend);
	if ((raddr & 0xf0000000u) == 0xe0000000u) {
		NP_GET_U8(rttl, p + 20, pr->snapend);
		out_fmt(pr->out, " with-ttl %u", rttl);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* One v3 group record's sources: the count with -v, the list with -vv. */
static bool print_v3_sources(np_printer *pr, const uint8_t *rec, uint16_t nsrcs)
{
	if (pr->o.vflag == 1) {
		out_fmt(pr->out, ", %u source(s)", nsrcs);
		return true;
	}
	out_str(pr->out, " {");
	for (uint32_t j = 0; j < nsrcs; j++)
		if (!print_addr(pr, " ", rec + 8 + (j << 2)))
			return false;
	out_str(pr->out, " }");
	return true;
}

static void print_v3_report(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t ngroups, nsrcs;
	uint8_t rtype;
	if (len < 16 || (len & 3)) {
		out_fmt(pr->out, " [invalid len %u]", len);
		return;
	}
	NP_GET_BE16(ngroups, p + 6, pr->snapend);
	out_fmt(pr->out, ", %u group record(s)", ngroups);
	if (!pr->o.vflag)
		return;
	uint32_t group = 8;
	for (uint32_t i = 0; i < ngroups; i++) {
		if (len < group + 8) {
			out_str(pr->out, " [invalid number of groups]");
			return;
		}
		if (!print_addr(pr, " [gaddr ", p + group + 4))
			goto trunc;
		NP_GET_U8(rtype, p + group, pr->snapend);
		out_char(pr->out, ' ');
		out_str(pr->out, tok2str(igmpv3_record_names, " [v3-report-#%u]", rtype));
		NP_GET_BE16(nsrcs, p + group + 2, pr->snapend);
		if (len < group + 8 + ((uint32_t)nsrcs << 2)) {
			out_fmt(pr->out, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (!print_v3_sources(pr, p + group, nsrcs))
			goto trunc;
		group += 8 + ((uint32_t)nsrcs << 2);
		out_char(pr->out, ']');
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* The max response time code: a time in tenths of a second, RFC 3376 4.1.1. */
static void print_v3_max_resp(np_printer *pr, uint8_t mrc)
{
	uint32_t mrt = mrc < 128 ? mrc : ((uint32_t)(mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc == 100)
		return;
	out_str(pr->out, " [max resp time ");
	if (mrt < 600)
		out_fmt(pr->out, "%.1fs", mrt * 0.1);
	else
		print_relts(pr, mrt / 10);
	out_char(pr->out, ']');
}

static void print_v3_query(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t mrc;
	uint32_t group;
	uint16_t nsrcs;
	out_str(pr->out, " v3");
	if (len < 12 || (len & 3)) {
		out_fmt(pr->out, " [invalid len %u]", len);
		return;
	}
	NP_GET_U8(mrc, p + 1, pr->snapend);
	print_v3_max_resp(pr, mrc);
	NP_GET_BE32(group, p + 4, pr->snapend);
	if (group == 0)
		return;
	print_addr(pr, " [gaddr ", p + 4);
	NP_GET_BE16(nsrcs, p + 10, pr->snapend);
	if (nsrcs > 0) {
		if (len < 12 + ((uint32_t)nsrcs << 2)) {
			out_str(pr->out, " [invalid number of sources]");
		} else if (pr->o.vflag > 1) {
			out_str(pr->out, " {");
			for (uint32_t i = 0; i < nsrcs; i++)
				if (!print_addr(pr, " ", p + 12 + (i << 2)))
					goto trunc;
			out_str(pr->out, " }");
		} else {
			out_fmt(pr->out, ", %u source(s)", nsrcs);
		}
	}
	out_char(pr->out, ']');
	return;
trunc:
	print_trunc_stop(pr);
}

/* v1/v2 query (shorter than 12 bytes). */
static void print_v12_query(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t max_resp;
	uint32_t group;
	NP_GET_U8(max_resp, p + 1, pr->snapend);
	if (max_resp) {
		out_str(pr->out, " v2");
		if (max_resp != 100)
			out_fmt(pr->out, " [max resp time %u]", max_resp);
	} else {
		out_str(pr->out, " v1");
	}
	NP_GET_BE32(group, p + 4, pr->snapend);
	if (group) {
		print_addr(pr, " [gaddr ", p + 4);
		out_char(pr->out, ']');
	}
	if (len != 8)
		out_fmt(pr->out, " [len %u]", len);
	return;
trunc:
	print_trunc_stop(pr);
}

/* "igmp v2 report 224.0.0.1" and friends; false when the group is cut. */
static bool print_group_msg(np_printer *pr, const char *what, const uint8_t *p)
{
	if (!np_has(p + 4, pr->snapend, 4))
		return false;
	out_str(pr->out, what);
	out_ipv4(pr->out, p + 4);
	return true;
}

static void print_igmp_body(np_printer *pr, uint8_t type, const uint8_t *p, uint32_t len)
{
	switch (type) {
	case IGMP_QUERY:
		out_str(pr->out, "igmp query");
		if (len >= 12)
			print_v3_query(pr, p, len);
		else
			print_v12_query(pr, p, len);
		return;
	case IGMP_V1_REPORT:
		if (!print_group_msg(pr, "igmp v1 report ", p))
			break;
		if (len != 8)
			out_fmt(pr->out, " [len %u]", len);
		return;
	case IGMP_V2_REPORT:
		if (!print_group_msg(pr, "igmp v2 report ", p))
			break;
		return;
	case IGMP_V3_REPORT:
		out_str(pr->out, "igmp v3 report");
		print_v3_report(pr, p, len);
		return;
	case IGMP_LEAVE:
		if (!print_group_msg(pr, "igmp leave ", p))
			break;
		return;
	case IGMP_DVMRP:
		out_str(pr->out, "igmp dvmrp");
		if (len < 8)
			out_fmt(pr->out, " [len %u]", len);
		else
			print_dvmrp(pr, p, len);
		return;
	case IGMP_PIMV1:
		out_str(pr->out, "igmp pimv1");
		print_pimv1(pr, p, len);
		return;
	case IGMP_MTRACE_RESP: print_mtrace(pr, "mresp", p, len); return;
	case IGMP_MTRACE: print_mtrace(pr, "mtrace", p, len); return;
	default: out_fmt(pr->out, "igmp-%u", type); return;
	}
	print_trunc_stop(pr);
}

void print_igmp(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t type;
	pr->protocol = "igmp";
	if (pr->o.qflag) {
		out_str(pr->out, "igmp");
		return;
	}
	NP_GET_U8(type, p, pr->snapend);
	print_igmp_body(pr, type, p, len);
	if (pr->stopped)
		return;
	if (pr->o.vflag && len >= 4 && np_has(p, pr->snapend, len) && np_in_cksum(p, len, 0) != 0) {
		uint16_t sum = 0;
		np_get_be16(p + 2, pr->snapend, &sum);
		out_fmt(pr->out, " bad igmp cksum %x!", sum);
	}
	return;
trunc:
	print_trunc_stop(pr);
}
