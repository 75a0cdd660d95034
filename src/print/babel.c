/*
 * babel.c - the Babel routing protocol (RFC 6126, RFC 8966 drafts, RFC
 * 7298 HMAC, RFC 7557 sub-TLVs, source-specific routing) as tcpdump 4.99's
 * print-babel.c writes it: "babel 2 (N)" and the TLV names, with -v one
 * line per TLV with its prefixes, metrics, intervals and sub-TLVs. Reached
 * from UDP ports 6696 and 6697.
 *
 * Not for: checking HMACs or MACs (their digests are printed or counted).
 */
#include <string.h>

#include "print.h"

enum {
	TLV_PAD1 = 0,
	TLV_PADN = 1,
	TLV_ACK_REQ = 2,
	TLV_ACK = 3,
	TLV_HELLO = 4,
	TLV_IHU = 5,
	TLV_ROUTER_ID = 6,
	TLV_NH = 7,
	TLV_UPDATE = 8,
	TLV_ROUTE_REQUEST = 9,
	TLV_SEQNO_REQUEST = 10,
	TLV_TSPC = 11,
	TLV_HMAC = 12,
	TLV_SS_UPDATE = 13,
	TLV_SS_REQUEST = 14,
	TLV_SS_MH_REQUEST = 15,
	TLV_MAC = 16,
	TLV_PC = 17,
	TLV_CHALLENGE_REQUEST = 18,
	TLV_CHALLENGE_REPLY = 19,
};

enum { SUB_PAD1 = 0, SUB_PADN = 1, SUB_DIVERSITY = 2, SUB_TIMESTAMP = 3 };

#define SUB_MANDATORY 0x80
#define HELLO_UNICAST 0x8000

/* A TLV's status: printed, or the whole message is invalid. */
enum { TLV_OK = 0, TLV_INVALID = -2 };

static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* An 8-byte router id as colon-separated hex. */
static void print_babel_id(np_printer *pr, const uint8_t *id)
{
	for (int i = 0; i < 8; i++)
		out_fmt(pr->out, i ? ":%02x" : "%02x", id[i]);
}

static void print_babel_address(np_printer *pr, const uint8_t a[16])
{
	if (memcmp(a, v4mapped, 12) == 0)
		out_ipv4(pr->out, a + 12);
	else
		out_ipv6(pr->out, a);
}

static void print_babel_prefix(np_printer *pr, const uint8_t a[16], uint8_t plen)
{
	if (plen >= 96 && memcmp(a, v4mapped, 12) == 0) {
		out_ipv4(pr->out, a + 12);
		out_fmt(pr->out, "/%u", plen - 96);
	} else {
		out_ipv6(pr->out, a);
		out_fmt(pr->out, "/%u", plen);
	}
}

static void print_babel_interval(np_printer *pr, uint16_t i)
{
	if (i == 0)
		out_str(pr->out, "0.0s (bogus)");
	else
		out_fmt(pr->out, "%u.%02us", i / 100, i % 100);
}

static void print_babel_update_interval(np_printer *pr, uint16_t i)
{
	if (i == 0xffff)
		out_str(pr->out, "infinity");
	else
		print_babel_interval(pr, i);
}

static void print_babel_timestamp(np_printer *pr, uint32_t t)
{
	out_fmt(pr->out, "%u.%06us", t / 1000000, t % 1000000);
}

/*
 * A prefix of address encoding ae and plen bits (plen < 0: a whole
 * address) whose first `omitted` bytes come from dp, the rest from [p,
 * end): the bytes taken from p, or -1 when the encoding is bad.
 */
static int babel_prefix(int ae, int plen, unsigned omitted, const uint8_t *p, const uint8_t *end, const uint8_t *dp,
			uint8_t out[16])
{
	unsigned pb = plen >= 0 ? ((unsigned)plen + 7) / 8 : ae == 1 ? 4 : 16;
	uint8_t prefix[16];
	int consumed = 0;
	if (pb > 16)
		return -1;
	memset(prefix, 0, sizeof(prefix));
	switch (ae) {
	case 0: break;
	case 1:
		if (omitted > 4 || pb > 4 || (pb > omitted && !np_has(p, end, pb - omitted)))
			return -1;
		memcpy(prefix, v4mapped, 12);
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(prefix, dp, 12 + omitted);
		}
		if (pb > omitted) {
			memcpy(prefix + 12 + omitted, p, pb - omitted);
			consumed = (int)(pb - omitted);
		}
		break;
	case 2:
		if (omitted > 16 || (pb > omitted && !np_has(p, end, pb - omitted)))
			return -1;
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(prefix, dp, omitted);
		}
		if (pb > omitted) {
			memcpy(prefix + omitted, p, pb - omitted);
			consumed = (int)(pb - omitted);
		}
		break;
	case 3:
		if (pb > 8 && !np_has(p, end, pb - 8))
			return -1;
		prefix[0] = 0xfe;
		prefix[1] = 0x80;
		if (pb > 8) {
			memcpy(prefix + 8, p, pb - 8);
			consumed = (int)(pb - 8);
		}
		break;
	default: return -1;
	}
	memcpy(out, prefix, 16);
	return consumed;
}

