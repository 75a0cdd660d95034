/*
 * icmp6_ni.c - the less common ICMPv6 messages: node information queries
 * and replies (RFC 4620, with the KAME "who-are-you" and draft-03 forms
 * tcpdump still recognises), router renumbering (RFC 2894) and RPL
 * control messages (RFC 6550), printed as tcpdump 4.99.3 does.
 *
 * Not for: the common messages and the checksum (icmp6.c).
 */
#include "icmp6.h"

#define ICMP6_HDR_LEN 8u
#define NI_HDR_LEN 16u /* the header, then an 8-byte nonce */

enum {
	NI_QTYPE_NOOP = 0,
	NI_QTYPE_SUPTYPES = 1,
	NI_QTYPE_DNSNAME = 2,
	NI_QTYPE_NODEADDR = 3,
};

enum {
	NI_SUBJ_IPV6 = 0,
	NI_SUBJ_FQDN = 1,
	NI_SUBJ_IPV4 = 2,
};

enum {
	NI_SUCCESS = 0,
	NI_REFUSED = 1,
	NI_UNKNOWN = 2,
};

/* Node-address flags, in the order tcpdump prints their letters. */
static const struct {
	uint16_t bit;
	char letter;
} nodeaddr_flags[] = {
	{0x0040, 'a'}, {0x0020, 'G'}, {0x0010, 'S'}, {0x0008, 'L'}, {0x0004, 'C'}, {0x0002, 'A'}, {0x0001, 'T'},
};

/* " [aGSLCA(T)]": the truncate flag only means something in replies. */
static void print_nodeaddr_flags(np_printer *pr, uint16_t flags, bool reply)
{
	size_t n = sizeof(nodeaddr_flags) / sizeof(nodeaddr_flags[0]) - (reply ? 0 : 1);
	out_str(pr->out, " [");
	for (size_t i = 0; i < n; i++)
		if (flags & nodeaddr_flags[i].bit)
			out_char(pr->out, nodeaddr_flags[i].letter);
	out_char(pr->out, ']');
}

static void print_suptypes_flags(np_printer *pr, uint16_t flags)
{
	if (flags)
		out_str(pr->out, flags & 0x01 ? " [C]" : " []");
}

/* A name as length-prefixed labels up to end (no compression): tcpdump's
 * dnsname_print. */
static void print_ni_dnsname(np_printer *pr, const uint8_t *cp, const uint8_t *end)
{
	out_str(pr->out, ", \"");
	while (cp < end) {
		uint8_t i = *cp++;
		if (i == 0) {
			if (cp == end)
				out_char(pr->out, '.'); /* a fully qualified name */
			else if (!(cp + 1 == end && *cp == '\0'))
				out_str(pr->out, "???");
			break;
		}
		if (i > end - cp) {
			out_str(pr->out, "???");
			break;
		}
		for (; i > 0 && cp < end; i--, cp++)
			print_safe_char(pr, *cp);
		if (cp + 1 < end && *cp)
			out_char(pr->out, '.');
	}
	out_char(pr->out, '"');
}

/* The name in a query subject or DNS-name reply: the draft-03 Pascal
 * string when its length byte says so, else labels. */
