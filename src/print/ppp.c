/*
 * ppp.c - PPP frames as tcpdump 4.99.3 prints them, as found inside PPTP's
 * enhanced GRE: the address/control and protocol fields, the control
 * protocols (LCP, IPCP, IP6CP, CCP, BACP with their options), PAP, CHAP,
 * multilink headers, HDLC-escaped frames, and IP/IPv6 handed to ip.c/ip6.c.
 *
 * tcpdump has two kinds of truncation here: its GET macros abandon the
 * packet with " [|ppp]" (print_trunc_stop), while many checks print their
 * own "[|lcp]"-style note and let the walk go on; each is kept as it is.
 * Several oddities (lengths off by the header, a dump starting two bytes
 * before the packet it describes) are tcpdump's and copied on purpose.
 *
 * Also the PPP link types: DLT_PPP (tcpdump's ppp_if_print) and
 * DLT_PPP_SERIAL (ppp_hdlc_if_print, which hands Cisco HDLC frames to
 * chdlc.c); MPLS payloads go to mpls.c.
 *
 * Not for: VJ compression, IPX, OSI payloads (no printer for them yet).
 */
#include "print.h"

#include <stdlib.h>

#define PPP_IP 0x0021
#define PPP_OSI 0x0023
#define PPP_IPX 0x002b
#define PPP_VJC 0x002d
#define PPP_VJNC 0x002f
#define PPP_ML 0x003d
#define PPP_IPV6 0x0057
#define PPP_COMP 0x00fd
#define PPP_MPLS_UCAST 0x0281
#define PPP_MPLS_MCAST 0x0283
#define PPP_IPCP 0x8021
#define PPP_OSICP 0x8023
#define PPP_IPV6CP 0x8057
#define PPP_CCP 0x80fd
#define PPP_MPLSCP 0x8281
#define PPP_LCP 0xc021
#define PPP_PAP 0xc023
#define PPP_LQM 0xc025
#define PPP_SPAP 0xc027
#define PPP_BACP 0xc02b
#define PPP_BAP 0xc02d
#define PPP_SPAP_OLD 0xc123
#define PPP_CHAP 0xc223
#define PPP_EAP 0xc227

#define MAX_SNAPLEN 262144u

static const np_tok ppptype2str[] = {
	{PPP_IP, "IP"},
	{PPP_OSI, "OSI"},
	{0x0025, "NS"},
	{0x0027, "DECNET"},
	{0x0029, "APPLE"},
	{PPP_IPX, "IPX"},
	{PPP_VJC, "VJC IP"},
	{PPP_VJNC, "VJNC IP"},
	{0x0031, "BRPDU"},
	{0x0033, "STII"},
	{0x0035, "VINES"},
	{PPP_MPLS_UCAST, "MPLS"},
	{PPP_MPLS_MCAST, "MPLS"},
	{PPP_COMP, "Compressed"},
	{PPP_ML, "MLPPP"},
	{PPP_IPV6, "IP6"},
	{0x0201, "HELLO"},
	{0x0231, "LUXCOM"},
	{0x0233, "SNS"},
	{PPP_IPCP, "IPCP"},
	{PPP_OSICP, "OSICP"},
	{0x8025, "NSCP"},
	{0x8027, "DECNETCP"},
	{0x8029, "APPLECP"},
	{0x802b, "IPXCP"},
	{0x8033, "STIICP"},
	{0x8035, "VINESCP"},
	{PPP_IPV6CP, "IP6CP"},
	{PPP_MPLSCP, "MPLSCP"},
	{PPP_LCP, "LCP"},
	{PPP_PAP, "PAP"},
	{PPP_LQM, "LQM"},
	{PPP_CHAP, "CHAP"},
	{PPP_EAP, "EAP"},
	{PPP_SPAP, "SPAP"},
	{PPP_SPAP_OLD, "Old-SPAP"},
	{PPP_BACP, "BACP"},
	{PPP_BAP, "BAP"},
	{0xc03d, "MLPPP-CP"},
	{PPP_CCP, "CCP"},
	{0, NULL},
};

enum cp_code {
	CP_VEXT = 0,
	CP_CONF_REQ,
	CP_CONF_ACK,
	CP_CONF_NAK,
	CP_CONF_REJ,
	CP_TERM_REQ,
	CP_TERM_ACK,
	CP_CODE_REJ,
	CP_PROT_REJ,
	CP_ECHO_REQ,
	CP_ECHO_RPL,
	CP_DISC_REQ,
	CP_ID,
	CP_TIME_REM,
};

static const np_tok cpcodes[] = {
	{0, "Vendor-Extension"}, {1, "Conf-Request"}, {2, "Conf-Ack"},    {3, "Conf-Nack"},   {4, "Conf-Reject"},
	{5, "Term-Request"},     {6, "Term-Ack"},     {7, "Code-Reject"}, {8, "Prot-Reject"}, {9, "Echo-Request"},
	{10, "Echo-Reply"},      {11, "Disc-Req"},    {12, "Ident"},      {13, "Time-Rem"},   {14, "Reset-Req"},
	{15, "Reset-Ack"},       {0, NULL},
};