/* The destination and source prefixes of the source-specific TLVs, at
 * [p, end): the bytes taken, or -1. plen and src_plen become the printed
 * lengths (IPv4 ones counted in the mapped IPv6 space, as tcpdump does). */
static int babel_ss_prefixes(uint8_t ae, uint8_t *plen, uint8_t *src_plen, unsigned omitted, const uint8_t *p,
			     const uint8_t *end, const uint8_t *dp, uint8_t prefix[16], uint8_t src[16])
{
	int rc = babel_prefix(ae, *plen, omitted, p, end, dp, prefix), rc2;
	if (rc < 0)
		return -1;
	rc2 = babel_prefix(ae, *src_plen, 0, p + rc, end, NULL, src);
	if (rc2 < 0)
		return -1;
	if (ae == 1) {
		*plen = (uint8_t)(*plen + 96);
		*src_plen = (uint8_t)(*src_plen + 96);
	}
	return rc + rc2;
}

/* "(dst/len, src/len" of the source-specific requests. */
static void print_babel_ss_pair(np_printer *pr, const uint8_t prefix[16], uint8_t plen, const uint8_t src[16],
				uint8_t src_plen)
{
	out_char(pr->out, '(');
	print_babel_prefix(pr, prefix, plen);
	out_str(pr->out, ", ");
	print_babel_prefix(pr, src, src_plen);
}

/* Sub-TLVs in [cp, ep) (all captured) of a TLV of type tlv. */
static void print_babel_subtlvs(np_printer *pr, const uint8_t *cp, const uint8_t *ep, uint8_t tlv)
{
	np_out *o = pr->out;
	while (cp < ep) {
		uint8_t type = *cp++, len;
		if (type == SUB_PAD1) {
			out_str(o, " sub-pad1");
			continue;
		}
		if (type & SUB_MANDATORY)
			out_str(o, " (M)");
		if (cp == ep)
			goto invalid;
		len = *cp++;
		if (!np_has(cp, ep, len))
			goto invalid;
		switch (type) {
		case SUB_PADN: out_str(o, " sub-padn"); break;
		case SUB_DIVERSITY:
			out_str(o, " sub-diversity");
			if (len == 0) {
				out_str(o, " empty");
				break;
			}
			for (uint8_t i = 0; i < len; i++) {
				out_char(o, i ? '-' : ' ');
				if (cp[i] == 0)
					out_str(o, "reserved");
				else if (cp[i] == 255)
					out_str(o, "all");
				else
					out_u32(o, cp[i]);
			}
			if (tlv != TLV_UPDATE && tlv != TLV_SS_UPDATE)
				out_str(o, " (bogus)");
			break;
		case SUB_TIMESTAMP:
			out_str(o, " sub-timestamp");
			if (tlv == TLV_HELLO) {
				if (len < 4)
					goto invalid;
				out_char(o, ' ');
				print_babel_timestamp(pr, np_load_be32(cp));
			} else if (tlv == TLV_IHU) {
				if (len < 8)
					goto invalid;
				out_char(o, ' ');
				print_babel_timestamp(pr, np_load_be32(cp));
				out_char(o, '|');
				print_babel_timestamp(pr, np_load_be32(cp + 4));
			} else {
				out_str(o, " (bogus)");
			}
			break;
		default: out_fmt(o, " sub-unknown-0x%02x", type); break;
		}
		cp += len;
	}
	return;
invalid:
	print_invalid(pr);
}

/* The -v text of one TLV: m is its type byte, all 2+len bytes captured.
 * state holds the last IPv4 and IPv6 prefixes for omitted bytes. */
