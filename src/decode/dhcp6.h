/*
 * dhcp6.h - a bounds-checked reader for DHCPv6 messages (RFC 8415, UDP
 * ports 546 and 547).
 *
 * np_dhcp6_parse() reads the fixed part of one message: the message type
 * and either the 24-bit transaction id (client/server messages) or the
 * relay header (hop count, link and peer address of Relay-forward and
 * Relay-reply). An option iterator then walks the type-length-value
 * options that follow, never past the message nor the capture, and
 * np_dhcp6_unwrap() follows Relay Message options inwards (at most
 * NP_DHCP6_MAX_RELAY_DEPTH of them) to the client's own message, which is
 * what a flow meter wants to know about a relayed exchange.
 *
 * Everything points into the packet: no copies, no allocation.
 *
 * Not for: text output (print/dhcp6.c), or the meaning of option bodies
 * beyond their code and length.
 */
#ifndef NP_DHCP6_H
#define NP_DHCP6_H

#include <stdbool.h>
#include <stdint.h>

#define NP_DHCP6_HDR_LEN 4        /* message type and transaction id */
#define NP_DHCP6_RELAY_HDR_LEN 34 /* type, hop count, link and peer address */
#define NP_DHCP6_OPT_HDR_LEN 4    /* option code and length */
/* RFC 8415 lets relays nest 32 deep (HOP_COUNT_LIMIT); deeper is refused. */
#define NP_DHCP6_MAX_RELAY_DEPTH 32

enum np_dhcp6_msgtype {
	NP_DHCP6_SOLICIT = 1,
	NP_DHCP6_ADVERTISE = 2,
	NP_DHCP6_REQUEST = 3,
	NP_DHCP6_CONFIRM = 4,
	NP_DHCP6_RENEW = 5,
	NP_DHCP6_REBIND = 6,
	NP_DHCP6_REPLY = 7,
	NP_DHCP6_RELEASE = 8,
	NP_DHCP6_DECLINE = 9,
	NP_DHCP6_RECONFIGURE = 10,
	NP_DHCP6_INFORM_REQ = 11,
	NP_DHCP6_RELAY_FORW = 12,
	NP_DHCP6_RELAY_REPLY = 13,
	NP_DHCP6_LEASEQUERY = 14,
	NP_DHCP6_LQ_REPLY = 15,
};

/* The option codes this reader and the printer name. */
enum np_dhcp6_optcode {
	NP_DHCP6_OPT_CLIENTID = 1,
	NP_DHCP6_OPT_SERVERID = 2,
	NP_DHCP6_OPT_IA_NA = 3,
	NP_DHCP6_OPT_IA_TA = 4,
	NP_DHCP6_OPT_IA_ADDR = 5,
	NP_DHCP6_OPT_ORO = 6,
	NP_DHCP6_OPT_PREFERENCE = 7,
	NP_DHCP6_OPT_ELAPSED_TIME = 8,
	NP_DHCP6_OPT_RELAY_MSG = 9,
	NP_DHCP6_OPT_AUTH = 11,
	NP_DHCP6_OPT_UNICAST = 12,
	NP_DHCP6_OPT_STATUS_CODE = 13,
	NP_DHCP6_OPT_RAPID_COMMIT = 14,
	NP_DHCP6_OPT_USER_CLASS = 15,
	NP_DHCP6_OPT_VENDOR_CLASS = 16,
	NP_DHCP6_OPT_VENDOR_OPTS = 17,
	NP_DHCP6_OPT_INTERFACE_ID = 18,
	NP_DHCP6_OPT_RECONF_MSG = 19,
	NP_DHCP6_OPT_RECONF_ACCEPT = 20,
	NP_DHCP6_OPT_SIP_SERVER_D = 21,
	NP_DHCP6_OPT_SIP_SERVER_A = 22,
	NP_DHCP6_OPT_DNS_SERVERS = 23,
	NP_DHCP6_OPT_DOMAIN_LIST = 24,
	NP_DHCP6_OPT_IA_PD = 25,
	NP_DHCP6_OPT_IA_PD_PREFIX = 26,
	NP_DHCP6_OPT_NIS_SERVERS = 27,
	NP_DHCP6_OPT_NISP_SERVERS = 28,
	NP_DHCP6_OPT_NIS_NAME = 29,
	NP_DHCP6_OPT_NISP_NAME = 30,
	NP_DHCP6_OPT_SNTP_SERVERS = 31,
	NP_DHCP6_OPT_LIFETIME = 32,
	NP_DHCP6_OPT_BCMCS_SERVER_D = 33,
	NP_DHCP6_OPT_BCMCS_SERVER_A = 34,
	NP_DHCP6_OPT_GEOCONF_CIVIC = 36,
	NP_DHCP6_OPT_REMOTE_ID = 37,
	NP_DHCP6_OPT_SUBSCRIBER_ID = 38,
	NP_DHCP6_OPT_CLIENT_FQDN = 39,
	NP_DHCP6_OPT_PANA_AGENT = 40,
	NP_DHCP6_OPT_NEW_POSIX_TIMEZONE = 41,
	NP_DHCP6_OPT_NEW_TZDB_TIMEZONE = 42,
	NP_DHCP6_OPT_ERO = 43,
	NP_DHCP6_OPT_LQ_QUERY = 44,
	NP_DHCP6_OPT_CLIENT_DATA = 45,
	NP_DHCP6_OPT_CLT_TIME = 46,
	NP_DHCP6_OPT_LQ_RELAY_DATA = 47,
	NP_DHCP6_OPT_LQ_CLIENT_LINK = 48,
	NP_DHCP6_OPT_NTP_SERVER = 56,
	NP_DHCP6_OPT_AFTR_NAME = 64,
	NP_DHCP6_OPT_MUDURL = 112,
};