static const char *const lcpconfopts[] = {
	"Vend-Ext",
	"MRU",
	"ACCM",
	"Auth-Prot",
	"Qual-Prot",
	"Magic-Num",
	"deprecated(6)",
	"PFC",
	"ACFC",
	"FCS-Alt",
	"SDP",
	"Num-Mode",
	"deprecated(12)",
	"Call-Back",
	"deprecated(14)",
	"deprecated(15)",
	"deprecated(16)",
	"MRRU",
	"12-Bit seq #",
	"End-Disc",
	"Proprietary",
	"DCE-Id",
	"MP+",
	"Link-Disc",
	"LCP-Auth-Opt",
	"COBS",
	"Prefix-elision",
	"Multilink-header-Form",
	"I18N",
	"SDL-over-SONET/SDH",
	"PPP-Muxing",
};
#define NUM_LCPOPTS (sizeof(lcpconfopts) / sizeof(lcpconfopts[0]))

static const np_tok ccpconfopts_values[] = {
	{0, "OUI"},   {1, "Pred-1"},    {2, "Pred-2"},     {3, "Puddle"},    {16, "HP-PPC"},  {17, "Stac-LZS"},
	{18, "MPPC"}, {19, "Gand-FZA"}, {20, "V.42bis"},   {21, "BSD-Comp"}, {23, "LZS-DCP"}, {24, "MVRCA"},
	{25, "DEC"},  {26, "Deflate"},  {255, "Reserved"}, {0, NULL},
};
static const np_tok bacconfopts_values[] = {{1, "Favored-Peer"}, {0, NULL}};
static const np_tok ipcpopt_values[] = {
	{1, "IP-Addrs"},   {2, "IP-Comp"},   {3, "IP-Addr"},    {4, "Home-Addr"}, {129, "Pri-DNS"},
	{130, "Pri-NBNS"}, {131, "Sec-DNS"}, {132, "Sec-NBNS"}, {0, NULL},
};
#define IPCP_IPCOMP_HDRCOMP 0x61
#define IPCP_IPCOMP_MINLEN 14
static const np_tok ipcpopt_compproto_values[] = {
	{PPP_VJC, "VJ-Comp"},
	{IPCP_IPCOMP_HDRCOMP, "IP Header Compression"},
	{0, NULL},
};
static const np_tok ipcpopt_compproto_subopt_values[] = {
	{1, "RTP-Compression"},
	{2, "Enhanced RTP-Compression"},
	{0, NULL},
};
static const np_tok ip6cpopt_values[] = {{1, "Interface-ID"}, {0, NULL}};
static const np_tok authalg_values[] = {{5, "MD5"}, {128, "MS-CHAPv1"}, {129, "MS-CHAPv2"}, {0, NULL}};
static const np_tok ppp_callback_values[] = {
	{0, "UserAuth"}, {1, "DialString"}, {2, "LocalID"}, {3, "E.164"}, {4, "X.500"}, {6, "CBCP"}, {0, NULL},
};
static const np_tok chapcode_values[] = {
	{1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Fail"}, {0, NULL},
};
static const np_tok papcode_values[] = {{1, "Auth-Req"}, {2, "Auth-ACK"}, {3, "Auth-NACK"}, {0, NULL}};
static const np_tok ppp_ml_flag_values[] = {{0x80, "begin"}, {0x40, "end"}, {0, NULL}};

static void handle_ppp(np_printer *pr, uint32_t proto, const uint8_t *p, uint32_t length);

/* n packet bytes as safe characters; false when the capture ends first
 * (the caller's trunc label then abandons the packet, as GET_U_1 would). */
static bool print_chars(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, pr->snapend, &c))
			return false;
		print_safe_char(pr, c);
	}
	return true;
}

/* ---- control protocol options ---------------------------------------- */

/* What an option body tells the option walker to do next. */
enum opt_next {
	OPT_DONE,       /* dump with -vv, advance by the option length */
	OPT_SKIP,       /* advance by the option length, no dump */
	OPT_STOP,       /* end the option list quietly */
	OPT_TRUNC,      /* print the option set's "[|name]" and end the list */
	OPT_TRUNC_STOP, /* ran off the capture: abandon the packet */
};

typedef enum opt_next (*opt_body)(np_printer *pr, const uint8_t **pp, uint32_t len);

struct cp_options {
	const char *trunc_name;   /* "[|lcp]" and the like */
	const np_tok *names;      /* option names; NULL: the LCP array */
	const char *unknown_name; /* tok2str fallback */
	opt_body body;
};

static void print_option_bogus(np_printer *pr, const char *rel, uint32_t should)
{
	out_fmt(pr->out, " (length bogus, should be %s %u)", rel, should);
}

/* An option tcpdump has no decoder for: its body as hex below -vv (at -vv
 * and above the whole option is dumped by the caller). */
static enum opt_next unknown_option(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (pr->o.vflag < 2)
		print_unknown_data(pr, p + 2, "\n\t    ", len - 2);
	return OPT_DONE;
}

