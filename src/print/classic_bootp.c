/*
 * classic_bootp.c - BOOTP/DHCP in the classic style (classic.c,
 * classic_udp.c): tcpdump 3.x's bootp_print, read through decode/bootp.h.
 *
 *    xid:0x8d716e0f C:10.0.0.5 Y:10.0.0.5 [|bootp]
 *
 * Each field follows a space: "(request)"/"(reply)" when the ports are the
 * other way round, then the fields that are not zero (htype, hlen, hops,
 * xid, secs, flags, C:, Y:, S:, G:), " ether MAC" when the client address
 * is not the frame's, sname and file in quotes, and the vendor area:
 * " vend-rfc1048" and its options with 3.x's tag names (" DHCP:REQUEST
 * RQ:10.0.0.5 PR:SM+DG+NS"), " vend-cmu", or "vend-#0xN". " [|bootp]" where
 * the capture ends, as it did at WinDump's 68-byte snapshot length.
 *
 * Not for: the 4.99 text (bootp.c).
 */
#include "classic.h"

#include <string.h>

#include "../decode/bootp.h"

#define BOOTPS_PORT 67
#define BOOTPC_PORT 68
#define BOOTP_TRUNC " [|bootp]"

/* 3.x's tag names; the first character says how the data is printed:
 * i addresses, l 32-bit numbers, s 16-bit numbers, b bytes, B booleans,
 * a text, p address pairs, ' ' special. */
static const np_tok bootp_tags[] = {
	{1, "iSM"},    {2, "lTZ"},   {3, "iDG"},   {4, "iTS"},    {5, "iIEN"},   {6, "iNS"},    {7, "iLOG"},
	{8, "iCS"},    {9, "iLPR"},  {10, "iIM"},  {11, "iRL"},   {12, "aHN"},   {13, "sBS"},   {14, "aDP"},
	{15, "aDN"},   {16, "iSS"},  {17, "aRP"},  {18, "aEP"},   {19, "BIPF"},  {20, "BSRT"},  {21, "pPF"},
	{22, "sRSZ"},  {23, "bTTL"}, {24, "lMA"},  {25, "sMT"},   {26, "sMTU"},  {27, "BLSN"},  {28, "iBR"},
	{29, "BMD"},   {30, "BMS"},  {31, "BRD"},  {32, "iRSA"},  {33, "pSR"},   {34, "BUT"},   {35, "lAT"},
	{36, "BIE"},   {37, "bTT"},  {38, "lKI"},  {39, "BKG"},   {40, "aYD"},   {41, "iYS"},   {42, "iNTP"},
	{43, "bVO"},   {44, "iWNS"}, {45, "iWDD"}, {46, "bWNT"},  {47, "aWSC"},  {48, "iXFS"},  {49, "iXDM"},
	{50, "iRQ"},   {51, "lLT"},  {52, "bOO"},  {53, " DHCP"}, {54, "iSID"},  {55, "bPR"},   {56, "aMSG"},
	{57, "sMSZ"},  {58, "lRN"},  {59, "lRB"},  {60, "bVC"},   {61, "bCID"},  {64, "sN+D"},  {65, "iN+S"},
	{66, "aTFTP"}, {67, "aBF"},  {68, "iMH"},  {69, "iSMTP"}, {70, "iPOP3"}, {71, "iNNTP"}, {72, "iWWW"},
	{73, "iFG"},   {74, "iIRC"}, {75, "iSTS"}, {76, "iSTDA"}, {0, NULL},
};

static const char *const dhcp_types[] = {
	[1] = "DISCOVER", [2] = "OFFER", [3] = "REQUEST", [4] = "DECLINE",
	[5] = "ACK",      [6] = "NACK",  [7] = "RELEASE", [8] = "INFORM",
};

