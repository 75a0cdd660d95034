/*
 * dccp.c - the Datagram Congestion Control Protocol (RFC 4340, IP
 * protocol 33) as tcpdump 4.99's print-dccp.c writes it: ports, packet
 * type with its service code, reset code and acknowledgement number, with
 * -v the CCVal/CsCov fields and the checksum over the covered part, with
 * -vv the sequence number and the options.
 *
 * Not for: CCID-specific meaning of options 128-255 (shown by number).
 */
#include "print.h"

#include "cksum.h"

#define DCCP_HDRLEN 12     /* the generic header with a 24-bit sequence number */
#define DCCP_HDRLEN_EXT 16 /* ... with a 48-bit one (X bit set) */

enum {
	DCCP_REQUEST,
	DCCP_RESPONSE,
	DCCP_DATA,
	DCCP_ACK,
	DCCP_DATAACK,
	DCCP_CLOSEREQ,
	DCCP_CLOSE,
	DCCP_RESET,
	DCCP_SYNC,
	DCCP_SYNCACK
};

static const np_tok dccp_type_names[] = {
	{DCCP_REQUEST, "DCCP-Request"},
	{DCCP_RESPONSE, "DCCP-Response"},
	{DCCP_DATA, "DCCP-Data"},
	{DCCP_ACK, "DCCP-Ack"},
	{DCCP_DATAACK, "DCCP-DataAck"},
	{DCCP_CLOSEREQ, "DCCP-CloseReq"},
	{DCCP_CLOSE, "DCCP-Close"},
	{DCCP_RESET, "DCCP-Reset"},
	{DCCP_SYNC, "DCCP-Sync"},
	{DCCP_SYNCACK, "DCCP-SyncAck"},
	{0, NULL},
};

static const char *const reset_codes[] = {
	"unspecified",      "closed",       "aborted",         "no_connection",
	"packet_error",     "option_error", "mandatory_error", "connection_refused",
	"bad_service_code", "too_busy",     "bad_init_cookie", "aggression_penalty",
};

static const char *const feature_names[] = {
	"reserved",
	"ccid",
	"allow_short_seqno",
	"sequence_window",
	"ecn_incapable",
	"ack_ratio",
	"send_ack_vector",
	"send_ndp_count",
	"minimum checksum coverage",
	"check data checksum",
};

static const np_tok option_names[] = {
	{0, "nop"},        {1, "mandatory"},       {2, "slowreceiver"},  {32, "change_l"},
	{33, "confirm_l"}, {34, "change_r"},       {35, "confirm_r"},    {36, "initcookie"},
	{37, "ndp_count"}, {38, "ack_vector0"},    {39, "ack_vector1"},  {40, "data_dropped"},
	{41, "timestamp"}, {42, "timestamp_echo"}, {43, "elapsed_time"}, {44, "data_checksum"},
	{0, NULL},
};

/* What follows the generic header, by type: its length, 0 for none. */
static uint32_t type_hdr_len(uint8_t type)
{
	switch (type) {
	case DCCP_REQUEST: return 4;
	case DCCP_RESPONSE:
	case DCCP_RESET: return 12;
	case DCCP_ACK:
	case DCCP_DATAACK:
	case DCCP_CLOSEREQ:
	case DCCP_CLOSE:
	case DCCP_SYNC:
	case DCCP_SYNCACK: return 8;
	default: return 0;
	}
}

static void print_option_name(np_printer *pr, uint8_t kind)
{
	if (kind >= 128)
		out_fmt(pr->out, "CCID option %u", kind);
	else
		out_str(pr->out, tok2str(option_names, "Option %u", kind));
}

/* " 0x" and the bytes in hex (bytes 2.. of an option), if any. */
static void print_option_hex(np_printer *pr, const uint8_t *opt, uint8_t optlen, const char *lead)
{
	if (optlen <= 2)
		return;
	out_str(pr->out, lead);
	for (int i = 2; i < optlen; i++)
		out_fmt(pr->out, "%02x", opt[i]);
}

