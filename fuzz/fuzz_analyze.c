/*
 * fuzz_analyze.c - libFuzzer target over `explain` and `anomalies`: the
 * decoder, then the story teller (conversations, ARP/DNS/probe rings,
 * traceroutes, hosts) and every named check (fragments, ARP table, scan
 * table) over a sequence of packets, then the end of input.
 *
 * Input (the record layout of fuzz_flow.c, so its seeds serve here too):
 *   byte 0  bits 0-3 link type (as fuzz_decode), bit 4 JSON output
 *   byte 1  bits 0-3 conversation slots - 1, bits 4-7 host slots - 1
 *   byte 2  bits 0-3 scan sources - 1 (small tables: eviction runs)
 *   then up to MAX_PACKETS records:
 *           [2 bytes big-endian: bits 0-11 captured length, bits 12-15
 *            wire length beyond it in 64-byte steps][time code][frame]
 * Time code: 0-127 forward that many 50 ms steps, 128-253 back that many
 * (minus 128) 50 ms steps, 254 a jump of a day ahead, 255 of a day back.
 *
 * Each frame is a private heap copy freed after both consumers saw it,
 * so a pointer kept into it is caught. Output goes to /dev/null.
 */
#include "../src/analyze/anomalies.h"
#include "../src/analyze/explain.h"
#include "fuzz_common.h"

#define MAX_PACKETS 96

static const int link_types[] = {
	NP_DLT_EN10MB, NP_DLT_LINUX_SLL, NP_DLT_LINUX_SLL2, NP_DLT_NULL,         NP_DLT_LOOP,
	NP_DLT_RAW,    NP_DLT_IPV4,      NP_DLT_IPV6,       NP_DLT_LINKTYPE_RAW,
};

static bool json;

static void on_step(void *ctx, const np_step *s)
{
	(void)ctx;
	np_step_write(fuzz_out(), s, json, false);
	fuzz_out()->len = 0;
}

static void on_finding(void *ctx, const np_finding *f)
{
	(void)ctx;
	np_finding_write(fuzz_out(), f, json, false);
	fuzz_out()->len = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	int dlt = link_types[(data[0] & 15) % (sizeof(link_types) / sizeof(link_types[0]))];
	json = (data[0] >> 4) & 1;
	/* small tables, so eviction and the full-table paths run */
	np_explain *e = np_explain_new_sized(on_step, NULL, 1u + (data[1] & 15), 1u + (data[1] >> 4));
	np_anomalies *a = np_anomalies_new_sized(on_finding, NULL, 1u + (data[2] & 15));
	if (!e || !a)
		abort();
	static np_packet pkt;
	int64_t us = 1700000000LL * 1000000;
	size_t off = 3;
	for (uint64_t i = 1; i <= MAX_PACKETS && off + 3 <= size; i++) {
		uint16_t lv = (uint16_t)(data[off] << 8 | data[off + 1]);
		uint8_t code = data[off + 2];
		us += code < 128    ? code * 50000LL
		      : code < 254  ? -(code - 128) * 50000LL
		      : code == 254 ? 86400000000LL
				    : -86400000000LL;
		off += 3;
		size_t n = lv & 0x0fff;
		if (n > size - off)
			n = size - off;
		uint8_t *frame = fuzz_copy(data + off, n);
		off += n;
		memset(&pkt, 0, sizeof(pkt));
		np_decode(&pkt, dlt, frame, (uint32_t)n, (uint32_t)n + (uint32_t)(lv >> 12) * 64);
		pkt.ts_sec = us / 1000000;
		pkt.ts_frac = (uint32_t)(us % 1000000 + (us % 1000000 < 0 ? 1000000 : 0));
		np_explain_packet(e, &pkt, i);
		np_anomalies_packet(a, &pkt, i);
		free(frame);
	}
	np_explain_finish(e);
	np_explain_free(e);
	np_anomalies_free(a);
	return 0;
}
