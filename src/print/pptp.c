/*
 * pptp.c - PPTP control messages on TCP port 1723 (RFC 2637), printed the
 * way tcpdump 4.99.3 does: ": pptp CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0) ...".
 *
 * Every message is a fixed layout of fields after the 12-byte common
 * header, so each message type is one row of field descriptions below and
 * one loop prints them all. Fields are read as they are printed; running
 * off the capture prints " [|pptp]" right there, as tcpdump's longjmp does.
 *
 * Not for: the GRE data channel (gre.c, ppp.c), TCP reassembly: a message
 * split over segments prints only what this segment holds.
 */
#include "print.h"

#define PPTP_MAGIC_COOKIE 0x1a2b3c4d
#define PPTP_HDR_LEN 12

enum pptp_msg {
	SCCRQ = 1,
	SCCRP,
	STOPCCRQ,
	STOPCCRP,
	ECHORQ,
	ECHORP,
	OCRQ,
	OCRP,
	ICRQ,
	ICRP,
	ICCN,
	CCRQ,
	CDN,
	WEN,
	SLI,
	PPTP_MSG_COUNT
};

static const char *const pptp_msg_names[PPTP_MSG_COUNT] = {
	"NOT_DEFINED", "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "ECHORQ", "ECHORP", "OCRQ",
	"OCRP",        "ICRQ",  "ICRP",  "ICCN",     "CCRQ",     "CDN",    "WEN",    "SLI",
};

enum field_kind {
	F_END = 0,
	F_U16,        /* " NAME(%u)" */
	F_U32,        /* " NAME(%u)" */
	F_HEX32,      /* " NAME(0x%08x)" */
	F_RSV8,       /* reserved byte: complain if not zero */
	F_RSV16,      /* reserved 16 bits: complain if not zero */
	F_PROTO_VER,  /* " PROTO_VER(v.r)" */
	F_FRAME_CAP,  /* " FRAME_CAP(AS)" */
	F_BEARER_CAP, /* " BEARER_CAP(DA)" */
	F_BEARER_TYPE,
	F_FRAME_TYPE,
	F_RESULT,  /* result code; names depend on the message */
	F_ERR,     /* error code */
	F_REASON,  /* StopCCRQ reason */
	F_STR,     /* NUL-padded string of `size` bytes */
	F_STR_LEN, /* string whose length is the u16 at offset `size` (at most 64) */
};

struct pptp_field {
	uint8_t kind;
	uint8_t off;  /* from the end of the common header */
	uint8_t size; /* F_STR: bytes; F_STR_LEN: offset of the length field */
	const char *name;
};

#define END                       \
	{                         \
		F_END, 0, 0, NULL \
	}

