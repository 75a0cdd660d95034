/*
 * decnet.c - DECnet Phase IV (ethertype 0x6003) as tcpdump's decnet_print
 * writes it with -n: the routing layer (short and long data headers, the
 * routing control messages: init, verification, test, level 1/2 routing,
 * router and endnode hellos) and the NSP messages inside data packets
 * (data, interrupt, link service, acknowledgements, connect and disconnect).
 *
 * Not for: DECnet session control or the payloads NSP carries (tcpdump
 * prints neither), nor node names (we print area.node numbers only).
 */
#include "print.h"

#define SHORTHDR_LEN 6
#define LONGHDR_LEN 21

/* routing flags */
#define RMF_MASK 07
#define RMF_SHORT 02
#define RMF_LONG 06
#define RMF_RQR 010
#define RMF_RTS 020
#define RMF_IE 040
#define RMF_FVER 0100
#define RMF_PAD 0200
#define RMF_PADMASK 0177
#define RMF_CTLMASK 017
#define RMF_CTLMSG 01

/* NSP sequence/ack fields */
#define SGQ_ACK 0x8000
#define SGQ_NAK 0x9000
#define SGQ_OACK 0xa000
#define SGQ_ONAK 0xb000
#define SGQ_MASK 0x0fff

static const np_tok reason_names[] = {
	{0, "object rejected connect"},
	{1, "insufficient resources"},
	{2, "unrecognized node name"},
	{3, "node is shutting down"},
	{4, "unrecognized object"},
	{5, "invalid object name format"},
	{6, "object too busy"},
	{7, "protocol error discovered"},
	{8, "third party abort"},
	{9, "user abort"},
	{10, "invalid node name format"},
	{11, "local node shutting down"},
	{32, "insufficient local resources"},
	{33, "insufficient remote user resources"},
	{34, "invalid access control information"},
	{36, "bad ACCOUNT information"},
	{38, "no response from object"},
	{39, "node unreachable"},
	{41, "no link terminate"},
	{42, "disconnect complete"},
	{43, "bad image data in connect"},
	{54, "cryptographic service mismatch"},
	{0, NULL},
};

/* A DECnet address as "area.node". */
static void print_dnaddr(np_printer *pr, uint16_t a)
{
	out_fmt(pr->out, "%u.%u", (unsigned)(a >> 10), (unsigned)(a & 01777));
}

/* Node type and flags of an init message (tcpdump's print_t_info) or a
 * hello (print_i_info: one more flag). */
static void print_node_info(np_printer *pr, uint8_t info, bool hello)
{
	static const char *const types[] = {"reserved-ntype? ", "l2rout ", "l1rout ", "endnode "};
	out_str(pr->out, types[info & 3]);
	if (info & 04)
		out_str(pr->out, "verif ");
	if (hello && (info & 040))
		out_str(pr->out, "nomcast ");
	if (info & (hello ? 0100 : 010))
		out_str(pr->out, "blo ");
}

/* The entries of a level 1 (what "ids") or level 2 ("areas") routing
 * message; the last 16 bits are a checksum. */
static void print_routes(np_printer *pr, const uint8_t *p, uint32_t len, const char *what)
{
	while (len > 6) {
		if (!np_has(p, pr->snapend, 6)) {
			print_trunc_stop(pr);
			return;
		}
		uint32_t count = (uint32_t)p[0] | (uint32_t)p[1] << 8;
		if (count > 1024)
			return;
		uint32_t id = (uint32_t)p[2] | (uint32_t)p[3] << 8;
		uint32_t info = (uint32_t)p[4] | (uint32_t)p[5] << 8;
		out_fmt(pr->out, "{%s %u-%u cost %u hops %u} ", what, id, id + count, info & 0777, (info >> 10) & 037);
		p += 6;
		len -= 6;
	}
}

/* The fields router and endnode hellos share (p: the message, its first
 * 13 bytes checked): node type, versions, source id and block size. */
static void print_hello_head(np_printer *pr, const uint8_t *p)
{
	print_node_info(pr, p[10], true);
	out_fmt(pr->out, "vers %u eco %u ueco %u src ", p[1], p[2], p[3]);
	print_dnaddr(pr, (uint16_t)(p[8] | p[9] << 8));
	out_fmt(pr->out, " blksize %u", (unsigned)(p[11] | p[12] << 8));
}

