/*
 * pipeline.h - a capture into a flow table on two cores.
 *
 * A reader thread reads the source (libpcap), decodes each packet and
 * observes it (np_flow_observe: key, hash, bytes, flags, payload); the
 * observations travel in chunks through a ring to the calling thread,
 * which accounts them in the table, so the table's emit callback, the
 * payload hook, the writers and the caller's hooks all run on the caller's
 * thread, in packet order, exactly as np_flow_table_add would have them.
 *
 * Two threads for a regular file and for a live capture. For a file the
 * ring is small and the reader waits for room. For a live capture the
 * ring is large (it, and the kernel's buffer, absorb the moments the
 * caller's thread spends elsewhere: writing, committing) and what the
 * reader has is handed over as soon as libpcap's read returns (a block of
 * packets, or its timeout), so records never wait for a chunk to fill.
 * A pipe or a FIFO is read on the calling thread, one packet at a time
 * through np_flow_table_add (a reader blocked on a quiet pipe could not be
 * stopped by a signal), so callers need no case of their own for those.
 *
 * Not for: decoding for print (cli/decode.c reads the source itself).
 */
#ifndef NP_PIPELINE_H
#define NP_PIPELINE_H

#include "../capture/source.h"
#include "flow.h"

/* What the caller does on its own thread while packets flow. Each hook is
 * optional. */
typedef struct np_pipeline_hooks {
	/* Before each packet is accounted, with its time (watch --pace waits
	 * here). */
	void (*before)(void *ctx, int64_t ts_us);
	/* After each packet is handed to the table, with its time (with an
	 * unbatched table the flows it ended have been emitted; a batching
	 * one may hold it until np_flow_table_sync): watch commits from here. */
	void (*after)(void *ctx, int64_t ts_us);
	/* About every NP_PIPELINE_TICK_MS, whether packets come or not, and at
	 * once when the source was broken off (np_source_break, from a signal
	 * handler): flush output, act by the clock, answer signals. Returns
	 * false to end the run (np_flow_pipeline_run then returns 1, as when
	 * broken off). Without a tick, a break ends the run. */
	bool (*tick)(void *ctx);
	/* Each decoded packet (its time in ts_sec/ts_frac), before it is
	 * accounted: for checks that read whole packets (watch --anomalies).
	 * With it the run stays on the calling thread, which decodes. */
	void (*packet)(void *ctx, const np_packet *pkt);
	/* Each decoded packet that may carry a tunnel (np_tunnel_candidate),
	 * before it is accounted: what tunnels carry (flow/decap.h). Unlike
	 * `packet`, it keeps the run on two cores: the reader passes such
	 * packets (few) over whole, and they are decoded again here. */
	void (*tunnel)(void *ctx, const np_packet *pkt);
	void *ctx;
} np_pipeline_hooks;

#define NP_PIPELINE_TICK_MS 100

/* Read up to `count` packets of src (0 = all) into t. Returns what
 * np_source_loop returns: 0 at end of input, 1 when broken off (or a tick
 * ended it), -1 on a read error (src->err says what); every packet read
 * before the fault has been accounted. The table is synced, not flushed:
 * fragments still held stay in its fragment state (np_flow_table_frags),
 * so a datagram split across two files read one after the other still
 * comes together. Where a second thread cannot run (a pipe, no thread),
 * the same work is done on the calling thread. hooks may be NULL. */
int np_flow_pipeline_run(np_source *src, long count, np_flow_table *t, bool want_payload,
			 const np_pipeline_hooks *hooks);

#endif