typedef struct np_dhcp6_msg {
	const uint8_t *p;
	const uint8_t *end; /* end of the message: its length or the capture, whichever is shorter */
	uint32_t length;    /* the message length the transport claims */
	uint8_t msgtype;
	bool relay;   /* Relay-forward or Relay-reply: the relay fields below */
	uint32_t xid; /* client/server messages: the 24-bit transaction id */
	uint8_t hopcount;
	const uint8_t *linkaddr, *peeraddr; /* 16 bytes each; NULL when not captured */
	const uint8_t *opts;                /* the first option (may lie at or past end) */
} np_dhcp6_msg;

/* Read the message of `length` bytes at p, captured up to end. NP_OK when
 * its fixed header is all there; NP_TRUNCATED when the capture ends inside
 * it (the fields before the cut are filled: relay addresses are read as
 * far as the capture goes even when the length is short, as tcpdump
 * prints them); NP_INVALID when the length is too short for the fixed
 * header. Values are enum np_status. */
int np_dhcp6_parse(np_dhcp6_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length);

/* One option: code, length and body (len bytes, all inside the message). */
typedef struct np_dhcp6_opt {
	uint16_t code, len;
	const uint8_t *data;
} np_dhcp6_opt;

typedef struct np_dhcp6_iter {
	const uint8_t *p, *end;
} np_dhcp6_iter;

enum np_dhcp6_step {
	NP_DHCP6_OPT = 0, /* the next option is in *opt */
	NP_DHCP6_END,     /* no bytes left */
	NP_DHCP6_CUT,     /* the next option's header or body runs past the end */
};

/* Walk the options in [p, end); the end of a message (m->end) or of an
 * option body holding sub-options. */
void np_dhcp6_iter_init(np_dhcp6_iter *it, const uint8_t *p, const uint8_t *end);
int np_dhcp6_iter_next(np_dhcp6_iter *it, np_dhcp6_opt *opt);

/* The first option of `code` in [p, end); false when there is none before
 * the end or a cut option. */
bool np_dhcp6_find(const uint8_t *p, const uint8_t *end, uint16_t code, np_dhcp6_opt *opt);

/* The message a relay message carries, followed through nested relays to
 * the first non-relay message (a client's or server's). *depth gets the
 * number of relay headers passed. NP_OK with *inner filled; NP_TRUNCATED
 * when a Relay Message option is missing, cut or holds a cut header;
 * NP_INVALID when nesting exceeds NP_DHCP6_MAX_RELAY_DEPTH or a header is
 * impossible. A non-relay `outer` is copied as it is. */
int np_dhcp6_unwrap(const np_dhcp6_msg *outer, np_dhcp6_msg *inner, unsigned *depth);

#endif
