/*
 * ntp.c - NTP text as tcpdump 4.99's ntp_print writes it: "NTPvN, mode,
 * length N" and, with -v, the leap indicator and the time message
 * (stratum, poll, precision, root delay and dispersion, reference id, the
 * four timestamps with their UTC dates, the two differences, key id and
 * digest) or the control message header. Mode 7 gets only the first line
 * and the leap indicator, as in tcpdump.
 *
 * The fields come from decode/ntp.c; the message's `caplen` decides where
 * the text stops, at the same points as tcpdump: a field its GET macros
 * read past the capture ends the packet (print_trunc_stop), a range its
 * ND_TCHECK macros test ends only this printer (print_trunc).
 *
 * Also print_ntp_time(), tcpdump's p_ntp_time, for other printers.
 *
 * Not for: parsing (decode/ntp.c), NTP extension fields (tcpdump counts
 * them as bytes after the header).
 */
#include "print.h"

#include <time.h>

#include "../decode/ntp.h"

#define NTP_TO_UNIX_EPOCH INT64_C(2208988800) /* 1900 to 1970 in seconds */
#define STRATUM_INFO_QUERY 62
#define STRATUM_INFO_REPLY 63

static const np_tok ntp_mode_names[] = {
	{NP_NTP_MODE_UNSPEC, "unspecified"},
	{NP_NTP_MODE_SYM_ACTIVE, "symmetric active"},
	{NP_NTP_MODE_SYM_PASSIVE, "symmetric passive"},
	{NP_NTP_MODE_CLIENT, "Client"},
	{NP_NTP_MODE_SERVER, "Server"},
	{NP_NTP_MODE_BROADCAST, "Broadcast"},
	{NP_NTP_MODE_CONTROL, "Control Message"},
	{NP_NTP_MODE_PRIVATE, "Reserved"},
	{0, NULL},
};

/* By the two leap bits as they sit in the first byte. */
static const np_tok ntp_leap_names[] = {
	{0x00, ""}, {0x40, "+1s"}, {0x80, "-1s"}, {0xc0, "clock unsynchronized"}, {0, NULL},
};

static const char *stratum_name(uint8_t stratum)
{
	if (stratum == 0)
		return "unspecified";
	if (stratum == 1)
		return "primary reference";
	return stratum <= 15 ? "secondary reference" : "reserved";
}

/* A 32-bit binary fraction in billionths, truncated. tcpdump goes through
 * a double; frac * 10^9 / 2^32 = frac * 1953125 / 2^23 is exact there
 * (below 2^53), so the integer form gives the same digits. */
static uint32_t frac_to_nanos(uint32_t frac)
{
	return (uint32_t)(((uint64_t)frac * 1953125u) >> 23);
}

/* The UTC date tcpdump adds to a non-zero timestamp. */
static void print_ntp_date(np_printer *pr, uint32_t sec)
{
	time_t unix_sec = (time_t)((int64_t)sec - NTP_TO_UNIX_EPOCH);
	struct tm tmv;
	char buf[64];
	if (gmtime_r(&unix_sec, &tmv) == NULL) {
		out_str(pr->out, " (unrepresentable)");
		return;
	}
	size_t n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tmv);
	out_str(pr->out, " (");
	out_mem(pr->out, buf, n);
	out_char(pr->out, ')');
}

void print_ntp_time(np_printer *pr, uint32_t sec, uint32_t frac)
{
	out_u32(pr->out, sec);
	out_char(pr->out, '.');
	out_u32_pad(pr->out, frac_to_nanos(frac), 9);
	if (sec != 0)
		print_ntp_date(pr, sec);
}

/* tcpdump's p_ntp_delta: ts - origin as a signed seconds.nanoseconds, or
 * ts itself when there is no origin. */
static void print_ntp_delta(np_printer *pr, const np_ntp_ts *origin, const np_ntp_ts *ts)
{
	if (origin->sec == 0 && origin->frac == 0) {
		print_ntp_time(pr, ts->sec, ts->frac);
		return;
	}
	bool negative;
	uint32_t sec, frac;
	if (ts->sec > origin->sec) {
		negative = false;
		sec = ts->sec - origin->sec - (origin->frac > ts->frac);
		frac = ts->frac - origin->frac;
	} else if (ts->sec < origin->sec) {
		negative = true;
		sec = origin->sec - ts->sec - (ts->frac > origin->frac);
		frac = origin->frac - ts->frac;
	} else {
		sec = 0;
		negative = !(ts->frac > origin->frac);
		frac = negative ? origin->frac - ts->frac : ts->frac - origin->frac;
	}
	out_char(pr->out, negative ? '-' : '+');
	out_u32(pr->out, sec);
	out_char(pr->out, '.');
	out_u32_pad(pr->out, frac_to_nanos(frac), 9);
}

/* tcpdump's p_sfix: 16.16 fixed point in millionths, truncated (exact:
 * frac * 10^6 / 2^16 = frac * 15625 / 2^10). */
