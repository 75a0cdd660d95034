/*
 * ptp.c - IEEE 1588 Precision Time Protocol (ethertype 0x88f7, UDP 319 and
 * 320) as tcpdump's ptp_print writes it: version 2's common header
 * (message type, domain, flags, correction, clock and port identity,
 * sequence, control, log interval) and each message's timestamps, announce
 * fields, port identity or management header. Version 1 is "not
 * implemented", as in tcpdump.
 *
 * Not for: management TLVs; tcpdump's own quirks are kept (the management
 * fields all read the same byte, printed after a doubled comma).
 */
#include <inttypes.h>

#include "print.h"

#define PTP_HDR_LEN 0x22

enum {
	M_SYNC = 0x0,
	M_DELAY_REQ = 0x1,
	M_PDELAY_REQ = 0x2,
	M_PDELAY_RESP = 0x3,
	M_FOLLOW_UP = 0x8,
	M_DELAY_RESP = 0x9,
	M_PDELAY_RESP_FOLLOW_UP = 0xa,
	M_ANNOUNCE = 0xb,
	M_SIGNALLING = 0xc,
	M_MANAGEMENT = 0xd,
};

static const np_tok msg_types[] = {
	{M_SYNC, "sync msg"},
	{M_DELAY_REQ, "delay req msg"},
	{M_PDELAY_REQ, "peer delay req msg"},
	{M_PDELAY_RESP, "peer delay resp msg"},
	{M_FOLLOW_UP, "follow up msg"},
	{M_DELAY_RESP, "delay resp msg"},
	{M_PDELAY_RESP_FOLLOW_UP, "pdelay resp fup msg"},
	{M_ANNOUNCE, "announce msg"},
	{M_SIGNALLING, "signalling msg"},
	{M_MANAGEMENT, "management msg"},
	{0, NULL},
};

static const np_tok control_fields[] = {
	{0, "Sync"}, {1, "Delay_Req"}, {2, "Follow_Up"}, {3, "Delay_Resp"}, {4, "Management"}, {5, "Other"}, {0, NULL},
};

static const np_tok ptp_flags[] = {
	{0x1, "l1 61"},
	{0x2, "l1 59"},
	{0x4, "utc reasonable"},
	{0x8, "timescale"},
	{0x10, "time tracable"},
	{0x20, "frequency tracable"},
	{0x100, "alternate master"},
	{0x200, "two step"},
	{0x400, "unicast"},
	{0x1000, "profile specific 1"},
	{0x2000, "profile specific 2"},
	{0x4000, "security mask"},
	{0x18c0, "unknown"},
	{0, NULL},
};

static uint64_t load_be48(const uint8_t *p)
{
	return (uint64_t)np_load_be16(p) << 32 | np_load_be32(p + 2);
}

static uint64_t load_be64(const uint8_t *p)
{
	return (uint64_t)np_load_be32(p) << 32 | np_load_be32(p + 4);
}

/* Each field is read (and the packet may stop) before it is printed. */
#define NEED(p, n)                                  \
	do {                                        \
		if (!np_has((p), pr->snapend, (n))) \
			goto trunc;                 \
	} while (0)

/* " S : N seconds[,] N nanoseconds" and, with identity, the port identity. */
static bool print_ts(np_printer *pr, const uint8_t *bp, const char *what, const char *comma, bool identity)
{
	np_out *o = pr->out;
	out_fmt(o, ", %s :", what);
	NEED(bp, 6);
	out_fmt(o, " %" PRIu64 " seconds%s", load_be48(bp), comma);
	NEED(bp + 6, 4);
	out_fmt(o, " %u nanoseconds", np_load_be32(bp + 6));
	if (identity) {
		NEED(bp + 10, 8);
		out_fmt(o, ", port identity : 0x%" PRIx64, load_be64(bp + 10));
		NEED(bp + 18, 2);
		out_fmt(o, ", port id : %u", np_load_be16(bp + 18));
	}
	return true;
trunc:
	return false;
}

static bool print_port_id(np_printer *pr, const uint8_t *bp)
{
	NEED(bp, 8);
	out_fmt(pr->out, ", port identity : 0x%" PRIx64, load_be64(bp));
	NEED(bp + 8, 2);
	out_fmt(pr->out, ", port id : %u", np_load_be16(bp + 8));
	return true;
trunc:
	return false;
}

