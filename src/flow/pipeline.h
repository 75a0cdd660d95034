/*
 * pipeline.h - a capture into a flow table on two cores.
 *
 * A reader thread reads the source (libpcap), decodes each packet and
 * observes it (np_flow_observe: key, hash, bytes, flags, payload); the
 * observations travel in chunks through a small ring to the calling thread,
 * which accounts them in the table, so the table's emit callback, the
 * payload hook and the writers all run on the caller's thread, in packet
 * order, exactly as np_flow_table_add would have them.
 *
 * Two threads only for a regular file: a live capture, a pipe or a FIFO
 * is read on the calling thread, one packet at a time through
 * np_flow_table_add (a reader blocked on a quiet pipe could not be
 * stopped by a signal, and records would wait for a chunk to fill), so
 * callers need no case of their own for those.
 */
#ifndef NP_PIPELINE_H
#define NP_PIPELINE_H

#include "../capture/source.h"
#include "flow.h"

/* Read up to `count` packets of src (0 = all) into t. Returns what
 * np_source_loop returns: 0 at end of input, 1 when broken off, -1 on a
 * read error (src->err says what); every packet read before the fault has
 * been accounted. The table is synced, not flushed: fragments still held
 * stay in its fragment state (np_flow_table_frags), so a datagram split
 * across two files read one after the other still comes together. Where a
 * second thread cannot run (not a regular file, no thread), the same work
 * is done on the calling thread. */
int np_flow_pipeline_run(np_source *src, long count, np_flow_table *t, bool want_payload);

#endif
