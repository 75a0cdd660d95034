/*
 * ipfix_model.h - the one table of IPFIX elements netprofile writes and
 * reads, and the record that libfixbuf transcodes to and from: YAF's
 * standard biflow record (addresses, ports, protocol, vlanId, flow start
 * and end in milliseconds, packet and octet totals, flowEndReason), CERT's
 * elements (enterprise 6871: initialTCPFlags 14, unionTCPFlags 15, their
 * reverses 16398 and 16399, reverseFlowDeltaMilliseconds 21, silkAppLabel
 * 33), flowStart/EndMicroseconds beside the milliseconds, and RFC 5103's reverse elements (enterprise 29305) for the other
 * direction of a biflow. Inner records of `flows --decap` add their
 * tunnel: IANA's tunnelTechnology (289, the kind as netprofile names it:
 * "vxlan", "gre", "pptp"...) and layer2SegmentId (351, the VXLAN/Geneve
 * VNI), and netprofile's own elements under NP_IPFIX_PEN for what IANA has
 * no element for (the outer addresses, the id of any tunnel, the depth).
 *
 * The export writer (flow/writer_ipfix.c) and the IPFIX reader and
 * collector (collect/ipfix.c) both use it, so an element is named once.
 *
 * Not for: sending or receiving messages (the writer and the reader do).
 */
#ifndef NP_IPFIX_MODEL_H
#define NP_IPFIX_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fixbuf/public.h>

#include "flow.h"

/* The record as it sits in memory; libfixbuf fills and reads it through
 * the internal template (np_ipfix_add_internal_templates). Laid out with
 * no hidden padding: the template's paddingOctets fill the gaps. */
typedef struct np_ipfix_rec {
	uint64_t start_ms, end_ms;         /* flowStart/EndMilliseconds */
	uint64_t rev_start_ms, rev_end_ms; /* their RFC 5103 reverses */
	uint64_t octets, rev_octets;       /* octetTotalCount and reverse */
	uint64_t packets, rev_packets;     /* packetTotalCount and reverse */
	/* flowStart/EndMicroseconds and reverses, NTP format (RFC 7011 6.1.9):
	 * the microseconds the millisecond times lose, so a capture written
	 * and read back gives the same records. */
	uint64_t start_ntp, end_ntp, rev_start_ntp, rev_end_ntp;
	/* Reading only: what routers and softflowd send instead. */
	uint64_t delta_octets, delta_packets; /* octetDeltaCount, packetDeltaCount */
	/* Reading only, NetFlow v9 through libfixbuf's translator: the
	 * exporter's boot time it adds (systemInitTimeMilliseconds), and the
	 * flow's times in milliseconds since then (flowStart/EndSysUpTime). */
	uint64_t sys_init_ms;
	uint8_t sip6[16], dip6[16];        /* sourceIPv6Address, destinationIPv6Address */
	uint32_t sip4, dip4;               /* IPv4 addresses, host byte order */
	uint32_t rev_delta_ms;             /* reverseFlowDeltaMilliseconds (YAF) */
	uint32_t start_s, end_s;           /* reading only: flowStart/EndSeconds */
	uint32_t start_uptime, end_uptime; /* reading only: flowStart/EndSysUpTime */
	uint16_t sport, dport;
	uint16_t vlan, rev_vlan; /* reverseVlanId: reading only */
	uint16_t app;            /* silkAppLabel: the application as its port number */
	uint16_t tcp_bits;       /* reading only: tcpControlBits (the union of the flags) */
	uint8_t proto, end_reason;
	uint8_t init_flags, union_flags, rev_init_flags, rev_union_flags;
	uint8_t pad[2];
	fbSubTemplateMultiList_t stml; /* reading only: YAF's nested TCP flags */
	/* An inner record's tunnel (flow/decap.h); tun_tech empty for others. */
	fbVarfield_t tun_tech;              /* tunnelTechnology: np_tunnel_name() */
	uint64_t l2seg;                     /* layer2SegmentId: the VNI (VXLAN, Geneve) */
	uint8_t tun_sip6[16], tun_dip6[16]; /* the outer addresses, IPv6 */
	uint32_t tun_sip4, tun_dip4;        /* the outer addresses, IPv4, host order */
	uint32_t tun_id;                    /* VNI, GRE key, PPTP call id */
	uint8_t tun_depth;                  /* 1: the outermost tunnel */
	uint8_t pad2[3];
} np_ipfix_rec;

#define NP_IPFIX_FIXED_LEN offsetof(np_ipfix_rec, stml)

/* YAF's TCP sub-record (inside the subTemplateMultiList). */
typedef struct np_ipfix_tcp_rec {
	uint8_t init_flags, union_flags, rev_init_flags, rev_union_flags;
} np_ipfix_tcp_rec;