static enum opt_next lcp_mled(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t cls;
	NP_GET_U8(cls, p + 2, pr->snapend);
	switch (cls) {
	case 0: out_str(pr->out, ": Null"); break;
	case 1: out_str(pr->out, ": Local"); break;
	case 2:
		if (len != 7) {
			print_option_bogus(pr, "=", 7);
			return OPT_STOP;
		}
		NP_CHECK(p + 3, pr->snapend, 4);
		out_str(pr->out, ": IPv4 ");
		out_ipv4(pr->out, p + 3);
		break;
	case 3:
		if (len != 9) {
			print_option_bogus(pr, "=", 9);
			return OPT_STOP;
		}
		NP_CHECK(p + 3, pr->snapend, 6);
		out_str(pr->out, ": MAC ");
		out_mac(pr->out, p + 3);
		break;
	case 4: out_str(pr->out, ": Magic-Num-Block"); break;
	case 5: out_str(pr->out, ": PSNDN"); break;
	default: out_fmt(pr->out, ": Unknown class %u", cls); break;
	}
	return OPT_DONE;
trunc:
	return OPT_TRUNC_STOP;
}

static enum opt_next lcp_auth_proto(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t proto;
	uint8_t alg;
	NP_GET_BE16(proto, p + 2, pr->snapend);
	out_str(pr->out, ": ");
	out_str(pr->out, tok2str(ppptype2str, "Unknown Auth Proto (0x04x)", proto));
	switch (proto) {
	case PPP_CHAP:
		NP_GET_U8(alg, p + 4, pr->snapend);
		out_str(pr->out, ", ");
		out_str(pr->out, tok2str(authalg_values, "Unknown Auth Alg %u", alg));
		break;
	case PPP_PAP:
	case PPP_EAP:
	case PPP_SPAP:
	case PPP_SPAP_OLD: break;
	default: print_unknown_data(pr, p, "\n\t", len); break;
	}
	return OPT_DONE;
trunc:
	return OPT_TRUNC_STOP;
}

/* Length rules shared by the option bodies: `exact` when the option has one
 * fixed size, else a minimum; the return tells what a bogus length does. */
static bool length_ok(np_printer *pr, uint32_t len, uint32_t want, bool exact)
{
	if (exact ? len == want : len >= want)
		return true;
	print_option_bogus(pr, exact ? "=" : ">=", want);
	return false;
}

static enum opt_next lcp_option(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp, *end = pr->snapend;
	uint8_t opt = p[0]; /* checked by the caller */
	uint32_t v;
	uint16_t v16;
	uint8_t v8;
	switch (opt) {
	case 0: /* vendor extension */
		if (!length_ok(pr, len, 6, false))
			return OPT_SKIP;
		NP_GET_BE24(v, p + 2, end);
		out_fmt(pr->out, ": Vendor: %s (%u)", tok2str(oui_names, "Unknown", v), v);
		return OPT_DONE;
	case 1: /* MRU */
		if (!length_ok(pr, len, 4, true))
			return OPT_SKIP;
		NP_GET_BE16(v16, p + 2, end);
		out_str(pr->out, ": ");
		out_u32(pr->out, v16);
		return OPT_DONE;
	case 2: /* ACCM */
		if (!length_ok(pr, len, 6, true))
			return OPT_SKIP;
		NP_GET_BE32(v, p + 2, end);
		out_fmt(pr->out, ": 0x%08x", v);
		return OPT_DONE;
	case 3:
		if (!length_ok(pr, len, 4, false))
			return OPT_SKIP;
		return lcp_auth_proto(pr, p, len);
	case 4: /* quality protocol */
		if (!length_ok(pr, len, 4, false))
			return OPT_STOP;
		NP_GET_BE16(v16, p + 2, end);
		out_str(pr->out, v16 == PPP_LQM ? ": LQR" : ": unknown");
		return OPT_DONE;
	case 5: /* magic number */
		if (!length_ok(pr, len, 6, true))
			return OPT_STOP;
		NP_GET_BE32(v, p + 2, end);
		out_fmt(pr->out, ": 0x%08x", v);
		return OPT_DONE;
	case 7: /* PFC */
	case 8: /* ACFC */ return OPT_DONE;
	case 23: /* link discriminator */
		if (!length_ok(pr, len, 4, true))
			return OPT_STOP;
		NP_GET_BE16(v16, p + 2, end);
		out_fmt(pr->out, ": 0x%04x", v16);
		return OPT_DONE;
	case 13: /* callback */
		if (!length_ok(pr, len, 3, false))
			return OPT_STOP;
		out_str(pr->out, ": ");
		NP_GET_U8(v8, p + 2, end);
		out_fmt(pr->out, ": Callback Operation %s (%u)", tok2str(ppp_callback_values, "Unknown", v8), v8);
		return OPT_DONE;
	case 17: /* multilink MRRU */
		if (!length_ok(pr, len, 4, true))
			return OPT_STOP;
		NP_GET_BE16(v16, p + 2, end);
		out_str(pr->out, ": ");
		out_u32(pr->out, v16);
		return OPT_DONE;
	case 19: /* multilink endpoint discriminator */
		if (!length_ok(pr, len, 3, false))
			return OPT_STOP;
		return lcp_mled(pr, p, len);
	default: return unknown_option(pr, p, len);
	}
trunc:
	return OPT_TRUNC_STOP;
}

