/*
 * netflow5.c - NetFlow v5 export messages, decoded by hand (libfixbuf does
 * not take them): a 24-byte header and up to 30 records of 48 bytes, as
 * Cisco documents them and softflowd and nfdump write them.
 *
 * Times: a record's First and Last are the exporter's sysUptime in
 * milliseconds when the flow's first and last packets passed; the header
 * gives sysUptime and the wall time (unix_secs, unix_nsecs) at export, so
 * a record's absolute time is the export time less (sysUptime - First).
 * The difference is taken modulo 2^32 as a signed number, so an uptime
 * that wrapped and a First a little after the export both come out right.
 *
 * flow_sequence counts the flows the exporter sent before this message:
 * one that is ahead of what we expect counts the difference as lost
 * (gaps); one behind (reordered, or the exporter restarted) only resyncs.
 *
 * TCP flags are the union of a direction's flags (session_flags; nothing
 * is known of the first packet). A TCP record with no flag at all comes
 * from an exporter that does not fill them: it goes on as flagless.
 * Every record is one direction: it goes through the pairing window.
 *
 * Not for: NetFlow v9 (templates: ipfix.c, through libfixbuf).
 */
#include <string.h>

#include "../util/bytes.h"
#include "source.h"

/* Wire layout (Cisco, "NetFlow Export Datagram Format", version 5). */
struct nf5_header {
	uint8_t version[2];
	uint8_t count[2];
	uint8_t sys_uptime[4];
	uint8_t unix_secs[4];
	uint8_t unix_nsecs[4];
	uint8_t flow_sequence[4];
	uint8_t engine_type, engine_id;
	uint8_t sampling[2];
};

struct nf5_record {
	uint8_t srcaddr[4], dstaddr[4], nexthop[4];
	uint8_t input[2], output[2];
	uint8_t dpkts[4], doctets[4];
	uint8_t first[4], last[4];
	uint8_t srcport[2], dstport[2];
	uint8_t pad1, tcp_flags, prot, tos;
	uint8_t src_as[2], dst_as[2];
	uint8_t src_mask, dst_mask;
	uint8_t pad2[2];
};

enum { NF5_HEADER = sizeof(struct nf5_header), NF5_RECORD = sizeof(struct nf5_record), NF5_MAX_COUNT = 30 };

_Static_assert(sizeof(struct nf5_header) == 24, "NetFlow v5 header is 24 bytes");
_Static_assert(sizeof(struct nf5_record) == 48, "NetFlow v5 record is 48 bytes");

struct nf5_clock {
	int64_t export_us;
	uint32_t uptime_ms;
};

static int64_t uptime_to_us(const struct nf5_clock *c, uint32_t at_ms)
{
	int32_t before_ms = (int32_t)(c->uptime_ms - at_ms);
	return c->export_us - (int64_t)before_ms * 1000;
}

/* One record at p (48 bytes known to be there). */
static void decode_record(np_exporter *ex, const struct nf5_clock *clk, const uint8_t *p, const uint8_t *end)
{
	const struct nf5_record *w = (const struct nf5_record *)(const void *)p;
	uint32_t pkts, octets, first, last;
	uint16_t sport, dport;
	np_flow f;
	memset(&f, 0, sizeof(f));
	if (!np_get_be32(w->dpkts, end, &pkts) || !np_get_be32(w->doctets, end, &octets) ||
	    !np_get_be32(w->first, end, &first) || !np_get_be32(w->last, end, &last) ||
	    !np_get_be16(w->srcport, end, &sport) || !np_get_be16(w->dstport, end, &dport) ||
	    !np_get_u8(&w->prot, end, &f.key.proto) || !np_has(w->srcaddr, end, 8)) {
		ex->st.malformed++;
		return;
	}
	f.key.family = 4;
	memcpy(f.key.src, w->srcaddr, 4);
	memcpy(f.key.dst, w->dstaddr, 4);
	f.key.sport = sport;
	f.key.dport = dport;
	f.fwd.packets = pkts;
	f.fwd.bytes = octets;
	f.fwd.first_us = uptime_to_us(clk, first);
	f.fwd.last_us = uptime_to_us(clk, last);
	if (f.fwd.last_us < f.fwd.first_us)
		f.fwd.last_us = f.fwd.first_us;
	f.fwd.session_flags = w->tcp_flags;
	bool has_flags = f.key.proto != 6 || w->tcp_flags != 0;
	np_exporter_record(ex, &f, has_flags, true);
}

static void nf5_sequence(np_exporter *ex, uint32_t seq, uint16_t count)
{
	if (ex->v5_seq_known && seq != ex->v5_next_seq) {
		uint32_t ahead = seq - ex->v5_next_seq;
		if (ahead < 0x80000000u)
			ex->st.gaps += ahead;
	}
	ex->v5_next_seq = seq + count;
	ex->v5_seq_known = true;
}

static void nf5_decode(void *state, np_exporter *ex, const uint8_t *msg, size_t len)
{
	(void)state;
	const uint8_t *end = msg + len;
	const struct nf5_header *h = (const struct nf5_header *)(const void *)msg;
	uint16_t version, count;
	uint32_t uptime, secs, nsecs, seq;
	ex->st.messages++;
	if (!np_get_be16(h->version, end, &version) || !np_get_be16(h->count, end, &count) ||
	    !np_get_be32(h->sys_uptime, end, &uptime) || !np_get_be32(h->unix_secs, end, &secs) ||
	    !np_get_be32(h->unix_nsecs, end, &nsecs) || !np_get_be32(h->flow_sequence, end, &seq) ||
	    !np_has(msg, end, NF5_HEADER) || version != 5) {
		ex->st.malformed++;
		return;
	}
	/* A count past 30, or more records than bytes, or bytes left over:
	 * counted once; the whole records that are there are still read. */
	size_t whole = (len - NF5_HEADER) / NF5_RECORD;
	if (count > NF5_MAX_COUNT || (size_t)count != whole || (len - NF5_HEADER) % NF5_RECORD)
		ex->st.malformed++;
	if (count > whole)
		count = (uint16_t)whole;
	nf5_sequence(ex, seq, count);
	struct nf5_clock clk = {(int64_t)secs * 1000000 + (nsecs % 1000000000u) / 1000, uptime};
	const uint8_t *p = msg + NF5_HEADER;
	for (uint16_t i = 0; i < count; i++, p += NF5_RECORD)
		decode_record(ex, &clk, p, end);
}

/* Over TCP (not a NetFlow custom, but cheap): the header's count says it. */
static size_t nf5_message_length(const uint8_t *head, size_t n)
{
	uint16_t count;
	if (!np_get_be16(head + 2, head + n, &count) || count == 0 || count > NF5_MAX_COUNT)
		return 0;
	return NF5_HEADER + (size_t)count * NF5_RECORD;
}

const np_msg_decoder np_msg_netflow5 = {5, "NetFlow v5", NULL, NULL, nf5_decode, nf5_message_length};