static void print_short_fixed(np_printer *pr, uint16_t int_part, uint16_t frac)
{
	out_u32(pr->out, int_part);
	out_char(pr->out, '.');
	out_u32_pad(pr->out, ((uint32_t)frac * 15625u) >> 10, 6);
}

static void print_signed(np_printer *pr, int v)
{
	out_i64(pr->out, v);
}

/* The poll exponent as an interval: " (64s)", " (1/8s)". */
static void print_poll_interval(np_printer *pr, int poll)
{
	if (poll <= -32 || poll >= 32)
		return;
	out_str(pr->out, " (");
	if (poll < 0)
		out_str(pr->out, "1/");
	out_u32(pr->out, 1u << (poll < 0 ? -poll : poll));
	out_str(pr->out, "s)");
}

/* " (invalid)", and tcpdump's check that the claimed length was captured. */
static void print_bad_length(np_printer *pr, const np_ntp_msg *m)
{
	print_invalid(pr);
	if (!np_ntp_has(m, 0, m->length))
		print_trunc(pr);
}

/* The reference id by stratum; false after an INFO_QUERY/INFO_REPLY
 * address, where tcpdump prints nothing more. */
static bool print_refid(np_printer *pr, const np_ntp_time *t)
{
	switch (t->stratum) {
	case 0: out_str(pr->out, "(unspec)"); return true;
	case 1:
		for (unsigned i = 0; i < 4; i++) {
			uint8_t c = 0;
			np_get_u8(t->refid + i, pr->snapend, &c); /* captured: checked by the caller */
			print_safe_char(pr, c);
		}
		return true;
	case STRATUM_INFO_QUERY:
	case STRATUM_INFO_REPLY:
		out_ipv4(pr->out, t->refid);
		out_str(pr->out, t->stratum == STRATUM_INFO_QUERY ? " INFO_QUERY" : " INFO_REPLY");
		return false;
	default:
		out_str(pr->out, "0x");
		out_hex(pr->out, t->refid_value, 8);
		return true;
	}
}

/* The four timestamps and the differences from the originate one; false
 * when one is cut off. */
static bool print_timestamps(np_printer *pr, const np_ntp_msg *m)
{
	static const struct {
		const char *label;
		uint32_t off;
	} rows[] = {
		{"\n\t  Reference Timestamp:  ", NP_NTP_OFF_REF_TS},
		{"\n\t  Originator Timestamp: ", NP_NTP_OFF_ORG_TS},
		{"\n\t  Receive Timestamp:    ", NP_NTP_OFF_REC_TS},
		{"\n\t  Transmit Timestamp:   ", NP_NTP_OFF_XMT_TS},
	};
	const np_ntp_time *t = &m->u.time;
	const np_ntp_ts *ts[] = {&t->ref, &t->org, &t->rec, &t->xmt};
	for (unsigned i = 0; i < 4; i++) {
		if (!np_ntp_has(m, rows[i].off, 8))
			return false;
		out_str(pr->out, rows[i].label);
		print_ntp_time(pr, ts[i]->sec, ts[i]->frac);
	}
	out_str(pr->out, "\n\t    Originator - Receive Timestamp:  ");
	print_ntp_delta(pr, &t->org, &t->rec);
	out_str(pr->out, "\n\t    Originator - Transmit Timestamp: ");
	print_ntp_delta(pr, &t->org, &t->xmt);
	return true;
}

/* What follows the header: key id and digest at their exact lengths, else
 * a byte count. */