static const struct pptp_field sccrq_fields[] = {
	{F_PROTO_VER, 0, 0, NULL},   {F_RSV16, 2, 0, NULL},      {F_FRAME_CAP, 4, 0, NULL},
	{F_BEARER_CAP, 8, 0, NULL},  {F_U16, 12, 0, "MAX_CHAN"}, {F_U16, 14, 0, "FIRM_REV"},
	{F_STR, 16, 64, "HOSTNAME"}, {F_STR, 80, 64, "VENDOR"},  END,
};
static const struct pptp_field sccrp_fields[] = {
	{F_PROTO_VER, 0, 0, NULL},  {F_RESULT, 2, 0, NULL},
	{F_ERR, 3, 0, NULL},        {F_FRAME_CAP, 4, 0, NULL},
	{F_BEARER_CAP, 8, 0, NULL}, {F_U16, 12, 0, "MAX_CHAN"},
	{F_U16, 14, 0, "FIRM_REV"}, {F_STR, 16, 64, "HOSTNAME"},
	{F_STR, 80, 64, "VENDOR"},  END,
};
static const struct pptp_field stopccrq_fields[] = {
	{F_REASON, 0, 0, NULL},
	{F_RSV8, 1, 0, NULL},
	{F_RSV16, 2, 0, NULL},
	END,
};
static const struct pptp_field stopccrp_fields[] = {
	{F_RESULT, 0, 0, NULL},
	{F_ERR, 1, 0, NULL},
	{F_RSV16, 2, 0, NULL},
	END,
};
static const struct pptp_field echorq_fields[] = {
	{F_U32, 0, 0, "ID"},
	END,
};
static const struct pptp_field echorp_fields[] = {
	{F_U32, 0, 0, "ID"}, {F_RESULT, 4, 0, NULL}, {F_ERR, 5, 0, NULL}, {F_RSV16, 6, 0, NULL}, END,
};
static const struct pptp_field ocrq_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},
	{F_U16, 2, 0, "CALL_SER_NUM"},
	{F_U32, 4, 0, "MIN_BPS"},
	{F_U32, 8, 0, "MAX_BPS"},
	{F_BEARER_TYPE, 12, 0, NULL},
	{F_FRAME_TYPE, 16, 0, NULL},
	{F_U16, 20, 0, "RECV_WIN"},
	{F_U16, 22, 0, "PROC_DELAY"},
	{F_U16, 24, 0, "PHONE_NO_LEN"},
	{F_RSV16, 26, 0, NULL},
	{F_STR_LEN, 28, 24, "PHONE_NO"},
	{F_STR, 92, 64, "SUB_ADDR"},
	END,
};
static const struct pptp_field ocrp_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},      {F_U16, 2, 0, "PEER_CALL_ID"},
	{F_RESULT, 4, 0, NULL},        {F_ERR, 5, 0, NULL},
	{F_U16, 6, 0, "CAUSE_CODE"},   {F_U32, 8, 0, "CONN_SPEED"},
	{F_U16, 12, 0, "RECV_WIN"},    {F_U16, 14, 0, "PROC_DELAY"},
	{F_U32, 16, 0, "PHY_CHAN_ID"}, END,
};
static const struct pptp_field icrq_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},         {F_U16, 2, 0, "CALL_SER_NUM"},
	{F_BEARER_TYPE, 4, 0, NULL},      {F_U32, 8, 0, "PHY_CHAN_ID"},
	{F_U16, 12, 0, "DIALED_NO_LEN"},  {F_U16, 14, 0, "DIALING_NO_LEN"},
	{F_STR_LEN, 16, 12, "DIALED_NO"}, {F_STR_LEN, 80, 14, "DIALING_NO"},
	{F_STR, 144, 64, "SUB_ADDR"},     END,
};
static const struct pptp_field icrp_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},  {F_U16, 2, 0, "PEER_CALL_ID"}, {F_RESULT, 4, 0, NULL}, {F_ERR, 5, 0, NULL},
	{F_U16, 6, 0, "RECV_WIN"}, {F_U16, 8, 0, "PROC_DELAY"},   {F_RSV16, 10, 0, NULL}, END,
};
static const struct pptp_field iccn_fields[] = {
	{F_U16, 0, 0, "PEER_CALL_ID"},
	{F_RSV16, 2, 0, NULL},
	{F_U32, 4, 0, "CONN_SPEED"},
	{F_U16, 8, 0, "RECV_WIN"},
	{F_U16, 10, 0, "PROC_DELAY"},
	{F_FRAME_TYPE, 12, 0, NULL},
	END,
};
static const struct pptp_field ccrq_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},
	{F_RSV16, 2, 0, NULL},
	END,
};
static const struct pptp_field cdn_fields[] = {
	{F_U16, 0, 0, "CALL_ID"},
	{F_RESULT, 2, 0, NULL},
	{F_ERR, 3, 0, NULL},
	{F_U16, 4, 0, "CAUSE_CODE"},
	{F_RSV16, 6, 0, NULL},
	{F_STR, 8, 128, "CALL_STATS"},
	END,
};
static const struct pptp_field wen_fields[] = {
	{F_U16, 0, 0, "PEER_CALL_ID"},
	{F_RSV16, 2, 0, NULL},
	{F_U32, 4, 0, "CRC_ERR"},
	{F_U32, 8, 0, "FRAMING_ERR"},
	{F_U32, 12, 0, "HARDWARE_OVERRUN"},
	{F_U32, 16, 0, "BUFFER_OVERRUN"},
	{F_U32, 20, 0, "TIMEOUT_ERR"},
	{F_U32, 24, 0, "ALIGN_ERR"},
	END,
};
static const struct pptp_field sli_fields[] = {
	{F_U16, 0, 0, "PEER_CALL_ID"},
	{F_RSV16, 2, 0, NULL},
	{F_HEX32, 4, 0, "SEND_ACCM"},
	{F_HEX32, 8, 0, "RECV_ACCM"},
	END,
};

static const struct pptp_field *const pptp_msg_fields[PPTP_MSG_COUNT] = {
	[SCCRQ] = sccrq_fields,   [SCCRP] = sccrp_fields,   [STOPCCRQ] = stopccrq_fields, [STOPCCRP] = stopccrp_fields,
	[ECHORQ] = echorq_fields, [ECHORP] = echorp_fields, [OCRQ] = ocrq_fields,         [OCRP] = ocrp_fields,
	[ICRQ] = icrq_fields,     [ICRP] = icrp_fields,     [ICCN] = iccn_fields,         [CCRQ] = ccrq_fields,
	[CDN] = cdn_fields,       [WEN] = wen_fields,       [SLI] = sli_fields,
};

