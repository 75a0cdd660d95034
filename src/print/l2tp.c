/*
 * l2tp.c - L2TPv2 (UDP 1701, RFC 2661) as tcpdump 4.99's print-l2tp.c
 * writes it: the header's flags, tunnel and session ids, Ns/Nr; for
 * control messages each AVP by name with its value (message type, result
 * code, versions, capabilities, names, counters, ACCM, PPP disconnect
 * cause...), for data messages the PPP frame in braces.
 *
 * Not for: L2F (named only), L2TPv3, hidden AVP values (shown as "???").
 */
#include "print.h"

#define L2TP_FLAG_TYPE 0x8000
#define L2TP_FLAG_LENGTH 0x4000
#define L2TP_FLAG_SEQUENCE 0x0800
#define L2TP_FLAG_OFFSET 0x0200
#define L2TP_FLAG_PRIORITY 0x0100
#define L2TP_AVP_MANDATORY 0x8000
#define L2TP_AVP_HIDDEN 0x4000
#define L2TP_AVP_LEN_MASK 0x03ff
#define L2TP_AVP_HDRLEN 6

static const np_tok l2tp_msgtype_names[] = {
	{1, "SCCRQ"}, {2, "SCCRP"}, {3, "SCCCN"}, {4, "StopCCN"}, {6, "HELLO"}, {7, "OCRQ"}, {8, "OCRP"}, {9, "OCCN"},
	{10, "ICRQ"}, {11, "ICRP"}, {12, "ICCN"}, {14, "CDN"},    {15, "WEN"},  {16, "SLI"}, {0, NULL},
};

static const np_tok l2tp_avp_names[] = {
	{0, "MSGTYPE"},          {1, "RESULT_CODE"},      {2, "PROTO_VER"},
	{3, "FRAMING_CAP"},      {4, "BEARER_CAP"},       {5, "TIE_BREAKER"},
	{6, "FIRM_VER"},         {7, "HOST_NAME"},        {8, "VENDOR_NAME"},
	{9, "ASSND_TUN_ID"},     {10, "RECV_WIN_SIZE"},   {11, "CHALLENGE"},
	{12, "Q931_CC"},         {13, "CHALLENGE_RESP"},  {14, "ASSND_SESS_ID"},
	{15, "CALL_SER_NUM"},    {16, "MINIMUM_BPS"},     {17, "MAXIMUM_BPS"},
	{18, "BEARER_TYPE"},     {19, "FRAMING_TYPE"},    {20, "PACKET_PROC_DELAY"},
	{21, "CALLED_NUMBER"},   {22, "CALLING_NUMBER"},  {23, "SUB_ADDRESS"},
	{24, "TX_CONN_SPEED"},   {25, "PHY_CHANNEL_ID"},  {26, "INI_RECV_LCP"},
	{27, "LAST_SENT_LCP"},   {28, "LAST_RECV_LCP"},   {29, "PROXY_AUTH_TYPE"},
	{30, "PROXY_AUTH_NAME"}, {31, "PROXY_AUTH_CHAL"}, {32, "PROXY_AUTH_ID"},
	{33, "PROXY_AUTH_RESP"}, {34, "CALL_ERRORS"},     {35, "ACCM"},
	{36, "RANDOM_VECTOR"},   {37, "PRIVATE_GRP_ID"},  {38, "RX_CONN_SPEED"},
	{39, "SEQ_REQUIRED"},    {46, "PPP_DISCON_CC"},   {0, NULL},
};

static const np_tok l2tp_authtype_names[] = {
	{0, "Reserved"}, {1, "Textual"}, {2, "CHAP"}, {3, "PAP"}, {4, "No Auth"}, {5, "MS-CHAPv1"}, {0, NULL},
};

static const np_tok l2tp_cc_direction_names[] = {
	{0, "global error"},
	{1, "at peer"},
	{2, "at local"},
	{0, NULL},
};

/* The value printers below see an AVP body the caller has checked is all
 * captured, so they load without further checks. */
static void l2tp_string(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		print_safe_char(pr, p[i]);
}

static void l2tp_octets(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		out_fmt(pr->out, "%02x", p[i]);
}

static void l2tp_too_short(np_printer *pr)
{
	out_str(pr->out, "AVP too short");
}

/* Two letters for the two low bits of a 32-bit capability/type word:
 * hi for 0x2, lo for 0x1. */
static void l2tp_bits2(np_printer *pr, const uint8_t *p, uint32_t n, char hi, char lo)
{
	if (n < 4) {
		l2tp_too_short(pr);
		return;
	}
	uint32_t v = np_load_be32(p);
	if (v & 2)
		out_char(pr->out, hi);
	if (v & 1)
		out_char(pr->out, lo);
}