/* One option's data by its format character. */
static void bootp_opt_data(np_printer *pr, char fmt, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t size = len;
	bool first = true;
	if (fmt == '?') /* unknown tag: by size */
		fmt = (size & 1) ? 'b' : (size & 2) ? 's' : 'l';
	switch (fmt) {
	case 'a':
		out_char(o, '"');
		classic_text(pr, bp, size, false);
		out_char(o, '"');
		size = 0;
		break;
	case 'i':
	case 'l':
		for (; size >= 4; bp += 4, size -= 4, first = false) {
			uint32_t v = 0;
			np_get_be32(bp, pr->snapend, &v);
			if (!first)
				out_char(o, ',');
			if (fmt == 'i')
				out_ipv4(o, bp);
			else
				out_u32(o, v);
		}
		break;
	case 'p':
		for (; size >= 8; bp += 8, size -= 8, first = false) {
			if (!first)
				out_char(o, ',');
			out_char(o, '(');
			out_ipv4(o, bp);
			out_char(o, ':');
			out_ipv4(o, bp + 4);
			out_char(o, ')');
		}
		break;
	case 's':
		for (; size >= 2; bp += 2, size -= 2, first = false) {
			uint16_t v = 0;
			np_get_be16(bp, pr->snapend, &v);
			if (!first)
				out_char(o, ',');
			out_u32(o, v);
		}
		break;
	case 'B':
		for (; size > 0; bp++, size--, first = false) {
			if (!first)
				out_char(o, ',');
			if (*bp == 0)
				out_char(o, 'N');
			else if (*bp == 1)
				out_char(o, 'Y');
			else
				out_fmt(o, "%u?", *bp);
		}
		break;
	default:
		for (; size > 0; bp++, size--, first = false) {
			if (!first)
				out_char(o, '.');
			out_u32(o, *bp);
		}
		break;
	}
	if (size)
		out_fmt(o, "[len %u]", len);
}

/* 3.x's rfc1048_print. */
static void bootp_rfc1048(np_printer *pr, const np_bootp_msg *m)
{
	np_out *o = pr->out;
	out_str(o, " vend-rfc1048");
	np_bootp_iter it;
	np_bootp_opt opt;
	np_bootp_opt_start(&it, m->options, pr->snapend);
	for (;;) {
		int step = np_bootp_opt_next(&it, &opt);
		if (step == NP_BOOTP_OPT_DONE)
			return;
		if (opt.tag == NP_DHCP_OPT_PAD)
			continue;
		if (opt.tag == NP_DHCP_OPT_END)
			return;
		const char *name = tok_name(bootp_tags, opt.tag);
		char fmt = name ? name[0] : '?';
		out_char(o, ' ');
		if (name)
			out_str(o, name + 1);
		else
			out_fmt(o, "T%u", opt.tag);
		out_char(o, ':');
		if (step != NP_BOOTP_OPT_OK) {
			out_str(o, BOOTP_TRUNC);
			return;
		}
		if (opt.tag == NP_DHCP_OPT_MESSAGE_TYPE && opt.len == 1) {
			uint8_t t = opt.data[0];
			if (t < sizeof(dhcp_types) / sizeof(dhcp_types[0]) && dhcp_types[t])
				out_str(o, dhcp_types[t]);
			else
				out_u32(o, t);
			continue;
		}
		if (opt.tag == NP_DHCP_OPT_PARAM_REQUEST) {
			for (uint32_t i = 0; i < opt.len; i++) {
				const char *pn = tok_name(bootp_tags, opt.data[i]);
				if (i > 0)
					out_char(o, '+');
				if (pn)
					out_str(o, pn + 1);
				else
					out_u32(o, opt.data[i]);
			}
			continue;
		}
		bootp_opt_data(pr, fmt, opt.data, opt.len);
	}
}

/* 3.x's cmu_print: the CMU vendor area's addresses that are set. */
static bool bootp_cmu(np_printer *pr, const np_bootp_msg *m)
{
	static const struct {
		uint32_t off;
		const char *name;
	} addrs[] = {{12, "DG"},   {8, NULL},    {16, "NS1"}, {20, "NS2"},
		     {24, "IEN1"}, {28, "IEN2"}, {32, "TS1"}, {36, "TS2"}};
	static const uint8_t zero4[4];
	np_out *o = pr->out;
	const uint8_t *v = m->p + NP_BOOTP_OFF_VEND;
	uint32_t flags;
	out_str(o, " vend-cmu");
	if (!np_get_be32(v + 4, pr->snapend, &flags))
		return false;
	if (flags & ~1u)
		out_fmt(o, " F:0x%x", flags);
	for (unsigned i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		if (!np_has(v + addrs[i].off, pr->snapend, 4))
			return false;
		if (memcmp(v + addrs[i].off, zero4, 4) == 0)
			continue;
		out_char(o, ' ');
		out_str(o, addrs[i].name ? addrs[i].name : (flags & 1) ? "SM" : "SM*");
		out_char(o, ':');
		out_ipv4(o, v + addrs[i].off);
	}
	return true;
}

/* A NUL-terminated string field (sname, file): true when it ended before
 * the capture did. */
