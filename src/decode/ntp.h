/*
 * ntp.h - a bounds-checked reader for NTP messages (RFC 5905 time messages,
 * the mode 6 control header, the mode 7 private header).
 *
 * np_ntp_parse() reads the fixed part of one message into an np_ntp_msg:
 * the first byte (leap indicator, version, mode) and, by mode, the 48-byte
 * time header, the 12-byte control header or the 8-byte private header.
 * Fields are filled as far as they were captured; `caplen` says how far
 * that was, so a printer can stop exactly where the capture ends. Nothing
 * is copied or allocated: the struct points into the packet.
 *
 * The profiler uses np_ntp_direction() to tell a client from a server when
 * both ends use port 123.
 *
 * Not for: text output (print/ntp.c), extension fields, or the data of
 * control and private messages.
 */
#ifndef NP_NTP_H
#define NP_NTP_H

#include <stdbool.h>
#include <stdint.h>

#define NP_NTP_TIME_LEN 48    /* the time header without key id and digest */
#define NP_NTP_CONTROL_LEN 12 /* the mode 6 header without data */
#define NP_NTP_PRIVATE_LEN 8  /* the mode 7 header without data */

/* Offsets in the time header. */
enum {
	NP_NTP_OFF_STRATUM = 1,
	NP_NTP_OFF_POLL = 2,
	NP_NTP_OFF_PRECISION = 3,
	NP_NTP_OFF_ROOT_DELAY = 4,
	NP_NTP_OFF_ROOT_DISP = 8,
	NP_NTP_OFF_REFID = 12,
	NP_NTP_OFF_REF_TS = 16,
	NP_NTP_OFF_ORG_TS = 24,
	NP_NTP_OFF_REC_TS = 32,
	NP_NTP_OFF_XMT_TS = 40,
	NP_NTP_OFF_KEY_ID = 48,
	NP_NTP_OFF_DIGEST = 52,
};

/* Offsets in the control header. */
enum {
	NP_NTP_OFF_CONTROL = 1,
	NP_NTP_OFF_SEQUENCE = 2,
	NP_NTP_OFF_STATUS = 4,
	NP_NTP_OFF_ASSOC = 6,
	NP_NTP_OFF_OFFSET = 8,
	NP_NTP_OFF_COUNT = 10,
};

enum np_ntp_mode {
	NP_NTP_MODE_UNSPEC = 0,
	NP_NTP_MODE_SYM_ACTIVE = 1,
	NP_NTP_MODE_SYM_PASSIVE = 2,
	NP_NTP_MODE_CLIENT = 3,
	NP_NTP_MODE_SERVER = 4,
	NP_NTP_MODE_BROADCAST = 5,
	NP_NTP_MODE_CONTROL = 6,
	NP_NTP_MODE_PRIVATE = 7,
};

/* Which side of an exchange sent a message. */
enum np_ntp_direction {
	NP_NTP_DIR_UNKNOWN = 0,
	NP_NTP_DIR_CLIENT, /* a request: mode 3, or a mode 6/7 request */
	NP_NTP_DIR_SERVER, /* an answer: mode 4, broadcast, or a mode 6/7 response */
	NP_NTP_DIR_PEER,   /* symmetric active or passive */
};

/* A 64-bit timestamp: seconds since 1900 and a binary fraction. */
typedef struct np_ntp_ts {
	uint32_t sec, frac;
} np_ntp_ts;

/* Modes 0 to 5. The 16.16 fixed-point values keep their wire halves. */
typedef struct np_ntp_time {
	uint8_t stratum;
	int8_t poll, precision;
	uint16_t root_delay_int, root_delay_frac;
	uint16_t root_disp_int, root_disp_frac;
	const uint8_t *refid; /* 4 bytes: text, an address or a hash by stratum */
	uint32_t refid_value;
	np_ntp_ts ref, org, rec, xmt;
	/* key id and digest: only when the length is 48 + 4, + 20 or + 24 */
	bool has_key;
	uint32_t key_id;
	const uint8_t *digest; /* digest_len bytes, not checked against the capture */
	uint8_t digest_len;    /* 0, 16 or 20 */
} np_ntp_time;

/* Mode 6. */
typedef struct np_ntp_control {
	bool response, error, more;
	uint8_t opcode;
	uint16_t sequence, status, assoc, offset, count;
} np_ntp_control;

/* Mode 7 (ntpd's private requests): the R and M bits take the place of the
 * leap indicator. */
typedef struct np_ntp_private {
	bool response, more, auth;
	uint8_t sequence, implementation, request;
	uint8_t err;
	uint16_t nitems, itemsize;
} np_ntp_private;

typedef struct np_ntp_msg {
	const uint8_t *p;
	uint32_t length; /* the message length the transport claims */
	uint32_t caplen; /* bytes captured from p (padding past length included) */
	uint8_t leap;    /* 0..3: the two top bits of the first byte */
	uint8_t version, mode;
	union {
		np_ntp_time time;
		np_ntp_control ctl;
		np_ntp_private priv;
	} u;
} np_ntp_msg;

/* Read the message of `length` bytes at p, captured up to end. NP_OK when
 * the fixed header of its mode is all there; NP_TRUNCATED when the capture
 * ends inside it (the fields before the cut are filled); NP_INVALID when
 * the length is too short for its mode (or a control message's count runs
 * past it). Values are enum np_status. */
int np_ntp_parse(np_ntp_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length);

/* True when n bytes at offset off of the message were captured. */
static inline bool np_ntp_has(const np_ntp_msg *m, uint32_t off, uint32_t n)
{
	return m->caplen >= off && m->caplen - off >= n;
}

/* Who sent it, by mode (and the response bit of modes 6 and 7). */
int np_ntp_direction(const np_ntp_msg *m);

#endif