/* The option's value; its optlen bytes are captured. */
static void print_option_value(np_printer *pr, const uint8_t *opt, uint8_t optlen)
{
	np_out *o = pr->out;
	switch (opt[0]) {
	case 32:
	case 33:
	case 34:
	case 35:
		if (optlen < 3) {
			out_str(o, " optlen too short");
			return;
		}
		if (opt[2] < 10) {
			out_fmt(o, " %s", feature_names[opt[2]]);
			for (int i = 3; i < optlen; i++)
				out_fmt(o, " %u", opt[i]);
		}
		return;
	case 37:
		for (int i = 2; i < optlen; i++)
			out_fmt(o, " %u", opt[i]);
		return;
	case 36:
	case 38:
	case 39:
	case 40: print_option_hex(pr, opt, optlen, " 0x"); return;
	case 44: print_option_hex(pr, opt, optlen, " "); return;
	case 41:
		if (optlen == 6)
			out_fmt(o, " %u", np_load_be32(opt + 2));
		else
			out_str(o, " [optlen != 6]");
		return;
	case 42:
		if (optlen == 6 || optlen == 8 || optlen == 10)
			out_fmt(o, " %u", np_load_be32(opt + 2));
		if (optlen == 8)
			out_fmt(o, " (elapsed time %u)", np_load_be16(opt + 6));
		else if (optlen == 10)
			out_fmt(o, " (elapsed time %u)", np_load_be32(opt + 6));
		else if (optlen != 6)
			out_str(o, " [optlen != 6 or 8 or 10]");
		return;
	case 43:
		if (optlen == 6)
			out_fmt(o, " %u", np_load_be32(opt + 2));
		else if (optlen == 4)
			out_fmt(o, " %u", np_load_be16(opt + 2));
		else
			out_str(o, " [optlen != 4 or 6]");
		return;
	default: return;
	}
}