static const np_tok pptp_btype_str[] = {{1, "A"}, {2, "D"}, {3, "Any"}, {0, NULL}};
static const np_tok pptp_ftype_str[] = {{1, "A"}, {2, "S"}, {3, "E"}, {0, NULL}};
static const np_tok pptp_errcode_str[] = {
	{0, "None"},        {1, "Not-Connected"}, {2, "Bad-Format"}, {3, "Bad-Value"},
	{4, "No-Resource"}, {5, "Bad-Call-ID"},   {6, "PAC-Error"},  {0, NULL},
};
static const np_tok pptp_scrrp_str[] = {
	{1, "Successful channel establishment"},
	{2, "General error"},
	{3, "Command channel already exists"},
	{4, "Requester is not authorized to establish a command channel"},
	{5, "The protocol version of the requester is not supported"},
	{0, NULL},
};
static const np_tok pptp_echorp_str[] = {{1, "OK"}, {2, "General Error"}, {0, NULL}};
static const np_tok pptp_ocrp_str[] = {
	{1, "Connected"},    {2, "General Error"}, {3, "No Carrier"},    {4, "Busy"},
	{5, "No Dial Tone"}, {6, "Time-out"},      {7, "Do Not Accept"}, {0, NULL},
};
static const np_tok pptp_icrp_str[] = {{1, "Connect"}, {2, "General Error"}, {3, "Do Not Accept"}, {0, NULL}};
static const np_tok pptp_cdn_str[] = {
	{1, "Lost Carrier"}, {2, "General Error"}, {3, "Admin Shutdown"}, {4, "Request"}, {0, NULL},
};
static const np_tok pptp_stop_reason_str[] = {
	{1, "None"},
	{2, "Stop-Protocol"},
	{3, "Stop-Local-Shutdown"},
	{0, NULL},
};

static const np_tok *result_names(uint16_t msg)
{
	switch (msg) {
	case SCCRP: return pptp_scrrp_str;
	case STOPCCRP:
	case ECHORP: return pptp_echorp_str;
	case OCRP: return pptp_ocrp_str;
	case ICRP: return pptp_icrp_str;
	case CDN: return pptp_cdn_str;
	default: return NULL;
	}
}

static void print_named_u32(np_printer *pr, const char *name, uint32_t v)
{
	out_char(pr->out, ' ');
	out_str(pr->out, name);
	out_char(pr->out, '(');
	out_u32(pr->out, v);
	out_char(pr->out, ')');
}

/* " NAME(code" [":meaning" with -v] ")". */
static void print_code(np_printer *pr, const char *name, uint8_t v, const np_tok *names)
{
	out_char(pr->out, ' ');
	out_str(pr->out, name);
	out_char(pr->out, '(');
	out_u32(pr->out, v);
	if (pr->o.vflag && names) {
		out_char(pr->out, ':');
		out_str(pr->out, tok2str(names, "?", v));
	}
	out_char(pr->out, ')');
}

static void print_reserved(np_printer *pr, uint32_t v)
{
	if (v)
		out_fmt(pr->out, " [ERROR: reserved=%u must be zero]", v);
}

/* tcpdump's nd_printjnp: up to n bytes, stopping at a NUL; false when the
 * capture ends first. */
static bool print_padded_string(np_printer *pr, const uint8_t *s, uint32_t n)
{
	for (; n > 0; n--, s++) {
		uint8_t c;
		if (!np_get_u8(s, pr->snapend, &c))
			return false;
		if (c == '\0')
			break;
		print_safe_char(pr, c);
	}
	return true;
}