static void l2tp_result_code(np_printer *pr, const uint8_t *p, uint32_t n)
{
	if (n < 2) {
		l2tp_too_short(pr);
		return;
	}
	out_u32(pr->out, np_load_be16(p));
	if (n == 2)
		return;
	if (n < 4) {
		out_str(pr->out, " AVP too short");
		return;
	}
	out_fmt(pr->out, "/%u", np_load_be16(p + 2));
	if (n == 4)
		return;
	out_char(pr->out, ' ');
	l2tp_string(pr, p + 4, n - 4);
}

/* Call errors (6 counters) and ACCM (2 words) after 2 reserved bytes. */
static void l2tp_counters(np_printer *pr, const uint8_t *p, uint32_t n, const char *const *names, const char *fmt,
			  int count)
{
	if (n < 2) {
		l2tp_too_short(pr);
		return;
	}
	p += 2;
	n -= 2;
	for (int i = 0; i < count; i++, p += 4, n -= 4) {
		if (n < 4) {
			l2tp_too_short(pr);
			return;
		}
		out_str(pr->out, names[i]);
		out_fmt(pr->out, fmt, np_load_be32(p));
	}
}

static void l2tp_ppp_discon_cc(np_printer *pr, const uint8_t *p, uint32_t n)
{
	if (n < 5) {
		l2tp_too_short(pr);
		return;
	}
	out_fmt(pr->out, "%04x, %04x ", np_load_be16(p), np_load_be16(p + 2));
	out_str(pr->out, tok2str(l2tp_cc_direction_names, "Direction-#%u", p[4]));
	if (n > 5) {
		out_char(pr->out, ' ');
		l2tp_string(pr, p + 5, n - 5);
	}
}

static void l2tp_avp_value(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t n)
{
	static const char *const errs[] = {"CRCErr=", "FrameErr=", "HardOver=", "BufOver=", "Timeout=", "AlignErr="};
	static const char *const accm[] = {"send=", "recv="};
	np_out *o = pr->out;
	switch (type) {
	case 0:
		if (n < 2)
			l2tp_too_short(pr);
		else
			out_str(o, tok2str(l2tp_msgtype_names, "MSGTYPE-#%u", np_load_be16(p)));
		break;
	case 1: l2tp_result_code(pr, p, n); break;
	case 2:
		if (n < 2)
			l2tp_too_short(pr);
		else
			out_fmt(o, "%u.%u", p[0], p[1]);
		break;
	case 3:
	case 19: l2tp_bits2(pr, p, n, 'A', 'S'); break;
	case 4:
	case 18: l2tp_bits2(pr, p, n, 'A', 'D'); break;
	case 5:
	case 13:
		if (n < (type == 5 ? 8u : 16u))
			l2tp_too_short(pr);
		else
			l2tp_octets(pr, p, type == 5 ? 8 : 16);
		break;
	case 6:
	case 9:
	case 10:
	case 14:
		if (n < 2)
			l2tp_too_short(pr);
		else
			out_u32(o, np_load_be16(p));
		break;
	case 7:
	case 8:
	case 21:
	case 22:
	case 23:
	case 30:
	case 37: l2tp_string(pr, p, n); break;
	case 11:
	case 26:
	case 27:
	case 28:
	case 31:
	case 33:
	case 36: l2tp_octets(pr, p, n); break;
	case 12:
		if (n < 3) {
			l2tp_too_short(pr);
			break;
		}
		out_fmt(o, "%u, %02x", np_load_be16(p), p[2]);
		if (n > 3) {
			out_char(o, ' ');
			l2tp_string(pr, p + 3, n - 3);
		}
		break;
	case 15:
	case 16:
	case 17:
	case 24:
	case 25:
	case 38:
		if (n < 4)
			l2tp_too_short(pr);
		else
			out_u32(o, np_load_be32(p));
		break;
	case 20: out_str(o, "obsolete"); break;
	case 29:
		if (n < 2)
			l2tp_too_short(pr);
		else
			out_str(o, tok2str(l2tp_authtype_names, "AuthType-#%u", np_load_be16(p)));
		break;
	case 32:
		if (n < 2)
			l2tp_too_short(pr);
		else
			out_u32(o, p[1]);
		break;
	case 34: l2tp_counters(pr, p, n, errs, "%u ", 6); break;
	case 35: l2tp_counters(pr, p, n, accm, "%08x ", 2); break;
	case 46: l2tp_ppp_discon_cc(pr, p, n); break;
	default: break; /* 39 (sequencing required) has no value */
	}
}