static void print_time_trailer(np_printer *pr, const np_ntp_msg *m)
{
	const np_ntp_time *t = &m->u.time;
	if (!t->has_key) {
		if (m->length > NP_NTP_TIME_LEN) {
			out_str(pr->out, "\n\t(");
			out_u32(pr->out, m->length - NP_NTP_TIME_LEN);
			out_str(pr->out, " more bytes after the header)");
		}
		return;
	}
	if (!np_ntp_has(m, NP_NTP_OFF_KEY_ID, 4))
		goto trunc;
	out_str(pr->out, "\n\tKey id: ");
	out_u32(pr->out, t->key_id);
	if (t->digest_len == 0)
		return;
	if (!np_ntp_has(m, NP_NTP_OFF_DIGEST, t->digest_len)) {
		print_trunc(pr);
		return;
	}
	out_str(pr->out, "\n\tAuthentication: ");
	for (unsigned i = 0; i < t->digest_len; i += 4) {
		uint32_t word;
		NP_GET_BE32(word, t->digest + i, pr->snapend);
		out_hex(pr->out, word, 8);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* Modes 0 to 5. */
static void print_time_msg(np_printer *pr, const np_ntp_msg *m)
{
	const np_ntp_time *t = &m->u.time;
	np_out *o = pr->out;
	if (m->length < NP_NTP_TIME_LEN) {
		print_bad_length(pr, m);
		return;
	}
	if (!np_ntp_has(m, NP_NTP_OFF_STRATUM, 1))
		goto trunc;
	out_str(o, ", Stratum ");
	out_u32(o, t->stratum);
	out_str(o, " (");
	out_str(o, stratum_name(t->stratum));
	out_char(o, ')');
	if (!np_ntp_has(m, NP_NTP_OFF_POLL, 1))
		goto trunc;
	out_str(o, ", poll ");
	print_signed(pr, t->poll);
	print_poll_interval(pr, t->poll);
	if (!np_ntp_has(m, NP_NTP_OFF_PRECISION, 1))
		goto trunc;
	out_str(o, ", precision ");
	print_signed(pr, t->precision);
	if (!np_ntp_has(m, NP_NTP_OFF_ROOT_DELAY, 4))
		goto local_trunc;
	out_str(o, "\n\tRoot Delay: ");
	print_short_fixed(pr, t->root_delay_int, t->root_delay_frac);
	if (!np_ntp_has(m, NP_NTP_OFF_ROOT_DISP, 4))
		goto local_trunc;
	out_str(o, ", Root dispersion: ");
	print_short_fixed(pr, t->root_disp_int, t->root_disp_frac);
	if (!np_ntp_has(m, NP_NTP_OFF_REFID, 4))
		goto local_trunc;
	out_str(o, ", Reference-ID: ");
	if (!print_refid(pr, t))
		return;
	if (!print_timestamps(pr, m))
		goto local_trunc;
	print_time_trailer(pr, m);
	return;
local_trunc:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

/* %hu of a 16-bit field, after its label; false when it is not captured. */
static bool print_control_field(np_printer *pr, const np_ntp_msg *m, uint32_t off, const char *label, uint16_t v)
{
	if (!np_ntp_has(m, off, 2))
		return false;
	out_str(pr->out, label);
	out_u32(pr->out, v);
	return true;
}

/* Mode 6: the header; the data is not interpreted. */
static void print_control_msg(np_printer *pr, const np_ntp_msg *m)
{
	const np_ntp_control *c = &m->u.ctl;
	np_out *o = pr->out;
	if (m->length < NP_NTP_CONTROL_LEN) {
		print_bad_length(pr, m);
		return;
	}
	if (!np_ntp_has(m, NP_NTP_OFF_CONTROL, 1))
		goto trunc;
	out_str(o, c->response ? ", Response" : ", Request");
	out_str(o, c->error ? ", Error" : ", OK");
	out_str(o, c->more ? ", More" : ", Last");
	out_str(o, ", OpCode=");
	out_u32(o, c->opcode);
	out_char(o, '\n');
	if (!print_control_field(pr, m, NP_NTP_OFF_SEQUENCE, "\tSequence=", c->sequence))
		goto trunc;
	if (!np_ntp_has(m, NP_NTP_OFF_STATUS, 2))
		goto trunc;
	out_str(o, ", Status=");
	if (c->status != 0) /* printf's %#hx */
		out_str(o, "0x");
	out_hex(o, c->status, 1);
	if (!print_control_field(pr, m, NP_NTP_OFF_ASSOC, ", Assoc.=", c->assoc) ||
	    !print_control_field(pr, m, NP_NTP_OFF_OFFSET, ", Offset=", c->offset) ||
	    !print_control_field(pr, m, NP_NTP_OFF_COUNT, ", Count=", c->count))
		goto trunc;
	if (NP_NTP_CONTROL_LEN + (uint32_t)c->count > m->length) {
		print_bad_length(pr, m);
		return;
	}
	if (c->count == 0)
		return;
	if (!np_ntp_has(m, NP_NTP_CONTROL_LEN, c->count)) {
		print_trunc(pr);
		return;
	}
	out_str(o, "\n\tTO-BE-DONE: data not interpreted");
	return;
trunc:
	print_trunc_stop(pr);
}

void print_ntp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	np_ntp_msg m;
	pr->protocol = "ntp";
	np_ntp_parse(&m, p, pr->snapend, length);
	if (!np_ntp_has(&m, 0, 1)) {
		print_trunc_stop(pr);
		return;
	}
	out_str(o, "NTPv");
	out_u32(o, m.version);
	out_str(o, ", ");
	out_str(o, tok_name(ntp_mode_names, m.mode));
	out_str(o, ", length ");
	out_u32(o, length);
	if (!pr->o.vflag)
		return;
	uint32_t leap_bits = (uint32_t)m.leap << 6;
	out_str(o, "\n\tLeap indicator: ");
	out_str(o, tok_name(ntp_leap_names, leap_bits));
	out_str(o, " (");
	out_u32(o, leap_bits);
	out_char(o, ')');
	switch (m.mode) {
	case NP_NTP_MODE_CONTROL: print_control_msg(pr, &m); break;
	case NP_NTP_MODE_PRIVATE: break; /* tcpdump does not print mode 7 */
	default: print_time_msg(pr, &m); break;
	}
}
