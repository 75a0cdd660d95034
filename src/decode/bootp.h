/*
 * bootp.h - a bounds-checked reader for BOOTP and DHCPv4 messages
 * (RFC 951, RFC 2131, options of RFC 1497/2132 and later).
 *
 * np_bootp_parse() reads the fixed 236-byte header (op, hardware type and
 * length, hops, xid, secs, flags, the four addresses, the client hardware
 * address, sname and file) and the vendor area's magic cookie into an
 * np_bootp_msg, as far as they were captured; `caplen` says how far that
 * was, so a printer can stop exactly where the capture ends. For DHCP it
 * also picks out what later layers want to know about a lease exchange:
 * the message type, the requested address, the server identifier and the
 * client's MAC address. Nothing is copied or allocated.
 *
 * The option iterator walks the RFC 1048 vendor area tag by tag (PAD and
 * END included, so a printer can show them as tcpdump -vvv does), and
 * says where the capture cut the walk: before a length byte, or inside
 * an option's data.
 *
 * Not for: text output (print/bootp.c); options carried in sname/file by
 * the "option overload" option (52) are not walked, as tcpdump does not.
 */
#ifndef NP_BOOTP_H
#define NP_BOOTP_H

#include <stdbool.h>
#include <stdint.h>

#define NP_BOOTP_HDR_LEN 236 /* op .. file: everything before the vendor area */
#define NP_BOOTP_COOKIE_LEN 4
#define NP_BOOTP_CHADDR_LEN 16
#define NP_BOOTP_SNAME_LEN 64
#define NP_BOOTP_FILE_LEN 128

/* Offsets in the message. */
enum {
	NP_BOOTP_OFF_OP = 0,
	NP_BOOTP_OFF_HTYPE = 1,
	NP_BOOTP_OFF_HLEN = 2,
	NP_BOOTP_OFF_HOPS = 3,
	NP_BOOTP_OFF_XID = 4,
	NP_BOOTP_OFF_SECS = 8,
	NP_BOOTP_OFF_FLAGS = 10,
	NP_BOOTP_OFF_CIADDR = 12,
	NP_BOOTP_OFF_YIADDR = 16,
	NP_BOOTP_OFF_SIADDR = 20,
	NP_BOOTP_OFF_GIADDR = 24,
	NP_BOOTP_OFF_CHADDR = 28,
	NP_BOOTP_OFF_SNAME = 44,
	NP_BOOTP_OFF_FILE = 108,
	NP_BOOTP_OFF_VEND = 236,
};

enum {
	NP_BOOTP_REQUEST = 1,
	NP_BOOTP_REPLY = 2,
	NP_BOOTP_HTYPE_ETHER = 1,
	NP_BOOTP_ETHER_LEN = 6,
	NP_BOOTP_FLAG_BROADCAST = 0x8000,
};

/* What the vendor area starts with. */
enum np_bootp_vendor {
	NP_BOOTP_VEND_CUT = 0, /* its first 4 bytes were not captured */
	NP_BOOTP_VEND_RFC1048, /* 99.130.83.99: options follow */
	NP_BOOTP_VEND_CMU,     /* "CMU\0": the CMU fixed layout */
	NP_BOOTP_VEND_OTHER,
};

/* Option tags the reader itself needs (the printer has the full table). */
enum {
	NP_DHCP_OPT_PAD = 0,
	NP_DHCP_OPT_HOSTNAME = 12,
	NP_DHCP_OPT_REQUESTED_IP = 50,
	NP_DHCP_OPT_LEASE_TIME = 51,
	NP_DHCP_OPT_OVERLOAD = 52,
	NP_DHCP_OPT_MESSAGE_TYPE = 53,
	NP_DHCP_OPT_SERVER_ID = 54,
	NP_DHCP_OPT_PARAM_REQUEST = 55,
	NP_DHCP_OPT_CLIENT_ID = 61,
	NP_DHCP_OPT_END = 255,
};

/* DHCP message types (option 53). */
enum {
	NP_DHCP_DISCOVER = 1,
	NP_DHCP_OFFER = 2,
	NP_DHCP_REQUEST = 3,
	NP_DHCP_DECLINE = 4,
	NP_DHCP_ACK = 5,
	NP_DHCP_NAK = 6,
	NP_DHCP_RELEASE = 7,
	NP_DHCP_INFORM = 8,
	NP_DHCP_LEASEQUERY = 10,
	NP_DHCP_LEASEUNASSIGNED = 11,
	NP_DHCP_LEASEUNKNOWN = 12,
	NP_DHCP_LEASEACTIVE = 13,
};

typedef struct np_bootp_msg {
	const uint8_t *p;
	uint32_t length; /* the message length the transport claims */
	uint32_t caplen; /* bytes captured from p */
	uint8_t op, htype, hlen, hops;
	uint32_t xid;
	uint16_t secs, flags;
	/* 4 bytes each, NULL when not all captured */
	const uint8_t *ciaddr, *yiaddr, *siaddr, *giaddr;
	const uint8_t *chaddr;  /* 16 bytes, NULL when not all captured */
	uint8_t vendor;         /* enum np_bootp_vendor */
	const uint8_t *options; /* after the RFC 1048 cookie, or NULL */
	/* DHCP, from the options that were captured */
	uint8_t dhcp_type;           /* option 53, 0 when absent */
	const uint8_t *client_mac;   /* chaddr when it is a 6-byte Ethernet address */
	const uint8_t *requested_ip; /* option 50, 4 bytes, or NULL */
	const uint8_t *server_id;    /* option 54, 4 bytes, or NULL */
} np_bootp_msg;

/* Read the message of `length` bytes at p, captured up to end. NP_OK when
 * the fixed header and the vendor cookie are captured; NP_TRUNCATED when
 * the capture ends before (the fields before the cut are filled);
 * NP_INVALID when the length is too short for them or op is neither
 * request nor reply. Values are enum np_status. */
int np_bootp_parse(np_bootp_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length);

/* True when n bytes at offset off of the message were captured. */
static inline bool np_bootp_has(const np_bootp_msg *m, uint32_t off, uint32_t n)
{
	return m->caplen >= off && m->caplen - off >= n;
}

/* One option. PAD and END have no length byte: len 0. */
typedef struct np_bootp_opt {
	uint8_t tag;
	uint8_t len;
	const uint8_t *data; /* len bytes; all captured only after NP_BOOTP_OPT_OK */
} np_bootp_opt;

enum np_bootp_step {
	NP_BOOTP_OPT_OK = 0, /* opt is whole */
	NP_BOOTP_OPT_DONE,   /* no byte left to read a tag from */
	NP_BOOTP_OPT_NO_LEN, /* the tag was captured, its length byte not */
	NP_BOOTP_OPT_CUT,    /* tag and length are there, the data runs past the capture */
};

/* The walk goes on while there are captured bytes (the way tcpdump
 * walks it), END included: np_bootp_find_opt() is the one that stops at
 * END. */
typedef struct np_bootp_iter {
	const uint8_t *p, *end;
} np_bootp_iter;

static inline void np_bootp_opt_start(np_bootp_iter *it, const uint8_t *p, const uint8_t *end)
{
	it->p = p;
	it->end = end;
}

/* The next option; after NO_LEN or CUT the walk is over (DONE). */
int np_bootp_opt_next(np_bootp_iter *it, np_bootp_opt *opt);

/* The first whole option with this tag before END, from the RFC 1048
 * options of a parsed message. */
bool np_bootp_find_opt(const np_bootp_msg *m, uint8_t tag, np_bootp_opt *opt);

#endif