static int print_babel_tlv_v(np_printer *pr, const uint8_t *m, uint8_t type, uint8_t len, uint8_t v4[16],
			     uint8_t v6[16])
{
	np_out *o = pr->out;
	const uint8_t *end = m + 2 + len;
	uint8_t prefix[16], src[16], ae, plen, src_plen;
	int rc, parsed;
	switch (type) {
	case TLV_PADN: out_fmt(o, "\n\tPad %u", len + 2); break;
	case TLV_ACK_REQ:
		out_str(o, "\n\tAcknowledgment Request ");
		if (len < 6)
			return TLV_INVALID;
		out_fmt(o, "%04x ", np_load_be16(m + 4));
		print_babel_interval(pr, np_load_be16(m + 6));
		break;
	case TLV_ACK:
		out_str(o, "\n\tAcknowledgment ");
		if (len < 2)
			return TLV_INVALID;
		out_fmt(o, "%04x", np_load_be16(m + 2));
		break;
	case TLV_HELLO:
		out_str(o, "\n\tHello ");
		if (len < 6)
			return TLV_INVALID;
		if (np_load_be16(m + 2) & HELLO_UNICAST)
			out_str(o, "(Unicast) ");
		out_fmt(o, "seqno %u ", np_load_be16(m + 4));
		if (np_load_be16(m + 6) != 0) {
			out_str(o, "interval ");
			print_babel_interval(pr, np_load_be16(m + 6));
		} else {
			out_str(o, "unscheduled");
		}
		if (len > 6)
			print_babel_subtlvs(pr, m + 8, end, type);
		break;
	case TLV_IHU:
		out_str(o, "\n\tIHU ");
		if (len < 6)
			return TLV_INVALID;
		ae = m[2];
		rc = babel_prefix(ae, -1, 0, m + 8, end, NULL, prefix);
		if (rc < 0) {
			print_trunc(pr);
			break;
		}
		if (ae == 0)
			out_str(o, "any");
		else
			print_babel_address(pr, prefix);
		out_fmt(o, " rxcost %u interval ", np_load_be16(m + 4));
		print_babel_interval(pr, np_load_be16(m + 6));
		if ((unsigned)rc < (unsigned)len - 6)
			print_babel_subtlvs(pr, m + 8 + rc, end, type);
		break;
	case TLV_ROUTER_ID:
		out_str(o, "\n\tRouter Id");
		if (len < 10)
			return TLV_INVALID;
		out_char(o, ' ');
		print_babel_id(pr, m + 4);
		break;
	case TLV_NH:
		out_str(o, "\n\tNext Hop");
		if (len < 2)
			return TLV_INVALID;
		ae = m[2];
		if (babel_prefix(ae, -1, 0, m + 4, end, NULL, prefix) < 0)
			return TLV_INVALID;
		out_char(o, ' ');
		if (ae == 0)
			out_str(o, "invalid AE 0");
		else
			print_babel_address(pr, prefix);
		break;
	case TLV_UPDATE:
		out_str(o, "\n\tUpdate");
		if (len < 10)
			return TLV_INVALID;
		ae = m[2];
		plen = (uint8_t)(m[4] + (ae == 1 ? 96 : 0));
		rc = babel_prefix(ae, m[4], m[5], m + 12, end, ae == 1 ? v4 : v6, prefix);
		if (rc < 0)
			return TLV_INVALID;
		out_fmt(o, "%s%s%s ", (m[3] & 0x80) ? "/prefix" : "", (m[3] & 0x40) ? "/id" : "",
			(m[3] & 0x3f) ? "/unknown" : "");
		if (ae == 0)
			out_str(o, "any");
		else
			print_babel_prefix(pr, prefix, plen);
		out_fmt(o, " metric %u seqno %u interval ", np_load_be16(m + 10), np_load_be16(m + 8));
		print_babel_update_interval(pr, np_load_be16(m + 6));
		if (m[3] & 0x80)
			memcpy(ae == 1 ? v4 : v6, prefix, 16);
		if ((unsigned)rc < (unsigned)len - 10)
			print_babel_subtlvs(pr, m + 12 + rc, end, type);
		break;
	case TLV_ROUTE_REQUEST:
		out_str(o, "\n\tRoute Request ");
		if (len < 2)
			return TLV_INVALID;
		ae = m[2];
		plen = (uint8_t)(m[3] + (ae == 1 ? 96 : 0));
		if (babel_prefix(ae, m[3], 0, m + 4, end, NULL, prefix) < 0)
			return TLV_INVALID;
		out_str(o, "for ");
		if (ae == 0)
			out_str(o, "any");
		else
			print_babel_prefix(pr, prefix, plen);
		break;
	case TLV_SEQNO_REQUEST:
		out_str(o, "\n\tSeqno Request ");
		if (len < 14)
			return TLV_INVALID;
		ae = m[2];
		if (babel_prefix(ae, m[3], 0, m + 16, end, NULL, prefix) < 0)
			return TLV_INVALID;
		plen = (uint8_t)(m[3] + (ae == 1 ? 96 : 0));
		out_fmt(o, "(%u hops) for ", m[6]);
		if (ae == 0)
			out_str(o, "invalid AE 0");
		else
			print_babel_prefix(pr, prefix, plen);
		out_fmt(o, " seqno %u id ", np_load_be16(m + 4));
		print_babel_id(pr, m + 8);
		break;
	case TLV_TSPC:
		out_str(o, "\n\tTS/PC ");
		if (len < 6)
			return TLV_INVALID;
		out_fmt(o, "timestamp %u packetcounter %u", np_load_be32(m + 4), np_load_be16(m + 2));
		break;
	case TLV_HMAC:
		out_str(o, "\n\tHMAC ");
		if (len < 18)
			return TLV_INVALID;
		out_fmt(o, "key-id %u digest-%u ", np_load_be16(m + 2), len - 2);
		for (unsigned j = 0; j < (unsigned)len - 2; j++)
			out_fmt(o, "%02X", m[j + 4]);
		break;
	case TLV_SS_UPDATE:
		out_str(o, "\n\tSS-Update");
		if (len < 10)
			return TLV_INVALID;
		ae = m[2];
		src_plen = m[3];
		plen = m[4];
		rc = babel_ss_prefixes(ae, &plen, &src_plen, m[5], m + 12, end, ae == 1 ? v4 : v6, prefix, src);
		if (rc < 0)
			return TLV_INVALID;
		parsed = 10 + rc;
		out_char(o, ' ');
		print_babel_prefix(pr, prefix, plen);
		out_str(o, " from ");
		print_babel_prefix(pr, src, src_plen);
		out_fmt(o, " metric %u seqno %u interval ", np_load_be16(m + 10), np_load_be16(m + 8));
		print_babel_update_interval(pr, np_load_be16(m + 6));
		if (parsed < len)
			print_babel_subtlvs(pr, m + 2 + parsed, end, type);
		break;
	case TLV_SS_REQUEST:
		out_str(o, "\n\tSS-Request ");
		if (len < 3)
			return TLV_INVALID;
		ae = m[2];
		plen = m[3];
		src_plen = m[4];
		if (babel_ss_prefixes(ae, &plen, &src_plen, 0, m + 5, end, NULL, prefix, src) < 0)
			return TLV_INVALID;
		if (ae == 0) {
			out_str(o, "for any");
		} else {
			out_str(o, "for ");
			print_babel_ss_pair(pr, prefix, plen, src, src_plen);
			out_char(o, ')');
		}
		break;
	case TLV_SS_MH_REQUEST:
		out_str(o, "\n\tSS-MH-Request ");
		if (len < 14)
			return TLV_INVALID;
		ae = m[2];
		plen = m[3];
		src_plen = m[7];
		if (babel_ss_prefixes(ae, &plen, &src_plen, 0, m + 16, end, NULL, prefix, src) < 0)
			return TLV_INVALID;
		out_fmt(o, "(%u hops) for ", m[6]);
		print_babel_ss_pair(pr, prefix, plen, src, src_plen);
		out_fmt(o, ") seqno %u id ", np_load_be16(m + 4));
		print_babel_id(pr, m + 8);
		break;
	case TLV_MAC: out_fmt(o, "\n\tMAC len %u", len); break;
	case TLV_PC:
		out_str(o, "\n\tPC");
		if (len < 4)
			return TLV_INVALID;
		out_fmt(o, " value %u index len %u", np_load_be32(m + 2), len - 4);
		break;
	case TLV_CHALLENGE_REQUEST:
	case TLV_CHALLENGE_REPLY:
		out_str(o, type == TLV_CHALLENGE_REQUEST ? "\n\tChallenge Request" : "\n\tChallenge Reply");
		if (len > 192)
			return TLV_INVALID;
		out_fmt(o, " len %u", len);
		break;
	default: out_fmt(o, "\n\tUnknown message type %u", type); break;
	}
	return TLV_OK;
}

