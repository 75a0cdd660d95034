/*
 * classic_dns.c - DNS in the classic style (classic.c, classic_udp.c):
 * tcpdump 3.4's ns_print, read through decode/dns.h.
 *
 *   1+ A? sshserver. (32)
 *   1 q: sshserver. 3/4/6 sshserver. CNAME ssh2server., ssh2server. CNAME ssh3server., ssh3server. A 10.0.0.2 (283)
 *
 * Queries: "id[op][+] [b2&3=0xN] [Nq] [Na] [Nn] [Nau] Type[ Class]? name."
 * Responses: "id[op][rcode][*][-][|] [Nq] q: name. an/ns/ar", then each
 * answer " owner.[ Class] Type data", comma separated, where A, NS, CNAME,
 * PTR, MX, TXT and UNSPECA have their data printed and other types only
 * their name; then " (length)". The question and the owner names are
 * printed without -v, as WinDump did in the seed article (stock 3.4: with
 * -vv and -v). 3.4's type and class names are kept, typos included. Where
 * the message runs off the capture: " [|domain]".
 *
 * Not for: the 4.99 text (dns.c).
 */
#include "classic.h"

#include "../decode/dns.h"

static const char *const ns_ops[16] = {
	"",     " inv_q",   " stat",    " op3",      " notify",  " op5",      " op6",      " op7",
	" op8", " updataA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
};

static const char *const ns_resp[16] = {
	"",       " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " Resp6",  " Resp7",
	" Resp8", " Resp9",   " Resp10",   " Resp11",   " Resp12", " Resp13",  " Resp14", " NoChange",
};

/* 3.4's type and class names, its typos kept ("LOC ", "CHAOS)"). */
static const np_tok ns_types[] = {
	{1, "A"},       {2, "NS"},        {3, "MD"},    {4, "MF"},     {5, "CNAME"},    {6, "SOA"},       {7, "MB"},
	{8, "MG"},      {9, "MR"},        {10, "NULL"}, {11, "WKS"},   {12, "PTR"},     {13, "HINFO"},    {14, "MINFO"},
	{15, "MX"},     {16, "TXT"},      {17, "RP"},   {18, "AFSDB"}, {19, "X25"},     {20, "ISDN"},     {21, "RT"},
	{22, "NSAP"},   {23, "NSAP_PTR"}, {24, "SIG"},  {25, "KEY"},   {26, "PX"},      {27, "GPOS"},     {28, "AAAA"},
	{29, "LOC "},   {100, "UINFO"},   {101, "UID"}, {102, "GID"},  {103, "UNSPEC"}, {104, "UNSPECA"}, {252, "AXFR"},
	{253, "MAILB"}, {254, "MAILA"},   {255, "ANY"}, {0, NULL},
};

static const np_tok ns_classes[] = {
	{1, "IN"}, {3, "CHAOS)"}, {4, "HS"}, {255, "ANY"}, {0, NULL},
};

#define C_IN 1
#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_PTR 12
#define T_MX 15
#define T_TXT 16
#define T_UNSPECA 104
#define DNS_IQUERY 1
#define DNS_QUERY_ODD_BITS 0x06ff /* 3.4's "b2&3" check */

/* 3.4's ns_nprint: each label and a '.', "." for the root. False when
 * the name could not be walked to its end within the capture. */
static bool dns_name(np_printer *pr, const np_dns_msg *m, const uint8_t *cp)
{
	np_dns_walk w;
	if (np_dns_walk_start(&w, m->base, pr->snapend, cp) != NP_DNS_OK)
		return false;
	if (w.first == 0) {
		out_char(pr->out, '.');
		return true;
	}
	for (;;) {
		int step = np_dns_walk_next(&w);
		if (step == NP_DNS_END)
			return true;
		if (step != NP_DNS_LABEL)
			return false;
		if (!classic_text(pr, w.label, w.label_len, false))
			return false;
		out_char(pr->out, '.');
	}
}