/* One AVP within the `left` bytes the message has; its length, or 0 when
 * it is malformed or not all captured (the truncation note is printed). */
static uint32_t l2tp_avp(np_printer *pr, const uint8_t *p, uint32_t left)
{
	np_out *o = pr->out;
	uint16_t w;
	out_char(o, ' ');
	NP_GET_BE16(w, p, pr->snapend);
	uint32_t len = w & L2TP_AVP_LEN_MASK;
	if (len < L2TP_AVP_HDRLEN || len > left || !np_has(p, pr->snapend, len))
		goto trunc;
	if (w & L2TP_AVP_MANDATORY)
		out_char(o, '*');
	if (w & L2TP_AVP_HIDDEN)
		out_char(o, '?');
	uint16_t vendor = np_load_be16(p + 2), type = np_load_be16(p + 4);
	if (vendor) {
		out_fmt(o, "VENDOR%04x:ATTR%04x(", vendor, type);
		l2tp_octets(pr, p + 6, len - L2TP_AVP_HDRLEN);
	} else {
		out_str(o, tok2str(l2tp_avp_names, "AVP-#%u", type));
		out_char(o, '(');
		if (w & L2TP_AVP_HIDDEN)
			out_str(o, "???");
		else
			l2tp_avp_value(pr, type, p + 6, len - L2TP_AVP_HDRLEN);
	}
	out_char(o, ')');
	return len;
trunc:
	print_trunc(pr);
	return 0;
}

void print_l2tp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *ptr = p;
	uint16_t flags, v, l2tp_len = 0;
	uint32_t cnt;
	pr->protocol = "l2tp";
	NP_GET_BE16(flags, p, pr->snapend);
	if ((flags & 0xf) == 2) {
		out_str(o, " l2tp:");
	} else if ((flags & 0xf) == 1) {
		out_str(o, " l2f:");
		return;
	} else {
		out_str(o, " Unknown Version, neither L2F(1) nor L2TP(2)");
		return;
	}
	out_char(o, '[');
	if (flags & L2TP_FLAG_TYPE)
		out_char(o, 'T');
	if (flags & L2TP_FLAG_LENGTH)
		out_char(o, 'L');
	if (flags & L2TP_FLAG_SEQUENCE)
		out_char(o, 'S');
	if (flags & L2TP_FLAG_OFFSET)
		out_char(o, 'O');
	if (flags & L2TP_FLAG_PRIORITY)
		out_char(o, 'P');
	out_char(o, ']');
	ptr += 2;
	if (flags & L2TP_FLAG_LENGTH) {
		NP_GET_BE16(l2tp_len, ptr, pr->snapend);
		ptr += 2;
	}
	NP_GET_BE16(v, ptr, pr->snapend);
	out_fmt(o, "(%u/", v);
	NP_GET_BE16(v, ptr + 2, pr->snapend);
	out_fmt(o, "%u)", v);
	ptr += 4;
	if (flags & L2TP_FLAG_SEQUENCE) {
		NP_GET_BE16(v, ptr, pr->snapend);
		out_fmt(o, "Ns=%u,", v);
		NP_GET_BE16(v, ptr + 2, pr->snapend);
		out_fmt(o, "Nr=%u", v);
		ptr += 4;
	}
	if (flags & L2TP_FLAG_OFFSET) {
		uint16_t pad;
		NP_GET_BE16(pad, ptr, pr->snapend);
		if (!np_has(ptr + 2, pr->snapend, pad)) {
			print_trunc(pr);
			return;
		}
		ptr += 2 + (uint32_t)pad;
	}
	cnt = (uint32_t)(ptr - p);
	if (flags & L2TP_FLAG_LENGTH) {
		if (length < l2tp_len) {
			out_fmt(o, " Length %u larger than packet", l2tp_len);
			return;
		}
		length = l2tp_len;
	}
	if (length < cnt) {
		out_fmt(o, " Length %u smaller than header length", length);
		return;
	}
	if (!(flags & L2TP_FLAG_TYPE)) {
		out_str(o, " {");
		print_ppp(pr, ptr, length - cnt);
		if (!pr->stopped)
			out_char(o, '}');
		return;
	}
	if (!(flags & L2TP_FLAG_LENGTH)) {
		out_str(o, " No length");
		return;
	}
	if (length == cnt) {
		out_str(o, " ZLB");
		return;
	}
	while (length != cnt) {
		uint32_t n = l2tp_avp(pr, ptr, length - cnt);
		if (n == 0)
			break;
		cnt += n;
		ptr += n;
	}
	return;
trunc:
	print_trunc_stop(pr);
}