static bool print_announce(np_printer *pr, const uint8_t *bp)
{
	np_out *o = pr->out;
	if (!print_ts(pr, bp, "originTimeStamp", "", false))
		return false;
	NEED(bp + 10, 2);
	out_fmt(o, ", origin cur utc :%u", np_load_be16(bp + 10));
	static const char *const bytes1[] = {", rsvd : %u", ", gm priority_1 : %u", ", gm clock class : %u",
					     ", gm clock accuracy : %u"};
	for (int i = 0; i < 4; i++) {
		NEED(bp + 12 + i, 1);
		out_fmt(o, bytes1[i], bp[12 + i]);
	}
	NEED(bp + 16, 2);
	out_fmt(o, ", gm clock variance : %u", np_load_be16(bp + 16));
	NEED(bp + 18, 1);
	out_fmt(o, ", gm priority_2 : %u", bp[18]);
	NEED(bp + 19, 8);
	out_fmt(o, ", gm clock id : 0x%" PRIx64, load_be64(bp + 19));
	NEED(bp + 27, 2);
	out_fmt(o, ", steps removed : %u", np_load_be16(bp + 27));
	NEED(bp + 29, 1);
	out_fmt(o, ", time source : 0x%x", bp[29]);
	return true;
trunc:
	return false;
}

static bool print_management(np_printer *pr, const uint8_t *bp)
{
	static const char *const names[] = {", start boundary hops ", ", boundary hops ", ", flags ", ", reserved "};
	if (!print_port_id(pr, bp))
		return false;
	for (int i = 0; i < 4; i++) {
		NEED(bp, 1);
		out_fmt(pr->out, i < 2 ? ", %s %u" : ", %s 0x%x", names[i], bp[0]);
	}
	return true;
trunc:
	return false;
}

static bool print_v2(np_printer *pr, const uint8_t *bp)
{
	np_out *o = pr->out;
	uint8_t type = bp[0] & 0x0f; /* captured: the caller read two bytes */
	out_fmt(o, ", v1 compat : %s", (bp[0] & 0x10) ? "yes" : "no");
	out_fmt(o, ", msg type : %s", tok2str(msg_types, "Reserved", type));
	NEED(bp + 2, 2);
	out_fmt(o, ", length : %u", np_load_be16(bp + 2));
	NEED(bp + 4, 2);
	out_fmt(o, ", domain : %u", bp[4]);
	out_fmt(o, ", reserved1 : %u", bp[5]);
	NEED(bp + 6, 2);
	out_str(o, ", Flags [");
	print_bits(pr, ptp_flags, np_load_be16(bp + 6), ", ", "none");
	out_char(o, ']');
	NEED(bp + 8, 6);
	out_fmt(o, ", NS correction : %" PRIu64, load_be48(bp + 8));
	NEED(bp + 14, 2);
	out_fmt(o, ", sub NS correction : %u", np_load_be16(bp + 14));
	NEED(bp + 16, 4);
	out_fmt(o, ", reserved2 : %u", np_load_be32(bp + 16));
	NEED(bp + 20, 8);
	out_fmt(o, ", clock identity : 0x%" PRIx64, load_be64(bp + 20));
	NEED(bp + 28, 2);
	out_fmt(o, ", port id : %u", np_load_be16(bp + 28));
	NEED(bp + 30, 2);
	out_fmt(o, ", seq id : %u", np_load_be16(bp + 30));
	NEED(bp + 32, 1);
	out_fmt(o, ", control : %u (%s)", bp[32], tok2str(control_fields, "Reserved", bp[32]));
	NEED(bp + 32, 2);
	out_fmt(o, ", log message interval : %u", bp[33]);
	bp += PTP_HDR_LEN;
	switch (type) {
	case M_SYNC:
	case M_DELAY_REQ: return print_ts(pr, bp, "originTimeStamp", ",", false);
	case M_FOLLOW_UP: return print_ts(pr, bp, "preciseOriginTimeStamp", ",", false);
	case M_PDELAY_REQ:
	case M_PDELAY_RESP_FOLLOW_UP: return print_ts(pr, bp, "preciseOriginTimeStamp", ",", true);
	case M_PDELAY_RESP:
	case M_DELAY_RESP: return print_ts(pr, bp, "receiveTimeStamp", ",", true);
	case M_ANNOUNCE: return print_announce(pr, bp);
	case M_SIGNALLING: return print_port_id(pr, bp);
	case M_MANAGEMENT: return print_management(pr, bp);
	default: return true;
	}
trunc:
	return false;
}

void print_ptp(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	pr->protocol = "ptp";
	if (length < PTP_HDR_LEN) {
		out_fmt(pr->out, " [length %u < %u]", length, PTP_HDR_LEN);
		print_invalid(pr);
		return;
	}
	NEED(bp, 2);
	uint32_t vers = bp[1]; /* tcpdump masks the first two bytes with 0xff */
	out_fmt(pr->out, "PTPv%u", vers);
	if (vers == 1)
		out_str(pr->out, " (not implemented)");
	else if (vers == 2 && !print_v2(pr, bp))
		goto trunc;
	return;
trunc:
	print_trunc_stop(pr);
}
