/*
 * classic_tcp.c - TCP in the classic style (classic.c): tcpdump 3.5's
 * tcp_print as WinDump printed it.
 *
 *   10.0.0.2.22 > 10.0.0.5.3164: P 4138420250:4138420282(32) ack 87334272 win 32120
 *
 * Flags are "S", "F", "R", "P" in that order (or "." when none of them is
 * set), ECN bits as " [ECN-Echo,CWR]"; then "first:last(len)" when the
 * segment carries data, SYN, FIN or RST, with -vv, and (as the article
 * shows WinDump doing) with -S; " ack N", " win N", " urg N"; options
 * between "<" and ">" with 3.x's names ("timestamp", "sackOK", "opt-N:").
 *
 * Without -S, numbers are relative the 3.x way: only segments with ACK are
 * made relative. A conversation's first ACK-bearing segment, or any SYN
 * with ACK, records the initial numbers and is printed absolute; later ones
 * print their distance from them. So the handshake prints absolute
 * numbers and the third segment ". ack 1".
 *
 * Not for: payloads (3.x printed none of the ones netprofile decodes on
 * TCP), or the 4.99 text (tcp.c).
 */
#include "classic.h"

enum {
	TH_FIN = 0x01,
	TH_SYN = 0x02,
	TH_RST = 0x04,
	TH_PUSH = 0x08,
	TH_ACK = 0x10,
	TH_URG = 0x20,
	TH_ECE = 0x40,
	TH_CWR = 0x80,
};

#define TCP_HDRLEN 20

/* " <opt,opt,...>": 3.5's walk of the options, ending in "[bad opt]>" or
 * "[|tcp]>" when an option's length is wrong or runs off the capture. */
static void print_options(np_printer *pr, const uint8_t *cp, int hlen, const struct tcp_rel *rel)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	char ch = '<';
	out_char(o, ' ');
	while (hlen > 0) {
		uint8_t opt, lenb = 0;
		int len, datalen = 0;
		out_char(o, ch);
		if (!np_get_u8(cp, end, &opt))
			goto trunc;
		cp++;
		if (opt == 0 || opt == 1) {
			len = 1;
		} else {
			if (!np_get_u8(cp, end, &lenb))
				goto trunc;
			cp++;
			len = lenb;
			if (len < 2 || len > hlen)
				goto bad;
			--hlen;
		}
		--hlen;
/* "l" bytes of data must be left in the header and captured */
#define LENCHECK(l)                                \
	do {                                       \
		if ((l) > hlen)                    \
			goto bad;                  \
		if (!np_has(cp, end, (size_t)(l))) \
			goto trunc;                \
	} while (0)
		switch (opt) {
		case 2:
			out_str(o, "mss");
			datalen = 2;
			LENCHECK(datalen);
			out_char(o, ' ');
			out_u32(o, (uint32_t)(cp[0] << 8 | cp[1]));
			break;
		case 0: out_str(o, "eol"); break;
		case 1: out_str(o, "nop"); break;
		case 3:
			out_str(o, "wscale");
			datalen = 1;
			LENCHECK(datalen);
			out_char(o, ' ');
			out_u32(o, cp[0]);
			break;
		case 4: out_str(o, "sackOK"); break;
		case 5:
			out_str(o, "sack");
			datalen = len - 2;
			if (datalen % 8 != 0) {
				out_str(o, " malformed sack ");
			} else {
				out_fmt(o, " sack %d ", datalen / 8);
				for (int i = 0; i < datalen; i += 8) {
					uint32_t s = 0, e = 0;
					LENCHECK(i + 8);
					np_get_be32(cp + i, end, &s);
					np_get_be32(cp + i + 4, end, &e);
					uint32_t base = rel->rev ? rel->thseq : rel->thack;
					s -= base;
					e -= base;
					out_fmt(o, "{%u:%u}", s, e);
				}
				out_char(o, ' ');
			}
			break;
		case 6:
		case 7:
		case 11:
		case 12:
		case 13: {
			static const char *const names[] = {
				[6] = "echo", [7] = "echoreply", [11] = "cc", [12] = "ccnew", [13] = "ccecho"};
			uint32_t v = 0;
			out_str(o, names[opt]);
			datalen = 4;
			LENCHECK(datalen);
			np_get_be32(cp, end, &v);
			out_char(o, ' ');
			out_u32(o, v);
			break;
		}
		case 8: {
			uint32_t v = 0;
			out_str(o, "timestamp");
			datalen = 8;
			LENCHECK(4);
			np_get_be32(cp, end, &v);
			out_char(o, ' ');
			out_u32(o, v);
			LENCHECK(datalen);
			np_get_be32(cp + 4, end, &v);
			out_char(o, ' ');
			out_u32(o, v);
			break;
		}
		default:
			out_fmt(o, "opt-%u:", opt);
			datalen = len - 2;
			for (int i = 0; i < datalen; ++i) {
				LENCHECK(i + 1);
				out_hex(o, cp[i], 2);
			}
			break;
		}
#undef LENCHECK
		cp += datalen;
		hlen -= datalen;
		++datalen; /* the kind byte */
		if (opt != 0 && opt != 1)
			++datalen; /* the length byte */
		if (datalen != len)
			out_fmt(o, "[len %d]", len);
		ch = ',';
		if (opt == 0)
			break;
	}
	out_char(o, '>');
	return;