static const np_tok babel_tlv_names[] = {
	{TLV_PADN, "padN"},
	{TLV_ACK_REQ, "ack-req"},
	{TLV_ACK, "ack"},
	{TLV_HELLO, "hello"},
	{TLV_IHU, "ihu"},
	{TLV_ROUTER_ID, "router-id"},
	{TLV_NH, "nh"},
	{TLV_UPDATE, "update"},
	{TLV_ROUTE_REQUEST, "route-request"},
	{TLV_SEQNO_REQUEST, "seqno-request"},
	{TLV_TSPC, "tspc"},
	{TLV_HMAC, "hmac"},
	{TLV_SS_UPDATE, "ss-update"},
	{TLV_SS_REQUEST, "ss-request"},
	{TLV_SS_MH_REQUEST, "ss-mh-request"},
	{TLV_MAC, "mac"},
	{TLV_PC, "pc"},
	{TLV_CHALLENGE_REQUEST, "challenge_request"},
	{TLV_CHALLENGE_REPLY, "challenge_reply"},
	{0, NULL},
};

/* The TLVs of [cp, cp+tlvs_length), of which `remaining` bytes are in the
 * packet: 0, -1 when the capture ended (after the mark), -2 invalid. */
static int print_babel_tlvs(np_printer *pr, const uint8_t *cp, uint32_t tlvs_length, uint32_t remaining)
{
	np_out *o = pr->out;
	uint8_t v4[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};
	uint8_t v6[16] = {0};
	uint32_t i = 0;
	while (i < tlvs_length) {
		const uint8_t *m = cp + i;
		uint8_t type, len;
		if (i + 1 > tlvs_length || i + 1 > remaining)
			return TLV_INVALID;
		NP_GET_U8(type, m, pr->snapend);
		if (type == TLV_PAD1) {
			out_str(o, pr->o.vflag ? "\n\tPad 1" : " pad1");
			i += 1;
			continue;
		}
		if (i + 2 > tlvs_length || i + 2 > remaining)
			return TLV_INVALID;
		NP_GET_U8(len, m + 1, pr->snapend);
		if (i + 2 + len > tlvs_length || i + 2 + len > remaining)
			return TLV_INVALID;
		if (!np_has(m, pr->snapend, 2u + len))
			return -1;
		if (pr->o.vflag) {
			if (print_babel_tlv_v(pr, m, type, len, v4, v6) != TLV_OK)
				return TLV_INVALID;
		} else {
			const char *name = tok_name(babel_tlv_names, type);
			out_char(o, ' ');
			out_str(o, name ? name : "unknown");
			if (type == TLV_UPDATE) {
				if (len < 10)
					return TLV_INVALID;
				out_fmt(o, "%s%s%s", (m[3] & 0x80) ? "/prefix" : "", (m[3] & 0x40) ? "/id" : "",
					(m[3] & 0x3f) ? "/unknown" : "");
			}
		}
		i += len + 2u;
	}
	return TLV_OK;
trunc:
	print_trunc_stop(pr);
	return -3;
}

