/*
 * packet.h - the decoded packet: one struct that names every layer found.
 *
 * np_decode() walks a captured frame once, from the link header inwards,
 * and records each header it recognises as an np_layer: where it starts in
 * the capture buffer (no copies), how much of it was captured, the length
 * the wire claims, and the fields later stages need. The tcpdump-style
 * printer, the flow table and the profiler all read this struct; none of
 * them parses headers again.
 *
 * A layer cut short by the snaplen is recorded with status NP_TRUNCATED and
 * decoding stops there; a header whose fields are impossible (bad version,
 * length below the minimum) is NP_INVALID. Whatever was decoded before stays.
 *
 * Not for: application payloads (DNS, NTP, ...): their parsers start from
 * the transport layer's payload pointer.
 */
#ifndef NP_PACKET_H
#define NP_PACKET_H

#include <stdbool.h>
#include <stdint.h>

/* Link types we decode (values are DLT_/LINKTYPE_ numbers). */
enum {
	NP_DLT_NULL = 0,
	NP_DLT_EN10MB = 1,
	NP_DLT_RAW = 12, /* DLT_RAW on most systems: raw IPv4/IPv6 */
	NP_DLT_RAW_OPENBSD = 14,
	NP_DLT_LOOP = 108,
	NP_DLT_FRELAY = 107, /* Frame Relay (printed only) */
	NP_DLT_MFR = 182,    /* FRF.16 multilink Frame Relay (printed only) */
	NP_DLT_LINKTYPE_RAW = 101,
	NP_DLT_LINUX_SLL = 113,
	NP_DLT_IPV4 = 228,
	NP_DLT_IPV6 = 229,
	NP_DLT_LINUX_SLL2 = 276,
	NP_DLT_IPNET = 226,                /* Solaris ipnet (printed only) */
	NP_DLT_ARCNET_LINUX = 129,         /* Linux ARCnet (printed only) */
	NP_DLT_ATM_RFC1483 = 11,           /* RFC 1483 LLC over ATM (printed only) */
	NP_DLT_ATM_CLIP = 19,              /* Linux Classical IP over ATM (printed only) */
	NP_DLT_IPOIB = 242,                /* IP over InfiniBand (printed only) */
	NP_DLT_VSOCK = 271,                /* Linux vsock monitor (printed only) */
	NP_DLT_DSA_TAG_BRCM = 281,         /* Broadcom switch tag (printed only) */
	NP_DLT_DSA_TAG_BRCM_PREPEND = 282, /* the same, before the frame */
	NP_DLT_DSA_TAG_DSA = 284,          /* Marvell DSA switch tag (printed only) */
	NP_DLT_DSA_TAG_EDSA = 285,         /* Marvell EDSA switch tag (printed only) */
	NP_DLT_PPP = 9,                    /* PPP (printed only) */
	NP_DLT_PPP_SERIAL = 50,            /* PPP in HDLC framing (printed only) */
	NP_DLT_C_HDLC = 104,               /* Cisco HDLC (printed only) */
	NP_DLT_SLIP = 8,                   /* SLIP with its 16-byte pseudo-header (printed only) */
	NP_DLT_JUNIPER_ES = 132,           /* Juniper PIC headers (printed only) */
	NP_DLT_JUNIPER_ATM1 = 137,
	NP_DLT_JUNIPER_ETHER = 178,
	NP_DLT_JUNIPER_PPP = 179,
	NP_DLT_JUNIPER_CHDLC = 181,
	NP_DLT_NFLOG = 239, /* Linux netfilter NFLOG (printed only) */
	NP_DLT_PKTAP = 258, /* Apple PKTAP (printed only) */
	NP_DLT_USER2 = 149, /* Apple's own number for PKTAP, which tcpdump reads as PKTAP too */
};

enum np_layer_kind {
	NP_LAYER_NONE = 0,
	NP_LAYER_ETH,  /* Ethernet II or 802.3 header */
	NP_LAYER_VLAN, /* one 802.1Q / 802.1ad tag */
	NP_LAYER_SLL,  /* Linux cooked v1 */
	NP_LAYER_SLL2, /* Linux cooked v2 */
	NP_LAYER_NULL, /* BSD loopback (NULL / LOOP): 4-byte family */
	NP_LAYER_ARP,
	NP_LAYER_IP4,
	NP_LAYER_IP6,
	NP_LAYER_TCP,
	NP_LAYER_UDP,
	NP_LAYER_ICMP,
	NP_LAYER_ICMP6,
	NP_LAYER_GRE,
};

enum np_status {
	NP_OK = 0,
	NP_TRUNCATED = 1, /* the header is cut short by the capture */
	NP_INVALID = 2,   /* the header is there but cannot be right */
};

struct np_eth_info {
	const uint8_t *dst, *src;
	uint16_t type_or_len; /* the 16 bits after the addresses */
};

struct np_vlan_info {
	uint16_t tpid; /* 0x8100, 0x88a8, 0x9100 */
	uint16_t tci;  /* priority, DEI, VLAN id */
};

struct np_sll_info {
	uint16_t pkttype, hatype, halen, protocol;
	uint32_t ifindex;    /* SLL2 only */
	const uint8_t *addr; /* link-layer address, halen bytes (at most 8) */
};

