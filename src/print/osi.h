/*
 * osi.h - what the OSI network layer printers share (isoclns.c, esis.c,
 * isis.c, isis_tlv.c): the NLPID names, NSAP and system ID text, the
 * ISO 8473 (Fletcher) checksum note, and the per-protocol entry points the
 * NLPID dispatch (print_isoclns in print.h) hands a PDU to.
 *
 * Not for: link layers; they call print_isoclns.
 */
#ifndef NP_PRINT_OSI_H
#define NP_PRINT_OSI_H

#include "print.h"

#define OSI_SYSTEM_ID_LEN 6
#define OSI_NODE_ID_LEN 7
#define OSI_LSP_ID_LEN 8

/* " (unverified)", " (correct)" or " (incorrect should be 0x....)" for the
 * ISO checksum at offset of the length bytes at p (tcpdump's
 * osi_print_cksum). */
void print_osi_cksum(np_printer *pr, const uint8_t *p, uint16_t cksum, int offset, uint32_t length);

/* tcpdump's print_unknown_data with its result: false (after its
 * "Dissector error" note) when p is past the captured bytes. */
bool print_osi_unknown(np_printer *pr, const uint8_t *p, const char *indent, uint32_t len);

/* A system ID (6 bytes), node ID (7) or LSP ID (8) as
 * "1921.6800.1001[.00[-00]]" into buf (at least 24 bytes). False when the
 * bytes are not captured (the caller stops the packet). */
bool osi_format_id(np_printer *pr, const uint8_t *p, uint32_t id_len, char *buf);

/* The protocol printers, at their NLPID. Each returns false where tcpdump's
 * returns 0 (print_isoclns then dumps the PDU). */
bool print_clnp(np_printer *pr, const uint8_t *p, uint32_t length);
void print_esis(np_printer *pr, const uint8_t *p, uint32_t length);
bool print_isis(np_printer *pr, const uint8_t *p, uint32_t length);

/* IS-IS's TLV walkers (isis_tlv.c), tcpdump's isis_print_* helpers; the
 * byte counts are what tcpdump's return, 0 where it gives up (with
 * pr->stopped set when the packet stops there). ident is the line lead. */
uint32_t isis_ext_is_reach(np_printer *pr, const uint8_t *t, const char *ident, uint8_t tlv_type, uint32_t remaining);
uint32_t isis_mtid(np_printer *pr, const uint8_t *t, const char *ident, uint32_t remaining);
uint32_t isis_extd_ip_reach(np_printer *pr, const uint8_t *t, const char *ident, bool v6);
/* The metric block of the old-style TLVs (4 bytes, captured). */
void isis_metric_block(np_printer *pr, const uint8_t *m);
/* IPv4 internal/external reachability (TLVs 128, 130): false where
 * tcpdump's isis_print returns at once. */
bool isis_ip_reach(np_printer *pr, const uint8_t *t, const char *ident, uint32_t length);
void isis_router_cap_subtlvs(np_printer *pr, const uint8_t *t, uint8_t len);
void isis_mt_port_cap_subtlvs(np_printer *pr, const uint8_t *t, uint32_t len);
void isis_mt_cap_subtlvs(np_printer *pr, const uint8_t *t, uint32_t len);

#endif
