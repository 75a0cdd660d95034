/*
 * flow.h - flow records and the flow table that builds them from decoded
 * packets, with YAF's and SiLK's conventions (see README, "flows").
 *
 * A flow is a biflow: the two directions of one conversation, keyed by
 * addresses, ports, protocol and VLAN; "forward" is the side that sent the
 * first packet. Each direction keeps its own packets, IP bytes, first and
 * last time, initial TCP flags (first packet) and session flags (the union
 * of the others). ICMP carries type*256+code in the destination port.
 *
 * A flow ends on idle timeout, active timeout, TCP close (FIN both ways and
 * the last ACK, or RST), end of input, or eviction when the table is full
 * (the least recently active flow is ended and written, never dropped).
 * Times come from the capture, never the clock.
 *
 * Not for: output formats (flow/writer.h) or deciding who is the server.
 */
#ifndef NP_FLOW_H
#define NP_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../decode/packet.h"

typedef struct np_flow_key {
	uint8_t src[16], dst[16]; /* IPv4 addresses in the first 4 bytes */
	uint16_t sport, dport;
	uint16_t vlan;
	uint8_t proto;
	uint8_t family; /* 4 or 6 */
} np_flow_key;

/* One direction of a biflow. Times are microseconds since the epoch.
 * Packed: 30 bytes, not 32, so that a flow is 112 bytes (the table holds
 * hundreds of thousands; x86 and arm64 read the unaligned fields at no
 * measurable cost). Its fields are read through np_flow_dir pointers,
 * which know they may be unaligned; never take a field's own address. */
typedef struct __attribute__((packed)) np_flow_dir {
	int64_t first_us, last_us;
	uint64_t bytes;
	uint32_t packets;
	uint8_t initial_flags; /* TCP flags of the first packet */
	uint8_t session_flags; /* union of the flags of the other packets */
} np_flow_dir;

enum np_flow_end {
	NP_END_IDLE = 1,
	NP_END_ACTIVE,
	NP_END_FIN,
	NP_END_RST,
	NP_END_EOF,
	NP_END_EVICTED,
};

typedef struct np_flow {
	np_flow_key key; /* forward direction */
	np_flow_dir fwd, rev;
	uint8_t end_reason;          /* enum np_flow_end, set when the flow is written */
	uint8_t tcp_state;           /* FIN seen forward / reverse, closing */
	uint8_t app;                 /* application label (decode/services.h id), 0 = unknown */
	uint8_t app_side;            /* which side the payload says serves: 0 unknown, 1 forward, 2 reverse */
	uint32_t lru_prev, lru_next; /* pool indices, for the activity list */
} np_flow;

/* Called for each flow that ends; the flow is valid only during the call. */
typedef void (*np_flow_emit_fn)(void *ctx, const np_flow *f);

/* Called for each packet that carries transport payload (profiling hooks
 * in here to name services from their first bytes). `reverse` tells the
 * direction; `len` is what was captured of the payload. */
typedef void (*np_flow_payload_fn)(void *ctx, np_flow *f, bool reverse, const uint8_t *payload, uint32_t len);

typedef struct np_flow_config {
	uint32_t idle_timeout_s;       /* default 300 */
	uint32_t active_timeout_s;     /* default 1800 */
	uint32_t max_flows;            /* default 1,000,000 */
	np_flow_payload_fn payload_fn; /* optional */
	void *payload_ctx;
	/* Batch packets (np_flow_table_add returns before the packet is
	 * accounted: up to NP_FLOW_BATCH packets wait, their index slots and
	 * flows fetched into cache meanwhile; payload_fn sees a copy of the
	 * payload, later). Flows end and are written when np_flow_table_flush
	 * or _expire runs or when later packets push the waiting ones through;
	 * the other readers of the table see the waiting packets only after
	 * np_flow_table_sync. The same flows come out either way. */
	bool batch;
} np_flow_config;

#define NP_FLOW_BATCH 16

typedef struct np_flow_stats {
	uint64_t packets;   /* handed to the table */
	uint64_t not_ip;    /* no IP layer */
	uint64_t truncated; /* IP or transport header cut short: counted without ports */
	uint64_t flows_written;
	uint64_t evicted; /* ended early because the table was full */
	uint64_t peak_active;
} np_flow_stats;

/* One packet as the flow table needs it, taken from a decoded packet by
 * np_flow_observe: small enough to hand from a reading thread to the
 * thread that runs the table (flow/pipeline.h). */
enum np_flow_obs_status {
	NP_OBS_IP,        /* an IP packet, headers whole */
	NP_OBS_TRUNCATED, /* IP or transport header cut short: counted without ports */
	NP_OBS_NOT_IP,    /* no IP layer: only counted */
};

typedef struct np_flow_obs {
	np_flow_key k;
	int64_t ts_us;
	uint32_t hash;  /* np_flow_key_hash(&k) */
	uint32_t bytes; /* IP bytes the header claims */
	uint32_t plen;  /* transport payload captured (0: none, or not asked for) */
	uint8_t flags;  /* TCP flags */
	uint8_t status; /* enum np_flow_obs_status */
	uint8_t late;   /* a held fragment let go: older (or, past a clock step, newer) than
			 * the packets before it; counted in its flow, but it does not move the
			 * table's clock */
	const uint8_t *payload;
} np_flow_obs;