struct np_null_info {
	uint32_t family; /* host byte order as found in the file */
};

struct np_arp_info {
	uint16_t hrd, pro, op;
	uint8_t hln, pln;
	const uint8_t *sha, *spa, *tha, *tpa; /* NULL where not captured */
};

struct np_ip4_info {
	uint8_t ver, ihl, tos, ttl, proto;
	uint16_t total_len, id, frag; /* frag: flags and offset as on the wire */
	uint16_t cksum;
	const uint8_t *src, *dst;
	const uint8_t *final_dst; /* dst, or the last hop a LSRR/SSRR option names (for pseudo-headers) */
};

/* An IPv6 extension header seen between the fixed header and the payload. */
struct np_ip6_ext {
	uint8_t type; /* its protocol number: 0, 43, 44, 60, 51, ... */
	uint8_t next;
	uint16_t len;
	const uint8_t *p;
};

#define NP_IP6_MAX_EXT 8

struct np_ip6_info {
	uint8_t ver, tclass, hlim, next; /* next: the header after the fixed one */
	uint32_t flow;
	uint16_t payload_len;
	const uint8_t *src, *dst;
	uint8_t proto;     /* the upper-layer protocol after the extension headers */
	uint8_t next_ext;  /* extension headers recorded in ext[] */
	bool fragment;     /* a fragment header was seen */
	uint32_t frag_off; /* its offset in bytes */
	bool frag_more;
	uint32_t frag_id;
	uint32_t jumbo;           /* a valid Jumbo Payload option's length, or 0 */
	const uint8_t *final_dst; /* dst, or the last hop a routing header names (for pseudo-headers) */
	struct np_ip6_ext ext[NP_IP6_MAX_EXT];
};

struct np_tcp_info {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t off;    /* data offset, in bytes */
	uint16_t flags; /* FIN 0x01 ... CWR 0x80, AE (NS) 0x100 */
	uint16_t win, cksum, urp;
};

struct np_udp_info {
	uint16_t sport, dport, ulen, cksum;
};

struct np_icmp_info {
	uint8_t type, code;
	uint16_t cksum;
	uint16_t id, seq; /* echo, timestamp, information, mask: 0 for other types */
};

struct np_gre_info {
	uint16_t flags_ver; /* the first 16 bits: C R K S s Recur A flags version */
	uint16_t proto;
	uint8_t version;
	bool has_key, has_seq, has_ack, has_cksum;
	uint32_t key, seq, ack;
	uint16_t payload_len; /* v1 (PPTP): key high half */
	uint16_t call_id;     /* v1 (PPTP): key low half */
};

typedef struct np_layer {
	uint8_t kind;       /* enum np_layer_kind */
	uint8_t status;     /* enum np_status */
	uint16_t next;      /* what follows: an ethertype for link layers, an IP protocol for IP */
	const uint8_t *p;   /* first byte of this header in the capture */
	const uint8_t *end; /* end of captured bytes in this layer's scope */
	uint32_t len;       /* bytes from p that the wire claims (header + payload) */
	uint32_t hdrlen;    /* this header's length; the payload starts at p + hdrlen */
	union {
		struct np_eth_info eth;
		struct np_vlan_info vlan;
		struct np_sll_info sll;
		struct np_null_info null;
		struct np_arp_info arp;
		struct np_ip4_info ip4;
		struct np_ip6_info ip6;
		struct np_tcp_info tcp;
		struct np_udp_info udp;
		struct np_icmp_info icmp;
		struct np_gre_info gre;
	} u;
} np_layer;

#define NP_MAX_LAYERS 12

typedef struct np_packet {
	int64_t ts_sec;
	uint32_t ts_frac; /* microseconds, or nanoseconds for nanosecond files */
	uint32_t caplen;  /* bytes captured */
	uint32_t wirelen; /* bytes on the wire */
	const uint8_t *data;
	const uint8_t *end; /* data + caplen */
	int dlt;
	uint8_t nlayers;
	int8_t ip; /* index of the outermost IP layer, or -1 */
	int8_t l4; /* index of the transport layer inside it, or -1 */
	np_layer layer[NP_MAX_LAYERS];
} np_packet;

/* Decode a captured frame of link type `dlt`. Never fails: see the layers. */
void np_decode(np_packet *pkt, int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen);

/* Decode starting at a network-layer header (used for tunnels, ICMP quotes). */
void np_decode_ethertype(np_packet *pkt, uint16_t ethertype, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_ipproto(np_packet *pkt, uint8_t proto, const uint8_t *p, const uint8_t *end, uint32_t len);

/* Add a layer; NULL when the stack is full. */
np_layer *np_push_layer(np_packet *pkt, uint8_t kind, const uint8_t *p, const uint8_t *end, uint32_t len);

/* Per-protocol decoders (one file each in decode/). Each fills the layer it
 * pushed and continues inwards. */
void np_decode_eth(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_sll(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_sll2(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_null(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_arp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_ip4(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_ip6(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_tcp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_udp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_icmp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_icmp6(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);
void np_decode_gre(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len);

/* The layer of a kind, first from the outside, or NULL. */
const np_layer *np_find_layer(const np_packet *pkt, uint8_t kind);

#endif
