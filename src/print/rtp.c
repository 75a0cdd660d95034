/*
 * rtp.c - the audio/video conferencing payloads tcpdump 4.99's
 * print-udp.c recognises: LBL vat/vt (UDP to 3456, or -T vat), RTP v1
 * and v2 (-T rtp: payload type, marker, sequence, timestamp, with -v the
 * SSRC) and RTCP (-T rtcp: sender and receiver reports with their
 * report blocks, SDES, BYE, others by type).
 *
 * Not for: RTP payloads, RTCP SDES items, BYE reasons, APP data.
 */
#include "print.h"

void print_vat(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t ts;
	uint32_t i0, i1;
	pr->protocol = "vat";
	if (length < 2) {
		out_fmt(o, "udp/va/vat, length %u < 2", length);
		return;
	}
	NP_GET_BE16(ts, p, pr->snapend);
	if (ts & 0xf060) { /* probably vt */
		out_fmt(o, "udp/vt %u %u / %u", length, ts & 0x3ff, ts >> 10);
		return;
	}
	if (length < 8) {
		out_fmt(o, "udp/vat, length %u < 8", length);
		return;
	}
	NP_GET_BE32(i0, p, pr->snapend);
	NP_GET_BE32(i1, p + 4, pr->snapend);
	out_fmt(o, "udp/vat %u c%u %u%s", length - 8, i0 & 0xffff, i1, i0 & 0x800000 ? "*" : "");
	if (i0 & 0x1f0000)
		out_fmt(o, " f%u", (i0 >> 16) & 0x1f);
	if (i0 & 0x3f000000)
		out_fmt(o, " s%u", (i0 >> 24) & 0x3f);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_rtp(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t i0, i1, i2, dlen, words, contype;
	bool hasopt = false, hasext = false, hasmarker;
	const uint8_t *ip = p + 8;
	const char *ptype;
	pr->protocol = "rtp";
	if (len < 8) {
		out_fmt(o, "udp/rtp, length %u < 8", len);
		return;
	}
	NP_GET_BE32(i0, p, pr->snapend);
	NP_GET_BE32(i1, p + 4, pr->snapend);
	dlen = len - 8;
	words = (len >> 2) - 2;
	if (i0 >> 30 == 1) { /* v1, draft-ietf-avt-rtp-04 */
		hasopt = i0 & 0x800000;
		contype = (i0 >> 16) & 0x3f;
		hasmarker = i0 & 0x400000;
		ptype = "rtpv1";
	} else { /* v2, RFC 3550 */
		if (dlen < 4) {
			out_fmt(o, "udp/rtp, length %u < 12", dlen + 8);
			return;
		}
		hasext = i0 & 0x10000000;
		contype = (i0 >> 16) & 0x7f;
		hasmarker = i0 & 0x800000;
		dlen -= 4;
		ptype = "rtp";
		ip += 4;
		words -= 1;
	}
	out_fmt(o, "udp/%s %u c%u %s%s %u %u", ptype, dlen, contype, (hasopt || hasext) ? "+" : "",
		hasmarker ? "*" : "", i0 & 0xffff, i1);
	if (!pr->o.vflag)
		return;
	NP_GET_BE32(i2, p + 8, pr->snapend);
	out_fmt(o, " %u", i2);
	if (hasopt) {
		do {
			NP_GET_BE32(i2, ip, pr->snapend);
			uint32_t optlen = (i2 >> 16) & 0xff;
			if (optlen == 0 || optlen > words) {
				out_str(o, " !opt");
				return;
			}
			ip += 4 * optlen;
			words -= optlen;
		} while (!(i2 & 0x80000000u));
	}
	if (hasext) {
		NP_GET_BE32(i2, ip, pr->snapend);
		uint32_t extlen = (i2 & 0xffff) + 1;
		if (extlen > words) {
			out_str(o, " !ext");
			return;
		}
		ip += 4 * extlen;
	}
	if (contype == 0x1f) { /* H.261 */
		NP_GET_BE32(i2, ip, pr->snapend);
		out_fmt(o, " 0x%04x", i2 >> 16);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

#define RTCP_HDRLEN 8
#define RTCP_SR_LEN 20
#define RTCP_RR_LEN 24

/* One RTCP packet at p; where the next starts, or NULL when the capture
 * ended inside this one (the truncation note is printed). */
static const uint8_t *rtcp_one(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	const uint8_t *rr = NULL;
	NP_CHECK(p, pr->snapend, RTCP_HDRLEN);
	uint32_t len = ((uint32_t)np_load_be16(p + 2) + 1) * 4;
	uint16_t flags = np_load_be16(p);
	uint32_t ssrc = np_load_be32(p + 4);
	uint32_t cnt = (flags >> 8) & 0x1f;
	switch (flags & 0xff) {
	case 200:
		out_str(o, " sr");
		if (len != cnt * RTCP_RR_LEN + RTCP_SR_LEN + RTCP_HDRLEN)
			out_fmt(o, " [%u]", len);
		if (pr->o.vflag)
			out_fmt(o, " %u", ssrc);
		NP_CHECK(p + RTCP_HDRLEN, pr->snapend, RTCP_SR_LEN);
		{
			const uint8_t *sr = p + RTCP_HDRLEN;
			double ts = (double)np_load_be32(sr) + (double)np_load_be32(sr + 4) / 4294967296.0;
			out_fmt(o, " @%.2f %u %up %ub", ts, np_load_be32(sr + 8), np_load_be32(sr + 12),
				np_load_be32(sr + 16));
			rr = sr + RTCP_SR_LEN;
		}
		break;
	case 201:
		out_str(o, " rr");
		if (len != cnt * RTCP_RR_LEN + RTCP_HDRLEN)
			out_fmt(o, " [%u]", len);
		rr = p + RTCP_HDRLEN;
		if (pr->o.vflag)
			out_fmt(o, " %u", ssrc);
		break;
	case 202:
	case 203:
		out_fmt(o, " %s %u", (flags & 0xff) == 202 ? "sdes" : "bye", len);
		if (pr->o.vflag)
			out_fmt(o, " %u", ssrc);
		cnt = 0;
		break;
	default:
		out_fmt(o, " type-0x%x %u", flags & 0xff, len);
		cnt = 0;
		break;
	}
	if (cnt > 1)
		out_fmt(o, " c%u", cnt);
	/* tcpdump prints the first report block cnt times (it never steps on) */
	for (; cnt != 0; cnt--) {
		NP_CHECK(rr, pr->snapend, RTCP_RR_LEN);
		if (pr->o.vflag)
			out_fmt(o, " %u", np_load_be32(rr));
		double ts = (double)np_load_be32(rr + 16) / 65536., dts = (double)np_load_be32(rr + 20) / 65536.;
		out_fmt(o, " %ul %us %uj @%.2f+%.2f", np_load_be32(rr + 4) & 0x00ffffff, np_load_be32(rr + 8),
			np_load_be32(rr + 12), ts, dts);
	}
	return p + len;
trunc:
	print_trunc(pr);
	return NULL;
}

void print_rtcp(np_printer *pr, const uint8_t *p)
{
	pr->protocol = "rtcp";
	/* tcpdump walks the packets to the end of the capture, not the datagram */
	while (p && p < pr->snapend)
		p = rtcp_one(pr, p);
}