/* Template ids: the internal ones, and what we export. */
enum {
	NP_IPFIX_TID_REC = 0x9990, /* internal: np_ipfix_rec */
	NP_IPFIX_TID_TCP = 0x9991, /* internal: np_ipfix_tcp_rec */
	/* internal, export only: np_ipfix_rec up to stml (NP_IPFIX_FIXED_LEN
	 * bytes), every element fixed-length, so libfixbuf transcodes it from
	 * cached offsets instead of working them out again for each record */
	NP_IPFIX_TID_FIXED = 0x9992,
	/* export: 0xb000 | IPv6 1 | uniflow 2 | not TCP 4 (no TCP flags) |
	 * a biflow whose reverse saw no packet 8 (of the reverse elements only
	 * reversePacketTotalCount, 0, so readers still take it for a biflow),
	 * as YAF picks its templates by what a record carries */
	NP_IPFIX_TID_EXPORT = 0xb000,
	NP_IPFIX_TID_V6 = 1,
	NP_IPFIX_TID_UNI = 2,
	NP_IPFIX_TID_NOTCP = 4,
	NP_IPFIX_TID_NOREV = 8,
	/* export, inner records of --decap: 0xb010 | inner IPv6 1 | uniflow 2 | outer IPv6 4 */
	NP_IPFIX_TID_TUN = 0xb010,
};

/* The private enterprise number of netprofile's own elements: RFC 5612's
 * number for documentation (32473), standing in until netprofile has one
 * registered; readers learn the elements' names from the RFC 5610 records
 * a file with tunnel records carries (ipfixDump --rfc5610). Numbers:
 * tunnelSourceIPv4Address 1, tunnelDestinationIPv4Address 2,
 * tunnelSourceIPv6Address 3, tunnelDestinationIPv6Address 4, tunnelId 5,
 * tunnelDepth 6. */
#define NP_IPFIX_PEN 32473

/* A new information model with CERT's elements added. */
fbInfoModel_t *np_ipfix_model_new(void);
/* Add the internal templates to a session (export and collection). */
bool np_ipfix_add_internal_templates(fbSession_t *s, fbInfoModel_t *m, GError **err);
/* Add the twelve export templates to an exporting session, and the
 * internal template NP_IPFIX_TID_FIXED they are written from. */
bool np_ipfix_add_export_templates(fbSession_t *s, fbInfoModel_t *m, GError **err);
/* Reading: an internal template, under tid, for the records of the
 * external template ext: np_ipfix_rec up to NP_IPFIX_FIXED_LEN with only
 * the elements ext carries and np_ipfix_rec_to_flow reads (not
 * reverseVlanId; not reverseFlowDeltaMilliseconds beside a reverse start),
 * each run of the others one paddingOctets
 * (libfixbuf zeroes it in one go). libfixbuf transcodes element by element
 * along the internal template, so a record of a router's or our own
 * template costs its own elements, not the forty-odd of NP_IPFIX_TID_REC.
 * The record's part past NP_IPFIX_FIXED_LEN is not written. False (and
 * nothing added) for a template with YAF's nested list, tunnel elements
 * or padding of its own: those are read through NP_IPFIX_TID_REC. */
bool np_ipfix_add_lean_template(fbSession_t *s, fbInfoModel_t *m, uint16_t tid, fbTemplate_t *ext, GError **err);
/* Add the eight export templates of inner (tunnelled) records. */
bool np_ipfix_add_tunnel_templates(fbSession_t *s, fbInfoModel_t *m, GError **err);
/* The export template for a record of f (not tunnelled): its biflow
 * record, or a uniflow one. */
uint16_t np_ipfix_export_tid(const np_flow *f, bool biflow);

/* A flow into a record: both directions (biflow), or one (reverse picks
 * which, with addresses and ports swapped for the reverse one). */
void np_ipfix_rec_from_flow(np_ipfix_rec *r, const np_flow *f, bool biflow, bool reverse);
/* An inner record's tunnel into r (after np_ipfix_rec_from_flow; t stays
 * referenced by r->tun_tech's name, a static string), and its template. */
struct np_flow_tunnel;
void np_ipfix_rec_set_tunnel(np_ipfix_rec *r, const struct np_flow_tunnel *t);
uint16_t np_ipfix_tunnel_tid(int family, bool biflow, int outer_family);
/* A record's tunnel, if it has one (tunnelTechnology a known kind): true
 * and t filled (index and parent 0). */
bool np_ipfix_rec_tunnel(const np_ipfix_rec *r, struct np_flow_tunnel *t);
/* A record into a flow; family is 4 or 6 (from the external template).
 * Times: the reverse start is rev_start_ms, or start + reverse delta
 * (YAF); the reverse end is rev_end_ms, or the flow's end. */
void np_ipfix_rec_to_flow(const np_ipfix_rec *r, int family, np_flow *f);

/* np_flow.end_reason to IANA's flowEndReason, and back (all_flags: the
 * record's TCP flags, both directions, to tell RST from FIN). */
uint8_t np_ipfix_end_reason(uint8_t reason);
uint8_t np_flow_end_from_ipfix(uint8_t reason, uint8_t all_flags);

/* The application label both ways: np_flow.app (decode/services.h id) to
 * the port number YAF's silkAppLabel uses, and back for a flow of protocol
 * proto (0 = unknown). */
uint16_t np_ipfix_app_label(uint8_t app);
uint8_t np_ipfix_app_from_label(uint16_t label, uint8_t proto);

#endif
