/*
 * writer_ipfix.h - flow records out as IPFIX (RFC 7011) through libfixbuf:
 * to a file or standard output, or to a collector over UDP or TCP as the
 * flows end. Elements: flow/ipfix_model.h (YAF's record, CERT's flags and
 * silkAppLabel, RFC 5103 reverse elements for biflows).
 *
 * Over UDP the templates are sent again every template_refresh_s seconds
 * (RFC 7011 section 8.4: a collector that starts late, or lost the
 * datagram, learns them again).
 *
 * Not for: text, CSV or JSON (flow/writer.h), reading IPFIX (collect/).
 */
#ifndef NP_WRITER_IPFIX_H
#define NP_WRITER_IPFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flow.h"

typedef struct np_ipfix_writer np_ipfix_writer;

#define NP_IPFIX_TEMPLATE_REFRESH_S 60

/* target: a file path, "-" (standard output), udp://HOST:PORT or
 * tcp://HOST:PORT. uniflow: one record per direction. live: send each
 * record as it comes (watch, live capture) instead of filling messages.
 * NULL with a message in err when the target cannot be opened. */
np_ipfix_writer *np_ipfix_writer_open(const char *target, bool uniflow, bool live, uint32_t template_refresh_s,
				      char *err, size_t errlen);
/* Encode on a thread of its own (not live; before the first flow): for a
 * run that reads a file as fast as it can. Flows wait in batches of 256
 * for the thread, so a record may wait for 255 more or for a flush;
 * np_ipfix_writer_flush waits for the thread, and the counts and the
 * error are current after it. */
void np_ipfix_writer_use_thread(np_ipfix_writer *w);
/* Write one flow. After a send or write error the writer drops the
 * records that follow (counted) and keeps the first error. */
void np_ipfix_writer_write(np_ipfix_writer *w, const np_flow *f);
/* flows --decap: add the templates of inner records, and the RFC 5610
 * records that name netprofile's own elements, before the first record;
 * false with the writer's error set. */
struct np_flow_tunnel;
bool np_ipfix_writer_enable_tunnels(np_ipfix_writer *w);
/* An inner record, with its tunnel (after np_ipfix_writer_enable_tunnels). */
void np_ipfix_writer_write_inner(np_ipfix_writer *w, const np_flow *f, const struct np_flow_tunnel *t);
/* Send what is buffered. */
void np_ipfix_writer_flush(np_ipfix_writer *w);
/* The first error, or NULL. */
const char *np_ipfix_writer_error(const np_ipfix_writer *w);
uint64_t np_ipfix_writer_records(const np_ipfix_writer *w);
uint64_t np_ipfix_writer_dropped(const np_ipfix_writer *w);
/* Flush and free; returns 0, or -1 when any record was not written. */
int np_ipfix_writer_close(np_ipfix_writer *w);

/* Whether a --export / -o target names a network collector. */
bool np_ipfix_target_is_net(const char *target);

#endif
