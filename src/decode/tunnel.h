/*
 * tunnel.h - the packet a tunnel carries: IP-in-IP (4in4, 6in4, 4in6,
 * 6in6), GRE (version 0 with IP or Ethernet inside, and PPTP's enhanced
 * GRE with PPP), VXLAN (UDP 4789) and Geneve (UDP 6081).
 *
 * np_tunnel_inner() takes a decoded packet, finds what its outermost IP
 * layer carries, and decodes that inner packet into a second np_packet
 * (its bytes stay in the outer capture buffer); called again on the inner
 * packet it goes one level deeper, up to NP_TUNNEL_MAX_DEPTH levels. The
 * tunnel is described by its kind and its outer addresses.
 *
 * Not for: printing (the tcpdump printers follow the layers themselves),
 * or deciding whether to meter the inside (the flow and profile layers).
 */
#ifndef NP_TUNNEL_H
#define NP_TUNNEL_H

#include <stdbool.h>
#include <stdint.h>

#include <stddef.h>

#include "packet.h"

enum np_tunnel_kind {
	NP_TUNNEL_NONE = 0,
	NP_TUNNEL_IPIP,   /* IPv4 in IPv4 (protocol 4) */
	NP_TUNNEL_6IN4,   /* IPv6 in IPv4 (protocol 41) */
	NP_TUNNEL_4IN6,   /* IPv4 in IPv6 */
	NP_TUNNEL_6IN6,   /* IPv6 in IPv6 */
	NP_TUNNEL_GRE,    /* GRE version 0: IP, or Ethernet (0x6558) */
	NP_TUNNEL_PPTP,   /* enhanced GRE (version 1) with PPP: IPv4 or IPv6 */
	NP_TUNNEL_VXLAN,  /* UDP 4789: Ethernet */
	NP_TUNNEL_GENEVE, /* UDP 6081: Ethernet or IP */
};

#define NP_TUNNEL_MAX_DEPTH 4

typedef struct np_tunnel {
	uint8_t kind;             /* enum np_tunnel_kind */
	uint8_t family;           /* of the outer addresses: 4 or 6 */
	const uint8_t *src, *dst; /* the outer IP addresses (in the capture buffer) */
	uint32_t id;              /* VXLAN/Geneve VNI, GRE key, PPTP call id; 0 if none */
} np_tunnel;

/* Decode the packet `outer` carries into `inner`; false when it carries
 * none (or the tunnel header is cut short or impossible). */
bool np_tunnel_inner(const np_packet *outer, np_packet *inner, np_tunnel *t);
/* Whether np_tunnel_inner could find a packet inside `outer`: cheap, and
 * true for every packet it opens (so a reader can pass the others by). */
bool np_tunnel_candidate(const np_packet *outer);
/* Whether a UDP datagram to this port is a tunnel's (VXLAN, Geneve). */
bool np_tunnel_udp_port(uint16_t dport);

/* "ipip", "6in4", "4in6", "6in6", "gre", "pptp", "vxlan", "geneve"; "" for none. */
const char *np_tunnel_name(uint8_t kind);
/* And back: the kind named by name[0..n) (records read back), or NP_TUNNEL_NONE. */
uint8_t np_tunnel_kind_of(const char *name, size_t n);

#endif