/* IPCP's IP-Comp option; moves *pp past suboptions the way tcpdump does,
 * which shifts its -vv dump. */
static enum opt_next ipcp_ipcomp(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp, *end = pr->snapend;
	uint16_t proto;
	NP_GET_BE16(proto, p + 2, end);
	out_fmt(pr->out, ": %s (0x%02x):", tok2str(ipcpopt_compproto_values, "Unknown", proto), proto);
	if (proto != IPCP_IPCOMP_HDRCOMP)
		return OPT_DONE;
	if (len < IPCP_IPCOMP_MINLEN) {
		print_option_bogus(pr, ">=", IPCP_IPCOMP_MINLEN);
		return OPT_STOP;
	}
	if (!np_has(p + 2, end, IPCP_IPCOMP_MINLEN))
		return OPT_TRUNC;
	uint16_t f[5];
	for (int i = 0; i < 5; i++)
		np_get_be16(p + 4 + 2 * i, end, &f[i]);
	out_fmt(pr->out, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, maxHdr %u", f[0], f[1],
		f[2], f[3], f[4]);
	if (len <= IPCP_IPCOMP_MINLEN)
		return OPT_DONE;
	uint32_t total = len - IPCP_IPCOMP_MINLEN;
	p += IPCP_IPCOMP_MINLEN;
	out_fmt(pr->out, "\n\t      Suboptions, length %u", total);
	while (total >= 2) {
		if (!np_has(p, end, 2)) {
			*pp = p;
			return OPT_TRUNC;
		}
		uint8_t sub = p[0], sublen = p[1];
		if (sub == 0 || sublen == 0)
			break;
		out_fmt(pr->out, "\n\t\t%s Suboption #%u, length %u",
			tok2str(ipcpopt_compproto_subopt_values, "Unknown", sub), sub, sublen);
		if (total < sublen) {
			out_fmt(pr->out, " [remaining suboptions length %u < %u]", total, sublen);
			print_invalid(pr);
			break;
		}
		total -= sublen;
		p += sublen;
	}
	*pp = p;
	return OPT_DONE;
trunc:
	return OPT_TRUNC_STOP;
}

static enum opt_next ipcp_option(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp;
	switch (p[0]) {
	case 1: /* IP-Addrs (deprecated) */
		if (!length_ok(pr, len, 10, true))
			return OPT_SKIP;
		NP_CHECK(p + 2, pr->snapend, 8);
		out_str(pr->out, ": src ");
		out_ipv4(pr->out, p + 2);
		out_str(pr->out, ", dst ");
		out_ipv4(pr->out, p + 6);
		return OPT_DONE;
	case 2:
		if (!length_ok(pr, len, 4, false))
			return OPT_STOP;
		return ipcp_ipcomp(pr, pp, len);
	case 3:
	case 4:
	case 129:
	case 130:
	case 131:
	case 132: /* one address each */
		if (!length_ok(pr, len, 6, true))
			return OPT_STOP;
		NP_CHECK(p + 2, pr->snapend, 4);
		out_str(pr->out, ": ");
		out_ipv4(pr->out, p + 2);
		return OPT_DONE;
	default: return unknown_option(pr, p, len);
	}
trunc:
	return OPT_TRUNC_STOP;
}

static enum opt_next ip6cp_option(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp;
	if (p[0] != 1) {
		return unknown_option(pr, p, len);
	}
	if (!length_ok(pr, len, 10, true))
		return OPT_SKIP;
	if (!np_has(p + 2, pr->snapend, 8))
		return OPT_TRUNC;
	uint16_t w[4];
	for (int i = 0; i < 4; i++)
		np_get_be16(p + 2 + 2 * i, pr->snapend, &w[i]);
	out_fmt(pr->out, ": %04x:%04x:%04x:%04x", w[0], w[1], w[2], w[3]);
	return OPT_DONE;
}

static enum opt_next ccp_option(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp, *end = pr->snapend;
	uint8_t a, b;
	switch (p[0]) {
	case 21: /* BSD-Comp */
		if (!length_ok(pr, len, 3, false))
			return OPT_SKIP;
		NP_GET_U8(a, p + 2, end);
		out_fmt(pr->out, ": Version: %u, Dictionary Bits: %u", a >> 5, a & 0x1f);
		return OPT_DONE;
	case 24: /* MVRCA */
		if (!length_ok(pr, len, 4, false))
			return OPT_SKIP;
		NP_GET_U8(a, p + 2, end);
		NP_GET_U8(b, p + 3, end);
		out_fmt(pr->out, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u", (a & 0xc0) >> 6,
			(a & 0x20) ? "Enabled" : "Disabled", a & 0x1f, b);
		return OPT_DONE;
	case 26: /* Deflate */
		if (!length_ok(pr, len, 4, false))
			return OPT_SKIP;
		NP_GET_U8(a, p + 2, end);
		NP_GET_U8(b, p + 3, end);
		out_fmt(pr->out, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u", (a & 0xf0) >> 4,
			(a & 0x0f) == 8 ? "zlib" : "unknown", a & 0x0f, (b & 0xfc) >> 2, b & 0x03);
		return OPT_DONE;
	default: return unknown_option(pr, p, len);
	}
trunc:
	return OPT_TRUNC_STOP;
}