/* The ports of first fragments, remembered so later fragments of the same
 * datagram get their flow: state of whoever calls np_flow_observe. */
typedef struct np_flow_frags np_flow_frags;
np_flow_frags *np_flow_frags_new(void);
void np_flow_frags_free(np_flow_frags *fc);

/* Observe a decoded packet stamped ts_us into out[], which has room for
 * NP_FLOW_OBS_MAX; returns how many observations to account, in order:
 * usually 1 (the packet); 0 when it is a later fragment held until its
 * datagram's first fragment comes (see flow_key.c); more when a first
 * fragment lets its held fragments go (they come first), or when held ones
 * are let go unmatched (ports 0). With want_payload, the packet's own
 * observation points at its captured transport payload (in pkt's buffer). */
#define NP_FLOW_HOLD 32
#define NP_FLOW_OBS_MAX (NP_FLOW_HOLD + 1)
unsigned np_flow_observe(np_flow_frags *fc, const np_packet *pkt, int64_t ts_us, bool want_payload, np_flow_obs *out);
/* The same for the commonest frames, straight from the captured bytes,
 * without decoding the packet: Ethernet with at most one 802.1Q tag, IPv4
 * (not a fragment) or IPv6 without extension headers, a whole TCP or UDP
 * header. Returns 1 with out[0] exactly as np_decode + np_flow_observe
 * would give it, or 0 for any other packet (or while fragments are held):
 * then the caller decodes it and calls np_flow_observe. Checked against
 * the decoder packet by packet in tests/unit/test_flow_frame.c. */
unsigned np_flow_observe_frame(np_flow_frags *fc, int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
			       int64_t ts_us, bool want_payload, np_flow_obs *out);
/* End of input: the fragments still held, unmatched (ports 0), into out[]
 * (room for NP_FLOW_HOLD); returns how many. */
unsigned np_flow_frags_release(np_flow_frags *fc, np_flow_obs *out);

/* Symmetric hash of a key: the same for a key and its reverse, never 0. */
uint32_t np_flow_key_hash(const np_flow_key *k);

typedef struct np_flow_table np_flow_table;

np_flow_table *np_flow_table_new(const np_flow_config *cfg, np_flow_emit_fn emit, void *ctx);
void np_flow_table_free(np_flow_table *t);
/* Account one decoded packet (timestamp in the packet). */
void np_flow_table_add(np_flow_table *t, const np_packet *pkt, int64_t ts_us);
/* Account one observed packet. payload_kept: o itself and o->payload stay
 * valid and unchanged until np_flow_table_sync, so a batching table keeps
 * the pointer instead of a copy; otherwise the table copies what it has
 * to keep. */
void np_flow_table_add_obs(np_flow_table *t, const np_flow_obs *o, bool payload_kept);
/* End flows idle or over their active time as of `now_us`. */
void np_flow_table_expire(np_flow_table *t, int64_t now_us);
/* The table's fragment state, for a caller that observes packets itself
 * (flow/pipeline.c) and hands them to np_flow_table_add_obs; it must not
 * be used while np_flow_table_add or _flush can run. Fragments still held
 * in it are let go by np_flow_table_flush. */
np_flow_frags *np_flow_table_frags(np_flow_table *t);
/* Account the packets a batching table still holds. */
void np_flow_table_sync(np_flow_table *t);
/* End every flow (end of input, shutdown) with the given reason. */
void np_flow_table_flush(np_flow_table *t, uint8_t reason);
/* The same, the flows handed to `block` many at a time, in the order
 * np_flow_table_flush would emit them (the flows that end while held
 * fragments are let go still go to the table's emit): for a writer that
 * formats them on two threads (np_flow_writer_write_all). The flows are
 * valid during the call. */
typedef void (*np_flow_block_fn)(void *ctx, const np_flow *const *flows, size_t n);
void np_flow_table_flush_blocks(np_flow_table *t, uint8_t reason, np_flow_block_fn block, void *ctx);
uint32_t np_flow_table_active(const np_flow_table *t);
/* Visit every active flow, least recently active first (read-only). */
void np_flow_table_each(const np_flow_table *t, void (*fn)(void *ctx, const np_flow *f), void *ctx);
/* Latest packet time seen (the table's clock), microseconds. */
int64_t np_flow_table_now(const np_flow_table *t);
const np_flow_stats *np_flow_table_stats(const np_flow_table *t);

/* Fill key from a decoded packet; false when the packet has no IP layer.
 * *ip_bytes gets the IP length (header + payload) the wire claims. */
bool np_flow_key_from_packet(const np_packet *pkt, np_flow_key *key, uint32_t *ip_bytes, uint8_t *tcp_flags);

/* SiLK's letters for TCP flags, "FSRPAUEC" order, into buf (>= 9 bytes). */
const char *np_tcp_flags_str(uint8_t flags, char *buf);
/* The same letters without the NUL (buf >= 8 bytes); returns how many. */
unsigned np_tcp_flags_put(uint8_t flags, char *buf);
const char *np_flow_end_name(uint8_t reason);

#endif
