/*
 * dns.h - a bounds-checked reader for DNS (and mDNS) messages (RFC 1035).
 *
 * It reads the 12-byte header, walks names (following compression pointers
 * safely), skips names in place, and iterates over the questions and
 * resource records of all four sections. Everything points into the
 * captured message: no copies, no allocation. The tcpdump-style printer
 * (print/dns.c) and the flow/profile layers (query names, types, answer
 * addresses) both build on it.
 *
 * Name decompression follows the rule BIND and tcpdump use: a compression
 * pointer must point strictly backwards from the last place one pointed
 * from. That makes every walk finite (no pointer loops, no forward
 * pointers), and a walk never reads past `end`.
 *
 * Not for: printing (print/dns.c), or building/answering DNS messages.
 */
#ifndef NP_DNS_H
#define NP_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NP_DNS_HDR_LEN 12
#define NP_DNS_MAX_NAME 255 /* MAXCDNAME: longest name in text, dots included */

/* Record types and classes the readers care about. */
enum {
	NP_DNS_T_A = 1,
	NP_DNS_T_NS = 2,
	NP_DNS_T_CNAME = 5,
	NP_DNS_T_SOA = 6,
	NP_DNS_T_PTR = 12,
	NP_DNS_T_MX = 15,
	NP_DNS_T_TXT = 16,
	NP_DNS_T_AAAA = 28,
	NP_DNS_T_SRV = 33,
	NP_DNS_T_A6 = 38,
	NP_DNS_T_DNAME = 39,
	NP_DNS_T_OPT = 41,
	NP_DNS_T_UNSPECA = 104,
	NP_DNS_T_TSIG = 250,
	NP_DNS_T_URI = 256,
	NP_DNS_C_IN = 1,
	NP_DNS_C_TOP_BIT = 0x8000, /* mDNS: QU in questions, cache-flush in records */
};

/* Header flag bits. */
#define NP_DNS_QR(f) ((f)&0x8000)
#define NP_DNS_OPCODE(f) (((f) >> 11) & 0xf)
#define NP_DNS_AA(f) ((f)&0x0400)
#define NP_DNS_TC(f) ((f)&0x0200)
#define NP_DNS_RD(f) ((f)&0x0100)
#define NP_DNS_RA(f) ((f)&0x0080)
#define NP_DNS_AD(f) ((f)&0x0020)
#define NP_DNS_CD(f) ((f)&0x0010)
#define NP_DNS_RCODE(f) ((f)&0x000f)

typedef struct np_dns_msg {
	const uint8_t *base; /* first byte of the header: pointers count from here */
	const uint8_t *end;  /* end of the captured bytes of the message */
	uint16_t id, flags;
	uint16_t qdcount, ancount, nscount, arcount;
} np_dns_msg;

/* Read the header of the message at p. NP_TRUNCATED (enum np_status) when
 * the 12 bytes are not all captured; NP_OK otherwise. */
int np_dns_parse(np_dns_msg *m, const uint8_t *p, const uint8_t *end);

/* The response code, extended by an OPT record's upper 8 bits when one is
 * found among the additional records before the capture ends (RFC 6891). */
unsigned np_dns_rcode(const np_dns_msg *m);

/* The byte after the name that starts at p, as it sits in place (a
 * compression pointer ends it), or NULL when the name runs past `end` or
 * uses a label type that cannot be skipped. */
const uint8_t *np_dns_skip_name(const uint8_t *p, const uint8_t *end);

/*
 * Walking a name label by label, pointers followed. Start with
 * np_dns_walk_start(); if that says NP_DNS_OK, the name's first byte is in
 * w.first (0: the root name) and np_dns_walk_next() yields its labels until
 * NP_DNS_END or NP_DNS_CUT (both leave w.rp: where the name ends in place)
 * or an error.
 */
enum np_dns_step {
	NP_DNS_OK = 0,
	NP_DNS_LABEL,    /* w.label: w.label_len bytes (may run past end) */
	NP_DNS_BITLABEL, /* RFC 2673 bit-string label: w.label is its bit count byte */
	NP_DNS_END,      /* the terminating zero label */
	NP_DNS_CUT,      /* a pointer led to the last captured byte: the walk stops there */
	NP_DNS_TRUNC,    /* ran out of captured bytes */
	NP_DNS_BAD_PTR,  /* a pointer that does not point backwards */
	NP_DNS_BAD_TYPE, /* the reserved label type 10 */
	NP_DNS_BAD_ELT,  /* an extended label type other than bit-string (w.elt) */
};

typedef struct np_dns_walk {
	const uint8_t *base, *end;
	const uint8_t *cp; /* just after the current label's type byte */
	const uint8_t *rp; /* where the name ends in place */
	const uint8_t *label;
	uint32_t label_len;
	uint32_t max_offset; /* a pointer must point below this */
	uint32_t len;        /* length of the current label as the walk steps over it */
	uint8_t first;       /* the name's first byte */
	uint8_t type;        /* the current label's type byte */
	uint8_t elt;
	bool compressed, advance;
} np_dns_walk;

int np_dns_walk_start(np_dns_walk *w, const uint8_t *base, const uint8_t *end, const uint8_t *p);
int np_dns_walk_next(np_dns_walk *w);

/* The name at p as dotted text ("www.example.com", "." for the root) into
 * buf (NUL-terminated, at most cap-1 bytes kept). Label bytes are copied
 * as they are. Returns the text length, or -1 when the name is cut short,
 * malformed, uses bit-string labels or is longer than NP_DNS_MAX_NAME.
 * *next (if not NULL) gets the byte after the name in place. */
int np_dns_name(const np_dns_msg *m, const uint8_t *p, char *buf, size_t cap, const uint8_t **next);

/* One question or resource record. Questions have only name/type/class. */
enum np_dns_section { NP_DNS_QUESTION, NP_DNS_ANSWER, NP_DNS_AUTHORITY, NP_DNS_ADDITIONAL };

typedef struct np_dns_rr {
	uint8_t section;     /* enum np_dns_section */
	const uint8_t *name; /* the owner name, for np_dns_name() */
	uint16_t type, rclass;
	uint32_t ttl;
	uint16_t rdlen;
	const uint8_t *rdata; /* rdlen bytes, all captured */
} np_dns_rr;

typedef struct np_dns_iter {
	const np_dns_msg *m;
	const uint8_t *p; /* the next record */
	uint8_t section;
	uint32_t left; /* records left in this section */
} np_dns_iter;

void np_dns_iter_init(np_dns_iter *it, const np_dns_msg *m);
/* NP_DNS_OK with the next record in rr; NP_DNS_END after the last one;
 * NP_DNS_TRUNC when the next record is not all captured (the walk stops). */
int np_dns_iter_next(np_dns_iter *it, np_dns_rr *rr);

#endif