/* A routing control message at p (its flags byte first); false when it
 * is too short (the caller prints " (invalid)"). */
static bool print_ctlmsg(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t src, blksize, hello;
	uint8_t flags, info, vers, eco, ueco, other;
	NP_GET_U8(flags, p, end);
	switch (flags & RMF_CTLMASK) {
	case 01:
		out_str(o, "init ");
		if (length < 12)
			return false;
		NP_CHECK(p, end, 12);
		NP_GET_LE16(src, p + 1, end);
		NP_GET_U8(info, p + 3, end);
		NP_GET_LE16(blksize, p + 4, end);
		NP_GET_U8(vers, p + 6, end);
		NP_GET_U8(eco, p + 7, end);
		NP_GET_U8(ueco, p + 8, end);
		NP_GET_LE16(hello, p + 9, end);
		print_node_info(pr, info, false);
		out_str(o, "src ");
		print_dnaddr(pr, src);
		out_fmt(o, "blksize %u vers %u eco %u ueco %u hello %u", blksize, vers, eco, ueco, hello);
		break;
	case 03:
	case 05:
		out_str(o, (flags & RMF_CTLMASK) == 03 ? "verification " : "test ");
		if (length < 4)
			return false;
		NP_GET_LE16(src, p + 1, end);
		NP_GET_U8(other, p + 3, end);
		out_str(o, "src ");
		print_dnaddr(pr, src);
		out_fmt(o, (flags & RMF_CTLMASK) == 03 ? " fcnval %o" : " data %o", other);
		break;
	case 07:
	case 011:
		out_str(o, (flags & RMF_CTLMASK) == 07 ? "lev-1-routing " : "lev-2-routing ");
		if (length < 4)
			return false;
		NP_CHECK(p, end, 4);
		NP_GET_LE16(src, p + 1, end);
		out_str(o, "src ");
		print_dnaddr(pr, src);
		out_str(o, " ");
		print_routes(pr, p + 4, length - 4, (flags & RMF_CTLMASK) == 07 ? "ids" : "areas");
		break;
	case 013:
		out_str(o, "router-hello ");
		if (length < 18)
			return false;
		NP_CHECK(p, end, 18);
		print_hello_head(pr, p);
		out_fmt(o, " pri %u hello %u", p[13], (unsigned)(p[15] | p[16] << 8));
		break;
	case 015:
		out_str(o, "endnode-hello ");
		if (length < 32)
			return false;
		NP_CHECK(p, end, 32);
		print_hello_head(pr, p);
		out_str(o, " rtr ");
		print_dnaddr(pr, (uint16_t)(p[26] | p[27] << 8));
		out_fmt(o, " hello %u data %o", (unsigned)(p[28] | p[29] << 8), p[31]);
		break;
	default:
		out_str(o, "unknown control message");
		print_default(pr, p, length < print_caplen_from(pr, p) ? length : print_caplen_from(pr, p));
		break;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return true;
}

/* The ack fields at p (up to three 16-bit words), as far as nsplen allows
 * when `checked` (data and interrupt segments) or as captured otherwise;
 * `other` names the second field ("oack" or "ackdat"). with_seg: print the
 * sequence number that follows. Returns 0 invalid, -1 truncated, 1 done. */
static int print_acks(np_printer *pr, const uint8_t *nsp, uint32_t nsplen, bool checked, const char *other,
		      bool with_seg)
{
	np_out *o = pr->out;
	uint32_t off = 5;
	uint16_t ack;
	if (!np_get_le16(nsp + off, pr->snapend, &ack))
		return -1;
	if (ack & SGQ_ACK) {
		out_fmt(o, "%s %u ", (ack & SGQ_NAK) == SGQ_NAK ? "nak" : "ack", ack & SGQ_MASK);
		off += 2;
		if (checked && nsplen < off + 2)
			return 0;
		if (!np_get_le16(nsp + off, pr->snapend, &ack))
			return -1;
		if (ack & SGQ_OACK) {
			bool nak = (ack & SGQ_ONAK) == SGQ_ONAK;
			if (other[0] == 'o')
				out_fmt(o, "%s %u ", nak ? "onak" : "oack", ack & SGQ_MASK);
			else
				out_fmt(o, "%s %u ", nak ? "nakdat" : "ackdat", ack & SGQ_MASK);
			if (!with_seg)
				return 1;
			off += 2;
			if (checked && nsplen < off + 2)
				return 0;
			if (!np_get_le16(nsp + off, pr->snapend, &ack))
				return -1;
		}
	}
	if (with_seg)
		out_fmt(o, "seg %u ", ack & SGQ_MASK);
	return 1;
}

/* Services and version of a connect message. */
static void print_conn(np_printer *pr, uint8_t services, uint8_t info, uint16_t segsize)
{
	static const char *const vers[] = {"ver 3.2 ", "ver 3.1 ", "ver 4.0 ", "ver 4.1 "};
	if ((services & 014) == 04)
		out_str(pr->out, "seg ");
	else if ((services & 014) == 010)
		out_str(pr->out, "msg ");
	out_str(pr->out, vers[info & 3]);
	out_fmt(pr->out, "segsize %u ", segsize);
}

/* An NSP message; false when invalid. */
static bool print_nsp(np_printer *pr, const uint8_t *p, uint32_t nsplen)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t flags, services, info, optlen, lsflags, fcval;
	uint16_t dst, src, segsize, reason;
	int r = 1;
	if (nsplen < 5) {
		out_fmt(o, " (nsplen %u < 5)", nsplen);
		return false;
	}
	NP_GET_U8(flags, p, end);
	NP_GET_LE16(dst, p + 1, end);
	NP_GET_LE16(src, p + 3, end);
	uint8_t sub = flags & 0160;
	switch (flags & 014) {
	case 0:
		switch (sub) {
		case 040:
		case 0:
		case 0100:
		case 0140:
			out_fmt(o, "data %u>%u ", src, dst);
			if (nsplen < 7)
				return false;
			r = print_acks(pr, p, nsplen, true, "oack", true);
			break;
		case 060:
			out_str(o, "intr ");
			if (nsplen < 7)
				return false;
			r = print_acks(pr, p, nsplen, true, "ackdat", true);
			break;
		case 020:
			out_fmt(o, "link-service %u>%u ", src, dst);
			if (nsplen < 13)
				return false;
			r = print_acks(pr, p, nsplen, false, "ackdat", true);
			if (r <= 0)
				break;
			NP_GET_U8(lsflags, p + 11, end);
			NP_GET_U8(fcval, p + 12, end);
			switch (lsflags & 014) {
			case 0:
				out_fmt(o, "dat seg count %u ", fcval);
				switch (lsflags & 3) {
				case 0: break;
				case 1: out_str(o, "donotsend-data "); break;
				case 2: out_str(o, "send-data "); break;
				default: out_fmt(o, "reserved-fcmod? %x", lsflags); break;
				}
				break;
			case 4: out_fmt(o, "intr req count %u ", fcval); break;
			default: out_fmt(o, "reserved-fcval-int? %x", lsflags); break;
			}
			break;
		default: out_fmt(o, "reserved-subtype? %x %u > %u", flags, src, dst); break;
		}
		break;
	case 04:
		switch (sub) {
		case 0:
		case 020:
			out_fmt(o, "%s %u>%u ", sub == 0 ? "data-ack" : "ils-ack", src, dst);
			if (nsplen < 9)
				return false;
			NP_CHECK(p, end, 9);
			r = print_acks(pr, p, nsplen, false, sub == 0 ? "oack" : "ackdat", false);
			break;
		case 040: out_fmt(o, "conn-ack %u", dst); break;
		default: out_fmt(o, "reserved-acktype? %x %u > %u", flags, src, dst); break;
		}
		break;
	case 010:
		switch (sub) {
		case 020:
		case 0140:
		case 040:
			if (sub == 040)
				out_str(o, "conn-confirm ");
			else
				out_str(o, sub == 020 ? "conn-initiate " : "retrans-conn-initiate ");
			out_fmt(o, "%u>%u ", src, dst);
			if (nsplen < (sub == 040 ? 10u : 9u))
				return false;
			NP_GET_U8(services, p + 5, end);
			NP_GET_U8(info, p + 6, end);
			NP_GET_LE16(segsize, p + 7, end);
			if (sub == 040) {
				NP_GET_U8(optlen, p + 9, end);
				print_conn(pr, services, info, segsize);
				if (optlen)
					out_fmt(o, "optlen %u ", optlen);
			} else {
				print_conn(pr, services, info, segsize);
			}
			break;
		case 060:
			out_fmt(o, "disconn-initiate %u>%u ", src, dst);
			if (nsplen < 8)
				return false;
			NP_GET_LE16(reason, p + 5, end);
			NP_GET_U8(optlen, p + 7, end);
			out_fmt(o, "%s ", tok2str(reason_names, "reason-%u", reason));
			if (optlen)
				out_fmt(o, "optlen %u ", optlen);
			break;
		case 0100:
			out_fmt(o, "disconn-confirm %u>%u ", src, dst);
			NP_GET_LE16(reason, p + 5, end);
			out_fmt(o, "%s ", tok2str(reason_names, "reason-%u", reason));
			break;
		default: out_fmt(o, "reserved-ctltype? %x %u > %u", flags, src, dst); break;
		}
		break;
	default: out_fmt(o, "reserved-type? %x %u > %u", flags, src, dst); break;
	}
	if (r < 0)
		goto trunc;
	return r != 0;
trunc:
	print_trunc_stop(pr);
	return true;
}