/* One field; false when it runs off the capture. */
static bool print_field(np_printer *pr, const struct pptp_field *f, const uint8_t *body, uint16_t msg)
{
	np_out *o = pr->out;
	const uint8_t *p = body + f->off;
	const uint8_t *end = pr->snapend;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	switch (f->kind) {
	case F_U16:
		NP_GET_BE16(u16, p, end);
		print_named_u32(pr, f->name, u16);
		return true;
	case F_U32:
		NP_GET_BE32(u32, p, end);
		print_named_u32(pr, f->name, u32);
		return true;
	case F_HEX32:
		NP_GET_BE32(u32, p, end);
		out_fmt(o, " %s(0x%08x)", f->name, u32);
		return true;
	case F_RSV8:
		NP_GET_U8(u8, p, end);
		print_reserved(pr, u8);
		return true;
	case F_RSV16:
		NP_GET_BE16(u16, p, end);
		print_reserved(pr, u16);
		return true;
	case F_PROTO_VER:
		NP_GET_BE16(u16, p, end);
		out_fmt(o, " PROTO_VER(%u.%u)", u16 >> 8, u16 & 0xff);
		return true;
	case F_FRAME_CAP:
		out_str(o, " FRAME_CAP(");
		NP_GET_BE32(u32, p, end);
		out_str(o, (u32 & 1) ? "A" : "");
		out_str(o, (u32 & 2) ? "S" : "");
		out_char(o, ')');
		return true;
	case F_BEARER_CAP:
		NP_GET_BE32(u32, p, end);
		out_str(o, " BEARER_CAP(");
		out_str(o, (u32 & 2) ? "D" : "");
		out_str(o, (u32 & 1) ? "A" : "");
		out_char(o, ')');
		return true;
	case F_BEARER_TYPE:
		NP_GET_BE32(u32, p, end);
		out_str(o, " BEARER_TYPE(");
		out_str(o, tok2str(pptp_btype_str, "?", u32));
		out_char(o, ')');
		return true;
	case F_FRAME_TYPE:
		NP_GET_BE32(u32, p, end);
		out_str(o, " FRAME_TYPE(");
		out_str(o, tok2str(pptp_ftype_str, "?", u32));
		out_char(o, ')');
		return true;
	case F_RESULT:
		NP_GET_U8(u8, p, end);
		print_code(pr, "RESULT_CODE", u8, result_names(msg));
		return true;
	case F_ERR:
		NP_GET_U8(u8, p, end);
		print_code(pr, "ERR_CODE", u8, pptp_errcode_str);
		return true;
	case F_REASON:
		NP_GET_U8(u8, p, end);
		print_code(pr, "REASON", u8, pptp_stop_reason_str);
		return true;
	case F_STR:
	case F_STR_LEN:
		out_char(o, ' ');
		out_str(o, f->name);
		out_char(o, '(');
		u32 = f->size;
		if (f->kind == F_STR_LEN) {
			NP_GET_BE16(u16, body + f->size, end);
			u32 = u16 < 64 ? u16 : 64;
		}
		if (!print_padded_string(pr, p, u32))
			goto trunc;
		out_char(o, ')');
		return true;
	default: return true;
	}
trunc:
	return false;
}

static void print_msg_type(np_printer *pr, uint16_t type)
{
	switch (type) {
	case 1: out_str(pr->out, " CTRL-MSG"); break;
	case 2: out_str(pr->out, " MGMT-MSG"); break;
	default: out_str(pr->out, " UNKNOWN-MSG-TYPE"); break;
	}
}

void print_pptp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t len, type, ctrl, rsv;
	uint32_t cookie;
	(void)length; /* tcpdump reads the fixed layouts regardless of the segment length */
	pr->protocol = "pptp";
	out_str(o, ": pptp");
	if (pr->o.vflag) {
		NP_GET_BE16(len, p, end);
		out_str(o, " Length=");
		out_u32(o, len);
		NP_GET_BE16(type, p + 2, end);
		print_msg_type(pr, type);
	}
	NP_GET_BE32(cookie, p + 4, end);
	if (cookie != PPTP_MAGIC_COOKIE)
		out_fmt(o, " UNEXPECTED Magic-Cookie!!(%08x)", cookie);
	if (pr->o.vflag || cookie != PPTP_MAGIC_COOKIE)
		out_fmt(o, " Magic-Cookie=%08x", cookie);
	NP_GET_BE16(ctrl, p + 8, end);
	if (ctrl < PPTP_MSG_COUNT) {
		out_str(o, " CTRL_MSGTYPE=");
		out_str(o, pptp_msg_names[ctrl]);
	} else {
		out_fmt(o, " UNKNOWN_CTRL_MSGTYPE(%u)", ctrl);
	}
	NP_GET_BE16(rsv, p + 10, end);
	print_reserved(pr, rsv);
	const struct pptp_field *f = ctrl < PPTP_MSG_COUNT ? pptp_msg_fields[ctrl] : NULL;
	for (; f && f->kind != F_END; f++)
		if (!print_field(pr, f, p + PPTP_HDR_LEN, ctrl))
			goto trunc;
	return;
trunc:
	print_trunc_stop(pr);
}
