/*
 * fuzz_flow.c - libFuzzer target over the flow path: decoder, fragment
 * observer, flow table (batching, timeouts, eviction, clocks stepping
 * back), flow writers and the profiler behind the table's hooks.
 *
 * Input:
 *   byte 0  bits 0-3 link type (as fuzz_decode), bit 4 profiler no_flags,
 *           bit 5 every writer field (else the default set), bit 6
 *           --validate after the profiler has finished, bit 7 tunnels
 *           opened (flow/decap.h: inner flows written and profiled)
 *   byte 1  bit 0 batch, bit 1 uniflow, bits 2-3 format (text, csv, json),
 *           bits 4-7 max_flows - 1 (1..16)
 *   byte 2  bits 0-3 idle timeout (1..5 s), bits 4-7 active timeout (2..10 s)
 *   then up to MAX_PACKETS records:
 *           [2 bytes big-endian: bits 0-11 captured length, bits 12-15
 *            wire length beyond it in 64-byte steps][time code][frame]
 *           (a record cut short by the end of input keeps what is left)
 * Time codes, from the previous packet's time (see step_time): forward
 * small or past the timeouts, backward small or past the idle timeout,
 * jumps of years, before 1970, and an explicit expiry sweep.
 *
 * Each frame is a private heap copy of exactly its bytes, decoded and
 * added to the table, then freed (so a table keeping a pointer into it is
 * caught). Ended flows are written to /dev/null and handed to the
 * profiler; at the end the table is flushed and the servers decided. The
 * sanitizers (and the leak checker) do the judging.
 */
#include "../src/flow/decap.h"
#include "../src/flow/flow.h"
#include "../src/flow/writer.h"
#include "../src/profile/profiler.h"
#include "fuzz_common.h"

#define MAX_PACKETS 64
#define SEC 1000000LL
/* pcap's 32-bit seconds, read as signed: the range a capture can give. */
#define TS_MIN (-(1LL << 31) * SEC)
#define TS_MAX (((1LL << 31) - 1) * SEC)

static const int link_types[] = {
	NP_DLT_EN10MB, NP_DLT_LINUX_SLL, NP_DLT_LINUX_SLL2, NP_DLT_NULL,         NP_DLT_LOOP,
	NP_DLT_RAW,    NP_DLT_IPV4,      NP_DLT_IPV6,       NP_DLT_LINKTYPE_RAW,
};

struct run {
	np_flow_writer w;
	np_profiler *prof;
};

static void emit_flow(void *ctx, const np_flow *f)
{
	struct run *r = ctx;
	np_flow_writer_write(&r->w, f);
	np_profiler_add_flow(r->prof, f, true);
}

static void emit_inner(void *ctx, const np_flow *f, const np_flow_tunnel *tun)
{
	struct run *r = ctx;
	np_flow_writer_write_inner(&r->w, f, tun);
	np_profiler_add_tunnelled(r->prof, f, true, tun);
}

/* The next packet's time; *sweep asks for an expiry sweep. */
static int64_t step_time(int64_t ts, uint8_t code, bool *sweep)
{
	int64_t v = code & 63;
	*sweep = false;
	switch (code >> 6) {
	case 0: ts += v * 37000; break;           /* forward 0..2.3 s */
	case 1: ts += (v + 1) * (SEC + 3); break; /* forward 1..64 s: past idle, active, hold */
	case 2: ts -= v * 37000; break;           /* backward 0..2.3 s */
	default:
		if (v < 48)
			ts -= (v + 1) * (SEC + 3); /* backward 1..48 s */
		else if (v == 48)
			ts += 10 * 365 * 86400 * SEC; /* years ahead */
		else if (v == 49)
			ts -= 10 * 365 * 86400 * SEC; /* years back */
		else if (v == 50)
			ts = -(int64_t)(code ^ 0x5a) * SEC; /* damaged: before 1970 */
		else if (v == 51)
			ts = TS_MAX - 2 * SEC; /* the end of 32-bit time */
		else if (v == 52)
			*sweep = true; /* np_flow_table_expire at the table's clock */
		else
			ts += v - 52; /* a few microseconds */
		break;
	}
	if (ts < TS_MIN)
		ts = TS_MIN;
	if (ts > TS_MAX)
		ts = TS_MAX;
	return ts;
}

/* The pipeline's shortcut past the decoder (np_flow_observe_frame) must
 * give what the decoder and np_flow_observe give, or nothing. */
