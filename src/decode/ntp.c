/*
 * ntp.c - the NTP message reader declared in ntp.h.
 *
 * Each field is read with the bytes.h accessors against the end of what
 * was captured, and only when the length the transport claims has room
 * for the header it belongs to, so a cut message leaves the fields after
 * the cut zero and `caplen` tells the printer where tcpdump would stop.
 *
 * Not for: text output (print/ntp.c).
 */
#include "ntp.h"

#include <string.h>

#include "../util/bytes.h"
#include "packet.h"

#define LEAP_SHIFT 6
#define VERSION_SHIFT 3
#define VERSION_MASK 0x07
#define MODE_MASK 0x07

/* 16.16 fixed point. */
static void parse_short_fixed(const uint8_t *p, const uint8_t *end, uint16_t *int_part, uint16_t *frac)
{
	if (np_get_be16(p, end, int_part))
		np_get_be16(p + 2, end, frac);
}

static void parse_timestamp(const uint8_t *p, const uint8_t *end, np_ntp_ts *ts)
{
	if (np_get_be32(p, end, &ts->sec))
		np_get_be32(p + 4, end, &ts->frac);
}

/* The key id and digest follow the header only at these exact lengths
 * (the MAC of RFC 5905 with MD5 or SHA-1, or a crypto-NAK). */
static void parse_authenticator(np_ntp_time *t, const uint8_t *p, const uint8_t *end, uint32_t length)
{
	if (length == NP_NTP_TIME_LEN + 4 + 16)
		t->digest_len = 16;
	else if (length == NP_NTP_TIME_LEN + 4 + 20)
		t->digest_len = 20;
	else if (length != NP_NTP_TIME_LEN + 4)
		return;
	t->has_key = true;
	np_get_be32(p + NP_NTP_OFF_KEY_ID, end, &t->key_id);
	t->digest = t->digest_len ? p + NP_NTP_OFF_DIGEST : NULL;
}

static int parse_time(np_ntp_msg *m, const uint8_t *end)
{
	np_ntp_time *t = &m->u.time;
	const uint8_t *p = m->p;
	if (m->length < NP_NTP_TIME_LEN)
		return NP_INVALID;
	np_get_u8(p + NP_NTP_OFF_STRATUM, end, &t->stratum);
	uint8_t b;
	if (np_get_u8(p + NP_NTP_OFF_POLL, end, &b))
		t->poll = (int8_t)b;
	if (np_get_u8(p + NP_NTP_OFF_PRECISION, end, &b))
		t->precision = (int8_t)b;
	parse_short_fixed(p + NP_NTP_OFF_ROOT_DELAY, end, &t->root_delay_int, &t->root_delay_frac);
	parse_short_fixed(p + NP_NTP_OFF_ROOT_DISP, end, &t->root_disp_int, &t->root_disp_frac);
	if (np_get_be32(p + NP_NTP_OFF_REFID, end, &t->refid_value))
		t->refid = p + NP_NTP_OFF_REFID;
	parse_timestamp(p + NP_NTP_OFF_REF_TS, end, &t->ref);
	parse_timestamp(p + NP_NTP_OFF_ORG_TS, end, &t->org);
	parse_timestamp(p + NP_NTP_OFF_REC_TS, end, &t->rec);
	parse_timestamp(p + NP_NTP_OFF_XMT_TS, end, &t->xmt);
	parse_authenticator(t, p, end, m->length);
	return np_has(p, end, NP_NTP_TIME_LEN) ? NP_OK : NP_TRUNCATED;
}

static int parse_control(np_ntp_msg *m, const uint8_t *end)
{
	np_ntp_control *c = &m->u.ctl;
	const uint8_t *p = m->p;
	if (m->length < NP_NTP_CONTROL_LEN)
		return NP_INVALID;
	uint8_t b;
	if (np_get_u8(p + NP_NTP_OFF_CONTROL, end, &b)) {
		c->response = b & 0x80;
		c->error = b & 0x40;
		c->more = b & 0x20;
		c->opcode = b & 0x1f;
	}
	np_get_be16(p + NP_NTP_OFF_SEQUENCE, end, &c->sequence);
	np_get_be16(p + NP_NTP_OFF_STATUS, end, &c->status);
	np_get_be16(p + NP_NTP_OFF_ASSOC, end, &c->assoc);
	np_get_be16(p + NP_NTP_OFF_OFFSET, end, &c->offset);
	if (!np_get_be16(p + NP_NTP_OFF_COUNT, end, &c->count))
		return NP_TRUNCATED;
	if (NP_NTP_CONTROL_LEN + (uint32_t)c->count > m->length)
		return NP_INVALID;
	return NP_OK;
}

static int parse_private(np_ntp_msg *m, const uint8_t *end)
{
	np_ntp_private *v = &m->u.priv;
	const uint8_t *p = m->p;
	if (m->length < NP_NTP_PRIVATE_LEN)
		return NP_INVALID;
	v->response = m->leap & 2;
	v->more = m->leap & 1;
	uint8_t b;
	if (np_get_u8(p + 1, end, &b)) {
		v->auth = b & 0x80;
		v->sequence = b & 0x7f;
	}
	np_get_u8(p + 2, end, &v->implementation);
	np_get_u8(p + 3, end, &v->request);
	uint16_t w;
	if (np_get_be16(p + 4, end, &w)) {
		v->err = (uint8_t)(w >> 12);
		v->nitems = w & 0x0fff;
	}
	if (!np_get_be16(p + 6, end, &w))
		return NP_TRUNCATED;
	v->itemsize = w & 0x0fff;
	return NP_OK;
}

int np_ntp_parse(np_ntp_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length)
{
	memset(m, 0, sizeof(*m));
	m->p = p;
	m->length = length;
	if (!np_has(p, end, 1))
		return NP_TRUNCATED;
	m->caplen = (uint32_t)(end - p);
	uint8_t first;
	np_get_u8(p, end, &first);
	m->leap = first >> LEAP_SHIFT;
	m->version = (first >> VERSION_SHIFT) & VERSION_MASK;
	m->mode = first & MODE_MASK;
	switch (m->mode) {
	case NP_NTP_MODE_CONTROL: return parse_control(m, end);
	case NP_NTP_MODE_PRIVATE: return parse_private(m, end);
	default: return parse_time(m, end);
	}
}

int np_ntp_direction(const np_ntp_msg *m)
{
	if (m->caplen == 0)
		return NP_NTP_DIR_UNKNOWN;
	switch (m->mode) {
	case NP_NTP_MODE_SYM_ACTIVE:
	case NP_NTP_MODE_SYM_PASSIVE: return NP_NTP_DIR_PEER;
	case NP_NTP_MODE_CLIENT: return NP_NTP_DIR_CLIENT;
	case NP_NTP_MODE_SERVER:
	case NP_NTP_MODE_BROADCAST: return NP_NTP_DIR_SERVER;
	case NP_NTP_MODE_CONTROL: {
		/* the R bit is in the second byte, read even when the message
		 * is too short to be printed */
		uint8_t control;
		if (!np_get_u8(m->p + NP_NTP_OFF_CONTROL, m->p + m->caplen, &control))
			return NP_NTP_DIR_UNKNOWN;
		return (control & 0x80) ? NP_NTP_DIR_SERVER : NP_NTP_DIR_CLIENT;
	}
	case NP_NTP_MODE_PRIVATE: return m->u.priv.response ? NP_NTP_DIR_SERVER : NP_NTP_DIR_CLIENT;
	default: return NP_NTP_DIR_UNKNOWN;
	}
}