/* One option: its length, 0 when the walk must end. */
static uint32_t print_option(np_printer *pr, const uint8_t *opt, uint32_t hlen)
{
	uint8_t kind, optlen = 1;
	NP_GET_U8(kind, opt, pr->snapend);
	if (kind >= 32) {
		NP_GET_U8(optlen, opt + 1, pr->snapend);
		if (optlen < 2) {
			print_option_name(pr, kind);
			out_str(pr->out, " optlen too short");
			return 0;
		}
	}
	if (hlen < optlen) {
		print_option_name(pr, kind);
		out_str(pr->out, " optlen goes past header length");
		return 0;
	}
	if (!np_has(opt, pr->snapend, optlen)) {
		print_trunc(pr);
		return 0;
	}
	print_option_name(pr, kind);
	if (kind >= 128) {
		if (optlen == 4)
			out_fmt(pr->out, " %u", np_load_be16(opt + 2));
		else if (optlen == 6)
			out_fmt(pr->out, " %u", np_load_be32(opt + 2));
	} else {
		print_option_value(pr, opt, optlen);
	}
	return optlen;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static void print_options(np_printer *pr, const uint8_t *cp, uint32_t hlen)
{
	out_str(pr->out, " <");
	for (;;) {
		uint32_t optlen = print_option(pr, cp, hlen);
		if (pr->stopped)
			return;
		if (!optlen || hlen <= optlen)
			break;
		hlen -= optlen;
		cp += optlen;
		out_str(pr->out, ", ");
	}
	out_char(pr->out, '>');
}

/* " (CCVal N, CsCov N[, cksum 0xNNNN (correct)])" of -v. */
static void print_dccp_verbose(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph)
{
	uint8_t cscov = p[5] & 0x0f;
	out_fmt(pr->out, " (CCVal %u, CsCov %u", p[5] >> 4, cscov);
	if (np_has(p, pr->snapend, len)) {
		uint16_t sent = np_load_be16(p + 6);
		uint32_t cov = len;
		if (cscov) {
			cov = (p[4] + cscov - 1u) * 4u;
			if (cov > len)
				cov = len;
		}
		uint16_t sum = print_l4_cksum_cov(pr, iph, p, len, cov, 33);
		out_fmt(pr->out, ", cksum 0x%04x ", sent);
		if (sum != 0)
			out_fmt(pr->out, "(incorrect -> 0x%04x)", np_in_cksum_shouldbe(sent, sum));
		else
			out_str(pr->out, "(correct)");
	}
	out_char(pr->out, ')');
}

void print_dccp(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph)
{
	np_out *o = pr->out;
	pr->protocol = "dccp";
	if (!np_has(p, pr->snapend, DCCP_HDRLEN))
		goto trunc;
	if (len < DCCP_HDRLEN) {
		out_fmt(o, "truncated-dccp - %u bytes missing!", DCCP_HDRLEN - len);
		return;
	}
	bool ext = p[8] & 1;
	uint32_t fixed = ext ? DCCP_HDRLEN_EXT : DCCP_HDRLEN;
	if (len < fixed) {
		out_fmt(o, "truncated-dccp - %u bytes missing!", fixed - len);
		return;
	}
	if (!np_has(p, pr->snapend, fixed))
		goto trunc;
	uint32_t hlen = p[4] * 4u;
	print_ip_ports(pr, iph, np_load_be16(p), np_load_be16(p + 2));
	out_str(o, "DCCP");
	if (pr->o.qflag) {
		out_fmt(o, " %u", len - hlen);
		if (hlen > len)
			out_fmt(o, " [bad hdr length %u - too long, > %u]", hlen, len);
		return;
	}
	if (pr->o.vflag)
		print_dccp_verbose(pr, p, len, iph);
	out_char(o, ' ');
	uint8_t type = (p[8] >> 1) & 0x0f;
	const char *name = tok2str(dccp_type_names, "unknown-type-%u", type);
	uint32_t more = type_hdr_len(type);
	if (more) {
		fixed += more;
		if (len < fixed) {
			out_fmt(o, "truncated-%s - %u bytes missing!", name, fixed - len);
			return;
		}
	}
	const uint8_t *th = p + (ext ? DCCP_HDRLEN_EXT : DCCP_HDRLEN);
	if (type == DCCP_REQUEST || type == DCCP_RESPONSE || type == DCCP_RESET) {
		if (!np_has(th, pr->snapend, type == DCCP_REQUEST ? 4 : 12))
			goto trunc;
		if (type == DCCP_RESET)
			out_fmt(o, "%s (code=%s) ", name, th[8] < 12 ? reset_codes[th[8]] : "invalid");
		else
			out_fmt(o, "%s (service=%u) ", name, np_load_be32(th + (type == DCCP_REQUEST ? 0 : 8)));
	} else {
		out_fmt(o, "%s ", name);
	}
	if (type != DCCP_DATA && type != DCCP_REQUEST) {
		uint64_t ack;
		if (ext) {
			NP_CHECK(th + 2, pr->snapend, 6);
			ack = (uint64_t)np_load_be16(th + 2) << 32 | np_load_be32(th + 4);
		} else {
			NP_CHECK(th + 1, pr->snapend, 3);
			ack = (uint32_t)th[1] << 16 | np_load_be16(th + 2);
		}
		out_fmt(o, "(ack=%llu) ", (unsigned long long)ack);
	}
	if (pr->o.vflag < 2)
		return;
	uint64_t seq = ext ? (uint64_t)np_load_be16(p + 10) << 32 | np_load_be32(p + 12)
			   : (uint32_t)p[9] << 16 | np_load_be16(p + 10);
	out_fmt(o, "seq %llu", (unsigned long long)seq);
	if (hlen > fixed)
		print_options(pr, p + fixed, hlen - fixed);
	return;
trunc:
	print_trunc_stop(pr);
}
