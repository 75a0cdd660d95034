/*
 * fuzz_netflow.c - libFuzzer target over collector input: export messages
 * (NetFlow v5 by hand; v9 through libfixbuf's translator, netflow9.c; IPFIX
 * through ipfix.c) from several exporters, through the pairing window and into a
 * profiler, as watch --listen takes them.
 *
 * Input: records of [exporter byte][2-byte length][message]; the exporter
 * byte (low 3 bits) picks one of 8 exporters, so templates and sequence
 * numbers are kept per exporter across messages; byte 0 of the input sets
 * the pairing window (bit 0 off: pairing off). Every message is copied to
 * its own heap block so ASan sees a read past it. Crashes, leaks, endless
 * loops and undefined behaviour are bugs.
 */
#include <stdio.h>

#include "../src/collect/source.h"
#include "../src/profile/profiler.h"
#include "fuzz_common.h"

static void take(void *ctx, const np_flow *f, bool has_flags)
{
	np_profiler_add_flow(ctx, f, has_flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	np_flowsrc_opts opts = {(int64_t)(data[0] >> 1) * 1000000, !(data[0] & 1)};
	np_flowsrc *src = np_flowsrc_open_fed("fuzz", &opts);
	np_profiler *prof = np_profiler_new(NULL);
	if (!src || !prof) {
		np_flowsrc_close(src);
		np_profiler_free(prof);
		return 0;
	}
	size_t off = 1;
	while (off + 3 <= size) {
		char name[16];
		snprintf(name, sizeof(name), "exporter%u", data[off] & 7u);
		size_t len = (size_t)data[off + 1] << 8 | data[off + 2];
		off += 3;
		if (len > size - off)
			len = size - off;
		uint8_t *msg = fuzz_copy(data + off, len);
		np_flowsrc_feed(src, name, msg, len, take, prof);
		free(msg);
		off += len;
	}
	np_flowsrc_flush(src, take, prof);
	np_exporter_stats t;
	np_flowsrc_totals(src, &t);
	np_flowsrc_close(src);
	np_profiler_finish(prof);
	np_profiler_free(prof);
	return 0;
}
