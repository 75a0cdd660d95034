/*
 * anomalies.h - named checks over decoded packets: what a network defender
 * calls odd (illegal TCP flag sets, bogon sources, fragment tricks, ARP
 * conflicts, scans, what the decoder found malformed).
 *
 * Feed every packet, in capture order, with the number `decode -#` gives
 * it; each finding goes to the callback as it is found. Per-packet checks
 * report at most one finding per packet: the most specific one, in the
 * order of np_anomaly_check below (land before tcp-syn-fin before
 * tcp-fin-no-ack ...). The checks that are about several packets
 * (fragment-overlap, arp-conflict, scan) report beside it, on the packet
 * that completes the evidence. README lists every check, its reference
 * and its threshold.
 *
 * Memory is bounded: the fragment, ARP and scan tables have fixed sizes
 * and forget their oldest entry when full (see anomalies.c).
 *
 * np_finding_write is the one text and JSON form of a finding (the
 * anomalies command and watch's alerts both use it).
 *
 * Not for: deciding where findings go (the caller: stdout, alert file).
 */
#ifndef NP_ANOMALIES_H
#define NP_ANOMALIES_H

#include <stdbool.h>
#include <stdint.h>

#include "../decode/packet.h"
#include "analyze.h"

enum np_anomaly_check {
	NP_CHECK_LAND = 0,
	NP_CHECK_TCP_SYN_FIN,
	NP_CHECK_TCP_SYN_RST,
	NP_CHECK_TCP_XMAS,
	NP_CHECK_TCP_NULL,
	NP_CHECK_TCP_FIN_NO_ACK,
	NP_CHECK_PORT_ZERO,
	NP_CHECK_FRAGMENT_TINY,
	NP_CHECK_FRAGMENT_OVERSIZE,
	NP_CHECK_IP_SOURCE_ROUTE,
	NP_CHECK_BOGON_SOURCE,
	NP_CHECK_IP_BAD_CHECKSUM,
	NP_CHECK_MALFORMED,
	NP_CHECK_FRAGMENT_OVERLAP, /* the checks about several packets */
	NP_CHECK_ARP_CONFLICT,
	NP_CHECK_SCAN,
	NP_CHECK_COUNT
};

typedef struct np_finding {
	uint8_t check;   /* enum np_anomaly_check */
	uint64_t packet; /* its number, as decode -# counts */
	int64_t ts_sec;
	uint32_t ts_frac;
	char src[NP_ADDR_TEXT], dst[NP_ADDR_TEXT];
	char detail[200];
} np_finding;

typedef void (*np_finding_fn)(void *ctx, const np_finding *f);

typedef struct np_anomalies np_anomalies;

np_anomalies *np_anomalies_new(np_finding_fn fn, void *ctx);
/* The same with a smaller scan table (the fuzz target fills it quickly). */
np_anomalies *np_anomalies_new_sized(np_finding_fn fn, void *ctx, unsigned scan_slots);
void np_anomalies_free(np_anomalies *a);
/* Run every check on one decoded packet. */
void np_anomalies_packet(np_anomalies *a, const np_packet *pkt, uint64_t number);
/* Findings so far of one check. */
uint64_t np_anomalies_count(const np_anomalies *a, int check);
/* The check's name as the user sees it ("tcp-xmas"). */
const char *np_anomaly_name(int check);

/* One finding as a text line or a JSON object (no newline). */
void np_finding_write(np_out *o, const np_finding *f, bool json, bool nano);

/* Thresholds (README says the same). */
#define NP_SCAN_TARGETS 25       /* distinct host:port probed ... */
#define NP_SCAN_WINDOW_S 300     /* ... within this many seconds ... */
#define NP_SCAN_COMPLETED_PCT 20 /* ... with at most this share of handshakes completed */
#define NP_ARP_WINDOW_S 60       /* two MACs for one IP within this many seconds */
#define NP_FRAG_TIMEOUT_S 60     /* fragments of one datagram kept this long */

#endif