static void print_ni_name(np_printer *pr, const uint8_t *cp, const uint8_t *end)
{
	uint8_t len = 0;
	NP_GET_U8(len, cp, pr->snapend);
	if (len != end - cp - 1) {
		print_ni_dnsname(pr, cp, end);
		return;
	}
	if (pr->o.vflag)
		out_str(pr->out, ", 03 draft");
	out_str(pr->out, ", \"");
	for (cp++; cp < end; cp++)
		print_safe_char(pr, *cp);
	out_char(pr->out, '"');
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_ni_subject(np_printer *pr, const uint8_t *p, uint8_t code, size_t siz)
{
	const uint8_t *cp = p + NI_HDR_LEN, *end = pr->snapend;
	switch (code) {
	case NI_SUBJ_IPV6:
	case NI_SUBJ_IPV4: {
		uint32_t alen = code == NI_SUBJ_IPV6 ? 16 : 4;
		if (!np_has(p, end, NI_HDR_LEN + alen))
			return;
		if (siz != NI_HDR_LEN + alen) {
			if (pr->o.vflag)
				out_str(pr->out, ", invalid subject len");
			return;
		}
		out_str(pr->out, ", subject=");
		if (code == NI_SUBJ_IPV6)
			out_ipv6(pr->out, cp);
		else
			out_ipv4(pr->out, cp);
		return;
	}
	case NI_SUBJ_FQDN:
		out_str(pr->out, ", subject=DNS name");
		print_ni_name(pr, cp, end);
		return;
	default: out_str(pr->out, ", unknown subject"); return;
	}
}

/* A query; false on tcpdump's local truncation note. */
static bool print_ni_query(np_printer *pr, const uint8_t *p, size_t siz)
{
	np_out *o = pr->out;
	uint16_t qtype = 0, flags = 0;
	if (siz == ICMP6_HDR_LEN + 4) {
		out_str(o, " who-are-you request"); /* KAME's */
		return true;
	}
	out_str(o, " node information query");
	if (!np_has(p, pr->snapend, NI_HDR_LEN))
		return false;
	np_get_be16(p + 4, pr->snapend, &qtype);
	np_get_be16(p + 6, pr->snapend, &flags);
	out_str(o, " (");
	switch (qtype) {
	case NI_QTYPE_NOOP: out_str(o, "noop"); break;
	case NI_QTYPE_SUPTYPES:
		out_str(o, "supported qtypes");
		print_suptypes_flags(pr, flags);
		break;
	case NI_QTYPE_DNSNAME: out_str(o, "DNS name"); break;
	case NI_QTYPE_NODEADDR:
		out_str(o, "node addresses");
		if (flags)
			print_nodeaddr_flags(pr, flags, false);
		break;
	default: out_str(o, "unknown"); break;
	}
	if (qtype == NI_QTYPE_NOOP || qtype == NI_QTYPE_SUPTYPES) {
		if (siz != NI_HDR_LEN && pr->o.vflag)
			out_str(o, ", invalid len");
	} else if (siz == NI_HDR_LEN) {
		out_str(o, ", 03 draft"); /* icmp-name-lookup-03 */
	} else {
		print_ni_subject(pr, p, p[1], siz);
		if (pr->stopped)
			return true;
	}
	out_char(o, ')');
	return true;
}

static void print_comma(np_printer *pr, bool needcomma)
{
	if (needcomma)
		out_str(pr->out, ", ");
}

static void print_ni_nodeaddrs(np_printer *pr, const uint8_t *p, size_t siz, uint16_t flags)
{
	out_str(pr->out, "node addresses");
	for (size_t i = NI_HDR_LEN; i + 4 + 16 <= siz; i += 4 + 16) {
		uint32_t ttl = 0;
		np_get_be32(p + i, pr->snapend, &ttl);
		out_char(pr->out, ' ');
		out_ipv6(pr->out, p + i + 4);
		out_fmt(pr->out, "(%u)", ttl);
	}
	if (flags)
		print_nodeaddr_flags(pr, flags, true);
}

static void print_ni_dnsname_reply(np_printer *pr, const uint8_t *p, uint16_t flags)
{
	uint32_t ttl = 0;
	out_str(pr->out, "DNS name");
	print_ni_name(pr, p + NI_HDR_LEN + 4, pr->snapend);
	if (pr->stopped || !(flags & 0x01))
		return;
	NP_GET_BE32(ttl, p + NI_HDR_LEN, pr->snapend);
	out_fmt(pr->out, " [TTL=%u]", ttl);
	return;
trunc:
	print_trunc_stop(pr);
}

/* A reply; false on tcpdump's local truncation note. */
static bool print_ni_reply(np_printer *pr, const uint8_t *p, uint32_t icmp6len, size_t siz)
{
	np_out *o = pr->out;
	uint16_t qtype = 0, flags = 0;
	bool needcomma = false;
	if (icmp6len > siz || !np_has(p, pr->snapend, NI_HDR_LEN))
		return false;
	uint8_t code = p[1];
	np_get_be16(p + 4, pr->snapend, &qtype);
	np_get_be16(p + 6, pr->snapend, &flags);
	out_str(o, " node information reply (");
	switch (code) {
	case NI_SUCCESS:
		if (pr->o.vflag) {
			out_str(o, "success");
			needcomma = true;
		}
		break;
	case NI_REFUSED:
	case NI_UNKNOWN:
		out_str(o, code == NI_REFUSED ? "refused" : "unknown");
		needcomma = true;
		if (siz != NI_HDR_LEN && pr->o.vflag)
			out_str(o, ", invalid length");
		break;
	}
	if (code != NI_SUCCESS) {
		out_char(o, ')');
		return true;
	}
	print_comma(pr, needcomma);
	switch (qtype) {
	case NI_QTYPE_NOOP:
		out_str(o, "noop");
		if (siz != NI_HDR_LEN && pr->o.vflag)
			out_str(o, ", invalid length");
		break;
	case NI_QTYPE_SUPTYPES:
		out_str(o, "supported qtypes");
		print_suptypes_flags(pr, flags);
		break;
	case NI_QTYPE_DNSNAME:
		print_ni_dnsname_reply(pr, p, flags);
		if (pr->stopped)
			return true;
		break;
	case NI_QTYPE_NODEADDR: print_ni_nodeaddrs(pr, p, siz, flags); break;
	default: out_str(o, "unknown"); break;
	}
	out_char(o, ')');
	return true;
}

void icmp6_nodeinfo(np_printer *pr, uint32_t length, const uint8_t *p)
{
	if (!np_has(p, pr->snapend, 0))
		return;
	size_t siz = (size_t)(pr->snapend - p);
	uint8_t type = 0;
	NP_GET_U8(type, p, pr->snapend);
	bool ok = type == 139 ? print_ni_query(pr, p, siz) : print_ni_reply(pr, p, length, siz);
	if (!ok)
		print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

/* ---- router renumbering ---- */

#define RR_HDR_LEN 16u
#define RR_MATCH_LEN 24u
#define RR_USE_LEN 32u

static const np_tok rr_code_values[] = {
	{0, ", command"},
	{1, ", result"},
	{255, ", sequence number reset"},
	{0, NULL},
};

static const np_tok rr_match_code_values[] = {
	{1, "add"},
	{2, "change"},
	{3, "setglobal"},
	{0, NULL},
};

/* "[TRASP,seg=N,maxdelay=N(rsvd=0x..)]" */
static void print_rr_flags(np_printer *pr, const uint8_t *p)
{
	static const np_tok letters[] = {{0x80, "T"}, {0x40, "R"}, {0x20, "A"}, {0x10, "S"}, {0x08, "P"}, {0, NULL}};
	uint8_t flags = p[9];
	uint16_t maxdelay = 0;
	uint32_t reserved = 0;
	np_get_be16(p + 10, pr->snapend, &maxdelay);
	np_get_be32(p + 12, pr->snapend, &reserved);
	out_char(pr->out, '[');
	if (flags) {
		print_bits(pr, letters, flags, "", "");
		out_char(pr->out, ',');
	}
	out_fmt(pr->out, "seg=%u,maxdelay=%u", p[8], maxdelay);
	if (reserved)
		out_fmt(pr->out, "rsvd=0x%x", reserved);
	out_char(pr->out, ']');
}

static void print_rr_sep(np_printer *pr)
{
	out_str(pr->out, pr->o.vflag > 1 ? "\n\t" : " ");
}

static void print_rr_time(np_printer *pr, const char *name, uint32_t v)
{
	if (v == UINT32_MAX)
		out_fmt(pr->out, "%s=infty,", name);
	else
		out_fmt(pr->out, "%s=%u,", name, v);
}

/* One use-prefix part at use; false when it was not captured. */
static bool print_rr_use(np_printer *pr, const uint8_t *use)
{
	uint32_t vltime = 0, pltime = 0;
	if (!np_has(use, pr->snapend, RR_USE_LEN))
		return false;
	np_get_be32(use + 4, pr->snapend, &vltime);
	np_get_be32(use + 8, pr->snapend, &pltime);
	print_rr_sep(pr);
	out_str(pr->out, "use(");
	if (use[12]) {
		/* the decrement flags' top byte, as tcpdump reads it */
		out_str(pr->out, use[12] & 0x80 ? "V" : "");
		out_str(pr->out, use[12] & 0x40 ? "P" : "");
		out_char(pr->out, ',');
	}
	if (pr->o.vflag) {
		out_fmt(pr->out, "mask=0x%x,raflags=0x%x,", use[2], use[3]);
		print_rr_time(pr, "vltime", vltime);
		print_rr_time(pr, "pltime", pltime);
	}
	out_ipv6(pr->out, use + 16);
	out_fmt(pr->out, "/%u/%u)", use[0], use[1]);
	return true;
}

/* The match-prefix part and its use-prefix parts; false when cut short. */
static bool print_rr_command(np_printer *pr, const uint8_t *p)
{
	const uint8_t *match = p + RR_HDR_LEN;
	if (!np_has(match, pr->snapend, RR_MATCH_LEN))
		return false;
	print_rr_sep(pr);
	out_str(pr->out, "match(");
	out_str(pr->out, tok2str(rr_match_code_values, "#%u", match[0]));
	if (pr->o.vflag)
		out_fmt(pr->out, ",ord=%u,min=%u,max=%u", match[2], match[4], match[5]);
	out_char(pr->out, ',');
	out_ipv6(pr->out, match + 8);
	out_fmt(pr->out, "/%u)", match[3]);
	int n = (int)match[1] - 3;
	if (n % 4)
		return false;
	const uint8_t *use = match + RR_MATCH_LEN;
	for (n /= 4; n > 0; n--, use += RR_USE_LEN)
		if (!print_rr_use(pr, use))
			return false;
	return true;
}

void icmp6_rrenum(np_printer *pr, const uint8_t *p)
{
	uint32_t seq = 0;
	if (!np_has(p, pr->snapend, 0))
		return;
	if (!np_has(p, pr->snapend, RR_HDR_LEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t code = p[1];
	out_str(pr->out, tok2str(rr_code_values, ", code-#%u", code));
	np_get_be32(p + 4, pr->snapend, &seq);
	out_fmt(pr->out, ", seq=%u", seq);
	if (pr->o.vflag)
		print_rr_flags(pr, p);
	if (code == 0 && !print_rr_command(pr, p))
		print_trunc(pr);
}

/* ---- RPL (RFC 6550) ---- */

#define RPL_DIO_LEN 24u
#define RPL_DAO_MIN_LEN 4u
#define RPL_DAGID_LEN 16u

static const np_tok rpl_mop_values[] = {
	{0, "nonstoring"}, {1, "storing"}, {2, "nonstoring-multicast"}, {3, "storing-multicast"}, {0, NULL},
};

static const np_tok rpl_subopt_values[] = {
	{0, "pad1"},      {1, "padN"},        {2, "metrics"},    {3, "routinginfo"},   {4, "config"},
	{5, "rpltarget"}, {6, "transitinfo"}, {8, "destprefix"}, {9, "rpltargetdesc"}, {0, NULL},
};

static void print_rpl_options(np_printer *pr, const uint8_t *opts, uint32_t length)
{
	while (length != 0) {
		uint8_t type = 0, len = 0;
		uint32_t optlen = 0;
		NP_GET_U8(type, opts, pr->snapend);
		if (type == 0) {
			optlen = 1;
			out_str(pr->out, " opt:pad1");
		} else {
			if (length < 2)
				goto cut;
			NP_GET_U8(len, opts + 1, pr->snapend);
			optlen = (uint32_t)len + 2;
			out_fmt(pr->out, " opt:%s len:%u ", tok2str(rpl_subopt_values, "subopt:%u", type), optlen);
			if (!np_has(opts, pr->snapend, optlen) || length < optlen)
				goto cut;
			if (pr->o.vflag > 2)
				print_hex(pr, " ", opts + 2, optlen - 2);
		}
		opts += optlen;
		length -= optlen;
	}
	return;
cut:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_rpl_dio(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	if (length < RPL_DIO_LEN) {
		out_fmt(pr->out, " [length %u < %u]", length, RPL_DIO_LEN);
		print_invalid(pr);
		return;
	}
	NP_CHECK(bp, pr->snapend, RPL_DIO_LEN);
	uint16_t rank = 0;
	np_get_be16(bp + 2, pr->snapend, &rank);
	uint8_t mopprf = bp[4];
	out_str(pr->out, " [dagid:");
	out_ipv6(pr->out, bp + 8);
	out_fmt(pr->out, ",seq:%u,instance:%u,rank:%u,%smop:%s,prf:%u]", bp[5], bp[0], rank,
		(mopprf & 0x80) ? "grounded," : "", tok2str(rpl_mop_values, "mop%u", (mopprf >> 3) & 7), mopprf & 7);
	if (pr->o.vflag > 1)
		print_rpl_options(pr, bp + RPL_DIO_LEN, length - RPL_DIO_LEN);
	return;
trunc:
	print_trunc_stop(pr);
}

/* DAO and DAO-ACK share their shape: 4 fixed bytes, then a DODAG id when
 * the D flag (dflag in byte 1) is set. */
static void print_rpl_dao(np_printer *pr, const uint8_t *bp, uint32_t length, bool ack)
{
	if (!np_has(bp, pr->snapend, ack ? RPL_DAO_MIN_LEN : RPL_DAO_MIN_LEN + RPL_DAGID_LEN)) {
		print_trunc(pr);
		return;
	}
	const char *tooshort = ack ? " [|dao-length too short]" : " [|length too short]";
	if (length < RPL_DAO_MIN_LEN) {
		out_str(pr->out, tooshort);
		return;
	}
	uint8_t flags = bp[1];
	bool has_dagid = flags & (ack ? 0x80 : 0x40);
	const uint8_t *rest = bp + RPL_DAO_MIN_LEN;
	length -= RPL_DAO_MIN_LEN;
	if (has_dagid) {
		if (!np_has(rest, pr->snapend, RPL_DAGID_LEN)) {
			print_trunc(pr);
			return;
		}
		if (length < RPL_DAGID_LEN) {
			out_str(pr->out, tooshort);
			return;
		}
		rest += RPL_DAGID_LEN;
		length -= RPL_DAGID_LEN;
	}
	out_str(pr->out, " [dagid:");
	if (has_dagid)
		out_ipv6(pr->out, bp + RPL_DAO_MIN_LEN);
	else
		out_str(pr->out, "<elided>");
	if (ack)
		out_fmt(pr->out, ",seq:%u,instance:%u,status:%u]", bp[2], bp[0], bp[3]);
	else
		out_fmt(pr->out, ",seq:%u,instance:%u%s%s,%02x]", bp[3], bp[0], (flags & 0x80) ? ",acK" : "",
			has_dagid ? ",Dagid" : "", flags);
	if (pr->o.vflag > 1)
		print_rpl_options(pr, rest, length);
}

void icmp6_rpl(np_printer *pr, uint8_t code, const uint8_t *p, uint32_t length)
{
	if (code & 0x80) {
		out_str(pr->out, ", (SEC) [worktodo]");
		return;
	}
	out_str(pr->out, ", (CLR)");
	switch (code) {
	case 0: out_str(pr->out, "DODAG Information Solicitation"); break;
	case 1:
		out_str(pr->out, "DODAG Information Object");
		if (pr->o.vflag)
			print_rpl_dio(pr, p, length);
		break;
	case 2:
		out_str(pr->out, "Destination Advertisement Object");
		if (pr->o.vflag)
			print_rpl_dao(pr, p, length, false);
		break;
	case 3:
		out_str(pr->out, "Destination Advertisement Object Ack");
		if (pr->o.vflag)
			print_rpl_dao(pr, p, length, true);
		break;
	default: out_fmt(pr->out, "RPL message, unknown code %u", code); break;
	}
}
