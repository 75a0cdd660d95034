/*
 * pair.h - uniflow records into biflows, as they stream in from exporters
 * that send one record per direction (NetFlow v5/v9, softflowd, uniflow
 * IPFIX), and the one rule both this window and the table reader
 * (table.c, which pairs a whole table at once) use to join two directions.
 *
 * A record waits in a bounded window for its other direction: the record
 * with the reverse key (addresses, ports swapped; same protocol and VLAN)
 * whose times overlap its own within the window. The two go on as one
 * biflow, forward = the earlier start (equal starts: see np_pair_join). A
 * record leaves alone when its window passes - by the window's
 * clock (the latest record end seen) or by the wall clock (so a quiet
 * exporter does not hold records back) - or, when NP_PAIR_MAX records
 * wait, the oldest leaves to make room. Nothing is ever dropped.
 *
 * Not for: biflow records (they go straight on) or deciding servers.
 */
#ifndef NP_COLLECT_PAIR_H
#define NP_COLLECT_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "../flow/flow.h"

enum { NP_PAIR_MAX = 65536 };
#define NP_PAIR_WINDOW_US (120LL * 1000000)

/* tag: what the caller keeps beside the record (source.c: the tunnel an
 * inner record came through, 0 none), handed back with it. */
typedef void (*np_pair_fn)(void *ctx, const np_flow *f, bool has_flags, uint32_t tag);

/* Join b (the other direction of a's conversation, key reversed, only its
 * fwd filled) to a into out: forward = the earlier start; on a tie the
 * side that sent SYN without ACK, else the one to a well-known port from
 * one that is not, else a. */
void np_pair_join(const np_flow *a, const np_flow *b, np_flow *out);
/* Whether b can be a's other direction: reverse keys, times within slack. */
bool np_pair_matches(const np_flow *a, const np_flow *b, int64_t slack_us);

typedef struct np_pairer np_pairer;

/* window_us 0: NP_PAIR_WINDOW_US. NULL when out of memory. */
np_pairer *np_pairer_new(int64_t window_us);
void np_pairer_free(np_pairer *p);
/* One uniflow record (key and fwd); wall_us: when it came (monotonic).
 * Hands on a biflow when it completes one, and whatever leaves the window.
 * Records pair only with records of the same tag. */
void np_pairer_add(np_pairer *p, const np_flow *f, bool has_flags, uint32_t tag, int64_t wall_us, np_pair_fn fn,
		   void *ctx);
/* Hand on the records whose window has passed by wall_us. */
long np_pairer_expire(np_pairer *p, int64_t wall_us, np_pair_fn fn, void *ctx);
/* Hand on every waiting record, oldest first. */
long np_pairer_flush(np_pairer *p, np_pair_fn fn, void *ctx);
uint32_t np_pairer_waiting(const np_pairer *p);

#endif