bad:
	out_str(o, "[bad opt]>");
	return;
trunc:
	out_str(o, "[|tcp]>");
}

void classic_tcp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, 4)) {
		classic_addr(pr, ip, ip->src);
		out_str(o, " > ");
		classic_addr(pr, ip, ip->dst);
		out_str(o, ": [|tcp]");
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_TCP, p, length);
	const struct np_tcp_info *t = &l->u.tcp;
	classic_ports(pr, ip, t->sport, t->dport);
	if (!np_has(p, pr->snapend, TCP_HDRLEN)) {
		out_str(o, "[|tcp]");
		return;
	}
	int hlen = t->off;
	if (pr->o.qflag) {
		out_str(o, "tcp ");
		out_i64(o, (int64_t)length - hlen);
		return;
	}
	uint8_t flags = (uint8_t)t->flags;
	if (flags & (TH_SYN | TH_FIN | TH_RST | TH_PUSH)) {
		if (flags & TH_SYN)
			out_char(o, 'S');
		if (flags & TH_FIN)
			out_char(o, 'F');
		if (flags & TH_RST)
			out_char(o, 'R');
		if (flags & TH_PUSH)
			out_char(o, 'P');
	} else {
		out_char(o, '.');
	}
	if (flags & (TH_ECE | TH_CWR)) {
		out_str(o, " [");
		if (flags & TH_ECE)
			out_str(o, "ECN-Echo");
		if (flags & TH_CWR)
			out_str(o, (flags & TH_ECE) ? ",CWR" : "CWR");
		out_char(o, ']');
	}

	uint32_t seq = t->seq, ack = t->ack;
	struct tcp_rel rel = {0, 0, false};
	/* 3.x made the SACK blocks of the segment that records the initial
	 * numbers relative to nothing. */
	if (!pr->o.Sflag && (flags & TH_ACK) &&
	    !print_tcp_relative(pr, ip->ver == 6, ip->src, ip->dst, t->sport, t->dport, flags, &seq, &ack, &rel))
		rel.thseq = rel.thack = 0;
	if ((uint32_t)hlen > length) {
		out_str(o, " [bad hdr length]");
		return;
	}
	uint32_t dlen = length - (uint32_t)hlen;
	if (pr->o.vflag > 1 || pr->o.Sflag || dlen > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		out_char(o, ' ');
		out_u32(o, seq);
		out_char(o, ':');
		out_u32(o, seq + dlen);
		out_char(o, '(');
		out_u32(o, dlen);
		out_char(o, ')');
	}
	if (flags & TH_ACK) {
		out_str(o, " ack ");
		out_u32(o, ack);
	}
	out_str(o, " win ");
	out_u32(o, t->win);
	if (flags & TH_URG) {
		out_str(o, " urg ");
		out_u32(o, t->urp);
	}
	if (hlen > TCP_HDRLEN)
		print_options(pr, p + TCP_HDRLEN, hlen - TCP_HDRLEN, &rel);
}
