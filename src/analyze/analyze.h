/*
 * analyze.h - what `explain` and `anomalies` share: one decoded packet's
 * addresses and ports as text, its capture time as `decode` prints it,
 * and JSON string quoting for their JSON-lines output.
 *
 * Both read the np_packet the decoder fills (decode/packet.h), never the
 * bytes again, except for the few payload fields they need (TCP options,
 * ICMP quotes, DNS), read through util/bytes.h.
 *
 * np_analyze_source reads a source to its end (or count packets), decodes
 * each packet and numbers it as `decode -#` does (1, 2, ... after the filter).
 *
 * Not for: the stories or the checks themselves (explain.c, anomalies.c).
 */
#ifndef NP_ANALYZE_H
#define NP_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../capture/source.h"
#include "../decode/packet.h"
#include "../util/out.h"

/* INET6_ADDRSTRLEN plus ".65535" */
#define NP_ADDR_TEXT 54

/* The time of a packet as `decode` prints it by default: HH:MM:SS.frac,
 * local time, 6 digits (9 with nano). */
void np_analyze_time(int64_t sec, uint32_t frac, bool nano, char *buf, size_t len);

/* An IPv4 (4 bytes) or IPv6 (16 bytes) address as text. */
void np_analyze_addr(const uint8_t *a, int alen, char *buf, size_t len);

/* The outermost IP layer's source and destination as text, with ".port"
 * where the transport has ports (tcpdump's form). False when the packet
 * has no IP layer with addresses. */
bool np_analyze_endpoints(const np_packet *pkt, char *src, char *dst, size_t len);

/* The outermost IP layer's addresses: pointers into the packet and their
 * length (4 or 16); false without one. */
bool np_analyze_ip_addrs(const np_packet *pkt, const uint8_t **src, const uint8_t **dst, int *alen);

/* The transport layer's ports, when it is TCP or UDP. */
bool np_analyze_ports(const np_packet *pkt, uint8_t *proto, uint16_t *sport, uint16_t *dport);

/* s as a JSON string, quotes included. */
void np_analyze_json_str(np_out *o, const char *s);

typedef void (*np_analyze_fn)(void *ctx, const np_packet *pkt, uint64_t number);

/* Decode and number every packet of src (at most count, 0 = all) for fn.
 * Returns what np_source_loop returns (-1: src->err says what). */
int np_analyze_source(np_source *src, long count, np_analyze_fn fn, void *ctx);

/* The usual end of a packet-reading command: the read error or the output
 * error on stderr; returns the exit status (0 or 1). */
int np_analyze_status(const np_source *src, int rc, const np_out *out);

#endif