static enum opt_next bacp_option(np_printer *pr, const uint8_t **pp, uint32_t len)
{
	const uint8_t *p = *pp;
	uint32_t v;
	if (p[0] != 1) {
		return unknown_option(pr, p, len);
	}
	if (!length_ok(pr, len, 6, true))
		return OPT_SKIP;
	NP_GET_BE32(v, p + 2, pr->snapend);
	out_fmt(pr->out, ": Magic-Num 0x%08x", v);
	return OPT_DONE;
trunc:
	return OPT_TRUNC_STOP;
}

static const struct cp_options lcp_options = {"lcp", NULL, NULL, lcp_option};
static const struct cp_options ipcp_options = {"ipcp", ipcpopt_values, "unknown", ipcp_option};
static const struct cp_options ip6cp_options = {"ip6cp", ip6cpopt_values, "unknown", ip6cp_option};
static const struct cp_options ccp_options = {"ccp", ccpconfopts_values, "Unknown", ccp_option};
static const struct cp_options bacp_options = {"bacp", bacconfopts_values, "Unknown", bacp_option};

static const struct cp_options *options_for(uint32_t proto)
{
	switch (proto) {
	case PPP_LCP: return &lcp_options;
	case PPP_IPCP: return &ipcp_options;
	case PPP_IPV6CP: return &ip6cp_options;
	case PPP_CCP: return &ccp_options;
	case PPP_BACP: return &bacp_options;
	default: return NULL;
	}
}

/* An option's name, or NULL for LCP options past the known ones. */
static const char *option_name(const struct cp_options *set, uint8_t opt)
{
	if (set->names)
		return tok2str(set->names, set->unknown_name, opt);
	return opt < NUM_LCPOPTS ? lcpconfopts[opt] : NULL;
}

/* One option: its header line, then its body. Returns how far to advance,
 * 0 to end the list (tcpdump's convention). */
static uint32_t print_cp_option(np_printer *pr, const struct cp_options *set, const uint8_t *p, uint32_t length)
{
	if (length < 2)
		return 0;
	if (!np_has(p, pr->snapend, 2)) {
		out_fmt(pr->out, "[|%s]", set->trunc_name);
		return 0;
	}
	uint8_t opt = p[0], len = p[1];
	if (length < len)
		return 0;
	const char *name = option_name(set, opt);
	if (!name) {
		out_fmt(pr->out, "\n\tunknown LCP option 0x%02x", opt);
		return len < 2 ? 0 : len;
	}
	out_fmt(pr->out, "\n\t  %s Option (0x%02x), length %u", name, opt, len);
	if (len < 2) {
		out_str(pr->out, " (length bogus, should be >= 2)");
		return 0;
	}
	switch (set->body(pr, &p, len)) {
	case OPT_DONE:
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p + 2, "\n\t    ", len - 2);
		return len;
	case OPT_SKIP: return len;
	case OPT_STOP: return 0;
	case OPT_TRUNC: out_fmt(pr->out, "[|%s]", set->trunc_name); return 0;
	case OPT_TRUNC_STOP:
	default: print_trunc_stop(pr); return 0;
	}
}

/* The options of a Configure-Request/Ack/Nak/Reject. tcpdump hands every
 * option the packet's whole option length, not what is left; kept. */
static void print_cp_options(np_printer *pr, uint32_t proto, const uint8_t *p, uint32_t len)
{
	const struct cp_options *set = options_for(proto);
	if (!set)
		return;
	uint32_t left = len - 4;
	do {
		uint32_t advance = print_cp_option(pr, set, p, len);
		if (advance == 0 || pr->stopped)
			return;
		if (left < advance) {
			out_fmt(pr->out, " [remaining options length %u < %u]", left, advance);
			print_invalid(pr);
			return;
		}
		left -= advance;
		p += advance;
	} while (left != 0);
}

/* ---- control protocols (LCP, IPCP, CCP, ...) -------------------------- */

/* The body after code, id and length: what each code carries. `pptr` is the
 * start of the control packet, p the byte after its length field. False
 * when tcpdump would print its local "[|name]" note. */