/* 3.4's ns_rprint with the owner name always printed. */
static bool dns_rr(np_printer *pr, const np_dns_msg *m, const np_dns_rr *rr)
{
	np_out *o = pr->out;
	out_char(o, ' ');
	if (!dns_name(pr, m, rr->name))
		return false;
	if (rr->rclass != C_IN) {
		out_char(o, ' ');
		out_str(o, tok2str(ns_classes, "(Class %u)", rr->rclass));
	}
	out_char(o, ' ');
	out_str(o, tok2str(ns_types, "Type%u", rr->type));
	switch (rr->type) {
	case T_A:
		if (rr->rdlen < 4)
			return false;
		out_char(o, ' ');
		out_ipv4(o, rr->rdata);
		break;
	case T_NS:
	case T_CNAME:
	case T_PTR: out_char(o, ' '); return dns_name(pr, m, rr->rdata);
	case T_MX: {
		uint16_t pref;
		if (!np_get_be16(rr->rdata, pr->snapend, &pref))
			return false;
		out_char(o, ' ');
		if (!dns_name(pr, m, rr->rdata + 2))
			return false;
		out_char(o, ' ');
		out_u32(o, pref);
		break;
	}
	case T_TXT: {
		uint8_t n;
		if (!np_get_u8(rr->rdata, pr->snapend, &n))
			return false;
		out_char(o, ' ');
		return classic_text(pr, rr->rdata + 1, n, false);
	}
	case T_UNSPECA: out_char(o, ' '); return classic_text(pr, rr->rdata, rr->rdlen, false);
	default: break;
	}
	return true;
}

void classic_dns(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	np_out *o = pr->out;
	np_dns_msg m;
	if (np_dns_parse(&m, bp, pr->snapend) != NP_OK) {
		out_str(o, "[|domain]");
		return;
	}
	np_dns_iter it;
	np_dns_rr rr;
	np_dns_iter_init(&it, &m);
	unsigned op = NP_DNS_OPCODE(m.flags);
	out_u32(o, m.id);
	out_str(o, ns_ops[op]);
	if (NP_DNS_QR(m.flags)) {
		out_str(o, ns_resp[NP_DNS_RCODE(m.flags)]);
		if (NP_DNS_AA(m.flags))
			out_char(o, '*');
		if (!NP_DNS_RA(m.flags))
			out_char(o, '-');
		if (NP_DNS_TC(m.flags))
			out_char(o, '|');
		if (m.qdcount != 1)
			out_fmt(o, " [%uq]", m.qdcount);
		for (unsigned i = 0; i < m.qdcount; i++) {
			if (np_dns_iter_next(&it, &rr) != NP_DNS_OK)
				goto trunc;
			if (i == 0) {
				out_str(o, " q: ");
				if (!dns_name(pr, &m, rr.name))
					goto trunc;
			}
		}
		out_fmt(o, " %u/%u/%u", m.ancount, m.nscount, m.arcount);
		for (unsigned i = 0; i < m.ancount; i++) {
			if (np_dns_iter_next(&it, &rr) != NP_DNS_OK)
				goto trunc;
			if (i > 0)
				out_char(o, ',');
			if (!dns_rr(pr, &m, &rr))
				goto trunc;
		}
	} else {
		if (NP_DNS_RD(m.flags))
			out_char(o, '+');
		if (m.flags & DNS_QUERY_ODD_BITS)
			out_fmt(o, " [b2&3=0x%x]", m.flags);
		if (op == DNS_IQUERY) {
			if (m.qdcount)
				out_fmt(o, " [%uq]", m.qdcount);
			if (m.ancount != 1)
				out_fmt(o, " [%ua]", m.ancount);
		} else {
			if (m.ancount)
				out_fmt(o, " [%ua]", m.ancount);
			if (m.qdcount != 1)
				out_fmt(o, " [%uq]", m.qdcount);
		}
		if (m.nscount)
			out_fmt(o, " [%un]", m.nscount);
		if (m.arcount)
			out_fmt(o, " [%uau]", m.arcount);
		if (m.qdcount > 0) {
			if (np_dns_iter_next(&it, &rr) != NP_DNS_OK)
				goto trunc;
			out_char(o, ' ');
			out_str(o, tok2str(ns_types, "Type%u", rr.type));
			if (rr.rclass != C_IN) {
				out_char(o, ' ');
				out_str(o, tok2str(ns_classes, "(Class %u)", rr.rclass));
			}
			out_str(o, "? ");
			if (!dns_name(pr, &m, rr.name))
				goto trunc;
		}
	}
	out_fmt(o, " (%u)", length);
	return;
trunc:
	out_str(o, " [|domain]");
}