static bool bootp_string(np_printer *pr, const char *label, const uint8_t *s)
{
	out_str(pr->out, label);
	out_char(pr->out, '"');
	bool whole = classic_text(pr, s, UINT32_MAX, true);
	out_char(pr->out, '"');
	if (!whole)
		out_str(pr->out, "[|bootp]"); /* 3.x: without the space here */
	return whole;
}

void classic_bootp(np_printer *pr, const uint8_t *bp, uint32_t length, uint16_t sport, uint16_t dport)
{
	np_out *o = pr->out;
	static const uint8_t zero4[4];
	np_bootp_msg m;
	np_bootp_parse(&m, bp, pr->snapend, length);
	if (!np_bootp_has(&m, NP_BOOTP_OFF_OP, 1))
		goto trunc;
	switch (m.op) {
	case NP_BOOTP_REQUEST:
		if (sport != BOOTPC_PORT || dport != BOOTPS_PORT)
			out_str(o, "(request)");
		break;
	case NP_BOOTP_REPLY:
		if (sport != BOOTPS_PORT || dport != BOOTPC_PORT)
			out_str(o, "(reply)");
		break;
	default: out_fmt(o, "bootp-#%u", m.op); break;
	}
	if (!np_bootp_has(&m, NP_BOOTP_OFF_FLAGS, 2))
		goto trunc;
	if (m.htype != NP_BOOTP_HTYPE_ETHER)
		out_fmt(o, " htype-#%u", m.htype);
	if (m.htype != NP_BOOTP_HTYPE_ETHER || m.hlen != NP_BOOTP_ETHER_LEN)
		out_fmt(o, " hlen:%u", m.hlen);
	if (m.hops)
		out_fmt(o, " hops:%u", m.hops);
	if (m.xid)
		out_fmt(o, " xid:0x%x", m.xid);
	if (m.secs)
		out_fmt(o, " secs:%u", m.secs);
	if (m.flags)
		out_fmt(o, " flags:0x%x", m.flags);
	const struct {
		const uint8_t *a;
		const char *label;
	} addrs[] = {{m.ciaddr, " C:"}, {m.yiaddr, " Y:"}, {m.siaddr, " S:"}, {m.giaddr, " G:"}};
	for (unsigned i = 0; i < 4; i++) {
		if (!addrs[i].a)
			goto trunc;
		if (memcmp(addrs[i].a, zero4, 4) != 0) {
			out_str(o, addrs[i].label);
			out_ipv4(o, addrs[i].a);
		}
	}
	if (m.htype == NP_BOOTP_HTYPE_ETHER && m.hlen == NP_BOOTP_ETHER_LEN) {
		if (!np_bootp_has(&m, NP_BOOTP_OFF_CHADDR, NP_BOOTP_ETHER_LEN))
			goto trunc;
		const uint8_t *chaddr = bp + NP_BOOTP_OFF_CHADDR;
		const np_layer *eth = pr->pkt ? np_find_layer(pr->pkt, NP_LAYER_ETH) : NULL;
		const uint8_t *e = NULL;
		if (eth && eth->status == NP_OK)
			e = m.op == NP_BOOTP_REQUEST ? eth->u.eth.src : m.op == NP_BOOTP_REPLY ? eth->u.eth.dst : NULL;
		if (!e || memcmp(chaddr, e, 6) != 0) {
			out_str(o, " ether ");
			classic_mac(pr, chaddr);
		}
	}
	if (!np_bootp_has(&m, NP_BOOTP_OFF_SNAME, 1))
		goto trunc;
	if (bp[NP_BOOTP_OFF_SNAME] && !bootp_string(pr, " sname ", bp + NP_BOOTP_OFF_SNAME))
		return;
	if (!np_bootp_has(&m, NP_BOOTP_OFF_FILE, 1))
		goto trunc;
	if (bp[NP_BOOTP_OFF_FILE] && !bootp_string(pr, " file ", bp + NP_BOOTP_OFF_FILE))
		return;
	switch (m.vendor) {
	case NP_BOOTP_VEND_RFC1048: bootp_rfc1048(pr, &m); break;
	case NP_BOOTP_VEND_CMU:
		if (!bootp_cmu(pr, &m))
			goto trunc;
		break;
	case NP_BOOTP_VEND_OTHER: {
		uint32_t v = 0;
		np_get_be32(bp + NP_BOOTP_OFF_VEND, pr->snapend, &v);
		if (v != 0)
			out_fmt(o, "vend-#0x%x", v); /* sic: no space */
		break;
	}
	default: goto trunc;
	}
	return;
trunc:
	out_str(o, BOOTP_TRUNC);
}