void print_decnet(np_printer *pr, const uint8_t *ap, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t pktlen, dst, src;
	uint8_t mflags, b;
	uint32_t hops;
	pr->protocol = "decnet";
	if (length < SHORTHDR_LEN) {
		out_fmt(o, " (length %u < %u)", length, SHORTHDR_LEN);
		goto invalid;
	}
	NP_GET_LE16(pktlen, ap, end);
	if (pktlen < SHORTHDR_LEN) {
		out_fmt(o, " (pktlen %u < %u)", pktlen, SHORTHDR_LEN);
		goto invalid;
	}
	if (pktlen > length) {
		out_fmt(o, " (pktlen %u > %u)", pktlen, length);
		goto invalid;
	}
	length = pktlen;
	NP_GET_U8(mflags, ap + 2, end);
	if (mflags & RMF_PAD) {
		uint32_t padlen = mflags & RMF_PADMASK;
		if (pr->o.vflag)
			out_fmt(o, "[pad:%u] ", padlen);
		if (length < padlen + 2) {
			out_fmt(o, " (length %u < %u)", length, padlen + 2);
			goto invalid;
		}
		NP_CHECK(ap + 2, end, padlen);
		ap += padlen;
		length -= padlen;
		NP_GET_U8(mflags, ap + 2, end);
	}
	const uint8_t *rh = ap + 2;
	uint32_t caplen = print_caplen_from(pr, ap);
	if (mflags & RMF_FVER) {
		out_str(o, "future-version-decnet");
		print_default(pr, ap, length < caplen ? length : caplen);
		return;
	}
	if (mflags & RMF_CTLMSG) {
		if (!print_ctlmsg(pr, rh, length))
			goto invalid;
		return;
	}
	const uint8_t *nsp;
	uint32_t nsplen;
	switch (mflags & RMF_MASK) {
	case RMF_LONG:
		if (length < LONGHDR_LEN) {
			out_fmt(o, " (length %u < %u)", length, LONGHDR_LEN);
			goto invalid;
		}
		NP_CHECK(rh, end, LONGHDR_LEN);
		NP_GET_LE16(dst, rh + 7, end);
		NP_GET_LE16(src, rh + 15, end);
		NP_GET_U8(b, rh + 18, end);
		hops = b;
		nsp = rh + LONGHDR_LEN;
		nsplen = length - LONGHDR_LEN;
		break;
	case RMF_SHORT:
		NP_GET_LE16(dst, rh + 1, end);
		NP_GET_LE16(src, rh + 3, end);
		NP_GET_U8(b, rh + 5, end);
		hops = (b & 077u) + 1;
		nsp = rh + SHORTHDR_LEN;
		nsplen = length - SHORTHDR_LEN;
		break;
	default:
		out_str(o, "unknown message flags under mask");
		print_default(pr, ap, length < caplen ? length : caplen);
		return;
	}
	print_dnaddr(pr, src);
	out_str(o, " > ");
	print_dnaddr(pr, dst);
	out_fmt(o, " %u ", pktlen);
	if (pr->o.vflag) {
		if (mflags & RMF_RQR)
			out_str(o, "RQR ");
		if (mflags & RMF_RTS)
			out_str(o, "RTS ");
		if (mflags & RMF_IE)
			out_str(o, "IE ");
		out_fmt(o, "%u hops ", hops);
	}
	if (!print_nsp(pr, nsp, nsplen))
		goto invalid;
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