void print_babel(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t bodylen;
	int ret;
	pr->protocol = "babel";
	out_str(o, "babel");
	if (!np_has(cp, pr->snapend, 4)) {
		print_trunc(pr);
		return;
	}
	if (cp[0] != 42) {
		out_str(o, " invalid header");
		return;
	}
	out_fmt(o, " %u", cp[1]);
	if (cp[1] != 2) {
		out_str(o, " unknown version");
		return;
	}
	if (length < 4)
		goto invalid;
	bodylen = np_load_be16(cp + 2);
	out_fmt(o, " (%u)", bodylen);
	length -= 4;
	cp += 4;
	if (length < bodylen)
		goto invalid;
	ret = print_babel_tlvs(pr, cp, bodylen, length);
	if (ret == -3)
		return;
	if (ret == -1)
		goto trunc;
	if (ret == TLV_INVALID)
		goto invalid;
	length -= bodylen;
	cp += bodylen;
	if (length != 0) {
		/* a trailer (RFC 8966 4.2): its TLVs too */
		out_str(o, pr->o.vflag ? "\n\t----" : " |");
		ret = print_babel_tlvs(pr, cp, length, length);
		if (ret == -3)
			return;
		if (ret == -1)
			goto trunc;
		if (ret == TLV_INVALID)
			goto invalid;
	}
	return;
trunc:
	print_trunc(pr);
	return;
invalid:
	print_invalid(pr);
}