static bool print_cp_body(np_printer *pr, uint32_t proto, uint8_t code, const uint8_t *pptr, const uint8_t *p,
			  uint32_t len)
{
	const uint8_t *end = pr->snapend;
	uint32_t v, v2;
	uint16_t v16;
	switch (code) {
	case CP_VEXT:
		if (len < 11)
			return true;
		NP_GET_BE32(v, p, end);
		out_fmt(pr->out, "\n\t  Magic-Num 0x%08x", v);
		NP_GET_BE24(v2, p + 4, end);
		out_fmt(pr->out, " Vendor: %s (%u)", tok2str(oui_names, "Unknown", v2), v2);
		return true;
	case CP_CONF_REQ:
	case CP_CONF_ACK:
	case CP_CONF_NAK:
	case CP_CONF_REJ: print_cp_options(pr, proto, p, len); return true;
	case CP_TERM_REQ:
	case CP_TERM_ACK:
	case CP_CODE_REJ: return true;
	case CP_PROT_REJ:
		if (len < 6)
			return true;
		NP_GET_BE16(v16, p, end);
		out_fmt(pr->out, "\n\t  Rejected %s Protocol (0x%04x)", tok2str(ppptype2str, "unknown", v16), v16);
		if (len > 6) {
			out_str(pr->out, "\n\t  Rejected Packet");
			print_unknown_data(pr, p + 2, "\n\t    ", len - 2);
		}
		return true;
	case CP_ECHO_REQ:
	case CP_ECHO_RPL:
	case CP_DISC_REQ:
		if (len < 8)
			return true;
		NP_GET_BE32(v, p, end);
		out_fmt(pr->out, "\n\t  Magic-Num 0x%08x", v);
		if (len > 8) {
			out_str(pr->out, "\n\t  -----trailing data-----");
			if (!np_has(p + 4, end, len - 8))
				return false;
			print_unknown_data(pr, p + 4, "\n\t  ", len - 8);
		}
		return true;
	case CP_ID:
		if (len < 8)
			return true;
		NP_GET_BE32(v, p, end);
		out_fmt(pr->out, "\n\t  Magic-Num 0x%08x", v);
		if (len > 8) {
			out_str(pr->out, "\n\t  Message\n\t    ");
			/* tcpdump prints len - 4 bytes, four past the message;
			 * running out of capture is its local truncation. */
			uint32_t n = len - 4, cap = print_caplen_from(pr, p + 4);
			print_chars(pr, p + 4, n < cap ? n : cap);
			if (n > cap)
				return false;
		}
		return true;
	case CP_TIME_REM:
		if (len < 12)
			return true;
		NP_GET_BE32(v, p, end);
		out_fmt(pr->out, "\n\t  Magic-Num 0x%08x", v);
		NP_GET_BE32(v2, p + 4, end);
		out_fmt(pr->out, ", Seconds-Remaining %us", v2);
		return true;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, pptr - 2, "\n\t  ", len + 2);
		return true;
	}
trunc:
	print_trunc_stop(pr);
	return true;
}

static void handle_ctrl_proto(np_printer *pr, uint32_t proto, const uint8_t *pptr, uint32_t length)
{
	const char *typestr = tok2str(ppptype2str, "unknown ctrl-proto (0x%04x)", proto);
	const uint8_t *end = pr->snapend;
	uint16_t len;
	out_str(pr->out, typestr);
	out_str(pr->out, ", ");
	if (length < 4 || !np_has(pptr, end, 2))
		goto local_trunc;
	uint8_t code = pptr[0], id = pptr[1];
	out_fmt(pr->out, "%s (0x%02x), id %u, length %u", tok2str(cpcodes, "Unknown Opcode", code), code, id,
		length + 2);
	if (!pr->o.vflag)
		return;
	NP_GET_BE16(len, pptr + 2, end);
	if (len < 4) {
		out_fmt(pr->out, "\n\tencoded length %u (< 4))", len);
		return;
	}
	if (len > length) {
		out_fmt(pr->out, "\n\tencoded length %u (> packet length %u))", len, length);
		return;
	}
	out_fmt(pr->out, "\n\tencoded length %u (=Option(s) length %u)", len, len - 4);
	if (len == 4)
		return; /* an empty Configure-Request and the like */
	if (pr->o.vflag > 1)
		print_unknown_data(pr, pptr - 2, "\n\t", 6);
	if (!print_cp_body(pr, proto, code, pptr, pptr + 4, len))
		goto local_trunc;
	return;
local_trunc:
	out_fmt(pr->out, "[|%s]", typestr);
	return;
trunc:
	print_trunc_stop(pr);
}

/* ---- authentication and multilink ------------------------------------- */

static void handle_mlppp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (!pr->o.eflag)
		out_str(pr->out, "MLPPP, ");
	uint16_t v;
	if (length < 2 || !np_get_be16(p, pr->snapend, &v)) {
		out_str(pr->out, "[|mlppp]");
		return;
	}
	out_fmt(pr->out, "seq 0x%03x, Flags [", v & 0x0fff);
	print_bits(pr, ppp_ml_flag_values, (v >> 8) & 0xc0, ", ", "none");
	out_fmt(pr->out, "], length %u", length);
}

/* CHAP and PAP start alike: code, id, length. False when the packet is too
 * short for that header (tcpdump's "[|chap]" forms). */