static void check_frame(int dlt, const uint8_t *frame, uint32_t caplen, uint32_t wirelen, int64_t ts)
{
	static np_flow_frags *fast, *full;
	static np_packet p;
	if (!fast) {
		fast = np_flow_frags_new();
		full = np_flow_frags_new();
	}
	np_flow_obs a, b[NP_FLOW_OBS_MAX], rest[NP_FLOW_HOLD];
	if (!np_flow_observe_frame(fast, dlt, frame, caplen, wirelen, ts, true, &a))
		return;
	np_decode(&p, dlt, frame, caplen, wirelen);
	unsigned n = np_flow_observe(full, &p, ts, true, b);
	np_flow_frags_release(full, rest);
	if (n != 1 || memcmp(&a.k, &b[0].k, sizeof(a.k)) != 0 || a.hash != b[0].hash || a.bytes != b[0].bytes ||
	    a.plen != b[0].plen || a.flags != b[0].flags || a.status != b[0].status ||
	    (a.plen && a.payload != b[0].payload))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	uint8_t b0 = data[0], b1 = data[1], b2 = data[2];
	int dlt = link_types[(b0 & 15) % (sizeof(link_types) / sizeof(link_types[0]))];

	static struct run r;
	np_profile_config pc = {.no_flags = (b0 >> 4) & 1};
	r.prof = np_profiler_new(&pc);
	char bad[64];
	int format = ((b1 >> 2) & 3) % 3;
	if (np_flow_writer_init(&r.w, fuzz_out(), format, (b1 >> 1) & 1, (b0 >> 5) & 1 ? np_flow_field_names() : NULL,
				bad) != 0)
		abort(); /* every name in np_flow_field_names() must be accepted */

	np_flow_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.batch = b1 & 1;
	cfg.max_flows = 1u + (b1 >> 4);
	cfg.idle_timeout_s = 1u + (b2 & 15) % 5;
	cfg.active_timeout_s = 2u + (b2 >> 4) % 9;
	cfg.payload_fn = np_profiler_payload;
	cfg.payload_ctx = r.prof;
	np_flow_table *t = np_flow_table_new(&cfg, emit_flow, &r);
	if (!t)
		abort();
	np_flow_config inner_cfg = cfg;
	inner_cfg.batch = false;
	np_decap *decap = (b0 >> 7) & 1 ? np_decap_new(&inner_cfg, false, emit_inner, &r) : NULL;

	static np_packet pkt;
	int64_t ts = 1700000000 * SEC;
	size_t off = 3;
	for (int i = 0; i < MAX_PACKETS && off + 3 <= size; i++) {
		uint16_t lv = (uint16_t)(data[off] << 8 | data[off + 1]);
		bool sweep;
		ts = step_time(ts, data[off + 2], &sweep);
		off += 3;
		size_t n = lv & 0x0fff;
		if (n > size - off)
			n = size - off;
		uint8_t *frame = fuzz_copy(data + off, n);
		off += n;
		memset(&pkt, 0, sizeof(pkt));
		check_frame(dlt, frame, (uint32_t)n, (uint32_t)n + (uint32_t)(lv >> 12) * 64, ts);
		np_decode(&pkt, dlt, frame, (uint32_t)n, (uint32_t)n + (uint32_t)(lv >> 12) * 64);
		pkt.ts_sec = ts / SEC;
		pkt.ts_frac = 0;
		if (decap)
			np_decap_packet(decap, &pkt);
		np_flow_table_add(t, &pkt, ts);
		free(frame);
		if (sweep)
			np_flow_table_expire(t, np_flow_table_now(t));
	}
	if (decap)
		np_decap_flush(decap, NP_END_EOF);
	np_decap_free(decap);
	np_flow_table_flush(t, NP_END_EOF);
	if (np_flow_table_active(t) != 0)
		abort(); /* a flushed table holds no flow */

	np_profiler_finish(r.prof);
	if ((b0 >> 6) & 1) {
		np_validation v;
		np_profiler_validate(r.prof, &v);
	}
	size_t nservers;
	const np_server *s = np_profiler_servers(r.prof, &nservers);
	/* Touch every server and client, so ASan checks the list is whole. */
	volatile uint64_t sum = 0;
	for (size_t i = 0; i < nservers; i++) {
		sum += s[i].flows + s[i].packets + (s[i].service ? strlen(s[i].service) : 0) + strlen(s[i].evidence) +
		       strlen(s[i].ties);
		for (uint32_t j = 0; j < s[i].nclients; j++)
			sum += s[i].clients[j].flows;
	}
	(void)sum;
	np_flow_table_free(t);
	np_profiler_free(r.prof);
	r.prof = NULL;
	fuzz_out()->len = 0; /* discard the text */
	return 0;
}
