/*
 * services.h - the one table of service names: port numbers (from IANA's
 * registry, the ones network defenders meet) and what the first payload
 * bytes of a conversation say (SSH banner, FTP greeting, HTTP request line,
 * DNS header, NTP mode (client/server, control modes 6 and 7), TELNET
 * options, PPTP cookie, TLS ClientHello, SIP request or status line, syslog
 * <PRI>, SNMP PDU (traps), NetFlow/IPFIX/sFlow export, QUIC long header,
 * RTP/RTCP header: media, which nobody serves).
 *
 * Not for: deciding which endpoint is the server (profile/roles.h); this
 * only names services and says which side a payload came from.
 */
#ifndef NP_SERVICES_H
#define NP_SERVICES_H

#include <stdbool.h>
#include <stdint.h>

/* Service name for a port of a protocol (6 tcp, 17 udp), or NULL. */
const char *np_service_by_port(uint8_t proto, uint16_t port);
/* Whether a port is in the ephemeral ranges common systems pick client
 * ports from (1024-5000 old BSD/Windows, 32768-60999 Linux, 49152-65535 IANA). */
bool np_port_is_ephemeral(uint16_t port);
/* Whether a UDP port is one a service only receives on, never answering:
 * syslog 514, SNMP traps 162, NetFlow 2055/9995/9996, IPFIX 4739, sFlow 6343. */
bool np_port_is_receive_only(uint8_t proto, uint16_t port);
/* Whether IANA lists the port as a well-known or registered service. */
bool np_port_is_service(uint8_t proto, uint16_t port);

/* What a payload says about itself. */
enum np_payload_role {
	NP_PAYLOAD_UNKNOWN = 0,
	NP_PAYLOAD_FROM_CLIENT, /* a request: its sender is the client */
	NP_PAYLOAD_FROM_SERVER, /* a greeting or answer: its sender is the server */
};

typedef struct np_payload_id {
	const char *service; /* "ssh", "http", ... or NULL */
	uint8_t role;        /* enum np_payload_role */
} np_payload_id;

/* Identify a service from the first bytes of a TCP or UDP payload. */
np_payload_id np_identify_payload(uint8_t proto, const uint8_t *p, uint32_t len);

/* Small integer ids for names, so flows can carry a service in 1 byte. */
uint8_t np_service_id(const char *name); /* 0 for NULL or unknown */
const char *np_service_name(uint8_t id); /* NULL for 0 */

#endif