static bool print_auth_header(np_printer *pr, const char *name, const np_tok *codes, const uint8_t *p, uint32_t length,
			      uint8_t *code, uint16_t *len)
{
	const uint8_t *end = pr->snapend;
	uint8_t id;
	if (length < 1) {
		out_fmt(pr->out, "[|%s]", name);
		return false;
	}
	if (length < 4) {
		NP_GET_U8(*code, p, end);
		out_fmt(pr->out, "[|%s 0x%02x]", name, *code);
		return false;
	}
	NP_GET_U8(*code, p, end);
	for (const char *c = name; *c; c++)
		out_char(pr->out, (char)(*c - 'a' + 'A'));
	out_fmt(pr->out, ", %s (0x%02x)", tok2str(codes, "unknown", *code), *code);
	NP_GET_U8(id, p + 1, end);
	out_str(pr->out, ", id ");
	out_u32(pr->out, id);
	NP_GET_BE16(*len, p + 2, end);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void handle_chap(np_printer *pr, const uint8_t *p, uint32_t length)
{
	const uint8_t *end = pr->snapend;
	uint8_t code, val_size, c;
	uint16_t len;
	if (!print_auth_header(pr, "chap", chapcode_values, p, length, &code, &len))
		return;
	uint32_t at = 4;
	switch (code) {
	case 1: /* challenge */
	case 2: /* response */
		if (length - at < 1)
			return;
		NP_GET_U8(val_size, p + at, end);
		at++;
		if (length - at < val_size)
			return;
		out_str(pr->out, ", Value ");
		for (uint32_t i = 0; i < val_size; i++, at++) {
			NP_GET_U8(c, p + at, end);
			out_hex(pr->out, c, 2);
		}
		out_str(pr->out, ", Name ");
		/* tcpdump's count is unsigned: a short length reads to the end */
		if (!print_chars(pr, p + at, (uint32_t)len - at))
			goto trunc;
		return;
	case 3: /* success */
	case 4: /* failure */
		out_str(pr->out, ", Msg ");
		if (!print_chars(pr, p + at, (uint32_t)len - at))
			goto trunc;
		return;
	default: return;
	}
trunc:
	print_trunc_stop(pr);
}

/* One length-prefixed PAP string: ", <label> <chars>". 1 printed, 0 the
 * packet ends before it (stop quietly), -1 ran off the capture. */
static int pap_string(np_printer *pr, const char *label, const uint8_t *p, uint32_t length, uint32_t *at)
{
	uint8_t n;
	if (length - *at < 1)
		return 0;
	if (!np_get_u8(p + *at, pr->snapend, &n))
		return -1;
	(*at)++;
	if (length - *at < n)
		return 0;
	out_str(pr->out, label);
	if (!print_chars(pr, p + *at, n))
		return -1;
	*at += n;
	return 1;
}

static void handle_pap(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t code;
	uint16_t len;
	if (!print_auth_header(pr, "pap", papcode_values, p, length, &code, &len))
		return;
	if (len > length) {
		out_fmt(pr->out, ", length %u > packet size", len);
		return;
	}
	length = len;
	if (length < 4) {
		out_fmt(pr->out, ", length %u < PAP header length", length);
		return;
	}
	uint32_t at = 4;
	int r;
	switch (code) {
	case 1: /* Authenticate-Request: peer id and password */
		if (len < 6) {
			out_str(pr->out, "[|pap]");
			return;
		}
		r = pap_string(pr, ", Peer ", p, length, &at);
		if (r > 0)
			r = pap_string(pr, ", Name ", p, length, &at);
		break;
	case 2: /* Authenticate-Ack */
	case 3: /* Authenticate-Nak */
		if (len < 5) {
			out_str(pr->out, "[|pap]");
			return;
		}
		r = pap_string(pr, ", Msg ", p, length, &at);
		break;
	default: return;
	}
	if (r < 0)
		print_trunc_stop(pr);
}

/* ---- framing ------------------------------------------------------------ */

/* Headers decoded on demand inside a buffer about to be freed must not be
 * found again at the same address by a later frame's buffer. */
static void forget_scratch_in(np_printer *pr, const uint8_t *b, const uint8_t *end)
{
	for (unsigned i = 0; i < pr->nscratch; i++) {
		np_packet *s = &pr->scratch[i];
		if (s->nlayers > 0 && s->layer[0].p >= b && s->layer[0].p < end)
			s->nlayers = 0;
	}
}

/* RFC 1662 octet-stuffed PPP: un-escape what is captured into a buffer of
 * its own (freed on the way out, so a frame inside a frame gets another,
 * as tcpdump's nd_malloc'd one) and print from there, guessing the
 * protocol field's form. At most MAX_SNAPLEN bytes are taken. */
static void ppp_hdlc(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint32_t caplen = print_caplen_from(pr, p);
	if (caplen == 0 || length == 0)
		return;
	if (caplen > MAX_SNAPLEN)
		caplen = MAX_SNAPLEN;
	uint8_t *b = malloc(caplen), *t = b;
	if (!b) {
		print_trunc_stop(pr);
		return;
	}
	for (uint32_t i = caplen; i != 0; i--) {
		uint8_t c = *p++;
		if (c == 0x7d) {
			if (i <= 1)
				break;
			i--;
			c = *p++ ^ 0x20;
		}
		*t++ = c;
	}
	const uint8_t *saved = pr->snapend;
	pr->snapend = t;
	uint32_t len = (uint32_t)(t - b);
	uint32_t proto;
	if (len < 1)
		goto trunc;
	if (b[0] == PPP_IP) {
		print_ip(pr, b + 1, len - 1);
		goto done;
	}
	if (b[0] == PPP_IPV6) {
		print_ip6(pr, b + 1, len - 1);
		goto done;
	}
	if (len < 2)
		goto trunc;
	proto = (uint32_t)b[0] << 8 | b[1];
	const uint8_t *payload = b + 2;
	if (proto == 0xff03) { /* address and control: the protocol follows */
		if (len < 4)
			goto trunc;
		proto = (uint32_t)b[2] << 8 | b[3];
		payload = b + 4;
	}
	if ((proto & 0xff00) == 0x7e00)
		out_fmt(pr->out, "(protocol 0x%04x invalid)", proto);
	else
		handle_ppp(pr, proto, payload, len - (uint32_t)(payload - b));
done:
	pr->snapend = saved;
	forget_scratch_in(pr, b, t);
	free(b);
	return;
trunc:
	pr->snapend = saved;
	forget_scratch_in(pr, b, t);
	free(b);
	print_trunc(pr);
}

static void handle_ppp(np_printer *pr, uint32_t proto, const uint8_t *p, uint32_t length)
{
	if ((proto & 0xff00) == 0x7e00) { /* a flag byte: HDLC-escaped frame */
		ppp_hdlc(pr, p - 1, length);
		return;
	}
	switch (proto) {
	case PPP_LCP:
	case PPP_IPCP:
	case PPP_OSICP:
	case PPP_MPLSCP:
	case PPP_IPV6CP:
	case PPP_CCP:
	case PPP_BACP: handle_ctrl_proto(pr, proto, p, length); break;
	case PPP_ML: handle_mlppp(pr, p, length); break;
	case PPP_CHAP: handle_chap(pr, p, length); break;
	case PPP_PAP: handle_pap(pr, p, length); break;
	case PPP_BAP: break; /* tcpdump prints nothing for BAP */
	case 0x0800:
	case PPP_VJNC:
	case PPP_IP: print_ip(pr, p, length); break;
	case 0x86dd:
	case PPP_IPV6: print_ip6(pr, p, length); break;
	case PPP_MPLS_UCAST:
	case PPP_MPLS_MCAST: print_mpls(pr, p, length); break;
	case PPP_OSI: print_isoclns(pr, p, length); break;
	case PPP_COMP: out_str(pr->out, "compressed PPP data"); break;
	default:
		out_str(pr->out, tok2str(ppptype2str, "unknown PPP protocol (0x%04x)", proto));
		out_char(pr->out, ' ');
		print_unknown_data(pr, p, "\n\t", length);
		break;
	}
}

/* tcpdump's ppp_print: the PPP header length taken, 0 on truncation. */
static uint32_t ppp_frame(np_printer *pr, const uint8_t *p, uint32_t length)
{
	const uint8_t *end = pr->snapend;
	uint32_t olen = length, proto;
	uint32_t hdr_len = 0;
	uint16_t header;
	uint8_t first;
	pr->protocol = "ppp";
	if (length < 2)
		goto local_trunc;
	NP_GET_BE16(header, p, end);
	/* Address and control, or pppd's direction byte in the address. */
	if (header == 0x0003 || header == 0x0103 || header == 0xff03) {
		if (pr->o.eflag && header != 0xff03)
			out_str(pr->out, header == 0x0003 ? "In  " : "Out ");
		p += 2;
		length -= 2;
		hdr_len += 2;
	}
	if (length < 2)
		goto local_trunc;
	NP_GET_U8(first, p, end);
	if (first & 1) { /* protocol field compressed to one byte */
		proto = first;
		p++;
		length--;
		hdr_len++;
	} else {
		uint16_t v;
		NP_GET_BE16(v, p, end);
		proto = v;
		p += 2;
		length -= 2;
		hdr_len += 2;
	}
	if (pr->o.eflag) {
		const char *name = tok_name(ppptype2str, proto);
		out_fmt(pr->out, "%s (0x%04x), length %u", name ? name : "unknown", proto, olen);
		if (!name)
			return hdr_len;
		out_str(pr->out, ": ");
	}
	handle_ppp(pr, proto, p, length);
	return hdr_len;
local_trunc:
	print_trunc(pr);
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

void print_ppp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	ppp_frame(pr, p, length);
}

/* DLT_PPP: the frame as ppp_print walks it; tcpdump counts the 4 bytes
 * of address, control and protocol as the link header for -x. */
uint32_t print_ppp_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "ppp";
	if (caplen < 4) {
		print_trunc(pr);
		return caplen;
	}
	ppp_frame(pr, p, length);
	return 4;
}

/* DLT_PPP_SERIAL: RFC 1662 framing (address 0xff), Cisco HDLC (0x0f,
 * 0x8f), or an address tcpdump does not know. */
uint32_t print_ppp_hdlc_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "ppp_hdlc";
	if (caplen < 2) {
		print_trunc(pr);
		return caplen;
	}
	uint8_t addr = p[0];
	if (addr == 0x0f || addr == 0x8f)
		return print_chdlc_link(pr, p, length, caplen);
	if (caplen < 4) {
		print_trunc(pr);
		return caplen;
	}
	if (pr->o.eflag)
		out_fmt(pr->out, "%02x %02x %u ", p[0], p[1], length);
	if (addr == 0xff) {
		uint32_t proto = np_load_be16(p + 2);
		out_fmt(pr->out, "%s: ", tok2str(ppptype2str, "unknown PPP protocol (0x%04x)", proto));
		handle_ppp(pr, proto, p + 4, length - 4);
		return 4;
	}
	out_fmt(pr->out, "unknown addr %02x; ctrl %02x", p[2], p[3]);
	return 2;
}
