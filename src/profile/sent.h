/*
 * sent.h - continuous profiling (watch): which client rows the inventory
 * already holds from the batch merged before, so that a batch leaves out
 * the client rows of flows still active that would change nothing (no
 * flows to add, first and last seen within what is stored). A long idle
 * timeout keeps most of a busy link's flows active and quiet between two
 * commits; each of them cost a lookup and an update per commit.
 *
 * The same of server rows: a server the batch before stored is marked
 * stored (its row is there: the store need not look for it), and
 * unchanged when its upsert would change nothing (no counts, no client
 * row left to send, no ties, times, confidence, status and service within
 * what was stored), which the merge then leaves out.
 *
 * The rows left out are exactly those whose update is a no-op, so the
 * inventory ends the same. Only servers of the batch before (whose rows
 * exist: no alert is raised for them) lose rows. Memory: one entry per
 * client row and per server of the last batch.
 *
 * Not for: storage (inventory.h), deciding (profiler.h).
 */
#ifndef NP_SENT_H
#define NP_SENT_H

#include <stdbool.h>
#include <stddef.h>

#include "profiler.h"

typedef struct np_sent np_sent;

/* NULL when out of memory; the functions below then leave all rows in. */
np_sent *np_sent_new(void);
void np_sent_free(np_sent *s);
/* Leave out of servers (sorted as np_profiler_servers gives them) the
 * client rows the store holds already, and mark the servers stored and
 * unchanged (see above); what is left goes to the store. Returns how many
 * client rows were left out. */
size_t np_sent_filter(np_sent *s, np_server *servers, size_t n);
/* The batch filtered last was stored (true: remember what it held, as the
 * store now holds it) or not (false: forget everything). */
void np_sent_stored(np_sent *s, bool ok);

#endif
