/*
 * ctlproto.h - what the control protocols of routers and switches say
 * about their sender: the spanning tree's bridge and root IDs, the LLDP
 * and CDP system name, platform and port, the HSRP and VRRP state and
 * virtual address, the IS-IS system ID, hostname and area, the LDP LSR
 * ID. One file per protocol (llc.c, stp.c, lldp.c, cdp.c, hsrp.c, vrrp.c,
 * isis.c, ldp.c, rsvp.c); each fills a small struct from the bytes,
 * bounds-checked through util/bytes.h, and returns false when the message
 * is not there or cannot be right.
 *
 * Not for: printing (print/), or deciding what a device is (profile/devices.h).
 */
#ifndef NP_CTLPROTO_H
#define NP_CTLPROTO_H

#include <stdbool.h>
#include <stdint.h>

#include "packet.h"

/* What an 802.3 frame's LLC (and SNAP) header says follows. */
enum np_llc_kind {
	NP_LLC_OTHER = 0,
	NP_LLC_STP,  /* LLC 42 42 03: an IEEE BPDU */
	NP_LLC_PVST, /* SNAP 00000c 010b: Cisco's per-VLAN BPDU */
	NP_LLC_CDP,  /* SNAP 00000c 2000 */
	NP_LLC_ISIS, /* LLC fe fe 03 */
};

/* The payload of the link layer of pkt: after an 802.3 LLC/SNAP header
 * (*kind tells which), or after an ethertype (*ethertype set, kind OTHER).
 * False when the frame is not Ethernet. */
bool np_link_payload(const np_packet *pkt, int *kind, uint16_t *ethertype, const uint8_t **p, const uint8_t **end);

typedef struct np_stp_info {
	uint8_t version, type;       /* 0 STP, 2 RSTP, 3 MSTP; type 0x00 config, 0x02 RST, 0x80 TCN */
	uint64_t root_id, bridge_id; /* priority (16 bits) and MAC (48 bits); 0 for a TCN */
	uint32_t root_cost;
	uint16_t port_id;
} np_stp_info;
bool np_stp_parse(const uint8_t *p, const uint8_t *end, np_stp_info *out);

/* Capabilities, as both LLDP and CDP can say them. */
enum { NP_CAP_ROUTER = 1, NP_CAP_BRIDGE = 2, NP_CAP_STATION = 4 };

typedef struct np_neighbor_info {
	char name[64];     /* LLDP system name / CDP device ID */
	char platform[64]; /* LLDP system description (first line) / CDP platform */
	char port[64];     /* LLDP port ID (or description) / CDP port ID */
	uint8_t caps;      /* NP_CAP_*, enabled ones for LLDP */
	bool has_caps;
} np_neighbor_info;
bool np_lldp_parse(const uint8_t *p, const uint8_t *end, np_neighbor_info *out);
bool np_cdp_parse(const uint8_t *p, const uint8_t *end, np_neighbor_info *out);

/* Copy a text field, at most n bytes of it, to dst (size dsz), printable
 * ASCII only (others become '.'), stopping at a line end. */
void np_ctl_text(char *dst, size_t dsz, const uint8_t *s, const uint8_t *end, size_t n);

typedef struct np_isis_info {
	uint8_t pdu_type;     /* 15-17 hellos, 18/20 LSPs, 24-27 CSNPs/PSNPs */
	uint8_t levels;       /* bit 0 level 1, bit 1 level 2 */
	bool from_lsp;        /* system_id is an LSP's originator, maybe not the sender */
	bool pseudonode;      /* an LSP of a LAN's pseudonode */
	uint8_t system_id[6]; /* a hello's or SNP's source ID, an LSP's originator */
	char hostname[64];    /* TLV 137 (RFC 5301), "" when absent */
	uint8_t area[13];     /* the first area address (TLV 1) */
	uint8_t area_len;     /* 0 when absent */
} np_isis_info;
/* An IS-IS PDU at its NLPID byte (0x83), after LLC fe fe 03. */
bool np_isis_parse(const uint8_t *p, const uint8_t *end, np_isis_info *out);

typedef struct np_hsrp_info {
	uint8_t version, opcode, state, priority, group;
	uint8_t vip[4];
} np_hsrp_info;
/* HSRP version 0/1 (UDP 1985); state 16 active, 8 standby, 4 speak. */
bool np_hsrp_parse(const uint8_t *p, const uint8_t *end, np_hsrp_info *out);
const char *np_hsrp_state_name(uint8_t state);

typedef struct np_vrrp_info {
	uint8_t version, type, vrid, priority, naddr;
	const uint8_t *addr; /* the first virtual address (4 or 16 bytes), or NULL */
} np_vrrp_info;
/* VRRP v2 (IPv4) and v3 (RFC 5798); ip6 says the address size. */
bool np_vrrp_parse(const uint8_t *p, const uint8_t *end, bool ip6, np_vrrp_info *out);

typedef struct np_ldp_info {
	uint8_t lsr_id[4];
	uint16_t label_space;
	uint16_t msg_type; /* of the first message: 0x0100 hello, ... */
} np_ldp_info;
/* An LDP PDU (UDP/TCP 646), version 1 with a message and an LSR ID. */
bool np_ldp_parse(const uint8_t *p, const uint8_t *end, np_ldp_info *out);

/* An RSVP message (IP protocol 46): version 1, a known message type. */
bool np_rsvp_parse(const uint8_t *p, const uint8_t *end, uint8_t *msg_type);

#endif
